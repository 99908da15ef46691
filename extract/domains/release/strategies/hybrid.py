"""The hybrid strategy: structure from spaCy and general English cues, the model only where it helps.

Pipeline for one article (`HybridStrategy.extract`):

1. parse with the pinned spaCy pipeline and run the rules, in a worker process of a pool over
   every core (`hybrid_batch`; `workers=1`: in a thread of this process);
2. people (`hybrid_people`): PERSON entities cleaned and merged, each with role, nationality and a
   status from the words governing its mentions, and the deciding sentence as evidence;
3. event fields (`hybrid_event`, `hybrid_counts`, `hybrid_places`, `hybrid_dates`): country,
   authority, date, counts, destinations, nationalities, mediators, exchange and charges from
   entities near release cues, each with the sentence it came from;
4. with `use_model=True` (the pipeline's default), the model fills scalars the rules left empty,
   one small grammar-constrained question each (`hybrid_questions`): by default only the
   releasing country, the one question measured to beat the rules (`hybrid_questions.MEASURED`).

Every name and evidence quote is an exact substring of the article.
"""

from __future__ import annotations

import ast
import asyncio
import functools
import hashlib
from collections.abc import Sequence
from pathlib import Path

from extract.backends.base import Backend
from extract.io import Article
from extract.prompts import load_prompt
from extract.strategies.base import StrategyResult

from ..prompt_files import PROMPTS
from ..schema import EventEvidence, Person, ReleaseEvent, Usage
from .hybrid_batch import cpu_count, rules_outcome, rules_pool, run_chunk
from .hybrid_event import EventFindings, find_event
from .hybrid_people import PersonFinding, find_people
from .hybrid_questions import DEFAULT_QUESTIONS, QUESTIONS, Answers, ask_questions
from .hybrid_text import Analysis
from .hybrid_weights import DECISIONS, StatusWeights, default_status_decision, load_status_weights

__all__ = ["GAP_RULES", "RULES_VERSION", "HybridStrategy", "build_event", "rule_files", "rules_hash", "run_rules"]

RULES_VERSION = "1"
# No-model rules that fill a scalar the other rules left empty, by field: the alternative a model
# question is measured against (benchmarks/decide_hybrid_questions.py).
GAP_RULES = {"releasing_country": "country.one-candidate"}
ENTRY_MODULE = "domains/release/strategies/hybrid.py"
# List fields the rules fill item by item, each item with its own trail entry (`charges[0]`).
ITEM_FIELDS = ("destinations", "nationalities_released", "mediators", "charges")


def _imported_modules(root: Path, module: str) -> set[str]:
    """Files (relative to the package root `root`) of the package modules `module` imports,
    at top level or inside functions, relatively (`from ..x import y`) or absolutely (`extract.x`)."""
    tree = ast.parse((root / module).read_bytes())
    package = Path(module).parent.parts
    found: set[str] = set()

    def add(parts: Sequence[str], names: Sequence[str]) -> None:
        base = Path(*parts) if parts else Path()
        # `from .x import y`: x.py or x/__init__.py; `from . import cues`: the submodule cues.py
        candidates = [base.with_suffix(".py"), base / "__init__.py"] if parts else []
        candidates += [base / f"{name}.py" for name in names]
        for candidate in candidates:
            if (root / candidate).is_file():
                found.add(candidate.as_posix())

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names = [alias.name for alias in node.names]
            if node.level:
                up = node.level - 1
                parts = list(package[: len(package) - up] if up else package)
                add(parts + (node.module.split(".") if node.module else []), names)
            elif node.module and node.module.split(".")[0] == root.name:
                add(node.module.split(".")[1:], names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == root.name:
                    add(alias.name.split(".")[1:], [])
    return found


def rule_files(package: Path | None = None) -> tuple[str, ...]:
    """Every module the hybrid strategy's output can depend on: the package modules that
    `domains/release/strategies/hybrid.py` imports, directly or through others (paths relative to the
    extract package, sorted)."""
    root = package or Path(__file__).resolve().parents[3]
    seen: set[str] = set()
    todo = [ENTRY_MODULE]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(_imported_modules(root, module) - seen)
    return tuple(sorted(seen))


def rules_hash(package: Path | None = None) -> str:
    """First 8 hex digits of the SHA-256 of every file in `rule_files(package)` (default: the extract package).

    For this package it is computed once per process, on first use.
    """
    if package is None:
        return _own_rules_hash()
    digest = hashlib.sha256()
    for name in rule_files(package):
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256((package / name).read_bytes()).digest())
    return digest.hexdigest()[:8]


@functools.cache
def _own_rules_hash() -> str:
    return rules_hash(Path(__file__).resolve().parents[3])


class HybridStrategy:
    """Rules over a spaCy parse; the model (if enabled) only for the named gap-filling questions.

    `use_model=False` never touches the backend. With `use_model=True` the strategy asks
    `questions` (default: `DEFAULT_QUESTIONS`, the ones measured to beat the rules).
    `status_decision`: "hand" (strongest cue, ties by precedence) or "fitted" (the packaged
    fitted weights, `hybrid_weights`); default: the one the weights file records as measured
    better (`default_status_decision`).
    """

    name = "hybrid"
    result_cacheable = True  # the output is fixed by the text, the version and the model's name

    def __init__(
        self,
        *,
        use_model: bool = False,
        questions: tuple[str, ...] | None = None,
        workers: int | None = None,
        gap_rules: bool = True,
        status_decision: str | None = None,
    ) -> None:
        chosen = DEFAULT_QUESTIONS if questions is None else tuple(questions)
        unknown = [q for q in chosen if q not in QUESTIONS]
        if unknown:
            raise ValueError(f"unknown hybrid questions {unknown}; choose from {sorted(QUESTIONS)}")
        self.use_model = use_model
        self.questions = chosen if use_model else ()
        # None: a shared process pool over every core; 1: parse and rules in a thread of this process
        self.workers = workers
        self.gap_rules = gap_rules
        decision = status_decision or default_status_decision()
        if decision not in DECISIONS:
            raise ValueError(f"unknown status decision {decision!r}; choose {' or '.join(DECISIONS)}")
        self.weights = load_status_weights() if decision == "fitted" else None
        self._version: str | None = None

    @property
    def version(self) -> str:
        if self._version is None:
            version = f"hybrid@{RULES_VERSION}+{rules_hash()}" + ("" if self.gap_rules else "+no-gap-rules")
            if self.weights is not None:
                version += f"+status-weights@{self.weights.version}"
            for name in self.questions:
                version += "+" + load_prompt(QUESTIONS[name].prompt, PROMPTS).full_version
            self._version = version
        return self._version

    @property
    def uses_model(self) -> bool:
        return bool(self.questions)

    async def extract(self, article: Article, backend: Backend) -> StrategyResult:
        if (self.workers or cpu_count()) == 1:
            outcome = await asyncio.to_thread(rules_outcome, article.text, self.questions, self.gap_rules, self.weights)
        else:
            loop = asyncio.get_running_loop()
            outcomes = await loop.run_in_executor(
                rules_pool(self.workers), run_chunk, [article.text], self.questions, self.gap_rules, self.weights
            )
            outcome = outcomes[0]
        if outcome.error is not None:
            raise outcome.error
        assert outcome.event is not None
        event, usage, cached, trail = outcome.event, Usage(), False, dict(outcome.trail)
        if self.questions and outcome.context is not None:
            answers = await ask_questions(outcome.context, backend, self.questions)
            usage, cached = answers.usage, answers.cached
            event = _with_answers(event, answers)
            trail.update({name: [f"model-question.{name}"] for name in answers.values})
            trail.update({f"evidence.{name}": [f"model-question.{name}"] for name in answers.evidence})
        return StrategyResult(event=event, usage=usage, cached=cached, trail=trail)


def _with_answers(event: ReleaseEvent, answers: Answers) -> ReleaseEvent:
    """The event with the model's answers filled in where the rules left a scalar empty."""
    if not answers.values:
        return event
    quotes = event.evidence.model_dump() if event.evidence is not None else {}
    quotes.update(answers.evidence)
    return event.model_copy(update={**answers.values, "evidence": EventEvidence(**quotes)})


def run_rules(
    analysis: Analysis, *, gap_rules: bool = True, weights: StatusWeights | None = None
) -> tuple[ReleaseEvent, EventFindings, dict[str, list[str]]]:
    """The rules on one parsed article: the event, the raw findings and the trail.

    The trail names the rules behind every value set: each scalar field and its evidence quote,
    each item of a list field (`charges[k]`, `destinations[k]`), the event-level judgement, and
    each person's name, aliases, role, nationality, status and evidence (`people[i].role`,
    `people[i].aliases[k]`).

    `gap_rules=False` leaves out the no-model gap fillers (`GAP_RULES`), so that a model
    question can be measured on the same gaps (benchmarks/decide_hybrid_questions.py).
    `weights`: people's statuses decided by these fitted weights (`hybrid_weights`)."""
    people = find_people(analysis, weights)
    found = find_event(analysis, people)
    if not gap_rules:
        for name, rule in GAP_RULES.items():
            if found.field_rules.get(name) == [rule]:
                setattr(found, name, None)
                found.field_rules.pop(name)
                found.evidence.pop(name, None)
    trail = dict(found.field_rules)
    for name in found.evidence:  # each quote is the sentence its field's rule read the value from
        if name in trail:
            trail[f"evidence.{name}"] = list(trail[name])
    for name in ITEM_FIELDS:
        per_item = found.item_rules.get(name, [])
        if len(per_item) != len(getattr(found, name)):  # a list changed without `EventFindings.set_items`
            raise RuntimeError(f"{name}: {len(per_item)} trail entries for {len(getattr(found, name))} items")
        trail.update({f"{name}[{index}]": list(ids) for index, ids in enumerate(per_item)})
    if found.rules:
        trail["event"] = [f"event.{found.kind}", *found.rules]  # the event-level judgement
    for index, person in enumerate(people):
        trail.update(person.trail(f"people[{index}]"))
    return build_event(analysis, people, found), found, trail


def build_event(analysis: Analysis, people: list[PersonFinding], found: EventFindings) -> ReleaseEvent:
    """The ReleaseEvent of the rule findings, with each scalar's evidence sentence."""
    persons: list[Person] = [p.to_person(analysis) for p in people]
    quotes = {name: analysis.sents[index].text for name, index in found.evidence.items()}
    evidence = EventEvidence(**quotes) if quotes else None
    return ReleaseEvent(
        releasing_country=found.releasing_country,
        releasing_authority=found.releasing_authority,
        event_date=found.event_date,
        released_count=found.released_count,
        people=persons,
        destinations=found.destinations,
        nationalities_released=found.nationalities_released,
        mediators=found.mediators,
        quid_pro_quo=found.quid_pro_quo,
        charges=found.charges,
        remaining_prisoners=found.remaining_prisoners,
        evidence=evidence,
    )
