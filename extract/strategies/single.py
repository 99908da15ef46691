"""`single`: one Instructor call with the whole ReleaseEvent schema (best with a strong model)."""

from __future__ import annotations

from ..backends.base import Backend
from ..io import Article
from ..prompts import load_prompt
from ..domains.release.schema import ReleaseEvent
from .base import StrategyResult

__all__ = ["SingleStrategy"]


class SingleStrategy:
    """Ask the model once for the whole record."""

    name = "single"
    uses_model = True
    result_cacheable = False

    def __init__(self) -> None:
        self._prompt = load_prompt("single")

    @property
    def version(self) -> str:
        return self._prompt.full_version

    async def extract(self, article: Article, backend: Backend) -> StrategyResult:
        messages = self._prompt.render(article=article.text)
        answer = await backend.structured(messages, ReleaseEvent, prompt_version=self.version)
        return StrategyResult(event=answer.value, usage=answer.usage, cached=answer.cached)
