"""The benchmark suite still runs: ``benchmarks/run.py --smoke`` (tiny portfolios, one repeat)
finishes and writes JSON with every row. Speed itself is never asserted here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_ROWS = {
    "startup",
    "startup_opened",
    "startup_report",
    "editor_open_portfolio",
    "editor_open_entry",
    "editor_switch",
    "editor_switch_click",
    "editor_switch_criteria",
    "editor_switch_unsaved",
    "editor_autosave",
    "coverage_report",
    "coverage_page",
    "search_median",
    "search_slowest",
    "search_first_letters",
    "search_entries_page",
    "export",
    "export_process",
    "export_process_content",
    "entry_list",
    "entry_list_all",
    "cli_help",
    "cli_entry_list",
    "anonymise_pdf",
    "anonymise_docx",
    "anonymise_text",
    "anonymise_detect",
    "peak_memory",
    "demo_build",
}


def run_smoke(out: Path, *options: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """``benchmarks/run.py --smoke --json OUT [options]`` from the repo root, offscreen."""
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--json", str(out)]
    return subprocess.run(
        [*command, *options],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.slow
def test_smoke_run_writes_json_with_every_row(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = run_smoke(out)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = {row["key"]: row for row in data["rows"]}
    assert set(rows) == EXPECTED_ROWS
    sizes = [str(s) for s in data["sizes"]]
    exported = sizes[:3]  # the export is measured up to the third size (5,000 in a full run)
    for key, row in rows.items():
        expected = (
            ["any"]
            if key.startswith("anonymise") or key == "cli_help"
            else exported
            if key.startswith("export")
            else sizes
        )
        assert sorted(row["values"]) == sorted(expected), key
        assert all(v["value"] > 0 for v in row["values"].values()), key
    assert set(rows["startup"]["ratios"]) == set(sizes)  # against the bare window
    assert set(rows["export"]["ratios"]) == set(exported)  # against plain reportlab
    assert set(rows["export_process"]["ratios"]) == set(exported)  # a plain reportlab process
    assert set(rows["export_process_content"]["ratios"]) == set(exported)  # same content
    assert set(data["growth_exponent"]) >= {"coverage_report", "entry_list", "startup"}
    for key in ("cpu", "cores", "ram_gb", "python", "libraries", "date"):
        assert data["machine"][key], key
    assert "| measurement |" in data["table"]
    assert "| measurement |" in done.stdout


@pytest.mark.slow
def test_only_runs_the_named_steps_and_refuses_unknown_ones(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = run_smoke(out, "--only", "search")
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {row["key"] for row in json.loads(out.read_text(encoding="utf-8"))["rows"]}
    assert rows == {r for r in EXPECTED_ROWS if r.startswith("search")} | {"demo_build"}
    refused = run_smoke(out, "--only", "search,nonsense", timeout=60)
    assert refused.returncode == 2 and "no such step: nonsense" in refused.stderr


def test_the_tagging_and_pdfa_cost_switches_still_switch_them_off(tmp_path):
    """``bench_export.py --costs`` swaps the functions that tag and declare PDF/A; when the
    export is reshaped those names move, and the benchmark must fail here, not at a lead's run."""
    import pikepdf

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_export import export_once, without
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from portfolio.demo import create_demo

    demo = tmp_path / "demo.portfolio"
    create_demo(demo, entries=3, attachments=True).close()
    made = {}
    for name, off in {"full": {}, "untagged": {"tagging": True}, "no_pdfa": {"pdfa": True}}.items():
        with without(**off):
            export_once(demo, tmp_path / f"{name}.pdf")
        with pikepdf.open(tmp_path / f"{name}.pdf") as pdf:
            made[name] = ("/StructTreeRoot" in pdf.Root, "/OutputIntents" in pdf.Root)
    assert made == {"full": (True, True), "untagged": (False, False), "no_pdfa": (True, False)}
    export_once(demo, tmp_path / "after.pdf")  # everything put back
    with pikepdf.open(tmp_path / "after.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root and "/OutputIntents" in pdf.Root
