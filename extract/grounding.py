"""Grounding: tie every extracted name and quote to character offsets in the original article.

Alignment (`align`, `Aligner.find`) tries three stages and stops at the first that succeeds:

1. exact: the query occurs verbatim; status ``exact``, score 1.0, ``text == query``.
2. tolerant: query and article are both normalised (whitespace runs, curly/straight quotes, dashes and
   the spaces around them, case, diacritics such as "ł" -> "l", zero-width characters) and compared
   again; a map from normalised positions back to the original ones gives offsets into the ORIGINAL
   text. Status ``fuzzy``, score 1.0. A quote with elisions ("A ... B") matches when every part is
   found this way, in order and close together; the span runs from the first part to the last.
3. fuzzy: rapidfuzz's partial alignment on the normalised texts locates a window; the whole-word
   window around it most similar to the query (``fuzz.ratio``) is mapped back. Status ``fuzzy`` with
   that similarity (0..1) as score, accepted at or above a threshold. Matching whole words only means
   an invented short name never matches a fragment of a longer word.

Otherwise the status is ``not_found`` and the score is the best similarity seen (a near miss shows).
Offsets always slice the original article: ``article[span.start:span.end] == span.text``.

What is aligned for a record is the business of `extract.schema_grounding` (any schema, from field
metadata) or of a domain (the release domain's `ground`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from .records import AlignmentStatus, Span

__all__ = [
    "NAME_THRESHOLD",
    "QUOTE_THRESHOLD",
    "Aligner",
    "Alignment",
    "Policy",
    "align",
    "normalise",
]

Policy = Literal["keep", "flag", "drop"]

QUOTE_THRESHOLD = 0.85
"""Least fuzzy similarity (0..1) for an evidence quote or a scalar value to count as found."""
NAME_THRESHOLD = 0.88
"""Least fuzzy similarity (0..1) for a person's name: stricter, since invented names look like real ones."""
_SCALE = 100.0  # rapidfuzz scores run 0..100, ours 0..1
_MIN_FUZZY_LEN = 4  # shorter normalised queries are only matched exactly or tolerantly
_EDGE = ' ".,;:'  # trimmed from both ends of a normalised query (and of each part of an elided quote)
_PREFILTER_MARGIN = 0.1  # a partial match this far below the threshold may still refine to whole words above it
_ELIDED_GAP = 500  # most normalised characters an elision ("...") in a quote may stand for

# ------------------------------------------------------------------ normalisation

_QUOTES = frozenset("'\"‘’‚‛′`´“”„‟″«»‹›＂＇")
_DASHES = frozenset("-‐‑‒–—―−﹘﹣－")
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_LETTERS = {
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th",
    "ħ": "h", "ŧ": "t", "ŀ": "l",
}
_fold_cache: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    """The normalised form of one character: possibly empty, possibly several characters."""
    folded = _fold_cache.get(ch)
    if folded is not None:
        return folded
    if ch in _QUOTES:
        folded = '"'
    elif ch in _DASHES:
        folded = "-"
    elif ch in _INVISIBLE:
        folded = ""
    elif ch.isspace():
        folded = " "
    else:
        parts = []
        for c in unicodedata.normalize("NFKD", ch.lower()):
            if unicodedata.combining(c):
                continue
            c = _LETTERS.get(c, c)
            parts.append('"' if c in _QUOTES else "-" if c in _DASHES else " " if c.isspace() else c)
        folded = "".join(parts).lower()
    if len(_fold_cache) < 65536:
        _fold_cache[ch] = folded
    return folded


def normalise(text: str) -> tuple[str, list[int]]:
    """Normalise `text` for tolerant matching, with each normalised character's original offset.

    Lower-cases, strips diacritics, maps every quote to ``"`` and every dash to ``-`` (dropping the
    spaces around a dash), collapses whitespace runs to one space and trims the ends.
    """
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in _fold_char(ch):
            if c == " ":
                if not out or out[-1] == " " or out[-1] == "-":
                    continue
            elif c == "-" and out and out[-1] in " -":
                if out[-1] == "-":
                    continue
                out.pop()
                where.pop()
            out.append(c)
            where.append(i)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


# ------------------------------------------------------------------ alignment


@dataclass(frozen=True)
class Alignment:
    """Where a query was found in a text: offsets into the original text, or status not_found."""

    query: str
    status: AlignmentStatus
    start: int | None = None
    end: int | None = None
    text: str | None = None
    score: float = 0.0

    @property
    def found(self) -> bool:
        return self.status != "not_found"

    def span(self, path: str) -> Span:
        """This alignment as the `Span` of the value at `path`."""
        return Span(
            path=path, query=self.query, status=self.status, start=self.start, end=self.end,
            text=self.text, score=round(self.score, 4),
        )


def _is_word(c: str) -> bool:
    return c.isalnum()


class Aligner:
    """One article, normalised once, against which many queries are aligned (results are cached)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm, self._where = normalise(text)
        self._cache: dict[tuple[str, bool, float | None], Alignment] = {}

    # -- helpers

    def _bounded(self, s: str, start: int, end: int) -> bool:
        return (start == 0 or not _is_word(s[start - 1])) and (end == len(s) or not _is_word(s[end]))

    def _occurrences(self, haystack: str, needle: str, whole_words: bool) -> Iterator[int]:
        pos = haystack.find(needle)
        while pos >= 0:
            if not whole_words or self._bounded(haystack, pos, pos + len(needle)):
                yield pos
            pos = haystack.find(needle, pos + 1)

    def _to_original(self, query: str, nstart: int, nend: int, status: AlignmentStatus, score: float) -> Alignment:
        start = self._where[nstart]
        end = self._where[nend - 1] + 1
        while end < len(self.text) and unicodedata.combining(self.text[end]):
            end += 1
        return Alignment(query, status, start, end, self.text[start:end], score)

    def _refine(self, nquery: str, start: int, end: int, threshold: float) -> tuple[int, int, float]:
        """The whole-word window near [start, end) of the normalised text most similar to `nquery`."""
        s = self.norm
        slack = max(8, len(nquery) // 4)
        lo, hi = max(0, start - slack), min(len(s), end + slack)
        starts = [i for i in range(lo, min(start + slack, hi)) if _is_word(s[i]) and (i == 0 or not _is_word(s[i - 1]))]
        ends = [
            i for i in range(max(lo + 1, end - slack), hi + 1)
            if _is_word(s[i - 1]) and (i == len(s) or not _is_word(s[i]))
        ]
        best = (0, 0, 0.0)
        for a in starts:
            for b in ends:
                if b <= a:
                    continue
                score = fuzz.ratio(nquery, s[a:b], score_cutoff=threshold * _SCALE) / _SCALE
                if score > best[2]:
                    best = (a, b, score)
        return best

    # -- stages

    def _exact(self, query: str, whole_words: bool) -> Alignment | None:
        for pos in self._occurrences(self.text, query, whole_words):
            return Alignment(query, "exact", pos, pos + len(query), query, 1.0)
        return None

    def _tolerant(self, query: str, nquery: str, whole_words: bool) -> Alignment | None:
        for pos in self._occurrences(self.norm, nquery, whole_words):
            return self._to_original(query, pos, pos + len(nquery), "fuzzy", 1.0)
        return None

    def _elided(self, query: str, nquery: str) -> Alignment | None:
        """A quote with elisions ("A ... B"): every part found tolerantly, in order, close together."""
        parts = [p.strip(_EDGE) for p in nquery.split("...")]
        parts = [p for p in parts if p]
        if len(parts) < 2:
            return None
        limit = len(nquery) + _ELIDED_GAP * (len(parts) - 1)
        for tries, start in enumerate(self._occurrences(self.norm, parts[0], False)):
            if tries >= 20:
                break
            end = start + len(parts[0])
            for part in parts[1:]:
                pos = self.norm.find(part, end, start + limit)
                if pos < 0:
                    break
                end = pos + len(part)
            else:
                return self._to_original(query, start, end, "fuzzy", 1.0)
        return None

    def _fuzzy(self, query: str, nquery: str, threshold: float) -> tuple[Alignment | None, float]:
        if len(nquery) < _MIN_FUZZY_LEN or not self.norm:
            return None, 0.0
        if len(nquery) > len(self.norm):
            score = fuzz.ratio(nquery, self.norm) / _SCALE
            if score >= threshold:
                return self._to_original(query, 0, len(self.norm), "fuzzy", score), score
            return None, score
        found = fuzz.partial_ratio_alignment(nquery, self.norm)
        if found is None:
            return None, 0.0
        if found.score / _SCALE < threshold - _PREFILTER_MARGIN:
            return None, found.score / _SCALE
        start, end, score = self._refine(nquery, found.dest_start, found.dest_end, threshold - _PREFILTER_MARGIN)
        if score < threshold:
            return None, score
        return self._to_original(query, start, end, "fuzzy", score), score

    # -- public

    def find(self, query: str, *, threshold: float | None = QUOTE_THRESHOLD, whole_words: bool = False) -> Alignment:
        """Align `query`: exact, then tolerant, then (unless `threshold` is None) fuzzy at >= threshold.

        With `whole_words`, exact and tolerant matches must not start or end inside a word.
        """
        key = (query, whole_words, threshold)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        result = self._find(query, threshold, whole_words)
        self._cache[key] = result
        return result

    def _find(self, query: str, threshold: float | None, whole_words: bool) -> Alignment:
        stripped = query.strip()
        if not stripped:
            return Alignment(query, "not_found")
        found = self._exact(stripped, whole_words)
        if found:
            return found
        nquery, _ = normalise(stripped)
        nquery = nquery.strip(_EDGE) or nquery  # quote marks and end punctuation a model adds or drops
        if not nquery:
            return Alignment(stripped, "not_found")
        found = self._tolerant(stripped, nquery, whole_words)
        if found:
            return found
        found = self._elided(stripped, nquery)
        if found:
            return found
        if threshold is None:
            return Alignment(stripped, "not_found")
        found, score = self._fuzzy(stripped, nquery, threshold)
        return found or Alignment(stripped, "not_found", score=score)


def align(query: str, text: str, *, threshold: float = QUOTE_THRESHOLD, whole_words: bool = False) -> Alignment:
    """Align one `query` in `text` (see the module docstring); build an `Aligner` to align many."""
    return Aligner(text).find(query, threshold=threshold, whole_words=whole_words)
