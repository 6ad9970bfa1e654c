"""A verdeelsleutel applied to a total: what each partner contributes to the regional
budget (``analyse/begroting.py``), and how the rounding went.

Each group of partners (those of one kind with ``partner: true``: gemeenten,
waterschappen, waterbedrijven, ...) gets its share of the total: the groups share it in
proportion to their ``aandeel``, a whole number (60, 25 and 15: 60, 25 and 15 percent;
1, 1 and 1: a third each). A group's share is divided over its partners by inhabitants,
by connections (``inwoners``, ``aansluitingen`` in their organisation records) or in
equal parts. Each partner's amount is rounded to the cent, half up; what the rounding leaves,
a cent or a few either way, goes to the largest contributor (of equals the first, in
the order of the key's groups and by name within a group), so that the amounts add up
to the total exactly. A partner without the number its group is divided by
counts as zero (``validate`` reports it); a group in which nobody has it is divided in
equal parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from waterketen_cli import dutch
from waterketen_cli.models.records import Organisatie, Verdeelsleutel
from waterketen_cli.models.types import Grondslag, Organisatiesoort

NUL = Decimal(0)
CENT = Decimal("0.01")

#: How a verdeelsleutel rounds, as every document says it.
AFRONDING = (
    "elk bedrag op de cent afgerond (vanaf een halve cent naar boven); wat het afronden "
    "overlaat, gaat naar de grootste bijdrager, zodat de bijdragen precies optellen tot "
    "het totaal"
)


@dataclass(frozen=True)
class Groepsdeel:
    """One group of a verdeelsleutel, as applied to a total."""

    soort: str
    aandeel: int  # as in the key: a whole number, shared in proportion with the others
    procent: Decimal  # what that is of the whole key
    naar: str  # Grondslag
    bedrag: Decimal  # what its partners contribute together, to the cent
    partners: int


@dataclass(frozen=True)
class Verdeling:
    """How a verdeelsleutel divided the year's total."""

    sleutel: str  # id in the regio record
    naam: str
    delen: tuple[Groepsdeel, ...]
    afronding: Decimal  # what the rounding left, given to ``ontvanger`` (+ or −)
    ontvanger: str | None  # name of the partner that received it
    ontvanger_id: str | None
    zonder_aantal: tuple[str, ...]  # names of partners without the number the key needs
    bekend: bool = True  # False: the regio record has no key of this id

    @property
    def beschrijving(self) -> str:
        """'gemeenten 60 % naar inwoners, waterschappen 25 % in gelijke delen, ...'"""
        delen = []
        for d in self.delen:
            wie = _MEERVOUD.get(d.soort, d.soort)
            hoe = "in gelijke delen" if d.naar == Grondslag.GELIJK else f"naar {d.naar}"
            heel = d.procent == d.procent.to_integral_value()
            delen.append(f"{wie} {dutch.getal(d.procent, 0 if heel else 2)} % {hoe}")
        return dutch.opsomming(delen)

    @property
    def regel(self) -> str:
        """The rounding rule, and where the rounding went this year."""
        tekst = AFRONDING[0].upper() + AFRONDING[1:]
        if self.afronding and self.ontvanger:
            meer = "meer" if self.afronding > 0 else "minder"
            bedrag = dutch.bedrag(abs(self.afronding))
            tekst += f"; dit jaar betaalt {self.ontvanger} daardoor {bedrag} {meer}"
        return tekst + "."


def verdeel(
    totaal: Decimal,
    sleutel: Verdeelsleutel,
    organisaties: Iterable[Organisatie],
) -> tuple[dict[str, Decimal], Verdeling]:
    """Each partner's contribution to ``totaal`` by ``sleutel`` (partner id -> amount,
    in the order of the partners), and how it went (see the module docstring). Only
    organisations with ``partner: true`` take part."""
    partners = sorted((o for o in organisaties if o.partner), key=_orgvolgorde)
    alle_aandelen = sum(d.aandeel for d in sleutel.delen)
    exact: dict[str, Decimal] = {}
    groepen: list[tuple[str, int, str, list[str]]] = []
    zonder: list[str] = []
    gedekt = NUL  # the part of the total the key divides: all of it, unless a group is empty
    for deel in sleutel.delen:
        groep = [o for o in partners if o.soort == deel.soort]
        groepsdeel = totaal * deel.aandeel / alle_aandelen
        gewichten = {o.id: _gewicht(o, deel.naar) for o in groep}
        zonder += [o.naam for o in groep if gewichten[o.id] is None]
        som = sum((g for g in gewichten.values() if g is not None), NUL)
        for o in groep:
            gewicht = gewichten[o.id]
            # Nobody has the number (validate says so): in equal parts rather than nothing.
            aandeel = Decimal(1) / len(groep) if som == 0 else (gewicht or NUL) / som
            exact[o.id] = exact.get(o.id, NUL) + groepsdeel * aandeel
        if groep:
            gedekt += groepsdeel
        groepen.append((deel.soort.value, deel.aandeel, deel.naar.value, [o.id for o in groep]))
    afgerond = {k: v.quantize(CENT, ROUND_HALF_UP) for k, v in exact.items()}
    rest = gedekt.quantize(CENT, ROUND_HALF_UP) - sum(afgerond.values(), NUL)
    grootste = max(exact, key=lambda k: exact[k]) if exact else None  # the first of equals
    if grootste is not None:
        afgerond[grootste] += rest
    naam = next((o.naam for o in partners if o.id == grootste), None)
    delen = tuple(
        Groepsdeel(
            soort,
            aandeel,
            Decimal(aandeel) * 100 / alle_aandelen,
            naar,
            sum((afgerond[i] for i in ids), NUL),
            len(ids),
        )
        for soort, aandeel, naar, ids in groepen
    )
    return afgerond, Verdeling(
        sleutel.id,
        sleutel.naam,
        delen,
        rest,
        naam if rest else None,
        grootste if rest else None,
        tuple(zonder),
    )


def _gewicht(org: Organisatie, naar: Grondslag) -> Decimal | None:
    if naar == Grondslag.GELIJK:
        return Decimal(1)
    getal = org.inwoners if naar == Grondslag.INWONERS else org.aansluitingen
    return Decimal(getal) if getal is not None else None


def aantal(org: Organisatie, naar: str) -> int | None:
    """The number a key divides by ('inwoners', 'aansluitingen'); None for 'gelijk'."""
    if naar == Grondslag.INWONERS:
        return org.inwoners
    if naar == Grondslag.AANSLUITINGEN:
        return org.aansluitingen
    return None


#: Gemeenten, waterschappen, waterbedrijven, the rest: the order partners are listed in.
SOORTVOLGORDE = {s.value: i for i, s in enumerate(Organisatiesoort)}
_MEERVOUD = {
    "gemeente": "gemeenten",
    "waterschap": "waterschappen",
    "waterbedrijf": "waterbedrijven",
    "provincie": "provincies",
    "overig": "overige partners",
}


def _orgvolgorde(org: Organisatie) -> tuple[int, str, str]:
    """Gemeenten, waterschappen, waterbedrijven, the rest; each by name."""
    return (SOORTVOLGORDE.get(org.soort.value, 99), org.naam.casefold(), org.id)
