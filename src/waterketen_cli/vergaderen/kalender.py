"""The meeting calendar: every meeting as an iCalendar (RFC 5545) event.

What goes out is what may be published (``openbaar``): the body, the time, the place
and the public agenda items, numbered without gaps. Confidential items, presenters
and anything about people stay out, so that the file can be shared as a whole.

The same data gives the same bytes:

- the UID is derived from the meeting id, so that importing the file again updates
  the events instead of adding them twice;
- DTSTAMP and LAST-MODIFIED come from the meeting date, never from the clock;
- SEQUENCE is 0, and 1 for a cancelled meeting: a cancellation always comes after
  the invitation, so a calendar that already has the meeting lets it win. (A real
  revision number would need the history of the record; the records have none.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from waterketen_cli import dutch
from waterketen_cli.escape import icalendar_tekst
from waterketen_cli.models.records import Overleg, Regio, Vergadering
from waterketen_cli.models.types import Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar

#: The record kinds the calendar reads.
SOORTEN = ("regio", "overleg", "vergadering")

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


def uid(vergadering: Vergadering) -> str:
    """The event's UID: the same meeting always gets the same one."""
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


def kalender(gegevens: Gegevens, overleg: str | None = None) -> Calendar:
    """The calendar of all meetings, or of the meetings of one body."""
    meetings = vergaderingen(gegevens, overleg)
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    naam = icalendar_tekst(_kalendernaam(gegevens, overleg))
    cal.add("NAME", naam)
    cal.add("X-WR-CALNAME", naam)
    if meetings:
        cal.add_component(_tijdzone(meetings))
    for vergadering in meetings:
        cal.add_component(_event(gegevens, vergadering))
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


def _event(gegevens: Gegevens, vergadering: Vergadering) -> Event:
    zone = ZoneInfo(TZID)
    overleg = gegevens.get(Overleg, vergadering.overleg)
    naam = overleg.naam if overleg is not None else vergadering.overleg
    # Not the clock: the same data must give the same bytes.
    stempel = dt.datetime.combine(vergadering.datum, dt.time(), tzinfo=dt.UTC)
    start = dt.datetime.combine(vergadering.datum, vergadering.begintijd, tzinfo=zone)
    eind = dt.datetime.combine(vergadering.datum, vergadering.eindtijd, tzinfo=zone)

    event = Event()
    event.add("UID", uid(vergadering))
    event.add("DTSTAMP", stempel)
    event.add("LAST-MODIFIED", stempel)
    event.add("SEQUENCE", 1 if vergadering.status == Vergaderstatus.GEANNULEERD else 0)
    event.add("DTSTART", start)
    if eind > start:  # `validate` reports the other case; here it would make a bad event
        event.add("DTEND", eind)
    # Text from the data goes through icalendar's own escaping (vText) on one line:
    # a line break or control character in it never starts a property of its own.
    event.add("SUMMARY", icalendar_tekst(naam))
    event.add("LOCATION", icalendar_tekst(vergadering.locatie))
    event.add("DESCRIPTION", beschrijving(vergadering, naam))
    event.add("STATUS", _STATUS.get(vergadering.status, "CONFIRMED"))
    return event


def _tijdzone(meetings: Sequence[Vergadering]) -> Timezone:
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
