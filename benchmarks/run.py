"""The benchmark suite: every main job of the app, at three portfolio sizes, in one table.

    .venv/bin/python benchmarks/run.py [--quick | --smoke] [--json PATH]

Builds demo portfolios of 100, 1,000 and 5,000 entries with attachments once (portfolio.demo),
then measures, each several times with the median quoted (CPU time in brackets beside wall time):

- start-up: process start to the main window shown with the portfolio loaded (offscreen), with a
  bare PySide6 window started the same way in the same run as the baseline (probes/*.py);
- opening an entry and switching entries in the STAR editor (bench_editor.run_once);
- the coverage report after one tag change, and the overview page's refresh (bench_coverage);
- full-text search for typical queries (services.entries.search);
- the submission PDF against plain reportlab laying out the same text (bench_export);
- anonymising a 20-page PDF, a 50-paragraph .docx and 1 MB of text (bench_anonymise);
- peak memory (RSS) of the app with each portfolio open and a few entries opened.

It prints one table (rows: measurements; columns: sizes, baseline, ratio, target, result) and
writes it with every figure, the date and the machine to JSON (default
benchmarks/results/latest.json), so runs can be compared. ``--quick`` takes fewer repeats;
``--smoke`` uses tiny portfolios and inputs and one repeat (the test suite runs it to catch a
broken benchmark; its figures mean nothing). Misses are reported, not errors: the exit status is
0 when every measurement ran (``--strict`` makes a missed target exit 1).

The probes run with bytecode caching on (in a private cache folder), as an installed app would,
and with HOME and the XDG folders pointed at a temporary folder, so they neither read nor leave
settings, recent files or backups on this machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from statistics import median

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import build_demo, load_average, machine_info, median_ms, write_json  # noqa: E402
from _table import ANY, Measure, Row, table  # noqa: E402

DEFAULT_JSON = HERE / "results" / "latest.json"
EDITOR_KEYS = {  # bench_editor's step names -> stable keys for comparing runs
    "open portfolio (file, list of entries, pages)": "editor_open_portfolio",
    "open an entry in the editor": "editor_open_entry",
    "switch entry (editor)": "editor_switch",
    "switch entry (click in the list)": "editor_switch_click",
    "switch entry with an unsaved edit (saves first)": "editor_switch_unsaved",
    "autosave one edit": "editor_autosave",
}
QUERIES = ("customer", "complaint", "greet", "apologised delivery", "team leader", "challenge 25")


@dataclass(frozen=True)
class Mode:
    sizes: tuple[int, ...]
    startup_runs: int
    editor_runs: int
    switches: int
    repeat: int  # coverage and search
    export_runs: int  # at 1,000 entries and below; one run above
    anonymise_runs: int
    anonymise_inputs: tuple[int, int, int]  # PDF pages, .docx paragraphs, text bytes
    open_entries: int


MODES = {
    "full": Mode((100, 1000, 5000), 5, 3, 20, 25, 3, 3, (20, 50, 1_048_576), 5),
    "quick": Mode((100, 1000, 5000), 3, 1, 12, 7, 1, 1, (20, 50, 1_048_576), 5),
    "smoke": Mode((8, 16, 32), 1, 1, 3, 1, 1, 1, (2, 5, 20_000), 2),
}


class Suite:
    def __init__(self, mode: Mode, work: Path) -> None:
        self.mode = mode
        self.work = work
        self.sizes = [str(s) for s in mode.sizes]
        self.demos: dict[str, Path] = {}
        self.rows: list[Row] = []
        self.loads: dict[str, float] = {}
        self.middle = self.sizes[len(self.sizes) // 2]  # 1,000 in a full run

    def section(self, name: str) -> None:
        # The app freezes what its start-up made (portfolio/ui/app.py), so its collections
        # never rescan it; do the same with what earlier sections left here, so one section's
        # garbage does not slow the next one's timings.
        gc.collect()
        gc.freeze()
        self.loads[name] = load_average()
        print(f"[{time.strftime('%H:%M:%S')}] {name} (load {self.loads[name]:.2f})", flush=True)

    # -- building ------------------------------------------------------------------------

    def build(self) -> None:
        self.section("building demo portfolios")
        row = Row("demo_build", "build demo portfolio with attachments (once)", "s")
        for size in self.mode.sizes:
            path = self.work / f"demo-{size}.portfolio"
            row.values[str(size)] = Measure(build_demo(path, size, attachments=True))
            self.demos[str(size)] = path
        self.rows.append(row)

    def scratch(self, size: str) -> Path:
        """A fresh copy for measurements that write (the demos stay as built)."""
        copy = self.work / f"scratch-{size}.portfolio"
        for suffix in ("-wal", "-shm", ""):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.demos[size], copy)
        return copy

    # -- start-up and memory (subprocesses) ------------------------------------------------

    def _env(self) -> dict[str, str]:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode
        env["PYTHONPYCACHEPREFIX"] = str(self.work / "pycache")
        home = self.work / "home"
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
        )
        return env

    def _probe(self, script: str, *args: str) -> tuple[float, list[dict[str, float]]]:
        started = time.time()
        done = subprocess.run(
            [sys.executable, str(HERE / "probes" / script), *args],
            env=self._env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        lines = [json.loads(x) for x in done.stdout.splitlines() if x.startswith("{")]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"{script} {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return started, lines

    def startup(self) -> None:
        self.section("start-up and peak memory (subprocesses)")
        opened = str(self.mode.open_entries)
        self._probe("bare_window.py")  # warm-ups: bytecode cache, OS file cache
        self._probe("app_window.py", str(self.demos[self.sizes[0]]))
        bare: list[tuple[float, float]] = []
        app: dict[str, list[tuple[float, float]]] = {s: [] for s in self.sizes}
        rss: dict[str, list[float]] = {s: [] for s in self.sizes}
        bare_rss: list[float] = []
        for _ in range(self.mode.startup_runs):  # interleaved, so a busy spell hits all alike
            started, lines = self._probe("bare_window.py")
            bare.append((lines[0]["shown"] - started, lines[0]["cpu_s"]))
            bare_rss.append(lines[0]["peak_rss_mb"])
            for size in self.sizes:
                args = (str(self.demos[size]), "--open-entries", opened)
                started, lines = self._probe("app_window.py", *args)
                app[size].append((lines[0]["shown"] - started, lines[0]["cpu_s"]))
                rss[size].append(lines[-1]["peak_rss_mb"])
        baseline = _measure(bare)
        self.rows.append(
            Row(
                "startup",
                "start-up: process start to main window shown, portfolio loaded",
                "s",
                values={s: _measure(app[s]) for s in self.sizes},
                baselines=dict.fromkeys(self.sizes, baseline),
                baseline_label="bare PySide6 window",
                target=4.0,
                kind="ratio",
                judged_at=(self.middle,),
            )
        )
        self.rows.append(
            Row(
                "peak_memory",
                f"peak memory (RSS), app open, {opened} entries opened, every page visited",
                "MB",
                values={s: Measure(median(rss[s])) for s in self.sizes},
                baselines=dict.fromkeys(self.sizes, Measure(median(bare_rss))),
                baseline_label="bare window",
                target=400.0,
                judged_at=(self.sizes[-1],),
            )
        )

    # -- the editor and the overview (in this process, offscreen) -------------------------

    def editor(self) -> None:
        self.section("editor: open and switch entries")
        from bench_editor import run_once
        from PySide6.QtWidgets import QApplication

        from portfolio.ui.theme import apply_theme

        app = QApplication.instance() or QApplication(sys.argv[:1])
        apply_theme(app)  # type: ignore[arg-type]
        steps: dict[str, dict[str, list[float]]] = {}
        for size in self.sizes:
            for _ in range(self.mode.editor_runs):
                for step, ms in run_once(self.scratch(size), app, self.mode.switches).items():
                    steps.setdefault(step, {}).setdefault(size, []).append(ms)
        targets = {
            "switch entry (editor)": 50.0,
            "switch entry (click in the list)": 50.0,
            "switch entry with an unsaved edit (saves first)": 50.0,
        }
        for step, per_size in steps.items():
            self.rows.append(
                Row(
                    EDITOR_KEYS.get(step, "editor_" + "_".join(step.split())),
                    f"editor: {step}",
                    "ms",
                    values={s: Measure(median(v)) for s, v in per_size.items()},
                    target=targets.get(step),
                )
            )

    def coverage(self) -> None:
        self.section("coverage after one tag change")
        from bench_coverage import gui_row, toggler

        from portfolio.services.portfolio import Portfolio

        report_row = Row(
            "coverage_report", "coverage report after one tag change", "ms", target=20.0
        )
        page_row = Row("coverage_page", "overview page refresh after one tag change", "ms")
        for size in self.sizes:
            path = self.scratch(size)
            with Portfolio.open(path) as pf:
                framework = pf.enrolment.framework(pf.enrolment.framework_ids()[0])
                criterion = next(iter(framework.criteria())).id
                entry_id = pf.entries.list()[0].id
                toggle = toggler(pf, entry_id, criterion)
                timing = median_ms(
                    lambda _, pf=pf: pf.coverage.report(), self.mode.repeat, toggle, warm_up=True
                )
            report_row.values[size] = Measure(timing.wall_ms, timing.cpu_ms)
            _, page, _ = gui_row(path, self.mode.repeat, entry_id, criterion)
            page_row.values[size] = Measure(page.wall_ms, page.cpu_ms)
        self.rows += [report_row, page_row]

    # -- search, export, anonymisation (core, in this process) ---------------------------

    def search(self) -> None:
        self.section("full-text search")
        from portfolio.services.portfolio import Portfolio

        typical = Row(
            "search_median",
            f"full-text search, median of {len(QUERIES)} typical queries",
            "ms",
            target=30.0,
        )
        slowest = Row(
            "search_slowest", "full-text search, slowest typical query", "ms", target=30.0
        )
        for size in self.sizes:
            with Portfolio.open(self.demos[size], read_only=True) as pf:
                timings = [
                    median_ms(
                        lambda _, q=q, pf=pf: pf.entries.search(q), self.mode.repeat, warm_up=True
                    )
                    for q in QUERIES
                ]
            walls = sorted(timings, key=lambda t: t.wall_ms)
            typical.values[size] = Measure(
                median(t.wall_ms for t in timings), median(t.cpu_ms for t in timings)
            )
            slowest.values[size] = Measure(walls[-1].wall_ms, walls[-1].cpu_ms)
        slowest.note = "queries: " + ", ".join(repr(q) for q in QUERIES)
        self.rows += [typical, slowest]

    def export(self) -> None:
        self.section("PDF export against plain reportlab")
        from bench_export import baseline_once, export_once

        row = Row(
            "export",
            "submission PDF export",
            "s",
            baseline_label="plain reportlab, same text",
            target=1.5,
            kind="ratio",
        )
        export_once(self.demos[self.sizes[0]], self.work / "warm.pdf")  # fonts, imports
        for size in self.sizes:
            runs = self.mode.export_runs if int(size) <= 1000 else 1
            exports, baselines = [], []
            for _ in range(runs):
                exports.append(export_once(self.demos[size], self.work / "export.pdf"))
                baselines.append(baseline_once(self.demos[size], self.work / "plain.pdf"))
            row.values[size] = _measure(exports)
            row.baselines[size] = _measure(baselines)
        row.note = "one run at sizes above 1,000 entries; the ratio is of wall times"
        self.rows.append(row)

    def anonymise(self) -> None:
        self.section("anonymising documents")
        from bench_anonymise import cases

        for name, size, target_s, run in cases(*self.mode.anonymise_inputs):
            timing = median_ms(lambda _, run=run: run(), self.mode.anonymise_runs, warm_up=True)
            self.rows.append(
                Row(
                    "anonymise_" + name.split(",")[0],
                    f"anonymise {name}",
                    "ms",
                    values={ANY: Measure(timing.wall_ms, timing.cpu_ms)},
                    target=target_s * 1000,
                    note=f"{size:,} bytes in",
                )
            )


def _measure(pairs: list[tuple[float, float]]) -> Measure:
    return Measure(median(p[0] for p in pairs), median(p[1] for p in pairs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    speed = parser.add_mutually_exclusive_group()
    speed.add_argument("--quick", action="store_true", help="fewer repeats (about half the time)")
    speed.add_argument("--smoke", action="store_true", help="tiny sizes, one repeat (a test)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    mode_name = "smoke" if args.smoke else "quick" if args.quick else "full"
    mode = MODES[mode_name]

    machine = machine_info()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="portfolio-bench-") as tmp:
        suite = Suite(mode, Path(tmp))
        steps: list[Callable[[], None]] = [
            suite.build,
            suite.startup,
            suite.editor,
            suite.coverage,
            suite.search,
            suite.export,
            suite.anonymise,
        ]
        for step in steps:
            step()
    duration = time.perf_counter() - started
    order = ["startup", "editor_", "coverage", "search", "export", "anonymise", "peak_memory"]
    rows = sorted(
        (r for r in suite.rows if r.key != "demo_build"),
        key=lambda r: next(i for i, p in enumerate(order) if r.key.startswith(p)),
    ) + [r for r in suite.rows if r.key == "demo_build"]
    text = table(rows, list(mode.sizes))
    load_end = load_average()
    print()
    print(text)
    print()
    print(
        f"{mode_name} run, {duration:.0f} s; {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['ram_gb']} GB; load average {machine['load_average'][0]:.2f} at the start, "  # type: ignore[index]
        f"{load_end:.2f} at the end. Wall time, CPU time in brackets; medians."
    )
    write_json(
        args.json,
        {
            "suite": "portfolio benchmarks",
            "mode": mode_name,
            "sizes": list(mode.sizes),
            "duration_s": round(duration, 1),
            "machine": machine,
            "load_average_by_section": suite.loads,
            "load_average_end": load_end,
            "rows": [r.as_dict() for r in rows],
            "table": text,
        },
    )
    print(f"wrote {args.json}")
    missed = [r.key for r in rows if r.result().startswith("miss")]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
