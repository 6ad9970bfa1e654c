"""Named checks: each has a severity and a one-line description, and can be skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from waterketen_cli.checks.findings import Ernst, Pad
from waterketen_cli.models import Record
from waterketen_cli.models.records import Indicator, Regio, Thema


@dataclass(frozen=True)
class Geladen:
    """A record that passed its model, with the file it came from."""

    bestand: str
    record: Record


@dataclass(frozen=True)
class Melding:
    """What a check reports; the check adds its name and severity."""

    bestand: str
    pad: Pad
    bericht: str
    hint: str | None = None


@dataclass
class Context:
    """Everything the cross-record checks look at."""

    vandaag: dt.date
    records: dict[str, dict[str, Geladen]]  # soort -> id -> record
    mappen: dict[str, str]  # soort -> folder as shown, e.g. data/personen
    regio: Geladen | None = None
    themas: dict[str, Thema] = field(default_factory=dict)
    indicatoren: dict[str, Indicator] = field(default_factory=dict)
    besluiten: dict[str, tuple[Geladen, Pad]] = field(default_factory=dict)

    def of(self, soort: str) -> list[Geladen]:
        return list(self.records.get(soort, {}).values())

    @property
    def regiorecord(self) -> Regio | None:
        return self.regio.record if self.regio and isinstance(self.regio.record, Regio) else None


CheckFn = Callable[[Context], Iterator[Melding]]


@dataclass(frozen=True)
class Check:
    naam: str
    ernst: Ernst
    omschrijving: str
    fn: CheckFn | None  # None: done while loading (yaml, bestand, schema, id)


CHECKS: dict[str, Check] = {}


def register(naam: str, ernst: Ernst, omschrijving: str, fn: CheckFn | None = None) -> None:
    CHECKS[naam] = Check(naam, ernst, omschrijving, fn)


def check(naam: str, ernst: Ernst, omschrijving: str) -> Callable[[CheckFn], CheckFn]:
    def decorate(fn: CheckFn) -> CheckFn:
        register(naam, ernst, omschrijving, fn)
        return fn

    return decorate


register(
    "yaml", Ernst.FOUT, "het bestand is leesbare YAML (UTF-8, geen tabs, geen dubbele sleutels)"
)
register("bestand", Ernst.FOUT, "het bestand staat in een bekende map met een geldige naam")
register("schema", Ernst.FOUT, "het record voldoet aan het model van zijn soort")
register("id", Ernst.FOUT, "het id is gelijk aan de bestandsnaam")
