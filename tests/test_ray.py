"""The Ray executor against a fake OpenAI-compatible server, on a local Ray instance started by the tests.

Skipped when Ray (the `ray` extra) is not installed, except the test of the install hint.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extract import Record, Settings, load_records, run_batch
from extract.cli import cli
from extract.executors import ray as ray_executor
from extract.testing.fake_openai import FakeOpenAIServer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLES = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")

needs_ray = pytest.mark.skipif(
    not __import__("importlib.util").util.find_spec("ray"),
    reason='Ray is not installed (optional extra: pip install ".[ray]")',
)


def _answer(article: str) -> dict[str, Any]:
    """A deterministic, grounded answer derived from the article itself."""
    name = NAME.search(article)
    assert name is not None
    sentence = next(s for s in re.split(r"(?<=[.!?])\s+", article) if name.group(0) in s)
    return {"released_count": len(article) % 97, "people": [
        {"name": name.group(0), "status": "released", "evidence": sentence.strip()[:200]},
    ]}


def _responder(body: dict[str, Any]) -> dict[str, Any]:
    text = "\n".join(str(m.get("content") or "") for m in body["messages"])
    for article in ARTICLES:
        if article.strip()[:300] in text:
            return _answer(article)
    return {}


def _settings(base_url: str, tmp_path: Path, cache_name: str, **kw: Any) -> Settings:
    return Settings(base_url=base_url, model="fake-model", mode="llamacpp", strategy="single",
                    cache_dir=tmp_path / cache_name, retries=1, **kw)


def _inputs(tmp_path: Path) -> Path:
    """The seed articles plus an unreadable one (an empty file)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _comparable(path: Path) -> list[dict[str, Any]]:
    """Records sorted by id, without their timing."""
    return [r.model_dump(exclude={"seconds"}) for r in sorted(load_records(path), key=lambda r: r.id)]


def _dead_url() -> str:
    """A loopback URL where nothing listens (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    """A private local Ray instance (2 CPUs, no dashboard) for this module, shut down after."""
    ray = pytest.importorskip("ray")
    # Workers import this module by name (for `_DyingWorker`), so they get the tests folder on their path.
    path = os.pathsep.join(p for p in (str(Path(__file__).parent), os.environ.get("PYTHONPATH")) if p)
    ray.init(address="local", num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1",
             runtime_env={"env_vars": {"PYTHONPATH": path}})
    yield
    ray.shutdown()


def test_without_ray_the_executor_fails_with_a_one_line_install_hint(tmp_path: Path) -> None:
    # In a child process where `import ray` fails, whether or not Ray is installed here.
    script = (
        "import sys; sys.modules['ray'] = None\n"
        "from extract import ConfigError, Settings, run_batch\n"
        "try:\n"
        "    run_batch([sys.argv[1]], sys.argv[2],\n"
        "              settings=Settings(base_url='http://127.0.0.1:9/v1', model='m', executor='ray'))\n"
        "except ConfigError as exc:\n"
        "    print('api:', exc)\n"
        "sys.argv = ['extract', 'run', sys.argv[1], '-o', sys.argv[2], '--executor', 'ray',"
        " '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm']\n"
        "from extract.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(SEEDS), str(tmp_path / "out.jsonl")],
                            capture_output=True, text=True, timeout=120)
    hint = ('the Ray executor needs the optional "ray" extra: pip install "extract[ray]" '
            '(from a checkout: pip install ".[ray]")')
    assert result.stdout.strip() == f"api: {hint}"
    assert result.returncode == 2  # ExitCode.USAGE: a setting that cannot work here, nothing was run
    assert result.stderr.strip().splitlines() == [f"Error: {hint}"]
    assert not (tmp_path / "out.jsonl").exists()


@needs_ray
def test_ray_and_local_executors_write_the_same_records(tmp_path: Path, ray_cluster: None) -> None:
    folder = _inputs(tmp_path)
    from extract.executors.ray import run_ray

    with FakeOpenAIServer(responder=_responder, latency=0.05) as srv:
        local = run_batch([folder], tmp_path / "local.jsonl",
                          settings=_settings(srv.base_url, tmp_path, "c1"))
        on_ray = run_ray([folder], tmp_path / "ray.jsonl", _settings(srv.base_url, tmp_path, "c2"),
                         resume=False, progress=False, actors=2, batch_size=2)
    assert _comparable(tmp_path / "ray.jsonl") == _comparable(tmp_path / "local.jsonl")
    assert (on_ray.ok, on_ray.failed, on_ray.model_calls, on_ray.tokens) == (5, 1, 5, local.tokens)
    assert (local.ok, local.failed, local.model_calls) == (5, 1, 5)


@needs_ray
def test_cli_runs_on_ray_with_the_executor_option(tmp_path: Path, ray_cluster: None) -> None:
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(responder=_responder) as srv:
        result = CliRunner().invoke(cli, ["run", str(SEEDS), "-o", str(out), "--executor", "ray",
                                          "--base-url", srv.base_url, "--model", "fake-model",
                                          "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert "5 ok, 0 failed" in result.output
    assert sorted(r.id for r in load_records(out)) == sorted(p.stem for p in SEEDS.glob("*.txt"))


@needs_ray
def test_a_batch_failing_in_the_actor_becomes_error_records_and_resume_retries_them(
    tmp_path: Path, ray_cluster: None
) -> None:
    folder = _inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    dead = _dead_url()
    # No --model: each actor asks its endpoint for one while opening the backend, which raises in the actor.
    settings = Settings(base_url=dead, mode="llamacpp", strategy="single", executor="ray",
                        cache_dir=tmp_path / "c", retries=1)
    summary = run_batch([folder], out, settings=settings)
    records = {r.id: r for r in load_records(out)}
    assert sorted(records) == sorted([*(p.stem for p in SEEDS.glob("*.txt")), "empty"])
    assert (summary.ok, summary.failed) == (0, 6)
    assert records["empty"].error is not None and records["empty"].error.type == "input_error"
    for rid, record in records.items():
        if rid != "empty":
            assert record.status == "error" and record.error is not None
            assert record.error.type == "model_error" and record.error.retryable
            assert dead in record.error.message

    with FakeOpenAIServer(responder=_responder) as srv:
        resumed = run_batch([folder], out, settings=settings.replace(base_url=srv.base_url), resume=True)
        local = run_batch([folder], tmp_path / "local.jsonl",
                          settings=_settings(srv.base_url, tmp_path, "c3"))
    assert (resumed.ok, resumed.failed, resumed.skipped) == (5, 1, 0)
    assert _comparable(out) == _comparable(tmp_path / "local.jsonl")
    assert local.ok == 5


@needs_ray
def test_resume_on_ray_skips_done_articles_and_keeps_one_record_each(
    tmp_path: Path, ray_cluster: None
) -> None:
    folder = _inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(responder=_responder) as srv:
        settings = _settings(srv.base_url, tmp_path, "c", executor="ray", cache=False)
        run_batch([folder], out, settings=settings)
        calls = len(srv.completions)
        (folder / "late.txt").write_text(ARTICLES[0].replace("Belarus", "Belarus today"), encoding="utf-8")
        summary = run_batch([folder], out, settings=settings, resume=True)
        assert len(srv.completions) == calls + 1  # only the new article reached the model
    # the five seeds are skipped, the new article runs, the empty file is retried and fails again
    assert (summary.skipped, summary.ok, summary.failed) == (5, 1, 1)
    ids = [r.id for r in load_records(out)]
    assert sorted(ids) == sorted({*ids}) and len(ids) == 7


@needs_ray
def test_several_endpoints_are_spread_over_the_actors(tmp_path: Path, ray_cluster: None) -> None:
    folder = _inputs(tmp_path)
    with FakeOpenAIServer(responder=_responder, latency=0.3) as a, FakeOpenAIServer(responder=_responder,
                                                                                    latency=0.3) as b:
        settings = _settings(a.base_url, tmp_path, "c", executor="ray", base_urls=(a.base_url, b.base_url))
        from extract.executors.ray import run_ray

        summary = run_ray([folder], tmp_path / "out.jsonl", settings, resume=False, progress=False,
                          actors=2, batch_size=1)
        assert len(a.completions) >= 1 and len(b.completions) >= 1
        assert len(a.completions) + len(b.completions) == 5
    assert (summary.ok, summary.failed) == (5, 1)


class _DyingWorker(ray_executor._ExtractWorker):
    """An actor whose process dies on any batch holding the article "poison" (a segfault, an OOM kill)."""

    def __call__(self, batch: Any) -> Any:
        if "poison" in batch.column("id").to_pylist():
            os._exit(1)
        return super().__call__(batch)


@needs_ray
def test_a_task_lost_with_its_actor_becomes_error_records_not_a_hang(
    tmp_path: Path, ray_cluster: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _inputs(tmp_path)
    (folder / "poison.txt").write_text(ARTICLES[0], encoding="utf-8")
    monkeypatch.setattr(ray_executor, "_ExtractWorker", _DyingWorker)
    with FakeOpenAIServer(responder=_responder) as srv:
        summary = ray_executor.run_ray([folder], tmp_path / "out.jsonl",
                                       _settings(srv.base_url, tmp_path, "c"),
                                       resume=False, progress=False, actors=2, batch_size=1)
    records = {r.id: r for r in load_records(tmp_path / "out.jsonl")}
    assert len(records) == 7 and (summary.ok, summary.failed) == (5, 2)
    lost = records["poison"]
    assert lost.status == "error" and lost.error is not None
    assert lost.error.type == "executor_error" and lost.error.retryable
    assert lost.sha256 and lost.source == str(folder / "poison.txt")


def test_actor_i_uses_endpoint_i_modulo_n() -> None:
    from extract.executors.ray import _actor_settings

    settings = Settings(base_urls=("http://a/v1", "http://b/v1"))
    assert [_actor_settings(settings, i).base_url for i in range(5)] == [
        "http://a/v1", "http://b/v1", "http://a/v1", "http://b/v1", "http://a/v1",
    ]
    assert _actor_settings(Settings(base_url="http://c/v1"), 3).base_url == "http://c/v1"


def test_record_json_round_trip_is_byte_identical() -> None:
    """The driver writes what actors send (JSON text), parsed and dumped again: nothing may change."""
    record = Record(id="x", status="ok", event={"people": []}, model="m", strategy="single",
                    prompt_version="single@1", sha256="0" * 64)
    text = record.model_dump_json()
    assert Record.model_validate_json(text).model_dump_json() == text
    assert json.loads(text)["id"] == "x"
