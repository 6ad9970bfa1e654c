"""The record kinds: which folder under ``data/`` and which model.

Kept free of pydantic, so that a run answered from the cache does not pay for
building the models (about a quarter of a second).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from waterketen_cli.models.base import Record


@dataclass(frozen=True)
class Soort:
    """A kind of record."""

    naam: str  # singular, as users say it: "persoon"
    map: str  # folder under data/
    klasse: str  # name of the model in waterketen_cli.models.records
    het: bool = False  # a "het"-word: "onbekend project", not "onbekende"

    @property
    def model(self) -> type[Record]:
        from waterketen_cli.models import records

        model: type[Record] = getattr(records, self.klasse)
        return model

    @property
    def onbekend(self) -> str:
        """'onbekende persoon', 'onbekend overleg'."""
        return f"{'onbekend' if self.het else 'onbekende'} {self.naam}"

    @property
    def schema_bestand(self) -> str:
        return f"{self.naam}.schema.json"


SOORTEN: tuple[Soort, ...] = (
    Soort("regio", "regio", "Regio"),
    Soort("organisatie", "organisaties", "Organisatie"),
    Soort("persoon", "personen", "Persoon"),
    Soort("cluster", "clusters", "Cluster", het=True),
    Soort("overleg", "overleggen", "Overleg", het=True),
    Soort("vergadering", "vergaderingen", "Vergadering"),
    Soort("project", "projecten", "Project", het=True),
    Soort("actie", "acties", "Actie"),
    Soort("agendavoorstel", "agendavoorstellen", "Agendavoorstel", het=True),
)

SOORT_PER_MAP: dict[str, Soort] = {s.map: s for s in SOORTEN}
SOORT_PER_NAAM: dict[str, Soort] = {s.naam: s for s in SOORTEN}
