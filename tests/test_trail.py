"""The trail: every value of a record names the rules (or the model and prompt) that produced it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from extract.domains.release.schema import Person, ReleaseEvent
from extract.domains.release.strategies.hybrid import HybridStrategy, rule_files, run_rules
from extract.domains.release.strategies.hybrid_people import PersonFinding, decide
from extract.domains.release.strategies.hybrid_status import Cue
from extract.domains.release.strategies.hybrid_text import analyse
from extract.domains.release.strategies.hybrid_weights import (
    StatusWeights,
    load_status_weights,
    status_features,
)
from extract.io import Article
from extract.records import Record, renumber_trail, source_trail, untraced_values, value_paths
from extract.testing import NeverCalled

ARTICLE = """Ruritania frees two journalists in deal brokered by Norway

ZENDA, May 3, 2024 - Ruritania on Friday freed Anna Berg, a Dutch journalist, and reporter Tom Ray, who holds Irish citizenship, President Karl Hoff said.
Berg, who is known locally as Annie Bergova, was flown to Oslo with Ray.
The deal was brokered by Norwegian envoy Lars Dahl in exchange for the return of seized funds.
"We are relieved," said Berg's brother, Erik Berg.
Rights groups say 40 political prisoners remain in custody, among them blogger Ivan Petrov.
"""

PERSON_FIELDS = ("name", "aliases", "status", "role", "nationality", "evidence")


def _exact_person_paths(event: ReleaseEvent) -> list[str]:
    out = []
    for index, person in enumerate(event.people):
        for name in PERSON_FIELDS:
            value = getattr(person, name)
            if name == "aliases":
                out += [f"people[{index}].aliases[{k}]" for k in range(len(value))]
            elif value not in (None, ""):
                out.append(f"people[{index}].{name}")
    return out


def test_every_value_of_every_person_and_every_event_field_has_rule_ids() -> None:
    event, _, trail = run_rules(analyse(ARTICLE))
    assert len(event.people) >= 5 and event.releasing_country and event.evidence is not None
    assert untraced_values(event, trail) == []
    # people's values are traced one by one, never through a path above them
    assert not [key for key in trail if key == "people" or (key.startswith("people[") and "." not in key)]
    missing = [path for path in _exact_person_paths(event) if not trail.get(path)]
    assert missing == []
    for name, value in event.evidence.model_dump().items():
        assert value is None or trail[f"evidence.{name}"] == trail[name]


LISTS_ARTICLE = """Ruritania frees journalists in Qatari-brokered deal

ZENDA, May 3, 2024 - Ruritania on Friday freed Anna Berg, a Dutch journalist, and 11 Estonian citizens, President Karl Hoff said.
The freed men were flown to Lithuania.
Berg had been convicted of espionage and treason.
"""
LIST_FIELDS = ("destinations", "nationalities_released", "mediators", "charges")


def _untraced_list_items(event: ReleaseEvent, trail: dict[str, list[str]]) -> list[str]:
    """Items of list fields without rule ids of their own, and trail entries of items that do not exist."""
    missing = [f"{name}[{i}]" for name in LIST_FIELDS for i in range(len(getattr(event, name)))
               if not trail.get(f"{name}[{i}]")]
    stale = [key for key in trail for name in LIST_FIELDS
             if key == name or (key.startswith(f"{name}[") and int(key[len(name) + 1 :].split("]")[0])
                                >= len(getattr(event, name)))]
    return missing + stale


def test_every_item_of_every_list_field_has_rule_ids_of_its_own() -> None:
    event, _, trail = run_rules(analyse(LISTS_ARTICLE))
    assert all(getattr(event, name) for name in LIST_FIELDS)  # the article fills every list field
    assert len(event.charges) >= 2 and len(event.nationalities_released) >= 2
    assert _untraced_list_items(event, trail) == []
    assert untraced_values(event, trail) == []


def test_a_list_item_without_a_trail_entry_is_untraced() -> None:
    event, _, trail = run_rules(analyse(LISTS_ARTICLE))
    for name in LIST_FIELDS:
        path = f"{name}[{len(getattr(event, name)) - 1}]"
        without = {key: ids for key, ids in trail.items() if key != path}
        assert path in _untraced_list_items(event, without)
        untraced = untraced_values(event, without)
        assert untraced and all(p == path or p.startswith(path + ".") for p in untraced)


@pytest.mark.parametrize(
    ("text", "field", "value", "rule"),
    [
        (LISTS_ARTICLE, "charges", "espionage", "charges.charge-word"),
        ('Ruritania on Monday freed Anna Berg, who was serving a sentence for "disturbing public order".',
         "charges", "disturbing public order", "charges.quoted-offence"),
        (LISTS_ARTICLE, "nationalities_released", "Estonia", "nationalities.citizens-of"),
        (LISTS_ARTICLE, "nationalities_released", "Netherlands", "nationalities.released-person"),
        (LISTS_ARTICLE, "mediators", "Qatar", "mediators.hyphen-brokered"),
        (LISTS_ARTICLE, "destinations", "Lithuania", "destinations.detainees-taken"),
    ],
)
def test_a_list_item_names_the_rule_that_found_it(text: str, field: str, value: str, rule: str) -> None:
    event, _, trail = run_rules(analyse(text))
    items = [d.country if hasattr(d, "country") else d for d in getattr(event, field)]
    assert rule in trail[f"{field}[{items.index(value)}]"]


def test_a_list_changed_without_its_item_trail_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.domains.release.strategies.hybrid as hybrid

    real = hybrid.find_event

    def stale(a: Any, people: Any) -> Any:
        found = real(a, people)
        found.charges = [*found.charges, "fraud"]  # a post-pass that bypasses EventFindings.set_items
        return found

    monkeypatch.setattr(hybrid, "find_event", stale)
    with pytest.raises(RuntimeError, match="charges: 2 trail entries for 3 items"):
        run_rules(analyse(LISTS_ARTICLE))


def test_a_value_found_by_two_rules_is_listed_once_naming_both() -> None:
    from extract.domains.release.strategies.hybrid_items import Items

    items: Items[str] = Items()
    assert items.add("Estonia", "nationalities.citizens-of") and items.add("Latvia", "nationalities.freed-demonym")
    assert not items.add("Estonia", "nationalities.freed-demonym")
    assert not items.add("Estonia", "nationalities.citizens-of")
    assert items.values == ["Estonia", "Latvia"]
    assert items.rules == [["nationalities.citizens-of", "nationalities.freed-demonym"], ["nationalities.freed-demonym"]]


@pytest.mark.parametrize(
    ("sentence", "name", "path", "rule"),
    [
        ("Ruritania freed Anna Berg, a Dutch journalist, on Monday.", "Anna Berg", "role", "role.appositive"),
        ("Ruritania freed Anna Berg, a Dutch journalist, on Monday.", "Anna Berg", "nationality",
         "nationality.appositive"),
        ("Ruritania on Monday freed Tom Ray, who holds Irish citizenship.", "Tom Ray", "nationality",
         "nationality.holds-citizenship"),
        ("Bishop Karl Wendt said the freed men were well.", "Karl Wendt", "role", "role.left-noun-phrase"),
        ("Ruritania freed Anna Berg, who is known locally as Annie Bergova, on Monday.", "Anna Berg",
         "aliases[0]", "alias.known-as"),
        ("Ruritania freed Anna Berg on Monday.", "Anna Berg", "name", "name.ner"),
        ("Ruritania frees activists\n\nRuritania freed four activists on Monday. (AP Photo/Jane Roe)\n", "Jane Roe",
         "name", "name.credit-line"),
        ("Ruritania frees activists\n\nThose freed include:\n- Juan Pablo Ortiz Soto, a teacher;\n- Ana Ruiz, a nurse.\n",
         "Juan Pablo Ortiz Soto", "name", "name.list-item"),
        ("Ruritania freed Anna Berg, a Dutch journalist, on Monday.", "Anna Berg", "evidence",
         "evidence.release-object"),
        ("Belarus freed Tom Ray and Li Wei on Monday. Both are Estonian citizens.", "Li Wei", "nationality",
         "nationality.all-are"),
        ("Belarus freed several Estonian detainees, including Tom Ray, on Monday.", "Tom Ray", "nationality",
         "nationality.described-group"),
        ("Among the Estonians were Tom Ray and Li Wei.", "Tom Ray", "nationality", "nationality.named-group"),
        ("The Swiss team, headed by mediator Sara Lind, arrived in Zenda on Monday.", "Sara Lind", "nationality",
         "nationality.of-delegation"),
        ("Ruritania freed Aliya Nurlanova on Monday, said Conservative MP Jane Fox.", "Aliya Nurlanova", "name",
         "name.ner-widened"),
        ("Sheikh Tamim Al Thani thanked Cardinal Pietro Rossi for his help.", "Pietro Rossi", "name", "name.cut"),
    ],
)
def test_a_person_value_names_the_rule_that_set_it(sentence: str, name: str, path: str, rule: str) -> None:
    event, _, trail = run_rules(analyse(sentence))
    index = next(i for i, p in enumerate(event.people) if p.name == name)
    assert rule in trail[f"people[{index}].{path}"]


def test_value_paths_and_untraced_values_work_on_any_schema() -> None:
    event = ReleaseEvent(releasing_country="Ruritania", charges=["espionage", "fraud"],
                         people=[Person(name="A B", aliases=["B"], status="released")])
    paths = value_paths(event)
    assert paths == ["releasing_country", "people[0].name", "people[0].aliases[0]", "people[0].status", "charges[0]",
                     "charges[1]"]
    trail = {"releasing_country": ["r1"], "charges": ["r2"], "people[0].name": ["r3"], "people[0].status": ["r4"]}
    assert untraced_values(event, trail) == ["people[0].aliases[0]"]
    assert untraced_values(event, {**trail, "people[0].aliases[0]": []}) == ["people[0].aliases[0]"]  # no ids: untraced


def test_a_model_strategy_names_its_source_for_every_field_it_set() -> None:
    event = ReleaseEvent(released_count=3, people=[Person(name="A B", status="released")])
    trail = source_trail(event, "model.single:single@3+abcd1234")
    assert trail == {"released_count": ["model.single:single@3+abcd1234"], "people": ["model.single:single@3+abcd1234"]}
    assert untraced_values(event, trail) == []


def test_dropped_people_leave_the_trail_and_the_rest_are_renumbered() -> None:
    a, b, c = (Person(name=n, status="other") for n in ("A A", "B B", "C C"))
    trail = {"people[0].name": ["x"], "people[1].name": ["y"], "people[2].status": ["z"], "releasing_country": ["w"]}
    assert renumber_trail(trail, "people", [a, b, c], [a, c]) == {
        "people[0].name": ["x"], "people[1].status": ["z"], "releasing_country": ["w"]}


def test_removed_items_of_a_list_of_values_leave_the_trail_and_the_rest_are_renumbered() -> None:
    before = ["espionage", "treason", "fraud"]
    trail = {"charges[0]": ["a"], "charges[1]": ["b"], "charges[2]": ["c"], "mediators[1]": ["d"]}
    assert renumber_trail(trail, "charges", before, [before[0], before[2]]) == {
        "charges[0]": ["a"], "charges[1]": ["c"], "mediators[1]": ["d"]}


def test_a_record_from_a_model_strategy_traces_every_value(tmp_path: Path) -> None:
    from extract import Extractor, Settings
    from extract.testing.fake_openai import FakeOpenAIServer

    text = "The government freed Ana Lopez on Monday. Officials said 12 prisoners were released in all."

    def responder(body: dict[str, Any]) -> dict[str, Any]:
        return {"released_count": 12, "people": [{"name": "Ana Lopez", "status": "released",
                                                   "evidence": "The government freed Ana Lopez on Monday."}]}

    with FakeOpenAIServer(responder=responder) as srv:
        settings = Settings(base_url=srv.base_url, model="fake-model", mode="llamacpp", cache_dir=tmp_path, retries=1)
        with Extractor(settings) as extractor:
            record = extractor.extract(text, id="m1")
    assert record.event is not None and record.trail is not None
    source = f"model.single:{record.prompt_version}"
    assert record.trail["people"] == [source] and record.trail["released_count"] == [source]
    assert untraced_values(record.event, record.trail) == []


def test_the_view_groups_the_trail_per_person(tmp_path: Path) -> None:
    from extract import Extractor, Settings
    from extract.view import render_view

    settings = Settings(strategy="hybrid", hybrid_questions=(), cache=False, cache_dir=tmp_path)
    with Extractor(settings) as extractor:
        record = extractor.extract(ARTICLE, id="a1")
    assert record.event is not None and record.trail is not None
    assert untraced_values(record.event, record.trail) == []
    back = Record.model_validate(json.loads(record.model_dump_json()))  # the JSONL line keeps it
    assert back.trail == record.trail
    page = render_view([record], {"a1": ARTICLE})
    berg = next(i for i, p in enumerate(record.event.people) if p.name == "Anna Berg")
    assert f"people[{berg}] · Anna Berg" in page
    assert "role.appositive" in page and "nationality.appositive" in page and "name.ner" in page
    # the event's own values come before the first person's group
    assert page.index("releasing_country</td>") < page.index(f"people[{berg}] · Anna Berg")


def test_the_view_shows_the_rule_ids_of_each_list_item_beside_its_value(tmp_path: Path) -> None:
    from extract import Extractor, Settings
    from extract.view import render_view

    settings = Settings(strategy="hybrid", hybrid_questions=(), cache=False, cache_dir=tmp_path)
    with Extractor(settings) as extractor:
        record = extractor.extract(LISTS_ARTICLE, id="l1")
    assert record.event is not None and record.trail is not None
    back = Record.model_validate(json.loads(record.model_dump_json()))  # the JSONL line keeps it
    assert back.trail == record.trail and back.event is not None and _untraced_list_items(back.event, back.trail) == []
    page = render_view([record], {"l1": LISTS_ARTICLE})
    for name in LIST_FIELDS:
        for index, item in enumerate(getattr(record.event, name)):
            label = getattr(item, "country", item)
            ids = ", ".join(record.trail[f"{name}[{index}]"])
            assert f"<td>{name}[{index}] · {label}</td><td>{ids}</td>" in page


# ---------------------------------------------------------------- the fitted status decision


def _weights(favour: str) -> StatusWeights:
    classes = ("still_detained", "released", "negotiator", "official", "other")
    return StatusWeights(classes, (0.0,) * 5, {"still_detained:still-held": tuple(
        2.0 if c == favour else 0.0 for c in classes)}, "test")


def test_fitted_weights_decide_the_status_instead_of_strength_and_precedence() -> None:
    mention_cues = [Cue("released", 3, 0, "released-object"), Cue("still_detained", 2, 1, "still-held")]
    hand = PersonFinding(mentions=_mentions(), cues=list(mention_cues))
    decide(hand)
    assert hand.status == "released" and hand.evidence_sentence == 0
    fitted = PersonFinding(mentions=_mentions(), cues=list(mention_cues), weights=_weights("still_detained"))
    decide(fitted)
    assert fitted.status == "still_detained" and fitted.evidence_sentence == 1
    trail = fitted.trail("people[0]")
    # the fitted id, then the feature that weighed most for the winner over the runner-up, then the cue
    assert trail["people[0].status"] == [
        "status.fitted-weights@test", "feature:still_detained:still-held+4.00", "still-held"]
    assert trail["people[0].evidence"] == ["evidence.still-held"]
    assert hand.trail("people[0]")["people[0].status"] == ["released-object"]


def _mentions() -> list[Any]:
    from extract.domains.release.strategies.hybrid_names import Mention

    return [Mention(0, 2, "Anna Berg", 0, 9, 0)]


def test_status_features_keep_the_strongest_firing_of_each_rule_and_the_role_flags() -> None:
    cues = [Cue("released", 2, 0, "list-member"), Cue("released", 3, 1, "list-member"), Cue("speech", 2, 2, "said")]
    resolved = [Cue("released", 3, 1, "list-member"), Cue("official", 2, 2, "said")]
    assert status_features(cues, resolved, {"official-role": True, "relative-role": False}) == {
        "released:list-member": 3.0, "speech:said": 2.0, "strongest:released": 3.0, "strongest:official": 2.0,
        "official-role": 1.0}


def test_the_fitted_decision_changes_the_version_and_reaches_the_trail(tmp_path: Path) -> None:
    hand = HybridStrategy(workers=1, status_decision="hand")
    fitted = HybridStrategy(workers=1, status_decision="fitted")
    assert "status-weights@" in fitted.version and "status-weights@" not in hand.version
    # the code of the trail and of the decision hook is part of every hybrid version (and cache key)
    assert {"domains/release/strategies/hybrid_weights.py", "domains/release/strategies/hybrid_people.py",
            "domains/release/strategies/hybrid_names.py"} <= set(rule_files())
    result = asyncio.run(fitted.extract(Article("t", ARTICLE), NeverCalled()))  # type: ignore[arg-type]
    assert any(key.endswith(".status") and ids[0] == load_status_weights().rule_id for key, ids in result.trail.items())
    with pytest.raises(ValueError, match="status decision"):
        HybridStrategy(status_decision="learned")


def test_weights_with_a_row_of_the_wrong_length_are_refused() -> None:
    with pytest.raises(ValueError, match="one weight per class"):
        StatusWeights.from_json({"classes": ["a", "b"], "bias": [0, 0], "weights": {"x": [1.0]}})


def test_the_fitting_script_learns_which_rule_points_to_which_status(
    benchmark_script: Callable[[str], ModuleType],
) -> None:
    script = benchmark_script("fit_status_weights")
    rows = [({"released:freed": 3.0}, "released")] * 20 + [({"speech:said": 2.0}, "other")] * 20
    rows += [({"speech:said": 2.0, "official-role": 1.0}, "official")] * 20
    weights = script.fit(rows)
    assert weights.choose({"released:freed": 3.0}) == "released"
    assert weights.choose({"speech:said": 2.0}) == "other"
    assert weights.choose({"speech:said": 2.0, "official-role": 1.0}) == "official"
    assert weights.scores({})["released"] == pytest.approx(weights.bias[1])  # unknown features weigh nothing


def test_the_status_decision_is_a_setting_and_a_flag(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from extract import Settings
    from extract.cli import cli
    from extract.domains.release import DOMAIN
    from extract.errors import ConfigError

    fitted = DOMAIN.strategies["hybrid"](Settings(hybrid_status="fitted", hybrid_questions=()))
    hand = DOMAIN.strategies["hybrid"](Settings(hybrid_questions=()))
    assert "status-weights@" in fitted.version and "status-weights@" not in hand.version
    with pytest.raises(ConfigError, match="hybrid_status must be one of hand, fitted"):
        Settings(hybrid_status="learned")
    assert Settings.load(env={"EXTRACT_HYBRID_STATUS": "fitted"}, config_file=None).hybrid_status == "fitted"
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--hybrid-status", "x"])
    assert result.exit_code == 2 and "--hybrid-status" in result.output
