"""Cross-article consolidation: one canonical event from many reports of it (pure).

1. Grouping. Two ok records report the same event when their releasing countries agree (or one
   is unknown), their dates are at most `max_days` apart (or one is unknown), and they share a
   released person (by the project's one name matcher, `extract.names`) or the released count.
   Groups are the connected components of that relation. Records that name different releasing
   countries never merge.
2. People. Persons are clustered across articles with `names.person_similarity` over every
   spelling seen so far (name and aliases); a cluster takes at most one person per article. The
   canonical name is the full spelling used by most articles (ties: the longer, then the first
   seen); every other spelling is an alias. Status and nationality are chosen by the rule below;
   disagreements are kept as conflicts.
3. Facts. Each scalar's canonical value is chosen by a stated rule: **most sources, then the most
   specific value** (a number with fewer trailing zeros - 4,381 over 4,400 - or the longer text),
   then the earliest article id. Every other value is reported in a `Conflict` with its sources.
   List fields are unions, each item with its sources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from extract.countries import normalize_country
from extract.names import DEFAULT_THRESHOLD, name_tokens, person_similarity
from extract.schema_merging import Conflict, Fact, SourcedValue, choose, collect, connected_groups

from .schema import SCALAR_FIELDS, Destination, Person, Record, ReleaseEvent

__all__ = [
    "CanonicalEvent",
    "Conflict",
    "Fact",
    "MergedPerson",
    "SourcedValue",
    "choose",
    "group_records",
    "merge_records",
]

class MergedPerson(BaseModel):
    """One person across articles: every spelling, the articles that mention them, their status."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    status: str
    nationality: str | None = None
    role: str | None = None
    sources: list[str]
    status_votes: list[SourcedValue] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)


class CanonicalEvent(BaseModel):
    """One event consolidated from several article records."""

    id: str
    articles: list[str]
    event: ReleaseEvent
    facts: dict[str, Fact] = Field(default_factory=dict)
    people: list[MergedPerson] = Field(default_factory=list)
    lists: dict[str, list[SourcedValue]] = Field(default_factory=dict)
    conflicts: list[Conflict] = Field(default_factory=list)


def _text_key(value: Any) -> Hashable:
    if isinstance(value, str):
        return " ".join(value.lower().split())
    key: Hashable = value
    return key


def _country_key(value: Any) -> Hashable:
    return normalize_country(value) if isinstance(value, str) else value


# ------------------------------------------------------------------ grouping


def _released_names(event: ReleaseEvent) -> list[list[str]]:
    return [[p.name, *p.aliases] for p in event.people if p.status == "released"]


def _same_event(a: Record, b: Record, max_days: int) -> bool:
    ea, eb = a.event, b.event
    if ea is None or eb is None:
        return False
    if ea.releasing_country and eb.releasing_country:
        if normalize_country(ea.releasing_country) != normalize_country(eb.releasing_country):
            return False
    if ea.event_date and eb.event_date and abs((ea.event_date - eb.event_date).days) > max_days:
        return False
    if ea.released_count is not None and ea.released_count == eb.released_count:
        return True
    names_b = _released_names(eb)
    return any(
        person_similarity(pa, pb) >= DEFAULT_THRESHOLD and _full(pa) and _full(pb)
        for pa in _released_names(ea)
        for pb in names_b
    )


def _full(variants: list[str]) -> bool:
    return any(len(name_tokens(v)) >= 2 for v in variants)


def group_records(records: Sequence[Record], *, max_days: int = 3) -> list[list[Record]]:
    """Ok records grouped by the event they report (connected components of `_same_event`)."""
    ok = [r for r in records if r.status == "ok" and r.event is not None]
    return connected_groups(ok, lambda a, b: _same_event(a, b, max_days))


# ------------------------------------------------------------------ people


class _Cluster:
    def __init__(self) -> None:
        self.mentions: list[tuple[str, Person]] = []

    def variants(self) -> list[str]:
        seen: list[str] = []
        for _, person in self.mentions:
            for v in (person.name, *person.aliases):
                if v not in seen:
                    seen.append(v)
        return seen

    def articles(self) -> set[str]:
        return {source for source, _ in self.mentions}


def _cluster_people(records: Sequence[Record]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for record in sorted(records, key=lambda r: r.id):
        assert record.event is not None
        # people with full names first, so a lone surname joins an existing full-name cluster
        people = sorted(record.event.people, key=lambda p: -len(name_tokens(p.name)))
        taken: set[int] = set()
        for person in people:
            variants = [person.name, *person.aliases]
            best, best_score = None, 0.0
            for index, cluster in enumerate(clusters):
                if index in taken or record.id in cluster.articles():
                    continue
                score = person_similarity(variants, cluster.variants())
                if score >= DEFAULT_THRESHOLD and score > best_score:
                    best, best_score = index, score
            if best is None:
                clusters.append(_Cluster())
                best = len(clusters) - 1
            clusters[best].mentions.append((record.id, person))
            taken.add(best)
    return clusters


def _canonical_name(cluster: _Cluster) -> str:
    counts: dict[str, set[str]] = defaultdict(set)
    order: list[str] = []
    for source, person in cluster.mentions:
        if person.name not in counts:
            order.append(person.name)
        counts[person.name].add(source)
    full = [n for n in order if len(name_tokens(n)) >= 2] or order
    return min(full, key=lambda n: (-len(counts[n]), -len(n), order.index(n)))


def _merge_person(cluster: _Cluster) -> MergedPerson:
    name = _canonical_name(cluster)
    aliases = [v for v in cluster.variants() if v != name]
    sources = sorted(cluster.articles())
    conflicts: list[Conflict] = []
    chosen: dict[str, Any] = {}
    for field_name, key in (("status", _text_key), ("nationality", _country_key), ("role", _text_key)):
        values = collect(((s, getattr(p, field_name)) for s, p in cluster.mentions), key)
        if not values:
            chosen[field_name] = None
            continue
        best = choose(values)
        chosen[field_name] = best.value
        if len(values) > 1 and field_name != "role":
            conflicts.append(Conflict(field=f"{name}.{field_name}", values=values, chosen=best.value))
    status_votes = collect((s, p.status) for s, p in cluster.mentions)
    return MergedPerson(
        name=name,
        aliases=aliases,
        status=chosen["status"],
        nationality=chosen["nationality"],
        role=chosen["role"],
        sources=sources,
        status_votes=status_votes,
        conflicts=conflicts,
    )


# ------------------------------------------------------------------ events


def _merge_group(records: Sequence[Record]) -> CanonicalEvent:
    events = {r.id: r.event for r in records if r.event is not None}
    ids = sorted(events)
    facts: dict[str, Fact] = {}
    conflicts: list[Conflict] = []
    scalars: dict[str, Any] = {}
    for field_name in SCALAR_FIELDS:
        key = _country_key if field_name == "releasing_country" else _text_key
        values = collect(((i, getattr(events[i], field_name)) for i in ids), key)
        if not values:
            scalars[field_name] = None
            continue
        best = choose(values)
        scalars[field_name] = best.value
        facts[field_name] = Fact(value=best.value, sources=best.sources)
        if len(values) > 1:
            conflicts.append(Conflict(field=field_name, values=values, chosen=best.value))

    lists: dict[str, list[SourcedValue]] = {}
    for field_name in ("nationalities_released", "mediators", "charges"):
        key = _country_key if field_name != "charges" else _text_key
        lists[field_name] = collect(((i, v) for i in ids for v in getattr(events[i], field_name)), key)
    dest_values = collect(((i, d.country) for i in ids for d in events[i].destinations), _country_key)
    destinations = []
    for dest in dest_values:
        counts = collect(
            (i, d.count) for i in ids for d in events[i].destinations
            if _country_key(d.country) == _country_key(dest.value)
        )
        count = choose(counts).value if counts else None
        if len(counts) > 1:
            conflicts.append(Conflict(field=f"destinations[{dest.value}].count", values=counts, chosen=count))
        destinations.append(Destination(country=dest.value, count=count))
    lists["destinations"] = dest_values

    people = [_merge_person(c) for c in _cluster_people(records)]
    people.sort(key=lambda p: (-len(p.sources), p.name))
    for person in people:
        conflicts.extend(person.conflicts)

    event_date = scalars.get("event_date")
    event = ReleaseEvent(
        releasing_country=scalars.get("releasing_country"),
        releasing_authority=scalars.get("releasing_authority"),
        event_date=event_date if isinstance(event_date, date) or event_date is None else None,
        released_count=scalars.get("released_count"),
        remaining_prisoners=scalars.get("remaining_prisoners"),
        quid_pro_quo=scalars.get("quid_pro_quo"),
        people=[
            Person(name=p.name, aliases=p.aliases, status=p.status, role=p.role, nationality=p.nationality)  # type: ignore[arg-type]
            for p in people
        ],
        destinations=destinations,
        nationalities_released=[v.value for v in lists["nationalities_released"]],
        mediators=[v.value for v in lists["mediators"]],
        charges=[v.value for v in lists["charges"]],
    )
    return CanonicalEvent(
        id="event-" + ids[0],
        articles=ids,
        event=event,
        facts=facts,
        people=people,
        lists=lists,
        conflicts=conflicts,
    )


def merge_records(records: Sequence[Record], *, max_days: int = 3) -> list[CanonicalEvent]:
    """Canonical events from article records: grouped, people merged, conflicts kept."""
    return [_merge_group(group) for group in group_records(records, max_days=max_days)]
