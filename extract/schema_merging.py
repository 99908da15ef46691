"""Cross-article consolidation for any schema, from field metadata (pure).

1. Grouping. Two ok records report the same event when no ``identity`` field disagrees (each
   compared with its comparator; dates at most `max_days` apart; a value missing on one side never
   disagrees) and they share something: an item of the ``entities`` list (by its key field), or an
   identity value set on both sides. Groups are the connected components of that relation; with
   neither identity fields nor entities declared, every record is its own event.
2. Values. Each top-level scalar takes its canonical value by the stated rule (`choose`: most
   sources, then the most specific value, then the earliest article id); every other value is kept
   as a `Conflict` with its sources. Lists of values are unions, each item with its sources.
3. Entities. Items of lists of objects are clustered across articles by their key field (a cluster
   takes at most one item per article); each field of a cluster is chosen by the same rule, and
   disagreements are conflicts named `<list>[<key>].<field>`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from .comparators import compare
from .fields import FieldSpec, describe, key_field
from .names import DEFAULT_THRESHOLD, person_similarity
from .records import Record

__all__ = [
    "CHOICE_RULE",
    "Conflict",
    "Fact",
    "MergedRecord",
    "SourcedValue",
    "choose",
    "collect",
    "connected_groups",
    "group_by_identity",
    "merge_schema",
]

CHOICE_RULE = "most sources, then most specific, then earliest article id"


class SourcedValue(BaseModel):
    """One value and the articles that report it."""

    value: Any
    sources: list[str]


class Fact(BaseModel):
    """A canonical value with its provenance."""

    value: Any
    sources: list[str]


class Conflict(BaseModel):
    """Articles disagree on a field: every value with its sources, and which one was chosen."""

    field: str
    values: list[SourcedValue]
    chosen: Any
    rule: str = CHOICE_RULE


class MergedRecord(BaseModel):
    """One event consolidated from several article records of any schema."""

    id: str
    articles: list[str]
    event: Any = Field(description="The canonical data, an instance of the schema.")
    facts: dict[str, Fact] = Field(default_factory=dict)
    lists: dict[str, list[SourcedValue]] = Field(default_factory=dict)
    conflicts: list[Conflict] = Field(default_factory=list)


def _specificity(value: Any) -> float:
    if isinstance(value, bool):
        return 0.0
    if isinstance(value, int):
        return float(len(str(abs(value)).rstrip("0")) or 0)
    if isinstance(value, str):
        return float(len(value))
    return 0.0


def choose(values: Sequence[SourcedValue]) -> SourcedValue:
    """The canonical value by the stated rule: most sources, then most specific, then earliest source."""
    return min(values, key=lambda v: (-len(v.sources), -_specificity(v.value), min(v.sources)))


def _plain_key(value: Any) -> Hashable:
    if isinstance(value, str):
        return " ".join(value.lower().split())
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    key: Hashable = value
    return key


def collect(pairs: Iterable[tuple[str, Any]], key: Callable[[Any], Hashable] = _plain_key) -> list[SourcedValue]:
    """Group (source, value) pairs by `key(value)`; the first value seen represents its group."""
    groups: dict[Hashable, SourcedValue] = {}
    for source, value in pairs:
        if value is None:
            continue
        k = key(value)
        if k not in groups:
            groups[k] = SourcedValue(value=value, sources=[])
        if source not in groups[k].sources:
            groups[k].sources.append(source)
    return list(groups.values())


def _same(spec: FieldSpec, a: Any, b: Any, max_days: int) -> bool:
    if isinstance(a, date) and isinstance(b, date):
        return abs((a - b).days) <= max_days
    if spec.compare == "name":
        return person_similarity(str(a), str(b)) >= DEFAULT_THRESHOLD
    return compare(spec.compare if spec.compare != "ignore" else "normalised", a, b)


def _keys(data: BaseModel, spec: FieldSpec) -> list[Any]:
    assert spec.model is not None
    key = key_field(spec.model)
    if key is None:
        return []
    return [v for item in getattr(data, spec.name) or [] if (v := getattr(item, key.name, None))]


def _same_event(a: BaseModel, b: BaseModel, schema: type[BaseModel], max_days: int) -> bool:
    specs = describe(schema)
    shared = False
    for spec in specs:
        if not spec.identity or spec.shape != "scalar":
            continue
        va, vb = getattr(a, spec.name), getattr(b, spec.name)
        if va is None or vb is None or va == "" or vb == "":
            continue
        if not _same(spec, va, vb, max_days):
            return False
        shared = True
    for spec in specs:
        if spec.entities and spec.model is not None:
            key = key_field(spec.model)
            if key is not None and any(
                _same(key, x, y, max_days) for x in _keys(a, spec) for y in _keys(b, spec)
            ):
                return True
    return shared


def group_by_identity(records: Sequence[Record], schema: type[BaseModel], *, max_days: int = 3) -> list[list[Record]]:
    """Ok records grouped by the event they report (connected components of the same-event relation)."""
    ok = [r for r in records if r.status == "ok" and isinstance(r.event, schema)]
    return connected_groups(ok, lambda a, b: _same_event(a.event, b.event, schema, max_days))


def connected_groups(records: Sequence[Record], same: Callable[[Record, Record], bool]) -> list[list[Record]]:
    """The connected components of `same` over `records` (each in input order), ordered by their
    smallest article id."""
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            if find(i) != find(j) and same(records[i], records[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[Record]] = defaultdict(list)
    for i, record in enumerate(records):
        groups[find(i)].append(record)
    return sorted(groups.values(), key=lambda g: min(r.id for r in g))


def _cluster(spec: FieldSpec, items: list[tuple[str, BaseModel]], max_days: int) -> list[list[tuple[str, BaseModel]]]:
    assert spec.model is not None
    key = key_field(spec.model)
    clusters: list[list[tuple[str, BaseModel]]] = []
    for source, item in items:
        value = getattr(item, key.name, None) if key is not None else None
        home = None
        if key is not None and value:
            for cluster in clusters:
                if any(s == source for s, _ in cluster):
                    continue
                if any(_same(key, getattr(other, key.name), value, max_days)
                       for _, other in cluster if getattr(other, key.name, None)):
                    home = cluster
                    break
        if home is None:
            clusters.append([(source, item)])
        else:
            home.append((source, item))
    return clusters


def _merge_items(
    spec: FieldSpec, ids: list[str], datas: dict[str, BaseModel], max_days: int, conflicts: list[Conflict]
) -> list[dict[str, Any]]:
    assert spec.model is not None
    items = [(i, item) for i in ids for item in getattr(datas[i], spec.name) or []]
    key = key_field(spec.model)
    merged: list[dict[str, Any]] = []
    for cluster in _cluster(spec, items, max_days):
        values: dict[str, Any] = {}
        keys = collect((s, getattr(item, key.name)) for s, item in cluster) if key is not None else []
        label = str(choose(keys).value) if keys else ""
        for sub in describe(spec.model):
            found = collect(((s, getattr(item, sub.name)) for s, item in cluster))
            if sub.shape == "list":
                values[sub.name] = [v.value for v in collect(
                    (s, v) for s, item in cluster for v in getattr(item, sub.name) or [])]
                continue
            if not found:
                values[sub.name] = None
                continue
            best = choose(found)
            values[sub.name] = best.value
            if len(found) > 1 and (key is None or sub.name != key.name):
                conflicts.append(Conflict(field=f"{spec.name}[{label}].{sub.name}", values=found, chosen=best.value))
        merged.append(_dump(values))
    return merged


def _dump(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.model_dump(mode="python") if isinstance(v, BaseModel) else v for k, v in values.items()}


def _merge_group(records: Sequence[Record], schema: type[BaseModel], max_days: int) -> MergedRecord:
    datas: dict[str, BaseModel] = {r.id: r.event for r in records}
    ids = sorted(datas)
    facts: dict[str, Fact] = {}
    lists: dict[str, list[SourcedValue]] = {}
    conflicts: list[Conflict] = []
    values: dict[str, Any] = {}
    for spec in describe(schema):
        if spec.shape == "models":
            values[spec.name] = _merge_items(spec, ids, datas, max_days, conflicts)
            continue
        if spec.shape == "list":
            lists[spec.name] = collect((i, v) for i in ids for v in getattr(datas[i], spec.name) or [])
            values[spec.name] = [v.value for v in lists[spec.name]]
            continue
        found = collect((i, getattr(datas[i], spec.name)) for i in ids)
        if not found:
            values[spec.name] = None
            continue
        best = choose(found)
        values[spec.name] = best.value
        facts[spec.name] = Fact(value=best.value, sources=best.sources)
        if len(found) > 1:
            conflicts.append(Conflict(field=spec.name, values=found, chosen=best.value))
    try:
        event = schema.model_validate(_dump(values))
    except ValidationError:
        event = schema.model_construct(**values)
    return MergedRecord(id="event-" + ids[0], articles=ids, event=event, facts=facts, lists=lists, conflicts=conflicts)


def merge_schema(records: Sequence[Record], schema: type[BaseModel], *, max_days: int = 3) -> list[MergedRecord]:
    """Canonical events of `schema` from article records: grouped, entities merged, conflicts kept."""
    return [_merge_group(group, schema, max_days) for group in group_by_identity(records, schema, max_days=max_days)]
