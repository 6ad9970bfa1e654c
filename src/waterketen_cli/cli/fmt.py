"""``waterketen fmt``: every record in one canonical form, comments kept."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli.common import CommitOptie, DataOptie, DroogOptie, data_dir

if TYPE_CHECKING:
    pass


def fmt(
    ctx: typer.Context,
    paden: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PAD]...",
            help="Alleen deze records of mappen (binnen de gegevensmap). Standaard: alle.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Schrijf niets; noem de bestanden die niet in vaste vorm zijn en faal "
            "(exitcode 1) als er een is. Voor CI en pre-commit.",
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Toon bij --check per bestand wat fmt zou veranderen.")
    ] = False,
    droog: DroogOptie = False,
    commit: CommitOptie = False,
    data: DataOptie = None,
) -> None:
    """Zet records in hun vaste vorm, met behoud van al het commentaar.

    Velden in de volgorde van het model (onbekende velden achteraan), inspringing
    2/4/2, tijden en telefoonnummers tussen aanhalingstekens, andere tekst alleen waar
    nodig, en lijsten waarvan de volgorde niets betekent gesorteerd (gemeenten,
    waterschappen en waterbedrijven van een cluster, aanwezigen en afmeldingen van een
    vergadering, agendaleden van een agendapunt of voorstel). Een bestand dat al in
    vaste vorm is, wordt niet aangeraakt.

    Exitcode 0: in orde; 1: een bestand niet te lezen, of met --check niet in vaste
    vorm; 2: verkeerd gebruik.
    """
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import schrijven, told
    from waterketen_cli.records.formatteren import opmaak

    folder = data_dir(ctx, data)
    schrijft = not check and not droog
    # Only a run that writes needs the write path (and its lock); --check on an
    # unchanged folder then loads neither the models nor ruamel.yaml.
    with schrijven(folder, commit=commit) if schrijft else contextlib.nullcontext() as sessie:
        with output.voortgang("Vaste vorm") as voortgang:
            result = opmaak(folder, paden or [], voortgang)
        for probleem in result.problemen:
            output.print_error(f"{probleem.toon}: {probleem.bericht}", probleem.hint)
        if check:
            for naam, record in zip(result.namen, result.wijzigingen, strict=True):
                output.message(f"niet in vaste vorm: {naam}")
                if diff:
                    _show_diff(record.oud or b"", record.tekst, naam)
        elif droog:
            from waterketen_cli.cli.common import show_plan

            show_plan(result.plan)
        elif result.wijzigingen:
            assert sessie is not None
            uitkomst = sessie.voer_uit(result.plan)
            for naam in result.namen:
                output.message(f"opgemaakt: {naam}")
            for line in told(uitkomst):
                output.message(line)
    changed = len(result.wijzigingen)
    failed = len(result.problemen)
    _summary(result.bestanden, changed, failed, check=check or droog)
    if failed or (check and changed):
        raise typer.Exit(1)


def _summary(total: int, changed: int, failed: int, *, check: bool) -> None:
    from waterketen_cli.cli import output
    from waterketen_cli.dutch import aantal

    def n(count: int) -> str:
        return aantal(count, "bestand", "bestanden")

    unreadable = f"; {n(failed)} niet te lezen of op te maken" if failed else ""
    if check and changed:
        output.print_error(
            f"{changed} van {n(total)} niet in vaste vorm{unreadable}",
            "voer 'waterketen fmt' uit en commit de bestanden",
        )
    elif check:
        output.message(f"{n(total)} gecontroleerd: alles in vaste vorm{unreadable}.")
    else:
        kept = total - changed - failed
        output.message(f"{n(changed)} opgemaakt, {kept} al in vaste vorm{unreadable}.")


def _show_diff(old: bytes, new: str, toon: str) -> None:
    import difflib

    from waterketen_cli.cli import output

    text = old.decode("utf-8", errors="replace").replace("\r\n", "\n")
    lines = difflib.unified_diff(
        text.splitlines(), new.splitlines(), f"a/{toon}", f"b/{toon}", n=1, lineterm=""
    )
    for line in lines:
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
        output.message(line, "cyan" if line.startswith("@@") else style)
