"""Charts as images (SVG for the PDF and the website, PNG for Word), drawn by matplotlib.

The Markdown for the forges draws its charts in Mermaid; Word and PDF cannot, so they
get these images of the same data, in the same colours. An image has what Mermaid's
xychart lacks: a legend, and a missing measurement shown as a gap in the line (a
point on its own is drawn as a dot), where Mermaid bridges it.

The analyses (``monitor``, ``middelen``) describe a chart as plain data
(:class:`Lijngrafiek`, :class:`Staafgrafiek`); :func:`afbeelding` draws it. matplotlib
is imported only there, because it takes a noticeable moment and most commands never
draw. The drawing uses matplotlib's object interface (a :class:`~matplotlib.figure.Figure`
of its own, no pyplot and its global figures), the DejaVu Sans that ships with
matplotlib with its letters as paths (the image looks the same everywhere, whatever
fonts a computer has), and fixes what would change between runs (the SVG's ids and
date, the PNG's software tag): the same data gives the same bytes.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from waterketen_cli import dutch
from waterketen_cli.documentformaat import Afbeelding

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

#: Okabe–Ito's colours (readable for the colour-blind) by the Dutch name the text under
#: a Mermaid chart gives them (Mermaid draws no legend), and grey for what stands apart
#: (the region's line): Okabe–Ito's black vanishes in a forge's dark mode.
PALET: dict[str, str] = {
    "oranje": "#E69F00",
    "hemelsblauw": "#56B4E9",
    "groen": "#009E73",
    "blauw": "#0072B2",
    "rood": "#D55E00",
    "roze": "#CC79A7",
    "geel": "#F0E442",
    "grijs": "#808080",
}

#: Width of every chart: the text width of the house style's A4 (16,6 cm) and less.
BREEDTE = 6.3  # inch
#: The tallest chart: what fits on an A4 page in the house style, with a heading above.
MAX_HOOGTE = 9.0  # inch
#: Word gets a PNG: sharp on paper at this resolution.
PNG_DPI = 200


@dataclass(frozen=True)
class Lijnreeks:
    """One line: its name in the legend, its colour, a value per x (None: none)."""

    naam: str
    code: str  # #RRGGBB
    waarden: tuple[Decimal | None, ...]
    gestippeld: bool = False  # the region's line, apart from the clusters'


@dataclass(frozen=True)
class Lijngrafiek:
    titel: str
    x: tuple[str, ...]  # evenly spaced, as in the table above the chart
    eenheid: str  # the y axis
    lijnen: tuple[Lijnreeks, ...]


@dataclass(frozen=True)
class Staafdeel:
    """One part of every bar, in the order left to right."""

    naam: str
    code: str
    waarden: tuple[Decimal, ...]  # one per bar, not negative
    gearceerd: bool = False


@dataclass(frozen=True)
class Staafgrafiek:
    """Horizontal bars, each made of :class:`Staafdeel` s laid end to end, with a text
    after each bar (its total, unless ``opschriften`` says otherwise)."""

    titel: str
    staven: tuple[str, ...]  # the bars' names, top to bottom
    as_naam: str  # the value axis
    delen: tuple[Staafdeel, ...]
    euro: bool = True
    opschriften: tuple[str, ...] = ()  # one per bar; empty: the bar's total


Grafiek = Lijngrafiek | Staafgrafiek


def afbeelding(grafiek: Grafiek, naam: str) -> Afbeelding:
    """The chart as SVG and PNG, under ``naam`` (the Markdown's ``![…](naam)``)."""
    with _matplotlib():
        figuur = _lijnen(grafiek) if isinstance(grafiek, Lijngrafiek) else _staven(grafiek)
        svg, png = io.BytesIO(), io.BytesIO()
        figuur.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        figuur.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return Afbeelding(naam, svg.getvalue(), png.getvalue())


@contextmanager
def _matplotlib() -> Iterator[None]:
    """matplotlib's settings for these charts, and only while they are drawn."""
    import matplotlib

    # What makes the output the same on every computer and every run, and the look.
    with matplotlib.rc_context(
        {
            "svg.hashsalt": "waterketen",  # ids of clip paths and markers: from the data
            "svg.fonttype": "path",  # letters as paths: no font needed to show the SVG
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib
            "font.size": 8.5,
            "text.parse_math": False,  # a '$' in a name is a dollar, not mathematics
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 10,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "legend.frameon": False,
            "figure.facecolor": "white",
            "savefig.facecolor": "white",
        }
    ):
        yield


# --- lines -----------------------------------------------------------------------------------


def _lijnen(grafiek: Lijngrafiek) -> Figure:
    from matplotlib.figure import Figure

    figuur = Figure(figsize=(BREEDTE, 3.3), layout="constrained")
    ax = figuur.add_subplot()
    ax.set_title(grafiek.titel)
    posities = list(range(len(grafiek.x)))
    for i, lijn in enumerate(grafiek.lijnen):
        # NaN breaks the line: a missing measurement is a gap, never bridged. The
        # markers keep a measurement between two gaps visible.
        ax.plot(
            posities,
            _waarden(lijn.waarden),
            color=lijn.code,
            linestyle="--" if lijn.gestippeld else "-",
            linewidth=1.6 if lijn.gestippeld else 2.0,
            marker="o",
            markersize=4.5,
            label=lijn.naam,
            gid=f"lijn-{i + 1}",
            # The region's dashed line on top: where a cluster has the same values
            # (one water company for several clusters), both stay visible.
            zorder=4 if lijn.gestippeld else 3,
        )
    schuin = len(grafiek.x) > 6
    ax.set_xticks(
        posities,
        list(grafiek.x),
        rotation=45 if schuin else 0,
        horizontalalignment="right" if schuin else "center",
    )
    ax.set_xmargin(0.05 if len(posities) > 1 else 0.5)
    ax.set_ylabel(grafiek.eenheid)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    _getallen(ax.yaxis, ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    return figuur


# --- bars ------------------------------------------------------------------------------------


def _staven(grafiek: Staafgrafiek) -> Figure:
    from matplotlib.figure import Figure

    namen = [textwrap.fill(n, 34) for n in grafiek.staven]
    regels = sum(n.count("\n") + 1 for n in namen)
    # Tall enough for the names, never taller than the text of an A4 page.
    hoogte = min(1.2 + 0.15 * regels + 0.08 * len(namen), MAX_HOOGTE)
    figuur = Figure(figsize=(BREEDTE, hoogte), layout="constrained")
    ax = figuur.add_subplot()
    ax.set_title(grafiek.titel)
    posities = list(range(len(namen)))
    links = [0.0] * len(namen)
    for deel in grafiek.delen:
        breedtes = [float(w) for w in deel.waarden]
        ax.barh(
            posities,
            breedtes,
            left=links,
            height=0.65,
            color=deel.code,
            label=deel.naam,
            hatch="////" if deel.gearceerd else None,
            edgecolor="white",
            linewidth=0.5,
        )
        links = [a + b for a, b in zip(links, breedtes, strict=True)]
    hoogste = max(links, default=0.0) or 1.0
    opschriften = grafiek.opschriften or tuple(
        _bedrag(t) if grafiek.euro else dutch.getal(_decimaal(t)) for t in links
    )
    for positie, totaal, tekst in zip(posities, links, opschriften, strict=True):
        ax.text(totaal + hoogste * 0.01, positie, tekst, verticalalignment="center", fontsize=7)
    ax.set_yticks(posities, namen)
    ax.set_ylim(len(namen) - 0.5, -0.5)  # the first bar on top, as in the table
    ax.set_xlim(0, hoogste * 1.18)  # room for the totals
    ax.set_xlabel(grafiek.as_naam)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    _getallen(ax.xaxis, ax)
    figuur.legend(loc="outside lower center", ncols=len(grafiek.delen))
    return figuur


# --- Dutch numbers on an axis ----------------------------------------------------------------


def _getallen(axis: Axis, ax: Axes) -> None:
    """The ticks matplotlib chooses, written the Dutch way (1.250,5; 100.000) with the
    decimals their step needs (0,5 1,0 1,5), and fixed, so that the SVG and the PNG
    have the same ones. The unit is the axis's name (a euro sign at every tick crowds
    the axis)."""
    laag, hoog = sorted(axis.get_view_interval())
    marge = (hoog - laag) * 1e-9
    ticks = [float(t) for t in axis.get_ticklocs() if laag - marge <= t <= hoog + marge]
    nodig = max((_decimalen(t) for t in ticks), default=0)
    labels = [dutch.getal(_decimaal(t), nodig) for t in ticks]
    grenzen = axis.get_view_interval()
    axis.set_ticks(ticks, labels)
    if axis is ax.yaxis:
        ax.set_ylim(*grenzen)
    else:
        ax.set_xlim(*grenzen)


def _waarden(reeks: Sequence[Decimal | None]) -> list[float]:
    """The values as matplotlib takes them, NaN for a missing one."""
    return [math.nan if v is None else float(v) for v in reeks]


def _decimaal(value: float) -> Decimal:
    """A tick as the number it is meant to be: 0.30000000000000004 is 0.3 (and -0 is 0)."""
    return Decimal(f"{value:.6f}").normalize() + 0


def _decimalen(value: float) -> int:
    exponent = _decimaal(value).as_tuple().exponent
    return min(max(-exponent, 0), 3) if isinstance(exponent, int) else 0


def _bedrag(value: float) -> str:
    """€ 100.000: whole euros, as the total after a bar needs no cents."""
    return "€\xa0" + dutch.getal(_decimaal(value), 0)
