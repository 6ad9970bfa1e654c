"""``waterketen kalender``: the meetings as an iCalendar file for agenda programs."""

from __future__ import annotations

from typing import Annotated

import typer

from waterketen_cli.cli.common import DataOptie, OverschrijfOptie, UitvoerOptie, data_dir


def kalender(
    ctx: typer.Context,
    overleg: Annotated[
        str | None,
        typer.Option(
            "--overleg",
            metavar="ID",
            help="Alleen de vergaderingen van dit overleg (bijv. cco). Standaard: alle.",
            show_default=False,
        ),
    ] = None,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    data: DataOptie = None,
) -> None:
    """Maak een iCalendar-bestand (.ics) van de vergaderingen, om in een agenda te importeren.

    Tijden in Europe/Amsterdam. Elke vergadering houdt bij elke export dezelfde UID,
    zodat opnieuw importeren de afspraak bijwerkt in plaats van verdubbelt; een
    geannuleerde vergadering komt mee als geannuleerd. De beschrijving bevat alleen
    de openbare agendapunten: vertrouwelijke punten, namen en contactgegevens niet.

    Bijwerken komt uit de git-geschiedenis: het volgnummer (SEQUENCE) gaat
    omhoog bij elke wijziging van datum, begin- of eindtijd, plaats of status
    (ook annuleren), en het tijdstempel is de laatste commit die de vergadering
    veranderde. Een wijziging die nog niet gecommit is, telt al mee. Dezelfde
    gegevens en geschiedenis geven steeds hetzelfde bestand.

    Een verplaatste vergadering krijgt een nieuwe bestandsnaam en blijft toch
    dezelfde afspraak (dezelfde UID): git herkent het hernoemde bestand zodra het
    gecommit of met git mv klaargezet is. Vóór die tijd, buiten git of als het
    bestand te veel veranderde, zegt het record het zelf met het oude id:
    verplaatst_van: cco-2026-12-15 (bij een volgende verplaatsing laat u het staan).
    """
    from waterketen_cli import dutch, publiek
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today, write_document
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.git import mapgeschiedenis
    from waterketen_cli.soorten import SOORT_PER_NAAM
    from waterketen_cli.vergaderen import kalender as core
    from waterketen_cli.vergaderen import lookup

    folder = data_dir(ctx, data)
    # A calendar file is published: it is made from the public view.
    gegevens = publiek.laad(folder, core.SOORTEN, today())
    if overleg is not None:
        known = core.overleggen(gegevens)
        if overleg not in known:
            raise lookup.unknown(SOORT_PER_NAAM["overleg"], overleg, known, "--overleg")
    if uitvoer is not None and uitvoer.is_dir():
        raise GebruiksFout(
            f"{uitvoer} is een map", hint="geef een bestandsnaam, bijv. vergaderingen.ics"
        )
    geschiedenis = mapgeschiedenis(folder, core.MAP)
    if gegevens.overgeslagen:
        output.print_warning(
            "niet in de kalender, want niet geldig: " + ", ".join(gegevens.overgeslagen),
            "voer 'waterketen validate' uit om te zien wat eraan schort",
        )
    if geschiedenis is not None and geschiedenis.onvolledig:
        output.print_warning(
            "de git-geschiedenis is onvolledig (een ondiepe kloon): volgnummers kunnen "
            "lager uitvallen dan in de hele geschiedenis, en agenda's werken dan niet bij",
            "haal de hele geschiedenis op met 'git fetch --unshallow' "
            "(in GitHub Actions: fetch-depth: 0)",
        )
    calendar = core.kalender(gegevens, overleg, geschiedenis)
    if write_document(core.ics(calendar), uitvoer, overwrite=overschrijf) is not None:
        n = len(calendar.walk("VEVENT"))
        output.message(
            f"{dutch.aantal(n, 'vergadering', 'vergaderingen')} geschreven naar {uitvoer}"
        )
