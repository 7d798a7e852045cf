"""Benchmark the check before export (issue 14 item 7): what it adds to an export.

Usage: ``python benchmarks/bench_export_check.py [--entries 300 2000] [--json PATH]``.

For each size, builds a demo portfolio, loads the export's snapshot, makes every entry's text
unique (the demo repeats its scenarios; real entries do not, and the detector's cache would
otherwise flatter the figure), then times ``export.check.check_snapshot``:

- cold: the first check in a process (the CLI's ``export --check``, and the refusal check of a
  CLI ``export``), every text run through the personal-data detector;
- warm: a second check in the same process (the export dialog checking again after a fix, and
  the export that follows the dialog's check), answered from the per-text cache.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

from _common import build_demo, load_average, machine_info, write_json

from portfolio.anonymise import shared
from portfolio.export import check
from portfolio.export.options import ExportOptions
from portfolio.services.exporting import load_snapshot
from portfolio.services.portfolio import Portfolio


def measure(entries: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.portfolio"
        build_demo(path, entries)
        with Portfolio.open(path, read_only=True) as pf:
            snapshot = load_snapshot(pf.storage, ExportOptions())
    unique = tuple(
        dataclasses.replace(
            e, sections=tuple((k, label, f"{t} (E{e.ref_no})") for k, label, t in e.sections)
        )
        for e in snapshot.entries
    )
    snapshot = dataclasses.replace(snapshot, entries=unique)
    chars = sum(len(t) for e in unique for _, _, t in e.sections) / max(len(unique), 1)
    shared.forget()
    started = time.perf_counter()
    check.check_snapshot(snapshot)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    check.check_snapshot(snapshot)
    warm = time.perf_counter() - started
    return {"entries": entries, "chars_per_entry": round(chars), "cold_s": cold, "warm_s": warm}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[300, 2000])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = [measure(n) for n in args.entries]
    for row in rows:
        print(
            f"{row['entries']:>6} entries ({row['chars_per_entry']} chars each): "
            f"cold {row['cold_s']:.2f} s, warm {row['warm_s']:.3f} s"
        )
    print(f"load average {load_average():.1f}")
    if args.json:
        write_json(args.json, {"machine": machine_info(), "rows": rows})


if __name__ == "__main__":
    main()
