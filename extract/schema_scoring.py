"""Eval for any schema: per-leaf precision/recall/F1 against gold, from field metadata (pure).

Every leaf path of the schema is scored (`court`, `charges`, `defendants.name`,
`defendants.sentence_years`), each with its field's comparator (`extract.comparators`):

- a scalar: gold and prediction match -> tp; gold empty, prediction set -> fp (spurious); gold set,
  prediction empty -> fn (missing); both set and different -> fp + fn (wrong); both empty -> nothing.
- a list of values: items de-duplicated, aligned one-to-one (best similarity first); matched -> tp,
  unmatched gold -> fn, unmatched prediction -> fp.
- a list of objects: items aligned one-to-one by their key field (`extract.fields.key_field`); the
  fields of a matched pair are scored as scalars, every set field of an unmatched gold item is an fn
  and of an unmatched predicted item an fp. So `defendants.name` is the entity F1 and
  `defendants.sentence_years` the F1 of that attribute over all defendants.
- a nested object: its fields, under `<field>.`.

`micro` pools the counts of every scored leaf (comparator ``ignore`` excluded). A gold article with
no result or an error record is scored against an empty prediction; results without gold are
listed in `unscored`. Vacuous scores are 1.0, as in the release report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from .comparators import TEXT_MATCH, compare, similarity
from .fields import FieldSpec, describe, is_empty, key_field, leaf_paths
from .names import DEFAULT_THRESHOLD, person_similarity
from .records import Record

__all__ = [
    "SCHEMA_REPORT_VERSION",
    "LeafScore",
    "SchemaArticle",
    "SchemaErrorItem",
    "SchemaReport",
    "known_keys",
    "prf",
    "score_schema",
]

SCHEMA_REPORT_VERSION = 1
Kind = Literal["missing", "spurious", "wrong", "no_result", "error_record"]


class LeafScore(BaseModel):
    """Counts of one leaf path, with precision, recall and F1 (1.0 when there is nothing to score)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0


class SchemaErrorItem(BaseModel):
    """One difference between prediction and gold."""

    article_id: str
    field: str
    kind: Kind
    gold: str | None = None
    predicted: str | None = None


class SchemaArticle(BaseModel):
    """The scores of one gold article."""

    id: str
    outcome: Literal["scored", "no_result", "error_record"]
    f1: float
    fields: dict[str, LeafScore]
    errors: int


class SchemaReport(BaseModel):
    """Scores of a run of any schema against gold (`--json`): `fields.<path>.{precision,recall,f1}`."""

    report_version: int = SCHEMA_REPORT_VERSION
    schema_name: str
    micro: LeafScore
    micro_f1: float
    fields: dict[str, LeafScore]
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
    articles: list[SchemaArticle]
    errors: list[SchemaErrorItem]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; precision (recall) is 1.0 when nothing was predicted (expected)."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _leaf_score(tp: int, fp: int, fn: int) -> LeafScore:
    precision, recall, f1 = prf(tp, fp, fn)
    return LeafScore(tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)


def _show(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class _Scorer:
    def __init__(self, article_id: str, leaves: Sequence[str]) -> None:
        self.id = article_id
        self.counts: dict[str, list[int]] = {path: [0, 0, 0] for path in leaves}
        self.errors: list[SchemaErrorItem] = []

    def error(self, path: str, kind: Kind, gold: Any = None, predicted: Any = None) -> None:
        self.errors.append(SchemaErrorItem(article_id=self.id, field=path, kind=kind, gold=_show(gold),
                                           predicted=_show(predicted)))

    def value(self, path: str, kind: str, gold: Any, pred: Any) -> None:
        if kind == "ignore" or (is_empty(gold) and is_empty(pred)):
            return
        counts = self.counts[path]
        if is_empty(gold):
            counts[1] += 1
            self.error(path, "spurious", predicted=pred)
        elif is_empty(pred):
            counts[2] += 1
            self.error(path, "missing", gold=gold)
        elif compare(kind, gold, pred):
            counts[0] += 1
        else:
            counts[1] += 1
            counts[2] += 1
            self.error(path, "wrong", gold=gold, predicted=pred)

    def values(self, path: str, kind: str, gold: Sequence[Any], pred: Sequence[Any]) -> None:
        if kind == "ignore":
            return
        gold_u, pred_u = _unique(gold), _unique(pred)
        pairs = _align(kind, gold_u, pred_u)
        counts = self.counts[path]
        counts[0] += len(pairs)
        matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, g in enumerate(gold_u):
            if i not in matched_g:
                counts[2] += 1
                self.error(path, "missing", gold=g)
        for j, p in enumerate(pred_u):
            if j not in matched_p:
                counts[1] += 1
                self.error(path, "spurious", predicted=p)

    def model(self, schema: type[BaseModel], gold: BaseModel | None, pred: BaseModel | None, prefix: str) -> None:
        for spec in describe(schema):
            path = prefix + spec.name
            g = getattr(gold, spec.name, None) if gold is not None else None
            p = getattr(pred, spec.name, None) if pred is not None else None
            if spec.shape == "scalar":
                self.value(path, spec.compare, g, p)
            elif spec.shape == "list":
                self.values(path, spec.compare, list(g or []), list(p or []))
            elif spec.shape == "model" and spec.model is not None:
                self.model(spec.model, g, p, path + ".")
            elif spec.shape == "models" and spec.model is not None:
                self.items(spec, list(g or []), list(p or []), path + ".")

    def items(self, spec: FieldSpec, gold: list[BaseModel], pred: list[BaseModel], prefix: str) -> None:
        assert spec.model is not None
        key = key_field(spec.model)
        if key is None:
            pairs: list[tuple[int, int]] = []
        else:
            gold_keys = [getattr(g, key.name, None) for g in gold]
            pred_keys = [getattr(p, key.name, None) for p in pred]
            pairs = _align(key.compare, gold_keys, pred_keys)
        matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, j in pairs:
            self.model(spec.model, gold[i], pred[j], prefix)
        for i, g in enumerate(gold):
            if i not in matched_g:
                self.model(spec.model, g, None, prefix)
        for j, p in enumerate(pred):
            if j not in matched_p:
                self.model(spec.model, None, p, prefix)


def _unique(values: Sequence[Any]) -> list[Any]:
    seen: dict[str, Any] = {}
    for value in values:
        if not is_empty(value):
            seen.setdefault(" ".join(str(value).casefold().split()), value)
    return list(seen.values())


def _align(kind: str, gold: Sequence[Any], pred: Sequence[Any]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, prediction index), best similarity first."""
    if kind == "ignore":
        return []
    threshold = TEXT_MATCH if kind == "text" else DEFAULT_THRESHOLD / 100 if kind == "name" else 1.0
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if is_empty(g) or is_empty(p):
                continue
            s = person_similarity(str(g), str(p)) / 100 if kind == "name" else similarity(kind, g, p)
            if s >= threshold:
                candidates.append((-s, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def score_schema(
    pairs: Iterable[tuple[str, Record | BaseModel | None, BaseModel | None]],
    schema: type[BaseModel],
    *,
    schema_name: str | None = None,
) -> SchemaReport:
    """Score (article id, prediction, gold) triples of `schema` into a SchemaReport.

    A prediction is a Record (an error record counts as all misses), a bare `schema` instance or
    None (no result). Gold None: the id is listed in `unscored`.
    """
    leaves = [path for path, spec in leaf_paths(schema) if spec.compare != "ignore"]
    articles: list[SchemaArticle] = []
    errors: list[SchemaErrorItem] = []
    unscored: list[str] = []
    records: list[Record] = []
    totals = {path: [0, 0, 0] for path in leaves}
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
        scorer = _Scorer(article_id, leaves)
        data: BaseModel | None
        if predicted is None:
            outcome: Literal["scored", "no_result", "error_record"] = "no_result"
            scorer.error("result", "no_result", gold="gold article")
            data = None
        elif isinstance(predicted, Record) and predicted.event is None:
            outcome = "error_record"
            reason = f"{predicted.error.type}: {predicted.error.message}" if predicted.error else "error"
            scorer.error("result", "error_record", gold="gold article", predicted=reason)
            data = None
        else:
            outcome = "scored"
            data = predicted.event if isinstance(predicted, Record) else predicted
        scorer.model(schema, gold, data, "")
        for path, (tp, fp, fn) in scorer.counts.items():
            total = totals[path]
            total[0], total[1], total[2] = total[0] + tp, total[1] + fp, total[2] + fn
        pooled = [sum(c[k] for c in scorer.counts.values()) for k in range(3)]
        articles.append(SchemaArticle(
            id=article_id, outcome=outcome, f1=_leaf_score(*pooled).f1,
            fields={p: _leaf_score(*c) for p, c in scorer.counts.items() if any(c)}, errors=len(scorer.errors),
        ))
        errors.extend(scorer.errors)
    micro = _leaf_score(*(sum(c[k] for c in totals.values()) for k in range(3)))
    grounded = [r.grounding.rate for r in records if r.event is not None and r.grounding is not None]
    return SchemaReport(
        schema_name=schema_name or f"{schema.__module__}:{schema.__qualname__}",
        micro=micro,
        micro_f1=micro.f1,
        fields={path: _leaf_score(*c) for path, c in totals.items()},
        n_gold=n_gold,
        n_results=n_results,
        n_scored=sum(a.outcome == "scored" for a in articles),
        n_no_result=sum(a.outcome == "no_result" for a in articles),
        n_error_records=sum(a.outcome == "error_record" for a in articles),
        unscored=unscored,
        grounding_rate=_mean(grounded),
        seconds_per_article=_mean([r.seconds for r in records]),
        tokens_per_article=_mean([float(r.usage.total_tokens) for r in records]),
        models=sorted({r.model for r in records}),
        strategies=sorted({r.strategy for r in records}),
        prompt_versions=sorted({r.prompt_version for r in records}),
        articles=articles,
        errors=errors,
    )


def known_keys(data: Mapping[str, Any], schema: type[BaseModel]) -> dict[str, Any]:
    """`data` without keys `schema` does not know, at every level (gold files may carry notes, offsets)."""
    out: dict[str, Any] = {}
    specs = {s.name: s for s in describe(schema)}
    for name, value in data.items():
        spec = specs.get(name)
        if spec is None:
            continue
        if spec.shape == "model" and spec.model is not None and isinstance(value, Mapping):
            value = known_keys(value, spec.model)
        elif spec.shape == "models" and spec.model is not None and isinstance(value, list):
            value = [known_keys(v, spec.model) if isinstance(v, Mapping) else v for v in value]
        out[name] = value
    return out
