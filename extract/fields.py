"""Field metadata: what the engine reads from a schema to ground, score and merge it (pure).

Metadata sits in each field's `json_schema_extra` under the key ``x-extract``; `meta()` builds it:

    class Defendant(BaseModel):
        name: str = Field(description="...", json_schema_extra=meta(ground="name", compare="name", key=True))

    class Verdict(BaseModel):
        court: str | None = Field(None, json_schema_extra=meta(identity=True))
        defendants: list[Defendant] = Field(default_factory=list, json_schema_extra=meta(entities=True))

- ``ground``: how a string value is aligned to the article. ``name`` (whole words, stricter fuzzy
  threshold), ``quote`` or ``value`` (verbatim or nearly; counted), ``text`` (free text or a
  paraphrase: aligned but not counted in the grounding rate), ``none`` (not aligned). Default:
  ``value`` for strings; fixed choices (Literal, Enum) and non-strings are not aligned.
- ``compare``: the comparator that scores the field against gold (`extract.comparators`): ``exact``,
  ``normalised``, ``number``, ``date``, ``text``, ``name``, ``country``, ``ignore``. Default by type:
  strings ``normalised`` (``name`` for ground=name, ``text`` for ground=text), numbers ``number``,
  dates ``date``, anything else ``exact``.
- ``key`` (on a field of a list item): aligns list items one-to-one between prediction and gold,
  and clusters them across articles in a merge. Default: the item's first string field.
- ``entities`` (on a list of objects): the list the ungrounded policy acts on (an item whose key is
  not found in the article is flagged or dropped). Default: none.
- ``identity``: the fields that identify one real-world event; records that disagree on one of
  them are never merged.
"""

from __future__ import annotations

import enum
import types
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Literal, Union, cast, get_args, get_origin

from pydantic import BaseModel

__all__ = ["META_KEY", "FieldSpec", "describe", "entity_field", "is_empty", "key_field", "leaf_paths", "meta"]

META_KEY = "x-extract"
Ground = Literal["name", "quote", "value", "text", "none"]
Shape = Literal["scalar", "list", "model", "models"]
Base = Literal["str", "int", "float", "date", "bool", "category", "other"]
_GROUNDS = ("name", "quote", "value", "text", "none")
COMPARATOR_NAMES = ("exact", "normalised", "number", "date", "text", "name", "country", "ignore")


def is_empty(value: Any) -> bool:
    """No value: None, an empty list, or a blank string (for scoring, trails and exports alike)."""
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def meta(
    *,
    ground: Ground | None = None,
    compare: str | None = None,
    key: bool = False,
    entities: bool = False,
    identity: bool = False,
) -> dict[str, Any]:
    """`json_schema_extra` for a field (see the module docstring)."""
    if ground is not None and ground not in _GROUNDS:
        raise ValueError(f"ground must be one of {', '.join(_GROUNDS)}, got {ground!r}")
    if compare is not None and compare not in COMPARATOR_NAMES:
        raise ValueError(f"compare must be one of {', '.join(COMPARATOR_NAMES)}, got {compare!r}")
    data: dict[str, Any] = {}
    if ground is not None:
        data["ground"] = ground
    if compare is not None:
        data["compare"] = compare
    for flag, value in (("key", key), ("entities", entities), ("identity", identity)):
        if value:
            data[flag] = True
    return {META_KEY: data}


@dataclass(frozen=True)
class FieldSpec:
    """One field of a schema as the engine sees it."""

    name: str
    shape: Shape
    base: Base
    model: type[BaseModel] | None
    ground: Ground
    compare: str
    key: bool
    entities: bool
    identity: bool


def _unwrap(annotation: Any) -> tuple[Shape, Base, type[BaseModel] | None]:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
        return "scalar", "other", None
    if origin in (list, tuple, set, frozenset):
        args = [a for a in get_args(annotation) if a is not Ellipsis]
        inner = args[0] if args else Any
        shape, base, model = _unwrap(inner)
        if shape == "model":
            return "models", base, model
        return "list", base, None
    if origin is Literal:
        return "scalar", "category", None
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return "model", "other", annotation
        if issubclass(annotation, enum.Enum):
            return "scalar", "category", None
        if issubclass(annotation, bool):
            return "scalar", "bool", None
        if issubclass(annotation, int):
            return "scalar", "int", None
        if issubclass(annotation, float):
            return "scalar", "float", None
        if issubclass(annotation, (date, datetime)):
            return "scalar", "date", None
        if issubclass(annotation, str):
            return "scalar", "str", None
    return "scalar", "other", None


def _default_compare(base: Base, ground: Ground) -> str:
    if base == "str":
        return {"name": "name", "text": "text", "quote": "text"}.get(ground, "normalised")
    if base in ("int", "float"):
        return "number"
    if base == "date":
        return "date"
    return "exact"


@cache
def describe(schema: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The fields of `schema`, in order, with their metadata and defaults filled in."""
    specs: list[FieldSpec] = []
    for name, info in schema.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        data = extra.get(META_KEY, {})
        data = data if isinstance(data, dict) else {}
        shape, base, model = _unwrap(info.annotation)
        ground = cast(Ground, data.get("ground") or ("value" if base == "str" else "none"))
        if base != "str":
            ground = "none"
        specs.append(
            FieldSpec(
                name=name,
                shape=shape,
                base=base,
                model=model,
                ground=ground,
                compare=str(data.get("compare") or _default_compare(base, ground)),
                key=bool(data.get("key")),
                entities=bool(data.get("entities")),
                identity=bool(data.get("identity")),
            )
        )
    return tuple(specs)


def key_field(schema: type[BaseModel]) -> FieldSpec | None:
    """The field that aligns items of a list of `schema` objects: the one marked key, else the first string."""
    specs = describe(schema)
    marked = [s for s in specs if s.key]
    if marked:
        return marked[0]
    return next((s for s in specs if s.shape == "scalar" and s.base == "str"), None)


def entity_field(schema: type[BaseModel]) -> FieldSpec | None:
    """The list of objects the ungrounded policy acts on (marked `entities`), if any."""
    return next((s for s in describe(schema) if s.entities and s.shape == "models"), None)


def leaf_paths(schema: type[BaseModel], prefix: str = "") -> list[tuple[str, FieldSpec]]:
    """Every leaf of `schema` as (dotted path, field): `court`, `defendants.name`, `charges`."""
    out: list[tuple[str, FieldSpec]] = []
    for spec in describe(schema):
        path = f"{prefix}{spec.name}"
        if spec.shape in ("model", "models") and spec.model is not None:
            out.extend(leaf_paths(spec.model, path + "."))
        else:
            out.append((path, spec))
    return out
