"""The record models: one YAML file per record, the file name being the id.

Validation here is per record. What needs more than one record (references, the
rules of the cooperation) lives in ``waterketen_cli.checks``; what those checks need
to know of a record, its *facts*, the record says itself (``feiten``, typed by a
``TypedDict`` of its kind next to its model). A kind of record is its model here plus
its line in ``soorten.SOORTEN`` (docs/ontwerp.md, "Een soort toevoegen").
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, TypedDict

from pydantic import Field

from waterketen_cli.findings import Pad
from waterketen_cli.models.base import (
    INDELING,
    ONGEORDEND,
    BesluitRef,
    ClusterRef,
    Id,
    IndicatorRef,
    Model,
    OrganisatieRef,
    OverlegRef,
    PersoonRef,
    ProjectRef,
    Record,
    Regel,
    Tekst,
    ThemaRef,
    VergaderingRef,
)
from waterketen_cli.models.types import (
    Actiestatus,
    Activiteitstatus,
    Afhandeling,
    Bedrag,
    Behandelvorm,
    BeslotenPunten,
    Besluitnummer,
    Datum,
    Doelgroep,
    Email,
    Financieringsstatus,
    Gebied,
    Geheel,
    Getal,
    Grondslag,
    Jaar,
    JaNee,
    Minuten,
    Organisatiesoort,
    Overlegsoort,
    Projectstatus,
    Richting,
    Ritmeeenheid,
    Rol,
    Schoolregio,
    Telefoon,
    Tijd,
    Toestemmingswijze,
    Uitkomst,
    VastPunt,
    Vergaderstatus,
    Verschuiving,
    VertrouwelijkTot,
    Voorstelstatus,
    Waardesoort,
    Weekdag,
    Weekvandemaand,
)

# --- regio -------------------------------------------------------------------------


class Periode(Model):
    begin: Datum
    eind: Datum


class Waterakkoord(Model):
    naam: Regel = Field(description="Naam van het waterakkoord, bijv. 'Ons Water centraal'.")
    begin: Datum
    eind: Datum


class Thema(Model):
    id: Id
    naam: Regel
    omschrijving: Tekst | None = None
    regionaal: JaNee = Field(
        default=False,
        description="Een thema van de regionale werkwijze: elk cluster hoort er aan te werken.",
    )


class Indicator(Model):
    id: Id
    naam: Regel
    eenheid: Regel = Field(description="Bijv. '€/jaar', '%', 'fte', 'kWh/m³'.")
    gebied: Gebied
    richting: Richting
    waardesoort: Waardesoort = Waardesoort.GETAL
    bron: Regel | None = Field(
        default=None,
        description="De gebruikelijke bron, bijv. 'COELO, Atlas van de lokale lasten'.",
    )


#: The logo: a PNG or JPEG inside the repository, by its path from the folder that holds
#: data/ (no absolute path, no '..', no backslash; each folder starts with a letter,
#: digit, '_' or '-').
LOGO_PATTERN = (
    r"^[A-Za-z0-9_-][A-Za-z0-9_. -]*(?:/[A-Za-z0-9_-][A-Za-z0-9_. -]*)*"
    r"\.(?:png|PNG|jpg|JPG|jpeg|JPEG)$"
)


class Sleuteldeel(Model):
    """One group of partners in a verdeelsleutel: its share, and how it is divided."""

    soort: Organisatiesoort = Field(
        description="De partners van deze soort (partner: true): gemeente, waterschap, "
        "waterbedrijf, ..."
    )
    aandeel: Geheel = Field(
        ge=1,
        description="Hun deel: een geheel getal. De groepen delen het totaal naar verhouding "
        "van hun aandelen: 60, 25 en 15 is 60, 25 en 15 procent; 1, 1 en 1 is elk een derde.",
    )
    naar: Grondslag = Field(
        default=Grondslag.GELIJK,
        description="Hoe dat deel over hen wordt verdeeld: naar 'inwoners' of "
        "'aansluitingen' (uit hun organisatierecord), of 'gelijk'.",
    )


class Verdeelsleutel(Model):
    """How the partners share the regional budget (``data/begrotingen/``)."""

    id: Id
    naam: Regel
    delen: list[Sleuteldeel] = Field(
        min_length=1, description="Per soort partner het aandeel, elke soort één keer."
    )
    toelichting: Tekst | None = None


class RegioFeiten(TypedDict):
    """What the checks across records know of a regio record (``Regio.feiten``)."""

    themas: list[str]  # the ids of the themes
    indicatoren: dict[str, tuple[bool, str]]  # id -> (ja/nee, eenheid)
    maanden: int  # programma_verouderd_na_maanden
    logo: str | None
    # id -> [(soort, grondslag)]: which partners a key divides over, and how
    verdeelsleutels: dict[str, list[tuple[str, str]]]


class Regio(Record):
    """The region: its programme, themes and indicator definitions."""

    naam: Regel
    waterakkoord: Waterakkoord
    themas: list[Thema] = Field(min_length=1)
    indicatoren: list[Indicator] = Field(default_factory=list)
    programma_verouderd_na_maanden: Geheel = Field(
        default=6,
        ge=1,
        le=36,
        description="Na hoeveel maanden zonder bijwerken een clusterprogramma aandacht vraagt.",
    )
    besloten_punten: BeslotenPunten = Field(
        default=BeslotenPunten.TONEN,
        description="Hoe een openbare agenda een vertrouwelijk punt toont: 'als besloten punt' "
        "(genummerd, zonder onderwerp: de nummering klopt met de interne agenda en het "
        "verslag) of 'weglaten'.",
    )
    logo: str | None = Field(
        default=None,
        pattern=LOGO_PATTERN,
        max_length=200,
        description="Het logo in de kop van Word- en PDF-documenten: het pad van een PNG- of "
        "JPEG-bestand in de repository, bijv. 'templates/logo.png'.",
    )
    verdeelsleutels: list[Verdeelsleutel] = Field(
        default_factory=list,
        description="Hoe de partners de regionale begroting delen; een begroting noemt "
        "de sleutel die ze gebruikt.",
    )

    def feiten(self) -> RegioFeiten:
        return {
            "themas": [t.id for t in self.themas],
            "indicatoren": {
                i.id: (i.waardesoort == Waardesoort.JA_NEE, i.eenheid) for i in self.indicatoren
            },
            "maanden": self.programma_verouderd_na_maanden,
            "logo": self.logo,
            "verdeelsleutels": {
                v.id: [(d.soort.value, d.naar.value) for d in v.delen] for v in self.verdeelsleutels
            },
        }


# --- organisaties en personen --------------------------------------------------------


class OrganisatieFeiten(TypedDict):
    """What the checks across records know of an organisation (``Organisatie.feiten``)."""

    soort: str
    partner: bool
    inwoners: int | None
    aansluitingen: int | None


class Organisatie(Record):
    naam: Regel
    soort: Organisatiesoort
    partner: JaNee = Field(default=True, description="Partner in de samenwerking.")
    provincie: Regel | None = None
    website: Regel | None = None
    inwoners: Geheel | None = Field(
        default=None, ge=0, description="Aantal inwoners, voor een verdeelsleutel naar inwoners."
    )
    aansluitingen: Geheel | None = Field(
        default=None,
        ge=0,
        description="Aantal (drinkwater)aansluitingen, voor een verdeelsleutel naar aansluitingen.",
    )

    def feiten(self) -> OrganisatieFeiten:
        return {
            "soort": self.soort.value,
            "partner": self.partner,
            "inwoners": self.inwoners,
            "aansluitingen": self.aansluitingen,
        }


class Persoon(Record):
    naam: Regel
    organisatie: OrganisatieRef
    functie: Regel
    ambt: Regel | None = Field(
        default=None,
        description="Het ambt van een bestuurder zoals openbare stukken het noemen, bijv. "
        "'wethouder gemeente Veendam' of 'lid dagelijks bestuur Noorderzijlvest'.",
    )
    email: Email | None = None
    telefoon: Telefoon | None = None
    naam_openbaar: JaNee = Field(
        default=False,
        description="Mag de naam gepubliceerd worden (bestuurder, of toestemming gegeven)?",
    )
    forge_account: str | None = Field(
        default=None,
        # A user ("mkuipers") or a team or group ("waterketen/regie") on GitHub or GitLab;
        # an "@" in front is allowed (quoted, as YAML reserves a leading "@").
        pattern=r"^@?[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$",
        max_length=100,
        description="Gebruikersnaam op het git-platform, voor de reviewtoewijzing (CODEOWNERS). "
        "Bijv. mkuipers, of een team: waterketen/regie.",
    )


# --- clusters -------------------------------------------------------------------------


class Activiteit(Model):
    id: Id
    titel: Regel
    thema: ThemaRef
    status: Activiteitstatus
    eigenaar: PersoonRef
    begin: Datum | None = None
    eind: Datum | None = None
    bijgewerkt: Datum = Field(description="Wanneer deze activiteit voor het laatst is bijgewerkt.")
    project: ProjectRef | None = None
    omschrijving: Tekst | None = None


class Meting(Model):
    indicator: IndicatorRef
    peildatum: Datum
    waarde: JaNee | Getal = Field(
        description="Een getal (met een punt als decimaalteken), of true/false bij een "
        "ja/nee-indicator."
    )
    bron: Regel
    toelichting: Tekst | None = None


class ClusterFeiten(TypedDict):
    """What the checks across records know of a cluster (``Cluster.feiten``)."""

    gemeenten: list[str]
    waterschappen: list[str]
    waterbedrijven: list[str]
    coordinator: str
    waterteam: str
    bijgewerkt: list[str]  # of each activity of the programme, in its order
    metingen: list[tuple[str, bool, str]]  # (indicator, ja/nee, peildatum)


class Cluster(Record):
    naam: Regel
    gemeenten: Annotated[list[OrganisatieRef], ONGEORDEND] = Field(min_length=1)
    waterschappen: Annotated[list[OrganisatieRef], ONGEORDEND] = Field(min_length=1)
    waterbedrijven: Annotated[list[OrganisatieRef], ONGEORDEND] = Field(
        default_factory=list, description="Waterbedrijven, agendaleden van het waterteam."
    )
    coordinator: PersoonRef
    waterteam: OverlegRef = Field(
        description="Id van het overleg dat het waterteam van dit cluster is."
    )
    programma: list[Activiteit] = Field(default_factory=list)
    metingen: list[Meting] = Field(default_factory=list)

    def feiten(self) -> ClusterFeiten:
        return {
            "gemeenten": list(self.gemeenten),
            "waterschappen": list(self.waterschappen),
            "waterbedrijven": list(self.waterbedrijven),
            "coordinator": self.coordinator,
            "waterteam": self.waterteam,
            "bijgewerkt": [a.bijgewerkt.isoformat() for a in self.programma],
            "metingen": [
                (m.indicator, isinstance(m.waarde, bool), m.peildatum.isoformat())
                for m in self.metingen
            ],
        }


# --- overleggen en vergaderingen ---------------------------------------------------------


class Lid(Model):
    persoon: PersoonRef
    rol: Rol


class Agendalid(Model):
    organisatie: OrganisatieRef
    persoon: PersoonRef | None = None
    voor: list[Regel] = Field(
        default_factory=list, description="Voor welke onderwerpen dit agendalid aanschuift."
    )


class VastAgendapunt(Model):
    titel: Regel
    soort: VastPunt
    behandelvorm: Behandelvorm = Behandelvorm.BESPREKING
    duur: Minuten = 10


class Ritme(Model):
    """When a body meets, as a rule: ``waterketen agenda plan JAAR`` makes the year's dates
    of it. Every few weeks from a first date (``elke: 6, eenheid: weken, vanaf:
    2027-01-26``), or a weekday of the month (``elke: 1, eenheid: maanden, dag: dinsdag,
    week: tweede``: de tweede dinsdag van elke maand)."""

    elke: Geheel = Field(
        ge=1, le=52, description="Om de hoeveel weken of maanden, bijv. 6 (weken) of 3 (maanden)."
    )
    eenheid: Ritmeeenheid
    dag: Weekdag | None = Field(
        default=None,
        description="De weekdag. Bij een ritme in maanden verplicht; bij weken die van "
        "'vanaf' (dan mag het weg).",
    )
    week: Weekvandemaand | None = Field(
        default=None,
        description="Bij een ritme in maanden: de hoeveelste weekdag van de maand "
        "(eerste, tweede, derde, vierde of laatste).",
    )
    vanaf: Datum | None = Field(
        default=None,
        description="Bij weken: de eerste vergadering van het ritme (verplicht); de volgende "
        "vallen 'elke' weken later, ook in latere jaren. Bij maanden: de maand waarin het "
        "ritme begint (standaard januari van het jaar).",
    )
    duur: Minuten = Field(default=120, description="Hoe lang een vergadering duurt, in minuten.")
    schoolvakanties: JaNee = Field(
        default=True,
        description="Ook niet in de schoolvakanties van de regio (data/schoolvakanties/); "
        "feestdagen worden altijd vermeden.",
    )
    bij_vrije_dag: Verschuiving = Field(
        default=Verschuiving.WEEK_LATER,
        description="Een datum op een feestdag of in een schoolvakantie: 'een week later' "
        "(dezelfde weekdag, zo nodig nog een week, maar niet op of na de volgende datum "
        "van het ritme) of 'overslaan'.",
    )


class OverlegFeiten(TypedDict):
    """What the checks across records know of a body (``Overleg.feiten``)."""

    soort: str
    cluster: str | None
    voorzitter: str
    leden: list[tuple[str, str]]  # (persoon, rol)


class Overleg(Record):
    naam: Regel
    soort: Overlegsoort
    cluster: ClusterRef | None = Field(default=None, description="Het cluster van een waterteam.")
    thema: ThemaRef | None = Field(default=None, description="Het thema van een themabijeenkomst.")
    voorzitter: PersoonRef
    secretaris: PersoonRef
    leden: list[Lid] = Field(min_length=1)
    agendaleden: list[Agendalid] = Field(default_factory=list)
    vaste_agendapunten: list[VastAgendapunt] = Field(default_factory=list)
    begintijd: Tijd | None = Field(default=None, description="Gebruikelijke begintijd.")
    locatie: Regel | None = Field(default=None, description="Gebruikelijke vergaderplaats.")
    ritme: Ritme | None = Field(
        default=None,
        description="Wanneer het overleg vergadert, als regel: 'waterketen agenda plan JAAR' "
        "zet de vergaderingen van een jaar daarmee klaar.",
    )

    def feiten(self) -> OverlegFeiten:
        return {
            "soort": self.soort.value,
            "cluster": self.cluster,
            "voorzitter": self.voorzitter,
            "leden": [(lid.persoon, lid.rol.value) for lid in self.leden],
        }


class Stuk(Model):
    titel: Regel
    bestand: Regel | None = Field(default=None, description="Pad of adres van het stuk.")
    vertrouwelijk: JaNee = False
    vertrouwelijk_tot: VertrouwelijkTot | None = None


class Aanbieding(Model):
    """The cover sheet of a proposal to a body of bestuurders (aanbiedingsformulier)."""

    aanleiding: Tekst
    advies: Tekst | None = Field(
        default=None, description="Het advies van het voorbereidende overleg (het CCO)."
    )
    advies_besluit: BesluitRef | None = Field(
        default=None,
        description="Het besluit waarmee het voorbereidende overleg dit advies gaf.",
    )
    financiele_gevolgen: Tekst | None = None
    communicatie: Tekst | None = None


class Voorstel(Model):
    """What is put to the body: the proposal, its points to decide, the cover sheet."""

    voorstel: Tekst | None = Field(
        default=None, description="Het voorstel in een paar zinnen (het 'voorgesteld besluit')."
    )
    beslispunten: list[Tekst] = Field(
        default_factory=list,
        description="De beslispunten: elk een besluit zoals het overleg het kan nemen.",
    )
    aanbieding: Aanbieding | None = Field(
        default=None, description="Het aanbiedingsformulier (voor de stuurgroep)."
    )


class Agendapunt(Model):
    titel: Regel
    soort: VastPunt | None = Field(default=None, description="Alleen bij een vast agendapunt.")
    behandelvorm: Behandelvorm
    presentator: PersoonRef | None = None
    duur: Minuten = 15
    stukken: list[Stuk] = Field(default_factory=list)
    vertrouwelijk: JaNee = False
    vertrouwelijk_tot: VertrouwelijkTot | None = None
    project: ProjectRef | None = None
    agendaleden: Annotated[list[OrganisatieRef], ONGEORDEND] = Field(
        default_factory=list, description="Organisaties die voor dit punt aanschuiven."
    )
    afhandeling: Afhandeling | None = None
    toelichting: Tekst | None = None
    voorstel: Voorstel | None = Field(
        default=None,
        description="Bij een punt ter besluitvorming: het voorstel en de beslispunten.",
    )
    verslag: Tekst | None = Field(default=None, description="Samenvatting van de bespreking.")


class Besluit(Model):
    nummer: Besluitnummer
    agendapunt: Geheel = Field(ge=1, description="Volgnummer van het agendapunt (1 = het eerste).")
    tekst: Tekst
    uitkomst: Uitkomst = Field(
        default=Uitkomst.AANGENOMEN,
        description="Bij een beslispunt: aangenomen, gewijzigd aangenomen of niet aangenomen.",
    )
    project: ProjectRef | None = None
    vertrouwelijk: JaNee = Field(
        default=False,
        description="Een besluit dat niet openbaar is, ook als het agendapunt dat wel is.",
    )
    vertrouwelijk_tot: VertrouwelijkTot | None = None


class Vaststelling(Model):
    """When and how the minutes of a meeting were adopted."""

    op: Datum
    vergadering: VergaderingRef = Field(description="De vergadering die het verslag vaststelde.")
    met_wijzigingen: JaNee = False


class Programmaonderdeel(Model):
    """A block of a themabijeenkomst's programme."""

    begin: Tijd
    titel: Regel
    spreker: Regel | None = Field(
        default=None, description="Wie spreekt, met organisatie; mag iemand van buiten zijn."
    )
    persoon: PersoonRef | None = Field(
        default=None, description="De spreker als persoonsrecord, als die er een heeft."
    )


class Aanmelding(Model):
    """A guest from outside registered for a themabijeenkomst: never published."""

    naam: Regel
    organisatie: Regel
    functie: Regel | None = None
    email: Email | None = None
    aanwezig: JaNee | None = Field(
        default=None,
        description="Na de bijeenkomst: of de gast er was (uit het verslag, "
        "'waterketen notulen verwerk').",
    )


class VergaderingFeiten(TypedDict):
    """What the checks across records know of a meeting (``Vergadering.feiten``)."""

    datum: str
    status: str
    agendapunten: int  # how many
    besluiten: list[str]  # the numbers, in their order
    geheim_tot: list[tuple[Pad, str]]  # see _geheim_tot
    stukken: list[tuple[Pad, str]]  # see _stukken
    overleg: str
    vastgesteld_in: str | None  # the meeting that adopted the minutes


class Vergadering(Record):
    """A meeting of a body. Its id is ``<overleg>-<JJJJ-MM-DD>``."""

    overleg: OverlegRef
    datum: Datum
    begintijd: Tijd
    eindtijd: Tijd
    locatie: Regel
    # No VergaderingRef: the meeting it names no longer exists once it has moved.
    verplaatst_van: Id | None = Field(
        default=None,
        description=(
            "Het id dat de vergadering had vóór ze werd verplaatst (bijv. cco-2026-12-15); "
            "bij een volgende verplaatsing blijft het staan. De kalender houdt daarmee de "
            "afspraak van toen, zodat agenda's hem verplaatsen in plaats van verdubbelen."
        ),
    )
    status: Vergaderstatus
    agenda: list[Agendapunt] = Field(default_factory=list)
    aanwezig: Annotated[list[PersoonRef], ONGEORDEND] = Field(default_factory=list)
    afgemeld: Annotated[list[PersoonRef], ONGEORDEND] = Field(default_factory=list)
    besluiten: list[Besluit] = Field(default_factory=list)
    vastgesteld: Vaststelling | None = Field(
        default=None, description="Wanneer het verslag is vastgesteld (tot dan: concept)."
    )
    # --- een themabijeenkomst -------------------------------------------------------
    thema: ThemaRef | None = Field(
        default=None,
        description="Het thema van een themabijeenkomst (standaard: dat van het overleg).",
    )
    programma: list[Programmaonderdeel] = Field(default_factory=list)
    doelgroep: list[Doelgroep] = Field(default_factory=list)
    capaciteit: Geheel | None = Field(
        default=None, ge=1, description="Hoeveel deelnemers er kunnen komen."
    )
    aanmeldingen: list[Aanmelding] = Field(
        default_factory=list,
        description="Aangemelde gasten van buiten, zonder persoonsrecord (nooit openbaar).",
    )
    terugblik: Tekst | None = Field(
        default=None, description="Het verslag voor de website en de nieuwsbrief."
    )

    def feiten(self) -> VergaderingFeiten:
        return {
            "datum": self.datum.isoformat(),
            "status": self.status.value,
            "agendapunten": len(self.agenda),
            "besluiten": [b.nummer for b in self.besluiten],
            "geheim_tot": _geheim_tot(self),
            "stukken": _stukken(self),
            "overleg": self.overleg,
            "vastgesteld_in": self.vastgesteld.vergadering if self.vastgesteld else None,
        }


# --- projecten en acties ------------------------------------------------------------------


class Mijlpaal(Model):
    titel: Regel
    datum: Datum
    gereed: JaNee = False


class Effect(Model):
    """Expected effect on the 3K's and sustainability, in words."""

    kosten: Tekst | None = None
    kwaliteit: Tekst | None = None
    kwetsbaarheid: Tekst | None = None
    duurzaamheid: Tekst | None = None


class Begrotingsregel(Model):
    omschrijving: Regel
    jaar: Jaar
    bedrag: Bedrag


class Bijdrage(Model):
    partner: OrganisatieRef
    jaar: Jaar
    bedrag: Bedrag
    status: Financieringsstatus = Financieringsstatus.TOEGEZEGD


class Project(Record):
    titel: Regel
    doel: Tekst
    aanpak: Tekst | None = None
    trekker: PersoonRef
    team: list[PersoonRef] = Field(default_factory=list)
    regionaal: JaNee = Field(
        default=False, description="Voor de hele regio in plaats van clusters."
    )
    clusters: Annotated[list[ClusterRef], INDELING] = Field(default_factory=list)
    themas: list[ThemaRef] = Field(min_length=1)
    status: Projectstatus
    periode: Periode
    mijlpalen: list[Mijlpaal] = Field(default_factory=list)
    effect: Effect | None = None
    begroting: list[Begrotingsregel] = Field(default_factory=list)
    financiering: list[Bijdrage] = Field(default_factory=list)
    besluit: BesluitRef | None = Field(
        default=None, description="Het besluit waarmee het project is goedgekeurd."
    )
    voorstel: Voorstel | None = Field(
        default=None,
        description="Het voorstel aan het besluitvormende overleg en de beslispunten.",
    )
    besluitvorming: OverlegRef | None = Field(
        default=None,
        description="Het overleg dat over het voorstel besluit; standaard het "
        "clustercoördinatorenoverleg.",
    )


class AgendavoorstelFeiten(TypedDict):
    """What the checks across records know of an agenda proposal (``Agendavoorstel.feiten``)."""

    geheim_tot: list[tuple[Pad, str]]  # see _geheim_tot
    status: str
    stukken: list[tuple[Pad, str]]  # see _stukken


class Agendavoorstel(Record):
    """A proposal for the agenda of a body, one file each so that pull requests merge."""

    overleg: OverlegRef = Field(description="Het overleg op wiens agenda het punt moet.")
    titel: Regel
    behandelvorm: Behandelvorm
    indiener: PersoonRef
    presentator: PersoonRef | None = None
    duur: Minuten = 15
    toelichting: Tekst | None = None
    voorstel: Voorstel | None = None
    stukken: list[Stuk] = Field(default_factory=list)
    vertrouwelijk: JaNee = False
    vertrouwelijk_tot: VertrouwelijkTot | None = None
    project: ProjectRef | None = None
    agendaleden: Annotated[list[OrganisatieRef], ONGEORDEND] = Field(default_factory=list)
    voorbereid_in: VergaderingRef | None = Field(
        default=None,
        description="De vergadering die het punt voorbereidde (bijv. het CCO voor de stuurgroep).",
    )
    vergadering: VergaderingRef | None = Field(
        default=None,
        description="De vergadering waarop het geagendeerd is; leeg: de eerstvolgende.",
    )
    status: Voorstelstatus

    def feiten(self) -> AgendavoorstelFeiten:
        return {
            "geheim_tot": _geheim_tot(self),
            "status": self.status.value,
            "stukken": _stukken(self),
        }


def _geheim_tot(record: Vergadering | Agendavoorstel) -> list[tuple[Pad, str]]:
    """Where something confidential ends on a date: (path of the field, ISO date)."""
    found: list[tuple[Pad, str]] = []

    def add(pad: Pad, item: Any) -> None:
        if item.vertrouwelijk and isinstance(item.vertrouwelijk_tot, dt.date):
            found.append(((*pad, "vertrouwelijk_tot"), item.vertrouwelijk_tot.isoformat()))

    if isinstance(record, Agendavoorstel):
        add((), record)
        for j, stuk in enumerate(record.stukken):
            add(("stukken", j), stuk)
        return found
    for i, punt in enumerate(record.agenda):
        add(("agenda", i), punt)
        for j, stuk in enumerate(punt.stukken):
            add(("agenda", i, "stukken", j), stuk)
    for i, besluit in enumerate(record.besluiten):
        add(("besluiten", i), besluit)
    return found


def _stukken(record: Vergadering | Agendavoorstel) -> list[tuple[Pad, str]]:
    """Every stuk with a file or address: (path of its ``bestand`` field, the value).
    Whether the file is there is no fact of the record: ``checks/stukken.py`` looks."""
    if isinstance(record, Agendavoorstel):
        return [
            (("stukken", j, "bestand"), s.bestand)
            for j, s in enumerate(record.stukken)
            if s.bestand
        ]
    return [
        (("agenda", i, "stukken", j, "bestand"), s.bestand)
        for i, punt in enumerate(record.agenda)
        for j, s in enumerate(punt.stukken)
        if s.bestand
    ]


class ActieFeiten(TypedDict):
    """What the checks across records know of an action (``Actie.feiten``)."""

    status: str
    deadline: str
    vergadering: str | None
    agendapunt: int | None
    afgerond_op: str | None


class Actie(Record):
    omschrijving: Regel
    actiehouder: PersoonRef
    deadline: Datum
    status: Actiestatus
    vergadering: VergaderingRef | None = None
    agendapunt: Geheel | None = Field(default=None, ge=1)
    cluster: Annotated[ClusterRef | None, INDELING] = None
    project: ProjectRef | None = None
    afgerond_op: Datum | None = None
    toelichting: Tekst | None = None

    def feiten(self) -> ActieFeiten:
        return {
            "status": self.status.value,
            "deadline": self.deadline.isoformat(),
            "vergadering": self.vergadering,
            "agendapunt": self.agendapunt,
            "afgerond_op": self.afgerond_op.isoformat() if self.afgerond_op else None,
        }


# --- de verzendlijst van de nieuwsbrief ----------------------------------------------------


class Toestemming(Model):
    """When and how someone agreed to receive the newsletter."""

    datum: Datum
    wijze: Toestemmingswijze = Field(
        description="Hoe: aanmeldformulier, e-mail, bijeenkomst, schriftelijk of mondeling."
    )
    toelichting: Tekst | None = Field(
        default=None, description="Waar de toestemming te vinden is, bijv. het formulier."
    )


class AbonneeFeiten(TypedDict):
    """What the checks across records know of a subscriber (``Abonnee.feiten``)."""

    email: str  # in lower case: mail servers do not tell cases apart
    toestemming: str | None  # its date
    afgemeld: str | None


class Abonnee(Record):
    """Someone on the newsletter's mailing list (``data/verzendlijst/``): never published.
    Without recorded consent the address is an error (``validate``, check
    ``toestemming``) and gets no newsletter; after ``afgemeld`` neither."""

    naam: Regel
    email: Email
    organisatie: Regel | None = Field(
        default=None, description="De organisatie, als tekst (ook een organisatie van buiten)."
    )
    toestemming: Toestemming | None = Field(
        default=None,
        description="Wanneer en hoe de persoon toestemming gaf voor de nieuwsbrief; "
        "zonder toestemming geen nieuwsbrief.",
    )
    afgemeld: Datum | None = Field(
        default=None, description="Wanneer de persoon zich afmeldde; daarna geen nieuwsbrief."
    )

    def feiten(self) -> AbonneeFeiten:
        return {
            "email": self.email.lower(),
            "toestemming": self.toestemming.datum.isoformat() if self.toestemming else None,
            "afgemeld": self.afgemeld.isoformat() if self.afgemeld else None,
        }


# --- de schoolvakanties van de regio (agenda plan) --------------------------------------------


class Schoolvakantie(Model):
    naam: Regel = Field(description="Bijv. herfstvakantie, kerstvakantie, zomervakantie.")
    begin: Datum = Field(description="De eerste dag (meestal een zaterdag).")
    eind: Datum = Field(description="De laatste dag (meestal een zondag).")


class Schooljaar(Record):
    """The school holidays of one school year in the region (``data/schoolvakanties/``,
    id ``2026-2027``), as the Rijksoverheid publishes them: data the region updates
    each year. ``waterketen agenda plan`` plans no meeting in them."""

    regio: Schoolregio = Field(
        description="De vakantieregio: noord (Groningen, Drenthe), midden of zuid."
    )
    bron: Regel | None = Field(default=None, description="Waar de data vandaan komen.")
    vakanties: list[Schoolvakantie] = Field(min_length=1)


# --- de regionale begroting ------------------------------------------------------------------


class Begrotingsbijdrage(Model):
    """A partner's contribution to the regional budget of the year."""

    partner: OrganisatieRef
    bedrag: Bedrag | None = Field(
        default=None,
        description="Het bedrag. Leeg bij een verdeelsleutel: dan het bedrag volgens de "
        "sleutel; een ingevuld bedrag dat daarvan afwijkt, is een signaal.",
    )
    status: Financieringsstatus = Field(
        default=Financieringsstatus.TOEGEZEGD,
        description="toegezegd, of nog aangevraagd (bijv. tot de raad de eigen begroting "
        "heeft vastgesteld).",
    )
    toelichting: Tekst | None = None


class Toekenning(Model):
    """An allocation from the regional budget to a project, by a decision."""

    project: ProjectRef
    bedrag: Bedrag
    besluit: BesluitRef | None = Field(
        default=None,
        description="Het besluit van de stuurgroep dat het bedrag toekende, bijv. "
        "B-stuurgroep-2026-09-24-3 of B-2026-022.",
    )
    toelichting: Tekst | None = None


class Realisatie(Model):
    """What a project spent of the regional budget in the year (from the administration)."""

    project: ProjectRef
    bedrag: Bedrag
    datum: Datum | None = Field(
        default=None,
        description="De stand per deze datum (JJJJ-MM-DD), in het jaar van de begroting.",
    )
    toelichting: Tekst | None = None


class BegrotingFeiten(TypedDict):
    """What the checks across records know of a budget (``Begroting.feiten``)."""

    jaar: int
    verdeelsleutel: str | None
    vastgesteld: str | None  # the decision
    bijdragen: list[str]  # the partners
    toekenningen: list[str | None]  # the decision of each allocation


class Begroting(Record):
    """The regional budget of one year: ``data/begrotingen/<jaar>.yaml``, the id is the
    year (between quotes: ``id: '2027'``). The contributions of the partners, the
    allocations to projects and what the projects spent of them."""

    jaar: Jaar
    totaal: Bedrag | None = Field(
        default=None,
        description="Het totaal van de begroting. Leeg: de som van de bijdragen. Met een "
        "verdeelsleutel wordt dit totaal over de partners verdeeld.",
    )
    verdeelsleutel: Id | None = Field(
        default=None, description="Id van een verdeelsleutel uit het regiorecord."
    )
    vastgesteld: BesluitRef | None = Field(
        default=None, description="Het besluit waarmee de stuurgroep de begroting vaststelde."
    )
    bijdragen: list[Begrotingsbijdrage] = Field(default_factory=list)
    toekenningen: list[Toekenning] = Field(default_factory=list)
    realisatie: list[Realisatie] = Field(
        default_factory=list,
        description="Wat projecten dit jaar van hun toekenning uitgaven; meer regels per "
        "project tellen op.",
    )
    toelichting: Tekst | None = None

    def feiten(self) -> BegrotingFeiten:
        return {
            "jaar": self.jaar,
            "verdeelsleutel": self.verdeelsleutel,
            "vastgesteld": self.vastgesteld,
            "bijdragen": [b.partner for b in self.bijdragen],
            "toekenningen": [t.besluit for t in self.toekenningen],
        }
