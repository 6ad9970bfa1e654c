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
