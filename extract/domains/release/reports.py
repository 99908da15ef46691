"""Render an EvalReport (and optionally a Comparison with a baseline) as text, Markdown, JSON or HTML.

Every renderer returns a string; `extract.evaluation.write_reports` writes them to files.
The JSON is the report's own JSON (stable keys, see `extract.scoring`), with a `comparison` key
added when a baseline was given. The HTML page is self-contained: inline CSS, no scripts, no
external assets, every value html-escaped.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from typing import TYPE_CHECKING

from .scoring import FIELD_NAMES, EvalReport, FieldScore

if TYPE_CHECKING:
    from .evaluation import Comparison

__all__ = ["render_html", "render_json", "render_markdown", "render_terminal"]

TERMINAL_ERRORS = 20


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _signed(value: float) -> str:
    return f"{value:+.3f}" if abs(value) >= 0.0005 else " 0.000"


def _run_line(report: EvalReport) -> str | None:
    parts = []
    if report.grounding_rate is not None:
        parts.append(f"grounding rate {report.grounding_rate:.3f}")
    if report.seconds_per_article is not None:
        parts.append(f"{report.seconds_per_article:.2f} s/article")
    if report.tokens_per_article is not None:
        parts.append(f"{report.tokens_per_article:.0f} tokens/article")
    for label, values in (("model", report.models), ("strategy", report.strategies), ("prompt", report.prompt_versions)):
        if values:
            parts.append(f"{label} {', '.join(values)}")
    return "run: " + "; ".join(parts) if parts else None


def _counts_line(report: EvalReport) -> str:
    return (
        f"{report.n_gold} gold articles: {report.n_scored} scored, {report.n_no_result} without a result, "
        f"{report.n_error_records} error records; results without gold: {len(report.unscored)}"
    )


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()
    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _field_rows(report: EvalReport, comparison: Comparison | None) -> tuple[list[str], list[list[str]]]:
    header = ["field", "tp", "fp", "fn", "precision", "recall", "f1", "macro f1"]
    if comparison is not None:
        header += ["base f1", "delta f1"]
    rows = []
    for name in FIELD_NAMES:
        fs: FieldScore | None = report.fields.get(name)
        if fs is None:
            continue
        row = [name, str(fs.tp), str(fs.fp), str(fs.fn), _f(fs.precision), _f(fs.recall), _f(fs.f1)]
        row.append(_f(report.macro[name].f1) if name in report.macro else "-")
        if comparison is not None:
            d = comparison.fields.get(name)
            row += [_f(d.f1.baseline), _signed(d.f1.delta)] if d else ["-", "-"]
        rows.append(row)
    return header, rows


def _headline(report: EvalReport) -> list[tuple[str, str, float | None]]:
    """The headline scores; status accuracy is None (shown n/a) when no person was matched."""
    people = report.fields.get("people")
    matched = people is not None and people.tp > 0
    return [
        ("released-persons F1", "released_f1", report.released_f1),
        ("people F1", "people_f1", report.people_f1),
        ("scalar accuracy", "scalar_accuracy", report.scalar_accuracy),
        ("status accuracy", "status_accuracy", report.status_accuracy if matched else None),
    ]


def _head(value: float | None) -> str:
    return "n/a" if value is None else _f(value)


def render_terminal(report: EvalReport, comparison: Comparison | None = None) -> str:
    """A plain, aligned text table: headline scores, per-field P/R/F1, agreement checks, errors."""
    out = [_counts_line(report)]
    heads = []
    for label, key, value in _headline(report):
        text = f"{label} {_head(value)}"
        if comparison is not None and key in comparison.headline:
            text += f" ({_signed(comparison.headline[key].delta)})"
        heads.append(text)
    out.append("   ".join(heads))
    out.append("")
    header, rows = _field_rows(report, comparison)
    out += _table(header, rows)
    out.append("")
    out += _table(
        ["check", "correct", "total", "accuracy"],
        [[n, str(a.correct), str(a.total), _f(a.accuracy)] for n, a in report.agreement.items()],
    )
    run = _run_line(report)
    if run:
        out += ["", run]
    if report.unscored:
        out += ["", f"results without gold (not scored): {', '.join(report.unscored)}"]
    if report.errors:
        kinds = Counter(e.kind for e in report.errors)
        out += ["", f"errors: {len(report.errors)} (" + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + ")"]
        for e in report.errors[:TERMINAL_ERRORS]:
            what = f" {e.subject}" if e.subject and e.subject not in (e.gold, e.predicted) else ""
            out.append(f"  {e.article_id}  {e.field} {e.kind}{what}: gold={e.gold!r} predicted={e.predicted!r}")
        if len(report.errors) > TERMINAL_ERRORS:
            out.append(f"  ... {len(report.errors) - TERMINAL_ERRORS} more (see the JSON, Markdown or HTML report)")
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"[\\`*\[\]]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def _md_text(value: object) -> str:
    """Text quoted in Markdown, shown as is: HTML escaped (no tags), Markdown punctuation that could
    make a link, an image, code or emphasis backslash-escaped, on one line."""
    text = html.escape("" if value is None else str(value), quote=False)
    return " ".join(_MD_SPECIAL.sub(lambda m: "\\" + m.group(), text).split())


def _md_cell(value: object) -> str:
    return _md_text(value).replace("|", "\\|")


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(report: EvalReport, comparison: Comparison | None = None) -> str:
    """Markdown for CI summaries: headline, per-field table, checks, per-article table, all errors."""
    out = ["# Evaluation report", "", _md_text(_counts_line(report)), ""]
    head_rows = []
    for label, key, value in _headline(report):
        row = [label, _head(value)]
        if comparison is not None:
            d = comparison.headline.get(key)
            row += [_f(d.baseline), _signed(d.delta)] if d else ["-", "-"]
        head_rows.append(row)
    head_header = ["metric", "score"] + (["baseline", "delta"] if comparison is not None else [])
    out += [*_md_table(head_header, head_rows), ""]
    out += ["## Fields", ""]
    header, rows = _field_rows(report, comparison)
    out += [*_md_table(header, rows), ""]
    out += ["## Agreement on matched values", ""]
    out += _md_table(
        ["check", "correct", "total", "accuracy"],
        [[n, str(a.correct), str(a.total), _f(a.accuracy)] for n, a in report.agreement.items()],
    )
    run = _run_line(report)
    if run:
        out += ["", _md_text(run)]
    out += ["", "## Articles", ""]
    out += _md_table(
        ["article", "outcome", "released F1", "people F1", "scalar accuracy", "errors"],
        [
            [a.id, a.outcome, _f(a.released_f1), _f(a.people_f1), _f(a.scalar_accuracy), str(a.errors)]
            for a in report.articles
        ],
    )
    if report.unscored:
        out += ["", f"Results without gold (not scored): {_md_text(', '.join(report.unscored))}"]
    out += ["", f"## Errors ({len(report.errors)})", ""]
    if report.errors:
        out += ["<details><summary>every difference from gold</summary>", ""]
        out += _md_table(
            ["article", "field", "kind", "subject", "gold", "predicted"],
            [[e.article_id, e.field, e.kind, e.subject or "", e.gold or "", e.predicted or ""] for e in report.errors],
        )
        out += ["", "</details>"]
    else:
        out.append("None.")
    return "\n".join(out) + "\n"


def render_json(report: EvalReport, comparison: Comparison | None = None) -> str:
    """The report's JSON (stable top-level keys), plus `comparison` when a baseline was given."""
    data = report.model_dump(mode="json")
    if comparison is not None:
        data["comparison"] = comparison.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;
padding:0 1rem;color:#1d2433;background:#fbfbfd}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dbe3;padding-bottom:.2rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{background:#fff;border:1px solid #d8dbe3;border-radius:8px;
padding:.7rem 1rem;min-width:11rem}.card b{display:block;font-size:1.6rem}.card small{color:#5b6478}
table{border-collapse:collapse;width:100%;background:#fff;margin:.5rem 0}th,td{border:1px solid #e1e4ea;
padding:.25rem .5rem;text-align:right;vertical-align:top}th{background:#f1f3f8}
td:first-child,th:first-child,table.diff td,table.diff th{text-align:left}
.bar{display:inline-block;height:.6rem;background:#4c7bd9;border-radius:2px;vertical-align:middle;margin-right:.3rem}
.up{color:#137333}.down{color:#b3261e}.muted{color:#5b6478}
.k-missing{background:#fff4e5}.k-spurious,.k-duplicate{background:#fdecea}.k-wrong{background:#fef7d6}
.k-no_result,.k-error_record{background:#f3e8fd}
details{background:#fff;border:1px solid #d8dbe3;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}
summary{cursor:pointer}code{font-size:.92em}
"""


def _h(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _bar(value: float) -> str:
    width = max(0.0, min(1.0, value)) * 6
    return f'<span class="bar" style="width:{width:.2f}rem"></span>{_f(value)}'


def _delta_cell(value: float) -> str:
    cls = "up" if value > 0.0005 else "down" if value < -0.0005 else "muted"
    return f'<td class="{cls}">{_h(_signed(value))}</td>'


def render_html(report: EvalReport, comparison: Comparison | None = None) -> str:
    """One self-contained HTML page: headline cards, per-field scores, checks, per-article differences."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Evaluation report</title><style>{_CSS}</style></head><body>",
        "<h1>Evaluation report</h1>",
        f'<p class="muted">{_h(_counts_line(report))}</p>',
        '<div class="cards">',
    ]
    for label, key, value in _headline(report):
        extra = ""
        if comparison is not None and key in comparison.headline:
            d = comparison.headline[key].delta
            cls = "up" if d > 0.0005 else "down" if d < -0.0005 else "muted"
            extra = f' <span class="{cls}">{_h(_signed(d))}</span>'
        parts.append(f'<div class="card"><small>{_h(label)}</small><b>{_h(_head(value))}</b>{extra}</div>')
    parts.append("</div>")
    run = _run_line(report)
    if run:
        parts.append(f'<p class="muted">{_h(run)}</p>')

    parts.append("<h2>Fields</h2><table><thead><tr>")
    header = ["field", "tp", "fp", "fn", "precision", "recall", "f1", "macro f1"]
    if comparison is not None:
        header += ["baseline f1", "delta f1"]
    parts.append("".join(f"<th>{_h(h)}</th>" for h in header) + "</tr></thead><tbody>")
    for name in FIELD_NAMES:
        fs = report.fields.get(name)
        if fs is None:
            continue
        macro = report.macro.get(name)
        cells = [
            f"<td>{_h(name)}</td>", f"<td>{fs.tp}</td>", f"<td>{fs.fp}</td>", f"<td>{fs.fn}</td>",
            f"<td>{_bar(fs.precision)}</td>", f"<td>{_bar(fs.recall)}</td>", f"<td>{_bar(fs.f1)}</td>",
            f"<td>{_h(_f(macro.f1) if macro else '-')}</td>",
        ]
        if comparison is not None:
            fd = comparison.fields.get(name)
            cells += [f"<td>{_h(_f(fd.f1.baseline))}</td>", _delta_cell(fd.f1.delta)] if fd else ["<td>-</td>"] * 2
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")

    parts.append("<h2>Agreement on matched values</h2><table><thead><tr><th>check</th><th>correct</th>")
    parts.append("<th>total</th><th>accuracy</th></tr></thead><tbody>")
    for name, check in report.agreement.items():
        parts.append(
            f"<tr><td>{_h(name)}</td><td>{check.correct}</td><td>{check.total}</td><td>{_bar(check.accuracy)}</td></tr>"
        )
    parts.append("</tbody></table>")

    if report.unscored:
        parts.append(f'<p class="muted">Results without gold (not scored): {_h(", ".join(report.unscored))}</p>')

    by_article: dict[str, list[str]] = {}
    for e in report.errors:
        by_article.setdefault(e.article_id, []).append(
            f'<tr class="k-{_h(e.kind)}"><td>{_h(e.field)}</td><td>{_h(e.kind)}</td>'
            f"<td>{_h(e.subject)}</td><td>{_h(e.gold)}</td><td>{_h(e.predicted)}</td></tr>"
        )
    article_deltas = {a.id: a for a in comparison.articles} if comparison is not None else {}
    parts.append("<h2>Articles</h2>")
    for a in report.articles:
        change = ""
        if a.id in article_deltas:
            d = article_deltas[a.id].released_f1.delta
            change = f", released F1 {_h(_signed(d))} vs baseline"
        summary = (
            f"<b>{_h(a.id)}</b> &middot; {_h(a.outcome)} &middot; released F1 {_h(_f(a.released_f1))} "
            f"&middot; people F1 {_h(_f(a.people_f1))} &middot; scalar accuracy {_h(_f(a.scalar_accuracy))} "
            f"&middot; {a.errors} differences{change}"
        )
        rows = by_article.get(a.id, [])
        open_attr = " open" if rows and len(report.articles) <= 10 else ""
        parts.append(f"<details{open_attr}><summary>{summary}</summary>")
        if rows:
            parts.append(
                '<table class="diff"><thead><tr><th>field</th><th>kind</th><th>subject</th><th>gold</th><th>predicted</th>'
                "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
            )
        else:
            parts.append('<p class="muted">No differences from gold.</p>')
        parts.append("</details>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
