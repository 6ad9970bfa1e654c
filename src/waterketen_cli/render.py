"""Documents from Jinja2 templates: one environment, strict, deterministic.

Templates ship inside the package (``waterketen_cli/templates``). A data repository
overrides any of them by putting a file of the same name in its own ``templates/``
folder, next to ``data/``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from waterketen_cli import dutch


def markdown_cell(value: Any) -> str:
    """Text that cannot break a Markdown table: pipes escaped, line breaks joined."""
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|")


def markdown_line(value: Any) -> str:
    """Text on one line (a heading or a list item)."""
    return " ".join(str(value).split())


def environment(repo_root: Path | None) -> Environment:
    loaders: list[Any] = []
    if repo_root is not None and (repo_root / "templates").is_dir():
        loaders.append(FileSystemLoader(repo_root / "templates"))
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


def render(repo_root: Path | None, template: str, **context: Any) -> str:
    """Render a template; the same context always gives the same text."""
    text = environment(repo_root).get_template(template).render(**context)
    return text.rstrip("\n") + "\n"
