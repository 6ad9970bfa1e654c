"""``waterketen site``: the public website, from the public view of the data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from waterketen_cli.cli.common import DataOptie, data_dir

#: The record kinds the website shows (actions never: they are internal).
SOORTEN = (
    "regio",
    "organisatie",
    "persoon",
    "cluster",
    "overleg",
    "vergadering",
    "project",
)


def site(
    ctx: typer.Context,
    uitvoer: Annotated[
        Path | None,
        typer.Option(
            "--uitvoer",
            "-o",
            metavar="MAP",
            help="De map voor de website. Standaard: _site naast data/. De map wordt in "
            "haar geheel vervangen.",
            show_default=False,
        ),
    ] = None,
    overschrijf: Annotated[
        bool,
        typer.Option(
            "--overschrijf",
            help="Vervang ook een map die niet leeg is en geen eerder gemaakte website is.",
        ),
    ] = False,
    data: DataOptie = None,
) -> None:
    """Maak de openbare website: de samenwerking, projecten, vergaderingen,
    themabijeenkomsten, de monitor, het activiteitenoverzicht en het nieuws.

    Alles komt uit de openbare weergave van de gegevens: vertrouwelijke punten,
    stukken en besluiten, acties, contactgegevens en aanmeldingen staan er niet op,
    namen alleen met toestemming. Bij de vergaderingen staat de vergaderkalender
    (.ics), bij het nieuws de verzonden nieuwsbrieven met een Atom-feed. Zoeken werkt
    zonder eigen server: op een webserver (GitHub Pages, GitLab Pages) met Pagefind, en
    van de schijf geopend (index.html) met een eigen index.

    De map wordt in één keer vervangen: een mislukte bouw laat de vorige website
    staan. Dezelfde gegevens geven op dezelfde dag dezelfde bestanden.
    """
    from waterketen_cli import dutch, publiek
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import shown, today
    from waterketen_cli.communicatie import plaatsen, zoeken
    from waterketen_cli.communicatie import site as kern
    from waterketen_cli.git import mapgeschiedenis
    from waterketen_cli.records import nieuwsbrief
    from waterketen_cli.vergaderen import kalender

    folder = data_dir(ctx, data)
    doel = uitvoer if uitvoer is not None else folder.parent / "_site"
    # Refused before the work, not after it.
    plaatsen.controleer(doel.absolute(), folder, overschrijf=overschrijf)
    vandaag = today()
    view = publiek.laad(folder, SOORTEN, vandaag)
    if view.overgeslagen:
        output.print_warning(
            "niet op de website, want niet geldig: " + ", ".join(view.overgeslagen),
            "voer 'waterketen validate' uit om te zien wat eraan schort",
        )
    brieven = nieuwsbrief.lees_alle(folder)
    gebouwd = kern.bouw(
        view,
        vandaag,
        nieuwsbrieven=brieven,
        geschiedenis=mapgeschiedenis(folder, kalender.MAP),
    )
    geplaatst = plaatsen.plaats(
        gebouwd, doel, data_dir=folder, overschrijf=overschrijf, zoekindex=zoeken.indexeer
    )
    paginas = dutch.aantal(geplaatst.paginas, "pagina", "pagina's")
    bestanden = dutch.aantal(geplaatst.bestanden, "bestand", "bestanden")
    output.message(
        f"Website geschreven naar {shown(geplaatst.map)}: {paginas}, {bestanden}, "
        f"{_grootte(geplaatst.grootte)}."
    )
    output.message(f"Bekijken: open {shown(geplaatst.map / 'index.html')} in een browser.")


def _grootte(n: int) -> str:
    """1,4 MB; 820 kB: decimal units, as the file managers of Windows and macOS show."""
    from decimal import Decimal

    from waterketen_cli import dutch

    if n >= 1_000_000:
        return f"{dutch.getal(Decimal(n) / 1_000_000, 1)} MB"
    return f"{dutch.getal(Decimal(n) / 1_000, 0)} kB"
