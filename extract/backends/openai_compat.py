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

Response guard: a response body over `MAX_RESPONSE_BYTES` (8 MiB) is cut off while it is read and the
article fails with a `model_error` saying so (not retried: a runaway answer would come back); a 2xx
JSON body that does not parse is a transport failure (`the server sent a malformed response`),
retried like a dropped connection rather than re-asked as if the model had answered.

Per-call cost: each response model is wrapped once as Instructor's `ResponseSchema` and its JSON
schema is computed once (`prepared_model`), and Instructor's async-validator guard runs once per
prepared model, so Instructor neither rebuilds the class nor the schema per call (that cost ~10 ms of
CPU per call); its request shaping, parsing, validation and re-asks still run on every call.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import sys
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, cast
from urllib.parse import urlparse

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.function_calls import openai_schema as response_schema  # wraps a model as a ResponseSchema
from pydantic import BaseModel, ValidationError

from ..cache import AnswerCache, cache_key, canonical_json
from ..errors import AuthError, ContextTooLong, ExtractError, ModelError, OutputTruncated, ValidationFailed
from ..retry import RetryAfterTooLong, RetryPolicy
from ..schema import Usage
from ..settings import Settings
from .base import Answer, T

__all__ = [
    "MAX_RESPONSE_BYTES",
    "MalformedResponse",
    "OpenAICompatBackend",
    "ResponseTooLarge",
    "detect_mode",
    "prepared_model",
    "request_shape",
]

log = logging.getLogger(__name__)

_INSTRUCTOR_MODE = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "llamacpp": instructor.Mode.JSON,
    "ollama": instructor.Mode.JSON,
    "json": instructor.Mode.JSON,
    "tools": instructor.Mode.TOOLS,
}


MAX_RESPONSE_BYTES = 8 * 1024 * 1024


class ResponseTooLarge(Exception):
    """The server's response body went over `MAX_RESPONSE_BYTES`; not worth a transport retry."""

    retryable = False


class MalformedResponse(Exception):
    """A 2xx JSON response body that does not parse (a broken proxy or server); retried."""

    retryable = True


# Bounded: strategies may build a response model per article (hybrid's answer models), and a cache
# without a bound would keep every one of those classes alive for the whole batch.
_MODEL_CACHE_SIZE = 256


@functools.lru_cache(maxsize=_MODEL_CACHE_SIZE)
def _schema_text(response_model: type[BaseModel]) -> tuple[str, str]:
    """The model's JSON schema as JSON text (property order kept: it is the order the model writes in),
    and the SHA-256 of its canonical form (for cache keys); computed once per model."""
    schema = response_model.model_json_schema()
    return json.dumps(schema, ensure_ascii=False), hashlib.sha256(canonical_json(schema).encode()).hexdigest()


def _schema(response_model: type[BaseModel]) -> dict[str, Any]:
    """A fresh copy of the model's cached JSON schema (callers may mutate it)."""
    return cast(dict[str, Any], json.loads(_schema_text(response_model)[0]))


@functools.lru_cache(maxsize=_MODEL_CACHE_SIZE)
def prepared_model(response_model: type[T]) -> type[T]:
    """`response_model` wrapped once as Instructor's ResponseSchema, with its JSON schema cached.

    Given a plain model, Instructor 1.17 creates a new ResponseSchema subclass (and pydantic then
    rebuilds its JSON schema, several times) on every call; given a ResponseSchema it uses it as is.
    The cache answers only the default `model_json_schema()` call, with a fresh dict each time (the
    same text, fields in declaration order); a call with any argument is computed as usual.
    """
    wrapped = response_schema(response_model)
    _reject_async_validators_once(wrapped)
    original = wrapped.model_json_schema
    text = json.dumps(original(), ensure_ascii=False)

    def model_json_schema(cls: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args or kwargs or cls is not wrapped:
            return cast(dict[str, Any], original.__func__(cls, *args, **kwargs))  # type: ignore[attr-defined]
        return cast(dict[str, Any], json.loads(text))

    wrapped.model_json_schema = classmethod(model_json_schema)  # type: ignore[assignment,method-assign]
    return wrapped


_CHECKED_MODELS: weakref.WeakSet[type[BaseModel]] = weakref.WeakSet()


def _reject_async_validators_once(model: type[BaseModel]) -> None:
    """Run Instructor's async-validator guard on `model` once, and skip it on later calls for `model`.

    Instructor 1.17 walks the whole model (every class in its MRO, every field) in
    `reject_async_validators` about five times per request, ~0.3 ms each for ReleaseEvent: the largest
    Instructor cost left once the model is pre-wrapped. The guard is a pure function of the class, so
    for the classes prepared here it is memoised; every other model still gets the full check.
    """
    from instructor.v2.core import patch as instructor_patch
    from instructor.v2.validation import async_validators

    original = getattr(async_validators, "reject_async_validators", None)
    if original is None:
        return
    original(model)  # raises for a model with async validators, as Instructor would
    _CHECKED_MODELS.add(model)
    if getattr(original, "_extract_memo", False):
        return

    def reject_async_validators(response_model: Any) -> None:
        try:
            if response_model in _CHECKED_MODELS:
                return
        except TypeError:  # not weak-referenceable or unhashable: not one of ours
            pass
        original(response_model)

    reject_async_validators._extract_memo = True  # type: ignore[attr-defined]
    async_validators.reject_async_validators = reject_async_validators
    if getattr(instructor_patch, "reject_async_validators", None) is original:  # imported by name there
        setattr(instructor_patch, "reject_async_validators", reject_async_validators)  # noqa: B010


def request_shape(mode: str, response_model: type[BaseModel]) -> dict[str, Any]:
    """The `extra_body` that makes a server of this mode constrain output to the schema."""
    if mode not in ("llamacpp", "ollama"):
        return {}
    schema = _schema(response_model)
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


class _GuardedStream:
    """Wraps a response's byte stream: cuts it off past `limit` bytes, checks that a JSON body parses."""

    def __init__(self, inner: Any, limit: int, check_json: bool) -> None:
        self._inner = inner
        self._limit = limit
        self._check_json = check_json

    async def __aiter__(self) -> AsyncIterator[bytes]:
        size = 0
        chunks: list[bytes] = []
        async for chunk in self._inner:
            size += len(chunk)
            if size > self._limit:
                raise ResponseTooLarge(f"the response body went over the {_mib(self._limit)} response limit")
            if self._check_json:
                chunks.append(chunk)
            yield chunk
        if self._check_json:
            try:
                json.loads(b"".join(chunks))
            except ValueError as exc:
                raise MalformedResponse(f"the response body is not valid JSON ({exc})") from None

    async def aclose(self) -> None:
        await self._inner.aclose()


@functools.cache
def _stream_class(module_name: str) -> type:
    """A `_GuardedStream` that is an AsyncByteStream of the HTTP library in use (httpx or httpx2)."""
    base = sys.modules[module_name].AsyncByteStream
    return type("GuardedStream", (_GuardedStream, base), {})


def _mib(size: int) -> str:
    return f"{size / 1_048_576:g} MiB"


def response_guard(limit: int = MAX_RESPONSE_BYTES) -> dict[str, list[Callable[[Any], Awaitable[None]]]]:
    """httpx event hooks: ask for uncompressed bodies, refuse bodies over `limit`, check 2xx JSON parses."""

    async def on_request(request: Any) -> None:
        request.headers["Accept-Encoding"] = "identity"  # so the byte limit is the size of the JSON text

    async def on_response(response: Any) -> None:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise ResponseTooLarge(
                f"the response body is {int(declared) / 1_048_576:.1f} MiB, over the {_mib(limit)} response limit"
            )
        check = (
            200 <= response.status_code < 300
            and "json" in response.headers.get("content-type", "")
            and response.headers.get("content-encoding", "identity") == "identity"
        )
        stream_class = _stream_class(type(response).__module__.split(".")[0])
        response.stream = stream_class(response.stream, limit, check)

    return {"request": [on_request], "response": [on_response]}


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
        self.policy = RetryPolicy(settings.retries + 1, retry_after_cap=settings.retry_after_cap,
                                  timeout=settings.request_timeout, budget=settings.article_deadline)
        self.calls = 0
        self._client: Any = None
        self._mode: str | None = None if settings.mode == "auto" else settings.mode
        self._lock = asyncio.Lock()
        self._inflight: dict[str, asyncio.Future[dict[str, Any] | None]] = {}

    @property
    def name(self) -> str:
        return self._label

    async def _ensure(self) -> tuple[Any, str]:
        async with self._lock:
            if self._client is None:
                base_url = await self._connect()
                timeout = httpx.Timeout(self.settings.request_timeout, connect=min(10.0, self.settings.request_timeout))
                raw = openai.AsyncOpenAI(
                    base_url=base_url,
                    api_key=self.settings.api_key or "not-needed",
                    max_retries=0,  # tenacity in extract.retry owns transport retries
                    timeout=timeout,  # type: ignore[arg-type]  # openai 2+ converts an httpx.Timeout
                    http_client=openai.DefaultAsyncHttpxClient(event_hooks=response_guard()),
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
        return cache_key({
            "endpoint": self.endpoint_id,
            "model": self.model,
            "mode": mode,
            "prompt_version": prompt_version,
            "schema_sha256": _schema_text(response_model)[1],
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
        if self.cache is None:
            client, mode = await self._ensure()
            value, usage = await self._ask(client, mode, messages, response_model, budget)
            return Answer(value, usage, cached=False)

        # The request shape (mode) is part of the key; with mode "auto" it is known only once connected.
        mode_for_key = self._mode or self.settings.mode
        key = None
        if mode_for_key != "auto":
            key = self._key(messages, response_model, prompt_version, budget, mode_for_key)
            hit = self.cache.get(key)
            if hit is not None:
                return Answer(response_model.model_validate(hit["value"]), Usage(), cached=True)
        client, mode = await self._ensure()
        if key is None or mode != mode_for_key:
            key = self._key(messages, response_model, prompt_version, budget, mode)
            hit = self.cache.get(key)
            if hit is not None:
                return Answer(response_model.model_validate(hit["value"]), Usage(), cached=True)

        # Single flight: an identical request already in flight (the same text under two ids) is
        # awaited instead of sent again; if it fails, this one asks for itself.
        leader = self._inflight.get(key)
        if leader is not None:
            shared = await asyncio.shield(leader)
            if shared is not None:
                return Answer(response_model.model_validate(shared), Usage(), cached=True)
            return await self.structured(messages, response_model, prompt_version=prompt_version,
                                         max_tokens=max_tokens)
        future: asyncio.Future[dict[str, Any] | None] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            value, usage = await self._ask(client, mode, messages, response_model, budget)
            dumped = value.model_dump(mode="json")
            self.cache.set(key, {"value": dumped, "usage": usage.model_dump()})
            future.set_result(dumped)
        finally:
            if not future.done():
                future.set_result(None)
            del self._inflight[key]
        return Answer(value, usage, cached=False)

    async def _ask(self, client: Any, mode: str, messages: list[dict[str, Any]], response_model: type[T],
                   budget: int) -> tuple[T, Usage]:
        shape = request_shape(mode, response_model)
        extra: dict[str, Any] = {"extra_body": shape} if shape else {}
        sampling: dict[str, Any] = {"temperature": self.settings.temperature}
        if self.settings.seed is not None:
            sampling["seed"] = self.settings.seed
        model = prepared_model(response_model)

        async def once(limit: int) -> tuple[T, Usage]:
            async def call() -> Any:
                self.calls += 1
                try:
                    return await client.chat.completions.create_with_completion(
                        model=self.model,
                        messages=messages,
                        response_model=model,
                        max_retries=self.settings.reasks,
                        max_tokens=limit,
                        **sampling,
                        **extra,
                    )
                except InstructorRetryException as exc:
                    # Instructor wraps transport errors; unwrap them so the retry policy sees them
                    # (keeping their own cause: a ResponseTooLarge or MalformedResponse under them).
                    cause = _in_chain(exc, openai.APIError)
                    if cause is not None:
                        raise cause from cause.__cause__
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
                f"the model server timed out after {self.settings.request_timeout:g} s ({self.policy.attempts} attempts)"
            ) from exc
        except openai.APIConnectionError as exc:
            guard = _in_chain(exc, (ResponseTooLarge, MalformedResponse))
            if isinstance(guard, ResponseTooLarge):
                raise ModelError(f"the model server's answer is too large: {guard}", retryable=False) from exc
            if isinstance(guard, MalformedResponse):
                raise ModelError(
                    f"the server sent a malformed response ({self.policy.attempts} attempts): {_summary(guard)}"
                ) from exc
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
