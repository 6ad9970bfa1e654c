"""Benchmark: what the write path (lock, checks, journal) costs the writing commands.

``python benchmarks/bench_schrijven.py [--records N] [--runs R] [--map DIR] [--vergelijk REV]``

On a synthetic data folder in a git repository (see ``genereer.py``), times with a warm
cache, each as the median of R runs of a subprocess:

- ``acties afronden`` of one open action;
- ``agenda new`` of the stuurgroep (a new meeting and the proposals it takes);
- ``fmt --check`` of one record (the write path's smallest unit of work).

After every run the data folder is put back with git, so each run starts from the same
state. With ``--vergelijk REV`` the same commands also run from the source of revision
REV of this repository (a git worktree, run with the same Python), interleaved round by
round, so that both are measured in one paired run: "before" and "after" a change.
Exit code 0, or 2 when a measurement failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import genereer

ROOT = Path(__file__).resolve().parent.parent


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def prepare(folder: Path | None, scratch: Path, records: int) -> Path:
    """A git repository holding the synthetic data; made once, reused with --map."""
    repo = folder if folder is not None else scratch / "gegevens"
    if not (repo / "data").is_dir():
        genereer.write(repo, records=records, seed=1)
    if not (repo / ".git").exists():
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "b",
            "GIT_AUTHOR_EMAIL": "b@b",
            "GIT_COMMITTER_NAME": "b",
            "GIT_COMMITTER_EMAIL": "b@b",
        }
        subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", "gegevens"], cwd=repo, check=True, env=env)
    return repo


def reset(repo: Path) -> None:
    git(repo, "checkout", "-q", "--", "data")
    git(repo, "clean", "-fdq", "--", "data")


def open_action(repo: Path) -> str:
    for path in sorted((repo / "data" / "acties").glob("*.yaml")):
        if "\nstatus: open\n" in path.read_text(encoding="utf-8"):
            return path.stem
    raise SystemExit("geen open actie in de gegevens")


def commands(repo: Path) -> dict[str, list[str]]:
    record = sorted((repo / "data" / "projecten").glob("*.yaml"))[0]
    return {
        "acties afronden": ["acties", "afronden", open_action(repo)],
        "agenda new (stuurgroep)": [
            "agenda",
            "new",
            "--overleg",
            "stuurgroep",
            "--datum",
            "2027-03-02",
        ],
        "fmt --check (1 record)": ["fmt", "--check", str(record)],
    }


def timed(python: list[str], args: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([*python, *args], env=env, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(
            f"mislukt ({done.returncode}): {' '.join(args)}\n{done.stdout}{done.stderr}"
        )
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--map", type=Path, default=None)
    parser.add_argument("--vergelijk", metavar="REV", default=None)
    options = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="wk-schrijven-"))
    try:
        repo = prepare(options.map, scratch, options.records)
        variants: dict[str, tuple[list[str], dict[str, str]]] = {}
        base_env = {
            **os.environ,
            "WATERKETEN_DATA": str(repo / "data"),
            "WATERKETEN_VANDAAG": genereer.TODAY.isoformat(),
            "PYTHONDONTWRITEBYTECODE": "",
        }
        variants["nu"] = (
            [sys.executable, "-m", "waterketen_cli"],
            {**base_env, "WATERKETEN_CACHE": str(scratch / "cache-nu")},
        )
        if options.vergelijk:
            tree = scratch / "vergelijk"
            git(ROOT, "worktree", "add", "-q", "--detach", str(tree), options.vergelijk)
            variants[options.vergelijk] = (
                [sys.executable, "-m", "waterketen_cli"],
                {
                    **base_env,
                    "PYTHONPATH": str(tree / "src"),
                    "WATERKETEN_CACHE": str(scratch / "cache-vergelijk"),
                },
            )
        todo = commands(repo)
        times: dict[tuple[str, str], list[float]] = {}
        for python, env in variants.values():  # warm the caches
            for args in todo.values():
                timed(python, args, env, repo)
                reset(repo)
        for _ in range(options.runs):
            for what, args in todo.items():
                for name, (python, env) in variants.items():
                    times.setdefault((what, name), []).append(timed(python, args, env, repo))
                    reset(repo)
        width = max(len(w) for w in todo)
        print(f"{'opdracht':<{width}}  " + "  ".join(f"{n:>12}" for n in variants))
        for what in todo:
            cells = [f"{statistics.median(times[(what, n)]):>10.2f} s" for n in variants]
            print(f"{what:<{width}}  " + "  ".join(cells))
        print(f"(mediaan van {options.runs} runs, warme cache, {repo / 'data'})")
    finally:
        if options.vergelijk:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(scratch / "vergelijk")],
                cwd=ROOT,
                capture_output=True,
                check=False,
            )
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
