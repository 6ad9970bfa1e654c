"""The regional budget for machines (``middelen --format json``): every figure the
documents show, amounts as strings with two decimals ('1250.50'), never floats."""

from __future__ import annotations

from decimal import Decimal

from waterketen_cli.analyse.begroting import Besluitinfo, Jaarbegroting, Regionaal, Signaal
from waterketen_cli.analyse.verdeelsleutel import AFRONDING


def _euro(waarde: Decimal) -> str:
    return f"{waarde:.2f}"


def _besluit_json(info: Besluitinfo | None) -> dict[str, object] | None:
    if info is None:
        return None
    return {
        "nummer": info.nummer,
        "datum": info.datum.isoformat(),
        "overleg": info.overleg,
        "stuurgroep": info.stuurgroep,
        "aangenomen": info.aangenomen,
    }


def signaal_json(s: Signaal) -> dict[str, object]:
    return {
        "soort": s.soort,
        "jaar": s.jaar,
        "project": s.project,
        "partner": s.partner,
        "bedrag": _euro(s.bedrag),
        "bericht": s.bericht,
    }


def jaar_json(j: Jaarbegroting) -> dict[str, object]:
    """One year, amounts as strings ('1250.50'), never floats."""
    verdeling = j.verdeling
    return {
        "jaar": j.jaar,
        "id": j.id,
        "begroting": _euro(j.begroting),
        "totaal_gegeven": j.totaal_gegeven,
        "vastgesteld": j.vastgesteld,
        "toegezegd": _euro(j.toegezegd),
        "aangevraagd": _euro(j.aangevraagd),
        "ongedekt": _euro(j.ongedekt),
        "toegekend": _euro(j.toegekend),
        "gerealiseerd": _euro(j.gerealiseerd),
        "vrij": _euro(j.vrij),
        "te_besteden": _euro(j.te_besteden),
        "restant": _euro(j.restant),
        "verdeelsleutel": None
        if verdeling is None
        else {
            "id": verdeling.sleutel,
            "naam": verdeling.naam,
            "bekend": verdeling.bekend,
            "afronding": _euro(verdeling.afronding),
            "afronding_naar": verdeling.ontvanger,
            "regel": AFRONDING,
            "delen": [
                {
                    "soort": d.soort,
                    "aandeel": f"{d.aandeel:f}",
                    "naar": d.naar,
                    "bedrag": _euro(d.bedrag),
                    "partners": d.partners,
                }
                for d in verdeling.delen
            ],
        },
        "bijdragen": [
            {
                "partner": r.partner,
                "naam": r.naam,
                "soort": r.soort,
                "grondslag": r.grondslag,
                "aantal": r.aantal,
                "volgens_sleutel": None if r.volgens_sleutel is None else _euro(r.volgens_sleutel),
                "ingevoerd": None if r.ingevoerd is None else _euro(r.ingevoerd),
                "bedrag": _euro(r.bedrag),
                "status": r.status.value if r.status else None,
                "afronding": _euro(r.afronding),
                "is_partner": r.is_partner,
            }
            for r in j.bijdragen
        ],
        "toekenningen": [
            {
                "project": t.project,
                "titel": t.titel,
                "themas": list(t.themas),
                "bedrag": _euro(t.bedrag),
                "besluit": t.besluit,
                "besluitinfo": _besluit_json(t.besluitinfo),
            }
            for t in j.toekenningen
        ],
        "projecten": [
            {
                "project": p.project,
                "titel": p.titel,
                "besluiten": list(p.besluiten),
                "toegekend": _euro(p.toegekend),
                "gerealiseerd": _euro(p.gerealiseerd),
                "te_besteden": _euro(p.te_besteden),
            }
            for p in j.projecten
        ],
        "per_thema": [
            {
                "id": t.thema,
                "naam": t.naam,
                "projecten": t.projecten,
                "toegekend": _euro(t.toegekend),
                "gerealiseerd": _euro(t.gerealiseerd),
            }
            for t in j.per_thema
        ],
        "signalen": [signaal_json(s) for s in j.signalen],
    }


def als_json(r: Regionaal) -> dict[str, object]:
    velden = ("begroting", "toegezegd", "toegekend", "gerealiseerd", "vrij", "restant")
    return {
        "regels": {
            "verdeelsleutel": AFRONDING,
            "vrij": "begroting min toegekend",
            "te_besteden": "toegekend min gerealiseerd",
            "restant": "begroting min gerealiseerd",
            "themas": "een toekenning telt bij elk thema van haar project volledig mee",
        },
        "totaal": {v: _euro(r.totaal(v)) for v in velden},
        "jaren": [jaar_json(j) for j in r.jaren],
        "signalen": [signaal_json(s) for s in r.signalen],
    }
