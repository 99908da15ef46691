"""The hybrid strategy: structure from spaCy and general English cues, the model only where it helps.

Pipeline for one article (`HybridStrategy.extract`):

1. parse with the pinned spaCy pipeline (in a worker thread: it is CPU-bound);
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
from .hybrid_event import EventFindings, find_event
from .hybrid_people import PersonFinding, find_people
from .hybrid_questions import DEFAULT_QUESTIONS, QUESTIONS, ask_questions
from .hybrid_text import Analysis, analyse

__all__ = ["RULES_VERSION", "HybridStrategy", "build_event", "rule_files", "rules_hash"]

RULES_VERSION = "1"
ENTRY_MODULE = "domains/release/strategies/hybrid.py"


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
    """

    name = "hybrid"
    result_cacheable = True  # the output is fixed by the text, the version and the model's name

    def __init__(self, *, use_model: bool = False, questions: tuple[str, ...] | None = None) -> None:
        chosen = DEFAULT_QUESTIONS if questions is None else tuple(questions)
        unknown = [q for q in chosen if q not in QUESTIONS]
        if unknown:
            raise ValueError(f"unknown hybrid questions {unknown}; choose from {sorted(QUESTIONS)}")
        self.use_model = use_model
        self.questions = chosen if use_model else ()
        self._version: str | None = None

    @property
    def version(self) -> str:
        if self._version is None:
            version = f"hybrid@{RULES_VERSION}+{rules_hash()}"
            for name in self.questions:
                version += "+" + load_prompt(QUESTIONS[name].prompt, PROMPTS).full_version
            self._version = version
        return self._version

    @property
    def uses_model(self) -> bool:
        return bool(self.questions)

    async def extract(self, article: Article, backend: Backend) -> StrategyResult:
        analysis = await asyncio.to_thread(analyse, article.text)
        people, found = await asyncio.to_thread(_rules, analysis)
        usage, cached = Usage(), False
        if self.questions:
            usage, cached = await ask_questions(analysis, found, backend, self.questions)
        return StrategyResult(event=build_event(analysis, people, found), usage=usage, cached=cached)


def _rules(analysis: Analysis) -> tuple[list[PersonFinding], EventFindings]:
    people = find_people(analysis)
    return people, find_event(analysis, people)


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
