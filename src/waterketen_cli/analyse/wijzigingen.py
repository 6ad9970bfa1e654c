"""What changed in the data between two points, in the words of the people who keep it.

Pure functions of the two versions of each changed file plus the commit that changed
it last (:class:`waterketen_cli.git.Bestandsverschil`): no git, no files. Each changed
record becomes one :class:`Wijziging`: "project 'X' (x) toegevoegd", "cluster Waterpas:
activiteit 'Afkoppelprogramma hemelwater' status gepland → lopend", "actie
cco-2026-04-07-1 afgerond", with the field-level differences beside it for JSON.

Both versions are read with the reader of ``validate`` (:func:`records.yamlio.parse`),
so a comparison never fails on a file: what does not parse is said to be unreadable.
A file whose records are equal (only layout or quoting changed) is counted, not
listed; a changed comment is listed, because people write comments for each other.

What goes by kind comes from the models where it can: which field places a record in
its clusters (marked ``Indeling``), whether a new record says its status (it has a
``status`` field). What is said in words of one kind stays here: a cluster by its
name, the summary of a new action or meeting, an action's change of status as an
event (afgerond, vervallen, heropend).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from waterketen_cli import dutch
from waterketen_cli.git import Bestandsverschil, Commit
from waterketen_cli.records.yamlio import parse
from waterketen_cli.soorten import SOORT_PER_MAP, SOORT_PER_NAAM, SOORTEN

#: The heading of the records that belong to no cluster.
REGIO = "Regio / overleggen"

TOEGEVOEGD, VERWIJDERD, GEWIJZIGD, ONGELDIG = "toegevoegd", "verwijderd", "gewijzigd", "ongeldig"
#: Not a change of a file: a confidentiality that ended in the period.
OPENBAAR = "openbaar geworden"


@dataclass(frozen=True)
class Veld:
    """One difference at a path in the record (``programma[afkoppelprogramma].status``;
    the empty path is the whole record)."""

    pad: str
    oud: Any
    nieuw: Any


@dataclass(frozen=True)
class Wijziging:
    """One changed record file."""

    soort: str
    id: str
    bestand: str
    clusters: tuple[str, ...]
    aard: str  # toegevoegd, verwijderd, gewijzigd, ongeldig
    kop: str  # "project afkoppelen-waterpas", "actie cco-2026-04-07-1 afgerond"
    delen: tuple[str, ...]  # "status voorstel → lopend", ...
    velden: tuple[Veld, ...]
    commit: Commit | None  # None: niet gecommit

    @property
    def wat(self) -> str:
        return self.kop + (": " + "; ".join(self.delen) if self.delen else "")


@dataclass(frozen=True)
class Groep:
    """The changes of one cluster (or of the region), per kind in the usual order."""

    titel: str
    cluster: str | None
    soorten: list[tuple[str, list[Wijziging]]]


@dataclass
class Wijzigingen:
    lijst: list[Wijziging]  # in a fixed order: kind, id, file
    alleen_opmaak: list[str] = field(default_factory=list)  # files whose records are equal
    clusternamen: dict[str, str] = field(default_factory=dict)

    def telling(self) -> Counter[str]:
        return Counter(w.aard for w in self.lijst)

    def groepen(self) -> list[Groep]:
        """Per cluster (by name), then the records of no cluster; a project of several
        clusters is under each of them."""
        per: dict[str | None, list[Wijziging]] = {}
        for w in self.lijst:
            for cluster in w.clusters or (None,):
                per.setdefault(cluster, []).append(w)
        ids: list[str] = [c for c in per if c is not None]
        ids.sort(key=lambda c: (self.clusternamen.get(c) or c).casefold())
        groepen = []
        for cluster in [*ids, None]:
            if cluster not in per:
                continue
            soorten = [
                (s.naam, [w for w in per[cluster] if w.soort == s.naam])
                for s in SOORTEN
                if any(w.soort == s.naam for w in per[cluster])
            ]
            titel = REGIO if cluster is None else self.clusternamen.get(cluster, cluster)
            groepen.append(Groep(titel, cluster, soorten))
        return groepen

    def samenvatting(self) -> str:
        """'12 wijzigingen: 3 toegevoegd, 1 verwijderd, 8 gewijzigd'."""
        telling = self.telling()
        n = len(self.lijst)
        if not n:
            tekst = "geen wijzigingen in de records"
        else:
            delen = [
                f"{telling[a]} {a}"
                for a in (TOEGEVOEGD, VERWIJDERD, GEWIJZIGD, OPENBAAR)
                if telling[a]
            ]
            if telling[ONGELDIG]:
                delen.append(f"{telling[ONGELDIG]} niet te vergelijken")
            tekst = f"{dutch.aantal(n, 'wijziging', 'wijzigingen')}: {', '.join(delen)}"
        if self.alleen_opmaak:
            m = len(self.alleen_opmaak)
            tekst += f"; {dutch.aantal(m, 'bestand', 'bestanden')} alleen anders opgemaakt"
        return tekst


def vergelijk(
    verschillen: Iterable[Bestandsverschil], clusternamen: dict[str, str] | None = None
) -> Wijzigingen:
    """The record-level changes of the changed files; files that are no record (outside
    the kinds' folders, not ``.yaml``) are left out."""
    result = Wijzigingen([], [], dict(clusternamen or {}))
    for verschil in verschillen:
        soort = _soort(verschil.pad)
        if soort is None:
            continue
        wijziging = vergelijk_bestand(soort, verschil)
        if wijziging is None:
            result.alleen_opmaak.append(verschil.pad)
            continue
        result.lijst.append(wijziging)
        for veld in wijziging.velden if soort == "cluster" else ():
            data = veld.nieuw or veld.oud
            if veld.pad == "" and isinstance(data, dict) and isinstance(data.get("naam"), str):
                result.clusternamen.setdefault(wijziging.id, data["naam"])
    volgorde = {s.naam: i for i, s in enumerate(SOORTEN)}
    result.lijst.sort(key=lambda w: (volgorde[w.soort], w.id, w.bestand))
    result.alleen_opmaak.sort()
    return result


def _soort(pad: str) -> str | None:
    delen = pad.split("/")
    if len(delen) < 2 or not delen[-1].endswith(".yaml"):
        return None
    soort = SOORT_PER_MAP.get(delen[-2])
    return soort.naam if soort else None


def _lees(raw: bytes | None) -> tuple[dict[str, Any] | None, bool]:
    """The record, and whether the file is readable (a missing file is)."""
    if raw is None:
        return None, True
    data, _problems = parse(raw)
    return (data, True) if isinstance(data, dict) else (None, False)


def vergelijk_bestand(soort: str, verschil: Bestandsverschil) -> Wijziging | None:
    """The change of one file; None when its record did not change (layout only)."""
    stem = verschil.pad.rsplit("/", 1)[-1].removesuffix(".yaml")
    oud, oud_leesbaar = _lees(verschil.oud)
    nieuw, nieuw_leesbaar = _lees(verschil.nieuw)
    record_id = next(
        (d["id"] for d in (nieuw, oud) if d is not None and isinstance(d.get("id"), str)), stem
    )

    def maak(aard: str, kop: str, delen: list[str], velden: list[Veld]) -> Wijziging:
        return Wijziging(
            soort,
            record_id,
            verschil.pad,
            _clusters(soort, record_id, oud, nieuw),
            aard,
            kop,
            tuple(delen),
            tuple(velden),
            verschil.commit,
        )

    bestand = f"bestand {verschil.pad}"
    if not nieuw_leesbaar:
        return maak(ONGELDIG, f"{bestand} is geen geldige YAML (niet te vergelijken)", [], [])
    if not oud_leesbaar:
        if nieuw is None:
            return maak(VERWIJDERD, f"{bestand} verwijderd (was geen geldige YAML)", [], [])
        return maak(ONGELDIG, f"{bestand} was geen geldige YAML (niet te vergelijken)", [], [])
    if oud is None and nieuw is not None:
        kop = f"{soort} {_naam(nieuw, record_id)} toegevoegd"
        return maak(TOEGEVOEGD, kop, _samenvatting(soort, nieuw), [Veld("", None, nieuw)])
    if nieuw is None and oud is not None:
        return maak(
            VERWIJDERD, f"{soort} {_naam(oud, record_id)} verwijderd", [], [Veld("", oud, None)]
        )
    assert oud is not None and nieuw is not None
    commentaar = _commentaar(verschil.oud) != _commentaar(verschil.nieuw)
    if oud == nieuw:
        return (
            maak(GEWIJZIGD, _kop(soort, record_id, nieuw), ["alleen commentaar gewijzigd"], [])
            if commentaar
            else None
        )
    velden: list[Veld] = []
    _dict(oud, nieuw, "", [], velden)
    kop = _kop(soort, record_id, nieuw)
    gebeurtenis = _gebeurtenis(oud, nieuw) if soort == "actie" else None
    if gebeurtenis:
        kop += f" {gebeurtenis}"
        weg = ("status", "afgerond_op")
        oud = {k: v for k, v in oud.items() if k not in weg}
        nieuw = {k: v for k, v in nieuw.items() if k not in weg}
    delen: list[str] = []
    _dict(oud, nieuw, "", delen, [])
    if commentaar:
        delen.append("commentaar gewijzigd")
    if not delen and not gebeurtenis:
        return None  # only the order of a list without meaningful order
    return maak(GEWIJZIGD, kop, delen, velden)


def _naam(data: dict[str, Any], record_id: str) -> str:
    titel = data.get("titel") or data.get("naam")
    return f"'{_regel(titel)}' ({record_id})" if isinstance(titel, str) else record_id


def _kop(soort: str, record_id: str, data: dict[str, Any]) -> str:
    naam = data.get("naam")
    if soort == "cluster" and isinstance(naam, str):
        return f"cluster {_regel(naam)}"
    return f"{soort} {record_id}"


def _samenvatting(soort: str, data: dict[str, Any]) -> list[str]:
    """What a new record is, in a few words."""
    if soort == "actie":
        return [
            f"{_regel(data.get('omschrijving', ''))} ({data.get('actiehouder')}, "
            f"deadline {_toon('deadline', data.get('deadline'))})"
        ]
    if soort == "vergadering":
        return [f"{_toon('datum', data.get('datum'))}, status {data.get('status')}"]
    if _met_status(soort) and data.get("status"):
        return [f"status {data['status']}"]
    return []


@cache
def _met_status(soort: str) -> bool:
    """Whether records of the kind have a status (a project, an agenda proposal)."""
    return "status" in SOORT_PER_NAAM[soort].model.model_fields


@cache
def _indeling(soort: str) -> tuple[tuple[str, bool], ...]:
    """The fields that place a record of the kind in clusters: (name, is_list)."""
    from waterketen_cli.models.introspect import cluster_fields

    return cluster_fields(SOORT_PER_NAAM[soort].model)


def _clusters(soort: str, record_id: str, *versies: dict[str, Any] | None) -> tuple[str, ...]:
    """The clusters a record belongs to: the cluster itself, or what its fields marked
    ``Indeling`` name (a project's clusters, an action's cluster), in either version:
    moving a project concerns both."""
    found: set[str] = set()
    velden = _indeling(soort)
    for data in versies:
        if data is None:
            continue
        if soort == "cluster":
            found.add(record_id)
        for naam, is_list in velden:
            waarde = data.get(naam)
            if is_list and isinstance(waarde, list):
                found |= {c for c in waarde if isinstance(c, str)}
            elif not is_list and isinstance(waarde, str):
                found.add(waarde)
    return tuple(sorted(found))


def _gebeurtenis(oud: dict[str, Any], nieuw: dict[str, Any]) -> str | None:
    """An action's change of status as the event it is: afgerond, vervallen, heropend."""
    voor, na = oud.get("status"), nieuw.get("status")
    if voor == na or na not in ("afgerond", "vervallen", "open"):
        return None
    if na == "open":
        return "heropend"
    op = nieuw.get("afgerond_op")
    if na == "afgerond" and isinstance(op, str) and op != oud.get("afgerond_op"):
        return f"afgerond op {_toon('afgerond_op', op)}"
    return str(na)


_COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def _commentaar(raw: bytes | None) -> Counter[str]:
    """The comments of a file, wherever they stand (a formatter may move them): found
    with libyaml's scanner, so a '#' inside a value is not taken for a comment."""
    from waterketen_cli.records.canonical import VormFout, comments

    text = (raw or b"").decode("utf-8", "replace").replace("\r\n", "\n")
    try:
        return Counter(comments(text))
    except VormFout:  # not YAML: count the lines that look like comments
        found: Counter[str] = Counter()
        for line in text.splitlines():
            match = _COMMENT.search(line)
            if match:
                found[match[1].rstrip()] += 1
        return found


# --- the differences of two records ----------------------------------------------------


@dataclass(frozen=True)
class _Lijst:
    """A list of mappings, matched item by item on a key."""

    enkel: str  # what one item is called: "activiteit"
    sleutel: Callable[[dict[str, Any]], str]
    label: Callable[[dict[str, Any]], str] | None = None  # default: the key
    extra: Callable[[dict[str, Any]], str] | None = None  # said of a new item
    voor: str = ""  # "begroting: "
    bundel: str = ""  # the plural, to say several new items at once: "2 besluiten toegevoegd (…)"
    volgorde: bool = False  # the order means something (agenda numbering)

    def naam(self, item: dict[str, Any]) -> str:
        return (self.label or self.sleutel)(item)


def _get(*keys: str) -> Callable[[dict[str, Any]], str]:
    return lambda d: " ".join(str(d.get(k, "")) for k in keys).strip()


def _titel(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda d: f"'{_regel(d.get(key, ''))}'"


def _tussen(*keys: str) -> Callable[[dict[str, Any]], str]:
    """' (2027, € 100.000,00)': values of a new item, as people write them."""
    return lambda d: " (" + ", ".join(_toon(k, d.get(k, _STANDAARD.get(k))) for k in keys) + ")"


_STANDAARD = {"status": "toegezegd"}  # a contribution without status is promised

_LIJSTEN: dict[str, _Lijst] = {
    "programma": _Lijst("activiteit", _get("id"), _titel("titel"), _tussen("status")),
    "metingen": _Lijst("meting", _get("indicator", "peildatum"), extra=_tussen("waarde")),
    "besluiten": _Lijst("besluit", _get("nummer"), bundel="besluiten"),
    "begroting": _Lijst(
        "regel",
        _get("omschrijving", "jaar"),
        _titel("omschrijving"),
        _tussen("jaar", "bedrag"),
        voor="begroting: ",
    ),
    "financiering": _Lijst(
        "bijdrage",
        _get("partner", "jaar"),
        extra=_tussen("bedrag", "status"),
        voor="financiering: ",
    ),
    "mijlpalen": _Lijst("mijlpaal", _get("titel"), _titel("titel"), _tussen("datum")),
    "agenda": _Lijst("agendapunt", _get("titel"), _titel("titel"), volgorde=True),
    "leden": _Lijst("lid", _get("persoon"), extra=_tussen("rol")),
    "agendaleden": _Lijst("agendalid", _get("organisatie", "persoon")),
    "vaste_agendapunten": _Lijst("vast agendapunt", _get("titel"), _titel("titel")),
    "stukken": _Lijst("stuk", _get("titel"), _titel("titel")),
    "themas": _Lijst("thema", _get("id"), _titel("naam")),
    "indicatoren": _Lijst("indicator", _get("id"), _titel("naam")),
}

#: Any other list of mappings: matched on the whole item.
_ANDERS = _Lijst("onderdeel", lambda d: repr(sorted(d.items())))


def _pad(pad: str, key: str) -> str:
    return f"{pad}.{key}" if pad else key


def _dict(
    oud: dict[str, Any], nieuw: dict[str, Any], pad: str, delen: list[str], velden: list[Veld]
) -> None:
    """The differences of two mappings, field by field in the order of the new one."""
    keys = list(nieuw) + [k for k in oud if k not in nieuw]
    for key in keys:
        a, b = oud.get(key), nieuw.get(key)
        if a == b or (a in (None, []) and b in (None, [])):  # an empty list is no list
            continue
        waar = _pad(pad, str(key))
        if isinstance(a, list | type(None)) and isinstance(b, list | type(None)) and (a or b):
            items = (a or []) + (b or [])
            if all(isinstance(i, dict) for i in items):
                _lijst(str(key), a or [], b or [], waar, delen, velden)
            else:
                _waarden(str(key), a or [], b or [], waar, delen, velden)
        elif isinstance(a, dict) and isinstance(b, dict):
            sub: list[str] = []
            _dict(a, b, waar, sub, velden)
            delen.extend(f"{key} {d}" for d in sub)
        else:
            velden.append(Veld(waar, a, b))
            delen.append(_scalar(str(key), a, b))


def _scalar(key: str, a: Any, b: Any) -> str:
    lang = any(isinstance(v, dict | list) or len(str(v)) > 60 for v in (a, b) if v is not None)
    if a is None:
        return f"{key} ingevuld" if lang else f"{key} ingevuld ({_toon(key, b)})"
    if b is None:
        return f"{key} verwijderd" if lang else f"{key} verwijderd (was {_toon(key, a)})"
    return f"{key} gewijzigd" if lang else f"{key} {_toon(key, a)} → {_toon(key, b)}"


def _waarden(
    key: str, a: list[Any], b: list[Any], pad: str, delen: list[str], velden: list[Veld]
) -> None:
    """A list of plain values (people, organisations, themes): what came and went.
    Their order carries no meaning."""
    erbij = list((Counter(map(repr, b)) - Counter(map(repr, a))).elements())
    eraf = list((Counter(map(repr, a)) - Counter(map(repr, b))).elements())
    if not erbij and not eraf:
        return
    toon = {repr(v): _toon(key, v) for v in a + b}
    zinnen = []
    if erbij:
        zinnen.append(f"{', '.join(toon[v] for v in erbij)} toegevoegd")
    if eraf:
        zinnen.append(f"{', '.join(toon[v] for v in eraf)} verwijderd")
    velden.append(Veld(pad, a, b))
    delen.append(f"{key}: {', '.join(zinnen)}")


def _keyed(items: list[dict[str, Any]], spec: _Lijst) -> dict[str, dict[str, Any]]:
    """Items by key; a key used twice gets a number, so nothing is lost."""
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        key = spec.sleutel(item)
        n = 2
        unique = key
        while unique in out:
            unique, n = f"{key} #{n}", n + 1
        out[unique] = item
    return out


def _lijst(
    key: str,
    a: list[dict[str, Any]],
    b: list[dict[str, Any]],
    pad: str,
    delen: list[str],
    velden: list[Veld],
) -> None:
    spec = _LIJSTEN.get(key, _ANDERS)
    oud, nieuw = _keyed(a, spec), _keyed(b, spec)
    for woord, bron, andere in ((TOEGEVOEGD, nieuw, oud), (VERWIJDERD, oud, nieuw)):
        keys = [k for k in bron if k not in andere]
        for k in keys:
            paar = (None, bron[k]) if woord == TOEGEVOEGD else (bron[k], None)
            velden.append(Veld(f"{pad}[{k}]", *paar))
        if not keys:
            continue
        if spec is _ANDERS:
            delen.append(f"{key}: {len(keys)} {woord}")
        elif spec.bundel and len(keys) > 1:
            labels = ", ".join(spec.naam(bron[k]) for k in keys)
            delen.append(f"{spec.voor}{len(keys)} {spec.bundel} {woord} ({labels})")
        else:
            for k in keys:
                extra = spec.extra(bron[k]) if spec.extra and woord == TOEGEVOEGD else ""
                delen.append(f"{spec.voor}{spec.enkel} {spec.naam(bron[k])} {woord}{extra}")
    for k in nieuw:
        if k in oud and oud[k] != nieuw[k]:
            sub: list[str] = []
            _dict(oud[k], nieuw[k], f"{pad}[{k}]", sub, velden)
            if sub:
                delen.append(f"{spec.voor}{spec.enkel} {spec.naam(nieuw[k])} {', '.join(sub)}")
    blijven = [k for k in nieuw if k in oud]
    if spec.volgorde and blijven != [k for k in oud if k in nieuw]:
        velden.append(Veld(pad, a, b))
        delen.append(f"{key}: volgorde gewijzigd")


_DATUM = re.compile(r"\d{4}-\d{2}-\d{2}")


def _toon(key: str, value: Any) -> str:
    """A value as people write it: 14 april 2026, € 1.250,50, ja, 7,9."""
    if value is None:
        return "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if key == "bedrag" and isinstance(value, int | float):
        return dutch.bedrag(value)
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, str) and _DATUM.fullmatch(value):
        from datetime import date

        try:
            return dutch.datum(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(_toon(key, v) for v in value)
    text = _regel(value)
    return f"'{text}'" if " " in text else text


def _regel(value: Any) -> str:
    return " ".join(str(value).split())


# --- for the overview ---------------------------------------------------------------------

_ACTIVITEIT = re.compile(r"^programma\[([^\]]+)\]")


def gewijzigd_in_overzicht(wijzigingen: Wijzigingen) -> tuple[set[str], set[tuple[str, str]]]:
    """Projects that are new or changed, and activities (cluster, id) that are new or
    changed: what the activity overview marks."""
    projecten: set[str] = set()
    activiteiten: set[tuple[str, str]] = set()
    for w in wijzigingen.lijst:
        if w.aard not in (TOEGEVOEGD, GEWIJZIGD):
            continue
        if w.soort == "project":
            projecten.add(w.id)
        elif w.soort == "cluster":
            for veld in w.velden:
                if veld.pad == "" and isinstance(veld.nieuw, dict):
                    programma = veld.nieuw.get("programma")
                    for a in programma if isinstance(programma, list) else []:
                        if isinstance(a, dict) and isinstance(a.get("id"), str):
                            activiteiten.add((w.id, a["id"]))
                match = _ACTIVITEIT.match(veld.pad)
                if match and (veld.nieuw is not None or veld.pad != match[0]):
                    activiteiten.add((w.id, match[1]))
    return projecten, activiteiten


def besluiten_in(raw: bytes | None) -> set[str]:
    """The decision numbers in a meeting file's text (none when it does not parse)."""
    data, _ = _lees(raw)
    besluiten = data.get("besluiten") if data else None
    if not isinstance(besluiten, list):
        return set()
    return {
        b["nummer"] for b in besluiten if isinstance(b, dict) and isinstance(b.get("nummer"), str)
    }


def openbaar_geworden(
    records: Iterable[tuple[str, Any]],
    van: dt.date | None,
    tot: dt.date,
    nieuwe_besluiten: set[str],
) -> list[Wijziging]:
    """What became public in the period (``van``, ``tot``]: a confidentiality whose end
    date fell in it, or whose lifting decision was recorded in it. ``records``: the
    meetings and agenda proposals at the end, as (file, model)."""
    from waterketen_cli.models.records import Agendavoorstel, Vergadering

    def ended(item: Any) -> str | None:
        einde = item.vertrouwelijk_tot
        if not item.vertrouwelijk or einde is None:
            return None
        if isinstance(einde, dt.date):
            if (van is None or van < einde) and einde <= tot:
                return f"geheimhouding tot {dutch.datum(einde)}"
            return None
        return f"geheimhouding opgeheven met besluit {einde}" if einde in nieuwe_besluiten else None

    found: list[Wijziging] = []

    def add(soort: str, record_id: str, bestand: str, wat: str, waarom: str) -> None:
        found.append(
            Wijziging(
                soort,
                record_id,
                bestand,
                (),
                OPENBAAR,
                f"{wat} {OPENBAAR} ({waarom})",
                (),
                (),
                None,
            )
        )

    for bestand, record in records:
        if isinstance(record, Agendavoorstel):
            items: list[tuple[str, Any]] = [
                (f"agendavoorstel {record.id} '{record.titel}'", record)
            ]
            items += [
                (f"stuk '{s.titel}' bij agendavoorstel {record.id}", s) for s in record.stukken
            ]
            soort = "agendavoorstel"
        elif isinstance(record, Vergadering):
            items = []
            for n, punt in enumerate(record.agenda, start=1):
                items.append((f"vergadering {record.id}: agendapunt {n} '{punt.titel}'", punt))
                items += [
                    (f"vergadering {record.id}: stuk '{s.titel}' bij agendapunt {n}", s)
                    for s in punt.stukken
                ]
            items += [(f"vergadering {record.id}: besluit {b.nummer}", b) for b in record.besluiten]
            soort = "vergadering"
        else:
            continue
        for wat, item in items:
            waarom = ended(item)
            if waarom is not None:
                add(soort, record.id, bestand, wat, waarom)
    return found
