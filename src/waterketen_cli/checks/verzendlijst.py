"""Checks on the newsletter's mailing list (``data/verzendlijst/``, one file per
subscriber): no address without recorded consent, no address twice.

- ``toestemming`` (fout, per record): the consent (``toestemming``: when and how) is
  recorded; an unsubscription (``afgemeld``) does not come before the consent;
- ``verzendlijst`` (fout, across records): each address once (upper and lower case
  alike: mail servers treat them so), and no consent or unsubscription after today.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from waterketen_cli.checks.facts import Index
from waterketen_cli.checks.registry import Bevinding, Melding, cross_check, record_check
from waterketen_cli.findings import Ernst, Pad
from waterketen_cli.models.records import Abonnee

#: The dates of a subscriber that cannot lie ahead: (fact, path of the field).
_DATUMS: tuple[tuple[Literal["toestemming", "afgemeld"], Pad], ...] = (
    ("toestemming", ("toestemming", "datum")),
    ("afgemeld", ("afgemeld",)),
)


@record_check(
    "toestemming",
    Ernst.FOUT,
    "elk adres op de verzendlijst heeft vastgelegde toestemming (datum en hoe)",
    Abonnee,
)
def check_toestemming(abonnee: Abonnee) -> Iterator[Bevinding]:
    if abonnee.toestemming is None:
        yield Bevinding(
            ("email",),
            f"geen toestemming vastgelegd voor {abonnee.email}: dit adres krijgt geen nieuwsbrief",
            "zet 'toestemming:' met 'datum:' en 'wijze:' (aanmeldformulier, e-mail, "
            "bijeenkomst, schriftelijk of mondeling), of verwijder het bestand",
        )
    elif abonnee.afgemeld is not None and abonnee.afgemeld < abonnee.toestemming.datum:
        yield Bevinding(
            ("afgemeld",),
            "afgemeld vóór de datum van de toestemming",
            "klopt een van de datums niet? een nieuwe aanmelding na een afmelding: haal "
            "'afgemeld' weg",
        )


@cross_check(
    "verzendlijst",
    Ernst.FOUT,
    "elk adres staat één keer op de verzendlijst; toestemming en afmelding liggen niet in "
    "de toekomst",
)
def check_verzendlijst(index: Index) -> Iterator[Melding]:
    vandaag = index.vandaag.isoformat()
    eerste: dict[str, str] = {}
    for rec in sorted(index.of(Abonnee), key=lambda r: r.bestand):
        adres = rec.feiten["email"]
        if adres in eerste:
            yield Melding(
                rec.bestand,
                ("email",),
                f"het adres {adres} staat ook in {eerste[adres]}",
                "één bestand per adres: voeg ze samen (met de oudste toestemming) en "
                "verwijder het andere",
            )
        else:
            eerste[adres] = rec.bestand
        for veld, pad in _DATUMS:
            datum = rec.feiten[veld]
            if datum is not None and datum > vandaag:
                yield Melding(
                    rec.bestand,
                    pad,
                    f"{veld}: de datum ligt in de toekomst",
                    "schrijf de datum waarop het gebeurde (JJJJ-MM-DD)",
                )
