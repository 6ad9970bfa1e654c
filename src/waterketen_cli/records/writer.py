"""The one way records are written: round trip, validated, atomic, never by accident.

- An existing record is loaded with ruamel.yaml's round-trip loader, changed in place
  and written back: comments, key order and quoting of everything the command did
  not touch survive (the example data comes back byte for byte).
- A new record is written in the model's field order, with the schema line on top.
- Before anything is written, the new text is read back with the same loader as
  ``validate`` and checked against the model: a command cannot write a record that
  ``validate`` would refuse.
- Writes go through a temporary file and a rename. A new record never replaces an
  existing file unless the caller says so. A batch is validated whole before the
  first file is replaced.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from waterketen_cli.errors import WaterketenError
from waterketen_cli.models.base import Record
from waterketen_cli.records.atomic import write_text
from waterketen_cli.records.yamlio import parse
from waterketen_cli.soorten import Soort


class SchrijfFout(WaterketenError):
    """A record could not be written; nothing was changed."""


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def load_roundtrip(path: Path) -> CommentedMap:
    """A record as an editable mapping that remembers comments and layout."""
    try:
        doc = _yaml().load(path.read_text(encoding="utf-8"))
    except Exception as error:  # ruamel raises many kinds; all mean "cannot edit"
        raise SchrijfFout(
            f"{path} kan niet worden bewerkt: het is geen geldige YAML",
            hint="voer 'waterketen validate' uit en herstel het bestand eerst",
        ) from error
    if not isinstance(doc, CommentedMap):
        raise SchrijfFout(f"{path} bevat geen record", hint="voer 'waterketen validate' uit")
    return doc


def put(doc: CommentedMap, key: str, value: Any, order: Iterable[str]) -> None:
    """Set a field; a new field goes where the model puts it, not at the end."""
    if key in doc:
        doc[key] = value
        return
    fields = list(order)
    later = set(fields[fields.index(key) + 1 :]) if key in fields else set()
    position = next((i for i, k in enumerate(doc) if k in later), len(doc))
    doc.insert(position, key, value)


def dump(doc: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(doc, buffer)
    return buffer.getvalue()


def to_yaml(value: Any) -> Any:
    """Python values of a model dump as the YAML our records use: dates plain, times
    and other text that could be misread quoted, amounts as numbers."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = to_yaml(item)
        return out
    if isinstance(value, (list, tuple)):
        return CommentedSeq(to_yaml(v) for v in value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.time):
        return SingleQuotedScalarString(value.strftime("%H:%M"))
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _lean(value: Any) -> Any:
    """Leave out what says nothing: None, empty lists and false flags."""
    if isinstance(value, dict):
        return {
            k: _lean(v) for k, v in value.items() if v is not None and v is not False and v != []
        }
    if isinstance(value, list):
        return [_lean(v) for v in value]
    return value


def record_data(record: Record) -> CommentedMap:
    """A record as a YAML mapping: fields in model order; None, [] and false left out."""
    result: CommentedMap = to_yaml(_lean(record.model_dump(mode="python")))
    return result


def check_text(text: str, soort: Soort, path: Path) -> Record:
    """Read ``text`` back as ``validate`` would; refuse what it would refuse."""
    from waterketen_cli.checks.schema import validate_record

    data, problems = parse(text.encode("utf-8"))
    if data is None:
        raise SchrijfFout(
            f"{path}: het te schrijven record is geen geldige YAML ({problems[0].bericht})",
            hint="dit is een fout in waterketen; er is niets geschreven",
        )
    record, findings = validate_record(soort.model, data, str(path))
    if record is None:
        first = findings[0]
        raise SchrijfFout(
            f"{path}: {first.veld}: {first.bericht}",
            hint=(first.hint + "; " if first.hint else "") + "er is niets geschreven",
        )
    if path.stem != record.id:
        raise SchrijfFout(f"{path}: het id '{record.id}' past niet bij de bestandsnaam")
    return record


@dataclass
class Wijziging:
    """One file to write as part of a batch."""

    pad: Path
    tekst: str
    soort: Soort
    nieuw: bool

    @property
    def oud(self) -> str | None:
        return None if self.nieuw else self.pad.read_text(encoding="utf-8")


def new_record(
    path: Path, soort: Soort, record: Record, *, header: Iterable[str] = ()
) -> Wijziging:
    """A new record file (its text, not yet written)."""
    from waterketen_cli.records.canonical import canonical

    lines = [f"# yaml-language-server: $schema=../../schemas/{soort.schema_bestand}"]
    lines += [f"# {line}" if line else "#" for line in header]
    text = "\n".join(lines) + "\n" + dump(record_data(record))
    # The same form `waterketen fmt` gives: a new record never needs formatting.
    return Wijziging(path, canonical(text, soort.model), soort, nieuw=True)


def edit_record(path: Path, soort: Soort, change: Callable[[CommentedMap], None]) -> Wijziging:
    """An existing record changed in place by ``change`` (its text, not yet written)."""
    doc = load_roundtrip(path)
    change(doc)
    return Wijziging(path, dump(doc), soort, nieuw=False)


def write(changes: list[Wijziging], *, overwrite: bool = False) -> list[Path]:
    """Validate every change, then write them all. Returns the paths written."""
    for change in changes:
        if change.nieuw and change.pad.exists() and not overwrite:
            raise SchrijfFout(
                f"{change.pad} bestaat al",
                hint="er is niets geschreven; kies een ander id of gebruik --overschrijf",
            )
        check_text(change.tekst, change.soort, change.pad)
    written = []
    for change in changes:
        write_text(change.pad, change.tekst)
        written.append(change.pad)
    return written
