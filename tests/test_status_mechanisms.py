"""Status rules narrowed by a syntactic condition: sentences where a rule must NOT fire.

(The table's own examples in `status_rules.STATUS_RULES` show where each rule fires.)"""

from __future__ import annotations

import pytest

from extract.domains.release.strategies.hybrid_batch import rules_outcome

CASES = [
    # welcomed: a meeting to ask for a pardon is not a welcome after a release
    ("Pardia frees 40\n\nPardia pardoned 40 prisoners on Monday. Earlier, Ambassador Omar Haddad met Crown Prince "
     "Anton Rhee to ask that jailed workers be pardoned.\n", "Anton Rhee", "welcomed", "released"),
    # among-them: "them" after the sentence's first verb points into the same sentence
    ("Pardia frees 16\n\nPardia freed 40 prisoners in May. Dozens remain in prison. In that exchange Pardia and "
     "Tarvo released 16 people, among them the reporter Ugo Mell.\n", "Ugo Mell", "among-them", "still_detained"),
    # is-in-custody: "after months of detention" is not in custody now
    ("Pardia frees 18\n\nAfter six months of detention, the singer Ari Tamm is out on bail.\n", "Ari Tamm",
     "is-in-custody", "still_detained"),
    # a member of a legislature who comments is not an official
    ("Pardia frees 2\n\nPardia freed two aid workers. Congresswoman Lena Fisk said the deal was overdue.\n",
     "Lena Fisk", "official-role", "official"),
    # back-home: back in prison or in court is no homecoming
    ("Pardia frees 40\n\nPardia freed 40 protesters this week. By Friday, Ugo Mell was back in prison.\n",
     "Ugo Mell", "back-home", "released"),
]


@pytest.mark.parametrize(("text", "name", "rule_id", "wrong"), CASES, ids=[c[2] for c in CASES])
def test_a_narrowed_rule_does_not_fire_outside_its_condition(text: str, name: str, rule_id: str, wrong: str) -> None:
    """`wrong` is the status the rule would have given."""
    outcome = rules_outcome(text)
    assert outcome.event is not None
    found = [i for i, p in enumerate(outcome.event.people) if p.name == name]
    assert found, [p.name for p in outcome.event.people]
    trail = outcome.trail[f"people[{found[0]}].status"]
    assert rule_id not in trail
    assert outcome.event.people[found[0]].status != wrong, trail


RELATIVES = [
    ("Pardia freed four priests on Monday. Father Jan Vik was among those freed.", "Jan Vik", False),
    ("Among those who walked out of prison were Ana Rusu, a mother of two jailed for a post.", "Ana Rusu", False),
    ("Pardia freed Ole Strand on Monday. His father Jan Strand said he wept.", "Jan Strand", True),
    ("Pardia freed Ole Strand. Siri Holt, the mother of Ole Strand, said she wept.", "Siri Holt", True),
]


@pytest.mark.parametrize(("sentence", "name", "kin"), RELATIVES, ids=[r[1] for r in RELATIVES])
def test_a_kin_word_makes_a_relative_only_with_someone_to_be_kin_of(sentence: str, name: str, kin: bool) -> None:
    from extract.domains.release.strategies.hybrid_people import find_people
    from extract.domains.release.strategies.hybrid_text import analyse

    people = {p.name: p for p in find_people(analyse(f"Pardia frees prisoners\n\n{sentence}\n"))}
    assert people[name].relative_role is kin


def test_an_official_is_never_decided_a_relative() -> None:
    outcome = rules_outcome("Pardia frees 3\n\nPresident Anton Rhee said the releases showed generosity. Critics "
                            "accused him of plotting against Ole Strand, a charge his family called absurd.\n")
    assert outcome.event is not None
    index = next(i for i, p in enumerate(outcome.event.people) if p.name == "Anton Rhee")
    assert "relative" not in outcome.trail[f"people[{index}].status"]
    assert outcome.event.people[index].status == "official"
