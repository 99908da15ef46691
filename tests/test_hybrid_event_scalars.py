"""Event scalars of the hybrid rules on shapes common in real news: a release reported in the
pluperfect of reported speech, a jail named as a place, a release with no state as performer, and
figures that count places. Every article here is written for the test (invented names and places)."""

from __future__ import annotations

import asyncio

import pytest

from extract.domains.release.strategies.hybrid import HybridStrategy
from extract.domains.release.strategies.hybrid_event import judge_event
from extract.domains.release.strategies.hybrid_text import analyse, past_round
from extract.io import Article
from extract.strategies.base import StrategyResult
from extract.testing import NeverCalled


def run(text: str) -> StrategyResult:
    return asyncio.run(HybridStrategy(workers=1).extract(Article("t", text), NeverCalled()))


# ---------------------------------------------------------------- release.reported-pluperfect


@pytest.mark.parametrize("sentence", [
    "On Friday the palace announced that Moldova had pardoned a cartoonist who had been given eight years in jail.",
    "Officials said late on Monday they had released 400 people arrested during the protests.",
    "The ministry confirmed that the army had freed the two farmers and the driver.",
])
def test_a_pluperfect_reported_by_a_past_verb_of_speech_is_this_release(sentence: str) -> None:
    a = analyse(sentence + "\n")
    assert not past_round(a, 0)
    assert judge_event(a)[0] == "release"


@pytest.mark.parametrize("sentence", [
    "The poet was freed on Monday; the regime had freed his brother two years before.",
    "The two men were set free on Friday, a week after the king had pardoned them.",
])
def test_a_pluperfect_not_reported_still_puts_a_release_in_the_past(sentence: str) -> None:
    assert past_round(analyse(sentence + "\n"), 0)


def test_a_pardon_announced_in_the_pluperfect_gives_the_country_and_the_leader() -> None:
    text = ("Late on Tuesday, the presidency announced that Moldova had pardoned a journalist who had been "
            "sentenced to nine years in prison.\n\nPresident Ion Vaduva said in a statement that he was granting "
            "a presidential pardon to the journalist Dan Rusu.\n")
    event = run(text).event
    assert event.releasing_country == "Moldova"
    assert event.releasing_authority == "Ion Vaduva"


# ---------------------------------------------------------------- event.cue-word-is-a-place


@pytest.mark.parametrize("lead", [
    "Relatives of a couple whom the militia held for months in a jail near the capital spoke after their release.",
    "Two teachers who spent years in prison in Moldova have spoken publicly for the first time since their release.",
])
def test_a_jail_named_as_a_place_is_no_sentencing(lead: str) -> None:
    text = f"{lead}\n\nThe two were released from prison after a court hearing, a spokesman said.\n"
    kind, rules = judge_event(analyse(text))
    assert kind == "release"
    assert "sentenced" not in rules


def test_a_sentencing_still_makes_an_article_with_no_release() -> None:
    text = "Court jails outspoken mayor for seven years\n\nThe case has drawn criticism abroad.\n"
    assert judge_event(analyse(text)) == ("none", ["sentenced"])


# ---------------------------------------------------------------- country.most-named


@pytest.mark.parametrize("text", [
    "Moldovan journalist leaves prison\n\nDan Rusu, the Moldovan journalist, was released from prison on Saturday "
    "after two years in detention. He left the military prison north of the capital. Washington had "
    "criticised the case. The Moldovan prosecutor had accused him of fraud.\n",
    "Four reporters placed under house arrest\n\nFour reporters have been released from Chisinau's detention "
    "centre and placed under house arrest. A district court made the decision. Moldova's interior ministry "
    "had accused them of calling for riots; Romania's foreign ministry said it was watching the case.\n",
])
def test_with_no_state_performing_the_release_the_country_named_most_is_the_releasing_one(text: str) -> None:
    result = run(text)
    assert result.event.releasing_country == "Moldova"
    assert result.trail["releasing_country"][0] == "country.most-named"


def test_two_countries_named_equally_often_give_no_country() -> None:
    text = ("Reporter leaves prison\n\nDan Rusu was released from prison on Saturday after two years in detention. "
            "Moldova and Romania had both commented on the case.\n")
    assert run(text).event.releasing_country is None


# ---------------------------------------------------------------- count.places-not-people


def test_a_figure_of_detention_centres_is_not_the_count() -> None:
    text = ("ADDIS ABABA\n\nThe authorities have announced the release of 2,410 detainees.\n\nIn a statement on state "
            "television on Monday, officials said they had released people held in three detention centres.\n")
    result = run(text)
    assert result.event.released_count == 2410
    assert "count.places-not-people" in result.trail["released_count"]


# ---------------------------------------------------------------- country.headline-actor


def test_a_headline_actor_after_a_furniture_line_outweighs_a_traded_release_of_the_other_side() -> None:
    text = ("Skip to main content\n\nMoldova frees Romanian engineer held since 2021 in a prisoner swap\n\n"
            "CHISINAU - On Saturday Moldova freed a Romanian engineer held for three years on spying charges. "
            "Romania, in exchange for his release, freed Ion Cazacu, a Moldovan officer convicted last year.\n")
    result = run(text)
    assert result.event.releasing_country == "Moldova"
    assert result.trail["releasing_country"][0] == "country.headline-actor"


def test_a_headline_verb_in_quotes_still_names_the_releasing_country() -> None:
    text = ("Moldova 'Frees Romanian Engineer' in What Looks Like a Swap\n\nOn Saturday the Romanian president "
            "said he was glad the engineer was home, once Romania had released a Moldovan officer wanted in Moldova.\n")
    assert run(text).event.releasing_country == "Moldova"


# ---------------------------------------------------------------- count.part-of-group-freed, count.figure-told-for-later


@pytest.mark.parametrize(("sentence", "value"), [
    ("A Chisinau court last night ordered the release of two of the three reporters who were still in jail.", 2),
    ("The tribunal on Monday approved the release of four of the nine defendants held since March.", 4),
])
def test_the_release_of_part_of_a_group_counts_the_part(sentence: str, value: int) -> None:
    result = run(f"Court frees reporters\n\n{sentence}\n")
    assert result.event.released_count == value
    assert "count.part-of-group-freed" in result.trail["released_count"]


def test_a_figure_told_only_for_later_is_the_count_as_announced() -> None:
    text = ("Moldova says 420 convicts to be freed\n\nCHISINAU - Under a new presidential pardon, Moldova will start "
            "releasing 420 prisoners on Friday.\n\nOn Thursday state television said the prisoners were being freed "
            "so they could rebuild their lives.\n")
    result = run(text)
    assert result.event.released_count == 420
    assert "count.figure-told-for-later" in result.trail["released_count"]


def test_a_figure_of_the_release_done_wins_over_one_told_for_later() -> None:
    text = ("Moldova frees prisoners\n\nCHISINAU - Moldova freed 35 prisoners on Monday, officials said. Another 200 "
            "will be released next month under the same amnesty.\n")
    result = run(text)
    assert result.event.released_count == 35
    assert "count.figure-told-for-later" not in result.trail["released_count"]


# ---------------------------------------------------------------- country.speaker-of-reported-release


@pytest.mark.parametrize("text", [
    "Moldova and Romania trade two prisoners\n\nMoldova's security service stated that it had handed over Ion Cazacu, "
    "an officer from Romania, in exchange for Dan Rusu, a former Romanian official.\n",
    "Moldova says 12 Romanian fishermen were swapped for a map\n\nMoldova said it had handed 12 Romanian fishermen "
    "over in exchange for a map of the minefields. Officials in Romania confirmed the exchange.\n",
])
def test_a_pronoun_that_freed_people_in_reported_speech_is_the_speaking_state(text: str) -> None:
    result = run(text)
    assert result.event.releasing_country == "Moldova"
    assert "country.speaker-of-reported-release" in result.trail["releasing_country"]
