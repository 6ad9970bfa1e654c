"""A new project: the record ``project new`` makes from what the secretary gives.

Checks what was given (texts, ids of persons, clusters, themes and bodies, the
period), builds the record and its write plan, with a header that shows how to fill
in the rest. Not the plan document of a project: that is ``analyse.projectplan``.

Pure functions of the records: the command in ``cli.project`` reads and writes the
files and asks the questions; everything here only checks and computes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from waterketen_cli import dutch
from waterketen_cli.errors import GebruiksFout
from waterketen_cli.findings import suggest
from waterketen_cli.models.base import SLUG_PATTERN, slugify
from waterketen_cli.models.records import Cluster, Overleg, Periode, Persoon, Project, Regio, Thema
from waterketen_cli.models.types import Projectstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import lookup

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Schrijfplan

#: The kinds of record ``project new`` reads.
NIEUW_SOORTEN = ("regio", "persoon", "cluster", "overleg")


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
