"""Documents from Jinja2 templates: one sandboxed environment, strict, escaped,
deterministic.

Templates ship inside the package (``waterketen_cli/templates``). A data repository
overrides any of them by putting a file of the same name in its own ``templates/``
folder, next to ``data/``; that folder is the only place its templates come from (no
absolute path, no ``..``, no symbolic link to outside it; :class:`EigenSjablonen`).

Every template, the user's and the package's, renders in Jinja2's immutable sandbox
(templates lay out, they never change the data): no attribute that starts with an
underscore, no internals of functions or classes, no method that changes a list or
a dict, no range or repetition that would fill the memory. A template that tries is
stopped with a :class:`~jinja2.exceptions.SecurityError` before anything runs.

Text from the data is escaped by default, autoescape-style, for the format of the
document (chosen by the template's name, see :func:`formaat`): in an HTML template
(``.html.j2``, the website's pages) every ``{{ value }}`` is escaped for HTML unless it
is :class:`~markupsafe.Markup` (Markdown, even escaped Markdown, is not HTML and is
escaped like any text; the Markdown filters do not exist there); in a Markdown template
every ``{{ value }}`` goes through :func:`waterketen_cli.escape.markdown` unless it is
already :class:`~markupsafe.Markup` (the filters ``cel``, ``regel``, ``code``,
``mermaid``, ``datum``, ``bedrag``, … return text escaped for their place). ``join``
escapes its items and keeps its separator (the template's text, such as ``" | "``),
and ``~`` escapes the plain text it joins to escaped text, both for the document's
format. A template marks its own text as ready with ``| safe``.

A template of the data repository that breaks (a syntax error, an unknown name or
filter, a missing ``{% include %}``, a filter used on the wrong kind of value, a
sandbox violation, a template from outside its folder) is the user's to fix:
:func:`render` turns it into a :class:`~waterketen_cli.errors.SjabloonFout` that
names the template file and line. Which template is the user's is decided by the
loader that found it; a broken template of the package itself is a bug and is raised
as it is.
"""

from __future__ import annotations

import contextlib
import os
import re
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from decimal import Decimal
from io import IOBase
from pathlib import Path, PurePath
from types import ModuleType
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplatesNotFound,
    TemplateSyntaxError,
    Undefined,
    nodes,
    pass_environment,
)
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.filters import make_attrgetter
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from waterketen_cli import dutch, escape
from waterketen_cli.errors import BestandsFout, SjabloonFout, WaterketenError

HERSTEL = "herstel het sjabloon of verwijder het om het standaardsjabloon te gebruiken"

#: The formats a template can write, by the end of its name.
MARKDOWN, YAML, TEKST, HTML = "markdown", "yaml", "tekst", "html"

#: The largest string or list a template may make with ``*``, and the largest power.
GROOTSTE_HERHALING = 1_000_000
GROOTSTE_MACHT = 10_000


def formaat(template: str) -> str:
    """The format a template writes: Markdown (``.md.j2``), HTML (``.html.j2``), YAML
    (``.yml.j2``, ``.yaml.j2``) or plain text (anything else; nothing is escaped there)."""
    if template.endswith(".md.j2"):
        return MARKDOWN
    if template.endswith(".html.j2"):
        return HTML
    if template.endswith((".yml.j2", ".yaml.j2")):
        return YAML
    return TEKST


def markdown_cell(value: Any) -> str:
    """Text that cannot break a Markdown table or become markup: escaped, on one line."""
    return str(escape.markdown_cel(value))


def markdown_line(value: Any) -> str:
    """Text on one line (a heading or a list item), escaped: the template's ``regel``
    filter, as the minutes skeleton shows it."""
    return str(escape.markdown_regel(value))


# --- where the user's templates come from ----------------------------------------------


class BuitenDeMap(TemplateError):
    """A template name or file outside the data repository's ``templates/`` folder.
    Not a ``TemplateNotFound``: the package's templates must not be tried instead."""

    def __init__(self, naam: str, pad: str, reden: str, hint: str) -> None:
        super().__init__(reden)
        self.naam = naam
        self.pad = pad  # the template as the user would open it
        self.reden = reden
        self.hint = hint


class EigenSjablonen(FileSystemLoader):
    """The ``templates/`` folder of the data repository: the user's own templates, and
    nothing from outside that folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder
        # The folder itself may not lead elsewhere either: the boundary is the real
        # repository with 'templates' under it, not where a link called templates points.
        self.grens = os.path.join(os.path.realpath(folder.parent), folder.name)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        shown = f"{self.folder.name}/{template}"
        self._binnen(template, shown)
        path = os.path.join(self.folder, *[p for p in template.split("/") if p not in ("", ".")])
        if os.path.isfile(path):
            echt = os.path.realpath(path)
            if os.path.commonpath([self.grens, echt]) != self.grens:
                raise BuitenDeMap(
                    template,
                    shown,
                    f"het sjabloon '{template}' is een koppeling naar een bestand buiten de "
                    f"map {self.folder.name}/",
                    f"zet het sjabloon zelf in {self.folder.name}/ in plaats van een koppeling, "
                    "of verwijder het om het standaardsjabloon te gebruiken",
                )
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError:
            raise SjabloonFout(
                f"{shown} is geen UTF-8-tekst",
                hint="sla het sjabloon op als UTF-8, of verwijder het om het standaardsjabloon "
                "te gebruiken",
                pad=shown,
                regel=0,
            ) from None

    def _binnen(self, template: str, shown: str) -> None:
        """Refuse a name that points outside the folder: absolute, or with ``..``."""
        hint = (
            f"gebruik alleen sjablonen uit de map {self.folder.name}/, met hun pad vanaf "
            f"die map (bijv. 'kop.md.j2' of 'delen/kop.md.j2')"
        )
        if template.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", template):
            raise BuitenDeMap(
                template,
                shown,
                f"het sjabloon '{template}' is een absoluut pad; sjablonen komen alleen uit "
                f"de map {self.folder.name}/",
                hint,
            )
        if ".." in re.split(r"[/\\]", template):
            raise BuitenDeMap(
                template,
                shown,
                f"het sjabloon '{template}' verwijst met '..' naar buiten de map "
                f"{self.folder.name}/",
                hint,
            )

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


# --- the environment ------------------------------------------------------------------------


class _Codegenerator(CodeGenerator):
    """Jinja's code, except that ``a ~ b`` joins through :meth:`Omgeving.samenvoegen`:
    Jinja's own join would escape plain text for HTML only when it meets escaped text."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super().visit_Concat(node, frame)
            return
        self.write("environment.samenvoegen((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


#: The filters that write another format than HTML: an HTML template has none of them.
_NIET_IN_HTML = ("cel", "regel", "code", "mermaid", "yaml", "github_actions", "gitlab_ci", "shell")

#: Objects a template never reaches into, whatever a context might hand it.
_VERBODEN = (ModuleType, PurePath, IOBase)


class Omgeving(ImmutableSandboxedEnvironment):
    """The sandbox, with escaping for one format (:func:`formaat`)."""

    code_generator_class = _Codegenerator
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, loader: BaseLoader, formaat: str) -> None:
        self.formaat = formaat
        self.markup: type[Markup] = escape.Markdown if formaat == MARKDOWN else Markup
        self._veilig: dict[tuple[type, str], bool] = {}
        super().__init__(
            loader=loader,
            undefined=StrictUndefined,
            autoescape=True,
            finalize=self.veilig,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        veilig = self.veilig
        self.filters.update(
            datum=lambda v: veilig(dutch.datum(v)),
            datum_lang=lambda v: veilig(dutch.datum_lang(v)),
            tijd=lambda v: veilig(dutch.tijd(v)),
            klok=lambda v: veilig(dutch.klok(v)),
            bedrag=lambda v: veilig(dutch.bedrag(Decimal(str(v)))),
            cel=escape.markdown_cel,
            regel=escape.markdown_regel,
            code=escape.markdown_code,
            mermaid=escape.mermaid,
            yaml=lambda v: Markup(escape.yaml(v)),
            github_actions=lambda v: Markup(escape.github_actions(v)),
            gitlab_ci=lambda v: Markup(escape.gitlab_ci(v)),
            shell=lambda v: Markup(escape.shell(v)),
            e=veilig,
            escape=veilig,
            forceescape=veilig,
            join=_join,
        )
        if formaat == HTML:
            # Markdown and the CI dialects are no HTML: their filters would hand raw
            # text to a page as if it were escaped. Every value is escaped for HTML.
            for naam in _NIET_IN_HTML:
                del self.filters[naam]

    def veilig(self, value: Any) -> Markup:
        """A value as it may stand in this format: escaped, unless it is already."""
        if self.formaat == HTML:
            # Escaped Markdown is a Markup too, but not HTML: it is text here.
            if isinstance(value, Markup) and not isinstance(value, escape.Markdown):
                return value
            return Markup.escape(str(value) if isinstance(value, escape.Markdown) else value)
        if isinstance(value, Markup):
            return value
        if hasattr(value, "__html__"):
            return self.markup(value)
        if self.formaat == MARKDOWN:
            return escape.markdown(value)
        if self.formaat == YAML:
            return Markup(escape.yaml(value))
        return Markup(value)

    def samenvoegen(self, parts: Iterable[Any]) -> str:
        """``a ~ b``: plain text stays plain (the whole is escaped when it is shown);
        next to escaped text, the plain text is escaped for this format."""
        items = list(parts)
        if any(hasattr(p, "__html__") for p in items):
            return self.markup("".join(str(self.veilig(p)) for p in items))
        return "".join(str(p) for p in items)

    def getattr(self, obj: Any, attribute: str) -> Any:
        # Refused also when the object has no such attribute (the sandbox would call
        # that merely undefined): asking is the violation.
        if attribute.startswith("_"):
            # On what is undefined already, the first reason stays the one to tell.
            return obj if isinstance(obj, Undefined) else self.unsafe_undefined(obj, attribute)
        # The sandbox's own lookup, with its verdict kept per type and name (it depends
        # on nothing else): a document on the benchmark data looks up 50,000 fields.
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=attribute)
        fmt = self.wrap_str_format(value)
        if fmt is not None:
            return fmt
        key = (type(obj), attribute)
        safe = self._veilig.get(key)
        if safe is None:
            safe = self._veilig[key] = self.is_safe_attribute(obj, attribute, value)
        return value if safe else self.unsafe_undefined(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument.startswith("_"):
            try:
                return obj[argument]  # a key of a mapping, not an attribute
            except (TypeError, LookupError):
                if isinstance(obj, Undefined):
                    return obj
                return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, _VERBODEN):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, list, tuple))
                    and isinstance(count, int)
                    and len(seq) * count > GROOTSTE_HERHALING
                ):
                    raise SecurityError(
                        f"een herhaling van meer dan {GROOTSTE_HERHALING} elementen"
                    )
        if (
            operator == "**"
            and isinstance(right, int)
            and isinstance(left, int)
            and abs(left) > 1
            and right > GROOTSTE_MACHT
        ):
            raise SecurityError(f"een macht met een exponent boven {GROOTSTE_MACHT}")
        return super().call_binop(context, operator, left, right)


@pass_environment
def _join(
    environment: Environment, value: Iterable[Any], d: str = "", attribute: str | None = None
) -> Markup:
    """``join``: each item escaped for the document's format, the separator as the
    template wrote it."""
    assert isinstance(environment, Omgeving)
    if attribute is not None:
        value = map(make_attrgetter(environment, attribute), value)
    return environment.markup(str(d).join(str(environment.veilig(v)) for v in value))


def environment(repo_root: Path | None, formaat: str = MARKDOWN) -> Omgeving:
    loaders: list[BaseLoader] = []
    eigen = _eigen(repo_root)
    if eigen is not None:
        loaders.append(eigen)
    loaders.append(PackageLoader("waterketen_cli", "templates"))
    return Omgeving(ChoiceLoader(loaders), formaat)


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


#: The environments of a :func:`hergebruik` block, by repository and format.
_HERGEBRUIK: ContextVar[dict[tuple[Path | None, str], Omgeving] | None] = ContextVar(
    "_HERGEBRUIK", default=None
)


@contextlib.contextmanager
def hergebruik() -> Iterator[None]:
    """Within this block every :func:`render` of one repository and format uses one
    environment, so that each template is compiled once: for a command that renders
    thousands of documents (``waterketen site``), while its templates do not change.
    Outside it, every render starts afresh and sees the templates as they are now."""
    token = _HERGEBRUIK.set({})
    try:
        yield
    finally:
        _HERGEBRUIK.reset(token)


def _omgeving(repo_root: Path | None, soort: str) -> Omgeving:
    cache = _HERGEBRUIK.get()
    if cache is None:
        return environment(repo_root, soort)
    key = (repo_root, soort)
    if key not in cache:
        cache[key] = environment(repo_root, soort)
    return cache[key]


def bron(repo_root: Path | None, naam: str) -> str:
    """A file among the templates as it stands, not rendered (a stylesheet, a script):
    the data repository's own ``templates/`` first, as for every template."""
    env = _omgeving(repo_root, TEKST)
    assert env.loader is not None
    try:
        return env.loader.get_source(env, naam)[0]
    except Exception as error:
        fout = _sjabloonfout(env, error)
        if fout is None:
            raise
        raise fout from error


def render(repo_root: Path | None, template: str, **context: Any) -> str:
    """Render a template; the same context always gives the same text."""
    env = _omgeving(repo_root, formaat(template))
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
    if isinstance(error, BuitenDeMap):
        if pad is None:  # the template asked for by name is itself a link to outside
            return SjabloonFout(
                f"{error.pad}: {error.reden}", hint=error.hint, pad=error.pad, regel=0
            )
        return SjabloonFout(f"{pad}:{regel}: {error.reden}", hint=error.hint, pad=pad, regel=regel)
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

#: What the sandbox refused, in Dutch: "het sjabloon probeert iets wat niet mag (…)".
_VERBODEN_VERTALING = [
    (
        re.compile(r"access to attribute '(.+)' of '(.+)' object is unsafe\.?"),
        r"het attribuut '\1' van \2",
    ),
    (re.compile(r"(.+) is not safely callable"), r"\1 aanroepen"),
    (re.compile(r"Range too big\..*MAX_RANGE \((\d+)\)\.?", re.S), r"een range van meer dan \1"),
]


def _wat(error: Exception) -> str:
    """What is wrong, in Dutch where Jinja's message is a known one."""
    if isinstance(error, TemplatesNotFound):
        return "geen van de sjablonen " + ", ".join(f"'{n}'" for n in error.templates) + " bestaat"
    if isinstance(error, TemplateNotFound):
        return f"het sjabloon '{error.name}' bestaat niet"
    message = (error.message if isinstance(error, TemplateSyntaxError) else None) or str(error)
    if isinstance(error, SecurityError) or (
        isinstance(error, OverflowError) and message.startswith("Range too big")
    ):
        for pattern, dutch_text in _VERBODEN_VERTALING:
            if pattern.fullmatch(message):
                message = pattern.sub(dutch_text, message)
                break
        return f"het sjabloon probeert iets wat niet mag ({message})"
    for pattern, dutch_text in _VERTALING:
        if pattern.fullmatch(message):
            return pattern.sub(dutch_text, message)
    if isinstance(error, TemplateSyntaxError):
        return f"syntaxfout: {message}"
    return f"fout bij het invullen ({type(error).__name__}): {message}"
