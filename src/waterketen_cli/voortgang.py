"""Progress of long work, without a user interface: the core reports (done, total)
through a callback the CLI may pass; the CLI decides whether anyone sees it."""

from __future__ import annotations

from collections.abc import Callable

#: Called with the number of units done and the total (files, for example).
Voortgang = Callable[[int, int], None]


def stil(gedaan: int, totaal: int) -> None:
    """Report nothing."""
