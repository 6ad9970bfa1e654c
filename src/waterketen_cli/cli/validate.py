"""``waterketen validate``: check every record and every reference."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli.common import DataOptie, data_dir, today

if TYPE_CHECKING:
    from waterketen_cli.checks import Finding


class Formaat(StrEnum):
    tekst = "tekst"
    github = "github"
    json = "json"


def validate(
    ctx: typer.Context,
    paden: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PAD]...",
            help="Toon alleen bevindingen over deze bestanden of mappen "
            "(verwijzingen worden altijd tegen alle gegevens gecontroleerd).",
            show_default=False,
        ),
    ] = None,
    formaat: Annotated[
        Formaat,
        typer.Option("--format", "-f", help="Uitvoer: tekst, github (annotaties) of json."),
    ] = Formaat.tekst,
    streng: Annotated[
        bool, typer.Option("--streng", help="Laat ook waarschuwingen de controle doen falen.")
    ] = False,
    skip: Annotated[
        list[str] | None,
        typer.Option("--skip", metavar="CHECK", help="Sla deze controle over (herhaalbaar)."),
    ] = None,
    geen_cache: Annotated[
        bool, typer.Option("--geen-cache", help="Lees alles opnieuw, zonder cache.")
    ] = False,
    data: DataOptie = None,
    toon_checks: Annotated[
        bool, typer.Option("--toon-checks", help="Toon alle controles met hun ernst en stop.")
    ] = False,
    gewijzigd: Annotated[
        str | None,
        typer.Option(
            "--gewijzigd",
            metavar="REV",
            help="Toon alleen bevindingen over de bestanden die sinds deze git-revisie "
            "veranderden (ook niet gecommitte), plus alle bevindingen over verwijzingen en "
            "andere regels tussen records in de hele map. Voor CI en pre-commit.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Controleer alle records: velden, verwijzingen en de afspraken van de samenwerking.

    Exitcode 0: in orde; 1: fouten gevonden (of waarschuwingen met --streng);
    2: verkeerd gebruik.
    """
    from waterketen_cli.checks import Ernst, all_checks
    from waterketen_cli.checks import validate as run_checks
    from waterketen_cli.cli import output
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.findings import suggest

    if toon_checks:
        for check in all_checks().values():
            output.message(f"{check.naam:<22}{check.ernst.value:<14}{check.omschrijving}")
        return
    for name in skip or []:
        known = all_checks()
        if name not in known:
            hint = suggest(name, known) or "bekende controles: " + ", ".join(known)
            raise GebruiksFout(f"onbekende controle '{name}' bij --skip", hint=hint)
    folder = data_dir(ctx, data)
    filters = [_filter(p, folder) for p in paden or []]
    # git answers --gewijzigd in its own processes while the records are checked here.
    asked = _Changed(folder, gewijzigd) if gewijzigd is not None else None
    with output.voortgang("Controleren") as voortgang:
        result = run_checks(folder, today(), use_cache=not geen_cache, voortgang=voortgang)
    changed = asked.result() if asked is not None else None
    folders = {p.rsplit("/", n)[0] for p in changed or () for n in range(1, p.count("/") + 1)}
    root = folder.parent
    shown = [
        f
        for f in result.findings
        if f.check not in (skip or [])
        and (not filters or any(_under(root / f.bestand, p) for p in filters))
        and (changed is None or _in_scope(f, changed, folders, result.eigen_bestand))
    ]
    extra: dict[str, object] = {}
    if changed is not None:
        present = sum(1 for bestand in changed if (root / bestand).is_file())
        samenvatting = output.summary_gewijzigd(present, shown)
        extra["gewijzigde_bestanden"] = present
    else:
        samenvatting = output.summary(result, shown)
    if formaat == Formaat.json:
        output.findings_json(result, shown, extra)
    elif formaat == Formaat.github:
        output.findings_github(shown, samenvatting)
    else:
        output.findings_text(shown, samenvatting)
    failing = {Ernst.FOUT, Ernst.WAARSCHUWING} if streng else {Ernst.FOUT}
    if any(f.ernst in failing for f in shown):
        raise typer.Exit(1)


def _filter(path: Path, folder: Path) -> Path:
    from waterketen_cli.errors import GebruiksFout

    resolved = path.resolve()
    if not resolved.exists():
        raise GebruiksFout(f"'{path}' bestaat niet")
    if not _under(resolved, folder.resolve()):
        raise GebruiksFout(
            f"'{path}' ligt buiten de gegevensmap {folder}",
            hint="geef een pad binnen de gegevensmap",
        )
    return resolved


def _under(path: Path, folder: Path) -> bool:
    resolved = path.resolve()
    return resolved == folder or folder in resolved.parents


class _Changed:
    """The files below the data folder changed since ``rev``, as findings name them:
    asked of git in a thread, so that the waiting for git overlaps the checks. An error
    (an unknown revision, no repository) is raised by :meth:`result`."""

    def __init__(self, folder: Path, rev: str) -> None:
        import threading

        self._found: set[str] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._ask, args=(folder, rev), daemon=True)
        self._thread.start()

    def _ask(self, folder: Path, rev: str) -> None:
        from waterketen_cli import git

        try:
            self._found = git.changed_files(folder, rev)
        except BaseException as error:  # handed to the main thread, raised there
            self._error = error

    def result(self) -> set[str]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._found is not None
        return self._found


def _in_scope(
    finding: Finding, changed: set[str], folders: set[str], eigen: frozenset[str]
) -> bool:
    """About a changed file (or a folder holding one), or across records."""
    if finding.bestand in changed or finding.bestand in folders:
        return True
    return finding.check not in eigen
