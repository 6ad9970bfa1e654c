"""Spreadsheets in and out: ``monitor import`` reads measurements from a workbook or a
CSV file made here, and ``overzicht``, ``acties``, ``besluiten`` and ``middelen`` write
workbooks that read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import snapshot
from helpers import invoke
from waterketen_cli.models.records import Cluster, Meting
from waterketen_cli.records import dataset


def _xlsx(
    path: Path, rijen: list[list[Any]], *, blad: str = "Blad1", opmaak: dict[str, str] | None = None
) -> Path:
    boek = openpyxl.Workbook()
    ws = boek.active
    assert ws is not None
    ws.title = blad
    for rij in rijen:
        ws.append(rij)
    for cel, formaat in (opmaak or {}).items():
        ws[cel].number_format = formaat
    boek.create_sheet("Toelichting").append(["Dit blad wordt niet gelezen."])
    boek.save(path)
    return path


def _metingen(repo: Path) -> dict[str, list[Meting]]:
    gegevens = dataset.load(repo / "data", ["cluster"])
    assert gegevens.overgeslagen == []
    return {c.id: list(c.metingen) for c in gegevens.of(Cluster)}


def _meting(metingen: list[Meting], indicator: str, peildatum: dt.date) -> Meting:
    gevonden = [m for m in metingen if m.indicator == indicator and m.peildatum == peildatum]
    assert len(gevonden) == 1, (indicator, peildatum, gevonden)
    return gevonden[0]


KOP = [
    "Indicator",
    "Cluster",
    "Gemeente",
    "Peildatum",
    "Waarde",
    "Bron",
    "Toelichting",
    "Opmerking",
]


def test_a_workbook_lands_in_the_clusters(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    voor = _metingen(repo)
    bestaand = voor["westerkwartier"][0]  # already there: reported, not added again
    juni = dt.datetime(2026, 6, 30)
    bestand = _xlsx(
        repo / "benchmark.xlsx",
        [
            ["Benchmark 2026, voorlopige cijfers"],  # a title above the header
            [],
            KOP,
            [
                "rioolheffing",
                "Westerkwartier",
                None,
                dt.datetime(2024, 12, 31),
                251,
                "COELO 2024",
                None,
                "x",
            ],
            ["metingen-binnen-norm", None, "Assen", "31-12-2024", 0.995, "ILT jaarrapport 2024"],
            [
                "zuiveringsheffing",
                "waterpas",
                None,
                "2026-06-30",
                "1.234,56",
                "Noorderzijlvest",
                "Drie v.e.; tarief één",
            ],
            [],
            ["stresstest-uitgevoerd", "Noord-Groningen", None, juni, True, "Klimaatmonitor"],
            [
                "energiegebruik-zuivering",
                "Oost-Groningen",
                "Veendam",
                juni,
                0.4251,
                "Zuiveringsbenchmark",
            ],
            ["klantrapportcijfer", None, "gemeente-groningen", juni, "7,6", "ILT"],
            ["kosten-per-aansluiting", "Kop van Drenthe", None, juni, "1234.5", "ILT"],
            [
                bestaand.indicator,
                "westerkwartier",
                None,
                bestaand.peildatum.isoformat(),
                bestaand.waarde,
                bestaand.bron,
            ],
        ],
        opmaak={"E5": "0.0%"},
    )
    commentaar = "# Let op: de cijfers over 2024 zijn nog niet aangeleverd"
    assert commentaar in (repo / "data" / "clusters" / "westerkwartier.yaml").read_text()

    result = invoke(capsys, ["monitor", "import", str(bestand)], cwd=repo)
    assert result.code == 0, result.err
    assert result.out.splitlines()[:8] == [
        "Gelezen: benchmark.xlsx, blad Blad1: 8 regels met een meting (kopregel 3: indicator A, "
        "cluster B, gemeente C, peildatum D, waarde E, bron F, toelichting G).",
        "Niet gelezen: 1 blad (Toelichting); kies een ander blad met --blad.",
        "Niet gelezen: kolom H (Opmerking).",
        "Boven de kopregel, niet gelezen: regel 1.",
        "Leeg, overgeslagen: regel 7.",
        "Gemeente Assen → cluster Kop van Drenthe (regel 5).",
        "Gemeente Groningen → cluster Waterpas (regel 10).",
        "Gemeente Veendam → cluster Oost-Groningen (regel 9).",
    ]
    assert (
        f"Al aanwezig, overgeslagen: regel 12: {bestaand.indicator}, Westerkwartier" in result.out
    )
    assert (
        "Nieuw: 7 metingen (Kop van Drenthe 2, Noord-Groningen 1, Oost-Groningen 1, " in result.out
    )

    na = _metingen(repo)
    m = _meting(na["westerkwartier"], "rioolheffing", dt.date(2024, 12, 31))
    assert (m.waarde, m.bron, m.toelichting) == (251, "COELO 2024", None)
    m = _meting(na["kop-van-drenthe"], "metingen-binnen-norm", dt.date(2024, 12, 31))
    assert m.waarde == 99.5  # the cell showed 99,5%
    m = _meting(na["waterpas"], "zuiveringsheffing", juni.date())
    assert (m.waarde, m.bron, m.toelichting) == (
        1234.56,
        "Noorderzijlvest",
        "Drie v.e.; tarief één",
    )
    assert _meting(na["noord-groningen"], "stresstest-uitgevoerd", juni.date()).waarde is True
    assert _meting(na["oost-groningen"], "energiegebruik-zuivering", juni.date()).waarde == 0.4251
    assert _meting(na["waterpas"], "klantrapportcijfer", juni.date()).waarde == 7.6
    assert _meting(na["kop-van-drenthe"], "kosten-per-aansluiting", juni.date()).waarde == 1234.5
    assert sum(len(v) for v in na.values()) == sum(len(v) for v in voor.values()) + 7

    # Comments and order stay; the new measurement goes between 2023 and 2025.
    tekst = (repo / "data" / "clusters" / "westerkwartier.yaml").read_text(encoding="utf-8")
    assert commentaar in tekst
    rioolheffing = [x.peildatum.year for x in na["westerkwartier"] if x.indicator == "rioolheffing"]
    assert rioolheffing == sorted(rioolheffing)
    assert invoke(capsys, ["validate"], cwd=repo).code == 0
    assert invoke(capsys, ["fmt", "--check"], cwd=repo).code == 0

    # Again: everything is there now; nothing is written.
    stand = snapshot(repo / "data")
    again = invoke(capsys, ["monitor", "import", str(bestand)], cwd=repo)
    assert again.code == 0, again.err
    assert "Niets te schrijven: alle metingen staan er al." in again.out
    assert snapshot(repo / "data") == stand


def test_a_dutch_csv_in_windows_1252(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    csv = (
        "Indicator;Gemeente;Datum meting;Bedrag;Bron;Toelichting\r\n"
        'rioolheffing;Het Hogeland;30-06-2026;"1.234,5";COELO;Eén tarief\r\n'
        "zuiveringsheffing;Westerwolde;2026-06-30;312,40;Hunze en Aa's;\r\n"
    ).encode("cp1252")
    bestand = repo / "metingen.csv"
    bestand.write_bytes(csv)
    result = invoke(
        capsys,
        ["monitor", "import", str(bestand), "--kolommen", "peildatum=Datum meting,waarde=D"],
        cwd=repo,
    )
    assert result.code == 0, result.err
    assert result.out.startswith(
        "Gelezen: metingen.csv, blad metingen; Windows-1252, scheidingsteken ;: 2 regels met een "
        "meting (kopregel 1: indicator A, gemeente B, peildatum C, waarde D, bron E, "
        "toelichting F).\n"
    )
    na = _metingen(repo)
    m = _meting(na["noord-groningen"], "rioolheffing", dt.date(2026, 6, 30))
    assert (m.waarde, m.bron, m.toelichting) == (1234.5, "COELO", "Eén tarief")
    m = _meting(na["oost-groningen"], "zuiveringsheffing", dt.date(2026, 6, 30))
    assert (m.waarde, m.bron) == (312.4, "Hunze en Aa's")
    assert invoke(capsys, ["validate"], cwd=repo).code == 0


def test_columns_by_letter_in_a_utf8_csv(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    bestand = repo / "export.csv"
    bestand.write_text(
        "Code,Regio,Datum,Bedrag,Herkomst\n"
        "klantrapportcijfer,Westerkwartier,2026-06-30,7.8,Klanttevredenheidsonderzoek\n",
        encoding="utf-8",
    )
    kolommen = "indicator=A,cluster=B,peildatum=C,waarde=D,bron=E"
    result = invoke(capsys, ["monitor", "import", str(bestand), "--kolommen", kolommen], cwd=repo)
    assert result.code == 0, result.err
    assert "; UTF-8, scheidingsteken ,: 1 regel met een meting (kopregel 1: " in result.out
    m = _meting(_metingen(repo)["westerkwartier"], "klantrapportcijfer", dt.date(2026, 6, 30))
    assert (m.waarde, m.bron) == (7.8, "Klanttevredenheidsonderzoek")
    result = invoke(capsys, ["monitor", "import", str(bestand), "--kolommen", "wat=A"], cwd=repo)
    assert result.code == 2
    assert result.err.startswith("fout: --kolommen: onbekend veld 'wat'\n")


def test_every_unreadable_cell_is_named_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    bestand = _xlsx(
        repo / "fout.xlsx",
        [
            ["indicator", "cluster", "peildatum", "waarde", "bron"],
            ["rioolheffing", "Waterpas", dt.datetime(2026, 6, 30), "12,3x", "COELO"],
            ["rioolhefing", "Waterpas", "31-13-2025", 12, None],
            ["rioolheffing", "Zuidhorn", "30-06-2026", "1.234", "COELO"],
            ["stresstest-uitgevoerd", "Waterpas", dt.datetime(2027, 1, 1), 3, "X"],
            ["rioolheffing", None, dt.datetime(2026, 6, 30), 12, "COELO"],
        ],
        blad="Benchmark 2026",
    )
    voor = snapshot(repo / "data")
    result = invoke(capsys, ["monitor", "import", str(bestand)], cwd=repo)
    assert result.code == 1
    assert result.err == (
        "fout: fout.xlsx: 9 cellen zijn niet te lezen:\n"
        "  'Benchmark 2026'!D2: '12,3x' is geen getal\n"
        "  'Benchmark 2026'!A3: 'rioolhefing' is geen indicator van de regio "
        "(bedoelde u 'rioolheffing'?)\n"
        "  'Benchmark 2026'!C3: '31-13-2025' is geen bestaande datum\n"
        "  'Benchmark 2026'!E3: bron is leeg\n"
        "  'Benchmark 2026'!B4: 'Zuidhorn' is geen cluster\n"
        "  'Benchmark 2026'!D4: '1.234' is dubbelzinnig: 1234 of 1,234? (schrijf 1234 of 1,234)\n"
        "  'Benchmark 2026'!C5: 1 januari 2027 ligt in de toekomst\n"
        "  'Benchmark 2026'!D5: '3' is geen ja of nee (stresstest-uitgevoerd is ja/nee)\n"
        "  'Benchmark 2026'!B6: cluster is leeg\n"
        "  er is niets geschreven; verbeter het bestand (of kies de kolommen met --kolommen) "
        "en probeer het opnieuw\n"
    )
    assert snapshot(repo / "data") == voor


def test_a_different_value_needs_vervang(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    bestaand = _metingen(repo)["westerkwartier"][0]
    anders = bestaand.waarde + 1 if not isinstance(bestaand.waarde, bool) else not bestaand.waarde
    bestand = _xlsx(
        repo / "nieuw.xlsx",
        [
            ["indicator", "cluster", "peildatum", "waarde", "bron"],
            [
                bestaand.indicator,
                "Westerkwartier",
                bestaand.peildatum.isoformat(),
                anders,
                "Herzien",
            ],
        ],
    )
    voor = snapshot(repo / "data")
    result = invoke(capsys, ["monitor", "import", str(bestand), "--droog"], cwd=repo)
    assert result.code == 1
    assert (
        f"  Blad1!D2: cluster Westerkwartier heeft al een meting van {bestaand.indicator} op "
        in result.err
    )
    assert "(--vervang vervangt die)" in result.err
    assert snapshot(repo / "data") == voor

    result = invoke(capsys, ["monitor", "import", str(bestand), "--vervang"], cwd=repo)
    assert result.code == 0, result.err
    assert "Vervangen: regel 2: " in result.out
    m = _meting(_metingen(repo)["westerkwartier"], bestaand.indicator, bestaand.peildatum)
    assert (m.waarde, m.bron) == (anders, "Herzien")
    assert invoke(capsys, ["validate"], cwd=repo).code == 0


def test_a_sheet_without_the_columns(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    bestand = _xlsx(repo / "kop.xlsx", [["indicator", "cluster", "datum", "waarde"]])
    result = invoke(capsys, ["monitor", "import", str(bestand)], cwd=repo)
    assert result.code == 1
    assert result.err.startswith(
        "fout: kop.xlsx: de kolom peildatum en bron ontbreekt (kopregel 1 van blad Blad1)\n"
    )
    result = invoke(capsys, ["monitor", "import", str(bestand), "--blad", "Blad2"], cwd=repo)
    assert result.code == 2
    assert result.err.startswith("fout: kop.xlsx heeft geen blad 'Blad2'\n")
    (repo / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = invoke(capsys, ["monitor", "import", str(repo / "oud.xls")], cwd=repo)
    assert result.code == 1
    assert result.err == (
        "fout: oud.xls: dit soort spreadsheet (.xls) kan waterketen niet lezen\n"
        "  sla het op als Excel-werkmap (.xlsx) of als CSV (.csv)\n"
    )


@pytest.mark.parametrize(
    ("tekst", "getal"),
    [
        ("1.234,5", Decimal("1234.5")),
        ("1234.5", Decimal("1234.5")),
        ("1234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.234.567", Decimal("1234567")),
        ("€ 271,50", Decimal("271.50")),
        ("99,5%", Decimal("99.5")),
        ("−3,5", Decimal("-3.5")),
        ("0.125", Decimal("0.125")),
        ("262", Decimal("262")),
    ],
)
def test_dutch_numbers(tekst: str, getal: Decimal) -> None:
    from waterketen_cli.analyse.importeren import _getaltekst

    assert _getaltekst(tekst) == getal


@pytest.mark.parametrize("tekst", ["12,3x", "1.23.4", "1,2,3", "", "-", "1.234,5,6", "1e3"])
def test_not_a_number(tekst: str) -> None:
    from waterketen_cli.analyse.importeren import _getaltekst, _Onleesbaar

    with pytest.raises(_Onleesbaar):
        _getaltekst(tekst)


def test_the_monitor_still_shows_itself(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["monitor", "--cluster", "waterpas"], cwd=repo)
    assert result.code == 0, result.err
    assert "Waterpas" in result.out
    hulp = invoke(capsys, ["monitor", "--help"], cwd=repo)
    assert "import" in hulp.out and "--cluster" in hulp.out


# --- workbooks out ------------------------------------------------------------------------------


def _lees(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _kop(ws: Any) -> list[Any]:
    return [c.value for c in ws[1]]


@pytest.mark.parametrize(
    ("opdracht", "bladen"),
    [
        (["overzicht"], ["Activiteiten", "Thema's", "Signalen"]),
        (["acties", "--alle"], ["Acties"]),
        (["besluiten"], ["Besluiten"]),
        (
            ["middelen"],
            [
                "Projecten",
                "Per jaar",
                "Per thema",
                "Per cluster",
                "Per partner",
                "Financiering",
                "Signalen",
                "Regionale begroting",
                "Bijdragen",
                "Toekenningen",
                "Signalen begroting",
            ],
        ),
    ],
)
def test_workbooks_read_back(
    capsys: pytest.CaptureFixture[str], repo: Path, opdracht: list[str], bladen: list[str]
) -> None:
    doel = repo / "uit.xlsx"
    result = invoke(capsys, [*opdracht, "-o", str(doel)], cwd=repo)
    assert result.code == 0, result.err
    assert result.out == "Geschreven: uit.xlsx\n"
    data = doel.read_bytes()
    boek = _lees(data)
    assert boek.sheetnames == bladen
    for ws in boek.worksheets:
        assert (
            ws.auto_filter.ref
            == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
        )
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
    # The same data, the same bytes (no clock in the file).
    again = invoke(capsys, [*opdracht, "-o", str(doel), "--overschrijf"], cwd=repo)
    assert again.code == 0
    assert doel.read_bytes() == data


def test_typed_cells(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    doel = repo / "acties.xlsx"
    assert (
        invoke(capsys, ["acties", "--alle", "--formaat", "xlsx", "-o", str(doel)], cwd=repo).code
        == 0
    )
    ws = _lees(doel.read_bytes())["Acties"]
    assert _kop(ws) == [
        "Actie",
        "Omschrijving",
        "Actiehouder",
        "Deadline",
        "Status",
        "Verlopen",
        "Overleg",
        "Vergadering",
        "Agendapunt",
        "Cluster",
        "Project",
        "Afgerond op",
        "Toelichting",
    ]
    deadline = ws["D2"]
    assert isinstance(deadline.value, dt.datetime) and deadline.number_format == "d-m-yyyy"
    assert {ws.cell(r, 6).value for r in range(2, ws.max_row + 1)} <= {"ja", "nee"}

    doel = repo / "middelen.xlsx"
    assert invoke(capsys, ["middelen", "-o", str(doel)], cwd=repo).code == 0
    ws = _lees(doel.read_bytes())["Projecten"]
    assert _kop(ws)[-5:] == ["Begroting", "Toegezegd", "Aangevraagd", "Ongedekt", "Tekort"]
    begroting = ws.cell(2, 8)
    assert isinstance(begroting.value, (int, float)) and begroting.number_format == '"€" #,##0.00'
    # The total row adds up to the projects above it.
    kolom = [ws.cell(r, 8).value for r in range(2, ws.max_row)]
    assert ws.cell(ws.max_row, 1).value == "totaal"
    assert ws.cell(ws.max_row, 8).value == sum(Decimal(str(v)) for v in kolom)

    doel = repo / "besluiten.xlsx"
    assert (
        invoke(capsys, ["besluiten", "--overleg", "stuurgroep", "-o", str(doel)], cwd=repo).code
        == 0
    )
    ws = _lees(doel.read_bytes())["Besluiten"]
    assert isinstance(ws["B2"].value, dt.datetime)
    assert {ws.cell(r, 3).value for r in range(2, ws.max_row + 1)} == {
        "Stuurgroep Waterketen Groningen en Noord-Drenthe"
    }


def test_workbook_choices(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["overzicht", "--formaat", "md", "-o", "x.xlsx"], cwd=repo)
    assert result.code == 2
    assert result.err.startswith("fout: --formaat md past niet bij de bestandsnaam x.xlsx\n")
    result = invoke(capsys, ["agenda", "render", "cco-2026-12-15", "-o", "x.xlsx"], cwd=repo)
    assert result.code == 2
    assert result.err.startswith("fout: dit document bestaat niet als werkboek (.xlsx)\n")
    result = invoke(capsys, ["besluiten", "-o", "besluiten.md"], cwd=repo)
    assert result.code == 2
    assert result.err.startswith(
        "fout: het besluitenregister als bestand is een Excel-werkmap, geen besluiten.md\n"
    )
    assert not (repo / "x.xlsx").exists() and not (repo / "besluiten.md").exists()


def test_the_regional_budget_sheet_adds_up_to_the_records(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """The budget sheets against an independent sum of the YAML of data/begrotingen/."""
    import yaml

    doel = repo / "middelen.xlsx"
    assert invoke(capsys, ["middelen", "-o", str(doel)], cwd=repo).code == 0
    boek = _lees(doel.read_bytes())
    jaren = {r[0]: r for r in boek["Regionale begroting"].iter_rows(min_row=2, values_only=True)}
    toekenningen = boek["Toekenningen"]
    for pad in sorted((repo / "data" / "begrotingen").glob("*.yaml")):
        record = yaml.safe_load(pad.read_text(encoding="utf-8"))
        jaar = int(record["id"])
        toegekend = sum(Decimal(str(t["bedrag"])) for t in record.get("toekenningen", []))
        gerealiseerd = sum(Decimal(str(r["bedrag"])) for r in record.get("realisatie", []))
        rij = jaren[jaar]
        assert Decimal(str(rij[4])) == toegekend, jaar
        assert Decimal(str(rij[5])) == gerealiseerd, jaar
        per_project = sum(
            Decimal(str(r[3]))
            for r in toekenningen.iter_rows(min_row=2, values_only=True)
            if r[0] == jaar
        )
        assert per_project == toegekend, jaar
