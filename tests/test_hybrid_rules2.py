"""Rules added for the second tuning round, each pinned on a short article written for the test."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import pytest

from extract.domains.release.schema import ReleaseEvent
from extract.domains.release.strategies.hybrid import HybridStrategy
from extract.domains.release.strategies.hybrid_dates import parse_date, wire_prefixes
from extract.domains.release.strategies.hybrid_text import mask_furniture
from extract.io import Article
from extract.testing import NeverCalled


def run(text: str) -> ReleaseEvent:
    return asyncio.run(HybridStrategy().extract(Article("t", text), NeverCalled())).event


def status(event: ReleaseEvent, surname: str) -> str | None:
    for person in event.people:
        if person.name.endswith(surname):
            return person.status
    return None


LONG_LIST = """Ruritania pardons 14 prisoners

The rights centre said those released are Anna Pel, Borys Kalm, Cyril Dunn, Dora Vesk, Emil Trask, Fedor Lusk, Galina Morn, Hugo Brask, Iris Tamm, Jonas Pell, Karl Vent, Lena Osk, Mikko Rand and Nora Vell.
"""


def test_every_name_of_a_long_list_of_the_freed_is_released() -> None:
    event = run(LONG_LIST)
    freed = {p.name for p in event.people if p.status == "released"}
    assert {"Anna Pel", "Karl Vent", "Nora Vell"} <= freed
    assert len(freed) >= 12


def test_not_among_those_freed_is_still_detained() -> None:
    text = ("Ruritania frees 20 activists\n\nRuritania freed 20 activists on Monday. "
            "Not among those freed was Piotr Walen, a union leader serving 15 years.\n")
    assert status(run(text), "Walen") == "still_detained"


def test_among_the_group_freed_earlier_in_the_article_is_released() -> None:
    text = ("Ruritania frees 31 prisoners\n\nRuritania on Friday released 31 people, among them 17 Latvian "
            "citizens who were handed over at the border. Among the Latvians were Ivan Tolk, a pensioner, "
            "and Olga Brin, a volunteer.\n")
    event = run(text)
    assert status(event, "Tolk") == "released"
    assert status(event, "Brin") == "released"


def test_a_freed_apposition_and_a_teacher_released_from_prison_are_released() -> None:
    text = ("Ruritania frees dissidents\n\nRuritania freed 9 dissidents on Monday. A freed Latvian, Pavel Mirsk, "
            "said he had not expected it. Lena Dorsk, a teacher released from a women's prison, said she was tired.\n")
    event = run(text)
    assert status(event, "Mirsk") == "released"
    assert status(event, "Dorsk") == "released"


def test_a_relative_clause_saying_not_on_the_list_marks_still_detained() -> None:
    text = ("Ruritania frees 9\n\nRuritania freed 9 prisoners on Monday. She singled out journalist Oleh Varta, "
            "who was arrested in 2023 and was not on the list.\n")
    assert status(run(text), "Varta") == "still_detained"


def test_a_run_in_colon_list_and_a_header_list_are_the_freed() -> None:
    run_in = "Ruritania frees seven\n\nRuritania freed seven people on Monday. Those released: Ada Morn, Ben Kulk and Cleo Vant.\n"
    event = run(run_in)
    assert status(event, "Kulk") == "released" and status(event, "Vant") == "released"
    header = ("Ruritania frees ten\n\nRuritania freed ten people on Monday.\n\nThe list includes:\n\n"
              "Dara Venn, Elon Vask and Fira Morsk.\n")
    event = run(header)
    assert status(event, "Vask") == "released" and status(event, "Morsk") == "released"


def test_a_jailing_told_in_the_past_in_a_release_article_is_a_weak_sign_of_the_freed() -> None:
    text = ("Ruritania frees 40\n\nRuritania freed 40 prisoners on Monday, a rights group said. "
            "Marta Kell, who had been sentenced to six years in 2022, told reporters she wanted to rest. "
            "Ivo Brandt, who was arrested in 2021, has not been heard from since his transfer.\n")
    event = run(text)
    assert status(event, "Kell") == "released"
    assert status(event, "Brandt") == "still_detained"


def test_a_body_counting_political_prisoners_gives_the_remaining_figure() -> None:
    text = ("Ruritania frees 12\n\nRuritania freed 12 prisoners on Monday. At least 30 Freedonians remain in "
            "Ruritanian prisons, an official said. The rights centre Libera counts 1,108 political prisoners "
            "in the country.\n")
    assert run(text).remaining_prisoners == 1108


def test_furniture_lines_are_blanked_with_offsets_kept() -> None:
    text = "Body line about Ana Ruiz.\n\nRead more:\nActivist Hugo Perl freed after three years\n\nReal line.\n"
    masked = mask_furniture(text)
    assert len(masked) == len(text)
    assert "Hugo Perl" not in masked and "Ana Ruiz" in masked and "Real line." in masked
    assert all(p.name != "Hugo Perl" for p in run("Ruritania frees 3\n\n" + text).people)


def test_numeric_day_first_datelines_and_wire_dates_without_a_year() -> None:
    assert parse_date("Published on 11/03/2026 - 17:20") == date(2026, 3, 11)
    assert parse_date("18.09.2026 14:32") == date(2026, 9, 18)
    text = "February 19, 2026 4:31 PM\n\nVILNIUS, Feb 19 (Newswire) - Ruritania freed five prisoners on Wednesday.\n"
    assert wire_prefixes(text)
    assert run(text).event_date == date(2026, 2, 18)


def test_a_court_that_ordered_a_release_is_not_the_authority() -> None:
    text = "Court frees activists\n\nKAMPALA, April 17, 2026 - Uganda's High Court on Thursday ordered the release of two activists.\n"
    assert run(text).releasing_authority is None


def test_an_expulsion_headline_gives_the_total() -> None:
    text = "Ruritania expels 148 political prisoners to Freedonia\n\nThey landed in the capital on Thursday.\n"
    assert run(text).released_count == 148


class NamedChoosing:
    """Answers every model question with its first allowed choice; counts the calls."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls = 0

    async def structured(self, messages: Any, response_model: Any, **kwargs: Any) -> Any:
        from extract.backends.base import Answer
        from extract.domains.release.schema import Usage

        self.calls += 1
        option = response_model.model_json_schema()["properties"]["answer"]["anyOf"][0]
        first = option["enum"][0] if "enum" in option else option["const"]
        return Answer(response_model(answer=first), Usage(calls=1, total_tokens=5))


def test_whole_results_of_a_model_asking_hybrid_are_cached_per_model(tmp_path: Any) -> None:
    from extract.cache import AnswerCache
    from extract.strategies.cached import with_result_cache

    text = "Fishermen home\n\nThe five fishermen seized off Sweden and Norway were home on Friday, their union said.\n"
    strategy = with_result_cache(HybridStrategy(use_model=True, questions=("releasing_country",)), AnswerCache(tmp_path / "c"))
    assert strategy.uses_model is True
    first = NamedChoosing("model-a")
    assert asyncio.run(strategy.extract(Article("a", text), first)).cached is False
    again = asyncio.run(strategy.extract(Article("a", text), first))
    assert again.cached is True and first.calls == 1  # served whole from the cache
    other = NamedChoosing("model-b")
    assert asyncio.run(strategy.extract(Article("a", text), other)).cached is False  # another model: asked again
    assert other.calls == 1


def test_a_bare_country_or_capital_is_never_the_authority() -> None:
    text = ("Minsk frees dissidents\n\nMinsk released 12 dissidents on Monday. They were taken to the "
            "Lithuanian border, officials said.\n")
    event = run(text)
    assert event.releasing_authority not in ("Minsk", "Belarus")


def test_a_handover_of_prisoners_and_a_pardon_decree_signed_by_the_president() -> None:
    text = ("Ruritania hands 26 Latvians to Riga under presidential decree\n\nThe releases were made under a pardon "
            "decree signed by Ruritanian President Olgerd Vask on Tuesday, the justice ministry said.\n")
    event = run(text)
    assert event.released_count == 26
    assert event.releasing_authority == "Olgerd Vask"


def test_a_verified_figure_of_a_rights_group_is_the_remaining_count() -> None:
    text = ("Ruritania frees 20\n\nRuritania freed 20 prisoners on Monday. The exiled opposition said about 1,150 "
            "political prisoners were still held. The human rights centre Libera said its own verified figure was 1,073.\n")
    assert run(text).remaining_prisoners == 1073


def test_a_ministry_that_released_prisoners_is_not_the_authority() -> None:
    text = "Ministry frees 23\n\nLatvia's Ministry of Justice released 23 prisoners on Friday under early-release rules.\n"
    assert run(text).releasing_authority is None


def test_negotiators_named_after_a_described_office_or_who_put_the_deal_together() -> None:
    text = ("Ruritania frees 6\n\nRuritania freed six prisoners on Monday. The deal was brokered by the EU Special "
            "Representative for the South Caucasus, Joost Verlaan, who shuttled between the capitals. Diplomats said the "
            "deal was put together by Renata Amaro, a presidential adviser.\n")
    event = run(text)
    assert status(event, "Verlaan") == "negotiator"
    assert status(event, "Amaro") == "negotiator"


# ---------------------------------------------------------------- issue 15: real-news error classes

@pytest.mark.parametrize(
    ("text", "surname", "expected"),
    [
        ("Ruritania pardons 400\n\nThe mass pardon, set out in a decree the president signed on March 16, covered "
         "former Health Minister Anton Keller, journalist Lena Morav and student Ivo Brankov.\n", "Morav", "released"),
        ("Swap in Ankara\n\nRuritania freed 16 prisoners on Thursday. Ruritania was reported to have received in "
         "exchange Vadim Sorel, Anna Petrova, Mikhail Orlov and Pavel Drozd.\n", "Orlov", "released"),
        ("Two hostages freed\n\nGunmen freed two hostages on Monday. The other known hostages are the engineer "
         "Marco Bellini and the nurse Ana Ruiz.\n", "Bellini", "still_detained"),
        ("Photographer stays in jail\n\nThe photographer Karim Selim has been refused bail once more, his lawyer said.\n",
         "Selim", "still_detained"),
        ("Journalist kept in jail\n\nA magistrate remanded the journalist Tendai Moyo in custody until next month.\n",
         "Moyo", "still_detained"),
    ],
)
def test_status_cues_of_real_news(text: str, surname: str, expected: str) -> None:
    assert status(run(text), surname) == expected


def test_an_article_telling_of_no_release_has_no_scalars() -> None:
    text = ("Court upholds journalist's sentence\n\nALGIERS, June 18, 2024 - Algeria's Supreme Court rejected the "
            "appeals of journalist Samir Haddad, who stays in prison. Rights groups called the ruling a blow to press "
            "freedom. Prosecutors are entitled to contest a release, his lawyer said.\n")
    event = run(text)
    assert event.releasing_country is None and event.released_count is None and event.event_date is None
    assert not any(p.status == "released" for p in event.people)


def test_kidnappers_freeing_captives_give_no_releasing_country() -> None:
    event = run("Schoolchildren freed\n\nKADUNA, March 24, 2024 - Kidnappers freed about 300 schoolchildren in "
                "northern Nigeria on Sunday, the state governor said.\n")
    assert event.releasing_country is None
