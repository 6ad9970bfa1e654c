"""``waterketen wijzigingen`` as a report: which two points are compared (a revision, a
date, a body's previous meeting; a diverged branch from where it left), the changes
between them, and their Markdown and JSON forms. Reading git goes through
:mod:`waterketen_cli.git`; the comparison itself is :mod:`.wijzigingen`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waterketen_cli.analyse.wijzigingen import (
    Wijziging,
    Wijzigingen,
    besluiten_in,
    openbaar_geworden,
    vergelijk,
)
from waterketen_cli.git import Repository
from waterketen_cli.soorten import SOORT_PER_NAAM


@dataclass(frozen=True)
class Rapport:
    kop: str  # "Wijzigingen van HEAD (abc1234) tot de werkmap: …."
    wijzigingen: Wijzigingen


def rapport(folder: Path, sinds: str | None, tot: str | None, vandaag: dt.date) -> Rapport:
    """The changes in the data folder from ``sinds`` (default HEAD) to ``tot`` (default
    the working tree), with the heading that says what was compared."""
    with Repository(folder) as repo:
        tip = repo.resolve(tot) if tot else None
        base, naam = _start(folder, repo, sinds, tip, vandaag)
        start = repo.start(base, tip)
        if start == repo.empty_tree():  # nothing committed yet at that point
            van = "het begin" if naam == "het begin" else f"{naam} (het begin)"
        elif start != base:  # a branch that went its own way: from where it left
            van = f"het splitspunt met {naam} ({start[:7]})"
        else:
            van = f"{naam} ({start[:7]})"
        tot_label = f"{tot} ({tip[:7]})" if tot and tip else "de werkmap"
        verschillen = repo.diff(start, tip)
        result = vergelijk(verschillen, _clusternamen(folder, repo, tip))
        van_datum = None if start == repo.empty_tree() else repo.commit_info(start).datum
        tot_datum = vandaag if tip is None else repo.commit_info(tip).datum
        nieuw = set()
        for v in verschillen:
            if "/vergaderingen/" in v.pad:
                nieuw |= besluiten_in(v.nieuw) - besluiten_in(v.oud)
        result.lijst += openbaar_geworden(
            _eindstand(folder, repo, tip), van_datum, tot_datum, nieuw
        )
    return Rapport(f"Wijzigingen van {van} tot {tot_label}: {result.samenvatting()}.", result)


def _start(
    folder: Path, repo: Repository, sinds: str | None, tip: str | None, vandaag: dt.date
) -> tuple[str, str]:
    """The commit ``--sinds`` names (a revision; the last commit before a date; the
    last commit before a body's previous meeting), and what to call it."""
    from waterketen_cli import dutch
    from waterketen_cli.errors import GebruiksFout

    if sinds is None:
        head = repo.head()
        return (head, "HEAD") if head else (repo.empty_tree(), "het begin")
    datum = dutch.parse_datum(sinds)
    wie = ""
    if datum is None:
        try:
            return repo.resolve(sinds), sinds
        except GebruiksFout:
            datum, wie = _meeting_date(folder, sinds, vandaag)
    return repo.before(datum, tip), f"{wie}{dutch.datum(datum)}"


def _meeting_date(folder: Path, value: str, vandaag: dt.date) -> tuple[dt.date, str]:
    """The date of a meeting, or of a body's previous meeting; else an unknown revision."""
    from waterketen_cli.analyse.overzicht import since_date
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.findings import suggest
    from waterketen_cli.models.records import Overleg, Vergadering
    from waterketen_cli.records import dataset

    gegevens = dataset.load(folder, ("overleg", "vergadering"))
    if gegevens.get(Overleg, value) is not None:
        return since_date(gegevens, value, vandaag), f"de vorige vergadering van {value}, "
    if gegevens.get(Vergadering, value) is not None:
        return since_date(gegevens, value, vandaag), f"vergadering {value}, "
    hint = suggest(value, [o.id for o in gegevens.of(Overleg)])
    raise GebruiksFout(
        f"onbekende revisie '{value}'",
        hint=hint
        or "geef een commit, tak of tag (bijv. main of origin/main), een datum "
        "(JJJJ-MM-DD) of een overleg",
    )


def _eindstand(folder: Path, repo: Repository, tip: str | None) -> list[tuple[str, Any]]:
    """The meetings and agenda proposals at the end point, as (file, model)."""
    from waterketen_cli.records import dataset
    from waterketen_cli.records.schema import validate_record
    from waterketen_cli.records.yamlio import parse
    from waterketen_cli.soorten import SOORT_PER_NAAM

    if tip is None:
        gegevens = dataset.load(folder, ("vergadering", "agendavoorstel"))
        return [
            (str(gegevens.paden[(soort, r.id)]), r)
            for soort in ("vergadering", "agendavoorstel")
            for r in gegevens.records.get(soort, {}).values()
        ]
    found = []
    for soort in ("vergadering", "agendavoorstel"):
        model = SOORT_PER_NAAM[soort].model
        for bestand, raw in repo.read_tree(tip, SOORT_PER_NAAM[soort].map).items():
            data, _ = parse(raw)
            record = validate_record(model, data, bestand)[0] if isinstance(data, dict) else None
            if record is not None:
                found.append((bestand, record))
    return found


def _clusternamen(folder: Path, repo: Repository, tip: str | None) -> dict[str, str]:
    """Cluster id → name at the end point (the headings of the groups)."""
    from waterketen_cli.records.yamlio import parse

    if tip is not None:
        contents = list(repo.read_tree(tip, "clusters").values())
    else:
        contents = [p.read_bytes() for p in sorted((folder / "clusters").glob("*.yaml"))]
    namen = {}
    for raw in contents:
        data, _problems = parse(raw)
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            namen[data["id"]] = str(data.get("naam") or data["id"])
    return namen


def wie(w: Wijziging) -> str:
    from waterketen_cli import dutch

    if w.commit is None:
        return "niet gecommit"
    return f"{w.commit.auteur}, {dutch.datum(w.commit.datum)}"


#: More parts than this are listed under the record, one per line.
OP_EEN_REGEL = 2


def _md(text: str) -> str:
    """Text from the data on one Markdown line, without accidental markup (the one
    Markdown escape of all documents; it keeps the no-break space of an amount)."""
    from waterketen_cli import escape

    return str(escape.markdown_regel(text))


def markdown(result: Wijzigingen, kop: str) -> str:
    """A pull-request comment: the summary, then per cluster and kind a bullet per
    changed record."""
    lines = [_md(kop)]
    for groep in result.groepen():
        lines += ["", f"## {_md(groep.titel)}"]
        for soort, lijst in groep.soorten:
            lines += ["", f"### {SOORT_PER_NAAM[soort].map.capitalize()}", ""]
            for w in lijst:
                if len(w.delen) > OP_EEN_REGEL:
                    lines.append(f"- {_md(w.kop)} — {_md(wie(w))}")
                    lines += [f"  - {_md(deel)}" for deel in w.delen]
                else:
                    lines.append(f"- {_md(w.wat)} — {_md(wie(w))}")
    return "\n".join(lines) + "\n"


def als_json(w: Wijziging) -> dict[str, object]:
    return {
        "soort": w.soort,
        "id": w.id,
        "bestand": w.bestand,
        "cluster": w.clusters[0] if len(w.clusters) == 1 else None,
        "clusters": list(w.clusters),
        "aard": w.aard,
        "wat": w.wat,
        "velden": [{"pad": v.pad, "oud": v.oud, "nieuw": v.nieuw} for v in w.velden],
        "auteur": w.commit.auteur if w.commit else None,
        "datum": w.commit.datum.isoformat() if w.commit else None,
        "commit": w.commit.sha if w.commit else None,
    }
