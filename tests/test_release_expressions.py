"""The vocabulary of release beyond "released"/"freed" (`cues` release expressions, read on the parse by
`hybrid_text.release_expression`): one predicate answers "is this a release?" for the person's status and
for the article's judgement that a release was told done, and the mood checks apply to every form.

Every sentence here is written for the test (invented names and places). The headline says nothing of a
release, so the lead sentence alone must tell it."""

from __future__ import annotations

import pytest

from extract.domains.release.strategies.hybrid_batch import rules_outcome
from extract.domains.release.strategies.hybrid_text import analyse, done_releases, release_expression

HEADLINE = "A long wait ends in Velmora\n\nJune 9, 2026\n\n"


def _outcome(sentence: str, name: str) -> tuple[str | None, list[str], list[str]]:
    """The person's status and status trail, and the event trail, for a one-sentence article."""
    outcome = rules_outcome(HEADLINE + sentence + "\n")
    assert outcome.event is not None
    found = [i for i, p in enumerate(outcome.event.people) if p.name == name]
    if not found:
        return None, [], outcome.trail.get("event", [])
    i = found[0]
    return outcome.event.people[i].status, outcome.trail[f"people[{i}].status"], outcome.trail.get("event", [])


RELEASE_TOLD = [
    # phrasal and idiomatic forms, active and passive
    ("The guards set Tomas Varga free at dawn on Sunday.", "Tomas Varga"),
    ("Tomas Varga was set loose on a country road after three weeks.", "Tomas Varga"),
    ("The militia let Tomas Varga go on Sunday after his family paid.", "Tomas Varga"),
    ("Tomas Varga was let out of the county jail on Sunday.", "Tomas Varga"),
    ("Tomas Varga walked free from the courthouse on Sunday.", "Tomas Varga"),
    ("Tomas Varga went free on Sunday when the charges collapsed.", "Tomas Varga"),
    ("Tomas Varga walked out of the prison gates on Sunday morning.", "Tomas Varga"),
    ("Tomas Varga got out of jail on Sunday after serving half his term.", "Tomas Varga"),
    ("Tomas Varga emerged from the detention centre on Sunday, thinner and pale.", "Tomas Varga"),
    ("Tomas Varga left the prison on Sunday with a bag of letters.", "Tomas Varga"),
    ("Tomas Varga returned home on Sunday after seven years in a foreign jail.", "Tomas Varga"),
    ("Tomas Varga was handed over to consular staff at the border on Sunday.", "Tomas Varga"),
    ("Tomas Varga was allowed to leave prison on Sunday.", "Tomas Varga"),
    ("Tomas Varga was allowed to return home on Sunday.", "Tomas Varga"),
    ("Tomas Varga regained his freedom on Sunday.", "Tomas Varga"),
    ("Tomas Varga won his release on Sunday after a two-year legal fight.", "Tomas Varga"),
    ("Tomas Varga received a pardon on Sunday from the head of state.", "Tomas Varga"),
    ("Tomas Varga tasted freedom on Sunday for the first time since 2019.", "Tomas Varga"),
    ("Tomas Varga benefited from the holiday amnesty on Sunday.", "Tomas Varga"),
    ("Tomas Varga was given his freedom on Sunday.", "Tomas Varga"),
    ("Tomas Varga was granted bail on Sunday and went home to his wife.", "Tomas Varga"),
    ("Tomas Varga was bailed on Sunday pending an appeal.", "Tomas Varga"),
    ("Tomas Varga was discharged from the penal colony on Sunday.", "Tomas Varga"),
    ("Tomas Varga was liberated on Sunday by the advancing troops.", "Tomas Varga"),
    ("Tomas Varga was amnestied on Sunday with 200 other inmates.", "Tomas Varga"),
    ("Tomas Varga had his sentence commuted and was freed on Sunday.", "Tomas Varga"),
    ("Tomas Varga was moved to house arrest on Sunday after two years in a cell.", "Tomas Varga"),
    # a person free or out now
    ("Tomas Varga is a free man after eleven years behind bars.", "Tomas Varga"),
    ("Tomas Varga walked out a free man on Sunday.", "Tomas Varga"),
    ("Tomas Varga is out of prison after eleven years.", "Tomas Varga"),
    ("Tomas Varga is free after eleven years behind bars.", "Tomas Varga"),
    # list, participial and appositive constructions
    ("Tomas Varga was among those freed on Sunday.", "Tomas Varga"),
    ("Tomas Varga was one of 40 inmates released on Sunday.", "Tomas Varga"),
    ("Tomas Varga, who was set free on Sunday, thanked his lawyers.", "Tomas Varga"),
    ("Tomas Varga, freed on Sunday, thanked his lawyers.", "Tomas Varga"),
    ("The freed activist Tomas Varga thanked his lawyers on Sunday.", "Tomas Varga"),
    ("Those released on Sunday included Tomas Varga, Ilse Moran and Pavel Dusek.", "Ilse Moran"),
]


@pytest.mark.parametrize(("sentence", "name"), RELEASE_TOLD, ids=[s[:40] for s, _ in RELEASE_TOLD])
def test_each_release_expression_frees_the_person_and_makes_a_release_article(sentence: str, name: str) -> None:
    status, trail, event = _outcome(sentence, name)
    assert status == "released", trail
    assert not any(rule.startswith("event.none") or rule == "no-release-told" for rule in event), event


NOT_RELEASED = [
    # mood checks: demanded, supposed, announced for later, negated
    ("Rights groups urged the court to let Tomas Varga walk free.", "Tomas Varga"),
    ("Tomas Varga could walk free next month if the appeal succeeds.", "Tomas Varga"),
    ("Tomas Varga will be allowed to leave prison next week, the ministry said.", "Tomas Varga"),
    ("Tomas Varga has not regained his freedom, his lawyer said.", "Tomas Varga"),
    ("Tomas Varga is not a free man, his lawyer said.", "Tomas Varga"),
    # the same words about something else
    ("Tomas Varga was discharged from hospital on Sunday and taken back to his cell.", "Tomas Varga"),
    ("Tomas Varga won the release of two cousins held by a militia.", "Tomas Varga"),
]


@pytest.mark.parametrize(("sentence", "name"), NOT_RELEASED, ids=[s[:40] for s, _ in NOT_RELEASED])
def test_a_release_expression_in_a_demand_supposed_later_negated_or_about_others_frees_nobody(
    sentence: str, name: str
) -> None:
    status, trail, _ = _outcome(sentence, name)
    assert status != "released", trail


@pytest.mark.parametrize(("sentence", "verb", "kind"), [
    ("The guards set the fishermen free.", "set", "complement"),
    ("The singer regained her freedom.", "regained", "gained-freedom"),
    ("The reporter was allowed to leave the jail.", "allowed", "permitted-exit"),
    ("The reporter was moved to house arrest.", "moved", "to-house-arrest"),
    ("The reporter is a free man.", "is", "free-state"),
    ("The reporter was given his freedom.", "given", "given-freedom"),
])
def test_release_expression_names_how_a_verb_tells_a_release(sentence: str, verb: str, kind: str) -> None:
    a = analyse(sentence)
    token = next(t for t in a.doc if t.lower_ == verb)
    assert release_expression(token) == kind
    assert token in done_releases(a.sents[0].span)


@pytest.mark.parametrize("sentence", [
    "The elections last year were free and fair, observers said.",
    "The minister said press freedom was gaining ground.",
    "The company let go of its plan to build a port.",
])
def test_free_and_freedom_outside_a_release_are_no_release_expression(sentence: str) -> None:
    a = analyse(sentence)
    assert not [t for t in done_releases(a.sents[0].span) if t.pos_ in ("VERB", "AUX")]


def test_let_go_of_people_is_a_release_and_let_go_of_a_thing_is_not() -> None:
    a = analyse("Under the deal, the rebels let go of 30 soldiers and the army gave up two villages.")
    assert any(t.lower_ == "let" for t in done_releases(a.sents[0].span))


@pytest.mark.parametrize("sentence", [
    "Critics are free to protest within the law, the minister said.",
    "The envoy worked for months to win freedom for the two sailors.",
])
def test_free_to_act_and_freedom_won_for_others_free_not_the_subject(sentence: str) -> None:
    a = analyse(sentence)
    assert not [t for t in done_releases(a.sents[0].span) if t.lower_ in ("are", "win")]


def test_a_headline_infinitive_hung_from_a_noun_is_a_release_for_later() -> None:
    from extract.domains.release.strategies.hybrid_event import release_mood

    a = analyse("Thousands to go free in holiday amnesty\n\nThe decree was read on state radio.")
    go = next(t for t in a.doc if t.lower_ == "go")
    assert release_mood(go) == "future"


@pytest.mark.parametrize(("sentence", "name", "expected"), [
    ("One of the freed reporters is Ilse Moran, a photographer.", "Ilse Moran", "released"),
    ("The rest of the group of released monks is Pavel Dusek.", "Pavel Dusek", "released"),
    # a part noun leads to the group; another noun does not ("the lawyer of the freed men" is no freed man)
    ("The lawyer of the freed men is Pavel Dusek.", "Pavel Dusek", "other"),
])
def test_a_part_of_the_freed_named_after_is_is_freed(sentence: str, name: str, expected: str) -> None:
    status, trail, _ = _outcome("Velmora freed nine monks and three reporters on Sunday. " + sentence, name)
    assert status == expected, trail
