"""Which record files ``fmt`` found in canonical form, so that it need not read them
again: a second ``fmt --check`` on an unchanged folder reads no record.

One marshal file next to the cache of ``validate`` (:func:`store.read_cache` and
:func:`store.write_cache`: ``WATERKETEN_CACHE`` or ``~/.cache/waterketen``, one per data
folder, written atomically). Per record file (its shown path, ``data/…``): the mtime
and size of the file that was read (its ``fstat``, not the listing's: a writer may
replace the file in between) and a digest of its bytes, when it was found canonical,
and whether that mtime was old enough to trust. Only canonical files go in; whatever
the cache does not know, fmt reads and decides as it always did.

- Same mtime and size, mtime trusted, still readable (``os.access``: a file made
  unreadable is reported as before): canonical, not read.
- Otherwise the file is read; the same bytes as remembered (a checkout that only
  touched it): canonical, without the predicate or ruamel.yaml.
- An mtime within :data:`_MARGE_NS` of the start of the run that remembered it is not
  trusted: a second write in the same tick of the file system's clock could keep
  mtime and size. Such a file is read and compared by its digest next time.

A file changed with its old mtime and size put back is taken for unchanged, as by the
cache of ``validate``. The cache belongs to one set of rules: the program
(``store``'s code stamp), the sources of the canonical form and the models, and the
installed ruamel.yaml and PyYAML (:func:`_rules`); after any change it is not used.
A missing, damaged or foreign cache file is ignored; one that cannot be written costs
only speed. Nothing here decides what is canonical (:mod:`vormcheck`, :mod:`canonical`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import time
from functools import cache
from pathlib import Path
from typing import Final

from waterketen_cli.records.store import Stat, read_cache, write_cache

_NAAM: Final = "vaste-vorm"
#: Two seconds: the tick of FAT's clock, the coarsest of the common file systems.
_MARGE_NS: Final = 2_000_000_000

#: Where the rules of the canonical form live, relative to the package.
_BRONNEN: Final = (
    "records/canonical.py",
    "records/vormcheck.py",
    "records/vormcache.py",
    "records/formatteren.py",
    "records/yamlio.py",
    "records/writer.py",
    "records/plan.py",
    "soorten.py",
    "models",
)

# mtime_ns, size, digest of the bytes, mtime trusted
Entry = tuple[int, int, bytes, bool]


class Vormcache:
    """The files known to be canonical, for one run of ``fmt`` on ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._begin = time.time_ns()  # before any file of this run is read
        self._oud = _load(data_dir)
        self._nieuw: dict[str, Entry] = {}
        self._gewijzigd = False

    def ongewijzigd(self, stat: Stat) -> bool:
        """Canonical, known without reading the file."""
        entry = self._oud.get(stat.toon)
        if (
            entry is not None
            and entry[3]
            and entry[0] == stat.mtime_ns
            and entry[1] == stat.size
            and os.access(stat.pad, os.R_OK)  # else reading it fails, as fmt reports
        ):
            self._nieuw[stat.toon] = entry
            return True
        return False

    def zelfde_inhoud(self, stat: Stat, gelezen: os.stat_result, raw: bytes) -> bool:
        """Canonical: the same bytes as when it was found canonical."""
        entry = self._oud.get(stat.toon)
        if entry is None or entry[2] != _digest(raw):
            return False
        self.onthoud(stat, gelezen, raw)
        return True

    def onthoud(self, stat: Stat, gelezen: os.stat_result, raw: bytes) -> None:
        """``raw`` is in canonical form; ``gelezen`` is the ``fstat`` of the file it was
        read from (not the listing's: the file may have been replaced in between)."""
        mtime_ns, size = gelezen.st_mtime_ns, gelezen.st_size
        trusted = mtime_ns < self._begin - _MARGE_NS and size == len(raw)
        entry = (mtime_ns, size, _digest(raw), trusted)
        self._nieuw[stat.toon] = entry
        self._gewijzigd |= self._oud.get(stat.toon) != entry

    def bewaar(self, alle: list[Stat]) -> None:
        """Write the cache if anything changed: what this run found, and what an
        earlier one knew about the files this run did not look at (``fmt PAD``); a
        file that is gone is forgotten."""
        bestaand = {s.toon for s in alle}
        for toon, entry in self._oud.items():
            if toon in bestaand and toon not in self._nieuw:
                self._nieuw[toon] = entry
        if self._gewijzigd or self._nieuw.keys() != self._oud.keys():
            write_cache(self._data_dir, _NAAM, (_rules(), self._nieuw))


def _load(data_dir: Path) -> dict[str, Entry]:
    content = read_cache(data_dir, _NAAM)
    if not isinstance(content, tuple) or len(content) != 2 or content[0] != _rules():
        return {}
    entries = content[1]
    if not isinstance(entries, dict) or not all(
        type(v) is tuple and len(v) == 4 for v in entries.values()
    ):
        return {}
    return entries


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


@cache
def _rules() -> bytes:
    """Changes with the canonical form: the sources that define it (the models among
    them), and the installed ruamel.yaml (which writes it) and PyYAML (which reads)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr(sys.version_info[:3]).encode())
    for bron in _BRONNEN:
        path = package / bron
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.name.encode() + b"\0")
            try:
                digest.update(file.read_bytes())
            except OSError:
                digest.update(b"?")
    for library in ("ruamel.yaml", "yaml"):
        spec = importlib.util.find_spec(library)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            digest.update(repr(_listing(folder)).encode())
    return digest.digest()


def _listing(folder: str) -> list[tuple[str, int, int]]:
    """Name, size and mtime of the files of an installed library."""
    try:
        with os.scandir(folder) as entries:
            stats = [(e.name, e.stat()) for e in entries if e.is_file()]
    except OSError:
        return []
    return sorted((name, st.st_size, st.st_mtime_ns) for name, st in stats)
