"""The money in the jaarplan and the jaarverslag: the regional budget of the year as
``analyse.begroting`` computes it (the same figures as ``waterketen middelen``), and
what the two documents ask of it: per project and per theme what was allocated, who
has not promised a contribution yet, and up to when the realisation is known."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from waterketen_cli.analyse import begroting
from waterketen_cli.models.records import Begroting
from waterketen_cli.models.types import Financieringsstatus
from waterketen_cli.records.dataset import Gegevens

#: The kinds of record the regional budget needs.
SOORTEN = begroting.SOORTEN


@dataclass(frozen=True)
class Financien:
    jaar: int
    jaarbegroting: begroting.Jaarbegroting | None  # None: no budget of the year recorded
    #: The latest date in the realisation: up to when the spending is known.
    realisatie_stand: dt.date | None = None
    publiek: bool = False

    @property
    def signalen(self) -> tuple[begroting.Signaal, ...]:
        """The budget's signals. In the public version not the one about an allocation
        without a decision: the public view leaves out the decisions that are not
        public, so that signal would be untrue there."""
        if self.jaarbegroting is None:
            return ()
        return tuple(
            s
            for s in self.jaarbegroting.signalen
            if not (self.publiek and s.soort == begroting.ZONDER_BESLUIT)
        )

    def toegekend_aan(self, project: str) -> Decimal | None:
        """What the project was allocated this year; None when nothing."""
        if self.jaarbegroting is None:
            return None
        found = [p for p in self.jaarbegroting.projecten if p.project == project]
        return found[0].toegekend if found and found[0].toegekend else None

    def toegekend_aan_thema(self, thema: str) -> Decimal | None:
        """What the theme's projects were allocated this year; None without a budget."""
        if self.jaarbegroting is None:
            return None
        found = [t for t in self.jaarbegroting.per_thema if t.thema == thema]
        return found[0].toegekend if found else Decimal(0)

    @property
    def aangevraagd_door(self) -> tuple[str, ...]:
        """Partners whose contribution is requested, not yet promised."""
        if self.jaarbegroting is None:
            return ()
        return tuple(
            b.naam
            for b in self.jaarbegroting.bijdragen
            if b.status == Financieringsstatus.AANGEVRAAGD
        )

    @property
    def ontbrekend(self) -> tuple[str, ...]:
        """Partners the verdeelsleutel names without a contribution in the record."""
        if self.jaarbegroting is None:
            return ()
        return tuple(b.naam for b in self.jaarbegroting.bijdragen if b.ontbreekt)

    @property
    def themas(self) -> tuple[begroting.Themaregel, ...]:
        """The themes with an allocation this year."""
        if self.jaarbegroting is None:
            return ()
        return tuple(t for t in self.jaarbegroting.per_thema if t.toegekend or t.gerealiseerd)


def financien(gegevens: Gegevens, jaar: int) -> Financien:
    """The regional budget of ``jaar`` (from ``gegevens``, internal or the public view)."""
    jaarbegroting = begroting.jaarbegroting(gegevens, jaar)
    data = [
        r.datum
        for b in gegevens.of(Begroting)
        if b.jaar == jaar
        for r in b.realisatie
        if r.datum is not None
    ]
    return Financien(jaar, jaarbegroting, max(data) if data else None, gegevens.publiek)
