"""The evaluation edge: read gold and results, score them, compare runs, check CI gates, write reports.

`extract.scoring` does the scoring (pure); this module does the file reading and writing around
it, and `extract.cli_eval` is a thin command over these functions.

Gold files are `<gold dir>/<article id>.json`, each a ReleaseEvent JSON object. Loading is
tolerant: keys the schema does not know (offsets, notes, ids) are dropped before validation and
missing optional keys take their defaults; a file that is not a JSON object, or not a valid
event, raises `GoldError` with a one-line reason naming the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extract.errors import GoldError
from extract.io import read_records
from extract.names import DEFAULT_THRESHOLD
from extract.schema_eval import first_error, gate_failures, read_gold_file, report_json

from . import reports
from .schema import Destination, EventEvidence, Person, Record, ReleaseEvent
from .scoring import FIELD_NAMES, EvalReport, score

__all__ = [
    "HEADLINE_METRICS",
    "ArticleDelta",
    "Comparison",
    "Delta",
    "FieldDelta",
    "GoldError",
    "check_gates",
    "compare",
    "evaluate",
    "format_table",
    "load_baseline",
    "load_gold",
    "load_gold_file",
    "load_report",
    "metric_value",
    "write_reports",
]

HEADLINE_METRICS: tuple[str, ...] = (
    "released_f1",
    "people_f1",
    "scalar_accuracy",
    "status_accuracy",
    "macro_scalar_accuracy",
)
_STATS = ("precision", "recall", "f1")


# ---------------------------------------------------------------- gold


def _known(data: Mapping[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in model.model_fields}


def _known_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """Drop keys the schema does not know, at every level the scorer reads."""
    event = _known(data, ReleaseEvent)
    if isinstance(event.get("people"), list):
        event["people"] = [_known(p, Person) if isinstance(p, Mapping) else p for p in event["people"]]
    if isinstance(event.get("destinations"), list):
        event["destinations"] = [
            _known(d, Destination) if isinstance(d, Mapping) else d for d in event["destinations"]
        ]
    if isinstance(event.get("evidence"), Mapping):
        event["evidence"] = _known(event["evidence"], EventEvidence)
    return event


def load_gold_file(path: Path | str) -> ReleaseEvent:
    """Read one gold file as a ReleaseEvent; raises GoldError with a one-line reason."""
    return read_gold_file(Path(path), ReleaseEvent, _known_keys)


def load_gold(directory: Path | str) -> dict[str, ReleaseEvent]:
    """Gold events by article id (file name without .json) from a folder of gold files."""
    folder = Path(directory)
    if not folder.is_dir():
        raise GoldError(f"gold folder {folder} does not exist")
    files = sorted(p for p in folder.glob("*.json") if p.is_file() and not p.name.startswith("."))
    if not files:
        raise GoldError(f"gold folder {folder} holds no .json files")
    return {path.stem: load_gold_file(path) for path in files}


# ---------------------------------------------------------------- evaluate


def evaluate(
    results: Path | str | Iterable[Record],
    gold_dir: Path | str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> EvalReport:
    """Score a results JSONL file (or records) against the gold folder.

    Every gold article is scored (a missing or error record counts as all misses); results
    without gold are listed in `unscored`. If an id occurs twice in the results, the last
    record wins (as after `--resume`).
    """
    gold = load_gold(gold_dir)
    records = read_records(results) if isinstance(results, (str, Path)) else list(results)
    by_id: dict[str, Record] = {}
    for record in records:
        by_id[record.id] = record
    ids = sorted(set(gold) | set(by_id))
    return score(((i, by_id.get(i), gold.get(i)) for i in ids), threshold=threshold)


def load_report(path: Path | str) -> EvalReport:
    """Read an EvalReport written as JSON (`--json`)."""
    path = Path(path)
    try:
        return EvalReport.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise ValueError(f"{path}: not an eval report JSON ({first_error(exc)})") from exc


def load_baseline(path: Path | str, gold_dir: Path | str, *, threshold: float = DEFAULT_THRESHOLD) -> EvalReport:
    """A baseline from either an eval report JSON or an older results JSONL (scored with the same gold)."""
    path = Path(path)
    if report_json(path, "released_f1") is not None:
        return load_report(path)
    return evaluate(path, gold_dir, threshold=threshold)


# ---------------------------------------------------------------- compare


class Delta(BaseModel):
    """One metric in the baseline and the new run; delta = new - baseline."""

    baseline: float
    new: float
    delta: float


class FieldDelta(BaseModel):
    """Precision, recall and F1 deltas of one field."""

    precision: Delta
    recall: Delta
    f1: Delta


class ArticleDelta(BaseModel):
    """Per-article change of the headline scores (articles present in both reports)."""

    id: str
    released_f1: Delta
    people_f1: Delta
    scalar_accuracy: Delta
    errors: tuple[int, int]


class Comparison(BaseModel):
    """Per-metric and per-field deltas between a new report and a baseline."""

    headline: dict[str, Delta]
    fields: dict[str, FieldDelta]
    articles: list[ArticleDelta]
    only_in_new: list[str]
    only_in_baseline: list[str]


def _delta(old: float, new: float) -> Delta:
    return Delta(baseline=old, new=new, delta=new - old)


def compare(new: EvalReport, baseline: EvalReport) -> Comparison:
    """Per-field and headline deltas of `new` against `baseline`."""
    headline = {m: _delta(float(getattr(baseline, m)), float(getattr(new, m))) for m in HEADLINE_METRICS}
    fields: dict[str, FieldDelta] = {}
    for name in FIELD_NAMES:
        if name in new.fields and name in baseline.fields:
            n, b = new.fields[name], baseline.fields[name]
            fields[name] = FieldDelta(
                precision=_delta(b.precision, n.precision), recall=_delta(b.recall, n.recall), f1=_delta(b.f1, n.f1)
            )
    old_articles = {a.id: a for a in baseline.articles}
    new_articles = {a.id: a for a in new.articles}
    articles = [
        ArticleDelta(
            id=i,
            released_f1=_delta(old_articles[i].released_f1, new_articles[i].released_f1),
            people_f1=_delta(old_articles[i].people_f1, new_articles[i].people_f1),
            scalar_accuracy=_delta(old_articles[i].scalar_accuracy, new_articles[i].scalar_accuracy),
            errors=(old_articles[i].errors, new_articles[i].errors),
        )
        for i in sorted(set(old_articles) & set(new_articles))
    ]
    return Comparison(
        headline=headline,
        fields=fields,
        articles=articles,
        only_in_new=sorted(set(new_articles) - set(old_articles)),
        only_in_baseline=sorted(set(old_articles) - set(new_articles)),
    )


# ---------------------------------------------------------------- gates


def metric_value(report: EvalReport, name: str) -> float:
    """A metric by name: a headline key (`released_f1`), `<field>` (its F1), `<field>.<precision|recall|f1>`
    (optionally prefixed `fields.` or `macro.`), or `agreement.<name>` (its accuracy)."""
    if name in HEADLINE_METRICS:
        return float(getattr(report, name))
    table: Mapping[str, BaseModel] = report.fields
    key = name
    if key.startswith("agreement."):
        check = report.agreement.get(key.removeprefix("agreement."))
        if check is None:
            raise KeyError(f"unknown metric {name!r}; agreement checks: {', '.join(report.agreement)}")
        return check.accuracy
    if key.startswith("macro."):
        table, key = report.macro, key.removeprefix("macro.")
    key = key.removeprefix("fields.")
    stat = "f1"
    head, _, tail = key.rpartition(".")
    if tail in _STATS and head:
        key, stat = head, tail
    entry = table.get(key)
    if entry is None:
        known = ", ".join((*HEADLINE_METRICS, *report.fields))
        raise KeyError(f"unknown metric {name!r}; known: {known}")
    return float(getattr(entry, stat))


def check_gates(
    report: EvalReport,
    *,
    fail_under: float | None = None,
    max_drop: float | None = None,
    baseline: EvalReport | None = None,
    metrics: Sequence[str] = ("released_f1",),
) -> list[str]:
    """One-line reasons for every failed gate (empty when all pass).

    `fail_under`: each metric must be >= the value. `max_drop`: each metric may fall at most
    this much below the baseline (which is then required).
    """
    return gate_failures(
        report, metric_value, fail_under=fail_under, metrics=metrics, max_drop=max_drop, baseline=baseline
    )


# ---------------------------------------------------------------- output


def format_table(report: EvalReport, comparison: Comparison | None = None) -> str:
    """The plain-text table printed by `extract eval`."""
    return reports.render_terminal(report, comparison)


def write_reports(
    report: EvalReport,
    comparison: Comparison | None = None,
    *,
    markdown: Path | str | None = None,
    json_path: Path | str | None = None,
    html: Path | str | None = None,
) -> list[Path]:
    """Write the requested report files (parent folders created); returns the paths written."""
    written: list[Path] = []
    for target, render in (
        (markdown, reports.render_markdown),
        (json_path, reports.render_json),
        (html, reports.render_html),
    ):
        if target is None:
            continue
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(report, comparison), encoding="utf-8")
        written.append(path)
    return written
