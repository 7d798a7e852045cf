"""`portfolio review`, `merge`, `group`, `feedback` and `reply`: the fixed contracts and their
error paths (one clear line on stderr, never a traceback)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.assessment import make_signed_off

REVIEWER = ("--reviewer", "Priya Shah", "--role", "assessor")
UNIT_ID = "icq-bwrc-l2.u1"


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

    refused = cli("review", copy, *REVIEWER, "signoff", "icq-bwrc-l2.u1")
    assert refused.code == 1 and refused.out == ""
    assert refused.err.count("\n") == 1 and "cannot be signed off" in refused.err
    assert "1.2 (evidence claimed)" in refused.err and "1.1" not in refused.err.split(":")[2]
    assert cli("review", copy, *REVIEWER, "--json", "status").json()[0]["signed"] is False

    make_signed_off(copy, UNIT_ID)
    status = cli("review", copy, *REVIEWER, "--json", "status").json()
    assert status[0]["signed"] and status[0]["state"] == "valid"

    coverage = cli("coverage", copy, "--json").json()
    one_one = next(c for c in coverage["criteria"] if c["number"] == "1.1")
    assert one_one["status"] == "met"
    assert {"state", "stale", "by", "role", "date", "verified"} <= set(one_one["judgement"])
    assert one_one["judgement"]["stale"] is False and one_one["judgement"]["verified"] is False
    (signoff,) = coverage["signoffs"]
    assert {"unit_id", "state", "reason", "by", "date"} <= set(signoff)
    assert signoff["state"] == "valid" and signoff["unit_id"] == UNIT_ID


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
    first = cli("merge", demo_file, copy, "--json")
    assert first.code == 0, first.err
    data = first.json()
    assert (data["feedback"], data["judgements"], data["signoffs"]) == (1, 0, 0)
    assert data["audit_events"] == 1 and data["skipped"] == []
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
