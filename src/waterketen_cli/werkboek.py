"""Spreadsheets out: ``overzicht``, ``acties``, ``besluiten`` and ``middelen`` as an Excel
workbook (``-o overzicht.xlsx`` or ``--formaat xlsx``), for who filters, sorts and
counts on.

A sheet per section; dates are dates and amounts numbers in the cell (formatted as
``€ 1.250,50`` by Excel in Dutch), not text; the header row is bold, frozen and
filters. The same data give the same bytes: the workbook's creation and modification
times are fixed and the zip entries are written in a fixed order and time. Nothing here
writes a file (``cli/common.schrijf_werkboek`` does, through the write path).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from waterketen_cli.documentformaat import vaste_zip

if TYPE_CHECKING:
    from waterketen_cli.analyse.middelen import Bedragen, Middelen, Totaalregel
    from waterketen_cli.analyse.overzicht import Overzicht, Regel
    from waterketen_cli.vergaderen.acties import Actieregel
    from waterketen_cli.vergaderen.besluiten import Besluitregel

#: What a cell holds; None is an empty cell.
Celwaarde = str | int | Decimal | float | dt.date | bool | None
Celsoort = Literal["tekst", "datum", "bedrag", "getal", "geheel"]

#: Excel localises these: ',' is the thousands and '.' the decimal separator of the format.
BEDRAG = '"€" #,##0.00'
DATUM = "d-m-yyyy"
GETAL = "#,##0.##"
GEHEEL = "0"
_OPMAAK: dict[Celsoort, str | None] = {
    "tekst": None,
    "datum": DATUM,
    "bedrag": BEDRAG,
    "getal": GETAL,
    "geheel": GEHEEL,
}
#: The moment every workbook says it was made: no clock in the bytes.
_VAST = dt.datetime(2000, 1, 1)


@dataclass(frozen=True)
class Kolom:
    kop: str
    soort: Celsoort = "tekst"


@dataclass
class Blad:
    """One sheet: a header row and rows of typed cells."""

    naam: str
    kolommen: Sequence[Kolom]
    rijen: list[Sequence[Celwaarde]] = field(default_factory=list)


def bladnaam(naam: str) -> str:
    """A name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "-", naam)[:31] or "Blad"


def werkboek(bladen: Sequence[Blad], *, titel: str) -> bytes:
    """The workbook's bytes: a sheet per :class:`Blad`, in order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    boek = Workbook()
    boek.remove(boek.active)  # type: ignore[arg-type]
    boek.properties.title = titel
    boek.properties.creator = "waterketen"
    boek.properties.created = _VAST
    boek.properties.modified = _VAST
    vet = Font(bold=True)
    for blad in bladen:
        ws = boek.create_sheet(bladnaam(blad.naam))
        ws.append([k.kop for k in blad.kolommen])
        for cel in ws[1]:
            cel.font = vet
            cel.alignment = Alignment(vertical="top")
        breedtes = [len(k.kop) for k in blad.kolommen]
        for rij in blad.rijen:
            ws.append([_waarde(w) for w in rij])
            for i, waarde in enumerate(rij):
                breedtes[i] = max(breedtes[i], _breedte(waarde, blad.kolommen[i].soort))
        for i, kolom in enumerate(blad.kolommen, start=1):
            opmaak = _OPMAAK[kolom.soort]
            if opmaak is not None:
                for (cel,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cel.number_format = opmaak
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = min(max(breedtes[i - 1] + 2, 8), 60)
        laatste = get_column_letter(len(blad.kolommen))
        ws.auto_filter.ref = f"A1:{laatste}{len(blad.rijen) + 1}"
        ws.freeze_panes = "A2"
    uit = io.BytesIO()
    boek.save(uit)
    return vaste_zip(uit.getvalue())


def _waarde(waarde: Celwaarde) -> Celwaarde:
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"  # filters as a word, in Dutch
    return waarde


def _breedte(waarde: Celwaarde, soort: Celsoort) -> int:
    if waarde is None:
        return 0
    if soort == "datum":
        return 10
    if soort == "bedrag":
        return len(f"€ {waarde:,.2f}") if isinstance(waarde, (int, float, Decimal)) else 12
    return max(len(regel) for regel in str(_waarde(waarde)).splitlines() or [""])


# --- the sheets of each command --------------------------------------------------------------


def acties(regels: Sequence[Actieregel]) -> list[Blad]:
    """The action list: one row per action, as ``acties`` selected them."""
    blad = Blad(
        "Acties",
        [
            Kolom("Actie"),
            Kolom("Omschrijving"),
            Kolom("Actiehouder"),
            Kolom("Deadline", "datum"),
            Kolom("Status"),
            Kolom("Verlopen"),
            Kolom("Overleg"),
            Kolom("Vergadering"),
            Kolom("Agendapunt", "geheel"),
            Kolom("Cluster"),
            Kolom("Project"),
            Kolom("Afgerond op", "datum"),
            Kolom("Toelichting"),
        ],
    )
    for r in regels:
        a = r.actie
        blad.rijen.append(
            [
                a.id,
                a.omschrijving,
                r.actiehouder,
                a.deadline,
                a.status.value,
                r.verlopen,
                r.overleg,
                a.vergadering,
                a.agendapunt,
                a.cluster,
                a.project,
                a.afgerond_op,
                a.toelichting,
            ]
        )
    return [blad]


def besluiten(regels: Sequence[Besluitregel], overlegnaam: Callable[[str], str]) -> list[Blad]:
    """The register of decisions, newest first, as ``besluiten`` selected them."""
    blad = Blad(
        "Besluiten",
        [
            Kolom("Nummer"),
            Kolom("Datum", "datum"),
            Kolom("Overleg"),
            Kolom("Vergadering"),
            Kolom("Agendapunt", "geheel"),
            Kolom("Titel agendapunt"),
            Kolom("Besluit"),
            Kolom("Uitkomst"),
            Kolom("Project"),
        ],
    )
    for r in regels:
        blad.rijen.append(
            [
                r.besluit.nummer,
                r.vergadering.datum,
                overlegnaam(r.vergadering.overleg),
                r.vergadering.id,
                r.agendapunt,
                r.titel or None,
                r.besluit.tekst,
                r.besluit.uitkomst.value,
                r.besluit.project,
            ]
        )
    return [blad]


def overzicht(o: Overzicht, persoon: Callable[[str], str]) -> list[Blad]:
    """The activity overview: every activity and project, the themes per cluster, and
    the two analyses (samen oppakken, achterblijvend) with their reasons."""
    kolommen = [
        Kolom("Cluster"),
        Kolom("Soort"),
        Kolom("Titel"),
        Kolom("Thema's"),
        Kolom("Status"),
        Kolom("Actief"),
        Kolom("Eigenaar"),
        Kolom("Begin", "datum"),
        Kolom("Eind", "datum"),
        Kolom("Bijgewerkt", "datum"),
        Kolom("Project"),
    ]
    if o.sinds is not None:
        kolommen.append(Kolom(f"Nieuw sinds {o.sinds:%d-%m-%Y}"))
    activiteiten = Blad("Activiteiten", kolommen)

    def rij(cluster: str, r: Regel) -> list[Celwaarde]:
        cellen: list[Celwaarde] = [
            cluster,
            r.soort,
            r.titel,
            ", ".join(r.themas),
            r.status,
            r.actief,
            persoon(r.eigenaar),
            r.begin,
            r.eind,
            r.bijgewerkt,
            r.project if r.soort == "activiteit" else r.id,
        ]
        return [*cellen, r.nieuw] if o.sinds is not None else cellen

    for blok in o.clusters:
        activiteiten.rijen += [rij(blok.cluster.naam, r) for r in blok.regels]
    activiteiten.rijen += [rij("regionaal", r) for r in o.regionaal]
    clusters = [b.cluster for b in o.clusters]
    themas = Blad(
        "Thema's",
        [Kolom("Thema"), Kolom("Regionaal"), *(Kolom(c.naam, "geheel") for c in clusters)],
    )
    for naam, regionaal in o.themas:
        actief = o.actief.get(naam, {})
        themas.rijen.append([naam, regionaal, *(actief.get(c.id, 0) for c in clusters)])
    signalen = Blad("Signalen", [Kolom("Analyse"), Kolom("Cluster of thema"), Kolom("Reden")])
    signalen.rijen += [["samen oppakken", s.cluster, s.reden] for s in o.samen]
    signalen.rijen += [["achterblijvend", s.cluster, s.reden] for s in o.achterblijvend]
    return [activiteiten, themas, signalen]


_BEDRAGKOLOMMEN = [
    Kolom("Begroting", "bedrag"),
    Kolom("Toegezegd", "bedrag"),
    Kolom("Aangevraagd", "bedrag"),
    Kolom("Ongedekt", "bedrag"),
    Kolom("Tekort", "bedrag"),
]


def _bedragen(b: Bedragen) -> list[Celwaarde]:
    return [b.begroting, b.toegezegd, b.aangevraagd, b.ongedekt, b.tekort]


def middelen(m: Middelen) -> list[Blad]:
    """The deployment of resources: per project, the totals per year, theme, cluster
    and partner, each partner's share per project, and the signals."""
    projecten = Blad(
        "Projecten",
        [
            Kolom("Project"),
            Kolom("Titel"),
            Kolom("Status"),
            Kolom("Clusters"),
            Kolom("Thema's"),
            Kolom("Begin", "datum"),
            Kolom("Eind", "datum"),
            *_BEDRAGKOLOMMEN,
        ],
    )
    for p in m.projecten:
        projecten.rijen.append(
            [
                p.project.id,
                p.project.titel,
                p.project.status.value,
                ", ".join(p.clusters),
                ", ".join(p.themas),
                p.project.periode.begin,
                p.project.periode.eind,
                *_bedragen(p.totaal),
            ]
        )
    projecten.rijen.append(["totaal", None, None, None, None, None, None, *_bedragen(m.totaal)])

    def totalen(naam: str, kop: str, regels: Sequence[Totaalregel], jaar: bool = False) -> Blad:
        blad = Blad(
            naam,
            [
                Kolom(kop, "geheel" if jaar else "tekst"),
                Kolom("Projecten", "geheel"),
                *_BEDRAGKOLOMMEN,
            ],
        )
        for r in regels:
            sleutel: Celwaarde = int(r.sleutel) if jaar else r.naam
            blad.rijen.append([sleutel, r.projecten, *_bedragen(r.bedragen)])
        return blad

    financiering = Blad(
        "Financiering",
        [
            Kolom("Project"),
            Kolom("Partner"),
            Kolom("Soort"),
            Kolom("Partner in de samenwerking"),
            Kolom("Jaren"),
            Kolom("Toegezegd", "bedrag"),
            Kolom("Aangevraagd", "bedrag"),
        ],
    )
    for p in m.projecten:
        for d in p.per_partner:
            financiering.rijen.append(
                [
                    p.project.id,
                    d.naam,
                    d.soort,
                    d.is_partner,
                    ", ".join(str(j) for j in sorted(d.jaren)),
                    d.toegezegd,
                    d.aangevraagd,
                ]
            )
    partners = Blad(
        "Per partner",
        [
            Kolom("Partner"),
            Kolom("Soort"),
            Kolom("Partner in de samenwerking"),
            Kolom("Projecten", "geheel"),
            Kolom("Toegezegd", "bedrag"),
            Kolom("Aangevraagd", "bedrag"),
            Kolom("Totaal", "bedrag"),
        ],
    )
    for d in m.per_partner:
        partners.rijen.append(
            [d.naam, d.soort, d.is_partner, len(d.projecten), d.toegezegd, d.aangevraagd, d.totaal]
        )
    signalen = Blad(
        "Signalen",
        [
            Kolom("Signaal"),
            Kolom("Project"),
            Kolom("Titel"),
            Kolom("Jaar", "geheel"),
            Kolom("Bedrag", "bedrag"),
            Kolom("Partner"),
            Kolom("Toelichting"),
        ],
    )
    for s in m.signalen:
        signalen.rijen.append(
            [s.soort, s.project, s.titel, s.jaar, s.bedrag, s.partner, s.toelichting]
        )
    return [
        projecten,
        totalen("Per jaar", "Jaar", m.per_jaar, jaar=True),
        totalen("Per thema", "Thema", m.per_thema),
        totalen("Per cluster", "Cluster", m.per_cluster),
        partners,
        financiering,
        signalen,
        *_regionale_begroting(m),
    ]


def _regionale_begroting(m: Middelen) -> list[Blad]:
    """The regional budget (data/begrotingen/): the years, the contributions, the
    allocations and realisation per project, and its signals. Nothing without budgets."""
    jaren = m.regionaal.jaren
    if not jaren:
        return []
    bedrag = [
        "begroting", "toegezegd", "aangevraagd", "toegekend", "gerealiseerd", "vrij", "restant"
    ]  # fmt: skip
    overzicht = Blad(
        "Regionale begroting",
        [Kolom("Jaar", "geheel"), *(Kolom(k.capitalize(), "bedrag") for k in bedrag)],
    )
    bijdragen = Blad(
        "Bijdragen",
        [
            Kolom("Jaar", "geheel"),
            Kolom("Partner"),
            Kolom("Grondslag"),
            Kolom("Volgens sleutel", "bedrag"),
            Kolom("Bedrag", "bedrag"),
            Kolom("Status"),
            Kolom("Afronding", "bedrag"),
        ],
    )
    besteding = Blad(
        "Toekenningen",
        [
            Kolom("Jaar", "geheel"),
            Kolom("Project"),
            Kolom("Titel"),
            Kolom("Toegekend", "bedrag"),
            Kolom("Gerealiseerd", "bedrag"),
            Kolom("Besluiten"),
        ],
    )
    signalen = Blad(
        "Signalen begroting",
        [
            Kolom("Signaal"),
            Kolom("Jaar", "geheel"),
            Kolom("Bedrag", "bedrag"),
            Kolom("Toelichting"),
        ],
    )
    for j in jaren:
        overzicht.rijen.append([j.jaar, *(getattr(j, k) for k in bedrag)])
        for b in j.bijdragen:
            bijdragen.rijen.append(
                [
                    j.jaar,
                    b.naam,
                    b.grondslag or "",
                    b.volgens_sleutel,
                    None if b.ontbreekt else b.bedrag,
                    b.status.value if b.status is not None else "ontbreekt",
                    b.afronding or None,
                ]
            )
        for p in j.projecten:
            besteding.rijen.append(
                [j.jaar, p.project, p.titel, p.toegekend, p.gerealiseerd, ", ".join(p.besluiten)]
            )
        for sig in j.signalen:
            signalen.rijen.append([sig.kop, sig.jaar, sig.bedrag, sig.toelichting])
    return [overzicht, bijdragen, besteding, signalen]
