"""The group overview's learners needing attention (issue 21): behind on off-the-job hours, or no
new evidence for N weeks, through the services, the reports and the command line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from portfolio.review.group_report import CSV_HEADERS, attention, to_json, write_csv
from portfolio.services.group import scan_folder
from tests.helpers.attention import make_attention_folder


@pytest.fixture
def folder(tmp_path: Path, demo_file: Path) -> Path:
    return make_attention_folder(tmp_path / "group", demo_file)


def test_behind_on_otj_and_quiet_learners_are_flagged(folder: Path) -> None:
    rows = {row.path.stem: row for row in scan_folder(folder).learners}
    behind, quiet, fine = rows["behind"], rows["quiet"], rows["fine"]
    assert behind.otj_behind and behind.otj is not None and behind.otj.behind_by > 100
    assert not fine.otj_behind and fine.otj is not None and fine.otj.on_track
    assert quiet.otj is None and not quiet.otj_behind
    why = attention(behind)
    assert len(why) == 1 and why[0].startswith("behind on off-the-job hours (behind by ")
    assert attention(fine) == []
    assert attention(quiet) == [
        "no new evidence for 4 weeks ("
        f"last new evidence {quiet.last_evidence.astimezone():%d %b %Y})"  # type: ignore[union-attr]
    ]
    assert attention(quiet, weeks=11) == []  # ten weeks quiet: not yet eleven


def test_json_and_csv_carry_the_flags(folder: Path, tmp_path: Path) -> None:
    overview = scan_folder(folder)
    data = {Path(x["file"]).stem: x for x in to_json(overview, weeks=6)["learners"]}
    assert data["behind"]["otj_behind"] is True and data["behind"]["otj"]["on_track"] is False
    assert data["quiet"]["no_new_evidence"] is True and data["quiet"]["otj"] is None
    assert data["fine"]["needs_attention"] == [] and data["fine"]["no_new_evidence"] is False
    assert to_json(overview)["no_new_evidence_weeks"] == 4
    out = write_csv(overview, tmp_path / "group.csv", weeks=6)
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[: len(CSV_HEADERS)] == list(CSV_HEADERS)
    by_file = {r["file"]: r for r in rows}
    assert by_file["behind.portfolio"]["otj_on_track"] == "no"
    assert "no new evidence for 6 weeks" in by_file["quiet.portfolio"]["needs_attention"]
    assert by_file["fine.portfolio"]["needs_attention"] == ""
