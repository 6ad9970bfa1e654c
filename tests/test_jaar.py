"""``waterketen jaarplan JAAR`` and ``waterketen jaarverslag JAAR`` on the example data.

The day is fixed at 27 november 2026 (conftest): the plan is that of 2027, the report
that of 2026, which is not over yet. Counts are checked against the YAML files read
here directly (yaml.safe_load), not with the code under test.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from pypdf import PdfReader

from conftest import EXAMPLE_DATA
from helpers import assert_golden, invoke
from test_verslag import assert_tables_whole, gfm_tables
from waterketen_cli import publiek
from waterketen_cli.analyse import jaar, jaar_verslag
from waterketen_cli.records import dataset, nieuwsbrief

VANDAAG = dt.date(2026, 11, 27)


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


VERGADERINGEN = [_yaml(p) for p in sorted((EXAMPLE_DATA / "vergaderingen").glob("*.yaml"))]
PROJECTEN = {p.stem: _yaml(p) for p in sorted((EXAMPLE_DATA / "projecten").glob("*.yaml"))}
#: Secrets of the example data that a public jaarverslag must not hold: the
#: confidential item about the pilot and its decisions, and the marker itself.
GEHEIM = (
    "B-2026-021",
    "B-2026-024",
    "Evaluatie pilot storingsdienst",
    "pilot storingsdienst gemalen te stoppen",
    "per 1 november 2026",
    "B-2025-006",  # approved in a confidential item: the public view drops it
    "vertrouwelijk**",
    "waterketen agenda plan",  # a hint for the secretary, not for the website
)


def render(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> str:
    result = invoke(capsys, list(args), cwd=repo)
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


def gewoon(text: str) -> str:
    """Amounts have a no-break space after the euro sign; the checks read a plain one."""
    return text.replace("\xa0", " ")


# --- the documents ----------------------------------------------------------------------------


def test_jaarplan_internal_and_public(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    intern = render(capsys, repo, "jaarplan", "2027")
    openbaar = render(capsys, repo, "jaarplan", "2027", "--openbaar")
    assert_golden("jaar/jaarplan-2027.md", intern)
    assert_golden("jaar/jaarplan-2027-openbaar.md", openbaar)
    intern, openbaar = gewoon(intern), gewoon(openbaar)
    assert intern.startswith("# Jaarplan 2027 — Waterketen Groningen en Noord-Drenthe\n")
    assert "2027 is het laatste jaar van het waterakkoord Ons Water centraal" in intern
    # Every theme of the region and every cluster has its section.
    regio = _yaml(next((EXAMPLE_DATA / "regio").glob("*.yaml")))
    for thema in regio["themas"]:
        assert f"\n### {thema['naam']}\n" in intern
    for cluster in (EXAMPLE_DATA / "clusters").glob("*.yaml"):
        assert f"\n### {_yaml(cluster)['naam']}\n" in intern
    # The meetings of 2027 in the data, planned ones included.
    in_2027 = [v for v in VERGADERINGEN if v["datum"].year == 2027]
    assert in_2027
    for v in in_2027:
        assert _dag(v["datum"]) in intern
    assert "| donderdag 11 maart 2027 | 09.30–10.45 uur | Stadhuis Groningen | gepland |" in intern
    # The stopped pilot and the idea are no part of the plan's projects.
    assert "storingsdienst" not in intern.lower()
    assert "Projecten die nog een idee zijn: Warmte uit riool bij nieuwbouw in Assen" in intern
    # The regional budget of 2027 (the same figures as 'waterketen middelen').
    assert "- Begroting: € 160.000,00, vastgesteld met besluit B-2026-028" in intern
    assert "- Toegekend aan projecten: € 125.000,00; vrij: € 35.000,00." in intern
    # What is missing, said.
    assert "Geen activiteit op het regionale thema Energietransitie in 2027" in intern
    assert "'waterketen agenda plan 2027 --overleg cco' zet ze klaar" in intern
    for secret in GEHEIM:
        assert secret not in openbaar, secret
    assert "Openbare versie." in openbaar
    assert_tables_whole(intern, expected=len(gfm_tables(intern)))
    assert_tables_whole(openbaar, expected=len(gfm_tables(openbaar)))
    # themes, each theme's projects, the clusters, milestones, budget (2), schedule
    assert len(gfm_tables(intern)) == 1 + 8 + 5 + 1 + 2 + 1


def test_jaarverslag_internal_and_public(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    intern = render(capsys, repo, "jaarverslag", "2026")
    openbaar = render(capsys, repo, "jaarverslag", "2026", "--openbaar")
    assert_golden("jaar/jaarverslag-2026.md", intern)
    assert_golden("jaar/jaarverslag-2026-openbaar.md", openbaar)
    intern, openbaar = gewoon(intern), gewoon(openbaar)
    assert intern.startswith("# Jaarverslag 2026 — Waterketen Groningen en Noord-Drenthe\n")
    assert "2026 is nog niet voorbij: dit verslag gaat over 1 januari tot en met 27 november" in (
        intern
    )
    # Meetings held, counted from the YAML.
    gehouden = [
        v
        for v in VERGADERINGEN
        if v["datum"].year == 2026 and v["status"] in ("gehouden", "verslag vastgesteld")
    ]
    assert f"- {len(gehouden)} vergaderingen gehouden" in intern
    assert f"| **Totaal** | **{len(gehouden)}** | |" in intern
    besluiten = [
        b for v in VERGADERINGEN if v["datum"].year == 2026 for b in v.get("besluiten", [])
    ]
    assert f"met {len(besluiten)} besluiten." in intern
    for b in besluiten:
        assert f"| {b['nummer']} |" in intern
    assert "- Nog gepland in 2026: Clustercoördinatorenoverleg op 15 december 2026." in intern
    # Projects by the stated rules; the stop is dated by the stuurgroep's decision.
    assert _rij(intern, "Gezamenlijke storingsdienst gemalen Oost-Groningen", "24 september 2026")
    afgerond = [
        p["titel"]
        for p in PROJECTEN.values()
        if p["status"] == "afgerond" and p["periode"]["eind"].year == 2026
    ]
    assert len(afgerond) == 2
    for titel in afgerond:
        assert titel in intern.split("### Afgerond")[1].split("### Gestopt")[0]
    # No measurements over 2026 yet: the newest development, over 2025, said so.
    assert "Er zijn geen metingen over 2026" in intern
    assert "- Geen metingen over 2026; de monitor toont de nieuwste, over 2025." in intern
    assert intern.count("```mermaid") == 10  # every number indicator, not the ja/nee ones
    # The theme meetings with their write-up, the newsletter sent.
    assert "Ruim veertig beheerders, managers en adviseurs" in intern
    assert "`themabijeenkomsten/themabijeenkomst-2026-02-12/`" in intern
    assert "| 16 oktober 2026 | Nieuwsbrief oktober 2026 |" in intern
    # The money against the budget, with the signal of overspending.
    assert (
        "| € 150.000,00 | € 150.000,00 | € 120.000,00 | € 75.288,30 | € 30.000,00 | € 74.711,70 |"
        in intern
    )
    assert "- Meer gerealiseerd dan toegekend: € 2.412,80" in intern
    # Internal: the confidential decisions are there, marked.
    assert "B-2026-024" in intern and "(**vertrouwelijk**)" in intern
    # Public: none of the secrets; the stop has no public decision, and says so.
    for secret in GEHEIM:
        assert secret not in openbaar, secret
    assert "datum onbekend: geen openbaar besluit over het project" in openbaar
    assert "Toekenning zonder besluit" not in openbaar
    assert "besluiten over vertrouwelijke agendapunten en vertrouwelijke besluiten staan niet" in (
        openbaar
    )
    assert_tables_whole(intern, expected=len(gfm_tables(intern)))
    assert_tables_whole(openbaar, expected=len(gfm_tables(openbaar)))
    assert len(gfm_tables(openbaar)) == len(gfm_tables(intern))


def test_jaarverslag_in_word_and_pdf(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    for formaat in ("docx", "pdf"):
        result = invoke(
            capsys, ["jaarverslag", "2026", "--openbaar", "-o", f"verslag.{formaat}"], cwd=repo
        )
        assert result.code == 0, result.err
        assert result.out == f"Geschreven: verslag.{formaat}\n"
    document = docx.Document(str(repo / "verslag.docx"))
    koppen = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert koppen[0] == "Jaarverslag 2026 — Waterketen Groningen en Noord-Drenthe"
    assert "Financiën" in koppen and "Wat nog ontbreekt" in koppen
    assert len(document.inline_shapes) == 10  # the charts, as images
    tekst = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "B-2026-024" not in tekst and "B-2026-022" in tekst
    reader = PdfReader(str(repo / "verslag.pdf"))
    pdf = " ".join((p.extract_text() or "") for p in reader.pages)
    assert "Jaarverslag 2026" in pdf and f"pagina 1 van {len(reader.pages)}" in pdf
    assert "B-2026-024" not in pdf


def test_jaarplan_in_word(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["jaarplan", "2027", "--formaat", "docx", "-o", "plan.docx"], cwd=repo)
    assert result.code == 0, result.err
    document = docx.Document(str(repo / "plan.docx"))
    koppen = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Datum", "Tijd", "Plaats", "Status"] in koppen


# --- the rules, on the core ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def gegevens() -> dataset.Gegevens:
    return dataset.load(EXAMPLE_DATA, jaar.SOORTEN)


def test_a_year_without_budget_or_meetings_says_so(gegevens: dataset.Gegevens) -> None:
    plan = jaar.jaarplan(gegevens, 2029, VANDAAG)
    assert plan.financien.jaarbegroting is None
    assert "Geen begroting voor 2029 vastgelegd." in plan.ontbreekt
    assert plan.vergaderingen == 0
    assert "2029 valt na de looptijd van het waterakkoord" in plan.waterakkoord


def test_a_report_of_a_year_to_come(gegevens: dataset.Gegevens) -> None:
    verslag = jaar_verslag.jaarverslag(gegevens, 2027, VANDAAG, [])
    assert not verslag.begonnen
    assert verslag.gehouden == 0 and not verslag.gestart and not verslag.gehaald
    # The measurements known then are those up to 2025.
    assert verslag.monitor.meetjaar == 2025


def test_the_monitor_of_a_year_with_measurements(gegevens: dataset.Gegevens) -> None:
    verslag = jaar_verslag.jaarverslag(gegevens, 2024, VANDAAG, [])
    m = verslag.monitor
    assert m.meetjaar == 2024 and m.vorige_kop == "2023"
    # Nothing measured after 2024 is in the report of 2024.
    for i in m.indicatoren:
        assert i.peildatum == dt.date(2024, 12, 31)
        if i.grafiek is not None:
            assert i.grafiek.x[-1] == "2024"


def test_a_stop_without_a_public_decision_has_no_date(gegevens: dataset.Gegevens) -> None:
    intern = jaar_verslag.jaarverslag(gegevens, 2026, VANDAAG, [])
    view = publiek.publiek(gegevens, VANDAAG)
    openbaar = jaar_verslag.jaarverslag(view, 2026, VANDAAG, [])
    assert [(g.titel, g.datum) for g in intern.gestopt] == [
        ("Gezamenlijke storingsdienst gemalen Oost-Groningen", dt.date(2026, 9, 24))
    ]
    assert [g.datum for g in openbaar.gestopt] == [None]
    # Its period runs into 2027: without a date it is reported there too, honestly.
    assert [g.datum for g in jaar_verslag.jaarverslag(view, 2027, VANDAAG, []).gestopt] == [None]
    assert jaar_verslag.jaarverslag(gegevens, 2027, VANDAAG, []).gestopt == ()


def test_the_newsletters_sent_in_the_year(gegevens: dataset.Gegevens) -> None:
    brieven = nieuwsbrief.lees_alle(EXAMPLE_DATA)
    assert [b.id for b in jaar_verslag.jaarverslag(gegevens, 2026, VANDAAG, brieven).nieuwsbrieven]
    assert not jaar_verslag.jaarverslag(gegevens, 2025, VANDAAG, brieven).nieuwsbrieven


def test_activities_and_projects_of_a_year() -> None:
    from waterketen_cli.models.records import Activiteit

    j = jaar.Jaar(2027)

    def activiteit(status: str, begin: str | None, eind: str | None) -> Activiteit:
        return Activiteit.model_validate(
            {
                "id": "a",
                "titel": "A",
                "thema": "t",
                "status": status,
                "eigenaar": "p",
                "begin": begin,
                "eind": eind,
                "bijgewerkt": "2026-10-01",
            }
        )

    assert jaar.activiteit_in(j, activiteit("lopend", "2026-01-01", None))
    assert jaar.activiteit_in(j, activiteit("gepland", None, None))
    assert not jaar.activiteit_in(j, activiteit("idee", None, None))
    assert not jaar.activiteit_in(j, activiteit("lopend", "2028-01-01", None))
    assert not jaar.activiteit_in(j, activiteit("afgerond", "2026-01-01", "2026-12-31"))
    # Finished without an end: it ended when it was last updated.
    assert not jaar.activiteit_in(j, activiteit("afgerond", "2026-01-01", None))
    assert jaar.activiteit_in(jaar.Jaar(2026), activiteit("afgerond", "2026-01-01", None))


def test_the_summary_of_a_terugblik_is_its_first_paragraph() -> None:
    tekst = "## Terugblik\n\n1. eerst\n2. dan\n\n2026 was een <b>goed</b> jaar.\n\nMeer."
    # The safe subset of Markdown: HTML stays text.
    assert str(jaar_verslag._samenvatting(tekst)) == "2026 was een &lt;b>goed&lt;/b> jaar."
    assert jaar_verslag._samenvatting("- alleen\n- een lijst") is None


# --- wrong use --------------------------------------------------------------------------------


def test_a_year_out_of_range(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    for opdracht in ("jaarplan", "jaarverslag"):
        for jaartal in ("1800", "twintig"):
            result = invoke(capsys, [opdracht, jaartal], cwd=repo)
            assert result.code == 2
            assert result.err == (
                f"fout: '{jaartal}' is geen jaar voor een jaarplan of jaarverslag\n"
                "  geef een jaar van 1990 tot en met 2100, bijv. 2027\n"
            )


def test_no_document_over_an_existing_file(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "plan.md").write_text("eigen tekst\n", encoding="utf-8")
    result = invoke(capsys, ["jaarplan", "2027", "-o", "plan.md"], cwd=repo)
    assert result.code == 2
    assert "plan.md bestaat al" in result.err
    assert (repo / "plan.md").read_text(encoding="utf-8") == "eigen tekst\n"


def test_an_invalid_record_is_skipped_and_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    (data / "projecten" / "kapot.yaml").write_text("id: kapot\ntitel: Kapot\n", encoding="utf-8")
    result = invoke(capsys, ["jaarplan", "2027", "--data", str(data)])
    assert result.code == 0
    assert "overgeslagen, geen geldig record: data/projecten/kapot.yaml" in result.err


def _dag(datum: dt.date) -> str:
    from waterketen_cli import dutch

    return dutch.datum_lang(datum)


def _rij(text: str, *cellen: str) -> bool:
    """A table row holding these cells, in this order."""
    return any(
        re.search(r".*\|.*".join(re.escape(c) for c in cellen), line)
        for line in text.splitlines()
        if line.startswith("| ")
    )
