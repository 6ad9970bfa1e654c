"""``waterketen fmt`` as a write plan: the records that are not in canonical form, with
their canonical text; and the files that could not be read or formatted, with why.

Most files are canonical already, and most runs find them unchanged. Three ways to
know, fastest first: the cache of files found canonical before (:mod:`vormcache`, no
read at all); the predicate of :mod:`vormcheck` (one libyaml pass); the round trip of
:mod:`canonical` (ruamel.yaml), which alone decides every file the other two are not
sure of, with the messages it always had. The models and ruamel.yaml are only loaded
when a file needs them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from waterketen_cli.errors import GebruiksFout
from waterketen_cli.records.store import Stat, scan
from waterketen_cli.records.vormcache import Vormcache
from waterketen_cli.voortgang import Voortgang, stil

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Recordwijziging, Schrijfplan


@dataclass(frozen=True)
class Probleem:
    """A file fmt left alone, and why."""

    toon: str
    bericht: str
    hint: str | None


@dataclass
class Opmaak:
    data_dir: Path
    bestanden: int  # how many record files were looked at
    problemen: list[Probleem] = field(default_factory=list)
    #: The records that are not in canonical form, with their canonical text.
    wijzigingen: list[Recordwijziging] = field(default_factory=list)
    #: The shown path of each record in :attr:`wijzigingen`, in the same order.
    namen: list[str] = field(default_factory=list)

    @cached_property
    def plan(self) -> Schrijfplan:
        """The write plan of :attr:`wijzigingen` (made when asked: it needs the models)."""
        from waterketen_cli import dutch
        from waterketen_cli.records.plan import Schrijfplan

        n = len(self.wijzigingen)
        wat = f"Records in vaste vorm gezet ({dutch.aantal(n, 'bestand', 'bestanden')})"
        return Schrijfplan(wat, self.data_dir, records=list(self.wijzigingen))


def opmaak(data_dir: Path, paden: list[Path], voortgang: Voortgang = stil) -> Opmaak:
    """What ``fmt`` would change in the records at or below ``paden`` (all: none given);
    each file looked at is reported to ``voortgang``."""
    alle, _ = scan(data_dir)
    alle = [s for s in alle if s.soort.record]
    stats = _choose(data_dir, alle, paden)
    result = Opmaak(data_dir, len(stats))
    bekend = Vormcache(data_dir)
    for done, stat in enumerate(stats, start=1):
        if done % 20 == 0 or done == len(stats):
            voortgang(done, len(stats))
        if bekend.ongewijzigd(stat):
            continue
        try:
            with open(stat.pad, "rb") as fh:
                gelezen = os.fstat(fh.fileno())
                raw = fh.read()
        except OSError as error:
            result.problemen.append(
                Probleem(
                    stat.toon,
                    f"kan het bestand niet lezen: {error.strerror}",
                    "controleer de rechten; fmt heeft het bestand niet gewijzigd",
                )
            )
            continue
        if bekend.zelfde_inhoud(stat, gelezen, raw):
            continue
        from waterketen_cli.records.vormcheck import in_vaste_vorm

        if in_vaste_vorm(raw, stat.soort.model) or _opmaak(result, stat, raw):
            bekend.onthoud(stat, gelezen, raw)
    bekend.bewaar(alle)
    return result


def _opmaak(result: Opmaak, stat: Stat, raw: bytes) -> bool:
    """One file by ruamel.yaml's round trip: a problem or a change goes into
    ``result``; True if the file is in canonical form."""
    from waterketen_cli.records import canonical
    from waterketen_cli.records.plan import Recordwijziging
    from waterketen_cli.records.yamlio import decode, parse

    path = Path(stat.pad)
    data, problems = parse(raw)
    text, _ = decode(raw)
    if problems or text is None:
        p = problems[0]
        result.problemen.append(
            Probleem(
                f"{stat.toon}:{p.regel}:{p.kolom}",
                p.bericht,
                (p.hint + "; " if p.hint else "") + "fmt heeft het bestand niet gewijzigd",
            )
        )
        return False
    # What canonical would read again: the same text, unless line ends or a second
    # byte order mark go (decode takes off one).
    parsed = data if "\r" not in text and not text.startswith("\ufeff") else None
    try:
        tekst = canonical.format_record(text.replace("\r\n", "\n"), stat.soort, path, parsed)
    except canonical.VormFout as error:
        result.problemen.append(Probleem(stat.toon, error.bericht, error.hint))
        return False
    wijziging = Recordwijziging(path, stat.soort, tekst, raw)
    if wijziging.inhoud == raw:
        return True
    result.wijzigingen.append(wijziging)
    result.namen.append(stat.toon)
    return False


def select(folder: Path, paden: list[Path]) -> list[Stat]:
    """The record files at or below the given paths (all: none given). The newsletters
    (Markdown, ``soorten.DOCUMENTSOORTEN``) have no canonical form and are left as they are."""
    stats, _ = scan(folder)
    return _choose(folder, [s for s in stats if s.soort.record], paden)


def _choose(folder: Path, stats: list[Stat], paden: list[Path]) -> list[Stat]:
    if not paden:
        return stats
    root = folder.resolve()
    chosen: dict[str, Stat] = {}
    for pad in paden:
        resolved = pad.resolve()
        if not resolved.exists():
            raise GebruiksFout(f"'{pad}' bestaat niet")
        if resolved != root and root not in resolved.parents:
            raise GebruiksFout(
                f"'{pad}' ligt buiten de gegevensmap {folder}",
                hint="geef een record of map binnen de gegevensmap",
            )
        found = [
            s for s in stats if (p := Path(s.pad).resolve()) == resolved or resolved in p.parents
        ]
        if not found:
            what = "bevat geen records" if resolved.is_dir() else "is geen record"
            raise GebruiksFout(
                f"'{pad}' {what}",
                hint="een record is een .yaml-bestand in een map als data/projecten/",
            )
        chosen.update((s.pad, s) for s in found)
    return sorted(chosen.values(), key=lambda s: s.toon)
