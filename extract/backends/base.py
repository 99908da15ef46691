"""The Backend protocol: the only way strategies talk to a model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from pydantic import BaseModel

from ..records import Usage

if TYPE_CHECKING:
    from ..cache import AnswerCache

T = TypeVar("T", bound=BaseModel)

__all__ = ["Answer", "Backend", "T"]


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

    @property
    def calls(self) -> int:
        """Model requests sent so far (cache hits are not calls)."""
        ...

    @property
    def cache(self) -> AnswerCache | None:
        """The answer cache, if one is configured (whole-result caching of a strategy uses it too)."""
        ...

    def close(self) -> None:
        """Release what the backend holds (a model server it started, the cache)."""
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
