"""Finding and reading the record files of a data folder, with a cache.

The cache keeps, per file, the parsed data keyed by (mtime, size), so that an
unchanged file is never parsed twice. It lives outside the data folder (in the
user's cache folder, or ``WATERKETEN_CACHE``) and is only ever a copy: deleting it
changes nothing but speed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waterketen_cli import __version__
from waterketen_cli.models import SOORT_PER_MAP, Soort
from waterketen_cli.records.yamlio import YamlProbleem, parse

_CACHE_FORMAT = 1


@dataclass(frozen=True)
class Bestand:
    """A file found in the data folder, read and parsed (or not)."""

    pad: Path
    toon: str  # the path as shown in findings
    soort: Soort | None  # None: not in a record folder
    data: dict[str, Any] | None
    problemen: tuple[YamlProbleem, ...]


@dataclass(frozen=True)
class Plek:
    """A file or folder that is where no record belongs."""

    toon: str
    map: bool


@dataclass(frozen=True)
class Stat:
    pad: Path
    toon: str
    soort: Soort
    mtime_ns: int
    size: int


def display_root(data_dir: Path) -> Path:
    """Paths are shown relative to the folder that holds ``data/`` (the repository)."""
    return data_dir.parent


def scan(data_dir: Path) -> tuple[list[Stat], list[Plek]]:
    """All record files, sorted, and what does not belong in the data folder."""
    root = display_root(data_dir)
    stats: list[Stat] = []
    misplaced: list[Plek] = []
    for entry in sorted(os.scandir(data_dir), key=lambda e: e.name):
        toon = Path(entry.path).relative_to(root).as_posix()
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            if entry.name.endswith((".yaml", ".yml")):
                misplaced.append(Plek(toon, map=False))
            continue
        soort = SOORT_PER_MAP.get(entry.name)
        if soort is None:
            misplaced.append(Plek(toon, map=True))
            continue
        for item in sorted(os.scandir(entry.path), key=lambda e: e.name):
            item_toon = f"{toon}/{item.name}"
            if item.name.startswith(".") or item.name.lower().endswith(".md"):
                continue
            if item.is_file() and item.name.endswith(".yaml"):
                st = item.stat()
                stats.append(Stat(Path(item.path), item_toon, soort, st.st_mtime_ns, st.st_size))
            else:
                misplaced.append(Plek(item_toon, map=item.is_dir()))
    return stats, misplaced


def cache_dir() -> Path:
    configured = os.environ.get("WATERKETEN_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "waterketen"


def _cache_file(data_dir: Path, name: str) -> Path:
    digest = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"{digest}-{name}.marshal"


def read_cache(data_dir: Path, name: str) -> Any:
    try:
        with open(_cache_file(data_dir, name), "rb") as fh:
            content = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(content, tuple) or content[:2] != (_CACHE_FORMAT, __version__):
        return None
    return content[2]


def write_cache(data_dir: Path, name: str, value: Any) -> None:
    """Best effort and atomic: a cache that cannot be written only costs speed."""
    target = _cache_file(data_dir, name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump((_CACHE_FORMAT, __version__, value), fh)
        os.replace(tmp, target)
    except (OSError, ValueError):
        return


def load(stats: list[Stat], data_dir: Path, *, use_cache: bool = True) -> list[Bestand]:
    """Read and parse every record file; unchanged files come from the cache."""
    cached: dict[str, Any] = (read_cache(data_dir, "bestanden") if use_cache else None) or {}
    fresh: dict[str, Any] = {}
    changed = len(cached) != len(stats)
    result: list[Bestand] = []
    for st in stats:
        hit = cached.get(st.toon)
        if hit is not None and hit[0] == st.mtime_ns and hit[1] == st.size:
            data, raw_problems = hit[2], hit[3]
        else:
            try:
                raw = st.pad.read_bytes()
            except OSError as error:
                data, problems = None, [YamlProbleem(1, 1, f"kan het bestand niet lezen: {error}")]
            else:
                data, problems = parse(raw)
            raw_problems = [(p.regel, p.kolom, p.bericht, p.hint) for p in problems]
            hit = (st.mtime_ns, st.size, data, raw_problems)
            changed = True
        fresh[st.toon] = hit
        result.append(
            Bestand(
                st.pad,
                st.toon,
                st.soort,
                data,
                tuple(YamlProbleem(*p) for p in raw_problems),
            )
        )
    if use_cache and changed:
        write_cache(data_dir, "bestanden", fresh)
    return result
