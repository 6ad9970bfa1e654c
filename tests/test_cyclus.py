"""The whole meeting cycle as the README tells it ("Een vergadering, van agenda tot
vastgesteld verslag"), on the example data and on today's real date: the example data
must stay usable as time passes, not only on the fixed day of the other tests.

After every step ``validate`` finds no error and ``fmt --check`` passes.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from helpers import Uitvoer, invoke

TWEE_WEKEN = dt.timedelta(days=14)


def _dates(repo: Path, today: dt.date) -> tuple[dt.date, dt.date]:
    """Two new CCO meetings: after today and after every CCO meeting already planned
    (so that the second adopts the minutes of the first), a month apart."""
    cco = [
        dt.date.fromisoformat(f.stem.removeprefix("cco-"))
        for f in (repo / "data" / "vergaderingen").glob("cco-*.yaml")
    ]
    first = max([today, *cco]) + TWEE_WEKEN
    return first, first + 2 * TWEE_WEKEN


def _fill(skeleton: str) -> str:
    """What a notulist does: everyone in the attendance present, every beslispunt
    adopted, one action agreed under the first item that asks for actions."""
    head, rest = skeleton.split("## Aanwezigheid", 1)
    attendance, items = rest.split("\n## ", 1)
    attendance = attendance.replace("- [ ] ", "- [x] ")
    items = re.sub(r"^- \[ \] (?!\S+ — )", "- [x] ", items, flags=re.MULTILINE)
    items = items.replace(
        "- … — actiehouder: p-…, deadline: JJJJ-MM-DD",
        "- Besluiten terugkoppelen aan de waterteams — actiehouder: p-wiersma, "
        "deadline: 1 december 2099",
        1,
    )
    items = items.replace("Verslag:\n\n…", "Verslag:\n\nBesproken zoals voorgesteld.", 1)
    return head + "## Aanwezigheid" + attendance + "\n## " + items


class Cyclus:
    def __init__(self, capsys: pytest.CaptureFixture[str], repo: Path) -> None:
        self.capsys, self.repo = capsys, repo

    def run(self, *args: str) -> Uitvoer:
        result = invoke(self.capsys, list(args), cwd=self.repo)
        assert result.code == 0, (args, result.err)
        for check in (["validate"], ["fmt", "--check"]):
            after = invoke(self.capsys, check, cwd=self.repo)
            assert after.code == 0, (args, check, after.out, after.err)
        return result

    def record(self, ident: str) -> dict[str, object]:
        path = self.repo / "data" / "vergaderingen" / f"{ident}.yaml"
        loaded: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8"))
        return loaded


@pytest.mark.parametrize("later", [0, 400], ids=["vandaag", "over-400-dagen"])
def test_the_cycle_of_the_readme_on_todays_date(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch, later: int
) -> None:
    """Today, and once more as if the example data were a year older."""
    today = dt.date.today() + dt.timedelta(days=later)
    monkeypatch.setenv("WATERKETEN_VANDAAG", today.isoformat())
    first, second = _dates(repo, today)
    eerste, tweede = f"cco-{first.isoformat()}", f"cco-{second.isoformat()}"
    cyclus = Cyclus(capsys, repo)

    # 1. Agenda maken, 2. versturen.
    cyclus.run("validate")
    cyclus.run("agenda", "new", "--datum", first.isoformat())
    assert cyclus.record(eerste)["status"] == "concept"
    agenda = cyclus.run("agenda", "render", eerste, "-o", "agenda.md")
    assert "agenda.md" in agenda.out
    text = (repo / "agenda.md").read_text(encoding="utf-8")
    assert text.startswith("# Agenda Clustercoördinatorenoverleg")
    assert "## Bijlage: uitvoering stuurgroepbesluiten" in text
    cyclus.run("agenda", "render", eerste, "--openbaar", "-o", "agenda-openbaar.md")
    cyclus.run("agenda", "bundel", eerste, "-o", "bundel.pdf")
    assert (repo / "bundel.pdf").read_bytes().startswith(b"%PDF")
    cyclus.run("kalender", "-o", "vergaderingen.ics")
    assert f"UID:{eerste}@waterketen" in (repo / "vergaderingen.ics").read_text(encoding="utf-8")

    # 3. Notuleren: the skeleton before, processing after the meeting.
    cyclus.run("notulen", "new", eerste, "-o", "verslag.md")
    verslag = repo / "verslag.md"
    verslag.write_text(_fill(verslag.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setenv("WATERKETEN_VANDAAG", first.isoformat())
    verwerkt = cyclus.run("notulen", "verwerk", "verslag.md")
    assert f"Vergadering {eerste}: status gehouden" in verwerkt.out
    assert cyclus.record(eerste)["status"] == "gehouden"

    # 4. Verslag en besluitenlijst: concept until the next meeting adopts them.
    document = cyclus.run("notulen", "render", eerste).out
    assert "- Status: Concept: nog niet vastgesteld" in document
    assert "Besproken zoals voorgesteld." in document
    assert "Besluiten terugkoppelen aan de waterteams" in document
    cyclus.run("besluitenlijst", eerste, "--openbaar", "-o", "besluitenlijst.md")

    # 5. Opvolgen.
    acties = cyclus.run("acties", "--overleg", "cco").out
    assert f"{eerste}-1" in acties
    cyclus.run("acties", "afronden", f"{eerste}-1")
    cyclus.run("uitvoering", "-o", "uitvoering.md")

    # The next meeting adopts the minutes of the first.
    cyclus.run("agenda", "new", "--datum", second.isoformat())
    cyclus.run("notulen", "new", tweede, "-o", "verslag-2.md", "--overschrijf")
    skeleton = (repo / "verslag-2.md").read_text(encoding="utf-8")
    assert "Vaststelling: conform" in skeleton
    (repo / "verslag-2.md").write_text(_fill(skeleton), encoding="utf-8")
    monkeypatch.setenv("WATERKETEN_VANDAAG", second.isoformat())
    verwerkt = cyclus.run("notulen", "verwerk", "verslag-2.md")
    assert f"Verslag van {eerste} vastgesteld (conform)." in verwerkt.out
    assert cyclus.record(eerste)["status"] == "verslag vastgesteld"
    document = cyclus.run("notulen", "render", eerste).out
    assert "- Status: Vastgesteld in de vergadering van " in document
