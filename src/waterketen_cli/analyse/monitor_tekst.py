"""The monitor in words: the Dutch notation of its figures and the sentences about them
(a value, a change, the difference with the median, the region's value and its change,
what the selection shows), for the terminal, the document and the newsletter.

Amounts in euros are shown to the cent. The figures themselves come from
``analyse.monitor``; this module computes nothing and makes no document (that is
``monitor_document``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from waterketen_cli import dutch
from waterketen_cli.analyse.monitor import (
    Beweging,
    Indicatorbeeld,
    Monitor,
    Oordeel,
    Punt,
    Regioverandering,
    Regiowaarde,
    Vergelijking,
    Waarde,
    decimalen_van,
)
from waterketen_cli.models.records import Indicator
from waterketen_cli.models.types import Gebied


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
    return max(beeld.decimalen, min(decimalen_van([value]), limit))


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
