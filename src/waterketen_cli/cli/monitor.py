"""``waterketen monitor``: the indicators of the 3K's and sustainability per cluster and
for the region, in the terminal or as a document with charts (Markdown with Mermaid, or
Word or PDF with the charts as images).

Thin: read the options, ask ``analyse.monitor``, render a table or the template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli.common import (
    DataOptie,
    DocumentformaatOptie,
    OverschrijfOptie,
    UitvoerOptie,
    data_dir,
)

if TYPE_CHECKING:
    from waterketen_cli.analyse.monitor import Monitor, Selectie
    from waterketen_cli.models.records import Regio
    from waterketen_cli.records.dataset import Gegevens

GEBIEDEN = "kosten, kwaliteit, kwetsbaarheid, duurzaamheid, klimaatadaptatie"


def monitor(
    ctx: typer.Context,
    cluster: Annotated[
        list[str] | None,
        typer.Option(
            "--cluster",
            metavar="ID",
            help="Alleen dit cluster (herhaalbaar). De mediaan blijft die van alle clusters.",
            show_default=False,
        ),
    ] = None,
    gebied: Annotated[
        list[str] | None,
        typer.Option(
            "--gebied",
            metavar="GEBIED",
            help=f"Alleen de indicatoren van dit gebied (herhaalbaar): {GEBIEDEN}.",
            show_default=False,
        ),
    ] = None,
    indicator: Annotated[
        list[str] | None,
        typer.Option(
            "--indicator",
            metavar="ID",
            help="Alleen deze indicator (herhaalbaar; de ids staan in het regiorecord).",
            show_default=False,
        ),
    ] = None,
    verouderd_na: Annotated[
        int,
        typer.Option(
            "--verouderd-na",
            metavar="MAANDEN",
            help="Een meting is verouderd als de nieuwste peildatum meer maanden voor "
            "vandaag ligt.",
        ),
    ] = 18,
    markdown: Annotated[
        bool,
        typer.Option(
            "--markdown",
            help="Schrijf het document (Markdown met grafieken) in plaats van de tabel.",
        ),
    ] = False,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: DocumentformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Toon de indicatoren van de 3K's en duurzaamheid per cluster en voor de regio.

    In de terminal een tabel: per cluster en indicator de nieuwste meting, de
    verandering sinds de vorige meting, het verschil met de regionale mediaan, of dat
    beter of slechter is, en signalen (ontbrekende of verouderde metingen). Met
    --markdown of --uitvoer het document voor de vergadering: per gebied en indicator
    een tabel over de jaren en een grafiek, de bron van elk cijfer, en de signalen. In
    Markdown is de grafiek Mermaid; in Word en PDF (--formaat, of -o monitor.docx of
    monitor.pdf) een afbeelding met legenda. De regiowaarde is de mediaan van de
    clusters die gemeten hebben.
    """
    from waterketen_cli.analyse import monitor as kern
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.models.records import Cluster
    from waterketen_cli.records.dataset import load

    if not 1 <= verouderd_na <= 120:
        raise GebruiksFout(
            f"--verouderd-na: {verouderd_na} maanden kan niet", hint="kies 1 tot en met 120"
        )
    if uitvoer is not None and uitvoer.is_dir():
        raise GebruiksFout(f"{uitvoer} is een map", hint="geef een bestandsnaam, bijv. monitor.md")
    folder = data_dir(ctx, data)
    gegevens = load(folder, kern.SOORTEN)
    regio = _regio(gegevens)
    selectie = _selectie(gegevens, regio, cluster or [], gebied or [], indicator or [])
    if gegevens.overgeslagen:
        output.print_warning(
            f"overgeslagen, geen geldig record: {', '.join(gegevens.overgeslagen)}",
            "voer 'waterketen validate' uit voor de details",
        )
    uitkomst = kern.monitor(
        regio, gegevens.of(Cluster), today(), verouderd_na=verouderd_na, selectie=selectie
    )
    if markdown or uitvoer is not None or formaat is not None:
        from waterketen_cli import render
        from waterketen_cli.cli.common import write_document
        from waterketen_cli.documentformaat import Afbeelding, Formaat, formaat_voor

        # Drawing the images takes a moment: only for the formats that show them.
        afbeeldingen: list[Afbeelding] = []
        if formaat_voor(uitvoer, formaat) == Formaat.md:
            context = kern.document(uitkomst)
        else:
            context, afbeeldingen = kern.document_met_afbeeldingen(uitkomst)
        text = render.render(folder.parent, "monitor.md.j2", **context)
        told = write_document(
            text,
            uitvoer,
            overwrite=overschrijf,
            formaat=formaat,
            bron=(folder, gegevens),
            afbeeldingen=afbeeldingen,
        )
        if told:
            output.message(told)
        return
    _tabel(uitkomst)


def _regio(gegevens: Gegevens) -> Regio:
    from waterketen_cli.errors import WaterketenError
    from waterketen_cli.models.records import Regio

    regios = gegevens.of(Regio)
    if not regios:
        raise WaterketenError(
            "geen geldig regiorecord in data/regio/: daar staan de indicatoren",
            hint="voer 'waterketen validate' uit om te zien wat eraan schort",
        )
    return regios[0]


def _selectie(
    gegevens: Gegevens,
    regio: Regio,
    clusters: list[str],
    gebieden: list[str],
    indicatoren: list[str],
) -> Selectie:
    """The filters, each name checked: an unknown one is an error with a suggestion."""
    from waterketen_cli.analyse.monitor import Selectie
    from waterketen_cli.checks.findings import suggest
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.models.records import Cluster
    from waterketen_cli.models.types import Gebied
    from waterketen_cli.vergaderen import lookup

    for cid in clusters:
        lookup.record(gegevens, Cluster, cid, optie="--cluster")
    namen = [g.value for g in Gebied]
    for naam in gebieden:
        if naam not in namen:
            raise GebruiksFout(
                f"onbekend gebied '{naam}' bij --gebied",
                hint=suggest(naam, namen) or f"kies uit {GEBIEDEN}",
            )
    ids = [i.id for i in regio.indicatoren]
    for iid in indicatoren:
        if iid not in ids:
            raise GebruiksFout(
                f"onbekende indicator '{iid}' bij --indicator",
                hint=suggest(iid, ids) or f"bekend: {', '.join(ids)}",
            )
    selectie = Selectie(
        frozenset(clusters), frozenset(Gebied(g) for g in gebieden), frozenset(indicatoren)
    )
    if not any(selectie.toont_indicator(i) for i in regio.indicatoren):
        raise GebruiksFout(
            "geen indicator past bij zowel --gebied als --indicator",
            hint="laat een van beide weg",
        )
    return selectie


def _tabel(m: Monitor) -> None:
    """One row per cluster and indicator: the newest measurement and its signals.
    Compact (no units, no percentages: the document has them), so that the table fits
    a terminal of 120 columns."""
    from waterketen_cli import dutch
    from waterketen_cli.analyse import monitor as kern
    from waterketen_cli.cli import output

    stijl = {kern.Oordeel.BETER: "green", kern.Oordeel.SLECHTER: "red"}
    rijen = []
    for cluster in m.clusters:
        for beeld in m.beelden:
            reeks = next(r for r in beeld.reeksen if r.cluster is cluster)
            signaal = ("; ".join(s.kort for s in reeks.signalen), "yellow")
            p = reeks.laatste
            if p is None:
                rijen.append(
                    [(cluster.naam, ""), (beeld.indicator.id, ""), *[("—", "dim")] * 4, signaal]
                )
                continue
            mediaan = p.t_o_v_mediaan
            rijen.append(
                [
                    (cluster.naam, ""),
                    (beeld.indicator.id, ""),
                    (beeld.label(p.peildatum), ""),
                    (kern.kort(p.waarde, beeld.indicator, beeld.decimalen), "bold"),
                    (
                        kern.verandering_tekst(p, beeld, procent=False, sinds=False),
                        stijl.get(p.oordeel, "") if p.oordeel else "",
                    ),
                    (
                        kern.mediaan_tekst(p, beeld, procent=False),
                        stijl.get(mediaan.oordeel, "") if mediaan else "",
                    ),
                    signaal,
                ]
            )
    c, i, n = len(m.clusters), len(m.beelden), len(m.signalen)
    samenvatting = (
        f"{dutch.aantal(c, 'cluster', 'clusters')}, "
        f"{dutch.aantal(i, 'indicator', 'indicatoren')}; "
        f"{dutch.aantal(n, 'signaal', 'signalen')}. "
        "Verandering: sinds de vorige meting van het cluster; mediaan: van alle clusters op "
        "dezelfde peildatum. Eenheden, bronnen en het verloop over de jaren: --markdown."
    )
    kolommen = [
        "cluster",
        "indicator",
        "peildatum",
        "waarde",
        "verandering",
        "t.o.v. mediaan",
        "signaal",
    ]
    output.table(kolommen, rijen, samenvatting, vast=len(kolommen) - 1)
