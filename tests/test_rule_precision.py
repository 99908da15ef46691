"""benchmarks/rule_precision.py: the rule-id error analysis reads tuning sets only."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest


@pytest.fixture
def script(benchmark_script: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_script("rule_precision")


@pytest.mark.parametrize("name", ["realheld", "realheld2", "heldout", "heldout3", "no-such-set"])
def test_the_script_refuses_a_measure_only_or_unknown_set(
    name: str, script: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert script.main(["--sets", "real3", name]) == 2
    assert "refused" in capsys.readouterr().err


def test_every_labelled_set_is_classified_as_tuning_or_measure_only() -> None:
    from extract.domains.release.regression import MEASURE_ONLY, TUNING, labelled_sets

    assert {s.name for s in labelled_sets()} <= TUNING | MEASURE_ONLY
    assert not TUNING & MEASURE_ONLY


def test_the_decisive_id_is_the_post_pass_that_set_the_status_else_the_first_id(script: ModuleType) -> None:
    plain = script.Matched("dev/a", "X", "released", "released", ("release-subject", "listed-surface"))
    overruled = script.Matched("dev/a", "Y", "still_detained", "released", ("release-subject", "no-release-event"))
    assert plain.decisive == "release-subject"
    assert overruled.decisive == "no-release-event"


def test_the_table_counts_right_decisions_and_the_gold_statuses_per_rule(script: ModuleType) -> None:
    persons = [script.Matched("dev/a", "X", "released", gold, ("jailed-in-the-past",))
               for gold in ("released", "other", "other")]
    text = script.table("t", {"jailed-in-the-past": persons})
    row = next(line for line in text.splitlines() if line.startswith("jailed-in-the-past"))
    assert row.split()[:5] == ["jailed-in-the-past", "released", "3", "1", "0.33"]
    assert "wrong more often than right" in row
