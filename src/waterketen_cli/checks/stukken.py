"""Checks on the stukken: is every file of a meeting's documents where the record says?

The convention is in :mod:`waterketen_cli.records.stukken`. Whether a file is there
depends on more than the record, so these are checks across records that look at the
file system on every run (one folder listing per meeting folder; the contents are
never read). The time stamps of the folders they listed go with the cached outcome of
``validate`` (``Index.buiten["stukken"]``); a run answered from the cache compares them
again.

- ``stuk`` (fout): a path that leaves the repository or is no path at all (absolute,
  ``..``, another scheme than https); a missing stuk of a meeting still to come whose
  invitation is out (``uitgenodigd``).
- ``stuk-ontbreekt`` (waarschuwing): a missing stuk of a meeting still to come whose
  agenda is a concept (``agenda new`` writes concepts, and the stukken follow), of a
  past meeting (the archive is incomplete), or of an agenda proposal that is
  ``ingediend`` or ``geagendeerd``; a missing logo of the region (the regio record's
  ``logo``: Word and PDF documents are then made without it). A cancelled meeting and
  a withdrawn proposal need no stukken.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waterketen_cli.checks.facts import Index
from waterketen_cli.checks.registry import Melding, cross_check
from waterketen_cli.findings import Ernst, Pad
from waterketen_cli.models.records import Agendavoorstel, Regio, Vergadering
from waterketen_cli.records import stukken

#: States of a file that are a problem whatever the meeting: outside the repository.
_ALTIJD_FOUT = frozenset({stukken.BUITEN})


@dataclass(frozen=True)
class _Stuk:
    bestand: str  # the record, as shown
    pad: Pad  # of the ``bestand`` field
    waarde: str
    fout: bool  # a missing file is an error (else a warning, or nothing: ``nodig``)
    nodig: bool  # the file must be there
    hint: str
    wat: str = "het stuk"  # what the file is, in the message


_HINT = {
    "uitgenodigd": "de uitnodiging is verstuurd: zet het stuk op die plek (naast data/) of "
    "verbeter het pad",
    "concept": "de agenda is nog een concept: zet het stuk klaar vóór de uitnodiging, of "
    "verbeter het pad",
    "verleden": "zet het stuk voor het archief op die plek, of verbeter het pad",
    "voorstel": "zet het stuk op die plek vóór de vergadering (bijv. "
    "stukken/<overleg>/<korte-naam>.pdf), of verbeter het pad",
}

_LOGO = "zet het logo (PNG of JPEG) op die plek, naast data/, of verbeter het pad"


def _alle(index: Index) -> Iterator[_Stuk]:
    today = index.vandaag.isoformat()
    for rec in index.of(Vergadering):
        status = rec.feiten["status"]
        if rec.feiten["datum"] < today:
            soort = "verleden"
        else:
            soort = "uitgenodigd" if status == "uitgenodigd" else "concept"
        nodig = status != "geannuleerd"
        for pad, waarde in rec.feiten["stukken"]:
            yield _Stuk(
                rec.bestand, tuple(pad), waarde, soort == "uitgenodigd", nodig, _HINT[soort]
            )
    for regio in index.of(Regio):
        logo = regio.feiten["logo"]
        if logo:
            # A document without its logo is still a document: a warning.
            yield _Stuk(regio.bestand, ("logo",), logo, False, True, _LOGO, "het logo")
    for voorstel in index.of(Agendavoorstel):
        nodig = voorstel.feiten["status"] in ("ingediend", "geagendeerd")
        for pad, waarde in voorstel.feiten["stukken"]:
            yield _Stuk(voorstel.bestand, tuple(pad), waarde, False, nodig, _HINT["voorstel"])


#: The name of the cache of what the stukken looked like (``stukken.Kijker.geheugen``).
_CACHE = "stukken"


class _Ronde:
    """What both checks share in one run: one look at each stuk."""

    def __init__(self, index: Index, root: Path) -> None:
        from waterketen_cli.records import store

        # What the last run saw, for the folders that did not change since.
        vorige = store.read_cache(index.cache, _CACHE) if index.cache is not None else None
        self.kijker = stukken.Kijker(root, vorige)
        #: The stukken the checks report on (not there, or no path at all).
        self.stukken: list[tuple[_Stuk, stukken.Verwijzing, str]] = []
        for stuk in _alle(index):
            verwijzing = stukken.lees(stuk.waarde)
            toestand = (
                self.kijker.toestand(verwijzing.pad)
                if isinstance(verwijzing, stukken.Pad)
                else stukken.BESTAAT  # an https address is linked, not checked
            )
            # Most stukken are there: 75,000 of them need not stay in memory.
            if toestand != stukken.BESTAAT or isinstance(verwijzing, stukken.Ongeldig):
                self.stukken.append((stuk, verwijzing, toestand))
        if index.cache is not None and self.kijker.veranderd():
            store.write_cache_series(index.cache, _CACHE, self.kijker.geheugen())

    def vingerafdruk(self) -> Any:
        """What a run answered from the cache compares (``checks.uitkomst.cached_outcome``)."""
        return self.kijker.vingerafdruk()


def _ronde(index: Index) -> _Ronde | None:
    if index.root is None:
        return None
    ronde = index.buiten.get("stukken")
    if not isinstance(ronde, _Ronde):
        ronde = index.buiten["stukken"] = _Ronde(index, index.root)
    return ronde


def _bevindingen(index: Index, *, fouten: bool) -> Iterator[Melding]:
    """The errors (``fouten``) or the warnings about the stukken."""
    ronde = _ronde(index)
    if ronde is None:
        return
    for stuk, verwijzing, toestand in ronde.stukken:
        if isinstance(verwijzing, stukken.Ongeldig):
            if fouten:
                yield Melding(stuk.bestand, stuk.pad, verwijzing.reden, verwijzing.hint)
            continue
        if toestand == stukken.BESTAAT or not isinstance(verwijzing, stukken.Pad):
            continue
        pad = verwijzing.pad
        if toestand in _ALTIJD_FOUT:
            if fouten:
                yield Melding(
                    stuk.bestand,
                    stuk.pad,
                    f"'{pad}' is een koppeling naar buiten de repository",
                    "zet het stuk zelf in de repository in plaats van een koppeling",
                )
            continue
        if not stuk.nodig or stuk.fout != fouten:
            continue
        if toestand == stukken.IS_MAP:
            yield Melding(stuk.bestand, stuk.pad, f"'{pad}' is een map, geen bestand", stuk.hint)
        elif toestand == stukken.ONLEESBAAR:
            yield Melding(
                stuk.bestand,
                stuk.pad,
                f"'{pad}' kan niet worden gelezen (een map onderweg is niet toegankelijk)",
                "controleer de rechten van de mappen",
            )
        else:
            bedoeld = ronde.kijker.bedoeld(pad)
            hint = f"bedoelde u '{bedoeld}'?" if bedoeld else stuk.hint
            yield Melding(stuk.bestand, stuk.pad, f"{stuk.wat} '{pad}' bestaat niet", hint)


@cross_check(
    "stuk",
    Ernst.FOUT,
    "elk stuk van een vergadering waarvoor is uitgenodigd, bestaat; een stuk is een pad in "
    "de repository of een https-adres",
)
def check_stukken(index: Index) -> Iterator[Melding]:
    yield from _bevindingen(index, fouten=True)


@cross_check(
    "stuk-ontbreekt",
    Ernst.WAARSCHUWING,
    "een stuk van een concept-agenda, van een gehouden vergadering of van een ingediend "
    "agendavoorstel ontbreekt",
)
def check_ontbrekende_stukken(index: Index) -> Iterator[Melding]:
    yield from _bevindingen(index, fouten=False)
