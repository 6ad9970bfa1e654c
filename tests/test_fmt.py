"""``waterketen fmt``: one canonical form for every record, and no comment lost.

The two files in ``tests/golden/fmt/*-invoer.yaml`` hold comments in every position
(header, above keys, at line ends, inside and at the end of lists, after folded text),
keys out of order and unsorted lists; their canonical forms are the golden files next
to them.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE_DATA
from helpers import GOLDEN, assert_golden, invoke
from waterketen_cli.models import SOORT_PER_NAAM, SOORTEN, Soort
from waterketen_cli.models.base import Verwijzing
from waterketen_cli.models.introspect import _unwrap
from waterketen_cli.models.records import Project
from waterketen_cli.records import canonical
from waterketen_cli.records.canonical import UNORDERED, VormFout, comments
from waterketen_cli.records.plan import nieuw_record as new_record
from waterketen_cli.records.yamlio import parse

FIXTURES = {"cluster": "cluster", "vergadering": "vergadering"}
SORTED_NAMES = {name for _, name in UNORDERED}

#: Example files that fmt would change but that other tests read byte for byte (see
#: the report of this change): test_middelen appends funding rows assuming
#: ``financiering`` is the last key, and the notulen golden file is a copy of the
#: processed meeting. Remove a file here once it has been formatted.
NOT_YET_FORMATTED: set[str] = set()


def _fixture(name: str) -> str:
    # bytes, so that the Windows line ends of a fixture reach fmt
    return (GOLDEN / "fmt" / f"{name}-invoer.yaml").read_bytes().decode("utf-8")


def _unordered(data: Any) -> Any:
    """Parsed data with the lists whose order means nothing sorted (done here
    independently of fmt, by field name)."""
    if isinstance(data, dict):
        return {
            k: sorted(v)
            if k in SORTED_NAMES and isinstance(v, list) and all(isinstance(x, str) for x in v)
            else _unordered(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_unordered(v) for v in data]
    return data


def _same_data(before: str, after: str) -> None:
    old, problems = parse(before.encode("utf-8"))
    new, new_problems = parse(after.encode("utf-8"))
    assert problems == new_problems == []
    assert _unordered(new) == _unordered(old)


# --- the canonical form of files full of comments -----------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_golden_output_keeps_every_comment_and_all_data(name: str) -> None:
    before = _fixture(name)
    model = SOORT_PER_NAAM[FIXTURES[name]].model
    after = canonical.canonical(before, model)
    assert_golden(f"fmt/{name}.yaml", after)
    assert Counter(comments(after)) == Counter(comments(before))
    assert len(comments(before)) >= 10
    _same_data(before, after)
    assert canonical.canonical(after, model) == after  # fmt twice: the same bytes
    assert "\r" not in after and after.endswith("\n") and not after.endswith("\n\n")
    assert not any(line != line.rstrip() for line in after.split("\n"))


def test_comments_stay_with_what_they_belong_to() -> None:
    after = canonical.canonical(_fixture("cluster"), SOORT_PER_NAAM["cluster"].model)
    expected_runs = [
        # the header stays on top; below its blank line a comment for the first key
        "# yaml-language-server: $schema=../../schemas/cluster.schema.json\n"
        "# Testbestand voor waterketen fmt: commentaar op elke plek, velden door elkaar.\n"
        "\nid: waterpas\n"
        "# Over de naam: Waterpas is de hele gemeente Groningen.\n"
        "naam: Waterpas     # naam met overbodige aanhalingstekens\n",
        # sorted list: each item with the comment above it and the one on its line
        "# Twee waterschappen; de volgorde betekent niets.\n"
        "waterschappen:   # worden gesorteerd\n"
        "  # Hunze en Aa's: Meerstad en de oostkant\n"
        "  - waterschap-hunze-en-aas\n"
        "  # Noorderzijlvest: het westen en noorden\n"
        "  - waterschap-noorderzijlvest   # noord\n"
        "  # einde van de lijst waterschappen\n",
        # a key moved up: its comment comes along, not the previous key's
        "# Waterbedrijven: maar één.\nwaterbedrijven:\n  - waterbedrijf-groningen\n",
        # keys of a list item in model order, each with its comment
        "  # Eerste activiteit\n  - id: stresstest-wijken-oost      # het id hoort vooraan\n"
        "    titel: Stresstest en risicodialogen wijken Oost\n",
        "    # eigenaar en datums\n    eigenaar: p-tuinstra\n",
        "    project: stresstesten-en-risicodialogen\n"
        "  # tussen twee activiteiten: hoort bij de volgende\n"
        "  - id: excursie-afkoppelen\n",
        "    bijgewerkt: 2026-10-08\n"
        "    # einde van deze activiteit\n"
        "  # einde van het programma\n"
        "\n# Metingen boven het programma gezet; fmt zet ze erna.\nmetingen:\n",
        # folded text keeps its header comment; the comment after it goes with 'bron'
        "    # commentaar na gevouwen tekst, boven de bron\n    bron: RIONED benchmark 2022\n"
        "    toelichting: >-  # gevouwen tekst\n"
        "      Het eerste jaar van de reeks; de tekst mag over\n      meer regels lopen.\n"
        "\n# slotcommentaar\n",
    ]
    for run in expected_runs:
        assert run in after, run
    assert after.endswith("# slotcommentaar\n")


@pytest.mark.parametrize(
    ("soort", "before", "after"),
    [
        # times and telephone numbers quoted, other text only where it must be
        (
            "persoon",
            'telefoon: 050 123 45 67\nfunctie: "Adviseur"\n',
            "functie: Adviseur\ntelefoon: '050 123 45 67'\n",
        ),
        (
            "vergadering",
            "begintijd: 13:30\neindtijd: '16:00'\n",
            "begintijd: '13:30'\neindtijd: '16:00'\n",
        ),
        (
            "organisatie",
            "naam: 'no'\nwebsite: 'true'\nprovincie: 'Groningen: stad'\nsoort: '12'\n",
            "naam: no\nsoort: '12'\nprovincie: 'Groningen: stad'\nwebsite: 'true'\n",
        ),
        # unknown keys stay, at the end, in their order
        ("actie", "zzz: 1\nid: a\naaa: 2\n", "id: a\nzzz: 1\naaa: 2\n"),
        # flow style becomes block style; an empty list stays []
        ("project", "team: [p-b, p-a]\nthemas: []\n", "team:\n  - p-b\n  - p-a\nthemas: []\n"),
        # one blank line at most, none after 'key:', trailing spaces and lines gone
        (
            "regio",
            "id: r  \n\n\n\nnaam: R\nthemas:\n\n  - id: t\n\n\n",
            "id: r\n\nnaam: R\nthemas:\n  - id: t\n",
        ),
        # a '---' line goes; the comments above it stay
        ("actie", "# kop\n---\nstatus: open\nid: a\n", "# kop\nid: a\nstatus: open\n"),
        # lists in their order unless the order means nothing
        (
            "cluster",
            "gemeenten: [b, a]\nprogramma: [b, a]\n",
            "gemeenten:\n  - a\n  - b\nprogramma:\n  - b\n  - a\n",
        ),
    ],
)
def test_rules(soort: str, before: str, after: str) -> None:
    assert canonical.canonical(before, SOORT_PER_NAAM[soort].model) == after


def test_unordered_lists_are_reference_sets() -> None:
    """Every list of references is either sorted or keeps an order that means
    something; a new one has to be put on one side."""
    keeps_order = {
        # the main theme and the trekker's cluster first, the team as the plan shows it
        (Project, "team"),
        (Project, "clusters"),
        (Project, "themas"),
    }
    reference_lists = set()
    models = {s.model for s in SOORTEN}
    seen: set[type] = set()
    while models:
        model = models.pop()
        seen.add(model)
        for name, info in model.model_fields.items():
            inner, meta, is_list = _unwrap(info.annotation, info.metadata)
            if is_list and any(isinstance(m, Verwijzing) for m in meta):
                reference_lists.add((model, name))
            if isinstance(inner, type) and hasattr(inner, "model_fields") and inner not in seen:
                models.add(inner)
    assert UNORDERED.issubset(reference_lists)
    assert reference_lists == UNORDERED | keeps_order


@pytest.mark.parametrize("soort", SOORTEN, ids=lambda s: s.naam)
def test_every_example_record_stays_the_same_record(soort: Soort) -> None:
    for path in sorted((EXAMPLE_DATA / soort.map).glob("*.yaml")):
        before = path.read_text(encoding="utf-8")
        after = canonical.canonical(before, soort.model)
        assert canonical.canonical(after, soort.model) == after, path
        assert Counter(comments(after)) == Counter(comments(before)), path
        _same_data(before, after)


@pytest.mark.parametrize("soort", SOORTEN, ids=lambda s: s.naam)
def test_new_records_are_written_in_canonical_form(soort: Soort, tmp_path: Path) -> None:
    """What the commands write for a new record needs no fmt afterwards."""
    for path in sorted((EXAMPLE_DATA / soort.map).glob("*.yaml"))[:5]:
        text = canonical.canonical(path.read_text(encoding="utf-8"), soort.model)
        data, _ = parse(text.encode("utf-8"))
        new = new_record(tmp_path / path.name, soort, soort.model.model_validate(data)).tekst
        assert canonical.canonical(new, soort.model) == new, path


def test_a_lost_comment_or_value_stops_fmt(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _fixture("cluster")
    model = SOORT_PER_NAAM["cluster"].model

    class Forgetful(canonical._Writer):
        def __init__(self, reader: Any, builder: Any, doc: Any) -> None:
            reader.trailer = []  # forgets the last comment

    monkeypatch.setattr(canonical, "_Writer", Forgetful)
    with pytest.raises(VormFout, match="commentaar niet goed bewaren"):
        canonical.canonical(text, model)
    monkeypatch.undo()
    original = canonical._Builder.value

    def careless(self: Any, value: Any, shape: Any) -> Any:
        return "Waterput" if value == "Waterpas" else original(self, value, shape)

    monkeypatch.setattr(canonical._Builder, "value", careless)
    with pytest.raises(VormFout, match="zou de gegevens veranderen"):
        canonical.canonical(text, model)


# --- any order in, the same bytes out ----------------------------------------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment_or_blank(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _entries(lines: list[str], indent: int, marker: str) -> tuple[list[list[str]], list[str]]:
    """Split a block into entries (a key, or a list item with ``marker='- '``), each with
    the comment lines above it; comment lines after the last entry are the tail."""
    entries: list[list[str]] = []
    pending: list[str] = []
    for line in lines:
        if not line.strip() or (line.lstrip().startswith("#") and _indent(line) <= indent):
            pending.append(line)
        elif _indent(line) == indent and (marker == "" or line[indent:].startswith(marker)):
            entries.append([*pending, line])
            pending = []
        else:
            entries[-1] += [*pending, line]
            pending = []
    return entries, pending


def _shuffle_mapping(lines: list[str], indent: int, rnd: random.Random) -> list[str]:
    entries, tail = _entries(lines, indent, "")
    entries = [_shuffle_entry(e, indent, rnd) for e in entries]
    rnd.shuffle(entries)
    return [line for entry in entries for line in entry] + tail


def _shuffle_entry(entry: list[str], indent: int, rnd: random.Random) -> list[str]:
    head = next(i for i, line in enumerate(entry) if not _is_comment_or_blank(line))
    key_line, nested = entry[head], entry[head + 1 :]
    match = re.fullmatch(r" *(- )?([a-z_]+): ([A-Za-z][A-Za-z0-9 ,.()/-]*)", key_line)
    if match and match[3].lower() not in {"true", "false", "null"} and rnd.random() < 0.5:
        key_line = key_line[: match.start(3)] + f'"{match[3]}"'  # needless quotes
    first = next((line for line in nested if not _is_comment_or_blank(line)), None)
    if first is None or re.search(r": [>|]", key_line):
        return [*entry[:head], key_line, *nested]
    if first[_indent(first) :].startswith("- "):
        name = key_line.strip().split(":")[0]
        nested = _shuffle_sequence(nested, _indent(first), name, rnd)
    else:
        nested = _shuffle_mapping(nested, _indent(first), rnd)
    return [*entry[:head], key_line, *nested]


def _shuffle_sequence(lines: list[str], indent: int, name: str, rnd: random.Random) -> list[str]:
    items, tail = _entries(lines, indent, "- ")
    if name in SORTED_NAMES and all(
        len([x for x in i if x.strip()[:1] != "#"]) == 1 for i in items
    ):
        rnd.shuffle(items)
    shuffled = []
    for item in items:
        head = next(i for i, line in enumerate(item) if not _is_comment_or_blank(line))
        body = item[head:]
        if re.match(r" *- [a-z_]+:", body[0]) and not any(map(_is_comment_or_blank, body)):
            # the keys of a list item (without comments inside it) in any order
            keys = _shuffle_mapping(
                [" " * (indent + 2) + body[0][indent + 2 :], *body[1:]], indent + 2, rnd
            )
            body = [" " * indent + "- " + keys[0][indent + 2 :], *keys[1:]]
        shuffled.append(item[:head] + body)
    return [line for item in shuffled for line in item] + tail


def _reordered(text: str, rnd: random.Random) -> str:
    """The same record with its keys (and the items of its unordered lists) in another
    order and some needless quotes, each key taking the comment lines above it."""
    lines = text.split("\n")[:-1]
    top = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    entries, tail = _entries(lines[top:], 0, "")
    entries = [_shuffle_entry(e, 0, rnd) for e in entries]
    rnd.shuffle(entries)
    # comment lines right below the header would be read as header: start with a bare key
    bare = next((e for e in entries if not _is_comment_or_blank(e[0])), entries[0])
    entries.remove(bare)
    body = [line for entry in [bare, *entries] for line in entry] + tail
    return "\n".join(lines[:top] + body) + "\n"


def _largest(soort: Soort) -> Path:
    return max((EXAMPLE_DATA / soort.map).glob("*.yaml"), key=lambda p: p.stat().st_size)


@pytest.mark.parametrize("soort", SOORTEN, ids=lambda s: s.naam)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False))
def test_any_key_order_gives_the_same_bytes(soort: Soort, rnd: random.Random) -> None:
    text = canonical.canonical(_largest(soort).read_text(encoding="utf-8"), soort.model)
    shuffled = _reordered(text, rnd)
    _same_data(text, shuffled)
    assert Counter(comments(shuffled)) == Counter(comments(text))
    assert canonical.canonical(shuffled, soort.model) == text


# --- the command ---------------------------------------------------------------------------


def test_check_then_fmt_then_check(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    target = repo / "data" / "clusters" / "waterpas.yaml"
    target.write_bytes((GOLDEN / "fmt" / "cluster-invoer.yaml").read_bytes())
    others = sorted(p for p in target.parent.glob("*.yaml") if p != target)
    mtimes = {p: p.stat().st_mtime_ns for p in others}

    check = invoke(capsys, ["fmt", "--check", "data/clusters"], cwd=repo)
    assert check.code == 1
    assert check.out == "niet in vaste vorm: data/clusters/waterpas.yaml\n"
    assert check.err == (
        "fout: 1 van 5 bestanden niet in vaste vorm\n"
        "  voer 'waterketen fmt' uit en commit de bestanden\n"
    )
    assert target.read_bytes() == (GOLDEN / "fmt" / "cluster-invoer.yaml").read_bytes()
    diff = invoke(capsys, ["fmt", "--check", "--diff", "data/clusters/waterpas.yaml"], cwd=repo)
    assert diff.code == 1
    assert_golden("fmt/check-diff.txt", diff.out)

    done = invoke(capsys, ["fmt", "data/clusters"], cwd=repo)
    assert done.code == 0, done.err
    assert done.out == (
        "opgemaakt: data/clusters/waterpas.yaml\n1 bestand opgemaakt, 4 al in vaste vorm.\n"
    )
    assert target.read_text(encoding="utf-8") == (GOLDEN / "fmt" / "cluster.yaml").read_text(
        encoding="utf-8"
    )
    assert {p: p.stat().st_mtime_ns for p in others} == mtimes  # untouched

    again = invoke(capsys, ["fmt", "--check", "data/clusters"], cwd=repo)
    assert (again.code, again.out) == (0, "5 bestanden gecontroleerd: alles in vaste vorm.\n")


def test_example_data_is_in_canonical_form(capsys: pytest.CaptureFixture[str]) -> None:
    result = invoke(capsys, ["--data", str(EXAMPLE_DATA), "fmt", "--check"])
    listed = set(re.findall(r"niet in vaste vorm: (\S+)", result.out))
    assert listed <= NOT_YET_FORMATTED, result.out
    assert result.code == (1 if listed else 0)


def test_an_unreadable_file_is_reported_and_left_alone(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    broken = repo / "data" / "organisaties" / "kapot.yaml"
    broken.write_text("id: kapot\nnaam: [Kapot\nsoort: gemeente\n", encoding="utf-8")
    before = broken.read_bytes()
    result = invoke(capsys, ["fmt", "data/organisaties"], cwd=repo)
    assert result.code == 1
    assert result.err == (
        "fout: data/organisaties/kapot.yaml:3:6: geen geldige YAML: een lijst tussen [ ] is "
        "niet goed afgesloten\n"
        "  sluit de lijst met ']' of schrijf hem als blok met '- '; fmt heeft het bestand niet "
        "gewijzigd\n"
    )
    assert result.out == (
        "0 bestanden opgemaakt, 19 al in vaste vorm; 1 bestand niet te lezen of op te maken.\n"
    )
    assert broken.read_bytes() == before
    check = invoke(capsys, ["fmt", "--check", "data/organisaties"], cwd=repo)
    assert check.code == 1


@pytest.mark.parametrize(
    ("pad", "err"),
    [
        (
            "notities.txt",
            "fout: 'notities.txt' ligt buiten de gegevensmap {data}\n"
            "  geef een record of map binnen de gegevensmap\n",
        ),
        (
            "data/clusters/notities.md",
            "fout: 'data/clusters/notities.md' is geen record\n"
            "  een record is een .yaml-bestand in een map als data/projecten/\n",
        ),
        ("data/clusters/onbekend.yaml", "fout: 'data/clusters/onbekend.yaml' bestaat niet\n"),
    ],
)
def test_a_path_that_is_no_record_is_wrong_usage(
    capsys: pytest.CaptureFixture[str], repo: Path, pad: str, err: str
) -> None:
    (repo / "notities.txt").write_text("los bestand\n", encoding="utf-8")
    (repo / "data" / "clusters" / "notities.md").write_text("# notities\n", encoding="utf-8")
    result = invoke(capsys, ["fmt", pad], cwd=repo)
    assert result.code == 2
    assert result.err == err.format(data=repo / "data")
    assert result.out == ""


def test_fmt_outside_a_repository_uses_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(EXAMPLE_DATA / "regio", tmp_path / "data" / "regio")
    result = invoke(capsys, ["fmt", "--data", str(tmp_path / "data"), "--check"], cwd=tmp_path)
    assert (result.code, result.out) == (0, "1 bestand gecontroleerd: alles in vaste vorm.\n")
    assert os.listdir(tmp_path / "data" / "regio") == ["groningen-noord-drenthe.yaml"]


@pytest.mark.parametrize("breuk", ["\u2028", "\u2029", "\x85"])
def test_a_line_break_libyaml_counts_as_one_keeps_comments_in_place(breuk: str) -> None:
    """libyaml counts U+2028, U+2029 and NEL as line breaks in its marks; the comment
    guard reads the marks by the same lines (this was an IndexError: exit 3)."""
    text = f"id: x\nnaam: 'x{breuk}y'  # naam\nsoort: gemeente\n"
    assert comments(text) == ["# naam"]
    result = canonical.canonical(text, SOORT_PER_NAAM["organisatie"].model)
    assert comments(result) == ["# naam"]
