"""The meeting schedule of a year (``waterketen agenda plan JAAR``): the dates a body's
rhythm (``ritme`` in its overleg record) gives, kept off public holidays and the
region's school holidays, as planned meetings.

The policy, the same for every body:

1. The rule gives the regular dates: every ``elke`` weeks from ``vanaf`` (the grid runs
   on across years, so 2028 continues where 2027 stopped), or the ``week``-th ``dag`` of
   every ``elke``-th month from the month of ``vanaf`` (January when it is not given).
2. A regular date on a Dutch public holiday (the maintained ``holidays`` package, in
   Dutch) or, unless ``schoolvakanties: false``, in a school holiday of the region
   (``data/schoolvakanties/``) is not a meeting day. With ``bij_vrije_dag: een week
   later`` (the default) the meeting moves to the same weekday a week later, and again
   while that day is not free either; it is dropped when that reaches the next regular
   date or leaves the year. With ``overslaan`` it is dropped at once. Shifts never move
   the grid: the next meeting stays on its regular date.
3. A day on which the body already has a meeting (whatever its status) is left alone
   and reported; so is a day before today.

What is left becomes planned meetings: a meeting record with status ``concept``, the
body's usual time and place, the rhythm's length, and no agenda yet.
``waterketen agenda new --datum`` fills in the concept agenda of such a meeting later
(``vergaderen/agenda.py``). Nothing here reads or writes a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from waterketen_cli import dutch
from waterketen_cli.errors import GebruiksFout, WaterketenError
from waterketen_cli.models.records import Overleg, Ritme, Schooljaar, Vergadering
from waterketen_cli.models.types import (
    Ritmeeenheid,
    Vergaderstatus,
    Verschuiving,
    Weekvandemaand,
)
from waterketen_cli.records.dataset import Gegevens, soort_of

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Schrijfplan

#: The kinds ``plan`` reads (the vergaderingen: which days are taken).
SOORTEN = ("overleg", "vergadering", "schooljaar")

_WEEK = dt.timedelta(weeks=1)
_NUMMER = {
    Weekvandemaand.EERSTE: 0,
    Weekvandemaand.TWEEDE: 1,
    Weekvandemaand.DERDE: 2,
    Weekvandemaand.VIERDE: 3,
}


@dataclass(frozen=True)
class Vrij:
    """A span of days on which no meeting is planned, and why."""

    begin: dt.date
    eind: dt.date
    reden: str  # "Tweede pinksterdag", "zomervakantie (17 juli t/m 29 augustus 2027)"


@dataclass(frozen=True)
class Plandatum:
    """One regular date of the rhythm and what became of it."""

    regel: dt.date
    #: The day it came to (the regular date, or later when it moved); None: dropped.
    datum: dt.date | None
    #: Why it moved or was dropped: the holidays on the days tried, in order.
    redenen: tuple[str, ...] = ()
    #: The meeting the body already has on that day (nothing is planned then).
    bestaand: str | None = None
    #: The day lies before today (nothing is planned then).
    verleden: bool = False

    @property
    def gepland(self) -> bool:
        """A new meeting is planned on :attr:`datum`."""
        return self.datum is not None and self.bestaand is None and not self.verleden

    @property
    def verschoven(self) -> bool:
        return self.datum is not None and self.datum != self.regel


@dataclass(frozen=True)
class Jaarplanning:
    """The schedule of one body for one year: every regular date, the new meetings."""

    overleg: Overleg
    jaar: int
    ritme: Ritme
    data: list[Plandatum]
    nieuw: list[Vergadering]
    waarschuwingen: list[str] = field(default_factory=list)


def beschrijving(ritme: Ritme) -> str:
    """The rule in words: 'elke 6 weken op dinsdag, vanaf 26 januari 2027',
    'de tweede donderdag van elke 3 maanden, vanaf maart 2027'."""
    if ritme.eenheid == Ritmeeenheid.WEKEN:
        assert ritme.vanaf is not None
        dag = dutch.datum_lang(ritme.vanaf).split(" ", 1)[0]
        elke = "elke week" if ritme.elke == 1 else f"elke {ritme.elke} weken"
        return f"{elke} op {dag}, vanaf {dutch.datum(ritme.vanaf)}"
    assert ritme.dag is not None and ritme.week is not None
    maand = "elke maand" if ritme.elke == 1 else f"elke {ritme.elke} maanden"
    tekst = f"de {ritme.week.value} {ritme.dag.value} van {maand}"
    if ritme.vanaf is not None:
        tekst += f", vanaf {dutch.datum(ritme.vanaf).split(' ', 1)[1]}"
    return tekst


def regeldata(ritme: Ritme, begin: dt.date, eind: dt.date) -> Iterator[dt.date]:
    """The dates the rule gives from ``begin`` up to and including ``eind``."""
    if ritme.eenheid == Ritmeeenheid.WEKEN:
        assert ritme.vanaf is not None
        stap = _WEEK * ritme.elke
        datum = ritme.vanaf
        if datum < begin:
            datum += stap * -(-(begin - datum).days // stap.days)  # the first on or after
        while datum <= eind:
            yield datum
            datum += stap
        return
    assert ritme.dag is not None and ritme.week is not None
    start = ritme.vanaf or dt.date(begin.year, 1, 1)
    eerste = start.year * 12 + start.month - 1
    for maand in range(begin.year * 12 + begin.month - 1, eind.year * 12 + eind.month):
        if maand < eerste or (maand - eerste) % ritme.elke:
            continue
        datum = weekdag_van_de_maand(maand // 12, maand % 12 + 1, ritme.dag.nummer, ritme.week)
        if start <= datum and begin <= datum <= eind:
            yield datum


def weekdag_van_de_maand(jaar: int, maand: int, weekdag: int, week: Weekvandemaand) -> dt.date:
    """'de tweede dinsdag' (weekdag 1) of a month; 'laatste': the last one."""
    if week == Weekvandemaand.LAATSTE:
        volgende = dt.date(jaar + maand // 12, maand % 12 + 1, 1)
        laatste = volgende - dt.timedelta(days=1)
        return laatste - dt.timedelta(days=(laatste.weekday() - weekdag) % 7)
    eerste = dt.date(jaar, maand, 1)
    return eerste + dt.timedelta(days=(weekdag - eerste.weekday()) % 7) + _WEEK * _NUMMER[week]


def feestdagen(jaren: range) -> list[Vrij]:
    """The Dutch public holidays of these years, with their Dutch names."""
    import holidays

    dagen = holidays.country_holidays("NL", years=list(jaren), language="nl")
    return [Vrij(d, d, naam) for d, naam in sorted(dagen.items())]


def schoolvakanties(gegevens: Gegevens) -> list[Vrij]:
    """The school holidays of the region, from ``data/schoolvakanties/``."""
    result = []
    for schooljaar in gegevens.of(Schooljaar):
        for v in schooljaar.vakanties:
            span = f"{_kort(v.begin, v.eind)} t/m {dutch.datum(v.eind)}"
            result.append(Vrij(v.begin, v.eind, f"{v.naam} ({span})"))
    return sorted(result, key=lambda v: (v.begin, v.eind))


def _kort(begin: dt.date, eind: dt.date) -> str:
    """'17 juli' before '29 augustus 2027'; the year only when it differs."""
    tekst = dutch.datum(begin)
    return tekst.rsplit(" ", 1)[0] if begin.year == eind.year else tekst


def plan(
    gegevens: Gegevens,
    overleg_id: str,
    jaar: int,
    *,
    vandaag: dt.date,
    begintijd: dt.time | None = None,
    locatie: str | None = None,
) -> Jaarplanning:
    """The planned meetings of a body for a year (nothing is written)."""
    from waterketen_cli.vergaderen import lookup

    overleg = lookup.record(gegevens, Overleg, overleg_id, optie="--overleg")
    ritme = overleg.ritme
    if ritme is None:
        raise WaterketenError(
            f"overleg '{overleg.id}' heeft geen vergaderritme",
            hint=f"zet 'ritme:' in data/overleggen/{overleg.id}.yaml, bijv. elke: 6, "
            "eenheid: weken, dag: dinsdag, vanaf: 2027-01-12 (zie README, 'Het vergaderritme')",
        )
    _volledig(overleg, ritme)
    start = begintijd or overleg.begintijd
    if start is None:
        raise GebruiksFout(
            f"overleg '{overleg.id}' heeft geen vaste begintijd",
            hint="geef de tijd op met --tijd 13:30, of zet 'begintijd:' in het overleg",
        )
    plaats = locatie or overleg.locatie
    if plaats is None:
        raise GebruiksFout(
            f"overleg '{overleg.id}' heeft geen vaste vergaderplaats",
            hint="geef de plaats op met --plaats, of zet 'locatie:' in het overleg",
        )
    dag = dt.date(jaar, 1, 1)
    einde = dt.datetime.combine(dag, start) + dt.timedelta(minutes=ritme.duur)
    if einde.date() != dag:
        raise GebruiksFout(
            "de vergaderingen zouden doorlopen na middernacht",
            hint="kies een vroegere begintijd (--tijd) of een kortere duur in het ritme",
        )
    vrij = feestdagen(range(jaar, jaar + 2))
    waarschuwingen: list[str] = []
    if ritme.schoolvakanties:
        vrij += schoolvakanties(gegevens)
        waarschuwingen += _ontbrekende_schooljaren(gegevens, jaar)
    bezet = {
        v.datum: v.id
        for v in gegevens.of(Vergadering)
        if v.overleg == overleg.id and v.datum.year in (jaar, jaar + 1)
    }
    regels = list(regeldata(ritme, dt.date(jaar, 1, 1), dt.date(jaar + 1, 12, 31)))
    data = []
    for i, regel in enumerate(regels):
        if regel.year != jaar:
            break
        volgende = regels[i + 1] if i + 1 < len(regels) else dt.date(jaar + 1, 12, 31)
        data.append(_plaats(regel, volgende, ritme, vrij, bezet, vandaag))
    nieuw = [
        Vergadering(
            id=f"{overleg.id}-{p.datum.isoformat()}",
            overleg=overleg.id,
            datum=p.datum,
            begintijd=start,
            eindtijd=einde.time(),
            locatie=plaats,
            status=Vergaderstatus.CONCEPT,
        )
        for p in data
        if p.gepland and p.datum is not None
    ]
    return Jaarplanning(overleg, jaar, ritme, data, nieuw, waarschuwingen)


def _volledig(overleg: Overleg, ritme: Ritme) -> None:
    """The rhythm can give dates (``validate`` says the same, check ``ritme``)."""
    if ritme.eenheid == Ritmeeenheid.WEKEN and ritme.vanaf is None:
        mist = "'vanaf' (de eerste vergadering)"
    elif ritme.eenheid == Ritmeeenheid.MAANDEN and (ritme.dag is None or ritme.week is None):
        mist = "'dag' en 'week' (bijv. dag: dinsdag, week: tweede)"
    else:
        return
    raise WaterketenError(
        f"het ritme van overleg '{overleg.id}' mist {mist}",
        hint=f"vul het aan in data/overleggen/{overleg.id}.yaml; 'waterketen validate' "
        "controleert het",
    )


def _ontbrekende_schooljaren(gegevens: Gegevens, jaar: int) -> list[str]:
    bekend = {s.id for s in gegevens.of(Schooljaar)}
    return [
        f"geen schoolvakanties voor schooljaar {sj} (data/schoolvakanties/{sj}.yaml): in "
        f"{jaar} zijn alleen de feestdagen vermeden"
        + (" vóór de zomer" if sj.startswith(str(jaar - 1)) else " na de zomer")
        for sj in (f"{jaar - 1}-{jaar}", f"{jaar}-{jaar + 1}")
        if sj not in bekend
    ]


def _vrij_op(datum: dt.date, vrij: list[Vrij]) -> str | None:
    for span in vrij:
        if span.begin <= datum <= span.eind:
            return span.reden
    return None


def _plaats(
    regel: dt.date,
    volgende: dt.date,
    ritme: Ritme,
    vrij: list[Vrij],
    bezet: dict[dt.date, str],
    vandaag: dt.date,
) -> Plandatum:
    """Where the meeting of one regular date goes, by the policy of the module."""
    if regel in bezet:
        return Plandatum(regel, regel, bestaand=bezet[regel])
    datum = regel
    redenen: list[str] = []
    while (reden := _vrij_op(datum, vrij)) is not None:
        if reden not in redenen:
            redenen.append(reden)
        datum += _WEEK
        if (
            ritme.bij_vrije_dag == Verschuiving.OVERSLAAN
            or datum >= volgende
            or datum.year != regel.year
        ):
            return Plandatum(regel, None, tuple(redenen))
    if datum in bezet:
        return Plandatum(regel, datum, tuple(redenen), bestaand=bezet[datum])
    if datum < vandaag:
        return Plandatum(regel, datum, tuple(redenen), verleden=True)
    return Plandatum(regel, datum, tuple(redenen))


def schrijfplan(gegevens: Gegevens, planning: Jaarplanning) -> Schrijfplan:
    """A new meeting record for each planned date, all in one write."""
    from waterketen_cli.records.plan import Schrijfplan, nieuw_record

    soort = soort_of(Vergadering)
    overleg = planning.overleg
    plan = Schrijfplan.van(
        gegevens,
        f"Vergaderingen {overleg.naam} {planning.jaar} gepland "
        f"({dutch.aantal(len(planning.nieuw), 'vergadering', 'vergaderingen')})",
    )
    for vergadering in planning.nieuw:
        kop = [
            f"Gepland met 'waterketen agenda plan {planning.jaar}' (het ritme van het overleg).",
            f"'waterketen agenda new --datum {vergadering.datum.isoformat()} --overleg "
            f"{overleg.id}' vult de concept-agenda in.",
        ]
        plan.records.append(
            nieuw_record(gegevens.path(soort, vergadering.id), soort, vergadering, header=kop)
        )
    return plan


def regel_tekst(p: Plandatum) -> str:
    """What became of one regular date, in a line: 'dinsdag 8 juni 2027, verschoven van
    1 juni 2027: Tweede pinksterdag'."""
    if p.datum is None:
        return f"{dutch.datum_lang(p.regel)} vervalt: {'; '.join(p.redenen)}"
    tekst = dutch.datum_lang(p.datum)
    if p.verschoven:
        tekst += f", verschoven van {dutch.datum(p.regel)}: {'; '.join(p.redenen)}"
    if p.bestaand is not None:
        return f"{tekst}: er is al een vergadering ({p.bestaand}), niets gepland"
    if p.verleden:
        return f"{tekst}: ligt in het verleden, niet gepland"
    return tekst
