"""Benchmark the criterion suggester and the reflection coach: timings and labelled-set accuracy.

    .venv/bin/python benchmarks/bench_suggest.py [--repeat N] [--json PATH]

Times (median of N runs, caches cleared before each build): building the index for the largest
bundled framework and for all of them; one suggestion for a typical entry and for a 1,500-word
entry; one coach review of a 1,500-word entry. In the app (#23): one learned suggestion through
the portfolio's SuggestionService on a demo portfolio of --entries entries (every one tagged,
plus rejections), as the editor asks for it while the learner types, and the first build of its
model. Whole process: `portfolio suggest` against a bundled framework and against that
portfolio file, wall and CPU seconds (median of --cli-repeat runs; start-up included). Then
top-1 / top-3 accuracy on the labelled set (tests/fixtures/writing/labelled_entries.json), tune
and held-out splits apart; the #23 sets have their own script, bench_writing_eval.py.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
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


def _process_seconds(command: list[str], runs: int) -> dict[str, float]:
    """Median wall and CPU seconds of a whole process, start-up included."""
    walls: list[float] = []
    cpus: list[float] = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(runs + 1):  # the first run warms the disk cache and is not counted
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(wall)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return {
        "wall_s": round(statistics.median(walls[1:]), 3),
        "cpu_s": round(statistics.median(cpus[1:]), 3),
    }


def _app_timings(entries: int, repeat: int, text: str) -> tuple[dict[str, float], Path]:
    """One learned suggestion as the editor asks for it, on a demo portfolio."""
    from portfolio.demo import create_demo

    folder = Path(tempfile.mkdtemp(prefix="bench-suggest-"))
    path = folder / "demo.portfolio"
    pf = create_demo(path, entries=entries)
    try:
        frameworks = pf.enrolment.frameworks()
        every = [c.id for f in frameworks for c in f.criteria()]
        listed = pf.entries.list()
        for i, summary in enumerate(listed):
            detail = pf.entries.get(summary.id)
            tagged = {tag.criterion_id for tag in detail.tags}
            if not tagged:
                pf.tagging.tag(entry_id=summary.id, criterion=every[i % len(every)])
                tagged = {every[i % len(every)]}
            if i % 3 == 0:
                spare = next(c for c in every if c not in tagged)
                pf.suggestions.reject(entry_id=summary.id, criterion=spare)

        def first_build(_: int) -> object:
            pf.suggestions._model = None
            return pf.suggestions.model()

        timings = {
            "app_model_build_ms": median_ms(first_build, max(3, repeat // 10)).wall_ms,
            "app_suggest_learned_ms": median_ms(
                lambda i: pf.suggestions.suggest(f"{text} {i}", frameworks), repeat
            ).wall_ms,
            "app_model_examples": float(pf.suggestions.model().examples),
        }
    finally:
        pf.close()
    return timings, path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="runs per timing (default 30)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    parser.add_argument(
        "--entries", type=int, default=300, help="demo portfolio size for the app timing"
    )
    parser.add_argument(
        "--cli-repeat", type=int, default=7, help="whole-process runs per command (default 7)"
    )
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
    app, demo_path = _app_timings(args.entries, args.repeat, typical)
    timings.update(app)
    text_path = demo_path.parent / "typical.txt"
    text_path.write_text(typical, encoding="utf-8")
    python = [sys.executable, "-m", "portfolio", "suggest", "--text-file", str(text_path)]
    processes = {
        "cli_suggest_framework": _process_seconds(
            [*python, "--framework", largest.id, "--json"], args.cli_repeat
        ),
        "cli_suggest_portfolio": _process_seconds(
            [*python, str(demo_path), "--json"], args.cli_repeat
        ),
        "python_startup": _process_seconds([sys.executable, "-c", "pass"], args.cli_repeat),
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
        "whole_process": processes,
        "accuracy": accuracy,
    }

    width = max(len(k) for k in timings)
    print(f"largest framework: {largest.id} ({len(one)} criteria); all: {len(every)} criteria")
    print(f"{'timing (median of ' + str(args.repeat) + ')':<{width}}  ms")
    print(f"{'-' * width}  -------")
    for key, value in timings.items():
        print(f"{key.removesuffix('_ms'):<{width}}  {value:7.3f}")
    print()
    print("whole process (median)        wall s   cpu s")
    for key, value in processes.items():
        print(f"{key:<28}  {value['wall_s']:6.3f}  {value['cpu_s']:6.3f}")
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
