"""Calendar arithmetic that more than one part of the program needs (no wording: the
Dutch notation of a date is in ``dutch.py``)."""

from __future__ import annotations

import calendar
import datetime as dt


def maanden_terug(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (or the last day of a shorter month); a negative
    ``months`` goes forward."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
