"""The one transport retry policy (tenacity): which failures are retried, and how long to wait.

Retried: HTTP 408, 409, 429 and 5xx, timeouts and connection errors, with capped exponential
backoff and jitter; a `Retry-After` header is honoured up to `retry_after_cap` seconds, and a
longer one fails the request at once with that reason rather than sleeping for it. Never retried:
any other 4xx (a bad key fails at once), nor a transport failure whose cause says `retryable = False`
(a response body over the size limit). The openai client's own `max_retries` is 0, so this is
the only layer that retries transport errors; Instructor's re-asks handle validation errors.

Deadlines: `timeout` bounds each whole attempt (connect, send, every byte of the answer and
Instructor's re-asks inside it), not just the gap between two bytes, so a server that trickles
one byte a second still fails the attempt on time (`RequestTimedOut`, retried). `budget` bounds
the whole call, attempts and waits together: no attempt starts, and no backoff sleeps, past it,
and the last attempt is cut to what is left of it.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_exponential_jitter,
)
from tenacity.stop import stop_base

from .errors import ModelError

__all__ = [
    "RETRY_STATUS",
    "RequestTimedOut",
    "RetryAfterTooLong",
    "RetryPolicy",
    "is_retryable",
    "retry_after_seconds",
]

R = TypeVar("R")

RETRY_STATUS = frozenset({408, 409, 429})


class RetryAfterTooLong(Exception):
    """The server asked to wait longer than the retry cap allows."""

    def __init__(self, seconds: float, cap: float, cause: BaseException) -> None:
        super().__init__(
            f"server asked to retry after {seconds:.0f} s, over the {cap:.0f} s cap (last error: {_one_line(cause)})"
        )
        self.seconds = seconds
        self.cause = cause


class RequestTimedOut(ModelError):
    """One attempt got no complete answer within its deadline (retried while attempts and budget last)."""

    def __init__(self, seconds: float, attempts: int = 1) -> None:
        tries = f" ({attempts} attempts)" if attempts > 1 else ""
        super().__init__(f"the model server timed out after {seconds:g} s{tries} (no complete answer)", retryable=True)
        self.seconds = seconds
        self.attempts = attempts


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__


def is_retryable(exc: BaseException) -> bool:
    """True for failures worth retrying: 408/409/429/5xx, timeouts, connection errors.

    A connection error caused by an exception with `retryable = False` (the response guard's
    ResponseTooLarge) is not retried.
    """
    if isinstance(exc, RequestTimedOut):
        return True
    import openai  # lazy: only a run that calls a model needs it

    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRY_STATUS or exc.status_code >= 500
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return getattr(exc.__cause__, "retryable", True) is not False
    return False


def retry_after_seconds(exc: BaseException) -> float | None:
    """Seconds from a Retry-After (or retry-after-ms) header on an HTTP error, if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        if parsed is None:
            return None
        return max(0.0, parsed.timestamp() - time.time())


class RetryPolicy:
    """Capped exponential backoff with jitter, honouring Retry-After up to a cap, under deadlines.

    `timeout`: seconds for each whole attempt (None: no per-attempt deadline). `budget`: seconds for
    the whole call, every attempt and wait included (None: bounded by attempts alone).
    """

    def __init__(
        self,
        attempts: int = 5,
        *,
        initial: float = 0.5,
        max_wait: float = 20.0,
        retry_after_cap: float = 30.0,
        timeout: float | None = None,
        budget: float | None = None,
    ) -> None:
        self.attempts = max(1, attempts)
        self.retry_after_cap = retry_after_cap
        self.timeout = timeout
        self.budget = budget
        self._backoff = wait_exponential_jitter(multiplier=initial, max=max_wait, jitter=initial)

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = retry_after_seconds(exc) if exc is not None else None
        if hinted is not None:
            return hinted
        return float(self._backoff(state))

    async def _attempt(self, fn: Callable[[], Awaitable[R]], started: float) -> R:
        limit = self.timeout
        if self.budget is not None:
            left = max(0.0, self.budget - (time.monotonic() - started))
            limit = left if limit is None else min(limit, left)
        if limit is None:
            return await fn()
        try:
            return await asyncio.wait_for(fn(), limit)
        except asyncio.TimeoutError:  # the builtin TimeoutError from Python 3.11 on
            raise RequestTimedOut(limit) from None

    async def call(self, fn: Callable[[], Awaitable[R]]) -> R:
        """Run `fn` under the policy; the last error is raised when attempts or the budget run out."""
        stop: stop_base = stop_after_attempt(self.attempts)
        if self.budget is not None:
            stop = stop | stop_before_delay(self.budget)
        retrying = AsyncRetrying(
            stop=stop,
            wait=self._wait,
            retry=retry_if_exception(is_retryable),
            reraise=True,
        )
        started = time.monotonic()
        try:
            async for attempt in retrying:
                with attempt:
                    try:
                        return await self._attempt(fn, started)
                    except BaseException as exc:
                        hinted = retry_after_seconds(exc)
                        if hinted is not None and hinted > self.retry_after_cap and is_retryable(exc):
                            raise RetryAfterTooLong(hinted, self.retry_after_cap, exc) from exc
                        raise
        except RequestTimedOut as exc:
            number = retrying.statistics.get("attempt_number", 1)
            if number > 1:
                raise RequestTimedOut(exc.seconds, number) from exc
            raise
        raise AssertionError("unreachable")  # pragma: no cover
