"""Records are written with ruamel.yaml (YAML 1.2) and read with libyaml through our
loader: whatever text a user puts in a field must come back exactly, for every kind."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import EXAMPLE_DATA
from waterketen_cli.models import SOORTEN, Soort
from waterketen_cli.models.base import Verwijzing
from waterketen_cli.models.introspect import _unwrap
from waterketen_cli.records.yamlio import parse


def _text_field(soort: Soort) -> str:
    """The first field of the kind that any text may go into: text without a pattern
    (a Regel or a Tekst), not a reference."""
    for name, info in soort.model.model_fields.items():
        inner, meta, is_list = _unwrap(info.annotation, info.metadata)
        if (
            inner is str
            and not is_list
            and not any(getattr(m, "pattern", None) for m in meta)
            and not any(isinstance(m, Verwijzing) for m in meta)
        ):
            return name
    raise AssertionError(f"{soort.naam} has no field of free text")


# One text field per kind that any text may go into.
TEXT_FIELD = {soort.naam: _text_field(soort) for soort in SOORTEN}

# Text as people type it, including what YAML 1.1 and 1.2 read differently.
TEXTS = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=60),
    st.sampled_from(
        ["no", "Off", "13:30", "0612345678", "0o17", "2026-02-30", "~", "null", "1e3", "- x"]
    ),
).filter(lambda s: s.strip() == s and s != "")


def _dump(data: dict[str, Any]) -> bytes:
    yaml = YAML()
    buffer = io.BytesIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _example(soort: Soort) -> dict[str, Any]:
    path = sorted((EXAMPLE_DATA / soort.map).glob("*.yaml"))[0]
    data, problems = parse(path.read_bytes())
    assert problems == [] and data is not None
    return data


@pytest.mark.parametrize("soort", SOORTEN, ids=lambda s: s.naam)
def test_example_records_survive_a_write(soort: Soort) -> None:
    data = _example(soort)
    again, problems = parse(_dump(data))
    assert problems == []
    assert again == data
    assert soort.model.model_validate(again) == soort.model.model_validate(data)


@pytest.mark.parametrize("soort", SOORTEN, ids=lambda s: s.naam)
@settings(max_examples=60, deadline=None)
@given(text=TEXTS)
def test_any_text_survives_a_write(soort: Soort, text: str) -> None:
    data = dict(_example(soort))
    data[TEXT_FIELD[soort.naam]] = text
    again, problems = parse(_dump(data))
    assert problems == [], text
    assert again is not None and again[TEXT_FIELD[soort.naam]] == text
    assert soort.model.model_validate(again) == soort.model.model_validate(data)
