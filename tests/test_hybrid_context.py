"""The fitted status decision's lexical context features (`hybrid_context`) and the fit around them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from extract.domains.release.strategies.hybrid import run_rules
from extract.domains.release.strategies.hybrid_people import PersonFinding, find_people
from extract.domains.release.strategies.hybrid_text import analyse
from extract.domains.release.strategies.hybrid_weights import StatusWeights, load_status_weights

CLASSES = ("still_detained", "released", "negotiator", "official", "other")


def _person(text: str, name: str) -> PersonFinding:
    found = [p for p in find_people(analyse(text)) if p.name == name]
    assert found, f"{name} not found"
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "expected", "absent"),
    [
        # the governing verb, the relation, a release word, the title before the name
        ("Harbour town frees teacher\n\nThe authorities of Pardia freed the teacher Ola Brekk on Monday after a "
         "year in a cell.\n", "Ola Brekk",
          {"ctx.gov.dobj.free", "ctx.rel.dobj", "ctx.release-word", "ctx.appos.teacher", "ctx.pos.lead",
          "ctx.sent.release"}, {"ctx.verb.neg", "ctx.pos.headline", "ctx.gov2.free"}),
        # a title before the name; the root verb has nothing above it
        ("Minister speaks\n\nForeign Minister Ute Saar praised the mediators on Sunday.\n", "Ute Saar",
         {"ctx.title.minister", "ctx.gov.nsubj.praise", "ctx.rel.nsubj"}, {"ctx.sent.release"}),
        # a negated passive: the verb's markers
        ("Court keeps writer in jail\n\nOn Tuesday the writer Ivo Marsh was not released by the court in Pardia.\n",
         "Ivo Marsh", {"ctx.rel.nsubjpass", "ctx.gov.nsubjpass.release", "ctx.verb.neg", "ctx.verb.passive"},
         {"ctx.verb.future"}),
        # a future verb
        ("Pardia to free a nurse\n\nThe government said it will free Lena Holt, a nurse, next month.\n",
         "Lena Holt", {"ctx.gov.dobj.free", "ctx.verb.future", "ctx.appos.nurse"}, {"ctx.verb.neg"}),
        # a demand: the noun that governs the name, and the verb above it
        ("Groups ask for a release\n\nSeveral rights groups called for the release of the blogger Paul Dorn "
         "this week.\n", "Paul Dorn", {"ctx.gov.pobj-of.release", "ctx.gov2.call", "ctx.rel.pobj-of"},
         {"ctx.verb.neg", "ctx.verb.future"}),
    ],
)
def test_context_features_name_the_words_around_each_mention(
    text: str, name: str, expected: set[str], absent: set[str]
) -> None:
    features = _person(text, name).context
    assert expected <= set(features), sorted(features)
    assert not absent & set(features)


def test_no_name_becomes_a_context_feature_word() -> None:
    """A surname governing a mention ("talks between A and B", "B's envoy") never becomes a feature:
    the packaged weights must carry no article's names."""
    text = ("Envoy meets leader\n\nThe release of Ola Brekk followed talks between President Ruud Kamp "
            "and Tomas Velde, an envoy of Kamp. Velde's aide Ola Brekk flew home on Monday.\n")
    people = find_people(analyse(text))
    words = {part.lower() for p in people for part in p.name.split()}
    feature_words = {name.rsplit(".", 1)[-1] for p in people for name in p.context}
    assert people and not words & feature_words, sorted(words & feature_words)
    assert any("ctx.title.president" in p.context for p in people)  # a title that is a proper noun stays


def test_context_features_count_mentions_and_see_the_headline() -> None:
    text = ("Pardia frees Marta Vale\n\nPardia freed the activist Marta Vale on Friday. Vale thanked her lawyers. "
            "Vale said she would rest.\n")
    features = _person(text, "Marta Vale").context
    assert "ctx.pos.headline" in features and "ctx.mentions.one" not in features
    assert features["ctx.mentions"] == pytest.approx(4 / 5)  # the headline, the lead and two "Vale"
    assert {name for name in features if not name.startswith("ctx.")} == set()


def test_the_context_reaches_the_features_the_weights_read() -> None:
    person = _person("Pardia frees a teacher\n\nPardia freed the teacher Ola Brekk on Monday.\n", "Ola Brekk")
    assert set(person.context) <= set(person.features)
    assert any(name.startswith("released:") for name in person.features)  # the rule ids stay


def test_the_fitted_decision_reproduces_a_tiny_hand_made_model() -> None:
    # a model that knows one thing: a negated governing verb means still held, and nothing else
    model = StatusWeights(CLASSES, (0.0, 0.0, 0.0, 0.0, 0.5), {"ctx.verb.neg": (3.0, 0.0, 0.0, 0.0, 0.0)}, "tiny")
    text = ("Court keeps writer in jail\n\nOn Tuesday the writer Ivo Marsh was not released by the court. "
            "The singer Rosa Lind performed in the capital.\n")
    event, _, trail = run_rules(analyse(text), weights=model)
    status = {p.name: p.status for p in event.people}
    assert status["Ivo Marsh"] == "still_detained"
    assert status["Rosa Lind"] == "other"  # the bias alone
    index = next(i for i, p in enumerate(event.people) if p.name == "Ivo Marsh")
    assert trail[f"people[{index}].status"][:2] == ["status.fitted-weights@tiny", "feature:ctx.verb.neg+3.00"]


def test_reasons_are_the_features_that_raise_the_winner_over_the_runner_up() -> None:
    model = StatusWeights(CLASSES, (0.0,) * 5, {
        "a": (0.0, 2.0, 0.0, 0.0, 0.0), "b": (0.0, 0.5, 0.0, 0.0, 1.0), "c": (0.0, 1.0, 0.0, 0.0, 0.0)})
    features = {"a": 1.0, "b": 1.0, "c": 1.0, "unknown": 1.0}
    assert model.choose(features) == "released"
    # runner-up: other (score 1.0); b lowers the margin and is not a reason
    assert model.reasons(features, "released") == ["a+2.00", "c+1.00"]
    assert model.reasons(features, "released", top=1) == ["a+2.00"]


def test_the_weights_file_hash_is_the_version(tmp_path: Path) -> None:
    data = {"default": "hand", "classes": list(CLASSES), "bias": [0.0] * 5, "weights": {"ctx.verb.neg": [1.0, 0, 0, 0, 0]}}
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(data), encoding="utf-8")
    data["weights"]["ctx.verb.neg"][0] = 1.5
    second.write_text(json.dumps(data), encoding="utf-8")
    one, two = load_status_weights(first), load_status_weights(second)
    assert one.version == hashlib.sha256(first.read_bytes()).hexdigest()[:8]
    assert one.version != two.version and one.rule_id != two.rule_id


def test_the_packaged_weights_file_is_small_and_names_its_features() -> None:
    from extract.domains.release.strategies.hybrid_weights import WEIGHTS_FILE

    assert WEIGHTS_FILE.stat().st_size < 1_000_000
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert data["default"] in ("hand", "fitted") and data["l2"] in data["l2_chosen_by"]["grid"]
    assert all(len(row) == len(data["classes"]) for row in data["weights"].values())


def test_the_fit_keeps_a_context_feature_only_when_enough_articles_show_it(
    benchmark_script: Callable[[str], ModuleType],
) -> None:
    script = benchmark_script("fit_status_weights")

    def article(name: str, rows: list[tuple[dict[str, float], str]]) -> object:
        made = script.Article(name, name, None, None, None)  # type: ignore[arg-type]
        made.rows = rows
        return made

    articles = [article(f"s{i}", [({"ctx.win.cell": 1.0, "released:freed": 3.0}, "released")]) for i in range(3)]
    articles.append(article("rare", [({"ctx.win.boat": 1.0, "still_detained:held": 2.0}, "still_detained")]))
    keep = script.vocabulary(articles, 3)
    assert keep == {"ctx.win.cell", "released:freed", "still_detained:held"}  # rule ids are always kept


def test_the_fit_learns_a_lexical_cue_and_the_l2_choice_is_deterministic(
    benchmark_script: Callable[[str], ModuleType],
) -> None:
    script = benchmark_script("fit_status_weights")
    rows = [({"ctx.verb.neg": 1.0, "strongest:released": 3.0}, "still_detained")] * 15
    rows += [({"strongest:released": 3.0}, "released")] * 15 + [({"ctx.gov.nsubj.say": 1.0}, "other")] * 15
    weights = script.fit(rows, 1.0)
    assert weights.choose({"ctx.verb.neg": 1.0, "strongest:released": 3.0}) == "still_detained"
    assert weights.choose({"strongest:released": 3.0}) == "released"
    assert script.fit(rows, 1.0) == weights  # same rows, same weights
    strong = script.fit(rows, 1000.0)
    assert max(abs(w) for row in strong.weights.values() for w in row) < max(
        abs(w) for row in weights.weights.values() for w in row)
