"""Whole-result caching for strategies whose output is fixed by the text, their version and the model.

A rules-first strategy (hybrid) depends only on the article text, the strategy's version (rules, cue
lists, the pinned NLP model and the prompts of any model questions) and, when it asks the model
anything, the model's name; its event is cached under exactly those, so a second run skips
parsing altogether. Model-heavy strategies are left to the backend's answer cache.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..backends.base import Backend
from ..cache import AnswerCache, cache_key
from ..domain import default_domain, schema_hash
from ..io import Article
from .base import Strategy, StrategyResult

__all__ = ["ResultCachingStrategy", "with_result_cache"]


class ResultCachingStrategy:
    """Wraps a strategy with `result_cacheable`; its events are read from and written to the cache."""

    def __init__(self, inner: Strategy, cache: AnswerCache, schema: type[BaseModel]) -> None:
        self.inner = inner
        self.schema = schema
        self.cache = cache
        self.name = inner.name
        self.result_cacheable = True

    @property
    def version(self) -> str:
        return self.inner.version

    @property
    def uses_model(self) -> bool:
        return self.inner.uses_model

    def _key(self, article: Article, backend: Backend) -> str:
        model = backend.name if self.inner.uses_model else None
        return cache_key({"kind": "event", "strategy": self.name, "version": self.version, "model": model,
                          "schema": schema_hash(self.schema), "text_sha256": article.sha256})

    async def extract(self, article: Article, backend: Backend) -> StrategyResult:
        key = self._key(article, backend)
        hit = self.cache.get(key)
        if hit is not None:
            return StrategyResult(event=self.schema.model_validate(hit["event"]), cached=True,
                                  trail=dict(hit.get("trail") or {}))
        result = await self.inner.extract(article, backend)
        self.cache.set(key, {"event": result.event.model_dump(mode="json"), "trail": result.trail})
        return result


def with_result_cache(
    strategy: Strategy, cache: AnswerCache | None, schema: type[BaseModel] | None = None
) -> Strategy:
    """`strategy` (whose results are `schema` instances; default: the default domain's) with its
    results cached, when it is result-cacheable and a cache is configured."""
    if cache is None or not strategy.result_cacheable:
        return strategy
    return ResultCachingStrategy(strategy, cache, schema or default_domain().schema)
