"""Importing frameworks into the user's library and into a portfolio, and updating in place.

Issue 10: an imported framework is stored per user (``portfolio.frameworks.library``) and can be
copied into the open portfolio. Importing a newer version of a framework the portfolio is
enrolled on updates it in place: tags follow their criterion by id, then by number; tags whose
criterion vanished stay in ``evidence_link`` (``criterion_id`` is not a foreign key) and are
listed with their entries, so the learner can re-tag them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes
from portfolio.errors import ReadOnlyError
from portfolio.frameworks import catalog, library
from portfolio.frameworks.importers import ImportedFramework, import_file
from portfolio.frameworks.loader import parse_framework
from portfolio.frameworks.model import Framework
from portfolio.frameworks.update import OldCriterion, UpdatePlan, plan_update
from portfolio.services import audit
from portfolio.services.enrolment import copy_framework
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import (
    AuditEvent,
    Criterion,
    CriterionJudgement,
    Entry,
    EvidenceLink,
    FrameworkRecord,
    SignOff,
)

UPDATE_ACTION = "framework.update"


@dataclass(frozen=True, slots=True)
class EntryRef:
    id: str
    ref: str
    title: str


@dataclass(frozen=True, slots=True)
class VanishedCriterion:
    """A criterion some entry is still tagged with, but no enrolled framework has any more."""

    criterion_id: str
    number: str
    text: str
    unit_ref: str
    entries: tuple[EntryRef, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "criterion_id": self.criterion_id,
            "number": self.number,
            "text": self.text,
            "unit_ref": self.unit_ref,
            "entries": [{"id": e.id, "ref": e.ref, "title": e.title} for e in self.entries],
        }


@dataclass(frozen=True, slots=True)
class PortfolioImportResult:
    framework_id: str
    action: str  # "enrolled", "updated" or "unchanged"
    old_version: str
    new_version: str
    tags_kept: int
    tags_moved: int  # followed their criterion by number to a new id
    vanished: tuple[VanishedCriterion, ...]
    added_criteria: int
    changes: Changes

    def to_json(self) -> dict[str, object]:
        return {
            "framework_id": self.framework_id,
            "action": self.action,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "tags_kept": self.tags_kept,
            "tags_moved": self.tags_moved,
            "added_criteria": self.added_criteria,
            "vanished": [v.to_json() for v in self.vanished],
        }


def read_framework_file(path: str | Path) -> ImportedFramework:
    """Read and validate a framework file (our JSON, CSV or Mahara .matrix); stores nothing."""
    return import_file(path)


def save_to_library(framework: Framework) -> Path:
    """Keep an imported framework in the user's library (replacing an older version)."""
    return catalog.save_imported(framework)


class FrameworksAdminService:
    """Framework import and update for one open portfolio."""

    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor

    def import_framework(self, framework: Framework) -> PortfolioImportResult:
        """Enrol the portfolio on ``framework``, or update it in place if already enrolled.

        One transaction: on any error the file is unchanged.
        """
        if self._actor.is_reviewer:
            raise ReadOnlyError("In review mode the learner's frameworks cannot be changed.")
        with self._pf.write() as s:
            record = s.get(FrameworkRecord, framework.id)
            if record is None:
                return self._enrol(s, framework)
            old = parse_framework(json.loads(record.document), record.id, trusted=True)
            return self._update(s, record, old, framework)

    def vanished_criteria(self) -> list[VanishedCriterion]:
        """Every tag whose criterion is in no enrolled framework, grouped by criterion."""
        with self._pf.read() as s:
            return _vanished(s, _known_old_criteria(s))

    def _enrol(self, s: Session, framework: Framework) -> PortfolioImportResult:
        position = len(s.scalars(select(FrameworkRecord.id)).all())
        copy_framework(s, framework, position=position)
        audit.record(
            s,
            self._actor,
            "framework.enrol",
            target_kind="framework",
            target_id=framework.id,
            version=framework.version,
            imported=True,
        )
        # Tags left over from an earlier copy of this framework may match again now.
        kept = s.scalars(
            select(EvidenceLink.id)
            .join(Criterion, Criterion.id == EvidenceLink.criterion_id)
            .where(Criterion.framework_id == framework.id)
        ).all()
        return PortfolioImportResult(
            framework.id,
            "enrolled",
            "",
            framework.version,
            len(kept),
            0,
            (),
            sum(1 for _ in framework.criteria()),
            Changes(frameworks=True, evidence=True),
        )

    def _update(
        self, s: Session, record: FrameworkRecord, old: Framework, new: Framework
    ) -> PortfolioImportResult:
        plan = plan_update(old, new)
        position, enrolled_at = record.position, record.enrolled_at
        s.delete(record)  # the unit / outcome / criterion rows go with it (ON DELETE CASCADE)
        s.flush()
        copy_framework(s, new, position=position)
        s.get_one(FrameworkRecord, new.id).enrolled_at = enrolled_at
        moved = _move_tags(s, plan)
        _move_reviews(s, plan)
        vanished = _vanished(s, {c.id: c for c in plan.vanished}, only=plan.vanished)
        tags_kept = len(
            s.scalars(
                select(EvidenceLink.id)
                .join(Criterion, Criterion.id == EvidenceLink.criterion_id)
                .where(Criterion.framework_id == new.id)
            ).all()
        )
        audit.record(
            s,
            self._actor,
            UPDATE_ACTION,
            target_kind="framework",
            target_id=new.id,
            old_version=old.version,
            new_version=new.version,
            moved=[list(pair) for pair in plan.matched_by_number],
            vanished=[
                {"id": c.id, "number": c.number, "text": c.text, "unit_ref": c.unit_ref}
                for c in plan.vanished
            ],
        )
        return PortfolioImportResult(
            new.id,
            "updated",
            old.version,
            new.version,
            tags_kept,
            moved,
            tuple(vanished),
            len(plan.added),
            Changes(frameworks=True, evidence=True),
        )


def _move_tags(s: Session, plan: UpdatePlan) -> int:
    """Point tags at their criterion's new id; a tag that would duplicate one is merged."""
    moved = 0
    for old_id, new_id in plan.matched_by_number:
        for link in s.scalars(select(EvidenceLink).where(EvidenceLink.criterion_id == old_id)):
            twin = s.scalars(
                select(EvidenceLink).where(
                    EvidenceLink.entry_id == link.entry_id, EvidenceLink.criterion_id == new_id
                )
            ).first()
            if twin is None:
                link.criterion_id = new_id
            else:
                if link.justification and link.justification not in twin.justification:
                    twin.justification = f"{twin.justification}\n{link.justification}".strip()
                s.delete(link)
            moved += 1
        s.flush()
    return moved


def _move_reviews(s: Session, plan: UpdatePlan) -> None:
    for old_id, new_id in plan.matched_by_number:
        s.execute(
            update(CriterionJudgement)
            .where(CriterionJudgement.criterion_id == old_id)
            .values(criterion_id=new_id)
        )
    for old_unit, new_unit in plan.unit_map.items():
        if old_unit != new_unit:
            s.execute(update(SignOff).where(SignOff.unit_id == old_unit).values(unit_id=new_unit))


def _known_old_criteria(s: Session) -> dict[str, OldCriterion]:
    """What vanished criteria were, from the audit trail of earlier updates (newest wins)."""
    known: dict[str, OldCriterion] = {}
    details = s.scalars(
        select(AuditEvent.detail).where(AuditEvent.action == UPDATE_ACTION).order_by(AuditEvent.at)
    )
    for detail in details:
        try:
            items = json.loads(detail).get("vanished", [])
        except (ValueError, AttributeError):
            continue
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                known[item["id"]] = OldCriterion(
                    item["id"],
                    str(item.get("number", "")),
                    str(item.get("text", "")),
                    "",
                    str(item.get("unit_ref", "")),
                )
    return known


def _vanished(
    s: Session, known: dict[str, OldCriterion], *, only: tuple[OldCriterion, ...] | None = None
) -> list[VanishedCriterion]:
    """Tags to criteria in no enrolled framework; with ``only``, exactly those criteria
    (including any that no entry used)."""
    rows = s.execute(
        select(EvidenceLink.criterion_id, Entry.id, Entry.ref_no, Entry.title)
        .join(Entry, Entry.id == EvidenceLink.entry_id)
        .outerjoin(Criterion, Criterion.id == EvidenceLink.criterion_id)
        .where(Criterion.id.is_(None), Entry.deleted_at.is_(None))
        .order_by(EvidenceLink.criterion_id, Entry.ref_no)
    ).all()
    grouped: dict[str, list[EntryRef]] = {}
    for criterion_id, entry_id, ref_no, title in rows:
        grouped.setdefault(criterion_id, []).append(EntryRef(entry_id, f"E{ref_no}", title))
    ids = [c.id for c in only] if only is not None else list(grouped)
    result = []
    for criterion_id in ids:
        old = known.get(criterion_id)
        result.append(
            VanishedCriterion(
                criterion_id,
                old.number if old else "",
                old.text if old else "",
                old.unit_ref if old else "",
                tuple(grouped.get(criterion_id, ())),
            )
        )
    return result


def forget_library_framework(framework_id: str) -> bool:
    """Remove an imported framework from the user's library (portfolios keep their copy)."""
    return library.remove(framework_id)


__all__ = [
    "EntryRef",
    "FrameworksAdminService",
    "PortfolioImportResult",
    "VanishedCriterion",
    "forget_library_framework",
    "read_framework_file",
    "save_to_library",
]
