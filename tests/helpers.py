"""Run the command as a user would: through the entry point and its error boundary."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from waterketen_cli.cli.main import run


@dataclass
class Uitvoer:
    code: int
    out: str
    err: str


def invoke(capsys: pytest.CaptureFixture[str], args: list[str], cwd: Path | None = None) -> Uitvoer:
    old_argv, old_cwd = sys.argv, os.getcwd()
    sys.argv = ["waterketen", *args]
    capsys.readouterr()
    try:
        if cwd is not None:
            os.chdir(cwd)
        run()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        sys.argv = old_argv
        os.chdir(old_cwd)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return Uitvoer(code, captured.out, captured.err)


GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME byte for byte; WATERKETEN_GOLDEN_UPDATE=1 rewrites
    the file with exactly the bytes that are compared (no newline translation, so a
    CRLF document such as an .ics file regenerates as it is)."""
    path = GOLDEN / name
    data = text.encode("utf-8")
    if os.environ.get("WATERKETEN_GOLDEN_UPDATE") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"golden file {path} ontbreekt: draai met WATERKETEN_GOLDEN_UPDATE=1"
    assert data == path.read_bytes(), f"afwijking van {path}"
