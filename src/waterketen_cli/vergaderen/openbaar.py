"""How published and internal documents name things, given the data they get.

What may be published is decided in one place, :mod:`waterketen_cli.publiek`: a public
document receives the public view of the data and nothing else. These helpers only
name what they are given: the items of a meeting, numbered as they stand; a person by
name and organisation, by function and organisation when the public view holds no
name for them, and in the documents of a body of bestuurders by their office.
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


def items(vergadering: Vergadering) -> list[GenummerdPunt]:
    """The items of a meeting, numbered from 1."""
    return [GenummerdPunt(i, punt) for i, punt in enumerate(vergadering.agenda, start=1)]


def persoon(gegevens: Gegevens, persoon_id: str | None, *, ambt: bool = False) -> str:
    """How a person is named in a document: 'Marieke Kuipers (Gemeente Groningen)';
    with ``ambt``, a bestuurder by office: 'Jan Bos (wethouder gemeente Veendam)'. In
    the public view someone who did not consent is 'functie, organisatie' (or their
    office), and an unknown id is never printed bare: it holds a surname."""
    if persoon_id is None:
        return ""
    record = gegevens.get(Persoon, persoon_id)
    if record is None:
        return "onbekende persoon" if gegevens.publiek else persoon_id
    naamloos = gegevens.publiek and not record.naam_openbaar
    if ambt and record.ambt:
        return record.ambt if naamloos else f"{record.naam} ({record.ambt})"
    if naamloos:
        return record.naam  # the public view has put 'functie, organisatie' there
    organisatie = gegevens.get(Organisatie, record.organisatie)
    org = organisatie.naam if organisatie else record.organisatie
    return f"{record.naam} ({org})"
