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

from .fields import is_empty

__all__ = [
    "AlignmentStatus",
    "ErrorInfo",
    "Grounding",
    "Record",
    "Span",
    "Usage",
    "renumber_trail",
    "source_trail",
    "untraced_values",
    "value_paths",
]


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
            "Which rules produced each value, by path ('releasing_country', 'people[0].status', "
            "'people[0].aliases[1]'): the ids of the rules that fired. A strategy without rules names "
            "its source for each field it set ('model.single:<prompt version>'). A path covers the "
            "values under it."
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


def value_paths(value: BaseModel, prefix: str = "") -> list[str]:
    """The path of every value set in `value` (any schema): `court`, `defendants[0].name`,
    `charges[1]`, `evidence.court`. None, empty lists and empty strings are not set."""
    out: list[str] = []
    for name in type(value).model_fields:
        item = getattr(value, name)
        path = f"{prefix}{name}"
        if is_empty(item):
            continue
        if isinstance(item, BaseModel):
            out.extend(value_paths(item, path + "."))
        elif isinstance(item, list):
            for index, element in enumerate(item):
                if isinstance(element, BaseModel):
                    out.extend(value_paths(element, f"{path}[{index}]."))
                elif not is_empty(element):
                    out.append(f"{path}[{index}]")
        else:
            out.append(path)
    return out


def untraced_values(value: BaseModel, trail: dict[str, list[str]] | None) -> list[str]:
    """Paths of values set in `value` that no trail entry explains: neither the path nor a path
    above it (`people[0]`, `charges`) has a non-empty list of rule ids."""
    keys = {path for path, ids in (trail or {}).items() if ids}
    out = []
    for path in value_paths(value):
        prefixes = {path[:i] for i, ch in enumerate(path) if ch in ".["}
        if path not in keys and not prefixes & keys:
            out.append(path)
    return out


def source_trail(value: BaseModel, source: str) -> dict[str, list[str]]:
    """A trail naming one source (a model asked with a prompt) for every top-level field set."""
    return {name: [source] for name in type(value).model_fields if not is_empty(getattr(value, name))}


def renumber_trail(
    trail: dict[str, list[str]], field: str, before: list[Any], after: list[Any]
) -> dict[str, list[str]]:
    """The trail after items of the list `field` were removed (`before` -> `after`, kept items
    being the same objects): paths of removed items go, the others are renumbered."""
    new_index = {}
    for old, item in enumerate(before):
        for new, kept in enumerate(after):
            if kept is item:
                new_index[old] = new
    out: dict[str, list[str]] = {}
    head = f"{field}["
    for path, ids in trail.items():
        if not path.startswith(head):
            out[path] = ids
            continue
        number, _, rest = path[len(head) :].partition("]")
        if number.isdigit() and int(number) in new_index:
            out[f"{head}{new_index[int(number)]}]{rest}"] = ids
    return out
