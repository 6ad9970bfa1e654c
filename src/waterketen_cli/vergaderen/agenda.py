"""Assembling the agenda of a new meeting, the way the chair and the secretary would.

Order: the standing items that open the meeting (opening, verslag, ingekomen stukken,
mededelingen), the standing substantive items (activiteitenoverzicht, communicatie),
then what is new: items held over at the previous meeting, agenda proposals for this
body, projects waiting for its decision; last the closing standing items (rondvraag,
sluiting).

When not everything fits (the meeting ends before midnight, and within its usual
duration: ``--duur``, the planned meeting's own length or the ``ritme`` of the body),
the standing items, the held-over items and the CCO's concept agenda for the stuurgroep
always come; the proposals come in the order of who needs a decision first
(``_passend``), and what does not fit waits for a later meeting, unchanged. Only when
the fixed part alone (or ``--duur``) runs past midnight is the meeting refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from waterketen_cli import dutch
from waterketen_cli.errors import GebruiksFout, WaterketenError
from waterketen_cli.models.records import (
    Agendapunt,
    Agendavoorstel,
    Overleg,
    Project,
    Stuk,
    VastAgendapunt,
    Vergadering,
    Voorstel,
)
from waterketen_cli.models.types import (
    Behandelvorm,
    Overlegsoort,
    Projectstatus,
    Rol,
    Uitkomst,
    VastPunt,
    Vergaderstatus,
    Voorstelstatus,
)
from waterketen_cli.records.dataset import Gegevens, soort_of

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Recordwijziging, Schrijfplan
from waterketen_cli.vergaderen import lookup

_OPENING = (VastPunt.OPENING, VastPunt.VERSLAG, VastPunt.INGEKOMEN_STUKKEN, VastPunt.MEDEDELINGEN)
_VAST_INHOUD = (VastPunt.ACTIVITEITENOVERZICHT, VastPunt.COMMUNICATIE)
_SLUITING = (VastPunt.RONDVRAAG, VastPunt.SLUITING)
_ORDER = {soort: i for i, soort in enumerate((*_OPENING, *_VAST_INHOUD, *_SLUITING))}


@dataclass(frozen=True)
class Wachtend:
    """A proposal that is not put on the agenda yet, and why."""

    voorstel: Agendavoorstel
    reden: str


@dataclass(frozen=True)
class Uitgesteld:
    """A proposal that no longer fits in the meeting: it waits for a later one (an
    agendavoorstel stays 'ingediend', a project stays 'voorstel')."""

    punt: Agendapunt  # the item as it would have been on the agenda
    voorstel: Agendavoorstel | None  # None: a project proposal (punt.project)
    uiterlijk: dt.date  # when a decision is needed: the order in which proposals go


@dataclass(frozen=True)
class Agendaplan:
    """A new meeting and the proposals that it puts on the agenda."""

    vergadering: Vergadering
    voorstellen: list[Agendavoorstel]
    vorige: Vergadering | None
    wachtend: list[Wachtend] = field(default_factory=list)
    #: The planned meeting (``agenda plan``) whose concept agenda this is, if any: its
    #: record is filled in rather than a new one made.
    gepland: Vergadering | None = None
    #: The proposals that did not fit, in the order in which they would have come.
    uitgesteld: list[Uitgesteld] = field(default_factory=list)
    #: What limited the meeting, as the user reads it ("vóór middernacht").
    grens: str = ""


def find_body(gegevens: Gegevens, overleg_id: str) -> Overleg:
    return lookup.record(gegevens, Overleg, overleg_id, optie="--overleg")


def default_body(gegevens: Gegevens) -> str:
    for overleg in gegevens.of(Overleg):
        if overleg.soort == Overlegsoort.CLUSTERCOORDINATORENOVERLEG:
            return overleg.id
    raise WaterketenError(
        "er is geen clustercoördinatorenoverleg in de gegevens",
        hint="kies een overleg met --overleg",
    )


def is_gepland(vergadering: Vergadering) -> bool:
    """A planned meeting (``waterketen agenda plan``): a concept without agenda or
    decisions, which ``agenda new`` may fill in."""
    return (
        vergadering.status == Vergaderstatus.CONCEPT
        and not vergadering.agenda
        and not vergadering.besluiten
    )


def previous_meeting(gegevens: Gegevens, overleg_id: str, datum: dt.date) -> Vergadering | None:
    earlier = [
        v
        for v in gegevens.of(Vergadering, mogelijk=lambda d: d.get("overleg") == overleg_id)
        if v.overleg == overleg_id and v.datum < datum and v.status != Vergaderstatus.GEANNULEERD
    ]
    return max(earlier, key=lambda v: v.datum, default=None)


def _presenter(overleg: Overleg, soort: VastPunt) -> str:
    """Who leads a standing item: the chair runs the meeting, the secretary brings the
    papers, the communications adviser (if the body has one) the communication item."""
    if soort == VastPunt.COMMUNICATIE:
        adviser = next(
            (lid.persoon for lid in overleg.leden if lid.rol == Rol.COMMUNICATIEADVISEUR), None
        )
        return adviser or overleg.secretaris
    if soort in (VastPunt.VERSLAG, VastPunt.INGEKOMEN_STUKKEN, VastPunt.ACTIVITEITENOVERZICHT):
        return overleg.secretaris
    return overleg.voorzitter


def _standing(overleg: Overleg, punt: VastAgendapunt, vorige: Vergadering | None) -> Agendapunt:
    stukken: list[Stuk] = []
    if punt.soort == VastPunt.VERSLAG and vorige is not None:
        # A body of bestuurders keeps a besluitenlijst; the others an actielijst.
        lijst = "Besluitenlijst" if overleg.soort == Overlegsoort.STUURGROEP else "Actielijst"
        stukken = [
            Stuk(titel=f"Concept-verslag van {dutch.datum(vorige.datum)}"),
            Stuk(titel=f"{lijst} van {dutch.datum(vorige.datum)}"),
        ]
    if punt.soort == VastPunt.ACTIVITEITENOVERZICHT:
        stukken = [Stuk(titel="Activiteitenoverzicht van alle clusters")]
    return Agendapunt(
        titel=punt.titel,
        soort=punt.soort,
        behandelvorm=punt.behandelvorm,
        presentator=_presenter(overleg, punt.soort),
        duur=punt.duur,
        stukken=stukken,
    )


def _held_over(vorige: Vergadering | None) -> list[Agendapunt]:
    if vorige is None:
        return []
    return [
        p.model_copy(
            update={
                "afhandeling": None,
                "verslag": None,  # the report of the previous meeting stays there
                "toelichting": f"Aangehouden in de vergadering van {dutch.datum(vorige.datum)}."
                + (f" {p.toelichting}" if p.toelichting else ""),
            }
        )
        for p in vorige.agenda
        if p.afhandeling is not None and p.afhandeling.value == "aangehouden" and p.soort is None
    ]


def _proposals(
    gegevens: Gegevens, overleg_id: str, vergadering_id: str
) -> tuple[list[Agendavoorstel], list[Wachtend]]:
    """The proposals for this meeting; and those that wait: a proposal to decide on
    that another body prepared (the CCO for the stuurgroep) comes on the agenda only
    once that body's advising decision is recorded."""
    ready: list[Agendavoorstel] = []
    waiting: list[Wachtend] = []
    for v in gegevens.of(Agendavoorstel):
        if not (
            v.overleg == overleg_id
            and v.status == Voorstelstatus.INGEDIEND
            and v.vergadering in (None, vergadering_id)
        ):
            continue
        reden = _waits_for_advice(gegevens, v)
        if reden is None:
            ready.append(v)
        else:
            waiting.append(Wachtend(v, reden))
    return ready, waiting


def _waits_for_advice(gegevens: Gegevens, voorstel: Agendavoorstel) -> str | None:
    """Why a prepared proposal to decide on cannot come on the agenda yet, or None."""
    if voorstel.voorbereid_in is None or voorstel.behandelvorm != Behandelvorm.BESLUITVORMING:
        return None
    bron = gegevens.get(Vergadering, voorstel.voorbereid_in)
    aanbieding = voorstel.voorstel.aanbieding if voorstel.voorstel else None
    besluit = aanbieding.advies_besluit if aanbieding else None
    waar = f"vergadering {voorstel.voorbereid_in}"
    if besluit is None:
        return f"wacht op het advies uit {waar}: er is geen adviesbesluit (advies_besluit)"
    genomen = next((b for b in bron.besluiten if b.nummer == besluit), None) if bron else None
    if genomen is None:
        return f"wacht op het advies uit {waar}: besluit {besluit} is daar niet vastgelegd"
    if genomen.uitkomst == Uitkomst.VERWORPEN:
        return (
            f"het advies in besluit {besluit} is niet aangenomen; pas het voorstel aan of "
            "trek het in"
        )
    return None


def _from_proposal(voorstel: Agendavoorstel) -> Agendapunt:
    return Agendapunt(
        titel=voorstel.titel,
        behandelvorm=voorstel.behandelvorm,
        presentator=voorstel.presentator or voorstel.indiener,
        duur=voorstel.duur,
        stukken=voorstel.stukken,
        vertrouwelijk=voorstel.vertrouwelijk,
        project=voorstel.project,
        agendaleden=voorstel.agendaleden,
        toelichting=voorstel.toelichting,
        voorstel=voorstel.voorstel,
    )


def _waiting_projects(
    gegevens: Gegevens, overleg: Overleg, vandaag: dt.date, covered: set[str]
) -> list[Agendapunt]:
    """Projects with status 'voorstel' that this body decides on and that are not
    already on the agenda of a meeting still to come."""
    # Meetings from today (an ISO date compares as its text) and project proposals.
    komend = vandaag.isoformat()
    planned = {
        p.project
        for v in gegevens.of(Vergadering, mogelijk=lambda d: str(d.get("datum")) >= komend)
        if v.datum >= vandaag and v.status != Vergaderstatus.GEANNULEERD
        for p in v.agenda
        if p.project
    }
    default = overleg.soort == Overlegsoort.CLUSTERCOORDINATORENOVERLEG
    items = []
    for project in gegevens.of(
        Project, mogelijk=lambda d: d.get("status") == Projectstatus.VOORSTEL.value
    ):
        decides = project.besluitvorming == overleg.id or (
            project.besluitvorming is None and default
        )
        if project.status != Projectstatus.VOORSTEL or not decides:
            continue
        if project.id in covered or project.id in planned:
            continue
        items.append(
            Agendapunt(
                titel=f"Projectvoorstel: {project.titel}",
                behandelvorm=Behandelvorm.BESLUITVORMING,
                presentator=project.trekker,
                duur=20,
                # Made from the record when the agenda goes out; no file to point at yet.
                stukken=[
                    Stuk(
                        titel=f"Projectplan {project.titel} (waterketen project plan {project.id})"
                    )
                ],
                project=project.id,
                voorstel=project.voorstel or _goedkeuren(project),
            )
        )
    return items


def _goedkeuren(project: Project) -> Voorstel:
    """The proposal a project proposal brings when it names none of its own."""
    return Voorstel(beslispunten=[f"In te stemmen met het projectvoorstel {project.titel}."])


def plan(
    gegevens: Gegevens,
    overleg_id: str,
    datum: dt.date,
    *,
    vandaag: dt.date,
    begintijd: dt.time | None = None,
    duur: int | None = None,
    locatie: str | None = None,
    toch: bool = False,
) -> Agendaplan:
    """The next meeting of a body with its concept agenda (nothing is written)."""
    overleg = find_body(gegevens, overleg_id)
    vergadering_id = f"{overleg.id}-{datum.isoformat()}"
    gepland = gegevens.get(Vergadering, vergadering_id)
    if (gepland is not None and not is_gepland(gepland)) or (
        gepland is None and gegevens.path_exists("vergadering", vergadering_id)
    ):
        raise WaterketenError(
            f"er is al een vergadering van {overleg.naam} op {dutch.datum(datum)} "
            f"({vergadering_id})",
            hint="kies een andere datum of bewerk de bestaande vergadering (alleen een "
            "geplande vergadering zonder agenda vult agenda new zelf in)",
        )
    if datum < vandaag and not toch:
        raise WaterketenError(
            f"{dutch.datum(datum)} ligt in het verleden",
            hint="gebruik --toch om toch een vergadering in het verleden vast te leggen",
        )
    # A planned meeting keeps its time and place unless others are asked for.
    start = begintijd or (gepland.begintijd if gepland else overleg.begintijd)
    if start is None:
        raise GebruiksFout(
            f"overleg '{overleg.id}' heeft geen vaste begintijd",
            hint="geef de tijd op met --tijd 13:30",
        )
    plaats = locatie or (gepland.locatie if gepland else overleg.locatie)
    if plaats is None:
        raise GebruiksFout(
            f"overleg '{overleg.id}' heeft geen vaste vergaderplaats",
            hint="geef de plaats op met --plaats",
        )
    vorige = previous_meeting(gegevens, overleg.id, datum)
    vast = sorted(overleg.vaste_agendapunten, key=lambda p: _ORDER[p.soort])
    voorstellen, wachtend = _proposals(gegevens, overleg.id, vergadering_id)
    covered = {v.project for v in voorstellen if v.project}
    aangehouden = _held_over(vorige)
    projecten = _waiting_projects(
        gegevens, overleg, vandaag, covered | {p.project for p in aangehouden if p.project}
    )
    taak: list[Agendapunt] = []
    if overleg.soort == Overlegsoort.CLUSTERCOORDINATORENOVERLEG:
        # The CCO draws up the stuurgroep's concept agenda (the source document).
        from waterketen_cli.vergaderen.stuurgroep import concept_agenda_punt, volgende_stuurgroep

        stuurgroep = volgende_stuurgroep(gegevens, overleg, datum)
        if stuurgroep is not None:
            punt = concept_agenda_punt(overleg, stuurgroep)
            al = any(  # settled once: never on two CCO agendas
                p.titel == punt.titel
                for v in gegevens.of(Vergadering, mogelijk=lambda d: d.get("overleg") == overleg.id)
                if v.overleg == overleg.id and v.status != Vergaderstatus.GEANNULEERD
                for p in v.agenda
            )
            if not al:
                taak.append(punt)
    opening = [_standing(overleg, p, vorige) for p in vast if p.soort not in _SLUITING]
    sluiting = [_standing(overleg, p, vorige) for p in vast if p.soort in _SLUITING]
    # What always comes: nothing else would bring it back to a later meeting.
    vaste_minuten = sum(p.duur for p in (*opening, *aangehouden, *taak, *sluiting))
    kandidaten = [
        *(_Kandidaat(_from_proposal(v), v, datum) for v in voorstellen),
        *(_Kandidaat(p, None, _project_begin(gegevens, p, datum)) for p in projecten),
    ]
    ruimte, grens = _ruimte(datum, start, overleg, gepland, duur)
    gekozen, later = _passend(kandidaten, ruimte - vaste_minuten)
    agenda = [
        *opening,
        *aangehouden,
        *(k.punt for i, k in enumerate(kandidaten) if i in gekozen),
        *taak,
        *sluiting,
    ]
    voorstellen = [
        k.voorstel for i, k in enumerate(kandidaten) if i in gekozen and k.voorstel is not None
    ]
    uitgesteld = [
        Uitgesteld(kandidaten[i].punt, kandidaten[i].voorstel, kandidaten[i].uiterlijk)
        for i in later
    ]
    minuten = duur if duur is not None else sum(p.duur for p in agenda)
    einde = dt.datetime.combine(datum, start) + dt.timedelta(minutes=minuten)
    if gepland is not None and duur is None and begintijd is None:
        # The invitation in people's calendars keeps its end, unless the agenda needs more.
        einde = max(einde, dt.datetime.combine(datum, gepland.eindtijd))
    if einde.date() != datum:
        raise GebruiksFout(
            "de vergadering loopt door na middernacht", hint="kort de agenda of de duur in"
        )
    vergadering = Vergadering(
        id=vergadering_id,
        overleg=overleg.id,
        datum=datum,
        begintijd=start,
        eindtijd=einde.time(),
        locatie=plaats,
        status=Vergaderstatus.CONCEPT,
        agenda=agenda,
    )
    if gepland is not None:  # what else the planned record holds stays
        vergadering = gepland.model_copy(
            update={
                "begintijd": start,
                "eindtijd": einde.time(),
                "locatie": plaats,
                "agenda": agenda,
            }
        )
    return Agendaplan(
        vergadering, voorstellen, vorige, wachtend, gepland, uitgesteld=uitgesteld, grens=grens
    )


@dataclass(frozen=True)
class _Kandidaat:
    """A proposal that may come on the agenda, if it fits."""

    punt: Agendapunt
    voorstel: Agendavoorstel | None  # None: a project proposal
    uiterlijk: dt.date


def _project_begin(gegevens: Gegevens, punt: Agendapunt, datum: dt.date) -> dt.date:
    """A project proposal needs its decision before the project begins."""
    project = gegevens.get(Project, punt.project)
    return project.periode.begin if project is not None else datum


def _ruimte(
    datum: dt.date,
    start: dt.time,
    overleg: Overleg,
    gepland: Vergadering | None,
    duur: int | None,
) -> tuple[int, str]:
    """How many minutes the meeting may take, and what sets that, as the user reads it:
    it ends before midnight, and within ``--duur``, else the planned meeting's own
    length, else the usual duration in the body's ``ritme`` (when there is one)."""
    begin = dt.datetime.combine(datum, start)
    seconden = int(
        (dt.datetime.combine(datum + dt.timedelta(days=1), dt.time()) - begin).total_seconds()
    )
    middernacht = -(-seconden // 60) - 1  # the last minute that still ends on the day
    gewoon: tuple[int, str] | None = None
    if duur is not None:
        gewoon = (duur, f"binnen de {duur} minuten van --duur")
    elif gepland is not None and gepland.eindtijd > gepland.begintijd:
        lengte = dt.datetime.combine(datum, gepland.eindtijd) - dt.datetime.combine(
            datum, gepland.begintijd
        )
        minuten = int(lengte.total_seconds()) // 60
        gewoon = (minuten, f"binnen de geplande {minuten} minuten")
    elif overleg.ritme is not None:
        minuten = overleg.ritme.duur
        gewoon = (minuten, f"binnen de gebruikelijke {minuten} minuten (het ritme van het overleg)")
    if gewoon is not None and gewoon[0] <= middernacht:
        return gewoon
    return middernacht, "vóór middernacht"


def _passend(kandidaten: list[_Kandidaat], minuten: int) -> tuple[set[int], list[int]]:
    """Which proposals fit in the minutes left (their positions), and which wait, in the
    order in which they go: who needs a decision first (an agendavoorstel at this
    meeting, a project before it begins), on the same day agendavoorstellen before
    projects, then in file order. A proposal that no longer fits waits; a shorter one
    after it may still fit."""
    volgorde = sorted(
        range(len(kandidaten)),
        key=lambda i: (kandidaten[i].uiterlijk, kandidaten[i].voorstel is None),
    )
    gekozen: set[int] = set()
    wacht: list[int] = []
    for i in volgorde:
        if kandidaten[i].punt.duur <= minuten:
            gekozen.add(i)
            minuten -= kandidaten[i].punt.duur
        else:
            wacht.append(i)
    return gekozen, wacht


def schrijfplan(gegevens: Gegevens, agendaplan: Agendaplan) -> Schrijfplan:
    """The new meeting record, and the proposals it takes marked 'geagendeerd'."""
    from waterketen_cli.records.plan import Schrijfplan, nieuw_record, wijzig_record

    vergadering = agendaplan.vergadering
    soort = soort_of(Vergadering)
    if agendaplan.gepland is not None:
        plan = Schrijfplan.van(
            gegevens, f"Vergadering {vergadering.id}: concept-agenda bij de geplande vergadering"
        )
        plan.records.append(_vul_in(gegevens, vergadering))
    else:
        plan = Schrijfplan.van(
            gegevens, f"Vergadering {vergadering.id} aangemaakt met concept-agenda"
        )
        kop = ["Aangemaakt met 'waterketen agenda new'; concept-agenda, vul aan waar nodig."]
        overleg = gegevens.get(Overleg, vergadering.overleg)
        if overleg is not None and overleg.soort == Overlegsoort.THEMABIJEENKOMST:
            from waterketen_cli.vergaderen.thema import NIEUW

            kop += NIEUW  # how to add the theme, the programme and the registrations
        plan.records.append(
            nieuw_record(gegevens.path(soort, vergadering.id), soort, vergadering, header=kop)
        )
    voorstel_soort = soort_of(Agendavoorstel)

    def agendeer(doc: Any) -> None:
        doc["status"] = Voorstelstatus.GEAGENDEERD.value
        doc["vergadering"] = vergadering.id

    plan.records += [
        wijzig_record(gegevens.paden[(voorstel_soort.naam, v.id)], voorstel_soort, agendeer)
        for v in agendaplan.voorstellen
    ]
    return plan


def _vul_in(gegevens: Gegevens, vergadering: Vergadering) -> Recordwijziging:
    """The planned meeting's record with the concept agenda, times and place put in;
    its comments and everything else stay."""
    from waterketen_cli.records import writer
    from waterketen_cli.records.plan import wijzig_record

    soort = soort_of(Vergadering)
    nieuw = writer.record_data(vergadering)

    def vul_in(doc: Any) -> None:
        for veld in ("begintijd", "eindtijd", "locatie", "agenda"):
            writer.put(doc, veld, nieuw[veld], Vergadering.model_fields)

    return wijzig_record(gegevens.paden[(soort.naam, vergadering.id)], soort, vul_in)
