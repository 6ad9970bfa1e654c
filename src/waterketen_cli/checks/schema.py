"""Per-record validation against the pydantic models, in the users' language."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from waterketen_cli.checks.findings import Ernst, Finding, Pad, suggest
from waterketen_cli.models import SLUG_PATTERN, Record
from waterketen_cli.models.base import slugify
from waterketen_cli.models.introspect import field_names
from waterketen_cli.models.types import BESLUITNUMMER_PATTERN


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


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
}


def _message(
    err: ErrorDetails, model: type[Record], path: Pad, value: Any
) -> tuple[str, str | None]:
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    shown = _short(err.get("input"))
    if err.get("input", 0) is None and kind != "missing":
        return "is leeg", "vul een waarde in, of laat het veld weg als het niet verplicht is"
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
        "bool_type": ("moet true of false zijn", None),
        "bool_parsing": ("moet true of false zijn", None),
        "int_type": ("moet een geheel getal zijn", None),
        "int_parsing": ("moet een geheel getal zijn", None),
        "int_from_float": ("moet een geheel getal zijn", None),
        "float_type": ("moet een getal zijn", "schrijf het getal met een punt als decimaalteken"),
        "float_parsing": (
            "moet een getal zijn",
            "schrijf het getal met een punt als decimaalteken",
        ),
        "greater_than_equal": (f"moet minstens {ctx.get('ge')} zijn", None),
        "less_than_equal": (f"mag hoogstens {ctx.get('le')} zijn", None),
        "list_type": ("moet een lijst zijn", "begin elk element op een eigen regel met '- '"),
        "too_short": (
            f"moet minstens {ctx.get('min_length')} element(en) bevatten",
            "vul de lijst aan",
        ),
        "model_type": ("moet een mapping (velden met waarden) zijn", None),
        "dict_type": ("moet een mapping (velden met waarden) zijn", None),
        "datum_formaat": (f"'{shown}' is geen datum", "schrijf JJJJ-MM-DD, bijv. 2026-04-14"),
        "datum_bestaat_niet": (f"datum '{shown}' bestaat niet", "controleer dag en maand"),
        "tijd_formaat": (
            f"'{shown}' is geen tijd",
            "schrijf UU:MM tussen aanhalingstekens, bijv. '13:30'",
        ),
        "bedrag_formaat": (
            f"'{shown}' is geen bedrag",
            "schrijf een getal zonder €-teken of duizendtallen, bijv. 1250.50",
        ),
        "bedrag_negatief": ("een bedrag kan niet negatief zijn", None),
        "bedrag_centen": ("heeft te veel decimalen (hoogstens 2)", "rond af op centen"),
        "decimal_whole_digits": ("is te groot", None),
    }
    if kind in simple:
        return simple[kind]
    return f"ongeldige waarde '{shown}'", None


_UNION_MESSAGE = ("moet een getal of ja/nee (true/false) zijn", None)


def validate_record(
    model: type[Record], data: dict[str, Any], bestand: str
) -> tuple[Record | None, list[Finding]]:
    """Validate one record. Findings carry a path; their lines are filled in later."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        findings: dict[Pad, Finding] = {}
        for err in error.errors(include_url=False):
            path, value = _data_path(data, tuple(err["loc"]))
            message, hint = _message(err, model, path, value)
            if path in findings:  # several union members failed at the same place
                if "getal" in findings[path].bericht or "true" in findings[path].bericht:
                    message, hint = _UNION_MESSAGE
                else:
                    continue
            findings[path] = Finding(
                bestand,
                0,
                0,
                "schema",
                Ernst.FOUT,
                message,
                path,
                hint,
                op_sleutel=err["type"] == "extra_forbidden",
            )
        return None, list(findings.values())
