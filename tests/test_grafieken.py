"""Charts as images (analyse/grafieken.py) for Word and PDF, and the documents that hold them.

The SVG is read as XML: matplotlib writes its letters as paths (no font needed to show
it) and each text as a comment before them, which is where the title, the legend and
the axis labels are found. The expected figures come from the example data's YAML
(``metingen`` in test_monitor), not from the code under test.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import EXAMPLE_DATA
from helpers import invoke
from test_monitor import INDICATOREN, metingen
from waterketen_cli import render
from waterketen_cli.analyse import grafieken, middelen_grafiek, monitor_document
from waterketen_cli.analyse import middelen as geld
from waterketen_cli.analyse import monitor as kern
from waterketen_cli.documentformaat import Afbeelding
from waterketen_cli.models.records import Cluster, Regio
from waterketen_cli.records.dataset import load

VANDAAG = dt.date(2026, 11, 27)
SVG = "{http://www.w3.org/2000/svg}"
JAREN = [dt.date(j, 12, 31) for j in (2022, 2023, 2024, 2025)]


@pytest.fixture(scope="module")
def uitkomst() -> kern.Monitor:
    gegevens = load(EXAMPLE_DATA, kern.SOORTEN)
    return kern.monitor(gegevens.of(Regio)[0], gegevens.of(Cluster), VANDAAG)


def grafiek(m: kern.Monitor, indicator: str) -> monitor_document.Grafiek:
    _, stukken = monitor_document._document(m, afbeeldingen=True)
    stuk = next(s for s in stukken if s.beeld.indicator.id == indicator)
    assert stuk.grafiek is not None
    return stuk.grafiek


@pytest.fixture(scope="module")
def rioolheffing(uitkomst: kern.Monitor) -> tuple[monitor_document.Grafiek, Afbeelding]:
    g = grafiek(uitkomst, "rioolheffing")
    return g, grafieken.afbeelding(g.beeld, g.naam)


def svg_boom(data: bytes) -> ET.Element:
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    return ET.fromstring(data, parser=parser)


def teksten(element: ET.Element) -> list[str]:
    """Every text in the image, in the order drawn (matplotlib's comments)."""
    return [str(e.text).strip() for e in element.iter() if e.tag is ET.Comment]


def groep(boom: ET.Element, gid: str) -> ET.Element:
    found = boom.find(f".//{SVG}g[@id='{gid}']")
    assert found is not None, gid
    return found


def lijnstuk(element: ET.Element) -> tuple[str, list[str]]:
    """A line's colour and its pieces: the path starts a piece at every M."""
    path = element.find(f"{SVG}path")
    assert path is not None
    kleur = re.search(r"stroke: (#[0-9a-f]{6})", path.get("style", ""))
    assert kleur is not None
    return kleur[1], [p.strip() for p in path.get("d", "").split("M") if p.strip()]


def markers(element: ET.Element) -> int:
    return len(element.findall(f".//{SVG}use"))


# --- the line chart ---------------------------------------------------------------------------


def test_the_image_data_are_the_measurements_with_none_for_a_gap(
    uitkomst: kern.Monitor,
) -> None:
    g = grafiek(uitkomst, "rioolheffing")
    lijnen = {lijn.naam: lijn for lijn in g.beeld.lijnen}
    waarden = metingen("westerkwartier", "rioolheffing")
    assert lijnen["Westerkwartier"].waarden == tuple(
        None if d not in waarden else Decimal(str(waarden[d])) for d in JAREN
    )
    assert lijnen["Westerkwartier"].waarden[2] is None
    # the colours are the Mermaid chart's, and the image has every line Mermaid has
    mermaid = {lijn.naam: lijn.code for lijn in g.lijnen}
    assert {lijn.naam: lijn.code for lijn in g.beeld.lijnen} == mermaid
    assert g.beeld.lijnen[0].gestippeld and g.beeld.lijnen[0].naam == "regio (mediaan)"
    assert g.gaten == ("Westerkwartier (2024)",)
    # a cluster not measured at the first peildatum: no Mermaid line, but an image line
    klachten = grafiek(uitkomst, "meldingen-riolering")
    assert klachten.weggelaten == ("Westerkwartier",)
    assert "Westerkwartier" in [lijn.naam for lijn in klachten.beeld.lijnen]


def test_the_svg_has_title_legend_and_the_mermaid_colours(
    rioolheffing: tuple[monitor_document.Grafiek, Afbeelding],
) -> None:
    g, beeld = rioolheffing
    boom = svg_boom(beeld.svg)
    alle = teksten(boom)
    assert INDICATOREN["rioolheffing"]["naam"] in alle
    assert INDICATOREN["rioolheffing"]["eenheid"] in alle
    assert [t for t in alle if re.fullmatch(r"20\d\d", t)] == ["2022", "2023", "2024", "2025"]
    legenda = teksten(groep(boom, "legend_1"))
    assert legenda == [lijn.naam for lijn in g.lijnen]
    kleuren = [lijnstuk(groep(boom, f"lijn-{i + 1}"))[0] for i in range(len(g.beeld.lijnen))]
    assert kleuren == [lijn.code.lower() for lijn in g.lijnen]
    assert kleuren[0] == monitor_document.REGIOKLEUR[1].lower()
    # letters as paths: the SVG needs no font on the computer that shows it
    assert boom.find(f".//{SVG}text") is None


def test_a_gap_is_a_break_in_the_line_not_a_bridge(
    uitkomst: kern.Monitor, rioolheffing: tuple[monitor_document.Grafiek, Afbeelding]
) -> None:
    g, beeld = rioolheffing
    boom = svg_boom(beeld.svg)
    namen = [lijn.naam for lijn in g.beeld.lijnen]
    westerkwartier = groep(boom, f"lijn-{namen.index('Westerkwartier') + 1}")
    _, stukken = lijnstuk(westerkwartier)
    assert len(stukken) == 2  # 2022–2023, then 2025 on its own
    assert markers(westerkwartier) == 3  # no point at 2024
    waterpas = groep(boom, f"lijn-{namen.index('Waterpas') + 1}")
    assert len(lijnstuk(waterpas)[1]) == 1 and markers(waterpas) == 4
    # a cluster with only separate measurements still shows them, as points
    klachten = grafiek(uitkomst, "meldingen-riolering")
    namen = [lijn.naam for lijn in klachten.beeld.lijnen]
    boom = svg_boom(grafieken.afbeelding(klachten.beeld, "k").svg)
    los = groep(boom, f"lijn-{namen.index('Westerkwartier') + 1}")
    assert markers(los) == len(metingen("westerkwartier", "meldingen-riolering")) == 2
    assert all(" L " not in f" {stuk} " for stuk in lijnstuk(los)[1])
    assert "Westerkwartier" in teksten(groep(boom, "legend_1"))
    # numbers on the axis the Dutch way
    assert "1.400" in teksten(boom)


def test_dutch_decimals_on_the_axis() -> None:
    lijn = grafieken.Lijnreeks("A", "#E69F00", (Decimal("0.5"), None, Decimal("2.25")))
    beeld = grafieken.afbeelding(
        grafieken.Lijngrafiek("Aandeel", ("voorjaar", "zomer", "najaar"), "%", (lijn,)),
        "a",
    )
    getallen = [t for t in teksten(svg_boom(beeld.svg)) if re.fullmatch(r"[\d.,]+", t)]
    assert getallen and all(re.fullmatch(r"\d+,\d\d", t) for t in getallen), getallen


def test_same_data_same_bytes(rioolheffing: tuple[monitor_document.Grafiek, Afbeelding]) -> None:
    g, beeld = rioolheffing
    again = grafieken.afbeelding(g.beeld, g.naam)
    assert again.svg == beeld.svg
    assert again.png == beeld.png
    assert b"<dc:date>" not in beeld.svg
    assert b"Matplotlib v" not in beeld.svg and b"Matplotlib v" not in beeld.png


def test_the_png_is_sharp_and_the_width_of_a_page(
    rioolheffing: tuple[monitor_document.Grafiek, Afbeelding],
) -> None:
    _, beeld = rioolheffing
    image = Image.open(io.BytesIO(beeld.png))
    assert image.format == "PNG"
    breedte, hoogte = image.size
    assert breedte == round(grafieken.BREEDTE * grafieken.PNG_DPI)
    assert 0.3 < hoogte / breedte < 0.8
    assert round(image.info["dpi"][0]) == grafieken.PNG_DPI  # Word sizes it by this
    assert image.getpixel((2, 2))[:3] == (255, 255, 255)


def test_the_font_is_matplotlibs_own() -> None:
    import matplotlib
    from matplotlib import font_manager

    with grafieken._matplotlib():
        pad = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert Path(pad).name == "DejaVuSans.ttf"
    assert Path(pad).is_relative_to(Path(matplotlib.get_data_path()))


def test_the_document_for_word_and_pdf_refers_to_images(uitkomst: kern.Monitor) -> None:
    context, beelden = monitor_document.document_met_afbeeldingen(uitkomst)
    tekst = render.render(None, "monitor.md.j2", **context)
    gewoon = render.render(None, "monitor.md.j2", **monitor_document.document(uitkomst))
    verwijzingen = re.findall(r"^!\[(.+)\]\((grafiek-\d+)\)$", tekst, re.M)
    assert [naam for _, naam in verwijzingen] == [b.naam for b in beelden]
    assert len(beelden) == gewoon.count("```mermaid") > 0
    assert "```mermaid" not in tekst and "overbrugt" not in tekst
    assert verwijzingen[0][0] == INDICATOREN["rioolheffing"]["naam"]
    assert "loopt de lijn niet door: Westerkwartier (2024)." in tekst
    # the rest of the document is the same text
    assert tekst.split("\n## Signalen")[1] == gewoon.split("\n## Signalen")[1]


# --- the bar chart of the resources -----------------------------------------------------------


@pytest.fixture(scope="module")
def middelen() -> geld.Middelen:
    return geld.middelen(load(EXAMPLE_DATA, geld.SOORTEN), geld.Selectie(), VANDAAG)


def test_the_budget_bar_is_promised_requested_and_shortfall(middelen: geld.Middelen) -> None:
    g = middelen_grafiek.dekkingsgrafiek(middelen)
    assert g is not None
    assert g.projecten == tuple(p.project.titel for p in middelen.projecten)
    i = [p.project.id for p in middelen.projecten].index("afkoppelen-waterpas")
    delen = {d.naam: d.waarden[i] for d in g.beeld.delen}
    assert delen == {
        "toegezegd": Decimal(400_000),
        "aangevraagd": Decimal(40_000),
        "tekort": Decimal(60_000),
    }
    for j, p in enumerate(middelen.projecten):
        assert sum(d.waarden[j] for d in g.beeld.delen) == p.totaal.begroting
    # Mermaid: bars drawn over each other, the budget first, in thousands of euros
    assert [b.kleur for b in g.balken] == ["rood", "hemelsblauw", "groen"]
    assert [b.waarden[i] for b in g.balken] == ["500", "440", "400"]
    assert g.maximum == "500" and g.boven_begroting == ()


def test_funding_beyond_the_budget_is_its_own_part(middelen: geld.Middelen) -> None:
    eerste = middelen.projecten[0]
    meer = replace(eerste, totaal=geld.Bedragen(Decimal(100), Decimal(90), Decimal(30)))
    g = middelen_grafiek.dekkingsgrafiek(replace(middelen, projecten=[meer]))
    assert g is not None
    assert [(d.naam, d.waarden[0]) for d in g.beeld.delen] == [
        ("toegezegd", Decimal(90)),
        ("aangevraagd", Decimal(10)),
        ("tekort", Decimal(0)),
        ("financiering boven de begroting", Decimal(20)),
    ]
    assert g.beeld.delen[-1].gearceerd
    assert [(b.kleur, b.waarden[0]) for b in g.balken] == [
        ("roze", "0.12"),
        ("rood", "0.1"),
        ("hemelsblauw", "0.1"),
        ("groen", "0.09"),
    ]
    assert g.boven_begroting == (eerste.project.titel,)


def test_no_chart_for_too_many_projects_or_none(middelen: geld.Middelen) -> None:
    veel = middelen.projecten * (
        middelen_grafiek.GRAFIEK_MAX_PROJECTEN // len(middelen.projecten) + 1
    )
    assert middelen_grafiek.dekkingsgrafiek(replace(middelen, projecten=veel)) is None
    assert middelen_grafiek.dekkingsgrafiek(replace(middelen, projecten=[])) is None


def test_the_bar_chart_image(middelen: geld.Middelen) -> None:
    g = middelen_grafiek.dekkingsgrafiek(middelen)
    assert g is not None
    beeld = grafieken.afbeelding(g.beeld, g.naam)
    boom = svg_boom(beeld.svg)
    alle = teksten(boom)
    assert "Begroting en dekking per project" in alle
    assert teksten(groep(boom, "legend_1")) == ["toegezegd", "aangevraagd", "tekort"]
    assert "€\xa0500.000" in alle  # the budget after the bar
    vullingen = set(re.findall(rb"fill: (#[0-9a-f]{6})", beeld.svg))
    assert {b"#009e73", b"#56b4e9", b"#d55e00"} <= vullingen
    assert grafieken.afbeelding(g.beeld, g.naam) == beeld
    image = Image.open(io.BytesIO(beeld.png))
    assert image.size[0] == round(grafieken.BREEDTE * grafieken.PNG_DPI)
    assert image.size[1] <= grafieken.MAX_HOOGTE * grafieken.PNG_DPI


# --- the commands -----------------------------------------------------------------------------


def test_monitor_as_word(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["monitor", "--data", "data", "-o", "monitor.docx"], cwd=repo)
    assert (result.code, result.out, result.err) == (0, "Geschreven: monitor.docx\n", "")
    document = docx.Document(str(repo / "monitor.docx"))
    koppen = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {i["naam"] for i in INDICATOREN.values()} <= koppen
    assert {"Kosten", "Signalen"} <= koppen
    getallen = [i for i in INDICATOREN.values() if i.get("waardesoort") != "ja/nee"]
    assert len(document.inline_shapes) == len(getallen)
    sectie = document.sections[0]
    breedte = sectie.page_width - sectie.left_margin - sectie.right_margin
    assert all(0 < s.width <= breedte for s in document.inline_shapes)  # within the margins


def test_monitor_as_pdf(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["monitor", "--data", "data", "-o", "monitor.pdf"], cwd=repo)
    assert (result.code, result.err) == (0, "")
    reader = PdfReader(repo / "monitor.pdf")
    tekst = " ".join((page.extract_text() or "") for page in reader.pages)
    tekst = " ".join(tekst.split())
    for indicator in INDICATOREN.values():
        assert indicator["naam"] in tekst
    assert "loopt de lijn niet door" in tekst


def test_middelen_as_word(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["middelen", "--formaat", "docx", "-o", "middelen.docx"], cwd=repo)
    assert (result.code, result.out, result.err) == (0, "Geschreven: middelen.docx\n", "")
    document = docx.Document(str(repo / "middelen.docx"))
    assert len(document.inline_shapes) == 1
    assert any("Per project de begroting" in p.text for p in document.paragraphs)


def test_matplotlib_is_imported_only_to_draw() -> None:
    """Other commands start without it: it takes a noticeable moment to import."""
    code = (
        "import sys\n"
        "import waterketen_cli.analyse.grafieken, waterketen_cli.analyse.middelen\n"
        "import waterketen_cli.analyse.middelen_grafiek, waterketen_cli.analyse.middelen_json\n"
        "import waterketen_cli.analyse.monitor, waterketen_cli.analyse.monitor_document\n"
        "import waterketen_cli.analyse.monitor_tekst, waterketen_cli.cli.main\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "False\n"
