"""Strict values: no true where a number is meant, no number where true/false is meant,
no number between quotes, no NaN, no infinity and no absurd magnitudes. Each is one
finding with its place and a Dutch message, and nothing that passes ``validate``
makes ``monitor`` fail.

The wrong values are written into a copy of the example data, one at a time, and
``waterketen validate`` runs as a user runs it."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from conftest import EXAMPLE_DATA, ROOT
from helpers import invoke
from waterketen_cli import render
from waterketen_cli.analyse import monitor as kern
from waterketen_cli.analyse import monitor_document, monitor_tekst
from waterketen_cli.models import SOORTEN
from waterketen_cli.models.records import Cluster, Regio
from waterketen_cli.models.types import GRENS, Bedrag
from waterketen_cli.records.schema import validate_record
from waterketen_cli.records.yamlio import parse

# --- a copy of the example data, one field changed per test --------------------------------


@pytest.fixture(scope="module")
def gegevens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy for the module: each test changes one line and puts it back."""
    data = tmp_path_factory.mktemp("strikt") / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    shutil.copytree(ROOT / "stukken", data.parent / "stukken")
    return data


def _findings(capsys: pytest.CaptureFixture[str], data: Path) -> tuple[int, list[dict[str, Any]]]:
    result = invoke(capsys, ["--data", str(data), "validate", "--format", "json"])
    assert result.code in (0, 1), result.out + result.err
    return result.code, json.loads(result.out)["bevindingen"]


_VOOR: list[list[dict[str, Any]]] = []


@pytest.fixture
def voor(capsys: pytest.CaptureFixture[str], gegevens: Path) -> list[dict[str, Any]]:
    """The findings of the unchanged example data (warnings only), found once."""
    if not _VOOR:
        code, found = _findings(capsys, gegevens)
        assert code == 0, found
        _VOOR.append(found)
    return _VOOR[0]


def _change(data: Path, relative: str, old: str, new: str) -> tuple[int, int, str]:
    """Replace the first line that is ``old`` by ``new``; the line and the column of
    the value, and the original text to put back."""
    path = data / relative
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    number = lines.index(old)
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1, new.index(": ") + 3, text


@pytest.fixture
def wijzig(gegevens: Path) -> Iterator[Any]:
    """``wijzig(relative, old, new)``: change a line for this test only."""
    changed: list[tuple[Path, str]] = []

    def change(relative: str, old: str, new: str) -> tuple[int, int]:
        line, column, original = _change(gegevens, relative, old, new)
        changed.append((gegevens / relative, original))
        return line, column

    yield change
    for path, original in reversed(changed):
        path.write_text(original, encoding="utf-8")


def _new(found: list[dict[str, Any]], voor: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in found if f not in voor]


def _one_finding(
    capsys: pytest.CaptureFixture[str],
    gegevens: Path,
    voor: list[dict[str, Any]],
    wijzig: Any,
    field: tuple[str, str],
    value: str,
) -> tuple[dict[str, Any], int, int]:
    relative, old = field
    key = old.split(":", 1)[0]
    line, column = wijzig(relative, old, f"{key}: {value}")
    code, found = _findings(capsys, gegevens)
    new = _new(found, voor)
    assert len(new) == 1, new
    assert code == 1
    assert new[0]["bestand"] == f"data/{relative}"
    return new[0], line, column


# --- the fields, by kind --------------------------------------------------------------------

GEHEEL = {
    "actie.agendapunt": ("acties/cco-2025-12-02-1.yaml", "agendapunt: 5"),
    "minuten": ("vergaderingen/cco-2026-12-15.yaml", "    duur: 5"),
    "jaar": ("projecten/aanbesteding-reiniging-inspectie.yaml", "    jaar: 2026"),
}
GEHEEL_OOK = {
    "besluit.agendapunt": ("vergaderingen/cco-2025-12-02.yaml", "    agendapunt: 5"),
    "regio.programma_verouderd_na_maanden": (
        "regio/groningen-noord-drenthe.yaml",
        "programma_verouderd_na_maanden: 6",
    ),
}
JA_NEE = {
    "organisatie.partner": ("organisaties/gemeente-aa-en-hunze.yaml", "partner: true"),
    "persoon.naam_openbaar": ("personen/p-boersma.yaml", "naam_openbaar: false"),
    "mijlpaal.gereed": ("projecten/aanbesteding-reiniging-inspectie.yaml", "    gereed: true"),
    "thema.regionaal": ("regio/groningen-noord-drenthe.yaml", "    regionaal: true"),
    "agendavoorstel.vertrouwelijk": (
        "agendavoorstellen/cco-ondersteuning-westerkwartier.yaml",
        "vertrouwelijk: true",
    ),
}
BEDRAG = ("projecten/aanbesteding-reiniging-inspectie.yaml", "    bedrag: 28000")
WAARDE = ("clusters/kop-van-drenthe.yaml", "    waarde: 231")

GEEN_GEHEEL = "moet een geheel getal zijn, niet "
JA_NEE_HINT = "true en false betekenen ja en nee; schrijf hier een geheel getal"
IN_CIJFERS = "schrijf een geheel getal in cijfers"
GEHEEL_CASES = [
    ("true", GEEN_GEHEEL + "true", JA_NEE_HINT),
    ("True", GEEN_GEHEEL + "true", JA_NEE_HINT),
    ("false", GEEN_GEHEEL + "false", JA_NEE_HINT),
    ('"12"', GEEN_GEHEEL + "de tekst '12'", "haal de aanhalingstekens weg"),
    ("'2026'", GEEN_GEHEEL + "de tekst '2026'", "haal de aanhalingstekens weg"),
    ("yes", GEEN_GEHEEL + "de tekst 'yes'", IN_CIJFERS + ", zonder aanhalingstekens"),
    ("1_000", GEEN_GEHEEL + "de tekst '1_000'", "schrijf het getal zonder scheidingstekens: 1000"),
    ("12.5", GEEN_GEHEEL + "12.5", "een geheel getal heeft geen decimalen"),
    ("2.0", GEEN_GEHEEL + "2.0", "schrijf 2, zonder decimalen"),
    (".nan", GEEN_GEHEEL + ".nan", IN_CIJFERS),
    (".NaN", GEEN_GEHEEL + ".nan", IN_CIJFERS),
    (".inf", GEEN_GEHEEL + ".inf", IN_CIJFERS),
    ("-.inf", GEEN_GEHEEL + "-.inf", IN_CIJFERS),
    ("1e308", GEEN_GEHEEL + "1e+308", IN_CIJFERS),
]


@pytest.mark.parametrize(("value", "message", "hint"), GEHEEL_CASES, ids=lambda v: str(v))
@pytest.mark.parametrize("field", list(GEHEEL.values()), ids=list(GEHEEL))
def test_a_whole_number_is_strict(
    capsys: pytest.CaptureFixture[str],
    gegevens: Path,
    voor: list[dict[str, Any]],
    wijzig: Any,
    field: tuple[str, str],
    value: str,
    message: str,
    hint: str,
) -> None:
    f, line, column = _one_finding(capsys, gegevens, voor, wijzig, field, value)
    assert (f["check"], f["ernst"], f["bericht"], f["hint"]) == ("schema", "fout", message, hint)
    assert (f["regel"], f["kolom"]) == (line, column)


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [GEHEEL_CASES[0], GEHEEL_CASES[3], GEHEEL_CASES[9]],
    ids=lambda v: str(v),
)
@pytest.mark.parametrize("field", list(GEHEEL_OOK.values()), ids=list(GEHEEL_OOK))
def test_every_whole_number_field_is_strict(
    capsys: pytest.CaptureFixture[str],
    gegevens: Path,
    voor: list[dict[str, Any]],
    wijzig: Any,
    field: tuple[str, str],
    value: str,
    message: str,
    hint: str,
) -> None:
    f, line, column = _one_finding(capsys, gegevens, voor, wijzig, field, value)
    assert (f["check"], f["bericht"], f["hint"]) == ("schema", message, hint)
    assert (f["regel"], f["kolom"]) == (line, column)


GEEN_JA_NEE = "moet true of false zijn, niet "
SCHRIJF_JA_NEE = "schrijf true (ja) of false (nee), zonder aanhalingstekens"
JA_NEE_CASES = [
    ("yes", GEEN_JA_NEE + "de tekst 'yes'", SCHRIJF_JA_NEE),
    ("on", GEEN_JA_NEE + "de tekst 'on'", SCHRIJF_JA_NEE),
    ("ja", GEEN_JA_NEE + "de tekst 'ja'", SCHRIJF_JA_NEE),
    ('"true"', GEEN_JA_NEE + "de tekst 'true'", "haal de aanhalingstekens weg"),
    ("1", GEEN_JA_NEE + "1", SCHRIJF_JA_NEE),
    ("0", GEEN_JA_NEE + "0", SCHRIJF_JA_NEE),
    ("1.0", GEEN_JA_NEE + "1.0", SCHRIJF_JA_NEE),
    (".nan", GEEN_JA_NEE + ".nan", SCHRIJF_JA_NEE),
]


@pytest.mark.parametrize(("value", "message", "hint"), JA_NEE_CASES, ids=lambda v: str(v))
def test_yes_no_is_strict(
    capsys: pytest.CaptureFixture[str],
    gegevens: Path,
    voor: list[dict[str, Any]],
    wijzig: Any,
    value: str,
    message: str,
    hint: str,
) -> None:
    field = JA_NEE["organisatie.partner"]
    f, line, column = _one_finding(capsys, gegevens, voor, wijzig, field, value)
    assert (f["check"], f["ernst"], f["bericht"], f["hint"]) == ("schema", "fout", message, hint)
    assert (f["regel"], f["kolom"]) == (line, column)


@pytest.mark.parametrize("field", list(JA_NEE.values()), ids=list(JA_NEE))
@pytest.mark.parametrize("value", ["yes", "1"])
def test_every_yes_no_field_is_strict(
    capsys: pytest.CaptureFixture[str],
    gegevens: Path,
    voor: list[dict[str, Any]],
    wijzig: Any,
    field: tuple[str, str],
    value: str,
) -> None:
    f, line, column = _one_finding(capsys, gegevens, voor, wijzig, field, value)
    shown = "de tekst 'yes'" if value == "yes" else "1"
    assert (f["check"], f["bericht"], f["hint"]) == ("schema", GEEN_JA_NEE + shown, SCHRIJF_JA_NEE)
    assert (f["regel"], f["kolom"]) == (line, column)


IN_EUROS = "schrijf het bedrag in euro's, bijv. 1250.50"
TE_GROOT = "controleer het bedrag: het aantal nullen, of een e (exponent) erin"
BEDRAG_CASES = [
    (".nan", "is geen getal (.nan)", IN_EUROS),
    (".NaN", "is geen getal (.nan)", IN_EUROS),
    (".inf", "is oneindig (.inf)", IN_EUROS),
    ("-.inf", "is oneindig (-.inf)", IN_EUROS),
    ("1e308", "bedrag 1e+308 is te groot (hoogstens 1.000.000.000.000 euro)", TE_GROOT),
    (
        "1000000000000.01",
        "bedrag 1000000000000.01 is te groot (hoogstens 1.000.000.000.000 euro)",
        TE_GROOT,
    ),
    (
        "1" + "0" * 60,
        "bedrag 1.00E+60 is te groot (hoogstens 1.000.000.000.000 euro)",
        TE_GROOT,
    ),
    ('"12"', "'12' is geen bedrag maar tekst", "haal de aanhalingstekens weg"),
    ("1_000", "'1_000' is geen bedrag", "schrijf het getal zonder scheidingstekens: 1000"),
    ("12,5", "'12,5' is geen bedrag", "schrijf het getal met een punt als decimaalteken: 12.5"),
    (
        "true",
        "'true' is geen bedrag",
        "schrijf een getal zonder €-teken of duizendtallen, bijv. 1250.50",
    ),
    ("-5", "een bedrag kan niet negatief zijn", None),
    ("12.505", "heeft te veel decimalen (hoogstens 2)", "rond af op centen"),
]


@pytest.mark.parametrize(("value", "message", "hint"), BEDRAG_CASES, ids=lambda v: str(v)[:20])
def test_an_amount_is_a_finite_number_within_the_bound(
    capsys: pytest.CaptureFixture[str],
    gegevens: Path,
    voor: list[dict[str, Any]],
    wijzig: Any,
    value: str,
    message: str,
    hint: str | None,
) -> None:
    f, line, column = _one_finding(capsys, gegevens, voor, wijzig, BEDRAG, value)
    assert (f["check"], f["ernst"], f["bericht"], f["hint"]) == ("schema", "fout", message, hint)
    assert (f["regel"], f["kolom"]) == (line, column)


GETAL_OF_JA_NEE = "moet een getal of ja/nee (true/false) zijn, niet "
CONTROLEER = "controleer het getal: het aantal nullen, of een e (exponent) erin"
WAARDE_CASES = [
    (
        ".nan",
        "is geen getal (.nan)",
        "vul het getal in; is het niet bekend, laat de meting dan weg",
    ),
    (
        ".NaN",
        "is geen getal (.nan)",
        "vul het getal in; is het niet bekend, laat de meting dan weg",
    ),
    (".inf", "is oneindig (.inf)", "vul een eindig getal in"),
    ("-.inf", "is oneindig (-.inf)", "vul een eindig getal in"),
    ("1e308", "mag hoogstens 1.000.000.000.000 zijn, niet 1e+308", CONTROLEER),
    ("-1e308", "moet minstens -1.000.000.000.000 zijn, niet -1e+308", CONTROLEER),
    ("1e13", "mag hoogstens 1.000.000.000.000 zijn, niet 10000000000000.0", CONTROLEER),
    ("1" + "0" * 400, "mag hoogstens 1.000.000.000.000 zijn, niet 1.00E+400", CONTROLEER),
    ("-1" + "0" * 400, "moet minstens -1.000.000.000.000 zijn, niet -1.00E+400", CONTROLEER),
    ('"12"', GETAL_OF_JA_NEE + "de tekst '12'", "haal de aanhalingstekens weg"),
    ('"true"', GETAL_OF_JA_NEE + "de tekst 'true'", "haal de aanhalingstekens weg"),
    (
        "yes",
        GETAL_OF_JA_NEE + "de tekst 'yes'",
        "schrijf een getal in cijfers, of true/false bij een ja/nee-indicator",
    ),
    (
        "1_000",
        GETAL_OF_JA_NEE + "de tekst '1_000'",
        "schrijf het getal zonder scheidingstekens: 1000",
    ),
    (
        "12,5",
        GETAL_OF_JA_NEE + "de tekst '12,5'",
        "schrijf het getal met een punt als decimaalteken: 12.5",
    ),
    ("~", "is leeg", "vul een waarde in, of laat het veld weg als het niet verplicht is"),
]


@pytest.mark.parametrize(("value", "message", "hint"), WAARDE_CASES, ids=lambda v: str(v)[:20])
def test_a_measurement_is_a_finite_number_within_the_bound_or_yes_no(
    capsys: pytest.CaptureFixture[str],
    gegevens: Path,
    voor: list[dict[str, Any]],
    wijzig: Any,
    value: str,
    message: str,
    hint: str,
) -> None:
    f, line, column = _one_finding(capsys, gegevens, voor, wijzig, WAARDE, value)
    assert (f["check"], f["ernst"], f["bericht"], f["hint"]) == ("schema", "fout", message, hint)
    assert (f["regel"], f["kolom"]) == (line, column)


def test_true_for_a_number_indicator_is_one_finding_of_the_measurement_check(
    capsys: pytest.CaptureFixture[str], gegevens: Path, voor: list[dict[str, Any]], wijzig: Any
) -> None:
    f, line, column = _one_finding(capsys, gegevens, voor, wijzig, WAARDE, "true")
    assert (f["check"], f["regel"], f["kolom"]) == ("meting", line, column)
    assert f["bericht"] == (
        "indicator 'rioolheffing' wordt gemeten in €/jaar; de waarde moet een getal zijn"
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (GEHEEL["minuten"], "0x1F"),  # 31 minutes
        (GEHEEL["minuten"], "0o17"),  # 15 minutes
        (GEHEEL["minuten"], "017"),  # YAML 1.2: 17, not octal
        (JA_NEE["organisatie.partner"], "True"),
        (JA_NEE["organisatie.partner"], "FALSE"),
        (GEHEEL["actie.agendapunt"], "~"),  # optional: no agenda item
        (BEDRAG, "1000000000000"),  # the bound itself
        (BEDRAG, "999999999999.99"),
        (BEDRAG, "-0.0"),
        (BEDRAG, "0x1F"),
        (WAARDE, "1e12"),
        (WAARDE, "-1e12"),
        (WAARDE, "5e-324"),
        (WAARDE, "-0.0"),
    ],
    ids=lambda v: v if isinstance(v, str) else v[1].strip(),
)
def test_what_yaml_writes_as_the_right_kind_is_accepted(
    capsys: pytest.CaptureFixture[str],
    gegevens: Path,
    voor: list[dict[str, Any]],
    wijzig: Any,
    field: tuple[str, str],
    value: str,
) -> None:
    relative, old = field
    wijzig(relative, old, f"{old.split(':', 1)[0]}: {value}")
    code, found = _findings(capsys, gegevens)
    assert (code, _new(found, voor)) == (0, [])


def test_what_the_loader_makes_of_each_spelling() -> None:
    """YAML 1.2 over libyaml: what each spelling becomes before any model sees it.
    Each is either the value meant or something the strict fields refuse."""
    spellings: dict[str, Any] = {
        ".nan": math.nan,
        ".NaN": math.nan,
        ".inf": math.inf,
        "-.inf": -math.inf,
        "1e308": 1e308,
        "1e309": math.inf,
        "1_000": "1_000",  # not a number in YAML 1.2's core schema: a finding
        "0x1F": 31,
        "0o17": 15,
        "017": 17,
        '"12"': "12",
        "yes": "yes",
        "on": "on",
        "true": True,
        "True": True,
        "~": None,
    }
    for spelling, expected in spellings.items():
        data, problems = parse(f"x: {spelling}\n".encode())
        assert problems == [], spelling
        value = data["x"]
        assert type(value) is type(expected), spelling
        if isinstance(expected, float) and math.isnan(expected):
            assert math.isnan(value)
        else:
            assert value == expected, spelling


def test_bool_int_and_float_fields_are_strict_everywhere() -> None:
    """A new bool, int or float field must use JaNee, Geheel or Getal (or Strict()):
    pydantic's lax mode would make `true` 1 and "yes" True. Decimals only as Bedrag."""

    def walk(schema: Any, parent: Any = None) -> Iterator[tuple[dict[str, Any], Any]]:
        if isinstance(schema, dict):
            if schema.get("type") in ("bool", "int", "float", "decimal"):
                yield schema, parent
            for value in schema.values():
                yield from walk(value, schema)
        elif isinstance(schema, list):
            for value in schema:
                yield from walk(value, parent)

    seen = set()
    for soort in SOORTEN:
        soort.model.model_rebuild()
        for schema, parent in walk(soort.model.__pydantic_core_schema__):
            seen.add(schema["type"])
            if schema["type"] == "decimal":
                assert parent is not None and parent.get("type") == "function-before", parent
                assert parent["function"]["function"].__name__ == "_amount"
                continue
            assert schema.get("strict") is True, (soort.naam, schema)
            if schema["type"] == "float":
                assert schema.get("allow_inf_nan") is False, (soort.naam, schema)
                assert (schema.get("ge"), schema.get("le")) == (-GRENS, GRENS)
    assert seen == {"bool", "int", "float", "decimal"}


# --- monitor: never a crash on what validate lets through ---------------------------------------


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1e308", '"12"'])
def test_monitor_skips_a_measurement_validate_refuses(
    capsys: pytest.CaptureFixture[str], gegevens: Path, wijzig: Any, value: str
) -> None:
    relative, old = WAARDE
    wijzig(relative, old, f"    waarde: {value}")
    for extra in ([], ["--markdown"]):
        result = invoke(capsys, ["--data", str(gegevens), "monitor", *extra])
        assert result.code in (0, 1), result.err
        assert "overgeslagen, geen geldig record: data/clusters/kop-van-drenthe.yaml" in result.err


def _set_measurements(data: Path, values: list[str]) -> None:
    """Every numeric measurement of every cluster, the values in turn."""
    turn = iter(values * 1000)
    for path in sorted((data / "clusters").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(
            r"^(    waarde: )-?[0-9.]+$", lambda m: m[1] + next(turn), text, flags=re.MULTILINE
        )
        path.write_text(text, encoding="utf-8")


EXTREMEN = [
    ["1e12"],
    ["-1e12"],
    ["5e-324"],
    ["5e-324", "1e12", "-1e12", "0"],
    ["1e-300", "-1e-300", "1000000000000", "0.001"],
    ["999999999999.999", "-0.0", "0"],
]


@pytest.mark.parametrize("values", EXTREMEN, ids=",".join)
def test_monitor_on_the_largest_and_tiniest_values(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, values: list[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    shutil.copytree(ROOT / "stukken", tmp_path / "stukken")
    _set_measurements(data, values)
    assert invoke(capsys, ["--data", str(data), "validate"]).code == 0
    assert invoke(capsys, ["--data", str(data), "monitor"]).code == 0
    document = invoke(capsys, ["--data", str(data), "monitor", "--markdown"])
    assert document.code == 0
    assert "NaN" not in document.out and "Infinity" not in document.out


_CLUSTER_TEXTS = {
    p.name: p.read_text(encoding="utf-8")
    for p in sorted((EXAMPLE_DATA / "clusters").glob("*.yaml"))
}
_REGIO = validate_record(
    Regio,
    parse(next((EXAMPLE_DATA / "regio").glob("*.yaml")).read_bytes())[0],
    "regio",
)[0]
_NUMBERS = st.floats(min_value=-GRENS, max_value=GRENS, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_NUMBERS, min_size=1, max_size=6))
def test_any_number_within_the_bound_goes_through_validate_and_monitor(
    numbers: list[float],
) -> None:
    """Written into the YAML as Python writes a float, read back by the loader, validated
    as a cluster and shown by the monitor, in the table and in the document."""
    turn = iter(numbers * 1000)
    clusters = []
    for name, text in _CLUSTER_TEXTS.items():
        text = re.sub(
            r"^(    waarde: )-?[0-9.]+$",
            lambda m: m[1] + repr(next(turn)),
            text,
            flags=re.MULTILINE,
        )
        data, problems = parse(text.encode("utf-8"))
        assert problems == []
        record, findings = validate_record(Cluster, data, name)
        assert findings == [], findings
        assert isinstance(record, Cluster)
        clusters.append(record)
    written = [m.waarde for c in clusters for m in c.metingen if not isinstance(m.waarde, bool)]
    assert set(written) <= set(numbers)
    assert isinstance(_REGIO, Regio)
    uitkomst = kern.monitor(_REGIO, clusters, dt.date(2026, 11, 27))
    for beeld in uitkomst.beelden:
        for reeks in beeld.reeksen:
            for punt in reeks.punten:  # what the terminal table shows
                monitor_tekst.kort(punt.waarde, beeld.indicator, beeld.decimalen)
                monitor_tekst.verandering_tekst(punt, beeld, procent=False, sinds=False)
                monitor_tekst.mediaan_tekst(punt, beeld, procent=False)
    text = render.render(ROOT, "monitor.md.j2", **monitor_document.document(uitkomst))
    assert "NaN" not in text and "Infinity" not in text


@given(st.decimals(min_value=0, max_value=GRENS, places=2, allow_nan=False, allow_infinity=False))
def test_any_amount_within_the_bound_reads_back_exactly(amount: Decimal) -> None:
    """Up to the bound an amount in cents has at most 15 significant digits, which a
    binary float (how YAML reads 1250.50) holds exactly: what is written is what counts."""
    data, _ = parse(f"bedrag: {amount:f}\n".encode())
    assert TypeAdapter(Bedrag).validate_python(data["bedrag"]) == amount


def test_a_number_too_long_for_python_is_a_finding(
    capsys: pytest.CaptureFixture[str],
    gegevens: Path,
    voor: list[dict[str, Any]],
    wijzig: Any,
) -> None:
    """Python refuses to read an integer of more than 4300 digits: a finding, no crash."""
    relative, old = next(iter(GEHEEL.values()))
    key = old.split(":", 1)[0]
    line, _column = wijzig(relative, old, f"{key}: {'9' * 5000}")
    code, found = _findings(capsys, gegevens)
    assert code == 1
    new = _new(found, voor)
    assert [(f["check"], f["regel"], f["bericht"]) for f in new] == [
        (
            "yaml",
            line,
            "geen geldige YAML (een getal van 5000 cijfers is geen gegeven van een record)",
        )
    ]
