"""Benchmark full-text search as a learner meets it, on existing portfolio files (issue #17).

    .venv/bin/python benchmarks/bench_search.py FILE [FILE ...] [--repeat N] [--json PATH]

For each portfolio file (e.g. demos of 1,000, 5,000 and 20,000 entries) it times, as medians of
--repeat runs after a warm-up (wall time, CPU time beside it):

- ``entries.search`` for six typical queries (the median query and the slowest);
- the first letters typed ("c", "s", "cu"): the Entries page searches as the learner types, so
  a one-letter prefix query is what the first key press asks (the slowest of the three);
- the Entries page's whole search, offscreen: the query applied to the list and the rows it shows
  laid out (slowest typical query); the page's list is reset to no search, untimed, before each.

It reads the files only (opened read-only; the page opens its own copy), and runs against
whichever ``portfolio`` package is first on the path, so the same script times a baseline tree
(a ``git archive`` of main) side by side. run.py's search rows call ``measure``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from statistics import median

from _common import Timing, median_ms, write_json

QUERIES = ("customer", "complaint", "greet", "apologised delivery", "team leader", "challenge 25")
FIRST_LETTERS = ("c", "s", "cu")


def _slowest(timings: list[Timing]) -> Timing:
    return max(timings, key=lambda t: t.wall_ms)


def _median(timings: list[Timing]) -> Timing:
    return Timing(
        median(t.wall_ms for t in timings),
        median(t.cpu_ms for t in timings),
        min(t.min_ms for t in timings),
        timings[0].runs,
    )


def service(path: Path, repeat: int) -> dict[str, Timing]:
    """``entries.search`` for the typical queries and the first letters typed."""
    from portfolio.services.portfolio import Portfolio

    with Portfolio.open(path, read_only=True) as pf:

        def each(queries: tuple[str, ...]) -> list[Timing]:
            return [
                median_ms(lambda _, q=q: pf.entries.search(q), repeat, warm_up=True)
                for q in queries
            ]

        typical = each(QUERIES)
        letters = each(FIRST_LETTERS)
    return {
        "search_median": _median(typical),
        "search_slowest": _slowest(typical),
        "search_first_letters": _slowest(letters),
    }


def entries_page(path: Path, repeat: int) -> Timing:
    """The Entries page applying each typical query (slowest query), offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from portfolio.ui.controller import PortfolioController
    from portfolio.ui.entries.entries_page import EntriesPage

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        controller = PortfolioController()
        controller.open(copy)
        page = EntriesPage(controller)
        page.resize(1300, 740)
        page.show()
        app.processEvents()
        search = page.filters.search

        def apply(text: str) -> None:
            search.blockSignals(True)  # no typing timer: apply once, now, as it would
            search.setText(text)
            search.blockSignals(False)
            page._apply_filters()  # what the filters bar's typing timer triggers
            app.processEvents()  # the table lays out the rows it now shows

        timings = [
            median_ms(lambda _, q=q: apply(q), repeat, lambda _: apply(""), warm_up=True)
            for q in QUERIES
        ]
        page.close()
        controller.close()
    return _slowest(timings)


def measure(path: Path, repeat: int, *, gui: bool = True) -> dict[str, Timing]:
    """Every search measurement for one portfolio file."""
    found = service(path, repeat)
    if gui:
        found["search_entries_page"] = entries_page(path, repeat)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", type=Path, nargs="+", help="portfolio files to search")
    parser.add_argument("--repeat", type=int, default=9, help="runs per query (median)")
    parser.add_argument("--no-gui", action="store_true", help="skip the Entries page row")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, dict[str, float]]] = {}
    for path in args.files:
        found = measure(path, args.repeat, gui=not args.no_gui)
        results[path.name] = {key: t.as_dict() for key, t in found.items()}
        cells = "  ".join(f"{k} {t.wall_ms:.1f} ({t.cpu_ms:.1f})" for k, t in found.items())
        print(f"{path.name}: {cells}", flush=True)
    if args.json:
        write_json(args.json, {"suite": "search", "results": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
