"""Writing the website's folder: all of it or nothing.

The site is generated output. It is written in full into a new folder next to the
target (``.<naam>.<x>.waterketen-tmp``), the search index is made there, and only then
is it swapped in for the previous site, which is removed. A build that fails leaves
the previous site as it was, never half a site.

The folder is replaced as a whole, so it must be one that may go: new, empty, or a
site made before (it holds the marker file :data:`MARKER`). Any other folder is
refused unless ``overschrijf``; a folder that holds the data or a git repository is
refused always.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from waterketen_cli.communicatie.sitebouw import Site
from waterketen_cli.errors import BestandsFout, GebruiksFout, toon_pad

#: The file that marks a folder as a site made by ``waterketen site``.
MARKER = ".waterketen-site"
MARKER_TEKST = (
    "Deze map is gemaakt door 'waterketen site' en wordt bij elke bouw in haar geheel "
    "vervangen. Wijzig hier niets met de hand.\n"
)


@dataclass(frozen=True)
class Geplaatst:
    map: Path
    paginas: int
    bestanden: int
    grootte: int  # bytes, the search index included


def plaats(
    site: Site,
    doel: Path,
    *,
    data_dir: Path,
    overschrijf: bool,
    zoekindex: Callable[[Path], None] | None,
) -> Geplaatst:
    """Write ``site`` to the folder ``doel`` (see the module docstring); ``zoekindex``
    makes the search index in the new folder before it is swapped in."""
    doel = Path(os.path.abspath(doel))
    controleer(doel, data_dir, overschrijf=overschrijf)
    try:
        doel.parent.mkdir(parents=True, exist_ok=True)
        nieuw = doel.with_name(f".{doel.name}.{secrets.token_hex(4)}.waterketen-tmp")
        nieuw.mkdir()
    except OSError as error:
        raise BestandsFout.van(error, doel.parent) from None
    try:
        for pad, inhoud in site.bestanden.items():
            bestand = nieuw.joinpath(*pad.split("/"))
            bestand.parent.mkdir(parents=True, exist_ok=True)
            bestand.write_bytes(inhoud)
        (nieuw / MARKER).write_text(MARKER_TEKST, encoding="utf-8")
        if zoekindex is not None:
            zoekindex(nieuw)
        alles = [p for p in nieuw.rglob("*") if p.is_file()]
        grootte = sum(p.stat().st_size for p in alles)
        _wissel(nieuw, doel)
    except OSError as error:
        shutil.rmtree(nieuw, ignore_errors=True)
        raise BestandsFout.van(error) from None
    except BaseException:
        shutil.rmtree(nieuw, ignore_errors=True)
        raise
    return Geplaatst(doel, site.paginas, len(alles) - 1, grootte)


def controleer(doel: Path, data_dir: Path, *, overschrijf: bool) -> None:
    """Refuse a target that may not be replaced (see the module docstring)."""
    getoond = toon_pad(doel) or str(doel)
    if doel.is_symlink():
        raise GebruiksFout(
            f"{getoond} is een symbolische koppeling", hint="geef de map zelf met --uitvoer"
        )
    if doel.exists() and not doel.is_dir():
        raise GebruiksFout(f"{getoond} is een bestand, geen map", hint="geef een map met --uitvoer")
    echt, data = Path(os.path.realpath(doel)), Path(os.path.realpath(data_dir))
    if echt == data or data.is_relative_to(echt) or echt.is_relative_to(data):
        raise GebruiksFout(
            f"de website kan niet in {getoond}: daar staan de gegevens",
            hint="kies een map buiten de gegevens, bijv. _site naast data/",
        )
    if (doel / ".git").exists():
        raise GebruiksFout(
            f"de website kan niet in {getoond}: dat is een git-repository",
            hint="kies een eigen map voor de website, bijv. _site",
        )
    if not doel.is_dir() or (doel / MARKER).is_file() or overschrijf:
        return
    try:
        leeg = not any(doel.iterdir())
    except OSError as error:
        raise BestandsFout.map(error, getoond) from None
    if not leeg:
        raise GebruiksFout(
            f"{getoond} is niet leeg en is geen website die waterketen eerder maakte",
            hint="kies een andere map, of vervang de hele inhoud met --overschrijf",
        )


def _wissel(nieuw: Path, doel: Path) -> None:
    """Put ``nieuw`` where ``doel`` is; the old folder goes only when that worked."""
    oud = None
    if doel.exists():
        oud = doel.with_name(f".{doel.name}.{secrets.token_hex(4)}.waterketen-oud")
        os.rename(doel, oud)
    try:
        os.rename(nieuw, doel)
    except OSError:
        if oud is not None:
            os.rename(oud, doel)
        raise
    if oud is not None:
        shutil.rmtree(oud, ignore_errors=True)
