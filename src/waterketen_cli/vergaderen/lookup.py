"""Finding a record the user named, with a suggestion when the name is wrong."""

from __future__ import annotations

from waterketen_cli.checks.findings import suggest
from waterketen_cli.errors import GebruiksFout
from waterketen_cli.models.records import Vergadering
from waterketen_cli.records.dataset import Gegevens


def meeting(gegevens: Gegevens, vergadering_id: str) -> Vergadering:
    vergadering = gegevens.get(Vergadering, vergadering_id)
    if vergadering is None:
        known = [v.id for v in gegevens.of(Vergadering)]
        raise GebruiksFout(
            f"onbekende vergadering '{vergadering_id}'",
            hint=suggest(vergadering_id, known) or "vergaderingen staan in data/vergaderingen/",
        )
    return vergadering
