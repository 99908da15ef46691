"""A fake OpenAI-compatible server for tests and benchmarks, with fixed latency and injectable faults.

It is a real HTTP/1.1 server (keep-alive, one daemon thread per connection) on 127.0.0.1, so the real
`openai` client, httpx and Instructor code paths run against it::

    with FakeOpenAIServer(latency=0.1, faults=["rate_limit", None, "reset"]) as srv:
        client = openai.OpenAI(base_url=srv.base_url, api_key="k", max_retries=0)
        ...
        assert srv.counts["rate_limit"] == 1

Answers come from the request's JSON schema (a minimal valid instance, see `minimal_instance`) unless a
`responder` scripts them. Faults are chosen per chat-completion request, by its index `n` (0-based, in
arrival order) through `faults`, or by a marker such as ``[[fault:rate_limit]]`` anywhere in the messages
(``[[fault:rate_limit:2]]``: only the first 2 requests carrying that same message). Run as a program
(``python -m extract.testing.fake_openai --latency 0.1``) it prints its base URL and serves until killed,
so a benchmark can keep the server's CPU out of the measured process.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import re
import signal
import socket
import struct
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, get_args

__all__ = [
    "FAULT_KINDS",
    "PROFILES",
    "FakeOpenAIServer",
    "FaultFn",
    "FaultKind",
    "Faults",
    "RecordedRequest",
    "Responder",
    "ServerProfile",
    "fault_marker",
    "find_schema",
    "invalid_instance",
    "main",
    "minimal_instance",
    "random_faults",
    "strict_schema_problems",
]

FaultKind = Literal[
    "rate_limit",
    "server_error",
    "unavailable",
    "timeout",
    "reset",
    "malformed_json",
    "invalid",
    "truncated",
    "oversized",
    "long_retry_after",
    "unauthorized",
]
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)

Responder = Callable[[dict[str, Any]], "str | dict[str, Any] | None"]
"""Scripted answer: gets the parsed request body, returns content (a dict is JSON-dumped) or None for
the default schema-driven answer."""

FaultFn = Callable[[int, dict[str, Any]], "str | None"]
Faults = str | Sequence[str | None] | Mapping[int, str | None] | FaultFn | None
"""A fault for every request (str), by request index (sequence or mapping), or decided by a callable
`(n, body) -> kind | None`."""

REDACTED = "REDACTED"
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "api-key", "x-api-key", "cookie"})
_MARKER = re.compile(r"\[\[fault:([a-z_]+)(?::(\d+))?\]\]")
_CHUNK = 1 << 20


def fault_marker(kind: str, times: int | None = None) -> str:
    """The marker text that makes a request carrying it fail with `kind` (the first `times` requests only)."""
    if kind not in FAULT_KINDS:
        raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
    return f"[[fault:{kind}]]" if times is None else f"[[fault:{kind}:{int(times)}]]"


def random_faults(rate: float, kinds: Sequence[str] = FAULT_KINDS, *, seed: int = 0) -> FaultFn:
    """A `faults` callable failing about `rate` of requests, kinds drawn uniformly, deterministic per index."""
    unknown = set(kinds) - set(FAULT_KINDS)
    if unknown:
        raise ValueError(f"unknown fault kinds {sorted(unknown)}")
    pool = tuple(kinds)

    def decide(n: int, body: dict[str, Any]) -> str | None:
        rng = random.Random(f"{seed}:{n}")
        return rng.choice(pool) if rng.random() < rate else None

    return decide


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it; secret headers are replaced by "REDACTED"."""

    seq: int
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    index: int | None = None
    """Index `n` among chat-completion requests, None for other endpoints."""
    fault: str | None = None
    time: float = field(default_factory=time.time)


# ---------------------------------------------------------------- schemas and answers


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content
        )
    return "" if content is None else str(content)


def _schema_in_text(text: str, attempts: int = 40) -> dict[str, Any] | None:
    """The first JSON object in `text` that looks like a JSON schema (Instructor's Mode.JSON prompt)."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start != -1 and attempts > 0:
        attempts -= 1
        try:
            value, _ = decoder.raw_decode(text, start)
        except ValueError:
            value = None
        if isinstance(value, dict) and ("properties" in value or "$defs" in value):
            return value
        start = text.find("{", start + 1)
    return None


def find_schema(body: Mapping[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """The JSON schema a chat request asks for, and the tool name if it asks for a tool call.

    Looks in tools[].function.parameters (honouring a named tool_choice), response_format.schema
    (llama.cpp), response_format.json_schema.schema (OpenAI, vLLM), format (Ollama), then in the
    messages' text (Instructor's Mode.JSON/MD_JSON put the schema in the system prompt).
    """
    tools = body.get("tools")
    if isinstance(tools, list) and tools:
        wanted = None
        choice = body.get("tool_choice")
        if isinstance(choice, dict):
            wanted = (choice.get("function") or {}).get("name")
        for tool in tools:
            function = tool.get("function") if isinstance(tool, dict) else None
            if isinstance(function, dict) and (wanted is None or function.get("name") == wanted):
                params = function.get("parameters")
                return (params if isinstance(params, dict) else {}), str(function.get("name") or "tool")
    response_format = body.get("response_format")
    if isinstance(response_format, dict):
        if isinstance(response_format.get("schema"), dict):
            return response_format["schema"], None
        json_schema = response_format.get("json_schema")
        if isinstance(json_schema, dict) and isinstance(json_schema.get("schema"), dict):
            return json_schema["schema"], None
    if isinstance(body.get("format"), dict):
        return body["format"], None
    for message in body.get("messages") or []:
        if isinstance(message, dict):
            found = _schema_in_text(_content_text(message.get("content")))
            if found is not None:
                return found, None
    return None, None


def _resolve(schema: Any, root: Mapping[str, Any]) -> dict[str, Any]:
    """Follow local `$ref`s ("#/$defs/X", "#/definitions/X"); merge sibling keys over the target."""
    seen = 0
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and seen < 32:
        seen += 1
        ref = schema["$ref"]
        target: Any = root
        if ref.startswith("#"):
            for part in ref.lstrip("#").split("/"):
                if part:
                    part = part.replace("~1", "/").replace("~0", "~")
                    target = target.get(part) if isinstance(target, dict) else None
        else:
            target = None
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**(target if isinstance(target, dict) else {}), **rest}
    return schema if isinstance(schema, dict) else {}


def _is_nullable(schema: Mapping[str, Any], root: Mapping[str, Any]) -> bool:
    schema = _resolve(schema, root)
    types = schema.get("type")
    if types == "null" or (isinstance(types, list) and "null" in types) or schema.get("nullable") is True:
        return True
    if "const" in schema and schema["const"] is None:
        return True
    if isinstance(schema.get("enum"), list) and None in schema["enum"]:
        return True
    options = schema.get("anyOf") or schema.get("oneOf")
    return isinstance(options, list) and any(_is_nullable(o, root) for o in options if isinstance(o, dict))


def minimal_instance(schema: Mapping[str, Any], root: Mapping[str, Any] | None = None, _depth: int = 0) -> Any:
    """A minimal value valid for `schema`: required properties plus nullable ones as null, [] for arrays,
    "x" (or the first enum value, or a sample date) for strings, 0 for numbers, false for booleans."""
    root = schema if root is None else root
    s = _resolve(schema, root)
    if _depth > 24:
        return None
    if "const" in s:
        return s["const"]
    if isinstance(s.get("enum"), list) and s["enum"]:
        return s["enum"][0]
    options = s.get("anyOf") or s.get("oneOf")
    if isinstance(options, list) and options:
        if _is_nullable(s, root):
            return None
        return minimal_instance(options[0], root, _depth + 1)
    if isinstance(s.get("allOf"), list) and s["allOf"]:
        merged: dict[str, Any] = {}
        for part in s["allOf"]:
            part = _resolve(part, root)
            for key, item in part.items():
                if key == "properties" and isinstance(item, dict):
                    merged.setdefault("properties", {}).update(item)
                elif key == "required" and isinstance(item, list):
                    merged.setdefault("required", []).extend(item)
                else:
                    merged.setdefault(key, item)
        rest = {k: v for k, v in s.items() if k != "allOf"}
        return minimal_instance({**merged, **rest}, root, _depth + 1)
    kind = s.get("type")
    if isinstance(kind, list):
        if "null" in kind:
            return None
        kind = kind[0] if kind else None
    if kind is None:
        kind = "object" if "properties" in s else ("array" if "items" in s else None)
    if kind == "object":
        props: dict[str, Any] = s["properties"] if isinstance(s.get("properties"), dict) else {}
        required = [k for k in s.get("required") or [] if isinstance(k, str)]
        value: dict[str, Any] = {}
        for name, prop in props.items():
            if name in required:
                value[name] = minimal_instance(prop, root, _depth + 1)
            elif _is_nullable(prop, root):
                value[name] = None
        for name in required:
            value.setdefault(name, None)
        return value
    if kind == "array":
        count = int(s.get("minItems") or 0)
        items: dict[str, Any] = s["items"] if isinstance(s.get("items"), dict) else {}
        return [minimal_instance(items, root, _depth + 1) for _ in range(count)]
    if kind == "string":
        samples = {"date": "2024-01-01", "date-time": "2024-01-01T00:00:00Z", "time": "00:00:00",
                   "email": "x@example.org", "uri": "http://127.0.0.1/x", "uuid": "00000000-0000-4000-8000-000000000000"}
        text = samples.get(str(s.get("format")), "x")
        return text.ljust(int(s.get("minLength") or 0), "x")
    if kind in ("integer", "number"):
        low = s.get("minimum", s.get("exclusiveMinimum"))
        number = 0 if low is None else (int(low) + 1 if "minimum" not in s else int(low))
        high = s.get("maximum")
        if high is not None and number > high:
            number = int(high)
        return number if kind == "integer" else float(number)
    if kind == "boolean":
        return False
    return None


def _accepts_object(schema: Mapping[str, Any], root: Mapping[str, Any]) -> bool:
    s = _resolve(schema, root)
    types = s.get("type")
    if types == "object" or (isinstance(types, list) and "object" in types) or "properties" in s:
        return True
    options = s.get("anyOf") or s.get("oneOf") or s.get("allOf") or []
    return any(_accepts_object(o, root) for o in options if isinstance(o, dict))


def invalid_instance(schema: Mapping[str, Any] | None) -> dict[str, Any]:
    """An object that fails validation: the minimal instance with an unknown key and a wrong-typed field."""
    root = schema or {}
    value = minimal_instance(root) if schema else {}
    value = value if isinstance(value, dict) else {}
    props = _resolve(root, root).get("properties") or {}
    if isinstance(props, dict) and props:
        name, prop = next(iter(props.items()))
        value[name] = 12345 if _accepts_object(prop, root) else {"wrong": "type"}
    value["unexpected_key"] = {"not": "in the schema"}
    return value


# ---------------------------------------------------------------- server profiles


_STRICT_UNSUPPORTED = ("allOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas", "default")
_OPENAI_REQUEST_FIELDS = frozenset({
    "model", "messages", "audio", "frequency_penalty", "function_call", "functions", "logit_bias", "logprobs",
    "max_completion_tokens", "max_tokens", "metadata", "modalities", "n", "parallel_tool_calls", "prediction",
    "presence_penalty", "reasoning_effort", "response_format", "seed", "service_tier", "stop", "store", "stream",
    "stream_options", "temperature", "tool_choice", "tools", "top_logprobs", "top_p", "user", "verbosity",
    "web_search_options", "prompt_cache_key", "safety_identifier",
})


def strict_schema_problems(schema: Any, context: str = "") -> list[str]:
    """Why OpenAI's strict mode would refuse `schema`, in its own words ("In context=(...), ..."); [] if it
    would accept it: every object lists all its properties in `required` and sets `additionalProperties:
    false`, the root is an object, and no unsupported keyword (allOf, not, if/then/else, default) appears."""
    problems: list[str] = []
    if not context and (not isinstance(schema, dict) or schema.get("type") != "object"):
        return ["In context=(), schema must be a JSON Schema of 'type: \"object\"', got 'type: \"None\"'."]

    def walk(node: Any, where: tuple[str, ...]) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, (*where, str(i)))
            return
        if not isinstance(node, dict):
            return
        here = "(" + ", ".join(repr(w) for w in where) + (",)" if len(where) == 1 else ")")
        for keyword in _STRICT_UNSUPPORTED:
            if keyword in node and not (where and where[-1] == "properties"):
                problems.append(f"In context={here}, '{keyword}' is not permitted.")
        if node.get("type") == "object" or isinstance(node.get("properties"), dict):
            props = node.get("properties") or {}
            required = node.get("required")
            missing = [k for k in props if not isinstance(required, list) or k not in required]
            if missing:
                problems.append(
                    f"In context={here}, 'required' is required to be supplied and to be an array including "
                    f"every key in properties. Missing '{missing[0]}'."
                )
            if node.get("additionalProperties") is not False:
                problems.append(f"In context={here}, 'additionalProperties' is required to be supplied and to be false.")
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    walk(sub, (*where, "properties", name))
            elif key in ("items", "anyOf", "$defs", "definitions"):
                if isinstance(value, dict) and key in ("$defs", "definitions"):
                    for name, sub in value.items():
                        walk(sub, (*where, key, name))
                else:
                    walk(value, (*where, key))

    walk(schema, ())
    return problems


def _openai_error(status: int, message: str, param: str | None, code: str | None,
                  type_: str = "invalid_request_error") -> tuple[int, bytes]:
    return status, json.dumps({"error": {"message": message, "type": type_, "param": param, "code": code}}).encode()


def _mentions_json(body: Mapping[str, Any]) -> bool:
    return any("json" in _content_text(m.get("content")).lower()
               for m in body.get("messages") or [] if isinstance(m, dict))


def _openai_rejects(body: dict[str, Any]) -> tuple[int, bytes] | None:
    """What api.openai.com answers 400 to (the checks this fake knows), with its error text."""
    unknown = sorted(set(body) - _OPENAI_REQUEST_FIELDS)
    if unknown:
        return _openai_error(400, f"Unrecognized request argument supplied: {unknown[0]}", None, None)
    response_format = body.get("response_format")
    if isinstance(response_format, dict):
        kind = response_format.get("type")
        extra = sorted(set(response_format) - {"type", "json_schema"})
        if extra:
            return _openai_error(400, f"Invalid parameter: 'response_format' has an unexpected key '{extra[0]}'.",
                                 "response_format", "invalid_parameter")
        if kind == "json_object" and not _mentions_json(body):
            return _openai_error(400, "'messages' must contain the word 'json' in some form, to use "
                                 "'response_format' of type 'json_object'.", "messages", None)
        if kind == "json_schema":
            spec = response_format.get("json_schema") or {}
            name = str(spec.get("name") or "")
            if not re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", name):
                return _openai_error(400, "Invalid 'response_format.json_schema.name': string does not match "
                                     "pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                                     "response_format.json_schema.name", "invalid_value")
            if spec.get("strict"):
                problems = strict_schema_problems(spec.get("schema"))
                if problems:
                    return _openai_error(400, f"Invalid schema for response_format '{name}': {problems[0]}",
                                         "response_format", "invalid_json_schema")
    for i, tool in enumerate(body.get("tools") or []):
        function = tool.get("function") if isinstance(tool, dict) else None
        if isinstance(function, dict) and function.get("strict"):
            problems = strict_schema_problems(function.get("parameters"))
            if problems:
                return _openai_error(400, f"Invalid schema for function '{function.get('name')}': {problems[0]}",
                                     f"tools[{i}].function.parameters", "invalid_function_parameters")
    return None


def _reasoning_rejects(body: dict[str, Any]) -> tuple[int, bytes] | None:
    """OpenAI's reasoning models (o-series, gpt-5): no `max_tokens`, only the default temperature."""
    if "max_tokens" in body:
        return _openai_error(400, "Unsupported parameter: 'max_tokens' is not supported with this model. "
                             "Use 'max_completion_tokens' instead.", "max_tokens", "unsupported_parameter")
    if "temperature" in body and body["temperature"] != 1:
        value = body["temperature"]
        shown = int(value) if isinstance(value, float) and value.is_integer() else value
        return _openai_error(400, f"Unsupported value: 'temperature' does not support {shown} with this model. "
                             "Only the default (1) value is supported.", "temperature", "unsupported_value")
    return _openai_rejects(body)


def _lmstudio_rejects(body: dict[str, Any]) -> tuple[int, bytes] | None:
    response_format = body.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type") not in ("json_schema", "text"):
        return 400, json.dumps({"error": "'response_format.type' must be 'json_schema' or 'text'"}).encode()
    return None


def _deepseek_rejects(body: dict[str, Any]) -> tuple[int, bytes] | None:
    response_format = body.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type") not in ("json_object", "text"):
        return _openai_error(400, "This response_format type is unavailable now", None, "invalid_request_error")
    return None


def _llama_cpp_python_rejects(body: dict[str, Any]) -> tuple[int, bytes] | None:
    """Validate against llama-cpp-python's own request model, answering 422 like its FastAPI server."""
    from llama_cpp.server.types import CreateChatCompletionRequest  # the [server] extra
    from pydantic import ValidationError

    try:
        CreateChatCompletionRequest.model_validate(body)
    except ValidationError as exc:
        detail = [{"type": e["type"], "loc": ["body", *e["loc"]], "msg": e["msg"], "input": e.get("input")}
                  for e in exc.errors(include_url=False)]
        return 422, json.dumps({"detail": detail}, default=str).encode()
    return None


def _without(*names: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def visible(body: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in body.items() if k not in names}

    return visible


def _anthropic_visible(body: dict[str, Any]) -> dict[str, Any]:
    """Anthropic's compatible API ignores response_format, seed and tools' `strict`."""
    body = _without("response_format", "seed")(body)
    tools = body.get("tools")
    if isinstance(tools, list):
        body["tools"] = [{**t, "function": {k: v for k, v in t.get("function", {}).items() if k != "strict"}}
                         if isinstance(t, dict) else t for t in tools]
    return body


def _ollama_visible(body: dict[str, Any]) -> dict[str, Any]:
    """Ollama's /v1 has no `format` field: it is dropped; response_format json_schema maps to its format."""
    return _without("format")(body)


@dataclass(frozen=True)
class ServerProfile:
    """How one real server kind treats a chat request: what it refuses (with its own error text), what it
    ignores, and what its model does without a schema it can see."""

    name: str
    model: str
    owned_by: str | None
    """`owned_by` in GET /models; None lists models in Anthropic's own format (no owned_by)."""
    rejects: Callable[[dict[str, Any]], tuple[int, bytes] | None] | None = None
    visible: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    """The request as the model sees it: fields the server ignores are removed."""
    enforces: tuple[str, ...] = ("json_schema", "json_object+schema")
    """Structured-output fields the server enforces by constrained decoding."""
    context_tokens: int | None = None
    """Prompt tokens the server keeps (Ollama's default 4k); a longer prompt loses its start."""
    needs_json_word: bool = False
    """json_object answers empty unless the prompt says "json" (DeepSeek)."""
    reasoning_tokens: int = 0


PROFILES: dict[str, ServerProfile] = {
    "openai": ServerProfile("openai", "gpt-4o-mini", "system", _openai_rejects),
    "openai-reasoning": ServerProfile("openai-reasoning", "o3-mini", "system", _reasoning_rejects,
                                      reasoning_tokens=64),
    "vllm": ServerProfile("vllm", "Qwen/Qwen2.5-7B-Instruct", "vllm"),
    "lmstudio": ServerProfile("lmstudio", "qwen2.5-7b-instruct", "organization_owner", _lmstudio_rejects),
    "ollama": ServerProfile("ollama", "llama3.2:latest", "library", visible=_ollama_visible,
                            enforces=("json_schema",), context_tokens=4096),
    "llama-server": ServerProfile("llama-server", "qwen2.5-7b-instruct-q4_k_m.gguf", "llamacpp"),
    "llama-cpp-python": ServerProfile("llama-cpp-python", "qwen2.5-7b", "me", _llama_cpp_python_rejects,
                                      enforces=("json_object+schema",)),
    "deepseek": ServerProfile("deepseek", "deepseek-chat", "deepseek", _deepseek_rejects, enforces=(),
                              needs_json_word=True),
    "anthropic": ServerProfile("anthropic", "claude-sonnet-4-5", None, visible=_anthropic_visible, enforces=()),
    "gemini": ServerProfile("gemini", "gemini-2.5-flash", "google", enforces=("json_schema",)),
}
"""A profile per server kind; see the README's server table for the sources of each behaviour."""

PROSE = "Here is what the article reports about the release, in short."


# ---------------------------------------------------------------- HTTP plumbing


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], fake: FakeOpenAIServer) -> None:
        self.fake = fake
        self.connections: dict[socket.socket, threading.Thread] = {}
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread, args=(request, client_address),
            name="fake-openai-conn", daemon=True,
        )
        with self.connections_lock:
            self.connections[request] = thread
        thread.start()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self.connections_lock:
                self.connections.pop(request, None)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError, OSError)):
            return  # the client went away (timeout, reset, size cap): not a server bug
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeOpenAI/1.0"
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.server.fake._handle(self)

    def do_POST(self) -> None:
        self.server.fake._handle(self)

    def read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is not None:
            return self.rfile.read(int(length))
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            parts: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        return b""

    def send(self, status: int, body: bytes | Iterator[bytes], *, length: int | None = None,
             headers: Mapping[str, str] | None = None, content_type: str = "application/json") -> None:
        """Write the whole response (status line, headers and body in one write when it is bytes)."""
        if isinstance(body, bytes):
            length = len(body)
        lines = [
            f"HTTP/1.1 {status} {HTTPStatus(status).phrase}",
            f"Content-Type: {content_type}",
            f"Content-Length: {length}",
            f"Date: {self.date_time_string()}",
            f"Server: {self.server_version}",
        ]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if isinstance(body, bytes):
            self.wfile.write(head + body)
        else:
            self.wfile.write(head)
            for chunk in body:
                self.wfile.write(chunk)

    def reset(self) -> None:
        """Abort the connection: SO_LINGER 0 makes the close send RST instead of a response."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()


def _error_body(message: str, type_: str, code: str | None) -> bytes:
    return json.dumps({"error": {"message": message, "type": type_, "param": None, "code": code}}).encode()


# ---------------------------------------------------------------- the server


class FakeOpenAIServer:
    """A loopback OpenAI-compatible server: `POST /v1/chat/completions`, `GET /v1/models`, `GET /health`.

    Args:
        latency: seconds each chat completion waits before answering (mutable attribute).
        responder: `body -> str | dict | None` scripting the answer content; None uses the schema default.
        faults: fault schedule over chat-completion indices `n` (see `Faults`); mutable attribute.
        fault_markers: honour ``[[fault:KIND]]`` / ``[[fault:KIND:TIMES]]`` markers in the messages.
        model: model id listed by /v1/models and echoed when a request names none.
        owned_by: `owned_by` of the listed model ("llamacpp", "library" for Ollama, "openai", ...).
        api_key: if set, requests without `Authorization: Bearer <api_key>` get 401.
        retry_after: Retry-After header value of `rate_limit` faults (seconds, or an HTTP date string).
        long_retry_after: Retry-After of `long_retry_after` faults.
        timeout_delay: seconds a `timeout` fault waits before answering normally.
        oversized_bytes: minimum body size of an `oversized` answer.
        invalid_content: content of `invalid` faults; default: `invalid_instance(schema)`.
        record_requests: keep every request in `requests` (turn off for long benchmarks; counts are kept).
        port: port to bind on 127.0.0.1; 0 picks a free one.
        profile: behave like one server kind (`PROFILES`): refuse what it refuses, ignore what it ignores.
    """

    def __init__(
        self,
        *,
        latency: float = 0.0,
        responder: Responder | None = None,
        faults: Faults = None,
        fault_markers: bool = True,
        model: str = "fake-model",
        owned_by: str = "openai",
        api_key: str | None = None,
        retry_after: float | str = 1,
        long_retry_after: float | str = 3600,
        timeout_delay: float = 30.0,
        oversized_bytes: int = 20 * 1024 * 1024,
        invalid_content: str | dict[str, Any] | None = None,
        record_requests: bool = True,
        port: int = 0,
        profile: str | ServerProfile | None = None,
    ) -> None:
        self.profile = PROFILES[profile] if isinstance(profile, str) else profile
        if self.profile is not None:
            model = model if model != "fake-model" else self.profile.model
            owned_by = owned_by if owned_by != "openai" else (self.profile.owned_by or "")
        self.latency = latency
        self.responder = responder
        self.faults = faults
        self.fault_markers = fault_markers
        self.model = model
        self.owned_by = owned_by
        self.api_key = api_key
        self.retry_after = retry_after
        self.long_retry_after = long_retry_after
        self.timeout_delay = timeout_delay
        self.oversized_bytes = oversized_bytes
        self.invalid_content = invalid_content
        self.record_requests = record_requests
        self.host = "127.0.0.1"
        self.port = port
        self.errors: list[BaseException] = []
        """Exceptions raised by `responder` or `faults` (each answered with a 500)."""
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._counts: Counter[str] = Counter()
        self._marker_uses: Counter[tuple[str, str]] = Counter()
        self._seq = 0
        self._index = 0
        self._in_flight = 0
        self._max_in_flight = 0
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT/v1`, what the openai client takes as `base_url`."""
        return f"http://{self.host}:{self.port}/v1"

    def start(self) -> FakeOpenAIServer:
        """Bind and serve in a background thread; returns self."""
        if self._httpd is not None:
            return self
        self._stopping.clear()
        self._httpd = _HTTPServer((self.host, self.port), self)
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"fake-openai-{self.port}", daemon=True,
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving: wake sleeping handlers, close the listener and every open connection, join."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.server_close()
        with httpd.connections_lock:
            connections = list(httpd.connections.items())
        for sock, _ in connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + timeout
        for _, conn_thread in connections:
            conn_thread.join(max(0.0, deadline - time.monotonic()))
        if thread is not None:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._httpd = self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ observations

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of every recorded request, in arrival order."""
        with self._lock:
            return list(self._requests)

    @property
    def completions(self) -> list[RecordedRequest]:
        """Recorded chat-completion requests only."""
        return [r for r in self.requests if r.index is not None]

    @property
    def counts(self) -> Counter[str]:
        """Counters: "requests" (all), "chat_completions", "models", "ok" (answered without a fault) and one
        per fault kind served (an `api_key` mismatch counts as "unauthorized", outside "chat_completions")."""
        with self._lock:
            return Counter(self._counts)

    @property
    def max_in_flight(self) -> int:
        """Most chat completions handled at the same time so far."""
        return self._max_in_flight

    def clear(self) -> None:
        """Forget recorded requests, counters, marker uses and errors (the request index restarts at 0)."""
        with self._lock:
            self._requests.clear()
            self._counts.clear()
            self._marker_uses.clear()
            self._index = 0
            self._max_in_flight = self._in_flight
            self.errors.clear()

    # ------------------------------------------------------------ request handling

    def _record(self, handler: _Handler, body: Any, index: int | None, fault: str | None) -> None:
        with self._lock:
            self._seq += 1
            self._counts["requests"] += 1
            if fault:
                self._counts[fault] += 1
            if not self.record_requests:
                return
            headers = {
                k: (REDACTED if k.lower() in _SECRET_HEADERS else v) for k, v in handler.headers.items()
            }
            self._requests.append(
                RecordedRequest(self._seq, handler.command, handler.path, headers, body, index, fault)
            )

    def _handle(self, handler: _Handler) -> None:
        try:
            path = handler.path.split("?", 1)[0].rstrip("/")
            raw = handler.read_body() if handler.command == "POST" else b""
            if self.api_key is not None and handler.headers.get("Authorization") != f"Bearer {self.api_key}":
                self._record(handler, _parse(raw), None, "unauthorized")
                return self._unauthorized(handler)
            if handler.command == "GET" and path in ("/v1/models", "/models"):
                with self._lock:
                    self._counts["models"] += 1
                self._record(handler, None, None, None)
                if self.profile is not None and self.profile.owned_by is None:  # Anthropic's own format
                    anthropic_entry = {"type": "model", "id": self.model, "display_name": self.model,
                             "created_at": "2025-01-01T00:00:00Z"}
                    listing = {"data": [anthropic_entry], "has_more": False, "first_id": self.model, "last_id": self.model}
                    return handler.send(200, json.dumps(listing).encode())
                entry = {"id": self.model, "object": "model", "created": 0, "owned_by": self.owned_by}
                return handler.send(200, json.dumps({"object": "list", "data": [entry]}).encode())
            if handler.command == "GET" and path in ("/health", "/v1/health"):
                self._record(handler, None, None, None)
                return handler.send(200, b'{"status": "ok"}')
            if handler.command == "POST" and path in ("/v1/chat/completions", "/chat/completions"):
                return self._chat(handler, raw)
            self._record(handler, _parse(raw), None, None)
            handler.send(404, _error_body(f"no route {handler.command} {path}", "invalid_request_error", None))
        except (ConnectionError, TimeoutError):
            handler.close_connection = True

    def _unauthorized(self, handler: _Handler) -> None:
        handler.send(401, _error_body(
            "Incorrect API key provided: REDACTED.", "invalid_request_error", "invalid_api_key"
        ))

    def _decide_fault(self, index: int, body: dict[str, Any]) -> str | None:
        faults = self.faults
        kind: str | None = None
        if isinstance(faults, str):
            kind = faults
        elif callable(faults):
            kind = faults(index, body)
        elif isinstance(faults, Mapping):
            kind = faults.get(index)
        elif isinstance(faults, Sequence):
            kind = faults[index] if index < len(faults) else None
        if kind is None and self.fault_markers:
            kind = self._marker_fault(body)
        return kind

    def _marker_fault(self, body: dict[str, Any]) -> str | None:
        for message in body.get("messages") or []:
            text = _content_text(message.get("content")) if isinstance(message, dict) else ""
            if "[[fault:" not in text:
                continue
            for match in _MARKER.finditer(text):
                kind, times = match.group(1), match.group(2)
                if times is None:
                    return kind
                key = (match.group(0), hashlib.sha1(text.encode("utf-8", "replace")).hexdigest())
                with self._lock:
                    if self._marker_uses[key] < int(times):
                        self._marker_uses[key] += 1
                        return kind
        return None

    def _chat(self, handler: _Handler, raw: bytes) -> None:
        body = _parse(raw)
        if not isinstance(body, dict):
            self._record(handler, None, None, None)
            return handler.send(400, _error_body("request body is not a JSON object", "invalid_request_error", None))
        if body.get("stream"):
            self._record(handler, body, None, None)
            return handler.send(400, _error_body("the fake server does not stream", "invalid_request_error", None))
        with self._lock:
            index = self._index
            self._index += 1
            self._counts["chat_completions"] += 1
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
        try:
            try:
                fault = self._decide_fault(index, body)
                if fault is not None and fault not in FAULT_KINDS:
                    raise ValueError(f"unknown fault kind {fault!r}")
            except Exception as exc:
                self.errors.append(exc)
                self._record(handler, body, index, None)
                return handler.send(500, _error_body(f"fake server: {exc}", "server_error", None))
            rejected = self.profile.rejects(body) if self.profile and self.profile.rejects and not fault else None
            self._record(handler, body, index, "rejected" if rejected else fault)
            if rejected is not None:
                return handler.send(*rejected)
            if self.latency > 0 and self._stopping.wait(self.latency):
                return handler.reset()
            self._respond(handler, body, index, fault, len(raw))
        finally:
            with self._lock:
                self._in_flight -= 1

    def _respond(
        self, handler: _Handler, body: dict[str, Any], index: int, fault: str | None, size: int
    ) -> None:
        if fault == "reset":
            return handler.reset()
        if fault in ("rate_limit", "long_retry_after"):
            seconds = self.retry_after if fault == "rate_limit" else self.long_retry_after
            return handler.send(
                429,
                _error_body("Rate limit reached for requests.", "requests", "rate_limit_exceeded"),
                headers={"Retry-After": _header_seconds(seconds)},
            )
        if fault == "server_error":
            return handler.send(500, _error_body("The server had an error.", "server_error", None))
        if fault == "unavailable":
            return handler.send(503, _error_body("The engine is currently overloaded.", "server_error", None))
        if fault == "unauthorized":
            return self._unauthorized(handler)
        if fault == "malformed_json":
            return handler.send(200, b'{"id": "chatcmpl-broken", "choices": [{"message": {"content": "{\\"a')
        if fault == "timeout" and self._stopping.wait(self.timeout_delay):
            return handler.reset()

        if self.profile is not None and self.profile.visible is not None:
            body = self.profile.visible(body)  # the fields this server ignores never reach its model
        schema, tool = find_schema(body)
        if fault == "invalid":
            content = _as_text(self.invalid_content) if self.invalid_content is not None else None
            content = content or json.dumps(invalid_instance(schema))
        else:
            try:
                content = self._content(body, schema)
            except Exception as exc:
                self.errors.append(exc)
                return handler.send(500, _error_body(f"fake server responder failed: {exc}", "server_error", None))
        finish = "tool_calls" if tool else "stop"
        completion_tokens = max(1, len(content) // 4)
        if fault == "truncated":
            content = content[: max(1, len(content) // 2)]
            finish = "length"
            completion_tokens = int(body.get("max_tokens") or body.get("max_completion_tokens") or completion_tokens)
        if fault == "oversized":
            return self._send_oversized(handler, body, index, tool)
        payload = self._completion(body, index, content, finish, tool, max(1, size // 4), completion_tokens)
        if fault is None:
            with self._lock:
                self._counts["ok"] += 1  # counted before sending, so a client that has the answer sees it
        handler.send(200, json.dumps(payload).encode())

    def _content(self, body: dict[str, Any], schema: dict[str, Any] | None) -> str:
        if self.profile is not None:
            unguided = self._profile_answer(body, schema)
            if unguided is not None:
                return unguided
        if self.responder is not None:
            answer = _as_text(self.responder(body))
            if answer is not None:
                return answer
        return json.dumps(minimal_instance(schema) if schema is not None else {})

    def _profile_answer(self, body: dict[str, Any], schema: dict[str, Any] | None) -> str | None:
        """What this server's model writes when nothing makes it follow the schema; None if it follows it."""
        profile = self.profile
        assert profile is not None
        if body.get("tools"):
            return None
        if schema is None:
            return PROSE  # the model never saw a schema
        found = body.get("response_format")
        response_format: dict[str, Any] = found if isinstance(found, dict) else {}
        kind = response_format.get("type")
        enforced = "json_schema" if kind == "json_schema" else (
            "json_object+schema" if kind == "json_object" and "schema" in response_format else str(kind))
        if enforced in profile.enforces:
            return None
        if profile.needs_json_word and kind == "json_object" and not _mentions_json(body):
            return ""
        prompt_tokens = sum(len(_content_text(m.get("content"))) for m in body.get("messages") or []
                            if isinstance(m, dict)) // 4
        if profile.context_tokens is not None and prompt_tokens > profile.context_tokens:
            return json.dumps({"summary": "the start of the prompt was cut off"})
        return None

    def _completion(self, body: Mapping[str, Any], index: int, content: str, finish: str, tool: str | None,
                    prompt_tokens: int, completion_tokens: int) -> dict[str, Any]:
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if tool:
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [{
                    "id": f"call_fake_{index}",
                    "type": "function",
                    "function": {"name": tool, "arguments": content},
                }],
            }
        return {
            "id": f"chatcmpl-fake-{index}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": str(body.get("model") or self.model),
            "system_fingerprint": "fake",
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
                **({"completion_tokens_details": {"reasoning_tokens": self.profile.reasoning_tokens}}
                   if self.profile is not None and self.profile.reasoning_tokens else {}),
            },
        }

    def _send_oversized(self, handler: _Handler, body: dict[str, Any], index: int, tool: str | None) -> None:
        """A valid completion whose content is `{"padding": "xxx..."}`, streamed in 1 MiB writes."""
        marker = "@@PADDING@@"
        payload = self._completion(body, index, json.dumps({"padding": marker}), "stop", tool, 1,
                                   self.oversized_bytes // 4)
        head, _, tail = json.dumps(payload).partition(marker)
        head_b, tail_b = head.encode(), tail.encode()
        pad = max(0, self.oversized_bytes - len(head_b) - len(tail_b)) + 1

        def chunks() -> Iterator[bytes]:
            yield head_b
            left = pad
            block = b"x" * _CHUNK
            while left > 0:
                yield block[: min(left, _CHUNK)]
                left -= _CHUNK
            yield tail_b

        handler.send(200, chunks(), length=len(head_b) + pad + len(tail_b))


def _parse(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _as_text(answer: str | dict[str, Any] | list[Any] | None) -> str | None:
    if answer is None or isinstance(answer, str):
        return answer
    return json.dumps(answer)


def _header_seconds(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else str(value)


# ---------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until SIGTERM/SIGINT, printing the base URL on the first line of stdout."""
    parser = argparse.ArgumentParser(
        prog="python -m extract.testing.fake_openai", description="A fake OpenAI-compatible server."
    )
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--model", default="fake-model")
    parser.add_argument("--owned-by", default="openai")
    parser.add_argument("--retry-after", type=float, default=1)
    parser.add_argument("--timeout-delay", type=float, default=30.0)
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of requests failing, kinds at random")
    parser.add_argument("--fault-kinds", default=",".join(FAULT_KINDS), help="comma-separated kinds for --fault-rate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-markers", action="store_true", help="ignore [[fault:KIND]] markers")
    parser.add_argument("--profile", choices=sorted(PROFILES), help="behave like this server kind")
    args = parser.parse_args(argv)
    faults = (
        random_faults(args.fault_rate, [k for k in args.fault_kinds.split(",") if k], seed=args.seed)
        if args.fault_rate > 0 else None
    )
    server = FakeOpenAIServer(
        latency=args.latency, faults=faults, fault_markers=not args.no_markers, model=args.model,
        owned_by=args.owned_by, retry_after=args.retry_after, timeout_delay=args.timeout_delay,
        record_requests=False, port=args.port, profile=args.profile,
    )
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    with server:
        print(server.base_url, flush=True)
        while not done.wait(1.0):
            pass
        counts = dict(server.counts)
    print(json.dumps(counts), file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
