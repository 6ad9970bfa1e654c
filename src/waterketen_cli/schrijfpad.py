"""The one write path: every command that writes goes through :func:`voer_uit`.

A command takes the data folder's lock (:func:`sessie`), loads the records, computes
a :class:`~waterketen_cli.records.plan.Schrijfplan` and hands it here. Then, the same
for every command:

1. **Checked as ``validate`` checks.** The records as they would be after the plan go
   through every per-record and cross-record check, date checks included; a plan that
   adds an error is refused (:class:`PlanAfgewezen`). Records come out of the plan in
   canonical form, so ``fmt --check`` passes afterwards too.
2. ``--droog`` stops here: the caller shows the plan.
3. ``--commit`` checks that the files can be committed alone, before writing.
4. **All or nothing** (``records.transactie``), after checking that no file the plan
   was made from changed since it was read.
5. ``--commit`` commits exactly the written files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from waterketen_cli import dutch
from waterketen_cli.errors import WaterketenError
from waterketen_cli.records import transactie
from waterketen_cli.records.plan import Schrijfplan
from waterketen_cli.records.transactie import SchrijfFout

if TYPE_CHECKING:
    from waterketen_cli.findings import Finding


class PlanAfgewezen(WaterketenError):
    """The result would hold errors that ``validate`` reports; nothing was written."""

    def __init__(self, fouten: list[Finding]) -> None:
        self.fouten = fouten
        regels = "\n".join(f"  {_regel(f)}" for f in fouten[:20])
        if len(fouten) > 20:
            regels += f"\n  … en nog {len(fouten) - 20}"
        aantal = "een fout" if len(fouten) == 1 else dutch.aantal(len(fouten), "fout", "fouten")
        super().__init__(
            f"dit zou {aantal} in de gegevens geven die 'waterketen validate' meldt:\n{regels}",
            hint="er is niets geschreven; los de oorzaak op (of pas de opdracht aan) en "
            "probeer het opnieuw",
        )


def _regel(f: Finding) -> str:
    """'data/acties/x.yaml:7:14: afgerond_op: ligt in de toekomst [toekomst]'"""
    veld = f"{f.veld}: " if f.veld else ""
    hint = f" ({f.hint})" if f.hint else ""
    return f"{f.bestand}:{f.regel}:{f.kolom}: {veld}{f.bericht}{hint} [{f.check}]"


@dataclass(frozen=True)
class Uitkomst:
    """What the write path did."""

    plan: Schrijfplan
    droog: bool
    geschreven: list[Path] = field(default_factory=list)
    commit: str | None = None  # the commit's short id


def herstel(data_dir: Path) -> str | None:
    """Finish or undo a write that was interrupted (kill -9, power loss); every command
    calls this first. Returns what was done, or None."""
    if not transactie.onderbroken(data_dir):
        return None
    return transactie.herstel(data_dir)


@contextlib.contextmanager
def sessie(data_dir: Path, wat: str, *, droog: bool = False) -> Iterator[None]:
    """Hold the write lock while a command loads, plans and writes; a dry run reads
    only and takes no lock."""
    if droog:
        yield
        return
    with transactie.slot(data_dir, wat):
        yield


def toets(plan: Schrijfplan, vandaag: dt.date) -> None:
    """Refuse a plan whose result ``validate`` would not accept."""
    if plan.data_dir is None or not plan.records:
        return
    from waterketen_cli.checks import engine

    overlay = {r.pad: r.inhoud for r in plan.records}
    fouten, _ = engine.new_errors(plan.data_dir, vandaag, overlay, plan.scan, plan.bron)
    if fouten:
        raise PlanAfgewezen(fouten)


def voer_uit(
    plan: Schrijfplan, *, vandaag: dt.date, droog: bool = False, commit: bool = False
) -> Uitkomst:
    """Check the plan and, unless ``droog``, write it all or nothing (and commit)."""
    toets(plan, vandaag)
    if droog or plan.leeg:
        return Uitkomst(plan, droog)
    bestanden = [transactie.Bestand(r.pad, r.inhoud, nieuw=r.nieuw) for r in plan.records]
    bestanden += [
        transactie.Bestand(d.pad, d.inhoud, nieuw=not d.overschrijf)
        for d in plan.documenten
        if d.pad is not None
    ]
    commitplan = None
    if commit:
        from waterketen_cli import git

        commitplan = git.prepare_commit([b.doel for b in bestanden])
    journaal = plan.data_dir is not None and (plan.records or len(bestanden) > 1)
    transactie.schrijf(
        bestanden,
        data_dir=plan.data_dir if journaal else None,
        wat=plan.wat,
        controleer=lambda: _unchanged(plan),
    )
    sha = None
    if commitplan is not None:
        from waterketen_cli import git

        sha = git.commit(commitplan, plan.wat)
    return Uitkomst(plan, droog, [b.doel for b in bestanden], sha)


def _unchanged(plan: Schrijfplan) -> None:
    """Every file the plan was made from is as it was read: no lost update."""
    for r in plan.records:
        if r.oud is not None and _read(r.pad) != r.oud:
            raise _changed(r.pad)
    for d in plan.documenten:
        if d.pad is not None and d.oud is not None and _read(d.pad) != d.oud:
            raise _changed(d.pad)
    for pad, (mtime_ns, size) in plan.gelezen.items():
        try:
            st = os.stat(pad)
        except FileNotFoundError:
            raise _changed(Path(pad), "verwijderd") from None
        if (st.st_mtime_ns, st.st_size) != (mtime_ns, size):
            raise _changed(Path(pad))


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _changed(path: Path, hoe: str = "gewijzigd") -> SchrijfFout:
    return SchrijfFout(
        f"{path} is {hoe} terwijl deze opdracht liep (door een ander programma of iemand anders)",
        hint="er is niets geschreven; voer de opdracht opnieuw uit, dan gaat hij uit van "
        "de nieuwe stand",
    )
