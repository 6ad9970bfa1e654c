"""Documents as people send them: Markdown, Word (.docx) or PDF, in the region's house
style.

Every document the tool renders is Markdown first (the templates write Markdown, which
suits the forges). :func:`omzetten` makes Word or PDF of it, with converters that
install with pip and need no system package and no LaTeX:

- Word: pandoc (the binary inside ``pypandoc-binary``) with a reference document for
  the styles; python-docx then puts the house style's header (the cooperation's logo
  and name) and footer ("pagina 2 van 5", as Word fields) in, unless the reference
  document has its own.
- PDF: pandoc makes Typst markup of the Markdown, the house style (a Typst file) lays
  it out, and the Typst compiler makes the PDF (see :mod:`waterketen_cli.pdf`).

The house style is two files that ship with the package, ``huisstijl.docx`` and
``huisstijl.typ``; a data repository replaces either by putting a file of the same
name in its own ``templates/``. The logo is the regio record's ``logo`` (a PNG or JPEG
in the repository).

Charts are images here (:class:`Afbeelding`, SVG for the PDF and PNG for Word), where
the Markdown for the forges keeps Mermaid. The same Markdown, images and house style
give the same bytes: no dates in the files, zip entries in a fixed order and time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from waterketen_cli.errors import BestandsFout, GebruiksFout, WaterketenError

if TYPE_CHECKING:
    from waterketen_cli.records.dataset import Gegevens

#: The house style's files, by the name a data repository's ``templates/`` overrides.
WORD_STIJL = "huisstijl.docx"
PDF_STIJL = "huisstijl.typ"
#: The logo's formats: what both Word and Typst show.
LOGO_SOORTEN = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


class Formaat(StrEnum):
    """A document's file format (``--formaat``)."""

    md = "md"
    docx = "docx"
    pdf = "pdf"


class Tabelformaat(StrEnum):
    """The formats of a command whose document is a table too (``overzicht``, ``acties``,
    ``besluiten``, ``middelen``): a document (:class:`Formaat`) or an Excel workbook
    (``xlsx``, ``waterketen_cli.werkboek``)."""

    md = "md"
    docx = "docx"
    pdf = "pdf"
    xlsx = "xlsx"


def werkboek_gevraagd(uitvoer: Path | None, gekozen: Tabelformaat | None) -> bool:
    """Whether a workbook is asked for: ``--formaat xlsx`` or ``-o ….xlsx``; a choice
    that contradicts the file name is refused."""
    naar_bestand = uitvoer is not None and str(uitvoer) != "-"
    xlsx_naam = naar_bestand and uitvoer is not None and uitvoer.suffix.lower() == ".xlsx"
    if gekozen == Tabelformaat.xlsx or xlsx_naam:
        if gekozen not in (None, Tabelformaat.xlsx) and uitvoer is not None:
            raise GebruiksFout(
                f"--formaat {gekozen.value} past niet bij de bestandsnaam {uitvoer}",
                hint=f"noem het bestand {uitvoer.with_suffix('.' + gekozen.value).name}",
            )
        if naar_bestand and not xlsx_naam and uitvoer is not None:
            raise GebruiksFout(
                f"--formaat xlsx past niet bij de bestandsnaam {uitvoer}",
                hint=f"noem het bestand {uitvoer.with_suffix('.xlsx').name}",
            )
        return True
    return False


def documentformaat(gekozen: Tabelformaat | None) -> Formaat | None:
    """The document format of a choice that is not a workbook."""
    return None if gekozen is None or gekozen == Tabelformaat.xlsx else Formaat(gekozen.value)


class OpmaakFout(WaterketenError):
    """The document could not be made into Word or PDF."""


def formaat_voor(uitvoer: Path | None, gekozen: Formaat | None) -> Formaat:
    """The format to write: the one asked for, else the one the file's extension names
    (``.docx``, ``.pdf``), else Markdown. A choice that contradicts the extension is
    refused rather than giving a Word file called ``agenda.pdf``."""
    uit_naam = None
    if uitvoer is not None and str(uitvoer) != "-":
        uit_naam = {".docx": Formaat.docx, ".pdf": Formaat.pdf, ".md": Formaat.md}.get(
            uitvoer.suffix.lower()
        )
        if uitvoer.suffix.lower() == ".xlsx":
            raise GebruiksFout(
                "dit document bestaat niet als werkboek (.xlsx)",
                hint="een werkboek maken overzicht, acties, besluiten en middelen; kies hier "
                ".md, .docx of .pdf",
            )
    if gekozen is not None and uit_naam is not None and gekozen != uit_naam:
        raise GebruiksFout(
            f"--formaat {gekozen.value} past niet bij de bestandsnaam {uitvoer}",
            hint=f"noem het bestand {uitvoer.with_suffix('.' + gekozen.value).name}"
            if uitvoer is not None
            else None,
        )
    return gekozen or uit_naam or Formaat.md


@dataclass(frozen=True)
class Afbeelding:
    """A chart or picture in a document: the Markdown refers to it by ``naam`` (without
    extension); the PDF uses the SVG, Word the PNG."""

    naam: str
    svg: bytes
    png: bytes


@dataclass(frozen=True)
class Huisstijl:
    """What makes a document the region's: its name, its logo, the two style files."""

    organisatie: str
    logo: bytes | None
    logo_extensie: str  # ".png" or ".jpg"
    word: bytes | None  # a reference .docx from the data repository (None: the package's)
    typst: str  # the Typst house style (the data repository's or the package's)
    #: What the user should know: a logo that could not be read (the document is made
    #: without it; ``validate`` reports it too).
    waarschuwingen: tuple[str, ...] = ()


def huisstijl(data_dir: Path, gegevens: Gegevens) -> Huisstijl:
    """The house style of the data folder's repository (the folder above ``data/``).
    The regio record comes from ``gegevens``, or is read when the command did not."""
    from waterketen_cli.models.records import Regio
    from waterketen_cli.records import dataset

    repo = data_dir.parent
    if "regio" not in gegevens.records:
        gegevens = dataset.load(data_dir, ["regio"])
    regio = next(iter(gegevens.of(Regio)), None)
    organisatie = regio.naam if regio is not None else "Waterketen"
    logo, extensie, waarschuwingen = None, ".png", []
    if regio is not None and regio.logo:
        try:
            logo, extensie = _logo(repo, regio.logo)
        except GebruiksFout as fout:
            waarschuwingen.append(f"{fout}; het document heeft geen logo")
    eigen = repo / "templates"
    word = _eigen_bestand(eigen, WORD_STIJL)
    typst = _eigen_bestand(eigen, PDF_STIJL)
    if typst is not None:
        try:
            typst_tekst = typst.decode("utf-8")
        except UnicodeDecodeError:
            raise GebruiksFout(
                f"templates/{PDF_STIJL} is geen UTF-8-tekst",
                hint="sla de huisstijl op als UTF-8, of verwijder het bestand om de "
                "standaardhuisstijl te gebruiken",
            ) from None
    else:
        typst_tekst = _pakketbestand(PDF_STIJL).decode("utf-8")
    return Huisstijl(organisatie, logo, extensie, word, typst_tekst, tuple(waarschuwingen))


def _eigen_bestand(map_: Path, naam: str) -> bytes | None:
    pad = map_ / naam
    if not pad.is_file():
        return None
    try:
        return pad.read_bytes()
    except OSError as error:
        raise BestandsFout.van(error, f"templates/{naam}") from None


def _pakketbestand(naam: str) -> bytes:
    from importlib import resources

    return (resources.files("waterketen_cli") / "templates" / naam).read_bytes()


def _logo(repo: Path, pad: str) -> tuple[bytes, str]:
    """The logo named in the regio record: a PNG or JPEG inside the repository."""
    relatief = PurePosixPath(pad.replace("\\", "/"))
    hint = "zet in het regio-record bij logo het pad van een PNG- of JPEG-bestand in de repository"
    if relatief.is_absolute() or ".." in relatief.parts:
        raise GebruiksFout(f"logo: '{pad}' ligt buiten de repository", hint=hint)
    extensie = relatief.suffix.lower()
    if extensie not in LOGO_SOORTEN:
        raise GebruiksFout(f"logo: '{pad}' is geen PNG of JPEG", hint=hint)
    bestand = repo.joinpath(*relatief.parts)
    try:
        return bestand.read_bytes(), extensie
    except OSError:
        raise GebruiksFout(f"logo: het bestand '{pad}' bestaat niet", hint=hint) from None


# --- omzetten -----------------------------------------------------------------------------


def omzetten(
    markdown: str,
    formaat: Formaat,
    stijl: Huisstijl | None,
    *,
    afbeeldingen: Sequence[Afbeelding] = (),
) -> bytes:
    """The document in the format asked for. The Markdown refers to an image as
    ``![tekst](naam)`` with the :attr:`Afbeelding.naam` of one of ``afbeeldingen``."""
    import tempfile

    if formaat == Formaat.md:
        return markdown.encode("utf-8")
    if stijl is None:
        raise ValueError("Word en PDF vragen een huisstijl")
    titel = _titel(markdown)
    with tempfile.TemporaryDirectory(prefix="waterketen-") as tijdelijk:
        map_ = Path(tijdelijk)
        extensie = "png" if formaat == Formaat.docx else "svg"
        for afbeelding in afbeeldingen:
            data = afbeelding.png if formaat == Formaat.docx else afbeelding.svg
            (map_ / f"{afbeelding.naam}.{extensie}").write_bytes(data)
        tekst = _met_afbeeldingen(markdown, afbeeldingen, extensie)
        if formaat == Formaat.docx:
            return _word(tekst, titel, stijl, map_)
        return _pdf(tekst, titel, stijl, map_)


def _titel(markdown: str) -> str:
    match = re.search(r"^# (.+)$", markdown, re.MULTILINE)
    return match[1].strip().replace("\\", "") if match else ""


def _met_afbeeldingen(markdown: str, afbeeldingen: Sequence[Afbeelding], extensie: str) -> str:
    for afbeelding in afbeeldingen:
        markdown = markdown.replace(f"]({afbeelding.naam})", f"]({afbeelding.naam}.{extensie})")
    return markdown


def _pandoc(markdown: str, naar: str, args: Sequence[str], map_: Path) -> bytes | str:
    from waterketen_cli.pdf import INVOER, PdfFout, _ontbreekt

    try:
        import pypandoc
    except ImportError as error:  # pragma: no cover - a broken installation
        raise _ontbreekt("pypandoc-binary") from error
    try:
        if naar == "docx":
            uit = map_ / "document.docx"
            pypandoc.convert_text(
                markdown,
                "docx",
                format=INVOER,
                outputfile=str(uit),
                extra_args=[*args, f"--resource-path={map_}"],
                verify_format=False,
                sandbox=False,
            )
            return uit.read_bytes()
        return str(
            pypandoc.convert_text(
                markdown, naar, format=INVOER, extra_args=list(args), verify_format=False
            )
        )
    except OSError as error:
        raise _ontbreekt("pypandoc-binary", str(error)) from None
    except RuntimeError as error:
        raise PdfFout(
            f"pandoc kon het document niet omzetten: {str(error).strip()}",
            hint="meld dit als fout in waterketen, met het document erbij",
        ) from None


# --- Word ---------------------------------------------------------------------------------


def _word(markdown: str, titel: str, stijl: Huisstijl, map_: Path) -> bytes:
    referentie = map_ / "referentie.docx"
    referentie.write_bytes(stijl.word if stijl.word is not None else _pakketbestand(WORD_STIJL))
    args = [
        f"--reference-doc={referentie}",
        "--metadata=lang:nl-NL",
        f"--metadata=title-meta:{titel}",
    ]
    data = _pandoc(markdown, "docx", args, map_)
    assert isinstance(data, bytes)
    return vaste_zip(_kop_en_voet(data, stijl))


def _kop_en_voet(data: bytes, stijl: Huisstijl) -> bytes:
    """The header (logo and name) and the footer ("pagina 2 van 5") of the house style,
    where the reference document leaves them empty."""
    import io

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document(io.BytesIO(data))
    for sectie in document.sections:
        kop = sectie.header
        if kop.is_linked_to_previous or not "".join(p.text for p in kop.paragraphs).strip():
            kop.is_linked_to_previous = False
            alinea = kop.paragraphs[0]
            if stijl.logo is not None:
                alinea.add_run().add_picture(io.BytesIO(stijl.logo), height=Cm(1.2))
                alinea.add_run("  ")
            naam = alinea.add_run(stijl.organisatie)
            naam.bold = True
            naam.font.size = Pt(9)
        voet = sectie.footer
        if voet.is_linked_to_previous or not "".join(p.text for p in voet.paragraphs).strip():
            voet.is_linked_to_previous = False
            alinea = voet.paragraphs[0]
            alinea.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for deel in ("pagina ", "PAGE", " van ", "NUMPAGES"):
                if deel.isupper():
                    _veld(alinea, deel)
                else:
                    alinea.add_run(deel).font.size = Pt(9)
    eigenschappen = document.core_properties
    eigenschappen.author = stijl.organisatie
    eigenschappen.last_modified_by = stijl.organisatie
    eigenschappen.language = "nl-NL"
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()


def _veld(alinea: object, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in the paragraph: begin, instruction, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = alinea.add_run()  # type: ignore[attr-defined]
    run.font.size = Pt(9)
    for soort, tekst in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1")):
        if soort is not None:
            teken = OxmlElement("w:fldChar")
            teken.set(qn("w:fldCharType"), soort)
            run._r.append(teken)
        elif tekst.strip() == code:  # type: ignore[union-attr]
            instructie = OxmlElement("w:instrText")
            instructie.set(qn("xml:space"), "preserve")
            instructie.text = tekst
            run._r.append(instructie)
        else:
            waarde = OxmlElement("w:t")
            waarde.text = tekst
            run._r.append(waarde)
    einde = OxmlElement("w:fldChar")
    einde.set(qn("w:fldCharType"), "end")
    run._r.append(einde)


#: The time of every entry in a .docx and of its properties: nothing that changes.
_ZIPTIJD = (1980, 1, 1, 0, 0, 0)
_DATUMEIGENSCHAP = re.compile(
    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def vaste_zip(data: bytes) -> bytes:
    """The same bytes for the same Office file (.docx, .xlsx): entries sorted, with a
    fixed time, and the core properties without the moment of making."""
    import io
    import zipfile

    bron = zipfile.ZipFile(io.BytesIO(data))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        namen = bron.namelist()
        # [Content_Types].xml first, as Office writes it.
        for naam in sorted(namen, key=lambda n: (n != "[Content_Types].xml", n)):
            inhoud = bron.read(naam)
            if naam == "docProps/core.xml":
                inhoud = _DATUMEIGENSCHAP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", inhoud)
            info = zipfile.ZipInfo(naam, _ZIPTIJD)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            doel.writestr(info, inhoud)
    return uit.getvalue()


# --- PDF ----------------------------------------------------------------------------------


def _pdf(markdown: str, titel: str, stijl: Huisstijl, map_: Path) -> bytes:
    from waterketen_cli.pdf import typst_naar_pdf

    body = _pandoc(markdown, "typst", ["--metadata=lang:nl"], map_)
    assert isinstance(body, str)
    (map_ / PDF_STIJL).write_text(stijl.typst, encoding="utf-8")
    logo = "none"
    if stijl.logo is not None:
        (map_ / f"logo{stijl.logo_extensie}").write_bytes(stijl.logo)
        logo = typst_tekst(f"logo{stijl.logo_extensie}")
    bron = "\n".join(
        [
            f'#import "{PDF_STIJL}": huisstijl',
            "#let horizontalrule = line(start: (25%, 0%), end: (75%, 0%))",
            f"#show: huisstijl.with(organisatie: {typst_tekst(stijl.organisatie)}, "
            f"logo: {logo}, titel: {typst_tekst(titel)})",
            "",
            body,
        ]
    )
    (map_ / "document.typ").write_text(bron, encoding="utf-8")
    return typst_naar_pdf(bron, root=map_)


def typst_tekst(text: str) -> str:
    """Text as a Typst string literal: shown as it is, never read as markup."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\r\n\t]+", " ", escaped)
    return f'"{escaped}"'
