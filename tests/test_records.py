"""Reading all records (with its cache), and write plans through the one write path."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import EXAMPLE_DATA
from waterketen_cli import schrijfpad
from waterketen_cli.models.records import Actie, Persoon
from waterketen_cli.models.types import Actiestatus
from waterketen_cli.records import dataset, writer
from waterketen_cli.records.plan import Schrijfplan, nieuw_record, wijzig_record
from waterketen_cli.records.transactie import SchrijfFout
from waterketen_cli.soorten import SOORT_PER_NAAM, SOORTEN

VANDAAG = dt.date(2026, 11, 27)


def write(data: Path, *changes: object) -> None:
    plan = Schrijfplan("test", data)
    plan.records = list(changes)  # type: ignore[arg-type]
    schrijfpad.voer_uit(plan, vandaag=VANDAAG)


@pytest.mark.parametrize("soort", SOORTEN, ids=lambda s: s.naam)
def test_every_example_file_survives_an_edit_unchanged(soort: object) -> None:
    for path in sorted((EXAMPLE_DATA / soort.map).glob("*.yaml")):  # type: ignore[attr-defined]
        change = wijzig_record(path, soort, lambda doc: None)  # type: ignore[arg-type]
        assert change.tekst == path.read_text(encoding="utf-8"), path


def test_load_sees_a_changed_file(repo: Path) -> None:
    data = repo / "data"
    first = dataset.load(data, ["persoon"])
    assert first.get(Persoon, "p-kuipers") is not None
    path = data / "personen" / "p-kuipers.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Marieke Kuipers", "Marieke Kuipers-de Vries")
    )
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    again = dataset.load(data, ["persoon"])
    kuipers = again.get(Persoon, "p-kuipers")
    assert kuipers is not None and kuipers.naam == "Marieke Kuipers-de Vries"
    path.write_text("naam: [kapot\n")
    broken = dataset.load(data, ["persoon"])
    assert broken.get(Persoon, "p-kuipers") is None
    assert broken.overgeslagen == ["data/personen/p-kuipers.yaml"]


def test_of_with_mogelijk_makes_only_the_records_that_may_pass(repo: Path) -> None:
    """``of(..., mogelijk=...)`` leaves out, without making its model, a record the
    cache knows to be valid whose content fails the test; a record already made is
    given as it is (the caller tests the model); the answer is the full list, filtered."""
    data = repo / "data"
    dataset.load(data, ["actie"])  # fills the cache: the next load makes nothing yet
    gegevens = dataset.load(data, ["actie"])
    acties = gegevens.records["actie"]
    assert isinstance(acties, dataset.Records)
    eerste = next(iter(acties))
    gemaakt = acties[eerste]  # made before the question
    open_ = gegevens.of(Actie, mogelijk=lambda d: d.get("status") == "open")
    alle = [a for a in dataset.load(data, ["actie"]).of(Actie)]
    verwacht = [a for a in alle if a.status == Actiestatus.OPEN or a.id == eerste]
    assert [a.id for a in open_] == [a.id for a in verwacht]
    assert open_[0] is gemaakt or gemaakt.status != Actiestatus.OPEN
    ruw = {i: item for i, item in acties._items.items() if isinstance(item, dataset._Ruw)}
    assert set(ruw) == {a.id for a in alle if a.status != Actiestatus.OPEN} - {eerste}
    assert ruw  # the example data has closed actions
    # Not made, not even decoded: the test saw the plain top-level fields only.
    assert all(item._data is None for item in ruw.values())
    item = next(iter(ruw.values()))
    assert item.kop["status"] != "open" and "omschrijving" in item.kop
    assert item.data["status"] == item.kop["status"]  # decoded when asked for
    assert dataset.kop({"a": 1, "b": [1], "c": {"d": 2}, "e": None, "f": "x"}) == {
        "a": 1,
        "e": None,
        "f": "x",
    }


def test_edit_keeps_comments_and_puts_new_fields_in_model_order(repo: Path) -> None:
    path = repo / "data" / "acties" / "cco-2026-04-07-1.yaml"
    before = path.read_text(encoding="utf-8")

    def close(doc: object) -> None:
        assert isinstance(doc, dict)
        doc["status"] = "afgerond"
        writer.put(doc, "afgerond_op", dt.date(2026, 11, 27), Actie.model_fields)  # type: ignore[arg-type]

    write(repo / "data", wijzig_record(path, SOORT_PER_NAAM["actie"], close))
    after = path.read_text(encoding="utf-8")
    assert (
        after.replace("status: afgerond\n", "status: open\n").replace(
            "project: prestatiemonitor-3kd\nafgerond_op: 2026-11-27\n",
            "project: prestatiemonitor-3kd\n",
        )
        == before
    )
    assert "# Deadline verstreken; staat nog open op de actielijst." in after


def test_an_invalid_change_writes_nothing(repo: Path) -> None:
    first = repo / "data" / "acties" / "cco-2026-04-07-1.yaml"
    second = repo / "data" / "acties" / "cco-2026-06-30-1.yaml"
    before = (first.read_text(), second.read_text())
    good = wijzig_record(first, SOORT_PER_NAAM["actie"], lambda doc: doc.update(status="vervallen"))
    bad = wijzig_record(second, SOORT_PER_NAAM["actie"], lambda doc: doc.update(status="klaar"))
    with pytest.raises(schrijfpad.PlanAfgewezen) as refused:
        write(repo / "data", good, bad)
    assert [(f.bestand, f.regel, f.veld, f.bericht) for f in refused.value.fouten] == [
        ("data/acties/cco-2026-06-30-1.yaml", 8, "status", "ongeldige waarde 'klaar'")
    ]
    assert (first.read_text(), second.read_text()) == before


def test_a_new_record_never_replaces_a_file(repo: Path) -> None:
    soort = SOORT_PER_NAAM["actie"]
    actie = Actie(
        id="cco-2026-04-07-1",
        omschrijving="Dubbel",
        actiehouder="p-kuipers",
        deadline=dt.date(2027, 1, 1),
        status=Actiestatus.OPEN,
    )
    path = repo / "data" / "acties" / "cco-2026-04-07-1.yaml"
    before = path.read_text()
    with pytest.raises(SchrijfFout, match="bestaat al"):
        write(repo / "data", nieuw_record(path, soort, actie))
    assert path.read_text() == before
    new = repo / "data" / "acties" / "x-1.yaml"
    write(repo / "data", nieuw_record(new, soort, actie.model_copy(update={"id": "x-1"})))
    assert new.read_text().startswith(
        "# yaml-language-server: $schema=../../schemas/actie.schema.json\nid: x-1\n"
    )
