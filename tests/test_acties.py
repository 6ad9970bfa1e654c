"""``waterketen acties``, ``acties afronden`` and ``besluiten`` on the example data.

The day is fixed at 27 november 2026 (conftest): of the 35 example actions 9 are
open, 3 of them past their deadline; the 20 meetings hold 37 decisions, 4 of them on
confidential agenda items.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from conftest import snapshot
from helpers import invoke

OPEN = [
    # (overdue mark, id, deadline, actiehouder, herkomst)
    ("!", "cco-2026-04-07-1", "15 mei 2026", "Anouk Dijkstra", "cco-2026-04-07, punt 5"),
    ("!", "cco-2026-06-30-1", "1 september 2026", "Sander van der Meer", "cco-2026-06-30, punt 4"),
    (
        "!",
        "stuurgroep-2026-06-04-1",
        "15 november 2026",
        "Marieke Kuipers",
        "stuurgroep-2026-06-04, punt 6",
    ),
    ("", "cco-2026-11-17-3", "4 december 2026", "Ilse Brink", "cco-2026-11-17, punt 7"),
    ("", "cco-2026-11-17-2", "8 december 2026", "Erik Wiersma", "cco-2026-11-17, punt 5"),
    (
        "",
        "waterteam-waterpas-2026-10-08-1",
        "10 december 2026",
        "Maarten Wolters",
        "waterteam-waterpas-2026-10-08, punt 4",
    ),
    (
        "",
        "stuurgroep-2026-11-26-1",
        "18 december 2026",
        "Erik Wiersma",
        "stuurgroep-2026-11-26, punt 5",
    ),
    ("", "cco-2026-11-17-1", "15 januari 2027", "Erik Wiersma", "cco-2026-11-17, punt 4"),
    ("", "cco-2026-11-17-4", "31 januari 2027", "Lotte Smit", "cco-2026-11-17, punt 9"),
]

CONFIDENTIAL = {"B-2025-006", "B-2025-007", "B-2026-021", "B-2026-024"}


def table(out: str) -> tuple[list[dict[str, str]], str]:
    """The rows of a plain table (cut at the header's column starts) and the summary."""
    lines = out.rstrip("\n").split("\n")
    header, rows, summary = lines[0], lines[1:-1], lines[-1]
    names = header.split()
    starts = [0] if header.startswith(" ") else []
    position = 0
    for name in names:
        position = header.index(name, position)
        starts.append(position)
        position += len(name)
    if header.startswith(" "):
        names = ["", *names]
    bounds = [*starts[1:], None]
    parsed = [
        {name: row[a:b].strip() for name, a, b in zip(names, starts, bounds, strict=True)}
        for row in rows
    ]
    return parsed, summary


def ids(out: str) -> list[str]:
    return [row["id"] for row in table(out)[0]]


# --- waterketen acties ---------------------------------------------------------------------


def test_open_actions_by_deadline_with_overdue_mark(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["acties"], cwd=repo)
    assert result.code == 0, result.err
    assert result.err == ""
    rows, summary = table(result.out)
    assert [(r[""], r["id"], r["deadline"], r["actiehouder"], r["herkomst"]) for r in rows] == OPEN
    assert {r["status"] for r in rows} == {"open"}
    assert rows[0]["omschrijving"] == (
        "Ontbrekende cijfers over 2024 en 2025 voor Westerkwartier aanleveren voor de "
        "prestatiemonitor"
    )
    assert summary == "9 open acties, waarvan 3 verlopen."


@pytest.mark.parametrize(
    ("args", "expected", "summary"),
    [
        (
            ["--actiehouder", "p-wiersma"],
            ["cco-2026-11-17-2", "stuurgroep-2026-11-26-1", "cco-2026-11-17-1"],
            "3 open acties.",
        ),
        (
            ["--verlopen"],
            ["cco-2026-04-07-1", "cco-2026-06-30-1", "stuurgroep-2026-06-04-1"],
            "3 open acties, waarvan 3 verlopen.",
        ),
        (
            ["--cluster", "waterpas"],
            ["stuurgroep-2026-06-04-1", "waterteam-waterpas-2026-10-08-1"],
            "2 open acties, waarvan 1 verlopen.",
        ),
        (
            # Tagged with the cluster, or owned by someone of a gemeente in it
            # (cco-2026-01-13-2: Assen) or of WMD, which is in this cluster only; not
            # the regional actions of the waterregisseur (Noorderzijlvest, 4 clusters).
            ["--cluster", "kop-van-drenthe", "--alle"],
            [
                "cco-2026-01-13-2",
                "cco-2026-06-30-2",
                "waterteam-kop-van-drenthe-2026-06-11-1",
                "cco-2026-11-17-3",
            ],
            "4 acties: 1 open, 3 afgerond.",
        ),
        (
            ["--overleg", "waterteam-waterpas", "--alle"],
            ["waterteam-waterpas-2026-10-08-2", "waterteam-waterpas-2026-10-08-1"],
            "2 acties: 1 open, 1 afgerond.",
        ),
        (["--overleg", "stuurgroep"], ["stuurgroep-2026-06-04-1", "stuurgroep-2026-11-26-1"], None),
        (["--status", "vervallen"], ["stuurgroep-2026-09-24-1"], "1 vervallen actie."),
        (["--status", "afgerond", "--actiehouder", "p-smit"], None, "8 afgeronde acties."),
        (["--alle"], None, "35 acties: 9 open (waarvan 3 verlopen), 25 afgerond, 1 vervallen."),
    ],
)
def test_filters(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    args: list[str],
    expected: list[str] | None,
    summary: str | None,
) -> None:
    result = invoke(capsys, ["acties", *args], cwd=repo)
    assert result.code == 0, result.err
    rows, last = table(result.out)
    if expected is not None:
        assert [r["id"] for r in rows] == expected
    if summary is not None:
        assert last == summary


def test_no_actions_found(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["acties", "--actiehouder", "p-visser"], cwd=repo)
    assert result.code == 0
    assert result.out == "0 open acties.\n"


def test_json(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["acties", "--format", "json"], cwd=repo)
    assert result.code == 0
    doc = json.loads(result.out)
    assert (doc["vandaag"], doc["aantal"], doc["verlopen"]) == ("2026-11-27", 9, 3)
    assert [a["id"] for a in doc["acties"]] == [row[1] for row in OPEN]
    assert [a["verlopen"] for a in doc["acties"]] == [row[0] == "!" for row in OPEN]
    assert doc["acties"][0] == {
        "id": "cco-2026-04-07-1",
        "omschrijving": "Ontbrekende cijfers over 2024 en 2025 voor Westerkwartier aanleveren "
        "voor de prestatiemonitor",
        "actiehouder": "p-dijkstra",
        "actiehouder_naam": "Anouk Dijkstra",
        "deadline": "2026-05-15",
        "status": "open",
        "verlopen": True,
        "afgerond_op": None,
        "overleg": "cco",
        "vergadering": "cco-2026-04-07",
        "agendapunt": 5,
        "cluster": "westerkwartier",
        "project": "prestatiemonitor-3kd",
        "toelichting": "Rioolheffing en meldingen 2024 ontbreken nog; in het CCO van 13 "
        "oktober opnieuw gevraagd.",
    }
    alle = json.loads(invoke(capsys, ["acties", "--alle", "-f", "json"], cwd=repo).out)
    assert alle["aantal"] == 35
    closed = next(a for a in alle["acties"] if a["id"] == "cco-2025-12-02-1")
    assert (closed["status"], closed["afgerond_op"], closed["verlopen"]) == (
        "afgerond",
        "2025-12-04",
        False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--actiehouder", "p-dijkstr"],
            "fout: onbekende persoon 'p-dijkstr' bij --actiehouder\n  bedoelde u 'p-dijkstra'?\n",
        ),
        (
            ["--cluster", "wterpas"],
            "fout: onbekend cluster 'wterpas' bij --cluster\n  bedoelde u 'waterpas'?\n",
        ),
        (
            ["--overleg", "stuurgroup"],
            "fout: onbekend overleg 'stuurgroup' bij --overleg\n  bedoelde u 'stuurgroep'?\n",
        ),
        (
            ["--overleg", "xyz"],
            "fout: onbekend overleg 'xyz' bij --overleg\n"
            "  bekend: cco, stuurgroep, themabijeenkomst, "
            "waterteam-kop-van-drenthe, waterteam-noord-groningen, waterteam-oost-groningen, "
            "waterteam-waterpas, waterteam-westerkwartier\n",
        ),
        (["--alle", "--status", "open"], "fout: kies --alle of --status, niet beide\n"),
        (
            ["--verlopen", "--status", "afgerond"],
            "fout: --verlopen gaat over open acties, niet over 'afgerond'\n",
        ),
    ],
)
def test_wrong_filter_exits_2(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], message: str
) -> None:
    result = invoke(capsys, ["acties", *args], cwd=repo)
    assert result.code == 2
    assert result.out == ""
    assert result.err == message


def test_terminal_table(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from waterketen_cli.cli import output

    screen = io.StringIO()
    terminal = Console(file=screen, width=200, force_terminal=True, color_system=None)
    monkeypatch.setattr(output, "console", lambda: terminal)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    result = invoke(capsys, ["acties", "--verlopen"], cwd=repo)
    assert result.code == 0
    lines = screen.getvalue().splitlines()
    assert lines[-1] == "3 open acties, waarvan 3 verlopen."
    marked = [line.split()[1] for line in lines if line.startswith("!")]
    assert marked == ["cco-2026-04-07-1", "cco-2026-06-30-1", "stuurgroep-2026-06-04-1"]
    assert "15 mei 2026" in screen.getvalue()


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["acties"], ["acties", "afronden"], ["besluiten"]):
        result = invoke(capsys, [*args, "--help"])
        assert result.code == 0
        assert result.out.startswith(f"Gebruik: waterketen {' '.join(args)}")
        assert "Toon deze hulp en stop." in result.out
        assert "Usage" not in result.out and "Options" not in result.out


# --- waterketen acties afronden ----------------------------------------------------------


def test_close_an_action_keeps_everything_else(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    path = repo / "data" / "acties" / "cco-2026-04-07-1.yaml"
    before = path.read_text(encoding="utf-8")
    others = {p: p.read_bytes() for p in (repo / "data").rglob("*.yaml") if p != path}
    result = invoke(capsys, ["acties", "afronden", "cco-2026-04-07-1"], cwd=repo)
    assert result.code == 0, result.err
    assert result.out == "Actie cco-2026-04-07-1 afgerond op 27 november 2026.\n"
    assert before.count("status: open\n") == 1
    # The comments (two header lines and the one above 'omschrijving') and every other
    # line stay as they were, byte for byte.
    assert path.read_text(encoding="utf-8") == before.replace(
        "status: open\n", "status: afgerond\n"
    ).replace("toelichting:", "afgerond_op: 2026-11-27\ntoelichting:")
    assert "# Deadline verstreken; staat nog open op de actielijst.\n" in before
    assert {p: p.read_bytes() for p in others} == others
    validated = invoke(capsys, ["validate"], cwd=repo)
    assert validated.code == 0, validated.out
    rows, summary = table(invoke(capsys, ["acties"], cwd=repo).out)
    assert "cco-2026-04-07-1" not in [r["id"] for r in rows]
    assert summary == "8 open acties, waarvan 2 verlopen."


def test_close_with_date_and_note(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    acties = repo / "data" / "acties"
    folded = acties / "cco-2026-06-30-1.yaml"  # a note on one line, becomes too long
    bare = acties / "cco-2026-11-17-3.yaml"  # no note yet
    before = {p: p.read_text(encoding="utf-8") for p in (folded, bare)}
    note = "Gedaan in het overleg van 20 november."
    args = ["cco-2026-06-30-1", "cco-2026-11-17-3", "--op", "2026-11-20", "--toelichting", note]
    result = invoke(capsys, ["acties", "afronden", *args], cwd=repo)
    assert result.code == 0, result.err
    assert result.out == (
        "Actie cco-2026-06-30-1 afgerond op 20 november 2026.\n"
        "Actie cco-2026-11-17-3 afgerond op 20 november 2026.\n"
    )
    assert folded.read_text(encoding="utf-8") == before[folded].replace(
        "status: open\n", "status: afgerond\n"
    ).replace(
        "toelichting: In het CCO van 13 oktober en 17 november opnieuw gevraagd.\n",
        "afgerond_op: 2026-11-20\n"
        "toelichting: >-\n"
        "  In het CCO van 13 oktober en 17 november opnieuw gevraagd. Gedaan in het overleg van\n"
        "  20 november.\n",
    )
    assert bare.read_text(encoding="utf-8") == before[bare].replace(
        "status: open\n", "status: afgerond\n"
    ) + (f"afgerond_op: 2026-11-20\ntoelichting: {note}\n")
    assert invoke(capsys, ["validate"], cwd=repo).code == 0


def test_data_option_of_the_group(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    data = str(repo / "data")
    result = invoke(
        capsys, ["acties", "--data", data, "afronden", "cco-2026-11-17-4"], cwd=tmp_path
    )
    assert result.code == 0, result.err
    assert "status: afgerond\n" in (repo / "data/acties/cco-2026-11-17-4.yaml").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["cco-2026-04-07-9"],
            "fout: onbekende actie 'cco-2026-04-07-9'\n  bedoelde u 'cco-2026-04-07-2'?\n",
        ),
        (["xyz"], "fout: onbekende actie 'xyz'\n  zie data/acties/ voor de ids\n"),
        (
            ["cco-2025-12-02-1"],
            "fout: actie cco-2025-12-02-1 is al afgerond (op 4 december 2025)\n",
        ),
        (
            ["stuurgroep-2026-09-24-1"],
            "fout: actie stuurgroep-2026-09-24-1 is vervallen en kan niet worden afgerond\n"
            "  zet eerst met de hand 'status: open' als de actie toch is uitgevoerd\n",
        ),
        (
            ["cco-2026-11-17-1", "--op", "2026-11-01"],
            "fout: actie cco-2026-11-17-1 kan niet op 1 november 2026 zijn afgerond: ze is "
            "afgesproken in de vergadering van 17 november 2026\n"
            "  kies met --op een datum vanaf 17 november 2026\n",
        ),
        (
            ["cco-2026-11-17-1", "--op", "2026-12-01"],
            "fout: de afronddatum 1 december 2026 ligt in de toekomst\n"
            "  kies met --op een datum tot en met vandaag (27 november 2026)\n",
        ),
    ],
)
def test_refused_exits_1_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], message: str
) -> None:
    before = snapshot(repo / "data")
    result = invoke(capsys, ["acties", "afronden", *args], cwd=repo)
    assert result.code == 1
    assert result.out == ""
    assert result.err == message + "Er is niets geschreven.\n"
    assert snapshot(repo / "data") == before


def test_one_wrong_id_of_two_writes_nothing(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    before = snapshot(repo / "data")
    result = invoke(
        capsys, ["acties", "afronden", "cco-2026-11-17-1", "cco-2026-11-17-9"], cwd=repo
    )
    assert result.code == 1
    assert result.err == (
        "fout: onbekende actie 'cco-2026-11-17-9'\n"
        "  bedoelde u 'cco-2026-11-17-4'?\n"
        "Er is niets geschreven.\n"
    )
    assert snapshot(repo / "data") == before


def test_every_problem_is_reported(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["acties", "afronden", "cco-2025-12-02-1", "xyz"], cwd=repo)
    assert result.code == 1
    assert result.err.count("fout: ") == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--op", "gisteren"], "fout: --op: 'gisteren' is geen datum\n"),
        (["--toelichting", " "], "fout: --toelichting is leeg\n"),
    ],
)
def test_wrong_usage_of_afronden_exits_2(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], message: str
) -> None:
    result = invoke(capsys, ["acties", "afronden", "cco-2026-11-17-1", *args], cwd=repo)
    assert result.code == 2
    assert result.err.startswith(message)


# --- waterketen besluiten ---------------------------------------------------------------


def test_decision_register_newest_first(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["besluiten"], cwd=repo)
    assert result.code == 0, result.err
    rows, summary = table(result.out)
    assert summary == "37 besluiten."
    assert len(rows) == 37
    assert [r["nummer"] for r in rows[:4]] == [
        "B-2026-029",
        "B-2026-028",
        "B-2026-027",
        "B-2026-026",
    ]
    assert rows[-1]["nummer"] == "B-2025-001"
    assert rows[0] == {
        "nummer": "B-2026-029",
        "datum": "26 november 2026",
        "overleg": "stuurgroep",
        "project": "",
        "agendapunt": "Vergaderschema 2027",
        "besluit": "De stuurgroep stelt het vergaderschema 2027 vast.",
    }
    assert {r["nummer"] for r in rows} >= CONFIDENTIAL  # the register is internal


def test_public_register_leaves_out_confidential_items(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["besluiten", "--openbaar"], cwd=repo)
    rows, summary = table(result.out)
    assert len(rows) == 33
    assert not CONFIDENTIAL & {r["nummer"] for r in rows}
    assert summary == (
        "33 besluiten; besluiten over vertrouwelijke agendapunten en vertrouwelijke besluiten "
        "zijn weggelaten."
    )
    # Item numbers as on the public agenda: by default a confidential item stays there as
    # a numbered "Besloten punt", so item 8 of the stuurgroep of 11 december 2025 is 8.
    args = ["besluiten", "--openbaar", "--jaar", "2025", "--overleg", "stuurgroep", "-f", "json"]
    doc = json.loads(invoke(capsys, args, cwd=repo).out)
    assert doc["openbaar"] is True
    assert [(b["nummer"], b["agendapunt"]) for b in doc["besluiten"]] == [
        ("B-2025-008", 8),
        ("B-2025-005", 6),
        ("B-2025-004", 5),
    ]
    # A region that leaves confidential items out numbers without them: 8 becomes 7.
    regio = repo / "data" / "regio" / "groningen-noord-drenthe.yaml"
    regio.write_text(
        regio.read_text(encoding="utf-8") + "besloten_punten: weglaten\n", encoding="utf-8"
    )
    doc = json.loads(invoke(capsys, args, cwd=repo).out)
    first = doc["besluiten"][0]
    assert (first["nummer"], first["agendapunt"]) == ("B-2025-008", 7)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # in the text of the decision, whatever the case
        (["--zoek", "STORINGSDIENST"], ["B-2026-024", "B-2026-021", "B-2025-007"]),
        # in the title of the agenda item only
        (["--zoek", "resultaten"], ["B-2026-016"]),
        (["--overleg", "waterteam-waterpas"], ["B-2026-025"]),
        (["--project", "afkoppelen-waterpas"], ["B-2026-025", "B-2026-015", "B-2026-013"]),
        (
            ["--jaar", "2025", "--overleg", "cco"],
            ["B-2025-003", "B-2025-002", "B-2025-001"],
        ),
        (["--zoek", "storingsdienst", "--openbaar"], []),
    ],
)
def test_decision_filters(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], expected: list[str]
) -> None:
    result = invoke(capsys, ["besluiten", *args], cwd=repo)
    assert result.code == 0, result.err
    rows, summary = table(result.out) if expected else ([], result.out.rstrip("\n"))
    assert [r["nummer"] for r in rows] == expected
    assert summary.startswith(f"{len(expected)} besluit")


def test_decisions_json(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    doc = json.loads(invoke(capsys, ["besluiten", "--format", "json"], cwd=repo).out)
    assert (doc["openbaar"], doc["aantal"], len(doc["besluiten"])) == (False, 37, 37)
    assert doc["besluiten"][0] == {
        "nummer": "B-2026-029",
        "datum": "2026-11-26",
        "overleg": "stuurgroep",
        "vergadering": "stuurgroep-2026-11-26",
        "agendapunt": 6,
        "agendapunt_titel": "Vergaderschema 2027",
        "tekst": "De stuurgroep stelt het vergaderschema 2027 vast.",
        "project": None,
    }


def test_unknown_project_exits_2(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["besluiten", "--project", "afkoppelen-waterps"], cwd=repo)
    assert result.code == 2
    assert result.err == (
        "fout: onbekend project 'afkoppelen-waterps' bij --project\n"
        "  bedoelde u 'afkoppelen-waterpas'?\n"
    )
