"""What the checks across records need to know of each record, as plain data.

A record's facts are a pure function of its file, so they are cached with the file
(marshal-able: text, numbers, lists, tuples, dicts). A run in which one file changed
re-reads and re-validates that file only; the cross checks work on the facts of all.
Dates are ISO text, which sorts and compares like the dates themselves.

Each model makes its own facts (``Record.feiten`` in ``models/records.py``) and says
with a ``TypedDict`` what they hold. Here they are stored as the plain dicts they are;
the checks read them through :meth:`Index.of` and :meth:`Index.get`, which take the
model class and give each record's facts as its kind's ``TypedDict`` (a cast, not a
conversion: nothing is built per record), so mypy checks every key a check reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, cast

from waterketen_cli.findings import Pad
from waterketen_cli.models import Record
from waterketen_cli.models.introspect import references
from waterketen_cli.models.records import Regio, RegioFeiten, Vergadering
from waterketen_cli.soorten import SOORT_PER_KLASSE

if TYPE_CHECKING:
    from typing_extensions import TypeVar

    #: The facts of a record whose kind the code does not name: the stored form.
    F = TypeVar("F", covariant=True, default=dict[str, Any])
else:
    from typing import TypeVar

    F = TypeVar("F", covariant=True)

#: A record's facts as they are stored and cached: a plain dict.
Feiten = dict[str, Any]
#: (path, kind, id): one reference from a record to another.
Ref = tuple[Pad, str, str]


def extract(record: Record) -> tuple[Feiten, list[Ref]]:
    """The facts of one validated record, and every reference it makes."""
    refs = list(references(record))
    return cast(Feiten, record.feiten()), refs


@dataclass(frozen=True, slots=True)
class Rec(Generic[F]):
    """One valid record as the cross checks see it; ``feiten`` typed by its kind when
    it comes from :meth:`Index.of` or :meth:`Index.get`."""

    bestand: str
    id: str
    feiten: F
    #: Every reference, flat: path, kind, id, path, kind, id, ... (one tuple instead of
    #: a tuple per reference: a third of the memory of 100,000 records' facts).
    refs: tuple[Any, ...]

    def verwijzingen(self) -> Iterator[Ref]:
        """Each reference as (path, kind, id)."""
        items = iter(self.refs)
        return zip(items, items, items, strict=True)


class _Model(Protocol[F]):
    """A model class, for what its ``feiten`` return."""

    def feiten(self) -> F: ...


def _soort(model: type[_Model[Any]]) -> str:
    return SOORT_PER_KLASSE[model.__name__].naam


@dataclass
class Index:
    """All valid records by kind and id, with what the region defines."""

    vandaag: dt.date
    mappen: dict[str, str]  # kind -> folder as shown, e.g. data/personen
    per_soort: dict[str, dict[str, Rec[Feiten]]]
    regio: Rec[RegioFeiten] | None = None
    themas: dict[str, None] = field(default_factory=dict)
    indicatoren: dict[str, tuple[bool, str]] = field(
        default_factory=dict
    )  # id -> (ja/nee, eenheid)
    besluiten: dict[str, tuple[str, Pad]] = field(default_factory=dict)  # nummer -> first place
    # Per kind, the ids (file names) of records that are there but did not pass their
    # model. While a kind has any, the checks that need all of that kind hold back.
    kapot: dict[str, set[str]] = field(default_factory=dict)
    #: The repository root (the folder that holds the data folder), for the checks that
    #: look at files outside the records (the stukken); None: they do not look.
    root: Path | None = None
    #: What those checks saw outside the data folder, by check module (``"stukken"``,
    #: with a ``vingerafdruk()``): the findings depend on it, so a run answered from the
    #: cache looks again (``checks.uitkomst.cached_outcome``).
    buiten: dict[str, Any] = field(default_factory=dict)
    #: The data folder whose cache those checks may remember what they saw in (the
    #: stukken a run looked up); None: they look at everything anew.
    cache: Path | None = None

    @classmethod
    def build(
        cls,
        vandaag: dt.date,
        mappen: dict[str, str],
        per_soort: dict[str, dict[str, Rec[Feiten]]],
        kapot: dict[str, set[str]] | None = None,
    ) -> Index:
        index = cls(vandaag, mappen, per_soort, kapot={k: v for k, v in (kapot or {}).items() if v})
        regios = index.of(Regio)
        if regios:
            index.regio = regios[0]
            index.themas = dict.fromkeys(regios[0].feiten["themas"])
            index.indicatoren = {
                k: (ja_nee, eenheid)
                for k, (ja_nee, eenheid) in regios[0].feiten["indicatoren"].items()
            }
        for rec in index.of(Vergadering):
            for i, nummer in enumerate(rec.feiten["besluiten"]):
                index.besluiten.setdefault(nummer, (rec.bestand, ("besluiten", i, "nummer")))
        return index

    def of(self, model: type[_Model[F]]) -> list[Rec[F]]:
        """The valid records of the kind of ``model``, with their facts as it types them."""
        return cast("list[Rec[F]]", list(self.per_soort.get(_soort(model), {}).values()))

    def get(self, model: type[_Model[F]], record_id: str | None) -> Rec[F] | None:
        """The valid record of the kind of ``model`` with this id, or None."""
        return cast("Rec[F] | None", self.per_soort.get(_soort(model), {}).get(record_id or ""))

    def complete(self, soort: str) -> bool:
        """Every record of this kind passed its model."""
        return soort not in self.kapot

    def unknown(self, soort: str, record_id: str) -> bool | None:
        """Whether a reference names nothing; None when that cannot be told, because
        the record that would define it did not pass its model."""
        if soort in ("thema", "indicator"):
            if not self.complete("regio"):
                return None
            return record_id not in (self.themas if soort == "thema" else self.indicatoren)
        if soort == "besluit":
            return None if not self.complete("vergadering") else record_id not in self.besluiten
        if record_id in self.kapot.get(soort, ()):
            return False
        return record_id not in self.per_soort.get(soort, {})

    def known(self, soort: str) -> list[str]:
        """The ids a reference of this kind may name, for suggestions."""
        if soort == "thema":
            return list(self.themas)
        if soort == "indicator":
            return list(self.indicatoren)
        if soort == "besluit":
            return list(self.besluiten)
        return list(self.per_soort.get(soort, {}))
