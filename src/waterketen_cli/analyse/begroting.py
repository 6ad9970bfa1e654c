"""The regional budget: per year what the partners put in, what the stuurgroep
allocated to projects, what the projects spent of it, what is left, and what is off.

Pure functions of the records (``data/begrotingen/<jaar>.yaml`` with the regio,
organisation, project and meeting records); ``middelen`` shows the result, and the
jaarplan and jaarverslag use the same figures (:func:`regionale_begroting`,
:func:`jaarbegroting`, ``Jaarbegroting.per_thema``). The rules, which every document
that shows the figures states:

- *begroting*: the record's ``totaal``; without one, the sum of the contributions;
- a contribution *volgens de verdeelsleutel* (a key in the regio record): see
  ``analyse/verdeelsleutel.py`` (each group of partners its share, divided by
  inhabitants, connections or in equal parts, to the cent, the rounding to the largest
  contributor). An amount entered in the record counts instead, and is a signal when
  it differs from the key;
- *toegezegd*: the contributions with status toegezegd; *toegekend*: the allocations to
  projects; *gerealiseerd*: what the projects spent; *vrij* = begroting − toegekend
  (still to allocate); *te besteden* = toegekend − gerealiseerd; *restant* =
  begroting − gerealiseerd;
- an allocation and a realisation belong to the year of the record; per theme an
  allocation counts in full under each theme of its project (those rows overlap).

The regional budget stands beside the projects' own funding (``financiering`` in a
project record: what a partner gives a project directly); an allocation from the pot
is not a contribution of a partner to the project and is not counted there.
``analyse/begroting_json.py`` writes it all for machines.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from waterketen_cli import dutch
from waterketen_cli.analyse.verdeelsleutel import SOORTVOLGORDE, Verdeling, aantal, verdeel
from waterketen_cli.models.records import (
    Begroting,
    Begrotingsbijdrage,
    Organisatie,
    Overleg,
    Project,
    Regio,
    Vergadering,
)
from waterketen_cli.models.types import Financieringsstatus, Grondslag, Overlegsoort, Uitkomst
from waterketen_cli.records.dataset import Gegevens

#: The kinds of record the analysis reads.
SOORTEN = ("begroting", "project", "organisatie", "regio", "vergadering", "overleg")

NUL = Decimal(0)

# Kinds of signal, by their JSON id: (heading in the document, what the amount is).
OVERSCHRIJDING = "meer-gerealiseerd-dan-toegekend"
MEER_TOEGEKEND = "meer-toegekend-dan-begroot"
ZONDER_BESLUIT = "zonder-besluit"
ONTBREKENDE_BIJDRAGE = "ontbrekende-bijdrage"
AFWIJKENDE_BIJDRAGE = "afwijkende-bijdrage"
NA_LOOPTIJD = "na-looptijd"
SIGNAALSOORTEN: dict[str, tuple[str, str]] = {
    OVERSCHRIJDING: ("Meer gerealiseerd dan toegekend", "meer gerealiseerd dan toegekend"),
    MEER_TOEGEKEND: ("Meer toegekend dan begroot", "meer toegekend dan begroot"),
    ZONDER_BESLUIT: (
        "Toekenning zonder besluit van de stuurgroep",
        "toegekend zonder besluit van de stuurgroep",
    ),
    ONTBREKENDE_BIJDRAGE: ("Ontbrekende bijdrage", "bijdrage ontbreekt"),
    AFWIJKENDE_BIJDRAGE: ("Afwijkende bijdrage", "afwijkende bijdrage"),
    NA_LOOPTIJD: (
        "Realisatie na het einde van het project",
        "gerealiseerd na het einde van het project",
    ),
}


@dataclass(frozen=True)
class Signaal:
    soort: str  # a key of SIGNAALSOORTEN
    jaar: int
    bedrag: Decimal
    toelichting: str
    project: str | None = None
    partner: str | None = None

    @property
    def kop(self) -> str:
        """What kind of signal, as a heading: 'Meer gerealiseerd dan toegekend'."""
        return SIGNAALSOORTEN[self.soort][0]

    @property
    def bericht(self) -> str:
        """'2026: € 2.412,80 meer gerealiseerd dan toegekend (…)'"""
        wat = SIGNAALSOORTEN[self.soort][1]
        return f"{self.jaar}: {dutch.bedrag(self.bedrag)} {wat} ({self.toelichting})"


@dataclass(frozen=True)
class Besluitinfo:
    """A decision as an allocation needs it: who took it, when, and whether it stands."""

    nummer: str
    datum: dt.date
    overleg: str  # the body's name
    stuurgroep: bool
    aangenomen: bool  # not 'niet aangenomen'
    tekst: str


@dataclass(frozen=True)
class Bijdrageregel:
    """One partner's contribution in one year."""

    partner: str
    naam: str
    soort: str  # the organisation's kind; "onbekend" without its record
    volgens_sleutel: Decimal | None  # None: the partner is not in the key (or no key)
    ingevoerd: Decimal | None  # the amount in the record, if any
    status: Financieringsstatus | None  # None: the key names the partner, the record not
    grondslag: str | None = None  # "inwoners", "aansluitingen", "gelijk" (by key)
    aantal: int | None = None  # the inhabitants or connections the key used
    afronding: Decimal = NUL  # the rounding difference this partner received
    is_partner: bool = True  # False: no partner of the cooperation (or no record)

    @property
    def bedrag(self) -> Decimal:
        """What counts: the amount entered, otherwise the key's."""
        if self.ingevoerd is not None:
            return self.ingevoerd
        return self.volgens_sleutel if self.volgens_sleutel is not None else NUL

    @property
    def toegezegd(self) -> Decimal:
        return self.bedrag if self.status == Financieringsstatus.TOEGEZEGD else NUL

    @property
    def aangevraagd(self) -> Decimal:
        return self.bedrag if self.status == Financieringsstatus.AANGEVRAAGD else NUL

    @property
    def ontbreekt(self) -> bool:
        return self.status is None

    @property
    def afronding_tekst(self) -> str:
        """'€ 0,01 meer door afronding', or '' when the rounding left this one alone."""
        if not self.afronding:
            return ""
        meer = "meer" if self.afronding > 0 else "minder"
        return f"{dutch.bedrag(abs(self.afronding))} {meer} door afronding"

    @property
    def grondslag_tekst(self) -> str:
        """'25.697 inwoners', 'gelijk', or '' when the key does not divide over it."""
        if self.grondslag is None:
            return ""
        if self.aantal is None:
            return "gelijk" if self.grondslag == Grondslag.GELIJK else f"geen {self.grondslag}"
        return f"{dutch.getal(self.aantal)} {self.grondslag}"


@dataclass(frozen=True)
class Toekenningsregel:
    project: str
    titel: str
    themas: tuple[str, ...]  # ids
    bedrag: Decimal
    besluit: str | None
    besluitinfo: Besluitinfo | None  # None: no decision, or none with this number
    toelichting: str | None


@dataclass(frozen=True)
class Projectbesteding:
    """One project in one year: what it was allocated and what it spent."""

    project: str
    titel: str
    themas: tuple[str, ...]  # ids
    toegekend: Decimal
    gerealiseerd: Decimal
    eind: dt.date | None  # the end of the project; None without its record
    besluiten: tuple[str, ...] = ()  # the decisions of its allocations this year

    @property
    def te_besteden(self) -> Decimal:
        return self.toegekend - self.gerealiseerd


@dataclass(frozen=True)
class Themaregel:
    """The regional budget of one theme in one year: its projects' allocations."""

    thema: str
    naam: str
    projecten: int
    toegekend: Decimal
    gerealiseerd: Decimal

    @property
    def te_besteden(self) -> Decimal:
        return self.toegekend - self.gerealiseerd


@dataclass(frozen=True)
class Jaarbegroting:
    """The regional budget of one year, with every figure the documents show."""

    jaar: int
    id: str
    begroting: Decimal
    totaal_gegeven: bool  # False: the budget is the sum of the contributions
    vastgesteld: str | None  # the decision that adopted it
    vastgesteld_info: Besluitinfo | None
    verdeling: Verdeling | None
    bijdragen: tuple[Bijdrageregel, ...]
    toekenningen: tuple[Toekenningsregel, ...]
    projecten: tuple[Projectbesteding, ...]  # allocated or realised this year, by title
    per_thema: tuple[Themaregel, ...]  # every theme of the region, in its order
    signalen: tuple[Signaal, ...]
    toelichting: str | None = None

    @property
    def toegezegd(self) -> Decimal:
        return sum((b.toegezegd for b in self.bijdragen), NUL)

    @property
    def aangevraagd(self) -> Decimal:
        return sum((b.aangevraagd for b in self.bijdragen), NUL)

    @property
    def volgens_sleutel(self) -> Decimal:
        """What the verdeelsleutel asks of the partners together."""
        return sum((b.volgens_sleutel or NUL for b in self.bijdragen), NUL)

    @property
    def bijgedragen(self) -> Decimal:
        """Every contribution, promised or requested."""
        return sum((b.bedrag for b in self.bijdragen if not b.ontbreekt), NUL)

    @property
    def toegekend(self) -> Decimal:
        return sum((t.bedrag for t in self.toekenningen), NUL)

    @property
    def gerealiseerd(self) -> Decimal:
        return sum((p.gerealiseerd for p in self.projecten), NUL)

    @property
    def vrij(self) -> Decimal:
        """Still to allocate (negative: more allocated than budgeted)."""
        return self.begroting - self.toegekend

    @property
    def te_besteden(self) -> Decimal:
        """Allocated and not (yet) spent (negative: more spent than allocated)."""
        return self.toegekend - self.gerealiseerd

    @property
    def restant(self) -> Decimal:
        """What is left of the budget after what was spent."""
        return self.begroting - self.gerealiseerd

    @property
    def ongedekt(self) -> Decimal:
        """The budget not covered by promised contributions."""
        return self.begroting - self.toegezegd

    def signalen_van(self, soort: str) -> list[Signaal]:
        return [s for s in self.signalen if s.soort == soort]


@dataclass(frozen=True)
class Regionaal:
    """The regional budgets of the years asked for, oldest first."""

    jaren: tuple[Jaarbegroting, ...]

    @property
    def signalen(self) -> list[Signaal]:
        return [s for j in self.jaren for s in j.signalen]

    def signalen_van(self, soort: str) -> list[Signaal]:
        return [s for s in self.signalen if s.soort == soort]

    def jaar(self, jaar: int) -> Jaarbegroting | None:
        return next((j for j in self.jaren if j.jaar == jaar), None)

    def totaal(self, veld: str) -> Decimal:
        """The sum over the years of one figure: 'begroting', 'toegekend', ..."""
        return sum((getattr(j, veld) for j in self.jaren), NUL)


# --- the API ----------------------------------------------------------------------------------


def regionale_begroting(gegevens: Gegevens, *, jaar: int | None = None) -> Regionaal:
    """The regional budget of every year recorded (or of ``jaar`` only). ``gegevens``
    holds the kinds in :data:`SOORTEN`."""
    context = _Context.of(gegevens)
    begrotingen = sorted(gegevens.of(Begroting), key=lambda b: (b.jaar, b.id))
    return Regionaal(
        tuple(_jaar(b, context) for b in begrotingen if jaar is None or b.jaar == jaar)
    )


def jaarbegroting(gegevens: Gegevens, jaar: int) -> Jaarbegroting | None:
    """The regional budget of one year; None when no budget of that year is recorded."""
    return regionale_begroting(gegevens, jaar=jaar).jaar(jaar)


# --- one year ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    regio: Regio | None
    organisaties: dict[str, Organisatie]
    projecten: dict[str, Project]
    besluiten: dict[str, Besluitinfo]

    @classmethod
    def of(cls, gegevens: Gegevens) -> _Context:
        return cls(
            next(iter(gegevens.of(Regio)), None),
            {o.id: o for o in gegevens.of(Organisatie)},
            {p.id: p for p in gegevens.of(Project)},
            besluiten(gegevens),
        )


def besluiten(gegevens: Gegevens) -> dict[str, Besluitinfo]:
    """Every recorded decision by number, with the body that took it."""
    overleggen = {o.id: o for o in gegevens.of(Overleg)}
    found: dict[str, Besluitinfo] = {}
    for v in gegevens.of(Vergadering):
        overleg = overleggen.get(v.overleg)
        for b in v.besluiten:
            found.setdefault(
                b.nummer,
                Besluitinfo(
                    b.nummer,
                    v.datum,
                    overleg.naam if overleg else v.overleg,
                    overleg is not None and overleg.soort == Overlegsoort.STUURGROEP,
                    b.uitkomst != Uitkomst.VERWORPEN,
                    b.tekst,
                ),
            )
    return found


def _jaar(b: Begroting, c: _Context) -> Jaarbegroting:
    bijdragen, verdeling = _bijdragen(b, c)
    begroting = b.totaal if b.totaal is not None else sum((r.bedrag for r in bijdragen), NUL)
    toekenningen = tuple(
        Toekenningsregel(
            t.project,
            _titel(t.project, c),
            _themas(t.project, c),
            t.bedrag,
            t.besluit,
            c.besluiten.get(t.besluit) if t.besluit else None,
            t.toelichting,
        )
        for t in b.toekenningen
    )
    projecten = _besteding(b, toekenningen, c)
    signalen = [
        *_bijdragesignalen(b, begroting, bijdragen),
        *_toekenningssignalen(b.jaar, toekenningen),
        *_realisatiesignalen(b, projecten, c),
    ]
    if sum((t.bedrag for t in toekenningen), NUL) > begroting:
        toegekend = sum((t.bedrag for t in toekenningen), NUL)
        signalen.append(
            Signaal(
                MEER_TOEGEKEND,
                b.jaar,
                toegekend - begroting,
                f"begroting {dutch.bedrag(begroting)}, toegekend {dutch.bedrag(toegekend)}",
            )
        )
    return Jaarbegroting(
        jaar=b.jaar,
        id=b.id,
        begroting=begroting,
        totaal_gegeven=b.totaal is not None,
        vastgesteld=b.vastgesteld,
        vastgesteld_info=c.besluiten.get(b.vastgesteld) if b.vastgesteld else None,
        verdeling=verdeling,
        bijdragen=bijdragen,
        toekenningen=toekenningen,
        projecten=projecten,
        per_thema=_per_thema(projecten, c),
        signalen=tuple(signalen),
        toelichting=b.toelichting,
    )


def _bijdragen(b: Begroting, c: _Context) -> tuple[tuple[Bijdrageregel, ...], Verdeling | None]:
    ingevoerd: dict[str, Begrotingsbijdrage] = {}
    for regel in b.bijdragen:
        ingevoerd.setdefault(regel.partner, regel)  # twice is a validation error; the first
    sleutel = None
    if b.verdeelsleutel is not None and c.regio is not None:
        sleutel = next((v for v in c.regio.verdeelsleutels if v.id == b.verdeelsleutel), None)
    verdeling = None
    volgens: dict[str, Decimal] = {}
    grondslag: dict[str, str] = {}
    if sleutel is not None and b.totaal is not None:
        volgens, verdeling = verdeel(b.totaal, sleutel, c.organisaties.values())
        for deel in sleutel.delen:
            for o in c.organisaties.values():
                if o.partner and o.soort == deel.soort:
                    grondslag.setdefault(o.id, deel.naar.value)
    elif b.verdeelsleutel is not None:
        verdeling = Verdeling(
            b.verdeelsleutel, b.verdeelsleutel, (), NUL, None, None, (), bekend=False
        )
    rest = verdeling.afronding if verdeling else NUL
    ontvanger = verdeling.ontvanger_id if verdeling else None
    regels = []
    for pid in [*volgens, *(p for p in ingevoerd if p not in volgens)]:
        org = c.organisaties.get(pid)
        invoer = ingevoerd.get(pid)
        naar = grondslag.get(pid)
        regels.append(
            Bijdrageregel(
                partner=pid,
                naam=org.naam if org else pid,
                soort=org.soort.value if org else "onbekend",
                volgens_sleutel=volgens.get(pid),
                ingevoerd=invoer.bedrag if invoer else None,
                status=invoer.status if invoer else None,
                grondslag=naar,
                aantal=aantal(org, naar) if org and naar else None,
                afronding=rest if pid == ontvanger else NUL,
                is_partner=org is not None and org.partner,
            )
        )
    regels.sort(key=lambda r: (SOORTVOLGORDE.get(r.soort, 99), r.naam.casefold(), r.partner))
    return tuple(regels), verdeling


def _bijdragesignalen(
    b: Begroting, begroting: Decimal, bijdragen: Sequence[Bijdrageregel]
) -> list[Signaal]:
    signalen = []
    for r in bijdragen:
        if r.ontbreekt:
            signalen.append(
                Signaal(
                    ONTBREKENDE_BIJDRAGE,
                    b.jaar,
                    r.bedrag,
                    f"{r.naam}: volgens de verdeelsleutel {dutch.bedrag(r.bedrag)}, "
                    "maar geen bijdrage vastgelegd",
                    partner=r.partner,
                )
            )
        elif r.volgens_sleutel is None and (b.verdeelsleutel is not None or not r.is_partner):
            reden = "geen partner van de samenwerking" if not r.is_partner else ""
            if b.verdeelsleutel is not None:
                reden = "hoort niet bij de verdeelsleutel" + (f" en is {reden}" if reden else "")
            status = r.status.value if r.status else ""
            signalen.append(
                Signaal(
                    AFWIJKENDE_BIJDRAGE,
                    b.jaar,
                    r.bedrag,
                    f"{r.naam}, {status}: {reden}",
                    partner=r.partner,
                )
            )
        elif r.volgens_sleutel is not None and r.ingevoerd not in (None, r.volgens_sleutel):
            assert r.ingevoerd is not None
            signalen.append(
                Signaal(
                    AFWIJKENDE_BIJDRAGE,
                    b.jaar,
                    abs(r.ingevoerd - r.volgens_sleutel),
                    f"{r.naam}: ingevuld {dutch.bedrag(r.ingevoerd)}, volgens de "
                    f"verdeelsleutel {dutch.bedrag(r.volgens_sleutel)}",
                    partner=r.partner,
                )
            )
    if b.totaal is not None and b.verdeelsleutel is None:
        som = sum((r.bedrag for r in bijdragen), NUL)
        if som < begroting:
            signalen.append(
                Signaal(
                    ONTBREKENDE_BIJDRAGE,
                    b.jaar,
                    begroting - som,
                    f"de bijdragen ({dutch.bedrag(som)}) dekken het totaal "
                    f"({dutch.bedrag(begroting)}) niet",
                )
            )
        elif som > begroting:
            signalen.append(
                Signaal(
                    AFWIJKENDE_BIJDRAGE,
                    b.jaar,
                    som - begroting,
                    f"de bijdragen ({dutch.bedrag(som)}) zijn samen meer dan het totaal "
                    f"({dutch.bedrag(begroting)})",
                )
            )
    return signalen


def _toekenningssignalen(jaar: int, toekenningen: Sequence[Toekenningsregel]) -> list[Signaal]:
    signalen = []
    for t in toekenningen:
        info = t.besluitinfo
        if t.besluit is None:
            reden = "geen besluit vermeld"
        elif info is None:
            reden = f"besluit {t.besluit} staat bij geen enkele vergadering"
        elif not info.stuurgroep:
            reden = f"besluit {t.besluit} is van {_lidwoord(info.overleg)}, niet van de stuurgroep"
        elif not info.aangenomen:
            reden = f"besluit {t.besluit} is niet aangenomen"
        else:
            continue
        signalen.append(
            Signaal(ZONDER_BESLUIT, jaar, t.bedrag, f"{t.titel}: {reden}", project=t.project)
        )
    return signalen


def _besteding(
    b: Begroting, toekenningen: Sequence[Toekenningsregel], c: _Context
) -> tuple[Projectbesteding, ...]:
    toegekend: dict[str, Decimal] = defaultdict(Decimal)
    gerealiseerd: dict[str, Decimal] = defaultdict(Decimal)
    besluiten: dict[str, list[str]] = defaultdict(list)
    for t in toekenningen:
        toegekend[t.project] += t.bedrag
        if t.besluit and t.besluit not in besluiten[t.project]:
            besluiten[t.project].append(t.besluit)
    for r in b.realisatie:
        gerealiseerd[r.project] += r.bedrag
    ids = list(dict.fromkeys([*toegekend, *gerealiseerd]))
    regels = [
        Projectbesteding(
            pid,
            _titel(pid, c),
            _themas(pid, c),
            toegekend.get(pid, NUL),
            gerealiseerd.get(pid, NUL),
            c.projecten[pid].periode.eind if pid in c.projecten else None,
            tuple(besluiten.get(pid, ())),
        )
        for pid in ids
    ]
    return tuple(sorted(regels, key=lambda r: (r.titel.casefold(), r.project)))


def _realisatiesignalen(
    b: Begroting, projecten: Sequence[Projectbesteding], c: _Context
) -> list[Signaal]:
    signalen = []
    for p in projecten:
        if p.gerealiseerd > p.toegekend:
            signalen.append(
                Signaal(
                    OVERSCHRIJDING,
                    b.jaar,
                    p.gerealiseerd - p.toegekend,
                    f"{p.titel}: toegekend {dutch.bedrag(p.toegekend)}, gerealiseerd "
                    f"{dutch.bedrag(p.gerealiseerd)}",
                    project=p.project,
                )
            )
    na: dict[str, list[tuple[Decimal, dt.date | None]]] = defaultdict(list)
    for r in b.realisatie:
        project = c.projecten.get(r.project)
        if project is None:
            continue
        eind = project.periode.eind
        if (r.datum is not None and r.datum > eind) or (r.datum is None and b.jaar > eind.year):
            na[r.project].append((r.bedrag, r.datum))
    for pid, regels in na.items():
        eind = c.projecten[pid].periode.eind
        standen = sorted(d for _, d in regels if d is not None)
        stand = f" (stand {dutch.datum(standen[-1])})" if standen else ""
        signalen.append(
            Signaal(
                NA_LOOPTIJD,
                b.jaar,
                sum((bedrag for bedrag, _ in regels), NUL),
                f"{_titel(pid, c)}: looptijd tot en met {dutch.datum(eind)}{stand}",
                project=pid,
            )
        )
    return signalen


def _per_thema(projecten: Sequence[Projectbesteding], c: _Context) -> tuple[Themaregel, ...]:
    namen = {t.id: t.naam for t in c.regio.themas} if c.regio else {}
    per: dict[str, list[Projectbesteding]] = {t: [] for t in namen}
    for p in projecten:
        for t in p.themas:
            per.setdefault(t, []).append(p)
    return tuple(
        Themaregel(
            t,
            namen.get(t, t),
            len(ps),
            sum((p.toegekend for p in ps), NUL),
            sum((p.gerealiseerd for p in ps), NUL),
        )
        for t, ps in per.items()
    )


# --- small helpers ------------------------------------------------------------------------------


def _titel(project: str, c: _Context) -> str:
    found = c.projecten.get(project)
    return found.titel if found else project


def _themas(project: str, c: _Context) -> tuple[str, ...]:
    found = c.projecten.get(project)
    return tuple(found.themas) if found else ()


def _lidwoord(overleg: str) -> str:
    """'het Clustercoördinatorenoverleg': a body by its name, with its article."""
    return overleg if overleg.lower().startswith(("de ", "het ")) else f"het {overleg}"


def per_project(r: Regionaal) -> Mapping[str, list[tuple[int, Projectbesteding]]]:
    """Per project its allocations and spending, by year: for the project's own pages."""
    found: dict[str, list[tuple[int, Projectbesteding]]] = defaultdict(list)
    for j in r.jaren:
        for p in j.projecten:
            found[p.project].append((j.jaar, p))
    return found
