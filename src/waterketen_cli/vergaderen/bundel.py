"""The bundle of a meeting: one PDF with the agenda and, in item order, every stuk
that is a PDF, with a bookmark per agenda item and below it one per stuk.

The last page lists what the bundle holds (item, stuk, page) and every stuk it does
not hold, with the reason: not a PDF, no file given, not found, an address elsewhere,
a PDF that cannot be read. Nothing is left out silently. The public bundle is made from
the public view (``waterketen_cli.publiek``): confidential stukken are not in it, and
the page says so, always, whether or not there were any.

The stukken are found by the convention of :mod:`waterketen_cli.records.stukken`
(only exact names inside the repository, as ``validate`` checks them). Merging and
bookmarks are done with pypdf; the agenda becomes PDF in the house style
(:mod:`waterketen_cli.documentformaat`), the last page through
:func:`waterketen_cli.pdf.markdown_naar_pdf`. The same data and stukken give the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from waterketen_cli import dutch
from waterketen_cli.models.records import Overleg, Stuk, Vergadering
from waterketen_cli.records import stukken
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar

if TYPE_CHECKING:
    from pypdf import PdfReader

#: The bookmark of the last page.
LIJST = "Stukken bij deze agenda"


@dataclass(frozen=True)
class Opgenomen:
    """A stuk in the bundle, from page ``pagina`` (1 = the first page)."""

    punt: int
    titel: str
    pad: str
    pagina: int
    paginas: int


@dataclass(frozen=True)
class Overgeslagen:
    """A stuk the bundle does not hold, and why."""

    punt: int
    titel: str
    reden: str
    waar: str  # the path or address, or ""


@dataclass
class Bundel:
    pdf: bytes
    paginas: int
    agenda_paginas: int
    opgenomen: list[Opgenomen] = field(default_factory=list)
    overgeslagen: list[Overgeslagen] = field(default_factory=list)


def _lees_pdf(kijker: stukken.Kijker, stuk: Stuk) -> PdfReader | str:
    """The stuk as a PDF, or why it cannot be in the bundle."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not stuk.bestand:
        return "geen bestand opgegeven"
    verwijzing = stukken.lees(stuk.bestand)
    if isinstance(verwijzing, stukken.Ongeldig):
        return f"geen geldig pad: {verwijzing.reden}"
    if isinstance(verwijzing, stukken.Adres):
        return "staat elders (een https-adres)"
    toestand = kijker.toestand(verwijzing.pad)
    if toestand == stukken.ONTBREEKT:
        return "niet gevonden"
    if toestand == stukken.IS_MAP:
        return "is een map, geen bestand"
    if toestand == stukken.BUITEN:
        return "is een koppeling naar buiten de repository"
    if toestand != stukken.BESTAAT:
        return "kan niet worden gelezen"
    suffix = Path(verwijzing.pad).suffix.lower()
    if suffix != ".pdf":
        return f"geen PDF ({suffix.lstrip('.') or 'zonder extensie'})"
    path = Path(kijker.root, *verwijzing.delen)
    try:
        data = path.read_bytes()
    except OSError as error:
        from waterketen_cli.errors import os_reden

        return f"kan niet worden gelezen: {os_reden(error)}"
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return "de PDF is beveiligd met een wachtwoord"
        if len(reader.pages) == 0:
            return "de PDF heeft geen pagina's"
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        return f"geen leesbare PDF ({type(error).__name__})"
    return reader


def _vorm(tekst: str) -> str:
    """Text as compared with what a PDF page gives back: no spaces or line breaks, no
    hyphens (a word broken over two lines), case folded."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", tekst).casefold()


def _kop_paginas(reader: PdfReader, koppen: list[str]) -> list[int]:
    """For each heading, in order, the (0-based) page it is on; headings follow each
    other, so the search for one starts at the page of the one before."""
    teksten = [_vorm(p.extract_text() or "") for p in reader.pages]
    uitkomst = []
    vanaf = 0
    for kop in koppen:
        gezocht = _vorm(kop)
        gevonden = next((i for i in range(vanaf, len(teksten)) if gezocht in teksten[i]), None)
        if gevonden is not None:
            vanaf = gevonden
        uitkomst.append(vanaf)
    return uitkomst


def maak(folder: Path, gegevens: Gegevens, vergadering: Vergadering, *, vandaag: dt.date) -> Bundel:
    """The bundle of ``vergadering`` from ``gegevens`` (the records, or their public
    view for the public bundle)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    from waterketen_cli import documentformaat, pdf, render
    from waterketen_cli.vergaderen import agendadocument

    root = gegevens.data_dir.parent
    overleg = gegevens.get(Overleg, vergadering.overleg)
    if overleg is None:
        raise KeyError(vergadering.overleg)
    markdown = agendadocument.agenda_document(
        folder, gegevens, vergadering, vandaag=vandaag, koppelen=False
    )
    stijl = documentformaat.huisstijl(gegevens.data_dir, gegevens)
    agenda = PdfReader(
        io.BytesIO(documentformaat.omzetten(markdown, documentformaat.Formaat.pdf, stijl))
    )
    punten = openbaar.items(vergadering)
    kop_paginas = _kop_paginas(agenda, [f"{g.nummer}. {g.punt.titel}" for g in punten])

    writer = PdfWriter()
    writer.append(agenda, import_outline=False)
    writer.add_outline_item(title="Agenda", page_number=0)
    bundel = Bundel(b"", 0, len(agenda.pages))
    kijker = stukken.Kijker(root)
    for g, kop_pagina in zip(punten, kop_paginas, strict=True):
        item = writer.add_outline_item(title=f"{g.nummer}. {g.punt.titel}", page_number=kop_pagina)
        for stuk in g.punt.stukken:
            gelezen = _lees_pdf(kijker, stuk)
            if isinstance(gelezen, str):
                bundel.overgeslagen.append(
                    Overgeslagen(g.nummer, stuk.titel, gelezen, stuk.bestand or "")
                )
                continue
            begin = len(writer.pages)
            try:
                writer.append(gelezen, import_outline=False)
            except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
                while len(writer.pages) > begin:  # the pages it got before it broke
                    writer.remove_page(len(writer.pages) - 1)
                bundel.overgeslagen.append(
                    Overgeslagen(
                        g.nummer,
                        stuk.titel,
                        f"geen leesbare PDF ({type(error).__name__})",
                        stuk.bestand or "",
                    )
                )
                continue
            writer.add_outline_item(title=stuk.titel, page_number=begin, parent=item)
            bundel.opgenomen.append(
                Opgenomen(g.nummer, stuk.titel, stuk.bestand or "", begin + 1, len(gelezen.pages))
            )

    lijst_begin = len(writer.pages)
    markdown = render.render(
        folder.parent,
        "bundel.md.j2",
        overleg=overleg,
        vergadering=vergadering,
        publiek=gegevens.publiek,
        opgenomen=bundel.opgenomen,
        overgeslagen=bundel.overgeslagen,
    )
    writer.append(
        PdfReader(io.BytesIO(pdf.markdown_naar_pdf(markdown, root=root, paginanummers=False))),
        import_outline=False,
    )
    writer.add_outline_item(title=LIJST, page_number=lijst_begin)

    openbaar_ = " (openbaar)" if gegevens.publiek else ""
    writer.add_metadata(
        {
            "/Title": f"Agenda en stukken {overleg.naam}, {dutch.datum(vergadering.datum)}"
            f"{openbaar_}",
            "/Producer": "waterketen",
        }
    )
    writer.page_mode = "/UseOutlines"
    uitvoer = io.BytesIO()
    writer.write(uitvoer)
    bundel.pdf = uitvoer.getvalue()
    bundel.paginas = len(writer.pages)
    return bundel
