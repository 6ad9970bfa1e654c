"""``waterketen overzicht``: the activity overview of all clusters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from waterketen_cli.cli.common import (
    DataOptie,
    OverschrijfOptie,
    TabelformaatOptie,
    UitvoerOptie,
    data_dir,
)


def overzicht(
    ctx: typer.Context,
    sinds: Annotated[
        str | None,
        typer.Option(
            "--sinds",
            metavar="DATUM|OVERLEG|VERGADERING",
            help="Markeer wat nieuw of gewijzigd is sinds deze datum, deze vergadering, of "
            "de vorige vergadering van dit overleg (bijv. --sinds cco).",
            show_default=False,
        ),
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Het document als Markdown in plaats van een tabel.")
    ] = False,
    openbaar: Annotated[
        bool, typer.Option("--openbaar", help="Namen alleen van wie toestemming gaf.")
    ] = False,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: TabelformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Het activiteitenoverzicht van alle clusters: per cluster de activiteiten en
    projecten, per thema welke clusters actief zijn, wat clusters samen kunnen oppakken
    en welke clusters achterblijven (met de reden). Met -o overzicht.xlsx een
    Excel-werkmap: activiteiten, thema's en signalen elk op een eigen blad."""
    from waterketen_cli import dutch
    from waterketen_cli.analyse import overzicht as core
    from waterketen_cli.cli import output, tabellen
    from waterketen_cli.cli.common import today, write_document
    from waterketen_cli.documentformaat import documentformaat, werkboek_gevraagd
    from waterketen_cli.records import dataset

    folder = data_dir(ctx, data)
    if openbaar:
        from waterketen_cli import publiek

        gegevens = publiek.laad(folder, core.SOORTEN, today(), waar=core.WAAR)
    else:
        gegevens = dataset.load(folder, core.SOORTEN, waar=core.WAAR)
    vandaag = today()
    since = core.since_date(gegevens, sinds, vandaag) if sinds else None
    result = core.met_wijzigingen(folder, gegevens, vandaag, since)
    if since is not None and result.zonder_geschiedenis is not None:
        output.print_warning(
            f"{result.zonder_geschiedenis.reden}: welke projecten sinds {dutch.datum(since)} "
            "veranderden, is niet te zeggen; ✱ markeert alleen activiteiten die sindsdien "
            "zijn bijgewerkt",
            result.zonder_geschiedenis.hint,
        )
    if werkboek_gevraagd(uitvoer, formaat):
        from waterketen_cli import werkboek
        from waterketen_cli.cli.common import schrijf_werkboek

        persoon = core.document_context(gegevens, result)["persoon"]
        assert callable(persoon)
        inhoud = werkboek.werkboek(
            werkboek.overzicht(result, persoon), titel="Activiteitenoverzicht clusters"
        )
        told = schrijf_werkboek(inhoud, uitvoer, overwrite=overschrijf)
        if told:
            output.message(told)
        return
    if markdown or uitvoer is not None or formaat is not None:
        from waterketen_cli import render

        context = core.document_context(gegevens, result)
        told = write_document(
            render.render(folder.parent, "overzicht.md.j2", **context),
            uitvoer,
            overwrite=overschrijf,
            formaat=documentformaat(formaat),
            bron=(folder, gegevens),
        )
        if told:
            output.message(told)
        return
    context = core.document_context(gegevens, result)
    persoon = context["persoon"]
    assert callable(persoon)
    rijen = [
        [
            (b.cluster.naam, "bold"),
            ("✱" if r.nieuw else "", "yellow"),
            (r.soort, ""),
            (r.status, "" if r.actief else "dim"),
            (", ".join(r.themas), ""),
            (str(persoon(r.eigenaar)), ""),
            (r.titel, ""),
        ]
        for b in result.clusters
        for r in b.regels
    ]
    signalen = [f"samen oppakken — {s.cluster}: {s.reden}" for s in result.samen] + [
        f"achterblijvend — {s.cluster}: {s.reden}" for s in result.achterblijvend
    ]
    samenvatting = (
        f"{len(result.clusters)} clusters, {len(rijen)} activiteiten en projecten; "
        f"{len(result.samen)} thema's om samen op te pakken, "
        f"{len({s.cluster for s in result.achterblijvend})} clusters met signalen."
    )
    tabellen.table(
        ["cluster", "", "soort", "status", "thema", "eigenaar", "titel"],
        rijen,
        samenvatting,
        vast=4,
    )
    for signaal in signalen:
        output.message(f"- {signaal}")
