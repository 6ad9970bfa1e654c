"""Checks on what ``waterketen agenda plan`` plans from: the meeting rhythm of a body
(``ritme`` in the overleg record) and the school holidays of the region
(``data/schoolvakanties/``, one school year a file).

- ``ritme`` (fout, per record): a rhythm in weeks has its first date (``vanaf``) and no
  ``week``, and ``dag``, if given, is the weekday of ``vanaf``; a rhythm in months names
  the day and the week of the month, at most every twelve months;
- ``schoolvakanties`` (fout, per record): the id is a school year (``2026-2027``), each
  holiday ends on or after its first day, within that school year, and has its own name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from waterketen_cli import dutch
from waterketen_cli.checks.registry import Bevinding, record_check
from waterketen_cli.findings import Ernst
from waterketen_cli.models.records import Overleg, Schooljaar
from waterketen_cli.models.types import Ritmeeenheid, Weekdag

_SCHOOLJAAR = re.compile(r"(\d{4})-(\d{4})")


@record_check(
    "ritme",
    Ernst.FOUT,
    "het vergaderritme van een overleg is volledig: weken met 'vanaf', maanden met dag en week",
    Overleg,
)
def check_ritme(overleg: Overleg) -> Iterator[Bevinding]:
    ritme = overleg.ritme
    if ritme is None:
        return
    if ritme.eenheid == Ritmeeenheid.WEKEN:
        if ritme.vanaf is None:
            yield Bevinding(
                ("ritme", "eenheid"),
                "een ritme in weken heeft een eerste datum nodig",
                "zet 'vanaf:' op de eerste vergadering van het ritme, bijv. vanaf: 2027-01-26",
            )
        elif ritme.dag is not None and ritme.dag.nummer != ritme.vanaf.weekday():
            echt = list(Weekdag)[ritme.vanaf.weekday()]
            yield Bevinding(
                ("ritme", "dag"),
                f"{dutch.datum(ritme.vanaf)} (vanaf) is een {echt.value}, geen {ritme.dag.value}",
                f"zet 'dag: {echt.value}' of kies een {ritme.dag.value} bij 'vanaf'",
            )
        if ritme.week is not None:
            yield Bevinding(
                ("ritme", "week"),
                "'week' hoort bij een ritme in maanden",
                "haal 'week:' weg, of zet 'eenheid: maanden'",
            )
        return
    for veld, voorbeeld in (("dag", "dag: dinsdag"), ("week", "week: tweede")):
        if getattr(ritme, veld) is None:
            yield Bevinding(
                ("ritme", "eenheid"),
                f"een ritme in maanden noemt '{veld}'",
                f"zet bijv. '{voorbeeld}' (de tweede dinsdag van de maand)",
            )
    if ritme.elke > 12:
        yield Bevinding(
            ("ritme", "elke"),
            f"elke {ritme.elke} maanden is minder dan één keer per jaar",
            "kies 1 tot en met 12",
        )


@record_check(
    "schoolvakanties",
    Ernst.FOUT,
    "een schooljaar heet JJJJ-JJJJ; elke vakantie valt erin, eindigt niet vóór haar begin "
    "en staat er één keer in",
    Schooljaar,
)
def check_schoolvakanties(jaar: Schooljaar) -> Iterator[Bevinding]:
    match = _SCHOOLJAAR.fullmatch(jaar.id)
    jaren: tuple[int, int] | None = None
    if match is None or int(match[2]) != int(match[1]) + 1:
        yield Bevinding(
            ("id",),
            f"'{jaar.id}' is geen schooljaar",
            "noem het bestand en het id naar het schooljaar, bijv. 2026-2027",
        )
    else:
        jaren = (int(match[1]), int(match[2]))
    namen: list[str] = []
    for i, vakantie in enumerate(jaar.vakanties):
        if vakantie.naam.lower() in namen:
            yield Bevinding(
                ("vakanties", i, "naam"), f"'{vakantie.naam}' staat al eerder in dit schooljaar"
            )
        namen.append(vakantie.naam.lower())
        if vakantie.eind < vakantie.begin:
            yield Bevinding(
                ("vakanties", i, "eind"),
                f"de laatste dag ({dutch.datum(vakantie.eind)}) ligt voor de eerste "
                f"({dutch.datum(vakantie.begin)})",
            )
        if jaren is not None:
            for veld in ("begin", "eind"):
                datum = getattr(vakantie, veld)
                if datum.year not in jaren:
                    yield Bevinding(
                        ("vakanties", i, veld),
                        f"{dutch.datum(datum)} valt niet in schooljaar {jaar.id}",
                    )
