"""CLI: `frameworks export ID -o FILE [--format]` and `frameworks show ID --matrix` (issue 22)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio.frameworks.importers import import_file

INTEROP = Path(__file__).resolve().parents[1] / "fixtures" / "interop"


@pytest.mark.parametrize(("name", "fmt"), [("out.matrix", None), ("out.txt", "matrix")])
def test_export_a_bundled_framework_as_matrix(cli, tmp_path: Path, name, fmt) -> None:
    out = tmp_path / name
    args = ["frameworks", "export", "icq-bwrc-l2", "-o", out]
    result = cli(*args, *(["--format", fmt] if fmt else []))
    assert result.code == 0 and "(matrix)" in result.out
    root = json.loads(out.read_text(encoding="utf-8"))["framework"]
    assert root["name"] == "Building Working Relationships with Customers"
    if not fmt:  # a .matrix name is read back as one
        back = import_file(out).framework
        assert sum(1 for _ in back.criteria()) == len(root["standardelements"])


def test_export_json_and_csv_by_suffix(cli, tmp_path: Path) -> None:
    for suffix in (".json", ".csv"):
        out = tmp_path / f"f{suffix}"
        assert cli("frameworks", "export", "icq-bwrc-l1", "-o", out).code == 0
        assert import_file(out).framework.id == "icq-bwrc-l1"


def test_imported_matrix_goes_back_out_unchanged(cli, tmp_path: Path) -> None:
    assert cli("frameworks", "import", INTEROP / "nace_usa.matrix").code == 0
    shown = cli("frameworks", "show", "career-readiness")
    assert "[Critical Thinking] Critical Thinking/Problem Solving" in shown.out
    assert "met: Meets the competency" in shown.out
    printed = cli("frameworks", "show", "career-readiness", "--matrix").json()
    original = json.loads((INTEROP / "nace_usa.matrix").read_text(encoding="utf-8"))
    for ours, theirs in zip(
        printed["framework"]["standardelements"],
        original["framework"]["standardelements"],
        strict=True,
    ):
        for key in ("shortname", "name", "standardid", "elementid"):
            assert ours[key] == theirs[key]
    assert printed["framework"]["evidencestatuses"] == original["framework"]["evidencestatuses"]


def test_export_error_paths_write_nothing(cli, tmp_path: Path) -> None:
    missing = cli("frameworks", "export", "no-such-framework", "-o", tmp_path / "x.matrix")
    assert missing.code == 1 and "No framework has the id" in missing.err
    assert not (tmp_path / "x.matrix").exists()
    nested = cli("frameworks", "export", "icq-bwrc-l1", "-o", tmp_path / "no" / "x.matrix")
    assert nested.code == 1 and "does not exist" in nested.err
    folder = cli("frameworks", "export", "icq-bwrc-l1", "-o", tmp_path)
    assert folder.code == 1 and "is a folder" in folder.err
    assert cli("frameworks", "export", "icq-bwrc-l1", "-o", "x", "--format", "pdf").code == 2
    assert list(tmp_path.iterdir()) == []
