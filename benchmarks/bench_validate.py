"""Benchmark: how fast is ``waterketen validate`` compared with a bare libyaml parse?

``python benchmarks/bench_validate.py [--records N] [--runs R] [--map DIR] [--json]``

Generates a synthetic data folder (see ``genereer.py``), then measures in one run, each
as the median of R runs of a subprocess: the bare parse with PyYAML's ``CSafeLoader``
(the baseline), ``waterketen validate`` with a cold cache, unchanged with a warm cache,
after one changed file, ``waterketen --help``, and the peak memory of the cold validate.
The rounds are interleaved so that a slow moment of the machine hits every measurement.
Exit code: 0 all goals met, 1 a goal missed, 2 the measurement itself failed.
"""

from __future__ import annotations

import argparse
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

TIMEOUT_SECONDS = 600

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

# The summary line of the text output: "10000 bestanden gecontroleerd: 0 fouten, 3 waarschuwingen."
_SUMMARY = re.compile(r"(\d+) fout(?:en)?, (\d+) waarschuwing(?:en)?")
# A finding line: "     5:11  waarschuwing deadline: ..."; used when there is no summary.
_FINDING = re.compile(r"^\s*(?:\S+\.ya?ml:)?\d+(?::\d+)?:?\s+(fout|waarschuwing)\b")


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


GOALS: dict[str, Goal] = {
    "validate_cold": Goal("≤ 2,0×", 2.0, relative=True),
    "validate_unchanged": Goal("≤ 0,25×", 0.25, relative=True),
    "validate_one_changed": Goal("≤ 0,4×", 0.4, relative=True),
    "help": Goal("< 0,2 s", 0.2, relative=False, inclusive=False),
    "memory_mb": Goal("< 300 MB", 300.0, relative=False, inclusive=False),
    "errors_on_clean_data": Goal("0", 0.0, relative=False),
}

LABELS: dict[str, str] = {
    "bare_parse": "kale parse (CSafeLoader)",
    "bare_parse_with_startup": "kale parse incl. opstarten",
    "validate_cold": "validate, koude cache",
    "validate_unchanged": "validate, ongewijzigd",
    "validate_one_changed": "validate, één bestand gewijzigd",
    "help": "waterketen --help",
    "memory_mb": "piekgeheugen koude validate",
    "errors_on_clean_data": "fouten op schone data",
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


def check_run(run: Run, command: Sequence[str], allowed: tuple[int, ...]) -> None:
    """Fail loudly on a crash: an exit code not allowed, or a traceback anywhere."""
    if run.returncode in allowed and "Traceback (most recent call last)" not in (
        run.stdout + run.stderr
    ):
        return
    tail = "\n".join((run.stderr or run.stdout).strip().splitlines()[-25:])
    raise MeasurementError(
        f"{shlex.join(command)} eindigde met exitcode {run.returncode}"
        f"{' en een traceback' if 'Traceback' in run.stdout + run.stderr else ''}:\n{tail}"
    )


def count_findings(output: str) -> tuple[int, int]:
    """(errors, warnings) from the summary line, or else by counting finding lines."""
    summaries = _SUMMARY.findall(output)
    if summaries:
        errors, warnings = summaries[-1]
        return int(errors), int(warnings)
    severities = [m.group(1) for m in map(_FINDING.match, output.splitlines()) if m]
    return severities.count("fout"), severities.count("waarschuwing")


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


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Results:
    files: int = 0
    size: int = 0
    bare_in_process: list[float] = field(default_factory=list)
    series: dict[str, Series] = field(default_factory=dict)
    findings: tuple[int, int] = (0, 0)
    cold_exit_code: int = 0
    broken_file_found: bool = False

    def add(self, name: str, run: Run) -> None:
        self.series.setdefault(name, Series()).runs.append(run)

    def runs_of(self, name: str) -> list[float]:
        if name == "bare_parse":
            return list(self.bare_in_process)
        if name == "memory_mb":
            return [r.max_rss_mb for r in self.series["validate_cold"].runs]
        if name in self.series:
            return [r.seconds for r in self.series[name].runs]
        return []

    def values(self) -> dict[str, float]:
        errors = self.findings[0]
        if self.cold_exit_code != 0 and not errors:
            errors = 1  # exit code 1 means errors, even if their lines were not recognised
        values = {
            "bare_parse": statistics.median(self.bare_in_process),
            "memory_mb": self.series["validate_cold"].peak_mb,
            "errors_on_clean_data": float(errors),
        }
        values["bare_parse_with_startup"] = self.series["bare_parse_with_startup"].median
        for name in ("validate_cold", "validate_unchanged", "validate_one_changed", "help"):
            values[name] = self.series[name].median
        return values


def measure(
    command: list[str], data: Path, runs: int, scratch: Path, env_base: dict[str, str]
) -> Results:
    results = Results()
    cwd = data.parent
    bare = [sys.executable, "-c", _BARE_PARSE, str(data)]
    validate = [*command, "validate"]
    help_command = [*command, "--help"]

    def env_with(cache: Path) -> dict[str, str]:
        return {**env_base, "WATERKETEN_DATA": str(data), "WATERKETEN_CACHE": str(cache)}

    projects = sorted((data / "projecten").glob("*.yaml"))
    if not projects:
        raise MeasurementError(f"geen projectbestanden in {data / 'projecten'}")
    edited = EditedFile(projects[0])
    warm_cache = scratch / "cache-warm"
    warm_cache.mkdir()

    # Warm-up, not measured: the OS file cache, the bytecode of the tool, a warm cache.
    warm = run_measured(bare, env_base, cwd)
    check_run(warm, bare, (0,))
    check_run(run_measured(help_command, env_with(warm_cache), cwd), help_command, (0,))
    check_run(run_measured(validate, env_with(warm_cache), cwd), validate, (0, 1))
    try:
        for round_number in range(1, runs + 1):
            log(f"ronde {round_number} van {runs}")
            run = run_measured(bare, env_base, cwd)
            check_run(run, bare, (0,))
            parsed = json.loads(run.stdout)
            results.bare_in_process.append(parsed["seconds"])
            results.files, results.size = parsed["files"], parsed["bytes"]
            results.add("bare_parse_with_startup", run)

            cold_cache = scratch / f"cache-koud-{round_number}"
            cold_cache.mkdir()
            run = run_measured(validate, env_with(cold_cache), cwd)
            check_run(run, validate, (0, 1))
            shutil.rmtree(cold_cache, ignore_errors=True)
            results.add("validate_cold", run)
            if round_number == 1:
                results.findings = count_findings(run.stdout + "\n" + run.stderr)
                results.cold_exit_code = run.returncode
                if run.returncode:
                    log("let op: validate meldt fouten in de synthetische data:")
                    log("\n".join((run.stdout + run.stderr).strip().splitlines()[:20]))

            run = run_measured(validate, env_with(warm_cache), cwd)
            check_run(run, validate, (0, 1))
            results.add("validate_unchanged", run)

            edited.change(round_number)
            run = run_measured(validate, env_with(warm_cache), cwd)
            check_run(run, validate, (0, 1))
            results.add("validate_one_changed", run)

            run = run_measured(help_command, env_with(warm_cache), cwd)
            check_run(run, help_command, (0,))
            results.add("help", run)

        # Sanity check: a broken file behind a warm cache must be found, or the tool
        # did not read what we think it read.
        edited.break_it()
        run = run_measured(validate, env_with(warm_cache), cwd)
        check_run(run, validate, (0, 1))
        results.broken_file_found = run.returncode == 1 and edited.path.stem in (
            run.stdout + run.stderr
        )
    finally:
        edited.restore()
    return results


def _number(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def report(results: Results, runs: int) -> tuple[list[dict[str, object]], bool]:
    values = results.values()
    bare = values["bare_parse"]
    rows: list[dict[str, object]] = []
    all_met = results.broken_file_found
    for name, label in LABELS.items():
        value = values[name]
        goal = GOALS.get(name)
        timed = name not in ("memory_mb", "errors_on_clean_data")
        ratio = value / bare if timed and bare > 0 else None
        met = None
        if goal:
            compared = ratio if goal.relative else value
            met = compared is not None and goal.met(compared)
            all_met = all_met and met
        rows.append(
            {
                "name": name,
                "label": label,
                "value": value,
                "unit": "s" if timed else ("MB" if name == "memory_mb" else ""),
                "ratio": ratio,
                "goal": goal.text if goal else None,
                "limit": goal.limit if goal else None,
                "limit_is_ratio": goal.relative if goal else None,
                "met": met,
                "runs": results.runs_of(name),
            }
        )
    return rows, all_met


def print_table(rows: list[dict[str, object]], results: Results, runs: int, met: bool) -> None:
    print(
        f"Benchmark waterketen validate: {_number(results.files, 0)} bestanden "
        f"({_number(results.size / 1e6, 1)} MB), mediaan van {runs} run(s)\n"
    )
    header = ("meting", "seconden", "t.o.v. kale parse", "doel", "gehaald")
    print(f"{header[0]:<34}{header[1]:>10}{header[2]:>20}  {header[3]:<10}{header[4]}")
    for row in rows:
        value = float(str(row["value"]))
        if row["unit"] == "s":
            shown = _number(value, 3)
        elif row["unit"] == "MB":
            shown = f"{_number(value, 0)} MB"
        else:
            shown = _number(value, 0)
        ratio = row["ratio"]
        ratio_text = f"{_number(float(str(ratio)), 2)}×" if ratio is not None else "—"
        met_text = {True: "ja", False: "nee", None: "—"}[row["met"]]  # type: ignore[index]
        print(
            f"{row['label']!s:<34}{shown:>10}{ratio_text:>20}  {row['goal'] or '—'!s:<10}{met_text}"
        )
    errors, warnings = results.findings
    print(
        f"\nBevindingen van de koude validate: {errors} fout(en), {warnings} waarschuwing(en), "
        f"exitcode {results.cold_exit_code}."
    )
    print(
        "Controle, een kapot bestand achter een warme cache wordt gevonden: "
        f"{'ja' if results.broken_file_found else 'nee'}."
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
        description="Meet waterketen validate tegen een kale YAML-parse (CSafeLoader)."
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
    parser.add_argument("--seed", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="resultaten als JSON")
    # A stand-in for the real command while it is being built, e.g. "python stand_in.py".
    parser.add_argument("--command", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1 or args.records < 1:
        parser.error("--runs en --records moeten minstens 1 zijn")
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
    with tempfile.TemporaryDirectory(prefix="waterketen-bench-") as tmp:
        scratch = Path(tmp)
        try:
            data = prepare_data(args.map, scratch, args.records, args.seed)
            results = measure(command, data, args.runs, scratch, env_base)
        except MeasurementError as error:
            print(f"FOUT, meting mislukt: {error}", file=sys.stderr)
            return 2
    rows, met = report(results, args.runs)
    if args.json:
        errors, warnings = results.findings
        document = {
            "files": results.files,
            "bytes": results.size,
            "runs": args.runs,
            "command": command,
            "measurements": rows,
            "findings": {
                "errors": errors,
                "warnings": warnings,
                "exit_code": results.cold_exit_code,
            },
            "broken_file_found": results.broken_file_found,
            "all_goals_met": met,
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print_table(rows, results, args.runs, met)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
