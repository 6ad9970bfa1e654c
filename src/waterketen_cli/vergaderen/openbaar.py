"""What may be published: the rules of the privacy and confidentiality conventions.

- A confidential agenda item is left out of anything published, not marked.
- A person is named only if they agreed (``naam_openbaar``); otherwise by function
  and organisation. Contact details are never published.
"""

from __future__ import annotations

from dataclasses import dataclass

from waterketen_cli.models.records import Agendapunt, Organisatie, Persoon, Vergadering
from waterketen_cli.records.dataset import Gegevens


@dataclass(frozen=True)
class GenummerdPunt:
    """An agenda item with its number in the document it appears in."""

    nummer: int
    punt: Agendapunt


def items(vergadering: Vergadering, *, publiek: bool) -> list[GenummerdPunt]:
    """The items to show, numbered; the public list leaves confidential items out and
    numbers the rest without gaps, so that nothing betrays what was left out."""
    shown = [p for p in vergadering.agenda if not (publiek and p.vertrouwelijk)]
    return [GenummerdPunt(i, punt) for i, punt in enumerate(shown, start=1)]


def persoon(gegevens: Gegevens, persoon_id: str | None, *, publiek: bool) -> str:
    """How a person is named in a document."""
    if persoon_id is None:
        return ""
    record = gegevens.get(Persoon, persoon_id)
    if record is None:
        # An id holds a surname: never publish it bare.
        return "onbekende persoon" if publiek else persoon_id
    organisatie = gegevens.get(Organisatie, record.organisatie)
    org = organisatie.naam if organisatie else record.organisatie
    if publiek and not record.naam_openbaar:
        return f"{record.functie}, {org}"
    return f"{record.naam} ({org})"
