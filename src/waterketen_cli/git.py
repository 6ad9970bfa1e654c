"""Everything that reads or writes git, in one place (through GitPython)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from waterketen_cli.errors import WaterketenError

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


# --- the data between two points: wijzigingen, validate --gewijzigd ------------------
#
# A handful of git calls per run, whatever the size of the repository or the range:
# one diff for the list of changed files, one status for what is not committed, one
# `git log --name-status` pass for who changed each file last, and one persistent
# `git cat-file --batch` process for the old contents. Never a call per file.


@dataclass(frozen=True)
class Commit:
    sha: str
    auteur: str
    datum: dt.date


@dataclass(frozen=True)
class Bestandsverschil:
    """A file under the data folder that differs between two points."""

    pad: str  # as validate shows it: relative to the folder that holds data/
    oud: bytes | None  # None: not there at the start
    nieuw: bytes | None  # None: not there at the end
    commit: Commit | None  # the last commit in the range that touched it; None: niet gecommit


def changed_files(data_dir: Path, rev: str) -> set[str]:
    """Files below the data folder changed since ``rev`` (from where the current branch
    left it), committed or not, as validate shows them (``validate --gewijzigd``).

    Five plain ``git`` calls (a sixth in a rare case): loading GitPython and its helper
    processes costs ten times the work here, and this answers a pre-commit hook.
    Anything out of the ordinary (no repository, an unknown revision, a failing call)
    goes through :meth:`Repository.changed_files`, with its messages."""
    found = _changed_files_plain(data_dir, rev)
    if found is not None:
        return found
    with Repository(data_dir) as repo:
        return repo.changed_files(rev)


#: Up to this many paths go to one git call by name.
_FEW_PATHS = 100


def _changed_files_plain(data_dir: Path, rev: str) -> set[str] | None:
    import subprocess

    where = str(data_dir)

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", where, *args],
                capture_output=True,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except OSError:
            return None
        if done.returncode != 0:
            return None
        return done.stdout.decode("utf-8", "surrogateescape")

    found = git(
        "rev-parse",
        "--show-toplevel",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{rev}^{{commit}}",
    )
    lines = found.splitlines() if found else []
    if len(lines) != 2 or not all(lines):
        return None
    top, commit = lines
    where = top  # from here on, paths in and out are from the repository root
    # Where the current branch left ``rev``: ``rev`` itself when it lies behind HEAD;
    # no HEAD (no commit yet) or no common history: ``rev``.
    base = (git("merge-base", commit, "HEAD") or "").strip() or commit
    root = Path(top).resolve()
    data = data_dir.resolve()
    try:
        spec = data.relative_to(root).as_posix() or "."
    except ValueError:
        return None
    # ``git diff base`` compares the working tree with ``base`` in one call, but walks
    # every file of the tree (0.1 s on 10,000 records). Index against ``base`` (read from
    # the index's cache tree) and working tree against index are each a fraction of that.
    # A path in both may have come back to what it was at ``base``: only those few are
    # compared directly (all of them at once when there are many: a command line has its
    # limits, on Windows about 32,000 characters).
    staged = git("diff", "--cached", "--name-only", "-z", "--no-renames", base, "--", spec)
    unstaged = git("diff", "--name-only", "-z", "--no-renames", "--", spec)
    new = git("ls-files", "-z", "--others", "--exclude-standard", "--", spec)
    if staged is None or unstaged is None or new is None:
        return None
    index, tree = _paths(staged), _paths(unstaged)
    changed = index ^ tree
    if both := index & tree:
        specs = _literal(both) if len(both) <= _FEW_PATHS else [spec]
        direct = git("diff", "--name-only", "-z", "--no-renames", base, "--", *specs)
        if direct is None:
            return None
        changed |= _paths(direct)
    return {_shown(root, data.parent, p) for p in changed | _paths(new)}


def _paths(output: str) -> set[str]:
    """The paths of a ``-z`` listing."""
    return {p for p in output.split("\0") if p}


def _literal(paths: set[str]) -> list[str]:
    """Paths from the repository root as pathspecs that match only themselves."""
    return [f":(top,literal){p}" for p in sorted(paths)]


def _shown(root: Path, shown: Path, path: str) -> str:
    """A path from the repository root as validate shows it: from the folder that holds
    the data folder."""
    full = root / path
    try:
        return full.relative_to(shown).as_posix()
    except ValueError:
        return full.as_posix()


class Repository:
    """The git repository that holds a data folder. Use it in a ``with`` block: that
    ends git's helper processes."""

    def __init__(self, data_dir: Path) -> None:
        import git

        try:
            self._repo = git.Repo(data_dir, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise WaterketenError(
                f"de gegevensmap {data_dir} ligt niet in een git-repository",
                hint="wijzigingen komen uit git: begin een repository met 'git init'",
            ) from None
        if self._repo.working_tree_dir is None:
            raise WaterketenError(f"{data_dir} ligt in een git-repository zonder werkmap")
        self.root = Path(self._repo.working_tree_dir).resolve()
        data = data_dir.resolve()
        self._spec = data.relative_to(self.root).as_posix() or "."
        self._shown = data.parent  # paths are shown relative to the folder holding data/
        self._empty: str | None = None

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self._repo.close()

    def resolve(self, rev: str) -> str:
        """The commit a revision names; wrong usage (exit 2) when there is none."""
        import git

        from waterketen_cli.errors import GebruiksFout

        try:
            return str(
                self._repo.git.rev_parse(
                    "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
                )
            )
        except git.GitCommandError:
            raise GebruiksFout(
                f"onbekende revisie '{rev}'",
                hint="geef een commit, tak of tag (bijv. main, origin/main of HEAD~1)",
            ) from None

    def head(self) -> str | None:
        """The current commit; None in a repository without commits."""
        return self._repo.head.commit.hexsha if self._repo.head.is_valid() else None

    def empty_tree(self) -> str:
        """The state before the first commit."""
        if self._empty is None:
            import subprocess

            self._empty = str(
                self._repo.git.hash_object("-t", "tree", "--stdin", istream=subprocess.DEVNULL)
            )
        return self._empty

    def before(self, datum: dt.date, tip: str | None = None) -> str:
        """The last commit before ``datum`` (by commit date) on ``tip`` (default the
        current commit); the empty tree when there is none."""
        start = tip or self.head()
        if start is None:
            return self.empty_tree()
        found = self._repo.git.rev_list("-1", f"--before={datum.isoformat()} 00:00:00", start)
        return str(found) or self.empty_tree()

    def start(self, base: str, tip: str | None) -> str:
        """Where a range really begins: ``base`` when it lies behind ``tip``, otherwise
        the commit where the two went apart (as a pull request is compared)."""
        import git

        end = tip or self.head()
        if end is None or base == end:
            return base
        try:
            return str(self._repo.git.merge_base(base, end)) or base
        except git.GitCommandError:  # no common history, or base is the empty tree
            return base

    def _specs(self, under: tuple[str, ...]) -> list[str]:
        """The data folder, or only these folders in it, as git pathspecs."""
        if not under:
            return [self._spec]
        return [f"{self._spec}/{u}" if self._spec != "." else u for u in under]

    def changed(self, base: str, tot: str | None, under: tuple[str, ...] = ()) -> list[str]:
        """Paths (from the repository root) below the data folder (or its folders
        ``under``) that differ between ``base`` and ``tot``; ``tot`` None is the working
        tree, untracked files included."""
        specs = self._specs(under)
        if tot is not None:
            out = self._repo.git.diff("--name-only", "-z", "--no-renames", base, tot, "--", *specs)
            return sorted({p for p in out.split("\0") if p})
        out = self._repo.git.diff("--name-only", "-z", "--no-renames", base, "--", *specs)
        new = self._repo.git.ls_files("-z", "--others", "--exclude-standard", "--", *specs)
        return sorted({p for p in (out + "\0" + new).split("\0") if p})

    def uncommitted(self, under: tuple[str, ...] = ()) -> set[str]:
        """Paths below the data folder with changes that are not committed."""
        out = self._repo.git.status(
            "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", *self._specs(under)
        )
        return {entry[3:] for entry in out.split("\0") if len(entry) > 3}

    def last_commits(
        self, base: str, tip: str | None, under: tuple[str, ...] = ()
    ) -> dict[str, Commit]:
        """For each path below the data folder touched in ``base..tip``: the newest
        commit that touched it. One ``git log --name-status`` pass."""
        end = tip or self.head()
        if end is None or base == end:
            return {}
        span = end if base == self.empty_tree() else f"{base}..{end}"
        out = self._repo.git.log(
            "-z",
            "--name-status",
            "--no-renames",
            "--format=%x1e%H%x1f%an%x1f%cI",
            span,
            "--",
            *self._specs(under),
        )
        latest: dict[str, Commit] = {}
        for chunk in out.split("\x1e"):
            header, _, files = chunk.partition("\0")
            if not header:
                continue
            sha, auteur, datum = header.split("\x1f")
            commit = Commit(sha, auteur, dt.date.fromisoformat(datum[:10]))
            fields = files.lstrip("\n").split("\0")
            for path in fields[1::2]:  # status, path, status, path, ...
                if path:
                    latest.setdefault(path, commit)
        return latest

    def commit_info(self, rev: str) -> Commit:
        c = self._repo.commit(rev)
        return Commit(c.hexsha, str(c.author.name), c.committed_datetime.date())

    def read(self, rev: str, paths: list[str]) -> dict[str, bytes]:
        """The contents of ``paths`` (below the data folder) at ``rev``, those that
        exist there: one ``git ls-tree`` for the blob ids, one ``git cat-file --batch``
        for the contents. (Asking for ``rev:path`` instead makes git walk the tree
        again for every file: a second per thousand files.)"""
        blobs = self._blobs(rev, [self._spec])
        wanted = [(path, blobs[path]) for path in paths if path in blobs]
        return dict(zip((p for p, _ in wanted), self._cat([b for _, b in wanted]), strict=True))

    def read_tree(self, rev: str, under: str) -> dict[str, bytes]:
        """Every file below ``under`` (a folder in the data folder, e.g. 'clusters') at
        ``rev``, keyed by its path as validate shows it."""
        blobs = self._blobs(rev, self._specs((under,)))
        contents = self._cat(list(blobs.values()))
        return {self.shown(p): data for p, data in zip(blobs, contents, strict=True)}

    def _blobs(self, rev: str, specs: list[str]) -> dict[str, str]:
        """Path (from the repository root) → blob id, for every file below ``specs``."""
        out = self._repo.git.ls_tree("-r", "-z", "--full-tree", rev, "--", *specs)
        blobs = {}
        for entry in out.split("\0"):
            meta, _, path = entry.partition("\t")
            fields = meta.split()
            if len(fields) == 3 and fields[1] == "blob":
                blobs[path] = fields[2]
        return blobs

    def _cat(self, blobs: list[str]) -> list[bytes]:
        """The contents of blobs, in one ``git cat-file --batch`` exchange."""
        import subprocess

        if not blobs:
            return []
        proc = self._repo.git.cat_file("--batch", as_process=True, istream=subprocess.PIPE)
        out, _err = proc.proc.communicate("".join(f"{b}\n" for b in blobs).encode())
        contents = []
        at = 0
        for _ in blobs:
            end = out.index(b"\n", at)
            size = int(out[at:end].split()[2])
            contents.append(out[end + 1 : end + 1 + size])
            at = end + 1 + size + 1
        return contents

    def shown(self, path: str) -> str:
        """A path from the repository root as validate shows it."""
        return _shown(self.root, self._shown, path)

    def diff(
        self, base: str, tot: str | None, under: tuple[str, ...] = ()
    ) -> list[Bestandsverschil]:
        """Every file below the data folder (or its folders ``under``) that differs
        between ``base`` and ``tot`` (None: the working tree), with both contents and
        who changed it last."""
        paths = self.changed(base, tot, under)
        if not paths:
            return []
        oud = self.read(base, paths)
        if tot is not None:
            nieuw = self.read(tot, paths)
        else:
            nieuw = {}
            for path in paths:
                full = self.root / path
                if full.is_file():
                    nieuw[path] = full.read_bytes()
        commits = self.last_commits(base, tot, under)
        open_ = self.uncommitted(under) if tot is None else set()
        tip = tot or self.head()
        fallback = self.commit_info(tip) if tip is not None else None
        result = []
        for path in paths:
            before, after = oud.get(path), nieuw.get(path)
            if before == after:
                continue
            commit = None if path in open_ else commits.get(path, fallback)
            result.append(Bestandsverschil(self.shown(path), before, after, commit))
        return result

    def changed_files(self, rev: str) -> set[str]:
        """Files below the data folder changed since ``rev`` (from where the current
        branch left it), committed or not, as validate shows them."""
        base = self.start(self.resolve(rev), None)
        return {self.shown(p) for p in self.changed(base, None)}

    # --- one folder's history (kalender) -------------------------------------------

    def mapgeschiedenis(self, folder: str) -> Mapgeschiedenis:
        """See :func:`mapgeschiedenis`."""
        [spec] = self._specs((folder,))
        prefix = f"{spec}/"
        head = self.head()
        commits = self._mapcommits(spec, prefix) if head is not None else ()
        werkmap = self._mapwerk(spec, prefix)
        # The current version of a file that is unchanged in the working tree is the
        # file on disk, which the caller reads anyway: most of the blobs, not read here.
        nu: dict[str, str] = {}
        for commit in commits:
            for stap in commit.stappen:
                nu.pop(stap.van or "", None)
                if stap.blob is None:
                    nu.pop(stap.naam, None)
                else:
                    nu[stap.naam] = stap.blob
        bezig = {s.naam for s in werkmap} | {s.van for s in werkmap if s.van is not None}
        schoon = {blob: naam for naam, blob in nu.items() if naam not in bezig}
        blobs = {s.blob for c in commits for s in c.stappen if s.blob is not None}
        inhoud = self._cat_present(sorted(blobs - schoon.keys()))
        tijd = None
        if head is not None:
            stamp = self._repo.git.log("-1", "--no-show-signature", "--format=%ct", head)
            tijd = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
        shallow = Path(self._repo.common_dir, "shallow").is_file()
        return Mapgeschiedenis(commits, inhoud, schoon, tijd, werkmap, shallow)

    def _mapcommits(self, spec: str, prefix: str) -> tuple[Mapcommit, ...]:
        out = self._repo.git(c="log.follow=false").log(
            "-z",
            "--raw",
            "--no-abbrev",
            "--find-renames",
            "--topo-order",
            "--reverse",
            "--no-show-signature",
            "--format=%x1e%ct",
            "HEAD",
            "--",
            spec,
        )
        commits = []
        for chunk in out.split("\x1e"):
            header, _, rest = chunk.partition("\0")
            if not header:
                continue
            tijd = dt.datetime.fromtimestamp(int(header), dt.UTC)
            tokens = rest.lstrip("\n").split("\0")
            stappen: list[Bestandsstap] = []
            at = 0
            while at < len(tokens):
                meta = tokens[at].split()
                if not meta or not meta[0].startswith(":") or len(meta) < 5:
                    at += 1
                    continue
                letter = meta[4][0]
                paths = tokens[at + 1 : at + (3 if letter in "RC" else 2)]
                at += 1 + len(paths)
                if "160000" in meta[:2]:  # a submodule, not a file
                    continue
                stap = _stap(
                    letter,
                    [p.removeprefix(prefix) if p.startswith(prefix) else None for p in paths],
                    meta[3],
                )
                stappen.extend(stap)
            commits.append(Mapcommit(tijd, tuple(stappen)))
        return tuple(commits)

    def _mapwerk(self, spec: str, prefix: str) -> tuple[Bestandsstap, ...]:
        """What ``git status`` says about the folder: one step per changed file."""
        out = self._repo.git(no_optional_locks=True).status(
            "--porcelain", "-z", "--untracked-files=all", "--find-renames", "--", spec
        )
        tokens = out.split("\0")
        stappen: list[Bestandsstap] = []
        at = 0
        while at < len(tokens):
            entry = tokens[at]
            at += 1
            if len(entry) < 4:
                continue
            xy, path = entry[:2], entry[3:]
            van = None
            if xy[0] in "RC":
                van = tokens[at]
                at += 1
            if not path.startswith(prefix):
                continue
            naam = path.removeprefix(prefix)
            if not (self.root / path).exists():
                stappen.append(Bestandsstap("D", naam))
                if xy[0] == "R" and van is not None and van.startswith(prefix):
                    stappen.append(Bestandsstap("D", van.removeprefix(prefix)))
            elif xy[0] == "R" and van is not None and van.startswith(prefix):
                stappen.append(Bestandsstap("R", naam, van.removeprefix(prefix)))
            elif xy == "??" or xy[0] in "AC":
                stappen.append(Bestandsstap("A", naam))
            else:
                stappen.append(Bestandsstap("M", naam))
        return tuple(stappen)

    def _cat_present(self, blobs: list[str]) -> dict[str, bytes]:
        """The contents of the blobs that are there (a partial clone may lack some),
        in one ``git cat-file --batch`` exchange."""
        import subprocess

        if not blobs:
            return {}
        proc = self._repo.git.cat_file("--batch", as_process=True, istream=subprocess.PIPE)
        out, _err = proc.proc.communicate("".join(f"{b}\n" for b in blobs).encode())
        contents = {}
        at = 0
        for blob in blobs:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) != 3:  # "<id> missing"
                continue
            size = int(header[2])
            contents[blob] = out[at : at + size]
            at += size + 1
        return contents


# --- the history of one folder, in one pass: kalender ---------------------------------
#
# Five git calls, whatever the size of the history: the current commit and its time,
# one `git log --raw` for every change to the folder's files since the first commit
# (renames found by git, and the blob id after each change), one status for what is
# not committed, and one `git cat-file --batch` for the contents of the old versions.


@dataclass(frozen=True)
class Bestandsstap:
    """What happened to one file of the folder in a commit or in the working tree."""

    soort: str  # "A" new, "M" changed, "D" removed, "R" renamed (as git sees it)
    naam: str  # the file's path in the folder; after a rename the new one
    van: str | None = None  # a rename: the old path in the folder
    blob: str | None = None  # the content after the step; None: removed, or not committed


@dataclass(frozen=True)
class Mapcommit:
    tijd: dt.datetime  # the committer time, in UTC
    stappen: tuple[Bestandsstap, ...]


@dataclass(frozen=True)
class Mapgeschiedenis:
    """Every change to the files of one folder, oldest first, and what is not committed."""

    commits: tuple[Mapcommit, ...]  # parents before their children
    inhoud: dict[str, bytes]  # blob id → content, for the blobs the steps name, except:
    schoon: dict[str, str]  # blob id → the file that has it unchanged in the working tree
    head: dt.datetime | None  # the committer time of the current commit; None: no commits
    werkmap: tuple[Bestandsstap, ...]  # changes not committed (a new file: "A", no blob)
    onvolledig: bool  # a shallow clone: the oldest commits are missing


def mapgeschiedenis(data_dir: Path, folder: str) -> Mapgeschiedenis | None:
    """The history of the files in one folder of the data (e.g. ``'vergaderingen'``),
    from the first commit to the working tree, in one pass; None when the data folder
    is not in a git repository (with a working tree)."""
    import git

    try:
        repository = Repository(data_dir)
    except WaterketenError:
        return None
    try:
        with repository:
            return repository.mapgeschiedenis(folder)
    except git.GitCommandNotFound:
        raise WaterketenError(
            "git is niet gevonden; de kalender leest de geschiedenis van de vergaderingen uit git",
            hint="installeer git en probeer het opnieuw",
        ) from None
    except git.GitCommandError as error:
        detail = _git_melding(error)
        raise WaterketenError(
            "de git-geschiedenis van de vergaderingen is niet te lezen"
            + (f": {detail}" if detail else ""),
            hint="'git status' en 'git log' in de gegevensrepository zeggen wat eraan schort",
        ) from None


def _git_melding(error: Exception) -> str:
    """git's own words from a failed call: its 'fatal:' or 'error:' line."""
    tekst = str(getattr(error, "stderr", "") or "").strip()
    if tekst.startswith("stderr: '") and tekst.endswith("'"):  # as GitPython shows it
        tekst = tekst[len("stderr: '") : -1]
    regels = [r.strip() for r in tekst.splitlines()]
    for regel in regels:
        for soort in ("fatal:", "error:"):
            if soort in regel:
                return regel[regel.index(soort) + len(soort) :].strip()
    return next((r for r in reversed(regels) if r), "")


def _stap(letter: str, paths: list[str | None], blob: str) -> list[Bestandsstap]:
    """The steps of one line of ``git log --raw``: ``paths`` are in the folder, or None
    outside it (a file renamed into the folder is new there, one renamed out removed)."""
    nieuw = None if not blob.strip("0") else blob  # all zeros: no content
    if letter in "RC" and len(paths) == 2:
        van, naam = paths
        if naam is None:
            return [Bestandsstap("D", van)] if letter == "R" and van is not None else []
        if van is None or letter == "C":
            return [Bestandsstap("A", naam, blob=nieuw)]
        return [Bestandsstap("R", naam, van, nieuw)]
    if len(paths) != 1 or paths[0] is None:
        return []
    if letter == "D":
        return [Bestandsstap("D", paths[0])]
    return [Bestandsstap("A" if letter == "A" else "M", paths[0], blob=nieuw)]


# --- a new repository: waterketen init ------------------------------------------------


def init_repository(folder: Path, branch: str = "main") -> None:
    """``git init`` in ``folder``, on ``branch`` whatever the user's
    ``init.defaultBranch`` says: the CI workflows that init writes run on ``main``."""
    import git

    try:
        repo = git.Repo.init(folder)
        repo.git.symbolic_ref("HEAD", f"refs/heads/{branch}")
    except git.GitCommandNotFound:
        raise WaterketenError(
            "git is niet gevonden", hint="installeer git en probeer het opnieuw"
        ) from None
    except git.GitCommandError as error:
        raise WaterketenError(
            f"git init in {folder} is mislukt: {str(error.stderr).strip() or error}"
        ) from None
