"""Given names the NER model left out of a name are glued back on (rule name.given-name-glued),
and rank or role words before a name are not.

Every sentence here is written for the test; the names are invented."""

from __future__ import annotations

import pytest

from extract.domains.release.strategies.hybrid import run_rules
from extract.domains.release.strategies.hybrid_names import find_mentions
from extract.domains.release.strategies.hybrid_text import analyse


def names(text: str) -> list[str]:
    return [m.text for m in find_mentions(analyse(text))]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The rebels still hold a general.\n\nRuben Dario Quintal is the first general they have seized.",
         "Ruben Dario Quintal"),
        ("The agency confirmed that Eint Khaing Moe, a reporter with a weekly paper, was freed.", "Eint Khaing Moe"),
    ],
)
def test_a_given_name_cut_off_by_the_tagger_is_glued_back(text: str, name: str) -> None:
    assert name in names(text)


def test_the_glued_name_names_its_rule_in_the_trail() -> None:
    text = "Rebels free a general\n\nRuben Dario Quintal was freed by the rebels on Monday.\n"
    event, _, trail = run_rules(analyse(text))
    index = next(i for i, p in enumerate(event.people) if p.name == "Ruben Dario Quintal")
    assert "name.given-name-glued" in trail[f"people[{index}].name"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Geologist Aliya Nurbek was freed on Monday.", "Geologist"),
        ("The court said Emperor Tadesse Worku had signed the pardon.", "Emperor"),
        ("Journalist Daler Saidov was given a prison term.", "Journalist"),
        ("Strongman Tadesse Worku pardoned the reporters.", "Strongman"),
    ],
)
def test_a_role_or_rank_word_before_a_name_is_not_glued(text: str, word: str) -> None:
    assert not any(n.startswith(word) for n in names(text))


def people_of(text: str) -> tuple[list[str], dict[str, list[str]]]:
    event, _, trail = run_rules(analyse(text))
    return [p.name for p in event.people], trail


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The court freed the singer Omar Tadesse, alias Little Tiger, and two others.", "Omar Tadesse"),
        ("Among the freed was Pavel Rudin (a.k.a. the reporter Pablo Ortega).", "Pavel Rudin"),
        ("The court freed Kofi Wina, a former candidate whose real name is Samuel Mensah Boateng.",
         "Samuel Mensah Boateng"),
    ],
)
def test_an_alias_is_merged_into_the_person_and_the_real_name_kept(sentence: str, name: str) -> None:
    names, trail = people_of("Court frees singer\n\n" + sentence + "\n")
    assert names == [name]
    assert any("name.alias-merged" in ids for path, ids in trail.items() if path.startswith("people[0]."))


def test_a_role_word_opening_a_headline_name_is_cut_and_named_in_the_trail() -> None:
    text = "Activists Lind and Osk freed\n\nThe activists Tomas Lind and Vera Osk were freed on bail on Friday.\n"
    names, trail = people_of(text)
    assert "Tomas Lind" in names and not any(n.startswith("Activists") for n in names)
    person = f"people[{names.index('Tomas Lind')}]."
    assert any("name.role-word-cut" in ids for path, ids in trail.items() if path.startswith(person))


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("Ruritania frees aid worker\n\nKarsk - AFP\nA woman held for a year was freed on Monday.\n", "Karsk - AFP"),
        ("The group Ruritanian Lawyers for Human Rights said 80 activists were held.\n", "Ruritanian Lawyers"),
        ("She was first held at the Vara Lund Correctional Institution near the border.\n",
         "Vara Lund Correctional Institution"),
        ("The report appeared in the German daily Die Zeitung on Monday.\n", "Die Zeitung"),
    ],
)
def test_datelines_organisations_and_institutions_are_not_people(text: str, not_a_name: str) -> None:
    assert not_a_name not in names(text)


def test_joining_clusters_by_alias_ends_on_a_cycle_and_records_how_they_joined() -> None:
    from types import SimpleNamespace

    from extract.domains.release.strategies.hybrid_people import _join

    clusters = [[SimpleNamespace(merged_by="alias.name-matcher")] for _ in range(4)]
    # 0 names 1, 1 names 2, 2 names 1 (a cycle that does not pass through 0), 3 stays alone
    joined = _join(clusters, {0: 1, 1: 2, 2: 1}, "alias.alias-word")  # type: ignore[arg-type]
    assert sum(len(c) for c in joined) == 4
    assert [m.merged_by for m in clusters[0]] == ["alias.alias-word"]
    assert clusters[3] in joined
