"""The meetings of a year: the schedule of the jaarplan (every meeting of the year,
planned ones included, per body) and what the jaarverslag reports (the meetings held
and their decisions). A meeting was *held* when its status says so (gehouden, verslag
vastgesteld)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from waterketen_cli import dutch, publiek
from waterketen_cli.analyse.jaar_regels import GEHOUDEN, VERGADERSTATUS, Jaar, overleggen_van
from waterketen_cli.models.records import Overleg, Vergadering
from waterketen_cli.models.types import Overlegsoort, Uitkomst, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens

# --- the schedule (jaarplan) -------------------------------------------------------------------


@dataclass(frozen=True)
class Vergaderregel:
    vergadering: Vergadering
    tijd: str  # '13.30–16.00 uur'
    status: str
    onderwerp: str  # the theme of a themabijeenkomst, else ""


@dataclass(frozen=True)
class Overlegschema:
    overleg: Overleg
    ritme: str  # the rule in words, or ""
    vergaderingen: tuple[Vergaderregel, ...]


def vergaderschema(gegevens: Gegevens, j: Jaar) -> tuple[Overlegschema, ...]:
    """Every body with its meetings of the year (by date); a body without any too."""
    from waterketen_cli.vergaderen import thema

    per_overleg: dict[str, list[Vergadering]] = {}
    for v in gegevens.of(Vergadering):
        if j.bevat(v.datum):
            per_overleg.setdefault(v.overleg, []).append(v)
    schema = []
    for overleg in overleggen_van(gegevens):
        regels = []
        for v in sorted(per_overleg.get(overleg.id, []), key=lambda v: (v.datum, v.begintijd)):
            onderwerp = ""
            if overleg.soort == Overlegsoort.THEMABIJEENKOMST:
                gekozen = thema.thema(gegevens, v, overleg)
                onderwerp = gekozen.naam if gekozen else ""
            tijd = f"{dutch.klok(v.begintijd)}–{dutch.klok(v.eindtijd)} uur"
            regels.append(Vergaderregel(v, tijd, VERGADERSTATUS[v.status], onderwerp))
        schema.append(Overlegschema(overleg, _ritme(overleg), tuple(regels)))
    return tuple(schema)


def _ritme(overleg: Overleg) -> str:
    if overleg.ritme is None:
        return ""
    from waterketen_cli.vergaderen import planning

    return planning.beschrijving(overleg.ritme)


# --- held and decided (jaarverslag) -------------------------------------------------------

_NIET_GEHOUDEN = (Vergaderstatus.CONCEPT, Vergaderstatus.UITGENODIGD)


@dataclass(frozen=True)
class Overlegjaar:
    overleg: Overleg
    gehouden: tuple[dt.date, ...]
    nog_gepland: tuple[dt.date, ...]  # later in the year
    geannuleerd: tuple[dt.date, ...]
    niet_verwerkt: tuple[dt.date, ...]  # passed, but not recorded as held

    @property
    def data(self) -> str:
        """'13 januari, 24 februari en 7 april': the days held, without the year."""
        return dutch.opsomming([dutch.datum(d).rsplit(" ", 1)[0] for d in self.gehouden])


@dataclass(frozen=True)
class Besluitregel:
    nummer: str
    punt: int  # the agenda item's number (in the public version: its public number)
    agendapunt: str  # its title
    tekst: str
    uitkomst: str  # '' when adopted as proposed
    vertrouwelijk: bool  # only in the internal version


@dataclass(frozen=True)
class Besluitblok:
    vergadering: Vergadering
    overleg: str
    vastgesteld: bool
    besluiten: tuple[Besluitregel, ...]


def overleggen_in(gegevens: Gegevens, j: Jaar, vandaag: dt.date) -> tuple[Overlegjaar, ...]:
    found = []
    for overleg in overleggen_van(gegevens):
        eigen = sorted(
            (v for v in gegevens.of(Vergadering) if v.overleg == overleg.id and j.bevat(v.datum)),
            key=lambda v: v.datum,
        )
        if not eigen:
            continue
        found.append(
            Overlegjaar(
                overleg,
                tuple(v.datum for v in eigen if v.status in GEHOUDEN),
                tuple(v.datum for v in eigen if v.status in _NIET_GEHOUDEN and v.datum >= vandaag),
                tuple(v.datum for v in eigen if v.status == Vergaderstatus.GEANNULEERD),
                tuple(v.datum for v in eigen if v.status in _NIET_GEHOUDEN and v.datum < vandaag),
            )
        )
    return tuple(found)


def besluiten_in(gegevens: Gegevens, j: Jaar, vandaag: dt.date) -> tuple[Besluitblok, ...]:
    recorded = publiek.besluitnummers(gegevens)
    blokken = []
    vergaderingen = sorted(
        (v for v in gegevens.of(Vergadering) if j.bevat(v.datum) and v.besluiten),
        key=lambda v: (v.datum, v.begintijd, v.id),
    )
    for v in vergaderingen:
        regels = []
        for b in v.besluiten:
            punt = v.agenda[b.agendapunt - 1] if b.agendapunt <= len(v.agenda) else None
            geheim = publiek.vertrouwelijk(b.vertrouwelijk, b.vertrouwelijk_tot, vandaag, recorded)
            if punt is not None:
                geheim = geheim or publiek.vertrouwelijk(
                    punt.vertrouwelijk, punt.vertrouwelijk_tot, vandaag, recorded
                )
            regels.append(
                Besluitregel(
                    b.nummer,
                    b.agendapunt,
                    punt.titel if punt else "",
                    b.tekst,
                    "" if b.uitkomst == Uitkomst.AANGENOMEN else b.uitkomst.value,
                    geheim,
                )
            )
        naam = overlegnaam(gegevens, v)
        vastgesteld = v.status == Vergaderstatus.VERSLAG_VASTGESTELD or v.vastgesteld is not None
        blokken.append(Besluitblok(v, naam, vastgesteld, tuple(regels)))
    return tuple(blokken)


def overlegnaam(gegevens: Gegevens, v: Vergadering) -> str:
    overleg = gegevens.get(Overleg, v.overleg)
    return overleg.naam if overleg else v.overleg


def besluitdata(gegevens: Gegevens) -> dict[str, tuple[dt.date, str]]:
    """Every decision number with the date and the name of the body that took it."""
    return {
        b.nummer: (v.datum, overlegnaam(gegevens, v))
        for v in gegevens.of(Vergadering)
        for b in v.besluiten
    }


def besluiten_over(gegevens: Gegevens, project: str) -> list[tuple[Vergadering, str]]:
    """The decisions about a project (naming it, or on an agenda item about it), by date."""
    found = []
    for v in gegevens.of(Vergadering):
        for b in v.besluiten:
            punt = v.agenda[b.agendapunt - 1] if b.agendapunt <= len(v.agenda) else None
            if b.project == project or (punt is not None and punt.project == project):
                found.append((v, b.nummer))
    return sorted(found, key=lambda vb: (vb[0].datum, vb[1]))
