"""Exit codes at the edges: what the user can fix exits 1 with a Dutch message that
names the file and what to do; only a bug exits 3.

No access is taken away for real with chmod wherever the system then refuses (not as
root); where chmod changes nothing (root), ``EACCES`` is raised for that one path by
``open``, ``os.scandir`` and ``os.stat``, as the system would."""

from __future__ import annotations

import builtins
import errno
import io
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import invoke
from waterketen_cli.errors import BestandsFout, os_bericht
from waterketen_cli.records import dataset, store

ACTIE = "data/acties/cco-2026-11-17-1.yaml"  # open, deadline 15 januari 2027
VERGADERING = "cco-2026-12-15"
GEEN_TOEGANG_HINT = "controleer de rechten van het bestand en van de map waarin het staat"
HERSTEL = "herstel het sjabloon of verwijder het om het standaardsjabloon te gebruiken"


def _map_fout(pad: str) -> str:
    return (
        f"fout: kan de map {pad} niet lezen: geen toegang\n"
        f"  controleer de rechten van de map {pad}: waterketen moet haar kunnen lezen en openen\n"
    )


class Onleesbaar:
    """Takes away the right to read a file, or to list and open a folder."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.modes: list[tuple[Path, int]] = []
        self.bestanden: set[str] = set()
        self.mappen: set[str] = set()
        self.nagebootst = False

    def __call__(self, path: Path) -> None:
        if not self._chmod(path):
            (self.mappen if path.is_dir() else self.bestanden).add(os.path.abspath(path))
            self._inject()

    def herstel(self) -> None:
        for path, mode in reversed(self.modes):
            path.chmod(mode)

    def _chmod(self, path: Path) -> bool:
        """The real way; False where the system would still allow it: root (unless it
        lacks the capability to override rights), or Windows, where chmod cannot take
        away the right to read. Tried, not guessed from ``os.geteuid``."""
        if not hasattr(os, "geteuid"):
            return False
        mode = stat.S_IMODE(path.stat().st_mode)
        path.chmod(0)
        try:
            if path.is_dir():
                os.scandir(path).close()
            else:
                open(path, "rb").close()
        except PermissionError:
            self.modes.append((path, mode))
            return True
        path.chmod(mode)
        return False

    def _weiger(self, pad: Any, *, map_zelf: bool) -> None:
        try:
            full = os.path.abspath(os.fspath(pad))
        except TypeError:
            return  # a file descriptor
        binnen = any(full.startswith(m + os.sep) for m in self.mappen)
        if binnen or (full in self.mappen if map_zelf else full in self.bestanden):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(pad))

    def _inject(self) -> None:
        if self.nagebootst:
            return
        self.nagebootst = True
        echte_open, echte_scandir, echte_stat = builtins.open, os.scandir, os.stat
        echte_listdir, echte_os_open = os.listdir, os.open

        def open_(file: Any, *args: Any, **kwargs: Any) -> Any:
            self._weiger(file, map_zelf=False)
            return echte_open(file, *args, **kwargs)

        def os_open(path: Any, *args: Any, **kwargs: Any) -> Any:
            # What ``store.lees`` reads a record with: the system call itself.
            self._weiger(path, map_zelf=False)
            return echte_os_open(path, *args, **kwargs)

        def scandir(path: Any = ".") -> Any:
            self._weiger(path, map_zelf=True)
            return echte_scandir(path)

        def listdir(path: Any = ".") -> Any:
            self._weiger(path, map_zelf=True)
            return echte_listdir(path)

        def stat_(path: Any, *args: Any, **kwargs: Any) -> Any:
            # Looking at a file needs the right to open its folder, not to read it.
            if any(os.path.abspath(os.fspath(path)).startswith(m + os.sep) for m in self.mappen):
                self._weiger(path, map_zelf=False)
            return echte_stat(path, *args, **kwargs)

        self.monkeypatch.setattr(builtins, "open", open_)
        self.monkeypatch.setattr(io, "open", open_)
        self.monkeypatch.setattr(os, "open", os_open)
        self.monkeypatch.setattr(os, "scandir", scandir)
        self.monkeypatch.setattr(os, "listdir", listdir)
        self.monkeypatch.setattr(os, "stat", stat_)


@pytest.fixture
def onleesbaar(monkeypatch: pytest.MonkeyPatch) -> Iterator[Onleesbaar]:
    maker = Onleesbaar(monkeypatch)
    yield maker
    maker.herstel()


def _raise_from_scan(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """The error escapes the command (from reading the data folder)."""

    def scan(data_dir: Path) -> Any:
        raise error

    monkeypatch.setattr(store, "scan", scan)


# --- 1. an unreadable record file: left out and named, like an invalid record -----------


def test_unreadable_record_is_skipped_and_named(
    capsys: pytest.CaptureFixture[str], repo: Path, onleesbaar: Onleesbaar
) -> None:
    onleesbaar(repo / ACTIE)
    result = invoke(capsys, ["acties"], cwd=repo)
    assert result.code == 0
    assert result.err == (
        f"let op: overgeslagen, geen geldig record: {ACTIE}\n"
        "  voer 'waterketen validate' uit voor de details\n"
    )
    assert "cco-2026-11-17-1 " not in result.out
    assert result.out.endswith("8 open acties, waarvan 3 verlopen.\n")


def test_each_reason_is_kept(repo: Path, onleesbaar: Onleesbaar) -> None:
    onleesbaar(repo / ACTIE)
    (repo / "data/acties/cco-2026-11-17-4.yaml").write_text("id: [\n", encoding="utf-8")
    gegevens = dataset.load(repo / "data", ["actie"])
    assert gegevens.overgeslagen == [ACTIE, "data/acties/cco-2026-11-17-4.yaml"]
    assert [getattr(o, "reden", None) for o in gegevens.overgeslagen] == [
        "niet te lezen: geen toegang",
        "geen geldig record",
    ]


def test_record_gone_between_scan_and_read(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = store.scan

    def scan_then_remove(data_dir: Path) -> Any:
        found = scan(data_dir)
        (repo / ACTIE).unlink(missing_ok=True)
        return found

    monkeypatch.setattr(store, "scan", scan_then_remove)
    gegevens = dataset.load(repo / "data", ["actie"])
    assert gegevens.overgeslagen == [ACTIE]
    assert (
        getattr(gegevens.overgeslagen[0], "reden", None) == "niet te lezen: het bestaat niet (meer)"
    )


def test_a_record_that_is_not_a_regular_file(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """A link to nowhere is a record file that cannot be read, not a stray file."""
    (repo / ACTIE).unlink()
    (repo / ACTIE).symlink_to(repo / "bestaat-niet.yaml")
    result = invoke(capsys, ["acties"], cwd=repo)
    assert result.code == 0
    assert f"overgeslagen, geen geldig record: {ACTIE}\n" in result.err


@pytest.mark.parametrize(
    ("args", "bestand"),
    [
        (["acties", "--alle"], ACTIE),
        (["besluiten"], "data/vergaderingen/cco-2026-01-13.yaml"),
        (["overzicht"], "data/projecten/energiescan-waterketen.yaml"),
        (["monitor"], "data/clusters/westerkwartier.yaml"),
        (["middelen"], "data/projecten/energiescan-waterketen.yaml"),
        (["agenda", "render", VERGADERING], ACTIE),
        (["notulen", "new", VERGADERING], ACTIE),
        (["kalender"], "data/vergaderingen/cco-2026-01-13.yaml"),
        (["codeowners", "-o", "-"], "data/projecten/energiescan-waterketen.yaml"),
        (["project", "plan", "afkoppelen-waterpas"], "data/vergaderingen/cco-2026-01-13.yaml"),
    ],
)
def test_reading_commands_do_not_crash_on_an_unreadable_record(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    onleesbaar: Onleesbaar,
    args: list[str],
    bestand: str,
) -> None:
    assert (repo / bestand).is_file()
    onleesbaar(repo / bestand)
    result = invoke(capsys, args, cwd=repo)
    assert result.code == 0, result.err


def test_project_plan_of_an_unreadable_project(
    capsys: pytest.CaptureFixture[str], repo: Path, onleesbaar: Onleesbaar
) -> None:
    onleesbaar(repo / "data/projecten/afkoppelen-waterpas.yaml")
    result = invoke(capsys, ["project", "plan", "afkoppelen-waterpas"], cwd=repo)
    assert result.code == 1
    assert result.err == (
        "fout: data/projecten/afkoppelen-waterpas.yaml is geen geldig projectrecord\n"
        "  voer 'waterketen validate' uit en herstel het bestand eerst\n"
    )


# --- 2. an unreadable folder: exit 1 for every command ------------------------------------


@pytest.mark.parametrize(
    "args", [["acties"], ["validate"], ["overzicht"], ["project", "plan", "afkoppelen-waterpas"]]
)
def test_unreadable_kind_folder(
    capsys: pytest.CaptureFixture[str], repo: Path, onleesbaar: Onleesbaar, args: list[str]
) -> None:
    onleesbaar(repo / "data/projecten")
    result = invoke(capsys, args, cwd=repo)
    assert result.code == 1
    assert result.err == _map_fout("data/projecten")


def test_unreadable_data_folder(
    capsys: pytest.CaptureFixture[str], repo: Path, onleesbaar: Onleesbaar
) -> None:
    onleesbaar(repo / "data")
    for args in (["validate"], ["besluiten"]):
        result = invoke(capsys, args, cwd=repo)
        assert result.code == 1
        assert result.err == _map_fout("data")


def test_load_one_in_an_unreadable_folder(repo: Path, onleesbaar: Onleesbaar) -> None:
    from waterketen_cli.models.records import Project

    onleesbaar(repo / "data/projecten")
    with pytest.raises(BestandsFout) as raised:
        dataset.load_one(repo / "data", Project, "afkoppelen-waterpas")
    assert raised.value.bericht == "kan de map data/projecten niet lezen: geen toegang"


# --- 3. the error boundary: any OSError is exit 1 in Dutch ------------------------------

BOUNDARY = [
    (errno.EACCES, "geen toegang tot {p}", GEEN_TOEGANG_HINT),
    (errno.EPERM, "geen toegang tot {p}", GEEN_TOEGANG_HINT),
    (
        errno.ENOSPC,
        "de schijf is vol: {p} kan niet worden geschreven",
        "maak ruimte vrij en probeer opnieuw",
    ),
    (
        errno.EROFS,
        "{p} staat op een schijf die alleen gelezen kan worden",
        "schrijf naar een andere plek, of maak de schijf beschrijfbaar",
    ),
    (errno.EISDIR, "{p} is een map, geen bestand", "geef de naam van een bestand"),
    (
        errno.ENOTDIR,
        "{p} is geen map, of er staat een bestand in het pad waar een map hoort",
        "controleer het pad",
    ),
    (errno.ENOENT, "{p} bestaat niet", "controleer de naam en de map"),
    (
        errno.ELOOP,
        "{p}: symbolische koppelingen verwijzen in een kring naar elkaar",
        "herstel of verwijder de koppeling",
    ),
    (
        errno.ENAMETOOLONG,
        "de naam {p} is te lang",
        "kies een kortere naam, of een map die minder diep ligt",
    ),
    (
        errno.EBUSY,
        "{p} is in gebruik door een ander programma",
        "sluit het bestand in dat programma (bijv. Word of Excel) en probeer opnieuw",
    ),
    (
        errno.ETXTBSY,
        "{p} is in gebruik door een ander programma",
        "sluit het bestand in dat programma (bijv. Word of Excel) en probeer opnieuw",
    ),
    (
        errno.EIO,
        "kan {p} niet gebruiken: " + os.strerror(errno.EIO),
        "controleer het bestand en probeer opnieuw",
    ),
]
if hasattr(errno, "EDQUOT"):
    BOUNDARY.append(
        (
            errno.EDQUOT,
            "de schijf is vol: {p} kan niet worden geschreven",
            "maak ruimte vrij en probeer opnieuw",
        )
    )


@pytest.mark.parametrize(
    ("code", "bericht", "hint"),
    BOUNDARY,
    ids=lambda v: errno.errorcode.get(v, "") if isinstance(v, int) else "",
)
def test_the_boundary_says_each_oserror_in_dutch(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    bericht: str,
    hint: str,
) -> None:
    error = OSError(code, os.strerror(code), str(repo / ACTIE))
    _raise_from_scan(monkeypatch, error)
    result = invoke(capsys, ["acties"], cwd=repo)
    assert result.code == 1
    assert result.err == f"fout: {bericht.format(p=ACTIE)}\n  {hint}\n"


def test_an_oserror_without_a_file(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _raise_from_scan(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    result = invoke(capsys, ["acties"], cwd=repo)
    assert result.code == 1
    assert result.err == "fout: de schijf is vol\n  maak ruimte vrij en probeer opnieuw\n"


def test_an_oserror_not_from_the_system_is_a_bug(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _raise_from_scan(monkeypatch, OSError("geen errno: door het programma zelf gemaakt"))
    result = invoke(capsys, ["acties"], cwd=repo)
    assert result.code == 3
    assert "interne fout in waterketen" in result.err


def test_a_full_disk_while_writing_a_document(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end: the write path words it (its own SchrijfFout, or the boundary when
    the OSError escapes); either way exit 1, never a bug."""

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    result = invoke(capsys, ["kalender", "--uitvoer", "vergaderingen.ics"], cwd=repo)
    assert result.code == 1
    assert result.err.startswith("fout: ") and "de schijf is vol" in result.err
    assert "maak ruimte vrij en probeer" in result.err


def test_a_folder_where_a_file_is_expected(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the boundary makes of it, when a command opens a folder as a file."""
    _raise_from_scan(
        monkeypatch, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), "data/")
    )
    result = invoke(capsys, ["acties"], cwd=repo)
    assert result.code == 1
    assert result.err == "fout: data is een map, geen bestand\n  geef de naam van een bestand\n"


def test_minutes_given_as_a_folder(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    """The command may say it itself (its own message); never a bug."""
    result = invoke(capsys, ["notulen", "verwerk", "data/"], cwd=repo)
    assert result.code in (1, 2)
    assert result.err.startswith("fout: data is een map")


def test_the_reader_of_the_output_went_away(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _raise_from_scan(monkeypatch, BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE)))
    result = invoke(capsys, ["acties"], cwd=repo)
    assert (result.code, result.err) == (1, "")


def test_bestandsfout_for_the_write_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    fout = BestandsFout.van(OSError(errno.ENOSPC, "No space left"), tmp_path / "agenda.md")
    assert (fout.bericht, fout.hint, fout.pad, fout.errno) == (
        "de schijf is vol: agenda.md kan niet worden geschreven",
        "maak ruimte vrij en probeer opnieuw",
        "agenda.md",
        errno.ENOSPC,
    )
    assert os_bericht(PermissionError(errno.EACCES, "x", "/elders/a.md")) == (
        "geen toegang tot /elders/a.md",
        GEEN_TOEGANG_HINT,
    )


def _click() -> Any:
    try:
        from typer._click import exceptions
    except ImportError:  # an older typer uses click itself
        from click import exceptions  # type: ignore[no-redef]
    return exceptions


def test_usage_errors_are_known_by_their_class(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Onverwacht(_click().UsageError):  # type: ignore[misc]
        """A name the boundary has never heard of."""

    _raise_from_scan(monkeypatch, Onverwacht("dat kan zo niet"))
    result = invoke(capsys, ["acties"], cwd=repo)
    assert result.code == 2
    assert result.err == "fout: dat kan zo niet\n  zie 'waterketen acties --help'\n"


def test_a_group_without_a_command_shows_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, ["agenda"])
    assert result.code == 2
    assert result.out.startswith("Gebruik: waterketen agenda")


# --- 4. the data repository's own templates ---------------------------------------------


def _agenda_met_sjabloon(
    capsys: pytest.CaptureFixture[str], repo: Path, sjabloon: str | bytes
) -> Any:
    path = repo / "templates" / "agenda.md.j2"
    path.parent.mkdir(exist_ok=True)
    if isinstance(sjabloon, bytes):
        path.write_bytes(sjabloon)
    else:
        path.write_text(sjabloon, encoding="utf-8")
    return invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo)


def test_a_users_template_is_used(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    sjabloon = "# {{ vergadering.id }} op {{ vergadering.datum | datum }}\n"
    result = _agenda_met_sjabloon(capsys, repo, sjabloon)
    assert result.code == 0
    assert result.out.startswith("# cco-2026-12-15 op 15 december 2026\n")


@pytest.mark.parametrize(
    ("sjabloon", "bericht"),
    [
        ("# Agenda\n\n{{ vergadering.id }\n", "templates/agenda.md.j2:3: onverwacht teken '}'"),
        ("# Agenda\n{{ onbekend }}\n", "templates/agenda.md.j2:2: onbekende naam 'onbekend'"),
        (
            "# Agenda\n{{ vergadering.bestaatniet }}\n",
            "templates/agenda.md.j2:2: Vergadering heeft geen veld 'bestaatniet'",
        ),
        (
            "# {{ vergadering.id | hoofdletters }}\n",
            "templates/agenda.md.j2:1: onbekend filter 'hoofdletters'",
        ),
        (
            "# Agenda\n\n{% include 'kop.md.j2' %}\n",
            "templates/agenda.md.j2:3: het sjabloon 'kop.md.j2' bestaat niet",
        ),
        (
            "# Agenda\n{% for punt in vergadering.agenda %}\n{% endfo %}\n",
            "templates/agenda.md.j2:3: onbekende tag 'endfo'",
        ),
        (
            "# Agenda\n{{ vergadering.agenda | length | join(', ') }}\n",
            "templates/agenda.md.j2:2: fout bij het invullen (TypeError): "
            "'int' object is not iterable",
        ),
    ],
    ids=["syntaxis", "onbekende-naam", "onbekend-veld", "filter", "include", "tag", "typeerror"],
)
def test_a_broken_users_template(
    capsys: pytest.CaptureFixture[str], repo: Path, sjabloon: str, bericht: str
) -> None:
    result = _agenda_met_sjabloon(capsys, repo, sjabloon)
    assert result.code == 1
    assert result.err == f"fout: {bericht}\n  {HERSTEL}\n"


def test_a_users_template_that_is_not_utf8(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = _agenda_met_sjabloon(capsys, repo, "# Vergadering één\n".encode("latin-1"))
    assert result.code == 1
    assert result.err == (
        "fout: templates/agenda.md.j2 is geen UTF-8-tekst\n"
        "  sla het sjabloon op als UTF-8, of verwijder het om het standaardsjabloon te gebruiken\n"
    )


def test_an_unreadable_templates_folder(
    capsys: pytest.CaptureFixture[str], repo: Path, onleesbaar: Onleesbaar
) -> None:
    (repo / "templates").mkdir(exist_ok=True)
    (repo / "templates" / "agenda.md.j2").write_text("# eigen\n", encoding="utf-8")
    onleesbaar(repo / "templates")
    result = invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo)
    assert result.code == 1
    assert result.err == _map_fout("templates")


def test_a_broken_template_of_the_package_is_a_bug(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Told apart by the loader that found it: a user's templates folder next to it
    does not make the package's template theirs."""
    from jinja2 import PackageLoader

    get_source: Callable[..., Any] = PackageLoader.get_source

    def broken(self: PackageLoader, environment: Any, template: str) -> Any:
        source, filename, uptodate = get_source(self, environment, template)
        return ("{{ kapot }" if template == "agenda.md.j2" else source), filename, uptodate

    monkeypatch.setattr(PackageLoader, "get_source", broken)
    (repo / "templates").mkdir(exist_ok=True)
    (repo / "templates" / "overzicht.md.j2").write_text("# eigen\n", encoding="utf-8")
    result = invoke(capsys, ["agenda", "render", VERGADERING], cwd=repo)
    assert result.code == 3
    assert "interne fout in waterketen" in result.err
