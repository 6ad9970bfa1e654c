"""The monitor as a document: the context of ``monitor.md.j2`` with per indicator its
tables, its sources and its chart, in Mermaid for Markdown or as an image for Word and
PDF (drawn by ``grafieken``, only when asked).

The figures come from ``analyse.monitor`` and their wording from ``monitor_tekst``; this
module only lays them out.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from waterketen_cli import dutch
from waterketen_cli.analyse.grafieken import PALET, Lijngrafiek, Lijnreeks
from waterketen_cli.analyse.monitor import Indicatorbeeld, Monitor, Punt, als_getal
from waterketen_cli.analyse.monitor_tekst import (
    kort,
    mediaan_tekst,
    regio_tekst,
    regio_verandering_tekst,
    selectie_tekst,
    verandering_tekst,
)

if TYPE_CHECKING:
    from waterketen_cli.documentformaat import Afbeelding

#: Okabe–Ito colours (readable for the colour-blind), named for the legend: Mermaid's
#: xychart draws no legend of its own. The region is grey, not Okabe–Ito's black, which
#: vanishes in a forge's dark mode; a cluster keeps its colour in every chart (they
#: repeat after the seventh cluster). The images for Word and PDF have the same colours.
REGIOKLEUR = ("grijs", PALET["grijs"])
KLEUREN = tuple(
    (naam, PALET[naam])
    for naam in ("oranje", "hemelsblauw", "groen", "blauw", "rood", "roze", "geel")
)


@dataclass(frozen=True)
class Lijn:
    naam: str
    kleur: str  # its name, for the legend
    code: str  # #RRGGBB
    waarden: tuple[str, ...]  # Mermaid numbers, one per peildatum


@dataclass(frozen=True)
class Grafiek:
    """One indicator's chart: in Mermaid (``titel`` … ``weggelaten``, text for inside
    a Mermaid block) and as an image (``beeld``, every line with its gaps)."""

    titel: str
    x: tuple[str, ...]
    y: str
    lijnen: tuple[Lijn, ...]
    overbrugd: tuple[str, ...]  # "Westerkwartier (2024)": a gap the line bridges
    weggelaten: tuple[str, ...]  # clusters without a line: not measured at the start or end
    beeld: Lijngrafiek  # the measurements per peildatum, None where a cluster has none
    gaten: tuple[str, ...]  # "Westerkwartier (2024)": peildata without a point in the image
    naam: str = ""  # the image's name in the document ("grafiek-3")

    @property
    def palet(self) -> str:
        return ", ".join(lijn.code for lijn in self.lijnen)


Rij = tuple[str, tuple[str, ...]]  # the cluster's name, a cell per peildatum


@dataclass(frozen=True)
class Stuk:
    """One indicator in the document: its tables, its chart and its sources."""

    beeld: Indicatorbeeld
    kolommen: tuple[str, ...]  # the peildata
    waarden: tuple[Rij, ...]  # every cluster shown, the region's row last
    veranderingen: tuple[Rij, ...]  # clusters with a measurement; a column per peildatum
    mediaan: tuple[Rij, ...]  # idem; empty for a ja/nee indicator
    grafiek: Grafiek | None  # not for a ja/nee indicator, nor without measurements
    bronnen: tuple[tuple[int, str], ...]
    #: The region's change per peildatum (the first cell empty): a matched comparison.
    regio_verandering: Rij | None = None


def document(m: Monitor, *, afbeeldingen: bool = False) -> dict[str, object]:
    """The context of ``monitor.md.j2``: with ``afbeeldingen`` each chart is an image
    (``![titel](grafiek-1)``) instead of a Mermaid block."""
    return _document(m, afbeeldingen=afbeeldingen)[0]


def document_met_afbeeldingen(m: Monitor) -> tuple[dict[str, object], list[Afbeelding]]:
    """The document for Word and PDF: the context of ``monitor.md.j2`` with its charts
    as images, and those images (drawn by matplotlib, which takes a moment)."""
    from waterketen_cli.analyse import grafieken

    context, stukken = _document(m, afbeeldingen=True)
    beelden = [
        grafieken.afbeelding(s.grafiek.beeld, s.grafiek.naam)
        for s in stukken
        if s.grafiek is not None
    ]
    return context, beelden


def _document(m: Monitor, *, afbeeldingen: bool) -> tuple[dict[str, object], list[Stuk]]:
    bronnen: dict[tuple[str, str | None], int] = {}
    kleuren = {c.id: KLEUREN[i % len(KLEUREN)] for i, c in enumerate(m.clusters)}
    nummers = itertools.count(1)
    gebieden = [
        (
            gebied.value.capitalize(),
            [_stuk(beeld, bronnen, kleuren, nummers) for beeld in beelden],
        )
        for gebied, beelden in m.per_gebied()
    ]
    signalen = [
        (s.cluster.naam if s.cluster else "alle clusters", s.indicator.naam, s.soort.value, s.reden)
        for s in m.signalen
    ]
    context: dict[str, object] = {
        "regio": m.regio,
        "vandaag": m.vandaag,
        "verouderd_na": m.verouderd_na,
        "selectie": selectie_tekst(m),
        "gebieden": gebieden,
        "signalen": signalen,
        "afbeeldingen": afbeeldingen,
    }
    return context, [s for _, stukken in gebieden for s in stukken]


def _stuk(
    beeld: Indicatorbeeld,
    bronnen: dict[tuple[str, str | None], int],
    kleuren: dict[str, tuple[str, str]],
    nummers: Iterator[int],
) -> Stuk:
    """Sources are numbered once for the whole document, in order of appearance."""
    gebruikt: dict[int, str] = {}

    def waarde(punt: Punt) -> str:
        key = (punt.meting.bron, punt.meting.toelichting)
        nummer = bronnen.setdefault(key, len(bronnen) + 1)
        gebruikt[nummer] = f"{key[0]} — {key[1]}" if key[1] else key[0]
        return f"{kort(punt.waarde, beeld.indicator, beeld.decimalen)} [{nummer}]"

    def rijen(tekst: Callable[[Punt], str], *, allen: bool = False) -> tuple[Rij, ...]:
        return tuple(
            (
                r.cluster.naam,
                tuple("—" if (p := r.op(d)) is None else tekst(p) for d in beeld.peildata),
            )
            for r in beeld.reeksen
            if allen or r.punten
        )

    waarden = rijen(waarde, allen=True)
    regio = tuple(regio_tekst(w, beeld) for w in beeld.regio)
    waarden += (("Regio", regio),)
    regio_verandering = (
        "Regio (dezelfde clusters)",
        ("", *(regio_verandering_tekst(v, beeld) for v in beeld.regio_veranderingen)),
    )
    return Stuk(
        beeld,
        tuple(beeld.label(d) for d in beeld.peildata),
        waarden,
        rijen(lambda p: verandering_tekst(p, beeld)),
        () if beeld.ja_nee else rijen(lambda p: mediaan_tekst(p, beeld) or "enige meting"),
        None
        if beeld.ja_nee or not beeld.peildata
        else grafiek(beeld, kleuren, naam=f"grafiek-{next(nummers)}"),
        tuple(sorted(gebruikt.items())),
        regio_verandering if beeld.regio_veranderingen else None,
    )


def grafiek(
    beeld: Indicatorbeeld, kleuren: dict[str, tuple[str, str]], *, naam: str = ""
) -> Grafiek:
    """A line for the region and one per cluster. A Mermaid line needs a number at every
    x (mermaid-js/mermaid#5293): a gap between two measurements is bridged, as a line
    chart connects its points; a cluster not measured at the first or last peildatum
    gets no line. The document says both under the chart. The image has neither
    limit: every cluster with a measurement has its line, broken where one is missing."""
    regio = tuple(_mermaid(w.mediaan) for w in beeld.regio if w.mediaan is not None)
    lijnen = [Lijn("regio (mediaan)", *REGIOKLEUR, regio)]
    beeldlijnen = [
        Lijnreeks(
            "regio (mediaan)", REGIOKLEUR[1], tuple(w.mediaan for w in beeld.regio), gestippeld=True
        )
    ]
    overbrugd, weggelaten, zonder_meting = [], [], []
    for reeks in beeld.reeksen:
        if not reeks.punten:
            continue
        waarden = [
            None if (p := reeks.op(d)) is None else als_getal(p.waarde) for d in beeld.peildata
        ]
        beeldlijnen.append(
            Lijnreeks(reeks.cluster.naam, kleuren[reeks.cluster.id][1], tuple(waarden))
        )
        gaten = [beeld.label(d) for d, v in zip(beeld.peildata, waarden, strict=True) if v is None]
        if gaten:
            zonder_meting.append(f"{reeks.cluster.naam} ({dutch.opsomming(gaten)})")
        if waarden[0] is None or waarden[-1] is None:
            weggelaten.append(reeks.cluster.naam)
            continue
        if gaten:
            overbrugd.append(f"{reeks.cluster.naam} ({dutch.opsomming(gaten)})")
        getallen = tuple(_mermaid(v) for v in _overbrug(waarden))
        lijnen.append(Lijn(reeks.cluster.naam, *kleuren[reeks.cluster.id], getallen))
    return Grafiek(
        mermaid_tekst(beeld.indicator.naam),
        tuple(mermaid_tekst(beeld.label(d)) for d in beeld.peildata),
        mermaid_tekst(beeld.indicator.eenheid),
        tuple(lijnen),
        tuple(overbrugd),
        tuple(weggelaten),
        Lijngrafiek(
            beeld.indicator.naam,
            tuple(beeld.label(d) for d in beeld.peildata),
            beeld.indicator.eenheid,
            tuple(beeldlijnen),
        ),
        tuple(zonder_meting),
        naam,
    )


def _overbrug(waarden: Sequence[Decimal | None]) -> list[Decimal]:
    """Fill each inner gap on the straight line between its neighbours, as the chart
    spaces the peildata evenly. The first and the last value are known."""
    known = [(i, v) for i, v in enumerate(waarden) if v is not None]
    result = []
    for i, value in enumerate(waarden):
        if value is None:
            i0, v0 = max(k for k in known if k[0] < i)
            i1, v1 = min(k for k in known if k[0] > i)
            value = v0 + (v1 - v0) * (i - i0) / (i1 - i0)
        result.append(value)
    return result


def _mermaid(value: Decimal) -> str:
    """A number as Mermaid reads it: a point, no thousands separator, no exponent."""
    text = format(value.quantize(Decimal("0.0001")).normalize(), "f")
    return "0" if text == "-0" else text


def mermaid_tekst(text: str) -> str:
    """Text for inside Mermaid's double quotes, which cannot hold one."""
    return " ".join(text.replace('"', "'").split())
