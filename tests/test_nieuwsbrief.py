"""The newsletter: ``nieuwsbrief new`` drafts it from the public view and what changed in
git, ``validate`` checks it and the mailing list, ``nieuwsbrief verstuur`` sends it as
.eml files or through a real SMTP server (aiosmtpd on a free port), each recipient once,
and then marks it sent.

Every message is read back as a mail program reads it (``email``, policy.default).
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from conftest import EXAMPLE_DATA, VANDAAG
from helpers import Uitvoer, invoke

VORIGE = "data/nieuwsbrieven/2026-10.md"
CONCEPT = "data/nieuwsbrieven/2026-11.md"
AFZENDER = "l.smit@hunzeenaas.example"  # the communicatieadviseur of the CCO
#: The mailing list of the example data: everyone with consent, less who unsubscribed.
ONTVANGERS = {
    "r.bakker@provincie-groningen.example": "Ruben Bakker",
    "s.dewit@stadskanaal.example": "Sanne de Wit",
    "j.koops@kenniscentrum-waterbeheer.example": "Jelmer Koops",
    "r.zwiers@provincie-drenthe.example": "Rianne Zwiers",
}
AFGEMELD = "g.hoving@ingenieursbureau-noord.example"


# --- helpers --------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _wijzig(path: Path, oud: str, nieuw: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert oud in text, oud
    path.write_text(text.replace(oud, nieuw, 1), encoding="utf-8")


def _nb(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> Uitvoer:
    return invoke(capsys, ["nieuwsbrief", *args], cwd=repo)


def _validate(capsys: pytest.CaptureFixture[str], repo: Path, *paden: str) -> dict[str, Any]:
    result = invoke(capsys, ["validate", "-f", "json", *paden], cwd=repo)
    doc: dict[str, Any] = json.loads(result.out)
    return doc


def _fouten(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in doc["bevindingen"] if b["ernst"] == "fout"]


def _lees(raw: bytes) -> EmailMessage:
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def _delen(msg: EmailMessage) -> tuple[str, str]:
    """The text and the HTML part, as the module docstring promises them."""
    assert msg.get_content_type() == "multipart/alternative"
    tekst, html = msg.iter_parts()
    assert tekst.get_content_type() == "text/plain"
    assert html.get_content_type() == "text/html"
    assert not list(msg.iter_attachments())
    return (
        tekst.get_content().replace("\r\n", "\n"),  # type: ignore[attr-defined]
        html.get_content().replace("\r\n", "\n"),  # type: ignore[attr-defined]
    )


def _kop_en_tekst(path: Path) -> tuple[bytes, bytes]:
    """The header (up to and with its closing '---' line) and the body, as bytes."""
    raw = path.read_bytes()
    einde = raw.index(b"\n---", 4) + len(b"\n---\n")
    return raw[:einde], raw[einde:]


def _geheimen() -> set[str]:
    """What no public text may hold, as the leak test writes the rules out: contact
    details, names without consent, confidential subjects and decisions, the guests of
    a themabijeenkomst; and everything on the mailing list."""
    import datetime as dt

    from test_openbaar import geheimen
    from waterketen_cli.models.records import Abonnee
    from waterketen_cli.records import dataset

    gegevens = dataset.load(EXAMPLE_DATA)
    found = geheimen(gegevens, dt.date.fromisoformat(VANDAAG)).geheim
    for abonnee in gegevens.of(Abonnee):
        found |= {abonnee.naam, abonnee.email}
    return found


# --- nieuwsbrief new --------------------------------------------------------------------------


def test_draft_from_the_example_data(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    result = _nb(capsys, repo, "new")
    assert result.code == 0, result.err
    assert f"Concept-nieuwsbrief opgesteld: {CONCEPT}" in result.out
    assert "Periode: 16 oktober 2026 tot en met 27 november 2026 (sinds nieuwsbrief 2026-10)" in (
        result.out
    )
    tekst = (repo / CONCEPT).read_text(encoding="utf-8")
    assert tekst.startswith(
        '---\ntitel: "Nieuwsbrief november 2026"\ndatum: 2026-11-27\nstatus: concept\n---\n'
        "In deze nieuwsbrief: wat er gebeurde sinds de vorige nieuwsbrief van 16 oktober 2026.\n"
    )
    for kop in (
        "## Projecten",
        "### Mijlpalen bereikt",
        "- Water in het omgevingsplan: Modelregels hemelwater en afvalwater gereed "
        "(15 november 2026)",
        "## Besluiten",
        "### Clustercoördinatorenoverleg, 17 november 2026",
        "### Stuurgroep Waterketen Groningen en Noord-Drenthe, 26 november 2026",
        "*Onder voorbehoud: het verslag van deze vergadering is nog niet vastgesteld.*",
        "- De stuurgroep stelt het vergaderschema 2027 vast.",
        "## Agenda",
        "- **Clustercoördinatorenoverleg**: dinsdag 15 december 2026, 13.30 – 16.00 uur, "
        "Gemeentehuis Midden-Groningen, Hoogezand",
    ):
        assert kop in tekst, kop
    # Before the period, or after the agenda's three months: not in it.
    assert "13 oktober 2026" not in tekst
    assert "11 maart 2027" not in tekst
    # Only what is public: no contact details, no names without consent, nothing
    # confidential, no one from the mailing list.
    for geheim in _geheimen():
        assert geheim not in tekst, geheim
    # The result is valid and in its own form: validate and fmt stay clean.
    assert _fouten(_validate(capsys, repo)) == []
    assert invoke(capsys, ["fmt", "--check"], cwd=repo).code == 0


def test_draft_takes_what_changed_from_git(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    data = repo / "data"
    # A new project, a project that started, a milestone reached ahead of its date, a
    # new measurement well above the previous one, a write-up written: not committed.
    nieuw = (data / "projecten" / "riothermie-assen.yaml").read_text(encoding="utf-8")
    nieuw = nieuw.replace("id: riothermie-assen", "id: riothermie-groningen")
    nieuw = re.sub(r"(?m)^titel: .*$", "titel: Riothermie in de stad Groningen", nieuw)
    (data / "projecten" / "riothermie-groningen.yaml").write_text(nieuw, encoding="utf-8")
    _wijzig(
        data / "projecten" / "pool-rioleringsbeheerders.yaml",
        "status: goedgekeurd",
        "status: lopend",
    )
    _wijzig(
        data / "projecten" / "afkoppelen-waterpas.yaml",
        "    datum: 2026-12-31\n    gereed: false",
        "    datum: 2026-12-31\n    gereed: true",
    )
    _wijzig(
        data / "clusters" / "waterpas.yaml",
        "    peildatum: 2025-12-31\n    waarde: 241\n"
        "    bron: COELO, Atlas van de lokale lasten 2025\n",
        "    peildatum: 2025-12-31\n    waarde: 241\n"
        "    bron: COELO, Atlas van de lokale lasten 2025\n"
        "  - indicator: rioolheffing\n    peildatum: 2026-06-30\n    waarde: 290\n"
        "    bron: Tussenmeting 2026\n",
    )
    thema = data / "vergaderingen" / "themabijeenkomst-2026-10-29.yaml"
    thema.write_text(
        thema.read_text(encoding="utf-8")
        + "terugblik: |-\n  Zestig deelnemers zagen hoe **warmte uit riool** werkt.\n\n"
        "  <script>alert(1)</script> en [meer](javascript:alert(1)).\n",
        encoding="utf-8",
    )
    result = _nb(capsys, repo, "new", "--titel", "Nieuws uit de waterketen")
    assert result.code == 0, result.err
    tekst = (repo / CONCEPT).read_text(encoding="utf-8")
    assert 'titel: "Nieuws uit de waterketen"' in tekst
    assert "### Nieuwe projecten\n\n- **Riothermie in de stad Groningen** (Kop van Drenthe" in tekst
    assert "### Gestart\n\n- **Pool rioleringsbeheerders en opleidingsplan**" in tekst
    assert "- Afkoppelprogramma hemelwater Waterpas: Fase 1 gereed (31 december 2026)" in tekst
    assert (
        "- Waterpas, Rioolheffing meerpersoonshuishouden (€/jaar, 30-06-2026): € 290,00, "
        "▲ +49,00 (+20,3 %) slechter"
    ) in tekst
    assert "## Terugblik\n\n### Regionale themabijeenkomst, 29 oktober 2026" in tekst
    assert "Zestig deelnemers zagen hoe **warmte uit riool** werkt." in tekst
    # The write-up is the safe subset: HTML and a javascript: link stay text.
    assert "&lt;script>alert(1)&lt;/script> en [meer\\](javascript:alert(1))." in tekst


def test_one_draft_at_a_time(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    droog = _nb(capsys, repo, "new", "--droog")
    assert droog.code == 0, droog.err
    assert droog.out.startswith("---\ntitel:")
    assert f"nieuw: {CONCEPT}" in droog.err
    assert not (repo / CONCEPT).exists()

    assert _nb(capsys, repo, "new").code == 0
    again = _nb(capsys, repo, "new")
    assert again.code == 1
    assert again.err == (
        f"fout: er is al een concept-nieuwsbrief: {CONCEPT} (Nieuwsbrief november 2026)\n"
        "  bewerk dat concept (en verstuur het met 'waterketen nieuwsbrief verstuur'), of "
        "maak toch een tweede met --toch\n"
    )
    toch = _nb(capsys, repo, "new", "--toch", "--commit")
    assert toch.code == 0, toch.err
    assert "Concept-nieuwsbrief opgesteld: data/nieuwsbrieven/2026-11-27.md" in toch.out
    assert "Gecommit:" in toch.out


def test_the_first_newsletter_looks_back_three_months(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / VORIGE).unlink()
    result = _nb(capsys, repo, "new", "--datum", "2026-11-30")
    assert result.code == 0, result.err
    assert "(de eerste nieuwsbrief)" in result.out
    tekst = (repo / CONCEPT).read_text(encoding="utf-8")
    assert "In deze eerste nieuwsbrief: wat er gebeurde in de drie maanden tot en met " in tekst
    assert "### Stuurgroep Waterketen Groningen en Noord-Drenthe, 24 september 2026" in tekst


# --- validate ------------------------------------------------------------------------------


def test_validate_checks_the_header_with_line_and_column(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "data" / "nieuwsbrieven" / "2026-12.md").write_text(
        "---\ntitel: December\ndatum: 2026-12-32\nstatus: verzonden\nonzin: 1\n---\n"
        "Tekst met <b>HTML</b> en ![een foto](https://elders.example/foto.png).\n",
        encoding="utf-8",
    )
    doc = _validate(capsys, repo, "data/nieuwsbrieven")
    gevonden = [
        (b["regel"], b["kolom"], b["check"], b["veld"], b["bericht"]) for b in doc["bevindingen"]
    ]
    assert gevonden == [
        (3, 8, "nieuwsbrief", "datum", "'2026-12-32' is geen datum"),
        (4, 9, "nieuwsbrief", "status", "een verzonden nieuwsbrief heeft een datum verzonden_op"),
        (5, 1, "nieuwsbrief", "onzin", "onbekend veld 'onzin'"),
        (7, 11, "nieuwsbrief-opmaak", None, "HTML (<b>) wordt in de nieuwsbrief gewone tekst"),
        (
            7,
            26,
            "nieuwsbrief-opmaak",
            None,
            "afbeelding 'https://elders.example/foto.png': de nieuwsbrief toont alleen de "
            "beschrijving",
        ),
    ]
    assert all(b["bestand"] == "data/nieuwsbrieven/2026-12.md" for b in doc["bevindingen"])
    tekst = invoke(capsys, ["validate", "data/nieuwsbrieven"], cwd=repo)
    assert tekst.code == 1
    assert "      3:8  fout         datum: '2026-12-32' is geen datum  [nieuwsbrief]" in tekst.out


@pytest.mark.parametrize(
    ("inhoud", "plek", "bericht"),
    [
        ("Geen kop\n", (1, 1), "de kop ontbreekt"),
        ("---\ntitel: X\n", (2, 1), "de kop wordt niet afgesloten met een regel '---'"),
        ("---\ntitel: X\ndatum: 2026-12-01\n---\n", (4, 1), "het veld 'status' ontbreekt"),
        ("---\ntitel: [X\n---\n", (3, 1), None),  # YAML: the reader's own words
        (
            "---\ntitel: X\ndatum: 2026-12-01\nstatus: concept\nverzonden_op: 2026-12-01\n---\n",
            (5, 1),
            "verzonden_op bij een nieuwsbrief die nog een concept is",
        ),
        ("---\ntitel: X\ndatum: 2026-12-01\nstatus: af\n---\n", (4, 9), "onbekende status 'af'"),
    ],
)
def test_what_validate_refuses_the_reader_refuses(
    inhoud: str, plek: tuple[int, int], bericht: str | None
) -> None:
    """The check and the website's reader (``nieuwsbrief.ontleed``) agree."""
    from waterketen_cli.checks.nieuwsbrief import controleer
    from waterketen_cli.records.nieuwsbrief import NieuwsbriefFout, ontleed

    uitkomst = controleer(inhoud.encode(), "2026-12.md")
    [eerste, *_] = [r for r in uitkomst.rows if r[2] != "nieuwsbrief-opmaak"]
    assert eerste[:2] == plek
    if bericht is not None:
        assert eerste[3] == bericht
    assert uitkomst.record_id is None
    with pytest.raises(NieuwsbriefFout):
        ontleed(inhoud.encode(), Path("2026-12.md"))


def test_every_example_newsletter_is_read_alike() -> None:
    from waterketen_cli.checks.nieuwsbrief import controleer
    from waterketen_cli.records.nieuwsbrief import ontleed

    for path in sorted((EXAMPLE_DATA / "nieuwsbrieven").glob("*.md")):
        uitkomst = controleer(path.read_bytes(), path.name, str(path))
        assert uitkomst.rows == [], path
        brief = ontleed(path.read_bytes(), path)
        assert uitkomst.feiten["datum"] == brief.datum.isoformat()


def test_validate_refuses_an_address_without_consent_and_a_double_one(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    lijst = repo / "data" / "verzendlijst"
    (lijst / "zonder-toestemming.yaml").write_text(
        "id: zonder-toestemming\nnaam: Iemand Zonder\nemail: iemand@elders.example\n",
        encoding="utf-8",
    )
    (lijst / "tweede-adres.yaml").write_text(
        "id: tweede-adres\nnaam: Ruben Bakker\nemail: R.Bakker@Provincie-Groningen.example\n"
        "toestemming:\n  datum: 2026-04-01\n  wijze: e-mail\n",
        encoding="utf-8",
    )
    doc = _validate(capsys, repo, "data/verzendlijst")
    assert [
        (b["bestand"], b["regel"], b["kolom"], b["check"], b["bericht"]) for b in _fouten(doc)
    ] == [
        (
            "data/verzendlijst/tweede-adres.yaml",
            3,
            8,
            "verzendlijst",
            "het adres r.bakker@provincie-groningen.example staat ook in "
            "data/verzendlijst/bakker-ruben.yaml",
        ),
        (
            "data/verzendlijst/zonder-toestemming.yaml",
            3,
            8,
            "toestemming",
            "geen toestemming vastgelegd voor iemand@elders.example: dit adres krijgt geen "
            "nieuwsbrief",
        ),
    ]


# --- never public -------------------------------------------------------------------------------


def test_the_mailing_list_is_never_public(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    from waterketen_cli import publiek
    from waterketen_cli.models.records import Abonnee
    from waterketen_cli.records import dataset

    gegevens = dataset.load(EXAMPLE_DATA)
    assert len(gegevens.of(Abonnee)) == 5
    view = publiek.publiek(gegevens, dt.date.fromisoformat(VANDAAG))
    assert "abonnee" not in view.records
    assert view.of(Abonnee) == []
    assert not any(soort == "abonnee" for soort, _ in view.paden)

    # The website: built from the example data, it shows no one of the list.
    site = tmp_path / "site"
    result = invoke(capsys, ["--data", str(EXAMPLE_DATA), "site", "-o", str(site)])
    assert result.code == 0, result.err
    geheim = {x for a in gegevens.of(Abonnee) for x in (a.naam, a.email, a.id)}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".ics", ".txt", ".css"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for x in geheim:
                assert x not in text, (path, x)
            assert "verzendlijst" not in text, path
    # The sent newsletter is in the website's archive.
    assert (site / "nieuws" / "2026-10" / "index.html").is_file()


# --- nieuwsbrief verstuur: .eml -----------------------------------------------------------


def test_eml_files_one_per_consenting_recipient(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    assert _nb(capsys, repo, "new").code == 0
    concept = repo / CONCEPT
    # The communicatieadviseur adds to the body, also what a mail must not run.
    with concept.open("a", encoding="utf-8") as fh:
        fh.write(
            "\n## Tot slot\n\nMeer op [de website](https://waterketen.example/nieuws/) en "
            "<script>alert('x')</script> ![foto](https://elders.example/f.png).\n"
        )
    kop_voor, tekst_voor = _kop_en_tekst(concept)

    result = _nb(capsys, repo)  # no command: the group's help
    assert result.code == 2
    result = _nb(capsys, repo, "verstuur")
    assert result.code == 0, result.err
    folder = repo / "nieuwsbrief-2026-11"
    assert "Geschreven: 4 berichten in nieuwsbrief-2026-11" in result.out
    assert "verstuur 2026-11 --markeer-verzonden" in result.out
    assert "staat in de gegevensrepository" in result.err  # addresses: not for git

    berichten = {p.name: _lees(p.read_bytes()) for p in sorted(folder.glob("*.eml"))}
    assert list(berichten) == [
        "001-ruben-bakker.eml",
        "002-sanne-de-wit.eml",
        "003-jelmer-koops.eml",
        "004-rianne-zwiers.eml",
    ]
    aan = set()
    for msg in berichten.values():
        [adres] = msg["To"].addresses
        aan.add(adres.addr_spec)
        assert ONTVANGERS[adres.addr_spec] == adres.display_name
        [van] = msg["From"].addresses
        assert (van.display_name, van.addr_spec) == (
            "Waterketen Groningen en Noord-Drenthe",
            AFZENDER,
        )
        assert msg["Subject"] == "Nieuwsbrief november 2026"
        assert msg["List-Unsubscribe"] == f"<mailto:{AFZENDER}?subject=afmelden>"
        assert "List-Unsubscribe-Post" not in msg  # that needs an https address
        assert (
            msg["List-Id"] == '"Nieuwsbrief Waterketen Groningen en Noord-Drenthe" '
            "<nieuwsbrief.hunzeenaas.example>"
        )
        assert msg["X-Unsent"] == "1"
        assert msg["Date"] == "Fri, 27 Nov 2026 09:00:00 +0100"
        tekst, html = _delen(msg)
        assert "Nieuwsbrief november 2026" in tekst
        assert "## Besluiten" in tekst
        assert f"met het onderwerp 'afmelden' naar {AFZENDER}" in tekst
        # HTML that mail programs show: every style in the elements, no stylesheet.
        assert "<style" not in html and "<link" not in html
        assert '<h2 style="' in html and '<li style="' in html and '<body style="' in html
        assert 'name="viewport"' in html and "max-width: 600px" in html
        assert "Besluiten</h2>" in html
        assert '<a href="https://waterketen.example/nieuws/"' in html
        # What the author wrote as HTML is text; nothing is loaded from elsewhere.
        assert "<script" not in html and "&lt;script&gt;" in html
        assert "<img" not in html and "elders.example" not in html
        assert re.search(r"\bsrc=", html) is None
    assert aan == set(ONTVANGERS) and AFGEMELD not in aan
    # The same data, the same bytes.
    eerste = {p.name: p.read_bytes() for p in folder.glob("*.eml")}
    assert _nb(capsys, repo, "verstuur", "--overschrijf").code == 0
    assert {p.name: p.read_bytes() for p in folder.glob("*.eml")} == eerste
    again = _nb(capsys, repo, "verstuur")
    assert again.code == 2
    assert "bestaat al" in again.err

    # Files are sent by someone else: the status stays until it is marked.
    assert (repo / CONCEPT).read_bytes() == kop_voor + tekst_voor
    markeer = _nb(capsys, repo, "verstuur", "2026-11", "--markeer-verzonden")
    assert markeer.code == 0, markeer.err
    assert "Nieuwsbrief 2026-11 is verzonden op 27 november 2026" in markeer.out
    kop, tekst = _kop_en_tekst(concept)
    assert tekst == tekst_voor  # the text byte for byte
    assert kop == kop_voor.replace(
        b"status: concept\n", b"status: verzonden\nverzonden_op: 2026-11-27\n"
    )
    assert _fouten(_validate(capsys, repo)) == []
    # Sent: not again, unless asked.
    nogmaals = _nb(capsys, repo, "verstuur", "2026-11")
    assert nogmaals.code == 1
    assert "is al verzonden op 27 november 2026" in nogmaals.err


def test_verstuur_refuses_what_it_cannot_do(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    geen = _nb(capsys, repo, "verstuur")
    assert geen.code == 1
    assert geen.err.startswith("fout: er is geen concept-nieuwsbrief om te versturen\n")
    onbekend = _nb(capsys, repo, "verstuur", "2026-1")
    assert onbekend.code == 2
    assert "onbekende nieuwsbrief '2026-1'" in onbekend.err
    assert "bedoelde u '2026-10'?" in onbekend.err
    commit = _nb(capsys, repo, "verstuur", "2026-10", "--toch", "--commit")
    assert commit.code == 2
    assert "worden nooit gecommit" in commit.err


# --- nieuwsbrief verstuur: SMTP -----------------------------------------------------------


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Postbus:
    def __init__(self) -> None:
        self.berichten: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
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


def test_smtp_sends_each_recipient_once_and_marks_it_sent(
    capsys: pytest.CaptureFixture[str], repo: Path, postbus: Postbus
) -> None:
    assert _nb(capsys, repo, "new").code == 0
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "concept")
    kop_voor, tekst_voor = _kop_en_tekst(repo / CONCEPT)

    droog = _nb(capsys, repo, "verstuur", "--smtp", "--droog")
    assert droog.code == 0, droog.err
    assert "(al verstuurd)" not in droog.out
    assert "+verzonden_op: 2026-11-27" in droog.out  # what the status would become
    assert postbus.berichten == []

    result = _nb(capsys, repo, "verstuur", "--smtp", "--commit")
    assert result.code == 0, result.err
    assert "al verstuurd: 0; nu verstuurd: 4" in result.out
    assert "Verstuurd aan Ruben Bakker <r.bakker@provincie-groningen.example>" in result.out
    assert "Nieuwsbrief 2026-11 is verzonden op 27 november 2026" in result.out
    assert "Gecommit:" in result.out
    assert not (repo / "nieuwsbrief-2026-11").exists()
    assert postbus.per_adres() == dict.fromkeys(ONTVANGERS, 1)
    ids = set()
    for afzender, aan, raw in postbus.berichten:
        assert afzender == AFZENDER
        msg = _lees(raw)
        [adres] = msg["To"].addresses
        assert [adres.addr_spec] == aan
        assert "X-Unsent" not in msg
        assert msg["List-Unsubscribe"] == f"<mailto:{AFZENDER}?subject=afmelden>"
        _delen(msg)
        ids.add(msg["Message-ID"])
    assert len(ids) == 4

    # The header says it was sent, the text is as it was, and it is committed.
    kop, tekst = _kop_en_tekst(repo / CONCEPT)
    assert tekst == tekst_voor
    assert kop == kop_voor.replace(
        b"status: concept\n", b"status: verzonden\nverzonden_op: 2026-11-27\n"
    )
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True
    )
    assert CONCEPT not in status.stdout
    assert _fouten(_validate(capsys, repo)) == []

    # A second run sends nothing: the newsletter is sent, and the log has everyone.
    again = _nb(capsys, repo, "verstuur", "2026-11", "--smtp", "--toch")
    assert again.code == 0, again.err
    assert "al verstuurd: 4; nu verstuurd: 0" in again.out
    assert len(postbus.berichten) == 4
    # Someone new on the list gets it; the others do not get it twice.
    (repo / "data" / "verzendlijst" / "nieuw-lid.yaml").write_text(
        "id: nieuw-lid\nnaam: Nieuw Lid\nemail: nieuw@elders.example\n"
        "toestemming:\n  datum: 2026-11-27\n  wijze: aanmeldformulier\n",
        encoding="utf-8",
    )
    later = _nb(capsys, repo, "verstuur", "2026-11", "--smtp", "--toch")
    assert later.code == 0, later.err
    assert "al verstuurd: 4; nu verstuurd: 1" in later.out
    assert postbus.per_adres() == {**dict.fromkeys(ONTVANGERS, 1), "nieuw@elders.example": 1}


def test_smtp_leaves_the_status_when_an_address_is_refused(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    postbus: Postbus,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Weigert(Postbus):
        async def handle_RCPT(
            self, server: Any, session: Any, envelope: Any, address: str, options: Any
        ) -> str:
            if address.startswith("s.dewit@"):
                return "550 5.1.1 onbekende ontvanger"
            envelope.rcpt_tos.append(address)
            return "250 OK"

    bus = Weigert()
    poort = _vrije_poort()
    controller = Controller(bus, hostname="127.0.0.1", port=poort)
    controller.start()
    monkeypatch.setenv("WATERKETEN_SMTP_PORT", str(poort))
    try:
        assert _nb(capsys, repo, "new").code == 0
        result = _nb(capsys, repo, "verstuur", "--smtp")
        assert result.code == 1
        assert "al verstuurd: 0; nu verstuurd: 3" in result.out
        assert "De status blijft 'concept'" in result.out
        assert "niet verstuurd: Sanne de Wit: de SMTP-server weigert het adres" in result.err
        assert "data/verzendlijst/de-wit-sanne.yaml" in result.err
        assert "status: concept\n" in (repo / CONCEPT).read_text(encoding="utf-8")
    finally:
        controller.stop()
