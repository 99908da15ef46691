"""The scorer: every rule pinned with hand-built cases, plus gold-against-itself properties."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.domains.release.evaluation import load_gold
from extract.domains.release.schema import (
    PERSON_STATUSES,
    Destination,
    ErrorInfo,
    Grounding,
    Person,
    Record,
    ReleaseEvent,
    Usage,
)
from extract.domains.release.scoring import AGREEMENT_NAMES, FIELD_NAMES, EvalReport, prf, score

GOLD_DIR = Path(__file__).resolve().parent.parent / "evals" / "gold"


def person(name: str, status: str = "released", **kw: Any) -> Person:
    return Person(name=name, status=status, **kw)  # type: ignore[arg-type]


def record(article_id: str, event: ReleaseEvent | None = None, **kw: Any) -> Record:
    base: dict[str, Any] = {"model": "m", "strategy": "single", "prompt_version": "p1", "sha256": "0" * 64}
    base.update(kw)
    if event is None:
        return Record(id=article_id, status="error", error=ErrorInfo(type="model_error", message="boom"), **base)
    return Record(id=article_id, status="ok", event=event, **base)


def one(gold: ReleaseEvent, predicted: ReleaseEvent | Record | None) -> EvalReport:
    return score([("a1", predicted, gold)])


def assert_perfect(report: EvalReport) -> None:
    assert report.released_f1 == 1.0
    assert report.people_f1 == 1.0
    assert report.scalar_accuracy == 1.0
    assert report.status_accuracy == 1.0
    for name, fs in report.fields.items():
        assert (fs.precision, fs.recall, fs.f1) == (1.0, 1.0, 1.0), (name, fs)
        assert fs.fp == 0 and fs.fn == 0, name
    for name, check in report.agreement.items():
        assert check.accuracy == 1.0, (name, check)
    for name, macro in report.macro.items():
        assert macro.f1 == 1.0, name
    assert report.errors == []


# ---------------------------------------------------------------- gold against itself


def test_every_gold_file_scores_one_against_itself() -> None:
    gold = load_gold(GOLD_DIR)
    assert len(gold) == 5
    report = score((i, g, g) for i, g in gold.items())
    assert_perfect(report)
    assert report.n_scored == 5
    assert report.fields["people"].tp == sum(len(g.people) for g in gold.values())


def test_gold_files_hold_exactly_the_schema_fields() -> None:
    for path in sorted(GOLD_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(data) == set(ReleaseEvent.model_fields), path.name
        for p in data["people"]:
            assert set(p) == set(Person.model_fields), (path.name, p["name"])
        ReleaseEvent.model_validate(data)


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzłóżćAKMZ", min_size=1, max_size=8)
_TEXT = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)
_COUNTRY = st.sampled_from(["Belarus", "US", "U.S.", "Poland", "Polish", "Ukraine", "Lithuania", "EU", "Narnia", "Polish-Belarusian"])
_PERSON = st.builds(
    Person,
    name=st.one_of(_TEXT, st.sampled_from(["President Lukashenko", "Maria Kalesnikava", "Lukashenko", "Dr", "!!"])),
    aliases=st.lists(_TEXT, max_size=2),
    status=st.sampled_from(PERSON_STATUSES),
    role=st.one_of(st.none(), _TEXT, st.just("a; b"), st.just(";")),
    nationality=st.one_of(st.none(), _COUNTRY, _TEXT),
)
_EVENT = st.builds(
    ReleaseEvent,
    releasing_country=st.one_of(st.none(), _COUNTRY, _TEXT),
    releasing_authority=st.one_of(st.none(), _TEXT),
    event_date=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))),
    released_count=st.one_of(st.none(), st.integers(0, 10_000)),
    people=st.lists(_PERSON, max_size=6),
    destinations=st.lists(
        st.builds(Destination, country=st.one_of(_COUNTRY, _TEXT), count=st.one_of(st.none(), st.integers(0, 500))),
        max_size=3,
    ),
    nationalities_released=st.lists(st.one_of(_COUNTRY, _TEXT), max_size=4),
    mediators=st.lists(st.one_of(_COUNTRY, _TEXT), max_size=3),
    quid_pro_quo=st.one_of(st.none(), _TEXT),
    charges=st.lists(st.one_of(_TEXT, st.sampled_from(["espionage", "terrorist activity", "terrorism"])), max_size=4),
    remaining_prisoners=st.one_of(st.none(), st.integers(0, 5000)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_EVENT, min_size=1, max_size=3))
def test_any_valid_gold_scored_against_itself_is_one_on_every_field(events: list[ReleaseEvent]) -> None:
    report = score((f"a{i}", e, e) for i, e in enumerate(events))
    assert_perfect(report)


@settings(max_examples=60, deadline=None)
@given(_EVENT)
def test_an_empty_prediction_never_scores_well_on_a_non_empty_gold(gold: ReleaseEvent) -> None:
    report = one(gold, ReleaseEvent())
    if any(getattr(gold, f) is not None for f in ("releasing_country", "released_count", "event_date")):
        assert report.scalar_accuracy == 0.0
    if gold.people:
        assert report.people_f1 == 0.0


# ---------------------------------------------------------------- scalar slots


def test_scalar_slots_count_tp_fp_fn_and_skip_both_null() -> None:
    gold = ReleaseEvent(releasing_country="Belarus", released_count=123, remaining_prisoners=1100)
    pred = ReleaseEvent(releasing_country="Republic of Belarus", released_count=120, event_date=date(2025, 12, 13))
    report = one(gold, pred)
    f = report.fields
    assert (f["releasing_country"].tp, f["releasing_country"].fp, f["releasing_country"].fn) == (1, 0, 0)
    assert (f["released_count"].tp, f["released_count"].fp, f["released_count"].fn) == (0, 1, 1)  # wrong value
    assert (f["event_date"].tp, f["event_date"].fp, f["event_date"].fn) == (0, 1, 0)  # spurious
    assert (f["remaining_prisoners"].tp, f["remaining_prisoners"].fp, f["remaining_prisoners"].fn) == (0, 0, 1)
    assert (f["quid_pro_quo"].tp, f["quid_pro_quo"].fp, f["quid_pro_quo"].fn) == (0, 0, 0)  # both null
    assert report.scalar_accuracy == pytest.approx(1 / 4)  # four slots with a value on either side
    kinds = {(e.field, e.kind) for e in report.errors}
    assert {("released_count", "wrong"), ("event_date", "spurious"), ("remaining_prisoners", "missing")} <= kinds


def test_both_sides_null_everywhere_is_vacuously_perfect() -> None:
    report = one(ReleaseEvent(), ReleaseEvent())
    assert_perfect(report)
    assert report.articles[0].scalar_total == 0


def test_an_empty_prediction_has_zero_scalar_accuracy() -> None:
    report = one(ReleaseEvent(releasing_country="Belarus", released_count=5), ReleaseEvent())
    assert report.scalar_accuracy == 0.0


@pytest.mark.parametrize("value", ["US", "U.S.", "USA", "United States", "America", "United States of America"])
def test_releasing_country_agrees_through_country_aliases(value: str) -> None:
    report = one(ReleaseEvent(releasing_country="United States"), ReleaseEvent(releasing_country=value))
    assert report.fields["releasing_country"].tp == 1


def test_releasing_country_different_countries_are_wrong() -> None:
    report = one(ReleaseEvent(releasing_country="Belarus"), ReleaseEvent(releasing_country="Russia"))
    assert report.fields["releasing_country"].f1 == 0.0


@pytest.mark.parametrize(
    ("gold", "pred", "ok"),
    [
        ("Alexander Lukashenko", "President Lukashenko", True),
        ("Alexander Lukashenko", "Aliaksandr Lukashenka", True),
        ("Belarusian authorities", "belarusian Authorities", True),
        ("Belarusian government", "Belarus government", True),
        ("Alexander Lukashenko", "Viktor Lukashenko", False),
        ("Belarusian authorities", "Russian authorities", False),
    ],
)
def test_releasing_authority_compares_names_and_folded_text(gold: str, pred: str, ok: bool) -> None:
    report = one(ReleaseEvent(releasing_authority=gold), ReleaseEvent(releasing_authority=pred))
    assert (report.fields["releasing_authority"].tp == 1) is ok


@pytest.mark.parametrize(
    ("pred", "ok"),
    [
        ("lifting of US sanctions on Belarusian potash exports", True),
        ("U.S. lifts sanctions on Belarus potash", True),
        ("the United States lifted its sanctions on potash", True),
        ("a loan from Russia", False),
    ],
)
def test_quid_pro_quo_is_matched_as_free_text(pred: str, ok: bool) -> None:
    gold = ReleaseEvent(quid_pro_quo="lifting of US sanctions on Belarusian potash exports")
    report = one(gold, ReleaseEvent(quid_pro_quo=pred))
    assert (report.fields["quid_pro_quo"].tp == 1) is ok


def test_counts_and_dates_must_be_equal() -> None:
    gold = ReleaseEvent(event_date=date(2025, 12, 13), released_count=123)
    report = one(gold, ReleaseEvent(event_date=date(2025, 12, 13), released_count=123))
    assert report.scalar_accuracy == 1.0
    report = one(gold, ReleaseEvent(event_date=date(2025, 12, 12), released_count=123))
    assert report.scalar_accuracy == 0.5


# ---------------------------------------------------------------- people


def test_transliterated_prediction_matches_the_gold_person() -> None:
    gold = ReleaseEvent(people=[person("Maria Kalesnikava", aliases=["Kalesnikava"])])
    report = one(gold, ReleaseEvent(people=[person("Maria Kolesnikova")]))
    assert report.fields["people"].tp == 1
    assert report.released_f1 == 1.0


def test_gold_aliases_are_used_for_matching() -> None:
    gold = ReleaseEvent(people=[person("Ales Bialiatski", aliases=["Ales Bialatski"])])
    report = one(gold, ReleaseEvent(people=[person("Bialatski")]))
    assert report.fields["people"].tp == 1


def test_two_predictions_of_one_person_match_once_and_the_other_is_a_duplicate() -> None:
    gold = ReleaseEvent(people=[person("Alexander Lukashenko", "official")])
    pred = ReleaseEvent(people=[person("Alexander Lukashenko", "official"), person("President Lukashenko", "official")])
    report = one(gold, pred)
    people = report.fields["people"]
    assert (people.tp, people.fp, people.fn) == (1, 1, 0)
    assert [e.kind for e in report.errors if e.field == "people"] == ["duplicate"]


def test_spurious_and_missing_persons_count_against_precision_and_recall() -> None:
    gold = ReleaseEvent(people=[person("Ales Bialiatski"), person("Andrzej Poczobut", "still_detained")])
    pred = ReleaseEvent(people=[person("Ales Bialiatski"), person("Invented Person")])
    report = one(gold, pred)
    people = report.fields["people"]
    assert (people.tp, people.fp, people.fn) == (1, 1, 1)
    assert report.people_f1 == pytest.approx(0.5)
    kinds = {(e.subject, e.kind) for e in report.errors if e.field == "people"}
    assert kinds == {("Invented Person", "spurious"), ("Andrzej Poczobut", "missing")}
    assert report.fields["people.still_detained"].fn == 1
    assert report.fields["people.released"].fp == 1  # the invented person was predicted released


def test_same_first_name_different_surname_is_not_a_match() -> None:
    gold = ReleaseEvent(people=[person("Maria Kolesnikova")])
    report = one(gold, ReleaseEvent(people=[person("Maria Gonzalez")]))
    assert report.fields["people"].tp == 0


def test_wrong_status_on_a_matched_person_is_a_status_error_not_a_missing_person() -> None:
    gold = ReleaseEvent(people=[person("Viktar Babaryka", "released"), person("John Coale", "negotiator")])
    pred = ReleaseEvent(people=[person("Viktor Babariko", "other"), person("John Coale", "negotiator")])
    report = one(gold, pred)
    f = report.fields
    assert f["people"].tp == 2
    assert (f["people.released"].tp, f["people.released"].fn, f["people.released"].fp) == (0, 1, 0)
    assert f["people.other"].fp == 1
    assert f["people.negotiator"].tp == 1
    assert report.released_f1 == 0.0
    assert report.status_accuracy == pytest.approx(0.5)
    assert any(e.field == "people.status" and e.kind == "wrong" for e in report.errors)


@pytest.mark.parametrize(
    ("gold_nat", "pred_nat", "ok"),
    [
        ("Poland", "Polish", True),
        ("United States", "U.S.", True),
        ("Poland, Belarus", "Belarusian", True),
        ("Poland, Belarus", "Polish-Belarusian", True),
        ("Poland", "Lithuania", False),
        ("Poland", None, False),
        ("Poland", "Poland, Lithuania", False),
    ],
)
def test_nationality_agreement_reads_countries_and_demonyms(gold_nat: str, pred_nat: str | None, ok: bool) -> None:
    gold = ReleaseEvent(people=[person("Roman Gałuza", nationality=gold_nat)])
    report = one(gold, ReleaseEvent(people=[person("Roman Galuza", nationality=pred_nat)]))
    check = report.agreement["people.nationality"]
    assert (check.total, check.correct) == (1, int(ok))


def test_nationality_and_role_are_not_checked_when_gold_has_none() -> None:
    gold = ReleaseEvent(people=[person("Ales Bialiatski")])
    report = one(gold, ReleaseEvent(people=[person("Ales Bialiatski", nationality="Belarus", role="laureate")]))
    assert report.agreement["people.nationality"].total == 0
    assert report.agreement["people.role"].total == 0


@pytest.mark.parametrize(
    ("pred_role", "ok"),
    [
        ("US special envoy", True),
        ("special envoy", True),
        ("envoy of President Trump", True),
        ("journalist", False),
        (None, False),
    ],
)
def test_role_agreement_is_fuzzy_over_gold_alternatives(pred_role: str | None, ok: bool) -> None:
    gold = ReleaseEvent(people=[person("John Coale", "negotiator", role="special envoy of US President Donald Trump; envoy")])
    report = one(gold, ReleaseEvent(people=[person("John Coale", "negotiator", role=pred_role)]))
    check = report.agreement["people.role"]
    assert (check.total, check.correct) == (1, int(ok))


# ---------------------------------------------------------------- list fields


def test_list_fields_are_sets_with_aliases_and_duplicates_folded() -> None:
    gold = ReleaseEvent(
        nationalities_released=["Poland", "Ukraine", "Japan"],
        mediators=["United States", "European Union"],
        charges=["espionage", "terrorism", "extremism"],
    )
    pred = ReleaseEvent(
        nationalities_released=["Polish", "Ukrainians", "Ukraine", "Latvia"],
        mediators=["U.S.", "USA", "EU"],
        charges=["terrorist activity", "extremist activities", "espionage", "treason"],
    )
    f = one(gold, pred).fields
    assert (f["nationalities_released"].tp, f["nationalities_released"].fp, f["nationalities_released"].fn) == (2, 1, 1)
    assert (f["mediators"].tp, f["mediators"].fp, f["mediators"].fn) == (2, 0, 0)
    assert (f["charges"].tp, f["charges"].fp, f["charges"].fn) == (3, 1, 0)


def test_list_items_match_one_to_one() -> None:
    gold = ReleaseEvent(charges=["tax offences"])
    report = one(gold, ReleaseEvent(charges=["tax evasion", "tax offences"]))
    assert (report.fields["charges"].tp, report.fields["charges"].fp) == (1, 1)


def test_destinations_are_matched_as_countries_and_counts_checked_separately() -> None:
    gold = ReleaseEvent(destinations=[Destination(country="Ukraine", count=114), Destination(country="Lithuania", count=None)])
    pred = ReleaseEvent(destinations=[Destination(country="ukraine", count=100), Destination(country="Lithuania", count=9)])
    report = one(gold, pred)
    assert report.fields["destinations"].f1 == 1.0
    count = report.agreement["destinations.count"]
    assert (count.correct, count.total) == (0, 1)  # Lithuania has no gold count: not checked
    assert any(e.field == "destinations.count" and e.subject == "Ukraine" for e in report.errors)


# ---------------------------------------------------------------- articles and records


def test_error_record_counts_as_all_misses() -> None:
    gold = ReleaseEvent(releasing_country="Belarus", people=[person("Ales Bialiatski")], charges=["treason"])
    report = score([("a1", record("a1", None), gold)])
    assert report.n_error_records == 1 and report.n_scored == 0
    assert report.articles[0].outcome == "error_record"
    assert report.fields["people"].fn == 1
    assert report.fields["releasing_country"].fn == 1
    assert report.fields["charges"].fn == 1
    assert report.released_f1 == 0.0 and report.scalar_accuracy == 0.0
    assert report.errors[0].kind == "error_record" and "boom" in (report.errors[0].predicted or "")


def test_gold_article_without_a_result_counts_as_all_misses() -> None:
    gold = ReleaseEvent(people=[person("Ales Bialiatski")])
    report = score([("a1", None, gold)])
    assert report.n_no_result == 1
    assert report.fields["people"].fn == 1
    assert report.errors[0].kind == "no_result"


def test_failing_on_a_hard_article_does_not_raise_the_score() -> None:
    easy = ReleaseEvent(people=[person("Ales Bialiatski")])
    hard = ReleaseEvent(people=[person("Maria Kalesnikava"), person("Viktar Babaryka")])
    half = ReleaseEvent(people=[person("Maria Kolesnikova")])
    attempted = score([("e", record("e", easy), easy), ("h", record("h", half), hard)])
    failed = score([("e", record("e", easy), easy), ("h", record("h", None), hard)])
    assert failed.released_f1 < attempted.released_f1
    assert failed.macro["people"].articles == 2


def test_result_without_gold_is_reported_and_not_scored() -> None:
    gold = ReleaseEvent(people=[person("Ales Bialiatski")])
    report = score([("a1", record("a1", gold), gold), ("extra", record("extra", ReleaseEvent(people=[person("X Y")])), None)])
    assert report.unscored == ["extra"]
    assert [a.id for a in report.articles] == ["a1"]
    assert_perfect(report)
    assert report.n_results == 2 and report.n_gold == 1


def test_micro_and_macro_averages_differ_as_defined() -> None:
    g1 = ReleaseEvent(people=[person("A B"), person("C D"), person("E F"), person("G H")])
    g2 = ReleaseEvent(people=[person("I J")])
    p1 = ReleaseEvent(people=[person("A B"), person("C D"), person("E F"), person("G H")])
    p2 = ReleaseEvent()
    report = score([("1", p1, g1), ("2", p2, g2)])
    assert report.fields["people"].f1 == pytest.approx(prf(4, 0, 1)[2])
    assert report.macro["people"].f1 == pytest.approx(0.5)
    assert report.macro["people"].articles == 2


def test_run_costs_and_grounding_rate_are_carried_through() -> None:
    gold = ReleaseEvent(people=[person("Ales Bialiatski")])
    r1 = record("a", gold, seconds=2.0, usage=Usage(total_tokens=100), grounding=Grounding(rate=1.0))
    r2 = record("b", gold, seconds=4.0, usage=Usage(total_tokens=300), grounding=Grounding(rate=0.5), model="m2")
    report = score([("a", r1, gold), ("b", r2, gold)])
    assert report.seconds_per_article == pytest.approx(3.0)
    assert report.tokens_per_article == pytest.approx(200.0)
    assert report.grounding_rate == pytest.approx(0.75)
    assert report.models == ["m", "m2"]


def test_run_costs_are_null_for_bare_events() -> None:
    report = one(ReleaseEvent(), ReleaseEvent())
    assert report.grounding_rate is None and report.seconds_per_article is None


def test_report_json_has_the_documented_stable_keys() -> None:
    data = json.loads(one(ReleaseEvent(), ReleaseEvent()).model_dump_json())
    for key in ("released_f1", "people_f1", "scalar_accuracy", "status_accuracy", "fields", "macro", "agreement",
                "articles", "errors", "unscored", "grounding_rate", "seconds_per_article", "tokens_per_article"):
        assert key in data, key
    assert set(data["fields"]) == set(FIELD_NAMES)
    assert set(data["agreement"]) == set(AGREEMENT_NAMES)
    for entry in data["fields"].values():
        assert {"tp", "fp", "fn", "precision", "recall", "f1"} <= set(entry)


def test_prf_conventions() -> None:
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 0, 3) == (1.0, 0.0, 0.0)
    assert prf(0, 2, 0) == (0.0, 1.0, 0.0)
    assert prf(1, 1, 1) == pytest.approx((0.5, 0.5, 0.5))


def test_an_authority_with_its_country_as_possessive_matches_the_bare_body() -> None:
    from extract.domains.release.scoring import _same_authority

    assert _same_authority("Uganda's High Court", "High Court")
    assert _same_authority("Interior Ministry", "Venezuela's Interior Ministry")
    assert not _same_authority("Uganda's High Court", "Supreme Court")
    assert not _same_authority("the ministry's press office", "press office")  # not a country
