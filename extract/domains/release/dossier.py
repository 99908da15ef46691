"""Render consolidated events as a readable Markdown dossier (one section per event)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .merging import CanonicalEvent, SourcedValue

__all__ = ["render_dossier"]


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _sources(values: Sequence[str]) -> str:
    return ", ".join(values)


def _votes(values: Sequence[SourcedValue]) -> str:
    return "; ".join(f"{_cell(v.value)} ({_sources(v.sources)})" for v in values)


def render_dossier(events: Sequence[CanonicalEvent]) -> str:
    """A Markdown dossier: canonical facts, people with aliases, conflicts and sources per event."""
    out: list[str] = [f"# Consolidated events ({len(events)})", ""]
    for event in events:
        e = event.event
        title = f"{e.releasing_country or 'Unknown country'} release"
        if e.event_date:
            title += f", {e.event_date.isoformat()}"
        out += [f"## {title}", "", f"Event id `{event.id}`, from {len(event.articles)} article(s): "
                f"{_sources(event.articles)}", "", "### Facts", "", "| field | value | sources |", "|---|---|---|"]
        for name, fact in event.facts.items():
            out.append(f"| {name} | {_cell(fact.value)} | {_sources(fact.sources)} |")
        for name, values in event.lists.items():
            if values:
                out.append(f"| {name} | {_cell(', '.join(str(v.value) for v in values))} | "
                           f"{_cell('; '.join(_sources(v.sources) for v in values))} |")
        out += ["", "### People", "", "| name | other spellings | status | nationality | role | sources |",
                "|---|---|---|---|---|---|"]
        for person in event.people:
            out.append(
                f"| {_cell(person.name)} | {_cell(', '.join(person.aliases))} | {_cell(person.status)} | "
                f"{_cell(person.nationality)} | {_cell(person.role)} | {_sources(person.sources)} |"
            )
        out += ["", "### Conflicts", ""]
        if not event.conflicts:
            out.append("None: the sources agree.")
        for conflict in event.conflicts:
            out.append(f"- **{_cell(conflict.field)}**: {_votes(conflict.values)}; chosen "
                       f"**{_cell(conflict.chosen)}** ({conflict.rule})")
        out.append("")
    return "\n".join(out)
