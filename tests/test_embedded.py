"""End to end with the real embedded llama.cpp server (loopback only): the offline default."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.backends.embedded import EmbeddedServer, find_model_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
pytestmark = pytest.mark.embedded


def _llama_servers(marker: Path) -> set[int]:
    """Running llama.cpp servers started by this test (their environment names the test's cache folder)."""
    found = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if b"llama_cpp.server" in cmdline and f"XDG_CACHE_HOME={marker}".encode() in environ:
            found.add(int(proc.name))
    return found


def _extract(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_both_embedded_models_are_found_in_installed_packages(tmp_path: Path) -> None:
    for key in ("smollm2-135m", "gemma3-270m"):
        path = find_model_file(key, tmp_path)
        assert path.suffix == ".gguf" and path.stat().st_size > 50_000_000


def test_embedded_server_answers_on_loopback_and_stops() -> None:
    with EmbeddedServer("smollm2-135m") as server:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server._proc is not None
        pid = server._proc.pid
        assert server.running
    assert not server.running
    assert not Path(f"/proc/{pid}").exists() or b"zombie" in Path(f"/proc/{pid}/status").read_bytes().lower()


def test_extract_run_on_a_seed_with_the_embedded_model_end_to_end(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "EXTRACT_"))}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    article = SEEDS / "002_8b19bb4c4ffb7a67.txt"
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    first = _extract("run", str(article), "-o", str(out), "--strategy", "single", cwd=tmp_path, env=env)
    first_seconds = time.monotonic() - started
    assert first.returncode == 0, first.stderr
    (line,) = out.read_text().splitlines()
    record = json.loads(line)
    assert record["id"] == "002_8b19bb4c4ffb7a67" and record["model"] == "embedded:smollm2-135m"
    assert record["status"] == "ok" or record["error"]["message"]
    assert "0 from cache" in first.stderr
    assert not _llama_servers(tmp_path / "cache"), "the embedded server must be stopped on exit"

    started = time.monotonic()
    second = _extract("run", str(article), "-o", str(tmp_path / "again.jsonl"), "--strategy", "single",
                      cwd=tmp_path, env=env)
    assert second.returncode == 0, second.stderr
    assert "0 model calls" in second.stderr and "1 from cache" in second.stderr
    assert time.monotonic() - started < first_seconds


def test_ctrl_c_stops_the_embedded_server(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "EXTRACT_"))}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    marker = tmp_path / "cache"
    proc = subprocess.Popen([sys.executable, "-m", "extract", "run", str(SEEDS), "-o", str(tmp_path / "o.jsonl"),
                             "--strategy", "single", "--no-cache"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _llama_servers(marker):
        time.sleep(0.2)
    assert _llama_servers(marker), "server did not start"
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _llama_servers(marker):
        time.sleep(0.2)
    assert not _llama_servers(marker)
    assert proc.returncode in (1, 130)  # click reports "Aborted!" with 1
