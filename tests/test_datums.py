"""Calendar arithmetic shared by the checks, the monitor, the overview and the newsletter."""

from __future__ import annotations

import datetime as dt

from waterketen_cli.datums import maanden_terug


def test_months_back_keeps_the_end_of_a_month() -> None:
    assert maanden_terug(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert maanden_terug(dt.date(2026, 11, 27), 18) == dt.date(2025, 5, 27)
    assert maanden_terug(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)
    assert maanden_terug(dt.date(2024, 5, 31), 3) == dt.date(2024, 2, 29)


def test_a_negative_number_of_months_goes_forward() -> None:
    assert maanden_terug(dt.date(2026, 1, 31), -1) == dt.date(2026, 2, 28)
    assert maanden_terug(dt.date(2026, 11, 15), -3) == dt.date(2027, 2, 15)
