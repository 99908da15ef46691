"""The regression gate: the hybrid rules over every labelled set, against a stored baseline.

A labelled set is a folder under `evals/` with `articles/*.txt` and `gold/*.json`; the seeds
(`seeds/*.txt` with `evals/gold/`) are one more. The rules run with no model (the model questions
are off), so the figures are fixed by the code and the gold alone. Every set is scored with the
project's scorer; the gate compares pooled per-set, per-field figures with `evals/baseline.json`
and fails on a drop beyond `MARGIN`. Only pooled figures are printed, never per-article errors:
some sets are measure-only.

    python -m extract.domains.release.regression            # check against the baseline (what `make test` runs)
    python -m extract.domains.release.regression --write    # rewrite the baseline (commit it with the change)
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from .evaluation import load_gold
from .scoring import EvalReport, score

__all__ = [
    "MARGIN",
    "MEASURE_ONLY",
    "TUNING",
    "LabelledSet",
    "check",
    "figures",
    "labelled_sets",
    "main",
    "measure",
]

MARGIN = 0.005
# Every labelled set is named in exactly one of these (a test checks it): scripts that read articles,
# gold or per-article errors take TUNING sets only and stop on a set in neither list, so a new
# measure-only set is never read by accident.
MEASURE_ONLY = frozenset({"realheld", "realheld2", "realheld3", "realheld4", "heldout", "heldout2", "heldout3"})
TUNING = frozenset({"seeds", "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "real", "real2", "real3", "real4", "real5"})
ROOT = Path(__file__).resolve().parents[3]  # the checkout (this file: extract/domains/release/)
BASELINE = ROOT / "evals" / "baseline.json"


@dataclass(frozen=True)
class LabelledSet:
    name: str
    articles: Path
    gold: Path


def labelled_sets(root: Path = ROOT) -> list[LabelledSet]:
    """Every folder under `evals/` with `articles/` and `gold/`, plus the seeds with `evals/gold`."""
    evals = root / "evals"
    sets = [
        LabelledSet(folder.name, folder / "articles", folder / "gold")
        for folder in sorted(evals.iterdir())
        if (folder / "articles").is_dir() and (folder / "gold").is_dir()
    ]
    if (root / "seeds").is_dir() and (evals / "gold").is_dir():
        sets.insert(0, LabelledSet("seeds", root / "seeds", evals / "gold"))
    return sets


def figures(report: EvalReport) -> dict[str, float]:
    """The pooled figures the gate compares: headline scores and each field's F1."""
    out = {
        "released_f1": report.released_f1,
        "people_f1": report.people_f1,
        "status_accuracy": report.status_accuracy,
        "scalar_accuracy": report.scalar_accuracy,
    }
    out.update({f"{name}.f1": value.f1 for name, value in sorted(report.fields.items())})
    out.update({f"{name}.accuracy": value.accuracy for name, value in sorted(report.agreement.items())})
    return {key: round(value, 4) for key, value in out.items()}


def measure(sets: list[LabelledSet], *, workers: int | None = None) -> dict[str, dict[str, float]]:
    """Pooled figures per set, the rules run once over all articles of all sets (no model)."""
    from .strategies.hybrid_batch import rules_batch
    from .strategies.hybrid_weights import default_weights

    texts: list[str] = []
    keys: list[tuple[int, str]] = []
    for number, labelled in enumerate(sets):
        for path in sorted(labelled.articles.glob("*.txt")):
            keys.append((number, path.stem))
            texts.append(path.read_text(encoding="utf-8"))
    outcomes = rules_batch(texts, workers=workers, weights=default_weights())  # the default status decision
    out: dict[str, dict[str, float]] = {}
    for number, labelled in enumerate(sets):
        gold = load_gold(labelled.gold)
        predicted = {stem: o.event for (n, stem), o in zip(keys, outcomes, strict=True) if n == number}
        ids = sorted(set(gold) | set(predicted))
        report = score((i, predicted.get(i), gold.get(i)) for i in ids)
        out[labelled.name] = figures(report)
    return out


def check(
    current: dict[str, dict[str, float]], baseline: dict[str, dict[str, float]], margin: float = MARGIN
) -> list[str]:
    """One line per figure that dropped more than `margin` below the baseline (or vanished)."""
    drops: list[str] = []
    for name, base in sorted(baseline.items()):
        now = current.get(name)
        if now is None:
            drops.append(f"{name}: set missing (delete it from the baseline with --write if it was removed)")
            continue
        for key, old in sorted(base.items()):
            new = now.get(key)
            if new is None or new < old - margin:
                drops.append(f"{name} {key}: {old:.4f} -> {'missing' if new is None else f'{new:.4f}'}")
    return drops


def table(current: dict[str, dict[str, float]], baseline: dict[str, dict[str, float]] | None = None) -> str:
    """Headline figures per set (pooled), with the change against the baseline."""
    keys = ("released_f1", "people_f1", "status_accuracy", "scalar_accuracy")
    lines = [f"{'set':<10}" + "".join(f"{k:>22}" for k in keys)]
    for name, now in current.items():
        cells = []
        for key in keys:
            old = (baseline or {}).get(name, {}).get(key)
            delta = f" ({now[key] - old:+.3f})" if old is not None else ""
            cells.append(f"{now[key]:.3f}{delta}".rjust(22))
        lines.append(f"{name:<10}" + "".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract.domains.release.regression", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the baseline with today's figures")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--workers", type=int, default=None, help="processes (default: every core)")
    args = parser.parse_args(argv)
    current = measure(labelled_sets(), workers=args.workers)
    if args.write:
        args.baseline.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(table(current))
        print(f"baseline written to {args.baseline}")
        return 0
    baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
    print(table(current, baseline))
    drops = check(current, baseline)
    for line in drops:
        print("DROP", line)
    return 1 if drops else 0


if __name__ == "__main__":
    sys.exit(main())
