"""Finding entries and criteria from what a user typed: an id, a reference (E3) or a number."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from portfolio.errors import InvalidInputError, NotFoundError
from portfolio.storage.models import Criterion, Entry

_REF = re.compile(r"^[Ee](\d+)$")


def resolve_entry(session: Session, entry: str, *, include_deleted: bool = False) -> Entry:
    """An entry by id or reference ("E3"); binned entries only when ``include_deleted``."""
    entry = (entry or "").strip()
    match = _REF.match(entry)
    if match:
        found = session.scalars(select(Entry).where(Entry.ref_no == int(match.group(1)))).first()
    else:
        found = session.get(Entry, entry)
    if found is None or (found.deleted_at is not None and not include_deleted):
        raise NotFoundError(f"There is no entry {entry!r} in this portfolio.")
    return found


def resolve_criterion(session: Session, criterion: str) -> Criterion:
    """A criterion of an enrolled framework, by id, or by number when that is unambiguous."""
    criterion = (criterion or "").strip()
    if not criterion:
        raise InvalidInputError("No criterion was given.")
    found = session.get(Criterion, criterion)
    if found is not None:
        return found
    by_number = session.scalars(select(Criterion).where(Criterion.number == criterion)).all()
    if len(by_number) == 1:
        return by_number[0]
    if len(by_number) > 1:
        ids = ", ".join(c.id for c in by_number)
        raise InvalidInputError(
            f"Criterion number {criterion} is in more than one unit; use its id ({ids})."
        )
    raise NotFoundError(
        f"There is no criterion {criterion!r} in the frameworks this portfolio is enrolled on."
    )
