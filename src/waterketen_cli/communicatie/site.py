"""The cooperation's public website (``waterketen site``): static pages, made from the
public view of the data and nothing else (:mod:`waterketen_cli.publiek`).

The pages reuse the documents: the public agenda, besluitenlijst and verslag of each
meeting, the themabijeenkomst's programme and terugblik, each project's plan, the
monitor (with its charts as SVG, the figures in the tables beside them) and the
activity overview, each Markdown made HTML (:mod:`.html`), in the page templates of
``templates/site/`` (a data repository overrides them like any template). Around them:
the cooperation (home), lists of projects and meetings, the calendar (``.ics``), the
newsletters that were sent with their Atom feed (:mod:`.atom`), and search
(:mod:`.zoeken`: Pagefind's index, and a simple one of its own for the site opened from
disk).

Every link is relative and every folder page is linked as ``…/index.html``, so that
the site works opened from disk and from any folder of a web server (GitHub Pages,
GitLab Pages). Nothing is loaded from elsewhere: one stylesheet, the scripts for
search, images of the site itself. The same data on the same day gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from waterketen_cli import render
from waterketen_cli.communicatie.sitebouw import ICOON, KALENDER, SCRIPT, STIJL, Bouw, Site
from waterketen_cli.errors import WaterketenError
from waterketen_cli.models.records import Regio
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.records.nieuwsbrief import Nieuwsbrief, Nieuwsbriefstatus

if TYPE_CHECKING:
    from waterketen_cli.git import Mapgeschiedenis


def bouw(
    view: Gegevens,
    vandaag: dt.date,
    *,
    nieuwsbrieven: list[Nieuwsbrief],
    geschiedenis: Mapgeschiedenis | None = None,
) -> Site:
    """The website from the public view ``view`` (and only from that) on ``vandaag``;
    ``geschiedenis``: that of the meetings, for the calendar (``vergaderen/kalender``)."""
    from waterketen_cli.communicatie import inhoud, zoeken
    from waterketen_cli.vergaderen import kalender

    if not view.publiek:
        raise ValueError("de website is openbaar: maak haar uit de openbare weergave")
    regio = next(iter(view.of(Regio)), None)
    if regio is None:
        raise WaterketenError(
            "geen geldig regiorecord in data/regio/: de website begint bij de samenwerking",
            hint="voer 'waterketen validate' uit om te zien wat eraan schort",
        )
    bouw = Bouw(view, regio, vandaag, view.data_dir.parent)
    bestanden = bouw.site.bestanden
    with render.hergebruik():
        for naam in (STIJL, SCRIPT, ICOON):  # as they are: no template
            bestanden[naam] = render.bron(bouw.root, f"site/{naam}").encode("utf-8")
        bestanden[KALENDER] = kalender.ics(kalender.kalender(view, None, geschiedenis)).encode()
        bestanden.update(inhoud.stukken(view, bouw.root))
        inhoud.plan(bouw, [b for b in nieuwsbrieven if b.status == Nieuwsbriefstatus.VERZONDEN])
        for pad in sorted(bouw.te_maken):
            bestanden[pad] = bouw.te_maken[pad]()
        bestanden[zoeken.RESERVE] = zoeken.reserve_index(bestanden)
    bouw.site.bestanden = dict(sorted(bestanden.items()))
    return bouw.site
