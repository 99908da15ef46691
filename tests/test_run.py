"""Batch runs through the public API and the CLI, against a fake OpenAI-compatible server."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extract import Extractor, Settings, load_records, run_batch
from extract.cli import cli
from extract.testing.fake_openai import FakeOpenAIServer

ARTICLE = "The government freed Ana Lopez on Monday. Officials said 12 prisoners were released in all."


def _responder(body: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(body["messages"])
    if "Ana Lopez" in text:
        return {"released_count": 12, "people": [{"name": "Ana Lopez", "status": "released",
                                                   "evidence": "The government freed Ana Lopez on Monday."}]}
    return {}


def _settings(srv: FakeOpenAIServer, tmp_path: Path, **kw: Any) -> Settings:
    return Settings(base_url=srv.base_url, model="fake-model", mode="llamacpp", cache_dir=tmp_path / "cache",
                    retries=1, **kw)


def _inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good1.txt").write_text(ARTICLE)
    (folder / "good2.md").write_text("Another article about nothing in particular.")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)))
    (folder / "latin.txt").write_bytes("R\xe9sum\xe9 of a release".encode("latin-1"))
    return folder


def test_bad_inputs_get_error_records_and_the_rest_succeed(tmp_path: Path) -> None:
    with FakeOpenAIServer(responder=_responder) as srv:
        summary = run_batch([_inputs(tmp_path)], tmp_path / "out.jsonl", settings=_settings(srv, tmp_path))
    records = {r.id: r for r in load_records(tmp_path / "out.jsonl")}
    assert set(records) == {"good1", "good2", "empty", "binary", "latin"}
    assert records["good1"].status == "ok" and records["good2"].status == "ok"
    assert records["good1"].event is not None and records["good1"].event.released_count == 12
    for bad in ("empty", "binary", "latin"):
        assert records[bad].status == "error" and records[bad].error is not None
        assert records[bad].error.type == "input_error"
    assert (summary.ok, summary.failed) == (2, 3)


def test_record_carries_model_strategy_prompt_version_usage_and_grounding(tmp_path: Path) -> None:
    with FakeOpenAIServer(responder=_responder) as srv, Extractor(_settings(srv, tmp_path)) as ex:
        record = ex.extract(ARTICLE, id="x")
    assert record.status == "ok" and record.model == "fake-model" and record.strategy == "single"
    assert record.prompt_version.startswith("single@")
    assert record.usage.calls == 1 and record.usage.total_tokens > 0
    assert record.grounding is not None
    span = next(s for s in record.grounding.spans if s.path == "people[0].name")
    assert span.start is not None and ARTICLE[span.start:span.end] == "Ana Lopez"


def test_empty_text_given_to_the_python_api_is_an_input_error_record_and_asks_no_model(tmp_path: Path) -> None:
    with FakeOpenAIServer(responder=_responder) as srv, Extractor(_settings(srv, tmp_path)) as ex:
        records = [ex.extract(text, id=f"e{i}") for i, text in enumerate(["", "  \n\t "])]
        assert ex.model_calls == 0
    for record in records:
        assert record.status == "error" and record.event is None and record.error is not None
        assert record.error.type == "input_error" and "has no text" in record.error.message


def test_second_identical_run_makes_no_model_call(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    with FakeOpenAIServer(responder=_responder) as srv:
        first = run_batch([folder], tmp_path / "a.jsonl", settings=_settings(srv, tmp_path))
        calls = len(srv.completions)
        second = run_batch([folder], tmp_path / "b.jsonl", settings=_settings(srv, tmp_path))
        assert len(srv.completions) == calls
    assert first.model_calls == 2 and second.model_calls == 0 and second.cached == 2
    strip = lambda r: r.model_dump(exclude={"seconds", "cached", "usage"})  # noqa: E731
    assert [strip(r) for r in sorted(load_records(tmp_path / "a.jsonl"), key=lambda r: r.id)] == [
        strip(r) for r in sorted(load_records(tmp_path / "b.jsonl"), key=lambda r: r.id)
    ]


def test_no_cache_calls_the_model_again(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    with FakeOpenAIServer(responder=_responder) as srv:
        run_batch([folder], tmp_path / "a.jsonl", settings=_settings(srv, tmp_path, cache=False))
        run_batch([folder], tmp_path / "b.jsonl", settings=_settings(srv, tmp_path, cache=False))
        assert len(srv.completions) == 4


def test_failing_model_gives_error_records_and_resume_retries_them(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(responder=_responder, faults="server_error") as srv:
        run_batch([folder], out, settings=_settings(srv, tmp_path))
    errors = [r for r in load_records(out) if r.status == "error" and r.error and r.error.type == "model_error"]
    assert len(errors) == 2 and all(r.error and r.error.retryable for r in errors)
    with FakeOpenAIServer(responder=_responder) as srv:
        summary = run_batch([folder], out, settings=_settings(srv, tmp_path), resume=True)
    records = load_records(out)
    assert sorted(r.id for r in records) == ["binary", "empty", "good1", "good2", "latin"]
    assert {r.id for r in records if r.status == "ok"} == {"good1", "good2"}
    assert summary.skipped == 0


def test_resume_skips_articles_already_done(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(responder=_responder) as srv:
        run_batch([folder], out, settings=_settings(srv, tmp_path, cache=False))
        calls = len(srv.completions)
        summary = run_batch([folder], out, settings=_settings(srv, tmp_path, cache=False), resume=True)
        assert len(srv.completions) == calls
    assert summary.skipped == 2
    assert len(load_records(out)) == 5


def test_cli_run_writes_one_line_per_article(tmp_path: Path) -> None:
    folder = _inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(responder=_responder) as srv:
        result = CliRunner().invoke(cli, ["run", str(folder), "-o", str(out), "--base-url", srv.base_url,
                                          "--model", "fake-model", "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 1, result.output  # some articles ended as error records
    assert len(out.read_text().splitlines()) == 5
    assert "2 ok, 3 failed" in result.output


def test_cli_rejects_bad_options_with_a_clear_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--concurrency", "0"])
    assert result.exit_code == 2 and "concurrency" in result.output


def test_api_key_canary_appears_nowhere(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    canary = "sk-canary-7f3a9c1e5b"
    folder = _inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    caplog.set_level(logging.DEBUG)
    with FakeOpenAIServer(responder=_responder, api_key=canary) as srv:
        result = CliRunner().invoke(
            cli, ["-vvv", "run", str(folder), "-o", str(out), "--base-url", srv.base_url, "--model", "fake-model",
                  "--cache-dir", str(tmp_path / "cache")],
            env={"OPENAI_API_KEY": canary},
        )
        assert result.exit_code == 1, result.output  # the unreadable inputs are error records
        assert srv.completions and all(canary not in json.dumps(r.headers) for r in srv.requests)
    assert {r.status for r in load_records(out)} == {"ok", "error"}
    assert canary not in result.output
    assert canary not in caplog.text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert canary.encode() not in path.read_bytes(), path
    cassettes = Path(__file__).parent / "cassettes"
    for path in cassettes.rglob("*"):
        if path.is_file():
            assert canary.encode() not in path.read_bytes()
            assert b"authorization" not in path.read_bytes().lower()


def test_second_run_of_the_offline_default_is_served_from_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The authorities freed the poet Lena Varga on Monday, her lawyer said.")
    (folder / "b.txt").write_text("Officials released 12 prisoners, including the journalist Omar Haddad.")
    settings = Settings.load({"cache_dir": str(tmp_path / "cache")}, env={})
    first = run_batch([folder], tmp_path / "one.jsonl", settings=settings)
    second = run_batch([folder], tmp_path / "two.jsonl", settings=settings)
    assert (first.cached, second.cached) == (0, 2)
    assert first.model_calls == second.model_calls == 0
    strip = lambda r: r.model_dump(exclude={"seconds", "cached"})  # noqa: E731
    one = sorted(load_records(tmp_path / "one.jsonl"), key=lambda r: r.id)
    two = sorted(load_records(tmp_path / "two.jsonl"), key=lambda r: r.id)
    assert [strip(r) for r in one] == [strip(r) for r in two]
    assert all(r.cached for r in two)


def test_changed_rules_version_misses_the_result_cache(tmp_path: Path) -> None:
    import asyncio

    from extract.cache import AnswerCache
    from extract.domains.release.schema import ReleaseEvent
    from extract.io import Article
    from extract.strategies.base import StrategyResult
    from extract.strategies.cached import with_result_cache

    class Rules:
        name = "rules"
        uses_model = False
        result_cacheable = True

        def __init__(self, version: str) -> None:
            self.version = version
            self.calls = 0

        async def extract(self, article: Article, backend: object) -> StrategyResult:
            self.calls += 1
            return StrategyResult(event=ReleaseEvent(released_count=self.calls))

    article = Article(id="a", text="text")
    with AnswerCache(tmp_path / "c") as cache:
        v1, v2 = Rules("v1"), Rules("v2")
        for rules in (v1, v1, v2):
            asyncio.run(with_result_cache(rules, cache).extract(article, None))  # type: ignore[arg-type]
    assert (v1.calls, v2.calls) == (1, 1)
