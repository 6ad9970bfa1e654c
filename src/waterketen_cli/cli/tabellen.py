"""The one table engine of the commands: rows of cells with a summary line under them,
as a rich table in a terminal and as aligned plain text to a file or a pipe.

What goes in the rows (which columns, which styles, which are amounts) is the command's
business; this module only lays them out. Messages, findings and the console itself are
in :mod:`waterketen_cli.cli.output`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

Cel = tuple[str, str]  # text, rich style ("" for none)


def table(
    kolommen: Sequence[str],
    rijen: Sequence[Sequence[Cel]],
    samenvatting: str,
    *,
    vast: int | None = None,
    rechts: AbstractSet[int] = frozenset(),
    vouw: AbstractSet[int] = frozenset(),
) -> None:
    """A table with a summary line under it; without rows only the summary. The
    columns in ``rechts`` are aligned right.

    In a terminal a rich table, which shares the width of the terminal one of two ways:

    - ``vast`` given (a list with a long text at the end): the first ``vast`` columns
      never wrap, the ones between are at most 24 wide, the last one gets what is left
      (:func:`_widths`); every column may fold.
    - ``vast`` not given (a table of amounts): rich shares the width, but only the
      columns in ``vouw`` (names, text) wrap, never an amount, which would misread
      broken over two lines; the padding between the columns collapses, so that more
      amounts fit.

    To a pipe plain text: columns aligned, one line per row, no trailing spaces."""
    if not sys.stdout.isatty():
        sys.stdout.write(_plain_table(kolommen, rijen, rechts) + samenvatting + "\n")
        sys.stdout.flush()
        return
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    # The console of all terminal output (tests put their own in its place).
    from waterketen_cli.cli import output

    breedtes: list[int | None] = [None] * len(kolommen)
    if vast is not None and rijen:
        natural = [
            max(cell_len(kolom), *(cell_len(rij[i][0]) for rij in rijen))
            for i, kolom in enumerate(kolommen)
        ]
        breedtes = list(_widths(natural, vast, output.console().width))
    tabel = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        collapse_padding=vast is None,
        header_style="bold",
    )
    for i, (kolom, breedte) in enumerate(zip(kolommen, breedtes, strict=True)):
        vouwt = vast is not None or i in vouw
        tabel.add_column(
            kolom,
            width=breedte,
            justify="right" if i in rechts else "left",
            no_wrap=not vouwt,
            overflow="fold" if vouwt else "ellipsis",
        )
    for rij in rijen:
        tabel.add_row(*(Text(text, style=style) for text, style in rij))
    if rijen:
        output.console().print(tabel, soft_wrap=False)
    output.console().print(Text(samenvatting, style="bold"))


def _widths(natural: list[int], vast: int, total: int) -> list[int]:
    """Column widths that fit the terminal: fixed columns as wide as they need, the
    ones between at most 24 (down to 10 in a narrow terminal), the last the rest.
    rich's own sharing narrows the widest column first: the long text would lose."""
    rest = total - 3 * (len(natural) - 1)  # a column's padding and the rule between
    widths = list(natural)
    for cap in (24, 16, 10):
        for i in range(vast, len(natural) - 1):
            widths[i] = min(natural[i], cap)
        if rest - sum(widths[:-1]) >= 30:
            break
    widths[-1] = max(10, min(natural[-1], rest - sum(widths[:-1])))
    return widths


def _plain_table(
    kolommen: Sequence[str], rijen: Sequence[Sequence[Cel]], rechts: AbstractSet[int]
) -> str:
    """The table as plain text: each column as wide as its widest cell, two spaces
    between; without rows nothing, not even the header."""
    if not rijen:
        return ""
    widths = [max(len(k), *(len(rij[i][0]) for rij in rijen)) for i, k in enumerate(kolommen)]
    lines = []
    for cellen in [list(kolommen), *([text for text, _ in rij] for rij in rijen)]:
        padded = [
            c.rjust(w) if i in rechts else c.ljust(w)
            for i, (c, w) in enumerate(zip(cellen, widths, strict=True))
        ]
        lines.append("  ".join(padded).rstrip() + "\n")
    return "".join(lines)
