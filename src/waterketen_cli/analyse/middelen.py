"""The deployment of resources: budget and funding of the projects, and what is off.

Pure functions of the records; ``cli.middelen`` loads, renders and prints. The rules
the document states in its header, so that every figure can be checked by hand:

- amounts are Decimal; *ongedekt* = begroting − toegezegd, *tekort* = begroting −
  toegezegd − aangevraagd (negative: more funding than budget);
- a project with several themes or clusters counts in full under each of them: those
  rows overlap, and the total row counts every project once;
- by default projects with status idee or gestopt do not count.

The regional budget (``analyse/begroting.py``: the partners' joint pot, its allocations
to projects and their realisation) is shown beside it, for the whole region: of the
filters only the year applies to it.

This module computes; it makes no chart (``middelen_grafiek``) and no JSON
(``middelen_json``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from waterketen_cli import dutch
from waterketen_cli.analyse import begroting
from waterketen_cli.errors import GebruiksFout
from waterketen_cli.findings import suggest
from waterketen_cli.models.records import Bijdrage, Cluster, Organisatie, Project, Regio
from waterketen_cli.models.types import Financieringsstatus, Organisatiesoort, Projectstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import lookup

#: The kinds of record the analysis reads (the regional budget: begroting.SOORTEN).
SOORTEN = tuple(dict.fromkeys(("project", "organisatie", "cluster", "regio", *begroting.SOORTEN)))

#: Counted unless asked otherwise: ideas have no budget yet, stopped projects no future.
STANDAARD_STATUSSEN = frozenset(Projectstatus) - {Projectstatus.IDEE, Projectstatus.GESTOPT}

#: The row (and the ``--cluster`` value) for the projects of the whole region.
REGIONAAL = "regionaal"

NUL = Decimal(0)


@dataclass(frozen=True)
class Bedragen:
    begroting: Decimal = NUL
    toegezegd: Decimal = NUL
    aangevraagd: Decimal = NUL

    def __add__(self, other: Bedragen) -> Bedragen:
        return Bedragen(
            self.begroting + other.begroting,
            self.toegezegd + other.toegezegd,
            self.aangevraagd + other.aangevraagd,
        )

    @property
    def financiering(self) -> Decimal:
        return self.toegezegd + self.aangevraagd

    @property
    def ongedekt(self) -> Decimal:
        """The budget not covered by promised funding (negative: more promised)."""
        return self.begroting - self.toegezegd

    @property
    def tekort(self) -> Decimal:
        """What is still missing when every request is granted as well."""
        return self.begroting - self.financiering


def optellen(bedragen: Iterable[Bedragen]) -> Bedragen:
    totaal = Bedragen()
    for b in bedragen:
        totaal = totaal + b
    return totaal


@dataclass(frozen=True)
class Selectie:
    """Which projects and years count. ``statussen`` None: the default (see
    ``STANDAARD_STATUSSEN``), or every status when one project is named."""

    statussen: frozenset[Projectstatus] | None = None
    jaar: int | None = None
    cluster: str | None = None
    thema: str | None = None
    project: str | None = None

    def geldende_statussen(self) -> frozenset[Projectstatus]:
        if self.statussen is not None:
            return self.statussen
        return frozenset(Projectstatus) if self.project else STANDAARD_STATUSSEN


#: Kinds of signal, by their JSON id: (heading in the document, what the amount is).
ONGEDEKT = "ongedekt"
TE_VEEL = "meer-dan-begroting"
BUITEN_CLUSTERS = "buiten-clusters"
BUITEN_LOOPTIJD = "buiten-looptijd"
SIGNAALSOORTEN: dict[str, tuple[str, str]] = {
    ONGEDEKT: ("Begroting niet gedekt door toezeggingen", "niet gedekt"),
    TE_VEEL: ("Financiering hoger dan de begroting", "meer dan begroot"),
    BUITEN_CLUSTERS: (
        "Financiering door een organisatie buiten het project",
        "van buiten het project",
    ),
    BUITEN_LOOPTIJD: ("Financiering in een jaar buiten de looptijd", "buiten de looptijd"),
}


@dataclass(frozen=True)
class Signaal:
    soort: str  # a key of SIGNAALSOORTEN
    project: str
    titel: str
    jaar: int
    bedrag: Decimal
    toelichting: str
    partner: str | None = None

    @property
    def bericht(self) -> str:
        """'2027: € 40.000,00 niet gedekt (begroting …)'"""
        wat = SIGNAALSOORTEN[self.soort][1]
        return f"{self.jaar}: {dutch.bedrag(self.bedrag)} {wat} ({self.toelichting})"


@dataclass(frozen=True)
class Partnerdeel:
    """What one organisation puts in: in one project, or in all of them."""

    id: str
    naam: str
    soort: str  # organisation kind; "onbekend" when the record is missing
    is_partner: bool
    toegezegd: Decimal
    aangevraagd: Decimal
    jaren: frozenset[int]
    projecten: frozenset[str]  # ids

    @property
    def totaal(self) -> Decimal:
        return self.toegezegd + self.aangevraagd


@dataclass(frozen=True)
class Totaalregel:
    sleutel: str  # id, year or REGIONAAL
    naam: str
    projecten: int
    bedragen: Bedragen


@dataclass(frozen=True)
class Projectmiddelen:
    project: Project
    clusters: list[str]  # names; ["regionaal"] for a regional project
    themas: list[str]  # names
    totaal: Bedragen
    per_jaar: list[tuple[int, Bedragen]]
    per_partner: list[Partnerdeel]
    signalen: list[Signaal]
    #: From the regional budget, by year: what the stuurgroep allocated to the project
    #: and what it spent of that (not part of the amounts above).
    regionaal: tuple[tuple[int, begroting.Projectbesteding], ...] = ()


@dataclass
class Middelen:
    vandaag: dt.date
    regio: str
    selectie: list[str]  # the header lines that say what counts
    projecten: list[Projectmiddelen]
    totaal: Bedragen
    per_jaar: list[Totaalregel]
    per_thema: list[Totaalregel]
    per_partner: list[Partnerdeel]
    per_cluster: list[Totaalregel]
    signalen: list[Signaal] = field(default_factory=list)
    meer_themas: list[str] = field(default_factory=list)  # ids of projects
    meer_clusters: list[str] = field(default_factory=list)
    jaar: int | None = None  # the selected year, if any
    #: The regional budget of the years shown (all, or the selected year).
    regionaal: begroting.Regionaal = field(default_factory=lambda: begroting.Regionaal(()))

    def signalen_van(self, soort: str) -> list[Signaal]:
        return [s for s in self.signalen if s.soort == soort]


# --- the analysis ---------------------------------------------------------------------------


def middelen(gegevens: Gegevens, selectie: Selectie, vandaag: dt.date) -> Middelen:
    """Budget, funding and signals of the selected projects."""
    regio = next(iter(gegevens.of(Regio)), None)
    themanamen = {t.id: t.naam for t in regio.themas} if regio else {}
    clusters = {c.id: c for c in gegevens.of(Cluster)}
    organisaties = {o.id: o for o in gegevens.of(Organisatie)}
    _controleer(gegevens, selectie, themanamen)
    statussen = selectie.geldende_statussen()

    gekozen = []
    for project in gegevens.of(Project):
        if project.status not in statussen or not _past(project, selectie):
            continue
        regel = _project(project, selectie.jaar, clusters, organisaties, themanamen)
        if selectie.jaar is None or regel.per_jaar:
            gekozen.append(regel)

    per_jaar: dict[int, list[Bedragen]] = defaultdict(list)
    per_thema: dict[str, list[Bedragen]] = {t: [] for t in themanamen}
    per_cluster: dict[str, list[Bedragen]] = {c: [] for c in [*clusters, REGIONAAL]}
    for regel in gekozen:
        for jaar, bedragen in regel.per_jaar:
            per_jaar[jaar].append(bedragen)
        for t in regel.project.themas:
            per_thema.setdefault(t, []).append(regel.totaal)
        for c in [REGIONAAL] if regel.project.regionaal else regel.project.clusters:
            per_cluster.setdefault(c, []).append(regel.totaal)
    clusternamen = {c.id: c.naam for c in clusters.values()} | {REGIONAAL: "regionaal"}
    regionaal = begroting.regionale_begroting(gegevens, jaar=selectie.jaar)
    uit_pot = begroting.per_project(regionaal)
    gekozen = [replace(r, regionaal=tuple(uit_pot.get(r.project.id, ()))) for r in gekozen]

    def rijen(per: dict[str, list[Bedragen]], namen: dict[str, str]) -> list[Totaalregel]:
        return [Totaalregel(k, namen.get(k, k), len(b), optellen(b)) for k, b in per.items()]

    return Middelen(
        vandaag=vandaag,
        regio=regio.naam if regio else "",
        selectie=_beschrijving(selectie, statussen, clusters, themanamen),
        projecten=gekozen,
        totaal=optellen(r.totaal for r in gekozen),
        per_jaar=rijen({str(j): b for j, b in sorted(per_jaar.items())}, {}),
        per_thema=rijen(per_thema, themanamen),
        per_partner=_partners(d for r in gekozen for d in r.per_partner),
        per_cluster=rijen(per_cluster, clusternamen),
        signalen=[s for r in gekozen for s in r.signalen],
        meer_themas=[r.project.id for r in gekozen if len(r.project.themas) > 1],
        meer_clusters=[r.project.id for r in gekozen if len(r.project.clusters) > 1],
        jaar=selectie.jaar,
        regionaal=regionaal,
    )


def _controleer(gegevens: Gegevens, selectie: Selectie, themanamen: dict[str, str]) -> None:
    """Refuse a filter that names nothing (exit 2, with a guess)."""
    if selectie.project is not None:
        lookup.record(gegevens, Project, selectie.project, optie="--project")
    if selectie.cluster is not None and selectie.cluster != REGIONAAL:
        lookup.record(gegevens, Cluster, selectie.cluster, optie="--cluster")
    if selectie.thema is not None and selectie.thema not in themanamen:
        bekend = sorted(themanamen)
        raise GebruiksFout(
            f"onbekend thema '{selectie.thema}' bij --thema",
            hint=suggest(selectie.thema, bekend) or f"bekend: {', '.join(bekend)}",
        )


def _past(project: Project, selectie: Selectie) -> bool:
    if selectie.project is not None and project.id != selectie.project:
        return False
    if selectie.thema is not None and selectie.thema not in project.themas:
        return False
    if selectie.cluster == REGIONAAL:
        return project.regionaal
    return selectie.cluster is None or selectie.cluster in project.clusters


def _project(
    project: Project,
    jaar: int | None,
    clusters: dict[str, Cluster],
    organisaties: dict[str, Organisatie],
    themanamen: dict[str, str],
) -> Projectmiddelen:
    per_jaar: dict[int, Bedragen] = defaultdict(Bedragen)
    for post in project.begroting:
        if jaar is None or post.jaar == jaar:
            per_jaar[post.jaar] += Bedragen(begroting=post.bedrag)
    bijdragen = [b for b in project.financiering if jaar is None or b.jaar == jaar]
    for b in bijdragen:
        if b.status == Financieringsstatus.TOEGEZEGD:
            per_jaar[b.jaar] += Bedragen(toegezegd=b.bedrag)
        else:
            per_jaar[b.jaar] += Bedragen(aangevraagd=b.bedrag)
    jaren = sorted(per_jaar.items())

    signalen = [s for j, b in jaren for s in _dekking(project, j, b)]
    signalen += _leden(project, bijdragen, clusters, organisaties)
    signalen += _looptijd(project, bijdragen, organisaties)
    return Projectmiddelen(
        project=project,
        clusters=[REGIONAAL]
        if project.regionaal
        else [clusters[c].naam if c in clusters else c for c in project.clusters],
        themas=[themanamen.get(t, t) for t in project.themas],
        totaal=optellen(b for _, b in jaren),
        per_jaar=jaren,
        per_partner=_partners(_deel(b, project.id, organisaties) for b in bijdragen),
        signalen=signalen,
    )


def _deel(b: Bijdrage, project: str, organisaties: dict[str, Organisatie]) -> Partnerdeel:
    org = organisaties.get(b.partner)
    toegezegd = b.status == Financieringsstatus.TOEGEZEGD
    return Partnerdeel(
        id=b.partner,
        naam=org.naam if org else b.partner,
        soort=org.soort.value if org else "onbekend",
        is_partner=org.partner if org else False,
        toegezegd=b.bedrag if toegezegd else NUL,
        aangevraagd=NUL if toegezegd else b.bedrag,
        jaren=frozenset({b.jaar}),
        projecten=frozenset({project}),
    )


_SOORTVOLGORDE = {s.value: i for i, s in enumerate(Organisatiesoort)}


def _partners(delen: Iterable[Partnerdeel]) -> list[Partnerdeel]:
    """Contributions summed per organisation: gemeenten, waterschappen, waterbedrijven,
    the rest, each by name."""
    per: dict[str, list[Partnerdeel]] = {}
    for d in delen:
        per.setdefault(d.id, []).append(d)
    samen = [
        groep[0]
        if len(groep) == 1
        else replace(
            groep[0],
            toegezegd=sum((d.toegezegd for d in groep), NUL),
            aangevraagd=sum((d.aangevraagd for d in groep), NUL),
            jaren=frozenset().union(*(d.jaren for d in groep)),
            projecten=frozenset().union(*(d.projecten for d in groep)),
        )
        for groep in per.values()
    ]
    return sorted(
        samen,
        key=lambda d: (_SOORTVOLGORDE.get(d.soort, len(_SOORTVOLGORDE)), d.naam, d.id),
    )


# --- signals --------------------------------------------------------------------------------


def _dekking(project: Project, jaar: int, b: Bedragen) -> list[Signaal]:
    """A year's budget not covered by promises, or a year with more funding than budget."""
    cijfers = f"begroting {dutch.bedrag(b.begroting)}, toegezegd {dutch.bedrag(b.toegezegd)}"
    signalen = []
    if b.ongedekt > 0:
        if not b.aangevraagd:
            rest = "niets aangevraagd"
        elif b.tekort > 0:
            rest = (
                f"aangevraagd {dutch.bedrag(b.aangevraagd)}, "
                f"dan blijft een tekort van {dutch.bedrag(b.tekort)}"
            )
        else:
            rest = f"aangevraagd {dutch.bedrag(b.aangevraagd)}, dat dekt de rest"
        signalen.append(
            Signaal(ONGEDEKT, project.id, project.titel, jaar, b.ongedekt, f"{cijfers}; {rest}")
        )
    if b.financiering > b.begroting:
        if b.toegezegd > b.begroting:
            waar = "de toezeggingen alleen al"
        else:
            waar = f"als de aanvragen ({dutch.bedrag(b.aangevraagd)}) worden toegekend"
        signalen.append(
            Signaal(
                TE_VEEL,
                project.id,
                project.titel,
                jaar,
                -b.tekort,
                f"{cijfers}, aangevraagd {dutch.bedrag(b.aangevraagd)}: {waar}",
            )
        )
    return signalen


def _leden(
    project: Project,
    bijdragen: list[Bijdrage],
    clusters: dict[str, Cluster],
    organisaties: dict[str, Organisatie],
) -> list[Signaal]:
    """Funding from an organisation that is not in the project: for a cluster project
    one listed in none of its clusters, for a regional project a non-partner."""
    leden = {
        org
        for c in project.clusters
        if c in clusters
        for org in (*clusters[c].gemeenten, *clusters[c].waterschappen, *clusters[c].waterbedrijven)
    }
    signalen = []
    for b in bijdragen:
        org = organisaties.get(b.partner)
        naam = org.naam if org else b.partner
        if project.regionaal:
            if org is not None and org.partner:
                continue
            reden = "onbekende organisatie" if org is None else "geen partner van de samenwerking"
            toelichting = f"{naam}, {b.status.value}: {reden}"
        else:
            if b.partner in leden:
                continue
            namen = [clusters[c].naam if c in clusters else c for c in project.clusters]
            woord = "cluster" if len(namen) == 1 else "clusters"
            toelichting = (
                f"{naam}, {b.status.value}: hoort niet bij {woord} {dutch.opsomming(namen)}"
            )
            if org is not None and not org.partner:
                toelichting += " en is geen partner van de samenwerking"
        signalen.append(
            Signaal(
                BUITEN_CLUSTERS, project.id, project.titel, b.jaar, b.bedrag, toelichting, b.partner
            )
        )
    return signalen


def _looptijd(
    project: Project, bijdragen: list[Bijdrage], organisaties: dict[str, Organisatie]
) -> list[Signaal]:
    begin, eind = project.periode.begin, project.periode.eind
    signalen = []
    for b in bijdragen:
        if begin.year <= b.jaar <= eind.year:
            continue
        org = organisaties.get(b.partner)
        toelichting = (
            f"{org.naam if org else b.partner}, {b.status.value}; "
            f"looptijd {dutch.datum(begin)} – {dutch.datum(eind)}"
        )
        signalen.append(
            Signaal(
                BUITEN_LOOPTIJD, project.id, project.titel, b.jaar, b.bedrag, toelichting, b.partner
            )
        )
    return signalen


# --- what the document says about the selection ---------------------------------------------


def _beschrijving(
    selectie: Selectie,
    statussen: frozenset[Projectstatus],
    clusters: dict[str, Cluster],
    themanamen: dict[str, str],
) -> list[str]:
    volgorde = [s for s in Projectstatus if s in statussen]
    buiten = [s.value for s in Projectstatus if s not in statussen]
    regels = [
        f"Meegeteld: projecten met de status {dutch.opsomming([s.value for s in volgorde], 'of')}"
        + (f" (niet: {', '.join(buiten)})." if buiten else ", dus alle projecten.")
    ]
    if selectie.project:
        regels.append(f"Alleen het project {selectie.project}.")
    if selectie.cluster == REGIONAAL:
        regels.append("Alleen de regionale projecten.")
    elif selectie.cluster:
        cluster = clusters[selectie.cluster]
        regels.append(f"Alleen de projecten van cluster {cluster.naam}.")
    if selectie.thema:
        regels.append(f"Alleen de projecten met het thema {themanamen[selectie.thema]}.")
    if selectie.jaar:
        regels.append(f"Alleen de bedragen van {selectie.jaar}.")
    return regels
