"""Attachments: anonymise a workplace document, then store only the anonymised copy.

Stored documents are content-addressed blobs (SHA-256 of the anonymised bytes), so the same
document attached to several entries is stored once. Each use by an entry is an ``attachment``
row carrying the learner's note on how they used it. Removing the last use of a blob deletes
the blob too. Every change is audited; reviewers cannot attach or remove.

The original document is only ever held in memory (see attachment_content): if anything about
it is wrong (unsupported, empty, oversized, damaged, encrypted, mislabelled) the error is raised
before the single write transaction starts, so the portfolio is left exactly as it was.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from portfolio.domain import keep_rules
from portfolio.domain.actor import Actor
from portfolio.domain.attachments import AttachmentSummary, Region
from portfolio.domain.changes import Changes
from portfolio.domain.limits import MAX_ATTACHMENTS, MAX_ATTACHMENTS_PER_ENTRY, check_count
from portfolio.errors import InvalidInputError, NotFoundError, ReadOnlyError
from portfolio.progress import CancelToken, ProgressFn
from portfolio.services import audit, kept_words
from portfolio.services.learner import _add_term
from portfolio.services.lookup import resolve_entry
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import AnonymisationTerm, Attachment, Blob, Entry

if TYPE_CHECKING:
    # Reading and anonymising documents (attachment_content) loads the anonymiser and its
    # detectors; imported where a document is actually read, not by every user of this module
    # (the entry list, the bin and the Documents page only read rows). Issue #17.
    from portfolio.services.attachment_content import DocumentPreview, PreparedDocument

MAX_NOTE_CHARS = 5_000


@dataclass(frozen=True)
class AttachResult:
    """What ``store`` / ``attach`` did: the attachment, the anonymisation report and changes.

    ``duplicate`` is True when this entry already had exactly this document (nothing added);
    ``reused_blob`` when another entry's identical document was shared instead of stored again.
    """

    attachment: AttachmentSummary
    prepared: PreparedDocument
    duplicate: bool
    reused_blob: bool
    terms_added: tuple[str, ...]
    changes: Changes
    kept_added: tuple[str, ...] = ()
    kept_removed: tuple[str, ...] = ()


class AttachmentService:
    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor

    # -- preparing (no database writes) ---------------------------------------------------

    def terms(self) -> list[str]:
        """The learner's term list (words to remove from every document)."""
        with self._pf.read() as s:
            return list(s.scalars(select(AnonymisationTerm.text).order_by(AnonymisationTerm.text)))

    def kept(self) -> list[str]:
        """The learner's kept list as the anonymiser applies it: words they said are not
        personal, less any a term-list word overrides (a word to remove always wins). Pass it
        as ``rejected`` wherever this portfolio's documents are anonymised."""
        with self._pf.read() as s:
            return kept_words.in_force(s)

    @staticmethod
    def preview(data: bytes, *, filename: str, terms: Sequence[str] = ()) -> DocumentPreview:
        """The document's text and findings for the review dialog (touches no database)."""
        from portfolio.services.attachment_content import preview_document

        return preview_document(data, filename, terms)

    @staticmethod
    def prepare(
        data: bytes,
        *,
        filename: str,
        terms: Sequence[str] = (),
        rejected: Collection[str] = (),
        regions: Sequence[Region] = (),
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> PreparedDocument:
        """Anonymise in memory (touches no database; safe on any thread)."""
        from portfolio.services.attachment_content import prepare_document

        return prepare_document(
            data,
            filename=filename,
            terms=terms,
            rejected=rejected,
            regions=regions,
            progress=progress,
            cancel=cancel,
        )

    @staticmethod
    def read_file(path: Path | str) -> bytes:
        """A document's bytes from disk, refusing missing, unreadable or oversized files."""
        from portfolio.services.attachment_content import read_document

        return read_document(path)

    # -- writing --------------------------------------------------------------------------

    def attach(
        self,
        *,
        entry_id: str,
        data: bytes,
        filename: str,
        note: str = "",
        new_terms: Sequence[str] = (),
        keep: Sequence[str] = (),
        rejected: Collection[str] = (),
        regions: Sequence[Region] = (),
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> AttachResult:
        """Anonymise ``data`` with the term list (plus ``new_terms``) and the kept list (plus
        ``keep``: words that are not personal, which join the kept list), then store it.

        A word on both lists is removed: the term list wins. Raises NotFoundError (unknown
        entry), InvalidInputError (a ``keep`` with a digit or an "@"), UnsupportedFileError
        (nothing stored), Cancelled and ReadOnlyError (reviewers, read-only files).
        """
        self._require_learner()
        self._check_entry(entry_id)
        cleaned = _clean_terms(new_terms)
        keeps = tuple(dict.fromkeys(kept_words.checked(k) for k in keep))
        terms = [*self.terms(), *cleaned]
        in_force = keep_rules.in_force([*self.kept(), *keeps], terms)
        prepared = self.prepare(
            data,
            filename=filename,
            terms=terms,
            rejected=[*rejected, *in_force],
            regions=regions,
            progress=progress,
            cancel=cancel,
        )
        # A kept word that is part of a longer name found in this document names that person
        # here: anonymise again without it (only then, so the usual cost is one pass).
        names = [f.text for f in prepared.report.findings if f.category in ("name", "term")]
        shadowed = keep_rules.shadowed(in_force, names)
        if shadowed:
            prepared = self.prepare(
                data,
                filename=filename,
                terms=terms,
                rejected=[
                    *rejected,
                    *(k for k in in_force if keep_rules.key(k) not in shadowed),
                ],
                regions=regions,
                progress=progress,
                cancel=cancel,
            )
        return self.store(
            entry_id=entry_id,
            prepared=prepared,
            note=note,
            new_terms=cleaned,
            keep=keeps,
        )

    def store(
        self,
        *,
        entry_id: str,
        prepared: PreparedDocument,
        note: str = "",
        new_terms: Sequence[str] = (),
        keep: Sequence[str] = (),
        forget: Sequence[str] = (),
    ) -> AttachResult:
        """Store an anonymised document on an entry, in one transaction with the learner's
        list changes: ``new_terms`` join the term list, ``keep`` (the findings they unticked
        as not personal) joins the kept list unless a term covers it, and ``forget`` (kept
        words they ticked again) leaves it."""
        from portfolio.services.attachment_content import PreparedDocument

        self._require_learner()
        if not isinstance(prepared, PreparedDocument):
            raise InvalidInputError("Only an anonymised document can be stored.")
        note = _clean_note(note)
        cleaned = _clean_terms(new_terms)
        sha = prepared.sha256
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id)
            added = tuple(t for t in cleaned if _add_term(s, t, "other"))
            s.flush()  # the new terms win over a keep in this same store
            kept_added = kept_words.remember(s, keep)
            kept_removed = kept_words.forget(s, forget)
            existing = s.scalars(
                select(Attachment).where(
                    Attachment.entry_id == entry.id, Attachment.blob_sha256 == sha
                )
            ).first()
            duplicate = existing is not None
            blob = s.get(Blob, sha)
            reused = blob is not None and not duplicate
            if existing is None:
                _check_attachment_limits(s, entry.id)
                if blob is None:
                    s.add(Blob(sha256=sha, size=len(prepared.data), data=prepared.data))
                    s.flush()
                existing = Attachment(
                    entry_id=entry.id,
                    blob_sha256=sha,
                    filename=prepared.filename,
                    media_type=prepared.media_type,
                    note=note,
                )
                s.add(existing)
                s.flush()
                audit.record(
                    s,
                    self._actor,
                    "attachment.add",
                    target_kind="attachment",
                    target_id=existing.id,
                    entry=entry.id,
                    sha256=sha,
                    media_type=prepared.media_type,
                    removed=prepared.report.counts,
                    regions=prepared.regions,
                )
            delete_unused_blobs(s)  # left behind when binned entries were emptied for good
            for _term in added:
                audit.record(s, self._actor, "term.add", target_kind="term", kind="other")
            for _kept in kept_added:
                audit.record(s, self._actor, "kept.add", target_kind="kept")
            for _kept in kept_removed:
                audit.record(s, self._actor, "kept.remove", target_kind="kept")
            attachment_id = existing.id
        summary = self.get(attachment_id)
        return AttachResult(
            summary,
            prepared,
            duplicate=duplicate,
            reused_blob=reused,
            terms_added=added,
            changes=Changes(attachments=True, learner=bool(added or kept_added or kept_removed)),
            kept_added=kept_added,
            kept_removed=kept_removed,
        )

    def share(
        self, uses: Sequence[tuple[str, AttachResult, str]], *, action: str = "attachment.share"
    ) -> Changes:
        """Attach already stored documents to more entries, in one transaction: each use is
        (entry id, the result that stored the document, note). For the demo generator, which
        attaches each distinct document once through ``attach`` and then shares its blob."""
        self._require_learner()
        with self._pf.write() as s:
            s.add_all(
                Attachment(
                    entry_id=entry_id,
                    blob_sha256=result.prepared.sha256,
                    filename=result.prepared.filename,
                    media_type=result.prepared.media_type,
                    note=_clean_note(note),
                )
                for entry_id, result, note in uses
            )
            audit.record(s, self._actor, action, count=len(uses))
        return Changes(attachments=bool(uses))

    def annotate(self, *, attachment_id: str, note: str) -> Changes:
        """Set the learner's note on how they used the document."""
        self._require_learner()
        note = _clean_note(note)
        with self._pf.write() as s:
            row = _get(s, attachment_id)
            if row.note != note:
                row.note = note
                audit.record(
                    s,
                    self._actor,
                    "attachment.annotate",
                    target_kind="attachment",
                    target_id=row.id,
                )
        return Changes(attachments=True)

    def remove(self, *, attachment_id: str) -> Changes:
        """Remove an attachment; its stored document goes too when nothing else uses it."""
        self._require_learner()
        with self._pf.write() as s:
            row = _get(s, attachment_id)
            sha = row.blob_sha256
            s.delete(row)
            s.flush()
            freed = delete_unused_blobs(s)
            audit.record(
                s,
                self._actor,
                "attachment.remove",
                target_kind="attachment",
                target_id=attachment_id,
                sha256=sha,
                blob_deleted=sha in freed,
            )
        return Changes(attachments=True)

    # -- reading --------------------------------------------------------------------------

    def list(self, *, entry_id: str | None = None) -> list[AttachmentSummary]:
        """Attachments (of one entry, or of every entry not in the bin), oldest first."""
        with self._pf.read() as s:
            query = _summary_query().where(Entry.deleted_at.is_(None))
            if entry_id is not None:
                query = query.where(Attachment.entry_id == resolve_entry(s, entry_id).id)
            return _summaries(s, query)

    def live_count(self) -> int:
        """How many rows ``list()`` gives (attachments of entries not in the bin)."""
        with self._pf.read() as s:
            query = (
                select(func.count())
                .select_from(Attachment)
                .join(Entry, Entry.id == Attachment.entry_id)
                .join(Blob, Blob.sha256 == Attachment.blob_sha256)
                .where(Entry.deleted_at.is_(None))
            )
            return s.scalar(query) or 0

    def page(self, offset: int, limit: int) -> Sequence[AttachmentSummary]:
        """Rows ``offset`` to ``offset + limit`` of ``list()``, the same rows in the same order:
        for the Documents page, which reads what is shown (issue #17: every row of 20,000
        entries' attachments held as objects was most of that page's memory)."""
        with self._pf.read() as s:
            query = _summary_query().where(Entry.deleted_at.is_(None))
            return _summaries(s, query.offset(max(0, offset)).limit(max(0, limit)))

    def position(self, attachment_id: str) -> int:
        """Where ``attachment_id`` is in ``list()`` (-1 when it is not there)."""
        with self._pf.read() as s:
            live = (
                select(Attachment.created_at)
                .join(Entry, Entry.id == Attachment.entry_id)
                .join(Blob, Blob.sha256 == Attachment.blob_sha256)
                .where(Attachment.id == attachment_id, Entry.deleted_at.is_(None))
            )
            created = s.scalar(live) if attachment_id else None
            if created is None:
                return -1
            before = (
                select(func.count())
                .select_from(Attachment)
                .join(Entry, Entry.id == Attachment.entry_id)
                .join(Blob, Blob.sha256 == Attachment.blob_sha256)
                .where(
                    Entry.deleted_at.is_(None),
                    or_(
                        Attachment.created_at < created,
                        and_(Attachment.created_at == created, Attachment.id < attachment_id),
                    ),
                )
            )
            return s.scalar(before) or 0

    def get(self, attachment_id: str) -> AttachmentSummary:
        """One attachment (even of an entry in the bin)."""
        with self._pf.read() as s:
            found = _summaries(s, _summary_query().where(Attachment.id == attachment_id))
            if not found:
                raise NotFoundError(f"There is no attachment {attachment_id!r} in this portfolio.")
            return found[0]

    def read(self, attachment_id: str) -> bytes:
        """The stored (anonymised) bytes of one attachment."""
        with self._pf.read() as s:
            row = _get(s, attachment_id)
            data = s.scalar(select(Blob.data).where(Blob.sha256 == row.blob_sha256))
            if data is None:
                raise NotFoundError("The stored document is missing from this portfolio.")
            return bytes(data)

    def save_copy(self, attachment_id: str, destination: Path | str) -> Path:
        """Write the stored (anonymised) document to ``destination`` atomically."""
        from portfolio.anonymise.pipeline import write_atomically

        destination = Path(destination)
        write_atomically(destination, self.read(attachment_id))
        return destination

    def counts(self) -> tuple[int, int]:
        """(attachments, stored blobs): for checks and tests."""
        with self._pf.read() as s:
            attachments = s.scalar(select(func.count()).select_from(Attachment)) or 0
            blobs = s.scalar(select(func.count()).select_from(Blob)) or 0
            return attachments, blobs

    # -- helpers --------------------------------------------------------------------------

    def _require_learner(self) -> None:
        if self._actor.is_reviewer:
            raise ReadOnlyError("In review mode documents cannot be attached or removed.")
        if self._pf.read_only:
            raise ReadOnlyError(f"{self._pf.path.name} is open read-only; changes cannot be saved.")

    def _check_entry(self, entry_id: str) -> None:
        with self._pf.read() as s:
            resolve_entry(s, entry_id)


def delete_unused_blobs(session: Session) -> set[str]:
    """Delete every stored document no attachment uses (after removals and purges)."""
    used = select(Attachment.blob_sha256)
    unused = set(session.scalars(select(Blob.sha256).where(Blob.sha256.not_in(used))))
    for sha in unused:
        blob = session.get(Blob, sha)
        if blob is not None:
            session.delete(blob)
    return unused


def _get(session: Session, attachment_id: str) -> Attachment:
    row = session.get(Attachment, attachment_id) if attachment_id else None
    if row is None:
        raise NotFoundError(f"There is no attachment {attachment_id!r} in this portfolio.")
    return row


def _summary_query() -> Select[tuple[str, str, str, str, str, str, datetime, int, str, int]]:
    # Plain columns, not Attachment objects: building ORM objects was most of the cost of
    # listing a few thousand attachments (benchmarks/run.py, 5,000 entries).
    return (
        select(
            Attachment.id,
            Attachment.entry_id,
            Attachment.filename,
            Attachment.media_type,
            Attachment.note,
            Attachment.blob_sha256,
            Attachment.created_at,
            Entry.ref_no,
            Entry.title,
            Blob.size,
        )
        .join(Entry, Entry.id == Attachment.entry_id)
        .join(Blob, Blob.sha256 == Attachment.blob_sha256)
        .order_by(Attachment.created_at, Attachment.id)
    )


def _summaries(
    session: Session, query: Select[tuple[str, str, str, str, str, str, datetime, int, str, int]]
) -> list[AttachmentSummary]:
    rows = session.execute(query).all()
    users = _users_by_blob(session, {row[5] for row in rows})
    return [_summary(*row, users=users) for row in rows]


# Per blob: the references of the live entries using it, in reference order, as one tuple that
# every row of that document shares (issue #17).
_Users = dict[str, tuple[str, ...]]


def _users_by_blob(session: Session, shas: Collection[str]) -> _Users:
    grouped: dict[str, list[str]] = {}
    if not shas:
        return {}
    rows = session.execute(
        select(Attachment.blob_sha256, Entry.ref_no)
        .join(Entry, Entry.id == Attachment.entry_id)
        .where(Attachment.blob_sha256.in_(list(shas)), Entry.deleted_at.is_(None))
        .order_by(Entry.ref_no)
    )
    for sha, ref_no in rows:
        grouped.setdefault(sha, []).append(f"E{ref_no}")
    return {sha: tuple(refs) for sha, refs in grouped.items()}


def _summary(
    attachment_id: str,
    entry_id: str,
    filename: str,
    media_type: str,
    note: str,
    sha: str,
    created_at: datetime,
    ref_no: int,
    title: str,
    size: int,
    *,
    users: _Users,
) -> AttachmentSummary:
    return AttachmentSummary(
        id=attachment_id,
        entry_id=entry_id,
        entry_ref=f"E{ref_no}",
        entry_title=title,
        filename=filename,
        media_type=media_type,
        note=note,
        sha256=sha,
        size=size,
        created_at=created_at,
        document_users=users.get(sha, ()),
    )


def _clean_note(note: str) -> str:
    if not isinstance(note, str):
        raise InvalidInputError("The note must be text.")
    note = note.strip()
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidInputError(f"The note is too long (limit {MAX_NOTE_CHARS} characters).")
    return note


def _clean_terms(terms: Sequence[str]) -> list[str]:
    cleaned: list[str] = []
    for term in terms:
        text = " ".join(str(term).split())
        if len(text) < 2:
            raise InvalidInputError("A word to remove must be at least two characters long.")
        if len(text) > 200:
            raise InvalidInputError("A word to remove is too long (limit 200 characters).")
        if text.casefold() not in {t.casefold() for t in cleaned}:
            cleaned.append(text)
    return cleaned


def _check_attachment_limits(session: Session, entry_id: str) -> None:
    """Refuse one more attachment past the per-entry or per-portfolio limit."""
    count = select(func.count()).select_from(Attachment)
    on_entry = session.scalar(count.where(Attachment.entry_id == entry_id)) or 0
    check_count(on_entry + 1, MAX_ATTACHMENTS_PER_ENTRY, "attachments", "one entry")
    check_count((session.scalar(count) or 0) + 1, MAX_ATTACHMENTS, "attachments")
