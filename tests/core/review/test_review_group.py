"""The group overview over a folder: one row per learner, unreadable files listed with reasons."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import PortfolioError
from portfolio.review.group_report import signoff_label, to_json, write_csv, write_pdf
from portfolio.services.group import scan_folder
from portfolio.services.portfolio import Portfolio
from tests.core.review.conftest import ASSESSOR, TUTOR, UNIT
from tests.helpers.assessment import make_signed_off


@pytest.fixture
def group_folder(tmp_path: Path, demo_file: Path, portfolio_file: Path) -> Path:
    folder = tmp_path / "group"
    folder.mkdir()
    shutil.copy2(demo_file, folder / "jordan.portfolio")
    shutil.copy2(portfolio_file, folder / "alex.portfolio")
    (folder / "damaged.portfolio").write_bytes(demo_file.read_bytes()[:6000])
    (folder / "notes.portfolio").write_text("These are my notes, not a portfolio.")
    other = sqlite3.connect(folder / "other-app.portfolio")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    (folder / "readme.txt").write_text("ignored: not a .portfolio file")
    return folder


def test_scan_lists_learners_and_explains_unreadable_files(group_folder: Path) -> None:
    seen: list[tuple[int, int]] = []
    overview = scan_folder(group_folder, progress=lambda d, t, m="": seen.append((d, t)))
    assert [row.path.name for row in overview.learners] == ["alex.portfolio", "jordan.portfolio"]
    reasons = {f.path.name: f.reason for f in overview.failures}
    assert set(reasons) == {"damaged.portfolio", "notes.portfolio", "other-app.portfolio"}
    assert "damaged" in reasons["damaged.portfolio"]
    assert "not a portfolio" in reasons["notes.portfolio"]
    assert "not one made by Portfolio" in reasons["other-app.portfolio"]
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert overview.units == ((UNIT, "BWRC", "Building Working Relationships with Customers"),)

    alex, jordan = overview.learners
    assert (alex.name, alex.entries, alex.units[0].evidenced, alex.units[0].criteria) == (
        "Alex Morgan",
        0,
        0,
        11,
    )
    assert jordan.entries == 16 and jordan.units[0].evidenced > 0
    assert jordan.last_activity is not None


def test_scan_counts_judgements_sign_offs_and_awaiting_review(group_folder: Path, open_as) -> None:
    path = group_folder / "jordan.portfolio"
    pf = open_as(path)
    ready = [e for e in pf.entries.list() if e.status == "ready"]
    pf.close()
    before = scan_folder(group_folder).learners[1]
    assert before.awaiting_review == len(ready) > 2

    reviewer = open_as(path, ASSESSOR)
    reviewer.reviewing.comment(entry_id=ready[0].id, text="Seen")
    tagged = next(e for e in ready[1:] if e.criteria_count)
    criterion = reviewer.entries.get(tagged.id).tags[0].criterion_id
    reviewer.reviewing.judge(criterion=criterion, judgement="met", reason="Clear")
    reviewer.close()

    after = scan_folder(group_folder).learners[1]
    assert after.awaiting_review < before.awaiting_review - 1
    assert after.units[0].met == 1 and not after.units[0].signed_off
    assert after.units[0].drafts >= 1  # the demo's draft-only criterion, in its own words

    make_signed_off(path, UNIT)
    signed = scan_folder(group_folder).learners[1]
    assert signed.units[0].signed_off and signed.units[0].met == signed.units[0].criteria
    assert signoff_label(signed.units[0]).startswith("signed off (Priya Shah")

    learner = open_as(path)
    learner.entries.update(entry_id=ready[0].id, sections={"result": "Edited after review"})
    learner.close()
    again = scan_folder(group_folder).learners[1]
    unit = again.units[0]
    assert unit.signoff_void and not unit.signed_off
    assert signoff_label(unit).startswith("void (")
    assert "evidence changed since signed off" in signoff_label(unit)
    assert unit.reopened >= 1 and unit.met < unit.criteria


def test_scan_leaves_the_folder_as_it_was(group_folder: Path) -> None:
    before = sorted(p.name for p in group_folder.iterdir())
    scan_folder(group_folder)
    assert sorted(p.name for p in group_folder.iterdir()) == before


def test_a_newer_file_is_listed_with_the_reason(group_folder: Path) -> None:
    newer = group_folder / "newer.portfolio"
    shutil.copy2(group_folder / "alex.portfolio", newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '29991231_9999'")
    conn.commit()
    conn.close()
    reasons = {f.path.name: f.reason for f in scan_folder(group_folder).failures}
    assert "newer version" in reasons["newer.portfolio"]


def test_not_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PortfolioError, match="not a folder"):
        scan_folder(tmp_path / "missing")


def test_csv_json_and_pdf_exports(group_folder: Path, tmp_path: Path) -> None:
    overview = scan_folder(group_folder)
    out = write_csv(overview, tmp_path / "group.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    learners = [r for r in rows if r["learner"]]
    assert [r["learner"] for r in learners] == ["Alex Morgan", "Jordan Ellis"]
    assert learners[0]["criteria"] == "11" and learners[0]["sign_off"] == "not signed off"
    assert sum(1 for r in rows if r["problem"]) == 3
    data = to_json(overview)
    assert {f["reason"] for f in data["failures"]}  # type: ignore[union-attr]
    pdf = write_pdf(overview, tmp_path / "group.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
    assert not list(tmp_path.glob(".group*.tmp"))


def test_learner_added_since_is_picked_up(group_folder: Path) -> None:
    with Portfolio.open(group_folder / "alex.portfolio") as pf:
        entry = pf.entries.add(
            entry_input_from_json({"title": "First", "status": "ready", "action": "I did it."})
        )
        pf.tagging.tag(entry_id=entry.id, criterion="1.1", justification="Shows it")
    with Portfolio.open(group_folder / "alex.portfolio", actor=TUTOR):
        pass
    alex = scan_folder(group_folder).learners[0]
    assert (alex.entries, alex.awaiting_review, alex.units[0].evidenced) == (1, 1, 1)
