"""Writing and reading the audit trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portfolio.domain.actor import Actor
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import AuditEvent


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    target_kind: str = "",
    target_id: str = "",
    **detail: object,
) -> None:
    """Add one audit event to the current unit of work (committed with it, or not at all)."""
    session.add(
        AuditEvent(
            actor=actor.name,
            role=actor.role,
            action=action,
            target_kind=target_kind,
            target_id=target_id,
            detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
        )
    )


@dataclass(frozen=True, slots=True)
class AuditRecord:
    at: datetime
    actor: str
    role: str
    action: str
    target_kind: str
    target_id: str
    detail: str


class AuditService:
    def __init__(self, pf: PortfolioFile) -> None:
        self._pf = pf

    def events(self, *, limit: int | None = None) -> list[AuditRecord]:
        """Newest first."""
        with self._pf.read() as s:
            query = select(AuditEvent).order_by(AuditEvent.at.desc())
            if limit:
                query = query.limit(limit)
            return [
                AuditRecord(e.at, e.actor, e.role, e.action, e.target_kind, e.target_id, e.detail)
                for e in s.scalars(query)
            ]
