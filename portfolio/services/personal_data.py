"""The learner's answers about personal data in entries, as the exports read them.

``refuse_unacknowledged`` is what every export (PDF, evidence package, LEAP2A) calls before
writing anything: a flagged item the learner has neither replaced nor kept stops it, naming the
entries. The rows it reads (kept items, remembered replacements, the term list) are read here
too, for ``services.export_check``. Kept apart from that service so the exporting service can
use it without the two importing each other. SQLAlchemy is imported where a session is read, so
the plain export (services/plain_export.py), which reads the same rows with ``sqlite3``, shares
the refusal without loading it.

``detect`` is the one personal-data detection the app's editor and the exports share: the Coach
tab, the personal-data list beside it and the export check ask about the same texts, and each
text is read by the detector once per process (``anonymise.shared``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from typing import TYPE_CHECKING, NamedTuple

from portfolio.errors import PortfolioError
from portfolio.export.model import Snapshot

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from portfolio.anonymise.detect import Finding
    from portfolio.storage.file import PortfolioFile

KEPT, REPLACED = "kept", "replaced"


class Choices(NamedTuple):
    """The learner's answers as the check reads them: the private term list, entry id -> the
    text keys kept on purpose, text key -> the replacement chosen last, and the kept list in
    force (words the learner said are not personal anywhere; a term wins over a kept word)."""

    terms: tuple[str, ...]
    kept: dict[str, set[str]]
    memory: dict[str, str]
    everywhere: tuple[str, ...] = ()


class UnacknowledgedPersonalDataError(PortfolioError):
    """An export would carry personal data the learner has neither replaced nor kept."""


def detect(text: str, terms: Iterable[str] = ()) -> tuple[Finding, ...]:
    """The personal data in ``text`` (``terms``: the learner's own list), sorted by start.

    Found once per process for each text and set of terms, whoever asks first: the coach
    (``writing.coach.review_entry``), the personal-data list (``ExportCheckService.flags``) and
    the export check all read the same answer.
    """
    from portfolio.anonymise.shared import personal_data

    return personal_data(text, terms)


def refuse_unacknowledged(pf: PortfolioFile, snapshot: Snapshot) -> None:
    """Stop an export that would carry personal data the learner has neither replaced nor kept.

    Raises:
        UnacknowledgedPersonalDataError: naming the entries (nothing has been written).
    """
    with pf.read() as s:
        read = choices(s)
    refuse_flagged(snapshot, read.terms, read.kept, read.everywhere)


def refuse_flagged(
    snapshot: Snapshot,
    terms: Sequence[str],
    kept: Mapping[str, Set[str]],
    everywhere: Sequence[str] = (),
) -> None:
    """``refuse_unacknowledged`` with the choices already read (``terms``, ``kept``, the kept
    list in force ``everywhere``).

    Raises:
        UnacknowledgedPersonalDataError: naming the entries.
    """
    from portfolio.export.check import entry_parts, flag_texts

    refs: list[str] = []
    for entry in snapshot.entries:
        parts = entry_parts(entry)
        if flag_texts(
            entry.id,
            entry.ref,
            parts,
            terms=terms,
            kept=kept.get(entry.id, ()),
            everywhere=everywhere,
        ):
            refs.append(entry.ref)
    if refs:
        shown = ", ".join(refs[:10]) + (f" and {len(refs) - 10} more" if len(refs) > 10 else "")
        raise UnacknowledgedPersonalDataError(
            f"Not exported: {shown} {'contains' if len(refs) == 1 else 'contain'} personal data "
            "you have not replaced or kept; replace or keep each item in the export check "
            "(`portfolio export FILE --check`) first."
        )


def choices(s: Session, entry_id: str | None = None) -> Choices:
    from sqlalchemy import select

    from portfolio.services import kept_words
    from portfolio.storage.models import AnonymisationTerm, PersonalDataChoice

    terms = tuple(s.scalars(select(AnonymisationTerm.text)))
    query = select(PersonalDataChoice.entry_id, PersonalDataChoice.text_key).where(
        PersonalDataChoice.choice == KEPT
    )
    if entry_id is not None:
        query = query.where(PersonalDataChoice.entry_id == entry_id)
    kept: dict[str, set[str]] = defaultdict(set)
    for owner, key in s.execute(query).tuples():
        kept[owner].add(key)
    return Choices(terms, dict(kept), memory(s), tuple(kept_words.in_force(s)))


def memory(s: Session) -> dict[str, str]:
    from sqlalchemy import select

    from portfolio.storage.models import PersonalDataMemory

    return dict(
        s.execute(select(PersonalDataMemory.text_key, PersonalDataMemory.replacement))
        .tuples()
        .all()
    )
