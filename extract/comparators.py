"""Comparators: does a predicted value match the gold one? One function per kind of value (pure).

Each comparator maps (gold, predicted) to a similarity in 0..1; a pair matches at or above
`MATCH`. Fields name theirs in metadata (`extract.fields.meta(compare=...)`):

- ``exact``: equal values.
- ``normalised``: equal after folding case, diacritics, punctuation and whitespace.
- ``number``: equal as numbers ("1,100" == 1100).
- ``date``: equal as ISO dates.
- ``name``: the same person, by the project's one name matcher (`extract.names`, transliteration-aware).
- ``country``: the same set of countries (aliases, demonyms), else ``normalised``.
- ``text``: free text. Word-set similarity (rapidfuzz ``token_set_ratio`` on folded, lightly
  stemmed words without stopwords) capped by coverage: the share of the longer answer's words
  that the other one has. So a paraphrase matches, but a one-word answer does not match a long
  one merely because the word is in it ("US" is not "lifting of US sanctions on the national
  airline": coverage 1 of 5 words).
- ``ignore``: never scored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from .countries import countries_in, fold
from .names import same_person

__all__ = ["COMPARATORS", "MATCH", "TEXT_MATCH", "compare", "similarity", "text_similarity"]

MATCH = 1.0
TEXT_MATCH = 0.6  # least `text` similarity that counts as the same answer

_STOPWORDS = frozenset(
    "a an the of on in for to and by with from its their his her as at into over s was were is are be "
    "that this which who".split()
)
_STEM_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s")


def _stem(word: str) -> str:
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_stem(w) for w in fold(text).replace("-", " ").split() if w not in _STOPWORDS)


def text_similarity(gold: str, predicted: str) -> float:
    """Free-text similarity 0..1: word-set similarity capped by coverage of the longer answer."""
    a, b = _words(gold), _words(predicted)
    if not a or not b:
        return 1.0 if fold(gold) == fold(predicted) else 0.0
    if a == b:
        return 1.0
    set_a, set_b = set(a), set(b)
    coverage = len(set_a & set_b) / max(len(set_a), len(set_b))
    return min(fuzz.token_set_ratio(" ".join(a), " ".join(b)) / 100.0, coverage)


def _normalised(value: Any) -> str:
    return fold(str(value))


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    match = re.search(r"-?\d[\d,]*(?:\.\d+)?", str(value))
    return float(match.group(0).replace(",", "")) if match else None


def _date(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text[:10] if re.match(r"\d{4}-\d{2}-\d{2}", text) else text


def _equal(a: Any, b: Any) -> float:
    return 1.0 if a == b else 0.0


def _country(a: Any, b: Any) -> float:
    ca, cb = countries_in(str(a)), countries_in(str(b))
    if ca or cb:
        return 1.0 if ca == cb else 0.0
    return _equal(_normalised(a), _normalised(b))


COMPARATORS: dict[str, Callable[[Any, Any], float]] = {
    "exact": _equal,
    "normalised": lambda a, b: _equal(_normalised(a), _normalised(b)),
    "number": lambda a, b: _equal(_number(a), _number(b)),
    "date": lambda a, b: _equal(_date(a), _date(b)),
    "name": lambda a, b: 1.0 if same_person(str(a), str(b)) else 0.0,
    "country": _country,
    "text": lambda a, b: text_similarity(str(a), str(b)),
    "ignore": lambda a, b: 0.0,
}


def similarity(kind: str, gold: Any, predicted: Any) -> float:
    """Similarity 0..1 of two non-null values under comparator `kind`."""
    return COMPARATORS[kind](gold, predicted)


def compare(kind: str, gold: Any, predicted: Any) -> bool:
    """True when the two non-null values match under comparator `kind`."""
    threshold = TEXT_MATCH if kind == "text" else MATCH
    return similarity(kind, gold, predicted) >= threshold
