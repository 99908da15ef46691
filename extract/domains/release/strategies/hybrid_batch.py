"""The hybrid rules on every core: parse and rules run together in worker processes.

A spaCy `Doc` is costly to send between processes, so each worker parses a chunk of texts with
`nlp.pipe` and runs the rules on them itself, returning only the picklable outcome (the event,
or the error, and what the optional model questions need). The model questions are asked by
the caller, in its own event loop.

`rules_outcome` is the same work for one text in the calling process (no pool).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field

from extract.errors import ExtractError

from ..schema import ReleaseEvent
from .hybrid_questions import QuestionContext, question_context
from .hybrid_text import Analysis, analysis_of, prepare_text
from .hybrid_weights import StatusWeights

__all__ = ["Outcome", "cpu_count", "rules_batch", "rules_outcome", "rules_pool"]


@dataclass
class Outcome:
    """The rules' result for one text: an event (with its questions' context) or an error."""

    event: ReleaseEvent | None = None
    error: ExtractError | None = None
    context: QuestionContext | None = None
    trail: dict[str, list[str]] = field(default_factory=dict)


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _finish(
    text: str, analysis: Analysis, questions: tuple[str, ...], gap_rules: bool = True,
    weights: StatusWeights | None = None,
) -> Outcome:
    from .hybrid import run_rules

    event, found, trail = run_rules(analysis, gap_rules=gap_rules, weights=weights)
    return Outcome(event=event, context=question_context(analysis, found, questions), trail=trail)


def rules_outcome(
    text: str, questions: tuple[str, ...] = (), gap_rules: bool = True, weights: StatusWeights | None = None
) -> Outcome:
    """Parse and run the rules on one text in this process."""
    from extract.nlp import parse

    try:
        prepared = prepare_text(text)
        return _finish(prepared, analysis_of(prepared, parse(prepared)), questions, gap_rules, weights)
    except ExtractError as exc:
        return Outcome(error=exc)


def _chunk(
    texts: Sequence[str], questions: tuple[str, ...], gap_rules: bool = True, weights: StatusWeights | None = None
) -> list[Outcome]:
    """Worker: one `nlp.pipe` over the chunk, then the rules on each parse."""
    from extract.nlp import load_pipeline

    out: list[Outcome | None] = [None] * len(texts)
    prepared: list[tuple[int, str]] = []
    for index, text in enumerate(texts):
        try:
            prepared.append((index, prepare_text(text)))
        except ExtractError as exc:
            out[index] = Outcome(error=exc)
    nlp = load_pipeline()
    docs = nlp.pipe((text for _, text in prepared), batch_size=max(1, len(prepared)))
    for (index, text), doc in zip(prepared, docs, strict=True):
        try:
            out[index] = _finish(text, analysis_of(text, doc), questions, gap_rules, weights)
        except ExtractError as exc:
            out[index] = Outcome(error=exc)
    return [o if o is not None else Outcome() for o in out]


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def rules_pool(workers: int | None = None) -> Executor:
    """The process pool shared by every hybrid strategy in this process (created on first use).

    Workers start with `forkserver` (never `fork`: the caller may hold threads and locks), so
    each loads the spaCy pipeline once, on its first task.
    """
    global _pool
    with _pool_lock:
        if _pool is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            _pool = ProcessPoolExecutor(max_workers=workers or cpu_count(), mp_context=context)
        return _pool


def run_chunk(
    texts: Sequence[str], questions: tuple[str, ...] = (), gap_rules: bool = True,
    weights: StatusWeights | None = None,
) -> list[Outcome]:
    """`_chunk` under a public name, for a pool's `submit`."""
    return _chunk(texts, questions, gap_rules, weights)


def rules_batch(
    texts: Sequence[str], *, workers: int | None = None, chunk_size: int = 8, questions: tuple[str, ...] = (),
    weights: StatusWeights | None = None,
) -> list[Outcome]:
    """Outcomes for many texts, in input order. `workers=1` runs in this process (no pool).
    `weights`: statuses decided by these fitted weights (`hybrid_weights`), else by hand."""
    workers = workers or cpu_count()
    if workers <= 1:
        return _chunk(texts, questions, weights=weights)
    # at most `chunk_size` texts per task, and at least two tasks per worker to balance the load
    size = max(1, min(chunk_size, -(-len(texts) // (2 * workers))))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    pool = rules_pool(workers)
    outcomes: list[Outcome] = []
    for part in pool.map(run_chunk, chunks, [questions] * len(chunks), [True] * len(chunks), [weights] * len(chunks)):
        outcomes.extend(part)
    return outcomes
