"""Write a synthetic data folder of realistic size for the benchmarks.

``python benchmarks/genereer.py MAP [--records N] [--seed S]`` writes about N records as
``MAP/data/<map>/<id>.yaml``. The same seed gives the same bytes. Every record is valid
against its model and every reference resolves; the rules of the cooperation hold
(one cluster per partner gemeente, coordinators in the clustercoördinatorenoverleg,
one waterteam per cluster chaired by its coordinator, unique besluitnummers, ...).

The files are written by :mod:`yaml_writer` (fast, and laid out as people write them);
the words come from :mod:`vocabulary`. Run it as a script or import it from a script in
this folder (``benchmarks/`` is not a package).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vocabulary import (
    CLUSTER_PREFIXES,
    FIRST_NAMES,
    INDICATORS,
    LAST_NAMES,
    MEASURES,
    PEILDATA,
    PLACE_ENDINGS,
    PLACE_STEMS,
    PROVINCES,
    SPEAKERS,
    THEMES,
    TOPICS,
)
from waterketen_cli.models.base import slugify
from yaml_writer import Quoted, Record, to_yaml

#: The reference date of the synthetic world; fixed so that output is deterministic.
TODAY = dt.date(2026, 11, 27)

#: Folder under data/ → the singular kind used in the schema file name.
KINDS: dict[str, str] = {
    "regio": "regio",
    "organisaties": "organisatie",
    "personen": "persoon",
    "clusters": "cluster",
    "overleggen": "overleg",
    "vergaderingen": "vergadering",
    "projecten": "project",
    "acties": "actie",
}


def slug(text: str, max_length: int = 60) -> str:
    """A lowercase id from a name (never empty)."""
    return slugify(text, max_length) or "x"


def _unique(base: str, taken: set[str], separator: str = "-") -> str:
    """``base``, or ``base<separator>2``, 3, … when taken; the result is marked taken."""
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}{separator}{number}"
        number += 1
    taken.add(candidate)
    return candidate


# --- the world ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    organisations: int
    persons: int
    clusters: int
    meetings: int
    projects: int
    actions: int

    @classmethod
    def for_records(cls, records: int) -> Counts:
        organisations = max(16, round(records * 0.02))
        persons = max(40, round(records * 0.08))
        clusters = min(60, max(2, round(records / 300)))
        meetings = max(12, round(records * 0.12))
        projects = max(6, round(records * 0.25))
        bodies = 3 + clusters + 2
        rest = records - 1 - organisations - persons - clusters - bodies - meetings - projects
        return cls(organisations, persons, clusters, meetings, projects, max(rest, 10))


@dataclass
class _Body:
    record: Record
    weight: int
    cluster: str | None = None

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def members(self) -> list[str]:
        return [lid["persoon"] for lid in self.record["leden"]]


@dataclass
class _Project:
    id: str
    titel: str
    regional: bool
    clusters: list[str]
    themes: list[str]
    trekker: str
    team: list[str]
    besluit: str | None = None
    approved_on: dt.date | None = None


@dataclass
class World:
    """Every record, grouped by folder under data/."""

    records: dict[str, list[Record]] = field(default_factory=lambda: {m: [] for m in KINDS})

    def add(self, folder: str, record: Record) -> None:
        self.records[folder].append(record)

    def __len__(self) -> int:
        return sum(len(r) for r in self.records.values())


class _Generator:
    def __init__(self, records: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counts = Counts.for_records(records)
        self.world = World()
        self.names: set[str] = set()
        self.cluster_names: set[str] = set()
        self.ids: set[str] = set()
        self.org_name: dict[str, str] = {}
        self.org_domain: dict[str, str] = {}
        self.persons_of: dict[str, list[str]] = {}
        self.partners: list[str] = []
        self.clusters: list[Record] = []
        self.cluster_place: dict[str, str] = {}
        self.bodies: list[_Body] = []
        self.projects: list[_Project] = []
        self.besluit_counter: dict[int, int] = {}

    # -- helpers --

    def place(self) -> str:
        for _ in range(1000):
            name = self.rng.choice(PLACE_STEMS) + self.rng.choice(PLACE_ENDINGS)
            if name not in self.names:
                self.names.add(name)
                return name
        return _unique(self.rng.choice(PLACE_STEMS) + "veen", self.names, " ")

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def sentence(self, subject: str) -> str:
        return self.rng.choice(
            (
                f"Afgesproken is om {subject} in het volgende overleg opnieuw te bespreken.",
                f"De partners leveren hun gegevens over {subject} voor het eind van het kwartaal.",
                f"Zie de notitie over {subject} in de stukken.",
                f"De uitvoering van {subject} loopt volgens planning.",
            )
        )

    # -- organisations and persons --

    def organisations(self) -> None:
        n = self.counts.organisations
        n_water_boards = max(2, round(self.counts.clusters / 5))
        n_water_companies = max(2, round(self.counts.clusters / 8))
        n_other = max(2, round(n * 0.08))
        n_municipalities = max(
            self.counts.clusters, n - len(PROVINCES) - n_water_boards - n_water_companies - n_other
        )
        n_non_partner = max(1, round(n_municipalities * 0.05))
        if n_municipalities - n_non_partner < self.counts.clusters:
            n_non_partner = 0
        specs: list[tuple[str, str, bool, str | None]] = []
        for index in range(n_municipalities):
            partner = index >= n_non_partner
            specs.append(("gemeente", self.place(), partner, self.rng.choice(PROVINCES)))
        specs += [("waterschap", self.place(), True, None) for _ in range(n_water_boards)]
        specs += [("waterbedrijf", self.place(), True, None) for _ in range(n_water_companies)]
        specs += [("provincie", province, False, province) for province in PROVINCES]
        for _ in range(n_other):
            kind = self.rng.choice(("Adviesbureau", "Ingenieursbureau", "Kennisinstituut"))
            specs.append(("overig", f"{kind} {self.place()}", False, None))
        for soort, name, partner, province in specs:
            display = {
                "gemeente": f"Gemeente {name}",
                "waterschap": f"Waterschap {name}",
                "waterbedrijf": f"Waterbedrijf {name}",
                "provincie": f"Provincie {name}",
            }.get(soort, name)
            org_id = _unique(f"{soort}-{slug(name)}" if soort != "overig" else slug(name), self.ids)
            domain = slug(name).replace("-", "") + ".nl"
            record: Record = {"id": org_id, "naam": display, "soort": soort}
            if not partner:
                record["partner"] = False
            if province:
                record["provincie"] = province
            if self.rng.random() < 0.8:
                record["website"] = f"https://www.{domain}"
            self.world.add("organisaties", record)
            self.org_name[org_id] = name
            self.org_domain[org_id] = domain
            self.persons_of[org_id] = []
            if partner:
                self.partners.append(org_id)

    def of_kind(self, soort: str, partner: bool = True) -> list[str]:
        return [
            r["id"]
            for r in self.world.records["organisaties"]
            if r["soort"] == soort and r.get("partner", True) == partner
        ]

    def person(self, org: str, functie: str, public: bool = False) -> str:
        first = self.rng.choice(FIRST_NAMES)
        last = self.rng.choice(LAST_NAMES)
        person_id = _unique(slug(f"{first} {last}"), self.ids)
        record: Record = {
            "id": person_id,
            "naam": f"{first} {last}",
            "organisatie": org,
            "functie": functie,
        }
        if self.rng.random() < 0.9:
            local = f"{slug(first)}.{slug(last).replace('-', '')}"
            record["email"] = f"{local}@{self.org_domain[org]}"
        if self.rng.random() < 0.7:
            area = self.rng.choice(("050", "0592", "0597", "0598", "0599"))
            digits = f"{self.rng.randint(100, 999)} {self.rng.randint(10, 99)} "
            record["telefoon"] = Quoted(f"{area} {digits}{self.rng.randint(10, 99)}")
        if public:
            record["naam_openbaar"] = True
        self.world.add("personen", record)
        self.persons_of[org].append(person_id)
        return person_id

    # -- clusters and bodies --

    def clusters_and_bodies(self) -> None:
        rng = self.rng
        municipalities = self.of_kind("gemeente")
        rng.shuffle(municipalities)
        water_boards = self.of_kind("waterschap")
        water_companies = self.of_kind("waterbedrijf")
        n = self.counts.clusters
        cuts = sorted(rng.sample(range(1, len(municipalities)), n - 1)) if n > 1 else []
        groups = [
            municipalities[a:b]
            for a, b in zip([0, *cuts], [*cuts, len(municipalities)], strict=True)
        ]
        host = groups[0][0]
        regisseur = self.person(host, "waterregisseur", public=True)
        communication = self.person(host, "communicatieadviseur")
        minutes = self.person(host, "notulist")
        board_members: list[str] = []
        coordinators: list[str] = []
        company_contact = {
            wb: self.person(wb, "accountmanager gemeenten") for wb in water_companies
        }
        for index, group in enumerate(groups):
            place = self.org_name[group[0]]
            name = _unique(rng.choice(CLUSTER_PREFIXES) + place, self.cluster_names, " ")
            cluster_id = _unique(slug(name, 40), self.ids)
            boards = [water_boards[index % len(water_boards)]]
            if rng.random() < 0.3 and len(water_boards) > 1:
                boards.append(water_boards[(index + 1) % len(water_boards)])
            companies = [water_companies[index % len(water_companies)]]
            coordinator = self.person(group[0], "clustercoördinator", public=rng.random() < 0.5)
            coordinators.append(coordinator)
            board_members.append(self.person(group[0], "wethouder", public=True))
            members = [{"persoon": coordinator, "rol": "clustercoordinator"}]
            for org in group + boards:
                functie = rng.choice(
                    ("beleidsadviseur riolering", "adviseur water", "adviseur waterketen")
                )
                role = rng.choice(("lid", "lid", "adviseur"))
                members.append({"persoon": self.person(org, functie), "rol": role})
            members[-1]["rol"] = "notulist"
            waterteam_id = f"waterteam-{cluster_id}"
            cluster: Record = {
                "id": cluster_id,
                "naam": name,
                "gemeenten": group,
                "waterschappen": boards,
                "waterbedrijven": companies,
                "coordinator": coordinator,
                "waterteam": waterteam_id,
            }
            self.clusters.append(cluster)
            self.cluster_place[cluster_id] = place
            body: Record = {
                "id": waterteam_id,
                "naam": f"Waterteam {name}",
                "soort": "waterteam",
                "cluster": cluster_id,
                "voorzitter": coordinator,
                "secretaris": members[-1]["persoon"],
                "leden": members,
                "agendaleden": [
                    {"organisatie": wb, "persoon": company_contact[wb], "voor": ["drinkwater"]}
                    for wb in companies
                ],
                "vaste_agendapunten": _standing_items(False),
                "begintijd": Quoted(rng.choice(("09:30", "10:00", "13:30"))),
                "locatie": f"Gemeentehuis {place}",
            }
            self.bodies.append(_Body(body, 6, cluster_id))
        for org in water_boards:
            board_members.append(self.person(org, rng.choice(("heemraad", "dijkgraaf")), True))
        for org in water_companies:
            board_members.append(self.person(org, "directeur", public=True))
        managers = [self.person(org, "manager") for org in water_boards + water_companies]
        managers += [self.person(group[0], "afdelingshoofd") for group in groups[:4]]
        staff = [
            {"persoon": regisseur, "rol": "waterregisseur"},
            {"persoon": minutes, "rol": "notulist"},
        ]
        stuurgroep: Record = {
            "id": "stuurgroep",
            "naam": "Stuurgroep Waterketen",
            "soort": "stuurgroep",
            "voorzitter": board_members[0],
            "secretaris": regisseur,
            "leden": [{"persoon": p, "rol": "bestuurder"} for p in board_members] + staff,
            "vaste_agendapunten": _standing_items(False),
            "begintijd": Quoted("15:00"),
            "locatie": "Provinciehuis, Groningen",
        }
        cco: Record = {
            "id": "clustercoordinatorenoverleg",
            "naam": "Clustercoördinatorenoverleg",
            "soort": "clustercoordinatorenoverleg",
            "voorzitter": coordinators[0],
            "secretaris": regisseur,
            "leden": [{"persoon": p, "rol": "clustercoordinator"} for p in coordinators]
            + [staff[0], {"persoon": communication, "rol": "communicatieadviseur"}, staff[1]],
            "agendaleden": [
                {"organisatie": wb, "persoon": contact, "voor": ["drinkwater", "communicatie"]}
                for wb, contact in company_contact.items()
            ],
            "vaste_agendapunten": _standing_items(True),
            "begintijd": Quoted("09:30"),
            "locatie": f"Gemeentehuis {self.org_name[host]}",
        }
        management: Record = {
            "id": "managementoverleg",
            "naam": "Managementoverleg Waterketen",
            "soort": "managementoverleg",
            "voorzitter": managers[0],
            "secretaris": regisseur,
            "leden": [{"persoon": p, "rol": "manager"} for p in managers] + staff[:1],
            "vaste_agendapunten": _standing_items(False),
            "begintijd": Quoted("13:00"),
            "locatie": "Online (Teams)",
        }
        self.bodies += [_Body(stuurgroep, 4), _Body(cco, 10), _Body(management, 4)]
        for theme in ("energietransitie", "klimaatadaptatie"):
            guests = [{"persoon": p, "rol": "clustercoordinator"} for p in coordinators[:3]]
            record: Record = {
                "id": f"themabijeenkomst-{theme}",
                "naam": f"Themabijeenkomst {theme}",
                "soort": "themabijeenkomst",
                "thema": theme,
                "voorzitter": regisseur,
                "secretaris": communication,
                "leden": [
                    staff[0],
                    {"persoon": communication, "rol": "communicatieadviseur"},
                    *guests,
                ],
                "begintijd": Quoted("14:00"),
                "locatie": "Zuivering Garnwerhoek",
            }
            self.bodies.append(_Body(record, 2))
        self.ids.update(b.id for b in self.bodies)
        # Fill up with people who own activities, projects and actions.
        weights = {"gemeente": 5, "waterschap": 12, "waterbedrijf": 8, "provincie": 3, "overig": 1}
        orgs = self.world.records["organisaties"]
        org_weights = [weights[str(o["soort"])] for o in orgs]
        functions = ("projectleider", "beleidsmedewerker", "specialist riolering", "adviseur")
        while len(self.world.records["personen"]) < self.counts.persons:
            org = rng.choices(orgs, org_weights)[0]["id"]
            self.person(org, rng.choice(functions))

    # -- projects --

    def plan_projects(self) -> None:
        rng = self.rng
        theme_ids = [t[0] for t in THEMES]
        cluster_ids = [c["id"] for c in self.clusters]
        for _ in range(self.counts.projects):
            regional = rng.random() < 0.2
            size = min(len(cluster_ids), rng.choice((1, 1, 1, 2, 3)))
            clusters = [] if regional else rng.sample(cluster_ids, size)
            place = "regio" if regional else self.cluster_place[clusters[0]]
            titel = f"{rng.choice(MEASURES)} {place}"
            pool = self._people_for(clusters)
            trekker = rng.choice(pool)
            team = [p for p in rng.sample(pool, min(len(pool), rng.randint(0, 4))) if p != trekker]
            project = _Project(
                id=_unique(slug(titel, 56), self.ids),
                titel=titel,
                regional=regional,
                clusters=clusters,
                themes=rng.sample(theme_ids, rng.choice((1, 1, 2, 3))),
                trekker=trekker,
                team=team,
            )
            self.projects.append(project)

    def _people_for(self, clusters: list[str]) -> list[str]:
        if not clusters:
            orgs = self.partners
        else:
            by_id = {c["id"]: c for c in self.clusters}
            orgs = [
                org
                for cid in clusters
                for org in by_id[cid]["gemeenten"] + by_id[cid]["waterschappen"]
            ]
        return [p for org in orgs for p in self.persons_of[org]] or [
            p for org in self.partners for p in self.persons_of[org]
        ]

    # -- meetings, decisions, actions --

    def meetings(self) -> list[tuple[Record, _Body]]:
        rng = self.rng
        last = TODAY + dt.timedelta(days=100)
        first = last - dt.timedelta(days=6 * 365)
        weekdays = [
            first + dt.timedelta(days=d)
            for d in range((last - first).days)
            if (first + dt.timedelta(days=d)).weekday() < 4
        ]
        total_weight = sum(b.weight for b in self.bodies)
        plan: list[tuple[dt.date, _Body]] = []
        remaining = self.counts.meetings
        for index, body in enumerate(self.bodies):
            left = len(self.bodies) - index - 1
            share = round(self.counts.meetings * body.weight / total_weight)
            count = remaining if left == 0 else min(share, remaining)
            count = min(max(count, 0), len(weekdays))
            remaining -= count
            plan += [(day, body) for day in rng.sample(weekdays, count)]
        plan.sort(key=lambda item: (item[0], item[1].id))
        pending_regional = [p for p in self.projects if p.regional]
        pending_by_cluster: dict[str, list[_Project]] = {}
        for project in self.projects:
            for cid in project.clusters[:1]:
                pending_by_cluster.setdefault(cid, []).append(project)
        previous: dict[str, str] = {}
        held: list[tuple[Record, _Body]] = []
        for day, body in plan:
            queue = (
                pending_by_cluster.get(body.cluster, [])
                if body.cluster
                else pending_regional
                if body.record["soort"] != "themabijeenkomst"
                else []
            )
            record = self.meeting(day, body, previous.get(body.id), queue)
            previous[body.id] = record["id"]
            self.world.add("vergaderingen", record)
            if record["status"] in ("gehouden", "verslag vastgesteld"):
                held.append((record, body))
        # The most recent meeting of a body waits for its minutes to be adopted.
        latest: dict[str, Record] = {}
        for record, body in held:
            latest[body.id] = record
        for record in latest.values():
            record["status"] = "gehouden"
        return held

    def meeting(
        self, day: dt.date, body: _Body, previous: str | None, queue: list[_Project]
    ) -> Record:
        rng = self.rng
        meeting_id = f"{body.id}-{day.isoformat()}"
        if day > TODAY:
            status = "uitgenodigd" if (day - TODAY).days <= 21 else "concept"
        else:
            status = "geannuleerd" if rng.random() < 0.03 else "verslag vastgesteld"
        held = status == "verslag vastgesteld"
        members = body.members
        away = rng.sample(members[1:], min(len(members) - 1, rng.choice((0, 1, 1, 2))))
        present = [p for p in members if p not in away]
        standing = body.record.get("vaste_agendapunten") or _standing_items(False)
        total = rng.randint(8, 12)
        n_items = max(0, total - len(standing))
        head = [s for s in standing if s["soort"] not in ("rondvraag", "sluiting")]
        tail = [s for s in standing if s["soort"] in ("rondvraag", "sluiting")]
        agenda: list[Record] = []
        for item in head:
            point: Record = {
                "titel": item["titel"],
                "soort": item["soort"],
                "behandelvorm": item.get("behandelvorm", "ter bespreking"),
                "duur": item.get("duur", 10),
            }
            if item["soort"] == "verslag" and previous:
                point["stukken"] = [
                    {
                        "titel": "Verslag vorige vergadering",
                        "bestand": f"stukken/{previous}/verslag.pdf",
                    }
                ]
            agenda.append(point)
        besluiten: list[Record] = []
        for _ in range(n_items):
            form = rng.choices(
                (
                    "ter besluitvorming",
                    "ter bespreking",
                    "ter informatie",
                    "ter kennisname",
                    "hamerstuk",
                ),
                (45, 25, 12, 9, 9),
            )[0]
            topic = rng.choice(TOPICS)
            project: _Project | None = None
            if form == "ter besluitvorming" and held and queue and rng.random() < 0.7:
                project = queue.pop(rng.randrange(len(queue)))
                title = f"Projectvoorstel {project.titel}"
            else:
                title = _capitalise(f"{topic} ({form.removeprefix('ter ')})")
            point = {
                "titel": title,
                "behandelvorm": form,
                "presentator": rng.choice(present),
                "duur": rng.choice((15, 20, 30, 30, 45)),
            }
            subject = f"projectplan {project.titel}" if project else topic
            papers = [
                {
                    "titel": rng.choice(("Notitie", "Voorstel", "Memo", "Presentatie"))
                    + f" {subject}",
                    "bestand": f"stukken/{meeting_id}/{slug(subject, 40)}-{n}.pdf",
                }
                for n in range(1, rng.choice((0, 1, 1, 2, 3)) + 1)
            ]
            if papers:
                point["stukken"] = papers
            if rng.random() < 0.05:
                point["vertrouwelijk"] = True
            if project:
                point["project"] = project.id
            guests = body.record.get("agendaleden", [])
            if guests and rng.random() < 0.25:
                point["agendaleden"] = [g["organisatie"] for g in guests]
            if held:
                point["afhandeling"] = (
                    "behandeld" if project or rng.random() < 0.9 else "aangehouden"
                )
            if rng.random() < 0.3:
                point["toelichting"] = self.sentence(topic)
            agenda.append(point)
            if (
                held
                and form in ("ter besluitvorming", "hamerstuk")
                and point["afhandeling"] == "behandeld"
            ):
                besluit = self.besluit(day, len(agenda), body, topic, project)
                if besluit:
                    besluiten.append(besluit)
        for item in tail:
            agenda.append(
                {
                    "titel": item["titel"],
                    "soort": item["soort"],
                    "behandelvorm": item.get("behandelvorm", "ter bespreking"),
                    "duur": item.get("duur", 10),
                }
            )
        if held:
            for point in agenda:
                point.setdefault("afhandeling", "behandeld")
        begin = dt.time.fromisoformat(str(body.record["begintijd"]))
        minutes = sum(int(p["duur"]) for p in agenda)
        end_minutes = min(begin.hour * 60 + begin.minute + -(-minutes // 15) * 15, 23 * 60 + 45)
        record: Record = {
            "id": meeting_id,
            "overleg": body.id,
            "datum": day,
            "begintijd": Quoted(begin.strftime("%H:%M")),
            "eindtijd": Quoted(f"{end_minutes // 60:02d}:{end_minutes % 60:02d}"),
            "locatie": str(body.record["locatie"]),
            "status": status,
            "agenda": agenda,
        }
        if held:
            record["aanwezig"] = present
            if away:
                record["afgemeld"] = away
        if besluiten:
            record["besluiten"] = besluiten
        return record

    def besluit(
        self, day: dt.date, number: int, body: _Body, topic: str, project: _Project | None
    ) -> Record | None:
        count = self.besluit_counter.get(day.year, 0) + 1
        if count > 999:
            return None
        self.besluit_counter[day.year] = count
        nummer = f"B-{day.year}-{count:03d}"
        speaker = {"stuurgroep": SPEAKERS[0], "waterteam": SPEAKERS[2]}.get(
            str(body.record["soort"]), SPEAKERS[1]
        )
        if project:
            amount = self.rng.randrange(10, 400) * 1000
            text = (
                f"{speaker} stelt het projectplan {project.titel} vast en stelt "
                f"€ {amount:,} beschikbaar.".replace(",", ".")
            )
            project.besluit, project.approved_on = nummer, day
            return {"nummer": nummer, "agendapunt": number, "tekst": text, "project": project.id}
        return {"nummer": nummer, "agendapunt": number, "tekst": f"{speaker} stemt in met {topic}."}

    def actions(self, held: list[tuple[Record, _Body]]) -> None:
        rng = self.rng
        if not held:
            return
        per_meeting = [0] * len(held)
        for _ in range(self.counts.actions):
            per_meeting[rng.randrange(len(held))] += 1
        cluster_ids = [c["id"] for c in self.clusters]
        for (meeting, body), count in zip(held, per_meeting, strict=True):
            agenda = meeting["agenda"]
            candidates = [i for i, p in enumerate(agenda, 1) if "soort" not in p] or [
                i for i, p in enumerate(agenda, 1) if p.get("soort") == "mededelingen"
            ]
            day: dt.date = meeting["datum"]
            for n in range(1, count + 1):
                number = rng.choice(candidates) if candidates else 1
                point = agenda[number - 1]
                deadline = day + dt.timedelta(days=rng.randint(14, 120))
                if deadline <= TODAY:
                    status = rng.choices(("afgerond", "vervallen", "open"), (85, 12, 3))[0]
                else:
                    status = rng.choices(("open", "afgerond"), (85, 15))[0]
                subject = rng.choice(TOPICS)
                action: Record = {
                    "id": f"{meeting['id']}-{n}",
                    "omschrijving": _capitalise(
                        rng.choice(
                            (
                                "notitie over {s} aanvullen met de reacties uit het overleg",
                                "afspraak plannen met de partners over {s}",
                                "stand van zaken van {s} agenderen voor de volgende vergadering",
                                "concept over {s} rondsturen aan de leden",
                                "bericht voor de nieuwsbrief schrijven over {s}",
                                "cijfers over {s} aanleveren voor het activiteitenoverzicht",
                            )
                        ).format(s=subject)
                    ),
                    "actiehouder": rng.choice(body.members),
                    "deadline": deadline,
                    "status": status,
                    "vergadering": meeting["id"],
                    "agendapunt": number,
                }
                if body.cluster:
                    action["cluster"] = body.cluster
                elif rng.random() < 0.2:
                    action["cluster"] = rng.choice(cluster_ids)
                if "project" in point:
                    action["project"] = point["project"]
                if status == "afgerond":
                    action["afgerond_op"] = self.date_between(
                        min(day + dt.timedelta(days=1), TODAY),
                        min(TODAY, deadline + dt.timedelta(days=30)),
                    )
                if rng.random() < 0.2:
                    action["toelichting"] = self.sentence(subject)
                self.world.add("acties", action)

    # -- records written last, when all references are known --

    def project_records(self) -> None:
        rng = self.rng
        for project in self.projects:
            if project.approved_on:
                begin = project.approved_on + dt.timedelta(days=rng.randint(7, 60))
            elif rng.random() < 0.85:  # a proposal still to be decided on
                begin = self.date_between(
                    TODAY + dt.timedelta(days=14), TODAY + dt.timedelta(days=400)
                )
            else:  # stopped before it was ever approved
                begin = self.date_between(TODAY - dt.timedelta(days=4 * 365), TODAY)
            end = begin + dt.timedelta(days=rng.randint(120, 1100))
            if project.approved_on:
                if end < TODAY:
                    status = "afgerond" if rng.random() < 0.9 else "gestopt"
                elif begin <= TODAY:
                    status = "lopend" if rng.random() < 0.95 else "gestopt"
                else:
                    status = "goedgekeurd"
            elif begin > TODAY:
                status = rng.choice(("idee", "voorstel"))
            else:
                status = "gestopt"
            record: Record = {
                "id": project.id,
                "titel": project.titel,
                "doel": f"{project.titel}: minder kosten, minder kwetsbaarheid en betere kwaliteit "
                f"in de waterketen van {'de regio' if project.regional else 'het cluster'}.",
            }
            if rng.random() < 0.6:
                steps = rng.sample(
                    (
                        "inventarisatie van de huidige situatie bij alle partners",
                        "gezamenlijke uitvraag aan de markt",
                        "pilot in een gemeente en evaluatie",
                        "uitrol naar de andere partners",
                        "overdracht aan de beheerorganisaties",
                    ),
                    3,
                )
                if rng.random() < 0.5:
                    record["aanpak"] = "In drie stappen:\n" + "\n".join(
                        f"{n}. {s}" for n, s in enumerate(steps, 1)
                    )
                else:
                    record["aanpak"] = _capitalise(", daarna ".join(steps)) + "."
            record["trekker"] = project.trekker
            if project.team:
                record["team"] = project.team
            if project.regional:
                record["regionaal"] = True
            else:
                record["clusters"] = project.clusters
            record["themas"] = project.themes
            record["status"] = status
            record["periode"] = {"begin": begin, "eind": end}
            milestones = sorted(
                self.date_between(begin, end) for _ in range(rng.choice((0, 1, 2, 3, 4)))
            )
            if milestones:
                record["mijlpalen"] = [
                    {
                        "titel": title,
                        "datum": when,
                        **({"gereed": True} if when <= TODAY and status != "idee" else {}),
                    }
                    for title, when in zip(
                        (
                            "Plan van aanpak gereed",
                            "Start uitvoering",
                            "Tussenevaluatie",
                            "Oplevering",
                        ),
                        milestones,
                        strict=False,
                    )
                ]
            if rng.random() < 0.5:
                record["effect"] = {
                    "kosten": "Lagere beheerkosten door gezamenlijke inkoop.",
                    "kwetsbaarheid": "Kennis is bij meer medewerkers geborgd.",
                }
            self._money(record, project, begin, end, status)
            if project.besluit:
                record["besluit"] = project.besluit
            self.world.add("projecten", record)

    def _money(
        self, record: Record, project: _Project, begin: dt.date, end: dt.date, status: str
    ) -> None:
        rng = self.rng
        if rng.random() < 0.2:
            return
        if project.regional:
            funders = self.partners
        else:
            by_id = {c["id"]: c for c in self.clusters}
            funders = [
                org
                for cid in project.clusters
                for org in by_id[cid]["gemeenten"] + by_id[cid]["waterschappen"]
            ]
        budget: list[Record] = []
        funding: list[Record] = []
        promised = status not in ("idee", "voorstel")
        for year in range(begin.year, min(end.year, begin.year + 3) + 1):
            total: int | float = 0
            for label in rng.sample(
                ("Projectleiding", "Onderzoek", "Uitvoering", "Communicatie"), 2
            ):
                amount: int | float = rng.randrange(5, 120) * 500
                if rng.random() < 0.1:
                    amount += 0.5
                budget.append({"omschrijving": label, "jaar": year, "bedrag": amount})
                total += amount
            payers = rng.sample(funders, min(len(funders), rng.randint(1, 3)))
            share = int(total // len(payers))
            for index, payer in enumerate(payers):
                paid = total - share * (len(payers) - 1) if index == len(payers) - 1 else share
                entry: Record = {"partner": payer, "jaar": year, "bedrag": paid}
                if not promised:
                    entry["status"] = "aangevraagd"
                funding.append(entry)
        record["begroting"] = budget
        record["financiering"] = funding

    def cluster_records(self) -> None:
        rng = self.rng
        theme_ids = [t[0] for t in THEMES]
        projects_of: dict[str, list[str]] = {}
        for project in self.projects:
            for cid in project.clusters:
                projects_of.setdefault(cid, []).append(project.id)
        regional = [p.id for p in self.projects if p.regional]
        bodies = {b.cluster: b for b in self.bodies if b.cluster}
        for cluster in self.clusters:
            cid = cluster["id"]
            place = self.cluster_place[cid]
            owners = bodies[cid].members
            taken: set[str] = set()
            activities: list[Record] = []
            for index in range(rng.randint(5, 10)):
                theme = "energietransitie" if index == 0 else rng.choice(theme_ids)
                title = f"{rng.choice(MEASURES)} {place}"
                status = rng.choice(("idee", "gepland", "lopend", "lopend", "afgerond", "gestopt"))
                activity: Record = {
                    "id": _unique(slug(title, 50), taken),
                    "titel": title,
                    "thema": theme,
                    "status": status,
                    "eigenaar": rng.choice(owners),
                }
                if status == "gepland":
                    begin = self.date_between(TODAY, TODAY + dt.timedelta(days=300))
                else:
                    begin = self.date_between(TODAY - dt.timedelta(days=900), TODAY)
                if status != "idee":
                    activity["begin"] = begin
                    if status in ("afgerond", "gestopt"):
                        activity["eind"] = self.date_between(begin, TODAY)
                    elif rng.random() < 0.5:
                        activity["eind"] = begin + dt.timedelta(days=rng.randint(60, 700))
                activity["bijgewerkt"] = self.date_between(TODAY - dt.timedelta(days=150), TODAY)
                candidates = projects_of.get(cid, []) + regional
                if candidates and rng.random() < 0.3:
                    activity["project"] = rng.choice(candidates)
                if rng.random() < 0.4:
                    activity["omschrijving"] = self.sentence(title[0].lower() + title[1:])
                activities.append(activity)
            cluster["programma"] = activities
            combos = [(ind, day) for ind in INDICATORS for day in PEILDATA]
            chosen = sorted(
                rng.sample(combos, min(len(combos), rng.randint(20, 40))),
                key=lambda c: (INDICATORS.index(c[0]), c[1]),
            )
            measurements: list[Record] = []
            for spec, day in chosen:
                if spec.boolean:
                    value: bool | float = day.year >= 2022 or rng.random() < 0.3
                else:
                    raw = rng.uniform(spec.low, spec.high)
                    value = round(raw, spec.decimals) if spec.decimals else round(raw)
                entry: Record = {
                    "indicator": spec.id,
                    "peildatum": day,
                    "waarde": value,
                    "bron": spec.bron or "eigen opgave",
                }
                if rng.random() < 0.1:
                    entry["toelichting"] = "Voorlopig cijfer, wordt na vaststelling bijgewerkt."
                measurements.append(entry)
            cluster["metingen"] = measurements
            self.world.add("clusters", cluster)

    def bodies_records(self) -> None:
        for body in self.bodies:
            self.world.add("overleggen", body.record)

    def regio(self) -> None:
        record: Record = {
            "id": "groningen-noord-drenthe",
            "naam": "Waterketen Groningen en Noord-Drenthe (synthetisch)",
            "waterakkoord": {
                "naam": "Ons Water centraal",
                "begin": dt.date(2020, 1, 1),
                "eind": dt.date(2027, 12, 31),
            },
            "themas": [
                {"id": i, "naam": n, "omschrijving": d, **({"regionaal": True} if r else {})}
                for i, n, d, r in THEMES
            ],
            "indicatoren": [
                {
                    "id": s.id,
                    "naam": s.naam,
                    "eenheid": s.eenheid,
                    "gebied": s.gebied,
                    "richting": s.richting,
                    **({"waardesoort": "ja/nee"} if s.boolean else {}),
                    **({"bron": s.bron} if s.bron else {}),
                }
                for s in INDICATORS
            ],
            "programma_verouderd_na_maanden": 6,
        }
        self.world.add("regio", record)

    def run(self) -> World:
        self.regio()
        self.organisations()
        self.clusters_and_bodies()
        self.plan_projects()
        held = self.meetings()
        self.actions(held)
        self.project_records()
        self.cluster_records()
        self.bodies_records()
        return self.world


def _standing_items(cco: bool) -> list[Record]:
    items: list[Record] = [
        {"titel": "Opening en vaststellen agenda", "soort": "opening", "duur": 5},
        {
            "titel": "Verslag en actielijst vorige vergadering",
            "soort": "verslag",
            "behandelvorm": "ter besluitvorming",
        },
        {
            "titel": "Ingekomen stukken",
            "soort": "ingekomen stukken",
            "behandelvorm": "ter kennisname",
            "duur": 5,
        },
        {"titel": "Mededelingen", "soort": "mededelingen", "behandelvorm": "ter informatie"},
    ]
    if cco:
        items += [
            {
                "titel": "Activiteitenoverzicht clusters",
                "soort": "activiteitenoverzicht",
                "duur": 20,
            },
            {"titel": "Communicatie", "soort": "communicatie", "duur": 10},
        ]
    items += [
        {"titel": "Rondvraag", "soort": "rondvraag", "duur": 5},
        {"titel": "Sluiting", "soort": "sluiting", "duur": 5},
    ]
    return items


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- public API --------------------------------------------------------------------------


def generate(records: int = 10_000, seed: int = 1) -> World:
    """Every record of a synthetic cooperation, in memory."""
    return _Generator(records, seed).run()


#: The lists whose order means nothing, per folder: ``waterketen fmt`` sorts them
#: (``canonical.UNORDERED``), so they are written sorted and the data is in canonical
#: form (``tests/test_vormcheck.py`` checks it). The generator keeps its own order, so
#: the same seed still makes the same choices.
SORTED_LISTS: dict[str, tuple[str, ...]] = {
    "clusters": ("gemeenten", "waterschappen", "waterbedrijven"),
    "vergaderingen": ("aanwezig", "afgemeld"),
}


def _sorted_lists(folder: str, record: Record) -> Record:
    """The record with its unordered lists sorted, the agendaleden of each agenda item
    of a meeting too."""
    names = SORTED_LISTS.get(folder, ())
    result = {k: sorted(v) if k in names else v for k, v in record.items()}
    if folder == "vergaderingen" and "agenda" in record:
        result["agenda"] = [
            {**p, "agendaleden": sorted(p["agendaleden"])} if "agendaleden" in p else p
            for p in record["agenda"]
        ]
    return result


def iter_files(world: World) -> Iterator[tuple[str, str]]:
    """(path relative to the data folder, text) for every record."""
    for folder, records in world.records.items():
        kind = KINDS[folder]
        for record in records:
            yield f"{folder}/{record['id']}.yaml", to_yaml(_sorted_lists(folder, record), kind)


def iter_stukken(world: World) -> Iterator[str]:
    """The path of every stuk of the meetings, relative to the repository (stukken/...)."""
    paths = {
        stuk["bestand"]
        for record in world.records.get("vergaderingen", [])
        for point in record.get("agenda", [])
        for stuk in point.get("stukken", [])
        if "bestand" in stuk
    }
    yield from sorted(paths)


#: What a synthetic stuk holds: validate only looks whether it is there.
STUK = b"%PDF-1.4\n%%EOF\n"


def write(target: Path, records: int = 10_000, seed: int = 1) -> int:
    """Write ``target/data/...`` and the stukken in ``target/stukken/...`` (as a data
    repository has them); returns the number of record files. The data folder must be
    new."""
    data = target / "data"
    if data.exists() and any(data.iterdir()):
        raise FileExistsError(f"{data} bestaat al en is niet leeg")
    for folder in KINDS:
        (data / folder).mkdir(parents=True, exist_ok=True)
    count = 0
    world = generate(records, seed)
    for relative, text in iter_files(world):
        (data / relative).write_text(text, encoding="utf-8")
        count += 1
    for relative in iter_stukken(world):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(STUK)
    return count


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Schrijf een synthetische datamap (MAP/data/...) voor de benchmarks."
    )
    parser.add_argument("map", type=Path, metavar="MAP", help="doelmap; data/ komt hierin")
    parser.add_argument(
        "--records", type=int, default=10_000, metavar="N", help="ongeveer zoveel records (10000)"
    )
    parser.add_argument(
        "--seed", type=int, default=1, metavar="S", help="zelfde seed, zelfde bestanden (1)"
    )
    args = parser.parse_args(None if argv is None else list(argv))
    if args.records < 1:
        parser.error("--records moet minstens 1 zijn")
    started = time.perf_counter()
    try:
        count = write(args.map, args.records, args.seed)
    except FileExistsError as error:
        print(f"fout: {error}; kies een nieuwe map", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"{count} bestanden geschreven in {args.map / 'data'} ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
