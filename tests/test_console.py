"""Any console, any encoding: every command, run as a user runs it (the installed
``waterketen`` in a child process), never fails because of the output stream.

The commands come from the typer app itself, so a new command is in these tests at
once: its ``--help`` runs in every mode, and the test of the command fails until it has
a harmless invocation in :data:`AANROEPEN`.

Modes (see ``output.configure_streams`` for the rule they check):

- a pipe with ``NO_COLOR=1`` and ``TERM=dumb``: plain UTF-8 text, no escape codes;
- a pipe with ``PYTHONIOENCODING=cp1252`` (what a Windows redirect gets): the same
  UTF-8 bytes, so a redirected document is exact;
- a terminal (a pseudo-terminal, not on Windows) in cp1252: what the encoding lacks
  is replaced ("→" -> "->"); with ``NO_COLOR`` or ``TERM=dumb`` no escape codes.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import EXAMPLE_DATA, ROOT

WATERKETEN = Path(sys.executable).parent / "waterketen"
#: After cco-2026-12-15, so that its minutes can be processed.
VANDAAG = "2026-12-16"

PROJECT = [
    "--titel",
    "Riothermie in de stad Groningen",
    "--doel",
    "Warmte uit rioolwater winnen – een proef",
    "--aanpak",
    "Eerst een haalbaarheidsstudie, dan een pilot",
    "--trekker",
    "p-kuipers",
    "--cluster",
    "waterpas",
    "--thema",
    "energietransitie",
    "--status",
    "voorstel",
    "--begin",
    "2027-03-01",
    "--eind",
    "2028-12-31",
    "--besluitvorming",
    "stuurgroep",
]

#: Per command a harmless, valid invocation or two (whole argument lists, so that one
#: can prepare the next): nothing is written in the data; what is written goes to the
#: current folder, which is new for every mode. In a terminal only the last one runs.
AANROEPEN: dict[tuple[str, ...], list[list[str]]] = {
    ("validate",): [["validate", "-f", "json"], ["validate"]],
    ("schema",): [["schema", "--check"]],
    ("kalender",): [["kalender"]],
    ("overzicht",): [
        ["overzicht", "--markdown", "--sinds", "cco"],
        ["overzicht", "-o", "overzicht.xlsx"],
        ["overzicht"],
    ],
    ("besluiten",): [["besluiten", "-f", "json"], ["besluiten", "--openbaar"]],
    ("middelen",): [["middelen", "--markdown"], ["middelen"]],
    ("monitor",): [["monitor", "--markdown"], ["monitor"]],
    ("jaarplan",): [["jaarplan", "2027", "--openbaar"], ["jaarplan", "2027"]],
    ("jaarverslag",): [["jaarverslag", "2026", "-o", "jaarverslag.md"], ["jaarverslag", "2026"]],
    # A workbook of the wrong kind: every cell accounted for, an error in Dutch (exit 1).
    ("monitor", "import"): [
        ["besluiten", "-o", "besluiten.xlsx"],
        ["monitor", "import", "besluiten.xlsx", "--droog"],
    ],
    ("wijzigingen",): [["wijzigingen", "--format", "markdown"], ["wijzigingen"]],
    ("codeowners",): [["codeowners", "-o", "-"]],
    ("init",): [["init", "nieuw", "--regio", "Waterketen Test – Noord"]],
    ("fmt",): [["fmt", "--check"]],
    ("site",): [["site", "-o", "website"]],
    ("agenda", "new"): [["agenda", "new", "--datum", "2027-01-26", "--droog", "--markdown"]],
    ("agenda", "plan"): [["agenda", "plan", "2027", "--droog"]],
    ("agenda", "render"): [["agenda", "render", "cco-2026-12-15"]],
    ("notulen", "new"): [["notulen", "new", "cco-2026-12-15"]],
    ("notulen", "verwerk"): [
        ["notulen", "new", "cco-2026-12-15", "-o", "verslag.md"],
        ["notulen", "verwerk", "verslag.md", "--droog"],
    ],
    ("notulen", "render"): [
        ["notulen", "render", "stuurgroep-2026-09-24", "--openbaar"],
        ["notulen", "render", "stuurgroep-2026-09-24"],
    ],
    ("besluitenlijst",): [["besluitenlijst", "stuurgroep-2026-09-24", "--openbaar"]],
    ("uitvoering",): [["uitvoering", "-o", "uitvoering.md"], ["uitvoering"]],
    ("agenda", "genodigden"): [
        ["agenda", "genodigden", "themabijeenkomst-2026-02-12", "-f", "json"],
        ["agenda", "genodigden", "themabijeenkomst-2026-02-12"],
    ],
    ("agenda", "presentielijst"): [["agenda", "presentielijst", "themabijeenkomst-2026-02-12"]],
    ("agenda", "terugblik"): [["agenda", "terugblik", "themabijeenkomst-2026-02-12"]],
    ("agenda", "bundel"): [["agenda", "bundel", "cco-2026-12-15", "--openbaar"]],
    # VANDAAG is the day after the meeting: --toch; --droog sends and writes nothing.
    ("agenda", "verstuur"): [["agenda", "verstuur", "cco-2026-12-15", "--toch", "--droog"]],
    ("acties",): [["acties", "--alle", "-f", "json"], ["acties"]],
    ("acties", "afronden"): [
        ["acties", "afronden", "cco-2026-11-17-1", "--toelichting", "Opgeleverd → cco", "--droog"]
    ],
    ("project", "new"): [["project", "new", "riothermie-groningen", *PROJECT, "--droog"]],
    ("project", "plan"): [["project", "plan", "afkoppelen-waterpas"]],
    ("nieuwsbrief", "new"): [["nieuwsbrief", "new", "--droog"]],
    # The example newsletter is sent: --toch; --droog sends and writes nothing.
    ("nieuwsbrief", "verstuur"): [["nieuwsbrief", "verstuur", "2026-10", "--toch", "--droog"]],
}


def _commands() -> list[tuple[tuple[str, ...], bool]]:
    """Every command path of the app with whether it runs by itself (a group without a
    callback of its own only shows its help)."""
    import typer

    from waterketen_cli.cli.main import app

    found: list[tuple[tuple[str, ...], bool]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        subcommands: dict[str, object] = getattr(command, "commands", None) or {}
        if path:
            runs = not subcommands or bool(getattr(command, "invoke_without_command", False))
            found.append((path, runs))
        for name, sub in subcommands.items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


COMMANDS = _commands()
RUNNABLE = [path for path, runs in COMMANDS if runs]


@dataclass(frozen=True)
class Run:
    args: list[str]
    code: int
    out: bytes
    err: bytes

    def __str__(self) -> str:
        shown = " ".join(["waterketen", *self.args])
        return f"{shown} (exit {self.code})\n{self.err.decode(errors='replace')}"


#: The pipe modes: extra environment. "kaal" is the reference for the byte comparison.
PIJP = {
    "kaal": {"NO_COLOR": "1", "TERM": "dumb", "PYTHONIOENCODING": "utf-8"},
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
}
#: The terminal modes (a pseudo-terminal for standard output and error).
TERMINAL = {
    "terminal-cp1252-no-color": {"PYTHONIOENCODING": "cp1252", "NO_COLOR": "1"},
    "terminal-dumb": {"TERM": "dumb"},
}


@pytest.fixture(scope="module")
def gegevens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository with a copy of the example data and one change not yet
    committed (so that 'wijzigingen' has something to say, with an arrow in it). The
    commands only read it: every test shares it."""
    root = tmp_path_factory.mktemp("console") / "gegevens"
    shutil.copytree(EXAMPLE_DATA, root / "data")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(ROOT / "stukken", root / "stukken")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test Secretariaat",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test Secretariaat",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": "2026-01-05T12:00:00+01:00",
        "GIT_COMMITTER_DATE": "2026-01-05T12:00:00+01:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "gegevens"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    cluster = root / "data" / "clusters" / "waterpas.yaml"
    text = cluster.read_text(encoding="utf-8")
    assert "    status: gepland\n" in text
    cluster.write_text(text.replace("    status: gepland\n", "    status: lopend\n", 1), "utf-8")
    return root


def _environment(gegevens: Path, cwd: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONIOENCODING", "PYTHONUTF8", "NO_COLOR", "FORCE_COLOR", "TERM"}
        and not key.startswith(("COLUMNS", "LINES", "CLICOLOR"))
    }
    env.update(
        WATERKETEN_DATA=str(gegevens / "data"),
        WATERKETEN_VANDAAG=VANDAAG,
        # One cache for all runs (written atomically): the same data, read once.
        WATERKETEN_CACHE=str(gegevens.parent / "cache"),
        COLUMNS="120",
        TERM="xterm-256color",
    )
    env.update(extra)
    return env


def _in_pipe(args: list[str], env: dict[str, str], cwd: Path) -> Run:
    result = subprocess.run(
        [str(WATERKETEN), *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return Run(args, result.returncode, result.stdout, result.stderr)


def _in_terminal(args: list[str], env: dict[str, str], cwd: Path) -> Run:
    """Standard output and error on a pseudo-terminal of 120 columns; what it shows
    comes back in ``out`` (with the terminal's CRLF turned back into LF)."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        [str(WATERKETEN), *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    chunks: list[bytes] = []
    try:
        while select.select([leader], [], [], 120)[0]:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the program closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
    code = process.wait(timeout=60)
    return Run(args, code, b"".join(chunks).replace(b"\r\n", b"\n"), b"")


def _assert_survived(run: Run, *, allowed: tuple[int, ...] = (0, 1)) -> None:
    text = (run.out + run.err).decode("utf-8", errors="replace")
    assert run.code != 3, str(run)
    assert "Traceback" not in text, str(run)
    assert "UnicodeEncodeError" not in text, str(run)
    assert "interne fout" not in text, str(run)
    assert run.code in allowed, str(run)


Runner = Callable[[list[str], dict[str, str], Path], Run]


def _session(
    invocations: list[list[str]], mode: dict[str, str], gegevens: Path, cwd: Path, runner: Runner
) -> list[Run]:
    cwd.mkdir(parents=True)
    env = _environment(gegevens, cwd, mode)
    return [runner(args, env, cwd) for args in invocations]


def _in_all_modes(
    invocations: list[list[str]], gegevens: Path, tmp_path: Path, *, terminal: list[list[str]]
) -> dict[str, list[Run]]:
    """Every mode in its own new folder, side by side."""
    jobs: dict[str, tuple[list[list[str]], dict[str, str], Runner]] = {
        name: (invocations, extra, _in_pipe) for name, extra in PIJP.items()
    }
    if sys.platform != "win32":
        jobs |= {name: (terminal, extra, _in_terminal) for name, extra in TERMINAL.items()}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            name: pool.submit(_session, calls, extra, gegevens, tmp_path / name, runner)
            for name, (calls, extra, runner) in jobs.items()
        }
        return {name: future.result() for name, future in futures.items()}


def _check_modes(results: dict[str, list[Run]], *, allowed: tuple[int, ...]) -> None:
    for name, runs in results.items():
        for run in runs:
            _assert_survived(run, allowed=allowed)
            if name in ("kaal", "cp1252"):
                run.out.decode("utf-8")  # a file or a pipe gets UTF-8
                run.err.decode("utf-8")
                assert b"\x1b" not in run.out + run.err, f"escape-code naar een pijp: {run}"
            else:
                assert b"\x1b" not in run.out, f"escape-code met {name}: {run}"
                # What cp1252 lacks is replaced, never sent as UTF-8 bytes.
                if "cp1252" in name:
                    for char in "→▲▼✱":
                        assert char.encode() not in run.out, f"{char} in {name}: {run}"
    # A pipe gets the same bytes whatever the code page says.
    for kaal, cp1252 in zip(results["kaal"], results["cp1252"], strict=True):
        assert (cp1252.code, cp1252.out, cp1252.err) == (kaal.code, kaal.out, kaal.err), str(kaal)


@pytest.mark.parametrize("command", [path for path, _ in COMMANDS], ids=" ".join)
def test_help_in_every_console(command: tuple[str, ...], gegevens: Path, tmp_path: Path) -> None:
    call = [[*command, "--help"]]
    # The help is plain text in a terminal too (no rich): the root's is tried there
    # (test_a_cp1252_terminal_gets_plain_replacements).
    results = _in_all_modes(call, gegevens, tmp_path, terminal=[])
    _check_modes(results, allowed=(0,))
    assert results["kaal"][0].out.startswith(b"Gebruik: waterketen")


@pytest.mark.parametrize("command", RUNNABLE, ids=" ".join)
def test_command_in_every_console(command: tuple[str, ...], gegevens: Path, tmp_path: Path) -> None:
    invocations = AANROEPEN.get(command)
    assert invocations, (
        f"'waterketen {' '.join(command)}' is nieuw: geef het een onschuldige aanroep "
        "in AANROEPEN (tests/test_console.py)"
    )
    assert invocations[-1][: len(command)] == list(command)
    # In a terminal the last invocation, and what prepares it, is enough.
    *first, last = invocations
    preparing = [args for args in first if args[: len(command)] != list(command)]
    results = _in_all_modes(invocations, gegevens, tmp_path, terminal=[*preparing, last])
    _check_modes(results, allowed=(0, 1))


def test_every_invocation_is_of_a_command() -> None:
    assert set(AANROEPEN) <= set(RUNNABLE), set(AANROEPEN) - set(RUNNABLE)


# --- what the rule gives, shown on validate and monitor -------------------------------


def test_a_redirect_in_cp1252_gets_the_arrows_in_utf8(gegevens: Path, tmp_path: Path) -> None:
    """The failure of issue 16: 'PYTHONIOENCODING=cp1252 waterketen validate > file'."""
    env = _environment(gegevens, tmp_path, {"PYTHONIOENCODING": "cp1252"})
    validate = _in_pipe(["validate"], env, tmp_path)
    assert validate.code == 0, str(validate)
    assert "→ vraag de clustercoördinator" in validate.out.decode("utf-8")
    monitor = _in_pipe(["monitor"], env, tmp_path)
    assert monitor.code == 0, str(monitor)
    assert "▲" in monitor.out.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_a_cp1252_terminal_gets_plain_replacements(gegevens: Path, tmp_path: Path) -> None:
    env = _environment(gegevens, tmp_path, {"PYTHONIOENCODING": "cp1252"})
    help_ = _in_terminal(["--help"], env, tmp_path)
    assert help_.code == 0 and help_.out.decode("cp1252").startswith("Gebruik: waterketen")
    validate = _in_terminal(["validate"], env, tmp_path)
    assert validate.code == 0, str(validate)
    shown = validate.out.decode("cp1252")
    assert "-> vraag de clustercoördinator" in shown  # "ö" is in cp1252, "→" is not
    assert "\x1b[" in shown  # colour, in a terminal that has it
    monitor = _in_terminal(["monitor"], env, tmp_path)
    assert monitor.code == 0, str(monitor)
    shown = monitor.out.decode("cp1252")
    assert "^ +" in shown and "€" in shown  # "▲" -> "^"; "€" is in cp1252

    # JSON on such a terminal: \u escapes, so the data stays exact.
    shown_json = _in_terminal(["besluiten", "-f", "json"], env, tmp_path)
    piped_json = _in_pipe(["besluiten", "-f", "json"], env, tmp_path)
    assert shown_json.code == piped_json.code == 0, str(shown_json)
    assert shown_json.out.isascii() and b"\\u" in shown_json.out
    assert json.loads(shown_json.out) == json.loads(piped_json.out)


def test_the_replacement_table() -> None:
    from waterketen_cli.cli.output import VERVANGEN, plain

    text = "→ ▲ ▼ … – — ‘’ “” € ✱ ✓ ö ĳ 中"
    # cp1252 keeps what it has (…, –, —, quotes, €, ö) and replaces the rest.
    assert text.encode("cp1252", VERVANGEN) == "-> ^ v … – — ‘’ “” € * v ö ij ?".encode("cp1252")
    assert text.encode("ascii", VERVANGEN) == (b"-> ^ v ... - - '' \"\" EUR * v o ij ?")
    assert plain("\udcff") == "?"
    assert "a\udcffb".encode("utf-8", VERVANGEN) == b"a?b"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    """Checking a thousand records cold shows a progress bar with a count on a terminal;
    with --stil, in CI and in a pipe nothing extra is printed (the same bytes)."""
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "genereer.py"),
            str(tmp_path / "g"),
            "--records",
            "1000",
            "--seed",
            "1",
        ],
        check=True,
        capture_output=True,
    )
    gegevens = tmp_path / "g"
    cwd = tmp_path / "werk"
    cwd.mkdir()

    def run(runner: Runner, *args: str, **extra: str) -> Run:
        env = _environment(gegevens, cwd, {"CI": "", "GITHUB_ACTIONS": "", **extra})
        env["WATERKETEN_CACHE"] = str(tmp_path / f"cache-{len(list(tmp_path.iterdir()))}")
        return runner([*args, "validate"], env, cwd)

    bar = run(_in_terminal)
    assert b"Controleren" in bar.out and b"/1000" in bar.out, bar.out[-300:]
    for quiet in (run(_in_terminal, "--stil"), run(_in_terminal, CI="true")):
        assert b"Controleren" not in quiet.out
    piped = run(_in_pipe)
    assert b"Controleren" not in piped.out + piped.err
    assert piped.out == run(_in_pipe, "--stil").out
