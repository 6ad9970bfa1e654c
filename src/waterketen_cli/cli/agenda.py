"""``waterketen agenda``: prepare the next meeting and render its agenda."""

from __future__ import annotations

from typing import Annotated

import typer

from waterketen_cli.cli.common import (
    CommitOptie,
    DataOptie,
    DroogOptie,
    OverschrijfOptie,
    UitvoerOptie,
    data_dir,
)

app = typer.Typer(
    help="Agenda's: de volgende vergadering voorbereiden en de agenda maken.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command("new")
def new(
    ctx: typer.Context,
    datum: Annotated[str, typer.Option("--datum", help="Datum van de vergadering (JJJJ-MM-DD).")],
    overleg: Annotated[
        str | None,
        typer.Option(
            "--overleg",
            metavar="ID",
            help="Het overleg. Standaard: het clustercoördinatorenoverleg.",
        ),
    ] = None,
    tijd: Annotated[
        str | None,
        typer.Option("--tijd", help="Begintijd (UU:MM). Standaard: die van het overleg."),
    ] = None,
    duur: Annotated[
        int | None,
        typer.Option(
            "--duur", min=15, max=600, help="Duur in minuten. Standaard: de som van de punten."
        ),
    ] = None,
    plaats: Annotated[
        str | None, typer.Option("--plaats", help="Vergaderplaats. Standaard: die van het overleg.")
    ] = None,
    toch: Annotated[
        bool, typer.Option("--toch", help="Sta een datum in het verleden toe.")
    ] = False,
    droog: DroogOptie = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Toon daarna de agenda als Markdown.")
    ] = False,
    commit: CommitOptie = False,
    data: DataOptie = None,
) -> None:
    """Maak de volgende vergadering van een overleg aan, met de concept-agenda.

    De agenda bevat de vaste punten in de gebruikelijke volgorde, punten die de vorige
    keer zijn aangehouden, ingediende agendavoorstellen (data/agendavoorstellen/) en
    projectvoorstellen die op een besluit wachten. Voorstellen die op de agenda komen,
    krijgen de status 'geagendeerd'.
    """
    from waterketen_cli import dutch, render
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import parse_date, parse_time, schrijven, shown, today, told
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import agenda, documenten

    folder = data_dir(ctx, data)
    with schrijven(folder, droog=droog, commit=commit) as sessie:
        gegevens = dataset.load(folder)
        overleg_id = overleg or agenda.default_body(gegevens)
        result = agenda.plan(
            gegevens,
            overleg_id,
            parse_date(datum, "--datum"),
            vandaag=today(),
            begintijd=parse_time(tijd, "--tijd") if tijd else None,
            duur=duur,
            locatie=plaats,
            toch=toch,
        )
        schrijfplan = agenda.schrijfplan(gegevens, result)
        uitkomst = sessie.voer_uit(schrijfplan)
    vergadering = result.vergadering
    body = agenda.find_body(gegevens, vergadering.overleg)
    kop = (
        f"{body.naam}, {dutch.datum_lang(vergadering.datum)}, "
        f"{dutch.klok(vergadering.begintijd)} – {dutch.tijd(vergadering.eindtijd)}, "
        f"{vergadering.locatie}"
    )
    if droog:
        output.message(kop)
    else:
        output.message(f"Vergadering aangemaakt: {shown(schrijfplan.records[0].pad)}")
        output.message(kop)
        for change in schrijfplan.records[1:]:
            output.message(f"Agendavoorstel geagendeerd: {shown(change.pad)}")
        for line in told(uitkomst):
            output.message(line)
    if gegevens.overgeslagen:
        output.print_warning(
            f"{dutch.aantal(len(gegevens.overgeslagen), 'bestand', 'bestanden')} overgeslagen "
            "omdat ze niet geldig zijn",
            "voer 'waterketen validate' uit",
        )
    output.message("")
    for i, punt in enumerate(vergadering.agenda, start=1):
        mark_ = " (vertrouwelijk)" if punt.vertrouwelijk else ""
        output.message(f"{i:>3}. {punt.titel}{mark_} — {punt.behandelvorm.value}, {punt.duur} min")
    if markdown:
        context = documenten.agenda_context(gegevens, vergadering)
        output.message("")
        output.message(render.render(folder.parent, "agenda.md.j2", **context).rstrip("\n"))


@app.command("render")
def render_agenda(
    ctx: typer.Context,
    vergadering_id: Annotated[
        str, typer.Argument(metavar="VERGADERING", help="Id, bijv. cco-2026-12-15.")
    ],
    openbaar: Annotated[
        bool,
        typer.Option(
            "--openbaar",
            help="Publieksversie: zonder vertrouwelijke punten, namen alleen met toestemming.",
        ),
    ] = False,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    data: DataOptie = None,
) -> None:
    """Maak de agenda van een vergadering als Markdown-document, klaar om te versturen."""
    from waterketen_cli import publiek
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today, write_document
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import documenten, lookup

    folder = data_dir(ctx, data)
    gegevens = dataset.load(folder)
    if openbaar:
        gegevens = publiek.publiek(gegevens, today())
    vergadering = lookup.record(gegevens, Vergadering, vergadering_id)
    text = documenten.agenda_document(folder, gegevens, vergadering, vandaag=today())
    told = write_document(text, uitvoer, overwrite=overschrijf)
    if told:
        output.message(told)
