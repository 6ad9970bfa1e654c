"""The jaarplan of a year: per theme and per cluster what is planned, the projects that
run or start, their milestones, the regional budget and the meeting schedule.

Pure functions of the records. Beside this module: the rules both documents share
(``jaar_regels``: which activities, projects and meetings belong to a year), the
meetings (``jaar_vergaderingen``), the jaarverslag (``jaar_verslag``), its monitor
part (``jaar_monitor``) and the money of both (``jaar_financien``, the figures of
``begroting``). Templates get the result as it is and only lay it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from waterketen_cli import dutch
from waterketen_cli.analyse import jaar_financien
from waterketen_cli.analyse.jaar_regels import (
    EERSTE_JAAR,
    LAATSTE_JAAR,
    Jaar,
    Mijlpaalregel,
    activiteit_in,
    clusters_tekst,
    clusters_van,
    periode_tekst,
    project_in,
    project_status,
    projecten_van,
    regio_van,
    themanamen,
    waterakkoord_tekst,
)
from waterketen_cli.analyse.jaar_vergaderingen import Overlegschema, vergaderschema
from waterketen_cli.models.records import Cluster, Organisatie, Project, Regio, Thema
from waterketen_cli.models.types import Activiteitstatus, Projectstatus
from waterketen_cli.records.dataset import Gegevens

__all__ = ["EERSTE_JAAR", "LAATSTE_JAAR", "SOORTEN", "Jaar", "activiteit_in", "jaarplan"]

#: The kinds of record both documents read (the finances add theirs).
SOORTEN = tuple(
    dict.fromkeys(
        (
            "regio",
            "cluster",
            "project",
            "vergadering",
            "overleg",
            "organisatie",
            "persoon",
            *jaar_financien.SOORTEN,
        )
    )
)


# --- the jaarplan ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Activiteitregel:
    cluster: str
    titel: str
    thema_id: str
    thema: str
    status: str
    periode: str
    project: str  # the project's title, or ""


@dataclass(frozen=True)
class Projectregel:
    id: str
    titel: str
    clusters: str
    themas: str
    status: str
    looptijd: str
    begint: bool  # in this year
    eindigt: bool  # in this year
    begroot: Decimal  # the project's own budget for the year
    regionaal: Decimal | None  # allocated from the regional budget this year; None: nothing


@dataclass(frozen=True)
class Themaplan:
    thema: Thema
    actief: tuple[tuple[str, int], ...]  # cluster name, activities in the year
    zonder: tuple[str, ...]  # clusters without an activity (regional themes only)
    activiteiten: int
    projecten: tuple[Projectregel, ...]
    toegekend: Decimal | None  # from the regional budget; None: no budget of the year


@dataclass(frozen=True)
class Clusterplan:
    cluster: Cluster
    partners: str  # 'Gemeente Assen, …; Waterschap …'
    activiteiten: tuple[Activiteitregel, ...]
    ideeen: tuple[str, ...]  # 'Titel (thema)'
    projecten: tuple[str, ...]  # 'Titel (status)'


@dataclass(frozen=True)
class Jaarplan:
    jaar: int
    vandaag: dt.date
    regio: Regio | None
    waterakkoord: str
    themas: tuple[Themaplan, ...]
    clusters: tuple[Clusterplan, ...]
    projecten: tuple[Projectregel, ...]  # every project of the year, by title
    ideeen: tuple[str, ...]  # projects that are still an idea
    mijlpalen: tuple[Mijlpaalregel, ...]
    financien: jaar_financien.Financien
    schema: tuple[Overlegschema, ...]
    ontbreekt: tuple[str, ...]

    @property
    def activiteiten(self) -> int:
        return sum(len(c.activiteiten) for c in self.clusters)

    @property
    def vergaderingen(self) -> int:
        return sum(len(s.vergaderingen) for s in self.schema)


def jaarplan(gegevens: Gegevens, jaar: int, vandaag: dt.date) -> Jaarplan:
    j = Jaar(jaar)
    regio = regio_van(gegevens)
    financien = jaar_financien.financien(gegevens, jaar)
    alle_projecten = projecten_van(gegevens)
    projecten = tuple(
        _projectregel(gegevens, regio, j, p, financien) for p in alle_projecten if project_in(j, p)
    )
    clusters = tuple(_clusterplan(gegevens, regio, j, c) for c in clusters_van(gegevens))
    themas = tuple(
        _themaplan(t, clusters, projecten, alle_projecten, financien)
        for t in (regio.themas if regio else [])
    )
    schema = vergaderschema(gegevens, j)
    ontbreekt = _ontbreekt_plan(j, clusters, themas, schema, financien, publiek=gegevens.publiek)
    return Jaarplan(
        jaar,
        vandaag,
        regio,
        waterakkoord_tekst(regio, jaar),
        themas,
        clusters,
        projecten,
        tuple(
            f"{p.titel} ({clusters_tekst(gegevens, p)}; {periode_tekst(p.periode.begin, None)})"
            for p in alle_projecten
            if p.status == Projectstatus.IDEE and j.overlapt(p.periode.begin, p.periode.eind)
        ),
        mijlpalen(j, [p for p in alle_projecten if project_in(j, p)]),
        financien,
        schema,
        ontbreekt,
    )


def _projectregel(
    gegevens: Gegevens,
    regio: Regio | None,
    j: Jaar,
    p: Project,
    financien: jaar_financien.Financien,
) -> Projectregel:
    return Projectregel(
        p.id,
        p.titel,
        clusters_tekst(gegevens, p),
        ", ".join(themanamen(regio, p.themas)),
        project_status(p),
        periode_tekst(p.periode.begin, p.periode.eind),
        j.bevat(p.periode.begin),
        j.bevat(p.periode.eind),
        sum((r.bedrag for r in p.begroting if r.jaar == j.jaar), Decimal(0)),
        financien.toegekend_aan(p.id),
    )


def _clusterplan(gegevens: Gegevens, regio: Regio | None, j: Jaar, c: Cluster) -> Clusterplan:
    def naam(org_id: str) -> str:
        org = gegevens.get(Organisatie, org_id)
        return org.naam if org else org_id

    def project(pid: str | None) -> str:
        p = gegevens.get(Project, pid) if pid else None
        return p.titel if p else (pid or "")

    thema = {t.id: t.naam for t in regio.themas} if regio else {}
    activiteiten = tuple(
        Activiteitregel(
            c.naam,
            a.titel,
            a.thema,
            thema.get(a.thema, a.thema),
            a.status.value,
            periode_tekst(a.begin, a.eind),
            project(a.project),
        )
        for a in sorted(c.programma, key=lambda a: (a.begin or dt.date.min, a.titel.casefold()))
        if activiteit_in(j, a)
    )
    ideeen = tuple(
        f"{a.titel} ({thema.get(a.thema, a.thema).lower()})"
        for a in c.programma
        if a.status == Activiteitstatus.IDEE and a.begin is None and a.eind is None
    )
    projecten = tuple(
        f"{p.titel} ({p.status.value})"
        for p in projecten_van(gegevens)
        if c.id in p.clusters and not p.regionaal and project_in(j, p)
    )
    partners = dutch.opsomming(sorted(naam(o) for o in c.gemeenten))
    if c.waterschappen:
        partners += f", met {dutch.opsomming(sorted(naam(o) for o in c.waterschappen))}"
    if c.waterbedrijven:
        partners += f"; agendaleden: {dutch.opsomming(sorted(naam(o) for o in c.waterbedrijven))}"
    return Clusterplan(c, partners, activiteiten, ideeen, projecten)


def _themaplan(
    thema: Thema,
    clusters: Sequence[Clusterplan],
    projecten: Sequence[Projectregel],
    alle: Sequence[Project],
    financien: jaar_financien.Financien,
) -> Themaplan:
    actief = tuple(
        (c.cluster.naam, n)
        for c in clusters
        if (n := sum(1 for a in c.activiteiten if a.thema_id == thema.id))
    )
    namen = {naam for naam, _ in actief}
    zonder = tuple(c.cluster.naam for c in clusters if c.cluster.naam not in namen)
    ids = {p.id for p in alle if thema.id in p.themas}
    return Themaplan(
        thema,
        actief,
        zonder if thema.regionaal else (),
        sum(n for _, n in actief),
        tuple(r for r in projecten if r.id in ids),
        financien.toegekend_aan_thema(thema.id),
    )


def mijlpalen(j: Jaar, projecten: Iterable[Project]) -> tuple[Mijlpaalregel, ...]:
    """The milestones of the projects that fall in the year, by date."""
    regels = [
        Mijlpaalregel(m.datum, p.titel, m.titel, m.gereed)
        for p in projecten
        for m in p.mijlpalen
        if j.bevat(m.datum)
    ]
    return tuple(sorted(regels, key=lambda r: (r.datum, r.project.casefold(), r.titel)))


def _ontbreekt_plan(
    j: Jaar,
    clusters: Sequence[Clusterplan],
    themas: Sequence[Themaplan],
    schema: Sequence[Overlegschema],
    financien: jaar_financien.Financien,
    *,
    publiek: bool,
) -> tuple[str, ...]:
    regels = []
    if financien.jaarbegroting is None:
        regels.append(f"Geen begroting voor {j.jaar} vastgelegd.")
    for c in clusters:
        if not c.activiteiten:
            regels.append(
                f"Het programma van {c.cluster.naam} heeft geen activiteiten in {j.jaar}."
            )
    for t in themas:
        if t.zonder:
            wie = dutch.opsomming(list(t.zonder))
            regels.append(
                f"Geen activiteit op het regionale thema {t.thema.naam} in {j.jaar}: {wie}."
            )
    for s in schema:
        if not s.vergaderingen and s.ritme:
            hint = (
                ""
                if publiek
                else f" ('waterketen agenda plan {j.jaar} --overleg {s.overleg.id}' zet ze klaar)"
            )
            regels.append(
                f"{s.overleg.naam}: nog geen vergaderingen in {j.jaar} vastgelegd, wel een "
                f"vergaderritme ({s.ritme}){hint}."
            )
    leeg = [s.overleg.naam for s in schema if not s.vergaderingen and not s.ritme]
    if leeg:
        regels.append(
            f"Nog geen vergaderingen in {j.jaar} vastgelegd van: {dutch.opsomming(leeg)}."
        )
    return tuple(regels)
