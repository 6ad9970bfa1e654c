"""The deployment of resources for machines (``middelen --format json``): everything
the document shows, amounts as strings with two decimals ('1250.50'), never floats; the
regional budget in it as ``begroting_json`` writes it.

The figures come from ``analyse.middelen``; this module computes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from waterketen_cli.analyse import begroting_json
from waterketen_cli.analyse.middelen import Bedragen, Middelen, Partnerdeel, Signaal, Totaalregel


def _euro(waarde: Decimal) -> str:
    return f"{waarde:.2f}"


def _bedragen_json(b: Bedragen) -> dict[str, str]:
    return {
        "begroting": _euro(b.begroting),
        "toegezegd": _euro(b.toegezegd),
        "aangevraagd": _euro(b.aangevraagd),
        "ongedekt": _euro(b.ongedekt),
        "tekort": _euro(b.tekort),
    }


def _partner_json(d: Partnerdeel) -> dict[str, object]:
    return {
        "partner": d.id,
        "naam": d.naam,
        "soort": d.soort,
        "is_partner": d.is_partner,
        "projecten": len(d.projecten),
        "jaren": sorted(d.jaren),
        "toegezegd": _euro(d.toegezegd),
        "aangevraagd": _euro(d.aangevraagd),
        "totaal": _euro(d.totaal),
    }


def _regel_json(r: Totaalregel) -> dict[str, object]:
    return {"id": r.sleutel, "naam": r.naam, "projecten": r.projecten, **_bedragen_json(r.bedragen)}


def _signaal_json(s: Signaal) -> dict[str, object]:
    return {
        "soort": s.soort,
        "project": s.project,
        "jaar": s.jaar,
        "partner": s.partner,
        "bedrag": _euro(s.bedrag),
        "bericht": s.bericht,
    }


def als_json(m: Middelen) -> dict[str, object]:
    """Everything the document shows; amounts as strings ('1250.50'), never floats."""
    return {
        "vandaag": m.vandaag.isoformat(),
        "selectie": m.selectie,
        "regels": {
            "themas": "een project met meer thema's telt bij elk thema volledig mee",
            "clusters": "een project van meer clusters telt bij elk cluster volledig mee",
        },
        "totaal": {"projecten": len(m.projecten), **_bedragen_json(m.totaal)},
        "projecten": [
            {
                "id": p.project.id,
                "titel": p.project.titel,
                "status": p.project.status.value,
                "regionaal": p.project.regionaal,
                "clusters": list(p.project.clusters),
                "themas": list(p.project.themas),
                "periode": {
                    "begin": p.project.periode.begin.isoformat(),
                    "eind": p.project.periode.eind.isoformat(),
                },
                **_bedragen_json(p.totaal),
                "per_jaar": [{"jaar": j, **_bedragen_json(b)} for j, b in p.per_jaar],
                "per_partner": [_partner_json(d) for d in p.per_partner],
                "signalen": [_signaal_json(s) for s in p.signalen],
                "regionale_begroting": [
                    {
                        "jaar": jaar,
                        "besluiten": list(b.besluiten),
                        "toegekend": _euro(b.toegekend),
                        "gerealiseerd": _euro(b.gerealiseerd),
                    }
                    for jaar, b in p.regionaal
                ],
            }
            for p in m.projecten
        ],
        "per_jaar": [{"jaar": int(r.sleutel), **_bedragen_json(r.bedragen)} for r in m.per_jaar],
        "per_thema": [_regel_json(r) for r in m.per_thema],
        "per_partner": [_partner_json(d) for d in m.per_partner],
        "per_cluster": [_regel_json(r) for r in m.per_cluster],
        "signalen": [_signaal_json(s) for s in m.signalen],
        "regionale_begroting": begroting_json.als_json(m.regionaal),
    }
