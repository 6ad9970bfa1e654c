"""``project new`` and ``project plan`` as the secretary uses them.

The day is fixed at 27 november 2026 (conftest). Totals in the plan are checked
against sums made here from the YAML itself, not with the code under test.
"""

from __future__ import annotations

import io
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import snapshot
from helpers import assert_golden, invoke

ALLE_OPTIES = [
    "--titel",
    "Riothermie in de stad Groningen",
    "--doel",
    "Warmte uit rioolwater winnen voor twee nieuwbouwwijken.",
    "--aanpak",
    "Eerst een haalbaarheidsstudie, dan een pilot bij het gemaal Damsterdiep.",
    "--trekker",
    "p-kuipers",
    "--team",
    "p-tuinstra",
    "--team",
    "p-meijer",
    "--cluster",
    "waterpas",
    "--thema",
    "energietransitie",
    "--thema",
    "duurzaamheid",
    "--status",
    "voorstel",
    "--begin",
    "01-03-2027",
    "--eind",
    "2028-12-31",
    "--besluitvorming",
    "stuurgroep",
]


def _new(capsys: pytest.CaptureFixture[str], repo: Path, *extra: str) -> Any:
    return invoke(capsys, ["project", "new", "riothermie-groningen", *ALLE_OPTIES, *extra], repo)


# --- project new ---------------------------------------------------------------------------


def test_new_with_all_options(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = _new(capsys, repo)
    assert result.code == 0, result.err
    assert result.out == (
        "Project aangemaakt: data/projecten/riothermie-groningen.yaml\n"
        "Maak het projectplan met: waterketen project plan riothermie-groningen\n"
    )
    path = repo / "data" / "projecten" / "riothermie-groningen.yaml"
    assert_golden("project/riothermie-groningen.yaml", path.read_text(encoding="utf-8"))
    checks = ["--skip", "actie-verlopen", "--skip", "programma-verouderd"]
    assert invoke(capsys, ["validate", "--streng", *checks], repo).code == 0
    plan = invoke(capsys, ["project", "plan", "riothermie-groningen"], repo)
    assert plan.code == 0, plan.err
    assert "- Besluitvorming: Stuurgroep Waterketen Groningen en Noord-Drenthe" in plan.out


def test_the_example_block_in_the_header_is_a_valid_record_part(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """Uncommented as the header says, the example lines make a valid record."""
    assert _new(capsys, repo).code == 0
    path = repo / "data" / "projecten" / "riothermie-groningen.yaml"
    text = path.read_text(encoding="utf-8")
    block = text.split("# --- voorbeeld ---\n")[1].split("# --- einde voorbeeld ---")[0]
    lines = [line.removeprefix("# ") for line in block.splitlines()]
    assert lines[0] == "mijlpalen:"
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    check = invoke(capsys, ["validate", "data/projecten"], repo)
    assert check.code == 0, check.out
    assert "0 fouten, 0 waarschuwingen" in check.out
    plan = invoke(capsys, ["project", "plan", "riothermie-groningen"], repo)
    assert "| Plan van aanpak vastgesteld | 1 maart 2027 | nee |" in plan.out
    assert "| Gemeente Groningen | 2027 | toegezegd | €\u00a025.000,00 |" in plan.out


def test_new_refuses_an_existing_id(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    before = snapshot(repo / "data")
    args = ["project", "new", "afkoppelen-waterpas", *ALLE_OPTIES]
    result = invoke(capsys, args, repo)
    assert result.code == 1
    assert result.err == (
        "fout: project 'afkoppelen-waterpas' bestaat al: "
        "data/projecten/afkoppelen-waterpas.yaml\n"
        "  kies een ander id; een bestaand project past u aan in het bestand zelf\n"
    )
    assert snapshot(repo / "data") == before


@pytest.mark.parametrize(
    ("optie", "waarde", "melding"),
    [
        (
            "--trekker",
            "p-kuiper",
            "onbekende persoon 'p-kuiper' bij --trekker\n  bedoelde u 'p-kuipers'?",
        ),
        (
            "--team",
            "p-nijbor",
            "onbekende persoon 'p-nijbor' bij --team\n  bedoelde u 'p-nijboer'?",
        ),
        (
            "--cluster",
            "waterpast",
            "onbekend cluster 'waterpast' bij --cluster\n  bedoelde u 'waterpas'?",
        ),
        (
            "--thema",
            "energie",
            "onbekend thema 'energie' bij --thema\n  bedoelde u 'energietransitie'?",
        ),
        (
            "--besluitvorming",
            "stuurgroup",
            "onbekend overleg 'stuurgroup' bij --besluitvorming\n  bedoelde u 'stuurgroep'?",
        ),
    ],
)
def test_new_unknown_id(
    capsys: pytest.CaptureFixture[str], repo: Path, optie: str, waarde: str, melding: str
) -> None:
    before = snapshot(repo / "data")
    result = _new(capsys, repo, optie, waarde)
    assert result.code == 2
    assert result.err == f"fout: {melding}\n"
    assert snapshot(repo / "data") == before


def test_new_bad_id_is_refused_with_a_slug(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["project", "new", "Riothermie Groningen", *ALLE_OPTIES], repo)
    assert result.code == 2
    assert result.err == (
        "fout: 'Riothermie Groningen' is geen geldig project-id: alleen kleine letters, "
        "cijfers en koppeltekens\n  bijvoorbeeld 'riothermie-groningen'\n"
    )


def test_new_without_a_terminal_names_the_missing_options(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    before = snapshot(repo / "data")
    result = invoke(capsys, ["project", "new", "x", "--titel", "X", "--regionaal"], repo)
    assert result.code == 2
    assert result.err == (
        "fout: verplichte opties ontbreken: --doel, --trekker, --thema, --begin, --eind\n"
        "  geef ze mee; alleen in een terminal vraagt 'project new' erom\n"
    )
    result = invoke(capsys, ["project", "new", "x", *ALLE_OPTIES[:-4]], repo)
    assert result.code == 2
    assert result.err.splitlines()[0] == "fout: verplichte optie ontbreekt: --eind"
    assert snapshot(repo / "data") == before


def test_new_asks_in_a_terminal(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = [
        "Riothermie Assen",  # titel
        "Warmte uit rioolwater.",  # doel
        "p-haverkor",  # trekker: a typo, asked again
        "p-haverkort",
        "regionaal",  # clusters
        "energie",  # thema: unknown, asked again
        "energietransitie, duurzaamheid",
        "30-02-2027",  # begin: no such day
        "01-03-2027",
        "2027-01-01",  # eind before begin
        "2028-12-31",
    ]
    monkeypatch.setattr(sys, "stdin", Terminal("\n".join(answers) + "\n"))
    result = invoke(capsys, ["project", "new", "riothermie-assen-2"], repo)
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        "fout: onbekende persoon 'p-haverkor'",
        "  bedoelde u 'p-haverkort'?",
        "fout: onbekend thema 'energie'",
        "  bedoelde u 'energietransitie'?",
        "fout: begin: '30-02-2027' is geen datum",
        "  schrijf JJJJ-MM-DD, bijv. 2026-04-14",
        "fout: de einddatum (1 januari 2027) ligt vóór de begindatum (1 maart 2027)",
        "  kies een einddatum op of na de begindatum",
    ]
    record = yaml.safe_load((repo / "data" / "projecten" / "riothermie-assen-2.yaml").read_text())
    assert record["trekker"] == "p-haverkort"
    assert record["regionaal"] is True
    assert "clusters" not in record
    assert record["themas"] == ["energietransitie", "duurzaamheid"]
    assert str(record["periode"]["begin"]) == "2027-03-01"


def test_new_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    before = snapshot(repo / "data")
    result = _new(capsys, repo, "--droog")
    assert result.code == 0, result.err
    assert result.err == (
        "Droog: er wordt niets geschreven.\nnieuw: data/projecten/riothermie-groningen.yaml\n"
    )
    assert_golden("project/riothermie-groningen.yaml", result.out)
    assert snapshot(repo / "data") == before


def test_status_choices_are_the_models(capsys: pytest.CaptureFixture[str]) -> None:
    from waterketen_cli.cli.project import Status
    from waterketen_cli.models.types import Projectstatus

    assert [s.value for s in Status] == [s.value for s in Projectstatus]


# --- project plan --------------------------------------------------------------------------


PROJECT = "afkoppelen-waterpas"
NUL = Decimal(0)


def _plan(capsys: pytest.CaptureFixture[str], repo: Path, *extra: str) -> str:
    result = invoke(capsys, ["project", "plan", PROJECT, *extra], repo)
    assert result.code == 0, result.err
    return result.out


def test_plan_of_the_example_project(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    assert_golden("project/afkoppelen-waterpas.md", _plan(capsys, repo))
    assert_golden("project/afkoppelen-waterpas-openbaar.md", _plan(capsys, repo, "--openbaar"))


def _euro(amount: Decimal) -> str:
    """€ 1.250,50 (with a no-break space, as Babel writes it), written out here so
    that the test does not use the code it checks."""
    whole, cents = f"{amount:.2f}".split(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    return "€\u00a0" + ".".join([whole, *groups]) + "," + cents


def _yaml(repo: Path, folder: str, record_id: str) -> Any:
    return yaml.safe_load((repo / "data" / folder / f"{record_id}.yaml").read_text("utf-8"))


def test_plan_totals_match_the_record(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    record = _yaml(repo, "projecten", PROJECT)
    begroting: dict[int, Decimal] = defaultdict(Decimal)
    # (jaar or partner, status) -> amount
    dekking: dict[tuple[object, str], Decimal] = defaultdict(Decimal)
    for regel in record["begroting"]:
        begroting[regel["jaar"]] += Decimal(str(regel["bedrag"]))
    for regel in record["financiering"]:
        bedrag = Decimal(str(regel["bedrag"]))
        dekking[(regel["jaar"], regel["status"])] += bedrag
        dekking[(regel["partner"], regel["status"])] += bedrag
        dekking[("totaal", regel["status"])] += bedrag
    totaal = sum(begroting.values(), NUL)
    zeker, gevraagd = dekking[("totaal", "toegezegd")], dekking[("totaal", "aangevraagd")]
    assert (totaal, zeker, gevraagd) == (500000, 400000, 40000)  # the example data as known

    plan = _plan(capsys, repo)
    assert f"| **Totaal** | | **{_euro(totaal)}** |" in plan
    for jaar, bedrag in begroting.items():
        toe, aan = dekking[(jaar, "toegezegd")], dekking[(jaar, "aangevraagd")]
        row = f"| {jaar} | {_euro(bedrag)} | {_euro(toe)} | {_euro(aan)} | {_euro(bedrag - toe)} |"
        assert row in plan
    assert (
        f"| **Totaal** | **{_euro(totaal)}** | **{_euro(zeker)}** | **{_euro(gevraagd)}** | "
        f"**{_euro(totaal - zeker)}** |"
    ) in plan
    for partner in {regel["partner"] for regel in record["financiering"]}:
        naam = _yaml(repo, "organisaties", partner)["naam"]
        toe, aan = dekking[(partner, "toegezegd")], dekking[(partner, "aangevraagd")]
        assert f"| {naam} | {_euro(toe)} | {_euro(aan)} | {_euro(toe + aan)} |" in plan
    assert (
        f"| **Totaal** | **{_euro(zeker)}** | **{_euro(gevraagd)}** | "
        f"**{_euro(zeker + gevraagd)}** |"
    ) in plan
    assert (
        f"Niet gedekt: {_euro(totaal - zeker)} van de begroting van {_euro(totaal)} is nog "
        f"niet toegezegd. Worden de aanvragen ({_euro(gevraagd)}) toegekend, dan blijft "
        f"{_euro(totaal - zeker - gevraagd)} niet gedekt."
    ) in plan


def test_public_plan_names_only_who_agreed(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    record = _yaml(repo, "projecten", PROJECT)
    people = [record["trekker"], *record["team"]]
    plan = _plan(capsys, repo, "--openbaar")
    intern = _plan(capsys, repo)
    for person_id in people:
        person = _yaml(repo, "personen", person_id)
        assert not person.get("naam_openbaar", False)
        assert person["naam"] in intern
        assert person["naam"] not in plan
        assert person["functie"] in plan
        assert person.get("email", "@") not in plan
    # Someone who agreed is named: the waterregisseur leads the prestatiemonitor.
    result = invoke(capsys, ["project", "plan", "prestatiemonitor-3kd", "--openbaar"], repo)
    assert "- Trekker: Erik Wiersma (" in result.out


def test_public_plan_leaves_out_decisions_on_confidential_items(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    path = repo / "data" / "vergaderingen" / "cco-2026-05-19.yaml"
    text = path.read_text(encoding="utf-8")
    item = "  - titel: Projectvoorstel afkoppelprogramma Waterpas\n"
    path.write_text(text.replace(item, item + "    vertrouwelijk: true\n"), encoding="utf-8")
    assert "| B-2026-013 | 19 mei 2026 |" in _plan(capsys, repo)
    public = _plan(capsys, repo, "--openbaar")
    assert "B-2026-013" not in public
    assert "| B-2026-015 (goedkeuring) | 4 juni 2026 |" in public


def _tables(markdown: str) -> list[list[int]]:
    """Per table, the number of cells in each row."""
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    return [
        [row.count("<td") + row.count("<th") for row in table.split("<tr>")[1:]]
        for table in html.split("<table>")[1:]
    ]


def test_pipes_in_texts_keep_the_tables_intact(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    path = repo / "data" / "projecten" / f"{PROJECT}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("titel: Afkoppelprogramma hemelwater Waterpas", "titel: Afkoppelen | Waterpas"),
        ("titel: Fase 1 gereed", "titel: Fase 1 | gereed"),
        ("omschrijving: Afkoppelen fase 2", "omschrijving: Afkoppelen | fase 2"),
        ("kwaliteit: Minder overstortingen", "kwaliteit: Minder | overstortingen"),
    ):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    besluiten = repo / "data" / "vergaderingen" / "waterteam-waterpas-2026-10-08.yaml"
    besluiten.write_text(
        besluiten.read_text(encoding="utf-8").replace("Het waterteam vraagt", "Het | waterteam"),
        encoding="utf-8",
    )
    plan = _plan(capsys, repo)
    assert plan.startswith("# Projectplan Afkoppelen | Waterpas\n")
    tables = _tables(plan)
    assert len(tables) == 9
    for rows in tables:
        assert len(set(rows)) == 1, rows
    html = MarkdownIt("commonmark").enable("table").render(plan)
    for cell in ("Fase 1 | gereed", "Afkoppelen | fase 2"):
        assert f"<td>{cell}</td>" in html
    assert "<td>Minder | overstortingen op het stadswater.</td>" in html
    assert "<td>Het | waterteam Hunze en Aa" in html


def test_overdue_milestones_are_marked(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WATERKETEN_VANDAAG", "2027-01-15")
    plan = _plan(capsys, repo)
    assert "| Fase 1 gereed | 31 december 2026 | nee, **verlopen** |" in plan
    assert "| Fase 1 Oosterpark in uitvoering | 1 september 2026 | ja |" in plan
    assert "| Fase 2 gereed | 31 december 2027 | nee |" in plan
    assert "Stand op 15 januari 2027: 1 van 4 mijlpalen gereed, 1 verlopen" in plan


def test_regional_plan_names_no_clusters(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["project", "plan", "stresstesten-en-risicodialogen"], repo)
    assert result.code == 0, result.err
    assert "- Clusters: regionaal (de hele regio)\n" in result.out
    assert "Regionaal project: voor de hele regio, alle clusters samen." in result.out


def test_plan_unknown_project(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["project", "plan", "afkoppelen"], repo)
    assert result.code == 2
    assert (
        result.err == "fout: onbekend project 'afkoppelen'\n  bedoelde u 'afkoppelen-waterpas'?\n"
    )
    assert result.out == ""


def test_plan_of_a_broken_record(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    path = repo / "data" / "projecten" / f"{PROJECT}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: lopend", "status: bezig"))
    result = invoke(capsys, ["project", "plan", PROJECT], repo)
    assert result.code == 1
    assert result.err == (
        "fout: data/projecten/afkoppelen-waterpas.yaml is geen geldig projectrecord\n"
        "  voer 'waterketen validate' uit en herstel het bestand eerst\n"
    )


def test_plan_to_a_file(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    target = repo / "plan.md"
    result = invoke(capsys, ["project", "plan", PROJECT, "-o", "plan.md"], repo)
    assert result.code == 0
    assert result.out == "Geschreven: plan.md\n"
    assert target.read_text(encoding="utf-8").startswith("# Projectplan ")
    again = invoke(capsys, ["project", "plan", PROJECT, "-o", "plan.md"], repo)
    assert again.code == 2
    assert again.err.startswith("fout: plan.md bestaat al")
    assert (
        invoke(capsys, ["project", "plan", PROJECT, "-o", "plan.md", "--overschrijf"], repo).code
        == 0
    )


# --- the core: money -----------------------------------------------------------------------


def test_funding_per_year_with_a_surplus_and_a_year_without_budget() -> None:
    from waterketen_cli.analyse.projectplan import financien
    from waterketen_cli.models.records import Project
    from waterketen_cli.records.dataset import Gegevens

    project = Project.model_validate(
        {
            "id": "proef",
            "titel": "Proef",
            "doel": "Rekenen",
            "trekker": "p-x",
            "regionaal": True,
            "themas": ["kennisdeling"],
            "status": "idee",
            "periode": {"begin": "2027-01-01", "eind": "2029-12-31"},
            "begroting": [
                {"omschrijving": "a", "jaar": 2028, "bedrag": 1000.50},
                {"omschrijving": "b", "jaar": 2027, "bedrag": 2000},
            ],
            "financiering": [
                {"partner": "wmd", "jaar": 2027, "bedrag": 2500, "status": "toegezegd"},
                {"partner": "assen", "jaar": 2028, "bedrag": 400.25, "status": "aangevraagd"},
                {"partner": "wmd", "jaar": 2029, "bedrag": 100, "status": "toegezegd"},
            ],
        }
    )
    geld = financien(Gegevens(Path("data")), project)
    rows = [(j.jaar, j.begroting, j.toegezegd, j.aangevraagd, j.niet_gedekt) for j in geld.jaren]
    assert rows == [
        (2027, 2000, 2500, 0, -500),
        (2028, Decimal("1000.50"), 0, Decimal("400.25"), Decimal("1000.50")),
        (2029, 0, 100, 0, -100),
    ]
    assert geld.totaal.niet_gedekt == sum(r[4] for r in rows) == Decimal("400.50")
    assert geld.niet_gedekt_na_aanvragen == Decimal("0.25")
    assert [(p.partner, p.toegezegd, p.aangevraagd) for p in geld.partners] == [
        ("wmd", 2600, 0),
        ("assen", 0, Decimal("400.25")),
    ]
