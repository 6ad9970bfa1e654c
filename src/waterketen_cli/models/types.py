"""Value types shared by the record models: dates, times, amounts, vocabularies."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _date_only(value: Any) -> Any:
    # YAML dates arrive as text (the loader does not resolve timestamps), so that an
    # impossible date gets a message with a position instead of a bare ValueError.
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("datum_formaat", "geen datum maar een tijdstip")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("datum_formaat", "geen datum")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
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


def _amount(value: Any) -> Any:
    # Checked here rather than with Field(ge=0, decimal_places=2): pydantic checks
    # decimal places in Python, several times slower than this.
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise PydanticCustomError("bedrag_formaat", "geen bedrag")
    amount = Decimal(str(value))
    if amount < 0:
        raise PydanticCustomError("bedrag_negatief", "een bedrag is niet negatief")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise PydanticCustomError("bedrag_centen", "hoogstens twee decimalen")
    return amount


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
    WithJsonSchema({"type": "number", "minimum": 0, "multipleOf": 0.01}),
    Field(description="Een bedrag in euro's, bijv. 125000 of 1250.50."),
]
Minuten = Annotated[int, Field(ge=1, le=600, description="Duur in minuten.")]
Jaar = Annotated[int, Field(ge=1990, le=2100, description="Een jaartal, bijv. 2026.")]
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
#: Decisions are numbered per meeting, B-<vergadering>-<n>, so that two branches that
#: each process minutes never take the same number. Numbers of the older register
#: (B-2026-014: per year) stay valid.
BESLUITNUMMER_PATTERN = r"^B-(?:\d{4}-\d{3}|[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}-\d{2}-\d{2}-\d+)$"
Besluitnummer = Annotated[
    str,
    Field(
        pattern=BESLUITNUMMER_PATTERN,
        description="Een besluitnummer: B-<vergadering>-<volgnummer>, bijv. "
        "B-cco-2026-12-15-1 (oudere nummers als B-2026-014 blijven geldig).",
    ),
]


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


class Voorstelstatus(StrEnum):
    INGEDIEND = "ingediend"
    GEAGENDEERD = "geagendeerd"
    INGETROKKEN = "ingetrokken"


class Actiestatus(StrEnum):
    OPEN = "open"
    AFGEROND = "afgerond"
    VERVALLEN = "vervallen"
