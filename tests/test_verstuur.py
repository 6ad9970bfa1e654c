"""``agenda verstuur``: one invitation per recipient, as .eml files or through SMTP.

Every message is read back as a mail program reads it (``email``, policy.default), its
PDF with pypdf and its invitation with icalendar; SMTP runs against a real server
(aiosmtpd) on a free port, also when the sending process is killed halfway.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from icalendar import Calendar, Event
from pypdf import PdfReader

from helpers import invoke

WATERKETEN = Path(sys.executable).parent / "waterketen"
VERGADERING = "cco-2026-12-15"
SECRETARIS = "e.wiersma@noorderzijlvest.example"
#: The recipients of cco-2026-12-15: the members of the CCO without its secretary,
#: and WMD's agendalid, who joins for item 6; Waterbedrijf Groningen joins for none.
ONTVANGERS = {
    "m.kuipers@groningen.example": "Marieke Kuipers",
    "j.hoekstra@veendam.example": "Jan Hoekstra",
    "a.dijkstra@westerkwartier.example": "Anouk Dijkstra",
    "s.vandermeer@hethogeland.example": "Sander van der Meer",
    "i.brink@assen.example": "Ilse Brink",
    "l.smit@hunzeenaas.example": "Lotte Smit",
    "f.boersma@groningen.example": "Femke Boersma",
    "e.lubbers@wmd.example": "Esther Lubbers",
}


# --- helpers --------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _wijzig(path: Path, oud: str, nieuw: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert oud in text
    path.write_text(text.replace(oud, nieuw), encoding="utf-8")


def _lees(raw: bytes) -> EmailMessage:
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def _emls(folder: Path) -> dict[str, EmailMessage]:
    return {p.name: _lees(p.read_bytes()) for p in sorted(folder.glob("*.eml"))}


def _adres(msg: EmailMessage, kop: str) -> tuple[str, str]:
    [address] = msg[kop].addresses
    return address.display_name, address.addr_spec


def _delen(msg: EmailMessage) -> dict[str, Any]:
    """The parts as the module docstring promises them, checked on the way."""
    assert msg.get_content_type() == "multipart/mixed"
    alternatief, *bijlagen = msg.iter_parts()
    assert alternatief.get_content_type() == "multipart/alternative"
    tekst, html, agenda = alternatief.iter_parts()
    assert tekst.get_content_type() == "text/plain"
    assert html.get_content_type() == "text/html"
    assert agenda.get_content_type() == "text/calendar"
    assert agenda.get_param("method") == Calendar.from_ical(agenda.get_content())["METHOD"]
    namen = {b.get_filename(): b for b in bijlagen}
    ics = namen.pop("uitnodiging.ics")
    assert ics.get_content_type() == "application/ics"
    assert ics.get_content() == agenda.get_content().encode()  # the same calendar twice
    return {
        # CRLF in the message: lines as a mail program shows them
        "tekst": tekst.get_content().replace("\r\n", "\n"),
        "html": html.get_content().replace("\r\n", "\n"),
        "ical": Calendar.from_ical(agenda.get_content()),
        "pdf": {naam: b.get_content() for naam, b in namen.items()},
    }


def _event(calendar: Calendar) -> Event:
    [event] = [e for e in calendar.walk("VEVENT") if isinstance(e, Event)]
    return event


def _kalender(capsys: pytest.CaptureFixture[str], repo: Path, uid: str) -> Event:
    result = invoke(capsys, ["kalender"], cwd=repo)
    assert result.code == 0, result.err
    [event] = [e for e in Calendar.from_ical(result.out).walk("VEVENT") if str(e["UID"]) == uid]
    assert isinstance(event, Event)
    return event


def _zelfde_afspraak(ontvangen: Event, feed: Event) -> None:
    """UID, SEQUENCE and DTSTAMP as 'waterketen kalender' has them: an agenda updates
    the same appointment."""
    for veld in ("UID", "SEQUENCE", "DTSTAMP", "DTSTART", "DTEND", "STATUS", "LOCATION"):
        assert ontvangen.decoded(veld) == feed.decoded(veld), veld


def _verstuur(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> Any:
    return invoke(capsys, ["agenda", "verstuur", *args], cwd=repo)


# --- .eml files -----------------------------------------------------------------------------


def test_one_eml_per_recipient_with_agenda_and_invitation(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    # Text from the data is escaped for HTML, and never breaks a header.
    _wijzig(repo / "data" / "personen" / "p-lubbers.yaml", "Esther Lubbers", "Esther <b>L</b> & Zn")
    result = _verstuur(capsys, repo, VERGADERING)
    assert result.code == 0, result.err
    folder = repo / "uitnodigingen" / VERGADERING
    assert f"Geschreven: 8 uitnodigingen in uitnodigingen/{VERGADERING}" in result.out
    assert "staat in de gegevensrepository" in result.err  # addresses: not for git

    berichten = _emls(folder)
    namen = list(berichten)
    assert namen[0] == "01-marieke-kuipers.eml"
    assert namen[-1] == "08-esther-b-l-b-zn.eml"
    feed = _kalender(capsys, repo, f"{VERGADERING}@waterketen")
    gezien = {}
    for naam, msg in berichten.items():
        assert _adres(msg, "From") == ("Erik Wiersma", SECRETARIS)
        weergave, adres = _adres(msg, "To")
        gezien[adres] = weergave
        assert msg["Subject"] == (
            "Uitnodiging: Clustercoördinatorenoverleg, dinsdag 15 december 2026, 13.30 uur"
        )
        assert msg["X-Unsent"] == "1", naam  # Outlook opens it as a draft to send
        assert msg["Message-ID"].endswith("@noorderzijlvest.example>")
        delen = _delen(msg)
        assert delen["tekst"].startswith(f"Beste {weergave},\n")
        assert "dinsdag 15 december 2026, 13.30 tot 16.00 uur" in delen["tekst"]
        assert "Erik Wiersma\nsecretaris Clustercoördinatorenoverleg\n" in delen["tekst"]
        assert "dinsdag 15 december 2026, 13.30 tot 16.00 uur" in delen["html"]

        [pdf] = delen["pdf"].values()
        assert list(delen["pdf"]) == [f"agenda-{VERGADERING}.pdf"]
        tekst = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert "Agenda Clustercoördinatorenoverleg" in tekst

        calendar = delen["ical"]
        assert str(calendar["METHOD"]) == "REQUEST"
        event = _event(calendar)
        _zelfde_afspraak(event, feed)
        organizer = event["ORGANIZER"]
        assert str(organizer) == f"mailto:{SECRETARIS}"
        assert organizer.params["CN"] == "Erik Wiersma"
        attendee = event["ATTENDEE"]  # one: the recipient, no one else's address
        assert str(attendee) == f"mailto:{adres}"
        assert dict(attendee.params) == {
            "CN": weergave,
            "CUTYPE": "INDIVIDUAL",
            "ROLE": "REQ-PARTICIPANT",
            "PARTSTAT": "NEEDS-ACTION",
            "RSVP": "TRUE",
        }
    assert gezien == {**ONTVANGERS, "e.lubbers@wmd.example": "Esther <b>L</b> & Zn"}

    lubbers = _delen(berichten["08-esther-b-l-b-zn.eml"])
    assert (
        "U schuift aan bij punt 6:\n6. Projectvoorstel regenwateraanpak Kop van Drenthe\n"
        in (lubbers["tekst"])
    )
    assert "Beste Esther &lt;b&gt;L&lt;/b&gt; &amp; Zn,</p>" in lubbers["html"]
    assert "<b>L</b>" not in lubbers["html"]
    assert "schuift aan" not in _delen(berichten["01-marieke-kuipers.eml"])["tekst"]


def test_the_same_data_give_the_same_files(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    uit = tmp_path / "post"
    assert _verstuur(capsys, repo, VERGADERING, "-o", str(uit)).code == 0
    eerst = {p.name: p.read_bytes() for p in uit.iterdir()}
    assert len(eerst) == 8
    # The Date of a file is the event's DTSTAMP, never the clock.
    assert _lees(eerst["01-marieke-kuipers.eml"])["Date"] == "Mon, 05 Jan 2026 11:00:00 +0000"

    again = _verstuur(capsys, repo, VERGADERING, "-o", str(uit))
    assert again.code == 2
    assert "01-marieke-kuipers.eml bestaat al" in again.err
    assert "--overschrijf" in again.err

    assert _verstuur(capsys, repo, VERGADERING, "-o", str(uit), "--overschrijf").code == 0
    assert {p.name: p.read_bytes() for p in uit.iterdir()} == eerst


def test_dry_run_names_recipients_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    result = _verstuur(capsys, repo, VERGADERING, "--droog")
    assert result.code == 0, result.err
    assert "Onderwerp: Uitnodiging: Clustercoördinatorenoverleg, dinsdag 15 december" in result.out
    assert (
        f"uitnodigingen/{VERGADERING}/08-esther-lubbers.eml: Esther Lubbers "
        "<e.lubbers@wmd.example> (agendalid, punt 6)"
    ) in result.out
    for adres in ONTVANGERS:
        assert adres in result.out
    assert SECRETARIS not in result.out.split("\n", 2)[2]  # the organizer, not a recipient
    assert "Droog: er wordt niets verstuurd of geschreven." in result.err
    assert not (repo / "uitnodigingen").exists()


def test_a_moved_meeting_updates_the_same_appointment(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    vergaderingen = repo / "data" / "vergaderingen"
    _git(repo, "mv", f"{vergaderingen}/{VERGADERING}.yaml", f"{vergaderingen}/cco-2026-12-17.yaml")
    _wijzig(vergaderingen / "cco-2026-12-17.yaml", VERGADERING, "cco-2026-12-17")
    _wijzig(vergaderingen / "cco-2026-12-17.yaml", "datum: 2026-12-15", "datum: 2026-12-17")
    _git(repo, "commit", "-q", "-am", "CCO verplaatst naar 17 december")

    result = _verstuur(capsys, repo, "cco-2026-12-17", "-o", str(tmp_path / "post"))
    assert result.code == 0, result.err
    assert "UID cco-2026-12-15@waterketen, SEQUENCE 1" in result.out
    feed = _kalender(capsys, repo, f"{VERGADERING}@waterketen")
    assert feed.decoded("SEQUENCE") == 1
    for msg in _emls(tmp_path / "post").values():
        event = _event(_delen(msg)["ical"])
        _zelfde_afspraak(event, feed)
        assert event.decoded("DTSTART").day == 17


def test_a_cancelled_meeting_is_called_off(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    _wijzig(
        repo / "data" / "vergaderingen" / f"{VERGADERING}.yaml",
        "status: uitgenodigd",
        "status: geannuleerd",
    )
    _git(repo, "commit", "-q", "-am", "CCO gaat niet door")

    result = _verstuur(capsys, repo, VERGADERING, "-o", str(tmp_path / "post"))
    assert result.code == 0, result.err
    assert "Geschreven: 8 afzeggingen" in result.out
    feed = _kalender(capsys, repo, f"{VERGADERING}@waterketen")
    for msg in _emls(tmp_path / "post").values():
        assert msg["Subject"] == "Afgelast: Clustercoördinatorenoverleg, dinsdag 15 december 2026"
        delen = _delen(msg)
        assert delen["pdf"] == {}  # no agenda for a meeting that does not take place
        assert "Deze vergadering is afgelast:" in delen["tekst"]
        calendar = delen["ical"]
        assert str(calendar["METHOD"]) == "CANCEL"
        event = _event(calendar)
        _zelfde_afspraak(event, feed)
        assert str(event["STATUS"]) == "CANCELLED"
        assert event.decoded("SEQUENCE") == 1
        assert "RSVP" not in event["ATTENDEE"].params


def test_who_cannot_be_invited_is_named_the_others_are_invited(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    """The stuurgroep's bestuurders have no e-mail address in the example data."""
    concept = _verstuur(capsys, repo, "stuurgroep-2027-03-11")
    assert concept.code == 2
    assert "vergadering stuurgroep-2027-03-11 is nog een concept" in concept.err
    assert "status: uitgenodigd" in concept.err

    _wijzig(
        repo / "data" / "personen" / "p-mulder.yaml",
        "organisatie:",
        "email: h.mulder@groningen.example\norganisatie:",
    )
    uit = tmp_path / "post"
    result = _verstuur(capsys, repo, "stuurgroep-2027-03-11", "--toch", "-o", str(uit))
    assert result.code == 1
    assert "Geschreven: 2 uitnodigingen" in result.out
    berichten = _emls(uit)
    assert {_adres(m, "To")[1] for m in berichten.values()} == {
        "h.mulder@groningen.example",
        "j.hoekstra@veendam.example",  # the CCO's chair sits in the stuurgroep
    }
    for msg in berichten.values():
        assert msg["Subject"].startswith("Voorlopige uitnodiging: Stuurgroep Waterketen")
        assert "Dit is een voorlopige uitnodiging" in _delen(msg)["tekst"]
        assert str(_event(_delen(msg)["ical"])["STATUS"]) == "TENTATIVE"
    assert "niet uitgenodigd: " in result.err
    assert ": geen e-mailadres" in result.err
    assert "zet 'email:' in data/personen/p-postma.yaml" in result.err
    assert "8 personen niet uitgenodigd (zie hierboven)" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("vergadering", "melding"),
    [
        ("cco-2026-11-17", "vergadering cco-2026-11-17 is al gehouden (status: gehouden)"),
        ("cco-2026-99-99", "cco-2026-99-99"),
    ],
)
def test_no_invitation_for_a_held_or_unknown_meeting(
    capsys: pytest.CaptureFixture[str], repo: Path, vergadering: str, melding: str
) -> None:
    result = _verstuur(capsys, repo, vergadering, "--droog")
    assert result.code in (1, 2)
    assert melding in result.err


def test_a_date_in_the_past_needs_toch(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WATERKETEN_VANDAAG", "2026-12-16")
    result = _verstuur(capsys, repo, VERGADERING, "--droog")
    assert result.code == 2
    assert "was op 15 december 2026: dat is voorbij" in result.err
    assert _verstuur(capsys, repo, VERGADERING, "--droog", "--toch").code == 0


# --- SMTP -------------------------------------------------------------------------------


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Postbus:
    """What the server received; ``stop_na``: kill ``proces`` when that many messages
    have arrived and the next one comes in (it is not accepted)."""

    def __init__(self) -> None:
        self.berichten: list[tuple[str, list[str], bytes]] = []
        self.stop_na: int | None = None
        self.proces: subprocess.Popen[bytes] | None = None
        self.gestart = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.stop_na is not None and len(self.berichten) >= self.stop_na:
            self.gestart.wait(30)
            assert self.proces is not None
            os.kill(self.proces.pid, signal.SIGKILL)
            return "451 4.3.0 de server stopt"
        self.berichten.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def per_adres(self) -> dict[str, int]:
        tel: dict[str, int] = {}
        for _, aan, _ in self.berichten:
            for adres in aan:
                tel[adres] = tel.get(adres, 0) + 1
        return tel


@pytest.fixture
def postbus(monkeypatch: pytest.MonkeyPatch) -> Iterator[Postbus]:
    bus = Postbus()
    poort = _vrije_poort()
    controller = Controller(bus, hostname="127.0.0.1", port=poort)
    controller.start()
    monkeypatch.setenv("WATERKETEN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("WATERKETEN_SMTP_PORT", str(poort))
    monkeypatch.setenv("WATERKETEN_SMTP_STARTTLS", "nee")
    try:
        yield bus
    finally:
        controller.stop()


def test_smtp_sends_each_message_once(
    capsys: pytest.CaptureFixture[str], repo: Path, postbus: Postbus
) -> None:
    result = _verstuur(capsys, repo, VERGADERING, "--smtp")
    assert result.code == 0, result.err
    assert "al verstuurd: 0; nu verstuurd: 8" in result.out
    assert "Verstuurd aan Marieke Kuipers <m.kuipers@groningen.example>" in result.out
    assert not (repo / "uitnodigingen").exists()
    assert postbus.per_adres() == dict.fromkeys(ONTVANGERS, 1)
    feed = _kalender(capsys, repo, f"{VERGADERING}@waterketen")
    eerste_ids = set()
    for afzender, aan, raw in postbus.berichten:
        assert afzender == SECRETARIS
        msg = _lees(raw)
        assert _adres(msg, "To") == (ONTVANGERS[aan[0]], aan[0])
        assert "X-Unsent" not in msg
        assert msg["Date"] != "Mon, 05 Jan 2026 11:00:00 +0000"  # the moment of sending
        delen = _delen(msg)
        assert list(delen["pdf"]) == [f"agenda-{VERGADERING}.pdf"]
        _zelfde_afspraak(_event(delen["ical"]), feed)
        eerste_ids.add(msg["Message-ID"])
    assert len(eerste_ids) == 8

    # A second run sends nothing: every message is in the send log.
    again = _verstuur(capsys, repo, VERGADERING, "--smtp")
    assert again.code == 0, again.err
    assert "al verstuurd: 8; nu verstuurd: 0" in again.out
    assert "--opnieuw" in again.out
    assert len(postbus.berichten) == 8
    droog = _verstuur(capsys, repo, VERGADERING, "--smtp", "--droog")
    assert droog.out.count("(al verstuurd)") == 8

    # --opnieuw sends them all again, with Message-IDs of their own (a server drops a
    # message whose id it has seen).
    opnieuw = _verstuur(capsys, repo, VERGADERING, "--smtp", "--opnieuw")
    assert opnieuw.code == 0, opnieuw.err
    assert "nu verstuurd: 8" in opnieuw.out
    assert postbus.per_adres() == dict.fromkeys(ONTVANGERS, 2)
    nieuwe_ids = {_lees(raw)["Message-ID"] for _, _, raw in postbus.berichten[8:]}
    assert len(nieuwe_ids) == 8 and not nieuwe_ids & eerste_ids


def test_an_update_after_sending_says_what_changed(
    capsys: pytest.CaptureFixture[str], repo: Path, postbus: Postbus
) -> None:
    assert _verstuur(capsys, repo, VERGADERING, "--smtp").code == 0
    _wijzig(
        repo / "data" / "vergaderingen" / f"{VERGADERING}.yaml",
        "begintijd: '13:30'",
        "begintijd: '14:00'",
    )
    _git(repo, "commit", "-q", "-am", "later beginnen")
    result = _verstuur(capsys, repo, VERGADERING, "--smtp")
    assert result.code == 0, result.err
    assert "al verstuurd: 0; nu verstuurd: 8" in result.out  # a new version: SEQUENCE 1
    assert postbus.per_adres() == dict.fromkeys(ONTVANGERS, 2)
    for _, _, raw in postbus.berichten[8:]:
        msg = _lees(raw)
        assert msg["Subject"].startswith("Gewijzigd: Clustercoördinatorenoverleg")
        delen = _delen(msg)
        assert "Deze vergadering is gewijzigd" in delen["tekst"]
        assert _event(delen["ical"]).decoded("SEQUENCE") == 1


def test_a_run_killed_halfway_is_finished_by_the_next(
    capsys: pytest.CaptureFixture[str], repo: Path, postbus: Postbus
) -> None:
    postbus.stop_na = 2
    proces = subprocess.Popen(
        [str(WATERKETEN), "agenda", "verstuur", VERGADERING, "--smtp"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    postbus.proces = proces
    postbus.gestart.set()
    out, err = proces.communicate(timeout=120)
    assert proces.returncode == -signal.SIGKILL, err.decode()
    assert out.decode().count("Verstuurd aan") == 2
    assert len(postbus.berichten) == 2

    postbus.stop_na = None
    result = _verstuur(capsys, repo, VERGADERING, "--smtp")
    assert result.code == 0, result.err
    assert "al verstuurd: 2; nu verstuurd: 6" in result.out
    assert postbus.per_adres() == dict.fromkeys(ONTVANGERS, 1)  # each exactly once

    result = _verstuur(capsys, repo, VERGADERING, "--smtp", "--opnieuw")
    assert result.code == 0, result.err
    assert postbus.per_adres() == dict.fromkeys(ONTVANGERS, 2)


def test_smtp_errors_in_dutch(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _verstuur(capsys, repo, VERGADERING, "--smtp")
    assert result.code == 2
    assert "--smtp: er is geen SMTP-server ingesteld" in result.err
    assert "WATERKETEN_SMTP_HOST" in result.err

    monkeypatch.setenv("WATERKETEN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("WATERKETEN_SMTP_PORT", str(_vrije_poort()))  # nobody listens
    result = _verstuur(capsys, repo, VERGADERING, "--smtp")
    assert result.code == 1
    assert "kan geen verbinding maken met de SMTP-server 127.0.0.1:" in result.err
    assert "de verbinding wordt geweigerd" in result.err

    def weiger(*_: Any) -> AuthResult:
        return AuthResult(success=False, handled=False)

    poort = _vrije_poort()
    controller = Controller(
        Postbus(), hostname="127.0.0.1", port=poort, authenticator=weiger, auth_require_tls=False
    )
    controller.start()
    try:
        monkeypatch.setenv("WATERKETEN_SMTP_PORT", str(poort))
        monkeypatch.setenv("WATERKETEN_SMTP_STARTTLS", "nee")
        monkeypatch.setenv("WATERKETEN_SMTP_GEBRUIKER", "secretariaat")
        monkeypatch.setenv("WATERKETEN_SMTP_WACHTWOORD", "zeer-geheim-42")
        result = _verstuur(capsys, repo, VERGADERING, "--smtp")
    finally:
        controller.stop()
    assert result.code == 1
    assert f"de SMTP-server 127.0.0.1:{poort} weigert de aanmelding van secretariaat" in result.err
    assert "WATERKETEN_SMTP_WACHTWOORD" in result.err
    assert "zeer-geheim-42" not in result.out + result.err  # never the password

    monkeypatch.setenv("WATERKETEN_SMTP_HOST", "smtp.example.org")
    result = _verstuur(capsys, repo, VERGADERING, "--smtp")
    assert result.code == 2
    assert "het wachtwoord zou onversleuteld naar de SMTP-server gaan" in result.err


def test_options_that_do_not_go_together(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = _verstuur(capsys, repo, VERGADERING, "--smtp", "-o", "post")
    assert result.code == 2
    assert "--smtp verstuurt zelf en schrijft geen bestanden" in result.err
    result = _verstuur(capsys, repo, VERGADERING, "--opnieuw")
    assert result.code == 2
    assert "--opnieuw hoort bij --smtp" in result.err
