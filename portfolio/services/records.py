"""The one place that maps portfolio-file rows to the read model's records (domain.records).

Every reader (coverage, reviewing, export, LEAP2A, the group overview) loads judgements, sign-offs,
IQA samples and the facts decisions are stamped with through these functions, inside a session
its service opened; nothing else turns these tables into records. Functions take an open
``Session`` and return frozen records, so only ids and records leave the unit of work.
"""

from __future__ import annotations

import json
import operator
from collections import defaultdict
from collections.abc import Collection, Mapping
from functools import reduce
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from portfolio.domain.assessment import TEXT_WHITESPACE, entry_fingerprint, stamps_from_json
from portfolio.domain.records import EntryFacts, JudgementRec, SampleRec, SignOffRec
from portfolio.domain.star import SECTION_KEYS
from portfolio.storage.models import (
    Attachment,
    CriterionJudgement,
    Entry,
    EvidenceLink,
    IqaSample,
    SignOff,
)

# SQLite's answer to domain.assessment.has_text: 1 when any STAR section holds more than
# whitespace. Asked in SQL so coverage never reads the text into Python.
HAS_TEXT = (
    reduce(
        operator.add,
        [func.length(func.trim(getattr(Entry, key), TEXT_WHITESPACE)) for key in SECTION_KEYS],
    )
    > 0
)


def judgements(s: Session) -> list[JudgementRec]:
    """Every criterion judgement, oldest first."""
    return [
        JudgementRec(
            id=j.id,
            criterion_id=j.criterion_id,
            judgement=j.judgement,
            reason=j.reason,
            reviewer_name=j.reviewer_name,
            reviewer_role=j.reviewer_role,
            created_at=j.created_at,
            evidence=stamps_from_json(j.evidence),
        )
        for j in s.scalars(
            select(CriterionJudgement).order_by(
                CriterionJudgement.created_at, CriterionJudgement.id
            )
        )
    ]


def signoffs(s: Session) -> list[SignOffRec]:
    """Every unit sign-off, oldest first."""
    return [
        SignOffRec(
            id=o.id,
            unit_id=o.unit_id,
            reviewer_name=o.reviewer_name,
            reviewer_role=o.reviewer_role,
            signed_at=o.signed_at,
            evidence_fingerprint=o.evidence_fingerprint,
            evidence=stamps_from_json(o.evidence),
            judgements=_judgement_map(o.judgements),
        )
        for o in s.scalars(select(SignOff).order_by(SignOff.signed_at, SignOff.id))
    ]


def samples(s: Session) -> list[SampleRec]:
    """Every IQA sample, oldest first."""
    return [
        SampleRec(
            id=x.id,
            target_kind=x.target_kind,
            target_id=x.target_id,
            decision=x.decision,
            reason=x.reason,
            reviewer_name=x.reviewer_name,
            reviewer_role=x.reviewer_role,
            created_at=x.created_at,
        )
        for x in s.scalars(select(IqaSample).order_by(IqaSample.created_at, IqaSample.id))
    ]


def entry_facts(s: Session, entry_ids: Collection[str]) -> dict[str, EntryFacts]:
    """The fingerprinted facts of the live (not binned) entries among ``entry_ids``."""
    if not entry_ids:
        return {}
    ids = list(entry_ids)
    tags: dict[str, list[tuple[str, str]]] = defaultdict(list)
    files: dict[str, list[str]] = defaultdict(list)
    rows: list[Row[Any]] = []
    # SQLite limits bound parameters per statement; chunks keep a big portfolio safe.
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows += s.execute(
            select(
                Entry.id,
                Entry.ref_no,
                Entry.title,
                Entry.method,
                Entry.event_date,
                Entry.witness_name,
                Entry.witness_job_title,
                Entry.witness_relationship,
                Entry.status,
                *(getattr(Entry, key) for key in SECTION_KEYS),
            ).where(Entry.id.in_(chunk), Entry.deleted_at.is_(None))
        ).all()
        for entry_id, criterion_id, justification in s.execute(
            select(
                EvidenceLink.entry_id, EvidenceLink.criterion_id, EvidenceLink.justification
            ).where(EvidenceLink.entry_id.in_(chunk))
        ):
            tags[entry_id].append((criterion_id, justification))
        for entry_id, sha, name, note in s.execute(
            select(
                Attachment.entry_id, Attachment.blob_sha256, Attachment.filename, Attachment.note
            ).where(Attachment.entry_id.in_(chunk))
        ):
            files[entry_id].append(f"{sha} {name} {note}")
    return {
        row[0]: EntryFacts(
            id=row[0],
            ref_no=row[1],
            title=row[2],
            method=row[3],
            event_date=row[4],
            witness=(row[5], row[6], row[7]),
            status=row[8],
            sections=tuple(row[9:]),
            tags=tuple(sorted(tags.get(row[0], ()))),
            attachments=tuple(sorted(files.get(row[0], ()))),
        )
        for row in rows
    }


def fingerprints(s: Session, entry_ids: Collection[str]) -> dict[str, str]:
    """Entry id -> its current fingerprint, for the live entries among ``entry_ids``."""
    return {key: entry_fingerprint(facts) for key, facts in entry_facts(s, entry_ids).items()}


def _judgement_map(text: str | None) -> Mapping[str, tuple[str, str]] | None:
    if text is None:
        return None
    try:
        data = json.loads(text)
        return {str(k): (str(v[0]), str(v[1])) for k, v in data.items()}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
