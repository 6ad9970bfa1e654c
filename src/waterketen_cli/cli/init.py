"""``waterketen init MAP``: start a data repository for another region."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def init(
    map_: Annotated[
        Path,
        typer.Argument(
            metavar="MAP",
            help="De map voor de nieuwe repository; nieuw of leeg.",
            show_default=False,
        ),
    ],
    regio: Annotated[
        str | None,
        typer.Option(
            "--regio",
            metavar="NAAM",
            help="De naam van de samenwerking, bijv. 'Waterketen Rivierenland'. "
            "Standaard: de mapnaam.",
            show_default=False,
        ),
    ] = None,
    bron: Annotated[
        str | None,
        typer.Option(
            "--bron",
            metavar="ADRES",
            help="Het git-adres van waterketen, waar CI en pre-commit het vandaan halen. "
            "Standaard: waar deze waterketen vandaan is geïnstalleerd, als dat git was; "
            "anders een voorbeeldadres om in te vullen.",
            show_default=False,
        ),
    ] = None,
    versie: Annotated[
        str | None,
        typer.Option(
            "--versie",
            metavar="REV",
            help="De tag of commit van waterketen bij --bron. Standaard: die van deze "
            "installatie, of de tag van deze versie.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Begin een gegevensrepository voor een (andere) regio.

    Maakt in MAP een git-repository (tak main) met een map per recordsoort onder
    data/, een regiorecord om in te vullen (waterakkoord, de regionale thema's
    omgevingswet, klimaatadaptatie en energietransitie, de 3K's en de indicatoren van
    de landelijke benchmarks), de JSON Schema's, CODEOWNERS, de controles voor GitHub
    Actions en GitLab CI, een .pre-commit-config.yaml en een README voor de
    coördinatoren. Er wordt niets gecommit: vul eerst in wat de README noemt.
    Een map waarin al iets staat, wordt geweigerd.
    """
    from waterketen_cli import init as core
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import shown

    source = core.bron(bron, versie)
    start = core.init(map_, regio if regio is not None else core.default_name(map_), source)
    regio_bestand = f"data/regio/{start.regio}.yaml"
    rijen = [
        ("data/", "een map per recordsoort"),
        (regio_bestand, "het regiorecord: vul het waterakkoord in"),
        ("schemas/", "JSON Schema's, voor de editor"),
        (".github/workflows/waterketen.yml", "de controles op GitHub"),
        (".gitlab-ci.yml", "de controles op GitLab"),
        (".pre-commit-config.yaml", "de controles vóór elke commit"),
        ("CODEOWNERS", "wie wat beoordeelt (waterketen codeowners)"),
        ("README.md", "hoe coördinatoren een wijziging voorstellen"),
        (".gitignore", ""),
    ]
    width = max(len(name) for name, _ in rijen)
    waar = "deze map" if start.map.resolve() == Path.cwd().resolve() else f"{shown(start.map)}/"
    output.message(f"Gegevensrepository gemaakt in {waar} (tak main, nog niets gecommit):", "bold")
    for name, uitleg in rijen:
        output.message(f"  {name.ljust(width)}  {uitleg}".rstrip())
    stappen = [
        f"vul in {regio_bestand} het waterakkoord in (naam, begin, eind);",
        "voeg organisaties, personen, clusters en het clustercoördinatorenoverleg toe;\n"
        "     'waterketen validate' zegt wat er nog ontbreekt;",
    ]
    if source.voorbeeld:
        stappen.append(
            "zet bij WATERKETEN_BRON (in beide CI-bestanden) en bij repo en rev\n"
            "     (in .pre-commit-config.yaml) waar waterketen vandaan komt;"
        )
    stappen.append('git add -A && git commit -m "Start gegevensrepository".')
    output.message("")
    output.message('Verder (README.md, "Eerst: de repository afmaken"):', "bold")
    for i, stap in enumerate(stappen, 1):
        output.message(f"  {i}. {stap}")
