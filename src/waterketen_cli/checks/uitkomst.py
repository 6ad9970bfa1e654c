"""The cached outcome of a whole run of ``validate``: answered from it when no file of
the data folder changed, the day is the same and the stukken the checks looked at are
as they were. Apart from :mod:`waterketen_cli.checks` so that the engine can use it too
(``engine.new_errors`` compares with the current findings; ``engine.run`` keeps the
findings across records of the last run when the files that changed since bring the
same facts) without importing the package that runs it.

The cached value: ``(key, number of files, findings, own-file checks, stukken seen,
state, entries)``: the state is the day, a hash of the names of the files
(:func:`namen`), the misplaced entries and the stamp of the cache of the files
(``store.Stempel``) the run read or wrote (:func:`toestand`); the entries, what the run
found in the files it checked anew when it left the cache of the files as it was
(``engine.run``). That cache with these entries is what the run saw of each file: a
later run that reads the same version of it knows which files changed since, without
a list of every file's time and size here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from waterketen_cli.records import store

#: The name of the cache.
NAAM = "uitkomst"


def uitkomst_key(stats: list[store.Stat], misplaced: list[store.Plek], vandaag: dt.date) -> str:
    """The key of a whole run: every file's place, time and size, and the day."""
    h = hashlib.sha256(vandaag.isoformat().encode())
    for st in stats:
        h.update(f"{st.toon}\0{st.mtime_ns}\0{st.size}\n".encode())
    for plek in misplaced:
        h.update(f"{plek.toon}\n".encode())
    return h.hexdigest()


def namen(stats: list[store.Stat]) -> str:
    """A hash of the names of the files: which files a run saw."""
    h = hashlib.sha256()
    for st in stats:
        h.update(f"{st.toon}\n".encode())
    return h.hexdigest()


def toestand(
    stats: list[store.Stat],
    misplaced: list[store.Plek],
    vandaag: dt.date,
    bestanden: store.Stempel | None,
) -> tuple[str, str, list[str], store.Stempel | None]:
    """What a later run needs to see what changed since (``engine._cross_as_before``)."""
    return (vandaag.isoformat(), namen(stats), [plek.toon for plek in misplaced], bestanden)


def read_outcome(data_dir: Path) -> tuple[Any, ...] | None:
    """The cached outcome of the last run, whatever its key."""
    cached = store.read_cache(data_dir, NAAM)
    if not isinstance(cached, tuple) or len(cached) != 7:
        return None
    return cached


def stukken_ongewijzigd(data_dir: Path, outcome: tuple[Any, ...]) -> bool:
    """Are the stukken the run of ``outcome`` looked at where they were? (They live
    outside the data folder, so outside the key.)"""
    if outcome[4] is None:
        return True
    from waterketen_cli.records import stukken

    return stukken.ongewijzigd(store.display_root(data_dir), outcome[4])


def cached_outcome(
    data_dir: Path, key: str, outcome: tuple[Any, ...] | None = None
) -> tuple[Any, ...] | None:
    """The cached outcome of the run with this key (``outcome``: already read), if the
    stukken it looked at are where they were."""
    cached = outcome if outcome is not None else read_outcome(data_dir)
    if cached is None or cached[0] != key:
        return None
    return cached if stukken_ongewijzigd(data_dir, cached) else None
