"""Review routing: a CODEOWNERS file made from the records.

Who reviews what follows the cooperation: a cluster's record is reviewed by its
coordinator; a body's record, its meetings, its actions and the agenda proposals for
it by its secretary; a project by its trekker and the coordinators of its clusters
(a regional project: by the waterregisseur, the secretary of the
clustercoördinatorenoverleg); everything else by that same secretary.

The file uses only what GitHub and GitLab both accept: a path from the repository
root, ``*`` (never across a ``/``), one or more ``@owner`` per line, comments on lines
of their own. The last matching line wins, so the file runs from general to specific:

1. ``*``, the default owner;
2. per body, in id order: its record and globs for its meetings, actions and
   proposals (``cco-*.yaml``). Globs also cover the files a pull request adds. In id
   order a body whose id starts with another's (``waterteam`` and
   ``waterteam-waterpas``) comes later and wins for its own files;
3. the existing meetings, actions and proposals the globs would route wrongly (a
   name that does not follow the scheme), each by its own path;
4. per cluster its record, per project its record.

A person without ``forge_account`` is left out; a line left without owners gets the
default owner instead, so the file never routes a change to nobody. Each such person
is reported with the roles that miss them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from waterketen_cli import dutch, escape
from waterketen_cli.errors import WaterketenError
from waterketen_cli.models.records import (
    Actie,
    Agendavoorstel,
    Cluster,
    Overleg,
    Persoon,
    Project,
    Vergadering,
)
from waterketen_cli.models.types import Overlegsoort
from waterketen_cli.records.dataset import Gegevens

#: The kinds ``build`` reads.
SOORTEN = (
    "persoon",
    "cluster",
    "overleg",
    "vergadering",
    "actie",
    "agendavoorstel",
    "project",
)

#: The line that marks a file as generated: only such a file is overwritten unasked.
MARKERING = "niet met de hand bewerken; maak opnieuw met waterketen codeowners"

KOP = f"""\
# CODEOWNERS: wie een wijziging in welk bestand beoordeelt (GitHub en GitLab).
# Gemaakt door waterketen uit de records in data/:
# {MARKERING}.
#
# De laatste regel die bij een bestand past, telt. Van algemeen naar bijzonder:
# - alles: de secretaris van het clustercoördinatorenoverleg (de waterregisseur);
# - een overleg, zijn vergaderingen, acties en agendavoorstellen: de secretaris;
# - een cluster: de coördinator;
# - een project: de trekker en de coördinatoren van zijn clusters (een regionaal
#   project: de trekker en de waterregisseur).
# Wie geen forge_account heeft, staat er niet in; blijft een regel zonder eigenaar
# over, dan krijgt die de standaardeigenaar.
"""

_VEILIG = re.compile(r"^[A-Za-z0-9._/-]*$")
_DATUM_STAART = re.compile(r"-\d{4}-\d{2}-\d{2}$")


class CodeownersFout(WaterketenError):
    """CODEOWNERS cannot be made for this folder."""


@dataclass(frozen=True)
class Regel:
    """One line: a path pattern and its owners (``@name``)."""

    patroon: str
    eigenaren: tuple[str, ...]


@dataclass(frozen=True)
class Blok:
    """Lines under a comment."""

    kop: str
    regels: tuple[Regel, ...]


@dataclass(frozen=True)
class Ontbrekend:
    """A person the file should name but cannot: no forge account, or no valid record."""

    persoon: str
    rollen: tuple[str, ...]
    bekend: bool  # False: no valid person record with this id


@dataclass(frozen=True)
class Codeowners:
    tekst: str
    standaard: tuple[str, ...]  # the default owners; empty when there are none
    ontbrekend: tuple[Ontbrekend, ...]
    opmerkingen: tuple[str, ...]  # other things the user should know


def owner(account: str) -> str:
    """``mkuipers`` or ``@mkuipers`` -> ``@mkuipers``."""
    return "@" + account.removeprefix("@")


class _Eigenaren:
    """Owners per person, collecting whom a line misses and in what role."""

    def __init__(self, gegevens: Gegevens) -> None:
        self.personen = {p.id: p for p in gegevens.of(Persoon)}
        self.rollen: dict[str, dict[str, list[str]]] = {}

    def van(self, persoon: str, rol: str, waarvan: str = "") -> str | None:
        """``@account``, or None (and a note of the role that misses this person)."""
        record = self.personen.get(persoon)
        if record is not None and record.forge_account:
            return owner(record.forge_account)
        waarvan_lijst = self.rollen.setdefault(persoon, {}).setdefault(rol, [])
        if waarvan and waarvan not in waarvan_lijst:
            waarvan_lijst.append(waarvan)
        return None

    def ontbrekend(self) -> tuple[Ontbrekend, ...]:
        return tuple(
            Ontbrekend(
                persoon,
                tuple(_opsomming(rol, waarvan) for rol, waarvan in rollen.items()),
                persoon in self.personen,
            )
            for persoon, rollen in sorted(self.rollen.items())
        )


def _opsomming(rol: str, waarvan: list[str]) -> str:
    """'trekker van project a, b en c'."""
    return f"{rol} {dutch.opsomming(waarvan)}" if waarvan else rol


def _unique(owners: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(o for o in owners if o))


def build(gegevens: Gegevens, prefix: str) -> Codeowners:
    """The file for these records; ``prefix`` is the data folder as seen from the
    repository root, e.g. ``/data``."""
    if not _VEILIG.match(prefix):
        raise CodeownersFout(
            f"het pad van de gegevensmap '{prefix}' bevat tekens die CODEOWNERS niet kent",
            hint="gebruik voor de mappen alleen letters, cijfers, '-', '_' en '.'",
        )
    eigenaren = _Eigenaren(gegevens)
    opmerkingen: list[str] = []
    overleggen = sorted(gegevens.of(Overleg), key=lambda o: o.id)

    cco = next((o for o in overleggen if o.soort == Overlegsoort.CLUSTERCOORDINATORENOVERLEG), None)
    standaard: tuple[str, ...] = ()
    if cco is None:
        opmerkingen.append(
            "er is geen clustercoördinatorenoverleg, dus geen standaardeigenaar (regel '*'): "
            "bestanden zonder eigen regel hebben geen beoordelaar"
        )
    else:
        standaard = _unique(
            [eigenaren.van(cco.secretaris, "secretaris van het clustercoördinatorenoverleg")]
        )

    def of_default(owners: Iterable[str | None]) -> tuple[str, ...]:
        return _unique(owners) or standaard

    blokken: list[Blok] = []
    if cco is not None and standaard:
        kop = f"Standaard: de secretaris van het clustercoördinatorenoverleg ({cco.secretaris})"
        blokken.append(Blok(kop, (Regel("*", standaard),)))

    # Bodies, with globs for the files that belong to them.
    per_overleg: dict[str, tuple[str, ...]] = {}
    globs: dict[str, list[tuple[str, tuple[str, ...]]]] = {
        "vergaderingen": [],
        "acties": [],
        "agendavoorstellen": [],
    }
    for overleg in overleggen:
        owners = of_default([eigenaren.van(overleg.secretaris, "secretaris van", overleg.id)])
        per_overleg[overleg.id] = owners
        if not owners:
            continue
        regels = [Regel(f"{prefix}/overleggen/{overleg.id}.yaml", owners)]
        for map_ in globs:
            globs[map_].append((overleg.id, owners))
            regels.append(Regel(f"{prefix}/{map_}/{overleg.id}-*.yaml", owners))
        blokken.append(
            Blok(
                f"Overleg {overleg.id} ({overleg.naam}): secretaris {overleg.secretaris}",
                tuple(regels),
            )
        )

    # Files whose name the globs above would route to the wrong owners.
    vergadering_van = {v.id: v.overleg for v in gegevens.of(Vergadering)}

    def overleg_van_vergadering(vergadering: str | None) -> str | None:
        if vergadering is None:
            return None
        if vergadering in vergadering_van:
            return vergadering_van[vergadering]
        return _DATUM_STAART.sub("", vergadering) if _DATUM_STAART.search(vergadering) else None

    bedoeld: list[tuple[str, str, str | None]] = [
        *(("vergaderingen", v.id, v.overleg) for v in gegevens.of(Vergadering)),
        *(("acties", a.id, overleg_van_vergadering(a.vergadering)) for a in gegevens.of(Actie)),
        *(("agendavoorstellen", v.id, v.overleg) for v in gegevens.of(Agendavoorstel)),
    ]
    uitzonderingen = []
    for map_, record_id, overleg_id in bedoeld:
        want = per_overleg.get(overleg_id or "", standaard) or standaard
        got = _routed(globs[map_], record_id, standaard)
        if want and want != got:
            uitzonderingen.append(Regel(f"{prefix}/{map_}/{record_id}.yaml", want))
    if uitzonderingen:
        blokken.append(
            Blok(
                "Records waarvan de naam niet bij hun overleg past",
                tuple(sorted(uitzonderingen, key=lambda r: r.patroon)),
            )
        )

    clusters = sorted(gegevens.of(Cluster), key=lambda c: c.id)
    coordinator = {c.id: c.coordinator for c in clusters}
    regels = []
    for cluster in clusters:
        owners = of_default([eigenaren.van(cluster.coordinator, "coördinator van", cluster.id)])
        if owners:
            regels.append(Regel(f"{prefix}/clusters/{cluster.id}.yaml", owners))
    if regels:
        blokken.append(Blok("Clusters: de coördinator", tuple(regels)))

    regels = []
    for project in sorted(gegevens.of(Project), key=lambda p: p.id):
        wie = [eigenaren.van(project.trekker, "trekker van project", project.id)]
        if project.regionaal:
            if cco is not None:
                wie.append(eigenaren.van(cco.secretaris, "waterregisseur bij project", project.id))
        else:
            wie += [
                eigenaren.van(coordinator[c], "coördinator bij project", project.id)
                for c in project.clusters
                if c in coordinator
            ]
        owners = of_default(wie)
        if owners:
            regels.append(Regel(f"{prefix}/projecten/{project.id}.yaml", owners))
    if regels:
        blokken.append(
            Blok(
                "Projecten: de trekker en de coördinatoren (regionaal: de waterregisseur)",
                tuple(regels),
            )
        )

    if gegevens.overgeslagen:
        opmerkingen.append(
            "niet meegenomen, want niet geldig: " + ", ".join(sorted(gegevens.overgeslagen))
        )
    return Codeowners(_render(blokken), standaard, eigenaren.ontbrekend(), tuple(opmerkingen))


def _routed(
    globs: list[tuple[str, tuple[str, ...]]], record_id: str, standaard: tuple[str, ...]
) -> tuple[str, ...]:
    """Whom the globs of one folder give a file, as the forges read them: the last
    ``<overleg>-*.yaml`` that matches, else the default line."""
    got = standaard
    for overleg_id, owners in globs:
        if record_id.startswith(f"{overleg_id}-"):
            got = owners
    return got


#: A path pattern or an owner, as this file writes them: nothing that could end the
#: line or split it (the ids and accounts are checked by validate; this holds also
#: for records that did not pass through it).
_WOORD = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u2028\u2029#]+")


def _woord(text: str) -> str:
    if not _WOORD.fullmatch(text):
        raise CodeownersFout(
            f"'{escape.een_regel(text)}' kan niet in CODEOWNERS: een pad of eigenaar zonder "
            "spaties, regeleinden of stuurtekens",
            hint="herstel het id of de forge_account; 'waterketen validate' wijst het aan",
        )
    return text


def _render(blokken: list[Blok]) -> str:
    width = max((len(r.patroon) for b in blokken for r in b.regels), default=0)
    parts = [KOP]
    if not blokken:
        parts.append(
            "\n# Nog geen eigenaren: voeg het clustercoördinatorenoverleg, de clusters en\n"
            "# de forge_account van hun secretaris en coördinatoren toe.\n"
        )
    for blok in blokken:
        # The heading names records (an overleg's name): text from the data, one line.
        lines = [f"\n# {escape.codeowners_commentaar(blok.kop)}\n"]
        lines += [
            f"{_woord(r.patroon).ljust(width)}  {' '.join(map(_woord, r.eigenaren))}\n"
            for r in blok.regels
        ]
        parts.append("".join(lines))
    return "".join(parts)


def is_generated(text: str) -> bool:
    """Whether a CODEOWNERS text carries our header (in its first lines)."""
    return any(MARKERING in line for line in text.splitlines()[:5])


def repository_root(data_dir: Path) -> Path:
    """The folder CODEOWNERS paths start from: the git repository of the data, or
    else the folder that holds it."""
    from waterketen_cli.paths import repository_root as find

    return find(data_dir) or data_dir.parent


def prefix_for(data_dir: Path, root: Path) -> str:
    """``/data`` for ``<root>/data``."""
    relative = data_dir.resolve().relative_to(root.resolve()).as_posix()
    return "" if relative == "." else f"/{relative}"
