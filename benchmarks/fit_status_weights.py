"""Fit the hybrid strategy's status weights on the tuning sets and compare them with the hand decision.

For every person the rules find in a TUNING set (every labelled set but the measure-only ones),
matched to a gold person with the project's name matcher (`extract.names.align`, as the scorer
aligns people), the features are the person's status rule ids with their strength and the role
flags (`hybrid_weights.status_features`); the label is the gold status. A multinomial logistic
regression (numpy, L2, deterministic full-batch gradient descent from zero) is fitted on them.

Then, once:
- leave one tuning set out: fit without set X, run the rules with those weights on X; the hand
  decision on the same articles; pooled over all tuning sets and per set;
- the measure-only sets: the hand decision against the weights fitted on every tuning set,
  pooled figures only (never per-article output).

The weights, the comparison and the decision go to
`extract/domains/release/strategies/status_weights.json`; `default` is "fitted" only when the
fitted weights beat the hand decision on the measure-only pooled status accuracy without lowering
the pooled released F1, and do not lower the leave-one-set-out pooled status accuracy (this last
condition was added after the first comparison, 2026-12-05: see README, "Status weights, fitted").

    .venv/bin/python benchmarks/fit_status_weights.py                  # fit, compare, write the file
    .venv/bin/python benchmarks/fit_status_weights.py --no-measure-only  # tuning sets only (no file)
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from extract.domains.release.evaluation import load_gold
from extract.domains.release.regression import MEASURE_ONLY, TUNING, LabelledSet, figures, labelled_sets
from extract.domains.release.schema import ReleaseEvent
from extract.domains.release.scoring import score
from extract.domains.release.strategies.hybrid import build_event
from extract.domains.release.strategies.hybrid_batch import rules_batch
from extract.domains.release.strategies.hybrid_event import find_event
from extract.domains.release.strategies.hybrid_people import decide, find_people, role_flags
from extract.domains.release.strategies.hybrid_text import Analysis, analyse
from extract.domains.release.strategies.hybrid_weights import WEIGHTS_FILE, StatusWeights, status_features
from extract.names import align

# MEASURE_ONLY / TUNING (regression.py): a set in neither stops the script, so a new measure-only
# set is never fitted on by accident.
CLASSES = ("still_detained", "released", "negotiator", "official", "other")
L2 = 1.0  # fixed in advance; no search over it
STEPS = 4000
SEED = 0  # the fit starts from zeros and is deterministic; the seed only fixes numpy's state
SHOWN = ("status_accuracy", "released_f1", "people_f1", "people.released.f1", "people.still_detained.f1",
         "people.official.f1", "people.negotiator.f1", "people.other.f1", "scalar_accuracy")


@dataclass
class Article:
    set_name: str
    stem: str
    analysis: Analysis
    gold: ReleaseEvent | None
    hand: ReleaseEvent
    rows: list[tuple[dict[str, float], str]] = field(default_factory=list)  # (features, gold status)


def _variants(name: str, aliases: list[str]) -> tuple[str, ...]:
    return (name, *(a for a in aliases if a.strip()))


def read_tuning(sets: list[LabelledSet]) -> list[Article]:
    """Parse every tuning article once, run the hand rules, and collect each matched person's row."""
    out: list[Article] = []
    for labelled in sets:
        gold = load_gold(labelled.gold)
        for path in sorted(labelled.articles.glob("*.txt")):
            analysis = analyse(path.read_text(encoding="utf-8"))
            people = find_people(analysis)
            found = find_event(analysis, people)
            article = Article(labelled.name, path.stem, analysis, gold.get(path.stem), build_event(analysis, people, found))
            if article.gold is not None:
                gold_people = article.gold.people
                matches = align([_variants(p.name, p.aliases) for p in gold_people],
                                [_variants(p.name, p.aliases) for p in people])
                for m in matches:
                    person = people[m.right]
                    again = copy.copy(person)
                    decide(again)
                    if again.status != person.status:
                        continue  # the event judgement overrode the decision, whatever the weights say
                    # a person with no resolved cue is "other" before any weighing; their row keeps
                    # the raw cues (pseudo-statuses of no status) as features
                    no_cue = person.status_rules[:1] == ["no-cue"]
                    features = status_features(person.cues, [], role_flags(person)) if no_cue else person.features
                    article.rows.append((features, gold_people[m.left].status))
            out.append(article)
    return out


def fit(rows: list[tuple[dict[str, float], str]], version: str = "inline") -> StatusWeights:
    """Multinomial logistic regression: mean cross-entropy + L2 / n * |W|^2 (bias not penalised)."""
    np.random.seed(SEED)
    names = sorted({name for features, _ in rows for name in features})
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    y = np.zeros((len(rows), len(CLASSES)))
    for i, (features, label) in enumerate(rows):
        for name, value in features.items():
            x[i, column[name]] = value
        y[i, CLASSES.index(label)] = 1.0
    n = len(rows)
    w = np.zeros((len(names), len(CLASSES)))
    b = np.zeros(len(CLASSES))
    # step 1/L for the smooth loss: L <= max row norm^2 / 2 + 2 * L2 / n
    rate = 1.0 / (0.5 * float((x**2).sum(axis=1).max() + 1.0) + 2 * L2 / n)
    for _ in range(STEPS):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - y) / n
        w -= rate * (x.T @ grad + 2 * L2 / n * w)
        b -= rate * grad.sum(axis=0)
    weights = {name: tuple(round(float(v), 5) for v in w[column[name]]) for name in names}
    return StatusWeights(CLASSES, tuple(round(float(v), 5) for v in b), weights, version)


def run(articles: list[Article], weights: StatusWeights | None) -> list[ReleaseEvent]:
    """The rules on already parsed articles, statuses by `weights` (None: the hand decision)."""
    if weights is None:
        return [a.hand for a in articles]
    events = []
    for a in articles:
        people = find_people(a.analysis, weights)
        events.append(build_event(a.analysis, people, find_event(a.analysis, people)))
    return events


def pooled(articles: list[Article], events: list[ReleaseEvent]) -> dict[str, float]:
    keys = [f"{a.set_name}/{a.stem}" for a in articles]
    gold = {k: a.gold for k, a in zip(keys, articles, strict=True)}
    return figures(score((k, e, gold[k]) for k, e in zip(keys, events, strict=True)))


def measure_only(sets: list[LabelledSet], weights: StatusWeights | None) -> dict[str, dict[str, float]]:
    """Pooled figures per measure-only set and over all of them; nothing per article is shown."""
    texts, keys = [], []
    for labelled in sets:
        for path in sorted(labelled.articles.glob("*.txt")):
            texts.append(path.read_text(encoding="utf-8"))
            keys.append((labelled, path.stem))
    outcomes = rules_batch(texts, weights=weights)
    golds = {labelled.name: load_gold(labelled.gold) for labelled in sets}
    triples = [(f"{s.name}/{stem}", o.event, golds[s.name].get(stem)) for (s, stem), o in zip(keys, outcomes, strict=True)]
    out = {s.name: figures(score(t for t in triples if t[0].startswith(s.name + "/"))) for s in sets}
    out["ALL"] = figures(score(triples))
    return out


def table(title: str, rows: dict[str, tuple[dict[str, float], dict[str, float]]]) -> str:
    keys = ("status_accuracy", "released_f1", "people_f1", "scalar_accuracy")
    lines = [title, f"{'set':<10}" + "".join(f"{k + ' hand/fitted':>32}" for k in keys)]
    for name, (hand, fitted) in rows.items():
        lines.append(f"{name:<10}" + "".join(f"{hand[k]:.4f} / {fitted[k]:.4f}".rjust(32) for k in keys))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-measure-only", action="store_true", help="tuning sets only; write nothing")
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sets = labelled_sets()
    unknown = [s.name for s in sets if s.name not in MEASURE_ONLY | TUNING]
    if unknown:
        print(f"unclassified labelled sets {unknown}: add each to TUNING or MEASURE_ONLY", file=sys.stderr)
        return 2
    tuning = [s for s in sets if s.name in TUNING]
    articles = read_tuning(tuning)
    rows = [row for a in articles for row in a.rows]
    print(f"{len(articles)} tuning articles, {len(rows)} matched people, "
          f"{len({f for features, _ in rows for f in features})} features ({time.perf_counter() - started:.0f} s)")

    loso: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
    hand_all: list[ReleaseEvent] = []
    fitted_all: list[ReleaseEvent] = []
    ordered: list[Article] = []
    for labelled in tuning:
        held = [a for a in articles if a.set_name == labelled.name]
        weights = fit([row for a in articles if a.set_name != labelled.name for row in a.rows])
        hand, fitted = run(held, None), run(held, weights)
        loso[labelled.name] = (pooled(held, hand), pooled(held, fitted))
        hand_all += hand
        fitted_all += fitted
        ordered += held
    loso["ALL"] = (pooled(ordered, hand_all), pooled(ordered, fitted_all))
    print(table("leave one tuning set out (fit without the set, measure on it; pooled)", loso))

    final = fit(rows)
    if args.no_measure_only:
        return 0
    sets_mo = [s for s in sets if s.name in MEASURE_ONLY]
    hand_mo, fitted_mo = measure_only(sets_mo, None), measure_only(sets_mo, final)
    compared = {name: (hand_mo[name], fitted_mo[name]) for name in hand_mo}
    print(table("measure-only sets, weights fitted on every tuning set (pooled figures only)", compared))
    h, f = hand_mo["ALL"], fitted_mo["ALL"]
    lh, lf = loso["ALL"]
    better = (f["status_accuracy"] > h["status_accuracy"] and f["released_f1"] >= h["released_f1"]
              and lf["status_accuracy"] >= lh["status_accuracy"])
    default = "fitted" if better else "hand"
    print(f"default decision: {default} (measure-only status accuracy fitted {f['status_accuracy']:.4f} vs hand "
          f"{h['status_accuracy']:.4f}, released F1 {f['released_f1']:.4f} vs {h['released_f1']:.4f}; "
          f"leave-one-set-out status accuracy {lf['status_accuracy']:.4f} vs {lh['status_accuracy']:.4f})")
    data: dict[str, Any] = {
        "about": "Fitted status weights of the hybrid rules (benchmarks/fit_status_weights.py); "
                 "`default` says whether they replace the hand decision.",
        "default": default,
        "measured": datetime.date.today().isoformat(),
        "command": "python benchmarks/fit_status_weights.py",
        "fitted_on": [s.name for s in tuning],
        "l2": L2,
        "matched_people": len(rows),
        "comparison": {
            "leave_one_set_out": {k: {"hand": _pick(h), "fitted": _pick(f)} for k, (h, f) in loso.items()},
            "measure_only": {k: {"hand": _pick(h), "fitted": _pick(f)} for k, (h, f) in compared.items()},
        },
        "classes": list(final.classes),
        "bias": list(final.bias),
        "weights": {k: list(v) for k, v in sorted(final.weights.items())},
    }
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"written {args.out} ({time.perf_counter() - started:.0f} s)")
    return 0


def _pick(values: dict[str, float]) -> dict[str, float]:
    return {k: values[k] for k in SHOWN if k in values}


if __name__ == "__main__":
    sys.exit(main())
