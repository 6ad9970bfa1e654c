"""A build of the website in progress (:class:`Bouw`): the files made so far, the pages
still to make, and a page in its template with what every page has (the menu, the way
back, the links of the layout). Apart from :mod:`.site`, which runs the build, so that
the pages (:mod:`.inhoud`) can be registered with it without importing the build."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from waterketen_cli import render
from waterketen_cli.communicatie import html, paginas
from waterketen_cli.models.records import Regio
from waterketen_cli.records.dataset import Gegevens

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
