"""A stable hash of the evidence a unit sign-off covered.

When an assessor signs off a unit, the sign-off keeps a SHA-256 over a canonical serialisation of
the unit's evidence: for each criterion of the unit, the entries tagged to it (id, title, STAR
text, attachments) and the learner's justification. If the learner later edits any of that, the
hash no longer matches and the sign-off shows "evidence changed since sign-off".

The hash depends only on content, never on row order, timestamps or the machine, so a sign-off
made on a reviewer's copy still matches in the learner's file after a merge.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from portfolio.domain.star import SECTION_KEYS
from portfolio.storage.models import Attachment, Criterion, Entry, EvidenceLink

FINGERPRINT_VERSION = 1


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One entry's claim against one criterion, with the text that supports it."""

    criterion_id: str
    entry_id: str
    justification: str
    title: str
    sections: tuple[str, ...]  # in SECTION_KEYS order
    attachments: tuple[str, ...] = ()  # "sha256 filename note" per attachment


def fingerprint(criterion_ids: Iterable[str], evidence: Iterable[EvidenceItem]) -> str:
    """SHA-256 (hex) of a unit's evidence; ``criterion_ids`` are all criteria of the unit.

    Criteria without evidence are part of the hash too, so adding the first piece of evidence to
    an empty criterion also changes it.
    """
    by_criterion: dict[str, list[list[object]]] = defaultdict(list)
    for item in evidence:
        by_criterion[item.criterion_id].append(
            [
                item.entry_id,
                item.title,
                list(item.sections),
                item.justification,
                sorted(item.attachments),
            ]
        )
    canonical = {
        "v": FINGERPRINT_VERSION,
        "criteria": [
            [cid, sorted(by_criterion.get(cid, []), key=lambda row: str(row[0]))]
            for cid in sorted(set(criterion_ids))
        ],
    }
    data = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def unit_evidence(session: Session, unit_id: str) -> tuple[list[str], list[EvidenceItem]]:
    """The criteria of a unit and the evidence tagged to them (entries in the bin excluded)."""
    criterion_ids = list(session.scalars(select(Criterion.id).where(Criterion.unit_id == unit_id)))
    rows = session.execute(
        select(
            EvidenceLink.criterion_id,
            EvidenceLink.justification,
            Entry.id,
            Entry.title,
            *(getattr(Entry, key) for key in SECTION_KEYS),
        )
        .join(Entry, Entry.id == EvidenceLink.entry_id)
        .where(EvidenceLink.criterion_id.in_(criterion_ids), Entry.deleted_at.is_(None))
    ).all()
    entry_ids = {row[2] for row in rows}
    attachments: dict[str, list[str]] = defaultdict(list)
    if entry_ids:
        for entry_id, sha, name, note in session.execute(
            select(
                Attachment.entry_id, Attachment.blob_sha256, Attachment.filename, Attachment.note
            ).where(Attachment.entry_id.in_(entry_ids))
        ):
            attachments[entry_id].append(f"{sha} {name} {note}")
    items = [
        EvidenceItem(
            criterion_id=row[0],
            justification=row[1],
            entry_id=row[2],
            title=row[3],
            sections=tuple(row[4:]),
            attachments=tuple(attachments.get(row[2], ())),
        )
        for row in rows
    ]
    return criterion_ids, items


def unit_fingerprint(session: Session, unit_id: str) -> str:
    """The current fingerprint of a unit's evidence in the open file."""
    criterion_ids, items = unit_evidence(session, unit_id)
    return fingerprint(criterion_ids, items)
