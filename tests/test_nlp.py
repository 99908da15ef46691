"""The spaCy layer: pinned by version and hash, loaded lazily, offsets into the original text."""

from __future__ import annotations

import subprocess
import sys

import pytest

from extract import nlp

TEXT = (
    "Two aid workers freed in border deal\n"
    "Officials in Oslo said on Monday that Ingrid Lind and Omar Haddad, both Norwegian citizens, "
    "had been released after 14 months. They flew home on Tuesday."
)


def test_importing_the_strategy_loads_neither_spacy_nor_the_pipeline() -> None:
    code = (
        "import sys, extract.nlp as n, extract.domains.release.strategies.hybrid\n"
        "assert n._pipeline is None\n"
        "assert 'spacy' not in sys.modules, 'spacy imported at import time'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_installed_pipeline_matches_the_pinned_version_and_weights_hash() -> None:
    folder = nlp.verify_model()
    assert (folder / nlp.NER_WEIGHTS_PATH).is_file()


def test_a_different_weights_hash_is_refused_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "NER_WEIGHTS_SHA256", "0" * 64)
    with pytest.raises(nlp.NLPUnavailable) as info:
        nlp.verify_model()
    assert "does not match the pinned" in str(info.value)
    assert "\n" not in str(info.value)


def test_a_different_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "MODEL_VERSION", "9.9.9")
    with pytest.raises(nlp.NLPUnavailable, match=r"3\.8\.0 is installed but 9\.9\.9 is required"):
        nlp.verify_model()


def test_a_missing_package_is_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "MODEL_PACKAGE", "no_such_spacy_pipeline_pkg")
    with pytest.raises(nlp.NLPUnavailable, match="is not installed"):
        nlp.verify_model()


def test_the_pipeline_is_loaded_once_and_reused() -> None:
    assert nlp.load_pipeline() is nlp.load_pipeline()


def test_a_headline_without_full_stop_is_its_own_sentence() -> None:
    sents = nlp.sentences(nlp.parse(TEXT))
    assert sents[0].text == "Two aid workers freed in border deal"
    assert sents[1].text.startswith("Officials in Oslo")


def test_sentence_and_entity_offsets_slice_the_original_text() -> None:
    doc = nlp.parse(TEXT)
    sents = nlp.sentences(doc)
    for s in sents:
        assert TEXT[s.start : s.end] == s.text
    ents = nlp.entities(doc, sents=sents)
    for e in ents:
        assert TEXT[e.start : e.end] == e.text
        assert sents[e.sentence].start <= e.start < sents[e.sentence].end
    found = {(e.text, e.label) for e in ents}
    assert ("Ingrid Lind", "PERSON") in found
    assert ("Oslo", "GPE") in found
    assert {e.label for e in ents} <= nlp.ENTITY_LABELS


def test_entities_can_be_restricted_to_some_labels() -> None:
    ents = nlp.entities(nlp.parse(TEXT), labels={"PERSON"})
    assert ents and all(e.label == "PERSON" for e in ents)


def test_spacy_tokens_compare_by_position_not_identity() -> None:
    """Why the rules compare tokens with ==: every access builds a new Token object."""
    doc = nlp.parse("The reporter was freed on Friday.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert root.head == root
    assert root.head is not root
    assert doc[0] == doc[0] and doc[0] is not doc[0]
