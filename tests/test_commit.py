"""``--commit``: exactly the files a command wrote, next to unrelated work that stays."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE_DATA, snapshot
from helpers import invoke


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def test_commit_takes_only_the_written_files(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    # Unrelated work in progress: a changed file, a staged change and a new file.
    person = repo / "data" / "personen" / "p-kuipers.yaml"
    person.write_text(
        person.read_text(encoding="utf-8") + "# werk in uitvoering\n", encoding="utf-8"
    )
    staged = repo / "data" / "projecten" / "drinkwaterbesparing.yaml"
    staged.write_text(staged.read_text(encoding="utf-8") + "# klaargezet\n", encoding="utf-8")
    git(repo, "add", str(staged))
    (repo / "notities.txt").write_text("los bestand\n", encoding="utf-8")
    before = git(repo, "status", "--porcelain")

    result = invoke(capsys, ["agenda", "new", "--datum", "2027-01-26", "--commit"], cwd=repo)
    assert result.code == 0, result.err
    assert "Gecommit: " in result.out
    subject, *files = git(repo, "show", "--name-only", "--format=%s", "HEAD").split("\n")
    assert subject == "Vergadering cco-2027-01-26 aangemaakt met concept-agenda"
    assert sorted(f for f in files if f) == [
        "data/agendavoorstellen/cco-kennisdag-klimaatadaptatie.yaml",
        "data/agendavoorstellen/cco-ondersteuning-westerkwartier.yaml",
        "data/vergaderingen/cco-2027-01-26.yaml",
    ]
    assert git(repo, "status", "--porcelain") == before  # unrelated work untouched
    assert "# werk in uitvoering" in person.read_text(encoding="utf-8")


def test_refuses_when_a_file_to_write_has_other_changes(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    proposal = repo / "data" / "agendavoorstellen" / "cco-kennisdag-klimaatadaptatie.yaml"
    proposal.write_text(proposal.read_text(encoding="utf-8") + "# nog bezig\n", encoding="utf-8")
    before = snapshot(repo / "data")
    head = git(repo, "rev-parse", "HEAD")
    result = invoke(capsys, ["agenda", "new", "--datum", "2027-01-26", "--commit"], cwd=repo)
    assert result.code == 1
    assert result.err.startswith(
        "fout: deze bestanden hebben al niet-gecommitte wijzigingen: "
        "data/agendavoorstellen/cco-kennisdag-klimaatadaptatie.yaml; er is niets geschreven\n"
    )
    assert snapshot(repo / "data") == before
    assert git(repo, "rev-parse", "HEAD") == head


def test_refuses_outside_a_repository(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_DATA, tmp_path / "data")
    before = snapshot(tmp_path / "data")
    result = invoke(
        capsys,
        ["--data", str(tmp_path / "data"), "acties", "afronden", "cco-2026-04-07-1", "--commit"],
        cwd=tmp_path,
    )
    assert result.code == 1
    assert "ligt niet in een git-repository; er is niets geschreven" in result.err
    assert snapshot(tmp_path / "data") == before


def test_minutes_and_actions_commit_with_a_dutch_message(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["acties", "afronden", "cco-2026-04-07-1", "--commit"], cwd=repo)
    assert result.code == 0, result.err
    assert git(repo, "log", "-1", "--format=%s") == "Actie afgerond: cco-2026-04-07-1\n"
    assert git(repo, "status", "--porcelain") == ""


def test_fmt_commits_what_it_formatted(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    cluster = repo / "data" / "clusters" / "waterpas.yaml"
    text = cluster.read_text(encoding="utf-8")
    cluster.write_text(text.replace("naam: Waterpas\n", "naam:   Waterpas\n"), encoding="utf-8")
    git(repo, "commit", "-qam", "rommelig")
    result = invoke(capsys, ["fmt", "--commit"], cwd=repo)
    assert result.code == 0, result.err
    shown = [
        line for line in git(repo, "show", "--name-only", "--format=%s", "HEAD").split("\n") if line
    ]
    assert shown == ["Records in vaste vorm gezet (1 bestand)", "data/clusters/waterpas.yaml"]
    assert cluster.read_text(encoding="utf-8") == text
