"""Benchmark batch runs against the fake server (not a test): `python benchmarks/bench_batch.py`.

The fake OpenAI-compatible server runs as a subprocess (`python -m extract.testing.fake_openai
--latency 0.1`), so its CPU is not counted: the CPU time measured here is this process, i.e. the
toolkit (reading articles, Instructor and the openai client, grounding, writing records).

Prints, with the machine's core count:
  1. articles/s at concurrency 1, 8, 32, 64 next to the ideal (concurrency / latency) and next to
     a bare HTTP client sending requests of the same size at the same concurrency (the ceiling the
     fake server, itself a Python program, and the machine leave), the
     toolkit's CPU time per article (process CPU time / articles), cache off, and the fake server's
     own CPU per article (from /proc) to show when the server, not the toolkit, is the limit;
     1b. the same CPU figure against a zero-latency server (the loop never idles: the toolkit's
     own cost, without the cold caches an idle-then-busy loop gets on a shared machine);
  2. cache-hit throughput: a second run over the same articles, every answer from the cache;
  3. peak memory (ru_maxrss of a fresh child process) for 1,000 and 10,000 articles.
Figures are medians of `--repeats` runs (memory: one run per size, each in its own process).
"""

from __future__ import annotations

import argparse
import asyncio
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


class Server:
    """The fake server subprocess: its base URL and CPU time so far (Linux /proc; 0 elsewhere)."""

    def __init__(self, proc: subprocess.Popen[str], url: str) -> None:
        self.proc = proc
        self.url = url

    def cpu_seconds(self) -> float:
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def fake_server(latency: float) -> Iterator[Server]:
    """Start the fake server in a subprocess (so its CPU is not this process's)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract.testing.fake_openai", "--latency", str(latency)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"fake server did not start (got {url!r})")
        yield Server(proc, url)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def settings_for(url: str, cache_dir: Path, **overrides: object) -> Settings:
    return Settings(base_url=url, model="fake-model", mode="llamacpp", strategy="single",
                    cache_dir=cache_dir, **overrides)  # type: ignore[arg-type]


def timed_run(ex: Extractor, source: Path, output: Path, count: int, server: Server) -> tuple[float, float, float]:
    """(articles per second, toolkit CPU ms per article, fake-server CPU ms per article) of one run."""
    cpu, wall, server_cpu = time.process_time(), time.perf_counter(), server.cpu_seconds()
    summary = ex.run([source], output)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    server_cpu = server.cpu_seconds() - server_cpu
    if summary.ok != count:
        raise RuntimeError(f"expected {count} ok records, got {summary.line()}")
    return count / wall, cpu / count * 1000, server_cpu / count * 1000


def request_body(text: str) -> dict[str, object]:
    """A chat request of the size and shape the toolkit sends in llamacpp mode (schema in the prompt and
    in response_format)."""
    from extract.domains.release.prompt_files import PROMPTS
    from extract.domains.release.schema import ReleaseEvent
    from extract.prompts import load_prompt

    messages = load_prompt("single", PROMPTS).render(article=text)
    schema = ReleaseEvent.model_json_schema()
    messages[0]["content"] += "\n\n" + json.dumps(schema, indent=2)
    return {"model": "fake-model", "messages": messages, "max_tokens": 1024, "temperature": 0.0, "seed": 0,
            "response_format": {"type": "json_object", "schema": schema}}


def bare_client_rate(url: str, level: int, count: int, body: dict[str, object]) -> float:
    """Requests per second of a bare HTTP client (the openai client's own httpx stack, no toolkit) at
    `level` requests in flight: the ceiling the fake server and loopback leave on this machine."""
    import openai

    async def go() -> float:
        async with openai.DefaultAsyncHttpxClient() as client:
            gate = asyncio.Semaphore(level)

            async def one() -> None:
                async with gate:
                    response = await client.post(url + "/chat/completions", json=body)
                    response.raise_for_status()
                    response.json()

            await asyncio.gather(*(one() for _ in range(level)))  # open the connections
            started = time.perf_counter()
            await asyncio.gather(*(one() for _ in range(count)))
            return count / (time.perf_counter() - started)

    return asyncio.run(go())


def concurrency_table(server: Server, latency: float, levels: list[int], repeats: int, work: Path) -> None:
    print(f"\n1. Throughput, fake server latency {latency * 1000:.0f} ms, cache off "
          f"(median of {repeats} runs; 10 x concurrency articles, at least 50, per run)")
    print(f"{'concurrency':>11} {'ideal/s':>7} {'bare client/s':>13} {'toolkit/s':>9} {'of ideal':>8} "
          f"{'of bare':>7} {'toolkit CPU ms/article':>22} {'server CPU ms/article':>21}")
    body = request_body(" ".join(SENTENCES))
    for level in levels:
        count = max(50, 10 * level)
        source = write_articles(work / f"c{level}.jsonl", count, f"c{level}")
        with Extractor(settings_for(server.url, work / "cache", cache=False, concurrency=level)) as ex:
            ex.run([write_articles(work / f"warm{level}.jsonl", level * 2, f"w{level}")], work / "warm.jsonl")
            runs = [timed_run(ex, source, work / "out.jsonl", count, server) for _ in range(repeats)]
        bare = statistics.median(bare_client_rate(server.url, level, count, body) for _ in range(repeats))
        rate, cpu, server_cpu = (statistics.median(r[i] for r in runs) for i in range(3))
        ideal = level / latency
        print(f"{level:>11} {ideal:>7.0f} {bare:>13.1f} {rate:>9.1f} {rate / ideal:>8.0%} {rate / bare:>7.0%} "
              f"{cpu:>22.2f} {server_cpu:>21.2f}")


def busy_cpu_table(count: int, repeats: int, work: Path) -> None:
    """CPU per article against a zero-latency server: the loop never idles, so caches stay warm."""
    print(f"\n1b. Toolkit CPU per article with no server latency ({count} articles, concurrency 8, cache off, "
          f"median of {repeats} runs)")
    source = write_articles(work / "busy.jsonl", count, "busy")
    with fake_server(0.0) as server, Extractor(settings_for(server.url, work / "cache", cache=False,
                                                            concurrency=8)) as ex:
        ex.run([write_articles(work / "warm-busy.jsonl", 50, "wb")], work / "warm.jsonl")
        runs = [timed_run(ex, source, work / "out.jsonl", count, server) for _ in range(repeats)]
    rate, cpu, server_cpu = (statistics.median(r[i] for r in runs) for i in range(3))
    print(f"{'articles/s':>10} {'toolkit CPU ms/article':>22} {'server CPU ms/article':>21}")
    print(f"{rate:>10.0f} {cpu:>22.2f} {server_cpu:>21.2f}")


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


def core_share(seconds: float = 1.0) -> float:
    """Share of one core a busy loop gets now (1.0 on an idle machine): other load shows here."""
    wall, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < seconds:
        pass
    return (time.process_time() - cpu) / (time.perf_counter() - wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--levels", default="1,8,32,64", help="comma-separated concurrency levels")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--busy", type=int, default=500, help="articles in the zero-latency CPU run")
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
    print(f"a busy loop gets {core_share():.0%} of one core now (below 100%: other processes compete)")
    with tempfile.TemporaryDirectory() as tmp, fake_server(args.latency) as server:
        work = Path(tmp)
        concurrency_table(server, args.latency, [int(x) for x in args.levels.split(",")], args.repeats, work)
        busy_cpu_table(args.busy, args.repeats, work)
        cache_table(server.url, args.cached, args.repeats, work)
        memory_table(server.url, [int(x) for x in args.memory.split(",") if x], args.memory_concurrency)
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print(f"\nat the end: a busy loop gets {core_share():.0%} of one core; load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
