"""``waterketen middelen``: every total checked against the YAML, summed here by hand.

The expected figures come from ``yaml.safe_load`` over data/projecten/*.yaml, never
from the code under test. Of the 14 example projects 12 count by default (not the
idea riothermie-assen nor the stopped storingsdienst); afkoppelen-waterpas falls
short, and the two proposals have only requested funding.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import assert_golden, invoke
from waterketen_cli.analyse import middelen as kern
from waterketen_cli.cli.middelen import Status
from waterketen_cli.models.types import Projectstatus

NIET_STANDAARD = {"idee", "gestopt"}


def projecten(repo: Path) -> list[dict[str, Any]]:
    return [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((repo / "data" / "projecten").glob("*.yaml"))
    ]


def clusters(repo: Path) -> dict[str, set[str]]:
    result = {}
    for p in sorted((repo / "data" / "clusters").glob("*.yaml")):
        c = yaml.safe_load(p.read_text(encoding="utf-8"))
        result[c["id"]] = {*c["gemeenten"], *c["waterschappen"], *c.get("waterbedrijven", [])}
    return result


def gewoon(tekst: str) -> str:
    """Amounts are written with a no-break space ('€\xa01.250,50'); compare them plainly."""
    return tekst.replace("\xa0", " ")


def euro(waarde: object) -> Decimal:
    return Decimal(str(waarde))


def som(project: dict[str, Any], jaar: int | None = None) -> dict[str, Decimal]:
    """begroting, toegezegd and aangevraagd of one project (in one year)."""
    totaal = {"begroting": Decimal(0), "toegezegd": Decimal(0), "aangevraagd": Decimal(0)}
    for post in project.get("begroting", []):
        if jaar is None or post["jaar"] == jaar:
            totaal["begroting"] += euro(post["bedrag"])
    for bijdrage in project.get("financiering", []):
        if jaar is None or bijdrage["jaar"] == jaar:
            totaal[bijdrage.get("status", "toegezegd")] += euro(bijdrage["bedrag"])
    return totaal


def optel(sommen: list[dict[str, Decimal]]) -> dict[str, Decimal]:
    return {
        k: sum((s[k] for s in sommen), Decimal(0))
        for k in ("begroting", "toegezegd", "aangevraagd")
    }


def bedragen(regel: dict[str, Any]) -> dict[str, Decimal]:
    """The three amounts of a JSON row, checked to be strings with two decimals."""
    for key in ("begroting", "toegezegd", "aangevraagd", "ongedekt", "tekort"):
        assert isinstance(regel[key], str)
        assert len(regel[key].split(".")[1]) == 2
    b, t, a = (Decimal(regel[k]) for k in ("begroting", "toegezegd", "aangevraagd"))
    assert Decimal(regel["ongedekt"]) == b - t
    assert Decimal(regel["tekort"]) == b - t - a
    return {"begroting": b, "toegezegd": t, "aangevraagd": a}


def json_uit(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> dict[str, Any]:
    result = invoke(capsys, ["middelen", "--format", "json", *args], cwd=repo)
    assert result.code == 0, result.err
    assert result.err == ""
    doc: dict[str, Any] = json.loads(result.out)
    return doc


# --- every total adds up against the records ------------------------------------------------


def test_totals_add_up_against_the_yaml(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    gekozen = [p for p in projecten(repo) if p["status"] not in NIET_STANDAARD]
    assert len(gekozen) == 12
    doc = json_uit(capsys, repo)

    verwacht = optel([som(p) for p in gekozen])
    assert bedragen(doc["totaal"]) == verwacht
    assert verwacht == {
        "begroting": Decimal(1390000),
        "toegezegd": Decimal(1035000),
        "aangevraagd": Decimal(295000),
    }
    assert doc["totaal"]["projecten"] == 12
    assert [p["id"] for p in doc["projecten"]] == [p["id"] for p in gekozen]
    for p, regel in zip(gekozen, doc["projecten"], strict=True):
        assert bedragen(regel) == som(p)
        jaren = sorted({r["jaar"] for r in p.get("begroting", []) + p.get("financiering", [])})
        assert [r["jaar"] for r in regel["per_jaar"]] == jaren
        for r in regel["per_jaar"]:
            assert bedragen(r) == som(p, r["jaar"])

    # per year: each year from the YAML, and together the overall total
    jaren = sorted({r["jaar"] for p in gekozen for r in p["begroting"] + p["financiering"]})
    assert [r["jaar"] for r in doc["per_jaar"]] == jaren == [2026, 2027, 2028]
    for r in doc["per_jaar"]:
        assert bedragen(r) == optel([som(p, r["jaar"]) for p in gekozen])
    assert optel([bedragen(r) for r in doc["per_jaar"]]) == verwacht

    # per partner: each organisation's rows, and together all funding
    per_partner: dict[str, dict[str, Decimal]] = defaultdict(
        lambda: {"toegezegd": Decimal(0), "aangevraagd": Decimal(0)}
    )
    for p in gekozen:
        for b in p["financiering"]:
            per_partner[b["partner"]][b.get("status", "toegezegd")] += euro(b["bedrag"])
    assert {r["partner"] for r in doc["per_partner"]} == set(per_partner)
    for r in doc["per_partner"]:
        assert Decimal(r["toegezegd"]) == per_partner[r["partner"]]["toegezegd"]
        assert Decimal(r["aangevraagd"]) == per_partner[r["partner"]]["aangevraagd"]
        assert Decimal(r["totaal"]) == Decimal(r["toegezegd"]) + Decimal(r["aangevraagd"])
    assert sum(Decimal(r["toegezegd"]) for r in doc["per_partner"]) == verwacht["toegezegd"]
    assert sum(Decimal(r["aangevraagd"]) for r in doc["per_partner"]) == verwacht["aangevraagd"]
    assert sum(Decimal(r["totaal"]) for r in doc["per_partner"]) == Decimal(1330000)
    groningen = next(r for r in doc["per_partner"] if r["partner"] == "gemeente-groningen")
    assert (groningen["toegezegd"], groningen["aangevraagd"]) == ("355000.00", "25000.00")

    # per theme and per cluster: a project counts in full under each of its themes/clusters
    for r in doc["per_thema"]:
        met = [p for p in gekozen if r["id"] in p["themas"]]
        assert r["projecten"] == len(met)
        assert bedragen(r) == optel([som(p) for p in met])
    assert {r["id"] for r in doc["per_thema"]} >= {t for p in gekozen for t in p["themas"]}
    for r in doc["per_cluster"]:
        if r["id"] == "regionaal":
            met = [p for p in gekozen if p.get("regionaal")]
        else:
            met = [p for p in gekozen if r["id"] in p.get("clusters", [])]
        assert r["projecten"] == len(met)
        assert bedragen(r) == optel([som(p) for p in met])
    assert [r["id"] for r in doc["per_cluster"]][-1] == "regionaal"
    # the one project in three clusters is the only overlap between the cluster rows
    dubbel = som(next(p for p in gekozen if p["id"] == "pool-rioleringsbeheerders"))
    over = optel([bedragen(r) for r in doc["per_cluster"]])
    assert over["begroting"] - verwacht["begroting"] == 2 * dubbel["begroting"]


def test_shortfalls_and_requested_only_proposals_are_flagged(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    gekozen = [p for p in projecten(repo) if p["status"] not in NIET_STANDAARD]
    verwacht = set()
    for p in gekozen:
        for jaar in sorted({r["jaar"] for r in p["begroting"]}):
            s = som(p, jaar)
            if s["begroting"] > s["toegezegd"]:
                verwacht.add((p["id"], jaar, f"{s['begroting'] - s['toegezegd']:.2f}"))
    assert verwacht == {
        ("afkoppelen-waterpas", 2027, "40000.00"),
        ("afkoppelen-waterpas", 2028, "60000.00"),
        ("energiescan-waterketen", 2027, "95000.00"),
        ("regenwater-kop-van-drenthe", 2027, "100000.00"),
        ("regenwater-kop-van-drenthe", 2028, "60000.00"),
    }
    doc = json_uit(capsys, repo)
    signalen = doc["signalen"]
    assert {s["soort"] for s in signalen} == {"ongedekt"}
    assert {(s["project"], s["jaar"], s["bedrag"]) for s in signalen} == verwacht

    berichten = {(s["project"], s["jaar"]): gewoon(s["bericht"]) for s in signalen}
    assert berichten[("afkoppelen-waterpas", 2028)] == (
        "2028: € 60.000,00 niet gedekt (begroting € 120.000,00, toegezegd € 60.000,00; "
        "niets aangevraagd)"
    )
    assert berichten[("afkoppelen-waterpas", 2027)].endswith(
        "aangevraagd € 40.000,00, dat dekt de rest)"
    )
    # the proposals: nothing promised, everything requested
    for project in ("energiescan-waterketen", "regenwater-kop-van-drenthe"):
        regel = next(p for p in doc["projecten"] if p["id"] == project)
        assert regel["status"] == "voorstel"
        assert regel["toegezegd"] == "0.00"
        assert regel["ongedekt"] == regel["begroting"] == regel["aangevraagd"]
        assert regel["tekort"] == "0.00"
        assert "toegezegd € 0,00" in berichten[(project, 2027)]


def _voeg_toe(repo: Path, project: str, regels: str) -> None:
    """Add funding rows at the end of a project's `financiering` list."""
    pad = repo / "data" / "projecten" / f"{project}.yaml"
    lines = pad.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("financiering:\n")
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "#"))),
        len(lines),
    )
    pad.write_text("".join([*lines[:end], regels, *lines[end:]]), encoding="utf-8")


def test_funding_from_outside_too_much_and_out_of_period(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    # grondwatermeetnet-westerkwartier: cluster Westerkwartier, 2026, budget = funding
    _voeg_toe(
        repo,
        "grondwatermeetnet-westerkwartier",
        "  - {partner: gemeente-assen, jaar: 2026, bedrag: 5000, status: toegezegd}\n"
        "  - {partner: provincie-groningen, jaar: 2027, bedrag: 2500.50, status: aangevraagd}\n",
    )
    # drinkwaterbesparing: regional; a partner is fine, the province (partner: false) not
    _voeg_toe(
        repo,
        "drinkwaterbesparing",
        "  - {partner: gemeente-assen, jaar: 2027, bedrag: 1000, status: aangevraagd}\n"
        "  - {partner: provincie-groningen, jaar: 2027, bedrag: 10000, status: toegezegd}\n",
    )
    doc = json_uit(capsys, repo)
    gevonden = {
        (s["soort"], s["project"], s["jaar"], s["partner"], s["bedrag"]): gewoon(s["bericht"])
        for s in doc["signalen"]
        if s["soort"] != "ongedekt"
    }
    grondwater, drinkwater = "grondwatermeetnet-westerkwartier", "drinkwaterbesparing"
    assert set(gevonden) == {
        ("buiten-clusters", grondwater, 2026, "gemeente-assen", "5000.00"),
        ("buiten-clusters", grondwater, 2027, "provincie-groningen", "2500.50"),
        ("buiten-looptijd", grondwater, 2027, "provincie-groningen", "2500.50"),
        ("meer-dan-begroting", grondwater, 2026, None, "5000.00"),
        ("meer-dan-begroting", grondwater, 2027, None, "2500.50"),
        ("buiten-clusters", drinkwater, 2027, "provincie-groningen", "10000.00"),
        ("meer-dan-begroting", drinkwater, 2027, None, "11000.00"),
    }
    assert gevonden[("buiten-clusters", grondwater, 2026, "gemeente-assen", "5000.00")] == (
        "2026: € 5.000,00 van buiten het project "
        "(Gemeente Assen, toegezegd: hoort niet bij cluster Westerkwartier)"
    )
    assert gevonden[("buiten-clusters", grondwater, 2027, "provincie-groningen", "2500.50")] == (
        "2027: € 2.500,50 van buiten het project (Provincie Groningen, aangevraagd: hoort niet "
        "bij cluster Westerkwartier en is geen partner van de samenwerking)"
    )
    assert gevonden[("buiten-clusters", drinkwater, 2027, "provincie-groningen", "10000.00")] == (
        "2027: € 10.000,00 van buiten het project "
        "(Provincie Groningen, toegezegd: geen partner van de samenwerking)"
    )
    assert gevonden[("buiten-looptijd", grondwater, 2027, "provincie-groningen", "2500.50")] == (
        "2027: € 2.500,50 buiten de looptijd "
        "(Provincie Groningen, aangevraagd; looptijd 15 januari 2026 – 31 oktober 2026)"
    )
    assert (
        "de toezeggingen alleen al"
        in gevonden[("meer-dan-begroting", grondwater, 2026, None, "5000.00")]
    )
    # the per-partner totals still add up to all funding, the province included
    totaal = doc["totaal"]
    assert sum(Decimal(r["totaal"]) for r in doc["per_partner"]) == Decimal(
        totaal["toegezegd"]
    ) + Decimal(totaal["aangevraagd"])
    provincie = next(r for r in doc["per_partner"] if r["partner"] == "provincie-groningen")
    assert (provincie["is_partner"], provincie["toegezegd"], provincie["aangevraagd"]) == (
        False,
        "10000.00",
        "2500.50",
    )


# --- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "past"),
    [
        (["--cluster", "waterpas"], lambda p: "waterpas" in p.get("clusters", [])),
        (["--cluster", "regionaal"], lambda p: p.get("regionaal", False)),
        (["--thema", "klimaatadaptatie"], lambda p: "klimaatadaptatie" in p["themas"]),
        (["--status", "idee", "--status", "gestopt"], lambda p: p["status"] in NIET_STANDAARD),
        (["--project", "riothermie-assen"], lambda p: p["id"] == "riothermie-assen"),
    ],
)
def test_filters_select_the_right_projects(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], past: Any
) -> None:
    standaard = "--status" not in args and "--project" not in args
    verwacht = [
        p
        for p in projecten(repo)
        if past(p) and (not standaard or p["status"] not in NIET_STANDAARD)
    ]
    doc = json_uit(capsys, repo, *args)
    assert [p["id"] for p in doc["projecten"]] == [p["id"] for p in verwacht]
    assert bedragen(doc["totaal"]) == optel([som(p) for p in verwacht])


def test_year_filter_counts_only_that_year(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    gekozen = [p for p in projecten(repo) if p["status"] not in NIET_STANDAARD]
    met_2028 = [p for p in gekozen if any(r["jaar"] == 2028 for r in p["begroting"])]
    doc = json_uit(capsys, repo, "--jaar", "2028")
    assert [p["id"] for p in doc["projecten"]] == [p["id"] for p in met_2028]
    assert bedragen(doc["totaal"]) == optel([som(p, 2028) for p in gekozen])
    assert [r["jaar"] for r in doc["per_jaar"]] == [2028]
    assert {(s["project"], s["jaar"]) for s in doc["signalen"]} == {
        ("afkoppelen-waterpas", 2028),
        ("regenwater-kop-van-drenthe", 2028),
    }
    assert doc["selectie"][-1] == "Alleen de bedragen van 2028."


# --- the document, the terminal view, bad input ----------------------------------------------


def test_document_golden(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["middelen", "--markdown"], cwd=repo)
    assert result.code == 0, result.err
    assert_golden("middelen/voorbeeld.md", result.out)
    assert "\n## Signalen\n" in result.out
    assert "| **Totaal (5)** | | € 355.000,00 | |" in gewoon(result.out)

    result = invoke(capsys, ["middelen", "-o", "middelen.md"], cwd=repo)
    assert result.code == 0, result.err
    assert result.out == "Geschreven: middelen.md\n"
    assert (repo / "middelen.md").read_text(encoding="utf-8") == (
        Path(__file__).parent / "golden" / "middelen" / "voorbeeld.md"
    ).read_text(encoding="utf-8")
    result = invoke(capsys, ["middelen", "-o", "middelen.md"], cwd=repo)
    assert (result.code, result.err) == (
        2,
        "fout: middelen.md bestaat al\n  kies een ander bestand of gebruik --overschrijf\n",
    )


def test_document_is_overridable_by_the_data_repository(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "templates").mkdir(exist_ok=True)
    (repo / "templates" / "middelen.md.j2").write_text(
        "Totaal {{ m.totaal.begroting | bedrag }}\n", encoding="utf-8"
    )
    result = invoke(capsys, ["middelen", "--markdown"], cwd=repo)
    assert result.out == "Totaal €\xa01.390.000,00\n"


def test_terminal_view(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["middelen"], cwd=repo)
    assert result.code == 0, result.err
    assert result.err == ""
    assert_golden("middelen/terminal.txt", result.out)
    regels = result.out.splitlines()
    assert regels[0] == (
        "Inzet van middelen, Waterketen Groningen en Noord-Drenthe — stand 27 november 2026"
    )
    assert regels[1] == (
        "Meegeteld: projecten met de status voorstel, goedgekeurd, lopend of afgerond "
        "(niet: idee, gestopt)."
    )
    afkoppelen = next(r for r in regels if r.startswith("afkoppelen-waterpas "))
    assert re.split(" +", afkoppelen)[1:] == [
        "€\xa0500.000,00",
        "€\xa0400.000,00",
        "€\xa040.000,00",
        "€\xa0100.000,00",
        "€\xa060.000,00",
        "niet",
        "gedekt",
        "2027,",
        "2028",
    ]
    assert regels[-1] == "5 signalen."


def test_nothing_to_show(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    # an idea: no budget, no funding, no signals; named, so counted whatever its status
    result = invoke(capsys, ["middelen", "--project", "riothermie-assen"], cwd=repo)
    assert result.code == 0, result.err
    assert re.search(r"\nriothermie-assen +€ 0,00 ", gewoon(result.out))
    assert result.out.endswith("\nSignalen\nGeen signalen.\n")

    result = invoke(capsys, ["middelen", "--jaar", "2035", "--markdown"], cwd=repo)
    assert result.code == 0, result.err
    assert "- Alleen de bedragen van 2035.\n" in result.out
    assert "\nGeen projecten in deze selectie.\n\n## Regionale begroting\n" in result.out
    assert "\nGeen regionale begroting vastgelegd voor 2035.\n\n## Signalen\n\nGeen signalen:" in (
        result.out
    )
    assert "## Per jaar" not in result.out


@pytest.mark.parametrize(
    ("args", "err"),
    [
        (
            ["--project", "afkoppelen"],
            "fout: onbekend project 'afkoppelen' bij --project\n"
            "  bedoelde u 'afkoppelen-waterpas'?\n",
        ),
        (
            ["--cluster", "kop-van-drenth"],
            "fout: onbekend cluster 'kop-van-drenth' bij --cluster\n"
            "  bedoelde u 'kop-van-drenthe'?\n",
        ),
        (
            ["--thema", "klimaat"],
            "fout: onbekend thema 'klimaat' bij --thema\n  bedoelde u 'klimaatadaptatie'?\n",
        ),
        (
            ["--format", "json", "--markdown"],
            "fout: --format json gaat niet samen met --markdown, --uitvoer of --formaat\n"
            "  kies het document of json\n",
        ),
    ],
)
def test_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], err: str
) -> None:
    result = invoke(capsys, ["middelen", *args], cwd=repo)
    assert (result.code, result.out, result.err) == (2, "", err)


# --- the pieces ------------------------------------------------------------------------------


def test_cli_statuses_are_the_project_statuses() -> None:
    assert [s.value for s in Status] == [s.value for s in Projectstatus]
    assert {s.value for s in kern.STANDAARD_STATUSSEN} == {
        "voorstel",
        "goedgekeurd",
        "lopend",
        "afgerond",
    }
