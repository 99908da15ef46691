"""The person-name matcher: the one place that decides whether two names denote the same person.

Used by the evaluation (predicted vs gold persons) and by the cross-article merge, so both agree.

Three layers, each general (nothing here knows any particular person):

1. `name_tokens`: Unicode NFKD with diacritics folded (ł -> l, ø -> o, ...), case folded,
   punctuation and possessive 's removed, and leading titles dropped ("President", "Mr", "Dr",
   "Prime Minister", "US envoy", "opposition leader"), plus trailing suffixes (Jr, III).
2. `translit_key`: a lossy per-token key that merges the usual romanisations of Slavic (Cyrillic)
   names: kh/h and g/h, ts/tz/c, ch/cz/tch, sh/sz/sch, zh, ya/ia/ja, yu/iu/ju, y/i, j/i,
   ou/ow/ov (and au/av, eu/ev) at the end of a syllable, w/v, x/ks, doubled letters,
   o/a vowel variation (akanye), consonant+ia+consonant ~ e (yakanye: Siarhei ~ Serhei),
   Belarusian dz/d and ts/t before front vowels (Dzmitry ~ Dmitry),
   -aya/-aia/-aja and -ski/-sky/-skiy/-skii; and `vowel_key`, an equality-only key that merges
   the vowel spellings of Arabic romanisations (Yahia ~ Yehia, Shoukry ~ Shokry, Mohamed ~
   Muhammad, el ~ al), while names that differ in a consonant or an i-vowel stay apart.
3. rapidfuzz similarity (best of the raw folded tokens and their keys) with thresholds.

Person rule (`name_similarity`): when both names have a given name and a surname, both parts
must agree (so two people sharing a first name, or a surname, do not match; a given name agrees
with its initial and with its short forms, "Dave" with "David", `short_form`); a single token
(a surname used alone) matches a full name whose surname (or a later part) it matches, at a
slightly lower score, so a full-name match wins when both exist. `align` makes a one-to-one
alignment of two lists of persons (each a list of name variants: the name plus its aliases),
greedy by score, and leaves a lone surname unmatched when it fits several people equally.

Scores are 0-100; `DEFAULT_THRESHOLD` (85) is the match threshold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Indel

from .countries import fold, is_country_word

__all__ = [
    "DEFAULT_THRESHOLD",
    "Match",
    "align",
    "name_similarity",
    "name_tokens",
    "normalize_name",
    "person_similarity",
    "same_person",
    "short_form",
    "translit_key",
    "vowel_key",
]

DEFAULT_THRESHOLD = 85.0
KEY_MATCH = 97.0  # two different spellings with the same transliteration key
SURNAME_ONLY = 0.95  # factor for a lone surname matched against a full name
INITIAL_MATCH = 90.0  # "J. Smith" given name vs "James"
SHORT_FORM_MATCH = 88.0  # "Dave" given name vs "David", "Chris" vs "Christopher"
REVERSED_ORDER = 0.95  # factor for surname-first order ("Doe Jane" vs "Jane Doe")

# Titles dropped from the front of a name; a run of these (with modifiers and country words)
# is removed up to its last core title, and only when something remains after it.
_CORE_TITLES = frozenset(
    """
    president presidents mr mrs ms miss mx dr doctor prof professor sir dame lord lady madam madame mme
    envoy ambassador minister premier chancellor secretary senator sen rep representative congressman
    congresswoman governor gov mayor judge justice general gen colonel col major maj captain capt
    lieutenant lt sergeant sgt admiral adm commander cmdr king queen prince princess emperor empress magistrate
    sheikh sheik emir sultan pope cardinal archbishop bishop reverend rev father fr pastor rabbi imam
    ayatollah patriarch chairman chairwoman chairperson chair ceo director commissioner spokesman
    spokeswoman spokesperson leader mp mep delegate negotiator mediator officer official
    """.split()
)
_TITLE_MODIFIERS = frozenset(
    """
    vice deputy acting former ex late special foreign prime chief senior interim first grand supreme
    opposition exiled interior defence defense justice state general attorney of the his her then
    """.split()
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
_POSSESSIVE = re.compile(r"['’ʼ]s\b", re.IGNORECASE)
_CONSONANT = "bcdfghklmnpqrstvzCSZ"


# Azerbaijani/Turkic Latin letters: a name written with them is romanised the English way first
# (c is "j", x is "kh", q is "g"), so that "Nərmin Cəfərova" and "Narmin Jafarova" compare equal.
_TURKIC = re.compile(r"[əƏıŞşĞğ]|^(?=.*[üöÜÖ])(?=.*[qQxX])")
_TURKIC_ROMANISATION = str.maketrans({
    "ə": "a", "Ə": "A", "ı": "i", "c": "j", "C": "J", "ç": "ch", "Ç": "Ch", "ş": "sh", "Ş": "Sh",
    "x": "kh", "X": "Kh", "q": "g", "Q": "G", "ğ": "gh", "Ğ": "Gh", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U",
})


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a person's name with leading titles and trailing suffixes removed.

    A name made only of titles keeps them (so "Dr" still compares equal to "Dr").
    """
    name = _POSSESSIVE.sub("", name)
    if _TURKIC.search(name):
        name = name.translate(_TURKIC_ROMANISATION)  # "Cəfərova" ~ "Jafarova", "Vüqar" ~ "Vugar"
    text = fold(name).replace("-", " ")
    tokens = tuple(text.split())
    if not tokens:
        stripped = name.casefold().strip()
        return (stripped,) if stripped else ()
    cut = 0
    for index, token in enumerate(tokens[:-1]):
        if token in _CORE_TITLES:
            cut = index + 1
        elif token in _TITLE_MODIFIERS or is_country_word(token):
            continue
        else:
            break
    tokens = tokens[cut:]
    while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
    return tokens


def normalize_name(name: str) -> str:
    """The folded, title-free form of a name: "President Łukasz O'Neil" -> "lukasz oneil"."""
    return " ".join(name_tokens(name))


_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("shch", "S"), ("szcz", "S"), ("sch", "S"), ("tch", "C"),
    ("kh", "h"), ("ch", "C"), ("cz", "C"), ("zh", "Z"), ("sh", "S"), ("sz", "S"),
    ("ts", "c"), ("tz", "c"), ("dz", "d"), ("ph", "f"), ("x", "ks"), ("q", "k"), ("w", "v"),
    ("g", "h"), ("j", "y"),
)


@lru_cache(maxsize=65536)
def translit_key(token: str) -> str:
    """A lossy key that is equal for common romanisations of the same Slavic name token.

    Takes one folded token (see `name_tokens`); e.g. "yuliya", "iuliia" and "julia" share a key.
    """
    key = token
    for source, target in _DIGRAPHS:
        key = key.replace(source, target)
    key = re.sub(r"c(?=[iey])", "t", key)  # Belarusian ts before front vowels ~ Russian t
    key = re.sub(r"(?<=[aeo])u(?=[^aeiouy]|$)", "v", key)  # ou/au/eu closing a syllable ~ ov/av/ev
    key = key.replace("y", "i")
    key = re.sub(rf"(?<=[{_CONSONANT}])ia(?=[{_CONSONANT}])", "e", key)  # yakanye
    key = re.sub(rf"(?<=[{_CONSONANT}])ie", "e", key)
    key = key[:1] + key[1:].replace("o", "a")  # akanye: unstressed o ~ a
    key = re.sub(r"(.)\1+", r"\1", key)  # doubled letters, -skii/-skiy -> -ski
    return key


@lru_cache(maxsize=65536)
def vowel_key(token: str) -> str:
    """A key equal for common romanisations of the same Arabic (and Persian, Turkic) name token,
    whose spellings differ in the vowels: ou/oo/u, ee/i, e/a/o/u, doubled letters, a final h
    after a vowel, el/al. Yahia ~ Yehia, Shoukry ~ Shokry, Mohamed ~ Muhammad, Abdel ~ Abdul.

    Used for equality only (never fuzzily): names whose consonants or i-vowels differ (Samir and
    Samer, Hassan and Hussein, Omar and Amr) keep different keys.
    """
    key = token.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("q", "k")
    key = re.sub(r"(?<=[aeiou])h$", "", key)  # Fatimah ~ Fatima
    key = re.sub(r"(?<=.)y", "i", key)  # Yahya ~ Yahia, Shokry ~ Shokri (not a leading y)
    key = re.sub(r"[eou]", "a", key)
    return re.sub(r"(.)\1+", r"\1", key)


def _ratio(a: str, b: str) -> float:
    return float(Indel.normalized_similarity(a, b) * 100.0)


@lru_cache(maxsize=262144)
def _token_similarity(a: str, b: str) -> float:
    if a == b:
        return 100.0
    ka, kb = translit_key(a), translit_key(b)
    if ka == kb or vowel_key(a) == vowel_key(b):
        return KEY_MATCH
    return max(_ratio(a, b), _ratio(ka, kb))


_SHORT_FORM_ENDINGS = ("ie", "y", "e", "i")


def short_form(short: str, full: str) -> bool:
    """`short` is a short form of the given name `full`: its first four letters or more
    ("Chris" of "Christopher"), or three letters or more of it and a pet
    ending ("Dave" of "David", "Barbie" of "Barbara", "Andy" of "Andrew"). A cut full name is
    at least two letters longer ("Daniel" is no short form of "Daniela")."""
    if len(short) >= 4 and len(full) >= len(short) + 2 and full.startswith(short):
        return True
    return full != short and any(
        short.endswith(ending) and len(short) - len(ending) >= 3 and full.startswith(short[: -len(ending)])
        for ending in _SHORT_FORM_ENDINGS
    )


def _given_similarity(a: str, b: str) -> float:
    if (len(a) == 1 or len(b) == 1) and a[:1] and translit_key(a)[:1] == translit_key(b)[:1]:
        return INITIAL_MATCH if a != b else 100.0
    score = _token_similarity(a, b)
    if score < SHORT_FORM_MATCH and (short_form(a, b) or short_form(b, a)):
        return SHORT_FORM_MATCH
    return score


def _full_score(a: tuple[str, ...], b: tuple[str, ...], threshold: float) -> float:
    surname = _token_similarity(a[-1], b[-1])
    given = _given_similarity(a[0], b[0])
    if surname < threshold or given < threshold:
        return min(surname, given)
    return (surname + given) / 2.0


@lru_cache(maxsize=262144)
def _name_similarity(a: str, b: str, threshold: float) -> float:
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 100.0
    if len(ta) >= 2 and len(tb) >= 2:
        straight = _full_score(ta, tb, threshold)
        if straight >= threshold:
            return straight
        return max(straight, _full_score(ta, tb[::-1], threshold) * REVERSED_ORDER)
    if len(ta) == 1 and len(tb) == 1:
        return _token_similarity(ta[0], tb[0])
    single, full = (ta[0], tb) if len(ta) == 1 else (tb[0], ta)
    return max(_token_similarity(single, part) for part in full[1:]) * SURNAME_ONLY


def name_similarity(a: str, b: str, *, threshold: float = DEFAULT_THRESHOLD) -> float:
    """Similarity 0-100 of two single names (no aliases); >= threshold means the same person."""
    return _name_similarity(a, b, threshold)


def _variants(person: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(person, str):
        return (person,)
    if isinstance(person, tuple):
        return person  # blank variants are harmless: they have no tokens and never match
    return tuple(v for v in person if v and v.strip())


def person_similarity(
    a: str | Sequence[str], b: str | Sequence[str], *, threshold: float = DEFAULT_THRESHOLD
) -> float:
    """Similarity 0-100 of two persons, each a name or a list of variants (name first, then aliases).

    When both persons have a full name (two tokens or more), only full names are compared, so a
    shared surname alias cannot join two people whose first names differ.
    """
    return _person_similarity(_variants(a), _variants(b), threshold)


@lru_cache(maxsize=65536)
def _full_variants(variants: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v for v in variants if len(name_tokens(v)) >= 2)


@lru_cache(maxsize=262144)
def _person_similarity(va: tuple[str, ...], vb: tuple[str, ...], threshold: float) -> float:
    full_a, full_b = _full_variants(va), _full_variants(vb)
    if full_a and full_b:
        va, vb = full_a, full_b
    best = 0.0
    for x in va:
        for y in vb:
            score = _name_similarity(x, y, threshold)
            if score > best:
                best = score
                if best >= 100.0:
                    return best
    return best


def same_person(a: str | Sequence[str], b: str | Sequence[str], *, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """True when the two names (or lists of variants) denote the same person."""
    return person_similarity(a, b, threshold=threshold) >= threshold


class Match(NamedTuple):
    """One aligned pair: index into the left list, index into the right list, and the score."""

    left: int
    right: int
    score: float


def _single_only(variants: tuple[str, ...]) -> bool:
    return not _full_variants(variants)


def _clear_ambiguous(rows: list[list[float]], singles: list[bool], threshold: float) -> None:
    for index, row in enumerate(rows):
        if not singles[index]:
            continue
        above = sorted((s for s in row if s >= threshold), reverse=True)
        if len(above) >= 2 and above[0] - above[1] < 1e-9 and above[0] < 100.0:
            rows[index] = [0.0] * len(row)


def align(
    left: Sequence[str | Sequence[str]],
    right: Sequence[str | Sequence[str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Match]:
    """One-to-one alignment of two lists of persons (no person matched twice), greedy by score.

    Each person is a name or a list of variants (name plus aliases). Pairs scoring below
    `threshold` never match; ties go to the earlier index. A person known only by one token
    (a lone surname) that fits two or more people on the other side equally well, and none of
    them exactly, is left unmatched, as ambiguous. Returns matches sorted by the left index.
    """
    lv = [_variants(p) for p in left]
    rv = [_variants(p) for p in right]
    if not lv or not rv:
        return []
    scores = [[_person_similarity(a, b, threshold) for b in rv] for a in lv]
    _clear_ambiguous(scores, [_single_only(v) for v in lv], threshold)
    columns = [list(col) for col in zip(*scores, strict=True)]
    _clear_ambiguous(columns, [_single_only(v) for v in rv], threshold)
    candidates = sorted(
        (
            (-columns[j][i], i, j)
            for i in range(len(lv))
            for j in range(len(rv))
            if columns[j][i] >= threshold
        ),
    )
    used_left: set[int] = set()
    used_right: set[int] = set()
    matches: list[Match] = []
    for neg_score, i, j in candidates:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        matches.append(Match(i, j, -neg_score))
    return sorted(matches)
