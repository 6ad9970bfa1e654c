"""``waterketen project``: a new project record, and the project plan as a document.

Thin: read the options (or ask for what is missing), let ``analyse.projectnieuw``
(a new project) and ``analyse.projectplan`` (the plan) check and compute, write
through ``records.writer``, render through ``render``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from waterketen_cli.cli.common import (
    CommitOptie,
    DataOptie,
    DocumentformaatOptie,
    DroogOptie,
    OverschrijfOptie,
    UitvoerOptie,
    data_dir,
    meld_overgeslagen,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from waterketen_cli.analyse.projectnieuw import Invoer
    from waterketen_cli.models.records import Project
    from waterketen_cli.records.dataset import Gegevens

T = TypeVar("T")

app = typer.Typer(
    name="project",
    help="Projecten: een nieuw project aanmaken en het projectplan maken.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)


class Status(StrEnum):
    """The project statuses (models.types.Projectstatus; kept here so that the help
    does not have to import pydantic)."""

    idee = "idee"
    voorstel = "voorstel"
    goedgekeurd = "goedgekeurd"
    lopend = "lopend"
    afgerond = "afgerond"
    gestopt = "gestopt"


ProjectArgument = Annotated[
    str, typer.Argument(metavar="ID", help="Het id van het project, bijv. afkoppelen-waterpas.")
]


@app.command("new")
def new(
    ctx: typer.Context,
    project_id: ProjectArgument,
    titel: Annotated[
        str | None, typer.Option("--titel", metavar="TEKST", help="De titel van het project.")
    ] = None,
    doel: Annotated[
        str | None, typer.Option("--doel", metavar="TEKST", help="Wat het project bereikt.")
    ] = None,
    aanpak: Annotated[
        str | None,
        typer.Option("--aanpak", metavar="TEKST", help="Hoe (niet verplicht)."),
    ] = None,
    trekker: Annotated[
        str | None,
        typer.Option("--trekker", metavar="PERSOON", help="De trekker (id van een persoon)."),
    ] = None,
    team: Annotated[
        list[str] | None,
        typer.Option(
            "--team",
            metavar="PERSOON",
            help="Een teamlid (id); herhaal voor meer.",
            show_default=False,
        ),
    ] = None,
    cluster: Annotated[
        list[str] | None,
        typer.Option(
            "--cluster",
            metavar="CLUSTER",
            help="Een cluster van het project (id); herhaal voor meer.",
            show_default=False,
        ),
    ] = None,
    regionaal: Annotated[
        bool,
        typer.Option(
            "--regionaal", help="Een project voor de hele regio (in plaats van --cluster)."
        ),
    ] = False,
    thema: Annotated[
        list[str] | None,
        typer.Option(
            "--thema",
            metavar="THEMA",
            help="Een thema uit het regiorecord (id); herhaal voor meer.",
            show_default=False,
        ),
    ] = None,
    status: Annotated[Status, typer.Option("--status", help="De status.")] = Status.idee,
    begin: Annotated[
        str | None,
        typer.Option("--begin", metavar="DATUM", help="Begindatum (JJJJ-MM-DD of DD-MM-JJJJ)."),
    ] = None,
    eind: Annotated[
        str | None,
        typer.Option("--eind", metavar="DATUM", help="Einddatum (JJJJ-MM-DD of DD-MM-JJJJ)."),
    ] = None,
    besluitvorming: Annotated[
        str | None,
        typer.Option(
            "--besluitvorming",
            metavar="OVERLEG",
            help="Het overleg dat over het voorstel besluit (id). Standaard: het "
            "clustercoördinatorenoverleg.",
        ),
    ] = None,
    droog: DroogOptie = False,
    commit: CommitOptie = False,
    data: DataOptie = None,
) -> None:
    """Maak een nieuw project aan in data/projecten/ID.yaml.

    Verplicht: --titel, --doel, --trekker, --cluster (of --regionaal), --thema, --begin
    en --eind. Wat ontbreekt, wordt in een terminal gevraagd; in een script of CI is
    een ontbrekende optie een fout. Mijlpalen, verwacht effect, begroting en
    financiering vult u daarna aan in het bestand: de kop laat zien hoe.
    """
    import sys

    from waterketen_cli.analyse import projectnieuw
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import parse_date, schrijven, shown, told
    from waterketen_cli.errors import GebruiksFout, WaterketenError
    from waterketen_cli.models.types import Projectstatus
    from waterketen_cli.records import dataset
    from waterketen_cli.soorten import SOORT_PER_NAAM

    projectnieuw.check_id(project_id)
    folder = data_dir(ctx, data)
    with schrijven(folder, droog=droog, commit=commit) as sessie:
        gegevens = dataset.load(folder, projectnieuw.NIEUW_SOORTEN)
        soort = SOORT_PER_NAAM["project"]
        path = gegevens.path(soort, project_id)
        if path.exists():
            raise WaterketenError(
                f"project '{project_id}' bestaat al: {shown(path)}",
                hint="kies een ander id; een bestaand project past u aan in het bestand zelf",
            )
        invoer = projectnieuw.controleer(
            gegevens,
            projectnieuw.Invoer(
                titel=titel,
                doel=doel,
                aanpak=aanpak,
                trekker=trekker,
                team=tuple(team or ()),
                clusters=tuple(cluster or ()),
                regionaal=regionaal,
                themas=tuple(thema or ()),
                status=Projectstatus(status.value),
                begin=parse_date(begin, "--begin") if begin is not None else None,
                eind=parse_date(eind, "--eind") if eind is not None else None,
                besluitvorming=besluitvorming,
            ),
        )
        missing = projectnieuw.ontbrekend(invoer)
        if missing and not sys.stdin.isatty():
            namen = ", ".join(projectnieuw.optienaam(m) for m in missing)
            raise GebruiksFout(
                f"verplichte optie ontbreekt: {namen}"
                if len(missing) == 1
                else f"verplichte opties ontbreken: {namen}",
                hint="geef ze mee; alleen in een terminal vraagt 'project new' erom",
            )
        if missing:
            invoer = _vraag(gegevens, project_id, invoer, missing)
        project = projectnieuw.nieuw_project(project_id, invoer)
        uitkomst = sessie.voer_uit(projectnieuw.schrijfplan(gegevens, project))
    if not droog:
        output.message(f"Project aangemaakt: {shown(path)}")
        for line in told(uitkomst):
            output.message(line)
        output.message(f"Maak het projectplan met: waterketen project plan {project_id}")
    for waarschuwing in projectnieuw.waarschuwingen(project):
        output.print_warning(waarschuwing)
    meld_overgeslagen(gegevens.overgeslagen)


def _vraag(gegevens: Gegevens, project_id: str, invoer: Invoer, missing: list[str]) -> Invoer:
    """Ask for each missing required field; a wrong answer is explained and asked again."""
    from waterketen_cli.cli import output

    output.message(f"Nieuw project '{project_id}': vul aan wat nog ontbreekt.")
    for optie in missing:
        invoer = _vraag_een(gegevens, invoer, optie)
    return invoer


def _vraag_een(gegevens: Gegevens, invoer: Invoer, optie: str) -> Invoer:
    from dataclasses import replace

    from waterketen_cli.analyse import projectnieuw as kern
    from waterketen_cli.cli.common import parse_date
    from waterketen_cli.models.records import Cluster

    if optie == "--titel":
        return replace(invoer, titel=_ask("Titel", lambda v: kern.tekst(v, "titel")))
    if optie == "--doel":
        return replace(
            invoer, doel=_ask("Doel (wat het project bereikt)", lambda v: kern.tekst(v, "doel"))
        )
    if optie == "--trekker":
        return replace(
            invoer,
            trekker=_ask(
                "Trekker (id van een persoon, bijv. p-jansen)",
                lambda v: kern.persoon(gegevens, v, None),
            ),
        )
    if optie == "--cluster":

        def clusters(v: str) -> tuple[str, ...]:
            if v.strip().casefold() == "regionaal":
                return ()
            return _lijst(v, lambda c: kern.cluster(gegevens, c, None))

        known = ", ".join(c.id for c in gegevens.of(Cluster))
        gekozen = _ask(f"Clusters (ids met komma's ertussen, of 'regionaal'; {known})", clusters)
        return replace(invoer, clusters=gekozen, regionaal=not gekozen)
    if optie == "--thema":
        known = ", ".join(t.id for t in kern.themas_van(gegevens))
        return replace(
            invoer,
            themas=_ask(
                f"Thema's (ids met komma's ertussen; {known})",
                lambda v: _lijst(v, lambda t: kern.thema(gegevens, t, None)),
            ),
        )
    if optie == "--begin":
        return replace(
            invoer, begin=_ask("Begindatum (JJJJ-MM-DD)", lambda v: parse_date(v, "begin"))
        )
    assert optie == "--eind", optie
    begin = invoer.begin

    def einddatum(v: str) -> dt.date:
        datum = parse_date(v, "eind")
        if begin is not None:
            kern.periode(begin, datum)
        return datum

    return replace(invoer, eind=_ask("Einddatum (JJJJ-MM-DD)", einddatum))


def _lijst(text: str, check: Callable[[str], str]) -> tuple[str, ...]:
    from waterketen_cli.errors import GebruiksFout

    items = [part.strip() for part in text.split(",") if part.strip()]
    if not items:
        raise GebruiksFout("geef minstens één id")
    return tuple(dict.fromkeys(check(item) for item in items))


def _ask(vraag: str, parse: Callable[[str], T]) -> T:
    from waterketen_cli.cli import output
    from waterketen_cli.errors import GebruiksFout

    while True:
        antwoord: str = typer.prompt(vraag)
        try:
            return parse(antwoord)
        except GebruiksFout as fout:
            output.print_error(fout.bericht, fout.hint)


@app.command("plan")
def plan(
    ctx: typer.Context,
    project_id: ProjectArgument,
    openbaar: Annotated[
        bool,
        typer.Option(
            "--openbaar",
            help="Publieksversie: personen zonder toestemming met functie en organisatie, "
            "zonder besluiten over vertrouwelijke agendapunten.",
        ),
    ] = False,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: DocumentformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Maak het projectplan als document (Markdown, Word of PDF).

    Doel, aanpak, trekker en team, clusters, thema's, verwacht effect op kosten,
    kwaliteit, kwetsbaarheid en duurzaamheid, planning en mijlpalen, begroting en
    financiering met wat niet gedekt is, de besluiten erover en de activiteiten in de
    clusterprogramma's. Het plan is intern; --openbaar maakt de publieksversie.
    """
    from waterketen_cli import render
    from waterketen_cli.analyse import projectplan
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today, write_document
    from waterketen_cli.models.records import Project
    from waterketen_cli.records import dataset

    folder = data_dir(ctx, data)
    project = _lees_project(folder, project_id)
    gegevens = dataset.load(folder, projectplan.PLAN_SOORTEN)
    gegevens.records.setdefault("project", {})[project.id] = project
    if openbaar:
        from waterketen_cli import publiek

        gegevens = publiek.publiek(gegevens, today())
    context = projectplan.plan_context(
        gegevens, gegevens.get(Project, project.id) or project, vandaag=today()
    )
    told = write_document(
        render.render(folder.parent, "projectplan.md.j2", **context),
        uitvoer,
        overwrite=overschrijf,
        formaat=formaat,
        bron=(folder, gegevens),
    )
    if told:
        output.message(told)
    meld_overgeslagen(gegevens.overgeslagen)


def _lees_project(folder: Path, project_id: str) -> Project:
    """The one project the plan is about, read by itself: validating every project of
    a large folder would cost more than the rest of the plan together."""
    from waterketen_cli.cli.common import shown
    from waterketen_cli.errors import WaterketenError
    from waterketen_cli.models.records import Project
    from waterketen_cli.records import dataset
    from waterketen_cli.soorten import SOORT_PER_NAAM
    from waterketen_cli.vergaderen import lookup

    record, exists = dataset.load_one(folder, Project, project_id)
    soort = SOORT_PER_NAAM["project"]
    if not exists:
        raise lookup.unknown(soort, project_id, dataset.ids(folder, soort))
    if record is None:
        raise WaterketenError(
            f"{shown(folder / soort.map / (project_id + '.yaml'))} is geen geldig projectrecord",
            hint="voer 'waterketen validate' uit en herstel het bestand eerst",
        )
    return record
