"""The cached outcome of a whole run of ``validate``: answered from it when no file of
the data folder changed, the day is the same and the stukken the checks looked at are
as they were. Apart from :mod:`waterketen_cli.checks` so that the engine can use it too
(``engine.new_errors`` compares with the current findings) without importing the
package that runs it."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from waterketen_cli.records import store


def uitkomst_key(stats: list[store.Stat], misplaced: list[store.Plek], vandaag: dt.date) -> str:
    """The key of a whole run: every file's place, time and size, and the day."""
    h = hashlib.sha256(vandaag.isoformat().encode())
    for st in stats:
        h.update(f"{st.toon}\0{st.mtime_ns}\0{st.size}\n".encode())
    for plek in misplaced:
        h.update(f"{plek.toon}\n".encode())
    return h.hexdigest()


def cached_outcome(data_dir: Path, key: str) -> tuple[Any, ...] | None:
    """The cached outcome of the run with this key, if the stukken it looked at are
    where they were (they live outside the data folder, so outside the key)."""
    cached = store.read_cache(data_dir, "uitkomst")
    if cached is None or len(cached) != 5 or cached[0] != key:
        return None
    if cached[4] is not None:
        from waterketen_cli.records import stukken

        if not stukken.ongewijzigd(store.display_root(data_dir), cached[4]):
            return None
    return tuple(cached)
