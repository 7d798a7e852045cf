"""Assessing: criterion judgements, unit sign-offs, IQA samples and merging a reviewed copy.

The decisions half of the reviewing service (``services.reviewing.ReviewingService`` adds the
feedback threads). Every rule it applies is ``portfolio.domain.assessment``'s: who may decide,
what "met" needs, what a sign-off needs and records. Decisions are signed when the reviewer's
signing identity is unlocked (``sign_with``). Every action is one transaction with its audit
event; a refused one changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portfolio.domain.actor import Actor
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
from portfolio.domain.dto import CoverageReport
from portfolio.domain.enums import CriterionState, EntryStatus, Judgement, ReviewerRole
from portfolio.domain.limits import MAX_JUDGEMENTS, MAX_SIGNOFFS, check_count
from portfolio.domain.review import (
    JudgementRecord,
    JudgementResult,
    MergeReport,
    SampleRecord,
    SampleResult,
    SignOffResult,
    SignOffStatus,
)
from portfolio.errors import AssessmentRefusedError, InvalidInputError, NotFoundError, ReadOnlyError
from portfolio.review import merge, signing
from portfolio.services import audit, records
from portfolio.services.coverage import coverage_in
from portfolio.services.lookup import resolve_criterion
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import (
    Criterion,
    CriterionJudgement,
    Entry,
    EvidenceLink,
    IqaSample,
    Learner,
    ReviewSeen,
    SignOff,
    Unit,
)
from portfolio.storage.models.base import utcnow

MAX_REASON = 4_000


def parse_judgement(value: str) -> Judgement:
    """'met', 'not-yet', 'not_yet' or 'not yet' (any case) as a Judgement."""
    key = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Judgement(key)
    except ValueError:
        raise InvalidInputError(f"{value!r} is not a judgement; use 'met' or 'not-yet'.") from None


class AssessingService:
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

    # -- judgements ---------------------------------------------------------------------

    def judge(self, *, criterion: str, judgement: str | Judgement, reason: str) -> JudgementResult:
        """An assessor judges a criterion met or not yet met, with a reason, on the evidence as
        it is now (each entry is stamped with its fingerprint); the latest judgement is in force.

        Raises ReadOnlyError for any other role, and AssessmentRefusedError for "met" on a
        criterion with no evidence ready for review.
        """
        self._require_action("judge")
        decision = parse_judgement(str(judgement))
        why = clean_text("reason", reason, MAX_REASON)
        with self._pf.write() as s:
            found = resolve_criterion(s, criterion)
            judged = s.scalar(select(func.count()).select_from(CriterionJudgement)) or 0
            check_count(judged + 1, MAX_JUDGEMENTS, "judgements")
            coverage = coverage_in(s) if decision is Judgement.MET else None
            row = self._record_judgement(s, found.id, found.number, decision, why, coverage)
            return JudgementResult(_judgement(row, found.number), Changes(review=True))

    def _record_judgement(
        self,
        s: Session,
        criterion_id: str,
        number: str,
        decision: Judgement,
        why: str,
        coverage: CoverageReport | None,
    ) -> CriterionJudgement:
        """One judgement on the evidence as it is now (``coverage``: the report "met" is
        checked against, sufficiency rules and observation records included), stamped, signed
        and audited; refused with AssessmentRefusedError when "met" is not supported."""
        stamps = stamps_for(records.entry_facts(s, _evidence_ids(s, criterion_id)).values())
        if decision is Judgement.MET:
            assert coverage is not None
            item = coverage.criterion(criterion_id)
            refusal = refuse_met(number, len(stamps) + len(item.observations), item.shortfall)
            if refusal:
                raise AssessmentRefusedError(refusal)
        row = CriterionJudgement(
            criterion_id=criterion_id,
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
            target_id=criterion_id,
            judgement=decision.value,
            judgement_id=row.id,
            evidence=[x.ref for x in stamps],
        )
        return row

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
            signed = s.scalar(select(func.count()).select_from(SignOff)) or 0
            check_count(signed + 1, MAX_SIGNOFFS, "sign-offs")
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
        why = clean_text("reason", reason, MAX_REASON)
        with self._pf.write() as s:
            kind, target_id, label = _sample_target(s, target)
            sampled = s.scalar(select(func.count()).select_from(IqaSample)) or 0
            check_count(sampled + 1, MAX_JUDGEMENTS, "IQA samples")
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
            _merge_seen(s, plan.seen)
            s.flush()
            report = MergeReport(
                feedback=len(plan.rows["feedback"]),
                judgements=len(plan.rows["judgements"]),
                signoffs=len(plan.rows["signoffs"]),
                samples=len(plan.rows["samples"]),
                observations=len(plan.rows["observations"]),
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


def clean_text(what: str, text: str, limit: int) -> str:
    value = (text or "").strip()
    if not value:
        raise InvalidInputError(f"The {what} is empty; write something first.")
    if len(value) > limit:
        raise InvalidInputError(
            f"The {what} is too long ({len(value):,} characters; limit {limit:,})."
        )
    return value


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
        seen={
            (entry_id, name): when
            for entry_id, name, when in s.execute(
                select(ReviewSeen.entry_id, ReviewSeen.reviewer_name, ReviewSeen.seen_at)
            ).tuples()
        },
    )


def _merge_seen(s: Session, seen: list[tuple[str, str, datetime]]) -> None:
    """Record the copy's later "last seen" times (one row per entry and reviewer)."""
    for entry_id, name, when in seen:
        row = s.scalars(
            select(ReviewSeen).where(
                ReviewSeen.entry_id == entry_id, ReviewSeen.reviewer_name == name
            )
        ).first()
        if row is None:
            s.add(ReviewSeen(entry_id=entry_id, reviewer_name=name, seen_at=when))
        else:
            row.seen_at = when


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
                records.has_text(),
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
