"""All valid records of a data folder as models, for the commands that read them.

A file that does not pass its model, or cannot be read (no access, gone since the
folder was listed), is left out and named in ``overgeslagen``: a command works on what
is valid and says what it skipped (each entry keeps the reason; ``validate`` says more).
A folder that cannot be read is an error (:class:`~waterketen_cli.errors.BestandsFout`).
Parsed content is cached per file (by mtime and size), like validation's findings.
"""

from __future__ import annotations

import marshal
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from waterketen_cli.errors import BestandsFout, os_reden
from waterketen_cli.models.base import Record
from waterketen_cli.records import store
from waterketen_cli.records.yamlio import parse
from waterketen_cli.soorten import SOORT_PER_NAAM, SOORTEN, Soort

R = TypeVar("R", bound=Record)


class Paden(Mapping[tuple[str, str], Path]):
    """Where each record read lives, by (kind, id). Kept as text and made a ``Path``
    when asked for: a command asks for a handful, of 10,000 and more."""

    __slots__ = ("_paden",)

    def __init__(self, paden: dict[tuple[str, str], str] | None = None) -> None:
        self._paden = paden if paden is not None else {}

    def zet(self, sleutel: tuple[str, str], pad: str) -> None:
        self._paden[sleutel] = pad

    def zonder(self, soorten: Iterable[str]) -> Paden:
        """The paths of the records of the other kinds."""
        weg = set(soorten)
        return Paden({k: v for k, v in self._paden.items() if k[0] not in weg})

    def __getitem__(self, sleutel: tuple[str, str]) -> Path:
        return Path(self._paden[sleutel])

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._paden)

    def __len__(self) -> int:
        return len(self._paden)

    def __contains__(self, sleutel: object) -> bool:
        return sleutel in self._paden


@dataclass
class Gegevens:
    data_dir: Path
    records: dict[str, MutableMapping[str, Record]] = field(default_factory=dict)
    paden: Paden = field(default_factory=Paden)
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

    def of(
        self, model: type[R], *, mogelijk: Callable[[dict[str, Any]], bool] | None = None
    ) -> list[R]:
        """All records of one kind, in file-name order. ``mogelijk``: a test on the
        content of the file that every record the caller looks for passes (the caller
        still tests the model): a record that is not made into its model yet, and whose
        content fails it, is left out without being made."""
        records = self.records.get(soort_of(model).naam, {})
        if mogelijk is not None and isinstance(records, Records):
            return [r for r in records.mogelijk(mogelijk) if isinstance(r, model)]
        return [r for r in records.values() if isinstance(r, model)]

    def get(self, model: type[R], record_id: str | None) -> R | None:
        record = self.records.get(soort_of(model).naam, {}).get(record_id or "")
        return record if isinstance(record, model) else None

    def bron(self, st: store.Stat) -> tuple[Any, Record | None] | None:
        """What was read of this file, if it is still as it was read: its model, or
        (valid, not made yet) its parsed content (``store.Bron``)."""
        if self.gelezen.get(st.pad) != (st.mtime_ns, st.size):
            return None
        records = self.records.get(st.soort.naam)
        return records.bron(st.naam.removesuffix(".yaml")) if isinstance(records, Records) else None

    def path_exists(self, soort: str, record_id: str) -> bool:
        """A file for this record is there, valid or not."""
        return self.path(SOORT_PER_NAAM[soort], record_id).exists()

    def path(self, soort: Soort, record_id: str) -> Path:
        """Where a record of this kind and id lives (whether or not it exists yet)."""
        return self.data_dir / soort.map / f"{record_id}.yaml"


_PER_KLASSE: dict[str, Soort] = {s.klasse: s for s in SOORTEN}


def soort_of(model: type[Record]) -> Soort:
    return _PER_KLASSE[model.__name__]


class _Ruw:
    """A record known to be valid, not yet made into its model: its top-level fields
    with a plain value (``kop``, for :meth:`Records.mogelijk`), and its content as the
    cache holds it, decoded when it is asked for."""

    __slots__ = ("_blob", "_data", "kop", "toon")

    def __init__(self, kop: dict[str, Any], blob: bytes, toon: str) -> None:
        self.kop, self._blob, self.toon = kop, blob, toon
        self._data: dict[str, Any] | None = None

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = marshal.loads(self._blob)
        return self._data


def kop(data: Any) -> dict[str, Any]:
    """The top-level fields of a record's content whose value is plain (text, a number,
    yes/no or empty): what a test on the content before validation may look at
    (``load(waar=...)``, ``Gegevens.of(mogelijk=...)``), from the cache or fresh."""
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if v is None or type(v) in _GEWOON}


_GEWOON = (str, int, bool, float)


class Records(MutableMapping[str, Record]):
    """The records of one kind by id, in file-name order. A record the cache knows to
    be valid is made into its model when it is first asked for: a command that needs
    the meetings and the projects does not pay for the 50,000 actions it never reads."""

    __slots__ = ("_gelezen", "_items", "_model")

    def __init__(self, model: type[Record]) -> None:
        self._model = model
        self._items: dict[str, Record | _Ruw] = {}
        #: The ids whose record is exactly what its file holds (not set by a command).
        self._gelezen: set[str] = set()

    def later(self, record_id: str, kop: dict[str, Any], blob: bytes, toon: str) -> None:
        self._items[record_id] = _Ruw(kop, blob, toon)
        self._gelezen.add(record_id)

    def gelezen(self, record_id: str, record: Record) -> None:
        self._items[record_id] = record
        self._gelezen.add(record_id)

    def bron(self, record_id: str) -> tuple[Any, Record | None] | None:
        """The model of a record read from its file, or its content while it is not made
        yet; None for a record put here by the command itself."""
        item = self._items.get(record_id)
        if isinstance(item, _Ruw):
            return item.data, None
        if item is not None and record_id in self._gelezen:
            return None, item
        return None

    def mogelijk(self, test: Callable[[dict[str, Any]], bool]) -> Iterator[Record]:
        """The records, less those not made yet whose plain top-level fields (:func:`kop`)
        fail ``test``."""
        for record_id, item in self._items.items():
            if isinstance(item, _Ruw) and not test(item.kop):
                continue
            yield self[record_id]

    def __getitem__(self, record_id: str) -> Record:
        item = self._items[record_id]
        if isinstance(item, _Ruw):
            from waterketen_cli.records.schema import validate_record

            record, _findings = validate_record(self._model, item.data, item.toon)
            if record is None:  # the cache said valid: the same bytes, the same code
                raise AssertionError(f"{item.toon} is niet meer geldig")
            self._items[record_id] = item = record
        return item

    def __setitem__(self, record_id: str, record: Record) -> None:
        self._items[record_id] = record
        self._gelezen.discard(record_id)

    def __delitem__(self, record_id: str) -> None:
        del self._items[record_id]
        self._gelezen.discard(record_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._items


#: Per file in the cache of a kind: (mtime, size, plain top-level fields (:func:`kop`),
#: parsed content as marshal bytes (None: nothing parsed), valid). Valid is True or
#: False once a command validated it, None while none did. The content stays bytes
#: until a record is made: a command that reads a hundred of 1,200 meetings decodes a
#: hundred.
_Treffer = tuple[int, int, dict[str, Any], bytes | None, bool | None]


def _read_kind(
    data_dir: Path,
    soort: Soort,
    stats: list[store.Stat],
    keep: Callable[[dict[str, Any]], bool] | None,
    gegevens: Gegevens,
) -> None:
    """Read one kind's files into ``gegevens``: unchanged ones from that kind's cache;
    only those whose content passes ``keep``; a record that does not pass its model,
    or a file that cannot be read (no access, gone since the scan, a folder now), in
    ``overgeslagen`` with why (not cached, so it is read again once it can be)."""
    from waterketen_cli.records.schema import validate_record

    name = f"inhoud-{soort.naam}"
    cached: dict[str, _Treffer] = store.read_cache(data_dir, name) or {}
    fresh: dict[str, _Treffer] = {}
    changed = False
    records = gegevens.records.get(soort.naam)
    if not isinstance(records, Records):
        records = gegevens.records[soort.naam] = Records(soort.model)
    for st in stats:
        data: Any = None
        pad = st.pad
        gegevens.gelezen[pad] = (st.mtime_ns, st.size)
        hit = cached.get(st.toon)
        if hit is None or (hit[0], hit[1]) != (st.mtime_ns, st.size):
            raw = _read(pad)
            if isinstance(raw, OSError):
                gegevens.overgeslagen.append(
                    Overgeslagen(st.toon, f"niet te lezen: {os_reden(raw)}")
                )
                continue
            data, _problems = parse(raw)
            blob = marshal.dumps(data) if data is not None else None
            hit = (st.mtime_ns, st.size, kop(data), blob, None if data is not None else False)
            changed = True
        geldig = hit[4]
        if hit[3] is not None and keep is not None and not keep(hit[2]):
            fresh[st.toon] = hit
            continue
        stem = st.naam.removesuffix(".yaml")
        if geldig is None:
            if data is None:
                data = marshal.loads(hit[3]) if hit[3] is not None else None
            record, _findings = validate_record(soort.model, data, st.toon)
            geldig = record is not None and record.id == stem
            hit = (*hit[:4], geldig)
            changed = True
            if geldig:
                assert record is not None
                records.gelezen(stem, record)
        elif geldig:
            assert hit[3] is not None
            records.later(stem, hit[2], hit[3], st.toon)
        fresh[st.toon] = hit
        if not geldig:
            gegevens.overgeslagen.append(Overgeslagen(st.toon, "geen geldig record"))
            continue
        gegevens.paden.zet((soort.naam, stem), pad)
    if not records:
        del gegevens.records[soort.naam]
    if changed or fresh.keys() != cached.keys():
        store.write_cache(data_dir, name, fresh)


def _read(path: str) -> bytes | OSError:
    try:
        return store.lees(path)
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
    per kind, only the records whose plain top-level fields (:func:`kop`) pass a test,
    before validation: a command that needs only the open actions does not validate
    the closed ones."""
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
    for soort, stats in per_soort.items():
        _read_kind(data_dir, SOORT_PER_NAAM[soort], stats, (waar or {}).get(soort), gegevens)
    return gegevens


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
