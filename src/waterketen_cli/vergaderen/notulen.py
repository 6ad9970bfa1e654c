"""The minutes: a skeleton to fill in, and reading the filled-in skeleton back.

Reading is strict and all-or-nothing: every line that cannot be read is reported with
its line number, and nothing is written until the whole document reads cleanly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from waterketen_cli.checks.findings import suggest
from waterketen_cli.errors import WaterketenError
from waterketen_cli.models.records import Actie, Agendapunt, Overleg, Persoon, Vergadering
from waterketen_cli.models.types import Actiestatus, Afhandeling, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar
from waterketen_cli.vergaderen.documenten import Deelnemer, agenda_items, members, open_actions


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


class NotulenFout(WaterketenError):
    """The filled-in minutes could not be read; nothing was written."""

    def __init__(self, pad: str, fouten: list[tuple[int, str]]) -> None:
        self.fouten = fouten
        lines = "\n".join(f"{pad}:{regel}: {bericht}" for regel, bericht in fouten)
        super().__init__(
            f"het verslag kan niet worden verwerkt ({len(fouten)} probleem/problemen):\n{lines}",
            hint="verbeter deze regels en verwerk het verslag opnieuw; er is niets geschreven",
        )


@dataclass
class Punt:
    nummer: int
    regel: int
    afhandeling: Afhandeling = Afhandeling.BEHANDELD
    verslag: list[str] = field(default_factory=list)
    besluiten: list[str] = field(default_factory=list)
    acties: list[tuple[str, str, dt.date]] = field(default_factory=list)  # wat, wie, wanneer


@dataclass
class Ingevuld:
    """What the filled-in skeleton says."""

    vergadering: str
    aanwezig: list[str] = field(default_factory=list)
    afgemeld: list[str] = field(default_factory=list)
    punten: dict[int, Punt] = field(default_factory=dict)
    afgerond: list[str] = field(default_factory=list)
    vervallen: list[str] = field(default_factory=list)


_MARKER = re.compile(r"<!--\s*waterketen:vergadering\s+([a-z0-9-]+)\s*-->")
_CHECK = re.compile(r"^- \[(?P<mark>.)\]\s+(?P<id>[a-z0-9-]+)\s+—")
_ITEM = re.compile(r"^## (\d+)\.\s")
_ACTION = re.compile(
    r"^- (?P<wat>.+?)\s+—\s+actiehouder:\s*(?P<wie>\S+?)\s*,\s*deadline:\s*(?P<wanneer>\S+)\s*$"
)
_LABELS = ("Verslag:", "Besluiten:", "Acties:")
_PLACEHOLDER = "…"


def _is_placeholder(text: str) -> bool:
    return text.strip().strip("-").strip() in ("", _PLACEHOLDER) or _PLACEHOLDER in text


def read(text: str, pad: str) -> Ingevuld:
    """Read a filled-in skeleton. Raises :class:`NotulenFout` with every bad line."""
    errors: list[tuple[int, str]] = []
    marker = _MARKER.search(text)
    if marker is None:
        raise NotulenFout(pad, [(1, "de regel '<!-- waterketen:vergadering … -->' ontbreekt")])
    result = Ingevuld(marker[1])
    section = ""
    label = ""
    punt: Punt | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if line.startswith("## "):
            label = ""
            item = _ITEM.match(line)
            if item:
                punt = Punt(int(item[1]), number)
                if punt.nummer in result.punten:
                    errors.append(
                        (number, f"agendapunt {punt.nummer} staat twee keer in het verslag")
                    )
                result.punten[punt.nummer] = punt
                section = "punt"
            else:
                punt = None
                section = line[3:].strip().lower()
            continue
        if section in ("aanwezigheid", "actielijst"):
            if not stripped.startswith("- ["):
                continue
            check = _CHECK.match(stripped)
            if check is None:
                errors.append((number, "verwacht '- [x] id — …', '- [-] id — …' of '- [ ] id — …'"))
                continue
            mark, ident = check["mark"].lower(), check["id"]
            targets = {
                "aanwezigheid": {"x": result.aanwezig, "-": result.afgemeld},
                "actielijst": {"x": result.afgerond, "-": result.vervallen},
            }[section]
            if mark in targets:
                targets[mark].append(ident)
            elif mark != " ":
                errors.append(
                    (number, f"onbekend teken '[{check['mark']}]': gebruik [x], [-] of [ ]")
                )
            continue
        if section != "punt" or punt is None:
            continue
        if stripped.startswith("Afhandeling:"):
            value = stripped.removeprefix("Afhandeling:").strip().lower()
            try:
                punt.afhandeling = Afhandeling(value)
            except ValueError:
                errors.append((number, f"afhandeling '{value}': kies behandeld of aangehouden"))
            continue
        if stripped in _LABELS:
            label = stripped
            continue
        if not stripped or stripped.startswith(("Vertrouwelijk:", "<!--")):
            continue
        if label == "Verslag:":
            if not _is_placeholder(stripped):
                punt.verslag.append(stripped)
        elif label == "Besluiten:":
            if not stripped.startswith("- "):
                errors.append((number, "een besluit begint met '- '"))
            elif not _is_placeholder(stripped):
                punt.besluiten.append(stripped[2:].strip())
        elif label == "Acties:":
            if not stripped.startswith("- "):
                errors.append((number, "een actie begint met '- '"))
            elif not _is_placeholder(stripped):
                action = _ACTION.match(stripped)
                if action is None:
                    errors.append(
                        (number, "verwacht '- wat — actiehouder: p-…, deadline: JJJJ-MM-DD'")
                    )
                    continue
                try:
                    deadline = dt.date.fromisoformat(action["wanneer"])
                except ValueError:
                    errors.append(
                        (number, f"deadline '{action['wanneer']}' is geen datum (JJJJ-MM-DD)")
                    )
                    continue
                punt.acties.append((action["wat"], action["wie"], deadline))
        else:
            errors.append((number, "tekst buiten 'Verslag:', 'Besluiten:' of 'Acties:'"))
    if errors:
        raise NotulenFout(pad, errors)
    return result


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


def changes(gegevens: Gegevens, verwerking: Verwerking) -> list[Any]:
    """The record changes that processing makes (validated and written by the caller)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    from waterketen_cli.records import writer
    from waterketen_cli.soorten import SOORT_PER_NAAM

    vergadering = verwerking.vergadering
    ingevuld = verwerking.ingevuld

    meeting_fields = list(Vergadering.model_fields)
    item_fields = list(Agendapunt.model_fields)

    def update_meeting(doc: CommentedMap) -> None:
        doc["status"] = Vergaderstatus.GEHOUDEN.value
        # Sorted, as `waterketen fmt` keeps these lists.
        writer.put(doc, "aanwezig", CommentedSeq(sorted(ingevuld.aanwezig)), meeting_fields)
        writer.put(doc, "afgemeld", CommentedSeq(sorted(ingevuld.afgemeld)), meeting_fields)
        for nummer, punt in ingevuld.punten.items():
            item = doc["agenda"][nummer - 1]
            writer.put(item, "afhandeling", punt.afhandeling.value, item_fields)
            if punt.verslag:
                text = "\n".join(punt.verslag)
                verslag = LiteralScalarString(text + "\n") if len(punt.verslag) > 1 else text
                writer.put(item, "verslag", verslag, item_fields)
        if verwerking.besluiten:
            besluiten = doc.get("besluiten") or CommentedSeq()
            for besluitnummer, agendapunt, tekst in verwerking.besluiten:
                besluit = CommentedMap()
                besluit["nummer"] = besluitnummer
                besluit["agendapunt"] = agendapunt
                besluit["tekst"] = tekst
                besluiten.append(besluit)
            writer.put(doc, "besluiten", besluiten, meeting_fields)

    def close(status: Actiestatus) -> Any:
        def change(doc: CommentedMap) -> None:
            doc["status"] = status.value
            if status == Actiestatus.AFGEROND:
                writer.put(doc, "afgerond_op", vergadering.datum, Actie.model_fields)

        return change

    actie_soort = SOORT_PER_NAAM["actie"]
    result = [
        writer.edit_record(
            gegevens.paden[("vergadering", vergadering.id)],
            SOORT_PER_NAAM["vergadering"],
            update_meeting,
        )
    ]
    result += [
        writer.new_record(
            gegevens.path(actie_soort, actie.id),
            actie_soort,
            actie,
            header=[f"Afgesproken in vergadering {vergadering.id}, agendapunt {actie.agendapunt}."],
        )
        for actie in verwerking.nieuwe_acties
    ]
    result += [
        writer.edit_record(
            gegevens.paden[("actie", a.id)], actie_soort, close(Actiestatus.AFGEROND)
        )
        for a in verwerking.afgerond
    ]
    result += [
        writer.edit_record(
            gegevens.paden[("actie", a.id)], actie_soort, close(Actiestatus.VERVALLEN)
        )
        for a in verwerking.vervallen
    ]
    return result
