"""Documents as PDF: the Markdown the templates make, typeset.

Two converters that install with pip, with no system package and no LaTeX: pandoc
(the binary that ships inside ``pypandoc-binary``) turns the Markdown into Typst
markup, and the Typst compiler (the ``typst`` package, a compiled extension) makes the
PDF. Only the fonts that ship with Typst are used, never the system's, and the PDF
carries no date: the same Markdown gives the same bytes on every machine.

:func:`markdown_naar_pdf` is the one way a document becomes a PDF; the house style of
the region (a Typst template from the data repository's ``templates/``, the logo, Dutch
page numbers) belongs here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from waterketen_cli.errors import WaterketenError

#: Pandoc reads what the templates write: CommonMark with GitHub's tables.
INVOER = "gfm"


class PdfFout(WaterketenError):
    """The document could not be made into a PDF."""


def markdown_naar_typst(markdown: str, *, paginanummers: bool = True) -> str:
    """The Markdown as a standalone Typst document: A4, Dutch (hyphenation, quotes)."""
    try:
        import pypandoc
    except ImportError as error:  # pragma: no cover - a broken installation
        raise _ontbreekt("pypandoc-binary") from error
    args = ["--standalone", "-V", "papersize=a4", "-V", "lang=nl", "-V", "region=NL"]
    if not paginanummers:
        args += ["-V", "page-numbering="]
    try:
        return str(
            pypandoc.convert_text(
                markdown, "typst", format=INVOER, extra_args=args, verify_format=False, sandbox=True
            )
        )
    except OSError as error:
        raise _ontbreekt("pypandoc-binary", str(error)) from None
    except RuntimeError as error:
        raise PdfFout(
            f"pandoc kon het document niet omzetten: {str(error).strip()}",
            hint="meld dit als fout in waterketen, met het document erbij",
        ) from None


def typst_naar_pdf(bron: str, *, root: Path | None = None) -> bytes:
    """A Typst document as PDF. ``root``: the folder its files (images) may come from."""
    try:
        import typst
    except ImportError as error:  # pragma: no cover - a broken installation
        raise _ontbreekt("typst") from error
    # The stubs tie ``root`` to the type of the input (bytes); the compiler wants text.
    compileer: Callable[..., bytes] = typst.compile
    try:
        pdf = compileer(
            bron.encode("utf-8"),
            root=str(root) if root is not None else None,
            ignore_system_fonts=True,
            format="pdf",
            timestamp=0,
        )
    except (typst.TypstError, RuntimeError) as error:
        raise PdfFout(
            f"typst kon het document niet opmaken: {str(error).strip()}",
            hint="meld dit als fout in waterketen, met het document erbij",
        ) from None
    return pdf


def markdown_naar_pdf(
    markdown: str, *, root: Path | None = None, paginanummers: bool = True
) -> bytes:
    """A Markdown document as PDF (see the module docstring). ``root``: the repository,
    where the files a document refers to come from."""
    return typst_naar_pdf(markdown_naar_typst(markdown, paginanummers=paginanummers), root=root)


def _ontbreekt(pakket: str, detail: str = "") -> PdfFout:
    extra = f" ({detail})" if detail else ""
    return PdfFout(
        f"het pakket {pakket} ontbreekt of werkt niet{extra}",
        hint="installeer waterketen opnieuw; het pakket hoort erbij",
    )
