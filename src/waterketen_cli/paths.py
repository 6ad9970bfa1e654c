"""Where the data folder is: ``--data``, ``WATERKETEN_DATA``, or ``data/`` of the
git repository the user stands in."""

from __future__ import annotations

from pathlib import Path

from waterketen_cli.errors import GegevensNietGevonden


def repository_root(start: Path) -> Path | None:
    """The nearest folder upwards that holds ``.git`` (a folder, or a file in a worktree)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def find_data_dir(option: str | None, cwd: Path | None = None) -> Path:
    if option:
        data = Path(option).expanduser()
        if not data.is_dir():
            raise GegevensNietGevonden(
                f"de gegevensmap '{option}' bestaat niet",
                hint="geef met --data (of WATERKETEN_DATA) een bestaande map op",
            )
        return data.absolute()
    here = (cwd or Path.cwd()).absolute()
    root = repository_root(here)
    if root is None:
        raise GegevensNietGevonden(
            "u staat niet in een git-repository met gegevens",
            hint="ga naar de map van de gegevensrepository, of geef de map op met --data",
        )
    data = root / "data"
    if not data.is_dir():
        raise GegevensNietGevonden(
            f"de repository {root} heeft geen map data/",
            hint="begin een gegevensrepository met de mappen van de README, of gebruik --data",
        )
    return data
