"""Newsletters: ``data/nieuwsbrieven/<id>.md``, Markdown with a small YAML header.

    ---
    titel: Nieuwsbrief december 2026
    datum: 2026-12-18
    status: concept        # or: verzonden (with verzonden_op)
    ---
    Tekst in Markdown …

The communicatieadviseur writes and edits the body; ``nieuwsbrief new`` drafts it from
what changed since the previous one, ``nieuwsbrief verstuur`` sends it and sets the
status. Only a sent newsletter is public (the website's archive).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from waterketen_cli.errors import BestandsFout, WaterketenError, toon_pad
from waterketen_cli.models.base import SLUG_PATTERN

#: The folder in the data folder.
MAP = "nieuwsbrieven"


class Nieuwsbriefstatus(StrEnum):
    CONCEPT = "concept"
    VERZONDEN = "verzonden"


@dataclass(frozen=True)
class Nieuwsbrief:
    id: str  # the file name without .md, e.g. "2026-12"
    pad: Path
    titel: str
    datum: dt.date
    status: Nieuwsbriefstatus
    verzonden_op: dt.date | None
    tekst: str  # the Markdown body, after the header


class NieuwsbriefFout(WaterketenError):
    """A newsletter file that cannot be read: ``pad`` as shown, ``regel`` 1-based."""

    def __init__(self, bericht: str, *, hint: str | None = None, pad: str, regel: int) -> None:
        super().__init__(f"{pad}:{regel}: {bericht}", hint=hint)
        self.pad = pad
        self.regel = regel


#: The fields of the header, each required except ``verzonden_op`` (see :func:`ontleed`).
VELDEN = ("titel", "datum", "status", "verzonden_op")
_SCHEIDING = "---"
_KOP_HINT = (
    "begin het bestand met een kop tussen twee regels '---': titel, datum (JJJJ-MM-DD) "
    "en status (concept of verzonden, met verzonden_op)"
)


def lees_alle(data_dir: Path) -> list[Nieuwsbrief]:
    """Every newsletter in ``data/nieuwsbrieven/`` (``*.md``), by date and id; none
    when the folder is not there. The first file that cannot be read is an error."""
    folder = data_dir / MAP
    try:
        paden = sorted(p for p in folder.iterdir() if p.suffix == ".md" and p.is_file())
    except FileNotFoundError:
        return []
    except OSError as error:
        raise BestandsFout.map(error, f"{data_dir.name}/{MAP}") from None
    brieven = []
    for pad in paden:
        try:
            raw = pad.read_bytes()
        except OSError as error:
            raise BestandsFout.van(error, pad) from None
        brieven.append(ontleed(raw, pad))
    return sorted(brieven, key=lambda b: (b.datum, b.id))


def ontleed(raw: bytes, pad: Path) -> Nieuwsbrief:
    """One newsletter file: the header read strictly (every field known, of its kind;
    ``verzonden_op`` exactly when it was sent), the rest its text."""
    from waterketen_cli.records import yamlio

    getoond = toon_pad(pad) or str(pad)

    def fout(regel: int, bericht: str, hint: str | None = None) -> NieuwsbriefFout:
        return NieuwsbriefFout(bericht, hint=hint, pad=getoond, regel=regel)

    if not re.fullmatch(SLUG_PATTERN, pad.stem):
        raise fout(
            1,
            f"'{pad.stem}' is geen geldige naam voor een nieuwsbrief",
            "kleine letters, cijfers en koppeltekens, bijv. 2026-12.md",
        )
    tekst, probleem = yamlio.decode(raw)
    if tekst is None:
        assert probleem is not None
        raise fout(probleem.regel, probleem.bericht, probleem.hint)
    regels = tekst.splitlines()
    if not regels or regels[0].rstrip() != _SCHEIDING:
        raise fout(1, "de kop ontbreekt", _KOP_HINT)
    einde = next((i for i, r in enumerate(regels[1:], 1) if r.rstrip() == _SCHEIDING), None)
    if einde is None:
        raise fout(len(regels), "de kop wordt niet afgesloten met een regel '---'", _KOP_HINT)
    # The opening line as an empty one: lines in the header are lines in the file.
    kop = "\n".join(["", *regels[1:einde]]) + "\n"
    if not kop.strip():
        raise fout(einde + 1, "de kop is leeg", _KOP_HINT)
    data, problemen = yamlio.parse(kop.encode("utf-8"))
    if problemen:
        eerste = problemen[0]
        raise fout(eerste.regel, eerste.bericht, eerste.hint)
    node = yamlio.compose(kop)

    def regel(veld: str, *, sleutel: bool = False) -> int:
        return yamlio.locate(node, [veld], key=sleutel)[0]

    for veld in data:
        if veld not in VELDEN:
            raise fout(
                regel(str(veld), sleutel=True),
                f"onbekend veld '{veld}'",
                f"de kop kent alleen {', '.join(VELDEN)}",
            )
    for veld in ("titel", "datum", "status"):
        if veld not in data:
            raise fout(einde + 1, f"het veld '{veld}' ontbreekt", _KOP_HINT)
    titel = data["titel"]
    if not isinstance(titel, str) or not titel.strip() or "\n" in titel.strip():
        raise fout(regel("titel"), "titel: schrijf de titel als tekst op één regel")
    try:
        status = Nieuwsbriefstatus(data["status"])
    except ValueError:
        raise fout(
            regel("status"),
            f"status: '{data['status']}' bestaat niet",
            "kies concept of verzonden",
        ) from None
    datums: dict[str, dt.date] = {}
    for veld in ("datum", "verzonden_op"):
        if veld not in data:
            continue
        datum = _datum(data[veld])
        if datum is None:
            raise fout(
                regel(veld),
                f"{veld}: '{data[veld]}' is geen datum",
                "schrijf JJJJ-MM-DD, bijv. 2026-12-18",
            )
        datums[veld] = datum
    verzonden_op = datums.get("verzonden_op")
    if verzonden_op is not None and status != Nieuwsbriefstatus.VERZONDEN:
        raise fout(
            regel("verzonden_op", sleutel=True),
            "verzonden_op bij een nieuwsbrief die nog een concept is",
            "zet status: verzonden, of haal verzonden_op weg",
        )
    if verzonden_op is None and status == Nieuwsbriefstatus.VERZONDEN:
        raise fout(
            regel("status"),
            "een verzonden nieuwsbrief heeft een datum verzonden_op",
            "zet verzonden_op: JJJJ-MM-DD in de kop",
        )
    return Nieuwsbrief(
        id=pad.stem,
        pad=pad,
        titel=" ".join(titel.split()),
        datum=datums["datum"],
        status=status,
        verzonden_op=verzonden_op,
        tekst="\n".join(regels[einde + 1 :]).strip("\n") + "\n",
    )


def _datum(waarde: object) -> dt.date | None:
    """A date as YAML 1.2 leaves it (text), strictly JJJJ-MM-DD; None if it is not one."""
    if not isinstance(waarde, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", waarde):
        return None
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError:
        return None
