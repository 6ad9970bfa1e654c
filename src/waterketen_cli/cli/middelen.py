"""``waterketen middelen``: the deployment of resources, for the meeting and for machines.

Thin: read the options, ask ``analyse.middelen``, then print a table, render the
document (Markdown, or Word or PDF with the chart of ``middelen_grafiek`` as an image)
or write JSON (``middelen_json``). Everything is imported when the command runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from waterketen_cli.cli.common import (
    DataOptie,
    OverschrijfOptie,
    TabelformaatOptie,
    TekstOfJson,
    UitvoerOptie,
    data_dir,
    meld_overgeslagen,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from waterketen_cli.analyse.middelen import Bedragen, Middelen, Signaal, Totaalregel
    from waterketen_cli.cli.tabellen import Cel


Formaat = TekstOfJson


class Status(StrEnum):
    """The project statuses (models.types.Projectstatus), without importing pydantic."""

    idee = "idee"
    voorstel = "voorstel"
    goedgekeurd = "goedgekeurd"
    lopend = "lopend"
    afgerond = "afgerond"
    gestopt = "gestopt"


def middelen(
    ctx: typer.Context,
    jaar: Annotated[
        int | None,
        typer.Option(
            "--jaar",
            metavar="JJJJ",
            min=1990,
            max=2100,
            help="Alleen de bedragen (begroting en financiering) van dit jaar.",
            show_default=False,
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            metavar="CLUSTER",
            help="Alleen de projecten van dit cluster (id); 'regionaal' voor de regionale "
            "projecten.",
            show_default=False,
        ),
    ] = None,
    thema: Annotated[
        str | None,
        typer.Option(
            "--thema",
            metavar="THEMA",
            help="Alleen de projecten met dit thema (id uit het regiorecord).",
            show_default=False,
        ),
    ] = None,
    project: Annotated[
        str | None,
        typer.Option(
            "--project",
            metavar="PROJECT",
            help="Alleen dit project (id), met welke status ook tenzij --status is gegeven.",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[Status] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Tel projecten met deze status: idee, voorstel, goedgekeurd, lopend, "
            "afgerond of gestopt (herhaalbaar). Standaard alle behalve idee en gestopt.",
            show_default=False,
        ),
    ] = None,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="Toon het document in Markdown in plaats van de tabellen."),
    ] = False,
    formaat: Annotated[
        Formaat,
        typer.Option("--format", "-f", help="Uitvoer: tekst (tabellen in de terminal) of json."),
    ] = Formaat.tekst,
    uitvoer: UitvoerOptie = None,
    overschrijf: OverschrijfOptie = False,
    documentformaat: TabelformaatOptie = None,
    data: DataOptie = None,
) -> None:
    """Toon de inzet van middelen: per project de begroting en de financiering per
    partner, de totalen per jaar, thema, partner en cluster, en wat opvalt.

    Ongedekt is begroting min toegezegd; tekort is wat daarna ook na toekenning van
    alle aanvragen nog ontbreekt. Een project met meer thema's of clusters telt bij
    elk ervan volledig mee; de totaalregel telt elk project één keer. Signalen: een
    jaar waarin de begroting niet door toezeggingen is gedekt, een jaar met meer
    financiering dan begroting, financiering door een organisatie die niet bij de
    clusters van het project hoort (bij een regionaal project: die geen partner is)
    en financiering in een jaar buiten de looptijd. Daarnaast de regionale begroting
    (data/begrotingen/) per jaar: begroting, toegezegd, toegekend, gerealiseerd, vrij en
    restant, met haar eigen signalen; daar geldt van de selectie alleen --jaar.
    --markdown of --uitvoer geeft het
    document voor de vergadering, met per project een balk van de begroting: wat is
    toegezegd, aangevraagd en wat ontbreekt (in Markdown Mermaid, in Word en PDF een
    afbeelding; --formaat of -o middelen.docx of middelen.pdf); --format json alles
    voor verdere verwerking.
    """
    from waterketen_cli import render
    from waterketen_cli.analyse import middelen as kern
    from waterketen_cli.cli import output
    from waterketen_cli.cli.common import today, write_document
    from waterketen_cli.documentformaat import documentformaat as bestandsformaat
    from waterketen_cli.documentformaat import formaat_voor as documentformaat_voor
    from waterketen_cli.documentformaat import werkboek_gevraagd
    from waterketen_cli.errors import GebruiksFout
    from waterketen_cli.models.types import Projectstatus
    from waterketen_cli.records.dataset import load

    document = markdown or uitvoer is not None or documentformaat is not None
    if formaat == Formaat.json and document:
        raise GebruiksFout(
            "--format json gaat niet samen met --markdown, --uitvoer of --formaat",
            hint="kies het document of json",
        )
    selectie = kern.Selectie(
        statussen=frozenset(Projectstatus(s.value) for s in status) if status else None,
        jaar=jaar,
        cluster=cluster,
        thema=thema,
        project=project,
    )
    folder = data_dir(ctx, data)
    gegevens = load(folder, kern.SOORTEN)
    uitkomst = kern.middelen(gegevens, selectie, today())
    meld_overgeslagen(gegevens.overgeslagen)
    if formaat == Formaat.json:
        from waterketen_cli.analyse import middelen_json

        output.json_doc(middelen_json.als_json(uitkomst))
    elif document and werkboek_gevraagd(uitvoer, documentformaat):
        from waterketen_cli import werkboek
        from waterketen_cli.cli.common import schrijf_werkboek

        inhoud = werkboek.werkboek(werkboek.middelen(uitkomst), titel="Inzet van middelen")
        told = schrijf_werkboek(inhoud, uitvoer, overwrite=overschrijf)
        if told:
            output.message(told)
    elif document:
        from waterketen_cli.analyse import middelen_grafiek
        from waterketen_cli.documentformaat import Afbeelding
        from waterketen_cli.documentformaat import Formaat as Bestandsformaat

        soorten = [(kop, uitkomst.signalen_van(s)) for s, (kop, _) in kern.SIGNAALSOORTEN.items()]
        grafiek = middelen_grafiek.dekkingsgrafiek(uitkomst, jaar)
        # Drawing the image takes a moment: only for the formats that show it.
        als_afbeelding = (
            documentformaat_voor(uitvoer, bestandsformaat(documentformaat)) != Bestandsformaat.md
        )
        afbeeldingen: list[Afbeelding] = []
        if grafiek is not None and als_afbeelding:
            from waterketen_cli.analyse import grafieken

            afbeeldingen.append(grafieken.afbeelding(grafiek.beeld, grafiek.naam))
        tekst = render.render(
            folder.parent,
            "middelen.md.j2",
            m=uitkomst,
            signaalsoorten=soorten,
            grafiek=grafiek,
            grafiek_max=middelen_grafiek.GRAFIEK_MAX_PROJECTEN,
            afbeeldingen=als_afbeelding,
        )
        told = write_document(
            tekst,
            uitvoer,
            overwrite=overschrijf,
            formaat=bestandsformaat(documentformaat),
            bron=(folder, gegevens),
            afbeeldingen=afbeeldingen,
        )
        if told:
            output.message(told)
    else:
        _tabellen(uitkomst)


# --- the terminal view ------------------------------------------------------------------------


def _tabellen(m: Middelen) -> None:
    from waterketen_cli import dutch
    from waterketen_cli.analyse.middelen import SIGNAALSOORTEN
    from waterketen_cli.cli import output

    kop = f"Inzet van middelen, {m.regio}" if m.regio else "Inzet van middelen"
    output.message(f"{kop} — stand {dutch.datum(m.vandaag)}", "bold")
    for regel in m.selectie:
        output.message(regel, "dim")
    output.message("")
    if not m.projecten:
        output.message("Geen projecten in deze selectie.")
        _regionaal(m)
        return
    bedragkoppen = ["begroting", "toegezegd", "aangevraagd", "ongedekt", "tekort"]
    rijen = [
        [
            (p.project.id, "bold" if p.signalen else ""),
            *_bedragcellen(p.totaal),
            (_kort(p.signalen), "yellow"),
        ]
        for p in m.projecten
    ]
    rijen.append([("Totaal", "bold"), *_bedragcellen(m.totaal), ("", "")])
    n = len(m.projecten)
    _tabel(
        ["project", *bedragkoppen, "signalen"],
        rijen,
        f"{dutch.aantal(n, 'project', 'projecten')}. Ongedekt = begroting − toegezegd; "
        "tekort = ongedekt − aangevraagd.",
    )

    def totalen(titel: str, kolom: str, regels: Sequence[Totaalregel], noot: str) -> None:
        output.message(f"\n{titel}", "bold")
        rijen = [[(r.naam, ""), (str(r.projecten), ""), *_bedragcellen(r.bedragen)] for r in regels]
        rijen.append([("Totaal", "bold"), (str(n), "bold"), *_bedragcellen(m.totaal)])
        _tabel([kolom, "projecten", *bedragkoppen], rijen, noot)

    totalen("Per jaar", "jaar", m.per_jaar, "De jaren tellen op tot het totaal.")
    totalen(
        "Per thema",
        "thema",
        m.per_thema,
        "Een project met meer thema's telt bij elk thema volledig mee "
        f"({len(m.meer_themas)} van de {n} projecten); de themaregels overlappen.",
    )
    output.message("\nPer partner", "bold")
    rijen = [
        [
            (d.naam, ""),
            (d.soort if d.is_partner else f"{d.soort}, geen partner", ""),
            (str(len(d.projecten)), ""),
            *_rechts([d.toegezegd, d.aangevraagd, d.totaal]),
        ]
        for d in m.per_partner
    ]
    rijen.append(
        [
            ("Totaal", "bold"),
            ("", ""),
            ("", ""),
            *_rechts([m.totaal.toegezegd, m.totaal.aangevraagd, m.totaal.financiering]),
        ]
    )
    _tabel(
        ["partner", "soort", "projecten", "toegezegd", "aangevraagd", "totaal"],
        rijen,
        "De partners tellen op tot de totale financiering.",
    )
    gedeeld = (
        f"Een project van meer clusters telt bij elk cluster volledig mee "
        f"(hier: {', '.join(m.meer_clusters)})"
        if m.meer_clusters
        else "Geen project hoort bij meer dan één cluster"
    )
    totalen("Per cluster", "cluster", m.per_cluster, f"{gedeeld}; regionale projecten apart.")
    _regionaal(m)
    output.message("\nSignalen", "bold")
    if not m.signalen:
        output.message("Geen signalen.")
        return
    rijen = [
        [
            (s.project, "bold"),
            (str(s.jaar), ""),
            (SIGNAALSOORTEN[s.soort][1], "yellow"),
            *_rechts([s.bedrag]),
            (s.toelichting, ""),
        ]
        for s in m.signalen
    ]
    _tabel(
        ["project", "jaar", "signaal", "bedrag", "toelichting"],
        rijen,
        f"{dutch.aantal(len(m.signalen), 'signaal', 'signalen')}.",
    )


def _regionaal(m: Middelen) -> None:
    """The regional budget per year, and its signals."""
    from waterketen_cli import dutch
    from waterketen_cli.cli import output

    r = m.regionaal
    output.message("\nRegionale begroting", "bold")
    if not r.jaren:
        jaar = f" voor {m.jaar}" if m.jaar else ""
        output.message(f"Geen regionale begroting vastgelegd{jaar} (data/begrotingen/).")
        return
    velden = ["begroting", "toegezegd", "toegekend", "gerealiseerd", "vrij", "restant"]
    rijen = [[(str(j.jaar), ""), *_rechts([getattr(j, v) for v in velden])] for j in r.jaren]
    if len(r.jaren) > 1:
        rijen.append([("Totaal", "bold"), *_rechts([r.totaal(v) for v in velden])])
    _tabel(
        ["jaar", *velden],
        rijen,
        "Voor de hele regio; van de selectie telt alleen --jaar. Vrij = begroting − "
        "toegekend; restant = begroting − gerealiseerd. Bijdragen en toekenningen: --markdown.",
    )
    if not r.signalen:
        output.message("Geen signalen van de regionale begroting.")
        return
    output.message("")
    rijen = [
        [
            (str(s.jaar), ""),
            (s.kop.lower(), "yellow"),
            *_rechts([s.bedrag]),
            (s.toelichting, ""),
        ]
        for s in r.signalen
    ]
    _tabel(
        ["jaar", "signaal", "bedrag", "toelichting"],
        rijen,
        f"{dutch.aantal(len(r.signalen), 'signaal', 'signalen')} van de regionale begroting.",
    )


def _bedragcellen(b: Bedragen) -> list[Cel]:
    return _rechts([b.begroting, b.toegezegd, b.aangevraagd, b.ongedekt, b.tekort])


def _rechts(bedragen: Sequence[Decimal]) -> list[Cel]:
    from waterketen_cli.dutch import bedrag

    return [(bedrag(b), "red" if b < 0 else "") for b in bedragen]


def _tabel(kolommen: list[str], rijen: list[list[Cel]], samenvatting: str) -> None:
    """The columns that hold only amounts or counts are aligned right; the first one
    (the name) and the last one, if it is text, may wrap in a narrow terminal."""
    from waterketen_cli.cli import tabellen

    rechts = {
        i
        for i in range(len(kolommen))
        if (cellen := [rij[i][0] for rij in rijen if rij[i][0]])
        and all(c.startswith("€") or c.isdigit() for c in cellen)
    }
    laatste = len(kolommen) - 1
    vouw = {0} if laatste in rechts else {0, laatste}
    tabellen.table(kolommen, rijen, samenvatting, rechts=rechts, vouw=vouw)


def _kort(signalen: Sequence[Signaal]) -> str:
    """'niet gedekt 2027, 2028; buiten de looptijd 2029'"""
    from waterketen_cli.analyse.middelen import SIGNAALSOORTEN

    per_soort: dict[str, list[str]] = {}
    for s in signalen:
        jaren = per_soort.setdefault(s.soort, [])
        if str(s.jaar) not in jaren:
            jaren.append(str(s.jaar))
    return "; ".join(f"{SIGNAALSOORTEN[k][1]} {', '.join(j)}" for k, j in per_soort.items())
