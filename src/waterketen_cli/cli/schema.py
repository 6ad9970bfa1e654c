"""``waterketen schema``: JSON Schema per record kind, for editors and CI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from waterketen_cli.cli.common import DataOptie, DroogOptie, data_dir


def schema(
    ctx: typer.Context,
    map_: Annotated[
        Path | None,
        typer.Option(
            "--map",
            metavar="MAP",
            help="Waar de schema's komen. Standaard: schemas/ naast de gegevensmap.",
            show_default=False,
        ),
    ] = None,
    data: DataOptie = None,
    droog: DroogOptie = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Schrijf niets; faal (exitcode 1) als een schema verouderd is."
        ),
    ] = False,
) -> None:
    """Schrijf een JSON Schema per recordsoort, zodat een editor velden aanvult en controleert.

    De records verwijzen ernaar met hun eerste regel:
    # yaml-language-server: $schema=../../schemas/<soort>.schema.json
    """
    from waterketen_cli import dutch, schemas
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import schrijven
    from waterketen_cli.errors import GegevensNietGevonden

    folder: Path | None
    if map_ is None:
        folder = data_dir(ctx, data)
        target = folder.parent / "schemas"
    else:
        target = map_
        try:
            folder = data_dir(ctx, data)
        except GegevensNietGevonden:
            folder = None  # --map alone needs no data folder
    with schrijven(None if check or folder is None else folder, droog=droog) as sessie:
        results, plan = schemas.plan(target, folder)
        if check:
            results = [
                schemas.Uitkomst(r.pad, schemas.Stand.VEROUDERD)
                if r.stand != schemas.Stand.ONGEWIJZIGD
                else r
                for r in results
            ]
        else:
            sessie.voer_uit(plan)
    if droog:
        return
    for r in results:
        if r.stand != schemas.Stand.ONGEWIJZIGD:
            output.message(f"{r.stand.value:<12}{r.pad}")
    stale = [r for r in results if r.stand == schemas.Stand.VEROUDERD]
    if stale:
        output.print_error(
            dutch.aantal(len(stale), "schema", "schema's") + " verouderd",
            "voer 'waterketen schema' uit en commit de schema's",
        )
        raise typer.Exit(1)
    written = sum(1 for r in results if r.stand in (schemas.Stand.NIEUW, schemas.Stand.BIJGEWERKT))
    output.message(
        f"{len(results)} schema's in {target}: {written} geschreven, "
        f"{len(results) - written} ongewijzigd."
    )
