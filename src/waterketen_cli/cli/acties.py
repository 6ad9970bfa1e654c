"""``waterketen acties`` (the action list), ``acties afronden`` and ``waterketen besluiten``.

Thin: read the options, ask ``vergaderen.acties`` (or ``vergaderen.besluiten`` for the
register), print with ``tabellen`` and ``output``. Everything else is imported when a
command runs, so that ``waterketen --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli.common import (
    CommitOptie,
    DataOptie,
    DocumentformaatOptie,
    DroogOptie,
    OverschrijfOptie,
    TabelformaatOptie,
    TekstOfJson,
    UitvoerOptie,
    data_dir,
    meld_overgeslagen,
)

if TYPE_CHECKING:
    from waterketen_cli.vergaderen.acties import Actieregel
    from waterketen_cli.vergaderen.besluiten import Besluitregel

Formaat = TekstOfJson


class Status(StrEnum):
    open = "open"
    afgerond = "afgerond"
    vervallen = "vervallen"


FormaatOptie = Annotated[
    Formaat,
    typer.Option("--format", "-f", help="Uitvoer: tekst (een tabel in de terminal) of json."),
]

app = typer.Typer(
    name="acties",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    options_metavar="[OPTIES]",
    subcommand_metavar="[OPDRACHT] [ARGUMENTEN]...",
)


@app.callback(invoke_without_command=True)
def acties(
    ctx: typer.Context,
    alle: Annotated[
        bool, typer.Option("--alle", help="Toon alle acties, ook afgeronde en vervallen.")
    ] = False,
    status: Annotated[
        Status | None,
        typer.Option("--status", help="Toon alleen acties met deze status.", show_default=False),
    ] = None,
    actiehouder: Annotated[
        str | None,
        typer.Option(
            "--actiehouder", metavar="PERSOON", help="Alleen de acties van deze persoon (id)."
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            metavar="CLUSTER",
            help="Alleen acties van dit cluster: met dit cluster, of van een actiehouder "
            "bij een organisatie die alleen in dit cluster zit (zoals een gemeente; een "
            "waterschap in meer clusters telt niet mee).",
        ),
    ] = None,
    overleg: Annotated[
        str | None,
        typer.Option(
            "--overleg",
            metavar="OVERLEG",
            help="Alleen acties uit vergaderingen van dit overleg (id, bijv. cco).",
        ),
    ] = None,
    verlopen: Annotated[
        bool,
        typer.Option("--verlopen", help="Alleen open acties waarvan de deadline voorbij is."),
    ] = False,
    formaat: FormaatOptie = Formaat.tekst,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    documentformaat: TabelformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Toon de actielijst: standaard de open acties, op deadline.

    Een ! markeert een verlopen actie: open, en de deadline ligt vóór vandaag.
    Met --uitvoer of --formaat wordt het een document (Markdown, Word of PDF) met de
    stand van zaken per actie, de verlopen acties vet; of een Excel-werkmap (-o
    acties.xlsx) met een regel per actie. 'waterketen acties afronden ID' rondt acties af.
    """
    if ctx.invoked_subcommand is not None:
        return
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today
    from waterketen_cli.documentformaat import documentformaat as bestandsformaat
    from waterketen_cli.documentformaat import werkboek_gevraagd
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.models.types import Actiestatus
    from waterketen_cli.records.dataset import load
    from waterketen_cli.vergaderen import acties as kern

    if alle and status is not None:
        raise GebruiksFout("kies --alle of --status, niet beide")
    if verlopen and status not in (None, Status.open):
        raise GebruiksFout(f"--verlopen gaat over open acties, niet over '{status}'")
    statussen = (
        frozenset()
        if alle
        else frozenset({Actiestatus(status.value if status else Actiestatus.OPEN)})
    )
    selectie = kern.ActieFilter(statussen, actiehouder, cluster, overleg, verlopen)
    vandaag = today()
    document = uitvoer is not None or documentformaat is not None
    if document and formaat == Formaat.json:
        raise GebruiksFout(
            "--format json gaat niet samen met --uitvoer of --formaat",
            hint="kies een document (--uitvoer, --formaat) of json op het scherm",
        )
    folder = data_dir(ctx, data)
    gegevens = load(folder, [*kern.ACTIE_SOORTEN, "regio"] if document else kern.ACTIE_SOORTEN)
    regels = kern.acties(gegevens, selectie, vandaag)
    meld_overgeslagen(gegevens.overgeslagen)
    if document and werkboek_gevraagd(uitvoer, documentformaat):
        from waterketen_cli import werkboek
        from waterketen_cli.cli.common import schrijf_werkboek

        inhoud = werkboek.werkboek(werkboek.acties(regels), titel="Actielijst")
        told = schrijf_werkboek(inhoud, uitvoer, overwrite=overschrijf)
        if told:
            output.message(told)
        return
    if document:
        from waterketen_cli import render
        from waterketen_cli.cli.common import write_document

        context = kern.actielijst_context(gegevens, regels, selectie, vandaag)
        told = write_document(
            render.render(folder.parent, "actielijst.md.j2", **context),
            uitvoer,
            overwrite=overschrijf,
            formaat=bestandsformaat(documentformaat),
            bron=(folder, gegevens),
        )
        if told:
            output.message(told)
        return
    if formaat == Formaat.json:
        output.json_doc(kern.actie_json(regels, vandaag))
    else:
        _actielijst(regels, kern.actie_samenvatting(regels, selectie))


@app.command("afronden")
def afronden(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(metavar="ID", help="De acties om af te ronden.", show_default=False),
    ],
    op: Annotated[
        str | None,
        typer.Option(
            "--op",
            metavar="JJJJ-MM-DD",
            help="De afronddatum. Standaard: vandaag.",
            show_default=False,
        ),
    ] = None,
    toelichting: Annotated[
        str | None,
        typer.Option(
            "--toelichting",
            metavar="TEKST",
            help="Voeg deze tekst toe aan de toelichting van elke actie.",
            show_default=False,
        ),
    ] = None,
    droog: DroogOptie = False,
    commit: CommitOptie = False,
    data: DataOptie = None,
) -> None:
    """
    Rond acties af: status afgerond, met de datum van afronden.

        Eerst worden alle acties gecontroleerd; is er één onbekend, al afgerond of
        vervallen, of ligt de datum vóór de vergadering van de actie, dan wordt niets
        geschreven (exitcode 1). Commentaar en volgorde in de bestanden blijven staan.
    """
    from waterketen_cli import dutch
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import parse_date, schrijven, today, told
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.records.dataset import load
    from waterketen_cli.vergaderen import acties as kern

    vandaag = today()
    datum = vandaag if op is None else parse_date(op, "--op")
    if toelichting is not None and not toelichting.strip():
        raise GebruiksFout("--toelichting is leeg", hint="laat de optie weg of geef een tekst")
    parent_data = ctx.parent.params.get("data") if ctx.parent is not None else None
    folder = data_dir(ctx, data or parent_data)
    with schrijven(folder, droog=droog, commit=commit) as sessie:
        gegevens = load(folder, ("actie", "vergadering"))
        try:
            afrondingen = kern.afrondingen(
                gegevens, ids, datum, vandaag, toelichting.strip() if toelichting else None
            )
        except kern.AfrondenGeweigerd as geweigerd:
            for bezwaar in geweigerd.bezwaren:
                output.print_error(bezwaar.bericht, bezwaar.hint)
            output.message_err("Er is niets geschreven.")
            raise typer.Exit(1) from None
        uitkomst = sessie.voer_uit(kern.afrondplan(gegevens, afrondingen))
    if droog:
        return
    for a in afrondingen:
        output.message(f"Actie {a.actie.id} afgerond op {dutch.datum(a.op)}.")
    for line in told(uitkomst):
        output.message(line)


def besluiten(
    ctx: typer.Context,
    zoek: Annotated[
        str | None,
        typer.Option(
            "--zoek",
            metavar="TEKST",
            help="Alleen besluiten met deze tekst in het besluit of de titel van het "
            "agendapunt (hoofdletters tellen niet).",
        ),
    ] = None,
    overleg: Annotated[
        str | None,
        typer.Option("--overleg", metavar="OVERLEG", help="Alleen besluiten van dit overleg (id)."),
    ] = None,
    jaar: Annotated[
        int | None,
        typer.Option("--jaar", metavar="JJJJ", help="Alleen besluiten uit dit jaar."),
    ] = None,
    project: Annotated[
        str | None,
        typer.Option(
            "--project", metavar="PROJECT", help="Alleen besluiten over dit project (id)."
        ),
    ] = None,
    openbaar: Annotated[
        bool,
        typer.Option(
            "--openbaar",
            help="Laat besluiten over vertrouwelijke agendapunten weg (voor publicatie).",
        ),
    ] = False,
    formaat: FormaatOptie = Formaat.tekst,
    uitvoer: Annotated[
        Path | None,
        typer.Option(
            "--uitvoer",
            "-o",
            metavar="PAD",
            help="Schrijf het register als Excel-werkmap naar dit bestand (.xlsx).",
            show_default=False,
        ),
    ] = None,
    overschrijf: OverschrijfOptie = False,
    data: DataOptie = None,
) -> None:
    """Toon het besluitenregister: alle besluiten uit alle vergaderingen, nieuwste eerst.

    Het register is intern: het bevat ook besluiten over vertrouwelijke agendapunten.
    Gebruik --openbaar voor wat gepubliceerd mag worden. Met -o besluiten.xlsx een
    Excel-werkmap met een regel per besluit.
    """
    from waterketen_cli.cli import output
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.records.dataset import load
    from waterketen_cli.vergaderen import besluiten as kern

    if uitvoer is not None:
        if formaat == Formaat.json:
            raise GebruiksFout(
                "--format json gaat niet samen met --uitvoer", hint="kies een van beide"
            )
        if str(uitvoer) != "-" and uitvoer.suffix.lower() != ".xlsx":
            raise GebruiksFout(
                f"het besluitenregister als bestand is een Excel-werkmap, geen {uitvoer.name}",
                hint=f"noem het bestand {uitvoer.with_suffix('.xlsx').name}; de besluitenlijst "
                "van één vergadering als document: 'waterketen besluitenlijst VERGADERING'",
            )

    selectie = kern.BesluitFilter(zoek, overleg, jaar, project, openbaar)
    if openbaar:
        from waterketen_cli import publiek
        from waterketen_cli.cli.common import today

        gegevens = publiek.laad(data_dir(ctx, data), kern.BESLUIT_SOORTEN, today())
    else:
        gegevens = load(data_dir(ctx, data), kern.BESLUIT_SOORTEN)
    regels = kern.besluiten(gegevens, selectie)
    meld_overgeslagen(gegevens.overgeslagen)
    if uitvoer is not None:
        from waterketen_cli import werkboek
        from waterketen_cli.cli.common import schrijf_werkboek
        from waterketen_cli.models.records import Overleg

        def overlegnaam(overleg_id: str) -> str:
            gevonden = gegevens.get(Overleg, overleg_id)
            return gevonden.naam if gevonden else overleg_id

        inhoud = werkboek.werkboek(
            werkboek.besluiten(regels, overlegnaam), titel="Besluitenregister"
        )
        told = schrijf_werkboek(inhoud, uitvoer, overwrite=overschrijf)
        if told:
            output.message(told)
        return
    if formaat == Formaat.json:
        output.json_doc(kern.besluit_json(regels, selectie))
    else:
        _besluitenlijst(regels, kern.besluit_samenvatting(regels, selectie))


def uitvoering(
    ctx: typer.Context,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: DocumentformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Maak de rapportage 'uitvoering stuurgroepbesluiten': elk besluit van de stuurgroep
    met de acties die het uitvoeren en hun stand van zaken. Het CCO bewaakt zo de
    uitvoering; de rapportage is ook de bijlage bij elke agenda van het CCO. Intern:
    acties worden niet gepubliceerd."""
    from waterketen_cli import render
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today, write_document
    from waterketen_cli.records.dataset import load
    from waterketen_cli.vergaderen import stuurgroep

    folder = data_dir(ctx, data)
    gegevens = load(folder)
    meld_overgeslagen(gegevens.overgeslagen)
    context = stuurgroep.uitvoering_context(gegevens, today())
    told = write_document(
        render.render(folder.parent, "uitvoering.md.j2", **context),
        uitvoer,
        overwrite=overschrijf,
        formaat=formaat,
        bron=(folder, gegevens),
    )
    if told:
        output.message(told)


# --- the terminal view ------------------------------------------------------------------------


def _actielijst(regels: Sequence[Actieregel], samenvatting: str) -> None:
    from waterketen_cli import dutch
    from waterketen_cli.cli import tabellen

    rijen = [
        [
            ("!" if r.verlopen else "", "bold red"),
            (r.actie.id, ""),
            (dutch.datum(r.actie.deadline), "red" if r.verlopen else ""),
            (r.actie.status.value, ""),
            (r.actiehouder, ""),
            (r.herkomst, "dim"),
            (r.actie.omschrijving, ""),
        ]
        for r in regels
    ]
    kolommen = ["", "id", "deadline", "status", "actiehouder", "herkomst", "omschrijving"]
    tabellen.table(kolommen, rijen, samenvatting, vast=4)


def _besluitenlijst(regels: Sequence[Besluitregel], samenvatting: str) -> None:
    from waterketen_cli import dutch
    from waterketen_cli.cli import tabellen

    rijen = [
        [
            (r.besluit.nummer, "bold"),
            (dutch.datum(r.vergadering.datum), ""),
            (r.vergadering.overleg, ""),
            (r.besluit.project or "", "dim"),
            (r.titel, ""),
            (r.besluit.tekst, ""),
        ]
        for r in regels
    ]
    kolommen = ["nummer", "datum", "overleg", "project", "agendapunt", "besluit"]
    tabellen.table(kolommen, rijen, samenvatting, vast=2)
