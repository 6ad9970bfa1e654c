"""The Atom feed of the newsletters that were sent (RFC 4287), for feed readers.

Written with the standard library's ElementTree, which escapes every text and
attribute for XML: a feed needs no more than that, and no dependency. Deterministic:
the feed's ``updated`` is the newest newsletter's date (with none, the start of the
waterakkoord), every id a UUID made from the region and the newsletter (a reader
recognises an entry again whatever the site's address). The links are relative to
the feed, as Atom allows, so that the feed holds wherever the site is published.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from markupsafe import Markup

from waterketen_cli.models.records import Regio
from waterketen_cli.records.nieuwsbrief import Nieuwsbrief

NAMESPACE = "http://www.w3.org/2005/Atom"
ZONE = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Bericht:
    """A newsletter in the feed: its page (relative to the feed) and its text as HTML."""

    brief: Nieuwsbrief
    href: str
    html: Markup


def _moment(datum: dt.date) -> str:
    return dt.datetime.combine(datum, dt.time(), tzinfo=ZONE).isoformat()


def _id(regio: Regio, *delen: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, ":".join(["waterketen", regio.id, *delen])).urn


def feed(regio: Regio, berichten: list[Bericht]) -> bytes:
    """The feed, newest first."""
    ET.register_namespace("", NAMESPACE)

    def element(ouder: ET.Element, naam: str, tekst: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(ouder, f"{{{NAMESPACE}}}{naam}", attrs)
        el.text = tekst
        return el

    datums = [b.brief.verzonden_op or b.brief.datum for b in berichten]
    root = ET.Element(f"{{{NAMESPACE}}}feed", {"xml:lang": "nl"})
    element(root, "id", _id(regio, "nieuws"))
    element(root, "title", f"Nieuws van de {regio.naam}")
    element(root, "subtitle", f"De nieuwsbrieven van de {regio.naam}.")
    element(root, "updated", _moment(max(datums, default=regio.waterakkoord.begin)))
    auteur = element(root, "author")
    element(auteur, "name", regio.naam)
    element(root, "link", rel="self", type="application/atom+xml", href="atom.xml")
    element(root, "link", rel="alternate", type="text/html", href="index.html")
    for bericht, datum in zip(berichten, datums, strict=True):
        entry = element(root, "entry")
        element(entry, "id", _id(regio, "nieuws", bericht.brief.id))
        element(entry, "title", bericht.brief.titel)
        element(entry, "published", _moment(datum))
        element(entry, "updated", _moment(datum))
        element(entry, "link", rel="alternate", type="text/html", href=bericht.href)
        element(entry, "content", str(bericht.html), type="html")
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
