"""Faults, for real: kill -9 at every step of a write and at random moments, a full disk,
a read-only folder, two writers at once, a file changed under a running command.

After each fault the next command finishes or undoes the interrupted write and says so;
the data folder then holds exactly the old state or exactly the new one (byte for byte),
no temporary file is left anywhere, and ``validate`` finds no error.

The writers run in a forked child (no start-up cost, so many runs stay cheap). A kill
at "step k" is the child sending itself SIGKILL just before the k-th call that the
transaction module makes into ``os`` (every open, write, fsync, link, rename and unlink
of the write path is one); the random kills come from the parent, after a seeded random
delay.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import EXAMPLE_DATA, snapshot
from helpers import invoke

VANDAAG = "2026-12-16"  # the day after cco-2026-12-15, whose minutes are processed
TEMPORARY = ("*.waterketen-tmp", "*.waterketen-oud")


@pytest.fixture(autouse=True)
def _day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATERKETEN_VANDAAG", VANDAAG)


# --- the writers ----------------------------------------------------------------------------


def _minutes(folder: Path) -> None:
    """A filled-in skeleton of cco-2026-12-15: attendance, a decision with '…' in it, a
    report with a sub-heading, two actions, one action closed and one dropped."""
    from waterketen_cli import render
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import notulenformulier

    gegevens = dataset.load(folder / "data")
    vergadering = gegevens.get(Vergadering, "cco-2026-12-15")
    assert vergadering is not None
    text = render.render(
        folder, "notulen.md.j2", **notulenformulier.skeleton_context(gegevens, vergadering)
    )
    for person in ("p-kuipers", "p-hoekstra", "p-wiersma", "p-smit"):
        text = text.replace(f"- [ ] {person} —", f"- [x] {person} —", 1)
    head, item5 = text.split("## 5. ", 1)
    item5, rest = item5.split("\n## 6. ", 1)
    item5 = item5.replace(
        "Verslag:\n\n…",
        "Verslag:\n\nHet voorstel is besproken.\n\n### Kosten\n\nFase 1 … 3 kost samen € 80.000.",
        1,
    )
    item5 = item5.replace("\n- …\n", "\n- Het CCO stemt in met fase 1 … 3 van de scan.\n", 1)
    item5 = item5.replace(
        "- … — actiehouder: p-…, deadline: JJJJ-MM-DD",
        "- Kostenverdeling agenderen — actiehouder: p-wiersma, deadline: 2027-01-15\n"
        "- Startbijeenkomst plannen — actiehouder: p-wolters, deadline: 2027-02-01",
        1,
    )
    text = head + "## 5. " + item5 + "\n## 6. " + rest
    text = text.replace("- [ ] cco-2026-11-17-3 —", "- [x] cco-2026-11-17-3 —", 1)
    text = text.replace("- [ ] cco-2026-04-07-1 —", "- [-] cco-2026-04-07-1 —", 1)
    text = text.replace("- [ ] Het CCO ", "- [x] Het CCO ")  # the agenda's beslispunten
    (folder / "verslag.md").write_text(text, encoding="utf-8")


def _unformatted(folder: Path) -> None:
    """Three records out of canonical form (keys out of order, lists unsorted)."""
    cluster = folder / "data" / "clusters" / "waterpas.yaml"
    text = cluster.read_text(encoding="utf-8")
    cluster.write_text(text.replace("naam: Waterpas\n", "naam:   Waterpas\n"), encoding="utf-8")
    for name in ("cco-2026-04-07-1", "cco-2026-06-30-1"):
        path = folder / "data" / "acties" / f"{name}.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        status = next(i for i, line in enumerate(lines) if line.startswith("status:"))
        moved = lines.pop(status)
        path.write_text("".join([*lines, moved]), encoding="utf-8")


@dataclass(frozen=True)
class Schrijver:
    naam: str
    args: Callable[[Path], list[str]]
    prepare: Callable[[Path], None] = lambda folder: None


SCHRIJVERS = [
    Schrijver(
        "acties afronden",
        lambda f: [
            "acties",
            "afronden",
            "cco-2026-04-07-1",
            "cco-2026-11-17-3",
            "--toelichting",
            "Klaar.",
        ],
    ),
    Schrijver("notulen verwerk", lambda f: ["notulen", "verwerk", str(f / "verslag.md")], _minutes),
    Schrijver("agenda new", lambda f: ["agenda", "new", "--datum", "2027-01-26"]),
    Schrijver("fmt", lambda f: ["fmt"], _unformatted),
]


def _folder(root: Path, schrijver: Schrijver) -> Path:
    """A copy of the example data, prepared for this writer."""
    folder = root
    shutil.copytree(EXAMPLE_DATA, folder / "data")
    schrijver.prepare(folder)
    return folder


# --- running a writer in a child that can be killed ------------------------------------------


class _Counting(ModuleType):
    """Stands in for ``os`` inside the transaction module: counts each call and kills
    the process just before the call numbered ``stop``."""

    def __init__(self, stop: int | None) -> None:
        super().__init__("os")
        self._stop = stop
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if not callable(real) or isinstance(real, type):
            return real

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self._stop:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        return call


def _start(
    folder: Path, args: list[str], stop: int | None = None, calls: Path | None = None
) -> int:
    """Fork a child that runs ``waterketen --data FOLDER/data ARGS`` (quietly) and exits
    with its exit code; with ``stop``, it kills itself just before the write path's
    call number ``stop``; with ``calls``, it writes there how many calls it made."""
    pid = os.fork()
    if pid:
        return pid
    code = 99  # pragma: no cover - the child, from here on
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        from waterketen_cli.cli.main import run
        from waterketen_cli.records import transactie

        counting = _Counting(stop)
        transactie.os = counting  # type: ignore[attr-defined]
        os.chdir(folder)
        sys.argv = ["waterketen", "--data", str(folder / "data"), *args]
        try:
            run()
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        if calls is not None:
            calls.write_text(str(counting.calls))
    finally:
        os._exit(code)


def _child(folder: Path, args: list[str], stop: int | None, calls: Path | None) -> int:
    """Run a writer in a child to the end (or to its self-inflicted kill): its status."""
    return os.waitpid(_start(folder, args, stop, calls), 0)[1]


def _killed_after(folder: Path, args: list[str], delay: float) -> int:
    """Run a writer in a child and SIGKILL it after ``delay`` seconds: its status."""
    pid = _start(folder, args)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


def _leftovers(folder: Path) -> list[str]:
    found = [p for pattern in TEMPORARY for p in folder.rglob(pattern)]
    found += list(folder.rglob("journaal.json"))
    return sorted(str(p.relative_to(folder)) for p in found)


@dataclass
class Telling:
    """What the fault runs found (reported by the test)."""

    runs: int = 0
    oud: int = 0
    nieuw: int = 0
    hersteld: int = 0
    fouten: list[str] = field(default_factory=list)

    def line(self, what: str) -> str:
        return (
            f"{what}: {self.runs} onderbrekingen, {self.oud} oude stand, {self.nieuw} nieuwe "
            f"stand, {self.hersteld} keer hersteld door de volgende opdracht, "
            f"{len(self.fouten)} inconsistent"
        )


def _judge(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    before: dict[str, bytes],
    after: dict[str, bytes],
    telling: Telling,
    label: str,
) -> None:
    """The next command cleans up; then the data is old or new, whole, and valid."""
    journaal = bool(list(folder.rglob("journaal.json")))
    result = invoke(capsys, ["--data", str(folder / "data"), "validate"], cwd=folder)
    telling.runs += 1
    if journaal:
        telling.hersteld += 1
        if "werd onderbroken" not in result.err:
            telling.fouten.append(f"{label}: herstel niet gemeld: {result.err!r}")
    state = snapshot(folder / "data")
    if state == before:
        telling.oud += 1
    elif state == after:
        telling.nieuw += 1
    else:
        changed = sorted(k for k in {*state, *after} if state.get(k) != after.get(k))
        telling.fouten.append(f"{label}: half geschreven: {changed[:5]}")
    if _leftovers(folder):
        telling.fouten.append(f"{label}: achtergelaten: {_leftovers(folder)}")
    if result.code != 0:
        telling.fouten.append(f"{label}: validate {result.code}: {result.out[-500:]}")


Stand = dict[str, bytes]


def _reference(tmp_path: Path, schrijver: Schrijver) -> tuple[Stand, Stand, int]:
    """The state before and after an uninterrupted run, and how many calls it makes.
    Leaves the prepared folder in ``tmp_path / "bron"`` for :func:`_fresh`."""
    _folder(tmp_path / "bron", schrijver)
    folder = _fresh(tmp_path)
    before = snapshot(folder / "data")
    calls = tmp_path / "calls"
    status = _child(folder, schrijver.args(folder), None, calls)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    after = snapshot(folder / "data")
    assert after != before
    assert _leftovers(folder) == []
    return before, after, int(calls.read_text())


def _fresh(tmp_path: Path) -> Path:
    """The prepared folder again, at the same place and with the same modification
    times (copy2), so that the caches of earlier runs are used: runs stay cheap."""
    folder = tmp_path / "run"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(tmp_path / "bron", folder, copy_function=shutil.copy2, symlinks=True)
    return folder


def _steps(calls: int, seed: str) -> list[int]:
    """Which calls to kill at: every one with WATERKETEN_STORINGEN=alle; otherwise a
    seeded sample of a third of them (at least 16), always with the first and last."""
    everything = list(range(1, calls + 1))
    if os.environ.get("WATERKETEN_STORINGEN") == "alle" or calls <= 16:
        return everything
    rng = random.Random(f"waterketen-{seed}")
    sample = rng.sample(everything[1:-1], max(14, calls // 3 - 2))
    return sorted({1, calls, *sample})


@pytest.mark.parametrize("schrijver", SCHRIJVERS, ids=lambda s: s.naam)
def test_kill_at_every_step_of_the_write(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, schrijver: Schrijver
) -> None:
    """SIGKILL just before each call the write path makes into the operating system."""
    before, after, calls = _reference(tmp_path, schrijver)
    assert calls >= 10  # the transaction really was counted
    telling = Telling()
    for stop in _steps(calls, schrijver.naam):
        folder = _fresh(tmp_path)
        status = _child(folder, schrijver.args(folder), stop, None)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (stop, status)
        _judge(capsys, folder, before, after, telling, f"stap {stop}")
    print(f"\n{telling.line(schrijver.naam + ', kill -9 bij elke stap')}")
    assert telling.fouten == []
    assert telling.oud and telling.nieuw  # both sides of the commit point were hit


@pytest.mark.parametrize("schrijver", SCHRIJVERS, ids=lambda s: s.naam)
def test_kill_at_random_moments(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, schrijver: Schrijver
) -> None:
    """SIGKILL from outside after a seeded random delay, over the whole run."""
    before, after, _ = _reference(tmp_path, schrijver)
    folder = _fresh(tmp_path)
    start = time.perf_counter()
    _child(folder, schrijver.args(folder), None, None)
    duration = time.perf_counter() - start
    rng = random.Random(f"waterketen-{schrijver.naam}")
    telling = Telling()
    for run in range(8):
        folder = _fresh(tmp_path)
        _killed_after(folder, schrijver.args(folder), rng.uniform(0, duration * 1.1))
        _judge(capsys, folder, before, after, telling, f"run {run}")
    print(f"\n{telling.line(schrijver.naam + ', kill -9 op een willekeurig moment')}")
    assert telling.fouten == []


# --- a full disk and a read-only folder ------------------------------------------------------


@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[bool]:
    """A small tmpfs at ``where`` when this process may mount (root); else nothing."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        yield False
        return
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill_disk(folder: Path) -> Path:
    """Fill the file system until it is full; returns the filler to delete later."""
    filler = folder / "vulling"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    return filler


@pytest.mark.parametrize("schrijver", SCHRIJVERS, ids=lambda s: s.naam)
def test_full_disk_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    schrijver: Schrijver,
) -> None:
    with _tmpfs(tmp_path / "schijf", "4m") as mounted:
        folder = _folder(tmp_path / "schijf" / "repo", schrijver)
        before = snapshot(folder / "data")
        args = ["--data", str(folder / "data"), *schrijver.args(folder)]
        if mounted:
            filler = _fill_disk(folder)
        else:
            from waterketen_cli.records import transactie

            real = transactie._prepare

            def full(*a: Any) -> None:
                raise OSError(errno.ENOSPC, "No space left on device", str(a[0].doel))

            monkeypatch.setattr(transactie, "_prepare", full)
        result = invoke(capsys, args, cwd=folder)
        assert result.code == 1, result.err
        assert "de schijf is vol" in result.err
        assert "er is niets veranderd" in result.err
        assert snapshot(folder / "data") == before
        assert _leftovers(folder) == []
        # With room again, the same command works.
        if mounted:
            filler.unlink()
        else:
            monkeypatch.setattr(transactie, "_prepare", real)
        assert invoke(capsys, args, cwd=folder).code == 0
        assert snapshot(folder / "data") != before
        assert _leftovers(folder) == []


def test_read_only_folder_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schrijver = SCHRIJVERS[1]  # notulen verwerk: a changed meeting and new actions
    with _tmpfs(tmp_path / "schijf", "8m") as mounted:
        folder = _folder(tmp_path / "schijf" / "repo", schrijver)
        before = snapshot(folder / "data")
        acties = folder / "data" / "acties"
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(tmp_path / "schijf")], check=True)
        elif os.geteuid() != 0:
            acties.chmod(0o555)
        else:
            from waterketen_cli.records import transactie

            real_create = transactie._create

            def refuse(path: Path, mode: int) -> int:
                if path.parent == acties:
                    raise OSError(errno.EROFS, "Read-only file system", str(path))
                return real_create(path, mode)

            monkeypatch.setattr(transactie, "_create", refuse)
        result = invoke(
            capsys, ["--data", str(folder / "data"), *schrijver.args(folder)], cwd=folder
        )
        if mounted:
            subprocess.run(["mount", "-o", "remount,rw", str(tmp_path / "schijf")], check=True)
        acties.chmod(0o755)
        assert result.code == 1, result.err
        assert "er is niets" in result.err  # niets geschreven / niets veranderd
        assert "fout in waterketen" not in result.err
        assert snapshot(folder / "data") == before
        assert _leftovers(folder) == []


# --- two writers at once -----------------------------------------------------------------------


def _both(folder: Path, first: list[str], second: list[str]) -> tuple[int, int]:
    """Start two writers at the same moment; their exit codes."""
    pids = [_start(folder, first), _start(folder, second)]
    codes = []
    for pid in pids:
        status = os.waitpid(pid, 0)[1]
        codes.append(os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1)
    return codes[0], codes[1]


def test_two_agendas_for_one_date(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = _folder(tmp_path, SCHRIJVERS[2])
    codes = _both(
        folder,
        ["agenda", "new", "--datum", "2027-01-26"],
        ["agenda", "new", "--datum", "2027-01-26"],
    )
    assert sorted(codes) == [0, 1]
    assert (folder / "data" / "vergaderingen" / "cco-2027-01-26.yaml").exists()
    assert invoke(capsys, ["--data", str(folder / "data"), "validate"], cwd=folder).code == 0


def test_two_agendas_never_share_a_proposal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import yaml

    folder = _folder(tmp_path, SCHRIJVERS[2])
    codes = _both(
        folder,
        ["agenda", "new", "--datum", "2027-01-26"],
        ["agenda", "new", "--datum", "2027-02-09"],
    )
    assert codes == (0, 0)
    titles = []
    for name in ("cco-2027-01-26", "cco-2027-02-09"):
        record = yaml.safe_load((folder / "data" / "vergaderingen" / f"{name}.yaml").read_text())
        titles.append({p["titel"] for p in record["agenda"] if "soort" not in p})
    assert titles[0] | titles[1]  # the proposals went somewhere
    assert not titles[0] & titles[1]  # but never to both
    assert invoke(capsys, ["--data", str(folder / "data"), "validate"], cwd=folder).code == 0


def test_fmt_next_to_closing_an_action_loses_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path, SCHRIJVERS[3])  # three records out of canonical form
    codes = _both(folder, ["fmt"], ["acties", "afronden", "cco-2026-04-07-1"])
    assert codes == (0, 0)
    text = (folder / "data" / "acties" / "cco-2026-04-07-1.yaml").read_text()
    assert "status: afgerond\n" in text and "afgerond_op: 2026-12-16\n" in text
    data = ["--data", str(folder / "data")]
    assert invoke(capsys, [*data, "fmt", "--check"], cwd=folder).code == 0
    assert invoke(capsys, [*data, "validate"], cwd=folder).code == 0


def test_a_second_writer_waits_then_names_the_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from waterketen_cli.records import transactie

    folder = _folder(tmp_path, SCHRIJVERS[0])
    monkeypatch.setattr(transactie, "WACHTTIJD", 0.5)
    before = snapshot(folder / "data")
    with transactie.slot(folder / "data", "waterketen notulen verwerk verslag.md"):
        result = invoke(
            capsys,
            ["--data", str(folder / "data"), "acties", "afronden", "cco-2026-04-07-1"],
            cwd=folder,
        )
    assert result.code == 1
    assert result.err.startswith(
        "fout: een andere opdracht schrijft al in deze gegevensmap: "
        "'waterketen notulen verwerk verslag.md' (proces "
    )
    assert snapshot(folder / "data") == before


def test_a_file_changed_under_the_command_is_not_overwritten(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone saves the action in an editor while ``acties afronden`` runs."""
    from waterketen_cli.records import transactie

    folder = _folder(tmp_path, SCHRIJVERS[0])
    path = folder / "data" / "acties" / "cco-2026-04-07-1.yaml"
    edited = path.read_text(encoding="utf-8").replace("gevraagd.", "gevraagd. Bijna klaar.")
    real = transactie._prepare

    def editor_saves(*args: Any) -> None:
        path.write_text(edited, encoding="utf-8")
        real(*args)

    monkeypatch.setattr(transactie, "_prepare", editor_saves)
    before = snapshot(folder / "data")
    result = invoke(
        capsys,
        ["--data", str(folder / "data"), "acties", "afronden", "cco-2026-04-07-1"],
        cwd=folder,
    )
    assert result.code == 1
    assert result.err == (
        f"fout: {path} is gewijzigd terwijl deze opdracht liep (door een ander programma of "
        "iemand anders)\n  er is niets geschreven; voer de opdracht opnieuw uit, dan gaat hij "
        "uit van de nieuwe stand\n"
    )
    assert path.read_text(encoding="utf-8") == edited
    assert {
        k: v for k, v in snapshot(folder / "data").items() if k != "acties/cco-2026-04-07-1.yaml"
    } == {k: v for k, v in before.items() if k != "acties/cco-2026-04-07-1.yaml"}
    assert _leftovers(folder) == []


# --- files as they are ---------------------------------------------------------------------------


def test_mode_is_kept_and_symlinks_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path, SCHRIJVERS[0])
    data = ["--data", str(folder / "data")]
    path = folder / "data" / "acties" / "cco-2026-04-07-1.yaml"
    path.chmod(0o640)
    assert invoke(capsys, [*data, "acties", "afronden", "cco-2026-04-07-1"], cwd=folder).code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640

    elders = tmp_path / "elders.yaml"
    other = folder / "data" / "acties" / "cco-2026-11-17-3.yaml"
    shutil.move(other, elders)
    other.symlink_to(elders)
    result = invoke(capsys, [*data, "acties", "afronden", "cco-2026-11-17-3"], cwd=folder)
    assert result.code == 1
    assert result.err.startswith(f"fout: {other} is een symbolische koppeling")
    assert other.is_symlink() and "status: open" in elders.read_text()


def test_output_to_a_symlink_or_dash(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = _folder(tmp_path, SCHRIJVERS[0])
    data = ["--data", str(folder / "data")]
    target = tmp_path / "echt.md"
    target.write_text("eigen tekst\n")
    link = folder / "agenda.md"
    link.symlink_to(target)
    args = [*data, "agenda", "render", "cco-2026-12-15", "--overschrijf", "-o"]
    result = invoke(capsys, [*args, str(link)], cwd=folder)
    assert result.code == 1
    assert "is een symbolische koppeling" in result.err
    assert target.read_text() == "eigen tekst\n"
    result = invoke(capsys, [*args, "-"], cwd=folder)
    assert result.code == 0
    assert result.out.startswith("# ")
    assert not (folder / "-").exists()


# --- what writers leave behind -------------------------------------------------------------------


ALLE_SCHRIJVERS = [
    *SCHRIJVERS,
    Schrijver(
        "project new",
        lambda f: [
            "project",
            "new",
            "riothermie-emmen",
            "--titel",
            "Riothermie Emmen",
            "--doel",
            "Warmte uit rioolwater",
            "--trekker",
            "p-haverkort",
            "--regionaal",
            "--thema",
            "energietransitie",
            "--begin",
            "2027-03-01",
            "--eind",
            "2028-12-31",
        ],
    ),
    Schrijver("codeowners", lambda f: ["codeowners"]),
    Schrijver("schema", lambda f: ["schema"]),
]


@pytest.mark.parametrize("schrijver", ALLE_SCHRIJVERS, ids=lambda s: s.naam)
def test_after_every_writer_validate_and_fmt_pass(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, schrijver: Schrijver
) -> None:
    folder = _folder(tmp_path, schrijver)
    shutil.copytree(EXAMPLE_DATA.parent / "schemas", folder / "schemas")
    data = ["--data", str(folder / "data")]
    before = invoke(capsys, [*data, "validate", "--format", "json"], cwd=folder)
    result = invoke(capsys, [*data, *schrijver.args(folder)], cwd=folder)
    assert result.code == 0, result.err
    after = invoke(capsys, [*data, "validate", "--format", "json"], cwd=folder)
    assert after.code == 0, after.out
    import json

    def errors(out: str) -> list[tuple[str, str, str]]:
        return sorted(
            (f["bestand"], f["check"], f["bericht"])
            for f in json.loads(out)["bevindingen"]
            if f["ernst"] == "fout"
        )

    assert errors(after.out) == errors(before.out) == []
    assert invoke(capsys, [*data, "fmt", "--check"], cwd=folder).code == 0
    assert _leftovers(folder) == []


def test_comments_in_the_attendance_survive_processing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A comment line inside 'afgemeld:', one at the end of its line, and the file's
    last comment stay where they were; so does a pre-recorded absentee the minutes do
    not list."""
    folder = _folder(tmp_path, SCHRIJVERS[1])
    path = folder / "data" / "vergaderingen" / "cco-2026-12-15.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("afgemeld:\n  - p-dijkstra\n")
    path.write_text(
        text.replace(
            "afgemeld:\n  - p-dijkstra\n",
            "afgemeld:\n  # per mail, 10 december\n  - p-dijkstra  # vakantie\n"
            "  - p-extern\n# Laatste regel: bijgewerkt door het secretariaat.\n",
        ),
        encoding="utf-8",
    )
    persoon = folder / "data" / "personen" / "p-extern.yaml"
    persoon.write_text(
        "id: p-extern\nnaam: Gast Extern\norganisatie: wmd\nfunctie: Adviseur\n", encoding="utf-8"
    )
    data = ["--data", str(folder / "data")]
    result = invoke(capsys, [*data, "notulen", "verwerk", str(folder / "verslag.md")], cwd=folder)
    assert result.code == 0, result.err
    after = path.read_text(encoding="utf-8")
    assert "  # per mail, 10 december\n  - p-dijkstra  # vakantie\n  - p-extern\n" in after
    assert "  - p-extern\n# Laatste regel: bijgewerkt door het secretariaat.\n" in after
    assert "status: gehouden\n" in after
    assert "      ### Kosten\n" in after and "Fase 1 … 3 kost samen" in after
    assert invoke(capsys, [*data, "fmt", "--check"], cwd=folder).code == 0


def test_line_endings_of_a_record_are_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A record checked out with CRLF (git's autocrlf on Windows) stays CRLF."""
    folder = _folder(tmp_path, SCHRIJVERS[0])
    path = folder / "data" / "acties" / "cco-2026-04-07-1.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    data = ["--data", str(folder / "data")]
    assert invoke(capsys, [*data, "fmt", "--check"], cwd=folder).code == 0
    result = invoke(capsys, [*data, "acties", "afronden", "cco-2026-04-07-1"], cwd=folder)
    assert result.code == 0, result.err
    raw = path.read_bytes()
    assert b"status: afgerond\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    assert invoke(capsys, [*data, "fmt", "--check"], cwd=folder).code == 0


@pytest.mark.parametrize("schrijver", ALLE_SCHRIJVERS, ids=lambda s: s.naam)
def test_every_writer_keeps_crlf_records_crlf(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, schrijver: Schrijver
) -> None:
    """A data folder checked out with CRLF line endings (git's autocrlf on Windows): every
    writer leaves each record it rewrites with CRLF, and fmt does not flip them."""
    folder = _folder(tmp_path, schrijver)
    for path in (folder / "data").rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    shutil.copytree(EXAMPLE_DATA.parent / "schemas", folder / "schemas")
    data = ["--data", str(folder / "data")]
    before = snapshot(folder / "data")
    result = invoke(capsys, [*data, *schrijver.args(folder)], cwd=folder)
    assert result.code == 0, result.err
    after = snapshot(folder / "data")
    changed = [name for name, raw in after.items() if before.get(name) not in (None, raw)]
    for name in changed:
        raw = after[name]
        assert raw.count(b"\n") == raw.count(b"\r\n"), name
    assert invoke(capsys, [*data, "fmt", "--check"], cwd=folder).code == 0
    assert invoke(capsys, [*data, "validate"], cwd=folder).code == 0


def test_findings_in_a_crlf_record_have_the_right_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path, SCHRIJVERS[0])
    path = folder / "data" / "acties" / "cco-2026-04-07-1.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "actiehouder: p-dijkstra", "actiehouder: p-dijkstr"
    )
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    line = next(i for i, regel in enumerate(text.splitlines(), 1) if "p-dijkstr" in regel)
    result = invoke(capsys, ["--data", str(folder / "data"), "validate"], cwd=folder)
    assert result.code == 1
    assert f"    {line}:14  fout         actiehouder: onbekende persoon 'p-dijkstr'" in result.out
