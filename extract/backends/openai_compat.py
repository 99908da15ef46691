"""One backend for every OpenAI-compatible server: Instructor over the `openai` client.

Servers differ in how they take a structured-output request; `shapes` holds the request shapes, how
`auto` picks one per server, and how a rejected shape or sampling parameter is replaced once for the
rest of the run. Instructor (public API only: `from_openai`, `Mode`, `create_with_completion`) parses,
validates and re-asks; the exact request fields of each shape go in `extra_body`, over Instructor's.

Extra keys are forbidden by the models, so an off-schema answer fails validation and is re-asked
(Instructor `max_retries`), never silently emptied.

Usage is counted at the transport: every chat-completion request (re-asks, truncation retries,
transport retries, failed attempts) adds a call to the article's meter, and every answer body's
`usage` (with `completion_tokens_details.reasoning_tokens` when reported) adds its tokens.

Response guard: a response body over `MAX_RESPONSE_BYTES` (8 MiB) is cut off while it is read and the
article fails with a `model_error` saying so (not retried: a runaway answer would come back); a 2xx
JSON body that does not parse is a transport failure (`the server sent a malformed response`),
retried like a dropped connection rather than re-asked as if the model had answered.

openai and Instructor are imported on the first request that needs them, so a run answered from the
cache (or a rules-only run) never imports them.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import re
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from ..cache import AnswerCache, cache_key, canonical_json
from ..errors import AuthError, ContextTooLong, ExtractError, ModelError, OutputTruncated, ValidationFailed
from ..retry import RetryAfterTooLong, RetryPolicy
from ..schema import Usage
from ..settings import Settings
from .base import Answer, T, UsageMeter, current_meter, metering
from .shapes import (
    FALLBACK,
    adjust_for_rejection,
    detect_shape,
    field_guide,
    names_the_shape,
    normalise_mode,
    shape_body,
    shape_from_url,
    with_field_guide,
)

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

MAX_RESPONSE_BYTES = 8 * 1024 * 1024
_SAMPLING_PARAMS: dict[str, Any] = dict.fromkeys(("max_tokens", "max_completion_tokens", "temperature", "seed"))
DEFAULT_BUDGET = 1024  # answer tokens assumed for the context check when max_tokens is left out


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
def _guide(response_model: type[BaseModel]) -> str:
    return field_guide(_schema(response_model))


@functools.lru_cache(maxsize=_MODEL_CACHE_SIZE)
def prepared_model(response_model: type[T]) -> type[T]:
    """`response_model` wrapped once as Instructor's schema class (`instructor.openai_schema`), with its
    JSON schema cached.

    Given a plain model, Instructor creates a new wrapper subclass (and pydantic then rebuilds its JSON
    schema) on every call; given a wrapped one it uses it as is. The cache answers only the default
    `model_json_schema()` call, with a fresh dict each time; a call with any argument is computed as usual.
    """
    import instructor

    wrapped = cast(type[T], instructor.openai_schema(response_model))
    original = wrapped.model_json_schema
    text = json.dumps(original(), ensure_ascii=False)

    def model_json_schema(cls: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args or kwargs or cls is not wrapped:
            return cast(dict[str, Any], original.__func__(cls, *args, **kwargs))  # type: ignore[attr-defined]
        return cast(dict[str, Any], json.loads(text))

    wrapped.model_json_schema = classmethod(model_json_schema)  # type: ignore[assignment,method-assign]
    return wrapped


def request_shape(mode: str, response_model: type[BaseModel]) -> dict[str, Any]:
    """The `extra_body` that makes a server of this mode constrain output to the schema."""
    return shape_body(normalise_mode(mode), response_model, _schema(response_model))


def detect_mode(base_url: str, models_payload: dict[str, Any] | None, model: str = "") -> str:
    """Pick the request shape for a server from its URL, its `GET /models` answer and the model id."""
    return detect_shape(base_url, models_payload, model)


class _GuardedStream:
    """Wraps a response's byte stream: cuts it off past `limit` bytes, checks that a JSON body parses,
    and adds the answer's token usage to `meter`."""

    def __init__(self, inner: Any, limit: int, check_json: bool, meter: UsageMeter | None = None) -> None:
        self._inner = inner
        self._limit = limit
        self._check_json = check_json
        self._meter = meter

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
                payload = json.loads(b"".join(chunks))
            except ValueError as exc:
                raise MalformedResponse(f"the response body is not valid JSON ({exc})") from None
            if self._meter is not None and isinstance(payload, dict):
                _count_tokens(self._meter, payload.get("usage"))

    async def aclose(self) -> None:
        await self._inner.aclose()


def _count_tokens(meter: UsageMeter, usage: Any) -> None:
    if not isinstance(usage, dict):
        return

    def number(value: Any) -> int:
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0

    prompt, completion = number(usage.get("prompt_tokens")), number(usage.get("completion_tokens"))
    details = usage.get("completion_tokens_details")
    reasoning = number(details.get("reasoning_tokens")) if isinstance(details, dict) else 0
    meter.add(prompt=prompt, completion=completion, total=number(usage.get("total_tokens")) or prompt + completion,
              reasoning=reasoning)


@functools.cache
def _stream_class(module_name: str) -> type:
    """A `_GuardedStream` that is an AsyncByteStream of the HTTP library in use (httpx or httpx2)."""
    base = sys.modules[module_name].AsyncByteStream
    return type("GuardedStream", (_GuardedStream, base), {})


def _mib(size: int) -> str:
    return f"{size / 1_048_576:g} MiB"


def _is_chat(url: Any) -> bool:
    return str(getattr(url, "path", url)).rstrip("/").endswith("/chat/completions")


def response_guard(
    limit: int = MAX_RESPONSE_BYTES, on_call: Callable[[], None] | None = None
) -> dict[str, list[Callable[[Any], Awaitable[None]]]]:
    """httpx event hooks: ask for uncompressed bodies, refuse bodies over `limit`, check 2xx JSON parses,
    and count each chat-completion request (`on_call`, and the current article's meter with its tokens)."""

    async def on_request(request: Any) -> None:
        request.headers["Accept-Encoding"] = "identity"  # so the byte limit is the size of the JSON text
        if _is_chat(request.url):
            if on_call is not None:
                on_call()
            meter = current_meter()
            if meter is not None:
                meter.add(calls=1)

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
        meter = current_meter() if check and _is_chat(response.request.url) else None
        stream_class = _stream_class(type(response).__module__.split(".")[0])
        response.stream = stream_class(response.stream, limit, check, meter)

    return {"request": [on_request], "response": [on_response]}


def _estimate_tokens(messages: list[dict[str, Any]]) -> int:
    # A deliberately high estimate (about 3 characters a token for English news text).
    return sum(len(str(m.get("content", ""))) for m in messages) // 3 + 16 * len(messages)


_CONTEXT = re.compile(
    r"context[ _](length|window|size)|maximum context|too many tokens|prompt is too long|"
    r"exceeds? (the )?(model'?s? )?(maximum|max|context)|input is too long|too long for the model",
    re.IGNORECASE,
)


def _instructor_errors() -> tuple[Any, Any]:
    """Instructor's (IncompleteOutputException, InstructorRetryException), from where this version keeps them."""
    try:
        from instructor.core import IncompleteOutputException, InstructorRetryException
    except ImportError:  # older Instructor: the same classes under instructor.exceptions
        from instructor.exceptions import (  # type: ignore[no-redef,unused-ignore]
            IncompleteOutputException,
            InstructorRetryException,
        )
    return IncompleteOutputException, InstructorRetryException


def _instructor_mode(shape: str) -> Any:
    import instructor

    return {
        "json_schema": instructor.Mode.JSON_SCHEMA,
        "llamacpp": instructor.Mode.JSON,
        "json": instructor.Mode.JSON,
        "tools": instructor.Mode.TOOLS,
    }[shape]


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
        self._unusable: ExtractError | None = None
        self._auto = settings.mode == "auto"
        self._shape: str | None = None if self._auto else normalise_mode(settings.mode)
        if self._shape is None and cache is not None:
            remembered = cache.get(self._shape_key())
            if remembered is not None and remembered.get("shape") in FALLBACK:
                self._shape = str(remembered["shape"])
        self._raw: Any = None
        self._base_url = ""
        self._clients: dict[str, Any] = {}
        self._token_param: str | None = "max_tokens" if settings.max_tokens is not None else None
        self._dropped: set[str] = set()
        self._lock = asyncio.Lock()
        self._inflight: dict[str, asyncio.Future[dict[str, Any] | None]] = {}

    @property
    def name(self) -> str:
        return self._label

    @property
    def unusable(self) -> str | None:
        """Why the endpoint cannot serve any article (key rejected, host unreachable), once known."""
        return str(self._unusable) if self._unusable is not None else None

    def _give_up(self, error: ExtractError) -> ExtractError:
        self._unusable = error
        return error

    @property
    def request_shape(self) -> str | None:
        """The request shape in use (None until known)."""
        return self._shape

    def _shape_key(self) -> str:
        return cache_key({"request_shape_for": self.endpoint_id, "model": self.model})

    def _count_call(self) -> None:
        self.calls += 1

    async def _ensure(self) -> tuple[Any, str]:
        """The Instructor client for the current shape (connecting and choosing the shape once)."""
        async with self._lock:
            if self._unusable is not None:  # every article would fail alike: say so without asking again
                raise type(self._unusable)(str(self._unusable))
            if self._raw is None:
                import httpx
                import openai

                self._base_url = await self._connect()
                timeout = httpx.Timeout(self.settings.request_timeout, connect=min(10.0, self.settings.request_timeout))
                self._raw = openai.AsyncOpenAI(
                    base_url=self._base_url,
                    api_key=self.settings.api_key or "not-needed",
                    max_retries=0,  # tenacity in extract.retry owns transport retries
                    timeout=timeout,  # type: ignore[arg-type]  # openai 2+ converts an httpx.Timeout
                    http_client=openai.DefaultAsyncHttpxClient(event_hooks=response_guard(on_call=self._count_call)),
                )
            if self._shape is None:
                self._shape = shape_from_url(self._base_url, self.model) or await self._detect()
                self._remember_shape()
            shape = self._shape
            if shape not in self._clients:
                import instructor

                self._clients[shape] = instructor.from_openai(self._raw, mode=_instructor_mode(shape))
            return self._clients[shape], shape

    def _remember_shape(self) -> None:
        if self._auto and self.cache is not None and self._shape is not None:
            self.cache.set(self._shape_key(), {"shape": self._shape})

    async def _detect(self) -> str:
        """Ask `GET /models` once (one attempt, short timeout) and choose the shape."""
        import openai

        raw = self._raw.with_options(timeout=min(10.0, self.settings.request_timeout))
        try:
            page = await raw.models.list()
            payload: dict[str, Any] | None = {"data": [m.model_dump() for m in page.data]}
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            raise self._give_up(AuthError(f"the server rejected the API key (HTTP {exc.status_code})")) from exc
        except openai.APITimeoutError:
            payload = None
        except openai.APIConnectionError as exc:
            reason = _summary(exc.__cause__ or exc)
            raise self._give_up(ModelError(f"cannot reach the model server at {self._base_url}: {reason}")) from exc
        except Exception as exc:  # servers without /models: choose from the URL and model id alone
            log.debug("GET /models failed (%s); choosing the shape from the URL", type(exc).__name__)
            payload = None
        shape = detect_shape(self._base_url, payload, self.model)
        log.info("request shape for %s: %s", self.endpoint_id, shape)
        return shape

    def _budget(self, max_tokens: int | None) -> int | None:
        return max_tokens or self.settings.max_tokens

    def _key(self, messages: list[dict[str, Any]], response_model: type[BaseModel], prompt_version: str,
             max_tokens: int | None, shape: str) -> str:
        return cache_key({
            "endpoint": self.endpoint_id,
            "model": self.model,
            "mode": shape,
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
        budget = self._budget(max_tokens)
        if self.context_window:
            needed = _estimate_tokens(messages) + (budget or DEFAULT_BUDGET)
            if needed > self.context_window:
                raise ContextTooLong(
                    f"the request needs about {needed} tokens (prompt plus a {budget or DEFAULT_BUDGET}-token answer), "
                    f"over the model's {self.context_window}-token context window; use a strategy that reads the "
                    "article in parts (hybrid) or a model with a larger window"
                )
        if self.cache is None:
            value, usage, _ = await self._ask(messages, response_model, budget)
            return Answer(value, usage, cached=False)

        # The request shape is part of the key; with mode "auto" it may be known only once connected.
        key = None
        if self._shape is not None:
            key = self._key(messages, response_model, prompt_version, budget, self._shape)
            hit = self.cache.get(key)
            if hit is not None:
                return Answer(response_model.model_validate(hit["value"]), Usage(), cached=True)
        _, shape = await self._ensure()
        if key is None or key != self._key(messages, response_model, prompt_version, budget, shape):
            key = self._key(messages, response_model, prompt_version, budget, shape)
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
            value, usage, used = await self._ask(messages, response_model, budget)
            dumped = value.model_dump(mode="json")
            # filed under the shape that answered (a refused shape may have been replaced meanwhile)
            self.cache.set(self._key(messages, response_model, prompt_version, budget, used),
                           {"value": dumped, "usage": usage.model_dump()})
            future.set_result(dumped)
        finally:
            if not future.done():
                future.set_result(None)
            self._inflight.pop(key, None)
        return Answer(value, usage, cached=False)

    def _sampling(self, limit: int | None) -> dict[str, Any]:
        """The sampling parameters to send, less those this server rejected earlier in the run."""
        sampling: dict[str, Any] = {}
        if self._token_param is not None and limit is not None:
            sampling[self._token_param] = limit
        if self.settings.temperature is not None and "temperature" not in self._dropped:
            sampling["temperature"] = self.settings.temperature
        if self.settings.seed is not None and "seed" not in self._dropped:
            sampling["seed"] = self.settings.seed
        return sampling

    async def _adapt(self, exc: Any, shape: str, sent: dict[str, Any]) -> bool:
        """After a 400/422: rename or drop a rejected parameter, or move to the next request shape,
        once for the rest of the run. True if the request is worth sending again."""
        message = _api_message(exc)
        # any parameter this backend may send: a concurrent request may have adapted already
        rejected = adjust_for_rejection(exc.status_code, exc.body, message, {**_SAMPLING_PARAMS, **sent})
        async with self._lock:
            if rejected is not None:
                param, rename = rejected
                if param in ("max_tokens", "max_completion_tokens"):
                    if self._token_param == param:
                        self._token_param = rename
                        log.warning("the server rejects %r; sending %s for the rest of the run", param,
                                    repr(rename) if rename else "no answer-length limit")
                    return True
                if param not in self._dropped:
                    self._dropped.add(param)
                    log.warning("the server rejects %r; leaving it out for the rest of the run", param)
                return True
            if self._auto and names_the_shape(exc.status_code, message):
                following = FALLBACK.get(shape)
                if self._shape != shape:
                    return True  # another request has moved on already
                if following is not None:
                    log.warning("the server refused the %s request shape (%s); using %s for the rest of the run",
                                shape, message, following)
                    self._shape = following
                    self._remember_shape()
                    return True
        return False

    async def _ask(self, messages: list[dict[str, Any]], response_model: type[T],
                   budget: int | None) -> tuple[T, Usage, str]:
        """The validated answer, what it cost, and the request shape that got it."""
        import openai

        with metering() as meter:
            for _ in range(8):  # each turn changes a parameter or the shape, and there are few of those
                client, shape = await self._ensure()
                try:
                    value = await self._ask_shape(client, shape, messages, response_model, budget)
                    return value, meter.usage, shape
                except openai.APIStatusError as exc:
                    if exc.status_code in (400, 422) and await self._adapt(exc, shape, self._sampling(budget)):
                        continue
                    raise self._failure(exc, budget) from exc
                except ExtractError:
                    raise
                except Exception as exc:
                    raise self._failure(exc, budget) from exc
            raise ModelError("the server kept refusing the request's shape and parameters", retryable=False)

    async def _ask_shape(self, client: Any, shape: str, messages: list[dict[str, Any]], response_model: type[T],
                         budget: int | None) -> T:
        IncompleteOutputException, InstructorRetryException = _instructor_errors()

        body = shape_body(shape, response_model, _schema(response_model))
        extra: dict[str, Any] = {"extra_body": body} if body else {}
        messages = [dict(m) for m in messages]  # Instructor may edit the list it is given; keep the caller's
        if shape == "json_schema":  # constrained decoding hides the field descriptions: say them
            messages = with_field_guide(messages, _guide(response_model))
        model = prepared_model(response_model)

        async def once(limit: int | None) -> T:
            async def call() -> Any:
                try:
                    return await client.chat.completions.create_with_completion(
                        model=self.model,
                        messages=messages,
                        response_model=model,
                        max_retries=self.settings.reasks,
                        **self._sampling(limit),
                        **extra,
                    )
                except InstructorRetryException as exc:
                    # Instructor wraps transport errors; unwrap them so the retry policy sees them
                    # (keeping their own cause: a ResponseTooLarge or MalformedResponse under them).
                    import openai

                    cause = _in_chain(exc, openai.APIError)
                    if cause is not None:
                        raise cause from cause.__cause__
                    raise
            value, _completion = await self.policy.call(call)
            return cast(T, value)

        def truncated(exc: BaseException, limit: int | None) -> OutputTruncated:
            said = f" (max_tokens={limit})" if limit else ""
            return OutputTruncated(f"the model's answer was cut off at the token limit{said}")

        try:
            return await once(budget)
        except IncompleteOutputException as exc:
            if budget is None or self._token_param is None:
                raise truncated(exc, None) from exc
            # Cut off at the token limit: the same limit would cut it again. Try a larger one once.
            try:
                return await once(budget * 2)
            except IncompleteOutputException as again:
                raise OutputTruncated(
                    f"the model's answer was cut off at the token limit even with max_tokens={budget * 2}"
                ) from again
            except InstructorRetryException as again:
                if _in_chain(again, IncompleteOutputException) is not None:
                    raise truncated(again, budget * 2) from again
                raise
        except InstructorRetryException as exc:
            if _in_chain(exc, IncompleteOutputException) is not None:
                raise truncated(exc, budget) from exc
            raise

    def _failure(self, exc: BaseException, budget: int | None) -> ExtractError:
        """The article's error for a failed request (and, for a key or host problem, the endpoint's)."""
        import openai

        IncompleteOutputException, InstructorRetryException = _instructor_errors()
        if isinstance(exc, InstructorRetryException):
            inner = _in_chain(exc, (ValidationError, json.JSONDecodeError, IncompleteOutputException)) or exc
            return ValidationFailed(
                f"the model's answer failed validation after {self.settings.reasks + 1} attempts: {_summary(inner)}"
            )
        if isinstance(exc, ValidationError):
            return ValidationFailed(f"the model's answer failed validation: {_summary(exc)}")
        if isinstance(exc, RetryAfterTooLong):
            return ModelError(str(exc), retryable=True)
        if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
            what = "rejected the API key" if isinstance(exc, openai.AuthenticationError) else "refused access"
            return self._give_up(AuthError(f"the server {what} (HTTP {exc.status_code})"))
        if isinstance(exc, openai.APIStatusError):
            message = _api_message(exc)
            code = exc.body.get("code") if isinstance(exc.body, dict) else None
            if exc.status_code in (400, 413, 422) and (code == "context_length_exceeded" or _CONTEXT.search(message)):
                return ContextTooLong(f"the server says the request is too long for the model: {message}")
            retryable = exc.status_code in (408, 409, 429) or exc.status_code >= 500
            tries = f" after {self.policy.attempts} attempts" if retryable else ""
            return ModelError(f"HTTP {exc.status_code}{tries}: {message}", retryable=retryable)
        if isinstance(exc, openai.APITimeoutError):
            return ModelError(
                f"the model server timed out after {self.settings.request_timeout:g} s ({self.policy.attempts} attempts)"
            )
        if isinstance(exc, openai.APIConnectionError):
            guard = _in_chain(exc, (ResponseTooLarge, MalformedResponse))
            if isinstance(guard, ResponseTooLarge):
                return ModelError(f"the model server's answer is too large: {guard}", retryable=False)
            if isinstance(guard, MalformedResponse):
                return ModelError(
                    f"the server sent a malformed response ({self.policy.attempts} attempts): {_summary(guard)}"
                )
            failure = ModelError(f"cannot reach the model server ({self.policy.attempts} attempts): {_summary(exc)}")
            import httpx

            # refused or unresolvable after every retry: the host is down or the URL is wrong, for every article
            return self._give_up(failure) if _in_chain(exc, httpx.ConnectError) is not None else failure
        if isinstance(exc, (json.JSONDecodeError, openai.APIResponseValidationError)):
            return ModelError(f"the server sent a malformed response: {_summary(exc)}")
        raise exc


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


def _api_message(exc: Any) -> str:
    """The server's own error message (OpenAI's `error.message`, a plain `error` string, FastAPI's `detail`)."""
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return _summary(Exception(str(inner["message"])))
        if isinstance(inner, str):
            return _summary(Exception(inner))
        detail = body.get("detail")
        if isinstance(detail, list):
            parts = [
                f"{'.'.join(str(p) for p in d.get('loc', []))}: {d.get('msg', '')}" for d in detail if isinstance(d, dict)
            ]
            return _summary(Exception("; ".join(parts)))
        if isinstance(detail, str):
            return _summary(Exception(detail))
    return _summary(exc)
