"""``waterketen site``: the public website, without a browser (tests/test_site_browser.py
opens it in one). Built from the example data, with a newsletter that was sent and one
that was not, and a project whose title tries to be HTML:

- every kind of page is there, and every link and image within the site resolves;
- each cluster has its page, linked from the home page, the projects and their pages;
- nothing is loaded from another host;
- nothing private is in any file of the site (the secrets of tests/test_openbaar.py),
  and what is public is there;
- the index for search from disk (zoekindex.js) has every indexed page, only words of
  that page, and no text that could end a script;
- the same data gives the same bytes, search index included;
- the Atom feed lists exactly the newsletters that were sent;
- text from the data is escaped as HTML;
- the folder is replaced whole, or not at all.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, VANDAAG, make_repo
from helpers import invoke
from test_openbaar import geheimen
from waterketen_cli import publiek, render
from waterketen_cli.communicatie import plaatsen, site, sitebouw, zoeken
from waterketen_cli.models.records import Cluster, Persoon, Project, Vergadering
from waterketen_cli.records import dataset, nieuwsbrief
from waterketen_cli.vergaderen import thema

DAG = dt.date.fromisoformat(VANDAAG)
AANVAL = "<script>alert(1)</script>"
VERZONDEN = """---
titel: Nieuwsbrief november 2026
datum: 2026-11-20
status: verzonden
verzonden_op: 2026-11-23
---

## Energiescan gaat door

De waterschappen & gemeenten kijken samen naar <b>energie</b>.
Zie [de site](https://www.example.org/energie) en [dit](javascript:alert(1)).
"""
CONCEPT = """---
titel: Conceptnieuwsbrief december
datum: 2026-12-18
status: concept
---

Nog niet verstuurd.
"""


def _gegevensrepo(root: Path) -> Path:
    """The example data in a git repository, with the test's additions."""
    make_repo(root)
    for folder in ("data", "stukken", "templates"):
        shutil.copytree(ROOT / folder, root / folder)
    project = root / "data" / "projecten" / "energiescan-waterketen.yaml"
    tekst = project.read_text(encoding="utf-8")
    tekst = tekst.replace(
        "titel: Energiescan gemalen en zuiveringen",
        f"titel: 'Energiescan {AANVAL} & meer'",
    )
    project.write_text(tekst, encoding="utf-8")
    brieven = root / "data" / "nieuwsbrieven"
    brieven.mkdir(exist_ok=True)
    (brieven / "2026-11.md").write_text(VERZONDEN, encoding="utf-8")
    (brieven / "2026-12.md").write_text(CONCEPT, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "voorbeeldgegevens"], cwd=root, check=True)
    return root


def _bouw(root: Path, doel: Path) -> plaatsen.Geplaatst:
    from waterketen_cli.cli.site import SOORTEN
    from waterketen_cli.git import mapgeschiedenis

    data = root / "data"
    view = publiek.laad(data, SOORTEN, DAG)
    gebouwd = site.bouw(
        view,
        DAG,
        nieuwsbrieven=nieuwsbrief.lees_alle(data),
        geschiedenis=mapgeschiedenis(data, "vergaderingen"),
    )
    return plaatsen.plaats(
        gebouwd, doel, data_dir=data, overschrijf=False, zoekindex=zoeken.indexeer
    )


@pytest.fixture(scope="module")
def bouw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Path]]:
    """The repository, and the site built twice from it: (repo, site, again)."""
    with pytest.MonkeyPatch.context() as mp:
        for naam in ("GIT_AUTHOR", "GIT_COMMITTER"):
            mp.setenv(f"{naam}_NAME", "Test Secretariaat")
            mp.setenv(f"{naam}_EMAIL", "test@example.org")
            mp.setenv(f"{naam}_DATE", "2026-01-05T12:00:00+01:00")
        mp.setenv("GIT_CONFIG_GLOBAL", os.devnull)
        mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
        root = _gegevensrepo(tmp_path_factory.mktemp("site") / "gegevens")
        eerste = _bouw(root, root / "_site")
        tweede = _bouw(root, tmp_path_factory.mktemp("opnieuw") / "_site")
        yield root, eerste.map, tweede.map


@pytest.fixture(scope="module")
def gebouwd(bouw: tuple[Path, Path, Path]) -> Path:
    return bouw[1]


def _bestanden(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class _Pagina(HTMLParser):
    """The links, the resources and the ids of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()
        self.koppen: list[int] = []
        self.tekst: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for naam, waarde in attrs:
            if naam == "id" and waarde:
                self.ids.add(waarde)
            if naam in ("href", "src", "action", "data") and waarde is not None:
                self.links.append((tag, naam, waarde))
        if re.fullmatch(r"h[1-6]", tag):
            self.koppen.append(int(tag[1]))

    def handle_data(self, data: str) -> None:
        self.tekst.append(data)


def _lees(pad: Path) -> _Pagina:
    parser = _Pagina()
    parser.feed(pad.read_text(encoding="utf-8"))
    return parser


def _paginas(folder: Path) -> dict[str, _Pagina]:
    return {p.relative_to(folder).as_posix(): _lees(p) for p in sorted(folder.rglob("*.html"))}


# --- what is there ------------------------------------------------------------------------


def test_every_kind_of_page_is_there(bouw: tuple[Path, Path, Path]) -> None:
    root, folder, _ = bouw
    view = publiek.publiek(dataset.load(root / "data"), DAG)
    verwacht = {
        "index.html",
        "projecten/index.html",
        "vergaderingen/index.html",
        "vergaderingen/vergaderingen.ics",
        "themabijeenkomsten/index.html",
        "monitor/index.html",
        "monitor/grafiek-1.svg",
        "activiteiten/index.html",
        "nieuws/index.html",
        "nieuws/atom.xml",
        "nieuws/2026-11/index.html",
        "zoeken/index.html",
        "stijl.css",
        "zoeken.js",
        "zoekindex.js",
        "favicon.svg",
        "pagefind/pagefind.js",
        plaatsen.MARKER,
    }
    verwacht |= {f"projecten/{p.id}/index.html" for p in view.of(Project)}
    verwacht |= {f"clusters/{c.id}/index.html" for c in view.of(Cluster)}
    for v in view.of(Vergadering):
        map_ = "themabijeenkomsten" if thema.is_themabijeenkomst(view, v) else "vergaderingen"
        verwacht.add(f"{map_}/{v.id}/index.html")
    bestanden = set(_bestanden(folder))
    assert verwacht <= bestanden, sorted(verwacht - bestanden)
    # The concept newsletter is not published; Pagefind's own interfaces are left out.
    assert not any(p.startswith("nieuws/2026-12") for p in bestanden)
    assert not any(re.search(r"pagefind-(component-|modular-)?ui", p) for p in bestanden)
    # Only one stylesheet, and every page uses it.
    assert [p for p in bestanden if p.endswith(".css")] == ["stijl.css"]


def test_a_meeting_after_it_was_held_has_its_besluitenlijst_and_verslag(gebouwd: Path) -> None:
    gehouden = (gebouwd / "vergaderingen/cco-2026-11-17/index.html").read_text(encoding="utf-8")
    for deel in ('id="agenda"', 'id="besluitenlijst"', 'id="verslag"', "B-2026-027"):
        assert deel in gehouden
    komend = (gebouwd / "vergaderingen/cco-2026-12-15/index.html").read_text(encoding="utf-8")
    assert 'id="agenda"' in komend and 'id="verslag"' not in komend
    # A coming meeting of the CCO has the activity overview as annex to its standing item.
    assert "Bijlage: activiteitenoverzicht clusters" in komend


def test_each_cluster_has_its_page_linked_from_home_and_the_projects(
    bouw: tuple[Path, Path, Path],
) -> None:
    root, folder, _ = bouw
    view = publiek.publiek(dataset.load(root / "data"), DAG)
    home = _lees(folder / "index.html")
    thuis = (folder / "index.html").read_text(encoding="utf-8")
    clusters = sorted(view.of(Cluster), key=lambda c: c.id)
    assert len(clusters) == 5
    for cluster in clusters:
        pad = f"clusters/{cluster.id}/index.html"
        assert ("a", "href", pad) in home.links
        pagina = html.unescape((folder / pad).read_text(encoding="utf-8"))
        assert f"<h1>Cluster {cluster.naam}</h1>" in pagina
        for org in (*cluster.gemeenten, *cluster.waterschappen, *cluster.waterbedrijven):
            assert _org_naam(view, org) in pagina, (cluster.id, org)
        for activiteit in cluster.programma:
            assert activiteit.titel in pagina, (cluster.id, activiteit.id)
        assert 'id="waterteam"' in pagina and 'id="programma"' in pagina
        assert '<a href="../../index.html#clusters">Clusters</a>' in pagina
        # Its projects, and the meetings of its waterteam, each linked.
        links = {w for t, a, w in _lees(folder / pad).links if t == "a"}
        for project in view.of(Project):
            if cluster.id in project.clusters:
                assert f"../../projecten/{project.id}/index.html" in links, project.id
        for vergadering in view.of(Vergadering):
            if vergadering.overleg == cluster.waterteam:
                assert f"../../vergaderingen/{vergadering.id}/index.html" in links
    # The programme is no longer on the home page: one row per cluster.
    assert "<h4>" not in thuis and thuis.count('<a href="clusters/') == len(clusters)
    # The projects name their clusters with a link, the project's page too.
    lijst = {w for t, a, w in _lees(folder / "projecten" / "index.html").links if t == "a"}
    project = view.get(Project, "riothermie-assen")
    assert project is not None and project.clusters == ["kop-van-drenthe"]
    assert "../clusters/kop-van-drenthe/index.html" in lijst
    pagina = _lees(folder / "projecten" / "riothermie-assen" / "index.html")
    assert ("a", "href", "../../clusters/kop-van-drenthe/index.html") in pagina.links


def _org_naam(view: dataset.Gegevens, org_id: str) -> str:
    from waterketen_cli.models.records import Organisatie

    org = view.get(Organisatie, org_id)
    assert org is not None, org_id
    return org.naam


def test_a_project_page_has_the_public_project_plan(bouw: tuple[Path, Path, Path]) -> None:
    """The plan as 'project plan --openbaar' makes it, from all the data (the site
    gives the plan only the meetings that decided about the project)."""
    from waterketen_cli.analyse import projectplan
    from waterketen_cli.communicatie import html as sitehtml

    root, folder, _ = bouw
    view = publiek.publiek(dataset.load(root / "data"), DAG)
    besluiten = 0
    for project in view.of(Project):
        pad = f"projecten/{project.id}/index.html"
        context = projectplan.plan_context(view, project, vandaag=DAG)
        markdown = render.render(root, "projectplan.md.j2", **context)
        pagina = sitehtml.Pagina(pad, lambda _: True, set(sitebouw.LAYOUT_IDS), {})
        verwacht = str(sitehtml.naar_html(markdown, pagina))
        assert verwacht in (folder / pad).read_text(encoding="utf-8"), project.id
        besluiten += len(context["besluiten"])
    assert besluiten > 5  # the decisions about the projects are there


def test_every_page_is_dutch_with_one_h1_and_no_skipped_heading(gebouwd: Path) -> None:
    for pad, pagina in _paginas(gebouwd).items():
        tekst = (gebouwd / pad).read_text(encoding="utf-8")
        assert tekst.startswith('<!DOCTYPE html>\n<html lang="nl">'), pad
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in tekst
        assert '<main id="inhoud"' in tekst and 'href="#inhoud"' in tekst, pad
        assert pagina.koppen.count(1) == 1, pad
        assert pagina.koppen[0] == 1, pad
        for vorige, kop in zip(pagina.koppen, pagina.koppen[1:], strict=False):
            assert kop <= vorige + 1, f"{pad}: h{vorige} gevolgd door h{kop}"
        assert "<th>" not in tekst, f"{pad}: een kolomkop zonder scope"


def test_every_link_within_the_site_resolves(gebouwd: Path) -> None:
    paginas = _paginas(gebouwd)
    gezien = 0
    for pad, pagina in paginas.items():
        for tag, attr, waarde in pagina.links:
            deel = urlsplit(waarde)
            if deel.scheme or deel.netloc:
                continue
            doel = pad
            if deel.path:
                doel = Path(pad).parent.joinpath(unquote(deel.path)).as_posix()
                doel = re.sub(r"(^|/)\./", r"\1", doel)
                while "/../" in f"/{doel}":
                    doel = re.sub(r"(^|/)[^/]+/\.\./", r"\1", doel, count=1)
                assert (gebouwd / doel).is_file(), f"{pad}: <{tag} {attr}={waarde!r}> bestaat niet"
                if tag in ("a", "form"):
                    assert not deel.path.endswith("/"), f"{pad}: {waarde} zonder index.html"
            if deel.fragment:
                ids = paginas[doel].ids if doel.endswith(".html") else set()
                assert unquote(deel.fragment) in ids, f"{pad}: {waarde}: geen id"
            gezien += 1
    assert gezien > 1000


def test_nothing_is_loaded_from_another_host(gebouwd: Path) -> None:
    for pad, pagina in _paginas(gebouwd).items():
        for tag, _, waarde in pagina.links:
            if tag == "a":
                continue  # a link out is followed, not loaded
            assert not urlsplit(waarde).netloc and not urlsplit(waarde).scheme, (pad, waarde)
    css = (gebouwd / "stijl.css").read_text(encoding="utf-8")
    assert "@import" not in css and not re.search(r"url\(", css)
    script = (gebouwd / "zoeken.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", script)


# --- privacy ------------------------------------------------------------------------------


def _teksten(folder: Path) -> dict[str, str]:
    """Every file of the site as text: the search index's fragments unpacked, an .ics
    unfolded, HTML and XML with their entities read."""
    teksten = {}
    for pad, inhoud in _bestanden(folder).items():
        if pad.endswith(".pf_fragment"):
            inhoud = gzip.decompress(inhoud)
        elif pad.endswith((".pdf", ".xlsx", ".pagefind", ".pf_index", ".pf_meta", ".svg")):
            continue  # the stukken as they are in the repository; binary index parts
        tekst = inhoud.decode("utf-8").replace("\r\n ", "")
        if pad == zoeken.RESERVE:  # its JSON read: the titles as they are, the words
            tekst += "\n" + "\n".join(f"{t}\n{w}" for _, t, w in _zoekindex(folder))
        teksten[pad] = tekst + "\n" + html.unescape(tekst)
    return teksten


def _zoekindex(folder: Path) -> list[list[str]]:
    """The entries of zoekindex.js: [link, title, words]."""
    tekst = (folder / zoeken.RESERVE).read_text(encoding="ascii")
    data = tekst.split("window.ZOEKINDEX = ", 1)[1]
    assert data.endswith(";\n")
    index: list[list[str]] = json.loads(data.removesuffix(";\n"))
    return index


def test_nothing_private_is_in_any_file_of_the_site(bouw: tuple[Path, Path, Path]) -> None:
    root, folder, _ = bouw
    regels = geheimen(dataset.load(root / "data"), DAG)
    assert len(regels.geheim) > 50
    regels.geheim |= _verzendlijst(root / "data")
    teksten = _teksten(folder)
    assert any(p.endswith(".pf_fragment") for p in teksten)
    lekken = [(p, s) for s in regels.geheim for p, t in teksten.items() if s in t]
    assert lekken == []
    # The stukken of confidential items are not copied either.
    for geheim in regels.geheim:
        if geheim.startswith("stukken/"):
            assert not (folder / geheim).exists()
    # The guests who registered for a themabijeenkomst: not even their number's names.
    assert not any("@" in t and "voorbeeld.nl" in t for t in teksten.values())


def test_the_index_for_search_from_disk_has_only_words_of_its_pages(
    bouw: tuple[Path, Path, Path],
) -> None:
    """zoekindex.js holds, per page that Pagefind indexes, its h1 and the words of its
    main, lower case, each once: nothing that is not on that page (whose privacy the
    test above checks), and no name of anyone who did not consent, even as loose words."""
    root, folder, _ = bouw
    index = _zoekindex(folder)
    paginas = _paginas(folder)
    gemarkeerd = {
        p for p in paginas if "data-pagefind-body" in (folder / p).read_text(encoding="utf-8")
    }
    assert [e[0] for e in index] == sorted(gemarkeerd)
    assert "zoeken/index.html" not in gemarkeerd and "index.html" in gemarkeerd
    for pad, titel, woorden in index:
        lijst = woorden.split(" ")
        assert len(lijst) == len(set(lijst)), pad
        assert all(w == w.lower() and len(w) > 1 for w in lijst), pad
        op_de_pagina = {w.lower() for w in re.findall(r"\w+", " ".join(paginas[pad].tekst))}
        assert set(lijst) <= op_de_pagina, (pad, sorted(set(lijst) - op_de_pagina)[:5])
        assert titel in html.unescape((folder / pad).read_text(encoding="utf-8")), pad
    project = next(e for e in index if e[0] == "projecten/riothermie-assen/index.html")
    assert project[1] == "Projectplan Warmte uit riool bij nieuwbouw in Assen"
    assert "warmtevoorziening" in project[2].split(" ")
    gegevens = dataset.load(root / "data")
    namen = {p.naam for p in gegevens.of(Persoon) if not p.naam_openbaar}
    namen |= {g.naam for v in gegevens.of(Vergadering) for g in v.aanmeldingen if g.naam}
    assert len(namen) > 10
    for naam in namen | _verzendlijst(root / "data"):
        delen = {w.lower() for w in re.findall(r"\w{2,}", naam)}
        assert not any(delen <= set(w.split(" ")) for _, _, w in index), naam


def test_the_index_for_search_from_disk_cannot_end_a_script(gebouwd: Path) -> None:
    """The project whose title tries to be HTML: in the index as it is, as data."""
    tekst = (gebouwd / zoeken.RESERVE).read_text(encoding="ascii")
    assert "</" not in tekst and "<script" not in tekst and "<!--" not in tekst
    assert tekst.startswith("// ") and tekst.count("\nwindow.ZOEKINDEX = [[") == 1
    titels = [t for _, t, _ in _zoekindex(gebouwd)]
    assert f"Projectplan Energiescan {AANVAL} & meer" in titels
    assert "\\u003cscript>alert(1)\\u003c/script>" in tekst


def _verzendlijst(data: Path) -> set[str]:
    """The names and addresses on the newsletter's mailing list: never published."""
    import yaml

    geheim = set()
    for pad in sorted((data / "verzendlijst").glob("*.yaml")):
        record = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
        geheim |= {str(record[k]) for k in ("naam", "email") if record.get(k)}
    return geheim


def test_what_is_public_is_there(bouw: tuple[Path, Path, Path]) -> None:
    root, folder, _ = bouw
    regels = geheimen(dataset.load(root / "data"), DAG)
    alles = "\n".join(_teksten(folder).values())
    ontbreekt = sorted({s for _, s in regels.zichtbaar if s not in alles})
    assert ontbreekt == []


# --- the same bytes, the feed, escaping ------------------------------------------------------


def test_the_same_data_gives_the_same_bytes(bouw: tuple[Path, Path, Path]) -> None:
    _, eerste, tweede = bouw
    a, b = _bestanden(eerste), _bestanden(tweede)
    assert sorted(a) == sorted(b)
    verschillend = [p for p in a if a[p] != b[p]]
    assert verschillend == []
    assert any(p.startswith("pagefind/") for p in a)  # the search index too


def test_the_feed_lists_the_newsletters_that_were_sent(gebouwd: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(gebouwd / "nieuws" / "atom.xml").getroot()
    assert feed.tag == f"{atom}feed"
    entries = feed.findall(f"{atom}entry")
    titels = [e.findtext(f"{atom}title") for e in entries]
    assert titels[0] == "Nieuwsbrief november 2026"  # the newest first
    assert "Conceptnieuwsbrief december" not in titels
    verzonden = [
        b.titel
        for b in nieuwsbrief.lees_alle(gebouwd.parent / "data")
        if b.status == nieuwsbrief.Nieuwsbriefstatus.VERZONDEN
    ]
    assert sorted(titels) == sorted(verzonden)
    entry = entries[0]
    assert entry.findtext(f"{atom}updated") == "2026-11-23T00:00:00+01:00"
    assert feed.findtext(f"{atom}updated") == "2026-11-23T00:00:00+01:00"
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry.findtext(f"{atom}id") or "")
    link = entry.find(f"{atom}link")
    assert link is not None
    assert (gebouwd / "nieuws" / link.attrib["href"]).is_file()
    content = entry.findtext(f"{atom}content") or ""
    # The text as HTML: the data's own tags as text, only the https link kept.
    assert '<a href="https://www.example.org/energie">de site</a>' in content
    assert "&lt;b&gt;energie&lt;/b&gt;" in content and 'href="javascript' not in content
    assert "Conceptnieuwsbrief" not in (gebouwd / "nieuws" / "index.html").read_text("utf-8")


def test_text_from_the_data_is_escaped_as_html(gebouwd: Path) -> None:
    pagina = (gebouwd / "projecten" / "energiescan-waterketen" / "index.html").read_text("utf-8")
    assert "Energiescan &lt;script&gt;alert(1)&lt;/script&gt; &amp; meer" in pagina
    lijst = (gebouwd / "projecten" / "index.html").read_text("utf-8")
    assert "Energiescan &lt;script&gt;alert(1)&lt;/script&gt; &amp; meer" in lijst
    for pad in gebouwd.rglob("*.html"):
        tekst = pad.read_text(encoding="utf-8")
        assert AANVAL not in tekst, pad
        # The only scripts are the site's own search script.
        scripts = re.findall(r"<script\b[^>]*>", tekst)
        assert scripts in ([], ['<script src="../zoeken.js" defer>']), (pad, scripts)


def test_an_html_template_escapes_for_html_and_has_no_markdown_filters() -> None:
    from markupsafe import Markup

    from waterketen_cli import escape

    env = render.environment(None, render.HTML)
    uit = env.from_string('<p title="{{ a }}">{{ a }} {{ b }} {{ c }}</p>').render(
        a='<x y="1">&', b=escape.Markdown("*nadruk* &lt;"), c=Markup("<b>html</b>")
    )
    assert uit == (
        '<p title="&lt;x y=&#34;1&#34;&gt;&amp;">&lt;x y=&#34;1&#34;&gt;&amp; '
        "*nadruk* &amp;lt; <b>html</b></p>"
    )
    assert "cel" not in env.filters and "regel" not in env.filters
    assert render.formaat("site/basis.html.j2") == render.HTML


# --- the command ------------------------------------------------------------------------------


def test_the_command_builds_the_site_and_builds_it_again(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["site"], cwd=repo)
    assert result.code == 0, result.err
    assert re.fullmatch(
        r"Website geschreven naar _site: \d+ pagina's, \d+ bestanden, \d+,\d MB\.\n"
        r"Bekijken: open _site/index\.html in een browser\.\n",
        result.out,
    )
    assert (repo / "_site" / "index.html").is_file()
    (repo / "_site" / "oud.html").write_text("weg ermee", encoding="utf-8")
    again = invoke(capsys, ["site"], cwd=repo)
    assert again.code == 0, again.err
    assert not (repo / "_site" / "oud.html").exists()
    assert sorted(p.name for p in repo.iterdir() if "waterketen" in p.name) == []


def test_the_command_refuses_a_folder_that_is_not_a_site(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "public").mkdir()
    (repo / "public" / "belangrijk.txt").write_text("niet weggooien", encoding="utf-8")
    result = invoke(capsys, ["site", "-o", "public"], cwd=repo)
    assert result.code == 2
    assert result.err == (
        "fout: public is niet leeg en is geen website die waterketen eerder maakte\n"
        "  kies een andere map, of vervang de hele inhoud met --overschrijf\n"
    )
    assert (repo / "public" / "belangrijk.txt").is_file()
    result = invoke(capsys, ["site", "-o", "public", "--overschrijf"], cwd=repo)
    assert result.code == 0, result.err
    assert not (repo / "public" / "belangrijk.txt").exists()
    assert (repo / "public" / plaatsen.MARKER).is_file()


@pytest.mark.parametrize("doel", [".", "data", "data/projecten"])
def test_the_site_never_replaces_the_data(
    capsys: pytest.CaptureFixture[str], repo: Path, doel: str
) -> None:
    result = invoke(capsys, ["site", "-o", doel, "--overschrijf"], cwd=repo)
    assert result.code == 2
    assert "daar staan de gegevens" in result.err
    assert (repo / "data" / "projecten").is_dir()


def test_a_failed_build_leaves_the_previous_site(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke(capsys, ["site"], cwd=repo).code == 0
    voor = _bestanden(repo / "_site")

    def kapot(folder: Path) -> None:
        raise zoeken.ZoekindexFout("de zoekindex kon niet worden gemaakt", hint="opnieuw")

    monkeypatch.setattr(zoeken, "indexeer", kapot)
    (repo / "data" / "projecten" / "energiescan-waterketen.yaml").unlink()
    result = invoke(capsys, ["site"], cwd=repo)
    assert result.code == 1
    assert result.err == "fout: de zoekindex kon niet worden gemaakt\n  opnieuw\n"
    assert _bestanden(repo / "_site") == voor
    assert [p.name for p in repo.iterdir() if p.name.startswith(".")] == [".git"]


def test_a_newsletter_that_cannot_be_read_is_an_error_with_its_line(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    brieven = repo / "data" / "nieuwsbrieven"
    brieven.mkdir(exist_ok=True)
    (brieven / "2026-11.md").write_text(
        VERZONDEN.replace("status: verzonden", "status: verstuurd"), encoding="utf-8"
    )
    result = invoke(capsys, ["site"], cwd=repo)
    assert result.code == 1
    assert result.err == (
        "fout: data/nieuwsbrieven/2026-11.md:4: status: 'verstuurd' bestaat niet\n"
        "  kies concept of verzonden\n"
    )
    assert not (repo / "_site").exists()


@pytest.mark.parametrize(
    ("tekst", "regel", "bericht"),
    [
        ("titel: x\n", 2, "de kop wordt niet afgesloten met een regel '---'"),
        ("---\ntitel: x\ndatum: 2026-02-30\nstatus: concept\n---\n", 3, "datum: '2026-02-30'"),
        ("---\ntitel: x\ndatum: 2026-02-03\nstatus: concept\nauteur: y\n---\n", 5, "'auteur'"),
        ("---\ntitel: x\ndatum: 2026-02-03\nstatus: verzonden\n---\n", 4, "verzonden_op"),
        ("---\ntitel: x\ntitel: y\n---\n", 3, "dubbele sleutel 'titel'"),
        ("Tekst zonder kop.\n", 1, "de kop ontbreekt"),
    ],
)
def test_the_header_of_a_newsletter_is_read_strictly(
    tmp_path: Path, tekst: str, regel: int, bericht: str
) -> None:
    pad = tmp_path / "data" / "nieuwsbrieven" / "2026-02.md"
    pad.parent.mkdir(parents=True)
    pad.write_text(tekst if tekst.startswith(("---", "Tekst")) else f"---\n{tekst}", "utf-8")
    with pytest.raises(nieuwsbrief.NieuwsbriefFout) as fout:
        nieuwsbrief.lees_alle(tmp_path / "data")
    assert fout.value.regel == regel
    assert bericht in fout.value.bericht


def test_newsletters_by_date_and_none_without_the_folder(tmp_path: Path) -> None:
    assert nieuwsbrief.lees_alle(tmp_path) == []
    brieven = tmp_path / nieuwsbrief.MAP
    brieven.mkdir()
    (brieven / "b.md").write_text(VERZONDEN, encoding="utf-8")
    (brieven / "a.md").write_text(CONCEPT, encoding="utf-8")
    (brieven / "notitie.txt").write_text("geen nieuwsbrief", encoding="utf-8")
    gelezen = nieuwsbrief.lees_alle(tmp_path)
    assert [(b.id, b.status.value, b.verzonden_op) for b in gelezen] == [
        ("b", "verzonden", dt.date(2026, 11, 23)),
        ("a", "concept", None),
    ]
    assert gelezen[0].tekst.startswith("## Energiescan gaat door\n")
