"""What the website's pages show, from the public view: the contexts of the page
templates (``templates/site/``) and the documents (Markdown) of the meeting, project,
monitor and overview pages. Every choice of what appears is made here or in the
public view; the templates only lay out.

A page's links are relative to the page (:func:`naar`), so that the site works from
any folder of a web server and opened from disk.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from waterketen_cli import dutch
from waterketen_cli.models.records import (
    Cluster,
    Organisatie,
    Overleg,
    Project,
    Regio,
    Vergadering,
)
from waterketen_cli.models.types import Organisatiesoort, Projectstatus, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import documenten, openbaar, thema

#: The statuses after which a meeting has its besluitenlijst and verslag.
GEHOUDEN = frozenset({Vergaderstatus.GEHOUDEN, Vergaderstatus.VERSLAG_VASTGESTELD})

#: The projects in this order: running and coming first.
PROJECTGROEPEN = (
    (Projectstatus.LOPEND, "Lopende projecten"),
    (Projectstatus.GOEDGEKEURD, "Goedgekeurd, nog niet begonnen"),
    (Projectstatus.VOORSTEL, "Voorstellen"),
    (Projectstatus.IDEE, "Ideeën"),
    (Projectstatus.AFGEROND, "Afgeronde projecten"),
    (Projectstatus.GESTOPT, "Gestopte projecten"),
)

_PARTNERSOORTEN = (
    (Organisatiesoort.GEMEENTE, "Gemeenten"),
    (Organisatiesoort.WATERSCHAP, "Waterschappen"),
    (Organisatiesoort.WATERBEDRIJF, "Waterbedrijven"),
    (Organisatiesoort.PROVINCIE, "Provincies"),
    (Organisatiesoort.OVERIG, "Overige partners"),
)


def naar(van: str, doel: str) -> str:
    """The link from the page ``van`` to the file ``doel`` (both paths in the site)."""
    return posixpath.relpath(doel, posixpath.dirname(van) or ".")


def extern(adres: str | None) -> str | None:
    """An address from the data that may be a link: http or https to a host."""
    if not adres:
        return None
    deel = urlsplit(adres.strip())
    if deel.scheme.lower() not in ("http", "https") or not deel.hostname:
        return None
    return adres.strip()


# --- where things are -----------------------------------------------------------------------


def is_thema(view: Gegevens, vergadering: Vergadering) -> bool:
    return thema.is_themabijeenkomst(view, vergadering)


def vergaderpagina(view: Gegevens, vergadering: Vergadering) -> str:
    map_ = "themabijeenkomsten" if is_thema(view, vergadering) else "vergaderingen"
    return f"{map_}/{vergadering.id}/index.html"


def projectpagina(project_id: str) -> str:
    return f"projecten/{project_id}/index.html"


def clusterpagina(cluster_id: str) -> str:
    return f"clusters/{cluster_id}/index.html"


#: Where the clusters are listed: a section of the home page.
CLUSTERS = "index.html#clusters"


def vergaderingen(view: Gegevens) -> list[Vergadering]:
    """Every meeting whose body is known, by date and id."""
    return sorted(
        (v for v in view.of(Vergadering) if view.get(Overleg, v.overleg) is not None),
        key=lambda v: (v.datum, v.id),
    )


def overlegnaam(view: Gegevens, vergadering: Vergadering) -> str:
    if is_thema(view, vergadering):
        body = thema.vereist(view, vergadering)
        return thema.titel(body, thema.thema(view, vergadering, body))
    overleg = view.get(Overleg, vergadering.overleg)
    return overleg.naam if overleg is not None else vergadering.overleg


# --- the cooperation (home) -----------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    tekst: str
    href: str | None  # None: text only


@dataclass(frozen=True)
class Activiteitregel:
    titel: str
    thema: str
    status: str
    eigenaar: str
    periode: str
    bijgewerkt: dt.date
    project: Link | None


@dataclass(frozen=True)
class Clusterregel:
    """A cluster on the home page: one row, linking to its page."""

    naam: str
    href: str
    gemeenten: list[str]
    waterschappen: list[str]


@dataclass(frozen=True)
class Clusterblok:
    id: str
    naam: str
    gemeenten: list[str]
    waterschappen: list[str]
    waterbedrijven: list[str]
    coordinator: str
    waterteam: str
    leden: list[documenten.Deelnemer]
    activiteiten: list[Activiteitregel]


@dataclass(frozen=True)
class Vergaderregel:
    datum: dt.date
    tijd: str
    overleg: str
    plaats: str
    status: str
    href: str
    documenten: list[str]  # "agenda", "besluitenlijst", "verslag"; "programma", "terugblik"
    themabijeenkomst: bool


def _org(view: Gegevens, org_id: str) -> str:
    org = view.get(Organisatie, org_id)
    return org.naam if org is not None else org_id


def _periode(begin: dt.date | None, eind: dt.date | None) -> str:
    if begin and eind:
        return f"{dutch.datum(begin)} – {dutch.datum(eind)}"
    if begin:
        return f"vanaf {dutch.datum(begin)}"
    return f"tot {dutch.datum(eind)}" if eind else ""


def samenwerking(view: Gegevens, regio: Regio, vandaag: dt.date, pad: str) -> dict[str, Any]:
    """The home page: the waterakkoord and its themes, what comes next, the partners,
    and the clusters, each a row linking to its page (:func:`clusterinhoud`)."""
    partners: dict[Organisatiesoort, list[Link]] = defaultdict(list)
    for org in sorted(view.of(Organisatie), key=lambda o: o.naam.casefold()):
        if org.partner:
            partners[org.soort].append(Link(org.naam, extern(org.website)))
    clusters = [
        Clusterregel(
            c.naam,
            naar(pad, clusterpagina(c.id)),
            [_org(view, g) for g in c.gemeenten],
            [_org(view, w) for w in c.waterschappen],
        )
        for c in sorted(view.of(Cluster), key=lambda c: (c.naam.casefold(), c.id))
    ]
    komend = [r for r in vergaderregels(view, pad) if r.datum >= vandaag][:5]
    lopend = [p for p in view.of(Project) if p.status == Projectstatus.LOPEND]
    return {
        "aantal_partners": sum(len(v) for v in partners.values()),
        "partners": [(naam, partners[soort]) for soort, naam in _PARTNERSOORTEN if partners[soort]],
        "clusters": clusters,
        "komend": komend,
        "lopend": len(lopend),
        "projecten": naar(pad, "projecten/index.html"),
    }


def clusterinhoud(
    view: Gegevens, regio: Regio, cluster: Cluster, vandaag: dt.date, pad: str
) -> dict[str, Any]:
    """A cluster's page: its gemeenten, waterschappen and waterbedrijven, the
    coordinator, the waterteam with its members and meetings, the programme and the
    projects of the cluster."""
    themas = {t.id: t.naam for t in regio.themas}
    projecten = {p.id: p.titel for p in view.of(Project)}
    team = view.get(Overleg, cluster.waterteam)
    activiteiten = [
        Activiteitregel(
            a.titel,
            themas.get(a.thema, a.thema),
            a.status.value,
            openbaar.persoon(view, a.eigenaar),
            _periode(a.begin, a.eind),
            a.bijgewerkt,
            Link(projecten[a.project], naar(pad, projectpagina(a.project)))
            if a.project in projecten
            else None,
        )
        for a in cluster.programma
    ]
    blok = Clusterblok(
        cluster.id,
        cluster.naam,
        [_org(view, g) for g in cluster.gemeenten],
        [_org(view, w) for w in cluster.waterschappen],
        [_org(view, w) for w in cluster.waterbedrijven],
        openbaar.persoon(view, cluster.coordinator),
        team.naam if team is not None else cluster.waterteam,
        documenten.members(view, team) if team is not None else [],
        activiteiten,
    )
    vergaderd = vergaderregels(view, pad, overleg=cluster.waterteam)
    return {
        "cluster": blok,
        "komend": [r for r in vergaderd if r.datum >= vandaag],
        "eerder": [r for r in reversed(vergaderd) if r.datum < vandaag],
        "projecten": [
            regel
            for _, regels in projectgroepen(view, regio, pad, cluster=cluster.id)
            for regel in regels
        ],
        "vergaderingen": naar(pad, "vergaderingen/index.html"),
        "alle_projecten": naar(pad, "projecten/index.html"),
    }


# --- lists -----------------------------------------------------------------------------------


def vergaderregels(view: Gegevens, pad: str, *, overleg: str | None = None) -> list[Vergaderregel]:
    """Every meeting (of ``overleg``: only that body's) as a row of a list, by date,
    with the documents its page has."""
    rows = []
    for v in vergaderingen(view):
        if overleg is not None and v.overleg != overleg:
            continue
        themabijeenkomst = is_thema(view, v)
        if themabijeenkomst:
            docs = ["programma", "terugblik"] if v.terugblik else ["programma"]
        else:
            docs = ["agenda", "besluitenlijst", "verslag"] if v.status in GEHOUDEN else ["agenda"]
        rows.append(
            Vergaderregel(
                v.datum,
                f"{dutch.klok(v.begintijd)} – {dutch.tijd(v.eindtijd)}",
                overlegnaam(view, v),
                v.locatie,
                v.status.value,
                naar(pad, vergaderpagina(view, v)),
                docs,
                themabijeenkomst,
            )
        )
    return rows


@dataclass(frozen=True)
class Projectregel:
    titel: str
    href: str
    status: str
    regionaal: bool
    clusters: list[Link]  # each to its page
    themas: str
    periode: str


def clusterlinks(view: Gegevens, cluster_ids: list[str], pad: str) -> list[Link]:
    """The clusters by name, each linking to its page (an unknown one: its id, as text)."""
    links = []
    for cluster_id in cluster_ids:
        gevonden = view.get(Cluster, cluster_id)
        links.append(
            Link(gevonden.naam, naar(pad, clusterpagina(cluster_id)))
            if gevonden is not None
            else Link(cluster_id, None)
        )
    return links


def projectgroepen(
    view: Gegevens, regio: Regio, pad: str, *, cluster: str | None = None
) -> list[tuple[str, list[Projectregel]]]:
    """The projects (of ``cluster``: only those that name it) by status, running and
    coming first; within a group by start."""
    themas = {t.id: t.naam for t in regio.themas}
    groepen = []
    for status, kop in PROJECTGROEPEN:
        projecten = sorted(
            (
                p
                for p in view.of(Project)
                if p.status == status and (cluster is None or cluster in p.clusters)
            ),
            key=lambda p: (p.periode.begin, p.titel.casefold(), p.id),
        )
        regels = [
            Projectregel(
                p.titel,
                naar(pad, projectpagina(p.id)),
                p.status.value,
                p.regionaal,
                clusterlinks(view, p.clusters, pad),
                ", ".join(themas.get(t, t) for t in p.themas),
                _periode(p.periode.begin, p.periode.eind),
            )
            for p in projecten
        ]
        if regels:
            groepen.append((kop, regels))
    return groepen


def op_de_agenda(view: Gegevens) -> dict[str, list[Link]]:
    """Per project: the meetings whose public agenda has an item about it (the links
    are the pages' paths in the site)."""
    per_project: dict[str, list[Link]] = defaultdict(list)
    for v in vergaderingen(view):
        for punt in v.agenda:
            if punt.project:
                tekst = f"{overlegnaam(view, v)}, {dutch.datum(v.datum)}: {punt.titel}"
                per_project[punt.project].append(Link(tekst, vergaderpagina(view, v)))
    return per_project
