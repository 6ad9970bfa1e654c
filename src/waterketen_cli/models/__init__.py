"""The record models (pydantic). The kinds and their folders: :mod:`waterketen_cli.soorten`."""

from __future__ import annotations

from waterketen_cli.models.base import SLUG_PATTERN, Model, Record
from waterketen_cli.soorten import SOORT_PER_MAP, SOORT_PER_NAAM, SOORTEN, Soort

__all__ = [
    "SLUG_PATTERN",
    "SOORTEN",
    "SOORT_PER_MAP",
    "SOORT_PER_NAAM",
    "Model",
    "Record",
    "Soort",
]
