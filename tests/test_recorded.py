"""Replays of real traffic with the embedded llama.cpp server (SmolLM2-135M), recorded by vcrpy.

Replay (the default, and in CI): record mode "none", matching on method, path and body, so a
changed prompt or schema fails loudly instead of replaying a stale answer. Re-record with
`make cassettes` (starts the real embedded server on loopback; about a minute).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import vcr
from vcr.record_mode import RecordMode

from extract import Extractor, Settings
from extract.backends.embedded import EmbeddedServer

CASSETTES = Path(__file__).parent / "cassettes"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
RECORDING = os.environ.get("EXTRACT_RECORD") == "1"
SECRET_RESPONSE_HEADERS = ("set-cookie", "openai-organization", "openai-project", "x-request-id", "cf-ray")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_RESPONSE_HEADERS:
            del headers[name]
    return response


def _recorder() -> vcr.VCR:
    return vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=RecordMode.ALL if RECORDING else RecordMode.NONE,
        match_on=("method", "path", "body"),
        filter_headers=["authorization", "api-key", "x-api-key", "cookie"],
        before_record_response=_scrub_response,
        decode_compressed_response=True,
    )


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    if RECORDING:
        with EmbeddedServer("smollm2-135m") as server:
            yield server.base_url
    else:
        yield "http://127.0.0.1:9/v1"  # never contacted: vcrpy answers from the cassette


def _settings(base_url: str, tmp_path: Path, strategy: str) -> Settings:
    # model name = the embedded server's alias, so the recorded bodies match on replay
    return Settings(base_url=base_url, model="smollm2-135m", mode="llamacpp", strategy=strategy,  # type: ignore[arg-type]
                    cache=False, cache_dir=tmp_path, retries=0, api_key="sk-recorded-never-real",
                    timeout=900.0 if RECORDING else None)  # a shared CPU can be slow while recording


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def test_single_call_with_the_whole_schema_on_the_tiny_model_gives_a_valid_record(base_url: str, tmp_path: Path) -> None:
    with _recorder().use_cassette("single_smollm2_seed002.yaml"), Extractor(_settings(base_url, tmp_path, "single")) as ex:
        record = ex.extract(_seed("002_8b19bb4c4ffb7a67.txt"), id="002")
    # A 135M model asked for the whole schema returns a (nearly) empty record: valid, never invented.
    assert record.status == "ok", record.error
    assert record.event is not None
    assert record.usage.calls >= 1 and record.usage.prompt_tokens > 1000
    assert record.grounding is not None and not record.grounding.ungrounded_people


def test_multipass_questions_on_the_tiny_model_replay(base_url: str, tmp_path: Path) -> None:
    with _recorder().use_cassette("multipass_smollm2_seed000.yaml"), Extractor(
        _settings(base_url, tmp_path, "multipass")
    ) as ex:
        record = ex.extract(_seed("000_54dc7841a0a9d835.txt"), id="000")
    # The recorded model listed no names, so only the three article-level questions were asked, and
    # its answers must come through validated into the event (never re-asked, never emptied).
    assert record.status == "ok", record.error
    assert record.event is not None and record.usage.calls == 3
    assert record.event.people == []
    assert record.event.releasing_country is not None and record.event.remaining_prisoners is not None


def test_replay_fails_loudly_when_the_prompt_changes(base_url: str, tmp_path: Path) -> None:
    if RECORDING:
        pytest.skip("only meaningful on replay")
    with _recorder().use_cassette("single_smollm2_seed002.yaml"), Extractor(_settings(base_url, tmp_path, "single")) as ex:
        record = ex.extract(_seed("002_8b19bb4c4ffb7a67.txt") + " One more sentence.", id="002")
    assert record.status == "error" and record.error is not None
    assert record.error.type == "model_error"  # vcrpy refused the unmatched request
