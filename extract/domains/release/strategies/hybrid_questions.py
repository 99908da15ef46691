"""Optional model questions for the hybrid strategy: fill a scalar the rules left empty.

Each question is one small, grammar-constrained request. The answer can only be one of the
article's own candidates (numbers counted in release sentences, countries the article names) or
null, so the model cannot invent a value that is not in the text; the evidence is the first
sentence that contains the chosen value.

Which questions are asked by default is decided by measurement, not by hand:
`benchmarks/decide_hybrid_questions.py` compares, on the tuning articles where the rules leave a
field empty, each embedded model against the rules' own no-model gap rule, and writes
`hybrid_questions.json`; `MEASURED` is that file and `DEFAULT_QUESTIONS = decide(MEASURED)`.
`Settings.hybrid_questions` (`--hybrid-questions`) overrides the default.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, create_model

from extract.backends.base import Backend
from extract.prompts import load_prompt

from ..prompt_files import PROMPTS
from ..schema import Usage, parse_count
from .hybrid_event import EventFindings
from .hybrid_text import Analysis, country_of

__all__ = [
    "DEFAULT_QUESTIONS",
    "MEASURED",
    "QUESTIONS",
    "Answers",
    "Question",
    "QuestionContext",
    "ask_questions",
    "decide",
    "question_context",
]


@dataclass(frozen=True)
class Question:
    """A gap-filling question: which field, which prompt, how to list the allowed answers."""

    field: str
    prompt: str
    candidates: Callable[[Analysis], list[Any]]


def _count_candidates(a: Analysis) -> list[int]:
    values: list[int] = []
    for ent in a.ents:
        if ent.label != "CARDINAL":
            continue
        try:
            value = parse_count(ent.text)
        except ValueError:
            continue
        if value is not None and 0 < value < 1_000_000 and value not in values:
            values.append(value)
    return values


def _country_candidates(a: Analysis) -> list[str]:
    values: list[str] = []
    for ent in a.ents:
        if ent.label in ("GPE", "NORP"):
            country = country_of(ent.text)
            if country and country not in values:
                values.append(country)
    return values


QUESTIONS: dict[str, Question] = {
    "released_count": Question("released_count", "hybrid_count", _count_candidates),
    "releasing_country": Question("releasing_country", "hybrid_country", _country_candidates),
}
_MEASURED_FILE = Path(__file__).with_name("hybrid_questions.json")


def _load_measured() -> dict[str, Any]:
    """The figures written by `benchmarks/decide_hybrid_questions.py` (never edited by hand)."""
    data: dict[str, Any] = json.loads(_MEASURED_FILE.read_text(encoding="utf-8"))
    return data


def decide(measured: dict[str, Any]) -> tuple[str, ...]:
    """The questions worth asking: the best model was right more often than wrong where the rules
    (without their no-model gap rules) were empty, and right more often than the gap rule (a tie
    goes to the rule, which costs no model call)."""
    chosen = []
    for name, row in measured.get("questions", {}).items():
        models = [v for k, v in row.items() if isinstance(v, dict) and k != "no-model rule"]
        if not models:
            continue
        best = max(models, key=lambda v: (v["right"] - v["wrong"], v["right"]))
        rule = row.get("no-model rule", {"right": 0})
        if best["right"] > best["wrong"] and best["right"] > rule["right"]:
            chosen.append(name)
    return tuple(name for name in QUESTIONS if name in chosen)


# Measured figures per question (rules empty, right/wrong/empty per alternative) and the questions
# asked by default, decided from them.
MEASURED: dict[str, Any] = _load_measured()
DEFAULT_QUESTIONS: tuple[str, ...] = decide(MEASURED)


def _answer_model(field: str, choices: list[Any]) -> type[BaseModel]:
    allowed: Any = Literal[tuple(choices)]
    model: type[BaseModel] = create_model(
        f"{field.title().replace('_', '')}Answer",
        __config__=ConfigDict(extra="forbid"),
        answer=(allowed | None, ...),
    )
    return model


@dataclass(frozen=True)
class QuestionContext:
    """What the questions need from one parsed article, picklable so that a worker process can
    build it: the text, its sentences, and the allowed answers for each field the rules left empty."""

    text: str
    sentences: tuple[str, ...]
    candidates: dict[str, list[Any]]


def question_context(a: Analysis, found: EventFindings, names: tuple[str, ...]) -> QuestionContext | None:
    """The context for the named questions whose field the rules left empty (None: nothing to ask;
    also for an article with no release, whose empty scalars are the answer)."""
    if found.kind == "none":
        return None
    candidates: dict[str, list[Any]] = {}
    for name in names:
        question = QUESTIONS[name]
        if getattr(found, question.field) is None:
            choices = question.candidates(a)
            if choices:
                candidates[question.field] = choices
    if not candidates:
        return None
    return QuestionContext(a.text, tuple(s.text for s in a.sents), candidates)


def _sentence_with(sentences: tuple[str, ...], value: Any) -> str | None:
    needle = str(value)
    for sentence in sentences:
        if needle in sentence or (isinstance(value, int) and f"{value:,}" in sentence):
            return sentence
    return None


@dataclass
class Answers:
    """The model's non-null answers by field, the sentence quoting each, and the cost."""

    values: dict[str, Any]
    evidence: dict[str, str]
    usage: Usage
    cached: bool


async def ask_questions(context: QuestionContext, backend: Backend, names: tuple[str, ...]) -> Answers:
    """Ask the named questions that have candidates in `context`, one small request each.

    `cached` is true when at least one question was asked and every answer came from the cache.
    """
    usage, asked, all_cached = Usage(), 0, True
    values: dict[str, Any] = {}
    evidence: dict[str, str] = {}
    for name in names:
        question = QUESTIONS[name]
        choices = context.candidates.get(question.field)
        if not choices:
            continue
        prompt = load_prompt(question.prompt, PROMPTS)
        reply = await backend.structured(
            prompt.render(article=context.text),
            _answer_model(question.field, choices),
            prompt_version=prompt.full_version,
            max_tokens=32,
        )
        usage = usage.add(reply.usage)
        asked += 1
        all_cached = all_cached and reply.cached
        value = getattr(reply.value, "answer", None)
        if value is None:
            continue
        values[question.field] = value
        sentence = _sentence_with(context.sentences, value)
        if sentence is not None:
            evidence[question.field] = sentence
    return Answers(values, evidence, usage, asked > 0 and all_cached)
