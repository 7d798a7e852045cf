"""Reviewing: threaded feedback on entries, criterion judgements and unit sign-offs.

A reviewer (tutor, assessor, IQA) opens the learner's file, or a copy of it, with
``Portfolio.open(path, actor=Actor(name, role))``. Entry and tag writes refuse a reviewer; the
methods here are what a reviewer may do. A learner may reply to feedback and mark it read, but
never judge or sign off. Every action is one transaction with its audit event.

"Unread" is always from the asker's side: for the learner, reviewer comments they have not read;
for a reviewer, learner replies not yet read. The one ``read_at`` column serves both, because an
item is only ever read by "the other side".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from portfolio.domain.actor import LEARNER_ROLE, Actor
from portfolio.domain.assessment import (
    ACTION_WORDS,
    AGREE,
    JUDGEMENT_TARGET,
    REFER,
    SIGNOFF_TARGET,
    judgements_in_force,
    refuse_action,
    refuse_met,
    refuse_signoff,
    signoffs_in_force,
    stamps_for,
    stamps_to_json,
)
from portfolio.domain.changes import Changes
from portfolio.domain.enums import CriterionState, EntryStatus, Judgement, ReviewerRole
from portfolio.domain.review import (
    FeedbackItem,
    GroupOverview,
    JudgementRecord,
    JudgementResult,
    MergeReport,
    SampleRecord,
    SampleResult,
    SignOffResult,
    SignOffStatus,
)
from portfolio.errors import AssessmentRefusedError, InvalidInputError, NotFoundError, ReadOnlyError
from portfolio.progress import CancelToken, ProgressFn
from portfolio.review import merge, signing
from portfolio.services import audit, records
from portfolio.services.coverage import coverage_in
from portfolio.services.lookup import resolve_criterion, resolve_entry
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import (
    Criterion,
    CriterionJudgement,
    Entry,
    EvidenceLink,
    Feedback,
    IqaSample,
    Learner,
    SignOff,
    Unit,
)
from portfolio.storage.models.base import utcnow

MAX_FEEDBACK = 10_000
MAX_REASON = 4_000


def parse_judgement(value: str) -> Judgement:
    """'met', 'not-yet', 'not_yet' or 'not yet' (any case) as a Judgement."""
    key = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Judgement(key)
    except ValueError:
        raise InvalidInputError(f"{value!r} is not a judgement; use 'met' or 'not-yet'.") from None


class ReviewingService:
    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor
        self._signer: signing.Identity | None = None

    def sign_with(self, identity: signing.Identity | None) -> None:
        """Sign this reviewer's judgements, sign-offs and samples from now on (None: unsigned).

        Raises InvalidInputError when the identity is someone else's.
        """
        if identity is not None and identity.name != self._actor.name:
            raise InvalidInputError(
                f"That signing identity is {identity.name}'s, not {self._actor.name}'s."
            )
        self._signer = identity

    @property
    def signer_fingerprint(self) -> str:
        """The fingerprint of the key decisions are signed with ("" when unsigned)."""
        return self._signer.fingerprint if self._signer else ""

    def _sign(self, kind: str, row: object) -> None:
        if self._signer is not None:
            signing.sign_row(kind, row, self._signer)

    # -- feedback -----------------------------------------------------------------------

    def comment(self, *, entry_id: str, text: str) -> FeedbackItem:
        """A reviewer's new comment on an entry (by id or reference such as E3)."""
        self._require_action("comment")
        body = _clean_text("comment", text, MAX_FEEDBACK)
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id, include_deleted=True)
            row = self._add_feedback(s, entry.id, None, body)
            audit.record(
                s,
                self._actor,
                "feedback.comment",
                target_kind="entry",
                target_id=entry.id,
                feedback_id=row.id,
            )
            return _item(row, self._actor)

    def reply(self, *, feedback_id: str, text: str) -> FeedbackItem:
        """A reply to a comment (or to a reply); learners and reviewers may both reply."""
        self._require_named()
        body = _clean_text("reply", text, MAX_FEEDBACK)
        with self._pf.write() as s:
            parent = s.get(Feedback, (feedback_id or "").strip())
            if parent is None:
                raise NotFoundError(f"There is no comment {feedback_id!r} to reply to.")
            row = self._add_feedback(s, parent.entry_id, parent.id, body)
            if parent.read_at is None and _is_from_other_side(parent.author_role, self._actor):
                parent.read_at = row.created_at  # replying to it means it was read
            audit.record(
                s,
                self._actor,
                "feedback.reply",
                target_kind="entry",
                target_id=parent.entry_id,
                feedback_id=row.id,
                parent_id=parent.id,
            )
            return _item(row, self._actor)

    def thread(self, entry_id: str) -> list[FeedbackItem]:
        """An entry's feedback, oldest first, each reply right after its parent (with depth)."""
        with self._pf.read() as s:
            entry = resolve_entry(s, entry_id, include_deleted=True)
            rows = list(
                s.scalars(
                    select(Feedback)
                    .where(Feedback.entry_id == entry.id)
                    .order_by(Feedback.created_at, Feedback.id)
                )
            )
        return _threaded(rows, self._actor)

    def mark_read(
        self, *, entry_id: str | None = None, feedback_ids: Collection[str] | None = None
    ) -> int:
        """Mark the other side's unread feedback as read (of one entry, some ids, or all).

        Returns how many items changed; marking twice changes nothing.
        """
        self._require_named()
        with self._pf.write() as s:
            query = select(Feedback).where(_unread_for(self._actor))
            if entry_id is not None:
                query = query.where(
                    Feedback.entry_id == resolve_entry(s, entry_id, include_deleted=True).id
                )
            if feedback_ids is not None:
                query = query.where(Feedback.id.in_(list(feedback_ids)))
            rows = list(s.scalars(query))
            now = utcnow()
            for row in rows:
                row.read_at = now
            if rows:
                audit.record(
                    s,
                    self._actor,
                    "feedback.read",
                    target_kind="entry",
                    target_id=entry_id or "",
                    count=len(rows),
                )
            return len(rows)

    def unread_counts(self) -> dict[str, int]:
        """Entry id → number of unread feedback items for the current actor."""
        with self._pf.read() as s:
            rows = s.execute(
                select(Feedback.entry_id, func.count())
                .where(_unread_for(self._actor))
                .group_by(Feedback.entry_id)
            )
            return dict(rows.tuples().all())

    # -- judgements ---------------------------------------------------------------------

    def judge(self, *, criterion: str, judgement: str | Judgement, reason: str) -> JudgementResult:
        """An assessor judges a criterion met or not yet met, with a reason, on the evidence as
        it is now (each entry is stamped with its fingerprint); the latest judgement is in force.

        Raises ReadOnlyError for any other role, and AssessmentRefusedError for "met" on a
        criterion with no evidence ready for review.
        """
        self._require_action("judge")
        decision = parse_judgement(str(judgement))
        why = _clean_text("reason", reason, MAX_REASON)
        with self._pf.write() as s:
            found = resolve_criterion(s, criterion)
            stamps = stamps_for(records.entry_facts(s, _evidence_ids(s, found.id)).values())
            if decision is Judgement.MET:
                refusal = refuse_met(found.number, len(stamps))
                if refusal:
                    raise AssessmentRefusedError(refusal)
            row = CriterionJudgement(
                criterion_id=found.id,
                judgement=decision.value,
                reason=why,
                reviewer_name=self._actor.name,
                reviewer_role=self._actor.role,
                created_at=utcnow(),
                evidence=stamps_to_json(stamps),
            )
            s.add(row)
            s.flush()
            self._sign(signing.JUDGEMENT, row)
            audit.record(
                s,
                self._actor,
                "criterion.judge",
                target_kind="criterion",
                target_id=found.id,
                judgement=decision.value,
                judgement_id=row.id,
                evidence=[x.ref for x in stamps],
            )
            return JudgementResult(_judgement(row, found.number), Changes(review=True))

    def judgements(self, *, criterion: str | None = None) -> list[JudgementRecord]:
        """Every judgement (of one criterion, if given), newest first."""
        with self._pf.read() as s:
            query = (
                select(CriterionJudgement, Criterion.number)
                .outerjoin(Criterion, Criterion.id == CriterionJudgement.criterion_id)
                .order_by(CriterionJudgement.created_at.desc())
            )
            if criterion is not None:
                query = query.where(
                    CriterionJudgement.criterion_id == resolve_criterion(s, criterion).id
                )
            return [_judgement(row, number or "?") for row, number in s.execute(query).tuples()]

    # -- sign-off -----------------------------------------------------------------------

    def sign_off(self, *, unit: str) -> SignOffResult:
        """An assessor signs off a unit (by id or reference): refused, naming the criteria,
        unless every criterion of the unit is judged met on current evidence. The sign-off
        records the entries (with fingerprints) and the judgements in force it covers.
        """
        self._require_action("signoff")
        with self._pf.write() as s:
            found = resolve_unit(s, unit)
            label = f"Unit {found.ref}"
            coverage = coverage_in(s)
            criteria = [c for c in coverage.criteria if c.unit_id == found.id]
            unmet = [(c.number, c.status) for c in criteria if c.status is not CriterionState.MET]
            refusal = refuse_signoff(label, unmet) if criteria else f"{label} has no criteria."
            if refusal:
                raise AssessmentRefusedError(refusal)
            evidence = {e for c in criteria for e in c.evidence}
            stamps = stamps_for(records.entry_facts(s, evidence).values())
            judged = {c.id: [c.judgement.record.id, c.number] for c in criteria if c.judgement}
            covered = stamps_to_json(stamps)
            judged_json = json.dumps(judged, separators=(",", ":"), sort_keys=True)
            row = SignOff(
                unit_id=found.id,
                reviewer_name=self._actor.name,
                reviewer_role=self._actor.role,
                signed_at=utcnow(),
                evidence_fingerprint=hashlib.sha256(
                    f"{covered}\n{judged_json}".encode()
                ).hexdigest(),
                evidence=covered,
                judgements=judged_json,
            )
            s.add(row)
            s.flush()
            self._sign(signing.SIGNOFF, row)
            s.flush()
            audit.record(
                s,
                self._actor,
                "unit.signoff",
                target_kind="unit",
                target_id=found.id,
                signoff_id=row.id,
                fingerprint=row.evidence_fingerprint,
            )
            status = _unit_statuses(s, [found])[0]
            return SignOffResult(status, Changes(review=True))

    def signoff_status(self, *, unit: str | None = None) -> list[SignOffStatus]:
        """Each unit (or one) with its latest sign-off, valid or void by the rules."""
        with self._pf.read() as s:
            if unit is not None:
                units = [resolve_unit(s, unit)]
            else:
                units = list(s.scalars(select(Unit).order_by(Unit.framework_id, Unit.position)))
            return _unit_statuses(s, units)

    # -- IQA sampling -------------------------------------------------------------------

    def sample(self, *, target: str, decision: str, reason: str) -> SampleResult:
        """An IQA records "agree" or "refer" against an assessor's judgement or sign-off.

        ``target`` is a judgement or sign-off id, or a criterion (its judgement in force) or a
        unit (its latest sign-off). The assessor's record is never replaced: a referral reopens
        it (the criterion is no longer met, the sign-off is void) until the assessor decides
        again.
        """
        self._require_action("sample")
        choice = (decision or "").strip().lower()
        if choice not in (AGREE, REFER):
            raise InvalidInputError(f"{decision!r} is not a sample decision; use agree or refer.")
        why = _clean_text("reason", reason, MAX_REASON)
        with self._pf.write() as s:
            kind, target_id, label = _sample_target(s, target)
            row = IqaSample(
                target_kind=kind,
                target_id=target_id,
                decision=choice,
                reason=why,
                reviewer_name=self._actor.name,
                reviewer_role=self._actor.role,
                created_at=utcnow(),
            )
            s.add(row)
            s.flush()
            self._sign(signing.SAMPLE, row)
            audit.record(
                s,
                self._actor,
                f"iqa.{choice}",
                target_kind=kind,
                target_id=target_id,
                sample_id=row.id,
            )
            record = SampleRecord(
                id=row.id,
                target_kind=kind,
                target_id=target_id,
                target_label=label,
                decision=choice,
                reason=why,
                reviewer_name=row.reviewer_name,
                created_at=row.created_at,
            )
            return SampleResult(record, Changes(review=True))

    # -- merging a reviewed copy --------------------------------------------------------

    def import_review(self, copy_path: Path | str) -> MergeReport:
        """Bring reviewer records from a reviewed copy into this file (idempotent): what was
        added, what was skipped and why, and the conflicts found (never resolved silently).

        Raises NotAPortfolioError / NewerVersionError for a damaged, foreign or newer copy, and
        DifferentLearnerError for another learner's copy; the file is then unchanged.
        """
        path = Path(copy_path)
        merge.check_not_same_file(self._pf.path, path)
        copy = merge.read_copy(path)
        with self._pf.write() as s:
            here = _merge_state(s)
            merge.check_same_learner(here, copy, path)
            plan = merge.plan_merge(copy, here)
            for key, rows in plan.rows.items():
                for row in rows:
                    s.add(merge.MODELS[key](**row))
            s.flush()
            report = MergeReport(
                feedback=len(plan.rows["feedback"]),
                judgements=len(plan.rows["judgements"]),
                signoffs=len(plan.rows["signoffs"]),
                samples=len(plan.rows["samples"]),
                audit_events=len(plan.rows["audit"]),
                skipped=tuple(plan.skipped),
                conflicts=tuple(plan.conflicts),
            )
            if report.changed:
                audit.record(
                    s,
                    self._actor,
                    "review.merge",
                    target_kind="learner",
                    target_id=here.learner_id or "",
                    source=path.name,
                    **report.to_json(),
                )
                report = replace(report, changes=Changes(review=True))
        return report

    # -- rules --------------------------------------------------------------------------

    def _add_feedback(
        self, s: Session, entry_id: str, parent_id: str | None, body: str
    ) -> Feedback:
        row = Feedback(
            entry_id=entry_id,
            parent_id=parent_id,
            author_name=self._actor.name,
            author_role=self._actor.role,
            body=body,
            created_at=utcnow(),
        )
        s.add(row)
        s.flush()
        return row

    def _require_named(self) -> None:
        if not self._actor.name.strip():
            raise InvalidInputError("Give your name before writing feedback.")

    def _require_reviewer(self, what: str) -> None:
        if not self._actor.is_reviewer:
            raise ReadOnlyError(
                f"Only a tutor, assessor or internal quality assurer can {what}; "
                "a learner can reply to feedback."
            )
        if self._actor.role not in {r.value for r in ReviewerRole}:
            raise InvalidInputError(
                f"{self._actor.role!r} is not a reviewer role; use tutor, assessor or iqa."
            )
        self._require_named()

    def _require_action(self, action: str) -> None:
        """Refuse, changing nothing, an action the actor's role may not take (issue 13)."""
        self._require_reviewer(ACTION_WORDS[action])
        refusal = refuse_action(self._actor.role, action)
        if refusal:
            raise ReadOnlyError(refusal)


def resolve_unit(session: Session, unit: str) -> Unit:
    """A unit by id, or by its reference (e.g. BWRC) when that is unambiguous."""
    key = (unit or "").strip()
    found = session.get(Unit, key)
    if found is not None:
        return found
    by_ref = list(session.scalars(select(Unit).where(func.lower(Unit.ref) == key.lower())))
    if len(by_ref) == 1:
        return by_ref[0]
    if len(by_ref) > 1:
        ids = ", ".join(u.id for u in by_ref)
        raise InvalidInputError(
            f"Unit {key} is in more than one qualification; use its id ({ids})."
        )
    raise NotFoundError(
        f"There is no unit {key!r} in the frameworks this portfolio is enrolled on."
    )


def _clean_text(what: str, text: str, limit: int) -> str:
    value = (text or "").strip()
    if not value:
        raise InvalidInputError(f"The {what} is empty; write something first.")
    if len(value) > limit:
        raise InvalidInputError(
            f"The {what} is too long ({len(value):,} characters; limit {limit:,})."
        )
    return value


def _is_from_other_side(author_role: str, actor: Actor) -> bool:
    return (author_role == LEARNER_ROLE) == actor.is_reviewer


def _unread_for(actor: Actor) -> ColumnElement[bool]:
    side = (
        Feedback.author_role == LEARNER_ROLE
        if actor.is_reviewer
        else Feedback.author_role != LEARNER_ROLE
    )
    return Feedback.read_at.is_(None) & side


def _item(row: Feedback, actor: Actor, depth: int = 0) -> FeedbackItem:
    return FeedbackItem(
        id=row.id,
        entry_id=row.entry_id,
        parent_id=row.parent_id,
        author_name=row.author_name,
        author_role=row.author_role,
        body=row.body,
        created_at=row.created_at,
        read_at=row.read_at,
        depth=depth,
        unread=row.read_at is None and _is_from_other_side(row.author_role, actor),
    )


def _threaded(rows: list[Feedback], actor: Actor) -> list[FeedbackItem]:
    ids = {row.id for row in rows}
    children: dict[str | None, list[Feedback]] = {}
    for row in rows:  # a reply whose parent is missing is shown at the top level
        parent = row.parent_id if row.parent_id in ids else None
        children.setdefault(parent, []).append(row)
    result: list[FeedbackItem] = []
    stack = [(row, 0) for row in reversed(children.get(None, []))]
    while stack:
        row, depth = stack.pop()
        result.append(_item(row, actor, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(row.id, [])))
    return result


def _judgement(row: CriterionJudgement, number: str) -> JudgementRecord:
    return JudgementRecord(
        id=row.id,
        criterion_id=row.criterion_id,
        criterion_number=number,
        judgement=row.judgement,
        reason=row.reason,
        reviewer_name=row.reviewer_name,
        reviewer_role=row.reviewer_role,
        created_at=row.created_at,
    )


def _unit_statuses(s: Session, units: list[Unit]) -> list[SignOffStatus]:
    views = {o.record.unit_id: o for o in coverage_in(s).signoffs}
    return [
        SignOffStatus(unit_id=u.id, unit_label=f"{u.ref}: {u.title}", view=views.get(u.id))
        for u in units
    ]


def _merge_state(s: Session) -> merge.Here:
    entries = s.execute(select(Entry.id, Entry.ref_no, Entry.deleted_at)).tuples().all()
    return merge.Here(
        learner_id=s.scalar(select(Learner.id)),
        known={key: set(s.scalars(select(model.id))) for key, model in merge.MODELS.items()},
        live_entries={i: f"E{n}" for i, n, gone in entries if gone is None},
        binned_entries={i: f"E{n}" for i, n, gone in entries if gone is not None},
        criteria=dict(s.execute(select(Criterion.id, Criterion.number)).tuples().all()),
        units=dict(s.execute(select(Unit.id, Unit.ref)).tuples().all()),
        in_force=judgements_in_force(records.judgements(s)),
    )


def _evidence_ids(s: Session, criterion_id: str) -> list[str]:
    """The entries that count as evidence for a criterion now: live, ready, with text."""
    return list(
        s.scalars(
            select(Entry.id)
            .join(EvidenceLink, EvidenceLink.entry_id == Entry.id)
            .where(
                EvidenceLink.criterion_id == criterion_id,
                Entry.deleted_at.is_(None),
                Entry.status == EntryStatus.READY.value,
                records.HAS_TEXT,
            )
        )
    )


def _sample_target(s: Session, target: str) -> tuple[str, str, str]:
    """(kind, id, label) of what an IQA samples; only an assessor's decision can be sampled."""
    key = (target or "").strip()
    judgement = s.get(CriterionJudgement, key)
    signoff = s.get(SignOff, key) if judgement is None else None
    if judgement is None and signoff is None:
        try:
            criterion = resolve_criterion(s, key)
        except NotFoundError:
            criterion = None
        if criterion is not None:
            in_force = judgements_in_force(records.judgements(s)).get(criterion.id)
            if in_force is None:
                raise NotFoundError(f"Criterion {criterion.number} has no assessor judgement.")
            judgement = s.get(CriterionJudgement, in_force.id)
        else:
            unit = resolve_unit(s, key)
            latest = signoffs_in_force(records.signoffs(s)).get(unit.id)
            if latest is None:
                raise NotFoundError(f"Unit {unit.ref} has not been signed off.")
            signoff = s.get(SignOff, latest.id)
    if judgement is not None:
        if judgement.reviewer_role != ReviewerRole.ASSESSOR.value:
            raise AssessmentRefusedError(
                f"That judgement was made by a {judgement.reviewer_role}, not an assessor; "
                "only an assessor's decisions are sampled."
            )
        number = s.scalar(select(Criterion.number).where(Criterion.id == judgement.criterion_id))
        return JUDGEMENT_TARGET, judgement.id, f"criterion {number or judgement.criterion_id}"
    assert signoff is not None
    ref = s.scalar(select(Unit.ref).where(Unit.id == signoff.unit_id))
    return SIGNOFF_TARGET, signoff.id, f"unit {ref or signoff.unit_id}"


# -- the group overview (no open portfolio needed) ---------------------------------------


def scan_group(
    folder: Path | str,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> GroupOverview:
    """Summarise every portfolio in a folder (read-only); see portfolio.services.group."""
    from portfolio.services.group import scan_folder

    return scan_folder(folder, progress=progress, cancel=cancel)


def export_group_csv(overview: GroupOverview, path: Path | str) -> Path:
    """The group overview table as CSV (written atomically)."""
    from portfolio.review.group_report import write_csv

    return write_csv(overview, Path(path))


def export_group_pdf(overview: GroupOverview, path: Path | str, *, title: str = "") -> Path:
    """The group overview table as a landscape PDF (written atomically)."""
    from portfolio.review.group_report import write_pdf

    return write_pdf(overview, Path(path), title=title or "Group overview")
