"""The minutes form: the skeleton the notulist fills in, for a meeting (present and
excused, agenda items with their beslispunten, open actions, the adoption of the
previous minutes) or for a themabijeenkomst (the invited, the registered guests, the
write-up). Rendered from ``notulen.md.j2`` and ``notulen-themabijeenkomst.md.j2``.

Not reading the filled-in form back (``notulenlezer``) nor checking it against the
data (``notulen``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from waterketen_cli.models.records import Overleg, Vergadering
from waterketen_cli.models.types import Afhandeling, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar, thema
from waterketen_cli.vergaderen.documenten import Deelnemer, agenda_items, members, open_actions
from waterketen_cli.vergaderen.notulenlezer import VASTSTELLINGEN


def te_vaststellen(gegevens: Gegevens, vergadering: Vergadering) -> Vergadering | None:
    """The body's previous meeting whose minutes this meeting adopts, if any: the form
    offers it, and ``notulen`` accepts the adoption of no other."""
    from waterketen_cli.vergaderen.agenda import previous_meeting

    vorige = previous_meeting(gegevens, vergadering.overleg, vergadering.datum)
    if vorige is None or vorige.status != Vergaderstatus.GEHOUDEN:
        return None
    return vorige


def skeleton(folder: Path | None, gegevens: Gegevens, vergadering: Vergadering) -> str:
    """The form to fill in: that of a themabijeenkomst (no decisions; the registered
    guests; the write-up) or of a meeting. ``folder``: the data folder, whose
    repository may hold its own templates (None: the package's only)."""
    from waterketen_cli import render

    root = folder.parent if folder is not None else None
    if thema.is_themabijeenkomst(gegevens, vergadering):
        context = thema_skeleton_context(gegevens, vergadering)
        return render.render(root, "notulen-themabijeenkomst.md.j2", **context)
    return render.render(root, "notulen.md.j2", **skeleton_context(gegevens, vergadering))


def thema_skeleton_context(gegevens: Gegevens, vergadering: Vergadering) -> dict[str, Any]:
    """Everyone invited (and anyone else already recorded as present or excused), the
    registered guests by their form id, the agenda items if any, and the write-up."""
    overleg = thema.vereist(gegevens, vergadering)
    stand = {p: "x" for p in vergadering.aanwezig} | {p: "-" for p in vergadering.afgemeld}
    genodigden = [
        Deelnemer(f"{g.naam} ({g.organisatie_naam})", g.functie, g.persoon)
        for g in thema.genodigden(gegevens, vergadering)
    ]
    bekend = {d.persoon for d in genodigden}
    genodigden += [
        Deelnemer(openbaar.persoon(gegevens, p), "niet uitgenodigd", p)
        for p in sorted(stand)
        if p not in bekend
    ]
    gasten = [
        (ident, a, {True: "x", False: " ", None: " "}[a.aanwezig])
        for ident, a in zip(thema.gast_ids(vergadering), vergadering.aanmeldingen, strict=True)
    ]
    return {
        "vergadering": vergadering,
        "titel": thema.titel(overleg, thema.thema(gegevens, vergadering, overleg)),
        "stand": stand,
        "genodigden": genodigden,
        "gasten": gasten,
        "punten": agenda_items(gegevens, vergadering),
        "terugblik": vergadering.terugblik is not None,
        "afhandeling": Afhandeling.BEHANDELD.value,
        "afhandeling_anders": [a.value for a in Afhandeling if a != Afhandeling.BEHANDELD],
    }


def skeleton_context(gegevens: Gegevens, vergadering: Vergadering) -> dict[str, Any]:
    overleg = gegevens.get(Overleg, vergadering.overleg)
    if overleg is None:
        raise KeyError(vergadering.overleg)
    gasten = [
        Deelnemer(openbaar.persoon(gegevens, lid.persoon), "agendalid", lid.persoon)
        for lid in overleg.agendaleden
        if lid.persoon is not None
    ]
    stand = {p: "x" for p in vergadering.aanwezig} | {p: "-" for p in vergadering.afgemeld}
    return {
        "overleg": overleg,
        "vergadering": vergadering,
        "stand": stand,
        "voorzitter": openbaar.persoon(gegevens, overleg.voorzitter),
        "secretaris": openbaar.persoon(gegevens, overleg.secretaris),
        "deelnemers": members(gegevens, overleg),
        "gasten": gasten,
        "punten": agenda_items(gegevens, vergadering),
        "acties": open_actions(gegevens, overleg, vergadering),
        "besluiten": vergadering.besluiten,
        "vorige": te_vaststellen(gegevens, vergadering),
        "vaststellingen": list(VASTSTELLINGEN),
        # The first is filled in; the others are shown in a comment beside it.
        "afhandeling": Afhandeling.BEHANDELD.value,
        "afhandeling_anders": [a.value for a in Afhandeling if a != Afhandeling.BEHANDELD],
    }
