"""``waterketen kalender``: the meetings as iCalendar, public information only."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from helpers import assert_golden, invoke
from waterketen_cli.models.records import Persoon, Vergadering
from waterketen_cli.models.types import Vergaderstatus
from waterketen_cli.records.dataset import Gegevens, load
from waterketen_cli.records.yamlio import parse
from waterketen_cli.vergaderen import kalender as core

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
    assert len(events) == len(ids) >= 20  # the example data grows; every meeting is there
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
    # never the clock: the commit that last changed the meeting (conftest's fixed date)
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 1, 5, 11, 0, tzinfo=dt.UTC)
    assert event.decoded("LAST-MODIFIED") == dt.datetime(2026, 1, 5, 11, 0, tzinfo=dt.UTC)
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
    # not committed: one second after the current commit
    assert cancelled.decoded("DTSTAMP") == dt.datetime(2026, 1, 5, 11, 0, 1, tzinfo=dt.UTC)
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
    assert len(uids) >= 5


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
    alle, cco = len(_meeting_ids(repo)), len(_meeting_ids(repo, "cco-"))
    result = invoke(capsys, ["kalender", "--uitvoer", str(target)], cwd=repo)
    assert result.code == 0, result.err
    assert result.out == f"{alle} vergaderingen geschreven naar {target}\n"
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
    assert result.out == f"{cco} vergaderingen geschreven naar {target}\n"
    assert len(_events(target.read_text(encoding="utf-8"))) == cco
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
    assert len(_events(result.out)) == len(_meeting_ids(repo)) - 1
    assert result.err == (
        "let op: niet in de kalender, want niet geldig: data/vergaderingen/cco-2026-12-15.yaml\n"
        "  voer 'waterketen validate' uit om te zien wat eraan schort\n"
    )


def test_golden_cco(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    """The whole file for one body, byte for byte. After an intended change:
    WATERKETEN_GOLDEN_UPDATE=1 .venv/bin/pytest tests/test_kalender.py"""
    result = invoke(capsys, ["kalender", "--overleg", "cco"], cwd=repo)
    assert result.code == 0, result.err
    assert_golden("kalender/cco.ics", result.out)


def _meeting(gegevens: Gegevens, vergadering_id: str) -> Vergadering:
    meeting = gegevens.get(Vergadering, vergadering_id)
    assert meeting is not None
    return meeting


def _replace(gegevens: Gegevens, meeting: Vergadering) -> None:
    gegevens.records["vergadering"][meeting.id] = meeting


# --- bijwerken: UID, SEQUENCE en DTSTAMP uit de git-geschiedenis ---------------------------

T0 = "2026-01-05T12:00:00+01:00"  # conftest's date: the first commit
T1 = "2026-02-10T09:30:00+01:00"
T2 = "2026-02-20T16:45:00+01:00"
T3 = "2026-03-02T10:00:00+01:00"


def _utc(wanneer: str, seconden: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(wanneer).astimezone(dt.UTC) + dt.timedelta(seconds=seconden)


def _vergadering(vergadering_id: str, *, extra: str = "", status: str = "uitgenodigd") -> str:
    overleg, datum = vergadering_id[:-11], vergadering_id[-10:]
    punten = "".join(
        f"  - titel: {titel}\n    behandelvorm: ter bespreking\n"
        for titel in ("Opening", "Mededelingen", "Programma afvalwaterketen", "Rondvraag")
    )
    return (
        f"id: {vergadering_id}\noverleg: {overleg}\ndatum: {datum}\n"
        "begintijd: '13:30'\neindtijd: '16:00'\nlocatie: Gemeentehuis Hoogezand\n"
        f"{extra}status: {status}\nagenda:\n{punten}"
    )


def _git(root: Path, *args: str, wanneer: str = T0) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": wanneer, "GIT_COMMITTER_DATE": wanneer}
    done = subprocess.run(
        ["git", *args], cwd=root, check=True, env=env, capture_output=True, text=True
    )
    return done.stdout


def _commit(root: Path, wanneer: str) -> None:
    _git(root, "add", "-A", wanneer=wanneer)
    _git(root, "commit", "-q", "-m", f"wijziging {wanneer}", wanneer=wanneer)


@pytest.fixture
def gegevens(tmp_path: Path) -> Path:
    """A small data repository: three meetings, committed at T0."""
    from conftest import build_file_tree, make_repo

    root = make_repo(tmp_path / "klein")
    build_file_tree(
        root,
        {
            f"data/vergaderingen/{i}.yaml": _vergadering(i)
            for i in ("cco-2026-12-15", "cco-2027-01-26", "stuurgroep-2026-12-10")
        },
    )
    _commit(root, T0)
    return root


def _map(root: Path) -> Path:
    return root / "data" / "vergaderingen"


def _wijzig(path: Path, oud: str, nieuw: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert oud in text
    path.write_text(text.replace(oud, nieuw, 1), encoding="utf-8")


def _verplaats(root: Path, oud: str, nieuw: str, *, extra: str = "", agenda: str = "") -> None:
    """Move a meeting as a secretary does: a new file name, id and date, the old file gone."""
    text = (_map(root) / f"{oud}.yaml").read_text(encoding="utf-8")
    text = text.replace(f"id: {oud}", f"id: {nieuw}").replace(oud[-10:], nieuw[-10:])
    text = text.replace("status:", f"{extra}status:", 1)
    if agenda:
        text = text[: text.index("agenda:\n")] + agenda
    (_map(root) / f"{nieuw}.yaml").write_text(text, encoding="utf-8")
    (_map(root) / f"{oud}.yaml").unlink()


def _kalender(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> dict[str, Event]:
    """The calendar as calendar programs read it, by UID; checked on the way."""
    result = invoke(capsys, ["kalender", *args], cwd=root)
    assert result.code == 0, result.err
    assert result.err == ""
    assert invoke(capsys, ["kalender", *args], cwd=root).out == result.out  # same bytes
    events = _events(result.out)
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    stamps = [r for r in result.out.split("\r\n") if r.startswith(("DTSTAMP", "LAST-MODIFIED"))]
    assert len(stamps) == 2 * len(events)
    assert all(re.fullmatch(r"[A-Z-]+:\d{8}T\d{6}Z", r) for r in stamps)  # UTC, as RFC 5545 wants
    for event in events:
        assert event.decoded("LAST-MODIFIED") == event.decoded("DTSTAMP")
        assert event.decoded("SEQUENCE") >= 0
    return {uid.removesuffix("@waterketen"): e for uid, e in zip(uids, events, strict=True)}


def _stand(event: Event) -> tuple[int, dt.datetime]:
    return event.decoded("SEQUENCE"), event.decoded("DTSTAMP")


def test_sequence_counts_the_changes_of_time_and_place(
    capsys: pytest.CaptureFixture[str], gegevens: Path
) -> None:
    path = _map(gegevens) / "cco-2026-12-15.yaml"
    events = _kalender(capsys, gegevens)
    assert _stand(events["cco-2026-12-15"]) == (0, _utc(T0))

    _wijzig(path, "begintijd: '13:30'", "begintijd: '14:00'")
    _commit(gegevens, T1)
    events = _kalender(capsys, gegevens)
    assert _stand(events["cco-2026-12-15"]) == (1, _utc(T1))
    assert events["cco-2026-12-15"].decoded("DTSTART") == dt.datetime(
        2026, 12, 15, 14, 0, tzinfo=AMSTERDAM
    )
    assert _stand(events["cco-2027-01-26"]) == (0, _utc(T0))  # the others stay as they were

    # Only the agenda: the same revision, a later time stamp (the description changed).
    _wijzig(path, "titel: Rondvraag", "titel: Rondvraag en sluiting")
    _commit(gegevens, T2)
    assert _stand(_kalender(capsys, gegevens)["cco-2026-12-15"]) == (1, _utc(T2))

    # Not committed: one more change, dated one second after the current commit.
    _wijzig(path, "locatie: Gemeentehuis Hoogezand", "locatie: Provinciehuis Groningen")
    event = _kalender(capsys, gegevens)["cco-2026-12-15"]
    assert _stand(event) == (2, _utc(T2, 1))
    assert str(event["LOCATION"]) == "Provinciehuis Groningen"

    # Committed: the same SEQUENCE, the commit's time.
    _commit(gegevens, T3)
    assert _stand(_kalender(capsys, gegevens)["cco-2026-12-15"]) == (2, _utc(T3))


def test_an_uncommitted_change_is_dated_after_the_newest_commit(
    capsys: pytest.CaptureFixture[str], gegevens: Path
) -> None:
    _wijzig(_map(gegevens) / "stuurgroep-2026-12-10.yaml", "'16:00'", "'17:00'")
    _commit(gegevens, T1)  # another meeting: the current commit is later than ours
    _wijzig(_map(gegevens) / "cco-2026-12-15.yaml", "titel: Opening", "titel: Opening!")
    events = _kalender(capsys, gegevens)
    assert _stand(events["cco-2026-12-15"]) == (0, _utc(T1, 1))  # the agenda only
    assert _stand(events["stuurgroep-2026-12-10"]) == (1, _utc(T1))
    assert _stand(events["cco-2027-01-26"]) == (0, _utc(T0))


def test_a_moved_meeting_keeps_its_uid_once_git_sees_the_rename(
    capsys: pytest.CaptureFixture[str], gegevens: Path
) -> None:
    _verplaats(gegevens, "cco-2026-12-15", "cco-2027-01-12")
    # Before git knows: a removed file and a new one; only verplaatst_van can say.
    events = _kalender(capsys, gegevens)
    assert "cco-2026-12-15" not in events
    assert _stand(events["cco-2027-01-12"]) == (0, _utc(T0, 1))

    _git(gegevens, "add", "-A")  # staged: git status sees the rename
    events = _kalender(capsys, gegevens)
    assert "cco-2027-01-12" not in events
    assert _stand(events["cco-2026-12-15"]) == (1, _utc(T0, 1))

    _commit(gegevens, T1)
    assert "R" in _git(gegevens, "log", "-1", "-M", "--name-status", "--format=")[:1]
    events = _kalender(capsys, gegevens)
    assert sorted(events) == ["cco-2026-12-15", "cco-2027-01-26", "stuurgroep-2026-12-10"]
    moved = events["cco-2026-12-15"]
    assert _stand(moved) == (1, _utc(T1))
    assert moved.decoded("DTSTART") == dt.datetime(2027, 1, 12, 13, 30, tzinfo=AMSTERDAM)
    assert "dinsdag 12 januari 2027" in str(moved["DESCRIPTION"])

    # Moved again (and the time changed in the same commit): one revision more.
    _verplaats(gegevens, "cco-2027-01-12", "cco-2027-01-19")
    _wijzig(_map(gegevens) / "cco-2027-01-19.yaml", "'13:30'", "'09:30'")
    _commit(gegevens, T2)
    assert _stand(_kalender(capsys, gegevens)["cco-2026-12-15"]) == (2, _utc(T2))


def test_verplaatst_van_keeps_the_uid_where_git_sees_no_rename(
    capsys: pytest.CaptureFixture[str], gegevens: Path
) -> None:
    nieuwe_agenda = "agenda:\n" + "".join(
        f"  - titel: Punt {n} over iets heel anders\n    behandelvorm: ter informatie\n"
        f"    duur: {n + 5}\n"
        for n in range(1, 9)
    )
    _verplaats(
        gegevens,
        "cco-2026-12-15",
        "cco-2027-01-12",
        extra="verplaatst_van: cco-2026-12-15\n",
        agenda=nieuwe_agenda,
    )
    # Not committed (a new file, the old one removed): the field says it.
    events = _kalender(capsys, gegevens)
    assert "cco-2027-01-12" not in events
    assert _stand(events["cco-2026-12-15"]) == (1, _utc(T0, 1))

    _commit(gegevens, T1)
    changes = _git(gegevens, "log", "-1", "-M", "--name-status", "--format=").split()
    assert "A" in changes and "D" in changes  # too much changed for git to see a rename
    events = _kalender(capsys, gegevens)
    assert "cco-2027-01-12" not in events
    moved = events["cco-2026-12-15"]
    assert _stand(moved) == (1, _utc(T1))
    assert moved.decoded("DTSTART").date() == dt.date(2027, 1, 12)


def test_verplaatst_van_added_later_takes_the_old_uid_back(
    capsys: pytest.CaptureFixture[str], gegevens: Path
) -> None:
    """The repair: the move was committed without the field and git did not see it."""
    nieuwe_agenda = "agenda:\n" + "".join(
        f"  - titel: Ander punt {n}\n    behandelvorm: hamerstuk\n    duur: {n}\n"
        for n in range(1, 9)
    )
    _verplaats(gegevens, "cco-2026-12-15", "cco-2027-01-12", agenda=nieuwe_agenda)
    _commit(gegevens, T1)
    events = _kalender(capsys, gegevens)
    assert "cco-2026-12-15" not in events
    assert _stand(events["cco-2027-01-12"]) == (0, _utc(T1))

    _wijzig(
        _map(gegevens) / "cco-2027-01-12.yaml", "status:", "verplaatst_van: cco-2026-12-15\nstatus:"
    )
    _commit(gegevens, T2)
    events = _kalender(capsys, gegevens)
    assert "cco-2027-01-12" not in events
    assert _stand(events["cco-2026-12-15"]) == (1, _utc(T2))


def test_a_cancelled_meeting_keeps_its_uid_with_a_higher_sequence(
    capsys: pytest.CaptureFixture[str], gegevens: Path
) -> None:
    path = _map(gegevens) / "cco-2027-01-26.yaml"
    _wijzig(path, "status: uitgenodigd", "status: geannuleerd")
    event = _kalender(capsys, gegevens)["cco-2027-01-26"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert _stand(event) == (1, _utc(T0, 1))

    _commit(gegevens, T1)
    event = _kalender(capsys, gegevens)["cco-2027-01-26"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert _stand(event) == (1, _utc(T1))
    assert "Deze vergadering gaat niet door." in str(event["DESCRIPTION"])

    # Called off no more: STATUS changes again, so SEQUENCE rises again.
    _wijzig(path, "status: geannuleerd", "status: uitgenodigd")
    _commit(gegevens, T2)
    assert _stand(_kalender(capsys, gegevens)["cco-2027-01-26"]) == (2, _utc(T2))


def test_a_status_the_event_shows_differently_is_a_revision(
    capsys: pytest.CaptureFixture[str], gegevens: Path
) -> None:
    """RFC 5546 §2.1.4: a change of STATUS raises SEQUENCE; concept → uitgenodigd is
    TENTATIVE → CONFIRMED, uitgenodigd → gehouden is no change to the event."""
    path = _map(gegevens) / "stuurgroep-2026-12-10.yaml"
    _wijzig(path, "status: uitgenodigd", "status: concept")
    _commit(gegevens, T1)
    _wijzig(path, "status: concept", "status: uitgenodigd")
    _commit(gegevens, T2)
    _wijzig(path, "status: uitgenodigd", "status: gehouden")
    _commit(gegevens, T3)
    event = _kalender(capsys, gegevens)["stuurgroep-2026-12-10"]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert _stand(event) == (2, _utc(T3))


def test_a_new_meeting_on_a_date_a_moved_one_left_gets_its_own_uid(
    capsys: pytest.CaptureFixture[str], gegevens: Path
) -> None:
    _verplaats(gegevens, "cco-2026-12-15", "cco-2027-01-12")
    _commit(gegevens, T1)
    (_map(gegevens) / "cco-2026-12-15.yaml").write_text(
        _vergadering("cco-2026-12-15"), encoding="utf-8"
    )
    for args in ([], ["--overleg", "cco"]):
        events = _kalender(capsys, gegevens, *args)
        # the moved meeting had the UID first and keeps it; the new one is new to every
        # calendar, so it gets a UID no calendar knows
        assert events["cco-2026-12-15"].decoded("DTSTART").date() == dt.date(2027, 1, 12)
        assert _stand(events["cco-2026-12-15"]) == (1, _utc(T1))
        assert events["cco-2026-12-15-2"].decoded("DTSTART").date() == dt.date(2026, 12, 15)
        assert _stand(events["cco-2026-12-15-2"]) == (0, _utc(T1, 1))
    _commit(gegevens, T2)
    events = _kalender(capsys, gegevens)
    assert _stand(events["cco-2026-12-15-2"]) == (0, _utc(T2))


def test_a_meeting_removed_and_made_again_goes_on_from_its_sequence(
    capsys: pytest.CaptureFixture[str], gegevens: Path
) -> None:
    path = _map(gegevens) / "cco-2026-12-15.yaml"
    _wijzig(path, "locatie: Gemeentehuis Hoogezand", "locatie: Stadhuis Groningen")
    _commit(gegevens, T1)
    path.unlink()
    _commit(gegevens, T2)
    assert "cco-2026-12-15" not in _kalender(capsys, gegevens)
    path.write_text(_vergadering("cco-2026-12-15"), encoding="utf-8")  # the old place
    _commit(gegevens, T3)
    # the same UID as before, so its SEQUENCE must not fall back to 0
    assert _stand(_kalender(capsys, gegevens)["cco-2026-12-15"]) == (2, _utc(T3))


def test_outside_git_the_record_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from conftest import build_file_tree

    data = tmp_path / "los" / "data"
    build_file_tree(
        data / "vergaderingen",
        {
            "cco-2026-12-15.yaml": _vergadering("cco-2026-12-15"),
            "cco-2027-01-26.yaml": _vergadering("cco-2027-01-26", status="geannuleerd"),
            "cco-2027-02-09.yaml": _vergadering(
                "cco-2027-02-09", extra="verplaatst_van: cco-2027-02-02\n"
            ),
        },
    )
    events = _kalender(capsys, tmp_path, "--data", str(data))
    assert sorted(events) == ["cco-2026-12-15", "cco-2027-01-26", "cco-2027-02-02"]
    midnight = dt.time(tzinfo=dt.UTC)
    assert _stand(events["cco-2026-12-15"]) == (
        0,
        dt.datetime.combine(dt.date(2026, 12, 15), midnight),
    )
    assert _stand(events["cco-2027-01-26"])[0] == 1
    moved = events["cco-2027-02-02"]
    assert _stand(moved) == (1, dt.datetime.combine(dt.date(2027, 2, 9), midnight))
    assert moved.decoded("DTSTART").date() == dt.date(2027, 2, 9)


def test_the_history_is_read_with_a_fixed_number_of_git_calls(
    capsys: pytest.CaptureFixture[str], gegevens: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One pass over the history, whatever the number of meetings: never a call each."""
    init = subprocess.Popen.__init__

    def count(extra: int) -> list[list[str]]:
        for n in range(extra):
            vergadering_id = f"waterteam-2026-{n % 12 + 1:02d}-{n // 12 + 10:02d}"
            path = _map(gegevens) / f"{vergadering_id}.yaml"
            path.write_text(_vergadering(vergadering_id), encoding="utf-8")
        _commit(gegevens, T1)
        _wijzig(_map(gegevens) / "cco-2026-12-15.yaml", "locatie: ", f"locatie: {extra} ")
        calls: list[list[str]] = []

        def popen(self: subprocess.Popen[bytes], args: list[str], *rest: Any, **kw: Any) -> None:
            calls.append([str(a) for a in args])
            init(self, args, *rest, **kw)

        with monkeypatch.context() as m:
            m.setattr(subprocess.Popen, "__init__", popen)
            assert invoke(capsys, ["kalender"], cwd=gegevens).code == 0
        # (GitPython asks `git version` once per process)
        return [c for c in calls if Path(c[0]).name.startswith("git") and c[1:] != ["version"]]

    few = count(1)
    many = count(30)
    assert len(few) == len(many) <= 5, many
    assert sum("log" in c and "--raw" in c for c in many) == 1


def test_a_shallow_clone_is_named(capsys: pytest.CaptureFixture[str], gegevens: Path) -> None:
    _wijzig(_map(gegevens) / "cco-2026-12-15.yaml", "'13:30'", "'14:00'")
    _commit(gegevens, T1)
    kloon = gegevens.parent / "kloon"
    _git(gegevens.parent, "clone", "-q", "--depth", "1", f"file://{gegevens}", str(kloon))
    result = invoke(capsys, ["kalender"], cwd=kloon)
    assert result.code == 0
    assert result.err == (
        "let op: de git-geschiedenis is onvolledig (een ondiepe kloon): volgnummers kunnen "
        "lager uitvallen dan in de hele geschiedenis, en agenda's werken dan niet bij\n"
        "  haal de hele geschiedenis op met 'git fetch --unshallow' "
        "(in GitHub Actions: fetch-depth: 0)\n"
    )
    assert len(_events(result.out)) == 3


TEKST = _vergadering("cco-2026-12-15")


@pytest.mark.parametrize(
    "variant",
    [
        TEKST,
        TEKST.replace("\n", "\r\n"),
        "# kop\n---\n" + TEKST.replace("locatie:", "# plaats\nlocatie:"),
        TEKST.replace(
            "locatie: Gemeentehuis Hoogezand", "locatie: >-\n  Gemeentehuis\n  Hoogezand"
        ),
        TEKST.replace("locatie: Gemeentehuis Hoogezand", 'locatie: "Gemeentehuis Hoogezand"  # ja'),
        TEKST.replace("  - titel:", "- titel:").replace("    behandelvorm", "  behandelvorm"),
        # not found at the top level: the whole file is read
        TEKST.replace("datum:", '"datum":'),
        "{id: cco-2026-12-15, overleg: cco, datum: 2026-12-15, begintijd: '13:30', "
        "eindtijd: '16:00', locatie: Gemeentehuis Hoogezand, status: uitgenodigd}",
    ],
)
def test_old_versions_are_read_as_the_model_reads_them(variant: str) -> None:
    data, problems = parse(TEKST.encode())
    assert not problems
    expected = core._kern_uit_record(Vergadering.model_validate(data))
    assert core._kern_uit_bestand(variant.encode()) == expected


def test_an_old_version_that_is_no_record_has_no_revision_fields() -> None:
    assert core._kern_uit_bestand(b"<<<<<<< HEAD\nid: x\n=======\n") is None
    assert core._kern_uit_bestand(b"- een lijst\n") is None
    assert core._kern_uit_bestand(TEKST.replace("status:", "staat:").encode()) is None


def test_golden_history(capsys: pytest.CaptureFixture[str], gegevens: Path) -> None:
    """A time changed, a meeting moved, one cancelled, a place changed and not committed."""
    _wijzig(_map(gegevens) / "cco-2026-12-15.yaml", "begintijd: '13:30'", "begintijd: '14:00'")
    _commit(gegevens, T1)
    _verplaats(gegevens, "cco-2027-01-26", "cco-2027-02-02")
    _wijzig(_map(gegevens) / "stuurgroep-2026-12-10.yaml", "uitgenodigd", "geannuleerd")
    _commit(gegevens, T2)
    _wijzig(_map(gegevens) / "cco-2026-12-15.yaml", "Gemeentehuis Hoogezand", "Stadhuis Groningen")
    result = invoke(capsys, ["kalender"], cwd=gegevens)
    assert result.code == 0, result.err
    assert_golden("kalender/geschiedenis.ics", result.out)


def test_two_meetings_that_swap_dates_keep_their_lines() -> None:
    """The core alone, on a history made by hand: renames in one commit that cross."""
    from waterketen_cli.git import Bestandsstap, Mapcommit, Mapgeschiedenis

    a, b = "cco-2026-12-15", "cco-2027-01-26"
    inhoud = {i: _vergadering(i).encode() for i in (a, b)}
    eerst = (Bestandsstap("A", f"{a}.yaml", blob=a), Bestandsstap("A", f"{b}.yaml", blob=b))
    gewisseld = (  # a's meeting goes to b's date, b's to a's
        Bestandsstap("R", f"{b}.yaml", f"{a}.yaml", b),
        Bestandsstap("R", f"{a}.yaml", f"{b}.yaml", a),
    )
    geschiedenis = Mapgeschiedenis(
        commits=(Mapcommit(_utc(T0), eerst), Mapcommit(_utc(T1), gewisseld)),
        inhoud=inhoud,
        schoon={},
        head=_utc(T1),
        werkmap=(),
        onvolledig=False,
    )
    meetings = [Vergadering.model_validate(parse(inhoud[i])[0]) for i in (a, b)]
    revisies = core.revisies(meetings, geschiedenis)
    assert revisies[b] == core.Revisie(f"{a}@waterketen", 1, _utc(T1))
    assert revisies[a] == core.Revisie(f"{b}@waterketen", 1, _utc(T1))
    # without history: the records alone
    assert core.revisies(meetings, None)[a] == core.Revisie(
        f"{a}@waterketen", 0, dt.datetime(2026, 12, 15, tzinfo=dt.UTC)
    )


def test_a_missing_old_version_is_skipped_a_broken_history_is_an_error(
    capsys: pytest.CaptureFixture[str], gegevens: Path
) -> None:
    def weg(rev: str) -> None:
        sha = _git(gegevens, "rev-parse", rev).strip()
        (gegevens / ".git" / "objects" / sha[:2] / sha[2:]).unlink()

    path = _map(gegevens) / "cco-2026-12-15.yaml"
    _wijzig(path, "'13:30'", "'14:00'")
    _commit(gegevens, T1)
    _wijzig(path, "locatie: Gemeentehuis Hoogezand", "locatie: Stadhuis Groningen")
    _commit(gegevens, T2)
    weg("HEAD~1:data/vergaderingen/cco-2026-12-15.yaml")  # as in a partial clone
    # the version in between is unknown: its changes count as one
    assert _stand(_kalender(capsys, gegevens)["cco-2026-12-15"]) == (1, _utc(T2))

    tree = _git(gegevens, "rev-parse", "HEAD~2^{tree}").strip()
    weg(tree)
    result = invoke(capsys, ["kalender"], cwd=gegevens)
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        "fout: de git-geschiedenis van de vergaderingen is niet te lezen: "
        f"unable to read tree {tree}\n"
        "  'git status' en 'git log' in de gegevensrepository zeggen wat eraan schort\n"
    )
