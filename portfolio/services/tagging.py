"""Tagging: the learner's claims that an entry evidences a criterion, each with a justification."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes, Written
from portfolio.domain.dto import TagDetail
from portfolio.domain.entry_input import validate_text
from portfolio.domain.limits import MAX_TAGS_PER_ENTRY, check_count
from portfolio.errors import ReadOnlyError
from portfolio.services import audit, records
from portfolio.services.lookup import resolve_criterion, resolve_entry
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import EvidenceLink
from portfolio.storage.models.base import utcnow

MAX_JUSTIFICATION = 4000
# A tag changes the evidence (coverage, filters by criterion) and its entry's tag count; no
# entry ids, so lists filtered by criterion work out their rows again.
_EVIDENCE = Changes(evidence=True)


class TaggingService:
    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor

    def tag(self, *, entry_id: str, criterion: str, justification: str = "") -> Written[TagDetail]:
        """Claim that an entry evidences a criterion (by id or number); updates the justification
        if the tag exists already."""
        self._require_learner()
        justification = validate_text("justification", justification, MAX_JUSTIFICATION).strip()
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id)
            found = resolve_criterion(s, criterion)
            created = upsert_tag(s, entry.id, found.id, justification)
            if created:
                tags = s.scalar(
                    select(func.count())
                    .select_from(EvidenceLink)
                    .where(EvidenceLink.entry_id == entry.id)
                )
                check_count(tags or 0, MAX_TAGS_PER_ENTRY, "criterion tags", "one entry")
            entry.updated_at = utcnow()
            audit.record(
                s,
                self._actor,
                "tag.add" if created else "tag.justify",
                target_kind="entry",
                target_id=entry.id,
                criterion=found.id,
            )
            tag = records.tag_detail(
                found.id, justification, found.number, found.text, found.unit_id
            )
            return Written(tag, _EVIDENCE)

    def untag(self, *, entry_id: str, criterion: str) -> Written[bool]:
        """Remove a claim; returns False if the entry was not tagged to that criterion."""
        self._require_learner()
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id)
            criterion_id = _criterion_id_for_untag(s, entry.id, criterion)
            link = s.scalars(
                select(EvidenceLink).where(
                    EvidenceLink.entry_id == entry.id, EvidenceLink.criterion_id == criterion_id
                )
            ).first()
            if link is None:
                return Written(False, Changes())
            s.delete(link)
            entry.updated_at = utcnow()
            audit.record(
                s,
                self._actor,
                "tag.remove",
                target_kind="entry",
                target_id=entry.id,
                criterion=criterion_id,
            )
            return Written(True, _EVIDENCE)

    def _require_learner(self) -> None:
        if self._actor.is_reviewer:
            raise ReadOnlyError("In review mode the learner's tags cannot be changed.")


def _criterion_id_for_untag(session: Session, entry_id: str, criterion: str) -> str:
    # A tag may point at a criterion that vanished from its framework; it can still be removed.
    exists = session.scalars(
        select(EvidenceLink.criterion_id).where(
            EvidenceLink.entry_id == entry_id, EvidenceLink.criterion_id == criterion
        )
    ).first()
    return exists if exists is not None else resolve_criterion(session, criterion).id


def upsert_tag(session: Session, entry_id: str, criterion_id: str, justification: str) -> bool:
    """Create or update one evidence link; returns True when it was created."""
    link = session.scalars(
        select(EvidenceLink).where(
            EvidenceLink.entry_id == entry_id, EvidenceLink.criterion_id == criterion_id
        )
    ).first()
    if link is None:
        session.add(
            EvidenceLink(entry_id=entry_id, criterion_id=criterion_id, justification=justification)
        )
        session.flush()
        return True
    if justification and link.justification != justification:
        link.justification = justification
    return False
