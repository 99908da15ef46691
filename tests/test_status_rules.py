"""The person-status rule table (`status_rules.STATUS_RULES`): every example sentence runs through the
real hybrid rules (spaCy parse of a tiny article) and gives its status with the rule's id in the trail;
every rule id the code uses is in the table and every rule in the table is used by the code."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from extract.domains.release.strategies import status_rules
from extract.domains.release.strategies.hybrid_batch import rules_outcome
from extract.domains.release.strategies.hybrid_status import SUBJECT_CHAIN
from extract.domains.release.strategies.status_rules import (
    DROP,
    PRECEDENCE,
    PSEUDO_STATUSES,
    RULES,
    SAME,
    STATUS_RULES,
    Example,
    StatusRule,
    cue,
)

STRATEGIES = Path(status_rules.__file__).parent
EXAMPLES = [(r, e) for r in STATUS_RULES for e in r.examples]


@pytest.mark.parametrize(("row", "example"), EXAMPLES, ids=[f"{r.id}-{i}" for i, (r, _) in enumerate(EXAMPLES)])
def test_each_example_gets_its_status_with_the_rule_id_in_the_trail(row: StatusRule, example: Example) -> None:
    outcome = rules_outcome(example.text)
    assert outcome.event is not None
    found = [i for i, p in enumerate(outcome.event.people) if p.name == example.name]
    assert found, f"{example.name} not found: {[p.name for p in outcome.event.people]}"
    person = outcome.event.people[found[0]]
    trail = outcome.trail[f"people[{found[0]}].status"]
    assert (person.status, row.id in trail) == (example.status, True), trail


def test_every_rule_has_an_example_a_known_status_and_a_strength() -> None:
    assert len(RULES) == len(STATUS_RULES), "duplicate rule ids"
    for row in STATUS_RULES:
        assert row.examples and row.description, row.id
        assert row.status in {*PRECEDENCE, *PSEUDO_STATUSES, SAME, DROP}, row.id
        assert row.strength is None or 0 <= row.strength <= 3, row.id
        for example in row.examples:
            assert example.status in PRECEDENCE and example.name in example.text, row.id
            if row.status in PRECEDENCE:
                assert example.status == row.status or row.status == "other", row.id


def test_each_rule_names_the_functions_that_detect_it() -> None:
    for row in STATUS_RULES:
        for detector in row.detectors:
            module_name, function_name = detector.split(".")
            module = importlib.import_module(f"extract.domains.release.strategies.{module_name}")
            assert f'"{row.id}"' in inspect.getsource(getattr(module, function_name)), (row.id, detector)


def _ids_in(node: ast.AST) -> set[str]:
    """The string values an argument can take: a literal, or either branch of `a if test else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _ids_in(node.body) | _ids_in(node.orelse)
    return set()


def _ids_used_in_code() -> set[str]:
    """Rule ids in the strategies' code: what the detectors of `SUBJECT_CHAIN` return, the first
    argument of `cue` and `resolve`, the third of `_previous_group_cue`, and what post-passes
    append to a person's `status_rules`."""
    used: set[str] = set()
    chain = {detect.__name__ for detect in SUBJECT_CHAIN}
    for path in STRATEGIES.glob("hybrid*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in chain and path.name == "hybrid_status.py":
                used |= {i for r in ast.walk(node) if isinstance(r, ast.Return) and r.value for i in _ids_in(r.value)}
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ("cue", "resolve") and node.args:
                used |= _ids_in(node.args[-1] if name == "resolve" else node.args[0])
            elif name == "_previous_group_cue" and len(node.args) == 3:
                used |= _ids_in(node.args[2])
            elif name == "append" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) and (
                func.value.attr == "status_rules"
            ):
                used |= _ids_in(node.args[0])
    return used


def test_every_rule_id_in_the_code_is_in_the_table_and_every_rule_is_used() -> None:
    used = _ids_used_in_code()
    assert used - set(RULES) == set(), "ids used in code but missing from STATUS_RULES"
    assert set(RULES) - used == set(), "dead rules: in STATUS_RULES but never used"


def test_a_cue_takes_status_and_strength_from_the_table_only() -> None:
    made = cue("release-subject", 4)
    assert (made.status, made.strength, made.sentence, made.why) == ("released", 3, 4, "release-subject")
    with pytest.raises(KeyError):
        cue("no-such-rule", 0)
    with pytest.raises(ValueError, match="status"):
        cue("release-subject", 0, status="still_detained")
    with pytest.raises(ValueError, match="status"):
        cue("ellipsis", 0)
    with pytest.raises(ValueError, match="strength"):
        cue("release-announced", 0)
    assert cue("release-announced", 1, strength=2.2).strength == 2.2


def test_the_strengths_in_the_module_docstring_are_those_of_the_table() -> None:
    doc = status_rules.__doc__ or ""
    paragraph = doc[doc.index("Strengths:") : doc.index("The\nfull table")]
    told = {float(n) for n in re.findall(r"(?<![\w.])(\d(?:\.\d)?)(?=\s)", paragraph)}
    assert told == {r.strength for r in STATUS_RULES if r.strength is not None}


def test_the_rules_document_is_generated_from_the_table() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "status_rules.md"
    assert docs.read_text(encoding="utf-8") == status_rules.markdown(), (
        "regenerate: python -m extract.domains.release.strategies.status_rules > docs/status_rules.md"
    )


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        ("Ruritania frees pilot\n\nOn Monday the king pardoned Omar Haddad's brother.\n", "Omar Haddad", "other"),
        ("Ruritania frees pilot\n\nThe swap took place after the president commuted Omar Haddad's sentence.\n",
         "Omar Haddad", "released"),
    ],
)
def test_a_release_verb_before_a_possessive_frees_the_owner_only_of_a_sentence(text: str, name: str, status: str) -> None:
    event = rules_outcome(text).event
    assert event is not None and next(p.status for p in event.people if p.name == name) == status
