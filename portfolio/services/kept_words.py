"""The learner's kept list in the portfolio file: words they said are not personal.

The rules (what may be kept, exact match, the term list wins) are in ``domain.keep_rules``;
this module reads and writes the ``kept_text`` rows inside a caller's transaction, so storing a
reviewed document adds its unticked words and drops its reticked ones in the same transaction
that stores it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from portfolio.domain import keep_rules
from portfolio.domain.limits import MAX_TERMS, check_count
from portfolio.errors import InvalidInputError
from portfolio.storage.models import AnonymisationTerm, KeptText


@dataclass(frozen=True)
class KeptWord:
    """A kept text, and the term-list word that wins over it (then it is removed all the same)."""

    text: str
    overridden_by: str | None = None


@dataclass(frozen=True)
class WordLists:
    """Both of the learner's lists, as the lists screen shows them."""

    remove: tuple[str, ...]
    keep: tuple[KeptWord, ...]


def terms(session: Session) -> list[str]:
    return list(
        session.scalars(select(AnonymisationTerm.text).order_by(func.lower(AnonymisationTerm.text)))
    )


def kept(session: Session) -> list[str]:
    """Every kept text, as the learner wrote it, in alphabetical order."""
    return list(session.scalars(select(KeptText.text).order_by(KeptText.text_key)))


def in_force(session: Session) -> list[str]:
    """The kept texts the anonymiser leaves: those no term-list word overrides."""
    return keep_rules.in_force(kept(session), terms(session))


def lists(session: Session) -> WordLists:
    remove = terms(session)
    keep = tuple(KeptWord(t, keep_rules.overriding_term(t, remove)) for t in kept(session))
    return WordLists(tuple(remove), keep)


def checked(text: object) -> str:
    """``text`` as it is stored; InvalidInputError saying why when it cannot be kept."""
    if not isinstance(text, str):
        raise InvalidInputError("A word to keep must be text.")
    cleaned = " ".join(text.split())
    reason = keep_rules.refusal(cleaned)
    if reason is not None:
        raise InvalidInputError(reason)
    return cleaned


def remember(session: Session, texts: Iterable[str]) -> tuple[str, ...]:
    """Add each text not yet on the list; the ones added. Texts a term overrides are not added
    (they would be removed anyway, and the list would claim otherwise)."""
    known = set(session.scalars(select(KeptText.text_key)))
    term_list = terms(session)
    added: list[str] = []
    for text in texts:
        cleaned = checked(text)
        text_key = keep_rules.key(cleaned)
        if text_key in known or keep_rules.overriding_term(cleaned, term_list) is not None:
            continue
        check_count(len(known) + 1, MAX_TERMS, "kept words")
        session.add(KeptText(text=cleaned, text_key=text_key))
        known.add(text_key)
        added.append(cleaned)
    session.flush()
    return tuple(added)


def forget(session: Session, texts: Iterable[str]) -> tuple[str, ...]:
    """Take each text off the list (matched as the anonymiser matches); the ones taken off."""
    keys = {keep_rules.key(t) for t in texts if isinstance(t, str)}
    if not keys:
        return ()
    gone = tuple(session.scalars(select(KeptText.text).where(KeptText.text_key.in_(keys))))
    if gone:
        session.execute(delete(KeptText).where(KeptText.text_key.in_(keys)))
    return gone
