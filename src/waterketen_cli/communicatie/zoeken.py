"""Search on the website without a server of its own: Pagefind's index, made from the
pages once they are written.

Pagefind (``pip install pagefind[bin]``, a dependency of waterketen) ships its indexer
as a binary; it reads the HTML in the site folder (only the content marked
``data-pagefind-body``, the ``main`` of every page except the search page) and writes
``pagefind/``: the index in chunks, the WebAssembly that searches it and
``pagefind.js``, which the site's own ``zoeken.js`` loads. The index is the same for
the same pages. Pagefind's own search interfaces (their scripts and stylesheets) are
left out: the site has one stylesheet and its own accessible search page.

The browser fetches the index: search works from any web server (GitHub Pages, GitLab
Pages), not from a page opened from disk (the search page says so).
"""

from __future__ import annotations

import subprocess
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
