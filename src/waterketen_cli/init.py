"""``waterketen init``: a new data repository for another region.

What it makes, from the templates in ``templates/init/``: a git repository (branch
``main``), a folder per record kind under ``data/`` (with ``.gitkeep``), a region
record to fill in, the JSON Schemas, CODEOWNERS, CI for GitHub Actions and GitLab,
a ``.pre-commit-config.yaml``, a README for the coordinators and a ``.gitignore``.

It does not commit: the waterakkoord and where CI installs waterketen from are the
secretary's to fill in first, and ``validate`` says so (see ``VERWACHT``). It writes
only into a new or empty folder, and on any failure leaves that folder as it found it.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from waterketen_cli import __version__
from waterketen_cli.errors import GebruiksFout, WaterketenError
from waterketen_cli.records.transactie import SchrijfFout

#: Where CI installs waterketen from when init cannot tell: a placeholder (the domain
#: is reserved for examples) that the README and the files mark as to be filled in.
VOORBEELD_ADRES = "https://git.example.org/waterketen/waterketen.git"

#: The findings ``waterketen validate`` gives right after init, each a to-do that the
#: README explains: (check, field or ""). Kept here so the tests and the README agree.
VERWACHT = (
    ("coordinator", ""),
    ("schema", "waterakkoord.naam"),
    ("schema", "waterakkoord.begin"),
    ("schema", "waterakkoord.eind"),
)

#: Template -> file in the new repository.
BESTANDEN = {
    "README.md.j2": "README.md",
    "gitignore.j2": ".gitignore",
    "pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "github-workflow.yml.j2": ".github/workflows/waterketen.yml",
    "gitlab-ci.yml.j2": ".gitlab-ci.yml",
}

_VERSIE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
_SCP = re.compile(r"^[\w.-]+@[\w.-]+:(?!//)")


class InitFout(WaterketenError):
    """The repository could not be made; nothing was left behind."""


@dataclass(frozen=True)
class Bron:
    """Where the data repository's CI and pre-commit get waterketen: a git address
    and a tag or commit."""

    adres: str
    versie: str
    voorbeeld: bool = False  # the placeholder: to be filled in

    @property
    def pip(self) -> str:
        """The requirement pip installs: ``waterketen @ git+https://…@v0.1.0``."""
        adres = self.adres
        if _SCP.match(adres):  # git@host:org/repo.git, as pip wants it
            adres = "ssh://" + adres.replace(":", "/", 1)
        elif "://" not in adres:  # a local folder
            adres = Path(adres).absolute().as_uri()
        return f"waterketen @ git+{adres}@{self.versie}"


def bron(adres: str | None, versie: str | None) -> Bron:
    """The source from the options, else where this waterketen was installed from
    (if from git), else the placeholder."""
    for value, option in ((adres, "--bron"), (versie, "--versie")):
        if value is not None and (not value.strip() or re.search(r"[\s\"'\\]", value)):
            raise GebruiksFout(f"{option}: '{value}' is geen git-adres of versie")
    if versie is not None and not _VERSIE.match(versie):
        raise GebruiksFout(
            f"--versie: '{versie}' is geen tag of commit", hint="bijv. v0.1.0 of een commit-hash"
        )
    installed = installed_source()
    if adres is not None:
        if versie is None and installed is not None and installed.adres == adres:
            versie = installed.versie
        return Bron(adres, versie or f"v{__version__}")
    if installed is not None:
        return Bron(installed.adres, versie or installed.versie)
    return Bron(VOORBEELD_ADRES, versie or f"v{__version__}", voorbeeld=True)


def installed_source() -> Bron | None:
    """Where pip installed this waterketen from, if that was a git repository."""
    from importlib import metadata

    try:
        text = metadata.distribution("waterketen").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    return source_from_direct_url(text) if text else None


def source_from_direct_url(text: str) -> Bron | None:
    """The git address and commit in pip's ``direct_url.json`` (PEP 610); None for an
    install from a folder, an archive or an index, or from a local repository (which
    CI cannot reach)."""
    try:
        info = json.loads(text)
    except ValueError:
        return None
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    url = info.get("url") if isinstance(info, dict) else None
    if not isinstance(vcs, dict) or vcs.get("vcs") != "git" or not isinstance(url, str):
        return None
    if url.startswith("file:"):
        return None
    versie = vcs.get("commit_id") or vcs.get("requested_revision")
    if not isinstance(versie, str) or not _VERSIE.match(versie):
        return None
    return Bron(url, versie)


def default_name(folder: Path) -> str:
    """'waterketen-rivierenland' -> 'Waterketen rivierenland'."""
    words = re.sub(r"[-_]+", " ", folder.absolute().name).strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class Start:
    map: Path
    regio: str  # the region record's id
    bestanden: tuple[str, ...]  # every file written, relative, sorted


def init(folder: Path, naam: str, source: Bron) -> Start:
    """Make the repository in ``folder``, which must be new or empty."""
    from waterketen_cli.models.base import slugify

    naam = " ".join(naam.split())
    slug = slugify(naam)
    if not slug:
        raise GebruiksFout(
            f"--regio: van '{naam}' is geen id te maken",
            hint="geef een naam met letters, bijv. --regio 'Waterketen Rivierenland'",
        )
    if folder.exists() and not folder.is_dir():
        raise InitFout(f"{folder} bestaat al en is geen map", hint="kies een nieuwe map")
    if folder.is_dir() and any(folder.iterdir()):
        raise InitFout(
            f"{folder} is niet leeg; er is niets geschreven",
            hint="kies een nieuwe of lege map: init vult alleen een map waarin nog niets staat",
        )
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InitFout(f"de map {folder} kan niet worden gemaakt: {error.strerror}") from None
    try:
        _fill(folder, naam, slug, source)
    except (OSError, SchrijfFout) as error:
        _undo(folder, created)
        reden = error.bericht if isinstance(error, SchrijfFout) else error.strerror or error
        raise InitFout(
            f"{folder} kon niet worden gevuld: {reden}; er is niets achtergelaten"
        ) from None
    except BaseException:
        _undo(folder, created)
        raise
    written = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(folder).parts[:1]
    )
    return Start(folder, slug, tuple(written))


def _fill(folder: Path, naam: str, slug: str, source: Bron) -> None:
    import datetime as dt

    from waterketen_cli import codeowners, git, schemas, schrijfpad
    from waterketen_cli.records.dataset import Gegevens
    from waterketen_cli.records.plan import Document, Schrijfplan
    from waterketen_cli.records.writer import dump
    from waterketen_cli.render import render
    from waterketen_cli.soorten import SOORTEN

    git.init_repository(folder)
    context = {
        "naam": naam,
        "slug": slug,
        "naam_regel": dump({"naam": naam}).rstrip("\n"),
        "bron": source,
        "pip_bron": source.pip,
    }
    files = {target: render(None, f"init/{name}", **context) for name, target in BESTANDEN.items()}
    files[f"data/regio/{slug}.yaml"] = render(None, "init/regio.yaml.j2", **context)
    for soort in SOORTEN:
        files[f"data/{soort.map}/.gitkeep"] = ""
    # The data has no people or bodies yet, so this is the header only; it makes
    # 'codeowners --check' pass in CI until the first people and bodies arrive.
    files["CODEOWNERS"] = codeowners.build(Gegevens(folder / "data"), "/data").tekst
    files.update({f"schemas/{name}": text for name, text in schemas.render().items()})
    # Through the one write path: all files or none, never over an existing one.
    plan = Schrijfplan(f"Gegevensrepository {naam} begonnen", folder / "data")
    plan.documenten = [Document(folder / name, text) for name, text in files.items()]
    schrijfpad.voer_uit(plan, vandaag=dt.date.today())


def _undo(folder: Path, created: bool) -> None:
    """Leave ``folder`` as init found it: gone, or empty."""
    if created:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
