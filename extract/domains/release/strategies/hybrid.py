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

import asyncio
import hashlib
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

__all__ = ["RULES_VERSION", "RULE_FILES", "HybridStrategy", "build_event", "rules_hash"]

RULES_VERSION = "1"
# Files whose content shapes the output; their hash is part of `HybridStrategy.version`.
RULE_FILES = (
    "nlp.py",
    "domains/release/cues.py",
    "domains/release/strategies/hybrid_text.py",
    "domains/release/strategies/hybrid_names.py",
    "domains/release/strategies/hybrid_status.py",
    "domains/release/strategies/hybrid_people.py",
    "domains/release/strategies/hybrid_counts.py",
    "domains/release/strategies/hybrid_places.py",
    "domains/release/strategies/hybrid_event.py",
    "domains/release/strategies/hybrid_dates.py",
    "domains/release/strategies/hybrid_questions.py",
)


def rules_hash(package: Path | None = None) -> str:
    """First 8 hex digits of the SHA-256 of the rule files (in `package`, default: the extract package)."""
    root = package or Path(__file__).resolve().parents[3]
    digest = hashlib.sha256()
    for name in RULE_FILES:
        digest.update(name.encode())
        digest.update((root / name).read_bytes())
    return digest.hexdigest()[:8]


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
