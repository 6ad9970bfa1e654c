"""Finding the record files of a data folder, and the cache of what was found in them.

The cache lives outside the data folder (in the user's cache folder, or
``WATERKETEN_CACHE``) and is only ever a copy: deleting it changes nothing but speed.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from waterketen_cli import __version__
from waterketen_cli.errors import BestandsFout
from waterketen_cli.soorten import MAPPEN, Soort

_CACHE_FORMAT = 1


@dataclass(frozen=True)
class Plek:
    """A file or folder that is where no record belongs."""

    toon: str
    map: bool


@dataclass(frozen=True)
class Stat:
    pad: str  # text, not a Path: ten thousand Path objects cost a noticeable moment
    naam: str
    toon: str
    soort: Soort
    mtime_ns: int
    size: int


@contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection while thousands of long-lived objects are made (reading
    records and caches): each collection would walk all of them again, which cost a
    third of a write command's time on 10,000 records. Those phases make no cyclic
    garbage worth collecting; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def display_root(data_dir: Path) -> Path:
    """Paths are shown relative to the folder that holds ``data/`` (the repository)."""
    return data_dir.parent


def scan(data_dir: Path) -> tuple[list[Stat], list[Plek]]:
    """All record files (and the newsletters, ``soorten.DOCUMENTSOORTEN``), sorted, and
    what does not belong in the data folder.

    A folder that cannot be listed is a :class:`BestandsFout` ('kan de map data/acties
    niet lezen: geen toegang'). A ``.yaml`` link that cannot be followed (dangling, a
    loop, no access to its target) counts as a record file, with the link's own time
    and size: reading it fails, and that is reported as for any unreadable record."""
    prefix = data_dir.name
    stats: list[Stat] = []
    misplaced: list[Plek] = []
    for entry in _listing(data_dir, prefix):
        toon = f"{prefix}/{entry.name}"
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            if entry.name.endswith((".yaml", ".yml")):
                misplaced.append(Plek(toon, map=False))
            continue
        soort = MAPPEN.get(entry.name)
        if soort is None:
            misplaced.append(Plek(toon, map=True))
            continue
        for item in _listing(entry.path, toon):
            item_toon = f"{toon}/{item.name}"
            if item.name.startswith(".") or _uitleg(item.name, soort):
                continue
            eigen = item.name.endswith(soort.extensie)
            st = _record_stat(item, toon) if eigen else None
            if st is not None:
                stats.append(
                    Stat(item.path, item.name, item_toon, soort, st.st_mtime_ns, st.st_size)
                )
            elif eigen and not os.path.lexists(item.path):
                continue  # gone since the folder was listed
            else:
                misplaced.append(Plek(item_toon, map=_is_dir(item)))
    return stats, misplaced


def _uitleg(naam: str, soort: Soort) -> bool:
    """A Markdown file that explains a folder of records (a README); in a folder of
    Markdown documents (the newsletters) only the README itself."""
    if soort.extensie == ".md":
        return naam.lower() == "readme.md"
    return naam.lower().endswith(".md")


def _listing(folder: Path | str, toon: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError as error:
        raise BestandsFout.map(error, toon) from None


def _record_stat(item: os.DirEntry[str], folder: str) -> os.stat_result | None:
    """The time and size of a record file; None for a folder, a pipe or a device, or a
    file that is gone."""
    try:
        st = item.stat()
    except OSError as error:
        try:
            st = item.stat(follow_symlinks=False)
        except FileNotFoundError:
            return None
        except OSError:
            # Not even the entry itself: the folder can be listed but not opened.
            raise BestandsFout.map(error, folder) from None
        return st if stat.S_ISLNK(st.st_mode) else None
    return st if stat.S_ISREG(st.st_mode) else None


def _is_dir(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir()
    except OSError:
        return False


def cache_dir() -> Path:
    configured = os.environ.get("WATERKETEN_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "waterketen"


def _cache_file(data_dir: Path, name: str) -> Path:
    digest = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"{digest}-{name}.marshal"


@cache
def _code_stamp() -> str:
    """Changes with the program: a cache written by other code is never used."""
    package = Path(__file__).resolve().parent.parent
    newest = max(p.stat().st_mtime_ns for p in package.rglob("*.py"))
    return f"{__version__}-{newest}"


def read_cache(data_dir: Path, name: str) -> Any:
    try:
        with open(_cache_file(data_dir, name), "rb") as fh:
            # Read whole, then decode: marshal.load on a file reads in small pieces
            # and is several times slower for a cache of some megabytes.
            content = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(content, tuple) or content[:2] != (_CACHE_FORMAT, _code_stamp()):
        return None
    return content[2]


def write_cache(data_dir: Path, name: str, value: Any) -> None:
    """Best effort and atomic: a cache that cannot be written only costs speed."""
    target = _cache_file(data_dir, name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump((_CACHE_FORMAT, _code_stamp(), value), fh)
        os.replace(tmp, target)
    except (OSError, ValueError):
        return
