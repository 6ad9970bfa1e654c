"""``waterketen notulen``: the minutes skeleton, and processing it when filled in."""

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
)

if TYPE_CHECKING:
    from waterketen_cli.documentformaat import Formaat

app = typer.Typer(
    help="Notulen: het skelet van het verslag maken en het ingevulde verslag verwerken.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command("new")
def new(
    ctx: typer.Context,
    vergadering_id: Annotated[
        str, typer.Argument(metavar="VERGADERING", help="Id, bijv. cco-2026-12-15.")
    ],
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    data: DataOptie = None,
) -> None:
    """Maak het skelet van het verslag: aanwezigheid, een kop per agendapunt met plaats
    voor verslag, besluiten en acties, de actielijst en de besluitenlijst."""
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import write_document
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import lookup, notulenformulier

    folder = data_dir(ctx, data)
    gegevens = dataset.load(folder)
    vergadering = lookup.record(gegevens, Vergadering, vergadering_id)
    told = write_document(
        notulenformulier.skeleton(folder, gegevens, vergadering), uitvoer, overwrite=overschrijf
    )
    if told:
        output.message(told)


@app.command("verwerk")
def verwerk(
    ctx: typer.Context,
    bestand: Annotated[
        Path,
        # Read by the command itself, so that every problem gets a Dutch message.
        typer.Argument(metavar="BESTAND", help="Het ingevulde verslag (Markdown).", readable=False),
    ],
    droog: DroogOptie = False,
    commit: CommitOptie = False,
    data: DataOptie = None,
) -> None:
    """Verwerk een ingevuld verslag: besluiten krijgen een nummer en komen bij de
    vergadering, nieuwe acties worden actierecords, afgeronde acties worden gesloten,
    de aanwezigheid wordt vastgelegd en de vergadering krijgt de status 'gehouden'.
    Een regel die niet te lezen is, wordt met zijn regelnummer gemeld; er wordt dan
    niets geschreven."""
    from waterketen_cli import dutch
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import schrijven, today, told
    from waterketen_cli.errors import GebruiksFout, WaterketenError
    from waterketen_cli.models.types import Uitkomst
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import notulen, notulenlezer, verwerken

    if bestand.is_dir():
        raise WaterketenError(
            f"{bestand} is een map", hint="geef het ingevulde verslag, bijv. verslag.md"
        )
    try:
        text = bestand.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GebruiksFout(f"{bestand} bestaat niet") from None
    except UnicodeDecodeError:
        raise GebruiksFout(
            f"{bestand} is geen UTF-8-tekst", hint="sla het verslag op als UTF-8"
        ) from None
    folder = data_dir(ctx, data)
    ingevuld = notulenlezer.read(text, str(bestand))
    with schrijven(folder, droog=droog, commit=commit) as sessie:
        gegevens = dataset.load(folder)
        verwerking = notulen.check(gegevens, ingevuld, text, str(bestand), vandaag=today())
        uitkomst = sessie.voer_uit(verwerken.schrijfplan(gegevens, verwerking))
    v = verwerking.vergadering
    output.message(
        f"Vergadering {v.id}: status gehouden, {len(verwerking.ingevuld.aanwezig)} aanwezig, "
        f"{len(verwerking.ingevuld.afgemeld)} afgemeld."
    )
    if verwerking.gasten is not None:
        kwamen = sum(verwerking.gasten.values())
        aangemeld = dutch.aantal(len(v.aanmeldingen), "aangemelde gast", "aangemelde gasten")
        output.message(f"Gasten van buiten: {kwamen} van {aangemeld} aanwezig.")
    if verwerking.terugblik:
        output.message("Terugblik bijgewerkt ('waterketen agenda terugblik' maakt het stuk).")
    for b in verwerking.besluiten:
        hoe = "" if b.uitkomst == Uitkomst.AANGENOMEN else f" ({b.uitkomst.value})"
        output.message(f"Besluit {b.nummer} (punt {b.agendapunt}){hoe}: {b.tekst}")
    if verwerking.vastgesteld is not None:
        vorige, gewijzigd = verwerking.vastgesteld
        hoe = "met wijzigingen" if gewijzigd else "conform"
        output.message(f"Verslag van {vorige.id} vastgesteld ({hoe}).")
    for actie in verwerking.nieuwe_acties:
        output.message(
            f"Nieuwe actie {actie.id}: {actie.omschrijving} "
            f"({actie.actiehouder}, deadline {actie.deadline.isoformat()})"
        )
    for actie in verwerking.afgerond:
        output.message(f"Actie {actie.id} afgerond.")
    for actie in verwerking.vervallen:
        output.message(f"Actie {actie.id} vervallen.")
    for line in told(uitkomst):
        output.message(line)


OpenbaarOptie = Annotated[
    bool,
    typer.Option(
        "--openbaar",
        help="Publieksversie: zonder vertrouwelijke punten en besluiten, namen alleen met "
        "toestemming, zonder actielijst.",
    ),
]
VergaderingArgument = Annotated[
    str, typer.Argument(metavar="VERGADERING", help="Id, bijv. cco-2026-11-17.")
]


def _document(
    ctx: typer.Context,
    vergadering_id: str,
    template: str,
    openbaar: bool,
    uitvoer: Path | None,
    overschrijf: bool,
    formaat: Formaat | None,
    data: str | None,
) -> None:
    from waterketen_cli import publiek, render
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today, write_document
    from waterketen_cli.errors import WaterketenError
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import lookup, thema, verslag

    folder = data_dir(ctx, data)
    gegevens = dataset.load(folder)
    if openbaar:
        gegevens = publiek.publiek(gegevens, today())
    vergadering = lookup.record(gegevens, Vergadering, vergadering_id)
    if thema.is_themabijeenkomst(gegevens, vergadering):
        if template != "verslag.md.j2":
            raise WaterketenError(
                f"{vergadering.id} is een themabijeenkomst: die neemt geen besluiten en "
                "heeft geen besluitenlijst",
                hint=f"'waterketen notulen render {vergadering.id}' maakt het verslag",
            )
        text = thema.verslag(folder, gegevens, vergadering)
    elif template == "verslag.md.j2":
        context = verslag.verslag_context(gegevens, vergadering, today())
        text = render.render(folder.parent, template, **context)
    else:
        context = verslag.besluitenlijst_context(gegevens, vergadering)
        text = render.render(folder.parent, template, **context)
    told = write_document(
        text, uitvoer, overwrite=overschrijf, formaat=formaat, bron=(folder, gegevens)
    )
    if told:
        output.message(told)


@app.command("render")
def render_verslag(
    ctx: typer.Context,
    vergadering_id: VergaderingArgument,
    openbaar: OpenbaarOptie = False,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: DocumentformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Maak het verslag van een verwerkte vergadering: aanwezigheid, per agendapunt het
    verslag, de genummerde besluiten en de acties, en de actielijst met de stand van
    zaken. Het verslag heet 'concept' tot de volgende vergadering het vaststelt."""
    _document(ctx, vergadering_id, "verslag.md.j2", openbaar, uitvoer, overschrijf, formaat, data)


def besluitenlijst(
    ctx: typer.Context,
    vergadering_id: VergaderingArgument,
    openbaar: OpenbaarOptie = False,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: DocumentformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """De besluitenlijst van een vergadering: elk besluit met zijn nummer en agendapunt,
    'concept' tot het verslag is vastgesteld. --openbaar voor publicatie."""
    _document(
        ctx, vergadering_id, "besluitenlijst.md.j2", openbaar, uitvoer, overschrijf, formaat, data
    )
