"""Score predicted ReleaseEvents against hand-labelled gold: per-field P/R/F1, people, errors.

Pure: imports only the standard library, pydantic, rapidfuzz and the project's schema, names,
countries and schema_scoring (`prf`) modules, and opens no files (`extract.evaluation` does the reading).

What is compared (each evaluator is small and, like pydantic-evals' EqualsExpected, skips the
checks that have no gold value):

- Scalar slots (`SCALAR_FIELDS`): normalised exact match. Countries through the alias table,
  dates as ISO dates, counts as integers, the releasing authority as a person name (names
  matcher) or as folded text with demonyms read as countries (a possessive country prefix,
  "Uganda's High Court", ignored); `quid_pro_quo`, being free text,
  by token-set similarity >= `TEXT_THRESHOLD` of folded, lightly stemmed words. Per slot:
  gold and prediction equal -> tp; gold null, prediction set -> fp (spurious); gold set,
  prediction null -> fn (missing); both set and different -> fp + fn (wrong value); both null ->
  nothing (not counted). "scalar accuracy" = correct slots / slots where gold or prediction is set.
- People: a one-to-one alignment through `extract.names.align` (name plus aliases on both
  sides). Matched -> tp, unmatched gold -> fn (missing), unmatched prediction -> fp (spurious,
  or "duplicate" when it names a gold person already matched). Per status s: a matched pair
  with both statuses s is tp for s; otherwise the gold status gets an fn and the predicted
  status an fp. On matched pairs: status agreement (always), nationality agreement when gold has
  a nationality (same set of countries, or a non-empty subset of a dual nationality), role
  agreement when gold has a role (any of the "; "-separated descriptions on either side, by token-set
  similarity >= `TEXT_THRESHOLD`).
- List fields: set P/R/F1 after normalising and de-duplicating items, one-to-one fuzzy matching:
  `nationalities_released` as countries, `mediators` as countries/organisations or folded text,
  `charges` as folded, de-genericised words ("terrorist activity" ~ "terrorism"), `destinations`
  by country; destination counts are a separate agreement check on matched countries where the
  gold count is set.
- A gold article with no result, or with an error record, is scored as an empty prediction
  (every gold value a miss). A result with no gold is listed in `unscored` and not scored.
- Vacuous scores (nothing in gold and nothing predicted) are 1.0; the counts show the support.

EvalReport JSON (stable keys, `report_version` 1):

- `released_f1`, `people_f1`: micro F1 of released persons (the headline) and of all persons.
- `scalar_accuracy`, `status_accuracy`: as defined above (micro over all articles).
- `fields`: {field: {tp, fp, fn, precision, recall, f1}} micro-averaged, for the field names in
  `FIELD_NAMES`: the six scalar fields, `people`, `people.<status>` for each status,
  `destinations`, `nationalities_released`, `mediators`, `charges`.
- `macro`: {field: {precision, recall, f1, articles}}: means over articles where the field has a
  gold value or a prediction; `macro_scalar_accuracy` likewise.
- `agreement`: {`people.status` | `people.nationality` | `people.role` | `destinations.count`:
  {correct, total, accuracy}}.
- `articles`: per-article breakdown [{id, outcome, fields: {field: {tp, fp, fn}}, agreement,
  scalar_correct, scalar_total, scalar_accuracy, people_f1, released_f1, errors}].
- `errors`: every error [{article_id, field, kind, subject, gold, predicted}], kind one of
  missing | spurious | wrong | duplicate | no_result | error_record.
- `unscored`: ids of results without gold; `n_gold`, `n_results`, `n_scored`, `n_no_result`,
  `n_error_records`.
- `grounding_rate`, `seconds_per_article`, `tokens_per_article`: means over the result records
  (null when no record carries them); `models`, `strategies`, `prompt_versions`: distinct values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from extract.countries import canonical_country, countries_in, fold, normalize_country
from extract.names import DEFAULT_THRESHOLD, align, person_similarity, same_person
from extract.schema_scoring import prf

from .schema import PERSON_STATUSES, SCALAR_FIELDS, Destination, Person, Record, ReleaseEvent

__all__ = [
    "AGREEMENT_NAMES",
    "FIELD_NAMES",
    "REPORT_VERSION",
    "TEXT_THRESHOLD",
    "Agreement",
    "ArticleScore",
    "Counts",
    "ErrorItem",
    "ErrorKind",
    "EvalReport",
    "FieldScore",
    "MacroScore",
    "Pair",
    "prf",
    "score",
]

REPORT_VERSION = 1
TEXT_THRESHOLD = 60.0  # token-set similarity for free text (quid_pro_quo, role)
ITEM_THRESHOLD = 85.0  # token-set similarity for list items that are not countries

PEOPLE_FIELDS: tuple[str, ...] = ("people", *(f"people.{s}" for s in PERSON_STATUSES))
LIST_SCORED: tuple[str, ...] = ("destinations", "nationalities_released", "mediators", "charges")
FIELD_NAMES: tuple[str, ...] = (*SCALAR_FIELDS, *PEOPLE_FIELDS, *LIST_SCORED)
AGREEMENT_NAMES: tuple[str, ...] = ("people.status", "people.nationality", "people.role", "destinations.count")

ErrorKind = Literal["missing", "spurious", "wrong", "duplicate", "no_result", "error_record"]
Outcome = Literal["scored", "no_result", "error_record"]
Pair = tuple[str, Record | ReleaseEvent | None, ReleaseEvent | None]


# ---------------------------------------------------------------- report models


class Counts(BaseModel):
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0


class FieldScore(Counts):
    """Counts with precision, recall and F1 (each 1.0 when there is nothing to find or predict)."""

    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0


class MacroScore(BaseModel):
    """Mean per-article precision, recall and F1 over `articles` articles where the field occurs."""

    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0
    articles: int = 0


class Agreement(BaseModel):
    """How often a checked value agreed with gold: correct / total (1.0 when total is 0)."""

    correct: int = 0
    total: int = 0
    accuracy: float = 1.0


class ErrorItem(BaseModel):
    """One difference between prediction and gold."""

    article_id: str
    field: str
    kind: ErrorKind
    subject: str | None = Field(default=None, description="The person or item concerned, if any.")
    gold: str | None = None
    predicted: str | None = None


class ArticleScore(BaseModel):
    """The scores of one gold article."""

    id: str
    outcome: Outcome
    fields: dict[str, Counts]
    agreement: dict[str, Agreement]
    scalar_correct: int
    scalar_total: int
    scalar_accuracy: float
    people_f1: float
    released_f1: float
    errors: int


class EvalReport(BaseModel):
    """Scores of a run against gold; see the module docstring for the meaning of every key."""

    report_version: int = REPORT_VERSION
    released_f1: float
    people_f1: float
    scalar_accuracy: float
    status_accuracy: float
    fields: dict[str, FieldScore]
    macro: dict[str, MacroScore]
    macro_scalar_accuracy: float
    agreement: dict[str, Agreement]
    n_gold: int
    n_results: int
    n_scored: int
    n_no_result: int
    n_error_records: int
    unscored: list[str]
    grounding_rate: float | None = None
    seconds_per_article: float | None = None
    tokens_per_article: float | None = None
    models: list[str] = Field(default_factory=list)
    strategies: list[str] = Field(default_factory=list)
    prompt_versions: list[str] = Field(default_factory=list)
    articles: list[ArticleScore]
    errors: list[ErrorItem]


# ---------------------------------------------------------------- text normalisation

_STOPWORDS = frozenset(
    "a an the of on in for to and by with from its their his her as at into over s was were is are be "
    "that this which who".split()
)
_GENERIC_CHARGE_WORDS = frozenset(
    "charge charges charged related activity activities crime crimes offence offences offense offenses "
    "allegation allegations alleged accused accusation accusations involvement participation conviction "
    "convicted convictions case cases counts count".split()
)
_STEM_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s")


def _stem(word: str) -> str:
    if word.endswith("ist") and len(word) > 5:
        return word[:-3] + "ism"  # terrorist -> terrorism, extremist -> extremism
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def _words(text: str, drop: frozenset[str] = _STOPWORDS) -> tuple[str, ...]:
    """Folded words with country names/demonyms (up to three words long) read as one country token."""
    raw = fold(text).replace("-", " ").split()
    out: list[str] = []
    i = 0
    while i < len(raw):
        for size in (3, 2, 1):
            if i + size <= len(raw):
                country = canonical_country(" ".join(raw[i : i + size]))
                if country is not None:
                    out.append(country.lower().replace(" ", "_"))
                    i += size
                    break
        else:
            word = raw[i]
            i += 1
            if word not in drop:
                out.append(_stem(word))
    return tuple(out)


@lru_cache(maxsize=65536)
def _text_key(text: str, drop: frozenset[str] = _STOPWORDS) -> str:
    words = _words(text, drop)
    return " ".join(words) if words else fold(text)


def _text_similarity(a: str, b: str, drop: frozenset[str] = _STOPWORDS) -> float:
    ka, kb = _text_key(a, drop), _text_key(b, drop)
    if ka == kb:
        return 100.0
    if not ka or not kb:
        return 0.0
    return float(fuzz.token_set_ratio(ka, kb))


# ---------------------------------------------------------------- scalar evaluators


def _same_text(a: str, b: str) -> bool:
    return _text_similarity(a, b) >= TEXT_THRESHOLD


def _without_owner_country(text: str) -> str:
    """ "Uganda's High Court" -> "High Court": the country is the releasing_country slot's business."""
    for mark in ("'s ", "’s "):
        head, found, rest = text.partition(mark)
        if found and rest.strip() and canonical_country(head.strip()) is not None:
            return rest
    return text


def _same_authority(a: str, b: str) -> bool:
    if _text_key(a) == _text_key(b):
        return True
    if _text_key(_without_owner_country(a)) == _text_key(_without_owner_country(b)):
        return True
    return same_person(a, b)


def _same_countries(a: str, b: str) -> bool:
    return countries_in(a) == countries_in(b)


def _equal(a: object, b: object) -> bool:
    return a == b


_SCALAR_EQUAL: dict[str, Callable[[object, object], bool]] = {
    "releasing_country": lambda a, b: _same_countries(str(a), str(b)),
    "releasing_authority": lambda a, b: _same_authority(str(a), str(b)),
    "event_date": _equal,
    "released_count": _equal,
    "quid_pro_quo": lambda a, b: _same_text(str(a), str(b)),
    "remaining_prisoners": _equal,
}


def _show(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- per-article accumulation


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0


@dataclass
class _Check:
    correct: int = 0
    total: int = 0


@dataclass
class _Article:
    id: str
    outcome: Outcome
    counts: dict[str, _Counts] = field(default_factory=lambda: {name: _Counts() for name in FIELD_NAMES})
    agreement: dict[str, _Check] = field(default_factory=lambda: {n: _Check() for n in AGREEMENT_NAMES})
    scalar_correct: int = 0
    scalar_total: int = 0
    errors: list[dict[str, str | None]] = field(default_factory=list)

    def error(
        self, name: str, kind: ErrorKind, *, subject: str | None = None, gold: object = None, predicted: object = None
    ) -> None:
        self.errors.append(
            {"article_id": self.id, "field": name, "kind": kind, "subject": subject, "gold": _show(gold),
             "predicted": _show(predicted)}
        )

    def agree(self, name: str, ok: bool) -> None:
        check = self.agreement[name]
        check.total += 1
        check.correct += int(ok)


def _score_scalar(art: _Article, name: str, gold: object, pred: object) -> None:
    if gold is None and pred is None:
        return
    counts = art.counts[name]
    art.scalar_total += 1
    if gold is None:
        counts.fp += 1
        art.error(name, "spurious", predicted=pred)
    elif pred is None:
        counts.fn += 1
        art.error(name, "missing", gold=gold)
    elif _SCALAR_EQUAL[name](gold, pred):
        counts.tp += 1
        art.scalar_correct += 1
    else:
        counts.fp += 1
        counts.fn += 1
        art.error(name, "wrong", gold=gold, predicted=pred)


def _variants(person: Person) -> tuple[str, ...]:
    return (person.name, *(a for a in person.aliases if a.strip()))


def _same_nationality(gold: str, pred: str | None) -> bool:
    if not pred:
        return False
    g, p = countries_in(gold), countries_in(pred)
    return p == g or (bool(p) and p <= g)


def _descriptions(role: str) -> list[str]:
    return [part for part in (s.strip() for s in role.split(";")) if part] or [role]


def _same_role(gold: str, pred: str | None) -> bool:
    if not pred:
        return False
    return any(_same_text(g, p) for g in _descriptions(gold) for p in _descriptions(pred))


def _score_people(art: _Article, gold: list[Person], pred: list[Person], threshold: float) -> None:
    gold_variants = [_variants(p) for p in gold]
    matches = align(gold_variants, [_variants(p) for p in pred], threshold=threshold)
    matched_gold = {m.left for m in matches}
    matched_pred = {m.right for m in matches}
    people = art.counts["people"]
    people.tp += len(matches)
    for m in matches:
        g, p = gold[m.left], pred[m.right]
        if g.status == p.status:
            art.counts[f"people.{g.status}"].tp += 1
        else:
            art.counts[f"people.{g.status}"].fn += 1
            art.counts[f"people.{p.status}"].fp += 1
            art.error("people.status", "wrong", subject=g.name, gold=g.status, predicted=p.status)
        art.agree("people.status", g.status == p.status)
        if g.nationality:
            ok = _same_nationality(g.nationality, p.nationality)
            art.agree("people.nationality", ok)
            if not ok:
                art.error("people.nationality", "wrong", subject=g.name, gold=g.nationality, predicted=p.nationality)
        if g.role:
            ok = _same_role(g.role, p.role)
            art.agree("people.role", ok)
            if not ok:
                art.error("people.role", "wrong", subject=g.name, gold=g.role, predicted=p.role)
    for i, g in enumerate(gold):
        if i not in matched_gold:
            people.fn += 1
            art.counts[f"people.{g.status}"].fn += 1
            art.error("people", "missing", subject=g.name, gold=g.status)
    for j, p in enumerate(pred):
        if j in matched_pred:
            continue
        people.fp += 1
        art.counts[f"people.{p.status}"].fp += 1
        duplicate = any(
            person_similarity(gold_variants[m.left], _variants(p), threshold=threshold) >= threshold for m in matches
        )
        art.error("people", "duplicate" if duplicate else "spurious", subject=p.name, predicted=p.status)


def _align_items(
    gold: Sequence[str], pred: Sequence[str], similarity: Callable[[str, str], float], threshold: float
) -> list[tuple[int, int]]:
    candidates = sorted(
        (-s, i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(pred)
        if (s := similarity(g, p)) >= threshold
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def _unique(items: Iterable[str], key: Callable[[str], str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def _exact(a: str, b: str) -> float:
    return 100.0 if a == b else 0.0


def _fuzzy(a: str, b: str) -> float:
    return 100.0 if a == b else (float(fuzz.token_set_ratio(a, b)) if a and b else 0.0)


def _score_list(
    art: _Article, name: str, gold: list[str], pred: list[str], key: Callable[[str], str], *, fuzzy: bool
) -> list[tuple[int, int]]:
    """Set P/R/F1 of one list field; returns the matched (gold index, prediction index) pairs."""
    gold_u, pred_u = _unique(gold, key), _unique(pred, key)
    gold_k, pred_k = [key(g) for g in gold_u], [key(p) for p in pred_u]
    pairs = _align_items(gold_k, pred_k, _fuzzy if fuzzy else _exact, ITEM_THRESHOLD if fuzzy else 100.0)
    counts = art.counts[name]
    counts.tp += len(pairs)
    matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, g in enumerate(gold_u):
        if i not in matched_g:
            counts.fn += 1
            art.error(name, "missing", subject=g, gold=g)
    for j, p in enumerate(pred_u):
        if j not in matched_p:
            counts.fp += 1
            art.error(name, "spurious", subject=p, predicted=p)
    return pairs


def _charge_key(text: str) -> str:
    return _text_key(text, _STOPWORDS | _GENERIC_CHARGE_WORDS)


def _flat_countries(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        out.extend(sorted(countries_in(value)))
    return out


def _score_event(art: _Article, gold: ReleaseEvent, pred: ReleaseEvent, threshold: float) -> None:
    for name in SCALAR_FIELDS:
        _score_scalar(art, name, getattr(gold, name), getattr(pred, name))
    _score_people(art, gold.people, pred.people, threshold)
    _score_list(
        art, "nationalities_released", _flat_countries(gold.nationalities_released),
        _flat_countries(pred.nationalities_released), normalize_country, fuzzy=False,
    )
    _score_list(art, "mediators", gold.mediators, pred.mediators, _mediator_key, fuzzy=True)
    _score_list(art, "charges", gold.charges, pred.charges, _charge_key, fuzzy=True)
    gold_dest, pred_dest = _by_country(gold.destinations), _by_country(pred.destinations)
    gold_names, pred_names = list(gold_dest), list(pred_dest)
    for i, j in _score_list(art, "destinations", gold_names, pred_names, normalize_country, fuzzy=False):
        g, p = gold_dest[gold_names[i]], pred_dest[pred_names[j]]
        if g.count is not None:
            art.agree("destinations.count", g.count == p.count)
            if g.count != p.count:
                art.error("destinations.count", "wrong", subject=g.country, gold=g.count, predicted=p.count)


def _by_country(destinations: list[Destination]) -> dict[str, Destination]:
    out: dict[str, Destination] = {}
    for d in destinations:
        out.setdefault(normalize_country(d.country), d)
    return out


def _mediator_key(text: str) -> str:
    country = canonical_country(text)
    return country.lower().replace(" ", "_") if country else _text_key(text)


# ---------------------------------------------------------------- aggregation


def _field_score(c: _Counts) -> dict[str, float]:
    p, r, f = prf(c.tp, c.fp, c.fn)
    return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": p, "recall": r, "f1": f}


def _accuracy(correct: int, total: int) -> float:
    return correct / total if total else 1.0


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _agreement(check: _Check) -> dict[str, float]:
    return {"correct": check.correct, "total": check.total, "accuracy": _accuracy(check.correct, check.total)}


def _article_score(art: _Article) -> dict[str, object]:
    """One ArticleScore as plain data (validated with the whole report at once, which is faster)."""
    people, released = art.counts["people"], art.counts["people.released"]
    return {
        "id": art.id,
        "outcome": art.outcome,
        "fields": {n: {"tp": c.tp, "fp": c.fp, "fn": c.fn} for n, c in art.counts.items()},
        "agreement": {n: _agreement(a) for n, a in art.agreement.items()},
        "scalar_correct": art.scalar_correct,
        "scalar_total": art.scalar_total,
        "scalar_accuracy": _accuracy(art.scalar_correct, art.scalar_total),
        "people_f1": prf(people.tp, people.fp, people.fn)[2],
        "released_f1": prf(released.tp, released.fp, released.fn)[2],
        "errors": len(art.errors),
    }


def _macro(articles: list[_Article]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name in FIELD_NAMES:
        scores = [prf(c.tp, c.fp, c.fn) for a in articles if (c := a.counts[name]).tp + c.fp + c.fn]
        if scores:
            n = len(scores)
            out[name] = {
                "precision": sum(s[0] for s in scores) / n,
                "recall": sum(s[1] for s in scores) / n,
                "f1": sum(s[2] for s in scores) / n,
                "articles": n,
            }
        else:
            out[name] = {"precision": 1.0, "recall": 1.0, "f1": 1.0, "articles": 0}
    return out


def score(pairs: Iterable[Pair], *, threshold: float = DEFAULT_THRESHOLD) -> EvalReport:
    """Score (article id, prediction, gold) triples into an EvalReport.

    A prediction is a result Record (an error record counts as all misses), a bare ReleaseEvent,
    or None (no result: all misses). Gold None means no gold file: the id is listed in
    `unscored`. `threshold` is the person-name match threshold (see `extract.names`).
    """
    articles: list[_Article] = []
    unscored: list[str] = []
    records: list[Record] = []
    n_gold = n_results = 0
    for article_id, predicted, gold in pairs:
        if isinstance(predicted, Record):
            records.append(predicted)
        if predicted is not None:
            n_results += 1
        if gold is None:
            if predicted is not None:
                unscored.append(article_id)
            continue
        n_gold += 1
        event: ReleaseEvent
        if predicted is None:
            art = _Article(article_id, "no_result")
            art.error("result", "no_result", gold="gold article", predicted=None)
            event = ReleaseEvent()
        elif isinstance(predicted, Record) and predicted.event is None:
            art = _Article(article_id, "error_record")
            reason = f"{predicted.error.type}: {predicted.error.message}" if predicted.error else "error"
            art.error("result", "error_record", gold="gold article", predicted=reason)
            event = ReleaseEvent()
        else:
            art = _Article(article_id, "scored")
            event = predicted if isinstance(predicted, ReleaseEvent) else predicted.event
        _score_event(art, gold, event, threshold)
        articles.append(art)

    totals = {name: _Counts() for name in FIELD_NAMES}
    checks = {name: _Check() for name in AGREEMENT_NAMES}
    for art in articles:
        for name, c in art.counts.items():
            t = totals[name]
            t.tp, t.fp, t.fn = t.tp + c.tp, t.fp + c.fp, t.fn + c.fn
        for name, a in art.agreement.items():
            checks[name].correct += a.correct
            checks[name].total += a.total
    agreement = {name: _agreement(check) for name, check in checks.items()}
    fields = {name: _field_score(c) for name, c in totals.items()}
    scalar_correct = sum(a.scalar_correct for a in articles)
    scalar_total = sum(a.scalar_total for a in articles)
    per_article_scalar = [_accuracy(a.scalar_correct, a.scalar_total) for a in articles if a.scalar_total]
    grounded = [r.grounding.rate for r in records if r.event is not None and r.grounding is not None]
    return EvalReport.model_validate(
        {
            "released_f1": fields["people.released"]["f1"],
            "people_f1": fields["people"]["f1"],
            "scalar_accuracy": _accuracy(scalar_correct, scalar_total),
            "status_accuracy": agreement["people.status"]["accuracy"],
            "fields": fields,
            "macro": _macro(articles),
            "macro_scalar_accuracy": _mean(per_article_scalar) if per_article_scalar else 1.0,
            "agreement": agreement,
            "n_gold": n_gold,
            "n_results": n_results,
            "n_scored": sum(a.outcome == "scored" for a in articles),
            "n_no_result": sum(a.outcome == "no_result" for a in articles),
            "n_error_records": sum(a.outcome == "error_record" for a in articles),
            "unscored": unscored,
            "grounding_rate": _mean(grounded),
            "seconds_per_article": _mean([r.seconds for r in records]),
            "tokens_per_article": _mean([float(r.usage.total_tokens) for r in records]),
            "models": sorted({r.model for r in records}),
            "strategies": sorted({r.strategy for r in records}),
            "prompt_versions": sorted({r.prompt_version for r in records}),
            "articles": [_article_score(a) for a in articles],
            "errors": [e for a in articles for e in a.errors],
        }
    )
