"""The activity overview of all clusters, the standing item of the overleg.

Per cluster its activities and projects; per theme which clusters are active; and the
two analyses the meeting asks for, each signal with its reason spelled out:

- *samen oppakken*: a theme on which two or more clusters are active;
- *achterblijvende clusters*: a programme not updated for the agreed period, no
  activity on a regional theme, overdue actions, missing indicator measurements.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from waterketen_cli import dutch
from waterketen_cli.datums import maanden_terug
from waterketen_cli.models.records import Activiteit, Cluster, Persoon, Project, Regio
from waterketen_cli.models.types import Activiteitstatus, Projectstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen.acties import ActieFilter, acties, eigen_organisaties, in_cluster

SOORTEN = (
    "regio",
    "cluster",
    "project",
    "actie",
    "vergadering",
    "persoon",
    "organisatie",
    "overleg",
)

#: Of the actions only the open ones matter (the overdue ones are a signal).
WAAR = {"actie": lambda data: data.get("status") == "open"}

#: What counts as being active on a theme: planned or running work, not ideas or history.
ACTIEF_ACTIVITEIT = {Activiteitstatus.GEPLAND, Activiteitstatus.LOPEND}
ACTIEF_PROJECT = {Projectstatus.VOORSTEL, Projectstatus.GOEDGEKEURD, Projectstatus.LOPEND}


@dataclass(frozen=True)
class Regel:
    """One line of a cluster's programme: an activity or a project."""

    soort: str  # "activiteit" or "project"
    id: str
    titel: str
    themas: list[str]  # theme names
    status: str
    eigenaar: str  # person id
    begin: dt.date | None
    eind: dt.date | None
    bijgewerkt: dt.date | None
    actief: bool
    nieuw: bool = False  # new or changed since --sinds
    project: str | None = None  # the project an activity belongs to


@dataclass(frozen=True)
class Clusterblok:
    cluster: Cluster
    regels: list[Regel]
    laatst_bijgewerkt: dt.date | None


@dataclass(frozen=True)
class Signaal:
    cluster: str  # cluster name, or theme name for 'samen oppakken'
    reden: str


@dataclass(frozen=True)
class ZonderGeschiedenis:
    """Why git cannot tell which records changed since a day, and what to do about it."""

    reden: str
    hint: str


@dataclass
class Overzicht:
    vandaag: dt.date
    sinds: dt.date | None
    clusters: list[Clusterblok]
    regionaal: list[Regel]
    themas: list[tuple[str, bool]]  # name, regional
    actief: dict[str, dict[str, int]]  # theme name -> cluster id -> count of active lines
    samen: list[Signaal] = field(default_factory=list)
    achterblijvend: list[Signaal] = field(default_factory=list)
    #: With ``sinds``: why git cannot tell what changed since that day (no git, or its
    #: history does not reach back that far), so only ``bijgewerkt`` tells what changed;
    #: projects are not marked. None: git told.
    zonder_geschiedenis: ZonderGeschiedenis | None = None


def _activiteit(
    a: Activiteit, themas: dict[str, str], sinds: dt.date | None, gewijzigd: set[str], diff: bool
) -> Regel:
    return Regel(
        "activiteit",
        a.id,
        a.titel,
        [themas.get(a.thema, a.thema)],
        a.status.value,
        a.eigenaar,
        a.begin,
        a.eind,
        a.bijgewerkt,
        a.status in ACTIEF_ACTIVITEIT,
        nieuw=(sinds is not None and a.bijgewerkt > sinds) or a.project in gewijzigd or diff,
        project=a.project,
    )


def _project(p: Project, themas: dict[str, str], gewijzigd: set[str]) -> Regel:
    return Regel(
        "project",
        p.id,
        p.titel,
        [themas.get(t, t) for t in p.themas],
        p.status.value,
        p.trekker,
        p.periode.begin,
        p.periode.eind,
        None,
        p.status in ACTIEF_PROJECT,
        nieuw=p.id in gewijzigd,
    )


def build(
    gegevens: Gegevens,
    vandaag: dt.date,
    *,
    sinds: dt.date | None = None,
    gewijzigde_projecten: set[str] | None = None,
    gewijzigde_activiteiten: set[tuple[str, str]] | None = None,
) -> Overzicht:
    """The overview on ``vandaag``; lines changed after ``sinds`` are marked new. Which
    projects and activities (cluster id, activity id) changed comes from git (the
    record-level difference, see :mod:`.wijzigingen`); an activity also counts as
    changed when its ``bijgewerkt`` date is after ``sinds`` or its project changed."""
    regio = next(iter(gegevens.of(Regio)), None)
    themas = {t.id: t.naam for t in regio.themas} if regio else {}
    regionale = [t.naam for t in regio.themas if t.regionaal] if regio else []
    gewijzigd = gewijzigde_projecten or set()
    activiteiten = gewijzigde_activiteiten or set()
    clusters = gegevens.of(Cluster)
    blokken = []
    regionaal = []
    per_cluster_projects: dict[str, list[Regel]] = defaultdict(list)
    for project in gegevens.of(Project):
        if project.status == Projectstatus.GESTOPT:
            continue
        regel = _project(project, themas, gewijzigd)
        if project.regionaal:
            regionaal.append(regel)
        for cluster_id in project.clusters:
            per_cluster_projects[cluster_id].append(regel)
    for cluster in clusters:
        regels = [
            _activiteit(a, themas, sinds, gewijzigd, (cluster.id, a.id) in activiteiten)
            for a in cluster.programma
        ]
        # A project that an activity of the cluster stands for is shown once, as that
        # activity (which names it).
        linked = {a.project for a in cluster.programma if a.project}
        regels += [r for r in per_cluster_projects[cluster.id] if r.id not in linked]
        laatst = max((a.bijgewerkt for a in cluster.programma), default=None)
        blokken.append(Clusterblok(cluster, regels, laatst))
    actief: dict[str, dict[str, int]] = {naam: {} for naam in themas.values()}
    for blok in blokken:
        for regel in blok.regels:
            if regel.actief:
                for thema in regel.themas:
                    per = actief.setdefault(thema, {})
                    per[blok.cluster.id] = per.get(blok.cluster.id, 0) + 1
    overzicht = Overzicht(
        vandaag,
        sinds,
        blokken,
        regionaal,
        [(t.naam, t.regionaal) for t in regio.themas] if regio else [],
        actief,
    )
    overzicht.samen = _samen(blokken, regionaal, actief)
    overzicht.achterblijvend = _achterblijvend(gegevens, blokken, regionale, regio, vandaag)
    return overzicht


def _samen(
    blokken: list[Clusterblok], regionaal: list[Regel], actief: dict[str, dict[str, int]]
) -> list[Signaal]:
    signals = []
    namen = {b.cluster.id: b.cluster.naam for b in blokken}
    for thema, per in actief.items():
        if len(per) < 2:
            continue
        delen = []
        for blok in blokken:
            if blok.cluster.id in per:
                titels = [r.titel for r in blok.regels if r.actief and thema in r.themas]
                delen.append(f"{namen[blok.cluster.id]} ({'; '.join(titels)})")
        reden = f"{len(per)} clusters werken aan dit thema: " + ", ".join(delen)
        lopend = [r.titel for r in regionaal if r.actief and thema in r.themas]
        if len(lopend) == 1:
            reden += f". Er is al een regionaal project: {lopend[0]}"
        elif lopend:
            reden += f". Er zijn al regionale projecten: {dutch.opsomming(lopend)}"
        signals.append(Signaal(thema, reden))
    return signals


def _achterblijvend(
    gegevens: Gegevens,
    blokken: list[Clusterblok],
    regionale: list[str],
    regio: Regio | None,
    vandaag: dt.date,
) -> list[Signaal]:
    maanden = regio.programma_verouderd_na_maanden if regio else 6
    grens = maanden_terug(vandaag, maanden)
    # The newest peildatum of each indicator that at least half of the clusters
    # reported on: a cluster without that measurement lags behind its peers.
    per_datum: dict[tuple[str, dt.date], int] = defaultdict(int)
    for blok in blokken:
        for meting in {(m.indicator, m.peildatum) for m in blok.cluster.metingen}:
            per_datum[meting] += 1
    laatste_peildatum: dict[str, dt.date] = {}
    for (indicator, peildatum), aantal in per_datum.items():
        if 2 * aantal >= len(blokken) and peildatum > laatste_peildatum.get(indicator, dt.date.min):
            laatste_peildatum[indicator] = peildatum
    indicator_naam = {i.id: i.naam for i in regio.indicatoren} if regio else {}
    verlopen_alle = acties(gegevens, ActieFilter(verlopen=True), vandaag)
    signals = []
    for blok in blokken:
        naam = blok.cluster.naam
        if blok.laatst_bijgewerkt is None:
            signals.append(Signaal(naam, "het programma heeft geen activiteiten"))
        elif blok.laatst_bijgewerkt < grens:
            signals.append(
                Signaal(
                    naam,
                    f"het programma is sinds {dutch.datum(blok.laatst_bijgewerkt)} niet "
                    f"bijgewerkt (langer dan {maanden} maanden)",
                )
            )
        actieve_themas = {t for r in blok.regels if r.actief for t in r.themas}
        for thema in regionale:
            if thema not in actieve_themas:
                signals.append(
                    Signaal(
                        naam, f"geen geplande of lopende activiteit op het regionale thema {thema}"
                    )
                )
        eigen = eigen_organisaties(gegevens, blok.cluster.id)
        verlopen = [
            r
            for r in verlopen_alle
            if in_cluster(
                r.actie, gegevens.get(Persoon, r.actie.actiehouder), blok.cluster.id, eigen
            )
        ]
        if verlopen:
            lijst = ", ".join(
                f"{r.actie.id} (deadline {dutch.datum(r.actie.deadline)})" for r in verlopen
            )
            signals.append(
                Signaal(
                    naam,
                    f"{dutch.aantal(len(verlopen), 'verlopen actie', 'verlopen acties')}: {lijst}",
                )
            )
        gemeten = {(m.indicator, m.peildatum) for m in blok.cluster.metingen}
        ontbreekt: dict[dt.date, list[str]] = defaultdict(list)
        for indicator, peildatum in sorted(laatste_peildatum.items()):
            if (indicator, peildatum) not in gemeten:
                ontbreekt[peildatum].append(indicator_naam.get(indicator, indicator))
        for peildatum, namen in sorted(ontbreekt.items()):
            signals.append(
                Signaal(
                    naam,
                    f"geen meting met peildatum {dutch.datum(peildatum)}, die de meeste clusters "
                    f"wel hebben, voor: {', '.join(namen)}",
                )
            )
    return signals


def document_context(
    gegevens: Gegevens,
    overzicht: Overzicht,
    *,
    niveau: int = 1,
    titel: str = "Activiteitenoverzicht clusters",
) -> dict[str, object]:
    """What the template needs; names as they may appear in this document."""
    from waterketen_cli.vergaderen import openbaar

    def persoon(persoon_id: str) -> str:
        return openbaar.persoon(gegevens, persoon_id)

    def periode(regel: Regel) -> str:
        if regel.begin and regel.eind:
            return f"{dutch.datum(regel.begin)} – {dutch.datum(regel.eind)}"
        if regel.begin:
            return f"vanaf {dutch.datum(regel.begin)}"
        if regel.eind:
            return f"tot {dutch.datum(regel.eind)}"
        return ""

    return {
        "o": overzicht,
        "niveau": niveau,
        "titel": titel,
        "persoon": persoon,
        "periode": periode,
    }


def since_date(gegevens: Gegevens, value: str, vandaag: dt.date) -> dt.date:
    """``--sinds``: a date, a meeting id, or a body (its last meeting before today)."""
    from waterketen_cli.models.records import Overleg, Vergadering
    from waterketen_cli.models.types import Vergaderstatus
    from waterketen_cli.records.dataset import soort_of
    from waterketen_cli.vergaderen import lookup

    datum = dutch.parse_datum(value)
    if datum is not None:
        return datum
    vergadering = gegevens.get(Vergadering, value)
    if vergadering is not None:
        return vergadering.datum
    overleg = gegevens.get(Overleg, value)
    if overleg is None:
        known = [o.id for o in gegevens.of(Overleg)]
        raise lookup.unknown(
            soort_of(Overleg), value, known, "--sinds (een datum, vergadering of overleg)"
        )
    earlier = [
        v.datum
        for v in gegevens.of(Vergadering)
        if v.overleg == overleg.id and v.datum < vandaag and v.status != Vergaderstatus.GEANNULEERD
    ]
    if not earlier:
        from waterketen_cli.errors import GebruiksFout

        raise GebruiksFout(
            f"overleg '{overleg.id}' heeft nog niet vergaderd", hint="geef een datum"
        )
    return max(earlier)


def met_wijzigingen(
    folder: Path, gegevens: Gegevens, vandaag: dt.date, since: dt.date | None
) -> Overzicht:
    """The overview, with what changed after ``since`` (from git) marked."""
    found = changes_since(folder, since)
    if isinstance(found, ZonderGeschiedenis):
        overzicht = build(gegevens, vandaag, sinds=since)
        overzicht.zonder_geschiedenis = found
        return overzicht
    return build(
        gegevens,
        vandaag,
        sinds=since,
        gewijzigde_projecten=found[0],
        gewijzigde_activiteiten=found[1],
    )


def changes_since(
    folder: Path, since: dt.date | None
) -> tuple[set[str], set[tuple[str, str]]] | ZonderGeschiedenis:
    """Projects, and activities as (cluster, activity), that are new or changed after
    the day ``since``: the record-level difference (``waterketen wijzigingen``) between
    the last commit of that day and the working tree. A change of layout alone does not
    count, a changed comment does. Why not, when that cannot be told: outside a git
    repository, or when its history begins after that day (then everything would look
    new)."""
    if since is None:
        return set(), set()
    from waterketen_cli import git
    from waterketen_cli.analyse.wijzigingen import gewijzigd_in_overzicht, vergelijk
    from waterketen_cli.errors import WaterketenError

    try:
        repository = git.Repository(folder)
    except WaterketenError as error:  # no git repository (or one without a work tree)
        return ZonderGeschiedenis(
            error.bericht, "begin een repository met 'git init' en commit de gegevens"
        )
    with repository as repo:
        base = repo.before(since + dt.timedelta(days=1))
        if base == repo.empty_tree():
            return ZonderGeschiedenis(
                f"de git-geschiedenis gaat niet terug tot {dutch.datum(since)}",
                "kies een latere datum; in een ondiepe kloon haalt 'git fetch --unshallow' "
                "de hele geschiedenis op",
            )
        verschillen = repo.diff(base, None, under=("projecten", "clusters"))
    return gewijzigd_in_overzicht(vergelijk(verschillen))
