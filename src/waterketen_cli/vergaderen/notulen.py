"""The minutes: a skeleton to fill in, and reading the filled-in skeleton back.

Reading is strict and all-or-nothing: every line that cannot be read is reported with
its line number, and nothing is written until the whole document reads cleanly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from waterketen_cli.checks.findings import suggest
from waterketen_cli.models.records import Actie, Overleg, Persoon, Vergadering
from waterketen_cli.models.types import Actiestatus, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar
from waterketen_cli.vergaderen.documenten import Deelnemer, agenda_items, members, open_actions
from waterketen_cli.vergaderen.notulenlezer import Ingevuld, NotulenFout


def skeleton_context(gegevens: Gegevens, vergadering: Vergadering) -> dict[str, Any]:
    overleg = gegevens.get(Overleg, vergadering.overleg)
    if overleg is None:
        raise KeyError(vergadering.overleg)
    gasten = [
        Deelnemer(openbaar.persoon(gegevens, lid.persoon, publiek=False), "agendalid", lid.persoon)
        for lid in overleg.agendaleden
        if lid.persoon is not None
    ]
    stand = {p: "x" for p in vergadering.aanwezig} | {p: "-" for p in vergadering.afgemeld}
    return {
        "overleg": overleg,
        "vergadering": vergadering,
        "stand": stand,
        "voorzitter": openbaar.persoon(gegevens, overleg.voorzitter, publiek=False),
        "secretaris": openbaar.persoon(gegevens, overleg.secretaris, publiek=False),
        "deelnemers": members(gegevens, overleg, publiek=False),
        "gasten": gasten,
        "punten": agenda_items(gegevens, vergadering, publiek=False),
        "acties": open_actions(gegevens, overleg, vergadering),
        "besluiten": vergadering.besluiten,
    }


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


@dataclass(frozen=True)
class Verwerking:
    """What processing the minutes will change."""

    vergadering: Vergadering
    besluiten: list[tuple[str, int, str]]  # nummer, agendapunt, tekst
    nieuwe_acties: list[Actie]
    afgerond: list[Actie]
    vervallen: list[Actie]
    ingevuld: Ingevuld


def check(gegevens: Gegevens, ingevuld: Ingevuld, text: str, pad: str) -> Verwerking:
    """Everything the minutes refer to must exist; every error with its line."""
    errors: list[tuple[int, str]] = []
    vergadering = gegevens.get(Vergadering, ingevuld.vergadering)
    if vergadering is None:
        raise NotulenFout(
            pad,
            [
                (
                    _line_of(text, "waterketen:vergadering"),
                    f"onbekende vergadering '{ingevuld.vergadering}'",
                )
            ],
        )
    if vergadering.status in (Vergaderstatus.GEHOUDEN, Vergaderstatus.VERSLAG_VASTGESTELD):
        raise NotulenFout(
            pad,
            [
                (
                    _line_of(text, "waterketen:vergadering"),
                    f"het verslag van {vergadering.id} is al verwerkt "
                    f"(status '{vergadering.status.value}')",
                )
            ],
        )
    if vergadering.status == Vergaderstatus.GEANNULEERD:
        raise NotulenFout(pad, [(1, f"vergadering {vergadering.id} is geannuleerd")])
    personen = {p.id for p in gegevens.of(Persoon)}
    for ident in (*ingevuld.aanwezig, *ingevuld.afgemeld):
        if ident not in personen:
            hint = suggest(ident, personen)
            errors.append(
                (
                    _line_of(text, f"] {ident} "),
                    f"onbekende persoon '{ident}'" + (f" ({hint})" if hint else ""),
                )
            )
    for nummer, punt in ingevuld.punten.items():
        if not 1 <= nummer <= len(vergadering.agenda):
            errors.append(
                (
                    punt.regel,
                    f"agendapunt {nummer} bestaat niet; "
                    f"de agenda heeft {len(vergadering.agenda)} punten",
                )
            )
    missing = set(range(1, len(vergadering.agenda) + 1)) - set(ingevuld.punten)
    for nummer in sorted(missing):
        errors.append(
            (
                1,
                f"agendapunt {nummer} ('{vergadering.agenda[nummer - 1].titel}') "
                "ontbreekt in het verslag",
            )
        )
    acties = {a.id: a for a in gegevens.of(Actie)}
    for ident in (*ingevuld.afgerond, *ingevuld.vervallen):
        actie = acties.get(ident)
        if actie is None:
            hint = suggest(ident, acties)
            errors.append(
                (
                    _line_of(text, f"] {ident} "),
                    f"onbekende actie '{ident}'" + (f" ({hint})" if hint else ""),
                )
            )
        elif actie.status != Actiestatus.OPEN:
            errors.append(
                (_line_of(text, f"] {ident} "), f"actie '{ident}' is al {actie.status.value}")
            )
    nieuwe: list[Actie] = []
    taken = {a.id for a in acties.values()}
    volgnummer = 1
    for nummer, punt in sorted(ingevuld.punten.items()):
        for wat, wie, wanneer in punt.acties:
            if wie not in personen:
                hint = suggest(wie, personen)
                errors.append(
                    (
                        _line_of(text, f"actiehouder: {wie}"),
                        f"onbekende actiehouder '{wie}'" + (f" ({hint})" if hint else ""),
                    )
                )
                continue
            if wanneer < vergadering.datum:
                errors.append(
                    (
                        _line_of(text, wat),
                        f"de deadline {wanneer.isoformat()} ligt voor de vergadering",
                    )
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
                    actiehouder=wie,
                    deadline=wanneer,
                    status=Actiestatus.OPEN,
                    vergadering=vergadering.id,
                    agendapunt=nummer,
                )
            )
    if errors:
        raise NotulenFout(pad, sorted(errors))
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
