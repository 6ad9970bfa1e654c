"""Validation: every record against its model, then the checks across records.

``validate`` is a pure function of the files in the data folder and the day it runs
(warnings about deadlines depend on it), so its outcome is cached as a whole: an
unchanged folder is answered from the cache without parsing anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from waterketen_cli.checks import rules as _rules  # noqa: F401 - registers the checks
from waterketen_cli.checks.findings import Ernst, Finding, Pad
from waterketen_cli.checks.registry import CHECKS, Context, Geladen
from waterketen_cli.checks.schema import slugify, validate_record
from waterketen_cli.models import SLUG_PATTERN, SOORTEN
from waterketen_cli.models.records import Regio, Vergadering
from waterketen_cli.records import store
from waterketen_cli.records.yamlio import compose, locate

__all__ = ["CHECKS", "Ernst", "Finding", "Resultaat", "validate"]


@dataclass(frozen=True)
class Resultaat:
    findings: list[Finding]
    bestanden: int
    uit_cache: bool = False

    def count(self, ernst: Ernst) -> int:
        return sum(1 for f in self.findings if f.ernst == ernst)


def _finding(
    check: str,
    bestand: str,
    pad: Pad,
    bericht: str,
    hint: str | None = None,
    *,
    regel: int = 0,
    kolom: int = 0,
    op_sleutel: bool = False,
) -> Finding:
    return Finding(
        bestand, regel, kolom, check, CHECKS[check].ernst, bericht, pad, hint, op_sleutel=op_sleutel
    )


def _code_stamp() -> int:
    """Changes whenever the package's code does, so a cached outcome is never stale."""
    package = Path(__file__).resolve().parent.parent
    return max(p.stat().st_mtime_ns for p in package.rglob("*.py"))


def _key(stats: list[store.Stat], misplaced: list[store.Plek], vandaag: dt.date) -> str:
    h = hashlib.sha256(f"{vandaag}|{_code_stamp()}".encode())
    for st in stats:
        h.update(f"{st.toon}\0{st.mtime_ns}\0{st.size}\n".encode())
    for plek in misplaced:
        h.update(f"{plek.toon}\n".encode())
    return h.hexdigest()


def validate(data_dir: Path, vandaag: dt.date, *, use_cache: bool = True) -> Resultaat:
    stats, misplaced = store.scan(data_dir)
    key = _key(stats, misplaced, vandaag)
    if use_cache:
        cached = store.read_cache(data_dir, "uitkomst")
        if cached is not None and cached[0] == key:
            findings = [
                Finding(b, r, k, c, Ernst(e), m, tuple(p), h)
                for b, r, k, c, e, m, p, h in cached[2]
            ]
            return Resultaat(findings, cached[1], uit_cache=True)
    files = store.load(stats, data_dir, use_cache=use_cache)
    findings = _check_files(data_dir, files, misplaced, vandaag)
    if use_cache:
        rows = [
            (f.bestand, f.regel, f.kolom, f.check, f.ernst.value, f.bericht, f.pad, f.hint)
            for f in findings
        ]
        store.write_cache(data_dir, "uitkomst", (key, len(files), rows))
    return Resultaat(findings, len(files))


def _check_files(
    data_dir: Path, files: list[store.Bestand], misplaced: list[store.Plek], vandaag: dt.date
) -> list[Finding]:
    import re

    slug = re.compile(SLUG_PATTERN)
    findings: list[Finding] = []
    known_folders = ", ".join(s.map for s in SOORTEN)
    for plek in misplaced:
        name = plek.toon.rsplit("/", 1)[-1]
        if plek.map:
            from waterketen_cli.checks.findings import suggest

            hint = suggest(name, [s.map for s in SOORTEN]) or f"bekende mappen: {known_folders}"
            findings.append(
                _finding("bestand", plek.toon, (), "onbekende map: wordt niet gelezen", hint)
            )
        elif name.endswith(".yml"):
            findings.append(
                _finding(
                    "bestand",
                    plek.toon,
                    (),
                    "records hebben de extensie .yaml",
                    "hernoem het bestand",
                    regel=1,
                    kolom=1,
                )
            )
        else:
            findings.append(
                _finding(
                    "bestand",
                    plek.toon,
                    (),
                    "dit bestand hoort niet in deze map",
                    "zet records in de map van hun soort, bijv. data/personen/",
                    regel=1,
                    kolom=1,
                )
            )

    root = store.display_root(data_dir)
    records: dict[str, dict[str, Geladen]] = {s.naam: {} for s in SOORTEN}
    for bestand in files:
        for p in bestand.problemen:
            findings.append(
                _finding("yaml", bestand.toon, (), p.bericht, p.hint, regel=p.regel, kolom=p.kolom)
            )
        if bestand.data is None or bestand.soort is None:
            continue
        stem = bestand.pad.name.removesuffix(".yaml")
        if not slug.match(stem):
            findings.append(
                _finding(
                    "bestand",
                    bestand.toon,
                    (),
                    f"de bestandsnaam '{stem}' is geen geldige id",
                    f"hernoem het bestand naar '{slugify(stem)}.yaml'",
                    regel=1,
                    kolom=1,
                )
            )
        record_id = bestand.data.get("id")
        if isinstance(record_id, str) and record_id != stem and slug.match(stem):
            findings.append(
                _finding(
                    "id",
                    bestand.toon,
                    ("id",),
                    f"het id '{record_id}' is niet gelijk aan de bestandsnaam '{stem}'",
                    f"zet 'id: {stem}' of hernoem het bestand naar '{record_id}.yaml'",
                )
            )
        record, problems = validate_record(bestand.soort.model, bestand.data, bestand.toon)
        findings.extend(problems)
        if record is None:
            continue
        per_id = records[bestand.soort.naam]
        if record.id in per_id:
            findings.append(
                _finding(
                    "dubbel-id",
                    bestand.toon,
                    ("id",),
                    f"het id '{record.id}' is ook gebruikt in {per_id[record.id].bestand}",
                )
            )
            continue
        per_id[record.id] = Geladen(bestand.toon, record)

    ctx = _context(data_dir, root, records, vandaag)
    for check in CHECKS.values():
        if check.fn is None:
            continue
        for m in check.fn(ctx):
            findings.append(
                _finding(
                    check.naam,
                    m.bestand,
                    m.pad,
                    m.bericht,
                    m.hint,
                    regel=0 if m.pad else (1 if m.bestand.endswith(".yaml") else 0),
                    kolom=0 if m.pad else (1 if m.bestand.endswith(".yaml") else 0),
                )
            )
    return sorted(_place(root, findings))


def _context(
    data_dir: Path, root: Path, records: dict[str, dict[str, Geladen]], vandaag: dt.date
) -> Context:
    mappen = {s.naam: (data_dir / s.map).relative_to(root).as_posix() for s in SOORTEN}
    ctx = Context(vandaag=vandaag, records=records, mappen=mappen)
    regios = list(records["regio"].values())
    if regios and isinstance(regios[0].record, Regio):
        ctx.regio = regios[0]
        ctx.themas = {t.id: t for t in regios[0].record.themas}
        ctx.indicatoren = {i.id: i for i in regios[0].record.indicatoren}
    for geladen in records["vergadering"].values():
        if isinstance(geladen.record, Vergadering):
            for i, besluit in enumerate(geladen.record.besluiten):
                ctx.besluiten.setdefault(besluit.nummer, (geladen, ("besluiten", i)))
    return ctx


def _place(root: Path, findings: Iterable[Finding]) -> list[Finding]:
    """Fill in line and column from the field paths, composing each file once."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    placed: list[Finding] = []
    for f in findings:
        (by_file[f.bestand] if f.regel == 0 and f.pad else placed).append(f)
    for bestand, todo in by_file.items():
        try:
            node = compose((root / bestand).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            node = None
        for f in todo:
            placed.append(f.placed(*locate(node, f.pad, key=f.op_sleutel)))
    return placed
