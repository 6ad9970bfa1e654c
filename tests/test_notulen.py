"""The minutes: the skeleton, filled in by hand (with mistakes), processed back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import snapshot
from helpers import assert_golden, invoke

MEETING = "cco-2026-12-15"


@pytest.fixture
def after_meeting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATERKETEN_VANDAAG", "2026-12-16")


def skeleton(capsys: pytest.CaptureFixture[str], repo: Path) -> str:
    result = invoke(capsys, ["notulen", "new", MEETING], cwd=repo)
    assert result.code == 0, result.err
    return result.out


def fill(text: str, *, mistakes: bool = False) -> str:
    for person in ("p-kuipers", "p-hoekstra", "p-van-der-meer", "p-wiersma", "p-smit", "p-boersma"):
        text = text.replace(f"- [ ] {person} —", f"- [x] {person} —", 1)
    text = text.replace("- [ ] p-brink —", "- [-] p-brink —", 1)
    head, item5 = text.split("## 5. ", 1)
    item5, rest = item5.split("\n## 6. ", 1)
    item5 = item5.replace("Afhandeling: behandeld", "Afhandeling: behandeld", 1)
    item5 = item5.replace(
        "Verslag:\n\n…",
        "Verslag:\n\nHet aangepaste voorstel is besproken.\nDe waterschappen dragen 40% bij.",
        1,
    )
    item5 = item5.replace(
        "Besluiten:\n\n- …",
        "Besluiten:\n\n- Het CCO stemt in met de energiescan | fase 1.\n"
        "- De kostenverdeling gaat naar de stuurgroep.",
        1,
    )
    owner = "p-wirsma" if mistakes else "p-wiersma"
    deadline = "15-01-2027" if mistakes else "2027-01-15"
    item5 = item5.replace(
        "- … — actiehouder: p-…, deadline: JJJJ-MM-DD",
        f"- Kostenverdeling agenderen voor de stuurgroep — actiehouder: {owner}, "
        "deadline: 2027-01-15\n"
        f"- Startbijeenkomst plannen — actiehouder: p-wolters, deadline: {deadline}",
        1,
    )
    text = head + "## 5. " + item5 + "\n## 6. " + rest
    text = text.replace("## 7. Jaarplanning", "## 7. Jaarplanning", 1)
    text = text.replace("- [ ] cco-2026-11-17-3 —", "- [x] cco-2026-11-17-3 —", 1)
    mark = "[?]" if mistakes else "[-]"
    return text.replace("- [ ] cco-2026-04-07-1 —", f"- {mark} cco-2026-04-07-1 —", 1)


def test_skeleton_golden(
    capsys: pytest.CaptureFixture[str], repo: Path, after_meeting: None
) -> None:
    text = skeleton(capsys, repo)
    assert_golden("notulen/cco-2026-12-15.md", text)
    assert "<!-- waterketen:vergadering cco-2026-12-15 -->" in text
    assert "## 10. Sluiting" in text
    assert "- [ ] cco-2026-04-07-1 — " in text  # an open action carried over


def test_mistakes_are_reported_by_line_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path, after_meeting: None
) -> None:
    filled = tmp_path / "verslag.md"
    filled.write_text(fill(skeleton(capsys, repo), mistakes=True), encoding="utf-8")
    before = snapshot(repo / "data")
    result = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert result.code == 1
    lines = filled.read_text(encoding="utf-8").splitlines()
    bad_deadline = next(i for i, line in enumerate(lines, 1) if "15-01-2027" in line)
    bad_mark = next(i for i, line in enumerate(lines, 1) if "[?]" in line)
    assert (
        f"{filled}:{bad_deadline}: deadline '15-01-2027' is geen datum (JJJJ-MM-DD)" in result.err
    )
    assert f"{filled}:{bad_mark}: onbekend teken '[?]': gebruik [x], [-] of [ ]" in result.err
    assert "er is niets geschreven" in result.err
    assert snapshot(repo / "data") == before
    # Fixed the syntax, but the owner is still misspelt: reported with a suggestion.
    filled.write_text(
        fill(skeleton(capsys, repo), mistakes=True)
        .replace("15-01-2027", "2027-01-15")
        .replace("[?]", "[-]"),
        encoding="utf-8",
    )
    result = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert result.code == 1
    assert "onbekende actiehouder 'p-wirsma' (bedoelde u 'p-wiersma'?)" in result.err
    assert snapshot(repo / "data") == before


def test_processing_records_everything(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path, after_meeting: None
) -> None:
    filled = tmp_path / "verslag.md"
    filled.write_text(fill(skeleton(capsys, repo)), encoding="utf-8")
    result = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert result.code == 0, result.err
    assert result.out.splitlines()[:3] == [
        "Vergadering cco-2026-12-15: status gehouden, 6 aanwezig, 2 afgemeld.",
        "Besluit B-cco-2026-12-15-1 (punt 5): Het CCO stemt in met de energiescan | fase 1.",
        "Besluit B-cco-2026-12-15-2 (punt 5): De kostenverdeling gaat naar de stuurgroep.",
    ]
    data = repo / "data"
    meeting = (data / "vergaderingen" / f"{MEETING}.yaml").read_text(encoding="utf-8")
    assert_golden("notulen/cco-2026-12-15-verwerkt.yaml", meeting)
    assert meeting.startswith(
        "# yaml-language-server: $schema=../../schemas/vergadering.schema.json\n"
    )
    new_action = (data / "acties" / "cco-2026-12-15-1.yaml").read_text(encoding="utf-8")
    assert "actiehouder: p-wiersma\ndeadline: 2027-01-15\nstatus: open\n" in new_action
    closed = (data / "acties" / "cco-2026-11-17-3.yaml").read_text(encoding="utf-8")
    assert "status: afgerond\n" in closed and "afgerond_op: 2026-12-15\n" in closed
    dropped = (data / "acties" / "cco-2026-04-07-1.yaml").read_text(encoding="utf-8")
    assert "status: vervallen\n" in dropped
    assert "# Deadline verstreken; staat nog open op de actielijst." in dropped  # comment kept
    diff = subprocess.run(
        ["git", "diff", "--stat"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    assert "3 files changed" in diff  # the meeting and two actions; two new files besides
    assert (
        invoke(
            capsys,
            ["validate", "--skip", "actie-verlopen", "--skip", "programma-verouderd"],
            cwd=repo,
        ).code
        == 0
    )
    # Processing the same minutes twice is refused.
    again = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert again.code == 1
    assert "het verslag van cco-2026-12-15 is al verwerkt (status 'gehouden')" in again.err


def test_missing_marker_and_unknown_meeting(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    filled = tmp_path / "verslag.md"
    filled.write_text("# Verslag\n", encoding="utf-8")
    result = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert result.code == 1
    assert f"{filled}:1: de regel '<!-- waterketen:vergadering … -->' ontbreekt" in result.err
    missing = invoke(capsys, ["notulen", "verwerk", str(tmp_path / "nergens.md")], cwd=repo)
    assert missing.code == 2
