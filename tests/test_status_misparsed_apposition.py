"""A name the parser reads as an adverbial of the verb ("..., the head of state, Captain X") stands in
apposition to the noun phrase before the comma: its description and its clause role are that noun's
(`hybrid_status.comma_described`). The sentences are written for the test; the names are invented."""

from __future__ import annotations

import pytest

from extract.domains.release.strategies.hybrid import run_rules
from extract.domains.release.strategies.hybrid_status import comma_described
from extract.domains.release.strategies.hybrid_text import analyse

CASES = [
    ("Pardia expels teacher\n\nPardia expelled a French teacher on Monday. The junta's spokesman said the teacher "
     "had been expelled on the orders of the head of state, Captain Ivan Dorov.\n", "Ivan Dorov", "official",
     "head of state"),
]


@pytest.mark.parametrize(("text", "name", "status", "role"), CASES, ids=["head-of-state"])
def test_a_name_misparsed_as_an_adverbial_takes_the_noun_before_the_comma(text: str, name: str, status: str, role: str) -> None:
    a = analyse(text)
    assert any(comma_described(t) is not None for t in a.doc)  # the parse this test is about
    event, _, _ = run_rules(a)
    person = next(p for p in event.people if p.name == name)
    assert person.status == status
    assert person.role is not None and role in person.role


def test_a_name_after_a_comma_that_the_parser_attached_stays_as_parsed() -> None:
    a = analyse("Pardia frees 2\n\nPardia freed two aid workers on Monday, Ivan Dorov said.\n")
    assert all(comma_described(t) is None for t in a.doc)
