"""Finding a record the user named, with a suggestion when the name is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from waterketen_cli.errors import GebruiksFout
from waterketen_cli.findings import suggest
from waterketen_cli.models.base import Record
from waterketen_cli.records.dataset import Gegevens, soort_of
from waterketen_cli.soorten import Soort

R = TypeVar("R", bound=Record)


def unknown(
    soort: Soort, waarde: str, known: Iterable[str], optie: str | None = None
) -> GebruiksFout:
    """The error for a name that is no record of this kind ('bedoelde u …?')."""
    where = f" bij {optie}" if optie else ""
    ids = sorted(known)
    listed = f"bekend: {', '.join(ids)}" if len(ids) <= 10 else f"kies een id uit data/{soort.map}/"
    return GebruiksFout(f"{soort.onbekend} '{waarde}'{where}", hint=suggest(waarde, ids) or listed)


def record(gegevens: Gegevens, model: type[R], record_id: str, *, optie: str | None = None) -> R:
    found = gegevens.get(model, record_id)
    if found is None:
        raise unknown(soort_of(model), record_id, (r.id for r in gegevens.of(model)), optie)
    return found
