"""CLI: `portfolio import-leap2a ZIP_OR_XML -o NEW.portfolio [--framework ID]` (issue 22)."""

from __future__ import annotations

import zipfile
from pathlib import Path

INTEROP = Path(__file__).resolve().parents[1] / "fixtures" / "interop"


def _zip(tmp_path: Path) -> Path:
    out = tmp_path / "export.zip"
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("leap2a.xml", (INTEROP / "leap2a_example.xml").read_bytes())
    return out


def test_import_prints_what_it_did(cli, tmp_path: Path) -> None:
    out = tmp_path / "alice.portfolio"
    result = cli("import-leap2a", _zip(tmp_path), "-o", out)
    assert result.code == 0 and out.exists()
    first = result.out.splitlines()[0]
    assert first == (
        f"Created {out} for Alice User1: 1 entry, 0 attachments (anonymised), 1 tag kept."
    )
    assert "not imported (no place in a portfolio of entries): 3 pages, 1 plan" in result.out
    listed = cli("entry", "list", out, "--json").json()
    assert [e["title"] for e in listed] == ["Journal entry Alice 1"]


def test_import_json_and_framework(cli, tmp_path: Path) -> None:
    out = tmp_path / "alice.portfolio"
    data = cli(
        "import-leap2a", _zip(tmp_path), "-o", out, "--framework", "icq-bwrc-l2", "--json"
    ).json()
    assert set(data) >= {"path", "learner", "entries", "attachments", "skipped_files"}
    assert data["entries"] == 1 and data["not_imported"] == {"page": 3, "plan": 1}
    assert cli("coverage", out, "--json").code == 0  # enrolled on the framework


def test_bad_input_is_one_line_non_zero_and_writes_nothing(cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 this is not a zip")
    out = tmp_path / "new.portfolio"
    for source in (junk, tmp_path / "missing.zip", INTEROP / "example.matrix"):
        result = cli("import-leap2a", source, "-o", out)
        assert result.code != 0 and result.out == ""
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("portfolio: error: ")
        assert not out.exists()
    taken = tmp_path / "taken.portfolio"
    taken.write_bytes(b"keep me")
    result = cli("import-leap2a", _zip(tmp_path), "-o", taken)
    assert result.code != 0 and "already exists" in result.err
    assert taken.read_bytes() == b"keep me"
    assert cli("import-leap2a", _zip(tmp_path)).code == 2  # -o is required
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "export.zip",
        "junk.zip",
        "taken.portfolio",
    ]


def test_keep_starts_the_kept_list(cli, tmp_path: Path) -> None:
    out = tmp_path / "alice.portfolio"
    result = cli("import-leap2a", _zip(tmp_path), "-o", out, "--keep", "Kipling")
    assert result.code == 0, result.err
    from portfolio.services.portfolio import Portfolio

    with Portfolio.open(out, read_only=True) as pf:
        assert pf.learner.kept() == ["Kipling"]
