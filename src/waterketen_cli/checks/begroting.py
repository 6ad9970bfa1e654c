"""Checks of the regional budget (``data/begrotingen/``) and the verdeelsleutels of the
regio record. Whether the figures add up (overspending, a missing contribution) is no
error in the data: ``waterketen middelen`` shows those as signals.

- ``begroting`` (fout, per record): the id is the year; a verdeelsleutel has a total
  to divide; without one every contribution has an amount; a partner contributes once;
  a realisation's date lies in the year;
- ``verdeelsleutel`` (fout, per record): a key names each kind of partner once; keys
  have distinct ids;
- ``begroting-sleutel`` (fout, across records): the verdeelsleutel a budget names is in
  the regio record; every group of a key has partners, and each of them has the number
  (inhabitants, connections) the key divides by;
- ``begroting-besluit`` (waarschuwing, across records): an allocation, and the adoption
  of the budget, rest on a decision of the stuurgroep.

That a referenced project, organisation or decision exists is the ``verwijzing`` check's;
a contribution of an organisation that is no partner, or that the verdeelsleutel does
not divide over, is a signal of ``middelen`` (it follows from a partner's record, and a
change there should not make a budget invalid).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from waterketen_cli import dutch
from waterketen_cli.checks.facts import Index, Rec
from waterketen_cli.checks.registry import Bevinding, Melding, cross_check, record_check
from waterketen_cli.findings import Ernst, suggest
from waterketen_cli.models.records import (
    Begroting,
    BegrotingFeiten,
    Organisatie,
    OrganisatieFeiten,
    Overleg,
    OverlegFeiten,
    Regio,
    Vergadering,
)

_Aantal = Literal["inwoners", "aansluitingen"]
#: The number an organisation needs for a key that divides by it.
_AANTAL: dict[str, _Aantal] = {"inwoners": "inwoners", "aansluitingen": "aansluitingen"}


@record_check(
    "begroting",
    Ernst.FOUT,
    "een begroting heeft haar jaar als id, een totaal bij een verdeelsleutel, bedragen "
    "zonder sleutel, elke partner één keer en realisatie binnen het jaar",
    Begroting,
)
def check_begroting(b: Begroting) -> Iterator[Bevinding]:
    if b.id != str(b.jaar):
        yield Bevinding(
            ("jaar",),
            f"de begroting van {b.jaar} heet '{b.id}': het id is het jaar",
            f"noem het bestand {b.jaar}.yaml met id: '{b.jaar}', of verbeter het jaar",
        )
    if b.verdeelsleutel is not None and b.totaal is None:
        yield Bevinding(
            ("verdeelsleutel",),
            "een verdeelsleutel verdeelt het totaal, maar de begroting heeft geen totaal",
            "zet 'totaal:' met het bedrag van de begroting",
        )
    if b.totaal is None and not b.bijdragen:
        yield Bevinding(
            ("jaar",),
            "geen totaal en geen bijdragen: de begroting is leeg",
            "zet 'totaal:' (met een verdeelsleutel) of de bijdragen van de partners",
        )
    gezien: dict[str, int] = {}
    for i, bijdrage in enumerate(b.bijdragen):
        if bijdrage.partner in gezien:
            yield Bevinding(
                ("bijdragen", i, "partner"),
                f"'{bijdrage.partner}' staat al bij bijdrage {gezien[bijdrage.partner] + 1}",
                "één bijdrage per partner: tel de bedragen samen",
            )
        gezien.setdefault(bijdrage.partner, i)
        if bijdrage.bedrag is None and b.verdeelsleutel is None:
            yield Bevinding(
                ("bijdragen", i),
                f"de bijdrage van '{bijdrage.partner}' heeft geen bedrag",
                "vul 'bedrag:' in, of noem met 'verdeelsleutel:' de sleutel die het berekent",
            )
    for i, regel in enumerate(b.realisatie):
        if regel.datum is not None and regel.datum.year != b.jaar:
            yield Bevinding(
                ("realisatie", i, "datum"),
                f"{dutch.datum(regel.datum)} ligt niet in {b.jaar}, het jaar van de begroting",
                f"zet wat in een ander jaar is uitgegeven in de begroting van dat jaar "
                f"(data/begrotingen/{regel.datum.year}.yaml)",
            )


@record_check(
    "verdeelsleutel",
    Ernst.FOUT,
    "een verdeelsleutel noemt elke soort partner één keer; elke sleutel heeft een eigen id",
    Regio,
)
def check_verdeelsleutels(regio: Regio) -> Iterator[Bevinding]:
    ids: list[str] = []
    for i, sleutel in enumerate(regio.verdeelsleutels):
        if sleutel.id in ids:
            yield Bevinding(("verdeelsleutels", i, "id"), f"dubbel id '{sleutel.id}'")
        ids.append(sleutel.id)
        soorten: list[str] = []
        for j, deel in enumerate(sleutel.delen):
            if deel.soort.value in soorten:
                yield Bevinding(
                    ("verdeelsleutels", i, "delen", j, "soort"),
                    f"de soort '{deel.soort.value}' staat al in deze verdeelsleutel",
                    "één deel per soort partner: tel de aandelen samen",
                )
            soorten.append(deel.soort.value)


def _sleutels(index: Index) -> dict[str, list[tuple[str, str]]]:
    if index.regio is None:
        return {}
    return index.regio.feiten["verdeelsleutels"]


@cross_check(
    "begroting-sleutel",
    Ernst.FOUT,
    "de verdeelsleutel van een begroting staat in het regiorecord; elke groep van een "
    "sleutel heeft partners, met de aantallen waarnaar verdeeld wordt",
)
def check_sleutel(index: Index) -> Iterator[Melding]:
    if not index.complete("regio"):
        return  # the regio record that would define the keys did not pass its model
    sleutels = _sleutels(index)
    for rec in index.of(Begroting):
        naam = rec.feiten["verdeelsleutel"]
        if naam is not None and naam not in sleutels:
            yield Melding(
                rec.bestand,
                ("verdeelsleutel",),
                f"onbekende verdeelsleutel '{naam}'",
                suggest(naam, sleutels)
                or (
                    f"bekend: {', '.join(sleutels)}"
                    if sleutels
                    else "zet de sleutel bij 'verdeelsleutels:' in het regiorecord"
                ),
            )
    if index.regio is None or not index.complete("organisatie"):
        return
    partners = [o for o in index.of(Organisatie) if o.feiten["partner"]]
    for i, (sleutel, delen) in enumerate(sleutels.items()):
        for j, (soort, naar) in enumerate(delen):
            groep = [o for o in partners if o.feiten["soort"] == soort]
            if not groep:
                yield Melding(
                    index.regio.bestand,
                    ("verdeelsleutels", i, "delen", j, "soort"),
                    f"verdeelsleutel '{sleutel}': geen enkele partner is een {soort}, dus "
                    "niemand draagt dit deel",
                    "kies een andere soort, of verdeel het aandeel over de andere delen",
                )
            veld = _AANTAL.get(naar)
            if veld is None:
                continue
            for org in groep:
                if not org.feiten[veld]:
                    yield _zonder_aantal(org, veld, sleutel)


def _zonder_aantal(org: Rec[OrganisatieFeiten], veld: str, sleutel: str) -> Melding:
    return Melding(
        org.bestand,
        (veld,),
        f"geen {veld}: de verdeelsleutel '{sleutel}' verdeelt naar {veld}",
        f"zet '{veld}:' met het aantal (een geheel getal)",
    )


def _overleg_van(index: Index, nummer: str) -> Rec[OverlegFeiten] | None:
    """The body that took a decision, or None when that cannot be told."""
    plaats = index.besluiten.get(nummer)
    if plaats is None:
        return None
    vergadering = next((v for v in index.of(Vergadering) if v.bestand == plaats[0]), None)
    if vergadering is None:
        return None
    return index.get(Overleg, vergadering.feiten["overleg"])


@cross_check(
    "begroting-besluit",
    Ernst.WAARSCHUWING,
    "een toekenning uit de regionale begroting en de vaststelling van de begroting rusten "
    "op een besluit van de stuurgroep",
)
def check_besluit(index: Index) -> Iterator[Melding]:
    for rec in index.of(Begroting):
        for i, besluit in enumerate(rec.feiten["toekenningen"]):
            if besluit is None:
                yield Melding(
                    rec.bestand,
                    ("toekenningen", i),
                    "toekenning zonder besluit",
                    "zet bij 'besluit:' het nummer van het besluit van de stuurgroep dat "
                    "het bedrag toekende",
                )
                continue
            melding = _niet_stuurgroep(index, rec, ("toekenningen", i, "besluit"), besluit)
            if melding is not None:
                yield melding
        vastgesteld = rec.feiten["vastgesteld"]
        if vastgesteld is not None:
            melding = _niet_stuurgroep(index, rec, ("vastgesteld",), vastgesteld)
            if melding is not None:
                yield melding


def _niet_stuurgroep(
    index: Index, rec: Rec[BegrotingFeiten], pad: tuple[str | int, ...], besluit: str
) -> Melding | None:
    overleg = _overleg_van(index, besluit)
    if overleg is None or overleg.feiten["soort"] == "stuurgroep":
        return None  # an unknown decision is the 'verwijzing' check's
    return Melding(
        rec.bestand,
        pad,
        f"besluit {besluit} is van het overleg '{overleg.id}', niet van de stuurgroep",
        "over de regionale begroting besluit de stuurgroep: noem haar besluit",
    )
