"""The ``waterketen`` command: global options and the one error boundary.

Only typer is imported at the top: every command imports what it needs when it runs,
so that ``waterketen --help`` answers at once.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, NoReturn

import typer

from waterketen_cli import __version__
from waterketen_cli.cli import i18n, opdrachten, parameters
from waterketen_cli.cli.common import DataOptie

i18n.install()
parameters.install()

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


#: The environment variable through which a shell asks for completions. Fixed, so that
#: it is the same however the program was started (``waterketen.exe`` on Windows).
COMPLETE_VAR = "_WATERKETEN_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"waterketen {__version__}")
        raise typer.Exit()


def _install_completion(value: bool) -> None:
    if not value:
        return
    from waterketen_cli.cli import output

    shell = _shell()
    path = _install(shell)
    output.message(f"Aanvullen met Tab is geïnstalleerd voor {shell}, in {path}.")
    output.message("Het werkt in een nieuw terminalvenster.")
    if shell in ("powershell", "pwsh"):
        output.message(
            "Werkt het daar niet, dan laat PowerShell geen profielscripts toe: "
            "zie 'Get-ExecutionPolicy' of vraag uw beheerder."
        )
    raise typer.Exit()


def _show_completion(value: bool) -> None:
    if not value:
        return
    from typer._completion_shared import get_completion_script

    shell = _shell()
    script = get_completion_script(prog_name="waterketen", complete_var=COMPLETE_VAR, shell=shell)
    sys.stdout.write(script + "\n")
    raise typer.Exit()


def _shell() -> str:
    """The shell the user works in, as typer names it."""
    from typer._completion_shared import _get_shell_name

    from waterketen_cli.errors import WaterketenError

    name = _get_shell_name()
    if name in SHELLS:
        return name
    raise WaterketenError(
        f"aanvullen met Tab kan niet in {name or 'deze shell'}",
        hint="geef de opdracht in bash, zsh, fish of PowerShell",
    )


def _install(shell: str) -> str:
    """Install the completion script where the shell finds it; returns that file.
    bash, zsh and fish as typer does; PowerShell in the profile, without changing the
    computer's execution policy as typer would, and only once."""
    from typer import _completion_shared as completion

    if shell in ("powershell", "pwsh"):
        return _install_powershell(shell)
    install = {
        "bash": completion.install_bash,
        "zsh": completion.install_zsh,
        "fish": completion.install_fish,
    }[shell]
    return str(install(prog_name="waterketen", complete_var=COMPLETE_VAR, shell=shell))


def _install_powershell(shell: str) -> str:
    import subprocess
    from pathlib import Path

    from typer._completion_shared import get_completion_script

    from waterketen_cli.errors import WaterketenError

    result = subprocess.run(
        [
            shell,
            "-NoProfile",
            "-NonInteractive",
            "-Command",
            "[Console]::OutputEncoding = [Text.Encoding]::UTF8; $PROFILE",
        ],
        capture_output=True,
        check=False,
    )
    found = result.stdout.decode("utf-8", errors="replace").strip()
    if result.returncode != 0 or not found:
        raise WaterketenError(
            "het PowerShell-profiel is niet gevonden",
            hint="zet de uitvoer van 'waterketen --show-completion' zelf in het bestand "
            "dat $PROFILE noemt",
        )
    profile = Path(found)
    script = get_completion_script(prog_name="waterketen", complete_var=COMPLETE_VAR, shell=shell)
    old = profile.read_bytes() if profile.is_file() else b""
    # PowerShell 5.1 writes UTF-16 files; anything else is read as UTF-8 (the script is
    # plain ASCII, so appending it to a file in the ANSI code page is safe too).
    encoding = "utf-16" if old.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    text = old.decode(encoding, errors="replace")
    if script not in text:
        profile.parent.mkdir(parents=True, exist_ok=True)
        separator = "\n" if text and not text.endswith("\n") else ""
        addition = f"{separator}{script}\n"
        if encoding == "utf-16":
            text = text.lstrip("\ufeff")
            profile.write_text(text + addition, encoding="utf-16")
        else:
            with profile.open("a", encoding="utf-8") as file:
                file.write(addition)
    return str(profile)


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
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=_install_completion,
            is_eager=True,
            help="Installeer het aanvullen met Tab voor uw shell (bash, zsh, fish of "
            "PowerShell) en stop.",
        ),
    ] = False,
    stil: Annotated[
        bool,
        typer.Option(
            "--stil",
            help="Toon geen voortgangsbalk, ook niet in een terminal (in een pipe en in CI "
            "gebeurt dat al vanzelf).",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=_show_completion,
            is_eager=True,
            help="Toon het script voor het aanvullen met Tab in uw shell, om het zelf te "
            "installeren, en stop.",
        ),
    ] = False,
) -> None:
    """Het secretariaat van de waterketensamenwerking als code."""
    ctx.obj = {"data": data}
    if stil:
        from waterketen_cli.cli import output

        output.STIL = True
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
    app.command("besluitenlijst")(notulen.besluitenlijst)

    from waterketen_cli.cli import acties

    app.add_typer(acties.app, name="acties")
    app.command("besluiten")(acties.besluiten)
    app.command("uitvoering")(acties.uitvoering)

    from waterketen_cli.cli import middelen

    app.command("middelen")(middelen.middelen)

    from waterketen_cli.cli import project

    app.add_typer(project.app, name="project")

    from waterketen_cli.cli import monitor

    app.add_typer(monitor.app, name="monitor")

    from waterketen_cli.cli import jaar

    app.command("jaarplan")(jaar.jaarplan)
    app.command("jaarverslag")(jaar.jaarverslag)

    from waterketen_cli.cli import wijzigingen

    app.command("wijzigingen")(wijzigingen.wijzigingen)

    from waterketen_cli.cli import codeowners, init

    app.command("codeowners")(codeowners.codeowners)
    app.command("init")(init.init)

    from waterketen_cli.cli import fmt

    app.command("fmt")(fmt.fmt)

    from waterketen_cli.cli import site

    app.command("site")(site.site)

    from waterketen_cli.cli import nieuwsbrief

    app.add_typer(nieuwsbrief.app, name="nieuwsbrief")


_register()


#: Allocations between two collections of the youngest generation (Python's own: 700).
_GC_DREMPEL = 200_000


def run() -> None:
    """Entry point: known errors exit 1 (2 for usage), Ctrl-C 130, a bug 3.

    A problem the user can fix is a ``WaterketenError`` or an ``OSError`` from the
    system (no access, a full disk, a folder where a file belongs, ...): exit 1 with a
    Dutch message that names the file (``errors.os_bericht``). Everything else is a bug.
    """
    import gc

    from waterketen_cli.cli import output
    from waterketen_cli.errors import GebruiksFout, WaterketenError

    # A command makes thousands of long-lived objects (records, their models, cache
    # entries) and little cyclic garbage: with Python's default threshold the collector
    # walks them all again and again, a sixth of the time of a command that reads the
    # records. Collect less often, as mypy does; memory stays what it was (the
    # benchmark's peak of a cold validate of 100,000 records checks that).
    gc.set_threshold(_GC_DREMPEL, 30, 30)
    output.configure_streams()
    if COMPLETE_VAR in os.environ:
        # The shell asks for completions: typer's own shells (PowerShell among them).
        from typer._completion_classes import completion_init

        completion_init()
    try:
        code = opdrachten.command(app)(standalone_mode=False, complete_var=COMPLETE_VAR)
    except typer.Abort:
        sys.exit(130)
    except WaterketenError as error:
        from waterketen_cli.cli.output import print_error

        print_error(error.bericht, error.hint)
        sys.exit(2 if isinstance(error, GebruiksFout) else 1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        _stdout_closed()
    except OSError as error:
        if error.errno is None:
            _bug(error)  # not from the system (e.g. a template of our own not found)
        from waterketen_cli.cli.output import print_error
        from waterketen_cli.errors import os_bericht

        print_error(*os_bericht(error))
        sys.exit(1)
    except Exception as error:
        _click_error(error)
        _bug(error)
    sys.exit(code if isinstance(code, int) else 0)


def _bug(error: Exception) -> NoReturn:
    if os.environ.get("WATERKETEN_DEBUG") or "--debug" in sys.argv:
        raise error
    from waterketen_cli.cli.output import print_error

    print_error(
        "interne fout in waterketen: dit is een fout in het programma, niet in uw gegevens",
        "voer de opdracht opnieuw uit met --debug en meld de uitvoer aan de beheerders",
    )
    sys.exit(3)


def _stdout_closed() -> NoReturn:
    """The reader of our output went away (``waterketen acties | head``): stop quietly.
    Python would otherwise complain again when it flushes standard output at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(1)


def _click_error(error: Exception) -> None:
    """A usage error from the command-line parser exits 2 with its message in Dutch;
    another error the parser raises exits with its own code. Returns for anything else."""
    # Imported here, when there is an error: the help must answer at once. typer 0.29
    # and later carry their own copy of click; older ones use click itself.
    try:
        from typer._click import exceptions as click
    except ImportError:  # pragma: no cover - an older typer
        from click import exceptions as click  # type: ignore[no-redef]
    if not isinstance(error, click.ClickException):
        return
    from waterketen_cli.cli.output import print_error

    message = error.format_message()
    no_args = getattr(click, "NoArgsIsHelpError", ())
    if isinstance(error, no_args):
        print(message)
        sys.exit(2)
    ctx = error.ctx if isinstance(error, click.UsageError) else None
    command = ctx.command_path if ctx is not None else "waterketen"
    print_error(i18n.usage_error(message), f"zie '{command} --help'")
    sys.exit(error.exit_code)
