"""``agenda new`` and ``agenda render`` as the secretary uses them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import snapshot
from helpers import assert_golden, invoke


def _git_status(repo: Path) -> str:
    return subprocess.run(
        ["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def test_new_meeting_of_the_cco(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["agenda", "new", "--datum", "2027-01-26"], cwd=repo)
    assert result.code == 0, result.err
    path = repo / "data" / "vergaderingen" / "cco-2027-01-26.yaml"
    assert "Vergadering aangemaakt: data/vergaderingen/cco-2027-01-26.yaml" in result.out
    assert "Clustercoördinatorenoverleg, dinsdag 26 januari 2027, 13.30 – 15.20 uur" in result.out
    # The stuurgroep meets on 11 March, before the CCO's next meeting: its concept
    # agenda is settled here, once.
    assert "Concept-agenda stuurgroep 11 maart 2027 — ter besluitvorming" in result.out
    assert_golden("agenda/cco-2027-01-26.yaml", path.read_text(encoding="utf-8"))
    # The proposals it put on the agenda are marked, their comments kept.
    voorstel = (
        repo / "data" / "agendavoorstellen" / "cco-kennisdag-klimaatadaptatie.yaml"
    ).read_text()
    assert voorstel.startswith("# yaml-language-server")
    assert "vergadering: cco-2027-01-26\nstatus: geagendeerd\n" in voorstel
    assert (
        invoke(
            capsys,
            ["validate", "--skip", "actie-verlopen", "--skip", "programma-verouderd"],
            cwd=repo,
        ).code
        == 0
    )


def test_agenda_order_and_sources(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(
        capsys,
        ["agenda", "new", "--overleg", "stuurgroep", "--datum", "2027-02-04", "--droog"],
        cwd=repo,
    )
    assert result.code == 0
    assert titles(result.out) == [
        "Opening en vaststellen agenda",
        "Verslag en besluitenlijst vorige vergadering",
        "Ingekomen stukken",
        "Mededelingen, onder meer uit het clustercoördinatorenoverleg",
        "Evaluatie waterakkoord Ons Water centraal en de samenwerking na 2027",
        "Rondvraag",
        "Sluiting",
    ]
    # The regenwater proposal is to decide on and prepared by the CCO on 15 December:
    # it waits until the CCO's advice is recorded, and says so.
    assert (
        "let op: nog niet op de agenda: Projectvoorstel regenwateraanpak bij particulieren Kop "
        "van Drenthe (stuurgroep-regenwater-kop-van-drenthe): wacht op het advies uit "
        "vergadering cco-2026-12-15: er is geen adviesbesluit (advies_besluit)"
    ) in result.err


def titles(out: str) -> list[str]:
    lines = [line for line in out.splitlines() if line[:3].strip().rstrip(".").isdigit()]
    return [line.split(". ", 1)[1].split(" — ")[0] for line in lines]


def test_the_stuurgroep_takes_a_proposal_once_the_cco_advised(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CCO of 15 December advises positively (its minutes, processed), the
    proposal names that decision: now the stuurgroep agenda takes it, with the advice."""
    from test_notulen import fill

    monkeypatch.setenv("WATERKETEN_VANDAAG", "2026-12-16")
    skeleton = invoke(capsys, ["notulen", "new", "cco-2026-12-15"], cwd=repo).out
    filled = fill(skeleton).replace("- [-] Het CCO adviseert", "- [x] Het CCO adviseert", 1)
    (tmp_path / "verslag.md").write_text(filled, encoding="utf-8")
    verwerkt = invoke(capsys, ["notulen", "verwerk", str(tmp_path / "verslag.md")], cwd=repo)
    assert verwerkt.code == 0, verwerkt.err
    assert "Besluit B-cco-2026-12-15-5 (punt 6): Het CCO adviseert" in verwerkt.out
    path = repo / "data" / "agendavoorstellen" / "stuurgroep-regenwater-kop-van-drenthe.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  aanbieding:\n", "  aanbieding:\n    advies_besluit: B-cco-2026-12-15-5\n"),
        encoding="utf-8",
    )
    assert invoke(capsys, ["fmt", str(path)], cwd=repo).code == 0
    new = ["agenda", "new", "--overleg", "stuurgroep", "--datum", "2027-02-04"]
    result = invoke(capsys, new, cwd=repo)
    assert result.code == 0, result.err
    assert "Projectvoorstel regenwateraanpak bij particulieren Kop van Drenthe" in titles(
        result.out
    )
    agenda = invoke(capsys, ["agenda", "render", "stuurgroep-2027-02-04"], cwd=repo).out
    assert (
        "- Advies: Clustercoördinatorenoverleg, 15 december 2026, besluit B-cco-2026-12-15-5: "
        "Het CCO adviseert de stuurgroep positief over het projectvoorstel regenwateraanpak "
        "bij particulieren Kop van Drenthe."
    ) in agenda
    assert "- Aanleiding: In Kop van Drenthe loopt het hemelwater" in agenda
    assert "- Financiële gevolgen: € 120.000 uit het regionale budget" in agenda


def test_held_over_items_come_back(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    """cco-2026-11-17 held the energiescan over; a meeting right after it gets it back,
    without the report of that meeting's discussion."""
    result = invoke(
        capsys, ["agenda", "new", "--datum", "2026-11-24", "--droog", "--toch"], cwd=repo
    )
    assert result.code == 0, result.err
    assert "Projectvoorstel energiescan gemalen en zuiveringen" in result.out
    assert "Aangehouden in de vergadering van 17 november 2026." in result.out
    assert "De waterschappen willen de kostenverdeling eerst" not in result.out


def test_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    before = snapshot(repo / "data")
    result = invoke(capsys, ["agenda", "new", "--datum", "2027-01-26", "--droog"], cwd=repo)
    assert result.code == 0
    assert result.err.startswith("Droog: er wordt niets geschreven.\nnieuw: data/vergaderingen/")
    assert snapshot(repo / "data") == before
    assert _git_status(repo) == ""


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--datum", "2026-12-15"],
            1,
            "fout: er is al een vergadering van Clustercoördinatorenoverleg op 15 december 2026 "
            "(cco-2026-12-15)",
        ),
        (
            ["--datum", "2026-11-01"],
            1,
            "fout: 1 november 2026 ligt in het verleden\n  gebruik --toch",
        ),
        (
            ["--datum", "2027-01-26", "--overleg", "stuurgoep"],
            2,
            "fout: onbekend overleg 'stuurgoep' bij --overleg\n  bedoelde u 'stuurgroep'?",
        ),
        (["--datum", "26-13-2027"], 2, "fout: --datum: '26-13-2027' is geen datum"),
        (["--datum", "2027-01-26", "--tijd", "25:00"], 2, "fout: --tijd: '25:00' is geen tijd"),
    ],
)
def test_refusals(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], code: int, message: str
) -> None:
    before = snapshot(repo / "data")
    result = invoke(capsys, ["agenda", "new", *args], cwd=repo)
    assert result.code == code
    assert result.err.startswith(message), result.err
    assert snapshot(repo / "data") == before


def test_render_golden_internal_and_public(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    intern = invoke(capsys, ["agenda", "render", "cco-2026-11-17"], cwd=repo)
    assert intern.code == 0
    assert_golden("agenda/cco-2026-11-17.md", intern.out)
    publiek = invoke(capsys, ["agenda", "render", "cco-2026-11-17", "--openbaar"], cwd=repo)
    assert_golden("agenda/cco-2026-11-17-openbaar.md", publiek.out)
    # The confidential item is absent, not marked; numbering has no gap.
    assert "Bezetting clusters" in intern.out and "(vertrouwelijk)" in intern.out
    assert "Bezetting clusters" not in publiek.out and "vertrouwelijk" not in publiek.out
    # Civil servants who did not agree are named by function; no contact details.
    assert "Marieke Kuipers" in intern.out and "Marieke Kuipers" not in publiek.out
    assert "@" not in publiek.out and "Bijlage: openstaande acties" not in publiek.out
    assert invoke(capsys, ["agenda", "render", "cco-2026-11-17"], cwd=repo).out == intern.out


def test_tables_survive_pipes_and_line_breaks(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    path = repo / "data" / "vergaderingen" / "cco-2026-11-17.yaml"
    text = path.read_text(encoding="utf-8")
    # A title is one line (a line break is a finding); a line separator (U+2028) is
    # text that a table cell still has to fold.
    path.write_text(
        text.replace("  - titel: Mededelingen\n", '  - titel: "Riool | regen\\u2028water"\n', 1)
    )
    result = invoke(capsys, ["agenda", "render", "cco-2026-11-17"], cwd=repo)
    assert result.code == 0
    html = MarkdownIt("commonmark").enable("table").render(result.out)
    agenda_table = html.split("<table>")[2].split("</table>")[0]
    rows = agenda_table.count("<tr>")
    assert rows == 1 + 11  # header and eleven items
    assert "Riool | regen water" in agenda_table
    for row in agenda_table.split("<tr>")[1:]:
        assert row.count("<td") + row.count("<th") == 5


def test_render_to_file_never_overwrites(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    target = tmp_path / "agenda.md"
    first = invoke(capsys, ["agenda", "render", "cco-2026-11-17", "-o", str(target)], cwd=repo)
    assert first.code == 0 and target.exists()
    again = invoke(capsys, ["agenda", "render", "cco-2026-11-17", "-o", str(target)], cwd=repo)
    assert again.code == 2
    assert f"fout: {target} bestaat al" in again.err
    unknown = invoke(capsys, ["agenda", "render", "cco-2026-11-18"], cwd=repo)
    assert unknown.code == 2
    assert (
        "fout: onbekende vergadering 'cco-2026-11-18'\n  bedoelde u 'cco-2026-11-17'?"
        in unknown.err
    )


def test_templates_can_be_overridden(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "templates").mkdir(exist_ok=True)
    (repo / "templates" / "agenda.md.j2").write_text("Eigen agenda: {{ vergadering.id }}\n")
    result = invoke(capsys, ["agenda", "render", "cco-2026-11-17"], cwd=repo)
    assert result.out.startswith(
        "Eigen agenda: cco-2026-11-17\n\n## Bijlage: activiteitenoverzicht"
    )
    (repo / "templates" / "overzicht.md.j2").write_text("Eigen overzicht\n")
    (repo / "templates" / "uitvoering.md.j2").write_text("Eigen uitvoering\n")
    result = invoke(capsys, ["agenda", "render", "cco-2026-11-17"], cwd=repo)
    assert result.out == "Eigen agenda: cco-2026-11-17\n\nEigen overzicht\n\nEigen uitvoering\n"


CONFIDENTIAL_TITLE = "Bezetting clusters en vervanging bij ziekte"


def test_public_agenda_shows_a_closed_item_without_its_subject(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """By default a confidential item is a numbered 'Besloten punt': numbering and times
    match the internal agenda and the minutes; subject, presenter and stukken are gone."""
    args = ["agenda", "render", "cco-2026-11-17"]
    intern = invoke(capsys, args, cwd=repo).out
    publiek = invoke(capsys, [*args, "--openbaar"], cwd=repo).out
    assert CONFIDENTIAL_TITLE in intern and CONFIDENTIAL_TITLE not in publiek
    assert "| 8 | 15.10–15.25 | Besloten punt | ter bespreking |  |" in publiek
    assert "### 8. Besloten punt\n" in publiek
    assert "- Dit punt wordt in beslotenheid behandeld." in publiek
    assert (
        "| 9 | 15.25–15.40 | Communicatie |" in publiek
        and "| 9 | 15.25–15.40 | Communicatie |" in intern
    )


def test_public_agenda_leaves_closed_items_out_when_the_region_says_so(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """Left out, the rest is renumbered and no item shows a time: a gap in the times
    would betray that something is missing."""
    regio = repo / "data" / "regio" / "groningen-noord-drenthe.yaml"
    regio.write_text(
        regio.read_text(encoding="utf-8") + "besloten_punten: weglaten\n", encoding="utf-8"
    )
    publiek = invoke(capsys, ["agenda", "render", "cco-2026-11-17", "--openbaar"], cwd=repo).out
    assert CONFIDENTIAL_TITLE not in publiek and "Besloten punt" not in publiek
    assert "15.10" not in publiek and "- Tijd: 13.30 – 16.00 uur" in publiek
    assert "| 8 | Communicatie |" in publiek
    assert "Punten die in beslotenheid worden behandeld, staan niet op deze openbare agenda." in (
        publiek
    )
