"""``waterketen nieuwsbrief``: draft the next newsletter, and send it to the mailing list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli import verzendopties
from waterketen_cli.cli.common import CommitOptie, DataOptie, DroogOptie, data_dir

if TYPE_CHECKING:
    from waterketen_cli.communicatie.verzendlijst import Verzendlijst
    from waterketen_cli.verzenden import Ontbrekend

app = typer.Typer(
    help="De nieuwsbrief: het concept opstellen en versturen aan de verzendlijst.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command("new")
def new(
    ctx: typer.Context,
    titel: Annotated[
        str | None,
        typer.Option("--titel", help="De titel. Standaard: 'Nieuwsbrief <maand> <jaar>'."),
    ] = None,
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum", help="De datum van de nieuwsbrief (JJJJ-MM-DD). Standaard: vandaag."
        ),
    ] = None,
    toch: Annotated[
        bool,
        typer.Option("--toch", help="Maak een nieuw concept, ook als er al een concept is."),
    ] = False,
    droog: DroogOptie = False,
    commit: CommitOptie = False,
    data: DataOptie = None,
) -> None:
    """Stel het concept van de volgende nieuwsbrief op, in data/nieuwsbrieven/.

    Uit wat er sinds de vorige nieuwsbrief veranderde (voor de eerste: de drie maanden
    ervoor): nieuwe en gestarte projecten, bereikte mijlpalen, de openbare besluiten van
    de stuurgroep en het clustercoördinatorenoverleg per vergadering, terugblikken op
    themabijeenkomsten, opvallende nieuwe cijfers uit de monitor en de agenda. Alleen
    wat openbaar is. Het concept is Markdown met een kop; pas het daarna gewoon aan.
    Is er al een concept, dan wordt er geen tweede gemaakt (tenzij --toch).
    """
    from waterketen_cli import dutch, publiek
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import parse_date, schrijven, shown, today, told
    from waterketen_cli.communicatie import opstellen
    from waterketen_cli.records import dataset, nieuwsbrief

    folder = data_dir(ctx, data)
    vandaag = today()
    dag = parse_date(datum, "--datum") if datum else vandaag
    if titel is not None and (not titel.strip() or "\n" in titel or "\r" in titel):
        from waterketen_cli.errors import GebruiksFout

        raise GebruiksFout(
            "--titel: de titel is één regel tekst", hint="bijv. --titel 'Nieuwsbrief december 2026'"
        )
    with schrijven(folder, droog=droog, commit=commit) as sessie:
        brieven = nieuwsbrief.lees_alle(folder)
        if not toch:
            opstellen.weiger_tweede_concept(brieven)
        gegevens = dataset.load(folder)
        periode = opstellen.periode(brieven, dag)
        veranderingen = opstellen.veranderingen(folder, periode.van)
        context = opstellen.inhoud(
            publiek.publiek(gegevens, vandaag),
            periode,
            veranderingen,
            titel=" ".join((titel or opstellen.standaardtitel(dag)).split()),
            vandaag=vandaag,
        )
        pad = folder / nieuwsbrief.MAP / f"{opstellen.nieuw_id(folder, brieven, dag)}.md"
        plan = opstellen.schrijfplan(gegevens, pad, opstellen.tekst(folder, context))
        uitkomst = sessie.voer_uit(plan)
    if not droog:
        output.message(f"Concept-nieuwsbrief opgesteld: {shown(pad)}")
        for line in told(uitkomst):
            output.message(line)
    vorige = periode.vorige
    output.message(
        f"Periode: {dutch.datum(periode.van)} tot en met {dutch.datum(periode.tot)} "
        + (f"(sinds nieuwsbrief {vorige.id})" if vorige else "(de eerste nieuwsbrief)")
    )
    delen = [
        ("nieuwe projecten", len(context["nieuwe_projecten"])),
        ("gestarte projecten", len(context["gestarte_projecten"])),
        ("mijlpalen", len(context["mijlpalen"])),
        ("vergaderingen met besluiten", len(context["besluiten"])),
        ("terugblikken", len(context["terugblikken"])),
        ("cijfers uit de monitor", len(context["monitor"])),
        ("op de agenda", len(context["agenda"])),
    ]
    output.message("Inhoud: " + ", ".join(f"{wat}: {n}" for wat, n in delen))
    if veranderingen is None:
        output.print_warning(
            "de git-geschiedenis gaat niet terug tot het begin van de periode (of de map ligt "
            "niet in git): wat nieuw is, komt alleen uit de datums in de gegevens",
            "haal de hele geschiedenis op ('git fetch --unshallow') voor een volledig concept",
        )
    if gegevens.overgeslagen:
        output.print_warning(
            f"{dutch.aantal(len(gegevens.overgeslagen), 'bestand', 'bestanden')} overgeslagen "
            "omdat ze niet geldig zijn",
            "voer 'waterketen validate' uit",
        )
    if not droog:
        output.message("Bewerk het concept en verstuur het met 'waterketen nieuwsbrief verstuur'.")


@app.command("verstuur")
def verstuur(
    ctx: typer.Context,
    nieuwsbrief_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="De nieuwsbrief, bijv. 2026-12. Standaard: het nieuwste concept.",
            show_default=False,
        ),
    ] = None,
    uitvoer: verzendopties.NieuwsbriefMapOptie = None,
    overschrijf: verzendopties.EmlOverschrijfOptie = False,
    smtp: verzendopties.NieuwsbriefSmtpOptie = False,
    opnieuw: verzendopties.OpnieuwOptie = False,
    markeer_verzonden: Annotated[
        bool,
        typer.Option(
            "--markeer-verzonden",
            help="Verstuur niets; leg alleen vast dat de nieuwsbrief verzonden is (na het "
            "versturen van de .eml-bestanden).",
        ),
    ] = False,
    toch: Annotated[
        bool,
        typer.Option(
            "--toch",
            help="Verstuur ook een nieuwsbrief die al verzonden is (aan wie er sindsdien bij "
            "kwam: het verzendlog houdt bij wie hem kreeg).",
        ),
    ] = False,
    droog: Annotated[
        bool,
        typer.Option(
            "--droog",
            help="Toon ontvangers, onderwerp en de nieuwe status; verstuur en schrijf niets.",
        ),
    ] = False,
    commit: CommitOptie = False,
    data: DataOptie = None,
) -> None:
    """Verstuur een nieuwsbrief per e-mail aan de verzendlijst (data/verzendlijst/).

    Eén bericht per ontvanger met toestemming die zich niet heeft afgemeld: HTML die
    e-mailprogramma's goed tonen (de opmaak in de elementen zelf), een tekstdeel en een
    kop List-Unsubscribe (afmelden per e-mail bij de communicatieadviseur).

    Standaard worden het .eml-bestanden om in Outlook te openen en te versturen; leg
    daarna met --markeer-verzonden vast dat hij verzonden is. Met --smtp gaan ze via de
    SMTP-server uit de omgeving, en als iedereen hem heeft, wordt de status in de kop
    'verzonden' met de datum, zodat het archief op de website hem toont.
    """
    import os

    from waterketen_cli import dutch
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import schrijven, shown, today, told
    from waterketen_cli.communicatie import versturen
    from waterketen_cli.communicatie import verzendlijst as lijst
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.records import dataset, nieuwsbrief
    from waterketen_cli.verzenden import Verzendlog, eml_plan, smtp_instellingen

    if markeer_verzonden and (smtp or uitvoer is not None or overschrijf or opnieuw):
        raise GebruiksFout(
            "--markeer-verzonden verstuurt en schrijft geen berichten",
            hint="laat --smtp, --uitvoer, --overschrijf en --opnieuw weg",
        )
    verzendopties.controleer(smtp=smtp, uitvoer=uitvoer, overschrijf=overschrijf, opnieuw=opnieuw)
    if commit and not (smtp or markeer_verzonden):
        raise GebruiksFout(
            "--commit hoort bij --smtp of --markeer-verzonden: dan verandert de status van de "
            "nieuwsbrief",
            hint=".eml-bestanden bevatten e-mailadressen en worden nooit gecommit",
        )
    instellingen = smtp_instellingen(os.environ) if smtp else None
    folder = data_dir(ctx, data)
    vandaag = today()
    ontbrekend: list[Ontbrekend] = []
    with schrijven(folder, droog=droog, commit=commit) as sessie:
        brief = versturen.kies(
            nieuwsbrief.lees_alle(folder), nieuwsbrief_id, toch=toch or markeer_verzonden
        )
        if markeer_verzonden:
            if brief.status == nieuwsbrief.Nieuwsbriefstatus.VERZONDEN:
                assert brief.verzonden_op is not None
                output.message(
                    f"Nieuwsbrief {brief.id} is al verzonden op {dutch.datum(brief.verzonden_op)}."
                )
                return
            uitkomst = sessie.voer_uit(versturen.statusplan(folder, brief, vandaag))
            if not droog:
                output.message(
                    f"Nieuwsbrief {brief.id} is verzonden op {dutch.datum(vandaag)}: "
                    f"{shown(brief.pad)}"
                )
                for line in told(uitkomst):
                    output.message(line)
            return
        gegevens = dataset.load(folder, lijst.SOORTEN)
        verzendlijst = lijst.verzendlijst(gegevens, vandaag)
        verzending = versturen.plan(folder.parent, gegevens, brief, verzendlijst)
        log = Verzendlog.van(folder)
        ontbrekend += verzending.lijst.ontbrekend
        van = verzending.afzender
        output.message(
            f"{brief.titel} ({brief.id}, {dutch.datum(brief.datum)}) van {van.naam} <{van.email}>"
        )
        _niet_op_de_lijst(verzendlijst)
        map_ = uitvoer if uitvoer is not None else Path(f"nieuwsbrief-{brief.id}")
        if droog:
            output.message(f"Onderwerp: {versturen.onderwerp(verzending)}")
            verzendopties.toon_droog(
                verzending.ontvangers,
                versturen.bestandsnamen(verzending.ontvangers),
                map_,
                smtp=smtp,
                al_verstuurd=lambda o: bool(log.aantal(verzending.sleutel(o))),
            )
            if smtp and not ontbrekend and brief.status == nieuwsbrief.Nieuwsbriefstatus.CONCEPT:
                # Once everyone has it, the header says so: this is how it would change.
                sessie.voer_uit(versturen.statusplan(folder, brief, vandaag))
            output.message_err("Droog: er wordt niets verstuurd of geschreven.")
        elif instellingen is not None:
            uitslag = versturen.verstuur(
                verzending,
                instellingen,
                log,
                opnieuw=opnieuw,
                verstuurd=verzendopties.meld_verstuurd,
            )
            output.message(f"al verstuurd: {len(uitslag.al)}; nu verstuurd: {len(uitslag.nu)}")
            ontbrekend += uitslag.geweigerd
            if (
                brief.status == nieuwsbrief.Nieuwsbriefstatus.CONCEPT
                and not ontbrekend
                and not versturen.nog_niet(verzending, log)
            ):
                uitkomst = sessie.voer_uit(versturen.statusplan(folder, brief, vandaag))
                output.message(
                    f"Nieuwsbrief {brief.id} is verzonden op {dutch.datum(vandaag)}: "
                    f"{shown(brief.pad)}"
                )
                for line in told(uitkomst):
                    output.message(line)
            elif brief.status == nieuwsbrief.Nieuwsbriefstatus.CONCEPT:
                output.message(
                    "De status blijft 'concept' tot iedereen hem heeft: los de meldingen "
                    "hieronder op en voer de opdracht opnieuw uit"
                )
        elif verzending.ontvangers:
            berichten = versturen.bestanden(verzending)
            plan = eml_plan(
                map_,
                berichten,
                overschrijf=overschrijf,
                data_dir=folder,
                wat=f"nieuwsbrief {brief.id} als e-mail geschreven",
                berichten="nieuwsbrieven",
            )
            sessie.voer_uit(plan)
            verzendopties.meld_eml(
                folder, map_, dutch.aantal(len(berichten), "bericht", "berichten")
            )
            output.message(
                f"Daarna: waterketen nieuwsbrief verstuur {brief.id} --markeer-verzonden"
            )
        else:
            output.message("Er staat niemand met toestemming op de verzendlijst: niets geschreven.")
    verzendopties.meld_ontbrekend(
        ontbrekend, wat="niet verstuurd", wie=("ontvanger", "ontvangers"), slot="niet bereikt"
    )


def _niet_op_de_lijst(lijst: Verzendlijst) -> None:
    """Who is on the list and gets nothing, counted (never named: the terminal of a
    shared screen)."""
    from waterketen_cli import dutch
    from waterketen_cli.cli import output

    output.message(
        f"Verzendlijst: {dutch.aantal(len(lijst.ontvangers), 'ontvanger', 'ontvangers')}"
    )
    if lijst.afgemeld:
        output.message(f"  afgemeld: {len(lijst.afgemeld)}")
    if lijst.dubbel:
        output.message(f"  dubbel adres, één keer verstuurd: {len(lijst.dubbel)}")
    if lijst.zonder_toestemming:
        output.print_warning(
            f"zonder vastgelegde toestemming, niet verstuurd: {len(lijst.zonder_toestemming)}",
            "voer 'waterketen validate' uit: het noemt de bestanden",
        )
