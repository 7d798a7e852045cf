"""The check before export, and the learner's answers to it: replace a flagged item or keep it.

``check(options)`` lists every problem an export with those options would carry
(``export.check``). ``replace`` is an ordinary entry edit (the entries service's one update
path, so history, autosave and stale-judgement rules apply) plus the learner's choice, in one
transaction; ``keep`` records that the learner keeps an item on purpose. Both remember the
choice per portfolio: a kept item stays kept however the rest of the entry is edited, and a
replacement is offered first the next time the same item turns up.

``refuse_unacknowledged`` (services.personal_data, re-exported here) is what every export calls
before writing anything: a flagged item the learner has neither replaced nor kept stops the
export, naming the entries.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes, Written
from portfolio.domain.dto import EntryDetail
from portfolio.domain.entry_input import TagInput
from portfolio.domain.reflective import SECTION_LABELS, stored_model
from portfolio.domain.star import SECTION_KEYS
from portfolio.errors import InvalidInputError, ReadOnlyError
from portfolio.export.check import (
    TAG_PREFIX,
    TITLE,
    CheckReport,
    Problem,
    flag_texts,
    tag_key,
)
from portfolio.export.options import ExportOptions
from portfolio.export.redaction import apply, text_key
from portfolio.services import audit, checking, records
from portfolio.services.checking import check_entries
from portfolio.services.entries import EntryService
from portfolio.services.exporting import BlobReader, read_heading, unreadable_attachments
from portfolio.services.lookup import resolve_entry
from portfolio.services.personal_data import (
    KEPT,
    REPLACED,
    UnacknowledgedPersonalDataError,
    choices,
    memory,
    refuse_unacknowledged,
)
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import (
    AnonymisationTerm,
    Entry,
    EvidenceLink,
    PersonalDataChoice,
    PersonalDataMemory,
)
from portfolio.storage.models.base import utcnow

MAX_REPLACEMENT = 200


class ExportCheckService:
    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor
        self._entries = EntryService(pf, actor)

    # -- reading ------------------------------------------------------------------------

    def check(self, options: ExportOptions | None = None) -> CheckReport:
        """Every problem an export with ``options`` (default: the whole portfolio) would carry,
        including attachments the PDF cannot include and Word attachments whose pictures it
        cannot show. Reads the entries a batch at a time (services.checking), in one read
        transaction, and the attachments' bytes after it."""
        from portfolio.export.snapshot import criteria_of
        from portfolio.services.coverage import decisions_in

        options = options or ExportOptions()
        with self._pf.read() as s:
            learner, frameworks = read_heading(s, options)
            checked = check_entries(
                learner=learner,
                frameworks=frameworks,
                decisions=decisions_in(s),
                batches=records.entry_batches(
                    s,
                    criteria_of(frameworks),
                    include_drafts=options.include_drafts,
                    include_attachments=options.include_attachments,
                    only_tagged=options.units is not None,  # chosen units: only their evidence
                    size=checking.BATCH,
                ),
                options=options,
                choices=choices(s),
            )
        return checked.finish(BlobReader.of(self._pf).read)

    def flags(self, entry: str, texts: Mapping[str, str] | None = None) -> list[Problem]:
        """The personal data flagged in one entry and not kept, with proposed replacements.
        ``texts`` (section key or "title" -> text) checks what is on screen, which may be
        newer than what is saved."""
        detail = self._entries.get(entry)
        current = {TITLE: detail.title, **detail.sections}
        current.update(texts or {})
        with self._pf.read() as s:
            read = choices(s, detail.id)
        parts = [(TITLE, "Title", current.get(TITLE, ""))]
        # The sections of the entry's reflective model (STAR's five by default).
        parts += [
            (x.key, x.label, current.get(x.key, "")) for x in stored_model(detail.model).sections
        ]
        parts += [
            (tag_key(t.criterion_id), f"Justification for {t.number}", t.justification)
            for t in detail.tags
        ]
        return flag_texts(
            detail.id,
            detail.ref,
            parts,
            terms=read.terms,
            kept=read.kept.get(detail.id, ()),
            memory=read.memory,
            everywhere=read.everywhere,
        )

    def remembered(self) -> dict[str, str]:
        """Text key -> the replacement the learner chose last ("okafor" -> "the customer")."""
        with self._pf.read() as s:
            return memory(s)

    def kept(self, entry: str) -> list[str]:
        """The items (as the learner saw them) kept on purpose in one entry."""
        with self._pf.read() as s:
            row = resolve_entry(s, entry)
            return list(
                s.scalars(
                    select(PersonalDataChoice.text)
                    .where(PersonalDataChoice.entry_id == row.id)
                    .where(PersonalDataChoice.choice == KEPT)
                    .order_by(PersonalDataChoice.text)
                )
            )

    # -- the learner's answers ------------------------------------------------------------

    def replace(
        self,
        *,
        entry_id: str,
        section: str,
        start: int,
        end: int,
        text: str,
        replacement: str | None = None,
    ) -> Written[EntryDetail]:
        """Replace ``text`` at ``start:end`` of ``section`` (a STAR key or "title") with
        ``replacement`` (None: the proposed one; "" removes it), and remember the choice.

        Raises:
            NotFoundError: no such entry.
            InvalidInputError: an unknown section, or the text there is no longer ``text``
                (the entry changed since it was checked); nothing is changed.
        """
        self._require_learner()
        if (
            section != TITLE
            and section not in SECTION_LABELS
            and not section.startswith(TAG_PREFIX)
        ):
            raise InvalidInputError(
                f"Unknown section {section!r}; sections are title, {', '.join(SECTION_KEYS)} "
                "(or another reflective model's sections) and tag:CRITERION_ID."
            )
        if replacement is not None:
            replacement = " ".join(replacement.split())
            if len(replacement) > MAX_REPLACEMENT:
                raise InvalidInputError(
                    f"The replacement is too long ({len(replacement)} characters; at most "
                    f"{MAX_REPLACEMENT})."
                )
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id)
            current = _current_text(s, entry, section)
            if not (0 <= start < end <= len(current)) or current[start:end] != text:
                raise InvalidInputError(
                    f"E{entry.ref_no} no longer has '{text}' there: it changed since it was "
                    "checked. Check again."
                )
            chosen = (
                _proposal_for(s, current, start, end, text) if replacement is None else replacement
            )
            updated = apply(current, start, end, chosen)
            if section.startswith(TAG_PREFIX):
                if not updated.strip():
                    raise InvalidInputError(
                        f"That would leave the justification for E{entry.ref_no}'s criterion "
                        "empty; write one in its place instead."
                    )
                tag = TagInput(criterion=section.removeprefix(TAG_PREFIX), justification=updated)
                written = self._entries._update_in(s, entry.id, {}, (tag,))
            else:
                fields: dict[str, object] = (
                    {"title": updated} if section == TITLE else {"sections": {section: updated}}
                )
                written = self._entries._update_in(s, entry.id, fields)
            key = text_key(text)
            category = _category_of(s, current, start, end)
            _record(s, entry.id, key, text, category, REPLACED, chosen, self._actor.name)
            _remember(s, key, category, chosen)
            audit.record(
                s,
                self._actor,
                "personal_data.replace",
                target_kind="entry",
                target_id=entry.id,
                section=section,
                category=category,
                removed=not chosen,
            )
            return written

    def keep(self, *, entry_id: str, text: str, category: str = "") -> Changes:
        """Keep ``text`` in an entry on purpose: the check stops listing it and exports let it
        through (recorded, with who chose it)."""
        self._require_learner()
        key = text_key(text)
        if not key:
            raise InvalidInputError("Say which item to keep: the text was empty.")
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id)
            _record(s, entry.id, key, text.strip(), category, KEPT, "", self._actor.name)
            audit.record(
                s,
                self._actor,
                "personal_data.keep",
                target_kind="entry",
                target_id=entry.id,
                category=category,
            )
            return Changes(entries=True, entry_ids=(entry.id,))

    def _require_learner(self) -> None:
        if self._pf.read_only:
            raise ReadOnlyError("This portfolio is open read-only; nothing was changed.")
        if self._actor.is_reviewer:
            raise ReadOnlyError("Only the learner can change the words of their entries.")


# -- rows ----------------------------------------------------------------------------------------


def _current_text(s: Session, entry: Entry, section: str) -> str:
    """The words of one part of an entry: its title, a section of its reflective model (in the
    column that holds it; another model's section raises) or a tag's justification."""
    if section == TITLE:
        return str(entry.title or "")
    if not section.startswith(TAG_PREFIX):
        return str(getattr(entry, stored_model(entry.model).section(section).slot) or "")
    justification = s.scalar(
        select(EvidenceLink.justification).where(
            EvidenceLink.entry_id == entry.id,
            EvidenceLink.criterion_id == section.removeprefix(TAG_PREFIX),
        )
    )
    if justification is None:
        raise InvalidInputError(f"E{entry.ref_no} is not tagged to that criterion.")
    return str(justification)


def _findings_at(s: Session, text: str, start: int, end: int) -> Problem | None:
    terms = tuple(s.scalars(select(AnonymisationTerm.text)))
    for item in flag_texts("", "", [("", "", text)], terms=terms, memory=memory(s)):
        if item.span == (start, end):
            return item
    return None


def _proposal_for(s: Session, text: str, start: int, end: int, shown: str) -> str:
    item = _findings_at(s, text, start, end)
    if item is not None and item.replacement is not None:
        return item.replacement
    remembered = memory(s).get(text_key(shown))
    return "" if remembered is None else remembered


def _category_of(s: Session, text: str, start: int, end: int) -> str:
    item = _findings_at(s, text, start, end)
    return item.category if item is not None else ""


def _record(
    s: Session,
    entry_id: str,
    key: str,
    text: str,
    category: str,
    choice: str,
    replacement: str,
    by: str,
) -> None:
    row = s.scalars(
        select(PersonalDataChoice)
        .where(PersonalDataChoice.entry_id == entry_id)
        .where(PersonalDataChoice.text_key == key)
    ).first()
    if row is None:
        row = PersonalDataChoice(entry_id=entry_id, text_key=key)
        s.add(row)
    row.text = text[:200]
    row.category = category[:30]
    row.choice = choice
    row.replacement = replacement
    row.chosen_by = by[:200]
    row.updated_at = utcnow()


def _remember(s: Session, key: str, category: str, replacement: str) -> None:
    row = s.get(PersonalDataMemory, key)
    if row is None:
        s.add(PersonalDataMemory(text_key=key, category=category[:30], replacement=replacement))
    else:
        row.replacement = replacement
        row.category = category[:30]
        row.updated_at = utcnow()


__all__ = [
    "KEPT",
    "REPLACED",
    "ExportCheckService",
    "UnacknowledgedPersonalDataError",
    "refuse_unacknowledged",
    "unreadable_attachments",
]
