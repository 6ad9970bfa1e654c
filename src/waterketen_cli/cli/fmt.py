"""``waterketen fmt``: every record in one canonical form, comments kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli.common import CommitOptie, DataOptie, data_dir

if TYPE_CHECKING:
    from waterketen_cli.records.store import Stat


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
    from waterketen_cli.records import canonical
    from waterketen_cli.records.atomic import write_text
    from waterketen_cli.records.yamlio import decode, parse

    folder = data_dir(ctx, data)
    records = _records(folder, paden or [])
    changed: list[str] = []
    to_write: list[tuple[Path, str, str]] = []
    failed = 0
    for stat in records:
        path = Path(stat.pad)
        raw = path.read_bytes()
        _, problems = parse(raw)
        text, _ = decode(raw)
        if problems or text is None:
            p = problems[0]
            output.print_error(
                f"{stat.toon}:{p.regel}:{p.kolom}: {p.bericht}",
                (p.hint + "; " if p.hint else "") + "fmt heeft het bestand niet gewijzigd",
            )
            failed += 1
            continue
        try:
            result = canonical.format_record(text, stat.soort, path)
        except canonical.VormFout as error:
            output.print_error(f"{stat.toon}: {error.bericht}", error.hint)
            failed += 1
            continue
        if result.encode("utf-8") == raw:
            continue
        changed.append(stat.toon)
        if check:
            output.message(f"niet in vaste vorm: {stat.toon}")
            if diff:
                _show_diff(text, result, stat.toon)
        else:
            to_write.append((path, result, stat.toon))
    if to_write:
        from waterketen_cli import git

        plan = git.prepare_commit([p for p, _, _ in to_write]) if commit else None
        for path, result, toon in to_write:
            write_text(path, result)
            output.message(f"opgemaakt: {toon}")
        if plan is not None:
            message = f"Records in vaste vorm gezet ({len(to_write)} bestanden)"
            output.message(f"Gecommit: {git.commit(plan, message)} {message}")
    _summary(len(records), len(changed), failed, check=check)
    if failed or (check and changed):
        raise typer.Exit(1)


def _summary(total: int, changed: int, failed: int, *, check: bool) -> None:
    from waterketen_cli.cli import output

    def n(count: int) -> str:
        return f"{count} {'bestand' if count == 1 else 'bestanden'}"

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


def _show_diff(old: str, new: str, toon: str) -> None:
    import difflib

    from waterketen_cli.cli import output

    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), f"a/{toon}", f"b/{toon}", n=1, lineterm=""
    )
    for line in lines:
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
        output.message(line, "cyan" if line.startswith("@@") else style)


def _records(folder: Path, paden: list[Path]) -> list[Stat]:
    """The record files to format: all, or those at or below the given paths."""
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.records.store import scan

    stats, _ = scan(folder)
    if not paden:
        return stats
    root = folder.resolve()
    chosen: dict[str, Stat] = {}
    for pad in paden:
        resolved = pad.resolve()
        if not resolved.exists():
            raise GebruiksFout(f"'{pad}' bestaat niet")
        if resolved != root and root not in resolved.parents:
            raise GebruiksFout(
                f"'{pad}' ligt buiten de gegevensmap {folder}",
                hint="geef een record of map binnen de gegevensmap",
            )
        found = [
            s for s in stats if (p := Path(s.pad).resolve()) == resolved or resolved in p.parents
        ]
        if not found:
            what = "bevat geen records" if resolved.is_dir() else "is geen record"
            raise GebruiksFout(
                f"'{pad}' {what}",
                hint="een record is een .yaml-bestand in een map als data/projecten/",
            )
        chosen.update((s.pad, s) for s in found)
    return sorted(chosen.values(), key=lambda s: s.toon)
