"""Who is a person at all: names the hybrid strategy used to drop or cut, each found by a rule
whose id reaches the mention's trail.

Every sentence here is written for the test; the names are invented or common."""

from __future__ import annotations

from typing import Any

import pytest

from extract.domains.release import cues
from extract.domains.release.strategies.hybrid_names import (
    _described_conjunct,
    _person_context,
    _single_described,
    find_mentions,
)
from extract.domains.release.strategies.hybrid_text import analyse


def found(text: str) -> dict[str, tuple[str, ...]]:
    return {m.text: m.rules for m in find_mentions(analyse(text))}


@pytest.mark.parametrize(
    ("text", "name", "rule"),
    [
        # a leader named only through the body they head (issue 15 item 8: a named person)
        ("The army seized power in 2021 and toppled the elected government of Maria Lindqvist.",
         "Maria Lindqvist", "name.leader-of-body"),
        ("The law passed with the backing of President Karim Haddadi's ruling party last year.",
         "Karim Haddadi", "name.leader-of-body"),
        ("The pardons were the first steps of Elena Sorrento's interim administration.",
         "Elena Sorrento", "name.leader-of-body"),
        # a title word that is the surname of a name tagged as a person
        ("Prime Minister Hun Sen signed the decree on Monday.", "Hun Sen", "name.title-word-surname"),
        ("Foreign Minister Julie Bishop welcomed the verdict in Canberra.", "Julie Bishop", "name.title-word-surname"),
        # an organisation word that is also a surname
        ('"This case calls for action now," said Aidan White, the federation\'s secretary.',
         "Aidan White", "name.surname-like-word"),
        # a photo credit of any agency closing its line
        ("The activist leaves the court.\n© Sputnik/Pavel Gromov\nHe waved to supporters.",
         "Pavel Gromov", "name.credit-line"),
        ("Guerrillas hand over the hostage, 9 May 2023. EFE/Ricardo Salas Rozo\n\nThe group said little.",
         "Ricardo Salas Rozo", "name.credit-line"),
        # an agency's "PHOTO /" credit in capitals, and a credit naming several agencies
        ("The defendants stand in the dock on Monday. AFP PHOTO / KARIM EL-MASRY .\n\nThe hearing went on.",
         "KARIM EL-MASRY", "name.credit-line"),
        ("A protester holds up his portrait. (SAMIR ALHADDAD/AFP/GettyImages)\n\nThe court met.",
         "SAMIR ALHADDAD", "name.credit-line"),
        # a name opening a paragraph, one part mistagged as a nationality, place or organisation
        ("The site was shut in May.\n\nElnur Gahramanov, the site's former deputy editor, walked out of prison on Monday.",
         "Elnur Gahramanov", "name.mistagged-part"),
        ("The pardon came late.\n\nUlviyya Mahmudova, a blogger who was pardoned in March, said the decree was welcome.",
         "Ulviyya Mahmudova", "name.mistagged-part"),
    ],
)
def test_a_person_the_rules_used_to_drop_is_found_by_a_named_rule(text: str, name: str, rule: str) -> None:
    mentions = found(text)
    assert name in mentions
    assert rule in mentions[name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a plural title before two names is a title, not part of the first name
        ("A bench of Justices Arjun Mehrotra and Kavya Rao dismissed the bail appeal.", "Arjun Mehrotra"),
        ("Activists Somchai Pradit and Niran Kaew were granted bail.", "Somchai Pradit"),
        # a place and a title glued before a name: "Harare Magistrate X Y"
        ("The case was adjourned. Harare Magistrate Tendai Moyo remanded Farai Dube in custody until next month.",
         "Tendai Moyo"),
    ],
)
def test_a_plural_or_glued_title_is_cut_from_the_name(text: str, name: str) -> None:
    assert name in found(text)


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        # a party or a region named as a bare modifier is not its leader
        ("Tomas Ruud, who chairs the Vinterra party, was arrested in July.", "Vinterra"),
        ("The envoy has mediated between Sahel juntas and European governments.", "Sahel"),
        # an organisation word that ends a place's or an office's name stays a veto
        ("Officials at the White House declined to comment.", "White House"),
        # a role word opening an organisation's name is no role before a name
        ("The ruling was very bad, said a representative of Reporters Without Borders.", "Without Borders"),
    ],
)
def test_a_party_a_region_or_an_office_is_not_a_leader(text: str, not_a_name: str) -> None:
    assert not_a_name not in found(text)


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        # a broadcaster, a newsroom credit, page furniture
        ("In a post, the Ruritania Broadcasting Corporation said the two men had been pardoned.",
         "Ruritania Broadcasting Corporation"),
        ("The men were freed.\n\n(Reporting by Nairobi Newsroom; Editing by Jane Roe)", "Nairobi Newsroom"),
    ],
)
def test_headline_words_broadcasters_credits_and_furniture_are_not_people(text: str, not_a_name: str) -> None:
    assert not_a_name not in found(text)


def test_two_names_read_as_one_organisation_are_split_at_and() -> None:
    from extract.domains.release.strategies.hybrid_names import _split_coordination

    text = "The deal freed Zaghari-Ratcliffe and Anoush Ashoori last week."
    entity = analyse(text).doc.char_span(text.index("Zaghari"), text.index(" last"))
    assert [p.text for p in _split_coordination(entity)] == ["Zaghari-Ratcliffe", "Anoush Ashoori"]
    assert [p.text for p in _split_coordination(entity[-2:])] == ["Anoush Ashoori"]


def people_of(text: str) -> list[str]:
    from extract.domains.release.strategies.hybrid_people import find_people

    return [p.name for p in find_people(analyse(text))]


@pytest.mark.parametrize(
    ("text", "relative", "other"),
    [
        ("Saad Khalil Ferro was freed on Tuesday after a year in jail, his son, Khalil, told reporters.",
         "Khalil", "Saad Khalil Ferro"),
        ("Nour Mansour was pardoned last week. Mansour's sister, Salma, wrote that her brother was home.",
         "Salma", "Nour Mansour"),
    ],
)
def test_a_relative_named_by_one_name_is_a_person_of_their_own(text: str, relative: str, other: str) -> None:
    names = people_of(text)
    assert relative in names and other in names
    assert "name.relative-by-first-name" in found(text)[relative]


def test_a_name_after_a_plural_relative_noun_or_a_dash_is_not_a_relative() -> None:
    assert "BBC" not in people_of("Ruritania frees the president's relatives in prisoner swap – BBC\n\nText.")


@pytest.mark.parametrize(
    "words",
    # a title-case headline's function words and reporting verb, page furniture, an island: the
    # tagger sometimes reads these as a person (the shape check is the last word on them)
    ["Ahead Of Schedule", "Ruritania Says", "Font Size", "Serpent Island"],
)
def test_headline_words_furniture_and_islands_do_not_look_like_a_name(words: str) -> None:
    from extract.domains.release.strategies.hybrid_names import _valid_name

    assert not _valid_name(analyse(words).doc[:])
    assert _valid_name(analyse("Ivan Petrov").doc[:])


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Two Vesti Kavkaz journalists pardoned\n\nThe pardon covered two reporters from the independent outlet "
         "Vesti Kavkaz. Vesti Kavkaz's editor, Rauf Aliyev, is still in jail.", "Vesti Kavkaz"),
        ("The reporters all worked for the investigative site Azad Ses. Azad Ses said it would keep publishing.",
         "Azad Ses"),
    ],
)
def test_a_name_introduced_once_as_an_organisation_is_no_person_in_any_mention(text: str, outlet: str) -> None:
    assert outlet not in found(text)
    assert outlet not in people_of(text)


def test_a_non_breaking_hyphen_before_a_name_does_not_glue_it_to_the_words_before() -> None:
    text = "Weeks before the centre\u2011right president\u2011elect Rodrigo Paz takes office, the court freed her."
    assert "Rodrigo Paz" in found(text)


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        # an apposition with its article names an organisation or a place, in every mention
        ("Ansar Dawla, the armed group, freed two nurses on Friday. Officials said Ansar Dawla had held them since May.",
         "Ansar Dawla"),
        ("The two men were moved to Kanto Lum, a high-security prison, in 2019. Over the years Kanto Lum has grown.",
         "Kanto Lum"),
        ("The men were held in Mai Serwa, a prison in the desert. Over the years Mai Serwa has expanded.", "Mai Serwa"),
        # a company noun before the name (`cues.ORGANISATION_NOUNS`)
        ("He was convicted of defrauding the cosmetics brand Marie Lanvel. Marie Lanvel did not comment.",
         "Marie Lanvel"),
    ],
)
def test_a_name_introduced_as_an_organisation_or_a_place_is_no_person_in_any_mention(text: str, not_a_name: str) -> None:
    assert not_a_name not in found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a hyphenated part of a name: a lower-case proper noun or a particle after the hyphen
        ("Tom Ridley (now) and Min-ji Seo (earlier)\n\nKey points", "Min-ji Seo"),
        ('"My brother came home last night," Maryam Al-Mahfoodh wrote on Monday. Ali Al-Mahfoodh, 64, was freed.',
         "Maryam Al-Mahfoodh"),
    ],
)
def test_a_hyphenated_name_part_stays_in_the_name(text: str, name: str) -> None:
    assert name in found(text)


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        # a place a person is from, and a hyphenated place before a body noun
        ("Sherif Abdelrahman, trade unionist from Mahalla al-Kubra, was freed.", "Mahalla al-Kubra"),
        ("Former officials of the breakaway Nagorno-Karabakh administration are still held.", "Nagorno-Karabakh"),
    ],
)
def test_a_place_of_origin_or_a_hyphenated_place_is_no_person(text: str, not_a_name: str) -> None:
    assert not_a_name not in found(text)


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        # a nickname or a second given name between the given name and the surname
        ("The group freed two hostages: Lior Amsel and Sasha (Alexander) Korenev.", "Sasha Korenev", None),
        ('She raised the case of Venkata Rama "VR" Naidu, who defends farmers.\n\n'
         '"The jailing of VR Naidu is senseless," she said.', "Venkata Rama Naidu", "VR Naidu"),
        ('Not everyone was freed. Rapper Osniel "El Gallo" Ferrer, who got nine years, remains in prison.',
         "Osniel Ferrer", None),
    ],
)
def test_a_name_with_an_inner_nickname_is_one_person_without_it(text: str, name: str, alias: str | None) -> None:
    from extract.domains.release.strategies.hybrid_people import find_people

    people = {p.name: p for p in find_people(analyse(text))}
    assert name in people
    assert "name.inner-nickname" in people[name].name_rules
    if alias is not None:
        assert alias in people[name].aliases


@pytest.mark.parametrize(
    "text",
    [
        # an abbreviation in brackets between a title and a name, and a credit in brackets
        "Opposing her, Dhaka Metropolitan Public Prosecutor (PP) Rafiq Alam said the activist should stay in jail.",
        "The minister said Reporters Without Borders (RSF) Director Tom Bell was wrong.",
    ],
)
def test_an_abbreviation_in_brackets_is_no_inner_nickname(text: str) -> None:
    from extract.domains.release.strategies.hybrid_names import _inner_nickname_names

    assert _inner_nickname_names(analyse(text)) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a father and a son sharing a given name and a surname, joined by a relative noun
        ("In a photo issued by the UN, Jorge Manuel Pérez, father of Madrid footballer Jorge Pérez, is freed.\n\n"
         "Jorge Manuel Pérez, whose son Jorge Pérez plays for Madrid, was freed on Thursday.",
         {"Jorge Manuel Pérez", "Jorge Pérez"}),
    ],
)
def test_relatives_named_alike_stay_two_people(text: str, names: set[str]) -> None:
    from extract.domains.release.strategies.hybrid_people import find_people

    people = find_people(analyse(text))
    assert {p.name for p in people} == names
    assert any("name.kin-apart" in p.name_rules for p in people)


@pytest.mark.parametrize(
    ("text", "name", "rule"),
    [
        # an age as a hyphenated adjective before the name
        ("In Mazyr, 71-year-old Alina Zhuk walked out of the colony with a small bag.", "Alina Zhuk",
         "name.age-described"),
        # a role noun as the name's predicate
        ("Pavel Orsk is the paper's Baltic correspondent. Ewa Zielinska is a freelance reporter based in Riga.",
         "Ewa Zielinska", "name.role-predicate"),
        # one of a group of people named by a plural role noun
        ("TAIPEI -- Agnes Lau, one of the city's best-known student activists, left prison on Saturday.",
         "Agnes Lau", "name.one-of-group"),
    ],
)
def test_a_name_described_as_a_person_by_age_predicate_or_group_is_found(text: str, name: str, rule: str) -> None:
    mentions = found(text)
    assert name in mentions
    assert rule in mentions[name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an age inside the apposition, and a role noun before a hyphenated office's name
        ("Also freed were Rui Ortega, 34, a nurse; and Marcus Pell, a 45-year-old oil-services contractor.",
         "Marcus Pell"),
        ("A spokesman for the Prosecutor-General's Office, Talant Usenov, said the case was closed.", "Talant Usenov"),
    ],
)
def test_hyphens_in_a_description_do_not_hide_that_it_describes_a_person(text: str, name: str) -> None:
    from extract.domains.release.strategies.hybrid_names import _person_context

    doc = analyse(text).doc
    span = doc.char_span(text.index(name), text.index(name) + len(name))
    assert _person_context(span)


def test_a_one_word_part_mistagged_as_a_product_is_part_of_the_name() -> None:
    text = "The pardon list did not include her.\n\nMalkhaz Amaglobeli, Mzia's brother, had also come to the prison."
    assert "Malkhaz Amaglobeli" in found(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # one surname written once for two relatives
        ("The rebels have released the retired couple Colin and Margery Thwaite and aid worker Daniel Mertz.",
         {"Colin Thwaite", "Margery Thwaite", "Daniel Mertz"}),
        ("The other two, political prisoners and sisters Anya and Darya Lisitsa, chose to stay in the country.",
         {"Anya Lisitsa", "Darya Lisitsa"}),
        ("Also freed were two Gebremedhin brothers - Yonas, a surveyor, and Samuel, a mechanic.",
         {"Yonas Gebremedhin", "Samuel Gebremedhin"}),
        # a surname alone and a full name are no shared surname
        ("Putin and Xi Jinping met in Moscow on Tuesday.", {"Xi Jinping"}),
    ],
)
def test_relatives_sharing_a_surname_written_once_each_get_it(text: str, names: set[str]) -> None:
    assert names <= set(people_of(text))
    assert not any(name.startswith("Putin ") for name in people_of(text))


def test_a_hyphenated_pair_of_nationalities_is_no_name() -> None:
    from extract.domains.release.strategies.hybrid_names import _valid_name

    text = "He is a dual U.S.-Venezuelan citizen from Doral."
    doc = analyse(text).doc
    start = text.index("U.S.")
    assert not _valid_name(doc.char_span(start, start + len("U.S.-Venezuelan")))


def test_a_given_name_parsed_as_its_own_conjunct_is_glued_to_the_surname() -> None:
    from extract.domains.release.strategies.hybrid_names import _given_name_before

    text = ("Journalists and bloggers Ulfat Mamadova, Abdul Pirmuhammadzoda and Hushom Gulyuam are "
            "currently in custody awaiting trial.")
    doc = analyse(text).doc
    start = doc.char_span(text.index("Gulyuam"), text.index("Gulyuam") + 7).start
    assert doc[start - 1].dep_ == "conj"  # the misparse the rule repairs
    assert _given_name_before(doc, start, start + 1)
    assert "Hushom Gulyuam" in found(text)


def _span(text: str, name: str) -> Any:
    doc = analyse(text).doc
    for i in range(len(doc)):
        for j in range(i + 1, min(len(doc), i + 6) + 1):
            if doc[i:j].text == name:
                return doc[i:j]
    raise AssertionError(f"{name!r} not in {text!r}")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The court also urged officials to free the anthropologist Farideh Moradkhani without delay.", "Farideh Moradkhani"),
        ("Police detained the geologist Tomasz Wierzbicki near the border on Monday.", "Tomasz Wierzbicki"),
        ("They met the epidemiologist Ana Vukovic and the librarian Ode Lund.", "Ode Lund"),
    ],
)
def test_an_occupation_noun_before_a_name_describes_a_person(text: str, name: str) -> None:
    assert {"anthropologist", "geologist", "librarian", "epidemiologist"} <= cues.PERSON_ROLE_NOUNS
    assert _person_context(_span(text, name))


@pytest.mark.parametrize(
    ("text", "name", "described"),
    [
        ("The decree was signed by co-presidents Ramiro Vega Lozano and Marisol Quintana Robles on Friday.",
         "Marisol Quintana Robles", True),
        ("Those held include the journalists Ana Ruiz Soto and Olga Peña Vidal, their lawyers said.",
         "Olga Peña Vidal", True),
        ("The bank is owned by Grupo Norte and Banca Rossi.", "Banca Rossi", False),
    ],
)
def test_a_role_noun_before_the_first_name_of_a_list_describes_every_item(text: str, name: str, described: bool) -> None:
    assert _described_conjunct(_span(text, name)) is described


@pytest.mark.parametrize(
    ("text", "word", "described"),
    [
        ("Her colleague Duplessis, a sociologist, was held for months.", "Duplessis", True),
        ("Duplessis, a sociologist, was held for months.", "Duplessis", True),
        ("The court in Lyon, a city of note, met.", "Lyon", False),
        ("Paris has long demanded his release.", "Paris", False),
    ],
)
def test_a_name_word_described_alone_as_a_person_is_recognised(text: str, word: str, described: bool) -> None:
    assert _single_described(_span(text, word)) is described


def test_a_full_name_tagged_as_an_organisation_is_a_person_when_its_surname_alone_is_described_as_one() -> None:
    text = (
        "The office said the president was glad to announce Roland Sauvel's release (he had been held in Iran since June 2019).\n\n"
        "Her colleague Sauvel, a specialist on the Horn of Africa, was also held.\n"
    )
    mentions = found(text)
    assert "name.surname-described" in mentions["Roland Sauvel"]


@pytest.mark.parametrize(
    ("text", "name", "other"),
    [
        # a real name given in a main clause: it is the person's name, the stage name an alias
        ("Fans cheered as Kofi Flame walked out on Monday. Flame's real name is Joseph Mensah Owusu; he is a singer.",
         "Joseph Mensah Owusu", "Kofi Flame"),
        # another name given with a possessive pronoun: an alias of the person just named
        ("Oliver Tan was detained in 2021 and later convicted. Local media referred to him by his Chinese name, Chen Weiming.",
         "Oliver Tan", "Chen Weiming"),
        # "known as" with a description between "as" and the name
        ("Officials freed Ivan Sorokin, a well-known figure (also known as the Italian writer Marco Bellini), on Friday.",
         "Ivan Sorokin", "Marco Bellini"),
    ],
)
def test_a_name_the_article_says_is_anothers_name_is_the_same_person(text: str, name: str, other: str) -> None:
    from extract.domains.release.strategies.hybrid_people import find_people

    people = find_people(analyse(text))
    owners = [p for p in people if any(m.text == other for m in p.mentions)]
    assert [p.name for p in owners] == [name]


def test_a_new_spelling_of_a_person_named_before_is_not_given_to_the_nearest_name() -> None:
    from extract.domains.release.strategies.hybrid_people import find_people

    text = (
        "Dawit Tesfay walked free on Monday. \"He called me,\" said Tesfay's daughter, Selam Dawit, who lives "
        "in Oslo. Relatives spell his name Dawit Tesfaye."
    )
    names = {p.name for p in find_people(analyse(text))}
    assert "Selam Dawit" in names


def test_a_name_given_in_apposition_to_name_is_no_role_and_reaches_the_trail() -> None:
    from extract.domains.release.strategies.hybrid import run_rules

    event, _, trail = run_rules(analyse(
        "Ruritania freed Oliver Tan on Monday. Local media referred to him by his Chinese name, Chen Weiming."
    ))
    assert [(p.name, p.aliases, p.role) for p in event.people] == [("Oliver Tan", ["Chen Weiming"], None)]
    assert "alias.name-statement" in trail["people[0].aliases[0]"]
