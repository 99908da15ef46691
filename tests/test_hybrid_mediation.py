"""Mediators told by the structure of the sentence: a party linked to an envoy noun, to a
contribution ("played a role"), to a helping verb, or to a brokering verb through control; a guess
or an open question names no mediator. Sentences written for the test (real country names,
invented events)."""

from __future__ import annotations

import pytest

from extract.domains.release.strategies.hybrid import run_rules
from extract.domains.release.strategies.hybrid_text import analyse


def mediators(text: str) -> tuple[list[str], list[str]]:
    event, _, trail = run_rules(analyse(text))
    rules = [r for i in range(len(event.mediators)) for r in trail.get(f"mediators[{i}]", [])]
    return event.mediators, rules


def article(sentence: str) -> str:
    return f"Peru frees jailed engineer\n\nPeru freed the engineer Tomas Ruiz on Monday. {sentence}\n"


@pytest.mark.parametrize(
    ("sentence", "expected", "rule"),
    [
        # an envoy noun linked to its party through "of", "from" or a possessive
        ("The envoy of Qatar flew to Lima to close the deal.", {"Qatar"}, "mediators.envoy-of"),
        ("Mediators from Oman and Egypt spent weeks in Lima.", {"Oman", "Egypt"}, "mediators.envoy-of"),
        # "as <envoy noun>": after a verb, or after the objects of "with"
        ("Norway has long acted as a go-between for the two capitals.", {"Norway"}, "mediators.served-as"),
        ("The talks ended in a deal, with Kenya and Ghana as mediators.", {"Kenya", "Ghana"}, "mediators.served-as"),
        # a party contributing what an involvement noun names
        ("Our Brazilian partners played a decisive role, the minister said.", {"Brazil"}, "mediators.played-role"),
        ("Switzerland and Austria provided assistance throughout the talks.", {"Switzerland", "Austria"},
         "mediators.played-role"),
        ("The minister praised the part played by Jordan in the talks.", {"Jordan"}, "mediators.involvement-of"),
        ("Mediation from the United Arab Emirates and Turkey made the release possible.",
         {"United Arab Emirates", "Turkey"}, "mediators.involvement-of"),
        ("She thanked the Norwegian government's quiet role in the talks.", {"Norway"}, "mediators.involvement-of"),
        # a helping verb whose complement is the release or the talks
        ("Oman, which has helped in several such cases, helped free him.", {"Oman"}, "mediators.helped"),
        # a brokering verb whose subject is the controller of "help", "agree", "seek"
        ("Qatar helped broker the agreement, an official said.", {"Qatar"}, "mediators.negotiated"),
        # a name in apposition stands for the noun it renames
        ("According to the Jordanian intelligence service GID, which acted as mediator, the two men were "
         "swapped at the border.", {"Jordan"}, "mediators.served-as"),
        # the conjuncts of the noun a country modifies after a mediation phrase
        ("The talks were brokered with help from the Norwegian government and the United Nations.",
         {"Norway", "United Nations"}, "mediators.mediation-phrase"),
        # a state's delegation where the sentence tells of talks
        ("A Brazilian delegation held talks in Lima last week.", {"Brazil"}, "mediators.envoy-of"),
        # a pronoun subject stands for the speaker who reports the clause
        ("The Norwegian foreign ministry said it had facilitated the handover in Lima.", {"Norway"},
         "mediators.speaker-pronoun"),
        ("Ecuador said on Monday it would post news as it helped with the release of the engineer.", {"Ecuador"},
         "mediators.speaker-pronoun"),
        # the other party of a deal, also through the participle on the deal noun or whatever NER label it got
        ("He was one of those covered by the accord signed in March with Chile.", {"Chile"},
         "mediators.deal-partner-via-verb"),
        ("The release followed months of talks with the Holy See.", {"Vatican City"}, "mediators.deal-partner"),
        # a support participle compounded with a country, on a deal or talks noun
        ("The release came under a Brazil-backed deal agreed in March.", {"Brazil"}, "mediators.hyphen-brokered"),
        # having or taking a share in the release or the talks
        ("The Red Cross had a part in the engineer's handover at the border.",
         {"International Committee of the Red Cross"}, "mediators.took-part"),
        ("He was handed over at the border crossing, with Kenyan officials taking part.", {"Kenya"},
         "mediators.took-part"),
    ],
)
def test_a_party_tied_to_the_brokering_by_the_sentence_structure_is_a_mediator(
    sentence: str, expected: set[str], rule: str
) -> None:
    found, rules = mediators(article(sentence))
    assert expected <= set(found), found
    assert rule in rules


@pytest.mark.parametrize(
    "sentence",
    [
        "It was not clear whether Brazil had helped negotiate the release.",
        "Pressure from Spain and Italy may have played a part, analysts said.",
        "Chile played no role in the talks, its foreign ministry said.",
        "Argentina did not help negotiate the release.",
        "The release came a week after a Bolivian delegation visited Lima.",
        "Chile had no part in the talks, its foreign ministry said.",
        "Brazil took part in a football tournament in Lima last year.",
        # a support participle on an actor tells allegiance, not mediation
        "He had been held for a year by Venezuela-backed rebels in the north.",
        "He was wounded in 2019 fighting a Brazil-led coalition in the Amazon.",
    ],
)
def test_a_guess_an_open_question_or_a_denial_names_no_mediator(sentence: str) -> None:
    found, _ = mediators(article(sentence))
    assert found == [], found


def test_the_releasing_country_is_never_its_own_mediator() -> None:
    found, _ = mediators(article("Peru played a key role in the talks with Chile, its minister said."))
    assert "Peru" not in found
