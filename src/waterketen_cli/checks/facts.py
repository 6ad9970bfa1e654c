"""What the checks across records need to know of each record, as plain data.

A record's facts are a pure function of its file, so they are cached with the file
(marshal-able: text, numbers, lists, tuples, dicts). A run in which one file changed
re-reads and re-validates that file only; the cross checks work on the facts of all.
Dates are ISO text, which sorts and compares like the dates themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from waterketen_cli.findings import Pad
from waterketen_cli.models import Record
from waterketen_cli.models.introspect import references
from waterketen_cli.models.records import (
    Abonnee,
    Actie,
    Agendavoorstel,
    Begroting,
    Cluster,
    Organisatie,
    Overleg,
    Regio,
    Vergadering,
)
from waterketen_cli.models.types import Waardesoort

Feiten = dict[str, Any]
#: (path, kind, id): one reference from a record to another.
Ref = tuple[Pad, str, str]


def extract(record: Record) -> tuple[Feiten, list[Ref]]:
    """The facts of one validated record, and every reference it makes."""
    refs = [(r.pad, r.soort, r.waarde) for r in references(record)]
    return _facts(record), refs


def _facts(record: Record) -> Feiten:
    match record:
        case Regio():
            return {
                "themas": [t.id for t in record.themas],
                "indicatoren": {
                    i.id: (i.waardesoort == Waardesoort.JA_NEE, i.eenheid)
                    for i in record.indicatoren
                },
                "maanden": record.programma_verouderd_na_maanden,
                "logo": record.logo,
                # id -> [(soort, grondslag)]: which partners a key divides over, and how
                "verdeelsleutels": {
                    v.id: [(d.soort.value, d.naar.value) for d in v.delen]
                    for v in record.verdeelsleutels
                },
            }
        case Organisatie():
            return {
                "soort": record.soort.value,
                "partner": record.partner,
                "inwoners": record.inwoners,
                "aansluitingen": record.aansluitingen,
            }
        case Cluster():
            return {
                "gemeenten": list(record.gemeenten),
                "waterschappen": list(record.waterschappen),
                "waterbedrijven": list(record.waterbedrijven),
                "coordinator": record.coordinator,
                "waterteam": record.waterteam,
                "bijgewerkt": [a.bijgewerkt.isoformat() for a in record.programma],
                "metingen": [
                    (m.indicator, isinstance(m.waarde, bool), m.peildatum.isoformat())
                    for m in record.metingen
                ],
            }
        case Overleg():
            return {
                "soort": record.soort.value,
                "cluster": record.cluster,
                "voorzitter": record.voorzitter,
                "leden": [(lid.persoon, lid.rol.value) for lid in record.leden],
            }
        case Vergadering():
            return {
                "datum": record.datum.isoformat(),
                "status": record.status.value,
                "agendapunten": len(record.agenda),
                "besluiten": [b.nummer for b in record.besluiten],
                "geheim_tot": _secrecy_dates(record),
                "stukken": _stukken(record),
                "overleg": record.overleg,
                "vastgesteld_in": record.vastgesteld.vergadering if record.vastgesteld else None,
            }
        case Agendavoorstel():
            return {
                "geheim_tot": _secrecy_dates(record),
                "status": record.status.value,
                "stukken": _stukken(record),
            }
        case Actie():
            return {
                "status": record.status.value,
                "deadline": record.deadline.isoformat(),
                "vergadering": record.vergadering,
                "agendapunt": record.agendapunt,
                "afgerond_op": record.afgerond_op.isoformat() if record.afgerond_op else None,
            }
        case Begroting():
            return {
                "jaar": record.jaar,
                "verdeelsleutel": record.verdeelsleutel,
                "vastgesteld": record.vastgesteld,
                "bijdragen": [b.partner for b in record.bijdragen],
                "toekenningen": [t.besluit for t in record.toekenningen],
            }
        case Abonnee():
            return {
                "email": record.email.lower(),
                "toestemming": (
                    record.toestemming.datum.isoformat() if record.toestemming else None
                ),
                "afgemeld": record.afgemeld.isoformat() if record.afgemeld else None,
            }
    return {}


def _secrecy_dates(record: Vergadering | Agendavoorstel) -> list[tuple[Pad, str]]:
    """Where something confidential ends on a date: (path of the field, ISO date)."""
    found: list[tuple[Pad, str]] = []

    def add(pad: Pad, item: Any) -> None:
        if item.vertrouwelijk and isinstance(item.vertrouwelijk_tot, dt.date):
            found.append(((*pad, "vertrouwelijk_tot"), item.vertrouwelijk_tot.isoformat()))

    if isinstance(record, Agendavoorstel):
        add((), record)
        for j, stuk in enumerate(record.stukken):
            add(("stukken", j), stuk)
        return found
    for i, punt in enumerate(record.agenda):
        add(("agenda", i), punt)
        for j, stuk in enumerate(punt.stukken):
            add(("agenda", i, "stukken", j), stuk)
    for i, besluit in enumerate(record.besluiten):
        add(("besluiten", i), besluit)
    return found


def _stukken(record: Vergadering | Agendavoorstel) -> list[tuple[Pad, str]]:
    """Every stuk with a file or address: (path of its ``bestand`` field, the value).
    Whether the file is there is no fact of the record: ``checks/stukken.py`` looks."""
    if isinstance(record, Agendavoorstel):
        return [
            (("stukken", j, "bestand"), s.bestand)
            for j, s in enumerate(record.stukken)
            if s.bestand
        ]
    return [
        (("agenda", i, "stukken", j, "bestand"), s.bestand)
        for i, punt in enumerate(record.agenda)
        for j, s in enumerate(punt.stukken)
        if s.bestand
    ]


@dataclass(frozen=True)
class Rec:
    """One valid record as the cross checks see it."""

    bestand: str
    id: str
    feiten: Feiten
    refs: list[Ref]


@dataclass
class Index:
    """All valid records by kind and id, with what the region defines."""

    vandaag: dt.date
    mappen: dict[str, str]  # kind -> folder as shown, e.g. data/personen
    per_soort: dict[str, dict[str, Rec]]
    regio: Rec | None = None
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

    @classmethod
    def build(
        cls,
        vandaag: dt.date,
        mappen: dict[str, str],
        per_soort: dict[str, dict[str, Rec]],
        kapot: dict[str, set[str]] | None = None,
    ) -> Index:
        index = cls(vandaag, mappen, per_soort, kapot={k: v for k, v in (kapot or {}).items() if v})
        regios = index.of("regio")
        if regios:
            index.regio = regios[0]
            index.themas = dict.fromkeys(regios[0].feiten["themas"])
            index.indicatoren = {k: tuple(v) for k, v in regios[0].feiten["indicatoren"].items()}
        for rec in index.of("vergadering"):
            for i, nummer in enumerate(rec.feiten["besluiten"]):
                index.besluiten.setdefault(nummer, (rec.bestand, ("besluiten", i, "nummer")))
        return index

    def of(self, soort: str) -> list[Rec]:
        return list(self.per_soort.get(soort, {}).values())

    def get(self, soort: str, record_id: str | None) -> Rec | None:
        return self.per_soort.get(soort, {}).get(record_id or "")

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
