"""Named checks: each has a severity and a one-line description, and can be skipped.

Two scopes. A *record* check looks at one validated record; its findings depend on
that file alone, so they are cached with the file. A *cross* check looks at the facts
of all records (see :mod:`.facts`) and the day of the run, and runs every time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from waterketen_cli.findings import Ernst, Pad


@dataclass(frozen=True)
class Melding:
    """What a cross check reports; the registry adds the check's name and severity."""

    bestand: str
    pad: Pad
    bericht: str
    hint: str | None = None


@dataclass(frozen=True)
class Bevinding:
    """What a record check reports about its own record."""

    pad: Pad
    bericht: str
    hint: str | None = None


@dataclass(frozen=True)
class Check:
    naam: str
    ernst: Ernst
    omschrijving: str
    # A record check: (the model class it applies to, fn(record) -> Bevindingen).
    record: tuple[type[Any], Callable[[Any], Iterator[Bevinding]]] | None = None
    # A cross check: fn(index) -> Meldingen.
    cross: Callable[[Any], Iterator[Melding]] | None = None
    #: Done while reading a file that is no record (a newsletter): its findings depend
    #: on that file alone, like a record check's (``validate --gewijzigd``).
    eigen_bestand: bool = False


CHECKS: dict[str, Check] = {}


def register(check: Check) -> None:
    assert check.naam not in CHECKS, check.naam
    CHECKS[check.naam] = check


def record_check(
    naam: str, ernst: Ernst, omschrijving: str, model: type[Any]
) -> Callable[[Callable[[Any], Iterator[Bevinding]]], Callable[[Any], Iterator[Bevinding]]]:
    def decorate(fn: Callable[[Any], Iterator[Bevinding]]) -> Callable[[Any], Iterator[Bevinding]]:
        register(Check(naam, ernst, omschrijving, record=(model, fn)))
        return fn

    return decorate


def cross_check(
    naam: str, ernst: Ernst, omschrijving: str
) -> Callable[[Callable[[Any], Iterator[Melding]]], Callable[[Any], Iterator[Melding]]]:
    def decorate(fn: Callable[[Any], Iterator[Melding]]) -> Callable[[Any], Iterator[Melding]]:
        register(Check(naam, ernst, omschrijving, cross=fn))
        return fn

    return decorate


# Done while reading a file, before any rule.
register(
    Check(
        "yaml", Ernst.FOUT, "het bestand is leesbare YAML (UTF-8, geen tabs, geen dubbele sleutels)"
    )
)
register(Check("bestand", Ernst.FOUT, "het bestand staat in een bekende map met een geldige naam"))
register(Check("schema", Ernst.FOUT, "het record voldoet aan het model van zijn soort"))
register(Check("id", Ernst.FOUT, "het id is gelijk aan de bestandsnaam"))
