"""Shared fixtures: a fixed day, a private home and cache, real git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DATA = ROOT / "data"
VANDAAG = "2026-11-27"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests marked ``traag`` build their own environment from the package registry
    (a minute, and a network): they run with WATERKETEN_TRAGE_TESTS=1 (as the README's
    test command and CI do) or when asked for by name with ``-m``; otherwise skipped."""
    if os.environ.get("WATERKETEN_TRAGE_TESTS") == "1" or "traag" in config.option.markexpr:
        return
    overslaan = pytest.mark.skip(
        reason="traag, met het pakketregister: draai met WATERKETEN_TRAGE_TESTS=1 of -m traag"
    )
    for item in items:
        if "traag" in item.keywords:
            item.add_marker(overslaan)


@pytest.fixture(autouse=True)
def _isolated(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test reads or writes the real home or cache; every test judges by one day."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))  # Path.home() on Windows
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("WATERKETEN_CACHE", str(home / "cache"))
    monkeypatch.setenv("WATERKETEN_VANDAAG", VANDAAG)
    monkeypatch.delenv("WATERKETEN_DATA", raising=False)
    monkeypatch.delenv("WATERKETEN_DEBUG", raising=False)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test Secretariaat")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "test@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test Secretariaat")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.org")
    # Commits of the test repositories carry a fixed date, so output that depends on
    # the history (what changed since a meeting) is the same on every run.
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-01-05T12:00:00+01:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-01-05T12:00:00+01:00")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield


def make_repo(path: Path) -> Path:
    """A fresh git repository with a fixed author."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the example data (with the schemas and the
    stukken, next to data/)."""
    root = make_repo(tmp_path / "gegevens")
    shutil.copytree(EXAMPLE_DATA, root / "data")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(ROOT / "stukken", root / "stukken")
    shutil.copytree(ROOT / "templates", root / "templates")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "voorbeeldgegevens"], cwd=root, check=True)
    return root


def build_file_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` below root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, to prove a command changed nothing."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
