"""What the models say about themselves: nested models, field names, and the fields
that carry a marker of ``models/base.py`` (references, lists without order, the
cluster a record belongs to).

Used by the checks to suggest field names and to find every reference field, by
``fmt`` to find the lists it sorts, and by the changes report to find a record's
cluster, without keeping a separate list of any of them.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from waterketen_cli.models.base import Indeling, Ongeordend, Verwijzing


@dataclass(frozen=True)
class _Veld:
    naam: str
    is_list: bool
    verwijzing: str | None
    submodel: type[BaseModel] | None
    ongeordend: bool = False  # marked Ongeordend: a list whose order carries no meaning
    indeling: bool = False  # marked Indeling: names the record's cluster(s)


def _unwrap(annotation: Any, metadata: Sequence[Any]) -> tuple[Any, list[Any], bool]:
    """Strip Optional, Annotated and list; return the inner type, metadata, is_list."""
    meta = list(metadata)
    is_list = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            meta.extend(extra)
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, meta, is_list
            annotation = args[0]
        elif origin is list:
            is_list = True
            (annotation,) = get_args(annotation)
        else:
            return annotation, meta, is_list


@cache
def _reference_fields(model: type[BaseModel]) -> tuple[_Veld, ...]:
    """The fields that hold references, directly or somewhere below them."""
    return tuple(
        v
        for v in _velden(model)
        if v.verwijzing is not None or (v.submodel is not None and _reference_fields(v.submodel))
    )


@cache
def _velden(model: type[BaseModel]) -> tuple[_Veld, ...]:
    velden = []
    for naam, info in model.model_fields.items():
        inner, meta, is_list = _unwrap(info.annotation, info.metadata)
        verwijzing = next((m.soort for m in meta if isinstance(m, Verwijzing)), None)
        sub = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        ongeordend = any(isinstance(m, Ongeordend) for m in meta)
        indeling = any(isinstance(m, Indeling) for m in meta)
        velden.append(_Veld(naam, is_list, verwijzing, sub, ongeordend, indeling))
    return tuple(velden)


def unordered_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of ``model`` (not of the models below it) marked :class:`Ongeordend`."""
    return frozenset(v.naam for v in _velden(model) if v.ongeordend)


def unordered_lists(models: Iterable[type[BaseModel]]) -> frozenset[tuple[type[BaseModel], str]]:
    """Every (model, field) marked :class:`Ongeordend` in ``models`` and below them."""
    found: set[tuple[type[BaseModel], str]] = set()
    todo, seen = list(models), set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        found.update((model, naam) for naam in unordered_fields(model))
        todo.extend(v.submodel for v in _velden(model) if v.submodel is not None)
    return frozenset(found)


@cache
def cluster_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of a record that name the cluster(s) it belongs to (marked
    :class:`Indeling`), as (name, is_list)."""
    return tuple((v.naam, v.is_list) for v in _velden(model) if v.indeling)


def field_names(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    """The field names allowed at ``path`` (a path into a record), or [] if unknown."""
    current: type[BaseModel] | None = model
    for step in path:
        if current is None:
            return []
        if isinstance(step, int):
            continue
        veld = next((v for v in _velden(current) if v.naam == step), None)
        current = veld.submodel if veld else None
    return list(current.model_fields) if current else []


#: One reference found in a record: where (its path), to which kind, which id. A plain
#: tuple: a folder of 10,000 records has some 80,000.
Referentie = tuple[tuple[str | int, ...], str, str]


def references(record: BaseModel, prefix: tuple[str | int, ...] = ()) -> Iterator[Referentie]:
    """Every reference in a validated record, with its path."""
    for veld in _reference_fields(type(record)):
        value = getattr(record, veld.naam)
        if value is None:
            continue
        items = list(enumerate(value)) if veld.is_list else [(None, value)]
        for index, item in items:
            pad = (*prefix, veld.naam) if index is None else (*prefix, veld.naam, index)
            if veld.verwijzing is not None:
                yield pad, veld.verwijzing, item
            elif veld.submodel is not None:
                yield from references(item, pad)
