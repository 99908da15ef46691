"""Run every (model, strategy) pair on a set of articles and score each against gold: one table.

This is how the default is chosen: by measured score, per model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.api import run_batch
from extract.settings import EMBEDDED_MODELS, STRATEGIES, Settings

from .evaluation import evaluate

__all__ = ["ComparisonRow", "compare_strategies", "render_comparison"]


@dataclass(frozen=True)
class ComparisonRow:
    model: str
    strategy: str
    released_f1: float
    people_f1: float
    status_accuracy: float | None  # None when no person was matched (nothing to judge)
    scalar_accuracy: float
    grounding_rate: float | None
    seconds_per_article: float | None
    tokens_per_article: float | None
    errors: int
    results: Path


def compare_strategies(
    paths: Sequence[Path | str],
    gold_dir: Path | str,
    out_dir: Path | str,
    *,
    settings: Settings | None = None,
    models: Iterable[str] = EMBEDDED_MODELS,
    strategies: Iterable[str] = STRATEGIES,
    on_row: Callable[[ComparisonRow], None] | None = None,
) -> list[ComparisonRow]:
    """Score each (embedded model, strategy) pair, or each strategy on `settings.base_url` if one is set.

    Every run's records go to `out_dir/<model>__<strategy>.jsonl`. The cache is off unless the
    given settings turn it on, so seconds and tokens are those of real model calls.
    """
    base = settings or Settings.load({"cache": False})
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model_list = list(models) if base.embedded else [base.model or "remote"]
    rows: list[ComparisonRow] = []
    for model in model_list:
        for strategy in strategies:
            run_settings = base.replace(strategy=strategy)
            if base.embedded:
                run_settings = run_settings.replace(embedded_model=model)
            label = strategy
            if strategy == "hybrid" and base.hybrid_questions is not None:
                label = "hybrid+" + "+".join(base.hybrid_questions) if base.hybrid_questions else "hybrid-rules-only"
            results = out / f"{model.replace('/', '_')}__{label}.jsonl"
            run_batch(paths, results, settings=run_settings)
            report = evaluate(results, gold_dir)
            row = ComparisonRow(
                model=model,
                strategy=label,
                released_f1=report.released_f1,
                people_f1=report.people_f1,
                status_accuracy=report.status_accuracy if report.fields["people"].tp else None,
                scalar_accuracy=report.scalar_accuracy,
                grounding_rate=report.grounding_rate,
                seconds_per_article=report.seconds_per_article,
                tokens_per_article=report.tokens_per_article,
                errors=report.n_error_records,
                results=results,
            )
            rows.append(row)
            if on_row is not None:
                on_row(row)
    return rows


def _f(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def render_comparison(rows: Sequence[ComparisonRow]) -> str:
    """A Markdown table of the rows."""
    lines = [
        "| model | strategy | released F1 | people F1 | status acc. | scalar acc. | grounding | s/article | tokens/article | error records |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.model} | {r.strategy} | {_f(r.released_f1)} | {_f(r.people_f1)} | {_f(r.status_accuracy)} | "
            f"{_f(r.scalar_accuracy)} | {_f(r.grounding_rate)} | {_f(r.seconds_per_article, 1)} | "
            f"{_f(r.tokens_per_article, 0)} | {r.errors} |"
        )
    return "\n".join(lines)
