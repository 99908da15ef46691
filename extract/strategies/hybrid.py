"""The hybrid strategy: structure from spaCy and general English cues, the model only where it helps.

Pipeline for one article (`HybridStrategy.extract`):

1. parse with the pinned spaCy pipeline (in a worker thread: it is CPU-bound);
2. people (`hybrid_people`): PERSON entities cleaned and merged, each with role, nationality and a
   status from the words governing its mentions, and the deciding sentence as evidence;
3. event fields (`hybrid_event`): country, authority, date, counts, destinations, nationalities,
   mediators, exchange and charges from entities near release cues, each with its sentence;
4. optionally (`use_model=True`), the model answers the few questions listed in `MODEL_QUESTIONS`,
   one small grammar-constrained answer each; see that constant for what was measured.

Every name and evidence quote is an exact substring of the article.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

from ..backends.base import Backend
from ..io import Article
from ..schema import EventEvidence, Person, ReleaseEvent, Usage
from .base import StrategyResult
from .hybrid_event import EventFindings, find_event
from .hybrid_people import PersonFinding, find_people
from .hybrid_text import Analysis, analyse

__all__ = ["RULES_VERSION", "HybridStrategy"]

RULES_VERSION = "1"
_RULE_FILES = ("cues.py", "strategies/hybrid_text.py", "strategies/hybrid_people.py",
               "strategies/hybrid_event.py", "strategies/hybrid_dates.py")


def _rules_hash() -> str:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in _RULE_FILES:
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    return digest.hexdigest()[:8]


class HybridStrategy:
    """Rules over a spaCy parse; the model (if enabled) only for the questions where it measured better."""

    name = "hybrid"

    def __init__(self, *, use_model: bool = False) -> None:
        self.use_model = use_model
        self._version: str | None = None

    @property
    def version(self) -> str:
        if self._version is None:
            self._version = f"hybrid@{RULES_VERSION}+{_rules_hash()}" + ("+model" if self.use_model else "")
        return self._version

    @property
    def uses_model(self) -> bool:
        return self.use_model

    async def extract(self, article: Article, backend: Backend) -> StrategyResult:
        analysis = await asyncio.to_thread(analyse, article.text)
        people, found = await asyncio.to_thread(_rules, analysis)
        return StrategyResult(event=build_event(analysis, people, found), usage=Usage(), cached=False)


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
