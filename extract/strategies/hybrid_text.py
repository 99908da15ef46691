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
    "MAX_PARSE_CHARS",
    "Analysis",
    "analyse",
    "country_of",
    "done_releases",
    "ent_span",
    "find_phrases",
    "has_phrase",
    "in_earlier_clause",
    "is_headline",
    "is_negated",
    "is_release_token",
    "is_wished_release",
    "looks_like_release_form",
    "past_round",
    "phrase_pattern",
    "verb_head",
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
    _ents_by_sentence: dict[int, list[Entity]] = field(default_factory=dict)

    def sentence_of(self, token: Token) -> Sentence | None:
        """The (trimmed) sentence holding a token, or None for whitespace."""
        index = self._sent_of_token.get(token.i)
        return self.sents[index] if index is not None else None

    def lower(self, sentence: Sentence) -> str:
        return sentence.text.lower()

    def ents_in(self, sentence: int) -> list[Entity]:
        """Entities of one sentence (spaCy rebuilds `Doc.ents` on every access; this is an index)."""
        return self._ents_by_sentence.get(sentence, [])


# News articles are a few thousand characters; the parser needs about 1 GB per 100,000 characters,
# so longer inputs are read only up to the last line break before this limit (offsets stay valid).
MAX_PARSE_CHARS = 100_000


def analyse(text: str) -> Analysis:
    """Parse `text` once (at most MAX_PARSE_CHARS of it); CPU-bound, so run it in a thread."""
    if len(text) > MAX_PARSE_CHARS:
        cut = text.rfind("\n", 0, MAX_PARSE_CHARS)
        text = text[: cut if cut > 0 else MAX_PARSE_CHARS]
    doc = parse(text)
    sents = sentences(doc)
    ents = entities(doc, labels={ent.label_ for ent in doc.ents}, sents=sents)  # names hide under any label
    by_token: dict[int, int] = {}
    for s in sents:
        for token in s.span:
            if s.start <= token.idx < s.end:
                by_token[token.i] = s.index
    by_sentence: dict[int, list[Entity]] = {}
    for ent in ents:
        by_sentence.setdefault(ent.sentence, []).append(ent)
    return Analysis(text, doc, sents, ents, by_token, by_sentence)


def ent_span(token: Token) -> Any | None:
    """The entity span holding a token, from its IOB tags (no scan of `Doc.ents`)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


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


def in_earlier_clause(token: Token) -> bool:
    """The word sits in a clause about an earlier event: "weeks after the kingdom freed X",
    "hours after militants released Y" (a subordinate clause opened by after/before/since)."""
    node = token
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in ("after", "before", "since") for c in node.children):
            return node.dep_ in ("advcl", "pcomp", "prep", "npadvmod")
        if node.dep_ == "pcomp" and node.head.lower_ in ("after", "before", "since"):
            return True
        if node.head is node or node.dep_ not in ("conj", "xcomp", "ccomp"):
            break
        node = node.head
    return False


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


def done_releases(sentence: Any) -> list[Token]:
    """Release words of a release that happened: not negated, demanded or refused."""
    return [t for t in sentence if is_release_token(t) and not is_negated(t) and not is_wished_release(t)]


def verb_head(token: Token) -> Token | None:
    node = token
    for _ in range(5):
        if node.dep_ in ("nsubj", "nsubjpass", "dobj") and node.head.pos_ in ("VERB", "AUX"):
            verb = node.head
            if verb.dep_ in ("auxpass", "aux") and verb.head is not verb:
                verb = verb.head
            return verb
        if node.head is node:
            return None
        node = node.head
    return None


def is_headline(a: Analysis, sentence_index: int) -> bool:
    """The first sentence when it has no final punctuation (a title line)."""
    return sentence_index == 0 and not a.sents[0].text.rstrip().endswith((".", "!", "?", '"', "”"))


def past_round(a: Analysis, sentence_index: int) -> bool:
    return has_phrase(a.lower(a.sents[sentence_index]), cues.PAST_ROUND_PHRASES)
