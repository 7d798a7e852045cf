"""Honest figures for #23: the suggester beside TF-IDF, the learning curve, the coach's P/R.

    .venv/bin/python benchmarks/bench_writing_eval.py [--split dev|heldout|all] [--json PATH]

Suggester: top-1/3/5 on the chosen split of tests/fixtures/writing/eval/suggest_set.json, overall,
per unit (framework, and Level 1 + Level 2 together) and per level, with a same-candidates TF-IDF
baseline computed in the same run (portfolio/writing/evaluation.py says how). Learning curve:
top-3 after 0, 5, 10 and 20 confirmed tags replayed from the older labelled set
(tests/fixtures/writing/labelled_entries.json).
Coach: precision and recall of the judged finding kinds against the tutor's reading in
coach_set.json, and how often the Hatton and Smith level agrees. Tune on ``dev`` only; run
``heldout`` once, at the end.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from portfolio.frameworks.catalog import bundled_frameworks
from portfolio.writing.coach_eval import coach_scores
from portfolio.writing.evaluation import (
    Scores,
    app_ranker,
    grouped,
    hit_rates,
    learning_curve,
    load_set,
    make_cases,
    tfidf_ranker,
)

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "fixtures" / "writing" / "eval"
HISTORY = ROOT / "tests" / "fixtures" / "writing" / "labelled_entries.json"


def _row(name: str, app: Scores, base: Scores) -> str:
    def fmt(s: Scores) -> str:
        return " ".join(f"{s.top[k]:.2f}" for k in (1, 3, 5))

    return f"{name:<48} {app.cases:>5}  {fmt(app)}   {fmt(base)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    parser.add_argument("--misses", action="store_true", help="list the cases missed at top 3")
    args = parser.parse_args(argv)

    frameworks = {f.id: f for f in bundled_frameworks()}
    entries = [e for e in load_set(EVAL / "suggest_set.json") if args.split in ("all", e.split)]
    cases = make_cases(entries, frameworks)
    app, base = app_ranker(frameworks), tfidf_ranker(frameworks)
    result: dict[str, Any] = {"split": args.split, "entries": len(entries)}

    print(f"split: {args.split}  ({len(entries)} entries, {len(cases)} cases)")
    print(f"{'':<48} {'cases':>5}  app top1/3/5       tf-idf top1/3/5")
    overall = (hit_rates(cases, app), hit_rates(cases, base))
    print(_row("all", *overall))
    result["overall"] = {"app": overall[0].as_dict(), "tfidf": overall[1].as_dict()}
    for title, key in (("unit", lambda c: c.unit), ("level", lambda c: f"level {c.level}")):
        app_groups, base_groups = grouped(cases, app, key), grouped(cases, base, key)
        result[f"by_{title}"] = {
            name: {"app": app_groups[name].as_dict(), "tfidf": base_groups[name].as_dict()}
            for name in app_groups
        }
        for name in app_groups:
            print(_row(f"  {name}", app_groups[name], base_groups[name]))

    # Two histories: another writer's entries (the older set), and the learner's "own" other
    # entries of the same split (leave-one-out: a case never learns from its own entry).
    for name, history in (("other writer", load_set(HISTORY)), ("own entries", entries)):
        curve = learning_curve(cases, frameworks, history)
        print(
            f"learning curve, {name} (top 1 / top 3 after N confirmed tags): "
            + ", ".join(f"{n}: {s.top[1]:.2f}/{s.top[3]:.2f}" for n, s in curve.items())
        )
        result[f"curve_{name.replace(' ', '_')}"] = {str(n): s.as_dict() for n, s in curve.items()}

    if args.misses:
        for case in cases:
            ranked = app(case)
            if not case.wanted.intersection(ranked[:3]):
                short = [r.split(".u1.")[-1] for r in ranked[:3]]
                want = [w.split(".u1.")[-1] for w in sorted(case.wanted)]
                print(f"  miss {case.entry.id} {case.unit}: want {want} got {short}")

    coach = coach_scores(EVAL / "coach_set.json", split=args.split)
    print(
        f"coach: precision {coach['precision']:.2f} recall {coach['recall']:.2f} "
        f"({coach['fired']} judged findings, {coach['expected']} expected); "
        f"level exact {coach['level_exact']:.2f}, within one {coach['level_within_one']:.2f}"
    )
    if args.misses:
        for line in coach["disagreements"]:
            print(f"  {line}")
    result["coach"] = {k: v for k, v in coach.items() if k != "disagreements"}
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
