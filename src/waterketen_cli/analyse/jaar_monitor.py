"""The monitor in the jaarverslag: per indicator the year's measurement against the one
before, per cluster and for the region, with a chart of the years up to then.

Everything is computed by ``analyse.monitor`` over the measurements up to the end of
the year (a later one is not known in that year's report): the region's value is the
median of the clusters that measured, its change is the matched comparison over the
clusters that measured on both peildata. The year shown is the year asked for; when no
indicator was measured in it (the figures of a year are published in the next), the
newest year with measurements before it, and the document says so.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from waterketen_cli.analyse import monitor, monitor_document, monitor_tekst
from waterketen_cli.models.records import Cluster, Regio

if TYPE_CHECKING:
    from waterketen_cli.documentformaat import Afbeelding


@dataclass(frozen=True)
class Clusterregel:
    naam: str
    vorige: str  # the value at the previous peildatum, or "—"
    waarde: str  # the value at the year's peildatum, or "—"
    verandering: str  # since the cluster's previous measurement, or ""


@dataclass(frozen=True)
class Indicatorjaar:
    beeld: monitor.Indicatorbeeld
    peildatum: dt.date
    vorige: dt.date | None  # the peildatum before it, if any
    kolommen: tuple[str, str]  # the labels of the two peildata ("" without a previous one)
    clusters: tuple[Clusterregel, ...]
    regio: tuple[str, str]  # the region's value at the two peildata
    regio_verandering: str  # the matched change, or "" without a previous peildatum
    grafiek: monitor_document.Grafiek | None  # not for a ja/nee indicator
    bronnen: tuple[str, ...]


@dataclass(frozen=True)
class Monitorjaar:
    jaar: int  # the year asked for
    meetjaar: int | None  # the year shown: ``jaar``, or the newest before it; None: none
    gebieden: tuple[tuple[str, tuple[Indicatorjaar, ...]], ...]
    zonder: tuple[str, ...]  # indicators without a measurement in ``meetjaar``

    @property
    def indicatoren(self) -> tuple[Indicatorjaar, ...]:
        return tuple(i for _, stukken in self.gebieden for i in stukken)

    @property
    def vorige_kop(self) -> str:
        """The heading of the previous measurements: their label when they share one
        ('2024'), else 'Vorige meting'."""
        labels = {i.kolommen[0] for i in self.indicatoren}
        return labels.pop() if len(labels) == 1 and "" not in labels else "Vorige meting"


def monitorjaar(regio: Regio | None, clusters: Sequence[Cluster], jaar: int) -> Monitorjaar:
    if regio is None:
        return Monitorjaar(jaar, None, (), ())
    einde = dt.date(jaar, 12, 31)
    # What was measured after the year is no part of its report.
    tot = [
        c.model_copy(update={"metingen": [m for m in c.metingen if m.peildatum <= einde]})
        for c in clusters
    ]
    uitkomst = monitor.monitor(regio, tot, einde)
    jaren = {d.year for b in uitkomst.beelden for d in b.peildata}
    meetjaar = max(jaren, default=None)
    if meetjaar is None:
        return Monitorjaar(jaar, None, (), ())
    kleuren = {
        c.id: monitor_document.KLEUREN[i % len(monitor_document.KLEUREN)]
        for i, c in enumerate(uitkomst.clusters)
    }
    nummers = itertools.count(1)
    gebieden = []
    zonder = []
    for gebied, beelden in uitkomst.per_gebied():
        stukken = []
        for beeld in beelden:
            in_jaar = [d for d in beeld.peildata if d.year == meetjaar]
            if not in_jaar:
                zonder.append(beeld.indicator.naam)
                continue
            stukken.append(_indicatorjaar(beeld, in_jaar[-1], kleuren, nummers))
        if stukken:
            gebieden.append((gebied.value.capitalize(), tuple(stukken)))
    return Monitorjaar(jaar, meetjaar, tuple(gebieden), tuple(zonder))


def _indicatorjaar(
    beeld: monitor.Indicatorbeeld,
    peildatum: dt.date,
    kleuren: dict[str, tuple[str, str]],
    nummers: itertools.count[int],
) -> Indicatorjaar:
    index = beeld.peildata.index(peildatum)
    vorige = beeld.peildata[index - 1] if index else None
    indicator = beeld.indicator

    def waarde(punt: monitor.Punt | None) -> str:
        return "—" if punt is None else monitor_tekst.kort(punt.waarde, indicator, beeld.decimalen)

    regels = []
    bronnen: dict[str, None] = {}
    for reeks in beeld.reeksen:
        nu = reeks.op(peildatum)
        toen = reeks.op(vorige) if vorige else None
        if nu is None and toen is None:
            continue
        verandering = "geen meting"
        if nu is not None and nu.vorige is not None:
            verandering = monitor_tekst.verandering_tekst(nu, beeld)
        elif nu is not None:
            verandering = "eerste meting"
        for punt in (toen, nu):
            if punt is not None:
                bronnen[punt.meting.bron] = None
        regels.append(Clusterregel(reeks.cluster.naam, waarde(toen), waarde(nu), verandering))
    regiowaarden = {w.peildatum: w for w in beeld.regio}
    veranderingen = {v.peildatum: v for v in beeld.regio_veranderingen}
    return Indicatorjaar(
        beeld,
        peildatum,
        vorige,
        (beeld.label(vorige) if vorige else "", beeld.label(peildatum)),
        tuple(regels),
        (
            monitor_tekst.regio_tekst(regiowaarden[vorige], beeld) if vorige else "—",
            monitor_tekst.regio_tekst(regiowaarden[peildatum], beeld),
        ),
        monitor_tekst.regio_verandering_tekst(veranderingen[peildatum], beeld) if vorige else "",
        None
        if beeld.ja_nee
        else monitor_document.grafiek(beeld, kleuren, naam=f"grafiek-{next(nummers)}"),
        tuple(bronnen),
    )


def afbeeldingen(m: Monitorjaar) -> list[Afbeelding]:
    """The charts as images, for Word and PDF (drawn by matplotlib: a moment's work)."""
    import warnings

    from waterketen_cli.analyse import grafieken

    beelden = []
    with warnings.catch_warnings():
        # With many clusters matplotlib cannot fit the legend and says so in English;
        # the chart is made all the same, and its figures are in the table above it.
        warnings.filterwarnings("ignore", "constrained_layout not applied", UserWarning)
        for i in m.indicatoren:
            if i.grafiek is not None:
                beelden.append(grafieken.afbeelding(i.grafiek.beeld, i.grafiek.naam))
    return beelden
