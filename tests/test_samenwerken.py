"""Concurrent work: branches that each add and change records merge without conflict,
and the ids they create (meetings, actions, decisions, projects) never collide."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from helpers import invoke


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def minutes(capsys: pytest.CaptureFixture[str], repo: Path, meeting: str, tmp: Path) -> None:
    """Fill in the skeleton of a meeting with one decision and one action, and process it."""
    text = invoke(capsys, ["notulen", "new", meeting], cwd=repo).out
    text = re.sub(r"(?m)^- \[ \] (?=[A-Z])", "- [x] ", text)  # the agenda's beslispunten
    text = text.replace("\n- …\n", f"\n- Besluit van {meeting}.\n", 1)
    text = text.replace(
        "- … — actiehouder: p-…, deadline: JJJJ-MM-DD",
        "- Uitwerken — actiehouder: p-wiersma, deadline: 2027-03-01",
        1,
    )
    path = tmp / f"{meeting}.md"
    path.write_text(text, encoding="utf-8")
    result = invoke(capsys, ["notulen", "verwerk", str(path), "--commit"], cwd=repo)
    assert result.code == 0, result.err


def test_two_branches_merge_cleanly_with_distinct_ids(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WATERKETEN_VANDAAG", "2027-02-05")

    # The secretary processes the minutes of the cco on one branch…
    git(repo, "checkout", "-q", "-b", "secretariaat")
    minutes(capsys, repo, "cco-2026-12-15", tmp_path)

    # …while on another branch the stuurgroep meets and a coordinator updates Waterpas.
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-q", "-b", "stuurgroep")
    made = invoke(
        capsys,
        ["agenda", "new", "--overleg", "stuurgroep", "--datum", "2027-02-04", "--toch", "--commit"],
        cwd=repo,
    )
    assert made.code == 0, made.err
    minutes(capsys, repo, "stuurgroep-2027-02-04", tmp_path)
    cluster = repo / "data" / "clusters" / "waterpas.yaml"
    text = cluster.read_text(encoding="utf-8")
    cluster.write_text(text.replace("status: gepland", "status: lopend", 1), encoding="utf-8")
    (repo / "data" / "agendavoorstellen" / "cco-afkoppelen-evaluatie.yaml").write_text(
        "id: cco-afkoppelen-evaluatie\noverleg: cco\ntitel: Evaluatie afkoppelen\n"
        "behandelvorm: ter bespreking\nindiener: p-kuipers\nstatus: ingediend\n",
        encoding="utf-8",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Waterpas: programma bijgewerkt, agendavoorstel")

    # Both merge into main without a conflict.
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "secretariaat")
    git(repo, "merge", "-q", "--no-edit", "stuurgroep")
    assert git(repo, "status", "--porcelain") == ""

    result = invoke(capsys, ["validate", "--format", "json"], cwd=repo)
    doc = json.loads(result.out)
    assert doc["fouten"] == 0, [f for f in doc["bevindingen"] if f["ernst"] == "fout"]
    besluiten = invoke(capsys, ["besluiten", "--format", "json"], cwd=repo).out
    assert "B-cco-2026-12-15-1" in besluiten and "B-stuurgroep-2027-02-04-1" in besluiten
    acties = sorted(p.name for p in (repo / "data" / "acties").glob("*-2027-02-04-*.yaml"))
    acties += sorted(p.name for p in (repo / "data" / "acties").glob("cco-2026-12-15-*.yaml"))
    assert acties == ["stuurgroep-2027-02-04-1.yaml", "cco-2026-12-15-1.yaml"]
