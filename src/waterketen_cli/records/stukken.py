"""Stukken: where the documents of a meeting live, whether they are there, and how a
document links to them.

**The convention.** The documents of a meeting (the stukken) live in the data
repository, in a folder ``stukken/`` next to ``data/``, one folder per meeting and one
file per stuk, numbered by the agenda item they belong to so that they sort in agenda
order::

    stukken/<vergadering-id>/<nn>-<korte-naam>.<ext>
    stukken/cco-2026-12-15/02-concept-verslag-2026-11-17.pdf
    stukken/cco-2026-12-15/05-energiescan-v2.pdf

``nn`` is the number of the agenda item with two digits; the short name is lower
case, digits and hyphens. A stuk of an agenda proposal that has no meeting yet lives in
``stukken/<overleg>/<korte-naam>.<ext>`` (``agenda new`` keeps the path). In a record,
``bestand`` is the path relative to the repository root, the folder that holds
``data/``, with ``/`` between folders, whatever the operating system::

    stukken:
      - titel: Actielijst
        bestand: stukken/cco-2026-12-15/02-actielijst.pdf

A stuk that lives elsewhere (a document system, a website) is an ``https://`` address
instead; it is linked, but its existence is not checked. Anything else is refused:
an absolute path, ``..``, a backslash, an empty folder name, a character that no
Windows file name may hold (``< > : " | ? *``), and any other scheme (``http:``,
``file:``, ``javascript:``): a document never links outside the repository except to an
https address.

**The check** (``checks/stukken.py``) looks at the files on every run of ``validate``:
names must match exactly, letter case included, because GitHub, GitLab and a Linux web
server tell ``Actielijst.pdf`` from ``actielijst.pdf`` even where the laptop does not.
A symbolic link that leads out of the repository counts as outside.

**Links.** Documents link every stuk relatively (:func:`koppeling`): ``[titel](pad)``,
the title escaped as Markdown text and the path percent-encoded per folder name (a
space, parentheses, ``#``, ``?`` or ``:`` cannot change what the link means). The path
is relative to the folder the document is written to when that lies inside the
repository, else to the repository root: a document on standard output is assumed to
stand in the repository root.

This module only reads the file system (listings, no file contents) and imports
nothing heavy: ``validate`` uses it on a run answered from the cache.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from waterketen_cli.escape import Markdown
    from waterketen_cli.models.records import Stuk

#: The folder next to ``data/`` that holds the stukken.
MAP = "stukken"

#: How a path is written, as the hints show it.
VOORBEELD = "stukken/<vergadering>/<nr>-<korte-naam>.pdf"


# --- what ``bestand`` says -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pad:
    """A file in the repository, relative to its root, with ``/`` between folders."""

    pad: str

    @property
    def delen(self) -> list[str]:
        return self.pad.split("/")


@dataclass(frozen=True, slots=True)
class Adres:
    """An https address: linked, never checked."""

    url: str


@dataclass(frozen=True, slots=True)
class Ongeldig:
    """Neither a path inside the repository nor an https address."""

    reden: str
    hint: str


Verwijzing = Pad | Adres | Ongeldig

_SCHEMA = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_SCHIJF = re.compile(r"[A-Za-z]:")
#: What no Windows file name may hold.
_VERBODEN = re.compile(r'[<>:"|?*\x00-\x1f]')
#: A path as the convention writes it, which needs no further look: folder and file
#: names that start with a letter, digit or underscore and end in neither a dot nor a
#: space, without ':' or '\\'.
_DEEL = r"[A-Za-z0-9_](?:[\w .()-]*[\w()-])?"
_GEWOON = re.compile(rf"{_DEEL}(?:/{_DEEL})*", re.ASCII)


def lees(bestand: str) -> Verwijzing:
    """What the ``bestand`` of a stuk points to."""
    waarde = bestand.strip()
    if _GEWOON.fullmatch(waarde):
        return Pad(waarde)
    hint = f"schrijf het pad vanaf de map die data/ bevat, bijv. {VOORBEELD}"
    if waarde.lower().startswith("https://"):
        deel = urlsplit(waarde)
        if not deel.hostname or any(c.isspace() for c in waarde):
            return Ongeldig(f"'{waarde}' is geen geldig https-adres", "schrijf https://host/pad")
        return Adres(waarde)
    if waarde.startswith(("/", "\\", "~")) or _SCHIJF.match(waarde):
        return Ongeldig(f"'{waarde}' is een absoluut pad; een stuk staat in de repository", hint)
    if "\\" in waarde:
        return Ongeldig(
            f"'{waarde}' bevat een backslash",
            f"gebruik / tussen mappen: '{waarde.replace(chr(92), '/')}'",
        )
    delen = waarde.split("/")
    if ".." in delen:
        return Ongeldig(f"'{waarde}' verwijst met '..' naar buiten de repository", hint)
    if _SCHEMA.match(waarde):
        schema = waarde.split(":", 1)[0].lower()
        if schema == "http":
            return Ongeldig(
                f"'{waarde}' is geen https-adres",
                "gebruik het https-adres, of zet het stuk in de repository",
            )
        return Ongeldig(f"'{waarde}' is geen pad in de repository en geen https-adres", hint)
    if "" in delen or "." in delen:
        return Ongeldig(f"'{waarde}' is geen geldig pad (lege map of '.')", hint)
    if _VERBODEN.search(waarde):
        # Windows cannot check such a file out, nor a name that ends in a dot or space.
        return Ongeldig(
            f"'{waarde}' bevat een teken dat niet in een bestandsnaam mag "
            '(< > : " | ? * of een stuurteken)',
            f"gebruik letters, cijfers en koppeltekens, bijv. {VOORBEELD}",
        )
    if any(d.endswith((".", " ")) for d in delen):
        return Ongeldig(
            f"'{waarde}' heeft een map- of bestandsnaam die op een punt of spatie eindigt",
            f"gebruik letters, cijfers en koppeltekens, bijv. {VOORBEELD}",
        )
    return Pad(waarde)


# --- whether a file is there ------------------------------------------------------------

#: What :class:`Kijker` finds at a path; plain text, so that it can be cached.
BESTAAT = "bestaat"
ONTBREEKT = "ontbreekt"
IS_MAP = "map"
BUITEN = "buiten"  # a symbolic link that leads out of the repository
ONLEESBAAR = "onleesbaar"  # a folder on the way cannot be listed


class Kijker:
    """Looks up stukken below a repository root: one listing per folder, exact names
    (letter case and Unicode normalisation as git and a web server see them), each path
    looked up once.

    It remembers what it looked at, for :func:`ongewijzigd`: the time stamps of the
    folders it listed (a file that comes or goes changes its folder's), and the paths
    that go through a symbolic link (their target may change without any folder of
    the repository changing).

    Given what an earlier one found (:meth:`geheugen`), it answers a path from that
    while every folder the answer came from has its old stamp: a ``stat`` per folder
    instead of a listing, for the thousands of stukken of a repository that did not
    change since the last run. A path through a link is always looked at anew."""

    def __init__(self, root: Path, vorige: Any = None) -> None:
        self.root = str(root)
        self._echt_root: str | None = None
        self._mappen: dict[str, dict[str, _Entry] | None] = {}
        #: Folder (as named in the stukken) -> its listing, or None and the state of
        #: any path through it; and whether a link was on the way.
        self._wegen: dict[str, tuple[dict[str, _Entry] | None, str, bool]] = {}
        #: Folder (as named in the stukken) -> the folder listed for it, as on disk.
        self._op_schijf: dict[str, str] = {"": ""}
        self._toestanden: dict[str, str] = {}
        #: Folder (as on disk, relative to the root; "" for the root) -> its stamp.
        self.stempels: dict[str, str] = {}
        #: Paths that go through a symbolic link -> their state.
        self.via_koppeling: dict[str, str] = {}
        #: Path -> its state and the folders (as on disk) its state was read from.
        self._herkomst: dict[str, tuple[str, tuple[str, ...]]] = {}
        #: One (state, folders) for all the paths of a folder that have that state.
        self._gedeeld: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
        self._vorige: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._vorige_stempels: dict[str, str] = {}
        self._gecontroleerd: dict[str, bool] = {}
        if isinstance(vorige, list) and vorige and all(isinstance(deel, dict) for deel in vorige):
            self._vorige_stempels = vorige[0]
            for deel in vorige[1:]:
                self._vorige.update(deel)

    def geheugen(self) -> Iterator[dict[str, Any]]:
        """What a later :class:`Kijker` may answer from (plain data, for a cache, given
        back as a list): first the stamps of the folders the states came from, then the
        state of every path looked up without a link on the way, with those folders, a
        part at a time (a repository holds tens of thousands of stukken)."""
        from waterketen_cli.records import store

        paden = [p for p in sorted(self._toestanden) if p in self._herkomst or p in self._vorige]
        herkomst = [self._herkomst.get(pad) or self._vorige[pad] for pad in paden]
        nodig = {rel for _, mappen in set(herkomst) for rel in mappen}
        yield {rel: self.stempels[rel] for rel in sorted(nodig)}
        for deel in store.batched(zip(paden, herkomst, strict=True), store.PART):
            yield dict(deel)

    def veranderd(self) -> bool:
        """Is :meth:`geheugen` different from what this one was given?"""
        gevraagd = self._toestanden.keys() - self.via_koppeling.keys()
        return bool(self._herkomst) or gevraagd != self._vorige.keys()

    def _onthouden(self, pad: str) -> str | None:
        """The state of ``pad`` as an earlier lookup found it, if every folder it came
        from is as it was (their stamps join this one's)."""
        vorig = self._vorige.get(pad)
        if vorig is None:
            return None
        toestand, mappen = vorig
        for rel in mappen:
            goed = self._gecontroleerd.get(rel)
            if goed is None:
                oud = self._vorige_stempels.get(rel)
                folder = os.path.join(self.root, rel) if rel else self.root
                goed = self._gecontroleerd[rel] = oud is not None and _stempel(folder) == oud
            if not goed:
                return None
        for rel in mappen:
            self.stempels.setdefault(rel, self._vorige_stempels[rel])
        return toestand

    def _lijst(self, folder: str) -> dict[str, _Entry] | None:
        """The entries of a folder (a path on disk) by their NFC name."""
        items = self._mappen.get(folder, _NIET)
        if items is not _NIET:
            return items
        rel = folder[len(self.root) + 1 :] if folder != self.root else ""
        # The stamp before the listing: a change in between shows as a changed stamp.
        self.stempels[rel] = _stempel(folder)
        try:
            with os.scandir(folder) as it:
                items = {
                    (e.name if e.name.isascii() else unicodedata.normalize("NFC", e.name)): (
                        e if e.is_symlink() else _Item(folder, e.name, e.is_dir(), e.is_file())
                    )
                    for e in it
                }
        except OSError:
            items = None
        self._mappen[folder] = items
        return items

    def _binnen(self, path: str) -> bool:
        if self._echt_root is None:
            self._echt_root = os.path.realpath(self.root)
        echt = os.path.realpath(path)
        return os.path.commonpath([self._echt_root, echt]) == self._echt_root

    def toestand(self, pad: str) -> str:
        """:data:`BESTAAT`, :data:`ONTBREEKT`, :data:`IS_MAP`, :data:`BUITEN` or
        :data:`ONLEESBAAR` for a path as :func:`lees` accepts it."""
        toestand = self._toestanden.get(pad)
        if toestand is None:
            toestand = self._onthouden(pad)
        if toestand is None:
            naam = pad if pad.isascii() else _nfc(pad)
            toestand, koppeling = self._zoek(naam)
            if koppeling:
                self.via_koppeling[pad] = toestand
            else:
                self._herkomst[pad] = self._herkomst_van(naam, toestand)
        self._toestanden[pad] = toestand
        return toestand

    def _herkomst_van(self, pad: str, toestand: str) -> tuple[str, tuple[str, ...]]:
        """``(toestand, the folders it was read from)``: one object for every path of a
        folder with this state (a folder holds many stukken, a repository tens of
        thousands)."""
        sleutel = (pad.rpartition("/")[0], toestand)
        herkomst = self._gedeeld.get(sleutel)
        if herkomst is None:
            herkomst = self._gedeeld[sleutel] = (toestand, self._mappen_van(pad))
        return herkomst

    def _mappen_van(self, pad: str) -> tuple[str, ...]:
        """The folders (as on disk) whose listings gave the state of ``pad``: each
        folder on its way that could be listed, up to the first that could not."""
        mappen = []
        rel = ""
        for deel in ["", *pad.split("/")[:-1]]:
            rel = f"{rel}/{deel}" if rel else deel
            schijf = self._op_schijf.get(rel)
            if schijf is None:
                break
            mappen.append(schijf)
        return tuple(mappen)

    def _entry(self, entry: _Entry, koppeling: bool) -> tuple[_Entry | None, str, bool]:
        """An entry found on the way: itself, or the state it gives (a link out of
        the repository); and whether a link was on the way."""
        if entry.is_symlink():
            koppeling = True
            if not self._binnen(entry.path):
                return None, BUITEN, koppeling
        return entry, "", koppeling

    def _map(self, rel: str) -> tuple[dict[str, _Entry] | None, str, bool]:
        """A folder on the way, looked up once for all the stukken in it."""
        weg = self._wegen.get(rel)
        if weg is not None:
            return weg
        if not rel:
            items = self._lijst(self.root)
            weg = (items, "" if items is not None else ONLEESBAAR, False)
        else:
            ouder, _, naam = rel.rpartition("/")
            boven, staat, koppeling = self._map(ouder)
            entry = boven.get(naam) if boven is not None else None
            if boven is None:
                weg = (None, staat, koppeling)
            elif entry is None:
                weg = (None, ONTBREEKT, koppeling)
            else:
                try:
                    gevonden, staat, koppeling = self._entry(entry, koppeling)
                    if gevonden is None:
                        weg = (None, staat, koppeling)
                    elif not gevonden.is_dir():
                        weg = (None, ONTBREEKT, koppeling)
                    else:
                        items = self._lijst(gevonden.path)
                        weg = (items, "" if items is not None else ONLEESBAAR, koppeling)
                        if items is not None:
                            self._op_schijf[rel] = gevonden.path[len(self.root) + 1 :]
                except OSError:
                    weg = (None, ONLEESBAAR, koppeling)
        self._wegen[rel] = weg
        return weg

    def _zoek(self, pad: str) -> tuple[str, bool]:
        """The state of a path, and whether a symbolic link was on the way."""
        ouder, _, naam = pad.rpartition("/")
        items, staat, koppeling = self._map(ouder)
        if items is None:
            return staat, koppeling
        entry = items.get(naam)
        if entry is None:
            return ONTBREEKT, koppeling
        try:
            gevonden, staat, koppeling = self._entry(entry, koppeling)
            if gevonden is None:
                return staat, koppeling
            if gevonden.is_file():
                return BESTAAT, koppeling
            # A link to nothing is a stuk that is not there.
            return (IS_MAP if gevonden.is_dir() else ONTBREEKT), koppeling
        except OSError:
            return ONLEESBAAR, koppeling

    def bedoeld(self, pad: str) -> str | None:
        """For a path that is not there: the path that is, when only the letter case
        differs or the file name is close ('bedoelde u …?')."""
        import difflib

        folder = self.root
        gevonden: list[str] = []
        delen = _nfc(pad).split("/")
        for i, deel in enumerate(delen):
            items = self._lijst(folder) or {}
            if deel in items:
                naam = deel
            else:
                gelijk = [n for n in items if n.casefold() == deel.casefold()]
                if gelijk:
                    naam = gelijk[0]
                elif i == len(delen) - 1:
                    dichtbij = difflib.get_close_matches(deel, list(items), n=1, cutoff=0.75)
                    if not dichtbij:
                        return None
                    naam = dichtbij[0]
                else:
                    return None
            gevonden.append(naam)
            folder = items[naam].path
        voorstel = "/".join(gevonden)
        return voorstel if voorstel != pad else None

    def vingerafdruk(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """What :func:`ongewijzigd` compares: the stamps of the folders listed, and the
        state of every path through a link. Plain data, for the cache."""
        return sorted(self.stempels.items()), sorted(self.via_koppeling.items())


class _Item:
    """What a listing keeps of an entry that is no link: a folder of a big repository
    holds tens of thousands of stukken, and an ``os.DirEntry`` costs several times as
    much. Answers the questions the :class:`Kijker` asks an entry, as it would."""

    __slots__ = ("_is_dir", "_is_file", "_map", "_naam")

    def __init__(self, folder: str, naam: str, is_dir: bool, is_file: bool) -> None:
        self._map, self._naam, self._is_dir, self._is_file = folder, naam, is_dir, is_file

    @property
    def path(self) -> str:
        return os.path.join(self._map, self._naam)

    def is_symlink(self) -> bool:
        return False

    def is_dir(self) -> bool:
        return self._is_dir

    def is_file(self) -> bool:
        return self._is_file


_Entry = os.DirEntry[str] | _Item

_NIET: dict[str, _Entry] = {}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _stempel(folder: str) -> str:
    """A folder's modification and change times: an entry added, removed or renamed,
    or different rights, change them. Empty when the folder is not there."""
    try:
        st = os.stat(folder)
    except OSError:
        return ""
    return f"{st.st_mtime_ns}:{st.st_ctime_ns}"


def ongewijzigd(root: Path, vingerafdruk: Any) -> bool:
    """Would a :class:`Kijker` find the same as the one that made ``vingerafdruk``? For a
    run of ``validate`` answered from the cache: a stuk lives outside ``data/``. Costs a
    ``stat`` per folder."""
    stempels, via_koppeling = vingerafdruk
    base = str(root)
    for rel, stempel in stempels:
        if _stempel(os.path.join(base, rel) if rel else base) != stempel:
            return False
    if via_koppeling:
        kijker = Kijker(root)
        return all(kijker.toestand(pad) == oud for pad, oud in via_koppeling)
    return True


# --- links --------------------------------------------------------------------------------

#: Kept as they are in an https address: what RFC 3986 allows, less the parentheses
#: (they would end a Markdown link) and with ``%`` (an address may be encoded already).
_URL_VEILIG = "-._~:/?#[]@!$&'*+,;=%"
_ENTITEIT = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_KALE_HAAK = re.compile(r"(?<!\\)((?:\\\\)*)([\[\]])")


def href(verwijzing: Pad | Adres, *, root: Path, doelmap: Path | None = None) -> str:
    """The link target: an https address made safe for a Markdown link, or the path
    relative to ``doelmap`` (a folder inside the repository the document is written
    to) or else to the repository root, each folder name percent-encoded."""
    if isinstance(verwijzing, Adres):
        # CommonMark reads an entity in a link target: '&amp;' would become '&'.
        return _ENTITEIT.sub(r"\\&", quote(verwijzing.url, safe=_URL_VEILIG))
    delen = verwijzing.delen
    if doelmap is not None:
        doel = os.path.join(os.path.realpath(root), *delen)
        delen = Path(os.path.relpath(doel, os.path.realpath(doelmap))).as_posix().split("/")
    return "/".join(quote(d, safe="") for d in delen)


def binnen_repository(root: Path, pad: Path) -> bool:
    """Is ``pad`` (a folder) inside the repository?"""
    basis = os.path.realpath(root)
    echt = os.path.realpath(pad)
    try:
        return os.path.commonpath([basis, echt]) == basis
    except ValueError:  # another drive
        return False


def linktekst(titel: str) -> Markdown:
    """The title as the text of a Markdown link: escaped, and no bracket left that
    could end the link text early."""
    from waterketen_cli import escape

    tekst = str(escape.markdown_regel(titel))
    return escape.Markdown(_KALE_HAAK.sub(r"\1\\\2", tekst))


def koppeling(
    titel: str, bestand: str | None, *, root: Path, doelmap: Path | None = None
) -> Markdown:
    """A stuk as a document shows it: ``[titel](pad)`` when it has a file or address
    that may be linked, else its title as text."""
    from waterketen_cli import escape

    verwijzing = lees(bestand) if bestand else None
    if verwijzing is None or isinstance(verwijzing, Ongeldig):
        return escape.markdown_regel(titel)
    doel = href(verwijzing, root=root, doelmap=doelmap)
    return escape.Markdown(f"[{linktekst(titel)}]({doel})")


@dataclass(frozen=True)
class InDocument:
    """A stuk as a document shows it: its fields, and ``link``, the Markdown of the
    stuk (a link, or the escaped title)."""

    titel: str
    bestand: str | None
    vertrouwelijk: bool
    link: Markdown


def in_document(
    stukken: Iterable[Stuk], *, root: Path, doelmap: Path | None = None, koppelen: bool = True
) -> list[InDocument]:
    """The stukken of an agenda item as a document shows them; without ``koppelen``
    (a bundle that holds the stukken itself) only their titles."""
    from waterketen_cli import escape

    return [
        InDocument(
            s.titel,
            s.bestand,
            s.vertrouwelijk,
            koppeling(s.titel, s.bestand, root=root, doelmap=doelmap)
            if koppelen
            else escape.markdown_regel(s.titel),
        )
        for s in stukken
    ]
