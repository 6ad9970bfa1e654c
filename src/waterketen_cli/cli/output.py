"""Terminal output: findings in three formats, messages and errors, JSON, the progress
bar; and, once at start-up, how standard output and standard error behave
(:func:`configure_streams`). Tables are laid out by :mod:`waterketen_cli.cli.tabellen`,
on the console of this module."""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from itertools import groupby
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console

    from waterketen_cli.checks import Finding, Resultaat
    from waterketen_cli.voortgang import Voortgang

# rich is imported only to write to a terminal: to a file or a pipe, output is plain
# text, written directly (faster, and the same bytes every time). Nothing heavy is
# imported at the top: run() imports this module before it parses the command line,
# and ``waterketen --help`` must answer at once.

# --- the output streams: any console, any encoding --------------------------------------

#: The error handler of the output streams (see :func:`configure_streams`).
VERVANGEN = "waterketen-vervangen"

#: What a character becomes on a terminal whose encoding lacks it: plain text that
#: reads the same. Anything else loses its accent if it has one ("ö" -> "o") and
#: otherwise becomes "?".
VERVANGINGEN: dict[str, str] = {
    "→": "->",
    "←": "<-",
    "↔": "<->",
    "⇒": "=>",
    "↑": "^",
    "↓": "v",
    "▲": "^",
    "▼": "v",
    "…": "...",
    "–": "-",
    "—": "-",
    "−": "-",
    "‑": "-",
    "‘": "'",
    "’": "'",
    "‚": ",",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "€": "EUR",
    "✱": "*",
    "•": "*",
    "✓": "v",
    "✔": "v",
    "✗": "x",
    "✘": "x",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "≠": "!=",
    "±": "+/-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}


def plain(char: str) -> str:
    """One character as plain text for a stream that cannot encode it."""
    if char in VERVANGINGEN:
        return VERVANGINGEN[char]
    import unicodedata

    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return bare if bare and bare.isascii() and bare.isprintable() else "?"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(plain(c) for c in error.object[error.start : error.end]), error.end


codecs.register_error(VERVANGEN, _replace)


def _is_utf(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


def configure_streams() -> None:
    """Decide once, at start-up, how standard output and standard error behave, so
    that no command ever fails on a character the output encoding lacks.

    - To a file or a pipe (``waterketen agenda render X > agenda.md``, CI, Git Bash on
      Windows) goes UTF-8 with ``\\n`` line ends, whatever the code page: exactly the
      bytes ``--uitvoer`` would write, so documents (Markdown, iCalendar, JSON,
      CODEOWNERS) stay exact and a redirected file is the same on every machine.
    - A terminal that cannot show UTF-8 (a legacy console code page, a Latin-1
      terminal) keeps its encoding: a character it lacks becomes plain text from
      :data:`VERVANGINGEN` ("→" -> "->"), never an error. JSON to such a terminal is
      written with ``\\u`` escapes (:func:`json_doc`), so it stays exact too.

    Only the process's own streams are touched; a stream someone else put in their
    place (a test, a program that embeds waterketen) is left alone.
    """
    for stream, original in ((sys.stdout, sys.__stdout__), (sys.stderr, sys.__stderr__)):
        # None: no console at all (pythonw); another object: not ours to change.
        if isinstance(stream, io.TextIOWrapper) and stream is original:
            _configure(stream)


def _configure(stream: io.TextIOWrapper) -> None:
    try:
        terminal = stream.isatty()
    except ValueError:  # closed
        return
    if terminal:
        stream.reconfigure(errors=VERVANGEN)  # on UTF-8 only a lone surrogate needs it
    else:
        stream.reconfigure(encoding="utf-8", errors=VERVANGEN, newline="\n")


def _exact_json() -> bool:
    """JSON may carry any character as it is: standard output is UTF-8."""
    return _is_utf(getattr(sys.stdout, "encoding", None))


def _color_system() -> Literal["auto"] | None:
    """NO_COLOR (https://no-color.org) set: no colour and no other escape codes either.
    TERM=dumb is rich's own rule; to a file or a pipe rich is not used at all."""
    return None if os.environ.get("NO_COLOR") else "auto"


@cache
def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, color_system=_color_system())


@cache
def error_console() -> Console:
    from rich.console import Console

    return Console(
        stderr=True,
        highlight=False,
        soft_wrap=True,
        color_system=_color_system(),
    )


def _write(segments: list[tuple[str, str]], *, stderr: bool = False) -> None:
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        from rich.text import Text

        out = error_console() if stderr else console()
        out.print(Text.assemble(*segments), end="")
    else:
        stream.write("".join(text for text, _ in segments))
        stream.flush()


def print_error(bericht: str, hint: str | None = None) -> None:
    segments = [("fout: ", "bold red"), (bericht + "\n", "")]
    if hint:
        segments.append((f"  {hint}\n", "dim"))
    _write(segments, stderr=True)


def print_warning(bericht: str, hint: str | None = None) -> None:
    segments = [("let op: ", "bold yellow"), (bericht + "\n", "")]
    if hint:
        segments.append((f"  {hint}\n", "dim"))
    _write(segments, stderr=True)


def message(text: str, style: str = "") -> None:
    _write([(text + "\n", style)])


def message_err(text: str, style: str = "") -> None:
    _write([(text + "\n", style)], stderr=True)


def _is_error(finding: Finding) -> bool:
    from waterketen_cli.findings import Ernst

    return finding.ernst == Ernst.FOUT


def _counts(findings: Sequence[Finding]) -> str:
    from waterketen_cli.dutch import aantal

    errors = sum(1 for f in findings if _is_error(f))
    warnings = len(findings) - errors
    fouten = aantal(errors, "fout", "fouten")
    return f"{fouten}, {aantal(warnings, 'waarschuwing', 'waarschuwingen')}"


def summary(result: Resultaat, shown: Sequence[Finding]) -> str:
    from waterketen_cli.dutch import aantal

    files = aantal(result.bestanden, "bestand", "bestanden")
    return f"{files} gecontroleerd: {_counts(shown)}."


def findings_text(findings: Sequence[Finding], samenvatting: str) -> None:
    """Grouped by file; each finding on a line, what to do about it on the next."""
    seg: list[tuple[str, str]] = []
    for bestand, group in groupby(findings, key=lambda f: f.bestand):
        seg.append((bestand, "bold underline"))
        seg.append(("\n", ""))
        for f in group:
            place = f"{f.regel}:{f.kolom}" if f.regel else "-"
            seg.append((f"  {place:>7}  ", ""))
            seg.append((f"{f.ernst.value:<13}", "red" if _is_error(f) else "yellow"))
            if f.veld:
                seg.append((f"{f.veld}: ", "bold"))
            seg.append((f.bericht, ""))
            seg.append((f"  [{f.check}]\n", "dim"))
            if f.hint:
                seg.append((f"{'':24}→ {f.hint}\n", "cyan"))
        seg.append(("\n", ""))
    style = "bold green" if not any(_is_error(f) for f in findings) else "bold red"
    seg.append((samenvatting + "\n", style))
    _write(seg)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def findings_github(findings: Sequence[Finding], samenvatting: str) -> None:
    """GitHub Actions workflow commands: annotations on the lines of the pull request."""
    for f in findings:
        level = "error" if _is_error(f) else "warning"
        props = [f"file={_escape_property(f.bestand)}"]
        if f.regel:
            props += [f"line={f.regel}", f"col={f.kolom}"]
        props.append(f"title={_escape_property(f'waterketen {f.check}')}")
        body = (f"{f.veld}: " if f.veld else "") + f.bericht + (f" ({f.hint})" if f.hint else "")
        print(f"::{level} {','.join(props)}::{_escape_data(body)}")
    print(samenvatting)


def findings_json(
    result: Resultaat, findings: Sequence[Finding], extra: dict[str, object] | None = None
) -> None:
    errors = sum(1 for f in findings if _is_error(f))
    doc = {
        "bestanden": result.bestanden,
        **(extra or {}),
        "fouten": errors,
        "waarschuwingen": len(findings) - errors,
        "bevindingen": [
            {
                "bestand": f.bestand,
                "regel": f.regel or None,
                "kolom": f.kolom or None,
                "veld": f.veld or None,
                "check": f.check,
                "ernst": f.ernst.value,
                "bericht": f.bericht,
                "hint": f.hint,
            }
            for f in findings
        ],
    }
    json_doc(doc)


def json_doc(doc: object) -> None:
    """JSON on standard output: characters as they are on UTF-8 (a file, a pipe, a
    UTF-8 terminal), as ``\\u`` escapes on a terminal that cannot show them, so that
    the data is exact either way."""
    import json

    print(json.dumps(doc, ensure_ascii=not _exact_json(), indent=2))


# --- validate --gewijzigd: the same three formats, a summary that names the scope


def summary_gewijzigd(gewijzigd: int, findings: Sequence[Finding]) -> str:
    """'12 gewijzigde bestanden gecontroleerd, verwijzingen in de hele map: 1 fout, …'."""
    from waterketen_cli.dutch import aantal

    files = aantal(gewijzigd, "gewijzigd bestand", "gewijzigde bestanden")
    return f"{files} gecontroleerd, verwijzingen in de hele map: {_counts(findings)}."


#: ``--stil``: no progress bar, even on a terminal.
STIL = False
#: Environment variables that mean "this runs in CI": no progress bar there.
_CI = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILD_NUMBER", "TF_BUILD")


@contextmanager
def voortgang(omschrijving: str, *, vanaf: int = 300) -> Iterator[Voortgang]:
    """A progress bar with a count on the terminal (standard error) for work of at
    least ``vanaf`` units; it disappears when done. In a pipe, in CI, with ``TERM=dumb``
    or ``--stil`` nothing is shown, so the output stays the same bytes."""
    from waterketen_cli.voortgang import stil

    if (
        STIL
        or not sys.stderr.isatty()
        or os.environ.get("TERM") == "dumb"
        or any(os.environ.get(name) for name in _CI)
    ):
        yield stil
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    shown: list[Progress] = []

    def report(gedaan: int, totaal: int) -> None:
        if not shown:
            if totaal < vanaf:
                return
            bar = Progress(
                TextColumn(omschrijving),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=error_console(),
                transient=True,
            )
            bar.add_task(omschrijving, total=totaal)
            bar.start()
            shown.append(bar)
        shown[0].update(shown[0].task_ids[0], completed=gedaan, total=totaal)

    try:
        yield report
    finally:
        for bar in shown:
            bar.stop()
