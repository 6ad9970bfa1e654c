"""The leak test: every public output, for every meeting and project, from the example
data and from randomised variants of it, holds no confidential subject, decision
number, report, stuk or contact detail, and no name of anyone without consent; and
everything public is there.

The variants (hypothesis) mark random items, stukken and decisions confidential, with
no end, an end that passed, an end still to come, or a lifting decision that is or is
not recorded; withdraw random consents; and switch the region between showing
confidential items as "Besloten punt" and leaving them out. Every secret in a variant
carries a unique token, and every public item one of its own, so that "absent" and
"present" are exact.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE_DATA
from helpers import invoke
from waterketen_cli import publiek, render
from waterketen_cli.analyse import jaar, jaar_verslag, overzicht, projectplan
from waterketen_cli.communicatie import opstellen
from waterketen_cli.models.records import (
    Abonnee,
    Agendapunt,
    Besluit,
    Persoon,
    Project,
    Regio,
    Stuk,
    Vergadering,
)
from waterketen_cli.models.types import BeslotenPunten
from waterketen_cli.records import dataset, nieuwsbrief
from waterketen_cli.records.dataset import Gegevens
from waterketen_cli.vergaderen import agendadocument, besluiten, kalender, thema, verslag

VANDAAG = dt.date(2026, 11, 27)
#: The years of the jaarplan and jaarverslag checked.
JAREN = (2026, 2027)
GETELD: dict[str, int] = {"uitvoer": 0, "varianten": 0, "lekken": 0}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example data outside git (no history to mark changes from)."""
    data = tmp_path_factory.mktemp("openbaar") / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    return data


@pytest.fixture(scope="module")
def gegevens(folder: Path) -> Gegevens:
    return dataset.load(folder)


def outputs(folder: Path, view: Gegevens) -> Iterator[tuple[str, str]]:
    """Every public output, rendered from the public view only: (name, text)."""
    for vergadering in view.of(Vergadering):
        yield (
            f"agenda {vergadering.id}",
            agendadocument.agenda_document(folder, view, vergadering, vandaag=VANDAAG),
        )
        if thema.is_themabijeenkomst(view, vergadering):
            yield f"verslag {vergadering.id}", thema.verslag(folder, view, vergadering)
            if vergadering.terugblik:
                yield f"terugblik {vergadering.id}", thema.terugblik(folder, view, vergadering)
            continue
        context = verslag.verslag_context(view, vergadering, VANDAAG)
        yield f"verslag {vergadering.id}", render.render(None, "verslag.md.j2", **context)
        context = verslag.besluitenlijst_context(view, vergadering)
        yield (
            f"besluitenlijst {vergadering.id}",
            render.render(None, "besluitenlijst.md.j2", **context),
        )
    for project in view.of(Project):
        context = projectplan.plan_context(view, project, vandaag=VANDAAG)
        yield f"projectplan {project.id}", render.render(None, "projectplan.md.j2", **context)
    selectie = besluiten.BesluitFilter(openbaar=True)
    regels = besluiten.besluiten(view, selectie)
    yield "besluiten", json.dumps(besluiten.besluit_json(regels, selectie))
    result = overzicht.met_wijzigingen(folder, view, VANDAAG, None)
    context = overzicht.document_context(view, result)
    yield "overzicht", render.render(None, "overzicht.md.j2", **context)
    # unfolded: iCalendar breaks lines at 75 octets, which could split a token
    yield "kalender", kalender.ics(kalender.kalender(view, None)).replace("\r\n ", "")
    # The draft of a newsletter over the whole history: every public decision, every
    # write-up, the monitor and the agenda (nieuwsbrief new).
    periode = opstellen.Periode(dt.date(2000, 1, 1), VANDAAG, None)
    context = opstellen.inhoud(view, periode, None, titel="Nieuwsbrief", vandaag=VANDAAG)
    yield "nieuwsbrief", render.render(None, "nieuwsbrief.md.j2", **context)
    # The jaarplan and the jaarverslag (--openbaar) of the years of the example data.
    brieven = nieuwsbrief.lees_alle(folder)
    for jaartal in JAREN:
        plan = jaar.jaarplan(view, jaartal, VANDAAG)
        yield f"jaarplan {jaartal}", render.render(None, "jaarplan.md.j2", plan=plan, publiek=True)
        verslag_ = jaar_verslag.jaarverslag(view, jaartal, VANDAAG, brieven)
        yield (
            f"jaarverslag {jaartal}",
            render.render(
                None, "jaarverslag.md.j2", verslag=verslag_, publiek=True, afbeeldingen=False
            ),
        )


@dataclass
class Geheimen:
    """What must not appear (secret) and what must (shown), per output or anywhere."""

    geheim: set[str] = field(default_factory=set)
    #: (output name, text): text that must appear in that output
    zichtbaar: set[tuple[str, str]] = field(default_factory=set)


def geheimen(gegevens: Gegevens, vandaag: dt.date) -> Geheimen:
    """The secrets and the public facts of the data, as the rules say (independently of
    the view's code: the confidentiality rule is written out again here)."""
    found = Geheimen()
    recorded = {b.nummer for v in gegevens.of(Vergadering) for b in v.besluiten}

    def closed(item: Agendapunt | Stuk | Besluit) -> bool:
        if not item.vertrouwelijk:
            return False
        tot = item.vertrouwelijk_tot
        if tot is None:
            return True
        return vandaag < tot if isinstance(tot, dt.date) else tot not in recorded

    for abonnee in gegevens.of(Abonnee):  # the newsletter's mailing list
        found.geheim |= {abonnee.naam, abonnee.email}
    for vergadering in gegevens.of(Vergadering):  # guests of a themabijeenkomst
        for gast in vergadering.aanmeldingen:
            found.geheim |= {x for x in (gast.naam, gast.email) if x}
    for persoon in gegevens.of(Persoon):
        found.geheim |= {x for x in (persoon.email, persoon.telefoon) if x}
        if not persoon.naam_openbaar:
            found.geheim.add(persoon.naam)
    for vergadering in gegevens.of(Vergadering):
        agenda = f"agenda {vergadering.id}"
        dicht = set()
        for nummer, punt in enumerate(vergadering.agenda, start=1):
            if closed(punt):
                dicht.add(nummer)
                found.geheim |= {punt.titel, *(s.titel for s in punt.stukken)}
                found.geheim |= {s.bestand for s in punt.stukken if s.bestand}
                found.geheim |= {x for x in (punt.verslag, punt.toelichting) if x}
                continue
            found.zichtbaar.add((agenda, punt.titel))
            for stuk in punt.stukken:
                if closed(stuk):
                    found.geheim.add(stuk.titel)
                    found.geheim |= {stuk.bestand} if stuk.bestand else set()
                else:
                    found.zichtbaar.add((agenda, stuk.titel))
        for besluit in vergadering.besluiten:
            if besluit.agendapunt in dicht or closed(besluit):
                found.geheim |= {besluit.nummer, besluit.tekst}
            else:
                found.zichtbaar.add(("besluiten", besluit.nummer))
                found.zichtbaar.add((f"besluitenlijst {vergadering.id}", besluit.nummer))
                found.zichtbaar.add((f"verslag {vergadering.id}", besluit.nummer))
                found.zichtbaar.add((f"jaarverslag {vergadering.datum.year}", besluit.nummer))
    return found


def check(folder: Path, gegevens: Gegevens, vandaag: dt.date, tokens: bool) -> list[str]:
    """Render every public output; the leaks and the missing public facts found."""
    view = publiek.publiek(gegevens, vandaag)
    rules = geheimen(gegevens, vandaag)
    if tokens:  # in a variant only the unique tokens are exact: ids, titles can repeat
        rules.geheim = {s for s in rules.geheim if "TOKEN" in s or "@" in s or s[:2] == "B-"}
        rules.zichtbaar = {(o, s) for o, s in rules.zichtbaar if "TOKEN" in s or s[:2] == "B-"}
    problems = []
    texts = dict(outputs(folder, view))
    GETELD["uitvoer"] += len(texts)
    for name, text in texts.items():
        for secret in rules.geheim:
            if _token(secret) in text:
                problems.append(f"{name}: lekt {secret!r}")
    for name, shown in rules.zichtbaar:
        if name in texts and _token(shown) not in texts[name]:
            problems.append(f"{name}: mist {shown!r}")
    GETELD["lekken"] += sum(1 for p in problems if ": lekt " in p)
    return problems


def _token(text: str) -> str:
    """The part of a text that is searched for: its token, or the text itself."""
    for word in text.split():
        if word.startswith("TOKEN"):
            return word
    return text


def test_the_example_data_leaks_nothing(folder: Path, gegevens: Gegevens) -> None:
    assert check(folder, gegevens, VANDAAG, tokens=False) == []
    # The cases of the issue: the approving decision of a project decided in a
    # confidential item, and the confidential item's subject.
    view = publiek.publiek(gegevens, VANDAAG)
    texts = dict(outputs(folder, view))
    assert "B-2025-006" not in texts["projectplan aanbesteding-reiniging-inspectie"]
    assert "Nog geen besluiten" not in texts["projectplan storingsdienst-gemalen-oost-groningen"]
    assert (
        "Er zijn (nog) geen openbare besluiten over dit project."
        in (texts["projectplan storingsdienst-gemalen-oost-groningen"])
    )
    assert "Bezetting clusters en vervanging bij ziekte" not in texts["agenda cco-2026-11-17"]


def _mark(gegevens: Gegevens, draw: Any) -> Gegevens:
    """A variant of the data (see the module docstring); every text gets a token."""
    counter = iter(range(1_000_000))

    def token(text: str) -> str:
        return f"{text} TOKEN{next(counter)}X"

    recorded = sorted({b.nummer for v in gegevens.of(Vergadering) for b in v.besluiten})
    ends = st.one_of(
        st.none(),
        st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)),
        st.sampled_from(recorded),  # recorded: the secrecy is lifted
        st.just("B-cco-2099-01-01-1"),  # not recorded (yet)
    )

    def secret(item: Any) -> dict[str, Any]:
        flag = draw(st.booleans())
        return {"vertrouwelijk": flag, "vertrouwelijk_tot": draw(ends) if flag else None}

    variant = Gegevens(gegevens.data_dir)
    variant.records = {soort: dict(records) for soort, records in gegevens.records.items()}
    variant.paden = gegevens.paden.zonder(())
    meetings = variant.records["vergadering"]
    for vid, vergadering in list(meetings.items()):
        assert isinstance(vergadering, Vergadering)
        agenda = []
        for punt in vergadering.agenda:
            stukken = [
                s.model_copy(update={"titel": token(s.titel), **secret(s)}) for s in punt.stukken
            ]
            update = {"titel": token(punt.titel), "stukken": stukken, **secret(punt)}
            if punt.verslag:
                update["verslag"] = token(punt.verslag)
            agenda.append(punt.model_copy(update=update))
        besluiten = [
            b.model_copy(update={"tekst": token(b.tekst), **secret(b)})
            for b in vergadering.besluiten
        ]
        meetings[vid] = vergadering.model_copy(update={"agenda": agenda, "besluiten": besluiten})
    people = variant.records["persoon"]
    for pid, persoon in list(people.items()):
        assert isinstance(persoon, Persoon)
        withdrawn = draw(st.booleans())
        people[pid] = persoon.model_copy(
            update={
                "naam": token(persoon.naam),
                "naam_openbaar": persoon.naam_openbaar and not withdrawn,
                "email": f"TOKEN{next(counter)}X@voorbeeld.example",
            }
        )
    [(rid, regio)] = variant.records["regio"].items()
    assert isinstance(regio, Regio)
    mode = draw(st.sampled_from(list(BeslotenPunten)))
    variant.records["regio"][rid] = regio.model_copy(update={"besloten_punten": mode})
    return variant


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), vandaag=st.dates(dt.date(2025, 6, 1), dt.date(2027, 12, 31)))
def test_random_variants_leak_nothing(
    folder: Path, gegevens: Gegevens, data: st.DataObject, vandaag: dt.date
) -> None:
    variant = _mark(gegevens, data.draw)
    GETELD["varianten"] += 1
    assert check(folder, variant, vandaag, tokens=True) == []


def test_zz_report(capsys: pytest.CaptureFixture[str]) -> None:
    """The figures for the report (run with -s to see them)."""
    with capsys.disabled():
        print(
            f"\nlektest: {GETELD['uitvoer']} openbare uitvoeren, {GETELD['varianten']} "
            f"varianten, {GETELD['lekken']} lekken"
        )
    assert GETELD["lekken"] == 0


# --- the confidentiality life cycle, through the commands ----------------------------------


def _close_item_8(repo: Path, tot: str) -> Path:
    """Give the confidential item 8 of cco-2026-11-17 an end."""
    path = repo / "data" / "vergaderingen" / "cco-2026-11-17.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    vertrouwelijk: true\n    afhandeling"
    assert text.count(old) == 1
    path.write_text(
        text.replace(
            old, f"    vertrouwelijk: true\n    vertrouwelijk_tot: {tot}\n    afhandeling"
        ),
        encoding="utf-8",
    )
    return path


TITEL = "Bezetting clusters en vervanging bij ziekte"


def test_a_secret_ends_on_its_date(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _close_item_8(repo, "2026-12-01")
    args = ["agenda", "render", "cco-2026-11-17", "--openbaar"]
    assert TITEL not in invoke(capsys, args, cwd=repo).out
    assert invoke(capsys, ["validate"], cwd=repo).code == 0
    monkeypatch.setenv("WATERKETEN_VANDAAG", "2026-12-01")
    assert TITEL in invoke(capsys, args, cwd=repo).out
    result = invoke(capsys, ["validate"], cwd=repo)
    assert "de geheimhouding liep af op 1 december 2026: dit is nu openbaar" in result.out
    assert "[vertrouwelijk-verlopen]" in result.out


def test_a_secret_ends_with_the_decision_that_lifts_it(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    _close_item_8(repo, "B-cco-2026-11-17-9")
    args = ["agenda", "render", "cco-2026-11-17", "--openbaar"]
    assert TITEL not in invoke(capsys, args, cwd=repo).out
    path = repo / "data" / "vergaderingen" / "cco-2026-11-17.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "besluiten:\n",
            "besluiten:\n  - nummer: B-cco-2026-11-17-9\n    agendapunt: 9\n"
            "    tekst: Het CCO heft de geheimhouding van punt 8 op.\n",
            1,
        ),
        encoding="utf-8",
    )
    assert TITEL in invoke(capsys, args, cwd=repo).out
    result = invoke(capsys, ["validate"], cwd=repo)
    assert result.code == 0 and "vertrouwelijk-verlopen" not in result.out


def test_wijzigingen_flags_what_became_public(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    _close_item_8(repo, "2026-12-01")
    subprocess.run(["git", "commit", "-qam", "geheim tot 1 december"], cwd=repo, check=True)
    monkeypatch.setenv("WATERKETEN_VANDAAG", "2026-12-02")
    result = invoke(capsys, ["wijzigingen", "--sinds", "HEAD"], cwd=repo)
    assert result.code == 0, result.err
    assert (
        f"vergadering cco-2026-11-17: agendapunt 8 '{TITEL}' openbaar geworden "
        "(geheimhouding tot 1 december 2026)"
    ) in result.out
    assert "1 openbaar geworden" in result.out
