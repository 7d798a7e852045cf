"""The export's speed target, measured on its own: whole ``portfolio export`` processes against
plain reportlab processes, interleaved, CPU time of each child process.

    python benchmarks/export_ratio.py [--sizes 100 1000 5000] [--rounds N]
                                      [--base PATH] [--work DIR] [--json PATH]

For each size a demo portfolio with attachments is built (``_common.build_demo``, as run.py
builds them) and, in each round, these processes run one after another (the order rotates
from round to round, so none always runs first or last):

- ``python -m portfolio export DEMO -o OUT`` from this checkout;
- the same from a second checkout of the code with ``--base PATH`` (for before/after);
- ``probes/plain_content.py``: plain reportlab laying out every text the export prints
  ("same content", ``bench_export.content_blocks``);
- ``probes/plain_pdf.py``: plain reportlab laying out the entries' own text only ("same text").

Each process's CPU time is ``resource.getrusage(RUSAGE_CHILDREN)`` user + system, read before
and after it (the machine is shared: CPU time moves less with other people's load than wall
time). Printed per size: the median CPU and wall time of each, the ratios of the medians
(export / same content, export / same text; with ``--base`` the base's too), the page count of
each PDF and the load average before and after. Targets (issue #17, kept open under #14): at
most 1.6x at 100 entries and 1.3x at 1,000 and 5,000.

Each checkout's processes run with bytecode caching on in a cache folder of their own (warmed by
one untimed run at the first size), as an installed app has its bytecode, and with HOME and the
XDG folders in the work folder. Rounds default to 7 up to 100 entries, 5 up to 1,000 and 3
above. ``--work DIR`` keeps the demos and probe inputs there and reuses them on the next run
(building a 5,000-entry demo takes a while).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from _common import build_demo, home_env, load_average, machine_info, time_process, write_json  # noqa: E402

TARGETS = {100: 1.6}  # at most this ratio at this many entries; 1.3x at the others
TARGET = 1.3
EXPORT, BASE, CONTENT, TEXT = "export", "base", "same content", "same text"


@dataclass
class Runs:
    """CPU and wall seconds of each run of one command, and the pages its PDF has."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    pages: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "cpu_s": round(median(self.cpu), 3),
            "wall_s": round(median(self.wall), 3),
            "cpu_runs": [round(c, 3) for c in self.cpu],
            "pages": self.pages,
        }


def default_rounds(size: int) -> int:
    return 7 if size <= 100 else 5 if size <= 1000 else 3


def target_for(size: int) -> float:
    return TARGETS.get(size, TARGET)


class Bench:
    def __init__(self, work: Path, base: Path | None) -> None:
        self.work = work
        self.trees = {EXPORT: ROOT} | ({BASE: base} if base is not None else {})
        self.warmed: set[str] = set()

    def env(self, tree: Path | None) -> dict[str, str]:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode
        tag = "probes" if tree is None else hashlib.sha1(str(tree).encode()).hexdigest()[:10]
        cache = "pycache-" + tag
        env["PYTHONPYCACHEPREFIX"] = str(self.work / cache)
        if tree is not None:
            env["PYTHONPATH"] = str(tree)  # this checkout's portfolio package, not another's
        home = self.work / "home"
        env.update(home_env(home))
        return env

    def commands(self, size: int, demo: Path, text: Path, content: Path) -> dict[str, tuple]:
        """Name -> (command, checkout it runs from or None, the PDF it writes)."""
        found: dict[str, tuple] = {}
        for name, tree in self.trees.items():
            out = self.work / f"{name}-{size}.pdf"
            command = [sys.executable, "-m", "portfolio", "export", str(demo), "-o", str(out)]
            found[name] = (command, tree, out)
        for name, probe, source in (
            (CONTENT, "plain_content.py", content),
            (TEXT, "plain_pdf.py", text),
        ):
            out = self.work / f"plain-{probe[:-3]}-{size}.pdf"
            command = [sys.executable, str(HERE / "probes" / probe), str(source), str(out)]
            found[name] = (command, None, out)
        return found

    def run(self, command: Sequence[str], tree: Path | None) -> tuple[float, float]:
        """(CPU, wall) seconds of one whole process, as the operating system counts them."""
        wall, cpu = time_process(command, self.env(tree), tree or ROOT, timeout=1800)
        return cpu, wall

    def inputs(self, size: int) -> tuple[Path, Path, Path]:
        """The demo of ``size`` entries and the probes' inputs for it (reused when there)."""
        from bench_export import probe_inputs

        demo = self.work / f"demo-{size}.portfolio"
        text, content = self.work / f"text-{size}.json", self.work / f"content-{size}.json"
        if not demo.exists():
            build_demo(demo, size, attachments=True)
        if not (text.exists() and content.exists()):
            text, content = probe_inputs(demo, self.work, size)
        return demo, text, content

    def measure(self, size: int, rounds: int) -> dict[str, object]:
        demo, text, content = self.inputs(size)
        commands = self.commands(size, demo, text, content)
        for name, (command, tree, _) in commands.items():
            if name not in self.warmed:  # fill each checkout's bytecode cache, untimed
                self.run(command, tree)
                self.warmed.add(name)
        runs = {name: Runs() for name in commands}
        names = list(commands)
        loads = [load_average()]
        for round_ in range(rounds):
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                command, tree, _ = commands[name]
                cpu, wall = self.run(command, tree)
                runs[name].cpu.append(cpu)
                runs[name].wall.append(wall)
            print(
                f"  round {round_ + 1}/{rounds}: "
                + ", ".join(f"{n} {runs[n].cpu[-1]:.2f}" for n in names),
                flush=True,
            )
        loads.append(load_average())
        for name, (_, _, out) in commands.items():
            runs[name].pages = page_count(out)
        return {
            "entries": size,
            "rounds": rounds,
            "load_average": loads,
            "runs": {name: r.as_dict() for name, r in runs.items()},
            "ratios": ratios(runs),
            "target": target_for(size),
        }


def ratios(runs: dict[str, Runs]) -> dict[str, float]:
    """Median CPU of each checkout's export over each plain probe's median CPU."""
    found = {}
    for export in (EXPORT, BASE):
        if export not in runs:
            continue
        for plain in (CONTENT, TEXT):
            found[f"{export} / {plain}"] = round(
                median(runs[export].cpu) / median(runs[plain].cpu), 3
            )
    if BASE in runs:
        found["export / base"] = round(median(runs[EXPORT].cpu) / median(runs[BASE].cpu), 3)
    return found


def page_count(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as opened:
        return len(opened.pages)


def report(result: dict[str, object]) -> str:
    runs: dict[str, dict] = result["runs"]  # type: ignore[assignment]
    loads: list[float] = result["load_average"]  # type: ignore[assignment]
    lines = [
        f"{result['entries']:,} entries, medians of {result['rounds']} interleaved rounds "
        f"(load {loads[0]:.2f} -> {loads[1]:.2f}):"
    ]
    for name, values in runs.items():
        lines.append(
            f"  {name:13s} CPU {values['cpu_s']:7.2f} s   wall {values['wall_s']:7.2f} s   "
            f"{values['pages']:5d} pages"
        )
    target = result["target"]
    for name, ratio in result["ratios"].items():  # type: ignore[attr-defined]
        mark = ""
        if name.startswith(EXPORT + " /") and "base" not in name:
            mark = "  ok" if ratio <= target else f"  MISSED (target <= {target}x)"
        lines.append(f"  {name:28s} {ratio:6.2f}x{mark}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--rounds", type=int, help="rounds at every size (default 7 / 5 / 3)")
    parser.add_argument("--base", type=Path, help="a second checkout to measure beside this one")
    parser.add_argument("--work", type=Path, help="keep demos and inputs here (reused)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    base = args.base.resolve() if args.base else None
    if base is not None and not (base / "portfolio" / "__init__.py").is_file():
        parser.error(f"{base} is not a checkout of the code (no portfolio/__init__.py)")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work.resolve() if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        bench = Bench(work, base)
        results = []
        for size in args.sizes:
            print(f"[{time.strftime('%H:%M:%S')}] {size:,} entries", flush=True)
            result = bench.measure(size, args.rounds or default_rounds(size))
            print(report(result), flush=True)
            results.append(result)
    if args.json:
        write_json(
            args.json,
            {
                "base": str(base) if base else None,
                "sizes": results,
                "machine": machine_info(),
            },
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
