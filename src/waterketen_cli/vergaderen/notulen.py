"""The minutes: a skeleton to fill in, and checking the filled-in skeleton (read by
``notulenlezer``) against the data: the meeting, its agenda, persons and actions.

Checking is all-or-nothing like reading: every problem is reported with its line
number, and nothing is written until the whole document is in order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from waterketen_cli import dutch
from waterketen_cli.checks.findings import suggest
from waterketen_cli.models.records import Actie, Overleg, Persoon, Vergadering
from waterketen_cli.models.types import Actiestatus, Afhandeling, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar
from waterketen_cli.vergaderen.documenten import Deelnemer, agenda_items, members, open_actions
from waterketen_cli.vergaderen.notulenlezer import Ingevuld, NotulenFout


def skeleton_context(gegevens: Gegevens, vergadering: Vergadering) -> dict[str, Any]:
    overleg = gegevens.get(Overleg, vergadering.overleg)
    if overleg is None:
        raise KeyError(vergadering.overleg)
    gasten = [
        Deelnemer(openbaar.persoon(gegevens, lid.persoon), "agendalid", lid.persoon)
        for lid in overleg.agendaleden
        if lid.persoon is not None
    ]
    stand = {p: "x" for p in vergadering.aanwezig} | {p: "-" for p in vergadering.afgemeld}
    return {
        "overleg": overleg,
        "vergadering": vergadering,
        "stand": stand,
        "voorzitter": openbaar.persoon(gegevens, overleg.voorzitter),
        "secretaris": openbaar.persoon(gegevens, overleg.secretaris),
        "deelnemers": members(gegevens, overleg),
        "gasten": gasten,
        "punten": agenda_items(gegevens, vergadering),
        "acties": open_actions(gegevens, overleg, vergadering),
        "besluiten": vergadering.besluiten,
        # The first is filled in; the others are shown in a comment beside it.
        "afhandeling": Afhandeling.BEHANDELD.value,
        "afhandeling_anders": [a.value for a in Afhandeling if a != Afhandeling.BEHANDELD],
    }


def _line_of(text: str, needle: str) -> int:
    """A fallback for an Ingevuld made without line numbers."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


@dataclass(frozen=True)
class Verwerking:
    """What processing the minutes will change."""

    vergadering: Vergadering
    besluiten: list[tuple[str, int, str]]  # nummer, agendapunt, tekst
    nieuwe_acties: list[Actie]  # actiehouder resolved to a person's id
    afgerond: list[Actie]
    vervallen: list[Actie]
    ingevuld: Ingevuld


def _actiehouder(wie: str, personen: list[Persoon]) -> str:
    """The id of the person meant: an id, or a name as in the person record (case and
    spacing aside). Raises LookupError with the message when there is not exactly one."""
    ids = {p.id for p in personen}
    if wie.lower() in ids:
        return wie.lower()
    naam = " ".join(wie.split()).casefold()
    matches = sorted(p.id for p in personen if " ".join(p.naam.split()).casefold() == naam)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise LookupError(
            f"actiehouder '{wie}' is niet eenduidig: {', '.join(matches)} heten zo; schrijf het id"
        )
    hint = suggest(wie, [*sorted(ids), *sorted({p.naam for p in personen})])
    raise LookupError(f"onbekende actiehouder '{wie}'" + (f" ({hint})" if hint else ""))


def _agenda_problems(vergadering: Vergadering, ingevuld: Ingevuld) -> list[tuple[int, str]]:
    """The items must be those of the agenda, under the headings the skeleton gave them
    (else the text may land under another item); the besluitenlijst is generated."""
    from waterketen_cli.render import markdown_line  # the template's own 'regel' filter

    errors: list[tuple[int, str]] = []
    agenda = vergadering.agenda
    for nummer, punt in sorted(ingevuld.punten.items()):
        if not 1 <= nummer <= len(agenda):
            errors.append(
                (
                    punt.regel,
                    f"agendapunt {nummer} bestaat niet; de agenda heeft {len(agenda)} punten",
                )
            )
            continue
        verwacht = markdown_line(agenda[nummer - 1].titel)
        if " ".join(punt.titel.split()) != verwacht:
            errors.append(
                (
                    punt.regel,
                    f"agendapunt {nummer} heet hier '{punt.titel}', in de agenda '{verwacht}': "
                    "dit verslag hoort bij een andere versie van de agenda; maak het skelet "
                    f"opnieuw met 'waterketen notulen new {vergadering.id}'",
                )
            )
    missing = set(range(1, len(agenda) + 1)) - set(ingevuld.punten)
    for nummer in sorted(missing):
        titel = markdown_line(agenda[nummer - 1].titel)
        errors.append(
            (
                1,
                f"agendapunt {nummer} ('{titel}') ontbreekt in het verslag; "
                f"zet de kop '## {nummer}. {titel}' terug",
            )
        )
    bekende_besluiten = {b.nummer for b in vergadering.besluiten}
    for regel, besluitnummer in ingevuld.besluitenlijst:
        if besluitnummer not in bekende_besluiten:
            errors.append(
                (
                    regel,
                    "deze regel van de besluitenlijst komt niet uit de gegevens; de lijst wordt "
                    "bij het verwerken gemaakt: zet een nieuw besluit onder 'Besluiten:' van "
                    "het agendapunt",
                )
            )
    return errors


def check(
    gegevens: Gegevens, ingevuld: Ingevuld, text: str, pad: str, *, vandaag: dt.date
) -> Verwerking:
    """The minutes must belong to a meeting that was held and not yet processed, follow
    its agenda, and everything they refer to must exist; every error with its line."""
    errors: list[tuple[int, str]] = []
    marker = ingevuld.markering
    vergadering = gegevens.get(Vergadering, ingevuld.vergadering)
    if vergadering is None:
        hint = suggest(ingevuld.vergadering, [v.id for v in gegevens.of(Vergadering)])
        raise NotulenFout(
            pad,
            [
                (
                    marker,
                    f"onbekende vergadering '{ingevuld.vergadering}'"
                    + (f" ({hint})" if hint else ""),
                )
            ],
        )
    if vergadering.status in (Vergaderstatus.GEHOUDEN, Vergaderstatus.VERSLAG_VASTGESTELD):
        raise NotulenFout(
            pad,
            [
                (
                    marker,
                    f"het verslag van {vergadering.id} is al verwerkt "
                    f"(status '{vergadering.status.value}')",
                )
            ],
        )
    if vergadering.status == Vergaderstatus.GEANNULEERD:
        raise NotulenFout(pad, [(marker, f"vergadering {vergadering.id} is geannuleerd")])
    if vergadering.datum > vandaag:
        errors.append(
            (
                marker,
                f"de vergadering van {dutch.datum(vergadering.datum)} is nog niet geweest; "
                "verwerk het verslag na de vergadering",
            )
        )
    personen = gegevens.of(Persoon)
    persoon_ids = {p.id for p in personen}
    for ident in (*ingevuld.aanwezig, *ingevuld.afgemeld):
        if ident not in persoon_ids:
            hint = suggest(ident, sorted(persoon_ids))
            errors.append(
                (
                    ingevuld.aanwezigheidsregels.get(ident) or _line_of(text, f"] {ident} "),
                    f"onbekende persoon '{ident}'" + (f" ({hint})" if hint else ""),
                )
            )
    errors += _agenda_problems(vergadering, ingevuld)
    acties = {a.id: a for a in gegevens.of(Actie)}
    for ident in (*ingevuld.afgerond, *ingevuld.vervallen):
        regel = ingevuld.actielijstregels.get(ident) or _line_of(text, f"] {ident} ")
        actie = acties.get(ident)
        if actie is None:
            hint = suggest(ident, sorted(acties))
            errors.append((regel, f"onbekende actie '{ident}'" + (f" ({hint})" if hint else "")))
        elif actie.status != Actiestatus.OPEN:
            errors.append((regel, f"actie '{ident}' is al {actie.status.value}"))
    nieuwe: list[Actie] = []
    taken = set(acties)
    volgnummer = 1
    for nummer, punt in sorted(ingevuld.punten.items()):
        for index, (wat, wie, wanneer) in enumerate(punt.acties):
            regel = (
                punt.actieregels[index] if index < len(punt.actieregels) else _line_of(text, wat)
            )
            try:
                actiehouder = _actiehouder(wie, personen)
            except LookupError as problem:
                errors.append((regel, str(problem)))
                continue
            if wanneer < vergadering.datum:
                errors.append(
                    (regel, f"de deadline {wanneer.isoformat()} ligt voor de vergadering")
                )
                continue
            while f"{vergadering.id}-{volgnummer}" in taken:
                volgnummer += 1
            ident = f"{vergadering.id}-{volgnummer}"
            taken.add(ident)
            nieuwe.append(
                Actie(
                    id=ident,
                    omschrijving=wat,
                    actiehouder=actiehouder,
                    deadline=wanneer,
                    status=Actiestatus.OPEN,
                    vergadering=vergadering.id,
                    agendapunt=nummer,
                )
            )
    if errors:
        raise NotulenFout(pad, errors)
    # Numbered within the meeting: no other branch can take the same number.
    volgende = len(vergadering.besluiten) + 1
    besluiten = []
    for nummer, punt in sorted(ingevuld.punten.items()):
        for tekst in punt.besluiten:
            besluiten.append((f"B-{vergadering.id}-{volgende}", nummer, tekst))
            volgende += 1
    return Verwerking(
        vergadering,
        besluiten,
        nieuwe,
        [acties[i] for i in ingevuld.afgerond],
        [acties[i] for i in ingevuld.vervallen],
        ingevuld,
    )
