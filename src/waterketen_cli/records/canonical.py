"""The canonical form of a record file (``waterketen fmt``), keeping every comment.

Text in, canonical text out; nothing here reads or writes files. The rules:

- keys in the order of the model's fields, for nested models too; keys the model does
  not know stay at the end, in their order (fmt never deletes data);
- block style, indentation 2 for mappings, 4 for lists with the dash at 2;
- times and telephone numbers single-quoted; other text plain where YAML 1.2 reads it
  back as the same text, otherwise as ruamel.yaml quotes it (single quotes, double
  quotes only where single ones cannot say it); folded and literal blocks (``>-``,
  ``|``) stay as written, line breaks included;
- the lists marked ``Ongeordend`` in the models (:data:`UNORDERED`) sorted: their
  order carries no meaning;
- runs of blank lines become one, no blank line right after ``key:``, no trailing
  spaces, exactly one newline at the end.

Comments: a full-line comment belongs to the key or list item below it and moves
with it; an end-of-line comment belongs to the key or item on its line; comment lines
at the end of a list or mapping, indented as its items, stay at its end. The comment
lines above the first key are the file's header and stay on top, except those below
the header's last blank line: they belong to the first key. Every comment is
re-indented to what it belongs to; an end-of-line comment keeps its column where the
line leaves room.

ruamel.yaml keeps a full-line comment with whatever comes *before* it (often the last
value of a nested list), so moving keys as they are would drag comments along to the
wrong place. Instead the comments are first read into :class:`_Notes` per key or item
(``_Reader``), the mappings and lists are rebuilt in canonical order, and the comments
are then put back where ruamel.yaml itself would have kept them when reading the
canonical text (``_Writer``), so a second run reads them back the same way.

Two guards make a lost comment or a changed value impossible rather than unlikely:
the canonical text must hold the same comments as the original (found with libyaml's
scanner, independently of ruamel.yaml) and read back (``yamlio.parse``) to the same
data. Otherwise :class:`VormFout` is raised and the file is left alone.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final, get_args

import yaml
from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from waterketen_cli.errors import WaterketenError
from waterketen_cli.models.introspect import _unwrap, unordered_fields, unordered_lists
from waterketen_cli.models.types import Telefoon
from waterketen_cli.records.transactie import SchrijfFout
from waterketen_cli.records.writer import check_text, yaml_rt
from waterketen_cli.records.yamlio import parse
from waterketen_cli.soorten import SOORTEN, Soort

#: The lists whose order carries no meaning: sets of references, sorted by fmt; the
#: models mark them (``Annotated[list[PersoonRef], ONGEORDEND]``). Every other list
#: keeps its order: the agenda, a programme, measurements, decisions, milestones, budget
#: lines, the members of a body, the topics of an agenda member, and a project's team,
#: clusters and themes (the project plan, the overview and the resources document show
#: them in the record's order: the main theme first, the trekker's cluster first).
UNORDERED: Final[frozenset[tuple[type[BaseModel], str]]] = unordered_lists(s.model for s in SOORTEN)

_TELEFOON_META = get_args(Telefoon)[1:]
_DOCUMENT_START = re.compile(r"\A((?:[ \t]*(?:#[^\n]*)?\r?\n)*)---[ \t]*\r?\n")
_BLOCK = (FoldedScalarString, LiteralScalarString)

Line = tuple[int, str]  # the column in the original text, the text ('' = a blank line)


class VormFout(WaterketenError):
    """A record could not be put in canonical form; the file is left as it is."""


# --- what the models say -----------------------------------------------------------------


@dataclass(frozen=True)
class _Shape:
    """What fmt needs to know about a value: its model, and for a list its items'."""

    model: type[BaseModel] | None = None
    is_list: bool = False
    quoted: bool = False
    unordered: bool = False


_FREE = _Shape()


@cache
def _shapes(model: type[BaseModel]) -> dict[str, _Shape]:
    shapes = {}
    unordered = unordered_fields(model)
    for name, info in model.model_fields.items():
        inner, meta, is_list = _unwrap(info.annotation, info.metadata)
        sub = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        phone = any(m is t for m in meta for t in _TELEFOON_META)
        shapes[name] = _Shape(
            model=sub,
            is_list=is_list,
            quoted=inner is dt.time or phone,
            unordered=name in unordered,
        )
    return shapes


def _item_shape(shape: _Shape) -> _Shape:
    return _Shape(model=shape.model, quoted=shape.quoted)


# --- reading the comments ------------------------------------------------------------------


@dataclass
class _Notes:
    """The comments of one key or list item."""

    before: list[Line] = field(default_factory=list)
    eol: tuple[str, int] | None = None  # an end-of-line comment and its column
    header: Any = None  # ruamel.yaml's own note of '>-  # …' on a block scalar


class _Reader:
    """Assigns every comment of a document loaded by ruamel.yaml to a key or list item
    (see the module docstring), walking the document in the order of the text."""

    def __init__(self, doc: CommentedMap) -> None:
        self.notes: dict[tuple[int, Any], _Notes] = {}
        self.ends: dict[int, list[Line]] = {}
        self._pending: list[Line] = []
        self._seen: set[int] = set()
        self._previous: tuple[_Notes, int] | None = None  # the last key or item, its line
        comment = doc.ca.comment or []
        self._pre(comment[:1])  # a document has no line for an end-of-line comment
        self._pre(comment[1] if len(comment) > 1 else None)
        blanks = [i for i, (_, text) in enumerate(self._pending) if not text]
        cut = blanks[-1] + 1 if blanks else len(self._pending)
        self.header, self._pending = self._pending[:cut], self._pending[cut:]
        self._mapping(doc)
        self._pre(doc.ca.end)
        self.trailer = self._pending

    def _pre(self, tokens: Any) -> None:
        """Comment lines before what comes next."""
        for token in tokens or []:
            if token is None or id(token) in self._seen:
                continue
            self._seen.add(id(token))
            if not isinstance(token, CommentToken):
                raise VormFout("commentaar op een plek die fmt niet kent")
            lines = _split(token.value)
            previous = self._on_previous_line(token)
            if lines and lines[0].strip() and previous is not None:
                # '[a, b,  # c' in a flow list: the comment is on b's line
                previous.eol = (lines.pop(0).strip(), token.column)
            for i, line in enumerate(lines):
                indent = token.column if i == 0 else len(line) - len(line.lstrip())
                self._pending.append((indent, line.strip()) if line.strip() else (0, ""))

    def _post(self, token: Any, notes: _Notes, *, block: bool) -> None:
        """What follows a value: a comment on its line, then comment lines."""
        if token is None or id(token) in self._seen:
            return
        self._seen.add(id(token))
        if not isinstance(token, CommentToken):
            raise VormFout("commentaar op een plek die fmt niet kent")
        lines = _split(token.value)
        if not block and lines:  # after a block scalar every comment is a full line
            first = lines.pop(0).strip()
            if first and notes.eol is None:
                notes.eol = (first, token.column)
            elif first:
                self._pending.append((token.column, first))
        for line in lines:
            indent = len(line) - len(line.lstrip())
            self._pending.append((indent, line.strip()) if line.strip() else (0, ""))

    def _on_previous_line(self, token: CommentToken) -> _Notes | None:
        """The key or item whose line this comment is on, if it has no comment yet."""
        if self._previous is None or self._pending:
            return None
        notes, line = self._previous
        on_line = getattr(token.start_mark, "line", None) == line
        return notes if on_line and notes.eol is None else None

    def _enter(self, container: Any, key: Any) -> _Notes:
        notes = _Notes(before=self._pending)
        self._pending = []
        self.notes[(id(container), key)] = notes
        # the line where a comment would be this key's or item's end-of-line comment
        position = container.lc.data.get(key) if hasattr(container, "lc") else None
        nested = isinstance(container[key], (CommentedMap, CommentedSeq))
        line = position[2 if len(position) > 2 and not nested else 0] if position else -1
        self._previous = (notes, line)
        return notes

    def _mapping(self, node: CommentedMap) -> None:
        for key, value in node.items():
            item = _four(node.ca.items.get(key))
            self._pre(item[1])
            notes = self._enter(node, key)
            block = isinstance(value, _BLOCK)
            self._post(item[0], notes, block=False)
            self._post(item[2], notes, block=block)
            if block and item[3] and all(isinstance(x, str) for x in item[3]):
                notes.header = item[3]
            else:
                self._pre(item[3])
            self._value(value, notes, _column(node))

    def _sequence(self, node: CommentedSeq) -> None:
        for index, value in enumerate(node):
            item = _four(node.ca.items.get(index))
            self._pre(item[1])
            notes = self._enter(node, index)
            self._post(item[0], notes, block=isinstance(value, _BLOCK))
            self._post(item[2], notes, block=False)
            self._pre(item[3])
            self._value(value, notes, _column(node))

    def _value(self, value: Any, notes: _Notes, owner: int) -> None:
        if not isinstance(value, (CommentedMap, CommentedSeq)):
            return
        comment = value.ca.comment or []
        self._post(comment[0] if comment else None, notes, block=False)
        self._pre(comment[1] if len(comment) > 1 else None)
        if isinstance(value, CommentedMap):
            self._mapping(value)
        else:
            self._sequence(value)
        self._pre(value.ca.end)
        self.ends[id(value)] = self._end(_column(value), owner)

    def _end(self, column: int, owner: int) -> list[Line]:
        """The comment lines that close a list or mapping: indented as its items."""
        last = -1
        for i, (indent, text) in enumerate(self._pending):
            if not text:
                continue
            if indent < column or indent <= owner:
                break
            last = i
        end, self._pending = self._pending[: last + 1], self._pending[last + 1 :]
        return end


def _four(item: Any) -> list[Any]:
    return [*(item or []), None, None, None, None][:4]


def _split(value: str) -> list[str]:
    lines = value.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _column(node: Any) -> int:
    lc = getattr(node, "lc", None)
    column = getattr(lc, "col", None)
    return column if isinstance(column, int) else 0


# --- the canonical structure ------------------------------------------------------------------


class _Builder:
    """Rebuilds the document in canonical order; remembers where everything came from."""

    def __init__(self) -> None:
        # new container -> (original container, original key or index per new position)
        self.origin: dict[int, tuple[Any, list[Any]]] = {}

    def mapping(self, node: CommentedMap, model: type[BaseModel] | None) -> CommentedMap:
        shapes = _shapes(model) if model is not None else {}
        order = [k for k in shapes if k in node] + [k for k in node if k not in shapes]
        new = CommentedMap()
        for key in order:
            plain_key = str(key) if isinstance(key, str) else key
            new[plain_key] = self.value(node[key], shapes.get(key, _FREE))
        self.origin[id(new)] = (node, order)
        return new

    def value(self, value: Any, shape: _Shape) -> Any:
        if isinstance(value, CommentedMap):
            return self.mapping(value, None if shape.is_list else shape.model)
        if isinstance(value, CommentedSeq):
            order = list(range(len(value)))
            scalars = not any(isinstance(v, (CommentedMap, CommentedSeq)) for v in value)
            if shape.unordered and scalars:
                order.sort(key=lambda i: _sort_key(value[i]))
            item = _item_shape(shape) if shape.is_list else _FREE
            new = CommentedSeq(self.value(value[i], item) for i in order)
            self.origin[id(new)] = (value, order)
            return new
        if isinstance(value, _BLOCK) or not isinstance(value, str):
            return value
        return SingleQuotedScalarString(value) if shape.quoted else str(value)


# --- putting the comments back --------------------------------------------------------------


class _Writer:
    """Puts the comments on the canonical document the way ruamel.yaml keeps them when
    it reads a file: each run of comment lines on the value before it."""

    def __init__(self, reader: _Reader, builder: _Builder, doc: CommentedMap) -> None:
        self._reader = reader
        self._origin = builder.origin
        self._target: tuple[Any, Any, bool] | None = None  # container, key, block scalar
        self._eol: tuple[str, int] | None = None
        self._opener = True  # the lines follow 'key:' (or start the file)
        self._lines = [_indented(0, text) for _, text in reader.header]
        self._header: list[str] = []
        self._mapping(doc, 0, first=None)
        self._lines += [_indented(0, text) for _, text in reader.trailer]
        self._flush(last=True)
        if self._header:
            doc.ca.comment = [None, [CommentToken(f"{h}\n", CommentMark(0)) for h in self._header]]

    def _arrive(
        self, notes: _Notes, column: int, target: tuple[Any, Any, bool] | None, *, opener: bool
    ) -> None:
        self._lines += [_indented(column, text) for _, text in notes.before]
        if target is None:  # a list item that is itself a list or mapping
            if notes.eol is not None:
                self._lines.append(_indented(column, notes.eol[0]))
            return
        self._flush(last=False)
        self._target, self._eol, self._opener = target, notes.eol, opener

    def _flush(self, *, last: bool) -> None:
        """The lines gathered so far go on the value before them (or the header)."""
        lines = _tidy(self._lines, opener=self._opener, last=last)
        self._lines = []
        if self._target is None:
            self._header = lines
            return
        container, key, block = self._target
        if block:  # a block scalar ends with its newline: no end-of-line comment
            if not lines:
                return
            text, column = "".join(f"{line}\n" for line in lines), 0
        else:
            if self._eol is None and not lines:
                return
            eol, column = self._eol if self._eol is not None else ("", 0)
            text = eol + "\n" + "".join(f"{line}\n" for line in lines)
        token = CommentToken(text, CommentMark(column))
        if isinstance(container, CommentedMap):
            item = _four(container.ca.items.get(key))
            item[2] = token
            container.ca.items[key] = item
        else:
            container.ca.items[key] = [token, None, None, None]

    def _notes(self, original: Any, key: Any) -> _Notes:
        return self._reader.notes.get((id(original), key)) or _Notes()

    def _mapping(self, node: CommentedMap, column: int, first: int | None) -> None:
        original, keys = self._origin[id(node)]
        for position, (new_key, old_key) in enumerate(zip(node, keys, strict=True)):
            notes = self._notes(original, old_key)
            value = node[new_key]
            header = notes.header
            if header is not None:
                node.ca.items[new_key] = [None, None, None, header]
            nested = isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0
            at = first if position == 0 and first is not None else column
            block = isinstance(value, _BLOCK)
            self._arrive(notes, at, (node, new_key, block), opener=nested)
            self._nested(value, column + 2)

    def _sequence(self, node: CommentedSeq, column: int, first: int | None) -> None:
        original, indices = self._origin[id(node)]
        for position, (value, old_index) in enumerate(zip(node, indices, strict=True)):
            notes = self._notes(original, old_index)
            at = first if position == 0 and first is not None else column
            if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0:
                # The comments of the item and of its first key or item go above the dash.
                self._arrive(notes, at, None, opener=False)
                if isinstance(value, CommentedMap):
                    self._mapping(value, column + 2, first=at)
                else:
                    self._sequence(value, column + 2, first=at)
                self._close(value, column + 2)
            else:
                block = isinstance(value, _BLOCK)
                self._arrive(notes, at, (node, position, block), opener=False)

    def _nested(self, value: Any, column: int) -> None:
        if not isinstance(value, (CommentedMap, CommentedSeq)) or len(value) == 0:
            return
        if isinstance(value, CommentedMap):
            self._mapping(value, column, first=None)
        else:
            self._sequence(value, column, first=None)
        self._close(value, column)

    def _close(self, value: Any, column: int) -> None:
        original, _ = self._origin[id(value)]
        self._lines += [
            _indented(column, text) for _, text in self._reader.ends.get(id(original), [])
        ]


def _indented(column: int, text: str) -> str:
    return " " * column + text if text else ""


def _tidy(lines: list[str], *, opener: bool, last: bool) -> list[str]:
    """One blank line at most; none right after ``key:``, at the start or the end."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]) or (not out and not opener):
            out.append(line)
    while last and out and not out[-1]:
        out.pop()
    return out


# --- the guards ------------------------------------------------------------------------------


def comments(text: str) -> list[str]:
    """Every comment in a YAML text, in order, found with libyaml's scanner (so
    independently of ruamel.yaml): the ``#`` text outside scalars."""
    # Where each line begins, by libyaml's own line breaks (also \r, NEL, U+2028 and
    # U+2029), so that its marks (line, column) point at the right character.
    starts = [0, *(m.end() for m in re.finditer("\r\n|[\r\n\x85\u2028\u2029]", text))]
    masked = list(text)
    loader = yaml.CBaseLoader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if not isinstance(token, yaml.ScalarToken):
                continue
            begin = starts[token.start_mark.line] + token.start_mark.column
            end = starts[token.end_mark.line] + token.end_mark.column
            if token.style in ("|", ">"):  # the header line may end in a comment
                newline = text.find("\n", begin)
                begin = end if newline < 0 else newline
            for i in range(begin, end):
                if masked[i] != "\n":
                    masked[i] = "x"
    except yaml.YAMLError as error:
        raise VormFout(f"geen geldige YAML ({error})") from None
    finally:
        loader.dispose()
    found = []
    for raw, line in zip(text.split("\n"), "".join(masked).split("\n"), strict=True):
        match = re.search(r"(?:^|[ \t])(#.*)$", line)
        if match:
            found.append(raw[match.start(1) :].rstrip())
    return found


# --- the canonical form ---------------------------------------------------------------------


def canonical(text: str, model: type[BaseModel] | None, data: Any = None) -> str:
    """The canonical form of a record's text (see the module docstring). ``data`` is
    what ``yamlio.parse`` reads from ``text``, if the caller has read it already."""
    if data is None:
        data, problems = parse(text.encode("utf-8"))
        if problems:
            raise VormFout(f"geen geldige YAML: {problems[0].bericht}", hint=problems[0].hint)
    try:
        # ruamel.yaml drops comments above a '---' line; records need no such line
        doc = yaml_rt().load(_DOCUMENT_START.sub(r"\1", text, count=1))
    except Exception as error:  # ruamel raises many kinds; all mean "cannot read"
        raise VormFout(f"ruamel.yaml kan het bestand niet lezen ({error})") from None
    reader = _Reader(doc)
    builder = _Builder()
    new = builder.mapping(doc, model)
    _Writer(reader, builder, new)
    buffer = io.StringIO()
    yaml_rt().dump(new, buffer)
    expected = _sorted(data, _Shape(model=model))
    result = _clean(buffer.getvalue(), expected)
    if result != text:  # what is already canonical is never written: no guard needed
        _guard(text, result, expected)
    return result


def _clean(text: str, data: Any) -> str:
    """No trailing spaces, one newline at the end; unless the spaces are text."""
    clean = "\n".join(line.rstrip(" ") for line in text.split("\n")).rstrip("\n") + "\n"
    return clean if clean == text or parse(clean.encode("utf-8"))[0] == data else text


def _sorted(data: Any, shape: _Shape) -> Any:
    """Parsed data with the unordered lists sorted as fmt sorts them."""
    if isinstance(data, dict):
        shapes = _shapes(shape.model) if shape.model is not None and not shape.is_list else {}
        return {k: _sorted(v, shapes.get(k, _FREE)) for k, v in data.items()}
    if isinstance(data, list):
        item = _item_shape(shape) if shape.is_list else _FREE
        items = [_sorted(v, item) for v in data]
        if shape.unordered and not any(isinstance(v, (dict, list)) for v in items):
            items.sort(key=_sort_key)
        return items
    return data


def _sort_key(value: Any) -> tuple[bool, str]:
    return (not isinstance(value, str), str(value))


def _guard(before: str, after: str, expected: Any) -> None:
    new, new_problems = parse(after.encode("utf-8"))
    if new_problems or new != expected:
        raise VormFout(
            "de vaste vorm zou de gegevens veranderen",
            hint="dit is een fout in waterketen; het bestand is niet gewijzigd",
        )
    old, new_comments = Counter(comments(before)), Counter(comments(after))
    if old != new_comments:
        lost = next(iter((old - new_comments) or (new_comments - old)))
        raise VormFout(
            f"de vaste vorm zou commentaar niet goed bewaren ({lost})",
            hint="dit is een fout in waterketen; het bestand is niet gewijzigd",
        )


def format_record(text: str, soort: Soort, path: Path, data: Any = None) -> str:
    """The canonical text of one record file, checked like every write: a record that
    ``validate`` accepts stays acceptable (``writer.check_text``). ``data``: as for
    :func:`canonical`."""
    result = canonical(text, soort.model, data)
    if result == text:
        return result
    try:
        check_text(text, soort, path)
    except SchrijfFout:
        return result  # invalid before; the data is unchanged (see _guard)
    try:
        check_text(result, soort, path)
    except SchrijfFout as error:
        raise VormFout(error.bericht, hint="dit is een fout in waterketen") from None
    return result
