"""The Ray executor: the per-article pipeline as Ray Data actor tasks, records written by the driver.

The driver reads the article list with `iter_articles` (articles are small), applies the resume rule of
the local executor, and hands the articles to Ray Data. `map_batches` runs them on a fixed pool of
`_ExtractWorker` actors; each actor holds one model client (backend) and one strategy, created once and
closed on teardown, and processes a batch with the same `process_stream` as a local run
(`settings.concurrency` articles in flight per actor). Records come back to the driver as JSON text and
are written there with `RecordWriter`, so the output file, its resume semantics and its error records are
those of the local executor.

Failures, from the smallest to the largest:

- one article fails: `process` turns it into that article's error record (as in a local run);
- an exception escapes a batch in an actor (the endpoint is unreachable, a bug outside `process`): every
  article of that batch without a record gets an error record with that reason (retryable);
- a task is lost (the actor process died and Ray's retries ran out): the driver writes an
  `executor_error` record (retryable) for every article it never received. No article is ever lost.

Endpoints: `settings.base_urls` (several servers of one model) are spread over the actors round-robin,
actor i using `base_urls[i % n]`; without it every actor uses `settings.base_url`. With neither, each actor
starts its own embedded llama.cpp server on its node the first time it needs the model (see docs/ray.md
for the memory cost); the default is then a single actor.

Cache: each actor opens `settings.cache_dir` on its own node. On a multi-node cluster that folder must be a
shared path, or the cache must be off (`--no-cache`); otherwise each node keeps its own cache.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import math
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ..api import open_runtime
from ..backends.openai_compat import OpenAICompatBackend
from ..errors import ExtractError, InputError
from ..io import Article, InputFailure, RecordWriter, compact_for_resume, iter_articles, keep_last_record
from ..pipeline import RunSummary, make_strategy, process_stream
from ..schema import ErrorInfo, Record
from ..settings import ConfigError, Settings
from ..strategies.base import Strategy

__all__ = ["INSTALL_HINT", "RayConnectError", "RayNotInstalled", "run_ray"]

log = logging.getLogger(__name__)

INSTALL_HINT = (
    'the Ray executor needs the optional "ray" extra: pip install "extract[ray]" '
    '(from a checkout: pip install ".[ray]")'
)
REMOTE_ACTOR_CPUS = 0.5  # a model client mostly waits on HTTP
EMBEDDED_ACTOR_CPUS = 1.0  # plus its llama.cpp server's threads, which Ray does not see
BATCHES_PER_SLOT = 4  # default batch size: this many articles per in-flight slot of an actor
# Re-runs of a batch whose actor died. Ray Data's default is forever: one poison batch would hang the job.
TASK_RETRIES = 2


class RayNotInstalled(ConfigError):
    """`executor="ray"` was asked for but Ray (the `ray` extra) is not installed."""


class RayConnectError(ConfigError):
    """Ray could not be reached or started (wrong address, missing auth token, ...)."""


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise RayNotInstalled(INSTALL_HINT) from exc
    return ray


# ---------------------------------------------------------------- what travels between driver and actors


def _encode(item: Article | InputFailure) -> dict[str, Any]:
    """One input row for Ray Data (Arrow-friendly: strings and nulls only)."""
    if isinstance(item, Article):
        return {"id": item.id, "text": item.text, "source": item.source, "error": None, "sha256": item.sha256}
    return {"id": item.id, "text": "", "source": item.source, "error": str(item.error), "sha256": item.sha256}


def _decode(row: dict[str, Any]) -> Article | InputFailure:
    if row["error"] is not None:
        error = InputError(row["error"])
        return InputFailure(id=row["id"], error=error, source=row["source"], sha256=row["sha256"])
    return Article(id=row["id"], text=row["text"], source=row["source"])


@dataclass(frozen=True)
class _Pending:
    """What the driver keeps of an article sent to Ray: enough for its error record if it never returns."""

    id: str
    sha256: str
    source: str | None
    input_error: str | None


def _model_label(settings: Settings, strategy: Strategy, backend: OpenAICompatBackend | None) -> str:
    """The `model` field of a record, as `process` would write it, even when no backend could be opened."""
    if not strategy.uses_model:
        return "none"
    if backend is not None:
        return backend.name
    if settings.embedded:
        return f"embedded:{settings.embedded_model}"
    return settings.model or "unknown"


def _error_record(pending: _Pending, error: ErrorInfo, strategy: Strategy, model: str) -> Record:
    """The error record of an article whose processing never completed (its input error wins)."""
    if pending.input_error is not None:
        error = InputError(pending.input_error).info()
    return Record(
        id=pending.id,
        status="error",
        error=error,
        model=model,
        strategy=strategy.name,
        prompt_version=strategy.version,
        sha256=pending.sha256,
        source=pending.source,
    )


def _pending(row: dict[str, Any]) -> _Pending:
    return _Pending(id=row["id"], sha256=row["sha256"], source=row["source"], input_error=row["error"])


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:500] if text else type(exc).__name__


# ---------------------------------------------------------------- the actor


class _Tickets:
    """A counter handing each new actor its index, for the round-robin over endpoints."""

    def __init__(self) -> None:
        self._next = 0

    def take(self) -> int:
        self._next += 1
        return self._next - 1


def _actor_settings(settings: Settings, index: int) -> Settings:
    """The settings of actor `index`: its endpoint is `base_urls[index % n]` when several are given."""
    if settings.base_urls:
        return settings.replace(base_url=settings.base_urls[index % len(settings.base_urls)])
    return settings


class _ExtractWorker:
    """A Ray Data actor: one backend and one strategy, used for every batch it is given.

    The backend is opened on the first batch (and again on the next batch if opening failed), inside
    the actor's own event loop, so one HTTP client (or one embedded server) serves all its batches.
    """

    def __init__(self, settings: Settings, tickets: Any = None) -> None:
        index = 0
        if tickets is not None:
            import ray

            index = int(ray.get(tickets.take.remote()))
        self.settings = _actor_settings(settings, index)
        self.strategy = make_strategy(self.settings.effective_strategy, self.settings)
        self._runner = asyncio.Runner()
        self._backend: OpenAICompatBackend | None = None
        self._close_backend: Any = None

    async def _open(self) -> OpenAICompatBackend:
        if self._backend is None:
            self._backend, self._close_backend, self.strategy = await open_runtime(self.settings, self.strategy)
        return self._backend

    async def _run(self, items: list[Article | InputFailure], done: dict[str, Record]) -> int:
        backend = await self._open()
        calls_before = backend.calls
        async for record in process_stream(items, self.strategy, backend, self.settings):
            done[record.id] = record
        return backend.calls - calls_before

    def __call__(self, batch: Any) -> Any:
        """Records (JSON text) for a batch of input rows; `calls` holds the batch's model calls on row 0."""
        import pyarrow as pa

        rows: list[dict[str, Any]] = batch.to_pylist()
        done: dict[str, Record] = {}
        calls = 0
        try:
            calls = self._runner.run(self._run([_decode(row) for row in rows], done))
        except Exception as exc:  # the batch failed as a whole: every article left gets an error record
            log.warning("batch of %d failed in the actor: %s", len(rows), _one_line(exc))
            error = (
                exc.info()
                if isinstance(exc, ExtractError)
                else ErrorInfo(type="internal_error", message=_one_line(exc), retryable=True)
            )
            model = _model_label(self.settings, self.strategy, self._backend)
            for row in rows:
                if row["id"] not in done:
                    done[row["id"]] = _error_record(_pending(row), error, self.strategy, model)
        records = [done[row["id"]].model_dump_json() for row in rows]
        return pa.table({
            "record": pa.array(records, pa.large_string()),
            "calls": pa.array([calls] + [0] * (len(records) - 1), pa.int64()),
        })

    def close(self) -> None:
        """Stop this actor's embedded server (if it started one) and close its cache."""
        if self._close_backend is not None:
            with contextlib.suppress(Exception):
                self._close_backend()
            self._close_backend = None
            self._backend = None
        with contextlib.suppress(Exception):
            self._runner.close()

    def __del__(self) -> None:  # Ray Data drops the UDF when the actor exits gracefully
        self.close()


# ---------------------------------------------------------------- the driver


def _connect(ray: Any, address: str | None, num_cpus: int | None) -> bool:
    """Connect to Ray (or reuse the caller's connection); True if this call connected and must shut down.

    `address=None` lets Ray follow $RAY_ADDRESS, then a cluster started on this machine with `ray start`,
    then start a local instance; `num_cpus` only applies to a local instance.
    """
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {
        "address": address, "include_dashboard": False, "logging_level": logging.WARNING,
    }
    try:
        if num_cpus is None:
            ray.init(**options)
            return True
        try:
            ray.init(**options, num_cpus=num_cpus)
        except ValueError as exc:  # connecting to an existing cluster, whose size is not ours to set
            if "existing cluster" not in str(exc):
                raise
            ray.init(**options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = address or "$RAY_ADDRESS, else a local instance"
        raise RayConnectError(f"cannot connect to Ray ({where}): {_one_line(exc)}"[:1000]) from exc
    return True


def _map_kwargs(ray: Any, actors: int) -> dict[str, Any]:
    """A fixed pool of `actors` actors and bounded task retries, in the form this Ray version takes."""
    major, minor = (int(part) for part in ray.__version__.split(".")[:2])
    kwargs: dict[str, Any] = (
        {"compute": ray.data.ActorPoolStrategy(size=actors)}
        if (major, minor) >= (2, 51)
        else {"concurrency": actors}
    )
    parameters = inspect.signature(ray.data.Dataset.map_batches).parameters.values()
    if any(p.name == "max_task_retries" or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        kwargs["max_task_retries"] = TASK_RETRIES
    return kwargs


def _default_actors(settings: Settings) -> int:
    return max(1, len(settings.base_urls))


def run_ray(
    paths: Iterable[Path | str],
    output: Path,
    settings: Settings,
    *,
    resume: bool,
    progress: bool,
    actors: int | None = None,
    batch_size: int | None = None,
    num_cpus: int | None = None,
) -> RunSummary:
    """Process files and folders into a results JSONL file on Ray; same records and resume as a local run.

    `actors`: size of the actor pool (default: one per endpoint in `settings.base_urls`, else one); each
    actor keeps `settings.concurrency` articles in flight. `batch_size`: articles per Ray task (default
    4 x concurrency). `num_cpus`: CPUs of a local Ray instance, if this call starts one. Ray is started
    (or joined) only if there is something to do, and shut down after only if this call started it;
    `summary.seconds` does not count connecting to Ray.
    """
    ray = _import_ray()
    output = Path(output)
    if settings.base_urls and settings.base_url not in settings.base_urls:
        settings = settings.replace(base_url=settings.base_urls[0])  # not embedded; actors pick their own
    actors = actors or _default_actors(settings)
    batch_size = batch_size or BATCHES_PER_SLOT * settings.concurrency
    if actors < 1 or batch_size < 1:
        raise ConfigError(f"actors and batch_size must be at least 1, got {actors} and {batch_size}")
    strategy = make_strategy(settings.effective_strategy, settings)

    summary = RunSummary()
    done = compact_for_resume(output) if resume and output.exists() else {}
    rows: list[dict[str, Any]] = []
    superseded: set[str] = set()  # ids done before whose text changed (or became unreadable)
    for item in iter_articles(paths, exclude=[output]):
        previous = done.get(item.id)
        if previous is not None:
            if isinstance(item, Article) and previous == item.sha256:
                summary.skipped += 1
                continue
            superseded.add(item.id)
        rows.append(_encode(item))
    pending = {row["id"]: _pending(row) for row in rows}

    total = len(rows)
    if total:  # a small job: smaller batches so that every actor gets some, and no actor without a batch
        batch_size = max(1, min(batch_size, math.ceil(total / actors)))
        actors = min(actors, math.ceil(total / batch_size))
    shutdown = _connect(ray, settings.ray_address, num_cpus) if rows else False
    try:
        if rows:
            _warn_about_cache(ray, settings)
        started = time.perf_counter()  # the run's time, without starting Ray itself
        bar = tqdm(total=total + summary.skipped, initial=summary.skipped, unit="article",
                   disable=not progress, file=sys.stderr, dynamic_ncols=True)
        with RecordWriter(output, append=resume) as writer:
            failure: list[str] = []
            records = _stream(ray, rows, settings, actors=actors, batch_size=batch_size, failure=failure)
            for record, calls in records:
                if pending.pop(record.id, None) is None:
                    continue  # a batch re-run by Ray after its first result arrived: already written
                writer.write(record)
                summary.add(record)
                summary.model_calls += calls
                bar.update(1)
            if pending:  # tasks that never came back: their articles still get one record each
                model = _model_label(settings, strategy, None)
                reason = failure[0] if failure else "its actor died and Ray's retries ran out"
                message = f"the Ray task for this article was lost: {reason}"[:500]
                error = ErrorInfo(type="executor_error", message=message, retryable=True)
                for lost in pending.values():
                    record = _error_record(lost, error, strategy, model)
                    writer.write(record)
                    summary.add(record)
                    bar.update(1)
        bar.close()
    finally:
        if shutdown:
            ray.shutdown()
    if superseded:
        keep_last_record(output, superseded)
    summary.seconds = time.perf_counter() - started
    return summary


def _stream(
    ray: Any,
    rows: list[dict[str, Any]],
    settings: Settings,
    *,
    actors: int,
    batch_size: int,
    failure: list[str],
) -> Iterator[tuple[Record, int]]:
    """(record, model calls) pairs as Ray Data returns them; if the job fails, stops early with the reason
    appended to `failure`."""
    if not rows:
        return
    with _data_context(ray):
        try:
            tickets = None
            if len(settings.base_urls) > 1:
                tickets = ray.remote(num_cpus=0)(_Tickets).remote()
            dataset = ray.data.from_items(rows, override_num_blocks=max(1, math.ceil(len(rows) / batch_size)))
            rows.clear()  # the object store holds them now
            # Ray 2.60 deprecates remote args given as keywords (max_task_retries): keep them quiet.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                records = dataset.map_batches(
                    _ExtractWorker,
                    fn_constructor_kwargs={"settings": settings, "tickets": tickets},
                    batch_size=batch_size,
                    batch_format="pyarrow",
                    num_cpus=EMBEDDED_ACTOR_CPUS if settings.embedded else REMOTE_ACTOR_CPUS,
                    **_map_kwargs(ray, actors),
                )
            for batch in records.iter_batches(batch_size=None, batch_format="pyarrow"):
                texts, calls = batch.column("record").to_pylist(), batch.column("calls").to_pylist()
                for text, n in zip(texts, calls, strict=True):
                    yield Record.model_validate_json(text), int(n)
        except Exception as exc:  # the Ray job itself failed; the caller writes records for what is missing
            log.error("the Ray job stopped early: %s", _one_line(exc))
            failure.append(f"the Ray job failed ({_one_line(exc)})")


class _DropMessage(logging.Filter):
    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.prefix)


@contextlib.contextmanager
def _data_context(ray: Any) -> Iterator[None]:
    """Ray Data set up for one run, then restored: no progress bars of its own (the driver draws one), a
    failed task costs its batch rather than the run, and its INFO chatter only with -v."""
    context = ray.data.DataContext.get_current()
    saved = (context.enable_progress_bars, context.max_errored_blocks)
    context.enable_progress_bars = False
    context.max_errored_blocks = -1
    data_log = logging.getLogger("ray.data")
    level = data_log.level
    if not log.isEnabledFor(logging.INFO):
        data_log.setLevel(logging.WARNING)
    progress_log = logging.getLogger("ray.data._internal.progress")
    quiet = _DropMessage("Progress bars disabled")
    progress_log.addFilter(quiet)
    try:
        yield
    finally:
        progress_log.removeFilter(quiet)
        data_log.setLevel(level)
        context.enable_progress_bars, context.max_errored_blocks = saved


def _warn_about_cache(ray: Any, settings: Settings) -> None:
    if settings.cache and len([n for n in ray.nodes() if n.get("Alive")]) > 1:
        log.warning(
            "the answer cache is on and this Ray cluster has several nodes: %s must be a shared path "
            "on every node (or pass --no-cache), else each node keeps its own cache",
            settings.cache_dir or "the default cache folder",
        )
