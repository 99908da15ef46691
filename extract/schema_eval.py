"""The evaluation edge for any schema: read gold and results, score, gate, write reports.

Gold files are `<gold dir>/<article id>.json`, each a JSON object of the schema. Keys the schema
does not know are dropped at every level before validation; a file that is not a JSON object or
not valid raises `GoldError` (one line, naming the file). Reports: a terminal table, Markdown,
JSON (`SchemaReport`: `micro_f1`, `fields.<path>.{tp,fp,fn,precision,recall,f1}`, ...) and a
self-contained HTML page.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import GoldError
from .io import read_records
from .records import Record
from .schema_scoring import SchemaReport, known_keys, score_schema

__all__ = [
    "GoldError",
    "check_schema_gates",
    "compare_schema",
    "evaluate_schema",
    "first_error",
    "gate_failures",
    "load_schema_baseline",
    "load_schema_gold",
    "read_gold_file",
    "render_schema_comparison",
    "render_schema_report",
    "report_json",
    "schema_metric",
    "write_schema_reports",
]

R = TypeVar("R")
B = TypeVar("B", bound=BaseModel)


def first_error(exc: ValidationError) -> str:
    """Where and why the first validation error happened, on one line."""
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"]) or "top level"
    return f"{where}: {err['msg']}"


def load_schema_gold(directory: Path | str, schema: type[BaseModel]) -> dict[str, BaseModel]:
    """Gold instances of `schema` by article id (file name without .json) from a folder."""
    folder = Path(directory)
    if not folder.is_dir():
        raise GoldError(f"gold folder {folder} does not exist")
    files = sorted(p for p in folder.glob("*.json") if p.is_file() and not p.name.startswith("."))
    if not files:
        raise GoldError(f"gold folder {folder} holds no .json files")
    return {path.stem: read_gold_file(path, schema, lambda data: known_keys(data, schema)) for path in files}


def read_gold_file(
    path: Path, schema: type[B], keep: Callable[[dict[str, Any]], dict[str, Any]]
) -> B:
    """One gold JSON file as `schema` (after `keep` drops what the gold format ignores); GoldError with a
    one-line reason when it cannot be read, is not a JSON object or does not validate."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read ({exc})") from exc
    if not isinstance(data, dict):
        raise GoldError(f"{path}: not a JSON object (found {type(data).__name__})")
    try:
        return schema.model_validate(keep(data))
    except ValidationError as exc:
        raise GoldError(f"{path}: not a valid {schema.__name__} at {first_error(exc)}") from exc


def evaluate_schema(
    results: Path | str | Iterable[Record],
    gold_dir: Path | str,
    schema: type[BaseModel],
    *,
    schema_name: str | None = None,
) -> SchemaReport:
    """Score a results JSONL file (or records) of `schema` against a gold folder; the last record of an id wins."""
    gold = load_schema_gold(gold_dir, schema)
    records = read_records(results, schema=schema) if isinstance(results, (str, Path)) else list(results)
    by_id = {record.id: record for record in records}
    ids = sorted(set(gold) | set(by_id))
    return score_schema(((i, by_id.get(i), gold.get(i)) for i in ids), schema, schema_name=schema_name)


# ---------------------------------------------------------------- gates

_STATS = ("precision", "recall", "f1")


def schema_metric(report: SchemaReport, name: str) -> float:
    """`micro_f1`, `micro.<stat>`, or a leaf `<path>` (its F1) / `<path>.<stat>`, optionally prefixed `fields.`."""
    if name == "micro_f1":
        return report.micro_f1
    key, stat = name.removeprefix("fields."), "f1"
    head, _, tail = key.rpartition(".")
    if tail in _STATS and head:
        key, stat = head, tail
    entry = report.micro if key == "micro" else report.fields.get(key)
    if entry is None:
        raise KeyError(f"unknown metric {name!r}; known: micro_f1, {', '.join(report.fields)}")
    return float(getattr(entry, stat))


def check_schema_gates(
    report: SchemaReport,
    *,
    fail_under: float | None,
    metrics: Sequence[str],
    max_drop: float | None = None,
    baseline: SchemaReport | None = None,
) -> list[str]:
    """One-line reasons for every metric under `fail_under`, or fallen more than `max_drop` below
    `baseline` (empty when all pass)."""
    return gate_failures(
        report, schema_metric, fail_under=fail_under, metrics=metrics, max_drop=max_drop, baseline=baseline
    )


def gate_failures(
    report: R,
    metric: Callable[[R, str], float],
    *,
    fail_under: float | None,
    metrics: Sequence[str],
    max_drop: float | None = None,
    baseline: R | None = None,
) -> list[str]:
    """One-line reasons for every metric (read by `metric(report, name)`) under `fail_under`, or fallen
    more than `max_drop` below `baseline`, which `max_drop` requires (empty when all pass)."""
    if max_drop is not None and baseline is None:
        raise ValueError("--max-drop needs a baseline to compare with")
    failures = []
    for name in metrics:
        value = metric(report, name)
        if fail_under is not None and value < fail_under - 1e-12:
            failures.append(f"{name} {value:.3f} is under the required {fail_under:.3f}")
        if max_drop is not None and baseline is not None:
            old = metric(baseline, name)
            if old - value > max_drop + 1e-12:
                failures.append(
                    f"{name} dropped by {old - value:.3f} ({old:.3f} -> {value:.3f}), more than the allowed {max_drop:.3f}"
                )
    return failures


def load_schema_baseline(
    path: Path | str, gold_dir: Path | str, schema: type[BaseModel], *, schema_name: str | None = None
) -> SchemaReport:
    """A baseline from a SchemaReport JSON (`--json`) or an older results JSONL (scored with the same gold)."""
    path = Path(path)
    data = report_json(path, "micro_f1")
    if data is not None:
        try:
            return SchemaReport.model_validate(data)
        except ValidationError as exc:
            raise ValueError(f"{path}: not a schema eval report JSON ({first_error(exc)})") from exc
    return evaluate_schema(path, gold_dir, schema, schema_name=schema_name)


def report_json(path: Path, headline: str) -> dict[str, Any] | None:
    """The JSON object in `path` when it is an eval report (it has `headline` and `fields`), else None
    (a baseline may also be a results JSONL, to be scored)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) and headline in data and "fields" in data else None


def compare_schema(new: SchemaReport, baseline: SchemaReport) -> dict[str, tuple[float, float]]:
    """(baseline F1, new F1) of `micro` and of every leaf in both reports."""
    out = {"micro": (baseline.micro_f1, new.micro_f1)}
    out.update({p: (baseline.fields[p].f1, s.f1) for p, s in new.fields.items() if p in baseline.fields})
    return out


# ---------------------------------------------------------------- rendering


def _rows(report: SchemaReport) -> list[list[str]]:
    rows = [[path, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
            for path, s in report.fields.items()]
    m = report.micro
    rows.append(["micro (all fields)", str(m.tp), str(m.fp), str(m.fn), f"{m.precision:.3f}", f"{m.recall:.3f}",
                 f"{m.f1:.3f}"])
    return rows


_HEADER = ["field", "tp", "fp", "fn", "precision", "recall", "f1"]


def _summary(report: SchemaReport) -> str:
    return (f"{report.schema_name}: {report.n_gold} gold articles, {report.n_scored} scored, "
            f"{report.n_no_result} without a result, {report.n_error_records} error records; "
            f"results without gold: {len(report.unscored)}")


def render_schema_comparison(deltas: dict[str, tuple[float, float]]) -> str:
    """F1 against the baseline, one line per leaf."""
    width = max(len(p) for p in deltas)
    lines = ["against the baseline (F1):"]
    lines.extend(f"  {p.ljust(width)}  {old:.3f} -> {new:.3f}  {new - old:+.3f}" for p, (old, new) in deltas.items())
    return "\n".join(lines) + "\n"


def render_terminal(report: SchemaReport) -> str:
    rows = _rows(report)
    widths = [max(len(r[i]) for r in [_HEADER, *rows]) for i in range(len(_HEADER))]
    lines = [_summary(report), f"micro F1 {report.micro_f1:.3f}"]
    if report.grounding_rate is not None:
        lines.append(f"grounding rate {report.grounding_rate:.3f}")
    for cells in [_HEADER, *rows]:
        lines.append("  ".join([cells[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(cells[1:], widths[1:],
                                                                                        strict=True))]).rstrip())
    shown = report.errors[:20]
    if shown:
        lines.append(f"errors ({len(report.errors)}, first {len(shown)}):")
        lines.extend(f"  {e.article_id} {e.field} {e.kind}: gold {e.gold!r}, predicted {e.predicted!r}" for e in shown)
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: SchemaReport) -> str:
    lines = [f"# Eval: {_md(report.schema_name)}", "", _md(_summary(report)), "",
             f"**micro F1 {report.micro_f1:.3f}**", "", "| " + " | ".join(_HEADER) + " |",
             "|" + "---|" * len(_HEADER)]
    lines.extend("| " + " | ".join(_md(c) for c in row) + " |" for row in _rows(report))
    return "\n".join(lines) + "\n"


def render_html(report: SchemaReport) -> str:
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in _HEADER)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in _rows(report))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>extract eval</title>'
        "<style>body{font:14px system-ui,sans-serif;margin:24px}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}</style>"
        f"</head><body><h1>Eval: {e(report.schema_name)}</h1><p>{e(_summary(report))}</p>"
        f"<p><b>micro F1 {report.micro_f1:.3f}</b></p><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></body></html>\n"
    )


def render_json(report: SchemaReport) -> str:
    return report.model_dump_json(indent=2) + "\n"


def render_schema_report(report: SchemaReport) -> str:
    """The plain-text table printed by `extract eval --schema`."""
    return render_terminal(report)


def write_schema_reports(
    report: SchemaReport,
    *,
    markdown: Path | str | None = None,
    json_path: Path | str | None = None,
    html_path: Path | str | None = None,
) -> list[Path]:
    """Write the requested report files (parent folders created); returns the paths written."""
    written: list[Path] = []
    for target, render in ((markdown, render_markdown), (json_path, render_json), (html_path, render_html)):
        if target is None:
            continue
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(report), encoding="utf-8")
        written.append(path)
    return written
