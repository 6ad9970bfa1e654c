"""The CCO's two tasks for the stuurgroep (the source document): drawing up the
stuurgroep's concept agenda, and preparing and carrying out its decisions.

- :func:`volgende_stuurgroep`: the stuurgroep meeting that falls before the CCO's next
  meeting, whose concept agenda the CCO meeting being prepared must settle;
- :func:`uitvoering`: every stuurgroep decision with the actions that follow it up and
  their state (the report "uitvoering stuurgroepbesluiten", an annex to the CCO agenda).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from waterketen_cli import dutch
from waterketen_cli.models.records import (
    Actie,
    Agendapunt,
    Besluit,
    Overleg,
    Project,
    Stuk,
    Vergadering,
    Voorstel,
)
from waterketen_cli.models.types import (
    Actiestatus,
    Behandelvorm,
    Overlegsoort,
    Projectstatus,
    Uitkomst,
    Vergaderstatus,
)
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar
from waterketen_cli.vergaderen.verslag import Actieregel, stand

#: Without a next CCO meeting in the data, a stuurgroep meeting this close counts.
VOORUIT = dt.timedelta(weeks=10)


def stuurgroepen(gegevens: Gegevens) -> set[str]:
    return {o.id for o in gegevens.of(Overleg) if o.soort == Overlegsoort.STUURGROEP}


def volgende_stuurgroep(gegevens: Gegevens, cco: Overleg, datum: dt.date) -> Vergadering | None:
    """The first planned stuurgroep meeting after ``datum`` and before the CCO's next
    meeting (or within ten weeks, when none is planned yet)."""
    # Only meetings after ``datum`` (an ISO date compares as its text) are made.
    na = datum.isoformat()
    komend = gegevens.of(Vergadering, mogelijk=lambda d: str(d.get("datum")) > na)
    volgende_cco = min(
        (
            v.datum
            for v in komend
            if v.overleg == cco.id and v.datum > datum and v.status != Vergaderstatus.GEANNULEERD
        ),
        default=datum + VOORUIT,
    )
    ids = stuurgroepen(gegevens)
    kandidaten = [
        v
        for v in komend
        if v.overleg in ids
        and datum < v.datum <= volgende_cco
        and v.status in (Vergaderstatus.CONCEPT, Vergaderstatus.UITGENODIGD)
    ]
    return min(kandidaten, key=lambda v: v.datum, default=None)


def concept_agenda_punt(cco: Overleg, stuurgroep: Vergadering) -> Agendapunt:
    """The CCO's item that settles the stuurgroep's concept agenda, with the draft as
    its stuk (``waterketen agenda render`` of that meeting)."""
    datum = dutch.datum(stuurgroep.datum)
    return Agendapunt(
        titel=f"Concept-agenda stuurgroep {datum}",
        behandelvorm=Behandelvorm.BESLUITVORMING,
        presentator=cco.secretaris,
        duur=10,
        stukken=[
            Stuk(
                titel=f"Concept-agenda stuurgroep {datum} "
                + f"(waterketen agenda render {stuurgroep.id})"
            )
        ],
        voorstel=Voorstel(
            beslispunten=[f"Het CCO stelt de concept-agenda voor de stuurgroep van {datum} vast."]
        ),
    )


#: A decision about a project without actions of its own is carried out by the
#: project: it is done once the project has started.
PROJECTSTAND = {
    Projectstatus.IDEE: ("project nog een idee", True),
    Projectstatus.VOORSTEL: ("project nog een voorstel", True),
    Projectstatus.GOEDGEKEURD: ("project nog niet gestart", True),
    Projectstatus.LOPEND: ("project loopt", False),
    Projectstatus.AFGEROND: ("project afgerond", False),
    Projectstatus.GESTOPT: ("project gestopt", False),
}


@dataclass(frozen=True)
class Uitvoeringsregel:
    """A stuurgroep decision and its follow-up: the actions agreed on its agenda item
    or, for a decision about a project without actions, the project."""

    besluit: Besluit
    vergadering: Vergadering
    acties: list[Actieregel]
    project: Project | None

    @property
    def open(self) -> list[Actieregel]:
        return [r for r in self.acties if r.actie.status == Actiestatus.OPEN]

    @property
    def lopend(self) -> bool:
        """Still being carried out: an open action, or a project not yet started."""
        if self.acties:
            return bool(self.open)
        return self.project is not None and PROJECTSTAND[self.project.status][1]

    @property
    def uitgevoerd_op(self) -> dt.date | None:
        """When the last action was finished, if all are closed (None otherwise)."""
        if self.open or not self.acties:
            return None
        return max((r.actie.afgerond_op for r in self.acties if r.actie.afgerond_op), default=None)

    @property
    def status(self) -> str:
        """In words: how many actions are open, how the project stands, or that nothing
        was agreed to carry the decision out."""
        if self.open:
            tekst = f"{dutch.aantal(len(self.open), 'actie', 'acties')} open"
            verlopen = sum(1 for r in self.open if r.verlopen)
            return tekst + (f", waarvan {verlopen} verlopen" if verlopen else "")
        if self.acties:
            return "uitgevoerd"
        if self.project is not None:
            woorden, lopend = PROJECTSTAND[self.project.status]
            return woorden if lopend else f"uitgevoerd: {woorden}"
        return "geen acties vastgelegd"


def uitvoering(gegevens: Gegevens, vandaag: dt.date) -> list[Uitvoeringsregel]:
    """Every decision the stuurgroep took (oldest first; a rejected beslispunt has
    nothing to carry out) with the actions agreed on its agenda item, and their state."""
    ids = stuurgroepen(gegevens)
    per_punt: dict[tuple[str, int], list[Actie]] = {}
    for actie in gegevens.of(Actie):
        if actie.vergadering and actie.agendapunt:
            per_punt.setdefault((actie.vergadering, actie.agendapunt), []).append(actie)
    regels = []
    for vergadering in sorted(
        (v for v in gegevens.of(Vergadering) if v.overleg in ids), key=lambda v: v.datum
    ):
        for besluit in vergadering.besluiten:
            if besluit.uitkomst == Uitkomst.VERWORPEN:
                continue
            acties = sorted(
                per_punt.get((vergadering.id, besluit.agendapunt), []), key=lambda a: a.id
            )
            regels.append(
                Uitvoeringsregel(
                    besluit,
                    vergadering,
                    [
                        Actieregel(a, openbaar.persoon(gegevens, a.actiehouder), *stand(a, vandaag))
                        for a in acties
                    ],
                    gegevens.get(Project, besluit.project) if besluit.project else None,
                )
            )
    return regels


def uitvoering_context(
    gegevens: Gegevens,
    vandaag: dt.date,
    *,
    sinds: dt.date | None = None,
    niveau: int = 1,
    titel: str | None = None,
) -> dict[str, object]:
    """What ``uitvoering.md.j2`` renders: every decision, in two parts. First what the
    CCO must look at: decisions still being carried out, and with ``sinds`` (the CCO's
    previous meeting, for the annex of its agenda) also those taken or finished since;
    then the rest, done or needing no follow-up."""
    alle = uitvoering(gegevens, vandaag)

    def aandacht(r: Uitvoeringsregel) -> bool:
        if r.lopend:
            return True
        if sinds is None:
            return False
        return r.vergadering.datum >= sinds or (
            r.uitgevoerd_op is not None and r.uitgevoerd_op >= sinds
        )

    return {
        "titel": titel or "Uitvoering stuurgroepbesluiten",
        "niveau": niveau,
        "vandaag": vandaag,
        "sinds": sinds,
        "aandacht": [r for r in alle if aandacht(r)],
        "overig": [r for r in alle if not aandacht(r)],
        "lopend": sum(1 for r in alle if r.lopend),
        "totaal": len(alle),
    }
