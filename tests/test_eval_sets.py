"""Every hand-labelled gold file validates, and every article of a labelled set has its gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.domains.release.schema import ReleaseEvent

EVALS = Path(__file__).resolve().parent.parent / "evals"
SETS = sorted(p.parent for p in EVALS.glob("*/gold") if (p.parent / "articles").is_dir())


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_each_article_of_a_labelled_set_has_valid_gold(folder: Path) -> None:
    articles = {p.stem for p in (folder / "articles").glob("*.txt")}
    gold = {p.stem: p for p in (folder / "gold").glob("*.json")}
    assert articles and articles == set(gold)
    for path in gold.values():
        event = ReleaseEvent.model_validate(json.loads(path.read_text(encoding="utf-8")))
        assert event.evidence is None and all(person.evidence is None for person in event.people)


def test_the_seed_gold_covers_the_seeds() -> None:
    seeds = {p.stem for p in (EVALS.parent / "seeds").glob("*.txt")}
    assert seeds == {p.stem for p in (EVALS / "gold").glob("*.json")}
