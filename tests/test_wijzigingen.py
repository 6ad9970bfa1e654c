"""``waterketen wijzigingen`` and ``validate --gewijzigd`` on real git repositories."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE_DATA
from helpers import assert_golden, invoke
from waterketen_cli.analyse.wijzigingen import vergelijk, vergelijk_bestand
from waterketen_cli.git import Bestandsverschil, Commit
from waterketen_cli.soorten import SOORT_PER_MAP, SOORTEN


def edit(repo: Path, name: str, old: str, new: str) -> None:
    """Replace text that occurs exactly once in ``data/<name>``."""
    path = repo / "data" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(repo: Path, name: str, text: str) -> None:
    path = repo / "data" / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def commit(repo: Path, message: str, when: str, author: str = "Test Secretariaat") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_DATE": f"{when}T10:00:00+01:00",
        "GIT_COMMITTER_DATE": f"{when}T10:00:00+01:00",
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, check=True, env=env)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def without_hashes(text: str) -> str:
    return re.sub(r"\b[0-9a-f]{7}\b", "<commit>", text)


NIEUW_PROJECT = """\
id: regenwater-scholen
titel: Regenwater op schoolpleinen
doel: Schoolpleinen in Groningen vangen regenwater op en laten het infiltreren.
trekker: p-kuipers
clusters:
  - waterpas
themas:
  - klimaatadaptatie
status: idee
periode:
  begin: 2027-01-01
  eind: 2027-12-31
"""


def scripted_changes(repo: Path) -> None:
    """Three commits by three people, then work that is not committed."""
    git(repo, "tag", "start")
    # A coordinator updates the cluster programme and its measurements.
    edit(
        repo,
        "clusters/waterpas.yaml",
        "    status: gepland\n    eigenaar: p-nijboer\n    begin: 2027-01-01\n"
        "    eind: 2027-06-30\n    bijgewerkt: 2026-10-08",
        "    status: lopend\n    eigenaar: p-nijboer\n    begin: 2027-01-01\n"
        "    eind: 2027-06-30\n    bijgewerkt: 2026-12-01",
    )
    edit(
        repo,
        "clusters/waterpas.yaml",
        "programma:\n",
        "programma:\n  - id: groen-dak-subsidie\n    titel: Subsidie groene daken\n"
        "    thema: klimaatadaptatie\n    status: gepland\n    eigenaar: p-kuipers\n"
        "    bijgewerkt: 2026-12-01\n",
    )
    append(
        repo,
        "clusters/waterpas.yaml",
        "  - indicator: rioolheffing\n    peildatum: 2026-12-31\n    waarde: 255\n"
        "    bron: RIONED benchmark 2026\n",
    )
    commit(repo, "Programma Waterpas bijgewerkt", "2026-12-01", "Marieke Kuipers")
    # A project lead: a status, a budget line, a pledge, a new project.
    edit(
        repo, "projecten/regenwater-kop-van-drenthe.yaml", "status: voorstel", "status: goedgekeurd"
    )
    edit(
        repo,
        "projecten/regenwater-kop-van-drenthe.yaml",
        "  - partner: gemeente-assen\n    jaar: 2027\n    bedrag: 30000\n    status: aangevraagd",
        "  - partner: gemeente-assen\n    jaar: 2027\n    bedrag: 30000\n    status: toegezegd",
    )
    edit(
        repo,
        "projecten/afkoppelen-waterpas.yaml",
        "begroting:\n",
        "begroting:\n  - omschrijving: Afkoppelen schoolpleinen\n    jaar: 2027\n"
        "    bedrag: 100000\n",
    )
    (repo / "data" / "projecten" / "regenwater-scholen.yaml").write_text(
        NIEUW_PROJECT, encoding="utf-8"
    )
    commit(repo, "Projecten bijgewerkt", "2026-12-03", "Jan Nijboer")
    # The secretary after the meeting: an action done, the meeting held, a proposal gone.
    edit(
        repo,
        "acties/cco-2026-04-07-1.yaml",
        "status: open\n",
        "status: afgerond\nafgerond_op: 2026-12-15\n",
    )
    edit(repo, "vergaderingen/cco-2026-12-15.yaml", "status: uitgenodigd", "status: gehouden")
    append(
        repo,
        "vergaderingen/cco-2026-12-15.yaml",
        "besluiten:\n"
        "  - nummer: B-cco-2026-12-15-1\n    agendapunt: 5\n"
        "    tekst: Het CCO stemt in met het projectvoorstel.\n"
        "  - nummer: B-cco-2026-12-15-2\n    agendapunt: 6\n"
        "    tekst: Het CCO stelt de kennisdag uit tot het najaar.\n",
    )
    (repo / "data" / "agendavoorstellen" / "cco-kennisdag-klimaatadaptatie.yaml").unlink()
    commit(repo, "Vergadering 15 december verwerkt", "2026-12-16", "Lotte Smit")
    # Not committed: a team member, a comment, layout only, and a broken file.
    edit(repo, "projecten/omgevingsplan-water.yaml", "team:\n", "team:\n  - p-smit\n")
    append(repo, "projecten/drinkwaterbesparing.yaml", "# besproken met WMD\n")
    edit(repo, "organisaties/wmd.yaml", "partner: true", "partner:   true")
    append(repo, "personen/p-brink.yaml", "naam: [\n")


def test_golden_markdown_of_a_series_of_changes(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    scripted_changes(repo)
    result = invoke(capsys, ["wijzigingen", "--sinds", "start", "--format", "markdown"], cwd=repo)
    assert result.code == 0, result.err
    assert_golden("wijzigingen/reeks.md", without_hashes(result.out))
    out = result.out
    assert (
        "- actie cco-2026-04-07-1 afgerond op 15 december 2026 — Lotte Smit, 16 december 2026"
        in out
    )
    assert (
        "- cluster Waterpas — Marieke Kuipers, 1 december 2026\n"
        "  - activiteit 'Subsidie groene daken' toegevoegd (gepland)\n"
        "  - activiteit 'Verkenning warmte uit riool bij nieuwbouwwijken' status gepland → lopend, "
        "bijgewerkt 8 oktober 2026 → 1 december 2026\n"
        "  - meting rioolheffing 2026-12-31 toegevoegd (255)\n"
    ) in out
    assert (
        "- project afkoppelen-waterpas: begroting: regel 'Afkoppelen schoolpleinen' toegevoegd "
        "(2027, €\xa0100.000,00) — Jan Nijboer, 3 december 2026"
    ) in out
    assert (
        "- vergadering cco-2026-12-15: status uitgenodigd → gehouden; 2 besluiten toegevoegd "
        "(B-cco-2026-12-15-1, B-cco-2026-12-15-2) — Lotte Smit, 16 december 2026"
    ) in out
    assert "- project 'Regenwater op schoolpleinen' (regenwater-scholen) toegevoegd" in out
    assert (
        "regenwater-kop-van-drenthe: status voorstel → goedgekeurd; financiering: bijdrage" in out
    )
    assert (
        "- agendavoorstel 'Regionale kennisdag klimaatadaptatie voorjaar 2027' "
        "(cco-kennisdag-klimaatadaptatie) verwijderd — Lotte Smit, 16 december 2026"
    ) in out
    assert "- project omgevingsplan-water: team: p-smit toegevoegd — niet gecommit" in out
    assert "- project drinkwaterbesparing: alleen commentaar gewijzigd — niet gecommit" in out
    assert (
        "- bestand data/personen/p-brink.yaml is geen geldige YAML (niet te vergelijken) "
        "— niet gecommit"
    ) in out
    assert "wmd" not in out  # layout only: counted in the summary line
    assert "1 bestand alleen anders opgemaakt" in out.splitlines()[0]


def test_terminal_list(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    scripted_changes(repo)
    result = invoke(capsys, ["wijzigingen", "--sinds", "start"], cwd=repo)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Wijzigingen van start (")
    assert lines[0].endswith(
        "tot de werkmap: 10 wijzigingen: 1 toegevoegd, 1 verwijderd, 7 gewijzigd, "
        "1 niet te vergelijken; 1 bestand alleen anders opgemaakt."
    )
    assert "Westerkwartier" in lines
    assert (
        "    - actie cco-2026-04-07-1 afgerond op 15 december 2026  (Lotte Smit, 16 december 2026)"
        in lines
    )
    # Groups: clusters by name, the rest last.
    heads = [line for line in lines if line and not line.startswith(" ")][1:]
    assert heads == ["Kop van Drenthe", "Waterpas", "Westerkwartier", "Regio / overleggen"]


def test_json_structure(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    scripted_changes(repo)
    result = invoke(capsys, ["wijzigingen", "--sinds", "start", "--format", "json"], cwd=repo)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert isinstance(doc, list) and len(doc) == 10
    keys = {"soort", "id", "bestand", "cluster", "wat", "velden", "auteur", "datum"}
    assert all(keys <= set(w) for w in doc)
    actie = next(w for w in doc if w["id"] == "cco-2026-04-07-1")
    assert actie["soort"] == "actie" and actie["cluster"] == "westerkwartier"
    assert actie["bestand"] == "data/acties/cco-2026-04-07-1.yaml"
    assert actie["auteur"] == "Lotte Smit" and actie["datum"] == "2026-12-16"
    assert actie["velden"] == [
        {"pad": "status", "oud": "open", "nieuw": "afgerond"},
        {"pad": "afgerond_op", "oud": None, "nieuw": "2026-12-15"},
    ]
    cluster = next(w for w in doc if w["id"] == "waterpas")
    assert {"pad": "programma[warmte-uit-riool].status", "oud": "gepland", "nieuw": "lopend"} in (
        cluster["velden"]
    )
    team = next(w for w in doc if w["id"] == "omgevingsplan-water")
    assert team["auteur"] is None and team["datum"] is None
    # Sorted: kind in the usual order, then id.
    order = [s.naam for s in SOORTEN]
    keys = [(order.index(w["soort"]), w["id"]) for w in doc]
    assert keys == sorted(keys)


def test_since_a_branch_and_until_a_revision(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    git(repo, "checkout", "-qb", "voorstel")
    edit(repo, "projecten/energiescan-waterketen.yaml", "status: voorstel", "status: goedgekeurd")
    commit(repo, "energiescan goedgekeurd", "2026-12-02", "Jan Nijboer")
    edit(repo, "acties/cco-2026-11-17-1.yaml", "status: open", "status: vervallen")
    commit(repo, "actie vervallen", "2026-12-04", "Jan Nijboer")
    git(repo, "checkout", "-q", "main")
    # main moves on: the branch is compared from where it left main, as a pull request.
    edit(repo, "personen/p-smit.yaml", "naam: Lotte Smit", "naam: Lotte Smit-de Vries")
    commit(repo, "naam", "2026-12-05")

    out = invoke(capsys, ["wijzigingen", "--sinds", "main", "--tot", "voorstel"], cwd=repo).out
    assert "project energiescan-waterketen: status voorstel → goedgekeurd" in out
    assert "actie cco-2026-11-17-1 vervallen  (Jan Nijboer, 4 december 2026)" in out
    assert "p-smit" not in out
    assert out.startswith("Wijzigingen van het splitspunt met main (")

    out = invoke(capsys, ["wijzigingen", "--sinds", "main", "--tot", "voorstel~1"], cwd=repo).out
    assert "energiescan-waterketen" in out and "cco-2026-11-17-1" not in out

    git(repo, "checkout", "-q", "voorstel")
    out = invoke(capsys, ["wijzigingen", "--sinds", "voorstel~1"], cwd=repo).out
    assert "actie cco-2026-11-17-1 vervallen" in out and "energiescan" not in out


def test_since_a_date_and_a_body(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    edit(repo, "projecten/energiescan-waterketen.yaml", "status: voorstel", "status: goedgekeurd")
    commit(repo, "voor de vergadering", "2026-11-10")
    edit(repo, "projecten/riothermie-assen.yaml", "status: idee", "status: voorstel")
    commit(repo, "na de vergadering", "2026-11-20")

    by_date = invoke(capsys, ["wijzigingen", "--sinds", "2026-11-17"], cwd=repo).out
    assert by_date.startswith("Wijzigingen van 17 november 2026 (")
    assert "riothermie-assen: status idee → voorstel" in by_date
    assert "energiescan" not in by_date
    earlier = invoke(capsys, ["wijzigingen", "--sinds", "2026-11-01"], cwd=repo).out
    assert "energiescan" in earlier and "riothermie" in earlier

    # The cco's previous meeting (today is 27 November) was on 17 November.
    by_body = invoke(capsys, ["wijzigingen", "--sinds", "cco"], cwd=repo).out
    assert by_body.startswith("Wijzigingen van de vorige vergadering van cco, 17 november 2026 (")
    assert "riothermie-assen" in by_body and "energiescan" not in by_body
    by_meeting = invoke(capsys, ["wijzigingen", "--sinds", "cco-2026-11-17"], cwd=repo).out
    assert "riothermie-assen" in by_meeting and "energiescan" not in by_meeting


def test_nothing_changed(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["wijzigingen"], cwd=repo)
    assert result.code == 0
    assert result.out.endswith("tot de werkmap: geen wijzigingen in de records.\n")


def test_unknown_revision_is_wrong_usage(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["wijzigingen", "--sinds", "nergens"], cwd=repo)
    assert result.code == 2
    assert result.err.startswith("fout: onbekende revisie 'nergens'\n")
    assert result.out == ""
    result = invoke(capsys, ["wijzigingen", "--tot", "nergens"], cwd=repo)
    assert (result.code, result.err.splitlines()[0]) == (2, "fout: onbekende revisie 'nergens'")
    mistyped = invoke(capsys, ["wijzigingen", "--sinds", "stuurgoep"], cwd=repo)
    assert mistyped.err == "fout: onbekende revisie 'stuurgoep'\n  bedoelde u 'stuurgroep'?\n"


def test_outside_git_is_a_user_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_DATA, tmp_path / "data")
    result = invoke(capsys, ["--data", str(tmp_path / "data"), "wijzigingen"], cwd=tmp_path)
    assert result.code == 1
    assert result.err.startswith(
        f"fout: de gegevensmap {tmp_path / 'data'} ligt niet in een git-repository\n"
    )


# --- validate --gewijzigd -----------------------------------------------------------------


def test_validate_changed_files_in_full_and_references_everywhere(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    # A problem that was there before: a bad e-mail address in an unchanged file.
    edit(repo, "personen/p-wessels.yaml", "email: ", "email: geen-adres ")
    commit(repo, "oud probleem", "2026-11-01")
    git(repo, "tag", "basis")
    # The change: one broken file, and a person removed who is still referenced.
    edit(repo, "projecten/riothermie-assen.yaml", "status: idee", "status: misschien")
    (repo / "data" / "personen" / "p-haverkort.yaml").unlink()
    commit(repo, "wijziging", "2026-11-20")

    full = invoke(capsys, ["validate"], cwd=repo)
    assert "data/personen/p-wessels.yaml" in full.out

    result = invoke(capsys, ["validate", "--gewijzigd", "basis"], cwd=repo)
    assert result.code == 1
    assert "data/personen/p-wessels.yaml" not in result.out
    assert "data/projecten/riothermie-assen.yaml" in result.out
    assert "  fout         status: ongeldige waarde 'misschien'  [schema]" in result.out
    # The removed person is reported where the unchanged project still names him.
    assert "data/projecten/regenwater-kop-van-drenthe.yaml" in result.out
    assert (
        "11:10  fout         trekker: onbekende persoon 'p-haverkort'  [verwijzing]" in result.out
    )
    summary = result.out.splitlines()[-1]
    assert summary.startswith("1 gewijzigd bestand gecontroleerd, verwijzingen in de hele map: ")

    as_json = json.loads(
        invoke(capsys, ["validate", "--gewijzigd", "basis", "-f", "json"], cwd=repo).out
    )
    assert as_json["gewijzigde_bestanden"] == 1
    assert {f["bestand"] for f in as_json["bevindingen"] if f["ernst"] == "fout"} >= {
        "data/projecten/riothermie-assen.yaml",
        "data/projecten/regenwater-kop-van-drenthe.yaml",
    }
    github = invoke(capsys, ["validate", "--gewijzigd", "basis", "-f", "github"], cwd=repo).out
    assert "::error file=data/projecten/riothermie-assen.yaml," in github
    assert "p-wessels" not in github


def test_validate_changed_includes_uncommitted_work(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    clean = invoke(capsys, ["validate", "--gewijzigd", "HEAD"], cwd=repo)
    assert clean.code == 0
    assert (
        "0 gewijzigde bestanden gecontroleerd, verwijzingen in de hele map: 0 fouten" in clean.out
    )
    (repo / "data" / "acties" / "nieuw-1.yaml").write_text("id: nieuw-1\n", encoding="utf-8")
    result = invoke(capsys, ["validate", "--gewijzigd", "HEAD"], cwd=repo)
    assert result.code == 1
    assert "data/acties/nieuw-1.yaml" in result.out


def test_validate_changed_unknown_revision(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = invoke(capsys, ["validate", "--gewijzigd", "nergens"], cwd=repo)
    assert result.code == 2
    assert result.err == (
        "fout: onbekende revisie 'nergens'\n"
        "  geef een commit, tak of tag (bijv. main, origin/main of HEAD~1)\n"
    )


# --- the overview marks what really changed --------------------------------------------------


def test_overview_marks_changed_activities_not_layout(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    # An activity's status changes without its 'bijgewerkt' date; a project is only
    # laid out differently.
    edit(
        repo,
        "clusters/waterpas.yaml",
        "    status: gepland\n    eigenaar: p-nijboer",
        "    status: lopend\n    eigenaar: p-nijboer",
    )
    edit(repo, "projecten/omgevingsplan-water.yaml", "status: lopend", "status:   lopend")
    commit(repo, "wijziging", "2026-11-20")
    out = invoke(capsys, ["overzicht", "--sinds", "2026-11-17", "--markdown"], cwd=repo).out
    marked = " ".join(line for line in out.splitlines() if line.startswith("| ✱ |"))
    assert "Verkenning warmte uit riool bij nieuwbouwwijken" in marked
    assert "Regels voor hemelwater in het omgevingsplan" not in marked


# --- the core, on bytes -------------------------------------------------------------------

COMMIT = Commit("0" * 40, "Test", dt.date(2026, 12, 1))


def change(name: str, old: str | None, new: str | None) -> str | None:
    verschil = Bestandsverschil(
        f"data/{name}",
        old.encode() if old is not None else None,
        new.encode() if new is not None else None,
        COMMIT,
    )
    w = vergelijk_bestand(SOORT_PER_MAP[name.split("/")[0]].naam, verschil)
    return None if w is None else w.wat


PROJECT = """\
id: p
titel: P
doel: Doel
trekker: p-a
team: [p-a, p-b]
themas: [klimaatadaptatie]
status: idee
periode: {begin: 2027-01-01, eind: 2027-12-31}
financiering:
  - {partner: wmd, jaar: 2027, bedrag: 1000, status: aangevraagd}
"""


def test_core_phrases() -> None:
    assert (
        change("projecten/p.yaml", PROJECT, PROJECT.replace("team: [p-a, p-b]", "team: [p-b, p-a]"))
        is None
    )
    assert change("projecten/p.yaml", PROJECT, "# opmerking\n" + PROJECT) == (
        "project p: alleen commentaar gewijzigd"
    )
    assert change(
        "projecten/p.yaml", PROJECT, PROJECT.replace("eind: 2027-12-31", "eind: 2028-06-30")
    ) == ("project p: periode eind 31 december 2027 → 30 juni 2028")
    assert (
        change(
            "projecten/p.yaml",
            PROJECT,
            PROJECT.replace("bedrag: 1000, status: aangevraagd", "bedrag: 1250.5"),
        )
        == "project p: financiering: bijdrage wmd 2027 bedrag €\xa01.000,00 → €\xa01.250,50, "
        "status verwijderd (was aangevraagd)"
    )
    assert change(
        "projecten/p.yaml", PROJECT, PROJECT.replace("titel: P", "titel: Nieuwe naam")
    ) == ("project p: titel P → 'Nieuwe naam'")
    assert change("projecten/p.yaml", PROJECT, PROJECT + "aanpak: In stappen\n") == (
        "project p: aanpak ingevuld ('In stappen')"
    )
    assert change("projecten/p.yaml", PROJECT, None) == "project 'P' (p) verwijderd"
    assert change("projecten/p.yaml", "id: [", PROJECT) == (
        "bestand data/projecten/p.yaml was geen geldige YAML (niet te vergelijken)"
    )
    actie = (
        "id: a\nomschrijving: Doen\nactiehouder: p-a\ndeadline: 2026-12-01\n"
        "status: afgerond\nafgerond_op: 2026-11-30\n"
    )
    heropend = actie.replace("status: afgerond\nafgerond_op: 2026-11-30\n", "status: open\n")
    assert change("acties/a.yaml", actie, heropend) == "actie a heropend"
    assert change("acties/a.yaml", None, heropend) == (
        "actie a toegevoegd: Doen (p-a, deadline 1 december 2026)"
    )
    overleg = "id: o\nleden:\n  - {persoon: p-a, rol: lid}\n"
    assert change(
        "overleggen/o.yaml", overleg, overleg + "  - {persoon: p-b, rol: voorzitter}\n"
    ) == ("overleg o: lid p-b toegevoegd (voorzitter)")
    agenda = "id: o\nagenda:\n  - {titel: A}\n  - {titel: B}\n"
    swapped = "id: o\nagenda:\n  - {titel: B}\n  - {titel: A}\n"
    assert change("overleggen/o.yaml", agenda, swapped) == "overleg o: agenda: volgorde gewijzigd"


def test_core_groups_projects_of_two_clusters_under_both() -> None:
    project = PROJECT + "clusters: [waterpas, westerkwartier]\n"
    result = vergelijk(
        [Bestandsverschil("data/projecten/p.yaml", None, project.encode(), None)],
        {"waterpas": "Waterpas", "westerkwartier": "Westerkwartier"},
    )
    assert [g.titel for g in result.groepen()] == ["Waterpas", "Westerkwartier"]
    assert result.samenvatting() == "1 wijziging: 1 toegevoegd"


def test_a_hash_inside_a_value_is_no_comment() -> None:
    """Only real comments count as 'commentaar gewijzigd': a '#' inside a (quoted or
    wrapped) value is text."""
    from waterketen_cli.analyse.wijzigingen import _commentaar

    found = _commentaar(
        b'id: x\ntitel: "# kop"\nomschrijving: >-\n  regel een\n  # geen commentaar\n'
        b"# echt commentaar\nnaam: a  # aan het eind\n"
    )
    assert found == {"# echt commentaar": 1, "# aan het eind": 1}


def test_changed_files_by_plain_git_as_by_gitpython(tmp_path: Path) -> None:
    """`validate --gewijzigd` asks plain git (fast); the answer is what GitPython's
    `Repository.changed_files` gives: from where a branch left, committed and not,
    untracked files too, with the data folder deeper in the repository."""
    from waterketen_cli import git as wk_git

    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    data = root / "regio" / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "begin")
    git(root, "switch", "-q", "-c", "voorstel")
    (data / "projecten" / "riothermie-assen.yaml").write_text("id: x\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "op de tak")
    git(root, "switch", "-q", "main")
    (data / "acties" / "nieuw.yaml").write_text("id: nieuw\n", encoding="utf-8")  # on main
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "op main")
    git(root, "switch", "-q", "voorstel")
    (data / "personen" / "p-wessels.yaml").write_text("id: p\n", encoding="utf-8")
    (data / "clusters" / "los.yaml").write_text("id: los\n", encoding="utf-8")  # untracked
    (root / "buiten.yaml").write_text("x: 1\n", encoding="utf-8")  # not in the data folder

    for rev in ("main", "HEAD", "HEAD~1"):
        plain = wk_git._changed_files_plain(data, rev)
        with wk_git.Repository(data) as repo:
            assert plain == repo.changed_files(rev), rev
    assert wk_git.changed_files(data, "main") == {
        "data/projecten/riothermie-assen.yaml",
        "data/personen/p-wessels.yaml",
        "data/clusters/los.yaml",
    }
    assert wk_git._changed_files_plain(data, "bestaat-niet") is None
    assert wk_git._changed_files_plain(tmp_path, "HEAD") is None  # no repository

    # Staged and then changed again in the working tree: back as it was, changed further,
    # staged as new and then removed. Only the working tree counts.
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "alles")
    terug = data / "acties" / "cco-2026-01-13-1.yaml"
    verder = data / "organisaties" / "gemeente-assen.yaml"
    weg = data / "clusters" / "weg.yaml"
    oud = terug.read_bytes()
    terug.write_bytes(oud + b"# even\n")
    verder.write_bytes(verder.read_bytes() + b"# een\n")
    weg.write_text("id: weg\n", encoding="utf-8")
    git(root, "add", "-A")
    terug.write_bytes(oud)
    verder.write_bytes(verder.read_bytes() + b"# twee\n")
    weg.unlink()
    plain = wk_git._changed_files_plain(data, "HEAD")
    with wk_git.Repository(data) as repo:
        assert plain == repo.changed_files("HEAD")
    assert plain == {"data/organisaties/gemeente-assen.yaml"}
