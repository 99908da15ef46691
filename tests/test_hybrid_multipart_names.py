"""Multi-part names kept whole by the hybrid strategy, and people named in a group still held.

Every sentence here is written for the test; the names are invented."""

from __future__ import annotations

import asyncio

import pytest

from extract.domains.release.schema import ReleaseEvent
from extract.domains.release.strategies.hybrid import HybridStrategy
from extract.domains.release.strategies.hybrid_names import find_mentions
from extract.domains.release.strategies.hybrid_text import analyse
from extract.io import Article
from extract.testing import NeverCalled


def run(text: str) -> ReleaseEvent:
    return asyncio.run(HybridStrategy(workers=1).extract(Article("t", text), NeverCalled())).event


def mentions(sentence: str) -> list[str]:
    return [m.text for m in find_mentions(analyse(sentence))]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # Central Asian patronymics: "son of" / "daughter of" closes the name
        ("The court freed the editor Bakyt Asanov uulu and kept the producer Aigul Bekova kyzy in custody.",
         ["Bakyt Asanov uulu", "Aigul Bekova kyzy"]),
        ("Guards released Nurlan Sadyrbek uulu on Tuesday.", ["Nurlan Sadyrbek uulu"]),
        # Spanish double given names and surnames, also at the start of a sentence
        ("Tomas Eduardo Quintero is the first senator kidnapped in ten years.", ["Tomas Eduardo Quintero"]),
        ("The rebels freed Juan Pablo Restrepo Mejia on Monday.", ["Juan Pablo Restrepo Mejia"]),
        # Arabic names with particles
        ("The court freed Abdullah bin Salem al-Harbi after a decade.", ["Abdullah bin Salem al-Harbi"]),
        ("The king pardoned Fatima bint Saeed and two others.", ["Fatima bint Saeed"]),
        ("Ahmed Abdel Rahman Abu Zeid was freed on Friday.", ["Ahmed Abdel Rahman Abu Zeid"]),
        # Dutch and German particles
        ("The judge released Pieter van der Berg and Klaus von Hagen on bail.",
         ["Pieter van der Berg", "Klaus von Hagen"]),
        # a title or an office's name glued before the name is not part of it
        ("Among those freed was the former U.S. Marine Daniel Ortega Smith.", ["Daniel Ortega Smith"]),
        ("He thanked Special Envoy for Hostage Affairs Mark Dalton for his work.", ["Mark Dalton"]),
        ("Journalists Abdullo Karimov and Daler Saidov were given prison terms.", ["Abdullo Karimov", "Daler Saidov"]),
    ],
)
def test_multi_part_names_are_kept_whole(sentence: str, names: list[str]) -> None:
    assert mentions(sentence) == names


def test_a_patronymic_alone_after_one_word_is_not_a_name() -> None:
    assert "uulu" not in " ".join(mentions("The word uulu means son of."))


HEAD = "Ruritania frees 12 activists\n\nRuritania freed 12 activists on Monday, among them Tomas Lind and Vera Osk. "


@pytest.mark.parametrize(
    "sentence",
    [
        "Prominent politicians still in custody include opposition leaders Dana Rusk and Pavel Orin.",
        "Opposition figures still held include Dana Rusk and Pavel Orin.",
        "The activists who remain in prison include Dana Rusk and Pavel Orin.",
        "Those in custody include Dana Rusk and Pavel Orin.",
        "Dana Rusk, Pavel Orin and Ilse Varg remain in custody.",
        "Aigul Bekova kyzy, Dana Rusk and Pavel Orin remain in custody.",
    ],
)
def test_people_named_in_a_group_still_held_are_still_detained(sentence: str) -> None:
    event = run(HEAD + sentence + "\n")
    statuses = {p.name: p.status for p in event.people}
    assert statuses.get("Dana Rusk") == "still_detained"
    assert statuses.get("Tomas Lind") == "released"


def test_a_group_freed_that_includes_a_name_still_marks_it_released() -> None:
    event = run(HEAD + "Other activists freed include Dana Rusk.\n")
    assert {p.name: p.status for p in event.people}.get("Dana Rusk") == "released"


def test_every_name_of_a_long_list_received_in_exchange_is_found() -> None:
    sentence = ("The other side received in exchange Borys Kalinek, Anna Dultova, Mikhail Mikunov, "
                "Pavel Rubin and Vadim Konev.")
    names = mentions(sentence)
    assert {"Anna Dultova", "Pavel Rubin", "Vadim Konev"} <= set(names)
    assert all(" in exchange" not in n for n in names)
