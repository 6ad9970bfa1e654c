"""The one public view of the data: every public output is rendered from it.

:func:`publiek` turns the records into what a public reader may see, and nothing more,
so that a template (ours, or one a data repository supplies) cannot show what it never
receives:

- an agenda item, a stuk or a decision that is confidential on the day is gone: the
  item becomes a numbered "Besloten punt" without subject, stukken, presenter, project,
  agendaleden or report (or, as the region may choose in its regio record, leaves the
  agenda, the rest renumbered); its decisions and their numbers go, and so do
  confidential stukken and decisions on public items;
- a confidentiality ends by itself (:func:`vertrouwelijk`): on the date in
  ``vertrouwelijk_tot``, or once the decision named there is recorded;
- a person who did not consent (``naam_openbaar``) is known by function and
  organisation only; contact details are never part of the view;
- actions are internal and not part of it, and so are the newsletter's mailing list
  (``data/verzendlijst/``: names, addresses, consent) and the guests registered for a
  themabijeenkomst; an agenda proposal that is confidential is left out; a project
  keeps its approving decision only when that is public;
- the regional budget is public (what the partners put in, what went to which project,
  what was spent: a jaarverslag publishes it), but an allocation or the adoption keeps
  its decision only when that is public.

What the view leaves out, documents say truthfully and without revealing it (for
example "besluiten uit besloten vergaderingen staan hier niet"); that wording lives
with the documents, which always say it, whether or not anything was left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from waterketen_cli.models.base import Record
from waterketen_cli.models.records import (
    Agendapunt,
    Agendavoorstel,
    Begroting,
    Besluit,
    Organisatie,
    Persoon,
    Project,
    Regio,
    Stuk,
    Vergadering,
)
from waterketen_cli.models.types import BeslotenPunten
from waterketen_cli.records.dataset import Gegevens

#: How a confidential item appears on a public agenda.
BESLOTEN_PUNT = "Besloten punt"
#: What the view leaves of a confidentiality that has ended: nothing (a document must
#: not say "in beslotenheid" of what is public now).
OPEN = {"vertrouwelijk": False, "vertrouwelijk_tot": None}
#: The kinds the view needs whatever the output: which decisions are recorded (a
#: confidentiality may end with one), the region's choice, and how to name people.
NODIG = ("regio", "vergadering", "organisatie", "persoon")
#: Kinds that are internal as a whole: never part of the view.
INTERN = frozenset({"actie", "abonnee"})


def laad(
    data_dir: Path,
    soorten: Iterable[str],
    vandaag: dt.date,
    *,
    waar: Mapping[str, Callable[[dict[str, Any]], bool]] | None = None,
) -> Gegevens:
    """Load the records of ``soorten`` (and what the view needs) as their public view."""
    from waterketen_cli.records import dataset

    return publiek(dataset.load(data_dir, {*soorten, *NODIG}, waar=waar), vandaag)


def vertrouwelijk(
    flag: bool, tot: dt.date | str | None, vandaag: dt.date, besluiten: Iterable[str]
) -> bool:
    """Is something marked confidential still confidential on ``vandaag``? Until the
    date in ``tot``, or until the decision it names is recorded; for ever without."""
    if not flag:
        return False
    if tot is None:
        return True
    if isinstance(tot, dt.date):
        return vandaag < tot
    return tot not in besluiten


def besluitnummers(gegevens: Gegevens) -> set[str]:
    """Every decision number recorded in the data."""
    return {b.nummer for v in gegevens.of(Vergadering) for b in v.besluiten}


def publiek(gegevens: Gegevens, vandaag: dt.date) -> Gegevens:
    """The public view of ``gegevens`` on ``vandaag`` (see the module docstring)."""
    recorded = besluitnummers(gegevens)

    def geheim(item: Agendapunt | Stuk | Besluit | Agendavoorstel) -> bool:
        return vertrouwelijk(item.vertrouwelijk, item.vertrouwelijk_tot, vandaag, recorded)

    regio = next(iter(gegevens.of(Regio)), None)
    weglaten = regio is not None and regio.besloten_punten == BeslotenPunten.WEGLATEN
    view = Gegevens(gegevens.data_dir, publiek=True, besloten_weglaten=weglaten)
    view.overgeslagen = list(gegevens.overgeslagen)

    hidden: set[str] = set()  # decision numbers that are not public
    for soort, records in gegevens.records.items():
        if soort in INTERN:
            continue
        kept: dict[str, Record] = {}
        for record_id, record in records.items():
            if isinstance(record, Vergadering):
                kept[record_id] = _vergadering(record, geheim, weglaten, hidden)
            elif isinstance(record, Agendavoorstel):
                if not geheim(record):
                    stukken = [s.model_copy(update=OPEN) for s in record.stukken if not geheim(s)]
                    kept[record_id] = record.model_copy(update={"stukken": stukken, **OPEN})
            elif isinstance(record, Persoon):
                kept[record_id] = _persoon(gegevens, record)
            else:
                kept[record_id] = record
        view.records[soort] = kept
    for record_id, project in view.records.get("project", {}).items():
        if isinstance(project, Project) and project.besluit in hidden:
            view.records["project"][record_id] = project.model_copy(update={"besluit": None})
    for record_id, begroting in view.records.get("begroting", {}).items():
        if isinstance(begroting, Begroting):
            view.records["begroting"][record_id] = _begroting(begroting, hidden)
    view.paden = gegevens.paden.zonder(INTERN)
    return view


def _begroting(begroting: Begroting, hidden: set[str]) -> Begroting:
    """Without the numbers of decisions that are not public."""
    toekenningen = [
        t.model_copy(update={"besluit": None}) if t.besluit in hidden else t
        for t in begroting.toekenningen
    ]
    vastgesteld = None if begroting.vastgesteld in hidden else begroting.vastgesteld
    return begroting.model_copy(update={"toekenningen": toekenningen, "vastgesteld": vastgesteld})


def _persoon(gegevens: Gegevens, persoon: Persoon) -> Persoon:
    """No contact details; without consent, no name: function and organisation."""
    update: dict[str, Any] = {"email": None, "telefoon": None, "forge_account": None}
    if not persoon.naam_openbaar:
        organisatie = gegevens.get(Organisatie, persoon.organisatie)
        org = organisatie.naam if organisatie is not None else persoon.organisatie
        update["naam"] = f"{persoon.functie}, {org}"
    return persoon.model_copy(update=update)


Geheim = Callable[[Agendapunt | Stuk | Besluit | Agendavoorstel], bool]


def _vergadering(
    vergadering: Vergadering, geheim: Geheim, weglaten: bool, hidden: set[str]
) -> Vergadering:
    agenda: list[Agendapunt] = []
    nummers: dict[int, int] = {}  # internal item number -> public one
    besloten: set[int] = set()
    for nummer, punt in enumerate(vergadering.agenda, start=1):
        if geheim(punt):
            besloten.add(nummer)
            if weglaten:
                continue
            agenda.append(
                Agendapunt(
                    titel=BESLOTEN_PUNT,
                    behandelvorm=punt.behandelvorm,
                    duur=punt.duur,
                    vertrouwelijk=True,
                )
            )
        else:
            stukken = [s.model_copy(update=OPEN) for s in punt.stukken if not geheim(s)]
            agenda.append(punt.model_copy(update={"stukken": stukken, **OPEN}))
        nummers[nummer] = len(agenda)
    besluiten = []
    for besluit in vergadering.besluiten:
        if besluit.agendapunt in besloten or besluit.agendapunt not in nummers or geheim(besluit):
            hidden.add(besluit.nummer)
            continue
        besluiten.append(
            besluit.model_copy(update={"agendapunt": nummers[besluit.agendapunt], **OPEN})
        )
    # Guests from outside registered for a themabijeenkomst are never published.
    return vergadering.model_copy(
        update={"agenda": agenda, "besluiten": besluiten, "aanmeldingen": []}
    )
