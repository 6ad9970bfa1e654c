"""``fmt`` remembers which files it found canonical (``records/vormcache.py``) and
decides the easy ones quickly (``records/vormcheck.py``): the answers, the messages
and the exit codes stay exactly those of the slow path, cold or warm."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE_DATA
from helpers import Uitvoer, invoke
from waterketen_cli.records import formatteren, vormcache, vormcheck

OLD = 1_700_000_000_000_000_000  # an mtime long before any run: trusted


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The example data and some files that are not canonical, or not records."""
    target = tmp_path / "gegevens" / "data"
    shutil.copytree(EXAMPLE_DATA, target)
    organisaties = target / "organisaties"
    (organisaties / "kapot.yaml").write_text("id: kapot\nnaam: [Kapot\n", encoding="utf-8")
    (organisaties / "quotes.yaml").write_text(
        "id: quotes\nnaam: 'Quotes'\nsoort: gemeente\n", encoding="utf-8"
    )
    (organisaties / "volgorde.yaml").write_text(
        "naam: Volgorde\nid: volgorde\nsoort: gemeente\n", encoding="utf-8"
    )
    (organisaties / "crlf.yaml").write_bytes(b"id: crlf\r\nnaam: Crlf\r\nsoort: gemeente\r\n")
    (organisaties / "bom.yaml").write_bytes(b"\xef\xbb\xbfid: bom\nnaam: Bom\nsoort: gemeente\n")
    (organisaties / "dubbel.yaml").write_text("id: dubbel\nid: dubbel\n", encoding="utf-8")
    (organisaties / "datum.yaml").write_text(
        "id: datum\nnaam: Datum\nsoort: gemeente\nlaatst: 2026-02-30\n", encoding="utf-8"
    )
    cluster = target / "clusters" / "kop-van-drenthe.yaml"
    text = cluster.read_text(encoding="utf-8")
    cluster.write_text(
        text.replace(
            "  - gemeente-aa-en-hunze\n  - gemeente-assen\n",
            "  - gemeente-assen\n  - gemeente-aa-en-hunze\n",
        ),
        encoding="utf-8",
    )
    for path in target.rglob("*"):
        os.utime(path, ns=(OLD, OLD))
    return target


def _check(capsys: pytest.CaptureFixture[str], data: Path, *extra: str) -> Uitvoer:
    return invoke(capsys, ["--data", str(data), "fmt", "--check", *extra])


def _slow_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """fmt as it was: neither the predicate nor the cache."""
    monkeypatch.setattr(vormcheck, "in_vaste_vorm", lambda raw, model: False)
    monkeypatch.setattr(vormcache.Vormcache, "ongewijzigd", lambda self, stat: False)
    monkeypatch.setattr(vormcache.Vormcache, "zelfde_inhoud", lambda self, stat, st, raw: False)
    monkeypatch.setattr(vormcache.Vormcache, "bewaar", lambda self, alle: None)


class _Spy:
    """Which record files a run reads, and which bytes go through the predicate."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read: list[str] = []
        self.checked: list[bytes] = []
        check = vormcheck.in_vaste_vorm

        def opening(name: str, mode: str) -> Any:
            path = Path(name)
            self.read.append(f"{path.parent.name}/{path.name}")
            return open(name, mode)

        def checking(raw: bytes, model: Any) -> bool:
            self.checked.append(raw)
            return check(raw, model)

        monkeypatch.setattr(formatteren, "open", opening, raising=False)
        monkeypatch.setattr(vormcheck, "in_vaste_vorm", checking)


def _copy(source: Path, target: Path, mtime_ns: int | None = OLD) -> None:
    if target.is_dir():
        target = target / source.name
    shutil.copy(source, target)
    if mtime_ns is not None:
        os.utime(target, ns=(mtime_ns, mtime_ns))


def test_the_same_answers_as_the_slow_path(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Path
) -> None:
    with monkeypatch.context() as m:
        _slow_only(m)
        slow = _check(capsys, data, "--diff")
    assert slow.code == 1
    assert "niet in vaste vorm: data/organisaties/quotes.yaml" in slow.out
    assert "niet in vaste vorm: data/clusters/kop-van-drenthe.yaml" in slow.out
    assert "data/organisaties/kapot.yaml:3:1: geen geldige YAML" in slow.err
    cold = _check(capsys, data, "--diff")
    warm = _check(capsys, data, "--diff")
    assert cold == slow
    assert warm == slow


def test_fmt_writes_the_same(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: Path,
    tmp_path: Path,
) -> None:
    copy = tmp_path / "kopie" / "data"
    shutil.copytree(data, copy)
    _check(capsys, data)  # a warm cache for the one, none for the other
    fast = invoke(capsys, ["--data", str(data), "fmt"])
    with monkeypatch.context() as m:
        _slow_only(m)
        slow = invoke(capsys, ["--data", str(copy), "fmt"])
    assert (fast.code, fast.out, fast.err) == (slow.code, slow.out, slow.err)
    for path in sorted(data.rglob("*.yaml")):
        assert path.read_bytes() == (copy / path.relative_to(data)).read_bytes(), path
    again = _check(capsys, data)
    assert again.code == 1  # the files fmt cannot read or format are still there
    assert "niet in vaste vorm" not in again.out


def test_an_unchanged_folder_is_not_read_again(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Path
) -> None:
    for name in ("kapot", "quotes", "volgorde", "dubbel", "datum", "bom"):
        (data / "organisaties" / f"{name}.yaml").unlink()
    _copy(EXAMPLE_DATA / "clusters" / "kop-van-drenthe.yaml", data / "clusters")
    first = _check(capsys, data)
    assert first.code == 0, first.err
    spy = _Spy(monkeypatch)
    second = _check(capsys, data)
    assert second == first
    assert spy.read == []


def test_a_changed_file_is_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Path
) -> None:
    _copy(EXAMPLE_DATA / "clusters" / "kop-van-drenthe.yaml", data / "clusters")
    assert "kop-van-drenthe" not in _check(capsys, data).out
    spy = _Spy(monkeypatch)
    target = data / "organisaties" / "gemeente-assen.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("naam: Gemeente Assen", "naam: 'Gemeente Assen'"))
    result = _check(capsys, data)
    assert "niet in vaste vorm: data/organisaties/gemeente-assen.yaml" in result.out
    assert "organisaties/gemeente-assen.yaml" in spy.read
    assert "organisaties/gemeente-groningen.yaml" not in spy.read
    # touched but not changed: read, and known by its bytes without the predicate
    cluster = data / "clusters" / "kop-van-drenthe.yaml"
    os.utime(cluster)
    spy.read.clear()
    assert "kop-van-drenthe" not in _check(capsys, data).out
    assert "clusters/kop-van-drenthe.yaml" in spy.read
    assert cluster.read_bytes() not in spy.checked


def test_a_second_write_in_the_same_tick_is_seen(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """A file written just before a run may be written again with the same mtime and
    size: that mtime is not trusted, so the next run compares the bytes."""
    cluster = data / "clusters" / "kop-van-drenthe.yaml"
    _copy(EXAMPLE_DATA / "clusters" / "kop-van-drenthe.yaml", cluster, mtime_ns=None)
    assert "kop-van-drenthe" not in _check(capsys, data).out
    before = cluster.stat()
    text = cluster.read_text(encoding="utf-8")
    swapped = text.replace(
        "  - gemeente-assen\n  - gemeente-noordenveld\n",
        "  - gemeente-noordenveld\n  - gemeente-assen\n",
    )
    assert swapped != text and len(swapped) == len(text)
    cluster.write_text(swapped, encoding="utf-8")
    os.utime(cluster, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cluster.stat().st_size == before.st_size
    result = _check(capsys, data)
    assert "niet in vaste vorm: data/clusters/kop-van-drenthe.yaml" in result.out


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"rommel",
        b"\xe3\x00\x00",
        ("vorige regels", {}),
        ("regels", {"data/organisaties/quotes.yaml": (1, 2)}),
        ("regels", ["data/organisaties/quotes.yaml"]),
    ],
    ids=["leeg", "rommel", "marshal", "andere-regels", "kapotte-regel", "geen-tabel"],
)
def test_a_damaged_or_foreign_cache_is_ignored(
    capsys: pytest.CaptureFixture[str], data: Path, content: Any
) -> None:
    from waterketen_cli.records import store

    expected = _check(capsys, data)
    [cache] = Path(os.environ["WATERKETEN_CACHE"]).glob("*-vaste-vorm.marshal")
    if isinstance(content, bytes):
        cache.write_bytes(content)
    else:
        rules = vormcache._rules() if content[0] == "regels" else b"vorige regels"
        store.write_cache(data, "vaste-vorm", (rules, content[1]))
    assert _check(capsys, data) == expected
    assert _check(capsys, data) == expected


def test_a_cache_that_cannot_be_written_costs_only_speed(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: Path,
    tmp_path: Path,
) -> None:
    expected = _check(capsys, data)
    (tmp_path / "bestand").write_text("geen map\n", encoding="utf-8")
    monkeypatch.setenv("WATERKETEN_CACHE", str(tmp_path / "bestand" / "cache"))
    assert _check(capsys, data) == expected


def test_other_rules_other_cache(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Path
) -> None:
    _check(capsys, data)
    spy = _Spy(monkeypatch)
    _check(capsys, data)
    assert len(spy.read) < 12  # the files that are not canonical
    monkeypatch.setattr(vormcache, "_rules", lambda: b"nieuwe regels")
    _check(capsys, data)
    assert len(spy.read) > 150


def test_a_run_on_some_files_keeps_what_is_known_of_the_others(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Path
) -> None:
    _check(capsys, data)
    invoke(capsys, ["--data", str(data), "fmt", "--check", str(data / "personen")])
    (data / "organisaties" / "kapot.yaml").unlink()
    spy = _Spy(monkeypatch)
    _check(capsys, data)
    assert "organisaties/quotes.yaml" in spy.read
    assert not any(name.startswith("personen/") for name in spy.read)
    assert len(spy.read) < 12


def test_a_file_replaced_while_fmt_reads_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Path
) -> None:
    """What is remembered is the file that was read, not the one that was listed: a
    writer that replaces a file after the listing and then puts the old one back (a
    rollback) does not leave the old one taken for canonical."""
    cluster = data / "clusters" / "kop-van-drenthe.yaml"  # not canonical: an unsorted list
    canonical = (EXAMPLE_DATA / "clusters" / "kop-van-drenthe.yaml").read_bytes()
    assert len(canonical) == cluster.stat().st_size
    backup = cluster.with_name(".backup")
    os.link(cluster, backup)
    scan = formatteren.scan

    def scan_then_replace(folder: Path) -> Any:
        listing = scan(folder)
        new = cluster.with_name(".nieuw")
        new.write_bytes(canonical)
        os.utime(new, ns=(OLD + 10**9, OLD + 10**9))
        os.replace(new, cluster)
        return listing

    with monkeypatch.context() as m:
        m.setattr(formatteren, "scan", scan_then_replace)
        assert "kop-van-drenthe" not in _check(capsys, data).out
    os.replace(backup, cluster)  # the old file, its old mtime and size
    result = _check(capsys, data)
    assert "niet in vaste vorm: data/clusters/kop-van-drenthe.yaml" in result.out
