"""The ``waterketen`` command: global options and the one error boundary.

Only typer is imported at the top: every command imports what it needs when it runs,
so that ``waterketen --help`` answers at once.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from waterketen_cli import __version__
from waterketen_cli.cli import i18n
from waterketen_cli.cli.common import DataOptie

i18n.install()

app = typer.Typer(
    name="waterketen",
    help=(
        "Het secretariaat van de waterketensamenwerking als code: records in YAML, "
        "gecontroleerd en verwerkt tot agenda's, verslagen en overzichten."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"waterketen {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data: DataOptie = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Toon bij een interne fout de volledige foutmelding.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Toon het versienummer en stop."
        ),
    ] = False,
) -> None:
    """Het secretariaat van de waterketensamenwerking als code."""
    ctx.obj = {"data": data}
    if debug:
        os.environ["WATERKETEN_DEBUG"] = "1"


def _register() -> None:
    from waterketen_cli.cli import kalender, schema, validate

    app.command("validate", no_args_is_help=False)(validate.validate)
    app.command("schema")(schema.schema)
    app.command("kalender")(kalender.kalender)
    from waterketen_cli.cli import agenda

    app.add_typer(agenda.app, name="agenda")
    from waterketen_cli.cli import overzicht

    app.command("overzicht")(overzicht.overzicht)
    from waterketen_cli.cli import notulen

    app.add_typer(notulen.app, name="notulen")

    from waterketen_cli.cli import acties

    app.add_typer(acties.app, name="acties")
    app.command("besluiten")(acties.besluiten)

    from waterketen_cli.cli import middelen

    app.command("middelen")(middelen.middelen)

    from waterketen_cli.cli import project

    app.add_typer(project.app, name="project")

    from waterketen_cli.cli import monitor

    app.command("monitor")(monitor.monitor)

    from waterketen_cli.cli import wijzigingen

    app.command("wijzigingen")(wijzigingen.wijzigingen)

    from waterketen_cli.cli import codeowners, init

    app.command("codeowners")(codeowners.codeowners)
    app.command("init")(init.init)

    from waterketen_cli.cli import fmt

    app.command("fmt")(fmt.fmt)


_register()


def run() -> None:
    """Entry point: known errors exit 1 (2 for usage), Ctrl-C 130, a bug 3."""
    from waterketen_cli.errors import GebruiksFout, WaterketenError

    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        sys.exit(130)
    except WaterketenError as error:
        from waterketen_cli.cli.output import print_error

        print_error(error.bericht, error.hint)
        sys.exit(2 if isinstance(error, GebruiksFout) else 1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        if _is_usage_error(error):
            _usage_error(error)
        if os.environ.get("WATERKETEN_DEBUG") or "--debug" in sys.argv:
            raise
        from waterketen_cli.cli.output import print_error

        print_error(
            "interne fout in waterketen: dit is een fout in het programma, niet in uw gegevens",
            "voer de opdracht opnieuw uit met --debug en meld de uitvoer aan de beheerders",
        )
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)


def _is_usage_error(error: Exception) -> bool:
    return type(error).__name__ in {
        "UsageError",
        "NoSuchOption",
        "BadParameter",
        "BadOptionUsage",
        "BadArgumentUsage",
        "MissingParameter",
        "NoArgsIsHelpError",
    } or (hasattr(error, "exit_code") and hasattr(error, "format_message"))


def _usage_error(error: Exception) -> None:
    from waterketen_cli.cli.output import print_error

    message = str(getattr(error, "format_message", lambda: str(error))())
    if type(error).__name__ == "NoArgsIsHelpError":
        print(message)
        sys.exit(2)
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "waterketen"
    print_error(i18n.usage_error(message), f"zie '{command} --help'")
    sys.exit(getattr(error, "exit_code", 2))
