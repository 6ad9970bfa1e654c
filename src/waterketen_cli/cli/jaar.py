"""``waterketen jaarplan JAAR`` and ``waterketen jaarverslag JAAR``: the year's plan and
the year's report, as Markdown, Word or PDF, internal or (``--openbaar``) public.

Thin: read the options, load the data (or its public view), ask ``analyse.jaar`` and
``analyse.jaar_verslag``, render the template, write the document.
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
    meld_overgeslagen,
)

if TYPE_CHECKING:
    from pathlib import Path

    from waterketen_cli.records.dataset import Gegevens

JaarArgument = Annotated[
    str,
    typer.Argument(metavar="JAAR", help="Het jaar, bijv. 2027.", show_default=False),
]
OpenbaarOptie = Annotated[
    bool,
    typer.Option(
        "--openbaar",
        help="De publieksversie voor de website: alleen wat openbaar is (geen besluiten "
        "over vertrouwelijke agendapunten, geen vertrouwelijke besluiten).",
    ),
]


def jaarplan(
    ctx: typer.Context,
    jaar: JaarArgument,
    openbaar: OpenbaarOptie = False,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: DocumentformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Maak het jaarplan van een jaar (Markdown, Word of PDF).

    Per thema en per cluster de activiteiten uit de clusterprogramma's en de projecten
    die dat jaar lopen of beginnen, de mijlpalen, de regionale begroting (ook per
    thema) en het vergaderschema van elk overleg, geplande vergaderingen inbegrepen.
    Wat ontbreekt, staat er met zoveel woorden in.
    """
    from waterketen_cli import render
    from waterketen_cli.analyse.jaar import jaarplan as maak_jaarplan
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today, write_document

    jaartal = _jaar(jaar)
    folder = data_dir(ctx, data)
    gegevens = _laad(folder, openbaar)
    plan = maak_jaarplan(gegevens, jaartal, today())
    text = render.render(folder.parent, "jaarplan.md.j2", plan=plan, publiek=gegevens.publiek)
    told = write_document(
        text, uitvoer, overwrite=overschrijf, formaat=formaat, bron=(folder, gegevens)
    )
    if told:
        output.message(told)
    meld_overgeslagen(gegevens.overgeslagen)


def jaarverslag(
    ctx: typer.Context,
    jaar: JaarArgument,
    openbaar: OpenbaarOptie = False,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: DocumentformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Maak het jaarverslag van een jaar (Markdown, Word of PDF), alleen uit de gegevens.

    De gehouden vergaderingen per overleg, de besluiten, de projecten die begonnen,
    afgerond of gestopt zijn, de mijlpalen (gehaald of niet), de ontwikkeling van de
    monitor met grafieken, de themabijeenkomsten, de verzonden nieuwsbrieven en de
    financiën tegen de begroting. Wat ontbreekt, staat er met zoveel woorden in. In
    Markdown zijn de grafieken Mermaid, in Word en PDF afbeeldingen.
    """
    from waterketen_cli import render
    from waterketen_cli.analyse import jaar_verslag
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today, write_document
    from waterketen_cli.documentformaat import Afbeelding, Formaat, formaat_voor
    from waterketen_cli.records import nieuwsbrief

    jaartal = _jaar(jaar)
    folder = data_dir(ctx, data)
    gegevens = _laad(folder, openbaar)
    verslag = jaar_verslag.jaarverslag(gegevens, jaartal, today(), nieuwsbrief.lees_alle(folder))
    afbeeldingen: list[Afbeelding] = []
    if formaat_voor(uitvoer, formaat) != Formaat.md:
        # Drawing the charts takes a moment: only for the formats that show them.
        afbeeldingen = jaar_verslag.afbeeldingen(verslag)
    text = render.render(
        folder.parent,
        "jaarverslag.md.j2",
        verslag=verslag,
        publiek=gegevens.publiek,
        afbeeldingen=bool(afbeeldingen),
    )
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
    meld_overgeslagen(gegevens.overgeslagen)


def _jaar(tekst: str) -> int:
    """The year asked for: four digits, 1990 to 2100."""
    from waterketen_cli.analyse.jaar import EERSTE_JAAR, LAATSTE_JAAR
    from waterketen_cli.errors import GebruiksFout

    jaar = int(tekst) if tekst.strip().isdigit() and tekst.isascii() else None
    if jaar is None or not EERSTE_JAAR <= jaar <= LAATSTE_JAAR:
        raise GebruiksFout(
            f"'{tekst}' is geen jaar voor een jaarplan of jaarverslag",
            hint=f"geef een jaar van {EERSTE_JAAR} tot en met {LAATSTE_JAAR}, bijv. 2027",
        )
    return jaar


def _laad(folder: Path, openbaar: bool) -> Gegevens:
    from waterketen_cli.analyse.jaar import SOORTEN
    from waterketen_cli.records import dataset

    if openbaar:
        from waterketen_cli import publiek
        from waterketen_cli.cli.common import today

        return publiek.laad(folder, SOORTEN, today())
    return dataset.load(folder, SOORTEN)
