"""Findings: what validation reports, one per problem, with its place in a file."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Ernst(StrEnum):
    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"


Pad = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem. ``pad`` is the field's path in the record; the line and column are
    filled in from it when they were not known at once."""

    bestand: str  # path as shown to the user, e.g. data/projecten/x.yaml
    regel: int
    kolom: int
    check: str
    ernst: Ernst
    bericht: str
    pad: Pad = ()
    hint: str | None = None
    # For unknown fields: point at the key rather than at its value.
    op_sleutel: bool = field(default=False, compare=False)

    @property
    def veld(self) -> str:
        return format_path(self.pad)

    def placed(self, regel: int, kolom: int) -> Finding:
        return replace(self, regel=regel, kolom=kolom)


def format_path(pad: Pad) -> str:
    """('programma', 2, 'thema') -> 'programma[2].thema' (0-based, as in editors' paths)."""
    out = ""
    for step in pad:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def suggest(value: str, options: Iterable[str]) -> str | None:
    """A 'bedoelde u …?' hint for a mistyped value, or None."""
    matches = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f"bedoelde u '{matches[0]}'?" if matches else None
