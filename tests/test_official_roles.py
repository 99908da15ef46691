"""Who holds an office of a state (status `official` when they speak or act) and who does not: titles
read through the parse wherever they stand (a judge's title before the name, an office parsed as a
proper noun or hung on a place, a relative clause naming the post), and posts in bodies that are no
state (a family, an employer, a rights or press-freedom body) that stay `other`."""

from __future__ import annotations

import pytest

from extract.domains.release.strategies.hybrid import run_rules
from extract.domains.release.strategies.hybrid_text import analyse

RELEASE = "Ruritania frees aid worker\n\nRuritania freed the aid worker Tomas Lind on Monday after two years. "


def status_of(sentence: str, name: str) -> tuple[str, list[str]]:
    event, _, trail = run_rules(analyse(RELEASE + sentence + "\n"))
    index = next(i for i, p in enumerate(event.people) if p.name == name)
    return event.people[index].status, trail[f"people[{index}].status"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Olav Brekke, who speaks for the interior ministry, said the aid worker was well.",
        "Olav Brekke, who heads the national security service, said the decree had been signed.",
        "Olav Brekke, who serves as deputy foreign minister, told reporters the aid worker was well.",
        "Olav Brekke, who has ruled Moldova since 2001, said he had signed the pardon himself.",
    ],
)
def test_a_speaker_whose_office_a_relative_clause_names_is_an_official(sentence: str) -> None:
    status, rules = status_of(sentence, "Olav Brekke")
    assert status == "official"
    assert "role.relative-clause" in rules


@pytest.mark.parametrize(
    "sentence",
    [
        "Olav Brekke, who speaks for the families of the detainees, said the aid worker was well.",
        "Olav Brekke, who ran the interior ministry until 2019, said the aid worker was well.",
        "Olav Brekke, who leads one of the groups that lobbied parliament, said the release was overdue.",
        "Olav Brekke, who runs a bakery near the prison, said the aid worker looked thin.",
        "Olav Brekke, who speaks for a local rights group, said the release was overdue.",
    ],
)
def test_a_relative_clause_without_a_current_state_post_makes_no_official(sentence: str) -> None:
    assert status_of(sentence, "Olav Brekke")[0] == "other"


@pytest.mark.parametrize("title", ["Justice", "Magistrate"])
def test_a_judges_title_before_the_name_makes_an_official(title: str) -> None:
    status, rules = status_of(f"{title} Mara Holm said the aid worker was free to go.", "Mara Holm")
    assert status == "official"
    assert "role.judge-title" in rules


@pytest.mark.parametrize(
    "sentence",
    [
        # the office parsed as a proper noun, with what it owns
        "The Director of Public Prosecutions, Olav Brekke, said her office would not appeal.",
        # the parser hangs the name on the place of the office
        "The Swiss ambassador in Tehran, Olav Brekke, said the aid worker was on his way home.",
        # an office-holder's opposite number, a military rank, a style of a ruler
        "His counterpart Olav Brekke said the talks had gone well.",
        "Colonel Olav Brekke said the aid worker had been handed over at the border.",
    ],
)
def test_an_office_named_in_apposition_or_as_a_title_makes_an_official(sentence: str) -> None:
    assert status_of(sentence, "Olav Brekke")[0] == "official"


@pytest.mark.parametrize(
    "sentence",
    [
        "Olav Brekke, a spokesman for the family, said they were overjoyed.",
        "Olav Brekke, General Secretary of the IFJ, said the release was overdue.",
        "Olav Brekke, a spokesman for Amnesty International, said others were still held.",
        "Olav Brekke, a company spokesman, said the aid worker would rest at home.",
    ],
)
def test_a_post_in_a_body_that_is_no_state_makes_no_official(sentence: str) -> None:
    assert status_of(sentence, "Olav Brekke")[0] == "other"


def role_trail(sentence: str, name: str) -> list[str]:
    event, _, trail = run_rules(analyse(RELEASE + sentence + "\n"))
    index = next(i for i, p in enumerate(event.people) if p.name == name)
    return trail.get(f"people[{index}].role", [])


def test_a_post_serving_a_person_without_office_makes_no_official() -> None:
    sentence = ("The exiled opposition leader Ana Rusu welcomed the news. Rusu's chief of staff, Olav Brekke, "
                "said the aid worker was well.")
    assert status_of(sentence, "Olav Brekke")[0] == "other"
    assert "role.serves-a-private-person" in role_trail(sentence, "Olav Brekke")


def test_a_post_serving_an_office_holder_stays_official() -> None:
    sentence = ("President Ana Rusu welcomed the news. Rusu's chief of staff, Olav Brekke, said the aid worker "
                "was well.")
    assert status_of(sentence, "Olav Brekke")[0] == "official"
