"""Every named check finds a real violation, on a copy of the example data with one
thing broken, and points at the line of the offending field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import invoke


def edit(repo: Path, relative: str, old: str, new: str) -> None:
    path = repo / "data" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(repo: Path, relative: str, text: str) -> int:
    content = (repo / "data" / relative).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def findings(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> list[dict[str, object]]:
    result = invoke(capsys, ["validate", "--format", "json", *args], cwd=repo)
    doc = json.loads(result.out)
    assert result.code == (1 if doc["fouten"] else 0)
    return [
        f for f in doc["bevindingen"] if f["check"] not in ("actie-verlopen", "programma-verouderd")
    ]


def only(found: list[dict[str, object]]) -> dict[str, object]:
    assert len(found) == 1, found
    return found[0]


def test_coordinator_must_sit_in_the_cco(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(repo, "overleggen/cco.yaml", "  - persoon: p-brink\n    rol: clustercoordinator\n", "")
    f = only(findings(capsys, repo))
    assert f["check"] == "coordinator"
    assert f["bestand"] == "data/clusters/kop-van-drenthe.yaml"
    assert f["regel"] == line_of(repo, "clusters/kop-van-drenthe.yaml", "coordinator:")
    assert f["bericht"] == "coördinator 'p-brink' zit niet als clustercoördinator in overleg 'cco'"


def test_waterteam_is_chaired_by_the_coordinator(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    edit(
        repo, "overleggen/waterteam-waterpas.yaml", "voorzitter: p-kuipers", "voorzitter: p-nijboer"
    )
    f = only(findings(capsys, repo))
    assert f["check"] == "coordinator"
    assert f["bestand"] == "data/overleggen/waterteam-waterpas.yaml"
    assert f["regel"] == 7
    assert "voorgezeten door de clustercoördinator 'p-kuipers', niet door 'p-nijboer'" in str(
        f["bericht"]
    )


def test_a_partner_gemeente_in_no_cluster(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(repo, "clusters/oost-groningen.yaml", "  - gemeente-westerwolde\n", "")
    f = only(findings(capsys, repo))
    assert (f["check"], f["bestand"]) == (
        "clusterindeling",
        "data/organisaties/gemeente-westerwolde.yaml",
    )
    assert f["bericht"] == "gemeente 'gemeente-westerwolde' zit in geen enkel cluster"


def test_a_waterschap_in_the_gemeenten_list(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(
        repo,
        "clusters/waterpas.yaml",
        "  - gemeente-groningen\n",
        "  - gemeente-groningen\n  - wmd\n",
    )
    f = only(findings(capsys, repo))
    assert f["check"] == "clusterindeling"
    assert f["bericht"] == "'wmd' is een waterbedrijf, geen gemeente"
    assert f["veld"] == "gemeenten[1]"


def test_meeting_id_is_body_and_date(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(repo, "vergaderingen/cco-2026-11-17.yaml", "datum: 2026-11-17", "datum: 2026-11-18")
    f = only(findings(capsys, repo))
    assert f["check"] == "vergadering"
    assert "'cco-2026-11-18', niet 'cco-2026-11-17'" in str(f["bericht"])


def test_decision_numbers_are_unique(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(repo, "vergaderingen/cco-2026-10-13.yaml", "nummer: B-2026-026", "nummer: B-2026-027")
    found = findings(capsys, repo)
    duplicate = [f for f in found if f["check"] == "besluitnummer"]
    assert len(duplicate) == 1
    assert "B-2026-027 is ook gebruikt in data/vergaderingen/" in str(duplicate[0]["bericht"])


def test_decision_on_an_item_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    edit(repo, "vergaderingen/cco-2026-11-17.yaml", "    agendapunt: 6\n", "    agendapunt: 99\n")
    f = only(findings(capsys, repo))
    assert f["check"] == "vergadering"
    assert str(f["bericht"]).startswith("agendapunt 99 bestaat niet")


def test_yes_no_indicator_needs_true_or_false(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    edit(
        repo,
        "clusters/waterpas.yaml",
        "  - indicator: stresstest-uitgevoerd\n    peildatum: 2022-12-31\n    waarde: true",
        "  - indicator: stresstest-uitgevoerd\n    peildatum: 2022-12-31\n    waarde: 3",
    )
    f = only(findings(capsys, repo))
    assert f["check"] == "meting"
    assert (
        f["bericht"]
        == "indicator 'stresstest-uitgevoerd' is ja/nee; de waarde moet true of false zijn"
    )


def test_regional_project_names_no_clusters(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(repo, "projecten/afkoppelen-waterpas.yaml", "clusters:\n", "regionaal: true\nclusters:\n")
    f = only(findings(capsys, repo))
    assert (f["check"], f["veld"]) == ("project", "clusters")


def test_finished_action_needs_its_date(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(repo, "acties/cco-2025-12-02-1.yaml", "afgerond_op: 2025-12-04\n", "")
    f = only(findings(capsys, repo))
    assert (f["check"], f["veld"], f["regel"]) == ("actie", "status", 7)


def test_update_in_the_future(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(repo, "clusters/waterpas.yaml", "bijgewerkt: 2026-11-05", "bijgewerkt: 2027-01-05")
    f = only(findings(capsys, repo))
    assert (f["check"], f["veld"], f["bericht"]) == (
        "toekomst",
        "programma[0].bijgewerkt",
        "ligt in de toekomst",
    )


def test_the_day_decides_what_is_overdue(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stale() -> set[str]:
        result = invoke(capsys, ["validate", "--format", "json"], cwd=repo)
        doc = json.loads(result.out)
        return {f["bestand"] for f in doc["bevindingen"] if f["check"] == "programma-verouderd"}

    assert stale() == {"data/clusters/noord-groningen.yaml"}
    monkeypatch.setenv("WATERKETEN_VANDAAG", "2028-01-01")
    assert len(stale()) == 5  # a cached outcome of another day is not reused


def test_two_records_with_one_id(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    source = repo / "data" / "personen" / "p-kuipers.yaml"
    (repo / "data" / "personen" / "p-kuipers-2.yaml").write_text(source.read_text(encoding="utf-8"))
    found = findings(capsys, repo)
    assert {f["check"] for f in found} == {"id", "dubbel-id"}


def test_skipped_check_is_not_shown(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(repo, "acties/cco-2025-12-02-1.yaml", "afgerond_op: 2025-12-04\n", "")
    assert findings(capsys, repo, "--skip", "actie") == []


def test_list_of_checks(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["validate", "--toon-checks"], cwd=repo)
    assert result.code == 0
    for name in (
        "yaml",
        "schema",
        "verwijzing",
        "clusterindeling",
        "coordinator",
        "actie-verlopen",
    ):
        assert f"\n{name} " in "\n" + result.out


def test_a_broken_record_does_not_cascade(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    """A coordinator whose file fails is reported once, not at every reference to her."""
    edit(repo, "personen/p-kuipers.yaml", "naam: Marieke Kuipers", "naam:")
    edit(repo, "clusters/waterpas.yaml", "  - gemeente-groningen\n", "gemeente-groningen\n")
    found = findings(capsys, repo)
    assert [(f["bestand"], f["check"], f["bericht"]) for f in found] == [
        (
            "data/clusters/waterpas.yaml",
            "yaml",
            "geen geldige YAML: verwachtte een ':' na de sleutel",
        ),
        ("data/personen/p-kuipers.yaml", "schema", "is leeg"),
    ]


def test_yaml_tags_are_refused(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(repo, "organisaties/wmd.yaml", "soort: waterbedrijf", "soort: !!python/object:os.system x")
    f = only(findings(capsys, repo))
    assert (f["check"], f["regel"], f["bericht"]) == (
        "yaml",
        line_of(repo, "organisaties/wmd.yaml", "soort:"),
        "geen geldige YAML: records gebruiken geen YAML-labels (tags)",
    )
