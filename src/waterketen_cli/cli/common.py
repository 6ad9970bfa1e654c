"""Small helpers shared by the commands: parsing Dutch input, writing documents."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sys
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.documentformaat import Formaat, Tabelformaat
from waterketen_cli.errors import GebruiksFout

if TYPE_CHECKING:
    from collections.abc import Sequence

    from waterketen_cli.documentformaat import Afbeelding
    from waterketen_cli.records.dataset import Gegevens
    from waterketen_cli.records.plan import Schrijfplan
    from waterketen_cli.schrijfpad import Uitkomst

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
#: The file format of a document: Markdown, Word or PDF, in the region's house style.
DocumentformaatOptie = Annotated[
    Formaat | None,
    typer.Option(
        "--formaat",
        help="Bestandsformaat: md (Markdown), docx (Word) of pdf, in de huisstijl. "
        "Standaard: volgens de extensie van --uitvoer (.docx, .pdf), anders md.",
        show_default=False,
    ),
]
#: The file format of a command that also writes a workbook (overzicht, acties,
#: besluiten, middelen).
TabelformaatOptie = Annotated[
    Tabelformaat | None,
    typer.Option(
        "--formaat",
        help="Bestandsformaat: md (Markdown), docx (Word) of pdf in de huisstijl, of xlsx "
        "(Excel-werkmap). Standaard: volgens de extensie van --uitvoer, anders md.",
        show_default=False,
    ),
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


#: Show what would be written; write nothing.
DroogOptie = Annotated[
    bool,
    typer.Option(
        "--droog", help="Toon wat er geschreven zou worden (en de verschillen); schrijf niets."
    ),
]


def data_dir(ctx: typer.Context, option: str | None = None) -> Path:
    """The data folder: the command's ``--data``, else the one before the command.
    A write that was interrupted there (kill -9, power loss) is finished or undone
    first, and the user is told."""
    from waterketen_cli.paths import find_data_dir
    from waterketen_cli.records import transactie

    folder = find_data_dir(option or (ctx.find_root().obj or {}).get("data"))
    if transactie.onderbroken(folder):
        gedaan = transactie.herstel(folder)
        if gedaan:
            from waterketen_cli.cli import output

            output.print_warning(gedaan)
    return folder


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


def write_document(
    text: str,
    target: Path | None,
    *,
    overwrite: bool,
    formaat: Formaat | None = None,
    bron: tuple[Path, Gegevens] | None = None,
    afbeeldingen: Sequence[Afbeelding] = (),
) -> str | None:
    """A generated document to a file (through the write path: atomic, mode kept,
    never over an existing file unless asked, never through a symlink) or to standard
    output (no ``-o``, or ``-o -``). Returns a line to tell the user, or None.

    ``text`` is Markdown; as Word or PDF (``formaat``, or the extension of ``target``)
    it is converted in the house style of the data folder and data in ``bron``, with
    ``afbeeldingen`` for the charts it refers to."""
    from waterketen_cli import documentformaat

    soort = documentformaat.formaat_voor(target, formaat)
    naar_scherm = target is None or str(target) == "-"
    if target is not None and not naar_scherm:
        if target.is_dir():
            raise GebruiksFout(
                f"{target} is een map", hint=f"geef een bestandsnaam, bijv. agenda.{soort.value}"
            )
        if target.exists() and not overwrite:
            raise GebruiksFout(
                f"{target} bestaat al", hint="kies een ander bestand of gebruik --overschrijf"
            )
    inhoud: str | bytes = text
    if soort != Formaat.md:
        if bron is None:
            raise GebruiksFout(
                "dit document bestaat alleen als Markdown", hint="laat --formaat weg of kies md"
            )
        if naar_scherm and sys.stdout.isatty():
            raise GebruiksFout(
                f"een {_FORMAATNAAM[soort]} hoort in een bestand, niet op het scherm",
                hint=f"geef een bestand met --uitvoer, bijv. -o document.{soort.value}",
            )
        stijl = documentformaat.huisstijl(bron[0], bron[1])
        if stijl.waarschuwingen:
            from waterketen_cli.cli import output

            for waarschuwing in stijl.waarschuwingen:
                output.print_warning(waarschuwing, "voer 'waterketen validate' uit voor de details")
        inhoud = documentformaat.omzetten(text, soort, stijl, afbeeldingen=afbeeldingen)
    if naar_scherm:
        if isinstance(inhoud, bytes):
            sys.stdout.buffer.write(inhoud)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(inhoud)
            sys.stdout.flush()
        return None
    assert target is not None
    from waterketen_cli import schrijfpad
    from waterketen_cli.records.plan import Document, Schrijfplan

    plan = Schrijfplan(f"{shown(target)} geschreven", None)
    plan.documenten.append(Document(target, inhoud, overschrijf=overwrite))
    schrijfpad.voer_uit(plan, vandaag=today())
    return f"Geschreven: {shown(target)}"


_FORMAATNAAM = {Formaat.docx: "Word-document", Formaat.pdf: "PDF"}


def schrijf_werkboek(inhoud: bytes, target: Path | None, *, overwrite: bool) -> str | None:
    """An Excel workbook (``waterketen_cli.werkboek``) to a file, through the write path
    as every document; to standard output only when that is no terminal (``-o -``, a
    pipe). Returns a line to tell the user, or None."""
    naar_scherm = target is None or str(target) == "-"
    if naar_scherm:
        if sys.stdout.isatty():
            raise GebruiksFout(
                "een werkboek hoort in een bestand, niet op het scherm",
                hint="geef een bestand met --uitvoer, bijv. -o overzicht.xlsx",
            )
        sys.stdout.buffer.write(inhoud)
        sys.stdout.buffer.flush()
        return None
    assert target is not None
    if target.is_dir():
        raise GebruiksFout(f"{target} is een map", hint="geef een bestandsnaam, bijv. lijst.xlsx")
    if target.exists() and not overwrite:
        raise GebruiksFout(
            f"{target} bestaat al", hint="kies een ander bestand of gebruik --overschrijf"
        )
    from waterketen_cli import schrijfpad
    from waterketen_cli.records.plan import Document, Schrijfplan

    plan = Schrijfplan(f"{shown(target)} geschreven", None)
    plan.documenten.append(Document(target, inhoud, overschrijf=overwrite))
    schrijfpad.voer_uit(plan, vandaag=today())
    return f"Geschreven: {shown(target)}"


class Schrijven:
    """A writing command's session: hold the lock while the command loads the data and
    plans; :meth:`voer_uit` checks and writes the plan (see ``waterketen_cli.schrijfpad``)."""

    def __init__(self, folder: Path | None, *, droog: bool, commit: bool) -> None:
        self.folder = folder
        self.droog = droog
        self.commit = commit

    def voer_uit(self, plan: Schrijfplan) -> Uitkomst:
        from waterketen_cli import schrijfpad

        uitkomst = schrijfpad.voer_uit(plan, vandaag=today(), droog=self.droog, commit=self.commit)
        if self.droog:
            show_plan(plan)
        return uitkomst


@contextlib.contextmanager
def schrijven(
    folder: Path | None, *, droog: bool = False, commit: bool = False
) -> Iterator[Schrijven]:
    """The one way a command writes: ``with schrijven(folder, droog=…, commit=…) as s:``
    load, plan, ``s.voer_uit(plan)``. The data folder's lock is held throughout (a dry
    run takes none), so a plan is never made from data another writer is changing."""
    from waterketen_cli import schrijfpad

    if folder is None:
        yield Schrijven(None, droog=droog, commit=commit)
        return
    wie = " ".join(["waterketen", *sys.argv[1:]])
    with schrijfpad.sessie(folder, wie, droog=droog):
        yield Schrijven(folder, droog=droog, commit=commit)


def show_plan(plan: Schrijfplan) -> None:
    """What a dry run would write: a new file whole, a changed file as a diff, on
    standard output; which file each one is, on standard error (so that
    ``--droog > x.yaml`` gives just the file)."""
    import difflib

    from waterketen_cli.cli import output

    output.message_err("Droog: er wordt niets geschreven.")
    files: list[tuple[Path, str | bytes, bytes | None]] = [
        (r.pad, r.tekst, r.oud) for r in plan.records
    ]
    files += [(d.pad, d.tekst, d.oud) for d in plan.documenten if d.pad is not None]
    for pad, tekst, oud in files:
        name = shown(pad)
        if isinstance(tekst, bytes):
            output.message_err(f"{'nieuw' if oud is None else 'gewijzigd'}: {name}")
            continue
        if oud is None:
            output.message_err(f"nieuw: {name}")
            sys.stdout.write(tekst)
            sys.stdout.flush()
            continue
        output.message_err(f"gewijzigd: {name}")
        old = oud.decode("utf-8", errors="replace").replace("\r\n", "\n")
        for line in difflib.unified_diff(
            old.splitlines(), tekst.splitlines(), f"a/{name}", f"b/{name}", lineterm=""
        ):
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
            output.message(line, "cyan" if line.startswith("@@") else style)


def told(uitkomst: Uitkomst) -> list[str]:
    """The lines that say what was committed (the commands say what they wrote)."""
    if uitkomst.commit is None:
        return []
    return [f"Gecommit: {uitkomst.commit} {uitkomst.plan.wat}"]


def meld_overgeslagen(bestanden: Sequence[str]) -> None:
    """Files that are not valid records are left out of a report: said, not hidden."""
    from waterketen_cli.cli import output

    if bestanden:
        output.print_warning(
            f"overgeslagen, geen geldig record: {', '.join(bestanden)}",
            "voer 'waterketen validate' uit voor de details",
        )
