"""The command itself: help in Dutch for every command, version, module entry point."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import invoke
from waterketen_cli import __version__
from waterketen_cli.cli.main import app

COMMANDS = [c.name for c in app.registered_commands] + [
    f"{g.name} {c.name}"
    for g in app.registered_groups
    for c in g.typer_instance.registered_commands
]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, ["--version"])
    assert result.code == 0
    assert result.out == f"waterketen {__version__}\n"


GROUPS = [g.name for g in app.registered_groups]


@pytest.mark.parametrize("command", [None, *GROUPS, *COMMANDS])
def test_help_is_dutch(capsys: pytest.CaptureFixture[str], command: str | None) -> None:
    result = invoke(capsys, [*command.split(), "--help"] if command else ["--help"])
    assert result.code == 0
    assert result.out.startswith("Gebruik: waterketen")
    assert "Opties:" in result.out
    assert "Toon deze hulp en stop." in result.out
    for english in ("Usage:", "Options:", "Show this message", "[OPTIONS]", "COMMAND", "[ARGS]"):
        assert english not in result.out


def test_every_command_is_in_the_readme() -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"waterketen {command}" in readme, command


def test_wrong_usage_exits_2_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, ["valdate"])
    assert result.code == 2
    assert result.err == (
        "fout: onbekende opdracht 'valdate' (bedoelde u 'validate'?)\n  zie 'waterketen --help'\n"
    )
    result = invoke(capsys, ["validate", "--format", "xml"])
    assert result.code == 2
    assert "ongeldige waarde voor '--format'" in result.err
    # Numbers are checked by pydantic inside typer: its English is translated too.
    for args, uitleg in (
        (["agenda", "plan", "abc"], "'JAAR': geef een geheel getal"),
        (["agenda", "new", "--datum", "2027-01-26", "--duur", "5"], "'--duur': minstens 15"),
        (["agenda", "new", "--datum", "2027-01-26", "--duur", "900"], "'--duur': hoogstens 600"),
    ):
        result = invoke(capsys, args)
        assert result.code == 2
        assert f"fout: ongeldige waarde voor {uitleg}\n" in result.err, result.err


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "waterketen_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == f"waterketen {__version__}\n"


def test_a_bug_exits_3_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    import waterketen_cli.checks as checks

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(checks, "validate", broken)
    from conftest import EXAMPLE_DATA

    result = invoke(capsys, ["--data", str(EXAMPLE_DATA), "validate"])
    assert result.code == 3
    assert "interne fout" in result.err and "--debug" in result.err
