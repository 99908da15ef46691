"""One self-contained HTML page to check records by eye: each article with its grounded spans
highlighted, beside the record extracted from it.

Everything taken from records or articles is HTML-escaped; the page has inline CSS and a small
inline script (hover a row to light up its spans) and loads nothing from the network. Overlapping
spans are cut into flat segments at every span boundary, so marks never nest and the HTML stays
valid whatever the offsets.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .grounding import ground, is_counted
from .io import Article, iter_articles, read_records, text_sha256
from .schema import SCALAR_FIELDS, Grounding, Record, ReleaseEvent, Span

__all__ = ["ViewResult", "highlight", "render_view", "write_view"]


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


# ------------------------------------------------------------------ highlighting


def _kind(path: str) -> str:
    """'q' for a quote (evidence), 'n' for a name or scalar value."""
    return "q" if path.endswith(".evidence") or path.startswith("evidence.") else "n"


def _label(span: Span) -> str:
    score = "" if span.status == "exact" else f" {span.score:.2f}"
    return f"{span.path}: {span.status}{score}"


def highlight(text: str, spans: Iterable[Span]) -> str:
    """`text` as escaped HTML with one flat <mark> per segment covered by found spans."""
    usable = [
        (s.start, s.end, s)
        for s in spans
        if s.status != "not_found" and s.start is not None and s.end is not None and 0 <= s.start < s.end <= len(text)
    ]
    if not usable:
        return _e(text)
    bounds = sorted({0, len(text), *(start for start, _, _ in usable), *(end for _, end, _ in usable)})
    starts: dict[int, list[tuple[int, Span]]] = {}
    for start, end, span in usable:
        starts.setdefault(start, []).append((end, span))
    active: list[tuple[int, Span]] = []
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        active = [(end, s) for end, s in active if end > a] + starts.get(a, [])
        chunk = _e(text[a:b])
        if not active:
            out.append(chunk)
            continue
        covering = [s for _, s in active]
        classes = ["hl"]
        for kind in ("q", "n"):
            statuses = {s.status for s in covering if _kind(s.path) == kind}
            if statuses:
                classes.append(f"{kind}-{'exact' if 'exact' in statuses else 'fuzzy'}")
        if len(covering) > 1:
            classes.append("multi")
        paths = " ".join(dict.fromkeys(s.path for s in covering))
        title = "\n".join(_label(s) for s in covering)
        out.append(f'<mark class="{" ".join(classes)}" data-paths="{_e(paths)}" title="{_e(title)}">{chunk}</mark>')
    return "".join(out)


# ------------------------------------------------------------------ one record


@dataclass(frozen=True)
class _Shown:
    """What is shown for one record: its grounding (possibly recomputed) and notes about it."""

    grounding: Grounding | None
    notes: tuple[str, ...]


def _grounding_for(record: Record, text: str | None) -> _Shown:
    """The record's grounding, recomputed (policy keep) when it is missing or stale for this text."""
    event, stored = record.event, record.grounding
    if event is None or text is None:
        return _Shown(stored, ())
    if stored is None:
        return _Shown(ground(event, text, "keep")[1], ("record has no grounding: computed for this view",))
    stale = text_sha256(text) != record.sha256 or any(
        s.status != "not_found" and (s.start is None or s.end is None or text[s.start : s.end] != s.text)
        for s in stored.spans
    )
    if not stale:
        return _Shown(stored, ())
    fresh = ground(event, text, "keep")[1]
    shown = stored.model_copy(update={"spans": fresh.spans})
    return _Shown(shown, ("article text differs from the one extracted: spans recomputed for this view",))


def _badge(status: str, text: str | None = None) -> str:
    return f'<span class="badge b-{_e(status)}">{_e(text or status.replace("_", " "))}</span>'


def _span_cell(span: Span | None, value: str | None) -> str:
    if span is None:
        return '<span class="muted">-</span>'
    cell = _badge(span.status)
    if span.status == "fuzzy":
        cell += f' <span class="score">{span.score:.2f}</span>'
    if span.text is not None and span.text != value:
        cell += f' <span class="matched">"{_e(span.text)}"</span>'
    return cell


def _value(value: object) -> str:
    if value is None or value == []:
        return '<span class="muted">-</span>'
    return _e(value)


def _not_found_box(grounding: Grounding, dropped: list[str]) -> str:
    missing = [s for s in grounding.spans if s.status == "not_found"]
    if not missing and not dropped:
        return ""
    items = []
    for name in dropped:
        items.append(f"<li><b>dropped person</b> {_e(name)}</li>")
    for s in missing:
        extra = "" if is_counted(s.path) else ' <span class="muted">(not counted)</span>'
        near = f' <span class="score">best {s.score:.2f}</span>' if s.score else ""
        items.append(f"<li><code>{_e(s.path)}</code> {_e(s.query)}{near}{extra}</li>")
    return f'<div class="notfound"><h4>Not found in the article</h4><ul>{"".join(items)}</ul></div>'


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


def _meta(record: Record) -> str:
    parts = [
        f"model {_e(record.model)}", f"strategy {_e(record.strategy)}", f"prompt {_e(record.prompt_version)}",
        f"{record.seconds:.1f}s", f"{record.usage.total_tokens} tokens",
    ]
    if record.cached:
        parts.append("cached")
    if record.source:
        parts.append(f"source {_e(record.source)}")
    return f'<div class="meta">{" · ".join(parts)}</div>'


def _trail_table(record: Record) -> str:
    """Which rules produced each value (the record's trail), when the strategy keeps one."""
    if not record.trail:
        return ""
    rows = "".join(
        f"<tr><td>{_e(path)}</td><td>{_e(', '.join(ids))}</td></tr>" for path, ids in record.trail.items()
    )
    return f'<h4>Rules</h4><table class="trail"><tr><th>value</th><th>rule ids</th></tr>{rows}</table>'


def _is_problem(record: Record, shown: _Shown) -> bool:
    if record.status == "error":
        return True
    g = shown.grounding
    return g is not None and (
        bool(g.ungrounded_people) or any(s.status == "not_found" and is_counted(s.path) for s in g.spans)
    )


def _record_section(n: int, record: Record, text: str | None, shown: _Shown) -> str:
    g = shown.grounding
    badges = [_badge(record.status)]
    if g is not None:
        level = "exact" if g.rate >= 0.999 else "fuzzy" if g.rate >= 0.8 else "not_found"
        badges.append(_badge(level, f"grounded {g.grounded}/{g.total} ({g.rate:.0%})"))
        badges.append(_badge("policy", f"policy {g.policy}"))
        if g.ungrounded_people:
            badges.append(_badge("ungrounded", f"{len(g.ungrounded_people)} ungrounded"))
    notes = "".join(f'<p class="note">{_e(note)}</p>' for note in shown.notes)

    if text is None:
        article = '<p class="muted">Article text not available.</p>'
    else:
        spans = g.spans if g is not None and record.event is not None else []
        article = f'<div class="article">{highlight(text, spans)}</div>'

    if record.status == "error" and record.error is not None:
        err = record.error
        retry = " (retryable)" if err.retryable else ""
        side = f'<div class="error"><b>{_e(err.type)}</b>{_e(retry)}: {_e(err.message)}</div>'
    elif record.event is not None:
        spans_by_path = {s.path: s for s in g.spans} if g is not None else {}
        flagged = set(g.ungrounded_people) if g is not None and g.policy == "flag" else set()
        dropped = list(g.ungrounded_people) if g is not None and g.policy == "drop" else []
        box = _not_found_box(g, dropped) if g is not None else ""
        side = (
            box + "<h4>People</h4>" + _people_table(record.event, spans_by_path, flagged)
            + "<h4>Fields</h4>" + _scalars_table(record.event, spans_by_path) + _trail_table(record)
        )
    else:
        side = '<p class="muted">No event.</p>'

    problem = "1" if _is_problem(record, shown) else "0"
    return (
        f'<section class="rec" id="r{n}" data-problem="{problem}">'
        f'<h2><a href="#r{n}">{_e(record.id)}</a> {" ".join(badges)}</h2>{_meta(record)}{notes}'
        f'<div class="cols"><div class="left">{article}</div><div class="right">{side}</div></div></section>'
    )


# ------------------------------------------------------------------ the page

_CSS = """
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:16px 24px;color:#1d2330;background:#f4f5f7}
h1{font-size:20px;margin:0 0 8px}
h2{font-size:16px;margin:0 0 4px;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
h2 a{color:inherit;text-decoration:none}
h4{margin:12px 0 4px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#566}
.summary{background:#fff;border:1px solid #d8dbe0;border-radius:8px;padding:12px 16px;margin-bottom:16px}
.legend{display:flex;gap:14px;flex-wrap:wrap;margin-top:8px;align-items:center}
.index{margin:8px 0 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:6px}
.index a{font-size:12px;padding:1px 6px;border-radius:4px;background:#eef0f3;color:#1d2330;text-decoration:none}
.index a.problem{background:#fde2e1;color:#9b1c1c}
.rec{background:#fff;border:1px solid #d8dbe0;border-radius:8px;padding:12px 16px;margin-bottom:16px}
.rec[data-problem="1"]{border-left:5px solid #d93025}
.meta{color:#6b7280;font-size:12px;margin-bottom:8px;overflow-wrap:anywhere}
.note{background:#fff7d6;border:1px solid #f0d060;padding:4px 8px;border-radius:4px;margin:4px 0}
.cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.15fr);gap:16px}
.article{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 Georgia,"Times New Roman",serif;background:#fbfbfc;
  border:1px solid #e4e6ea;border-radius:6px;padding:10px 12px;max-height:75vh;overflow:auto}
mark.hl{background:none;color:inherit;border-radius:2px;padding:0}
mark.q-exact{background:#c6efc6}
mark.q-fuzzy{background:#ffe08a}
mark.n-exact{box-shadow:inset 0 -3px 0 #1e8e3e;font-weight:600}
mark.n-fuzzy{box-shadow:inset 0 -3px 0 #e37400;font-weight:600}
mark.focus{outline:2px solid #1a73e8;background:#cfe3ff}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #eceef1;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
thead th{background:#f0f2f5;font-weight:600}
tbody th{font-weight:600;white-space:nowrap}
tr[data-path]:hover,td[data-path]:hover{background:#eef4ff;cursor:pointer}
tr.ungrounded{background:#fde2e1}
tr.ungrounded td:first-child{color:#9b1c1c;font-weight:600}
.quote{color:#444;font-style:italic;font-size:12px;margin-top:2px}
.quote::before{content:"\\201C"}.quote::after{content:"\\201D"}
.badge{display:inline-block;font:600 11px/1.6 system-ui,sans-serif;padding:0 6px;border-radius:9px;white-space:nowrap}
.b-exact,.b-ok{background:#c6efc6;color:#14532d}
.b-fuzzy{background:#ffe08a;color:#6b4700}
.b-not_found,.b-error,.b-ungrounded{background:#d93025;color:#fff}
.b-policy{background:#e5e7eb;color:#374151}
.score{color:#6b7280;font-size:11px}
.matched{color:#374151;font-size:12px}
.muted{color:#9ca3af}
.notfound{border:2px solid #d93025;background:#fff1f0;border-radius:6px;padding:6px 10px;margin:4px 0 8px}
.notfound h4{color:#b3261e;margin:0 0 4px}
.notfound ul{margin:0;padding-left:18px}
.error{border:2px solid #d93025;background:#fff1f0;border-radius:6px;padding:8px 10px;color:#7f1d1d}
code{font-size:12px;background:#f0f2f5;padding:0 3px;border-radius:3px}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
"""

_JS = """
(function () {
  function marksFor(el) {
    var section = el.closest('section.rec');
    var path = el.getAttribute('data-path');
    if (!section) return [];
    return Array.prototype.filter.call(section.querySelectorAll('mark[data-paths]'), function (m) {
      return m.getAttribute('data-paths').split(' ').indexOf(path) >= 0;
    });
  }
  document.querySelectorAll('[data-path]').forEach(function (el) {
    el.addEventListener('mouseenter', function () { marksFor(el).forEach(function (m) { m.classList.add('focus'); }); });
    el.addEventListener('mouseleave', function () { marksFor(el).forEach(function (m) { m.classList.remove('focus'); }); });
    el.addEventListener('click', function (ev) {
      ev.stopPropagation();
      var m = marksFor(el)[0];
      if (m) m.scrollIntoView({block: 'center', behavior: 'smooth'});
    });
  });
  var box = document.getElementById('only-problems');
  if (box) box.addEventListener('change', function () {
    document.querySelectorAll('section.rec').forEach(function (s) {
      s.hidden = box.checked && s.getAttribute('data-problem') !== '1';
    });
  });
})();
"""


def _summary(records: Sequence[Record], shown: Sequence[_Shown], problems: Sequence[bool]) -> str:
    ok = sum(r.status == "ok" for r in records)
    grounded = sum(s.grounding.grounded for s in shown if s.grounding is not None)
    total = sum(s.grounding.total for s in shown if s.grounding is not None)
    ungrounded = sum(len(s.grounding.ungrounded_people) for s in shown if s.grounding is not None)
    rate = f"{grounded}/{total} values grounded ({grounded / total:.1%})" if total else "nothing to ground"
    index = "".join(
        f'<li><a href="#r{n}" class="{"problem" if bad else ""}">{_e(r.id)}</a></li>'
        for n, (r, bad) in enumerate(zip(records, problems, strict=True))
    )
    legend = (
        '<mark class="hl q-exact">quote, exact</mark> <mark class="hl q-fuzzy">quote, fuzzy</mark> '
        '<mark class="hl n-exact">name, exact</mark> <mark class="hl n-fuzzy">name, fuzzy</mark> '
        f'{_badge("not_found", "not found / ungrounded")}'
        '<label><input type="checkbox" id="only-problems"> only records with problems</label>'
    )
    return (
        f'<div class="summary"><h1>extract view</h1><div>{len(records)} records: {ok} ok, '
        f"{len(records) - ok} errors · {rate} · {ungrounded} ungrounded people · "
        f"{sum(problems)} records with problems</div>"
        f'<div class="legend">{legend}</div><ul class="index">{index}</ul></div>'
    )


def render_view(records: Sequence[Record], articles: dict[str, str]) -> str:
    """The HTML page for `records`, with article texts looked up by record id in `articles`."""
    shown = [_grounding_for(r, articles.get(r.id)) for r in records]
    problems = [_is_problem(r, s) for r, s in zip(records, shown, strict=True)]
    sections = "".join(
        _record_section(n, r, articles.get(r.id), s) for n, (r, s) in enumerate(zip(records, shown, strict=True))
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>extract view</title>"
        f"<style>{_CSS}</style></head><body>{_summary(records, shown, problems)}{sections}"
        f"<script>{_JS}</script></body></html>\n"
    )


# ------------------------------------------------------------------ files


@dataclass(frozen=True)
class ViewResult:
    """What `write_view` wrote: the page, how many records, and the ids with no article text."""

    path: Path
    records: int
    missing: tuple[str, ...]


def write_view(
    results_path: Path | str, article_paths: Sequence[Path | str] = (), out_path: Path | str = "view.html"
) -> ViewResult:
    """Read records, and articles by id from `article_paths` (files or folders), and write the page.

    Only files under `article_paths` are read: a record's `source` is never opened, so a results
    file from elsewhere cannot make the page embed an arbitrary local file.
    """
    records = read_records(results_path)
    wanted = {r.id for r in records}
    articles: dict[str, str] = {}
    for item in iter_articles(article_paths, exclude=[results_path, out_path]):
        if isinstance(item, Article) and item.id in wanted:
            articles.setdefault(item.id, item.text)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_view(records, articles), encoding="utf-8")
    missing = tuple(r.id for r in records if r.id not in articles)
    return ViewResult(out, len(records), missing)
