"""`single`: one Instructor call with the whole schema (best with a strong model), for any schema.

A domain may bring its own prompt (the release domain's `domains/release/prompts/single.md`); any other schema
gets `prompts/schema.md`, filled with the schema's docstring and field descriptions, or a prompt
file of the user's (`--prompt`) that may use the variables `article`, `schema_name` and
`instructions`.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..backends.base import Backend
from ..fields import describe
from ..io import Article
from ..prompts import Prompt, PromptError, load_prompt
from .base import StrategyResult

__all__ = ["SingleStrategy", "schema_instructions"]

_VARIABLES = frozenset({"article", "schema_name", "instructions"})


def schema_instructions(schema: type[BaseModel], indent: str = "") -> str:
    """What the schema asks for, from its docstring and field descriptions, one line per field."""
    lines: list[str] = []
    if not indent:
        doc = " ".join((schema.__doc__ or "").split())
        if doc:
            lines.append(f"What to extract: {doc}")
        lines.append("Fields:")
    for spec in describe(schema):
        description = " ".join((schema.model_fields[spec.name].description or "").split())
        lines.append(f"{indent}- {spec.name}: {description}".rstrip(": ").rstrip())
        if spec.model is not None:
            lines.append(schema_instructions(spec.model, indent + "  "))
    return "\n".join(line for line in lines if line)


class SingleStrategy:
    """Ask the model once for the whole record."""

    name = "single"
    uses_model = True
    result_cacheable = False

    def __init__(self, schema: type[BaseModel], prompt: Prompt | None = None, *, version_suffix: str = "") -> None:
        self.schema = schema
        self._prompt = prompt or load_prompt("schema")
        unknown = self._prompt.variables - _VARIABLES
        if unknown or "article" not in self._prompt.variables:
            raise PromptError(
                f"prompt {self._prompt.name!r} must use ${{article}} and may use only "
                f"{', '.join(sorted(_VARIABLES))}; it uses {', '.join(sorted(self._prompt.variables))}"
            )
        self._suffix = version_suffix

    @property
    def version(self) -> str:
        return self._prompt.full_version + self._suffix

    async def extract(self, article: Article, backend: Backend) -> StrategyResult:
        values = {"article": article.text, "schema_name": self.schema.__name__,
                  "instructions": schema_instructions(self.schema)}
        messages = self._prompt.render(**{k: v for k, v in values.items() if k in self._prompt.variables})
        answer = await backend.structured(messages, self.schema, prompt_version=self.version)
        return StrategyResult(event=answer.value, usage=answer.usage, cached=answer.cached)
