"""All terminal output: findings in three formats, messages and errors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from itertools import groupby

from rich.console import Console
from rich.text import Text

from waterketen_cli.checks import Ernst, Finding, Resultaat


@cache
def console() -> Console:
    return Console(highlight=False, soft_wrap=True)


@cache
def error_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(bericht: str, hint: str | None = None) -> None:
    text = Text("fout: ", style="bold red") + Text(bericht)
    if hint:
        text += Text(f"\n  {hint}", style="dim")
    error_console().print(text)


def message(text: str, style: str = "") -> None:
    console().print(Text(text, style=style))


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(result: Resultaat, shown: Sequence[Finding]) -> str:
    errors = sum(1 for f in shown if f.ernst == Ernst.FOUT)
    warnings = len(shown) - errors
    files = _plural(result.bestanden, "bestand", "bestanden")
    counts = (
        f"{_plural(errors, 'fout', 'fouten')}, "
        f"{_plural(warnings, 'waarschuwing', 'waarschuwingen')}"
    )
    return f"{files} gecontroleerd: {counts}."


def findings_text(result: Resultaat, findings: Sequence[Finding]) -> None:
    """Grouped by file; each finding on a line, what to do about it on the next."""
    out = console()
    for bestand, group in groupby(findings, key=lambda f: f.bestand):
        out.print(Text(bestand, style="bold underline"))
        for f in group:
            place = f"{f.regel}:{f.kolom}" if f.regel else "-"
            line = Text(f"  {place:>7}  ")
            line += Text(
                f"{f.ernst.value:<13}", style="red" if f.ernst == Ernst.FOUT else "yellow"
            )
            line += Text(f"{f.veld}: " if f.veld else "", style="bold")
            line += Text(f.bericht)
            line += Text(f"  [{f.check}]", style="dim")
            out.print(line)
            if f.hint:
                out.print(Text(f"{'':24}→ {f.hint}", style="cyan"))
        out.print()
    style = "bold green" if not any(f.ernst == Ernst.FOUT for f in findings) else "bold red"
    out.print(Text(summary(result, findings), style=style))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def findings_github(result: Resultaat, findings: Sequence[Finding]) -> None:
    """GitHub Actions workflow commands: annotations on the lines of the pull request."""
    for f in findings:
        level = "error" if f.ernst == Ernst.FOUT else "warning"
        props = [f"file={_escape_property(f.bestand)}"]
        if f.regel:
            props += [f"line={f.regel}", f"col={f.kolom}"]
        props.append(f"title={_escape_property(f'waterketen {f.check}')}")
        body = (f"{f.veld}: " if f.veld else "") + f.bericht + (f" ({f.hint})" if f.hint else "")
        print(f"::{level} {','.join(props)}::{_escape_data(body)}")
    print(summary(result, findings))


def findings_json(result: Resultaat, findings: Sequence[Finding]) -> None:
    errors = sum(1 for f in findings if f.ernst == Ernst.FOUT)
    doc = {
        "bestanden": result.bestanden,
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
    print(json.dumps(doc, ensure_ascii=False, indent=2))
