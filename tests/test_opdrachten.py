"""The command tree built as far as the command line asks (``cli/opdrachten.py``) is
the tree typer builds, command for command; and running one command builds only it."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from helpers import invoke
from waterketen_cli.cli import opdrachten
from waterketen_cli.cli.main import app


def _tree(command: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    found = {path: command}
    for name in command.list_commands(None) if hasattr(command, "list_commands") else ():
        found.update(_tree(command.commands[name], (*path, name)))
    return found


def _shape(command: Any) -> tuple[Any, ...]:
    """What a command is to the user: its class, help, options and their settings."""
    params = tuple(
        (
            type(p).__name__,
            p.name,
            tuple(p.opts),
            tuple(p.secondary_opts),
            p.required,
            repr(p.default),
            getattr(p, "help", None),
            getattr(p, "hidden", None),
            getattr(p, "is_flag", None),
            p.multiple,
            p.nargs,
            p.metavar,
        )
        for p in command.params
    )
    return (
        type(command).__name__,
        command.name,
        command.help,
        command.short_help,
        command.hidden,
        command.no_args_is_help,
        command.options_metavar,
        getattr(command, "invoke_without_command", None),
        getattr(command, "subcommand_metavar", None),
        command.callback is not None,
        params,
    )


def test_the_lazy_tree_is_the_tree_typer_builds() -> None:
    full = _tree(typer.main.get_command(app))
    lazy = _tree(opdrachten.command(app))
    assert list(lazy) == list(full)  # the same commands, in the same order
    assert len(full) > 30
    for path, command in full.items():
        assert _shape(lazy[path]) == _shape(command), path


def test_a_command_is_built_when_it_is_asked_for() -> None:
    group = opdrachten.command(app)
    assert group.commands.gebouwd == ()  # type: ignore[attr-defined]
    assert "validate" in group.commands  # knowing a name builds nothing
    assert group.get_command(None, "validate") is group.get_command(None, "validate")  # type: ignore[arg-type]
    assert group.commands.gebouwd == ("validate",)  # type: ignore[attr-defined]
    assert group.get_command(None, "bestaat-niet") is None  # type: ignore[arg-type]
    agenda = group.get_command(None, "agenda")  # type: ignore[arg-type]
    assert agenda.commands.gebouwd == ()  # type: ignore[union-attr]
    assert group.commands.gebouwd == ("validate", "agenda")  # type: ignore[attr-defined]


def test_a_typo_still_gets_its_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, ["agenda", "nw"])
    assert result.code == 2
    assert "onbekende opdracht 'nw' (bedoelde u 'new'?)" in result.err
