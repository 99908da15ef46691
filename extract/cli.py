"""The `extract` command: thin, every command calls the public Python API."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from typing import Any

import click

# Light names only (the facade loads each on first use); the model stack loads when a run starts.
from . import (
    ConfigError,
    ExitCode,
    ExtractError,
    RunFailed,
    Settings,
    __version__,
    install_log_redaction,
    redact,
)
from .settings import EMBEDDED_MODELS, HYBRID_STATUS_DECISIONS, MODES, STRATEGIES

__all__ = ["cli", "main"]

log = logging.getLogger("extract")


class _Failed(click.ClickException):
    """An expected failure: one line on stderr (`Error: ...`) and its documented exit code."""

    def __init__(self, message: str, code: int) -> None:
        one_line = redact(" ".join(message.split()))
        super().__init__(one_line.encode("utf-8", "backslashreplace").decode("utf-8"))
        self.exit_code = code  # type: ignore[misc]  # click's class default is 1


class _Group(click.Group):
    """Turns every failure of a command into one line and an exit code; the traceback only with -v."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt, SystemExit):
            raise
        except RunFailed as exc:  # output busy (4), output unwritable or corrupt (5)
            raise _Failed(str(exc), exc.exit_code) from exc
        except ConfigError as exc:  # a setting that does not work (e.g. an unsafe cache folder)
            raise _Failed(str(exc), ExitCode.USAGE) from exc
        except ExtractError as exc:  # the endpoint is unusable before any article ran
            raise _Failed(str(exc), ExitCode.ABORTED) from exc
        except Exception as exc:
            verbose = int(ctx.params.get("verbose") or 0)
            if verbose:
                log.error("unexpected error", exc_info=True)  # through the redacting filter
            hint = "" if verbose else " (run with -v for the traceback)"
            raise _Failed(f"unexpected error: {type(exc).__name__}: {exc}{hint}", 1) from exc


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    # Instructor logs every failed attempt at ERROR level; our records already carry the reason.
    logging.getLogger("instructor").setLevel(logging.DEBUG if verbose >= 2 else logging.CRITICAL)
    for noisy in ("httpx", "httpcore", "openai"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose >= 3 else logging.WARNING)
    install_log_redaction()  # secrets never reach a log line, whoever logs them


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
              "its rules find nothing (released_count, releasing_country, or none; default: none asked, as measured).")
@click.option("--hybrid-status", type=click.Choice(HYBRID_STATUS_DECISIONS),
              help="How the hybrid strategy decides each person's status: hand (strongest cue) or fitted "
              "(weights fitted on the tuning sets); default: the one measured better (hand).")
@click.option("--concurrency", type=click.IntRange(min=1), help="Articles in flight at once (default 4).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Processes the hybrid strategy parses in (default: one per core; 1: no extra process).")
@click.option("--max-tokens", metavar="N|none",
              help="Answer token budget per model call (default 1024; none: not sent).")
@click.option("--temperature", metavar="T|none", help="Sampling temperature (default 0; none: not sent).")
@click.option("--seed", metavar="N|none", help="Sampling seed (default 0; none: not sent).")
@click.option("--timeout", type=float, help="Seconds for each whole model request (default 120; 600 embedded).")
@click.option("--article-timeout", type=float,
              help="Seconds one article may take in all, every request and retry (default 3x --timeout).")
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
    stopped early because the endpoint is unusable (run again with --resume to continue); the README
    lists every exit code.
    """
    settings = Settings.load(flags, config_file=config_file)  # a ConfigError exits 2 with one line
    from . import resolve_domain  # lazy: imports the schema's module

    domain = resolve_domain(settings.schema, prompt=settings.prompt)  # a bad --schema or --prompt: exit 2
    if settings.strategy is not None:
        domain.make_strategy(settings.strategy, settings)
    if resume and str(output) == "-":
        raise click.UsageError("--resume needs a results file, not standard output")
    from . import run_batch  # lazy: the model stack loads only when a run starts

    summary = run_batch(paths, output, settings=settings, resume=resume, progress=progress)
    if summary.aborted:
        done = summary.ok + summary.failed
        articles = "article" if done == 1 else "articles"
        click.echo(f"extract: stopped after {done} {articles}: {redact(summary.aborted)}; fix it and run again "
                   "with --resume to do the rest", err=True)
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
