"""CLI: `frameworks import`, `export-leap2a` and `dump`, with their error paths."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from portfolio.services.portfolio import Portfolio

INTEROP = Path(__file__).resolve().parents[1] / "fixtures" / "interop"


def test_import_prints_the_id_and_lists_it(cli) -> None:
    result = cli("frameworks", "import", INTEROP / "example.matrix")
    assert result.code == 0 and result.out.strip() == "title-of-your-framework"
    assert "duplicate element id '4.4.3'" in result.err
    listed = cli("frameworks", "list", "--json").json()
    imported = [f for f in listed if f["id"] == "title-of-your-framework"]
    assert imported and set(imported[0]) >= {"id", "title", "level", "units"}
    assert imported[0]["source"] == "imported"
    assert any(f["source"] == "bundled" for f in listed)
    assert cli("frameworks", "show", "title-of-your-framework").code == 0


def test_import_json_output(cli) -> None:
    result = cli("frameworks", "import", INTEROP / "customer-service.csv", "--json")
    data = result.json()
    assert data["id"] == "customer-service-practitioner-l2"
    assert (data["format"], data["units"], data["criteria"]) == ("csv", 2, 4)
    assert data["library_path"].endswith("customer-service-practitioner-l2.json")


def test_import_into_a_portfolio_enrols_and_updates(cli, portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(title="Greeting")
    first = cli("frameworks", "import", INTEROP / "nace_usa.matrix", "--into", portfolio_file)
    assert first.code == 0 and "enrolled" in first.err
    assert cli("tag", portfolio_file, "E1", "career-readiness.cr.ac1-0").code == 0
    again = cli(
        "frameworks", "import", INTEROP / "nace_usa.matrix", "--into", portfolio_file, "--json"
    ).json()
    assert again["portfolio"]["action"] == "updated"
    assert again["portfolio"]["tags_kept"] == 1 and again["portfolio"]["vanished"] == []


def test_malformed_files_report_every_problem_and_change_nothing(cli, portfolio_file: Path) -> None:
    before = hashlib.sha256(portfolio_file.read_bytes()).hexdigest()
    for name, count in (("bad.csv", 4), ("bad.matrix", 4), ("bad-framework.json", 9)):
        result = cli("frameworks", "import", INTEROP / name, "--into", portfolio_file)
        assert result.code == 1 and result.out == ""
        assert f"{count} problems; nothing was imported" in result.err
        assert result.err.count(f"portfolio: error: {name}: ") == count
    assert hashlib.sha256(portfolio_file.read_bytes()).hexdigest() == before
    assert [f["source"] for f in cli("frameworks", "list", "--json").json()].count("imported") == 0


def test_export_leap2a_writes_a_zip(cli, demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.zip"
    result = cli("export-leap2a", demo_file, "-o", out)
    assert result.code == 0 and out.exists()
    with zipfile.ZipFile(out) as zf:
        assert zf.namelist()[0] == "leap2a.xml"


def test_export_leap2a_error_paths(cli, tmp_path: Path, portfolio_file: Path) -> None:
    missing = cli("export-leap2a", tmp_path / "nope.portfolio", "-o", tmp_path / "o.zip")
    assert missing.code != 0 and "portfolio: error:" in missing.err
    bad_dir = cli("export-leap2a", portfolio_file, "-o", tmp_path / "no" / "o.zip")
    assert bad_dir.code != 0 and "does not exist" in bad_dir.err
    assert cli("export-leap2a", portfolio_file).code == 2  # -o is required


def test_dump_json_and_summary(cli, demo_file: Path, tmp_path: Path) -> None:
    data = cli("dump", demo_file, "--json").json()
    assert data["format"] == "portfolio-dump" and len(data["tables"]["entry"]) == 16
    summary = cli("dump", demo_file)
    assert "evidence_link" in summary.out
    out = tmp_path / "dump.json"
    assert cli("dump", demo_file, "-o", out).code == 0 and out.read_text().startswith("{")
