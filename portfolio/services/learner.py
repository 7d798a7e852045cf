"""The learner's details and their two word lists: the term list (words removed from every
document) and the kept list (words they said are not personal, left in every document)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portfolio.domain import keep_rules
from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes, Written
from portfolio.domain.dto import LearnerDetails
from portfolio.domain.limits import MAX_TERMS, check_count
from portfolio.errors import InvalidInputError, ReadOnlyError
from portfolio.services import audit, kept_words, records
from portfolio.services.kept_words import WordLists
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
        """Add a word or phrase to remove from attachments; False if it was already there.
        A kept word the new term covers stays on the kept list but is removed from then on
        (the term list wins; ``word_lists`` says so beside it)."""
        return self.change_words(add_terms=[text], kind=kind)

    def remove_term(self, text: str) -> Written[bool]:
        """Take a word or phrase off the term list; False if it was not there."""
        return self.change_words(remove_terms=[text])

    def change_words(
        self,
        *,
        add_terms: Sequence[str] = (),
        remove_terms: Sequence[str] = (),
        add_kept: Sequence[str] = (),
        remove_kept: Sequence[str] = (),
        kind: str = "other",
    ) -> Written[bool]:
        """Change both word lists in one transaction, in this order: terms taken off, terms
        added, kept words taken off, kept words added. True if anything changed.

        Raises InvalidInputError (nothing changed) for a term shorter than two characters, a
        kept word with a digit or an "@" in it, or a kept word a term covers (the learner
        takes it off the term list first, so the two lists never disagree silently);
        ReadOnlyError for reviewers and read-only files.
        """
        self._require_learner()
        terms = [_clean("term", t) for t in add_terms]
        if any(len(t) < 2 for t in terms):
            raise InvalidInputError("A term must be at least two characters long.")
        kept = [kept_words.checked(t) for t in add_kept]
        changed = False
        with self._pf.write() as s:
            for text in remove_terms:
                term = s.scalars(
                    select(AnonymisationTerm).where(
                        func.lower(AnonymisationTerm.text) == str(text).lower()
                    )
                ).first()
                if term is not None:
                    s.delete(term)
                    audit.record(s, self._actor, "term.remove", target_kind="term")
                    changed = True
            s.flush()
            for text in terms:
                if _add_term(s, text, kind):
                    audit.record(s, self._actor, "term.add", target_kind="term", kind=kind)
                    changed = True
            s.flush()
            for _text in kept_words.forget(s, remove_kept):
                audit.record(s, self._actor, "kept.remove", target_kind="kept")
                changed = True
            term_list = kept_words.terms(s)
            for text in kept:
                winner = keep_rules.overriding_term(text, term_list)
                if winner is not None:
                    raise InvalidInputError(
                        f"“{text}” cannot be kept: “{winner}” is on your list of words to "
                        "remove, and that list wins. Take it off that list first."
                    )
            for _text in kept_words.remember(s, kept):
                audit.record(s, self._actor, "kept.add", target_kind="kept")
                changed = True
        return Written(changed, Changes(learner=changed))

    # -- the kept list (words that are not personal) ------------------------------------

    def kept(self) -> list[str]:
        """Every word on the kept list, as the learner wrote it."""
        with self._pf.read() as s:
            return kept_words.kept(s)

    def kept_in_force(self) -> list[str]:
        """The kept words the anonymiser leaves in a document: the kept list less any word the
        term list overrides (a term always wins)."""
        with self._pf.read() as s:
            return kept_words.in_force(s)

    def word_lists(self) -> WordLists:
        """Both lists for the lists screen, each kept word with the term that overrides it."""
        with self._pf.read() as s:
            return kept_words.lists(s)

    def add_kept(self, text: str) -> Written[bool]:
        """Keep ``text`` in every document from now on; False if it was already kept.

        Raises InvalidInputError (nothing changed) for text with a digit or an "@" (numbers,
        e-mail addresses and dates are kept one document at a time), and when a term-list word
        covers it: the learner takes that off the term list first.
        """
        return self.change_words(add_kept=[text])

    def remove_kept(self, text: str) -> Written[bool]:
        """Take ``text`` off the kept list (the anonymiser may remove it again); False if it
        was not there."""
        return self.change_words(remove_kept=[text])

    def _require_learner(self) -> None:
        if self._actor.is_reviewer:
            raise ReadOnlyError(
                "In review mode the learner's word lists cannot be changed: only the learner "
                "decides which words are removed or kept."
            )
        if self._pf.read_only:
            raise ReadOnlyError(f"{self._pf.path.name} is open read-only; changes cannot be saved.")


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
