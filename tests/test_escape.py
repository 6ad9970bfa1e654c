"""Text from the data is shown as text, in every format it goes into (issue 9, points
4 and 5): the Markdown documents, CODEOWNERS, the CI files and README of ``init``, and
the calendar; and single-line fields are single lines.

The Markdown documents are rendered as GitHub, GitLab or a website would: with a
CommonMark renderer with raw HTML enabled, tables and strikethrough. Whitespace rules
of the property tests (as CommonMark and markdown-it fold it): on one line, every run
of spaces, tabs, line breaks and control characters is one space; a paragraph loses
the spaces and tabs around each line and the Unicode whitespace at either end; a line
of only spaces and tabs separates paragraphs.
"""

from __future__ import annotations

import html
import re
import shlex
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml as pyyaml
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from markdown_it import MarkdownIt
from ruamel.yaml import YAML

from conftest import EXAMPLE_DATA, ROOT
from helpers import invoke
from waterketen_cli import codeowners, escape
from waterketen_cli.models.records import Agendapunt, Overleg, Vergadering
from waterketen_cli.records.dataset import load
from waterketen_cli.vergaderen import kalender

MD = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")

#: Text that would be markup, script or structure if it were not escaped.
VIJANDIG = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    "<!-- open commentaar",
    "# kop",
    "- lijst",
    "1. nummer",
    "> citaat",
    "| pijp | pijp |",
    "`code` en ``meer``",
    "*nadruk* en **sterk**",
    "_x_ en __y__",
    "~~weg~~",
    "&lt;script&gt; &amp; &#60;b&#62;",
    "a \\ b \\* c \\",
    "<http://evil.example>",
    "<b onmouseover=alert(1)>vet</b>",
    "[ref]: javascript:alert(1)",
    "+ plus",
    "2) haakje",
    "$x^2$ en $$y$$",
    "<details open><summary>x</summary>",
    "```",
    "[ ] taak",
    "<style>body{display:none}</style>",
]

#: Lines of a multi-line text that start a block if they are not escaped.
VIJANDIGE_REGELS = ["---", "===", "    ingesprongen code", "> citaat", "1) nummer", "<!--", "* * *"]


def _zichtbaar(t: str) -> str:
    """As markdown-it writes text into HTML."""
    return html.escape(t, quote=False).replace('"', "&quot;")


def _alineas(t: str) -> list[str]:
    out: list[list[str]] = []
    huidig: list[str] = []
    for line in escape._regels(t):
        kaal = line.strip(" \t")
        if kaal:
            huidig.append(kaal)
        elif huidig:
            out.append(huidig)
            huidig = []
    if huidig:
        out.append(huidig)
    return ["\n".join(a).strip() for a in out]


# --- the escape functions ---------------------------------------------------------------

TEKSTEN = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=80),
    st.text(
        alphabet=st.sampled_from(list("#-+*_`~[]()<>!&|\\$=:;.1 aé\xa0\u2028\t\n")), max_size=40
    ),
    st.lists(st.sampled_from(VIJANDIG + VIJANDIGE_REGELS + ["", " ", "tekst"]), max_size=6).map(
        "\n".join
    ),
)


@settings(max_examples=400, deadline=None)
@given(TEKSTEN)
def test_a_line_renders_as_exactly_its_text(tekst: str) -> None:
    regel = escape.een_regel(tekst)
    out = MD.render(str(escape.markdown_regel(tekst)))
    assert out == (f"<p>{_zichtbaar(regel.strip())}</p>\n" if regel else "")


@settings(max_examples=400, deadline=None)
@given(TEKSTEN)
def test_a_text_renders_as_its_paragraphs(tekst: str) -> None:
    out = MD.render(str(escape.markdown(tekst)))
    assert out == "".join(f"<p>{_zichtbaar(a)}</p>\n" for a in _alineas(tekst))


@settings(max_examples=300, deadline=None)
@given(TEKSTEN)
def test_a_cell_holds_exactly_its_text(tekst: str) -> None:
    out = MD.render(f"| kop |\n|---|\n| {escape.markdown_cel(tekst)} |\n")
    assert out.count("<td") == 1
    assert out.split("<td>")[1].split("</td>")[0] == _zichtbaar(escape.een_regel(tekst).strip())


@settings(max_examples=300, deadline=None)
@given(TEKSTEN)
def test_a_code_span_holds_exactly_its_text(tekst: str) -> None:
    code = str(escape.markdown_code(tekst))
    regel = escape.een_regel(tekst)
    out = MD.render(f"Bestand: {code}")
    expected = f"<code>{_zichtbaar(regel)}</code>" if regel else ""
    assert out == f"<p>Bestand: {expected}</p>\n".replace(": </p>", ":</p>")


@pytest.mark.parametrize(
    "tekst",
    [
        "Hoogezand-Sappemeer",
        "€\xa01.250,50",
        "13.30 uur",
        "fase 1 … 3",
        "Waterschap Hunze en Aa's",
        "Stresstest (2026), 2e ronde: 40% klaar; zie bijlage!",
        "riool_beheer en R&D",
        "Kosten per m³ = € 1,20",
        "Gemeente 's-Hertogenbosch",
    ],
)
def test_dutch_text_gets_no_backslashes(tekst: str) -> None:
    assert str(escape.markdown(tekst)) == tekst
    assert str(escape.markdown_regel(tekst)) == tekst
    assert str(escape.markdown_cel(tekst)) == tekst


@pytest.mark.parametrize(
    ("tekst", "markdown"),
    [
        ("1. eerste", "1\\. eerste"),
        ("het jaar 2026. Daarna", "het jaar 2026. Daarna"),
        ("# kop", "\\# kop"),
        ("#12 en C#", "#12 en C#"),
        ("- lijst", "\\- lijst"),
        ("a - b", "a - b"),
        ("<script>", "&lt;script>"),
        ("&lt;b&gt; & co", "&amp;lt;b&amp;gt; & co"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("snake_case _x_", "snake_case \\_x\\_"),
        ("a \\ b \\*", "a \\ b \\\\\\*"),
        ("regel\n---\n\n  > citaat", "regel\n\\---\n\n\\> citaat"),
    ],
)
def test_only_what_needs_it_is_escaped(tekst: str, markdown: str) -> None:
    assert str(escape.markdown(tekst)) == markdown


def test_other_formats() -> None:
    assert escape.yaml("v0.1.0") == "v0.1.0"
    assert escape.yaml("https://git.example.org/w.git") == "https://git.example.org/w.git"
    for tekst in ["yes", "12", "a: b", "x\ny", "# c", "${{ x }}", "\u2028", "a\x85b", '"', "@x"]:
        assert pyyaml.safe_load(f"k: {escape.yaml(tekst)}\n") == {"k": tekst}, tekst
    assert escape.github_actions("a${{ secrets.X }}") == "\"a${{ '${{' }} secrets.X }}\""
    assert escape.gitlab_ci("a$B") == '"a$$B"'
    assert escape.shell("waterketen @ git+https://x/w.git@v1") == (
        '"waterketen @ git+https://x/w.git@v1"'
    )
    assert shlex.split(escape.shell('a $(id) `id` "q" \\ !')) == ['a $(id) `id` "q" \\ !']
    assert escape.codeowners_commentaar("Waterpas\n* @aanvaller\u2028x\x85y") == (
        "Waterpas * @aanvaller x y"
    )
    assert escape.mermaid('Kosten "per"\nm³') == "Kosten 'per' m³"


# --- escaping in the templates --------------------------------------------------------------


E = "\\# kop\n\\*x\\*"  # x below, escaped


@pytest.mark.parametrize(
    ("sjabloon", "uitkomst"),
    [
        ("{{ x }}", E),
        ("{{ x | regel }}", "\\# kop \\*x\\*"),
        ("{{ x | e }}", E),
        ("{{ x | safe }}", "# kop\n*x*"),  # the template's own choice
        ("{{ x ~ ' op ' ~ (d | datum) }}", f"{E} op 15 december 2026"),
        ("{{ (d | datum) ~ ' ' ~ x }}", f"15 december 2026 {E}"),
        ("{{ (d | datum) + ' ' + x }}", f"15 december 2026 {E}"),
        ("{{ [x, d | datum, 3] | join(' | ') }}", f"{E} | 15 december 2026 | 3"),
        ("{{ '%s!' | format(x) }}", f"{E}!"),
        ("{% macro m(v) %}<{{ v }}>{% endmacro %}{{ m(x) }}", f"<{E}>"),
        ("{{ '<b>' }}", "&lt;b&gt;"),
        ("| {{ y | cel }} |", "| a \\| b |"),
        ("{{ y }}", "a | b"),
        ("{{ z | code }}", "`` `x` | <y> ``"),
    ],
)
def test_every_value_is_escaped_once(sjabloon: str, uitkomst: str) -> None:
    import datetime as dt

    from waterketen_cli import render

    env = render.environment(None)
    tekst = env.from_string(sjabloon).render(
        x="# kop\n*x*", y="a | b", z="`x` | <y>", d=dt.date(2026, 12, 15)
    )
    assert tekst == uitkomst


# --- the documents, with hostile text in every field they show ------------------------------

#: Fields with text that may have paragraphs (``Tekst``); the other poisoned fields
#: are single lines (``Regel``).
MEER_REGELS = {
    "toelichting",
    "verslag",
    "doel",
    "aanpak",
    "tekst",
    "kosten",
    "kwaliteit",
    "kwetsbaarheid",
    "duurzaamheid",
}
ENE_REGEL = {
    "naam",
    "titel",
    "functie",
    "ambt",
    "locatie",
    "bron",
    "eenheid",
    "omschrijving",
    "bestand",
    "provincie",
}


def _waarde(n: int, key: str, vijandig: bool) -> str:
    """A unique value: hostile text, or harmless text of the same shape and length
    (``wijzigingen`` shows a short value and only names a long one)."""

    def tekst(t: str) -> str:
        return t if vijandig else re.sub(r"\S", "v", t)

    marker = f"Z{n}Z"
    if key not in MEER_REGELS:
        return f"{tekst(VIJANDIG[n % len(VIJANDIG)])} {marker}"
    regels = VIJANDIGE_REGELS[n % len(VIJANDIGE_REGELS) :] + VIJANDIGE_REGELS
    eerste = f"{tekst(VIJANDIG[n % len(VIJANDIG)])} {marker}"
    tweede = tekst(VIJANDIG[(n + 1) % len(VIJANDIG)])
    return "\n".join([eerste, tekst(regels[0]), tweede, "", tekst(regels[1]), tekst(regels[2])])


def _vergiftig(data: Path, vijandig: bool) -> dict[str, str]:
    """Every text field of every record, rewritten; the values by marker."""
    rt = YAML()
    waarden: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in list(node):
                value = node[key]
                if isinstance(value, str) and key in ENE_REGEL | MEER_REGELS:
                    n = len(waarden)
                    node[key] = waarden[f"Z{n}Z"] = _waarde(n, key, vijandig)
                elif key == "ritme":
                    continue  # a meeting rule: words from a list (weken, dinsdag), no text
                elif key == "voor" and isinstance(value, list):
                    for i in range(len(value)):
                        n = len(waarden)
                        value[i] = waarden[f"Z{n}Z"] = _waarde(n, "voor", vijandig)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(data.rglob("*.yaml")):
        doc = rt.load(path)
        walk(doc)
        rt.dump(doc, path)
    return waarden


class _Html(HTMLParser):
    """What a browser would build: every element with its attributes, the comments,
    and the visible text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elementen: Counter[tuple[str, tuple[tuple[str, str | None], ...]]] = Counter()
        self.commentaar: Counter[str] = Counter()
        self.tekst: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elementen[(tag, tuple(sorted(attrs)))] += 1

    def handle_comment(self, data: str) -> None:
        self.commentaar[data] += 1

    def handle_data(self, data: str) -> None:
        self.tekst.append(data)

    @property
    def zichtbaar(self) -> str:
        return " ".join("".join(self.tekst).split())


def _stuk_markers(data: Path) -> set[str]:
    """The markers of the rewritten 'bestand' fields (the paths of stukken)."""
    markers: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "bestand" and isinstance(value, str):
                    markers.update(re.findall(r"Z\d+Z", value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(data.rglob("*.yaml")):
        walk(pyyaml.safe_load(path.read_text("utf-8")))
    return markers


def _zonder_stuklinks(
    elementen: Counter[tuple[str, tuple[tuple[str, str | None], ...]]], markers: set[str]
) -> Counter[tuple[str, tuple[tuple[str, str | None], ...]]]:
    """The elements without the links to stukken (their href carries a marker)."""
    return Counter(
        {
            (tag, attrs): n
            for (tag, attrs), n in elementen.items()
            if not (
                tag == "a" and set(re.findall(r"Z\d+Z", dict(attrs).get("href") or "")) & markers
            )
        }
    )


DOCUMENTEN = {
    "agenda": ["agenda", "render", "cco-2026-12-15"],
    "agenda-openbaar": ["agenda", "render", "cco-2026-12-15", "--openbaar"],
    "agenda-stuurgroep": ["agenda", "render", "stuurgroep-2026-11-26"],
    "notulen": ["notulen", "new", "cco-2026-12-15"],
    "notulen-gehouden": ["notulen", "new", "cco-2026-11-17"],
    "overzicht": ["overzicht", "--markdown"],
    "overzicht-openbaar": ["overzicht", "--markdown", "--openbaar"],
    "monitor": ["monitor", "--markdown"],
    "middelen": ["middelen", "--markdown"],
    "projectplan": ["project", "plan", "afkoppelen-waterpas"],
    "projectplan-openbaar": ["project", "plan", "afkoppelen-waterpas", "--openbaar"],
    "wijzigingen": ["wijzigingen", "--format", "markdown"],
}


@pytest.fixture(scope="module")
def vergiftigd(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, tuple[Path, dict[str, str]]]:
    """The example data twice: with hostile text in every text field, and with harmless
    text of the same shape; with the values by marker."""
    uitkomst = {}
    for vijandig in (False, True):
        data = tmp_path_factory.mktemp("vijandig" if vijandig else "veilig") / "data"
        shutil.copytree(EXAMPLE_DATA, data)
        shutil.copytree(ROOT / "stukken", data.parent / "stukken")
        uitkomst[vijandig] = (data, _vergiftig(data, vijandig))
    return uitkomst


def _repository(tmp_path: Path, data: Path) -> Path:
    """A repository with the example data committed and ``data`` in the work tree (so
    that ``wijzigingen`` has something to tell)."""
    import subprocess

    from conftest import make_repo

    root = make_repo(tmp_path)
    shutil.copytree(EXAMPLE_DATA, root / "data")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(ROOT / "stukken", root / "stukken")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-qm", "voorbeeldgegevens"], cwd=root, check=True)
    shutil.rmtree(root / "data")
    shutil.copytree(data, root / "data")
    return root


def test_the_poisoned_data_is_valid(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    vergiftigd: dict[bool, tuple[Path, dict[str, str]]],
) -> None:
    for soort, (data, _) in vergiftigd.items():
        root = _repository(tmp_path / str(soort), data)
        # No stuk is where the rewritten 'bestand' fields say (and hostile ones are no
        # path at all): the check 'stuk' says so, as it should.
        result = invoke(capsys, ["validate", "--format", "json", "--skip", "stuk"], cwd=root)
        assert '"ernst": "fout"' not in result.out, result.out


@pytest.mark.parametrize("document", list(DOCUMENTEN))
def test_documents_show_hostile_text_as_text(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    vergiftigd: dict[bool, tuple[Path, dict[str, str]]],
    document: str,
) -> None:
    """No element, attribute or comment in the HTML comes from the data (the HTML of
    the hostile data has exactly the elements of the harmless data); and every hostile
    value the document shows is shown as the text it is."""
    html_van = {}
    for soort, (data, _) in vergiftigd.items():
        root = _repository(tmp_path / str(soort), data)
        result = invoke(capsys, DOCUMENTEN[document], cwd=root)
        assert result.code == 0, result.err
        # 'wijzigingen' takes every '#' after a space in a file for a comment, also one in
        # a value that the YAML writer wrapped onto a line of its own ('# kop'): not a
        # matter of escaping, and left out here.
        out = result.out.replace("  - commentaar gewijzigd\n", "")
        html_van[soort] = MD.render(out)
    veilig, vijandig = _Html(html_van[False]), _Html(html_van[True])
    # A stuk links to its 'bestand' (records/stukken.py): that href comes from the
    # data, percent-encoded, and only a path in the repository or an https address
    # becomes a link (hostile text often is neither). Compared apart from the rest.
    stuk = _stuk_markers(vergiftigd[True][0])
    assert _zonder_stuklinks(vijandig.elementen, stuk) == _zonder_stuklinks(veilig.elementen, stuk)
    for tag, attrs in vijandig.elementen - _zonder_stuklinks(vijandig.elementen, stuk):
        href = dict(attrs)["href"] or ""
        assert re.fullmatch(r"https://[^\s<>\"'()`\\]+|(?![a-z][a-z0-9+.-]*:)[\w%./~-]+", href), (
            tag,
            href,
        )
    assert vijandig.commentaar == veilig.commentaar
    for element in ("<script", "<img", "<style", "<details", "<b ", 'href="javascript:'):
        assert element not in html_van[True], element
    assert not re.search(r"<[^>]*\son\w+=", html_van[True])
    waarden = vergiftigd[True][1]
    shown = [m for m in waarden if re.search(rf"\b{m}\b", veilig.zichtbaar)]
    assert shown, "het document toont geen enkel tekstveld"
    for marker in shown:
        assert " ".join(waarden[marker].split()) in vijandig.zichtbaar, marker


# --- single-line fields --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarde", "bericht", "hint"),
    [
        (
            '"Waterteam Waterpas\\n* @aanvaller"',
            "mag geen regeleinde bevatten",
            "zet de tekst op één regel; een lange tekst mag in YAML na '>-' over meer regels "
            "doorlopen, zonder lege regel ertussen",
        ),
        ('"Waterteam\\r Waterpas"', "mag geen regeleinde bevatten", None),
        ('"Waterteam\\a Waterpas"', "bevat een stuurteken (U+0007)", "haal het onzichtbare"),
        ('"Waterteam\\tWaterpas"', "bevat een stuurteken (U+0009)", "vervang de tab door"),
        ("|-\n  Waterteam\n  Waterpas", "mag geen regeleinde bevatten", None),
    ],
)
def test_a_single_line_field_refuses_line_breaks_and_control_characters(
    capsys: pytest.CaptureFixture[str], repo: Path, waarde: str, bericht: str, hint: str | None
) -> None:
    path = repo / "data" / "overleggen" / "waterteam-waterpas.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("naam: Waterteam Waterpas\n", f"naam: {waarde}\n"), "utf-8")
    result = invoke(capsys, ["validate", "--format", "json"], cwd=repo)
    assert result.code == 1
    import json

    [finding] = [b for b in json.loads(result.out)["bevindingen"] if b["check"] == "schema"]
    assert (finding["bestand"], finding["regel"], finding["veld"]) == (
        "data/overleggen/waterteam-waterpas.yaml",
        4,
        "naam",
    )
    assert finding["bericht"] == bericht
    if hint is not None:
        assert finding["hint"].startswith(hint)


def test_multi_line_texts_keep_their_lines(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    path = repo / "data" / "projecten" / "afkoppelen-waterpas.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("doel: >-\n", "doel: |-\n  Eerste alinea.\n\n"), "utf-8")
    assert invoke(capsys, ["validate"], cwd=repo).code == 0
    plan = invoke(capsys, ["project", "plan", "afkoppelen-waterpas"], cwd=repo).out
    assert "## Doel\n\nEerste alinea.\n\nHemelwater van 40 hectare" in plan


# --- CODEOWNERS ------------------------------------------------------------------------------

_CODEOWNERS_REGEL = re.compile(r"(?:#.*|\S+(?: +@\S+)+|)")


def _codeowners_ok(text: str) -> None:
    for line in text.split("\n"):
        assert _CODEOWNERS_REGEL.fullmatch(line), repr(line)
    assert all(
        not re.match(r"\s*\*?\s*@aanvaller", line) for line in re.split(r"[\n\r\u2028\x85]", text)
    )


def test_codeowners_folds_a_name_with_a_line_break_even_unchecked(repo: Path) -> None:
    """The records are not checked here (``model_copy`` skips validation): the file
    itself keeps every name in its comment."""
    gegevens = load(repo / "data", codeowners.SOORTEN)
    for vijandig in ("\n* @aanvaller", "\r* @aanvaller", "\u2028* @aanvaller", "\x85* @aanvaller"):
        overleggen = gegevens.records["overleg"]
        overleggen["waterteam-waterpas"] = overleggen["waterteam-waterpas"].model_copy(
            update={"naam": f"Waterteam Waterpas{vijandig}\n\n*       @aanvaller"}
        )
        tekst = codeowners.build(gegevens, "/data").tekst
        _codeowners_ok(tekst)
        assert "# Overleg waterteam-waterpas (Waterteam Waterpas * @aanvaller * @aanvaller)" in (
            tekst
        )


def test_codeowners_refuses_a_pattern_that_would_break_the_file(repo: Path) -> None:
    gegevens = load(repo / "data", codeowners.SOORTEN)
    overleggen = gegevens.records["overleg"]
    overleggen["waterteam-waterpas"] = overleggen["waterteam-waterpas"].model_copy(
        update={"id": "waterteam\n* @aanvaller"}
    )
    with pytest.raises(codeowners.CodeownersFout, match="kan niet in CODEOWNERS"):
        codeowners.build(gegevens, "/data")


def test_codeowners_of_valid_but_hostile_names(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    path = repo / "data" / "overleggen" / "waterteam-waterpas.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("naam: Waterteam Waterpas\n", 'naam: "Waterpas\\u2028* @aanvaller #"\n'),
        "utf-8",
    )
    assert invoke(capsys, ["validate"], cwd=repo).code == 0
    result = invoke(capsys, ["codeowners", "-o", "-"], cwd=repo)
    assert result.code == 0, result.err
    _codeowners_ok(result.out)


# --- the calendar ----------------------------------------------------------------------------

VIJANDIG_ICS = [
    "Zaal 1\nATTENDEE:mailto:x@evil.example",
    "Zaal 1\r\nATTENDEE:mailto:x@evil.example",
    "Zaal 1\rATTENDEE:mailto:x@evil.example",
    "Zaal 1\u2028ATTENDEE:mailto:x@evil.example",
    "Zaal 1\x85ATTENDEE:mailto:x@evil.example",
    "Zaal 1\x0bATTENDEE:mailto:x@evil.example\x00",
    "Zaal; 1, \\ \\n END:VEVENT",
]


def _ics_ok(ics: str) -> None:
    """Every line of the file is a property (after unfolding) and no line break other
    than CRLF is in it; no property came from the data."""
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]", ics)
    assert "\r" not in ics.replace("\r\n", "")
    assert "\n" not in ics.replace("\r\n", "")
    for line in ics.replace("\r\n ", "").split("\r\n"):
        assert line == "" or re.match(r"[A-Z][A-Z0-9-]*[;:]", line), repr(line)
        assert not line.startswith("ATTENDEE")


@pytest.mark.parametrize("vijandig", VIJANDIG_ICS)
def test_the_calendar_keeps_hostile_text_in_its_value(repo: Path, vijandig: str) -> None:
    gegevens = load(repo / "data", kalender.SOORTEN)
    vergaderingen = gegevens.records["vergadering"]
    vergadering = vergaderingen["cco-2026-12-15"]
    assert isinstance(vergadering, Vergadering)
    eerste = vergadering.agenda[0].model_copy(update={"titel": f"Opening {vijandig}"})
    assert isinstance(eerste, Agendapunt)
    vergaderingen["cco-2026-12-15"] = vergadering.model_copy(
        update={"locatie": vijandig, "agenda": [eerste, *vergadering.agenda[1:]]}
    )
    overleg = gegevens.records["overleg"]["cco"]
    assert isinstance(overleg, Overleg)
    gegevens.records["overleg"]["cco"] = overleg.model_copy(update={"naam": f"CCO {vijandig}"})

    ics = kalender.ics(kalender.kalender(gegevens, "cco"))
    _ics_ok(ics)
    [event] = [
        e
        for e in Calendar.from_ical(ics).walk("VEVENT")
        if str(e["UID"]) == "cco-2026-12-15@waterketen"
    ]
    eén = escape.icalendar_tekst(vijandig)
    assert str(event["LOCATION"]) == eén
    assert str(event["SUMMARY"]) == f"CCO {eén}"
    assert f"1. Opening {eén} (" in str(event["DESCRIPTION"])
    assert "ATTENDEE" not in event


def test_the_calendar_of_valid_but_hostile_text(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    path = repo / "data" / "vergaderingen" / "cco-2026-12-15.yaml"
    text = path.read_text(encoding="utf-8")
    vijandig = "Zaal 1\\u2028ATTENDEE:mailto:x@evil.example; a, b \\\\ c"
    path.write_text(
        text.replace(
            "locatie: Gemeentehuis Midden-Groningen, Hoogezand\n", f'locatie: "{vijandig}"\n'
        ),
        "utf-8",
    )
    assert invoke(capsys, ["validate"], cwd=repo).code == 0
    result = invoke(capsys, ["kalender", "--overleg", "cco"], cwd=repo)
    assert result.code == 0, result.err
    ics = result.out.replace("\n", "\r\n") if "\r\n" not in result.out else result.out
    _ics_ok(ics)
    [event] = [
        e
        for e in Calendar.from_ical(ics).walk("VEVENT")
        if str(e["UID"]) == "cco-2026-12-15@waterketen"
    ]
    assert str(event["LOCATION"]) == "Zaal 1 ATTENDEE:mailto:x@evil.example; a, b \\ c"


# --- init: README, CI and pre-commit ------------------------------------------------------------


def test_init_escapes_the_region_and_the_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from waterketen_cli import init as kern

    monkeypatch.setattr(kern, "installed_source", lambda: None)
    regio = "Waterketen <img src=x onerror=alert(1)> [x](javascript:alert(1)) *Rivier*"
    adres = "https://git.example.org/${{secrets.GITHUB_TOKEN}}/$CI_JOB_TOKEN/w.git"
    result = invoke(
        capsys,
        ["init", "nieuw", "--regio", regio, "--bron", adres, "--versie", "v1.0"],
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    folder = tmp_path / "nieuw"
    pip = f"waterketen @ git+{adres}@v1.0"

    github = pyyaml.safe_load((folder / ".github/workflows/waterketen.yml").read_text("utf-8"))
    waarde = github["env"]["WATERKETEN_BRON"]
    # GitHub evaluates ${{ … }} in every value: the only expression left gives back '${{'.
    assert re.findall(r"\$\{\{.*?\}\}", waarde) == ["${{ '${{' }}"]
    assert waarde.replace("${{ '${{' }}", "${{") == pip

    gitlab = pyyaml.safe_load((folder / ".gitlab-ci.yml").read_text("utf-8"))
    assert gitlab["variables"]["WATERKETEN_BRON"].replace("$$", "$") == pip
    assert not re.search(
        r"(?<!\$)\$(?!\$)", gitlab["variables"]["WATERKETEN_BRON"].replace("$$", "")
    )

    precommit = pyyaml.safe_load((folder / ".pre-commit-config.yaml").read_text("utf-8"))
    assert precommit["repos"][0]["repo"] == adres
    assert precommit["repos"][0]["rev"] == "v1.0"

    readme = (folder / "README.md").read_text("utf-8")
    rendered = MD.render(readme)
    assert "<img" not in rendered and 'href="javascript' not in rendered
    assert f"<h1>Gegevens van {html.escape(regio, quote=False)}</h1>" in rendered
    [install] = [line for line in readme.splitlines() if line.startswith("python3 -m pip install ")]
    assert shlex.split(install)[-1] == pip

    regio_record = next((folder / "data" / "regio").glob("*.yaml"))
    assert pyyaml.safe_load(regio_record.read_text("utf-8"))["naam"] == regio
