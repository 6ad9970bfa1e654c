"""The regional budget (``data/begrotingen/``): every figure checked against the YAML,
summed here by hand, the verdeelsleutel recomputed here with fractions, each signal,
and what ``validate`` says about a budget record, with its place.

The expected figures come from ``yaml.safe_load`` over the example data, never from the
code under test.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLE_DATA
from helpers import invoke
from waterketen_cli.analyse import begroting as kern
from waterketen_cli.analyse import verdeelsleutel
from waterketen_cli.models.records import Organisatie, Verdeelsleutel
from waterketen_cli.records.dataset import load


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _alle(folder: Path, soort: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in map(_yaml, sorted((folder / soort).glob("*.yaml")))}


def euro(waarde: object) -> Decimal:
    return Decimal(str(waarde))


def gewoon(tekst: str) -> str:
    return tekst.replace("\xa0", " ")


def _half_up(waarde: Fraction) -> Fraction:
    """To the cent, half up: the rounding people do by hand."""
    centen = waarde * 100
    heel = int(centen)
    if centen - heel >= Fraction(1, 2):
        heel += 1
    return Fraction(heel, 100)


def sleutel_bedragen(data: Path, totaal: Decimal, sleutel_id: str) -> dict[str, Decimal]:
    """The contributions by the verdeelsleutel, computed independently (fractions)."""
    regio = next(iter(_alle(data, "regio").values()))
    sleutel = next(v for v in regio["verdeelsleutels"] if v["id"] == sleutel_id)
    partners = [o for o in _alle(data, "organisaties").values() if o.get("partner", True)]
    exact: dict[str, Fraction] = {}
    doel = Fraction(0)
    for deel in sleutel["delen"]:
        groep = [o for o in partners if o["soort"] == deel["soort"]]
        bedrag = _half_up(Fraction(str(totaal)) * Fraction(str(deel["aandeel"])) / 100)
        doel += bedrag
        naar = deel.get("naar", "gelijk")
        gewicht = {o["id"]: Fraction(1 if naar == "gelijk" else o[naar]) for o in groep}
        som = sum(gewicht.values())
        for o in groep:
            exact[o["id"]] = bedrag * gewicht[o["id"]] / som
    afgerond = {k: _half_up(v) for k, v in exact.items()}
    grootste = max(exact, key=lambda k: exact[k])
    afgerond[grootste] += doel - sum(afgerond.values())
    return {k: Decimal(v.numerator) / Decimal(v.denominator) for k, v in afgerond.items()}


def json_uit(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> dict[str, Any]:
    result = invoke(capsys, ["middelen", "--format", "json", *args], cwd=repo)
    assert result.code == 0, result.err
    doc: dict[str, Any] = json.loads(result.out)
    return doc


def bedrag(regel: dict[str, Any], veld: str) -> Decimal:
    """An amount of the JSON: a string with two decimals, never a float."""
    waarde = regel[veld]
    assert isinstance(waarde, str) and re.fullmatch(r"-?\d+\.\d\d", waarde), (veld, waarde)
    return Decimal(waarde)


def edit(repo: Path, relative: str, old: str, new: str) -> None:
    path = repo / "data" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(repo: Path, relative: str, text: str) -> int:
    content = (repo / "data" / relative).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


# --- every figure adds up against the records -------------------------------------------------


def test_totals_add_up_against_the_yaml(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    begrotingen = _alle(EXAMPLE_DATA, "begrotingen")
    projecten = _alle(EXAMPLE_DATA, "projecten")
    regio = next(iter(_alle(EXAMPLE_DATA, "regio").values()))
    assert sorted(begrotingen) == ["2026", "2027"]
    doc = json_uit(capsys, repo)["regionale_begroting"]
    assert [j["jaar"] for j in doc["jaren"]] == [2026, 2027]

    for j in doc["jaren"]:
        record = begrotingen[str(j["jaar"])]
        totaal = euro(record["totaal"])
        volgens = sleutel_bedragen(EXAMPLE_DATA, totaal, record["verdeelsleutel"])
        assert sum(volgens.values()) == totaal  # the key divides the whole total
        ingevuld = {b["partner"]: b for b in record["bijdragen"]}
        toegezegd = sum(
            (
                volgens[p]
                for p, b in ingevuld.items()
                if b.get("status", "toegezegd") == "toegezegd"
            ),
            Decimal(0),
        )
        toegekend = sum((euro(t["bedrag"]) for t in record.get("toekenningen", [])), Decimal(0))
        gerealiseerd = sum((euro(r["bedrag"]) for r in record.get("realisatie", [])), Decimal(0))

        assert bedrag(j, "begroting") == totaal
        assert bedrag(j, "toegezegd") == toegezegd
        assert bedrag(j, "ongedekt") == totaal - toegezegd
        assert bedrag(j, "toegekend") == toegekend
        assert bedrag(j, "gerealiseerd") == gerealiseerd
        assert bedrag(j, "vrij") == totaal - toegekend
        assert bedrag(j, "te_besteden") == toegekend - gerealiseerd
        assert bedrag(j, "restant") == totaal - gerealiseerd
        # each partner: what the key says, and together the total
        assert {b["partner"]: bedrag(b, "volgens_sleutel") for b in j["bijdragen"]} == volgens
        assert sum(bedrag(b, "bedrag") for b in j["bijdragen"]) == totaal
        # each project: its allocations and its spending; by theme, counted under each
        per_project: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for t in record.get("toekenningen", []):
            per_project[t["project"]][0] += euro(t["bedrag"])
        for r in record.get("realisatie", []):
            per_project[r["project"]][1] += euro(r["bedrag"])
        assert {
            p["project"]: [bedrag(p, "toegekend"), bedrag(p, "gerealiseerd")]
            for p in j["projecten"]
        } == per_project
        for t in j["per_thema"]:
            met = [p for p in per_project if t["id"] in projecten[p]["themas"]]
            assert t["projecten"] == len(met)
            assert bedrag(t, "toegekend") == sum((per_project[p][0] for p in met), Decimal(0))
            assert bedrag(t, "gerealiseerd") == sum((per_project[p][1] for p in met), Decimal(0))
        assert [t["id"] for t in j["per_thema"]] == [t["id"] for t in regio["themas"]]

    # the years together
    for veld in ("begroting", "toegezegd", "toegekend", "gerealiseerd", "vrij", "restant"):
        assert bedrag(doc["totaal"], veld) == sum(bedrag(j, veld) for j in doc["jaren"])
    assert doc["totaal"]["begroting"] == "310000.00"
    assert doc["totaal"]["toegekend"] == "245000.00"
    assert doc["totaal"]["gerealiseerd"] == "75288.30"


def test_the_example_has_one_deliberate_signal(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    doc = json_uit(capsys, repo)["regionale_begroting"]
    assert [(s["soort"], s["jaar"], s["project"], s["bedrag"]) for s in doc["signalen"]] == [
        ("meer-gerealiseerd-dan-toegekend", 2026, "stresstesten-en-risicodialogen", "2412.80")
    ]
    assert gewoon(doc["signalen"][0]["bericht"]) == (
        "2026: € 2.412,80 meer gerealiseerd dan toegekend (Stresstesten en risicodialogen in "
        "de hele regio: toegekend € 35.000,00, gerealiseerd € 37.412,80)"
    )


def test_year_filter_and_per_project(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    doc = json_uit(capsys, repo, "--jaar", "2027")
    assert [j["jaar"] for j in doc["regionale_begroting"]["jaren"]] == [2027]
    assert doc["regionale_begroting"]["signalen"] == []
    doc = json_uit(capsys, repo, "--project", "stresstesten-en-risicodialogen")
    (project,) = doc["projecten"]
    assert project["regionale_begroting"] == [
        {
            "jaar": 2026,
            "besluiten": ["B-2026-008"],
            "toegekend": "35000.00",
            "gerealiseerd": "37412.80",
        },
        {
            "jaar": 2027,
            "besluiten": ["B-2026-008"],
            "toegekend": "15000.00",
            "gerealiseerd": "0.00",
        },
    ]
    # the project's own figures do not count the allocations
    assert project["toegezegd"] == "175000.00"


# --- the verdeelsleutel ----------------------------------------------------------------------


def _org(oid: str, soort: str, **aantallen: int) -> Organisatie:
    return Organisatie(id=oid, naam=oid.capitalize(), soort=soort, **aantallen)  # type: ignore[arg-type]


def _sleutel(*delen: tuple[str, int, str]) -> Verdeelsleutel:
    return Verdeelsleutel.model_validate(
        {
            "id": "test",
            "naam": "Test",
            "delen": [{"soort": s, "aandeel": a, "naar": n} for s, a, n in delen],
        }
    )


def test_rounding_leftover_goes_to_the_largest_contributor() -> None:
    # three equal parts of € 100: 33,33 each, the cent left over to the first of equals
    orgs = [_org(o, "waterschap") for o in ("a", "b", "c")]
    bedragen, verdeling = verdeelsleutel.verdeel(
        Decimal(100), _sleutel(("waterschap", 100, "gelijk")), orgs
    )
    assert bedragen == {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")}
    assert (verdeling.afronding, verdeling.ontvanger) == (Decimal("0.01"), "A")
    assert gewoon(verdeling.regel).endswith("; dit jaar betaalt A daardoor € 0,01 meer.")
    # six parts of € 1: 0,1666… rounds up to 0,17 each, two cents too many: the largest
    # contributor (by inhabitants) pays them back
    orgs = [_org(f"g{i}", "gemeente", inwoners=1000 + i) for i in range(6)]
    bedragen, verdeling = verdeelsleutel.verdeel(
        Decimal(1), _sleutel(("gemeente", 100, "inwoners")), orgs
    )
    assert sum(bedragen.values()) == Decimal(1)
    assert verdeling.afronding == Decimal("-0.02")
    assert bedragen["g5"] == Decimal("0.15") and verdeling.ontvanger == "G5"
    assert all(bedragen[f"g{i}"] == Decimal("0.17") for i in range(5))
    assert gewoon(verdeling.regel).endswith("; dit jaar betaalt G5 daardoor € 0,02 minder.")


def test_groups_by_share_and_number() -> None:
    orgs = [
        _org("groot", "gemeente", inwoners=300),
        _org("klein", "gemeente", inwoners=100),
        _org("ws", "waterschap"),
        _org("wb1", "waterbedrijf", aansluitingen=3),
        _org("wb2", "waterbedrijf", aansluitingen=1),
        Organisatie(id="prov", naam="Prov", soort="provincie", partner=False),  # type: ignore[arg-type]
    ]
    sleutel = _sleutel(
        ("gemeente", 50, "inwoners"),
        ("waterschap", 30, "gelijk"),
        ("waterbedrijf", 20, "aansluitingen"),
    )
    bedragen, verdeling = verdeelsleutel.verdeel(Decimal(1000), sleutel, orgs)
    assert bedragen == {
        "groot": Decimal(375),
        "klein": Decimal(125),
        "ws": Decimal(300),
        "wb1": Decimal(150),
        "wb2": Decimal(50),
    }
    assert verdeling.afronding == 0 and verdeling.ontvanger is None
    assert verdeling.beschrijving == (
        "gemeenten 50 % naar inwoners, waterschappen 30 % in gelijke delen en "
        "waterbedrijven 20 % naar aansluitingen"
    )


def test_the_document_states_the_rule_and_the_rounding(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["middelen", "--markdown"], cwd=repo)
    tekst = gewoon(result.out)
    deel = tekst.split("\n## Regionale begroting\n")[1].split("\n## Signalen\n")[0]
    assert (
        "gemeenten 60 % naar inwoners, waterschappen 25 % in gelijke delen en waterbedrijven "
        "15 % naar aansluitingen. Elk bedrag op de cent afgerond (vanaf een halve cent naar "
        "boven); wat het afronden overlaat, gaat naar de grootste bijdrager, zodat de "
        "bijdragen precies optellen tot het totaal; dit jaar betaalt Gemeente Groningen "
        "daardoor € 0,01 meer."
    ) in deel
    assert (
        "| Gemeente Groningen | 244.892 inwoners | € 28.714,82 (€ 0,01 meer door afronding) "
        "| € 28.714,82 | toegezegd |"
    ) in deel
    assert "| Gemeente Pekela | 12.212 inwoners | € 1.527,38 | € 1.527,38 | aangevraagd |" in deel
    assert "| 2026 | Meer gerealiseerd dan toegekend | € 2.412,80 |" in deel


# --- each signal -----------------------------------------------------------------------------


def _signalen(capsys: pytest.CaptureFixture[str], repo: Path) -> dict[tuple[Any, ...], str]:
    doc = json_uit(capsys, repo)["regionale_begroting"]
    return {
        (s["soort"], s["jaar"], s["project"] or s["partner"], s["bedrag"]): gewoon(s["bericht"])
        for s in doc["signalen"]
        if s["soort"] != "meer-gerealiseerd-dan-toegekend" or s["jaar"] != 2026
    }


def test_allocation_beyond_the_budget_and_without_a_stuurgroep_decision(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    edit(
        repo,
        "begrotingen/2027.yaml",
        "    besluit: B-2026-023\n",
        "    besluit: B-2026-023\n"
        "  - project: kennisplatform-waterketen\n    bedrag: 20000\n    besluit: B-2026-003\n"
        "  - project: energiescan-waterketen\n    bedrag: 15160.50\n",
    )
    assert _signalen(capsys, repo) == {
        ("meer-toegekend-dan-begroot", 2027, None, "160.50"): (
            "2027: € 160,50 meer toegekend dan begroot (begroting € 160.000,00, toegekend "
            "€ 160.160,50)"
        ),
        ("zonder-besluit", 2027, "kennisplatform-waterketen", "20000.00"): (
            "2027: € 20.000,00 toegekend zonder besluit van de stuurgroep (Kennisplatform en "
            "vakdag waterketen: besluit B-2026-003 is van het Clustercoördinatorenoverleg, "
            "niet van de stuurgroep)"
        ),
        ("zonder-besluit", 2027, "energiescan-waterketen", "15160.50"): (
            "2027: € 15.160,50 toegekend zonder besluit van de stuurgroep (Energiescan "
            "gemalen en zuiveringen: geen besluit vermeld)"
        ),
    }


def test_missing_and_differing_contributions(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    edit(repo, "begrotingen/2027.yaml", "  - partner: gemeente-veendam\n", "")
    edit(
        repo,
        "begrotingen/2027.yaml",
        "  - partner: wmd\n",
        "  - partner: wmd\n    bedrag: 9000\n  - partner: provincie-groningen\n    bedrag: 500\n",
    )
    assert _signalen(capsys, repo) == {
        ("ontbrekende-bijdrage", 2027, "gemeente-veendam", "3500.51"): (
            "2027: € 3.500,51 bijdrage ontbreekt (Gemeente Veendam: volgens de verdeelsleutel "
            "€ 3.500,51, maar geen bijdrage vastgelegd)"
        ),
        ("afwijkende-bijdrage", 2027, "wmd", "986.67"): (
            "2027: € 986,67 afwijkende bijdrage (Waterleidingmaatschappij Drenthe "
            "(WMD): ingevuld € 9.000,00, volgens de verdeelsleutel € 9.986,67)"
        ),
        ("afwijkende-bijdrage", 2027, "provincie-groningen", "500.00"): (
            "2027: € 500,00 afwijkende bijdrage (Provincie Groningen, toegezegd: "
            "hoort niet bij de verdeelsleutel en is geen partner van de samenwerking)"
        ),
    }
    doc = json_uit(capsys, repo, "--jaar", "2027")["regionale_begroting"]["jaren"][0]
    # the missing one counts as nothing promised; the entered amounts count as entered
    volgens = sleutel_bedragen(repo / "data", Decimal(160000), "inwoners-en-aansluitingen")
    aangevraagd = volgens["gemeente-pekela"] + volgens["gemeente-westerwolde"]
    verwacht = (
        Decimal(160000)
        - volgens["gemeente-veendam"]
        - aangevraagd
        - volgens["wmd"]
        + Decimal(9000)
        + Decimal(500)
    )
    assert bedrag(doc, "toegezegd") == verwacht


def test_entered_contributions_without_a_key(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "data" / "begrotingen" / "2028.yaml").write_text(
        "id: '2028'\njaar: 2028\ntotaal: 1000\nbijdragen:\n"
        "  - partner: gemeente-assen\n    bedrag: 400\n"
        "  - partner: wmd\n    bedrag: 500.50\n    status: aangevraagd\n"
        "  - partner: provincie-groningen\n    bedrag: 50\n",
        encoding="utf-8",
    )
    doc = json_uit(capsys, repo, "--jaar", "2028")["regionale_begroting"]
    (jaar,) = doc["jaren"]
    assert (jaar["begroting"], jaar["toegezegd"], jaar["ongedekt"]) == (
        "1000.00",
        "450.00",
        "550.00",
    )
    assert jaar["verdeelsleutel"] is None
    assert [gewoon(s["bericht"]) for s in doc["signalen"]] == [
        "2028: € 50,00 afwijkende bijdrage (Provincie Groningen, toegezegd: geen "
        "partner van de samenwerking)",
        "2028: € 49,50 bijdrage ontbreekt (de bijdragen (€ 950,50) dekken het totaal "
        "(€ 1.000,00) niet)",
    ]


def test_realisation_after_the_project_ended(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    # aanbesteding-reiniging-inspectie ended 30 september 2026; grondwatermeetnet in 2026
    edit(
        repo,
        "begrotingen/2026.yaml",
        "    bedrag: 11640\n    datum: 2026-09-30\n",
        "    bedrag: 11640\n    datum: 2026-09-30\n"
        "  - project: aanbesteding-reiniging-inspectie\n    bedrag: 250.25\n"
        "    datum: 2026-10-15\n",
    )
    (repo / "data" / "begrotingen" / "2027.yaml").write_text(
        (repo / "data" / "begrotingen" / "2027.yaml").read_text(encoding="utf-8")
        + "realisatie:\n  - project: grondwatermeetnet-westerkwartier\n    bedrag: 100\n",
        encoding="utf-8",
    )
    assert _signalen(capsys, repo) == {
        ("meer-gerealiseerd-dan-toegekend", 2027, "grondwatermeetnet-westerkwartier", "100.00"): (
            "2027: € 100,00 meer gerealiseerd dan toegekend (Grondwatermeetnet "
            "Westerkwartier: toegekend € 0,00, gerealiseerd € 100,00)"
        ),
        ("na-looptijd", 2026, "aanbesteding-reiniging-inspectie", "250.25"): (
            "2026: € 250,25 gerealiseerd na het einde van het project (Gezamenlijke "
            "aanbesteding reiniging en inspectie riolering: looptijd tot en met "
            "30 september 2026 (stand 15 oktober 2026))"
        ),
        ("na-looptijd", 2027, "grondwatermeetnet-westerkwartier", "100.00"): (
            "2027: € 100,00 gerealiseerd na het einde van het project (Grondwatermeetnet "
            "Westerkwartier: looptijd tot en met 31 oktober 2026)"
        ),
    }


# --- validate --------------------------------------------------------------------------------


def findings(capsys: pytest.CaptureFixture[str], repo: Path) -> list[dict[str, Any]]:
    result = invoke(capsys, ["validate", "--format", "json"], cwd=repo)
    doc = json.loads(result.out)
    assert result.code == (1 if doc["fouten"] else 0)
    return [
        f for f in doc["bevindingen"] if f["check"] not in ("actie-verlopen", "programma-verouderd")
    ]


def plaats(f: dict[str, Any]) -> tuple[str, int, int, str, str, str]:
    return (f["bestand"], f["regel"], f["kolom"], f["check"], f["ernst"], f["bericht"])


def test_example_budgets_are_valid(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    assert findings(capsys, repo) == []


def test_references_of_a_budget(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    rel = "begrotingen/2026.yaml"
    edit(repo, rel, "  - partner: wmd\n", "  - partner: wmb\n")
    edit(repo, rel, "  - project: omgevingsplan-water\n", "  - project: omgevingsplan\n")
    edit(repo, rel, "    besluit: B-2026-014\n", "    besluit: B-2026-099\n")
    edit(repo, rel, "verdeelsleutel: inwoners-en-aansluitingen", "verdeelsleutel: inwoners")
    bestand = f"data/{rel}"
    assert sorted(plaats(f) for f in findings(capsys, repo)) == sorted(
        [
            (
                bestand,
                line_of(repo, rel, "verdeelsleutel:"),
                17,
                "begroting-sleutel",
                "fout",
                "onbekende verdeelsleutel 'inwoners'",
            ),
            (
                bestand,
                line_of(repo, rel, "wmb"),
                14,
                "verwijzing",
                "fout",
                "onbekende organisatie 'wmb'",
            ),
            (
                bestand,
                line_of(repo, rel, "project: omgevingsplan\n"),
                14,
                "verwijzing",
                "fout",
                "onbekend project 'omgevingsplan'",
            ),
            (
                bestand,
                line_of(repo, rel, "B-2026-099"),
                14,
                "verwijzing",
                "fout",
                "onbekend besluit 'B-2026-099'",
            ),
        ]
    )
    hints = {f["bericht"]: f["hint"] for f in findings(capsys, repo)}
    assert hints["onbekende verdeelsleutel 'inwoners'"] == "bekend: inwoners-en-aansluitingen"
    assert hints["onbekende organisatie 'wmb'"] == "bedoelde u 'wmd'?"
    # the text format names file, line and column
    result = invoke(capsys, ["validate"], cwd=repo)
    regel = line_of(repo, rel, "wmb")
    assert f"{bestand}\n" in result.out
    assert re.search(
        rf"\n +{regel}:14 +fout +bijdragen\[17\]\.partner: onbekende organisatie 'wmb'  "
        r"\[verwijzing\]\n +→ bedoelde u 'wmd'\?\n",
        result.out,
    )


def test_an_allocation_rests_on_a_stuurgroep_decision(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    rel = "begrotingen/2027.yaml"
    edit(repo, rel, "    besluit: B-2026-023\n", "")
    bestand = f"data/{rel}"
    toekenning = line_of(repo, rel, "  - project: drinkwaterbesparing")
    assert [plaats(f) for f in findings(capsys, repo)] == [
        (bestand, toekenning, 5, "begroting-besluit", "waarschuwing", "toekenning zonder besluit")
    ]
    edit(
        repo,
        rel,
        "  - project: drinkwaterbesparing\n    bedrag: 20000\n",
        "  - project: drinkwaterbesparing\n    bedrag: 20000\n    besluit: B-2026-003\n",
    )
    (f,) = [f for f in findings(capsys, repo) if f["check"] == "begroting-besluit"]
    assert plaats(f) == (
        bestand,
        line_of(repo, rel, "B-2026-003"),
        14,
        "begroting-besluit",
        "waarschuwing",
        "besluit B-2026-003 is van het overleg 'cco', niet van de stuurgroep",
    )


def test_a_budget_record_by_itself(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "data" / "begrotingen" / "2028.yaml").write_text(
        "id: '2028'\njaar: 2029\nverdeelsleutel: inwoners-en-aansluitingen\nbijdragen:\n"
        "  - partner: wmd\n  - partner: wmd\nrealisatie:\n"
        "  - project: prestatiemonitor-3kd\n    bedrag: 10\n    datum: 2027-12-31\n",
        encoding="utf-8",
    )
    (repo / "data" / "begrotingen" / "2029.yaml").write_text(
        "id: '2029'\njaar: 2029\nbijdragen:\n  - partner: wmd\n", encoding="utf-8"
    )
    found = sorted(plaats(f) for f in findings(capsys, repo) if f["bestand"].endswith("8.yaml"))
    b = "data/begrotingen/2028.yaml"
    assert found == sorted(
        [
            (b, 2, 7, "begroting", "fout", "de begroting van 2029 heet '2028': het id is het jaar"),
            (
                b,
                3,
                17,
                "begroting",
                "fout",
                "een verdeelsleutel verdeelt het totaal, maar de begroting heeft geen totaal",
            ),
            (b, 6, 14, "begroting", "fout", "'wmd' staat al bij bijdrage 1"),
            (
                b,
                10,
                12,
                "begroting",
                "fout",
                "31 december 2027 ligt niet in 2029, het jaar van de begroting",
            ),
        ]
    )
    (f,) = [f for f in findings(capsys, repo) if f["bestand"].endswith("2029.yaml")]
    assert plaats(f) == (
        "data/begrotingen/2029.yaml",
        4,
        5,
        "begroting",
        "fout",
        "de bijdrage van 'wmd' heeft geen bedrag",
    )


@pytest.mark.parametrize(
    ("waarde", "bericht", "hint"),
    [
        ("'60'", "moet een geheel getal zijn, niet de tekst '60'", "haal de aanhalingstekens weg"),
        ("0", "moet minstens 1 zijn, niet 0", None),
        ("12.5", "moet een geheel getal zijn, niet 12.5", "een geheel getal heeft geen decimalen"),
    ],
)
def test_a_share_is_a_whole_number(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    waarde: str,
    bericht: str,
    hint: str | None,
) -> None:
    rel = "regio/groningen-noord-drenthe.yaml"
    edit(repo, rel, "        aandeel: 60\n", f"        aandeel: {waarde}\n")
    (f,) = findings(capsys, repo)
    assert (f["bestand"], f["regel"], f["check"]) == (
        "data/" + rel,
        line_of(repo, rel, "aandeel: " + waarde),
        "schema",
    )
    assert (f["veld"], f["bericht"], f["hint"]) == (
        "verdeelsleutels[0].delen[0].aandeel",
        bericht,
        hint,
    )


def test_a_verdeelsleutel_names_each_kind_once_and_has_its_numbers(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    rel = "regio/groningen-noord-drenthe.yaml"
    edit(
        repo,
        rel,
        "      - soort: waterbedrijf\n        aandeel: 15\n        naar: aansluitingen\n",
        "      - soort: waterschap\n        aandeel: 15\n        naar: gelijk\n",
    )
    edit(repo, "organisaties/gemeente-pekela.yaml", "inwoners: 12212\n", "")
    regel = line_of(repo, rel, "      - soort: waterschap\n        aandeel: 15")
    assert sorted(plaats(f) for f in findings(capsys, repo)) == sorted(
        [
            (
                "data/" + rel,
                regel,
                16,
                "verdeelsleutel",
                "fout",
                "de soort 'waterschap' staat al in deze verdeelsleutel",
            ),
            (
                "data/organisaties/gemeente-pekela.yaml",
                3,
                1,
                "begroting-sleutel",
                "fout",
                "geen inwoners: de verdeelsleutel 'inwoners-en-aansluitingen' verdeelt naar "
                "inwoners",
            ),
        ]
    )


def test_shares_in_proportion_and_thirds() -> None:
    """Whole numbers shared in proportion: 1, 1 and 1 is a third each; the cent the
    rounding leaves goes to the first of the largest."""
    orgs = [_org("gem", "gemeente"), _org("ws", "waterschap"), _org("wb", "waterbedrijf")]
    sleutel = _sleutel(
        ("gemeente", 1, "gelijk"), ("waterschap", 1, "gelijk"), ("waterbedrijf", 1, "gelijk")
    )
    bedragen, verdeling = verdeelsleutel.verdeel(Decimal(100), sleutel, orgs)
    assert bedragen == {"gem": Decimal("33.34"), "ws": Decimal("33.33"), "wb": Decimal("33.33")}
    assert verdeling.beschrijving == (
        "gemeenten 33,33 % in gelijke delen, waterschappen 33,33 % in gelijke delen en "
        "waterbedrijven 33,33 % in gelijke delen"
    )
    assert [d.bedrag for d in verdeling.delen] == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]


# --- the API for the jaarplan and the jaarverslag ----------------------------------------------


def test_api_per_year_and_theme() -> None:
    gegevens = load(EXAMPLE_DATA, kern.SOORTEN)
    jaar = kern.jaarbegroting(gegevens, 2027)
    assert jaar is not None and kern.jaarbegroting(gegevens, 2030) is None
    assert (jaar.begroting, jaar.toegekend, jaar.vrij) == (
        Decimal(160000),
        Decimal(125000),
        Decimal(35000),
    )
    thema = {t.thema: t for t in jaar.per_thema}
    assert (thema["kennisdeling"].projecten, thema["kennisdeling"].toegekend) == (
        1,
        Decimal(30000),
    )
    assert thema["energietransitie"].toegekend == 0
    assert jaar.vastgesteld_info is not None and jaar.vastgesteld_info.stuurgroep


def test_the_public_view_drops_a_confidential_decision() -> None:
    from waterketen_cli import publiek
    from waterketen_cli.models.records import Begroting

    begroting = Begroting.model_validate(
        {
            "id": "2026",
            "jaar": 2026,
            "totaal": 10,
            "vastgesteld": "B-2026-001",
            "toekenningen": [
                {"project": "p", "bedrag": 5, "besluit": "B-2026-001"},
                {"project": "q", "bedrag": 5, "besluit": "B-2026-002"},
            ],
        }
    )
    view = publiek._begroting(begroting, {"B-2026-001"})
    assert view.vastgesteld is None
    assert [t.besluit for t in view.toekenningen] == [None, "B-2026-002"]
