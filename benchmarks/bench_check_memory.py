"""Memory of the check before export in the real app, and what the shared detection cache holds.

Usage: ``python benchmarks/bench_check_memory.py [--entries 20000] [--budgets 2 8 32]
[--runs 3] [--json PATH]``.

Builds a demo portfolio with attachments (as run.py does) and makes every entry's texts its own
(the demo cycles through its scenarios, so a 20,000-entry demo holds a few hundred different
texts and would flatter the cache), then starts the app as ``python main.py FILE`` does
(probes/app_window.py), opens five entries, visits every page, and then opens File > Export,
whose check runs twice (the second as after a fix). Each budget (MiB) of ``anonymise.shared``'s
cache is one run of the probe, interleaved; a run without the export check is the baseline (run.py's
``peak_memory`` row). Per budget it prints the median of:

- peak memory (VmHWM) after the check, and before it (the baseline run);
- resident memory (VmRSS) once the dialog is closed, and once the cache is handed back;
- the texts the cache holds and their bytes as Python objects (``_common.detection_cache_bytes``);
- the first check's seconds and the second's (the reason the cache exists).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

from _common import build_demo, load_average, machine_info, write_json

HERE = Path(__file__).resolve().parent
TEXTS = ("title", "situation", "task", "action", "result", "reflection", "extra")


def make_texts_unique(path: Path) -> None:
    """Ends every entry text and tag justification with the entry's own reference."""
    with sqlite3.connect(path) as db:
        for column in TEXTS:
            db.execute(
                f"UPDATE entry SET {column} = {column} || ' (E' || ref_no || ')' "
                f"WHERE {column} != ''"
            )
        db.execute(
            "UPDATE evidence_link SET justification = justification || ' (' || id || ')' "
            "WHERE justification != ''"
        )


def probe(path: Path, home: Path, *args: str) -> dict[str, float]:
    """One run of the app probe; the fields of its lines, later lines winning."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    for name, sub in (("CONFIG", ".config"), ("DATA", ".local/share"), ("CACHE", ".cache")):
        env[f"XDG_{name}_HOME"] = str(home / sub)
    done = subprocess.run(
        [sys.executable, str(HERE / "probes" / "app_window.py"), str(path), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"app_window.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    fields: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            fields.update(json.loads(line))
    return fields


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--budgets", type=float, nargs="+", default=[2.0, 8.0, 32.0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.portfolio"
        build_demo(path, args.entries, attachments=True)
        make_texts_unique(path)
        home = Path(folder) / "home"
        opened = ("--open-entries", "5")
        probe(path, home, *opened)  # warm-up: bytecode, the OS's file cache
        runs: dict[str, list[dict[str, float]]] = {"no check": []}
        runs.update({str(b): [] for b in args.budgets})
        for _ in range(args.runs):  # interleaved, so a busy spell hits every budget alike
            runs["no check"].append(probe(path, home, *opened))
            for budget in args.budgets:
                cache = ("--detection-cache", str(budget))
                runs[str(budget)].append(probe(path, home, *opened, "--export-check", *cache))
    rows = {name: _medians(found) for name, found in runs.items()}
    print(f"{args.entries} entries, texts made unique; medians of {args.runs} runs (MiB, s)")
    print(f"  no check: peak {rows['no check']['peak_rss_mb']:.1f}")
    for budget in args.budgets:
        r = rows[str(budget)]
        print(
            f"  budget {budget:>4g} MiB: peak {r['peak_rss_mb']:.1f}, "
            f"before {r['rss_before_mb']:.1f}, "
            f"after {r['rss_after_mb']:.1f}, without cache {r['rss_without_cache_mb']:.1f}; "
            f"cache {r['cache_texts']:.0f} texts, {r['cache_bytes'] / 2**20:.1f} MiB held "
            f"({r['cache_counted'] / 2**20:.1f} counted); "
            f"check {r['check_s']:.2f} s, again {r['check_again_s']:.2f} s"
        )
    print(f"load average {load_average():.1f}")
    if args.json:
        write_json(args.json, {"machine": machine_info(), "entries": args.entries, "rows": rows})


def _medians(found: list[dict[str, float]]) -> dict[str, float]:
    keys = [k for k, v in found[0].items() if isinstance(v, int | float)]
    return {k: median(f[k] for f in found) for k in keys}


if __name__ == "__main__":
    main()
