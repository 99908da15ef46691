"""Shared analysis for the hybrid strategy: one parsed article and cue look-ups on its tokens.

Everything here reads `extract.cues` and the spaCy parse; nothing calls a model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import cues
from ..countries import canonical_country
from ..nlp import Entity, Sentence, entities, parse, sentences

__all__ = [
    "Analysis",
    "analyse",
    "country_of",
    "find_phrases",
    "has_phrase",
    "is_negated",
    "is_release_token",
    "is_wished_release",
    "looks_like_release_form",
    "phrase_pattern",
]

Token = Any  # spacy.tokens.Token


@dataclass
class Analysis:
    """A parsed article: text, Doc, sentences and entities, with offsets into `text`."""

    text: str
    doc: Any
    sents: list[Sentence]
    ents: list[Entity]
    _sent_of_token: dict[int, int] = field(default_factory=dict)

    def sentence_of(self, token: Token) -> Sentence | None:
        """The (trimmed) sentence holding a token, or None for whitespace."""
        index = self._sent_of_token.get(token.i)
        return self.sents[index] if index is not None else None

    def lower(self, sentence: Sentence) -> str:
        return sentence.text.lower()


def analyse(text: str) -> Analysis:
    """Parse `text` once; CPU-bound (run it in a thread from async code)."""
    doc = parse(text)
    sents = sentences(doc)
    ents = entities(doc, sents=sents)
    by_token: dict[int, int] = {}
    for s in sents:
        for token in s.span:
            if s.start <= token.idx < s.end:
                by_token[token.i] = s.index
    return Analysis(text, doc, sents, ents, by_token)


@cache
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A case-insensitive regex matching any of the phrases on word boundaries (longest first)."""
    alternatives = sorted({re.escape(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    return phrase_pattern(phrases).search(text) is not None


def find_phrases(text: str, phrases: tuple[str, ...]) -> list[re.Match[str]]:
    return list(phrase_pattern(phrases).finditer(text))


def country_of(text: str) -> str | None:
    """Canonical country for a country name, demonym, code or capital; None otherwise."""
    cleaned = re.sub(r"(?:['’]s|['’])$", "", text.strip())
    cleaned = re.sub(r"^the\s+", "", cleaned, flags=re.IGNORECASE)
    if not cleaned:
        return None
    found = canonical_country(cleaned)
    if found is not None:
        return found
    return cues.CAPITALS.get(cleaned)


def is_negated(token: Token) -> bool:
    """True when the token (or its auxiliary chain) carries a negation: "was not freed"."""
    for child in token.children:
        if child.dep_ == "neg" or (child.lower_ in cues.NEGATION_WORDS and child.dep_ in ("advmod", "det")):
            return True
    if token.dep_ in ("xcomp", "ccomp", "acomp", "conj") and token.head is not token:
        head = token.head
        if head.lemma_ in ("be", "remain") and any(c.dep_ == "neg" for c in head.children):
            return True
    return False


_FORM = re.compile(r"(?:ing|ed|d|s)$")


def looks_like_release_form(token: Token) -> bool:
    """A release verb form whatever its tag ("freeing" is sometimes tagged as a noun)."""
    lower = token.lower_
    if lower in cues.RELEASE_ADJECTIVES:
        return True
    stem = _FORM.sub("", lower)
    return lower.endswith(("ing", "ed")) and (stem in cues.RELEASE_VERBS or stem + "e" in cues.RELEASE_VERBS)


def is_release_token(token: Token) -> bool:
    """A verb, noun or participle of release ("freed", "pardon", "release", "swap", "sent home")."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        if lemma in cues.RELEASE_VERBS:
            return True
        if lemma in cues.TRANSFER_VERBS and any(c.lower_ == "home" for c in token.children):
            return True
        if lemma == "hand" and any(c.lower_ == "over" for c in token.children):
            return True
        if lemma in ("set", "let", "walk") and any(c.lower_ in ("free", "go", "loose") for c in token.children):
            return True
        return False
    if token.pos_ in ("NOUN", "PROPN") and lemma in cues.RELEASE_NOUNS:
        return lemma != "return" or any(c.lower_ in ("home",) for c in token.children)
    return lower in cues.RELEASE_ADJECTIVES


_FAILED_VERBS = frozenset({
    "call", "demand", "urge", "push", "press", "campaign", "appeal", "seek", "fight", "lobby", "hope",
    "plead", "ask", "want", "wait", "await", "work", "refuse", "deny", "reject", "oppose", "block",
})


def is_wished_release(token: Token) -> bool:
    """A release that is demanded, hoped for or refused rather than done: "called for her release"."""
    node = token
    for _ in range(4):
        if node.head is node:
            return False
        node = node.head
        if node.lemma_.lower() in _FAILED_VERBS or node.lower_ in ("pending", "without"):
            return True
        if is_negated(node):
            return True
    return False
