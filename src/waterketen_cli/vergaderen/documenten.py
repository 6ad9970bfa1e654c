"""What the meeting documents show: the context handed to the templates.

The templates only lay out; every choice about what appears (and what may be
published) is made here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waterketen_cli import dutch
from waterketen_cli.models.records import (
    Actie,
    Agendapunt,
    Organisatie,
    Overleg,
    Persoon,
    Stuk,
    Vergadering,
)
from waterketen_cli.models.types import Actiestatus, Overlegsoort, Rol
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar
from waterketen_cli.vergaderen.agenda import Tijdvak, time_slots

_ROL = {
    Rol.CLUSTERCOORDINATOR: "clustercoördinator",
    Rol.WATERREGISSEUR: "waterregisseur",
    Rol.COMMUNICATIEADVISEUR: "communicatieadviseur",
    Rol.NOTULIST: "notulist",
    Rol.BESTUURDER: "bestuurder",
    Rol.VOORZITTER_CCO: "voorzitter clustercoördinatorenoverleg",
    Rol.MANAGER: "manager",
    Rol.ADVISEUR: "adviseur",
    Rol.LID: "lid",
}


@dataclass(frozen=True)
class Punt:
    nummer: int
    punt: Agendapunt
    tijd: Tijdvak | None  # None: the public agenda shows no times (items left out)
    presentator: str
    stukken: list[Stuk]
    agendaleden: list[str]
    geheim_tot: str = ""  # "1 maart 2027", "besluit B-…": when a confidentiality ends


def einde(tot: dt.date | str | None) -> str:
    """When a confidentiality ends, in words."""
    if tot is None:
        return ""
    return dutch.datum(tot) if isinstance(tot, dt.date) else f"besluit {tot}"


@dataclass(frozen=True)
class Deelnemer:
    naam: str
    rol: str
    persoon: str  # id, for the minutes skeleton


@dataclass(frozen=True)
class Agendalid:
    naam: str
    punten: list[int]
    voor: list[str]


def _org(gegevens: Gegevens, org_id: str) -> str:
    org = gegevens.get(Organisatie, org_id)
    return org.naam if org else org_id


def agenda_items(gegevens: Gegevens, vergadering: Vergadering, *, ambt: bool = False) -> list[Punt]:
    """The items with their time slots; none when the public view left items out (a
    gap in the times would betray that an item is missing)."""
    slots = dict(zip(map(id, vergadering.agenda), time_slots(vergadering), strict=True))
    tijden = not gegevens.besloten_weglaten
    return [
        Punt(
            g.nummer,
            g.punt,
            slots[id(g.punt)] if tijden else None,
            openbaar.persoon(gegevens, g.punt.presentator, ambt=ambt),
            list(g.punt.stukken),
            [_org(gegevens, o) for o in g.punt.agendaleden],
            einde(g.punt.vertrouwelijk_tot),
        )
        for g in openbaar.items(vergadering)
    ]


def bestuurders(overleg: Overleg) -> bool:
    """A body of bestuurders: its documents name people by their office."""
    return overleg.soort == Overlegsoort.STUURGROEP


def members(gegevens: Gegevens, overleg: Overleg) -> list[Deelnemer]:
    out = []
    for lid in overleg.leden:
        rol = _ROL[lid.rol]
        if lid.persoon == overleg.voorzitter:
            rol = f"voorzitter, {rol}"
        elif lid.persoon == overleg.secretaris:
            rol = f"secretaris, {rol}"
        out.append(
            Deelnemer(
                openbaar.persoon(gegevens, lid.persoon, ambt=bestuurders(overleg)), rol, lid.persoon
            )
        )
    return out


def guests(gegevens: Gegevens, overleg: Overleg, punten: list[Punt]) -> list[Agendalid]:
    """The agendaleden and the items they join for."""
    out = []
    for lid in overleg.agendaleden:
        naam = _org(gegevens, lid.organisatie)
        joined = [p.nummer for p in punten if naam in p.agendaleden]
        out.append(Agendalid(naam, joined, list(lid.voor)))
    return out


def open_actions(
    gegevens: Gegevens, overleg: Overleg, vergadering: Vergadering
) -> list[dict[str, Any]]:
    """Open actions from earlier meetings of this body, by deadline."""
    meetings = {v.id: v for v in gegevens.of(Vergadering) if v.overleg == overleg.id}
    rows = []
    for actie in gegevens.of(Actie):
        bron = meetings.get(actie.vergadering or "")
        if actie.status != Actiestatus.OPEN or bron is None or bron.datum >= vergadering.datum:
            continue
        persoon = gegevens.get(Persoon, actie.actiehouder)
        rows.append(
            {
                "actie": actie,
                "actiehouder": persoon.naam if persoon else actie.actiehouder,
                "herkomst": bron,
            }
        )
    return sorted(rows, key=lambda r: (r["actie"].deadline, r["actie"].id))


def agenda_context(gegevens: Gegevens, vergadering: Vergadering) -> dict[str, Any]:
    """The agenda of a meeting, from the data given: the public agenda is made from the
    public view (``waterketen_cli.publiek``), which holds nothing a public reader may
    not see; ``publiek`` in the context only chooses the wording."""
    overleg = gegevens.get(Overleg, vergadering.overleg)
    if overleg is None:
        raise KeyError(vergadering.overleg)
    ambt = bestuurders(overleg)
    punten = agenda_items(gegevens, vergadering, ambt=ambt)
    return {
        "overleg": overleg,
        "vergadering": vergadering,
        "publiek": gegevens.publiek,
        "tijden": not gegevens.besloten_weglaten,
        "punten": punten,
        "leden": members(gegevens, overleg),
        "agendaleden": guests(gegevens, overleg, punten),
        "voorzitter": openbaar.persoon(gegevens, overleg.voorzitter, ambt=ambt),
        "secretaris": openbaar.persoon(gegevens, overleg.secretaris),
        "acties": open_actions(gegevens, overleg, vergadering),
    }


def agenda_document(
    folder: Path, gegevens: Gegevens, vergadering: Vergadering, *, vandaag: dt.date
) -> str:
    """The agenda as Markdown; with the activity overview as the annex of its standing
    item, marking what changed since the body's previous meeting."""
    from waterketen_cli import render
    from waterketen_cli.analyse import overzicht
    from waterketen_cli.models.types import VastPunt
    from waterketen_cli.vergaderen.agenda import previous_meeting

    context = agenda_context(gegevens, vergadering)
    text = render.render(folder.parent, "agenda.md.j2", **context)
    if not any(p.soort == VastPunt.ACTIVITEITENOVERZICHT for p in vergadering.agenda):
        return text
    vorige = previous_meeting(gegevens, vergadering.overleg, vergadering.datum)
    result = overzicht.met_wijzigingen(folder, gegevens, vandaag, vorige.datum if vorige else None)
    annex = overzicht.document_context(
        gegevens, result, niveau=2, titel="Bijlage: activiteitenoverzicht clusters"
    )
    return text + "\n" + render.render(folder.parent, "overzicht.md.j2", **annex)
