"""JSON Schema per record kind, exported from the models, for editors and CI."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from waterketen_cli.models import SOORTEN
from waterketen_cli.records.atomic import write_text

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
    VEROUDERD = "verouderd"  # with check=True: would be written


@dataclass(frozen=True)
class Uitkomst:
    pad: Path
    stand: Stand


def write(target: Path, *, check: bool = False) -> list[Uitkomst]:
    """Write the schemas into ``target``; only files whose content differs are touched."""
    result = []
    for name, text in render().items():
        path = target / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old == text:
            result.append(Uitkomst(path, Stand.ONGEWIJZIGD))
        elif check:
            result.append(Uitkomst(path, Stand.VEROUDERD))
        else:
            write_text(path, text)
            result.append(Uitkomst(path, Stand.NIEUW if old is None else Stand.BIJGEWERKT))
    return result
