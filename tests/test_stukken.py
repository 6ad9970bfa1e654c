"""Stukken: the folder convention, the checks of ``validate`` and the links in documents."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from conftest import ROOT
from helpers import invoke
from stukmaker import maak_ontbrekende, pdf, voorbeeldstukken
from waterketen_cli.records import stukken

VERGADERING = Path("data/vergaderingen/cco-2026-12-15.yaml")  # uitgenodigd, still to come
VERLEDEN = Path("data/vergaderingen/cco-2026-11-17.yaml")
ACTIELIJST = "stukken/cco-2026-12-15/02-actielijst.pdf"


def _plek(repo: Path, record: Path, waarde: str) -> tuple[int, int]:
    """Line and column of the value of the ``bestand: waarde`` line in a record."""
    for nummer, regel in enumerate((repo / record).read_text("utf-8").splitlines(), start=1):
        if regel.strip() == f"bestand: {waarde}":
            return nummer, regel.index(waarde) + 1
    raise AssertionError(f"{waarde} niet gevonden in {record}")


def _bevindingen(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> dict[str, Any]:
    result = invoke(capsys, ["validate", "--format", "json", *args], cwd=repo)
    assert result.code in (0, 1), result.err
    return dict(json.loads(result.out))


def _over_stukken(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in doc["bevindingen"] if b["check"] in ("stuk", "stuk-ontbreekt")]


def _vervang(path: Path, oud: str, nieuw: str) -> None:
    text = path.read_text("utf-8")
    assert oud in text, oud
    path.write_text(text.replace(oud, nieuw, 1), encoding="utf-8")


# --- the convention -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bestand", "verwacht"),
    [
        ("stukken/cco-2026-12-15/02-actielijst.pdf", stukken.Pad),
        ("stukken/stuurgroep/opzet evaluatie (v2).pdf", stukken.Pad),
        ("https://docs.example.org/stuk.pdf?id=3", stukken.Adres),
        ("HTTPS://docs.example.org/stuk.pdf", stukken.Adres),
    ],
)
def test_what_a_path_may_be(bestand: str, verwacht: type) -> None:
    assert isinstance(stukken.lees(bestand), verwacht)


@pytest.mark.parametrize(
    ("bestand", "reden"),
    [
        ("/home/secretaris/stuk.pdf", "'/home/secretaris/stuk.pdf' is een absoluut pad"),
        ("C:\\Stukken\\stuk.pdf", "is een absoluut pad"),
        ("~/stuk.pdf", "is een absoluut pad"),
        ("../buiten.pdf", "'../buiten.pdf' verwijst met '..' naar buiten de repository"),
        ("stukken/../../buiten.pdf", "verwijst met '..' naar buiten de repository"),
        ("stukken\\cco\\stuk.pdf", "bevat een backslash"),
        ("javascript:alert(1)", "'javascript:alert(1)' is geen pad in de repository en geen"),
        ("file:///etc/passwd", "is geen pad in de repository en geen https-adres"),
        ("http://example.org/stuk.pdf", "'http://example.org/stuk.pdf' is geen https-adres"),
        ("https:///stuk.pdf", "is geen geldig https-adres"),
        ("stukken//stuk.pdf", "is geen geldig pad"),
        ("./stukken/stuk.pdf", "is geen geldig pad"),
        ("stukken/notitie?.pdf", "bevat een teken dat niet in een bestandsnaam mag"),
        ("stukken/a<b>.pdf", "bevat een teken dat niet in een bestandsnaam mag"),
        ("stukken/map./stuk.pdf", "op een punt of spatie eindigt"),
    ],
)
def test_what_a_path_may_not_be(bestand: str, reden: str) -> None:
    verwijzing = stukken.lees(bestand)
    assert isinstance(verwijzing, stukken.Ongeldig)
    assert reden in verwijzing.reden


# --- the example data ---------------------------------------------------------------------


def test_every_stuk_of_the_example_data_is_there(capsys: pytest.CaptureFixture[str]) -> None:
    """The example repository has its stukken (stukken/ next to data/), as small files.
    ``WATERKETEN_STUKKEN_MAKEN=1`` (or ``python tests/stukmaker.py``) writes missing ones."""
    if os.environ.get("WATERKETEN_STUKKEN_MAKEN") == "1":
        maak_ontbrekende()
    verwacht = voorbeeldstukken()
    assert verwacht, "de voorbeeldgegevens hebben geen stukken met een pad"
    ontbrekend = [b for b in verwacht if not (ROOT / b).is_file()]
    assert not ontbrekend, f"ontbreekt: {ontbrekend}; draai python tests/stukmaker.py"
    for bestand in verwacht:
        assert (ROOT / bestand).stat().st_size < 4000, f"{bestand}: houd voorbeeldstukken klein"
    doc = _bevindingen(capsys, ROOT)
    assert _over_stukken(doc) == []


# --- the checks -----------------------------------------------------------------------------


def test_a_missing_stuk_of_an_invited_meeting_is_an_error(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / ACTIELIJST).unlink()
    regel, kolom = _plek(repo, VERGADERING, ACTIELIJST)
    result = invoke(capsys, ["validate"], cwd=repo)
    assert result.code == 1
    assert (
        f"{regel:>5}:{kolom}  fout         agenda[1].stukken[1].bestand: het stuk "
        f"'{ACTIELIJST}' bestaat niet  [stuk]\n"
        f"{'':24}→ de uitnodiging is verstuurd: zet het stuk op die plek (naast data/) of "
        "verbeter het pad\n"
    ) in result.out
    doc = _bevindingen(capsys, repo)
    assert _over_stukken(doc) == [
        {
            "bestand": "data/vergaderingen/cco-2026-12-15.yaml",
            "regel": regel,
            "kolom": kolom,
            "veld": "agenda[1].stukken[1].bestand",
            "check": "stuk",
            "ernst": "fout",
            "bericht": f"het stuk '{ACTIELIJST}' bestaat niet",
            "hint": "de uitnodiging is verstuurd: zet het stuk op die plek (naast data/) of "
            "verbeter het pad",
        }
    ]
    # The same on GitHub: an annotation on that line.
    github = invoke(capsys, ["validate", "--format", "github"], cwd=repo)
    assert f"::error file=data/vergaderingen/cco-2026-12-15.yaml,line={regel},col={kolom}," in (
        github.out
    )


def test_a_missing_stuk_of_a_past_meeting_is_a_warning(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    gone = "stukken/cco-2026-11-17/05-energiescan.pdf"
    (repo / gone).unlink()
    regel, kolom = _plek(repo, VERLEDEN, gone)
    doc = _bevindingen(capsys, repo)
    assert doc["fouten"] == 0
    [finding] = _over_stukken(doc)
    assert (finding["regel"], finding["kolom"], finding["check"], finding["ernst"]) == (
        regel,
        kolom,
        "stuk-ontbreekt",
        "waarschuwing",
    )
    assert finding["bericht"] == f"het stuk '{gone}' bestaat niet"
    assert finding["hint"] == "zet het stuk voor het archief op die plek, of verbeter het pad"
    assert invoke(capsys, ["validate", "--streng"], cwd=repo).code == 1
    assert _over_stukken(_bevindingen(capsys, repo, "--skip", "stuk-ontbreekt")) == []


def test_a_path_out_of_the_repository_is_an_error_for_any_meeting(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    oud = "stukken/cco-2026-11-17/05-energiescan.pdf"
    _vervang(repo / VERLEDEN, f"bestand: {oud}", "bestand: ../../etc/passwd")
    regel, kolom = _plek(repo, VERLEDEN, "../../etc/passwd")
    [finding] = _over_stukken(_bevindingen(capsys, repo))
    assert finding == {
        "bestand": "data/vergaderingen/cco-2026-11-17.yaml",
        "regel": regel,
        "kolom": kolom,
        "veld": "agenda[4].stukken[0].bestand",
        "check": "stuk",
        "ernst": "fout",
        "bericht": "'../../etc/passwd' verwijst met '..' naar buiten de repository",
        "hint": "schrijf het pad vanaf de map die data/ bevat, bijv. "
        "stukken/<vergadering>/<nr>-<korte-naam>.pdf",
    }


def test_an_https_address_is_not_checked(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    _vervang(
        repo / VERGADERING, f"bestand: {ACTIELIJST}", "bestand: https://docs.example.org/al.pdf"
    )
    assert _over_stukken(_bevindingen(capsys, repo)) == []


def test_other_schemes_are_errors(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    _vervang(repo / VERGADERING, f"bestand: {ACTIELIJST}", "bestand: javascript:alert(1)")
    [finding] = _over_stukken(_bevindingen(capsys, repo))
    assert finding["check"] == "stuk"
    assert (
        finding["bericht"]
        == "'javascript:alert(1)' is geen pad in de repository en geen https-adres"
    )


def test_letter_case_must_match(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    """GitHub and a web server tell the names apart, even where the laptop does not."""
    _vervang(repo / VERGADERING, f"bestand: {ACTIELIJST}", f"bestand: {ACTIELIJST.upper()}")
    [finding] = _over_stukken(_bevindingen(capsys, repo))
    assert finding["check"] == "stuk"
    assert finding["bericht"] == f"het stuk '{ACTIELIJST.upper()}' bestaat niet"
    assert finding["hint"] == f"bedoelde u '{ACTIELIJST}'?"


def test_a_folder_is_no_stuk(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / ACTIELIJST).unlink()
    (repo / ACTIELIJST).mkdir()
    [finding] = _over_stukken(_bevindingen(capsys, repo))
    assert finding["bericht"] == f"'{ACTIELIJST}' is een map, geen bestand"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolische koppelingen")
def test_a_link_out_of_the_repository_is_an_error(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    buiten = tmp_path / "geheim.pdf"
    buiten.write_bytes(pdf(["geheim"]))
    (repo / ACTIELIJST).unlink()
    (repo / ACTIELIJST).symlink_to(buiten)
    [finding] = _over_stukken(_bevindingen(capsys, repo))
    assert (finding["check"], finding["bericht"]) == (
        "stuk",
        f"'{ACTIELIJST}' is een koppeling naar buiten de repository",
    )
    # A link inside the repository is a file like any other.
    (repo / ACTIELIJST).unlink()
    (repo / ACTIELIJST).symlink_to(
        repo / "stukken/cco-2026-12-15/02-concept-verslag-2026-11-17.pdf"
    )
    assert _over_stukken(_bevindingen(capsys, repo)) == []


def test_concept_cancelled_and_proposals(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    """A concept agenda and a submitted proposal warn; a cancelled meeting and a
    withdrawn proposal need no stukken."""
    (repo / ACTIELIJST).unlink()
    _vervang(repo / VERGADERING, "status: uitgenodigd", "status: concept")
    [finding] = _over_stukken(_bevindingen(capsys, repo))
    assert (finding["check"], finding["hint"]) == (
        "stuk-ontbreekt",
        "de agenda is nog een concept: zet het stuk klaar vóór de uitnodiging, of verbeter het pad",
    )
    _vervang(repo / VERGADERING, "status: concept", "status: geannuleerd")
    assert _over_stukken(_bevindingen(capsys, repo)) == []

    voorstel = repo / "data/agendavoorstellen/stuurgroep-evaluatie-waterakkoord.yaml"
    gone = "stukken/stuurgroep/opzet-evaluatie-waterakkoord.pdf"
    (repo / gone).unlink()
    [finding] = _over_stukken(_bevindingen(capsys, repo))
    assert (finding["bestand"], finding["veld"], finding["check"]) == (
        "data/agendavoorstellen/stuurgroep-evaluatie-waterakkoord.yaml",
        "stukken[0].bestand",
        "stuk-ontbreekt",
    )
    _vervang(voorstel, "status: ingediend", "status: ingetrokken")
    assert _over_stukken(_bevindingen(capsys, repo)) == []


def test_a_run_from_the_cache_looks_at_the_stukken_again(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """The outcome of validate is cached by the data files; a stuk lives outside them."""
    assert invoke(capsys, ["validate"], cwd=repo).code == 0
    assert invoke(capsys, ["validate"], cwd=repo).code == 0  # answered from the cache
    inhoud = (repo / ACTIELIJST).read_bytes()
    (repo / ACTIELIJST).unlink()
    gone = invoke(capsys, ["validate"], cwd=repo)
    assert gone.code == 1 and f"het stuk '{ACTIELIJST}' bestaat niet" in gone.out
    (repo / ACTIELIJST).write_bytes(inhoud)
    assert invoke(capsys, ["validate"], cwd=repo).code == 0


def test_a_write_is_not_refused_for_a_missing_stuk_it_did_not_cause(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """The write path refuses only new errors: a stuk that went missing after the last
    validate is an existing error, not one the command adds."""
    assert invoke(capsys, ["validate"], cwd=repo).code == 0
    (repo / ACTIELIJST).unlink()
    result = invoke(capsys, ["acties", "afronden", "cco-2026-04-07-1"], cwd=repo)
    assert result.code == 0, result.err


# --- links -------------------------------------------------------------------------------


def _links(markdown: str) -> list[tuple[str, str]]:
    """(href, text) of every link, as a CommonMark renderer with GitHub's tables sees them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found = []
    for token in tokens:
        children = token.children or []
        for i, child in enumerate(children):
            if child.type == "link_open":
                text = ""
                for nxt in children[i + 1 :]:
                    if nxt.type == "link_close":
                        break
                    text += nxt.content
                found.append((str(child.attrs["href"]), text))
    return found


def test_the_agenda_links_every_stuk_relatively(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = invoke(capsys, ["agenda", "render", "cco-2026-12-15"], cwd=repo)
    assert result.code == 0
    links = _links(result.out)
    assert ("stukken/cco-2026-12-15/02-actielijst.pdf", "Actielijst") in links
    assert (
        "stukken/cco-2026-12-15/05-energiescan-v2.pdf",
        "Projectvoorstel energiescan, aangepast",
    ) in links
    # Every one points at a file of the repository, from the repository root.
    for href, _ in links:
        assert (repo / href).is_file(), href


def test_links_from_a_document_in_a_folder_of_the_repository(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    (repo / "agendas").mkdir()
    doel = repo / "agendas" / "cco-2026-12-15.md"
    result = invoke(capsys, ["agenda", "render", "cco-2026-12-15", "-o", str(doel)], cwd=repo)
    assert result.code == 0, result.err
    links = _links(doel.read_text("utf-8"))
    assert ("../stukken/cco-2026-12-15/02-actielijst.pdf", "Actielijst") in links
    for href, _ in links:
        assert (doel.parent / href).resolve().is_file(), href
    # Outside the repository: from the repository root, as on standard output.
    buiten = tmp_path / "elders" / "agenda.md"
    buiten.parent.mkdir()
    assert (
        invoke(capsys, ["agenda", "render", "cco-2026-12-15", "-o", str(buiten)], cwd=repo).code
        == 0
    )
    assert ("stukken/cco-2026-12-15/02-actielijst.pdf", "Actielijst") in _links(
        buiten.read_text("utf-8")
    )


def test_titles_and_paths_are_escaped(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    titel = "Notitie [concept] (v2) *nieuw* <b>x</b>"
    pad = "stukken/cco-2026-12-15/05 notitie (v2) #1.pdf"
    _vervang(
        repo / VERGADERING,
        "      - titel: Actielijst\n",
        f"      - titel: '{titel}'\n        bestand: '{pad}'\n      - titel: Actielijst\n",
    )
    _vervang(
        repo / VERGADERING,
        "bestand: stukken/cco-2026-12-15/05-energiescan-v2.pdf",
        "bestand: 'https://docs.example.org/a(b)?x=1&amp;y=2'",
    )
    _vervang(repo / VERGADERING, f"bestand: {ACTIELIJST}", "bestand: 'javascript:alert(1)'")
    result = invoke(capsys, ["agenda", "render", "cco-2026-12-15"], cwd=repo)
    assert result.code == 0
    links = _links(result.out)
    assert (
        "stukken/cco-2026-12-15/05%20notitie%20%28v2%29%20%231.pdf",
        titel,
    ) in links
    assert (
        "https://docs.example.org/a%28b%29?x=1&amp;y=2",
        "Projectvoorstel energiescan, aangepast",
    ) in links
    # Never a link from a scheme in the data: the title, as text.
    html = MarkdownIt("commonmark").render(result.out)
    assert "javascript" not in html and "<li>Actielijst</li>" in html
    assert "<b>" not in html


def test_the_public_agenda_shows_no_confidential_stuk(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    geheim = "stukken/cco-2026-12-15/05-energiescan-v2.pdf"
    _vervang(
        repo / VERGADERING,
        f"bestand: {geheim}\n",
        f"bestand: {geheim}\n        vertrouwelijk: true\n",
    )
    intern = invoke(capsys, ["agenda", "render", "cco-2026-12-15"], cwd=repo)
    assert f"[Projectvoorstel energiescan, aangepast]({geheim}) (vertrouwelijk)" in intern.out
    publiek = invoke(capsys, ["agenda", "render", "cco-2026-12-15", "--openbaar"], cwd=repo)
    assert publiek.code == 0
    assert "Projectvoorstel energiescan, aangepast" not in publiek.out
    assert "05-energiescan-v2" not in publiek.out
    # The public stukken of the other items are linked.
    assert ("stukken/cco-2026-12-15/02-actielijst.pdf", "Actielijst") in _links(publiek.out)
    assert all(geheim not in href for href, _ in _links(publiek.out))


def test_kijker_compares_names_as_git_does(tmp_path: Path) -> None:
    """Letter case counts; a name in another Unicode normalisation is the same name."""
    map_ = tmp_path / "stukken" / "cco"
    map_.mkdir(parents=True)
    (map_ / "02-coo\u0308rdinatie.pdf").write_bytes(b"%PDF-")  # decomposed, as macOS may
    kijker = stukken.Kijker(tmp_path)
    assert kijker.toestand("stukken/cco/02-co\u00f6rdinatie.pdf") == stukken.BESTAAT
    assert kijker.toestand("stukken/CCO/02-co\u00f6rdinatie.pdf") == stukken.ONTBREEKT
    assert kijker.toestand("stukken/cco") == stukken.IS_MAP
    assert kijker.toestand("stukken/cco/02-co\u00f6rdinatie.pdf/x") == stukken.ONTBREEKT
    # What it saw: the folders it listed, by their time stamps.
    vinger = kijker.vingerafdruk()
    assert [rel for rel, _ in vinger[0]] == ["", "stukken", "stukken/cco"]
    assert stukken.ongewijzigd(tmp_path, vinger)
    (map_ / "03-nieuw.pdf").write_bytes(b"%PDF-")
    assert not stukken.ongewijzigd(tmp_path, vinger)
    shutil.rmtree(map_)
    assert stukken.Kijker(tmp_path).toestand("stukken/cco/x.pdf") == stukken.ONTBREEKT


def test_kijker_answers_from_what_it_saw_while_the_folders_are_as_they_were(
    tmp_path: Path,
) -> None:
    """Given what an earlier one saw, a path is answered without a listing while every
    folder its answer came from has its old stamp; a folder that changed is listed
    again, and only the paths below it are looked at anew."""
    for naam in ("cco", "mo"):
        (tmp_path / "stukken" / naam).mkdir(parents=True)
    (tmp_path / "stukken" / "cco" / "01-a.pdf").write_bytes(b"%PDF-")
    (tmp_path / "stukken" / "mo" / "01-b.pdf").write_bytes(b"%PDF-")
    paden = ["stukken/cco/01-a.pdf", "stukken/mo/01-b.pdf", "stukken/mo/02-c.pdf", "x/y.pdf"]
    eerste = stukken.Kijker(tmp_path)
    voor = [eerste.toestand(p) for p in paden]
    assert voor == [stukken.BESTAAT, stukken.BESTAAT, stukken.ONTBREEKT, stukken.ONTBREEKT]
    assert eerste.veranderd()

    tweede = stukken.Kijker(tmp_path, list(eerste.geheugen()))
    assert [tweede.toestand(p) for p in paden] == voor
    assert tweede.stempels == eerste.stempels  # what a cached outcome compares
    assert not tweede._mappen  # nothing listed
    assert not tweede.veranderd()

    (tmp_path / "stukken" / "mo" / "02-c.pdf").write_bytes(b"%PDF-")
    derde = stukken.Kijker(tmp_path, list(tweede.geheugen()))
    assert derde.toestand("stukken/mo/02-c.pdf") == stukken.BESTAAT
    assert derde.toestand("stukken/cco/01-a.pdf") == stukken.BESTAAT
    assert list(derde._mappen) == [
        str(tmp_path),
        str(tmp_path / "stukken"),
        str(tmp_path / "stukken" / "mo"),
    ]
    assert derde.veranderd()
    assert stukken.ongewijzigd(tmp_path, derde.vingerafdruk())

    # A folder that appears where none was: its parent changed, so it is looked at.
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "y.pdf").write_bytes(b"%PDF-")
    assert stukken.Kijker(tmp_path, list(derde.geheugen())).toestand("x/y.pdf") == stukken.BESTAAT
    # Only the paths asked for are remembered; damaged memory is no memory.
    stempels, *delen = derde.geheugen()
    onthouden = [pad for deel in delen for pad in deel]
    assert onthouden == ["stukken/cco/01-a.pdf", "stukken/mo/02-c.pdf"]
    assert set(stempels) == {"", "stukken", "stukken/cco", "stukken/mo"}
    assert stukken.Kijker(tmp_path, ["kapot"]).toestand(paden[0]) == stukken.BESTAAT


@pytest.mark.skipif(sys.platform == "win32", reason="symbolische koppelingen")
def test_a_cached_run_follows_links(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    """A stuk that is a link: its target may go without any listed folder changing."""
    doel = repo / "stukken" / "archief" / "actielijst.pdf"
    doel.parent.mkdir()
    (repo / ACTIELIJST).rename(doel)
    (repo / ACTIELIJST).symlink_to(doel)
    assert invoke(capsys, ["validate"], cwd=repo).code == 0
    assert invoke(capsys, ["validate"], cwd=repo).code == 0  # from the cache
    doel.unlink()
    result = invoke(capsys, ["validate"], cwd=repo)
    assert result.code == 1 and f"het stuk '{ACTIELIJST}' bestaat niet" in result.out
