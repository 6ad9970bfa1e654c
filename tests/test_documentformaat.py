"""Documents as people send them: every document as Word and as PDF, in the house style,
read back with real readers (python-docx, pypdf)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from helpers import invoke
from waterketen_cli import documentformaat

REGIO = "Waterketen Groningen en Noord-Drenthe"

#: Every document the tool renders: the command, the title (the first heading), and a
#: piece of text that must be in it.
DOCUMENTEN = {
    "agenda": (["agenda", "render", "cco-2026-12-15"], "Agenda Clustercoördinatorenoverleg",
               "Opening en vaststellen agenda"),
    "agenda-openbaar": (["agenda", "render", "cco-2026-12-15", "--openbaar"],
                        "Agenda Clustercoördinatorenoverleg", "Opening en vaststellen agenda"),
    "verslag": (["notulen", "render", "stuurgroep-2026-09-24"], "Verslag Stuurgroep",
                "Evaluatie pilot storingsdienst gemalen"),
    "besluitenlijst": (["besluitenlijst", "stuurgroep-2026-09-24", "--openbaar"],
                       "Besluitenlijst Stuurgroep", "B-2026-023"),
    "actielijst": (["acties", "--alle"], f"Actielijst {REGIO}", "stand van zaken"),
    "overzicht": (["overzicht"], "Activiteitenoverzicht", "Waterpas"),
    "uitvoering": (["uitvoering"], "Uitvoering stuurgroepbesluiten", "B-2026-024"),
    "projectplan": (["project", "plan", "afkoppelen-waterpas"], "Projectplan", "Doel"),
    "presentielijst": (["agenda", "presentielijst", "themabijeenkomst-2026-10-29"],
                       "Presentielijst", "Handtekening"),
    "terugblik": (["agenda", "terugblik", "themabijeenkomst-2026-02-12"], "Terugblik",
                  "Programma"),
}  # fmt: skip


def _schrijf(capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], naam: str) -> Path:
    doel = repo / naam
    result = invoke(capsys, [*args, "-o", naam], cwd=repo)
    assert result.code == 0, result.err
    assert result.out == f"Geschreven: {naam}\n"
    return doel


def _vorm(text: str) -> str:
    """Text as compared across readers: without spaces (PDF text extraction puts them
    where it likes)."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("soort", list(DOCUMENTEN))
def test_every_document_as_word(capsys: pytest.CaptureFixture[str], repo: Path, soort: str) -> None:
    args, titel, tekst = DOCUMENTEN[soort]
    pad = _schrijf(capsys, repo, args, f"{soort}.docx")
    document = docx.Document(str(pad))
    koppen = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    # Word's navigation pane shows the headings: the title is a Heading 1.
    assert koppen[0][0] == "Heading 1"
    assert koppen[0][1].startswith(titel), koppen[0]
    alles = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert tekst.lower() in alles.lower()
    # The house style: the logo and the name in the header, "pagina X van Y" as fields.
    sectie = document.sections[0]
    kop = sectie.header
    assert REGIO in "".join(p.text for p in kop.paragraphs)
    assert kop._element.findall(".//" + qn("w:drawing")), "geen logo in de kop"
    velden = [e.text.strip() for e in sectie.footer._element.iter(qn("w:instrText"))]
    assert velden == ["PAGE", "NUMPAGES"]
    voet = "".join(t.text for t in sectie.footer._element.iter(qn("w:t")))
    assert voet.startswith("pagina ") and " van " in voet
    assert document.core_properties.language == "nl-NL"


@pytest.mark.parametrize("soort", list(DOCUMENTEN))
def test_every_document_as_pdf(capsys: pytest.CaptureFixture[str], repo: Path, soort: str) -> None:
    args, titel, tekst = DOCUMENTEN[soort]
    pad = _schrijf(capsys, repo, args, f"{soort}.pdf")
    reader = PdfReader(str(pad))
    teksten = [p.extract_text() or "" for p in reader.pages]
    aantal = len(teksten)
    # The header (the region's name), then the title; every page numbered in Dutch.
    assert _vorm(teksten[0]).startswith(_vorm(REGIO + titel)), teksten[0][:200]
    for nummer, pagina in enumerate(teksten, start=1):
        assert _vorm(pagina).endswith(_vorm(f"pagina {nummer} van {aantal}")), pagina[-60:]
    assert _vorm(tekst).lower() in _vorm("".join(teksten)).lower()
    assert reader.metadata is not None
    assert (reader.metadata.title or "").startswith(titel)
    assert reader.metadata.author == REGIO


def test_the_agenda_is_a_table_in_word_and_pdf(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    args = DOCUMENTEN["agenda"][0]
    document = docx.Document(str(_schrijf(capsys, repo, args, "agenda.docx")))
    koppen = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Nr.", "Tijd", "Onderwerp", "Behandelvorm", "Presentator"] in koppen
    agenda = document.tables[
        koppen.index(["Nr.", "Tijd", "Onderwerp", "Behandelvorm", "Presentator"])
    ]
    rijen = [[c.text for c in r.cells] for r in agenda.rows[1:]]
    assert [r[0] for r in rijen] == [str(n) for n in range(1, 11)]
    assert rijen[0][1:3] == ["13.30–13.35", "Opening en vaststellen agenda"]

    reader = PdfReader(str(_schrijf(capsys, repo, args, "agenda.pdf")))
    tekst = _vorm("".join(p.extract_text() or "" for p in reader.pages))
    assert _vorm("Nr. Tijd Onderwerp Behandelvorm Presentator") in tekst
    assert _vorm("1 13.30–13.35 Opening en vaststellen agenda ter besluitvorming") in tekst


def test_the_same_data_gives_the_same_bytes(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    args = DOCUMENTEN["verslag"][0]
    for formaat in ("docx", "pdf"):
        eerste = _schrijf(capsys, repo, args, f"een.{formaat}").read_bytes()
        tweede = _schrijf(capsys, repo, args, f"twee.{formaat}").read_bytes()
        assert eerste == tweede, formaat
    # The .docx is a zip: its entries carry a fixed time, its properties no date.
    with zipfile.ZipFile(repo / "een.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")


def test_the_format_follows_the_extension_or_the_option(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    args = DOCUMENTEN["besluitenlijst"][0]
    # --formaat without an extension that says otherwise.
    result = invoke(capsys, [*args, "--formaat", "docx", "-o", "lijst"], cwd=repo)
    assert result.code == 0, result.err
    assert (repo / "lijst").read_bytes().startswith(b"PK")
    # A contradiction is refused before anything is written.
    result = invoke(capsys, [*args, "--formaat", "pdf", "-o", "lijst.docx"], cwd=repo)
    assert result.code == 2
    assert "--formaat pdf past niet bij de bestandsnaam lijst.docx" in result.err
    assert "noem het bestand lijst.pdf" in result.err
    assert not (repo / "lijst.docx").exists()
    # Markdown stays the default.
    result = invoke(capsys, [*args, "-o", "lijst.md"], cwd=repo)
    assert (repo / "lijst.md").read_text(encoding="utf-8").startswith("# Besluitenlijst")
    # A PDF to standard output, for a pipe (not to a terminal).
    uit = subprocess.run(
        [sys.executable, "-m", "waterketen_cli", *args, "--formaat", "pdf"],
        cwd=repo,
        capture_output=True,
        check=False,
    )
    assert uit.returncode == 0, uit.stderr.decode()
    assert uit.stdout.startswith(b"%PDF-")


def test_the_house_style_comes_from_the_data_repository(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    templates = repo / "templates"
    (templates / "huisstijl.typ").write_text(
        '#let huisstijl(organisatie: "", logo: none, titel: "", doc) = {\n'
        "  set page(header: [Eigen kop van #organisatie], footer: [eigen voet])\n"
        "  doc\n"
        "}\n",
        encoding="utf-8",
    )
    eigen = docx.Document(
        io.BytesIO(
            (Path(documentformaat.__file__).parent / "templates" / "huisstijl.docx").read_bytes()
        )
    )
    eigen.sections[0].header.paragraphs[0].text = "Eigen briefhoofd"
    eigen.save(str(templates / "huisstijl.docx"))
    args = DOCUMENTEN["besluitenlijst"][0]

    reader = PdfReader(str(_schrijf(capsys, repo, args, "lijst.pdf")))
    tekst = reader.pages[0].extract_text() or ""
    assert tekst.startswith(f"Eigen kop van {REGIO}")
    assert tekst.rstrip().endswith("eigen voet")

    document = docx.Document(str(_schrijf(capsys, repo, args, "lijst.docx")))
    # The reference document's own header stays; the footer it left empty is filled.
    assert [p.text for p in document.sections[0].header.paragraphs] == ["Eigen briefhoofd"]
    assert [
        e.text.strip() for e in document.sections[0].footer._element.iter(qn("w:instrText"))
    ] == ["PAGE", "NUMPAGES"]


def test_text_from_the_data_is_never_typesetting_markup(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """A name with Typst's and Word's special characters lands as text."""
    regio = repo / "data" / "regio" / "groningen-noord-drenthe.yaml"
    naam = 'Water "keten" \\ #set page(fill: red) $x$ <b>'
    tekst = regio.read_text(encoding="utf-8").replace(f"naam: {REGIO}", f"naam: '{naam}'", 1)
    regio.write_text(tekst, encoding="utf-8")
    args = DOCUMENTEN["besluitenlijst"][0]
    reader = PdfReader(str(_schrijf(capsys, repo, args, "lijst.pdf")))
    assert _vorm(reader.pages[0].extract_text() or "").startswith(_vorm(naam))
    assert reader.metadata is not None and reader.metadata.author == naam
    document = docx.Document(str(_schrijf(capsys, repo, args, "lijst.docx")))
    assert naam in "".join(p.text for p in document.sections[0].header.paragraphs)


def test_a_missing_logo_is_reported_and_the_document_is_made_without_it(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "templates" / "logo.png").unlink()
    args = DOCUMENTEN["besluitenlijst"][0]
    result = invoke(capsys, [*args, "-o", "lijst.docx"], cwd=repo)
    assert result.code == 0
    assert (
        "let op: logo: het bestand 'templates/logo.png' bestaat niet; het document heeft "
        "geen logo" in result.err
    )
    document = docx.Document(str(repo / "lijst.docx"))
    assert not document.sections[0].header._element.findall(".//" + qn("w:drawing"))

    # validate warns (a document without its logo is still a document).
    result = invoke(capsys, ["validate"], cwd=repo)
    assert result.code == 0, result.out
    assert "data/regio/groningen-noord-drenthe.yaml" in result.out
    assert "het logo 'templates/logo.png' bestaat niet" in result.out
    assert "stuk-ontbreekt" in result.out


def test_a_logo_must_be_a_png_or_jpeg_inside_the_repository(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    regio = repo / "data" / "regio" / "groningen-noord-drenthe.yaml"
    regio.write_text(
        regio.read_text(encoding="utf-8").replace("logo: templates/logo.png", "logo: ../logo.svg"),
        encoding="utf-8",
    )
    result = invoke(capsys, ["validate"], cwd=repo)
    assert result.code == 1
    assert "'../logo.svg' is geen pad van een PNG- of JPEG-bestand in de repository" in result.out
