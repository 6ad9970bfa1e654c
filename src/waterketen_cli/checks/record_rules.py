"""Checks of one record by itself. Their findings depend only on the file, so they
are computed when the file changes and cached with it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from waterketen_cli import dutch
from waterketen_cli.checks.registry import Bevinding, record_check
from waterketen_cli.findings import Ernst, Pad
from waterketen_cli.models.records import (
    Actie,
    Cluster,
    Overleg,
    Project,
    Regio,
    Vergadering,
)
from waterketen_cli.models.types import Actiestatus, Overlegsoort, Projectstatus, Vergaderstatus


def _duplicates(pad: Pad, values: Sequence[object], what: str) -> Iterator[Bevinding]:
    for i, value in enumerate(values):
        if value in values[:i]:
            yield Bevinding((*pad, i), f"{what} '{value}' staat dubbel in de lijst")


def _order(pad: Pad, begin: dt.date | None, eind: dt.date | None) -> Iterator[Bevinding]:
    if begin is not None and eind is not None and eind < begin:
        yield Bevinding(
            (*pad, "eind"),
            f"de einddatum ({dutch.datum(eind)}) ligt voor de begindatum ({dutch.datum(begin)})",
        )


@record_check(
    "regio-lijsten", Ernst.FOUT, "thema's en indicatoren van de regio staan er één keer in", Regio
)
def check_regio(regio: Regio) -> Iterator[Bevinding]:
    for veld, ids in (
        ("themas", [t.id for t in regio.themas]),
        ("indicatoren", [i.id for i in regio.indicatoren]),
    ):
        for i, item_id in enumerate(ids):
            if item_id in ids[:i]:
                yield Bevinding((veld, i, "id"), f"dubbel id '{item_id}'")
    yield from _order(("waterakkoord",), regio.waterakkoord.begin, regio.waterakkoord.eind)


@record_check(
    "cluster-lijsten",
    Ernst.FOUT,
    "partners, activiteiten en metingen staan één keer in een cluster; begin voor eind",
    Cluster,
)
def check_cluster(cluster: Cluster) -> Iterator[Bevinding]:
    for veld in ("gemeenten", "waterschappen", "waterbedrijven"):
        yield from _duplicates((veld,), getattr(cluster, veld), "organisatie")
    activiteiten = [a.id for a in cluster.programma]
    for i, activiteit in enumerate(cluster.programma):
        if activiteit.id in activiteiten[:i]:
            yield Bevinding(
                ("programma", i, "id"),
                f"activiteit '{activiteit.id}' staat twee keer in het programma",
            )
        yield from _order(("programma", i), activiteit.begin, activiteit.eind)
    seen: set[tuple[str, dt.date]] = set()
    for i, meting in enumerate(cluster.metingen):
        key = (meting.indicator, meting.peildatum)
        if key in seen:
            yield Bevinding(
                ("metingen", i),
                f"indicator '{meting.indicator}' is al gemeten op {dutch.datum(meting.peildatum)}",
                "verwijder een van beide metingen",
            )
        seen.add(key)


@record_check(
    "overleg", Ernst.FOUT, "voorzitter en secretaris zijn lid; leden staan er één keer in", Overleg
)
def check_overleg(overleg: Overleg) -> Iterator[Bevinding]:
    leden = [lid.persoon for lid in overleg.leden]
    for i, persoon in enumerate(leden):
        if persoon in leden[:i]:
            yield Bevinding(("leden", i, "persoon"), f"'{persoon}' staat dubbel bij de leden")
    for veld in ("voorzitter", "secretaris"):
        persoon = getattr(overleg, veld)
        if persoon not in leden:
            yield Bevinding(
                (veld,),
                f"de {veld} '{persoon}' is geen lid van het overleg",
                f"voeg '{{persoon: {persoon}, rol: …}}' toe aan de leden",
            )
    if overleg.soort == Overlegsoort.WATERTEAM and overleg.cluster is None:
        yield Bevinding(("soort",), "een waterteam hoort bij een cluster", "voeg 'cluster:' toe")


@record_check(
    "vergadering",
    Ernst.FOUT,
    "id, tijden, aanwezigheid en besluiten van een vergadering kloppen",
    Vergadering,
)
def check_vergadering(v: Vergadering) -> Iterator[Bevinding]:
    expected_id = f"{v.overleg}-{v.datum.isoformat()}"
    if v.id != expected_id:
        yield Bevinding(
            ("id",),
            f"het id van een vergadering is <overleg>-<datum>: '{expected_id}', niet '{v.id}'",
            f"hernoem het bestand naar {expected_id}.yaml en zet 'id: {expected_id}'",
        )
    if v.eindtijd <= v.begintijd:
        yield Bevinding(("eindtijd",), "de eindtijd ligt niet na de begintijd")
    for i, persoon in enumerate(v.afgemeld):
        if persoon in v.aanwezig:
            yield Bevinding(
                ("afgemeld", i), f"'{persoon}' staat zowel bij aanwezig als bij afgemeld"
            )
    yield from _duplicates(("aanwezig",), v.aanwezig, "persoon")
    if v.vastgesteld is not None:
        if v.status != Vergaderstatus.VERSLAG_VASTGESTELD:
            yield Bevinding(
                ("status",),
                f"het verslag is vastgesteld (vastgesteld: {v.vastgesteld.vergadering}), maar de "
                f"status is '{v.status.value}'",
                "zet 'status: verslag vastgesteld', of haal 'vastgesteld' weg",
            )
        if v.vastgesteld.op <= v.datum:
            yield Bevinding(
                ("vastgesteld", "op"),
                "het verslag is vastgesteld op of vóór de dag van de vergadering zelf",
                "het verslag wordt in een latere vergadering vastgesteld",
            )
    if v.verplaatst_van is not None and v.verplaatst_van == v.id:
        yield Bevinding(
            ("verplaatst_van",),
            "een vergadering is niet van zichzelf verplaatst",
            "noem het id dat de vergadering had vóór de verplaatsing, of haal het veld weg",
        )
    elif v.verplaatst_van is not None and not v.verplaatst_van.startswith(f"{v.overleg}-"):
        yield Bevinding(
            ("verplaatst_van",),
            f"'{v.verplaatst_van}' is geen vergadering van {v.overleg}: een verplaatste "
            "vergadering blijft van hetzelfde overleg",
            f"noem het oude id, bijv. {v.overleg}-JJJJ-MM-DD",
        )
    for i, besluit in enumerate(v.besluiten):
        if besluit.agendapunt > len(v.agenda):
            yield Bevinding(
                ("besluiten", i, "agendapunt"),
                f"agendapunt {besluit.agendapunt} bestaat niet; "
                f"de agenda heeft {dutch.aantal(len(v.agenda), 'punt', 'punten')}",
            )
        legacy = re.fullmatch(r"B-(\d{4})-\d{3}", besluit.nummer)
        if legacy and legacy[1] != str(v.datum.year):
            yield Bevinding(
                ("besluiten", i, "nummer"),
                f"besluit {besluit.nummer} heeft een ander jaar dan de vergadering "
                f"({v.datum.year})",
            )
        elif not legacy and not besluit.nummer.startswith(f"B-{v.id}-"):
            yield Bevinding(
                ("besluiten", i, "nummer"),
                f"besluit {besluit.nummer} hoort niet bij deze vergadering",
                f"nummer besluiten van deze vergadering als B-{v.id}-1, -2, …",
            )


@record_check(
    "project",
    Ernst.FOUT,
    "een project is regionaal óf hoort bij clusters; begin voor eind",
    Project,
)
def check_project(project: Project) -> Iterator[Bevinding]:
    if project.regionaal and project.clusters:
        yield Bevinding(
            ("clusters",),
            "een regionaal project noemt geen clusters",
            "laat 'clusters' weg of zet 'regionaal: false'",
        )
    elif not project.regionaal and not project.clusters:
        yield Bevinding(("clusters",), "noem de clusters van het project, of zet 'regionaal: true'")
    yield from _order(("periode",), project.periode.begin, project.periode.eind)
    yield from _duplicates(("clusters",), project.clusters, "cluster")
    yield from _duplicates(("themas",), project.themas, "thema")


@record_check(
    "project-besluit", Ernst.WAARSCHUWING, "goedgekeurde projecten noemen het besluit", Project
)
def check_project_besluit(project: Project) -> Iterator[Bevinding]:
    approved = (Projectstatus.GOEDGEKEURD, Projectstatus.LOPEND, Projectstatus.AFGEROND)
    if project.status in approved and project.besluit is None:
        yield Bevinding(
            ("status",),
            f"project met status '{project.status.value}' zonder 'besluit'",
            "noem het besluit waarmee het is goedgekeurd, bijv. 'besluit: B-cco-2026-12-15-1'",
        )


@record_check("actie", Ernst.FOUT, "afgeronde acties hebben een afronddatum, andere niet", Actie)
def check_actie(actie: Actie) -> Iterator[Bevinding]:
    if actie.status == Actiestatus.AFGEROND and actie.afgerond_op is None:
        yield Bevinding(("status",), "een afgeronde actie heeft 'afgerond_op'", "voeg de datum toe")
    if actie.status != Actiestatus.AFGEROND and actie.afgerond_op is not None:
        yield Bevinding(
            ("afgerond_op",),
            f"de actie heeft status '{actie.status.value}' maar ook 'afgerond_op'",
            "zet 'status: afgerond' of verwijder 'afgerond_op'",
        )
    if actie.agendapunt is not None and actie.vergadering is None:
        yield Bevinding(
            ("agendapunt",), "een agendapunt zonder 'vergadering'", "noem de vergadering"
        )
