"""``waterketen validate`` as a user runs it: on the example data and on broken copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_DATA, ROOT, snapshot
from helpers import invoke


def test_example_data_is_valid(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["validate"], cwd=repo)
    assert result.code == 0, result.out
    assert "0 fouten" in result.out
    assert "bestanden gecontroleerd" in result.out


def test_data_folder_from_option_and_environment(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke(capsys, ["--data", str(repo / "data"), "validate"], cwd=tmp_path).code == 0
    monkeypatch.setenv("WATERKETEN_DATA", str(repo / "data"))
    assert invoke(capsys, ["validate"], cwd=tmp_path).code == 0


def test_outside_a_repository_says_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = invoke(capsys, ["validate"], cwd=tmp_path)
    assert result.code == 1
    assert "fout: u staat niet in een git-repository met gegevens" in result.err
    assert "--data" in result.err


def _replace_line(path: Path, field: str, new_line: str) -> int:
    """Replace the top-level line ``field: …`` by ``new_line``; return its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[number] = new_line
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.mark.parametrize(
    ("folder", "field", "new_line", "words", "check"),
    [
        (
            "personen",
            "organisatie",
            "organisatie: gemeente-nergens",
            "organisatie: onbekende organisatie 'gemeente-nergens'",
            "verwijzing",
        ),
        (
            "projecten",
            "trekker",
            "trekker: p-niemand",
            "trekker: onbekende persoon 'p-niemand'",
            "verwijzing",
        ),
        (
            "acties",
            "deadline",
            "deadline: 2026-02-30",
            "deadline: datum '2026-02-30' bestaat niet",
            "schema",
        ),
        ("projecten", "status", "status: lopnd", "status: ongeldige waarde 'lopnd'", "schema"),
        ("personen", "functie", "functie: x\nnaam: Dubbel", "dubbele sleutel 'naam'", "yaml"),
        ("vergaderingen", "locatie", "locatie:\tHuis", "tab-teken", "yaml"),
        (
            "organisaties",
            "soort",
            "soort: gemeente\nsoort_x: 1",
            "onbekend veld 'soort_x'",
            "schema",
        ),
    ],
)
def test_a_broken_record_is_reported_with_file_and_line(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    folder: str,
    field: str,
    new_line: str,
    words: str,
    check: str,
) -> None:
    path = sorted((repo / "data" / folder).glob("*.yaml"))[-1]
    line = _replace_line(path, field, new_line)
    if check == "yaml" and "naam" in new_line:
        line += 1  # the duplicate key is on the inserted line
    if "soort_x" in new_line:
        line += 1
    before = snapshot(repo)
    result = invoke(capsys, ["validate"], cwd=repo)
    assert result.code == 1, result.out
    relative = path.relative_to(repo).as_posix()
    block = result.out.split(relative, 1)[1].split("\n\n", 1)[0]
    assert f" {line}:" in block, result.out
    assert words in block, result.out
    assert f"[{check}]" in block
    assert snapshot(repo) == before  # validation never writes into the repository


def test_bad_files_are_findings_and_validation_goes_on(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    data = repo / "data"
    (data / "personen" / "p-leeg.yaml").write_text("", encoding="utf-8")
    (data / "personen" / "p-lijst.yaml").write_text("- naam: x\n", encoding="utf-8")
    (data / "personen" / "p-latin.yaml").write_bytes(
        "id: p-latin\nnaam: Jos\xe9\n".encode("latin-1")
    )
    (data / "personen" / "p-conflict.yaml").write_text(
        "id: p-conflict\n<<<<<<< HEAD\nnaam: A\n=======\nnaam: B\n>>>>>>> tak\n", encoding="utf-8"
    )
    (data / "personen" / "p-bom.yaml").write_text(
        "id: p-bom\nnaam: &a [x, x]\nfunctie: [*a, *a]\n", encoding="utf-8"
    )
    (data / "personen" / "Foute Naam.yaml").write_text("id: foute-naam\n", encoding="utf-8")
    (data / "persoonen").mkdir()
    result = invoke(capsys, ["validate"], cwd=repo)
    assert result.code == 1
    out = result.out
    assert "data/personen/p-leeg.yaml" in out and "het bestand is leeg" in out
    assert "geen lijst" in out
    assert "data/personen/p-latin.yaml" in out and "2:10" in out and "geen UTF-8" in out
    assert "merge-conflictmarkering" in out
    assert "ankers en aliassen" in out
    assert "de bestandsnaam 'Foute Naam' is geen geldige id" in out
    assert "onbekende map" in out and "bedoelde u 'personen'?" in out
    assert "0 fouten" not in out


def test_id_must_equal_the_file_name(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    path = sorted((repo / "data" / "projecten").glob("*.yaml"))[0]
    path.rename(path.with_name("ander-project.yaml"))
    result = invoke(capsys, ["validate"], cwd=repo)
    assert result.code == 1
    assert f"het id '{path.stem}' is niet gelijk aan de bestandsnaam 'ander-project'" in result.out


def test_a_gemeente_in_two_clusters(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    clusters = repo / "data" / "clusters"
    waterpas = (clusters / "waterpas.yaml").read_text(encoding="utf-8")
    (clusters / "waterpas.yaml").write_text(
        waterpas.replace("- gemeente-groningen", "- gemeente-groningen\n  - gemeente-assen", 1),
        encoding="utf-8",
    )
    result = invoke(capsys, ["validate"], cwd=repo)
    assert result.code == 1
    assert "gemeente 'gemeente-assen' zit al in cluster" in result.out or (
        "zit al in cluster 'waterpas'" in result.out
    )


def test_formats_github_and_json(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    path = sorted((repo / "data" / "projecten").glob("*.yaml"))[0]
    line = _replace_line(path, "trekker", "trekker: p-niemand")
    relative = path.relative_to(repo).as_posix()
    github = invoke(capsys, ["validate", "--format", "github"], cwd=repo)
    assert github.code == 1
    assert (
        f"::error file={relative},line={line},col=10,title=waterketen verwijzing::"
        "trekker: onbekende persoon 'p-niemand'" in github.out
    )
    as_json = invoke(capsys, ["validate", "--format", "json"], cwd=repo)
    doc = json.loads(as_json.out)
    errors = [b for b in doc["bevindingen"] if b["ernst"] == "fout"]
    assert errors == [
        {
            "bestand": relative,
            "regel": line,
            "kolom": 10,
            "veld": "trekker",
            "check": "verwijzing",
            "ernst": "fout",
            "bericht": "onbekende persoon 'p-niemand'",
            "hint": errors[0]["hint"],
        }
    ]
    assert doc["fouten"] == 1


def test_warnings_pass_unless_strict_and_can_be_skipped(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    normal = invoke(capsys, ["validate"], cwd=repo)
    assert normal.code == 0
    assert "waarschuwing" in normal.out  # the example data has an overdue action
    assert invoke(capsys, ["validate", "--streng"], cwd=repo).code == 1
    skipped = invoke(
        capsys,
        [
            "validate",
            "--streng",
            "--skip",
            "actie-verlopen",
            "--skip",
            "programma-verouderd",
            "--skip",
            "project-besluit",
        ],
        cwd=repo,
    )
    assert skipped.code == 0, skipped.out
    assert "0 waarschuwingen" in skipped.out


def test_unknown_check_is_wrong_usage(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["validate", "--skip", "verwijzng"], cwd=repo)
    assert result.code == 2
    assert (
        "fout: onbekende controle 'verwijzng' bij --skip\n  bedoelde u 'verwijzing'?" in result.err
    )


def test_paths_limit_what_is_shown(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    project = sorted((repo / "data" / "projecten").glob("*.yaml"))[0]
    _replace_line(project, "trekker", "trekker: p-niemand")
    only_people = invoke(capsys, ["validate", "data/personen"], cwd=repo)
    assert only_people.code == 0
    assert "p-niemand" not in only_people.out
    only_project = invoke(capsys, ["validate", str(project)], cwd=repo)
    assert only_project.code == 1
    assert "p-niemand" in only_project.out
    missing = invoke(capsys, ["validate", "data/bestaat-niet"], cwd=repo)
    assert missing.code == 2


def test_cache_answers_an_unchanged_folder_and_sees_a_change(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    first = invoke(capsys, ["validate"], cwd=repo)
    again = invoke(capsys, ["validate"], cwd=repo)
    assert again.out == first.out
    project = sorted((repo / "data" / "projecten").glob("*.yaml"))[0]
    _replace_line(project, "trekker", "trekker: p-niemand")
    changed = invoke(capsys, ["validate"], cwd=repo)
    assert changed.code == 1 and "p-niemand" in changed.out
    uncached = invoke(capsys, ["validate", "--geen-cache"], cwd=repo)
    assert uncached.out == changed.out


def test_example_data_in_the_repository_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped data itself (not a copy): what the README's quick start runs."""
    result = invoke(capsys, ["--data", str(EXAMPLE_DATA), "validate", "--format", "json"])
    assert result.code == 0
    assert json.loads(result.out)["fouten"] == 0


def test_copy_of_data_without_git_needs_data_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(EXAMPLE_DATA, tmp_path / "data")
    shutil.copytree(ROOT / "stukken", tmp_path / "stukken")
    result = invoke(capsys, ["--data", str(tmp_path / "data"), "validate"], cwd=tmp_path)
    assert result.code == 0
