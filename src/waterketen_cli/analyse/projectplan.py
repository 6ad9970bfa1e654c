"""Project plans: a new project record from what the secretary gives, and the plan
document of a project (goal, people, clusters, themes, effect, planning, money and
the decisions about it).

Pure functions of the records: the commands in ``cli.project`` read and write the
files and ask the questions; everything here only checks and computes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from waterketen_cli import dutch
from waterketen_cli.errors import GebruiksFout
from waterketen_cli.findings import suggest
from waterketen_cli.models.base import SLUG_PATTERN, slugify
from waterketen_cli.models.records import (
    Cluster,
    Organisatie,
    Overleg,
    Periode,
    Persoon,
    Project,
    Regio,
    Thema,
    Vergadering,
)
from waterketen_cli.models.types import Financieringsstatus, Projectstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import lookup, openbaar

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Schrijfplan

#: The kinds of record each command reads. The plan reads its one project apart: the
#: other projects are not needed, and validating them all would cost most of the time.
NIEUW_SOORTEN = ("regio", "persoon", "cluster", "overleg")
PLAN_SOORTEN = ("regio", "organisatie", "persoon", "cluster", "overleg", "vergadering")

NUL = Decimal(0)

# --- een nieuw project -------------------------------------------------------------------


@dataclass(frozen=True)
class Invoer:
    """What the secretary gave for a new project; None or empty: not given (yet)."""

    titel: str | None = None
    doel: str | None = None
    aanpak: str | None = None
    trekker: str | None = None
    team: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    regionaal: bool = False
    themas: tuple[str, ...] = ()
    status: Projectstatus = Projectstatus.IDEE
    begin: dt.date | None = None
    eind: dt.date | None = None
    besluitvorming: str | None = None


#: The required options, in the order they are asked for.
VERPLICHT = ("--titel", "--doel", "--trekker", "--cluster", "--thema", "--begin", "--eind")


def ontbrekend(invoer: Invoer) -> list[str]:
    """The required options that were not given. Clusters count as given with
    ``--regionaal``; the message names both then."""
    given = {
        "--titel": invoer.titel is not None,
        "--doel": invoer.doel is not None,
        "--trekker": invoer.trekker is not None,
        "--cluster": bool(invoer.clusters) or invoer.regionaal,
        "--thema": bool(invoer.themas),
        "--begin": invoer.begin is not None,
        "--eind": invoer.eind is not None,
    }
    return [optie for optie in VERPLICHT if not given[optie]]


def optienaam(optie: str) -> str:
    """How a missing option is named: '--cluster' is '--cluster of --regionaal'."""
    return "--cluster of --regionaal" if optie == "--cluster" else optie


def check_id(project_id: str) -> None:
    """A project id is a slug (it becomes the file name)."""
    if len(project_id) > 80 or not re.fullmatch(SLUG_PATTERN, project_id):
        voorbeeld = slugify(project_id)
        raise GebruiksFout(
            f"'{project_id}' is geen geldig project-id: alleen kleine letters, cijfers en "
            "koppeltekens",
            hint=f"bijvoorbeeld '{voorbeeld}'" if voorbeeld else "bijvoorbeeld 'afkoppelen-assen'",
        )


def tekst(waarde: str, optie: str) -> str:
    text = waarde.strip()
    if not text:
        raise GebruiksFout(f"{optie} is leeg", hint="geef een tekst")
    return text


def persoon(gegevens: Gegevens, waarde: str, optie: str | None) -> str:
    return lookup.record(gegevens, Persoon, waarde.strip(), optie=optie).id


def cluster(gegevens: Gegevens, waarde: str, optie: str | None = "--cluster") -> str:
    return lookup.record(gegevens, Cluster, waarde.strip(), optie=optie).id


def overleg(gegevens: Gegevens, waarde: str, optie: str = "--besluitvorming") -> str:
    return lookup.record(gegevens, Overleg, waarde.strip(), optie=optie).id


def themas_van(gegevens: Gegevens) -> list[Thema]:
    """The themes of the region (there is one regio record)."""
    return [t for regio in gegevens.of(Regio) for t in regio.themas]


def thema(gegevens: Gegevens, waarde: str, optie: str | None = "--thema") -> str:
    """A theme is no record of its own but an entry of the regio record."""
    known = [t.id for t in themas_van(gegevens)]
    waarde = waarde.strip()
    if waarde in known:
        return waarde
    listed = f"bekend: {', '.join(known)}" if known else "de regio heeft nog geen thema's"
    where = f" bij {optie}" if optie else ""
    raise GebruiksFout(f"onbekend thema '{waarde}'{where}", hint=suggest(waarde, known) or listed)


def periode(begin: dt.date, eind: dt.date) -> None:
    if eind < begin:
        raise GebruiksFout(
            f"de einddatum ({dutch.datum(eind)}) ligt vóór de begindatum ({dutch.datum(begin)})",
            hint="kies een einddatum op of na de begindatum",
        )


def controleer(gegevens: Gegevens, invoer: Invoer) -> Invoer:
    """Check what was given (before anything is asked): texts not empty, every id known,
    clusters or regional, begin before end. Returns it cleaned (lists without doubles)."""
    if invoer.regionaal and invoer.clusters:
        raise GebruiksFout(
            "kies --cluster of --regionaal, niet beide",
            hint="een regionaal project is voor de hele regio en noemt geen clusters",
        )
    texts = {
        name: tekst(value, f"--{name}") if value is not None else None
        for name, value in (
            ("titel", invoer.titel),
            ("doel", invoer.doel),
            ("aanpak", invoer.aanpak),
        )
    }
    if invoer.begin is not None and invoer.eind is not None:
        periode(invoer.begin, invoer.eind)
    return Invoer(
        titel=texts["titel"],
        doel=texts["doel"],
        aanpak=texts["aanpak"],
        trekker=persoon(gegevens, invoer.trekker, "--trekker") if invoer.trekker else None,
        team=_uniek(persoon(gegevens, p, "--team") for p in invoer.team),
        clusters=_uniek(cluster(gegevens, c) for c in invoer.clusters),
        regionaal=invoer.regionaal,
        themas=_uniek(thema(gegevens, t) for t in invoer.themas),
        status=invoer.status,
        begin=invoer.begin,
        eind=invoer.eind,
        besluitvorming=overleg(gegevens, invoer.besluitvorming) if invoer.besluitvorming else None,
    )


def _uniek(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def nieuw_project(project_id: str, invoer: Invoer) -> Project:
    """The record, from complete and checked input."""
    missing = ontbrekend(invoer)
    if missing:
        raise GebruiksFout(f"verplichte optie ontbreekt: {optienaam(missing[0])}")
    assert invoer.begin is not None and invoer.eind is not None
    return Project(
        id=project_id,
        titel=invoer.titel or "",
        doel=invoer.doel or "",
        aanpak=invoer.aanpak,
        trekker=invoer.trekker or "",
        team=list(invoer.team),
        regionaal=invoer.regionaal,
        clusters=list(invoer.clusters),
        themas=list(invoer.themas),
        status=invoer.status,
        periode=Periode(begin=invoer.begin, eind=invoer.eind),
        besluitvorming=invoer.besluitvorming,
    )


def schrijfplan(gegevens: Gegevens, project: Project) -> Schrijfplan:
    """The new project's record, with a header that shows how to fill in the rest."""
    from waterketen_cli.records.dataset import soort_of
    from waterketen_cli.records.plan import Schrijfplan, nieuw_record

    soort = soort_of(Project)
    plan = Schrijfplan.van(gegevens, f"Project {project.id} aangemaakt")
    plan.records.append(
        nieuw_record(
            gegevens.path(soort, project.id), soort, project, header=kopregels(gegevens, project)
        )
    )
    return plan


def kopregels(gegevens: Gegevens, project: Project) -> list[str]:
    """The comment on top of a new project file: how it was made, and the shape of what
    is filled in later (milestones, effect, budget, funding), with this project's years
    and the organisation of its trekker as the example partner."""
    trekker = gegevens.get(Persoon, project.trekker)
    partner = trekker.organisatie if trekker is not None else "gemeente-groningen"
    jaar = project.periode.begin.year
    return [
        "Aangemaakt met 'waterketen project new'; vul aan door dit bestand te bewerken.",
        "",
        "Mijlpalen, verwacht effect, begroting en financiering: haal bij de regels tussen",
        "de streepjes '# ' weg, zet ze na het blok 'periode' en vul ze in. Bedragen in",
        "euro's, zonder €-teken of punten, bijv. 25000 of 1250.50.",
        "",
        *_VOORBEELD,
        "mijlpalen:",
        "  - titel: Plan van aanpak vastgesteld",
        f"    datum: {project.periode.begin.isoformat()}",
        "    gereed: false",
        "  - titel: Project afgerond",
        f"    datum: {project.periode.eind.isoformat()}",
        "    gereed: false",
        "effect:",
        "  kosten: Wat het project bespaart of aan kostenstijging voorkomt.",
        "  kwaliteit: Wat er beter wordt voor inwoners, bedrijven en het milieu.",
        "  kwetsbaarheid: Hoe het de afhankelijkheid van enkele mensen of systemen vermindert.",
        "  duurzaamheid: Wat het bijdraagt aan energie, grondstoffen en klimaat.",
        "begroting:",
        "  - omschrijving: Voorbereiding en onderzoek",
        f"    jaar: {jaar}",
        "    bedrag: 25000",
        "financiering:",
        f"  - partner: {partner}  # id uit data/organisaties/",
        f"    jaar: {jaar}",
        "    bedrag: 25000",
        "    status: toegezegd  # of: aangevraagd",
        *_EINDE_VOORBEELD,
        "",
        "Na goedkeuring: de status bijwerken en het besluitnummer toevoegen, bijv. "
        "'besluit: B-cco-2027-01-26-2'.",
    ]


#: The example block is fenced, so that a test can lift it out and read it as YAML.
_VOORBEELD = ["--- voorbeeld ---"]
_EINDE_VOORBEELD = ["--- einde voorbeeld ---"]


def waarschuwingen(project: Project) -> list[str]:
    """What ``validate`` will warn about in the new record."""
    approved = (Projectstatus.GOEDGEKEURD, Projectstatus.LOPEND, Projectstatus.AFGEROND)
    if project.status in approved and project.besluit is None:
        return [
            f"een project met status '{project.status.value}' noemt het besluit waarmee het "
            "is goedgekeurd; voeg het besluitnummer toe aan het bestand, bijv. "
            "'besluit: B-cco-2027-01-26-2'"
        ]
    return []


# --- het projectplan ---------------------------------------------------------------------


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
    def niet_gedekt(self) -> Decimal:
        """Budget not covered by promised funding (negative: more promised than budgeted)."""
        return self.begroting - self.toegezegd


@dataclass
class Financien:
    begroting: list[Begrotingsregel]
    bijdragen: list[Bijdrageregel]
    partners: list[Partnerregel]
    jaren: list[Jaarregel]
    totaal: Jaarregel = field(default_factory=lambda: Jaarregel(0))

    @property
    def niet_gedekt_na_aanvragen(self) -> Decimal:
        """What stays uncovered if every pending request is granted."""
        return self.totaal.niet_gedekt - self.totaal.aangevraagd


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
