"""Request shapes: how each OpenAI-compatible server is asked for output that follows a JSON schema.

| shape       | what the request carries                                                  | servers (auto)                      |
|-------------|---------------------------------------------------------------------------|-------------------------------------|
| json_schema | `response_format: {type: json_schema, json_schema: {name, schema, strict: true}}`, the schema made strict by openai-python's own helper; field guide in the prompt | OpenAI (incl. reasoning models), Gemini, vLLM, LM Studio, Ollama >= 0.5 |
| llamacpp    | `response_format: {type: json_object, schema}` (a grammar), schema also in the prompt | llama.cpp `llama-server`, llama-cpp-python |
| tools       | one tool built by `openai.pydantic_function_tool` (`strict: true`), forced by `tool_choice` | Anthropic's compatible API     |
| json        | `response_format: {type: json_object}`, the schema in the prompt          | DeepSeek; last fallback             |

`ollama` is accepted as a mode name and sends the json_schema shape (Ollama's `/v1` maps it to its own
`format`; it has no `format` field of its own there).

`auto` chooses from `GET /models` (`owned_by`, model ids, the answer's own format) and the base URL.
A 400/422 that names the request shape switches once, for the rest of the run, to the next shape of
`FALLBACK`. A 400 that names a sampling parameter (`max_tokens`, `temperature`, `seed`) renames or drops
that parameter once for the rest of the run (`adjust_for_rejection`).
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any, cast
from urllib.parse import urlparse

from pydantic import BaseModel

__all__ = [
    "FALLBACK",
    "SHAPES",
    "adjust_for_rejection",
    "detect_shape",
    "field_guide",
    "names_the_shape",
    "normalise_mode",
    "shape_body",
    "shape_from_url",
    "strict_tool",
]

SHAPES: tuple[str, ...] = ("json_schema", "llamacpp", "tools", "json")
FALLBACK: dict[str, str | None] = {"json_schema": "tools", "llamacpp": "json", "tools": "json", "json": None}


def normalise_mode(mode: str) -> str:
    """The shape a configured mode sends (`ollama` is the json_schema shape)."""
    return "json_schema" if mode == "ollama" else mode


def shape_from_url(base_url: str, model: str) -> str | None:
    """The shape when the URL or the model id alone says which server it is (no need to ask `/models`:
    Anthropic's, for one, answers it only with its own auth headers)."""
    host = (urlparse(base_url).hostname or "").lower()
    model_id = model.lower().rsplit("/", 1)[-1]
    if "anthropic" in host or model_id.startswith("claude"):
        return "tools"  # response_format is ignored there; tools work
    if "deepseek" in host or model_id.startswith("deepseek"):
        return "json"  # json_schema is refused; json_object works with the schema in the prompt
    return None


def detect_shape(base_url: str, models_payload: dict[str, Any] | None, model: str) -> str:
    """The request shape for a server, from its URL, its `GET /models` answer and the model id."""
    items = [i for i in (models_payload or {}).get("data", []) or [] if isinstance(i, dict)]
    owners = {str(i.get("owned_by", "")).lower() for i in items if i.get("owned_by")}
    if owners & {"llamacpp", "me", "llama.cpp"}:
        return "llamacpp"
    known = shape_from_url(base_url, model)
    if known is not None:
        return known
    if bool(items) and not owners and all(i.get("type") == "model" for i in items):
        return "tools"  # Anthropic's own /models format
    if "deepseek" in owners:
        return "json"
    return "json_schema"


@functools.lru_cache(maxsize=256)
def _strict_tool_text(response_model: type[BaseModel]) -> str:
    import openai  # lazy: heavy, and only needed once a request is built

    return json.dumps(openai.pydantic_function_tool(response_model))


def strict_tool(response_model: type[BaseModel]) -> dict[str, Any]:
    """openai-python's strict tool for the model (`strict: true`, every property required, no extra keys)."""
    return cast(dict[str, Any], json.loads(_strict_tool_text(response_model)))


def shape_body(shape: str, response_model: type[BaseModel], plain_schema: dict[str, Any]) -> dict[str, Any]:
    """The request fields (sent as `extra_body`, over what Instructor puts there) for `shape`."""
    if shape == "json_schema":
        function = strict_tool(response_model)["function"]
        return {"response_format": {"type": "json_schema", "json_schema": {
            "name": function["name"], "schema": function["parameters"], "strict": True,
        }}}
    if shape == "llamacpp":
        return {"response_format": {"type": "json_object", "schema": plain_schema}}
    if shape == "tools":
        tool = strict_tool(response_model)
        return {"tools": [tool], "tool_choice": {"type": "function", "function": {"name": tool["function"]["name"]}}}
    return {}  # json: Instructor's JSON mode sends json_object and puts the schema in the prompt


def field_guide(schema: dict[str, Any]) -> str:
    """One line per described field (`people[].status: ...`), for prompts whose shape hides the schema."""
    defs = schema.get("$defs") or {}
    lines: list[str] = []

    def resolve(node: Any) -> dict[str, Any]:
        for _ in range(8):
            if isinstance(node, dict) and isinstance(node.get("$ref"), str):
                node = defs.get(node["$ref"].rsplit("/", 1)[-1], {})
            else:
                break
        return node if isinstance(node, dict) else {}

    def walk(node: Any, path: str, depth: int) -> None:
        node = resolve(node)
        if depth > 6:
            return
        for option in node.get("anyOf") or []:
            if resolve(option).get("type") != "null":
                walk(option, path, depth + 1)
        if node.get("type") == "array" or "items" in node:
            walk(node.get("items"), path + "[]", depth + 1)
        for name, prop in (node.get("properties") or {}).items():
            child = f"{path}.{name}" if path else name
            description = (prop.get("description") if isinstance(prop, dict) else None) or resolve(prop).get(
                "description")
            if description:
                lines.append(f"- {child}: {' '.join(str(description).split())}")
            walk(prop, child, depth + 1)

    walk(schema, "", 0)
    return "\n".join(dict.fromkeys(lines))


def with_field_guide(messages: list[dict[str, Any]], guide: str) -> list[dict[str, Any]]:
    """`messages` with the field guide appended to the first system message (or as a new one)."""
    if not guide:
        return messages
    text = "What each field means:\n" + guide
    out = [dict(m) for m in messages]
    for message in out:
        if message.get("role") == "system" and isinstance(message.get("content"), str):
            message["content"] = message["content"].rstrip() + "\n\n" + text
            return out
    return [{"role": "system", "content": text}, *out]


_SHAPE_WORDS = ("response_format", "json_schema", "json_object", "tool_choice", "tools", "schema")


def names_the_shape(status: int, message: str) -> bool:
    """True for a 400/422 whose message is about the request shape (not the schema's content)."""
    if status not in (400, 422):
        return False
    text = message.lower()
    return any(word in text for word in _SHAPE_WORDS)


_PARAM = re.compile(r"'(max_tokens|max_completion_tokens|temperature|seed)'")


def adjust_for_rejection(status: int, body: Any, message: str, sent: dict[str, Any]) -> tuple[str, str | None] | None:
    """The sampling parameter a 400 rejects by name, and what to send instead (None: leave it out).

    `max_tokens` becomes `max_completion_tokens` when the server asks for it; `temperature`, `seed` and
    `max_completion_tokens` are left out. None when the error is about something else.
    """
    if status not in (400, 422):
        return None
    error = body.get("error", body) if isinstance(body, dict) else {}
    param = error.get("param") if isinstance(error, dict) else None
    if not isinstance(param, str) or param not in sent:
        found = _PARAM.search(message)
        param = found.group(1) if found else None
    lowered = message.lower()
    unsupported = any(w in lowered for w in ("unsupported", "not supported", "does not support"))
    if param is None or param not in sent or not unsupported:
        return None
    if param == "max_tokens" and "max_completion_tokens" in lowered:
        return param, "max_completion_tokens"
    return param, None
