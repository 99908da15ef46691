"""The Python API: what other projects import, and what every CLI command calls."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel
from tqdm import tqdm

from .backends.base import Backend
from .backends.factory import open_backend
from .domain import Domain, domain_for, settings_domain
from .io import (
    Article,
    InputFailure,
    RecordWriter,
    ResumeFilter,
    expand_paths,
    iter_articles,
    lock_output,
    read_records,
    record_schema_name,
)
from .pipeline import RunSummary, process, process_stream, strategy_name
from .records import Record
from .redaction import install_log_redaction
from .settings import Settings
from .strategies.base import Strategy
from .strategies.cached import with_result_cache
from .view import ViewResult

__all__ = [
    "Extractor",
    "evaluate",
    "ground",
    "load_records",
    "merge",
    "resolve_domain",
    "run_batch",
    "write_merged",
    "write_view",
]

Schema = type[BaseModel] | str | None


async def open_runtime(
    settings: Settings, strategy: Strategy
) -> tuple[Backend, Callable[[], None], Strategy]:
    """The backend for `settings` (its closer), and `strategy` wrapped in the result cache it offers."""
    backend, close = await open_backend(settings)
    return backend, close, with_result_cache(strategy, backend.cache, settings_domain(settings).schema)


def resolve_domain(schema: Schema = None, results: Path | str | None = None, *, prompt: Path | str | None = None
                   ) -> Domain:
    """The domain for `schema` (a class or MODULE:CLASS); without one, the schema the records in
    `results` name, else the default (ReleaseEvent)."""
    if schema is None and results is not None:
        schema = record_schema_name(results)
    return domain_for(schema, prompt=prompt)


class Extractor:
    """Turns article text into Records with one configured model and strategy.

    Use as a context manager (or call `close()`): the embedded model server, if one was started,
    is stopped on exit.

        with Extractor() as ex:                      # embedded offline default, ReleaseEvent
            record = ex.extract(text, id="a1")
        with Extractor(base_url="http://127.0.0.1:8000/v1", model="m") as ex: ...
        with Extractor(schema=Verdict, base_url=...) as ex:   # any Pydantic model
            verdict = ex.extract(text).event

    `schema` (a Pydantic model class or "MODULE:CLASS") and `prompt` (a prompt file) choose what is
    extracted; without them, ReleaseEvent.
    """

    def __init__(self, settings: Settings | None = None, **overrides: Any) -> None:
        base = settings or Settings.load()
        self.settings = base.replace(**overrides) if overrides else base
        install_log_redaction()  # secrets echoed by a server never reach the host's log handlers
        self.domain: Domain = settings_domain(self.settings)
        self.strategy: Strategy = self.domain.make_strategy(strategy_name(self.settings, self.domain), self.settings)
        self._runner = asyncio.Runner()
        self._backend: Backend | None = None
        self._close_backend: Any = None

    async def _get_backend(self) -> Backend:
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
        return await process(Article(id=id, text=text, source=source), self.strategy, backend, self.settings,
                             self.domain)

    def extract(self, text: str, *, id: str = "article", source: str | None = None) -> Record:
        """Extract one article's data; failures come back as an error Record, not an exception."""
        return self._runner.run(self.aextract(text, id=id, source=source))

    def extract_many(self, items: Iterable[Article | InputFailure]) -> Iterator[Record]:
        """Records for many articles, in completion order, `settings.concurrency` at a time."""
        queue: list[Record] = []

        async def collect() -> None:
            backend = await self._get_backend()
            async for record in process_stream(items, self.strategy, backend, self.settings, domain=self.domain):
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
        # A second run on the same output fails at once (OutputBusy); standard output needs no lock.
        with contextlib.nullcontext() if str(output) == "-" else lock_output(output):
            if self.settings.executor == "ray":
                from .executors.ray import run_ray  # optional extra: pip install ".[ray]"

                return run_ray(list(paths), Path(output), self.settings, resume=resume, progress=progress,
                               actors=self.settings.ray_actors)
            return self._runner.run(self._run(list(paths), Path(output), resume=resume, progress=progress))

    async def _run(self, paths: list[Path | str], output: Path, *, resume: bool, progress: bool) -> RunSummary:
        summary = RunSummary()
        started = asyncio.get_running_loop().time()
        to_stdout = str(output) == "-"
        resume_filter = ResumeFilter.open(output, resume=resume and not to_stdout, schema=self.domain.schema)
        total = _count_items(paths, output) if progress else None
        meter = _Progress(summary, total, enabled=progress)

        def skipped() -> None:
            summary.skipped += 1
            meter.update()

        backend = await self._get_backend()
        calls_before = backend.calls
        watch = _FailFast(backend, self.strategy.uses_model)
        writer: Any = _StdoutWriter() if to_stdout else RecordWriter(output, append=resume)
        with _gc_frozen(), writer:
            todo = resume_filter.todo(iter_articles(paths, exclude=[output]), on_skip=skipped)
            stream = process_stream(todo, self.strategy, backend, self.settings, domain=self.domain)
            async with contextlib.aclosing(stream):  # closing it cancels the articles still in flight
                async for record in stream:
                    writer.write(record)
                    summary.add(record)
                    meter.update()
                    summary.aborted = watch.check(record)
                    if summary.aborted:
                        break
        meter.close()
        if not to_stdout:
            resume_filter.finish(output, schema=self.domain.schema)
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


FAIL_FAST_ARTICLES = 3
"""The run stops when this many articles in a row fail with the same non-retryable error before any succeeds."""


class _FailFast:
    """Decides when a run should stop early: the endpoint is unusable, so every article would fail alike.

    Stops at once when the backend knows its endpoint is unusable (key rejected, host unreachable), and
    after the first `FAIL_FAST_ARTICLES` model articles when all failed with the same non-retryable error.
    """

    def __init__(self, backend: Any, uses_model: bool) -> None:
        self._backend = backend
        self._uses_model = uses_model
        self._first: list[tuple[str, str]] = []
        self._any_ok = False

    def check(self, record: Record) -> str | None:
        if not self._uses_model:
            return None
        unusable = getattr(self._backend, "unusable", None)
        if unusable:
            return str(unusable)
        if record.status == "ok":
            self._any_ok = True
        elif record.error is not None and record.error.type != "input_error" and not self._any_ok:
            if not record.error.retryable and record.error.type in ("model_error", "auth_error"):
                self._first.append((record.error.type, record.error.message))
                same = len(set(self._first)) == 1
                if len(self._first) >= FAIL_FAST_ARTICLES and same:
                    return f"the first {len(self._first)} articles all failed with: {record.error.message}"
                if not same:
                    self._any_ok = True  # different failures: not an endpoint problem; stop watching
        return None


class _StdoutWriter:
    """Writes records as JSON lines to standard output (`-o -`)."""

    def write(self, record: Record) -> None:
        sys.stdout.write(record.model_dump_json() + "\n")
        sys.stdout.flush()

    def __enter__(self) -> _StdoutWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        sys.stdout.flush()


def _bar_fits(stream: TextIO) -> bool:
    """A terminal with room for a bar; a pseudo-terminal of 0 columns (`script` without a size) draws nothing."""
    if not stream.isatty():
        return False
    try:
        return os.get_terminal_size(stream.fileno()).columns > 0
    except (OSError, ValueError):
        return False


class _Progress:
    """Progress on stderr: a tqdm bar with ok and failed counts on a terminal, else one line every ~10 s."""

    def __init__(self, summary: RunSummary, total: int | None, *, enabled: bool, every: float = 10.0) -> None:
        self._summary = summary
        self._total = total
        self._enabled = enabled
        self._every = every
        self._tty = enabled and _bar_fits(sys.stderr)
        self._next = time.monotonic() + every
        self._bar = tqdm(total=total, unit="article", disable=not self._tty, file=sys.stderr, dynamic_ncols=True)

    def _counts(self) -> dict[str, int]:
        return {"ok": self._summary.ok, "failed": self._summary.failed}

    def update(self) -> None:
        if self._tty:
            self._bar.set_postfix(self._counts(), refresh=False)
            self._bar.update(1)
        elif self._enabled and time.monotonic() >= self._next:
            self._next = time.monotonic() + self._every
            self._line()

    def _line(self) -> None:
        s = self._summary
        done = s.ok + s.failed + s.skipped
        of = f"/{self._total}" if self._total else ""
        print(f"progress: {done}{of} articles, {s.ok} ok, {s.failed} failed", file=sys.stderr, flush=True)

    def close(self) -> None:
        self._bar.close()


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

    `schema=Verdict` (or "MODULE:CLASS") extracts any Pydantic model instead of ReleaseEvent.
    With `resume=True`, articles already done in `output` (same id and text hash) are skipped,
    earlier error records are retried, and the file ends with exactly one record per article.
    """
    with Extractor(settings, **overrides) as extractor:
        return extractor.run(paths, output, resume=resume, progress=progress)


def load_records(path: Path | str, *, schema: Schema = None) -> list[Record]:
    """Records from a results JSONL file (their `event` as `schema`, else the schema they name)."""
    return read_records(path, schema=resolve_domain(schema, path).schema)


def evaluate(
    results: Path | str | Iterable[Record], gold_dir: Path | str, *, schema: Schema = None, **options: Any
) -> BaseModel:
    """Score results against a gold folder: an `EvalReport` for ReleaseEvent, a `SchemaReport`
    (per-leaf P/R/F1, micro-F1) for any other schema."""
    where = results if isinstance(results, (str, Path)) else None
    domain = resolve_domain(schema, where)
    if domain.reference is None:
        from .domains.release.evaluation import evaluate as evaluate_release

        return evaluate_release(results, gold_dir, **options)
    from .schema_eval import evaluate_schema

    return evaluate_schema(results, gold_dir, domain.schema, schema_name=domain.reference)


def ground(data: BaseModel, text: str, policy: str = "flag") -> tuple[BaseModel, Any]:
    """Align `data`'s values to `text` (spans, rate) and apply the ungrounded policy (keep|flag|drop)."""
    return domain_for(type(data)).ground(data, text, policy)  # type: ignore[arg-type]


def merge(
    records: Iterable[Record] | Path | str, *, max_days: int = 3, schema: Schema = None
) -> list[Any]:
    """Consolidate article records (or a results JSONL file) into one canonical event per real event."""
    if isinstance(records, (str, Path)):
        domain = resolve_domain(schema, records)
        items = read_records(records, schema=domain.schema)
    else:
        items = list(records)
        first = next((r.event for r in items if r.event is not None), None)
        domain = resolve_domain(schema if schema is not None or first is None else type(first))
    return domain.merge(items, max_days)


def write_merged(events: list[Any], output: Path | str, *, format: str = "json") -> Path:
    """Write merged events as JSON (a list of them) or a Markdown dossier (`format="md"`, ReleaseEvent only)."""
    path = Path(output)
    if format == "md":
        from .domains.release.dossier import render_dossier

        text = render_dossier(events)
    elif format == "json":
        text = json.dumps([e.model_dump(mode="json") for e in events], indent=2, ensure_ascii=False) + "\n"
    else:
        raise ValueError(f"format must be json or md, got {format!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_view(
    results_path: Path | str,
    article_paths: Sequence[Path | str] = (),
    out_path: Path | str = "view.html",
    *,
    schema: Schema = None,
) -> ViewResult:
    """Write the HTML view of a results file (see `extract.view`); records of any schema."""
    from .view import write_view as write

    return write(results_path, article_paths, out_path, domain=resolve_domain(schema, results_path))
