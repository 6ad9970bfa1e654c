"""``waterketen nieuwsbrief verstuur``: the newsletter as e-mail, one message per
recipient on the mailing list, through the sending of :mod:`waterketen_cli.verzenden`
(``.eml`` files by default, ``--smtp``, the send log: never twice).

**The message**:

.. code-block:: text

    multipart/alternative
      text/plain; charset=utf-8   the Markdown as written, and how to unsubscribe
      text/html; charset=utf-8    one column of at most 600 pixels, styles inlined

The HTML comes from ``nieuwsbrief-mail.html.j2``: the text is first reduced to the safe
Markdown subset (:mod:`waterketen_cli.markdown_subset`: no raw HTML, no images, links
only to https, http and mailto) and then made HTML by markdown-it with raw HTML off, so
nothing in the newsletter becomes markup of its own. Mail programs ignore or strip a
``<style>`` element (Gmail in many views, Outlook in part), so css-inline puts every
rule of the template's stylesheet into the ``style`` attribute of the elements it
applies to and drops the stylesheet; the layout is fluid (a table of 100 % with a
``max-width``) and needs no media query. Nothing is loaded from elsewhere.

**Headers**: From is the region's name with the address of the communicatieadviseur
of the clustercoördinatorenoverleg (else its secretary), or ``WATERKETEN_SMTP_AFZENDER``
with Reply-To to that person; To the one recipient (no one sees the others);
``List-Unsubscribe: <mailto:…?subject=afmelden>`` to the communicatieadviseur (RFC
2369; no ``List-Unsubscribe-Post``: that needs an https address that unsubscribes by
itself, RFC 8058, which a secretariat in git does not have); ``List-Id`` with the
sender's domain. A file's Date is the newsletter's date, and Message-ID and boundaries
derive from the newsletter, the address and the attempt: the same data, the same bytes.

**Status**: only when every recipient has it through ``--smtp`` does the header become
``status: verzonden`` with ``verzonden_op`` (:func:`statusplan`: the header lines only,
the text byte for byte as it was). The ``.eml`` files are sent by someone else, from
Outlook; afterwards ``--markeer-verzonden`` records it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from markupsafe import Markup

from waterketen_cli import verzenden
from waterketen_cli.communicatie.verzendlijst import Ontvanger, Verzendlijst
from waterketen_cli.errors import GebruiksFout, WaterketenError
from waterketen_cli.escape import een_regel
from waterketen_cli.models.records import Overleg, Persoon, Regio
from waterketen_cli.models.types import Overlegsoort, Rol
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.records.nieuwsbrief import MAP, Nieuwsbrief, Nieuwsbriefstatus
from waterketen_cli.verzenden import Sleutel, Verzendlog

if TYPE_CHECKING:
    from waterketen_cli.records.plan import Schrijfplan

METHODE = "NIEUWSBRIEF"
HTML_SJABLOON = "nieuwsbrief-mail.html.j2"
TEKST_SJABLOON = "nieuwsbrief-mail.txt.j2"
_REGELEINDE = re.compile("\r\n|\r")
_STUURTEKEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Afzender:
    """Who the newsletter comes from: the communicatieadviseur (the unsubscriptions go
    to them) under the region's name."""

    persoon: str
    naam: str  # the person, for Reply-To
    email: str
    regio: str  # the display name of From


@dataclass(frozen=True)
class Verzending:
    brief: Nieuwsbrief
    afzender: Afzender
    lijst: Verzendlijst
    html: str  # with its styles inlined; the same for every recipient
    tekst: str

    @property
    def ontvangers(self) -> list[Ontvanger]:
        return self.lijst.ontvangers

    def sleutel(self, ontvanger: Ontvanger) -> Sleutel:
        return Sleutel(f"nieuwsbrief-{self.brief.id}", 0, METHODE, ontvanger.email.lower())


# --- which newsletter, from whom ----------------------------------------------------------


def kies(brieven: Sequence[Nieuwsbrief], brief_id: str | None, *, toch: bool) -> Nieuwsbrief:
    """The newsletter to send: the one named, else the newest draft. A sent one only
    ``toch`` (the send log keeps anyone from getting it twice)."""
    if brief_id is None:
        concepten = [b for b in brieven if b.status == Nieuwsbriefstatus.CONCEPT]
        if not concepten:
            raise WaterketenError(
                "er is geen concept-nieuwsbrief om te versturen",
                hint="maak er een met 'waterketen nieuwsbrief new', of noem de nieuwsbrief "
                "(bijv. 2026-12)",
            )
        return concepten[-1]
    gevonden = next((b for b in brieven if b.id == brief_id), None)
    if gevonden is None:
        from waterketen_cli.findings import suggest

        ids = [b.id for b in brieven]
        raise GebruiksFout(
            f"onbekende nieuwsbrief '{brief_id}'",
            hint=suggest(brief_id, ids)
            or (
                f"bekend: {', '.join(ids)}"
                if ids
                else f"er staan geen nieuwsbrieven in data/{MAP}/"
            ),
        )
    if gevonden.status == Nieuwsbriefstatus.VERZONDEN and not toch:
        assert gevonden.verzonden_op is not None
        from waterketen_cli import dutch

        raise WaterketenError(
            f"nieuwsbrief {gevonden.id} is al verzonden op {dutch.datum(gevonden.verzonden_op)}",
            hint="wie hem al kreeg, krijgt hem niet nog eens: --toch verstuurt hem aan wie er "
            "sindsdien bij kwam",
        )
    return gevonden


def afzender(gegevens: Gegevens) -> Afzender:
    """The communicatieadviseur of the clustercoördinatorenoverleg, else its secretary."""
    regio = next(iter(gegevens.of(Regio)), None)
    cco = next(
        (o for o in gegevens.of(Overleg) if o.soort == Overlegsoort.CLUSTERCOORDINATORENOVERLEG),
        None,
    )
    if cco is None:
        raise WaterketenError(
            "er is geen clustercoördinatorenoverleg: de nieuwsbrief komt van zijn "
            "communicatieadviseur (of secretaris)",
            hint="voer 'waterketen validate' uit",
        )
    kandidaten = [lid.persoon for lid in cco.leden if lid.rol == Rol.COMMUNICATIEADVISEUR]
    kandidaten.append(cco.secretaris)
    for persoon_id in kandidaten:
        persoon = gegevens.get(Persoon, persoon_id)
        if persoon is not None and persoon.email and verzenden.adres(persoon.naam, persoon.email):
            return Afzender(persoon.id, persoon.naam, persoon.email, regio.naam if regio else "")
    raise WaterketenError(
        "de nieuwsbrief heeft geen afzender: de communicatieadviseur van het "
        f"clustercoördinatorenoverleg (of de secretaris, {cco.secretaris}) heeft geen "
        "geldig e-mailadres",
        hint=f"zet 'email:' in data/personen/{kandidaten[0]}.yaml",
    )


# --- the message --------------------------------------------------------------------------


def _schoon(tekst: str) -> str:
    return _STUURTEKEN.sub("", _REGELEINDE.sub("\n", tekst)).strip("\n") + "\n"


def html(repo_root: Path | None, brief: Nieuwsbrief, van: Afzender) -> str:
    """The HTML part: the safe subset of the text as HTML in ``nieuwsbrief-mail.html.j2``,
    every style inlined (see the module docstring)."""
    import css_inline
    from markdown_it import MarkdownIt

    from waterketen_cli import render
    from waterketen_cli.markdown_subset import subset

    veilig = subset(_schoon(brief.tekst), kopniveau=2)
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    pagina = render.render(
        repo_root,
        HTML_SJABLOON,
        titel=brief.titel,
        datum=brief.datum,
        regio=van.regio,
        inhoud=Markup(md.render(str(veilig))),
        afmelden=van.email,
        afmelden_url=_afmelden(van),
    )
    inliner = css_inline.CSSInliner(
        keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False
    )
    return inliner.inline(pagina)


def tekst(repo_root: Path | None, brief: Nieuwsbrief, van: Afzender) -> str:
    """The plain-text part: the Markdown as written, and how to unsubscribe."""
    from waterketen_cli import render

    return render.render(
        repo_root,
        TEKST_SJABLOON,
        titel=een_regel(brief.titel),
        datum=brief.datum,
        regio=een_regel(van.regio),
        inhoud=_schoon(brief.tekst).rstrip("\n"),
        afmelden=van.email,
    )


def _afmelden(van: Afzender) -> str:
    return f"mailto:{quote(van.email, safe='@')}?subject=afmelden"


def plan(
    repo_root: Path | None, gegevens: Gegevens, brief: Nieuwsbrief, lijst: Verzendlijst
) -> Verzending:
    """Everything to send ``brief`` to ``lijst``: from whom, and the two parts."""
    van = afzender(gegevens)
    return Verzending(brief, van, lijst, html(repo_root, brief, van), tekst(repo_root, brief, van))


def onderwerp(verzending: Verzending) -> str:
    return een_regel(verzending.brief.titel)


def bericht(
    verzending: Verzending,
    ontvanger: Ontvanger,
    *,
    datum: dt.datetime,
    afzender_adres: str | None = None,
    poging: int = 0,
    concept: bool = False,
) -> EmailMessage:
    """The message to one recipient (see the module docstring); ``afzender_adres``: the
    From address when it is not the communicatieadviseur's (WATERKETEN_SMTP_AFZENDER);
    ``concept``: a file that Outlook opens as a draft to send."""
    van_persoon = verzending.afzender
    van = verzenden.adres(
        van_persoon.regio or van_persoon.naam, afzender_adres or van_persoon.email
    )
    aan = verzenden.adres(ontvanger.naam, ontvanger.email)
    if van is None or aan is None:  # checked when the list and the sender were made
        fout = (afzender_adres or van_persoon.email) if van is None else ontvanger.email
        raise GebruiksFout(
            f"ongeldig e-mailadres: {fout}",
            hint="controleer het e-mailadres (of WATERKETEN_SMTP_AFZENDER)",
        )
    sleutel = verzending.sleutel(ontvanger)
    kenmerk = hashlib.sha256(
        f"{sleutel.tekst}|{verzending.brief.datum.isoformat()}|{poging}".encode()
    ).hexdigest()
    msg = EmailMessage(policy=SMTP)
    msg["From"] = van
    if afzender_adres and afzender_adres.lower() != van_persoon.email.lower():
        antwoord = verzenden.adres(van_persoon.naam, van_persoon.email)
        if antwoord is not None:
            msg["Reply-To"] = antwoord
    msg["To"] = aan
    msg["Subject"] = onderwerp(verzending)
    msg["Date"] = format_datetime(datum)
    msg["Message-ID"] = f"<{kenmerk[:32]}.nieuwsbrief@{van.domain}>"
    lijstnaam = een_regel(f"Nieuwsbrief {van_persoon.regio}".strip()).replace('"', "'")
    msg["List-Id"] = f'"{lijstnaam}" <nieuwsbrief.{van.domain}>'
    msg["List-Unsubscribe"] = f"<{_afmelden(van_persoon)}>"
    if concept:
        msg["X-Unsent"] = "1"
    msg.set_content(verzending.tekst, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(verzending.html, subtype="html", charset="utf-8", cte="quoted-printable")
    # A fixed boundary (the email package draws a random one): "=_" never occurs in
    # quoted-printable, so no part can contain it.
    msg.set_boundary(f"=_nieuwsbrief_{kenmerk[:24]}")
    return msg


def _datum(brief: Nieuwsbrief) -> dt.datetime:
    """The Date of an .eml file: the newsletter's day, nine in the morning in the
    Netherlands (a file is the same bytes whenever it is made)."""
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(brief.datum, dt.time(9, 0), tzinfo=ZoneInfo("Europe/Amsterdam"))


def bestandsnamen(ontvangers: Sequence[Ontvanger]) -> list[str]:
    """'001-fenna-algra.eml', in the order of the list."""
    from waterketen_cli.models.base import slugify

    breedte = max(3, len(str(len(ontvangers))))
    return [
        f"{i:0{breedte}d}-{slugify(o.naam) or o.abonnee}.eml"
        for i, o in enumerate(ontvangers, start=1)
    ]


def bestanden(verzending: Verzending) -> list[tuple[str, bytes]]:
    """Every message as an .eml file that Outlook opens as a draft (``X-Unsent``)."""
    namen = bestandsnamen(verzending.ontvangers)
    return [
        (
            naam,
            verzenden.als_bytes(
                bericht(verzending, o, datum=_datum(verzending.brief), concept=True)
            ),
        )
        for naam, o in zip(namen, verzending.ontvangers, strict=True)
    ]


def verstuur(
    verzending: Verzending,
    instellingen: verzenden.SmtpInstellingen,
    log: Verzendlog,
    *,
    opnieuw: bool = False,
    verstuurd: Callable[[Ontvanger], None] = lambda _: None,
) -> verzenden.Verzonden[Ontvanger]:
    """Send to everyone the log does not have (all with ``opnieuw``), one by one."""

    def maker(o: Ontvanger) -> Callable[[dt.datetime, int], EmailMessage]:
        def maak(datum: dt.datetime, poging: int) -> EmailMessage:
            return bericht(
                verzending, o, datum=datum, afzender_adres=instellingen.afzender, poging=poging
            )

        return maak

    berichten = [
        verzenden.Bericht(
            o,
            verzending.sleutel(o),
            o.naam,
            o.email,
            maker(o),
            f"controleer 'email:' in data/verzendlijst/{o.abonnee}.yaml",
            {"nieuwsbrief": verzending.brief.id},
        )
        for o in verzending.ontvangers
    ]
    return verzenden.verstuur(
        berichten,
        instellingen,
        log,
        envelop=instellingen.afzender or verzending.afzender.email,
        opnieuw=opnieuw,
        verstuurd=lambda b: verstuurd(b.wie),
    )


def nog_niet(verzending: Verzending, log: Verzendlog) -> list[Ontvanger]:
    """The recipients the send log does not have yet."""
    return [o for o in verzending.ontvangers if not log.aantal(verzending.sleutel(o))]


# --- the status --------------------------------------------------------------------------

_STATUS = re.compile(r"^(status:[ \t]*)(['\"]?)concept\2([ \t]*(?:#.*)?)$")
_VERZONDEN_OP = re.compile(r"^verzonden_op:")


def statusplan(data_dir: Path, brief: Nieuwsbrief, op: dt.date) -> Schrijfplan:
    """The header's ``status: concept`` becomes ``status: verzonden`` with
    ``verzonden_op: <op>`` on the next line; every other byte of the file stays as it is
    (its comments, its line endings, the text). Written through the write path, which
    checks the result as ``validate`` does."""
    from waterketen_cli.records.plan import Recordwijziging, Schrijfplan
    from waterketen_cli.soorten import NIEUWSBRIEF

    pad = brief.pad
    try:
        raw = pad.read_bytes()
    except OSError as error:
        from waterketen_cli.errors import BestandsFout

        raise BestandsFout.van(error, pad) from None
    regels = raw.decode("utf-8").splitlines(keepends=True)

    def kop() -> range:
        einde = next(
            (i for i, r in enumerate(regels[1:], 1) if r.rstrip("\r\n").rstrip() == "---"), 0
        )
        return range(1, einde)

    # A verzonden_op of a draft is an error of its own ('validate'); it is replaced.
    regels = [r for i, r in enumerate(regels) if i not in kop() or not _VERZONDEN_OP.match(r)]
    plek = next((i for i in kop() if _STATUS.match(regels[i].rstrip("\r\n"))), None)
    if plek is None:
        raise WaterketenError(
            f"de status van data/{MAP}/{brief.id}.md kan niet worden aangepast: de kop heeft "
            "geen regel 'status: concept'",
            hint="zet zelf 'status: verzonden' en 'verzonden_op: JJJJ-MM-DD' in de kop",
        )
    regel = regels[plek]
    eind = regel[len(regel.rstrip("\r\n")) :] or "\n"
    m = _STATUS.match(regel.rstrip("\r\n"))
    assert m is not None
    regels[plek] = f"{m[1]}verzonden{m[3]}{eind}"
    regels.insert(plek + 1, f"verzonden_op: {op.isoformat()}{eind}")
    nieuw = "".join(regels)
    plan = Schrijfplan(f"nieuwsbrief {brief.id} verzonden op {op.isoformat()}", data_dir)
    # Recordwijziging writes LF text with the line ends of the file it replaces: a file
    # with CRLF line ends keeps them.
    if b"\r\n" in raw:
        nieuw = nieuw.replace("\r\n", "\n")
    plan.records.append(Recordwijziging(pad, NIEUWSBRIEF, nieuw, raw))
    return plan
