"""Throughput of the Ray executor next to the local one, against the fake server (not a test).

    python benchmarks/bench_ray.py [--latency 0.1] [--articles 5120] [--concurrency 1,8,32,64]

The fake OpenAI-compatible server runs as a subprocess with a fixed latency per request (so its CPU is not
in the measured process). Each row is one batch run (cache off, strategy single) over 40 x in-flight
articles (at least 100, at most --articles), shaped like the seeds: the local executor at several
concurrencies, then the Ray executor on a private local Ray instance (2 CPUs) with one and two actors
(default batch: 4 x concurrency, so about 10 batches per actor).

Columns: "wall" counts the whole call (for Ray: starting and stopping the actor pool, not Ray itself, whose
start-up is printed apart); "steady" is the rate between the first and the last record written (a thread
watches the output file), i.e. without start-up; Ray returns records a batch at a time, so with two actors
this reads up to ~10% high. "first" is the time to the first record. "driver CPU" is this process's CPU per
article: the whole toolkit for the local executor, only reading, bookkeeping and writing for Ray (the actors'
CPU is elsewhere). "ideal" is articles in flight / latency.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from extract import Settings, run_batch

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    executor: str
    actors: int
    concurrency: int
    articles: int
    wall: float
    steady: float
    first: float
    cpu_ms: float
    ok: int

    @property
    def in_flight(self) -> int:
        return self.actors * self.concurrency


class Watcher(threading.Thread):
    """Polls the output file's line count; remembers when the first and the last line appeared."""

    def __init__(self, path: Path, expected: int) -> None:
        super().__init__(daemon=True)
        self.path, self.expected = path, expected
        self.first: tuple[float, int] | None = None
        self.last: tuple[float, int] | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        seen = 0
        while not self.stop.is_set():
            try:
                with self.path.open("rb") as handle:
                    lines = handle.read().count(b"\n")
            except OSError:
                lines = 0
            now = time.perf_counter()
            if lines > seen:
                seen = lines
                if self.first is None:
                    self.first = (now, lines)
                self.last = (now, lines)
            if seen >= self.expected:
                return
            self.stop.wait(0.01)

    def rate(self) -> float:
        if self.first is None or self.last is None or self.last[0] <= self.first[0]:
            return 0.0
        return (self.last[1] - self.first[1]) / (self.last[0] - self.first[0])


def start_fake_server(latency: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract.testing.fake_openai", "--latency", str(latency)],
        stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def write_articles(path: Path, count: int) -> Path:
    """`count` distinct articles shaped like the seeds (the seed texts with a numbered dateline)."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = f"Dispatch {i}.\n" + seeds[i % len(seeds)]
            out.write(json.dumps({"id": f"a{i:06d}", "text": text}) + "\n")
    return path


def measure(executor: str, base_url: str, inputs: Path, out: Path, *, concurrency: int, actors: int,
            articles: int) -> Row:
    settings = Settings(base_url=base_url, model="fake-model", mode="llamacpp", strategy="single",
                        concurrency=concurrency, cache=False, retries=1)
    out.unlink(missing_ok=True)
    watcher = Watcher(out, articles)
    watcher.start()
    started, cpu = time.perf_counter(), time.process_time()
    if executor == "local":
        summary = run_batch([inputs], out, settings=settings)
    else:
        from extract.executors.ray import run_ray

        summary = run_ray([inputs], out, settings.replace(executor="ray"), resume=False, progress=False,
                          actors=actors)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    watcher.stop.set()
    watcher.join()
    first = watcher.first[0] - started if watcher.first else wall
    return Row(executor, actors, concurrency, articles, wall, watcher.rate(), first, 1000 * cpu / articles,
               summary.ok)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--articles", type=int, default=5120, help="most articles per run")
    parser.add_argument("--concurrency", default="1,8,32,64", help="comma-separated")
    parser.add_argument("--skip-local", action="store_true")
    args = parser.parse_args()
    levels = [int(c) for c in args.concurrency.split(",")]

    import ray

    proc, base_url = start_fake_server(args.latency)
    rows: list[Row] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            sizes: dict[int, Path] = {}

            def inputs(in_flight: int) -> tuple[Path, int]:
                n = min(args.articles, max(100, 40 * in_flight))
                if n not in sizes:
                    sizes[n] = write_articles(folder / f"articles-{n}.jsonl", n)
                return sizes[n], n

            if not args.skip_local:
                for c in levels:
                    path, n = inputs(c)
                    rows.append(measure("local", base_url, path, folder / "out.jsonl", concurrency=c,
                                        actors=1, articles=n))
                    print_row(rows[-1], args.latency, flush=True)
            t0 = time.perf_counter()
            ray.init(address="local", num_cpus=2, include_dashboard=False, logging_level="WARNING")
            ray_start = time.perf_counter() - t0
            try:
                for actors in (1, 2):
                    for c in levels:
                        if actors == 2 and c == 1:
                            continue
                        path, n = inputs(actors * c)
                        rows.append(measure("ray", base_url, path, folder / "out.jsonl", concurrency=c,
                                            actors=actors, articles=n))
                        print_row(rows[-1], args.latency, flush=True)
            finally:
                ray.shutdown()
    finally:
        proc.terminate()
        proc.wait(10)
    print()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load average {load:.1f} at the end; fake server latency "
          f"{args.latency * 1000:.0f} ms; starting the local Ray instance took {ray_start:.1f} s")
    print(table(rows, args.latency))
    return 0


HEADER = ("executor", "actors", "conc/actor", "in flight", "articles", "wall s", "first s", "art/s wall",
          "art/s steady", "ideal", "steady % ideal", "driver CPU ms/art")


def cells(row: Row, latency: float) -> tuple[str, ...]:
    ideal = row.in_flight / latency
    return (row.executor, str(row.actors), str(row.concurrency), str(row.in_flight), str(row.articles),
            f"{row.wall:.1f}", f"{row.first:.1f}", f"{row.articles / row.wall:.1f}", f"{row.steady:.1f}",
            f"{ideal:.0f}", f"{100 * row.steady / ideal:.0f}%", f"{row.cpu_ms:.2f}")


def print_row(row: Row, latency: float, *, flush: bool = False) -> None:
    print("  " + " | ".join(cells(row, latency)) + ("" if row.ok == row.articles else f"  ({row.ok} ok)"),
          file=sys.stderr, flush=flush)


def table(rows: list[Row], latency: float) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cells(r, latency)) + " |" for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
