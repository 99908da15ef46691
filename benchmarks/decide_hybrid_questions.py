"""Decide the hybrid strategy's model questions by measuring them; writes `MEASURED`.

For each question (a scalar the rules may leave empty) the script runs the rules (no model) on
the tuning articles (the seeds and `evals/dev*`; never a measure-only set), keeps the articles
where the rules (without their no-model gap rules) left the field empty, and scores each alternative for filling it against gold:

- `no-model rule`: the hybrid's gap rule for the field (`hybrid.GAP_RULES`; for the releasing
  country, the one country the article names, when it names exactly one); for the count, none;
- each embedded model asked the question (`extract.Extractor`, hybrid with only that question on).

A fill is right when it equals gold, wrong otherwise (a fill where gold is null is wrong); an
empty answer is neither. The figures go to `extract/domains/release/strategies/hybrid_questions.json`, which
`hybrid_questions.MEASURED` reads, and `DEFAULT_QUESTIONS` is every question whose best model beat
both leaving the gap and the no-model rule (more right than wrong, and more right than the rule:
on a tie the rule wins, as it costs no model call).

    .venv/bin/python benchmarks/decide_hybrid_questions.py                    # both embedded models
    .venv/bin/python benchmarks/decide_hybrid_questions.py --models none      # rules and rule only
    .venv/bin/python benchmarks/decide_hybrid_questions.py --questions releasing_country
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "extract" / "domains" / "release" / "strategies" / "hybrid_questions.json"
MODELS = ("smollm2-135m", "gemma3-270m")


def _tuning_articles() -> list[tuple[str, str, Any]]:
    from extract.domains.release.evaluation import load_gold
    from extract.domains.release.regression import labelled_sets

    out = []
    for labelled in labelled_sets():
        if labelled.name != "seeds" and not labelled.name.startswith("dev"):
            continue  # measure-only sets never decide anything
        gold = load_gold(labelled.gold)
        for path in sorted(labelled.articles.glob("*.txt")):
            out.append((f"{labelled.name}/{path.stem}", path.read_text(encoding="utf-8"), gold[path.stem]))
    return out


def _same(field: str, predicted: Any, gold: Any) -> bool:
    from extract.countries import same_country

    if field == "releasing_country":
        return bool(same_country(str(predicted), str(gold))) if gold is not None else False
    return bool(predicted == gold)


def _tally(field: str, fills: dict[str, Any], gold: dict[str, Any]) -> dict[str, int]:
    right = sum(1 for k, v in fills.items() if v is not None and _same(field, v, gold[k]))
    wrong = sum(1 for k, v in fills.items() if v is not None and not _same(field, v, gold[k]))
    return {"right": right, "wrong": wrong, "empty": sum(1 for v in fills.values() if v is None)}


def main() -> None:
    from extract import Extractor, Settings
    from extract.domains.release.strategies.hybrid import GAP_RULES, HybridStrategy
    from extract.domains.release.strategies.hybrid_batch import rules_outcome
    from extract.domains.release.strategies.hybrid_questions import QUESTIONS
    from extract.domains.release.strategies.hybrid_weights import default_weights

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=",".join(MODELS), help="embedded models to ask, or 'none'")
    parser.add_argument("--questions", default=None, help="comma-separated questions (default: every one)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    models = [] if args.models == "none" else [m for m in args.models.split(",") if m]
    articles = _tuning_articles()
    measured: dict[str, Any] = {
        "measured": dt.date.today().isoformat(),
        "articles": len(articles),
        "command": "benchmarks/decide_hybrid_questions.py --models " + (",".join(models) or "none")
        + (f" --questions {args.questions}" if args.questions else ""),
        "questions": {},
    }
    chosen = args.questions.split(",") if args.questions else list(QUESTIONS)
    for name, question in QUESTIONS.items():
        if name not in chosen:
            continue
        field = question.field
        gaps, rule_fills = {}, {}
        for key, text, gold in articles:
            bare = rules_outcome(text, gap_rules=False, weights=default_weights()).event  # the rules without the gap fillers
            if bare is not None and getattr(bare, field) is None:
                gaps[key] = (text, getattr(gold, field))
                outcome = rules_outcome(text, weights=default_weights())
                by_rule = outcome.trail.get(field) == [GAP_RULES.get(field)]
                rule_fills[key] = getattr(outcome.event, field) if by_rule and outcome.event is not None else None
        gold_of = {k: g for k, (_, g) in gaps.items()}
        row: dict[str, Any] = {
            "rules empty": len(gaps),
            "gold set where the rules are empty": sum(1 for g in gold_of.values() if g is not None),
        }
        row["no-model rule"] = _tally(field, rule_fills, gold_of)
        for model in models:
            settings = Settings(embedded_model=model, strategy="hybrid", hybrid_questions=(name,), cache=False)
            fills: dict[str, Any] = {}
            with Extractor(settings) as extractor:
                extractor.strategy = HybridStrategy(use_model=True, questions=(name,), gap_rules=False)
                for key, (text, _) in gaps.items():
                    record = extractor.extract(text, id=key.replace("/", "_"))
                    fills[key] = getattr(record.event, field) if record.event is not None else None
            row[model] = _tally(field, fills, gold_of)
        measured["questions"][name] = row
        print(name, json.dumps(row))
    args.out.write_text(json.dumps(measured, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
