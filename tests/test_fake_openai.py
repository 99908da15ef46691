"""The fake OpenAI-compatible server behaves as documented, seen through the real openai client and Instructor."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import instructor
import openai
import pytest
from instructor.core import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ConfigDict, ValidationError

from extract.schema import Destination, Person, ReleaseEvent
from extract.testing import (
    FAULT_KINDS,
    FakeOpenAIServer,
    fault_marker,
    find_schema,
    invalid_instance,
    minimal_instance,
    random_faults,
)

SECRET = "sk-test-very-secret-key-1234"


class Item(BaseModel):
    """A small strict model for Instructor round trips."""

    model_config = ConfigDict(extra="forbid")

    title: str
    count: int
    note: str | None = None
    tags: list[str] = []


def _messages(text: str = "An article.") -> list[dict[str, Any]]:
    return [{"role": "system", "content": "Extract."}, {"role": "user", "content": text}]


def _client(srv: FakeOpenAIServer, **kwargs: Any) -> openai.OpenAI:
    kwargs.setdefault("max_retries", 0)
    kwargs.setdefault("timeout", 10.0)
    return openai.OpenAI(base_url=srv.base_url, api_key=SECRET, **kwargs)


def _instructor(srv: FakeOpenAIServer, mode: instructor.Mode = instructor.Mode.JSON, **kwargs: Any) -> Any:
    return instructor.from_openai(_client(srv, **kwargs), mode=mode)


def _ask(client: Any, model: type[BaseModel], text: str = "An article.", **kwargs: Any) -> Any:
    """Instructor Mode.JSON call with the schema passed the llama.cpp way through extra_body."""
    kwargs.setdefault("max_retries", 0)
    return client.chat.completions.create(
        model="fake-model",
        response_model=model,
        messages=_messages(text),
        extra_body={"response_format": {"type": "json_object", "schema": model.model_json_schema()}},
        **kwargs,
    )


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as srv:
        yield srv


# ---------------------------------------------------------------- lifecycle and endpoints


def test_base_url_is_loopback_and_stop_closes_everything() -> None:
    with FakeOpenAIServer() as srv:
        assert srv.base_url == f"http://127.0.0.1:{srv.port}/v1"
        client = _client(srv)
        client.models.list()  # leaves a keep-alive connection open
        port = srv.port
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    time.sleep(0.05)
    assert not [t for t in threading.enumerate() if t.name.startswith("fake-openai")]


@pytest.mark.parametrize("owned_by", ["llamacpp", "me", "library", "openai", "system"])
def test_models_reports_owned_by(owned_by: str) -> None:
    with FakeOpenAIServer(owned_by=owned_by, model="tiny") as srv:
        models = _client(srv).models.list().data
        assert [(m.id, m.owned_by) for m in models] == [("tiny", owned_by)]
        assert srv.counts["models"] == 1


def test_unknown_route_is_404_and_streaming_is_refused(server: FakeOpenAIServer) -> None:
    response = httpx.get(server.base_url + "/nothing")
    assert response.status_code == 404
    assert "error" in response.json()
    with pytest.raises(openai.BadRequestError, match="does not stream"):
        _client(server).chat.completions.create(model="m", messages=_messages(), stream=True)


# ---------------------------------------------------------------- schema-driven default answers


def test_minimal_instance_validates_project_models() -> None:
    for model in (ReleaseEvent, Person, Destination, Item):
        model.model_validate(minimal_instance(model.model_json_schema()))
    person = minimal_instance(Person.model_json_schema())
    assert person == {"name": "x", "status": "released", "role": None, "nationality": None, "evidence": None}
    event = minimal_instance(ReleaseEvent.model_json_schema())
    assert event["evidence"] is None and "people" not in event  # nullable -> null, optional lists omitted


def test_minimal_instance_handles_refs_enums_and_constraints() -> None:
    schema = {
        "$defs": {"Inner": {"type": "object", "properties": {"k": {"enum": ["b", "a"]}}, "required": ["k"]}},
        "type": "object",
        "properties": {
            "inner": {"$ref": "#/$defs/Inner"},
            "many": {"type": "array", "items": {"$ref": "#/$defs/Inner"}, "minItems": 2},
            "day": {"type": "string", "format": "date"},
            "code": {"type": "string", "minLength": 3},
            "n": {"type": "integer", "minimum": 5},
            "maybe": {"type": ["string", "null"]},
            "flag": {"type": "boolean"},
            "optional": {"type": "string"},
        },
        "required": ["inner", "many", "day", "code", "n", "flag"],
    }
    assert minimal_instance(schema) == {
        "inner": {"k": "b"},
        "many": [{"k": "b"}, {"k": "b"}],
        "day": "2024-01-01",
        "code": "xxx",
        "n": 5,
        "maybe": None,
        "flag": False,
    }


def test_invalid_instance_fails_validation() -> None:
    for model in (ReleaseEvent, Person, Item):
        with pytest.raises(ValidationError):
            model.model_validate(invalid_instance(model.model_json_schema()))


def test_find_schema_shapes() -> None:
    schema = Item.model_json_schema()
    assert find_schema({"response_format": {"type": "json_object", "schema": schema}}) == (schema, None)
    assert find_schema({"response_format": {"type": "json_schema", "json_schema": {"schema": schema}}}) == (
        schema, None,
    )
    assert find_schema({"format": schema}) == (schema, None)
    tools = [{"type": "function", "function": {"name": "Item", "parameters": schema}}]
    assert find_schema({"tools": tools}) == (schema, "Item")
    prompt = f"Answer with json that matches this json_schema:\n{json.dumps(schema, indent=2)}\nThanks."
    assert find_schema({"messages": [{"role": "system", "content": prompt}]}) == (schema, None)
    assert find_schema({"messages": [{"role": "user", "content": "no schema {here}"}]}) == (None, None)


def test_instructor_json_mode_default_answer_validates(server: FakeOpenAIServer) -> None:
    client = _instructor(server)
    event = _ask(client, ReleaseEvent)
    assert isinstance(event, ReleaseEvent) and event.people == []
    item = _ask(client, Item)
    assert (item.title, item.count, item.note, item.tags) == ("x", 0, None, [])
    body = server.completions[0].body
    # extra_body's response_format replaces Instructor's {"type": "json_object"}; the schema is also in the prompt
    assert body["response_format"] == {"type": "json_object", "schema": ReleaseEvent.model_json_schema()}
    assert "json_schema" in body["messages"][0]["content"]
    assert server.counts["ok"] == 2


def test_instructor_json_mode_without_extra_body_reads_schema_from_prompt(server: FakeOpenAIServer) -> None:
    client = _instructor(server)
    item = client.chat.completions.create(model="m", response_model=Item, messages=_messages(), max_retries=0)
    assert item.title == "x"
    assert server.completions[0].body["response_format"] == {"type": "json_object"}


def test_instructor_json_schema_mode(server: FakeOpenAIServer) -> None:
    client = _instructor(server, mode=instructor.Mode.JSON_SCHEMA)
    item = client.chat.completions.create(model="m", response_model=Item, messages=_messages(), max_retries=0)
    assert item.count == 0
    response_format = server.completions[0].body["response_format"]
    assert response_format["type"] == "json_schema" and response_format["json_schema"]["name"] == "Item"


def test_instructor_tools_mode_answers_with_tool_calls(server: FakeOpenAIServer) -> None:
    client = _instructor(server, mode=instructor.Mode.TOOLS)
    event, completion = client.chat.completions.create_with_completion(
        model="m", response_model=ReleaseEvent, messages=_messages(), max_retries=0
    )
    assert isinstance(event, ReleaseEvent)
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls" and choice.message.content is None
    assert choice.message.tool_calls[0].function.name == "ReleaseEvent"


def test_ollama_format_shape(server: FakeOpenAIServer) -> None:
    completion = _client(server).chat.completions.create(
        model="m", messages=_messages(), extra_body={"format": Item.model_json_schema()}
    )
    assert Item.model_validate_json(completion.choices[0].message.content or "").title == "x"
    assert completion.usage is not None and completion.usage.total_tokens > 0


# ---------------------------------------------------------------- scripted answers


def test_responder_scripts_answers_per_article() -> None:
    def responder(body: dict[str, Any]) -> str | dict[str, Any] | None:
        text = body["messages"][-1]["content"]
        if "Minsk" in text:
            return {"title": "minsk", "count": 14}
        if "Caracas" in text:
            return json.dumps({"title": "caracas", "count": 3, "tags": ["a"]})
        return None  # default schema answer

    with FakeOpenAIServer(responder=responder) as srv:
        client = _instructor(srv)
        assert _ask(client, Item, "News from Minsk.").model_dump() == {
            "title": "minsk", "count": 14, "note": None, "tags": [],
        }
        assert _ask(client, Item, "News from Caracas.").tags == ["a"]
        assert _ask(client, Item, "Elsewhere.").title == "x"


def test_responder_error_becomes_500_and_is_kept() -> None:
    def responder(body: dict[str, Any]) -> str:
        raise RuntimeError("script bug")

    with FakeOpenAIServer(responder=responder) as srv:
        with pytest.raises(openai.InternalServerError):
            _client(srv).chat.completions.create(model="m", messages=_messages())
        assert [str(e) for e in srv.errors] == ["script bug"]


# ---------------------------------------------------------------- faults, one kind at a time


def _raw(srv: FakeOpenAIServer, **kwargs: Any) -> Any:
    return _client(srv, **kwargs).chat.completions.create(model="m", messages=_messages())


def test_fault_rate_limit_has_retry_after() -> None:
    with FakeOpenAIServer(faults=["rate_limit"], retry_after=7) as srv:
        with pytest.raises(openai.RateLimitError) as info:
            _raw(srv)
        assert info.value.status_code == 429
        assert info.value.response.headers["retry-after"] == "7"
        assert info.value.code == "rate_limit_exceeded"
        assert _raw(srv).choices[0].finish_reason == "stop"  # the schedule is over
        assert srv.counts["rate_limit"] == 1 and srv.counts["ok"] == 1


def test_openai_client_honours_short_retry_after() -> None:
    with FakeOpenAIServer(faults=["rate_limit"], retry_after=0.2) as srv:
        started = time.perf_counter()
        assert _raw(srv, max_retries=1).choices[0].finish_reason == "stop"
        assert time.perf_counter() - started >= 0.2
        assert srv.counts["chat_completions"] == 2


def test_fault_long_retry_after_fails_promptly_even_with_client_retries() -> None:
    with FakeOpenAIServer(faults=["long_retry_after"]) as srv:
        started = time.perf_counter()
        with pytest.raises(openai.RateLimitError) as info:
            _raw(srv, max_retries=3)  # openai does not retry when Retry-After exceeds its 120 s cap
        assert time.perf_counter() - started < 2
        assert info.value.response.headers["retry-after"] == "3600"
        assert srv.counts["chat_completions"] == 1


@pytest.mark.parametrize(("kind", "status"), [("server_error", 500), ("unavailable", 503)])
def test_fault_5xx(kind: str, status: int) -> None:
    with FakeOpenAIServer(faults=kind) as srv:
        with pytest.raises(openai.InternalServerError) as info:
            _raw(srv)
        assert info.value.status_code == status
        assert srv.counts[kind] == 1


def test_fault_timeout_then_server_stops_promptly() -> None:
    srv = FakeOpenAIServer(faults=["timeout"], timeout_delay=30).start()
    try:
        started = time.perf_counter()
        with pytest.raises(openai.APITimeoutError):
            _raw(srv, timeout=0.3)
        assert time.perf_counter() - started < 2
    finally:
        started = time.perf_counter()
        srv.stop()
        assert time.perf_counter() - started < 2  # the sleeping handler is woken, not waited for


def test_fault_timeout_answers_after_the_delay() -> None:
    with FakeOpenAIServer(faults=["timeout"], timeout_delay=0.3) as srv:
        started = time.perf_counter()
        assert _raw(srv).choices[0].finish_reason == "stop"
        assert time.perf_counter() - started >= 0.3


def test_fault_reset_is_a_connection_error() -> None:
    with FakeOpenAIServer(faults=["reset"]) as srv:
        with pytest.raises(openai.APIConnectionError) as info:
            _raw(srv)
        assert not isinstance(info.value, openai.APITimeoutError)
        assert _raw(srv).choices[0].finish_reason == "stop"  # the server keeps serving


def test_fault_malformed_json() -> None:
    with FakeOpenAIServer(faults=["malformed_json"]) as srv:
        with pytest.raises(json.JSONDecodeError):  # openai raises the decoder error itself, not an APIError
            _raw(srv)


def test_instructor_resends_after_malformed_json() -> None:
    with FakeOpenAIServer(faults=["malformed_json"]) as srv:
        assert _ask(_instructor(srv), Item, max_retries=1).title == "x"
        assert srv.counts["chat_completions"] == 2
        first, second = srv.completions
        assert first.body["messages"] == second.body["messages"]  # resent as is, no re-ask message


def test_fault_invalid_fails_validation_then_instructor_reasks() -> None:
    with FakeOpenAIServer(faults=["invalid", "invalid"]) as srv:
        client = _instructor(srv)
        with pytest.raises(InstructorRetryException) as info:
            _ask(client, Item)
        assert isinstance(info.value.__cause__, ValidationError)
        assert "unexpected_key" in str(info.value)
        assert _ask(client, Item, max_retries=1).title == "x"  # second "invalid", then a good answer
        assert srv.counts["chat_completions"] == 3
        reask = srv.completions[-1].body["messages"]
        assert reask[-2]["role"] == "assistant" and "unexpected_key" in reask[-2]["content"]
        assert reask[-1]["role"] == "user" and "Correct your JSON" in reask[-1]["content"]


def test_fault_invalid_custom_content() -> None:
    with FakeOpenAIServer(faults="invalid", invalid_content={"title": 5}) as srv:
        assert json.loads(_raw(srv).choices[0].message.content) == {"title": 5}


def test_fault_truncated() -> None:
    with FakeOpenAIServer(faults=["truncated", "truncated"]) as srv:
        completion = _client(srv).chat.completions.create(
            model="m", messages=_messages(), max_tokens=64,
            response_format={"type": "json_object", "schema": Item.model_json_schema()},  # type: ignore[typeddict-unknown-key]
        )
        choice = completion.choices[0]
        assert choice.finish_reason == "length"
        assert completion.usage is not None and completion.usage.completion_tokens == 64
        with pytest.raises(json.JSONDecodeError):
            json.loads(choice.message.content or "")
        with pytest.raises(IncompleteOutputException):  # raised as is, never re-asked
            _ask(_instructor(srv), Item, max_retries=3)
        assert srv.counts["chat_completions"] == 2


def test_fault_oversized_default_is_over_20_mib() -> None:
    with FakeOpenAIServer(faults="oversized") as srv:
        with httpx.stream("POST", srv.base_url + "/chat/completions", json={"messages": []}) as response:
            assert response.status_code == 200
            assert int(response.headers["content-length"]) > 20 * 1024 * 1024
            next(response.iter_bytes())  # read a little, then hang up mid-body
        srv.faults = None
        assert _raw(srv).choices[0].finish_reason == "stop"  # still serving after the aborted transfer


def test_fault_oversized_is_a_valid_completion_that_fails_validation() -> None:
    with FakeOpenAIServer(faults="oversized", oversized_bytes=3 * 1024 * 1024) as srv:
        completion = _raw(srv)
        assert len(completion.choices[0].message.content or "") > 3 * 1024 * 1024 - 1000
        with pytest.raises(InstructorRetryException):
            _ask(_instructor(srv), Item)


def test_fault_unauthorized() -> None:
    with FakeOpenAIServer(faults=["unauthorized"]) as srv:
        with pytest.raises(openai.AuthenticationError) as info:
            _raw(srv)
        assert info.value.status_code == 401 and info.value.code == "invalid_api_key"


def test_api_key_check() -> None:
    with FakeOpenAIServer(api_key=SECRET) as srv:
        assert _raw(srv).choices[0].finish_reason == "stop"
        bad = openai.OpenAI(base_url=srv.base_url, api_key="wrong", max_retries=0)
        with pytest.raises(openai.AuthenticationError):
            bad.chat.completions.create(model="m", messages=_messages())
        assert srv.counts["unauthorized"] == 1


def test_instructor_does_not_retry_api_errors() -> None:
    with FakeOpenAIServer(faults=["server_error"]) as srv:
        with pytest.raises(InstructorRetryException) as info:
            _ask(_instructor(srv), Item, max_retries=3)
        assert isinstance(info.value.__cause__, openai.InternalServerError)
        assert srv.counts["chat_completions"] == 1


# ---------------------------------------------------------------- how faults are scheduled


def test_faults_by_mapping_and_callable() -> None:
    with FakeOpenAIServer(faults={1: "server_error"}) as srv:
        _raw(srv)
        with pytest.raises(openai.InternalServerError):
            _raw(srv)
        _raw(srv)
    seen: list[int] = []

    def decide(n: int, body: dict[str, Any]) -> str | None:
        seen.append(n)
        return "unavailable" if "please fail" in json.dumps(body) else None

    with FakeOpenAIServer(faults=decide) as srv:
        _raw(srv)
        with pytest.raises(openai.InternalServerError):
            _client(srv).chat.completions.create(model="m", messages=_messages("please fail"))
        assert seen == [0, 1]
        assert [r.fault for r in srv.completions] == [None, "unavailable"]


def test_fault_markers_in_article_text() -> None:
    with FakeOpenAIServer() as srv:
        client = _client(srv)
        always = f"Article {fault_marker('server_error')} text."
        for _ in range(2):
            with pytest.raises(openai.InternalServerError):
                client.chat.completions.create(model="m", messages=_messages(always))
        once = f"Another article {fault_marker('rate_limit', 1)}."
        with pytest.raises(openai.RateLimitError):
            client.chat.completions.create(model="m", messages=_messages(once))
        client.chat.completions.create(model="m", messages=_messages(once))  # the marker is used up
        other = f"A different article {fault_marker('rate_limit', 1)}."
        with pytest.raises(openai.RateLimitError):  # counted per message text
            client.chat.completions.create(model="m", messages=_messages(other))
        srv.clear()
        with pytest.raises(openai.RateLimitError):  # clear() forgets marker uses
            client.chat.completions.create(model="m", messages=_messages(once))


def test_fault_markers_can_be_disabled_and_unknown_kinds_are_loud() -> None:
    with FakeOpenAIServer(fault_markers=False) as srv:
        _client(srv).chat.completions.create(model="m", messages=_messages("[[fault:server_error]]"))
    with FakeOpenAIServer() as srv:
        with pytest.raises(openai.InternalServerError):
            _client(srv).chat.completions.create(model="m", messages=_messages("[[fault:bogus]]"))
        assert "bogus" in str(srv.errors[0])
    with pytest.raises(ValueError):
        fault_marker("bogus")


def test_random_faults_is_deterministic_and_near_the_rate() -> None:
    decide = random_faults(0.2, seed=3)
    picks = [decide(n, {}) for n in range(2000)]
    assert picks == [random_faults(0.2, seed=3)(n, {}) for n in range(2000)]
    share = sum(p is not None for p in picks) / len(picks)
    assert 0.15 < share < 0.25
    assert {p for p in picks if p} == set(FAULT_KINDS)


# ---------------------------------------------------------------- recording


def test_records_requests_with_authorization_redacted(server: FakeOpenAIServer) -> None:
    _ask(_instructor(server), Item)
    _client(server).models.list()
    requests = server.requests
    assert [(r.method, r.path) for r in requests] == [("POST", "/v1/chat/completions"), ("GET", "/v1/models")]
    assert requests[0].body["model"] == "fake-model" and requests[0].index == 0
    assert {k.lower(): v for k, v in requests[0].headers.items()}["authorization"] == "REDACTED"
    assert SECRET not in repr(requests)
    assert server.counts == {"requests": 2, "chat_completions": 1, "models": 1, "ok": 1}


def test_record_requests_off_keeps_counts() -> None:
    with FakeOpenAIServer(record_requests=False) as srv:
        _raw(srv)
        assert srv.requests == [] and srv.counts["chat_completions"] == 1


# ---------------------------------------------------------------- latency and concurrency


def test_latency_and_64_concurrent_requests() -> None:
    latency, concurrency = 0.3, 64

    async def run(srv: FakeOpenAIServer) -> float:
        client = openai.AsyncOpenAI(base_url=srv.base_url, api_key=SECRET, max_retries=0, timeout=30)
        client_instructor = instructor.from_openai(client, mode=instructor.Mode.JSON)
        started = time.perf_counter()
        results = await asyncio.gather(*(
            client_instructor.chat.completions.create(
                model="m", response_model=Item, messages=_messages(f"article {i}"), max_retries=0
            )
            for i in range(concurrency)
        ))
        elapsed = time.perf_counter() - started
        await client.close()
        assert len(results) == concurrency
        return elapsed

    with FakeOpenAIServer(latency=latency) as srv:
        elapsed = asyncio.run(run(srv))
        assert srv.max_in_flight == concurrency
        # All 64 were in flight at once (served side by side); no upper time bound: machines are noisy.
        assert latency <= elapsed
        assert srv.counts["ok"] == concurrency


# ---------------------------------------------------------------- command line


def test_command_line_server() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "extract.testing.fake_openai", "--owned-by", "llamacpp"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        client = openai.OpenAI(base_url=base_url, api_key=SECRET, max_retries=0)
        assert client.models.list().data[0].owned_by == "llamacpp"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=10)
        assert process.returncode == 0
        assert json.loads(stderr.strip().splitlines()[-1])["models"] == 1
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
