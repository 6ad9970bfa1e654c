"""Is a record file already in canonical form? A fast answer that is never wrong.

``waterketen fmt`` puts a file through ruamel.yaml's round trip (:mod:`canonical`),
some milliseconds a file. Most files are already canonical, and most of those have
the same simple shape. For that shape :func:`in_vaste_vorm` walks libyaml's event
stream (in C, as fast as a bare parse), rebuilds the text that :func:`canonical
.canonical` would write and compares it with the file. It accepts only:

- UTF-8 with LF line ends and one newline at the end, characters from a safe set (no
  tabs, control characters, BOM, line or paragraph separators, private use or astral
  characters); no merge-conflict markers;
- a header of ``#`` lines at column 0 without trailing spaces, then a body without
  any ``#`` and without blank lines: no other comments;
- block style indented 2/4/2, keys plain words in the order of the model
  (:func:`canonical._shapes`; unknown keys after the known ones, never twice), the
  unordered lists (:data:`canonical.UNORDERED`) sorted as fmt sorts them, empty lists
  and mappings as ``[]`` and ``{}``;
- scalars that ruamel.yaml reads back as the same value and writes the same way:
  plain text that both YAML 1.2 resolvers (ruamel.yaml's and :mod:`yamlio`'s) read as
  text, integers in plain decimal, decimal fractions of at most 15 digits, ``true``
  and ``false``, real dates ``JJJJ-MM-DD``; single quotes where fmt puts them (times,
  telephone numbers, :attr:`canonical._Shape.quoted`) and where ruamel.yaml must
  quote (text that would read as a number, a boolean, null or a date, or starts
  with an indicator); literal blocks (``|`` and ``|-``) without trailing spaces.

Anything else (flow collections, folded blocks, double quotes, anchors, tags,
duplicate keys, null, multi-line scalars, lines near ruamel.yaml's width, ``---``)
is "not sure": :func:`in_vaste_vorm` says False and fmt takes its slow path, which
decides as before. What it accepts, :func:`canonical.format_record` leaves as it is
and :func:`yamlio.parse` reads without a problem (``tests/test_vormcheck.py``). It
does not say why a file is not canonical, formats nothing and reads no files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, Final

import yaml
from pydantic import BaseModel
from ruamel.yaml.nodes import ScalarNode as RuamelScalar
from ruamel.yaml.resolver import VersionedResolver
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

from waterketen_cli.records.canonical import _FREE, _item_shape, _Shape, _shapes
from waterketen_cli.records.yamlio import _CONFLICT, _Resolver12

#: A character outside the safe set: printable, no line break but the newline (YAML
#: 1.1, so libyaml, also breaks lines at U+0085, U+2028 and U+2029), no BOM, nothing
#: beyond the Basic Multilingual Plane or in its private or special ranges.
_UNSAFE: Final = re.compile(r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff]")
_KEY: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")
_INT: Final = re.compile(r"0|-?[1-9][0-9]{0,17}")
_FLOAT: Final = re.compile(r"-?(?:0|[1-9][0-9]{0,11})\.[0-9]{1,10}")
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: What ruamel.yaml cannot write plain when it starts a scalar.
_INDICATORS: Final = frozenset("#,[]{}&*!|>'\"%@`")
#: ruamel.yaml folds a plain or quoted scalar at a space past column 4096 (writer.yaml_rt).
_WIDTH: Final = 4000
_DEPTH: Final = 32

_STR, _INT_TAG, _FLOAT_TAG, _BOOL, _TIMESTAMP = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "timestamp")
)

# The kinds of plain scalar that are accepted.
_TEXT, _NUMBER, _OTHER = "text", "number", "other"


def in_vaste_vorm(raw: bytes, model: type[BaseModel] | None) -> bool:
    """True only if ``raw`` is a record file of ``model`` in canonical form: ``fmt``
    would leave it as it is and report nothing. False: not canonical, or not sure."""
    if not raw.endswith(b"\n") or raw.endswith(b"\n\n"):
        return False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if _UNSAFE.search(text) or _CONFLICT.search(text):
        return False
    start = 0
    while text.startswith("#", start):
        end = text.index("\n", start)
        line = text[start:end]
        if line.rstrip() != line:
            return False
        start = end + 1
    body = text[start:]
    if not body or "#" in body:
        return False
    parser = CParser(text)
    try:
        walk = _Walk(parser.get_event)
        lines = walk.document(model)
    except yaml.YAMLError:
        return False
    finally:
        parser.dispose()
    return lines is not None and "\n".join(lines) + "\n" == body


class _Walk:
    """Rebuilds the canonical lines of a document from its events; None: not sure."""

    def __init__(self, next_event: Callable[[], Any]) -> None:
        self.next = next_event
        self.out: list[str] = []

    def document(self, model: type[BaseModel] | None) -> list[str] | None:
        if type(self.next()) is not StreamStartEvent:
            return None
        start = self.next()
        if type(start) is not DocumentStartEvent or start.explicit or start.version:
            return None
        if start.tags or not _block(self.next(), MappingStartEvent):
            return None
        if not self.mapping(_shapes(model) if model is not None else {}, 0, "", 0):
            return None
        end = self.next()
        if type(end) is not DocumentEndEvent or end.explicit:
            return None
        if type(self.next()) is not StreamEndEvent:
            return None
        return self.out

    def mapping(self, shapes: dict[str, _Shape], indent: int, lead: str, depth: int) -> bool:
        """The keys and values of a block mapping (its start already read); the first
        key after ``lead`` (a list item's dash), the others at ``indent``."""
        if depth > _DEPTH:
            return False
        order = _order(tuple(shapes))
        pad = " " * indent
        last = -1
        unknown: set[str] = set()
        while True:
            event = self.next()
            kind = type(event)
            if kind is MappingEndEvent:
                return last >= 0
            if kind is not ScalarEvent or event.style or event.anchor or event.tag:
                return False
            key = event.value
            if not _KEY.fullmatch(key) or _plain(key) != _TEXT:
                return False
            position = order.get(key)
            if position is None:  # unknown keys stay after the known ones, in their order
                if key in unknown:
                    return False
                unknown.add(key)
                position = len(order)
            elif position <= last:
                return False
            first = last < 0
            last = position
            shape = shapes.get(key, _FREE)
            if not self.value(f"{lead if first and lead else pad}{key}:", shape, indent, depth):
                return False

    def value(self, prefix: str, shape: _Shape, indent: int, depth: int) -> bool:
        """The value of the key in ``prefix`` (``…key:``) at column ``indent``."""
        event = self.next()
        kind = type(event)
        if kind is ScalarEvent:
            return self.scalar(event, prefix, shape, indent)
        if event.anchor or event.tag:
            return False
        if kind is SequenceStartEvent:
            if event.flow_style:
                return self.empty(SequenceEndEvent, f"{prefix} []")
            self.out.append(prefix)
            return self.sequence(shape, indent + 2, depth + 1)
        if kind is MappingStartEvent:
            if event.flow_style:
                return self.empty(MappingEndEvent, f"{prefix} {{}}")
            self.out.append(prefix)
            model = None if shape.is_list else shape.model
            return self.mapping(_shapes(model) if model else {}, indent + 2, "", depth + 1)
        return False

    def sequence(self, shape: _Shape, indent: int, depth: int) -> bool:
        """The items of a block list (its start already read), the dash at ``indent``."""
        if depth > _DEPTH:
            return False
        item = _item_shape(shape) if shape.is_list else _FREE
        dash = " " * indent + "-"
        previous: str | None = None
        count = 0
        while True:
            event = self.next()
            kind = type(event)
            if kind is SequenceEndEvent:
                return count > 0
            count += 1
            if shape.unordered:
                # fmt sorts a list of scalars here: accept plain text, in order
                if kind is not ScalarEvent or event.style or _plain(event.value) != _TEXT:
                    return False
                if previous is not None and event.value < previous:
                    return False
                previous = event.value
            if kind is ScalarEvent:
                if not self.scalar(event, dash, item, indent):
                    return False
                continue
            if event.anchor or event.tag:
                return False
            if kind is MappingStartEvent:
                if event.flow_style:
                    if not self.empty(MappingEndEvent, f"{dash} {{}}"):
                        return False
                    continue
                shapes = _shapes(item.model) if item.model else {}
                if not self.mapping(shapes, indent + 2, f"{dash} ", depth + 1):
                    return False
                continue
            if kind is SequenceStartEvent and event.flow_style:
                if not self.empty(SequenceEndEvent, f"{dash} []"):
                    return False
                continue
            return False  # a block list in a list: ruamel.yaml lays it out its own way

    def empty(self, end: type, line: str) -> bool:
        """``[]`` or ``{}``: a flow collection is only accepted empty."""
        if type(self.next()) is not end:
            return False
        self.out.append(line)
        return True

    def scalar(self, event: Any, prefix: str, shape: _Shape, indent: int) -> bool:
        if event.anchor or event.tag:
            return False
        value: str = event.value
        style = event.style
        if style == "|":
            return self.literal(value, prefix, indent + 2)
        if "\n" in value:
            return False
        if not style:
            if shape.quoted or _plain(value) is None:
                return False
            line = f"{prefix} {value}"
        elif style == "'":
            if "'" in value:
                return False
            if not shape.quoted and not _must_quote(value):
                return False
            line = f"{prefix} '{value}'"
        else:
            return False
        if len(line) > _WIDTH:
            return False
        self.out.append(line)
        return True

    def literal(self, value: str, prefix: str, indent: int) -> bool:
        """A literal block: ``|-`` without a final newline, ``|`` with one."""
        content = value[:-1] if value.endswith("\n") else value
        if not content or content[0] in " \n" or content.endswith("\n"):
            return False
        lines = content.split("\n")
        if any(line.endswith(" ") for line in lines):
            return False
        pad = " " * indent
        self.out.append(f"{prefix} |" if content is not value else f"{prefix} |-")
        self.out.extend(pad + line if line else "" for line in lines)
        return True


def _block(event: Any, kind: Any) -> bool:
    """A block mapping or list without anchor or tag."""
    if type(event) is not kind:
        return False
    return not (event.flow_style or event.anchor or event.tag)


@cache
def _order(fields: tuple[str, ...]) -> dict[str, int]:
    return {name: i for i, name in enumerate(fields)}


_RUAMEL: Final[Any] = VersionedResolver(version=(1, 2))  # as writer.yaml_rt() writes
_LIBYAML: Final[Any] = _Resolver12()  # as yamlio.parse reads


def _tags(value: str) -> tuple[str, str]:
    """The tag ruamel.yaml (which writes records) and :mod:`yamlio` (which reads them)
    give ``value`` as a plain scalar; both YAML 1.2."""
    ruamel = str(_RUAMEL.resolve(RuamelScalar, value, (True, False)))
    return ruamel, _LIBYAML.resolve(ScalarNode, value, (True, False))


@lru_cache(maxsize=1 << 16)
def _plain(value: str) -> str | None:
    """What a plain scalar is, if ruamel.yaml reads it back as the same value and
    writes it the same way: text, a number, another value; None if not sure."""
    ruamel, libyaml = _tags(value)
    if ruamel == libyaml == _STR:
        # ruamel.yaml quotes text that starts like a document marker
        return None if value.startswith(("---", "...")) else _TEXT
    if ruamel == libyaml == _INT_TAG and _INT.fullmatch(value):
        return _NUMBER
    if ruamel == libyaml == _FLOAT_TAG and _FLOAT.fullmatch(value):
        # at most 15 digits: a float keeps them, and ruamel.yaml writes them back
        digits = value.lstrip("-").replace(".", "").lstrip("0")
        return _NUMBER if len(digits) <= 15 else None
    if ruamel == libyaml == _BOOL and value in ("true", "false"):
        return _OTHER
    if ruamel == _TIMESTAMP and libyaml == _STR and _DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return None  # ruamel.yaml cannot read it (2026-02-30)
        return _OTHER
    return None


@lru_cache(maxsize=1 << 12)
def _must_quote(value: str) -> bool:
    """Text that ruamel.yaml cannot write plain, so writes in single quotes (the
    caller has made sure it holds no quote or line break)."""
    if _tags(value)[0] != _STR:  # it would read as something else ('' as null)
        return True
    return (
        value[0] in _INDICATORS
        or value.startswith(("---", "...", "- ", "? ", ": "))
        or value in ("-", "?", ":")
        or ": " in value
        or value.endswith(":")
    )
