"""ReleaseEvent's records and eval figures are what they were before the engine/domain split (issue 14).

`tests/data/release_before/` holds what the offline default produced before the split: the events
of the seeds and the tuning sets (evidence quotes left out; they are not scored), and the figures
of every labelled set. For the sets with events, the figures are those of the scorer without the
split (main's code) on those events and today's gold (recomputed with that scorer whenever gold
is relabelled); held-out sets keep pooled figures only. Scoring the
events with today's scorer must give the same figures, and a run must record exactly what the
release domain extracts and grounds. (Records before and after the split were also compared on
every labelled set: equal but for `seconds` and `prompt_version`, whose rules hash covers the moved
files.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extract import Record, ReleaseEvent, Settings, run_batch, score
from extract.domains.release.evaluation import load_gold
from extract.io import read_records

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "release_before"
FIGURES: dict[str, Any] = json.loads((DATA / "figures.json").read_text(encoding="utf-8"))
EVENTS: dict[str, list[dict[str, Any]]] = json.loads((DATA / "events.json").read_text(encoding="utf-8"))
HEADLINE = ("released_f1", "people_f1", "scalar_accuracy", "status_accuracy", "macro_scalar_accuracy")


def _gold_dir(name: str) -> Path:
    return ROOT / "evals" / ("gold" if name == "seeds" else f"{name}/gold")


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_scoring_the_earlier_events_gives_the_earlier_figures(name: str) -> None:
    gold = load_gold(_gold_dir(name))
    predicted = {item["id"]: ReleaseEvent.model_validate(item["event"]) for item in EVENTS[name] if item["event"]}
    ids = sorted(set(gold) | {item["id"] for item in EVENTS[name]})
    report = score((i, predicted.get(i), gold.get(i)) for i in ids)
    expected = FIGURES[name]
    for key in HEADLINE:
        assert getattr(report, key) == pytest.approx(expected[key]), key
    assert {f: [s.tp, s.fp, s.fn] for f, s in report.fields.items()} == expected["fields"]
    assert {f: [a.correct, a.total] for f, a in report.agreement.items()} == expected["agreement"]


def test_a_run_records_exactly_what_the_release_domain_extracts_and_grounds(tmp_path: Path) -> None:
    """The engine adds nothing of its own: run_batch's events and spans are the domain's (seeds)."""
    import asyncio

    from extract.domains.release.grounding import ground
    from extract.domains.release.strategies.hybrid import HybridStrategy
    from extract.io import Article, iter_articles

    out = tmp_path / "seeds.jsonl"
    settings = Settings(strategy="hybrid", hybrid_questions=(), cache=False, cache_dir=tmp_path / "cache")
    summary = run_batch([ROOT / "seeds"], out, settings=settings)
    assert summary.ok == len(EVENTS["seeds"])
    records: dict[str, Record] = {r.id: r for r in read_records(out)}
    strategy = HybridStrategy(use_model=False)
    for article in iter_articles([ROOT / "seeds"]):
        assert isinstance(article, Article)
        direct = asyncio.run(strategy.extract(article, None))  # type: ignore[arg-type]  # rules only: no backend
        event, grounding = ground(direct.event, article.text, "flag")
        record = records[article.id]
        assert record.event == event and record.grounding == grounding, article.id
        assert record.prompt_version == strategy.version
    assert "schema_name" not in out.read_text(encoding="utf-8")  # default records read as before
