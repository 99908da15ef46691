"""The Python API: what other projects import, and what every CLI command calls."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .backends.factory import open_backend
from .backends.openai_compat import OpenAICompatBackend
from .dossier import render_dossier
from .io import (
    Article,
    InputFailure,
    RecordWriter,
    compact_for_resume,
    expand_paths,
    iter_articles,
    keep_last_record,
    lock_output,
    read_records,
)
from .merging import CanonicalEvent, merge_records
from .pipeline import RunSummary, make_strategy, process, process_stream
from .redaction import install_log_redaction
from .schema import Record
from .settings import Settings
from .strategies.base import Strategy
from .strategies.cached import with_result_cache

__all__ = ["Extractor", "load_records", "merge", "run_batch", "write_merged"]


async def open_runtime(
    settings: Settings, strategy: Strategy
) -> tuple[OpenAICompatBackend, Callable[[], None], Strategy]:
    """The backend for `settings` (its closer), and `strategy` wrapped in the result cache it offers."""
    backend, close = await open_backend(settings)
    return backend, close, with_result_cache(strategy, backend.cache)


class Extractor:
    """Turns article text into Records with one configured model and strategy.

    Use as a context manager (or call `close()`): the embedded model server, if one was started,
    is stopped on exit.

        with Extractor() as ex:                      # embedded offline default
            record = ex.extract(text, id="a1")
        with Extractor(base_url="http://127.0.0.1:8000/v1", model="m") as ex: ...
    """

    def __init__(self, settings: Settings | None = None, **overrides: Any) -> None:
        base = settings or Settings.load()
        self.settings = base.replace(**overrides) if overrides else base
        install_log_redaction()  # secrets echoed by a server never reach the host's log handlers
        self.strategy: Strategy = make_strategy(self.settings.effective_strategy, self.settings)
        self._runner = asyncio.Runner()
        self._backend: OpenAICompatBackend | None = None
        self._close_backend: Any = None

    async def _get_backend(self) -> OpenAICompatBackend:
        if self._backend is None:
            self._backend, self._close_backend, self.strategy = await open_runtime(self.settings, self.strategy)
        return self._backend

    @property
    def model_calls(self) -> int:
        """Model requests sent so far (cache hits are not calls)."""
        return self._backend.calls if self._backend is not None else 0

    async def aextract(self, text: str, *, id: str = "article", source: str | None = None) -> Record:
        """Async form of `extract`."""
        backend = await self._get_backend()
        return await process(Article(id=id, text=text, source=source), self.strategy, backend, self.settings)

    def extract(self, text: str, *, id: str = "article", source: str | None = None) -> Record:
        """Extract one article's ReleaseEvent; failures come back as an error Record, not an exception."""
        return self._runner.run(self.aextract(text, id=id, source=source))

    def extract_many(self, items: Iterable[Article | InputFailure]) -> Iterator[Record]:
        """Records for many articles, in completion order, `settings.concurrency` at a time."""
        queue: list[Record] = []

        async def collect() -> None:
            backend = await self._get_backend()
            async for record in process_stream(items, self.strategy, backend, self.settings):
                queue.append(record)

        self._runner.run(collect())
        yield from queue

    def run(
        self,
        paths: Iterable[Path | str],
        output: Path | str,
        *,
        resume: bool = False,
        progress: bool = False,
    ) -> RunSummary:
        """Process files and folders into a results JSONL file; see `run_batch`."""
        with lock_output(output):  # a second run on the same output fails at once (OutputBusy)
            if self.settings.executor == "ray":
                from .executors.ray import run_ray  # optional extra: pip install ".[ray]"

                return run_ray(list(paths), Path(output), self.settings, resume=resume, progress=progress,
                               actors=self.settings.ray_actors)
            return self._runner.run(self._run(list(paths), Path(output), resume=resume, progress=progress))

    async def _run(self, paths: list[Path | str], output: Path, *, resume: bool, progress: bool) -> RunSummary:
        summary = RunSummary()
        started = asyncio.get_running_loop().time()
        done = compact_for_resume(output) if resume and output.exists() else {}
        superseded: set[str] = set()  # ids done before whose text changed (or became unreadable)
        total = _count_items(paths, output) if progress else None
        bar = tqdm(total=total, unit="article", disable=not progress, file=sys.stderr, dynamic_ncols=True)

        def todo() -> Iterator[Article | InputFailure]:
            for item in iter_articles(paths, exclude=[output]):
                previous = done.get(item.id)
                if previous is not None:
                    if isinstance(item, Article) and previous == item.sha256:
                        summary.skipped += 1
                        bar.update(1)
                        continue
                    superseded.add(item.id)
                yield item

        backend = await self._get_backend()
        calls_before = backend.calls
        with _gc_frozen(), RecordWriter(output, append=resume) as writer:
            async for record in process_stream(todo(), self.strategy, backend, self.settings):
                writer.write(record)
                summary.add(record)
                bar.update(1)
        bar.close()
        if superseded:
            keep_last_record(output, superseded)
        summary.model_calls = backend.calls - calls_before
        summary.seconds = asyncio.get_running_loop().time() - started
        return summary

    def close(self) -> None:
        """Stop the embedded server (if started) and close the cache."""
        if self._close_backend is not None:
            self._close_backend()
            self._close_backend = None
            self._backend = None
        with contextlib.suppress(Exception):
            self._runner.close()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def _gc_frozen() -> Iterator[None]:
    """Leave the objects alive at the start of a batch out of cyclic GC until it ends.

    The heap after importing pydantic, openai and Instructor is large, and each full (gen-2) collection
    walks all of it: pauses of 100 ms and more that stall every request in flight. Objects created
    during the batch are collected as usual; everything frozen is handed back to the collector at the
    end. Does nothing if the host application has frozen objects itself.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _count_items(paths: list[Path | str], output: Path) -> int | None:
    """Number of input files (a .jsonl file counts its non-blank lines); None if unknown."""
    total = 0
    for path in expand_paths(paths, exclude=[output]):
        if path.suffix.lower() == ".jsonl":
            try:
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def run_batch(
    paths: Iterable[Path | str],
    output: Path | str,
    *,
    settings: Settings | None = None,
    resume: bool = False,
    progress: bool = False,
    **overrides: Any,
) -> RunSummary:
    """Extract every article under `paths` into `output` (JSONL, one record per article).

    With `resume=True`, articles already done in `output` (same id and text hash) are skipped,
    earlier error records are retried, and the file ends with exactly one record per article.
    """
    with Extractor(settings, **overrides) as extractor:
        return extractor.run(paths, output, resume=resume, progress=progress)


def load_records(path: Path | str) -> list[Record]:
    """Records from a results JSONL file."""
    return read_records(path)


def merge(records: Iterable[Record] | Path | str, *, max_days: int = 3) -> list[CanonicalEvent]:
    """Consolidate article records (or a results JSONL file) into one canonical event per real event."""
    items = read_records(records) if isinstance(records, (str, Path)) else list(records)
    return merge_records(items, max_days=max_days)


def write_merged(events: list[CanonicalEvent], output: Path | str, *, format: str = "json") -> Path:
    """Write merged events as JSON (a list of CanonicalEvent) or a Markdown dossier (`format="md"`)."""
    path = Path(output)
    if format == "md":
        text = render_dossier(events)
    elif format == "json":
        text = json.dumps([e.model_dump(mode="json") for e in events], indent=2, ensure_ascii=False) + "\n"
    else:
        raise ValueError(f"format must be json or md, got {format!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
