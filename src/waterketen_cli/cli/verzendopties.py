"""What the sending commands share (``agenda verstuur``, ``nieuwsbrief verstuur``):
their options, the checks on them, and how they report, so that both behave and speak
alike. The sending itself is in :mod:`waterketen_cli.verzenden`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from waterketen_cli.verzenden import Ontbrekend


#: ``--uitvoer``: the folder for the .eml files, with where they go without it.
_MAP = "De map voor de .eml-bestanden. Standaard: {} in de huidige map."
UitnodigingenMapOptie = Annotated[
    Path | None,
    typer.Option(
        "--uitvoer",
        "-o",
        metavar="MAP",
        help=_MAP.format("uitnodigingen/VERGADERING/"),
        show_default=False,
    ),
]
NieuwsbriefMapOptie = Annotated[
    Path | None,
    typer.Option(
        "--uitvoer", "-o", metavar="MAP", help=_MAP.format("nieuwsbrief-ID/"), show_default=False
    ),
]
EmlOverschrijfOptie = Annotated[
    bool, typer.Option("--overschrijf", help="Vervang bestaande .eml-bestanden in die map.")
]
_SMTP = (
    "Verstuur via de SMTP-server uit WATERKETEN_SMTP_HOST (zie de README) in plaats van "
    ".eml-bestanden te schrijven. Wie het bericht al kreeg, krijgt het niet nog eens."
)
SmtpOptie = Annotated[bool, typer.Option("--smtp", help=_SMTP)]
NieuwsbriefSmtpOptie = Annotated[
    bool,
    typer.Option(
        "--smtp", help=_SMTP + " Als iedereen het heeft, wordt de nieuwsbrief 'verzonden'."
    ),
]
OpnieuwOptie = Annotated[
    bool,
    typer.Option("--opnieuw", help="Met --smtp: verstuur ook aan wie het bericht al kreeg."),
]


def controleer(*, smtp: bool, uitvoer: Path | None, overschrijf: bool, opnieuw: bool) -> None:
    """Options that do not go together."""
    from waterketen_cli.errors import GebruiksFout

    if smtp and (uitvoer is not None or overschrijf):
        raise GebruiksFout(
            "--smtp verstuurt zelf en schrijft geen bestanden",
            hint="laat --uitvoer en --overschrijf weg, of laat --smtp weg voor .eml-bestanden",
        )
    if opnieuw and not smtp:
        raise GebruiksFout(
            "--opnieuw hoort bij --smtp",
            hint="bij .eml-bestanden vervangt --overschrijf de bestanden van een vorige keer",
        )


def toon_droog(
    ontvangers: Sequence[Any],
    namen: Sequence[str],
    map_: Path,
    *,
    smtp: bool,
    al_verstuurd: Callable[[Any], bool],
    extra: Callable[[Any], str] = lambda _: "",
) -> None:
    """A dry run: each recipient, with the file it would get (or, with --smtp, whether
    it already has the message)."""
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import shown

    for naam, o in zip(namen, ontvangers, strict=True):
        achter = extra(o) + (" (al verstuurd)" if smtp and al_verstuurd(o) else "")
        waar = "" if smtp else f"{shown(map_ / naam)}: "
        output.message(f"  {waar}{o.naam} <{o.email}>{achter}")


def meld_verstuurd(o: Any) -> None:
    from waterketen_cli.cli import output

    output.message(f"Verstuurd aan {o.naam} <{o.email}>")


def meld_eml(folder: Path, map_: Path, aantal: str) -> None:
    """The .eml files were written: where, what to do next, and a warning when they sit
    in the data repository (they hold e-mail addresses)."""
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import shown
    from waterketen_cli.records.stukken import binnen_repository

    output.message(
        f"Geschreven: {aantal} in {shown(map_)}; open ze in Outlook (als concept) en klik op "
        "Verzenden"
    )
    if binnen_repository(folder.parent, map_):
        output.print_warning(
            f"{shown(map_)} staat in de gegevensrepository en de berichten bevatten e-mailadressen",
            "commit ze niet: zet de map in .gitignore, of kies met --uitvoer een map "
            "buiten de repository",
        )


def meld_ontbrekend(
    ontbrekend: Sequence[Ontbrekend], *, wat: str, wie: tuple[str, str], slot: str
) -> None:
    """Who got nothing, each with the reason and what to do; then exit 1."""
    from waterketen_cli import dutch
    from waterketen_cli.cli import output

    for m in ontbrekend:
        output.print_warning(f"{wat}: {m.naam}: {m.reden}", m.hint)
    if ontbrekend:
        aantal = dutch.aantal(len(ontbrekend), *wie)
        output.message_err(f"{aantal} {slot} (zie hierboven)")
        raise typer.Exit(1)
