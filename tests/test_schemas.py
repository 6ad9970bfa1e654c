"""JSON Schemas for editors: current, and accepted by check-jsonschema on the data."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_DATA, ROOT
from helpers import invoke
from waterketen_cli import schemas
from waterketen_cli.models import SOORTEN, Soort

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def test_committed_schemas_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, ["--data", str(EXAMPLE_DATA), "schema", "--check"])
    assert result.code == 0, result.out + result.err


def test_schema_writes_only_what_changed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "schemas"
    first = invoke(capsys, ["--data", str(EXAMPLE_DATA), "schema", "--map", str(target)])
    assert first.code == 0
    assert sorted(p.name for p in target.iterdir()) == sorted(s.schema_bestand for s in SOORTEN)
    (target / "persoon.schema.json").write_text("{}", encoding="utf-8")
    stale = invoke(capsys, ["--data", str(EXAMPLE_DATA), "schema", "--map", str(target), "--check"])
    assert stale.code == 1
    assert "verouderd" in stale.out
    assert (target / "persoon.schema.json").read_text(encoding="utf-8") == "{}"
    again = invoke(capsys, ["--data", str(EXAMPLE_DATA), "schema", "--map", str(target)])
    assert "bijgewerkt" in again.out
    assert f"1 geschreven, {len(SOORTEN) - 1} ongewijzigd" in again.out


def test_schemas_are_deterministic() -> None:
    assert schemas.render() == schemas.render()


def test_every_example_record_names_its_schema() -> None:
    for soort in SOORTEN:
        for path in (EXAMPLE_DATA / soort.map).glob("*.yaml"):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert (
                first == f"# yaml-language-server: $schema=../../schemas/{soort.schema_bestand}"
            ), path


def _check_jsonschema(schema: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.skipif(not CHECK_JSONSCHEMA.exists(), reason="check-jsonschema is not installed")
@pytest.mark.parametrize("soort", SOORTEN, ids=lambda s: s.naam)
def test_check_jsonschema_accepts_the_example_data(soort: Soort) -> None:
    files = sorted((EXAMPLE_DATA / soort.map).glob("*.yaml"))
    assert files
    result = _check_jsonschema(ROOT / "schemas" / soort.schema_bestand, files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not CHECK_JSONSCHEMA.exists(), reason="check-jsonschema is not installed")
def test_check_jsonschema_rejects_a_broken_record(tmp_path: Path) -> None:
    source = sorted((EXAMPLE_DATA / "personen").glob("*.yaml"))[0]
    broken = tmp_path / source.name
    shutil.copy(source, broken)
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("\nfunctie:", "\nfuncite:"), encoding="utf-8"
    )
    result = _check_jsonschema(ROOT / "schemas" / "persoon.schema.json", [broken])
    assert result.returncode == 1
    assert "funcite" in result.stdout


@pytest.mark.skipif(not CHECK_JSONSCHEMA.exists(), reason="check-jsonschema is not installed")
@pytest.mark.parametrize(
    ("schema", "folder", "old", "new", "words"),
    [
        (
            "organisatie",
            "organisaties",
            "partner: true",
            "partner: yes",
            "'yes' is not of type 'boolean'",
        ),
        ("actie", "acties", "agendapunt: 5", "agendapunt: true", "True is not of type 'integer'"),
        (
            "project",
            "projecten",
            "    jaar: 2026",
            "    jaar: '2026'",
            "'2026' is not of type 'integer'",
        ),
        (
            "project",
            "projecten",
            "    bedrag: 28000",
            "    bedrag: 1e308",
            "greater than the maximum",
        ),
        ("cluster", "clusters", "    waarde: 231", "    waarde: 1e308", "is not valid under any"),
        ("cluster", "clusters", "    waarde: 231", "    waarde: '231'", "is not valid under any"),
    ],
    ids=lambda v: str(v)[:24],
)
def test_check_jsonschema_knows_numbers_from_yes_no_and_text(
    tmp_path: Path, schema: str, folder: str, old: str, new: str, words: str
) -> None:
    """The schemas say integer, number or boolean as the models do, with the bound of
    amounts and measurements; an editor flags what validate would."""
    source = next(
        p
        for p in sorted((EXAMPLE_DATA / folder).glob("*.yaml"))
        if old in p.read_text(encoding="utf-8").split("\n")
    )
    broken = tmp_path / source.name
    lines = source.read_text(encoding="utf-8").split("\n")
    lines[lines.index(old)] = new
    broken.write_text("\n".join(lines), encoding="utf-8")
    result = _check_jsonschema(ROOT / "schemas" / f"{schema}.schema.json", [broken])
    assert result.returncode == 1, result.stdout + result.stderr
    assert words in result.stdout
