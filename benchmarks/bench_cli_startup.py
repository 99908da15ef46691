"""Benchmark the CLI's start-up (not a test): `python benchmarks/bench_cli_startup.py`.

Runs each command a few times in a fresh interpreter and prints the median wall time, and whether the
model stack (openai, Instructor) was imported. Target: `extract --help` under 0.3 s on a developer machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = {
    "extract --help": ["--help"],
    "extract run --help": ["run", "--help"],
    "extract eval --help": ["eval", "--help"],
}
PROBE = (
    "import sys\nfrom extract.cli import cli\ntry:\n    cli(sys.argv[1:], standalone_mode=False)\n"
    "except SystemExit:\n    pass\n"
    "heavy = [m for m in ('openai', 'instructor') if m in sys.modules]\n"
    "print('HEAVY=' + ','.join(heavy), file=sys.stderr)\n"
)


def measure(args: list[str], runs: int) -> tuple[float, float, str]:
    times: list[float] = []
    heavy = ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
        heavy = next((line[6:] for line in done.stderr.splitlines() if line.startswith("HEAVY=")), "?")
    return statistics.median(times), min(times), heavy or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    measure(["--version"], 1)  # warm the file cache
    bare = statistics.median(_timed([sys.executable, "-c", "pass"]) for _ in range(args.runs))
    print(f"{'command':<24} {'median s':>9} {'best s':>7}  heavy imports")
    print(f"{'python -c pass':<24} {bare:>9.3f} {'':>7}  none")
    for name, argv in CASES.items():
        median, best, heavy = measure(argv, args.runs)
        print(f"{name:<24} {median:>9.3f} {best:>7.3f}  {heavy}")


def _timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, capture_output=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
