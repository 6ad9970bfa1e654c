"""The activity overview: every signal names its reason and is true of the data."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_DATA
from helpers import assert_golden, invoke

VANDAAG = dt.date(2026, 11, 27)


def clusters(repo: Path) -> dict[str, dict[str, object]]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((repo / "data" / "clusters").glob("*.yaml"))
    }


def test_document_golden(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["overzicht", "--sinds", "cco", "--markdown"], cwd=repo)
    assert result.code == 0, result.err
    assert_golden("overzicht/overzicht-sinds-cco.md", result.out)
    assert "Met ✱ gemarkeerd: nieuw of gewijzigd sinds 17 november 2026." in result.out


def test_lagging_signals_are_true_of_the_data(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    out = invoke(capsys, ["overzicht", "--markdown"], cwd=repo).out
    signals = out.split("## Achterblijvende clusters", 1)[1].split("\n## ", 1)[0]
    data = clusters(repo)
    grens = dt.date(2026, 5, 27)  # six months before today
    for cluster in data.values():
        newest = max(a["bijgewerkt"] for a in cluster["programma"])
        stale = f"**{cluster['naam']}**: het programma is sinds"
        assert (stale in signals) == (newest < grens), cluster["naam"]
        active = {a["thema"] for a in cluster["programma"] if a["status"] in ("gepland", "lopend")}
        projects = [
            yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((repo / "data" / "projecten").glob("*.yaml"))
        ]
        for project in projects:
            if cluster["id"] in project.get("clusters", []) and project["status"] in (
                "voorstel",
                "goedgekeurd",
                "lopend",
            ):
                active |= set(project["themas"])
        for thema, naam in (
            ("omgevingswet", "Omgevingswet"),
            ("klimaatadaptatie", "Klimaatadaptatie"),
            ("energietransitie", "Energietransitie"),
        ):
            line = (
                f"**{cluster['naam']}**: geen geplande of lopende activiteit "
                f"op het regionale thema {naam}"
            )
            assert (line in signals) == (thema not in active), (cluster["naam"], thema)
    # Overdue actions: the one of Westerkwartier is named with its deadline.
    assert (
        "**Westerkwartier**: 1 verlopen actie: cco-2026-04-07-1 (deadline 15 mei 2026)" in signals
    )


def test_joint_work_names_the_clusters(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    out = invoke(capsys, ["overzicht", "--markdown"], cwd=repo).out
    samen = out.split("## Samen oppakken", 1)[1].split("\n## ", 1)[0]
    assert "- **Omgevingswet**: 5 clusters werken aan dit thema: Kop van Drenthe" in samen
    assert "**Kostenbeperking**" not in samen  # one cluster only


def test_changes_since_a_date_come_from_git(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = repo / "data" / "projecten" / "drinkwaterbesparing.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "# gewijzigd\n", encoding="utf-8")
    env = {**os.environ, "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+01:00"}
    subprocess.run(["git", "commit", "-qam", "wijziging"], cwd=repo, check=True, env=env)
    uncommitted = repo / "data" / "projecten" / "meetnet-riolering-oost-groningen.yaml"
    uncommitted.write_text(uncommitted.read_text(encoding="utf-8") + "# nog niet gecommit\n")
    out = invoke(capsys, ["overzicht", "--sinds", "2026-11-17", "--markdown"], cwd=repo).out
    marked = [line for line in out.splitlines() if line.startswith("| ✱ |")]
    titles = " ".join(marked)
    assert "Bewust watergebruik bij droogte" in titles  # committed on 20 November
    assert "Gezamenlijk meetnet riolering" in titles  # changed in the working tree
    assert "Water in het omgevingsplan |" not in titles  # unchanged since January


@pytest.mark.parametrize(
    ("sinds", "expected"),
    [
        ("2026-10-01", "1 oktober 2026"),
        ("cco-2026-09-01", "1 september 2026"),
        ("stuurgroep", "26 november 2026"),
    ],
)
def test_since_accepts_a_date_a_meeting_or_a_body(
    capsys: pytest.CaptureFixture[str], repo: Path, sinds: str, expected: str
) -> None:
    out = invoke(capsys, ["overzicht", "--sinds", sinds, "--markdown"], cwd=repo).out
    assert f"nieuw of gewijzigd sinds {expected}." in out


def test_unknown_since_is_wrong_usage(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["overzicht", "--sinds", "stuurgoep"], cwd=repo)
    assert result.code == 2
    assert result.err.startswith(
        "fout: onbekend overleg 'stuurgoep' bij --sinds (een datum, vergadering of overleg)\n"
        "  bedoelde u 'stuurgroep'?"
    )


def test_terminal_view(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["overzicht"], cwd=repo)
    assert result.code == 0
    assert "5 clusters, " in result.out and "thema's om samen op te pakken" in result.out
    assert "- achterblijvend — Noord-Groningen: het programma is sinds 12 maart 2026" in result.out


def test_history_that_begins_later_marks_no_project(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """A repository whose history starts after the day asked about cannot tell which
    projects changed: marking them all new would be false. The document says so, and
    marks only activities by their 'bijgewerkt' date."""
    result = invoke(capsys, ["overzicht", "--sinds", "2025-06-01", "--markdown"], cwd=repo)
    assert result.code == 0, result.err
    assert (
        "Met ✱ gemarkeerd: activiteiten die sinds 1 juni 2025 zijn bijgewerkt; welke "
        "projecten sindsdien veranderden, is niet te zeggen (de geschiedenis in git gaat "
        "niet zo ver terug)."
    ) in result.out
    project_rows = [line for line in result.out.splitlines() if "| project |" in line]
    assert project_rows and not any("✱" in line for line in project_rows)
    assert result.err == (
        "let op: de git-geschiedenis gaat niet terug tot 1 juni 2025: welke projecten sinds "
        "1 juni 2025 veranderden, is niet te zeggen; ✱ markeert alleen activiteiten die "
        "sindsdien zijn bijgewerkt\n"
        "  kies een latere datum; in een ondiepe kloon haalt 'git fetch --unshallow' de hele "
        "geschiedenis op\n"
    )


def test_since_outside_git_warns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Without git nobody can tell which projects changed: the overview still answers,
    but says so instead of silently marking no project."""
    shutil.copytree(EXAMPLE_DATA, tmp_path / "data")
    data = tmp_path / "data"
    result = invoke(
        capsys, ["--data", str(data), "overzicht", "--sinds", "2026-01-01"], cwd=tmp_path
    )
    assert result.code == 0, result.err
    assert result.err == (
        f"let op: de gegevensmap {tmp_path / 'data'} ligt niet in een git-repository: welke "
        "projecten sinds 1 januari 2026 veranderden, is niet te zeggen; ✱ markeert alleen "
        "activiteiten die sindsdien zijn bijgewerkt\n"
        "  begin een repository met 'git init' en commit de gegevens\n"
    )
    assert "5 clusters, " in result.out
