"""ReleaseEvent: the first built-in domain, and the default.

It brings the schema (`schema`), its prompts (`prompts/`: single, multipass, hybrid_*),
the offline rules of the hybrid strategy (`strategies/`, `cues`), its grounding (`grounding`), its
comparators and report (`scoring`, `evaluation`, `reports`), its merge keys (`merging`, `dossier`)
and its side panel in the view (`view`). The engine finds it by name (`extract.domain.BUILTIN`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel

from extract.domain import Domain, Pair, register
from extract.records import Record
from extract.strategies.base import Strategy
from extract.view import is_evidence_path

from . import grounding, view
from .prompt_files import PROMPTS
from .schema import ReleaseEvent

__all__ = ["DOMAIN"]


def _single(settings: Any) -> Strategy:
    from extract.prompts import load_prompt
    from extract.strategies.single import SingleStrategy

    return SingleStrategy(ReleaseEvent, load_prompt("single", PROMPTS))


def _multipass(settings: Any) -> Strategy:
    from .strategies.multipass import MultipassStrategy

    return MultipassStrategy()


def _hybrid(settings: Any) -> Strategy:
    from .strategies.hybrid import HybridStrategy
    from .strategies.hybrid_questions import DEFAULT_QUESTIONS

    questions = DEFAULT_QUESTIONS if settings.hybrid_questions is None else settings.hybrid_questions
    return HybridStrategy(use_model=bool(questions), questions=questions, status_decision=settings.hybrid_status,
                          workers=settings.workers)


def _score(pairs: Iterable[Pair]) -> BaseModel:
    from .scoring import score

    return score(pairs)  # type: ignore[arg-type]


def _merge(records: Sequence[Record], max_days: int) -> list[BaseModel]:
    from .merging import merge_records

    return list(merge_records(records, max_days=max_days))


def _load_gold(directory: Any) -> dict[str, BaseModel]:
    from .evaluation import load_gold

    return dict(load_gold(directory))


DOMAIN = register(
    Domain(
        name="release",
        schema=ReleaseEvent,
        ground=grounding.ground,  # type: ignore[arg-type]
        is_counted=grounding.is_counted,
        score=_score,
        load_gold=_load_gold,
        merge=_merge,
        panel=view.panel,  # type: ignore[arg-type]
        strategies={"single": _single, "multipass": _multipass, "hybrid": _hybrid},
        default_strategy=lambda settings: settings.effective_strategy,
        is_quote=is_evidence_path,
        reference=None,
    )
)
