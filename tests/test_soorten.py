"""A kind of record is declared once: its line in ``soorten.SOORTEN`` and its model in
``models/records.py``. Everything else that goes by kind is derived from those two
(docs/ontwerp.md, "Een soort toevoegen"); these tests keep the two together and hold
the models to what the rest of the program reads off them."""

from __future__ import annotations

import marshal
import typing
from collections import Counter

import pytest

from conftest import EXAMPLE_DATA
from waterketen_cli.models import records
from waterketen_cli.models.base import Indeling, Record, Verwijzing
from waterketen_cli.models.introspect import _unwrap, cluster_fields
from waterketen_cli.records.yamlio import parse
from waterketen_cli.soorten import DOCUMENTSOORTEN, MAPPEN, SOORT_PER_KLASSE, SOORTEN, Soort


def _record_models() -> dict[str, type[Record]]:
    """Every record model defined in models/records.py, by class name."""
    return {
        naam: value
        for naam, value in vars(records).items()
        if isinstance(value, type)
        and issubclass(value, Record)
        and value is not Record
        and value.__module__ == records.__name__
    }


def test_every_record_model_has_a_kind() -> None:
    zonder = sorted(set(_record_models()) - {s.klasse for s in SOORTEN})
    assert zonder == [], f"geen regel in soorten.SOORTEN voor {', '.join(zonder)}"


def test_every_kind_names_a_record_model() -> None:
    models = _record_models()
    for soort in SOORTEN:
        assert soort.record, soort
        assert soort.klasse in models, f"{soort.naam}: geen model {soort.klasse!r} in records.py"
        assert soort.model is models[soort.klasse]
        assert SOORT_PER_KLASSE[soort.klasse] is soort


def test_names_folders_and_models_are_distinct() -> None:
    for attribuut in ("naam", "map", "klasse"):
        dubbel = [k for k, n in Counter(getattr(s, attribuut) for s in SOORTEN).items() if n > 1]
        assert dubbel == [], attribuut
    assert len(MAPPEN) == len(SOORTEN) + len(DOCUMENTSOORTEN)
    assert all(not s.record and not s.klasse for s in DOCUMENTSOORTEN)


@pytest.mark.parametrize("soort", SOORTEN, ids=lambda s: s.naam)
def test_every_kind_has_example_records(soort: Soort) -> None:
    """The tests that go over every kind (round trip, fmt, schemas) read these."""
    assert sorted((EXAMPLE_DATA / soort.map).glob("*.yaml")), soort.map


@pytest.mark.parametrize("soort", SOORTEN, ids=lambda s: s.naam)
def test_facts_are_plain_data_as_their_typeddict_says(soort: Soort) -> None:
    """A record's facts are cached with marshal and read by the cross checks through
    the TypedDict its ``feiten`` returns: exactly those keys, in a plain dict."""
    returns = typing.get_type_hints(soort.model.feiten)["return"]
    keys = set(typing.get_type_hints(returns)) if typing.is_typeddict(returns) else set()
    for path in sorted((EXAMPLE_DATA / soort.map).glob("*.yaml")):
        data, problems = parse(path.read_bytes())
        assert problems == [], path
        feiten = soort.model.model_validate(data).feiten()
        assert type(feiten) is dict, path
        assert set(feiten) == keys, path
        assert marshal.loads(marshal.dumps(feiten)) == feiten, path


def test_a_record_belongs_to_clusters_by_its_cluster_references() -> None:
    """The marker Indeling (analyse/wijzigingen.py lists a change under the clusters it
    names) sits on references to a cluster only; a cluster is its own group."""
    for soort in SOORTEN:
        for naam, info in soort.model.model_fields.items():
            _, meta, _ = _unwrap(info.annotation, info.metadata)
            if any(isinstance(m, Indeling) for m in meta):
                assert Verwijzing("cluster") in meta, (soort.naam, naam)
                assert naam in dict(cluster_fields(soort.model)), (soort.naam, naam)
