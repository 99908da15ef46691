"""`extract run --base-url URL --model M` (no --mode) against a fake of each server kind users run.

Each fake refuses what the real server refuses, with its real error text, and ignores what it ignores
(`extract.testing.fake_openai.PROFILES`). The bodies the tool sends are checked against each server's
own request model where it is installable (llama-cpp-python's), OpenAI's strict-schema rules, and the
documented chat-completion fields otherwise.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extract import load_records
from extract.cli import cli
from extract.testing.fake_openai import (
    PROFILES,
    FakeOpenAIServer,
    RecordedRequest,
    ServerProfile,
    strict_schema_problems,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DOCUMENTED_FIELDS = {
    "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "seed", "response_format",
    "tools", "tool_choice", "stream", "n", "top_p", "stop",
}
EXPECTED_SHAPE = {
    "openai": "json_schema", "openai-reasoning": "json_schema", "vllm": "json_schema", "lmstudio": "json_schema",
    "ollama": "json_schema", "gemini": "json_schema", "llama-server": "llamacpp", "llama-cpp-python": "llamacpp",
    "deepseek": "json", "anthropic": "tools",
}


def _articles(tmp_path: Path, count: int = 3) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:count]:
        shutil.copy(path, folder / path.name)
    return folder


def _run(srv: FakeOpenAIServer, tmp_path: Path, *extra: str, out: Path | None = None,
         inputs: Path | None = None) -> tuple[Any, Path]:
    out = out or tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, [
        "run", str(inputs or _articles(tmp_path)), "-o", str(out), "--base-url", srv.base_url,
        "--model", srv.model, "--cache-dir", str(tmp_path / "cache"), "--api-key", "sk-test", *extra,
    ])
    return result, out


def _system_text(request: RecordedRequest) -> str:
    return "\n".join(str(m.get("content")) for m in request.body["messages"] if m.get("role") == "system")


def _check_contract(kind: str, requests: list[RecordedRequest]) -> None:
    for request in requests:
        body = request.body
        assert set(body) <= DOCUMENTED_FIELDS, sorted(set(body) - DOCUMENTED_FIELDS)
        if kind in ("llama-cpp-python", "llama-server"):
            from llama_cpp.server.types import CreateChatCompletionRequest

            CreateChatCompletionRequest.model_validate(body)  # its own request model
            assert body["response_format"]["type"] == "json_object" and body["response_format"]["schema"]
        shape = body.get("response_format", {}).get("type")
        if shape == "json_schema":
            spec = body["response_format"]["json_schema"]
            assert spec["strict"] is True and strict_schema_problems(spec["schema"]) == []
            # constrained decoding hides the field descriptions: the prompt carries them
            assert "What each field means" in _system_text(request) and "people[].status" in _system_text(request)
            assert "$defs" not in json.dumps(body["messages"])  # and no schema pasted into the prompt
        for tool in body.get("tools") or []:
            assert tool["function"]["strict"] is True
            assert strict_schema_problems(tool["function"]["parameters"]) == []
            assert body["tool_choice"] == {"type": "function", "function": {"name": tool["function"]["name"]}}


@pytest.mark.parametrize("kind", sorted(PROFILES))
def test_every_server_kind_gives_ok_records_with_no_mode_given(kind: str, tmp_path: Path) -> None:
    with FakeOpenAIServer(profile=kind) as srv:
        result, out = _run(srv, tmp_path, "--concurrency", "1")
        requests = srv.completions
        rejected = srv.counts["rejected"]
    assert result.exit_code == 0, result.output
    records = load_records(out)
    assert len(records) == 3 and all(r.status == "ok" for r in records), [r.error for r in records]
    assert {r.request_shape for r in records} == {EXPECTED_SHAPE[kind]}
    accepted = [r for r in requests if r.fault is None]
    _check_contract(kind, accepted)
    if kind == "openai-reasoning":  # max_tokens renamed, temperature dropped: once each for the whole run
        order = [r.fault for r in requests]
        assert 2 <= rejected <= 4 and "rejected" not in order[order.index(None):]  # (older Instructor sends a 400 twice)
        assert all("max_tokens" not in r.body and "temperature" not in r.body for r in accepted)
        assert all(r.body["max_completion_tokens"] == 1024 for r in accepted)
        assert all(r.usage.reasoning_tokens > 0 for r in records)
    else:
        assert rejected == 0


def test_ollama_gets_no_format_field_and_a_prompt_that_fits_its_default_context(tmp_path: Path) -> None:
    with FakeOpenAIServer(profile="ollama") as srv:
        result, _ = _run(srv, tmp_path)
        bodies = [r.body for r in srv.completions]
    assert result.exit_code == 0, result.output
    for body in bodies:
        assert "format" not in body and body["response_format"]["type"] == "json_schema"
        assert sum(len(str(m["content"])) for m in body["messages"]) // 4 < 4096


def test_deepseek_gets_json_object_with_the_schema_and_the_word_json_in_the_prompt(tmp_path: Path) -> None:
    with FakeOpenAIServer(profile="deepseek") as srv:
        result, _ = _run(srv, tmp_path)
        body = srv.completions[0].body
    assert result.exit_code == 0, result.output
    assert body["response_format"] == {"type": "json_object"}
    prompt = json.dumps(body["messages"])
    assert "json" in prompt.lower() and "released_count" in prompt


def test_a_refused_shape_falls_back_once_and_the_record_says_which_shape_was_used(tmp_path: Path) -> None:
    # DeepSeek's behaviour behind a URL and model id that do not say DeepSeek: auto first tries json_schema
    disguised = ServerProfile("proxy", "house-model", "acme", PROFILES["deepseek"].rejects,
                              needs_json_word=True, enforces=())
    with FakeOpenAIServer(profile=disguised) as srv:
        result, out = _run(srv, tmp_path, "--concurrency", "1")
        rejected = srv.counts["rejected"]
        shapes = [("tools" if r.body.get("tools") else r.body["response_format"]["type"]) for r in srv.completions]
    assert result.exit_code == 0, result.output
    first_tools = shapes.index("tools")
    assert 1 <= rejected <= 2 and set(shapes[:first_tools]) == {"json_schema"} and set(shapes[first_tools:]) == {"tools"}
    assert {r.request_shape for r in load_records(out)} == {"tools"}


def test_without_a_schema_the_model_can_see_anthropics_api_answers_prose_so_json_schema_fails(tmp_path: Path) -> None:
    # the fake is faithful: forcing the json_schema shape there fails validation, which is why auto sends tools
    with FakeOpenAIServer(profile="anthropic") as srv:
        result, out = _run(srv, tmp_path, "--mode", "json_schema", "--concurrency", "1")
    assert result.exit_code == 1
    assert {r.error.type for r in load_records(out) if r.error} == {"validation_error"}


def test_llama_cpp_python_refuses_json_schema_with_its_422(tmp_path: Path) -> None:
    with FakeOpenAIServer(profile="llama-cpp-python") as srv:
        result, out = _run(srv, tmp_path, "--mode", "json_schema", "--concurrency", "1")
    assert result.exit_code == 3  # the same refusal on the first three articles: the run stops
    errors = [r.error for r in load_records(out) if r.error]
    assert errors and "HTTP 422" in errors[0].message and "json_object" in errors[0].message


def test_strict_schema_errors_are_not_mistaken_for_a_context_overflow(tmp_path: Path) -> None:
    def refuse(body: dict[str, Any]) -> tuple[int, bytes]:
        message = ("Invalid schema for response_format 'ReleaseEvent': In context=(), 'required' is required to be "
                   "supplied and to be an array including every key in properties. Missing 'people'.")
        return 400, json.dumps({"error": {"message": message, "type": "invalid_request_error",
                                          "param": "response_format", "code": None}}).encode()

    with FakeOpenAIServer(profile=ServerProfile("strict", "gpt-4o", "system", refuse)) as srv:
        result, out = _run(srv, tmp_path, "--mode", "json_schema", "--concurrency", "1")
    assert result.exit_code in (1, 3)
    assert {r.error.type for r in load_records(out) if r.error} == {"model_error"}


def test_temperature_seed_and_max_tokens_can_each_be_left_out(tmp_path: Path) -> None:
    with FakeOpenAIServer(profile="vllm") as srv:
        result, _ = _run(srv, tmp_path, "--temperature", "none", "--seed", "none", "--max-tokens", "none")
        bodies = [r.body for r in srv.completions]
    assert result.exit_code == 0, result.output
    assert all(not {"temperature", "seed", "max_tokens", "max_completion_tokens"} & set(b) for b in bodies)
    (tmp_path / "b").mkdir()
    with FakeOpenAIServer(profile="vllm") as srv:
        _run(srv, tmp_path / "b", "--temperature", "0.3", "--seed", "7", "--max-tokens", "300")
        body = srv.completions[0].body
    assert (body["temperature"], body["seed"], body["max_tokens"]) == (0.3, 7, 300)


def test_a_wrong_api_key_stops_the_run_fast_and_resume_with_the_right_key_completes_it(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text()
    for i in range(50):
        (folder / f"a{i:02d}.txt").write_text(f"{text}\n\nItem {i}.")
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(profile="openai", api_key="sk-right") as srv:
        started = time.monotonic()
        runner = CliRunner()
        wrong = runner.invoke(cli, ["run", str(folder), "-o", str(out), "--base-url", srv.base_url, "--model",
                                    srv.model, "--cache-dir", str(tmp_path / "cache"), "--api-key", "sk-wrong"])
        elapsed = time.monotonic() - started
        assert wrong.exit_code == 3, wrong.output
        assert elapsed < 5
        assert srv.counts["chat_completions"] == 0  # the key was refused on GET /models already
        lines = [line for line in wrong.output.splitlines() if line.strip()]
        assert len(lines) == 1 and "API key" in lines[0] and "--resume" in lines[0]
        assert len(load_records(out)) < 50  # the rest is left for --resume, no error records for them

        right = runner.invoke(cli, ["run", str(folder), "-o", str(out), "--base-url", srv.base_url, "--model",
                                    srv.model, "--cache-dir", str(tmp_path / "cache"), "--api-key", "sk-right",
                                    "--resume"])
    assert right.exit_code == 0, right.output
    records = load_records(out)
    assert len(records) == 50 and {r.id for r in records} == {f"a{i:02d}" for i in range(50)}
    assert all(r.status == "ok" for r in records)


def test_the_same_refusal_on_the_first_articles_stops_the_run(tmp_path: Path) -> None:
    def refuse(body: dict[str, Any]) -> tuple[int, bytes]:
        return 400, json.dumps({"error": {"message": "The model `m` does not exist", "type": "invalid_request_error",
                                          "param": None, "code": "model_not_found"}}).encode()

    folder = _articles(tmp_path, 5)
    with FakeOpenAIServer(profile=ServerProfile("nomodel", "m", "vllm", refuse)) as srv:
        result, out = _run(srv, tmp_path, "--concurrency", "1", inputs=folder)
    assert result.exit_code == 3, result.output
    assert len(load_records(out)) == 3  # the first three; the other two are left for --resume


def test_output_dash_writes_jsonl_to_stdout(tmp_path: Path) -> None:
    with FakeOpenAIServer(profile="vllm") as srv:
        result = CliRunner().invoke(cli, [
            "run", str(_articles(tmp_path)), "-o", "-", "--base-url", srv.base_url, "--model", srv.model,
            "--cache-dir", str(tmp_path / "cache"), "--no-progress",
        ])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 3 and all(line["status"] == "ok" for line in lines)
    assert not Path("-").exists()


def test_usage_counts_reasks_and_the_calls_of_error_records(tmp_path: Path) -> None:
    with FakeOpenAIServer(profile="vllm", faults=["invalid", None]) as srv:
        result, out = _run(srv, tmp_path, "--concurrency", "1", inputs=_articles(tmp_path, 1))
    assert result.exit_code == 0
    (record,) = load_records(out)
    assert record.usage.calls == 2 and record.usage.prompt_tokens > 0  # the re-ask was billed too
    with FakeOpenAIServer(profile="vllm", faults="invalid") as srv:
        result, out = _run(srv, tmp_path, "--concurrency", "1", out=tmp_path / "bad.jsonl",
                           inputs=tmp_path / "in")
    (record,) = load_records(out)
    assert record.status == "error" and record.usage.calls == 3 and record.usage.total_tokens > 0


def test_an_unreachable_host_stops_the_run_at_once(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    result = CliRunner().invoke(cli, [
        "run", str(_articles(tmp_path)), "-o", str(tmp_path / "o.jsonl"), "--base-url", f"http://127.0.0.1:{port}/v1",
        "--model", "m", "--cache-dir", str(tmp_path / "cache"),
    ])
    assert result.exit_code == 3, result.output
    assert time.monotonic() - started < 5
    assert "cannot reach" in result.output and "--resume" in result.output


def test_a_cached_rerun_asks_the_server_nothing_not_even_models(tmp_path: Path) -> None:
    with FakeOpenAIServer(profile="vllm") as srv:
        first, _ = _run(srv, tmp_path)
        before = srv.counts["requests"]
        again, _ = _run(srv, tmp_path, out=tmp_path / "again.jsonl", inputs=tmp_path / "in")
        assert srv.counts["requests"] == before  # the shape was remembered with the answers
    assert first.exit_code == again.exit_code == 0
    assert {r.request_shape for r in load_records(tmp_path / "again.jsonl")} == {"json_schema"}


def test_anthropic_is_recognised_by_its_model_id_without_asking_models(tmp_path: Path) -> None:
    with FakeOpenAIServer(profile="anthropic") as srv:
        result, _ = _run(srv, tmp_path)
        assert srv.counts["models"] == 0
    assert result.exit_code == 0, result.output


def test_concurrent_requests_refused_for_the_same_parameter_all_recover(tmp_path: Path) -> None:
    with FakeOpenAIServer(profile="openai-reasoning", latency=0.2) as srv:
        result, out = _run(srv, tmp_path, "--concurrency", "4", inputs=_articles(tmp_path, 5))
    assert result.exit_code == 0, result.output
    assert all(r.status == "ok" for r in load_records(out))


def test_usage_keeps_the_tokens_of_a_truncated_first_attempt(tmp_path: Path) -> None:
    with FakeOpenAIServer(profile="vllm", faults=["truncated", None]) as srv:
        result, out = _run(srv, tmp_path, "--concurrency", "1", "--max-tokens", "200",
                           inputs=_articles(tmp_path, 1))
        limits = [r.body["max_tokens"] for r in srv.completions]
    assert result.exit_code == 0, result.output
    (record,) = load_records(out)
    assert limits == [200, 400]  # one larger limit after the cut-off answer
    assert record.usage.calls == 2 and record.usage.completion_tokens >= 200  # the cut-off answer was billed
