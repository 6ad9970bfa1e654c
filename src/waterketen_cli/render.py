"""Documents from Jinja2 templates: one environment, strict, deterministic.

Templates ship inside the package (``waterketen_cli/templates``). A data repository
overrides any of them by putting a file of the same name in its own ``templates/``
folder, next to ``data/``.

A template of the data repository that breaks (a syntax error, an unknown name or
filter, a missing ``{% include %}``, a filter used on the wrong kind of value) is the
user's to fix: :func:`render` turns it into a :class:`~waterketen_cli.errors.SjabloonFout`
that names the template file and line. Which template is the user's is decided by the
loader that found it; a broken template of the package itself is a bug and is raised
as it is.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplatesNotFound,
    TemplateSyntaxError,
)

from waterketen_cli import dutch
from waterketen_cli.errors import BestandsFout, SjabloonFout, WaterketenError

HERSTEL = "herstel het sjabloon of verwijder het om het standaardsjabloon te gebruiken"


def markdown_cell(value: Any) -> str:
    """Text that cannot break a Markdown table: pipes escaped, line breaks joined."""
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|")


def markdown_line(value: Any) -> str:
    """Text on one line (a heading or a list item)."""
    return " ".join(str(value).split())


class EigenSjablonen(FileSystemLoader):
    """The ``templates/`` folder of the data repository: the user's own templates."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError:
            shown = f"{self.folder.name}/{template}"
            raise SjabloonFout(
                f"{shown} is geen UTF-8-tekst",
                hint="sla het sjabloon op als UTF-8, of verwijder het om het standaardsjabloon "
                "te gebruiken",
                pad=shown,
                regel=0,
            ) from None

    def place(self, filename: str | None) -> str | None:
        """The template file as the user would open it (``templates/agenda.md.j2``), if
        this loader found it; else None."""
        if not filename:
            return None
        root = os.path.normpath(self.folder)
        full = os.path.normpath(filename)
        try:
            if os.path.commonpath([root, full]) != root:
                return None
        except ValueError:  # another drive, or one path relative and one not
            return None
        return "/".join((self.folder.name, *Path(os.path.relpath(full, root)).parts))


def environment(repo_root: Path | None) -> Environment:
    loaders: list[BaseLoader] = []
    eigen = _eigen(repo_root)
    if eigen is not None:
        loaders.append(eigen)
    loaders.append(PackageLoader("waterketen_cli", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        datum=dutch.datum,
        datum_lang=dutch.datum_lang,
        tijd=dutch.tijd,
        klok=dutch.klok,
        bedrag=lambda v: dutch.bedrag(Decimal(str(v))),
        cel=markdown_cell,
        regel=markdown_line,
    )
    return env


def _eigen(repo_root: Path | None) -> EigenSjablonen | None:
    """The data repository's templates, if it has them. A folder that is there but
    cannot be read would silently give the standard templates: that is an error."""
    if repo_root is None or not (repo_root / "templates").is_dir():
        return None
    folder = repo_root / "templates"
    try:
        with os.scandir(folder):
            pass
    except OSError as error:
        raise BestandsFout.map(error, folder.name) from None
    return EigenSjablonen(folder)


def render(repo_root: Path | None, template: str, **context: Any) -> str:
    """Render a template; the same context always gives the same text."""
    env = environment(repo_root)
    try:
        text = env.get_template(template).render(**context)
    except Exception as error:
        fout = _sjabloonfout(env, error)
        if fout is None:
            raise
        raise fout from error
    return text.rstrip("\n") + "\n"


def _sjabloonfout(env: Environment, error: Exception) -> SjabloonFout | None:
    """The error as the user's to fix, if it lies in one of their own templates."""
    loader = env.loader
    eigen = next((s for s in getattr(loader, "loaders", []) if isinstance(s, EigenSjablonen)), None)
    if eigen is None or isinstance(error, WaterketenError):
        return None
    if isinstance(error, OSError) and not isinstance(error, TemplateNotFound):
        return None  # the file system, not the template: the error boundary says it
    if isinstance(error, TemplateSyntaxError):
        # Found while compiling: the error knows its own template and line.
        pad, regel = eigen.place(error.filename), error.lineno
    else:
        # Found while rendering: Jinja gives the template frames of the traceback the
        # template's file and line. The innermost frame in a user template is where
        # their template went wrong (even when it called into a package template).
        frames = traceback.extract_tb(error.__traceback__)
        pad, regel = next(
            ((p, f.lineno or 0) for f in reversed(frames) if (p := eigen.place(f.filename))),
            (None, 0),
        )
    if pad is None:
        return None
    return SjabloonFout(f"{pad}:{regel}: {_wat(error)}", hint=HERSTEL, pad=pad, regel=regel)


_VERTALING = [
    (re.compile(r"'(.+)' is undefined"), r"onbekende naam '\1'"),
    # "'waterketen_cli.models.records.Vergadering object' has no attribute 'x'"
    (
        re.compile(r"'(?:[\w.]*\.)?(.+?)(?: object)?' has no attribute '(.+)'"),
        r"\1 heeft geen veld '\2'",
    ),
    (re.compile(r"unexpected '(.+)'"), r"onverwacht teken '\1'"),
    (re.compile(r"unexpected char '(.+)' at \d+"), r"onverwacht teken '\1'"),
    (re.compile(r"expected token '(.+)', got '(.+)'"), r"'\1' verwacht, maar '\2' gevonden"),
    (re.compile(r"No filter named '(.+)'\.?"), r"onbekend filter '\1'"),
    (re.compile(r"No test named '(.+)'\.?"), r"onbekende test '\1'"),
    (re.compile(r"Encountered unknown tag '(.+?)'\..*", re.S), r"onbekende tag '\1'"),
    (
        re.compile(
            r"Unexpected end of template\..*block that needs to be closed is '(.+)'\.", re.S
        ),
        r"het sjabloon houdt op terwijl het blok '\1' nog open is",
    ),
]


def _wat(error: Exception) -> str:
    """What is wrong, in Dutch where Jinja's message is a known one."""
    if isinstance(error, TemplatesNotFound):
        return "geen van de sjablonen " + ", ".join(f"'{n}'" for n in error.templates) + " bestaat"
    if isinstance(error, TemplateNotFound):
        return f"het sjabloon '{error.name}' bestaat niet"
    message = (error.message if isinstance(error, TemplateSyntaxError) else None) or str(error)
    for pattern, dutch_text in _VERTALING:
        if pattern.fullmatch(message):
            return pattern.sub(dutch_text, message)
    if isinstance(error, TemplateSyntaxError):
        return f"syntaxfout: {message}"
    return f"fout bij het invullen ({type(error).__name__}): {message}"
