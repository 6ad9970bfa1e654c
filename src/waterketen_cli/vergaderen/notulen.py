"""Checking the filled-in minutes (read by ``notulenlezer``) against the data: the
meeting, its agenda, persons and actions, the beslispunten and the adoption of the
previous minutes; the result is what processing will change (``Verwerking``), with
the new decisions numbered. Not the form the notulist fills in: that is
``notulenformulier``; not writing: that is ``verwerken``.

Checking is all-or-nothing like reading: every problem is reported with its line
number, and nothing is written until the whole document is in order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from waterketen_cli import dutch
from waterketen_cli.findings import suggest
from waterketen_cli.models.records import Actie, Persoon, Vergadering
from waterketen_cli.models.types import Actiestatus, Afhandeling, Uitkomst, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import thema
from waterketen_cli.vergaderen.notulenformulier import te_vaststellen
from waterketen_cli.vergaderen.notulenlezer import Ingevuld, NotulenFout


def _line_of(text: str, needle: str) -> int:
    """A fallback for an Ingevuld made without line numbers."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


class Nieuwbesluit(NamedTuple):
    """A decision the minutes record, numbered."""

    nummer: str
    agendapunt: int
    tekst: str
    uitkomst: Uitkomst = Uitkomst.AANGENOMEN


@dataclass(frozen=True)
class Verwerking:
    """What processing the minutes will change."""

    vergadering: Vergadering
    besluiten: list[Nieuwbesluit]
    nieuwe_acties: list[Actie]  # actiehouder resolved to a person's id
    afgerond: list[Actie]
    vervallen: list[Actie]
    ingevuld: Ingevuld
    #: The previous meeting whose minutes this one adopted, and whether with changes.
    vastgesteld: tuple[Vergadering, bool] | None = None
    #: A themabijeenkomst: per registered guest (index) whether they came; the write-up.
    gasten: dict[int, bool] | None = None
    terugblik: str | None = None


def _actiehouder(wie: str, personen: list[Persoon]) -> str:
    """The id of the person meant: an id, or a name as in the person record (case and
    spacing aside). Raises LookupError with the message when there is not exactly one."""
    ids = {p.id for p in personen}
    if wie.lower() in ids:
        return wie.lower()
    naam = " ".join(wie.split()).casefold()
    matches = sorted(p.id for p in personen if " ".join(p.naam.split()).casefold() == naam)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise LookupError(
            f"actiehouder '{wie}' is niet eenduidig: {', '.join(matches)} heten zo; schrijf het id"
        )
    hint = suggest(wie, [*sorted(ids), *sorted({p.naam for p in personen})])
    raise LookupError(f"onbekende actiehouder '{wie}'" + (f" ({hint})" if hint else ""))


def _agenda_problems(vergadering: Vergadering, ingevuld: Ingevuld) -> list[tuple[int, str]]:
    """The items must be those of the agenda, under the headings the skeleton gave them
    (else the text may land under another item); the besluitenlijst is generated."""
    from waterketen_cli.render import markdown_line  # the template's own 'regel' filter

    errors: list[tuple[int, str]] = []
    agenda = vergadering.agenda
    for nummer, punt in sorted(ingevuld.punten.items()):
        if not 1 <= nummer <= len(agenda):
            errors.append(
                (
                    punt.regel,
                    f"agendapunt {nummer} bestaat niet; de agenda heeft "
                    + dutch.aantal(len(agenda), "punt", "punten"),
                )
            )
            continue
        verwacht = markdown_line(agenda[nummer - 1].titel)
        if " ".join(punt.titel.split()) != verwacht:
            errors.append(
                (
                    punt.regel,
                    f"agendapunt {nummer} heet hier '{punt.titel}', in de agenda '{verwacht}': "
                    "dit verslag hoort bij een andere versie van de agenda; maak het skelet "
                    f"opnieuw met 'waterketen notulen new {vergadering.id}'",
                )
            )
    missing = set(range(1, len(agenda) + 1)) - set(ingevuld.punten)
    for nummer in sorted(missing):
        titel = markdown_line(agenda[nummer - 1].titel)
        errors.append(
            (
                1,
                f"agendapunt {nummer} ('{titel}') ontbreekt in het verslag; "
                f"zet de kop '## {nummer}. {titel}' terug",
            )
        )
    bekende_besluiten = {b.nummer for b in vergadering.besluiten}
    for regel, besluitnummer in ingevuld.besluitenlijst:
        if besluitnummer not in bekende_besluiten:
            errors.append(
                (
                    regel,
                    "deze regel van de besluitenlijst komt niet uit de gegevens; de lijst wordt "
                    "bij het verwerken gemaakt: zet een nieuw besluit onder 'Besluiten:' van "
                    "het agendapunt",
                )
            )
    return errors


def check(
    gegevens: Gegevens, ingevuld: Ingevuld, text: str, pad: str, *, vandaag: dt.date
) -> Verwerking:
    """The minutes must belong to a meeting that was held and not yet processed, follow
    its agenda, and everything they refer to must exist; every error with its line."""
    errors: list[tuple[int, str]] = []
    marker = ingevuld.markering
    vergadering = gegevens.get(Vergadering, ingevuld.vergadering)
    if vergadering is None:
        hint = suggest(ingevuld.vergadering, [v.id for v in gegevens.of(Vergadering)])
        raise NotulenFout(
            pad,
            [
                (
                    marker,
                    f"onbekende vergadering '{ingevuld.vergadering}'"
                    + (f" ({hint})" if hint else ""),
                )
            ],
        )
    if vergadering.status in (Vergaderstatus.GEHOUDEN, Vergaderstatus.VERSLAG_VASTGESTELD):
        raise NotulenFout(
            pad,
            [
                (
                    marker,
                    f"het verslag van {vergadering.id} is al verwerkt "
                    f"(status '{vergadering.status.value}')",
                )
            ],
        )
    if vergadering.status == Vergaderstatus.GEANNULEERD:
        raise NotulenFout(pad, [(marker, f"vergadering {vergadering.id} is geannuleerd")])
    if vergadering.datum > vandaag:
        errors.append(
            (
                marker,
                f"de vergadering van {dutch.datum(vergadering.datum)} is nog niet geweest; "
                "verwerk het verslag na de vergadering",
            )
        )
    personen = gegevens.of(Persoon)
    persoon_ids = {p.id for p in personen}
    for ident in (*ingevuld.aanwezig, *ingevuld.afgemeld):
        if ident not in persoon_ids:
            hint = suggest(ident, sorted(persoon_ids))
            errors.append(
                (
                    ingevuld.aanwezigheidsregels.get(ident) or _line_of(text, f"] {ident} "),
                    f"onbekende persoon '{ident}'" + (f" ({hint})" if hint else ""),
                )
            )
    errors += _agenda_problems(vergadering, ingevuld)
    is_thema = thema.is_themabijeenkomst(gegevens, vergadering)
    gasten = _gasten(vergadering, ingevuld, errors) if is_thema else None
    if is_thema:
        _geen_besluiten(ingevuld, errors)
    else:
        for ident, regel in ingevuld.aanwezigheidsregels.items():
            if ident in ingevuld.gasten:
                errors.append(
                    (regel, "alleen een themabijeenkomst heeft aangemelde gasten van buiten")
                )
        if ingevuld.terugblik is not None:
            errors.append(
                (
                    ingevuld.terugblikregel,
                    "alleen een themabijeenkomst heeft een terugblik; zet de tekst onder "
                    "'Verslag:' van een agendapunt",
                )
            )
    acties = {a.id: a for a in gegevens.of(Actie)}
    for ident in (*ingevuld.afgerond, *ingevuld.vervallen):
        regel = ingevuld.actielijstregels.get(ident) or _line_of(text, f"] {ident} ")
        actie = acties.get(ident)
        if actie is None:
            hint = suggest(ident, sorted(acties))
            errors.append((regel, f"onbekende actie '{ident}'" + (f" ({hint})" if hint else "")))
        elif actie.status != Actiestatus.OPEN:
            errors.append((regel, f"actie '{ident}' is al {actie.status.value}"))
    nieuwe: list[Actie] = []
    taken = set(acties)
    volgnummer = 1
    for nummer, punt in sorted(ingevuld.punten.items()):
        for index, (wat, wie, wanneer) in enumerate(punt.acties):
            regel = (
                punt.actieregels[index] if index < len(punt.actieregels) else _line_of(text, wat)
            )
            try:
                actiehouder = _actiehouder(wie, personen)
            except LookupError as problem:
                errors.append((regel, str(problem)))
                continue
            if wanneer < vergadering.datum:
                errors.append(
                    (regel, f"de deadline {wanneer.isoformat()} ligt voor de vergadering")
                )
                continue
            while f"{vergadering.id}-{volgnummer}" in taken:
                volgnummer += 1
            ident = f"{vergadering.id}-{volgnummer}"
            taken.add(ident)
            nieuwe.append(
                Actie(
                    id=ident,
                    omschrijving=wat,
                    actiehouder=actiehouder,
                    deadline=wanneer,
                    status=Actiestatus.OPEN,
                    vergadering=vergadering.id,
                    agendapunt=nummer,
                )
            )
    # Before the meeting nothing was decided: the date is the only problem worth saying.
    gehouden = vergadering.datum <= vandaag
    uitkomsten = _beslispunten(vergadering, ingevuld, errors) if gehouden else {}
    vastgesteld = _vaststelling(gegevens, vergadering, ingevuld, errors) if gehouden else None
    if errors:
        raise NotulenFout(pad, errors)
    # Numbered within the meeting: no other branch can take the same number. The
    # agenda's beslispunten first, in their order, then the other decisions.
    volgende = len(vergadering.besluiten) + 1
    besluiten = []
    for nummer, punt in sorted(ingevuld.punten.items()):
        genomen = [*uitkomsten.get(nummer, []), *((t, Uitkomst.AANGENOMEN) for t in punt.besluiten)]
        for tekst, uitkomst in genomen:
            besluiten.append(
                Nieuwbesluit(f"B-{vergadering.id}-{volgende}", nummer, tekst, uitkomst)
            )
            volgende += 1
    return Verwerking(
        vergadering,
        besluiten,
        nieuwe,
        [acties[i] for i in ingevuld.afgerond],
        [acties[i] for i in ingevuld.vervallen],
        ingevuld,
        vastgesteld,
        gasten,
        "\n".join(ingevuld.terugblik) if ingevuld.terugblik else None,
    )


def _gasten(
    vergadering: Vergadering, ingevuld: Ingevuld, errors: list[tuple[int, str]]
) -> dict[int, bool]:
    """Which registered guests came ('x'; '-' and blank: not)."""
    ids = {ident: index for index, ident in enumerate(thema.gast_ids(vergadering))}
    result = {}
    for ident, mark in ingevuld.gasten.items():
        if ident not in ids:
            hint = suggest(ident, sorted(ids))
            errors.append(
                (
                    ingevuld.aanwezigheidsregels[ident],
                    f"onbekende gast '{ident}': niet aangemeld voor deze bijeenkomst"
                    + (f" ({hint})" if hint else ""),
                )
            )
            continue
        result[ids[ident]] = mark == "x"
    return result


def _geen_besluiten(ingevuld: Ingevuld, errors: list[tuple[int, str]]) -> None:
    """A themabijeenkomst takes no decisions and agrees no actions."""
    for punt in ingevuld.punten.values():
        for regel in (*punt.besluitregels, *punt.beslispuntregels, *punt.actieregels):
            errors.append(
                (
                    regel,
                    "een themabijeenkomst neemt geen besluiten en spreekt geen acties af; "
                    "zet dit onder 'Verslag:' of in de terugblik",
                )
            )


def _beslispunten(
    vergadering: Vergadering, ingevuld: Ingevuld, errors: list[tuple[int, str]]
) -> dict[int, list[tuple[str, Uitkomst]]]:
    """Per item, what became of each of the agenda's beslispunten: adopted as proposed,
    adopted with changes (the notulist changed the text) or not adopted."""
    result: dict[int, list[tuple[str, Uitkomst]]] = {}
    for nummer, punt in ingevuld.punten.items():
        if not 1 <= nummer <= len(vergadering.agenda) or not punt.beslispunten:
            continue
        agendapunt = vergadering.agenda[nummer - 1]
        voorgesteld = agendapunt.voorstel.beslispunten if agendapunt.voorstel else []
        regels = punt.beslispuntregels
        if len(punt.beslispunten) != len(voorgesteld):
            errors.append(
                (
                    regels[0],
                    f"agendapunt {nummer} heeft "
                    f"{dutch.aantal(len(voorgesteld), 'beslispunt', 'beslispunten')} op de "
                    f"agenda en {len(punt.beslispunten)} in het verslag; laat bij elk "
                    "beslispunt één regel '- [x] …' of '- [-] …' staan, en zet een ander besluit "
                    "als '- tekst' eronder",
                )
            )
            continue
        gekozen = []
        for (mark, tekst), origineel, regel in zip(
            punt.beslispunten, voorgesteld, regels, strict=True
        ):
            if punt.afhandeling == Afhandeling.AANGEHOUDEN:
                if mark.strip():
                    errors.append(
                        (
                            regel,
                            "het punt is aangehouden: er is over dit beslispunt niet besloten; "
                            "laat het vakje leeg",
                        )
                    )
                continue
            if mark.lower() == "x":
                gelijk = " ".join(tekst.split()) == " ".join(origineel.split())
                gekozen.append((tekst, Uitkomst.AANGENOMEN if gelijk else Uitkomst.GEWIJZIGD))
            elif mark == "-":
                gekozen.append((tekst, Uitkomst.VERWORPEN))
            else:
                errors.append(
                    (
                        regel,
                        "kies bij dit beslispunt [x] (aangenomen; pas de tekst aan als het "
                        "gewijzigd is aangenomen) of [-] (niet aangenomen)",
                    )
                )
        result[nummer] = gekozen
    return result


def _vaststelling(
    gegevens: Gegevens,
    vergadering: Vergadering,
    ingevuld: Ingevuld,
    errors: list[tuple[int, str]],
) -> tuple[Vergadering, bool] | None:
    """The previous minutes adopted at the item 'verslag vorige vergadering'."""
    from waterketen_cli.models.types import VastPunt

    found: tuple[Vergadering, bool] | None = None
    for nummer, punt in ingevuld.punten.items():
        if punt.vaststelling is None:
            continue
        agendapunt = vergadering.agenda[nummer - 1] if nummer <= len(vergadering.agenda) else None
        vorige = te_vaststellen(gegevens, vergadering)
        if agendapunt is None or agendapunt.soort != VastPunt.VERSLAG:
            errors.append(
                (
                    punt.vaststellingsregel,
                    "'Vaststelling:' hoort alleen bij het punt over het "
                    "verslag van de vorige vergadering",
                )
            )
        elif vorige is None:
            errors.append(
                (
                    punt.vaststellingsregel,
                    "er is geen gehouden vorige vergadering waarvan het "
                    "verslag nog moet worden vastgesteld; haal de regel weg",
                )
            )
        elif punt.vaststelling != "niet vastgesteld" and punt.afhandeling == Afhandeling.BEHANDELD:
            found = vorige, punt.vaststelling == "met wijzigingen"
    return found
