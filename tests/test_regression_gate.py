"""The regression gate: the hybrid rules (no model) over every labelled set may not fall below
the stored baseline (`evals/baseline.json`) by more than `MARGIN` on any pooled figure.

Rules only (`--hybrid-questions none`): the figures then depend on the code and the gold alone,
never on a model or a cache. Only pooled per-set figures are printed (some sets are measure-only).
Rewrite the baseline with `make baseline` in the commit that moves it.
"""

from __future__ import annotations

import json

from extract.domains.release.regression import BASELINE, MARGIN, check, labelled_sets, measure, table


def test_every_labelled_set_is_in_the_baseline_and_none_dropped() -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    sets = labelled_sets()
    current = measure(sets)
    print("\n" + table(current, baseline))
    assert {s.name for s in sets} == set(baseline), "a labelled set was added or removed: run `make baseline`"
    drops = check(current, baseline)
    assert not drops, "pooled figures dropped beyond the margin:\n" + "\n".join(drops)


def test_a_drop_beyond_the_margin_is_reported_and_a_small_one_is_not() -> None:
    baseline = {"dev": {"released_f1": 0.9, "people_f1": 0.95}}
    assert check({"dev": {"released_f1": 0.9 - MARGIN / 2, "people_f1": 0.96}}, baseline) == []
    drops = check({"dev": {"released_f1": 0.88, "people_f1": 0.95}}, baseline)
    assert drops == ["dev released_f1: 0.9000 -> 0.8800"]


def test_a_set_or_figure_missing_from_the_run_fails_the_gate() -> None:
    baseline = {"dev": {"released_f1": 0.9}, "dev2": {"released_f1": 0.8}}
    drops = check({"dev": {}}, baseline)
    assert len(drops) == 2 and drops[0].startswith("dev released_f1") and drops[1].startswith("dev2: set missing")


def test_the_seeds_and_every_folder_with_articles_and_gold_are_labelled_sets() -> None:
    names = [s.name for s in labelled_sets()]
    assert names[0] == "seeds" and "dev" in names and "heldout" in names
    assert "gold" not in names and "gold_merged" not in names
