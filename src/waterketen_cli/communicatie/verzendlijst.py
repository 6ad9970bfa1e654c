"""Who gets the newsletter: the mailing list (``data/verzendlijst/<id>.yaml``, one
:class:`~waterketen_cli.models.records.Abonnee` per file), never published.

Everyone on it whose consent is recorded (``toestemming``, on or before the day) and
who has not unsubscribed (``afgemeld``), each address once (upper and lower case
alike). Whoever is left out is counted by reason, so that the command can say it;
an address no mail server takes is named with what to fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from waterketen_cli.models.records import Abonnee
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.verzenden import Ontbrekend, adres

#: The kinds ``nieuwsbrief verstuur`` loads: the list, and who sends.
SOORTEN = ("abonnee", "regio", "overleg", "persoon", "organisatie")


@dataclass(frozen=True)
class Ontvanger:
    abonnee: str  # the record's id
    naam: str
    email: str


@dataclass
class Verzendlijst:
    ontvangers: list[Ontvanger] = field(default_factory=list)
    zonder_toestemming: list[str] = field(default_factory=list)  # record ids
    afgemeld: list[str] = field(default_factory=list)
    dubbel: list[str] = field(default_factory=list)
    ontbrekend: list[Ontbrekend] = field(default_factory=list)  # an address no server takes


def verzendlijst(gegevens: Gegevens, vandaag: dt.date) -> Verzendlijst:
    """The recipients on ``vandaag``, in the order of the files (see the module
    docstring)."""
    result = Verzendlijst()
    gezien: set[str] = set()
    for abonnee in gegevens.of(Abonnee):
        if abonnee.toestemming is None or abonnee.toestemming.datum > vandaag:
            result.zonder_toestemming.append(abonnee.id)
            continue
        if abonnee.afgemeld is not None:
            result.afgemeld.append(abonnee.id)
            continue
        sleutel = abonnee.email.lower()
        if sleutel in gezien:
            result.dubbel.append(abonnee.id)
            continue
        gezien.add(sleutel)
        if adres(abonnee.naam, abonnee.email) is None:
            result.ontbrekend.append(
                Ontbrekend(
                    abonnee.naam,
                    f"ongeldig e-mailadres ({abonnee.email})",
                    f"verbeter 'email:' in data/verzendlijst/{abonnee.id}.yaml",
                )
            )
            continue
        result.ontvangers.append(Ontvanger(abonnee.id, abonnee.naam, abonnee.email))
    return result
