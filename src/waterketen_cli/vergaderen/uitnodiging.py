"""Invitations by e-mail (``waterketen agenda verstuur``): one message per recipient, with
the agenda as PDF and the meeting as a calendar invitation (iMIP, RFC 6047).

**Who.** The members of the meeting's body (and its chair) and the agendaleden who join
for at least one item of this agenda, as the agenda names them ("schuift aan bij punt
6", ``documenten.guests``); for a themabijeenkomst its genodigden
(``thema.genodigden``). Each person once. Not the secretary: they are the ORGANIZER,
the one the answers go to. Whoever cannot be invited (no e-mail address, an agendalid
without a contact person) is reported by name with what to add; the others are invited.

**The message**, as the calendar programs send and read invitations themselves:

.. code-block:: text

    multipart/mixed
      multipart/alternative
        text/plain; charset=utf-8
        text/html; charset=utf-8
        text/calendar; method=REQUEST; charset=utf-8   the invitation (iMIP)
      application/pdf   agenda-<vergadering>.pdf         attachment
      application/ics   uitnodiging.ics                  attachment, the same calendar

Outlook takes iMIP data only from the first child of a multipart/mixed message and
needs ``text/calendar`` with a ``method`` that matches the calendar's METHOD
(Microsoft's notes on Outlook and RFC 6047 §2.4, V0341-V0343); programs that only
look at attachments find ``uitnodiging.ics``, as in Google Agenda's own invitations
(``application/ics``, so that no program sees two iMIP objects). A cancelled meeting
sends METHOD:CANCEL with STATUS:CANCELLED and no PDF.

**The event** is the calendar's (:func:`kalender.vevent`, from the public view: the
description names only public items) with the same UID, SEQUENCE and DTSTAMP as
``waterketen kalender``, so that an agenda that imported the feed, or an earlier
invitation, updates the same appointment: a moved meeting (SEQUENCE rose) is an
update, not a second appointment. ORGANIZER is the secretary, and each message has
one ATTENDEE: its recipient (no one sees the others' addresses).

**The same data, the same bytes**: Date is the event's DTSTAMP in a file (the moment
of sending with SMTP), Message-ID and the MIME boundaries are derived from UID,
SEQUENCE, DTSTAMP, method and address.

**Sending** (:func:`verstuur`) goes through the SMTP server the environment names
(:func:`smtp_instellingen`), with what every command that sends shares
(:mod:`waterketen_cli.verzenden`). After each message the server accepted, one line is
appended to the send log (:class:`Verzendlog`, ``verzonden.jsonl`` in waterketen's own
folder of the data repository, never in the data) and forced to disk, keyed by UID,
SEQUENCE, method and address: a second run, or one after a crash, sends only what is
missing; a message the server took just before a crash, and was not logged, is the
one that can arrive twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING

from icalendar import Calendar, vCalAddress
from markupsafe import Markup, escape

from waterketen_cli import dutch, verzenden
from waterketen_cli.errors import GebruiksFout, WaterketenError
from waterketen_cli.escape import een_regel, icalendar_tekst
from waterketen_cli.models.records import Overleg, Persoon, Vergadering
from waterketen_cli.models.types import Vergaderstatus
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import kalender

# What every command that sends shares (``waterketen_cli.verzenden``), under the names
# this module always had.
from waterketen_cli.verzenden import LOGBESTAND as LOGBESTAND
from waterketen_cli.verzenden import Ontbrekend as Ontbrekend
from waterketen_cli.verzenden import Sleutel as Sleutel
from waterketen_cli.verzenden import SmtpInstellingen as SmtpInstellingen
from waterketen_cli.verzenden import VerzendFout as VerzendFout
from waterketen_cli.verzenden import adres as _adres
from waterketen_cli.verzenden import als_bytes as als_bytes
from waterketen_cli.verzenden import eml_plan
from waterketen_cli.verzenden import smtp_instellingen as smtp_instellingen

if TYPE_CHECKING:
    from waterketen_cli.git import Mapgeschiedenis
    from waterketen_cli.records.plan import Schrijfplan

REQUEST = "REQUEST"
CANCEL = "CANCEL"
ICS_BIJLAGE = "uitnodiging.ics"


@dataclass(frozen=True)
class Ontvanger:
    persoon: str
    naam: str
    email: str
    rol: str  # "lid", "agendalid" or "genodigde"
    punten: tuple[int, ...] = ()  # an agendalid: the items they join for


@dataclass(frozen=True)
class Organisator:
    persoon: str
    naam: str
    email: str


@dataclass(frozen=True)
class Verzending:
    """The invitation of one meeting: to whom, from whom, which version of the event."""

    vergadering: Vergadering
    titel: str  # the body's name; a themabijeenkomst's theme
    methode: str  # REQUEST or CANCEL
    voorlopig: bool  # a concept, invited with --toch
    revisie: kalender.Revisie
    organisator: Organisator
    secretaris_van: str  # the body the organizer is secretary of ("" for a theme meeting)
    ontvangers: tuple[Ontvanger, ...]
    ontbrekend: tuple[Ontbrekend, ...]
    publiek: Gegevens  # the public view, for the event

    def sleutel(self, ontvanger: Ontvanger) -> Sleutel:
        return Sleutel(
            self.revisie.uid, self.revisie.sequence, self.methode, ontvanger.email.lower()
        )

    @property
    def kop(self) -> str:
        """'Clustercoördinatorenoverleg, dinsdag 15 december 2026, 13.30 – 16.00 uur, …'"""
        v = self.vergadering
        return (
            f"{self.titel}, {dutch.datum_lang(v.datum)}, {dutch.klok(v.begintijd)} – "
            f"{dutch.tijd(v.eindtijd)}, {v.locatie}"
        )


# --- whom, from whom, which version ---------------------------------------------------------


def plan(
    gegevens: Gegevens,
    vergadering: Vergadering,
    *,
    vandaag: dt.date,
    geschiedenis: Mapgeschiedenis | None,
    toch: bool = False,
    afzender: str | None = None,
) -> Verzending:
    """The invitation of ``vergadering`` (``gegevens``: all records, the internal view).
    A meeting that was held, or lies in the past or is a concept (unless ``toch``), is
    refused. ``afzender``: the address the messages go out from, when it is not the
    secretary's (WATERKETEN_SMTP_AFZENDER); it also stands in for a secretary without
    one."""
    from waterketen_cli import publiek
    from waterketen_cli.vergaderen import thema

    methode, voorlopig = _toets(vergadering, vandaag, toch=toch)
    overleg = gegevens.get(Overleg, vergadering.overleg)
    if overleg is None:
        raise WaterketenError(
            f"vergadering {vergadering.id}: het overleg '{vergadering.overleg}' bestaat niet",
            hint="voer 'waterketen validate' uit",
        )
    themabijeenkomst = thema.is_themabijeenkomst(gegevens, vergadering)
    titel = (
        thema.titel(overleg, thema.thema(gegevens, vergadering, overleg))
        if themabijeenkomst
        else overleg.naam
    )
    organisator = _organisator(gegevens, overleg, afzender)
    ontvangers, ontbrekend = _ontvangers(gegevens, vergadering, overleg, organisator.persoon)
    revisie = kalender.revisies(gegevens.of(Vergadering), geschiedenis)[vergadering.id]
    return Verzending(
        vergadering,
        titel,
        methode,
        voorlopig,
        revisie,
        organisator,
        "" if themabijeenkomst else overleg.naam,
        tuple(ontvangers),
        tuple(ontbrekend),
        publiek.publiek(gegevens, vandaag),
    )


def _toets(vergadering: Vergadering, vandaag: dt.date, *, toch: bool) -> tuple[str, bool]:
    """The method, and whether the invitation is provisional; or why there is none."""
    status = vergadering.status
    pad = f"data/vergaderingen/{vergadering.id}.yaml"
    if status in (Vergaderstatus.GEHOUDEN, Vergaderstatus.VERSLAG_VASTGESTELD):
        raise GebruiksFout(
            f"vergadering {vergadering.id} is al gehouden (status: {status.value})",
            hint="een uitnodiging is er voor een vergadering die nog komt",
        )
    if vergadering.datum < vandaag and not toch:
        raise GebruiksFout(
            f"vergadering {vergadering.id} was op {dutch.datum(vergadering.datum)}: dat is voorbij",
            hint="klopt de datum? gebruik --toch om toch te versturen",
        )
    if status == Vergaderstatus.GEANNULEERD:
        return CANCEL, False
    if status == Vergaderstatus.CONCEPT:
        if not toch:
            raise GebruiksFout(
                f"vergadering {vergadering.id} is nog een concept",
                hint=f"zet 'status: uitgenodigd' in {pad}, commit, en verstuur dan; of gebruik "
                "--toch voor een voorlopige uitnodiging",
            )
        return REQUEST, True
    return REQUEST, False


def _organisator(gegevens: Gegevens, overleg: Overleg, afzender: str | None) -> Organisator:
    persoon = gegevens.get(Persoon, overleg.secretaris)
    naam = persoon.naam if persoon is not None else overleg.secretaris
    email = (persoon.email if persoon is not None else None) or afzender
    if email is None or _adres(naam, email) is None:
        reden = (
            "heeft geen e-mailadres"
            if email is None
            else f"heeft een ongeldig e-mailadres ({email})"
        )
        raise WaterketenError(
            f"de secretaris van {overleg.naam}, {naam}, {reden}: de uitnodiging komt van de "
            "secretaris (de organisator in de agenda's)",
            hint=f"zet 'email:' in data/personen/{overleg.secretaris}.yaml",
        )
    return Organisator(overleg.secretaris, naam, email)


def _ontvangers(
    gegevens: Gegevens, vergadering: Vergadering, overleg: Overleg, organisator: str
) -> tuple[list[Ontvanger], list[Ontbrekend]]:
    from waterketen_cli.vergaderen import documenten, thema

    # (person id, role, items)
    kandidaten: list[tuple[str, str, tuple[int, ...]]] = []
    ontbrekend: list[Ontbrekend] = []
    if thema.is_themabijeenkomst(gegevens, vergadering):
        kandidaten += [
            (g.persoon, "genodigde", ()) for g in thema.genodigden(gegevens, vergadering)
        ]
    else:
        kandidaten += [(lid.persoon, "lid", ()) for lid in overleg.leden]
        kandidaten.append((overleg.voorzitter, "lid", ()))
        # The items each agendalid joins for, as the agenda shows them.
        agendapunten = documenten.agenda_items(gegevens, vergadering, koppelen=False)
        gasten = documenten.guests(gegevens, overleg, agendapunten)
        for lid, gast in zip(overleg.agendaleden, gasten, strict=True):
            if not gast.punten:
                continue  # joins for none of this meeting's items
            if lid.persoon is None:
                ontbrekend.append(
                    Ontbrekend(
                        gast.naam,
                        "agendalid zonder contactpersoon",
                        f"zet bij dit agendalid 'persoon:' in data/overleggen/{overleg.id}.yaml",
                    )
                )
                continue
            kandidaten.append((lid.persoon, "agendalid", tuple(gast.punten)))
    ontvangers: list[Ontvanger] = []
    gezien = {organisator}
    for persoon_id, rol, punten in kandidaten:
        if persoon_id in gezien:
            continue
        gezien.add(persoon_id)
        persoon = gegevens.get(Persoon, persoon_id)
        if persoon is None:
            ontbrekend.append(
                Ontbrekend(persoon_id, "onbekende persoon", "voer 'waterketen validate' uit")
            )
            continue
        hint = f"zet 'email:' in data/personen/{persoon.id}.yaml"
        if persoon.email is None:
            ontbrekend.append(Ontbrekend(persoon.naam, "geen e-mailadres", hint))
        elif _adres(persoon.naam, persoon.email) is None:
            ontbrekend.append(
                Ontbrekend(persoon.naam, f"ongeldig e-mailadres ({persoon.email})", hint)
            )
        else:
            ontvangers.append(Ontvanger(persoon.id, persoon.naam, persoon.email, rol, punten))
    return ontvangers, ontbrekend


def niet_gecommit(geschiedenis: Mapgeschiedenis | None, vergadering: Vergadering) -> bool:
    """Does the meeting's record have changes that are not committed? Its DTSTAMP then
    changes with the commit (see ``kalender``)."""
    if geschiedenis is None:
        return False
    naam = f"{vergadering.id}.yaml"
    return any(s.naam == naam or s.van == naam for s in geschiedenis.werkmap)


def bestandsnamen(ontvangers: Sequence[Ontvanger]) -> list[str]:
    """'01-marieke-kuipers.eml', in the order of the invitation."""
    from waterketen_cli.models.base import slugify

    breedte = max(2, len(str(len(ontvangers))))
    return [
        f"{i:0{breedte}d}-{slugify(o.naam) or o.persoon}.eml"
        for i, o in enumerate(ontvangers, start=1)
    ]


# --- the agenda as PDF --------------------------------------------------------------------


def agenda_pdf(
    folder: Path, gegevens: Gegevens, vergadering: Vergadering, *, vandaag: dt.date
) -> bytes:
    """The agenda as PDF in the house style, made once for all messages. The members'
    agenda is the internal one (``agenda render``); a themabijeenkomst's invitation
    goes to everyone in the cooperation and is the public one."""
    from waterketen_cli import documentformaat, publiek
    from waterketen_cli.documentformaat import Formaat
    from waterketen_cli.vergaderen import agendadocument, thema

    if thema.is_themabijeenkomst(gegevens, vergadering):
        gegevens = publiek.publiek(gegevens, vandaag)
        gevonden = gegevens.get(Vergadering, vergadering.id)
        vergadering = gevonden if gevonden is not None else vergadering
    markdown = agendadocument.agenda_document(
        folder, gegevens, vergadering, vandaag=vandaag, doelmap=None
    )
    stijl = documentformaat.huisstijl(folder, gegevens)
    return documentformaat.omzetten(markdown, Formaat.pdf, stijl)


def pdf_naam(vergadering: Vergadering) -> str:
    return f"agenda-{vergadering.id}.pdf"


# --- the calendar ---------------------------------------------------------------------------


def agenda_uitnodiging(verzending: Verzending, ontvanger: Ontvanger) -> bytes:
    """The iCalendar object of one message: the calendar's event, with the secretary as
    ORGANIZER and the recipient as its one ATTENDEE."""
    v = verzending.vergadering
    publiek = verzending.publiek.get(Vergadering, v.id) or v
    cal = Calendar()
    cal.add("PRODID", kalender.PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", verzending.methode)
    cal.add_component(kalender.tijdzone([publiek]))
    event = kalender.vevent(verzending.publiek, publiek, verzending.revisie)
    org = verzending.organisator
    organizer = vCalAddress(f"mailto:{org.email}")
    organizer.params["CN"] = icalendar_tekst(org.naam)
    event.add("ORGANIZER", organizer)
    attendee = vCalAddress(f"mailto:{ontvanger.email}")
    attendee.params["CN"] = icalendar_tekst(ontvanger.naam)
    attendee.params["CUTYPE"] = "INDIVIDUAL"
    attendee.params["ROLE"] = (
        "OPT-PARTICIPANT" if ontvanger.rol == "genodigde" else "REQ-PARTICIPANT"
    )
    attendee.params["PARTSTAT"] = "NEEDS-ACTION"
    if verzending.methode == REQUEST:
        attendee.params["RSVP"] = "TRUE"
    event.add("ATTENDEE", attendee)
    cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


# --- the message --------------------------------------------------------------------------


def onderwerp(verzending: Verzending, *, gewijzigd: bool = False) -> str:
    v = verzending.vergadering
    wanneer = f"{verzending.titel}, {dutch.datum_lang(v.datum)}"
    if verzending.methode == CANCEL:
        return een_regel(f"Afgelast: {wanneer}")
    soort = (
        "Voorlopige uitnodiging"
        if verzending.voorlopig
        else "Gewijzigd"
        if gewijzigd
        else "Uitnodiging"
    )
    return een_regel(f"{soort}: {wanneer}, {dutch.tijd(v.begintijd)}")


def _alineas(verzending: Verzending, ontvanger: Ontvanger, *, gewijzigd: bool) -> list[list[str]]:
    """The body as paragraphs of lines: the same words in the text and the HTML part."""
    v = verzending.vergadering
    wanneer = f"{dutch.datum_lang(v.datum)}, {dutch.klok(v.begintijd)} tot {dutch.tijd(v.eindtijd)}"
    wat = "vergadering" if verzending.secretaris_van else "bijeenkomst"
    inleiding = {
        (CANCEL, False): f"Deze {wat} is afgelast:",
        (REQUEST, True): f"Deze {wat} is gewijzigd; dit is de nieuwe uitnodiging:",
        (REQUEST, False): f"U bent uitgenodigd voor deze {wat}:",
    }[(verzending.methode, gewijzigd and verzending.methode == REQUEST)]
    alineas = [[f"Beste {ontvanger.naam},"], [inleiding], [verzending.titel, wanneer, v.locatie]]
    if verzending.methode == CANCEL:
        alineas.append(
            ["De afzegging in dit bericht haalt de afspraak uit uw agenda. Er komt geen agenda."]
        )
    else:
        if verzending.voorlopig:
            alineas.append(
                ["Dit is een voorlopige uitnodiging: datum en agenda kunnen nog veranderen."]
            )
        if ontvanger.punten:
            nummers = dutch.opsomming([str(n) for n in ontvanger.punten])
            woord = "punt" if len(ontvanger.punten) == 1 else "de punten"
            alineas.append(
                [f"U schuift aan bij {woord} {nummers}:"]
                + [f"{n}. {v.agenda[n - 1].titel}" for n in ontvanger.punten if n <= len(v.agenda)]
            )
        if verzending.secretaris_van:
            alineas.append(["De agenda zit als PDF bij dit bericht."])
        else:
            alineas.append(
                [
                    "De uitnodiging met het programma zit als PDF bij dit bericht; daarin staat "
                    "ook hoe u zich aanmeldt."
                ]
            )
        alineas.append(
            [
                "Met de uitnodiging in dit bericht staat de vergadering in uw agenda"
                + (" en wordt de afspraak bijgewerkt" if gewijzigd else "")
                + "; laat u daar ook weten of u komt?"
            ]
        )
    ondertekening = [verzending.organisator.naam]
    if verzending.secretaris_van:
        ondertekening.append(f"secretaris {verzending.secretaris_van}")
    alineas += [["Met vriendelijke groet,"], ondertekening]
    return alineas


def _tekst(alineas: list[list[str]]) -> str:
    return "\n\n".join("\n".join(een_regel(r) for r in alinea) for alinea in alineas) + "\n"


def _html(titel: str, alineas: list[list[str]]) -> str:
    # Every text from the data is escaped here, at the boundary of the format.
    delen = [
        Markup("<p>{}</p>").format(Markup("<br>\n").join(escape(een_regel(r)) for r in alinea))
        for alinea in alineas
    ]
    return str(
        Markup(
            '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            "<title>{}</title>\n</head>\n<body>\n{}\n</body>\n</html>\n"
        ).format(escape(titel), Markup("\n").join(delen))
    )


def bericht(
    verzending: Verzending,
    ontvanger: Ontvanger,
    *,
    pdf: bytes | None,
    datum: dt.datetime,
    afzender: str | None = None,
    gewijzigd: bool = False,
    poging: int = 0,
    concept: bool = False,
) -> EmailMessage:
    """The message to one recipient (see the module docstring for its parts). ``datum``:
    the Date header; ``afzender``: the From address when it is not the organizer's
    (replies then go to the organizer); ``poging``: how often it was sent before (a
    resent message gets its own Message-ID, which servers would otherwise drop as a
    duplicate); ``concept``: a file that Outlook opens as a draft to send."""
    org = verzending.organisator
    van = _adres(org.naam, afzender or org.email)
    aan = _adres(ontvanger.naam, ontvanger.email)
    if van is None or aan is None:  # checked when the recipients were chosen
        raise GebruiksFout(
            f"ongeldig e-mailadres: {afzender or org.email if van is None else ontvanger.email}",
            hint="controleer het e-mailadres (of WATERKETEN_SMTP_AFZENDER)",
        )
    sleutel = verzending.sleutel(ontvanger)
    stempel = verzending.revisie.gewijzigd
    kenmerk = hashlib.sha256(f"{sleutel.tekst}|{stempel.isoformat()}|{poging}".encode()).hexdigest()
    titel = onderwerp(verzending, gewijzigd=gewijzigd)
    alineas = _alineas(verzending, ontvanger, gewijzigd=gewijzigd)
    ics = agenda_uitnodiging(verzending, ontvanger)

    msg = EmailMessage(policy=SMTP)
    msg["From"] = van
    if afzender and afzender.lower() != org.email.lower():
        antwoord = _adres(org.naam, org.email)
        if antwoord is not None:
            msg["Reply-To"] = antwoord
    msg["To"] = aan
    msg["Subject"] = titel
    msg["Date"] = format_datetime(datum)
    msg["Message-ID"] = f"<{kenmerk[:32]}.uitnodiging@{van.domain}>"
    if concept:
        msg["X-Unsent"] = "1"
    msg.set_content(_tekst(alineas), subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(
        _html(titel, alineas), subtype="html", charset="utf-8", cte="quoted-printable"
    )
    msg.add_alternative(
        ics,
        maintype="text",
        subtype="calendar",
        cte="base64",
        params={"method": verzending.methode, "charset": "utf-8"},
    )
    msg.make_mixed()
    if pdf is not None:
        msg.add_attachment(
            pdf, maintype="application", subtype="pdf", filename=pdf_naam(verzending.vergadering)
        )
    msg.add_attachment(ics, maintype="application", subtype="ics", filename=ICS_BIJLAGE)
    # Fixed boundaries (the email package draws random ones when it writes): "=_" never
    # occurs in quoted-printable or base64, so no part can contain them.
    msg.set_boundary(f"=_gemengd_{kenmerk[:24]}")
    for deel in msg.iter_parts():
        if deel.get_content_type() == "multipart/alternative":
            deel.set_boundary(f"=_alternatief_{kenmerk[:24]}")
    return msg


# --- .eml files ---------------------------------------------------------------------------


def bestanden(
    verzending: Verzending, *, pdf: bytes | None, log: Verzendlog | None = None
) -> list[tuple[str, bytes]]:
    """Every message as an .eml file that Outlook opens as a draft (``X-Unsent``),
    dated by the event's DTSTAMP so that the same data give the same bytes."""
    namen = bestandsnamen(verzending.ontvangers)
    return [
        (
            naam,
            als_bytes(
                bericht(
                    verzending,
                    o,
                    pdf=pdf,
                    datum=verzending.revisie.gewijzigd,
                    gewijzigd=log is not None and log.eerder_uitgenodigd(verzending, o),
                    concept=True,
                )
            ),
        )
        for naam, o in zip(namen, verzending.ontvangers, strict=True)
    ]


def schrijfplan(
    map_: Path,
    bestanden: Sequence[tuple[str, bytes]],
    *,
    overschrijf: bool,
    data_dir: Path,
    wat: str,
) -> Schrijfplan:
    """The files, written all or nothing through the write path; an existing file only
    with ``overschrijf``."""
    return eml_plan(
        map_,
        bestanden,
        overschrijf=overschrijf,
        data_dir=data_dir,
        wat=wat,
        berichten="uitnodigingen",
    )


# --- the send log -------------------------------------------------------------------------


class Verzendlog(verzenden.Verzendlog):
    """The send log (:class:`waterketen_cli.verzenden.Verzendlog`), which also knows
    who was invited to an earlier version of a meeting."""

    def eerder_uitgenodigd(self, verzending: Verzending, ontvanger: Ontvanger) -> bool:
        """Did this recipient get an invitation to an earlier version of the event?"""
        sleutel = verzending.sleutel(ontvanger)
        return any(
            r["uid"] == sleutel.uid
            and r["adres"] == sleutel.adres
            and r["methode"] == REQUEST
            and isinstance(r["sequence"], int)
            and r["sequence"] < sleutel.sequence
            for r in self.regels
        )


# --- SMTP ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Uitslag:
    al: tuple[Ontvanger, ...]  # sent before: skipped
    nu: tuple[Ontvanger, ...]
    geweigerd: tuple[Ontbrekend, ...]  # addresses the server refused


def verstuur(
    verzending: Verzending,
    instellingen: SmtpInstellingen,
    log: Verzendlog,
    *,
    pdf: bytes | None,
    opnieuw: bool = False,
    verstuurd: Callable[[Ontvanger], None] = lambda _: None,
    nu: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC).astimezone(),
) -> Uitslag:
    """Send every message that the log does not have (all with ``opnieuw``), one by one;
    each one is logged as soon as the server accepted it. ``verstuurd`` is told of each."""

    def maker(o: Ontvanger) -> Callable[[dt.datetime, int], EmailMessage]:
        def maak(datum: dt.datetime, poging: int) -> EmailMessage:
            return bericht(
                verzending,
                o,
                pdf=pdf,
                datum=datum,
                afzender=instellingen.afzender,
                gewijzigd=log.eerder_uitgenodigd(verzending, o),
                poging=poging,
            )

        return maak

    berichten = [
        verzenden.Bericht(
            o,
            verzending.sleutel(o),
            o.naam,
            o.email,
            maker(o),
            f"controleer 'email:' in data/personen/{o.persoon}.yaml",
            {"vergadering": verzending.vergadering.id},
        )
        for o in verzending.ontvangers
    ]
    uitslag = verzenden.verstuur(
        berichten,
        instellingen,
        log,
        envelop=instellingen.afzender or verzending.organisator.email,
        opnieuw=opnieuw,
        verstuurd=lambda b: verstuurd(b.wie),
        nu=nu,
    )
    return Uitslag(
        tuple(b.wie for b in uitslag.al), tuple(b.wie for b in uitslag.nu), uitslag.geweigerd
    )
