"""Whole-result caching for strategies that call no model (the model's answers are cached by the backend).

A rules-only strategy's output depends only on the article text and the strategy's version (rules,
cue lists and the pinned NLP model), so its event is cached under exactly those; a second run then
skips parsing altogether.
"""

from __future__ import annotations

from ..backends.base import Backend
from ..cache import AnswerCache, cache_key
from ..io import Article
from ..schema import ReleaseEvent
from .base import Strategy, StrategyResult

__all__ = ["ResultCachingStrategy", "with_result_cache"]


class ResultCachingStrategy:
    """Wraps a strategy that uses no model; its events are read from and written to the cache."""

    def __init__(self, inner: Strategy, cache: AnswerCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name

    @property
    def version(self) -> str:
        return self.inner.version

    @property
    def uses_model(self) -> bool:
        return False

    def _key(self, article: Article) -> str:
        return cache_key({"kind": "event", "strategy": self.name, "version": self.version,
                          "text_sha256": article.sha256})

    async def extract(self, article: Article, backend: Backend) -> StrategyResult:
        key = self._key(article)
        hit = self.cache.get(key)
        if hit is not None:
            return StrategyResult(event=ReleaseEvent.model_validate(hit["event"]), cached=True)
        result = await self.inner.extract(article, backend)
        self.cache.set(key, {"event": result.event.model_dump(mode="json")})
        return result


def with_result_cache(strategy: Strategy, cache: AnswerCache | None) -> Strategy:
    """`strategy` with its results cached, when it calls no model and a cache is configured."""
    if cache is None or strategy.uses_model:
        return strategy
    return ResultCachingStrategy(strategy, cache)
