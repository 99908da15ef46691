"""The release domain's side panel in `extract view`: a people table and a fields table."""

from __future__ import annotations

from extract.records import Grounding, Span
from extract.view import escape as _e
from extract.view import span_cell as _span_cell
from extract.view import value_cell as _value

from .schema import SCALAR_FIELDS, ReleaseEvent

__all__ = ["panel"]


def panel(event: ReleaseEvent, spans: dict[str, Span], grounding: Grounding | None) -> str:
    """People, then scalar and list fields, each value beside where it was found."""
    flagged = set(grounding.ungrounded_people) if grounding is not None and grounding.policy == "flag" else set()
    return "<h4>People</h4>" + _people_table(event, spans, flagged) + "<h4>Fields</h4>" + _scalars_table(event, spans)


def _people_table(event: ReleaseEvent, spans: dict[str, Span], flagged: set[str]) -> str:
    if not event.people:
        return '<p class="muted">No people.</p>'
    rows = []
    for i, person in enumerate(event.people):
        name_span = spans.get(f"people[{i}].name")
        evidence_span = spans.get(f"people[{i}].evidence")
        bad = person.name in flagged or (name_span is not None and name_span.status == "not_found")
        aliases = f'<div class="muted">{_e(", ".join(person.aliases))}</div>' if person.aliases else ""
        flag = ' <span class="badge b-ungrounded">UNGROUNDED</span>' if bad else ""
        evidence = f'<div class="quote">{_e(person.evidence)}</div>' if person.evidence else ""
        rows.append(
            f'<tr class="{"ungrounded" if bad else ""}" data-path="people[{i}].name">'
            f"<td>{_e(person.name)}{flag}{aliases}</td><td>{_e(person.status)}</td>"
            f"<td>{_value(person.role)}</td><td>{_value(person.nationality)}</td>"
            f"<td>{_span_cell(name_span, person.name)}</td>"
            f'<td data-path="people[{i}].evidence">{_span_cell(evidence_span, person.evidence)}{evidence}</td></tr>'
        )
    head = "<tr><th>name</th><th>status</th><th>role</th><th>nationality</th><th>name found</th><th>evidence</th></tr>"
    return f'<table class="people"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _scalars_table(event: ReleaseEvent, spans: dict[str, Span]) -> str:
    rows = []
    for field in SCALAR_FIELDS:
        value = getattr(event, field)
        quote = getattr(event.evidence, field) if event.evidence is not None else None
        value_span = spans.get(field)
        value_cell = _value(value) + (f" {_span_cell(value_span, value)}" if value_span is not None else "")
        quote_cell = (
            f'{_span_cell(spans.get(f"evidence.{field}"), quote)}<div class="quote">{_e(quote)}</div>'
            if quote
            else '<span class="muted">-</span>'
        )
        rows.append(
            f'<tr data-path="{field}"><th>{_e(field)}</th><td>{value_cell}</td>'
            f'<td data-path="evidence.{field}">{quote_cell}</td></tr>'
        )
    lists = [
        ("destinations", ", ".join(d.country + (f" ({d.count})" if d.count is not None else "") for d in event.destinations)),
        ("nationalities_released", ", ".join(event.nationalities_released)),
        ("mediators", ", ".join(event.mediators)),
        ("charges", ", ".join(event.charges)),
    ]
    for field, joined in lists:
        rows.append(f"<tr><th>{field}</th><td colspan=\"2\">{_value(joined or None)}</td></tr>")
    head = "<tr><th>field</th><th>value</th><th>evidence</th></tr>"
    return f'<table class="scalars"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
