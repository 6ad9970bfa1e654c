"""``waterketen nieuwsbrief new``: the draft of the next newsletter, from what happened
since the previous one.

**The period** runs from the day after the previous newsletter's ``datum`` up to and
including the new one's; before the first newsletter, the three months before it
(:data:`EERSTE_MAANDEN`). The draft says which, in its first line.

**Only public facts.** Everything in a newsletter is published, so the draft is made
from the public view (``publiek.publiek``) and from nothing else: a confidential item,
its decisions and its stukken are not there, people appear only as the view names
them (the draft names no one), the mailing list and actions are not part of it.

**What changed** comes from git, with the machinery of ``waterketen wijzigingen``
(:func:`waterketen_cli.analyse.wijzigingen.vergelijk` between the last commit of the
previous newsletter's day and the working tree): projects added, projects whose status
became ``lopend``, milestones that became ``gereed``, measurements added to a cluster,
and write-ups (``terugblik``) written. Only the ids come from there: what the draft
says of them comes from the public view. Outside git, or when git's history begins
after the period's start, the dates alone tell (a project that began in the period, a
milestone reached in it, a measurement with its peildatum in it), and the draft says so.

**The sections** (each only when it has something):

- *Projecten*: new projects, projects that started, milestones reached;
- *Besluiten*: per meeting of the stuurgroep and the clustercoördinatorenoverleg held in
  the period, its public decisions ("onder voorbehoud" until its minutes are adopted);
- *Terugblik*: the write-ups of themabijeenkomsten held or written up in the period,
  as the safe Markdown subset (:mod:`waterketen_cli.markdown_subset`);
- *Monitor*: new measurements that moved notably (:data:`OPVALLEND` per cent or more,
  or a ja/nee indicator that turned) compared with the cluster's previous measurement;
- *Agenda*: themabijeenkomsten and meetings of the stuurgroep and the
  clustercoördinatorenoverleg in the next :data:`AGENDA_MAANDEN` months.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from waterketen_cli import dutch
from waterketen_cli.datums import maanden_terug
from waterketen_cli.errors import WaterketenError
from waterketen_cli.models.records import Cluster, Overleg, Project, Regio, Vergadering
from waterketen_cli.models.types import Overlegsoort, Projectstatus, Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.records.nieuwsbrief import MAP, Nieuwsbrief, Nieuwsbriefstatus

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Schrijfplan

#: Before the first newsletter: the months it looks back.
EERSTE_MAANDEN = 3
#: How far ahead the agenda looks.
AGENDA_MAANDEN = 3
#: A change of a measurement of at least this many per cent is news.
OPVALLEND = Decimal(5)
#: The bodies whose decisions and meetings a newsletter reports (and themabijeenkomsten).
BESTUURLIJK = (Overlegsoort.STUURGROEP, Overlegsoort.CLUSTERCOORDINATORENOVERLEG)
SJABLOON = "nieuwsbrief.md.j2"
_TELWOORD = {1: "één", 2: "twee", 3: "drie", 4: "vier", 6: "zes", 12: "twaalf"}


@dataclass(frozen=True)
class Periode:
    """From the day after ``van`` up to and including ``tot``."""

    van: dt.date
    tot: dt.date
    vorige: Nieuwsbrief | None  # None: this is the first newsletter

    def bevat(self, datum: dt.date) -> bool:
        return self.van < datum <= self.tot

    @property
    def zin(self) -> str:
        """The draft's first line: what it covers, and why from that day."""
        if self.vorige is None:
            maanden = _TELWOORD.get(EERSTE_MAANDEN, str(EERSTE_MAANDEN))
            return (
                f"In deze eerste nieuwsbrief: wat er gebeurde in de {maanden} maanden tot en "
                f"met {dutch.datum(self.tot)}."
            )
        return (
            f"In deze nieuwsbrief: wat er gebeurde sinds de vorige nieuwsbrief van "
            f"{dutch.datum(self.van)}."
        )


@dataclass
class Veranderingen:
    """What git says changed in the period, by id (see the module docstring)."""

    nieuwe_projecten: set[str] = field(default_factory=set)
    gestarte_projecten: set[str] = field(default_factory=set)
    mijlpalen: set[tuple[str, str]] = field(default_factory=set)  # (project, titel)
    metingen: set[tuple[str, str, str]] = field(default_factory=set)  # (cluster, indicator, iso)
    terugblikken: set[str] = field(default_factory=set)  # vergadering ids


def periode(brieven: list[Nieuwsbrief], datum: dt.date) -> Periode:
    """The period of a newsletter dated ``datum``: since the newest one before it."""
    eerder = [b for b in brieven if b.datum < datum]
    if not eerder:
        return Periode(maanden_terug(datum, EERSTE_MAANDEN), datum, None)
    vorige = max(eerder, key=lambda b: (b.datum, b.id))
    return Periode(vorige.datum, datum, vorige)


def veranderingen(folder: Path, sinds: dt.date) -> Veranderingen | None:
    """What changed after the day ``sinds`` (see the module docstring); None outside
    git, or when its history begins after that day (everything would look new)."""
    from waterketen_cli import git
    from waterketen_cli.analyse.wijzigingen import TOEGEVOEGD, vergelijk
    from waterketen_cli.errors import WaterketenError

    try:
        with git.Repository(folder) as repo:
            base = repo.before(sinds + dt.timedelta(days=1))
            if base == repo.empty_tree():
                return None
            verschillen = repo.diff(base, None, under=("projecten", "clusters", "vergaderingen"))
    except WaterketenError:
        return None
    result = Veranderingen()
    for w in vergelijk(verschillen).lijst:
        if w.soort == "project" and w.aard == TOEGEVOEGD:
            result.nieuwe_projecten.add(w.id)
            continue
        for veld in w.velden:
            _veld(result, w.soort, w.id, veld.pad, veld.oud, veld.nieuw)
    return result


def _veld(
    result: Veranderingen, soort: str, record_id: str, pad: str, oud: Any, nieuw: Any
) -> None:
    """One field-level difference (``wijzigingen.Veld``) as news, if it is."""
    if soort == "project":
        if pad == "status" and nieuw == Projectstatus.LOPEND.value:
            result.gestarte_projecten.add(record_id)
        elif pad.startswith("mijlpalen["):
            titel = pad[len("mijlpalen[") :].split("]", 1)[0]
            gereed = nieuw is True if pad.endswith("].gereed") else None
            if pad.endswith("]") and isinstance(nieuw, dict):
                gereed = nieuw.get("gereed") is True and not (
                    isinstance(oud, dict) and oud.get("gereed") is True
                )
            if gereed:
                result.mijlpalen.add((record_id, titel))
    elif soort == "cluster" and pad.startswith("metingen[") and pad.endswith("]"):
        if oud is None and isinstance(nieuw, dict):
            result.metingen.add(
                (record_id, str(nieuw.get("indicator")), str(nieuw.get("peildatum")))
            )
    elif soort == "vergadering":
        geschreven = nieuw if pad == "terugblik" else None
        if pad == "" and isinstance(nieuw, dict):
            geschreven = nieuw.get("terugblik")  # a new meeting, with its write-up
        if geschreven:
            result.terugblikken.add(record_id)


# --- the content ------------------------------------------------------------------------------


def inhoud(
    view: Gegevens,
    periode: Periode,
    wijzigingen: Veranderingen | None,
    *,
    titel: str,
    vandaag: dt.date,
) -> dict[str, Any]:
    """The draft's template context, from the public view ``view`` only."""
    from waterketen_cli.markdown_subset import subset
    from waterketen_cli.vergaderen import thema

    if not view.publiek:  # a programming error: the draft is public through and through
        raise ValueError("een nieuwsbrief wordt alleen uit de openbare weergave gemaakt")
    w = wijzigingen or Veranderingen()
    clusternamen = {c.id: c.naam for c in view.of(Cluster)}

    def project(p: Project) -> dict[str, Any]:
        waar = (
            "regionaal"
            if p.regionaal
            else dutch.opsomming([clusternamen.get(c, c) for c in p.clusters])
        )
        return {"titel": p.titel, "status": p.status.value, "waar": waar, "doel": p.doel}

    projecten = sorted(view.of(Project), key=lambda p: (p.titel.casefold(), p.id))
    nieuw = [p for p in projecten if p.id in w.nieuwe_projecten]
    gestart = [
        p
        for p in projecten
        if p not in nieuw
        and (
            p.id in w.gestarte_projecten
            or (p.status == Projectstatus.LOPEND and periode.bevat(p.periode.begin))
        )
    ]
    mijlpalen = [
        {"project": p.titel, "titel": m.titel, "datum": m.datum}
        for p in projecten
        for m in p.mijlpalen
        if m.gereed and ((p.id, m.titel) in w.mijlpalen or periode.bevat(m.datum))
    ]

    vergaderingen = sorted(view.of(Vergadering), key=lambda v: (v.datum, v.begintijd, v.id))
    besluiten = []
    for v in vergaderingen:
        overleg = view.get(Overleg, v.overleg)
        if overleg is None or overleg.soort not in BESTUURLIJK or not periode.bevat(v.datum):
            continue
        if v.status not in (Vergaderstatus.GEHOUDEN, Vergaderstatus.VERSLAG_VASTGESTELD):
            continue
        if not v.besluiten:
            continue
        besluiten.append(
            {
                "overleg": overleg.naam,
                "datum": v.datum,
                "vastgesteld": v.status == Vergaderstatus.VERSLAG_VASTGESTELD,
                "besluiten": [b.tekst for b in v.besluiten],
            }
        )

    terugblikken = []
    for v in vergaderingen:
        if not v.terugblik or not thema.is_themabijeenkomst(view, v):
            continue
        if not (periode.bevat(v.datum) or v.id in w.terugblikken) or v.datum > periode.tot:
            continue
        overleg = thema.vereist(view, v)
        terugblikken.append(
            {
                "titel": thema.titel(overleg, thema.thema(view, v, overleg)),
                "datum": v.datum,
                "locatie": v.locatie,
                "tekst": subset(v.terugblik, kopniveau=4),
            }
        )

    einde = maanden_terug(periode.tot, -AGENDA_MAANDEN)  # that many months later
    agenda = []
    for v in vergaderingen:
        overleg = view.get(Overleg, v.overleg)
        if overleg is None or not (periode.tot < v.datum <= einde):
            continue
        if v.status == Vergaderstatus.GEANNULEERD:
            continue
        themabijeenkomst = overleg.soort == Overlegsoort.THEMABIJEENKOMST
        if not themabijeenkomst and overleg.soort not in BESTUURLIJK:
            continue
        agenda.append(
            {
                "titel": (
                    thema.titel(overleg, thema.thema(view, v, overleg))
                    if themabijeenkomst
                    else overleg.naam
                ),
                "themabijeenkomst": themabijeenkomst,
                "datum": v.datum,
                "begintijd": v.begintijd,
                "eindtijd": v.eindtijd,
                "locatie": v.locatie,
                "voor": thema.voor(view, v) if themabijeenkomst else "",
                "voorlopig": v.status == Vergaderstatus.CONCEPT,
            }
        )
    regio = next(iter(view.of(Regio)), None)
    return {
        "titel": titel,
        "datum": periode.tot,
        "status": Nieuwsbriefstatus.CONCEPT.value,
        "regio": regio.naam if regio else "",
        "periode": periode.zin,
        "zonder_geschiedenis": wijzigingen is None,
        "nieuwe_projecten": [project(p) for p in nieuw],
        "gestarte_projecten": [project(p) for p in gestart],
        "mijlpalen": mijlpalen,
        "besluiten": besluiten,
        "terugblikken": terugblikken,
        "monitor": _monitor(view, periode, w, wijzigingen is None, vandaag),
        "agenda": agenda,
    }


def _monitor(
    view: Gegevens, periode: Periode, w: Veranderingen, op_datum: bool, vandaag: dt.date
) -> list[dict[str, str]]:
    """New measurements that moved notably (see the module docstring)."""
    from waterketen_cli.analyse import monitor as kern
    from waterketen_cli.analyse import monitor_tekst

    regio = next(iter(view.of(Regio)), None)
    if regio is None:
        return []
    m = kern.monitor(regio, view.of(Cluster), vandaag)
    found = []
    for beeld in m.beelden:
        for reeks in beeld.reeksen:
            for punt in reeks.punten:
                sleutel = (reeks.cluster.id, beeld.indicator.id, punt.peildatum.isoformat())
                nieuw = sleutel in w.metingen or (op_datum and periode.bevat(punt.peildatum))
                if not nieuw or punt.vorige is None or punt.oordeel is None:
                    continue
                v = punt.verandering
                opvallend = (
                    punt.waarde != punt.vorige.waarde
                    if beeld.ja_nee
                    else v is not None and v.procent is not None and abs(v.procent) >= OPVALLEND
                )
                if not opvallend:
                    continue
                found.append(
                    {
                        "cluster": reeks.cluster.naam,
                        "indicator": beeld.indicator.naam,
                        "eenheid": beeld.indicator.eenheid,
                        "peildatum": beeld.label(punt.peildatum),
                        "waarde": monitor_tekst.kort(punt.waarde, beeld.indicator, beeld.decimalen),
                        "verandering": monitor_tekst.verandering_tekst(punt, beeld),
                    }
                )
    return found


# --- the file --------------------------------------------------------------------------------


def standaardtitel(datum: dt.date) -> str:
    """'Nieuwsbrief december 2026'."""
    return f"Nieuwsbrief {dutch.datum(datum).split(' ', 1)[1]}"


def nieuw_id(folder: Path, brieven: list[Nieuwsbrief], datum: dt.date) -> str:
    """'2026-12'; '2026-12-18' when that month has one already."""
    bestaand = {b.id for b in brieven} | {p.stem for p in (folder / MAP).glob("*.md")}
    for kandidaat in (f"{datum:%Y-%m}", datum.isoformat()):
        if kandidaat not in bestaand:
            return kandidaat
    raise WaterketenError(
        f"er is al een nieuwsbrief {datum.isoformat()}",
        hint=f"bewerk data/{MAP}/{datum.isoformat()}.md, of kies een andere --datum",
    )


def weiger_tweede_concept(brieven: list[Nieuwsbrief]) -> None:
    """One draft at a time: the communicatieadviseur edits the one there is."""
    concepten = [b for b in brieven if b.status == Nieuwsbriefstatus.CONCEPT]
    if concepten:
        b = concepten[-1]
        raise WaterketenError(
            f"er is al een concept-nieuwsbrief: data/{MAP}/{b.id}.md ({b.titel})",
            hint="bewerk dat concept (en verstuur het met 'waterketen nieuwsbrief verstuur'), "
            "of maak toch een tweede met --toch",
        )


def tekst(folder: Path, context: dict[str, Any]) -> str:
    """The draft's file: the header and the body, from ``nieuwsbrief.md.j2`` (the data
    repository's own ``templates/`` first)."""
    from waterketen_cli import render

    return render.render(folder.parent, SJABLOON, **context)


def schrijfplan(gegevens: Gegevens, pad: Path, inhoud_: str) -> Schrijfplan:
    """The new newsletter as a write plan: checked like a record, all or nothing."""
    from waterketen_cli.records.plan import Recordwijziging, Schrijfplan
    from waterketen_cli.soorten import NIEUWSBRIEF

    plan = Schrijfplan.van(gegevens, f"nieuwsbrief {pad.stem} opgesteld (concept)")
    plan.records.append(Recordwijziging(pad, NIEUWSBRIEF, inhoud_))
    return plan
