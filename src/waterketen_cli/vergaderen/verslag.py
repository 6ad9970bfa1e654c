"""The finished minutes (verslag) and the besluitenlijst of a meeting, from the stored
record after ``notulen verwerk``; and the action list with its stand van zaken.

Both say "concept" until the next meeting adopts them (``vastgesteld`` on the record),
then when and how they were adopted. The public versions are made from the public view
(``waterketen_cli.publiek``) like every public document: besloten punten without
subject or report, no confidential decision, no action list (actions are internal).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from waterketen_cli import dutch
from waterketen_cli.models.records import Actie, Besluit, Overleg, Vergadering
from waterketen_cli.models.types import Actiestatus, Uitkomst, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar
from waterketen_cli.vergaderen.documenten import bestuurders, members


@dataclass(frozen=True)
class Actieregel:
    """An action with its stand van zaken, as a minutes' action list shows it."""

    actie: Actie
    actiehouder: str
    stand: str  # "open", "verlopen sinds 15 mei 2026", "afgerond op 2 december 2026", …
    verlopen: bool


@dataclass(frozen=True)
class Verslagpunt:
    nummer: int
    titel: str
    besloten: bool
    afhandeling: str
    verslag: Any  # Markdown of the safe subset (markdown_subset), or None
    besluiten: list[Besluit]
    acties: list[Actieregel]


def status(gegevens: Gegevens, vergadering: Vergadering) -> str:
    """'Concept' or 'Vastgesteld op … in de vergadering van … (conform)'."""
    vastgesteld = vergadering.vastgesteld
    if vastgesteld is None:
        if vergadering.status == Vergaderstatus.VERSLAG_VASTGESTELD:
            return "Vastgesteld"  # recorded by hand, without when
        return "Concept: nog niet vastgesteld"
    door = gegevens.get(Vergadering, vastgesteld.vergadering)
    hoe = "met wijzigingen" if vastgesteld.met_wijzigingen else "conform"
    if door is not None and door.datum == vastgesteld.op:
        return f"Vastgesteld in de vergadering van {dutch.datum(door.datum)} ({hoe})"
    waar = f" in de vergadering van {dutch.datum(door.datum)}" if door is not None else ""
    return f"Vastgesteld op {dutch.datum(vastgesteld.op)}{waar} ({hoe})"


def stand(actie: Actie, vandaag: dt.date) -> tuple[str, bool]:
    """The stand van zaken of an action in words, and whether it is overdue."""
    if actie.status == Actiestatus.AFGEROND:
        op = f" op {dutch.datum(actie.afgerond_op)}" if actie.afgerond_op else ""
        woorden = f"afgerond{op}"
        verlopen = False
    elif actie.status == Actiestatus.VERVALLEN:
        woorden, verlopen = "vervallen", False
    elif actie.deadline < vandaag:
        woorden, verlopen = f"open, verlopen sinds {dutch.datum(actie.deadline)}", True
    else:
        woorden, verlopen = "open", False
    if actie.toelichting:
        woorden += f"; {' '.join(actie.toelichting.split())}"
    return woorden, verlopen


def actielijst(gegevens: Gegevens, vergadering: Vergadering, vandaag: dt.date) -> list[Actieregel]:
    """The body's actions as at the meeting: those agreed in it, and those of earlier
    meetings that were still open then or were closed at it; by deadline."""
    eerder = {
        v.id
        for v in gegevens.of(Vergadering)
        if v.overleg == vergadering.overleg and v.datum <= vergadering.datum
    }
    regels = []
    for actie in gegevens.of(Actie):
        if actie.vergadering not in eerder:
            continue
        hier = actie.vergadering == vergadering.id
        sinds = actie.afgerond_op is not None and actie.afgerond_op >= vergadering.datum
        if not (hier or actie.status == Actiestatus.OPEN or sinds):
            continue  # closed before the meeting (or dropped: no date, so not shown)
        woorden, verlopen = stand(actie, vandaag)
        regels.append(
            Actieregel(actie, openbaar.persoon(gegevens, actie.actiehouder), woorden, verlopen)
        )
    return sorted(regels, key=lambda r: (r.actie.deadline, r.actie.id))


def verslag_context(
    gegevens: Gegevens, vergadering: Vergadering, vandaag: dt.date
) -> dict[str, Any]:
    """Everything ``verslag.md.j2`` shows; the template only lays out."""
    from waterketen_cli.markdown_subset import subset

    overleg = gegevens.get(Overleg, vergadering.overleg)
    if overleg is None:
        raise KeyError(vergadering.overleg)
    ambt = bestuurders(overleg)
    leden = {lid.persoon for lid in overleg.leden}
    gasten = {lid.persoon for lid in overleg.agendaleden if lid.persoon}
    acties = actielijst(gegevens, vergadering, vandaag)
    punten = []
    for g in openbaar.items(vergadering):
        punt = g.punt
        punten.append(
            Verslagpunt(
                g.nummer,
                punt.titel,
                punt.vertrouwelijk,
                punt.afhandeling.value if punt.afhandeling else "",
                subset(punt.verslag, kopniveau=4) if punt.verslag else None,
                [b for b in vergadering.besluiten if b.agendapunt == g.nummer],
                [
                    r
                    for r in acties
                    if r.actie.vergadering == vergadering.id and r.actie.agendapunt == g.nummer
                ],
            )
        )

    def namen(ids: list[str]) -> list[str]:
        return [openbaar.persoon(gegevens, p, ambt=ambt) for p in ids]

    return {
        "overleg": overleg,
        "vergadering": vergadering,
        "publiek": gegevens.publiek,
        "status": status(gegevens, vergadering),
        "gehouden": vergadering.status
        in (Vergaderstatus.GEHOUDEN, Vergaderstatus.VERSLAG_VASTGESTELD),
        "voorzitter": openbaar.persoon(gegevens, overleg.voorzitter, ambt=ambt),
        "secretaris": openbaar.persoon(gegevens, overleg.secretaris),
        "aanwezig": namen([p for p in vergadering.aanwezig if p not in gasten]),
        "agendaleden": namen([p for p in vergadering.aanwezig if p in gasten and p not in leden]),
        "afgemeld": namen(vergadering.afgemeld),
        "afwezig": namen(
            [
                lid.persoon
                for lid in overleg.leden
                if lid.persoon not in {*vergadering.aanwezig, *vergadering.afgemeld}
            ]
        ),
        "leden": members(gegevens, overleg),
        "punten": punten,
        "acties": acties,
        "uitkomst_aangenomen": Uitkomst.AANGENOMEN,
    }


def besluitenlijst_context(gegevens: Gegevens, vergadering: Vergadering) -> dict[str, Any]:
    """Everything ``besluitenlijst.md.j2`` shows."""
    overleg = gegevens.get(Overleg, vergadering.overleg)
    if overleg is None:
        raise KeyError(vergadering.overleg)
    titels = {g.nummer: g.punt.titel for g in openbaar.items(vergadering)}
    return {
        "overleg": overleg,
        "vergadering": vergadering,
        "publiek": gegevens.publiek,
        "status": status(gegevens, vergadering),
        "besluiten": [(b, titels.get(b.agendapunt, "")) for b in vergadering.besluiten],
        "uitkomst_aangenomen": Uitkomst.AANGENOMEN,
    }
