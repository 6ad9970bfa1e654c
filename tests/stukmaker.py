"""Small real stukken for tests and for the example data: PDFs with text on their pages
(written by hand, a few hundred bytes each, standard fonts, no dependency) and a
minimal spreadsheet.

``python tests/stukmaker.py`` (or ``WATERKETEN_STUKKEN_MAKEN=1 pytest
tests/test_stukken.py``) writes every stuk of the example data that is missing, below
``stukken/`` of this repository: a page with the stuk's title, the meeting and the item,
and that it is an example. Existing files are left alone.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Stukken of the example data with more than one page (the bundle keeps them whole).
MEER_PAGINAS = {"stukken/cco-2026-12-15/05-energiescan-v2.pdf": 2}


def _pdf_tekst(text: str) -> bytes:
    """A PDF string in WinAnsi (the standard fonts' encoding), escaped."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf(*paginas: list[str]) -> bytes:
    """A PDF with one page per list of lines (A4, Helvetica): deterministic bytes."""
    objecten: list[bytes] = []
    n = len(paginas)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objecten.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objecten.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objecten.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    for i, regels in enumerate(paginas):
        stroom = b"BT /F1 14 Tf 72 770 Td 18 TL"
        for regel in regels:
            stroom += b" " + _pdf_tekst(regel) + b" Tj T*"
        stroom += b" ET"
        objecten.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objecten.append(f"<< /Length {len(stroom)} >>\nstream\n".encode() + stroom + b"\nendstream")
    uit = io.BytesIO()
    uit.write(b"%PDF-1.4\n")
    plekken = []
    for nummer, inhoud in enumerate(objecten, start=1):
        plekken.append(uit.tell())
        uit.write(f"{nummer} 0 obj\n".encode() + inhoud + b"\nendobj\n")
    xref = uit.tell()
    uit.write(f"xref\n0 {len(objecten) + 1}\n0000000000 65535 f \n".encode())
    for plek in plekken:
        uit.write(f"{plek:010d} 00000 n \n".encode())
    uit.write(
        f"trailer\n<< /Size {len(objecten) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return uit.getvalue()


def xlsx(titel: str, regels: list[str]) -> bytes:
    """A minimal spreadsheet (one sheet, one column of text): deterministic bytes."""
    from xml.sax.saxutils import escape

    rijen = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{escape(t)}</t></is></c></row>'
        for r, t in enumerate([titel, *regels], start=1)
    )
    kop = '<?xml version="1.0" encoding="UTF-8"?>'
    ns = "http://schemas.openxmlformats.org"
    rel = f"{ns}/officeDocument/2006/relationships"
    soort = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    delen = {
        "[Content_Types].xml": f'{kop}<Types xmlns="{ns}/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{soort}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{soort}.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": f'{kop}<Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'{kop}<workbook xmlns="{ns}/spreadsheetml/2006/main" '
        f'xmlns:r="{rel}"><sheets><sheet name="Overzicht" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'{kop}<Relationships xmlns="{ns}/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'{kop}<worksheet xmlns="{ns}/spreadsheetml/2006/main">'
        f"<sheetData>{rijen}</sheetData></worksheet>",
    }
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as z:
        for naam, inhoud in delen.items():
            info = zipfile.ZipInfo(naam, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, inhoud)
    return uit.getvalue()


VOORBEELD = "Voorbeeldstuk: fictief, voor de voorbeeldgegevens van waterketen."


def voorbeeldstukken(root: Path = ROOT) -> dict[str, bytes]:
    """Every stuk with a path in the example data below ``root``, as a small file."""
    sys.path.insert(0, str(ROOT / "src"))
    from waterketen_cli import dutch
    from waterketen_cli.models.records import Agendavoorstel, Overleg, Vergadering
    from waterketen_cli.records import dataset, stukken

    gegevens = dataset.load(root / "data", ["vergadering", "overleg", "agendavoorstel"])
    gezocht: dict[str, tuple[str, list[str]]] = {}
    for v in gegevens.of(Vergadering):
        overleg = gegevens.get(Overleg, v.overleg)
        naam = overleg.naam if overleg else v.overleg
        for nummer, punt in enumerate(v.agenda, start=1):
            for stuk in punt.stukken:
                over = [f"{naam}, {dutch.datum(v.datum)}", f"Agendapunt {nummer}: {punt.titel}"]
                if stuk.vertrouwelijk:
                    over.append("Vertrouwelijk")
                gezocht[stuk.bestand or ""] = (stuk.titel, over)
    for a in gegevens.of(Agendavoorstel):
        for stuk in a.stukken:
            gezocht[stuk.bestand or ""] = (stuk.titel, [f"Bij agendavoorstel: {a.titel}"])
    uitkomst: dict[str, bytes] = {}
    for bestand, (titel, over) in sorted(gezocht.items()):
        if not isinstance(stukken.lees(bestand), stukken.Pad):
            continue
        if bestand.endswith(".xlsx"):
            uitkomst[bestand] = xlsx(titel, [*over, VOORBEELD])
        elif bestand.endswith(".pdf"):
            eerste = [titel, "", *over, "", VOORBEELD]
            verder = [
                [f"{titel}, pagina {p}", "", VOORBEELD]
                for p in range(2, 1 + MEER_PAGINAS.get(bestand, 1))
            ]
            uitkomst[bestand] = pdf(eerste, *verder)
    return uitkomst


def maak_ontbrekende(root: Path = ROOT) -> list[str]:
    """Write the example stukken that are missing; the paths written."""
    geschreven = []
    for bestand, inhoud in voorbeeldstukken(root).items():
        path = root / bestand
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(inhoud)
            geschreven.append(bestand)
    return geschreven


if __name__ == "__main__":
    for bestand in maak_ontbrekende():
        print(f"geschreven: {bestand}")
