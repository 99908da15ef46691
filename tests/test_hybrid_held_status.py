"""People shown in custody with no release of their own are still detained; a release only asked
for, attempted or offered frees no one.

Every sentence here is written for the test; the names are invented."""

from __future__ import annotations

import pytest

from extract.domains.release.strategies.hybrid import run_rules
from extract.domains.release.strategies.hybrid_text import analyse
from extract.domains.release.strategies.status_rules import STATUS_RULES


def status_of(text: str, name: str) -> tuple[str, list[str]]:
    """The status the rules give `name` and the rule ids in its trail."""
    event, _, trail = run_rules(analyse(text))
    for index, person in enumerate(event.people):
        if person.name == name:
            return person.status, trail[f"people[{index}].status"]
    raise AssertionError(f"{name} not found among {[p.name for p in event.people]}")


NO_RELEASE = "Court jails two reporters\n\nA court in Ruritania ruled on Tuesday in the case of two reporters. "
RELEASE = "Ruritania frees aid worker\n\nRuritania freed the aid worker Tomas Lind on Monday after two years. "


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (NO_RELEASE + "Reporters Dana Rusk and Pavel Orin were given prison terms of six years.\n",
         "held.sentenced-no-release"),
        (NO_RELEASE + "The judges convicted Dana Rusk of spreading false news.\n", "held.sentenced-no-release"),
        (NO_RELEASE + "Dana Rusk was arrested at her home on Sunday and charged with treason.\n",
         "held.sentenced-no-release"),
        (RELEASE + "Dana Rusk, a teacher, has been sentenced to nine years of hard labour.\n",
         "held.sentence-standing"),
        (RELEASE + "Last week Dana Rusk was given a further eight-month sentence.\n", "held.sentence-standing"),
        (RELEASE + "The envoy spoke of the continued detention of Dana Rusk.\n", "held.detention-of"),
        (RELEASE + "Officials kept pressing the case of a second teacher in detention, Dana Rusk.\n",
         "held.described-in-detention"),
    ],
)
def test_a_person_shown_in_custody_without_a_release_is_still_detained(text: str, rule: str) -> None:
    status, rules = status_of(text, "Dana Rusk")
    assert status == "still_detained"
    assert rule in rules


def test_a_sentence_told_as_back_story_of_the_freed_keeps_them_released() -> None:
    text = RELEASE + "Tomas Lind has been sentenced to 12 years in 2022 and was pardoned on Monday.\n"
    assert status_of(text, "Tomas Lind")[0] == "released"


@pytest.mark.parametrize(
    "sentence",
    [
        "The broadcaster urged Ruritania to free Dana Rusk and Pavel Orin.",
        "Efforts to free Dana Rusk are continuing, the minister said.",
        "Officials denied that Ruritania had offered to release Dana Rusk.",
        "Her colleagues demanded that Dana Rusk be released.",
    ],
)
def test_a_release_asked_for_attempted_or_offered_leaves_the_person_held(sentence: str) -> None:
    status, rules = status_of(RELEASE + sentence + "\n", "Dana Rusk")
    assert status == "still_detained"
    assert "release-demanded" in rules


def test_every_held_rule_is_in_the_status_table_as_still_detained() -> None:
    held = {row.id: row for row in STATUS_RULES if row.id.startswith("held.")}
    assert set(held) == {
        "held.sentenced-no-release", "held.sentence-standing", "held.detention-of", "held.described-in-detention",
        "held.detention-no-release", "held.since", "held.faces-charges", "held.proceedings-against",
    }
    assert all(row.status == "still_detained" and 0 < (row.strength or 0) <= 3 for row in held.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "Years earlier President Olav Brekke had fled the capital during weeks of protests.",
        "Prime Minister Olav Brekke took the oath of office on Monday.",
        "President Olav Brekke is due to travel to a trade fair next week.",
    ],
)
def test_a_leader_acting_off_the_event_s_topic_is_merely_mentioned(sentence: str) -> None:
    assert status_of(RELEASE + sentence + "\n", "Olav Brekke")[0] == "other"


@pytest.mark.parametrize(
    "sentence",
    [
        "President Olav Brekke met the freed man at the airport.",
        "Prime Minister Olav Brekke defended the decision in parliament.",
        "It followed talks in which President Olav Brekke took part.",
        "President Olav Brekke has declined to give details of the case.",
    ],
)
def test_a_leader_acting_on_the_event_is_an_official(sentence: str) -> None:
    status, rules = status_of(RELEASE + sentence + "\n", "Olav Brekke")
    assert status == "official"
    assert "act" in rules


@pytest.mark.parametrize(
    "sentence",
    [
        "Olav Brekke, head of the legal department of the presidential administration, said the decree was fair.",
        "Olav Brekke, a member of the Presidential Pardon Committee, said more lists would follow.",
        "Olav Brekke, senior superintendent of the central prison, said the men had been let out.",
    ],
)
def test_a_speaker_holding_a_post_in_an_official_body_is_an_official(sentence: str) -> None:
    text = RELEASE + sentence + "\n"
    assert status_of(text, "Olav Brekke")[0] == "official"
    event, _, trail = run_rules(analyse(text))
    index = next(i for i, p in enumerate(event.people) if p.name == "Olav Brekke")
    assert "role.post-in-official-body" in trail[f"people[{index}].role"]


def test_a_speaker_heading_a_private_group_is_not_an_official() -> None:
    sentence = "Olav Brekke, head of a local rights group, said the release was overdue.\n"
    assert status_of(RELEASE + sentence, "Olav Brekke")[0] == "other"


def test_their_release_after_coordinated_subjects_frees_every_one_of_them() -> None:
    text = RELEASE + "Dana Rusk and Pavel Orin waved to supporters after their release from the city prison on Friday.\n"
    assert status_of(text, "Dana Rusk")[0] == "released"
    assert status_of(text, "Pavel Orin")[0] == "released"


def test_a_captivity_told_in_the_pluperfect_is_the_back_story_of_the_freed() -> None:
    text = ("Rebels free two soldiers\n\nTwo soldiers held by the rebels have been freed, officials said. "
            "Dana Rusk and Pavel Orin had been seized by the rebels in the east.\n")
    status, rules = status_of(text, "Dana Rusk")
    assert status == "released" and "jailed-in-the-past" in rules


def test_a_capture_in_the_simple_past_is_not_a_captivity_now_over() -> None:
    text = RELEASE + "In January the former leader Olav Brekke and his wife were captured and taken abroad to face trial.\n"
    assert status_of(text, "Olav Brekke")[0] != "released"


@pytest.mark.parametrize(
    "sentence",
    [
        "Last September the authorities also freed the reporter Dana Rusk from detention.",
        "In that exchange the two states released 16 people on August 1, among them the reporter Dana Rusk.",
    ],
)
def test_a_release_in_an_earlier_event_makes_the_person_other(sentence: str) -> None:
    assert status_of(RELEASE + sentence + "\n", "Dana Rusk")[0] == "other"


def test_a_date_inside_a_relative_clause_does_not_date_the_release() -> None:
    text = ("Court frees protester\n\nThe court freed Dana Rusk on bail over charges which stemmed from a protest "
            "last July.\n")
    assert status_of(text, "Dana Rusk")[0] == "released"


def test_a_release_named_after_a_demand_s_after_is_done() -> None:
    text = RELEASE + ("The broadcaster urged Ruritania to free the journalist Pavel Orin after the release and deportation "
                      "of the reporter Dana Rusk.\n")
    assert status_of(text, "Dana Rusk")[0] == "released"
    assert status_of(text, "Pavel Orin")[0] == "still_detained"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the magistrate who remands is not the one remanded
        (NO_RELEASE + "Magistrate Dana Rusk remanded the reporter Pavel Orin in custody until May.\n", "Dana Rusk"),
        # a term in office is no penalty served
        (RELEASE + "The mayor, Dana Rusk, is serving a second term as mayor of the capital.\n", "Dana Rusk"),
        # a freed hostage is described by the release, not by the captivity
        (RELEASE + "The freed hostage Dana Rusk thanked the nurses on Tuesday.\n", "Dana Rusk"),
        # a relative who reports the custody is not the one held
        (RELEASE + "His wife, Dana Rusk, told reporters he is still in prison.\n", "Dana Rusk"),
        # a hunger strike's day count in a campaigner's sentence is no strike of the subject's own
        (RELEASE + "On day 40 of her hunger strike, Dana Rusk has become a familiar sight outside the embassy.\n",
         "Dana Rusk"),
    ],
)
def test_people_near_a_still_held_cue_who_are_not_held_are_not_still_detained(text: str, name: str) -> None:
    assert status_of(text, name)[0] != "still_detained"


def test_a_pronoun_after_a_past_arrest_says_the_custody_goes_on() -> None:
    text = RELEASE + "Dana Rusk was arrested in 2022. She remains in prison.\n"
    status, rules = status_of(text, "Dana Rusk")
    assert status == "still_detained" and "pronoun-held" in rules


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (RELEASE + "The chaplain Dana Rusk works in the prison where he was held.\n", "Dana Rusk"),
        (RELEASE + "The government holds the rebel leader Dana Rusk responsible for the attack.\n", "Dana Rusk"),
    ],
)
def test_working_in_a_prison_or_holding_someone_responsible_is_no_custody(
    text: str, name: str
) -> None:
    assert status_of(text, name)[0] != "still_detained"


def test_a_freed_hostage_who_spent_years_in_captivity_stays_released() -> None:
    text = RELEASE + "Dana Rusk, who has spent two years in captivity, was freed with him on Monday.\n"
    assert status_of(text, "Dana Rusk")[0] == "released"


def test_a_speaker_denying_there_are_prisoners_is_not_one() -> None:
    text = RELEASE + "The minister Dana Rusk told reporters that there are no political prisoners in Ruritania.\n"
    assert status_of(text, "Dana Rusk")[0] != "still_detained"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a penalty passed in absentia holds nobody, in an article with a release or without one
        (NO_RELEASE + "The same court sentenced the exiled banker Olav Brenn in absentia to life in prison.\n",
         "Olav Brenn"),
        (NO_RELEASE + "Olav Brenn, who lives abroad, was convicted in his absence of fraud.\n", "Olav Brenn"),
        (RELEASE + "In 2022 the opposition leader Olav Brenn had been sentenced in absentia to 20 years.\n",
         "Olav Brenn"),
        # proceedings that were dropped hold nobody
        (NO_RELEASE + "The charges against the editor Olav Brenn were dropped on Monday.\n", "Olav Brenn"),
        # "faced" is over
        (NO_RELEASE + "Olav Brenn faced charges of fraud in 2010 before he moved abroad.\n", "Olav Brenn"),
    ],
)
def test_a_penalty_passed_in_absentia_or_proceedings_dropped_or_past_hold_nobody(text: str, name: str) -> None:
    assert status_of(text, name)[0] != "still_detained"


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("The trial of Dana Rusk and Pavel Orin was adjourned until May.", "held.proceedings-against"),
        ("Rights groups called the case against Dana Rusk a sham.", "held.proceedings-against"),
        ("Dana Rusk is facing a retrial on the same charges.", "held.faces-charges"),
    ],
)
def test_a_person_proceeded_against_in_an_article_with_no_release_is_still_detained(sentence: str, rule: str) -> None:
    status, rules = status_of(NO_RELEASE + sentence + "\n", "Dana Rusk")
    assert status == "still_detained"
    assert rule in rules
