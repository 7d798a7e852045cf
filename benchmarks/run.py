"""The benchmark suite: every main job of the app, at three portfolio sizes, in one table.

    .venv/bin/python benchmarks/run.py [--quick | --smoke] [--json PATH]

Builds demo portfolios of 100, 1,000, 5,000 and 20,000 entries with attachments once
(portfolio.demo), then measures, each several times with the median quoted (CPU time in brackets
beside wall time):

- start-up: process start to the main window shown with the portfolio loaded (offscreen), with a
  bare PySide6 window started the same way in the same run as the baseline (probes/*.py);
- opening an entry and switching entries in the STAR editor (bench_editor.run_once);
- the coverage report after one tag change, and the overview page's refresh (bench_coverage);
- full-text search for typical queries and the first letters typed, and the Entries page
  applying a search (bench_search);
- the entry list as the Entries page asks for it (services.entries.list);
- the command line as whole processes: ``portfolio --help`` and ``portfolio entry list --json``;
- the submission PDF against plain reportlab laying out the same text (bench_export), in this
  process and as whole processes (``portfolio export`` against probes/plain_pdf.py), up to
  5,000 entries;
- anonymising a 20-page PDF, a 50-paragraph .docx and 1 MB of text (bench_anonymise);
- peak memory (RSS) of the app with each portfolio open and a few entries opened.

Each row that has a value at 1,000 and at 20,000 entries also gets its growth exponent (the
slope of log time against log size between the two: 1 is linear, 0 flat).

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
import math
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
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from _common import (  # noqa: E402
    build_demo,
    home_env,
    load_average,
    machine_info,
    median_ms,
    time_process,
    write_json,
)
from _table import ANY, Measure, Row, table  # noqa: E402

DEFAULT_JSON = HERE / "results" / "latest.json"
EDITOR_KEYS = {  # bench_editor's step names -> stable keys for comparing runs
    "open portfolio (file, list of entries, pages)": "editor_open_portfolio",
    "open an entry in the editor": "editor_open_entry",
    "switch entry (editor)": "editor_switch",
    "switch entry (click in the list)": "editor_switch_click",
    "switch entry (Criteria tab open)": "editor_switch_criteria",
    "switch entry with an unsaved edit (saves first)": "editor_switch_unsaved",
    "autosave one edit": "editor_autosave",
}


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
    "full": Mode((100, 1000, 5000, 20000), 5, 3, 20, 25, 3, 3, (20, 50, 1_048_576), 5),
    "quick": Mode((100, 1000, 5000, 20000), 3, 1, 12, 7, 1, 1, (20, 50, 1_048_576), 5),
    "smoke": Mode((8, 16, 32, 64), 1, 1, 3, 1, 1, 1, (2, 5, 20_000), 2),
}


class Suite:
    def __init__(self, mode: Mode, work: Path) -> None:
        self.mode = mode
        self.work = work
        self.sizes = [str(s) for s in mode.sizes]
        self.demos: dict[str, Path] = {}
        self.rows: list[Row] = []
        self.loads: dict[str, float] = {}
        self.small = self.sizes[1]  # 1,000 in a full run
        self.large = self.sizes[-1]  # 20,000
        self.export_sizes = self.sizes[:3]  # export up to 5,000: 20,000 would take minutes

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
        env.update(home_env(home))
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
        report: dict[str, list[tuple[float, float]]] = {s: [] for s in self.sizes}
        full: dict[str, list[tuple[float, float]]] = {s: [] for s in self.sizes}
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
                shown = next(x for x in lines if "report_shown" in x)  # after an "opened" line
                report[size].append((shown["report_shown"] - started, shown["cpu_s"]))
                opened_line = next(x for x in lines if "opened" in x)
                full[size].append((opened_line["opened"] - started, opened_line["cpu_s"]))
                rss[size].append(lines[-1]["peak_rss_mb"])
        baseline = _measure(bare)
        self.rows.append(
            Row(
                "startup",
                "start-up: process start to the portfolio's first frame (title, learner, pages)",
                "s",
                values={s: _measure(app[s]) for s in self.sizes},
                baselines=dict.fromkeys(self.sizes, baseline),
                baseline_label="bare PySide6 window",
                target=3.0,
                kind="ratio",
                judged_at=(self.small,),
                note="targets: at most 3x at 1,000 entries, 4x at 20,000",
            )
        )
        self.rows.append(
            Row(
                "startup_opened",
                "start-up: process start to the file open for work (SQLAlchemy, writer lock)",
                "s",
                values={s: _measure(full[s]) for s in self.sizes},
                baselines=dict.fromkeys(self.sizes, baseline),
                baseline_label="bare PySide6 window",
                kind="ratio",
                note="the file is opened once the first frame is painted (issue #17); no target",
            )
        )
        self.rows.append(
            Row(
                "startup_report",
                "start-up: process start to the Overview's coverage report on screen",
                "s",
                values={s: _measure(report[s]) for s in self.sizes},
                baselines=dict.fromkeys(self.sizes, baseline),
                baseline_label="bare PySide6 window",
                kind="ratio",
                note="the first frame shows before the report (issue #17); no target",
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
                target=250.0,
                judged_at=(self.sizes[-1],),
                note=(
                    "MiB (VmHWM); the spell checker's word tries ship built (resources/), "
                    "so a first start with an empty cache folder measures the same"
                ),
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
            "switch entry (Criteria tab open)": 50.0,
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
            "coverage_report",
            "coverage report after one tag change",
            "ms",
            target=20.0,
            judged_at=(self.large,),
            note="targets: under 10 ms at 5,000 entries, 20 ms at 20,000",
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
        from bench_search import FIRST_LETTERS, QUERIES, measure

        rows = {
            "search_median": Row(
                "search_median",
                f"full-text search, median of {len(QUERIES)} typical queries",
                "ms",
                target=30.0,
            ),
            "search_slowest": Row(
                "search_slowest",
                "full-text search, slowest typical query",
                "ms",
                target=30.0,
                note="queries: " + ", ".join(repr(q) for q in QUERIES),
            ),
            "search_first_letters": Row(
                "search_first_letters",
                "full-text search on the first letters typed, slowest",
                "ms",
                target=30.0,
                note="queries: " + ", ".join(repr(q) for q in FIRST_LETTERS),
            ),
            "search_entries_page": Row(
                "search_entries_page",
                "Entries page: a search applied and its matches shown, slowest typical query",
                "ms",
                note="the list's first page of matches laid out (offscreen); flat with size",
            ),
        }
        for size in self.sizes:
            for key, timing in measure(self.demos[size], self.mode.repeat).items():
                rows[key].values[size] = Measure(timing.wall_ms, timing.cpu_ms)
        self.rows += list(rows.values())

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
        for size in self.export_sizes:
            runs = self.mode.export_runs if int(size) <= 1000 else 1
            exports, baselines = [], []
            for _ in range(runs):
                exports.append(export_once(self.demos[size], self.work / "export.pdf"))
                baselines.append(baseline_once(self.demos[size], self.work / "plain.pdf"))
            row.values[size] = _measure(exports)
            row.baselines[size] = _measure(baselines)
        row.note = "one run at sizes above 1,000 entries; the ratio is of wall times"
        self.rows.append(row)
        self.rows += self._export_processes()

    def _export_processes(self) -> list[Row]:
        """``portfolio export`` against two plain reportlab processes, interleaved: one laying
        out the same text (the entries' own words), one the same content (every text the PDF
        prints, from the export's own story: bench_export.content_blocks)."""
        from bench_export import probe_inputs

        row = Row(
            "export_process",
            "submission PDF export, whole process",
            "s",
            baseline_label="plain reportlab process, same text",
            target=1.3,
            kind="ratio",
            judged_at=tuple(self.export_sizes[1:]),
            note="targets: at most 1.3x at 1,000 and 5,000 entries, 1.6x at 100",
        )
        same_content = Row(
            "export_process_content",
            "submission PDF export, whole process (same runs)",
            "s",
            baseline_label="plain reportlab process, same content",
            target=1.3,
            kind="ratio",
            judged_at=tuple(self.export_sizes[1:]),
            note=(
                "baseline: every text the PDF prints (criteria, grids, contents, declarations, "
                "appendix text) as plain Paragraphs and Tables; what the export's machinery costs"
            ),
        )
        for size in self.export_sizes:
            text, content = probe_inputs(self.demos[size], self.work, size)
            runs = self.mode.export_runs if int(size) <= 1000 else 1
            app, plain, plain_content = [], [], []
            if size == self.export_sizes[0]:
                # Untimed: fills the bytecode cache, as an installed app has it (the quick
                # mode's single timed run at 100 entries was otherwise a cold compile).
                self._process(
                    self._cli("export", str(self.demos[size]), "-o", str(self.work / "p.pdf"))
                )
            for _ in range(runs):
                app.append(
                    self._process(
                        self._cli("export", str(self.demos[size]), "-o", str(self.work / "p.pdf"))
                    )
                )
                plain.append(
                    self._process(
                        [
                            sys.executable,
                            str(HERE / "probes" / "plain_pdf.py"),
                            str(text),
                            str(self.work / "q.pdf"),
                        ]
                    )
                )
                plain_content.append(
                    self._process(
                        [
                            sys.executable,
                            str(HERE / "probes" / "plain_content.py"),
                            str(content),
                            str(self.work / "c.pdf"),
                        ]
                    )
                )
            row.values[size] = same_content.values[size] = _measure(app)
            row.baselines[size] = _measure(plain)
            same_content.baselines[size] = _measure(plain_content)
        return [row, same_content]

    # -- whole processes: the command line ------------------------------------------------

    def _cli(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "portfolio", *args]

    def _process(self, command: list[str]) -> tuple[float, float]:
        """(wall, CPU) seconds of one whole process, as the operating system counts them."""
        return time_process(command, self._env(), ROOT, timeout=900)

    def command_line(self) -> None:
        self.section("command line (whole processes)")
        runs = max(3, self.mode.startup_runs)
        self._process(self._cli("--help"))  # warm-up: bytecode cache
        helps = [self._process(self._cli("--help")) for _ in range(runs)]
        self.rows.append(
            Row(
                "cli_help",
                "portfolio --help, whole process, CPU time",
                "s",
                values={ANY: _cpu(helps)},
                target=0.15,
            )
        )
        row = Row(
            "cli_entry_list",
            "portfolio entry list --json, whole process, CPU time",
            "s",
            target=0.3,
            judged_at=(self.small,),
            note="target: 0.3 s at 1,000 entries",
        )
        for size in self.sizes:
            command = self._cli("entry", "list", str(self.demos[size]), "--json")
            row.values[size] = _cpu([self._process(command) for _ in range(runs)])
        self.rows.append(row)

    def entry_list(self) -> None:
        self.section("entry list")
        from portfolio.services.portfolio import Portfolio
        from portfolio.ui.entries.entry_table_model import BATCH

        first = Row(
            "entry_list",
            f"entry list as the Entries page fills it (count and first {BATCH} rows)",
            "ms",
            target=50.0,
            judged_at=(self.large,),
            note="the rest is fetched as the list is scrolled, or at once for another sort",
        )
        every = Row("entry_list_all", "entry list, every entry's row (CLI, sorting)", "ms")
        for size in self.sizes:
            with Portfolio.open(self.demos[size], read_only=True) as pf:
                screen = median_ms(
                    lambda _, pf=pf: (pf.entries.count(), pf.entries.page(limit=BATCH)),
                    self.mode.repeat,
                    warm_up=True,
                )
                whole = median_ms(
                    lambda _, pf=pf: pf.entries.list(), self.mode.repeat, warm_up=True
                )
            first.values[size] = Measure(screen.wall_ms, screen.cpu_ms)
            every.values[size] = Measure(whole.wall_ms, whole.cpu_ms)
        self.rows += [first, every]

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


def _growth(rows: list[Row], small: str, large: str) -> dict[str, float]:
    """Row key -> slope of log(time) against log(size) from ``small`` to ``large`` entries."""
    found = {}
    for row in rows:
        a, b = row.values.get(small), row.values.get(large)
        if a is None or b is None or a.value <= 0 or b.value <= 0 or row.unit == "MB":
            continue
        found[row.key] = math.log(b.value / a.value) / math.log(int(large) / int(small))
    return found


def _cpu(pairs: list[tuple[float, float]]) -> Measure:
    """The median CPU time alone: the command-line targets are on CPU (the machine is shared)."""
    return Measure(median(p[1] for p in pairs))


def _measure(pairs: list[tuple[float, float]]) -> Measure:
    return Measure(median(p[0] for p in pairs), median(p[1] for p in pairs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    speed = parser.add_mutually_exclusive_group()
    speed.add_argument("--quick", action="store_true", help="fewer repeats (about half the time)")
    speed.add_argument("--smoke", action="store_true", help="tiny sizes, one repeat (a test)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--only",
        metavar="STEPS",
        help="comma-separated steps to run after building the demos, e.g. 'search' "
        "(startup, editor, coverage, entry_list, command_line, search, export, anonymise)",
    )
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
            suite.entry_list,
            suite.command_line,
            suite.search,
            suite.export,
            suite.anonymise,
        ]
        if args.only:
            wanted = {name.strip() for name in args.only.split(",")}
            unknown = wanted - {step.__name__ for step in steps}
            if unknown:
                parser.error(f"no such step: {', '.join(sorted(unknown))}")
            steps = [step for step in steps if step.__name__ in wanted | {"build"}]
        for step in steps:
            step()
    duration = time.perf_counter() - started
    order = [
        "startup",
        "editor_",
        "coverage",
        "entry_list",
        "cli_",
        "search",
        "export",
        "anonymise",
        "peak_memory",
    ]
    rows = sorted(
        (r for r in suite.rows if r.key != "demo_build"),
        key=lambda r: next(i for i, p in enumerate(order) if r.key.startswith(p)),
    ) + [r for r in suite.rows if r.key == "demo_build"]
    growth = _growth(rows, suite.small, suite.large)
    text = table(rows, list(mode.sizes), growth)
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
            "growth_exponent": {k: round(v, 2) for k, v in growth.items()},
            "table": text,
        },
    )
    print(f"wrote {args.json}")
    missed = [r.key for r in rows if r.result().startswith("miss")]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
