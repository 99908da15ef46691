"""`multipass`: decomposed, schema-constrained questions that share the article as a prompt prefix.

The article sits at the start of the system message, so consecutive questions about one article
share their prefix and a llama.cpp server reuses its evaluated prompt. Each question has a small
response model, which the server turns into a grammar.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..backends.base import Backend
from ..io import Article
from ..prompts import load_prompt
from ..schema import MAX_PEOPLE, Destination, Person, PersonStatus, ReleaseEvent, Usage, cap_list
from .base import StrategyResult

__all__ = ["MultipassStrategy"]


class _Q(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Names(_Q):
    names: list[str] = Field(default_factory=list, description="Full names of every real, named person in the article.")

    @field_validator("names", mode="before")
    @classmethod
    def _cap(cls, value: Any) -> Any:
        return cap_list(value, MAX_PEOPLE, "names")


class _Status(_Q):
    status: PersonStatus = Field(description=Person.model_fields["status"].description or "")


class _Counts(_Q):
    releasing_country: str | None = Field(default=None, description="Country whose authorities freed the prisoners.")
    released_count: int | None = Field(default=None, description="How many people were freed, as a number.")
    remaining_prisoners: int | None = Field(default=None, description="How many political prisoners remain jailed.")


class _Context(_Q):
    releasing_authority: str | None = Field(default=None, description="Who ordered the release.")
    quid_pro_quo: str | None = Field(default=None, description="What the releasing side got in exchange, briefly.")
    mediators: list[str] = Field(default_factory=list, description="Countries or organisations that brokered it.")
    destinations: list[Destination] = Field(default_factory=list, description="Where the freed people were taken.")


QUESTIONS: dict[str, str] = {
    "names": "List the full names of all real, named people mentioned in the article.",
    "counts": "Which country released prisoners, how many were released, and how many political prisoners remain jailed?",
    "context": "Who ordered the release, what did the releasing side get in exchange, who mediated, and where were the freed people taken?",
    "status": "What is the status of {name} in this article? released: freed in this event; still_detained: still jailed or "
    "not freed; negotiator: brokered the release; official: acts or speaks for a party; other: anyone else.",
}


class MultipassStrategy:
    """Several small constrained questions instead of one large schema."""

    name = "multipass"
    uses_model = True
    result_cacheable = False

    def __init__(self, max_people: int = 20) -> None:
        self._prompt = load_prompt("multipass")
        self.max_people = max_people

    @property
    def version(self) -> str:
        return self._prompt.full_version

    async def extract(self, article: Article, backend: Backend) -> StrategyResult:
        usage = Usage()
        cached = True

        async def ask(question: str, model: type[_Q]) -> _Q:
            nonlocal usage, cached
            messages = self._prompt.render(article=article.text, question=question)
            answer = await backend.structured(messages, model, prompt_version=self.version, max_tokens=256)
            usage = usage.add(answer.usage)
            cached = cached and answer.cached
            return answer.value

        names = await ask(QUESTIONS["names"], _Names)
        counts = await ask(QUESTIONS["counts"], _Counts)
        context = await ask(QUESTIONS["context"], _Context)
        assert isinstance(names, _Names) and isinstance(counts, _Counts) and isinstance(context, _Context)
        people: list[Person] = []
        seen: set[str] = set()
        for raw in names.names[: self.max_people]:
            name = raw.strip()
            if not name or name.lower() in seen:
                continue
            seen.add(name.lower())
            status = await ask(QUESTIONS["status"].format(name=name), _Status)
            assert isinstance(status, _Status)
            people.append(Person(name=name, status=status.status))
        event = ReleaseEvent(
            releasing_country=counts.releasing_country,
            released_count=counts.released_count,
            remaining_prisoners=counts.remaining_prisoners,
            releasing_authority=context.releasing_authority,
            quid_pro_quo=context.quid_pro_quo,
            mediators=context.mediators,
            destinations=context.destinations,
            people=people,
        )
        return StrategyResult(event=event, usage=usage, cached=cached)
