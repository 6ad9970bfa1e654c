"""``waterketen kalender``: the meetings as iCalendar, public information only."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from helpers import invoke
from waterketen_cli.models.records import Persoon, Vergadering
from waterketen_cli.models.types import Vergaderstatus
from waterketen_cli.records.dataset import Gegevens, load
from waterketen_cli.vergaderen import kalender as core

GOLDEN = Path(__file__).parent / "golden" / "kalender"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _events(ics: str) -> list[Event]:
    return [e for e in Calendar.from_ical(ics).walk("VEVENT") if isinstance(e, Event)]


def _event(ics: str, vergadering_id: str) -> Event:
    [event] = [e for e in _events(ics) if str(e["UID"]) == f"{vergadering_id}@waterketen"]
    return event


def _all_text(ics: str) -> str:
    """What a reader of the file can see: the unfolded lines, and every value unescaped."""
    unfolded = ics.replace("\r\n ", "")
    values = [
        str(value)
        for component in Calendar.from_ical(ics).walk()
        for _, value in component.property_items(recursive=False)
    ]
    return "\n".join([unfolded, *values])


def _meeting_ids(repo: Path, prefix: str = "") -> list[str]:
    return sorted(p.stem for p in (repo / "data" / "vergaderingen").glob(f"{prefix}*.yaml"))


def test_all_meetings_in_amsterdam_time_with_stable_uids(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["kalender"], cwd=repo)
    assert result.code == 0, result.err
    assert result.err == ""
    calendar = Calendar.from_ical(result.out)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Vergaderingen Waterketen Groningen en Noord-Drenthe"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]

    events = _events(result.out)
    ids = _meeting_ids(repo)
    assert len(events) == len(ids) == 20
    assert {str(e["UID"]) for e in events} == {f"{i}@waterketen" for i in ids}
    for event in events:
        for prop in ("DTSTART", "DTEND"):
            assert event[prop].params["TZID"] == "Europe/Amsterdam"
            assert event.decoded(prop).tzinfo.key == "Europe/Amsterdam"
    # by date, then id
    keys = [(e.decoded("DTSTART").date(), str(e["UID"])) for e in events]
    assert keys == sorted(keys)

    event = _event(result.out, "cco-2026-11-17")
    assert event.decoded("DTSTART") == dt.datetime(2026, 11, 17, 13, 30, tzinfo=AMSTERDAM)
    assert event.decoded("DTEND") == dt.datetime(2026, 11, 17, 16, 0, tzinfo=AMSTERDAM)
    assert str(event["SUMMARY"]) == "Clustercoördinatorenoverleg"
    assert str(event["LOCATION"]) == "Gemeentehuis Midden-Groningen, Hoogezand"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("SEQUENCE") == 0
    # never the clock: the meeting date
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 17, tzinfo=dt.UTC)
    assert event.decoded("LAST-MODIFIED") == dt.datetime(2026, 11, 17, tzinfo=dt.UTC)
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "Clustercoördinatorenoverleg, dinsdag 17 november 2026, 13.30 tot 16.00 uur\n\nAgenda:\n"
        "1. Opening en vaststellen agenda (ter besluitvorming)\n"
    )
    # the confidential item 8 is a "Besloten punt" without its subject (the public view)
    assert "\n7. Projectvoorstel regenwateraanpak Kop van Drenthe" in description
    assert "\n8. Besloten punt (ter bespreking)\n9. Communicatie (ter bespreking)\n" in (
        description
    )
    assert description.endswith("\n11. Sluiting (ter kennisname)")

    again = invoke(capsys, ["kalender"], cwd=repo)
    assert again.out.encode() == result.out.encode()


def test_a_cancelled_meeting_is_cancelled(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    folder = repo / "data" / "vergaderingen"
    text = (folder / "cco-2026-12-15.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("id: cco-2026-12-15", "id: cco-2027-01-26"),
        ("datum: 2026-12-15", "datum: 2027-01-26"),
        ("status: uitgenodigd", "status: geannuleerd"),
    ]:
        assert old in text
        text = text.replace(old, new)
    (folder / "cco-2027-01-26.yaml").write_text(text, encoding="utf-8")

    result = invoke(capsys, ["kalender", "--overleg", "cco"], cwd=repo)
    assert result.code == 0, result.err
    assert str(Calendar.from_ical(result.out)["METHOD"]) == "PUBLISH"
    cancelled = _event(result.out, "cco-2027-01-26")
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled.decoded("SEQUENCE") == 1  # wins over the invitation already imported
    assert "Deze vergadering gaat niet door." in str(cancelled["DESCRIPTION"])
    assert str(_event(result.out, "cco-2026-12-15")["STATUS"]) == "CONFIRMED"
    # the time zone now covers 2027 too
    assert "20270328T030000" in result.out


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Vergaderstatus.CONCEPT, "TENTATIVE"),
        (Vergaderstatus.UITGENODIGD, "CONFIRMED"),
        (Vergaderstatus.GEHOUDEN, "CONFIRMED"),
        (Vergaderstatus.VERSLAG_VASTGESTELD, "CONFIRMED"),
        (Vergaderstatus.GEANNULEERD, "CANCELLED"),
    ],
)
def test_status(status: Vergaderstatus, expected: str) -> None:
    from conftest import EXAMPLE_DATA

    gegevens = load(EXAMPLE_DATA, core.SOORTEN)
    _replace(gegevens, _meeting(gegevens, "cco-2026-12-15").model_copy(update={"status": status}))
    event = _event(core.ics(core.kalender(gegevens, "cco")), "cco-2026-12-15")
    assert str(event["STATUS"]) == expected


def test_an_end_before_the_start_gives_no_end() -> None:
    """`validate` reports it; the calendar must not contain an impossible event."""
    from conftest import EXAMPLE_DATA

    gegevens = load(EXAMPLE_DATA, core.SOORTEN)
    meeting = _meeting(gegevens, "cco-2026-12-15")
    _replace(gegevens, meeting.model_copy(update={"eindtijd": dt.time(12, 0)}))
    event = _event(core.ics(core.kalender(gegevens, "cco")), "cco-2026-12-15")
    assert "DTEND" not in event
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 15, 13, 30, tzinfo=AMSTERDAM)


def test_no_confidential_item_and_no_personal_data(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["kalender"], cwd=repo)
    assert result.code == 0
    seen = _all_text(result.out)

    gegevens = load(repo / "data")
    confidential = [
        punt for v in gegevens.of(Vergadering) for punt in v.agenda if punt.vertrouwelijk
    ]
    assert len(confidential) >= 8  # the example data has them; the test must bite
    for punt in confidential:
        assert punt.titel not in seen
        assert not punt.toelichting or punt.toelichting not in seen
    assert "ertrouwelijk" not in seen  # not even a hint that something was left out

    personen = gegevens.of(Persoon)
    verborgen = [p for p in personen if not p.naam_openbaar]
    assert verborgen
    for persoon in verborgen:
        assert persoon.naam not in seen
        achternaam = persoon.naam.split()[-1]  # "Drenth" may stand in "Noord-Drenthe"
        assert not re.search(rf"\b{re.escape(achternaam)}\b", seen), persoon.naam
    for persoon in personen:
        assert not persoon.email or persoon.email not in seen
        assert not persoon.telefoon or persoon.telefoon not in seen
    assert "@" not in seen.replace("@waterketen", "")


def test_one_body(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["kalender", "--overleg", "stuurgroep"], cwd=repo)
    assert result.code == 0, result.err
    calendar = Calendar.from_ical(result.out)
    assert str(calendar["X-WR-CALNAME"]) == (
        "Vergaderingen Stuurgroep Waterketen Groningen en Noord-Drenthe"
    )
    uids = [str(e["UID"]) for e in _events(result.out)]
    assert uids == [f"{i}@waterketen" for i in _meeting_ids(repo, "stuurgroep-")]
    assert len(uids) == 5


def test_a_body_without_meetings_gives_an_empty_calendar(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["kalender", "--overleg", "waterteam-westerkwartier"], cwd=repo)
    assert result.code == 0, result.err
    calendar = Calendar.from_ical(result.out)
    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE") == []


def test_unknown_body_exits_2_in_dutch(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["kalender", "--overleg", "ccoo"], cwd=repo)
    assert result.code == 2
    assert result.out == ""
    assert result.err == "fout: onbekend overleg 'ccoo' bij --overleg\n  bedoelde u 'cco'?\n"

    result = invoke(capsys, ["kalender", "--overleg", "gemeenteraad"], cwd=repo)
    assert result.code == 2
    assert result.err == (
        "fout: onbekend overleg 'gemeenteraad' bij --overleg\n"
        "  bekend: cco, stuurgroep, themabijeenkomst, waterteam-kop-van-drenthe, "
        "waterteam-noord-groningen, waterteam-oost-groningen, waterteam-waterpas, "
        "waterteam-westerkwartier\n"
    )


def test_output_file_is_never_overwritten_unasked(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    target = tmp_path / "uit" / "vergaderingen.ics"
    result = invoke(capsys, ["kalender", "--uitvoer", str(target)], cwd=repo)
    assert result.code == 0, result.err
    assert result.out == f"20 vergaderingen geschreven naar {target}\n"
    assert result.err == ""
    stdout = invoke(capsys, ["kalender"], cwd=repo).out
    assert target.read_bytes() == stdout.encode("utf-8")

    target.write_text("oud", encoding="utf-8")
    result = invoke(capsys, ["kalender", "--overleg", "cco", "-o", str(target)], cwd=repo)
    assert result.code == 2
    assert result.out == ""
    assert result.err == (
        f"fout: {target} bestaat al\n  kies een ander bestand of gebruik --overschrijf\n"
    )
    assert target.read_text(encoding="utf-8") == "oud"

    result = invoke(
        capsys, ["kalender", "--overleg", "cco", "-o", str(target), "--overschrijf"], cwd=repo
    )
    assert result.code == 0, result.err
    assert result.out == f"10 vergaderingen geschreven naar {target}\n"
    assert len(_events(target.read_text(encoding="utf-8"))) == 10
    assert sorted(p.name for p in target.parent.iterdir()) == ["vergaderingen.ics"]


def test_output_to_a_folder_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    result = invoke(capsys, ["kalender", "--uitvoer", str(tmp_path)], cwd=repo)
    assert result.code == 2
    assert result.err == (
        f"fout: {tmp_path} is een map\n  geef een bestandsnaam, bijv. vergaderingen.ics\n"
    )


def test_an_invalid_meeting_is_named_not_hidden(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    broken = repo / "data" / "vergaderingen" / "cco-2026-12-15.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("status: uitgenodigd", "status: misschien"),
        encoding="utf-8",
    )
    result = invoke(capsys, ["kalender"], cwd=repo)
    assert result.code == 0
    assert len(_events(result.out)) == 19
    assert result.err == (
        "let op: niet in de kalender, want niet geldig: data/vergaderingen/cco-2026-12-15.yaml\n"
        "  voer 'waterketen validate' uit om te zien wat eraan schort\n"
    )


def test_golden_cco(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    """The whole file for one body, byte for byte. After an intended change:
    WATERKETEN_GOLDEN_UPDATE=1 .venv/bin/pytest tests/test_kalender.py"""
    result = invoke(capsys, ["kalender", "--overleg", "cco"], cwd=repo)
    assert result.code == 0, result.err
    golden = GOLDEN / "cco.ics"
    if os.environ.get("WATERKETEN_GOLDEN_UPDATE") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(result.out.encode("utf-8"))
    assert golden.exists(), "geen golden file: draai met WATERKETEN_GOLDEN_UPDATE=1"
    assert result.out.encode("utf-8") == golden.read_bytes()


def _meeting(gegevens: Gegevens, vergadering_id: str) -> Vergadering:
    meeting = gegevens.get(Vergadering, vergadering_id)
    assert meeting is not None
    return meeting


def _replace(gegevens: Gegevens, meeting: Vergadering) -> None:
    gegevens.records["vergadering"][meeting.id] = meeting
