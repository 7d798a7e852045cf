"""Enrolling a portfolio on frameworks: the framework is copied into the file, whole."""

from __future__ import annotations

import json
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes, Written
from portfolio.domain.limits import MAX_FRAMEWORKS, check_count
from portfolio.domain.sufficiency import rule_to_text
from portfolio.errors import NotFoundError, PortfolioError
from portfolio.frameworks import catalog
from portfolio.frameworks.loader import parse_framework
from portfolio.frameworks.model import Framework
from portfolio.services import audit
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import Criterion, FrameworkRecord, Outcome, Unit


class EnrolmentService:
    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor

    def enrol(self, framework: Framework | str) -> Written[Framework]:
        """Enrol on a bundled or imported framework (by id) or on a given framework object."""
        if isinstance(framework, str):
            framework = catalog.get_framework(framework)  # bundled, or imported (issue 10)
        with self._pf.write() as s:
            if s.get(FrameworkRecord, framework.id) is not None:
                raise PortfolioError(f"This portfolio is already enrolled on {framework.id}.")
            position = len(s.scalars(select(FrameworkRecord.id)).all())
            check_count(position + 1, MAX_FRAMEWORKS, "qualifications")
            copy_framework(s, framework, position=position)
            audit.record(
                s,
                self._actor,
                "framework.enrol",
                target_kind="framework",
                target_id=framework.id,
                version=framework.version,
            )
        # Tags left from an earlier enrolment on this framework may count again.
        return Written(framework, Changes(frameworks=True, evidence=True))

    def framework_ids(self) -> list[str]:
        with self._pf.read() as s:
            return list(s.scalars(select(FrameworkRecord.id).order_by(FrameworkRecord.position)))

    def frameworks(self) -> list[Framework]:
        """The enrolled frameworks, as stored in this file (not the bundled copies)."""
        with self._pf.read() as s:
            rows = s.execute(
                select(FrameworkRecord.id, FrameworkRecord.document).order_by(
                    FrameworkRecord.position
                )
            ).all()
        return [_parse_stored(doc, f"{self._pf.path.name}:{fid}") for fid, doc in rows]

    def framework(self, framework_id: str) -> Framework:
        for framework in self.frameworks():
            if framework.id == framework_id:
                return framework
        raise NotFoundError(
            f"This portfolio is not enrolled on a framework called {framework_id!r}."
        )


@lru_cache(maxsize=32)
def _parse_stored(document: str, source: str) -> Framework:
    # Cached on the document text itself, so a changed framework is parsed afresh.
    # Validated when it was enrolled; the semantic checks still run (see load_framework).
    return parse_framework(json.loads(document), source, trusted=True)


def copy_framework(session: Session, framework: Framework, *, position: int) -> None:
    """Write a framework's tree and verbatim document into the file."""
    document = json.dumps(framework.raw, ensure_ascii=False, sort_keys=True)
    session.add(
        FrameworkRecord(
            id=framework.id,
            title=framework.title,
            level=framework.level,
            version=framework.version,
            document=document,
            position=position,
            status_labels=json.dumps(dict(framework.status_labels), ensure_ascii=False)
            if framework.status_labels
            else "",
        )
    )
    # No ORM relationships, so flush level by level: parents must exist before children
    # (foreign keys are enforced).
    session.flush()
    units = list(enumerate(framework.units))
    session.add_all(
        Unit(id=u.id, framework_id=framework.id, position=i, ref=u.ref, title=u.title)
        for i, u in units
    )
    session.flush()
    session.add_all(
        Outcome(
            id=o.id,
            unit_id=u.id,
            position=i,
            number=o.number,
            text=o.text,
            short_name=o.short_name,
            description=o.description,
            sufficiency=rule_to_text(o.rule),
        )
        for _, u in units
        for i, o in enumerate(u.outcomes)
    )
    session.flush()
    session.add_all(
        Criterion(
            id=c.id,
            outcome_id=o.id,
            unit_id=u.id,
            framework_id=framework.id,
            position=i,
            number=c.number,
            text=c.text,
            short_name=c.short_name,
            description=c.description,
            parent_id=c.parent or None,
            source_id=c.source_id,
            sufficiency=rule_to_text(o.rule_for(c)),
        )
        for _, u in units
        for o in u.outcomes
        for i, c in enumerate(o.criteria)
    )
    session.flush()
