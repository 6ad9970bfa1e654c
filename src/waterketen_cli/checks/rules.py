"""Cross-record checks: references and the rules of the cooperation.

Each check is a generator of :class:`Melding`; the registry gives it a name and a
severity. Checks only read the validated records in the :class:`Context`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import TypeVar

from waterketen_cli import dutch
from waterketen_cli.checks.findings import Ernst, Pad, suggest
from waterketen_cli.checks.registry import Context, Geladen, Melding, check
from waterketen_cli.models import Record
from waterketen_cli.models.introspect import references
from waterketen_cli.models.records import (
    Actie,
    Cluster,
    Organisatie,
    Overleg,
    Project,
    Vergadering,
)
from waterketen_cli.models.types import (
    Actiestatus,
    Organisatiesoort,
    Overlegsoort,
    Projectstatus,
    Rol,
    Vergaderstatus,
    Waardesoort,
)

R = TypeVar("R", bound=Record)

# How the kinds are named in a sentence: "onbekende persoon", "onbekend project".
_NAAM = {
    "persoon": ("onbekende", "persoon"),
    "organisatie": ("onbekende", "organisatie"),
    "cluster": ("onbekend", "cluster"),
    "overleg": ("onbekend", "overleg"),
    "vergadering": ("onbekende", "vergadering"),
    "project": ("onbekend", "project"),
    "thema": ("onbekend", "thema"),
    "indicator": ("onbekende", "indicator"),
    "besluit": ("onbekend", "besluit"),
}


def _records(ctx: Context, soort: str, model: type[R]) -> Iterator[tuple[Geladen, R]]:
    for geladen in ctx.of(soort):
        if isinstance(geladen.record, model):
            yield geladen, geladen.record


def _known(ctx: Context, soort: str) -> Iterable[str]:
    if soort == "thema":
        return ctx.themas
    if soort == "indicator":
        return ctx.indicatoren
    if soort == "besluit":
        return ctx.besluiten
    return ctx.records.get(soort, {})


@check("verwijzing", Ernst.FOUT, "elke verwijzing naar een ander record bestaat")
def check_references(ctx: Context) -> Iterator[Melding]:
    for per_id in ctx.records.values():
        for geladen in per_id.values():
            for ref in references(geladen.record):
                known = _known(ctx, ref.soort)
                if ref.waarde in known:
                    continue
                adjective, noun = _NAAM[ref.soort]
                hint = suggest(ref.waarde, known)
                if hint is None:
                    elsewhere = [s for s, ids in ctx.records.items() if ref.waarde in ids]
                    if elsewhere:
                        hint = f"'{ref.waarde}' is een {elsewhere[0]}, geen {noun}"
                yield Melding(geladen.bestand, ref.pad, f"{adjective} {noun} '{ref.waarde}'", hint)


@check("regio", Ernst.FOUT, "er is precies één regiorecord, zonder dubbele thema's en indicatoren")
def check_regio(ctx: Context) -> Iterator[Melding]:
    regios = ctx.of("regio")
    if not regios:
        yield Melding(
            ctx.mappen["regio"],
            (),
            "er is geen regiorecord",
            "maak data/regio/<naam>.yaml met de naam, het waterakkoord en de thema's",
        )
    for extra in regios[1:]:
        yield Melding(extra.bestand, ("id",), "er mag maar één regiorecord zijn")
    regio = ctx.regiorecord
    if regio is None:
        return
    assert ctx.regio is not None
    for veld, ids in (
        ("themas", [t.id for t in regio.themas]),
        ("indicatoren", [i.id for i in regio.indicatoren]),
    ):
        for i, item_id in enumerate(ids):
            if item_id in ids[:i]:
                yield Melding(ctx.regio.bestand, (veld, i, "id"), f"dubbel id '{item_id}'")


@check("clusterindeling", Ernst.FOUT, "elke partnergemeente zit in precies één cluster")
def check_clusters(ctx: Context) -> Iterator[Melding]:
    organisaties = ctx.records.get("organisatie", {})
    placed: dict[str, list[str]] = defaultdict(list)
    expected = {
        "gemeenten": Organisatiesoort.GEMEENTE,
        "waterschappen": Organisatiesoort.WATERSCHAP,
        "waterbedrijven": Organisatiesoort.WATERBEDRIJF,
    }
    for geladen, cluster in _records(ctx, "cluster", Cluster):
        for veld, soort in expected.items():
            values: list[str] = getattr(cluster, veld)
            for i, org_id in enumerate(values):
                if org_id in values[:i]:
                    yield Melding(
                        geladen.bestand, (veld, i), f"'{org_id}' staat dubbel in de lijst"
                    )
                    continue
                org = organisaties.get(org_id)
                if org is None or not isinstance(org.record, Organisatie):
                    continue  # reported by 'verwijzing'
                if org.record.soort != soort:
                    yield Melding(
                        geladen.bestand,
                        (veld, i),
                        f"'{org_id}' is een {org.record.soort.value}, geen {soort.value}",
                        f"zet '{org_id}' bij de {org.record.soort.value}",
                    )
                elif veld == "gemeenten":
                    if placed[org_id]:
                        yield Melding(
                            geladen.bestand,
                            (veld, i),
                            f"gemeente '{org_id}' zit al in cluster '{placed[org_id][0]}'",
                            "een gemeente hoort bij één cluster: haal haar uit een van beide",
                        )
                    placed[org_id].append(cluster.id)
                elif veld == "waterschappen":
                    placed[org_id].append(cluster.id)
    for geladen, partner in _records(ctx, "organisatie", Organisatie):
        soorten = (Organisatiesoort.GEMEENTE, Organisatiesoort.WATERSCHAP)
        if partner.partner and partner.soort in soorten and not placed[partner.id]:
            yield Melding(
                geladen.bestand,
                ("soort",),
                f"{partner.soort.value} '{partner.id}' zit in geen enkel cluster",
                "neem de organisatie op in een cluster, of zet 'partner: false'",
            )


def _cco(ctx: Context) -> Iterator[tuple[Geladen, Overleg]]:
    for geladen, overleg in _records(ctx, "overleg", Overleg):
        if overleg.soort == Overlegsoort.CLUSTERCOORDINATORENOVERLEG:
            yield geladen, overleg


@check(
    "coordinator",
    Ernst.FOUT,
    "elk cluster heeft een coördinator die in het clustercoördinatorenoverleg zit, "
    "en een waterteam dat hij voorzit",
)
def check_coordinators(ctx: Context) -> Iterator[Melding]:
    overleggen = list(_cco(ctx))
    if not overleggen:
        yield Melding(
            ctx.mappen["overleg"],
            (),
            "er is geen clustercoördinatorenoverleg",
            "maak een overleg met 'soort: clustercoordinatorenoverleg'",
        )
        return
    for extra, _ in overleggen[1:]:
        yield Melding(extra.bestand, ("soort",), "er mag maar één clustercoördinatorenoverleg zijn")
    cco_file, cco = overleggen[0]
    coordinators = {lid.persoon for lid in cco.leden if lid.rol == Rol.CLUSTERCOORDINATOR}
    seen: dict[str, str] = {}
    alle_overleggen = ctx.records.get("overleg", {})
    for geladen, cluster in _records(ctx, "cluster", Cluster):
        if cluster.coordinator in seen:
            yield Melding(
                geladen.bestand,
                ("coordinator",),
                f"'{cluster.coordinator}' is al coördinator van cluster "
                f"'{seen[cluster.coordinator]}'",
            )
        seen[cluster.coordinator] = cluster.id
        if cluster.coordinator not in coordinators:
            yield Melding(
                geladen.bestand,
                ("coordinator",),
                f"coördinator '{cluster.coordinator}' zit niet als clustercoördinator in "
                f"overleg '{cco.id}'",
                f"voeg '{{persoon: {cluster.coordinator}, rol: clustercoordinator}}' toe aan de "
                f"leden in {cco_file.bestand}",
            )
        team = alle_overleggen.get(cluster.waterteam)
        if team is None or not isinstance(team.record, Overleg):
            continue
        if team.record.soort != Overlegsoort.WATERTEAM or team.record.cluster != cluster.id:
            yield Melding(
                geladen.bestand,
                ("waterteam",),
                f"overleg '{team.record.id}' is niet het waterteam van dit cluster",
                f"zet in {team.bestand} 'soort: waterteam' en 'cluster: {cluster.id}'",
            )
        elif team.record.voorzitter != cluster.coordinator:
            yield Melding(
                team.bestand,
                ("voorzitter",),
                f"het waterteam wordt voorgezeten door de clustercoördinator "
                f"'{cluster.coordinator}', niet door '{team.record.voorzitter}'",
            )
    for i, lid in enumerate(cco.leden):
        if lid.rol == Rol.CLUSTERCOORDINATOR and lid.persoon not in seen:
            yield Melding(
                cco_file.bestand,
                ("leden", i, "persoon"),
                f"'{lid.persoon}' is clustercoördinator maar coördineert geen cluster",
                "maak hem coördinator van een cluster of geef hem een andere rol",
            )


@check("overleg", Ernst.FOUT, "voorzitter en secretaris zijn lid; leden staan er één keer in")
def check_bodies(ctx: Context) -> Iterator[Melding]:
    for geladen, overleg in _records(ctx, "overleg", Overleg):
        leden = [lid.persoon for lid in overleg.leden]
        for i, persoon in enumerate(leden):
            if persoon in leden[:i]:
                yield Melding(geladen.bestand, ("leden", i, "persoon"), f"'{persoon}' staat dubbel")
        for veld in ("voorzitter", "secretaris"):
            persoon = getattr(overleg, veld)
            if persoon not in leden:
                yield Melding(
                    geladen.bestand,
                    (veld,),
                    f"de {veld} '{persoon}' is geen lid van het overleg",
                    f"voeg '{persoon}' toe aan de leden",
                )
        if overleg.soort == Overlegsoort.WATERTEAM and overleg.cluster is None:
            yield Melding(
                geladen.bestand,
                ("soort",),
                "een waterteam hoort bij een cluster",
                "voeg 'cluster:' toe",
            )


@check(
    "vergadering", Ernst.FOUT, "id, tijden, aanwezigheid en besluiten van een vergadering kloppen"
)
def check_meetings(ctx: Context) -> Iterator[Melding]:
    for geladen, vergadering in _records(ctx, "vergadering", Vergadering):
        v = vergadering
        expected_id = f"{v.overleg}-{v.datum.isoformat()}"
        if v.id != expected_id:
            yield Melding(
                geladen.bestand,
                ("id",),
                f"het id van een vergadering is <overleg>-<datum>: '{expected_id}', niet '{v.id}'",
                f"hernoem het bestand naar {expected_id}.yaml en zet 'id: {expected_id}'",
            )
        if v.eindtijd <= v.begintijd:
            yield Melding(geladen.bestand, ("eindtijd",), "de eindtijd ligt niet na de begintijd")
        for i, persoon in enumerate(v.afgemeld):
            if persoon in v.aanwezig:
                yield Melding(
                    geladen.bestand,
                    ("afgemeld", i),
                    f"'{persoon}' staat zowel bij aanwezig als bij afgemeld",
                )
        if v.datum > ctx.vandaag and v.status in (
            Vergaderstatus.GEHOUDEN,
            Vergaderstatus.VERSLAG_VASTGESTELD,
        ):
            yield Melding(
                geladen.bestand,
                ("status",),
                f"de vergadering van {dutch.datum(v.datum)} kan nog niet '{v.status.value}' zijn",
            )
        for i, besluit in enumerate(v.besluiten):
            if besluit.agendapunt > len(v.agenda):
                yield Melding(
                    geladen.bestand,
                    ("besluiten", i, "agendapunt"),
                    f"agendapunt {besluit.agendapunt} bestaat niet; de agenda heeft "
                    f"{len(v.agenda)} punten",
                )
            if besluit.nummer[2:6] != str(v.datum.year):
                yield Melding(
                    geladen.bestand,
                    ("besluiten", i, "nummer"),
                    f"besluit {besluit.nummer} heeft een ander jaar dan de vergadering "
                    f"({v.datum.year})",
                )


@check("dubbel-id", Ernst.FOUT, "ids en besluitnummers zijn uniek")
def check_duplicates(ctx: Context) -> Iterator[Melding]:
    first: dict[str, str] = {}
    for geladen, vergadering in _records(ctx, "vergadering", Vergadering):
        for i, besluit in enumerate(vergadering.besluiten):
            if besluit.nummer in first:
                yield Melding(
                    geladen.bestand,
                    ("besluiten", i, "nummer"),
                    f"besluitnummer {besluit.nummer} is ook gebruikt in {first[besluit.nummer]}",
                    "geef dit besluit het volgende vrije nummer",
                )
            else:
                first[besluit.nummer] = geladen.bestand
    for geladen, cluster in _records(ctx, "cluster", Cluster):
        ids = Counter[str]()
        for i, activiteit in enumerate(cluster.programma):
            ids[activiteit.id] += 1
            if ids[activiteit.id] == 2:
                yield Melding(
                    geladen.bestand,
                    ("programma", i, "id"),
                    f"activiteit '{activiteit.id}' staat twee keer in het programma",
                )


def _order(
    bestand: str, pad: Pad, begin: dt.date | None, eind: dt.date | None
) -> Iterator[Melding]:
    if begin is not None and eind is not None and eind < begin:
        yield Melding(
            bestand,
            (*pad, "eind"),
            f"de einddatum ({dutch.datum(eind)}) ligt voor de begindatum ({dutch.datum(begin)})",
        )


@check(
    "datums", Ernst.FOUT, "begin voor eind; bijgewerkt, peildatum en afgerond niet in de toekomst"
)
def check_dates(ctx: Context) -> Iterator[Melding]:
    regio = ctx.regiorecord
    if regio is not None and ctx.regio is not None:
        yield from _order(
            ctx.regio.bestand, ("waterakkoord",), regio.waterakkoord.begin, regio.waterakkoord.eind
        )
    future = "ligt in de toekomst"
    for geladen, project in _records(ctx, "project", Project):
        yield from _order(
            geladen.bestand, ("periode",), project.periode.begin, project.periode.eind
        )
    for geladen, cluster in _records(ctx, "cluster", Cluster):
        for i, a in enumerate(cluster.programma):
            yield from _order(geladen.bestand, ("programma", i), a.begin, a.eind)
            if a.bijgewerkt > ctx.vandaag:
                yield Melding(
                    geladen.bestand, ("programma", i, "bijgewerkt"), f"'bijgewerkt' {future}"
                )
        for i, m in enumerate(cluster.metingen):
            if m.peildatum > ctx.vandaag:
                yield Melding(
                    geladen.bestand, ("metingen", i, "peildatum"), f"de peildatum {future}"
                )
    vergaderingen = ctx.records.get("vergadering", {})
    for geladen, actie in _records(ctx, "actie", Actie):
        if actie.afgerond_op is None:
            continue
        if actie.afgerond_op > ctx.vandaag:
            yield Melding(geladen.bestand, ("afgerond_op",), f"'afgerond_op' {future}")
        bron = vergaderingen.get(actie.vergadering or "")
        if bron and isinstance(bron.record, Vergadering) and actie.afgerond_op < bron.record.datum:
            yield Melding(
                geladen.bestand,
                ("afgerond_op",),
                "de actie is afgerond vóór de vergadering waarin ze is afgesproken "
                f"({dutch.datum(bron.record.datum)})",
            )


@check("meting", Ernst.FOUT, "metingen passen bij hun indicator en staan er één keer in")
def check_measurements(ctx: Context) -> Iterator[Melding]:
    for geladen, cluster in _records(ctx, "cluster", Cluster):
        seen: set[tuple[str, dt.date]] = set()
        for i, meting in enumerate(cluster.metingen):
            key = (meting.indicator, meting.peildatum)
            if key in seen:
                yield Melding(
                    geladen.bestand,
                    ("metingen", i),
                    f"indicator '{meting.indicator}' is al gemeten op "
                    f"{dutch.datum(meting.peildatum)}",
                )
            seen.add(key)
            indicator = ctx.indicatoren.get(meting.indicator)
            if indicator is None:
                continue
            is_bool = isinstance(meting.waarde, bool)
            if indicator.waardesoort == Waardesoort.JA_NEE and not is_bool:
                yield Melding(
                    geladen.bestand,
                    ("metingen", i, "waarde"),
                    f"indicator '{indicator.id}' is ja/nee; de waarde moet true of false zijn",
                )
            elif indicator.waardesoort == Waardesoort.GETAL and is_bool:
                yield Melding(
                    geladen.bestand,
                    ("metingen", i, "waarde"),
                    f"indicator '{indicator.id}' wordt gemeten in {indicator.eenheid}; "
                    "de waarde moet een getal zijn",
                )


@check("project", Ernst.FOUT, "een project is regionaal óf hoort bij clusters")
def check_projects(ctx: Context) -> Iterator[Melding]:
    for geladen, project in _records(ctx, "project", Project):
        if project.regionaal and project.clusters:
            yield Melding(
                geladen.bestand,
                ("clusters",),
                "een regionaal project noemt geen clusters",
                "laat 'clusters' weg of zet 'regionaal: false'",
            )
        elif not project.regionaal and not project.clusters:
            yield Melding(
                geladen.bestand,
                ("clusters",),
                "noem de clusters van het project, of zet 'regionaal: true'",
            )


@check("actie", Ernst.FOUT, "afgeronde acties hebben een afronddatum; agendapunten bestaan")
def check_actions(ctx: Context) -> Iterator[Melding]:
    vergaderingen = ctx.records.get("vergadering", {})
    for geladen, actie in _records(ctx, "actie", Actie):
        if actie.status == Actiestatus.AFGEROND and actie.afgerond_op is None:
            yield Melding(
                geladen.bestand,
                ("status",),
                "een afgeronde actie heeft 'afgerond_op'",
                "voeg de datum toe",
            )
        if actie.status != Actiestatus.AFGEROND and actie.afgerond_op is not None:
            yield Melding(
                geladen.bestand,
                ("afgerond_op",),
                f"de actie heeft status '{actie.status.value}' maar ook 'afgerond_op'",
                "zet 'status: afgerond' of verwijder 'afgerond_op'",
            )
        if actie.agendapunt is not None:
            bron = vergaderingen.get(actie.vergadering or "")
            if actie.vergadering is None:
                yield Melding(
                    geladen.bestand, ("agendapunt",), "een agendapunt zonder 'vergadering'"
                )
            elif (
                bron
                and isinstance(bron.record, Vergadering)
                and actie.agendapunt > len(bron.record.agenda)
            ):
                yield Melding(
                    geladen.bestand,
                    ("agendapunt",),
                    f"agendapunt {actie.agendapunt} bestaat niet in vergadering "
                    f"'{bron.record.id}' ({len(bron.record.agenda)} punten)",
                )


@check("actie-verlopen", Ernst.WAARSCHUWING, "open acties waarvan de deadline voorbij is")
def check_overdue(ctx: Context) -> Iterator[Melding]:
    for geladen, actie in _records(ctx, "actie", Actie):
        if actie.status == Actiestatus.OPEN and actie.deadline < ctx.vandaag:
            yield Melding(
                geladen.bestand,
                ("deadline",),
                f"de actie is verlopen: deadline {dutch.datum(actie.deadline)}",
                "rond de actie af, spreek een nieuwe deadline af of zet 'status: vervallen'",
            )


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@check(
    "programma-verouderd",
    Ernst.WAARSCHUWING,
    "clusterprogramma's die langer dan de afgesproken periode niet zijn bijgewerkt",
)
def check_stale_programmes(ctx: Context) -> Iterator[Melding]:
    regio = ctx.regiorecord
    months = regio.programma_verouderd_na_maanden if regio else 6
    grens = _months_before(ctx.vandaag, months)
    for geladen, cluster in _records(ctx, "cluster", Cluster):
        if not cluster.programma:
            yield Melding(
                geladen.bestand,
                ("naam",),
                "het cluster heeft geen programma",
                "voeg activiteiten toe",
            )
            continue
        laatst = max(a.bijgewerkt for a in cluster.programma)
        if laatst < grens:
            yield Melding(
                geladen.bestand,
                ("programma",),
                f"het programma is sinds {dutch.datum(laatst)} niet bijgewerkt "
                f"(langer dan {months} maanden)",
                "vraag de clustercoördinator het programma bij te werken",
            )


@check("project-besluit", Ernst.WAARSCHUWING, "goedgekeurde projecten noemen het besluit")
def check_project_decision(ctx: Context) -> Iterator[Melding]:
    approved = (Projectstatus.GOEDGEKEURD, Projectstatus.LOPEND, Projectstatus.AFGEROND)
    for geladen, project in _records(ctx, "project", Project):
        if project.status in approved and project.besluit is None:
            yield Melding(
                geladen.bestand,
                ("status",),
                f"project met status '{project.status.value}' zonder 'besluit'",
                "noem het besluitnummer waarmee het is goedgekeurd, bijv. 'besluit: B-2026-014'",
            )
