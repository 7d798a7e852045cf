"""The reviewer's day (issue 13 item 7): what wants attention, judging several criteria from one
entry in one step, and the assessor's observation records.

The decisions it writes follow ``services.assessing`` (same rules, same signing, one
transaction with its audit event each, refused actions change nothing); the flags are
``portfolio.domain.reviewers_day``'s.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portfolio.domain.assessment import (
    entry_fingerprint,
    refuse_observation,
)
from portfolio.domain.changes import Changes, Written
from portfolio.domain.dto import CoverageReport
from portfolio.domain.enums import CriterionState, Judgement
from portfolio.domain.limits import MAX_JUDGEMENTS, check_count
from portfolio.domain.records import ObservationRec
from portfolio.domain.reviewers_day import EntryFlags, entry_flags
from portfolio.errors import AssessmentRefusedError, InvalidInputError
from portfolio.review import signing
from portfolio.services import audit, records
from portfolio.services.assessing import (
    MAX_REASON,
    AssessingService,
    clean_text,
    parse_judgement,
)
from portfolio.services.coverage import coverage_in
from portfolio.services.lookup import resolve_criterion, resolve_entry
from portfolio.storage.models import (
    Criterion,
    CriterionJudgement,
    Entry,
    EvidenceLink,
    Feedback,
    Observation,
    ReviewSeen,
)
from portfolio.storage.models.base import utcnow

MAX_OBSERVATIONS = 5_000
MAX_PLACE = 300
MAX_SEEN = 8_000
VERSION_CHARS = 12


@dataclass(frozen=True, slots=True)
class SeveralResult:
    """What ``judge_several`` recorded: one judgement id per criterion number."""

    entry_ref: str
    judged: tuple[tuple[str, str], ...]  # (criterion number, judgement id)
    judgement: str
    changes: Changes


def entry_version(s: Session, entry_id: str) -> str:
    """The entry as a reviewer sees it, in a few characters: changes whenever anything a
    decision rests on changes (text, method, date, witness, status, tags, attachments)."""
    facts = records.entry_facts(s, [entry_id]).get(entry_id)
    return entry_fingerprint(facts)[:VERSION_CHARS] if facts else ""


class ReviewersDayService(AssessingService):
    """Flags and "seen" records, judging several criteria from one entry, observations."""

    # -- what wants attention -----------------------------------------------------------

    def review_flags(self) -> list[EntryFlags]:
        """Every live entry's flags for this reviewer, by reference."""
        with self._pf.read() as s:
            seen = records.seen(s, self._actor.name)
            feedback: dict[str, list[tuple[str, datetime]]] = defaultdict(list)
            for entry_id, role, when in s.execute(
                select(Feedback.entry_id, Feedback.author_role, Feedback.created_at)
            ).tuples():
                feedback[entry_id].append((role, when))
            report = coverage_in(s)
            evidence = {e for c in report.criteria for e in c.evidence}
            rows = s.execute(
                select(Entry.id, Entry.ref_no, Entry.title, Entry.updated_at)
                .where(Entry.deleted_at.is_(None))
                .order_by(Entry.ref_no)
            ).tuples()
            judged = _judged_as_is(report)
            return [
                entry_flags(
                    entry_id=entry_id,
                    ref=f"E{ref_no}",
                    title=title,
                    is_evidence=entry_id in evidence,
                    changed_at=updated,
                    seen_at=seen[entry_id].seen_at if entry_id in seen else None,
                    feedback=feedback.get(entry_id, ()),
                    judged_as_is=entry_id in judged,
                )
                for entry_id, ref_no, title, updated in rows
            ]

    def mark_seen(self, entry_ids: Collection[str]) -> Written[int]:
        """Record that this reviewer has seen these entries (by id or reference) now.

        Only reviewers have a "last review"; a learner is refused.
        """
        self._require_reviewer("mark entries as reviewed")
        if len(entry_ids) > MAX_SEEN:
            raise InvalidInputError(f"Mark at most {MAX_SEEN:,} entries as seen at once.")
        with self._pf.write() as s:
            ids = [resolve_entry(s, e).id for e in entry_ids]
            _touch_seen(s, ids, self._actor.name)
            return Written(len(ids), Changes(review=bool(ids), entry_ids=tuple(ids)))

    def entry_version(self, entry: str) -> str:
        """The entry's version as this reviewer sees it now (``judge_several``'s check)."""
        with self._pf.read() as s:
            return entry_version(s, resolve_entry(s, entry).id)

    # -- judging several criteria from one entry ----------------------------------------

    def judge_several(
        self,
        *,
        entry: str,
        judgement: str | Judgement,
        reason: str,
        criteria: Sequence[str] | None = None,
        version: str | None = None,
    ) -> SeveralResult:
        """An assessor judges several criteria the entry is tagged to, in one step and one
        transaction: every one is recorded, or (one refused) none is.

        ``criteria``: some of the entry's criteria (by id or number); all of them when None.
        ``version``: the entry's version as the assessor read it (``entry_version``); when not
        given, the assessor must have seen the entry (``mark_seen``) since it last changed.
        Either way a judgement is never made on an entry that changed after it was read.
        """
        self._require_action("judge")
        decision = parse_judgement(str(judgement))
        why = clean_text("reason", reason, MAX_REASON)
        with self._pf.write() as s:
            row = resolve_entry(s, entry)
            self._check_read_as_is(s, row, version)
            tagged = list(
                s.scalars(select(EvidenceLink.criterion_id).where(EvidenceLink.entry_id == row.id))
            )
            chosen = _chosen_criteria(s, row.ref, tagged, criteria)
            judged = s.scalar(select(func.count()).select_from(CriterionJudgement)) or 0
            check_count(judged + len(chosen), MAX_JUDGEMENTS, "judgements")
            coverage = coverage_in(s) if decision is Judgement.MET else None
            if coverage is not None:
                _refuse_unsupported(coverage, row.id, chosen)
            done = []
            for criterion_id, number in chosen:
                made = self._record_judgement(s, criterion_id, number, decision, why, coverage)
                done.append((number, made.id))
            _touch_seen(s, [row.id], self._actor.name)
            return SeveralResult(
                entry_ref=row.ref,
                judged=tuple(done),
                judgement=decision.value,
                changes=Changes(review=True, entry_ids=(row.id,)),
            )

    def _check_read_as_is(self, s: Session, row: Entry, version: str | None) -> None:
        if version is not None:
            now = entry_version(s, row.id)
            if version.strip().lower() != now:
                raise AssessmentRefusedError(
                    f"{row.ref} has changed since you read it (version {version.strip()}, now "
                    f"{now}); read it again before judging from it."
                )
            return
        seen = s.scalar(
            select(ReviewSeen.seen_at).where(
                ReviewSeen.entry_id == row.id, ReviewSeen.reviewer_name == self._actor.name
            )
        )
        if seen is None:
            raise AssessmentRefusedError(
                f"You have not opened {row.ref} yet; read it before judging from it."
            )
        if row.updated_at > seen:
            raise AssessmentRefusedError(
                f"{row.ref} has changed since you last read it; read it again before judging "
                "from it."
            )

    # -- observation records ------------------------------------------------------------

    def observe(
        self, *, observed_on: date, place: str, seen: str, criteria: Sequence[str]
    ) -> Written[ObservationRec]:
        """An assessor's observation record: what they saw, where and when, for the criteria
        named. It is evidence of the observation method for those criteria, signed with the
        assessor's signing identity like a judgement. Never edited (a correction is a new one).
        """
        self._require_action("observe")
        what = clean_text("observation", seen, MAX_REASON)
        where = (place or "").strip()
        refusal = refuse_observation(criteria=list(criteria), seen=what, place=where)
        if refusal:
            raise InvalidInputError(refusal)
        if len(where) > MAX_PLACE:
            raise InvalidInputError(f"The place is too long (at most {MAX_PLACE} characters).")
        if observed_on > date.today():
            raise InvalidInputError(
                f"The observation date {observed_on:%d/%m/%Y} is in the future."
            )
        with self._pf.write() as s:
            found = [resolve_criterion(s, c) for c in criteria]
            ids = list(dict.fromkeys(c.id for c in found))
            count = s.scalar(select(func.count()).select_from(Observation)) or 0
            check_count(count + 1, MAX_OBSERVATIONS, "observation records")
            row = Observation(
                observed_on=observed_on,
                place=where,
                seen=what,
                criteria=json.dumps(ids, separators=(",", ":")),
                reviewer_name=self._actor.name,
                reviewer_role=self._actor.role,
                created_at=utcnow(),
            )
            s.add(row)
            s.flush()
            self._sign(signing.OBSERVATION, row)
            s.flush()
            audit.record(
                s,
                self._actor,
                "observation.record",
                target_kind="observation",
                target_id=row.id,
                criteria=[c.number for c in found],
            )
            record = next(o for o in records.observations(s) if o.id == row.id)
            return Written(record, Changes(review=True))

    def observations(self) -> list[ObservationRec]:
        """Every observation record, oldest first, with its signature checked."""
        with self._pf.read() as s:
            return records.observations(s, records.roster_in(s))


def _judged_as_is(report: CoverageReport) -> set[str]:
    """Entries an assessor judgement in force rests on as they are now (not stale)."""
    return {
        stamp.entry_id
        for c in report.criteria
        if c.judgement is not None and not c.judgement.stale
        for stamp in (c.judgement.record.evidence or ())
    }


def _touch_seen(s: Session, entry_ids: Sequence[str], reviewer: str) -> None:
    now = utcnow()
    existing = {
        r.entry_id: r
        for r in s.scalars(
            select(ReviewSeen).where(
                ReviewSeen.reviewer_name == reviewer, ReviewSeen.entry_id.in_(list(entry_ids))
            )
        )
    }
    for entry_id in dict.fromkeys(entry_ids):
        row = existing.get(entry_id)
        if row is None:
            s.add(ReviewSeen(entry_id=entry_id, reviewer_name=reviewer, seen_at=now))
        else:
            row.seen_at = now
    s.flush()


def _chosen_criteria(
    s: Session, ref: str, tagged: Sequence[str], criteria: Sequence[str] | None
) -> list[tuple[str, str]]:
    """(id, number) of the criteria to judge: the entry's own tags, or the chosen ones of them."""
    if criteria is None:
        # A tag whose criterion left the enrolled frameworks cannot be judged; leave it out.
        wanted = [c for c in tagged if s.get(Criterion, c) is not None]
    else:
        wanted = [resolve_criterion(s, c).id for c in criteria]
        strays = [c for c in wanted if c not in tagged]
        if strays:
            number = resolve_criterion(s, strays[0]).number
            raise AssessmentRefusedError(
                f"{ref} is not tagged to criterion {number}; judge it from its own evidence."
            )
    if not wanted:
        raise AssessmentRefusedError(f"{ref} is not tagged to any criterion; nothing to judge.")
    found = [resolve_criterion(s, c) for c in dict.fromkeys(wanted)]
    return [(c.id, c.number) for c in found]


def _refuse_unsupported(
    coverage: CoverageReport, entry_id: str, chosen: Sequence[tuple[str, str]]
) -> None:
    """Refuse "met" for the whole step, naming each criterion it cannot stand on, before
    anything is written (the entry itself must be evidence: ready, with text)."""
    problems = []
    for criterion_id, number in chosen:
        item = coverage.criterion(criterion_id)
        if entry_id not in item.evidence:
            problems.append(f"{number} (this entry is not ready evidence)")
        elif item.status is CriterionState.INSUFFICIENT:
            problems.append(f"{number} ({item.shortfall})")
    if problems:
        raise AssessmentRefusedError(
            "Cannot judge these criteria met from this entry: " + "; ".join(problems) + "."
        )
