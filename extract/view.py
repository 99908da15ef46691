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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel

from .domain import Domain, default_domain
from .fields import key_field
from .io import Article, iter_articles, read_records, text_sha256
from .records import Grounding, Record, Span

__all__ = ["ViewResult", "data_panel", "escape", "highlight", "is_evidence_path", "render_view", "span_cell",
           "value_cell", "write_view"]


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


# ------------------------------------------------------------------ highlighting


def is_evidence_path(path: str) -> bool:
    """The default quote test: an `evidence` field or anything under `evidence.`."""
    return path.endswith(".evidence") or path.startswith("evidence.")


def _label(span: Span) -> str:
    score = "" if span.status == "exact" else f" {span.score:.2f}"
    return f"{span.path}: {span.status}{score}"


def highlight(text: str, spans: Iterable[Span], *, is_quote: Callable[[str], bool] = is_evidence_path) -> str:
    """`text` as escaped HTML with one flat <mark> per segment covered by found spans.

    Spans whose path `is_quote` are drawn as quotes, the others as names and values.
    """
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
            statuses = {s.status for s in covering if ("q" if is_quote(s.path) else "n") == kind}
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


def _grounding_for(record: Record, text: str | None, domain: Domain) -> _Shown:
    """The record's grounding, recomputed (policy keep) when it is missing or stale for this text."""
    event, stored = record.event, record.grounding
    if event is None or text is None:
        return _Shown(stored, ())
    if stored is None:
        return _Shown(domain.ground(event, text, "keep")[1], ("record has no grounding: computed for this view",))
    stale = text_sha256(text) != record.sha256 or any(
        s.status != "not_found" and (s.start is None or s.end is None or text[s.start : s.end] != s.text)
        for s in stored.spans
    )
    if not stale:
        return _Shown(stored, ())
    fresh = domain.ground(event, text, "keep")[1]
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


def _not_found_box(grounding: Grounding, dropped: list[str], domain: Domain) -> str:
    missing = [s for s in grounding.spans if s.status == "not_found"]
    if not missing and not dropped:
        return ""
    items = []
    for name in dropped:
        items.append(f"<li><b>dropped person</b> {_e(name)}</li>")
    for s in missing:
        extra = "" if domain.is_counted(s.path) else ' <span class="muted">(not counted)</span>'
        near = f' <span class="score">best {s.score:.2f}</span>' if s.score else ""
        items.append(f"<li><code>{_e(s.path)}</code> {_e(s.query)}{near}{extra}</li>")
    return f'<div class="notfound"><h4>Not found in the article</h4><ul>{"".join(items)}</ul></div>'


def data_panel(data: BaseModel, spans: dict[str, Span], grounding: Grounding | None) -> str:
    """The side panel for any schema: one row per value (`defendants[0].name`), beside where it was found."""
    flagged = set(grounding.ungrounded_people) if grounding is not None and grounding.policy == "flag" else set()
    rows = []
    for path, value in _flatten(data, ""):
        span = spans.get(path)
        shown = value.isoformat() if isinstance(value, (date, datetime)) else value
        bad = isinstance(value, str) and value in flagged and span is not None and span.status == "not_found"
        flag = ' <span class="badge b-ungrounded">UNGROUNDED</span>' if bad else ""
        cell = _span_cell(span, value if isinstance(value, str) else None) if span is not None else ""
        rows.append(
            f'<tr class="{"ungrounded" if bad else ""}" data-path="{_e(path)}"><th>{_e(path)}</th>'
            f"<td>{_value(shown)}{flag}</td><td>{cell}</td></tr>"
        )
    head = "<tr><th>field</th><th>value</th><th>found</th></tr>"
    return (f'<h4>{_e(type(data).__name__)}</h4><table class="scalars"><thead>{head}</thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _flatten(value: object, path: str) -> list[tuple[str, object]]:
    if isinstance(value, BaseModel):
        out: list[tuple[str, object]] = []
        for name in type(value).model_fields:
            out.extend(_flatten(getattr(value, name), f"{path}.{name}" if path else name))
        return out
    if isinstance(value, (list, tuple)):
        if not value:
            return [(path, None)]
        return [item for i, v in enumerate(value) for item in _flatten(v, f"{path}[{i}]")]
    return [(path, value)]


escape = _e
span_cell = _span_cell
value_cell = _value


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


def _item_label(event: object, head: str) -> str:
    """ "people[2]" -> "people[2] · <the item's key value>", "charges[0]" -> "charges[0] · <the value>"
    when the item has one."""
    name, _, number = head.partition("[")
    items = getattr(event, name, None)
    index = int(number.rstrip("]")) if number.endswith("]") and number.rstrip("]").isdigit() else -1
    if not isinstance(items, list) or not 0 <= index < len(items):
        return head
    key = items[index]
    if isinstance(key, BaseModel):
        spec = key_field(type(key))
        key = getattr(key, spec.name, None) if spec is not None else None
    if key is not None and key != "" and not isinstance(key, (BaseModel, list, dict)):
        return f"{head} · {key}"
    return head


def _trail_table(record: Record) -> str:
    """Which rules produced each value (the record's trail): the event's own values first (an item
    of a list of values on its own row: "charges[0] · <value>"), then one group per list item
    ("people[2] · <name>") with its values."""
    if not record.trail:
        return ""
    groups: dict[str, list[tuple[str, list[str]]]] = {"": []}
    for path, ids in record.trail.items():
        head, dot, rest = path.partition(".")
        if dot and head.endswith("]"):
            groups.setdefault(head, []).append((rest, ids))
        else:
            groups[""].append((path, ids))
    rows: list[str] = []
    for head, entries in groups.items():
        if head:
            rows.append(f'<tr class="group"><th colspan="2">{_e(_item_label(record.event, head))}</th></tr>')
        rows.extend(f"<tr><td>{_e(path if head else _item_label(record.event, path))}</td><td>{_e(', '.join(ids))}</td></tr>"
                    for path, ids in entries)
    return (f'<h4>Rules</h4><table class="trail"><thead><tr><th>value</th><th>rule ids</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _is_problem(record: Record, shown: _Shown, domain: Domain) -> bool:
    if record.status == "error":
        return True
    g = shown.grounding
    return g is not None and (
        bool(g.ungrounded_people) or any(s.status == "not_found" and domain.is_counted(s.path) for s in g.spans)
    )


def _record_section(n: int, record: Record, text: str | None, shown: _Shown, domain: Domain) -> str:
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
        article = f'<div class="article">{highlight(text, spans, is_quote=domain.is_quote)}</div>'

    if record.status == "error" and record.error is not None:
        err = record.error
        retry = " (retryable)" if err.retryable else ""
        side = f'<div class="error"><b>{_e(err.type)}</b>{_e(retry)}: {_e(err.message)}</div>'
    elif record.event is not None:
        spans_by_path = {s.path: s for s in g.spans} if g is not None else {}
        dropped = list(g.ungrounded_people) if g is not None and g.policy == "drop" else []
        box = _not_found_box(g, dropped, domain) if g is not None else ""
        side = box + domain.panel(record.event, spans_by_path, g) + _trail_table(record)
    else:
        side = '<p class="muted">No event.</p>'

    problem = "1" if _is_problem(record, shown, domain) else "0"
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
table.trail tr.group th{background:#f7f8fa;padding-top:8px}
table.trail td:last-child{font-family:ui-monospace,monospace;font-size:12px}
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


def render_view(records: Sequence[Record], articles: dict[str, str], *, domain: Domain | None = None) -> str:
    """The HTML page for `records`, with article texts looked up by record id in `articles`.

    `domain` grounds stale records and draws each record's side panel (default: the default domain).
    """
    domain = domain or default_domain()
    shown = [_grounding_for(r, articles.get(r.id), domain) for r in records]
    problems = [_is_problem(r, s, domain) for r, s in zip(records, shown, strict=True)]
    sections = "".join(
        _record_section(n, r, articles.get(r.id), s, domain)
        for n, (r, s) in enumerate(zip(records, shown, strict=True))
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
    results_path: Path | str,
    article_paths: Sequence[Path | str] = (),
    out_path: Path | str = "view.html",
    *,
    domain: Domain | None = None,
) -> ViewResult:
    """Read records, and articles by id from `article_paths` (files or folders), and write the page.

    Only files under `article_paths` are read: a record's `source` is never opened, so a results
    file from elsewhere cannot make the page embed an arbitrary local file. `domain` reads the
    records' schema and draws their panels (default: the default domain).
    """
    domain = domain or default_domain()
    records = read_records(results_path, schema=domain.schema)
    wanted = {r.id for r in records}
    articles: dict[str, str] = {}
    for item in iter_articles(article_paths, exclude=[results_path, out_path]):
        if isinstance(item, Article) and item.id in wanted:
            articles.setdefault(item.id, item.text)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_view(records, articles, domain=domain), encoding="utf-8")
    missing = tuple(r.id for r in records if r.id not in articles)
    return ViewResult(out, len(records), missing)
