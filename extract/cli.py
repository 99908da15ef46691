"""The `extract` command: thin, every command calls the public Python API."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .settings import EMBEDDED_MODELS, MODES, STRATEGIES, ConfigError, Settings

__all__ = ["cli", "main"]


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    # Instructor logs every failed attempt at ERROR level; our records already carry the reason.
    logging.getLogger("instructor").setLevel(logging.DEBUG if verbose >= 2 else logging.CRITICAL)
    for noisy in ("httpx", "httpcore", "openai"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose >= 3 else logging.WARNING)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extract")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """Turn news articles into typed, validated, grounded prisoner-release records."""
    _setup_logging(verbose)


@cli.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Results JSONL file ('-': standard output).")
@click.option("--base-url", help="OpenAI-compatible endpoint (default: $OPENAI_BASE_URL, else the embedded model).")
@click.option("--model", help="Model name at the endpoint (default: the first one it lists).")
@click.option("--api-key", help="API key (default: $OPENAI_API_KEY). Never logged or cached.")
@click.option("--mode", type=click.Choice(MODES), help="Structured-output request shape (default: auto).")
@click.option("--strategy", type=click.Choice(STRATEGIES), help="Default: hybrid on the embedded model, else single.")
@click.option("--embedded-model", type=click.Choice(tuple(EMBEDDED_MODELS)), help="Which bundled model to serve.")
@click.option("--hybrid-questions", help="Comma-separated scalars the hybrid strategy asks the model for where "
              "its rules find nothing (released_count, releasing_country, or none; default: releasing_country, as measured).")
@click.option("--concurrency", type=click.IntRange(min=1), help="Articles in flight at once (default 4).")
@click.option("--max-tokens", metavar="N|none",
              help="Answer token budget per model call (default 1024; none: not sent).")
@click.option("--temperature", metavar="T|none", help="Sampling temperature (default 0; none: not sent).")
@click.option("--seed", metavar="N|none", help="Sampling seed (default 0; none: not sent).")
@click.option("--timeout", type=float, help="Seconds per model request.")
@click.option("--retries", type=click.IntRange(min=0), help="Transport retries per request.")
@click.option("--ungrounded", type=click.Choice(["keep", "flag", "drop"]), help="People not found in the text.")
@click.option("--cache/--no-cache", default=None, help="Reuse cached model answers (default: on).")
@click.option("--cache-dir", type=click.Path(path_type=Path), help="Cache folder (default ~/.cache/extract).")
@click.option("--executor", type=click.Choice(["local", "ray"]), help="Where articles run (ray needs the [ray] extra).")
@click.option("--ray-address", help="Ray cluster address (default: $RAY_ADDRESS, else a local Ray instance).")
@click.option("--base-urls", help="Comma-separated endpoints of one model, spread over Ray workers.")
@click.option("--ray-actors", type=click.IntRange(min=1), help="Ray actor pool size (default: one per endpoint).")
@click.option("--schema", help="Extract this Pydantic model, MODULE:CLASS or path/file.py:CLASS (default: ReleaseEvent).")
@click.option("--prompt", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Prompt file for --schema (default: the generic prompt built from the schema's descriptions).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="TOML config file.")
@click.option("--resume", is_flag=True, help="Skip articles already done in OUTPUT; retry its errors.")
@click.option("--progress/--no-progress", default=True,
              help="Progress on stderr: a bar with ok/failed counts on a terminal, else a line every ~10 s.")
def run_command(paths: tuple[Path, ...], output: Path, config_file: Path | None, resume: bool,
                progress: bool, **flags: Any) -> None:
    """Extract a ReleaseEvent (or the --schema model) from every article in PATHS (files or folders of
    .txt .md .html .jsonl).

    Exits 0 when every article has an ok record, 1 when some ended as error records, 3 when the run
    stopped early because the endpoint is unusable (run again with --resume to continue).
    """
    try:
        settings = Settings.load(flags, config_file=config_file)
        from . import resolve_domain  # lazy: imports the schema's module

        domain = resolve_domain(settings.schema, prompt=settings.prompt)  # a bad --schema or --prompt: usage error
        if settings.strategy is not None:
            domain.make_strategy(settings.strategy, settings)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if resume and str(output) == "-":
        raise click.UsageError("--resume needs a results file, not standard output")
    from . import ExitCode, run_batch  # lazy: the model stack loads only when a run starts

    try:
        summary = run_batch(paths, output, settings=settings, resume=resume, progress=progress)
    except ConfigError as exc:  # e.g. --executor ray without the ray extra installed
        raise click.ClickException(str(exc)) from exc
    if summary.aborted:
        done = summary.ok + summary.failed
        click.echo(f"extract: stopped after {done} articles: {summary.aborted}; fix it and run again with "
                   "--resume to do the rest", err=True)
        sys.exit(ExitCode.ABORTED)
    click.echo(summary.line(), err=True)
    if str(output) != "-":
        click.echo(f"wrote {output}", err=True)
    if summary.failed:
        sys.exit(ExitCode.ARTICLES_FAILED)


# Commands implemented in their own modules (each as thin as this one).
from .cli_compare import compare_command  # noqa: E402
from .cli_eval import eval_command  # noqa: E402
from .cli_merge import merge_command  # noqa: E402
from .cli_view import view_command  # noqa: E402

cli.add_command(compare_command, "compare")
cli.add_command(eval_command, "eval")
cli.add_command(merge_command, "merge")
cli.add_command(view_command, "view")


def main() -> None:
    """Console-script entry point: SIGTERM stops the run like Ctrl-C, so the model server is stopped."""

    def _terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
