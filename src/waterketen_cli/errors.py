"""The one error hierarchy. Exit codes: 0 fine, 1 findings or a user error,
2 wrong usage, 3 a bug (shown as such; ``--debug`` gives the traceback).

An ``OSError`` (no access, a full disk, a folder where a file belongs, ...) is a
problem the user can fix. Its Dutch message is made in one place, :func:`os_bericht`:
the error boundary uses it for any ``OSError`` that escapes a command, and code that
knows better which file was meant (the write path: a failed ``write`` names no file)
raises :meth:`BestandsFout.van` with that file.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path


class WaterketenError(Exception):
    """A problem the user can fix; the message says what and how."""

    def __init__(self, bericht: str, *, hint: str | None = None) -> None:
        super().__init__(bericht)
        self.bericht = bericht
        self.hint = hint


class GegevensNietGevonden(WaterketenError):
    """The data folder could not be found."""


class GebruiksFout(WaterketenError):
    """Wrong usage of a command (exit code 2)."""


class BestandsFout(WaterketenError):
    """A file or folder that could not be read or written, for a reason on the user's
    side (rights, a full disk, a read-only disk, a file open in another program, ...).

    ``pad`` is the file or folder as shown to the user; ``errno`` the system's code."""

    def __init__(
        self,
        bericht: str,
        *,
        hint: str | None = None,
        pad: str | None = None,
        errno: int | None = None,
    ) -> None:
        super().__init__(bericht, hint=hint)
        self.pad = pad
        self.errno = errno

    @classmethod
    def van(cls, error: OSError, pad: str | os.PathLike[str] | None = None) -> BestandsFout:
        """From an ``OSError``: ``pad`` names the file when the error does not (a failed
        ``write`` or ``fsync``), or names it better (the target instead of a temporary
        file)."""
        shown = toon_pad(pad if pad is not None else error.filename)
        bericht, hint = os_bericht(error, shown)
        return cls(bericht, hint=hint, pad=shown, errno=error.errno)

    @classmethod
    def map(cls, error: OSError, pad: str) -> BestandsFout:
        """A folder that cannot be listed: 'kan de map data/acties niet lezen: geen
        toegang'. ``pad`` is the folder as shown (``data/acties``)."""
        hint = (
            f"controleer de rechten van de map {pad}: waterketen moet haar kunnen lezen en openen"
            if error.errno in _GEEN_TOEGANG
            else os_bericht(error, pad)[1]
        )
        return cls(
            f"kan de map {pad} niet lezen: {os_reden(error)}",
            hint=hint,
            pad=pad,
            errno=error.errno,
        )


class SjabloonFout(WaterketenError):
    """A template in the data repository's own ``templates/`` folder is broken.

    ``pad`` is the template as the user would open it (``templates/agenda.md.j2``),
    ``regel`` the line (0 when unknown)."""

    def __init__(self, bericht: str, *, hint: str | None = None, pad: str, regel: int) -> None:
        super().__init__(bericht, hint=hint)
        self.pad = pad
        self.regel = regel


# --- OSError in Dutch -------------------------------------------------------------------

_GEEN_TOEGANG = {errno.EACCES, errno.EPERM}
_VOL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_IN_GEBRUIK = {errno.EBUSY, getattr(errno, "ETXTBSY", errno.EBUSY)}
#: Windows: ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION (a file open in Word or
#: Excel) arrive as EACCES; the Windows code tells them apart.
_WINDOWS_IN_GEBRUIK = {32, 33}

#: errno → (short reason, message with {pad}, message without a file, hint). The short
#: reason follows a colon: 'kan de map data/acties niet lezen: geen toegang'.
_TEKSTEN: dict[int, tuple[str, str, str, str]] = {
    **dict.fromkeys(
        _GEEN_TOEGANG,
        (
            "geen toegang",
            "geen toegang tot {pad}",
            "geen toegang tot een bestand of map",
            "controleer de rechten van het bestand en van de map waarin het staat",
        ),
    ),
    **dict.fromkeys(
        _VOL,
        (
            "de schijf is vol",
            "de schijf is vol: {pad} kan niet worden geschreven",
            "de schijf is vol",
            "maak ruimte vrij en probeer opnieuw",
        ),
    ),
    errno.EROFS: (
        "de schijf kan alleen gelezen worden",
        "{pad} staat op een schijf die alleen gelezen kan worden",
        "de schijf kan alleen gelezen worden",
        "schrijf naar een andere plek, of maak de schijf beschrijfbaar",
    ),
    errno.EISDIR: (
        "het is een map",
        "{pad} is een map, geen bestand",
        "er staat een map waar een bestand hoort",
        "geef de naam van een bestand",
    ),
    errno.ENOTDIR: (
        "het is geen map",
        "{pad} is geen map, of er staat een bestand in het pad waar een map hoort",
        "er staat een bestand waar een map hoort",
        "controleer het pad",
    ),
    errno.ENOENT: (
        "het bestaat niet (meer)",
        "{pad} bestaat niet",
        "een bestand of map bestaat niet",
        "controleer de naam en de map",
    ),
    errno.ELOOP: (
        "symbolische koppelingen verwijzen in een kring naar elkaar",
        "{pad}: symbolische koppelingen verwijzen in een kring naar elkaar",
        "symbolische koppelingen verwijzen in een kring naar elkaar",
        "herstel of verwijder de koppeling",
    ),
    errno.ENAMETOOLONG: (
        "de naam is te lang",
        "de naam {pad} is te lang",
        "een bestandsnaam is te lang",
        "kies een kortere naam, of een map die minder diep ligt",
    ),
    **dict.fromkeys(
        _IN_GEBRUIK,
        (
            "in gebruik door een ander programma",
            "{pad} is in gebruik door een ander programma",
            "een bestand is in gebruik door een ander programma",
            "sluit het bestand in dat programma (bijv. Word of Excel) en probeer opnieuw",
        ),
    ),
}


def _tekst(error: OSError) -> tuple[str, str, str, str]:
    code = error.errno
    if getattr(error, "winerror", None) in _WINDOWS_IN_GEBRUIK:
        code = errno.EBUSY
    known = _TEKSTEN.get(code) if code is not None else None
    if known is not None:
        return known
    reden = error.strerror or (errno.errorcode.get(code, "") if code is not None else "")
    reden = reden or str(error) or type(error).__name__
    return (
        reden,
        "kan {pad} niet gebruiken: " + reden,
        "een bestand of map kan niet worden gebruikt: " + reden,
        "controleer het bestand en probeer opnieuw",
    )


def os_reden(error: OSError) -> str:
    """The reason alone, to follow a colon: 'geen toegang', 'de schijf is vol', ..."""
    return _tekst(error)[0]


def os_bericht(error: OSError, pad: str | None = None) -> tuple[str, str]:
    """The Dutch message and hint for an ``OSError``, naming the file: ``pad`` as it
    should be shown, else the error's own file name (see :func:`toon_pad`).

    ===================  =========================================================
    EACCES, EPERM        geen toegang tot X
    ENOSPC, EDQUOT       de schijf is vol: X kan niet worden geschreven
    EROFS                X staat op een schijf die alleen gelezen kan worden
    EISDIR               X is een map, geen bestand
    ENOTDIR              X is geen map, of er staat een bestand in het pad ...
    ENOENT               X bestaat niet
    ELOOP                X: symbolische koppelingen verwijzen in een kring ...
    ENAMETOOLONG         de naam X is te lang
    EBUSY, ETXTBSY       X is in gebruik door een ander programma
    anything else        kan X niet gebruiken: <the system's reason>
    ===================  =========================================================

    Each with a hint on what to do; the table itself is ``_TEKSTEN``."""
    _reden, met_pad, zonder_pad, hint = _tekst(error)
    shown = pad if pad is not None else toon_pad(error.filename)
    bericht = met_pad.format(pad=shown) if shown else zonder_pad
    return bericht, hint


def toon_pad(pad: object) -> str | None:
    """A path as the user would type it: relative to where they stand, if inside."""
    if pad is None or pad == "":
        return None
    if isinstance(pad, bytes):
        pad = os.fsdecode(pad)
    if not isinstance(pad, str | os.PathLike):
        return str(pad)
    path = Path(pad)
    try:
        here = Path.cwd()
        absolute = path.absolute()
        if not absolute.is_relative_to(here):
            # The same place by another name (a symbolic link such as /tmp on macOS).
            absolute, here = absolute.parent.resolve() / absolute.name, here.resolve()
        return str(absolute.relative_to(here))
    except (ValueError, OSError, RuntimeError):
        return str(path)
