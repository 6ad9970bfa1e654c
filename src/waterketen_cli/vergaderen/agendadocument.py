"""The agenda as a document: the agenda of :mod:`.documenten` with its annexes, the
activity overview (:mod:`waterketen_cli.analyse.overzicht`) and, for the CCO, the
follow-up of the stuurgroep's decisions. Apart from ``documenten`` because the overview
itself uses the meetings' modules: the document is made above both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from waterketen_cli.models.records import Overleg, Vergadering
from waterketen_cli.models.types import Overlegsoort
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen.documenten import agenda_context


def agenda_document(
    folder: Path,
    gegevens: Gegevens,
    vergadering: Vergadering,
    *,
    vandaag: dt.date,
    doelmap: Path | None = None,
    koppelen: bool = True,
) -> str:
    """The agenda as Markdown; with the activity overview as the annex of its standing
    item, marking what changed since the body's previous meeting. ``doelmap`` and
    ``koppelen``: how stukken are linked (:func:`agenda_items`)."""
    from waterketen_cli import render
    from waterketen_cli.analyse import overzicht
    from waterketen_cli.models.types import VastPunt
    from waterketen_cli.vergaderen import stuurgroep, thema
    from waterketen_cli.vergaderen.agenda import previous_meeting

    if thema.is_themabijeenkomst(gegevens, vergadering):  # theme, programme, registering
        return thema.document(folder, gegevens, vergadering, doelmap=doelmap, koppelen=koppelen)
    context = agenda_context(gegevens, vergadering, doelmap=doelmap, koppelen=koppelen)
    text = render.render(folder.parent, "agenda.md.j2", **context)
    if any(p.soort == VastPunt.ACTIVITEITENOVERZICHT for p in vergadering.agenda):
        vorige = previous_meeting(gegevens, vergadering.overleg, vergadering.datum)
        result = overzicht.met_wijzigingen(
            folder, gegevens, vandaag, vorige.datum if vorige else None
        )
        annex = overzicht.document_context(
            gegevens, result, niveau=2, titel="Bijlage: activiteitenoverzicht clusters"
        )
        text += "\n" + render.render(folder.parent, "overzicht.md.j2", **annex)
    overleg = gegevens.get(Overleg, vergadering.overleg)
    if (
        overleg is not None
        and overleg.soort == Overlegsoort.CLUSTERCOORDINATORENOVERLEG
        and not gegevens.publiek  # the follow-up of decisions is the CCO's internal work
    ):
        vorige = previous_meeting(gegevens, vergadering.overleg, vergadering.datum)
        annex = stuurgroep.uitvoering_context(
            gegevens,
            vandaag,
            sinds=vorige.datum if vorige else None,
            niveau=2,
            titel="Bijlage: uitvoering stuurgroepbesluiten",
        )
        text += "\n" + render.render(folder.parent, "uitvoering.md.j2", **annex)
    return text
