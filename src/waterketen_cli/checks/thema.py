"""Checks of a themabijeenkomst's own record: its programme and its registrations.

They look at one meeting record only, so their findings are cached with the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from waterketen_cli import dutch
from waterketen_cli.checks.registry import Bevinding, record_check
from waterketen_cli.findings import Ernst
from waterketen_cli.models.records import Vergadering


@record_check(
    "programma",
    Ernst.FOUT,
    "de blokken van een programma staan op volgorde van begintijd, binnen de tijd van "
    "de bijeenkomst",
    Vergadering,
)
def check_programma(v: Vergadering) -> Iterator[Bevinding]:
    # Each block ends where the next begins and the last at the end of the meeting:
    # out of order or outside the meeting, the documents would show wrong times.
    vorige = None
    for i, onderdeel in enumerate(v.programma):
        begin = dutch.tijd(onderdeel.begin)
        if onderdeel.begin < v.begintijd:
            yield Bevinding(
                ("programma", i, "begin"),
                f"'{onderdeel.titel}' begint om {begin}, vóór de bijeenkomst "
                f"({dutch.tijd(v.begintijd)})",
                "vervroeg de begintijd van de bijeenkomst of verschuif het blok",
            )
        elif onderdeel.begin >= v.eindtijd:
            yield Bevinding(
                ("programma", i, "begin"),
                f"'{onderdeel.titel}' begint om {begin}, niet vóór het einde van de "
                f"bijeenkomst ({dutch.tijd(v.eindtijd)})",
                "verleng de bijeenkomst (eindtijd) of verschuif het blok",
            )
        elif vorige is not None and onderdeel.begin <= vorige.begin:
            yield Bevinding(
                ("programma", i, "begin"),
                f"'{onderdeel.titel}' begint om {begin}, niet na het blok ervoor "
                f"('{vorige.titel}', {dutch.tijd(vorige.begin)})",
                "zet de blokken op volgorde van begintijd; elk blok duurt tot het volgende",
            )
        vorige = onderdeel


def _gast(naam: str, organisatie: str) -> tuple[str, str]:
    return (" ".join(naam.casefold().split()), " ".join(organisatie.casefold().split()))


@record_check(
    "aanmeldingen",
    Ernst.WAARSCHUWING,
    "niet meer aanmeldingen dan plaatsen; elke gast één keer aangemeld",
    Vergadering,
)
def check_aanmeldingen(v: Vergadering) -> Iterator[Bevinding]:
    gezien: dict[tuple[str, str] | str, int] = {}
    for i, aanmelding in enumerate(v.aanmeldingen):
        sleutels: list[tuple[str, str] | str] = [_gast(aanmelding.naam, aanmelding.organisatie)]
        if aanmelding.email:
            sleutels.append(aanmelding.email.casefold())
        eerder = next((gezien[k] for k in sleutels if k in gezien), None)
        if eerder is not None:
            yield Bevinding(
                ("aanmeldingen", i),
                f"{aanmelding.naam} ({aanmelding.organisatie}) is al aangemeld "
                f"(aanmelding {eerder + 1})",
                "verwijder de dubbele aanmelding",
            )
        for k in sleutels:
            gezien.setdefault(k, i)
    if v.capaciteit is not None and len(v.aanmeldingen) > v.capaciteit:
        te_veel = len(v.aanmeldingen) - v.capaciteit
        yield Bevinding(
            ("aanmeldingen", v.capaciteit),
            f"{dutch.aantal(len(v.aanmeldingen), 'aanmelding', 'aanmeldingen')} voor "
            f"{dutch.aantal(v.capaciteit, 'plaats', 'plaatsen')}: "
            f"{dutch.aantal(te_veel, 'aanmelding', 'aanmeldingen')} te veel, vanaf deze",
            "verhoog 'capaciteit' als de zaal groter kan, of zet de laatste aanmeldingen op "
            "een wachtlijst (buiten de gegevens)",
        )
