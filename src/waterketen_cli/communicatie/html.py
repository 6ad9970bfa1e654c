"""The documents' Markdown as HTML for the website.

Every document the tool makes is Markdown (``render`` escapes the data in it for
Markdown). The website shows the same documents: markdown-it reads them as CommonMark
with tables, with raw HTML off, so that nothing in the data becomes HTML of its own,
and writes HTML with what a public page needs:

- headings moved down by ``verschuif`` (a page with several documents has one ``h1``),
  none more than one level below the heading before it, each with an ``id`` (its
  words, as the forges make them), unique on the page;
- tables with ``scope`` on their column headers, in a region that scrolls on a phone
  (keyboard-focusable, named after the heading above it);
- links: to another site as they are; within the site only when the target is part
  of the site (a stuk that was not found keeps its title, never a dead link); to
  anything else only the text;
- images only from the site itself (``afbeeldingen``: the name in the Markdown to the
  file and its description), as a figure with its caption; any other image leaves
  its description as text: a public page loads nothing from elsewhere.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from collections.abc import Callable, Mapping, MutableSet, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: Schemes a link to another site may have.
EXTERN = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True)
class Afbeelding:
    """An image of the site: its file (relative to the page) and what it shows."""

    src: str
    alt: str


@dataclass
class Pagina:
    """The page a document goes on: where it stands in the site, which files the site
    has (to link only what exists), the ids already used, and its images."""

    pad: str  # "vergaderingen/cco-2026-12-15/index.html"
    bestaat: Callable[[str], bool]
    ids: MutableSet[str]
    afbeeldingen: Mapping[str, Afbeelding]
    #: The level of the last heading on the page so far (0: none; 1 after the page's
    #: own h1): a heading is never more than one level below it.
    niveau: int = 0


def naar_html(markdown: str, pagina: Pagina, *, verschuif: int = 0) -> Markup:
    """``markdown`` as HTML for ``pagina`` (see the module docstring)."""
    md = _parser()
    tokens = md.parse(markdown)
    _koppen(tokens, pagina, verschuif)
    _tabellen(tokens)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _inline(token.children, pagina)
    _figuren(tokens)
    html = md.renderer.render(tokens, md.options, {"pagina": pagina})
    return Markup(html)


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    md.add_render_rule("image", _image)
    md.add_render_rule("figure_open", _figure_open)
    md.add_render_rule("figure_close", _figure_close)
    return md


# --- headings -----------------------------------------------------------------------------


def anker(tekst: str, ids: MutableSet[str]) -> str:
    """The id of a heading: its words in lower case joined by hyphens (as GitHub and
    GitLab make them, so that ``[Signalen](#signalen)`` in a document works), unique
    on the page (``-1``, ``-2`` after a repeat)."""
    woorden = unicodedata.normalize("NFC", tekst).casefold()
    basis = re.sub(r"[^\w\- ]", "", woorden).strip().replace(" ", "-") or "kop"
    kandidaat, n = basis, 0
    while kandidaat in ids:
        n += 1
        kandidaat = f"{basis}-{n}"
    ids.add(kandidaat)
    return kandidaat


def _koppen(tokens: Sequence[Token], pagina: Pagina, verschuif: int) -> None:
    """Each heading ``verschuif`` levels down, and never more than one level below the
    one before it (a document may go from ``##`` to ``####``; a page may not skip)."""
    niveau = pagina.niveau
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            niveau = min(int(token.tag[1:]) + verschuif, 6, niveau + 1)
            token.attrSet("id", anker(_tekst(tokens[i + 1]), pagina.ids))
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{niveau}"
    pagina.niveau = niveau


def _tekst(token: Token) -> str:
    """The plain text of an inline token."""
    return "".join(
        c.content for c in token.children or [] if c.type in ("text", "code_inline", "image")
    )


# --- tables ---------------------------------------------------------------------------------


def _tabellen(tokens: Sequence[Token]) -> None:
    kop = ""
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            kop = _tekst(tokens[i + 1])
        elif token.type == "table_open":
            token.meta["naam"] = f"Tabel: {kop}" if kop else "Tabel"
        if token.type == "th_open":
            token.attrSet("scope", "col")
        if token.type in ("th_open", "td_open"):
            # The alignment as a class of the one stylesheet: no style in the page.
            uitlijning = str(token.attrGet("style") or "").removeprefix("text-align:")
            if uitlijning in ("left", "center", "right"):
                token.attrs.pop("style", None)
                token.attrSet("class", uitlijning)


def _table_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    from markdown_it.common.utils import escapeHtml

    naam = escapeHtml(str(tokens[idx].meta.get("naam", "Tabel")))
    # A wide table scrolls on its own on a phone; a keyboard must reach it too.
    return f'<div class="tabel" role="region" tabindex="0" aria-label="{naam}">\n<table>\n'


def _table_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return "</table>\n</div>\n"


# --- links and images ------------------------------------------------------------------------


def doel(href: str, pagina: Pagina) -> str | None:
    """A link as the page may have it: another site's address as it is, a file of the
    site (relative to the page) only if the site has it, else None."""
    deel = urlsplit(href)
    if deel.scheme:
        return href if deel.scheme.lower() in EXTERN and (deel.netloc or deel.path) else None
    if href.startswith("#"):
        return href
    if deel.netloc or href.startswith("/"):
        return None  # another host without a scheme, or the root of an unknown server
    pad = posixpath.normpath(posixpath.join(posixpath.dirname(pagina.pad), unquote(deel.path)))
    if pad.startswith("../") or pad == ".." or not pagina.bestaat(pad):
        return None
    return href


def _inline(children: list[Token], pagina: Pagina) -> list[Token]:
    """Links to nowhere lose their link (their text stays); images not of the site
    become their description."""
    from markdown_it.token import Token

    out: list[Token] = []
    weg = False
    for child in children:
        if child.type == "link_open":
            href = doel(str(child.attrGet("href") or ""), pagina)
            weg = href is None
            if weg:
                continue
        elif child.type == "link_close" and weg:
            weg = False
            continue
        elif child.type == "image":
            src = str(child.attrGet("src") or "")
            beeld = pagina.afbeeldingen.get(src)
            if beeld is None:
                tekst = Token("text", "", 0)
                tekst.content = _tekst(child) or child.content
                out.append(tekst)
                continue
            child.attrSet("src", beeld.src)
            child.meta["alt"] = beeld.alt
        out.append(child)
    return out


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    from markdown_it.common.utils import escapeHtml

    token = tokens[idx]
    src = escapeHtml(str(token.attrGet("src") or ""))
    alt = escapeHtml(str(token.meta.get("alt", "")))
    return f'<img src="{src}" alt="{alt}">'


def _figuren(tokens: list[Token]) -> None:
    """A paragraph that is one image of the site becomes a figure, its Markdown
    description the caption."""
    for i in range(len(tokens) - 2):
        eerst, midden, laatst = tokens[i], tokens[i + 1], tokens[i + 2]
        kinderen = midden.children or []
        if (
            eerst.type == "paragraph_open"
            and laatst.type == "paragraph_close"
            and len(kinderen) == 1
            and kinderen[0].type == "image"
        ):
            eerst.type, laatst.type = "figure_open", "figure_close"
            eerst.meta["onderschrift"] = _tekst(kinderen[0]) or kinderen[0].content


def _figure_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return '<figure class="grafiek">\n'


def _figure_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    from markdown_it.common.utils import escapeHtml

    # The caption belongs to the figure_open of this pair: look back for it.
    for token in reversed(tokens[:idx]):
        if token.type == "figure_open":
            onderschrift = escapeHtml(str(token.meta.get("onderschrift", "")))
            return f"\n<figcaption>{onderschrift}</figcaption>\n</figure>\n"
    return "\n</figure>\n"
