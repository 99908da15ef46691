"""Benchmark the scorer on 10,000 predicted/gold pairs (not a test): `python benchmarks/bench_scoring.py`.

Pairs are synthetic but shaped like real ones: 3-9 people per article with transliterated,
surname-only, titled, missing and invented names, and noisy scalar and list fields. Prints the
median of a few runs (the first, with cold name caches, is shown apart).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date

from extract.domains.release.schema import Destination, Person, PersonStatus, ReleaseEvent
from extract.domains.release.scoring import Pair, score

GIVEN = ["Ivan", "Olga", "Siarhei", "Yuliya", "Dzmitry", "Pavel", "Anna", "Mikhail", "Iryna", "Aliaksei", "Tomasz"]
SURNAMES = ["Kavalenka", "Sakalouski", "Tsikhanouskaya", "Zhukovskiy", "Hryshkevich", "Bandarenka", "Novak",
            "Lipski", "Karpovich", "Shmatau", "Yakubovich", "Marozau", "Dudkin", "Vasilevich"]
VARIANTS = {"Kavalenka": "Kovalenko", "Sakalouski": "Sokolovsky", "Tsikhanouskaya": "Tikhanovskaya",
            "Zhukovskiy": "Zhukovsky", "Shmatau": "Shmatov", "Marozau": "Morozov", "Siarhei": "Sergei",
            "Yuliya": "Iuliia", "Dzmitry": "Dmitry", "Aliaksei": "Aleksei", "Iryna": "Irina"}
COUNTRIES = ["Belarus", "Ukraine", "Poland", "Lithuania", "Latvia", "United States", "Germany", "Japan"]
COUNTRY_ALIASES = {"United States": "U.S.", "Ukraine": "Ukrainian", "Poland": "Polish", "Belarus": "Belarusian"}
CHARGES = ["espionage", "terrorism", "extremism", "treason", "tax offences", "hooliganism"]
STATUSES: list[PersonStatus] = ["released", "still_detained", "negotiator", "official", "other"]
CHARGE_VARIANTS = {"terrorism": "terrorist activity", "extremism": "extremist activities"}


def _gold(rng: random.Random) -> ReleaseEvent:
    people = []
    for _ in range(rng.randint(3, 9)):
        surname = rng.choice(SURNAMES)
        people.append(
            Person(
                name=f"{rng.choice(GIVEN)} {surname}",
                aliases=[surname] if rng.random() < 0.4 else [],
                status=rng.choice(STATUSES),
                role=rng.choice([None, "opposition leader", "journalist", "special envoy"]),
                nationality=rng.choice([None, *COUNTRIES]),
            )
        )
    return ReleaseEvent(
        releasing_country="Belarus",
        releasing_authority=rng.choice([None, "Belarusian authorities", f"{rng.choice(GIVEN)} Marozau"]),
        event_date=rng.choice([None, date(2025, 12, rng.randint(1, 28))]),
        released_count=rng.choice([None, rng.randint(1, 200)]),
        people=people,
        destinations=[Destination(country=c, count=rng.choice([None, rng.randint(1, 120)])) for c in rng.sample(COUNTRIES, 2)],
        nationalities_released=rng.sample(COUNTRIES, rng.randint(0, 4)),
        mediators=rng.sample(["United States", "European Union", "Vatican City"], rng.randint(0, 2)),
        quid_pro_quo=rng.choice([None, "lifting of US sanctions on potash exports"]),
        charges=rng.sample(CHARGES, rng.randint(0, 3)),
        remaining_prisoners=rng.choice([None, rng.randint(500, 1500)]),
    )


def _vary(name: str, rng: random.Random) -> str:
    parts = [VARIANTS.get(p, p) if rng.random() < 0.5 else p for p in name.split()]
    roll = rng.random()
    if roll < 0.15:
        return parts[-1]
    if roll < 0.25:
        return "President " + " ".join(parts)
    return " ".join(parts)


def _predict(gold: ReleaseEvent, rng: random.Random) -> ReleaseEvent:
    people = [
        p.model_copy(update={"name": _vary(p.name, rng), "aliases": [],
                             "status": p.status if rng.random() < 0.85 else rng.choice(STATUSES)})
        for p in gold.people
        if rng.random() < 0.85
    ]
    if rng.random() < 0.3:
        people.append(Person(name=f"{rng.choice(GIVEN)} Invented{rng.randint(1, 99)}", status="released"))
    return gold.model_copy(
        update={
            "people": people,
            "released_count": gold.released_count if rng.random() < 0.8 else rng.randint(1, 200),
            "nationalities_released": [COUNTRY_ALIASES.get(c, c) for c in gold.nationalities_released],
            "charges": [CHARGE_VARIANTS.get(c, c) for c in gold.charges],
            "event_date": gold.event_date if rng.random() < 0.7 else None,
        }
    )


def make_pairs(n: int, seed: int = 7) -> list[Pair]:
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for i in range(n):
        gold = _gold(rng)
        pairs.append((f"a{i:05d}", _predict(gold, rng) if rng.random() > 0.02 else None, gold))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pairs = make_pairs(args.pairs)
    people = sum(len(g.people) for _, _, g in pairs if g is not None)
    times = []
    report = None
    for _ in range(args.runs):
        start = time.perf_counter()
        report = score(pairs)
        times.append(time.perf_counter() - start)
    assert report is not None
    warm = times[1:] or times
    rows = [
        ("pairs", f"{len(pairs):,}"),
        ("gold persons", f"{people:,}"),
        ("runs", str(args.runs)),
        ("first run (cold caches), s", f"{times[0]:.2f}"),
        ("median run, s", f"{statistics.median(warm):.2f}"),
        ("per pair (median), ms", f"{1000 * statistics.median(warm) / len(pairs):.3f}"),
        ("released F1 of the synthetic run", f"{report.released_f1:.3f}"),
        ("errors listed", f"{len(report.errors):,}"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key.ljust(width)}  {value.rjust(10)}")


if __name__ == "__main__":
    main()
