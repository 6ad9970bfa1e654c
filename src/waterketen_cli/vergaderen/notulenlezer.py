"""Reading filled-in minutes back: every line understood or reported with its number.

The skeleton (``templates/notulen.md.j2``) and this reader go together. Each line is:

- **structure**: the title ``# …`` (the first one, before any section), the marker
  ``<!-- waterketen:vergadering ID -->``, an item heading ``## n. titel``, and the
  section headings ``## Aanwezigheid``, ``## Actielijst``, ``## Besluitenlijst`` and
  (a themabijeenkomst) ``## Terugblik``. No other heading is structure: under
  ``Verslag:`` and ``## Terugblik`` it is text;
- a **comment** ``<!-- … -->`` on one or more lines, anywhere: never read. An unclosed
  ``<!--`` is reported, and so is text after ``-->`` on the same line;
- a **blank** line;
- otherwise, a line of the section it stands in. Each section reads this, and reports
  every other line with a hint where it belongs:

  - before the first section: the title, the meeting's details (``- Datum: …``,
    ``- Tijd:``, ``- Plaats:``, ``- Voorzitter:``, ``- Secretaris:``; the skeleton's, not
    read) and the skeleton's instructions;
  - Aanwezigheid and Actielijst: ``- [x] id — …`` lines (``x`` present/done, ``-``
    excused/dropped, blank neither), ``Agendaleden:``, the instructions, ``Er staan
    geen acties open.``; at a themabijeenkomst also ``Gasten van buiten:`` and the
    registered guests as ``- [x] gast-naam — …``;
  - Terugblik: every line as written (the write-up for the website, Markdown);
  - an agenda item, before its first label: ``Afhandeling: …`` (also later in the item)
    and ``Vertrouwelijk: …``. Then the labels ``Verslag:``, ``Besluiten:`` and
    ``Acties:`` (a line of their own, once per item), and under them:

    - ``Verslag:`` every line as written (Markdown: paragraphs, lists, quotes,
      sub-headings), without the blank lines around it;
    - ``Besluiten:`` a decision per list item ``- tekst``; a line indented by two
      spaces or more continues the decision above it;
    - ``Acties:`` one action per line, ``- wat — actiehouder: wie, deadline: datum``:
      the dash may be ``—``, ``–``, `` - `` or `` -- ``; ``wie`` an id or a person's
      name (resolved by :func:`notulen.check`); the deadline ``2027-03-01``,
      ``01-03-2027``, ``1 maart 2027`` or ``1 mrt 2027``;
  - Besluitenlijst: the generated table or sentence (:func:`notulen.check` holds the
    rows against the meeting's decisions).

Only a line that is exactly the skeleton's placeholder is empty: ``…`` under Verslag:,
``- …`` under Besluiten:, the whole placeholder action under Acties:. A ``…`` inside
text is text.

Reading is strict and all-or-nothing: every line that cannot be read is reported with
its line number, and nothing is written until the whole document reads cleanly.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from waterketen_cli import dutch
from waterketen_cli.errors import WaterketenError
from waterketen_cli.models.types import Afhandeling


class NotulenFout(WaterketenError):
    """The filled-in minutes could not be read; nothing was written."""

    def __init__(self, pad: str, fouten: list[tuple[int, str]]) -> None:
        self.fouten = sorted(fouten, key=lambda fout: fout[0])
        aantal = dutch.aantal(len(fouten), "probleem", "problemen")
        lines = "\n".join(f"{pad}:{regel}: {bericht}" for regel, bericht in self.fouten)
        super().__init__(
            f"het verslag kan niet worden verwerkt ({aantal}):\n{lines}",
            hint="verbeter deze regels en verwerk het verslag opnieuw; er is niets geschreven",
        )


@dataclass
class Punt:
    nummer: int
    regel: int
    afhandeling: Afhandeling = Afhandeling.BEHANDELD
    verslag: list[str] = field(default_factory=list)  # lines, as written
    besluiten: list[str] = field(default_factory=list)
    acties: list[tuple[str, str, dt.date]] = field(default_factory=list)  # wat, wie, wanneer
    titel: str = ""  # as written in the heading
    besluitregels: list[int] = field(default_factory=list)  # line of each decision
    actieregels: list[int] = field(default_factory=list)  # line of each action
    #: The agenda's beslispunten as marked: ('x' aangenomen, '-' niet, ' ' open), text
    beslispunten: list[tuple[str, str]] = field(default_factory=list)
    beslispuntregels: list[int] = field(default_factory=list)
    #: At the item 'verslag vorige vergadering': how the previous minutes were adopted.
    vaststelling: str | None = None
    vaststellingsregel: int = 0


@dataclass
class Ingevuld:
    """What the filled-in skeleton says."""

    vergadering: str
    aanwezig: list[str] = field(default_factory=list)
    afgemeld: list[str] = field(default_factory=list)
    punten: dict[int, Punt] = field(default_factory=dict)
    afgerond: list[str] = field(default_factory=list)
    vervallen: list[str] = field(default_factory=list)
    markering: int = 1  # line of the marker
    aanwezigheidsregels: dict[str, int] = field(default_factory=dict)  # person -> line
    actielijstregels: dict[str, int] = field(default_factory=dict)  # action -> line
    besluitenlijst: list[tuple[int, str]] = field(default_factory=list)  # line, first cell
    #: Registered guests of a themabijeenkomst: id ('gast-…') -> mark ('x', '-' or ' ').
    gasten: dict[str, str] = field(default_factory=dict)
    #: The lines under '## Terugblik' (None: no such section).
    terugblik: list[str] | None = None
    terugblikregel: int = 0


_PLACEHOLDER = "…"
#: How the minutes of a themabijeenkomst name a registered guest (no person record).
GAST = "gast-"
_DECISION_PLACEHOLDER = "- …"
_ACTION_PLACEHOLDER = "- … — actiehouder: p-…, deadline: JJJJ-MM-DD"
_ACTION_FORM = "'- wat — actiehouder: p-…, deadline: JJJJ-MM-DD'"
_DATE_EXAMPLES = "2027-03-01, 01-03-2027 of 1 maart 2027"

_LINE_END = re.compile(r"\r\n|\r|\n")
_MARKER = re.compile(r"<!--\s*waterketen:vergadering\s+([a-z0-9][a-z0-9-]*)\s*-->")
_TITLE = re.compile(r"#[ \t]+\S")
_ITEM = re.compile(r"##[ \t]+(\d+)\.(?:[ \t]+(.*?))?[ \t]*")
_SECTION = re.compile(
    r"##[ \t]+(aanwezigheid|actielijst|besluitenlijst|terugblik)[ \t]*", re.IGNORECASE
)
_LABEL = re.compile(r"(verslag|besluiten|acties)[ \t]*:[ \t]*", re.IGNORECASE)
_AFHANDELING = re.compile(r"afhandeling[ \t]*:(.*)", re.IGNORECASE)
_VASTSTELLING = re.compile(r"vaststelling[ \t]*:(.*)", re.IGNORECASE)
_BESLISPUNT = re.compile(r"- \[(?P<mark>.?)\][ \t]*(?P<tekst>.*)")
#: How the minutes of the previous meeting can be adopted (the first is the default).
VASTSTELLINGEN = ("conform", "met wijzigingen", "niet vastgesteld")
_DETAILS = re.compile(r"- (Datum|Tijd|Plaats|Voorzitter|Secretaris): ")
_DASH = r"(?:[ \t]*[—–][ \t]*|[ \t]+--?[ \t]+)"
_CHECKBOX = re.compile(rf"- \[(?P<mark>[^\]]?)\][ \t]+(?P<id>[a-z0-9][a-z0-9-]*)(?:{_DASH}.*)?")
_WHAT = re.compile(rf"(?P<wat>.*?){_DASH}")
_OWNER_LABEL = re.compile(r"actiehouder[ \t]*:", re.IGNORECASE)
_DEADLINE_LABEL = re.compile(r"deadline[ \t]*:", re.IGNORECASE)
_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_TABLE_RULE = re.compile(r"\|(?:[ \t]*:?-+:?[ \t]*\|)+")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_DUTCH = re.compile(r"(\d{1,2})[ \t]+([^\W\d_]+)\.?[ \t]+(\d{4})")


def _norm(text: str) -> str:
    return " ".join(text.split())


# The skeleton's own sentences, per section (whitespace normalised).
_FIXED = {
    "kop": {
        "Invullen: vervang elke `…`, zet kruisjes, en verwerk het verslag daarna met",
        "`waterketen notulen verwerk BESTAND`. Laat de koppen en de ids staan.",
    },
    "aanwezigheid": {
        "Zet `x` voor wie aanwezig was en `-` voor wie zich heeft afgemeld; leeg betekent",
        "afwezig zonder bericht. Afmeldingen die al bekend waren, staan er al in.",
        "Agendaleden:",
        "Gasten van buiten:",
    },
    "punt": {"Vertrouwelijk: dit punt komt niet in openbare stukken."},
    "actielijst": {
        "Zet `x` voor een actie die is afgerond en `-` voor een actie die vervalt.",
        "Er staan geen acties open.",
    },
    "besluitenlijst": {
        "De besluiten hierboven krijgen bij het verwerken een nummer en komen hier te staan.",
        "| Nummer | Punt | Besluit |",
    },
}

_UNKNOWN_HEADING = (
    "onbekende kop '{kop}': de koppen zijn '## Aanwezigheid', '## n. titel', '## Actielijst', "
    "'## Besluitenlijst' en '## Terugblik'; een tussenkop hoort onder 'Verslag:' van een "
    "agendapunt"
)
_NOT_READ = {
    "kop": "tekst boven de eerste kop '## …' wordt niet gelezen; "
    "zet dit onder 'Verslag:' van een agendapunt",
    "aanwezigheid": "bij de aanwezigheid worden alleen de regels '- [x] id — …' gelezen; "
    "zet dit onder 'Verslag:' van een agendapunt",
    "punt": "tekst tussen de kop van agendapunt {nummer} en 'Verslag:' wordt niet gelezen; "
    "zet dit onder 'Verslag:' van het agendapunt",
    "actielijst": "in de actielijst worden alleen de regels '- [x] id — …' gelezen; "
    "zet een nieuwe actie onder 'Acties:' van een agendapunt",
    "besluitenlijst": "de besluitenlijst wordt bij het verwerken gemaakt en niet gelezen; "
    "zet een besluit onder 'Besluiten:' van het agendapunt",
}


def _alternatives(values: list[str]) -> str:
    """'a', 'a of b', 'a, b of c'."""
    return dutch.opsomming(values, "of")


class Unreadable(Exception):
    """A part of a line that cannot be read; the message says which and why."""


@functools.cache
def _month_numbers() -> dict[str, int]:
    """Dutch month names, full and abbreviated, from the CLDR data."""
    from babel.dates import get_month_names  # loading the locale data costs time

    numbers: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for month, name in get_month_names(width, context, locale="nl").items():
                numbers[str(name).lower().rstrip(".")] = int(month)
    return numbers


def parse_deadline(text: str) -> dt.date:
    """2027-03-01, 01-03-2027, 1 maart 2027 or 1 mrt 2027. Raises Unreadable."""
    from waterketen_cli.findings import suggest

    value = text.strip().rstrip(".,;").strip()
    if not value:
        raise Unreadable(
            "actie: de deadline ontbreekt; "
            f"schrijf na 'deadline:' een datum, bijv. {_DATE_EXAMPLES}"
        )
    if value == "JJJJ-MM-DD":
        raise Unreadable(f"actie: vervang 'JJJJ-MM-DD' door de deadline, bijv. {_DATE_EXAMPLES}")
    if iso := _ISO.fullmatch(value):
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    elif dmy := _DMY.fullmatch(value):
        year, month, day = int(dmy[3]), int(dmy[2]), int(dmy[1])
    elif dutch := _DUTCH.fullmatch(value):
        months = _month_numbers()
        name = dutch[2].lower()
        if name not in months:
            hint = suggest(name, months)
            raise Unreadable(
                f"actie: deadline '{value}': onbekende maand '{dutch[2]}'"
                + (f" ({hint})" if hint else "")
            )
        year, month, day = int(dutch[3]), months[name], int(dutch[1])
    else:
        raise Unreadable(f"actie: deadline '{value}' is geen datum; schrijf bijv. {_DATE_EXAMPLES}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Unreadable(f"actie: deadline '{value}' bestaat niet") from None


def parse_action(body: str) -> tuple[str, str, dt.date]:
    """``wat — actiehouder: wie, deadline: datum`` (after the '- '): (wat, wie, deadline).
    Raises Unreadable naming each part that is wrong, one per line of the message."""
    labels = list(_OWNER_LABEL.finditer(body))
    if not labels:
        raise Unreadable(f"actie: 'actiehouder:' ontbreekt; schrijf {_ACTION_FORM}")
    # The last label after a dash: 'actiehouder:' may also occur in the description.
    label = next((m for m in reversed(labels) if _WHAT.fullmatch(body[: m.start()])), labels[-1])
    problems: list[str] = []
    what_match = _WHAT.fullmatch(body[: label.start()])
    wat = what_match["wat"].strip() if what_match else ""
    if what_match is None:
        problems.append(
            "actie: tussen de omschrijving en 'actiehouder:' staat geen streepje; "
            "schrijf ' — ', ' – ', ' - ' of ' -- '"
        )
    elif not wat:
        problems.append(
            "actie: de omschrijving ontbreekt; schrijf vóór het streepje wat er moet gebeuren"
        )
    elif wat == _PLACEHOLDER:
        problems.append("actie: vervang '…' door wat er moet gebeuren")
    rest = body[label.end() :]
    deadline_labels = list(_DEADLINE_LABEL.finditer(rest))
    owner = rest if not deadline_labels else rest[: deadline_labels[-1].start()]
    wie = owner.strip(" \t").rstrip(" \t,;—–-")
    if not wie:
        problems.append(
            "actie: de actiehouder ontbreekt; schrijf na 'actiehouder:' een id (p-…) of een naam"
        )
    elif wie == "p-…":
        problems.append("actie: vervang 'p-…' door de actiehouder: een id (p-…) of een naam")
    deadline = None
    if not deadline_labels:
        problems.append(
            "actie: 'deadline:' ontbreekt; schrijf na de actiehouder ', deadline: JJJJ-MM-DD'"
        )
    else:
        try:
            deadline = parse_deadline(rest[deadline_labels[-1].end() :])
        except Unreadable as problem:
            problems.append(str(problem))
    if problems or deadline is None:
        raise Unreadable("\n".join(problems))
    return wat, wie, deadline


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


class _Reader:
    """One pass over the lines; the state is the section and, in an item, the label."""

    def __init__(self) -> None:
        self.errors: list[tuple[int, str]] = []
        self.result = Ingevuld("")
        self.marker: int | None = None
        self.section = "kop"
        self.sections: dict[str, int] = {}
        self.title = False
        self.punt: Punt | None = None
        self.label = ""
        self.labels: dict[str, int] = {}
        self.decision = ""  # under Besluiten:: "", "besluit" or "plaatshouder" above
        self.comment: int | None = None  # line where an open comment began

    def error(self, number: int, message: str) -> None:
        self.errors.extend((number, part) for part in message.split("\n"))

    def line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if self.comment is not None:
            end = line.find("-->")
            if end >= 0:
                self.comment = None
                self.after_comment(number, line[end + 3 :])
            return
        if stripped.startswith("<!--"):
            self.comment_line(number, stripped)
        elif item := _ITEM.fullmatch(line):
            self.item(number, int(item[1]), item[2] or "")
        elif section := _SECTION.fullmatch(line):
            self.start_section(number, section[1].lower())
        elif self.section == "punt" and self.punt is not None:
            self.in_item(number, line, stripped, self.punt)
        elif self.section == "terugblik":
            if stripped != _PLACEHOLDER:
                assert self.result.terugblik is not None
                self.result.terugblik.append(line.rstrip())
        elif stripped:
            self.in_section(number, line, stripped)

    def comment_line(self, number: int, stripped: str) -> None:
        if marker := _MARKER.fullmatch(stripped):
            if self.marker is not None:
                self.error(
                    number,
                    f"de markering staat twee keer in het verslag (ook op regel {self.marker}); "
                    "laat er één staan",
                )
                return
            self.marker = self.result.markering = number
            self.result.vergadering = marker[1]
        elif "waterketen:vergadering" in stripped:
            self.error(
                number,
                "onleesbare markering: verwacht '<!-- waterketen:vergadering ID -->' "
                "met het id van de vergadering",
            )
        elif (end := stripped.find("-->", 4)) >= 0:
            self.after_comment(number, stripped[end + 3 :])
        else:
            self.comment = number

    def after_comment(self, number: int, tail: str) -> None:
        if tail.strip():
            self.error(number, "tekst na '-->' wordt niet gelezen; zet die op een eigen regel")

    def item(self, number: int, nummer: int, titel: str) -> None:
        earlier = self.result.punten.get(nummer)
        if earlier is not None:
            self.error(
                number,
                f"agendapunt {nummer} staat twee keer in het verslag "
                f"(ook op regel {earlier.regel})",
            )
        self.punt = Punt(nummer, number, titel=titel)
        self.result.punten[nummer] = self.punt
        self.section, self.label, self.labels = "punt", "", {}

    def start_section(self, number: int, name: str) -> None:
        if name in self.sections:
            self.error(
                number,
                f"de kop '## {name.capitalize()}' staat twee keer in het verslag "
                f"(ook op regel {self.sections[name]})",
            )
        self.sections.setdefault(name, number)
        self.section, self.punt, self.label = name, None, ""
        if name == "terugblik" and self.result.terugblik is None:
            self.result.terugblik, self.result.terugblikregel = [], number

    def in_section(self, number: int, line: str, stripped: str) -> None:
        section = self.section
        if _norm(stripped) in _FIXED.get(section, ()):
            return
        if section == "kop" and not self.title and _TITLE.match(line):
            self.title = True
        elif _HEADING.match(line):
            self.error(number, _UNKNOWN_HEADING.format(kop=stripped))
        elif section == "kop" and _DETAILS.match(line):
            pass
        elif section in ("aanwezigheid", "actielijst") and stripped.startswith("- ["):
            self.checkbox(number, stripped)
        elif section == "besluitenlijst" and stripped.startswith("|"):
            if not _TABLE_RULE.fullmatch(stripped.replace(" ", "")):
                first_cell = stripped.strip("|").split("|")[0].strip()
                self.result.besluitenlijst.append((number, first_cell))
        else:
            self.error(number, _NOT_READ[section])

    def checkbox(self, number: int, stripped: str) -> None:
        check = _CHECKBOX.fullmatch(stripped)
        if check is None:
            self.error(number, "verwacht '- [x] id — …', '- [-] id — …' of '- [ ] id — …'")
            return
        mark, ident = check["mark"].lower(), check["id"]
        if self.section == "aanwezigheid" and ident.startswith(GAST):
            if ident in self.result.gasten:
                self.error(number, f"{ident} staat twee keer bij de aanwezigheid")
            elif mark not in ("x", "-", " ", ""):
                self.error(number, f"onbekend teken '[{check['mark']}]': gebruik [x], [-] of [ ]")
            else:
                self.result.gasten[ident] = mark or " "
                self.result.aanwezigheidsregels[ident] = number
            return
        if self.section == "aanwezigheid":
            lines, where = self.result.aanwezigheidsregels, "bij de aanwezigheid"
            targets = {"x": self.result.aanwezig, "-": self.result.afgemeld}
        else:
            lines, where = self.result.actielijstregels, "in de actielijst"
            targets = {"x": self.result.afgerond, "-": self.result.vervallen}
        if ident in lines:
            self.error(
                number,
                f"{ident} staat twee keer {where} (ook op regel {lines[ident]}); "
                "laat één regel staan",
            )
            return
        lines[ident] = number
        if mark in targets:
            targets[mark].append(ident)
        elif mark not in (" ", ""):
            self.error(number, f"onbekend teken '[{check['mark']}]': gebruik [x], [-] of [ ]")

    def in_item(self, number: int, line: str, stripped: str, punt: Punt) -> None:
        if label := _LABEL.fullmatch(line):
            name = label[1].capitalize()
            if name in self.labels:
                self.error(
                    number,
                    f"'{name}:' staat twee keer bij agendapunt {punt.nummer} "
                    f"(ook op regel {self.labels[name]}); voeg ze samen",
                )
            self.labels.setdefault(name, number)
            self.label, self.decision = name, ""
        elif afhandeling := _AFHANDELING.match(line):
            self.afhandeling(number, afhandeling[1], punt)
        elif vaststelling := _VASTSTELLING.match(line):
            self.vaststelling(number, vaststelling[1], punt)
        elif self.label == "Verslag":
            if stripped != _PLACEHOLDER:
                punt.verslag.append(line.rstrip())
        elif not stripped:
            pass
        elif _HEADING.match(line):
            self.error(number, _UNKNOWN_HEADING.format(kop=stripped))
        elif self.label == "Besluiten":
            self.besluit(number, line, stripped, punt)
        elif self.label == "Acties":
            self.actie(number, line, stripped, punt)
        elif _norm(stripped) not in _FIXED["punt"]:
            self.error(number, _NOT_READ["punt"].format(nummer=punt.nummer))

    def afhandeling(self, number: int, text: str, punt: Punt) -> None:
        if "Afhandeling" in self.labels:
            self.error(
                number,
                f"'Afhandeling:' staat twee keer bij agendapunt {punt.nummer} "
                f"(ook op regel {self.labels['Afhandeling']}); laat er één staan",
            )
            return
        self.labels["Afhandeling"] = number
        value = re.sub(r"<!--.*?-->", "", text).strip()
        try:
            punt.afhandeling = Afhandeling(value.lower())
        except ValueError:
            choice = _alternatives([a.value for a in Afhandeling])
            shown = f"afhandeling '{value}'" if value else "de afhandeling ontbreekt"
            self.error(number, f"{shown}: kies {choice}")

    def vaststelling(self, number: int, text: str, punt: Punt) -> None:
        value = re.sub(r"<!--.*?-->", "", text).strip().lower()
        if punt.vaststelling is not None:
            self.error(
                number,
                f"'Vaststelling:' staat twee keer bij agendapunt {punt.nummer} "
                f"(ook op regel {punt.vaststellingsregel}); laat er één staan",
            )
            return
        punt.vaststellingsregel = number
        if value not in VASTSTELLINGEN:
            shown = f"vaststelling '{value}'" if value else "de vaststelling ontbreekt"
            self.error(number, f"{shown}: kies {_alternatives(list(VASTSTELLINGEN))}")
            return
        punt.vaststelling = value

    def besluit(self, number: int, line: str, stripped: str, punt: Punt) -> None:
        if (beslispunt := _BESLISPUNT.fullmatch(stripped)) and _indent(line) < 2:
            punt.beslispunten.append((beslispunt["mark"] or " ", beslispunt["tekst"].strip()))
            punt.beslispuntregels.append(number)
            self.decision = "beslispunt"
            if beslispunt["mark"].lower() not in ("x", "-", " ", ""):
                self.error(
                    number,
                    f"onbekend teken '[{beslispunt['mark']}]' bij een beslispunt: gebruik [x] "
                    "(aangenomen) of [-] (niet aangenomen)",
                )
            return
        if _indent(line) >= 2:
            if self.decision == "beslispunt":
                mark, tekst = punt.beslispunten[-1]
                punt.beslispunten[-1] = (mark, f"{tekst} {stripped}")
            elif self.decision == "besluit":
                punt.besluiten[-1] += " " + stripped
            elif self.decision == "plaatshouder":
                self.error(
                    number,
                    "deze vervolgregel staat onder de lege plaats '- …'; "
                    "vervang '…' door het besluit",
                )
            else:
                self.error(
                    number, "deze vervolgregel hoort bij geen besluit; begin een besluit met '- '"
                )
        elif stripped == _DECISION_PLACEHOLDER:
            self.decision = "plaatshouder"
        elif stripped.startswith("- "):
            punt.besluiten.append(stripped[2:].strip())
            punt.besluitregels.append(number)
            self.decision = "besluit"
        elif stripped == "-":
            self.error(number, "leeg besluit: schrijf het besluit na '- ', of haal de regel weg")
        else:
            self.error(
                number,
                "onder 'Besluiten:' begint elk besluit met '- ' en springt een vervolgregel "
                "twee spaties in; zet een toelichting onder 'Verslag:'",
            )

    def actie(self, number: int, line: str, stripped: str, punt: Punt) -> None:
        if _norm(stripped) == _ACTION_PLACEHOLDER:
            return
        if _indent(line) >= 2 or not stripped.startswith("- "):
            self.error(number, f"onder 'Acties:' staat één actie per regel: {_ACTION_FORM}")
            return
        try:
            punt.acties.append(parse_action(stripped[2:].strip()))
        except Unreadable as problem:
            self.error(number, str(problem))
            return
        punt.actieregels.append(number)

    def finish(self) -> None:
        if self.comment is not None:
            self.error(
                self.comment,
                "dit commentaar ('<!--') wordt nergens gesloten, zodat de rest van het verslag "
                "niet gelezen wordt; zet '-->' aan het eind ervan",
            )
        if self.marker is None:
            self.error(
                1,
                "de regel '<!-- waterketen:vergadering … -->' ontbreekt; "
                "zet hem terug onder de titel, met het id van de vergadering",
            )
        for lines in [p.verslag for p in self.result.punten.values()] + [
            self.result.terugblik or []
        ]:
            while lines and not lines[-1]:
                lines.pop()
            while lines and not lines[0]:
                lines.pop(0)


def read(text: str, pad: str) -> Ingevuld:
    """Read a filled-in skeleton. Raises :class:`NotulenFout` with every bad line."""
    reader = _Reader()
    for number, line in enumerate(_LINE_END.split(text.removeprefix("\ufeff")), start=1):
        reader.line(number, line)
    reader.finish()
    if reader.errors:
        raise NotulenFout(pad, reader.errors)
    return reader.result
