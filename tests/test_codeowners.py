"""``waterketen codeowners``: review routing from the records, and its check for CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_DATA
from helpers import GOLDEN, assert_golden, invoke
from waterketen_cli import codeowners
from waterketen_cli.records.dataset import load


def _yaml(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _records(data: Path, folder: str) -> dict[str, dict[str, object]]:
    return {p.stem: _yaml(p) for p in sorted((data / folder).glob("*.yaml"))}


def _rules(text: str) -> list[tuple[str, list[str]]]:
    rules = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def _owners_of(rules: list[tuple[str, list[str]]], path: str) -> list[str]:
    """As GitHub and GitLab read the file: the last matching line wins; ``*`` does not
    cross a ``/``; a pattern with a ``/`` in front is anchored at the root."""
    found: list[str] = []
    for pattern, owners in rules:
        if pattern == "*":
            found = owners
            continue
        regex = "".join("[^/]*" if c == "*" else re.escape(c) for c in pattern.lstrip("/"))
        if re.fullmatch(regex, path):
            found = owners
    return found


def _expected_owners(data: Path) -> dict[str, list[str]]:
    """Every record's reviewers, from the YAML alone (not from the code under test)."""
    personen = _records(data, "personen")
    clusters = _records(data, "clusters")
    overleggen = _records(data, "overleggen")
    vergaderingen = _records(data, "vergaderingen")

    def account(persoon: object) -> str | None:
        value = personen.get(str(persoon), {}).get("forge_account")
        return f"@{str(value).lstrip('@')}" if value else None

    cco = next(o for o in overleggen.values() if o["soort"] == "clustercoordinatorenoverleg")
    default = [a for a in [account(cco["secretaris"])] if a]

    def owners(*people: object) -> list[str]:
        found = list(dict.fromkeys(a for a in map(account, people) if a))
        return found or default

    secretaris = {i: owners(o["secretaris"]) for i, o in overleggen.items()}
    expected = {f"data/overleggen/{i}.yaml": secretaris[i] for i in overleggen}
    for i, v in vergaderingen.items():
        expected[f"data/vergaderingen/{i}.yaml"] = secretaris[str(v["overleg"])]
    for i, a in _records(data, "acties").items():
        overleg = vergaderingen[str(a["vergadering"])]["overleg"] if "vergadering" in a else None
        expected[f"data/acties/{i}.yaml"] = secretaris.get(str(overleg), default)
    for i, v in _records(data, "agendavoorstellen").items():
        expected[f"data/agendavoorstellen/{i}.yaml"] = secretaris[str(v["overleg"])]
    for i, c in clusters.items():
        expected[f"data/clusters/{i}.yaml"] = owners(c["coordinator"])
    for i, p in _records(data, "projecten").items():
        others = (
            [cco["secretaris"]]
            if p.get("regionaal")
            else [clusters[str(c)]["coordinator"] for c in p["clusters"]]  # type: ignore[attr-defined]
        )
        expected[f"data/projecten/{i}.yaml"] = owners(p["trekker"], *others)
    for folder in ("regio", "organisaties", "personen"):
        for path in (data / folder).glob("*.yaml"):
            expected[f"data/{folder}/{path.name}"] = default
    return expected


def test_codeowners_on_the_example_data(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, ["codeowners"], cwd=repo)
    assert result.code == 0
    text = (repo / "CODEOWNERS").read_text(encoding="utf-8")
    assert_golden("codeowners/CODEOWNERS", text)
    assert result.out == "Geschreven: CODEOWNERS (52 regels).\n"
    assert len(_rules(text)) == 52

    # Every record goes to the people the cooperation's rules name, read from the YAML.
    rules = _rules(text)
    for path, owners in _expected_owners(repo / "data").items():
        assert _owners_of(rules, path) == owners, path
    # And so do files a pull request adds, by their names.
    assert _owners_of(rules, "data/acties/waterteam-waterpas-2027-01-12-1.yaml") == ["@bnijboer"]
    assert _owners_of(rules, "data/vergaderingen/stuurgroep-2027-03-11.yaml") == ["@ewiersma"]
    assert _owners_of(rules, "data/agendavoorstellen/themabijeenkomst-x.yaml") == ["@lsmit"]
    assert _owners_of(rules, ".github/workflows/waterketen.yml") == ["@ewiersma"]


def test_only_syntax_both_forges_accept() -> None:
    """GitHub ignores a line with '[ ]', '!' or '\\'; GitLab reads '[' at the start of a
    line as a section. Only paths, '*', and @owners are used."""
    text = (GOLDEN / "codeowners" / "CODEOWNERS").read_text(encoding="utf-8")
    owner = re.compile(r"^@[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$")
    for pattern, owners in _rules(text):
        assert re.fullmatch(r"\*|/[a-z0-9/._*-]+", pattern), pattern
        assert owners and all(owner.match(o) for o in owners), owners
    assert codeowners.is_generated(text)


def test_missing_forge_accounts_are_named_with_their_roles(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = invoke(capsys, ["codeowners"], cwd=repo)
    assert result.code == 0
    # Independently: the people the rules name who have no forge_account.
    data = repo / "data"
    personen = _records(data, "personen")
    named = {str(p["trekker"]) for p in _records(data, "projecten").values()}
    named |= {str(c["coordinator"]) for c in _records(data, "clusters").values()}
    named |= {str(o["secretaris"]) for o in _records(data, "overleggen").values()}
    missing = sorted(p for p in named if not personen[p].get("forge_account"))
    assert missing == ["p-eising", "p-haverkort", "p-huizinga", "p-lubbers", "p-wolters"]
    assert result.err == (
        "let op: 5 personen zonder forge_account; hun deel gaat naar de anderen op dezelfde "
        "regel, of naar de standaardeigenaar:\n"
        "  p-eising: trekker van project storingsdienst-gemalen-oost-groningen\n"
        "  p-haverkort: trekker van project regenwater-kop-van-drenthe\n"
        "  p-huizinga: trekker van project aanbesteding-reiniging-inspectie\n"
        "  p-lubbers: trekker van project drinkwaterbesparing\n"
        "  p-wolters: trekker van project energiescan-waterketen\n"
        "  zet 'forge_account: GEBRUIKERSNAAM' in hun record in data/personen/ en maak "
        "CODEOWNERS opnieuw\n"
    )
    warned = re.findall(r"^  (p-[a-z-]+): ", result.err, re.M)
    assert warned == missing


def test_a_secretary_without_account_falls_back_to_the_default_owner(repo: Path) -> None:
    persoon = repo / "data" / "personen" / "p-nijboer.yaml"
    persoon.write_text(
        persoon.read_text(encoding="utf-8").replace("forge_account: bnijboer\n", ""),
        encoding="utf-8",
    )
    result = codeowners.build(load(repo / "data", codeowners.SOORTEN), "/data")
    rules = dict(_rules(result.tekst))
    assert rules["/data/overleggen/waterteam-waterpas.yaml"] == ["@ewiersma"]
    assert rules["/data/acties/waterteam-waterpas-*.yaml"] == ["@ewiersma"]
    # A project keeps the reviewers it still has; the default steps in only for none.
    assert rules["/data/projecten/afkoppelen-waterpas.yaml"] == ["@mkuipers"]
    nijboer = next(o for o in result.ontbrekend if o.persoon == "p-nijboer")
    assert nijboer.rollen == (
        "secretaris van waterteam-waterpas",
        "trekker van project afkoppelen-waterpas",
    )


def test_a_record_named_off_scheme_gets_its_own_line(repo: Path) -> None:
    actie = (EXAMPLE_DATA / "acties" / "waterteam-waterpas-2026-10-08-1.yaml").read_text(
        encoding="utf-8"
    )
    (repo / "data" / "acties" / "losse-actie.yaml").write_text(
        actie.replace("id: waterteam-waterpas-2026-10-08-1", "id: losse-actie"), encoding="utf-8"
    )
    result = codeowners.build(load(repo / "data", codeowners.SOORTEN), "/data")
    rules = _rules(result.tekst)
    assert ("/data/acties/losse-actie.yaml", ["@bnijboer"]) in rules
    assert _owners_of(rules, "data/acties/losse-actie.yaml") == ["@bnijboer"]


def test_check_fails_after_a_change_and_passes_after_rewriting(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = invoke(capsys, ["codeowners", "--check"], cwd=repo)
    assert missing.code == 1
    assert missing.err.endswith(
        "fout: CODEOWNERS ontbreekt\n  maak het met 'waterketen codeowners' en commit het\n"
    )
    assert invoke(capsys, ["codeowners"], cwd=repo).code == 0
    fresh = invoke(capsys, ["codeowners", "--check"], cwd=repo)
    assert (fresh.code, fresh.out) == (0, "CODEOWNERS past bij de gegevens.\n")

    cluster = repo / "data" / "clusters" / "waterpas.yaml"
    cluster.write_text(
        cluster.read_text(encoding="utf-8").replace(
            "coordinator: p-kuipers", "coordinator: p-brink"
        ),
        encoding="utf-8",
    )
    before = (repo / "CODEOWNERS").read_bytes()
    stale = invoke(capsys, ["codeowners", "--check"], cwd=repo)
    assert stale.code == 1
    assert stale.err.endswith(
        "fout: CODEOWNERS past niet bij de gegevens\n"
        "  maak het opnieuw met 'waterketen codeowners' en commit het\n"
    )
    assert "-/data/clusters/waterpas.yaml                                @mkuipers\n" in stale.out
    assert "+/data/clusters/waterpas.yaml                                @ibrink\n" in stale.out
    assert (repo / "CODEOWNERS").read_bytes() == before  # --check writes nothing

    assert invoke(capsys, ["codeowners"], cwd=repo).code == 0
    assert invoke(capsys, ["codeowners", "--check"], cwd=repo).code == 0


def test_a_handwritten_codeowners_is_not_overwritten(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "CODEOWNERS").write_text("* @iemand\n", encoding="utf-8")
    result = invoke(capsys, ["codeowners"], cwd=repo)
    assert result.code == 2
    assert result.err.endswith(
        "fout: CODEOWNERS is niet door waterketen gemaakt en wordt niet overschreven\n"
        "  gebruik --overschrijf om het te vervangen, of kies een ander bestand met --uitvoer\n"
    )
    assert (repo / "CODEOWNERS").read_text(encoding="utf-8") == "* @iemand\n"

    result = invoke(capsys, ["codeowners", "--overschrijf"], cwd=repo)
    assert result.code == 0
    assert (repo / "CODEOWNERS").read_text(encoding="utf-8") == (
        GOLDEN / "codeowners" / "CODEOWNERS"
    ).read_text(encoding="utf-8")


def test_to_the_screen_and_elsewhere(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    screen = invoke(capsys, ["codeowners", "--uitvoer", "-"], cwd=repo)
    assert screen.code == 0
    assert screen.out == (GOLDEN / "codeowners" / "CODEOWNERS").read_text(encoding="utf-8")
    assert not (repo / "CODEOWNERS").exists()

    (repo / ".github").mkdir()
    result = invoke(capsys, ["codeowners", "-o", ".github/CODEOWNERS"], cwd=repo)
    assert (result.code, result.out) == (0, "Geschreven: .github/CODEOWNERS (52 regels).\n")
    # Paths start at the repository root, wherever the file is.
    assert "/data/clusters/waterpas.yaml" in (repo / ".github" / "CODEOWNERS").read_text()

    misuse = invoke(capsys, ["codeowners", "--check", "-o", "-"], cwd=repo)
    assert misuse.code == 2
    assert misuse.err.startswith("fout: --check vergelijkt met een bestand, niet met het scherm\n")


def test_without_the_default_owner_lines_without_owners_are_left_out(repo: Path) -> None:
    persoon = repo / "data" / "personen" / "p-wiersma.yaml"
    persoon.write_text(
        persoon.read_text(encoding="utf-8").replace("forge_account: ewiersma\n", ""),
        encoding="utf-8",
    )
    result = codeowners.build(load(repo / "data", codeowners.SOORTEN), "/data")
    rules = dict(_rules(result.tekst))
    assert result.standaard == ()
    assert "*" not in rules
    assert "/data/overleggen/cco.yaml" not in rules
    assert "/data/projecten/prestatiemonitor-3kd.yaml" not in rules
    assert rules["/data/projecten/omgevingsplan-water.yaml"] == ["@mkuipers"]
    wiersma = next(o for o in result.ontbrekend if o.persoon == "p-wiersma")
    assert wiersma.rollen == (
        "secretaris van het clustercoördinatorenoverleg",
        "secretaris van cco en stuurgroep",
        "waterregisseur bij project drinkwaterbesparing, energiescan-waterketen, "
        "kennisplatform-waterketen, omgevingsplan-water, prestatiemonitor-3kd en "
        "stresstesten-en-risicodialogen",
        "trekker van project prestatiemonitor-3kd",
    )
