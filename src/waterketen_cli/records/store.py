"""Finding the record files of a data folder, and the cache of what was found in them.

The cache lives outside the data folder (in the user's cache folder, or
``WATERKETEN_CACHE``) and is only ever a copy: deleting it changes nothing but speed.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import marshal
import os
import stat
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from waterketen_cli import __version__
from waterketen_cli.errors import BestandsFout
from waterketen_cli.soorten import MAPPEN, Soort

_CACHE_FORMAT = 2


@dataclass(frozen=True)
class Plek:
    """A file or folder that is where no record belongs."""

    toon: str
    map: bool


@dataclass(frozen=True, slots=True)
class Stat:
    """A record file as found: where, what kind, its time and size. Text, not Path
    objects, and one text of its own (``toon``): 100,000 of these are alive at once."""

    map: str  # the folder on disk, the same object for all its files
    toon: str  # as shown: data/acties/x.yaml
    soort: Soort
    mtime_ns: int
    size: int

    @property
    def naam(self) -> str:
        return self.toon[self.toon.rfind("/") + 1 :]

    @property
    def pad(self) -> str:
        """The file on disk, as ``os.DirEntry.path`` gives it (the folder, a separator,
        the name: cheaper than ``os.path.join``, and asked for per file per command)."""
        folder = self.map
        sep = "" if folder.endswith(("/", os.sep)) else os.sep
        return f"{folder}{sep}{self.toon[self.toon.rfind('/') + 1 :]}"


#: What a command already read of a record file: its parsed content, or its model
#: (then the content is not needed); None when it did not read it as it is now.
Bron = Callable[[Stat], "tuple[Any, Any] | None"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection while thousands of long-lived objects are made (reading
    records and caches): each collection would walk all of them again, which cost a
    third of a write command's time on 10,000 records. Those phases make no cyclic
    garbage worth collecting; the collector runs again afterwards, on what is made
    after them only (``gc.freeze``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was read stays alive until the command ends: out of the collector's
        # sight from now on, so no later collection walks it again.
        gc.freeze()
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
        folder = entry.path
        # Names, not DirEntry objects: a folder of 50,000 records would otherwise hold
        # as many objects at once, and the memory they leave behind stays taken.
        for name in _names(folder, toon):
            item_toon = f"{toon}/{name}"
            if name.startswith(".") or _uitleg(name, soort):
                continue
            path = os.path.join(folder, name)
            eigen = name.endswith(soort.extensie)
            st = _record_stat(path, toon) if eigen else None
            if st is not None:
                stats.append(Stat(folder, item_toon, soort, st.st_mtime_ns, st.st_size))
            elif eigen and not os.path.lexists(path):
                continue  # gone since the folder was listed
            else:
                misplaced.append(Plek(item_toon, map=os.path.isdir(path)))
    return stats, misplaced


def lees(pad: str) -> bytes:
    """A file's bytes, with the system's calls themselves: ``open()`` builds a buffered
    file object around them, a third of the cost of reading 10,000 small records.
    Raises ``OSError`` as ``open`` would (also on Windows, in binary mode)."""
    fd = os.open(pad, _LEZEN)
    try:
        delen = []
        while deel := os.read(fd, _BLOK):
            delen.append(deel)
    finally:
        os.close(fd)
    return delen[0] if len(delen) == 1 else b"".join(delen)


_LEZEN = os.O_RDONLY | getattr(os, "O_BINARY", 0)
_BLOK = 1 << 20


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


def _names(folder: str, toon: str) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError as error:
        raise BestandsFout.map(error, toon) from None


def _record_stat(path: str, folder: str) -> os.stat_result | None:
    """The time and size of a record file; None for a folder, a pipe or a device, or a
    file that is gone."""
    try:
        st = os.stat(path)
    except OSError as error:
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return None
        except OSError:
            # Not even the entry itself: the folder can be listed but not opened.
            raise BestandsFout.map(error, folder) from None
        return st if stat.S_ISLNK(st.st_mode) else None
    return st if stat.S_ISREG(st.st_mode) else None


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


#: Entries per part of a cache written in parts (:func:`write_cache_parts`, and the
#: parts of a series, :func:`batched`): small enough that the encoded part costs little
#: memory next to 100,000 entries.
PART = 2_000
_LENGTH = struct.Struct("<Q")


#: Which version of a cache file a run read or wrote: its inode, time and size. A run
#: that keeps what it knows about the last one (``checks.uitkomst``) compares it.
Stempel = tuple[int, int, int]


def read_cache(data_dir: Path, name: str) -> Any:
    """The cached value, or None when there is none, it is damaged or it was written by
    other code. A cache written in parts comes back as one dict, one written as a
    series as a list."""
    return read_cache_stamped(data_dir, name)[0]


def read_cache_stamped(data_dir: Path, name: str) -> tuple[Any, Stempel | None]:
    """:func:`read_cache`, and the stamp of the very file it read."""
    try:
        with open(_cache_file(data_dir, name), "rb") as fh:
            # Read whole, then decode: marshal.load on a file reads in small pieces
            # and is several times slower for a cache of some megabytes.
            content = memoryview(fh.read())
            stempel = _stempel(fh.fileno())
        chunks = _chunks(content)
        header = marshal.loads(next(chunks))
        if not isinstance(header, tuple) or header[:2] != (_CACHE_FORMAT, _code_stamp()):
            return None, None
        if header[2] == "een":
            return marshal.loads(next(chunks)), stempel
        if header[2] == "reeks":
            return [marshal.loads(chunk) for chunk in chunks], stempel
        value: dict[Any, Any] = {}
        for chunk in chunks:
            value.update(marshal.loads(chunk))
        return value, stempel
    except (OSError, EOFError, ValueError, TypeError, StopIteration, struct.error):
        return None, None


def _stempel(fd: int) -> Stempel:
    st = os.fstat(fd)
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _chunks(content: memoryview) -> Iterator[memoryview]:
    offset = 0
    while offset < len(content):
        (length,) = _LENGTH.unpack_from(content, offset)
        offset += _LENGTH.size
        if offset + length > len(content):
            raise EOFError
        yield content[offset : offset + length]
        offset += length


def write_cache(data_dir: Path, name: str, value: Any) -> Stempel | None:
    """Best effort and atomic: a cache that cannot be written only costs speed. The
    stamp of the file written; None when it was not."""
    return _write(data_dir, name, "een", iter([value]))


def write_cache_parts(
    data_dir: Path, name: str, items: Iterable[tuple[Any, Any]]
) -> Stempel | None:
    """A big dict, written a part at a time: the encoded form of 100,000 entries at
    once would take as much memory again as the entries themselves. Read back as one
    dict by :func:`read_cache`."""
    return _write(data_dir, name, "delen", (dict(part) for part in batched(items, PART)))


def write_cache_series(data_dir: Path, name: str, values: Iterable[Any]) -> Stempel | None:
    """Values written one at a time, read back as a list by :func:`read_cache`: for a
    big value that its maker can hand over in parts (``stukken.Kijker.geheugen``)."""
    return _write(data_dir, name, "reeks", iter(values))


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``size`` (the last one shorter): ``itertools.batched`` of
    Python 3.12."""
    part: list[Any] = []
    for item in items:
        part.append(item)
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


def _write(data_dir: Path, name: str, kind: str, values: Iterator[Any]) -> Stempel | None:
    target = _cache_file(data_dir, name)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            for value in itertools.chain([(_CACHE_FORMAT, _code_stamp(), kind)], values):
                data = marshal.dumps(value)
                fh.write(_LENGTH.pack(len(data)))
                fh.write(data)
        # Closed first: Windows may set the time of the last write when it closes. A
        # rename keeps the inode and the time.
        fd = os.open(tmp, os.O_RDONLY)
        try:
            stempel = _stempel(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        return stempel
    except (OSError, ValueError):
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return None
