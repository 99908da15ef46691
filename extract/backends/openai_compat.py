"""One backend for every OpenAI-compatible server: Instructor over the `openai` client.

Servers differ only in how they take a structured-output request, so the request shape is a
`mode`, chosen per server:

| mode        | request                                                        | servers                  |
|-------------|----------------------------------------------------------------|--------------------------|
| json_schema | `response_format: {type: json_schema, json_schema: {schema}}` | OpenAI, vLLM             |
| llamacpp    | `response_format: {type: json_object, schema}` (grammar)       | llama-cpp-python, llama.cpp |
| ollama      | `format: <schema>`                                             | Ollama                   |
| tools       | a forced tool call with the schema as parameters               | servers with tool calling |
| json        | `response_format: {type: json_object}`, schema in the prompt   | anything else            |

`auto` asks `GET /models` once: `owned_by` "llamacpp" or "me" means llama.cpp, "library" or
port 11434 means Ollama, anything else json_schema.

Extra keys are forbidden by the models, so an off-schema answer fails validation and is
re-asked (Instructor `max_retries`), never silently emptied.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, cast
from urllib.parse import urlparse

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError

from ..cache import AnswerCache, cache_key, canonical_json
from ..errors import AuthError, ContextTooLong, ExtractError, ModelError, OutputTruncated, ValidationFailed
from ..retry import RetryAfterTooLong, RetryPolicy
from ..schema import Usage
from ..settings import Settings
from .base import Answer, T

__all__ = ["OpenAICompatBackend", "detect_mode", "request_shape"]

log = logging.getLogger(__name__)

_INSTRUCTOR_MODE = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "llamacpp": instructor.Mode.JSON,
    "ollama": instructor.Mode.JSON,
    "json": instructor.Mode.JSON,
    "tools": instructor.Mode.TOOLS,
}


def request_shape(mode: str, response_model: type[BaseModel]) -> dict[str, Any]:
    """The `extra_body` that makes a server of this mode constrain output to the schema."""
    schema = response_model.model_json_schema()
    if mode == "llamacpp":
        return {"response_format": {"type": "json_object", "schema": schema}}
    if mode == "ollama":
        return {"format": schema}
    return {}  # json_schema and tools: Instructor itself puts the schema in the request


def detect_mode(base_url: str, models_payload: dict[str, Any] | None) -> str:
    """Pick the request shape for a server from its URL and its `GET /models` answer."""
    owners = set()
    for item in (models_payload or {}).get("data", []) or []:
        if isinstance(item, dict) and item.get("owned_by"):
            owners.add(str(item["owned_by"]).lower())
    if owners & {"llamacpp", "me", "llama.cpp"}:
        return "llamacpp"
    if "library" in owners or urlparse(base_url).port == 11434:
        return "ollama"
    return "json_schema"


def _estimate_tokens(messages: list[dict[str, Any]]) -> int:
    # A deliberately high estimate (about 3 characters a token for English news text).
    return sum(len(str(m.get("content", ""))) for m in messages) // 3 + 16 * len(messages)


class OpenAICompatBackend:
    """Structured answers from an OpenAI-compatible endpoint, with retries, re-asks and a cache.

    `connect` returns the base URL (called once, lazily: the embedded server starts on the first
    cache miss, so a fully cached run never starts it).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        label: str,
        model: str,
        endpoint_id: str,
        connect: Callable[[], Awaitable[str]],
        cache: AnswerCache | None = None,
        context_window: int | None = None,
    ) -> None:
        self.settings = settings
        self._label = label
        self.model = model
        self.endpoint_id = endpoint_id
        self._connect = connect
        self.cache = cache
        self.context_window = context_window or settings.context_window
        self.policy = RetryPolicy(settings.retries + 1, retry_after_cap=settings.retry_after_cap)
        self.calls = 0
        self._client: Any = None
        self._mode: str | None = None if settings.mode == "auto" else settings.mode
        self._lock = asyncio.Lock()

    @property
    def name(self) -> str:
        return self._label

    async def _ensure(self) -> tuple[Any, str]:
        async with self._lock:
            if self._client is None:
                base_url = await self._connect()
                raw = openai.AsyncOpenAI(
                    base_url=base_url,
                    api_key=self.settings.api_key or "not-needed",
                    max_retries=0,  # tenacity in extract.retry owns transport retries
                    timeout=httpx.Timeout(self.settings.timeout, connect=min(10.0, self.settings.timeout)),
                )
                if self._mode is None:
                    self._mode = await self._detect(raw, base_url)
                self._client = instructor.from_openai(raw, mode=_INSTRUCTOR_MODE[self._mode])
            assert self._mode is not None
            return self._client, self._mode

    async def _detect(self, raw: openai.AsyncOpenAI, base_url: str) -> str:
        try:
            page = await self.policy.call(lambda: raw.models.list())
            payload = {"data": [m.model_dump() for m in page.data]}
        except openai.AuthenticationError as exc:
            raise AuthError(f"the server rejected the API key (HTTP {exc.status_code})") from exc
        except Exception as exc:  # servers without /models: fall back on the URL alone
            log.debug("GET /models failed (%s); choosing the mode from the URL", type(exc).__name__)
            payload = None
        mode = detect_mode(base_url, payload)
        log.info("request shape for %s: %s", self.endpoint_id, mode)
        return mode

    def _key(self, messages: list[dict[str, Any]], response_model: type[BaseModel], prompt_version: str,
             max_tokens: int, mode: str) -> str:
        schema = canonical_json(response_model.model_json_schema())
        return cache_key({
            "endpoint": self.endpoint_id,
            "model": self.model,
            "mode": mode,
            "prompt_version": prompt_version,
            "schema_sha256": hashlib.sha256(schema.encode()).hexdigest(),
            "messages_sha256": hashlib.sha256(canonical_json(messages).encode()).hexdigest(),
            "sampling": {
                "temperature": self.settings.temperature,
                "max_tokens": max_tokens,
                "seed": self.settings.seed,
                "reasks": self.settings.reasks,
            },
        })

    async def structured(
        self,
        messages: list[dict[str, Any]],
        response_model: type[T],
        *,
        prompt_version: str,
        max_tokens: int | None = None,
    ) -> Answer[T]:
        """Ask for one validated `response_model`; cached by everything that changes the answer."""
        budget = max_tokens or self.settings.max_tokens
        if self.context_window:
            needed = _estimate_tokens(messages) + budget
            if needed > self.context_window:
                raise ContextTooLong(
                    f"the request needs about {needed} tokens (prompt plus a {budget}-token answer), over the "
                    f"model's {self.context_window}-token context window; use a strategy that reads the article "
                    "in parts (hybrid) or a model with a larger window"
                )
        mode_for_key = self._mode or self.settings.mode
        key = self._key(messages, response_model, prompt_version, budget, mode_for_key)
        if self.cache is not None and self.settings.mode != "auto":
            hit = self.cache.get(key)
            if hit is not None:
                return Answer(response_model.model_validate(hit["value"]), Usage(), cached=True)

        client, mode = await self._ensure()
        key = self._key(messages, response_model, prompt_version, budget, mode)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return Answer(response_model.model_validate(hit["value"]), Usage(), cached=True)

        value, usage = await self._ask(client, mode, messages, response_model, budget)
        if self.cache is not None:
            self.cache.set(key, {"value": value.model_dump(mode="json"), "usage": usage.model_dump()})
        return Answer(value, usage, cached=False)

    async def _ask(self, client: Any, mode: str, messages: list[dict[str, Any]], response_model: type[T],
                   budget: int) -> tuple[T, Usage]:
        shape = request_shape(mode, response_model)
        extra: dict[str, Any] = {"extra_body": shape} if shape else {}
        sampling: dict[str, Any] = {"temperature": self.settings.temperature}
        if self.settings.seed is not None:
            sampling["seed"] = self.settings.seed

        async def once(limit: int) -> tuple[T, Usage]:
            async def call() -> Any:
                self.calls += 1
                try:
                    return await client.chat.completions.create_with_completion(
                        model=self.model,
                        messages=messages,
                        response_model=response_model,
                        max_retries=self.settings.reasks,
                        max_tokens=limit,
                        **sampling,
                        **extra,
                    )
                except InstructorRetryException as exc:
                    # Instructor wraps transport errors; unwrap them so the retry policy sees them.
                    cause = _in_chain(exc, openai.APIError)
                    if cause is not None:
                        raise cause from exc
                    raise
            value, completion = await self.policy.call(call)
            return cast(T, value), _usage(completion)

        try:
            try:
                return await once(budget)
            except IncompleteOutputException:
                # Cut off at the token limit: the same limit would cut it again. Try a larger one once.
                try:
                    return await once(budget * 2)
                except IncompleteOutputException as exc:
                    raise OutputTruncated(
                        f"the model's answer was cut off at the token limit even with max_tokens={budget * 2}"
                    ) from exc
        except ExtractError:
            raise
        except InstructorRetryException as exc:
            inner = _in_chain(exc, (ValidationError, json.JSONDecodeError, IncompleteOutputException)) or exc
            if isinstance(inner, IncompleteOutputException):
                raise OutputTruncated(
                    f"the model's answer was cut off at the token limit (max_tokens={budget})"
                ) from exc
            raise ValidationFailed(
                f"the model's answer failed validation after {self.settings.reasks + 1} attempts: {_summary(inner)}"
            ) from exc
        except ValidationError as exc:
            raise ValidationFailed(f"the model's answer failed validation: {_summary(exc)}") from exc
        except RetryAfterTooLong as exc:
            raise ModelError(str(exc), retryable=True) from exc
        except openai.AuthenticationError as exc:
            raise AuthError(f"the server rejected the API key (HTTP {exc.status_code})") from exc
        except openai.PermissionDeniedError as exc:
            raise AuthError(f"the server refused access (HTTP {exc.status_code})") from exc
        except openai.APIStatusError as exc:
            message = _api_message(exc)
            if exc.status_code == 400 and "context" in message.lower():
                raise ContextTooLong(f"the server says the request is too long for the model: {message}") from exc
            retryable = exc.status_code in (408, 409, 429) or exc.status_code >= 500
            tries = f" after {self.policy.attempts} attempts" if retryable else ""
            raise ModelError(f"HTTP {exc.status_code}{tries}: {message}", retryable=retryable) from exc
        except openai.APITimeoutError as exc:
            raise ModelError(
                f"the model server timed out after {self.settings.timeout:.0f} s ({self.policy.attempts} attempts)"
            ) from exc
        except openai.APIConnectionError as exc:
            raise ModelError(f"cannot reach the model server ({self.policy.attempts} attempts): {_summary(exc)}") from exc
        except (json.JSONDecodeError, openai.APIResponseValidationError) as exc:
            raise ModelError(f"the server sent a malformed response: {_summary(exc)}") from exc


def _in_chain(exc: BaseException, kinds: type[BaseException] | tuple[type[BaseException], ...]) -> Any:
    """The first exception of `kinds` in exc's cause chain (exc included), or None."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, kinds):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _summary(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] + ("..." if len(text) > 300 else "")


def _api_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return _summary(Exception(str(inner["message"])))
        if isinstance(inner, str):
            return _summary(Exception(inner))
    return _summary(exc)


def _usage(completion: Any) -> Usage:
    usage = getattr(completion, "usage", None)
    if usage is None:
        return Usage(calls=1)
    prompt = int(getattr(usage, "prompt_tokens", 0) or 0)
    completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
    total = int(getattr(usage, "total_tokens", 0) or prompt + completion_tokens)
    return Usage(calls=1, prompt_tokens=prompt, completion_tokens=completion_tokens, total_tokens=total)
