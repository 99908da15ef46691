from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from extract.domains.release.schema import Person, Record, ReleaseEvent, parse_count
from extract.schema_export import render_schemas

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("more than 1,100", 1100),
        ("at least nine", 9),
        ("123", 123),
        (42, 42),
        ("over 1.227", 1227),
        ("about 2 thousand", 2000),
        (None, None),
        ("", None),
        ("thirty", 30),
        ("twenty-five", 25),
        ("Eleven", 11),
        ("nearly forty", 40),
        ("two dozen", 24),
        ("a dozen", 12),
        ("a hundred", 100),
        ("one hundred and twelve", 112),
        ("three thousand five hundred", 3500),
    ],
)
def test_counts_are_read_as_written_ignoring_qualifiers(raw: object, expected: int | None) -> None:
    assert parse_count(raw) == expected


@pytest.mark.parametrize("raw", ["several hundred", "hundreds", "dozens", "a few thousand"])
def test_a_quantity_without_a_figure_is_no_count(raw: str) -> None:
    assert parse_count(raw) is None


def test_count_without_a_number_is_rejected() -> None:
    with pytest.raises(ValueError):
        parse_count("many")


def test_off_schema_keys_fail_validation_instead_of_giving_an_empty_record() -> None:
    with pytest.raises(ValidationError):
        ReleaseEvent.model_validate({"prisoners": ["someone"], "count": 3})


def test_person_status_is_limited_to_the_five_labels() -> None:
    with pytest.raises(ValidationError):
        Person(name="A B", status="freed")  # type: ignore[arg-type]


def test_blank_person_name_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Person(name="  ", status="other")


def test_event_parses_counts_and_lowercases_charges() -> None:
    event = ReleaseEvent.model_validate(
        {"released_count": "more than 40", "charges": ["Espionage", " treason "], "event_date": "2024-08-01"}
    )
    assert event.released_count == 40
    assert event.charges == ["espionage", "treason"]
    assert event.event_date is not None and event.event_date.isoformat() == "2024-08-01"


def test_record_must_hold_either_an_event_or_an_error() -> None:
    base = {"id": "a", "model": "m", "strategy": "single", "prompt_version": "p", "sha256": "0"}
    with pytest.raises(ValidationError):
        Record(status="ok", **base)
    with pytest.raises(ValidationError):
        Record(status="error", event=ReleaseEvent(), **base)


def test_schema_files_match_the_models() -> None:
    for name, text in render_schemas().items():
        path = ROOT / "schemas" / name
        assert path.is_file(), f"{path} missing: run `make schemas`"
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run `make schemas`"


def test_model_facing_schema_forbids_extra_keys_everywhere() -> None:
    schema = json.loads(render_schemas()["release_event.schema.json"])
    assert schema["additionalProperties"] is False
    for definition in schema["$defs"].values():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False
