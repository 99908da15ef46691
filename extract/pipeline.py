"""One article's trip (strategy -> grounding -> Record), and a bounded-concurrency batch of them.

Every failure of one article becomes that article's error record; nothing stops the batch.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .backends.base import Backend, metering
from .domain import Domain, settings_domain
from .errors import ExtractError, InputError, ModelError
from .fields import entity_field
from .io import Article, InputFailure, text_sha256
from .records import ErrorInfo, Record, Usage, renumber_trail, source_trail
from .settings import Settings
from .strategies.base import Strategy

__all__ = ["RunSummary", "make_strategy", "process", "process_stream", "strategy_name"]

log = logging.getLogger(__name__)


def make_strategy(name: str, settings: Settings, domain: Domain | None = None) -> Strategy:
    """The strategy called `name` from the domain's registry (default: the domain `settings` name)."""
    return (domain or settings_domain(settings)).make_strategy(name, settings)


def strategy_name(settings: Settings, domain: Domain) -> str:
    """The strategy a run uses: the one asked for, else the domain's default for these settings."""
    return settings.strategy or domain.default_strategy(settings)


@dataclass
class RunSummary:
    """What a batch did: counts, tokens, time."""

    total: int = 0
    ok: int = 0
    failed: int = 0
    cached: int = 0
    skipped: int = 0
    model_calls: int = 0
    tokens: int = 0
    ungrounded_people: int = 0
    seconds: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)
    aborted: str | None = None
    """Why the run stopped early (the endpoint is unusable); the articles not done are left for --resume."""

    @property
    def articles_per_second(self) -> float:
        done = self.ok + self.failed
        return done / self.seconds if self.seconds > 0 else 0.0

    def add(self, record: Record) -> None:
        self.total += 1
        if record.status == "ok":
            self.ok += 1
        else:
            self.failed += 1
            kind = record.error.type if record.error else "error"
            self.errors[kind] = self.errors.get(kind, 0) + 1
        self.cached += int(record.cached)
        self.tokens += record.usage.total_tokens
        if record.grounding is not None:
            self.ungrounded_people += len(record.grounding.ungrounded_people)

    def line(self) -> str:
        parts = [
            f"{self.ok + self.failed} articles: {self.ok} ok, {self.failed} failed",
            f"{self.cached} from cache",
            f"{self.model_calls} model calls",
            f"{self.tokens} tokens",
            f"{self.ungrounded_people} ungrounded people",
            f"{self.seconds:.1f} s ({self.articles_per_second:.2f} articles/s)",
        ]
        if self.skipped:
            parts.insert(1, f"{self.skipped} already done (resume)")
        if self.errors:
            parts.append("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items())))
        return "; ".join(parts)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:500] if text else type(exc).__name__


def _shape(backend: Backend, strategy: Strategy) -> str | None:
    """The request shape the backend used (backends that have none, such as test doubles, say None)."""
    shape = getattr(backend, "request_shape", None) if strategy.uses_model else None
    return shape if isinstance(shape, str) else None


def _trail(trail: dict[str, list[str]], raw: Any, grounded: Any, strategy: Strategy) -> dict[str, list[str]]:
    """The record's trail: the strategy's rule ids (renumbered when grounding dropped list items),
    or, from a strategy that keeps none, its source for every field it set."""
    if not trail:
        return source_trail(grounded, f"model.{strategy.name}:{strategy.version}")
    spec = entity_field(type(raw))
    if spec is not None and getattr(raw, spec.name) is not getattr(grounded, spec.name):
        return renumber_trail(trail, spec.name, list(getattr(raw, spec.name)), list(getattr(grounded, spec.name)))
    return trail


async def process(
    item: Article | InputFailure,
    strategy: Strategy,
    backend: Backend,
    settings: Settings,
    domain: Domain | None = None,
) -> Record:
    """Extract, ground and wrap one article as a Record; never raises for a bad article.

    `domain` grounds the result and names the schema in the record (default: the settings' domain).
    """
    started = time.perf_counter()
    domain = domain or settings_domain(settings)
    model = backend.name if strategy.uses_model else "none"
    base: dict[str, Any] = {"id": item.id, "model": model, "strategy": strategy.name,
                            "prompt_version": strategy.version, "schema_name": domain.reference}
    if isinstance(item, InputFailure):
        return Record(status="error", error=item.error.info(), sha256=item.sha256 or "", source=item.source, **base)
    if not item.text.strip():  # as the readers say of an empty file; no strategy or model sees it
        error = InputError(f"article {item.id!r} has no text").info()
        return Record(status="error", error=error, sha256=item.sha256, source=item.source, **base)
    meter = None
    try:
        with metering() as meter:  # every model call made for this article, failed ones too
            try:  # the article's deadline bounds every request, retry and wait it needs
                result = await asyncio.wait_for(strategy.extract(item, backend), settings.article_deadline)
            except asyncio.TimeoutError:
                raise ModelError(
                    f"the article took longer than its {settings.article_deadline:g} s deadline (--article-timeout)"
                ) from None
        base["request_shape"] = _shape(backend, strategy)
        if not isinstance(result.event, domain.schema):
            raise TypeError(f"the strategy returned a {type(result.event).__name__}, not a {domain.schema.__name__}")
        event, grounding = domain.ground(result.event, item.text, settings.ungrounded)
        trail = _trail(result.trail, result.event, event, strategy)
        return Record(
            status="ok",
            event=event,
            usage=meter.usage if meter.usage.calls else result.usage,
            seconds=round(time.perf_counter() - started, 4),
            cached=result.cached,
            sha256=item.sha256,
            source=item.source,
            grounding=grounding,
            trail=trail or None,
            **base,
        )
    except ExtractError as exc:
        error = exc.info()
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # a bug or an unexpected library error: still one record, never a crash
        log.debug("unexpected error on %s", item.id, exc_info=True)
        error = ErrorInfo(type="internal_error", message=_one_line(exc), retryable=True)
    base["request_shape"] = _shape(backend, strategy)
    return Record(
        status="error",
        error=error,
        usage=meter.usage if meter is not None else Usage(),
        seconds=round(time.perf_counter() - started, 4),
        sha256=text_sha256(item.text),
        source=item.source,
        **base,
    )


async def process_stream(
    items: Iterable[Article | InputFailure],
    strategy: Strategy,
    backend: Backend,
    settings: Settings,
    *,
    on_start: Callable[[Article | InputFailure], None] | None = None,
    domain: Domain | None = None,
) -> AsyncGenerator[Record, None]:
    """Process items with at most `settings.concurrency` in flight, yielding records as they finish.

    Items are pulled from the iterable only when a slot is free (backpressure), so memory stays
    flat however long the batch is.
    """
    domain = domain or settings_domain(settings)
    pending: set[asyncio.Task[Record]] = set()
    finished: asyncio.Queue[asyncio.Task[Record]] = asyncio.Queue()  # done tasks, in completion order
    iterator = iter(items)
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < settings.concurrency:
                try:
                    item = next(iterator)
                except StopIteration:
                    exhausted = True
                    break
                if on_start is not None:
                    on_start(item)
                task = asyncio.create_task(process(item, strategy, backend, settings, domain))
                task.add_done_callback(finished.put_nowait)
                pending.add(task)
            if not pending:
                return
            task = await finished.get()  # O(1) per article, unlike asyncio.wait over every pending task
            pending.discard(task)
            yield task.result()
    finally:
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
