"""Editing records with ruamel.yaml's round trip: comments, key order and quoting of
everything a command does not touch survive (the example data comes back byte for
byte). A new field goes where the model puts it (:func:`put`); a new record is dumped
in the model's field order (:func:`record_data`).

Nothing here writes a file: commands build a write plan (``records.plan``) and the
write path (``waterketen_cli.schrijfpad``) validates and writes it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from waterketen_cli.errors import BestandsFout
from waterketen_cli.models.base import Record
from waterketen_cli.records.transactie import SchrijfFout
from waterketen_cli.records.yamlio import parse
from waterketen_cli.soorten import Soort


def yaml_rt() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def load_text(text: str, path: Path) -> CommentedMap:
    """A record's text as an editable mapping that remembers comments and layout."""
    try:
        doc = yaml_rt().load(text)
    except OSError as error:  # the system, not the text: say which file and why
        raise BestandsFout.van(error, path) from error
    # What ruamel raises for text it cannot read: its own errors, a ValueError for a
    # value it cannot construct (``2026-02-30``, ``!!int x``), a RecursionError for
    # nesting too deep. Anything else is a bug and must not pass for bad YAML.
    except (YAMLError, ValueError, RecursionError) as error:
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
    yaml_rt().dump(doc, buffer)
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
    from waterketen_cli.records.schema import validate_record

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
