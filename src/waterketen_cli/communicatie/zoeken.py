"""Search on the website without a server of its own: Pagefind's index, made from the
pages once they are written.

Pagefind (``pip install pagefind[bin]``, a dependency of waterketen) ships its indexer
as a binary; it reads the HTML in the site folder (only the content marked
``data-pagefind-body``, the ``main`` of every page except the search page) and writes
``pagefind/``: the index in chunks, the WebAssembly that searches it and
``pagefind.js``, which the site's own ``zoeken.js`` loads. The index is the same for
the same pages. Pagefind's own search interfaces (their scripts and stylesheets) are
left out: the site has one stylesheet and its own accessible search page.

The browser fetches that index, which it does not do for a page opened from disk
(``file://``). For that case the site has a second, simple index of its own,
:func:`reserve_index`: one script (``zoekindex.js``) that sets ``window.ZOEKINDEX``, which
``zoeken.js`` loads with a plain ``<script src>`` (allowed from disk, unlike a fetch)
when the page is opened from disk or Pagefind does not load. Per page it holds the link,
the title and the words of the same content Pagefind indexes: each word once, in lower
case, in the order they first occur (no sentences: that keeps it small, a few hundred
bytes to a few kB per page). Search then finds the pages that have every word asked
for, at the start of a word, as Pagefind does.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from waterketen_cli.errors import WaterketenError

#: Where the index goes in the site.
MAP = "pagefind"
#: Pagefind's own interfaces, not used by the site.
ONGEBRUIKT = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


#: The index for search from disk, in the site's root (see the module docstring).
RESERVE = "zoekindex.js"

#: The content of a page that is indexed (by Pagefind and here): its main, when marked.
_INHOUD = re.compile(r"<main\b[^>]*\bdata-pagefind-body\b[^>]*>(.*?)</main>", re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]*>")
#: A word as zoeken.js splits the search terms: letters, digits and underscores.
_WOORD = re.compile(r"\w{2,}")


def reserve_index(bestanden: Mapping[str, bytes]) -> bytes:
    """The index for search from disk of the pages among ``bestanden`` (path in the
    site to bytes) that Pagefind indexes: ``window.ZOEKINDEX = [[link, title, words],
    ...];``, by path. The link is relative to the site's root, the words are separated
    by one space. The data is JSON in ASCII with every ``<`` escaped, so that no text
    can close a script element; the same pages give the same bytes."""
    index = []
    for pad in sorted(bestanden):
        if not pad.endswith(".html"):
            continue
        inhoud = _INHOUD.search(bestanden[pad].decode("utf-8"))
        if inhoud is None:
            continue  # the search page itself, or a page of a template without a main
        kop = _H1.search(inhoud.group(1))
        titel = _platte_tekst(kop.group(1)) if kop else pad
        woorden = dict.fromkeys(w.lower() for w in _WOORD.findall(_platte_tekst(inhoud.group(1))))
        index.append([pad, titel, " ".join(woorden)])
    data = json.dumps(index, ensure_ascii=True, separators=(",", ":")).replace("<", "\\u003c")
    return (
        "// De zoekindex voor zoeken van de schijf (file://), gemaakt door 'waterketen site':\n"
        "// per pagina [adres, titel, woorden]. Zie zoeken.js.\n"
        f"window.ZOEKINDEX = {data};\n"
    ).encode("ascii")


def _platte_tekst(fragment: str) -> str:
    """The text of an HTML fragment of the site: every tag a space (the site's HTML
    has no ``<`` or ``>`` but in its tags), the entities read, the spaces normalised."""
    tekst = html.unescape(_TAG.sub(" ", fragment))
    return " ".join(unicodedata.normalize("NFC", tekst).split())


class ZoekindexFout(WaterketenError):
    """Pagefind is not there, or could not make the index."""


def indexeer(site: Path) -> None:
    """Write the search index into ``site`` (see the module docstring)."""
    bin_ = _pagefind()
    try:
        result = subprocess.run(
            [str(bin_), "--site", str(site), "--keep-index-url", "--silent"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
            timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ZoekindexFout(
            f"de zoekindex kon niet worden gemaakt: Pagefind ({bin_}) startte niet of "
            f"stopte niet ({error})",
            hint="installeer waterketen opnieuw, zodat Pagefind meekomt",
        ) from None
    if result.returncode != 0:
        melding = (result.stderr or result.stdout).strip().splitlines()
        raise ZoekindexFout(
            "de zoekindex kon niet worden gemaakt"
            + (f": Pagefind meldt '{melding[-1]}'" if melding else ""),
            hint="probeer het opnieuw; blijft het, meld het dan aan de beheerders",
        )
    for naam in ONGEBRUIKT:
        (site / MAP / naam).unlink(missing_ok=True)


def _pagefind() -> Path:
    try:
        from pagefind.service import get_executable

        bin_ = get_executable()
    except ImportError:
        bin_ = None
    if bin_ is None or not bin_.is_file():
        raise ZoekindexFout(
            "Pagefind, dat de zoekindex van de website maakt, is niet geïnstalleerd",
            hint="installeer waterketen opnieuw (het pakket pagefind[bin] hoort erbij)",
        )
    return bin_
