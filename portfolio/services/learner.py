"""The learner's details and their anonymisation term list."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes, Written
from portfolio.domain.dto import LearnerDetails
from portfolio.domain.limits import MAX_TERMS, check_count
from portfolio.errors import InvalidInputError
from portfolio.services import audit, records
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import AnonymisationTerm, Learner

_UNSET: object = object()


def _clean(name: str, value: str, limit: int = 200) -> str:
    """One line of text, spaces collapsed; InvalidInputError if it is not text or too long."""
    if not isinstance(value, str):
        raise InvalidInputError(f"{name} must be text.")
    value = " ".join(value.split())
    if len(value) > limit:
        raise InvalidInputError(f"{name} is too long (limit {limit} characters).")
    return value


# The learner's fields as a person reads them (error messages, the CLI, the details form).
FIELD_LABELS = {
    "name": "Name",
    "learner_number": "Learner number (ULN)",
    "centre": "Centre",
    "employer": "Employer",
    "registration_number": "Registration number",
    "centre_number": "Centre number",
    "qualification": "Qualification",
    "assessor": "Assessor",
    "iqa": "Internal quality assurer",
}
LIMITS = {
    "learner_number": 100,
    "registration_number": 100,
    "centre_number": 100,
    "qualification": 300,
}


class LearnerService:
    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor

    def get(self) -> LearnerDetails:
        with self._pf.read() as s:
            learner = s.scalars(select(Learner)).one()
            return records.learner_details(learner)

    def update(
        self,
        *,
        name: str | object = _UNSET,
        learner_number: str | object = _UNSET,
        centre: str | object = _UNSET,
        employer: str | object = _UNSET,
        registration_number: str | object = _UNSET,
        centre_number: str | object = _UNSET,
        qualification: str | object = _UNSET,
        assessor: str | object = _UNSET,
        iqa: str | object = _UNSET,
    ) -> Written[LearnerDetails]:
        """Change some of the learner's details. A new employer joins the term list.

        Raises InvalidInputError (nothing changed) for an empty name, text that is too long,
        or a value that is not text.
        """
        given = {
            "name": name,
            "learner_number": learner_number,
            "centre": centre,
            "employer": employer,
            "registration_number": registration_number,
            "centre_number": centre_number,
            "qualification": qualification,
            "assessor": assessor,
            "iqa": iqa,
        }
        with self._pf.write() as s:
            learner = s.scalars(select(Learner)).one()
            changed = {}
            for field, value in given.items():
                if value is _UNSET:
                    continue
                if not isinstance(value, str):
                    raise InvalidInputError(f"{FIELD_LABELS[field]} must be text.")
                cleaned = _clean(FIELD_LABELS[field], value, LIMITS.get(field, 200))
                if field == "name" and not cleaned:
                    raise InvalidInputError("The learner's name cannot be empty.")
                if getattr(learner, field) != cleaned:
                    setattr(learner, field, cleaned)
                    changed[field] = cleaned
            if changed.get("employer"):
                _add_term(s, changed["employer"], "employer")
            if changed:
                audit.record(
                    s,
                    self._actor,
                    "learner.update",
                    target_kind="learner",
                    target_id=learner.id,
                    fields=sorted(changed),
                )
        return Written(self.get(), Changes(learner=bool(changed)))

    # -- anonymisation terms ----------------------------------------------------------

    def terms(self) -> list[str]:
        with self._pf.read() as s:
            return list(s.scalars(select(AnonymisationTerm.text).order_by(AnonymisationTerm.text)))

    def add_term(self, text: str, *, kind: str = "other") -> Written[bool]:
        """Add a word or phrase to remove from attachments; False if it was already there."""
        text = _clean("term", text)
        if len(text) < 2:
            raise InvalidInputError("A term must be at least two characters long.")
        with self._pf.write() as s:
            added = _add_term(s, text, kind)
            if added:
                audit.record(s, self._actor, "term.add", target_kind="term", kind=kind)
            return Written(added, Changes(learner=added))

    def remove_term(self, text: str) -> Written[bool]:
        """Take a word or phrase off the term list; False if it was not there."""
        with self._pf.write() as s:
            term = s.scalars(
                select(AnonymisationTerm).where(func.lower(AnonymisationTerm.text) == text.lower())
            ).first()
            if term is None:
                return Written(False, Changes())
            s.delete(term)
            audit.record(s, self._actor, "term.remove", target_kind="term")
            return Written(True, Changes(learner=True))


def _add_term(session: Session, text: str, kind: str) -> bool:
    exists = session.scalar(
        select(func.count())
        .select_from(AnonymisationTerm)
        .where(func.lower(AnonymisationTerm.text) == text.lower())
    )
    if exists:
        return False
    terms = session.scalar(select(func.count()).select_from(AnonymisationTerm)) or 0
    check_count(terms + 1, MAX_TERMS, "anonymisation terms")
    session.add(AnonymisationTerm(text=text, kind=kind))
    return True


def create_learner(session: Session, details: LearnerDetails) -> Learner:
    """The one learner row of a new portfolio; the employer starts the term list."""
    name = _clean("name", details.name)
    if not name:
        raise InvalidInputError("The learner's name cannot be empty.")
    learner = Learner(
        name=name,
        **{
            field: _clean(FIELD_LABELS[field], getattr(details, field), LIMITS.get(field, 200))
            for field in FIELD_LABELS
            if field != "name"
        },
    )
    session.add(learner)
    if learner.employer:
        _add_term(session, learner.employer, "employer")
    return learner
