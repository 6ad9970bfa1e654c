"""Fast, safe parsing of one record file, and mapping a field path back to a line.

Records are read with libyaml (PyYAML's C parser), which is several times faster than
any ruamel.yaml loader (see docs/ontwerp.md). Three things are changed from PyYAML's
defaults so that reading is safe and agrees with ruamel.yaml, which writes records:

- YAML 1.2 scalars: ``no``/``off`` stay text, ``14:30`` stays text, ``0612`` is 612;
- timestamps stay text, so that pydantic reports an impossible date with its position;
- duplicate keys, anchors and aliases are errors, not silently accepted.

Everything that can go wrong with the bytes of a file becomes a :class:`YamlProbleem`
with a line and a column, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver


@dataclass(frozen=True)
class YamlProbleem:
    """Something wrong with the text of a file, before any model sees it."""

    regel: int  # 1-based
    kolom: int  # 1-based
    bericht: str
    hint: str | None = None


class _Resolver12(BaseResolver):
    """The YAML 1.2 core schema, as ruamel.yaml reads it; no timestamps."""


_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


#: Python reads no longer number (sys.get_int_max_str_digits); longer ones are refused
#: with a message instead of an exception. Shorter absurd ones meet the models' bounds.
_MAX_DIGITS = 4300


class _Constructor(SafeConstructor):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        # Compare the keys as written, before constructing anything: cheap, and enough
        # for records, whose keys are plain words.
        seen: dict[str, Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise ConstructorError(
                    None, None, "een sleutel moet tekst zijn", key_node.start_mark
                )
            if key_node.value in seen:
                first = seen[key_node.value].start_mark.line + 1
                raise ConstructorError(
                    None,
                    None,
                    f"dubbele sleutel '{key_node.value}' (ook op regel {first})",
                    key_node.start_mark,
                )
            seen[key_node.value] = key_node
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, KeyError, TypeError, IndexError):
            # '!!int ja', '!!bool x', '!!float a': PyYAML's own constructors raise bare
            # Python errors without a place.
            raise ConstructorError(
                None, None, "een label dat niet bij de waarde past", node.start_mark
            ) from None

    def construct_yaml_int(self, node: ScalarNode) -> int:
        value = str(self.construct_scalar(node))
        if len(value.lstrip("+-")) > _MAX_DIGITS:
            raise ConstructorError(
                None,
                None,
                f"een getal van {len(value)} cijfers is geen gegeven van een record",
                node.start_mark,
            )
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)  # type: ignore[type-var]
# An explicit !!timestamp is kept as text as well.
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str
)


class Loader(_Parser, _Constructor, _Resolver12):
    """libyaml's parser with our constructor and resolver."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver12.__init__(self)


_PLAIN = "tag:waterketen:plain"  # a plain scalar, typed by _plain() below
_STR = BaseResolver.DEFAULT_SCALAR_TAG
_SEQ = BaseResolver.DEFAULT_SEQUENCE_TAG
_MAP = BaseResolver.DEFAULT_MAPPING_TAG


class _FastLoader(_Parser):
    """libyaml composes the nodes; :func:`_build` turns them into data.

    PyYAML's constructor and resolver are Python code that costs more than libyaml
    itself: a call per node through generic machinery. A record's file is plain
    mappings, lists and scalars, so this loader only marks each scalar as plain or
    quoted and :func:`_build` types the plain ones by the same YAML 1.2 rules as
    :class:`_Resolver12`. Anything out of the ordinary (a tag, a duplicate or non-text
    key, a huge number, ``0x``/``0o``, ``.inf``) gives up with :class:`_Gewoon`, and
    :class:`Loader` reads the file again with the full rules and their messages."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)

    def descend_resolver(self, parent: Any, index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _MAP if kind is MappingNode else _SEQ


class _Gewoon(Exception):
    """Not the common case: read the file with the full :class:`Loader`."""


_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("~", "null", "Null", "NULL", ""), None),
}


_GEWOON_BEGIN = frozenset("-+.0123456789tTfFnN~")


def _plain(value: str) -> Any:
    """A plain scalar, typed as :class:`_Resolver12` and :class:`_Constructor` do."""
    first = value[:1]
    if first not in _GEWOON_BEGIN:
        return value if first else None
    if first in "-+.0123456789":
        if _INT.match(value):
            if len(value) > _MAX_DIGITS:
                raise _Gewoon
            return int(value)
        if _FLOAT.match(value):
            return float(value)
        if value.startswith(("0o", "0x")) or "inf" in value.lower() or "nan" in value.lower():
            raise _Gewoon
        return value
    if first in "tTfFnN~":
        return _WORDS.get(value, value)
    return value


def _build(node: Node) -> Any:
    # Scalars are handled in line where they occur: a call per scalar is most of the cost.
    kind = type(node)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if kind is MappingNode and node.tag == _MAP:
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise _Gewoon
            tag = key_node.tag
            key = _plain(key_node.value) if tag is _PLAIN else _scalar(key_node)
            if key is None or key in data or isinstance(key, float):
                raise _Gewoon
            if type(value_node) is ScalarNode:
                tag = value_node.tag
                data[key] = _plain(value_node.value) if tag is _PLAIN else _scalar(value_node)
            else:
                data[key] = _build(value_node)
        return data
    if kind is SequenceNode and node.tag == _SEQ:
        return [
            (_plain(item.value) if item.tag is _PLAIN else _scalar(item))
            if type(item) is ScalarNode
            else _build(item)
            for item in node.value
        ]
    raise _Gewoon


def _scalar(node: Node) -> Any:
    if node.tag is _PLAIN:
        return _plain(node.value)
    if node.tag == _STR:
        return node.value
    raise _Gewoon


def _load_fast(text: str) -> Any:
    """The data of a document by :class:`_FastLoader`; :class:`_Gewoon` if it is not
    a common one (also when libyaml finds an error: the full loader reports it)."""
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        raise _Gewoon from None
    finally:
        loader.dispose()
    try:
        return None if node is None else _build(node)
    except RecursionError:
        raise _Gewoon from None


_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def decode(raw: bytes) -> tuple[str | None, YamlProbleem | None]:
    """Bytes to text, or the place of the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", errors="replace")
        line, column = _position(before, len(before))
        return None, YamlProbleem(
            line,
            column,
            f"het bestand is geen UTF-8 (byte 0x{raw[error.start]:02x})",
            "sla het bestand op als UTF-8",
        )
    return text.removeprefix("\ufeff"), None


def _text_problems(text: str) -> list[YamlProbleem]:
    # A marker is seven equal characters in a row: looking for those first is many times
    # cheaper than the expression, on every file read.
    if any(teken * 7 in text for teken in "<=>|"):
        problems = [
            YamlProbleem(
                *_position(text, m.start()),
                "merge-conflictmarkering gevonden",
                "los het merge-conflict op: kies de juiste regels en verwijder de markeringen",
            )
            for m in _CONFLICT.finditer(text)
        ]
        if problems:
            return problems
    problems = []
    tab = text.find("\t")
    if tab >= 0:
        problems.append(
            YamlProbleem(
                *_position(text, tab),
                "tab-teken gevonden",
                "gebruik spaties in plaats van tabs",
            )
        )
    return problems


def _aliases(text: str) -> list[YamlProbleem]:
    problems = []
    loader = Loader(text)
    try:
        events: list[yaml.Event] = []
        while loader.check_event():
            event = loader.get_event()
            if event is not None:
                events.append(event)
    finally:
        loader.dispose()
    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problems.append(
                YamlProbleem(
                    line,
                    column,
                    "ankers en aliassen (& en *) zijn niet toegestaan in records",
                    "schrijf de waarde voluit",
                )
            )
    return problems


# libyaml's messages, in the users' language, each with what to do about it.
_MESSAGES: tuple[tuple[str, str, str | None], ...] = (
    ("dubbele sleutel", "", "verwijder of hernoem een van beide sleutels"),
    (
        "mapping values are not allowed",
        "hier kan geen 'sleutel: waarde' staan",
        "zet tekst met een dubbele punt tussen aanhalingstekens, of controleer de inspringing",
    ),
    (
        "could not find expected ':'",
        "verwachtte een ':' na de sleutel",
        "controleer de inspringing en of elke sleutel een ':' heeft",
    ),
    (
        "did not find expected key",
        "verwachtte hier een sleutel",
        "controleer de inspringing van deze regel en de regel erboven",
    ),
    (
        "did not find expected '-' indicator",
        "verwachtte hier een lijstelement ('- ')",
        "controleer de inspringing van de lijst",
    ),
    (
        "expected <block end>",
        "de inspringing klopt niet",
        "controleer de inspringing van deze regel en de regel erboven",
    ),
    (
        "found unexpected end of stream",
        "het bestand houdt onverwacht op",
        "sluit alle haakjes en aanhalingstekens",
    ),
    (
        "found character that cannot start any token",
        "dit teken kan hier niet staan",
        "zet de waarde tussen aanhalingstekens",
    ),
    (
        "but found another document",
        "het bestand bevat meer dan één document ('---')",
        "zet elk record in een eigen bestand",
    ),
    (
        "did not find expected ',' or ']'",
        "een lijst tussen [ ] is niet goed afgesloten",
        "sluit de lijst met ']' of schrijf hem als blok met '- '",
    ),
    (
        "did not find expected ',' or '}'",
        "een mapping tussen { } is niet goed afgesloten",
        "sluit de mapping met '}'",
    ),
    ("exceeded maximum nesting depth", "het bestand is te diep genest", None),
    (
        "found unknown escape character",
        "onbekende escape-reeks ('\\')",
        "gebruik enkele aanhalingstekens",
    ),
    ("een sleutel moet tekst zijn", "", "gebruik tekst als sleutel"),
    (
        "een label dat niet bij de waarde past",
        "records gebruiken geen YAML-labels (tags)",
        "verwijder het label dat met '!' begint",
    ),
    (
        "could not determine a constructor for the tag",
        "records gebruiken geen YAML-labels (tags)",
        "verwijder het label dat met '!' begint",
    ),
)


def _yaml_error(error: yaml.YAMLError, text: str) -> YamlProbleem:
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _position(text, error.position)
        return YamlProbleem(
            line,
            column,
            f"ongeldig teken in het bestand (code {error.character!r})",
            "verwijder het teken",
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = str(getattr(error, "problem", None) or error)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    for english, dutch, hint in _MESSAGES:
        if english in problem:
            return YamlProbleem(line, column, f"geen geldige YAML: {dutch or problem}", hint)
    return YamlProbleem(line, column, f"geen geldige YAML ({problem})", None)


def parse(raw: bytes) -> tuple[Any, list[YamlProbleem]]:
    """Parse one record file. Returns the data (a mapping) or the problems."""
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        return None, [problem]
    problems = _text_problems(text)
    if problems:
        return None, problems
    if "&" in text or "*" in text:  # an anchor or alias, maybe
        try:
            problems = _aliases(text)
        except yaml.YAMLError as error:
            return None, [_yaml_error(error, text)]
        if problems:
            return None, problems
    try:
        data = _load_fast(text)
    except _Gewoon:
        data = _load_full(text)
    if isinstance(data, YamlProbleem):
        return None, [data]
    if data is None:
        return None, [
            YamlProbleem(1, 1, "het bestand is leeg", "vul het record in of verwijder het bestand")
        ]
    if not isinstance(data, dict):
        kind = "lijst" if isinstance(data, list) else "losse waarde"
        return None, [
            YamlProbleem(
                1,
                1,
                f"een record moet een mapping (sleutel: waarde) zijn, geen {kind}",
                "begin elke regel op het hoogste niveau met 'veld: waarde', zonder '- '",
            )
        ]
    return data, []


def _load_full(text: str) -> Any:
    """The data of a document by the full rules, or the problem with it."""
    try:
        loader = Loader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        return _yaml_error(error, text)
    except RecursionError:
        return YamlProbleem(1, 1, "het bestand is te diep genest", None)


def compose(text: str) -> Node | None:
    """The node tree of a file that parses (used only to find lines)."""
    loader = Loader(text)
    try:
        node: Node | None = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return node


def locate(root: Node | None, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the node at ``path`` in a composed file.

    A path that does not exist all the way (a missing field) gives the deepest node
    that does: the mapping that lacks the field. With ``key`` the position of the
    last key is given instead of its value (for unknown fields).
    """
    if root is None:
        return 1, 1
    node: Node = root
    mark = node.start_mark
    for depth, step in enumerate(path, start=1):
        child: Node | None = None
        key_node: Node | None = None
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == str(step):
                    key_node, child = k, v
                    break
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
        if child is None:
            break
        node = child
        last_key = key and key_node is not None and depth == len(path)
        mark = key_node.start_mark if last_key and key_node is not None else child.start_mark
    return mark.line + 1, mark.column + 1
