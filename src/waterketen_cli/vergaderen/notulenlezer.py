"""Reading filled-in minutes back: every line understood or reported with its number.

Reading is strict and all-or-nothing: every line that cannot be read is reported with
its line number, and nothing is written until the whole document reads cleanly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from waterketen_cli.errors import WaterketenError
from waterketen_cli.models.types import Afhandeling


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
