"""Per-record validation against the pydantic models, in the users' language."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from waterketen_cli.findings import Ernst, Finding, Pad, suggest
from waterketen_cli.models import SLUG_PATTERN, Record
from waterketen_cli.models.base import BESLUITNUMMER_PATTERN, slugify
from waterketen_cli.models.introspect import field_names
from waterketen_cli.models.records import LOGO_PATTERN
from waterketen_cli.models.types import GRENS


def _short(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**39:
        # Python refuses to write an integer of more than 4300 digits as text.
        return format(Decimal(value), ".2E")
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _is_nan(value: Any) -> bool:
    if isinstance(value, Decimal):
        return value.is_nan()
    return isinstance(value, float) and math.isnan(value)


def _is_inf(value: Any) -> bool:
    if isinstance(value, Decimal):
        return value.is_infinite()
    return isinstance(value, float) and math.isinf(value)


def _found(value: Any) -> str:
    """What stands in the YAML, for 'moet … zijn, niet …': true, .nan, 1e+308, de
    tekst '12'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if _is_nan(value):
        return ".nan"
    if _is_inf(value):
        return ".inf" if value > 0 else "-.inf"
    if isinstance(value, str):
        return f"de tekst '{_short(value)}'"
    if isinstance(value, dict):
        return "een mapping"
    if isinstance(value, list):
        return "een lijst"
    return _short(value)


def _dutch_number(value: Any) -> str:
    """A bound as people read it: 600, 1.000.000.000.000."""
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return str(value)
    whole = int(value)
    return f"{whole:,}".replace(",", ".") if abs(whole) >= 10**6 else str(whole)


# A number as the YAML 1.2 resolver reads it: text that matches was quoted.
_NUMBER = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
)
_WHOLE = re.compile(r"[-+]?[0-9]+")


def _hint_text_for_number(text: str, *, whole: bool) -> str:
    """Why text is not the number it looks like, and how to write it."""
    stripped = text.strip()
    if (_WHOLE if whole else _NUMBER).fullmatch(stripped):
        return "haal de aanhalingstekens weg"
    compact = re.sub(r"[_\s']", "", stripped)
    if compact != stripped and (_WHOLE if whole else _NUMBER).fullmatch(compact):
        return f"schrijf het getal zonder scheidingstekens: {compact}"
    if not whole and stripped.count(",") == 1 and _NUMBER.fullmatch(stripped.replace(",", ".")):
        return f"schrijf het getal met een punt als decimaalteken: {stripped.replace(',', '.')}"
    if whole:
        return "schrijf een geheel getal in cijfers, zonder aanhalingstekens"
    return "schrijf een getal in cijfers, met een punt als decimaalteken"


def _hint_whole(value: Any) -> str:
    if isinstance(value, bool):
        return "true en false betekenen ja en nee; schrijf hier een geheel getal"
    if isinstance(value, str):
        return _hint_text_for_number(value, whole=True)
    if isinstance(value, float) and math.isfinite(value) and abs(value) < 10**15:
        if value.is_integer():
            return f"schrijf {int(value)}, zonder decimalen"
        return "een geheel getal heeft geen decimalen"
    return "schrijf een geheel getal in cijfers"


def _hint_yes_no(value: Any) -> str:
    if isinstance(value, str) and value.strip() in ("true", "false", "True", "False"):
        return "haal de aanhalingstekens weg"
    return "schrijf true (ja) of false (nee), zonder aanhalingstekens"


def _hint_number_or_yes_no(value: Any) -> str:
    if isinstance(value, str):
        if value.strip() in ("true", "false", "True", "False"):
            return "haal de aanhalingstekens weg"
        hint = _hint_text_for_number(value, whole=False)
        if not hint.startswith("schrijf een getal in cijfers"):
            return hint
    return "schrijf een getal in cijfers, of true/false bij een ja/nee-indicator"


def _bound(kind: str, bound: Any, value: Any) -> tuple[str, str | None]:
    """minstens/hoogstens; the bound of every number (GRENS) with a hint of its own."""
    found = _found(value)
    if kind == "greater_than_equal":
        message = f"moet minstens {_dutch_number(bound)} zijn, niet {found}"
    else:
        message = f"mag hoogstens {_dutch_number(bound)} zijn, niet {found}"
    if bound in (GRENS, -GRENS):
        return message, "controleer het getal: het aantal nullen, of een e (exponent) erin"
    return message, None


def _finite(value: Any) -> tuple[str, str | None]:
    if _is_nan(value):
        return (
            f"is geen getal ({_found(value)})",
            "vul het getal in; is het niet bekend, laat de meting dan weg",
        )
    return f"is oneindig ({_found(value)})", "vul een eindig getal in"


def _data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[Pad, Any]:
    """Follow pydantic's ``loc`` through the data, dropping union member tags."""
    path: list[str | int] = []
    current = data
    for i, step in enumerate(loc):
        in_dict = isinstance(current, dict) and step in current
        in_list = isinstance(current, list) and isinstance(step, int) and step < len(current)
        if in_dict or in_list:
            current = current[step]
            path.append(step)
        elif i == len(loc) - 1 and isinstance(current, dict):
            path.append(step)  # a missing field
            current = None
        # else: a tag such as 'bool' or 'function-before[...]', not in the data
    return tuple(path), current


_PATTERNS: dict[str, tuple[str, Callable[[str], str | None]]] = {
    SLUG_PATTERN: (
        "is geen geldige id: alleen kleine letters, cijfers en koppeltekens",
        lambda v: f"bijvoorbeeld '{slugify(v)}'" if slugify(v) else None,
    ),
    BESLUITNUMMER_PATTERN: (
        "is geen besluitnummer",
        lambda v: "schrijf B-<vergadering>-<volgnummer>, bijv. B-cco-2026-12-15-1",
    ),
    LOGO_PATTERN: (
        "is geen pad van een PNG- of JPEG-bestand in de repository",
        lambda v: (
            "schrijf het pad vanaf de map die data/ bevat, met / tussen mappen, bijv. "
            "templates/logo.png"
        ),
    ),
}


def _message(
    err: ErrorDetails, model: type[Record], path: Pad, value: Any
) -> tuple[str, str | None]:
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    given = err.get("input")
    shown = _found(given) if isinstance(given, bool) else _short(given)
    if err.get("input", 0) is None and kind != "missing":
        return "is leeg", "vul een waarde in, of laat het veld weg als het niet verplicht is"
    found = _found(given)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"moet een geheel getal zijn, niet {found}", _hint_whole(given)
    if kind in ("bool_type", "bool_parsing"):
        return f"moet true of false zijn, niet {found}", _hint_yes_no(given)
    if kind in ("float_type", "float_parsing"):
        if isinstance(given, int) and not isinstance(given, bool):  # beyond any float
            if given < 0:
                return _bound("greater_than_equal", -GRENS, given)
            return _bound("less_than_equal", GRENS, given)
        if isinstance(given, str):
            return f"moet een getal zijn, niet {found}", _hint_text_for_number(given, whole=False)
        return f"moet een getal zijn, niet {found}", "schrijf een getal in cijfers"
    if kind == "finite_number":
        return _finite(given)
    if kind in ("greater_than_equal", "less_than_equal"):
        return _bound(kind, ctx.get("ge", ctx.get("le")), given)
    if kind == "bedrag_formaat" and isinstance(given, str):
        tip = _hint_text_for_number(given, whole=False)
        if tip == "haal de aanhalingstekens weg":
            return f"'{shown}' is geen bedrag maar tekst", tip
        if not tip.startswith("schrijf een getal in cijfers"):
            return f"'{shown}' is geen bedrag", tip
    if kind == "missing":
        return "verplicht veld ontbreekt", f"voeg '{path[-1]}:' toe"
    if kind == "extra_forbidden":
        fields = field_names(model, path[:-1])
        hint = suggest(str(path[-1]), fields)
        return f"onbekend veld '{path[-1]}'", hint or "toegestaan: " + ", ".join(fields)
    if kind == "enum":
        options: list[str] = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        suggestion = suggest(str(err.get("input")), options)
        allowed = "kies uit: " + ", ".join(options)
        return f"ongeldige waarde '{shown}'", f"{suggestion} ({allowed})" if suggestion else allowed
    if kind == "string_pattern_mismatch":
        known = _PATTERNS.get(str(ctx.get("pattern")))
        if known is None:
            return f"'{shown}' heeft niet de juiste vorm", None
        return f"'{shown}' {known[0]}", known[1](str(err.get("input")))
    simple: dict[str, tuple[str, str | None]] = {
        "string_type": ("moet tekst zijn", "zet de waarde tussen aanhalingstekens"),
        "string_too_short": ("mag niet leeg zijn", "vul een waarde in of laat het veld weg"),
        "string_too_long": (f"is te lang (hoogstens {ctx.get('max_length')} tekens)", None),
        "list_type": ("moet een lijst zijn", "begin elk element op een eigen regel met '- '"),
        "too_short": (
            f"moet minstens {ctx.get('min_length')} element(en) bevatten",
            "vul de lijst aan",
        ),
        "model_type": ("moet een mapping (velden met waarden) zijn", None),
        "dict_type": ("moet een mapping (velden met waarden) zijn", None),
        "datum_formaat": (f"'{shown}' is geen datum", "schrijf JJJJ-MM-DD, bijv. 2026-04-14"),
        "vertrouwelijk_tot": (
            f"'{shown}' is geen datum en geen besluitnummer",
            "schrijf de datum waarop het openbaar wordt (JJJJ-MM-DD), of het nummer van het "
            "besluit dat de geheimhouding opheft (bijv. B-cco-2026-12-15-1)",
        ),
        "datum_bestaat_niet": (f"datum '{shown}' bestaat niet", "controleer dag en maand"),
        "tijd_formaat": (
            f"'{shown}' is geen tijd",
            "schrijf UU:MM tussen aanhalingstekens, bijv. '13:30'",
        ),
        "bedrag_formaat": (
            f"'{shown}' is geen bedrag",
            "schrijf een getal zonder €-teken of duizendtallen, bijv. 1250.50",
        ),
        "regeleinde": (
            "mag geen regeleinde bevatten",
            "zet de tekst op één regel; een lange tekst mag in YAML na '>-' over meer regels "
            "doorlopen, zonder lege regel ertussen",
        ),
        "stuurteken": (
            f"bevat een stuurteken ({ctx.get('teken')})",
            "vervang de tab door een spatie"
            if ctx.get("teken") == "U+0009"
            else "haal het onzichtbare teken weg (het komt vaak mee bij kopiëren en plakken)",
        ),
        "bedrag_negatief": ("een bedrag kan niet negatief zijn", None),
        "bedrag_geen_getal": (
            f"is geen getal ({found})",
            "schrijf het bedrag in euro's, bijv. 1250.50",
        ),
        "bedrag_oneindig": (
            f"is oneindig ({found})",
            "schrijf het bedrag in euro's, bijv. 1250.50",
        ),
        "bedrag_te_groot": (
            f"bedrag {found} is te groot (hoogstens {_dutch_number(GRENS)} euro)",
            "controleer het bedrag: het aantal nullen, of een e (exponent) erin",
        ),
        "bedrag_centen": ("heeft te veel decimalen (hoogstens 2)", "rond af op centen"),
        "decimal_whole_digits": ("is te groot", None),
    }
    if kind in simple:
        return simple[kind]
    return f"ongeldige waarde '{shown}'", None


_TYPE_ERRORS = frozenset(
    {"bool_type", "bool_parsing", "int_type", "int_parsing", "float_type", "float_parsing"}
)


def _union_message(
    errs: list[ErrorDetails], model: type[Record], path: Pad, value: Any
) -> tuple[str, str | None]:
    """Several members of a union (a measurement: true/false or a number) failed at one
    place. A number that is out of bounds or not finite gets the number's own message;
    anything else is neither."""
    if value is None:
        return _message(errs[0], model, path, value)  # "is leeg"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        for err in errs:
            if not err["type"].startswith("bool_"):
                return _message(err, model, path, value)
    if all(err["type"] in _TYPE_ERRORS for err in errs):
        return (
            f"moet een getal of ja/nee (true/false) zijn, niet {_found(value)}",
            _hint_number_or_yes_no(value),
        )
    return _message(errs[0], model, path, value)


def validate_record(
    model: type[Record], data: dict[str, Any], bestand: str
) -> tuple[Record | None, list[Finding]]:
    """Validate one record. Findings carry a path; their lines are filled in later."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        per_path: dict[Pad, tuple[Any, list[ErrorDetails]]] = {}
        for err in error.errors(include_url=False):
            path, value = _data_path(data, tuple(err["loc"]))
            per_path.setdefault(path, (value, []))[1].append(err)
        findings = []
        for path, (value, errs) in per_path.items():
            if len(errs) == 1:
                message, hint = _message(errs[0], model, path, value)
            else:
                message, hint = _union_message(errs, model, path, value)
            findings.append(
                Finding(
                    bestand,
                    0,
                    0,
                    "schema",
                    Ernst.FOUT,
                    message,
                    path,
                    hint,
                    op_sleutel=errs[0]["type"] == "extra_forbidden",
                )
            )
        return None, findings
