"""``waterketen monitor``: the indicators of the 3K's and sustainability per cluster and
for the region, in the terminal or as a document with charts (Markdown with Mermaid, or
Word or PDF with the charts as images).

Thin: read the options, ask ``analyse.monitor``, render a table (in the words of
``monitor_tekst``) or the template (``monitor_document``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
    from waterketen_cli.analyse.importeren import Import
    from waterketen_cli.analyse.monitor import Monitor, Selectie
    from waterketen_cli.models.records import Regio
    from waterketen_cli.records.dataset import Gegevens

GEBIEDEN = "kosten, kwaliteit, kwetsbaarheid, duurzaamheid, klimaatadaptatie"

#: ``waterketen monitor`` shows the monitor; ``waterketen monitor import`` reads
#: measurements from a spreadsheet.
app = typer.Typer(
    name="monitor",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    options_metavar="[OPTIES]",
    subcommand_metavar="[OPDRACHT] [ARGUMENTEN]...",
)


@app.callback(invoke_without_command=True)
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
    clusters die gemeten hebben, met hoeveel dat er zijn; de verandering van de regio
    vergelijkt alleen de clusters die op beide peildata gemeten hebben. Bedragen staan
    op de cent. 'waterketen monitor import BESTAND' leest metingen uit een spreadsheet.
    """
    if ctx.invoked_subcommand is not None:
        return
    from waterketen_cli.analyse import monitor as kern
    from waterketen_cli.analyse import monitor_document
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
    meld_overgeslagen(gegevens.overgeslagen)
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
            context = monitor_document.document(uitkomst)
        else:
            context, afbeeldingen = monitor_document.document_met_afbeeldingen(uitkomst)
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
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.findings import suggest
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
    from waterketen_cli.analyse import monitor_tekst
    from waterketen_cli.cli import tabellen

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
                    (monitor_tekst.kort(p.waarde, beeld.indicator, beeld.decimalen), "bold"),
                    (
                        monitor_tekst.verandering_tekst(p, beeld, procent=False, sinds=False),
                        stijl.get(p.oordeel, "") if p.oordeel else "",
                    ),
                    (
                        monitor_tekst.mediaan_tekst(p, beeld, procent=False),
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
    tabellen.table(kolommen, rijen, samenvatting, vast=len(kolommen) - 1)


@app.command("import")
def importeer(
    ctx: typer.Context,
    bestand: Annotated[
        Path,
        typer.Argument(
            metavar="BESTAND",
            help="Een Excel-werkmap (.xlsx) of CSV-bestand (.csv) met metingen.",
            show_default=False,
        ),
    ],
    blad: Annotated[
        str | None,
        typer.Option(
            "--blad",
            metavar="NAAM",
            help="Het blad van de werkmap. Standaard: het eerste.",
            show_default=False,
        ),
    ] = None,
    kolommen: Annotated[
        str | None,
        typer.Option(
            "--kolommen",
            metavar="VELD=KOLOM,...",
            help="Welke kolom welk veld is, als de koppen anders heten: de kop of de "
            "kolomletter, bijv. 'waarde=Bedrag 2025,cluster=C'. Velden: indicator, "
            "cluster, gemeente, peildatum, waarde, bron, toelichting.",
            show_default=False,
        ),
    ] = None,
    vervang: Annotated[
        bool,
        typer.Option(
            "--vervang",
            help="Vervang een meting die er al is met een andere waarde (anders: een fout).",
        ),
    ] = False,
    droog: DroogOptie = False,
    commit: CommitOptie = False,
    data: DataOptie = None,
) -> None:
    """Lees metingen uit een spreadsheet in de clusters: Excel (.xlsx) of CSV.

    De kolommen heten indicator, cluster (of gemeente: die gaat naar haar cluster),
    peildatum, waarde en bron, met eventueel toelichting; anders wijst --kolommen ze
    aan. Getallen als 1.234,5 of 1234.5, datums als 31-12-2025 of 2025-12-31, of als
    getal en datum in Excel. Elke regel wordt gelezen of gemeld met blad, rij en kolom
    (Blad1!C7); is er één niet te lezen, dan wordt er niets geschreven. Een meting die
    er al is met dezelfde waarde wordt gemeld en overgeslagen; met een andere waarde is
    het een fout, tenzij --vervang.
    """
    from waterketen_cli import tabel
    from waterketen_cli.analyse import importeren
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import schrijven, shown, today, told
    from waterketen_cli.errors import BestandsFout
    from waterketen_cli.records.dataset import load

    keuze = importeren.kolommen_optie(kolommen) if kolommen else {}
    try:
        inhoud = bestand.read_bytes()
    except OSError as error:
        raise BestandsFout.van(error, bestand) from None
    blad_ = tabel.lees(bestand.name, inhoud, blad)
    parent_data = ctx.parent.params.get("data") if ctx.parent is not None else None
    folder = data_dir(ctx, data or parent_data)
    with schrijven(folder, droog=droog, commit=commit) as sessie:
        gegevens = load(folder, importeren.SOORTEN)
        uitkomst = importeren.lees_metingen(
            gegevens, blad_, keuze, vandaag=today(), vervang=vervang
        )
        plan = importeren.schrijfplan(gegevens, uitkomst)
        resultaat = sessie.voer_uit(plan) if not plan.leeg else None
    _verslag(uitkomst)
    if resultaat is None:
        output.message("Niets te schrijven: alle metingen staan er al.")
        return
    if droog:
        return
    for wijziging in plan.records:
        output.message(f"Geschreven: {shown(wijziging.pad)}")
    for line in told(resultaat):
        output.message(line)


def _verslag(uitkomst: Import) -> None:
    """Every row accounted for: read, empty, above the header, already there, double."""
    from waterketen_cli import dutch
    from waterketen_cli.cli import output
    from waterketen_cli.tabel import kolomletter

    t = uitkomst.tabel
    kolommen = ", ".join(f"{veld} {kolomletter(i)}" for veld, i in uitkomst.kolommen.items())
    hoe = f"; {t.gelezen_als}" if t.gelezen_als else ""
    gelezen = len(uitkomst.nieuw) + len(uitkomst.vervangen) + len(uitkomst.aanwezig)
    gelezen += len(uitkomst.dubbel)
    output.message(
        f"Gelezen: {t.bestand}, blad {t.blad}{hoe}: "
        f"{dutch.aantal(gelezen, 'regel', 'regels')} met een meting (kopregel "
        f"{uitkomst.kopregel}: {kolommen})."
    )
    if t.andere_bladen:
        output.message(
            f"Niet gelezen: {dutch.aantal(len(t.andere_bladen), 'blad', 'bladen')} "
            f"({', '.join(t.andere_bladen)}); kies een ander blad met --blad."
        )
    if uitkomst.niet_gelezen_kolommen:
        output.message(f"Niet gelezen: kolom {', '.join(uitkomst.niet_gelezen_kolommen)}.")
    if uitkomst.boven_kop:
        output.message(f"Boven de kopregel, niet gelezen: regel {_rijen(uitkomst.boven_kop)}.")
    if uitkomst.lege_rijen:
        output.message(f"Leeg, overgeslagen: regel {_rijen(uitkomst.lege_rijen)}.")
    for (gemeente, cluster), rijen in sorted(uitkomst.gemeenten.items()):
        output.message(f"{gemeente} → cluster {cluster} (regel {_rijen(rijen)}).")
    for g in uitkomst.aanwezig:
        output.message(f"Al aanwezig, overgeslagen: regel {g.rij}: {g.omschrijving()}.")
    for g, eerder in uitkomst.dubbel:
        output.message(f"Dubbel, overgeslagen: regel {g.rij} is gelijk aan regel {eerder}.")
    for g, oud in uitkomst.vervangen:
        output.message(f"Vervangen: regel {g.rij}: {g.omschrijving()} (was {_toon(oud)}).")
    per_cluster: dict[str, int] = {}
    for g in uitkomst.nieuw:
        per_cluster[g.cluster.naam] = per_cluster.get(g.cluster.naam, 0) + 1
    if uitkomst.nieuw:
        delen = ", ".join(f"{naam} {n}" for naam, n in sorted(per_cluster.items()))
        output.message(
            f"Nieuw: {dutch.aantal(len(uitkomst.nieuw), 'meting', 'metingen')} ({delen})."
        )


def _rijen(rijen: list[int]) -> str:
    return ", ".join(str(r) for r in rijen)


def _toon(waarde: bool | int | float) -> str:
    from waterketen_cli.analyse.importeren import toon

    return toon(waarde)
