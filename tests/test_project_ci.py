"""The project's own CI on the forge (.github/workflows): the tests on three platforms
and two Pythons, and the release to PyPI. They cannot run here: check-jsonschema checks
them against its bundled GitHub Actions schema (offline), and the tests below check
what they must do."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent


def _load(name: str) -> dict[str, Any]:
    document = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    # YAML 1.1 (PyYAML) reads the key 'on' as true; GitHub reads it as 'on'.
    if True in document:
        document["on"] = document.pop(True)
    return document


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps = job["steps"]
    assert isinstance(steps, list)
    return steps


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in _steps(job))


def _uses(job: dict[str, Any]) -> list[str]:
    return [str(step["uses"]) for step in _steps(job) if "uses" in step]


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _python_versions() -> tuple[str, str]:
    """The lowest supported Python (requires-python) and the highest (the classifiers)."""
    project = _pyproject()["project"]
    lowest = re.fullmatch(r">=\s*(3\.\d+)", project["requires-python"])
    assert lowest, project["requires-python"]
    versions = [
        c.rsplit(" :: ", 1)[1]
        for c in project["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert versions[0] == lowest[1], "de classifiers beginnen bij requires-python"
    return lowest[1], max(versions, key=lambda v: int(v.split(".")[1]))


@pytest.mark.parametrize("name", ["tests.yml", "release.yml"])
def test_workflow_passes_the_schema(name: str) -> None:
    result = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOWS / name),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_tests_run_on_three_platforms_and_two_pythons() -> None:
    workflow = _load("tests.yml")
    assert set(workflow["on"]) == {"push", "pull_request"}
    job = workflow["jobs"]["tests"]
    matrix = job["strategy"]["matrix"]
    assert sorted(matrix["os"]) == ["macos-latest", "ubuntu-latest", "windows-latest"]
    assert matrix["python-version"] == list(_python_versions())
    assert job["strategy"]["fail-fast"] is False
    assert job["runs-on"] == "${{ matrix.os }}"
    setup = next(
        s for s in _steps(job) if str(s.get("uses", "")).startswith("actions/setup-python")
    )
    assert setup["with"]["python-version"] == "${{ matrix.python-version }}"


def test_tests_install_as_the_readme_says_on_every_platform() -> None:
    """One step for all three: a virtual environment first in PATH (bin, or Scripts on
    Windows), then python -m pip and python -m pytest from it."""
    job = _load("tests.yml")["jobs"]["tests"]
    runs = _runs(job)
    assert "python -m venv .venv" in runs
    assert ".venv/bin" in runs and ".venv\\\\Scripts" in runs and "GITHUB_PATH" in runs
    assert 'python -m pip install --quiet -e ".[dev]"' in runs
    assert "waterketen validate" in runs
    assert re.search(r"^python -m pytest\b", runs, re.MULTILINE)
    # The README's own command is the same installation.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[dev]'" in readme


def test_ruff_and_mypy_once_on_ubuntu() -> None:
    jobs = _load("tests.yml")["jobs"]
    checks = [name for name, job in jobs.items() if "mypy" in _runs(job)]
    assert checks == ["code"]
    job = jobs["code"]
    assert job["runs-on"] == "ubuntu-latest"
    runs = _runs(job)
    for command in ("ruff check src tests benchmarks", "ruff format --check", "mypy"):
        assert command in runs
    assert "ruff" not in _runs(jobs["tests"]) and "mypy" not in _runs(jobs["tests"])


def test_release_builds_checks_and_publishes_with_trusted_publishing() -> None:
    workflow = _load("release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    jobs = workflow["jobs"]
    build = jobs["bouwen"]
    runs = _runs(build)
    assert "python -m build" in runs
    assert "twine check --strict dist/*" in runs

    publish = jobs["publiceren"]
    assert publish["needs"] == "bouwen"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    step = next(s for s in _steps(publish) if str(s.get("uses", "")).startswith("pypa/"))
    assert step["uses"].startswith("pypa/gh-action-pypi-publish@")
    # Trusted publishing: no password, no token, no secret anywhere.
    assert "password" not in step.get("with", {})
    text = (WORKFLOWS / "release.yml").read_text(encoding="utf-8")
    assert "password:" not in text
    assert "secrets." not in text
    assert not re.search(r"^\s*(api-)?token:", text, re.MULTILINE)
    # Only the publishing job may ask for an identity token.
    assert workflow["permissions"] == {"contents": "read"}
    assert [name for name, job in jobs.items() if "id-token" in job.get("permissions", {})] == [
        "publiceren"
    ]


def test_the_release_tag_must_be_the_version() -> None:
    runs = _runs(_load("release.yml")["jobs"]["bouwen"])
    assert "GITHUB_REF_NAME" in runs and "waterketen-*.tar.gz" in runs


def test_the_browser_tests_are_prepared_as_the_readme_says() -> None:
    """README (Testen), .ci/run and the workflow prepare the browser tests the same way:
    tests/browser_setup.py, then pytest, with the slow tests (WATERKETEN_TRAGE_TESTS=1),
    so that the one documented command runs every test."""
    command = ".venv/bin/python tests/browser_setup.py && WATERKETEN_TRAGE_TESTS=1 .venv/bin/pytest"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```sh\n{command}\n```" in readme
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    job = _load("tests.yml")["jobs"]["tests"]
    runs = _runs(job)
    assert runs.index("python tests/browser_setup.py") < runs.index("python -m pytest")
    stap = next(s for s in _steps(job) if "python -m pytest" in str(s.get("run", "")))
    assert stap["env"] == {"WATERKETEN_TRAGE_TESTS": "1"}
    dev = _pyproject()["project"]["optional-dependencies"]["dev"]
    assert any(d.startswith("playwright") for d in dev)
