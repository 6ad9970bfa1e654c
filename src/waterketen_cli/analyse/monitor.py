"""The monitor of the 3K's and sustainability: every indicator per cluster and for the
region over the peildata, compared with the cluster's previous measurement and with
the regional median, and the measurements that are missing or stale.

Pure functions of the records. The region's value at a peildatum is the median of
the clusters that measured the indicator then (for a ja/nee indicator: how many of
them said ja), shown with how many clusters that is. The region's *change* from one
peildatum to the next is a matched comparison: the median of the clusters that
measured on both, then and now, so that the regional figure does not move because a
different set of clusters reported. Filters choose what is shown, never what is
compared: a median is always taken over all clusters. Amounts in euros are shown to
the cent. ``document`` turns the result into the tables and
Mermaid charts of ``monitor.md.j2``; ``document_met_afbeeldingen`` into the same
document with its charts as images, for Word and PDF.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from waterketen_cli import dutch
from waterketen_cli.analyse.grafieken import PALET, Lijngrafiek, Lijnreeks
from waterketen_cli.datums import maanden_terug
from waterketen_cli.models.records import Cluster, Indicator, Meting, Regio
from waterketen_cli.models.types import Gebied, Richting, Waardesoort

if TYPE_CHECKING:
    from waterketen_cli.documentformaat import Afbeelding

SOORTEN = ("regio", "cluster")
VEROUDERD_NA = 18  # months
#: A share of a million percent or more (ten thousand times what it is compared
#: with) tells a reader nothing the difference does not, and is where a value near
#: zero leads: compared with 1e-300, a change of 1 is 1e302 %, more digits than a
#: decimal can round. Such a share is left out, as one compared with zero is.
PROCENT_GRENS = Decimal(1_000_000)

Waarde = Decimal | bool


class Beweging(StrEnum):
    OP = "▲"
    NEER = "▼"
    GELIJK = "="


class Oordeel(StrEnum):
    BETER = "beter"
    SLECHTER = "slechter"
    GELIJK = "gelijk"


class Signaalsoort(StrEnum):
    GEEN_METING = "geen meting"
    ONTBREEKT = "ontbrekende meting"
    VEROUDERD = "verouderd"


@dataclass(frozen=True)
class Selectie:
    """What to show; unknown ids are the command's business (lookup)."""

    clusters: frozenset[str] = frozenset()
    gebieden: frozenset[Gebied] = frozenset()
    indicatoren: frozenset[str] = frozenset()

    def toont_cluster(self, cluster: Cluster) -> bool:
        return not self.clusters or cluster.id in self.clusters

    def toont_indicator(self, indicator: Indicator) -> bool:
        return (not self.gebieden or indicator.gebied in self.gebieden) and (
            not self.indicatoren or indicator.id in self.indicatoren
        )


@dataclass(frozen=True)
class Vergelijking:
    """A difference, as a number and as a share of what it is compared with."""

    verschil: Decimal
    procent: Decimal | None  # None when compared with zero, or beyond PROCENT_GRENS
    oordeel: Oordeel  # what the difference means, by the indicator's richting


@dataclass(frozen=True)
class Punt:
    """One measurement of a cluster, with what it is compared to."""

    meting: Meting
    waarde: Waarde
    vorige: Punt | None  # the cluster's previous measurement of this indicator
    beweging: Beweging | None  # since the previous measurement
    oordeel: Oordeel | None
    verandering: Vergelijking | None  # numbers only
    t_o_v_mediaan: Vergelijking | None  # numbers only, when two or more clusters measured

    @property
    def peildatum(self) -> dt.date:
        return self.meting.peildatum


@dataclass(frozen=True)
class Regiowaarde:
    peildatum: dt.date
    gemeten: int  # clusters with a measurement at this peildatum
    mediaan: Decimal | None  # a number indicator
    ja: int  # a ja/nee indicator: clusters that said ja


@dataclass(frozen=True)
class Regioverandering:
    """The change of the region from the previous peildatum, over the clusters that
    measured on both (a matched comparison)."""

    vorige: dt.date
    peildatum: dt.date
    clusters: int  # measured on both peildata
    van: Decimal | None  # a number indicator: their median at the previous peildatum
    naar: Decimal | None  # and at this one
    ja_van: int  # a ja/nee indicator: how many of them said ja then
    ja_naar: int  # and now
    beweging: Beweging | None  # None: no cluster measured on both
    oordeel: Oordeel | None
    verandering: Vergelijking | None  # numbers only


@dataclass(frozen=True)
class Signaal:
    soort: Signaalsoort
    cluster: Cluster | None  # None: no cluster measures this indicator
    indicator: Indicator
    reden: str
    kort: str  # for the terminal's flag column


@dataclass(frozen=True)
class Reeks:
    """One cluster's measurements of one indicator, oldest first."""

    cluster: Cluster
    punten: tuple[Punt, ...]
    signalen: tuple[Signaal, ...]

    @property
    def laatste(self) -> Punt | None:
        return self.punten[-1] if self.punten else None

    def op(self, peildatum: dt.date) -> Punt | None:
        return next((p for p in self.punten if p.peildatum == peildatum), None)


@dataclass(frozen=True)
class Indicatorbeeld:
    indicator: Indicator
    peildata: tuple[dt.date, ...]  # every peildatum any cluster measured
    regio: tuple[Regiowaarde, ...]  # one per peildatum
    reeksen: tuple[Reeks, ...]  # the clusters shown, by name
    decimalen: int
    signalen: tuple[Signaal, ...]
    #: One per peildatum after the first: the region's change since the one before.
    regio_veranderingen: tuple[Regioverandering, ...] = ()

    @property
    def ja_nee(self) -> bool:
        return self.indicator.waardesoort == Waardesoort.JA_NEE

    def label(self, peildatum: dt.date) -> str:
        return peildatum_label(peildatum, self.peildata)


@dataclass(frozen=True)
class Monitor:
    regio: Regio
    vandaag: dt.date
    verouderd_na: int
    grens: dt.date  # a newest peildatum before this is stale
    selectie: Selectie
    clusters: tuple[Cluster, ...]  # the clusters shown, by name
    beelden: tuple[Indicatorbeeld, ...]  # the indicators shown, in the region's order

    @property
    def signalen(self) -> list[Signaal]:
        """By cluster, then indicator; what concerns no one cluster comes last."""
        alle = [s for b in self.beelden for s in b.signalen]
        per_cluster = [s for c in self.clusters for s in alle if s.cluster is c]
        return per_cluster + [s for s in alle if s.cluster is None]

    def per_gebied(self) -> list[tuple[Gebied, list[Indicatorbeeld]]]:
        return [
            (gebied, found)
            for gebied in Gebied
            if (found := [b for b in self.beelden if b.indicator.gebied == gebied])
        ]


# --- the analysis ----------------------------------------------------------------------


def monitor(
    regio: Regio,
    clusters: Sequence[Cluster],
    vandaag: dt.date,
    *,
    verouderd_na: int = VEROUDERD_NA,
    selectie: Selectie | None = None,
) -> Monitor:
    selectie = selectie or Selectie()
    grens = maanden_terug(vandaag, verouderd_na)
    alle = sorted(clusters, key=lambda c: (c.naam.casefold(), c.id))
    shown = tuple(c for c in alle if selectie.toont_cluster(c))
    beelden = tuple(
        _beeld(indicator, alle, shown, grens, verouderd_na)
        for indicator in regio.indicatoren
        if selectie.toont_indicator(indicator)
    )
    return Monitor(regio, vandaag, verouderd_na, grens, selectie, shown, beelden)


def _beeld(
    indicator: Indicator,
    alle: Sequence[Cluster],
    shown: Sequence[Cluster],
    grens: dt.date,
    verouderd_na: int,
) -> Indicatorbeeld:
    ja_nee = indicator.waardesoort == Waardesoort.JA_NEE
    # A second measurement on one day is a validation error ('meting'); the last counts.
    per_cluster = {
        c.id: {m.peildatum: m for m in c.metingen if m.indicator == indicator.id} for c in alle
    }
    peildata = tuple(sorted({day for metingen in per_cluster.values() for day in metingen}))
    regio = {
        day: _regiowaarde(day, [_waarde(m[day]) for m in per_cluster.values() if day in m], ja_nee)
        for day in peildata
    }
    reeksen = []
    for cluster in shown:
        eigen = per_cluster[cluster.id]
        punten: list[Punt] = []
        for day in sorted(eigen):
            punten.append(_punt(eigen[day], punten[-1] if punten else None, regio[day], indicator))
        signalen = _signalen(indicator, cluster, alle, per_cluster, peildata, grens, verouderd_na)
        reeksen.append(Reeks(cluster, tuple(punten), tuple(signalen)))
    signalen = [s for r in reeksen for s in r.signalen]
    if not peildata:
        reden = "geen enkel cluster heeft deze indicator gemeten"
        signalen = [Signaal(Signaalsoort.GEEN_METING, None, indicator, reden, "geen meting")]
    values = [_waarde(m) for metingen in per_cluster.values() for m in metingen.values()]
    return Indicatorbeeld(
        indicator,
        peildata,
        tuple(regio[day] for day in peildata),
        tuple(reeksen),
        _decimalen(values),
        tuple(signalen),
        tuple(
            _regioverandering(vorige, day, per_cluster, indicator)
            for vorige, day in itertools.pairwise(peildata)
        ),
    )


def _regioverandering(
    vorige: dt.date,
    peildatum: dt.date,
    per_cluster: dict[str, dict[dt.date, Meting]],
    indicator: Indicator,
) -> Regioverandering:
    """The region's change over the clusters that measured on both peildata."""
    paren = [
        (_waarde(m[vorige]), _waarde(m[peildatum]))
        for m in per_cluster.values()
        if vorige in m and peildatum in m
    ]
    if indicator.waardesoort == Waardesoort.JA_NEE:
        ja_van = sum(1 for v, _ in paren if v is True)
        ja_naar = sum(1 for _, v in paren if v is True)
        beweging = oordeel = None
        if paren:
            verschil = Decimal(ja_naar - ja_van)
            beweging = _beweging(verschil)
            oordeel = _oordeel(verschil, indicator.richting)
        return Regioverandering(
            vorige, peildatum, len(paren), None, None, ja_van, ja_naar, beweging, oordeel, None
        )
    getallen = [(v, w) for v, w in paren if not isinstance(v, bool) and not isinstance(w, bool)]
    if not getallen:
        return Regioverandering(vorige, peildatum, 0, None, None, 0, 0, None, None, None)
    van = statistics.median(v for v, _ in getallen)
    naar = statistics.median(w for _, w in getallen)
    verandering = _vergelijking(naar, van, indicator.richting)
    return Regioverandering(
        vorige,
        peildatum,
        len(getallen),
        van,
        naar,
        0,
        0,
        _beweging(verandering.verschil),
        verandering.oordeel,
        verandering,
    )


def _beweging(verschil: Decimal) -> Beweging:
    return Beweging.OP if verschil > 0 else Beweging.NEER if verschil < 0 else Beweging.GELIJK


def _waarde(meting: Meting) -> Waarde:
    # Through str: 0.1 in the YAML is the decimal 0.1, not the float nearest to it.
    return meting.waarde if isinstance(meting.waarde, bool) else Decimal(str(meting.waarde))


def _regiowaarde(peildatum: dt.date, values: Sequence[Waarde], ja_nee: bool) -> Regiowaarde:
    if ja_nee:
        return Regiowaarde(peildatum, len(values), None, sum(1 for v in values if v is True))
    numbers = [v for v in values if not isinstance(v, bool)]
    return Regiowaarde(peildatum, len(values), statistics.median(numbers) if numbers else None, 0)


def _punt(meting: Meting, vorige: Punt | None, regio: Regiowaarde, indicator: Indicator) -> Punt:
    waarde = _waarde(meting)
    beweging = oordeel = verandering = t_o_v_mediaan = None
    if vorige is not None:
        verschil = _getal(waarde) - _getal(vorige.waarde)
        beweging = _beweging(verschil)
        oordeel = _oordeel(verschil, indicator.richting)
        if not isinstance(waarde, bool) and not isinstance(vorige.waarde, bool):
            verandering = _vergelijking(waarde, vorige.waarde, indicator.richting)
    if not isinstance(waarde, bool) and regio.mediaan is not None and regio.gemeten >= 2:
        t_o_v_mediaan = _vergelijking(waarde, regio.mediaan, indicator.richting)
    return Punt(meting, waarde, vorige, beweging, oordeel, verandering, t_o_v_mediaan)


def _getal(value: Waarde) -> Decimal:
    return Decimal(int(value)) if isinstance(value, bool) else value


def _vergelijking(value: Decimal, basis: Decimal, richting: Richting) -> Vergelijking:
    verschil = value - basis
    procent = None if basis == 0 else verschil / abs(basis) * 100
    if procent is not None and abs(procent) >= PROCENT_GRENS:
        procent = None
    return Vergelijking(verschil, procent, _oordeel(verschil, richting))


def _oordeel(verschil: Decimal, richting: Richting) -> Oordeel:
    if verschil == 0:
        return Oordeel.GELIJK
    return (
        Oordeel.BETER
        if (verschil > 0) == (richting == Richting.HOGER_IS_BETER)
        else Oordeel.SLECHTER
    )


def _decimalen(values: Iterable[Waarde]) -> int:
    """As many decimals as the most precise figure has (at most 3), so that the figures
    of one indicator line up."""
    most = 0
    for value in values:
        if not isinstance(value, bool):
            exponent = value.normalize().as_tuple().exponent
            if isinstance(exponent, int):
                most = max(most, -exponent)
    return min(most, 3)


def _signalen(
    indicator: Indicator,
    cluster: Cluster,
    alle: Sequence[Cluster],
    per_cluster: dict[str, dict[dt.date, Meting]],
    peildata: Sequence[dt.date],
    grens: dt.date,
    verouderd_na: int,
) -> list[Signaal]:
    eigen = per_cluster[cluster.id]
    if not peildata:
        return []  # nobody measures it: one signal for the indicator, not one per cluster
    if not eigen:
        anderen = [c for c in alle if c.id != cluster.id and per_cluster[c.id]]
        wie = (
            dutch.opsomming([c.naam for c in anderen])
            if len(anderen) <= 5
            else f"{len(anderen)} andere clusters"
        )
        meet = "meet" if len(anderen) == 1 else "meten"
        reden = f"geen enkele meting, terwijl {wie} deze indicator wel {meet}"
        return [Signaal(Signaalsoort.GEEN_METING, cluster, indicator, reden, "geen meting")]
    signalen = []
    ontbrekend = [day for day in peildata if day not in eigen]
    if ontbrekend:
        reden = (
            f"geen meting op {dutch.opsomming([dutch.datum(d) for d in ontbrekend])}, "
            "terwijl andere clusters toen wel gemeten hebben"
        )
        labels = ", ".join(peildatum_label(d, peildata) for d in ontbrekend)
        signalen.append(
            Signaal(Signaalsoort.ONTBREEKT, cluster, indicator, reden, f"mist {labels}")
        )
    nieuwste = max(eigen)
    if nieuwste < grens:
        reden = (
            f"de nieuwste meting is van {dutch.datum(nieuwste)}, meer dan {verouderd_na} "
            f"maanden geleden (grens {dutch.datum(grens)})"
        )
        kort = f"verouderd ({peildatum_label(nieuwste, peildata)})"
        signalen.append(Signaal(Signaalsoort.VEROUDERD, cluster, indicator, reden, kort))
    return signalen


# --- notation ------------------------------------------------------------------------------


def peildatum_label(day: dt.date, peildata: Sequence[dt.date]) -> str:
    """The year when the peildatum is the only one of its year and 31 december; the
    date (30-06-2026) otherwise."""
    if (day.month, day.day) == (12, 31) and sum(1 for d in peildata if d.year == day.year) == 1:
        return str(day.year)
    return day.strftime("%d-%m-%Y")


def getal(value: Decimal, decimalen: int, *, teken: bool = False) -> str:
    """1.250,5; with ``teken`` a + before a positive number."""
    text = dutch.getal(value, decimalen)
    return "+" + text if teken and text.strip("-0,.") and not text.startswith("-") else text


def in_euro(indicator: Indicator) -> bool:
    """An amount in euros ('€/jaar', '€/m³', '€'), shown to the cent; not a unit with a
    multiplier such as '€ mln/jaar'."""
    return re.match(r"€\s*(?:/|$)", indicator.eenheid.strip()) is not None


def kort(value: Waarde, indicator: Indicator, decimalen: int) -> str:
    """A value for a table whose unit is stated above it: € 241,00, 99,94 %, ja."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    eenheid = indicator.eenheid.strip()
    if in_euro(indicator):
        return f"€ {getal(value, 2)}"
    if eenheid.startswith("€"):
        return f"€ {getal(value, decimalen)}"
    if eenheid == "%":
        return f"{getal(value, decimalen)} %"
    return getal(value, decimalen)


def vergelijking_tekst(v: Vergelijking, beeld: Indicatorbeeld, *, procent: bool = True) -> str:
    """+17 (+7,6 %), or ±0: the difference with the figures' decimals (one more where
    it falls between them, as a median can; an amount in euros to the cent), the share
    with one decimal (two where one would show a change as 0,0)."""
    decimalen = _decimalen_voor(v.verschil, beeld)
    if v.verschil == 0:
        return "±" + getal(Decimal(0), decimalen)
    text = getal(v.verschil, decimalen, teken=True)
    if v.procent is None or not procent:
        return text
    share = getal(v.procent, 1, teken=True)
    if share.strip("+-") == "0,0":
        share = getal(v.procent, 2, teken=True)
    return f"{text} ({share} %)"


def _decimalen_voor(value: Decimal, beeld: Indicatorbeeld) -> int:
    """The figures' decimals, or one more when the value needs it; an amount in euros
    to the cent, and no fractions of a cent."""
    if in_euro(beeld.indicator):
        return 2
    limit = beeld.decimalen + 1
    if beeld.indicator.eenheid.strip().startswith("€"):
        limit = min(limit, max(2, beeld.decimalen))
    return max(beeld.decimalen, min(_decimalen([value]), limit))


def verandering_tekst(
    punt: Punt, beeld: Indicatorbeeld, *, procent: bool = True, sinds: bool = True
) -> str:
    """▲ +17 (+7,6 %) slechter; with ``sinds`` naming the previous peildatum when one
    was skipped."""
    vorige = punt.vorige
    if vorige is None or punt.beweging is None or punt.oordeel is None:
        return "eerste meting"
    if punt.beweging == Beweging.GELIJK:
        text = "= gelijk"
    elif punt.verandering is not None:
        cijfer = vergelijking_tekst(punt.verandering, beeld, procent=procent)
        text = f"{punt.beweging.value} {cijfer} {punt.oordeel.value}"
    else:
        van = kort(vorige.waarde, beeld.indicator, 0)
        naar = kort(punt.waarde, beeld.indicator, 0)
        text = f"{punt.beweging.value} {van} → {naar}, {punt.oordeel.value}"
    overgeslagen = beeld.peildata.index(punt.peildatum) - beeld.peildata.index(vorige.peildatum)
    if sinds and overgeslagen > 1:
        text += f" (t.o.v. {beeld.label(vorige.peildatum)})"
    return text


def mediaan_tekst(punt: Punt, beeld: Indicatorbeeld, *, procent: bool = True) -> str:
    """-21 (-8,0 %) beter; empty when this cluster is the only one measured."""
    v = punt.t_o_v_mediaan
    if v is None:
        return ""
    if v.oordeel == Oordeel.GELIJK:
        return "= mediaan"
    return f"{vergelijking_tekst(v, beeld, procent=procent)} {v.oordeel.value}"


def regio_tekst(waarde: Regiowaarde, beeld: Indicatorbeeld) -> str:
    """The median (with one decimal more than the figures where it falls between
    two) and of how many clusters, or for a ja/nee indicator how many clusters said ja:
    '€ 271,50 (mediaan van 4 clusters)', '3 van 4 ja'."""
    if beeld.ja_nee:
        return f"{waarde.ja} van {waarde.gemeten} ja"
    if waarde.mediaan is None:
        return "—"
    cijfer = kort(waarde.mediaan, beeld.indicator, _decimalen_voor(waarde.mediaan, beeld))
    return f"{cijfer} (mediaan van {dutch.aantal(waarde.gemeten, 'cluster', 'clusters')})"


def regio_verandering_tekst(v: Regioverandering, beeld: Indicatorbeeld) -> str:
    """'▲ +13,00 (+4,8 %) slechter: mediaan van dezelfde 4 clusters € 271,50 → € 284,50';
    for a ja/nee indicator '▲ 2 → 3 van dezelfde 4 clusters ja, beter'."""
    if v.beweging is None or v.oordeel is None:
        return "geen cluster op beide peildata"
    dezelfde = "hetzelfde cluster" if v.clusters == 1 else f"dezelfde {v.clusters} clusters"
    if beeld.ja_nee:
        if v.beweging == Beweging.GELIJK:
            return f"= {v.ja_naar} van {dezelfde} ja"
        return f"{v.beweging.value} {v.ja_van} → {v.ja_naar} van {dezelfde} ja, {v.oordeel.value}"
    assert v.van is not None and v.naar is not None and v.verandering is not None
    van = kort(v.van, beeld.indicator, _decimalen_voor(v.van, beeld))
    naar = kort(v.naar, beeld.indicator, _decimalen_voor(v.naar, beeld))
    wat = "mediaan van" if v.clusters > 1 else "waarde van"
    if v.beweging == Beweging.GELIJK:
        return f"= gelijk: {wat} {dezelfde} {naar}"
    cijfer = vergelijking_tekst(v.verandering, beeld)
    return f"{v.beweging.value} {cijfer} {v.oordeel.value}: {wat} {dezelfde} {van} → {naar}"


# --- the document ---------------------------------------------------------------------------

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


def selectie_tekst(m: Monitor) -> str:
    """'Alleen: cluster Waterpas; gebied kosten.' or empty."""
    parts = []
    if m.selectie.clusters:
        parts.append("cluster " + dutch.opsomming([c.naam for c in m.clusters]))
    if m.selectie.gebieden:
        parts.append(
            "gebied " + dutch.opsomming([g.value for g in Gebied if g in m.selectie.gebieden])
        )
    if m.selectie.indicatoren:
        parts.append("indicator " + dutch.opsomming([b.indicator.naam for b in m.beelden]))
    return f"Alleen: {'; '.join(parts)}." if parts else ""


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
        waarden = [None if (p := reeks.op(d)) is None else _getal(p.waarde) for d in beeld.peildata]
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
