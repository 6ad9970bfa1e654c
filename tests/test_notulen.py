"""The minutes: the skeleton, filled in by hand (with mistakes), processed back."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE_DATA, snapshot
from helpers import assert_golden, invoke
from waterketen_cli import render
from waterketen_cli.models.records import Besluit, Persoon, Vergadering
from waterketen_cli.records import dataset
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import notulen, notulenformulier, notulenlezer
from waterketen_cli.vergaderen.notulenlezer import NotulenFout

MEETING = "cco-2026-12-15"


@pytest.fixture
def after_meeting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATERKETEN_VANDAAG", "2026-12-16")


def line_no(lines: list[str], needle: str) -> int:
    """The number of the one line that contains needle."""
    [number] = [i for i, line in enumerate(lines, 1) if needle in line]
    return number


def skeleton(capsys: pytest.CaptureFixture[str], repo: Path) -> str:
    result = invoke(capsys, ["notulen", "new", MEETING], cwd=repo)
    assert result.code == 0, result.err
    return result.out


def fill(text: str, *, mistakes: bool = False) -> str:
    for person in ("p-kuipers", "p-hoekstra", "p-van-der-meer", "p-wiersma", "p-smit", "p-boersma"):
        text = text.replace(f"- [ ] {person} —", f"- [x] {person} —", 1)
    text = text.replace("- [ ] p-brink —", "- [-] p-brink —", 1)
    head, item5 = text.split("## 5. ", 1)
    item5, rest = item5.split("\n## 6. ", 1)
    item5 = item5.replace("Afhandeling: behandeld", "Afhandeling: behandeld", 1)
    item5 = item5.replace(
        "Verslag:\n\n…",
        "Verslag:\n\nHet aangepaste voorstel is besproken.\nDe waterschappen dragen 40% bij.",
        1,
    )
    # The agenda's two beslispunten: the first adopted as proposed, the second changed.
    item5 = item5.replace("- [ ] Het CCO keurt", "- [x] Het CCO keurt", 1)
    item5 = item5.replace(
        "- [ ] Het CCO stemt in met de kostenverdeling: de waterschappen dragen 40% bij",
        "- [x] Het CCO stemt in met de kostenverdeling: de waterschappen dragen 45% bij",
        1,
    )
    item5 = item5.replace(
        "\n- …\n",
        "\n- Het CCO stemt in met de energiescan | fase 1.\n"
        "- De kostenverdeling gaat naar de stuurgroep.\n",
        1,
    )
    owner = "p-wirsma" if mistakes else "p-wiersma"
    deadline = "15-13-2027" if mistakes else "2027-01-15"
    item5 = item5.replace(
        "- … — actiehouder: p-…, deadline: JJJJ-MM-DD",
        f"- Kostenverdeling agenderen voor de stuurgroep — actiehouder: {owner}, "
        "deadline: 2027-01-15\n"
        f"- Startbijeenkomst plannen — actiehouder: p-wolters, deadline: {deadline}",
        1,
    )
    # Item 6's beslispunt is not adopted.
    rest = rest.replace("- [ ] Het CCO adviseert", "- [-] Het CCO adviseert", 1)
    text = head + "## 5. " + item5 + "\n## 6. " + rest
    text = text.replace("## 7. Jaarplanning", "## 7. Jaarplanning", 1)
    text = text.replace("- [ ] cco-2026-11-17-3 —", "- [x] cco-2026-11-17-3 —", 1)
    mark = "[?]" if mistakes else "[-]"
    return text.replace("- [ ] cco-2026-04-07-1 —", f"- {mark} cco-2026-04-07-1 —", 1)


def test_skeleton_golden(
    capsys: pytest.CaptureFixture[str], repo: Path, after_meeting: None
) -> None:
    text = skeleton(capsys, repo)
    assert_golden("notulen/cco-2026-12-15.md", text)
    assert "<!-- waterketen:vergadering cco-2026-12-15 -->" in text
    assert "## 10. Sluiting" in text
    assert "- [ ] cco-2026-04-07-1 — " in text  # an open action carried over


def test_mistakes_are_reported_by_line_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path, after_meeting: None
) -> None:
    filled = tmp_path / "verslag.md"
    filled.write_text(fill(skeleton(capsys, repo), mistakes=True), encoding="utf-8")
    before = snapshot(repo / "data")
    result = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert result.code == 1
    lines = filled.read_text(encoding="utf-8").splitlines()
    bad_deadline = line_no(lines, "15-13-2027")
    bad_mark = line_no(lines, "[?]")
    assert "het verslag kan niet worden verwerkt (2 problemen):\n" in result.err
    assert f"{filled}:{bad_deadline}: actie: deadline '15-13-2027' bestaat niet\n" in result.err
    assert f"{filled}:{bad_mark}: onbekend teken '[?]': gebruik [x], [-] of [ ]\n" in result.err
    assert "er is niets geschreven" in result.err
    assert snapshot(repo / "data") == before
    # Fixed the syntax, but the owner is still misspelt: reported with a suggestion.
    filled.write_text(
        fill(skeleton(capsys, repo), mistakes=True)
        .replace("15-13-2027", "2027-01-15")
        .replace("[?]", "[-]"),
        encoding="utf-8",
    )
    result = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert result.code == 1
    owner = line_no(filled.read_text(encoding="utf-8").splitlines(), "p-wirsma")
    assert (
        f"{filled}:{owner}: onbekende actiehouder 'p-wirsma' (bedoelde u 'p-wiersma'?)"
        in result.err
    )
    assert snapshot(repo / "data") == before


def test_processing_records_everything(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path, after_meeting: None
) -> None:
    filled = tmp_path / "verslag.md"
    filled.write_text(fill(skeleton(capsys, repo)), encoding="utf-8")
    result = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert result.code == 0, result.err
    assert result.out.splitlines()[:7] == [
        "Vergadering cco-2026-12-15: status gehouden, 6 aanwezig, 2 afgemeld.",
        # the agenda's beslispunten first: as proposed, changed, not adopted
        "Besluit B-cco-2026-12-15-1 (punt 5): Het CCO keurt het projectvoorstel Energiescan "
        "gemalen en zuiveringen goed.",
        "Besluit B-cco-2026-12-15-2 (punt 5) (gewijzigd aangenomen): Het CCO stemt in met de "
        "kostenverdeling: de waterschappen dragen 45% bij, de gemeenten en waterbedrijven "
        "samen 60%.",
        "Besluit B-cco-2026-12-15-3 (punt 5): Het CCO stemt in met de energiescan | fase 1.",
        "Besluit B-cco-2026-12-15-4 (punt 5): De kostenverdeling gaat naar de stuurgroep.",
        "Besluit B-cco-2026-12-15-5 (punt 6) (niet aangenomen): Het CCO adviseert de "
        "stuurgroep positief over het projectvoorstel regenwateraanpak bij particulieren "
        "Kop van Drenthe.",
        "Verslag van cco-2026-11-17 vastgesteld (conform).",
    ]
    data = repo / "data"
    meeting = (data / "vergaderingen" / f"{MEETING}.yaml").read_text(encoding="utf-8")
    assert_golden("notulen/cco-2026-12-15-verwerkt.yaml", meeting)
    assert meeting.startswith(
        "# yaml-language-server: $schema=../../schemas/vergadering.schema.json\n"
    )
    new_action = (data / "acties" / "cco-2026-12-15-1.yaml").read_text(encoding="utf-8")
    assert "actiehouder: p-wiersma\ndeadline: 2027-01-15\nstatus: open\n" in new_action
    closed = (data / "acties" / "cco-2026-11-17-3.yaml").read_text(encoding="utf-8")
    assert "status: afgerond\n" in closed and "afgerond_op: 2026-12-15\n" in closed
    dropped = (data / "acties" / "cco-2026-04-07-1.yaml").read_text(encoding="utf-8")
    assert "status: vervallen\n" in dropped
    assert "# Deadline verstreken; staat nog open op de actielijst." in dropped  # comment kept
    diff = subprocess.run(
        ["git", "diff", "--stat"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    # this meeting, the previous one (its minutes adopted) and two actions; two new files
    assert "4 files changed" in diff
    previous = (data / "vergaderingen" / "cco-2026-11-17.yaml").read_text(encoding="utf-8")
    assert "status: verslag vastgesteld\n" in previous
    assert "vastgesteld:\n  op: 2026-12-15\n  vergadering: cco-2026-12-15\n" in previous
    assert (
        invoke(
            capsys,
            ["validate", "--skip", "actie-verlopen", "--skip", "programma-verouderd"],
            cwd=repo,
        ).code
        == 0
    )
    # Processing the same minutes twice is refused.
    again = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert again.code == 1
    assert "het verslag van cco-2026-12-15 is al verwerkt (status 'gehouden')" in again.err


def test_missing_marker_and_unknown_meeting(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    filled = tmp_path / "verslag.md"
    filled.write_text("# Verslag\n", encoding="utf-8")
    result = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert result.code == 1
    assert f"{filled}:1: de regel '<!-- waterketen:vergadering … -->' ontbreekt" in result.err
    missing = invoke(capsys, ["notulen", "verwerk", str(tmp_path / "nergens.md")], cwd=repo)
    assert missing.code == 2


def test_a_meeting_not_yet_held_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    # conftest's day is 2026-11-27, before the meeting of 15 December.
    filled = tmp_path / "verslag.md"
    filled.write_text(fill(skeleton(capsys, repo)), encoding="utf-8")
    before = snapshot(repo / "data")
    result = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert result.code == 1
    assert result.err.startswith(
        "fout: het verslag kan niet worden verwerkt (1 probleem):\n"
        f"{filled}:3: de vergadering van 15 december 2026 is nog niet geweest; "
        "verwerk het verslag na de vergadering\n"
    )
    assert snapshot(repo / "data") == before


VERSLAG = """\
Het aangepaste voorstel is besproken … en aangenomen.

## Toelichting

> De waterschappen dragen 40% bij.

- fase 1
  - de gemalen
- fase 2"""


def test_processing_keeps_markdown_names_dutch_dates_and_windows_line_ends(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path, after_meeting: None
) -> None:
    text = fill(skeleton(capsys, repo))
    text = text.replace(
        "Verslag:\n\nHet aangepaste voorstel is besproken.\nDe waterschappen dragen 40% bij.",
        "Verslag:\n\n" + VERSLAG,
        1,
    )
    text = text.replace(
        "- Het CCO stemt in met de energiescan | fase 1.",
        "- Het CCO stemt in met fase 1 … 3\n  van de energiescan.",
        1,
    )
    text = text.replace(
        "- Startbijeenkomst plannen — actiehouder: p-wolters, deadline: 2027-01-15",
        "- Startbijeenkomst plannen -- actiehouder: marieke kuipers, deadline: 1 mrt 2027",
        1,
    )
    filled = tmp_path / "verslag.md"
    filled.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = invoke(capsys, ["notulen", "verwerk", str(filled)], cwd=repo)
    assert result.code == 0, result.err
    assert (
        "Besluit B-cco-2026-12-15-3 (punt 5): Het CCO stemt in met fase 1 … 3 van de "
        "energiescan.\n" in result.out
    )
    data = repo / "data"
    meeting = (data / "vergaderingen" / f"{MEETING}.yaml").read_text(encoding="utf-8")
    assert (
        "    verslag: |\n"
        + "".join(f"      {line}\n" if line else "\n" for line in VERSLAG.splitlines())
        in meeting
    )
    new_action = (data / "acties" / "cco-2026-12-15-2.yaml").read_text(encoding="utf-8")
    assert "omschrijving: Startbijeenkomst plannen\n" in new_action
    assert "actiehouder: p-kuipers\ndeadline: 2027-03-01\n" in new_action


# --- notulen.check on its own -----------------------------------------------------------

PAD = "verslag.md"
HELD = dt.date(2026, 12, 16)


@pytest.fixture
def gegevens() -> Gegevens:
    return dataset.load(EXAMPLE_DATA, ["vergadering", "overleg", "persoon", "organisatie", "actie"])


def blank(gegevens: Gegevens) -> str:
    vergadering = gegevens.get(Vergadering, MEETING)
    assert vergadering is not None
    text = render.render(
        None, "notulen.md.j2", **notulenformulier.skeleton_context(gegevens, vergadering)
    )
    return re.sub(r"(?m)^- \[ \] (?=[A-Z])", "- [x] ", text)  # the beslispunten adopted


def with_actions(text: str, *lines: str) -> str:
    """The skeleton with these actions under item 5."""
    head, item5 = text.split("\n## 5. ", 1)
    item5 = item5.replace("- … — actiehouder: p-…, deadline: JJJJ-MM-DD", "\n".join(lines), 1)
    return head + "\n## 5. " + item5


def check(gegevens: Gegevens, text: str, vandaag: dt.date = HELD) -> notulen.Verwerking:
    return notulen.check(gegevens, notulenlezer.read(text, PAD), text, PAD, vandaag=vandaag)


def check_problems(gegevens: Gegevens, text: str, vandaag: dt.date = HELD) -> list[tuple[int, str]]:
    with pytest.raises(NotulenFout) as caught:
        check(gegevens, text, vandaag)
    return caught.value.fouten


def test_check_resolves_an_actiehouder_by_id_or_by_name(gegevens: Gegevens) -> None:
    text = with_actions(
        blank(gegevens),
        "- Startbijeenkomst plannen — actiehouder: Marieke Kuipers, deadline: 1 mrt 2027",
        "- Kosten agenderen – actiehouder: erik  WIERSMA, deadline: 15-01-2027",
        "- Cijfers aanleveren - actiehouder: p-dijkstra, deadline: 1 februari 2027",
    )
    verwerking = check(gegevens, text)
    assert [
        (a.id, a.omschrijving, a.actiehouder, a.deadline, a.agendapunt)
        for a in verwerking.nieuwe_acties
    ] == [
        ("cco-2026-12-15-1", "Startbijeenkomst plannen", "p-kuipers", dt.date(2027, 3, 1), 5),
        ("cco-2026-12-15-2", "Kosten agenderen", "p-wiersma", dt.date(2027, 1, 15), 5),
        ("cco-2026-12-15-3", "Cijfers aanleveren", "p-dijkstra", dt.date(2027, 2, 1), 5),
    ]


def test_check_reports_an_unknown_or_ambiguous_actiehouder(gegevens: Gegevens) -> None:
    kuipers = gegevens.get(Persoon, "p-kuipers")
    assert kuipers is not None
    gegevens.records["persoon"]["p-kuipers-2"] = kuipers.model_copy(update={"id": "p-kuipers-2"})
    text = with_actions(
        blank(gegevens),
        "- Plannen — actiehouder: marieke kuipers, deadline: 2027-03-01",
        "- Agenderen — actiehouder: Marieke Kuipres, deadline: 2027-03-01",
        "- Navragen — actiehouder: p-wirsma, deadline: 2027-03-01",
        "- Uitzoeken — actiehouder: Iemand Anders, deadline: 2027-03-01",
        "- Terugblikken — actiehouder: p-dijkstra, deadline: 1 december 2026",
    )
    lines = text.splitlines()
    assert check_problems(gegevens, text) == [
        (
            line_no(lines, "Plannen"),
            "actiehouder 'marieke kuipers' is niet eenduidig: p-kuipers, p-kuipers-2 heten zo; "
            "schrijf het id",
        ),
        (
            line_no(lines, "Agenderen"),
            "onbekende actiehouder 'Marieke Kuipres' (bedoelde u 'Marieke Kuipers'?)",
        ),
        (
            line_no(lines, "Navragen"),
            "onbekende actiehouder 'p-wirsma' (bedoelde u 'p-wiersma'?)",
        ),
        (line_no(lines, "Uitzoeken"), "onbekende actiehouder 'Iemand Anders'"),
        (line_no(lines, "Terugblikken"), "de deadline 2026-12-01 ligt voor de vergadering"),
    ]


def test_check_holds_the_item_headings_against_the_agenda(gegevens: Gegevens) -> None:
    text = (
        blank(gegevens)
        .replace("## 7. Jaarplanning themabijeenkomsten 2027", "## 7. Jaarplanning 2027", 1)
        # Whitespace does not count.
        .replace("## 4. Activiteitenoverzicht clusters", "## 4.  Activiteitenoverzicht   clusters ")
        .replace("## Actielijst", "## 11. Nagekomen\n\n## Actielijst", 1)
    )
    lines = text.splitlines()
    assert check_problems(gegevens, text) == [
        (
            line_no(lines, "## 7. "),
            "agendapunt 7 heet hier 'Jaarplanning 2027', in de agenda 'Jaarplanning "
            "themabijeenkomsten 2027': dit verslag hoort bij een andere versie van de agenda; "
            "maak het skelet opnieuw met 'waterketen notulen new cco-2026-12-15'",
        ),
        (line_no(lines, "## 11. "), "agendapunt 11 bestaat niet; de agenda heeft 10 punten"),
    ]


def test_check_reports_a_missing_item(gegevens: Gegevens) -> None:
    text = blank(gegevens)
    ingevuld = notulenlezer.read(text, PAD)
    del ingevuld.punten[3]
    with pytest.raises(NotulenFout) as caught:
        notulen.check(gegevens, ingevuld, text, PAD, vandaag=HELD)
    assert caught.value.fouten == [
        (
            1,
            "agendapunt 3 ('Mededelingen') ontbreekt in het verslag; "
            "zet de kop '## 3. Mededelingen' terug",
        )
    ]


def test_check_refuses_minutes_of_a_meeting_not_yet_held(gegevens: Gegevens) -> None:
    text = blank(gegevens)
    future = (
        3,
        "de vergadering van 15 december 2026 is nog niet geweest; "
        "verwerk het verslag na de vergadering",
    )
    assert check_problems(gegevens, text, dt.date(2026, 12, 14)) == [future]
    # Reported with the other problems, in one pass.
    wrong = text.replace("- [ ] p-kuipers —", "- [x] p-kuiper —", 1)
    assert check_problems(gegevens, wrong, dt.date(2026, 12, 14)) == [
        future,
        (
            line_no(wrong.splitlines(), "p-kuiper —"),
            "onbekende persoon 'p-kuiper' (bedoelde u 'p-kuipers'?)",
        ),
    ]
    # On the day itself the minutes may be processed.
    assert check(gegevens, text, dt.date(2026, 12, 15)).vergadering.id == MEETING


def test_check_an_unknown_meeting_and_the_besluitenlijst(gegevens: Gegevens) -> None:
    text = blank(gegevens)
    other = text.replace(
        "waterketen:vergadering cco-2026-12-15", "waterketen:vergadering cco-2026-12-16"
    )
    assert check_problems(gegevens, other) == [
        (3, "onbekende vergadering 'cco-2026-12-16' (bedoelde u 'cco-2026-12-15'?)")
    ]
    # A meeting with a decision already: its row is generated; a row added by hand is not.
    vergadering = gegevens.get(Vergadering, MEETING)
    assert vergadering is not None
    eerder = Besluit(nummer="B-cco-2026-12-15-1", agendapunt=5, tekst="Eerder vastgelegd.")
    gegevens.records["vergadering"][MEETING] = vergadering.model_copy(
        update={"besluiten": [eerder]}
    )
    text = blank(gegevens)
    assert "| B-cco-2026-12-15-1 | 5 | Eerder vastgelegd. |" in text
    text = text.replace("- …", "- Nieuw besluit.", 1)
    assert check(gegevens, text).besluiten[0][:3] == ("B-cco-2026-12-15-2", 1, "Nieuw besluit.")
    added = text + "| B-cco-2026-12-15-9 | 3 | Nog een besluit. |\n"
    assert check_problems(gegevens, added) == [
        (
            len(added.splitlines()),
            "deze regel van de besluitenlijst komt niet uit de gegevens; de lijst wordt bij het "
            "verwerken gemaakt: zet een nieuw besluit onder 'Besluiten:' van het agendapunt",
        )
    ]


def _item(text: str, nummer: int) -> tuple[str, str, str]:
    head, rest = text.split(f"\n## {nummer}. ", 1)
    item, tail = rest.split(f"\n## {nummer + 1}. ", 1)
    return head, item, tail


def _join(head: str, item: str, tail: str, nummer: int) -> str:
    return f"{head}\n## {nummer}. {item}\n## {nummer + 1}. {tail}"


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_each_beslispunt_is_marked(gegevens: Gegevens) -> None:
    """A beslispunt left open on an item that was dealt with is reported; on an item
    held over it must stay open."""
    text = render.render(
        None,
        "notulen.md.j2",
        **notulenformulier.skeleton_context(gegevens, gegevens.get(Vergadering, MEETING)),  # type: ignore[arg-type]
    )
    open_line = line_of(text, "- [ ] Het CCO keurt")
    head, item, tail = _item(text, 6)
    item = item.replace("- [ ] Het CCO adviseert", "- [x] Het CCO adviseert")
    item = item.replace("Afhandeling: behandeld", "Afhandeling: aangehouden")
    text = _join(head, item, tail, 6)
    text = text.replace("- [ ] Het CCO stemt in", "- [x] Het CCO stemt in")
    held = line_of(text, "- [x] Het CCO adviseert")
    assert check_problems(gegevens, text) == [
        (
            open_line,
            "kies bij dit beslispunt [x] (aangenomen; pas de tekst aan als het gewijzigd is "
            "aangenomen) of [-] (niet aangenomen)",
        ),
        (
            held,
            "het punt is aangehouden: er is over dit beslispunt niet besloten; laat het vakje leeg",
        ),
    ]


def test_a_beslispunt_removed_from_the_minutes_is_reported(gegevens: Gegevens) -> None:
    text = blank(gegevens)
    first = line_of(text, "- [x] Het CCO keurt")
    text = "\n".join(line for line in text.split("\n") if "- [x] Het CCO stemt in" not in line)
    assert check_problems(gegevens, text) == [
        (
            first,
            "agendapunt 5 heeft 2 beslispunten op de agenda en 1 in het verslag; laat bij elk "
            "beslispunt één regel '- [x] …' of '- [-] …' staan, en zet een ander besluit als "
            "'- tekst' eronder",
        )
    ]


def test_the_previous_minutes_are_adopted_at_the_verslag_item(gegevens: Gegevens) -> None:
    text = blank(gegevens)
    assert "Vaststelling: conform\n" in text
    result = check(gegevens, text.replace("Vaststelling: conform", "Vaststelling: met wijzigingen"))
    assert result.vastgesteld is not None
    vorige, gewijzigd = result.vastgesteld
    assert (vorige.id, gewijzigd) == ("cco-2026-11-17", True)
    assert (
        check(
            gegevens, text.replace("Vaststelling: conform", "Vaststelling: niet vastgesteld")
        ).vastgesteld
        is None
    )
    wrong = text.replace("Vaststelling: conform", "Vaststelling: misschien")
    assert check_problems(gegevens, wrong) == [
        (
            line_of(wrong, "Vaststelling: misschien"),
            "vaststelling 'misschien': kies conform, met wijzigingen of niet vastgesteld",
        )
    ]
    head, item, tail = _item(text, 3)
    misplaced = _join(
        head, item.replace("Verslag:", "Vaststelling: conform\n\nVerslag:", 1), tail, 3
    )
    assert check_problems(gegevens, misplaced) == [
        (
            line_of(misplaced, "## 3.") + 5,
            "'Vaststelling:' hoort alleen bij het punt over het verslag van de vorige vergadering",
        )
    ]
