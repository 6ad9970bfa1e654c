"""The golden files themselves: every one is used by a test, and ``assert_golden`` in
update mode writes exactly the bytes it compares, so that
``WATERKETEN_GOLDEN_UPDATE=1`` regenerates the files as they are checked."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import helpers
from helpers import GOLDEN, assert_golden

TESTS = Path(__file__).parent

#: Files in tests/golden/ that are not goldens.
GEEN_GOLDEN = {".gitattributes"}


def _patronen(node: ast.expr) -> str | None:
    """The regular expression for a string a test builds: a literal, an f-string (each
    replacement field matches anything) or ``GOLDEN / "map" / f"{naam}.yaml"``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(
            re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        links = _patronen(node.left) if not _is_golden(node.left) else ""
        rechts = _patronen(node.right)
        if links is None or rechts is None:
            return None
        return f"{links}/{rechts}" if links else rechts
    return None


def _is_golden(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "GOLDEN"


def _gebruikt() -> list[re.Pattern[str]]:
    patronen = []
    for bron in sorted(TESTS.glob("*.py")):
        if bron.name == Path(__file__).name:
            continue
        for node in ast.walk(ast.parse(bron.read_text(encoding="utf-8"))):
            patroon = _patronen(node) if isinstance(node, ast.expr) else None
            # Only a path with its folder: '.+' or '.+\.md' would match every file.
            if patroon is not None and "/" in patroon:
                patronen.append(re.compile(patroon))
    return patronen


def test_every_golden_file_is_used_by_a_test() -> None:
    patronen = _gebruikt()
    wees = []
    for pad in sorted(GOLDEN.rglob("*")):
        rel = pad.relative_to(GOLDEN).as_posix()
        gebruikt = any(p.fullmatch(rel) for p in patronen)
        if pad.is_file() and pad.name not in GEEN_GOLDEN and not gebruikt:
            wees.append(rel)
    assert wees == [], f"golden files die geen test gebruikt (verwijder ze): {wees}"


@pytest.mark.parametrize(
    "tekst",
    [
        "regel één\nregel twee\n",
        "BEGIN:VCALENDAR\r\nSUMMARY:CCO – €\r\nEND:VCALENDAR\r\n",
        "geen regeleinde aan het eind",
        "gemengd\r\nen\nlos\r",
        "",
    ],
    ids=["lf", "crlf", "zonder-einde", "gemengd", "leeg"],
)
def test_update_writes_exactly_the_bytes_that_are_compared(
    tekst: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(helpers, "GOLDEN", tmp_path)
    monkeypatch.setenv("WATERKETEN_GOLDEN_UPDATE", "1")
    assert_golden("soort/document.txt", tekst)
    assert (tmp_path / "soort" / "document.txt").read_bytes() == tekst.encode("utf-8")

    monkeypatch.delenv("WATERKETEN_GOLDEN_UPDATE")
    assert_golden("soort/document.txt", tekst)


def test_a_different_line_ending_is_a_difference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(helpers, "GOLDEN", tmp_path)
    monkeypatch.delenv("WATERKETEN_GOLDEN_UPDATE", raising=False)
    (tmp_path / "document.ics").write_bytes(b"BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    with pytest.raises(AssertionError, match="afwijking van"):
        assert_golden("document.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")


def test_a_missing_golden_file_says_how_to_make_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(helpers, "GOLDEN", tmp_path)
    monkeypatch.delenv("WATERKETEN_GOLDEN_UPDATE", raising=False)
    with pytest.raises(AssertionError, match="draai met WATERKETEN_GOLDEN_UPDATE=1"):
        assert_golden("nieuw.md", "tekst\n")
    assert not (tmp_path / "nieuw.md").exists()
