"""The website as a visitor sees it: headless Chromium (the distribution's package),
driven by Playwright, on the site built from the example data (tests/test_site.py),
served on 127.0.0.1 and opened from disk.

For every kind of page: no console error, no request to any other host, and axe-core
(from npm: ``npm ci --prefix tests``) finds no violation of WCAG 2.1 A and AA. Every
link within the site resolves (the whole site is crawled). Search finds a project by
a word from its goal: served (with Pagefind, and with zoekindex.js when Pagefind does
not load) and opened from disk (with zoekindex.js). The home page, a cluster and a
project page are photographed, on a desktop and on a phone (into the test's folder
and ``/tmp/site-shots/``).

Without Playwright, Chromium or axe-core these tests are skipped, each with the reason
(``pytest -ra`` shows it): ``.venv/bin/python tests/browser_setup.py`` installs what it
can.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from test_site import _bouw, _gegevensrepo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHERMAFDRUKKEN = Path("/tmp/site-shots")

#: Every kind of page, with one page of that kind.
SOORTEN = {
    "home": "index.html",
    "cluster": "clusters/kop-van-drenthe/index.html",
    "projecten": "projecten/index.html",
    "project": "projecten/energiescan-waterketen/index.html",
    "vergaderingen": "vergaderingen/index.html",
    "vergadering, gehouden": "vergaderingen/cco-2026-11-17/index.html",
    "vergadering, komend": "vergaderingen/cco-2026-12-15/index.html",
    "themabijeenkomsten": "themabijeenkomsten/index.html",
    "themabijeenkomst": "themabijeenkomsten/themabijeenkomst-2026-05-21/index.html",
    "monitor": "monitor/index.html",
    "activiteiten": "activiteiten/index.html",
    "nieuws": "nieuws/index.html",
    "nieuwsbrief": "nieuws/2026-11/index.html",
    "zoeken": "zoeken/index.html?q=energie",
}
#: What each kind of page showed, for the report (test_zz_rapport).
GEMETEN: dict[str, dict[str, int]] = {}


def _chromium() -> str:
    for naam in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(naam)
        if found:
            return found
    pytest.skip(
        "geen Chromium gevonden: de browsertests zijn overgeslagen "
        "(installeer het pakket chromium, bijv. 'apt-get install chromium', of draai "
        "'.venv/bin/python tests/browser_setup.py')"
    )


@dataclass
class Bezoek:
    """What one page did in the browser."""

    fouten: list[str] = field(default_factory=list)  # console errors, page errors, dialogs
    verzoeken: list[str] = field(default_factory=list)


class _Stil(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def omgeving(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Browser, Path, str]]:
    """The browser, the built site and the address it is served at."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(
            "Playwright is niet geïnstalleerd: de browsertests zijn overgeslagen "
            "(pip install -e '.[dev]')"
        )
    chromium = _chromium()
    if not AXE.is_file():
        pytest.skip(
            "axe-core ontbreekt: de browsertests zijn overgeslagen "
            "(npm ci --prefix tests, of '.venv/bin/python tests/browser_setup.py')"
        )
    with pytest.MonkeyPatch.context() as mp:
        for naam in ("GIT_AUTHOR", "GIT_COMMITTER"):
            mp.setenv(f"{naam}_NAME", "Test Secretariaat")
            mp.setenv(f"{naam}_EMAIL", "test@example.org")
        mp.setenv("GIT_CONFIG_GLOBAL", os.devnull)
        mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
        root = _gegevensrepo(tmp_path_factory.mktemp("browser") / "gegevens")
        folder = _bouw(root, root / "_site").map
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Stil, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as playwright:
            try:
                browser = playwright.chromium.launch(executable_path=chromium)
            except Exception as error:  # the binary is there but does not start
                pytest.skip(f"Chromium ({chromium}) start niet: {error}")
            yield browser, folder, f"http://127.0.0.1:{server.server_address[1]}/"
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def _open(
    browser: Browser, adres: str, *, stil: bool = False, **opties: Any
) -> tuple[Page, Bezoek]:
    """A new page at ``adres``, with everything it asked for and complained about;
    with ``stil`` until the network has been quiet for a moment (scripts loading)."""
    bezoek = Bezoek()
    pagina = browser.new_page(**opties)
    pagina.on("request", lambda r: bezoek.verzoeken.append(r.url))
    pagina.on(
        "console",
        lambda m: bezoek.fouten.append(f"console: {m.text}") if m.type == "error" else None,
    )
    pagina.on("pageerror", lambda e: bezoek.fouten.append(f"fout: {e}"))
    pagina.on("dialog", lambda d: (bezoek.fouten.append(f"dialoog: {d.message}"), d.dismiss()))
    pagina.goto(adres, wait_until="load")
    if stil:
        pagina.wait_for_load_state("networkidle")
    return pagina, bezoek


def _axe(pagina: Page) -> list[dict[str, Any]]:
    pagina.evaluate(AXE.read_text(encoding="utf-8"))
    uitkomst = pagina.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "waar": [n["target"] for n in v["nodes"]][:5]}
        for v in uitkomst["violations"]
    ]


@pytest.mark.parametrize("soort", list(SOORTEN))
def test_every_kind_of_page_in_the_browser(omgeving: tuple[Browser, Path, str], soort: str) -> None:
    browser, _, basis = omgeving
    pagina, bezoek = _open(browser, basis + SOORTEN[soort], stil=soort == "zoeken")
    if soort == "zoeken":  # the results came in
        pagina.wait_for_selector("#zoekresultaten a")
        # Served, search uses Pagefind: the index for disk is not loaded.
        assert not [u for u in bezoek.verzoeken if u.endswith("/zoekindex.js")]
    schendingen = _axe(pagina)
    pagina.close()
    elders = [u for u in bezoek.verzoeken if not u.startswith(basis)]
    GEMETEN[soort] = {
        "verzoeken": len(bezoek.verzoeken),
        "elders": len(elders),
        "axe": len(schendingen),
    }
    assert bezoek.fouten == []
    assert elders == []
    assert schendingen == []


def test_every_page_works_opened_from_disk(omgeving: tuple[Browser, Path, str]) -> None:
    browser, folder, _ = omgeving
    for soort, pad in SOORTEN.items():
        bestand, _, vraag = pad.partition("?")
        adres = (folder / bestand).as_uri() + (f"?{vraag}" if vraag else "")
        pagina, bezoek = _open(browser, adres)
        if soort == "zoeken":  # with the index for disk
            pagina.wait_for_selector("#zoekresultaten a")
        assert bezoek.fouten == [], soort
        assert [u for u in bezoek.verzoeken if not u.startswith("file://")] == [], soort
        # A folder's page is linked as .../index.html: from disk every link is a file.
        for href in pagina.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            if href.startswith("file://"):
                assert Path(unquote(urlsplit(href).path)).is_file(), (soort, href)
        pagina.close()


def test_every_link_within_the_site_resolves(omgeving: tuple[Browser, Path, str]) -> None:
    """Crawl the site from its home page: every page reached, every file it links to
    there, every #anchor on its page."""
    browser, folder, basis = omgeving
    pagina, _ = _open(browser, basis + "index.html")
    te_doen, gezien, ankers = [basis + "index.html"], set(), []
    bestanden: set[str] = set()
    ids: dict[str, set[str]] = {}
    while te_doen:
        adres = te_doen.pop()
        if adres in gezien:
            continue
        gezien.add(adres)
        antwoord = pagina.goto(adres, wait_until="domcontentloaded")
        assert antwoord is not None and antwoord.ok, adres
        ids[adres] = set(pagina.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        for href in pagina.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            if not href.startswith(basis):
                continue
            doel, anker = urldefrag(href)
            if anker:
                ankers.append((doel, unquote(anker)))
            if doel.endswith(".html"):
                te_doen.append(doel)
            else:
                bestanden.add(doel)
    for doel, anker in ankers:
        assert anker in ids[doel], (doel, anker)
    for doel in sorted(bestanden):
        assert pagina.request.get(doel).ok, doel
    pagina.close()
    bereikt = {urlsplit(a).path.lstrip("/") for a in gezien}
    alle = {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}
    assert bereikt == alle
    assert len(ankers) > 10 and len(bestanden) > 50


def _woord(folder: Path) -> str:
    """A word from a project's goal, and only there: "warmtevoorziening"."""
    from waterketen_cli.models.records import Project
    from waterketen_cli.records import dataset

    project = dataset.load(folder.parent / "data").get(Project, "riothermie-assen")
    assert project is not None
    return max(re.findall(r"\w+", project.doel), key=len)


def _zoek_vanaf_home(pagina: Page, woord: str) -> tuple[list[str], str, str]:
    """Search from the home page's search field: the links found, the status, the
    marked words."""
    pagina.fill("#zoekterm", woord)
    pagina.press("#zoekterm", "Enter")
    pagina.wait_for_selector("#zoekresultaten a")
    links = pagina.eval_on_selector_all("#zoekresultaten a", "els => els.map(e => e.href)")
    status = pagina.text_content("#zoekstatus") or ""
    return links, status, (pagina.text_content("#zoekresultaten mark") or "").lower()


def test_search_finds_a_project_by_a_word_from_its_goal(
    omgeving: tuple[Browser, Path, str],
) -> None:
    browser, folder, basis = omgeving
    woord = _woord(folder)
    pagina, bezoek = _open(browser, basis + "index.html")
    links, status, gemarkeerd = _zoek_vanaf_home(pagina, woord)
    assert basis + "projecten/riothermie-assen/index.html" in links
    assert woord in gemarkeerd and status.endswith(f"gevonden voor “{woord}”.")
    assert any(u.startswith(basis + "pagefind/") for u in bezoek.verzoeken)
    assert not any(u.endswith("/zoekindex.js") for u in bezoek.verzoeken)
    assert bezoek.fouten == []
    pagina.close()


def test_search_works_opened_from_disk(omgeving: tuple[Browser, Path, str]) -> None:
    """From disk the browser does not fetch Pagefind's index: search uses zoekindex.js,
    with the same list of results, as accessible (axe-core), under the same CSP."""
    browser, folder, _ = omgeving
    woord = _woord(folder)
    pagina, bezoek = _open(browser, (folder / "index.html").as_uri())
    links, status, gemarkeerd = _zoek_vanaf_home(pagina, woord)
    project = (folder / "projecten" / "riothermie-assen" / "index.html").as_uri()
    assert links[0] == project  # the only page with that word
    assert gemarkeerd == woord and status == f"1 pagina gevonden voor “{woord}”."
    assert pagina.get_attribute("#zoekstatus", "role") == "status"
    assert pagina.eval_on_selector_all("#zoekresultaten ol > li > h2 > a", "e => e.length") > 0
    assert any(u.endswith("/zoekindex.js") for u in bezoek.verzoeken)
    assert [u for u in bezoek.verzoeken if not u.startswith("file://")] == []
    # A word without its accents, two words at once, a word's start; and nothing.
    for term, verwacht in (
        ("ideeen", "projecten/index.html"),
        ("riothermie assen", "projecten/riothermie-assen/index.html"),
        ("warmtevoorz", "projecten/riothermie-assen/index.html"),
    ):
        pagina.fill("#zoekterm", term)
        pagina.press("#zoekterm", "Enter")
        pagina.wait_for_function(
            "t => (document.getElementById('zoekstatus').textContent || '').includes(t)",
            arg=term,
        )
        links = pagina.eval_on_selector_all("#zoekresultaten a", "els => els.map(e => e.href)")
        assert (folder / verwacht).as_uri() in links, term
    pagina.fill("#zoekterm", "xyzzyplugh")
    pagina.press("#zoekterm", "Enter")
    pagina.wait_for_function(
        "() => document.getElementById('zoekstatus').textContent.startsWith('Niets gevonden')"
    )
    assert bezoek.fouten == []
    # The results as axe-core sees them (it logs that it may not read the stylesheet
    # from disk: its own request, after the page's errors were checked).
    pagina.fill("#zoekterm", woord)
    pagina.press("#zoekterm", "Enter")
    pagina.wait_for_selector("#zoekresultaten a")
    assert _axe(pagina) == []
    pagina.close()


def test_search_served_without_pagefind_uses_the_index_for_disk(
    omgeving: tuple[Browser, Path, str],
) -> None:
    """If Pagefind does not load on a server (blocked, or not there), search still works."""
    browser, folder, basis = omgeving
    pagina = browser.new_page()
    fouten: list[str] = []
    pagina.on("pageerror", lambda e: fouten.append(str(e)))
    pagina.route("**/pagefind/**", lambda route: route.abort())
    pagina.goto(basis + "zoeken/index.html?q=" + _woord(folder), wait_until="load")
    pagina.wait_for_selector("#zoekresultaten a")
    links = pagina.eval_on_selector_all("#zoekresultaten a", "els => els.map(e => e.href)")
    assert links == [basis + "projecten/riothermie-assen/index.html"]
    assert fouten == []
    pagina.close()


def test_screenshots_of_the_home_page_a_cluster_and_a_project(
    omgeving: tuple[Browser, Path, str], tmp_path: Path
) -> None:
    browser, _, basis = omgeving
    SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    for naam in ("home", "cluster", "project"):
        pad = SOORTEN[naam]
        for scherm, maat in (("desktop", (1280, 900)), ("telefoon", (390, 844))):
            pagina, _ = _open(browser, basis + pad, viewport={"width": maat[0], "height": maat[1]})
            # Readable on a phone: nothing wider than the screen but the tables' own box.
            breedte = pagina.evaluate("document.documentElement.scrollWidth")
            assert breedte <= maat[0], (naam, scherm, breedte)
            bestand = tmp_path / f"{naam}-{scherm}.png"
            pagina.screenshot(path=str(bestand), full_page=True)
            shutil.copy(bestand, SCHERMAFDRUKKEN / bestand.name)
            pagina.close()
            assert bestand.stat().st_size > 10_000


def test_zz_rapport(capsys: pytest.CaptureFixture[str]) -> None:
    """The counts per kind of page, for the report (run with -s to see them)."""
    if not GEMETEN:
        pytest.skip("geen pagina's gemeten (de browsertests zijn overgeslagen)")
    with capsys.disabled():
        print("\nsoort pagina: verzoeken (naar elders), axe-schendingen WCAG 2.1 A/AA")
        for soort, telling in GEMETEN.items():
            print(f"  {soort}: {telling['verzoeken']} ({telling['elders']}), {telling['axe']}")
    assert all(t["elders"] == 0 and t["axe"] == 0 for t in GEMETEN.values())
