"""Dutch for the texts that click and typer print themselves (usage, help, errors).

click marks these texts for gettext but ships no translations; its modules look the
texts up through a module-level ``_``/``ngettext``, which we point at this table.
"""

from __future__ import annotations

import re
import sys
from typing import Any

_NL = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Arguments": "Argumenten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Error": "Fout",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "No such option: {name}": "Onbekende optie: {name}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "Missing argument": "Argument ontbreekt",
    "Missing option": "Optie ontbreekt",
    "Missing parameter": "Parameter ontbreekt",
    "Missing command.": "Geef een opdracht.",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Aborted!": "Afgebroken.",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "required": "verplicht",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
}
_NL_PLURAL = {
    "Got unexpected extra argument ({args})": (
        "Onverwacht extra argument ({args})",
        "Onverwachte extra argumenten ({args})",
    ),
    "Did you mean {possibility}?": (
        "Bedoelde u {possibility}?",
        "(Bedoelde u een van: {possibilities}?)",
    ),
    "Option {name!r} requires an argument.": (
        "Optie {name!r} verwacht een waarde.",
        "Optie {name!r} verwacht {nargs} waarden.",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} is niet {choice}.",
        "{value!r} is niet een van {choices}.",
    ),
}


def _gettext(message: str) -> str:
    return _NL.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular in _NL_PLURAL:
        return _NL_PLURAL[singular][0 if n == 1 else 1]
    return singular if n == 1 else plural


_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), dutch)
    for pattern, dutch in (
        (
            r"^No such option: (\S+) \(Possible options: (.+)\)$",
            r"onbekende optie \1 (bedoelde u \2?)",
        ),
        (r"^No such option: (\S+)$", r"onbekende optie \1"),
        (
            r"^No such command '(.+)'\. Did you mean (.+)\?$",
            r"onbekende opdracht '\1' (bedoelde u \2?)",
        ),
        (r"^No such command '(.+)'\.$", r"onbekende opdracht '\1'"),
        (
            r"^Invalid value for (.+?): (?:Value error, )?(.+) is not one of (.+)\.$",
            r"ongeldige waarde voor \1: \2 (kies uit \3)",
        ),
        # Typer checks numbers with pydantic, whose messages are English.
        (
            r"^Invalid value for (.+?): Input should be a valid integer.*$",
            r"ongeldige waarde voor \1: geef een geheel getal",
        ),
        (
            r"^Invalid value for (.+?): Input should be a valid number.*$",
            r"ongeldige waarde voor \1: geef een getal",
        ),
        (
            r"^Invalid value for (.+?): Input should be greater than or equal to (\S+?)\.?$",
            r"ongeldige waarde voor \1: minstens \2",
        ),
        (
            r"^Invalid value for (.+?): Input should be less than or equal to (\S+?)\.?$",
            r"ongeldige waarde voor \1: hoogstens \2",
        ),
        (r"^Invalid value for (.+?): (?:Value error, )?(.+)$", r"ongeldige waarde voor \1: \2"),
        (r"^Missing argument '(.+)'\.?$", r"argument \1 ontbreekt"),
        (r"^Missing option '(.+)'\.?$", r"optie \1 ontbreekt"),
        (r"^Option '(.+)' requires an argument\.$", r"optie \1 verwacht een waarde"),
        (r"^Option '(.+)' does not take a value\.$", r"optie \1 neemt geen waarde"),
        (r"^Got unexpected extra arguments? \((.+)\)$", r"onverwacht extra argument (\1)"),
    )
)


def usage_error(message: str) -> str:
    """A usage error from the command-line parser, in Dutch where it is a known one."""
    for pattern, dutch in _ERRORS:
        if pattern.match(message):
            return pattern.sub(dutch, message)
    return message


def install() -> None:
    """Point the parser's own help texts at Dutch. Only cosmetic: a typer that is laid
    out differently keeps its English texts and works as before."""
    import importlib

    # typer 0.29 and later carry their own copy of click; older ones use click itself.
    for group in (("typer.core", "typer._click.formatting"), ("click.core", "click.formatting")):
        try:
            for name in group:
                importlib.import_module(name)
            break
        except ImportError:
            continue
    for name in list(sys.modules):
        if name.startswith(("click.", "typer.")):
            module = sys.modules[name]
            if callable(getattr(module, "_", None)):
                setattr(module, "_", _gettext)  # noqa: B010 - a module's private name
            if callable(getattr(module, "ngettext", None)):
                setattr(module, "ngettext", _ngettext)  # noqa: B010
    formatting = sys.modules.get("typer._click.formatting") or sys.modules.get("click.formatting")
    formatter = getattr(formatting, "HelpFormatter", None)
    if formatter is None:
        return
    write_usage, write_dl = formatter.write_usage, formatter.write_dl

    def dutch_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        # click's default metavars of a command and a group, whatever typer passes on
        args = args.replace("[OPTIONS]", "[OPTIES]").replace("COMMAND [ARGS]...", "OPDRACHT")
        args = args.replace("[ARGS]", "[ARGUMENTEN]")
        write_usage(self, prog, args, "Gebruik: " if prefix is None else prefix)

    def dutch_dl(self: Any, rows: Any, *args: Any, **kwargs: Any) -> None:
        write_dl(self, [(a, _NL.get(b, b)) for a, b in rows], *args, **kwargs)

    formatter.write_usage = dutch_usage
    formatter.write_dl = dutch_dl
