"""Entries: add, update (autosave), duplicate, delete/restore, list and full-text search."""

from __future__ import annotations

import builtins
from collections.abc import Collection, Mapping, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes, Written
from portfolio.domain.dto import EntryDetail, EntrySummary, Witness
from portfolio.domain.entry_input import (
    MAX_SECTION_CHARS,
    MAX_TITLE,
    EntryInput,
    TagInput,
    validate_date,
    validate_hours,
    validate_method,
    validate_status,
    validate_text,
)
from portfolio.domain.limits import MAX_ENTRIES, MAX_TAGS_PER_ENTRY, check_count
from portfolio.domain.reflective import (
    DEFAULT_MODEL,
    STORAGE_SLOTS,
    ReflectiveModel,
    convert,
    get_model,
    sections_from_slots,
    stored_model,
)
from portfolio.errors import InvalidInputError, ReadOnlyError
from portfolio.services import audit, records
from portfolio.services import search as fts
from portfolio.services.attachments import delete_unused_blobs
from portfolio.services.lookup import resolve_criterion, resolve_entry
from portfolio.services.tagging import upsert_tag
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import Entry, EvidenceLink, Setting
from portfolio.storage.models.base import new_id, utcnow

_UNSET: object = object()
# A new entry: a row in every list, and its tags (if any) count towards coverage.
_ADDED = Changes(entries=True, evidence=True)
LAST_REF_KEY = "entries.last_ref_no"


class EntryService:
    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor

    # -- reading ------------------------------------------------------------------------

    def get(self, entry: str) -> EntryDetail:
        """One entry by id or by reference ("E3")."""
        with self._pf.read() as s:
            return records.entry_detail(s, resolve_entry(s, entry, include_deleted=True))

    def resolve_id(self, entry: str) -> str:
        with self._pf.read() as s:
            return resolve_entry(s, entry, include_deleted=True).id

    def list(
        self,
        *,
        include_deleted: bool = False,
        ids: Collection[str] | None = None,
        binned: bool = False,
    ) -> list[EntrySummary]:
        """Every entry (or only those in ``ids``), in reference order, with its number of tagged
        criteria. ``binned`` lists only the entries in the bin."""
        with self._pf.read() as s:
            return records.entry_summaries(
                records.on_session(s), include_deleted=include_deleted, ids=ids, binned=binned
            )

    def page(
        self, *, offset: int = 0, limit: int | None = None, by_ref: bool = False
    ) -> builtins.list[EntrySummary]:
        """Live entries, most recent event first (undated last; by reference among equals),
        ``limit`` of them from ``offset``: the Entries list fills as it scrolls (issue #17)
        instead of reading all of them before its first frame. ``by_ref``: in reference order
        instead, as ``list`` gives them (the evidence matrix's columns, read as scrolled)."""
        order = (
            (Entry.ref_no,)
            if by_ref
            else (Entry.event_date.is_(None), Entry.event_date.desc(), Entry.ref_no)
        )
        with self._pf.read() as s:
            ids = list(
                s.scalars(
                    select(Entry.id)
                    .where(Entry.deleted_at.is_(None))
                    .order_by(*order)
                    .offset(offset)
                    .limit(-1 if limit is None else limit)
                )
            )
        if not ids:
            return []
        found = {e.id: e for e in self.list(ids=ids)}
        return [found[i] for i in ids if i in found]

    def writing(self, *, include_deleted: bool = True) -> dict[str, tuple[str, dict[str, str]]]:
        """Every entry's reflective model and sections (key -> text), by id: the text the
        entry list leaves out, for `entry list --json`."""
        with self._pf.read() as s:
            return records.entry_writings(records.on_session(s), include_deleted=include_deleted)

    def count(self) -> int:
        with self._pf.read() as s:
            return (
                s.scalar(select(func.count()).select_from(Entry).where(Entry.deleted_at.is_(None)))
                or 0
            )

    def search(self, query: str, *, limit: int = fts.PAGE) -> builtins.list[str]:
        """Ids of live entries whose text matches every word of ``query`` (prefixes too; quoted
        text as a phrase), newest first, at most ``limit`` (services/search.py says why not by
        relevance). Blank: none. Nothing searchable in it, or too many words: InvalidInputError."""
        match = fts.parse(query)
        if not match:
            return []
        with self._pf.read() as s:
            return fts.page_ids(records.on_session(s), match, after=None, limit=limit)[0]

    def search_page(
        self, query: str, *, after: int | None = None, limit: int = fts.PAGE
    ) -> fts.SearchPage:
        """A page of matching entries (summaries, newest first) from below ``after`` (a
        previous page's ``after``; None: the first page). Costs the same at any size."""
        match = fts.parse(query)
        if not match:
            return fts.SearchPage([], None)
        with self._pf.read() as s:
            return fts.page(records.on_session(s), match, after=after, limit=limit)

    def search_count(self, query: str, *, cap: int = fts.COUNT_CAP) -> fts.MatchCount:
        """How many live entries match ``query``, counted no further than ``cap`` ("200+")."""
        match = fts.parse(query)
        if not match:
            return fts.MatchCount(0, True)
        with self._pf.read() as s:
            return fts.count(records.on_session(s), match, cap=cap)

    # -- writing ------------------------------------------------------------------------

    def add(self, data: EntryInput | None = None, **fields: object) -> Written[EntryDetail]:
        """Create an entry from an EntryInput (or keyword fields); returns it."""
        self._require_learner()
        data = data or EntryInput()
        with self._pf.write() as s:
            entries = s.scalar(select(func.count()).select_from(Entry)) or 0
            check_count(entries + 1, MAX_ENTRIES, "entries")
            check_count(len(data.tags or ()), MAX_TAGS_PER_ENTRY, "criterion tags", "one entry")
            next_ref = next_ref_no(s)
            model = get_model(data.model or DEFAULT_MODEL)
            entry = Entry(
                ref_no=next_ref,
                title=data.title,
                event_date=data.event_date,
                method=data.method,
                hours=data.hours,
                status=data.status,
                model=model.id,
                **_slot_texts(model, data.sections),
            )
            if data.witness:
                _apply_witness(entry, data.witness)
            s.add(entry)
            s.flush()
            _apply_fields(entry, fields)
            for tag in data.tags or ():
                _add_tag(s, entry.id, tag)
            audit.record(s, self._actor, "entry.add", target_kind="entry", target_id=entry.id)
            s.flush()
            return Written(records.entry_detail(s, entry), _ADDED)

    def add_batch(
        self, items: Sequence[EntryInput], *, action: str = "entry.add_batch"
    ) -> Written[builtins.list[str]]:
        """Many entries from already validated inputs in one transaction (the demo generator).

        Ids and reference numbers are given here, so the batch is flushed once as a few
        multi-row INSERTs instead of two statements per entry; tags name criteria by id.
        Returns the new ids in order.
        """
        self._require_learner()
        with self._pf.write() as s:
            first_ref = next_ref_no(s)
            ids: builtins.list[str] = []
            for offset, data in enumerate(items):
                witness = data.witness
                entry = Entry(
                    id=new_id(),
                    ref_no=first_ref + offset,
                    title=data.title,
                    event_date=data.event_date,
                    method=data.method,
                    hours=data.hours,
                    status=data.status,
                    witness_name=witness.name if witness else "",
                    witness_job_title=witness.job_title if witness else "",
                    witness_relationship=witness.relationship if witness else "",
                    model=get_model(data.model or DEFAULT_MODEL).id,
                    **_slot_texts(get_model(data.model or DEFAULT_MODEL), data.sections),
                )
                s.add(entry)
                s.add_all(
                    EvidenceLink(
                        entry_id=entry.id,
                        criterion_id=tag.criterion,
                        justification=tag.justification,
                    )
                    for tag in data.tags or ()
                )
                ids.append(entry.id)
            s.flush()
            if items:
                s.get_one(Setting, LAST_REF_KEY).value = str(first_ref + len(items) - 1)
            audit.record(s, self._actor, action, count=len(items))
        return Written(ids, Changes(entries=bool(ids), evidence=bool(ids)))

    def update(
        self,
        *,
        entry_id: str,
        title: str | object = _UNSET,
        event_date: date | str | object | None = _UNSET,
        method: str | object = _UNSET,
        hours: float | object = _UNSET,
        status: str | object = _UNSET,
        sections: Mapping[str, str] | object = _UNSET,
        witness: Witness | object = _UNSET,
        model: str | object = _UNSET,
    ) -> Written[EntryDetail]:
        """Change some fields of an entry (autosave calls this); other fields stay as they are.

        A new ``model`` converts the entry's text to that model's sections first (every word
        kept, see ``portfolio.domain.reflective.convert``); ``sections`` are then the new
        model's.
        """
        self._require_learner()
        fields = {
            k: v
            for k, v in {
                "title": title,
                "event_date": event_date,
                "method": method,
                "hours": hours,
                "status": status,
                "model": model,
                "sections": sections,
                "witness": witness,
            }.items()
            if v is not _UNSET
        }
        with self._pf.write() as s:
            return self._update_in(s, entry_id, fields)

    def _update_in(
        self,
        session: Session,
        entry_id: str,
        fields: Mapping[str, object],
        tags: Sequence[TagInput] = (),
    ) -> Written[EntryDetail]:
        entry = resolve_entry(session, entry_id)
        check_count(len(tags), MAX_TAGS_PER_ENTRY, "criterion tags", "one entry")
        changed = _apply_fields(entry, fields)
        for tag in tags:
            _add_tag(session, entry.id, tag)
        if tags:
            changed.add("tags")
            session.flush()
            check_count(
                tag_count(session, entry.id), MAX_TAGS_PER_ENTRY, "criterion tags", "one entry"
            )
        if changed:
            entry.updated_at = utcnow()
            audit.record(
                session,
                self._actor,
                "entry.update",
                target_kind="entry",
                target_id=entry.id,
                fields=sorted(changed),
            )
        session.flush()
        # Only this entry's row changed; new tags change the evidence too.
        changes = Changes(entries=True, evidence=bool(tags), entry_ids=(entry.id,))
        return Written(records.entry_detail(session, entry), changes)

    def update_from_input(self, entry_id: str, data: EntryInput) -> Written[EntryDetail]:
        """Apply the fields present in a validated EntryInput (e.g. from JSON)."""
        kwargs: dict[str, object] = {}
        for name in ("title", "event_date", "method", "hours", "status", "model"):
            if name in data.fields_set:
                kwargs[name] = getattr(data, name)
        if data.sections:
            kwargs["sections"] = data.sections
        if data.witness is not None:
            kwargs["witness"] = data.witness
        self._require_learner()
        # One transaction: a refused tag leaves the other fields unchanged too.
        with self._pf.write() as s:
            return self._update_in(s, entry_id, kwargs, data.tags or ())

    def duplicate(self, entry_id: str) -> Written[EntryDetail]:
        """A draft copy of an entry with its tags, for a similar event."""
        original = self.get(entry_id)
        data = EntryInput(
            title=f"Copy of {original.title}"[:MAX_TITLE] if original.title else "",
            event_date=original.event_date,
            method=original.method,
            hours=original.hours,
            status="draft",
            model=original.model,
            sections=dict(original.sections),
            witness=original.witness,
            tags=tuple(TagInput(t.criterion_id, t.justification) for t in original.tags),
        )
        return self.add(data)

    def delete(self, entry_id: str) -> Changes:
        """Move an entry to the bin; ``restore`` brings it back until the bin is emptied."""
        self._require_learner()
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id)
            entry.deleted_at = utcnow()
            audit.record(s, self._actor, "entry.delete", target_kind="entry", target_id=entry.id)
        return Changes(entries=True, evidence=True)

    def restore(self, entry_id: str) -> Changes:
        """Bring an entry back from the bin, with its tags and attachments."""
        self._require_learner()
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id, include_deleted=True)
            if entry.deleted_at is None:
                raise InvalidInputError(f"{entry.ref} is not in the bin.")
            entry.deleted_at = None
            audit.record(s, self._actor, "entry.restore", target_kind="entry", target_id=entry.id)
        return Changes(entries=True, evidence=True)

    def empty_bin(self, entry_ids: Collection[str] | None = None) -> Written[int]:
        """Remove entries in the bin for good (all of them, or those in ``entry_ids``); returns
        how many. Only the learner's own choice empties the bin: nothing does it on close."""
        self._require_learner()
        with self._pf.write() as s:
            query = select(Entry).where(Entry.deleted_at.is_not(None))
            if entry_ids is not None:
                query = query.where(Entry.id.in_(list(entry_ids)))
            entries = s.scalars(query).all()
            for entry in entries:
                audit.record(
                    s,
                    self._actor,
                    "entry.purge",
                    target_kind="entry",
                    target_id=entry.id,
                    ref=entry.ref,
                )
                s.delete(entry)
            s.flush()  # the database cascades to the entries' attachment rows
            delete_unused_blobs(s)  # and documents no other entry uses go too
            purged = bool(entries)
            changes = Changes(entries=purged, evidence=purged, attachments=purged)
            return Written(len(entries), changes)

    def purge_deleted(self) -> Written[int]:
        """Empty the whole bin (kept for scripts written against earlier versions)."""
        return self.empty_bin()

    def _require_learner(self) -> None:
        if self._actor.is_reviewer:
            raise ReadOnlyError("In review mode the learner's own text cannot be changed.")


# -- helpers shared by the methods above ------------------------------------------------


def tag_count(session: Session, entry_id: str) -> int:
    """How many criteria the entry is tagged to."""
    query = select(func.count()).select_from(EvidenceLink).where(EvidenceLink.entry_id == entry_id)
    return session.scalar(query) or 0


def next_ref_no(session: Session) -> int:
    """The next entry reference number; references of purged entries are never reused."""
    setting = session.get(Setting, LAST_REF_KEY)
    last = max(
        int(setting.value) if setting else 0, session.scalar(select(func.max(Entry.ref_no))) or 0
    )
    if setting is None:
        setting = Setting(key=LAST_REF_KEY)
        session.add(setting)
    setting.value = str(last + 1)
    return last + 1


def _apply_witness(entry: Entry, witness: Witness) -> None:
    entry.witness_name = validate_text("witness name", witness.name, 200)
    entry.witness_job_title = validate_text("witness job title", witness.job_title, 200)
    entry.witness_relationship = validate_text("witness relationship", witness.relationship, 200)


def _apply_fields(entry: Entry, fields: Mapping[str, object]) -> set[str]:
    """Validate and set fields on an entry; returns the names that actually changed."""
    changed: set[str] = set()

    def put(name: str, value: object) -> None:
        if getattr(entry, name) != value:
            setattr(entry, name, value)
            changed.add(name)

    if "model" in fields:  # first: the sections given with it are the new model's
        target = get_model(fields["model"])
        current = stored_model(entry.model)
        if target.id != entry.model:
            written = sections_from_slots(current, records.slots_of(entry))
            converted = convert(written, current, target)
            new_slots = dict.fromkeys(STORAGE_SLOTS, "") | _slot_texts(target, converted)
            for slot, text in new_slots.items():
                put(slot, text)
            put("model", target.id)
    model = stored_model(entry.model)
    for name, value in fields.items():
        if name == "model":
            continue
        if name == "title":
            put("title", validate_text("title", value, MAX_TITLE))
        elif name == "event_date":
            put("event_date", validate_date(value))
        elif name == "method":
            put("method", validate_method(value))
        elif name == "hours":
            put("hours", validate_hours(value))
        elif name == "status":
            put("status", validate_status(value))
        elif name == "sections":
            if not isinstance(value, Mapping):
                raise InvalidInputError("sections must map section names to text.")
            for key, text in value.items():
                if not isinstance(key, str):
                    raise InvalidInputError(f"section names must be text (got {key!r}).")
                put(model.section(key).slot, validate_text(key, text, MAX_SECTION_CHARS))
        elif name == "witness":
            if not isinstance(value, Witness):
                raise InvalidInputError("witness must have a name, job title and relationship.")
            before = (entry.witness_name, entry.witness_job_title, entry.witness_relationship)
            _apply_witness(entry, value)
            if before != (entry.witness_name, entry.witness_job_title, entry.witness_relationship):
                changed.add("witness")
        else:
            raise InvalidInputError(f"unknown entry field {name!r}.")
    return changed


def _slot_texts(model: ReflectiveModel, sections: Mapping[str, str]) -> dict[str, str]:
    """Every slot column of a new entry: the model's sections in theirs, the rest empty."""
    slots = dict.fromkeys(STORAGE_SLOTS, "")
    for key, text in sections.items():
        slots[model.section(key).slot] = text
    return slots


def _add_tag(session: Session, entry_id: str, tag: TagInput) -> None:
    criterion = resolve_criterion(session, tag.criterion)
    upsert_tag(session, entry_id, criterion.id, tag.justification)
