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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from waterketen_cli import render
from waterketen_cli.communicatie import html, paginas
from waterketen_cli.communicatie.nieuwsbrief import Nieuwsbrief, Nieuwsbriefstatus
from waterketen_cli.errors import WaterketenError
from waterketen_cli.models.records import Regio
from waterketen_cli.records.dataset import Gegevens

if TYPE_CHECKING:
    from waterketen_cli.git import Mapgeschiedenis

#: The menu: (section, page, label).
MENU = (
    ("home", "index.html", "Samenwerking"),
    ("projecten", "projecten/index.html", "Projecten"),
    ("vergaderingen", "vergaderingen/index.html", "Vergaderingen"),
    ("themabijeenkomsten", "themabijeenkomsten/index.html", "Themabijeenkomsten"),
    ("monitor", "monitor/index.html", "Monitor"),
    ("activiteiten", "activiteiten/index.html", "Activiteiten"),
    ("nieuws", "nieuws/index.html", "Nieuws"),
)
STIJL = "stijl.css"
SCRIPT = "zoeken.js"
ICOON = "favicon.svg"
KALENDER = "vergaderingen/vergaderingen.ics"
FEED = "nieuws/atom.xml"
ZOEKEN = "zoeken/index.html"
#: Ids the layout itself uses on every page: a heading never takes them.
LAYOUT_IDS = frozenset({"inhoud", "zoekterm", "zoekveld", "zoekresultaten", "zoekstatus"})


@dataclass
class Site:
    """The site's files: path in the site (with ``/``) to bytes."""

    bestanden: dict[str, bytes] = field(default_factory=dict)

    @property
    def paginas(self) -> int:
        return sum(1 for p in self.bestanden if p.endswith(".html"))

    @property
    def grootte(self) -> int:
        return sum(len(b) for b in self.bestanden.values())


@dataclass
class Bouw:
    """A build in progress: the view it is made from and the files made so far."""

    view: Gegevens
    regio: Regio
    vandaag: dt.date
    root: Path  # the repository: the folder that holds data/
    site: Site = field(default_factory=Site)
    #: Pages still to render, by path: made once every file of the site is known, so
    #: that a page links only what exists.
    te_maken: dict[str, Callable[[], bytes]] = field(default_factory=dict)

    def bestaat(self, pad: str) -> bool:
        return pad in self.site.bestanden or pad in self.te_maken

    def html(
        self,
        pad: str,
        markdown: str,
        *,
        verschuif: int = 0,
        onder: int = 0,
        ids: set[str],
        afbeeldingen: dict[str, html.Afbeelding] | None = None,
    ) -> Markup:
        """A document as HTML for the page ``pad``; ``onder``: the level of the page's
        heading it stands under (0: the document has the page's h1)."""
        pagina = html.Pagina(pad, self.bestaat, ids, afbeeldingen or {}, niveau=onder)
        return html.naar_html(markdown, pagina, verschuif=verschuif)

    def pagina(
        self,
        pad: str,
        sjabloon: str,
        titel: str,
        sectie: str,
        kruimels: list[paginas.Link] | None = None,
        /,
        **context: Any,
    ) -> bytes:
        """A page in its template, with what every page has: the site's name, the menu
        with the current section, the way back (``kruimels``), links from this page."""
        menu = [
            (label, paginas.naar(pad, p), "page" if p == pad else "true" if s == sectie else "")
            for s, p, label in MENU
        ]
        tekst = render.render(
            self.root,
            f"site/{sjabloon}",
            regio=self.regio,
            titel=titel,
            menu=menu,
            kruimels=[
                paginas.Link(k.tekst, paginas.naar(pad, k.href) if k.href else None)
                for k in kruimels or []
            ],
            stijl=paginas.naar(pad, STIJL),
            favicon=paginas.naar(pad, ICOON),
            home=paginas.naar(pad, "index.html"),
            zoeken=paginas.naar(pad, ZOEKEN),
            feed=paginas.naar(pad, FEED),
            kalender=paginas.naar(pad, KALENDER),
            **context,
        )
        return tekst.encode("utf-8")


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
