"""The assessment record from the command line: IQA sampling, refused actions (one line on
stderr, non-zero, nothing changed), coverage --json states, and merge's report."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tests.helpers.assessment import make_signed_off

UNIT = "icq-bwrc-l2.u1"
ASSESSOR = ("--reviewer", "Priya Shah", "--role", "assessor")
IQA = ("--reviewer", "Irene Quinn", "--role", "iqa")
TUTOR = ("--reviewer", "Tom Reed", "--role", "tutor")


def _rows(path: Path) -> tuple[int, ...]:
    conn = sqlite3.connect(path)
    try:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("criterion_judgement", "signoff", "iqa_sample", "audit_event")
        )
    finally:
        conn.close()


def test_refused_actions_are_one_line_and_change_nothing(cli, demo_file: Path) -> None:
    before = _rows(demo_file)
    for who, args, words in (
        (TUTOR, ("judge", "1.1", "met", "--reason", "x"), "Only an assessor can judge"),
        (TUTOR, ("signoff", "BWRC"), "Only an assessor can sign off"),
        (ASSESSOR, ("sample", "1.1", "agree", "--reason", "x"), "internal quality assurer"),
        (IQA, ("judge", "1.1", "met", "--reason", "x"), "Only an assessor"),
        (ASSESSOR, ("judge", "1.3", "met", "--reason", "x"), "no evidence ready for review"),
        (ASSESSOR, ("signoff", "BWRC"), "cannot be signed off"),
    ):
        result = cli("review", demo_file, *who, *args)
        assert result.code == 1, (args, result.out)
        assert words in result.err and result.err.count("\n") == 1
        assert "Traceback" not in result.err and result.out == ""
    assert _rows(demo_file) == before


def test_iqa_samples_and_coverage_shows_them(cli, demo_file: Path) -> None:
    make_signed_off(demo_file, UNIT)
    coverage = cli("coverage", demo_file, "--json").json()
    one_one = next(c for c in coverage["criteria"] if c["number"] == "1.1")
    judgement_id = one_one["judgement"]["id"]
    referred = cli("review", demo_file, *IQA, "sample", judgement_id, "refer", "--reason", "Thin")
    assert referred.code == 0 and "Referred" in referred.out and "criterion 1.1" in referred.out
    agreed = cli("review", demo_file, *IQA, "--json", "sample", "BWRC", "agree", "--reason", "OK")
    assert agreed.json()["target_kind"] == "signoff" and agreed.json()["decision"] == "agree"

    coverage = cli("coverage", demo_file, "--json").json()
    one_one = next(c for c in coverage["criteria"] if c["number"] == "1.1")
    assert one_one["status"] == "claimed" and one_one["judgement"]["iqa"]["decision"] == "refer"
    (signoff,) = coverage["signoffs"]
    # The sign-off rests on 1.1's judgement, which the IQA reopened: it no longer stands, even
    # though the IQA agreed with the sign-off itself.
    assert signoff["state"] == "void" and signoff["iqa"]["decision"] == "agree"
    assert "referred by the IQA" in signoff["reason"] and "1.1" in signoff["reason"]
    text = cli("coverage", demo_file).out
    assert "referred by IQA Irene Quinn" in text and "Sign-off: void:" in text


def test_coverage_text_says_draft_and_void(cli, demo_file: Path) -> None:
    make_signed_off(demo_file, UNIT)
    entry = cli("entry", "list", demo_file, "--json").json()[0]
    cli("entry", "delete", demo_file, entry["id"])
    out = cli("coverage", demo_file).out
    assert "Sign-off: void: evidence changed since signed off on" in out
    assert "evidence claimed" in out or "draft evidence only" in out


def test_merge_prints_added_skipped_and_conflicts(cli, demo_file: Path, tmp_path: Path) -> None:
    make_signed_off(demo_file, UNIT)
    copy = tmp_path / "copy.portfolio"
    shutil.copy2(demo_file, copy)
    cli("review", copy, *TUTOR, "comment", "E2", "Expand please")
    cli("review", copy, *IQA, "sample", "BWRC", "refer", "--reason", "Check 2.2")
    cli("entry", "delete", demo_file, "E2")
    result = cli("merge", demo_file, copy)
    assert result.code == 0, result.err
    assert "Added 0 comment(s)" in result.out and "1 IQA sample(s)" in result.out
    assert "Skipped: A comment by Tom Reed is on E2, which is in the bin" in result.out
    assert "Conflict: IQA Irene Quinn referred the sign-off of unit BWRC" in result.out
    data = cli("merge", demo_file, copy, "--json").json()
    assert data["added"] == {
        "feedback": 0,
        "judgements": 0,
        "signoffs": 0,
        "samples": 0,
        "observations": 0,
    }
    assert len(data["skipped"]) == 1 and data["conflicts"] == []
