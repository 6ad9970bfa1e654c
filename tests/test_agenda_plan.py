"""``agenda plan JAAR``: a body's meetings of a year from its rhythm, off public holidays
and the region's school holidays; and ``agenda new`` filling in such a planned meeting."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import holidays
import pytest
import yaml

from conftest import snapshot
from helpers import invoke
from waterketen_cli.models.types import Weekvandemaand
from waterketen_cli.vergaderen.planning import weekdag_van_de_maand

WEEK = dt.timedelta(weeks=1)


def _vrije_dagen(data: Path, jaar: int) -> dict[dt.date, str]:
    """Every day without meetings, read straight from the YAML and the holidays package
    (not through waterketen), with its reason."""
    vrij: dict[dt.date, str] = {}
    for path in sorted((data / "schoolvakanties").glob("*.yaml")):
        for v in yaml.safe_load(path.read_text(encoding="utf-8"))["vakanties"]:
            dag = v["begin"]
            while dag <= v["eind"]:
                vrij[dag] = v["naam"]
                dag += dt.timedelta(days=1)
    for dag, naam in holidays.country_holidays("NL", years=[jaar], language="nl").items():
        vrij[dag] = naam
    return vrij


def _verwacht(
    regel: list[dt.date], vrij: dict[dt.date, str], jaar: int
) -> dict[dt.date, dt.date | None]:
    """The policy of the README: a week later while the day is not free, dropped on
    reaching the next regular date or leaving the year."""
    uitkomst: dict[dt.date, dt.date | None] = {}
    for i, datum in enumerate(regel):
        volgende = regel[i + 1] if i + 1 < len(regel) else dt.date(jaar + 1, 12, 31)
        dag: dt.date | None = datum
        while dag is not None and dag in vrij:
            dag += WEEK
            if dag >= volgende or dag.year != jaar:
                dag = None
        uitkomst[datum] = dag
    return uitkomst


def _planned(repo: Path, overleg: str) -> list[dt.date]:
    return sorted(
        dt.date.fromisoformat(p.stem.removeprefix(f"{overleg}-"))
        for p in (repo / "data" / "vergaderingen").glob(f"{overleg}-2027-*.yaml")
    )


def test_the_cco_meets_every_six_weeks_off_holidays(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["agenda", "plan", "2027", "--overleg", "cco"], cwd=repo)
    assert result.code == 0, result.err

    # Every sixth Tuesday from 26 January 2027 (the rule in data/overleggen/cco.yaml).
    regel = [dt.date(2027, 1, 26) + 6 * WEEK * k for k in range(9)]
    assert all(d.year == 2027 for d in regel) and (regel[-1] + 6 * WEEK).year == 2028
    verwacht = _verwacht(regel, _vrije_dagen(repo / "data", 2027), 2027)
    gepland = sorted(d for d in verwacht.values() if d is not None)
    assert _planned(repo, "cco") == gepland
    # What the policy does here, by hand: the summer holiday of regio Noord moves
    # 24 August a week on; the Christmas holiday drops 28 December.
    assert verwacht[dt.date(2027, 8, 24)] == dt.date(2027, 8, 31)
    assert verwacht[dt.date(2027, 12, 28)] is None
    assert len(gepland) == 8

    # Every date is accounted for, with the reason when it moved or was dropped.
    assert result.out.startswith(
        "Clustercoördinatorenoverleg 2027: elke 6 weken op dinsdag, vanaf 26 januari 2027\n"
        "  dinsdag 26 januari 2027\n"
    )
    assert (
        "  dinsdag 31 augustus 2027, verschoven van 24 augustus 2027: zomervakantie "
        "(17 juli t/m 29 augustus 2027)\n" in result.out
    )
    assert (
        "  dinsdag 28 december 2027 vervalt: kerstvakantie (25 december 2027 t/m "
        "9 januari 2028)\n" in result.out
    )
    assert "Gepland: 8 vergaderingen in data/vergaderingen/" in result.out

    # A planned meeting: concept, the body's time and place, the rhythm's length, no agenda.
    record = yaml.safe_load(
        (repo / "data" / "vergaderingen" / "cco-2027-08-31.yaml").read_text(encoding="utf-8")
    )
    assert record == {
        "id": "cco-2027-08-31",
        "overleg": "cco",
        "datum": dt.date(2027, 8, 31),
        "begintijd": "13:30",
        "eindtijd": "15:30",
        "locatie": "Gemeentehuis Midden-Groningen, Hoogezand",
        "status": "concept",
    }

    # validate and fmt --check stay clean; the calendar has them a year ahead.
    assert invoke(capsys, ["validate"], cwd=repo).code == 0
    assert invoke(capsys, ["fmt", "--check"], cwd=repo).code == 0
    kalender = invoke(capsys, ["kalender", "--overleg", "cco"], cwd=repo)
    assert kalender.code == 0
    for datum in gepland:
        assert f"UID:cco-{datum.isoformat()}@waterketen" in kalender.out
        assert f"DTSTART;TZID=Europe/Amsterdam:{datum:%Y%m%d}T133000" in kalender.out

    # Again: every day is taken now, nothing is written.
    voor = snapshot(repo / "data")
    again = invoke(capsys, ["agenda", "plan", "2027"], cwd=repo)
    assert again.code == 0, again.err
    assert (
        "  dinsdag 26 januari 2027: er is al een vergadering (cco-2027-01-26), niets gepland\n"
        in again.out
    )
    assert (
        "Niets te plannen: geen nieuwe vergadering van Clustercoördinatorenoverleg in 2027.\n"
        in (again.out)
    )
    assert snapshot(repo / "data") == voor


def test_the_stuurgroep_meets_on_the_second_thursday_of_the_quarter(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["agenda", "plan", "2027", "--overleg", "stuurgroep"], cwd=repo)
    assert result.code == 0, result.err
    tweede_donderdag = [
        weekdag_van_de_maand(2027, m, 3, Weekvandemaand.TWEEDE) for m in (3, 6, 9, 12)
    ]
    assert tweede_donderdag == [
        dt.date(2027, 3, 11),
        *(dt.date(2027, m, d) for m, d in ((6, 10), (9, 9), (12, 9))),
    ]
    # 11 March 2027 was already in the data: reported, left alone.
    assert "  donderdag 11 maart 2027: er is al een vergadering (stuurgroep-2027-03-11), " in (
        result.out
    )
    assert _planned(repo, "stuurgroep") == tweede_donderdag
    assert "09.30 – 12.00 uur, Stadhuis Groningen" in result.out
    assert invoke(capsys, ["validate"], cwd=repo).code == 0


def _ritme(repo: Path, overleg: str, ritme: str) -> None:
    path = repo / "data" / "overleggen" / f"{overleg}.yaml"
    tekst = path.read_text(encoding="utf-8")
    tekst = re.sub(r"(?ms)^(# Het vergaderritme|ritme:).*", "", tekst)
    path.write_text(tekst + ritme, encoding="utf-8")


def test_a_public_holiday_moves_the_meeting_a_week_or_drops_it(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    # The third Monday of May 2027 is Tweede pinksterdag; the fourth Tuesday of April is
    # Koningsdag. Only public holidays here (schoolvakanties: false).
    _ritme(
        repo,
        "cco",
        "ritme:\n  elke: 1\n  eenheid: maanden\n  dag: maandag\n  week: derde\n"
        "  schoolvakanties: false\n",
    )
    assert dt.date(2027, 5, 17) in holidays.country_holidays("NL", years=[2027])
    result = invoke(capsys, ["agenda", "plan", "2027", "--droog"], cwd=repo)
    assert result.code == 0, result.err
    assert "  maandag 24 mei 2027, verschoven van 17 mei 2027: Tweede pinksterdag\n" in result.out
    assert "Clustercoördinatorenoverleg 2027: de derde maandag van elke maand\n" in result.out
    assert not list((repo / "data" / "vergaderingen").glob("cco-2027-*"))

    _ritme(
        repo,
        "cco",
        "ritme:\n  elke: 1\n  eenheid: maanden\n  dag: dinsdag\n  week: vierde\n"
        "  schoolvakanties: false\n  bij_vrije_dag: overslaan\n",
    )
    result = invoke(capsys, ["agenda", "plan", "2027"], cwd=repo)
    assert result.code == 0, result.err
    assert "  dinsdag 27 april 2027 vervalt: Koningsdag\n" in result.out
    assert len(_planned(repo, "cco")) == 11
    assert invoke(capsys, ["validate"], cwd=repo).code == 0


def test_agenda_new_fills_in_a_planned_meeting(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    assert invoke(capsys, ["agenda", "plan", "2027"], cwd=repo).code == 0
    path = repo / "data" / "vergaderingen" / "cco-2027-01-26.yaml"
    result = invoke(capsys, ["agenda", "new", "--datum", "2027-01-26"], cwd=repo)
    assert result.code == 0, result.err
    assert (
        "Geplande vergadering aangevuld met de concept-agenda: "
        "data/vergaderingen/cco-2027-01-26.yaml\n" in result.out
    )
    # The planned end stays (the agenda takes 13.30 – 15.20); the header comment stays.
    assert "Clustercoördinatorenoverleg, dinsdag 26 januari 2027, 13.30 – 15.30 uur" in result.out
    tekst = path.read_text(encoding="utf-8")
    assert tekst.startswith(
        "# yaml-language-server: $schema=../../schemas/vergadering.schema.json\n"
        "# Gepland met 'waterketen agenda plan 2027' (het ritme van het overleg).\n"
    )
    record = yaml.safe_load(tekst)
    assert record["status"] == "concept" and record["eindtijd"] == "15:30"
    assert record["agenda"][0]["titel"] == "Opening en vaststellen agenda"
    assert invoke(capsys, ["validate"], cwd=repo).code == 0
    assert invoke(capsys, ["fmt", "--check"], cwd=repo).code == 0

    # A meeting with an agenda is not a planned one: refused, nothing written.
    voor = snapshot(repo / "data")
    again = invoke(capsys, ["agenda", "new", "--datum", "2027-01-26"], cwd=repo)
    assert again.code == 1
    assert again.err.startswith(
        "fout: er is al een vergadering van Clustercoördinatorenoverleg op 26 januari 2027 "
        "(cco-2027-01-26)\n"
    )
    assert snapshot(repo / "data") == voor


def test_a_body_without_a_rhythm(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["agenda", "plan", "2027", "--overleg", "waterteam-waterpas"], cwd=repo)
    assert result.code == 1
    assert result.err.startswith("fout: overleg 'waterteam-waterpas' heeft geen vergaderritme\n")
    assert "zet 'ritme:' in data/overleggen/waterteam-waterpas.yaml" in result.err


def test_validate_checks_the_rhythm_and_the_school_holidays(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    _ritme(
        repo, "cco", "ritme:\n  elke: 6\n  eenheid: weken\n  dag: woensdag\n  vanaf: 2027-01-26\n"
    )
    vakanties = repo / "data" / "schoolvakanties" / "2026-2027.yaml"
    vakanties.write_text(
        vakanties.read_text(encoding="utf-8").replace("eind: 2026-10-25", "eind: 2026-10-15"),
        encoding="utf-8",
    )
    result = invoke(capsys, ["validate", "--format", "json"], cwd=repo)
    assert result.code == 1
    assert (
        "26 januari 2027 (vanaf) is een dinsdag, geen woensdag" in result.out
        and "de laatste dag (15 oktober 2026) ligt voor de eerste (17 oktober 2026)" in result.out
    )
    plan = invoke(capsys, ["agenda", "plan", "2027"], cwd=repo)
    assert plan.code == 0  # the dates come from 'vanaf'; validate names the mistake


@pytest.mark.parametrize(
    ("maand", "week", "verwacht"),
    [
        (6, Weekvandemaand.EERSTE, dt.date(2027, 6, 1)),
        (6, Weekvandemaand.LAATSTE, dt.date(2027, 6, 29)),
        (8, Weekvandemaand.LAATSTE, dt.date(2027, 8, 31)),
        (12, Weekvandemaand.LAATSTE, dt.date(2027, 12, 28)),
        (2, Weekvandemaand.VIERDE, dt.date(2027, 2, 23)),
    ],
)
def test_weekday_of_the_month(maand: int, week: Weekvandemaand, verwacht: dt.date) -> None:
    assert weekdag_van_de_maand(2027, maand, 1, week) == verwacht  # dinsdag
