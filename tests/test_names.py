"""The person-name matcher: normalisation, transliteration, thresholds and one-to-one alignment."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.countries import canonical_country, countries_in, normalize_country, same_country
from extract.names import (
    DEFAULT_THRESHOLD,
    align,
    name_similarity,
    name_tokens,
    normalize_name,
    person_similarity,
    same_person,
    translit_key,
    vowel_key,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Maryia Kalesnikava", "Maria Kolesnikova"),
        ("Maria Kalesnikava", "Maria Kolesnikova"),
        ("Ales Bialiatski", "Ales Bialatski"),
        ("Viktar Babaryka", "Viktor Babariko"),
        ("Siarhei Tsikhanouski", "Sergei Tikhanovsky"),
        ("Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya"),
        ("Aliaksandr Lukashenka", "Alexander Lukashenko"),
        ("Volodymyr Zelensky", "Vladimir Zelensky"),
        ("Dzmitry Ivanou", "Dmitry Ivanov"),
        ("Yuliya Kovalskaya", "Iuliia Kovalskaia"),
        ("Mikhail Khodorkovsky", "Mihail Hodorkovskiy"),
        ("Roman Gałuza", "Roman Galuza"),
    ],
)
def test_transliterations_of_the_same_full_name_match(a: str, b: str) -> None:
    assert same_person(a, b), (a, b, name_similarity(a, b))
    assert same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kalesnikava", "Kolesnikova"),
        ("Bialiatski", "Bialatski"),
        ("Babaryka", "Babariko"),
        ("Tsikhanouski", "Tikhanovsky"),
        ("Viktar", "Viktor"),
        ("Maryia", "Maria"),
        ("Tsikhanouskaya", "Tikhanovskaya"),
        ("Zhukovskiy", "Zhukovsky"),
        ("Kovalskaja", "Kovalskaya"),
    ],
)
def test_transliterations_of_one_token_match(a: str, b: str) -> None:
    assert name_similarity(a, b) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("tokens", "same"),
    [
        (("yuliya", "iuliia", "julia"), True),
        (("tsikhanouski", "tikhanovsky", "tikhanovskiy", "tikhanovskii"), True),
        (("kalesnikava", "kolesnikova"), True),
        (("khomich", "homich"), True),
        (("aleksandr", "alexsandr"), True),
        (("ivanov", "ivanou", "iwanow"), True),
        (("maria", "marta"), False),
    ],
)
def test_translit_key_merges_romanisations_and_only_them(tokens: tuple[str, ...], same: bool) -> None:
    keys = {translit_key(t) for t in tokens}
    assert (len(keys) == 1) is same, keys


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("President Lukashenko", "lukashenko"),
        ("Belarusian President Alexander Lukashenko", "alexander lukashenko"),
        ("Mr. John Smith Jr.", "john smith"),
        ("Dr Ann Lee", "ann lee"),
        ("Prime Minister Jane Doe", "jane doe"),
        ("US special envoy John Coale", "john coale"),
        ("Sir Tom Jones", "tom jones"),
        ("Łukasz Żółć-Gałązka", "lukasz zolc galazka"),
        ("Babaryka’s", "babaryka"),
        ("Jordan Peterson", "jordan peterson"),  # a country-like first name is kept
        ("President Jordan Peterson", "jordan peterson"),
        ("Dr", "dr"),  # a name made only of a title keeps it
    ],
)
def test_normalize_name_folds_diacritics_and_drops_titles(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


def test_title_and_surname_match_the_full_name() -> None:
    assert same_person("President Lukashenko", "Alexander Lukashenko")
    assert same_person("Lukashenko", "Alexander Lukashenko")
    assert same_person("Kolesnikova", "Maria Kalesnikava")


def test_full_name_scores_higher_than_a_lone_surname() -> None:
    assert name_similarity("Alexander Lukashenko", "Alexander Lukashenko") > name_similarity(
        "Lukashenko", "Alexander Lukashenko"
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Maria Kolesnikova", "Maria Gonzalez"),  # same first name, different person
        ("Viktar Babaryka", "Eduard Babaryka"),  # same surname, both first names given
        ("Maria Kolesnikova", "Tatsiana Kolesnikova"),
        ("Maria", "Marta"),
        ("John Coale", "Donald Trump"),
        ("Kalesnikava", "Maria Gonzalez"),
        ("B. Lukashenko", "Alexander Lukashenko"),
    ],
)
def test_different_people_do_not_match(a: str, b: str) -> None:
    assert not same_person(a, b), (a, b, name_similarity(a, b))


def test_initial_matches_its_first_name() -> None:
    assert same_person("A. Lukashenko", "Alexander Lukashenko")


def test_surname_first_order_matches() -> None:
    assert same_person("Kalesnikava Maria", "Maria Kalesnikava")


def test_aliases_let_a_person_match_another_spelling() -> None:
    gold = ["Ales Bialiatski", "Ales Bialatski", "Bialiatski"]
    assert person_similarity(gold, "Bialatski") >= DEFAULT_THRESHOLD
    assert same_person(["Maria Kalesnikava", "Kalesnikava"], ["Kolesnikova"])


def test_shared_surname_alias_does_not_join_different_first_names() -> None:
    a = ["Viktar Babaryka", "Babaryka"]
    b = ["Eduard Babaryka", "Babaryka"]
    assert not same_person(a, b)


def test_align_matches_two_predictions_of_one_person_only_once() -> None:
    predicted = [["Alexander Lukashenko"], ["President Lukashenko"]]
    gold = [["Alexander Lukashenko", "Lukashenko"]]
    matches = align(predicted, gold)
    assert len(matches) == 1
    assert matches[0].left == 0  # the full name wins over the lone surname
    assert matches[0].right == 0


def test_align_leaves_an_ambiguous_lone_surname_unmatched() -> None:
    assert align([["Lukashenko"]], [["Alexander Lukashenko"], ["Viktor Lukashenko"]]) == []


def test_align_prefers_an_exact_lone_surname_over_a_partial_one() -> None:
    matches = align([["Lukashenko"]], [["Alexander Lukashenko"], ["Lukashenko"]])
    assert [(m.left, m.right) for m in matches] == [(0, 1)]


def test_align_pairs_transliterations_across_lists() -> None:
    gold = [["Maryia Kalesnikava", "Kalesnikava"], ["Viktar Babaryka"], ["Ales Bialiatski"]]
    predicted = [["Ales Bialatski"], ["Maria Kolesnikova"], ["Viktor Babariko"], ["Maria Gonzalez"]]
    pairs = {(m.left, m.right) for m in align(gold, predicted)}
    assert pairs == {(0, 1), (1, 2), (2, 0)}


def test_align_accepts_plain_strings_and_empty_lists() -> None:
    assert align([], ["a b"]) == []
    assert [(m.left, m.right) for m in align(["Jane Doe"], ["Doe"])] == [(0, 0)]


_NAME = st.lists(st.sampled_from(["Anna", "Ivan", "Maria", "Petrov", "Petrova", "Lee", "Kim", "Doe", "Olga"]), min_size=1, max_size=3).map(" ".join)


@given(st.lists(st.lists(_NAME, min_size=1, max_size=3), max_size=6), st.lists(st.lists(_NAME, min_size=1, max_size=3), max_size=6))
def test_align_never_uses_a_person_twice(left: list[list[str]], right: list[list[str]]) -> None:
    matches = align(left, right)
    assert len({m.left for m in matches}) == len(matches)
    assert len({m.right for m in matches}) == len(matches)
    assert all(m.score >= DEFAULT_THRESHOLD for m in matches)


@given(st.lists(st.lists(_NAME, min_size=1, max_size=3), max_size=6))
def test_align_of_a_list_with_itself_is_the_identity(people: list[list[str]]) -> None:
    assert [(m.left, m.right) for m in align(people, people)] == [(i, i) for i in range(len(people))]


@pytest.mark.parametrize("value", ["US", "U.S.", "USA", "United States", "America", "American", "Americans", "the U.S.A."])
def test_country_aliases_agree_on_the_united_states(value: str) -> None:
    assert canonical_country(value) == "United States"
    assert same_country(value, "United States of America")


@pytest.mark.parametrize(
    ("demonym", "country"),
    [("Polish", "Poland"), ("Belarusian", "Belarus"), ("Ukrainian", "Ukraine"), ("British", "United Kingdom"),
     ("Dutch", "Netherlands"), ("Ivorian", "Ivory Coast"), ("Czech", "Czech Republic"), ("Lithuanians", "Lithuania")],
)
def test_demonyms_map_to_their_country(demonym: str, country: str) -> None:
    assert normalize_country(demonym) == country


def test_compound_and_listed_nationalities_give_every_country() -> None:
    assert countries_in("Polish-Belarusian") == {"Poland", "Belarus"}
    assert countries_in("Poland, Belarus") == {"Poland", "Belarus"}
    assert countries_in("Ukrainian and Belarusian citizens") == {"Ukraine", "Belarus"}
    assert countries_in("Bosnia and Herzegovina") == {"Bosnia and Herzegovina"}
    assert countries_in("Guinea-Bissau") == {"Guinea-Bissau"}


def test_unknown_country_text_compares_folded() -> None:
    assert canonical_country("Narnia") is None
    assert same_country("Narnia", "  narnia ")
    assert not same_country("Narnia", "Poland")


def test_no_name_from_the_gold_files_appears_in_the_matcher_or_scorer_source() -> None:
    names: set[str] = set()
    for path in (ROOT / "evals" / "gold").glob("*.json"):
        for person in json.loads(path.read_text(encoding="utf-8"))["people"]:
            for variant in [person["name"], *person["aliases"]]:
                names.add(variant)
                names.update(part for part in variant.split() if len(part) > 3)
    assert names
    for module in ("names", "countries", "comparators", "schema_scoring", "domains/release/scoring",
                   "domains/release/evaluation", "domains/release/reports", "cli_eval"):
        text = (ROOT / "extract" / f"{module}.py").read_text(encoding="utf-8")
        found = [n for n in names if re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE)]
        assert not found, f"extract/{module}.py names {found}: the rules must be general"


def test_tokens_of_an_empty_name_are_empty() -> None:
    assert name_tokens("   ") == ()
    assert name_similarity("", "Jane Doe") == 0.0


def test_azerbaijani_letters_match_their_english_romanisation() -> None:
    from extract.names import same_person

    assert same_person("Nərmin Cəfərova", "Narmin Jafarova")
    assert same_person("Vüqar Mehdiyev", "Vugar Mehdiyev")
    assert same_person("Şahin Rzalı", "Shahin Rzali")
    assert not same_person("Nərmin Cəfərova", "Orxan Cəfərov")  # different given names never match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yahia Shoukry", "Yehia Shokry"),
        ("Muhammad Ali", "Mohamed Ali"),
        ("Mohammed Hassan", "Mohamed Hassan"),
        ("Abdel Fattah Nour", "Abdul Fattah Nur"),
        ("Sherif el-Sayed", "Sharif al-Sayed"),
        ("Karim Adel", "Kareem Adel"),
        ("Fatimah Zahra", "Fatima Zahra"),
        ("Yahya Ayyash", "Yahia Ayash"),
    ],
)
def test_arabic_romanisations_of_one_name_match(a: str, b: str) -> None:
    assert same_person(a, b) and same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ahmed Samir", "Ahmed Samer"),  # two different given names
        ("Omar Khaled", "Amr Khaled"),
        ("Hassan Ali", "Hussein Ali"),
        ("Mohamed Salah", "Mahmoud Salah"),
        ("Yahia Shoukry", "Yasmin Shoukry"),  # relatives sharing a surname
    ],
)
def test_different_arabic_names_that_look_alike_do_not_match(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_the_vowel_key_leaves_slavic_keys_as_they_were() -> None:
    assert same_person("Siarhei Tsikhanouski", "Sergei Tikhanovsky")
    assert same_person("Maryia Kalesnikava", "Maria Kolesnikova")
    assert not same_person("Mikalai Statkevich", "Mikhail Statkevich")
    assert vowel_key("shoukry") == vowel_key("shokry") and vowel_key("samir") != vowel_key("samer")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Dave Holloway", "David Holloway", True),  # a pet ending on the first letters
        ("Barbie Lindqvist", "Barbara Lindqvist", True),
        ("Andy Kerr", "Andrew Kerr", True),
        ("Chris Obuya", "Christopher Obuya", True),  # the first four letters or more
        ("Dave Holloway", "Diana Holloway", False),  # a relative sharing the surname
        ("Chris Obuya", "Christopher Mbeki", False),  # the surname must still agree
    ],
)
def test_a_short_form_of_a_given_name_is_the_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same
