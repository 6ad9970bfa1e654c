"""The actions: the action list (open and overdue actions, as a table, JSON or
document) and closing actions, with the one way an action is closed (``zet_afgerond``).
Not the decision register: that is ``vergaderen.besluiten``.

Pure functions of the records: the commands in ``cli.acties`` load the data, write
the changes through ``records.writer`` and render what these functions return.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from waterketen_cli import dutch
from waterketen_cli.errors import WaterketenError
from waterketen_cli.findings import suggest
from waterketen_cli.models.base import Record
from waterketen_cli.models.records import (
    Actie,
    Cluster,
    Overleg,
    Persoon,
    Vergadering,
)
from waterketen_cli.models.types import Actiestatus
from waterketen_cli.records.dataset import Gegevens, soort_of

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Schrijfplan
from waterketen_cli.vergaderen import lookup

#: The kinds of record the action list reads.
ACTIE_SOORTEN = ("actie", "vergadering", "persoon", "cluster", "overleg")

_DATUM_IN_ID = re.compile(r"-\d{4}-\d{2}-\d{2}$")


def bekend(gegevens: Gegevens, model: type[Record], waarde: str | None, optie: str) -> None:
    """Refuse a filter value that names no record of this kind (exit 2, with a guess)."""
    if waarde is not None:
        lookup.record(gegevens, model, waarde, optie=optie)


# --- de actielijst -------------------------------------------------------------------


@dataclass(frozen=True)
class ActieFilter:
    """Which actions to list. ``statussen`` empty means every status."""

    statussen: frozenset[Actiestatus] = frozenset({Actiestatus.OPEN})
    actiehouder: str | None = None
    cluster: str | None = None
    overleg: str | None = None
    verlopen: bool = False


@dataclass(frozen=True)
class Actieregel:
    """An action with what the list shows next to it."""

    actie: Actie
    actiehouder: str  # the person's name; the id when the person is unknown
    overleg: str | None
    verlopen: bool

    @property
    def herkomst(self) -> str:
        """Where the action was agreed: 'cco-2026-04-07, punt 5'."""
        if self.actie.vergadering is None:
            return ""
        if self.actie.agendapunt is None:
            return self.actie.vergadering
        return f"{self.actie.vergadering}, punt {self.actie.agendapunt}"


def is_verlopen(actie: Actie, vandaag: dt.date) -> bool:
    """Open and past its deadline (the same rule as the check ``actie-verlopen``)."""
    return actie.status == Actiestatus.OPEN and actie.deadline < vandaag


def overleg_van(gegevens: Gegevens, vergadering_id: str | None) -> str | None:
    """The body a meeting belongs to; from its id when the meeting record is missing."""
    if vergadering_id is None:
        return None
    vergadering = gegevens.get(Vergadering, vergadering_id)
    if vergadering is not None:
        return vergadering.overleg
    return _DATUM_IN_ID.sub("", vergadering_id)


def eigen_organisaties(gegevens: Gegevens, cluster_id: str) -> set[str]:
    """The organisations that belong to this cluster and to no other one.

    A gemeente is in exactly one cluster; a waterschap or waterbedrijf is usually in
    several, and its staff (the waterregisseur, for one) work for the whole region:
    counting them would put most of the regional actions under every cluster.
    """
    per_cluster = {
        c.id: {*c.gemeenten, *c.waterschappen, *c.waterbedrijven} for c in gegevens.of(Cluster)
    }
    eigen = set(per_cluster.get(cluster_id, set()))
    for other, organisaties in per_cluster.items():
        if other != cluster_id:
            eigen -= organisaties
    return eigen


def in_cluster(actie: Actie, persoon: Persoon | None, cluster_id: str, eigen: set[str]) -> bool:
    """An action belongs to a cluster when it names the cluster, or when its owner works
    for an organisation of that cluster alone (see :func:`eigen_organisaties`)."""
    return actie.cluster == cluster_id or (persoon is not None and persoon.organisatie in eigen)


def acties(gegevens: Gegevens, selectie: ActieFilter, vandaag: dt.date) -> list[Actieregel]:
    """The actions that pass the filter, by deadline and then id."""
    bekend(gegevens, Persoon, selectie.actiehouder, "--actiehouder")
    bekend(gegevens, Cluster, selectie.cluster, "--cluster")
    bekend(gegevens, Overleg, selectie.overleg, "--overleg")
    eigen = eigen_organisaties(gegevens, selectie.cluster) if selectie.cluster else set()
    regels = []
    for actie in gegevens.of(Actie):
        verlopen = is_verlopen(actie, vandaag)
        persoon = gegevens.get(Persoon, actie.actiehouder)
        overleg = overleg_van(gegevens, actie.vergadering)
        if selectie.statussen and actie.status not in selectie.statussen:
            continue
        if selectie.verlopen and not verlopen:
            continue
        if selectie.actiehouder and actie.actiehouder != selectie.actiehouder:
            continue
        if selectie.cluster and not in_cluster(actie, persoon, selectie.cluster, eigen):
            continue
        if selectie.overleg and overleg != selectie.overleg:
            continue
        naam = persoon.naam if persoon is not None else actie.actiehouder
        regels.append(Actieregel(actie, naam, overleg, verlopen))
    regels.sort(key=lambda r: (r.actie.deadline, r.actie.id))
    return regels


def actie_samenvatting(regels: Sequence[Actieregel], selectie: ActieFilter) -> str:
    """'9 open acties, waarvan 3 verlopen.' or, over several statuses,
    '35 acties: 9 open (waarvan 3 verlopen), 25 afgerond, 1 vervallen.'"""
    per_status = {s: sum(1 for r in regels if r.actie.status == s) for s in Actiestatus}
    verlopen = sum(1 for r in regels if r.verlopen)
    waarvan = f", waarvan {verlopen} verlopen" if verlopen else ""
    if len(selectie.statussen) == 1:
        (status,) = selectie.statussen
        n = per_status[status]
        if status == Actiestatus.OPEN:
            return f"{dutch.aantal(n, 'open actie', 'open acties')}{waarvan}."
        if status == Actiestatus.AFGEROND:
            return f"{dutch.aantal(n, 'afgeronde actie', 'afgeronde acties')}."
        return f"{dutch.aantal(n, 'vervallen actie', 'vervallen acties')}."
    delen = []
    for status, n in per_status.items():
        if n:
            extra = (
                f" (waarvan {verlopen} verlopen)" if status == Actiestatus.OPEN and verlopen else ""
            )
            delen.append(f"{n} {status.value}{extra}")
    totaal = dutch.aantal(len(regels), "actie", "acties")
    return f"{totaal}: {', '.join(delen)}." if delen else f"{totaal}."


def actie_json(regels: Sequence[Actieregel], vandaag: dt.date) -> dict[str, Any]:
    """The action list for machines: ids and ISO dates, nothing formatted."""
    return {
        "vandaag": vandaag.isoformat(),
        "aantal": len(regels),
        "verlopen": sum(1 for r in regels if r.verlopen),
        "acties": [
            {
                "id": r.actie.id,
                "omschrijving": r.actie.omschrijving,
                "actiehouder": r.actie.actiehouder,
                "actiehouder_naam": r.actiehouder,
                "deadline": r.actie.deadline.isoformat(),
                "status": r.actie.status.value,
                "verlopen": r.verlopen,
                "afgerond_op": r.actie.afgerond_op.isoformat() if r.actie.afgerond_op else None,
                "overleg": r.overleg,
                "vergadering": r.actie.vergadering,
                "agendapunt": r.actie.agendapunt,
                "cluster": r.actie.cluster,
                "project": r.actie.project,
                "toelichting": r.actie.toelichting,
            }
            for r in regels
        ],
    }


def actielijst_context(
    gegevens: Gegevens, regels: Sequence[Actieregel], selectie: ActieFilter, vandaag: dt.date
) -> dict[str, Any]:
    """Everything ``actielijst.md.j2`` shows: the selected actions with their stand van
    zaken (as the minutes show it), the overdue ones flagged."""
    from waterketen_cli.models.records import Regio
    from waterketen_cli.vergaderen.verslag import stand

    regio = next(iter(gegevens.of(Regio)), None)
    rijen = []
    for regel in regels:
        woorden, verlopen = stand(regel.actie, vandaag)
        rijen.append({"regel": regel, "stand": woorden, "verlopen": verlopen})
    return {
        "regio": regio.naam if regio is not None else None,
        "vandaag": vandaag,
        "samenvatting": actie_samenvatting(regels, selectie),
        "rijen": rijen,
    }


# --- acties afronden -----------------------------------------------------------------


@dataclass(frozen=True)
class Bezwaar:
    """Why one action cannot be closed."""

    bericht: str
    hint: str | None = None


class AfrondenGeweigerd(WaterketenError):
    """One or more actions cannot be closed; nothing is written."""

    def __init__(self, bezwaren: Sequence[Bezwaar]) -> None:
        super().__init__(bezwaren[0].bericht, hint=bezwaren[0].hint)
        self.bezwaren = list(bezwaren)


@dataclass(frozen=True)
class Afronding:
    """One action to close."""

    actie: Actie
    op: dt.date
    toelichting: str | None = None


def afrondingen(
    gegevens: Gegevens,
    ids: Iterable[str],
    op: dt.date,
    vandaag: dt.date,
    toelichting: str | None = None,
) -> list[Afronding]:
    """Check every id before anything is written; refuse the lot if one is wrong."""
    result: list[Afronding] = []
    bezwaren: list[Bezwaar] = []
    if op > vandaag:
        bezwaren.append(
            Bezwaar(
                f"de afronddatum {dutch.datum(op)} ligt in de toekomst",
                f"kies met --op een datum tot en met vandaag ({dutch.datum(vandaag)})",
            )
        )
    bestaand = [a.id for a in gegevens.of(Actie)]
    for actie_id in dict.fromkeys(ids):
        actie = gegevens.get(Actie, actie_id)
        if actie is None:
            bezwaren.append(_onbekend(gegevens, actie_id, bestaand))
            continue
        if actie.status == Actiestatus.AFGEROND:
            wanneer = f" (op {dutch.datum(actie.afgerond_op)})" if actie.afgerond_op else ""
            bezwaren.append(Bezwaar(f"actie {actie_id} is al afgerond{wanneer}"))
            continue
        if actie.status == Actiestatus.VERVALLEN:
            bezwaren.append(
                Bezwaar(
                    f"actie {actie_id} is vervallen en kan niet worden afgerond",
                    "zet eerst met de hand 'status: open' als de actie toch is uitgevoerd",
                )
            )
            continue
        vergadering = gegevens.get(Vergadering, actie.vergadering)
        if vergadering is not None and op < vergadering.datum:
            bezwaren.append(
                Bezwaar(
                    f"actie {actie_id} kan niet op {dutch.datum(op)} zijn afgerond: "
                    f"ze is afgesproken in de vergadering van {dutch.datum(vergadering.datum)}",
                    f"kies met --op een datum vanaf {dutch.datum(vergadering.datum)}",
                )
            )
            continue
        result.append(Afronding(actie, op, toelichting))
    if bezwaren:
        raise AfrondenGeweigerd(bezwaren)
    return result


def _onbekend(gegevens: Gegevens, actie_id: str, bestaand: list[str]) -> Bezwaar:
    soort = soort_of(Actie)
    kapot = next((p for p in gegevens.overgeslagen if p.endswith(f"/{actie_id}.yaml")), None)
    if kapot is not None:
        return Bezwaar(
            f"{kapot} is geen geldig actierecord",
            "voer 'waterketen validate' uit en herstel het bestand eerst",
        )
    return Bezwaar(
        f"onbekende actie '{actie_id}'",
        suggest(actie_id, bestaand) or f"zie {gegevens.data_dir.name}/{soort.map}/ voor de ids",
    )


def afrondplan(gegevens: Gegevens, afrondingen: Sequence[Afronding]) -> Schrijfplan:
    """The write plan that closes these actions (see :func:`afrondingen`)."""
    from functools import partial

    from waterketen_cli.records.plan import Schrijfplan, wijzig_record

    soort = soort_of(Actie)
    ids = ", ".join(a.actie.id for a in afrondingen)
    wat = f"{'Actie' if len(afrondingen) == 1 else 'Acties'} afgerond: {ids}"
    plan = Schrijfplan.van(gegevens, wat)
    plan.records = [
        wijzig_record(
            gegevens.paden[(soort.naam, a.actie.id)],
            soort,
            partial(zet_afgerond, op=a.op, toelichting=a.toelichting),
        )
        for a in afrondingen
    ]
    return plan


#: Long texts are folded like the rest of the records: lines of at most this width.
REGELBREEDTE = 88


def zet_afgerond(doc: Any, op: dt.date, toelichting: str | None = None) -> None:
    """Change a round-trip record in place: status, afgerond_op where the model puts it,
    and the note appended to any existing one. Nothing else in the file changes. The one
    way an action is closed: by 'acties afronden' and by processing the minutes."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    from waterketen_cli.records.writer import put

    doc["status"] = Actiestatus.AFGEROND.value
    put(doc, "afgerond_op", op, Actie.model_fields)
    if toelichting:
        oud = doc.get("toelichting")
        tekst = " ".join([str(oud).strip(), toelichting] if oud else [toelichting])
        breedte = REGELBREEDTE - 2  # a folded text is indented by two spaces
        if len(f"toelichting: {tekst}") <= REGELBREEDTE or "  " in tekst or "\n" in tekst:
            doc["toelichting"] = tekst
        else:
            folded = FoldedScalarString(tekst)
            folded.fold_pos = _vouwplaatsen(tekst, breedte)
            doc["toelichting"] = folded


def _vouwplaatsen(tekst: str, breedte: int) -> list[int]:
    """Where a folded scalar breaks its lines: the positions of the spaces it replaces."""
    plaatsen = []
    regel = 0
    positie = 0
    for i, woord in enumerate(tekst.split(" ")):
        if i and regel + 1 + len(woord) > breedte:
            plaatsen.append(positie - 1)
            regel = len(woord)
        else:
            regel += (1 if i else 0) + len(woord)
        positie += len(woord) + 1
    return plaatsen
