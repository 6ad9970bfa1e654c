"""The strict base of every record model and the small shared types."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: A record id: a lowercase slug. It can never name a path outside ``data/``.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="Een id: kleine letters, cijfers en koppeltekens (bijv. 'kop-van-drenthe')."),
]

Tekst = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Model(BaseModel):
    """Strict: unknown fields are errors, values are not silently coerced to strings."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=False,
        use_enum_values=False,
        validate_default=True,
    )


class Record(Model):
    """A record that lives in a file of its own; ``id`` equals the file name."""

    id: Id
