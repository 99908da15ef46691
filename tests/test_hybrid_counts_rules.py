"""Rules for the released count, the remaining-prisoners figure and the quid pro quo of the hybrid
strategy: each rule id with example articles of its own, the value and the id in the trail.

Every article here is written for the test (invented names and places)."""

from __future__ import annotations

import asyncio

import pytest

from extract.domains.release.strategies.hybrid import HybridStrategy
from extract.io import Article
from extract.strategies.base import StrategyResult
from extract.testing import NeverCalled


def run(text: str) -> StrategyResult:
    return asyncio.run(HybridStrategy().extract(Article("t", text), NeverCalled()))


COUNT_CASES = [
    # count.exchange-counterpart: the figure the other side handed over is not the count
    ("count.exchange-counterpart",
     "Moldova frees two Romanians in swap for five Moldovans\n\nCHISINAU, May 2 - Moldova freed two Romanian "
     "truck drivers on Friday in exchange for five Moldovans held in Romania, officials said.\n", 2),
    # count.part-of-group-freed: "freed N of the M defendants" counts N
    ("count.part-of-group-freed",
     "Court frees editors\n\nA Chisinau court on Tuesday freed four of the seven defendants in the newspaper "
     "case, replacing their prison terms with fines, their lawyers said.\n", 4),
    # count.group-of-part: "frees N of M nationals" in a headline: M is the group
    ("count.group-of-part",
     "Moldova releases three of eight Ukrainian fishermen held since June\n\nThe three fishermen arrived home "
     "on Monday, the foreign ministry said.\n", 3),
    # count.coordinated-part: "a Pole and two Czechs ... the three" counts the three
    ("count.coordinated-part",
     "Moldova frees 1 Pole and 2 Czechs\n\nCHISINAU (Wire) - Moldova has released a Pole and two Czechs, their "
     "governments said Monday, thanking Hungary for its help in freeing the three.\n", 3),
    # count.release-noun-for-people: an amnesty declared for N people
    ("count.release-noun-for-people",
     "Moldova amnesty frees detainees\n\nOn Friday the interim government announced an amnesty for 2,300 people. "
     "Prison gates opened in Chisinau on Tuesday, and two of the freed spoke to "
     "reporters.\n", 2300),
    ("count.release-noun-for-people",
     "Moldova court bails activists\n\nOn Monday a military court in Moldova granted bail to 14 supporters of the "
     "opposition leader Ion Rotaru who had spent five months in detention.\n", 14),
    # count.returned-captives: captives coming back from the other side are the freed
    ("count.returned-captives",
     "Moldova and Romania swap captives\n\nCHISINAU - Moldova and Romania carried out a swap of captives on Monday "
     "under the ceasefire deal.\n\nOn Monday evening a Romanian deputy minister said that 31 captives had come "
     "back to Romania from Moldova.\n", 31),
    # count.freed-sent-to-several-places: the freed sent to two countries are all of them
    ("count.freed-sent-to-several-places",
     "Twelve Freed Moldovan Prisoners Deported to Romania and Ukraine\n\nThe prisoners left Chisinau by bus on "
     "Tuesday morning, their families said.\n", 12),
    # count.let-go-of: "let go of N prisoners" frees N
    ("count.let-go-of",
     "Moldova and Romania swap prisoners\n\nCHISINAU - Under the deal, Moldova let go of 140 Romanian prisoners on "
     "Tuesday, officials in both capitals said.\n", 140),
    # count.repeats-weigh-half: the other side's figure told three times in the body does not beat the lead's
    ("count.repeats-weigh-half",
     "Romania frees Moldovan president's cousins in swap\n\nSix Romanians held in Moldovan jails have been freed "
     "in return for the release of two cousins of Moldova's president, both governments said.\nThe president "
     "agreed to free two cousins of the first lady.\nMoldova said two men held in Romania had been released.\n"
     "It said it had obtained the release of two young Moldovans.\n", 6),
    # count.precise-over-rounded: "more than 400" and "412" are one count, told precisely
    # count.others-not-the-total: a figure of "others" is an addition, not the event's number
    ("count.others-not-the-total",
     "Moldova frees 18 protesters\n\nCHISINAU - Moldova freed 18 protesters from a prison near the capital on "
     "Monday, their lawyers said. Four other activists were released on bail later in the week.\n", 18),
    ("count.precise-over-rounded",
     "Moldova president pardons 400 prisoners\n\nCHISINAU - President Ion Vasadze of Moldova has granted a pardon "
     "to more than 400 prisoners to mark the national day. The prison service said the inmates freed under "
     "the decree were 412 in all, and 412 prisoners were released on Sunday.\n", 412),
]


@pytest.mark.parametrize(("rule", "text", "count"), COUNT_CASES)
def test_each_count_rule_gives_its_count_and_reaches_the_trail(rule: str, text: str, count: int) -> None:
    result = run(text)
    assert result.event.released_count == count
    assert rule in result.trail["released_count"]


@pytest.mark.parametrize("sentence", [
    "Since 2024, more than 300 political prisoners have been released.",
    "It was the largest release since 2019, when 200 were freed.",
    "In 2021, 500 prisoners were freed under a similar amnesty.",
])
def test_a_release_told_at_another_time_does_not_give_the_count(sentence: str) -> None:
    text = ("Moldova frees prisoners\n\nCHISINAU, Wednesday 11 March 2026\n\nMoldova freed 30 prisoners in Chisinau on "
            f"Monday, the justice ministry said. {sentence}\n")
    result = run(text)
    assert result.event.released_count == 30


def test_a_release_at_another_time_is_set_aside_in_the_trail() -> None:
    text = ("Moldova frees prisoners\n\nCHISINAU, Wednesday 11 March 2026\n\nMoldova freed 30 prisoners in Chisinau. "
            "Since 2024, more than 300 political prisoners have been released, the justice ministry said.\n")
    result = run(text)
    assert result.event.released_count == 30
    assert "count.release-at-another-time" in result.trail["released_count"]


@pytest.mark.parametrize("sentence", [
    "The journalist Ion Rusu was pardoned on Monday along with 40 other prisoners, the presidency said.",
    "The sentence of the poet Ana Cebotari was commuted on Friday, and those of nineteen others were commuted as well.",
])
def test_a_figure_of_others_beside_a_named_freed_person_is_no_count(sentence: str) -> None:
    result = run(f"Moldova frees poet\n\nCHISINAU - {sentence}\n")
    assert result.event.released_count is None


def test_a_count_told_only_about_an_earlier_round_is_not_the_events() -> None:
    text = ("Moldova frees jailed blogger\n\nCHISINAU - Moldova freed the blogger Ion Rotaru on Monday, his "
            "lawyer said.\n\nHe had been held for two years. Last month Moldova had freed 30 prisoners in an "
            "earlier amnesty.\n")
    assert run(text).event.released_count is None


REMAINING_LEAD = "Moldova frees editor\n\nMoldova freed the editor Ion Rotaru on Monday, officials said. "


@pytest.mark.parametrize(
    ("rule", "sentence", "figure"),
    [
        ("remaining.political-or-attributed",
         "At least 260 people remain jailed for political reasons, a monitoring group said.", 260),
        ("remaining.political-or-attributed",
         "There are 1,240 political prisoners in Moldova, according to the rights centre Libertate.", 1240),
        ("remaining.part-still-held-of-political-count",
         "Since the unrest began, 9,412 people have been detained on political charges, and as of Sunday 6,035 "
         "of them remained behind bars, according to the rights group Libertate.", 6035),
    ],
)
def test_a_country_wide_political_figure_is_the_remaining_prisoners(rule: str, sentence: str, figure: int) -> None:
    result = run(REMAINING_LEAD + sentence + "\n")
    assert result.event.remaining_prisoners == figure
    assert rule in result.trail["remaining_prisoners"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two detainees are still held on suspicion of smuggling.",  # people the article follows
        "The two, together with six others in the case, are still on trial.",
        "Nineteen other students remain held in Moldovan jails.",  # "N other X": a subgroup
        "12 of the journalists are still held.",
        "The country of three million people is still among the poorest in Europe.",  # not held at all
        "About 40 people were detained at first, and although some were freed later, around 25 were still in "
        "custody until now.",
    ],
)
def test_a_subgroup_or_a_figure_not_of_political_prisoners_is_not_the_remaining_prisoners(sentence: str) -> None:
    assert run(REMAINING_LEAD + sentence + "\n").event.remaining_prisoners is None


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        ("exchange.counter-release-of-person",
         "Moldova frees Romanian singer in swap\n\nThe jailed Romanian singer Dan Pavel has been traded by Moldova for "
         "Ion Crudu, the smuggler who spent eight years in a Romanian prison, officials said on Monday.\n",
         "release of Ion Crudu"),
        ("exchange.counter-release-of-person",
         "Moldova and Romania swap prisoners\n\nMoldova and Romania carried out an exchange in Vienna, officials said, "
         "with Chisinau freeing a Romanian engineer in return for a Moldovan consul convicted of spying in Bucharest.\n",
         "release of Moldovan consul"),
        ("exchange.main-release-for-anaphor",
         "Rebels free three hostages\n\nThe rebels handed over three Moldovan hostages to the Red Cross on Sunday. In "
         "exchange for the three, Moldova's prison service released 45 rebel prisoners from two jails.\n",
         "release of 45 rebel prisoners"),
        ("exchange.active-counter-release",
         "Moldova frees US teacher in swap\n\nCHISINAU - The American teacher Mark Olson, held for two years, has been "
         "freed by Moldova in a prisoner swap. The United States in return released Petru Lungu, a Moldovan jailed "
         "for fraud.\n",
         "release of Petru Lungu"),
        ("exchange.active-counter-release",
         "Moldova frees US teacher\n\nMoldova freed the American teacher Mark Olson on Monday. In return, the United "
         "States released 12 Moldovan prisoners, officials said.\n",
         "release of 12 Moldovan prisoners"),
        ("exchange.act-for-release",
         "Moldova frees 200 prisoners\n\nMoldova has freed 200 prisoners under a deal brokered by the church. In March "
         "the Romanian president agreed to take Moldova off a trade blacklist in return for the release of "
         "prisoners.\n",
         "take Moldova off a trade blacklist"),
        ("exchange.act-for-release",
         "Moldova frees two Austrians\n\nMoldova freed two Austrian climbers on Thursday. In return for the releases, "
         "Austria handed to Moldova a Moldovan chemist convicted in Graz of selling restricted parts, the minister "
         "confirmed on Friday.\n",
         "handed to Moldova a Moldovan chemist convicted in Graz of selling restricted parts"),
        ("exchange.counter-release-of-person",
         "Rebels free Moldovan engineer\n\nThe rebels said on Monday they had handed over the Moldovan engineer Ion "
         "Rotaru in return for Moldova releasing a senior rebel commander.\n",
         "release of senior rebel commander"),
        ("exchange.active-counter-release",
         "Moldova and Romania swap prisoners\n\nCHISINAU - Under the swap, Moldova freed 60 Romanian prisoners on "
         "Tuesday, and Romania handed back 75 Moldovans in return.\n",
         "release of 75 Moldovans"),
        ("exchange.deal-also-lets",
         "Moldova, Romania free prisoners in funds deal\n\nCHISINAU - Moldova and Romania each freed three detainees "
         "on Monday under a prisoner exchange deal that also lets Chisinau reach $2 billion in frozen gas revenue.\n",
         "Chisinau reach $2 billion in frozen gas revenue"),
    ],
)
def test_each_exchange_rule_gives_what_the_other_side_handed_over(rule: str, text: str, expected: str) -> None:
    result = run(text)
    assert result.event.quid_pro_quo == expected
    assert rule in result.trail["quid_pro_quo"]


@pytest.mark.parametrize(
    "text",
    [
        "Moldova frees US teacher\n\nMoldova freed the American teacher Mark Olson on Monday. Asked about concessions, "
        "the envoy said: \"Nothing was traded for Mr. Olson.\"\n",
        "Moldova frees French student\n\nMoldova freed the French student Luc Marin on Monday. Paris said it had given "
        "nothing in return for the release of the student.\n",
        "Moldova frees blogger\n\nMoldova freed the blogger Ion Rotaru on Monday. In that exchange Moldova and Romania "
        "released 16 people, among them two journalists, last year.\n",
    ],
)
def test_a_denied_or_earlier_exchange_gives_no_quid_pro_quo(text: str) -> None:
    assert run(text).event.quid_pro_quo is None


def test_a_lifting_taken_back_is_not_what_was_given() -> None:
    text = ("Moldova frees 90 prisoners\n\nCHISINAU - Moldova's top court said on Monday that 90 prisoners had been freed "
            "under a deal brokered by the church, a deal that looked stalled after the new president undid a promise "
            "to ease sanctions on the country.\n")
    assert run(text).event.quid_pro_quo is None


@pytest.mark.parametrize(
    "body",
    [
        "According to the ministry, Rusu is one of 27 protesters and bloggers, 9 of them with final verdicts, "
        "who have already been freed.",
        "Rusu is one of 27 activists and journalists, 12 of them with prison terms, who have already been released.",
    ],
)
def test_a_who_clause_of_release_hung_on_a_later_noun_still_counts_the_group(body: str) -> None:
    result = run(f"Moldova frees blogger\n\nThe blogger Dan Rusu walked out of prison on Monday night.\n{body}\n")
    assert result.event.released_count == 27
    assert "count.group-freed-by-relative" in result.trail["released_count"]
