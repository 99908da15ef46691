"""`extract compare`: every (model, strategy) pair on the same articles, scored, in one table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from . import ComparisonRow

from .settings import EMBEDDED_MODELS, STRATEGIES

__all__ = ["compare_command"]


@click.command("compare")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out-dir", type=click.Path(path_type=Path), default=Path("reports/compare"), show_default=True,
              help="Where each run's results JSONL goes.")
@click.option("--model", "models", multiple=True, type=click.Choice(tuple(EMBEDDED_MODELS)),
              help="Embedded model(s) to compare (default: all).")
@click.option("--strategy", "strategies", multiple=True, type=click.Choice(STRATEGIES),
              help="Strategies to compare (default: all).")
@click.option("--hybrid-questions", help="Comma-separated scalars the hybrid rows ask the model for where the "
              "rules find nothing (released_count, releasing_country).")
@click.option("--base-url", help="Compare strategies on this endpoint instead of the embedded models.")
@click.option("--api-key", help="API key for --base-url (default: $OPENAI_API_KEY).")
@click.option("--endpoint-model", "model", help="Model name at --base-url.")
@click.option("--cache/--no-cache", default=False, show_default=True,
              help="Reuse cached answers (off by default so timings are real).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Also write the Markdown table here.")
def compare_command(paths: tuple[Path, ...], gold_dir: Path, out_dir: Path, models: tuple[str, ...],
                    strategies: tuple[str, ...], output: Path | None, **flags: object) -> None:
    """Run and score every (model, strategy) pair on PATHS; print one table."""
    from . import ConfigError, Settings, compare_strategies, render_comparison
    try:
        settings = Settings.load(flags)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc

    def show(row: ComparisonRow) -> None:
        click.echo(f"done: {row.model} / {row.strategy}", err=True)

    rows = compare_strategies(list(paths), gold_dir, out_dir, settings=settings,
                              models=models or tuple(EMBEDDED_MODELS), strategies=strategies or STRATEGIES,
                              on_row=show)
    table = render_comparison(rows)
    click.echo(table)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(table + "\n", encoding="utf-8")
