"""Benchmark: how fast are the ``waterketen`` commands compared with a bare libyaml parse?

``python benchmarks/bench.py [--records N] [--runs R] [--map DIR] [--json] [--geheugen N]``

Generates a synthetic data folder (see ``genereer.py``) and makes the folder that holds
``data/`` and ``stukken/`` a git repository with one commit. Then it measures in one run,
each as the median of R runs of a subprocess: the bare parse with PyYAML's
``CSafeLoader`` (the baseline), ``fmt --check`` and ``validate`` with a cold and a warm
cache, ``validate`` after one changed file, ``validate --gewijzigd HEAD`` after one
changed file, ``agenda new --droog``, ``overzicht``, ``besluiten`` and ``acties`` cold and
warm, ``waterketen --help``, and the peak memory of the cold validate. The rounds are
interleaved so that a slow moment of the machine hits every measurement. Every figure is
shown beside its goal, as a ratio to the bare parse of the same run where the goal is one.

Sanity checks: no errors from ``validate`` and nothing from ``fmt --check`` on the clean
data, ``--gewijzigd`` sees exactly the one changed file, ``agenda new --droog`` writes
nothing (git status), and a broken file behind a warm cache is found.

With ``--geheugen N`` it measures only the peak memory of a cold ``validate`` on a folder
of about N records, against its own goal. It does not time anything then.

Exit code: 0 all goals met, 1 a goal missed (or a measurement refused by the tool, such as
``agenda new`` on data it cannot plan), 2 the measurement itself failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import genereer

TIMEOUT_SECONDS = 900

# Read and parse every record file; timed inside the process, so start-up is excluded.
_BARE_PARSE = """
import json, sys, time
from pathlib import Path
import yaml
if not getattr(yaml, "__with_libyaml__", False):
    sys.exit("PyYAML zonder libyaml: yaml.CSafeLoader ontbreekt")
root = Path(sys.argv[1])
start = time.perf_counter()
count = size = 0
for path in sorted(root.glob("*/*.yaml")):
    with open(path, "rb") as handle:
        raw = handle.read()
    yaml.load(raw, Loader=yaml.CSafeLoader)
    count += 1
    size += len(raw)
print(json.dumps({"seconds": time.perf_counter() - start, "files": count, "bytes": size}))
"""

# The least ``validate --gewijzigd`` does in this design, timed as a whole process: start
# the CLI (typer), load the checks and the models (pydantic), and check the one changed
# file by itself. No listing of the folder, no cache, no git, no checks across records.
_FLOOR_CHANGED = """
import os, sys
from pathlib import Path
import waterketen_cli.cli.main  # noqa: F401 - every command starts here
from waterketen_cli.checks import engine
from waterketen_cli.records import store
from waterketen_cli.soorten import SOORT_PER_MAP
path = Path(sys.argv[1])
st = os.stat(path)
toon = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
soort = SOORT_PER_MAP[path.parent.name]
entry = engine._check_file(store.Stat(str(path.parent), toon, soort, st.st_mtime_ns, st.st_size))
if entry.record_id is None:
    sys.exit(f"{toon}: niet geldig")
"""

# The summary line of the text output: "10000 bestanden gecontroleerd: 0 fouten, 3 waarschuwingen."
_SUMMARY = re.compile(r"(\d+) fout(?:en)?, (\d+) waarschuwing(?:en)?")
# A finding line: "     5:11  waarschuwing deadline: ..."; used when there is no summary.
_FINDING = re.compile(r"^\s*(?:\S+\.ya?ml:)?\d+(?::\d+)?:?\s+(fout|waarschuwing)\b")
# validate --gewijzigd: "1 gewijzigd bestand gecontroleerd, verwijzingen in de hele map: …"
_CHANGED_SUMMARY = re.compile(r"(\d+) gewijzigde? bestand(?:en)? gecontroleerd")
# fmt --check: "fout: 214 van 2000 bestanden niet in vaste vorm", one line per file before.
_FMT_SUMMARY = re.compile(r"(\d+) van \d+ bestand(?:en)? niet in vaste vorm")
_FMT_FILE = re.compile(r"(?m)^niet in vaste vorm: ")

# The git repository of the data: author and dates fixed, the user's configuration unused.
_GIT_ENV = {
    "GIT_AUTHOR_NAME": "Benchmark",
    "GIT_AUTHOR_EMAIL": "benchmark@example.invalid",
    "GIT_AUTHOR_DATE": "2026-11-27T12:00:00+01:00",
    "GIT_COMMITTER_NAME": "Benchmark",
    "GIT_COMMITTER_EMAIL": "benchmark@example.invalid",
    "GIT_COMMITTER_DATE": "2026-11-27T12:00:00+01:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

# The read-only commands measured cold and warm: name → (label, arguments after
# "waterketen"). {datum} is a free weekday after the data's TODAY (see free_meeting_date).
READING_COMMANDS: dict[str, tuple[str, str]] = {
    "agenda_new": ("agenda new --droog", "agenda new --datum {datum} --droog"),
    "overzicht": ("overzicht", "overzicht"),
    "besluiten": ("besluiten", "besluiten"),
    "acties": ("acties", "acties"),
}


class MeasurementError(Exception):
    """The thing measured misbehaved (crash, traceback, timeout): the figures mean nothing."""


@dataclass(frozen=True)
class Goal:
    text: str  # as printed in the table
    limit: float
    relative: bool  # against the bare parse; otherwise an absolute value
    inclusive: bool = True

    def met(self, value: float) -> bool:
        return value <= self.limit if self.inclusive else value < self.limit


@dataclass(frozen=True)
class Measurement:
    label: str
    unit: str  # "s" (timed: has a ratio to the bare parse), "MB" or "" (a count)
    goal: Goal | None = None


def _ratio_goal(limit: float) -> Goal:
    return Goal(f"≤ {f'{limit:g}'.replace('.', ',')}×", limit, relative=True)


def _number(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


MEASUREMENTS: dict[str, Measurement] = {
    "bare_parse": Measurement("kale parse (CSafeLoader)", "s"),
    "bare_parse_with_startup": Measurement("kale parse incl. opstarten", "s"),
    "fmt_check_cold": Measurement("fmt --check, koude cache", "s", _ratio_goal(5)),
    "fmt_check_unchanged": Measurement("fmt --check, ongewijzigd", "s", _ratio_goal(0.25)),
    "validate_cold": Measurement("validate, koude cache", "s", _ratio_goal(1.3)),
    "validate_unchanged": Measurement("validate, ongewijzigd", "s", _ratio_goal(0.25)),
    "validate_one_changed": Measurement("validate, één bestand gewijzigd", "s", _ratio_goal(0.4)),
    "validate_changed_head": Measurement(
        "validate --gewijzigd HEAD, één gewijzigd", "s", _ratio_goal(0.1)
    ),
    "floor_changed_head": Measurement("  ondergrens: opstarten + één bestand", "s"),
    **{
        f"{name}_cold": Measurement(f"{label}, koud", "s", _ratio_goal(1))
        for name, (label, _) in READING_COMMANDS.items()
    },
    **{
        f"{name}_warm": Measurement(f"{label}, warm", "s", _ratio_goal(0.3))
        for name, (label, _) in READING_COMMANDS.items()
    },
    "help": Measurement("waterketen --help", "s", Goal("< 0,2 s", 0.2, False, inclusive=False)),
    "memory_mb": Measurement("piekgeheugen koude validate", "MB"),
    "errors_on_clean_data": Measurement("fouten op schone data", "", Goal("0", 0, False)),
    "fmt_reports_on_clean_data": Measurement(
        "fmt --check meldt op schone data", "", Goal("0 (exit 0)", 0, False)
    ),
}

#: --geheugen: only the peak memory, on a folder of its own size.
MEMORY_MEASUREMENTS: dict[str, Measurement] = {
    "memory_mb": Measurement(
        "piekgeheugen koude validate", "MB", Goal("< 250 MB", 250, False, inclusive=False)
    ),
}


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)
    failure: str | None = None  # the tool refused (e.g. agenda new): no figure, its message

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.max_rss_mb for r in self.runs)


def run_measured(command: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    """Run a command; wall time, and the peak RSS of the process (and children it waited for).

    ``os.wait4`` hands back the child's own resource usage, so no wrapper process is needed;
    output goes to files, never to pipes that could fill up while we wait.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        timer = threading.Timer(TIMEOUT_SECONDS, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode == -9 and seconds >= TIMEOUT_SECONDS:
            raise MeasurementError(f"{shlex.join(command)} duurde langer dan {TIMEOUT_SECONDS} s")
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    rss_mb = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    return Run(seconds, rss_mb, process.returncode, stdout, stderr)


def _has_traceback(run: Run) -> bool:
    return "Traceback (most recent call last)" in run.stdout + run.stderr


def check_run(run: Run, command: Sequence[str], allowed: tuple[int, ...]) -> None:
    """Fail loudly on a crash: an exit code not allowed, or a traceback anywhere."""
    if run.returncode in allowed and not _has_traceback(run):
        return
    tail = "\n".join((run.stderr or run.stdout).strip().splitlines()[-25:])
    raise MeasurementError(
        f"{shlex.join(command)} eindigde met exitcode {run.returncode}"
        f"{' en een traceback' if _has_traceback(run) else ''}:\n{tail}"
    )


def refusal(run: Run) -> str | None:
    """The tool's message when it refused the data (exit 2, no traceback); else None."""
    if run.returncode != 2 or _has_traceback(run):
        return None
    lines = [line.strip() for line in (run.stderr or run.stdout).strip().splitlines()]
    return f"exitcode 2: {' / '.join(line for line in lines if line)[:300]}"


def count_findings(output: str) -> tuple[int, int]:
    """(errors, warnings) from the summary line, or else by counting finding lines."""
    summaries = _SUMMARY.findall(output)
    if summaries:
        errors, warnings = summaries[-1]
        return int(errors), int(warnings)
    severities = [m.group(1) for m in map(_FINDING.match, output.splitlines()) if m]
    return severities.count("fout"), severities.count("waarschuwing")


def count_fmt_reports(run: Run) -> int:
    """How many files ``fmt --check`` reports as not canonical (at least 1 on exit 1)."""
    summary = _FMT_SUMMARY.search(run.stdout + "\n" + run.stderr)
    count = int(summary.group(1)) if summary else len(_FMT_FILE.findall(run.stdout))
    return max(count, 1) if run.returncode else count


class EditedFile:
    """One record file that is changed between runs and restored afterwards (with its mtime)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = path.read_bytes()
        self.stat = path.stat()

    def change(self, number: int) -> None:
        text = self.original.decode("utf-8")
        new, count = re.subn(
            r"(?m)^titel: .*$", f"titel: Benchmarkwijziging {number}", text, count=1
        )
        if not count:
            raise MeasurementError(f"{self.path} heeft geen regel 'titel: ...'")
        self.path.write_text(new, encoding="utf-8")

    def break_it(self) -> None:
        text = self.original.decode("utf-8")
        self.path.write_text(re.sub(r"(?m)^status: .*$", "status: onbekend", text), "utf-8")

    def restore(self) -> None:
        """The original bytes and mtime: a cache filled before the change is warm again."""
        self.path.write_bytes(self.original)
        os.utime(self.path, ns=(self.stat.st_atime_ns, self.stat.st_mtime_ns))


def find_command() -> list[str] | None:
    beside = Path(sys.executable).parent / "waterketen"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("waterketen")
    return [found] if found else None


def prepare_data(folder: Path | None, scratch: Path, records: int, seed: int) -> Path:
    """The data folder to measure: reused from --map if it has one, else generated."""
    if folder is not None:
        for candidate in (folder / "data", folder):
            if any((candidate / sub).is_dir() for sub in genereer.KINDS):
                return candidate
        target = folder
    else:
        target = scratch / "map"
    started = time.perf_counter()
    count = genereer.write(target, records, seed)
    log(f"{count} bestanden gegenereerd in {time.perf_counter() - started:.1f} s")
    return target / "data"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        env={**os.environ, **_GIT_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise MeasurementError(f"git {' '.join(args)} in {repo} mislukte:\n{done.stderr.strip()}")
    return done.stdout


def prepare_repository(repo: Path) -> None:
    """Make ``repo`` (the folder holding data/ and stukken/) a git repository with one
    commit, unless it is one; it must be clean, so that only the benchmark changes it."""
    if not (repo / ".git").exists():
        started = time.perf_counter()
        _git(repo, "-c", "init.defaultBranch=main", "init", "-q")
        _git(repo, "add", "-A")
        _git(repo, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "Synthetische gegevens")
        log(f"git-repository gemaakt in {time.perf_counter() - started:.1f} s")
    dirty = changed_paths(repo)
    if dirty:
        raise MeasurementError(
            f"{repo} heeft niet-gecommitte wijzigingen: {', '.join(sorted(dirty)[:5])}"
        )


def changed_paths(repo: Path) -> set[str]:
    """What ``git status`` reports: changed and untracked paths, relative to ``repo``."""
    out = _git(repo, "status", "--porcelain=v1", "-z", "--untracked-files=all")
    paths: set[str] = set()
    entries = iter(out.split("\0"))
    for entry in entries:
        if not entry:
            continue
        paths.add(entry[3:])
        if entry[0] in "RC":  # a rename or copy: the source path follows
            paths.add(next(entries, ""))
    return paths


def free_meeting_date(data: Path) -> dt.date:
    """A weekday after the data's TODAY on which no meeting is on record."""
    day = genereer.TODAY + dt.timedelta(days=14)
    while day.weekday() >= 5 or any((data / "vergaderingen").glob(f"*-{day.isoformat()}.yaml")):
        day += dt.timedelta(days=1)
    return day


def _code_stamp() -> int:
    """The newest mtime of the package's sources: the tool ignores a cache written by
    other code, so a source edited during the run makes a warm measurement cold."""
    import waterketen_cli

    return max(p.stat().st_mtime_ns for p in Path(waterketen_cli.__file__).parent.rglob("*.py"))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Results:
    measurements: dict[str, Measurement]
    files: int = 0
    size: int = 0
    bare_in_process: list[float] = field(default_factory=list)
    series: dict[str, Series] = field(default_factory=dict)
    findings: tuple[int, int] = (0, 0)
    cold_exit_code: int = 0
    fmt_reports: int = 0
    fmt_exit_code: int = 0
    fmt_sample: list[str] = field(default_factory=list)
    agenda_command: str = ""
    broken_file_found: bool = True
    refills: int = 0  # warm caches filled again because the sources changed
    disturbed: list[str] = field(default_factory=list)  # sources changed during these

    def add(self, name: str, run: Run) -> None:
        self.series.setdefault(name, Series()).runs.append(run)

    def fail(self, name: str, message: str) -> None:
        series = self.series.setdefault(name, Series())
        series.failure = series.failure or message

    def runs_of(self, name: str) -> list[float]:
        if name == "bare_parse":
            return list(self.bare_in_process)
        if name == "memory_mb":
            return [r.max_rss_mb for r in self.series["validate_cold"].runs]
        series = self.series.get(name)
        if series is None or series.failure:
            return []
        return [r.seconds for r in series.runs]

    def values(self) -> dict[str, float | None]:
        values: dict[str, float | None] = {
            "memory_mb": self.series["validate_cold"].peak_mb,
        }
        if "bare_parse" not in self.measurements:
            return values
        errors = self.findings[0]
        if self.cold_exit_code != 0 and not errors:
            errors = 1  # exit code 1 means errors, even if their lines were not recognised
        values["bare_parse"] = statistics.median(self.bare_in_process)
        values["errors_on_clean_data"] = float(errors)
        values["fmt_reports_on_clean_data"] = float(self.fmt_reports)
        for name, measurement in self.measurements.items():
            series = self.series.get(name)
            if measurement.unit == "s" and series is not None:
                values[name] = None if series.failure else series.median
        return values


def measure(
    command: list[str], data: Path, runs: int, scratch: Path, env_base: dict[str, str]
) -> Results:
    results = Results(MEASUREMENTS)
    repo = data.parent
    cwd = repo
    bare = [sys.executable, "-c", _BARE_PARSE, str(data)]
    validate = [*command, "validate"]
    validate_head = [*command, "validate", "--gewijzigd", "HEAD"]
    fmt_check = [*command, "fmt", "--check"]
    help_command = [*command, "--help"]
    day = free_meeting_date(data)  # for agenda new
    reading = {
        name: [*command, *shlex.split(text.format(datum=day.isoformat()))]
        for name, (_, text) in READING_COMMANDS.items()
    }
    results.agenda_command = shlex.join(["waterketen", *reading["agenda_new"][len(command) :]])

    prepare_repository(repo)
    projects = sorted((data / "projecten").glob("*.yaml"))
    if not projects:
        raise MeasurementError(f"geen projectbestanden in {data / 'projecten'}")
    edited = EditedFile(projects[0])
    edited_path = edited.path.relative_to(repo).as_posix()

    # One warm cache per command, filled by an earlier run of the same command.
    commands = {
        "validate": validate,
        "validate_head": validate_head,
        "fmt": fmt_check,
        **reading,
    }
    caches = {name: scratch / f"cache-{name}" for name in commands}
    for cache in caches.values():
        cache.mkdir()
    # The code stamp each cache was filled under. The tool ignores a cache written by
    # other code, and in a shared working tree the sources may change during the run.
    filled: dict[str, int] = {}
    compiled = [_code_stamp()]

    def env_with(cache: Path) -> dict[str, str]:
        return {**env_base, "WATERKETEN_DATA": str(data), "WATERKETEN_CACHE": str(cache)}

    def cold(name: str, args: list[str], number: int) -> Run:
        cache = scratch / f"cache-koud-{name}-{number}"
        cache.mkdir()
        try:
            return run_measured(args, env_with(cache), cwd)
        finally:
            shutil.rmtree(cache, ignore_errors=True)

    def check(args: list[str], run: Run) -> str | None:
        """Raise on a crash; a refusal of agenda new is returned, its message. And
        agenda new --droog must not have written anything."""
        if args is not reading["agenda_new"]:
            check_run(run, args, (0, 1))
            return None
        written = changed_paths(repo) - {edited_path}
        if written:
            raise MeasurementError(
                f"{shlex.join(args)} schreef toch: {', '.join(sorted(written)[:5])}"
            )
        message = refusal(run)
        if message is None:
            check_run(run, args, (0, 1))
        return message

    def record(name: str, args: list[str], run: Run) -> None:
        """Check a run and add it to its series, or record the refusal as its failure."""
        message = check(args, run)
        if message:
            results.fail(name, message)
        else:
            results.add(name, run)

    def fill(key: str) -> None:
        """Make sure the warm cache of ``key`` was filled by the code as it is now: an
        unmeasured run of the same command, again if the sources changed meanwhile."""
        for _ in range(3):
            stamp = _code_stamp()
            if filled.get(key) == stamp:
                return
            if stamp != compiled[-1]:
                _compile_package()
                compiled.append(stamp)
            if key in filled:
                results.refills += 1
            check(commands[key], run_measured(commands[key], env_with(caches[key]), cwd))
            filled[key] = stamp

    def warm(name: str, key: str) -> Run:
        run = run_measured(commands[key], env_with(caches[key]), cwd)
        record(name, commands[key], run)
        if _code_stamp() != filled[key]:
            results.disturbed.append(name)
        return run

    # Warm-up, not measured: the OS file cache, the bytecode of the tool, the warm caches.
    log("opwarmen")
    check_run(run_measured(bare, env_base, cwd), bare, (0,))
    check_run(run_measured(help_command, env_with(scratch), cwd), help_command, (0,))
    for key in commands:
        fill(key)
    try:
        for number in range(1, runs + 1):
            log(f"ronde {number} van {runs}")
            # Every record file is as committed here, so each warm cache is up to date.
            run = run_measured(bare, env_base, cwd)
            check_run(run, bare, (0,))
            parsed = json.loads(run.stdout)
            results.bare_in_process.append(parsed["seconds"])
            results.files, results.size = parsed["files"], parsed["bytes"]
            results.add("bare_parse_with_startup", run)

            run = cold("fmt", fmt_check, number)
            record("fmt_check_cold", fmt_check, run)
            if number == 1:
                results.fmt_reports = count_fmt_reports(run)
                results.fmt_exit_code = run.returncode
                results.fmt_sample = run.stdout.strip().splitlines()[:5]

            run = cold("validate", validate, number)
            record("validate_cold", validate, run)
            if number == 1:
                results.findings = count_findings(run.stdout + "\n" + run.stderr)
                results.cold_exit_code = run.returncode
                if run.returncode:
                    log("let op: validate meldt fouten in de synthetische data:")
                    log("\n".join((run.stdout + run.stderr).strip().splitlines()[:20]))

            for name, args in reading.items():
                record(f"{name}_cold", args, cold(name, args, number))

            run = run_measured(help_command, env_with(scratch), cwd)
            check_run(run, help_command, (0,))
            results.add("help", run)

            fill("fmt")
            warm("fmt_check_unchanged", "fmt")
            for name in reading:
                fill(name)
                warm(f"{name}_warm", name)

            # One file changed since each of these caches was filled (the round before
            # left them at its own change, or at the committed state); unchanged is the
            # same command again.
            fill("validate")
            fill("validate_head")
            edited.change(number)
            warm("validate_one_changed", "validate")
            warm("validate_unchanged", "validate")
            run = warm("validate_changed_head", "validate_head")
            seen = _CHANGED_SUMMARY.findall(run.stdout + "\n" + run.stderr)
            if seen[-1:] != ["1"]:
                raise MeasurementError(
                    f"{shlex.join(validate_head)} zag niet precies één gewijzigd bestand "
                    f"({edited_path}): {seen[-1] if seen else 'geen samenvatting'}"
                )
            # With the same python as this script (the tool's, when run as the README says).
            floor = [sys.executable, "-c", _FLOOR_CHANGED, str(edited.path)]
            run = run_measured(floor, env_base, cwd)
            if run.returncode:
                results.fail("floor_changed_head", (run.stderr.strip().splitlines() or ["?"])[-1])
            else:
                results.add("floor_changed_head", run)
            edited.restore()

        # Sanity check: a broken file behind a warm cache must be found, or the tool
        # did not read what we think it read.
        fill("validate")
        edited.break_it()
        run = run_measured(validate, env_with(caches["validate"]), cwd)
        check_run(run, validate, (0, 1))
        results.broken_file_found = run.returncode == 1 and edited.path.stem in (
            run.stdout + run.stderr
        )
    finally:
        edited.restore()
    return results


def measure_memory(
    command: list[str], data: Path, runs: int, scratch: Path, env_base: dict[str, str]
) -> Results:
    """--geheugen: the peak RSS of a cold validate, R times; nothing else."""
    results = Results(MEMORY_MEASUREMENTS)
    validate = [*command, "validate"]
    results.files = sum(1 for _ in data.glob("*/*.yaml"))
    results.size = sum(p.stat().st_size for p in data.glob("*/*.yaml"))
    for number in range(1, runs + 1):
        log(f"ronde {number} van {runs}")
        cache = scratch / f"cache-koud-{number}"
        cache.mkdir()
        env = {**env_base, "WATERKETEN_DATA": str(data), "WATERKETEN_CACHE": str(cache)}
        run = run_measured(validate, env, data.parent)
        shutil.rmtree(cache, ignore_errors=True)
        check_run(run, validate, (0, 1))
        results.add("validate_cold", run)
    return results


def report(results: Results) -> tuple[list[dict[str, object]], bool]:
    values = results.values()
    bare = values.get("bare_parse")
    rows: list[dict[str, object]] = []
    all_met = results.broken_file_found
    for name, measurement in results.measurements.items():
        value = values.get(name)
        goal = measurement.goal
        series = results.series.get(name)
        failure = series.failure if series else None
        timed = measurement.unit == "s"
        ratio = value / bare if timed and value is not None and bare else None
        met = None
        if name == "fmt_reports_on_clean_data":
            met = results.fmt_exit_code == 0
        elif goal:
            compared = ratio if goal.relative else value
            met = compared is not None and goal.met(compared)
        if met is not None:
            all_met = all_met and met
        rows.append(
            {
                "name": name,
                "label": measurement.label,
                "value": value,
                "unit": measurement.unit,
                "ratio": ratio,
                "goal": goal.text if goal else None,
                "limit": goal.limit if goal else None,
                "limit_is_ratio": goal.relative if goal else None,
                "met": met,
                "error": failure,
                "runs": results.runs_of(name),
            }
        )
    return rows, all_met


def _shown(row: dict[str, object]) -> str:
    value = row["value"]
    if value is None:
        return "mislukt"
    number = float(str(value))
    if row["unit"] == "s":
        return _number(number, 3)
    if row["unit"] == "MB":
        return f"{_number(number, 0)} MB"
    return _number(number, 0)


def print_table(rows: list[dict[str, object]], results: Results, runs: int, met: bool) -> None:
    memory_only = "bare_parse" not in results.measurements
    what = "het geheugen van waterketen validate" if memory_only else "waterketen"
    summary = "piek" if memory_only else "mediaan"
    print(
        f"Benchmark {what}: {_number(results.files, 0)} bestanden "
        f"({_number(results.size / 1e6, 1)} MB), {summary} van {runs} run(s)\n"
    )
    width = max(len(str(row["label"])) for row in rows) + 2
    header = ("meting", "waarde", "t.o.v. kale parse", "doel", "gehaald")
    print(f"{header[0]:<{width}}{header[1]:>10}{header[2]:>20}  {header[3]:<12}{header[4]}")
    for row in rows:
        ratio = row["ratio"]
        ratio_text = f"{_number(float(str(ratio)), 2)}×" if ratio is not None else "—"
        met_text = {True: "ja", False: "nee", None: "—"}[row["met"]]  # type: ignore[index]
        print(
            f"{row['label']!s:<{width}}{_shown(row):>10}{ratio_text:>20}  "
            f"{row['goal'] or '—'!s:<12}{met_text}"
        )
        if row["error"]:
            print(f"{'':<4}↳ {row['error']}")
    if not memory_only:
        errors, warnings = results.findings
        print(
            f"\nBevindingen van de koude validate: {errors} fout(en), {warnings} "
            f"waarschuwing(en), exitcode {results.cold_exit_code}."
        )
        print(
            f"fmt --check op de schone data: {results.fmt_reports} bestand(en) gemeld, "
            f"exitcode {results.fmt_exit_code}."
        )
        for line in results.fmt_sample if results.fmt_exit_code else []:
            print(f"{'':<4}{line}")
        print(f"Gemeten: {results.agenda_command} (het clustercoördinatorenoverleg).")
        print(
            "Controle, een kapot bestand achter een warme cache wordt gevonden: "
            f"{'ja' if results.broken_file_found else 'nee'}."
        )
    if results.refills or results.disturbed:
        print(
            f"Let op: de broncode van waterketen veranderde tijdens de meting. De warme "
            f"caches zijn {results.refills} keer opnieuw gevuld (niet gemeten)."
        )
    if results.disturbed:
        print(
            "Tijdens deze metingen veranderde de broncode; hun cache kan koud zijn geweest: "
            + "; ".join(results.measurements[n].label for n in dict.fromkeys(results.disturbed))
            + "."
        )
    print("\nAlle doelen gehaald." if met else "\nNiet alle doelen gehaald.")


def _compile_package() -> None:
    """Write the package's bytecode first, as any installed program has it. Where
    PYTHONDONTWRITEBYTECODE is set, every run would otherwise compile the sources
    again and measure the compiler, not the program."""
    import compileall

    import waterketen_cli

    compileall.compile_dir(Path(waterketen_cli.__file__).parent, quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Meet de opdrachten van waterketen tegen een kale YAML-parse (CSafeLoader)."
    )
    parser.add_argument(
        "--records", type=int, default=10_000, metavar="N", help="aantal records (10000)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, metavar="R", help="runs per meting, voor de mediaan (3)"
    )
    parser.add_argument(
        "--map",
        type=Path,
        metavar="DIR",
        help="gebruik (of vul) deze map in plaats van een tijdelijke",
    )
    parser.add_argument(
        "--geheugen",
        type=int,
        metavar="N",
        help="meet alleen het piekgeheugen van een koude validate, op N records",
    )
    parser.add_argument("--seed", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="resultaten als JSON")
    # A stand-in for the real command while it is being built, e.g. "python stand_in.py".
    parser.add_argument("--command", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1 or args.records < 1 or (args.geheugen is not None and args.geheugen < 1):
        parser.error("--runs, --records en --geheugen moeten minstens 1 zijn")
    command = shlex.split(args.command) if args.command else find_command()
    if not command:
        print(
            "fout: het programma 'waterketen' is niet gevonden (naast python of op PATH)",
            file=sys.stderr,
        )
        return 2
    _compile_package()
    env_base = {
        key: value for key, value in os.environ.items() if not key.startswith("WATERKETEN_")
    }
    # The synthetic data is dated around genereer.TODAY; judge deadlines by that day.
    env_base.update(
        {
            "WATERKETEN_VANDAAG": genereer.TODAY.isoformat(),
            "NO_COLOR": "1",
            "COLUMNS": "200",
            "PYTHONUNBUFFERED": "1",
        }
    )
    records = args.geheugen if args.geheugen is not None else args.records
    with tempfile.TemporaryDirectory(prefix="waterketen-bench-") as tmp:
        scratch = Path(tmp)
        try:
            folder = args.map.resolve() if args.map else None  # commands run inside it
            data = prepare_data(folder, scratch, records, args.seed)
            if args.geheugen is not None:
                results = measure_memory(command, data, args.runs, scratch, env_base)
            else:
                results = measure(command, data, args.runs, scratch, env_base)
        except MeasurementError as error:
            print(f"FOUT, meting mislukt: {error}", file=sys.stderr)
            return 2
    rows, met = report(results)
    if args.json:
        document: dict[str, object] = {
            "mode": "geheugen" if args.geheugen is not None else "tijden",
            "files": results.files,
            "bytes": results.size,
            "runs": args.runs,
            "command": command,
            "measurements": rows,
        }
        if args.geheugen is None:
            errors, warnings = results.findings
            document["findings"] = {
                "errors": errors,
                "warnings": warnings,
                "exit_code": results.cold_exit_code,
            }
            document["fmt_check"] = {
                "reported": results.fmt_reports,
                "exit_code": results.fmt_exit_code,
                "sample": results.fmt_sample,
            }
            document["agenda_command"] = results.agenda_command
            document["broken_file_found"] = results.broken_file_found
            document["source_changes"] = {
                "refills": results.refills,
                "disturbed": list(dict.fromkeys(results.disturbed)),
            }
        document["all_goals_met"] = met
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print_table(rows, results, args.runs, met)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
