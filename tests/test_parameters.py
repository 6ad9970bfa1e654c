"""Command-line values without pydantic (cli/parameters.py): the same values and
messages as typer's own conversion, and no pydantic for a run that does not need it."""

from __future__ import annotations

import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer import _coercion, core

from conftest import EXAMPLE_DATA, ROOT
from waterketen_cli.cli import parameters


def test_typer_still_builds_its_conversions_where_we_replace_it() -> None:
    """When typer renames this, the replacement silently stops working: fail here."""
    import waterketen_cli.cli.main  # noqa: F401 - installs the replacement

    assert callable(_coercion.build_runtime_param)
    assert core.build_runtime_param is parameters.build_runtime_param


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        "from waterketen_cli.cli.main import run\n"
        f"sys.argv = ['waterketen', *{list(args)!r}]\n"
        "try:\n"
        "    run()\n"
        "finally:\n"
        "    print('pydantic' in sys.modules, file=sys.stderr)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )


def test_a_run_from_the_cache_does_not_import_pydantic(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "WATERKETEN_CACHE": str(tmp_path / "cache")}
    first = _run("validate", "--data", str(EXAMPLE_DATA), env=env)
    assert first.stderr.strip().endswith("True"), first.stderr  # cold: the models
    second = _run("validate", "--data", str(EXAMPLE_DATA), env=env)
    assert second.returncode == first.returncode
    assert second.stdout == first.stdout
    assert second.stderr.strip().endswith("False"), second.stderr


class Kleur(StrEnum):
    rood = "rood"
    blauw = "blauw"


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def doe(
        paden: Annotated[list[Path] | None, typer.Argument()] = None,
        naam: Annotated[str, typer.Option("--naam")] = "x",
        map_: Annotated[Path, typer.Option("--map")] = Path("data"),
        kleur: Annotated[Kleur, typer.Option("--kleur")] = Kleur.rood,
        aantal: Annotated[int, typer.Option("--aantal", min=15, max=600)] = 20,
        vrij: Annotated[int, typer.Option("--vrij")] = 3,
    ) -> None:
        print(repr((paden, naam, map_, kleur, aantal, vrij)))

    @app.command()
    def andere() -> None:
        pass

    return app


def _invoke(args: list[str]) -> tuple[int, str]:
    from typer.testing import CliRunner

    parameters.install()
    result = CliRunner().invoke(_app(), args)
    return result.exit_code, result.output


def test_values_come_out_as_typer_makes_them() -> None:
    code, out = _invoke(["doe", "a.yaml", "b", "--naam", "é", "--map", "m", "--kleur", "blauw"])
    assert code == 0, out
    assert out.strip() == repr(([Path("a.yaml"), Path("b")], "é", Path("m"), Kleur.blauw, 20, 3))
    code, out = _invoke(["doe", "--aantal", "16", "--vrij", "-4"])
    assert code == 0, out
    assert out.strip() == repr((None, "x", Path("data"), Kleur.rood, 16, -4))


def test_a_wrong_value_gets_typers_own_message() -> None:
    code, out = _invoke(["doe", "--aantal", "3"])
    assert code == 2
    assert "--aantal" in out
    code, out = _invoke(["doe", "--kleur", "groen"])
    assert code == 2
    assert "groen" in out


def test_the_range_message_of_a_real_command_is_unchanged() -> None:
    result = _run(
        "agenda", "new", "--datum", "2026-12-15", "--duur", "3", "--data", str(EXAMPLE_DATA)
    )
    assert result.returncode == 2
    assert "ongeldige waarde voor '--duur': minstens 15" in result.stderr
