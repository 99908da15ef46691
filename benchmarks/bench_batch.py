"""Benchmark batch runs against the fake server (not a test): `python benchmarks/bench_batch.py`.

The fake OpenAI-compatible server runs as a subprocess (`python -m extract.testing.fake_openai
--latency 0.1`), so its CPU is not counted: the CPU time measured here is this process, i.e. the
toolkit (reading articles, Instructor and the openai client, grounding, writing records).

Prints, with the machine's core count:
  1. articles/s at concurrency 1, 8, 32, 64 next to the ideal (concurrency / latency), and the
     toolkit's CPU time per article (process CPU time / articles), cache off;
  2. cache-hit throughput: a second run over the same articles, every answer from the cache;
  3. peak memory (ru_maxrss of a fresh child process) for 1,000 and 10,000 articles.
Figures are medians of `--repeats` runs (memory: one run per size, each in its own process).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extract import Extractor, Settings

SENTENCES = [
    "Officials in the capital said {n} prisoners were freed on {day} after talks that lasted several weeks.",
    "A spokesperson for the ministry declined to name the people released, citing their families' wishes.",
    "The mediator, an envoy from a neighbouring country, arrived at the border crossing early in the morning.",
    "Relatives waited outside the detention centre for most of the day, according to a local reporter.",
    "The government described the move as a humanitarian gesture and did not say whether more would follow.",
    "Rights groups welcomed the releases but said many others remained in custody on similar charges.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def write_articles(path: Path, count: int, tag: str) -> Path:
    """A JSONL file of `count` synthetic articles (about 600 characters each), all texts distinct."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            body = " ".join(s.format(n=i % 50 + 2, day=DAYS[i % 7]) for s in SENTENCES)
            handle.write(json.dumps({"id": f"{tag}-{i}", "text": f"{body} Reference {tag}-{i}."}) + "\n")
    return path


@contextmanager
def fake_server(latency: float) -> Iterator[str]:
    """Start the fake server in a subprocess; yield its base URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract.testing.fake_openai", "--latency", str(latency)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"fake server did not start (got {url!r})")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def settings_for(url: str, cache_dir: Path, **overrides: object) -> Settings:
    return Settings(base_url=url, model="fake-model", mode="llamacpp", strategy="single",
                    cache_dir=cache_dir, **overrides)  # type: ignore[arg-type]


def timed_run(ex: Extractor, source: Path, output: Path, count: int) -> tuple[float, float]:
    """(articles per second, CPU ms per article) of one run."""
    cpu, wall = time.process_time(), time.perf_counter()
    summary = ex.run([source], output)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if summary.ok != count:
        raise RuntimeError(f"expected {count} ok records, got {summary.line()}")
    return count / wall, cpu / count * 1000


def concurrency_table(url: str, latency: float, levels: list[int], repeats: int, work: Path) -> None:
    print(f"\n1. Throughput, fake server latency {latency * 1000:.0f} ms, cache off "
          f"(median of {repeats} runs; about 10 x concurrency articles, at least 50, per run)")
    print(f"{'concurrency':>11} {'articles':>8} {'ideal/s':>8} {'measured/s':>10} {'of ideal':>8} {'CPU ms/article':>14}")
    for level in levels:
        count = max(50, 10 * level)
        source = write_articles(work / f"c{level}.jsonl", count, f"c{level}")
        with Extractor(settings_for(url, work / "cache", cache=False, concurrency=level)) as ex:
            ex.run([write_articles(work / f"warm{level}.jsonl", level * 2, f"w{level}")], work / "warm.jsonl")
            runs = [timed_run(ex, source, work / "out.jsonl", count) for _ in range(repeats)]
        rate = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        ideal = level / latency
        print(f"{level:>11} {count:>8} {ideal:>8.0f} {rate:>10.1f} {rate / ideal:>8.0%} {cpu:>14.2f}")


def cache_table(url: str, count: int, repeats: int, work: Path) -> None:
    print(f"\n2. Cache hits: {count} articles already answered (second run over the same articles), concurrency 32")
    source = write_articles(work / "cached.jsonl", count, "cached")
    with Extractor(settings_for(url, work / "cache", concurrency=64)) as ex:
        ex.run([source], work / "fill.jsonl")
    with Extractor(settings_for(url, work / "cache", concurrency=32)) as ex:
        runs = []
        for _ in range(repeats):
            cpu, wall = time.process_time(), time.perf_counter()
            summary = ex.run([source], work / "hits.jsonl")
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if summary.cached != count or summary.model_calls != 0:
                raise RuntimeError(f"expected {count} cache hits, got {summary.line()}")
            runs.append((count / wall, cpu / count * 1000))
    print(f"{'articles':>8} {'cached/s':>9} {'CPU ms/article':>14}")
    print(f"{count:>8} {statistics.median(r[0] for r in runs):>9.0f} {statistics.median(r[1] for r in runs):>14.2f}")


def memory_child(url: str, count: int, concurrency: int) -> None:
    """In a fresh process: run `count` articles and print peak RSS (before and after) as JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = write_articles(work / "in.jsonl", count, "m")
        with Extractor(settings_for(url, work / "cache", cache=False, concurrency=concurrency)) as ex:
            ex.run([write_articles(work / "warm.jsonl", 2 * concurrency, "w")], work / "warm-out.jsonl")
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            cpu, wall = time.process_time(), time.perf_counter()
            summary = ex.run([source], work / "out.jsonl")
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"articles": count, "ok": summary.ok, "rss_before_kib": before, "rss_peak_kib": after,
                      "per_second": count / wall, "cpu_ms": cpu / count * 1000}))


def memory_table(url: str, sizes: list[int], concurrency: int) -> None:
    print(f"\n3. Peak memory (ru_maxrss of a fresh process; concurrency {concurrency}, cache off)")
    print(f"{'articles':>8} {'RSS after warm-up MiB':>21} {'peak RSS MiB':>12} {'growth MiB':>10} {'articles/s':>10}")
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(size), "--url", url, "--concurrency", str(concurrency)],
            check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
        row = json.loads(out)
        if row["ok"] != size:
            raise RuntimeError(f"memory run: {row}")
        before, peak = row["rss_before_kib"] / 1024, row["rss_peak_kib"] / 1024
        print(f"{size:>8} {before:>21.1f} {peak:>12.1f} {peak - before:>10.1f} {row['per_second']:>10.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--levels", default="1,8,32,64", help="comma-separated concurrency levels")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cached", type=int, default=2000, help="articles in the cache-hit run")
    parser.add_argument("--memory", default="1000,10000", help="comma-separated batch sizes for peak memory")
    parser.add_argument("--memory-concurrency", type=int, default=64)
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--concurrency", type=int, default=64, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.url, args.memory_child, args.concurrency)
        return

    import instructor
    import openai

    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(f"machine: {cores} cores ({usable} usable by this process); Python {sys.version.split()[0]}, "
          f"instructor {instructor.__version__}, openai {openai.__version__}")
    with tempfile.TemporaryDirectory() as tmp, fake_server(args.latency) as url:
        work = Path(tmp)
        concurrency_table(url, args.latency, [int(x) for x in args.levels.split(",")], args.repeats, work)
        cache_table(url, args.cached, args.repeats, work)
        memory_table(url, [int(x) for x in args.memory.split(",") if x], args.memory_concurrency)


if __name__ == "__main__":
    main()
