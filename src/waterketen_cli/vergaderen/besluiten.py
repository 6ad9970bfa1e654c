"""The decision register (``waterketen besluiten``): every decision of every meeting,
newest first, filtered by text, body, year or project: the rows, their summary line
and the JSON (the table and the workbook are laid out elsewhere).

Not the numbering of new decisions (processing the minutes does that, see
``vergaderen.notulen``) and not the decision list of one meeting (``vergaderen.verslag``).

Pure functions of the records: the command in ``cli.acties`` loads the data and
renders what these functions return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from waterketen_cli import dutch
from waterketen_cli.models.records import Besluit, Overleg, Project, Vergadering
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen.acties import bekend

#: The kinds of record the register reads.
BESLUIT_SOORTEN = ("vergadering", "overleg", "project")


@dataclass(frozen=True)
class BesluitFilter:
    zoek: str | None = None
    overleg: str | None = None
    jaar: int | None = None
    project: str | None = None
    openbaar: bool = False


@dataclass(frozen=True)
class Besluitregel:
    """A decision with the meeting it was taken in."""

    besluit: Besluit
    vergadering: Vergadering
    agendapunt: int | None  # the item's number as the list shows it (public: renumbered)
    titel: str  # the agenda item's title; empty when the item does not exist


def besluiten(gegevens: Gegevens, selectie: BesluitFilter) -> list[Besluitregel]:
    """Every decision of every meeting in the data given that passes the filter, newest
    first. The public list is made from the public view (``waterketen_cli.publiek``),
    which holds no confidential decision and numbers the items as the public agenda."""
    bekend(gegevens, Overleg, selectie.overleg, "--overleg")
    bekend(gegevens, Project, selectie.project, "--project")
    zoek = selectie.zoek.casefold() if selectie.zoek else None
    regels = []
    for vergadering in gegevens.of(Vergadering):
        if selectie.overleg and vergadering.overleg != selectie.overleg:
            continue
        if selectie.jaar and vergadering.datum.year != selectie.jaar:
            continue
        for besluit in vergadering.besluiten:
            punt = (
                vergadering.agenda[besluit.agendapunt - 1]
                if besluit.agendapunt <= len(vergadering.agenda)
                else None
            )
            if selectie.project and besluit.project != selectie.project:
                continue
            titel = punt.titel if punt is not None else ""
            if zoek and zoek not in besluit.tekst.casefold() and zoek not in titel.casefold():
                continue
            nummer = besluit.agendapunt if punt is not None else None
            regels.append(Besluitregel(besluit, vergadering, nummer, titel))
    regels.sort(key=lambda r: (r.vergadering.datum, r.besluit.nummer), reverse=True)
    return regels


def besluit_samenvatting(regels: Sequence[Besluitregel], selectie: BesluitFilter) -> str:
    """'39 besluiten.'; the public list says what it leaves out, whether or not any
    decision was left out, so that the line betrays nothing."""
    aantal = dutch.aantal(len(regels), "besluit", "besluiten")
    if selectie.openbaar:
        return (
            f"{aantal}; besluiten over vertrouwelijke agendapunten en vertrouwelijke "
            "besluiten zijn weggelaten."
        )
    return f"{aantal}."


def besluit_json(regels: Sequence[Besluitregel], selectie: BesluitFilter) -> dict[str, Any]:
    return {
        "openbaar": selectie.openbaar,
        "aantal": len(regels),
        "besluiten": [
            {
                "nummer": r.besluit.nummer,
                "datum": r.vergadering.datum.isoformat(),
                "overleg": r.vergadering.overleg,
                "vergadering": r.vergadering.id,
                "agendapunt": r.agendapunt,
                "agendapunt_titel": r.titel or None,
                "tekst": r.besluit.tekst,
                "project": r.besluit.project,
            }
            for r in regels
        ],
    }
