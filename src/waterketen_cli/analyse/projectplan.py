"""The plan document of a project: goal, people, clusters, themes, effect, planning,
money and the decisions about it, as the template ``projectplan.md.j2`` shows them.

Not the making of a new project record: that is ``analyse.projectnieuw``.

Pure functions of the records: the command in ``cli.project`` reads the files and
writes the document; everything here only computes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from waterketen_cli.analyse.middelen import Bedragen
from waterketen_cli.analyse.projectnieuw import themas_van
from waterketen_cli.models.records import Cluster, Organisatie, Overleg, Project, Vergadering
from waterketen_cli.models.types import Financieringsstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import openbaar

#: The kinds of record the plan reads. It reads its one project apart: the other
#: projects are not needed, and validating them all would cost most of the time.
PLAN_SOORTEN = ("regio", "organisatie", "persoon", "cluster", "overleg", "vergadering")

NUL = Decimal(0)


@dataclass(frozen=True)
class Clusterregel:
    naam: str
    gemeenten: list[str]


@dataclass(frozen=True)
class Effectregel:
    gebied: str
    tekst: str | None  # None: not filled in


@dataclass(frozen=True)
class Mijlpaalregel:
    titel: str
    datum: dt.date
    gereed: bool
    verlopen: bool  # not done and its date has passed


@dataclass(frozen=True)
class Begrotingsregel:
    omschrijving: str
    jaar: int
    bedrag: Decimal


@dataclass(frozen=True)
class Bijdrageregel:
    partner: str
    jaar: int
    status: str
    bedrag: Decimal


@dataclass
class Partnerregel:
    partner: str
    toegezegd: Decimal = NUL
    aangevraagd: Decimal = NUL

    @property
    def totaal(self) -> Decimal:
        return self.toegezegd + self.aangevraagd


@dataclass
class Jaarregel:
    jaar: int
    begroting: Decimal = NUL
    toegezegd: Decimal = NUL
    aangevraagd: Decimal = NUL

    @property
    def bedragen(self) -> Bedragen:
        """The year's amounts, for the one computation of coverage (``middelen``)."""
        return Bedragen(self.begroting, self.toegezegd, self.aangevraagd)

    @property
    def niet_gedekt(self) -> Decimal:
        """Budget not covered by promised funding (negative: more promised than budgeted):
        ``Bedragen.ongedekt``, in the words of the project plan."""
        return self.bedragen.ongedekt


@dataclass
class Financien:
    begroting: list[Begrotingsregel]
    bijdragen: list[Bijdrageregel]
    partners: list[Partnerregel]
    jaren: list[Jaarregel]
    totaal: Jaarregel = field(default_factory=lambda: Jaarregel(0))

    @property
    def niet_gedekt_na_aanvragen(self) -> Decimal:
        """What stays uncovered if every pending request is granted: ``Bedragen.tekort``."""
        return self.totaal.bedragen.tekort


@dataclass(frozen=True)
class Besluitregel:
    nummer: str
    datum: dt.date
    overleg: str
    tekst: str
    goedkeuring: bool  # the decision that approved the project


@dataclass(frozen=True)
class Activiteitregel:
    cluster: str
    titel: str
    thema: str
    status: str
    eigenaar: str
    bijgewerkt: dt.date


_EFFECT = (
    ("kosten", "Kosten"),
    ("kwaliteit", "Kwaliteit"),
    ("kwetsbaarheid", "Kwetsbaarheid"),
    ("duurzaamheid", "Duurzaamheid"),
)


def _org(gegevens: Gegevens, org_id: str) -> str:
    org = gegevens.get(Organisatie, org_id)
    return org.naam if org is not None else org_id


def financien(gegevens: Gegevens, project: Project) -> Financien:
    """Budget and funding: every line, per partner (in the order they first appear),
    per year (budget against promised and requested funding), and the totals."""
    partners: dict[str, Partnerregel] = {}
    jaren: dict[int, Jaarregel] = {}
    totaal = Jaarregel(0)
    for regel in project.begroting:
        jaren.setdefault(regel.jaar, Jaarregel(regel.jaar)).begroting += regel.bedrag
        totaal.begroting += regel.bedrag
    for bijdrage in project.financiering:
        per_partner = partners.setdefault(
            bijdrage.partner, Partnerregel(_org(gegevens, bijdrage.partner))
        )
        per_jaar = jaren.setdefault(bijdrage.jaar, Jaarregel(bijdrage.jaar))
        if bijdrage.status == Financieringsstatus.TOEGEZEGD:
            per_partner.toegezegd += bijdrage.bedrag
            per_jaar.toegezegd += bijdrage.bedrag
            totaal.toegezegd += bijdrage.bedrag
        else:
            per_partner.aangevraagd += bijdrage.bedrag
            per_jaar.aangevraagd += bijdrage.bedrag
            totaal.aangevraagd += bijdrage.bedrag
    return Financien(
        begroting=[Begrotingsregel(r.omschrijving, r.jaar, r.bedrag) for r in project.begroting],
        bijdragen=[
            Bijdrageregel(_org(gegevens, b.partner), b.jaar, b.status.value, b.bedrag)
            for b in project.financiering
        ],
        partners=list(partners.values()),
        jaren=[jaren[j] for j in sorted(jaren)],
        totaal=totaal,
    )


def besluiten(gegevens: Gegevens, project: Project) -> list[Besluitregel]:
    """Every decision about the project in the data given, oldest first: the approving
    one, those that name the project, and those taken on an agenda item about it. (The
    public plan is made from the public view, which holds no confidential decision.)"""
    rows = []
    for vergadering in gegevens.of(Vergadering):
        body = gegevens.get(Overleg, vergadering.overleg)
        for besluit in vergadering.besluiten:
            punt = (
                vergadering.agenda[besluit.agendapunt - 1]
                if besluit.agendapunt <= len(vergadering.agenda)
                else None
            )
            goedkeuring = besluit.nummer == project.besluit
            if not (
                goedkeuring
                or besluit.project == project.id
                or (punt is not None and punt.project == project.id)
            ):
                continue
            rows.append(
                Besluitregel(
                    besluit.nummer,
                    vergadering.datum,
                    body.naam if body is not None else vergadering.overleg,
                    besluit.tekst,
                    goedkeuring,
                )
            )
    return sorted(rows, key=lambda r: (r.datum, r.nummer))


def activiteiten(gegevens: Gegevens, project: Project) -> list[Activiteitregel]:
    """The activities in the clusters' programmes that belong to this project."""
    namen = {t.id: t.naam for t in themas_van(gegevens)}
    return [
        Activiteitregel(
            c.naam,
            a.titel,
            namen.get(a.thema, a.thema),
            a.status.value,
            openbaar.persoon(gegevens, a.eigenaar),
            a.bijgewerkt,
        )
        for c in gegevens.of(Cluster)
        for a in c.programma
        if a.project == project.id
    ]


def plan_context(gegevens: Gegevens, project: Project, *, vandaag: dt.date) -> dict[str, Any]:
    """Everything the template ``projectplan.md.j2`` shows; the template only lays out."""
    namen = {t.id: t.naam for t in themas_van(gegevens)}
    clusters = []
    for cluster_id in project.clusters:
        record = gegevens.get(Cluster, cluster_id)
        clusters.append(
            Clusterregel(record.naam, [_org(gegevens, g) for g in record.gemeenten])
            if record is not None
            else Clusterregel(cluster_id, [])
        )
    effect = project.effect
    mijlpalen = [
        Mijlpaalregel(m.titel, m.datum, m.gereed, not m.gereed and m.datum < vandaag)
        for m in project.mijlpalen
    ]
    besluitregels = besluiten(gegevens, project)
    goedkeuring = next((b for b in besluitregels if b.goedkeuring), None)
    body = gegevens.get(Overleg, project.besluitvorming)
    return {
        "project": project,
        "publiek": gegevens.publiek,
        "vandaag": vandaag,
        "trekker": openbaar.persoon(gegevens, project.trekker),
        "team": [openbaar.persoon(gegevens, p) for p in project.team],
        "clusters": clusters,
        "themas": [namen.get(t, t) for t in project.themas],
        "effect": [
            Effectregel(label, getattr(effect, veld) if effect is not None else None)
            for veld, label in _EFFECT
        ],
        "mijlpalen": mijlpalen,
        "gereed": sum(1 for m in mijlpalen if m.gereed),
        "verlopen": sum(1 for m in mijlpalen if m.verlopen),
        "geld": financien(gegevens, project),
        "besluiten": besluitregels,
        "goedkeuring": goedkeuring,
        "besluitvorming": (body.naam if body is not None else project.besluitvorming),
        "activiteiten": activiteiten(gegevens, project),
    }
