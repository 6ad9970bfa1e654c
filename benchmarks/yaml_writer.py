"""A small YAML emitter for records: block style, as people write record files.

Faster than any YAML library's dumper and in full control of the layout: 2-space
indentation with indented lists, times and phone numbers in single quotes, dates
unquoted, long text as a literal block. Every string that YAML 1.1 (PyYAML) or
YAML 1.2 (ruamel.yaml) could read as anything but text is quoted. No anchors or aliases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

Record = dict[str, Any]


class Quoted(str):
    """Text that is always written in single quotes, as people write times and phones."""

    __slots__ = ()


_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`+.0123456789 ~=<")
_RESERVED = frozenset(
    {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "none", "nan", "inf"}
)


def _is_plain(text: str) -> bool:
    # Conservative: anything YAML 1.1 (PyYAML) or 1.2 (ruamel) might read as a number,
    # boolean, null, date or time is quoted; so is anything with a syntax character.
    # Text that starts with a digit but holds a character outside ASCII ('1–10') is
    # none of those in either version: plain, as ``waterketen fmt`` writes it.
    return (
        bool(text)
        and (text[0] not in _NOT_PLAIN_START or (text[0].isdigit() and not text.isascii()))
        and text[-1] not in " :"
        and ": " not in text
        and " #" not in text
        and "\n" not in text
        and "\t" not in text
        and text.lower() not in _RESERVED
    )


def _scalar(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if isinstance(value, Quoted) or not _is_plain(value):
            return "'" + value.replace("'", "''") + "'"
        return value
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


def _emit_mapping(
    mapping: Record, indent: int, out: list[str], first_prefix: str | None = None
) -> None:
    pad = " " * indent
    for position, (key, value) in enumerate(mapping.items()):
        lead = first_prefix if position == 0 and first_prefix is not None else pad
        if isinstance(value, dict):
            if value:
                out.append(f"{lead}{key}:")
                _emit_mapping(value, indent + 2, out)
            else:
                out.append(f"{lead}{key}: {{}}")
        elif isinstance(value, list):
            if value:
                out.append(f"{lead}{key}:")
                _emit_sequence(value, indent + 2, out)
            else:
                out.append(f"{lead}{key}: []")
        elif isinstance(value, str) and "\n" in value:
            out.append(f"{lead}{key}: |-")
            inner = " " * (indent + 2)
            out.extend(inner + line if line else "" for line in value.split("\n"))
        else:
            out.append(f"{lead}{key}: {_scalar(value)}")


def _emit_sequence(items: Sequence[Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            _emit_mapping(item, indent + 2, out, first_prefix=pad + "- ")
        elif isinstance(item, dict | list):
            raise TypeError("empty or nested collections in a list are not written")
        else:
            out.append(f"{pad}- {_scalar(item)}")


def to_yaml(record: Record, kind: str) -> str:
    """The text of a record file: the schema comment, then the record in block style."""
    out = [f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"]
    _emit_mapping(record, 0, out)
    out.append("")
    return "\n".join(out)
