"""Checks across records, and checks that depend on the day of the run.

They read the facts of every valid record (see :mod:`.facts`), never the files.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Literal

from waterketen_cli import dutch
from waterketen_cli.checks.facts import Index, Rec
from waterketen_cli.checks.registry import Melding, cross_check
from waterketen_cli.datums import maanden_terug
from waterketen_cli.findings import Ernst, suggest
from waterketen_cli.models.records import (
    Actie,
    Agendavoorstel,
    AgendavoorstelFeiten,
    Cluster,
    Organisatie,
    Overleg,
    Regio,
    Vergadering,
    VergaderingFeiten,
)
from waterketen_cli.soorten import SOORTEN

# What a reference names when it names nothing: "onbekende persoon", "onbekend project";
# every kind of record, and what the regio record and the meetings define.
_ONBEKEND = {s.naam: s.onbekend for s in SOORTEN} | {
    "thema": "onbekend thema",
    "indicator": "onbekende indicator",
    "besluit": "onbekend besluit",
}


@cross_check("verwijzing", Ernst.FOUT, "elke verwijzing naar een ander record bestaat")
def check_references(index: Index) -> Iterator[Melding]:
    for per_id in index.per_soort.values():
        for rec in per_id.values():
            for pad, soort, waarde in rec.verwijzingen():
                if not index.unknown(soort, waarde):
                    continue
                hint = suggest(waarde, index.known(soort))
                if hint is None:
                    elsewhere = [s for s, ids in index.per_soort.items() if waarde in ids]
                    if elsewhere:
                        hint = f"'{waarde}' is een {elsewhere[0]}, geen {soort}"
                yield Melding(rec.bestand, pad, f"{_ONBEKEND[soort]} '{waarde}'", hint)


@cross_check("regio", Ernst.FOUT, "er is precies één regiorecord")
def check_regio(index: Index) -> Iterator[Melding]:
    regios = index.of(Regio)
    if not regios and index.complete("regio"):
        yield Melding(
            index.mappen["regio"],
            (),
            "er is geen regiorecord",
            "maak data/regio/<naam>.yaml met de naam, het waterakkoord en de thema's",
        )
    for extra in regios[1:]:
        yield Melding(extra.bestand, ("id",), "er mag maar één regiorecord zijn")


_LIJSTEN: dict[Literal["gemeenten", "waterschappen", "waterbedrijven"], str] = {
    "gemeenten": "gemeente",
    "waterschappen": "waterschap",
    "waterbedrijven": "waterbedrijf",
}


@cross_check("clusterindeling", Ernst.FOUT, "elke partnergemeente zit in precies één cluster")
def check_clusters(index: Index) -> Iterator[Melding]:
    placed: dict[str, list[str]] = defaultdict(list)
    for cluster in index.of(Cluster):
        for veld, soort in _LIJSTEN.items():
            for i, org_id in enumerate(cluster.feiten[veld]):
                org = index.get(Organisatie, org_id)
                if org is None or org_id in cluster.feiten[veld][:i]:
                    continue  # reported by 'verwijzing' or 'cluster-lijsten'
                if org.feiten["soort"] != soort:
                    yield Melding(
                        cluster.bestand,
                        (veld, i),
                        f"'{org_id}' is een {org.feiten['soort']}, geen {soort}",
                        f"zet '{org_id}' bij de juiste lijst",
                    )
                    continue
                if veld == "gemeenten" and placed[org_id]:
                    yield Melding(
                        cluster.bestand,
                        (veld, i),
                        f"gemeente '{org_id}' zit al in cluster '{placed[org_id][0]}'",
                        "een gemeente hoort bij één cluster: haal haar uit een van beide",
                    )
                placed[org_id].append(cluster.id)
    if not index.complete("cluster"):
        return  # a cluster that could not be read may hold the missing partner
    for org in index.of(Organisatie):
        soort = org.feiten["soort"]
        if org.feiten["partner"] and soort in ("gemeente", "waterschap") and not placed[org.id]:
            yield Melding(
                org.bestand,
                ("soort",),
                f"{soort} '{org.id}' zit in geen enkel cluster",
                "neem de organisatie op in een cluster, of zet 'partner: false'",
            )


@cross_check(
    "coordinator",
    Ernst.FOUT,
    "elk cluster heeft een eigen coördinator die in het clustercoördinatorenoverleg zit "
    "en het waterteam van het cluster voorzit",
)
def check_coordinators(index: Index) -> Iterator[Melding]:
    overleggen = [
        o for o in index.of(Overleg) if o.feiten["soort"] == "clustercoordinatorenoverleg"
    ]
    if not overleggen:
        if index.complete("overleg"):
            yield Melding(
                index.mappen["overleg"],
                (),
                "er is geen clustercoördinatorenoverleg",
                "maak een overleg met 'soort: clustercoordinatorenoverleg'",
            )
        return
    for extra in overleggen[1:]:
        yield Melding(extra.bestand, ("soort",), "er mag maar één clustercoördinatorenoverleg zijn")
    cco = overleggen[0]
    coordinators = {p for p, rol in cco.feiten["leden"] if rol == "clustercoordinator"}
    seen: dict[str, str] = {}
    for cluster in index.of(Cluster):
        coordinator = cluster.feiten["coordinator"]
        if coordinator in seen:
            yield Melding(
                cluster.bestand,
                ("coordinator",),
                f"'{coordinator}' is al coördinator van cluster '{seen[coordinator]}'",
            )
        seen[coordinator] = cluster.id
        if coordinator not in coordinators:
            yield Melding(
                cluster.bestand,
                ("coordinator",),
                f"coördinator '{coordinator}' zit niet als clustercoördinator in "
                f"overleg '{cco.id}'",
                f"voeg '{{persoon: {coordinator}, rol: clustercoordinator}}' toe aan de leden in "
                f"{cco.bestand}",
            )
        team = index.get(Overleg, cluster.feiten["waterteam"])
        if team is None:
            continue
        if team.feiten["soort"] != "waterteam" or team.feiten["cluster"] != cluster.id:
            yield Melding(
                cluster.bestand,
                ("waterteam",),
                f"overleg '{team.id}' is niet het waterteam van dit cluster",
                f"zet in {team.bestand} 'soort: waterteam' en 'cluster: {cluster.id}'",
            )
        elif team.feiten["voorzitter"] != coordinator:
            yield Melding(
                team.bestand,
                ("voorzitter",),
                f"het waterteam wordt voorgezeten door de clustercoördinator '{coordinator}', "
                f"niet door '{team.feiten['voorzitter']}'",
            )
    if not index.complete("cluster"):
        return  # the cluster a coordinator coordinates may be the one that failed
    for i, (persoon, rol) in enumerate(cco.feiten["leden"]):
        if rol == "clustercoordinator" and persoon not in seen:
            yield Melding(
                cco.bestand,
                ("leden", i, "persoon"),
                f"'{persoon}' is clustercoördinator maar coördineert geen cluster",
                "maak hem coördinator van een cluster of geef hem een andere rol",
            )


@cross_check("besluitnummer", Ernst.FOUT, "elk besluitnummer is uniek")
def check_decision_numbers(index: Index) -> Iterator[Melding]:
    for rec in index.of(Vergadering):
        for i, nummer in enumerate(rec.feiten["besluiten"]):
            first = index.besluiten[nummer]
            if first != (rec.bestand, ("besluiten", i, "nummer")):
                yield Melding(
                    rec.bestand,
                    ("besluiten", i, "nummer"),
                    f"besluitnummer {nummer} is ook gebruikt in {first[0]}",
                    "geef dit besluit het volgende vrije nummer",
                )


@cross_check("meting", Ernst.FOUT, "een meting past bij de waardesoort van haar indicator")
def check_measurements(index: Index) -> Iterator[Melding]:
    for cluster in index.of(Cluster):
        for i, (indicator, is_bool, _) in enumerate(cluster.feiten["metingen"]):
            if indicator not in index.indicatoren:
                continue  # reported by 'verwijzing'
            ja_nee, eenheid = index.indicatoren[indicator]
            if ja_nee and not is_bool:
                yield Melding(
                    cluster.bestand,
                    ("metingen", i, "waarde"),
                    f"indicator '{indicator}' is ja/nee; de waarde moet true of false zijn",
                )
            elif not ja_nee and is_bool:
                yield Melding(
                    cluster.bestand,
                    ("metingen", i, "waarde"),
                    f"indicator '{indicator}' wordt gemeten in {eenheid}; "
                    "de waarde moet een getal zijn",
                )


@cross_check(
    "actie-vergadering",
    Ernst.FOUT,
    "het agendapunt van een actie bestaat en de actie is niet afgerond vóór de vergadering",
)
def check_action_meeting(index: Index) -> Iterator[Melding]:
    for actie in index.of(Actie):
        bron = index.get(Vergadering, actie.feiten["vergadering"])
        if bron is None:
            continue
        agendapunt = actie.feiten["agendapunt"]
        if agendapunt is not None and agendapunt > bron.feiten["agendapunten"]:
            yield Melding(
                actie.bestand,
                ("agendapunt",),
                f"agendapunt {agendapunt} bestaat niet in vergadering '{bron.id}' "
                f"({dutch.aantal(bron.feiten['agendapunten'], 'punt', 'punten')})",
            )
        afgerond = actie.feiten["afgerond_op"]
        if afgerond is not None and afgerond < bron.feiten["datum"]:
            yield Melding(
                actie.bestand,
                ("afgerond_op",),
                "de actie is afgerond vóór de vergadering waarin ze is afgesproken "
                f"({dutch.datum(dt.date.fromisoformat(bron.feiten['datum']))})",
            )


@cross_check(
    "toekomst",
    Ernst.FOUT,
    "bijgewerkt, peildatum, afgerond en gehouden vergaderingen niet na vandaag",
)
def check_future(index: Index) -> Iterator[Melding]:
    today = index.vandaag.isoformat()
    for cluster in index.of(Cluster):
        for i, bijgewerkt in enumerate(cluster.feiten["bijgewerkt"]):
            if bijgewerkt > today:
                yield Melding(
                    cluster.bestand, ("programma", i, "bijgewerkt"), "ligt in de toekomst"
                )
        for i, (_, _, peildatum) in enumerate(cluster.feiten["metingen"]):
            if peildatum > today:
                yield Melding(cluster.bestand, ("metingen", i, "peildatum"), "ligt in de toekomst")
    for actie in index.of(Actie):
        if (actie.feiten["afgerond_op"] or "") > today:
            yield Melding(actie.bestand, ("afgerond_op",), "ligt in de toekomst")
    for vergadering in index.of(Vergadering):
        status = vergadering.feiten["status"]
        if vergadering.feiten["datum"] > today and status in ("gehouden", "verslag vastgesteld"):
            yield Melding(
                vergadering.bestand,
                ("status",),
                f"een vergadering in de toekomst kan nog niet '{status}' zijn",
                "zet 'status: uitgenodigd' of 'concept'",
            )


@cross_check(
    "vertrouwelijk-verlopen",
    Ernst.WAARSCHUWING,
    "een geheimhouding waarvan de einddatum voorbij is, zonder besluit dat haar opheft",
)
def check_secrecy_ended(index: Index) -> Iterator[Melding]:
    today = index.vandaag.isoformat()
    recs: list[Rec[VergaderingFeiten] | Rec[AgendavoorstelFeiten]] = [
        *index.of(Vergadering),
        *index.of(Agendavoorstel),
    ]
    for rec in recs:
        for pad, tot in rec.feiten["geheim_tot"]:
            if tot <= today:
                yield Melding(
                    rec.bestand,
                    tuple(pad),
                    f"de geheimhouding liep af op {dutch.datum(dt.date.fromisoformat(tot))}: "
                    "dit is nu openbaar en staat in openbare stukken",
                    "leg het besluit vast dat de geheimhouding opheft en zet het nummer in "
                    "vertrouwelijk_tot, of verleng de termijn, of zet 'vertrouwelijk: false'",
                )


@cross_check(
    "vaststelling",
    Ernst.FOUT,
    "een verslag wordt vastgesteld in een latere vergadering van hetzelfde overleg",
)
def check_adoption(index: Index) -> Iterator[Melding]:
    for vergadering in index.of(Vergadering):
        door = index.get(Vergadering, vergadering.feiten["vastgesteld_in"] or "")
        if door is None:
            continue  # none, or unknown: the latter is a finding of 'verwijzing'
        if door.feiten["overleg"] != vergadering.feiten["overleg"]:
            yield Melding(
                vergadering.bestand,
                ("vastgesteld", "vergadering"),
                f"{door.id} is een vergadering van een ander overleg "
                f"({door.feiten['overleg']}); een verslag stelt het eigen overleg vast",
            )
        elif door.feiten["datum"] <= vergadering.feiten["datum"]:
            yield Melding(
                vergadering.bestand,
                ("vastgesteld", "vergadering"),
                f"{door.id} is niet later dan deze vergadering; het verslag wordt in een "
                "volgende vergadering vastgesteld",
            )


@cross_check("actie-verlopen", Ernst.WAARSCHUWING, "open acties waarvan de deadline voorbij is")
def check_overdue(index: Index) -> Iterator[Melding]:
    today = index.vandaag.isoformat()
    for actie in index.of(Actie):
        if actie.feiten["status"] == "open" and actie.feiten["deadline"] < today:
            deadline = dt.date.fromisoformat(actie.feiten["deadline"])
            yield Melding(
                actie.bestand,
                ("deadline",),
                f"de actie is verlopen: deadline {dutch.datum(deadline)}",
                "rond de actie af, spreek een nieuwe deadline af of zet 'status: vervallen'",
            )


@cross_check(
    "programma-verouderd",
    Ernst.WAARSCHUWING,
    "clusterprogramma's die langer dan de afgesproken periode niet zijn bijgewerkt",
)
def check_stale_programmes(index: Index) -> Iterator[Melding]:
    months = index.regio.feiten["maanden"] if index.regio else 6
    grens = maanden_terug(index.vandaag, months).isoformat()
    for cluster in index.of(Cluster):
        if not cluster.feiten["bijgewerkt"]:
            yield Melding(
                cluster.bestand,
                ("id",),
                "het cluster heeft geen programma",
                "voeg activiteiten toe",
            )
            continue
        laatst = max(cluster.feiten["bijgewerkt"])
        if laatst < grens:
            yield Melding(
                cluster.bestand,
                ("programma",),
                f"het programma is sinds {dutch.datum(dt.date.fromisoformat(laatst))} niet "
                f"bijgewerkt (langer dan {months} maanden)",
                "vraag de clustercoördinator het programma bij te werken",
            )
