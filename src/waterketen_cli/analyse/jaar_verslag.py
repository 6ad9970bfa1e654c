"""The jaarverslag of a year, from the data only: the meetings held, the decisions, the
projects that started, finished or stopped, the milestones, the monitor, the theme
meetings, the newsletters sent and the money against the budget.

The rules, which the document states where it uses them:

- a meeting was *held* when its status says so (gehouden, verslag vastgesteld);
- a project *started* in the year when its period begins in it, on or before today,
  and its status shows it began (lopend, afgerond or gestopt); it was *approved* in
  the year of its approving decision; it was *finished* when its status is afgerond
  and its period ends in the year;
- a project *stopped* on the date of the latest decision about it (a decision naming
  the project, or taken on an agenda item about it) when its status is gestopt; with
  no such decision (none recorded, or in the public version none public) the date is
  unknown, and the project is reported in every year its period overlaps;
- a milestone counts in the year of its planned date: *reached* when it is marked
  gereed, *missed* when that date has passed without it, *lapsed* when its project
  stopped, still to come otherwise (the record does not say when it was reached).

Pure functions of the records and the newsletters handed in; ``gegevens`` is the
internal data or its public view, and everything shown comes from it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from waterketen_cli import dutch
from waterketen_cli.analyse import jaar_financien, jaar_monitor, jaar_vergaderingen
from waterketen_cli.analyse.jaar_regels import (
    GEHOUDEN,
    Jaar,
    Mijlpaalregel,
    clusters_tekst,
    clusters_van,
    projecten_van,
    regio_van,
    themanamen,
    waterakkoord_tekst,
)
from waterketen_cli.analyse.jaar_vergaderingen import Besluitblok, Overlegjaar
from waterketen_cli.models.records import Overleg, Project, Regio, Vergadering
from waterketen_cli.models.types import Overlegsoort, Projectstatus
from waterketen_cli.records.dataset import Gegevens

if TYPE_CHECKING:
    from waterketen_cli.documentformaat import Afbeelding
    from waterketen_cli.escape import Markdown
    from waterketen_cli.records.nieuwsbrief import Nieuwsbrief


@dataclass(frozen=True)
class Projectgebeurtenis:
    titel: str
    clusters: str
    themas: str
    datum: dt.date | None
    toelichting: str


@dataclass(frozen=True)
class Themabijeenkomst:
    vergadering: Vergadering
    titel: str
    samenvatting: Markdown | None  # the first paragraph of the terugblik
    pagina: str  # where the whole terugblik stands on the website


@dataclass(frozen=True)
class Jaarverslag:
    jaar: int
    vandaag: dt.date
    regio: Regio | None
    waterakkoord: str
    publiek: bool
    overleggen: tuple[Overlegjaar, ...]  # the bodies with a meeting in the year
    besluiten: tuple[Besluitblok, ...]
    goedgekeurd: tuple[Projectgebeurtenis, ...]
    gestart: tuple[Projectgebeurtenis, ...]
    afgerond: tuple[Projectgebeurtenis, ...]
    gestopt: tuple[Projectgebeurtenis, ...]
    gehaald: tuple[Mijlpaalregel, ...]
    gemist: tuple[Mijlpaalregel, ...]
    vervallen: tuple[Mijlpaalregel, ...]
    komend: tuple[Mijlpaalregel, ...]
    monitor: jaar_monitor.Monitorjaar
    themabijeenkomsten: tuple[Themabijeenkomst, ...]
    nieuwsbrieven: tuple[Nieuwsbrief, ...]  # sent in the year
    financien: jaar_financien.Financien
    ontbreekt: tuple[str, ...]

    @property
    def begonnen(self) -> bool:
        return self.vandaag >= dt.date(self.jaar, 1, 1)

    @property
    def voorbij(self) -> bool:
        return self.vandaag > dt.date(self.jaar, 12, 31)

    @property
    def gehouden(self) -> int:
        return sum(len(o.gehouden) for o in self.overleggen)

    @property
    def aantal_besluiten(self) -> int:
        return sum(len(b.besluiten) for b in self.besluiten)


def jaarverslag(
    gegevens: Gegevens, jaar: int, vandaag: dt.date, nieuwsbrieven: Sequence[Nieuwsbrief]
) -> Jaarverslag:
    j = Jaar(jaar)
    regio = regio_van(gegevens)
    projecten = projecten_van(gegevens)
    besluitdata = jaar_vergaderingen.besluitdata(gegevens)
    regels = sorted(
        (
            (p, Mijlpaalregel(m.datum, p.titel, m.titel, m.gereed))
            for p in projecten
            for m in p.mijlpalen
            if j.bevat(m.datum)
        ),
        key=lambda pm: (pm[1].datum, pm[1].project.casefold(), pm[1].titel),
    )
    gestopt = {p.id for p in projecten if p.status == Projectstatus.GESTOPT}
    overleggen = jaar_vergaderingen.overleggen_in(gegevens, j, vandaag)
    financien = jaar_financien.financien(gegevens, jaar)
    verslag = Jaarverslag(
        jaar=jaar,
        vandaag=vandaag,
        regio=regio,
        waterakkoord=waterakkoord_tekst(regio, jaar),
        publiek=gegevens.publiek,
        overleggen=overleggen,
        besluiten=jaar_vergaderingen.besluiten_in(gegevens, j, vandaag),
        goedgekeurd=_goedgekeurd(gegevens, regio, j, projecten, besluitdata),
        gestart=_op_datum(
            _gebeurtenis(gegevens, regio, p, p.periode.begin, _goedkeuring(p, besluitdata))
            for p in projecten
            if j.bevat(p.periode.begin)
            and p.periode.begin <= vandaag
            and p.status in (Projectstatus.LOPEND, Projectstatus.AFGEROND, Projectstatus.GESTOPT)
        ),
        afgerond=_op_datum(
            _gebeurtenis(gegevens, regio, p, p.periode.eind, "")
            for p in projecten
            if p.status == Projectstatus.AFGEROND and j.bevat(p.periode.eind)
        ),
        gestopt=_gestopt(gegevens, regio, j, projecten),
        gehaald=tuple(r for _, r in regels if r.gereed),
        gemist=tuple(
            r for p, r in regels if not r.gereed and p.id not in gestopt and r.datum < vandaag
        ),
        vervallen=tuple(r for p, r in regels if not r.gereed and p.id in gestopt),
        komend=tuple(
            r for p, r in regels if not r.gereed and p.id not in gestopt and r.datum >= vandaag
        ),
        monitor=jaar_monitor.monitorjaar(regio, clusters_van(gegevens), jaar),
        themabijeenkomsten=_themabijeenkomsten(gegevens, j),
        nieuwsbrieven=tuple(
            b for b in nieuwsbrieven if b.verzonden_op is not None and j.bevat(b.verzonden_op)
        ),
        financien=financien,
        ontbreekt=(),
    )
    return _met_ontbrekend(verslag, projecten, j)


def afbeeldingen(verslag: Jaarverslag) -> list[Afbeelding]:
    """The report's charts as images, for Word and PDF."""
    return jaar_monitor.afbeeldingen(verslag.monitor)


# --- meetings and decisions -------------------------------------------------------------------


# --- projects --------------------------------------------------------------------------------


def _gebeurtenis(
    gegevens: Gegevens, regio: Regio | None, p: Project, datum: dt.date | None, toelichting: str
) -> Projectgebeurtenis:
    return Projectgebeurtenis(
        p.titel,
        clusters_tekst(gegevens, p),
        ", ".join(themanamen(regio, p.themas)),
        datum,
        toelichting,
    )


def _goedkeuring(p: Project, besluitdata: dict[str, tuple[dt.date, str]]) -> str:
    if p.besluit is None or p.besluit not in besluitdata:
        return ""
    datum, _ = besluitdata[p.besluit]
    return f"goedgekeurd met besluit {p.besluit} van {dutch.datum(datum)}"


def _goedgekeurd(
    gegevens: Gegevens,
    regio: Regio | None,
    j: Jaar,
    projecten: Sequence[Project],
    besluitdata: dict[str, tuple[dt.date, str]],
) -> tuple[Projectgebeurtenis, ...]:
    found = []
    for p in projecten:
        if p.besluit is None or p.besluit not in besluitdata:
            continue
        datum, overleg = besluitdata[p.besluit]
        if j.bevat(datum):
            toelichting = f"besluit {p.besluit} ({overleg}); looptijd " + (
                f"{dutch.datum(p.periode.begin)} – {dutch.datum(p.periode.eind)}"
            )
            found.append(_gebeurtenis(gegevens, regio, p, datum, toelichting))
    return _op_datum(found)


def _op_datum(gebeurtenissen: Iterable[Projectgebeurtenis]) -> tuple[Projectgebeurtenis, ...]:
    """By date (an unknown one last), then title."""
    return tuple(
        sorted(
            gebeurtenissen,
            key=lambda g: (g.datum is None, g.datum or dt.date.min, g.titel.casefold()),
        )
    )


def _gestopt(
    gegevens: Gegevens, regio: Regio | None, j: Jaar, projecten: Sequence[Project]
) -> tuple[Projectgebeurtenis, ...]:
    found = []
    for p in projecten:
        if p.status != Projectstatus.GESTOPT:
            continue
        besluiten = jaar_vergaderingen.besluiten_over(gegevens, p.id)
        if besluiten:
            v, nummer = besluiten[-1]
            if j.bevat(v.datum):
                toelichting = f"besluit {nummer} ({jaar_vergaderingen.overlegnaam(gegevens, v)})"
                found.append(_gebeurtenis(gegevens, regio, p, v.datum, toelichting))
        elif j.overlapt(p.periode.begin, p.periode.eind):
            geen = "geen openbaar besluit" if gegevens.publiek else "geen besluit vastgelegd"
            toelichting = (
                f"datum onbekend: {geen} over het project; looptijd "
                f"{dutch.datum(p.periode.begin)} – {dutch.datum(p.periode.eind)}"
            )
            found.append(_gebeurtenis(gegevens, regio, p, None, toelichting))
    return _op_datum(found)


# --- theme meetings ----------------------------------------------------------------------------


def _themabijeenkomsten(gegevens: Gegevens, j: Jaar) -> tuple[Themabijeenkomst, ...]:
    from waterketen_cli.communicatie import paginas
    from waterketen_cli.vergaderen import thema

    found = []
    for v in sorted(gegevens.of(Vergadering), key=lambda v: (v.datum, v.id)):
        overleg = gegevens.get(Overleg, v.overleg)
        if overleg is None or overleg.soort != Overlegsoort.THEMABIJEENKOMST:
            continue
        if not j.bevat(v.datum) or v.status not in GEHOUDEN:
            continue
        titel = thema.titel(overleg, thema.thema(gegevens, v, overleg))
        pagina = paginas.vergaderpagina(gegevens, v).removesuffix("index.html")
        found.append(Themabijeenkomst(v, titel, _samenvatting(v.terugblik), pagina))
    return tuple(found)


def _samenvatting(terugblik: str | None) -> Markdown | None:
    """The first paragraph of the write-up, in the safe subset of Markdown."""
    if not terugblik:
        return None
    from waterketen_cli.markdown_subset import subset

    for blok in terugblik.replace("\r\n", "\n").split("\n\n"):
        blok = blok.strip()
        lijst = re.match(r"(?:[-*+>|#`]|\d+[.)](?:\s|$))", blok)
        if blok and not lijst:  # a paragraph, not a heading, list, quote or code
            return subset(blok)
    return None


# --- what is missing ---------------------------------------------------------------------------


def _met_ontbrekend(v: Jaarverslag, projecten: Sequence[Project], j: Jaar) -> Jaarverslag:
    from dataclasses import replace

    regels = []
    for o in v.overleggen:
        if o.niet_verwerkt:
            data = dutch.opsomming([dutch.datum(d) for d in o.niet_verwerkt])
            regels.append(f"{o.overleg.naam}: de vergadering van {data} is nog niet verwerkt.")
    if v.monitor.meetjaar is None:
        regels.append(f"Geen metingen over {j.jaar} of eerder.")
    elif v.monitor.meetjaar != j.jaar:
        regels.append(
            f"Geen metingen over {j.jaar}; de monitor toont de nieuwste, over {v.monitor.meetjaar}."
        )
    if v.monitor.zonder:
        regels.append(
            f"Geen meting over {v.monitor.meetjaar} van: {dutch.opsomming(list(v.monitor.zonder))}."
        )
    for p in projecten:
        if (
            p.status in (Projectstatus.GOEDGEKEURD, Projectstatus.VOORSTEL)
            and j.bevat(p.periode.begin)
            and p.periode.begin < v.vandaag
        ):
            regels.append(
                f"{p.titel}: volgens de planning begonnen op {dutch.datum(p.periode.begin)}, "
                f"maar de status is nog {p.status.value}."
            )
        if (
            p.status == Projectstatus.LOPEND
            and j.bevat(p.periode.eind)
            and p.periode.eind < v.vandaag
        ):
            regels.append(
                f"{p.titel}: de looptijd eindigde op {dutch.datum(p.periode.eind)}, maar de "
                "status is nog lopend."
            )
    if v.financien.jaarbegroting is None:
        regels.append(f"Geen begroting voor {j.jaar} vastgelegd.")
    elif v.financien.jaarbegroting.projecten and not v.financien.jaarbegroting.gerealiseerd:
        regels.append(f"Nog geen realisatie over {j.jaar} vastgelegd.")
    zonder = [t.vergadering.datum for t in v.themabijeenkomsten if t.samenvatting is None]
    if zonder:
        data = dutch.opsomming([dutch.datum(d) for d in zonder])
        regels.append(f"Geen terugblik op de themabijeenkomst van {data}.")
    if not v.nieuwsbrieven and v.begonnen:
        regels.append(f"Geen nieuwsbrief verzonden in {j.jaar}.")
    return replace(v, ontbreekt=tuple(regels))
