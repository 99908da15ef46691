"""Result records: one line of results JSONL per article, for any schema.

`Record.event` holds an instance of the run's schema (the JSONL key stays `event`). Reading a record
back validates `event` with the schema given in the validation context (`{"schema": cls}`), else
with the default domain's schema (ReleaseEvent). A record made with a schema other than the
default names it in `schema_name` (MODULE:CLASS), so later commands can find it; the key is left
out of the JSON when it is empty, so default records read exactly as before.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

__all__ = ["AlignmentStatus", "ErrorInfo", "Grounding", "Record", "Span", "Usage"]


class Usage(BaseModel):
    """Token usage summed over every model call made for one article."""

    model_config = ConfigDict(extra="forbid")

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    reasoning_tokens: int = 0  # part of completion_tokens, when the server reports it

    def add(self, other: Usage) -> Usage:
        return Usage(
            calls=self.calls + other.calls,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
            reasoning_tokens=self.reasoning_tokens + other.reasoning_tokens,
        )


class ErrorInfo(BaseModel):
    """Why an article produced no event: a one-line reason plus its kind."""

    model_config = ConfigDict(extra="forbid")

    type: str = Field(description="Error class, e.g. input_error, model_error, validation_error.")
    message: str = Field(description="One-line human-readable reason.")
    retryable: bool = Field(default=False, description="True if re-running may succeed (--resume retries it).")


AlignmentStatus = Literal["exact", "fuzzy", "not_found"]


class Span(BaseModel):
    """Where one extracted value sits in the original article text (character offsets)."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="Which value: 'people[0].name', 'people[0].evidence', 'evidence.released_count'.")
    query: str = Field(description="The value or quote that was looked for.")
    status: AlignmentStatus
    start: int | None = None
    end: int | None = None
    text: str | None = Field(default=None, description="article[start:end], the matched text.")
    score: float = 0.0


class Grounding(BaseModel):
    """Alignment of an event's values to the article, and what the ungrounded policy did."""

    model_config = ConfigDict(extra="forbid")

    spans: list[Span] = Field(default_factory=list)
    grounded: int = 0
    total: int = 0
    rate: float = 1.0
    ungrounded_people: list[str] = Field(default_factory=list)
    policy: Literal["keep", "flag", "drop"] = "flag"


class Record(BaseModel):
    """One line of results JSONL: the extracted data (`event`) or an error for one article."""

    model_config = ConfigDict(extra="forbid")

    id: str
    status: Literal["ok", "error"]
    event: Any = Field(default=None, description="The extracted data: an instance of the run's schema.")
    error: ErrorInfo | None = None
    model: str
    strategy: str
    prompt_version: str
    usage: Usage = Field(default_factory=Usage)
    request_shape: str | None = Field(
        default=None, description="How the model was asked for structured output (json_schema, llamacpp, tools, json)."
    )
    seconds: float = 0.0
    cached: bool = False
    sha256: str = Field(description="SHA-256 of the article text.")
    source: str | None = Field(default=None, description="Where the article was read from.")
    grounding: Grounding | None = None
    trail: dict[str, list[str]] | None = Field(
        default=None,
        description=(
            "Which rules produced each value, by path ('releasing_country', 'people[0].status'): the "
            "ids of the rules that fired (strategies with rules only; null otherwise)."
        ),
    )
    schema_name: str | None = Field(
        default=None, description="MODULE:CLASS of the schema, when it is not the default (ReleaseEvent)."
    )

    @field_validator("event", mode="before")
    @classmethod
    def _event(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or isinstance(value, BaseModel):
            return value
        schema = (info.context or {}).get("schema")
        if schema is None:
            from .domain import default_domain  # the default domain is found by name, never imported here

            schema = default_domain().schema
        return schema.model_validate(value)

    @model_serializer(mode="wrap")
    def _without_empty_schema(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("schema_name") is None:
            data.pop("schema_name", None)
        return data

    @model_validator(mode="after")
    def _event_or_error(self) -> Record:
        if self.status == "ok" and (self.event is None or self.error is not None):
            raise ValueError("an ok record holds an event and no error")
        if self.status == "error" and (self.error is None or self.event is not None):
            raise ValueError("an error record holds an error and no event")
        return self


