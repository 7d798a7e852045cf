"""Review mode through the services: comment, reply, judge, sign off, and what is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio.domain.actor import Actor
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import InvalidInputError, NotFoundError, ReadOnlyError
from portfolio.services.portfolio import Portfolio
from tests.core.review.conftest import ASSESSOR, TUTOR, UNIT
from tests.helpers.assessment import make_signed_off


def test_review_mode_refuses_learner_text_and_tag_edits(demo_file: Path, open_as) -> None:
    pf = open_as(demo_file, ASSESSOR)
    entry = pf.entries.list()[0]
    with pytest.raises(ReadOnlyError, match="review mode"):
        pf.entries.update(entry_id=entry.id, title="Changed by the assessor")
    with pytest.raises(ReadOnlyError):
        pf.entries.add(entry_input_from_json({"title": "New"}))
    with pytest.raises(ReadOnlyError):
        pf.tagging.tag(entry_id=entry.id, criterion="1.1", justification="x")
    with pytest.raises(ReadOnlyError):
        pf.entries.delete(entry.id)
    assert pf.entries.get(entry.id).title == entry.title


def test_reviewer_comments_and_the_learner_sees_it_unread_and_replies(
    demo_file: Path, open_as
) -> None:
    reviewer = open_as(demo_file, TUTOR)
    comment = reviewer.reviewing.comment(
        entry_id="E2", text="  Say what the customer said.  "
    ).value
    assert comment.body == "Say what the customer said."
    assert (comment.author_name, comment.author_role, comment.depth) == ("Tom Reed", "tutor", 0)
    assert comment.created_at.tzinfo is not None
    reviewer.close()

    learner = open_as(demo_file)
    entry_id = learner.entries.resolve_id("E2")
    assert learner.reviewing.unread_counts() == {entry_id: 1}
    assert next(e for e in learner.entries.list() if e.id == entry_id).unread_feedback == 1
    (item,) = learner.reviewing.thread("E2")
    assert item.unread and item.by_reviewer

    reply = learner.reviewing.reply(feedback_id=comment.id, text="I have added it, thanks.").value
    assert reply.parent_id == comment.id and reply.author_role == "learner"
    thread = learner.reviewing.thread(entry_id)
    assert [(i.depth, i.author_role) for i in thread] == [(0, "tutor"), (1, "learner")]
    assert not thread[0].unread  # replying to a comment means it was read
    assert learner.reviewing.unread_counts() == {}


def test_mark_read_is_per_side_and_idempotent(demo_file: Path, open_as) -> None:
    reviewer = open_as(demo_file, TUTOR)
    first = reviewer.reviewing.comment(entry_id="E1", text="One").value
    reviewer.reviewing.comment(entry_id="E3", text="Two")
    reviewer.close()
    learner = open_as(demo_file)
    assert learner.reviewing.mark_read(entry_id="E1").value == 1
    assert learner.reviewing.mark_read(entry_id="E1").value == 0
    assert sum(learner.reviewing.unread_counts().values()) == 1
    learner.reviewing.reply(feedback_id=first.id, text="Learner answer")
    assert learner.reviewing.mark_read().value == 1  # E3's comment
    learner.close()
    reviewer = open_as(demo_file, TUTOR)
    # The reviewer's unread items are the learner's replies.
    assert list(reviewer.reviewing.unread_counts().values()) == [1]
    assert reviewer.reviewing.mark_read().value == 1


def test_learner_cannot_judge_or_sign_off_or_start_a_comment(portfolio: Portfolio) -> None:
    with pytest.raises(ReadOnlyError, match="learner can reply"):
        portfolio.reviewing.judge(criterion="1.1", judgement="met", reason="I think so")
    with pytest.raises(ReadOnlyError, match="sign off"):
        portfolio.reviewing.sign_off(unit=UNIT)
    entry = portfolio.entries.add(entry_input_from_json({"title": "x"})).value
    with pytest.raises(ReadOnlyError):
        portfolio.reviewing.comment(entry_id=entry.id, text="hello")


def test_judgements_need_a_reason_and_the_latest_is_in_force(demo_file: Path, open_as) -> None:
    pf = open_as(demo_file, ASSESSOR)
    with pytest.raises(InvalidInputError, match="reason is empty"):
        pf.reviewing.judge(criterion="1.1", judgement="met", reason="  ")
    with pytest.raises(InvalidInputError, match="not a judgement"):
        pf.reviewing.judge(criterion="1.1", judgement="maybe", reason="x")
    with pytest.raises(NotFoundError):
        pf.reviewing.judge(criterion="9.9", judgement="met", reason="x")
    pf.reviewing.judge(criterion="1.1", judgement="not-yet", reason="Needs a second example")
    result = pf.reviewing.judge(criterion="1.1", judgement="met", reason="E5 shows it well")
    record = result.record
    assert result.changes.review and result.changes.coverage
    assert (record.criterion_number, record.judgement) == ("1.1", "met")
    assert [j.judgement for j in pf.reviewing.judgements(criterion="1.1")] == ["met", "not_yet"]
    assert pf.coverage.report().criterion(record.criterion_id).status.value == "met"


def test_sign_off_records_name_role_date_and_what_it_covered(demo_file: Path, open_as) -> None:
    make_signed_off(demo_file, UNIT)
    pf = open_as(demo_file, ASSESSOR)
    (status,) = pf.reviewing.signoff_status(unit="bwrc")  # by reference, any case
    assert status.signed and status.valid and not status.void
    assert (status.reviewer_name, status.reviewer_role) == ("Priya Shah", "assessor")
    assert status.signed_at is not None and len(status.fingerprint) == 64
    assert status.state_label == "Signed off"
    with pytest.raises(NotFoundError):
        pf.reviewing.sign_off(unit="NOPE")


def test_editing_signed_off_evidence_voids_the_sign_off(demo_file: Path, open_as) -> None:
    make_signed_off(demo_file, UNIT)
    learner = open_as(demo_file)
    tagged = next(e for e in learner.entries.list() if e.criteria_count and e.status == "ready")
    untagged_edit = learner.entries.add(entry_input_from_json({"title": "Unrelated"}))
    learner.entries.update(entry_id=untagged_edit.id, sections={"situation": "Not evidence"})
    (status,) = learner.reviewing.signoff_status()
    assert status.valid  # untagged work is not the unit's evidence

    learner.entries.update(entry_id=tagged.id, sections={"result": "Rewritten afterwards."})
    (status,) = learner.reviewing.signoff_status()
    assert status.void
    assert status.state_label.startswith("Void: evidence changed since signed off on")
    assert tagged.ref in status.state_label


def test_new_tag_or_changed_justification_also_voids(demo_file: Path, open_as) -> None:
    make_signed_off(demo_file, UNIT)
    learner = open_as(demo_file)
    entry = learner.entries.get(
        next(e.id for e in learner.entries.list() if e.criteria_count and e.status == "ready")
    )
    tag = entry.tags[0]
    learner.tagging.tag(
        entry_id=entry.id, criterion=tag.criterion_id, justification=tag.justification + " More."
    )
    assert learner.reviewing.signoff_status()[0].void


def test_every_reviewer_action_is_in_the_audit_trail(demo_file: Path, open_as) -> None:
    tutor = open_as(demo_file, TUTOR)
    comment = tutor.reviewing.comment(entry_id="E1", text="Nice")
    tutor.reviewing.reply(feedback_id=comment.id, text="And a follow-up")
    tutor.close()
    make_signed_off(demo_file, UNIT)
    pf = open_as(demo_file, ASSESSOR)
    tutor_events = [e for e in pf.audit.events() if e.role == "tutor"]
    assert {e.action for e in tutor_events} == {"feedback.comment", "feedback.reply"}
    assert all(e.actor == "Tom Reed" for e in tutor_events)
    events = [e for e in pf.audit.events() if e.role == "assessor"]
    assert {e.action for e in events} == {"criterion.judge", "unit.signoff"}
    signoff = next(e for e in events if e.action == "unit.signoff")
    assert json.loads(signoff.detail)["fingerprint"]


def test_a_reviewer_needs_a_name_and_a_known_role(demo_file: Path, open_as) -> None:
    with pytest.raises(InvalidInputError, match="name"):
        open_as(demo_file, Actor(name="  ", role="tutor")).reviewing.comment(
            entry_id="E1", text="x"
        )
    with pytest.raises(InvalidInputError, match="not a reviewer role"):
        open_as(demo_file, Actor(name="Bob", role="janitor")).reviewing.comment(
            entry_id="E1", text="x"
        )


def test_empty_and_oversized_comments_are_refused(demo_file: Path, open_as) -> None:
    pf = open_as(demo_file, TUTOR)
    with pytest.raises(InvalidInputError, match="empty"):
        pf.reviewing.comment(entry_id="E1", text="")
    with pytest.raises(InvalidInputError, match="too long"):
        pf.reviewing.comment(entry_id="E1", text="x" * 20_000)
    with pytest.raises(NotFoundError):
        pf.reviewing.reply(feedback_id="no-such-id", text="x")
    assert pf.reviewing.thread("E1") == []
