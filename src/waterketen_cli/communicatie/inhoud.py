"""The pages of the website, planned: which page is where and what makes it.

:func:`plan` registers every page of the site with :class:`.sitebouw.Bouw` (made later,
once every file is known); the files that pages link to (the stukken, the charts)
are made here at once. The documents are the ones the commands make, from the public
view: ``agenda render --openbaar``, ``besluitenlijst --openbaar``, ``notulen render
--openbaar``, ``agenda terugblik``, ``project plan``, ``monitor`` and ``overzicht
--openbaar``.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import posixpath
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, cast

from markupsafe import Markup

from waterketen_cli import dutch, render
from waterketen_cli.communicatie import atom, html, paginas
from waterketen_cli.communicatie.paginas import Link, naar
from waterketen_cli.models.records import Cluster, Project, Vergadering
from waterketen_cli.records.dataset import Gegevens

if TYPE_CHECKING:
    from waterketen_cli.analyse.monitor_document import Stuk as MonitorStuk
    from waterketen_cli.communicatie.sitebouw import Bouw
    from waterketen_cli.records.nieuwsbrief import Nieuwsbrief


def stukken(view: Gegevens, root: Path) -> dict[str, bytes]:
    """The public stukken of the meetings that are files in ``stukken/`` of the
    repository, at the same path in the site (so that the agendas' links hold). A
    stuk that is not there, or lies elsewhere, is not copied: its page shows its title
    without a link."""
    from waterketen_cli.records import stukken as stukmap

    map_ = os.path.realpath(root / stukmap.MAP)
    out: dict[str, bytes] = {}
    for vergadering in paginas.vergaderingen(view):
        for punt in vergadering.agenda:
            for stuk in punt.stukken:
                ref = stukmap.lees(stuk.bestand) if stuk.bestand else None
                if not isinstance(ref, stukmap.Pad) or ref.delen[0] != stukmap.MAP:
                    continue
                if any(d.startswith(".") for d in ref.delen) or ref.pad in out:
                    continue
                echt = os.path.realpath(root.joinpath(*ref.delen))
                if os.path.commonpath([map_, echt]) != map_ or not os.path.isfile(echt):
                    continue
                out[ref.pad] = Path(echt).read_bytes()
    return out


def plan(b: Bouw, nieuwsbrieven: list[Nieuwsbrief]) -> None:
    """Register every page of the site (see the module docstring)."""
    from waterketen_cli.communicatie import sitebouw

    b.te_maken["index.html"] = functools.partial(_home, b)
    _clusters(b)
    _projecten(b)
    _vergaderingen(b)
    _monitor(b)
    _activiteiten(b)
    _nieuws(b, nieuwsbrieven)
    b.te_maken[sitebouw.ZOEKEN] = lambda: b.pagina(
        sitebouw.ZOEKEN,
        "zoeken.html.j2",
        "Zoeken",
        "",
        script=naar(sitebouw.ZOEKEN, sitebouw.SCRIPT),
    )


def _ids() -> set[str]:
    from waterketen_cli.communicatie.sitebouw import LAYOUT_IDS

    return set(LAYOUT_IDS)


def _home(b: Bouw) -> bytes:
    pad = "index.html"
    context = paginas.samenwerking(b.view, b.regio, b.vandaag, pad)
    return b.pagina(pad, "home.html.j2", b.regio.naam, "home", **context)


def _clusters(b: Bouw) -> None:
    """A page per cluster; the home page lists them (paginas.CLUSTERS)."""
    for cluster in b.view.of(Cluster):
        pad = paginas.clusterpagina(cluster.id)
        b.te_maken[pad] = functools.partial(_cluster, b, cluster, pad)


def _cluster(b: Bouw, cluster: Cluster, pad: str) -> bytes:
    context = paginas.clusterinhoud(b.view, b.regio, cluster, b.vandaag, pad)
    return b.pagina(
        pad,
        "cluster.html.j2",
        f"Cluster {cluster.naam}",
        "home",
        [Link("Clusters", paginas.CLUSTERS)],
        **context,
    )


# --- projects ---------------------------------------------------------------------------------


def _projecten(b: Bouw) -> None:
    lijst = "projecten/index.html"
    b.te_maken[lijst] = lambda: b.pagina(
        lijst,
        "projecten.html.j2",
        "Projecten",
        "projecten",
        groepen=paginas.projectgroepen(b.view, b.regio, lijst),
    )
    agenda = paginas.op_de_agenda(b.view)
    besluiten = _besluiten_per_project(b.view)
    for project in b.view.of(Project):
        pad = paginas.projectpagina(project.id)
        ids = besluiten.get(project.id, set()) | besluiten.get(project.besluit or "", set())
        b.te_maken[pad] = functools.partial(
            _project, b, project, pad, agenda.get(project.id, []), ids
        )


def _besluiten_per_project(view: Gegevens) -> dict[str, set[str]]:
    """The meetings with a decision about a project (naming it, or on an agenda item
    about it), by project id, and those with each decision number."""
    index: dict[str, set[str]] = {}
    for vergadering in view.of(Vergadering):
        for besluit in vergadering.besluiten:
            nummer = besluit.agendapunt - 1
            punt = vergadering.agenda[nummer] if nummer < len(vergadering.agenda) else None
            for sleutel in (besluit.nummer, besluit.project, punt.project if punt else None):
                if sleutel:
                    index.setdefault(sleutel, set()).add(vergadering.id)
    return index


def _project(
    b: Bouw, project: Project, pad: str, agenda: list[Link], vergaderingen: set[str]
) -> bytes:
    """The project plan, from the public view with only the meetings that decided
    about the project: the plan looks for its decisions in every meeting it is given,
    which for every project of a large data set would be every decision again."""
    from waterketen_cli.analyse import projectplan

    alle = b.view.records.get("vergadering", {})
    view = dataclasses.replace(
        b.view,
        records={
            **b.view.records,
            "vergadering": {i: v for i, v in alle.items() if i in vergaderingen},
        },
    )
    context = projectplan.plan_context(view, project, vandaag=b.vandaag)
    markdown = render.render(b.root, "projectplan.md.j2", **context)
    return b.pagina(
        pad,
        "project.html.j2",
        project.titel,
        "projecten",
        [Link("Projecten", "projecten/index.html")],
        inhoud=b.html(pad, markdown, ids=_ids()),
        clusters=paginas.clusterlinks(b.view, project.clusters, pad),
        agenda=[Link(a.tekst, naar(pad, a.href or "")) for a in agenda],
    )


# --- meetings ---------------------------------------------------------------------------------


def _vergaderingen(b: Bouw) -> None:
    for lijst, thema, sectie, titel in (
        ("vergaderingen/index.html", False, "vergaderingen", "Vergaderingen"),
        ("themabijeenkomsten/index.html", True, "themabijeenkomsten", "Themabijeenkomsten"),
    ):
        b.te_maken[lijst] = functools.partial(_lijst, b, lijst, thema, sectie, titel)
    for vergadering in paginas.vergaderingen(b.view):
        pad = paginas.vergaderpagina(b.view, vergadering)
        maak = _themabijeenkomst if paginas.is_thema(b.view, vergadering) else _vergadering
        b.te_maken[pad] = functools.partial(maak, b, vergadering, pad)


def _lijst(b: Bouw, pad: str, thema: bool, sectie: str, titel: str) -> bytes:
    from waterketen_cli.communicatie import sitebouw

    regels = paginas.vergaderregels(b.view, pad)
    if thema:
        regels = [r for r in regels if r.themabijeenkomst]
    return b.pagina(
        pad,
        "vergaderingen.html.j2",
        titel,
        sectie,
        themabijeenkomsten=thema,
        komend=[r for r in regels if r.datum >= b.vandaag],
        eerder=sorted(
            (r for r in regels if r.datum < b.vandaag), key=lambda r: r.datum, reverse=True
        ),
        ics=naar(pad, sitebouw.KALENDER),
    )


def _doelmap(b: Bouw, pad: str) -> Path:
    """Where the page stands as if it were a folder of the repository: the stukken
    are at the same place relative to it in the site as in the repository."""
    return b.root.joinpath(*posixpath.dirname(pad).split("/"))


def _vergadering(b: Bouw, vergadering: Vergadering, pad: str) -> bytes:
    from waterketen_cli.communicatie import sitebouw
    from waterketen_cli.vergaderen import agendadocument, documenten, verslag

    view, doelmap = b.view, _doelmap(b, pad)
    if vergadering.datum >= b.vandaag:  # with the annexes as they go out now
        agenda = agendadocument.agenda_document(
            view.data_dir, view, vergadering, vandaag=b.vandaag, doelmap=doelmap
        )
    else:  # an annex made today was not the one of then: the agenda alone
        context = documenten.agenda_context(view, vergadering, doelmap=doelmap)
        agenda = render.render(b.root, "agenda.md.j2", **context)
    ids = _ids() | {"agenda", "besluitenlijst", "verslag"}

    def deel(tekst: str) -> Markup:  # under the page's h1
        return b.html(pad, tekst, verschuif=1, onder=1, ids=ids)

    delen = [("agenda", "Agenda", deel(agenda))]
    if vergadering.status in paginas.GEHOUDEN:
        context = verslag.besluitenlijst_context(view, vergadering)
        lijst = render.render(b.root, "besluitenlijst.md.j2", **context)
        delen.append(("besluitenlijst", "Besluitenlijst", deel(lijst)))
        context = verslag.verslag_context(view, vergadering, b.vandaag)
        delen.append(
            ("verslag", "Verslag", deel(render.render(b.root, "verslag.md.j2", **context)))
        )
    naam = paginas.overlegnaam(view, vergadering)
    return b.pagina(
        pad,
        "vergadering.html.j2",
        f"{naam}, {dutch.datum(vergadering.datum)}",
        "vergaderingen",
        [Link("Vergaderingen", "vergaderingen/index.html")],
        vergadering=vergadering,
        overleg=naam,
        delen=delen,
        ics=naar(pad, sitebouw.KALENDER),
    )


def _themabijeenkomst(b: Bouw, vergadering: Vergadering, pad: str) -> bytes:
    from waterketen_cli.vergaderen import thema

    view, doelmap = b.view, _doelmap(b, pad)
    if vergadering.terugblik:  # afterwards: the write-up, with the programme
        tekst = thema.terugblik(view.data_dir, view, vergadering, doelmap=doelmap)
    else:
        tekst = thema.document(view.data_dir, view, vergadering, doelmap=doelmap)
    return b.pagina(
        pad,
        "document.html.j2",
        f"{paginas.overlegnaam(view, vergadering)}, {dutch.datum(vergadering.datum)}",
        "themabijeenkomsten",
        [Link("Themabijeenkomsten", "themabijeenkomsten/index.html")],
        inhoud=b.html(pad, tekst, ids=_ids()),
    )


# --- monitor and overview ------------------------------------------------------------------


def _monitor(b: Bouw) -> None:
    """The charts are files of the site at once; the page is made with the others."""
    from waterketen_cli.analyse import monitor as kern
    from waterketen_cli.analyse import monitor_document

    pad = "monitor/index.html"
    uitkomst = kern.monitor(b.regio, b.view.of(Cluster), b.vandaag)
    with warnings.catch_warnings():
        # With many clusters matplotlib cannot fit the legend and says so in English;
        # the chart is made all the same, and its figures are in the table above it.
        warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)
        context, beelden = monitor_document.document_met_afbeeldingen(uitkomst)
    gebieden = cast("list[tuple[str, list[MonitorStuk]]]", context["gebieden"])
    titels = {
        s.grafiek.naam: s.beeld.indicator.naam
        for _, delen in gebieden
        for s in delen
        if s.grafiek is not None
    }
    afbeeldingen = {}
    for beeld in beelden:
        b.site.bestanden[f"monitor/{beeld.naam}.svg"] = beeld.svg
        afbeeldingen[beeld.naam] = html.Afbeelding(
            f"{beeld.naam}.svg",
            f"Lijngrafiek van {titels.get(beeld.naam, beeld.naam)}: de waarde per cluster en "
            "de regionale mediaan op elke peildatum. De cijfers staan in de tabel erboven.",
        )
    markdown = render.render(b.root, "monitor.md.j2", **context)
    b.te_maken[pad] = lambda: b.pagina(
        pad,
        "document.html.j2",
        "Monitor 3K's en duurzaamheid",
        "monitor",
        inhoud=b.html(pad, markdown, ids=_ids(), afbeeldingen=afbeeldingen),
    )


def _activiteiten(b: Bouw) -> None:
    from waterketen_cli.analyse import overzicht

    pad = "activiteiten/index.html"

    def maak() -> bytes:
        uitkomst = overzicht.met_wijzigingen(b.view.data_dir, b.view, b.vandaag, None)
        context = overzicht.document_context(b.view, uitkomst)
        markdown = render.render(b.root, "overzicht.md.j2", **context)
        return b.pagina(
            pad,
            "document.html.j2",
            "Activiteitenoverzicht clusters",
            "activiteiten",
            inhoud=b.html(pad, markdown, ids=_ids()),
        )

    b.te_maken[pad] = maak


# --- news -----------------------------------------------------------------------------------


def _nieuws(b: Bouw, brieven: list[Nieuwsbrief]) -> None:
    """The archive of the newsletters that were sent, newest first, and its feed."""
    from waterketen_cli.communicatie import sitebouw
    from waterketen_cli.markdown_subset import subset

    lijst = "nieuws/index.html"
    nieuwste = sorted(brieven, key=lambda n: (n.verzonden_op or n.datum, n.id), reverse=True)
    berichten = []
    for brief in nieuwste:
        pad = f"nieuws/{brief.id}/index.html"
        tekst = subset(brief.tekst, kopniveau=2)
        inhoud = b.html(pad, tekst, onder=1, ids=_ids())
        berichten.append(atom.Bericht(brief, f"{brief.id}/index.html", inhoud))
        b.te_maken[pad] = functools.partial(
            b.pagina,
            pad,
            "nieuwsbrief.html.j2",
            brief.titel,
            "nieuws",
            [Link("Nieuws", lijst)],
            brief=brief,
            inhoud=inhoud,
        )
    b.site.bestanden[sitebouw.FEED] = atom.feed(b.regio, berichten)
    b.te_maken[lijst] = lambda: b.pagina(
        lijst,
        "nieuws.html.j2",
        "Nieuws",
        "nieuws",
        berichten=[(m.brief, naar(lijst, f"nieuws/{m.href}")) for m in berichten],
        atom=naar(lijst, sitebouw.FEED),
    )
