"""Templates render in Jinja2's immutable sandbox, and a data repository's templates
come only from its own ``templates/`` folder (issue 9, point 3). What a template may
not do stops with a user error that names the template and the line (exit 1), and
nothing runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from helpers import invoke
from waterketen_cli import render
from waterketen_cli.render import HERSTEL

VERGADERING = "cco-2026-12-15"
VERBODEN = "het sjabloon probeert iets wat niet mag"


def _agenda(capsys: pytest.CaptureFixture[str], repo: Path, sjabloon: str) -> tuple[int, str]:
    path = repo / "templates" / "agenda.md.j2"
    path.parent.mkdir(exist_ok=True)
    path.write_text(sjabloon, encoding="utf-8")
    result = invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo)
    return result.code, result.err


def _marker(tmp_path: Path) -> Path:
    return tmp_path / "uitgevoerd"


@pytest.mark.parametrize(
    ("aanval", "wat"),
    [
        (
            "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
            "het attribuut '__init__' van type",
        ),
        ("{{ ''.__class__.__mro__ }}", "het attribuut '__class__' van str"),
        (
            "{{ self._TemplateReference__context }}",
            "het attribuut '_TemplateReference__context' van TemplateReference",
        ),
        ("{{ lipsum.__globals__ }}", "het attribuut '__globals__' van function"),
        ("{{ range.__self__ }}", "het attribuut '__self__' van function"),
        ("{{ joiner.__init__.__globals__['os'] }}", "het attribuut '__init__' van type"),
        ("{{ namespace.__init__ }}", "het attribuut '__init__' van type"),
        ("{{ vergadering.__class__.__base__ }}", "het attribuut '__class__' van Vergadering"),
        ("{{ vergadering | attr('__class__') }}", "het attribuut '__class__' van Vergadering"),
        ("{{ '{0.__class__}'.format(vergadering) }}", "het attribuut '__class__' van Vergadering"),
        ("{{ vergadering.agenda.append(1) }}", "het attribuut 'append' van list"),
        ("{{ vergadering.agenda.pop() }}", "het attribuut 'pop' van list"),
        ("{{ {}.update(a=1) }}", "het attribuut 'update' van dict"),
        ("{{ range(10 ** 6) | list | length }}", "een range van meer dan 100000"),
        ("{{ 'x' * 10 ** 9 }}", "een herhaling van meer dan 1000000 elementen"),
        ("{{ [1] * 10 ** 9 }}", "een herhaling van meer dan 1000000 elementen"),
        ("{{ 7 ** (10 ** 9) }}", "een macht met een exponent boven 10000"),
        ("{{ range['__self__'] }}", "het attribuut '__self__' van function"),
    ],
)
def test_what_a_template_may_not_do(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path, aanval: str, wat: str
) -> None:
    marker = _marker(tmp_path)
    aanval = aanval.replace("MARKER", str(marker))
    code, err = _agenda(capsys, repo, f"# Agenda\n\n{aanval}\n")
    assert code == 1
    assert err == f"fout: templates/agenda.md.j2:3: {VERBODEN} ({wat})\n  {HERSTEL}\n"
    assert not marker.exists()


def test_a_violation_in_an_included_template_names_that_template(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    marker = _marker(tmp_path)
    (repo / "templates" / "delen").mkdir(parents=True)
    (repo / "templates" / "delen" / "kop.md.j2").write_text(
        f"Kop\n{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}\n",
        encoding="utf-8",
    )
    code, err = _agenda(capsys, repo, "# Agenda\n{% include 'delen/kop.md.j2' %}\n")
    assert code == 1
    assert err.startswith(f"fout: templates/delen/kop.md.j2:2: {VERBODEN} (")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("opdracht", "naam", "reden"),
    [
        ("{% include '/etc/passwd' %}", "/etc/passwd", "is een absoluut pad"),
        (
            "{% include '../data/personen/p-kuipers.yaml' %}",
            "../data/personen/p-kuipers.yaml",
            "'..'",
        ),
        ("{% extends '../../../etc/passwd' %}", "../../../etc/passwd", "'..'"),
        ("{% import 'delen/../../x.md.j2' as x %}", "delen/../../x.md.j2", "'..'"),
        ("{% from '..\\\\x.md.j2' import y %}", "..\\x.md.j2", "'..'"),
        ("{% include 'C:/Windows/win.ini' %}", "C:/Windows/win.ini", "is een absoluut pad"),
        ("{% include ['/etc/hostname', 'kop.md.j2'] %}", "/etc/hostname", "is een absoluut pad"),
    ],
)
def test_templates_come_only_from_the_templates_folder(
    capsys: pytest.CaptureFixture[str], repo: Path, opdracht: str, naam: str, reden: str
) -> None:
    code, err = _agenda(capsys, repo, f"# Agenda\n\n{opdracht}\n")
    assert code == 1
    first, hint = err.rstrip("\n").split("\n")
    assert first.startswith(f"fout: templates/agenda.md.j2:3: het sjabloon '{naam}' ")
    assert reden in first
    assert hint.strip().startswith("gebruik alleen sjablonen uit de map templates/")


def test_a_link_to_outside_the_folder_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("GEHEIM", encoding="utf-8")
    (repo / "templates").mkdir(exist_ok=True)
    os.symlink(geheim, repo / "templates" / "kop.md.j2")
    code, err = _agenda(capsys, repo, "# Agenda\n{% include 'kop.md.j2' %}\n")
    assert code == 1
    assert err == (
        "fout: templates/agenda.md.j2:2: het sjabloon 'kop.md.j2' is een koppeling naar een "
        "bestand buiten de map templates/\n"
        "  zet het sjabloon zelf in templates/ in plaats van een koppeling, of verwijder het "
        "om het standaardsjabloon te gebruiken\n"
    )
    assert "GEHEIM" not in err


def test_a_template_that_is_itself_a_link_to_outside(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    buiten = tmp_path / "agenda.md.j2"
    buiten.write_text("# {{ vergadering.id }}\n", encoding="utf-8")
    (repo / "templates").mkdir(exist_ok=True)
    os.symlink(buiten, repo / "templates" / "agenda.md.j2")
    result = invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo)
    assert result.code == 1
    assert result.err.startswith(
        "fout: templates/agenda.md.j2: het sjabloon 'agenda.md.j2' is een koppeling naar een "
        "bestand buiten de map templates/\n"
    )


def test_a_templates_folder_that_is_a_link_elsewhere(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    elders = tmp_path / "elders"
    elders.mkdir()
    (elders / "agenda.md.j2").write_text("# {{ vergadering.id }}\n", encoding="utf-8")
    shutil.rmtree(repo / "templates")
    os.symlink(elders, repo / "templates")
    result = invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo)
    assert result.code == 1
    assert "is een koppeling naar een bestand buiten de map templates/" in result.err


def test_links_inside_the_folder_and_the_package_templates_are_fine(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "templates" / "delen").mkdir(parents=True)
    (repo / "templates" / "delen" / "kop.md.j2").write_text(
        "## {{ overleg.naam }}\n", encoding="utf-8"
    )
    os.symlink(Path("delen") / "kop.md.j2", repo / "templates" / "kop.md.j2")
    code, err = _agenda(
        capsys,
        repo,
        "{% include 'kop.md.j2' %}\n{% include './delen/kop.md.j2' %}\n"
        "{% set punten = vergadering.agenda | map(attribute='titel') | list %}"
        "{{ punten | length }} punten; {{ vergadering.datum | datum }}\n",
    )
    assert (code, err) == (0, "")
    result = invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo)
    assert result.out.startswith("## Clustercoördinatorenoverleg\n## Clustercoördinatorenoverleg\n")
    assert "punten; 15 december 2026" in result.out


def test_a_users_template_can_use_a_package_template(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "templates").mkdir(exist_ok=True)
    (repo / "templates" / "agenda.md.j2").write_text(
        "# Eigen agenda\n{% include 'init/gitignore.j2' %}", encoding="utf-8"
    )
    result = invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo)
    assert result.code == 0, result.err
    assert result.out.startswith("# Eigen agenda\n# Gemaakt door 'waterketen init'.\n")


def test_every_template_renders_in_the_immutable_sandbox() -> None:
    for formaat in (render.MARKDOWN, render.YAML, render.TEKST):
        env = render.environment(None, formaat)
        assert isinstance(env, ImmutableSandboxedEnvironment)
        assert env.undefined.__name__ == "StrictUndefined"


def test_a_violation_in_a_package_template_is_a_bug(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typing import Any

    from jinja2 import PackageLoader

    get_source = PackageLoader.get_source

    def kapot(self: PackageLoader, environment: Any, template: str) -> Any:
        source, filename, uptodate = get_source(self, environment, template)
        if template == "agenda.md.j2":
            source = "{{ ''.__class__ }}"
        return source, filename, uptodate

    monkeypatch.setattr(PackageLoader, "get_source", kapot)
    result = invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo)
    assert result.code == 3
    assert "interne fout in waterketen" in result.err


def test_the_same_data_gives_the_same_bytes(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "templates").mkdir(exist_ok=True)
    (repo / "templates" / "agenda.md.j2").write_text(
        "{% for p in vergadering.agenda %}- {{ p.titel | regel }}\n{% endfor %}", encoding="utf-8"
    )
    first = invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo).out
    assert first == invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo).out
