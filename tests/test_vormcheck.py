"""The fast "already canonical?" of ``fmt`` (``records/vormcheck.py``) is never wrong:
whatever it accepts, the slow path (``canonical``, ruamel.yaml's round trip) leaves as
it is, and ``yamlio.parse`` reads without a problem.

Records are generated in the shape the predicate accepts, with every kind of unusual
scalar, key order, quoting, indentation and line end mixed in; the implication is
checked for each. So are the example data and a generated benchmark folder, where
the predicate must also take the fast path for most files.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE_DATA, ROOT
from helpers import invoke
from waterketen_cli.models import SOORTEN, Soort
from waterketen_cli.records import canonical, writer
from waterketen_cli.records.canonical import _FREE, _item_shape, _Shape, _shapes
from waterketen_cli.records.plan import Recordwijziging
from waterketen_cli.records.vormcheck import in_vaste_vorm
from waterketen_cli.records.yamlio import parse
from waterketen_cli.soorten import MAPPEN


def _assert_sound(raw: bytes, soort: Soort | None) -> bool:
    """The predicate's answer, after checking that "canonical" is true."""
    model = soort.model if soort is not None else None
    if not in_vaste_vorm(raw, model):
        return False
    data, problems = parse(raw)
    assert problems == [] and isinstance(data, dict), raw
    text = raw.decode("utf-8")
    assert canonical.canonical(text, model) == text, raw
    if soort is not None:
        path = Path(f"{data.get('id', 'x')}.yaml")
        tekst = canonical.format_record(text, soort, path)
        assert Recordwijziging(path, soort, tekst, raw).inhoud == raw
    return True


# --- generated records ------------------------------------------------------------------

#: Scalars that YAML 1.1, YAML 1.2, libyaml, ruamel.yaml or its emitter treat specially.
UNUSUAL = [
    *("yes", "no", "on", "Off", "y", "n", "true", "True", "FALSE", "null", "Null", "~", ""),
    *("1e3", "1E3", "0x10", "0o17", "0b1", "007", "1_000", "+1", "-0", "0", "-5", "12"),
    *("1.5", "1.50", "-0.0", ".5", "1.", "1.0e+3", "0.1234567890123456789", "123456789.1"),
    *("inf", ".inf", "-.inf", ".nan", "NaN"),
    *("2026-02-03", "2026-02-30", "2026-2-3", "0000-01-01", "2026-01-01 12:00"),
    *("2026-01-01T12:00:00", "2026-01-01 12:00:00", "20260101", "12:30", "1:2:3", "190:20:30"),
    *("a: b", "a:b", "x:", ":x", ": x", "-", "- x", "-x", "?", "? x", "?x", "---", "...", "--"),
    *("'", "''", "a'b", '"', '"a"', "#", "a #b", "a#b", "[a]", "[", "]", "{}", "{a", "x]"),
    *("*a", "&a", "!a", "!!str", "|", "|-", ">", "%a", "@a", "`a", "=", "<<", ",a", "a,b"),
    *(" x", "x ", "a  b", " ", "é", "€ 5", "1–10", "\u00a0x", "x\u00a0", "ŉ", "𝄞"),
    *("\ufeffx", "x\u2028y", "x\u0085y", "a\nb", "a\n\nb", "a\tb", "\x07", "x\r"),
    *("050 123 45 67", "0612345678", "+31 50 123 4567", "13:30", "09:05"),
    *("<<<<<<< HEAD", "=======", ">>>>>>> main"),
]
WORDS = ["open", "Gemeente Assen", "p-brink", "waterpas", "2e fase", "3 pompen", "a", "Zz"]
LONG = st.integers(4070, 4110).map(lambda n: ("woord " * n)[:n])

SCALAR_TEXT = st.one_of(
    st.sampled_from(UNUSUAL),
    st.sampled_from(WORDS),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12),
    st.text(alphabet="ab -:'\"#,.[]{}&*!|>%@`?~=<09eExo_+TZé\u00a0\n", max_size=10),
    st.integers(-(10**20), 10**20).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    LONG,
)
KEYS = st.sampled_from(
    ["zzz", "aaa", "x", "true", "null", "yes", "a-b", "Id", "_k", "1", "id", "'q'", "a b"]
)
HEADER = st.lists(
    st.one_of(
        st.sampled_from(
            ["# yaml-language-server: $schema=../../schemas/x.schema.json", "#", "# kop", "# kop "]
        ),
        st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12).map(
            lambda s: "#" + s.replace("\n", "")
        ),
        st.sampled_from(["", "  # ingesprongen", "---", "%YAML 1.2"]),
    ),
    max_size=3,
)


@functools.cache
def _as_ruamel_writes(value: str) -> str:
    """The text as ruamel.yaml writes it after a key: plain, or quoted as it must."""
    written = writer.dump({"a": value})
    return written[3:-1] if written.count("\n") == 1 else json.dumps(value, ensure_ascii=False)


def _written(value: str, style: str, chomp: str = "|-") -> str:
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    return chomp + "\n" + value  # a block: indented by the caller


def _style(draw: Any, value: str, quoted: bool, clean: bool) -> str:
    """The value as written: in a clean record mostly as fmt would, otherwise not."""
    styles = (
        ["fmt"] * 6 + ["single", "plain"] if clean else ["plain", "single", "double", "literal"]
    )
    style = draw(st.sampled_from(styles))
    if style == "fmt" and not quoted:
        return _as_ruamel_writes(value)
    if style == "fmt":
        style = "single"
    return _written(value, style, draw(st.sampled_from(["|-", "|", "|+", ">-"])))


def _lines(prefix: str, written: str, indent: int) -> list[str]:
    if "\n" not in written or not written.startswith(("|", ">")):
        return [f"{prefix} {written}"]
    head, *body = written.split("\n")
    return [f"{prefix} {head}", *(" " * indent + line if line else "" for line in body)]


def _scalar(draw: Any, clean: bool) -> str:
    """Any scalar; in a clean record mostly an ordinary one (each unusual one is likely
    to send the whole record to the slow path)."""
    ordinary = clean and draw(st.integers(0, 3)) > 0
    return str(draw(st.sampled_from(WORDS) if ordinary else SCALAR_TEXT))


@st.composite
def _mapping(
    draw: Any, model: Any, indent: int, lead: str | None, depth: int, clean: bool
) -> list[str]:
    shapes = _shapes(model) if model is not None else {}
    fields = list(shapes)
    keys: list[str] = draw(
        st.lists(st.sampled_from(fields), max_size=6, unique=True) if fields else st.just([])
    )
    if draw(st.booleans()):  # times and telephone numbers: often, they are quoted
        keys += [f for f in fields if shapes[f].quoted and f not in keys]
    if clean or draw(st.booleans()):
        keys.sort(key=fields.index)
    extra = draw(
        st.lists(st.sampled_from(["zzz", "aaa", "y"]), max_size=2, unique=True)
        if clean
        else st.lists(KEYS, max_size=2)
    )
    keys = [*keys, *extra] if clean or draw(st.booleans()) or not keys else [*extra, *keys]
    keys = keys or ["id"]
    pad = " " * indent
    lines: list[str] = []
    for position, key in enumerate(keys):
        start = lead if position == 0 and lead is not None else pad
        shape = shapes.get(key, _FREE)
        lines += draw(_value(f"{start}{key}:", shape, indent, depth, clean))
    return lines


@st.composite
def _value(
    draw: Any, prefix: str, shape: _Shape, indent: int, depth: int, clean: bool
) -> list[str]:
    kind = draw(
        st.sampled_from(
            ["scalar", "scalar", "list", "map", "empty"]
            if depth < 3
            else ["scalar", "scalar", "empty"]
        )
    )
    if shape.is_list and depth < 3 and draw(st.booleans()):
        kind = "list"
    if shape.model is not None and not shape.is_list and depth < 3 and draw(st.booleans()):
        kind = "map"
    if kind == "empty":
        empty = ["[]", "{}"] if clean else ["[ ]", "", "[a, b]", "~", "{a: 1}"]
        return [f"{prefix} {draw(st.sampled_from(empty))}"]
    if kind == "map":
        model = None if shape.is_list else shape.model
        step = 2 if clean else draw(st.sampled_from([2, 4, 0]))
        return [prefix, *draw(_mapping(model, indent + step, None, depth + 1, clean))]
    if kind == "list":
        item = _item_shape(shape) if shape.is_list else _FREE
        dash = indent + (2 if clean else draw(st.sampled_from([2, 0, 4])))
        lines = [prefix]
        values: list[str] = []
        for _ in range(draw(st.integers(1, 4))):
            if item.model is not None and draw(st.booleans()):
                lines += draw(_mapping(item.model, dash + 2, " " * dash + "- ", depth + 1, clean))
            elif depth < 2 and draw(st.integers(0, 9)) == 0:
                lines += draw(_value(" " * dash + "-", _FREE, dash, depth + 1, clean))
            else:
                values.append(_scalar(draw, clean))
        if shape.unordered and (clean or draw(st.booleans())):
            values.sort()
        for value in values:
            lines += _lines(" " * dash + "-", _style(draw, value, item.quoted, clean), dash + 2)
        return lines
    if shape.quoted and draw(st.booleans()):
        value = draw(st.sampled_from(["13:30", "9:05", "050 123 45 67", "+31 6 12345678"]))
    else:
        value = _scalar(draw, clean)
    return _lines(prefix, _style(draw, value, shape.quoted, clean), indent + 2)


RECORD_SOORTEN = [s for s in SOORTEN if s.record]
QUOTED_SOORTEN = [MAPPEN["vergaderingen"], MAPPEN["personen"]]  # more often


@st.composite
def records(draw: Any) -> tuple[bytes, Soort | None]:
    """A record file; mostly ("clean") laid out as fmt lays it out, values of any kind."""
    clean = draw(st.integers(0, 3)) > 0
    soort = draw(st.sampled_from([None, *RECORD_SOORTEN, *QUOTED_SOORTEN]))
    model = soort.model if soort else None
    header = draw(HEADER)
    if clean:
        header = [line for line in header if line.startswith("#") and line.isascii()]
    lines = header + draw(_mapping(model, 0, None, 0, clean))
    text = "\n".join(lines) + "\n"
    ending = "lf" if clean else draw(st.sampled_from(["lf", "crlf", "none", "two", "bom"]))
    if ending == "crlf":
        text = text.replace("\n", "\r\n")
    elif ending == "none":
        text = text[:-1]
    elif ending == "two":
        text += "\n"
    elif ending == "bom":
        text = "\ufeff" + text
    return text.encode("utf-8"), soort


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(record=records())
def test_what_the_predicate_accepts_fmt_leaves_alone(record: tuple[bytes, Soort | None]) -> None:
    raw, soort = record
    event("canonical" if _assert_sound(raw, soort) else "not sure")


TIMES_AND_PHONES = st.sampled_from(["13:30", "9:05", "050 123 45 67", "+31 6 12345678", "1330"])


@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_any_scalar_in_any_style(data: st.DataObject) -> None:
    """One scalar, written in each style, as a value and as a list item, in a field
    that fmt quotes (a time, a telephone number) and in one it does not."""
    soort, key = data.draw(
        st.sampled_from(
            [(MAPPEN["vergaderingen"], "begintijd"), (MAPPEN["personen"], "telefoon"), (None, "a")]
        )
    )
    value = data.draw(st.one_of(SCALAR_TEXT, TIMES_AND_PHONES))
    style = data.draw(st.sampled_from(["plain", "single", "double", "literal", "fmt"]))
    chomp = data.draw(st.sampled_from(["|-", "|", "|+", ">-"]))
    written = _as_ruamel_writes(value) if style == "fmt" else _written(value, style, chomp)
    if data.draw(st.booleans()):
        lines = _lines(f"{key}:", written, 2)
    else:
        lines = [f"{key}:", *_lines("  -", written, 4)]
    raw = "\n".join(["id: x", *lines]).encode("utf-8") + b"\n"
    event("canonical" if _assert_sound(raw, soort) else "not sure")


def test_every_unusual_scalar_in_every_style() -> None:
    """Each scalar of :data:`UNUSUAL` (and more), written in each style, as a value and
    as a list item, in a field fmt quotes and in one it does not."""
    places = [(MAPPEN["vergaderingen"], "begintijd"), (None, "a")]
    values = [*UNUSUAL, *WORDS, "13:30", "---x", "...x", "x \ny", "a\n b", " a\nb", "a\n\nb\n"]
    values += ["\nx", "\n\nx", "x\n\n", "x\n \ny", "x\n  y\n"]
    styles = [("plain", ""), ("single", ""), ("double", ""), ("literal", "|-")]
    styles += [("literal", "|"), ("literal", ">-")]
    accepted = 0
    for soort, key in places:
        for value in values:
            written = {_as_ruamel_writes(value)} | {_written(value, *s) for s in styles}
            for text in written:
                for lines in (
                    _lines(f"{key}:", text, 2),
                    [f"{key}:", *_lines("  -", text, 4)],
                ):
                    raw = "\n".join(["id: x", *lines]).encode("utf-8") + b"\n"
                    accepted += _assert_sound(raw, soort)
    assert accepted > 200


@pytest.mark.parametrize(
    "text",
    [
        # each line is what fmt writes, and ruamel.yaml reads the value back as it is
        "id: a\nnaam: yes\nsoort: '12'\nwebsite: 'true'\n",
        "id: a\nnaam: 1–10\nprovincie: '- x'\n",
        "id: a\nnaam: Een 'naam'\nprovincie: '2026-02-30'\n",
        "id: a\nnaam: |-\n  regel een\n\n    ingesprongen\n  regel drie\n",
        "id: a\npartner: true\ninwoners: 25697\nlaatst_gezien: []\n",
        "# kop\n#\n#  nog een\nid: a\nnaam: " + "lang " * 700 + "einde\n",
    ],
)
def test_the_predicate_accepts_what_fmt_writes(text: str) -> None:
    assert _assert_sound(text.encode("utf-8"), MAPPEN["organisaties"])


@pytest.mark.parametrize(
    "text",
    [
        "naam: A\nid: a\n",  # out of model order
        "id: a\nid: b\n",  # a duplicate key
        "id: a\nzzz: 1\nzzz: 1\n",  # a duplicate unknown key
        "id: a\ntrue: x\n",  # keys that are not words
        "id: a\nnull: x\n",
        "id: a\n1: x\n",
        "id: a\na b: x\n",
        "id: a\nzzz: 1\nnaam: A\n",  # a known key after an unknown one
        "id: a\nnaam: 'A'\n",  # needless quotes
        'id: a\nnaam: "A"\n',  # double quotes
        "id: a\nnaam: >-\n  A\n",  # folded
        "id: a\nnaam: A  # commentaar\n",  # a comment in the body
        "# kop\n\nid: a\n",  # a blank line
        "id: a\nnaam: A \n",  # a trailing space
        "id: a\r\nnaam: A\r\n",  # CRLF
        "id: a\nnaam: A",  # no final newline
        "id: a\nnaam: A\n\n",  # two
        "\ufeffid: a\n",  # a byte order mark
        "---\nid: a\n",  # a document start
        "id: &x a\nnaam: *x\n",  # anchors and aliases
        "id: a\nnaam: !!str A\n",  # a tag
        "id: a\nnaam:\n",  # null
        "id: a\nnaam: ~\n",
        "id: a\nnaam: 2026-02-30\n",  # a date ruamel.yaml cannot read
        "id: a\nnaam: True\n",  # fmt writes true
        "id: a\ninwoners: 0x10\n",  # not plain decimal
        "id: a\ninwoners: 1_000\n",  # an int to ruamel.yaml, text to libyaml
        "id: a\nnaam: " + "x " * 2100 + "y\n",  # folded by ruamel.yaml at 4096
        "id: a\nnaam: [A, B]\n",  # flow style
        "id: a\nnaam:\n- A\n",  # a list not indented
        "id: a\nnaam:\n    - A\n",  # indented too far
        "id: a\nnaam: A\n  B\n",  # a multi-line plain scalar
        "id: a\nnaam: x\tb\n",  # a tab
    ],
)
def test_the_predicate_is_not_sure_of_anything_else(text: str) -> None:
    assert not _assert_sound(text.encode("utf-8"), MAPPEN["organisaties"])


@settings(max_examples=300, deadline=None)
@given(
    number=st.tuples(
        st.booleans(), st.integers(0, 10**12 - 1), st.text("0123456789", min_size=1, max_size=10)
    )
)
def test_decimal_fractions_keep_their_digits(number: tuple[bool, int, str]) -> None:
    """ruamel.yaml writes a float back with the digits it was read with, up to 15."""
    minus, whole, fraction = number
    text = f"{'-' if minus else ''}{whole}.{fraction}"
    digits = len(f"{whole}{fraction}".lstrip("0"))
    accepted = _assert_sound(f"a: {text}\nb:\n  - {text}\n".encode(), None)
    assert accepted == (digits <= 15)


def test_times_and_telephone_numbers_must_be_quoted() -> None:
    vergadering, persoon = MAPPEN["vergaderingen"], MAPPEN["personen"]
    assert _assert_sound(b"id: v\nbegintijd: '13:30'\n", vergadering)
    assert not _assert_sound(b"id: v\nbegintijd: 13:30\n", vergadering)
    assert _assert_sound(b"id: p\ntelefoon: '050 123 45 67'\n", persoon)
    assert not _assert_sound(b"id: p\ntelefoon: 050 123 45 67\n", persoon)
    assert not _assert_sound(b"id: p\ntelefoon: 0501234567\n", persoon)


def test_unordered_lists_must_be_sorted() -> None:
    cluster = MAPPEN["clusters"]
    sorted_ = b"id: c\nnaam: C\ngemeenten:\n  - a\n  - b\nprogramma: []\n"
    assert _assert_sound(sorted_, cluster)
    assert not _assert_sound(sorted_.replace(b"- a\n  - b", b"- b\n  - a"), cluster)
    # a list whose order means something is not sorted
    assert _assert_sound(b"id: p\nteam:\n  - p-b\n  - p-a\n", MAPPEN["projecten"])


# --- real data ----------------------------------------------------------------------------


def _folder(data: Path) -> tuple[int, int]:
    """(files accepted by the predicate, files) below ``data``; each checked."""
    accepted = total = 0
    for path in sorted(data.glob("*/*.yaml")):
        total += 1
        accepted += _assert_sound(path.read_bytes(), MAPPEN[path.parent.name])
    return accepted, total


def test_example_data() -> None:
    accepted, total = _folder(EXAMPLE_DATA)
    print(f"voorbeeldgegevens: {accepted} van {total} bestanden op het snelle pad")
    # most example files have comments or folded text: they take the slow path
    assert total > 100 and accepted >= total // 3


@pytest.fixture(scope="module")
def benchmark_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("benchmark")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "genereer.py"),
            str(target),
            "--records",
            "2000",
        ],
        check=True,
        capture_output=True,
    )
    return target / "data"


def test_generated_benchmark_data(benchmark_data: Path) -> None:
    accepted, total = _folder(benchmark_data)
    print(f"benchmarkgegevens: {accepted} van {total} bestanden op het snelle pad")
    # what the benchmark measures is the fast path (see benchmarks/README.md)
    assert total >= 1900 and accepted >= 0.95 * total


def test_generated_benchmark_data_is_in_canonical_form(
    capsys: pytest.CaptureFixture[str], benchmark_data: Path
) -> None:
    """benchmarks/genereer.py writes records as fmt would: sorted sets, no needless
    quotes."""
    result = invoke(capsys, ["--data", str(benchmark_data), "fmt", "--check"])
    assert result.code == 0, result.out + result.err
    assert re.fullmatch(r"\S+ bestanden gecontroleerd: alles in vaste vorm\.\n", result.out)
