"""`extract eval` and the evaluation edge: gold loading, results, baselines, gates, report files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from extract.cli_eval import eval_command
from extract.domains.release.evaluation import (
    GoldError,
    check_gates,
    evaluate,
    load_baseline,
    load_gold,
    metric_value,
)
from extract.domains.release.schema import ErrorInfo, Person, Record, ReleaseEvent

GOLD_DIR = Path(__file__).resolve().parent.parent / "evals" / "gold"


def _record(article_id: str, event: ReleaseEvent | None) -> Record:
    common: dict[str, Any] = {"model": "m", "strategy": "single", "prompt_version": "p1", "sha256": "0" * 64}
    if event is None:
        return Record(id=article_id, status="error", error=ErrorInfo(type="model_error", message="down"), **common)
    return Record(id=article_id, status="ok", event=event, **common)


def _write(path: Path, records: list[Record]) -> Path:
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    target = tmp_path / "gold"
    shutil.copytree(GOLD_DIR, target)
    return target


@pytest.fixture
def perfect(tmp_path: Path, gold_dir: Path) -> Path:
    return _write(tmp_path / "perfect.jsonl", [_record(i, g) for i, g in load_gold(gold_dir).items()])


@pytest.fixture
def weaker(tmp_path: Path, gold_dir: Path) -> Path:
    """Every article right except the released people of the first one, plus an error record."""
    gold = load_gold(gold_dir)
    ids = sorted(gold)
    records = []
    for i in ids[:-1]:
        event = gold[i]
        if i == ids[0]:
            event = event.model_copy(update={"people": [p for p in event.people if p.status != "released"]})
        records.append(_record(i, event))
    records.append(_record(ids[-1], None))
    records.append(_record("not-in-gold", ReleaseEvent(people=[Person(name="Jane Doe", status="other")])))
    return _write(tmp_path / "weaker.jsonl", records)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(eval_command, [str(a) for a in args])


def test_eval_prints_per_field_scores_and_released_f1(perfect: Path, gold_dir: Path) -> None:
    result = run(perfect, "--gold", gold_dir)
    assert result.exit_code == 0, result.output
    assert "released-persons F1 1.000" in result.output
    for name in ("releasing_country", "people.released", "charges", "destinations"):
        assert name in result.output


def test_fail_under_above_the_score_exits_non_zero_with_one_line_reason(weaker: Path, gold_dir: Path) -> None:
    result = run(weaker, "--gold", gold_dir, "--fail-under", "0.99")
    assert result.exit_code == 1
    reason = result.stderr.strip().splitlines()
    assert len(reason) == 1 and reason[0].startswith("eval gate failed: released_f1")


def test_fail_under_at_or_below_the_score_passes(perfect: Path, gold_dir: Path) -> None:
    assert run(perfect, "--gold", gold_dir, "--fail-under", "1.0").exit_code == 0


def test_fail_under_can_gate_a_named_metric(weaker: Path, gold_dir: Path) -> None:
    result = run(weaker, "--gold", gold_dir, "--fail-under", "0.95", "--metric", "releasing_country")
    assert result.exit_code == 1
    assert "releasing_country" in result.stderr


def test_max_drop_against_a_baseline_results_file(weaker: Path, perfect: Path, gold_dir: Path) -> None:
    result = run(weaker, "--gold", gold_dir, "--baseline", perfect, "--max-drop", "0.05")
    assert result.exit_code == 1
    assert "dropped by" in result.stderr
    assert "delta f1" in result.output
    assert run(perfect, "--gold", gold_dir, "--baseline", perfect, "--max-drop", "0.0").exit_code == 0


def test_baseline_may_be_a_json_report(tmp_path: Path, weaker: Path, perfect: Path, gold_dir: Path) -> None:
    report_path = tmp_path / "base.json"
    assert run(perfect, "--gold", gold_dir, "--json", report_path).exit_code == 0
    result = run(weaker, "--gold", gold_dir, "--baseline", report_path, "--max-drop", "0.05")
    assert result.exit_code == 1
    assert load_baseline(report_path, gold_dir).released_f1 == 1.0


def test_max_drop_without_baseline_is_a_usage_error(perfect: Path, gold_dir: Path) -> None:
    result = run(perfect, "--gold", gold_dir, "--max-drop", "0.1")
    assert result.exit_code == 2
    assert "--baseline" in result.output


def test_unknown_metric_is_a_usage_error(perfect: Path, gold_dir: Path) -> None:
    result = run(perfect, "--gold", gold_dir, "--fail-under", "0.1", "--metric", "nonsense")
    assert result.exit_code == 2
    assert "unknown metric" in result.output


def test_reports_are_written(tmp_path: Path, weaker: Path, gold_dir: Path) -> None:
    md, js, page = tmp_path / "out" / "r.md", tmp_path / "out" / "r.json", tmp_path / "out" / "r.html"
    result = run(weaker, "--gold", gold_dir, "--markdown", md, "--json", js, "--html", page)
    assert result.exit_code == 0, result.output
    assert md.read_text(encoding="utf-8").startswith("# Evaluation report")
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["unscored"] == ["not-in-gold"]
    assert data["n_error_records"] == 1
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_results_without_gold_are_listed(weaker: Path, gold_dir: Path) -> None:
    result = run(weaker, "--gold", gold_dir)
    assert "results without gold (not scored): not-in-gold" in result.output


def test_gold_file_that_is_not_an_object_is_rejected_with_one_line(tmp_path: Path, perfect: Path, gold_dir: Path) -> None:
    (gold_dir / "zzz.json").write_text("[1, 2]", encoding="utf-8")
    result = run(perfect, "--gold", gold_dir)
    assert result.exit_code == 2  # unusable input, not a failed gate
    assert "zzz.json: not a JSON object" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_invalid_gold_reports_the_file_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({"people": [{"name": "X Y", "status": "freed"}]}), encoding="utf-8")
    with pytest.raises(GoldError, match=r"a\.json: not a valid ReleaseEvent at people\.0\.status"):
        load_gold(folder)


def test_gold_loading_ignores_unknown_keys_and_accepts_missing_optional_ones(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    folder.mkdir()
    data = {
        "id": "a",
        "note": "labelled by hand",
        "released_count": "more than 120",
        "people": [{"name": "Ales Bialiatski", "status": "released", "start": 10, "end": 25}],
        "destinations": [{"country": "Ukraine", "count": 5, "span": [1, 2]}],
        "evidence": {"released_count": "more than 120", "offset": 3},
    }
    (folder / "a.json").write_text(json.dumps(data), encoding="utf-8")
    gold = load_gold(folder)
    assert gold["a"].released_count == 120
    assert gold["a"].people[0].evidence is None
    assert gold["a"].destinations[0].count == 5


def test_missing_gold_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="does not exist"):
        load_gold(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(GoldError, match=r"no \.json files"):
        load_gold(tmp_path / "empty")


def test_evaluate_accepts_records_and_the_last_record_of_an_id_wins(gold_dir: Path) -> None:
    gold = load_gold(gold_dir)
    first = sorted(gold)[0]
    records = [_record(first, None), _record(first, gold[first])]
    report = evaluate(records, gold_dir)
    article = next(a for a in report.articles if a.id == first)
    assert article.outcome == "scored" and article.errors == 0
    assert report.n_no_result == len(gold) - 1


def test_metric_value_reads_headline_field_and_agreement_names(perfect: Path, gold_dir: Path) -> None:
    report = evaluate(perfect, gold_dir)
    assert metric_value(report, "released_f1") == 1.0
    assert metric_value(report, "people.released") == 1.0
    assert metric_value(report, "fields.charges.recall") == 1.0
    assert metric_value(report, "macro.people.f1") == 1.0
    assert metric_value(report, "agreement.people.status") == 1.0
    with pytest.raises(KeyError):
        metric_value(report, "nope")


def test_check_gates_requires_a_baseline_for_max_drop(perfect: Path, gold_dir: Path) -> None:
    report = evaluate(perfect, gold_dir)
    with pytest.raises(ValueError, match="baseline"):
        check_gates(report, max_drop=0.1)
    assert check_gates(report, fail_under=1.0, max_drop=0.0, baseline=report) == []


def test_a_missing_gold_folder_is_one_line_and_a_usage_exit_not_a_failed_gate(tmp_path: Path, perfect: Path) -> None:
    result = run(perfect, "--gold", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert len(result.output.strip().splitlines()) == 1
