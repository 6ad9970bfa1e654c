"""Reading a spreadsheet that people made: an Excel workbook (``.xlsx``, openpyxl) or a
CSV file (Dutch Excel writes ``;`` and Windows-1252; others ``,`` and UTF-8), into rows
of cells, each with where it is (``Blad1!C7``), so that a reader can name every cell it
cannot use. Bytes in, rows out: the command reads the file.

A CSV file has no sheets; its rows are named as Excel names them when it opens the
file: after the file name without extension (``metingen!C7``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from waterketen_cli.errors import GebruiksFout, WaterketenError

#: A cell's value as read: text (CSV, or a text cell), a number, a date or time
#: (Excel), true/false (Excel), or None (empty).
Waarde = str | int | float | bool | dt.datetime | dt.date | dt.time | None

_XLSX = (".xlsx", ".xlsm")
_CSV = (".csv", ".txt", ".tsv")
_SCHEIDINGSTEKENS = (";", ",", "\t")


class TabelFout(WaterketenError):
    """The file cannot be read as a spreadsheet at all (nothing is read from it)."""


@dataclass(frozen=True)
class Cel:
    waarde: Waarde
    #: Excel's number format ('0.0%', 'd-m-yyyy'); empty for CSV.
    opmaak: str = ""

    @property
    def leeg(self) -> bool:
        return self.waarde is None or (isinstance(self.waarde, str) and not self.waarde.strip())


@dataclass(frozen=True)
class Rij:
    nummer: int  # as the spreadsheet numbers it (1 = the first row)
    cellen: tuple[Cel, ...]

    def cel(self, kolom: int) -> Cel:
        return self.cellen[kolom] if kolom < len(self.cellen) else Cel(None)

    @property
    def leeg(self) -> bool:
        return all(c.leeg for c in self.cellen)


@dataclass(frozen=True)
class Tabel:
    """One sheet of a file."""

    bestand: str  # the file name, as the user gave it
    blad: str  # the sheet's name (of a CSV file: its name without extension)
    rijen: tuple[Rij, ...]
    #: The other sheets of the workbook, to say that they were not read.
    andere_bladen: tuple[str, ...] = ()
    #: How a CSV file was read: 'UTF-8, scheidingsteken ;'.
    gelezen_als: str = ""

    def plek(self, kolom: int, rij: int) -> str:
        """'Blad1!C7'; a sheet name with spaces or signs in quotes, as Excel writes it."""
        blad = self.blad if re.fullmatch(r"\w+", self.blad) else "'" + self.blad + "'"
        return f"{blad}!{kolomletter(kolom)}{rij}"


def kolomletter(kolom: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    kolom += 1
    while kolom:
        kolom, rest = divmod(kolom - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def kolomnummer(letters: str) -> int | None:
    """'C' -> 2; None when it is no column name (A to XFD)."""
    if not re.fullmatch(r"[A-Za-z]{1,3}", letters):
        return None
    nummer = 0
    for letter in letters.upper():
        nummer = nummer * 26 + ord(letter) - ord("A") + 1
    return nummer - 1 if nummer <= 16384 else None


def lees(bestand: str, inhoud: bytes, blad: str | None = None) -> Tabel:
    """A sheet of an ``.xlsx`` file (``blad``, or the first) or a CSV file."""
    extensie = PurePath(bestand).suffix.lower()
    if extensie in _XLSX:
        return _werkmap(bestand, inhoud, blad)
    if extensie in (".xls", ".ods", ".numbers"):
        raise TabelFout(
            f"{bestand}: dit soort spreadsheet ({extensie}) kan waterketen niet lezen",
            hint="sla het op als Excel-werkmap (.xlsx) of als CSV (.csv)",
        )
    if extensie not in _CSV:
        raise TabelFout(
            f"{bestand}: geen .xlsx- of .csv-bestand", hint="kies een Excel-werkmap of een CSV"
        )
    if blad is not None:
        raise GebruiksFout(
            "--blad hoort bij een Excel-werkmap (.xlsx); een CSV-bestand heeft één blad",
            hint="laat --blad weg",
        )
    return _csv(bestand, inhoud)


def _werkmap(bestand: str, inhoud: bytes, blad: str | None) -> Tabel:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        werkmap = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise TabelFout(
            f"{bestand} is geen Excel-werkmap (.xlsx) of is beschadigd",
            hint="open het in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)",
        ) from None
    try:
        namen = list(werkmap.sheetnames)
        naam = namen[0] if blad is None else _blad(bestand, namen, blad)
        blad_ = werkmap[naam]
        rijen = []
        for nummer, rij in enumerate(blad_.iter_rows(), start=1):
            cellen = tuple(
                Cel(getattr(c, "value", None), getattr(c, "number_format", "") or "") for c in rij
            )
            rijen.append(Rij(nummer, cellen))
    finally:
        werkmap.close()
    return Tabel(bestand, naam, tuple(rijen), tuple(n for n in namen if n != naam))


def _blad(bestand: str, namen: list[str], blad: str) -> str:
    if blad in namen:
        return blad
    gelijk = [n for n in namen if n.casefold() == blad.casefold()]
    if gelijk:
        return gelijk[0]
    from waterketen_cli.findings import suggest

    raise GebruiksFout(
        f"{bestand} heeft geen blad '{blad}'",
        hint=suggest(blad, namen) or f"de bladen: {', '.join(namen)}",
    )


def _csv(bestand: str, inhoud: bytes) -> Tabel:
    tekst, tekenset = _decodeer(bestand, inhoud)
    regels = tekst.splitlines()
    kop = next((r for r in regels if r.strip()), "")
    scheiding = max(
        _SCHEIDINGSTEKENS, key=lambda s: (len(next(csv.reader([kop], delimiter=s))), s == ";")
    )
    if len(next(csv.reader([kop], delimiter=scheiding), [])) < 2:
        raise TabelFout(
            f"{bestand}: geen kolommen gevonden: de kopregel heeft geen ; of , tussen de namen",
            hint="sla het in Excel op als 'CSV (gescheiden door lijstscheidingstekens)'",
        )
    rijen = []
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    eerste = 1
    try:
        for velden in lezer:
            rijen.append(Rij(eerste, tuple(Cel(v) for v in velden)))
            eerste = lezer.line_num + 1
    except csv.Error as error:
        raise TabelFout(
            f"{bestand}: regel {lezer.line_num} is niet te lezen ({error})",
            hint='staat er een aanhalingsteken (") dat niet wordt gesloten?',
        ) from None
    naam = {";": ";", ",": ",", "\t": "tab"}[scheiding]
    stam = PurePath(bestand).stem
    return Tabel(bestand, stam, tuple(rijen), gelezen_als=f"{tekenset}, scheidingsteken {naam}")


def _decodeer(bestand: str, inhoud: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (with or without the mark Excel
    puts in front), UTF-16 (Excel's 'Unicode-tekst') or Windows-1252 (Dutch Excel's
    'CSV (gescheiden door lijstscheidingstekens)')."""
    if inhoud.startswith((b"\xff\xfe", b"\xfe\xff")):
        pogingen = [("utf-16", "UTF-16")]
    elif inhoud.startswith(b"\xef\xbb\xbf"):
        pogingen = [("utf-8-sig", "UTF-8")]
    else:
        pogingen = [("utf-8", "UTF-8"), ("cp1252", "Windows-1252")]
    for codec, naam in pogingen:
        try:
            return inhoud.decode(codec), naam
        except UnicodeDecodeError as error:
            fout = error
    raise TabelFout(
        f"{bestand}: geen tekst in {' of '.join(n for _, n in pogingen)} "
        f"(byte {fout.start + 1} is niet te lezen)",
        hint="sla het in Excel op als CSV UTF-8",
    )
