"""Benchmark the group overview: scan a folder of 30 portfolios of 200 entries each.

    .venv/bin/python benchmarks/bench_group.py [--learners N] [--entries N] [--repeat N]
                                               [--json PATH]

Builds the files once with portfolio.demo.create_demo(path, entries=N) in a temporary folder
(about half the entries are marked ready, so "awaiting review" has work to do), gives every file
a reviewer comment, a judgement and a unit sign-off (so fingerprints are recomputed during the
scan), then times portfolio.services.group.scan_folder over the folder --repeat times. The target
from issue 7 is "a few seconds at most"; we hold it to 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import machine_info, write_json

from portfolio.demo import create_demo
from portfolio.domain.actor import Actor
from portfolio.services.group import scan_folder
from portfolio.services.portfolio import Portfolio

TARGET_SECONDS = 3.0
ASSESSOR = Actor("Bench Assessor", "assessor")


def build(folder: Path, learners: int, entries: int) -> float:
    start = time.perf_counter()
    for n in range(learners):
        path = folder / f"learner-{n + 1:02d}.portfolio"
        create_demo(path, entries=entries).close()
        with Portfolio.open(path, actor=ASSESSOR) as pf:
            pf.reviewing.comment(entry_id="E1", text="Benchmark comment")
            pf.reviewing.judge(criterion="1.1", judgement="met", reason="Benchmark")
            unit = pf.reviewing.signoff_status()[0].unit_id
            pf.reviewing.sign_off(unit=unit)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-group-") as tmp:
        folder = Path(tmp)
        built = build(folder, args.learners, args.entries)
        times = []
        progress_calls = 0
        for _ in range(args.repeat):

            def progress(done: int, total: int, message: str = "") -> None:
                nonlocal progress_calls
                progress_calls += 1

            start = time.perf_counter()
            overview = scan_folder(folder, progress=progress)
            times.append(time.perf_counter() - start)
        assert len(overview.learners) == args.learners
        assert not overview.failures
        leftovers = sorted(p.name for p in folder.iterdir() if not p.name.endswith(".portfolio"))

    median = statistics.median(times)
    results = [
        {
            "case": f"group scan: {args.learners} portfolios x {args.entries} entries",
            "median_s": round(median, 3),
            "min_s": round(min(times), 3),
            "max_s": round(max(times), 3),
            "per_file_ms": round(1000 * median / max(args.learners, 1), 1),
            "target_s": TARGET_SECONDS,
            "ok": median <= TARGET_SECONDS,
            "runs": args.repeat,
            "progress_reports_per_scan": progress_calls // max(args.repeat, 1),
            "build_s": round(built, 1),
            "files_left_beside_portfolios": leftovers,
        }
    ]
    width = max(len(r["case"]) for r in results)
    print(f"{'case':<{width}}  median   min      max      per file  target  ok")
    for r in results:
        print(
            f"{r['case']:<{width}}  {r['median_s']:<7.3f}  {r['min_s']:<7.3f}  {r['max_s']:<7.3f}"
            f"  {r['per_file_ms']:>5.1f} ms  {r['target_s']:.0f} s     {'yes' if r['ok'] else 'NO'}"
        )
    print(f"(built the folder in {built:.1f} s; files left beside: {leftovers or 'none'})")
    if args.json:
        write_json(args.json, {"machine": machine_info(), "results": results})
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
