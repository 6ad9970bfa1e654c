"""Everything that reads git, in one place (through GitPython)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def changed_since(folder: Path, since: dt.date) -> set[Path] | None:
    """Files below ``folder`` committed after ``since`` or changed in the working tree;
    None when ``folder`` is not in a git repository."""
    import git

    try:
        repo = git.Repo(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    root = Path(repo.working_tree_dir or folder)
    changed: set[Path] = set()
    if repo.head.is_valid():
        log = repo.git.log(
            f"--since={since.isoformat()} 23:59:59", "--name-only", "--format=", "--", str(folder)
        )
        changed |= {root / line for line in log.splitlines() if line.strip()}
    status = repo.git.status("--porcelain", "--untracked-files=all", "--", str(folder))
    for line in status.splitlines():
        name = line[3:].split(" -> ")[-1].strip('"')
        changed.add(root / name)
    return {p.resolve() for p in changed}
