"""The Strategy interface: an article in, an instance of the run's schema (and its cost) out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from pydantic import BaseModel

from ..backends.base import Backend
from ..io import Article
from ..records import Usage

__all__ = ["Strategy", "StrategyResult"]


@dataclass
class StrategyResult:
    event: BaseModel
    usage: Usage = field(default_factory=Usage)
    cached: bool = False  # True when every model answer came from the cache
    trail: dict[str, list[str]] = field(default_factory=dict)  # value path -> ids of the rules behind it


class Strategy(Protocol):
    """Extracts one schema instance from one article, using the model only through `backend`."""

    name: str
    # True when the output is fixed by the article text, `version` and the model's name, so a
    # whole result may be cached (the rules-first hybrid); model-heavy strategies leave it to
    # the backend's answer cache.
    result_cacheable: bool

    @property
    def version(self) -> str:
        """Version of everything that shapes the output (prompts, rules); goes into records."""
        ...

    @property
    def uses_model(self) -> bool:
        """False when the strategy can run with no backend at all."""
        ...

    async def extract(self, article: Article, backend: Backend) -> StrategyResult:
        ...
