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
    Vergadering,
)
from waterketen_cli.models.types import Actiestatus, Overlegsoort, Rol
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.records.stukken import InDocument, in_document
from waterketen_cli.vergaderen import openbaar


@dataclass(frozen=True)
class Tijdvak:
    begin: dt.time
    eind: dt.time


def time_slots(vergadering: Vergadering) -> list[Tijdvak]:
    """When each item starts and ends, from the start time and the durations."""
    moment = dt.datetime.combine(vergadering.datum, vergadering.begintijd)
    slots = []
    for punt in vergadering.agenda:
        end = moment + dt.timedelta(minutes=punt.duur)
        slots.append(Tijdvak(moment.time(), end.time()))
        moment = end
    return slots


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
    stukken: list[InDocument]  # each with its link (records/stukken.py)
    agendaleden: list[str]
    geheim_tot: str = ""  # "1 maart 2027", "besluit B-…": when a confidentiality ends
    advies: str = ""  # the preparing body's advice on a proposal, with its decision


def advies(gegevens: Gegevens, punt: Agendapunt) -> str:
    """'CCO, 15 december 2026, besluit B-cco-2026-12-15-2: positief advies …' from the
    cover sheet: the advice and the recorded decision that gave it."""
    aanbieding = punt.voorstel.aanbieding if punt.voorstel else None
    if aanbieding is None or (aanbieding.advies is None and aanbieding.advies_besluit is None):
        return ""
    delen = []
    nummer = aanbieding.advies_besluit
    bron, besluit = next(
        ((v, b) for v in gegevens.of(Vergadering) for b in v.besluiten if b.nummer == nummer),
        (None, None),
    )
    if bron is not None:
        overleg = gegevens.get(Overleg, bron.overleg)
        naam = overleg.naam if overleg else bron.overleg
        delen.append(f"{naam}, {dutch.datum(bron.datum)}, besluit {nummer}")
    elif nummer is not None:
        delen.append(f"besluit {nummer} (niet gevonden)")
    # The advice in words; without them, the decision that gave it says what it was.
    tekst = aanbieding.advies or (besluit.tekst if besluit else None)
    if tekst:
        delen.append(" ".join(tekst.split()))
    return ": ".join(delen)


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


def agenda_items(
    gegevens: Gegevens,
    vergadering: Vergadering,
    *,
    ambt: bool = False,
    doelmap: Path | None = None,
    koppelen: bool = True,
) -> list[Punt]:
    """The items with their time slots; none when the public view left items out (a
    gap in the times would betray that an item is missing). Stukken link relatively
    from ``doelmap``, the folder the document goes to, or from the repository root
    (``records/stukken.py``); without ``koppelen``, by title only."""
    root = gegevens.data_dir.parent
    slots = dict(zip(map(id, vergadering.agenda), time_slots(vergadering), strict=True))
    tijden = not gegevens.besloten_weglaten
    return [
        Punt(
            g.nummer,
            g.punt,
            slots[id(g.punt)] if tijden else None,
            openbaar.persoon(gegevens, g.punt.presentator, ambt=ambt),
            in_document(g.punt.stukken, root=root, doelmap=doelmap, koppelen=koppelen),
            [_org(gegevens, o) for o in g.punt.agendaleden],
            einde(g.punt.vertrouwelijk_tot),
            advies(gegevens, g.punt),
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
    """Open actions from earlier meetings of this body, by deadline; for the CCO also
    those of the stuurgroep, whose decisions the CCO carries out."""
    bodies = {overleg.id}
    if overleg.soort == Overlegsoort.CLUSTERCOORDINATORENOVERLEG:
        bodies |= {o.id for o in gegevens.of(Overleg) if o.soort == Overlegsoort.STUURGROEP}
    meetings = {v.id: v for v in gegevens.of(Vergadering) if v.overleg in bodies}
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


def agenda_context(
    gegevens: Gegevens,
    vergadering: Vergadering,
    *,
    doelmap: Path | None = None,
    koppelen: bool = True,
) -> dict[str, Any]:
    """The agenda of a meeting, from the data given: the public agenda is made from the
    public view (``waterketen_cli.publiek``), which holds nothing a public reader may
    not see; ``publiek`` in the context only chooses the wording. ``doelmap`` and
    ``koppelen``: how stukken are linked (:func:`agenda_items`)."""
    overleg = gegevens.get(Overleg, vergadering.overleg)
    if overleg is None:
        raise KeyError(vergadering.overleg)
    ambt = bestuurders(overleg)
    punten = agenda_items(gegevens, vergadering, ambt=ambt, doelmap=doelmap, koppelen=koppelen)
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
