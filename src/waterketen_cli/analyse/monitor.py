"""The monitor of the 3K's and sustainability: every indicator per cluster and for the
region over the peildata, compared with the cluster's previous measurement and with
the regional median, and the measurements that are missing or stale.

Pure functions of the records. The region's value at a peildatum is the median of
the clusters that measured the indicator then (for a ja/nee indicator: how many of
them said ja), shown with how many clusters that is. The region's *change* from one
peildatum to the next is a matched comparison: the median of the clusters that
measured on both, then and now, so that the regional figure does not move because a
different set of clusters reported. Filters choose what is shown, never what is
compared: a median is always taken over all clusters.

This module computes and holds the figures; it does not word them (``monitor_tekst``:
the Dutch sentences about them, amounts in euros to the cent) nor make the document of
them (``monitor_document``: the tables and Mermaid charts of ``monitor.md.j2``, or the
charts as images for Word and PDF).
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from waterketen_cli import dutch
from waterketen_cli.datums import maanden_terug
from waterketen_cli.models.records import Cluster, Indicator, Meting, Regio
from waterketen_cli.models.types import Gebied, Richting, Waardesoort

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
        decimalen_van(values),
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
        verschil = als_getal(waarde) - als_getal(vorige.waarde)
        beweging = _beweging(verschil)
        oordeel = _oordeel(verschil, indicator.richting)
        if not isinstance(waarde, bool) and not isinstance(vorige.waarde, bool):
            verandering = _vergelijking(waarde, vorige.waarde, indicator.richting)
    if not isinstance(waarde, bool) and regio.mediaan is not None and regio.gemeten >= 2:
        t_o_v_mediaan = _vergelijking(waarde, regio.mediaan, indicator.richting)
    return Punt(meting, waarde, vorige, beweging, oordeel, verandering, t_o_v_mediaan)


def als_getal(value: Waarde) -> Decimal:
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


def decimalen_van(values: Iterable[Waarde]) -> int:
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
