"""benchmarks/rule_precision.py: the rule-id error analysis reads tuning sets only."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest


def _script() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "rule_precision.py"
    spec = importlib.util.spec_from_file_location("rule_precision", path)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script  # its dataclasses look their module up there
    try:
        spec.loader.exec_module(script)
    finally:
        del sys.modules[spec.name]
    return script


@pytest.mark.parametrize("name", ["realheld", "realheld2", "heldout", "heldout3", "no-such-set"])
def test_the_script_refuses_a_measure_only_or_unknown_set(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    script = _script()
    assert script.main(["--sets", "real3", name]) == 2
    assert "refused" in capsys.readouterr().err


def test_every_labelled_set_is_classified_as_tuning_or_measure_only() -> None:
    from extract.domains.release.regression import MEASURE_ONLY, TUNING, labelled_sets

    assert {s.name for s in labelled_sets()} <= TUNING | MEASURE_ONLY
    assert not TUNING & MEASURE_ONLY


def test_the_decisive_id_is_the_post_pass_that_set_the_status_else_the_first_id() -> None:
    script = _script()
    plain = script.Matched("dev/a", "X", "released", "released", ("release-subject", "listed-surface"))
    overruled = script.Matched("dev/a", "Y", "still_detained", "released", ("release-subject", "no-release-event"))
    assert plain.decisive == "release-subject"
    assert overruled.decisive == "no-release-event"


def test_the_table_counts_right_decisions_and_the_gold_statuses_per_rule() -> None:
    script = _script()
    persons = [script.Matched("dev/a", "X", "released", gold, ("jailed-in-the-past",))
               for gold in ("released", "other", "other")]
    text = script.table("t", {"jailed-in-the-past": persons})
    row = next(line for line in text.splitlines() if line.startswith("jailed-in-the-past"))
    assert row.split()[:5] == ["jailed-in-the-past", "released", "3", "1", "0.33"]
    assert "wrong more often than right" in row
