"""Report renderers: terminal table, Markdown, JSON and a self-contained HTML page."""

from __future__ import annotations

import html.parser
import json
import re

import pytest

from extract.domains.release.evaluation import Comparison, compare
from extract.domains.release.reports import render_html, render_json, render_markdown, render_terminal
from extract.domains.release.schema import Person, ReleaseEvent
from extract.domains.release.scoring import FIELD_NAMES, EvalReport, score

HOSTILE = "<script>alert('x')</script> | pipe"


def _report(pred_people: list[Person]) -> EvalReport:
    gold = ReleaseEvent(
        releasing_country="Belarus",
        released_count=123,
        people=[Person(name="Ales Bialiatski", status="released"), Person(name="Maria Kalesnikava", status="released")],
        charges=["espionage"],
    )
    pred = ReleaseEvent(releasing_country="Belarus", released_count=120, people=pred_people, charges=["espionage"])
    return score([("a1", pred, gold), ("a2", None, gold)])


@pytest.fixture
def report() -> EvalReport:
    return _report([Person(name="Ales Bialiatski", status="released"), Person(name=HOSTILE, status="released")])


@pytest.fixture
def comparison(report: EvalReport) -> Comparison:
    baseline = _report([Person(name="Ales Bialiatski", status="released"), Person(name="Maria Kolesnikova", status="released")])
    return compare(report, baseline)


def test_terminal_table_shows_headline_and_per_field_precision_recall_f1(report: EvalReport) -> None:
    text = render_terminal(report)
    assert f"released-persons F1 {report.released_f1:.3f}" in text
    header = next(line for line in text.splitlines() if line.startswith("field "))
    assert header.split() == ["field", "tp", "fp", "fn", "precision", "recall", "f1", "macro", "f1"]
    for name in FIELD_NAMES:
        assert re.search(rf"^{re.escape(name)}\s+\d+\s+\d+\s+\d+\s+\d\.\d{{3}}", text, re.MULTILINE), name


def test_terminal_table_columns_are_aligned(report: EvalReport) -> None:
    lines = render_terminal(report).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("field "))
    block = lines[start : start + 2 + len(FIELD_NAMES)]
    f1_end = block[0].index(" f1") + 3
    for line in block[2:]:
        assert re.match(r"\d\.\d{3}$", line[f1_end - 5 : f1_end]), line


def test_terminal_table_shows_deltas_against_a_baseline(report: EvalReport, comparison: Comparison) -> None:
    text = render_terminal(report, comparison)
    assert "delta f1" in text
    assert "(-0.333)" in text  # released F1 fell from 0.667 to 0.333


def test_markdown_has_tables_and_escapes_cell_content(report: EvalReport, comparison: Comparison) -> None:
    text = render_markdown(report, comparison)
    assert "| field | tp | fp | fn | precision | recall | f1 | macro f1 | base f1 | delta f1 |" in text
    assert "## Articles" in text and "a2 | no_result" in text
    assert "\\| pipe" in text and "<script>" not in text


def test_json_round_trips_and_keeps_stable_top_level_keys(report: EvalReport, comparison: Comparison) -> None:
    data = json.loads(render_json(report))
    assert {"released_f1", "people_f1", "scalar_accuracy", "status_accuracy", "fields"} <= set(data)
    assert EvalReport.model_validate(data) == report
    with_comparison = json.loads(render_json(report, comparison))
    assert with_comparison["comparison"]["headline"]["released_f1"]["delta"] == pytest.approx(-1 / 3)
    assert EvalReport.model_validate(with_comparison) == report


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_escaped(report: EvalReport, comparison: Comparison) -> None:
    page = render_html(report, comparison)
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert not any(name in ("src", "href") for name, _ in parser.attrs)
    assert "http://" not in page and "https://" not in page
    assert "&lt;script&gt;" in page
    assert HOSTILE in "".join(parser.text)  # shown literally, as text


def test_html_has_per_field_scores_and_per_article_differences(report: EvalReport) -> None:
    page = render_html(report)
    for name in FIELD_NAMES:
        assert f"<td>{name}</td>" in page
    assert page.count("<details") == len(report.articles)
    assert "Maria Kalesnikava" in page  # the missing person of article a1
    assert "no_result" in page


def test_status_accuracy_is_shown_as_not_applicable_when_no_person_was_matched() -> None:
    nobody = _report([Person(name="Ivan Petrenko", status="released")])  # no gold person matched
    assert nobody.fields["people"].tp == 0
    assert "status accuracy n/a" in render_terminal(nobody)
    assert "| status accuracy | n/a |" in render_markdown(nobody)
    assert "<small>status accuracy</small><b>n/a</b>" in render_html(nobody)
    matched = _report([Person(name="Ales Bialiatski", status="released")])
    assert "status accuracy 1.000" in render_terminal(matched)
