"""``waterketen fmt`` as a write plan: the records that are not in canonical form, with
their canonical text; and the files that could not be read or formatted, with why."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from waterketen_cli import dutch
from waterketen_cli.errors import GebruiksFout
from waterketen_cli.records import canonical
from waterketen_cli.records.plan import Recordwijziging, Schrijfplan
from waterketen_cli.records.store import Stat, scan
from waterketen_cli.records.yamlio import decode, parse
from waterketen_cli.voortgang import Voortgang, stil


@dataclass(frozen=True)
class Probleem:
    """A file fmt left alone, and why."""

    toon: str
    bericht: str
    hint: str | None


@dataclass
class Opmaak:
    plan: Schrijfplan
    bestanden: int  # how many record files were looked at
    problemen: list[Probleem] = field(default_factory=list)
    #: The shown path of each record in the plan, in the same order.
    namen: list[str] = field(default_factory=list)


def opmaak(data_dir: Path, paden: list[Path], voortgang: Voortgang = stil) -> Opmaak:
    """What ``fmt`` would change in the records at or below ``paden`` (all: none given);
    each file looked at is reported to ``voortgang``."""
    stats = select(data_dir, paden)
    result = Opmaak(Schrijfplan("Records in vaste vorm gezet", data_dir), len(stats))
    for done, stat in enumerate(stats, start=1):
        if done % 20 == 0 or done == len(stats):
            voortgang(done, len(stats))
        path = Path(stat.pad)
        try:
            raw = path.read_bytes()
        except OSError as error:
            result.problemen.append(
                Probleem(
                    stat.toon,
                    f"kan het bestand niet lezen: {error.strerror}",
                    "controleer de rechten; fmt heeft het bestand niet gewijzigd",
                )
            )
            continue
        _, problems = parse(raw)
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
            continue
        try:
            tekst = canonical.format_record(text.replace("\r\n", "\n"), stat.soort, path)
        except canonical.VormFout as error:
            result.problemen.append(Probleem(stat.toon, error.bericht, error.hint))
            continue
        wijziging = Recordwijziging(path, stat.soort, tekst, raw)
        if wijziging.inhoud != raw:
            result.plan.records.append(wijziging)
            result.namen.append(stat.toon)
    n = len(result.plan.records)
    result.plan.wat = f"Records in vaste vorm gezet ({dutch.aantal(n, 'bestand', 'bestanden')})"
    return result


def select(folder: Path, paden: list[Path]) -> list[Stat]:
    """The record files at or below the given paths (all: none given). The newsletters
    (Markdown, ``soorten.DOCUMENTSOORTEN``) have no canonical form and are left as they are."""
    stats, _ = scan(folder)
    stats = [s for s in stats if s.soort.record]
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
