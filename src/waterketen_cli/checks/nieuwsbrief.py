"""The checks of a newsletter file (``data/nieuwsbrieven/<id>.md``), run by ``validate``
and by the write path like the checks of a record.

A newsletter is no YAML record (see :mod:`waterketen_cli.records.nieuwsbrief`):
its header is, and the rest is Markdown. Everything here depends on the file alone, so
the findings are cached with the file, with their line and column in the file:

- ``bestand`` (fout): the file name is no id;
- ``yaml`` (fout): the file is no UTF-8, or its header no readable YAML;
- ``nieuwsbrief`` (fout): the header: between two lines ``---``, the fields ``titel``
  (one line of text), ``datum`` (JJJJ-MM-DD), ``status`` (concept or verzonden) and,
  exactly when it was sent, ``verzonden_op``; no other field; no merge-conflict marker
  in the text. What the website's reader (``nieuwsbrief.ontleed``) refuses, ``validate``
  refuses too: when these checks find nothing, the reader is asked as well;
- ``nieuwsbrief-opmaak`` (waarschuwing): Markdown that the newsletter cannot show as
  written (it is reduced to :mod:`waterketen_cli.markdown_subset`): raw HTML (stays
  text), an image (only its description: an e-mail and the website load nothing from
  elsewhere) and a link that is not to an ``https:``, ``http:`` or ``mailto:`` address
  (only its text; a relative link leads nowhere in an e-mail).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from waterketen_cli.checks.registry import Check, register
from waterketen_cli.findings import Ernst, Pad

register(
    Check(
        "nieuwsbrief",
        Ernst.FOUT,
        "de kop van een nieuwsbrief: titel, datum, status (concept of verzonden) en "
        "verzonden_op precies als hij verzonden is",
        eigen_bestand=True,
    )
)
register(
    Check(
        "nieuwsbrief-opmaak",
        Ernst.WAARSCHUWING,
        "een nieuwsbrief bevat geen HTML, afbeeldingen of koppelingen die de nieuwsbrief niet "
        "kan tonen",
        eigen_bestand=True,
    )
)

#: (line, column, check, message, path, hint), as ``engine.Row``.
Row = tuple[int, int, str, str, Pad, str | None]

_SCHEIDING = "---"
_KOP_HINT = (
    "begin het bestand met een kop tussen twee regels '---': titel, datum (JJJJ-MM-DD) en "
    "status (concept of verzonden, met verzonden_op)"
)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATUM = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONFLICT = re.compile(r"^(?:<{7}|>{7})(?: |$)", re.M)


class NieuwsbriefFeiten(TypedDict):
    """What the checks across files know of a newsletter with a valid header (a
    document kind has no model: its facts are made here). Dates as ISO text."""

    datum: str
    status: str  # concept, verzonden
    verzonden_op: str | None


@dataclass
class Uitkomst:
    """What one newsletter file yields: its findings, and when its header is valid its
    id and facts (for the checks across files)."""

    rows: list[Row] = field(default_factory=list)
    record_id: str | None = None
    feiten: dict[str, Any] = field(default_factory=dict)


def controleer(raw: bytes, naam: str, pad: str | None = None) -> Uitkomst:
    """Every finding about the newsletter ``naam`` (the file name) with content ``raw``;
    ``pad`` the file, for the reader's own verdict (see the module docstring)."""
    from waterketen_cli.records import yamlio

    uit = Uitkomst()
    stem = naam.removesuffix(".md")
    if not _SLUG.match(stem):
        from waterketen_cli.models.base import slugify

        uit.rows.append(
            (
                1,
                1,
                "bestand",
                f"de bestandsnaam '{stem}' is geen geldige id",
                (),
                f"hernoem het bestand naar '{slugify(stem) or '2026-12'}.md'",
            )
        )
    tekst, probleem = yamlio.decode(raw)
    if tekst is None:
        assert probleem is not None
        uit.rows.append(
            (probleem.regel, probleem.kolom, "yaml", probleem.bericht, (), probleem.hint)
        )
        return uit
    regels = tekst.splitlines()
    fouten_voor = len(uit.rows)
    for m in _CONFLICT.finditer(tekst):
        regel = tekst.count("\n", 0, m.start()) + 1
        uit.rows.append(
            (
                regel,
                1,
                "nieuwsbrief",
                "merge-conflictmarkering gevonden",
                (),
                "los het merge-conflict op: kies de juiste regels en verwijder de markeringen",
            )
        )
    if not regels or regels[0].rstrip() != _SCHEIDING:
        uit.rows.append((1, 1, "nieuwsbrief", "de kop ontbreekt", (), _KOP_HINT))
        return uit
    einde = next((i for i, r in enumerate(regels[1:], 1) if r.rstrip() == _SCHEIDING), None)
    if einde is None:
        uit.rows.append(
            (
                len(regels),
                1,
                "nieuwsbrief",
                "de kop wordt niet afgesloten met een regel '---'",
                (),
                _KOP_HINT,
            )
        )
        return uit
    # The opening line as an empty one: lines of the header are lines of the file.
    kop = "\n".join(["", *regels[1:einde]]) + "\n"
    if not kop.strip():
        uit.rows.append((einde + 1, 1, "nieuwsbrief", "de kop is leeg", (), _KOP_HINT))
        return uit
    data, problemen = yamlio.parse(kop.encode("utf-8"))
    if problemen or not isinstance(data, dict):
        uit.rows.extend((p.regel, p.kolom, "yaml", p.bericht, (), p.hint) for p in problemen)
        return uit
    node = yamlio.compose(kop)
    uit.rows.extend(_kop(data, node, einde + 1))
    uit.rows.extend(_opmaak(regels[einde + 1 :], einde + 2))
    fout = any(r[2] != "nieuwsbrief-opmaak" for r in uit.rows[fouten_voor:])
    if not fout and not uit.rows[:fouten_voor]:
        eigen = _lezer(raw, Path(pad) if pad else Path(naam))
        if eigen is not None:
            uit.rows.append(eigen)
            return uit
        uit.record_id = stem
        feiten: NieuwsbriefFeiten = {
            "datum": data["datum"],
            "status": data["status"],
            "verzonden_op": data.get("verzonden_op"),
        }
        uit.feiten = dict(feiten)
    return uit


def _kop(data: dict[Any, Any], node: Any, afsluiting: int) -> Iterator[Row]:
    """The fields of the header (``afsluiting``: the line of its closing '---')."""
    from waterketen_cli.records.nieuwsbrief import VELDEN, Nieuwsbriefstatus
    from waterketen_cli.records.yamlio import locate

    def plek(veld: str, *, sleutel: bool = False) -> tuple[int, int]:
        return locate(node, [veld], key=sleutel)

    for veld in data:
        if veld not in VELDEN:
            yield (
                *plek(str(veld), sleutel=True),
                "nieuwsbrief",
                f"onbekend veld '{veld}'",
                (str(veld),),
                f"de kop kent alleen {', '.join(VELDEN)}",
            )
    for veld in ("titel", "datum", "status"):
        if veld not in data:
            yield (
                afsluiting,
                1,
                "nieuwsbrief",
                f"het veld '{veld}' ontbreekt",
                (),
                f"zet '{veld}:' in de kop, boven de regel '---'",
            )
    titel = data.get("titel")
    if "titel" in data and (
        not isinstance(titel, str) or not titel.strip() or "\n" in titel.strip()
    ):
        yield (
            *plek("titel"),
            "nieuwsbrief",
            "de titel is geen tekst op één regel",
            ("titel",),
            "bijv. titel: Nieuwsbrief december 2026",
        )
    status = data.get("status")
    statussen = [s.value for s in Nieuwsbriefstatus]
    if "status" in data and status not in statussen:
        yield (
            *plek("status"),
            "nieuwsbrief",
            f"onbekende status '{status}'",
            ("status",),
            "kies concept of verzonden",
        )
    for veld in ("datum", "verzonden_op"):
        if veld in data and not _is_datum(data[veld]):
            yield (
                *plek(veld),
                "nieuwsbrief",
                f"'{data[veld]}' is geen datum",
                (veld,),
                "schrijf JJJJ-MM-DD, bijv. 2026-12-18",
            )
    verzonden = status == "verzonden"
    if "verzonden_op" in data and status == "concept":
        yield (
            *plek("verzonden_op", sleutel=True),
            "nieuwsbrief",
            "verzonden_op bij een nieuwsbrief die nog een concept is",
            ("verzonden_op",),
            "zet status: verzonden, of haal verzonden_op weg",
        )
    if verzonden and "verzonden_op" not in data:
        yield (
            *plek("status"),
            "nieuwsbrief",
            "een verzonden nieuwsbrief heeft een datum verzonden_op",
            ("status",),
            "zet verzonden_op: JJJJ-MM-DD in de kop ('waterketen nieuwsbrief verstuur' doet "
            "dat zelf)",
        )


def _is_datum(waarde: object) -> bool:
    import datetime as dt

    if not isinstance(waarde, str) or not _DATUM.fullmatch(waarde):
        return False
    try:
        dt.date.fromisoformat(waarde)
    except ValueError:
        return False
    return True


def _lezer(raw: bytes, pad: Path) -> Row | None:
    """What the newsletter reader itself refuses, if anything (nothing, when the checks
    above are complete: this keeps ``validate`` and the reader of the website in step)."""
    from waterketen_cli.records.nieuwsbrief import NieuwsbriefFout, ontleed

    try:
        ontleed(raw, pad)
    except NieuwsbriefFout as error:
        bericht = error.bericht.removeprefix(f"{error.pad}:{error.regel}: ")
        return (max(error.regel, 1), 1, "nieuwsbrief", bericht, (), error.hint)
    return None


# --- the Markdown ---------------------------------------------------------------------------


def _opmaak(regels: list[str], eerste: int) -> Iterator[Row]:
    """What the body (``regels``, starting at file line ``eerste``) has that the
    newsletter does not show as written."""
    from markdown_it import MarkdownIt

    from waterketen_cli.markdown_subset import SCHEMES

    tekst = "\n".join(regels)
    if not tekst.strip():
        return
    # Raw HTML on here, only to find it: the newsletter itself reads with it off.
    parser = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    for token in parser.parse(tekst):
        blok = token.map or [0, len(regels)]
        if token.type == "html_block":
            yield _waar(
                regels,
                eerste,
                blok,
                token.content.strip().splitlines()[0] if token.content.strip() else "<",
                "HTML wordt in de nieuwsbrief gewone tekst",
                "schrijf Markdown: **vet**, *cursief*, lijsten, koppelingen [tekst](https://…)",
            )
            continue
        for kind in token.children or []:
            if kind.type == "html_inline" and not kind.content.startswith("</"):
                yield _waar(
                    regels,
                    eerste,
                    blok,
                    kind.content,
                    f"HTML ({kind.content}) wordt in de nieuwsbrief gewone tekst",
                    "schrijf Markdown: **vet**, *cursief*, koppelingen [tekst](https://…)",
                )
            elif kind.type == "image":
                adres = str(kind.attrs.get("src", ""))
                yield _waar(
                    regels,
                    eerste,
                    blok,
                    "![",
                    f"afbeelding '{adres}': de nieuwsbrief toont alleen de beschrijving",
                    "een nieuwsbrief laadt niets van elders; zet een koppeling naar de "
                    "afbeelding op de website",
                )
            elif kind.type == "link_open":
                adres = str(kind.attrs.get("href", ""))
                schema = adres.split(":", 1)[0].lower() if ":" in adres else ""
                if schema not in SCHEMES:
                    yield _waar(
                        regels,
                        eerste,
                        blok,
                        f"]({adres}" if adres else "](",
                        f"koppeling naar '{adres}': de nieuwsbrief toont alleen de tekst",
                        "gebruik een volledig adres (https://…) of mailto:",
                    )


def _waar(
    regels: list[str], eerste: int, blok: list[int], zoek: str, bericht: str, hint: str
) -> Row:
    """The finding at the first line of the block that has ``zoek`` (else its start)."""
    for i in range(blok[0], min(blok[1], len(regels))):
        kolom = regels[i].find(zoek)
        if kolom >= 0:
            return (eerste + i, kolom + 1, "nieuwsbrief-opmaak", bericht, (), hint)
    return (eerste + blok[0], 1, "nieuwsbrief-opmaak", bericht, (), hint)
