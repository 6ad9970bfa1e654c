"""Small helpers shared by the commands: parsing Dutch input, writing documents."""

from __future__ import annotations

import datetime as dt
import os
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from waterketen_cli.errors import GebruiksFout

#: ``--data`` is accepted before and after the command name.
DataOptie = Annotated[
    str | None,
    typer.Option(
        "--data",
        envvar="WATERKETEN_DATA",
        metavar="MAP",
        help="De gegevensmap. Standaard: data/ van de git-repository waarin u staat.",
        show_envvar=True,
    ),
]

#: Where a generated document goes; never over an existing file without --overschrijf.
UitvoerOptie = Annotated[
    Path | None,
    typer.Option(
        "--uitvoer",
        "-o",
        metavar="PAD",
        help="Schrijf naar dit bestand. Standaard: het scherm (de standaarduitvoer).",
        show_default=False,
    ),
]
OverschrijfOptie = Annotated[
    bool, typer.Option("--overschrijf", help="Vervang een bestaand bestand bij --uitvoer.")
]

#: Commit exactly the files a command wrote.
CommitOptie = Annotated[
    bool,
    typer.Option(
        "--commit",
        help="Commit precies de geschreven bestanden (weigert als die al andere "
        "wijzigingen hebben of als de map geen git-repository is).",
    ),
]


def data_dir(ctx: typer.Context, option: str | None = None) -> Path:
    """The data folder: the command's ``--data``, else the one before the command."""
    from waterketen_cli.paths import find_data_dir

    return find_data_dir(option or (ctx.find_root().obj or {}).get("data"))


class TekstOfJson(StrEnum):
    """``--format`` of the commands that print a table or JSON."""

    tekst = "tekst"
    json = "json"


def today() -> dt.date:
    """The day commands judge by; ``WATERKETEN_VANDAAG`` fixes it (tests, CI)."""
    fixed = os.environ.get("WATERKETEN_VANDAAG")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise GebruiksFout(
                f"WATERKETEN_VANDAAG='{fixed}' is geen datum", hint="schrijf JJJJ-MM-DD"
            ) from None
    return dt.date.today()


def parse_date(text: str, option: str) -> dt.date:
    """2026-04-14 or 14-04-2026."""
    from waterketen_cli.dutch import parse_datum

    datum = parse_datum(text)
    if datum is None:
        raise GebruiksFout(
            f"{option}: '{text}' is geen datum", hint="schrijf JJJJ-MM-DD, bijv. 2026-04-14"
        )
    return datum


def parse_time(text: str, option: str) -> dt.time:
    """13:30 or 13.30."""
    match = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", text.strip())
    if not match:
        raise GebruiksFout(f"{option}: '{text}' is geen tijd", hint="schrijf UU:MM, bijv. 13:30")
    return dt.time(int(match[1]), int(match[2]))


def shown(path: Path) -> str:
    """A path as the user would type it: relative to where they stand, if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def write_document(text: str, target: Path | None, *, overwrite: bool) -> str | None:
    """A generated document to a file (atomically, never over an existing one unless
    asked) or to standard output. Returns a line to tell the user, or None."""
    if target is None:
        print(text, end="")
        return None
    from waterketen_cli.records.atomic import write_text

    if target.exists() and not overwrite:
        raise GebruiksFout(
            f"{target} bestaat al", hint="kies een ander bestand of gebruik --overschrijf"
        )
    write_text(target, text)
    return f"Geschreven: {shown(target)}"


def write_records(changes: list[Any], message: str, *, commit: bool) -> list[str]:
    """Write the records of a command (validated, atomic, all or nothing) and, with
    ``commit``, commit exactly those files. Whether they can be committed is checked
    before anything is written. Returns lines to tell the user."""
    from waterketen_cli import git
    from waterketen_cli.records import writer

    plan = git.prepare_commit([c.pad for c in changes]) if commit else None
    writer.write(changes)
    if plan is None:
        return []
    return [f"Gecommit: {git.commit(plan, message)} {message}"]
