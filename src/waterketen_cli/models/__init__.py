"""Record kinds: which model, which folder under ``data/``, which schema file."""

from __future__ import annotations

from dataclasses import dataclass

from waterketen_cli.models.base import SLUG_PATTERN, Model, Record
from waterketen_cli.models.records import (
    Actie,
    Cluster,
    Organisatie,
    Overleg,
    Persoon,
    Project,
    Regio,
    Vergadering,
)


@dataclass(frozen=True)
class Soort:
    """A kind of record."""

    naam: str  # singular, as users say it: "persoon"
    map: str  # folder under data/
    model: type[Record]

    @property
    def schema_bestand(self) -> str:
        return f"{self.naam}.schema.json"


SOORTEN: tuple[Soort, ...] = (
    Soort("regio", "regio", Regio),
    Soort("organisatie", "organisaties", Organisatie),
    Soort("persoon", "personen", Persoon),
    Soort("cluster", "clusters", Cluster),
    Soort("overleg", "overleggen", Overleg),
    Soort("vergadering", "vergaderingen", Vergadering),
    Soort("project", "projecten", Project),
    Soort("actie", "acties", Actie),
)

SOORT_PER_MAP: dict[str, Soort] = {s.map: s for s in SOORTEN}
SOORT_PER_NAAM: dict[str, Soort] = {s.naam: s for s in SOORTEN}

__all__ = [
    "SLUG_PATTERN",
    "SOORTEN",
    "SOORT_PER_MAP",
    "SOORT_PER_NAAM",
    "Model",
    "Record",
    "Soort",
]
