"""``waterketen init``: a new data repository, its CI, and the project's pre-commit hooks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_DATA, ROOT
from helpers import assert_golden, invoke
from waterketen_cli import init as core
from waterketen_cli.soorten import SOORTEN

BIN = Path(sys.executable).parent
REGIO = "Waterketen Rivierenland"

#: The files init writes (besides the schemas and .gitkeep), by their golden name.
GOLDEN = {
    "README.md": "README.md",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/waterketen.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    "CODEOWNERS": "CODEOWNERS",
    "data/regio/waterketen-rivierenland.yaml": "regio.yaml",
}


@pytest.fixture(autouse=True)
def _not_from_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default source is the placeholder, however this waterketen was installed."""
    monkeypatch.setattr(core, "installed_source", lambda: None)


def _git(folder: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True)
    return result.stdout


def _init(capsys: pytest.CaptureFixture[str], cwd: Path, *args: str) -> Path:
    result = invoke(capsys, ["init", "rivierenland", "--regio", REGIO, *args], cwd=cwd)
    assert result.code == 0, result.err
    return cwd / "rivierenland"


def test_init_writes_the_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, ["init", "rivierenland", "--regio", REGIO], cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err == ""
    assert_golden("init/uitvoer.txt", result.out)
    target = tmp_path / "rivierenland"
    for name, golden in GOLDEN.items():
        assert_golden(f"init/{golden}", (target / name).read_text(encoding="utf-8"))
    for soort in SOORTEN:
        assert (target / "data" / soort.map / ".gitkeep").read_bytes() == b""
        assert (target / "schemas" / soort.schema_bestand).read_bytes() == (
            ROOT / "schemas" / soort.schema_bestand
        ).read_bytes()

    # A repository on main, nothing committed: the secretary fills in and commits.
    assert _git(target, "symbolic-ref", "HEAD") == "refs/heads/main\n"
    assert _git(target, "rev-list", "--all") == ""
    untracked = _git(target, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert len(untracked) == len(GOLDEN) + 2 * len(SOORTEN)


def test_validate_after_init_lists_what_to_fill_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _init(capsys, tmp_path)
    result = invoke(capsys, ["validate", "--format", "json"], cwd=target)
    assert result.code == 1
    findings = json.loads(result.out)["bevindingen"]
    assert [(f["check"], f["veld"] or "") for f in findings] == list(core.VERWACHT)
    assert [(f["bestand"], f["regel"], f["bericht"]) for f in findings] == [
        ("data/overleggen", None, "er is geen clustercoördinatorenoverleg"),
        ("data/regio/waterketen-rivierenland.yaml", 10, "is leeg"),
        ("data/regio/waterketen-rivierenland.yaml", 11, "is leeg"),
        ("data/regio/waterketen-rivierenland.yaml", 12, "is leeg"),
    ]

    # Filled in, only the body is left; CODEOWNERS and the schemas are current.
    regio = target / "data" / "regio" / "waterketen-rivierenland.yaml"
    regio.write_text(
        regio.read_text(encoding="utf-8").replace(
            "  naam:\n  begin:\n  eind:\n",
            "  naam: Samen aan de slag\n  begin: 2026-01-01\n  eind: 2029-12-31\n",
        ),
        encoding="utf-8",
    )
    result = invoke(capsys, ["validate", "--format", "json"], cwd=target)
    assert [f["check"] for f in json.loads(result.out)["bevindingen"]] == ["coordinator"]
    assert invoke(capsys, ["codeowners", "--check"], cwd=target).code == 0
    assert invoke(capsys, ["schema", "--check"], cwd=target).code == 0


def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "bestaand"
    target.mkdir()
    (target / "notities.txt").write_text("van mij\n", encoding="utf-8")
    result = invoke(capsys, ["init", "bestaand"], cwd=tmp_path)
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        "fout: bestaand is niet leeg; er is niets geschreven\n"
        "  kies een nieuwe of lege map: init vult alleen een map waarin nog niets staat\n"
    )
    assert [p.name for p in target.iterdir()] == ["notities.txt"]


def test_init_in_the_current_empty_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "waterketen-de-kempen"
    target.mkdir()
    result = invoke(capsys, ["init", "."], cwd=target)
    assert result.code == 0, result.err
    assert (target / "data" / "regio" / "waterketen-de-kempen.yaml").read_text(
        encoding="utf-8"
    ).splitlines()[4:6] == ["id: waterketen-de-kempen", "naam: Waterketen de kempen"]
    assert (target / ".git").is_dir()


def test_a_failure_leaves_nothing_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from waterketen_cli.records import transactie

    prepare = transactie._prepare
    written: list[Path] = []

    def disk_full_at_the_fifth_file(b: transactie.Bestand, *args: object) -> None:
        if len(written) == 4:
            raise OSError(28, "No space left on device", str(b.doel))
        written.append(b.doel)
        prepare(b, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(transactie, "_prepare", disk_full_at_the_fifth_file)
    result = invoke(capsys, ["init", "nieuw"], cwd=tmp_path)
    assert result.code == 1
    assert result.err.startswith("fout: nieuw kon niet worden gevuld: de schijf is vol: nieuw/")
    assert result.err.endswith(" kan niet worden geschreven; er is niets achtergelaten\n")
    assert not (tmp_path / "nieuw").exists()

    (tmp_path / "leeg").mkdir()
    assert invoke(capsys, ["init", "leeg"], cwd=tmp_path).code == 1
    assert list((tmp_path / "leeg").iterdir()) == []


def test_bad_source_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(
        capsys, ["init", "x", "--bron", "https://a.example/w.git", "--versie", "-x"], cwd=tmp_path
    )
    assert result.code == 2
    assert result.err == (
        "fout: --versie: '-x' is geen tag of commit\n  bijv. v0.1.0 of een commit-hash\n"
    )
    assert not (tmp_path / "x").exists()


def test_the_source_of_this_installation() -> None:
    git = json.dumps(
        {
            "url": "https://github.com/voorbeeld/waterketen",
            "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567"},
        }
    )
    source = core.source_from_direct_url(git)
    assert source == core.Bron(
        "https://github.com/voorbeeld/waterketen", "0123456789abcdef0123456789abcdef01234567"
    )
    assert source.pip == (
        "waterketen @ git+https://github.com/voorbeeld/waterketen"
        "@0123456789abcdef0123456789abcdef01234567"
    )
    editable = json.dumps({"url": "file:///work/waterketen", "dir_info": {"editable": True}})
    assert core.source_from_direct_url(editable) is None
    assert core.source_from_direct_url("geen json") is None
    scp = core.Bron("git@gitlab.com:voorbeeld/waterketen.git", "v0.1.0")
    assert scp.pip == "waterketen @ git+ssh://git@gitlab.com/voorbeeld/waterketen.git@v0.1.0"


# --- the generated CI and pre-commit files, checked by their own tools ---------------


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("schema", "bestand"),
    [
        ("vendor.github-workflows", ".github/workflows/waterketen.yml"),
        ("vendor.gitlab-ci", ".gitlab-ci.yml"),
    ],
)
def test_workflows_pass_the_workflow_schemas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], schema: str, bestand: str
) -> None:
    """check-jsonschema's vendored schemas for GitHub Actions and GitLab CI (offline)."""
    target = _init(capsys, tmp_path)
    result = _run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(target / bestand))
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_run_the_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    target = _init(capsys, tmp_path)
    github = yaml.safe_load((target / ".github/workflows/waterketen.yml").read_text())
    steps = github["jobs"]["controleren"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    for command in (
        'pip install --quiet "$WATERKETEN_BRON"',
        "waterketen validate --format github",
        "waterketen fmt --check",
        "waterketen codeowners --check",
        'waterketen wijzigingen --sinds "origin/$BASIS" --format markdown',
        "gh pr comment",
    ):
        assert command in runs, command
    assert steps[0]["with"] == {"fetch-depth": 0}
    assert github["jobs"]["controleren"]["permissions"]["pull-requests"] == "write"
    assert github["env"]["WATERKETEN_BRON"] == (
        "waterketen @ git+https://git.example.org/waterketen/waterketen.git@v0.1.0"
    )
    # YAML 1.1 reads 'on' as True. Every night too: the website depends on the day.
    assert set(github[True]) == {"pull_request", "push", "schedule", "workflow_dispatch"}

    gitlab = yaml.safe_load((target / ".gitlab-ci.yml").read_text())
    scripts = {job: "\n".join(gitlab[job]["script"]) for job in ("validate", "fmt", "codeowners")}
    assert "waterketen validate" in scripts["validate"]
    assert (
        gitlab["validate"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    )
    assert scripts["fmt"] == "waterketen fmt --check"
    assert scripts["codeowners"] == "waterketen codeowners --check"
    assert "WATERKETEN_GITLAB_TOKEN" in "\n".join(gitlab["wijzigingen"]["script"])


def test_workflows_build_and_publish_the_website(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the checks, on main: GitHub Pages (the artifact, then the deployment with
    its own permissions) and GitLab Pages (a job 'pages' with public/)."""
    import yaml

    target = _init(capsys, tmp_path)
    github = yaml.safe_load((target / ".github/workflows/waterketen.yml").read_text())
    bouwen, publiceren = github["jobs"]["website"], github["jobs"]["publiceren"]
    assert bouwen["needs"] == "controleren"
    assert "refs/heads/main" in bouwen["if"] and "pull_request" in bouwen["if"]
    assert bouwen["permissions"] == {"contents": "read"}
    runs = "\n".join(step.get("run", "") for step in bouwen["steps"])
    assert "waterketen site --uitvoer _site" in runs
    assert bouwen["steps"][0]["with"] == {"fetch-depth": 0}  # the calendar's history
    upload = next(s for s in bouwen["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"] == {"path": "_site"}
    assert publiceren["needs"] == "website"
    assert publiceren["permissions"] == {"pages": "write", "id-token": "write"}
    assert publiceren["environment"]["name"] == "github-pages"
    assert [s["uses"] for s in publiceren["steps"]] == ["actions/deploy-pages@v5"]
    # Only the publishing job may write to Pages or ask for an identity token.
    assert github["permissions"] == {"contents": "read"}
    for naam, job in github["jobs"].items():
        if naam != "publiceren":
            assert "id-token" not in job.get("permissions", {}), naam

    gitlab = yaml.safe_load((target / ".gitlab-ci.yml").read_text())
    pages = gitlab["pages"]
    assert pages["script"] == ["waterketen site --uitvoer public"]
    assert pages["artifacts"] == {"paths": ["public"]}
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert gitlab["stages"][-1] == pages["stage"]
    assert "/_site/" in (target / ".gitignore").read_text(encoding="utf-8")


#: Actions that run on a runtime GitHub supports (node24): (action, lowest major).
NODE24 = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
    "actions/upload-artifact": 6,
    "actions/download-artifact": 7,
}


def _verouderd(tekst: str) -> list[str]:
    import re

    found = []
    for action, major in re.findall(r"uses:\s*(actions/[\w-]+)@v(\d+)", tekst):
        assert action in NODE24, f"onbekende action {action}: voeg haar toe aan NODE24"
        if int(major) < NODE24[action]:
            found.append(f"{action}@v{major}")
    return found


def test_every_action_runs_on_a_supported_runtime(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """actions/checkout@v4, setup-python@v5 and the like run on node20, which GitHub
    retires: the workflows init writes and the project's own use newer majors."""
    target = _init(capsys, tmp_path)
    assert _verouderd((target / ".github/workflows/waterketen.yml").read_text("utf-8")) == []
    for workflow in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        assert _verouderd(workflow.read_text(encoding="utf-8")) == [], workflow.name


def test_gitlab_code_quality_conversion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The inline script of the GitLab job turns validate's JSON into a Code Quality
    report: run it on the findings of a fresh repository."""
    import yaml

    target = _init(capsys, tmp_path)
    script = yaml.safe_load((target / ".gitlab-ci.yml").read_text())["validate"]["script"]
    result = invoke(capsys, ["validate", "--format", "json"], cwd=target)
    (target / "waterketen-validate.json").write_text(result.out, encoding="utf-8")
    python = script[1].split("<<'PYTHON'\n", 1)[1].rsplit("PYTHON", 1)[0]
    assert _run(sys.executable, "-c", python, cwd=target).returncode == 0
    report = json.loads((target / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(r["location"]["path"], r["location"]["lines"]["begin"]) for r in report] == [
        ("data/overleggen", 1),
        ("data/regio/waterketen-rivierenland.yaml", 10),
        ("data/regio/waterketen-rivierenland.yaml", 11),
        ("data/regio/waterketen-rivierenland.yaml", 12),
    ]
    assert report[1]["description"] == (
        "waterakkoord.naam: is leeg "
        "(vul een waarde in, of laat het veld weg als het niet verplicht is)"
    )
    assert {r["severity"] for r in report} == {"major"}
    assert len({r["fingerprint"] for r in report}) == 4


def test_pre_commit_files_are_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _init(capsys, tmp_path)
    pre_commit = str(BIN / "pre-commit")
    config = _run(pre_commit, "validate-config", str(target / ".pre-commit-config.yaml"))
    assert config.returncode == 0, config.stdout + config.stderr
    manifest = _run(pre_commit, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"))
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr


def _hooks_repository(folder: Path) -> str:
    """The project as it is now (committed or not), as a git repository with one
    commit: pre-commit installs hooks from a commit."""
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    _git(folder, "init", "-q", "-b", "main")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "waterketen")
    return _git(folder, "rev-parse", "HEAD").strip()


@pytest.mark.traag
def test_pre_commit_runs_the_hook_in_a_new_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pre-commit framework itself installs waterketen from this project (a fresh
    environment, packages from the registry) and runs the waterketen-validate hook."""
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git repository")
    hooks = tmp_path / "waterketen"
    hooks.mkdir()
    rev = _hooks_repository(hooks)
    target = _init(capsys, tmp_path, "--bron", str(hooks), "--versie", rev)
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "Start gegevensrepository")

    def hook() -> subprocess.CompletedProcess[str]:
        return _run(
            str(BIN / "pre-commit"), "run", "waterketen-validate", "--all-files", cwd=target
        )

    # The fresh repository: the hook fails with the to-do list.
    first = hook()
    assert first.returncode == 1, first.stdout + first.stderr
    assert "waterketen validate" in first.stdout and "Failed" in first.stdout
    assert "er is geen clustercoördinatorenoverleg" in first.stdout
    assert "1 bestand gecontroleerd: 4 fouten, 0 waarschuwingen." in first.stdout

    # With complete data it passes.
    shutil.rmtree(target / "data")
    shutil.copytree(EXAMPLE_DATA, target / "data")
    shutil.copytree(ROOT / "stukken", target / "stukken")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "Gegevens")
    second = hook()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
