"""``waterketen agenda``: prepare the next meeting and render its agenda."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records.dataset import Gegevens

from waterketen_cli.cli.common import (
    CommitOptie,
    DataOptie,
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
    droog: Annotated[
        bool, typer.Option("--droog", help="Toon wat er geschreven zou worden; schrijf niets.")
    ] = False,
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
    from waterketen_cli.cli.common import parse_date, parse_time, shown, today, write_records
    from waterketen_cli.records import dataset, writer
    from waterketen_cli.soorten import SOORT_PER_NAAM
    from waterketen_cli.vergaderen import agenda, documenten

    folder = data_dir(ctx, data)
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
    vergadering = result.vergadering
    soort = SOORT_PER_NAAM["vergadering"]
    path = gegevens.path(soort, vergadering.id)
    changes = [
        writer.new_record(
            path,
            soort,
            vergadering,
            header=["Aangemaakt met 'waterketen agenda new'; concept-agenda, vul aan waar nodig."],
        )
    ]
    for voorstel in result.voorstellen:

        def mark(doc: object, vergadering_id: str = vergadering.id) -> None:
            assert isinstance(doc, dict)
            doc["status"] = "geagendeerd"
            doc["vergadering"] = vergadering_id

        changes.append(
            writer.edit_record(
                gegevens.paden[("agendavoorstel", voorstel.id)],
                SOORT_PER_NAAM["agendavoorstel"],
                mark,
            )
        )
    body = agenda.find_body(gegevens, vergadering.overleg)
    kop = (
        f"{body.naam}, {dutch.datum_lang(vergadering.datum)}, "
        f"{dutch.klok(vergadering.begintijd)} – {dutch.tijd(vergadering.eindtijd)}, "
        f"{vergadering.locatie}"
    )
    if droog:
        output.message(f"Droog: er wordt niets geschreven. {kop}")
        for change in changes:
            output.message(f"\n# {'nieuw' if change.nieuw else 'gewijzigd'}: {shown(change.pad)}")
            output.message(change.tekst.rstrip("\n"))
    else:
        told = write_records(
            changes, f"Vergadering {vergadering.id} aangemaakt met concept-agenda", commit=commit
        )
        output.message(f"Vergadering aangemaakt: {shown(path)}")
        output.message(kop)
        for change in changes[1:]:
            output.message(f"Agendavoorstel geagendeerd: {shown(change.pad)}")
        for line in told:
            output.message(line)
    if gegevens.overgeslagen:
        output.print_warning(
            f"{len(gegevens.overgeslagen)} bestand(en) overgeslagen omdat ze niet geldig zijn",
            "voer 'waterketen validate' uit",
        )
    output.message("")
    for i, punt in enumerate(vergadering.agenda, start=1):
        mark_ = " (vertrouwelijk)" if punt.vertrouwelijk else ""
        output.message(f"{i:>3}. {punt.titel}{mark_} — {punt.behandelvorm.value}, {punt.duur} min")
    if markdown:
        context = documenten.agenda_context(gegevens, vergadering, publiek=False)
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
    from waterketen_cli import render
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import write_document
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import documenten, lookup

    folder = data_dir(ctx, data)
    gegevens = dataset.load(folder)
    vergadering = lookup.record(gegevens, Vergadering, vergadering_id)
    context = documenten.agenda_context(gegevens, vergadering, publiek=openbaar)
    from waterketen_cli.models.types import VastPunt

    text = render.render(folder.parent, "agenda.md.j2", **context)
    if any(p.soort == VastPunt.ACTIVITEITENOVERZICHT for p in vergadering.agenda):
        text += "\n" + _overview_annex(folder, gegevens, vergadering, publiek=openbaar)
    told = write_document(text, uitvoer, overwrite=overschrijf)
    if told:
        output.message(told)


def _overview_annex(
    folder: Path, gegevens: Gegevens, vergadering: Vergadering, *, publiek: bool
) -> str:
    """The activity overview as the annex of the standing item: what changed since the
    body's previous meeting is marked."""
    from waterketen_cli import render
    from waterketen_cli.analyse import overzicht
    from waterketen_cli.cli.common import today
    from waterketen_cli.cli.overzicht import build
    from waterketen_cli.vergaderen.agenda import previous_meeting

    vorige = previous_meeting(gegevens, vergadering.overleg, vergadering.datum)
    result = build(folder, gegevens, today(), vorige.datum if vorige else None)
    context = overzicht.document_context(
        gegevens, result, publiek=publiek, niveau=2, titel="Bijlage: activiteitenoverzicht clusters"
    )
    return render.render(folder.parent, "overzicht.md.j2", **context)
