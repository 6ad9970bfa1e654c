"""Everything that reads git, in one place (through GitPython)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from waterketen_cli.errors import WaterketenError


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


# --- commits from commands (--commit) ------------------------------------------------


class GitFout(WaterketenError):
    """A git step of a command could not be done."""


@dataclass(frozen=True)
class Commitplan:
    """The files a command is about to write, checked to be committable on their own."""

    root: Path
    paden: tuple[str, ...]  # relative to the repository root


def prepare_commit(paths: list[Path]) -> Commitplan:
    """Check, before writing, that ``paths`` can be committed alone: inside a git
    repository and without uncommitted changes of their own (staged or not)."""
    import git

    if not paths:
        raise GitFout("er is niets om te committen")
    try:
        repo = git.Repo(paths[0].parent, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitFout(
            f"{paths[0].parent} ligt niet in een git-repository; er is niets geschreven",
            hint="laat --commit weg, of begin een repository met 'git init'",
        ) from None
    root = Path(repo.working_tree_dir or ".").resolve()
    rels = tuple(str(p.resolve().relative_to(root)) for p in paths)
    busy = repo.git.status("--porcelain", "--untracked-files=all", "--", *rels).splitlines()
    if busy:
        names = ", ".join(sorted(line[3:] for line in busy))
        raise GitFout(
            f"deze bestanden hebben al niet-gecommitte wijzigingen: {names}; "
            "er is niets geschreven",
            hint="commit of herstel die wijzigingen eerst, of laat --commit weg",
        )
    return Commitplan(root, rels)


def commit(plan: Commitplan, message: str) -> str:
    """Commit exactly the planned files; other staged or unstaged work stays as it is.
    Returns the short hash."""
    import git

    repo = git.Repo(plan.root)
    try:
        repo.git.add("--", *plan.paden)
        repo.git.commit("-m", message, "--only", "--", *plan.paden)
    except git.GitCommandError as error:
        detail = (error.stderr or "").strip().splitlines()
        raise GitFout(
            "de bestanden zijn geschreven, maar git commit is mislukt"
            + (f": {detail[-1]}" if detail else ""),
            hint="stel zo nodig naam en e-mail in (git config user.name/user.email) en commit zelf",
        ) from None
    return str(repo.git.rev_parse("--short", "HEAD"))
