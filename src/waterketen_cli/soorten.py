"""The record kinds: which folder under ``data/`` and which model; and the kinds of
file in ``data/`` that are no YAML record (the newsletters: Markdown with a header).

Kept free of pydantic, so that a run answered from the cache does not pay for
building the models (about a quarter of a second).

A kind of record is declared in two places that belong together: its line in
:data:`SOORTEN` (name, folder, model) and its model in ``models/records.py``, which
carries everything else the program knows of the kind (its facts for the checks
across records, its references, its lists without order, its cluster). Everything
that goes by kind is derived from these two; ``tests/test_soorten.py`` keeps them
together. The steps: docs/ontwerp.md, "Een soort toevoegen".
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
    #: The files of the kind: a YAML record (``.yaml``), or a document (``.md``) that is
    #: read and checked by its own module (``checks/nieuwsbrief.py``), not by a model.
    extensie: str = ".yaml"

    @property
    def record(self) -> bool:
        """A YAML record with a model (not a document kind)."""
        return self.extensie == ".yaml"

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


#: One line per kind of record, in the order in which lists of kinds show them.
SOORTEN: tuple[Soort, ...] = (
    Soort("regio", "regio", "Regio"),
    Soort("organisatie", "organisaties", "Organisatie"),
    Soort("persoon", "personen", "Persoon"),
    Soort("cluster", "clusters", "Cluster", het=True),
    Soort("overleg", "overleggen", "Overleg", het=True),
    Soort("vergadering", "vergaderingen", "Vergadering"),
    Soort("project", "projecten", "Project", het=True),
    # The regional budget of a year: data/begrotingen/2027.yaml.
    Soort("begroting", "begrotingen", "Begroting"),
    Soort("actie", "acties", "Actie"),
    Soort("agendavoorstel", "agendavoorstellen", "Agendavoorstel", het=True),
    # The newsletter's recipients, each with their consent: never published.
    Soort("abonnee", "verzendlijst", "Abonnee"),
    # The school holidays of the region, one school year a file (agenda plan).
    Soort("schooljaar", "schoolvakanties", "Schooljaar", het=True),
)

#: A newsletter: ``data/nieuwsbrieven/<id>.md``, Markdown with a small YAML header
#: (``records/nieuwsbrief.py``). Validated like a record, but no model of its own.
NIEUWSBRIEF = Soort("nieuwsbrief", "nieuwsbrieven", "", extensie=".md")
#: The kinds of file in ``data/`` that are no YAML record.
DOCUMENTSOORTEN: tuple[Soort, ...] = (NIEUWSBRIEF,)

SOORT_PER_MAP: dict[str, Soort] = {s.map: s for s in SOORTEN}
SOORT_PER_NAAM: dict[str, Soort] = {s.naam: s for s in SOORTEN}
#: By the name of the model: the checks across records ask for a kind by its model.
SOORT_PER_KLASSE: dict[str, Soort] = {s.klasse: s for s in SOORTEN}
#: Every folder the data folder may have, records and documents.
MAPPEN: dict[str, Soort] = {s.map: s for s in (*SOORTEN, *DOCUMENTSOORTEN)}
