"""Installed as a tool: the package's metadata and files, the wheel in a fresh virtual
environment (``pipx``/``uv tool`` do no more than that), and completion with Tab."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from helpers import invoke
from waterketen_cli import __version__

PACKAGE = ROOT / "src" / "waterketen_cli"
BIN = Path(sys.executable).parent
WATERKETEN = BIN / "waterketen"


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _templates() -> set[str]:
    """Every file below templates/ in the source tree, as a path inside the package."""
    return {
        path.relative_to(PACKAGE).as_posix()
        for path in (PACKAGE / "templates").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


# --- metadata and files, from pyproject.toml -----------------------------------------


def test_the_version_has_one_source() -> None:
    """__version__ in the package; pyproject.toml reads it from there (without importing
    the package) and ``waterketen --version`` prints it."""
    config = _pyproject()
    assert "version" not in config["project"]
    assert config["project"]["dynamic"] == ["version"]
    assert config["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "waterketen_cli.__version__"
    }
    source = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    assert f'__version__ = "{__version__}"' in source


def test_the_metadata_for_the_package_index() -> None:
    project = _pyproject()["project"]
    assert project["license"] == "EUPL-1.2"  # an SPDX expression, no licence classifier
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]
    for classifier in (
        "Natural Language :: Dutch",
        "Environment :: Console",
        "Operating System :: OS Independent",
        "Programming Language :: Python :: 3.11",
    ):
        assert classifier in project["classifiers"]
    assert project["readme"] == "README.md"
    assert project["scripts"] == {"waterketen": "waterketen_cli.cli.main:run"}
    dev = " ".join(project["optional-dependencies"]["dev"])
    assert "build" in dev and "twine" in dev


def test_package_data_covers_every_template() -> None:
    """The patterns of [tool.setuptools.package-data] match every template file, also
    one added later, at any depth."""
    patterns = _pyproject()["tool"]["setuptools"]["package-data"]["waterketen_cli"]
    matched = {
        path.relative_to(PACKAGE).as_posix()
        for pattern in patterns
        for path in PACKAGE.glob(pattern)
        if path.is_file()
    }
    assert _templates(), "geen sjablonen gevonden"
    assert _templates() <= matched, _templates() - matched
    assert "py.typed" in matched


# --- completion with Tab -------------------------------------------------------------


@pytest.fixture
def shell(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Pretend the user works in this shell (typer asks shellingham)."""
    from typer import _completion_shared

    def use(name: str | None) -> None:
        monkeypatch.setattr(_completion_shared, "_get_shell_name", lambda: name)

    return use


def test_completion_options_are_in_the_dutch_help(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, ["--help"])
    assert result.code == 0
    assert "--install-completion  Installeer het aanvullen met Tab" in result.out
    assert "--show-completion     Toon het script" in result.out
    assert "completion for the current shell" not in result.out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bash", "complete -o default -F _waterketen_completion waterketen"),
        ("zsh", "compdef _waterketen_completion waterketen"),
        ("fish", "complete --command waterketen"),
        ("powershell", "Register-ArgumentCompleter -Native -CommandName waterketen"),
        ("pwsh", "Register-ArgumentCompleter -Native -CommandName waterketen"),
    ],
)
def test_show_completion(
    capsys: pytest.CaptureFixture[str], shell: Any, name: str, expected: str
) -> None:
    shell(name)
    result = invoke(capsys, ["--show-completion"])
    assert result.code == 0, result.err
    assert expected in result.out
    assert "_WATERKETEN_COMPLETE" in result.out


def test_completion_in_a_shell_it_cannot_serve(
    capsys: pytest.CaptureFixture[str], shell: Any
) -> None:
    shell("cmd")
    result = invoke(capsys, ["--show-completion"])
    assert result.code == 1
    assert result.err == (
        "fout: aanvullen met Tab kan niet in cmd\n"
        "  geef de opdracht in bash, zsh, fish of PowerShell\n"
    )


def test_install_completion_for_bash(capsys: pytest.CaptureFixture[str], shell: Any) -> None:
    shell("bash")
    result = invoke(capsys, ["--install-completion"])
    assert result.code == 0, result.err
    home = Path.home()
    script = home / ".bash_completions" / "waterketen.sh"
    assert "_WATERKETEN_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (home / ".bashrc").read_text(encoding="utf-8")
    assert result.out.startswith(f"Aanvullen met Tab is geïnstalleerd voor bash, in {script}.")


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in for PowerShell is a sh script")
def test_install_completion_for_powershell(
    capsys: pytest.CaptureFixture[str],
    shell: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In the profile that PowerShell names, once, keeping a UTF-16 profile UTF-16; and
    without touching the execution policy (typer's own installer sets it to
    Unrestricted)."""
    profile = tmp_path / "Documenten" / "PowerShell" / "Microsoft.PowerShell_profile.ps1"
    calls = tmp_path / "aanroepen.txt"
    stand_in = tmp_path / "bin" / "pwsh"
    stand_in.parent.mkdir()
    stand_in.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\necho "{profile}"\n', encoding="utf-8")
    stand_in.chmod(0o755)
    monkeypatch.setenv("PATH", f"{stand_in.parent}{os.pathsep}{os.environ['PATH']}")
    shell("pwsh")

    result = invoke(capsys, ["--install-completion"])
    assert result.code == 0, result.err
    assert "Get-ExecutionPolicy" in result.out
    text = profile.read_text(encoding="utf-8")
    assert text.count("Register-ArgumentCompleter -Native -CommandName waterketen") == 1
    assert "_WATERKETEN_COMPLETE" in text
    assert invoke(capsys, ["--install-completion"]).code == 0
    assert profile.read_text(encoding="utf-8") == text  # not twice
    assert "ExecutionPolicy" not in calls.read_text(encoding="utf-8")

    profile.write_text("Set-Alias ll Get-ChildItem\n", encoding="utf-16")
    assert invoke(capsys, ["--install-completion"]).code == 0
    text = profile.read_text(encoding="utf-16")
    assert text.startswith("Set-Alias ll Get-ChildItem\n")
    assert "Register-ArgumentCompleter" in text


def _complete(shell: str, words: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """What the installed completion script asks the program, as the shell does."""
    env = {**os.environ, "_WATERKETEN_COMPLETE": f"complete_{shell}", **extra}
    return subprocess.run(
        [str(WATERKETEN)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_completion_answers_bash_and_powershell() -> None:
    bash = _complete("bash", "", COMP_WORDS="waterketen ag", COMP_CWORD="1")
    assert bash.returncode == 0, bash.stderr
    assert bash.stdout.split() == ["agenda"]
    jaar = _complete("bash", "", COMP_WORDS="waterketen jaar", COMP_CWORD="1")
    assert jaar.stdout.split() == ["jaarplan", "jaarverslag"]

    options = _complete("bash", "", COMP_WORDS="waterketen validate --f", COMP_CWORD="2")
    assert options.stdout.split() == ["--format"]

    powershell = _complete(
        "powershell",
        "",
        _TYPER_COMPLETE_ARGS="waterketen agenda ",
        _TYPER_COMPLETE_WORD_TO_COMPLETE="",
    )
    assert powershell.returncode == 0, powershell.stderr
    lines = powershell.stdout.splitlines()
    assert [line.split(":::")[0] for line in lines] == [
        "new",
        "plan",
        "render",
        "genodigden",
        "presentielijst",
        "terugblik",
        "bundel",
        "verstuur",
    ]
    assert lines[0].split(":::")[1].startswith("Maak de volgende vergadering")


# --- the wheel in a fresh virtual environment -----------------------------------------


def _copy_source(target: Path) -> Path:
    """The project as a clean checkout has it: no virtual environment, caches, earlier
    builds or egg-info, which could otherwise end up in the sdist."""
    skip = {".venv", ".git", "build", "dist", "__pycache__", ".hypothesis"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {
            n for n in names if n in skip or n.endswith((".egg-info", "_cache")) or n == ".cache"
        }

    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Any:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@pytest.mark.traag
def test_the_wheel_in_a_fresh_environment(tmp_path: Path) -> None:
    """python -m build, twine check, then pip install of the wheel into a new venv:
    waterketen --version, init and validate work from there, with the templates from
    the installed wheel (not from this source tree)."""
    source = _copy_source(tmp_path / "bron")
    dist = tmp_path / "dist"
    built = _run(sys.executable, "-m", "build", "--outdir", dist, source, cwd=tmp_path)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheel = dist / f"waterketen-{__version__}-py3-none-any.whl"
    sdist = dist / f"waterketen-{__version__}.tar.gz"
    assert set(dist.iterdir()) == {sdist, wheel}

    checked = _run(sys.executable, "-m", "twine", "check", "--strict", wheel, sdist, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # The wheel holds every template and py.typed; the metadata is complete.
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"waterketen-{__version__}.dist-info/METADATA").decode()
    assert {f"waterketen_cli/{t}" for t in _templates()} <= names
    assert "waterketen_cli/py.typed" in names
    assert not [n for n in names if "__pycache__" in n or n.startswith(("tests/", "data/"))]
    for line in (
        f"Version: {__version__}",
        "License-Expression: EUPL-1.2",
        "Classifier: Natural Language :: Dutch",
        "Description-Content-Type: text/markdown",
    ):
        assert line in metadata.splitlines(), line

    # A fresh environment, as pipx or uv tool make one; dependencies from the index.
    venv = tmp_path / "omgeving"
    assert _run(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / "python"
    started = time.perf_counter()
    installed = _run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        wheel,
        cwd=tmp_path,
    )
    seconds = time.perf_counter() - started
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    print(f"wheel {wheel.stat().st_size} bytes; installed in {seconds:.1f} s")

    # Far from the source tree, and nothing pointing back at it.
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["PYTHONIOENCODING"] = "cp1252"  # as a Windows redirect; output is UTF-8 anyway
    waterketen = scripts / "waterketen"

    version = _run(waterketen, "--version", cwd=elsewhere, env=env)
    assert (version.returncode, version.stdout) == (0, f"waterketen {__version__}\n")

    where = _run(
        python,
        "-c",
        "import json, waterketen_cli, waterketen_cli.render as r; "
        "print(json.dumps([waterketen_cli.__file__, r.__file__]))",
        cwd=elsewhere,
        env=env,
    )
    assert where.returncode == 0, where.stderr
    for file in json.loads(where.stdout):
        path = Path(file).resolve()
        assert path.is_relative_to(venv.resolve()) and "site-packages" in path.parts, path
        assert not path.is_relative_to(ROOT.resolve())

    init = _run(
        waterketen, "init", elsewhere / "repo", "--regio", "Waterketen Test", cwd=elsewhere, env=env
    )
    assert init.returncode == 0, init.stdout + init.stderr
    repo = elsewhere / "repo"
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "Waterketen Test" in readme  # made from the init templates in the wheel
    assert (repo / ".github" / "workflows" / "waterketen.yml").is_file()

    # validate: exactly the to-dos that init documents (exit 1).
    from waterketen_cli.init import VERWACHT

    validate = _run(waterketen, "validate", "--format", "json", cwd=repo, env=env)
    assert validate.returncode == 1, validate.stdout + validate.stderr
    findings = json.loads(validate.stdout)["bevindingen"]
    assert [(f["check"], f["veld"] or "") for f in findings] == list(VERWACHT)
    text = _run(waterketen, "validate", cwd=repo, env=env)
    assert text.returncode == 1
    assert "er is geen clustercoördinatorenoverleg" in text.stdout
    assert "Traceback" not in text.stdout + text.stderr
