"""Benchmark the criterion suggester and the reflection coach: timings and labelled-set accuracy.

    .venv/bin/python benchmarks/bench_suggest.py [--repeat N] [--json PATH]

Times (median of N runs, caches cleared before each build): building the index for the largest
bundled framework and for all of them; one suggestion for a typical entry and for a 1,500-word
entry; one coach review of a 1,500-word entry. Then top-1 / top-3 accuracy on the labelled set
(tests/fixtures/writing/labelled_entries.json), tune and held-out splits apart.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from _common import machine_info, median_ms, write_json

from portfolio.frameworks.catalog import bundled_frameworks
from portfolio.writing import suggest
from portfolio.writing.accuracy import load_labelled, measure
from portfolio.writing.coach import review_entry
from portfolio.writing.suggest import CriterionIndex

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "fixtures" / "writing" / "labelled_entries.json"


def _median_ms(run: Callable[[int], object], repeat: int) -> float:
    return median_ms(run, repeat).wall_ms


def _fresh_build(frameworks: list) -> Callable[[int], object]:  # type: ignore[type-arg]
    def run(_: int) -> object:
        suggest._DOCS.clear()
        suggest._INDEXES.clear()
        return CriterionIndex.build(frameworks)

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="runs per timing (default 30)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    args = parser.parse_args(argv)

    frameworks = bundled_frameworks()
    largest = max(frameworks, key=lambda f: sum(1 for _ in f.criteria()))
    entries = load_labelled(LABELLED)
    typical = entries[0].text
    long_text = " ".join(e.text for e in entries)
    long_text = " ".join(long_text.split()[:1500])
    sections = {
        key: " ".join(e.text for e in entries[i * 3 : i * 3 + 3])
        for i, key in enumerate(("situation", "task", "action", "result", "reflection"))
    }
    sections = {k: " ".join(v.split()[:300]) for k, v in sections.items()}

    one = CriterionIndex.build([largest])
    every = CriterionIndex.build(frameworks)
    timings = {
        "build_largest_ms": _median_ms(_fresh_build([largest]), args.repeat),
        "build_all_ms": _median_ms(_fresh_build(frameworks), args.repeat),
        "suggest_largest_typical_ms": _median_ms(
            lambda i: one.suggest(f"{typical} {i}"), args.repeat
        ),
        "suggest_largest_1500_words_ms": _median_ms(
            lambda i: one.suggest(f"{long_text} {i}"), args.repeat
        ),
        "suggest_all_typical_ms": _median_ms(
            lambda i: every.suggest(f"{typical} {i}"), args.repeat
        ),
        "suggest_all_1500_words_ms": _median_ms(
            lambda i: every.suggest(f"{long_text} {i}"), args.repeat
        ),
        "coach_1500_words_ms": _median_ms(
            lambda i: review_entry({k: f"{v} {i}" for k, v in sections.items()}), args.repeat
        ),
    }
    tune = measure([e for e in entries if e.split == "tune"], frameworks)
    held = measure([e for e in entries if e.split == "held_out"], frameworks)
    accuracy = {
        name: {"entries": r.entries, "cases": r.cases, "top1": r.top1, "top3": r.top3}
        for name, r in (("tune", tune), ("held_out", held))
    }
    result = {
        "machine": machine_info(),
        "repeat": args.repeat,
        "largest_framework": {"id": largest.id, "criteria": len(one)},
        "all_frameworks": {"count": len(frameworks), "criteria": len(every)},
        "typical_words": len(typical.split()),
        "timings_ms": {k: round(v, 3) for k, v in timings.items()},
        "accuracy": accuracy,
    }

    width = max(len(k) for k in timings)
    print(f"largest framework: {largest.id} ({len(one)} criteria); all: {len(every)} criteria")
    print(f"{'timing (median of ' + str(args.repeat) + ')':<{width}}  ms")
    print(f"{'-' * width}  -------")
    for key, value in timings.items():
        print(f"{key.removesuffix('_ms'):<{width}}  {value:7.3f}")
    print()
    print(f"{'labelled set':<10}  entries  cases  top-1  top-3")
    for name, r in (("tune", tune), ("held_out", held)):
        print(f"{name:<10}  {r.entries:7d}  {r.cases:5d}  {r.top1:.3f}  {r.top3:.3f}")
    if args.json:
        write_json(args.json, result)
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
