"""The rules the jaarplan and the jaarverslag share: which activities, projects and
meetings belong to a year, and how the documents name them.

- an *activity* of a cluster programme belongs to the year when its period overlaps
  the year (without a begin it runs since always, without an end it runs on); an
  activity without any dates belongs to it when it is gepland or lopend, an idea
  without dates is named apart; a finished or stopped activity without an end
  ended when it was last updated;
- a *project* belongs to the year when its period overlaps the year and it was not
  stopped; a project that is still an idea is named apart;
- a *meeting* belongs to the year of its date, whatever its status (a planned one is
  a vergadering with the status concept).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from waterketen_cli import dutch
from waterketen_cli.models.records import Activiteit, Cluster, Overleg, Project, Regio
from waterketen_cli.models.types import (
    Activiteitstatus,
    Overlegsoort,
    Projectstatus,
    Vergaderstatus,
)
from waterketen_cli.records.dataset import Gegevens

EERSTE_JAAR, LAATSTE_JAAR = 1990, 2100

#: The order in which bodies appear: bestuur first, the theme meetings last.
_OVERLEGVOLGORDE = (
    Overlegsoort.STUURGROEP,
    Overlegsoort.CLUSTERCOORDINATORENOVERLEG,
    Overlegsoort.MANAGEMENTOVERLEG,
    Overlegsoort.WATERTEAM,
    Overlegsoort.THEMABIJEENKOMST,
)
#: How the schedule names a meeting's status.
VERGADERSTATUS = {
    Vergaderstatus.CONCEPT: "gepland",
    Vergaderstatus.UITGENODIGD: "uitgenodigd",
    Vergaderstatus.GEHOUDEN: "gehouden",
    Vergaderstatus.VERSLAG_VASTGESTELD: "gehouden",
    Vergaderstatus.GEANNULEERD: "geannuleerd",
}
GEHOUDEN = (Vergaderstatus.GEHOUDEN, Vergaderstatus.VERSLAG_VASTGESTELD)


# --- the year and its rules ------------------------------------------------------------------


@dataclass(frozen=True)
class Jaar:
    jaar: int

    @property
    def begin(self) -> dt.date:
        return dt.date(self.jaar, 1, 1)

    @property
    def eind(self) -> dt.date:
        return dt.date(self.jaar, 12, 31)

    def bevat(self, datum: dt.date | None) -> bool:
        return datum is not None and datum.year == self.jaar

    def overlapt(self, begin: dt.date | None, eind: dt.date | None) -> bool:
        return (begin is None or begin <= self.eind) and (eind is None or eind >= self.begin)


def activiteit_in(jaar: Jaar, a: Activiteit) -> bool:
    """Does the activity belong to the year (see the module docstring)? Ideas without
    dates do not: they are named apart."""
    eind = a.eind
    if eind is None and a.status in (Activiteitstatus.AFGEROND, Activiteitstatus.GESTOPT):
        eind = a.bijgewerkt
    if a.begin is None and eind is None:
        return a.status in (Activiteitstatus.GEPLAND, Activiteitstatus.LOPEND)
    return jaar.overlapt(a.begin, eind)


def project_in(jaar: Jaar, p: Project) -> bool:
    """Does the project belong to the year's plan: not stopped, not an idea, running
    in it."""
    if p.status in (Projectstatus.GESTOPT, Projectstatus.IDEE):
        return False
    return jaar.overlapt(p.periode.begin, p.periode.eind)


def periode_tekst(begin: dt.date | None, eind: dt.date | None) -> str:
    """'1 maart 2027 – 31 oktober 2027', 'vanaf 1 juli 2026', 'tot 31 maart 2027', 'doorlopend'."""
    if begin and eind:
        return f"{dutch.datum(begin)} – {dutch.datum(eind)}"
    if begin:
        return f"vanaf {dutch.datum(begin)}"
    if eind:
        return f"tot {dutch.datum(eind)}"
    return "doorlopend"


def project_status(p: Project) -> str:
    if p.status == Projectstatus.VOORSTEL:
        return "voorstel (nog geen besluit)"
    return p.status.value


def clusters_tekst(gegevens: Gegevens, p: Project) -> str:
    """'regionaal', or the names of the project's clusters."""
    if p.regionaal or not p.clusters:
        return "regionaal"
    return ", ".join(c.naam if (c := gegevens.get(Cluster, cid)) else cid for cid in p.clusters)


def themanamen(regio: Regio | None, ids: Iterable[str]) -> list[str]:
    namen = {t.id: t.naam for t in regio.themas} if regio else {}
    return [namen.get(i, i) for i in ids]


def regio_van(gegevens: Gegevens) -> Regio | None:
    return next(iter(gegevens.of(Regio)), None)


def clusters_van(gegevens: Gegevens) -> list[Cluster]:
    return sorted(gegevens.of(Cluster), key=lambda c: (c.naam.casefold(), c.id))


def projecten_van(gegevens: Gegevens) -> list[Project]:
    return sorted(gegevens.of(Project), key=lambda p: (p.titel.casefold(), p.id))


def overleggen_van(gegevens: Gegevens) -> list[Overleg]:
    return sorted(
        gegevens.of(Overleg),
        key=lambda o: (_OVERLEGVOLGORDE.index(o.soort), o.naam.casefold(), o.id),
    )


def waterakkoord_tekst(regio: Regio | None, jaar: int) -> str:
    """Where the year stands in the waterakkoord: 'het laatste jaar van …'."""
    if regio is None:
        return ""
    w = regio.waterakkoord
    looptijd = f"{w.naam} ({w.begin.year}–{w.eind.year})"
    if jaar < w.begin.year:
        return f"{jaar} valt vóór het waterakkoord {looptijd}."
    if jaar > w.eind.year:
        return (
            f"{jaar} valt na de looptijd van het waterakkoord {looptijd}: er is nog geen "
            "nieuw waterakkoord vastgelegd."
        )
    if jaar == w.eind.year:
        return f"{jaar} is het laatste jaar van het waterakkoord {looptijd}."
    nummer = jaar - w.begin.year + 1
    rang = _RANG[nummer - 1] if nummer <= len(_RANG) else f"{nummer}e"
    return f"{jaar} is het {rang} jaar van het waterakkoord {looptijd}."


_RANG = (
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "zesde",
    "zevende",
    "achtste",
    "negende",
    "tiende",
)


@dataclass(frozen=True)
class Mijlpaalregel:
    datum: dt.date
    project: str
    titel: str
    gereed: bool
