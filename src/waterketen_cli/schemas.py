"""JSON Schema per record kind, exported from the models, for editors and CI."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from waterketen_cli.models import SOORTEN

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Schrijfplan

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def render() -> dict[str, str]:
    """File name -> schema text; the same models always give the same bytes."""
    out = {}
    for soort in SOORTEN:
        schema = soort.model.model_json_schema()
        schema = {
            "$schema": DRAFT,
            "title": f"waterketen: {soort.naam}",
            "description": f"Een record in data/{soort.map}/; de bestandsnaam is het id.",
            **{k: v for k, v in schema.items() if k not in ("title", "description")},
        }
        out[soort.schema_bestand] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


class Stand(StrEnum):
    NIEUW = "nieuw"
    BIJGEWERKT = "bijgewerkt"
    ONGEWIJZIGD = "ongewijzigd"
    VEROUDERD = "verouderd"  # with --check: would be written


@dataclass(frozen=True)
class Uitkomst:
    pad: Path
    stand: Stand


def plan(target: Path, data_dir: Path | None) -> tuple[list[Uitkomst], Schrijfplan]:
    """How each schema in ``target`` stands, and the plan that brings the stale and
    missing ones up to date (a file whose content is right is not touched)."""
    from waterketen_cli.records.plan import Document, Schrijfplan

    result = []
    schrijfplan = Schrijfplan("JSON Schema's bijgewerkt", data_dir)
    for name, text in render().items():
        path = target / name
        old = path.read_bytes() if path.is_file() else None
        if old == text.encode("utf-8"):
            result.append(Uitkomst(path, Stand.ONGEWIJZIGD))
            continue
        result.append(Uitkomst(path, Stand.NIEUW if old is None else Stand.BIJGEWERKT))
        schrijfplan.documenten.append(Document(path, text, overschrijf=old is not None, oud=old))
    return result, schrijfplan
