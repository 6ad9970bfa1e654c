"""``waterketen wijzigingen``: what changed in the data between two points."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli.common import DataOptie, data_dir

if TYPE_CHECKING:
    from waterketen_cli.analyse.wijzigingen import Wijzigingen


class Formaat(StrEnum):
    tekst = "tekst"
    markdown = "markdown"
    json = "json"


def wijzigingen(
    ctx: typer.Context,
    sinds: Annotated[
        str | None,
        typer.Option(
            "--sinds",
            metavar="REV|DATUM|OVERLEG",
            help="Vanaf een git-revisie (commit, tak, tag, origin/main), een datum "
            "(JJJJ-MM-DD: de stand bij de laatste commit vóór die dag) of een overleg (zijn "
            "vorige vergadering). Standaard HEAD: wat nog niet gecommit is.",
            show_default=False,
        ),
    ] = None,
    tot: Annotated[
        str | None,
        typer.Option(
            "--tot",
            metavar="REV",
            help="Tot deze revisie. Standaard de werkmap, met wat nog niet gecommit is.",
            show_default=False,
        ),
    ] = None,
    formaat: Annotated[
        Formaat,
        typer.Option(
            "--format", "-f", help="Uitvoer: tekst, markdown (voor een pull request) of json."
        ),
    ] = Formaat.tekst,
    data: DataOptie = None,
) -> None:
    """Wat er in de gegevens veranderde tussen twee punten, per record in gewone woorden
    ("project … toegevoegd", "actie … afgerond"), per cluster en soort, met wie het
    veranderde en wanneer."""
    from waterketen_cli.analyse import wijzigingenrapport as core
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today

    result = core.rapport(data_dir(ctx, data), sinds, tot, today())
    if formaat == Formaat.json:
        output.json_doc([core.als_json(w) for w in result.wijzigingen.lijst])
    elif formaat == Formaat.markdown:
        print(core.markdown(result.wijzigingen, result.kop), end="")
    else:
        _tekst(result.wijzigingen, result.kop)


def _tekst(result: Wijzigingen, kop: str) -> None:
    from waterketen_cli.analyse.wijzigingenrapport import OP_EEN_REGEL, wie
    from waterketen_cli.cli import output
    from waterketen_cli.soorten import SOORT_PER_NAAM

    output.message(kop, "bold")
    for groep in result.groepen():
        output.message("")
        output.message(groep.titel, "bold underline")
        for soort, lijst in groep.soorten:
            output.message(f"  {SOORT_PER_NAAM[soort].map}", "bold")
            for w in lijst:
                if len(w.delen) > OP_EEN_REGEL:
                    output.message(f"    - {w.kop}  ({wie(w)})")
                    for deel in w.delen:
                        output.message(f"        - {deel}")
                else:
                    output.message(f"    - {w.wat}  ({wie(w)})")
