"""How often each person-status rule of the hybrid strategy is right, on the TUNING sets only.

The hybrid rules (no model) run over every article of the tuning sets (or the ones named); each
person they find is matched to a gold person with the scorer's name matcher (`extract.names.align`
over name and aliases, as `scoring` aligns people). For every rule id in the person's status trail
(`people[i].status`) the table counts the persons it was in the trail of, how often the status
decided for them equals gold, and the gold statuses of those persons (the confusion). A second table
does the same for the decisive id only: the post-pass that set the status when one did
(`no-release-event`, `named-in-ruling`, ...), else the first id of the trail (the strongest cue of the
winning status). A rule right less often than wrong is a candidate to fix, narrow or weaken.

Measure-only sets are refused: their per-person output is never printed.

    .venv/bin/python benchmarks/rule_precision.py                      # every tuning set
    .venv/bin/python benchmarks/rule_precision.py --sets real real2 real3
    .venv/bin/python benchmarks/rule_precision.py --show jailed-in-the-past   # the persons behind one id
    .venv/bin/python benchmarks/rule_precision.py --sets real3 --errors      # every wrong status
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass

from extract.domains.release.evaluation import load_gold
from extract.domains.release.regression import MEASURE_ONLY, TUNING, labelled_sets
from extract.domains.release.strategies.hybrid_batch import rules_batch
from extract.domains.release.strategies.status_rules import RULES
from extract.names import align

# MEASURE_ONLY / TUNING (regression.py): an unknown set stops the script.
CLASSES = ("released", "still_detained", "official", "negotiator", "other")
SHORT = {"released": "rel", "still_detained": "held", "official": "off", "negotiator": "neg", "other": "oth"}
# post-passes that set the status themselves (`hybrid_event._adjust_people`): decisive when present
SETTING_POST_PASSES = ("no-release-event", "release-only-announced", "named-in-ruling", "held-defendant",
                       "court-officer-no-release")


@dataclass(frozen=True)
class Matched:
    where: str  # set/article
    name: str
    decided: str
    gold: str
    ids: tuple[str, ...]  # the status trail, rule ids only

    @property
    def decisive(self) -> str:
        setting = [i for i in self.ids if i in SETTING_POST_PASSES]
        if setting:
            return setting[-1]
        return self.ids[0] if self.ids else "(none)"


def _variants(name: str, aliases: list[str]) -> tuple[str, ...]:
    return (name, *(a for a in aliases if a.strip()))


def collect(set_names: list[str]) -> tuple[list[Matched], Counter[str]]:
    """Every predicted person matched to gold in the named tuning sets, and counts of the unmatched."""
    sets = {s.name: s for s in labelled_sets()}
    out: list[Matched] = []
    unmatched: Counter[str] = Counter()
    for set_name in set_names:
        labelled = sets[set_name]
        gold = load_gold(labelled.gold)
        paths = sorted(labelled.articles.glob("*.txt"))
        outcomes = rules_batch([p.read_text(encoding="utf-8") for p in paths])
        for path, outcome in zip(paths, outcomes, strict=True):
            truth = gold.get(path.stem)
            if truth is None or outcome.event is None:
                continue
            predicted = outcome.event.people
            matches = align([_variants(p.name, p.aliases) for p in truth.people],
                            [_variants(p.name, p.aliases) for p in predicted])
            for m in matches:
                person = predicted[m.right]
                ids = tuple(i for i in outcome.trail.get(f"people[{m.right}].status", []) if i in RULES)
                out.append(Matched(f"{set_name}/{path.stem}", person.name, person.status,
                                   truth.people[m.left].status, ids))
            unmatched["predicted, no gold person"] += len(predicted) - len(matches)
            unmatched["gold, not found"] += len(truth.people) - len(matches)
    return out, unmatched


def table(title: str, rows: dict[str, list[Matched]]) -> str:
    head = f"{'rule id':<34}{'decides':>15}{'fired':>7}{'right':>7}{'prec':>7}  " + "".join(
        f"{SHORT[c]:>6}" for c in CLASSES) + "   (gold status of the persons)"
    lines = [title, head, "-" * len(head)]

    def order(item: tuple[str, list[Matched]]) -> tuple[int, str]:
        rid, persons = item
        return (-sum(p.decided != p.gold for p in persons), rid)

    for rid, persons in sorted(rows.items(), key=order):
        right = sum(p.decided == p.gold for p in persons)
        gold = Counter(p.gold for p in persons)
        flag = "  <- wrong more often than right" if right * 2 < len(persons) else ""
        lines.append(f"{rid:<34}{RULES[rid].status if rid in RULES else '-':>15}{len(persons):>7}{right:>7}"
                     f"{right / len(persons):>7.2f}  " + "".join(f"{gold[c]:>6}" for c in CLASSES) + flag)
    return "\n".join(lines)


def confusion(persons: list[Matched]) -> str:
    lines = ["gold \\ decided" + "".join(f"{SHORT[c]:>7}" for c in CLASSES)]
    for g in CLASSES:
        row = Counter(p.decided for p in persons if p.gold == g)
        lines.append(f"{g:<14}" + "".join(f"{row[c]:>7}" for c in CLASSES))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sets", nargs="+", help="tuning sets to read (default: every tuning set)")
    parser.add_argument("--show", metavar="ID", help="list the persons whose trail holds this rule id")
    parser.add_argument("--errors", action="store_true", help="list every person whose decided status is not gold's")
    args = parser.parse_args(argv)
    known = [s.name for s in labelled_sets()]
    unknown = [n for n in known if n not in TUNING | MEASURE_ONLY]
    if unknown:
        print(f"unclassified labelled sets {unknown}: add each to TUNING or MEASURE_ONLY", file=sys.stderr)
        return 2
    names = args.sets or [n for n in known if n in TUNING]
    refused = [n for n in names if n not in TUNING]
    if refused:
        print(f"refused: {refused} (measure-only or unknown; only tuning sets are read)", file=sys.stderr)
        return 2
    persons, unmatched = collect(names)
    by_id: dict[str, list[Matched]] = defaultdict(list)
    by_decisive: dict[str, list[Matched]] = defaultdict(list)
    for p in persons:
        for rid in dict.fromkeys(p.ids):
            by_id[rid].append(p)
        by_decisive[p.decisive].append(p)
    right = sum(p.decided == p.gold for p in persons)
    print(f"sets: {' '.join(names)}; {len(persons)} persons matched to gold, status right for {right} "
          f"({right / max(1, len(persons)):.3f}); " + ", ".join(f"{k}: {v}" for k, v in unmatched.items()))
    print()
    print(confusion(persons))
    print()
    print(table("every rule id in the status trail (a person counts once per id)", by_id))
    print()
    print(table("the decisive id (the post-pass that set the status, else the trail's first id)", by_decisive))
    if args.show:
        print()
        print(f"persons whose trail holds {args.show} (decided / gold):")
        for p in persons:
            if args.show in p.ids:
                mark = "  " if p.decided == p.gold else "X "
                print(f"{mark}{p.where:<24} {p.name:<30} {p.decided:>14} / {p.gold:<14} {' '.join(p.ids)}")
    if args.errors:
        print()
        print("persons whose decided status is not gold's (decided / gold):")
        for p in persons:
            if p.decided != p.gold:
                print(f"{p.where:<24} {p.name:<30} {p.decided:>14} / {p.gold:<14} {' '.join(p.ids)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
