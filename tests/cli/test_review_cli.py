"""`portfolio review`, `merge`, `group`, `feedback` and `reply`: the fixed contracts and their
error paths (one clear line on stderr, never a traceback)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REVIEWER = ("--reviewer", "Priya Shah", "--role", "assessor")


@pytest.fixture
def copy(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "reviewed.portfolio"
    shutil.copy2(demo_file, path)
    return path


def test_review_comment_judge_signoff_contract(cli, copy: Path) -> None:
    result = cli("review", copy, *REVIEWER, "comment", "E3", "Say what you said to them.")
    assert result.code == 0, result.err
    assert "Comment added to E3" in result.out

    entries = cli("entry", "list", copy, "--json").json()
    by_id = cli("review", copy, *REVIEWER, "comment", entries[0]["id"], "By id works too")
    assert by_id.code == 0, by_id.err

    judged = cli("review", copy, *REVIEWER, "judge", "1.1", "not-yet", "--reason", "One more")
    assert judged.code == 0 and "not yet met" in judged.out
    met = cli("review", copy, *REVIEWER, "--json", "judge", "1.1", "met", "--reason", "Now yes")
    assert met.json()["judgement"] == "met" and met.json()["reviewer"] == "Priya Shah"

    signed = cli("review", copy, *REVIEWER, "signoff", "icq-bwrc-l2.u1")
    assert signed.code == 0 and "Signed off BWRC" in signed.out
    status = cli("review", copy, *REVIEWER, "--json", "status").json()
    assert status[0]["signed"] and not status[0]["evidence_changed"]

    coverage = cli("coverage", copy, "--json").json()
    assert next(c for c in coverage["criteria"] if c["number"] == "1.1")["status"] == "met"


def test_review_errors_are_one_line(cli, copy: Path, tmp_path: Path) -> None:
    bad_role = cli("review", copy, "--reviewer", "X", "--role", "learner", "signoff", "BWRC")
    assert bad_role.code == 2 and "invalid choice" in bad_role.err
    no_reason = cli("review", copy, *REVIEWER, "judge", "1.1", "met")
    assert no_reason.code == 2 and "--reason" in no_reason.err
    for args, message in (
        (("comment", "E999", "x"), "no entry"),
        (("judge", "9.9", "met", "--reason", "x"), "no criterion"),
        (("signoff", "NOPE"), "no unit"),
        (("comment", "E1", "   "), "empty"),
    ):
        result = cli("review", copy, *REVIEWER, *args)
        assert result.code == 1 and message in result.err
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
    missing = cli("review", tmp_path / "none.portfolio", *REVIEWER, "signoff", "BWRC")
    assert missing.code == 1 and "no file" in missing.err


def test_merge_is_idempotent_and_feedback_reaches_the_learner(
    cli, demo_file: Path, copy: Path
) -> None:
    cli("review", copy, *REVIEWER, "comment", "E2", "Please add the outcome.")
    cli("review", copy, *REVIEWER, "signoff", "BWRC")
    first = cli("merge", demo_file, copy, "--json")
    assert first.code == 0, first.err
    assert first.json() == {
        "feedback": 1,
        "judgements": 0,
        "signoffs": 1,
        "audit_events": 2,
        "skipped": [],
    }
    again = cli("merge", demo_file, copy)
    assert again.code == 0 and "Nothing new" in again.out

    feedback = cli("feedback", demo_file, "--json").json()
    assert [(f["ref"], f["unread"]) for f in feedback] == [("E2", True)]
    reply = cli("reply", demo_file, feedback[0]["id"], "Added it.")
    assert reply.code == 0 and "Reply added to E2" in reply.out
    shown = cli("feedback", demo_file, "--entry", "E2")
    assert "Priya Shah (Assessor)" in shown.out and "Added it." in shown.out


def test_merge_refuses_another_learners_copy(cli, demo_file: Path, portfolio_file: Path) -> None:
    result = cli("merge", portfolio_file, demo_file)
    assert result.code == 1 and "another learner" in result.err


def test_group_csv_json_and_pdf(cli, demo_file: Path, portfolio_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "group"
    folder.mkdir()
    shutil.copy2(demo_file, folder / "one.portfolio")
    shutil.copy2(portfolio_file, folder / "two.portfolio")
    (folder / "broken.portfolio").write_bytes(b"\x00" * 500)

    text = cli("group", folder)
    assert text.code == 0 and "Jordan Ellis" in text.out and "Could not read broken" in text.out
    data = cli("group", folder, "--json").json()
    assert len(data["learners"]) == 2 and data["failures"][0]["file"].endswith("broken.portfolio")
    csv_out = cli("group", folder, "--csv", "--pdf", tmp_path / "g.pdf")
    assert csv_out.out.splitlines()[0].startswith("learner,learner_number,file,unit_id")
    assert (tmp_path / "g.pdf").read_bytes().startswith(b"%PDF")
    missing = cli("group", tmp_path / "nowhere")
    assert missing.code == 1 and "not a folder" in missing.err
