"""The strict base of every record model and the small shared types."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

#: A record id: a lowercase slug. It can never name a path outside ``data/``.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: Decisions are numbered per meeting, B-<vergadering>-<n>, so that two branches that
#: each process minutes never take the same number. Numbers of the older register
#: (B-2026-014: per year) stay valid.
BESLUITNUMMER_PATTERN = r"^B-(?:\d{4}-\d{3}|[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}-\d{2}-\d{2}-\d+)$"


def slugify(text: str, max_length: int = 80) -> str:
    """The id nearest to a name: 'Kop van Drenthe' -> 'kop-van-drenthe'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(result) > max_length:
        result = result[:max_length].rsplit("-", 1)[0]
    return result


Id = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="Een id: kleine letters, cijfers en koppeltekens (bijv. 'kop-van-drenthe')."),
]

#: Text that may have lines and paragraphs: a description, a report, a decision.
Tekst = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

#: Line breaks: what Python's ``splitlines`` ends a line on, among the control
#: characters. (U+2028 and U+2029 are no control characters and stay allowed in the
#: data; every output folds them.)
_REGELEINDEN = frozenset("\n\r\v\f\x1c\x1d\x1e\x85")
#: Control characters (Unicode category Cc): C0, DEL and C1.
_STUURTEKEN = re.compile("[\x00-\x1f\x7f-\x9f]")


def _een_regel(value: str) -> str:
    """A name, title or place is one line: no line break, no control character (a
    newline in a name becomes a line of its own in CODEOWNERS, a calendar, a table)."""
    found = _STUURTEKEN.search(value)
    if found is None:
        return value
    teken = found.group()
    if teken in _REGELEINDEN:
        raise PydanticCustomError("regeleinde", "mag geen regeleinde bevatten")
    raise PydanticCustomError(
        "stuurteken", "bevat een stuurteken ({teken})", {"teken": f"U+{ord(teken):04X}"}
    )


#: Text on one line: a name, a title, a place, a function.
Regel = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_een_regel),
    Field(json_schema_extra={"pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"}),
]


class Model(BaseModel):
    """Strict: unknown fields are errors, values are not silently coerced to strings."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=False,
        use_enum_values=False,
        validate_default=True,
        # Build each validator on first use: a command that validates one kind of
        # record does not pay for building all of them (a quarter of a second).
        defer_build=True,
    )


class Record(Model):
    """A record that lives in a file of its own; ``id`` equals the file name.

    A kind of record is its model (a subclass in ``models/records.py``) and its line in
    ``soorten.SOORTEN``; what else the program knows of a kind, it reads off the model:
    the references (:class:`Verwijzing`), the lists without order (:class:`Ongeordend`),
    the cluster a record belongs to (:class:`Indeling`) and the facts for the checks
    across records (:meth:`feiten`)."""

    id: Id

    def feiten(self) -> Mapping[str, object]:
        """What the checks across records need to know of this record, as plain data
        (text, numbers, booleans, None, lists, tuples and dicts: they are cached with
        marshal; dates as ISO text). A kind with facts returns its own ``TypedDict``,
        which says what the checks may read (``checks/facts.py``); this one has none."""
        return {}


@dataclass(frozen=True)
class Verwijzing:
    """Marks a field as a reference to another record (or to a theme, indicator or
    decision). The reference checks find these markers; no list of fields is kept."""

    soort: str


@dataclass(frozen=True)
class Ongeordend:
    """Marks a list whose order carries no meaning (a set of references): ``fmt`` sorts
    it (``records/canonical.py``). Every other list keeps the order it is written in."""


#: The marker itself: ``Annotated[list[PersoonRef], ONGEORDEND]``.
ONGEORDEND = Ongeordend()


@dataclass(frozen=True)
class Indeling:
    """Marks the field of a record that names the cluster or clusters it belongs to:
    what changes in the record is listed under them (``analyse/wijzigingen.py``). A
    reference to a cluster without it (the waterteam of an overleg) places nothing."""


#: The marker itself: ``Annotated[ClusterRef | None, INDELING]``.
INDELING = Indeling()


_SLUG = StringConstraints(pattern=SLUG_PATTERN, max_length=80)

PersoonRef = Annotated[
    str, _SLUG, Field(description="Id van een persoon (data/personen/)."), Verwijzing("persoon")
]
OrganisatieRef = Annotated[
    str,
    _SLUG,
    Field(description="Id van een organisatie (data/organisaties/)."),
    Verwijzing("organisatie"),
]
ClusterRef = Annotated[
    str, _SLUG, Field(description="Id van een cluster (data/clusters/)."), Verwijzing("cluster")
]
OverlegRef = Annotated[
    str, _SLUG, Field(description="Id van een overleg (data/overleggen/)."), Verwijzing("overleg")
]
VergaderingRef = Annotated[
    str,
    _SLUG,
    Field(description="Id van een vergadering (data/vergaderingen/)."),
    Verwijzing("vergadering"),
]
ProjectRef = Annotated[
    str, _SLUG, Field(description="Id van een project (data/projecten/)."), Verwijzing("project")
]
ThemaRef = Annotated[
    str, _SLUG, Field(description="Id van een thema uit het regiorecord."), Verwijzing("thema")
]
IndicatorRef = Annotated[
    str,
    _SLUG,
    Field(description="Id van een indicator uit het regiorecord."),
    Verwijzing("indicator"),
]
BesluitRef = Annotated[
    str,
    Field(
        pattern=BESLUITNUMMER_PATTERN,
        description="Een besluitnummer, bijv. B-cco-2026-12-15-1 of B-2026-014.",
    ),
    Verwijzing("besluit"),
]
