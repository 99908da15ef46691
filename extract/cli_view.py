"""`extract view`: write an HTML page showing each article with its grounded spans beside its record."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_eval import ResultsUnreadable
from .settings import ConfigError

__all__ = ["view_command"]


@click.command("view")
@click.argument("results", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("article_paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("view.html"),
    show_default=True,
    help="Where to write the HTML page.",
)
@click.option("--schema", help="The records' Pydantic model, MODULE:CLASS (default: the one the records name, else ReleaseEvent).")
def view_command(results: Path, article_paths: tuple[Path, ...], out_path: Path, schema: str | None) -> None:
    """Write one self-contained HTML page from RESULTS (a results .jsonl) and the articles.

    Articles are read from ARTICLE_PATHS (files or folders) and matched to records by id; nothing
    else is read (a record's `source` is never opened), so with none given the page shows records only.
    """
    from . import RunFailed, write_view
    try:
        result = write_view(results, article_paths, out_path, schema=schema)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    except RunFailed as exc:  # a results file that is not one: one line and exit 5
        raise ResultsUnreadable(str(exc)) from exc
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {result.path} ({result.records} records)")
    if result.missing and not article_paths:
        click.echo("no article text shown: pass the article files or folders after RESULTS", err=True)
    elif result.missing:
        shown = ", ".join(result.missing[:5]) + (", ..." if len(result.missing) > 5 else "")
        click.echo(f"no article text for {len(result.missing)} record(s): {shown}", err=True)
