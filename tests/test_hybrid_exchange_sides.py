"""Exchanges where both sides free people: which side is the releasing country, and the sides
are not mediators. Sentences written for the test (real country names, invented events)."""

from __future__ import annotations

import pytest

from extract.domains.release.strategies.hybrid import run_rules
from extract.domains.release.strategies.hybrid_text import analyse


def rules(text: str) -> tuple[str | None, list[str], list[str]]:
    event, _, trail = run_rules(analyse(text))
    return event.releasing_country, event.mediators, trail.get("releasing_country", [])


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the active release traded "in return for" the other side's: its subject (a capital counts)
        ("Chile and Peru swap prisoners\n\nForty soldiers are among the 120 prisoners Lima released in return "
         "for the opposition leader Ivan Petrov, officials said on Tuesday. Chilean authorities said 120 "
         "prisoners had been freed.\n", "Peru"),
        # a passive one: the country it happened in
        ("Chile, Peru free prisoners in swap\n\nChile and Peru announced an exchange in which a former Peruvian "
         "official was freed in Chile in return for two Chilean nationals.\n", "Chile"),
        ("Chile frees 12 Peruvians\n\nChile freed 12 Peruvian fishermen on Monday in exchange for two Chilean "
         "sailors held by Peru.\n", "Chile"),
    ],
)
def test_the_release_traded_for_the_other_sides_names_the_releasing_country(text: str, country: str) -> None:
    found, _, trail = rules(text)
    assert found == country
    assert trail == ["country.traded-release"]


def test_the_sides_a_mediator_went_between_are_not_mediators() -> None:
    text = ("Chile, Peru free prisoners in Panama-brokered swap\n\nChile and Peru announced an exchange in which a "
            "former Peruvian official was freed in Chile in return for two Chilean nationals. Panama, a neutral "
            "state that has mediated between Peru and other governments before, said the two governments had "
            "agreed, after its mediation, on the mutual release of detained nationals.\n")
    _, mediators, _ = rules(text)
    assert "Panama" in mediators
    assert "Peru" not in mediators
    assert "Chile" not in mediators


def nationalities(text: str) -> list[str]:
    event, _, _ = run_rules(analyse(text))
    return event.nationalities_released


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the people the other side freed ("in exchange for two Chilean sailors") are freed too
        ("Chile frees 12 Peruvians\n\nChile freed 12 Peruvian fishermen on Monday in exchange for two Chilean "
         "sailors held by Peru.\n", {"Peru", "Chile"}),
        # two states each freeing the other's people
        ("Chile, Peru free prisoners in swap\n\nLongtime rivals Chile and Peru each freed five detainees on "
         "Monday under a prisoner exchange deal.\n", {"Peru", "Chile"}),
    ],
)
def test_an_exchange_lists_the_nationalities_of_both_sides(text: str, expected: set[str]) -> None:
    assert set(nationalities(text)) >= expected


def test_an_earlier_exchange_by_two_states_on_one_side_does_not_list_both() -> None:
    text = ("Chile frees poet\n\nIn that exchange Chile and Peru released 16 people on August 1, among them "
            "the poet Ana Ruiz.\n")
    assert "Peru" not in nationalities(text)


def test_a_mutual_release_gives_no_side_and_the_agent_of_the_other_release_decides() -> None:
    text = ("Chile, Peru free prisoners in swap\n\nLongtime rivals Chile and Peru each freed five detainees on "
            "Monday under a prisoner exchange deal. The five Chileans released by Peru landed in Santiago.\n")
    assert rules(text)[0] == "Peru"


def test_the_person_a_release_was_traded_for_is_released_without_a_leaning_as_nationality() -> None:
    text = ("Chile swaps prisoners\n\nForty soldiers are among the prisoners Lima released in return for the "
            "pro-Chilean Viktor Medvin, after Panama mediated.\n")
    event, _, _ = run_rules(analyse(text))
    person = next(p for p in event.people if p.name == "Viktor Medvin")
    assert person.status == "released"
    assert person.nationality is None  # "pro-Chilean" is a leaning, not a citizenship
