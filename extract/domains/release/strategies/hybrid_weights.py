"""Fitted status weights: a multinomial logistic regression over the status rule ids, the
alternative to the hand decision (strongest cue, ties by precedence) in `hybrid_people.decide`.

A person's features are the rule ids of their cues, each as ``status:why`` with the cue's
strength (the highest when a rule fired more than once), the pseudo-statuses (speech, act,
talks) included; the strongest resolved cue per status; the role flags (official, head of
state, negotiator, relative) as 0/1; and the lexical and syntactic context of their mentions
(``ctx.*``, `hybrid_context.context_features`: governing verbs and relations, markers on the
verb, nearby words, titles, position). Features the weights do not name weigh nothing.
The status is the class with the highest score ``bias[c] + sum(weight[f][c] * value[f])``.

The weights live in `status_weights.json`, written by `benchmarks/fit_status_weights.py` (which
also records there the measured comparison with the hand decision). The file's own hash is the
weights' version, so any change to it changes the strategy's version and every cache key.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.settings import HYBRID_STATUS_DECISIONS

from .hybrid_status import PRECEDENCE, Cue

__all__ = [
    "WEIGHTS_FILE",
    "StatusWeights",
    "default_status_decision",
    "default_weights",
    "load_status_weights",
    "status_features",
]

WEIGHTS_FILE = Path(__file__).with_name("status_weights.json")
DECISIONS = HYBRID_STATUS_DECISIONS  # the settings' choices: the engine names them, the domain implements them


def status_features(
    cues: Iterable[Cue], resolved: Iterable[Cue], flags: Mapping[str, bool], context: Mapping[str, float] | None = None
) -> dict[str, float]:
    """The features of one person: ``status:why`` -> the highest strength of that cue;
    ``strongest:status`` -> the highest strength of the resolved cues (`resolved_cues`) for that
    status; each role flag that is set -> 1; and the ``ctx.*`` features of the person's mentions
    (`hybrid_context.context_features`), as given."""
    out: dict[str, float] = dict(context or {})
    for cue in cues:
        key = f"{cue.status}:{cue.why}"
        out[key] = max(out.get(key, 0.0), float(cue.strength))
    for cue in resolved:
        key = f"strongest:{cue.status}"
        out[key] = max(out.get(key, 0.0), float(cue.strength))
    out.update({name: 1.0 for name, value in flags.items() if value})
    return out


@dataclass(frozen=True)
class StatusWeights:
    """Per-class bias and per-feature weights of a fitted multinomial logistic regression."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]  # feature -> one weight per class
    version: str = "inline"

    @property
    def rule_id(self) -> str:
        """The id the fitted decision leaves in a person's status trail."""
        return f"status.fitted-weights@{self.version}"

    def scores(self, features: Mapping[str, float]) -> dict[str, float]:
        """Each class's score (log-odds up to a constant); unknown features weigh nothing."""
        totals = list(self.bias)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                for index, weight in enumerate(row):
                    totals[index] += weight * value
        return dict(zip(self.classes, totals, strict=True))

    def probabilities(self, features: Mapping[str, float]) -> dict[str, float]:
        scores = self.scores(features)
        top = max(scores.values())
        exps = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exps.values())
        return {c: e / total for c, e in exps.items()}

    def reasons(self, features: Mapping[str, float], status: str, top: int = 3) -> list[str]:
        """Why `status` won: the `top` features that most raise its score over the runner-up
        class's, each as ``name+contribution`` (the contribution to that margin)."""
        scores = self.scores(features)
        chosen = self.classes.index(status)
        others = [c for c in self.classes if c != status]
        if not others:
            return []
        runner = self.classes.index(max(others, key=lambda c: scores[c]))
        parts = []
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None and (gain := (row[chosen] - row[runner]) * value) > 0:
                parts.append((gain, name))
        parts.sort(key=lambda p: (-p[0], p[1]))
        return [f"{name}{gain:+.2f}" for gain, name in parts[:top]]

    def choose(self, features: Mapping[str, float]) -> str:
        """The status with the highest score (ties: the more specific claim, as the hand decision)."""
        scores = self.scores(features)
        return max(self.classes, key=lambda c: (round(scores[c], 9), PRECEDENCE.get(c, 0)))

    @classmethod
    def from_json(cls, data: Mapping[str, Any], version: str = "inline") -> StatusWeights:
        classes = tuple(str(c) for c in data["classes"])
        bias = tuple(float(b) for b in data["bias"])
        weights = {str(k): tuple(float(w) for w in v) for k, v in data["weights"].items()}
        if len(bias) != len(classes) or any(len(row) != len(classes) for row in weights.values()):
            raise ValueError("status weights: every row needs one weight per class")
        return cls(classes, bias, weights, version)


@functools.cache
def load_status_weights(path: Path = WEIGHTS_FILE) -> StatusWeights:
    """The fitted weights in `path` (default: the packaged file); the version is the file's hash."""
    raw = path.read_bytes()
    return StatusWeights.from_json(json.loads(raw), hashlib.sha256(raw).hexdigest()[:8])


@functools.cache
def default_status_decision(path: Path = WEIGHTS_FILE) -> str:
    """ "fitted" when the weights file says the fitted weights were measured better than the hand
    decision on the measure-only sets (its `default`, written by the fitting script), else "hand"."""
    if not path.is_file():
        return "hand"
    choice = json.loads(path.read_text(encoding="utf-8")).get("default", "hand")
    return choice if choice in DECISIONS else "hand"


def default_weights() -> StatusWeights | None:
    """The weights the default decision uses: the packaged ones when it is "fitted", else None (hand)."""
    return load_status_weights() if default_status_decision() == "fitted" else None
