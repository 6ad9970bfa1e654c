"""The finished documents of a meeting: the verslag, the besluitenlijst and the report
on carrying out the stuurgroep's decisions (also the annex of the CCO agenda)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from helpers import assert_golden, invoke

STUURGROEP = "stuurgroep-2026-09-24"  # held, adopted, with a confidential item and decision


def gfm_tables(markdown: str) -> list[list[int]]:
    """Per table the number of cells in each row, as a real GFM renderer sees them: a
    stray '|' or line break in a cell shows as a row of the wrong width."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables: list[list[int]] = []
    cells = 0
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            tables[-1].append(cells)
    return tables


def assert_tables_whole(markdown: str, *, expected: int) -> None:
    tables = gfm_tables(markdown)
    assert len(tables) == expected
    for rows in tables:
        assert len(rows) > 1 and len(set(rows)) == 1, rows
    # Every row of the source that looks like a table row is inside a table.
    source_rows = sum(1 for line in markdown.splitlines() if line.startswith("| "))
    assert source_rows == sum(len(rows) for rows in tables)


def render(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> str:
    result = invoke(capsys, list(args), cwd=repo)
    assert result.code == 0, result.err
    return result.out


def test_verslag_internal_and_public(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    intern = render(capsys, repo, "notulen", "render", STUURGROEP)
    openbaar = render(capsys, repo, "notulen", "render", STUURGROEP, "--openbaar")
    assert_golden(f"verslag/{STUURGROEP}.md", intern)
    assert_golden(f"verslag/{STUURGROEP}-openbaar.md", openbaar)
    assert "- Status: Vastgesteld in de vergadering van 26 november 2026 (conform)" in intern
    # Bestuurders by their office; attendance complete.
    assert "Hendrik Mulder (wethouder gemeente Groningen)" in intern
    assert "## 7. Evaluatie pilot storingsdienst gemalen" in intern
    assert "B-2026-024" in intern
    # The public version: the confidential item is a besloten punt without its report,
    # its decision is gone and there are no actions at all.
    assert "## 7. Besloten punt\n\nDit punt is in beslotenheid behandeld.\n" in openbaar
    for secret in ("storingsdienst", "B-2026-024", "Actielijst", "stuurgroep-2026-09-24-"):
        assert secret not in openbaar
    assert_tables_whole(intern, expected=1)  # the action list
    assert_tables_whole(openbaar, expected=0)
    headings = [line for line in intern.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Aanwezigheid" and headings[-1] == "## Actielijst"
    assert len(headings) == 2 + 10  # every agenda item


def test_besluitenlijst_internal_and_public(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    intern = render(capsys, repo, "besluitenlijst", STUURGROEP)
    openbaar = render(capsys, repo, "besluitenlijst", STUURGROEP, "--openbaar")
    assert_golden(f"verslag/besluitenlijst-{STUURGROEP}.md", intern)
    assert_golden(f"verslag/besluitenlijst-{STUURGROEP}-openbaar.md", openbaar)
    assert_tables_whole(intern, expected=1)
    assert_tables_whole(openbaar, expected=1)
    assert gfm_tables(intern)[0] == [3] * 4  # header and three decisions
    assert gfm_tables(openbaar)[0] == [3] * 3
    assert "B-2026-024" in intern and "B-2026-024" not in openbaar
    assert "staan niet in deze openbare lijst" in openbaar
    assert "staan niet in" not in intern


def test_verslag_of_a_meeting_not_yet_held(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    text = render(capsys, repo, "notulen", "render", "cco-2026-12-15")
    assert "- Status: Concept: nog niet vastgesteld" in text
    assert "Van deze vergadering is nog geen verslag verwerkt." in text
    assert "Geen verslag." not in text  # nothing claimed about items not yet discussed
    lijst = render(capsys, repo, "besluitenlijst", "cco-2026-12-15")
    assert "In deze vergadering zijn (nog) geen besluiten vastgelegd." in lijst


def test_unknown_meeting_is_a_clear_error(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["notulen", "render", "cco-2026-12-16"], cwd=repo)
    assert result.code == 2  # a wrong argument, like every command with an unknown id
    assert "cco-2026-12-16" in result.err and "cco-2026-12-15" in result.err  # a suggestion


def test_uitvoering_report(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    text = render(capsys, repo, "uitvoering")
    assert_golden("verslag/uitvoering.md", text)
    assert_tables_whole(text, expected=2)
    # Every stuurgroep decision is in it, once.
    besluiten = render(capsys, repo, "besluiten", "--overleg", "stuurgroep", "--format", "json")
    import json

    nummers = [b["nummer"] for b in json.loads(besluiten)["besluiten"]]
    assert nummers and all(text.count(f"| {n} |") == 1 for n in nummers)
    # The overdue action of B-2026-015 keeps that decision in the first part.
    in_uitvoering = text.split("## Uitgevoerd of zonder uitvoering")[0]
    assert "| B-2026-015 |" in in_uitvoering
    assert "1 actie open, waarvan 1 verlopen" in in_uitvoering


def test_finishing_the_action_carries_out_the_decision(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["acties", "afronden", "stuurgroep-2026-11-26-1"], cwd=repo)
    assert result.code == 0, result.err
    text = render(capsys, repo, "uitvoering")
    done = text.split("## Uitgevoerd of zonder uitvoering")[1]
    assert "| B-2026-028 |" in done
    assert "uitgevoerd (27 november 2026)" in done


def test_cco_agenda_has_the_uitvoering_annex_internally_only(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    intern = render(capsys, repo, "agenda", "render", "cco-2026-12-15")
    annex = intern.split("## Bijlage: uitvoering stuurgroepbesluiten\n", 1)[1]
    # What the CCO must look at since its previous meeting (17 november) comes first:
    # the decisions of the stuurgroep of 26 november and what is still open.
    first, rest = annex.split("### Uitgevoerd of zonder uitvoering", 1)
    assert "### Nieuw sinds 17 november 2026, in uitvoering of sindsdien uitgevoerd" in first
    for nummer in ("B-2026-015", "B-2026-028", "B-2026-029"):
        assert f"| {nummer} |" in first
    assert "| B-2025-004 |" in rest
    # Overdue stuurgroep actions are in the CCO's action annex too.
    assert "stuurgroep-2026-06-04-1" in intern.split("## Bijlage: uitvoering")[0]
    openbaar = render(capsys, repo, "agenda", "render", "cco-2026-12-15", "--openbaar")
    assert "uitvoering stuurgroepbesluiten" not in openbaar
    assert "stuurgroep-2026-06-04-1" not in openbaar
    # The stuurgroep's own agenda has no such annex.
    stuurgroep = render(capsys, repo, "agenda", "render", "stuurgroep-2026-11-26")
    assert "uitvoering stuurgroepbesluiten" not in stuurgroep
