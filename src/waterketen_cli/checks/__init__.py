"""Validation: every file against its model and the record checks, then the checks
across records.

Incremental by design. What depends on one file only (its YAML problems, schema
findings, record-check findings with their lines, and its facts) is cached per file,
keyed by modification time and size. What depends on all files or on the day (the
cross checks) is recomputed from the facts on every run that is not answered whole
from the cache: an unchanged folder on the same day gives the same findings, as long
as the files outside it that the checks looked at (the stukken) are as they were.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waterketen_cli.checks.uitkomst import (
    NAAM,
    cached_outcome,
    read_outcome,
    toestand,
    uitkomst_key,
)
from waterketen_cli.findings import Ernst, Finding
from waterketen_cli.records import store
from waterketen_cli.voortgang import Voortgang, stil

__all__ = ["Ernst", "Finding", "Resultaat", "all_checks", "validate"]


@dataclass(frozen=True)
class Resultaat:
    findings: list[Finding]
    bestanden: int
    #: The checks whose findings depend on their own file alone (reading, the model,
    #: the record checks); the others look across records (references, duplicate ids,
    #: the rules of the cooperation, dates). ``validate --gewijzigd`` tells them apart.
    eigen_bestand: frozenset[str] = frozenset()

    def count(self, ernst: Ernst) -> int:
        return sum(1 for f in self.findings if f.ernst == ernst)


def all_checks() -> dict[str, Any]:
    """Every named check (importing the rules registers them)."""
    from waterketen_cli.checks import engine  # noqa: F401 - registers the checks
    from waterketen_cli.checks.registry import CHECKS

    return CHECKS


#: Done while reading each file, before any rule (see ``engine._check_file``).
_READING = frozenset({"yaml", "bestand", "schema", "id"})


def _own_file_checks() -> frozenset[str]:
    from waterketen_cli.checks.registry import CHECKS

    return _READING | {
        name for name, check in CHECKS.items() if check.record is not None or check.eigen_bestand
    }


def validate(
    data_dir: Path,
    vandaag: dt.date,
    *,
    use_cache: bool = True,
    voortgang: Voortgang | None = None,
) -> Resultaat:
    """All findings about the data folder, judged on ``vandaag``; the files checked
    anew are reported to ``voortgang``."""
    stats, misplaced = store.scan(data_dir)
    key = uitkomst_key(stats, misplaced, vandaag)
    vorige = read_outcome(data_dir) if use_cache else None
    if vorige is not None:
        cached = cached_outcome(data_dir, key, vorige)
        if cached is not None:
            findings = [
                Finding(b, r, k, c, Ernst(e), m, tuple(p), h)
                for b, r, k, c, e, m, p, h in cached[2]
            ]
            return Resultaat(findings, cached[1], eigen_bestand=frozenset(cached[3]))
    from waterketen_cli.checks import engine

    eigen = _own_file_checks()
    buiten: dict[str, Any] = {}
    findings = engine.run(
        data_dir,
        stats,
        misplaced,
        vandaag,
        use_cache=use_cache,
        voortgang=voortgang or stil,
        buiten=buiten,
        vorige=vorige,
        eigen=eigen,
    )
    if use_cache:
        rows = [
            (f.bestand, f.regel, f.kolom, f.check, f.ernst.value, f.bericht, f.pad, f.hint)
            for f in findings
        ]
        # What the checks saw outside the data folder (the stukken), to look at again.
        vinger = buiten.get("vingerafdruk")
        state = toestand(stats, misplaced, vandaag, buiten.get("bestanden"))
        nieuw = buiten.get("entries", {})
        store.write_cache(
            data_dir, NAAM, (key, len(stats), rows, sorted(eigen), vinger, state, nieuw)
        )
    return Resultaat(findings, len(stats), eigen_bestand=eigen)
