"""Dutch notation for dates, times and amounts.

The formats are CLDR's, as Babel gives them; the functions here write them directly,
because loading Babel's locale data costs a noticeable moment on every command. The
``*_babel`` functions are the reference, and ``tests/test_dutch.py`` holds the two
together for every month, every weekday and random amounts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal

_MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_DAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """'1 besluit', '3 besluiten', '0 besluiten': the one helper for a counted noun."""
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def opsomming(items: Sequence[str], voegwoord: str = "en") -> str:
    """'A', 'A en B', 'A, B en C' (or with 'of'): a Dutch list, no serial comma."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {voegwoord} {items[-1]}"


def datum(value: dt.date) -> str:
    """14 april 2026"""
    return f"{value.day} {_MAANDEN[value.month - 1]} {value.year}"


def datum_lang(value: dt.date) -> str:
    """dinsdag 14 april 2026"""
    return f"{_DAGEN[value.weekday()]} {datum(value)}"


def datum_babel(value: dt.date, lang: bool = False) -> str:
    """The reference: Babel's CLDR date format in Dutch."""
    from babel.dates import format_date

    return format_date(value, "EEEE d MMMM y" if lang else "d MMMM y", locale="nl_NL")


def klok(value: dt.time) -> str:
    """13.30"""
    return f"{value.hour:02d}.{value.minute:02d}"


def tijd(value: dt.time) -> str:
    """13.30 uur"""
    return f"{klok(value)} uur"


_SEPARATORS = str.maketrans(",.", ".,")


def bedrag(value: Decimal | int | float) -> str:
    """€ 1.250,50 (with a no-break space), exactly Babel's Dutch currency format
    (``bedrag_babel``) at a hundredth of its cost: a document on the benchmark data
    shows a hundred thousand amounts. ``tests/test_dutch.py`` holds the two together."""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    return "€\xa0" + f"{amount:,.2f}".translate(_SEPARATORS)


def bedrag_babel(value: Decimal | int | float) -> str:
    """The reference: Babel's CLDR format for euros in Dutch."""
    from babel.numbers import format_currency

    return format_currency(value, "EUR", locale="nl_NL")


def parse_datum(text: str) -> dt.date | None:
    """2026-04-14 or 14-04-2026; None when it is not a date."""
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text.strip())
    iso = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}" if match else text.strip()
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return None


def getal(value: Decimal | int | float, decimals: int = 0) -> str:
    """1.250,5: a thousands point, a decimal comma and exactly ``decimals`` decimals
    (rounded half up, as people round by hand)."""
    from decimal import ROUND_HALF_UP

    from babel.numbers import format_decimal

    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(rounded, format=pattern, locale="nl_NL")
