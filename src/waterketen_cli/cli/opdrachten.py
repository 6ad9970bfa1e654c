"""The command tree, built as far as the command line asks for it.

typer turns every registered command into a click command before it looks at the
command line: for ``waterketen`` that is some forty commands and groups, each with its parameters
read from the function's signature, about 0.06 s, while ``waterketen validate`` needs
one of them. :func:`command` builds the same group with typer's own functions, but a
command (or a group of commands, such as ``agenda``) only when it is asked for by name.
Asking for the list (the help, the completion of a name) builds them all, so what is
shown is what typer shows. ``tests/test_opdrachten.py`` compares the two, command by
command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from functools import partial
from typing import Any

import typer
from typer import main as typer_main
from typer.core import TyperGroup
from typer.models import TyperInfo


def command(app: typer.Typer) -> TyperGroup:
    """The click group of ``app``, as ``typer.main.get_command`` makes it, with its
    commands built when they are asked for."""
    options = {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
        "suggest_commands": app.suggest_commands,
    }
    return _group(TyperInfo(app), options)


def _group(info: TyperInfo, options: dict[str, Any]) -> TyperGroup:
    """typer's group for ``info`` (its name, help, options and callback), without building
    its commands; they are built by :class:`_Opdrachten`."""
    app = info.typer_instance
    assert app is not None
    commands, groups = app.registered_commands, app.registered_groups
    app.registered_commands, app.registered_groups = [], []
    try:
        group = typer_main.get_group_from_info(info, **options)
    finally:
        app.registered_commands, app.registered_groups = commands, groups
    one = {k: options[k] for k in ("pretty_exceptions_short", "rich_markup_mode")}
    build: dict[str, Callable[[], Any]] = {}
    for command_info in commands:
        callback = command_info.callback
        assert callback is not None
        name = command_info.name or typer_main.get_command_name(callback.__name__)
        build[name] = partial(typer_main.get_command_from_info, command_info, **one)
    for group_info in groups:
        if not isinstance(group_info.name, str) or not group_info.name:
            raise TypeError("elke groep opdrachten heeft een naam nodig (app.add_typer(name=…))")
        build[group_info.name] = partial(_group, group_info, options)
    group.commands = _Opdrachten(build)
    return group


class _Opdrachten(MutableMapping[str, Any]):
    """A group's commands by name, in the order they were registered; each is built the
    first time it is looked up."""

    def __init__(self, build: dict[str, Callable[[], Any]]) -> None:
        self._build = build
        self._built: dict[str, Any] = {}

    @property
    def gebouwd(self) -> tuple[str, ...]:
        """The names built so far (for the tests)."""
        return tuple(self._built)

    def __getitem__(self, name: str) -> Any:
        found = self._built.get(name)
        if found is None:
            found = self._built[name] = self._build[name]()  # KeyError: no such command
        return found

    def __setitem__(self, name: str, value: Any) -> None:
        self._built[name] = value
        self._build.setdefault(name, lambda: value)

    def __delitem__(self, name: str) -> None:
        del self._build[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._build)

    def __len__(self) -> int:
        return len(self._build)
