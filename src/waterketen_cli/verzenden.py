"""Sending e-mail, for every command that does (``agenda verstuur``, ``nieuwsbrief
verstuur``): the SMTP server from the environment, the connection, the send log and
the loop that sends each message once; and the .eml files that are written instead.

What a message says is the command's (``vergaderen/uitnodiging.py``,
``communicatie/versturen.py``); here is only how it goes out:

- **the server** (:func:`smtp_instellingen`): ``WATERKETEN_SMTP_HOST``, ``_PORT``,
  ``_STARTTLS``, ``_GEBRUIKER``, ``_WACHTWOORD`` (only from the environment, never an
  option: it would stand in the shell's history) and ``_AFZENDER``;
- **the send log** (:class:`Verzendlog`): ``verzonden.jsonl`` in waterketen's own folder
  of the data repository (``records.transactie.werkmap``), never in the data. After
  each message the server accepted, one JSON line keyed by a :class:`Sleutel` (what was
  sent, which version, how, to which address) is appended and forced to disk: a second
  run, or one after a crash, sends only what is missing; a message the server took just
  before a crash, and was not logged, is the one that can arrive twice;
- **sending** (:func:`verstuur`): one message at a time, each logged as soon as the
  server took it; an address the server refuses is reported and the rest go on; any
  other refusal stops the run, with what was sent in the log;
- **.eml files** (:func:`eml_plan`): written all or nothing through the write path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import smtplib
import socket
import ssl
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from email import errors as email_errors
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from waterketen_cli import dutch
from waterketen_cli.errors import GebruiksFout, WaterketenError, toon_pad
from waterketen_cli.escape import een_regel

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Schrijfplan

#: The send log, in ``records.transactie.werkmap``.
LOGBESTAND = "verzonden.jsonl"
#: WATERKETEN_SMTP_STARTTLS: what switches it off and on.
_UIT = {"nee", "0", "uit", "false", "no", "off"}
_AAN = {"ja", "1", "aan", "true", "yes", "on", ""}
#: Hosts where a password may go without encryption: the same computer.
_LOKAAL = {"localhost", "127.0.0.1", "::1"}

T = TypeVar("T")


class VerzendFout(WaterketenError):
    """The SMTP server could not be reached or refused; what was sent stays logged."""


@dataclass(frozen=True)
class Ontbrekend:
    """Someone who should get a message and cannot: who, why, what to do."""

    naam: str
    reden: str
    hint: str


@dataclass(frozen=True)
class Sleutel:
    """What one message is in the send log: sent once per version of what is sent."""

    uid: str
    sequence: int
    methode: str
    adres: str  # lower case

    @property
    def tekst(self) -> str:
        return f"{self.uid}|{self.sequence}|{self.methode}|{self.adres}"


def adres(naam: str, email: str) -> Address | None:
    """The address for a header; None when it is not one (the records' pattern lets
    through what no mail server takes, such as 'a,b@c.nl')."""
    try:
        return Address(display_name=een_regel(naam), addr_spec=email)
    except (ValueError, IndexError, email_errors.MessageError):
        return None


def als_bytes(msg: EmailMessage) -> bytes:
    """The message as a file or as SMTP sends it: CRLF line ends, lines of at most 78."""
    return msg.as_bytes(policy=SMTP)


# --- .eml files ---------------------------------------------------------------------------


def eml_plan(
    map_: Path,
    bestanden: Sequence[tuple[str, bytes]],
    *,
    overschrijf: bool,
    data_dir: Path,
    wat: str,
    berichten: str = "berichten",
) -> Schrijfplan:
    """The files, written all or nothing through the write path; an existing file only
    with ``overschrijf``. ``berichten``: what they are, for the hint ('uitnodigingen')."""
    from waterketen_cli.records.plan import Document, Schrijfplan

    if map_.exists() and not map_.is_dir():
        raise GebruiksFout(
            f"{toon_pad(map_)} is geen map",
            hint=f"geef met --uitvoer een map voor de {berichten}",
        )
    if not overschrijf:
        for naam, _ in bestanden:
            if (map_ / naam).exists():
                raise GebruiksFout(
                    f"{toon_pad(map_ / naam)} bestaat al",
                    hint="kies met --uitvoer een andere map, of vervang de bestanden met "
                    "--overschrijf",
                )
    result = Schrijfplan(wat, data_dir)
    result.documenten += [
        Document(map_ / naam, inhoud, overschrijf=overschrijf) for naam, inhoud in bestanden
    ]
    return result


# --- the send log -------------------------------------------------------------------------


class Verzendlog:
    """What was sent: one JSON line per message the SMTP server accepted. A line that
    was being written when the process died is skipped."""

    def __init__(self, pad: Path) -> None:
        self.pad = pad
        self.regels: list[dict[str, Any]] = []
        try:
            data = pad.read_bytes()
        except FileNotFoundError:
            data = b""
        for regel in data.splitlines():
            with contextlib.suppress(ValueError):
                item = json.loads(regel)
                if (
                    isinstance(item, dict)
                    and {"uid", "sequence", "methode", "adres"} <= item.keys()
                ):
                    self.regels.append(item)

    @classmethod
    def van(cls, data_dir: Path) -> Self:
        from waterketen_cli.records import transactie

        return cls(transactie.werkmap(data_dir) / LOGBESTAND)

    def aantal(self, sleutel: Sleutel) -> int:
        """How often this message was sent."""
        return sum(1 for r in self.regels if _sleutel(r) == sleutel)

    @contextlib.contextmanager
    def schrijver(self) -> Iterator[Callable[[Sleutel, Mapping[str, str], str], None]]:
        """``noteer(sleutel, kenmerk, message_id)``: one line (``kenmerk``: what was
        sent, e.g. ``{"vergadering": "cco-2026-12-15"}``), on disk before it returns
        (the one after a crash knows what was sent)."""
        self.pad.parent.mkdir(parents=True, exist_ok=True)
        # Addresses: for the owner only.
        fd = os.open(self.pad, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "ab") as fh:
            if fh.tell() > 0 and not _eindigt_met_regeleinde(self.pad):
                fh.write(b"\n")  # the rest of a line a crash cut off stands alone

            def noteer(sleutel: Sleutel, kenmerk: Mapping[str, str], message_id: str) -> None:
                item: dict[str, Any] = {
                    "uid": sleutel.uid,
                    "sequence": sleutel.sequence,
                    "methode": sleutel.methode,
                    "adres": sleutel.adres,
                    **kenmerk,
                    "message_id": message_id,
                    "verstuurd": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                }
                fh.write(json.dumps(item, ensure_ascii=False).encode("utf-8") + b"\n")
                fh.flush()
                os.fsync(fh.fileno())
                self.regels.append(item)

            yield noteer


def _eindigt_met_regeleinde(pad: Path) -> bool:
    with open(pad, "rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"


def _sleutel(regel: Mapping[str, Any]) -> Sleutel:
    return Sleutel(
        str(regel["uid"]), int(regel["sequence"]), str(regel["methode"]), str(regel["adres"])
    )


# --- SMTP ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SmtpInstellingen:
    host: str
    poort: int
    starttls: bool
    gebruiker: str | None
    wachtwoord: str | None
    afzender: str | None


def smtp_instellingen(omgeving: Mapping[str, str]) -> SmtpInstellingen:
    """The SMTP server from the environment (the password only from there, never an
    option: it would stand in the shell's history)."""
    host = omgeving.get("WATERKETEN_SMTP_HOST", "").strip()
    if not host:
        raise GebruiksFout(
            "--smtp: er is geen SMTP-server ingesteld",
            hint="zet WATERKETEN_SMTP_HOST (en zo nodig WATERKETEN_SMTP_PORT, "
            "WATERKETEN_SMTP_GEBRUIKER en WATERKETEN_SMTP_WACHTWOORD); zie de README",
        )
    poort_tekst = omgeving.get("WATERKETEN_SMTP_PORT", "").strip() or "587"
    if not poort_tekst.isdigit() or not 0 < int(poort_tekst) < 65536:
        raise GebruiksFout(
            f"WATERKETEN_SMTP_PORT='{poort_tekst}' is geen poortnummer",
            hint="meestal 587 (met STARTTLS) of 465 (TLS)",
        )
    tls = omgeving.get("WATERKETEN_SMTP_STARTTLS", "").strip().lower()
    if tls not in _AAN | _UIT:
        raise GebruiksFout(
            f"WATERKETEN_SMTP_STARTTLS='{tls}' is geen ja of nee",
            hint="laat het weg (standaard: ja), of zet 'nee' voor een server zonder versleuteling",
        )
    gebruiker = omgeving.get("WATERKETEN_SMTP_GEBRUIKER", "").strip() or None
    wachtwoord = omgeving.get("WATERKETEN_SMTP_WACHTWOORD") or None
    if gebruiker is not None and wachtwoord is None:
        raise GebruiksFout(
            "WATERKETEN_SMTP_GEBRUIKER is gezet, maar WATERKETEN_SMTP_WACHTWOORD niet",
            hint="zet het wachtwoord in WATERKETEN_SMTP_WACHTWOORD (nooit als optie)",
        )
    poort = int(poort_tekst)
    starttls = tls not in _UIT
    if gebruiker is not None and not starttls and poort != 465 and host.lower() not in _LOKAAL:
        raise GebruiksFout(
            "het wachtwoord zou onversleuteld naar de SMTP-server gaan",
            hint="laat WATERKETEN_SMTP_STARTTLS weg (of zet 'ja'), of gebruik poort 465",
        )
    afzender = omgeving.get("WATERKETEN_SMTP_AFZENDER", "").strip() or None
    if afzender is not None and adres("", afzender) is None:
        raise GebruiksFout(
            f"WATERKETEN_SMTP_AFZENDER='{afzender}' is geen e-mailadres",
            hint="bijv. secretariaat@waterketen.example",
        )
    return SmtpInstellingen(host, poort, starttls, gebruiker, wachtwoord, afzender)


# --- sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bericht(Generic[T]):
    """One message to send: to whom (``wie``, the command's own idea of a recipient),
    its key in the log, and how to make it (``maak(date, attempt)``: the Date header,
    and how often it was sent before, for a Message-ID of its own)."""

    wie: T
    sleutel: Sleutel
    naam: str
    email: str
    maak: Callable[[dt.datetime, int], EmailMessage]
    #: What to check when the server refuses the address.
    hint_adres: str
    #: The log line's own fields, e.g. ``{"vergadering": "cco-2026-12-15"}``.
    kenmerk: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Verzonden(Generic[T]):
    al: tuple[Bericht[T], ...]  # sent before: skipped
    nu: tuple[Bericht[T], ...]
    geweigerd: tuple[Ontbrekend, ...]  # addresses the server refused


def verstuur(
    berichten: Sequence[Bericht[T]],
    instellingen: SmtpInstellingen,
    log: Verzendlog,
    *,
    envelop: str,
    opnieuw: bool = False,
    verstuurd: Callable[[Bericht[T]], None] = lambda _: None,
    nu: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC).astimezone(),
) -> Verzonden[T]:
    """Send every message that the log does not have (all with ``opnieuw``), one by one
    from ``envelop`` (the envelope sender); each one is logged as soon as the server
    accepted it, and ``verstuurd`` is told of it."""
    al = tuple(b for b in berichten if not opnieuw and log.aantal(b.sleutel))
    te_doen = [b for b in berichten if b not in al]
    gedaan: list[Bericht[T]] = []
    geweigerd: list[Ontbrekend] = []
    if not te_doen:
        return Verzonden(al, (), ())
    with _verbinding(instellingen) as smtp, log.schrijver() as noteer:
        for b in te_doen:
            msg = b.maak(nu(), log.aantal(b.sleutel))
            try:
                smtp.send_message(msg, from_addr=envelop, to_addrs=[b.email])
            except smtplib.SMTPRecipientsRefused as error:
                reden = "; ".join(_smtp_reden(c, m) for c, m in error.recipients.values())
                geweigerd.append(
                    Ontbrekend(
                        b.naam, f"de SMTP-server weigert het adres {b.email}: {reden}", b.hint_adres
                    )
                )
                continue
            except smtplib.SMTPSenderRefused as error:
                raise _afgebroken(
                    f"de SMTP-server weigert de afzender {envelop}: "
                    f"{_smtp_reden(error.smtp_code, error.smtp_error)}",
                    "zet een afzender die de server toestaat in WATERKETEN_SMTP_AFZENDER",
                    len(gedaan),
                ) from None
            except smtplib.SMTPResponseException as error:
                raise _afgebroken(
                    f"de SMTP-server weigert het bericht aan {b.naam}: "
                    f"{_smtp_reden(error.smtp_code, error.smtp_error)}",
                    "probeer het later opnieuw",
                    len(gedaan),
                ) from None
            except (smtplib.SMTPException, OSError) as error:
                raise _afgebroken(
                    f"de verbinding met de SMTP-server is verbroken bij het bericht aan "
                    f"{b.naam}: {_reden(error)}",
                    "controleer de verbinding en probeer het opnieuw",
                    len(gedaan),
                ) from None
            noteer(b.sleutel, b.kenmerk, str(msg["Message-ID"]))
            gedaan.append(b)
            verstuurd(b)
    return Verzonden(al, tuple(gedaan), tuple(geweigerd))


def _afgebroken(bericht: str, hint: str, gedaan: int) -> VerzendFout:
    return VerzendFout(
        bericht,
        hint=f"{hint}; {dutch.aantal(gedaan, 'bericht is', 'berichten zijn')} nu verstuurd "
        "en staan in het verzendlog: opnieuw uitvoeren verstuurt alleen wat nog ontbreekt",
    )


@contextlib.contextmanager
def _verbinding(instellingen: SmtpInstellingen) -> Iterator[smtplib.SMTP]:
    """Connected, encrypted (STARTTLS, or TLS on port 465) and logged in."""
    host, poort = instellingen.host, instellingen.poort
    waar = f"{host}:{poort}"
    hint = (
        "controleer WATERKETEN_SMTP_HOST en WATERKETEN_SMTP_PORT en uw verbinding; "
        "er is niets verstuurd"
    )
    context = ssl.create_default_context()
    try:
        smtp: smtplib.SMTP = (
            smtplib.SMTP_SSL(host, poort, timeout=60, context=context)
            if poort == 465
            else smtplib.SMTP(host, poort, timeout=60)
        )
    except (OSError, smtplib.SMTPException) as error:
        raise VerzendFout(
            f"kan geen verbinding maken met de SMTP-server {waar}: {_reden(error)}", hint=hint
        ) from None
    try:
        try:
            smtp.ehlo()
            if instellingen.starttls and poort != 465:
                smtp.starttls(context=context)
                smtp.ehlo()
        except smtplib.SMTPNotSupportedError:
            raise VerzendFout(
                f"de SMTP-server {waar} kent geen STARTTLS (versleuteling)",
                hint="gebruik de poort voor versleutelde verbindingen (587 of 465); alleen voor "
                "een server op deze computer: WATERKETEN_SMTP_STARTTLS=nee",
            ) from None
        except (OSError, smtplib.SMTPException) as error:
            raise VerzendFout(
                f"de verbinding met de SMTP-server {waar} lukt niet: {_reden(error)}", hint=hint
            ) from None
        if instellingen.gebruiker is not None:
            try:
                smtp.login(instellingen.gebruiker, instellingen.wachtwoord or "")
            except smtplib.SMTPAuthenticationError as error:
                raise VerzendFout(
                    f"de SMTP-server {waar} weigert de aanmelding van "
                    f"{instellingen.gebruiker}: {_smtp_reden(error.smtp_code, error.smtp_error)}",
                    hint="controleer WATERKETEN_SMTP_GEBRUIKER en WATERKETEN_SMTP_WACHTWOORD; "
                    "er is niets verstuurd",
                ) from None
            except (OSError, smtplib.SMTPException) as error:
                raise VerzendFout(
                    f"aanmelden bij de SMTP-server {waar} lukt niet: {_reden(error)}", hint=hint
                ) from None
        yield smtp
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            smtp.quit()
        with contextlib.suppress(OSError):
            smtp.close()


def _smtp_reden(code: int, tekst: bytes | str) -> str:
    if isinstance(tekst, bytes):
        tekst = tekst.decode("utf-8", errors="replace")
    return f"{code} {een_regel(tekst)}".strip()


def _reden(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "de verbinding wordt geweigerd (draait de server, is de poort goed?)"
    if isinstance(error, socket.gaierror):
        return "de servernaam is onbekend"
    if isinstance(error, TimeoutError | socket.timeout):
        return "de server antwoordt niet"
    if isinstance(error, ssl.SSLError):
        return f"de versleuteling lukt niet ({error.reason or error})"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "de server verbrak de verbinding"
    if isinstance(error, OSError):
        from waterketen_cli.errors import os_reden

        return os_reden(error)
    return een_regel(str(error)) or type(error).__name__
