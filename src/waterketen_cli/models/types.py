"""Value types shared by the record models: dates, times, amounts, vocabularies."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from waterketen_cli.models.base import BESLUITNUMMER_PATTERN

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


_DATUM = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_only(value: Any) -> Any:
    # YAML dates arrive as text (the loader does not resolve timestamps), so that an
    # impossible date gets a message with a position instead of a bare ValueError.
    if type(value) is str and _DATUM.fullmatch(value):  # the usual case, first
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("datum_bestaat_niet", "deze datum bestaat niet") from None
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("datum_formaat", "geen datum maar een tijdstip")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("datum_formaat", "geen datum")
    if not _DATUM.fullmatch(value):
        raise PydanticCustomError("datum_formaat", "geen datum")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("datum_bestaat_niet", "deze datum bestaat niet") from None


def _time_only(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and _TIME.match(value):
        return dt.time.fromisoformat(value)
    raise PydanticCustomError("tijd_formaat", "geen tijd")


#: The largest amount and the largest magnitude of a measurement: a trillion
#: (10^12). No budget, contribution or indicator of a water-chain cooperation comes
#: near it (the whole Dutch national budget is about half of it), so a larger figure
#: is a typo or an exponent (``1e308``), not data. The bound also keeps every figure
#: exact and the arithmetic safe:
#:
#: - YAML reads 1250.50 as a binary float; up to 10^12 an amount in cents has at most
#:   15 significant digits, which a float holds exactly, so the amount that counts is
#:   the one written (at 10^14, 82261615611686.07 would silently become .06);
#: - sums of even a million amounts stay within the 28 digits of Python's default
#:   decimal context, and a measurement's differences, medians and rounding in
#:   ``monitor`` never leave it (1e308 made ``quantize`` fail there).
GRENS = 10**12


def _amount(value: Any) -> Any:
    # Checked here rather than with Field(ge=0, decimal_places=2): pydantic checks
    # decimal places in Python, several times slower than this.
    if type(value) is int and 0 <= value <= GRENS:  # the usual case: whole euros
        return Decimal(value)
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise PydanticCustomError("bedrag_formaat", "geen bedrag")
    # From the number itself, not its text: a huge integer has no text (Python
    # refuses to write more than 4300 digits), and str(float) is the shortest decimal
    # that reads back as that float, so 0.1 is 0.1 and not the binary fraction.
    amount = Decimal(value) if isinstance(value, (int, Decimal)) else Decimal(str(value))
    if amount.is_nan():
        raise PydanticCustomError("bedrag_geen_getal", "geen getal (NaN)")
    if amount.is_infinite():
        raise PydanticCustomError("bedrag_oneindig", "oneindig")
    if amount > GRENS:
        raise PydanticCustomError("bedrag_te_groot", "groter dan {grens}", {"grens": GRENS})
    if amount < 0:
        raise PydanticCustomError("bedrag_negatief", "een bedrag is niet negatief")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise PydanticCustomError("bedrag_centen", "hoogstens twee decimalen")
    return amount + 0  # -0.0 becomes 0.0: no "€ -0,00" in a document


Datum = Annotated[
    dt.date,
    BeforeValidator(_date_only),
    Field(description="Een datum als JJJJ-MM-DD, bijv. 2026-04-14."),
]
Tijd = Annotated[
    dt.time,
    BeforeValidator(_time_only),
    WithJsonSchema({"type": "string", "pattern": _TIME.pattern}),
    Field(description="Een tijd als UU:MM tussen aanhalingstekens, bijv. '13:30'."),
]
Bedrag = Annotated[
    Decimal,
    BeforeValidator(_amount),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": GRENS, "multipleOf": 0.01}),
    Field(description="Een bedrag in euro's, bijv. 125000 of 1250.50."),
]

# Numbers and yes/no are strict: YAML gives them their own types, so `true` where a
# number is meant, a number where true/false is meant, or a number between quotes is a
# mistake to report, not a value to convert (pydantic's lax mode makes `true` 1 and
# "yes" True). Only these fields are strict: enums still come from YAML as text.
JaNee = Annotated[bool, Strict()]
Geheel = Annotated[int, Strict()]
Getal = Annotated[
    float,
    Strict(),  # an integer is still a number; a bool or a text is not
    Field(allow_inf_nan=False, ge=-GRENS, le=GRENS),
]
Minuten = Annotated[Geheel, Field(ge=1, le=600, description="Duur in minuten.")]
Jaar = Annotated[Geheel, Field(ge=1990, le=2100, description="Een jaartal, bijv. 2026.")]
Telefoon = Annotated[
    str,
    Field(
        pattern=r"^\+?[0-9 ()-]{6,20}$",
        description="Een telefoonnummer tussen aanhalingstekens, bijv. '050 123 45 67'.",
    ),
]
Email = Annotated[
    str,
    Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", description="Een e-mailadres."),
]
Besluitnummer = Annotated[
    str,
    Field(
        pattern=BESLUITNUMMER_PATTERN,
        description="Een besluitnummer: B-<vergadering>-<volgnummer>, bijv. "
        "B-cco-2026-12-15-1 (oudere nummers als B-2026-014 blijven geldig).",
    ),
]


def _tot(value: Any) -> Any:
    """The end of a confidentiality: a date, or the number of the decision that lifts it."""
    if isinstance(value, str) and re.fullmatch(BESLUITNUMMER_PATTERN, value):
        return value
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("vertrouwelijk_tot", "geen datum en geen besluitnummer")
    return _date_only(value)


VertrouwelijkTot = Annotated[
    dt.date | str,
    BeforeValidator(_tot),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": BESLUITNUMMER_PATTERN},
            ]
        }
    ),
    Field(
        description="Tot wanneer het vertrouwelijk is: een datum (JJJJ-MM-DD), of het nummer "
        "van het besluit dat de geheimhouding opheft (zodra dat besluit is vastgelegd, is "
        "het openbaar)."
    ),
]


class BeslotenPunten(StrEnum):
    """How a public agenda shows a confidential item."""

    TONEN = "als besloten punt"
    WEGLATEN = "weglaten"


class Gebied(StrEnum):
    """The 3K's of the Bestuursakkoord Water, sustainability and climate adaptation."""

    KOSTEN = "kosten"
    KWALITEIT = "kwaliteit"
    KWETSBAARHEID = "kwetsbaarheid"
    DUURZAAMHEID = "duurzaamheid"
    KLIMAATADAPTATIE = "klimaatadaptatie"


class Richting(StrEnum):
    HOGER_IS_BETER = "hoger is beter"
    LAGER_IS_BETER = "lager is beter"


class Waardesoort(StrEnum):
    GETAL = "getal"
    JA_NEE = "ja/nee"


class Organisatiesoort(StrEnum):
    GEMEENTE = "gemeente"
    WATERSCHAP = "waterschap"
    WATERBEDRIJF = "waterbedrijf"
    PROVINCIE = "provincie"
    OVERIG = "overig"


class Overlegsoort(StrEnum):
    STUURGROEP = "stuurgroep"
    CLUSTERCOORDINATORENOVERLEG = "clustercoordinatorenoverleg"
    WATERTEAM = "waterteam"
    THEMABIJEENKOMST = "themabijeenkomst"
    MANAGEMENTOVERLEG = "managementoverleg"


class Rol(StrEnum):
    """What someone does in a body; chair and secretary are named on the body itself."""

    CLUSTERCOORDINATOR = "clustercoordinator"
    WATERREGISSEUR = "waterregisseur"
    COMMUNICATIEADVISEUR = "communicatieadviseur"
    NOTULIST = "notulist"
    BESTUURDER = "bestuurder"
    VOORZITTER_CCO = "voorzitter clustercoordinatorenoverleg"
    MANAGER = "manager"
    ADVISEUR = "adviseur"
    LID = "lid"


class Behandelvorm(StrEnum):
    BESLUITVORMING = "ter besluitvorming"
    BESPREKING = "ter bespreking"
    INFORMATIE = "ter informatie"
    KENNISNAME = "ter kennisname"
    HAMERSTUK = "hamerstuk"


class VastPunt(StrEnum):
    """The standing agenda items, in the Dutch order of a meeting."""

    OPENING = "opening"
    VERSLAG = "verslag"
    INGEKOMEN_STUKKEN = "ingekomen stukken"
    MEDEDELINGEN = "mededelingen"
    ACTIVITEITENOVERZICHT = "activiteitenoverzicht"
    COMMUNICATIE = "communicatie"
    RONDVRAAG = "rondvraag"
    SLUITING = "sluiting"


class Vergaderstatus(StrEnum):
    CONCEPT = "concept"
    UITGENODIGD = "uitgenodigd"
    GEHOUDEN = "gehouden"
    VERSLAG_VASTGESTELD = "verslag vastgesteld"
    GEANNULEERD = "geannuleerd"


class Afhandeling(StrEnum):
    BEHANDELD = "behandeld"
    AANGEHOUDEN = "aangehouden"


class Uitkomst(StrEnum):
    """What became of a proposed decision (a beslispunt)."""

    AANGENOMEN = "aangenomen"
    GEWIJZIGD = "gewijzigd aangenomen"
    VERWORPEN = "niet aangenomen"


class Doelgroep(StrEnum):
    """Who a themabijeenkomst is for."""

    BESTUURDERS = "bestuurders"
    MANAGERS = "managers"
    WATERPROFESSIONALS = "waterprofessionals"


class Activiteitstatus(StrEnum):
    IDEE = "idee"
    GEPLAND = "gepland"
    LOPEND = "lopend"
    AFGEROND = "afgerond"
    GESTOPT = "gestopt"


class Projectstatus(StrEnum):
    IDEE = "idee"
    VOORSTEL = "voorstel"
    GOEDGEKEURD = "goedgekeurd"
    LOPEND = "lopend"
    AFGEROND = "afgerond"
    GESTOPT = "gestopt"


class Financieringsstatus(StrEnum):
    AANGEVRAAGD = "aangevraagd"
    TOEGEZEGD = "toegezegd"


class Grondslag(StrEnum):
    """How a verdeelsleutel divides a group's share among its partners."""

    INWONERS = "inwoners"  # by the organisation's number of inhabitants
    AANSLUITINGEN = "aansluitingen"  # by its number of (drinking-water) connections
    GELIJK = "gelijk"  # in equal parts


class Voorstelstatus(StrEnum):
    INGEDIEND = "ingediend"
    GEAGENDEERD = "geagendeerd"
    INGETROKKEN = "ingetrokken"


class Toestemmingswijze(StrEnum):
    """How someone gave consent to receive the newsletter (AVG: it must be shown)."""

    AANMELDFORMULIER = "aanmeldformulier"
    EMAIL = "e-mail"
    BIJEENKOMST = "bijeenkomst"  # signed up on a list at a meeting
    SCHRIFTELIJK = "schriftelijk"
    MONDELING = "mondeling"


class Actiestatus(StrEnum):
    OPEN = "open"
    AFGEROND = "afgerond"
    VERVALLEN = "vervallen"


# --- het vergaderritme (agenda plan) -----------------------------------------------------


class Weekdag(StrEnum):
    """A day of the week, as Dutch writes it (``dt.date.weekday()`` order)."""

    MAANDAG = "maandag"
    DINSDAG = "dinsdag"
    WOENSDAG = "woensdag"
    DONDERDAG = "donderdag"
    VRIJDAG = "vrijdag"
    ZATERDAG = "zaterdag"
    ZONDAG = "zondag"

    @property
    def nummer(self) -> int:
        """0 for maandag, as ``dt.date.weekday()`` counts."""
        return list(Weekdag).index(self)


class Ritmeeenheid(StrEnum):
    """What a meeting rhythm counts in."""

    WEKEN = "weken"
    MAANDEN = "maanden"


class Weekvandemaand(StrEnum):
    """Which of a month's weekdays: "de tweede dinsdag van de maand"."""

    EERSTE = "eerste"
    TWEEDE = "tweede"
    DERDE = "derde"
    VIERDE = "vierde"
    LAATSTE = "laatste"


class Verschuiving(StrEnum):
    """What happens to a planned date on a public holiday or in a school holiday."""

    WEEK_LATER = "een week later"
    OVERSLAAN = "overslaan"


class Schoolregio(StrEnum):
    """The school-holiday regions of the Netherlands (Groningen and Drenthe: noord)."""

    NOORD = "noord"
    MIDDEN = "midden"
    ZUID = "zuid"
