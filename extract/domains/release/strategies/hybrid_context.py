"""Lexical and syntactic context of a person's mentions: features of the fitted status decision.

The rule ids (`hybrid_weights.status_features`) say which status rules fired; these features say
what surrounds each mention in the parse the rules already have, so a fitted model can learn what
no rule names. Every feature is named ``ctx.<kind>.<value>``, is 1 when any mention of the person
shows it (counts excepted), and comes from the mention's own sentence:

- ``ctx.rel.<rel>``: the mention's relation to its governor, after `hybrid_status.climb` (through
  lists, conjunctions and appositions): ``nsubj``, ``nsubjpass``, ``dobj``, ``pobj-<preposition>``,
  ``poss``, ... and ``ctx.listed`` when the climb went through a list marker;
- ``ctx.gov.<rel>.<lemma>``: that relation with the lemma of the governing word (a verb, or a
  noun such as "release" in "the release of X"), and ``ctx.gov2.<lemma>``: the word that governs
  it in turn, past a preposition ("called for the release of X" -> call);
- markers on the governing verb: ``ctx.verb.neg`` (`hybrid_text.is_negated`), ``ctx.verb.modal``
  (`cues.MODAL_MARKERS`), ``ctx.verb.future`` (`cues.FUTURE_MARKERS`, "going to"),
  ``ctx.verb.passive``, ``ctx.verb.tag.<VBD|VBN|...>``, ``ctx.verb.expr.<kind>``
  (`hybrid_text.release_expression`); ``ctx.release-word``: the governing word, verb or noun, is a
  release word (`hybrid_text.is_release_token`);
- ``ctx.win.<lemma>``: lemmas of content words within `WINDOW` tokens either side of the mention
  (nouns, verbs, adjectives, adverbs; no names, numbers or stop words);
- ``ctx.title.<lemma>``: words before the name in its noun phrase ("President", "activist"), and
  ``ctx.appos.<lemma>``: the head of an apposition ("X, a journalist" -> journalist);
- ``ctx.pos.headline`` (`hybrid_text.is_headline`), ``ctx.pos.lead`` (the first sentence after
  any headline), ``ctx.sent.release`` (the sentence holds a release word);
- ``ctx.mentions``: the number of mentions, capped at 5, over 5; ``ctx.mentions.one``.

The features are many and sparse; the fitting script keeps only those seen in enough training
articles, so the weights stay few. The same function serves the fit and the run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .. import cues
from .hybrid_names import Mention
from .hybrid_status import climb
from .hybrid_text import Analysis, is_headline, is_negated, is_release_token, release_expression

__all__ = ["WINDOW", "context_features"]

Token = Any

WINDOW = 3  # content words either side of a mention
_CONTENT = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
_WORD = re.compile(r"[a-z][a-z'-]*")
_MAX_MENTIONS = 5
_TITLE_WORDS = cues.TITLES | cues.PERSON_ROLE_NOUNS  # proper nouns that may be feature words


def _lemma(token: Token) -> str | None:
    """The token's lemma as a feature word; None for a proper noun that is not a title or role word
    ("President" stays, a surname never becomes a feature: the weights must carry no article's names)."""
    lemma = str(token.lemma_).lower()
    if token.pos_ == "PROPN" and lemma not in _TITLE_WORDS:
        return None
    return lemma if _WORD.fullmatch(lemma) else None


def _relation(node: Token) -> tuple[str, Token | None]:
    """The relation that places a climbed mention in its clause, and the word it hangs from."""
    dep = str(node.dep_)
    if node.head.i == node.i:
        return "root", None
    if dep == "pobj":
        prep = node.head
        return f"pobj-{prep.lower_}", (prep.head if prep.head.i != prep.i else None)
    head = node.head
    if head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
        head = head.head
    return dep, head


def _verb_markers(verb: Token) -> set[str]:
    out = {f"verb.tag.{verb.tag_}"}
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if is_negated(verb):
        out.add("verb.neg")
    if any(c.lower_ in cues.MODAL_MARKERS for c in auxes):
        out.add("verb.modal")
    if any(c.lower_ in cues.FUTURE_MARKERS for c in auxes) or any(
        c.lower_ == "going" and any(g.lower_ == "to" for g in c.children) for c in auxes
    ):
        out.add("verb.future")
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        out.add("verb.passive")
    return out


def _mention_features(a: Analysis, m: Mention, release_sentences: dict[int, bool]) -> set[str]:
    doc = a.doc
    root = m.tokens(doc).root
    node, listed = climb(root)
    rel, gov = _relation(node)
    out = {f"rel.{rel}"}
    if listed:
        out.add("listed")
    if gov is not None:
        lemma = _lemma(gov)
        if lemma:
            out.add(f"gov.{rel}.{lemma}")
        upper = gov.head
        if upper.i != gov.i and upper.dep_ in ("aux", "auxpass", "prep", "agent") and upper.head.i != upper.i:
            upper = upper.head  # past an auxiliary or a preposition: "called for the release of X" -> call
        upper_lemma = _lemma(upper) if upper.i != gov.i else None
        if upper_lemma:
            out.add(f"gov2.{upper_lemma}")
        if gov.pos_ in ("VERB", "AUX"):
            out |= _verb_markers(gov)
        if is_release_token(gov):
            out.add("release-word")
        if gov.pos_ in ("VERB", "AUX"):
            kind = release_expression(gov)
            if kind:
                out.add(f"verb.expr.{kind}")
    sentence = a.sents[m.sentence]
    span = sentence.span
    low, high = max(span.start, m.start - WINDOW), min(span.end, m.end + WINDOW)
    for token in (*doc[low : m.start], *doc[m.end : high]):
        if token.pos_ in _CONTENT and not token.is_stop and not token.ent_type_:
            lemma = _lemma(token)
            if lemma:
                out.add(f"win.{lemma}")
    for child in root.children:
        if child.i < m.start and child.dep_ in ("compound", "amod", "nmod") and not child.ent_type_ == "PERSON":
            lemma = _lemma(child)
            if lemma:
                out.add(f"title.{lemma}")
        if child.dep_ == "appos" and child.i >= m.end and child.pos_ in ("NOUN", "PROPN"):
            lemma = _lemma(child)
            if lemma and child.ent_type_ != "PERSON":
                out.add(f"appos.{lemma}")
    if root.dep_ == "appos" and root.head.i < m.start and root.head.pos_ == "NOUN":
        lemma = _lemma(root.head)
        if lemma:
            out.add(f"appos.{lemma}")
    headline = is_headline(a, m.sentence)
    if headline:
        out.add("pos.headline")
    elif m.sentence == (1 if is_headline(a, 0) else 0):
        out.add("pos.lead")
    if m.sentence not in release_sentences:
        release_sentences[m.sentence] = any(is_release_token(t) for t in span)
    if release_sentences[m.sentence]:
        out.add("sent.release")
    return out


def context_features(a: Analysis, mentions: Sequence[Mention], release_sentences: dict[int, bool] | None = None) -> dict[str, float]:
    """The ``ctx.*`` features of one person from their mentions (see the module docstring).

    `release_sentences`: a cache of sentence index -> holds a release word, shared by the people
    of one article."""
    cache = {} if release_sentences is None else release_sentences
    names: set[str] = set()
    for m in mentions:
        names |= _mention_features(a, m, cache)
    out = {f"ctx.{name}": 1.0 for name in sorted(names)}
    out["ctx.mentions"] = min(len(mentions), _MAX_MENTIONS) / _MAX_MENTIONS
    if len(mentions) == 1:
        out["ctx.mentions.one"] = 1.0
    return out
