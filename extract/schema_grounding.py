"""Grounding for any schema: align every string value to the article, guided by field metadata (pure).

Every string value (scalars, items of string lists, fields of nested objects and of list items)
is aligned with `extract.grounding.Aligner` and gets a `Span` at its path (`court`,
`charges[1]`, `defendants[0].name`). How it is aligned and whether it counts towards the grounding
rate comes from the field's ``ground`` metadata (`extract.fields`): ``name`` is matched as whole
words with the stricter name threshold; ``quote`` and ``value`` as quotes; ``text`` (free text, a
paraphrase) is aligned but not counted; ``none`` is skipped. Fixed choices (Literal, Enum), numbers
and dates are never aligned.

The ungrounded policy acts on the list marked ``entities``: an item whose key field is not found
is listed in `ungrounded_people` (flag), or also removed (drop; later items' paths are renumbered).
The rate is measured on the data as extracted, before the policy acts.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from .fields import describe, entity_field, key_field
from .grounding import NAME_THRESHOLD, Aligner, Alignment
from .records import Grounding, Span

__all__ = ["counted_paths", "ground_data", "is_counted_in", "is_quote_in"]

Policy = Literal["keep", "flag", "drop"]
_COUNTED = ("name", "quote", "value")


def _find(aligner: Aligner, value: str, ground: str) -> Alignment:
    if ground == "name":
        return aligner.find(value, threshold=NAME_THRESHOLD, whole_words=True)
    return aligner.find(value)


def _walk(aligner: Aligner, obj: BaseModel, prefix: str) -> list[tuple[str, Alignment, bool]]:
    """(path, alignment, counted) of every aligned string under `obj`."""
    found: list[tuple[str, Alignment, bool]] = []
    for spec in describe(type(obj)):
        value: Any = getattr(obj, spec.name, None)
        path = prefix + spec.name
        if value is None:
            continue
        if spec.shape == "scalar" and spec.base == "str" and spec.ground != "none":
            if isinstance(value, str) and value.strip():
                found.append((path, _find(aligner, value, spec.ground), spec.ground in _COUNTED))
        elif spec.shape == "list" and spec.base == "str" and spec.ground != "none":
            for i, item in enumerate(value):
                if isinstance(item, str) and item.strip():
                    found.append((f"{path}[{i}]", _find(aligner, item, spec.ground), spec.ground in _COUNTED))
        elif spec.shape == "model" and isinstance(value, BaseModel):
            found.extend(_walk(aligner, value, path + "."))
        elif spec.shape == "models":
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    found.extend(_walk(aligner, item, f"{path}[{i}]."))
    return found


def ground_data(data: BaseModel, text: str, policy: Policy = "flag") -> tuple[BaseModel, Grounding]:
    """Align `data`'s string values to `text` and apply the ungrounded policy to its entity list."""
    if policy not in ("keep", "flag", "drop"):
        raise ValueError(f"unknown ungrounded policy {policy!r} (use keep, flag or drop)")
    aligner = Aligner(text)
    found = _walk(aligner, data, "")
    grounded = sum(a.found for _, a, counted in found if counted)
    total = sum(1 for _, _, counted in found if counted)

    entities = entity_field(type(data))
    ungrounded: list[str] = []
    renumber: dict[int, int | None] = {}
    result = data
    if entities is not None and entities.model is not None:
        key = key_field(entities.model)
        items: list[Any] = list(getattr(data, entities.name) or [])
        kept: list[Any] = []
        for i, item in enumerate(items):
            key_path = f"{entities.name}[{i}].{key.name}" if key is not None else None
            alignment = next((a for p, a, _ in found if p == key_path), None)
            if alignment is not None and not alignment.found:
                ungrounded.append(str(getattr(item, key.name)) if key is not None else str(i))
                if policy == "drop":
                    renumber[i] = None
                    continue
            renumber[i] = len(kept)
            kept.append(item)
        if policy == "drop" and len(kept) != len(items):
            result = data.model_copy(update={entities.name: kept})

    spans: list[Span] = []
    head = f"{entities.name}[" if entities is not None else None
    for path, alignment, _ in found:
        if head is not None and path.startswith(head):
            index_text, _, rest = path[len(head):].partition("]")
            new = renumber.get(int(index_text), int(index_text))
            if new is None:
                continue
            path = f"{head}{new}]{rest}"
        spans.append(alignment.span(path))
    return result, Grounding(
        spans=spans,
        grounded=grounded,
        total=total,
        rate=round(grounded / total, 4) if total else 1.0,
        ungrounded_people=[] if policy == "keep" else ungrounded,
        policy=policy,
    )


def counted_paths(schema: type[BaseModel]) -> frozenset[str]:
    """Field names (at any depth, without indices) whose values count towards the grounding rate."""
    names: set[str] = set()
    for spec in describe(schema):
        if spec.ground in _COUNTED and spec.base == "str":
            names.add(spec.name)
        if spec.model is not None:
            names |= {f"{spec.name}.{n}" for n in counted_paths(spec.model)}
    return frozenset(names)


def _paths_with(schema: type[BaseModel], ground: str) -> frozenset[str]:
    names: set[str] = set()
    for spec in describe(schema):
        if spec.ground == ground and spec.base == "str":
            names.add(spec.name)
        if spec.model is not None:
            names |= {f"{spec.name}.{n}" for n in _paths_with(spec.model, ground)}
    return frozenset(names)


def _bare(path: str) -> str:
    return ".".join(part.split("[")[0] for part in path.split("."))


def is_quote_in(schema: type[BaseModel], path: str) -> bool:
    """Whether the value at `path` is a field marked ground="quote"."""
    return _bare(path) in _paths_with(schema, "quote")


def is_counted_in(schema: type[BaseModel], path: str) -> bool:
    """Whether the value at `path` (`defendants[0].name`) counts towards the grounding rate."""
    bare = ".".join(part.split("[")[0] for part in path.split("."))
    return bare in counted_paths(schema)
