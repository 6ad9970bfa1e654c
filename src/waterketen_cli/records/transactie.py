"""All or nothing across files, also after kill -9, power loss or a full disk.

A write plan's files are written in four steps, with a small journal beside them:

1. **voorbereid**: the journal names every target, its temporary file and its backup;
   each new content is written to a temporary file in the target's own folder and
   fsync'ed; each file that will be replaced gets a backup (a hard link, else a copy).
2. Just before anything moves, every file the plan was made from is checked: unchanged
   since it was read (the caller's ``controleer``), and no target became a symlink or
   appeared where a new file must go.
3. **vastgelegd**: the journal says so (an atomic rewrite, fsync'ed); from here on the
   new state is the outcome. The temporary files are renamed into place.
4. The backups and the journal are removed.

An error in step 3 (a file open in another program on Windows, say) puts the journal in
**terugdraaien** and restores the backups. A process that dies on the way leaves the
journal behind; :func:`herstel`, which every command runs before anything else, finishes
what the journal says: before step 3 it removes the temporary files (the old state
stays), from step 3 on it renames the remaining ones (the new state), and during a
rollback it completes the rollback. No temporary file outlives the next command.

The journal and the lock live in a folder of waterketen's own, never in the data
folder: inside ``.git`` when the data folder is in a git repository (git never sees
it), else in ``.waterketen/`` beside the data folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import stat
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waterketen_cli import dutch
from waterketen_cli.errors import WaterketenError

JOURNAAL_VERSIE = 1
#: Seconds a second writer waits for the first before it gives up.
WACHTTIJD = 5.0
TIJDELIJK = ".waterketen-tmp"
RESERVE = ".waterketen-oud"


class SchrijfFout(WaterketenError):
    """Nothing was written (or everything was put back): the message says why."""


@dataclass(frozen=True)
class Bestand:
    """One file of a transaction: its new bytes, and what may stand there now."""

    doel: Path
    inhoud: bytes
    #: The file must not exist yet (a new record, a document without --overschrijf).
    nieuw: bool = False


# --- where waterketen keeps its lock and journal ------------------------------------------


def _git_dir(data_dir: Path) -> Path | None:
    for folder in (data_dir, *data_dir.parents):
        dot_git = folder / ".git"
        try:
            st = dot_git.stat()
        except OSError:  # not there, or a folder we may not look into
            continue
        if stat.S_ISDIR(st.st_mode):
            return dot_git
        if stat.S_ISREG(st.st_mode):  # a worktree or submodule: "gitdir: <path>"
            with contextlib.suppress(OSError, UnicodeDecodeError):
                text = dot_git.read_text(encoding="utf-8").strip()
                if text.startswith("gitdir:"):
                    target = Path(text.removeprefix("gitdir:").strip())
                    return target if target.is_absolute() else (folder / target).resolve()
            return None
    return None


def werkmap(data_dir: Path) -> Path:
    """The folder for the lock and the journal of this data folder."""
    data_dir = data_dir.resolve()
    name = f"{data_dir.name}-{hashlib.sha1(str(data_dir).encode()).hexdigest()[:12]}"
    git_dir = _git_dir(data_dir)
    if git_dir is None:
        return data_dir.parent / ".waterketen" / name
    return git_dir / "waterketen" / name


def _journaal(data_dir: Path) -> Path:
    return werkmap(data_dir) / "journaal.json"


# --- one writer at a time -------------------------------------------------------------------


@contextlib.contextmanager
def slot(data_dir: Path, wie: str, *, wachttijd: float = WACHTTIJD) -> Iterator[None]:
    """Hold the data folder's write lock; a second writer waits ``wachttijd`` seconds and
    then stops with a message naming what holds the lock."""
    from filelock import FileLock, Timeout

    folder = werkmap(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _os_fout(error, folder / "schrijven.lock") from None
    lock = FileLock(folder / "schrijven.lock", timeout=wachttijd, thread_local=False)
    houder = folder / "houder.json"
    try:
        lock.acquire()
    except Timeout:
        raise SchrijfFout(
            f"een andere opdracht schrijft al in deze gegevensmap: {_houder(houder)}",
            hint="wacht tot die klaar is en probeer het opnieuw; er is niets geschreven",
        ) from None
    except OSError as error:
        raise _os_fout(error, folder / "schrijven.lock") from None
    try:
        _opruimen(folder)
        note = {"opdracht": wie, "pid": os.getpid(), "sinds": time.strftime("%Y-%m-%d %H:%M:%S")}
        # Only there to name the holder to a second writer: no reason to stop.
        with contextlib.suppress(OSError):
            _write_small(houder, json.dumps(note, ensure_ascii=False).encode("utf-8"))
        yield
    finally:
        with contextlib.suppress(OSError):
            houder.unlink()
        lock.release()


def _houder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"'{info['opdracht']}' (proces {info['pid']}, sinds {info['sinds']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "een opdracht die niet te herkennen is"


# --- small helpers ------------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable. Windows has no directory handles: there it is a no-op."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_small(path: Path, content: bytes) -> None:
    """Write a file of waterketen's own atomically (journal, lock holder)."""
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}{TIJDELIJK}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _beside(doel: Path, suffix: str) -> Path:
    return doel.with_name(f".{doel.name}.{secrets.token_hex(4)}{suffix}")


def _replace(src: Path, dst: Path) -> None:
    """``os.replace``; on Windows a file open in another program refuses for a moment:
    try again for about two seconds before giving up."""
    for attempt in range(10):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == 9:
                raise
            time.sleep(0.2)


def _os_fout(error: OSError, pad: Path | None = None) -> SchrijfFout:
    """An OSError in Dutch (``errors.os_bericht``), naming the file it was about; the
    caller has already put everything back."""
    from waterketen_cli.errors import os_bericht, toon_pad

    bericht, hint = os_bericht(error, toon_pad(pad) if pad is not None else None)
    return SchrijfFout(bericht, hint=f"{hint}; er is niets veranderd")


def _refuse_odd(doel: Path) -> os.stat_result | None:
    """The current file at ``doel``, if any. A symlink or anything but a regular file is
    refused: replacing it would silently turn a link into a copy."""
    try:
        st = os.lstat(doel)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        raise SchrijfFout(
            f"{doel} is een symbolische koppeling; waterketen vervangt die niet",
            hint="schrijf naar het bestand waar de koppeling naar wijst; er is niets geschreven",
        )
    if not stat.S_ISREG(st.st_mode):
        raise SchrijfFout(
            f"{doel} is geen gewoon bestand",
            hint="kies een ander bestand; er is niets geschreven",
        )
    return st


def _create(path: Path, mode: int) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)


# --- the transaction ------------------------------------------------------------------------


@dataclass
class _Regel:
    """A file in the journal."""

    doel: Path
    tijdelijk: Path
    reserve: Path | None  # the backup of the file that will be replaced
    nieuw: bool  # there was no file
    hash: str  # of the new content

    def dump(self) -> dict[str, Any]:
        return {
            "doel": str(self.doel),
            "tijdelijk": str(self.tijdelijk),
            "reserve": str(self.reserve) if self.reserve else None,
            "nieuw": self.nieuw,
            "hash": self.hash,
        }

    @classmethod
    def load(cls, data: dict[str, Any]) -> _Regel:
        reserve = data.get("reserve")
        return cls(
            Path(data["doel"]),
            Path(data["tijdelijk"]),
            Path(reserve) if reserve else None,
            bool(data["nieuw"]),
            str(data["hash"]),
        )


def _save(journaal: Path, staat: str, wat: str, regels: list[_Regel]) -> None:
    journaal.parent.mkdir(parents=True, exist_ok=True)
    content = {
        "versie": JOURNAAL_VERSIE,
        "staat": staat,
        "opdracht": wat,
        "bestanden": [r.dump() for r in regels],
    }
    _write_small(journaal, json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8"))


def schrijf(
    bestanden: list[Bestand],
    *,
    data_dir: Path | None,
    wat: str,
    controleer: Callable[[], None] = lambda: None,
) -> None:
    """Write all files or none. ``data_dir`` None: no journal (a single document outside
    the data folder is atomic by itself). ``controleer`` runs just before the first file
    moves into place and raises to stop the lot (a file changed since it was read)."""
    if not bestanden:
        return
    journaal = _journaal(data_dir) if data_dir is not None else None
    regels: list[_Regel] = []
    staat = "voorbereid"
    bezig: Path | None = journaal  # the file being written, for the message
    try:
        huidig = {b.doel: _refuse_odd(b.doel) for b in bestanden}
        for b in bestanden:
            if b.nieuw and huidig[b.doel] is not None:
                raise SchrijfFout(
                    f"{b.doel} bestaat al",
                    hint="kies een ander bestand of id (of --overschrijf); er is niets geschreven",
                )
        regels = [
            _Regel(
                b.doel,
                _beside(b.doel, TIJDELIJK),
                _beside(b.doel, RESERVE) if huidig[b.doel] is not None else None,
                huidig[b.doel] is None,
                hashlib.sha256(b.inhoud).hexdigest(),
            )
            for b in bestanden
        ]
        if journaal is not None:
            _save(journaal, staat, wat, regels)
        for b, regel in zip(bestanden, regels, strict=True):
            bezig = b.doel
            _prepare(b, regel, huidig[b.doel])
        bezig = None
        for folder in {r.doel.parent for r in regels}:
            _fsync_dir(folder)
        controleer()
        for b in bestanden:  # nobody slipped a link or a file in while we wrote
            now = _refuse_odd(b.doel)
            if b.nieuw and now is not None:
                raise SchrijfFout(f"{b.doel} is intussen door iets anders aangemaakt")
        if journaal is not None:
            _save(journaal, "vastgelegd", wat, regels)
        staat = "vastgelegd"
        for regel in regels:
            _replace(regel.tijdelijk, regel.doel)
        for folder in {r.doel.parent for r in regels}:
            _fsync_dir(folder)
    except BaseException as error:
        _undo(journaal, staat, wat, regels)
        if isinstance(error, OSError):
            raise _os_fout(error, bezig) from None
        raise
    _finish(journaal, regels)


def _prepare(b: Bestand, regel: _Regel, huidig: os.stat_result | None) -> None:
    """The temporary file with the new content, and the backup of the old one."""
    mode = stat.S_IMODE(huidig.st_mode) if huidig is not None else 0o666
    regel.doel.parent.mkdir(parents=True, exist_ok=True)
    fd = _create(regel.tijdelijk, mode)
    try:
        with os.fdopen(fd, "wb", closefd=True) as fh:
            fh.write(b.inhoud)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            regel.tijdelijk.unlink()
        raise
    if huidig is not None:
        # os.open obeys the umask; the file keeps the mode it had
        os.chmod(regel.tijdelijk, mode)
    if regel.reserve is not None:
        try:
            os.link(regel.doel, regel.reserve)
        except OSError:  # no hard links here (FAT, some network drives): copy
            shutil.copy2(regel.doel, regel.reserve)


def _undo(journaal: Path | None, staat: str, wat: str, regels: list[_Regel]) -> None:
    """Put back the old state after an error in this process."""
    if staat == "vastgelegd":
        if journaal is not None:
            with contextlib.suppress(OSError):
                _save(journaal, "terugdraaien", wat, regels)
        _rollback(regels)
    else:
        _remove_temporaries(regels)
    if journaal is not None:
        with contextlib.suppress(OSError):
            journaal.unlink()


def _rollback(regels: list[_Regel]) -> None:
    for regel in regels:
        with contextlib.suppress(OSError):
            if regel.reserve is not None and regel.reserve.exists():
                _replace(regel.reserve, regel.doel)
            elif regel.nieuw and not regel.tijdelijk.exists() and _hash(regel.doel) == regel.hash:
                regel.doel.unlink()  # ours: it was put there by this transaction
    _remove_temporaries(regels)
    for folder in {r.doel.parent for r in regels}:
        _fsync_dir(folder)


def _remove_temporaries(regels: list[_Regel]) -> None:
    for regel in regels:
        for path in (regel.tijdelijk, regel.reserve):
            if path is not None:
                with contextlib.suppress(OSError):
                    path.unlink()


def _finish(journaal: Path | None, regels: list[_Regel]) -> None:
    for regel in regels:
        if regel.reserve is not None:
            with contextlib.suppress(OSError):
                regel.reserve.unlink()
    if journaal is not None:
        with contextlib.suppress(OSError):
            journaal.unlink()
            _fsync_dir(journaal.parent)


def _hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# --- after an interruption ------------------------------------------------------------------


def onderbroken(data_dir: Path) -> bool:
    """A journal (or a half-written one) is there: a writer is busy, or one was
    interrupted. (A folder that cannot be looked into has none that we could act on:
    the command says why.)"""
    try:
        with os.scandir(werkmap(data_dir)) as entries:
            return any(e.name == "journaal.json" or e.name.endswith(TIJDELIJK) for e in entries)
    except OSError:
        return False


def _opruimen(folder: Path) -> None:
    """Half-written files of waterketen's own (a journal or lock note being written when
    the process died); only ever called by the holder of the lock."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(TIJDELIJK):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def herstel(data_dir: Path) -> str | None:
    """Complete or undo an interrupted transaction; a sentence saying what was done, or
    None when there was nothing to do. Waits for a writer that is still busy."""
    journaal = _journaal(data_dir)
    with slot(data_dir, "herstel na een onderbroken opdracht"):
        try:
            content = json.loads(journaal.read_text(encoding="utf-8"))
            staat = content["staat"]
            wat = content.get("opdracht", "een opdracht")
            regels = [_Regel.load(r) for r in content["bestanden"]]
        except FileNotFoundError:
            return None  # the writer we waited for finished
        except (OSError, ValueError, KeyError, TypeError):
            raise SchrijfFout(
                f"het journaal {journaal} van een onderbroken opdracht is onleesbaar",
                hint="controleer met 'git status' of de gegevens in orde zijn en verwijder "
                "dan het journaal",
            ) from None
        if staat == "vastgelegd":
            klaar = 0
            for regel in regels:
                if regel.tijdelijk.exists():
                    _replace(regel.tijdelijk, regel.doel)
                    klaar += 1
            for folder in {r.doel.parent for r in regels}:
                _fsync_dir(folder)
            _finish(journaal, regels)
            uitkomst = (
                f"'{wat}' werd onderbroken tijdens het schrijven en is nu afgemaakt "
                f"({dutch.aantal(len(regels), 'bestand', 'bestanden')})"
            )
        elif staat == "terugdraaien":
            _rollback(regels)
            _finish(journaal, regels)
            uitkomst = f"'{wat}' werd onderbroken en is teruggedraaid: er is niets veranderd"
        else:
            _remove_temporaries(regels)
            _finish(journaal, regels)
            uitkomst = (
                f"'{wat}' werd onderbroken voordat er iets veranderde; "
                "de tijdelijke bestanden zijn opgeruimd"
            )
    return uitkomst
