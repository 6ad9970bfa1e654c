"""Command-line values without pydantic, where typer would import it for nothing.

typer (0.29) turns every parameter of the command being run into a pydantic
``TypeAdapter``, even one that was not given: that imports pydantic and scans the
installed packages for its plugins, about a tenth of a second before any work is done,
for a command such as ``validate`` answered from its cache that needs no pydantic at
all. :func:`install` replaces the one function typer builds them with
(``typer.core.build_runtime_param``):

- a text or a path (what our options mostly are: ``--data``, ``-o``, ``--overleg``)
  is converted here, the way typer's own adapter does it (``_parse_cli_str``,
  ``coerce_cli_path``);
- everything else (numbers with a range, choices, dates, flags from an environment
  variable) still gets typer's own adapter, but only when a value arrives that it
  would not give back as it is: a parameter that was not given, or has its default
  (a member of its enum), costs nothing.

So every message about a wrong value stays typer's own. ``tests/test_parameters.py``
checks that typer still has this function, that the values come out as before, and
that a command answered from the cache does not import pydantic.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer import _coercion, core
from typer._param_types import coerce_cli_path, routes_to_path


def _text(value: Any) -> str:
    """A value as text, as typer's ``_parse_cli_str`` makes it."""
    if isinstance(value, bytes):
        for encoding in (sys.getfilesystemencoding(), "utf-8"):
            try:
                return value.decode(encoding)
            except UnicodeError:
                continue
        return value.decode("utf-8", "replace")
    return str(value)


def _leaf(annotation: Any, info: Any) -> Any:
    """A converter for one value of this type, or None when typer's adapter must do it."""
    if info.parser is not None:
        return None
    if annotation is str:
        return _text
    if (
        isinstance(annotation, type)
        and issubclass(annotation, Path)
        and routes_to_path(annotation, info)
    ):
        path_type = info.path_type or annotation

        def path(value: Any, param: Any, ctx: Any) -> Any:
            if not isinstance(value, path_type):
                value = path_type(_text(value))
            return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)

        return path
    return None


@dataclass(frozen=True)
class _Direct(_coercion.RuntimeParam):
    """A text or a path, or a list of them, converted without pydantic."""

    convert: Any = None
    is_list: bool = False

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        def one(item: Any) -> Any:
            if self.convert is _text:
                return _text(item)
            return self.convert(item, param, ctx)

        if self.is_list:
            return [one(item) for item in (value if isinstance(value, (list, tuple)) else [value])]
        return one(value)


@dataclass(frozen=True)
class _Later(_coercion.RuntimeParam):
    """typer's own conversion, built when the first value arrives."""

    descriptor: Any = None
    built: list[Any] = field(default_factory=list)

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if _as_is(value, self.annotation, self.parameter_info):
            return value  # a default of the right type: typer's adapter returns it as is
        if not self.built:
            self.built.append(_ORIGINAL(self.descriptor))
        return self.built[0]._coerce_value(value, param=param, ctx=ctx)


def _as_is(value: Any, annotation: Any, info: Any) -> bool:
    """A choice that already is a member of its enum, or a number without bounds that
    already is one (a default): what typer's adapter would give back unchanged."""
    if not isinstance(annotation, type) or not isinstance(value, annotation):
        return False
    if issubclass(annotation, Enum):
        return True
    unbounded = info.min is None and info.max is None
    return annotation in (int, float) and not isinstance(value, bool) and unbounded


_ORIGINAL = _coercion.build_runtime_param


def build_runtime_param(descriptor: Any) -> Any:
    """What typer's ``build_runtime_param`` returns, without pydantic where possible."""
    if descriptor.file_annotation is not None:
        return _ORIGINAL(descriptor)
    annotation, info = descriptor.annotation, descriptor.parameter_info
    args = {"annotation": annotation, "parameter_info": info}
    if get_origin(annotation) is list and len(get_args(annotation)) == 1:
        convert = _leaf(get_args(annotation)[0], info)
        if convert is not None:
            return _Direct(**args, convert=convert, is_list=True)
    else:
        convert = _leaf(annotation, info)
        if convert is not None:
            return _Direct(**args, convert=convert)
    return _Later(**args, descriptor=descriptor)


def install() -> None:
    core.build_runtime_param = build_runtime_param  # type: ignore[attr-defined]
