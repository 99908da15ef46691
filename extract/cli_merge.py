"""`extract merge`: one canonical event per real event, from a results file."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_eval import ResultsUnreadable
from .settings import ConfigError

__all__ = ["merge_command"]


@click.command("merge")
@click.argument("results", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="events.json or dossier.md")
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default=None,
              help="Output format (default: from the output's extension, else json).")
@click.option("--max-days", type=click.IntRange(min=0), default=3, show_default=True,
              help="Reports more than this many days apart are different events.")
@click.option("--schema", help="The records' Pydantic model, MODULE:CLASS (default: the one the records name, else ReleaseEvent).")
def merge_command(results: Path, output: Path, fmt: str | None, max_days: int, schema: str | None) -> None:
    """Consolidate article records into canonical events, with people merged and conflicts shown."""
    from . import CanonicalEvent, RunFailed, merge, write_merged
    try:
        events = merge(results, max_days=max_days, schema=schema)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    except RunFailed as exc:  # a results file that is not one: one line and exit 5
        raise ResultsUnreadable(str(exc)) from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    fmt = fmt or ("md" if output.suffix.lower() in (".md", ".markdown") else "json")
    if fmt == "md" and events and not isinstance(events[0], CanonicalEvent):
        raise click.UsageError("--format md (the dossier) is for ReleaseEvent; use json for other schemas")
    write_merged(events, output, format=fmt)
    conflicts = sum(len(e.conflicts) for e in events)
    click.echo(f"{len(events)} event(s) from {sum(len(e.articles) for e in events)} article(s), "
               f"{conflicts} conflict(s); wrote {output}", err=True)
