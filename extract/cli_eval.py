"""`extract eval`: score a results JSONL against hand-labelled gold, compare with a baseline, gate CI."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from . import ExitCode
from .settings import ConfigError

__all__ = ["ResultsUnreadable", "eval_command"]


class ResultsUnreadable(click.ClickException):
    """A results file that is not one (`extract.ResultsFileError`): one line, exit 5 like any unreadable output."""

    exit_code = ExitCode.OUTPUT_ERROR

class GoldUnusable(click.ClickException):
    """A gold folder that is missing or holds a file that is not gold: one line, exit 2 (nothing was scored),
    so it cannot be mistaken for a failed gate (exit 1)."""

    exit_code = ExitCode.USAGE


_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command("eval")
@click.argument("results", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("evals/gold"),
    show_default=True,
    help="Folder of gold files, <article id>.json.",
)
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An older results JSONL or eval report JSON to compare with (per-field deltas).",
)
@click.option("--fail-under", type=click.FloatRange(0, 1), help="Exit non-zero if the gated metric is below this.")
@click.option("--max-drop", type=click.FloatRange(0, 1), help="Exit non-zero if the gated metric fell more than this vs --baseline.")
@click.option(
    "--metric",
    "metrics",
    multiple=True,
    default=("released_f1",),
    show_default=True,
    help="Metric(s) the gates check: released_f1, people_f1, scalar_accuracy, status_accuracy, or a field "
    "such as charges or people.released (its F1), charges.recall, agreement.people.role.",
)
@click.option("--schema", help="The records' Pydantic model, MODULE:CLASS (default: the one the records name, else ReleaseEvent).")
@click.option("--markdown", type=_FILE, help="Also write a Markdown report (for CI summaries).")
@click.option("--json", "json_path", type=_FILE, help="Also write the JSON report.")
@click.option("--html", type=_FILE, help="Also write a self-contained HTML report.")
def eval_command(
    results: Path,
    gold_dir: Path,
    baseline: Path | None,
    fail_under: float | None,
    max_drop: float | None,
    metrics: tuple[str, ...],
    markdown: Path | None,
    json_path: Path | None,
    html: Path | None,
    schema: str | None,
) -> None:
    """Score RESULTS (a results .jsonl) against the gold folder and print per-field P/R/F1.

    The released-persons F1 is the headline. Gold articles without a result, or with an error
    record, count as all misses; results without gold are listed and not scored.
    """
    from . import (
        EvalReport,
        check_gates,
        compare,
        evaluate,
        format_table,
        load_baseline,
        resolve_domain,
        write_reports,
    )
    if max_drop is not None and baseline is None:
        raise click.UsageError("--max-drop needs --baseline")
    try:
        domain = resolve_domain(schema, results)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if domain.reference is not None:
        _eval_schema(results, gold_dir, schema or domain.reference, baseline, fail_under, max_drop, metrics,
                     markdown, json_path, html)
        return
    with _reported_errors():
        report = evaluate(results, gold_dir)
        assert isinstance(report, EvalReport)
        base = load_baseline(baseline, gold_dir) if baseline is not None else None
        comparison = compare(report, base) if base is not None else None
        failures = check_gates(report, fail_under=fail_under, max_drop=max_drop, baseline=base, metrics=metrics)
        click.echo(format_table(report, comparison), nl=False)
        for path in write_reports(report, comparison, markdown=markdown, json_path=json_path, html=html):
            click.echo(f"wrote {path}")
    _exit_on_failures(failures)


def _eval_schema(
    results: Path,
    gold_dir: Path,
    schema: str,
    baseline: Path | None,
    fail_under: float | None,
    max_drop: float | None,
    metrics: tuple[str, ...],
    markdown: Path | None,
    json_path: Path | None,
    html: Path | None,
) -> None:
    """`eval` for a schema other than ReleaseEvent: per-leaf P/R/F1 and micro-F1 (`--baseline`: F1 deltas)."""
    from . import (
        SchemaReport,
        check_schema_gates,
        compare_schema,
        evaluate,
        load_schema_baseline,
        render_schema_comparison,
        render_schema_report,
        resolve_domain,
        write_schema_reports,
    )

    gated = tuple("micro_f1" if m == "released_f1" else m for m in metrics)
    with _reported_errors():
        domain = resolve_domain(schema)
        report = evaluate(results, gold_dir, schema=schema)
        assert isinstance(report, SchemaReport)
        base = (load_schema_baseline(baseline, gold_dir, domain.schema, schema_name=domain.reference)
                if baseline is not None else None)
        failures = check_schema_gates(report, fail_under=fail_under, metrics=gated, max_drop=max_drop, baseline=base)
        click.echo(render_schema_report(report), nl=False)
        if base is not None:
            click.echo(render_schema_comparison(compare_schema(report, base)), nl=False)
        for path in write_schema_reports(report, markdown=markdown, json_path=json_path, html_path=html):
            click.echo(f"wrote {path}")
    _exit_on_failures(failures)


@contextmanager
def _reported_errors() -> Iterator[None]:
    """Bad input as click errors: an unknown metric a usage error, unreadable gold or results a failure."""
    from . import GoldError, RunFailed

    try:
        yield
    except KeyError as exc:
        raise click.UsageError(str(exc.args[0]) if exc.args else str(exc)) from exc
    except RunFailed as exc:  # a results file that is not one: one line and exit 5
        raise ResultsUnreadable(str(exc)) from exc
    except GoldError as exc:
        raise GoldUnusable(" ".join(str(exc).split())) from exc
    except (ValueError, OSError) as exc:
        raise click.ClickException(" ".join(str(exc).split())) from exc


def _exit_on_failures(failures: list[str]) -> None:
    if failures:
        click.echo(f"eval gate failed: {'; '.join(failures)}", err=True)
        raise SystemExit(1)
