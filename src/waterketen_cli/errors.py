"""The one error hierarchy. Exit codes: 0 fine, 1 findings or a user error,
2 wrong usage, 3 a bug (shown as such; ``--debug`` gives the traceback)."""

from __future__ import annotations


class WaterketenError(Exception):
    """A problem the user can fix; the message says what and how."""

    def __init__(self, bericht: str, *, hint: str | None = None) -> None:
        super().__init__(bericht)
        self.bericht = bericht
        self.hint = hint


class GegevensNietGevonden(WaterketenError):
    """The data folder could not be found."""


class GebruiksFout(WaterketenError):
    """Wrong usage of a command (exit code 2)."""
