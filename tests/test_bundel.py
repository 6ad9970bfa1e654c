"""``agenda bundel``: the agenda and its stukken in one PDF, checked with a PDF reader."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from conftest import EXAMPLE_DATA, ROOT
from helpers import invoke
from stukmaker import pdf
from waterketen_cli.models.records import Vergadering
from waterketen_cli.records import dataset

VERGADERING = "cco-2026-12-15"
_WATERKETEN = [sys.executable, "-m", "waterketen_cli"]
_BUNDEL = ["agenda", "bundel", VERGADERING]
RECORD = Path("data/vergaderingen/cco-2026-12-15.yaml")


@pytest.fixture(scope="module")
def voorbeeld(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example repository (data, stukken), read only by the tests that share it."""
    root = tmp_path_factory.mktemp("bundel") / "gegevens"
    shutil.copytree(EXAMPLE_DATA, root / "data")
    shutil.copytree(ROOT / "stukken", root / "stukken")
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


def _kopie(tmp_path: Path, voorbeeld: Path) -> Path:
    root = tmp_path / "gegevens"
    shutil.copytree(voorbeeld, root)
    return root


def _vorm(tekst: str) -> str:
    """Page text compared without line breaks, spaces and hyphenation."""
    return re.sub(r"[\s\-\u00ad]+", "", tekst).casefold()


def _outline(reader: PdfReader) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(title, page, children as (title, page)) of every top-level bookmark."""
    uit: list[tuple[str, int, list[tuple[str, int]]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            titel, pagina, _ = uit[-1]
            kinderen = [(str(k.title), reader.get_destination_page_number(k)) for k in item]
            uit[-1] = (titel, pagina, kinderen)
        else:
            uit.append((str(item.title), reader.get_destination_page_number(item), []))
    return uit


def _bundel(
    capsys: pytest.CaptureFixture[str], root: Path, *args: str, naam: str = "bundel.pdf"
) -> tuple[Any, PdfReader, bytes]:
    doel = root / naam
    result = invoke(
        capsys,
        ["--data", str(root / "data"), "agenda", "bundel", VERGADERING, "-o", str(doel), *args],
        cwd=root,
    )
    assert result.code == 0, result.err
    data = doel.read_bytes()
    return result, PdfReader(io.BytesIO(data)), data


@pytest.fixture(scope="module")
def intern(voorbeeld: Path) -> tuple[str, PdfReader, bytes]:
    """The internal bundle of the example meeting, made once for the tests that read it."""
    doel = voorbeeld / "intern.pdf"
    env = {**os.environ, "WATERKETEN_VANDAAG": "2026-11-27", "NO_COLOR": "1"}
    result = subprocess.run(
        [*_WATERKETEN, "--data", str(voorbeeld / "data"), *_BUNDEL, "-o", str(doel)],
        cwd=voorbeeld,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = doel.read_bytes()
    return result.stdout, PdfReader(io.BytesIO(data)), data


def test_the_bundle_holds_the_agenda_and_the_pdf_stukken_in_item_order(
    intern: tuple[str, PdfReader, bytes], voorbeeld: Path
) -> None:
    uitvoer, reader, _ = intern
    vergadering = dataset.load(voorbeeld / "data", ["vergadering"]).get(Vergadering, VERGADERING)
    assert vergadering is not None
    teksten = [_vorm(p.extract_text() or "") for p in reader.pages]

    # The agenda comes first: its heading and every item title on its first pages.
    agenda = "".join(teksten[:5])
    # The house style's header (the region's name), then the agenda's title.
    assert teksten[0].startswith(
        _vorm("Waterketen Groningen en Noord-Drenthe") + _vorm("Agenda Clustercoördinatorenoverleg")
    )
    assert _vorm("dinsdag 15 december 2026") in teksten[0]
    assert "mariekekuipers" in teksten[0]  # the internal bundle names the members
    for nummer, punt in enumerate(vergadering.agenda, start=1):
        assert _vorm(f"{nummer}. {punt.titel}") in agenda, punt.titel

    # A bookmark per item, pointing at the page of its heading; below it, one per stuk.
    outline = _outline(reader)
    titels = [t for t, _, _ in outline]
    assert titels == [
        "Agenda",
        *(f"{n}. {p.titel}" for n, p in enumerate(vergadering.agenda, start=1)),
        "Stukken bij deze agenda",
    ]
    assert outline[0][1] == 0
    for (titel, pagina, _), nummer in zip(outline[1:-1], range(1, 99), strict=False):
        assert _vorm(titel) in teksten[pagina], (nummer, titel, pagina)
    kinderen = {t: k for t, _, k in outline}
    verslag = kinderen[f"2. {vergadering.agenda[1].titel}"]
    voorstel = kinderen[f"5. {vergadering.agenda[4].titel}"]
    assert [t for t, _ in verslag] == ["Concept-verslag van 17 november 2026", "Actielijst"]
    assert [t for t, _ in voorstel] == ["Projectvoorstel energiescan, aangepast"]
    assert kinderen[f"4. {vergadering.agenda[3].titel}"] == []  # a spreadsheet: not in it

    # The stukken follow the agenda, whole and in order; the list is the last page.
    eerste = verslag[0][1]
    assert not any("voorbeeldstuk" in t for t in teksten[:eerste])  # the agenda, whole
    # The agenda's own pages are numbered in Dutch, "pagina 1 van N".
    assert all(teksten[i].endswith(_vorm(f"pagina {i + 1} van {eerste}")) for i in range(eerste)), [
        t[-20:] for t in teksten[:eerste]
    ]
    assert all("voorbeeldstuk" in t for t in teksten[eerste : eerste + 4])
    assert [p for _, p in verslag + voorstel] == [eerste, eerste + 1, eerste + 2]
    assert teksten[eerste].startswith(_vorm("Concept-verslag van 17 november 2026"))
    assert teksten[eerste + 1].startswith(_vorm("Actielijst"))
    assert teksten[eerste + 2].startswith(_vorm("Projectvoorstel energiescan, aangepast"))
    assert teksten[eerste + 3].startswith(_vorm("Projectvoorstel energiescan, aangepast, pagina 2"))
    assert outline[-1][1] == eerste + 4 == len(reader.pages) - 1

    # The last page: what is in the bundle (with pages), and what is not, and why.
    lijst = teksten[-1]
    assert _vorm("Stukken bij deze agenda") in lijst and _vorm("In deze bundel") in lijst
    assert _vorm(f"Actielijst {eerste + 2}") in lijst  # page numbers from 1
    assert _vorm(f"aangepast {eerste + 3}–{eerste + 4}") in lijst
    assert _vorm("Niet in deze bundel") in lijst
    assert _vorm("geen PDF (xlsx) stukken/cco-2026-12-15/04-activiteitenoverzicht.xlsx") in lijst
    assert "vertrouwelijke" not in lijst

    # The command says the same.
    assert "Geschreven: intern.pdf\n" in uitvoer
    assert f"{len(reader.pages)} pagina's: de agenda en 3 stukken\n" in uitvoer
    overzicht = vergadering.agenda[3].stukken[0].titel
    assert (
        f"Niet in de bundel: punt 4, {overzicht} "
        "(stukken/cco-2026-12-15/04-activiteitenoverzicht.xlsx): geen PDF (xlsx)\n"
    ) in uitvoer
    assert reader.metadata is not None
    assert (
        reader.metadata.title == "Agenda en stukken Clustercoördinatorenoverleg, 15 december 2026"
    )


def test_the_same_data_gives_the_same_bytes(
    capsys: pytest.CaptureFixture[str],
    intern: tuple[str, PdfReader, bytes],
    voorbeeld: Path,
    tmp_path: Path,
) -> None:
    root = _kopie(tmp_path, voorbeeld)
    _, _, data = _bundel(capsys, root)
    assert data == intern[2]


def test_missing_and_unreadable_stukken_are_named(
    capsys: pytest.CaptureFixture[str], voorbeeld: Path, tmp_path: Path
) -> None:
    root = _kopie(tmp_path, voorbeeld)
    (root / "stukken/cco-2026-12-15/02-actielijst.pdf").unlink()
    (root / "stukken/cco-2026-12-15/05-energiescan-v2.pdf").write_bytes(b"geen pdf")
    result, reader, _ = _bundel(capsys, root)
    assert (
        "Niet in de bundel: punt 2, Actielijst (stukken/cco-2026-12-15/02-actielijst.pdf): "
        "niet gevonden\n"
    ) in result.out
    assert (
        "Niet in de bundel: punt 5, Projectvoorstel energiescan, aangepast "
        "(stukken/cco-2026-12-15/05-energiescan-v2.pdf): geen leesbare PDF"
    ) in result.out
    assert "de agenda en 1 stuk\n" in result.out
    lijst = _vorm(reader.pages[-1].extract_text())
    assert _vorm("Actielijst niet gevonden") in lijst
    assert _vorm("aangepast geen leesbare PDF") in lijst
    kinderen = {t: k for t, _, k in _outline(reader)}
    assert [t for k in kinderen.values() for t, _ in k] == ["Concept-verslag van 17 november 2026"]


def test_the_public_bundle_leaves_confidential_stukken_out(
    capsys: pytest.CaptureFixture[str], voorbeeld: Path, tmp_path: Path
) -> None:
    root = _kopie(tmp_path, voorbeeld)
    geheim = "stukken/cco-2026-12-15/05-energiescan-v2.pdf"
    record = root / RECORD
    text = record.read_text("utf-8")
    record.write_text(
        text.replace(f"bestand: {geheim}\n", f"bestand: {geheim}\n        vertrouwelijk: true\n"),
        encoding="utf-8",
    )
    result, reader, _ = _bundel(capsys, root, "--openbaar", naam="openbaar.pdf")
    alles = _vorm("".join(p.extract_text() for p in reader.pages))
    assert _vorm("Projectvoorstel energiescan, aangepast") not in alles
    assert "05energiescanv2" not in alles
    assert "energiescan-v2" not in result.out
    titels = [t for _, _, k in _outline(reader) for t, _ in k]
    assert titels == ["Concept-verslag van 17 november 2026", "Actielijst"]
    assert _vorm("Vertrouwelijke stukken staan niet in deze openbare bundel.") in _vorm(
        reader.pages[-1].extract_text()
    )
    # Named as the public agenda names them: no names of those who did not consent.
    assert "mariekekuipers" not in alles
    assert reader.metadata is not None and reader.metadata.title is not None
    assert reader.metadata.title.endswith("(openbaar)")


def test_unknown_meeting_and_existing_output(
    capsys: pytest.CaptureFixture[str], voorbeeld: Path, tmp_path: Path
) -> None:
    data = str(voorbeeld / "data")
    onbekend = invoke(capsys, ["--data", data, "agenda", "bundel", "cco-2026-12-16"], cwd=tmp_path)
    assert onbekend.code == 2
    assert onbekend.err == (
        "fout: onbekende vergadering 'cco-2026-12-16'\n  bedoelde u 'cco-2026-12-15'?\n"
    )
    assert list(tmp_path.iterdir()) == []

    bestaand = tmp_path / "cco-2026-12-15-bundel.pdf"
    bestaand.write_bytes(b"van iemand anders")
    again = invoke(capsys, ["--data", data, "agenda", "bundel", VERGADERING], cwd=tmp_path)
    assert again.code == 2
    assert again.err == (
        "fout: cco-2026-12-15-bundel.pdf bestaat al\n"
        "  kies een ander bestand of gebruik --overschrijf\n"
    )
    assert bestaand.read_bytes() == b"van iemand anders"

    # With --overschrijf it is replaced; the default name is the meeting's.
    ok = invoke(
        capsys, ["--data", data, "agenda", "bundel", VERGADERING, "--overschrijf"], cwd=tmp_path
    )
    assert ok.code == 0, ok.err
    assert bestaand.read_bytes().startswith(b"%PDF-")
    assert ok.out.startswith("Geschreven: cco-2026-12-15-bundel.pdf\n")


def test_a_stuk_with_more_pages_and_a_bundle_without_stukken(
    capsys: pytest.CaptureFixture[str], voorbeeld: Path, tmp_path: Path
) -> None:
    """Every page of a stuk comes along; a meeting without PDF stukken gets the agenda
    and the list, which says so."""
    root = _kopie(tmp_path, voorbeeld)
    for path in (root / "stukken/cco-2026-12-15").glob("*.pdf"):
        path.unlink()
    _, reader, _ = _bundel(capsys, root)
    lijst = _vorm(reader.pages[-1].extract_text())
    assert _vorm("Deze bundel bevat alleen de agenda") in lijst
    (root / "stukken/cco-2026-12-15/02-actielijst.pdf").write_bytes(
        pdf(["Actielijst"], ["Actielijst, vervolg"], ["Actielijst, slot"])
    )
    _, reader, _ = _bundel(capsys, root, "--overschrijf")
    [(_, begin)] = [k for _, _, kinderen in _outline(reader) for k in kinderen]
    assert [_vorm(reader.pages[begin + i].extract_text()) for i in range(3)] == [
        _vorm("Actielijst"),
        _vorm("Actielijst, vervolg"),
        _vorm("Actielijst, slot"),
    ]
    assert begin + 3 == len(reader.pages) - 1


def test_to_standard_output(voorbeeld: Path) -> None:
    env = {**os.environ, "WATERKETEN_VANDAAG": "2026-11-27"}
    result = subprocess.run(
        [*_WATERKETEN, "--data", str(voorbeeld / "data"), *_BUNDEL, "-o", "-"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(result.stdout)).pages) > 4
    assert b"Geschreven" not in result.stderr and b"de agenda en 3 stukken" in result.stderr
