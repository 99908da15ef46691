"""The OpenAI-compatible backend against a fake server on loopback: Instructor's real parsing,
re-ask and our retry policy run; only the model is fake."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from extract.backends.factory import open_backend
from extract.errors import AuthError, ContextTooLong, ModelError, OutputTruncated, ValidationFailed
from extract.settings import Settings
from extract.testing.fake_openai import FakeOpenAIServer


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    count: int | None = None
    country: str | None = None


MESSAGES = [{"role": "system", "content": "Answer in JSON."}, {"role": "user", "content": "How many?"}]


def _ask(srv: FakeOpenAIServer, tmp_path: Path, messages: list[dict[str, Any]] = MESSAGES, **overrides: Any) -> Any:
    settings = Settings(
        base_url=srv.base_url, model="fake-model", retries=3, retry_after_cap=5.0, cache=False,
        cache_dir=tmp_path / "cache", timeout=10.0,
    ).replace(**overrides)

    async def go() -> Any:
        backend, close = await open_backend(settings)
        try:
            return await backend.structured(messages, Answer, prompt_version="t@1"), backend
        finally:
            close()

    return asyncio.run(go())


@pytest.mark.parametrize(
    ("owned_by", "expected"),
    [("llamacpp", "llamacpp"), ("me", "llamacpp"), ("library", "json_schema"), ("openai", "json_schema"),
     ("vllm", "json_schema"), ("deepseek", "json")],
)
def test_auto_mode_picks_the_request_shape_from_the_server(owned_by: str, expected: str, tmp_path: Path) -> None:
    with FakeOpenAIServer(owned_by=owned_by) as srv:
        _ask(srv, tmp_path)
        body = srv.completions[-1].body
    if expected == "llamacpp":
        assert body["response_format"]["type"] == "json_object"
        assert body["response_format"]["schema"]["additionalProperties"] is False
    elif expected == "json":
        assert body["response_format"] == {"type": "json_object"}
        assert '"count"' in body["messages"][0]["content"]  # the schema is in the prompt
    else:
        assert "format" not in body  # Ollama's /v1 has no such field
        assert body["response_format"]["type"] == "json_schema"
        assert body["response_format"]["json_schema"]["strict"] is True
        schema = body["response_format"]["json_schema"]["schema"]
        assert schema["properties"].keys() == {"count", "country"} == set(schema["required"])


def test_tools_mode_forces_a_tool_call_with_the_schema(tmp_path: Path) -> None:
    with FakeOpenAIServer(responder=lambda body: {"count": 7}) as srv:
        answer, _ = _ask(srv, tmp_path, mode="tools")
        body = srv.completions[-1].body
    assert body["tools"][0]["function"]["parameters"]["properties"].keys() == {"count", "country"}
    assert answer.value.count == 7


def test_answer_is_validated_into_the_response_model(tmp_path: Path) -> None:
    with FakeOpenAIServer(responder=lambda body: {"count": 12, "country": "Chile"}) as srv:
        answer, _ = _ask(srv, tmp_path, mode="llamacpp")
    assert answer.value.model_dump() == {"count": 12, "country": "Chile"}
    assert answer.usage.calls == 1 and not answer.cached


def test_transient_errors_are_retried_then_succeed(tmp_path: Path) -> None:
    with FakeOpenAIServer(faults=["rate_limit", "server_error", "unavailable", None], retry_after=0) as srv:
        answer, _ = _ask(srv, tmp_path, mode="llamacpp")
        assert len(srv.completions) == 4
    assert isinstance(answer.value, Answer)


def test_retry_after_longer_than_the_cap_fails_at_once_with_the_reason(tmp_path: Path) -> None:
    with FakeOpenAIServer(faults="long_retry_after") as srv:
        started = time.monotonic()
        with pytest.raises(ModelError, match="over the 5 s cap"):
            _ask(srv, tmp_path, mode="llamacpp")
        assert time.monotonic() - started < 4
        assert len(srv.completions) == 1


def test_bad_key_fails_at_once_without_retries(tmp_path: Path) -> None:
    with FakeOpenAIServer(api_key="right", owned_by="openai") as srv:
        with pytest.raises(AuthError, match="HTTP 401"):
            _ask(srv, tmp_path, mode="llamacpp", api_key="wrong")
        assert len(srv.completions) <= 1


def test_transport_retries_are_bounded(tmp_path: Path) -> None:
    with FakeOpenAIServer(faults="server_error") as srv:
        with pytest.raises(ModelError, match="HTTP 500 after 3 attempts"):
            _ask(srv, tmp_path, mode="llamacpp", retries=2)
        assert len(srv.completions) == 3


def test_off_schema_answer_is_reasked_not_emptied(tmp_path: Path) -> None:
    with FakeOpenAIServer(faults=["invalid", None], responder=lambda body: {"count": 3}) as srv:
        answer, _ = _ask(srv, tmp_path, mode="llamacpp")
        assert len(srv.completions) == 2
        # the re-ask tells the model what was wrong
        assert "validation" in json.dumps(srv.completions[1].body["messages"]).lower() or len(
            srv.completions[1].body["messages"]) > len(MESSAGES)
    assert answer.value.count == 3


def test_answers_that_never_validate_become_a_validation_error(tmp_path: Path) -> None:
    with FakeOpenAIServer(faults="invalid") as srv:
        with pytest.raises(ValidationFailed, match="failed validation after 2 attempts"):
            _ask(srv, tmp_path, mode="llamacpp", reasks=1)
        assert len(srv.completions) == 2


def test_truncated_answer_gets_one_larger_token_limit(tmp_path: Path) -> None:
    with FakeOpenAIServer(faults=["truncated", None]) as srv:
        answer, _ = _ask(srv, tmp_path, mode="llamacpp", max_tokens=100)
        limits = [r.body["max_tokens"] for r in srv.completions]
    assert limits == [100, 200]
    assert isinstance(answer.value, Answer)


def test_answer_truncated_twice_is_an_error_saying_so(tmp_path: Path) -> None:
    with FakeOpenAIServer(faults="truncated") as srv:
        with pytest.raises(OutputTruncated, match="max_tokens=200"):
            _ask(srv, tmp_path, mode="llamacpp", max_tokens=100)
        assert len(srv.completions) == 2


def test_article_over_the_context_window_is_refused_before_any_call(tmp_path: Path) -> None:
    long = [{"role": "user", "content": "word " * 5000}]
    with FakeOpenAIServer() as srv:
        with pytest.raises(ContextTooLong, match="context window"):
            _ask(srv, tmp_path, messages=long, mode="llamacpp", context_window=2048)
        assert srv.completions == []


def test_second_identical_request_is_served_from_the_cache(tmp_path: Path) -> None:
    with FakeOpenAIServer(responder=lambda body: {"count": 5}) as srv:
        first, _ = _ask(srv, tmp_path, mode="llamacpp", cache=True, api_key="sk-canary-123")
        second, _ = _ask(srv, tmp_path, mode="llamacpp", cache=True, api_key="sk-canary-123")
        assert len(srv.completions) == 1
    assert second.cached and second.value.model_dump() == first.value.model_dump()
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            assert b"sk-canary-123" not in path.read_bytes()


def test_changed_prompt_misses_the_cache(tmp_path: Path) -> None:
    with FakeOpenAIServer() as srv:
        _ask(srv, tmp_path, mode="llamacpp", cache=True)
        _ask(srv, tmp_path, messages=[*MESSAGES[:1], {"role": "user", "content": "How many now?"}], mode="llamacpp",
             cache=True)
        assert len(srv.completions) == 2


def test_unreachable_server_is_a_model_error(tmp_path: Path) -> None:
    srv = FakeOpenAIServer().start()
    srv.stop()
    with pytest.raises(ModelError, match="cannot reach"):
        _ask(srv, tmp_path, mode="llamacpp", retries=1)
