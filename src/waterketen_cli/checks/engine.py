"""The full validation run: each changed file read, validated and checked by itself;
then the cross checks over the facts of all files. Imported only when the cache
cannot answer the whole run, because it builds the models."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waterketen_cli.checks import begroting as _begroting  # noqa: F401 - registers checks
from waterketen_cli.checks import cross_rules as _cross_rules  # noqa: F401 - registers checks
from waterketen_cli.checks import nieuwsbrief as _nieuwsbrief
from waterketen_cli.checks import planning as _planning  # noqa: F401 - registers checks
from waterketen_cli.checks import record_rules as _record_rules  # noqa: F401 - registers checks
from waterketen_cli.checks import stukken as _stukken  # noqa: F401 - registers checks
from waterketen_cli.checks import thema as _thema  # noqa: F401 - registers checks
from waterketen_cli.checks import verzendlijst as _verzendlijst  # noqa: F401 - registers checks
from waterketen_cli.checks.facts import Index, Rec, extract
from waterketen_cli.checks.registry import CHECKS, Check, register
from waterketen_cli.errors import os_reden
from waterketen_cli.findings import Ernst, Finding, Pad, suggest
from waterketen_cli.models import SLUG_PATTERN, SOORTEN
from waterketen_cli.models.base import slugify
from waterketen_cli.records import store
from waterketen_cli.records.schema import validate_record
from waterketen_cli.records.yamlio import compose, decode, locate, parse
from waterketen_cli.soorten import DOCUMENTSOORTEN, MAPPEN
from waterketen_cli.voortgang import Voortgang, stil

register(Check("dubbel-id", Ernst.FOUT, "twee records van één soort hebben niet hetzelfde id"))

_SLUG = re.compile(SLUG_PATTERN)

#: A finding without its file, as cached: (line, column, check, message, path, hint).
Row = tuple[int, int, str, str, Pad, str | None]
_GEEN: tuple[Row, ...] = ()


@dataclass(slots=True)
class Entry:
    """What one file yields, cached with its (mtime, size)."""

    mtime_ns: int
    size: int
    rows: Sequence[Row]
    record_id: str | None  # None: the record did not pass its model
    feiten: dict[str, Any]
    refs: tuple[Any, ...]  # flat: path, kind, id, path, kind, id, ... (``facts.Rec``)
    #: Places of paths that cross checks asked for; None until one is asked.
    posities: dict[Pad, tuple[int, int]] | None

    def dump(self) -> tuple[Any, ...]:
        return (
            self.mtime_ns,
            self.size,
            self.rows,
            self.record_id,
            self.feiten,
            self.refs,
            self.posities,
        )


def _finding(bestand: str, row: Row) -> Finding:
    regel, kolom, check, bericht, pad, hint = row
    return Finding(bestand, regel, kolom, check, CHECKS[check].ernst, bericht, tuple(pad), hint)


def _check_file(
    st: store.Stat, raw: bytes | None = None, bron: tuple[Any, Any] | None = None
) -> Entry:
    """Everything about one file that does not depend on other files or on the day;
    ``raw``: its content when it is not (yet) on disk; ``bron``: what a command already
    read of it as it is on disk (``store.Bron``: its parsed content, or its model)."""
    if not st.soort.record:
        return _check_document(st, raw)
    rows: list[Row] = []
    entry = Entry(st.mtime_ns, st.size, rows, None, {}, (), None)
    stem = st.naam.removesuffix(".yaml")
    if not _SLUG.match(stem):
        rows.append(
            (
                1,
                1,
                "bestand",
                f"de bestandsnaam '{stem}' is geen geldige id",
                (),
                f"hernoem het bestand naar '{slugify(stem)}.yaml'",
            )
        )
    data: Any
    known: Any
    data, known = bron if bron is not None else (None, None)
    if data is None and known is None:
        raw = raw if raw is not None else _read(st, rows)
        if raw is None:
            return entry
        data, problems = parse(raw)
        rows.extend((p.regel, p.kolom, "yaml", p.bericht, (), p.hint) for p in problems)
        if data is None:
            return entry
    unplaced: list[tuple[str, Pad, str, str | None, bool]] = []
    # A model the command read is valid, and valid means its id is the file's name.
    record_id = known.id if known is not None else data.get("id")
    if isinstance(record_id, str) and record_id != stem and _SLUG.match(stem):
        unplaced.append(
            (
                "id",
                ("id",),
                f"het id '{record_id}' is niet gelijk aan de bestandsnaam '{stem}'",
                f"zet 'id: {stem}' of hernoem het bestand naar '{record_id}.yaml'",
                False,
            )
        )
    schema_findings: list[Finding] = []
    if known is not None:
        record = known
    else:
        record, schema_findings = validate_record(st.soort.model, data, st.toon)
    unplaced.extend((f.check, f.pad, f.bericht, f.hint, f.op_sleutel) for f in schema_findings)
    if record is not None:
        for naam, fn in _record_checks(type(record)):
            unplaced.extend((naam, b.pad, b.bericht, b.hint, False) for b in fn(record))
        entry.record_id = record.id
        feiten, refs = extract(record)
        entry.feiten = _gedeeld(feiten)
        entry.refs = _gedeelde_verwijzingen(refs)
    if unplaced:
        raw = raw if raw is not None else _read(st, None)
        text = decode(raw)[0] if raw is not None else None
        node = compose(text) if text is not None else None
        for check_name, pad, bericht, hint, op_sleutel in unplaced:
            regel, kolom = locate(node, pad, key=op_sleutel)
            rows.append((regel, kolom, check_name, bericht, pad, hint))
    return entry


_PER_MODEL: dict[type[Any], tuple[tuple[str, Any], ...]] = {}


def _record_checks(model: type[Any]) -> tuple[tuple[str, Any], ...]:
    """The record checks that apply to a model (name, function), in the order of
    :data:`CHECKS`: looked up once per model, not per record."""
    found = _PER_MODEL.get(model)
    if found is None:
        found = _PER_MODEL[model] = tuple(
            (check.naam, check.record[1])
            for check in CHECKS.values()
            if check.record is not None and issubclass(model, check.record[0])
        )
    return found


def _read(st: store.Stat, rows: list[Row] | None) -> bytes | None:
    """A file's bytes; None when it cannot be read, said in ``rows`` when given."""
    try:
        return store.lees(st.pad)
    except OSError as error:
        if rows is not None:
            rows.append((1, 1, "yaml", f"kan het bestand niet lezen: {os_reden(error)}", (), None))
        return None


#: One object for each text and path that occurs in the facts of many records (ids,
#: statuses, dates, field paths): a data folder of 100,000 records holds each person's
#: id thousands of times. Also makes the cache smaller, as marshal writes an object
#: it has seen once as a reference.
_GEDEELD: dict[Any, Any] = {}


def _gedeeld(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return _GEDEELD.setdefault(value, value)
    if kind is tuple:
        items = tuple(_gedeeld(v) for v in value)
        # only text and whole numbers: (1,) and (True,) are equal, but not the same
        if all(type(v) is str or type(v) is int for v in items):
            return _GEDEELD.setdefault(items, items)
        return items
    if kind is list:
        return [_gedeeld(v) for v in value]
    if kind is dict:
        return {_gedeeld(k): _gedeeld(v) for k, v in value.items()}
    return value


def _gedeelde_verwijzingen(refs: list[Any]) -> tuple[Any, ...]:
    """``_gedeeld`` of the references, flat (``facts.Rec``): what ``_gedeeld`` makes of
    them, in the few steps that paths, kinds and ids need (80,000 of them in 10,000
    records)."""
    gedeeld = _GEDEELD
    flat: list[Any] = []
    for pad, soort, waarde in refs:
        pad = gedeeld.get(pad) or _gedeeld(pad)
        flat += (pad, gedeeld.setdefault(soort, soort), _gedeeld(waarde))
    return tuple(flat)


def _check_document(st: store.Stat, raw: bytes | None) -> Entry:
    """A file that is no YAML record: a newsletter (``checks/nieuwsbrief.py``)."""
    rows: list[Row] = []
    entry = Entry(st.mtime_ns, st.size, rows, None, {}, (), None)
    raw = raw if raw is not None else _read(st, rows)
    if raw is None:
        return entry
    uitkomst = _nieuwsbrief.controleer(raw, st.naam, st.pad)
    entry.rows = list(uitkomst.rows)
    entry.record_id = uitkomst.record_id
    entry.feiten = uitkomst.feiten
    return entry


def _misplaced(plek: store.Plek) -> Finding:
    name = plek.toon.rsplit("/", 1)[-1]
    folders = [s.map for s in (*SOORTEN, *DOCUMENTSOORTEN)]
    if plek.map:
        hint = suggest(name, folders) or "bekende mappen: " + ", ".join(folders)
        return _finding(plek.toon, (0, 0, "bestand", "onbekende map: wordt niet gelezen", (), hint))
    if name.endswith(".yml"):
        return _finding(
            plek.toon,
            (1, 1, "bestand", "records hebben de extensie .yaml", (), "hernoem het bestand"),
        )
    return _finding(
        plek.toon,
        (
            1,
            1,
            "bestand",
            "dit bestand hoort niet in deze map",
            (),
            "zet records in de map van hun soort, bijv. data/personen/",
        ),
    )


def _entries(
    stats: list[store.Stat],
    previous: dict[str, tuple[Any, ...]],
    voortgang: Voortgang = stil,
    bron: store.Bron | None = None,
) -> tuple[dict[str, Entry], int]:
    """Each file's entry: from the cache when its (mtime, size) is unchanged; and how
    many had to be checked anew (reported to ``voortgang`` as they are)."""
    entries: dict[str, Entry] = {}
    todo = [
        st
        for st in stats
        if (old := previous.get(st.toon)) is None or (old[0], old[1]) != (st.mtime_ns, st.size)
    ]
    fresh = {st.toon for st in todo}
    for st in stats:
        if st.toon not in fresh:
            entries[st.toon] = Entry(*previous[st.toon])
    for done, st in enumerate(todo, start=1):
        entry = _check_file(st, bron=bron(st) if bron is not None else None)
        if not entry.rows:
            entry.rows = _GEEN  # most files: one empty tuple for all, not a list each
        entries[st.toon] = entry
        if done % 50 == 0 or done == len(todo):
            voortgang(done, len(todo))
    return {st.toon: entries[st.toon] for st in stats}, len(todo)


def _own_findings(
    stats: list[store.Stat],
    misplaced: list[store.Plek],
    entries: dict[str, Entry],
    ernst: Ernst | None = None,
) -> list[Finding]:
    """The findings about each file by itself, and about what does not belong."""
    findings = [_misplaced(p) for p in misplaced]
    for st in stats:
        findings.extend(
            _finding(st.toon, row)
            for row in entries[st.toon].rows
            if ernst is None or CHECKS[row[2]].ernst == ernst
        )
    return findings


def _findings(
    data_dir: Path,
    stats: list[store.Stat],
    misplaced: list[store.Plek],
    entries: dict[str, Entry],
    vandaag: dt.date,
    *,
    ernst: Ernst | None = None,
    buiten: dict[str, Any] | None = None,
    use_cache: bool = True,
) -> list[Finding]:
    """The findings of every file and of the checks across records (not yet placed);
    with ``ernst``, only those of that severity (the others are not even computed).
    ``buiten`` receives what the checks found outside the data folder (the stukken);
    ``use_cache``: those checks may answer from what they saw in the last run."""
    findings = _own_findings(stats, misplaced, entries, ernst)
    alle = (*SOORTEN, *DOCUMENTSOORTEN)
    per_soort: dict[str, dict[str, Rec]] = {s.naam: {} for s in alle}
    kapot: dict[str, set[str]] = {s.naam: set() for s in alle}
    for st in stats:
        entry = entries[st.toon]
        if entry.record_id is None:
            # Present but not valid: its own file says why. References to it are not
            # reported as unknown, and checks that need all of its kind hold back.
            kapot[st.soort.naam].add(st.naam.removesuffix(st.soort.extensie))
            continue
        same = per_soort[st.soort.naam].get(entry.record_id)
        if same is not None:
            findings.append(
                _finding(
                    st.toon,
                    (
                        0,
                        0,
                        "dubbel-id",
                        f"het id '{entry.record_id}' is ook gebruikt in {same.bestand}",
                        ("id",),
                        None,
                    ),
                )
            )
            continue
        per_soort[st.soort.naam][entry.record_id] = Rec(
            st.toon, entry.record_id, entry.feiten, entry.refs
        )

    mappen = {s.naam: f"{data_dir.name}/{s.map}" for s in alle}
    index = Index.build(vandaag, mappen, per_soort, kapot)
    index.root = store.display_root(data_dir)  # the repository: the stukken live there
    index.cache = data_dir if use_cache else None
    if buiten is not None:
        index.buiten = buiten
    for check in CHECKS.values():
        if check.cross is not None and (ernst is None or check.ernst == ernst):
            findings.extend(
                _finding(m.bestand, (0, 0, check.naam, m.bericht, m.pad, m.hint))
                for m in check.cross(index)
            )
    return findings


def run(
    data_dir: Path,
    stats: list[store.Stat],
    misplaced: list[store.Plek],
    vandaag: dt.date,
    *,
    use_cache: bool,
    voortgang: Voortgang = stil,
    buiten: dict[str, Any] | None = None,
    vorige: tuple[Any, ...] | None = None,
    eigen: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Every finding, placed and sorted; ``buiten`` receives what the checks saw
    outside the data folder (``Index.buiten``) and its ``"vingerafdruk"``, for the
    cache of the outcome. ``vorige``: the cached outcome of the last run
    (``checks.uitkomst``), whose findings across records are kept when they cannot
    have changed (:func:`_cross_as_before`); ``eigen``: the checks about a file by itself."""
    gelezen, stempel = (
        store.read_cache_stamped(data_dir, "bestanden") if use_cache else (None, None)
    )
    bewaard: dict[str, tuple[Any, ...]] = gelezen or {}
    # With what the last run checked and kept with its outcome instead.
    previous = {**bewaard, **vorige[6]} if vorige is not None else bewaard
    entries, _checked = _entries(stats, previous, voortgang)
    # A handful of files that differ from the cache of the files costs less than
    # rewriting it: their entries go with the outcome (``buiten["entries"]``).
    anders = {
        st.toon: entries[st.toon]
        for st in stats
        if (old := bewaard.get(st.toon)) is None or (old[0], old[1]) != (st.mtime_ns, st.size)
    }
    changed = len(anders) > _FEW or len(bewaard) != len(stats)
    kept = _cross_as_before(
        data_dir, stats, misplaced, vandaag, previous, entries, vorige, eigen, stempel
    )
    if kept is not None:
        cross, vinger = kept
        findings = _own_findings(stats, misplaced, entries) + cross
    else:
        findings = _findings(
            data_dir, stats, misplaced, entries, vandaag, buiten=buiten, use_cache=use_cache
        )
        ronde = (buiten or {}).get("stukken")
        vinger = ronde.vingerafdruk() if ronde is not None else None
    if buiten is not None:
        buiten["vingerafdruk"] = vinger
    findings, located = _place(store.display_root(data_dir), findings, entries)
    findings.sort()
    if use_cache and (changed or located):
        items = ((k, e.dump()) for k, e in entries.items())
        stempel = store.write_cache_parts(data_dir, "bestanden", items)
    elif buiten is not None:
        buiten["entries"] = {toon: entry.dump() for toon, entry in anders.items()}
    if buiten is not None:
        # With the entries above, what this run saw of every file (for ``vorige``).
        buiten["bestanden"] = stempel
    return findings


#: Fewer changed files than this, and a write plan's check leaves the cache as it is.
_FEW = 50


def _cross_as_before(
    data_dir: Path,
    stats: list[store.Stat],
    misplaced: list[store.Plek],
    vandaag: dt.date,
    previous: dict[str, tuple[Any, ...]],
    entries: dict[str, Entry],
    vorige: tuple[Any, ...] | None,
    eigen: frozenset[str],
    stempel: store.Stempel | None,
) -> tuple[list[Finding], Any] | None:
    """The findings across records of the last run (``vorige``), and what it saw of the
    stukken, when they must be what the checks would find now: the same day, the same
    files and misplaced entries, the stukken as they were, and every file changed since
    with the id, facts and references it had then (all that the checks across records
    read, with the day and the stukken). The usual edit of a text in one record runs
    none of them. None: they must run.

    What the last run saw of each file is ``previous`` (the cache of the files with the
    entries kept with ``vorige``) when the cache is the very version that run read or
    wrote (``stempel``): another command may have written it since."""
    if vorige is None or not eigen or stempel is None:
        return None
    _key, aantal, rows, _eigen, vinger, (dag, namen, verkeerd, bestanden), _nieuw = vorige
    if dag != vandaag.isoformat() or aantal != len(stats) or bestanden != stempel:
        return None
    if verkeerd != [plek.toon for plek in misplaced]:
        return None
    from waterketen_cli.checks import uitkomst

    if namen != uitkomst.namen(stats):
        return None
    anders: set[str] = set()
    for st in stats:
        old = previous.get(st.toon)
        if old is None:
            return None
        if (old[0], old[1]) == (st.mtime_ns, st.size):
            continue
        new = entries[st.toon]
        if (new.record_id, new.feiten, new.refs) != (old[3], old[4], old[5]):
            return None
        anders.add(st.toon)
    if not uitkomst.stukken_ongewijzigd(data_dir, vorige):
        return None
    cross = [
        # In a changed file the lines may have moved: placed again, as in a full run.
        Finding(b, 0, 0, c, Ernst(e), m, tuple(p), h)
        if b in anders
        else Finding(b, r, k, c, Ernst(e), m, tuple(p), h)
        for b, r, k, c, e, m, p, h in rows
        if c not in eigen
    ]
    return cross, vinger


def new_errors(
    data_dir: Path,
    vandaag: dt.date,
    overlay: dict[Path, bytes],
    scan: tuple[list[store.Stat], list[store.Plek]] | None = None,
    bron: store.Bron | None = None,
) -> tuple[list[Finding], int]:
    """The errors that writing ``overlay`` (path -> new content) would add to the data
    folder, judged by every check ``validate`` runs; and how many files were judged.
    ``bron``: what the command already read (a file it read as it is now is not read
    and validated again: after a cold start the check costs no second full read).
    The files are not touched; the cache is brought up to date for what is on disk.

    The errors of the result are computed first; only when there are any are they
    compared with the errors of the data as it is (from the last ``validate`` of this
    very state when there was one): the usual case costs one run of the cross checks."""
    with store.gc_paused():
        return _new_errors(data_dir, vandaag, overlay, scan, bron)


def _new_errors(
    data_dir: Path,
    vandaag: dt.date,
    overlay: dict[Path, bytes],
    scan: tuple[list[store.Stat], list[store.Plek]] | None,
    bron: store.Bron | None,
) -> tuple[list[Finding], int]:
    stats, misplaced = scan if scan is not None else store.scan(data_dir)
    previous: dict[str, tuple[Any, ...]] = store.read_cache(data_dir, "bestanden") or {}
    gelezen = bron
    if gelezen is not None:
        # A file the plan writes is judged as it is now from disk, not from a model the
        # command may have changed on its way to the new content.
        geschreven = {path.name for path in overlay}

        def bron(st: store.Stat) -> tuple[Any, Any] | None:
            return None if st.naam in geschreven else gelezen(st)

    entries, checked = _entries(stats, previous, bron=bron)
    if checked > _FEW or len(previous) > len(stats) + _FEW:
        # A handful of re-checked files costs less than rewriting the whole cache.
        store.write_cache_parts(data_dir, "bestanden", ((k, e.dump()) for k, e in entries.items()))

    home = data_dir.resolve()
    after_stats = list(stats)
    after_entries = dict(entries)
    texts: dict[str, bytes] = {}
    for path, raw in overlay.items():
        soort = MAPPEN.get(path.parent.name)
        if soort is None or path.parent.parent.resolve() != home:
            continue  # not a record of this data folder: documents are not validated here
        st = store.Stat(
            str(path.parent), f"{data_dir.name}/{soort.map}/{path.name}", soort, 0, len(raw)
        )
        if st.toon not in entries:
            after_stats.append(st)
        after_entries[st.toon] = _check_file(st, raw)
        texts[st.toon] = raw
    after_stats.sort(key=lambda s: s.toon)
    after = _findings(data_dir, after_stats, misplaced, after_entries, vandaag, ernst=Ernst.FOUT)
    if not after:
        return [], len(after_stats)

    from waterketen_cli.checks.uitkomst import cached_outcome, uitkomst_key

    cached = cached_outcome(data_dir, uitkomst_key(stats, misplaced, vandaag))
    if cached is not None:
        before = [
            Finding(b, r, k, c, Ernst(e), m, tuple(p), h)
            for b, r, k, c, e, m, p, h in cached[2]
            if e == Ernst.FOUT
        ]
    else:
        before = _findings(data_dir, stats, misplaced, entries, vandaag, ernst=Ernst.FOUT)
    known = Counter((f.bestand, f.check, f.bericht) for f in before)
    new = []
    for finding in after:
        key = (finding.bestand, finding.check, finding.bericht)
        if known[key] > 0:
            known[key] -= 1
            continue
        new.append(finding)
    new, _ = _place(store.display_root(data_dir), new, after_entries, texts)
    return sorted(new), len(after_stats)


def _place(
    root: Path,
    findings: list[Finding],
    entries: dict[str, Entry],
    texts: dict[str, bytes] | None = None,
) -> tuple[list[Finding], bool]:
    """Fill in lines and columns of findings that have only a path, composing each file
    at most once and remembering the places in the file's cache entry."""
    todo: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        if f.regel == 0 and (f.pad or f.bestand.endswith(".yaml")):
            todo[f.bestand].append(i)
    located = False
    for bestand, indices in todo.items():
        entry = entries.get(bestand)
        posities: dict[Pad, tuple[int, int]] = {}
        if entry is not None:
            if entry.posities is None:
                entry.posities = {}
            posities = entry.posities
        node: Any = None
        composed = False
        for i in indices:
            f = findings[i]
            if f.pad not in posities:
                if not composed:
                    try:
                        raw = (texts or {}).get(bestand)
                        if raw is None:
                            raw = (root / bestand).read_bytes()
                        node = compose(raw.decode("utf-8"))
                    except (OSError, UnicodeDecodeError):
                        node = None
                    composed = True
                posities[f.pad] = locate(node, f.pad)
                located = True
            findings[i] = f.placed(*posities[f.pad])
    return findings, located
