"""``waterketen agenda``: prepare the next meeting and render its agenda."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli import verzendopties
from waterketen_cli.cli.common import (
    CommitOptie,
    DataOptie,
    DocumentformaatOptie,
    DroogOptie,
    OverschrijfOptie,
    TekstOfJson,
    UitvoerOptie,
    data_dir,
)

if TYPE_CHECKING:
    from waterketen_cli.vergaderen.agenda import Uitgesteld
    from waterketen_cli.vergaderen.uitnodiging import Ontvanger

app = typer.Typer(
    help="Agenda's: de volgende vergadering voorbereiden en de agenda maken.",
    no_args_is_help=True,
    add_completion=False,
)


#: The options that ``new`` and ``plan`` share: which body, and its usual time and place.
OverlegOptie = Annotated[
    str | None,
    typer.Option(
        "--overleg", metavar="ID", help="Het overleg. Standaard: het clustercoördinatorenoverleg."
    ),
]
TijdOptie = Annotated[
    str | None, typer.Option("--tijd", help="Begintijd (UU:MM). Standaard: die van het overleg.")
]
PlaatsOptie = Annotated[
    str | None, typer.Option("--plaats", help="Vergaderplaats. Standaard: die van het overleg.")
]


@app.command("new")
def new(
    ctx: typer.Context,
    datum: Annotated[str, typer.Option("--datum", help="Datum van de vergadering (JJJJ-MM-DD).")],
    overleg: OverlegOptie = None,
    tijd: TijdOptie = None,
    duur: Annotated[
        int | None,
        typer.Option(
            "--duur",
            min=15,
            max=600,
            help="Duur in minuten; voorstellen die niet meer passen, wachten. Standaard: de "
            "som van de punten, binnen de gebruikelijke duur van het overleg.",
        ),
    ] = None,
    plaats: PlaatsOptie = None,
    toch: Annotated[
        bool, typer.Option("--toch", help="Sta een datum in het verleden toe.")
    ] = False,
    droog: DroogOptie = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Toon daarna de agenda als Markdown.")
    ] = False,
    commit: CommitOptie = False,
    data: DataOptie = None,
) -> None:
    """Maak de volgende vergadering van een overleg aan, met de concept-agenda.

    De agenda bevat de vaste punten in de gebruikelijke volgorde, punten die de vorige
    keer zijn aangehouden, ingediende agendavoorstellen (data/agendavoorstellen/) en
    projectvoorstellen die op een besluit wachten. Voorstellen die op de agenda komen,
    krijgen de status 'geagendeerd'.

    Past niet alles, dan komen de vaste punten, de aangehouden punten en (bij het
    clustercoördinatorenoverleg) de concept-agenda van de stuurgroep altijd, en de
    voorstellen zolang de vergadering vóór middernacht eindigt en binnen de
    gebruikelijke duur blijft (--duur, anders de geplande vergadering, anders de duur in
    het ritme van het overleg). Voorrang heeft wat het eerst een besluit nodig heeft:
    een agendavoorstel in deze vergadering, een projectvoorstel vóór het project begint
    (periode.begin); bij dezelfde datum eerst de agendavoorstellen, dan op id. Wat niet
    meer past, blijft ingediend en staat na de agenda onder 'Wacht op een volgende
    vergadering'. Alleen als de vaste punten zelf na middernacht doorlopen, weigert de
    opdracht.
    """
    from waterketen_cli import dutch
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import parse_date, parse_time, schrijven, shown, today, told
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import agenda

    folder = data_dir(ctx, data)
    with schrijven(folder, droog=droog, commit=commit) as sessie:
        gegevens = dataset.load(folder)
        overleg_id = overleg or agenda.default_body(gegevens)
        result = agenda.plan(
            gegevens,
            overleg_id,
            parse_date(datum, "--datum"),
            vandaag=today(),
            begintijd=parse_time(tijd, "--tijd") if tijd else None,
            duur=duur,
            locatie=plaats,
            toch=toch,
        )
        schrijfplan = agenda.schrijfplan(gegevens, result)
        uitkomst = sessie.voer_uit(schrijfplan)
    vergadering = result.vergadering
    body = agenda.find_body(gegevens, vergadering.overleg)
    kop = (
        f"{body.naam}, {dutch.datum_lang(vergadering.datum)}, "
        f"{dutch.klok(vergadering.begintijd)} – {dutch.tijd(vergadering.eindtijd)}, "
        f"{vergadering.locatie}"
    )
    if droog:
        output.message(kop)
    else:
        wat = (
            "Geplande vergadering aangevuld met de concept-agenda"
            if result.gepland is not None
            else "Vergadering aangemaakt"
        )
        output.message(f"{wat}: {shown(schrijfplan.records[0].pad)}")
        output.message(kop)
        for change in schrijfplan.records[1:]:
            output.message(f"Agendavoorstel geagendeerd: {shown(change.pad)}")
        for line in told(uitkomst):
            output.message(line)
    if gegevens.overgeslagen:
        output.print_warning(
            f"{dutch.aantal(len(gegevens.overgeslagen), 'bestand', 'bestanden')} overgeslagen "
            "omdat ze niet geldig zijn",
            "voer 'waterketen validate' uit",
        )
    output.message("")
    for i, punt in enumerate(vergadering.agenda, start=1):
        mark_ = " (vertrouwelijk)" if punt.vertrouwelijk else ""
        output.message(f"{i:>3}. {punt.titel}{mark_} — {punt.behandelvorm.value}, {punt.duur} min")
    if result.uitgesteld:
        _toon_uitgesteld(result.uitgesteld, result.grens)
    for wacht in result.wachtend:
        output.print_warning(
            f"nog niet op de agenda: {wacht.voorstel.titel} ({wacht.voorstel.id}): {wacht.reden}",
            "leg het adviesbesluit vast en zet het nummer bij voorstel.aanbieding.advies_besluit "
            "van het agendavoorstel",
        )
    if markdown:
        from waterketen_cli import render
        from waterketen_cli.vergaderen import documenten

        context = documenten.agenda_context(gegevens, vergadering)
        output.message("")
        output.message(render.render(folder.parent, "agenda.md.j2", **context).rstrip("\n"))


def _toon_uitgesteld(uitgesteld: list[Uitgesteld], grens: str) -> None:
    """The proposals that wait for a later meeting, in the order in which they go."""
    from waterketen_cli import dutch
    from waterketen_cli.cli import output

    voorstellen = sum(1 for u in uitgesteld if u.voorstel is not None)
    soorten = [
        dutch.aantal(n, enkelvoud, meervoud)
        for n, enkelvoud, meervoud in (
            (voorstellen, "agendavoorstel", "agendavoorstellen"),
            (len(uitgesteld) - voorstellen, "projectvoorstel", "projectvoorstellen"),
        )
        if n
    ]
    een = len(uitgesteld) == 1
    output.message("")
    output.message(
        f"Wacht op een volgende vergadering: {dutch.opsomming(soorten)}; "
        f"{'het past' if een else 'ze passen'} niet meer {grens} en "
        f"{'blijft' if een else 'blijven'} ingediend."
    )
    output.message(
        "Voorrang heeft wat het eerst een besluit nodig heeft (uiterlijk: bij een "
        "agendavoorstel deze vergadering, bij een projectvoorstel het begin van het project):"
    )
    for u in uitgesteld:
        punt = u.punt
        bron = u.voorstel.id if u.voorstel is not None else f"project {punt.project}"
        mark_ = ", vertrouwelijk" if punt.vertrouwelijk else ""
        output.message(
            f"  - {punt.titel} ({bron}{mark_}) — {punt.behandelvorm.value}, {punt.duur} min, "
            f"uiterlijk {dutch.datum(u.uiterlijk)}"
        )


@app.command("plan")
def plan(
    ctx: typer.Context,
    jaar: Annotated[
        int,
        typer.Argument(metavar="JAAR", help="Het jaar, bijv. 2027.", show_default=False),
    ],
    overleg: OverlegOptie = None,
    tijd: TijdOptie = None,
    plaats: PlaatsOptie = None,
    droog: DroogOptie = False,
    commit: CommitOptie = False,
    data: DataOptie = None,
) -> None:
    """Zet de vergaderingen van een jaar klaar volgens het ritme van het overleg.

    Het ritme staat in het overleg (ritme: elke 6 weken op dinsdag, of de tweede
    dinsdag van de maand). Een datum op een feestdag of in een schoolvakantie van de
    regio (data/schoolvakanties/) schuift een week op, of vervalt; een dag waarop het
    overleg al vergadert of die voorbij is, blijft zoals hij is. Elke datum wordt
    gemeld, met de reden als hij verschuift of vervalt. De vergaderingen krijgen de
    status concept, zonder agenda: 'waterketen agenda new --datum' vult die later in,
    en 'waterketen kalender' toont ze meteen.
    """
    from waterketen_cli import dutch
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import parse_time, schrijven, today, told
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import agenda, planning

    if not 1990 <= jaar <= 2100:
        raise GebruiksFout(f"{jaar} is geen jaar om te plannen", hint="kies 1990 tot en met 2100")
    folder = data_dir(ctx, data)
    with schrijven(folder, droog=droog, commit=commit) as sessie:
        gegevens = dataset.load(folder, planning.SOORTEN)
        overleg_id = overleg or agenda.default_body(gegevens)
        jaarplanning = planning.plan(
            gegevens,
            overleg_id,
            jaar,
            vandaag=today(),
            begintijd=parse_time(tijd, "--tijd") if tijd else None,
            locatie=plaats,
        )
        schrijfplan = planning.schrijfplan(gegevens, jaarplanning)
        uitkomst = sessie.voer_uit(schrijfplan) if jaarplanning.nieuw else None
    body = jaarplanning.overleg
    output.message(f"{body.naam} {jaar}: {planning.beschrijving(jaarplanning.ritme)}")
    for regel in jaarplanning.data:
        output.message(f"  {planning.regel_tekst(regel)}")
    for waarschuwing in jaarplanning.waarschuwingen:
        output.print_warning(waarschuwing, "voeg de vakanties van dat schooljaar toe")
    if gegevens.overgeslagen:
        output.print_warning(
            f"{dutch.aantal(len(gegevens.overgeslagen), 'bestand', 'bestanden')} overgeslagen "
            "omdat ze niet geldig zijn",
            "voer 'waterketen validate' uit",
        )
    aantal = dutch.aantal(len(jaarplanning.nieuw), "vergadering", "vergaderingen")
    if uitkomst is None:
        output.message(f"Niets te plannen: geen nieuwe vergadering van {body.naam} in {jaar}.")
        return
    if droog:
        return
    eerste = jaarplanning.nieuw[0]
    output.message(
        f"Gepland: {aantal} in {_getoonde_map(schrijfplan.records[0].pad)} (status concept, "
        f"nog zonder agenda; {dutch.klok(eerste.begintijd)} – {dutch.tijd(eerste.eindtijd)}, "
        f"{eerste.locatie})."
    )
    output.message(
        f"De agenda: 'waterketen agenda new --datum {eerste.datum.isoformat()} --overleg "
        f"{body.id}'; de agenda's van Outlook en andere: 'waterketen kalender'."
    )
    for line in told(uitkomst):
        output.message(line)


def _getoonde_map(path: Path) -> str:
    """The folder of a written file, as the user would type it."""
    from waterketen_cli.cli.common import shown

    return shown(path.parent) + "/"


@app.command("render")
def render_agenda(
    ctx: typer.Context,
    vergadering_id: Annotated[
        str, typer.Argument(metavar="VERGADERING", help="Id, bijv. cco-2026-12-15.")
    ],
    openbaar: Annotated[
        bool,
        typer.Option(
            "--openbaar",
            help="Publieksversie: zonder vertrouwelijke punten, namen alleen met toestemming.",
        ),
    ] = False,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: DocumentformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Maak de agenda van een vergadering, klaar om te versturen: Markdown, Word of PDF."""
    from waterketen_cli import publiek
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today, write_document
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import agendadocument, lookup

    folder = data_dir(ctx, data)
    gegevens = dataset.load(folder)
    if openbaar:
        gegevens = publiek.publiek(gegevens, today())
    vergadering = lookup.record(gegevens, Vergadering, vergadering_id)
    text = agendadocument.agenda_document(
        folder, gegevens, vergadering, vandaag=today(), doelmap=_doelmap(folder, uitvoer)
    )
    told = write_document(
        text, uitvoer, overwrite=overschrijf, formaat=formaat, bron=(folder, gegevens)
    )
    if told:
        output.message(told)


# --- themabijeenkomsten: genodigden, presentielijst, terugblik ------------------------------

VergaderingArgument = Annotated[
    str, typer.Argument(metavar="VERGADERING", help="Id, bijv. themabijeenkomst-2026-02-12.")
]


def _doelmap(folder: Path, uitvoer: Path | None) -> Path | None:
    """The folder a document goes to, when it is inside the repository: stukken are
    linked from there (else from the repository root)."""
    from waterketen_cli.records.stukken import binnen_repository

    if uitvoer is None or str(uitvoer) == "-":
        return None
    doel = uitvoer.absolute().parent
    return doel if binnen_repository(folder.parent, doel) else None


@app.command("genodigden")
def genodigden(
    ctx: typer.Context,
    vergadering_id: VergaderingArgument,
    formaat: Annotated[
        TekstOfJson,
        typer.Option(
            "--format",
            "-f",
            help="Uitvoer: tekst (een tabel) of json (met ids en e-mailadressen, voor een "
            "uitnodigingsmailing).",
        ),
    ] = TekstOfJson.tekst,
    data: DataOptie = None,
) -> None:
    """Toon wie er voor een themabijeenkomst is uitgenodigd, op organisatie en naam.

    De doelgroep (bestuurders, managers, waterprofessionals) volgt uit de rollen van de
    mensen in de overleggen, bij alle partners; de organisatoren (de leden van het
    overleg van de themabijeenkomst) en de sprekers staan er altijd bij. Intern: de
    lijst bevat namen en e-mailadressen.
    """
    from waterketen_cli.cli import output, tabellen
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import lookup, thema

    gegevens = dataset.load(data_dir(ctx, data))
    vergadering = lookup.record(gegevens, Vergadering, vergadering_id)
    if formaat == TekstOfJson.json:
        output.json_doc(thema.genodigden_json(gegevens, vergadering))
        return
    rows = thema.genodigden(gegevens, vergadering)
    rijen = [
        [(g.naam, ""), (g.organisatie_naam, ""), (", ".join(g.groepen), "dim"), (g.functie, "")]
        for g in rows
    ]
    samenvatting = thema.genodigden_samenvatting(rows)
    tabellen.table(["naam", "organisatie", "genodigd als", "functie"], rijen, samenvatting, vast=1)


@app.command("presentielijst")
def presentielijst(
    ctx: typer.Context,
    vergadering_id: VergaderingArgument,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: DocumentformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Maak de presentielijst van een themabijeenkomst om af te drukken.

    Alle genodigden en de aangemelde gasten van buiten, op organisatie en naam, met
    een kolom voor de handtekening en lege regels voor wie zonder aanmelding komt.
    Intern: de lijst bevat namen van mensen die niet openbaar genoemd worden.
    """
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import write_document
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import lookup, thema

    folder = data_dir(ctx, data)
    gegevens = dataset.load(folder)
    vergadering = lookup.record(gegevens, Vergadering, vergadering_id)
    text = thema.presentielijst(folder, gegevens, vergadering)
    told = write_document(
        text, uitvoer, overwrite=overschrijf, formaat=formaat, bron=(folder, gegevens)
    )
    if told:
        output.message(told)


@app.command("terugblik")
def terugblik(
    ctx: typer.Context,
    vergadering_id: VergaderingArgument,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    formaat: DocumentformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Maak de terugblik op een themabijeenkomst voor de website en de nieuwsbrief.

    Titel, datum, thema en programma met de tekst uit het veld 'terugblik' van de
    vergadering (Markdown: alinea's, nadruk, lijsten, citaten, koppen en koppelingen
    naar https- en mailto-adressen; HTML, afbeeldingen en andere koppelingen worden
    gewone tekst). Altijd de openbare versie: zonder aanmeldingen, namen alleen met
    toestemming.
    """
    from waterketen_cli import publiek
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today, write_document
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import lookup, thema

    folder = data_dir(ctx, data)
    view = publiek.publiek(dataset.load(folder), today())
    vergadering = lookup.record(view, Vergadering, vergadering_id)
    text = thema.terugblik(folder, view, vergadering, doelmap=_doelmap(folder, uitvoer))
    told = write_document(
        text, uitvoer, overwrite=overschrijf, formaat=formaat, bron=(folder, view)
    )
    if told:
        output.message(told)


# --- de bundel: agenda en stukken in één PDF ---------------------------------------------


@app.command("bundel")
def bundel(
    ctx: typer.Context,
    vergadering_id: Annotated[
        str, typer.Argument(metavar="VERGADERING", help="Id, bijv. cco-2026-12-15.")
    ],
    openbaar: Annotated[
        bool,
        typer.Option(
            "--openbaar",
            help="Publieksversie: zonder vertrouwelijke punten en stukken, namen alleen met "
            "toestemming.",
        ),
    ] = False,
    uitvoer: Annotated[
        Path | None,
        typer.Option(
            "--uitvoer",
            "-o",
            metavar="PAD",
            help="Schrijf naar dit bestand. Standaard: VERGADERING-bundel.pdf in de huidige "
            "map (met --openbaar: VERGADERING-bundel-openbaar.pdf); '-' voor de "
            "standaarduitvoer.",
            show_default=False,
        ),
    ] = None,
    overschrijf: OverschrijfOptie = False,
    data: DataOptie = None,
) -> None:
    """Maak één PDF met de agenda en alle stukken die PDF zijn, in agendavolgorde.

    Met een bladwijzer per agendapunt en daaronder per stuk. De laatste pagina noemt wat
    er in de bundel staat (met paginanummers) en elk stuk dat er niet in staat, met de
    reden: geen PDF, niet gevonden, een adres elders. Stukken staan in
    stukken/<vergadering>/ naast data/ (zie de README).
    """
    import sys

    from waterketen_cli import dutch, publiek
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import shown, today
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset, transactie
    from waterketen_cli.vergaderen import bundel as kern
    from waterketen_cli.vergaderen import lookup

    folder = data_dir(ctx, data)
    gegevens = dataset.load(folder)
    if openbaar:
        gegevens = publiek.publiek(gegevens, today())
    vergadering = lookup.record(gegevens, Vergadering, vergadering_id)
    naar_scherm = uitvoer is not None and str(uitvoer) == "-"
    doel = uitvoer or Path(f"{vergadering.id}-bundel{'-openbaar' if openbaar else ''}.pdf")
    if naar_scherm and sys.stdout.isatty():
        raise GebruiksFout(
            "een PDF hoort niet in de terminal", hint="geef een bestand, bijv. -o bundel.pdf"
        )
    if not naar_scherm:
        if doel.is_dir():
            raise GebruiksFout(f"{doel} is een map", hint="geef een bestandsnaam, bijv. bundel.pdf")
        if doel.exists() and not overschrijf:
            raise GebruiksFout(
                f"{doel} bestaat al", hint="kies een ander bestand of gebruik --overschrijf"
            )
    uitkomst = kern.maak(folder, gegevens, vergadering, vandaag=today())
    if naar_scherm:
        sys.stdout.flush()
        sys.stdout.buffer.write(uitkomst.pdf)
        sys.stdout.buffer.flush()
    else:
        # A binary document: straight to the transaction (atomic, mode kept, never over
        # a file without --overschrijf, never through a link); no data folder, no journal.
        transactie.schrijf(
            [transactie.Bestand(doel, uitkomst.pdf, nieuw=not overschrijf)],
            data_dir=None,
            wat=f"{shown(doel)} geschreven",
        )
    zeg = output.message_err if naar_scherm else output.message
    if not naar_scherm:
        zeg(f"Geschreven: {shown(doel)}")
    paginas = dutch.aantal(uitkomst.paginas, "pagina", "pagina's")
    zeg(f"{paginas}: de agenda en {dutch.aantal(len(uitkomst.opgenomen), 'stuk', 'stukken')}")
    for o in uitkomst.overgeslagen:
        waar = f" ({o.waar})" if o.waar else ""
        zeg(f"Niet in de bundel: punt {o.punt}, {o.titel}{waar}: {o.reden}")


# --- uitnodigen per e-mail -----------------------------------------------------------------


@app.command("verstuur")
def verstuur(
    ctx: typer.Context,
    vergadering_id: Annotated[
        str, typer.Argument(metavar="VERGADERING", help="Id, bijv. cco-2026-12-15.")
    ],
    uitvoer: verzendopties.UitnodigingenMapOptie = None,
    overschrijf: verzendopties.EmlOverschrijfOptie = False,
    smtp: verzendopties.SmtpOptie = False,
    opnieuw: verzendopties.OpnieuwOptie = False,
    toch: Annotated[
        bool,
        typer.Option(
            "--toch",
            help="Nodig ook uit voor een vergadering in het verleden, of voorlopig voor een "
            "concept.",
        ),
    ] = False,
    droog: Annotated[
        bool,
        typer.Option("--droog", help="Toon ontvangers en onderwerp; verstuur en schrijf niets."),
    ] = False,
    data: DataOptie = None,
) -> None:
    """Nodig de deelnemers van een vergadering per e-mail uit, met de agenda als PDF.

    Eén bericht per persoon: de leden van het overleg en de agendaleden die bij een punt
    aanschuiven (een themabijeenkomst: de genodigden), met de agenda als PDF en een
    uitnodiging voor de agenda (Outlook, Google Agenda) met dezelfde UID en hetzelfde
    volgnummer als 'waterketen kalender': een verplaatste vergadering werkt de afspraak
    bij, een geannuleerde zegt haar af. De secretaris is de organisator.

    Standaard worden de berichten .eml-bestanden om in Outlook te openen en te
    versturen; met --smtp gaan ze via de SMTP-server uit de omgeving. Wie geen
    e-mailadres heeft, wordt genoemd (exitcode 1); de anderen worden uitgenodigd.
    """
    import os

    from waterketen_cli import dutch
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import schrijven, today
    from waterketen_cli.git import mapgeschiedenis
    from waterketen_cli.models.records import Vergadering
    from waterketen_cli.records import dataset
    from waterketen_cli.vergaderen import kalender, lookup
    from waterketen_cli.vergaderen import uitnodiging as kern

    verzendopties.controleer(smtp=smtp, uitvoer=uitvoer, overschrijf=overschrijf, opnieuw=opnieuw)
    instellingen = kern.smtp_instellingen(os.environ) if smtp else None
    folder = data_dir(ctx, data)
    vandaag = today()
    with schrijven(folder, droog=droog) as sessie:
        gegevens = dataset.load(folder)
        vergadering = lookup.record(gegevens, Vergadering, vergadering_id)
        geschiedenis = mapgeschiedenis(folder, kalender.MAP)
        verzending = kern.plan(
            gegevens,
            vergadering,
            vandaag=vandaag,
            geschiedenis=geschiedenis,
            toch=toch,
            afzender=instellingen.afzender if instellingen else None,
        )
        log = kern.Verzendlog.van(folder)
        ontbrekend = list(verzending.ontbrekend)
        org = verzending.organisator
        output.message(verzending.kop)
        output.message(
            f"{'Afzegging' if verzending.methode == kern.CANCEL else 'Uitnodiging'} "
            f"(METHOD:{verzending.methode}, UID {verzending.revisie.uid}, "
            f"SEQUENCE {verzending.revisie.sequence}) van {org.naam} <{org.email}>"
        )
        if geschiedenis is not None and geschiedenis.onvolledig:
            output.print_warning(
                "de git-geschiedenis is onvolledig (een ondiepe kloon): het volgnummer kan te "
                "laag zijn, en agenda's werken de afspraak dan niet bij",
                "haal de hele geschiedenis op met 'git fetch --unshallow'",
            )
        if kern.niet_gecommit(geschiedenis, vergadering):
            output.print_warning(
                f"{vergadering.id} heeft wijzigingen die nog niet gecommit zijn",
                "commit eerst: dan heeft de uitnodiging hetzelfde tijdstempel als de kalender",
            )
        map_ = uitvoer if uitvoer is not None else Path("uitnodigingen") / vergadering.id
        if droog:
            output.message(f"Onderwerp: {kern.onderwerp(verzending)}")
            verzendopties.toon_droog(
                verzending.ontvangers,
                kern.bestandsnamen(verzending.ontvangers),
                map_,
                smtp=smtp,
                al_verstuurd=lambda o: bool(log.aantal(verzending.sleutel(o))),
                extra=_agendalid,
            )
            output.message_err("Droog: er wordt niets verstuurd of geschreven.")
        else:
            pdf = (
                kern.agenda_pdf(folder, gegevens, vergadering, vandaag=vandaag)
                if verzending.methode == kern.REQUEST
                else None
            )
            if instellingen is not None:
                uitslag = kern.verstuur(
                    verzending,
                    instellingen,
                    log,
                    pdf=pdf,
                    opnieuw=opnieuw,
                    verstuurd=verzendopties.meld_verstuurd,
                )
                output.message(f"al verstuurd: {len(uitslag.al)}; nu verstuurd: {len(uitslag.nu)}")
                if uitslag.al and not uitslag.nu:
                    output.message(
                        "Nog eens versturen (bijv. met een gewijzigde agenda): --opnieuw"
                    )
                ontbrekend += uitslag.geweigerd
            elif verzending.ontvangers:
                berichten = kern.bestanden(verzending, pdf=pdf, log=log)
                plan = kern.schrijfplan(
                    map_,
                    berichten,
                    overschrijf=overschrijf,
                    data_dir=folder,
                    wat=f"uitnodigingen voor {vergadering.id} geschreven",
                )
                sessie.voer_uit(plan)
                soort = "afzegging" if verzending.methode == kern.CANCEL else "uitnodiging"
                verzendopties.meld_eml(
                    folder, map_, dutch.aantal(len(berichten), soort, soort + "en")
                )
    verzendopties.meld_ontbrekend(
        ontbrekend, wat="niet uitgenodigd", wie=("persoon", "personen"), slot="niet uitgenodigd"
    )


def _agendalid(o: Ontvanger) -> str:
    """' (agendalid, punt 6)' for a guest who joins for some items."""
    from waterketen_cli import dutch

    if not o.punten:
        return ""
    return f" (agendalid, {'punt' if len(o.punten) == 1 else 'punten'} " + (
        f"{dutch.opsomming([str(n) for n in o.punten])})"
    )
