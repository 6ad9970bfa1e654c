"""Reading one record file: every kind of bad input becomes a problem with a place."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waterketen_cli.records.yamlio import compose, locate, parse


def test_yaml_12_scalars_and_dates_stay_text() -> None:
    data, problems = parse(b"a: no\nt: 13:30\nd: 2026-02-30\nn: 0612345678\nb: true\n")
    assert problems == []
    assert data == {"a": "no", "t": "13:30", "d": "2026-02-30", "n": 612345678, "b": True}


@pytest.mark.parametrize(
    ("raw", "line", "column", "words"),
    [
        (b"a: 1\nb: 2\na: 3\n", 3, 1, "dubbele sleutel 'a' (ook op regel 1)"),
        (b"a: 1\nb:\tx\n", 2, 3, "tab-teken"),
        (b"a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> ander\n", 2, 1, "merge-conflict"),
        (b"a: &x [1, 2]\nb: [*x, *x]\n", 1, 4, "ankers en aliassen"),
        ("a: 1\nnaam: Caf\xe9\n".encode("latin-1"), 2, 10, "geen UTF-8"),
        (b"\n# alleen commentaar\n", 1, 1, "leeg"),
        (b"- a\n- b\n", 1, 1, "geen lijst"),
        (b"a: 1\n  b: 2\n", 2, 4, "geen geldige YAML"),
        (b"a: " + b"[" * 3000 + b"]" * 3000 + b"\n", 1, 1003, "te diep genest"),
        (b"a: 1\n---\nb: 2\n", 2, 1, "meer dan één document"),
        (b"a: \x07\n", 1, 4, "ongeldig teken"),
        (b"a: 1\nb: !!int ja\n", 2, 4, "YAML-labels"),
        (b"a: !!bool x\n", 1, 4, "YAML-labels"),
        (b"a: !!float x\n", 1, 4, "YAML-labels"),
    ],
)
def test_bad_input_is_a_problem_with_a_place(
    raw: bytes, line: int, column: int, words: str
) -> None:
    data, problems = parse(raw)
    assert data is None
    assert (problems[0].regel, problems[0].kolom) == (line, column)
    assert words in problems[0].bericht


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_parse_never_raises(raw: bytes) -> None:
    data, problems = parse(raw)
    assert (data is None) == bool(problems)
    assert data is None or isinstance(data, dict)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_parse_never_raises_on_text(text: str) -> None:
    parse(text.encode("utf-8"))


def test_locate_value_key_and_missing_field() -> None:
    node = compose("a:\n  b:\n    - x\n    - y: 1\n")
    assert locate(node, ["a", "b", 1, "y"]) == (4, 10)
    assert locate(node, ["a", "b", 1, "y"], key=True) == (4, 7)
    assert locate(node, ["a", "b", 1, "z"]) == (4, 7)  # the mapping that lacks it


# --- editing: records/writer.load_text ---------------------------------------------------


@pytest.mark.parametrize(
    "text", ["a: 1\n  b: 2\n", "d: 2026-02-30\n", "a: " + "[" * 3000 + "]" * 3000]
)
def test_editing_text_that_is_no_yaml_says_so(text: str) -> None:
    from pathlib import Path

    from waterketen_cli.records import writer
    from waterketen_cli.records.transactie import SchrijfFout

    with pytest.raises(SchrijfFout) as raised:
        writer.load_text(text, Path("data/acties/a.yaml"))
    assert (
        raised.value.bericht
        == "data/acties/a.yaml kan niet worden bewerkt: het is geen geldige YAML"
    )


def test_editing_reports_a_system_error_as_a_file_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError while loading is the file's or the system's trouble, not bad YAML."""
    import errno
    from pathlib import Path

    from waterketen_cli.errors import BestandsFout
    from waterketen_cli.records import writer

    class Loader:
        def load(self, text: str) -> object:
            raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(writer, "yaml_rt", Loader)
    with pytest.raises(BestandsFout) as raised:
        writer.load_text("a: 1\n", Path("data/acties/a.yaml"))
    assert (raised.value.bericht, raised.value.hint) == (
        "geen toegang tot data/acties/a.yaml",
        "controleer de rechten van het bestand en van de map waarin het staat",
    )
    assert "YAML" not in str(raised.value)


# --- the fast loader agrees with the full rules ------------------------------------------

_SCALARS = st.one_of(
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "off",
            "true",
            "True",
            "TRUE",
            "tRue",
            "false",
            "FALSE",
            "null",
            "Null",
            "NULL",
            "~",
            "",
            "0",
            "-0",
            "+5",
            "0612",
            "1_000",
            "0x1F",
            "0o17",
            "0b11",
            "1e3",
            "1E-3",
            ".5",
            "5.",
            "-.5",
            "+1.5e+3",
            ".inf",
            "-.Inf",
            ".nan",
            ".NaN",
            "1.2.3",
            "12:30",
            "2026-02-30",
            "2026-11-30",
            "2026-11-30T10:00:00",
            "1" * 4301,
            "-" + "9" * 4301,
            "=",
            "<<",
            "a b",
            "é",
            "nan",
            "inf",
            "Infinity",
        ]
    ),
    st.text(alphabet="0123456789.-+eExob_:aTn ", max_size=8),
)


def _yaml_scalar(value: str, style: str) -> str:
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(_SCALARS, _SCALARS, st.sampled_from(["plain", "single", "double"])),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["", "!!str ", "!!int ", "!!float ", "!!timestamp ", "!!bool "]),
)
def test_fast_loader_agrees_with_the_full_rules(
    items: list[tuple[str, str, str]], tag: str
) -> None:
    """Every document the fast loader reads comes out as the full loader reads it, with
    the same types; what it does not read, the full loader does (or reports)."""
    from waterketen_cli.records.yamlio import _Gewoon, _load_fast, _load_full

    lines = [
        f"k{i}: {tag if i == 0 else ''}{_yaml_scalar(v, s)}" for i, (v, _, s) in enumerate(items)
    ]
    lines.append("lijst:")
    lines += [f"  - {_yaml_scalar(w, s)}" for _, w, s in items]
    lines.append("m:")
    lines += [f"  {_yaml_scalar(k, 'plain')}: x" for k, _, _ in items[:2]]
    text = "\n".join(lines) + "\n"
    full = _load_full(text)
    try:
        fast = _load_fast(text)
    except _Gewoon:
        return
    assert repr(fast) == repr(full)
    assert [type(v) for v in fast.values()] == [type(v) for v in full.values()]


def test_fast_loader_reads_the_example_data_as_the_full_loader() -> None:
    from conftest import ROOT
    from waterketen_cli.records.yamlio import _load_fast, _load_full

    files = sorted((ROOT / "data").rglob("*.yaml"))
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert repr(_load_fast(text)) == repr(_load_full(text)), path
