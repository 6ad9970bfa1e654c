"""Reading filled-in minutes back (pure): every line is understood or reported with
its line number; nothing is skipped silently."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from textwrap import dedent

import pytest

from conftest import EXAMPLE_DATA
from waterketen_cli import render
from waterketen_cli.models.records import Vergadering
from waterketen_cli.models.types import Afhandeling, Vergaderstatus
from waterketen_cli.records import dataset
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import notulenformulier, notulenlezer
from waterketen_cli.vergaderen.notulenlezer import Ingevuld, NotulenFout

PAD = "verslag.md"
HEAD = "# Verslag\n\n<!-- waterketen:vergadering cco-2026-12-15 -->\n\n"  # lines 1-4
ACTIEVORM = "'- wat — actiehouder: p-…, deadline: JJJJ-MM-DD'"


def read(text: str) -> Ingevuld:
    return notulenlezer.read(text, PAD)


def problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(NotulenFout) as caught:
        notulenlezer.read(text, PAD)
    return caught.value.fouten


def doc(body: str) -> str:
    """HEAD (lines 1-4) and the body from line 5."""
    return HEAD + dedent(body)


@pytest.fixture
def gegevens() -> Gegevens:
    return dataset.load(EXAMPLE_DATA, ["vergadering", "overleg", "persoon", "organisatie", "actie"])


def skeleton(gegevens: Gegevens, vergadering: Vergadering) -> str:
    return notulenformulier.skeleton(None, gegevens, vergadering)


# --- the skeleton itself ----------------------------------------------------------------


def test_the_blank_skeleton_of_every_meeting_reads_back_empty(gegevens: Gegevens) -> None:
    for vergadering in gegevens.of(Vergadering):
        ingevuld = read(skeleton(gegevens, vergadering))
        assert ingevuld.vergadering == vergadering.id
        assert sorted(ingevuld.punten) == list(range(1, len(vergadering.agenda) + 1))
        for nummer, punt in ingevuld.punten.items():
            assert punt.titel == render.markdown_line(vergadering.agenda[nummer - 1].titel)
            assert punt.afhandeling == Afhandeling.BEHANDELD
            assert (punt.verslag, punt.besluiten, punt.acties) == ([], [], [])
        # The skeleton lists the members and agendaleden, marked as the record has them.
        assert set(ingevuld.aanwezig) <= set(vergadering.aanwezig)
        assert set(ingevuld.afgemeld) <= set(vergadering.afgemeld)
        assert [n for _, n in ingevuld.besluitenlijst] == [b.nummer for b in vergadering.besluiten]
        if vergadering.id == "cco-2026-12-15":
            assert (ingevuld.aanwezig, ingevuld.afgemeld) == ([], ["p-dijkstra"])
        elif vergadering.status in (Vergaderstatus.GEHOUDEN, Vergaderstatus.VERSLAG_VASTGESTELD):
            assert ingevuld.aanwezig


def test_the_skeleton_shows_the_alternatives_for_afhandeling(gegevens: Gegevens) -> None:
    vergadering = gegevens.get(Vergadering, "cco-2026-12-15")
    assert vergadering is not None
    text = skeleton(gegevens, vergadering)
    assert "\n\nAfhandeling: behandeld\n<!-- of: aangehouden -->\n\nVerslag:\n" in text


# --- placeholders and text --------------------------------------------------------------


def test_an_ellipsis_inside_text_is_text() -> None:
    ingevuld = read(
        doc("""\
            ## 5. Energiescan

            Afhandeling: behandeld

            Verslag:

            …

            We wachten op … de cijfers van Westerkwartier.

            Besluiten:

            - …
            - Het CCO stemt in met fase 1 … 3.

            Acties:

            - … — actiehouder: p-…, deadline: JJJJ-MM-DD
            - Cijfers … navragen — actiehouder: p-dijkstra, deadline: 2027-01-15
            """)
    )
    punt = ingevuld.punten[5]
    assert punt.verslag == ["We wachten op … de cijfers van Westerkwartier."]
    assert punt.besluiten == ["Het CCO stemt in met fase 1 … 3."]
    assert punt.besluitregels == [18]
    assert punt.acties == [("Cijfers … navragen", "p-dijkstra", dt.date(2027, 1, 15))]
    assert punt.actieregels == [23]


VERSLAG = (
    "Het voorstel is besproken.\n"
    "Twee punten kwamen terug:\n"
    "\n"
    "## Toelichting\n"
    "\n"
    "- de kosten\n"
    "  - voor de waterschappen\n"
    "  - voor de gemeenten\n"
    "- de planning\n"
    "\n"
    "### Uit de discussie\n"
    "\n"
    "> Fase 1 kan in maart beginnen,\n"
    "> zei de voorzitter.\n"
    "\n"
    "\n"
    "| Wie | Wat |\n"
    "|---|---|\n"
    "| WMD | 40% |\n"
    "\n"
    "1.\tMet een tab.\n"
    "    ingesprongen"
)


def test_a_verslag_keeps_its_markdown_as_written() -> None:
    # Blank lines around the verslag go; trailing spaces go; nothing else changes.
    body = "## 5. Energiescan\n\nVerslag:\n\n\n" + VERSLAG.replace(
        "ingesprongen", "ingesprongen   "
    )
    body += "\n   \n\nBesluiten:\n\n- Akkoord.\n"
    punt = read(HEAD + body).punten[5]
    assert "\n".join(punt.verslag) == VERSLAG
    # A sub-heading does not end the item: the decision after it is read.
    assert punt.besluiten == ["Akkoord."]


def test_decisions_continue_on_indented_lines() -> None:
    punt = read(
        doc("""\
            ## 5. Energiescan

            Besluiten:

            - Het CCO stemt in met de energiescan,
              op voorwaarde dat de waterschappen 40% dragen.
            - De kostenverdeling gaat naar de stuurgroep.

                Met een lege regel ertussen hoort dit nog bij het besluit erboven.
            - Een tab
            \tspringt ook in.
            """)
    ).punten[5]
    assert punt.besluiten == [
        "Het CCO stemt in met de energiescan, op voorwaarde dat de waterschappen 40% dragen.",
        "De kostenverdeling gaat naar de stuurgroep. "
        "Met een lege regel ertussen hoort dit nog bij het besluit erboven.",
        "Een tab springt ook in.",
    ]
    assert punt.besluitregels == [9, 11, 14]


def test_lines_under_besluiten_that_are_no_decision() -> None:
    assert problems(
        doc("""\
            ## 5. Energiescan

            Besluiten:

              zonder besluit erboven
            - …
              onder de lege plaats
            Geen besluiten.
            -
            """)
    ) == [
        (9, "deze vervolgregel hoort bij geen besluit; begin een besluit met '- '"),
        (11, "deze vervolgregel staat onder de lege plaats '- …'; vervang '…' door het besluit"),
        (
            12,
            "onder 'Besluiten:' begint elk besluit met '- ' en springt een vervolgregel twee "
            "spaties in; zet een toelichting onder 'Verslag:'",
        ),
        (13, "leeg besluit: schrijf het besluit na '- ', of haal de regel weg"),
    ]


# --- actions ----------------------------------------------------------------------------


def action(line: str) -> tuple[str, str, dt.date]:
    punt = read(doc(f"## 5. Energiescan\n\nActies:\n\n{line}\n")).punten[5]
    assert punt.actieregels == [9]
    [result] = punt.acties
    return result


@pytest.mark.parametrize(
    ("line", "wat"),
    [
        ("- Kosten agenderen — actiehouder: p-wiersma, deadline: 2027-01-15", "Kosten agenderen"),
        ("- Kosten agenderen – actiehouder: p-wiersma, deadline: 2027-01-15", "Kosten agenderen"),
        ("- Kosten agenderen - actiehouder: p-wiersma, deadline: 2027-01-15", "Kosten agenderen"),
        ("- Kosten agenderen -- actiehouder: p-wiersma, deadline: 2027-01-15", "Kosten agenderen"),
        ("- Kosten agenderen—actiehouder: p-wiersma, deadline: 2027-01-15", "Kosten agenderen"),
        (
            "- Fase 1 - 3 plannen — actiehouder: p-wiersma, deadline: 2027-01-15",
            "Fase 1 - 3 plannen",
        ),
        (
            "- Fase 1 - 3 plannen - actiehouder: p-wiersma, deadline: 2027-01-15",
            "Fase 1 - 3 plannen",
        ),
        (
            "- Nieuwe actiehouder: zoeken — actiehouder: p-wiersma, deadline: 2027-01-15",
            "Nieuwe actiehouder: zoeken",
        ),
    ],
)
def test_every_dash_between_what_and_who(line: str, wat: str) -> None:
    assert action(line) == (wat, "p-wiersma", dt.date(2027, 1, 15))


@pytest.mark.parametrize(
    "deadline",
    [
        "2027-03-01",
        "2027-3-1",
        "01-03-2027",
        "1-3-2027",
        "1 maart 2027",
        "1 Maart 2027",
        "01 maart 2027.",
        "1 mrt 2027",
        "1 mrt. 2027",
        "1  MRT  2027",
    ],
)
def test_deadlines_iso_day_month_year_and_dutch(deadline: str) -> None:
    line = f"- Plannen — actiehouder: p-kuipers, deadline: {deadline}"
    assert action(line) == ("Plannen", "p-kuipers", dt.date(2027, 3, 1))


@pytest.mark.parametrize(
    ("deadline", "datum"),
    [
        ("15 mei 2027", dt.date(2027, 5, 15)),
        ("1 sep 2027", dt.date(2027, 9, 1)),
        ("31 okt 2027", dt.date(2027, 10, 31)),
        ("29 februari 2028", dt.date(2028, 2, 29)),
    ],
)
def test_dutch_month_names_full_and_abbreviated(deadline: str, datum: dt.date) -> None:
    assert action(f"- Plannen — actiehouder: p-kuipers, deadline: {deadline}")[2] == datum


def test_the_actiehouder_may_be_a_name_and_the_labels_are_lenient() -> None:
    # The name is resolved to an id by notulen.check; the reader keeps it as written.
    assert action("- Plannen — Actiehouder : Marieke Kuipers ;DEADLINE:1 mrt 2027") == (
        "Plannen",
        "Marieke Kuipers",
        dt.date(2027, 3, 1),
    )
    assert action("- Plannen — actiehouder:p-kuipers deadline: 2027-03-01") == (
        "Plannen",
        "p-kuipers",
        dt.date(2027, 3, 1),
    )
    assert action("- Plannen - actiehouder: p-kuipers - deadline: 2027-03-01,") == (
        "Plannen",
        "p-kuipers",
        dt.date(2027, 3, 1),
    )


DATUMS = "2027-03-01, 01-03-2027 of 1 maart 2027"


@pytest.mark.parametrize(
    ("line", "messages"),
    [
        (
            "- Plannen, actiehouder: p-kuipers, deadline: 2027-03-01",
            [
                "actie: tussen de omschrijving en 'actiehouder:' staat geen streepje; "
                "schrijf ' — ', ' – ', ' - ' of ' -- '"
            ],
        ),
        (
            "- Plannen — p-kuipers, deadline: 2027-03-01",
            [f"actie: 'actiehouder:' ontbreekt; schrijf {ACTIEVORM}"],
        ),
        (
            "- — actiehouder: p-kuipers, deadline: 2027-03-01",
            ["actie: de omschrijving ontbreekt; schrijf vóór het streepje wat er moet gebeuren"],
        ),
        (
            "- … — actiehouder: p-kuipers, deadline: 2027-03-01",
            ["actie: vervang '…' door wat er moet gebeuren"],
        ),
        (
            "- Plannen — actiehouder: , deadline: 2027-03-01",
            ["actie: de actiehouder ontbreekt; schrijf na 'actiehouder:' een id (p-…) of een naam"],
        ),
        (
            "- Plannen — actiehouder: p-…, deadline: 2027-03-01",
            ["actie: vervang 'p-…' door de actiehouder: een id (p-…) of een naam"],
        ),
        (
            "- Plannen — actiehouder: p-kuipers, 2027-03-01",
            ["actie: 'deadline:' ontbreekt; schrijf na de actiehouder ', deadline: JJJJ-MM-DD'"],
        ),
        (
            "- Plannen — actiehouder: p-kuipers, deadline:",
            [f"actie: de deadline ontbreekt; schrijf na 'deadline:' een datum, bijv. {DATUMS}"],
        ),
        (
            "- Plannen — actiehouder: p-kuipers, deadline: JJJJ-MM-DD",
            [f"actie: vervang 'JJJJ-MM-DD' door de deadline, bijv. {DATUMS}"],
        ),
        (
            "- Plannen — actiehouder: p-kuipers, deadline: volgende week",
            [f"actie: deadline 'volgende week' is geen datum; schrijf bijv. {DATUMS}"],
        ),
        (
            "- Plannen — actiehouder: p-kuipers, deadline: 30 februari 2027",
            ["actie: deadline '30 februari 2027' bestaat niet"],
        ),
        (
            "- Plannen — actiehouder: p-kuipers, deadline: 15-13-2027",
            ["actie: deadline '15-13-2027' bestaat niet"],
        ),
        (
            "- Plannen — actiehouder: p-kuipers, deadline: 1 maar 2027",
            ["actie: deadline '1 maar 2027': onbekende maand 'maar' (bedoelde u 'maart'?)"],
        ),
        (
            "- Plannen; actiehouder: p-kuipers, deadline: morgen",
            [
                "actie: tussen de omschrijving en 'actiehouder:' staat geen streepje; "
                "schrijf ' — ', ' – ', ' - ' of ' -- '",
                f"actie: deadline 'morgen' is geen datum; schrijf bijv. {DATUMS}",
            ],
        ),
        (
            "Plannen — actiehouder: p-kuipers, deadline: 2027-03-01",
            [f"onder 'Acties:' staat één actie per regel: {ACTIEVORM}"],
        ),
        (
            "  vervolg van de actie erboven",
            [f"onder 'Acties:' staat één actie per regel: {ACTIEVORM}"],
        ),
    ],
)
def test_a_wrong_action_line_names_the_wrong_part(line: str, messages: list[str]) -> None:
    text = doc(f"## 5. Energiescan\n\nActies:\n\n{line}\n")
    assert problems(text) == [(9, message) for message in messages]


# --- what is not read is reported -------------------------------------------------------


def test_stray_text_in_every_section_is_reported_with_its_line() -> None:
    text = dedent("""\
        # Verslag Clustercoördinatorenoverleg

        <!-- waterketen:vergadering cco-2026-12-15 -->

        - Datum: dinsdag 15 december 2026
        - Notulist: Femke Boersma

        ## Aanwezigheid

        - [x] p-kuipers — Marieke Kuipers (Gemeente Groningen), clustercoördinator
        Thijs Bos schoof aan bij punt 6.
        ## Toelichting

        ## 1. Opening en vaststellen agenda

        De voorzitter opent om 13.35 uur.
        Afhandeling: behandeld

        Verslag:

        …

        ## Actielijst

        - [x] cco-2026-11-17-3 — Projectvoorstel regenwateraanpak aanpassen
        Actie cco-2026-11-17-2 loopt nog.

        ## Besluitenlijst

        | Nummer | Punt | Besluit |
        |---|---|---|
        Besluit: we gaan door.
        """)
    assert problems(text) == [
        (
            6,
            "tekst boven de eerste kop '## …' wordt niet gelezen; "
            "zet dit onder 'Verslag:' van een agendapunt",
        ),
        (
            11,
            "bij de aanwezigheid worden alleen de regels '- [x] id — …' gelezen; "
            "zet dit onder 'Verslag:' van een agendapunt",
        ),
        (
            12,
            "onbekende kop '## Toelichting': de koppen zijn '## Aanwezigheid', '## n. titel', "
            "'## Actielijst', '## Besluitenlijst' en '## Terugblik'; een tussenkop hoort "
            "onder 'Verslag:' van een agendapunt",
        ),
        (
            16,
            "tekst tussen de kop van agendapunt 1 en 'Verslag:' wordt niet gelezen; "
            "zet dit onder 'Verslag:' van het agendapunt",
        ),
        (
            26,
            "in de actielijst worden alleen de regels '- [x] id — …' gelezen; "
            "zet een nieuwe actie onder 'Acties:' van een agendapunt",
        ),
        (
            32,
            "de besluitenlijst wordt bij het verwerken gemaakt en niet gelezen; "
            "zet een besluit onder 'Besluiten:' van het agendapunt",
        ),
    ]


def test_a_heading_outside_a_verslag_is_reported() -> None:
    def unknown(kop: str) -> str:
        return (
            f"onbekende kop '{kop}': de koppen zijn '## Aanwezigheid', '## n. titel', "
            "'## Actielijst', '## Besluitenlijst' en '## Terugblik'; een tussenkop hoort "
            "onder 'Verslag:' van een agendapunt"
        )

    assert problems(
        doc("""\
            # Nog een titel
            ## Aanwezig

            ## 5. Energiescan

            ### Stand van zaken
            Verslag:

            ## Stand van zaken

            Besluiten:

            ## Besluiten
            """)
    ) == [
        (5, unknown("# Nog een titel")),
        (6, unknown("## Aanwezig")),
        (10, unknown("### Stand van zaken")),
        (17, unknown("## Besluiten")),
    ]


def test_comments_on_one_and_on_several_lines_are_not_read() -> None:
    ingevuld = read(
        doc("""\
            <!-- één regel -->

            ## 1. Opening en vaststellen agenda

            Afhandeling: aangehouden
            <!-- of: aangehouden -->

            Verslag:

            Eerste alinea.
            <!-- een notitie
            over meerdere regels
            - [x] p-kuipers — zelfs dit
            -->
            Tweede alinea.

            Besluiten:

              <!-- nog navragen -->
            - Akkoord.
            """)
    )
    punt = ingevuld.punten[1]
    assert punt.afhandeling == Afhandeling.AANGEHOUDEN
    assert punt.verslag == ["Eerste alinea.", "Tweede alinea."]
    assert punt.besluiten == ["Akkoord."]
    assert ingevuld.aanwezig == []


def test_text_beside_a_comment_and_an_unclosed_comment_are_reported() -> None:
    assert problems(
        doc("""\
            <!-- notitie --> Dit wordt niet gelezen.
            <!-- over twee
            regels --> en dit ook niet.

            ## 1. Opening en vaststellen agenda

            Verslag:

            <!-- begin zonder eind

            ## 2. Verslag en actielijst vorige vergadering
            """)
    ) == [
        (5, "tekst na '-->' wordt niet gelezen; zet die op een eigen regel"),
        (7, "tekst na '-->' wordt niet gelezen; zet die op een eigen regel"),
        (
            13,
            "dit commentaar ('<!--') wordt nergens gesloten, zodat de rest van het verslag "
            "niet gelezen wordt; zet '-->' aan het eind ervan",
        ),
    ]


# --- line ends --------------------------------------------------------------------------

WINDOWS = doc("""\
    ## 5. Energiescan

    Tekst op de verkeerde plaats.
    Verslag:

    Eerste alinea.

    \tMet een tab.
    """)


def test_crlf_and_a_byte_order_mark_keep_the_line_numbers() -> None:
    wrong = [
        (
            7,
            "tekst tussen de kop van agendapunt 5 en 'Verslag:' wordt niet gelezen; "
            "zet dit onder 'Verslag:' van het agendapunt",
        )
    ]
    assert problems(WINDOWS) == wrong
    assert problems("\ufeff" + WINDOWS.replace("\n", "\r\n")) == wrong
    assert problems("\ufeff" + WINDOWS.replace("\n", "\r")) == wrong
    right = WINDOWS.replace("Tekst op de verkeerde plaats.\n", "")
    for variant in (right, "\ufeff" + right.replace("\n", "\r\n")):
        ingevuld = read(variant)
        assert ingevuld.vergadering == "cco-2026-12-15"
        assert ingevuld.markering == 3
        assert ingevuld.punten[5].verslag == ["Eerste alinea.", "", "\tMet een tab."]


# --- structure --------------------------------------------------------------------------


def test_afhandeling_is_read_and_an_unknown_value_lists_the_choices() -> None:
    assert read(doc("## 1. Opening\n\nAfhandeling: Aangehouden\n")).punten[1].afhandeling == (
        Afhandeling.AANGEHOUDEN
    )
    assert problems(
        doc("""\
            ## 1. Opening

            Afhandeling: uitgesteld

            ## 2. Verslag

            Afhandeling:
            Afhandeling: behandeld
            """)
    ) == [
        (7, "afhandeling 'uitgesteld': kies behandeld of aangehouden"),
        (11, "de afhandeling ontbreekt: kies behandeld of aangehouden"),
        (
            12,
            "'Afhandeling:' staat twee keer bij agendapunt 2 (ook op regel 11); laat er één staan",
        ),
    ]


def test_the_marker_is_required_once() -> None:
    assert problems("# Verslag\n\n## 1. Opening\n") == [
        (
            1,
            "de regel '<!-- waterketen:vergadering … -->' ontbreekt; "
            "zet hem terug onder de titel, met het id van de vergadering",
        )
    ]
    assert problems(HEAD + "<!-- waterketen:vergadering cco-2026-11-17 -->\n") == [
        (5, "de markering staat twee keer in het verslag (ook op regel 3); laat er één staan")
    ]
    assert problems("# Verslag\n<!-- waterketen:vergadering CCO 15 december -->\n") == [
        (
            1,
            "de regel '<!-- waterketen:vergadering … -->' ontbreekt; "
            "zet hem terug onder de titel, met het id van de vergadering",
        ),
        (
            2,
            "onleesbare markering: verwacht '<!-- waterketen:vergadering ID -->' "
            "met het id van de vergadering",
        ),
    ]


def test_an_item_or_a_label_twice_is_reported() -> None:
    assert problems(
        doc("""\
            ## 1. Opening

            Verslag:

            Eerste.

            verslag:

            Tweede.

            ## 1. Opening
            """)
    ) == [
        (11, "'Verslag:' staat twee keer bij agendapunt 1 (ook op regel 7); voeg ze samen"),
        (15, "agendapunt 1 staat twee keer in het verslag (ook op regel 5)"),
    ]


def test_checkboxes_for_attendance_and_the_action_list() -> None:
    text = doc("""\
        ## Aanwezigheid

        - [x] p-kuipers — Marieke Kuipers
        - [X] p-hoekstra – Jan Hoekstra
        - [-] p-brink
        - [ ] p-smit — Lotte Smit

        ## Actielijst

        - [x] cco-2026-11-17-3 — Projectvoorstel aanpassen
        - [-] cco-2026-04-07-1 — Cijfers aanleveren
        """)
    ingevuld = read(text)
    assert (ingevuld.aanwezig, ingevuld.afgemeld) == (["p-kuipers", "p-hoekstra"], ["p-brink"])
    assert (ingevuld.afgerond, ingevuld.vervallen) == (["cco-2026-11-17-3"], ["cco-2026-04-07-1"])
    assert ingevuld.aanwezigheidsregels == {
        "p-kuipers": 7,
        "p-hoekstra": 8,
        "p-brink": 9,
        "p-smit": 10,
    }
    assert ingevuld.actielijstregels == {"cco-2026-11-17-3": 14, "cco-2026-04-07-1": 15}
    assert problems(
        doc("""\
            ## Aanwezigheid

            - [?] p-kuipers — Marieke Kuipers
            - [x] Marieke Kuipers
            - [x] p-kuipers — nog eens
            """)
    ) == [
        (7, "onbekend teken '[?]': gebruik [x], [-] of [ ]"),
        (8, "verwacht '- [x] id — …', '- [-] id — …' of '- [ ] id — …'"),
        (9, "p-kuipers staat twee keer bij de aanwezigheid (ook op regel 7); laat één regel staan"),
    ]


def test_the_error_counts_its_problems_in_dutch_and_sorts_them_by_line() -> None:
    one = NotulenFout(PAD, [(3, "a")])
    assert one.bericht == "het verslag kan niet worden verwerkt (1 probleem):\nverslag.md:3: a"
    two = NotulenFout(PAD, [(9, "b"), (3, "a")])
    assert two.bericht == (
        "het verslag kan niet worden verwerkt (2 problemen):\nverslag.md:3: a\nverslag.md:9: b"
    )


def test_reading_does_not_load_babel_until_a_dutch_date_needs_it() -> None:
    # Babel's locale data costs start-up time: only a written-out month loads it.
    code = (
        "import sys\n"
        "from waterketen_cli.vergaderen import notulenlezer\n"
        "notulenlezer.parse_deadline('2027-03-01')\n"
        "print('babel' in sys.modules)\n"
        "notulenlezer.parse_deadline('1 maart 2027')\n"
        "print('babel' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]
