"""validate after a change: the findings across records of the last run are kept when
the changed files bring the same facts, and are then exactly what a run without cache
finds; any change they could depend on runs the checks across records again."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from helpers import invoke
from waterketen_cli.checks import facts

ACTIE = "data/acties/cco-2026-06-30-1.yaml"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often the checks across records ran (each run builds one index)."""
    calls: list[int] = []
    original = facts.Index.build.__func__  # type: ignore[attr-defined]

    def build(cls: type[facts.Index], *args: Any, **kwargs: Any) -> facts.Index:
        calls.append(1)
        return original(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(facts.Index, "build", classmethod(build))
    return calls


def _validate(capsys: pytest.CaptureFixture[str], repo: Path, *extra: str) -> Any:
    result = invoke(capsys, ["validate", "-f", "json", *extra], cwd=repo)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def _runs_them(capsys: pytest.CaptureFixture[str], repo: Path, builds: list[int]) -> Any:
    """validate ran the checks across records, and found what a run without cache finds."""
    builds.clear()
    found = _validate(capsys, repo)
    assert builds
    assert found == _validate(capsys, repo, "--geen-cache")
    return found


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # A later time, whatever the clock's resolution: the cache goes by time and size.
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def _place(found: Any, bestand: str, check: str) -> tuple[int, int]:
    [hit] = [f for f in found["bevindingen"] if f["bestand"] == bestand and f["check"] == check]
    return hit["regel"], hit["kolom"]


def test_a_text_edit_keeps_the_findings_across_records(
    capsys: pytest.CaptureFixture[str], repo: Path, builds: list[int]
) -> None:
    _validate(capsys, repo)
    assert _place(_validate(capsys, repo), ACTIE, "actie-verlopen") == (7, 11)
    builds.clear()

    # Two lines more at the top, and another title: the facts stay; the line moves.
    actie = repo / ACTIE
    _edit(actie, "id:", "# een opmerking\n# en nog een\nid:")
    found = _validate(capsys, repo)
    assert builds == []  # the checks across records did not run
    assert _place(found, ACTIE, "actie-verlopen") == (9, 11)
    assert found == _validate(capsys, repo, "--geen-cache")

    # Again, on top of that run (its own entries went with its outcome).
    builds.clear()
    _edit(actie, "# en nog een\n", "# en nog een\n# en een derde\n")
    found = _validate(capsys, repo)
    assert builds == []
    assert _place(found, ACTIE, "actie-verlopen") == (10, 11)
    assert found == _validate(capsys, repo, "--geen-cache")


def test_a_changed_fact_runs_the_checks_across_records(
    capsys: pytest.CaptureFixture[str], repo: Path, builds: list[int]
) -> None:
    _validate(capsys, repo)
    _edit(repo / ACTIE, "deadline: 2026-09-01", "deadline: 2027-09-01")
    found = _runs_them(capsys, repo, builds)
    assert not [f for f in found["bevindingen"] if f["bestand"] == ACTIE]


def test_another_day_a_new_file_or_a_stuk_run_them_too(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    builds: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _validate(capsys, repo)
    actie = repo / ACTIE

    _edit(actie, "id:", "# tekst\nid:")
    monkeypatch.setenv("WATERKETEN_VANDAAG", "2027-03-01")
    _runs_them(capsys, repo, builds)

    (repo / "data" / "acties" / "nieuw.yaml").write_text(
        actie.read_text(encoding="utf-8").replace("cco-2026-06-30-1", "nieuw"), encoding="utf-8"
    )
    _runs_them(capsys, repo, builds)

    # A stuk that goes: what the checks saw outside the data folder changed.
    _validate(capsys, repo)
    stuk = sorted((repo / "stukken").rglob("*.pdf"))[0]
    stuk.unlink()
    _edit(actie, "# tekst\n", "# andere tekst\n")
    found = _runs_them(capsys, repo, builds)
    assert any(stuk.name in f["bericht"] for f in found["bevindingen"])


def test_a_cache_of_the_files_written_since_by_another_command_runs_them(
    capsys: pytest.CaptureFixture[str], repo: Path, builds: list[int]
) -> None:
    """What the last run saw of each file is the cache of the files it read or wrote;
    when another command has written that cache since (the write path does, after many
    changed files), it tells no longer which files changed since that run."""
    from waterketen_cli.checks import engine
    from waterketen_cli.records import store

    _validate(capsys, repo)
    _edit(repo / ACTIE, "deadline: 2026-09-01", "deadline: 2027-09-01")
    data = repo / "data"
    bestanden = store.read_cache(data, "bestanden")
    [st] = [st for st in store.scan(data)[0] if st.toon == ACTIE]
    bestanden[ACTIE] = engine._check_file(st).dump()
    assert store.write_cache_parts(data, "bestanden", bestanden.items()) is not None

    found = _runs_them(capsys, repo, builds)
    assert not [f for f in found["bevindingen"] if f["bestand"] == ACTIE]
