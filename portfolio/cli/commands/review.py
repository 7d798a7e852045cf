"""`portfolio review` (a reviewer's comment, judgement or sign-off), `portfolio feedback` (read
the feedback on a portfolio) and `portfolio reply` (answer a comment)."""

from __future__ import annotations

import argparse
from pathlib import Path

from portfolio.cli.commands import review_day
from portfolio.cli.commands.reviewer import (
    _open_as_reviewer,
    _open_to_decide,
)
from portfolio.cli.output import emit_json, emit_table, emit_text
from portfolio.domain.enums import ReviewerRole
from portfolio.domain.review import FeedbackItem, role_label
from portfolio.errors import InvalidInputError
from portfolio.services.portfolio import Portfolio


def register(subparsers: argparse._SubParsersAction) -> None:
    review = subparsers.add_parser(
        "review", help="as a tutor, assessor or IQA: comment, judge criteria or sign off a unit"
    )
    review.add_argument("file", help="the portfolio file (or a copy of it)")
    review.add_argument("--reviewer", required=True, metavar="NAME", help="your name")
    review.add_argument(
        "--role", required=True, choices=[r.value for r in ReviewerRole], help="your role"
    )
    review.add_argument("--json", action="store_true", help="print the result as JSON")
    actions = review.add_subparsers(dest="action", metavar="ACTION", required=True)

    comment = actions.add_parser("comment", help="comment on an entry")
    comment.add_argument("entry", metavar="ENTRY_ID", help="entry id or reference such as E3")
    comment.add_argument("text", metavar="TEXT", help="the comment")
    comment.add_argument("--reply-to", metavar="FEEDBACK_ID", help="reply to this comment")
    comment.set_defaults(func=run_comment)

    judge = actions.add_parser("judge", help="judge a criterion met or not yet met")
    judge.add_argument("criterion", metavar="CRITERION_ID", help="criterion id or number")
    judge.add_argument("judgement", choices=["met", "not-yet"], help="the decision")
    judge.add_argument("--reason", required=True, metavar="TEXT", help="why (shown to the learner)")
    judge.add_argument(
        "--entry",
        metavar="ENTRY_ID",
        help="judge from this entry: CRITERION_ID and every --also in one step ('all': every "
        "criterion the entry is tagged to)",
    )
    judge.add_argument(
        "--also", action="append", default=[], metavar="CRITERION_ID", help="with --entry"
    )
    judge.add_argument(
        "--version",
        metavar="V",
        help="with --entry: the entry's version as you read it (`seen` prints it); refused if "
        "it has changed since",
    )
    judge.set_defaults(func=run_judge)

    signoff = actions.add_parser("signoff", help="sign off a unit")
    signoff.add_argument("unit", metavar="UNIT_ID", help="unit id or reference such as BWRC")
    signoff.set_defaults(func=run_signoff)

    sample = actions.add_parser(
        "sample", help="as an IQA: agree with or refer an assessor's judgement or sign-off"
    )
    sample.add_argument(
        "target",
        metavar="TARGET_ID",
        help="a judgement or sign-off id (coverage --json shows them), a criterion (its "
        "judgement in force) or a unit (its latest sign-off)",
    )
    sample.add_argument("decision", choices=["agree", "refer"], help="the sample decision")
    sample.add_argument("--reason", required=True, metavar="TEXT", help="why (shown to everyone)")
    sample.set_defaults(func=run_sample)

    status = actions.add_parser("status", help="sign-off state of every unit")
    status.set_defaults(func=run_status)
    review_day.register(actions)

    feedback = subparsers.add_parser("feedback", help="show the feedback on a portfolio's entries")
    feedback.add_argument("file", help="the portfolio file")
    feedback.add_argument("--entry", metavar="ENTRY_ID", help="only this entry")
    feedback.add_argument("--mark-read", action="store_true", help="mark what is shown as read")
    feedback.add_argument("--json", action="store_true", help="print a list of comments")
    feedback.set_defaults(func=run_feedback)

    reply = subparsers.add_parser("reply", help="as the learner, reply to a comment")
    reply.add_argument("file", help="the portfolio file")
    reply.add_argument("feedback_id", metavar="FEEDBACK_ID", help="the comment to reply to")
    reply.add_argument("text", metavar="TEXT", help="your reply")
    reply.set_defaults(func=run_reply)


def run_comment(args: argparse.Namespace) -> int:
    with _open_as_reviewer(args) as pf:
        if args.reply_to:
            item = pf.reviewing.reply(feedback_id=args.reply_to, text=args.text).value
        else:
            item = pf.reviewing.comment(entry_id=args.entry, text=args.text).value
        ref = pf.entries.get(item.entry_id).ref
    if args.json:
        emit_json(_feedback_json(item, ref))
    else:
        emit_text(f"Comment added to {ref} by {item.author_name} ({role_label(item.author_role)}).")
        emit_text(f"Its id (for replies): {item.id}")
    return 0


def run_judge(args: argparse.Namespace) -> int:
    if args.entry:
        return review_day.run_several(args)
    if args.also or args.version:
        raise InvalidInputError("--also and --version judge from one entry: give --entry too.")
    with _open_to_decide(args) as pf:
        record = pf.reviewing.judge(
            criterion=args.criterion, judgement=args.judgement, reason=args.reason
        ).record
    if args.json:
        emit_json(
            {
                "id": record.id,
                "criterion_id": record.criterion_id,
                "number": record.criterion_number,
                "judgement": record.judgement,
                "reason": record.reason,
                "reviewer": record.reviewer_name,
                "role": record.reviewer_role,
                "created_at": record.created_at.isoformat(),
            }
        )
    else:
        decision = "met" if record.judgement == "met" else "not yet met"
        emit_text(f"Criterion {record.criterion_number} judged {decision}.")
    return 0


def run_signoff(args: argparse.Namespace) -> int:
    with _open_to_decide(args) as pf:
        status = pf.reviewing.sign_off(unit=args.unit).status
    if args.json:
        emit_json({**status.to_json(), "fingerprint": status.fingerprint})
    else:
        emit_text(f"Signed off {status.unit_label} as {args.reviewer} ({role_label(args.role)}).")
        emit_text(f"Signed with key {status.view.record.signer_key if status.view else ''}.")
    return 0


def run_sample(args: argparse.Namespace) -> int:
    with _open_to_decide(args) as pf:
        record = pf.reviewing.sample(
            target=args.target, decision=args.decision, reason=args.reason
        ).record
    if args.json:
        emit_json(
            {
                "id": record.id,
                "target_kind": record.target_kind,
                "target_id": record.target_id,
                "decision": record.decision,
                "reason": record.reason,
                "by": record.reviewer_name,
                "date": record.created_at.isoformat(),
            }
        )
    elif record.decision == "refer":
        emit_text(
            f"Referred the assessor's decision on {record.target_label}: it is reopened until "
            "the assessor decides again."
        )
    else:
        emit_text(f"Agreed with the assessor's decision on {record.target_label}.")
    return 0


def run_status(args: argparse.Namespace) -> int:
    with _open_as_reviewer(args) as pf:
        statuses = pf.reviewing.signoff_status()
    if args.json:
        emit_json([s.to_json() for s in statuses])
        return 0
    emit_table(
        ("unit", "state", "by", "on"),
        (
            (
                s.unit_label,
                s.state_label,
                f"{s.reviewer_name} ({role_label(s.reviewer_role)})" if s.signed else "",
                s.signed_at.astimezone().strftime("%d %b %Y") if s.signed_at else "",
            )
            for s in statuses
        ),
    )
    return 0


def run_feedback(args: argparse.Namespace) -> int:
    with Portfolio.open(Path(args.file)) as pf:
        entries = [pf.entries.get(args.entry)] if args.entry else pf.entries.list()
        threads = [(e.ref, pf.reviewing.thread(e.id)) for e in entries]
        if args.mark_read:
            pf.reviewing.mark_read(entry_id=args.entry)
    if args.json:
        emit_json([_feedback_json(item, ref) for ref, items in threads for item in items])
        return 0
    shown = False
    for ref, items in threads:
        for item in items:
            shown = True
            indent = "  " * (item.depth + 1)
            new = " [new]" if item.unread else ""
            when = item.created_at.astimezone().strftime("%d %b %Y %H:%M")
            emit_text(
                f"{ref}{indent}{item.author_name} ({role_label(item.author_role)}), {when}{new}"
            )
            emit_text(f"{' ' * len(ref)}{indent}  {item.body}")
            emit_text(f"{' ' * len(ref)}{indent}  id: {item.id}")
    if not shown:
        emit_text("No feedback yet.")
    return 0


def run_reply(args: argparse.Namespace) -> int:
    with Portfolio.open(Path(args.file)) as pf:
        item = pf.reviewing.reply(feedback_id=args.feedback_id, text=args.text).value
        ref = pf.entries.get(item.entry_id).ref
    emit_text(f"Reply added to {ref}.")
    return 0


def _feedback_json(item: FeedbackItem, ref: str) -> dict[str, object]:
    return {
        "id": item.id,
        "entry_id": item.entry_id,
        "ref": ref,
        "parent_id": item.parent_id,
        "author": item.author_name,
        "role": item.author_role,
        "body": item.body,
        "created_at": item.created_at.isoformat(),
        "read_at": item.read_at.isoformat() if item.read_at else None,
        "unread": item.unread,
        "depth": item.depth,
    }
