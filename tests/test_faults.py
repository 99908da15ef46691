"""Batch runs that survive faults: every fault kind of the fake server over 200 articles, a real
`extract run` process killed with SIGKILL midway, and the response guard (size cap, malformed JSON).

Exactly one record per article, always: an event, or an error record saying why.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import openai
import pytest

from extract import Settings, load_records, run_batch
from extract.backends.openai_compat import MalformedResponse, ResponseTooLarge, response_guard
from extract.domains.release.schema import Record
from extract.testing.fake_openai import FakeOpenAIServer, fault_marker

ROOT = Path(__file__).resolve().parent.parent

RETRIES = 1  # two transport attempts per request
REASKS = 1  # two Instructor attempts per transport attempt
TIMEOUT = 2.0  # client timeout; the server's `timeout` fault waits longer

# How many requests fail an article for the whole first run, by fault kind: transport faults are
# retried (RETRIES + 1 attempts), invalid answers re-asked (REASKS + 1), a truncated answer gets one
# larger token limit (2 requests); an oversized body and a Retry-After over the cap are not retried.
PERSISTENT = {
    "rate_limit": RETRIES + 1,
    "server_error": RETRIES + 1,
    "unavailable": RETRIES + 1,
    "timeout": RETRIES + 1,
    "reset": RETRIES + 1,
    "malformed_json": RETRIES + 1,
    "invalid": REASKS + 1,
    "truncated": 2,
    "oversized": 1,
    "long_retry_after": 1,
}
NOT_RETRIED = {"oversized", "long_retry_after"}

# The reason each kind leaves in an error record.
REASONS = {
    "rate_limit": ("model_error", r"HTTP 429 after 2 attempts"),
    "server_error": ("model_error", r"HTTP 500 after 2 attempts"),
    "unavailable": ("model_error", r"HTTP 503 after 2 attempts"),
    "timeout": ("model_error", r"timed out after 2 s \(2 attempts\)"),
    "reset": ("model_error", r"cannot reach the model server \(2 attempts\)"),
    "malformed_json": ("model_error", r"malformed response \(2 attempts\).*not valid JSON"),
    "invalid": ("validation_error", r"failed validation after 2 attempts"),
    "truncated": ("output_truncated", r"cut off at the token limit"),
    "oversized": ("model_error", r"too large.*over the 8 MiB response limit"),
    "long_retry_after": ("model_error", r"retry after 3600 s, over the 2 s cap"),
}

SENTENCES = (
    "Officials said {n} detainees were freed on a {day} after weeks of talks.",
    "A spokesperson declined to name those released.",
    "Relatives waited outside the detention centre for most of the day.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _text(i: int) -> str:
    """A short synthetic article (no real news), unique per index."""
    return " ".join(s.format(n=i % 40 + 2, day=DAYS[i % 5]) for s in SENTENCES) + f" Bulletin number {i}."


def _fault_plan() -> dict[str, tuple[str, str] | None]:
    """Article id -> (fault kind, "persistent" or "transient") for 40 of 200 articles, else None."""
    plan: dict[str, tuple[str, str] | None] = {f"a{i:03d}": None for i in range(200)}
    for k, kind in enumerate(PERSISTENT):
        for j, lasting in enumerate(("persistent", "persistent", "transient", "transient")):
            plan[f"a{k * 20 + j * 5 + 1:03d}"] = (kind, lasting)
    return plan


def _write_articles(folder: Path, plan: dict[str, tuple[str, str] | None]) -> None:
    folder.mkdir()
    for i, (article_id, fault) in enumerate(plan.items()):
        text = _text(i)
        if fault is not None:
            kind, lasting = fault
            times = PERSISTENT[kind] if lasting == "persistent" else 1
            text += " " + fault_marker(kind, times)
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")


def _by_id(records: list[Record]) -> dict[str, Record]:
    ids = [r.id for r in records]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate records for {duplicates}"
    return {r.id: r for r in records}


def test_200_articles_with_every_fault_kind_give_200_records_and_resume_turns_errors_into_events(
    tmp_path: Path,
) -> None:
    plan = _fault_plan()
    assert sum(f is not None for f in plan.values()) == 40 and {f[0] for f in plan.values() if f} == set(PERSISTENT)
    folder = tmp_path / "articles"
    _write_articles(folder, plan)
    out = tmp_path / "out.jsonl"
    settings = Settings(
        base_url="", model="fake-model", mode="llamacpp", strategy="single", retries=RETRIES, reasks=REASKS,
        retry_after_cap=2.0, timeout=TIMEOUT, concurrency=16, cache_dir=tmp_path / "cache",
    )
    with FakeOpenAIServer(retry_after=0, timeout_delay=TIMEOUT * 2, oversized_bytes=20 * 1024 * 1024) as srv:
        settings = settings.replace(base_url=srv.base_url)
        started = time.monotonic()
        first = run_batch([folder], out, settings=settings)
        first_seconds = time.monotonic() - started
        records = _by_id(load_records(out))
        assert set(records) == set(plan)  # nothing lost, nothing duplicated
        assert srv.max_in_flight <= settings.concurrency

        expected_errors = {
            article_id for article_id, fault in plan.items()
            if fault is not None and (fault[1] == "persistent" or fault[0] in NOT_RETRIED)
        }
        assert {r.id for r in records.values() if r.status == "error"} == expected_errors
        assert (first.ok, first.failed) == (200 - len(expected_errors), len(expected_errors))
        for article_id in expected_errors:
            kind = plan[article_id][0]  # type: ignore[index]
            error = records[article_id].error
            assert error is not None
            expected_type, pattern = REASONS[kind]
            assert error.type == expected_type and re.search(pattern, error.message), (kind, error)
            if kind == "long_retry_after":
                assert records[article_id].seconds < 1.5  # failed promptly, did not sleep for an hour
        assert first_seconds < 20

        second = run_batch([folder], out, settings=settings, resume=True)
    records = _by_id(load_records(out))
    assert set(records) == set(plan)
    assert all(r.status == "ok" and r.event is not None for r in records.values())
    assert second.skipped == 200 - len(expected_errors) and second.ok == len(expected_errors)
    assert len(out.read_bytes().splitlines()) == 200


def _start_fake_server(latency: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract.testing.fake_openai", "--latency", str(latency)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), url
    return proc, url


def _line_count(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_run_killed_with_sigkill_midway_resumes_with_every_article_exactly_once(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    ids = [f"k{i:03d}" for i in range(150)]
    for i, article_id in enumerate(ids):
        (folder / f"{article_id}.txt").write_text(_text(i), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    server, url = _start_fake_server(latency=0.05)
    command = [sys.executable, "-m", "extract", "run", str(folder), "-o", str(out), "--base-url", url,
               "--model", "fake-model", "--strategy", "single", "--concurrency", "4",
               "--cache-dir", str(tmp_path / "cache")]
    try:
        run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while _line_count(out) < 20 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(run.pid, signal.SIGKILL)
        assert run.wait(timeout=10) == -signal.SIGKILL
        before = out.read_bytes()
        assert 20 <= before.count(b"\n") < len(ids), "the run was not killed midway"
        done_before = [json.loads(line)["id"] for line in before.split(b"\n")[:-1]]  # every whole line parses

        resumed = subprocess.run([*command, "--resume"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert resumed.returncode == 0, resumed.stderr
    finally:
        server.terminate()
        server.wait(timeout=10)

    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b""  # the file ends with a whole line
    records = [Record.model_validate_json(line) for line in lines[:-1]]
    assert sorted(r.id for r in records) == ids  # every article exactly once
    assert all(r.status == "ok" for r in records)
    assert f"{len(done_before)} already done (resume)" in resumed.stderr


def test_oversized_response_is_refused_without_reading_it_into_memory(tmp_path: Path) -> None:
    import resource

    settings = Settings(model="fake-model", mode="llamacpp", strategy="single", cache=False, retries=3,
                        cache_dir=tmp_path / "cache")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text("An article whose answer is huge. " + fault_marker("oversized"))
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with FakeOpenAIServer(oversized_bytes=300 * 1024 * 1024) as srv:
        run_batch([folder], tmp_path / "out.jsonl", settings=settings.replace(base_url=srv.base_url))
        assert srv.counts["oversized"] == 1  # refused at once, not retried
    growth_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    [record] = load_records(tmp_path / "out.jsonl")
    assert record.status == "error" and record.error is not None and not record.error.retryable
    assert "300.0 MiB, over the 8 MiB response limit" in record.error.message
    assert growth_mib < 100


def _httpx_module() -> Any:
    """The HTTP library the installed openai client is built on (httpx, or httpx2 for openai 3)."""
    base = next(c for c in openai.DefaultAsyncHttpxClient.__mro__ if c.__name__ == "AsyncClient")
    return sys.modules[base.__module__.split(".")[0]]


def _guarded_get(body_chunks: list[bytes], limit: int, content_type: str = "application/json",
                 sent: list[int] | None = None) -> Any:
    """GET through the response guard from a server streaming `body_chunks` with no Content-Length;
    the size of each chunk the server got to send is appended to `sent`."""
    httpx_mod = _httpx_module()
    sent = [] if sent is None else sent

    async def stream() -> Any:
        for chunk in body_chunks:
            sent.append(len(chunk))
            yield chunk

    def handler(request: Any) -> Any:
        return httpx_mod.Response(200, headers={"content-type": content_type}, content=stream())

    async def go() -> Any:
        async with httpx_mod.AsyncClient(transport=httpx_mod.MockTransport(handler),
                                         event_hooks=response_guard(limit)) as client:
            return await client.get("http://127.0.0.1/v1/chat/completions")

    return asyncio.run(go())


def test_response_guard_stops_reading_a_streamed_body_past_the_limit() -> None:
    chunks = [b"x" * 1024] * 1000  # 1000 KiB in 1 KiB chunks, no Content-Length
    sent: list[int] = []
    with pytest.raises(ResponseTooLarge, match=r"went over the 0\.0625 MiB response limit"):
        _guarded_get(chunks, limit=64 * 1024, sent=sent)
    assert 64 * 1024 < sum(sent) <= 65 * 1024  # stopped at the first chunk past the limit


def test_response_guard_rejects_a_2xx_json_body_that_does_not_parse_and_passes_good_ones() -> None:
    with pytest.raises(MalformedResponse, match="not valid JSON"):
        _guarded_get([b'{"id": "x", "choices": [{"mess'], limit=1024)
    response = _guarded_get([b'{"id": ', b'"x"}'], limit=1024)
    assert response.json() == {"id": "x"}
    assert _guarded_get([b"<html>not json</html>"], limit=1024, content_type="text/html").status_code == 200


def test_malformed_response_is_retried_as_a_transport_failure_not_reasked(tmp_path: Path) -> None:
    settings = Settings(model="fake-model", mode="llamacpp", strategy="single", cache=False, retries=2, reasks=2,
                        cache_dir=tmp_path / "cache")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "m.txt").write_text("An article. " + fault_marker("malformed_json", 2))
    (folder / "n.txt").write_text("Another article. " + fault_marker("malformed_json"))
    with FakeOpenAIServer() as srv:
        summary = run_batch([folder], tmp_path / "out.jsonl", settings=settings.replace(base_url=srv.base_url))
        bodies = [r.body for r in srv.completions]
    records = {r.id: r for r in load_records(tmp_path / "out.jsonl")}
    assert records["m"].status == "ok"
    error = records["n"].error
    assert error is not None and error.type == "model_error" and "malformed response (3 attempts)" in error.message
    assert summary.model_calls == 3 + 3
    assert all(len(body["messages"]) == 2 for body in bodies)  # never a re-ask turn about "the model's" JSON


def test_resume_after_an_article_changed_or_broke_keeps_only_its_latest_record(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("same", "edited", "broken"):
        (folder / f"{name}.txt").write_text(f"{_text(1)} Article {name}.")
    out = tmp_path / "out.jsonl"
    settings = Settings(model="fake-model", mode="llamacpp", strategy="single", cache_dir=tmp_path / "cache")
    with FakeOpenAIServer() as srv:
        settings = settings.replace(base_url=srv.base_url)
        run_batch([folder], out, settings=settings)
        (folder / "edited.txt").write_text(f"{_text(2)} Article edited, second version.")
        (folder / "broken.txt").write_bytes(b"\xff\xfe not UTF-8 any more")
        summary = run_batch([folder], out, settings=settings, resume=True)
        after_edit = _by_id(load_records(out))  # one record each, the old ones replaced
        # a later resume treats the broken article's error as its current state, and retries it
        (folder / "broken.txt").write_text(f"{_text(3)} Article broken, fixed.")
        again = run_batch([folder], out, settings=settings, resume=True)
    assert summary.skipped == 1 and (summary.ok, summary.failed) == (1, 1)
    assert set(after_edit) == {"same", "edited", "broken"} and after_edit["broken"].status == "error"
    records = _by_id(load_records(out))
    assert set(records) == {"same", "edited", "broken"}
    assert records["edited"].sha256 == hashlib.sha256((folder / "edited.txt").read_bytes()).hexdigest()
    assert again.skipped == 2 and again.ok == 1 and records["broken"].status == "ok"


def test_resume_cuts_a_torn_last_line_and_redoes_that_article(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"t{i}.txt").write_text(_text(i))
    out = tmp_path / "out.jsonl"
    settings = Settings(model="fake-model", mode="llamacpp", strategy="single", cache_dir=tmp_path / "cache")
    with FakeOpenAIServer() as srv:
        settings = settings.replace(base_url=srv.base_url)
        run_batch([folder], out, settings=settings)
        whole = out.read_bytes().split(b"\n")
        out.write_bytes(b"\n".join(whole[:3]) + b"\n" + whole[3][: len(whole[3]) // 2])  # a write cut short
        summary = run_batch([folder], out, settings=settings, resume=True)
    assert summary.skipped == 3 and summary.ok == 2
    assert sorted(_by_id(load_records(out))) == [f"t{i}" for i in range(5)]
    assert out.read_bytes().endswith(b"\n") and not (tmp_path / "out.jsonl.tmp").exists()
