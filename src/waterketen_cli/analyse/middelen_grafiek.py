"""The chart of the deployment of resources: the Projecten table of ``middelen`` drawn
per project as a bar of its budget, split into what is promised, what is requested and
the shortfall; in Mermaid for Markdown and as an image for Word and PDF (drawn by
``grafieken``, for whoever asks for it).

The amounts come from ``analyse.middelen``; this module computes none of them and draws
no image itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from waterketen_cli import dutch
from waterketen_cli.analyse.grafieken import PALET, Staafdeel, Staafgrafiek
from waterketen_cli.analyse.middelen import NUL, Middelen

#: More bars than this make a chart no one can read: the document says so instead.
GRAFIEK_MAX_PROJECTEN = 25

#: The parts of a bar, left to right: (name in the legend, colour name).
TOEGEZEGD = ("toegezegd", "groen")
AANGEVRAAGD = ("aangevraagd", "hemelsblauw")
TEKORT = ("tekort", "rood")
BOVEN_BEGROTING = ("financiering boven de begroting", "roze")


@dataclass(frozen=True)
class Balk:
    """One bar series of the Mermaid chart."""

    kleur: str  # its name, for the text under the chart
    code: str  # #RRGGBB
    uitleg: str  # what its bars are: "de begroting"
    waarden: tuple[str, ...]  # Mermaid numbers in thousands of euros, one per project


@dataclass(frozen=True)
class Dekkingsgrafiek:
    """Per project a bar of its budget: green what is promised, sky blue what is
    requested, red the shortfall (what is missing even when every request is granted);
    and, hatched pink after the bar, funding beyond the budget. Projects in the order
    of the Projecten table.

    Mermaid's xychart neither stacks bars nor draws a legend; it draws the bar series
    of one chart over each other, in order. So the Mermaid chart draws the budget
    (red), then over it promised plus requested (sky blue), then promised (green): what
    stays red is the shortfall, and every visible part is as long as its amount. The
    text under the chart names the series, which stays true if Mermaid ever draws them
    side by side; should it stack them (mermaid-js/mermaid#7392 asks for that), the
    series must become the parts themselves, as in the image."""

    titel: str
    projecten: tuple[str, ...]  # titles
    balken: tuple[Balk, ...]  # Mermaid: the longest first, each drawn over the one before
    maximum: str  # Mermaid: where the value axis ends (it starts at 0)
    boven_begroting: tuple[str, ...]  # titles of projects with more funding than budget
    beeld: Staafgrafiek  # the image for Word and PDF
    naam: str = "grafiek-1"  # the image's name in the document

    @property
    def palet(self) -> str:
        return ", ".join(b.code for b in self.balken)


def dekkingsgrafiek(m: Middelen, jaar: int | None = None) -> Dekkingsgrafiek | None:
    """The chart of the selected projects (of the amounts of ``jaar``, when the
    selection has one); None without projects or amounts, or with more than
    :data:`GRAFIEK_MAX_PROJECTEN` projects."""
    if not m.projecten or len(m.projecten) > GRAFIEK_MAX_PROJECTEN:
        return None
    titels = tuple(p.project.titel for p in m.projecten)
    totalen = [p.totaal for p in m.projecten]
    maximum = max(max(b.begroting, b.financiering) for b in totalen)
    if maximum <= 0:
        return None  # no amounts: nothing to draw
    toegezegd = [min(b.toegezegd, b.begroting) for b in totalen]
    aangevraagd = [
        max(min(b.aangevraagd, b.begroting - t), NUL)
        for b, t in zip(totalen, toegezegd, strict=True)
    ]
    tekort = [max(b.tekort, NUL) for b in totalen]
    boven = [max(-b.tekort, NUL) for b in totalen]
    delen = [
        Staafdeel(TOEGEZEGD[0], PALET[TOEGEZEGD[1]], tuple(toegezegd)),
        Staafdeel(AANGEVRAAGD[0], PALET[AANGEVRAAGD[1]], tuple(aangevraagd)),
        Staafdeel(TEKORT[0], PALET[TEKORT[1]], tuple(tekort)),
    ]
    balken = [
        _balk(TEKORT, "de begroting", [b.begroting for b in totalen]),
        _balk(
            AANGEVRAAGD,
            "toegezegd plus aangevraagd (ten hoogste de begroting)",
            [t + a for t, a in zip(toegezegd, aangevraagd, strict=True)],
        ),
        _balk(TOEGEZEGD, "toegezegd (ten hoogste de begroting)", toegezegd),
    ]
    if any(boven):
        delen.append(Staafdeel(BOVEN_BEGROTING[0], PALET[BOVEN_BEGROTING[1]], tuple(boven), True))
        balken.insert(
            0,
            _balk(
                BOVEN_BEGROTING,
                "de financiering, waar die hoger is dan de begroting",
                [max(b.begroting, b.financiering) for b in totalen],
            ),
        )
    titel = "Begroting en dekking per project" + (f", {jaar}" if jaar else "")
    opschriften = tuple(_euro_kort(b.begroting) for b in totalen)
    return Dekkingsgrafiek(
        titel=titel,
        projecten=titels,
        balken=tuple(balken),
        maximum=_duizenden(maximum),
        boven_begroting=tuple(t for t, b in zip(titels, boven, strict=True) if b),
        beeld=Staafgrafiek(titel, titels, "euro", tuple(delen), opschriften=opschriften),
    )


def _balk(deel: tuple[str, str], uitleg: str, bedragen: Iterable[Decimal]) -> Balk:
    kleur = deel[1]
    return Balk(kleur, PALET[kleur], uitleg, tuple(_duizenden(b) for b in bedragen))


def _duizenden(bedrag: Decimal) -> str:
    """An amount as Mermaid reads it, in thousands of euros: 12.5 for € 12.500."""
    text = format((bedrag / 1000).quantize(Decimal("0.00001")).normalize(), "f")
    return "0" if text == "-0" else text


def _euro_kort(bedrag: Decimal) -> str:
    """€ 500.000 for a whole amount, € 1.250,50 otherwise: after a bar in the chart."""
    if bedrag == bedrag.to_integral_value():
        return "€\xa0" + dutch.getal(bedrag, 0)
    return dutch.bedrag(bedrag)
