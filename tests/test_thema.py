"""Themabijeenkomsten (issue 10, point 5): the document with theme and programme, who is
invited, the registrations of guests from outside (never public), the capacity check,
the presence list and the write-up for the website (a safe subset of Markdown).

The documents are rendered as a website would: CommonMark with tables, and for the
checks on the write-up with raw HTML enabled (as a lenient renderer would).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import EXAMPLE_DATA, VANDAAG
from helpers import assert_golden, invoke
from waterketen_cli import publiek
from waterketen_cli.markdown_subset import subset
from waterketen_cli.models.records import Lid, Overleg, Vergadering
from waterketen_cli.models.types import Doelgroep, Overlegsoort, Rol
from waterketen_cli.records import dataset
from waterketen_cli.vergaderen import thema

ID = "themabijeenkomst-2026-02-12"
TITEL = "Themabijeenkomst Vermindering van kwetsbaarheid"
GASTEN = [
    ("Rianne Zwiers", "Provincie Drenthe", "r.zwiers@provincie-drenthe.example"),
    ("Gert-Jan Hummel", "Hummel Rioolservice", "g.hummel@hummel-rioolservice.example"),
    ("Sietske Bakker", "Gemeente Opsterland", None),
    ("Dirk Mensink", "Veiligheidsregio Groningen", "d.mensink@vrgroningen.example"),
]
MD = MarkdownIt("commonmark").enable("table")
MD_HTML = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the example data (a repository root with data/ in it)."""
    data = tmp_path / "gegevens" / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    return data


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    result = invoke(capsys, [*args, "--data", str(folder)])
    return result.code, result.out, result.err


def edit(folder: Path, old: str, new: str, record: str = ID) -> Path:
    path = folder / "vergaderingen" / f"{record}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def upcoming(folder: Path) -> None:
    """Make the example meeting one still to come, taking registrations."""
    edit(folder, "status: gehouden", "status: uitgenodigd")
    edit(folder, "datum: 2026-02-12", "datum: 2027-02-11")
    old = folder / "vergaderingen" / f"{ID}.yaml"
    text = old.read_text(encoding="utf-8").replace(ID, "themabijeenkomst-2027-02-11")
    text = re.sub(r"aanwezig:\n(  - .*\n)+afgemeld:\n(  - .*\n)+", "", text)
    old.unlink()
    (folder / "vergaderingen" / "themabijeenkomst-2027-02-11.yaml").write_text(text, "utf-8")


def tables(html: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    out = []
    for table in html.split("<table>")[1:]:
        body = table.split("</table>")[0]
        rows = []
        for row in body.split("<tr>")[1:]:
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
            rows.append([re.sub("<[^>]+>", "", c) for c in cells])
        out.append(rows)
    return out


# --- the document ---------------------------------------------------------------------------


def test_document_internal_and_public(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, intern, err = run(capsys, folder, "agenda", "render", ID)
    assert code == 0, err
    assert_golden("thema/themabijeenkomst-2026-02-12.md", intern)
    code, openbaar, err = run(capsys, folder, "agenda", "render", ID, "--openbaar")
    assert code == 0, err
    assert_golden("thema/themabijeenkomst-2026-02-12-openbaar.md", openbaar)

    for text in (intern, openbaar):
        html = MD.render(text)
        assert re.findall(r"<h1>(.*?)</h1>", html) == [TITEL]
        [programma] = tables(html)
        assert programma[0] == ["Tijd", "Onderdeel", "Spreker"]
        assert len(programma) == 1 + 8 and all(len(r) == 3 for r in programma)
        # Each block ends where the next begins; the last at the end of the meeting.
        assert programma[1][:2] == ["13.30–14.00", "Inloop met koffie en thee"]
        assert programma[-1][0] == "16.45–17.00"
        # Speakers from outside by their free text, which is public by nature.
        assert "Fenna Algra, onderzoeker (Kenniscentrum Waterbeheer Noord)" in programma[3]
        # A bestuurder by office; the audience in words.
        assert programma[-1][2] == "Karin Hofman (wethouder gemeente Eemsdelta)"
        assert "Voor: managers en waterprofessionals van alle partners in de Waterketen" in html
        # No chair, no secretary, no decisions: this is no regular meeting.
        assert "Voorzitter" not in text and "Besluit" not in text
    # Officials who did not consent are named by function in public; the registration
    # figures are internal.
    assert "Anouk Dijkstra (Gemeente Westerkwartier)" in intern
    assert "Anouk Dijkstra" not in openbaar
    assert "Teamleider water en riolering, clustercoördinator Westerkwartier" in openbaar
    assert "Aangemeld: 4 gasten van buiten" in intern and "Plaatsen: 50, nog 46 vrij" in intern
    assert "Aanmeldingen (intern" not in openbaar and "gasten" not in openbaar


def test_registration_of_a_meeting_to_come(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    upcoming(folder)
    nieuw = "themabijeenkomst-2027-02-11"
    intern = run(capsys, folder, "agenda", "render", nieuw)[1]
    openbaar = run(capsys, folder, "agenda", "render", nieuw, "--openbaar")[1]
    assert "## Aanmelden\n\nEr zijn 50 plaatsen. Aanmelden bij Lotte Smit " in intern
    assert "(Waterschap Hunze en Aa's), l.smit@hunzeenaas.example." in intern
    # The public view has no contact details.
    assert "Aanmelden bij Lotte Smit (Waterschap Hunze en Aa's).\n" in openbaar
    assert "@" not in openbaar
    # More registrations than places: the organisers see it.
    edit(folder, "capaciteit: 50", "capaciteit: 3", record=nieuw)
    intern = run(capsys, folder, "agenda", "render", nieuw)[1]
    assert "- Plaatsen: 3, 1 aanmelding te veel\n" in intern


def test_without_programme_the_agenda_is_the_programme(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, text, err = run(capsys, folder, "agenda", "render", "themabijeenkomst-2026-05-21")
    assert code == 0, err
    html = MD.render(text)
    # No theme recorded: the body's name is the title.
    assert re.findall(r"<h1>(.*?)</h1>", html) == ["Regionale themabijeenkomst"]
    [programma] = tables(html)
    assert programma[1] == [
        "14.00–14.10",
        "Opening en welkom: klimaatadaptatie en de Omgevingswet",
        "Erik Wiersma (Waterschap Noorderzijlvest)",
    ]
    # The stukken of the items are there; with a theme on the body, it is the title.
    assert "Presentatie stand stresstesten" in text
    path = folder / "overleggen" / "themabijeenkomst.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            "soort: themabijeenkomst\n", "soort: themabijeenkomst\nthema: klimaatadaptatie\n"
        ),
        "utf-8",
    )
    text = run(capsys, folder, "agenda", "render", "themabijeenkomst-2026-05-21")[1]
    assert text.startswith("# Themabijeenkomst Klimaatadaptatie\n")


def test_public_programme_without_times_when_items_are_left_out(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """From the agenda, a programme shows no times when the region leaves confidential
    items out of public documents: a gap would betray them."""
    regio = folder / "regio" / "groningen-noord-drenthe.yaml"
    text = regio.read_text(encoding="utf-8")
    regio.write_text(text.replace("\nthemas:", "\nbesloten_punten: weglaten\nthemas:", 1), "utf-8")
    vid = "themabijeenkomst-2026-05-21"
    edit(
        folder,
        "    presentator: p-visser\n",
        "    presentator: p-visser\n    vertrouwelijk: true\n",
        record=vid,
    )
    openbaar = run(capsys, folder, "agenda", "render", vid, "--openbaar")[1]
    [programma] = tables(MD.render(openbaar))
    assert programma[0] == ["Onderdeel", "Spreker"] and len(programma) == 1 + 5
    assert "provinciaal beleid" not in openbaar and "Presentatie provincie" not in openbaar
    intern = run(capsys, folder, "agenda", "render", vid)[1]
    assert "| 14.40–15.10 | Klimaatadaptatie in het provinciaal beleid (vertrouwelijk) |" in intern


def test_agenda_items_the_programme_does_not_name_are_shown(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    edit(
        folder,
        "status: gehouden\n",
        "status: gehouden\nagenda:\n"
        "  - titel: Opening en welkom\n    behandelvorm: ter kennisname\n"
        "  - titel: Vaststellen jaarthema 2027\n    behandelvorm: ter bespreking\n",
    )
    text = run(capsys, folder, "agenda", "render", ID, "--openbaar")[1]
    assert "Verder op de agenda: Vaststellen jaarthema 2027.\n" in text
    assert text.count("Opening en welkom") == 1


# --- who is invited ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("soort", "rol", "groepen"),
    [
        (Overlegsoort.STUURGROEP, Rol.BESTUURDER, {Doelgroep.BESTUURDERS}),
        (Overlegsoort.STUURGROEP, Rol.CLUSTERCOORDINATOR, {Doelgroep.WATERPROFESSIONALS}),
        (Overlegsoort.MANAGEMENTOVERLEG, Rol.LID, {Doelgroep.MANAGERS}),
        (Overlegsoort.WATERTEAM, Rol.MANAGER, {Doelgroep.MANAGERS}),
        (Overlegsoort.WATERTEAM, Rol.LID, {Doelgroep.WATERPROFESSIONALS}),
        (Overlegsoort.WATERTEAM, Rol.ADVISEUR, {Doelgroep.WATERPROFESSIONALS}),
        (
            Overlegsoort.CLUSTERCOORDINATORENOVERLEG,
            Rol.WATERREGISSEUR,
            {Doelgroep.WATERPROFESSIONALS},
        ),
        (
            Overlegsoort.CLUSTERCOORDINATORENOVERLEG,
            Rol.VOORZITTER_CCO,
            {Doelgroep.WATERPROFESSIONALS},
        ),
        (Overlegsoort.CLUSTERCOORDINATORENOVERLEG, Rol.NOTULIST, set()),
        (Overlegsoort.CLUSTERCOORDINATORENOVERLEG, Rol.COMMUNICATIEADVISEUR, set()),
        (Overlegsoort.STUURGROEP, Rol.LID, set()),
    ],
)
def test_roles_and_audiences(soort: Overlegsoort, rol: Rol, groepen: set[Doelgroep]) -> None:
    overleg = Overleg(
        id="x",
        naam="X",
        soort=soort,
        voorzitter="p-a",
        secretaris="p-a",
        leden=[Lid(persoon="p-a", rol=rol)],
    )
    assert thema.rol_doelgroepen(overleg, rol) == groepen


def test_invited_people(folder: Path) -> None:
    gegevens = dataset.load(folder)
    vergadering = gegevens.get(Vergadering, ID)
    assert vergadering is not None
    rows = {g.persoon: g for g in thema.genodigden(gegevens, vergadering)}
    # Once each, with every reason.
    assert rows["p-wiersma"].groepen == ("organisator", "spreker", "waterprofessional")
    assert rows["p-smit"].groepen == ("organisator",)
    assert rows["p-hofman"].groepen == ("spreker",)  # a bestuurder, here as a speaker
    assert rows["p-bos"].groepen == ("waterprofessional",)  # agendalid of the CCO
    assert "p-boersma" not in rows  # the notulist
    assert "p-mulder" not in rows  # bestuurders are not the audience this time
    assert "p-visser" not in rows  # province: no partner
    keys = [(g.organisatie_naam, g.naam) for g in rows.values()]
    assert keys == sorted(keys, key=lambda k: (k[0].casefold(), k[1].casefold()))

    # For bestuurders: the members of the stuurgroep with that role, of all partners.
    bestuurders = vergadering.model_copy(update={"doelgroep": [Doelgroep.BESTUURDERS]})
    rows = {g.persoon: g for g in thema.genodigden(gegevens, bestuurders)}
    assert {p for p, g in rows.items() if "bestuurder" in g.groepen} == {
        "p-de-boer",
        "p-hofman",
        "p-kramer",
        "p-mulder",
        "p-oosting",
        "p-postma",
        "p-schuurman",
        "p-veenstra",
        "p-zijlstra",
    }
    assert "p-nijboer" not in rows  # a waterprofessional, not invited this time
    # Without an audience, the meeting is for all three groups.
    alle = vergadering.model_copy(update={"doelgroep": []})
    assert thema.doelgroep(alle) == list(Doelgroep)


def test_invited_people_as_text_and_json(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, err = run(capsys, folder, "agenda", "genodigden", ID)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["naam", "organisatie", "genodigd", "als", "functie"]
    assert lines[-1] == "26 genodigden, van wie 8 zonder e-mailadres"
    code, out, err = run(capsys, folder, "agenda", "genodigden", ID, "--format", "json")
    assert code == 0, err
    assert_golden("thema/genodigden-2026-02-12.json", out)
    doc = json.loads(out)
    assert doc["aantal"] == len(doc["genodigden"]) == 26
    wiersma = next(g for g in doc["genodigden"] if g["id"] == "p-wiersma")
    assert wiersma["email"] == "e.wiersma@noorderzijlvest.example"


def test_commands_refuse_a_regular_meeting(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    for command in ("genodigden", "presentielijst", "terugblik"):
        code, out, err = run(capsys, folder, "agenda", command, "cco-2026-11-17")
        assert (code, out) == (2, "")
        assert err == (
            "fout: cco-2026-11-17 is geen themabijeenkomst (overleg: Clustercoördinatorenoverleg)\n"
            "  deze opdracht is voor een vergadering van een overleg met 'soort: "
            "themabijeenkomst'; de agenda van een gewone vergadering maakt 'waterketen agenda "
            "render cco-2026-11-17'\n"
        )
    code, _, err = run(capsys, folder, "agenda", "genodigden", "themabijeenkomst-2026-02-13")
    assert code == 2 and "bedoelde u 'themabijeenkomst-2026-02-12'?" in err


# --- the presence list ------------------------------------------------------------------------


def test_presence_list(capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path) -> None:
    code, text, err = run(capsys, folder, "agenda", "presentielijst", ID)
    assert code == 0, err
    assert_golden("thema/presentielijst-2026-02-12.md", text)
    [lijst] = tables(MD.render(text))
    assert lijst[0] == ["Naam", "Organisatie", "Functie", "Handtekening"]
    assert all(len(r) == 4 for r in lijst)
    rijen = [r for r in lijst[1:] if r[0]]
    assert len(rijen) == 26 + 4 and len(lijst) - 1 - len(rijen) == thema.LEGE_REGELS
    assert ["Sietske Bakker", "Gemeente Opsterland", "Beheerder riolering", ""] in rijen
    assert rijen == sorted(rijen, key=lambda r: (r[1].casefold(), r[0].casefold()))
    assert text.rstrip().endswith("26 genodigden en 4 aangemelde gasten.")

    # Written through the write path: never over an existing file unasked.
    target = tmp_path / "presentielijst.md"
    assert run(capsys, folder, "agenda", "presentielijst", ID, "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == text
    code, _, err = run(capsys, folder, "agenda", "presentielijst", ID, "-o", str(target))
    assert code == 2
    assert err == f"fout: {target} bestaat al\n  kies een ander bestand of gebruik --overschrijf\n"


# --- registrations are never public -------------------------------------------------------------


def _public_outputs(capsys: pytest.CaptureFixture[str], folder: Path, vid: str) -> dict[str, str]:
    outputs = {}
    for name, args in {
        "agenda": ["agenda", "render", vid, "--openbaar"],
        "terugblik": ["agenda", "terugblik", vid],
        "kalender": ["kalender"],
        "besluiten": ["besluiten", "--openbaar", "--format", "json"],
        "overzicht": ["overzicht", "--openbaar", "--markdown"],
    }.items():
        code, out, err = run(capsys, folder, *args)
        assert code == 0, (name, err)
        outputs[name] = out.replace("\r\n ", "")  # unfold the calendar's lines
    return outputs


def test_no_public_output_names_a_guest(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    geheim = [x for gast in GASTEN for x in gast if x]
    outputs = _public_outputs(capsys, folder, ID)
    # The organisers' own document shows figures, not guests.
    outputs["agenda intern"] = run(capsys, folder, "agenda", "render", ID)[1]
    for name, text in outputs.items():
        for secret in geheim:
            assert secret not in text, (name, secret)
    # The public view itself has none of them.
    view = publiek.publiek(dataset.load(folder), dt.date.fromisoformat(VANDAAG))
    vergadering = view.get(Vergadering, ID)
    assert vergadering is not None and vergadering.aanmeldingen == []
    # The presence list (internal) does have them: the test would notice a rename.
    lijst = run(capsys, folder, "agenda", "presentielijst", ID)[1]
    assert all(gast[0] in lijst and gast[1] in lijst for gast in GASTEN)


def test_no_public_output_names_a_guest_of_a_meeting_to_come(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    upcoming(folder)
    vid = "themabijeenkomst-2027-02-11"
    edit(
        folder,
        "terugblik: |-\n",
        "terugblik: |-\n  Met dank aan alle gasten.\n\n",
        record=vid,
    )
    outputs = _public_outputs(capsys, folder, vid)
    for name, text in outputs.items():
        for gast in GASTEN:
            for secret in filter(None, gast):
                assert secret not in text, (name, secret)
    assert "Aanmelden bij" in outputs["agenda"]


# --- the write-up ------------------------------------------------------------------------------


def test_terugblik(capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path) -> None:
    code, text, err = run(capsys, folder, "agenda", "terugblik", ID)
    assert code == 0, err
    assert_golden("thema/terugblik-2026-02-12.md", text)
    html = MD_HTML.render(text)
    assert re.findall(r"<h1>(.*?)</h1>", html) == [f"Terugblik: {TITEL}"]
    # The secretary's Markdown is markup (under the document's own sections).
    assert "<h3>Wat we meenemen</h3>" in html
    assert "<strong>wie neemt het over als de enige\nrioleringsbeheerder" in html
    assert html.count("<li>") == 4 + 3 and "<blockquote>" in html  # the facts, the list
    assert '<a href="https://www.waterketengroningendrenthe.nl/">' in html
    assert "Thema: Vermindering van kwetsbaarheid" in html
    [programma] = tables(html)
    assert len(programma) == 9
    # From the public view: function and organisation of who did not consent.
    assert "Anouk Dijkstra" not in text and "@" not in text.replace("](<", "")

    target = tmp_path / "terugblik.md"
    assert run(capsys, folder, "agenda", "terugblik", ID, "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == text


def test_terugblik_missing(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, err = run(capsys, folder, "agenda", "terugblik", "themabijeenkomst-2026-05-21")
    assert (code, out) == (1, "")
    assert err == (
        "fout: themabijeenkomst-2026-05-21 heeft nog geen terugblik\n"
        "  schrijf hem in het veld 'terugblik' van de vergadering (Markdown: alinea's, nadruk, "
        "lijsten, citaten, koppen en koppelingen)\n"
    )


VIJANDIG = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox)",
    "[x](/relatief)",
    "![x](https://tracker.example/pixel.png)",
    "\\![x](https://tracker.example/pixel.png)",
    "<javascript:alert(1)>",
    "<https://goed.example/pad>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "[ref2]\n\n[ref2]: https://goed.example/ref",
    "<b onmouseover=alert(1)>vet</b>",
    "<!-- commentaar -->",
    "<style>body{display:none}</style>",
    "&lt;script&gt; &#60;script&#62;",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>ingesprongen</script>",
    "[a](https://goed.example/)[b](javascript:x)",
    "[a [b](https://x.example/) c](javascript:y)",
    "\\[[x](https://x.example/)\\](javascript:alert(1))",
    "*nadruk* en **sterk** en `code`",
    "- lijst\n- met [link](https://x.example/)\n\n1. een\n2. twee",
    "> citaat <script>x</script>",
    "# kop\n\n## kop 2",
    "regel\n---",
    "| a | b |\n|---|---|\n| c | d |",
    "<a href='javascript:alert(1)'>x</a>",
    "[x](<javascript:alert(1)>)",
    '[x](https://goed.example/ "titel" onclick=alert(1))',
    "mail [mij](mailto:secretariaat@waterketen.example)",
]

#: Tags the subset may produce, with the attributes each may carry.
TOEGESTAAN = {
    "p": set(),
    "em": set(),
    "strong": set(),
    "code": set(),
    "pre": set(),
    "ul": set(),
    "ol": {"start"},
    "li": set(),
    "blockquote": set(),
    "hr": set(),
    "br": set(),
    "h3": set(),
    "h4": set(),
    "h5": set(),
    "h6": set(),
    "a": {"href"},
}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_safe(markdown: str) -> None:
    """Rendered leniently (raw HTML on), the subset holds only its own tags, and every
    link goes to an http(s) or mailto address."""
    parser = Tags()
    parser.feed(MD_HTML.render(markdown))
    for tag, attrs in parser.found:
        assert tag in TOEGESTAAN, (tag, markdown)
        for name, value in attrs:
            assert name in TOEGESTAAN[tag], (tag, name, markdown)
            if name == "href":
                assert re.match(r"(https?|mailto):", value or ""), (value, markdown)


@pytest.mark.parametrize("tekst", VIJANDIG)
def test_the_subset_is_safe(tekst: str) -> None:
    out = str(subset(tekst))
    assert_safe(out)
    html = MD_HTML.render(out)
    assert (
        "<script" not in html
        and "<img" not in html
        and "javascript:"
        not in html.replace("javascript:alert(1)", "")
        .replace("javascript:x", "")
        .replace("javascript:y", "")
    )


def test_the_subset_keeps_what_is_allowed() -> None:
    tekst = (
        "mail [mij](mailto:secretariaat@waterketen.example)\n\n"
        "- lijst\n- met [link](https://x.example/)\n\n1. een\n2. twee\n\n"
        "# kop\n\n## kop 2\n\nregel\n---\n\n*nadruk* en **sterk** en `code`"
    )
    html = MD_HTML.render(str(subset(tekst)))
    assert html == (
        '<p>mail <a href="mailto:secretariaat@waterketen.example">mij</a></p>\n'
        '<ul>\n<li>lijst</li>\n<li>met <a href="https://x.example/">link</a></li>\n</ul>\n'
        "<ol>\n<li>een</li>\n<li>twee</li>\n</ol>\n"
        "<h3>kop</h3>\n<h4>kop 2</h4>\n<h4>regel</h4>\n"
        "<p><em>nadruk</em> en <strong>sterk</strong> en <code>code</code></p>\n"
    )
    # What is not allowed is text, never markup.
    tekst = "<script>alert(1)</script> [x](javascript:alert(1)) ![x](https://t.example/p.png)"
    assert MD_HTML.render(str(subset(tekst))) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) x</p>\n"
    )
    assert MD_HTML.render(str(subset("```html\n<script>alert(1)</script>\n```"))) == (
        "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(VIJANDIG),
            st.text(alphabet=st.sampled_from(list("#-+*_`~[]()<>!&|\\:=.1 aj\n")), max_size=30),
        ),
        max_size=6,
    ).map("".join)
)
def test_no_text_becomes_unsafe_markup(tekst: str) -> None:
    assert_safe(str(subset(tekst)))


def test_hostile_terugblik_through_the_command(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    path = folder / "vergaderingen" / f"{ID}.yaml"
    text = path.read_text(encoding="utf-8")
    hostile = "\n\n".join(VIJANDIG).replace("\n", "\n  ")
    text = text.split("terugblik: |-\n")[0] + "terugblik: |-\n  " + hostile + "\n"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, folder, "agenda", "terugblik", ID)
    assert code == 0, err
    body = out.split("\n## Programma\n")[0]
    assert_safe(body.split("\n\n", 2)[2])  # the terugblik itself, after title and facts
    assert "<script" not in MD_HTML.render(out)


# --- validate: capacity and programme ----------------------------------------------------------


def findings(
    capsys: pytest.CaptureFixture[str], folder: Path, bestand: str = f"{ID}.yaml"
) -> list[dict[str, object]]:
    out = run(capsys, folder, "validate", "--format", "json")[1]
    return [f for f in json.loads(out)["bevindingen"] if str(f["bestand"]).endswith(bestand)]


def _line(folder: Path, text: str) -> int:
    lines = (folder / "vergaderingen" / f"{ID}.yaml").read_text("utf-8").splitlines()
    return lines.index(text) + 1


def test_more_registrations_than_places(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    assert findings(capsys, folder) == []
    edit(folder, "capaciteit: 50", "capaciteit: 2")
    [found] = findings(capsys, folder)
    assert found == {
        "bestand": f"data/vergaderingen/{ID}.yaml",
        "regel": _line(folder, "  - naam: Sietske Bakker"),
        "kolom": 5,
        "veld": "aanmeldingen[2]",
        "check": "aanmeldingen",
        "ernst": "waarschuwing",
        "bericht": "4 aanmeldingen voor 2 plaatsen: 2 aanmeldingen te veel, vanaf deze",
        "hint": "verhoog 'capaciteit' als de zaal groter kan, of zet de laatste aanmeldingen "
        "op een wachtlijst (buiten de gegevens)",
    }


def test_a_guest_registered_twice(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    edit(
        folder,
        "  - naam: Dirk Mensink\n",
        "  - naam: rianne  zwiers\n    organisatie: Provincie Drenthe\n  - naam: Dirk Mensink\n",
    )
    [found] = findings(capsys, folder)
    assert (found["veld"], found["check"], found["bericht"]) == (
        "aanmeldingen[3]",
        "aanmeldingen",
        "rianne  zwiers (Provincie Drenthe) is al aangemeld (aanmelding 1)",
    )


def test_programme_in_order_and_within_the_meeting(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    edit(folder, "  - begin: '15:10'\n", "  - begin: '14:30'\n")
    edit(folder, "  - begin: '13:30'\n", "  - begin: '13:00'\n")
    edit(folder, "  - begin: '16:45'\n", "  - begin: '17:00'\n")
    found = findings(capsys, folder)
    assert [(f["veld"], f["check"], f["ernst"], f["bericht"]) for f in found] == [
        (
            "programma[0].begin",
            "programma",
            "fout",
            "'Inloop met koffie en thee' begint om 13.00 uur, vóór de bijeenkomst (13.30 uur)",
        ),
        (
            "programma[4].begin",
            "programma",
            "fout",
            "'Pauze' begint om 14.30 uur, niet na het blok ervoor ('Elkaar vervangen bij ziekte "
            "en vakantie: de pool van rioleringsbeheerders', 14.40 uur)",
        ),
        (
            "programma[7].begin",
            "programma",
            "fout",
            "'Afsluiting en borrel' begint om 17.00 uur, niet vóór het einde van de bijeenkomst "
            "(17.00 uur)",
        ),
    ]


def test_the_example_record_is_canonical(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, EXAMPLE_DATA, "fmt", "--check", str(EXAMPLE_DATA / "vergaderingen" / f"{ID}.yaml")
    )
    assert code == 0, out + err


def test_a_new_themabijeenkomst(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    args = ["agenda", "new", "--overleg", "themabijeenkomst", "--datum", "2027-03-18"]
    code, _, err = run(capsys, folder, *args)
    assert code == 0, err
    path = folder / "vergaderingen" / "themabijeenkomst-2027-03-18.yaml"
    head = path.read_text(encoding="utf-8")
    assert "# Gasten van buiten meldt u aan onder 'aanmeldingen'" in head
    assert run(capsys, folder, "fmt", "--check", str(path))[0] == 0
    assert findings(capsys, folder, path.name) == []
    # Until it has a programme, the agenda is its programme; registering is open.
    text = run(capsys, folder, "agenda", "render", "themabijeenkomst-2027-03-18")[1]
    assert text.startswith("# Regionale themabijeenkomst (concept)\n")
    assert "| 14.00–14.10 | Opening en welkom | Erik Wiersma (Waterschap Noorderzijlvest) |" in text
    assert "## Aanmelden\n\nAanmelden bij Lotte Smit" in text
