"""``waterketen wijzigingen``: what changed in the data between two points."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli.common import DataOptie, data_dir

if TYPE_CHECKING:
    from waterketen_cli.analyse.wijzigingen import Wijziging, Wijzigingen
    from waterketen_cli.git import Repository


class Formaat(StrEnum):
    tekst = "tekst"
    markdown = "markdown"
    json = "json"


def wijzigingen(
    ctx: typer.Context,
    sinds: Annotated[
        str | None,
        typer.Option(
            "--sinds",
            metavar="REV|DATUM|OVERLEG",
            help="Vanaf een git-revisie (commit, tak, tag, origin/main), een datum "
            "(JJJJ-MM-DD: de stand bij de laatste commit vóór die dag) of een overleg (zijn "
            "vorige vergadering). Standaard HEAD: wat nog niet gecommit is.",
            show_default=False,
        ),
    ] = None,
    tot: Annotated[
        str | None,
        typer.Option(
            "--tot",
            metavar="REV",
            help="Tot deze revisie. Standaard de werkmap, met wat nog niet gecommit is.",
            show_default=False,
        ),
    ] = None,
    formaat: Annotated[
        Formaat,
        typer.Option(
            "--format", "-f", help="Uitvoer: tekst, markdown (voor een pull request) of json."
        ),
    ] = Formaat.tekst,
    data: DataOptie = None,
) -> None:
    """Wat er in de gegevens veranderde tussen twee punten, per record in gewone woorden
    ("project … toegevoegd", "actie … afgerond"), per cluster en soort, met wie het
    veranderde en wanneer."""
    from waterketen_cli import git
    from waterketen_cli.analyse import wijzigingen as core
    from waterketen_cli.cli import output

    folder = data_dir(ctx, data)
    with git.Repository(folder) as repo:
        tip = repo.resolve(tot) if tot else None
        base, naam = _start(folder, repo, sinds, tip)
        start = repo.start(base, tip)
        if start == repo.empty_tree():  # nothing committed yet at that point
            van = "het begin" if naam == "het begin" else f"{naam} (het begin)"
        elif start != base:  # a branch that went its own way: from where it left
            van = f"het splitspunt met {naam} ({start[:7]})"
        else:
            van = f"{naam} ({start[:7]})"
        tot_label = f"{tot} ({tip[:7]})" if tot and tip else "de werkmap"
        result = core.vergelijk(repo.diff(start, tip), _clusternamen(folder, repo, tip))
    kop = f"Wijzigingen van {van} tot {tot_label}: {result.samenvatting()}."
    if formaat == Formaat.json:
        output.json_doc([_json(w) for w in result.lijst])
    elif formaat == Formaat.markdown:
        print(markdown(result, kop), end="")
    else:
        _tekst(result, kop)


def _start(folder: Path, repo: Repository, sinds: str | None, tip: str | None) -> tuple[str, str]:
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
            datum, wie = _meeting_date(folder, sinds)
    return repo.before(datum, tip), f"{wie}{dutch.datum(datum)}"


def _meeting_date(folder: Path, value: str) -> tuple[dt.date, str]:
    """The date of a meeting, or of a body's previous meeting; else an unknown revision."""
    from waterketen_cli.analyse.overzicht import since_date
    from waterketen_cli.checks.findings import suggest
    from waterketen_cli.cli.common import today
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.models.records import Overleg, Vergadering
    from waterketen_cli.records import dataset

    gegevens = dataset.load(folder, ("overleg", "vergadering"))
    if gegevens.get(Overleg, value) is not None:
        return since_date(gegevens, value, today()), f"de vorige vergadering van {value}, "
    if gegevens.get(Vergadering, value) is not None:
        return since_date(gegevens, value, today()), f"vergadering {value}, "
    hint = suggest(value, [o.id for o in gegevens.of(Overleg)])
    raise GebruiksFout(
        f"onbekende revisie '{value}'",
        hint=hint
        or "geef een commit, tak of tag (bijv. main of origin/main), een datum "
        "(JJJJ-MM-DD) of een overleg",
    )


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


def _wie(w: Wijziging) -> str:
    from waterketen_cli import dutch

    if w.commit is None:
        return "niet gecommit"
    return f"{w.commit.auteur}, {dutch.datum(w.commit.datum)}"


#: More parts than this are listed under the record, one per line.
_OP_EEN_REGEL = 2


def _tekst(result: Wijzigingen, kop: str) -> None:
    from waterketen_cli.cli import output
    from waterketen_cli.soorten import SOORT_PER_NAAM

    output.message(kop, "bold")
    for groep in result.groepen():
        output.message("")
        output.message(groep.titel, "bold underline")
        for soort, lijst in groep.soorten:
            output.message(f"  {SOORT_PER_NAAM[soort].map}", "bold")
            for w in lijst:
                if len(w.delen) > _OP_EEN_REGEL:
                    output.message(f"    - {w.kop}  ({_wie(w)})")
                    for deel in w.delen:
                        output.message(f"        - {deel}")
                else:
                    output.message(f"    - {w.wat}  ({_wie(w)})")


_SPACE = re.compile(r"[ \t\r\n]+")  # not the no-break space of an amount
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\*_`<[]"})


def _md(text: str) -> str:
    """Text from the data on one Markdown line, without accidental markup."""
    return _SPACE.sub(" ", text).strip().translate(_MARKDOWN)


def markdown(result: Wijzigingen, kop: str) -> str:
    """A pull-request comment: the summary, then per cluster and kind a bullet per
    changed record."""
    from waterketen_cli.soorten import SOORT_PER_NAAM

    lines = [_md(kop)]
    for groep in result.groepen():
        lines += ["", f"## {_md(groep.titel)}"]
        for soort, lijst in groep.soorten:
            lines += ["", f"### {SOORT_PER_NAAM[soort].map.capitalize()}", ""]
            for w in lijst:
                if len(w.delen) > _OP_EEN_REGEL:
                    lines.append(f"- {_md(w.kop)} — {_md(_wie(w))}")
                    lines += [f"  - {_md(deel)}" for deel in w.delen]
                else:
                    lines.append(f"- {_md(w.wat)} — {_md(_wie(w))}")
    return "\n".join(lines) + "\n"


def _json(w: Wijziging) -> dict[str, object]:
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
