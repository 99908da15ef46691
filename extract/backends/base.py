"""The Backend protocol: the only way strategies talk to a model."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel

from ..schema import Usage

T = TypeVar("T", bound=BaseModel)

__all__ = ["Answer", "Backend", "T", "UsageMeter", "current_meter", "metering"]


@dataclass
class Answer(Generic[T]):
    """A validated answer, what it cost, and whether it came from the cache."""

    value: T
    usage: Usage = field(default_factory=Usage)
    cached: bool = False


class Backend(Protocol):
    """A model that answers chat messages with an instance of a Pydantic model.

    Implementations own transport retries, validation re-asks, caching and the request shape.
    """

    @property
    def name(self) -> str:
        """Label for records, e.g. 'embedded:smollm2-135m' or the remote model id."""
        ...

    async def structured(
        self,
        messages: list[dict[str, Any]],
        response_model: type[T],
        *,
        prompt_version: str,
        max_tokens: int | None = None,
    ) -> Answer[T]:
        """Ask for one `response_model` instance; raises an ExtractError subclass on failure."""
        ...


class UsageMeter:
    """Every HTTP call made for one article and the tokens the server reported for it.

    Filled at the transport (each chat-completion request, including re-asks, truncation retries,
    transport retries and failed attempts), so an error record shows what was billed too.
    """

    def __init__(self, parent: UsageMeter | None = None) -> None:
        self.usage = Usage()
        self._parent = parent

    def add(self, *, calls: int = 0, prompt: int = 0, completion: int = 0, total: int = 0, reasoning: int = 0) -> None:
        """Add to this meter and to the meters around it (one request's meter inside its article's)."""
        step = Usage(calls=calls, prompt_tokens=prompt, completion_tokens=completion, total_tokens=total,
                     reasoning_tokens=reasoning)
        meter: UsageMeter | None = self
        while meter is not None:
            meter.usage = meter.usage.add(step)
            meter = meter._parent


_METER: contextvars.ContextVar[UsageMeter | None] = contextvars.ContextVar("extract_usage_meter", default=None)


def current_meter() -> UsageMeter | None:
    """The meter of the article being processed in this task, if any."""
    return _METER.get()


@contextlib.contextmanager
def metering() -> Iterator[UsageMeter]:
    """Count the model calls made inside the block (in this task and the tasks it starts)."""
    meter = UsageMeter(_METER.get())
    token = _METER.set(meter)
    try:
        yield meter
    finally:
        _METER.reset(token)
