"""`portfolio group` shows who needs attention (issue 21): behind on off-the-job hours, or no new
evidence for N weeks; `--attention` lists only them; a bad N is refused with one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.attention import make_attention_folder


@pytest.fixture
def folder(tmp_path: Path, demo_file: Path) -> Path:
    return make_attention_folder(tmp_path / "group", demo_file)


def test_cli_shows_who_needs_attention(cli, folder: Path) -> None:
    result = cli("group", folder)
    assert result.code == 0, result.err
    assert "Needs attention:" in result.out
    assert "behind.portfolio): behind on off-the-job hours" in result.out
    assert "quiet.portfolio): no new evidence for 4 weeks" in result.out
    assert "fine.portfolio):" not in result.out
    only = cli("group", folder, "--attention", "--json", "--no-evidence-weeks", "2").json()
    assert sorted(Path(x["file"]).stem for x in only["learners"]) == ["behind", "quiet"]
    assert only["no_new_evidence_weeks"] == 2
    for bad in ("0", "9999"):
        refused = cli("group", folder, "--no-evidence-weeks", bad)
        assert refused.code != 0 and "--no-evidence-weeks must be from 1 to 520" in refused.err
        assert refused.out == ""
