"""Issue 13: never loop, never crash, never lose a record. One test (or a few) per defect found by
using the tool as a careless or hostile user would; each failed before the fix."""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extract import ConfigError, ExitCode, OutputBusy, Settings, load_records, run_batch
from extract.cache import AnswerCache, UnsafeCacheFolder
from extract.cli import cli
from extract.errors import ModelError
from extract.io import Article, InputFailure, RecordWriter, compact_for_resume, iter_articles, lock_output
from extract.redaction import redact
from extract.reports import render_html, render_markdown
from extract.retry import RequestTimedOut, RetryPolicy
from extract.schema import MAX_PEOPLE, Person, ReleaseEvent
from extract.scoring import score
from extract.testing.fake_openai import FakeOpenAIServer

ROOT = Path(__file__).resolve().parent.parent
GOOD = "Officials said 4 detainees were freed on Monday after weeks of talks."
KEY = "sk-test-9f8e7d6c5b4a39281706abcdef"


def _settings(srv: FakeOpenAIServer | str, tmp_path: Path, **overrides: object) -> Settings:
    base_url = srv if isinstance(srv, str) else srv.base_url
    return Settings(base_url=base_url, model="fake-model", mode="llamacpp", strategy="single", retries=0,
                    cache_dir=tmp_path / "cache").replace(**overrides)


def _ids(path: Path) -> list[str]:
    return [r.id for r in load_records(path)]


def _cli(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh process (the environment is the test's: isolated cache and config)."""
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, check=False)


def _one_line_error(output: str) -> None:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), output
    assert "Traceback" not in output


# ---------------------------------------------------------------- 1. the output inside an input folder


def test_the_walk_never_reads_the_output_file_or_a_link_to_it(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(GOOD)
    out = folder / "out.jsonl"
    out.write_text('{"id": "x", "text": "a record line, not an article"}\n')
    os.link(out, folder / "hardlink.jsonl")
    os.symlink(out, folder / "symlink.jsonl")
    items = list(iter_articles([folder], exclude=[out]))
    assert [item.id for item in items] == ["a", "b"]
    named = list(iter_articles([out], exclude=[out]))  # named explicitly: an error record, not input
    assert len(named) == 1 and isinstance(named[0], InputFailure) and "output file" in str(named[0].error)


def test_run_in_the_article_folder_ends_with_one_record_per_article_also_on_rerun_and_resume(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    names = [f"art{i}" for i in range(5)]
    for name in names:
        (folder / f"{name}.txt").write_text(f"{GOOD} Case {name}.")
    with FakeOpenAIServer() as srv:
        args = ["run", ".", "-o", "out.jsonl", "--base-url", srv.base_url, "--model", "fake-model",
                "--strategy", "single", "--retries", "0"]
        for extra in ([], [], ["--resume"]):
            done = _cli(*args, *extra, cwd=folder)
            assert done.returncode == 0, done.stderr
            assert sorted(_ids(folder / "out.jsonl")) == names
    assert sorted(p.name for p in folder.iterdir()) == sorted([*(f"{n}.txt" for n in names), "out.jsonl"])


# ---------------------------------------------------------------- 2. strings that cannot be encoded


def test_lone_surrogates_and_non_utf8_file_names_become_input_error_records(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        json.dumps({"id": "ok1", "text": GOOD}),
        json.dumps({"id": "bad-text", "text": "Freed on Monday \ud800 after talks."}),
        json.dumps({"id": "bad\udfffid", "text": GOOD + " Two."}),
        json.dumps({"id": "ok2", "text": GOOD + " Three."}),
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="ascii")
    (folder / "zz.txt").write_text(GOOD + " Last.")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(GOOD.encode())
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer() as srv:
        for resume in (False, True):
            run_batch([folder], out, settings=_settings(srv, tmp_path), resume=resume)
            records = {r.id: r for r in load_records(out)}
            assert set(records) == {"ok1", "bad-text", "bad\\udfffid", "ok2", "caf\\xe9", "zz"}
            for rid in ("bad-text", "bad\\udfffid", "caf\\xe9"):
                error = records[rid].error
                assert error is not None and error.type == "input_error", rid
            assert "lone surrogate U+D800" in (records["bad-text"].error.message if records["bad-text"].error else "")
            assert all(records[rid].status == "ok" for rid in ("ok1", "ok2", "zz"))


# ---------------------------------------------------------------- 3. two runs on one output


def test_a_second_run_on_a_locked_output_fails_with_exit_4_and_touches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    (tmp_path / "a.txt").write_text(GOOD)
    with lock_output(out), pytest.raises(OutputBusy):
        run_batch([tmp_path / "a.txt"], out, settings=_settings("http://127.0.0.1:9/v1", tmp_path))
    os.symlink(out, tmp_path / "link.jsonl")
    with lock_output(tmp_path / "link.jsonl"):  # a symlink to the output shares its lock
        done = _cli("run", str(tmp_path / "a.txt"), "-o", str(out), "--base-url", "http://127.0.0.1:9/v1",
                    "--model", "m")
    assert done.returncode == ExitCode.OUTPUT_BUSY
    _one_line_error(done.stderr)
    assert "another extract run" in done.stderr
    assert out.read_text() == "precious\n"
    assert not (tmp_path / ".out.jsonl.lock").exists()  # released and removed


def test_concurrent_runs_never_both_succeed_unless_both_sets_of_records_are_in_the_file(tmp_path: Path) -> None:
    first_in, second_in = tmp_path / "first", tmp_path / "second"
    for folder, prefix in ((first_in, "f"), (second_in, "s")):
        folder.mkdir()
        for i in range(6):
            (folder / f"{prefix}{i}.txt").write_text(f"{GOOD} Case {prefix}{i}.")
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(latency=1.5) as srv:  # the first run writes for ~8 s after its first record
        common = ["-o", str(out), "--base-url", srv.base_url, "--model", "fake-model", "--strategy", "single",
                  "--concurrency", "1", "--no-cache"]
        cmd = [sys.executable, "-m", "extract", "run"]
        slow = subprocess.Popen([*cmd, str(first_in), *common], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not (out.exists() and out.stat().st_size > 0) and time.monotonic() < deadline:
            time.sleep(0.05)  # the first run is writing records
        # a plain run would truncate the file, a --resume run would replace it under the first run
        plain = subprocess.Popen([*cmd, str(second_in), *common], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        resumed = _cli("run", str(second_in), *common, "--resume")
        plain_err = plain.communicate(timeout=120)[1]
        slow_err = slow.communicate(timeout=120)[1]
    ids = set(_ids(out))
    first_ids, second_ids = {f"f{i}" for i in range(6)}, {f"s{i}" for i in range(6)}
    assert slow.returncode == 0, slow_err
    assert first_ids <= ids and len(ids) == len(load_records(out))
    for code, err in ((plain.returncode, plain_err), (resumed.returncode, resumed.stderr)):
        assert code == ExitCode.OUTPUT_BUSY, err
        assert "another extract run" in err and "Traceback" not in err
        if code == 0:  # never both a success unless both sets of records are in the file
            assert second_ids <= ids


# ---------------------------------------------------------------- 4. deadlines


class _Trickle(BaseHTTPRequestHandler):
    """Answers every request with a body sent one byte every 0.2 s (an inactivity timeout never fires)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._trickle()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._trickle()

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "100")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass


@pytest.fixture
def trickle_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_timeout_bounds_the_whole_request_even_when_the_server_trickles_bytes(
    tmp_path: Path, trickle_server: str
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    started = time.monotonic()
    summary = run_batch([tmp_path / "a.txt"], tmp_path / "out.jsonl",
                        settings=_settings(trickle_server, tmp_path, timeout=1.0, retries=1, article_timeout=60))
    elapsed = time.monotonic() - started
    assert summary.failed == 1 and elapsed < 12, elapsed  # 2 attempts of 1 s (+ backoff), not 2 x 20 s of bytes
    (record,) = load_records(tmp_path / "out.jsonl")
    assert record.error is not None and "timed out after 1 s (2 attempts)" in record.error.message


def test_the_article_deadline_bounds_all_retries_together(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    with FakeOpenAIServer(latency=5.0) as srv:
        started = time.monotonic()
        run_batch([tmp_path / "a.txt"], tmp_path / "out.jsonl",
                  settings=_settings(srv, tmp_path, timeout=1.0, retries=20, article_timeout=2.5))
        elapsed = time.monotonic() - started
    assert elapsed < 10, elapsed  # 21 attempts of 1 s would take over 21 s
    (record,) = load_records(tmp_path / "out.jsonl")
    assert record.status == "error" and record.error is not None and record.error.type == "model_error"


def test_the_retry_policy_stops_at_its_budget() -> None:
    calls = 0

    async def slow() -> None:
        nonlocal calls
        calls += 1
        await asyncio.sleep(10)

    policy = RetryPolicy(50, initial=0.01, timeout=0.2, budget=0.7)
    started = time.monotonic()
    with pytest.raises(RequestTimedOut):
        asyncio.run(policy.call(slow))
    assert time.monotonic() - started < 3 and 2 <= calls <= 5


def test_default_article_deadline_is_three_request_timeouts() -> None:
    assert Settings(base_url="http://x/v1").article_deadline == 360
    assert Settings().article_deadline == 1800
    assert Settings(timeout=10, article_timeout=15).article_deadline == 15


# ---------------------------------------------------------------- 5. folder entries that cannot be read


def test_every_folder_entry_that_cannot_be_read_gets_an_error_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden-away.txt").write_text(GOOD)
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text(GOOD + " Deep.")
    os.symlink(folder, folder / "sub" / "cycle")  # a folder link back up: read once, then an error
    os.symlink(tmp_path / "nowhere", folder / "gone")  # dangling, no extension: could have been a folder
    os.symlink(folder / "loop.md", folder / "loop.md")
    (folder / "good.txt").write_text(GOOD)
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == folder / "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = {item.id: item for item in iter_articles([folder])}
    assert set(items) == {"good", "gone", "locked", "loop", "cycle", "deep"}
    assert isinstance(items["good"], Article) and isinstance(items["deep"], Article)
    reasons = {rid: str(item.error) for rid, item in items.items() if isinstance(item, InputFailure)}
    assert "Permission denied" in reasons["locked"]
    assert "dangling symlink" in reasons["gone"]
    assert "symlink loop" in reasons["loop"]
    assert "already read" in reasons["cycle"]


# ---------------------------------------------------------------- 6. the Markdown report escapes what it quotes


def test_markdown_and_html_reports_escape_model_names_and_ids_from_results() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    gold = ReleaseEvent(people=[Person(name="Ana Lee", status="released")])
    report = score([("a1", gold, gold)]).model_copy(
        update={"models": [hostile], "unscored": [f"x{hostile}", "[click](javascript:alert(1))"]}
    )
    markdown = render_markdown(report)
    assert "<img" not in markdown and "&lt;img src=x onerror=alert(1)&gt;" in markdown
    assert "[click](" not in markdown and "\\[click\\](javascript:alert(1))" in markdown
    page = render_html(report)
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


# ---------------------------------------------------------------- 7. cache folder safety


def test_cache_folders_are_created_private(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    root = tmp_path / "xdg" / "extract"
    with FakeOpenAIServer() as srv:
        run_batch([tmp_path / "a.txt"], tmp_path / "out.jsonl", settings=_settings(srv, tmp_path, cache_dir=root))
    for folder in (root, root / "answers"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_cache_folder_other_users_can_write_is_refused_with_one_line(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    (tmp_path / "a.txt").write_text(GOOD)
    with pytest.raises(UnsafeCacheFolder, match="writable by other users"):
        AnswerCache(shared)
    with FakeOpenAIServer() as srv, pytest.raises(ConfigError):
        run_batch([tmp_path / "a.txt"], tmp_path / "out.jsonl", settings=_settings(srv, tmp_path, cache_dir=shared))
    done = CliRunner().invoke(cli, ["run", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"),
                                    "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--cache-dir", str(shared)])
    assert done.exit_code == ExitCode.USAGE
    _one_line_error(done.output)
    assert "chmod 700" in done.output


def test_a_tampered_cache_row_cannot_make_the_tool_read_or_delete_a_file(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text('{"value": "planted"}')
    folder = tmp_path / "cache"
    with AnswerCache(folder) as cache:
        cache.set("k", {"value": "x" * 100_000})  # large: diskcache would have put it in a file
    assert not [p for p in folder.rglob("*.val")]  # stored inline in the database
    with sqlite3.connect(folder / "cache.db") as db:
        db.execute("UPDATE Cache SET filename = ?, mode = 3, value = NULL", (str(victim),))  # 3: MODE_TEXT
    with AnswerCache(folder) as cache:
        assert cache.get("k") is None  # a row naming a file is a miss, the file is not read
        cache.set("k", {"value": "new"})  # replacing the row: diskcache would delete the file it names
        assert cache.get("k") == {"value": "new"}
    assert victim.read_text() == '{"value": "planted"}'


# ---------------------------------------------------------------- 9. the temporary file of --resume


def test_resume_compaction_never_follows_a_planted_symlink_and_keeps_a_symlinked_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    real = tmp_path / "store" / "results.jsonl"
    real.parent.mkdir()
    out = tmp_path / "out.jsonl"
    os.symlink(real, out)
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch")
    os.symlink(victim, tmp_path / "out.jsonl.tmp")  # the old fixed temp name, planted
    os.symlink(victim, real.parent / "results.jsonl.tmp")
    with FakeOpenAIServer() as srv:
        run_batch([tmp_path / "a.txt"], out, settings=_settings(srv, tmp_path))
        with real.open("a") as handle:
            handle.write(load_records(real)[0].model_copy(update={"id": "gone"}).model_dump_json() + "\n")
        os.chmod(real, 0o640)
        compact_for_resume(out)
    assert victim.read_text() == "do not touch"
    assert out.is_symlink() and os.readlink(out) == str(real)
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["results.jsonl", "results.jsonl.tmp"]


# ---------------------------------------------------------------- 10. secrets echoed back


class _Echo(BaseHTTPRequestHandler):
    """A server whose 400 error body echoes the request's Authorization header; /models fails."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._send(500, {"error": {"message": f"models broke; headers: Authorization: {self.headers['Authorization']}"}})

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        auth = self.headers.get("Authorization")
        self._send(400, {"error": {"message": f"bad request from Authorization: {auth} (key {auth.split()[-1]})"}})

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def echo_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_a_key_echoed_by_the_server_never_reaches_a_record_or_a_log_line(
    tmp_path: Path, echo_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    caplog.set_level(logging.DEBUG)  # the Extractor puts its redacting filter on the root logger's handlers
    run_batch([tmp_path / "a.txt"], tmp_path / "out.jsonl", settings=_settings(echo_server, tmp_path, api_key=KEY))
    text = (tmp_path / "out.jsonl").read_text()
    assert "bad request" in text and KEY not in text and KEY[8:] not in text
    assert KEY not in caplog.text  # instructor, openai and httpx log the error body at debug level
    done = _cli("-vv", "run", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o2.jsonl"), "--base-url", echo_server,
                "--model", "m", "--api-key", KEY, "--no-cache")
    assert KEY not in done.stderr and KEY[8:] not in done.stderr and "REDACTED" in done.stderr


def test_a_key_inside_base_url_is_never_printed_and_a_failed_model_list_is_one_line(
    tmp_path: Path, echo_server: str
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    port = echo_server.split(":")[2].split("/")[0]
    url = f"http://user:{KEY}@127.0.0.1:{port}/v1?api_key={KEY}"
    for verbose in ([], ["-v"]):
        done = _cli(*verbose, "run", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"), "--base-url", url,
                    "--api-key", KEY)
        assert done.returncode == ExitCode.ABORTED, done.stderr
        assert KEY not in done.stdout + done.stderr and KEY[8:] not in done.stderr
        if not verbose:
            _one_line_error(done.stderr)
            assert "pass --model" in done.stderr


def test_redaction_covers_headers_bearer_tokens_key_shapes_and_url_passwords() -> None:
    text = redact(
        'Authorization: Bearer abcdef123456 {"authorization": "Basic dXNlcjpwdw=="} key sk-proj-AbC123dEf456gHi '
        "https://bob:hunter22@host/v1?api_key=zzz999&model=m hf_abcdefghijklmnop password=letmein"
    )
    for secret in ("abcdef123456", "dXNlcjpwdw", "AbC123dEf456gHi", "hunter22", "zzz999", "hf_abcdefgh", "letmein"):
        assert secret not in text, secret
    assert "model=m" in text and "https://bob:" in text
    assert redact("a 1024-token answer over the 2048-token context window") == (
        "a 1024-token answer over the 2048-token context window"
    )
    assert KEY not in str(ModelError(f"HTTP 400: echoed {KEY}"))  # every error message, at construction


# ---------------------------------------------------------------- 11. one-line errors and exit codes


def test_resume_on_a_corrupt_output_is_one_line_and_exit_5(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    out = tmp_path / "out.jsonl"
    out.write_text('{"not": "a record"}\n{"also": 1}\n')
    done = CliRunner().invoke(cli, ["run", str(tmp_path / "a.txt"), "-o", str(out), "--resume",
                                    "--base-url", "http://127.0.0.1:9/v1", "--model", "m"])
    assert done.exit_code == ExitCode.OUTPUT_ERROR
    _one_line_error(done.output)
    assert "cannot resume" in done.output and "out.jsonl:1" in done.output
    assert out.read_text() == '{"not": "a record"}\n{"also": 1}\n'  # nothing dropped


def test_a_full_disk_is_one_line_and_exit_5(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    real_write = os.write

    def full(fd: int, data: Any) -> int:
        out = tmp_path / "out.jsonl"
        if out.exists() and os.path.samestat(os.fstat(fd), out.stat()):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with FakeOpenAIServer() as srv:
        done = CliRunner().invoke(cli, ["run", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.jsonl"),
                                        "--base-url", srv.base_url, "--model", "fake-model", "--no-cache"])
    assert done.exit_code == ExitCode.OUTPUT_ERROR
    _one_line_error(done.output)
    assert "No space left on device" in done.output


@pytest.mark.parametrize(
    ("config", "flags", "setting"),
    [
        ('seed = "abc"', [], "seed"),
        ("cache_dir = 5", [], "cache_dir"),
        ("base_url = 5", [], "base_url"),
        ("concurrency = true", [], "concurrency"),
        ("", ["--timeout", "0"], "timeout"),
        ("", ["--timeout", "-3"], "timeout"),
        ("timeout = 1e400", [], "timeout"),
        ("", ["--article-timeout", "-1"], "article_timeout"),
    ],
)
def test_config_values_of_the_wrong_type_are_one_line_usage_errors(
    tmp_path: Path, config: str, flags: list[str], setting: str
) -> None:
    conf = tmp_path / "c.toml"
    conf.write_text(config + "\n")
    done = CliRunner().invoke(cli, ["run", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--config", str(conf), *flags])
    assert done.exit_code == ExitCode.USAGE, done.output
    _one_line_error(done.output)
    assert setting in done.output
    assert not (tmp_path / "o.jsonl").exists()


def test_an_unexpected_error_is_one_line_without_v_and_a_traceback_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extract

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"boom with {KEY}")

    monkeypatch.setattr(extract, "run_batch", broken)  # the CLI calls the public function
    args = ["run", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--base-url", "http://127.0.0.1:9/v1"]
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 1
    _one_line_error(done.output)
    assert "boom" in done.output and KEY not in done.output and "-v" in done.output


# ---------------------------------------------------------------- 12. answer size


def test_an_answer_listing_thousands_of_people_is_a_validation_error_not_a_huge_record(tmp_path: Path) -> None:
    crowd = {"people": [{"name": f"Person Number{i}", "status": "released"} for i in range(5000)]}
    (tmp_path / "a.txt").write_text(GOOD)
    with FakeOpenAIServer(responder=lambda body: crowd) as srv:
        run_batch([tmp_path / "a.txt"], tmp_path / "out.jsonl", settings=_settings(srv, tmp_path, reasks=1))
        assert len(srv.completions) == 2  # re-asked once, then given up
    (record,) = load_records(tmp_path / "out.jsonl")
    assert record.status == "error" and record.error is not None and record.error.type == "validation_error"
    assert f"at most {MAX_PEOPLE} people" in record.error.message
    assert (tmp_path / "out.jsonl").stat().st_size < 10_000
    assert len(ReleaseEvent(people=[Person(name=f"P{i}", status="released") for i in range(MAX_PEOPLE)]).people) == MAX_PEOPLE


# ---------------------------------------------------------------- 14. the browser check runs in CI


def test_ci_installs_chromium_and_makes_a_skipped_browser_test_fail() -> None:
    script = "\n".join(
        line for line in (ROOT / ".ci" / "run").read_text().splitlines() if not line.lstrip().startswith("#")
    )
    assert "apt-get install -y chromium" in script
    assert "export EXTRACT_REQUIRE_BROWSER=1" in script
    assert script.index("EXTRACT_REQUIRE_BROWSER") < script.index("make test")
    view_test = (ROOT / "tests" / "test_view.py").read_text()
    assert 'pytest.fail("chromium is not installed' in view_test


# ---------------------------------------------------------------- the writer itself


def test_the_writer_turns_os_errors_into_output_errors(tmp_path: Path) -> None:
    from extract.errors import OutputError

    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(OutputError, match="cannot write"):
        RecordWriter(folder)

