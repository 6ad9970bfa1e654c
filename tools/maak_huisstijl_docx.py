"""Make the package's Word house style, src/waterketen_cli/templates/huisstijl.docx.

pandoc's own reference document with the region's look: Calibri, headings in the
house colour, tables with a header row and thin lines, A4 with Dutch margins. The
header and footer stay empty: waterketen fills them per document (logo, name, "pagina
2 van 5"). A data repository that wants its own style starts from this file, changes
the styles in Word and saves it as templates/huisstijl.docx.

    .venv/bin/python tools/maak_huisstijl_docx.py
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
import pypandoc
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from waterketen_cli.documentformaat import vaste_zip

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
DOEL = Path(__file__).parent.parent / "src" / "waterketen_cli" / "templates" / "huisstijl.docx"


def main() -> None:
    pandoc = pypandoc.get_pandoc_path()
    data = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], check=True, capture_output=True
    ).stdout
    document = docx.Document(io.BytesIO(data))
    for sectie in document.sections:
        sectie.orientation = WD_ORIENT.PORTRAIT
        sectie.page_width, sectie.page_height = Cm(21), Cm(29.7)
        sectie.left_margin = sectie.right_margin = Cm(2.2)
        sectie.top_margin, sectie.bottom_margin = Cm(2.8), Cm(2.2)
    stijlen = document.styles
    for naam in ("Normal", "Body Text", "First Paragraph", "Compact"):
        if naam in [s.name for s in stijlen]:
            font = stijlen[naam].font
            font.name = "Calibri"
            font.size = Pt(10.5)
    for niveau, grootte in ((1, 16), (2, 13), (3, 11), (4, 10.5)):
        font = stijlen[f"Heading {niveau}"].font
        font.name = "Calibri"
        font.size = Pt(grootte)
        font.bold = True
        font.color.rgb = ACCENT
    if "Title" in [s.name for s in stijlen]:
        stijlen["Title"].font.color.rgb = ACCENT
    _tabelranden(stijlen["Table"])
    uit = io.BytesIO()
    document.save(uit)
    DOEL.write_bytes(vaste_zip(uit.getvalue()))
    print(f"Geschreven: {DOEL}")


def _tabelranden(stijl: docx.styles.style.BaseStyle) -> None:
    """Thin grey lines around and between the cells of pandoc's table style."""
    element = stijl.element
    tblpr = element.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        element.append(tblpr)
    for oud in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(oud)
    randen = OxmlElement("w:tblBorders")
    for kant in ("top", "left", "bottom", "right", "insideH", "insideV"):
        rand = OxmlElement(f"w:{kant}")
        rand.set(qn("w:val"), "single")
        rand.set(qn("w:sz"), "4")
        rand.set(qn("w:space"), "0")
        rand.set(qn("w:color"), "A6A6A6")
        randen.append(rand)
    tblpr.append(randen)


if __name__ == "__main__":
    main()
