"""The meeting calendar: every meeting as an iCalendar (RFC 5545) event.

What goes out is what may be published (``openbaar``): the body, the time, the place
and the public agenda items, numbered without gaps. Confidential items, presenters
and anything about people stay out, so that the file can be shared as a whole.

A calendar program that already has an event replaces it with one from the file when
the UID is the same and the SEQUENCE higher, or the SEQUENCE the same and the DTSTAMP
later (RFC 5546 §2.1.5). Those three come from the meetings' git history
(:func:`revisies`), read in one pass, so that the same data and history give the same
bytes; never from the clock:

- UID: ``<id>@waterketen`` with the id the meeting had first. Moving a meeting to
  another date renames its file; it keeps its UID when git sees the rename (committed,
  or staged with ``git mv``) or when the record says ``verplaatst_van: <old id>``
  (needed before the move is committed, outside git, or when git does not see a
  rename because the file changed too much). Two meetings never share a UID: the one
  that had it first keeps it, the other takes its own id (or ``<id>-2``, ...).
- SEQUENCE: 0 for a new meeting (1 when it is new and cancelled, one more when it says
  it moved from a meeting the history does not know), plus 1 for every version, each
  commit and the uncommitted working tree, that changes the date, the start or end
  time, the place, or the status as the event shows it (TENTATIVE, CONFIRMED,
  CANCELLED). RFC 5546 §2.1.4: DTSTART, DTEND and STATUS must raise it, LOCATION may
  ("a distant location"); a cancellation is a change of STATUS, so it raises it too.
  A change of the agenda only does not: the DTSTAMP tells it.
- DTSTAMP and LAST-MODIFIED: the committer time (UTC) of the last commit that changed
  the record; with uncommitted changes one second after the newer of that and the
  current commit, so later than anything committed and still the same on every run.

Outside a git repository (or in one without commits) the record alone decides:
SEQUENCE 0, plus 1 when cancelled and 1 when it says ``verplaatst_van``; DTSTAMP the
meeting date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from waterketen_cli import dutch
from waterketen_cli.escape import icalendar_tekst
from waterketen_cli.models.records import Overleg, Regio, Vergadering
from waterketen_cli.models.types import Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar

if TYPE_CHECKING:
    from waterketen_cli.git import Mapgeschiedenis

#: The record kinds the calendar reads.
SOORTEN = ("regio", "overleg", "vergadering")
#: The folder whose git history gives the revisions.
MAP = "vergaderingen"

TZID = "Europe/Amsterdam"
PRODID = "-//Waterketen//waterketen kalender//NL"
UID_DOMEIN = "waterketen"

_STATUS = {
    Vergaderstatus.CONCEPT: "TENTATIVE",
    Vergaderstatus.GEANNULEERD: "CANCELLED",
}
_TOELICHTING = {
    Vergaderstatus.CONCEPT: "Concept: datum en agenda kunnen nog veranderen.",
    Vergaderstatus.GEANNULEERD: "Deze vergadering gaat niet door.",
}


@dataclass(frozen=True)
class Revisie:
    """How the calendar names and dates one meeting's event."""

    uid: str
    sequence: int
    gewijzigd: dt.datetime  # DTSTAMP and LAST-MODIFIED, UTC


def uid(vergadering: Vergadering) -> str:
    """The UID of a meeting that never moved: the same meeting always gets the same one."""
    return f"{vergadering.id}@{UID_DOMEIN}"


def overleggen(gegevens: Gegevens) -> list[str]:
    """The ids a calendar can be asked for: every body, and every body a meeting names
    (also when the body's own record could not be read)."""
    ids = {o.id for o in gegevens.of(Overleg)} | {v.overleg for v in gegevens.of(Vergadering)}
    return sorted(ids)


def vergaderingen(gegevens: Gegevens, overleg: str | None = None) -> list[Vergadering]:
    """The meetings in the calendar, by date and id."""
    chosen = [v for v in gegevens.of(Vergadering) if overleg is None or v.overleg == overleg]
    return sorted(chosen, key=lambda v: (v.datum, v.id))


def kalender(
    gegevens: Gegevens,
    overleg: str | None = None,
    geschiedenis: Mapgeschiedenis | None = None,
) -> Calendar:
    """The calendar of all meetings, or of the meetings of one body. ``geschiedenis``:
    the git history of the meetings folder (None: outside git, the records alone)."""
    meetings = vergaderingen(gegevens, overleg)
    # Over all meetings, so that --overleg never changes a UID.
    per_id = revisies(gegevens.of(Vergadering), geschiedenis)
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    naam = icalendar_tekst(_kalendernaam(gegevens, overleg))
    cal.add("NAME", naam)
    cal.add("X-WR-CALNAME", naam)
    if meetings:
        cal.add_component(tijdzone(meetings))
    for vergadering in meetings:
        cal.add_component(vevent(gegevens, vergadering, per_id[vergadering.id]))
    return cal


def ics(calendar: Calendar) -> str:
    """The calendar as text (CRLF line ends, as RFC 5545 wants)."""
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")


def beschrijving(vergadering: Vergadering, naam: str) -> str:
    """The event's description: when, the status if it matters, the public agenda."""
    regels = [
        f"{icalendar_tekst(naam)}, {dutch.datum_lang(vergadering.datum)}, "
        f"{dutch.klok(vergadering.begintijd)} tot {dutch.tijd(vergadering.eindtijd)}"
    ]
    toelichting = _TOELICHTING.get(vergadering.status)
    if toelichting:
        regels.append(toelichting)
    punten = openbaar.items(vergadering)
    if punten:
        regels += ["", "Agenda:"]
        regels += [
            f"{p.nummer}. {icalendar_tekst(p.punt.titel)} ({p.punt.behandelvorm.value})"
            for p in punten
        ]
    return icalendar_tekst("\n".join(regels), regels=True)


def vevent(gegevens: Gegevens, vergadering: Vergadering, revisie: Revisie) -> Event:
    """The event of one meeting, as the calendar has it and as an invitation by e-mail
    sends it (``vergaderen/uitnodiging.py`` adds organizer and attendee): ``gegevens``
    is the public view, ``revisie`` comes from :func:`revisies`."""
    zone = ZoneInfo(TZID)
    overleg = gegevens.get(Overleg, vergadering.overleg)
    naam = overleg.naam if overleg is not None else vergadering.overleg
    start = dt.datetime.combine(vergadering.datum, vergadering.begintijd, tzinfo=zone)
    eind = dt.datetime.combine(vergadering.datum, vergadering.eindtijd, tzinfo=zone)

    event = Event()
    event.add("UID", revisie.uid)
    event.add("DTSTAMP", revisie.gewijzigd)
    event.add("LAST-MODIFIED", revisie.gewijzigd)
    event.add("SEQUENCE", revisie.sequence)
    event.add("DTSTART", start)
    if eind > start:  # `validate` reports the other case; here it would make a bad event
        event.add("DTEND", eind)
    # Text from the data goes through icalendar's own escaping (vText) on one line:
    # a line break or control character in it never starts a property of its own.
    event.add("SUMMARY", icalendar_tekst(naam))
    event.add("LOCATION", icalendar_tekst(vergadering.locatie))
    event.add("DESCRIPTION", beschrijving(vergadering, naam))
    event.add("STATUS", _icalstatus(vergadering.status))
    return event


def _icalstatus(status: Vergaderstatus) -> str:
    return _STATUS.get(status, "CONFIRMED")


def tijdzone(meetings: Sequence[Vergadering]) -> Timezone:
    """VTIMEZONE for the years of the meetings only (the default span, 1970 to 2038,
    would list every change of the clocks in between)."""
    first = min(v.datum for v in meetings)
    last = max(v.datum for v in meetings)
    return Timezone.from_tzid(
        TZID, first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 1, 1, 1)
    )


def _kalendernaam(gegevens: Gegevens, overleg: str | None) -> str:
    if overleg is not None:
        record = gegevens.get(Overleg, overleg)
        return f"Vergaderingen {record.naam if record is not None else overleg}"
    regio = gegevens.of(Regio)
    return f"Vergaderingen {regio[0].naam}" if regio else "Vergaderingen waterketen"


# --- revisions: UID, SEQUENCE and DTSTAMP from the history ----------------------------


def revisies(
    meetings: Iterable[Vergadering], geschiedenis: Mapgeschiedenis | None
) -> dict[str, Revisie]:
    """UID, SEQUENCE and DTSTAMP of every meeting (see the module docstring), by id."""
    huidig = {v.id: v for v in meetings}
    lijnen = _Lijnen()
    head = None
    volgorde = 0
    if geschiedenis is not None:
        head = geschiedenis.head
        kernen: dict[str, _Kern | None] = {}

        def kern(blob: str | None) -> _Kern | None:
            if blob is None:
                return None
            if blob not in kernen:
                if blob in geschiedenis.inhoud:
                    kernen[blob] = _kern_uit_bestand(geschiedenis.inhoud[blob])
                else:  # the file on disk, unchanged: the record read from it
                    naam = geschiedenis.schoon.get(blob)
                    kernen[blob] = _kern_uit_record(huidig.get(_id(naam) or ""))
            return kernen[blob]

        for nummer, commit in enumerate(geschiedenis.commits):
            stappen = [(s.soort, s.naam, s.van, kern(s.blob)) for s in commit.stappen]
            lijnen.verwerk(stappen, commit.tijd, nummer)
        volgorde = len(geschiedenis.commits)
        werk = [
            (s.soort, s.naam, s.van, _kern_uit_record(huidig.get(_id(s.naam) or "")))
            for s in geschiedenis.werkmap
        ]
    else:
        werk = []
    lijnen.verwerk(werk, None, volgorde)
    # A meeting git does not know yet is new: every meeting outside git, a file that
    # git ignores (or one removed after git looked).
    nieuw = [i for i in huidig if i not in lijnen.levend]
    lijnen.verwerk(
        [("A", f"{i}.yaml", None, _kern_uit_record(huidig[i])) for i in nieuw], None, volgorde
    )
    per_lijn = {i: lijnen.levend[i] for i in huidig}
    uids = _uids({i: (lijn.herkomst, lijn.volgorde) for i, lijn in per_lijn.items()})
    return {
        i: Revisie(f"{uids[i]}@{UID_DOMEIN}", lijn.sequence, _stempel(lijn, head, huidig[i].datum))
        for i, lijn in per_lijn.items()
    }


def _stempel(lijn: _Lijn, head: dt.datetime | None, datum: dt.date) -> dt.datetime:
    if head is None:  # no commits: the record alone
        return dt.datetime.combine(datum, dt.time(), tzinfo=dt.UTC)
    if lijn.open or lijn.tijd is None:
        return max(head, lijn.tijd or head) + dt.timedelta(seconds=1)
    return lijn.tijd


def _uids(claims: Mapping[str, tuple[str, int]]) -> dict[str, str]:
    """Meeting id → the id its UID is made of. Each meeting claims the id of its line;
    of two claims the line that began first wins, the other gets its own id, or its
    own id with a number when that is taken too."""
    order = sorted(claims, key=lambda i: (claims[i][1], i))
    uids: dict[str, str] = {}
    for i in order:
        if claims[i][0] not in uids.values():
            uids[i] = claims[i][0]
    taken = set(uids.values())
    for i in order:
        if i not in uids:
            kandidaat, n = i, 2
            while kandidaat in taken:
                kandidaat, n = f"{i}-{n}", n + 1
            uids[i] = kandidaat
            taken.add(kandidaat)
    return uids


@dataclass(frozen=True)
class _Kern:
    """What of one version of a meeting record decides its revision."""

    datum: object
    begintijd: object
    eindtijd: object
    locatie: object
    status: object  # as the event shows it: TENTATIVE, CONFIRMED or CANCELLED
    verplaatst_van: str | None

    @property
    def wezenlijk(self) -> tuple[object, ...]:
        return (self.datum, self.begintijd, self.eindtijd, self.locatie, self.status)


@dataclass(eq=False)
class _Lijn:
    """One meeting through the history: its file may be renamed, its id change."""

    herkomst: str  # the id its UID is made of
    volgorde: int  # the commit it began in; uncommitted: after all of them
    ids: set[str]
    naam: str | None  # its id now; None: removed (or gone into another line)
    laatste: _Kern | None = None
    sequence: int = 0
    tijd: dt.datetime | None = None  # the last commit that changed it
    open: bool = False  # changed in the working tree and not committed
    opgegaan_in: _Lijn | None = None


@dataclass
class _Lijnen:
    levend: dict[str, _Lijn] = field(default_factory=dict)  # id → its line, now
    laatst: dict[str, _Lijn] = field(default_factory=dict)  # id → the last line with it

    def nieuw(self, i: str, volgorde: int) -> _Lijn:
        return _Lijn(herkomst=i, volgorde=volgorde, ids={i}, naam=i)

    def verwerk(
        self,
        stappen: Iterable[tuple[str, str, str | None, _Kern | None]],
        tijd: dt.datetime | None,
        volgorde: int,
    ) -> None:
        """One commit (``tijd`` its time) or the working tree (None): first where every
        line goes, then the new versions, so that a line taking over a removed one
        (``verplaatst_van``) sees every removal of the same commit."""
        stappen = sorted(stappen, key=lambda s: "DRMA".find(s[0]))
        # Every rename leaves its old name before one takes a new name (two may swap).
        bronnen: dict[str, _Lijn | None] = {}
        for soort, naam, van, _ in stappen:
            i, oud = _id(naam), _id(van)
            if i is None or soort == "D":  # removed, or no record file any more
                self._weg(i if soort == "D" else oud)
            elif soort == "R" and oud is not None:
                bronnen[i] = self.levend.pop(oud, None) or self._terug(oud)
        versies: list[tuple[_Lijn, _Kern | None]] = []
        for soort, naam, _, kern in stappen:
            i = _id(naam)
            if i is None or soort == "D":
                continue
            lijn = bronnen.get(i) or self.levend.get(i) or self._terug(i) or self.nieuw(i, volgorde)
            lijn.naam = i
            lijn.ids.add(i)
            self.levend[i] = self.laatst[i] = lijn
            versies.append((lijn, kern))
        for lijn, kern in versies:
            if tijd is None:
                lijn.open = True
            else:
                lijn.tijd = tijd
            if kern is not None:
                self._versie(lijn, kern)

    def _weg(self, i: str | None) -> None:
        lijn = self.levend.pop(i or "", None)
        if lijn is not None:
            lijn.naam = None

    def _terug(self, i: str) -> _Lijn | None:
        """The line that last had id ``i``, if it has been removed: a file that comes
        back continues it (its UID is the same, so its SEQUENCE must go on)."""
        lijn = self._echt(self.laatst.get(i))
        return lijn if lijn is not None and lijn.naam is None else None

    def _echt(self, lijn: _Lijn | None) -> _Lijn | None:
        seen = set()
        while lijn is not None and lijn.opgegaan_in is not None and id(lijn) not in seen:
            seen.add(id(lijn))
            lijn = lijn.opgegaan_in
        return lijn

    def _versie(self, lijn: _Lijn, kern: _Kern) -> None:
        nieuw = lijn.laatste is None
        van = kern.verplaatst_van
        if van is not None and van not in lijn.ids:
            vorige = self._echt(self.laatst.get(van))
            if vorige is None:
                # A meeting the history does not know: its id is claimed as it is.
                lijn.herkomst = van
                lijn.ids.add(van)
                lijn.sequence = (int(kern.status == "CANCELLED") if nieuw else lijn.sequence) + 1
                lijn.laatste = kern
                return
            if vorige.naam is None and vorige is not lijn:
                # The removed meeting it names: this line takes over its UID and goes on
                # from its SEQUENCE.
                lijn.sequence = max(vorige.sequence, 0 if nieuw else lijn.sequence) + 1
                lijn.herkomst = vorige.herkomst
                lijn.volgorde = min(lijn.volgorde, vorige.volgorde)
                lijn.ids |= vorige.ids
                vorige.opgegaan_in = lijn
                lijn.laatste = kern
                return
            # It names a meeting that is still there: not a move, the field is ignored.
        if nieuw:
            lijn.sequence = int(kern.status == "CANCELLED")
        elif lijn.laatste is not None and kern.wezenlijk != lijn.laatste.wezenlijk:
            lijn.sequence += 1
        lijn.laatste = kern


def _id(naam: str | None) -> str | None:
    """The record id of a file in the meetings folder; None for anything else."""
    if naam is None or "/" in naam or not naam.endswith(".yaml"):
        return None
    return naam.removesuffix(".yaml")


def _kern_uit_record(vergadering: Vergadering | None) -> _Kern | None:
    if vergadering is None:
        return None
    return _Kern(
        vergadering.datum,
        vergadering.begintijd,
        vergadering.eindtijd,
        vergadering.locatie,
        _icalstatus(vergadering.status),
        vergadering.verplaatst_van,
    )


_VELDEN = ("datum", "begintijd", "eindtijd", "locatie", "status")
_BOVENAAN = re.compile(rb"(datum|begintijd|eindtijd|locatie|status|verplaatst_van)[ \t]*:(?:\s|$)")
_TIJD = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_DATUM = re.compile(r"\d{4}-\d{2}-\d{2}")


def _kern_uit_bestand(raw: bytes) -> _Kern | None:
    """The revision fields of an old version of a record, or None when it is no record.
    Only the top-level entries that hold them are parsed (the agenda is most of a
    record, and thousands of old versions may be read); the whole file only when that
    does not give them all."""
    from waterketen_cli.records.yamlio import parse

    data, _problems = parse(_bovenaan(raw))
    if not isinstance(data, dict) or not all(k in data for k in _VELDEN):
        data, _problems = parse(raw)
    if not isinstance(data, dict) or not all(k in data for k in _VELDEN):
        return None
    return _kern_uit_waarden(data)


def _bovenaan(raw: bytes) -> bytes:
    """The top-level entries of a YAML mapping that hold the revision fields, each with
    every line that belongs to it (indented lines, and block sequences at column 0)."""
    delen: list[bytes] = []
    bewaar = False
    for regel in raw.splitlines(keepends=True):
        eerste = regel[:1]
        if eerste in (b" ", b"\t", b"\r", b"\n", b"#", b"") or regel.startswith(
            (b"- ", b"-\n", b"-\r")
        ):
            if bewaar:
                delen.append(regel)
            continue
        bewaar = _BOVENAAN.match(regel) is not None
        if bewaar:
            delen.append(regel)
    return b"".join(delen)


def _kern_uit_waarden(data: Mapping[str, Any]) -> _Kern:
    """As the record model reads them; a value it would refuse stays as it is, so that
    a change to it still counts."""

    def datum(value: Any) -> object:
        if isinstance(value, str) and _DATUM.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return _hashable(value)

    def tijd(value: Any) -> object:
        if isinstance(value, str) and _TIJD.fullmatch(value):
            return dt.time.fromisoformat(value)
        return _hashable(value)

    try:
        status: object = _icalstatus(Vergaderstatus(data["status"]))
    except (ValueError, TypeError):
        status = _hashable(data["status"])
    locatie = data["locatie"]
    van = data.get("verplaatst_van")
    return _Kern(
        datum(data["datum"]),
        tijd(data["begintijd"]),
        tijd(data["eindtijd"]),
        locatie.strip() if isinstance(locatie, str) else _hashable(locatie),
        status,
        van.strip() or None if isinstance(van, str) else None,
    )


def _hashable(value: Any) -> object:
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)
