"""Fit the hybrid strategy's status weights on the tuning sets and compare them with the hand decision.

For every person the rules find in a TUNING set (every labelled set but the measure-only ones),
matched to a gold person with the project's name matcher (`extract.names.align`, as the scorer
aligns people), the features are the person's status rule ids with their strength, the role flags
and the lexical/syntactic context of their mentions (`hybrid_weights.status_features`, with
`hybrid_context.context_features`: the same function the run uses); the label is the gold status.
A context feature (``ctx.*``) is kept only when it occurs in at least MIN_ARTICLES training
articles. A multinomial logistic regression (numpy, L2, L-BFGS from zero, deterministic) is fitted on them.

Then, once:
- the L2 strength: for each value of L2_GRID, leave one tuning set out (fit without set X, predict
  the matched people of X), pooled status accuracy of those people; the best wins (ties: the
  stronger). The CHECK set (real5) takes no part in this choice;
- leave one tuning set out with that strength: fit without set X, run the rules with those weights
  on X; the hand decision on the same articles; pooled over all tuning sets and per set. The row of
  the CHECK set is its check (nothing about it chose the features or the strength);
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
import re
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
from extract.domains.release.strategies.hybrid_people import decide, find_people
from extract.domains.release.strategies.hybrid_text import Analysis, analyse
from extract.domains.release.strategies.hybrid_weights import WEIGHTS_FILE, StatusWeights
from extract.names import align

# MEASURE_ONLY / TUNING (regression.py): a set in neither stops the script, so a new measure-only
# set is never fitted on by accident.
CLASSES = ("still_detained", "released", "negotiator", "official", "other")
L2 = 1.0  # the strength of `fit` when none is given
L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)  # chosen among by leave-one-set-out on the tuning sets
MIN_ARTICLES = 3  # a context feature must occur in this many training articles
CONTEXT_PREFIX = "ctx."
CHECK = "real5"  # a tuning set nobody read errors on: no part in choosing L2; its left-out row is a check
STEPS = 500  # L-BFGS iterations at most
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
    hand_statuses: list[str] = field(default_factory=list)  # the hand decision for each row


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
                    article.rows.append((person.features, gold_people[m.left].status))
                    article.hand_statuses.append(person.status)
            out.append(article)
    return out


def vocabulary(articles: list[Article], min_articles: int = MIN_ARTICLES) -> set[str]:
    """The features a fit on `articles` may use: every rule-id and role feature, and each context
    feature that occurs in at least `min_articles` of the articles."""
    seen: dict[str, int] = {}
    for a in articles:
        for name in {name for features, _ in a.rows for name in features}:
            seen[name] = seen.get(name, 0) + 1
    return {name for name, count in seen.items() if not name.startswith(CONTEXT_PREFIX) or count >= min_articles}


def fit(rows: list[tuple[dict[str, float], str]], l2: float = L2, keep: set[str] | None = None,
        version: str = "inline") -> StatusWeights:
    """Multinomial logistic regression: mean cross-entropy + l2 / n * |W|^2 (bias not penalised),
    over the features in `keep` (None: all), minimised by L-BFGS from zero (deterministic)."""
    np.random.seed(SEED)
    names = sorted({name for features, _ in rows for name in features if keep is None or name in keep})
    column = {name: i + 1 for i, name in enumerate(names)}  # column 0: the bias, 1 in every row
    r_idx, c_idx, vals = [], [], []
    y = np.zeros((len(rows), len(CLASSES)))
    for i, (features, label) in enumerate(rows):
        r_idx.append(i)
        c_idx.append(0)
        vals.append(1.0)
        for name, value in sorted(features.items()):
            if name in column and value:
                r_idx.append(i)
                c_idx.append(column[name])
                vals.append(value)
        y[i, CLASSES.index(label)] = 1.0
    n, d, k = len(rows), len(names) + 1, len(CLASSES)
    r, c, v = np.array(r_idx, dtype=np.int64), np.array(c_idx, dtype=np.int64), np.array(vals)
    by_column = np.argsort(c, kind="stable")
    row_starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])  # rows are in order, each non-empty
    col_sorted = c[by_column]
    col_starts = np.flatnonzero(np.r_[True, col_sorted[1:] != col_sorted[:-1]])  # each column is used
    penalty = np.ones((d, 1))
    penalty[0] = 0.0  # the bias is not penalised

    def loss_and_grad(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(d, k)
        z = np.add.reduceat(v[:, None] * w[c], row_starts, axis=0)  # X @ w
        z -= z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -float((y * log_p).sum()) / n + l2 / n * float((penalty * w * w).sum())
        g = (np.exp(log_p) - y) / n
        grad = np.add.reduceat((v[:, None] * g[r])[by_column], col_starts, axis=0)  # X.T @ g
        return loss, (grad + 2 * l2 / n * penalty * w).ravel()

    w = _lbfgs(loss_and_grad, np.zeros(d * k)).reshape(d, k)
    weights = {name: tuple(round(float(x), 4) for x in w[column[name]]) for name in names}
    return StatusWeights(CLASSES, tuple(round(float(x), 4) for x in w[0]), weights, version)


def _lbfgs(func: Any, x: np.ndarray, steps: int = STEPS, memory: int = 10, tol: float = 1e-7) -> np.ndarray:
    """Minimise a smooth convex `func` (value, gradient) by L-BFGS with a backtracking line search."""
    value, grad = func(x)
    pairs: list[tuple[np.ndarray, np.ndarray, float]] = []
    for _ in range(steps):
        q = grad.copy()
        alphas = []
        for s, yv, rho in reversed(pairs):
            alpha = rho * float(s @ q)
            q -= alpha * yv
            alphas.append(alpha)
        if pairs:
            s, yv, _ = pairs[-1]
            q *= float(s @ yv) / float(yv @ yv)
        else:
            q /= max(float(np.abs(grad).max()), 1.0)
        for (s, yv, rho), alpha in zip(pairs, reversed(alphas), strict=True):
            q += s * (alpha - rho * float(yv @ q))
        direction = -q
        slope = float(grad @ direction)
        if slope >= 0:  # not a descent direction: start again from the gradient
            pairs, direction, slope = [], -grad, -float(grad @ grad)
        step = 1.0
        while True:
            candidate = x + step * direction
            new_value, new_grad = func(candidate)
            if new_value <= value + 1e-4 * step * slope or step < 1e-12:
                break
            step /= 2
        s, yv = candidate - x, new_grad - grad
        if float(s @ yv) > 1e-12:
            pairs = [*pairs[-(memory - 1):], (s, yv, 1.0 / float(s @ yv))]
        x, value, grad = candidate, new_value, new_grad
        if float(np.abs(grad).max()) < tol:
            break
    return x


def choose_l2(articles: list[Article], grid: tuple[float, ...] = L2_GRID) -> tuple[float, dict[float, float]]:
    """The L2 strength with the best pooled status accuracy of the matched people over leave one
    tuning set out (ties: the stronger); the CHECK set is left out of the choice entirely."""
    used = [a for a in articles if a.set_name != CHECK]
    names = list(dict.fromkeys(a.set_name for a in used))
    accuracy: dict[float, float] = {}
    for l2 in grid:
        right = total = 0
        for held in names:
            train = [a for a in used if a.set_name != held]
            weights = fit([row for a in train for row in a.rows], l2, vocabulary(train))
            for features, label in (row for a in used if a.set_name == held for row in a.rows):
                right += weights.choose(features) == label
                total += 1
        accuracy[l2] = right / max(total, 1)
    best = max(grid, key=lambda l2: (round(accuracy[l2], 9), l2))
    return best, accuracy


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

    hand_right = sum(status == label for a in articles if a.set_name != CHECK
                     for (_, label), status in zip(a.rows, a.hand_statuses, strict=True))
    l2, by_l2 = choose_l2(articles)
    people = sum(len(a.rows) for a in articles if a.set_name != CHECK)
    print(f"L2 by leave one tuning set out ({CHECK} not used), status accuracy of the matched people: "
          + ", ".join(f"{k:g}: {v:.4f}" for k, v in by_l2.items())
          + f"; hand decision {hand_right / max(people, 1):.4f}; chosen L2 {l2:g} ({time.perf_counter() - started:.0f} s)")

    loso: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
    hand_all: list[ReleaseEvent] = []
    fitted_all: list[ReleaseEvent] = []
    ordered: list[Article] = []
    for labelled in tuning:
        held = [a for a in articles if a.set_name == labelled.name]
        train = [a for a in articles if a.set_name != labelled.name]
        weights = fit([row for a in train for row in a.rows], l2, vocabulary(train))
        hand, fitted = run(held, None), run(held, weights)
        loso[labelled.name] = (pooled(held, hand), pooled(held, fitted))
        hand_all += hand
        fitted_all += fitted
        ordered += held
    loso["ALL"] = (pooled(ordered, hand_all), pooled(ordered, fitted_all))
    print(table("leave one tuning set out (fit without the set, measure on it; pooled)", loso))
    if CHECK in loso:
        print(table(f"CHECK {CHECK}, left out (no part in the features' design or the L2 choice)",
                    {CHECK: loso[CHECK]}))
    print(f"({time.perf_counter() - started:.0f} s)")

    keep = vocabulary(articles)
    final = fit(rows, l2, keep)
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
        "l2": l2,
        "l2_chosen_by": {"grid": list(L2_GRID), "left_out_status_accuracy": {f"{k:g}": round(v, 4) for k, v in by_l2.items()},
                         "hand_status_accuracy": round(hand_right / max(people, 1), 4), "not_used": CHECK},
        "min_articles": MIN_ARTICLES,
        "matched_people": len(rows),
        "features": len(final.weights),
        "comparison": {
            "leave_one_set_out": {k: {"hand": _pick(h), "fitted": _pick(f)} for k, (h, f) in loso.items()},
            "measure_only": {k: {"hand": _pick(h), "fitted": _pick(f)} for k, (h, f) in compared.items()},
        },
        "classes": list(final.classes),
        "bias": list(final.bias),
        "weights": {k: list(v) for k, v in sorted(final.weights.items())},
    }
    args.out.write_text(_dump(data), encoding="utf-8")
    print(f"written {args.out} ({time.perf_counter() - started:.0f} s)")
    return 0


def _dump(data: dict[str, Any]) -> str:
    """JSON with each list of numbers on one line (a weights row per line)."""
    text = json.dumps(data, indent=1)
    return re.sub(r"\[\n\s*(-?[\d.e+-]+(?:,\n\s*-?[\d.e+-]+)*)\n\s*\]",
                  lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",\n")) + "]", text) + "\n"


def _pick(values: dict[str, float]) -> dict[str, float]:
    return {k: values[k] for k in SHOWN if k in values}


if __name__ == "__main__":
    sys.exit(main())
