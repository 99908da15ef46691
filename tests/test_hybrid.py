"""The hybrid strategy's rules, pinned on short articles written for these tests (not the seeds)."""

from __future__ import annotations

import asyncio
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from extract.domains.release.schema import Person, ReleaseEvent
from extract.domains.release.strategies import hybrid
from extract.domains.release.strategies.hybrid import HybridStrategy
from extract.io import Article
from extract.testing import NeverCalled

STATUS_ARTICLE = """Kazakhstan frees 12 activists after Swiss-mediated talks

ASTANA, June 6, 2024 (AFP) - Kazakhstan on Thursday freed 12 jailed activists, including Marat Seitkali and Dana Omarova, in a deal mediated by Switzerland.
Journalist Arman Zhakupov was also released, his lawyer said.
However, blogger Timur Bekov remains in prison, and opposition figure Aliya Nurlanova was not on the list of pardoned inmates.
The agreement was brokered by Swiss envoy Lukas Meier, who held two rounds of talks in Astana.
"This is a humanitarian gesture," Foreign Minister Erlan Sadykov told reporters.
Seitkali's sister, Gulnara Seitkali, said the family was overjoyed.
Rights campaigners called for the release of poet Sanat Abenov, who was sentenced last year.
"""

SCALAR_ARTICLE = """Vietnam releases more than 40 prisoners in deal with Berlin

HANOI, Sept 14, 2023 - Vietnam released more than 40 political prisoners on Wednesday in exchange for the lifting of a travel ban on senior officials, state media said.
30 of them were flown to Germany, while 12 were taken to Thailand.
Most had been convicted of spreading propaganda against the state or of subversion.
The country's president, Vo Van Minh, signed the pardon decree.
Officials say 20 dissidents are still held.
A rights group says more than 160 dissidents remain in custody.
"""

NO_DATELINE = """Five fishermen freed

Authorities released five fishermen on Friday after they had been held for a month, their union said.
"""


def run(text: str) -> ReleaseEvent:
    result = asyncio.run(HybridStrategy().extract(Article("test", text), NeverCalled()))
    return result.event


@pytest.fixture(scope="module")
def status_event() -> ReleaseEvent:
    return run(STATUS_ARTICLE)


@pytest.fixture(scope="module")
def scalar_event() -> ReleaseEvent:
    return run(SCALAR_ARTICLE)


def person(event: ReleaseEvent, name: str) -> Person:
    found = [p for p in event.people if p.name == name]
    assert found, f"{name} not found in {[p.name for p in event.people]}"
    return found[0]


# ---------------------------------------------------------------- status rules


def test_a_name_in_an_including_list_of_a_release_is_released(status_event: ReleaseEvent) -> None:
    assert person(status_event, "Marat Seitkali").status == "released"
    assert person(status_event, "Dana Omarova").status == "released"


def test_the_passive_subject_of_a_release_verb_is_released(status_event: ReleaseEvent) -> None:
    assert person(status_event, "Arman Zhakupov").status == "released"


def test_a_person_who_remains_in_prison_is_still_detained(status_event: ReleaseEvent) -> None:
    assert person(status_event, "Timur Bekov").status == "still_detained"


def test_a_person_not_on_the_list_of_pardoned_inmates_is_still_detained(status_event: ReleaseEvent) -> None:
    assert person(status_event, "Aliya Nurlanova").status == "still_detained"


def test_a_person_whose_release_is_called_for_is_still_detained(status_event: ReleaseEvent) -> None:
    assert person(status_event, "Sanat Abenov").status == "still_detained"


def test_an_envoy_who_brokered_the_deal_is_a_negotiator(status_event: ReleaseEvent) -> None:
    assert person(status_event, "Lukas Meier").status == "negotiator"


def test_a_quoted_minister_is_an_official(status_event: ReleaseEvent) -> None:
    assert person(status_event, "Erlan Sadykov").status == "official"


def test_a_quoted_relative_is_other(status_event: ReleaseEvent) -> None:
    sister = person(status_event, "Gulnara Seitkali")
    assert sister.status == "other"
    assert sister.role == "sister"


def test_the_president_who_signed_the_pardon_is_an_official_and_the_authority(scalar_event: ReleaseEvent) -> None:
    assert person(scalar_event, "Vo Van Minh").status == "official"
    assert scalar_event.releasing_authority == "Vo Van Minh"


def test_every_status_has_an_evidence_sentence_quoted_verbatim(status_event: ReleaseEvent) -> None:
    for p in status_event.people:
        assert p.evidence and p.evidence in STATUS_ARTICLE
        assert p.name in STATUS_ARTICLE
        assert all(alias in STATUS_ARTICLE for alias in p.aliases)


# ---------------------------------------------------------------- people


def test_a_surname_alone_becomes_an_alias_of_the_nearest_full_name(status_event: ReleaseEvent) -> None:
    assert person(status_event, "Marat Seitkali").aliases == ["Seitkali"]
    assert person(status_event, "Gulnara Seitkali").aliases == []


def test_names_come_without_titles_and_each_person_once(status_event: ReleaseEvent) -> None:
    names = [p.name for p in status_event.people]
    assert len(names) == len(set(names)) == 9
    assert "Erlan Sadykov" in names and not any(n.startswith(("Foreign", "Minister")) for n in names)


def test_role_and_nationality_come_from_the_words_around_the_name() -> None:
    event = run(
        "Iran frees Dutch citizen\n\nIran released Dutch citizen Pieter Vos on Monday, the Dutch foreign ministry said.\n"
        "Pieter Vos, a retired engineer, was arrested in 2021 on espionage charges.\n"
    )
    vos = person(event, "Pieter Vos")
    assert vos.status == "released"
    assert vos.nationality == "Netherlands"
    assert vos.role in ("citizen", "retired engineer")
    assert event.nationalities_released == ["Netherlands"]
    assert event.charges == ["espionage"]


# ---------------------------------------------------------------- scalars


def test_a_count_with_a_qualifier_is_read_as_written(scalar_event: ReleaseEvent) -> None:
    assert scalar_event.released_count == 40
    assert scalar_event.evidence is not None
    assert scalar_event.evidence.released_count in SCALAR_ARTICLE


def test_the_remaining_figure_attributed_to_a_rights_group_wins(scalar_event: ReleaseEvent) -> None:
    assert scalar_event.remaining_prisoners == 160


def test_destinations_carry_their_own_counts(scalar_event: ReleaseEvent) -> None:
    counts = {d.country: d.count for d in scalar_event.destinations}
    assert counts == {"Germany": 30, "Thailand": 12}


def test_a_weekday_is_resolved_against_the_dateline(scalar_event: ReleaseEvent) -> None:
    assert scalar_event.event_date == date(2023, 9, 13)  # the Wednesday before Thursday 14 September


def test_a_weekday_without_a_dateline_gives_no_date() -> None:
    event = run(NO_DATELINE)
    assert event.event_date is None
    assert event.released_count == 5


def test_country_exchange_and_charges_come_from_release_sentences(scalar_event: ReleaseEvent) -> None:
    assert scalar_event.releasing_country == "Vietnam"
    assert scalar_event.quid_pro_quo is not None and "travel ban" in scalar_event.quid_pro_quo
    assert set(scalar_event.charges) == {"propaganda", "subversion"}


def test_a_named_mediator_country_is_listed(status_event: ReleaseEvent) -> None:
    assert status_event.mediators == ["Switzerland"]
    assert status_event.releasing_country == "Kazakhstan"
    assert status_event.released_count == 12
    assert status_event.event_date == date(2024, 6, 6)


def test_an_article_with_no_release_yields_no_event_values() -> None:
    event = run(
        "Court refuses bail\n\nA court in Lima on Friday refused bail to jailed businessman Hugo Salas, "
        "who has been in custody since 2022. His wife, Rosa Salas, urged the government to press for his release.\n"
    )
    assert event.releasing_country is None
    assert event.released_count is None
    assert event.event_date is None
    assert person(event, "Hugo Salas").status == "still_detained"


# ---------------------------------------------------------------- strategy contract


def test_the_strategy_never_calls_the_model_when_use_model_is_false(status_event: ReleaseEvent) -> None:
    strategy = HybridStrategy(use_model=False)
    assert strategy.uses_model is False
    assert strategy.name == "hybrid"
    result = asyncio.run(strategy.extract(Article("x", STATUS_ARTICLE), NeverCalled()))
    assert result.usage.calls == 0
    assert result.event == status_event


def test_the_version_changes_when_any_module_the_rules_import_changes(tmp_path: Path) -> None:
    package = Path(hybrid.__file__).resolve().parents[3]
    files = hybrid.rule_files(package)
    # every module whose code shapes the output, found by following the imports from hybrid.py
    domain = "domains/release"
    expected = {f"{domain}/strategies/hybrid.py", "names.py", "countries.py", f"{domain}/schema.py",
                f"{domain}/cues.py", "nlp.py"}
    expected |= {p.relative_to(package).as_posix() for p in (package / domain / "strategies").glob("hybrid_*.py")}
    assert expected <= set(files)
    shutil.copytree(package, tmp_path / "extract")
    copy = tmp_path / "extract"
    before = hybrid.rules_hash(copy)
    assert before == hybrid.rules_hash(package)
    for name in files:
        original = (copy / name).read_bytes()
        (copy / name).write_bytes(original + b"\n# changed\n")
        assert hybrid.rules_hash(copy) != before, name
        (copy / name).write_bytes(original)
    assert hybrid.rules_hash(copy) == before
    assert HybridStrategy().version.startswith(f"hybrid@{hybrid.RULES_VERSION}+{before}")


# ---------------------------------------------------------------- optional model questions


class ChoosingBackend:
    """Answers every question with the first allowed choice and records the requests."""

    name = "choosing"

    def __init__(self) -> None:
        self.requests: list[tuple[list[dict[str, Any]], type[Any]]] = []

    async def structured(self, messages: list[dict[str, Any]], response_model: type[Any], **kwargs: Any) -> Any:
        from extract.backends.base import Answer
        from extract.domains.release.schema import Usage

        self.requests.append((messages, response_model))
        return Answer(response_model(answer=allowed(response_model)[0]), Usage(calls=1, total_tokens=10))


def allowed(response_model: type[Any]) -> list[Any]:
    """The values the answer's grammar allows (besides null)."""
    option = response_model.model_json_schema()["properties"]["answer"]["anyOf"][0]
    return option["enum"] if "enum" in option else [option["const"]]


def test_the_default_questions_are_decided_from_the_measured_figures() -> None:
    from extract.domains.release.strategies.hybrid_questions import DEFAULT_QUESTIONS, MEASURED, decide

    assert DEFAULT_QUESTIONS == decide(MEASURED)
    assert set(MEASURED["questions"]) == {"released_count", "releasing_country"}


def test_a_question_is_on_only_when_its_model_beats_both_the_gap_and_the_no_model_rule() -> None:
    from extract.domains.release.strategies.hybrid_questions import decide

    def row(rule: int, right: int, wrong: int) -> dict[str, Any]:
        return {"rules empty": 5, "no-model rule": {"right": rule, "wrong": 0, "empty": 5 - rule},
                "m": {"right": right, "wrong": wrong, "empty": 5 - right - wrong}}

    assert decide({"questions": {"releasing_country": row(1, 3, 0)}}) == ("releasing_country",)
    assert decide({"questions": {"releasing_country": row(3, 3, 0)}}) == ()  # a tie: the rule, no model call
    assert decide({"questions": {"released_count": row(0, 3, 11)}}) == ()  # more wrong than right


def test_the_country_question_is_asked_only_where_the_rules_are_empty() -> None:
    backend = ChoosingBackend()
    strategy = HybridStrategy(use_model=True, questions=("releasing_country",))
    assert strategy.uses_model is True
    asyncio.run(strategy.extract(Article("x", SCALAR_ARTICLE), backend))
    assert backend.requests == []  # the rules found the country
    no_country = "Fishermen home\n\nThe five fishermen seized off Sweden and Norway were home on Friday, their union said.\n"
    event = asyncio.run(strategy.extract(Article("y", no_country), backend)).event
    assert len(backend.requests) == 1  # two countries, no performer: the rules name none, the model chooses
    assert allowed(backend.requests[0][1]) == ["Sweden", "Norway"]  # only among the article's countries
    assert event.releasing_country == "Sweden"


def test_a_named_question_is_asked_only_when_the_rules_left_the_field_empty() -> None:
    text = "Boat crew home\n\nThe 14 sailors seized in March were back in Manila on Sunday, relatives said.\n"
    backend = ChoosingBackend()
    strategy = HybridStrategy(use_model=True, questions=("released_count",))
    assert strategy.uses_model is True
    assert "hybrid_count@" in strategy.version
    event = asyncio.run(strategy.extract(Article("x", text), backend)).event
    assert len(backend.requests) == 1
    messages, response_model = backend.requests[0]
    assert text in messages[-1]["content"]
    assert allowed(response_model) == [14]
    assert event.released_count == 14
    assert event.evidence is not None and event.evidence.released_count in text

    backend = ChoosingBackend()
    asyncio.run(strategy.extract(Article("y", SCALAR_ARTICLE), backend))
    assert backend.requests == []  # the rules found the count


def test_an_unknown_question_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown hybrid questions"):
        HybridStrategy(use_model=True, questions=("favourite_colour",))


# ---------------------------------------------------------------- earlier releases, reported speech, mediators

REPORTED_ARTICLE = """Gulf state frees dual national; deal brokered by Oman

MUSCAT, April 12, 2024 - Authorities in Bahrain have freed Sami Nasser, a British-Bahraini engineer, his brother said on Friday.
Nasser was released on Wednesday and flew to London, where he was met by Foreign Secretary Helen Croft.
The release came weeks after the government also freed activist Layla Hamdan, who had served a six-year term.
Oman, which brokered the agreement with Switzerland, said no money had changed hands.
In return, Britain dropped its objection to a trade accord.
Rights organisation Gulf Watch said 40 dissidents are still in custody.
"""


@pytest.fixture(scope="module")
def reported_event() -> ReleaseEvent:
    return run(REPORTED_ARTICLE)


def test_a_person_freed_in_an_earlier_release_is_not_released_in_this_one(reported_event: ReleaseEvent) -> None:
    assert person(reported_event, "Sami Nasser").status == "released"
    assert person(reported_event, "Layla Hamdan").status == "other"


def test_the_date_on_the_release_verb_beats_the_date_of_the_statement(reported_event: ReleaseEvent) -> None:
    assert reported_event.event_date == date(2024, 4, 10)  # Wednesday, not Friday 12 April


def test_a_country_that_brokered_the_deal_and_its_partner_are_mediators(reported_event: ReleaseEvent) -> None:
    assert reported_event.mediators[:2] == ["Oman", "Switzerland"]


def test_a_sentence_opening_in_return_gives_what_was_received(reported_event: ReleaseEvent) -> None:
    # the objection was dropped: what Bahrain received is its dropping, not the objection
    assert reported_event.quid_pro_quo == "dropped its objection to a trade accord"


def test_an_organisation_introduced_as_a_group_is_not_a_person(reported_event: ReleaseEvent) -> None:
    assert all("Watch" not in p.name for p in reported_event.people)
    assert reported_event.remaining_prisoners == 40


def test_dual_nationality_and_destination_are_read_from_the_text(reported_event: ReleaseEvent) -> None:
    assert person(reported_event, "Sami Nasser").nationality == "United Kingdom, Bahrain"
    assert [d.country for d in reported_event.destinations] == ["United Kingdom"]
    assert person(reported_event, "Helen Croft").status == "official"


BULLET_ARTICLE = """STATEMENT

Free Voices Collective

Lisbon, 4 May 2025

Nearly 30 prisoners of conscience were set free by the Bolivian authorities this week after the National Prosecution Office ordered their release.

Those released include:

- Monsignor Teodoro Villca Quispe, parish priest, convicted of "spreading false news";
- Wilasaq Mamani Choque, student leader;
- Ana Lucía Ticona, lawyer who represented miners.

Most had been accused of assaulting police officers during a protest.

Several dozen were put on a flight to Lima, and three of them continued on to Madrid, Spain.

Others remain behind bars. Trade unionist Hilario Condori remains in prison.

The Collective urges the Bolivian authorities to:

- release Hilario Condori and Rosa Yupanqui;
- end arbitrary detention.

Media contact: Paulo Sardinha, press officer
"""


@pytest.fixture(scope="module")
def bullet_event() -> ReleaseEvent:
    return run(BULLET_ARTICLE)


def test_names_in_a_bulleted_list_of_the_freed_are_released(bullet_event: ReleaseEvent) -> None:
    for name in ("Teodoro Villca Quispe", "Wilasaq Mamani Choque", "Ana Lucía Ticona"):
        assert person(bullet_event, name).status == "released"
    assert all(not p.name.startswith("Monsignor") for p in bullet_event.people)


def test_a_release_asked_for_in_a_list_of_demands_is_not_done(bullet_event: ReleaseEvent) -> None:
    assert person(bullet_event, "Hilario Condori").status == "still_detained"
    assert person(bullet_event, "Rosa Yupanqui").status == "still_detained"


def test_a_body_that_ordered_or_performed_the_release_is_never_the_authority(bullet_event: ReleaseEvent) -> None:
    assert bullet_event.releasing_authority is None  # "the Bolivian authorities" is a body, not a named person
    assert not any("Prosecution" in p.name for p in bullet_event.people)


def test_charges_false_news_and_assault_and_flight_destinations(bullet_event: ReleaseEvent) -> None:
    assert {"false news", "assault"} <= set(bullet_event.charges)
    countries = {d.country: d.count for d in bullet_event.destinations}
    assert "Peru" in countries and countries.get("Spain") == 3


CHAIN_ARTICLE = """Laos frees two dozen detainees; rights group says the true number is far higher

Maya Ortolan · Channel Nine · Posted: Mar 3, 2024 4:05 AM ET | Updated: Mar 3, 2024

VIENTIANE - Laos freed twenty-four detainees on Saturday, including a Thai-Lao engineer and a Danish aid worker, in return for the release of Lao assets frozen in foreign banks.

Retired teacher Somchai Vongsa, jailed in 2019, walked out of the central prison, his son said. So did Bounmy Keola, a Lao-Danish dual national who holds Danish citizenship.

The poet Khamla Phet was also freed, as was Noy Inthavong, a blogger. Two of them, Sengdao Lattana and Phonsavan Vilay, told reporters they were tired.

At least 12 of those freed are journalists. Among them is Vilaykham Douangdy, a reporter.

Among those kept behind bars were Kongkham Sithi, an editor, and Boualai Mixay, a farmer.

About 300 dissidents remain in jail. They include Chanthala Phommachanh and Vongdeuan Sysouvanh.

The independent group Lao Rights Monitor says the true number of political prisoners is at least 410.

Released detainees were later allowed to travel to Thailand; one, Khamla Phet, said he hoped to travel to Japan soon.
"""


@pytest.fixture(scope="module")
def chain_event() -> ReleaseEvent:
    return run(CHAIN_ARTICLE)


@pytest.mark.parametrize(
    "name",
    ["Somchai Vongsa", "Bounmy Keola", "Khamla Phet", "Noy Inthavong", "Sengdao Lattana", "Vilaykham Douangdy"],
)
def test_walking_out_of_prison_ellipsis_and_partitive_groups_are_released(chain_event: ReleaseEvent, name: str) -> None:
    assert person(chain_event, name).status == "released"


@pytest.mark.parametrize("name", ["Kongkham Sithi", "Boualai Mixay", "Chanthala Phommachanh", "Vongdeuan Sysouvanh"])
def test_groups_still_held_pass_their_status_to_their_members(chain_event: ReleaseEvent, name: str) -> None:
    assert person(chain_event, name).status == "still_detained"


def test_word_counts_timestamps_estimates_and_exchanges(chain_event: ReleaseEvent) -> None:
    assert chain_event.released_count == 24
    assert chain_event.event_date == date(2024, 3, 2)  # "Posted: Mar 3, 2024" + "on Saturday"
    assert chain_event.remaining_prisoners == 410
    assert chain_event.quid_pro_quo == "release of Lao assets frozen in foreign banks"


def test_nationalities_from_citizenship_clauses_and_freed_groups(chain_event: ReleaseEvent) -> None:
    assert person(chain_event, "Bounmy Keola").nationality == "Laos, Denmark"
    assert {"Thailand", "Laos", "Denmark"} <= set(chain_event.nationalities_released)
    countries = [d.country for d in chain_event.destinations]
    assert "Thailand" in countries and "Japan" not in countries


NAMES_ARTICLE = """Paraguay frees six detainees

ASUNCION, July 9, 2024 - Paraguay freed six detainees on Tuesday, officials said.
Among those freed were Ana Beatriz Ruiz Soto, a teacher, and Dan Ben-Ami, a baker.
Ms Ruiz Soto thanked her lawyers, and Ben-Ami said he was tired.
Ben-Ami, a baker who is known in Chile as Tomas Quillen, plans to reopen his shop.
Former minister U Tin Maung Oo, who is still serving a life sentence, was not on the list.
Military spokesman Brigadier General Rafael Ocampo told reporters the releases were lawful.
Relatives waited outside the prison known as La Cumbre and outside the Villa Rosa women's prison.
(Photo: Nilo Barreto / Agencia Sur)
"""


@pytest.fixture(scope="module")
def names_event() -> ReleaseEvent:
    return run(NAMES_ARTICLE)


def test_short_forms_of_compound_surnames_are_the_same_person(names_event: ReleaseEvent) -> None:
    assert "Ruiz Soto" in person(names_event, "Ana Beatriz Ruiz Soto").aliases
    assert "Ben-Ami" in person(names_event, "Dan Ben-Ami").aliases
    assert "Tomas Quillen" in person(names_event, "Dan Ben-Ami").aliases  # "known in Chile as"


def test_titles_honorifics_credits_and_place_names(names_event: ReleaseEvent) -> None:
    names = [p.name for p in names_event.people]
    assert "Rafael Ocampo" in names and not any("Brigadier" in n for n in names)
    assert person(names_event, "Tin Maung Oo").status == "still_detained"  # "is still serving a life sentence"
    assert person(names_event, "Nilo Barreto").status == "other"  # a photo credit
    assert not any(n in ("La Cumbre", "Villa Rosa") for n in names)


SWAP_ARTICLE = """Three sailors freed as 50 prisoners released

TUNIS, May 5, 2025 - Rebels handed over three Tunisian sailors on Sunday, and hours later the government released 50 prisoners, officials said.
The country's judiciary said the 50 had been granted clemency and released.
Rights defenders put the number of political prisoners in the country at more than 600.
"""


def test_the_main_clause_release_gives_the_count_and_a_reporting_body_the_authority() -> None:
    event = run(SWAP_ARTICLE)
    assert event.released_count == 3
    assert event.remaining_prisoners == 600  # "put the number of political prisoners at more than 600"


CLEMENCY_ARTICLE = """Two aid workers freed

Two aid workers held for a year were freed on Tuesday and flown to Geneva.
Jordan's judiciary said the two had been granted clemency and released after legal procedures were completed.
"""


def test_a_body_reporting_an_agentless_release_is_not_the_authority() -> None:
    event = run(CLEMENCY_ARTICLE)
    assert event.releasing_authority is None
    assert event.released_count == 2


def test_a_government_that_freed_prisoners_gives_the_country_but_no_authority() -> None:
    event = run("Laos frees prisoners\n\nVIENTIANE - The Lao government freed 30 prisoners on Monday, officials said.\n")
    assert event.releasing_authority is None
    assert event.releasing_country == "Laos"


GROUP_ARTICLE = """Peru frees two Chileans

LIMA, Oct 2, 2024 - Peru has freed two Chileans who had been held for three years.
Rodrigo Alvear, 44, a Chilean-Italian dual national, and Carla Benavides were released on Tuesday and flown to Santiago.
"""


def test_named_members_of_a_counted_national_group_take_its_nationality() -> None:
    event = run(GROUP_ARTICLE)
    assert person(event, "Rodrigo Alvear").nationality == "Chile, Italy"  # the appositive after the age
    assert person(event, "Carla Benavides").nationality == "Chile"  # "two Chileans" ... "A and B"
    assert event.destinations[0].country == "Chile"


def test_an_elided_clause_repeats_only_its_antecedent_predicate() -> None:
    event = run(
        "Oman frees activists\n\nMUSCAT, Jan 5, 2025 - Oman freed 20 activists on Monday, officials said.\n"
        "Salim Harthy, who was freed in a previous amnesty, was arrested again in March, as was Nasser Busaidi.\n"
    )
    assert person(event, "Nasser Busaidi").status != "released"


# ---------------------------------------------------------------- general coverage rules (dev2 round)

COURT_ARTICLE = """Court frees two unionists

LUSAKA, May 9, 2025 - A court on Thursday acquitted union organiser Joseph Mwale of sedition, and he was released hours later.
Fellow organiser Ruth Chanda was granted bail pending a separate trial.
Also freed was Peter Lungu, who had been serving three years for "disturbing public order".
Another freed organiser, Grace Tembo, told reporters she would keep campaigning.
Prisoners convicted of murder or fraud were excluded from the ruling.
Rights groups say about 45 political prisoners are held in the country.
"""


def test_acquittal_bail_and_inverted_also_freed_are_released() -> None:
    event = run(COURT_ARTICLE)
    for name in ("Joseph Mwale", "Ruth Chanda", "Peter Lungu", "Grace Tembo"):
        assert person(event, name).status == "released", name  # acquitted / bail / "Also freed was" / appositive
    assert "disturbing public order" in event.charges  # a quoted charge name
    assert "murder" not in event.charges and "fraud" not in event.charges  # charges of those excluded
    assert event.remaining_prisoners == 45  # present passive "are held"


DEAL_ARTICLE = """Senegal frees two Portuguese engineers

DAKAR, March 6, 2025 (Wire) - Senegalese authorities freed two Portuguese engineers on Wednesday under an amnesty signed by President Omar Ndiaye, in a deal that also saw Portugal release a Senegalese pilot.
The envoy who brokered the deal, deputy minister Aminata Sow, made four trips to the capital.
Swiss diplomat Anna Keller was credited with facilitating the talks, and Father Luis Costa also took part in the talks.
In return, Lisbon agreed to resume a suspended aid programme, officials said.
Engineer Rui Alves was deported after release on a commercial flight to Lisbon.
"""


def test_deal_rules_negotiators_authority_exchange_and_destination() -> None:
    event = run(DEAL_ARTICLE)
    assert event.releasing_authority == "Omar Ndiaye"  # "an amnesty signed by President X"
    for name in ("Aminata Sow", "Anna Keller", "Luis Costa"):
        assert person(event, name).status == "negotiator", name
    assert event.quid_pro_quo is not None and "Portugal release" in event.quid_pro_quo


def test_a_flight_hung_off_a_preceding_noun_still_gives_the_destination() -> None:
    from extract.domains.release.strategies.hybrid_places import gpe_targets
    from extract.domains.release.strategies.hybrid_text import analyse

    a = analyse("Engineer Rui Alves was deported after release on a commercial flight to Lisbon.")
    verb = next(t for t in a.doc if t.lemma_ == "deport")
    assert [country for country, _ in gpe_targets(verb)] == ["Portugal"]


def test_a_commutation_in_the_after_clause_names_the_authority() -> None:
    event = run(
        "Laos frees writer\n\nVIENTIANE, Feb 6, 2025 - Writer Somsack Vongsa was discharged from prison on Tuesday "
        "after President Bounmy Keola commuted his sentence, his family said.\n"
    )
    assert event.releasing_authority == "Bounmy Keola"
    assert person(event, "Somsack Vongsa").status == "released"


def test_a_release_ordered_by_a_government_names_no_authority() -> None:
    event = run(
        "Two freed\n\nLIMA, Feb 6, 2025 - Two Bolivian students were freed on Tuesday. "
        "The release was ordered by the Peruvian government, officials said.\n"
    )
    assert event.releasing_authority is None


def test_a_name_listed_after_a_still_held_clause_is_still_detained() -> None:
    event = run(
        "Protesters freed\n\nNAIROBI, Feb 6, 2025 - Eleven protesters were freed within weeks, but three more remain "
        "in custody, according to a rights group, including the blogger Amina Wekesa.\n"
    )
    assert person(event, "Amina Wekesa").status == "still_detained"


def test_an_organisation_acting_as_intermediary_and_the_side_paying_in_return_are_mediators() -> None:
    event = run(
        "Hostages freed\n\nBAMAKO, Feb 6, 2025 - Gunmen freed two hostages on Thursday, officials said.\n"
        "The Red Cross said it had acted as a neutral intermediary.\n"
        "In return, France agreed to fund a road project, a French official said.\n"
    )
    assert "International Committee of the Red Cross" in event.mediators  # canonical name
    assert "France" in event.mediators
    assert event.quid_pro_quo == "fund a road project"


def test_the_apposition_of_a_dateline_subject_is_the_releasing_party() -> None:
    event = run(
        "Junta frees two\n\nBAMAKO, March 27, 2026 - Mali's military junta has released two "
        "French researchers, officials said.\n"
    )
    assert event.releasing_country == "Mali"


def test_a_weekday_on_a_speech_verb_dates_the_statement_not_the_release() -> None:
    event = run(
        "Two freed\n\nSTOCKHOLM, Sept 30, 2026 - Two Swedes held abroad have been freed and have arrived home, "
        "the foreign ministry said on Tuesday.\n"
    )
    assert event.event_date is None


def test_a_digit_comma_is_not_a_parenthetical_before_a_still_held_phrase() -> None:
    event = run(
        "Swap\n\nKYIV, Oct 21, 2026 - Ukraine and Russia swapped 90 prisoners each on Wednesday.\n"
        "The commission's head, Ivan Petrenko, said more than 8,000 Ukrainians are still held.\n"
    )
    assert person(event, "Ivan Petrenko").status != "still_detained"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Those released are Andrei Volkov, Olga Zimina and Pavel Orlov.", "Olga Zimina"),
        ("Andrei Volkov was pardoned along with Olga Zimina.", "Olga Zimina"),
        ("Andrei Volkov was granted a presidential pardon.", "Andrei Volkov"),
        ("Freed on Thursday, Andrei Volkov told reporters he was tired.", "Andrei Volkov"),
        ("Andrei Volkov, one of the freed prisoners, said he was tired.", "Andrei Volkov"),
        ("Andrei Volkov was let out of prison early on Friday.", "Andrei Volkov"),
    ],
)
def test_more_ways_of_saying_a_person_was_freed(sentence: str, name: str) -> None:
    event = run("Prisoners freed\n\nMINSK, May 9, 2025 - Belarus freed 14 prisoners on Thursday, officials said.\n" + sentence + "\n")
    assert person(event, name).status == "released"


@pytest.mark.parametrize(
    "sentence",
    [
        "The release was facilitated by Marco Bellini, a Vatican diplomat.",
        "Marco Bellini spent months negotiating the release.",
        "Marco Bellini played a key role in the negotiations.",
    ],
)
def test_more_ways_of_saying_a_person_negotiated(sentence: str) -> None:
    event = run("Prisoners freed\n\nMINSK, May 9, 2025 - Belarus freed 14 prisoners on Thursday, officials said.\n" + sentence + "\n")
    assert person(event, "Marco Bellini").status == "negotiator"


def test_an_article_too_long_to_parse_is_refused_with_a_reason_not_truncated() -> None:
    import asyncio

    from extract.domains.release.strategies.hybrid import HybridStrategy
    from extract.domains.release.strategies.hybrid_text import MAX_PARSE_CHARS
    from extract.io import Article
    from extract.pipeline import process
    from extract.settings import Settings

    text = ("The court freed Ana Ruiz on Monday. " * (MAX_PARSE_CHARS // 30 + 10)).strip()

    class _NoModel:
        name = "none"

        async def structured(self, *args: object, **kwargs: object) -> object:
            raise AssertionError("hybrid must not call the model here")

    record = asyncio.run(process(Article(id="long", text=text), HybridStrategy(), _NoModel(), Settings()))  # type: ignore[arg-type]
    assert record.status == "error" and record.error is not None
    assert record.error.type == "context_too_long" and "at most" in record.error.message


def test_the_settings_list_of_hybrid_questions_is_the_strategy_s_list() -> None:
    from extract.domains.release.strategies.hybrid_questions import QUESTIONS
    from extract.settings import HYBRID_QUESTIONS

    assert set(HYBRID_QUESTIONS) == set(QUESTIONS)


def test_hybrid_questions_setting_turns_the_model_questions_on() -> None:
    from extract.domains.release.strategies.hybrid_questions import DEFAULT_QUESTIONS
    from extract.pipeline import make_strategy
    from extract.settings import Settings

    default = make_strategy("hybrid", Settings())
    assert default.uses_model is bool(DEFAULT_QUESTIONS)  # decided by the measured figures
    rules_only = make_strategy("hybrid", Settings.load({"hybrid_questions": "none"}, env={}))
    assert rules_only.uses_model is False
    asking = make_strategy("hybrid", Settings.load({"hybrid_questions": "released_count"}, env={}))
    assert asking.uses_model is True
    assert "hybrid_count@" in asking.version


# ---------------------------------------------------------------- the trail

def test_each_value_carries_the_ids_of_the_rules_that_produced_it() -> None:
    text = ("Iceland frees two\n\nIceland freed journalist Anna Berg on Monday, officials said. "
            "Her sister Clara Berg said she was relieved.\n")
    for workers in (1, None):  # in this process, and through the process pool
        result = asyncio.run(HybridStrategy(workers=workers).extract(Article("t", text), NeverCalled()))
        trail, people = result.trail, result.event.people
        assert trail["releasing_country"] == ["country.performer"]
        berg = next(i for i, p in enumerate(people) if p.name == "Anna Berg")
        assert people[berg].status == "released" and trail[f"people[{berg}].status"]
        assert all(ids and all(isinstance(i, str) for i in ids) for ids in trail.values())


def test_the_trail_reaches_the_record_and_the_view(tmp_path: Path) -> None:
    from extract import Extractor, Settings
    from extract.view import render_view

    text = "Iceland frees two\n\nIceland freed journalist Anna Berg on Monday, officials said.\n"
    settings = Settings(strategy="hybrid", hybrid_questions=(), cache=False, cache_dir=tmp_path)
    with Extractor(settings) as extractor:
        record = extractor.extract(text, id="a1")
    assert record.trail is not None and record.trail["releasing_country"] == ["country.performer"]
    page = render_view([record], {"a1": text})
    assert "country.performer" in page and "Rules" in page


FRENCH = (
    "Libération de trois journalistes à Pardiaville\n\n"
    "Les autorités de la Pardie ont libéré mardi trois journalistes détenus depuis deux ans, a annoncé "
    "leur avocat. Ils avaient été condamnés pour diffusion de fausses nouvelles. Leur libération fait "
    "suite à une grâce présidentielle accordée à l'occasion de la fête nationale, selon un communiqué "
    "du ministère de la Justice. Plusieurs organisations de défense de la presse ont salué une bonne "
    "nouvelle mais demandent la libération des autres reporters encore emprisonnés dans le pays.\n"
)


def test_a_text_in_another_language_is_an_input_error_for_the_english_rules_not_an_empty_event() -> None:
    import asyncio

    from extract.domains.release.strategies.hybrid import HybridStrategy
    from extract.domains.release.strategies.hybrid_batch import rules_batch
    from extract.io import Article
    from extract.pipeline import process
    from extract.settings import Settings
    from extract.testing import NeverCalled

    record = asyncio.run(process(Article(id="fr", text=FRENCH), HybridStrategy(), NeverCalled(), Settings()))
    assert record.status == "error" and record.error is not None
    assert record.error.type == "input_error" and "English" in record.error.message
    outcome = rules_batch([FRENCH], workers=1)[0]
    assert outcome.event is None and outcome.error is not None


def test_a_short_english_text_with_few_function_words_is_still_read() -> None:
    event = run("Ana Ruiz freed.\n\nPardia frees Ana Ruiz, Ben Ortiz and Carla Vidal after talks in Tarvo.")
    assert {p.name for p in event.people} >= {"Ana Ruiz"}
