"""``agenda new`` with a backlog: the agenda takes what fits, the rest waits.

The example CCO meets at 13.30 for 120 minutes (its ``ritme``); the fixed part of the
agenda of 26 January 2027 (the standing items and the concept agenda for the
stuurgroep) takes 85 minutes, the two agendavoorstellen 25 (kennisdag 15, ondersteuning
10): the normal case, in tests/test_agenda.py, fits exactly as before.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import snapshot
from helpers import invoke
from test_agenda import titles

NEW = ["agenda", "new", "--datum", "2027-01-26"]
VAST_BEGIN = [
    "Opening en vaststellen agenda",
    "Verslag en actielijst vorige vergadering",
    "Mededelingen",
    "Activiteitenoverzicht clusters",
    "Communicatie",
]
VAST_EIND = ["Concept-agenda stuurgroep 11 maart 2027", "Rondvraag", "Sluiting"]


def _voorstel(repo: Path, record_id: str, titel: str, duur: int) -> Path:
    path = repo / "data" / "agendavoorstellen" / f"{record_id}.yaml"
    path.write_text(
        "# yaml-language-server: $schema=../../schemas/agendavoorstel.schema.json\n"
        f"id: {record_id}\noverleg: cco\ntitel: {titel}\nbehandelvorm: ter bespreking\n"
        f"indiener: p-smit\nduur: {duur}\nstatus: ingediend\n",
        encoding="utf-8",
    )
    return path


def _project(repo: Path, record_id: str, titel: str, begin: str) -> Path:
    """A project proposal for the CCO (a copy of the energiescan with its own id, title
    and start): it waits for the CCO's decision."""
    projecten = repo / "data" / "projecten"
    tekst = (projecten / "energiescan-waterketen.yaml").read_text(encoding="utf-8")
    tekst = tekst.replace("id: energiescan-waterketen", f"id: {record_id}")
    tekst = tekst.replace("titel: Energiescan gemalen en zuiveringen", f"titel: {titel}")
    tekst = tekst.replace("begin: 2027-01-01", f"begin: {begin}")
    path = projecten / f"{record_id}.yaml"
    path.write_text(tekst, encoding="utf-8")
    return path


def _zonder_ritme(repo: Path) -> None:
    """The CCO without its usual duration: only midnight limits the meeting."""
    path = repo / "data" / "overleggen" / "cco.yaml"
    tekst = path.read_text(encoding="utf-8")
    path.write_text(tekst[: tekst.index("# Het vergaderritme")], encoding="utf-8")


def _vanaf_agenda(out: str) -> str:
    """Standard output from the agenda on: what a dry run and a real one share."""
    return out[out.index("  1. ") :]


def _wachtend(out: str) -> list[str]:
    """The ids in the list of what waits, in its order."""
    return re.findall(r"^  - .* \((?:project )?([a-z0-9-]+)(?:, vertrouwelijk)?\) — ", out, re.M)


def _status(path: Path) -> tuple[str, str | None]:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    return record["status"], record.get("vergadering")


def test_a_backlog_takes_what_fits_and_the_rest_waits(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """The issue: fifty proposals of a quarter of an hour do not fit before midnight.
    The agenda takes the fixed part and as many proposals as fit, the rest stays
    ingediend and is listed after the agenda; a dry run shows the same."""
    _zonder_ritme(repo)
    paden = [_voorstel(repo, f"cco-wachtrij-{n:02d}", f"Wachtrij {n}", 15) for n in range(1, 51)]
    wachtend = {p: p.read_bytes() for p in paden[34:]}

    droog = invoke(capsys, [*NEW, "--droog"], cwd=repo)
    assert droog.code == 0, droog.err
    result = invoke(capsys, NEW, cwd=repo)
    assert result.code == 0, result.err
    assert _vanaf_agenda(droog.out) == _vanaf_agenda(result.out)

    # 85 fixed minutes, then the two earlier proposals (25), then 34 of the 50 (510):
    # 620 minutes from 13.30; a 35th would end after midnight.
    assert "Clustercoördinatorenoverleg, dinsdag 26 januari 2027, 13.30 – 23.50 uur" in result.out
    agenda = titles(result.out)
    assert agenda[:5] == VAST_BEGIN and agenda[-3:] == VAST_EIND
    assert agenda[5:7] == [
        "Regionale kennisdag klimaatadaptatie voorjaar 2027",
        "Tijdelijke ondersteuning clustercoördinatie Westerkwartier (vertrouwelijk)",
    ]
    assert agenda[7:-3] == [f"Wachtrij {n}" for n in range(1, 35)]
    assert (
        "\nWacht op een volgende vergadering: 16 agendavoorstellen; ze passen niet meer vóór "
        "middernacht en blijven ingediend.\n"
        "Voorrang heeft wat het eerst een besluit nodig heeft (uiterlijk: bij een "
        "agendavoorstel deze vergadering, bij een projectvoorstel het begin van het project):\n"
        "  - Wachtrij 35 (cco-wachtrij-35) — ter bespreking, 15 min, uiterlijk 26 januari 2027\n"
    ) in result.out
    assert _wachtend(result.out) == [f"cco-wachtrij-{n}" for n in range(35, 51)]

    # What came on the agenda is geagendeerd; what waits is untouched, still ingediend.
    assert "Agendavoorstel geagendeerd: data/agendavoorstellen/cco-wachtrij-34.yaml" in result.out
    assert "cco-wachtrij-35.yaml" not in result.out.replace("(cco-wachtrij-35)", "")
    assert all(_status(p) == ("geagendeerd", "cco-2027-01-26") for p in paden[:34])
    assert all(p.read_bytes() == inhoud for p, inhoud in wachtend.items())
    assert all(_status(p) == ("ingediend", None) for p in wachtend)
    record = yaml.safe_load(
        (repo / "data" / "vergaderingen" / "cco-2027-01-26.yaml").read_text(encoding="utf-8")
    )
    assert record["eindtijd"] == "23:50" and len(record["agenda"]) == 44
    assert invoke(capsys, ["validate"], cwd=repo).code == 0

    # The next meeting takes the ones that waited.
    volgende = invoke(capsys, ["agenda", "new", "--datum", "2027-03-09", "--droog"], cwd=repo)
    assert volgende.code == 0, volgende.err
    assert [f"Wachtrij {n}" for n in range(35, 51)] == [
        t for t in titles(volgende.out) if t.startswith("Wachtrij")
    ]
    assert "Wacht op een volgende vergadering" not in volgende.out


def test_who_needs_a_decision_first_goes_first(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """Within the usual 120 minutes 35 are left after the fixed part. A project that
    should have begun already goes first (20 minutes), then the agendavoorstellen
    (asked for this meeting: the kennisdag fits, the ondersteuning no longer), then
    projects by their start. The agenda keeps its usual order."""
    _project(repo, "kwelscan", "Kwelscan", "2026-12-01")
    _project(repo, "zuiveringsscan", "Zuiveringsscan", "2027-06-01")
    result = invoke(capsys, NEW, cwd=repo)
    assert result.code == 0, result.err
    assert "13.30 – 15.30 uur" in result.out
    assert titles(result.out) == [
        *VAST_BEGIN,
        "Regionale kennisdag klimaatadaptatie voorjaar 2027",
        "Projectvoorstel: Kwelscan",
        *VAST_EIND,
    ]
    assert (
        "Wacht op een volgende vergadering: 1 agendavoorstel en 1 projectvoorstel; ze passen "
        "niet meer binnen de gebruikelijke 120 minuten (het ritme van het overleg) en blijven "
        "ingediend.\n"
    ) in result.out
    assert (
        "  - Tijdelijke ondersteuning clustercoördinatie Westerkwartier "
        "(cco-ondersteuning-westerkwartier, vertrouwelijk) — ter besluitvorming, 10 min, "
        "uiterlijk 26 januari 2027\n"
        "  - Projectvoorstel: Zuiveringsscan (project zuiveringsscan) — ter besluitvorming, "
        "20 min, uiterlijk 1 juni 2027\n"
    ) in result.out
    ondersteuning = repo / "data" / "agendavoorstellen" / "cco-ondersteuning-westerkwartier.yaml"
    assert _status(ondersteuning) == ("ingediend", None)
    assert invoke(capsys, ["validate"], cwd=repo).code == 0


def test_a_shorter_proposal_after_one_that_does_not_fit_still_comes(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """--duur 100 leaves 15 minutes: the overdue project (20) waits, the kennisdag
    after it (15) fits; the order of the list is the order in which they go."""
    _project(repo, "kwelscan", "Kwelscan", "2026-12-01")
    _project(repo, "zuiveringsscan", "Zuiveringsscan", "2027-06-01")
    result = invoke(capsys, [*NEW, "--duur", "100", "--droog"], cwd=repo)
    assert result.code == 0, result.err
    assert "13.30 – 15.10 uur" in result.out
    assert titles(result.out) == [
        *VAST_BEGIN,
        "Regionale kennisdag klimaatadaptatie voorjaar 2027",
        *VAST_EIND,
    ]
    assert (
        "Wacht op een volgende vergadering: 1 agendavoorstel en 2 projectvoorstellen; ze "
        "passen niet meer binnen de 100 minuten van --duur en blijven ingediend.\n"
    ) in result.out
    assert _wachtend(result.out) == [
        "kwelscan",
        "cco-ondersteuning-westerkwartier",
        "zuiveringsscan",
    ]


def test_only_the_fixed_part_past_midnight_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """The fixed part takes 85 minutes: from 22.30 it ends at 23.55 and every proposal
    waits; from 22.45 it would end after midnight, and that is refused as before."""
    laat = invoke(capsys, [*NEW, "--tijd", "22:30", "--droog"], cwd=repo)
    assert laat.code == 0, laat.err
    assert "22.30 – 23.55 uur" in laat.out
    assert titles(laat.out) == [*VAST_BEGIN, *VAST_EIND]
    assert (
        "Wacht op een volgende vergadering: 2 agendavoorstellen; ze passen niet meer vóór "
        "middernacht en blijven ingediend.\n"
    ) in laat.out

    voor = snapshot(repo / "data")
    te_laat = invoke(capsys, [*NEW, "--tijd", "22:45"], cwd=repo)
    assert te_laat.code == 2
    assert te_laat.err == (
        "fout: de vergadering loopt door na middernacht\n  kort de agenda of de duur in\n"
    )
    assert snapshot(repo / "data") == voor
