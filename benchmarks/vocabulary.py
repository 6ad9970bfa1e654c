"""Words for the synthetic data: fictional names and places, measures, themes, indicators.

Every person and place is made up; the themes and indicators follow docs of the sector
(RIONED, ILT, Bestuursakkoord Water).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def _words(text: str, separator: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(separator))


FIRST_NAMES = _words(
    "Aaltje Anna Anouk Aukje Ayla Bas Berend Bram Carla Chantal Daan Dirk Esther Eva Femke "
    "Fokko Frank Geeske Gerrit Greet Hanna Harm Hidde Hiske Ids Ilse Jantina Jelle Jildou "
    "Joost Karin Kees Klaas Lisa Lotte Maarten Marleen Nadia Niels Olga Oscar Petra Pieter "
    "Rianne Roel Roelie Ruud Sander Sanne Sietse Sjoerd Thijs Tineke Trijntje Vincent Wiebe "
    "Willemijn Wouter Yvonne Zeger"
)
LAST_NAMES = _words(
    "Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Dijk|"
    "Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|Kok|Jacobs|Vermeulen|"
    "van den Berg|Schouten|Hoekstra|Post|Kuipers|Veenstra|Wiersma|Zijlstra|Huizinga|Boersma|"
    "Oosting|Kloosterman|Haan|Mellema|Tuinstra|Bouma|Kamminga|Nijenhuis|Hofstede|Wolters|"
    "Schuiling|Dijkhuis|Oldenhuis|Lubbers|Venema|Westerhof|Bolt|Scholten|Stel|Hiemstra|"
    "Kramer|Pol|Jonker|Rozema|Siersema|Wubbels|Lanting|Elzinga",
    "|",
)
PLACE_STEMS = _words(
    "Adu Bel Borger Eel Farm Gaster Hoorn Kolham Lette Mars Onner Pieter Roder Sappe Tolbert "
    "Usquer Vries Warf Aden Bedum Delf Eexter Fransum Garnwer Haren Jipsing Kiel Leek Meeden "
    "Nieze Pekel Ruiner Siddebu Termun Uithui Wehe Zeeri Baflo Ezinge"
)
PLACE_ENDINGS = _words(
    "veen horn wold dijk zijl meer dam um wier loo kamp terp huizen berg hoek broek mond haar "
    "land stede"
)
CLUSTER_PREFIXES = ("", "Kop van ", "Oost-", "West-", "Noord-", "Zuid-", "Midden-")
PROVINCES = ("Groningen", "Drenthe")
MEASURES = (
    "Afkoppelen hemelwater",
    "Gezamenlijk meetnet riolering",
    "Stresstest wateroverlast",
    "Risicodialoog klimaatadaptatie",
    "Energiezuinige gemalen",
    "Riothermie",
    "Slibvergisting",
    "Gezamenlijke inkoop rioolinspectie",
    "Beheerplan stedelijk water",
    "Grondwatermeetnet",
    "Zuiveringsbeheer op afstand",
    "Kennisdeling rioolbeheer",
    "Hergebruik effluent",
    "Waterbesparing huishoudens",
    "Groene schoolpleinen",
    "Omgevingsplan en water",
    "Regenwaterbuffers",
    "Digitale leidingenkaart",
    "Opleiding rioolbeheerders",
    "Calamiteitenplan waterketen",
    "Monitoring overstorten",
    "Vervanging persleidingen",
    "Warmte uit afvalwater",
    "Slimme regentonnen",
    "Riolering buitengebied",
    "Zonnepanelen op zuiveringen",
    "Hittestress in wijken",
    "Gezamenlijk beheer gemalen",
    "Wateroverlast bedrijventerreinen",
    "Samenwerking meldingen",
)
TOPICS = (
    "de regionale stresstest",
    "het activiteitenoverzicht",
    "de rioolheffing",
    "het omgevingsplan",
    "de energieneutrale zuivering",
    "het meetnet grondwater",
    "de kennisdag",
    "de nieuwsbrief",
    "de begroting",
    "de evaluatie van de samenwerking",
    "de inkoop van rioolinspecties",
    "de risicodialoog",
    "het calamiteitenplan",
    "de benchmark riolering",
)
SPEAKERS = ("De stuurgroep", "Het overleg", "Het waterteam")

THEMES: tuple[tuple[str, str, str, bool], ...] = (
    ("omgevingswet", "Omgevingswet", "Water in omgevingsvisies en omgevingsplannen.", False),
    ("klimaatadaptatie", "Klimaatadaptatie", "Stresstesten, risicodialogen en maatregelen.", False),
    ("energietransitie", "Energietransitie", "Energie besparen en winnen in de keten.", True),
    ("kostenbeperking", "Kostenbeperking", "Minder kostenstijging door samenwerking.", False),
    ("kwaliteitsverbetering", "Kwaliteitsverbetering", "Betere dienstverlening.", False),
    ("kwetsbaarheid", "Kwetsbaarheid", "Minder afhankelijk van enkele medewerkers.", False),
    ("duurzaamheid", "Duurzaamheid", "Duurzaam beheer van de waterketen.", False),
    ("kennisdeling", "Kennisdeling", "Kennis en ervaring delen tussen partners.", False),
)


@dataclass(frozen=True)
class IndicatorSpec:
    id: str
    naam: str
    eenheid: str
    gebied: str
    richting: str
    bron: str | None
    low: float  # a realistic range for the values; ja/nee when low == high == 0
    high: float
    decimals: int = 1

    @property
    def boolean(self) -> bool:
        return self.low == self.high == 0


# id | naam | eenheid | gebied | richting | bron | low | high | decimals ("-": no bron;
# low = high = 0: a ja/nee indicator)
_INDICATOR_TABLE = """
rioolheffing|Rioolheffing meerpersoonshuishouden|€/jaar|kosten|lager|RIONED|180|420|2
zuiveringsheffing|Zuiveringsheffing, 3 vervuilingseenheden|€/jaar|kosten|lager|waterschap|150|260|2
kosten-per-aansluiting|Kosten per aansluiting|€/jaar|kosten|lager|ILT-benchmark|150|300|2
kosten-per-m3|Kosten per m³ drinkwater|€/m³|kosten|lager|ILT-benchmark|1|2|2
doelmatigheidswinst|Doelmatigheidswinst t.o.v. autonome groei|€ mln/jaar|kosten|hoger|BAW|0.2|5|2
drinkwaternorm|Metingen binnen de drinkwaternorm|%|kwaliteit|hoger|ILT|99|100|2
leveringsonderbreking|Leveringsonderbreking|minuten/aansluiting/jaar|kwaliteit|lager|ILT|2|30|1
klantrapportcijfer|Klantrapportcijfer|1–10|kwaliteit|hoger|ILT|6.5|8.5|1
meldingen-riolering|Meldingen en klachten riolering|aantal/jaar|kwaliteit|lager|RIONED|20|600|0
formatie-rioleringsbeheer|Formatie rioleringsbeheer|fte|kwetsbaarheid|hoger|RIONED|2|30|1
taken-een-medewerker|Taken met één gekwalificeerde medewerker|aantal|kwetsbaarheid|lager|-|0|12|0
energiegebruik|Energiegebruik zuivering|kWh/m³|duurzaamheid|lager|zuiveringsbenchmark|0.2|0.6|3
stresstest-uitgevoerd|Stresstest uitgevoerd|ja/nee|klimaatadaptatie|hoger|voortgangsrapportage|0|0|0
"""


def _indicators(table: str) -> tuple[IndicatorSpec, ...]:
    specs = []
    for line in table.strip().splitlines():
        id_, naam, eenheid, gebied, richting, bron, low, high, decimals = line.split("|")
        specs.append(
            IndicatorSpec(
                id_,
                naam,
                eenheid,
                gebied,
                f"{richting} is beter",
                None if bron == "-" else bron.replace("BAW", "Bestuursakkoord Water"),
                float(low),
                float(high),
                int(decimals),
            )
        )
    return tuple(specs)


INDICATORS = _indicators(_INDICATOR_TABLE)
PEILDATA = (*(dt.date(year, 12, 31) for year in range(2019, 2026)), dt.date(2026, 6, 30))
