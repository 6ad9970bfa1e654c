"""``waterketen monitor`` on the example data.

Expected figures are computed here from the YAML files themselves (yaml.safe_load), not
with the code under test: changes, regional medians, directions and the signals. The day
is fixed at 27 november 2026 (conftest); the newest peildatum in the example data is
31 december 2025, eleven months before.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLE_DATA, snapshot
from helpers import assert_golden, invoke
from waterketen_cli.analyse import monitor as kern
from waterketen_cli.analyse import monitor_tekst
from waterketen_cli.models.records import Cluster, Regio
from waterketen_cli.models.types import Richting
from waterketen_cli.records.dataset import load

VANDAAG = dt.date(2026, 11, 27)


# --- the example data, read directly ---------------------------------------------------------


def _yaml(path: Path) -> Any:
    # BaseLoader would keep everything text; the safe loader gives dates and numbers.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


REGIO = _yaml(next((EXAMPLE_DATA / "regio").glob("*.yaml")))
CLUSTERS = {c["id"]: c for c in map(_yaml, sorted((EXAMPLE_DATA / "clusters").glob("*.yaml")))}
INDICATOREN = {i["id"]: i for i in REGIO["indicatoren"]}


def metingen(cluster: str, indicator: str) -> dict[dt.date, Any]:
    return {
        m["peildatum"]: m["waarde"]
        for m in CLUSTERS[cluster].get("metingen", [])
        if m["indicator"] == indicator
    }


def mediaan(indicator: str, peildatum: dt.date) -> Decimal:
    values = [
        Decimal(str(v))
        for cid in CLUSTERS
        if (v := metingen(cid, indicator).get(peildatum)) is not None
    ]
    return Decimal(statistics.median(values))


def nl(value: Decimal, decimals: int) -> str:
    """Dutch notation, rounded half up, with a sign: +7,6 / -1.234,5."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(rounded):.{decimals}f}".partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    sign = "-" if rounded < 0 else "+" if rounded > 0 else ""
    return sign + groups + ("," + fraction if fraction else "")


@pytest.fixture(scope="module")
def uitkomst() -> kern.Monitor:
    gegevens = load(EXAMPLE_DATA, kern.SOORTEN)
    return kern.monitor(gegevens.of(Regio)[0], gegevens.of(Cluster), VANDAAG)


def beeld(m: kern.Monitor, indicator: str) -> kern.Indicatorbeeld:
    return next(b for b in m.beelden if b.indicator.id == indicator)


def reeks(m: kern.Monitor, indicator: str, cluster: str) -> kern.Reeks:
    return next(r for r in beeld(m, indicator).reeksen if r.cluster.id == cluster)


# --- the core -----------------------------------------------------------------------------------


def test_change_waterpas_rioolheffing_2024_2025(uitkomst: kern.Monitor) -> None:
    waarden = metingen("waterpas", "rioolheffing")
    oud, nieuw = (Decimal(str(waarden[dt.date(y, 12, 31)])) for y in (2024, 2025))
    punt = reeks(uitkomst, "rioolheffing", "waterpas").op(dt.date(2025, 12, 31))
    assert punt is not None and punt.verandering is not None
    assert punt.verandering.verschil == nieuw - oud
    assert punt.verandering.procent == (nieuw - oud) / oud * 100
    # rioolheffing: lager is beter, and it went up
    assert INDICATOREN["rioolheffing"]["richting"] == "lager is beter"
    assert (punt.beweging, punt.oordeel) == (kern.Beweging.OP, kern.Oordeel.SLECHTER)
    assert monitor_tekst.verandering_tekst(punt, beeld(uitkomst, "rioolheffing")) == (
        f"▲ {nl(nieuw - oud, 2)} ({nl((nieuw - oud) / oud * 100, 1)} %) slechter"
    )


def test_every_change_median_and_direction_follows_the_yaml(uitkomst: kern.Monitor) -> None:
    checked = 0
    for b in uitkomst.beelden:
        iid = b.indicator.id
        hoger_is_beter = INDICATOREN[iid]["richting"] == "hoger is beter"
        for r in b.reeksen:
            waarden = metingen(r.cluster.id, iid)
            assert [p.peildatum for p in r.punten] == sorted(waarden)
            days = sorted(waarden)
            for vorige, day in zip([None, *days], days, strict=False):
                punt = r.op(day)
                assert punt is not None
                if vorige is None:
                    assert punt.vorige is None
                    continue
                assert punt.vorige is not None and punt.vorige.peildatum == vorige
                delta = Decimal(str(float(waarden[day]))) - Decimal(str(float(waarden[vorige])))
                expected = (
                    kern.Oordeel.GELIJK
                    if delta == 0
                    else kern.Oordeel.BETER
                    if (delta > 0) == hoger_is_beter
                    else kern.Oordeel.SLECHTER
                )
                assert punt.oordeel == expected, (r.cluster.id, iid, day)
                if not isinstance(waarden[day], bool):
                    assert punt.verandering is not None
                    assert punt.verandering.verschil == delta
                    measured = sum(1 for c in CLUSTERS if day in metingen(c, iid))
                    if measured >= 2:
                        assert punt.t_o_v_mediaan is not None
                        assert punt.t_o_v_mediaan.verschil == (
                            Decimal(str(waarden[day])) - mediaan(iid, day)
                        )
                    else:
                        assert punt.t_o_v_mediaan is None
                checked += 1
    assert checked > 100


def test_regional_median_per_peildatum(uitkomst: kern.Monitor) -> None:
    for b in uitkomst.beelden:
        days = sorted({d for c in CLUSTERS for d in metingen(c, b.indicator.id)})
        assert list(b.peildata) == days
        for waarde in b.regio:
            if b.ja_nee:
                said = [metingen(c, b.indicator.id).get(waarde.peildatum) for c in CLUSTERS]
                assert waarde.ja == said.count(True)
                assert waarde.gemeten == len([s for s in said if s is not None])
            else:
                assert waarde.mediaan == mediaan(b.indicator.id, waarde.peildatum)
    # rioolheffing 2024: Westerkwartier has no figure, so the median of four clusters
    figures = sorted(
        Decimal(str(v))
        for c in CLUSTERS
        if (v := metingen(c, "rioolheffing").get(dt.date(2024, 12, 31))) is not None
    )
    assert len(figures) == 4
    rij = beeld(uitkomst, "rioolheffing").regio[2]
    assert rij.mediaan == (figures[1] + figures[2]) / 2
    assert monitor_tekst.regio_tekst(rij, beeld(uitkomst, "rioolheffing")) == (
        f"€ {nl((figures[1] + figures[2]) / 2, 2).lstrip('+')} (mediaan van 4 clusters)"
    )
    assert rij.gemeten == 4


def _matched(indicator: str, vorige: dt.date, peildatum: dt.date) -> list[tuple[Any, Any]]:
    """The measurements of the clusters that measured on both peildata, then and now."""
    paren = []
    for c in CLUSTERS:
        waarden = metingen(c, indicator)
        if vorige in waarden and peildatum in waarden:
            paren.append((waarden[vorige], waarden[peildatum]))
    return paren


def test_regional_change_is_a_matched_comparison(uitkomst: kern.Monitor) -> None:
    """The region's change compares the clusters that measured on both peildata only."""
    checked = 0
    for b in uitkomst.beelden:
        iid = b.indicator.id
        days = sorted({d for c in CLUSTERS for d in metingen(c, iid)})
        assert [(v.vorige, v.peildatum) for v in b.regio_veranderingen] == list(
            itertools.pairwise(days)
        )
        for v in b.regio_veranderingen:
            paren = _matched(iid, v.vorige, v.peildatum)
            assert v.clusters == len(paren)
            if b.ja_nee:
                assert (v.ja_van, v.ja_naar) == (
                    sum(1 for a, _ in paren if a is True),
                    sum(1 for _, z in paren if z is True),
                )
            elif paren:
                van = Decimal(statistics.median(Decimal(str(a)) for a, _ in paren))
                naar = Decimal(statistics.median(Decimal(str(z)) for _, z in paren))
                assert (v.van, v.naar) == (van, naar)
                assert v.verandering is not None and v.verandering.verschil == naar - van
            checked += 1
    assert checked > 30


def test_regional_change_of_rioolheffing_ignores_a_cluster_that_skipped_a_year(
    uitkomst: kern.Monitor,
) -> None:
    """Westerkwartier has no rioolheffing for 2024. The medians of all who reported fall
    from € 271,50 (four clusters) to € 266,00 (five), while every cluster that reported
    in both years rose: compared over the same four clusters the region rose too."""
    b = beeld(uitkomst, "rioolheffing")
    v24, v25 = dt.date(2024, 12, 31), dt.date(2025, 12, 31)
    paren = _matched("rioolheffing", v24, v25)
    assert len(paren) == 4 and all(z > a for a, z in paren)
    alle = {d: mediaan("rioolheffing", d) for d in (v24, v25)}
    assert alle[v25] < alle[v24]  # the old, unmatched comparison: down, 'beter'
    van = Decimal(statistics.median(Decimal(a) for a, _ in paren))
    naar = Decimal(statistics.median(Decimal(z) for _, z in paren))
    verandering = b.regio_veranderingen[-1]
    assert (verandering.beweging, verandering.oordeel) == (kern.Beweging.OP, kern.Oordeel.SLECHTER)
    assert monitor_tekst.regio_verandering_tekst(verandering, b) == (
        f"▲ {nl(naar - van, 2)} ({nl((naar - van) / van * 100, 1)} %) slechter: mediaan van "
        f"dezelfde 4 clusters € {nl(van, 2).lstrip('+')} → € {nl(naar, 2).lstrip('+')}"
    )
    assert monitor_tekst.regio_verandering_tekst(verandering, b) == (
        "▲ +13,00 (+4,8 %) slechter: mediaan van dezelfde 4 clusters € 271,50 → € 284,50"
    )
    # a ja/nee indicator: Westerkwartier measured the stresstest in 2023 and 2025 only
    stresstest = beeld(uitkomst, "stresstest-uitgevoerd")
    teksten = [
        monitor_tekst.regio_verandering_tekst(v, stresstest) for v in stresstest.regio_veranderingen
    ]
    assert teksten[-1] == "= 4 van dezelfde 4 clusters ja"
    assert teksten[0] == "▲ 3 → 4 van dezelfde 4 clusters ja, beter"


def _expected_signals(grens: dt.date) -> set[tuple[str, str, str]]:
    expected = set()
    for iid in INDICATOREN:
        alle = {c: metingen(c, iid) for c in CLUSTERS}
        peildata = {d for m in alle.values() for d in m}
        for cid, eigen in alle.items():
            if not peildata:
                continue
            if not eigen:
                expected.add((cid, iid, "geen meting"))
                continue
            if peildata - set(eigen):
                expected.add((cid, iid, "ontbrekende meting"))
            if max(eigen) < grens:
                expected.add((cid, iid, "verouderd"))
    return expected


def _signals(m: kern.Monitor) -> set[tuple[str, str, str]]:
    return {(s.cluster.id if s.cluster else "", s.indicator.id, s.soort.value) for s in m.signalen}


def test_signals_are_true_of_the_data(uitkomst: kern.Monitor) -> None:
    assert _signals(uitkomst) == _expected_signals(dt.date(2025, 5, 27))
    westerkwartier = {s for s in _signals(uitkomst) if s[0] == "westerkwartier"}
    assert ("westerkwartier", "rioolheffing", "ontbrekende meting") in westerkwartier
    assert ("westerkwartier", "zuiveringsheffing", "geen meting") in westerkwartier
    # the newest figures are eleven months old: nothing is stale at 18 months
    assert not any(s[2] == "verouderd" for s in _signals(uitkomst))
    signaal = next(
        s
        for s in uitkomst.signalen
        if s.cluster and s.cluster.id == "westerkwartier" and s.indicator.id == "rioolheffing"
    )
    assert signaal.reden == (
        "geen meting op 31 december 2024, terwijl andere clusters toen wel gemeten hebben"
    )
    assert signaal.kort == "mist 2024"


def test_stale_after_ten_months() -> None:
    gegevens = load(EXAMPLE_DATA, kern.SOORTEN)
    m = kern.monitor(gegevens.of(Regio)[0], gegevens.of(Cluster), VANDAAG, verouderd_na=10)
    assert m.grens == dt.date(2026, 1, 27)
    assert _signals(m) == _expected_signals(dt.date(2026, 1, 27))
    stale = [s for s in m.signalen if s.soort == kern.Signaalsoort.VEROUDERD]
    assert stale and all("31 december 2025" in s.reden for s in stale)


def test_a_share_near_zero_is_left_out() -> None:
    """Compared with a value near zero the share is meaningless and has more digits
    than a decimal can round: it is left out, the difference stays."""
    richting = Richting.LAGER_IS_BETER
    huge = kern._vergelijking(Decimal(10**12), Decimal("5e-324"), richting)
    assert (huge.verschil > 0, huge.procent, huge.oordeel) == (True, None, kern.Oordeel.SLECHTER)
    below = kern._vergelijking(Decimal(9_999), Decimal("1"), richting)
    assert below.procent == Decimal(999_800)
    assert kern._vergelijking(Decimal(10_001), Decimal("1"), richting).procent is None
    assert kern._vergelijking(Decimal(-(10**12)), Decimal("-1e-300"), richting).procent is None


def test_filters_choose_what_is_shown_not_the_median(uitkomst: kern.Monitor) -> None:
    gegevens = load(EXAMPLE_DATA, kern.SOORTEN)
    selectie = kern.Selectie(clusters=frozenset({"westerkwartier"}), indicatoren=frozenset())
    m = kern.monitor(gegevens.of(Regio)[0], gegevens.of(Cluster), VANDAAG, selectie=selectie)
    assert [c.id for c in m.clusters] == ["westerkwartier"]
    for alleen, alle in zip(m.beelden, uitkomst.beelden, strict=True):
        assert alleen.regio == alle.regio


# --- the command --------------------------------------------------------------------------------


def _rows(out: str) -> tuple[list[dict[str, str]], str]:
    lines = out.rstrip("\n").split("\n")
    header, rows, summary = lines[0], lines[1:-1], lines[-1]
    names = re.split(r"\s{2,}", header.strip())
    starts = [header.index(name) for name in names]
    bounds = [*starts[1:], None]
    parsed = [
        {name: row[a:b].strip() for name, a, b in zip(names, starts, bounds, strict=True)}
        for row in rows
    ]
    return parsed, summary


def test_terminal_view(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["monitor"], cwd=repo)
    assert result.code == 0, result.err
    rows, summary = _rows(result.out)
    assert len(rows) == len(CLUSTERS) * len(INDICATOREN)
    waterpas = next(
        r for r in rows if r["cluster"] == "Waterpas" and r["indicator"] == "rioolheffing"
    )
    waarden = metingen("waterpas", "rioolheffing")
    oud, nieuw = (Decimal(str(waarden[dt.date(y, 12, 31)])) for y in (2024, 2025))
    t_o_v = nieuw - mediaan("rioolheffing", dt.date(2025, 12, 31))
    assert waterpas == {
        "cluster": "Waterpas",
        "indicator": "rioolheffing",
        "peildatum": "2025",
        "waarde": f"€ {nl(nieuw, 2).lstrip('+')}",
        "verandering": f"▲ {nl(nieuw - oud, 2)} slechter",
        "t.o.v. mediaan": f"{nl(t_o_v, 2)} beter",
        "signaal": "",
    }
    westerkwartier = next(
        r for r in rows if r["cluster"] == "Westerkwartier" and r["indicator"] == "rioolheffing"
    )
    assert westerkwartier["verandering"] == f"▲ {nl(Decimal(262 - 240), 2)} slechter"
    # amounts to the cent
    assert all(re.fullmatch(r"€ [\d.]+,\d\d", r["waarde"]) for r in rows if "€" in r["waarde"])
    assert westerkwartier["signaal"] == "mist 2024"
    n = len(_expected_signals(dt.date(2025, 5, 27)))
    assert summary.startswith(f"5 clusters, 12 indicatoren; {n} signalen.")


def test_document_golden_and_deterministic(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    before = snapshot(repo / "data")
    first = invoke(capsys, ["monitor", "--markdown"], cwd=repo)
    assert first.code == 0, first.err
    assert_golden("monitor/monitor.md", first.out)
    assert invoke(capsys, ["monitor", "--markdown"], cwd=repo).out == first.out
    assert snapshot(repo / "data") == before
    filtered = invoke(
        capsys,
        ["monitor", "--cluster", "westerkwartier", "--gebied", "kosten", "--markdown"],
        cwd=repo,
    )
    assert filtered.code == 0, filtered.err
    assert "Alleen: cluster Westerkwartier; gebied kosten." in filtered.out
    assert_golden("monitor/westerkwartier-kosten.md", filtered.out)


MERMAID = re.compile(r"```mermaid\n(.*?)```", re.S)
NUMBER = r"-?\d+(?:\.\d+)?"


def test_charts_are_plausible_mermaid(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    """Each chart: an xychart-beta with quoted labels, the years of its table on the
    x-axis, a line of numbers only per drawn cluster (and the region), as many numbers
    as years; the legend names as many lines. ja/nee indicators have no chart."""
    doc = invoke(capsys, ["monitor", "--markdown"], cwd=repo).out
    sections = re.split(r"^### ", doc, flags=re.M)[1:]
    assert len(sections) == len(INDICATOREN)
    for section in sections:
        naam = section.split("\n", 1)[0]
        indicator = next(i for i in INDICATOREN.values() if i["naam"] == naam)
        blocks = MERMAID.findall(section)
        if indicator.get("waardesoort") == "ja/nee":
            assert blocks == [], naam
            continue
        assert len(blocks) == 1, naam
        lines = blocks[0].rstrip("\n").split("\n")
        assert lines[0].startswith("%%{init: ") and lines[0].endswith("}%%")
        assert lines[1] == "xychart-beta"
        assert lines[2] == f'    title "{naam}"'
        header = re.search(r"^\| Cluster \| (.*) \|$", section, re.M)
        assert header is not None
        years = header[1].split(" | ")
        assert lines[3] == "    x-axis [" + ", ".join(f'"{y}"' for y in years) + "]"
        assert re.fullmatch(r'    y-axis "[^"]+"', lines[4])
        data = lines[5:]
        assert data and all(
            re.fullmatch(rf"    line \[{NUMBER}(, {NUMBER})*\]", line) for line in data
        ), data
        assert all(line.count(",") == len(years) - 1 for line in data)
        legend = re.search(r"^Lijnen: (.*?)\.(?: |$)", section, re.M)
        assert legend is not None and len(legend[1].split(", ")) == len(data)
    # the Waterpas line is its YAML figures; the region's line the medians
    rioolheffing = MERMAID.findall(sections[0])[0]
    waarden = metingen("waterpas", "rioolheffing")
    assert f"    line [{', '.join(str(waarden[d]) for d in sorted(waarden))}]" in rioolheffing
    medians = [mediaan("rioolheffing", d) for d in sorted(waarden)]
    regio = ", ".join(format(m.normalize(), "f") for m in medians)
    assert f"    line [{regio}]" in rioolheffing


def test_document_to_a_file(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    target = repo / "monitor.md"
    first = invoke(capsys, ["monitor", "-o", str(target)], cwd=repo)
    assert first.code == 0, first.err
    assert first.out == "Geschreven: monitor.md\n"
    assert target.read_text(encoding="utf-8").startswith("# Monitor 3K's en duurzaamheid")
    again = invoke(capsys, ["monitor", "-o", str(target)], cwd=repo)
    assert again.code == 2
    assert "bestaat al" in again.err
    assert invoke(capsys, ["monitor", "-o", str(target), "--overschrijf"], cwd=repo).code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--indicator", "rioolheffig"],
            "fout: onbekende indicator 'rioolheffig' bij --indicator\n"
            "  bedoelde u 'rioolheffing'?\n",
        ),
        (
            ["--cluster", "westerkwartie"],
            "fout: onbekend cluster 'westerkwartie' bij --cluster\n"
            "  bedoelde u 'westerkwartier'?\n",
        ),
        (
            ["--gebied", "kosen"],
            "fout: onbekend gebied 'kosen' bij --gebied\n  bedoelde u 'kosten'?\n",
        ),
        (
            ["--verouderd-na", "0"],
            "fout: --verouderd-na: 0 maanden kan niet\n  kies 1 tot en met 120\n",
        ),
    ],
)
def test_bad_input(
    capsys: pytest.CaptureFixture[str], repo: Path, args: list[str], message: str
) -> None:
    result = invoke(capsys, ["monitor", *args], cwd=repo)
    assert (result.code, result.out, result.err) == (2, "", message)


EURO = re.compile(r"€ ?[-+]?\d[\d.]*(?:,\d+)?")


def test_amounts_are_shown_to_the_cent(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    doc = invoke(capsys, ["monitor", "--markdown"], cwd=repo).out
    bedragen = EURO.findall(doc)
    assert len(bedragen) > 50
    assert [b for b in bedragen if not re.fullmatch(r"€ [-+]?[\d.]+,\d\d", b)] == []
    assert "| **Regio** | **€ 232,00 (mediaan van 5 clusters)** |" in doc
    # differences of an amount in euros too: +17,00, never +17
    rioolheffing = doc.split("### Rioolheffing")[1].split("### ")[0]
    assert "| Waterpas | ▲ +12,00 (+6,1 %) slechter |" in rioolheffing
    assert "| Westerkwartier | = mediaan | = mediaan | — | -4,00 (-1,5 %) beter |" in rioolheffing


def test_sources_are_named_by_their_cadence() -> None:
    """The Benchmark rioleringszorg (RIONED) and the ILT comparison of the drinking-water
    companies appear every three years: no yearly figure names them as its source.
    Yearly rioolheffing comes from COELO's Atlas van de lokale lasten, drinking-water
    quality from ILT's yearly report."""
    for cluster in CLUSTERS.values():
        for m in cluster.get("metingen", []):
            bron = m["bron"]
            assert not re.search(r"RIONED benchmark|ILT-prestatievergelijking", bron), bron
            if m["indicator"] == "rioolheffing":
                assert bron == f"COELO, Atlas van de lokale lasten {m['peildatum'].year}"
            if m["indicator"] == "metingen-binnen-norm":
                assert bron == (
                    f"ILT, De kwaliteit van het drinkwater in Nederland in {m['peildatum'].year}"
                )
    assert INDICATOREN["rioolheffing"]["bron"].startswith("COELO, Atlas van de lokale lasten")
    assert INDICATOREN["metingen-binnen-norm"]["bron"].startswith(
        "ILT, De kwaliteit van het drinkwater in Nederland"
    )
    for iid in ("meldingen-riolering", "formatie-rioleringsbeheer"):
        assert "driejaarlijks ook de Benchmark rioleringszorg" in INDICATOREN[iid]["bron"]
