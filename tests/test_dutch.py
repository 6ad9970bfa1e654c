"""Dutch notation: the fast amount format is Babel's, to the byte."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from waterketen_cli import dutch


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_amount_is_babels(waarde: Decimal) -> None:
    assert dutch.bedrag(waarde) == dutch.bedrag_babel(waarde)


def test_every_month_and_weekday_is_babels() -> None:
    days = [dt.date(2026, month, 14) for month in range(1, 13)]
    days += [dt.date(2026, 6, 1) + dt.timedelta(days=n) for n in range(7)]
    for day in days:
        assert dutch.datum(day) == dutch.datum_babel(day)
        assert dutch.datum_lang(day) == dutch.datum_babel(day, lang=True)


def test_examples() -> None:
    assert dutch.bedrag(Decimal("1250.5")) == "€\xa01.250,50"
    assert dutch.datum(dt.date(2026, 4, 14)) == "14 april 2026"
    assert dutch.datum_lang(dt.date(2026, 4, 14)) == "dinsdag 14 april 2026"
    assert dutch.tijd(dt.time(13, 30)) == "13.30 uur"
    assert dutch.parse_datum("14-04-2026") == dt.date(2026, 4, 14)
    assert dutch.parse_datum("2026-02-30") is None
