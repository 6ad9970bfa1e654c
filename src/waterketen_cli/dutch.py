"""Dutch notation for dates, times and amounts (through Babel's CLDR data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def datum(value: dt.date) -> str:
    """14 april 2026"""
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale="nl_NL")


def datum_lang(value: dt.date) -> str:
    """dinsdag 14 april 2026"""
    from babel.dates import format_date

    return format_date(value, "EEEE d MMMM y", locale="nl_NL")


def klok(value: dt.time) -> str:
    """13.30"""
    return f"{value.hour:02d}.{value.minute:02d}"


def tijd(value: dt.time) -> str:
    """13.30 uur"""
    return f"{klok(value)} uur"


def bedrag(value: Decimal | int | float) -> str:
    """€ 1.250,50"""
    from babel.numbers import format_currency

    return format_currency(value, "EUR", locale="nl_NL")
