"""All valid records of a data folder as models, for the commands that read them.

A file that does not pass its model, or cannot be read (no access, gone since the
folder was listed), is left out and named in ``overgeslagen``: a command works on what
is valid and says what it skipped (each entry keeps the reason; ``validate`` says more).
A folder that cannot be read is an error (:class:`~waterketen_cli.errors.BestandsFout`).
Parsed content is cached per file (by mtime and size), like validation's findings.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from waterketen_cli.errors import BestandsFout, os_reden
from waterketen_cli.models.base import Record
from waterketen_cli.records import store
from waterketen_cli.records.yamlio import parse
from waterketen_cli.soorten import SOORT_PER_NAAM, SOORTEN, Soort

R = TypeVar("R", bound=Record)


@dataclass
class Gegevens:
    data_dir: Path
    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    paden: dict[tuple[str, str], Path] = field(default_factory=dict)
    overgeslagen: list[str] = field(default_factory=list)
    #: Every file read, with the (mtime_ns, size) it had: a write plan made from these
    #: records is refused when one of them changed before the plan is written.
    gelezen: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: The public view (``waterketen_cli.publiek``): what a public reader may see only.
    publiek: bool = False
    #: In the public view: confidential items are left out instead of shown as
    #: "Besloten punt" (the region's choice), so items have no public times.
    besloten_weglaten: bool = False
    #: What ``load`` found in the folder (every kind), for the checks of a write plan.
    scan: tuple[list[store.Stat], list[store.Plek]] | None = None

    def of(self, model: type[R]) -> list[R]:
        """All records of one kind, in file-name order."""
        soort = soort_of(model)
        return [r for r in self.records.get(soort.naam, {}).values() if isinstance(r, model)]

    def get(self, model: type[R], record_id: str | None) -> R | None:
        record = self.records.get(soort_of(model).naam, {}).get(record_id or "")
        return record if isinstance(record, model) else None

    def path_exists(self, soort: str, record_id: str) -> bool:
        """A file for this record is there, valid or not."""
        return self.path(SOORT_PER_NAAM[soort], record_id).exists()

    def path(self, soort: Soort, record_id: str) -> Path:
        """Where a record of this kind and id lives (whether or not it exists yet)."""
        return self.data_dir / soort.map / f"{record_id}.yaml"


def soort_of(model: type[Record]) -> Soort:
    for soort in SOORTEN:
        if soort.klasse == model.__name__:
            return soort
    raise KeyError(model.__name__)


def _read_kind(
    data_dir: Path, soort: str, stats: list[store.Stat]
) -> tuple[list[dict[str, Any] | None], dict[str, str]]:
    """The parsed content of one kind's files, unchanged ones from that kind's cache;
    and why the files that could not be read were not (by path as shown). A file that
    cannot be read has no content (``None``), like one that is not valid YAML."""
    name = f"inhoud-{soort}"
    cached: dict[str, Any] = store.read_cache(data_dir, name) or {}
    fresh: dict[str, Any] = {}
    changed = False
    contents: list[dict[str, Any] | None] = []
    onleesbaar: dict[str, str] = {}
    for st in stats:
        hit = cached.get(st.toon)
        if hit is None or (hit[0], hit[1]) != (st.mtime_ns, st.size):
            raw = _read(st.pad)
            if isinstance(raw, OSError):
                # No access, gone since the scan, a folder now: skipped and said why;
                # not cached, so it is read again once it can be.
                onleesbaar[st.toon] = os_reden(raw)
                contents.append(None)
                continue
            data, _problems = parse(raw)
            hit = (st.mtime_ns, st.size, data)
            changed = True
        fresh[st.toon] = hit
        contents.append(hit[2])
    if changed or fresh.keys() != cached.keys():
        store.write_cache(data_dir, name, fresh)
    return contents, onleesbaar


def _read(path: str) -> bytes | OSError:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as error:
        return error


class Overgeslagen(str):
    """A file left out of :attr:`Gegevens.overgeslagen`: the path as shown, and
    ``reden``, why ('geen geldig record', 'niet te lezen: geen toegang')."""

    reden: str

    def __new__(cls, toon: str, reden: str) -> Overgeslagen:
        self = super().__new__(cls, toon)
        self.reden = reden
        return self


def load(
    data_dir: Path,
    soorten: Iterable[str] | None = None,
    *,
    waar: Mapping[str, Callable[[dict[str, Any]], bool]] | None = None,
) -> Gegevens:
    """Read and validate the records of the given kinds (default: all). ``waar`` keeps,
    per kind, only the records whose raw content passes a test, before validation: a
    command that needs only the open actions does not validate the closed ones."""
    with store.gc_paused():
        return _load(data_dir, soorten, waar)


def _load(
    data_dir: Path,
    soorten: Iterable[str] | None,
    waar: Mapping[str, Callable[[dict[str, Any]], bool]] | None,
) -> Gegevens:
    wanted = set(soorten) if soorten is not None else set(SOORT_PER_NAAM)
    gegevens = Gegevens(data_dir)
    per_soort: dict[str, list[store.Stat]] = {}
    gegevens.scan = store.scan(data_dir)
    for st in gegevens.scan[0]:
        if st.soort.naam in wanted:
            per_soort.setdefault(st.soort.naam, []).append(st)
            gegevens.gelezen[st.pad] = (st.mtime_ns, st.size)
    for soort, stats in per_soort.items():
        contents, onleesbaar = _read_kind(data_dir, soort, stats)
        keep = (waar or {}).get(soort)
        if keep is not None:
            pairs = [(st, c) for st, c in zip(stats, contents, strict=True) if c is None or keep(c)]
            stats, contents = [st for st, _ in pairs], [c for _, c in pairs]
        _add(gegevens, stats, contents, onleesbaar)
    return gegevens


def _add(
    gegevens: Gegevens,
    stats: list[store.Stat],
    contents: list[Any],
    onleesbaar: Mapping[str, str] | None = None,
) -> None:
    from waterketen_cli.records.schema import validate_record

    for st, data in zip(stats, contents, strict=True):
        record = None
        if data is not None:
            record, _findings = validate_record(st.soort.model, data, st.toon)
        if record is None or record.id != st.naam.removesuffix(".yaml"):
            reden = (onleesbaar or {}).get(st.toon)
            gegevens.overgeslagen.append(
                Overgeslagen(st.toon, f"niet te lezen: {reden}" if reden else "geen geldig record")
            )
            continue
        gegevens.records.setdefault(st.soort.naam, {})[record.id] = record
        gegevens.paden[(st.soort.naam, record.id)] = Path(st.pad)


def load_one(data_dir: Path, model: type[R], record_id: str) -> tuple[R | None, bool]:
    """One record by id, without reading its whole kind; and whether its file exists
    (a file that exists but is not a valid record, or cannot be read, gives
    ``(None, True)``). A kind folder that cannot be opened is a :class:`BestandsFout`."""
    import re

    from waterketen_cli.models.base import SLUG_PATTERN
    from waterketen_cli.records.schema import validate_record

    soort = soort_of(model)
    path = data_dir / soort.map / f"{record_id}.yaml"
    if not re.fullmatch(SLUG_PATTERN, record_id):
        return None, False
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None, False
    except PermissionError as error:
        # Looking a file up needs the right to open its folder.
        raise BestandsFout.map(error, f"{data_dir.name}/{soort.map}") from None
    except OSError:
        return None, True  # there, but cannot be followed (a link in a loop, ...)
    if not stat.S_ISREG(mode):
        return None, True
    raw = _read(str(path))
    if isinstance(raw, FileNotFoundError):
        return None, False  # gone since it was looked up
    if isinstance(raw, OSError):
        return None, True
    data, _problems = parse(raw)
    record = validate_record(model, data, str(path))[0] if isinstance(data, dict) else None
    if not isinstance(record, model) or record.id != record_id:
        return None, True
    return record, True


def ids(data_dir: Path, soort: Soort) -> list[str]:
    """The ids (file names) of one kind, valid or not."""
    return sorted(p.stem for p in (data_dir / soort.map).glob("*.yaml"))
