"""A write plan: what a command will write, computed before anything is written.

Every writing command (agenda new, notulen verwerk, acties afronden, project new, fmt,
codeowners, schema, and the documents of the render commands) builds a
:class:`Schrijfplan`; ``waterketen_cli.schrijfpad`` checks it with the rules of
``validate`` and writes it all or nothing. Nothing here writes a file.

A changed record remembers the bytes it was made from, and the plan remembers which
files it read (their mtime and size): if any of them changes before the plan is
written, the plan is refused instead of overwriting someone's work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ruamel.yaml.comments import CommentedMap

from waterketen_cli.errors import os_reden
from waterketen_cli.models.base import Record
from waterketen_cli.records import writer
from waterketen_cli.records.transactie import SchrijfFout
from waterketen_cli.soorten import Soort

if TYPE_CHECKING:
    from waterketen_cli.records.dataset import Gegevens
    from waterketen_cli.records.store import Bron, Plek, Stat


@dataclass(frozen=True)
class Recordwijziging:
    """A record file to create or replace, in canonical form."""

    pad: Path
    soort: Soort
    tekst: str
    #: The bytes the change was made from; None for a new record.
    oud: bytes | None = None

    @property
    def nieuw(self) -> bool:
        return self.oud is None

    @property
    def inhoud(self) -> bytes:
        """The bytes to write: with the line endings the file had (CRLF stays CRLF)."""
        data = self.tekst.encode("utf-8")
        if self.oud is not None and b"\r\n" in self.oud:
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        return data


@dataclass(frozen=True)
class Document:
    """A generated file (or standard output, ``pad`` None)."""

    pad: Path | None
    #: Text (written as UTF-8) or, for a Word or PDF document, the file's bytes.
    tekst: str | bytes
    #: May replace an existing file (``--overschrijf``, or a file the tool owns).
    overschrijf: bool = False
    #: The bytes the command read at ``pad`` when it decided to write (None: not read).
    oud: bytes | None = None

    @property
    def inhoud(self) -> bytes:
        return self.tekst if isinstance(self.tekst, bytes) else self.tekst.encode("utf-8")


@dataclass
class Schrijfplan:
    """Everything one command writes."""

    #: What the command does, in a sentence: the journal names it, ``--commit`` uses it.
    wat: str
    data_dir: Path | None
    records: list[Recordwijziging] = field(default_factory=list)
    documenten: list[Document] = field(default_factory=list)
    #: Files the plan was computed from: path -> (mtime_ns, size) when read.
    gelezen: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: The listing of the data folder the plan was made from (saves the checks a scan;
    #: :attr:`gelezen` makes sure it still holds when the plan is written).
    scan: tuple[list[Stat], list[Plek]] | None = None
    #: What the command already read of a file (``Gegevens.bron``): the checks of the
    #: plan need not read and validate it again.
    bron: Bron | None = None

    @classmethod
    def van(cls, gegevens: Gegevens, wat: str) -> Schrijfplan:
        """A plan made from records loaded with ``records.dataset.load``."""
        return cls(
            wat,
            gegevens.data_dir,
            gelezen=dict(gegevens.gelezen),
            scan=gegevens.scan,
            bron=gegevens.bron,
        )

    @property
    def leeg(self) -> bool:
        return not self.records and not self.documenten


def nieuw_record(
    path: Path, soort: Soort, record: Record, *, header: Iterable[str] = ()
) -> Recordwijziging:
    """A new record file: the schema line, the header comment, the fields in the
    model's order, in the form ``waterketen fmt`` gives."""
    lines = [f"# yaml-language-server: $schema=../../schemas/{soort.schema_bestand}"]
    lines += [f"# {line}" if line else "#" for line in header]
    text = "\n".join(lines) + "\n" + writer.dump(writer.record_data(record))
    return Recordwijziging(path, soort, _vaste_vorm(text, soort))


def _vaste_vorm(text: str, soort: Soort) -> str:
    """``canonical(text)``; without the round trip through ruamel.yaml when the text is
    already in canonical form, which ``vormcheck`` tells at a fraction of the cost
    (what it accepts, ``canonical`` returns unchanged: ``tests/test_vormcheck.py``)."""
    from waterketen_cli.records.canonical import canonical
    from waterketen_cli.records.vormcheck import in_vaste_vorm

    if in_vaste_vorm(text.encode("utf-8"), soort.model):
        return text
    return canonical(text, soort.model)


def wijzig_record(
    path: Path, soort: Soort, change: Callable[[CommentedMap], None]
) -> Recordwijziging:
    """An existing record changed in place by ``change``: comments and everything the
    command did not touch stay; the result is in canonical form, as after ``fmt``."""
    from waterketen_cli.records.canonical import VormFout
    from waterketen_cli.records.yamlio import decode

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SchrijfFout(
            f"{path} kan niet worden gelezen: {os_reden(error)}",
            hint="controleer het bestand en de rechten; er is niets geschreven",
        ) from None
    text, problem = decode(raw)
    if text is None:
        raise SchrijfFout(
            f"{path} kan niet worden bewerkt: {problem.bericht if problem else 'geen tekst'}",
            hint="voer 'waterketen validate' uit en herstel het bestand eerst",
        )
    # Canonical text has LF line endings; ``inhoud`` gives the file its own back.
    doc = writer.load_text(text.replace("\r\n", "\n"), path)
    change(doc)
    try:
        result = _vaste_vorm(writer.dump(doc), soort)
    except VormFout as error:
        raise SchrijfFout(
            f"{path}: {error.bericht}",
            hint="voer 'waterketen validate' en 'waterketen fmt' uit; er is niets geschreven",
        ) from None
    return Recordwijziging(path, soort, result, raw)
