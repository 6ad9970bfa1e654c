"""``waterketen codeowners``: the CODEOWNERS file from the records, and its check for CI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli.common import DataOptie, DroogOptie, data_dir

if TYPE_CHECKING:
    from waterketen_cli.codeowners import Codeowners

#: How many people without a forge account a warning names.
TONEN = 20


def codeowners(
    ctx: typer.Context,
    uitvoer: Annotated[
        Path | None,
        typer.Option(
            "--uitvoer",
            "-o",
            metavar="PAD",
            help="Schrijf naar dit bestand ('-' voor het scherm). "
            "Standaard: CODEOWNERS in de hoofdmap van de repository.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Schrijf niets; faal (exitcode 1) als het bestand ontbreekt of niet bij de "
            "gegevens past. Voor CI.",
        ),
    ] = False,
    overschrijf: Annotated[
        bool,
        typer.Option(
            "--overschrijf", help="Vervang ook een CODEOWNERS dat niet door waterketen gemaakt is."
        ),
    ] = False,
    droog: DroogOptie = False,
    data: DataOptie = None,
) -> None:
    """Schrijf CODEOWNERS uit de gegevens: wie welke wijziging beoordeelt.

    Een cluster: de coördinator. Een overleg, zijn vergaderingen, acties en
    agendavoorstellen: de secretaris. Een project: de trekker en de coördinatoren van
    zijn clusters (regionaal: de waterregisseur). De rest: de secretaris van het
    clustercoördinatorenoverleg. De namen komen uit 'forge_account' van de personen;
    wie dat niet heeft, wordt gemeld, en een bestand dat zo niemand overhoudt, gaat
    naar de standaardeigenaar.
    Werkt op GitHub en GitLab. Een CODEOWNERS dat niet door waterketen gemaakt is,
    wordt alleen met --overschrijf vervangen.
    """
    import sys

    from waterketen_cli import codeowners as core
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import schrijven, shown
    from waterketen_cli.dutch import aantal
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.records.dataset import load
    from waterketen_cli.records.plan import Document, Schrijfplan

    folder = data_dir(ctx, data)
    root = core.repository_root(folder)
    to_screen = uitvoer is not None and str(uitvoer) == "-"
    if to_screen and check:
        raise GebruiksFout(
            "--check vergelijkt met een bestand, niet met het scherm",
            hint="laat '--uitvoer -' weg, of geef het bestand dat u wilt controleren",
        )
    target = root / "CODEOWNERS" if uitvoer is None else uitvoer
    if not to_screen and target.is_dir():
        raise GebruiksFout(f"{target} is een map", hint="geef een bestand, bijv. CODEOWNERS")

    schrijft = not check and not to_screen
    with schrijven(folder if schrijft else None, droog=droog) as sessie:
        gegevens = load(folder, core.SOORTEN)
        result = core.build(gegevens, core.prefix_for(folder, root))
        old_bytes = target.read_bytes() if not to_screen and target.is_file() else None
        old = old_bytes.decode("utf-8", errors="replace") if old_bytes is not None else None
        _report(result, folder)
        if to_screen:
            sys.stdout.write(result.tekst)
            return
        if uitvoer is None and (root / ".github" / "CODEOWNERS").exists():
            output.print_warning(
                "er is ook een .github/CODEOWNERS: GitHub gebruikt dat en niet dit bestand",
                "verwijder .github/CODEOWNERS, of schrijf daarheen met "
                "--uitvoer .github/CODEOWNERS",
            )
        if check:
            _check(old, result.tekst, target)
            return
        if old == result.tekst:
            output.message(f"{shown(target)} is ongewijzigd.")
            return
        if old is not None and not core.is_generated(old) and not overschrijf:
            raise GebruiksFout(
                f"{shown(target)} is niet door waterketen gemaakt en wordt niet overschreven",
                hint="gebruik --overschrijf om het te vervangen, "
                "of kies een ander bestand met --uitvoer",
            )
        plan = Schrijfplan.van(gegevens, "CODEOWNERS bijgewerkt uit de gegevens")
        plan.documenten.append(Document(target, result.tekst, overschrijf=True, oud=old_bytes))
        sessie.voer_uit(plan)
    if droog:
        return
    n = sum(1 for line in result.tekst.splitlines() if line and not line.startswith("#"))
    output.message(f"Geschreven: {shown(target)} ({aantal(n, 'regel', 'regels')}).")


def _check(old: str | None, new: str, target: Path) -> None:
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import shown

    if old == new:
        output.message(f"{shown(target)} past bij de gegevens.")
        return
    if old is None:
        output.print_error(
            f"{shown(target)} ontbreekt", "maak het met 'waterketen codeowners' en commit het"
        )
    else:
        _diff(old, new, shown(target))
        output.print_error(
            f"{shown(target)} past niet bij de gegevens",
            "maak het opnieuw met 'waterketen codeowners' en commit het",
        )
    raise typer.Exit(1)


def _report(result: Codeowners, folder: Path) -> None:
    """One warning for the people without a forge account (at most ``TONEN`` named:
    a region that has none yet should not get a screen full), one for unknown ones."""
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import shown
    from waterketen_cli.dutch import aantal

    geen_account = [o for o in result.ontbrekend if o.bekend]
    if geen_account:
        n = len(geen_account)
        lines = [
            f"{aantal(n, 'persoon', 'personen')} zonder forge_account; "
            "hun deel gaat naar de anderen op dezelfde regel, of naar de standaardeigenaar:"
        ]
        lines += [f"  {o.persoon}: {'; '.join(o.rollen)}" for o in geen_account[:TONEN]]
        if n > TONEN:
            lines.append(f"  … en nog {n - TONEN}")
        output.print_warning(
            "\n".join(lines),
            "zet 'forge_account: GEBRUIKERSNAAM' in hun record in "
            f"{shown(folder / 'personen')}/ en maak CODEOWNERS opnieuw",
        )
    onbekend = [o for o in result.ontbrekend if not o.bekend]
    if onbekend:
        lines = ["geen geldig persoonsrecord, dus niet in CODEOWNERS:"]
        lines += [f"  {o.persoon}: {'; '.join(o.rollen)}" for o in onbekend[:TONEN]]
        if len(onbekend) > TONEN:
            lines.append(f"  … en nog {len(onbekend) - TONEN}")
        output.print_warning(
            "\n".join(lines), "voer 'waterketen validate' uit om te zien wat eraan schort"
        )
    for opmerking in result.opmerkingen:
        output.print_warning(opmerking)


def _diff(old: str, new: str, name: str) -> None:
    import difflib

    from waterketen_cli.cli import output

    for line in difflib.unified_diff(
        old.splitlines(),
        new.splitlines(),
        fromfile=f"{name} (nu)",
        tofile=f"{name} (uit de gegevens)",
        lineterm="",
    ):
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
        output.message(line, style)
