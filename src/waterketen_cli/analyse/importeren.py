"""Measurements from a spreadsheet (``waterketen monitor import BESTAND``): the benchmarks
send their figures as Excel or CSV; each row becomes a measurement (``metingen``) of a
cluster.

The columns are found by their header (``indicator``, ``cluster`` or ``gemeente``,
``peildatum``, ``waarde``, ``bron``, ``toelichting``; upper and lower case alike), or
as ``--kolommen`` names them (a header or a column letter). A gemeente is taken to its
cluster, and that is said. Every row after the header is accounted for: read, empty,
already there, or reported with its cell (``Blad1!C7: '12,3x' is geen getal``). One bad
cell and nothing is written; a value that differs from the measurement a cluster
already has for that indicator and date is an error too, unless the command replaces
it (``--vervang``).

Numbers as Dutch write them (``1.234,5``, ``1234,5``), as machines do (``1234.5``), or
as Excel stores them; a cell formatted as a percentage counts as shown (``99,5%``, not
0.995). Dates as Excel dates, ``2025-12-31`` or ``31-12-2025``. Nothing here reads or
writes a file: the spreadsheet comes in as a :class:`~waterketen_cli.tabel.Tabel`,
the records go out as a write plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from waterketen_cli import dutch
from waterketen_cli.errors import GebruiksFout, WaterketenError
from waterketen_cli.findings import suggest
from waterketen_cli.models.base import slugify
from waterketen_cli.models.records import Cluster, Indicator, Organisatie, Regio
from waterketen_cli.models.types import GRENS, Organisatiesoort, Waardesoort
from waterketen_cli.records.dataset import Gegevens, soort_of
from waterketen_cli.tabel import Cel, Rij, Tabel, kolomletter, kolomnummer

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Schrijfplan

#: The kinds the import reads.
SOORTEN = ("regio", "cluster", "organisatie")
#: The columns, in the order of a measurement.
VELDEN = ("indicator", "cluster", "gemeente", "peildatum", "waarde", "bron", "toelichting")
_VERPLICHT = ("indicator", "peildatum", "waarde", "bron")
#: A measurement's value as it goes into the record.
Meetwaarde = int | float | bool
_JA = {"ja", "waar", "true", "j"}
_NEE = {"nee", "onwaar", "false", "n"}


class ImportGeweigerd(WaterketenError):
    """Cells that cannot be read: all of them named, nothing written."""

    def __init__(self, bestand: str, fouten: Sequence[str]) -> None:
        self.fouten = list(fouten)
        regels = "\n".join(f"  {f}" for f in fouten[:50])
        if len(fouten) > 50:
            regels += f"\n  … en nog {len(fouten) - 50}"
        aantal = dutch.aantal(len(fouten), "cel is", "cellen zijn")
        super().__init__(
            f"{bestand}: {aantal} niet te lezen:\n{regels}",
            hint="er is niets geschreven; verbeter het bestand (of kies de kolommen met "
            "--kolommen) en probeer het opnieuw",
        )


@dataclass(frozen=True)
class Gelezen:
    """One row understood."""

    plek: str  # 'Blad1!A4': the row's first cell, to name it
    rij: int
    cluster: Cluster
    indicator: Indicator
    peildatum: dt.date
    waarde: Meetwaarde
    bron: str
    toelichting: str | None
    gemeente: str | None = None  # the gemeente's name, when the row named one

    @property
    def sleutel(self) -> tuple[str, str, dt.date]:
        return (self.cluster.id, self.indicator.id, self.peildatum)

    def omschrijving(self) -> str:
        """'rioolheffing, Westerkwartier, 31 december 2025: 262'"""
        return (
            f"{self.indicator.id}, {self.cluster.naam}, {dutch.datum(self.peildatum)}: "
            f"{toon(self.waarde)}"
        )


@dataclass
class Import:
    """What an import does: which rows become measurements, and everything else."""

    tabel: Tabel
    kolommen: dict[str, int]  # field -> column
    kopregel: int
    niet_gelezen_kolommen: list[str] = field(default_factory=list)  # 'D (opmerking)'
    boven_kop: list[int] = field(default_factory=list)  # rows above the header
    lege_rijen: list[int] = field(default_factory=list)
    nieuw: list[Gelezen] = field(default_factory=list)
    vervangen: list[tuple[Gelezen, Meetwaarde]] = field(default_factory=list)
    aanwezig: list[Gelezen] = field(default_factory=list)
    dubbel: list[tuple[Gelezen, int]] = field(default_factory=list)  # and the earlier row

    @property
    def gemeenten(self) -> dict[tuple[str, str], list[int]]:
        """(gemeente, cluster name) -> the rows that named the gemeente."""
        result: dict[tuple[str, str], list[int]] = {}
        for g in [*self.nieuw, *(g for g, _ in self.vervangen), *self.aanwezig]:
            if g.gemeente is not None:
                result.setdefault((g.gemeente, g.cluster.naam), []).append(g.rij)
        return result


def toon(waarde: Meetwaarde) -> str:
    """A value as Dutch write it: '1.234,5', 'ja'."""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    exact = Decimal(str(waarde)).normalize()
    exponent = exact.as_tuple().exponent
    decimalen = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return dutch.getal(exact, decimalen)


def kolommen_optie(tekst: str) -> dict[str, str]:
    """``--kolommen indicator=Indicator,waarde=D``: field -> header or column letter."""
    result: dict[str, str] = {}
    for deel in (d.strip() for d in tekst.split(",")):
        if not deel:
            continue
        veld, _, kolom = deel.partition("=")
        veld, kolom = veld.strip().lower(), kolom.strip()
        if veld not in VELDEN:
            raise GebruiksFout(
                f"--kolommen: onbekend veld '{veld}'",
                hint=suggest(veld, VELDEN) or f"de velden: {', '.join(VELDEN)}",
            )
        if not kolom:
            raise GebruiksFout(
                f"--kolommen: bij '{veld}' ontbreekt de kolom",
                hint=f"schrijf {veld}=<kop of kolomletter>, bijv. waarde=D",
            )
        result[veld] = kolom
    return result


def _sleutel(tekst: str) -> str:
    return " ".join(tekst.split()).casefold()


def _kolommen(tabel: Tabel, keuze: dict[str, str]) -> tuple[int, dict[str, int], list[str]]:
    """The header row, the column of each field, and the columns not read."""
    gezocht = {veld: _sleutel(keuze.get(veld, veld)) for veld in VELDEN}
    # Every column chosen by its letter: the first row with anything in it is the header.
    letters = {v for v, k in keuze.items() if kolomnummer(k) is not None}
    alle_letters = set(_VERPLICHT) <= letters and bool({"cluster", "gemeente"} & letters)
    for rij in tabel.rijen[:30]:
        koppen = {_sleutel(str(c.waarde)): i for i, c in enumerate(rij.cellen) if not c.leeg}
        if not koppen or not (alle_letters or any(naam in koppen for naam in gezocht.values())):
            continue
        kolommen: dict[str, int] = {}
        for veld, naam in gezocht.items():
            letter = kolomnummer(keuze[veld]) if veld in keuze else None
            if naam in koppen:
                kolommen[veld] = koppen[naam]
            elif letter is not None:
                kolommen[veld] = letter
            elif veld in keuze:
                raise GebruiksFout(
                    f"--kolommen: {tabel.bestand} heeft geen kolom '{keuze[veld]}' "
                    f"(kopregel {rij.nummer})",
                    hint=suggest(_sleutel(keuze[veld]), koppen)
                    or f"de kolommen: {', '.join(str(c.waarde) for c in rij.cellen if not c.leeg)}",
                )
        ontbreekt = [v for v in _VERPLICHT if v not in kolommen]
        if "cluster" not in kolommen and "gemeente" not in kolommen:
            ontbreekt.insert(1, "cluster of gemeente")
        if ontbreekt:
            raise WaterketenError(
                f"{tabel.bestand}: de kolom {dutch.opsomming(ontbreekt)} ontbreekt "
                f"(kopregel {rij.nummer} van blad {tabel.blad})",
                hint="geef de kolommen een kop als indicator, cluster, peildatum, waarde en "
                "bron, of wijs ze aan met --kolommen (bijv. waarde=D of waarde='Bedrag 2025')",
            )
        gebruikt = set(kolommen.values())
        overig = [
            f"{kolomletter(i)} ({c.waarde})"
            for i, c in enumerate(rij.cellen)
            if not c.leeg and i not in gebruikt
        ]
        return rij.nummer, kolommen, overig
    raise WaterketenError(
        f"{tabel.bestand}: geen kopregel gevonden op blad {tabel.blad}",
        hint="de eerste regel met gegevens noemt de kolommen: indicator, cluster (of "
        "gemeente), peildatum, waarde, bron (en toelichting); of gebruik --kolommen",
    )


def lees_metingen(
    gegevens: Gegevens,
    tabel: Tabel,
    keuze: dict[str, str] | None = None,
    *,
    vandaag: dt.date,
    vervang: bool = False,
) -> Import:
    """Every row of the sheet, read against the region's indicators and clusters.
    Raises :class:`ImportGeweigerd` naming every cell that cannot be read."""
    regio = next(iter(gegevens.of(Regio)), None)
    if regio is None:
        raise WaterketenError(
            "geen geldig regiorecord in data/regio/: daar staan de indicatoren",
            hint="voer 'waterketen validate' uit om te zien wat eraan schort",
        )
    kopregel, kolommen, overig = _kolommen(tabel, keuze or {})
    uitkomst = Import(tabel, kolommen, kopregel, overig)
    lezer = _Lezer(gegevens, regio, tabel, kolommen, vandaag)
    eerder: dict[tuple[str, str, dt.date], Gelezen] = {}
    for rij in tabel.rijen:
        if rij.nummer < kopregel:
            if not rij.leeg:
                uitkomst.boven_kop.append(rij.nummer)
            continue
        if rij.nummer == kopregel:
            continue
        if rij.leeg:
            uitkomst.lege_rijen.append(rij.nummer)
            continue
        gelezen = lezer.rij(rij)
        if gelezen is None:
            continue
        vorige = eerder.get(gelezen.sleutel)
        if vorige is not None:
            if _gelijk(vorige.waarde, gelezen.waarde):
                uitkomst.dubbel.append((gelezen, vorige.rij))
            else:
                lezer.fout(
                    kolommen["waarde"],
                    rij,
                    f"{gelezen.indicator.id} van {gelezen.cluster.naam} op "
                    f"{dutch.datum(gelezen.peildatum)} staat al in regel {vorige.rij} met "
                    f"{toon(vorige.waarde)}" + _via(vorige, gelezen),
                )
            continue
        eerder[gelezen.sleutel] = gelezen
        bestaand = next(
            (
                m
                for m in gelezen.cluster.metingen
                if m.indicator == gelezen.indicator.id and m.peildatum == gelezen.peildatum
            ),
            None,
        )
        if bestaand is None:
            uitkomst.nieuw.append(gelezen)
        elif _gelijk(bestaand.waarde, gelezen.waarde):
            uitkomst.aanwezig.append(gelezen)
        elif vervang:
            uitkomst.vervangen.append((gelezen, bestaand.waarde))
        else:
            lezer.fout(
                kolommen["waarde"],
                rij,
                f"cluster {gelezen.cluster.naam} heeft al een meting van "
                f"{gelezen.indicator.id} op {dutch.datum(gelezen.peildatum)}: "
                f"{toon(bestaand.waarde)} (bron: {bestaand.bron}), niet {toon(gelezen.waarde)}",
                hint="--vervang vervangt die",
            )
    if lezer.fouten:
        raise ImportGeweigerd(tabel.bestand, lezer.fouten)
    return uitkomst


def _via(vorige: Gelezen, gelezen: Gelezen) -> str:
    if gelezen.gemeente is None and vorige.gemeente is None:
        return ""
    return " (een meting geldt voor het hele cluster, niet per gemeente)"


def _gelijk(a: Meetwaarde, b: Meetwaarde) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return Decimal(str(a)) == Decimal(str(b))


class _Lezer:
    """Reads the cells of one row; collects what it cannot read."""

    def __init__(
        self,
        gegevens: Gegevens,
        regio: Regio,
        tabel: Tabel,
        kolommen: dict[str, int],
        vandaag: dt.date,
    ) -> None:
        self.tabel = tabel
        self.kolommen = kolommen
        self.vandaag = vandaag
        self.fouten: list[str] = []
        self.indicatoren = {i.id: i for i in regio.indicatoren}
        self.indicatornamen = {slugify(i.naam): i for i in regio.indicatoren}
        self.clusters = {c.id: c for c in gegevens.of(Cluster)}
        self.clusternamen = {slugify(c.naam): c for c in self.clusters.values()}
        gemeenten = {
            o.id: o for o in gegevens.of(Organisatie) if o.soort == Organisatiesoort.GEMEENTE
        }
        self.gemeenten: dict[str, tuple[Organisatie, Cluster]] = {}
        for cluster in self.clusters.values():
            for gid in cluster.gemeenten:
                if gid in gemeenten:
                    self.gemeenten[gid] = (gemeenten[gid], cluster)

    def fout(self, kolom: int, rij: Rij, bericht: str, hint: str | None = None) -> None:
        self.fouten.append(
            f"{self.tabel.plek(kolom, rij.nummer)}: {bericht}" + (f" ({hint})" if hint else "")
        )

    def rij(self, rij: Rij) -> Gelezen | None:
        voor = len(self.fouten)
        indicator = self._veld(rij, "indicator", self._indicator)
        cluster, gemeente = self._cluster(rij)
        peildatum = self._veld(rij, "peildatum", self._datum)
        waarde = self._veld(rij, "waarde", lambda c: self._waarde(c, indicator))
        bron = self._veld(rij, "bron", _regel)
        toelichting = self._veld(rij, "toelichting", _tekst, verplicht=False)
        if len(self.fouten) > voor:
            return None
        assert indicator is not None and cluster is not None and peildatum is not None
        assert waarde is not None and bron is not None
        return Gelezen(
            self.tabel.plek(0, rij.nummer),
            rij.nummer,
            cluster,
            indicator,
            peildatum,
            waarde,
            bron,
            toelichting,
            gemeente,
        )

    def _veld(
        self,
        rij: Rij,
        veld: str,
        lees: Callable[[Cel], Any],
        *,
        verplicht: bool = True,
    ) -> Any:
        kolom = self.kolommen.get(veld)
        if kolom is None:
            return None
        cel = rij.cel(kolom)
        if cel.leeg:
            if verplicht:
                self.fout(kolom, rij, f"{veld} is leeg")
            return None
        try:
            return lees(cel)
        except _Onleesbaar as error:
            self.fout(kolom, rij, error.bericht, error.hint)
            return None

    def _indicator(self, cel: Cel) -> Indicator:
        tekst = _celtekst(cel)
        gevonden = self.indicatoren.get(tekst) or self.indicatornamen.get(slugify(tekst))
        if gevonden is None:
            raise _Onleesbaar(
                f"'{tekst}' is geen indicator van de regio",
                suggest(tekst, self.indicatoren) or "de ids staan in het regiorecord",
            )
        return gevonden

    def _cluster(self, rij: Rij) -> tuple[Cluster | None, str | None]:
        kolom_c, kolom_g = self.kolommen.get("cluster"), self.kolommen.get("gemeente")
        cel_c = rij.cel(kolom_c) if kolom_c is not None else Cel(None)
        cel_g = rij.cel(kolom_g) if kolom_g is not None else Cel(None)
        if cel_c.leeg and cel_g.leeg:
            kolom = kolom_c if kolom_c is not None else kolom_g
            assert kolom is not None
            wat = dutch.opsomming([v for v in ("cluster", "gemeente") if v in self.kolommen], "en")
            self.fout(kolom, rij, f"{wat} {'zijn' if ' en ' in wat else 'is'} leeg")
            return None, None
        cluster = None
        if not cel_c.leeg:
            assert kolom_c is not None
            tekst = _celtekst(cel_c)
            cluster = self.clusters.get(tekst) or self.clusternamen.get(slugify(tekst))
            if cluster is None:
                self.fout(
                    kolom_c,
                    rij,
                    f"'{tekst}' is geen cluster",
                    suggest(tekst, [*self.clusters, *(c.naam for c in self.clusters.values())]),
                )
                return None, None
        if cel_g.leeg:
            return cluster, None
        assert kolom_g is not None
        tekst = _celtekst(cel_g)
        sleutel = slugify(tekst)
        paar = self.gemeenten.get(sleutel) or self.gemeenten.get(f"gemeente-{sleutel}")
        if paar is None:
            self.fout(
                kolom_g,
                rij,
                f"'{tekst}' is geen gemeente van een cluster",
                suggest(sleutel, self.gemeenten),
            )
            return None, None
        organisatie, van = paar
        if cluster is not None and cluster.id != van.id:
            self.fout(
                kolom_g,
                rij,
                f"{organisatie.naam} hoort bij cluster {van.naam}, niet bij {cluster.naam}",
            )
            return None, None
        return van, organisatie.naam

    def _datum(self, cel: Cel) -> dt.date:
        waarde = cel.waarde
        if isinstance(waarde, dt.datetime):
            datum = waarde.date()
        elif isinstance(waarde, dt.date):
            datum = waarde
        elif isinstance(waarde, str):
            datum = _datumtekst(waarde.strip())
        else:
            raise _Onleesbaar(
                f"{_als_tekst(cel)} is geen datum",
                "maak de cel een datum, of schrijf 31-12-2025 of 2025-12-31",
            )
        if datum > self.vandaag:
            raise _Onleesbaar(f"{dutch.datum(datum)} ligt in de toekomst")
        return datum

    def _waarde(self, cel: Cel, indicator: Indicator | None) -> Meetwaarde:
        janee = indicator is not None and indicator.waardesoort == Waardesoort.JA_NEE
        waarde = cel.waarde
        if isinstance(waarde, bool) or (
            isinstance(waarde, str) and waarde.strip().casefold() in _JA | _NEE
        ):
            antwoord = waarde if isinstance(waarde, bool) else waarde.strip().casefold() in _JA
            if indicator is not None and not janee:
                raise _Onleesbaar(f"{_als_tekst(cel)} is geen getal ({indicator.id} is een getal)")
            return antwoord
        if janee:
            assert indicator is not None
            raise _Onleesbaar(f"{_als_tekst(cel)} is geen ja of nee ({indicator.id} is ja/nee)")
        if isinstance(waarde, (int, float)):
            getal = Decimal(str(waarde))
            if "%" in cel.opmaak:
                getal *= 100  # Excel stores 99,5% as 0.995; the indicator means 99.5
        elif isinstance(waarde, str):
            getal = _getaltekst(waarde)
        else:
            raise _Onleesbaar(f"{_als_tekst(cel)} is geen getal")
        if not getal.is_finite() or abs(getal) > GRENS:
            raise _Onleesbaar(
                f"{_als_tekst(cel)} is te groot", f"hoogstens {GRENS:_}".replace("_", ".")
            )
        getal = getal.normalize()
        return int(getal) if getal == getal.to_integral_value() else float(getal)


class _Onleesbaar(Exception):
    def __init__(self, bericht: str, hint: str | None = None) -> None:
        super().__init__(bericht)
        self.bericht = bericht
        self.hint = hint


def _als_tekst(cel: Cel) -> str:
    waarde = cel.waarde
    if isinstance(waarde, str):
        return f"'{waarde}'"
    if isinstance(waarde, (dt.date, dt.time)):
        return f"'{waarde.isoformat()}'"
    return f"'{waarde}'"


def _celtekst(cel: Cel) -> str:
    waarde = cel.waarde
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return " ".join(str(waarde).split())


def _regel(cel: Cel) -> str:
    tekst = str(cel.waarde).strip() if not isinstance(cel.waarde, str) else cel.waarde.strip()
    if re.search(r"[\x00-\x1f\x7f-\x9f]", tekst):
        raise _Onleesbaar("de bron past op één regel: geen regeleinde of stuurteken")
    return _celtekst(cel)


def _tekst(cel: Cel) -> str:
    return str(cel.waarde).strip()


_DATUM_NL = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_DATUM_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _datumtekst(tekst: str) -> dt.date:
    if match := _DATUM_ISO.fullmatch(tekst):
        jaar, maand, dag = (int(g) for g in match.groups())
    elif match := _DATUM_NL.fullmatch(tekst):
        dag, maand, jaar = (int(g) for g in match.groups())
    else:
        raise _Onleesbaar(f"'{tekst}' is geen datum", "schrijf 31-12-2025 of 2025-12-31")
    try:
        return dt.date(jaar, maand, dag)
    except ValueError:
        raise _Onleesbaar(f"'{tekst}' is geen bestaande datum") from None


_GROEPEN = re.compile(r"\d{1,3}(?:X\d{3})+")


def _getaltekst(tekst: str) -> Decimal:
    """'1.234,5', '1234,5', '1234.5', '1,234.5', '€ 262', '99,5%', '-3' as a number."""
    schoon = re.sub(r"[\s\u00a0\u202f€%]", "", tekst).replace("\u2212", "-")
    teken, cijfers = ("-", schoon[1:]) if schoon.startswith(("-", "+")) else ("", schoon)
    if schoon.startswith("+"):
        teken = ""
    if not re.fullmatch(r"[\d.,]+", cijfers) or not re.search(r"\d", cijfers):
        raise _Onleesbaar(f"'{tekst}' is geen getal")
    punten, kommas = cijfers.count("."), cijfers.count(",")
    if punten and kommas:
        decimaal = "," if cijfers.rfind(",") > cijfers.rfind(".") else "."
        duizend = "." if decimaal == "," else ","
        geheel, _, breuk = cijfers.rpartition(decimaal)
        if cijfers.count(decimaal) > 1 or not _GROEPEN.fullmatch(geheel.replace(duizend, "X")):
            raise _Onleesbaar(f"'{tekst}' is geen getal")
        getal = geheel.replace(duizend, "") + "." + breuk
    elif kommas == 1:
        getal = cijfers.replace(",", ".")  # Dutch: 1234,5
    elif punten == 1:
        geheel, _, breuk = cijfers.partition(".")
        if len(breuk) == 3 and geheel not in ("", "0"):
            raise _Onleesbaar(
                f"'{tekst}' is dubbelzinnig: {geheel}{breuk} of {geheel},{breuk}?",
                f"schrijf {geheel}{breuk} of {geheel},{breuk}",
            )
        getal = cijfers
    elif punten > 1 or kommas > 1:
        teken_ = "." if punten else ","
        if not _GROEPEN.fullmatch(cijfers.replace(teken_, "X")):
            raise _Onleesbaar(f"'{tekst}' is geen getal")
        getal = cijfers.replace(teken_, "")
    else:
        getal = cijfers
    try:
        return Decimal(teken + getal.strip("."))
    except InvalidOperation:
        raise _Onleesbaar(f"'{tekst}' is geen getal") from None


# --- the write plan -----------------------------------------------------------------------


def schrijfplan(gegevens: Gegevens, uitkomst: Import) -> Schrijfplan:
    """The clusters with their new (and replaced) measurements; comments and the order
    of everything else stay. A new measurement goes with those of its indicator, in
    date order; one of a new indicator at the end."""
    from ruamel.yaml.comments import CommentedSeq

    from waterketen_cli.records import writer
    from waterketen_cli.records.plan import Schrijfplan, wijzig_record

    soort = soort_of(Cluster)
    aantal = dutch.aantal(len(uitkomst.nieuw), "meting", "metingen")
    plan = Schrijfplan.van(gegevens, f"{aantal} ingelezen uit {uitkomst.tabel.bestand}")
    per_cluster: dict[str, tuple[list[Gelezen], list[Gelezen]]] = {}
    for g in uitkomst.nieuw:
        per_cluster.setdefault(g.cluster.id, ([], []))[0].append(g)
    for g, _ in uitkomst.vervangen:
        per_cluster.setdefault(g.cluster.id, ([], []))[1].append(g)

    for cluster_id in sorted(per_cluster):
        nieuw, vervangen = per_cluster[cluster_id]

        def wijzig(
            doc: Any, nieuw: list[Gelezen] = nieuw, vervangen: list[Gelezen] = vervangen
        ) -> None:
            metingen = doc.get("metingen")
            if metingen is None:
                metingen = CommentedSeq()
                writer.put(doc, "metingen", metingen, Cluster.model_fields)
            for g in vervangen:
                for item in metingen:
                    if item.get("indicator") == g.indicator.id and _iso(item) == g.peildatum:
                        item["waarde"] = g.waarde
                        item["bron"] = g.bron
                        if g.toelichting is not None:
                            writer.put(item, "toelichting", g.toelichting, _MEETVELDEN)
                        elif "toelichting" in item:
                            del item["toelichting"]  # it explained the value replaced
            for g in nieuw:
                metingen.insert(_plaats(metingen, g), writer.to_yaml(_meting(g)))

        plan.records.append(wijzig_record(gegevens.paden[(soort.naam, cluster_id)], soort, wijzig))
    return plan


_MEETVELDEN = ("indicator", "peildatum", "waarde", "bron", "toelichting")


def _meting(g: Gelezen) -> dict[str, Any]:
    data: dict[str, Any] = {
        "indicator": g.indicator.id,
        "peildatum": g.peildatum,
        "waarde": g.waarde,
        "bron": g.bron,
    }
    if g.toelichting is not None:
        data["toelichting"] = g.toelichting
    return data


def _iso(item: Any) -> dt.date | None:
    waarde = item.get("peildatum")
    if isinstance(waarde, dt.date):
        return waarde
    try:
        return dt.date.fromisoformat(str(waarde))
    except ValueError:
        return None


def _plaats(metingen: Any, g: Gelezen) -> int:
    """Before the first later measurement of the same indicator; else after its last;
    else at the end."""
    zelfde = [i for i, m in enumerate(metingen) if m.get("indicator") == g.indicator.id]
    for i in zelfde:
        peil = _iso(metingen[i])
        if peil is not None and peil > g.peildatum:
            return i
    return zelfde[-1] + 1 if zelfde else len(metingen)
