"""The one place that maps portfolio-file rows to the read model's records (domain.records).

Every reader (coverage, reviewing, the PDF export, LEAP2A, the group overview) loads the learner,
the framework tree, entries, tags, feedback, attachments, judgements, sign-offs, IQA samples and
the facts decisions are stamped with through these functions, inside a session its service
opened; no feature package turns these tables into records. Functions take an open ``Session``
and return frozen records, so only ids and records leave the unit of work.

The entry list is read both through a session and, for read-only commands, through plain
``sqlite3`` (services/plain_reads.py, issue #17): its functions take an ``Execute`` (either
driver's ``execute``), so both run the same SQL and map rows through the same functions.
SQLAlchemy, the storage models, signing and the roster are imported inside the functions that use
them, so that plain reader can use this module without importing SQLAlchemy (about 0.35 s).
"""

from __future__ import annotations

import json
import operator
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache, reduce
from typing import TYPE_CHECKING, Any

from portfolio.domain.assessment import (
    TEXT_WHITESPACE,
    combine_fingerprint,
    entry_core_digest,
    stamps_from_json,
)
from portfolio.domain.dto import EntryDetail, EntrySummary, TagDetail
from portfolio.domain.enums import EntryStatus
from portfolio.domain.records import (
    AttachmentInfo,
    CriterionInfo,
    EntryFacts,
    EntryHead,
    EntryInfo,
    FeedbackInfo,
    FrameworkInfo,
    JudgementRec,
    LearnerDetails,
    ObservationRec,
    OutcomeInfo,
    SampleRec,
    SeenRec,
    SignOffRec,
    TagInfo,
    TagLink,
    UnitInfo,
    Witness,
)
from portfolio.domain.reflective import STORAGE_SLOTS, sections_from_slots, stored_model
from portfolio.domain.star import SECTION_KEYS
from portfolio.domain.sufficiency import SufficiencyRule, rule_from_text
from portfolio.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Row
    from sqlalchemy.orm import Session

    from portfolio.review.roster import Roster
    from portfolio.storage.models import Entry, Learner

ROSTER_KEY = "centre_roster"  # the Setting row holding the imported roster's JSON


@cache
def has_text() -> ColumnElement[bool]:
    """SQLite's answer to domain.assessment.has_text: true when any section slot (of any
    reflective model) holds more than whitespace. Asked in SQL so coverage never reads the text
    into Python."""
    from sqlalchemy import func

    from portfolio.storage.models import Entry

    length = reduce(
        operator.add,
        [func.length(func.trim(getattr(Entry, key), TEXT_WHITESPACE)) for key in STORAGE_SLOTS],
    )
    return length > 0


def learner(s: Session) -> LearnerDetails | None:
    from sqlalchemy import select

    from portfolio.storage.models import Learner

    row = s.scalars(select(Learner)).first()
    if row is None:
        return None
    return learner_details(row)


def learner_details(row: Learner) -> LearnerDetails:
    """The learner row as the read model's record."""
    return LearnerDetails(
        name=row.name,
        learner_number=row.learner_number,
        centre=row.centre,
        employer=row.employer,
        registration_number=row.registration_number,
        centre_number=row.centre_number,
        qualification=row.qualification,
        assessor=row.assessor,
        iqa=row.iqa,
    )


def frameworks(s: Session, chosen: Collection[str] | None = None) -> tuple[FrameworkInfo, ...]:
    """The enrolled frameworks as trees, in enrolment order; only the ``chosen`` units (by id
    or reference) when given.

    Raises:
        NotFoundError: a chosen unit is not in the portfolio.
    """
    from sqlalchemy import select

    from portfolio.storage.models import Criterion, FrameworkRecord, Outcome, Unit

    framework_rows = s.scalars(select(FrameworkRecord).order_by(FrameworkRecord.position)).all()
    unit_rows = s.scalars(select(Unit).order_by(Unit.position)).all()
    outcome_rows = s.execute(
        select(Outcome.id, Outcome.unit_id, Outcome.number, Outcome.text).order_by(Outcome.position)
    ).all()
    criterion_rows = s.execute(
        select(
            Criterion.id,
            Criterion.outcome_id,
            Criterion.number,
            Criterion.text,
            Criterion.sufficiency,
        ).order_by(Criterion.position)
    ).all()
    return framework_tree(framework_rows, unit_rows, outcome_rows, criterion_rows, chosen)


def framework_tree(
    framework_rows: Iterable[Any],
    unit_rows: Iterable[Any],
    outcome_rows: Iterable[Sequence[Any]],
    criterion_rows: Iterable[Sequence[Any]],
    chosen: Collection[str] | None = None,
) -> tuple[FrameworkInfo, ...]:
    """The framework trees from their rows, each table in position order: framework and unit
    rows with the models' attribute names, outcomes as (id, unit id, number, text), criteria as
    (id, outcome id, number, text, sufficiency). Both drivers (a session here, plain sqlite3 in
    services/plain_export.py) build the trees through this one function.

    Raises:
        NotFoundError: a chosen unit is not in the portfolio.
    """
    unit_rows = list(unit_rows)
    if chosen is not None:
        wanted = set(chosen)
        known = {u.id for u in unit_rows} | {u.ref for u in unit_rows}
        missing = sorted(wanted - known)
        if missing:
            raise NotFoundError(f"This portfolio has no unit called {missing[0]!r}.")
        unit_rows = [u for u in unit_rows if u.id in wanted or u.ref in wanted]
    outcomes: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for oid, uid, number, text in outcome_rows:
        outcomes[uid].append((oid, number, text))
    criteria: dict[str, list[tuple[str, str, str, SufficiencyRule | None]]] = defaultdict(list)
    for cid, oid, number, text, rule in criterion_rows:
        criteria[oid].append((cid, number, text, rule_from_text(rule)))
    units_by_framework: dict[str, list[UnitInfo]] = defaultdict(list)
    for u in unit_rows:
        units_by_framework[u.framework_id].append(
            UnitInfo(
                id=u.id,
                ref=u.ref,
                title=u.title,
                framework_id=u.framework_id,
                outcomes=tuple(
                    OutcomeInfo(
                        id=oid,
                        number=onum,
                        text=otext,
                        criteria=tuple(
                            CriterionInfo(cid, cnum, ctext, u.id, oid, u.framework_id, rule)
                            for cid, cnum, ctext, rule in criteria[oid]
                        ),
                    )
                    for oid, onum, otext in outcomes[u.id]
                ),
            )
        )
    result = []
    for r in framework_rows:
        if chosen is not None and not units_by_framework.get(r.id):
            continue
        try:
            document = json.loads(r.document)
        except ValueError:
            document = {}
        if not isinstance(document, dict):
            document = {}
        result.append(
            FrameworkInfo(
                id=r.id,
                title=r.title,
                level=r.level,
                version=r.version,
                awarding_body=str(document.get("awarding_body", "")),
                qualifications=tuple(str(q) for q in document.get("qualifications", ())),
                units=tuple(units_by_framework[r.id]),
                status_labels=_status_labels(r.status_labels),
            )
        )
    return tuple(result)


def _status_labels(text: str | None) -> tuple[tuple[str, str], ...]:
    """The stored labels (JSON object text); a damaged value means none, never a failure."""
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return ()
    if not isinstance(value, dict):
        return ()
    return tuple((str(k), str(v)) for k, v in value.items() if isinstance(v, str) and v.strip())


@cache
def _raw_updated() -> ColumnElement[str]:
    """updated_at as SQLite stores it: only compared for change, so not parsed into a datetime
    (which costs more than the rest of the row on a 1,000-entry report)."""
    from sqlalchemy import String, type_coerce

    from portfolio.storage.models import Entry

    return type_coerce(Entry.updated_at, String())


# Entry id -> (updated_at, has text): kept by a service across reports, so a report reads the
# text only of entries written since the last one (the rest comes from the covering index).
TextCache = dict[str, tuple[object, bool]]


def entry_heads(s: Session, cache: TextCache | None = None) -> list[EntryHead]:
    """Every live entry as coverage sees it; only entries changed since ``cache`` was filled
    have their text looked at (whether it has any), so the covering index does the rest."""
    from sqlalchemy import select

    from portfolio.storage.models import Entry

    cache = {} if cache is None else cache
    rows = (
        s.connection()
        .execute(
            select(
                Entry.id, Entry.ref_no, Entry.title, Entry.status, _raw_updated(), Entry.method
            ).where(Entry.deleted_at.is_(None))
        )
        .all()
    )
    changed = [row[0] for row in rows if row[0] not in cache or cache[row[0]][0] != row[4]]
    for chunk in _chunks(changed):
        for key, updated, text in s.connection().execute(
            select(Entry.id, _raw_updated(), has_text()).where(Entry.id.in_(chunk))
        ):
            cache[key] = (updated, bool(text))
    return [
        EntryHead(key, ref, title, status, cache[key][1], method)
        for key, ref, title, status, _, method in rows
    ]


def links(s: Session) -> list[TagLink]:
    """Every evidence link (tag)."""
    from sqlalchemy import select

    from portfolio.storage.models import EvidenceLink

    rows = s.connection().execute(
        select(EvidenceLink.entry_id, EvidenceLink.criterion_id, EvidenceLink.justification)
    )
    return list(map(TagLink._make, rows.all()))


def entries(
    s: Session,
    criteria: Mapping[str, CriterionInfo],
    *,
    include_drafts: bool = True,
    include_feedback: bool = True,
    include_attachments: bool = True,
    only_tagged: bool = False,
    keep_unknown_tags: bool = False,
) -> tuple[EntryInfo, ...]:
    """Live entries in reference order with their tags (in ``criteria`` order), feedback and
    attachments. Tags to criteria outside ``criteria`` are dropped, or kept with an empty number
    and text when ``keep_unknown_tags`` (so an export can show what vanished)."""
    from sqlalchemy import select

    from portfolio.storage.models import Attachment, Blob, Entry, EvidenceLink, Feedback, Unit

    query = select(Entry).where(Entry.deleted_at.is_(None)).order_by(Entry.ref_no)
    if not include_drafts:
        query = query.where(Entry.status != EntryStatus.DRAFT.value)
    rows = s.scalars(query).all()
    unit_refs = dict(s.execute(select(Unit.id, Unit.ref)).tuples().all())
    link_rows = s.execute(
        select(EvidenceLink.entry_id, EvidenceLink.criterion_id, EvidenceLink.justification)
    ).all()
    feedback_rows = (
        s.scalars(select(Feedback).order_by(Feedback.created_at)).all() if include_feedback else ()
    )
    attachment_rows = (
        s.execute(
            select(Attachment, Blob.size)
            .join(Blob, Blob.sha256 == Attachment.blob_sha256)
            .order_by(Attachment.created_at, Attachment.filename)
        )
        .tuples()
        .all()
        if include_attachments
        else ()
    )
    return entry_infos(
        rows,
        unit_refs,
        link_rows,
        feedback_rows,
        attachment_rows,
        criteria,
        only_tagged=only_tagged,
        keep_unknown_tags=keep_unknown_tags,
    )


# What ``entry_infos`` reads of an entry row: every column but ``deleted_at``.
ENTRY_COLUMNS: tuple[str, ...] = (
    "id",
    "ref_no",
    "title",
    "event_date",
    "method",
    "hours",
    "status",
    "model",
    *STORAGE_SLOTS,
    "witness_name",
    "witness_job_title",
    "witness_relationship",
    "created_at",
    "updated_at",
)
# ... and of an attachment row.
ATTACHMENT_COLUMNS: tuple[str, ...] = (
    "id",
    "entry_id",
    "blob_sha256",
    "filename",
    "media_type",
    "note",
)


def entry_batches(
    s: Session,
    criteria: Mapping[str, CriterionInfo],
    *,
    include_drafts: bool = True,
    include_attachments: bool = True,
    only_tagged: bool = False,
    size: int = 500,
) -> Iterator[tuple[EntryInfo, ...]]:
    """``entries`` (without feedback) at most ``size`` rows at a time, for a reader that needs
    one entry at a time and must not hold them all (the check before export): the entry rows
    are streamed (``yield_per``, plain columns, so no ORM object is made or kept), and each
    batch's tags and attachments read by its ids."""
    from sqlalchemy import select

    from portfolio.storage.models import Attachment, Blob, Entry, EvidenceLink, Unit

    query = select(*(getattr(Entry, name) for name in ENTRY_COLUMNS)).where(
        Entry.deleted_at.is_(None)
    )
    if not include_drafts:
        query = query.where(Entry.status != EntryStatus.DRAFT.value)
    unit_refs = dict(s.execute(select(Unit.id, Unit.ref)).tuples().all())
    rows = s.execute(query.order_by(Entry.ref_no).execution_options(yield_per=size))
    for batch in rows.partitions():
        ids = [row.id for row in batch]
        links = s.execute(
            select(
                EvidenceLink.entry_id, EvidenceLink.criterion_id, EvidenceLink.justification
            ).where(EvidenceLink.entry_id.in_(ids))
        ).all()
        attachments = (
            [
                (row, row.blob_size)
                for row in s.execute(
                    select(
                        *(getattr(Attachment, name) for name in ATTACHMENT_COLUMNS),
                        Blob.size.label("blob_size"),
                    )
                    .join(Blob, Blob.sha256 == Attachment.blob_sha256)
                    .where(Attachment.entry_id.in_(ids))
                    .order_by(Attachment.created_at, Attachment.filename)
                )
            ]
            if include_attachments
            else ()
        )
        yield entry_infos(
            batch, unit_refs, links, (), attachments, criteria, only_tagged=only_tagged
        )


def entry_infos(
    rows: Iterable[Any],
    unit_refs: Mapping[str, str],
    link_rows: Iterable[Sequence[Any]],
    feedback_rows: Iterable[Any],
    attachment_rows: Iterable[tuple[Any, int]],
    criteria: Mapping[str, CriterionInfo],
    *,
    only_tagged: bool = False,
    keep_unknown_tags: bool = False,
) -> tuple[EntryInfo, ...]:
    """The entries (rows with the Entry model's attribute names, in reference order) as the
    read model's records, with their tags ((entry id, criterion id, justification) rows),
    feedback (Feedback-like rows, oldest first) and attachments ((Attachment-like row, blob
    size), in order). Both drivers (a session in ``entries``, plain sqlite3 in
    services/plain_export.py) map rows through this one function."""
    order = {c: i for i, c in enumerate(criteria)}
    tags: dict[str, list[TagInfo]] = defaultdict(list)
    for entry_id, criterion_id, justification in link_rows:
        c = criteria.get(criterion_id)
        if c is not None:
            tags[entry_id].append(
                TagInfo(
                    c.id, c.number, c.text, c.unit_id, justification, unit_refs.get(c.unit_id, "")
                )
            )
        elif keep_unknown_tags:
            tags[entry_id].append(TagInfo(criterion_id, "", "", "", justification))
    feedback: dict[str, list[FeedbackInfo]] = defaultdict(list)
    for f in feedback_rows:
        feedback[f.entry_id].append(
            FeedbackInfo(f.id, f.author_name, f.author_role, f.body, f.created_at, f.parent_id)
        )
    files: dict[str, list[AttachmentInfo]] = defaultdict(list)
    for a, size in attachment_rows:
        files[a.entry_id].append(
            AttachmentInfo(a.id, a.entry_id, a.blob_sha256, a.filename, a.media_type, a.note, size)
        )
    last = len(order)
    result = []
    for e in rows:
        entry_tags = sorted(tags.get(e.id, ()), key=lambda t: order.get(t.criterion_id, last))
        if only_tagged and not entry_tags:
            continue
        model = stored_model(e.model)
        result.append(
            EntryInfo(
                id=e.id,
                ref_no=e.ref_no,
                title=e.title,
                event_date=e.event_date,
                method=e.method,
                hours=e.hours,
                status=e.status,
                sections=tuple((x.key, x.label, getattr(e, x.slot) or "") for x in model.sections),
                model=model.id,
                witness=Witness(e.witness_name, e.witness_job_title, e.witness_relationship),
                tags=tuple(entry_tags),
                feedback=tuple(feedback.get(e.id, ())),
                attachments=tuple(files.get(e.id, ())),
                created_at=e.created_at,
                updated_at=e.updated_at,
            )
        )
    return tuple(result)


def blob(s: Session, sha256: str) -> bytes | None:
    """One attachment's bytes (the column is deferred, so listing never loads them)."""
    from sqlalchemy import select

    from portfolio.storage.models import Blob

    data = s.scalar(select(Blob.data).where(Blob.sha256 == sha256))
    return None if data is None else bytes(data)


def judgements(s: Session, centre: Roster | None = None) -> list[JudgementRec]:
    """Every criterion judgement, oldest first; signers are checked against ``centre``
    (the imported roster, records.roster_in) when given."""
    from sqlalchemy import select

    from portfolio.storage.models import CriterionJudgement

    rows = s.scalars(
        select(CriterionJudgement).order_by(CriterionJudgement.created_at, CriterionJudgement.id)
    )
    return [judgement_rec(j, centre) for j in rows]


def judgement_rec(j: Any, centre: Roster | None) -> JudgementRec:
    """A judgement row (CriterionJudgement's attribute names) as its record, signature checked."""
    from portfolio.review import signing

    return JudgementRec(
        id=j.id,
        criterion_id=j.criterion_id,
        judgement=j.judgement,
        reason=j.reason,
        reviewer_name=j.reviewer_name,
        reviewer_role=j.reviewer_role,
        created_at=j.created_at,
        evidence=stamps_from_json(j.evidence),
        **_signature(signing.JUDGEMENT, j, centre),
    )


def signoffs(s: Session, centre: Roster | None = None) -> list[SignOffRec]:
    """Every unit sign-off, oldest first; signers are checked against ``centre``
    (the imported roster, records.roster_in) when given."""
    from sqlalchemy import select

    from portfolio.storage.models import SignOff

    rows = s.scalars(select(SignOff).order_by(SignOff.signed_at, SignOff.id))
    return [signoff_rec(o, centre) for o in rows]


def signoff_rec(o: Any, centre: Roster | None) -> SignOffRec:
    """A sign-off row (SignOff's attribute names) as its record, signature checked."""
    from portfolio.review import signing

    return SignOffRec(
        id=o.id,
        unit_id=o.unit_id,
        reviewer_name=o.reviewer_name,
        reviewer_role=o.reviewer_role,
        signed_at=o.signed_at,
        evidence_fingerprint=o.evidence_fingerprint,
        evidence=stamps_from_json(o.evidence),
        judgements=_judgement_map(o.judgements),
        **_signature(signing.SIGNOFF, o, centre),
    )


def samples(s: Session, centre: Roster | None = None) -> list[SampleRec]:
    """Every IQA sample, oldest first; signers are checked against ``centre``
    (the imported roster, records.roster_in) when given."""
    from sqlalchemy import select

    from portfolio.storage.models import IqaSample

    rows = s.scalars(select(IqaSample).order_by(IqaSample.created_at, IqaSample.id))
    return [sample_rec(x, centre) for x in rows]


def sample_rec(x: Any, centre: Roster | None) -> SampleRec:
    """An IQA sample row (IqaSample's attribute names) as its record, signature checked."""
    from portfolio.review import signing

    return SampleRec(
        id=x.id,
        target_kind=x.target_kind,
        target_id=x.target_id,
        decision=x.decision,
        reason=x.reason,
        reviewer_name=x.reviewer_name,
        reviewer_role=x.reviewer_role,
        created_at=x.created_at,
        **_signature(signing.SAMPLE, x, centre),
    )


def observations(s: Session, centre: Roster | None = None) -> list[ObservationRec]:
    """Every assessor's observation record, oldest first, with its signature checked."""
    from sqlalchemy import select

    from portfolio.storage.models import Observation

    rows = s.scalars(select(Observation).order_by(Observation.created_at, Observation.id))
    return [observation_rec(o, centre) for o in rows]


def observation_rec(o: Any, centre: Roster | None) -> ObservationRec:
    """An observation row (Observation's attribute names) as its record, signature checked."""
    from portfolio.review import signing

    try:
        criteria = tuple(str(c) for c in json.loads(o.criteria))
    except (ValueError, TypeError):
        criteria = ()
    return ObservationRec(
        id=o.id,
        observed_on=o.observed_on,
        place=o.place,
        seen=o.seen,
        criteria=criteria,
        reviewer_name=o.reviewer_name,
        reviewer_role=o.reviewer_role,
        created_at=o.created_at,
        **_signature(signing.OBSERVATION, o, centre),
    )


def seen(s: Session, reviewer_name: str) -> dict[str, SeenRec]:
    """Entry id -> when ``reviewer_name`` last saw it."""
    from sqlalchemy import select

    from portfolio.storage.models import ReviewSeen

    rows = s.scalars(select(ReviewSeen).where(ReviewSeen.reviewer_name == reviewer_name))
    return {r.entry_id: SeenRec(r.entry_id, r.reviewer_name, r.seen_at) for r in rows}


def entry_facts(s: Session, entry_ids: Collection[str]) -> dict[str, EntryFacts]:
    """The fingerprinted facts of the live (not binned) entries among ``entry_ids``."""
    rows = _entry_rows(s, entry_ids)
    tags, files = _tags_and_files(s, list(rows))
    return {
        key: _facts(row, tags.get(key, ()), files.get(key, ())) for key, (_, row) in rows.items()
    }


# Entry id -> (updated_at, digest of the row's fingerprinted columns, (tags, attachments) the
# fingerprint was combined from, the fingerprint): kept by a service across reports, so a report
# after one change re-reads only the entries whose row changed.
CoreCache = dict[str, tuple[object, str, object, str]]


def fingerprints(
    s: Session,
    entry_ids: Collection[str],
    cache: CoreCache | None = None,
    links: Iterable[TagLink] | None = None,
) -> dict[str, str]:
    """Entry id -> its current fingerprint, for the live entries among ``entry_ids``.

    With a ``cache``, an entry's text is read only when its row's ``updated_at`` changed (every
    ORM write of an entry sets it); its tags (from ``links`` when the caller has them all) and
    attachments are always read afresh.
    """
    from sqlalchemy import select

    from portfolio.storage.models import Attachment, Entry

    if not entry_ids:
        return {}
    cache = {} if cache is None else cache
    wanted = set(entry_ids)
    # Whole-table reads of two indexed columns beat IN lists of hundreds of ids.
    stamps: dict[str, object] = {
        key: updated
        for key, updated in s.execute(
            select(Entry.id, _raw_updated()).where(Entry.deleted_at.is_(None))
        ).tuples()
        if key in wanted
    }
    stale = [i for i in stamps if i not in cache or cache[i][0] != stamps[i]]
    for key, (updated, row) in _entry_rows(s, stale).items():
        cache[key] = (updated, entry_core_digest(_facts(row, (), ())), None, "")
    if links is None:
        tags, files = _tags_and_files(s, list(stamps))
    else:
        tags = defaultdict(list)
        for link in links:
            if link.entry_id in stamps:
                tags[link.entry_id].append((link.criterion_id, link.justification))
        files = defaultdict(list)
        for entry_id, sha, name, note in s.execute(
            select(
                Attachment.entry_id, Attachment.blob_sha256, Attachment.filename, Attachment.note
            )
        ).tuples():
            if entry_id in stamps:
                files[entry_id].append(f"{sha} {name} {note}")
    result = {}
    for key in stamps:
        if key not in cache:
            continue
        updated, core, parts, fingerprint = cache[key]
        now = (tuple(sorted(tags.get(key, ()))), tuple(sorted(files.get(key, ()))))
        if parts != now:
            fingerprint = combine_fingerprint(core, *now)
            cache[key] = (updated, core, now, fingerprint)
        result[key] = fingerprint
    return result


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    # SQLite limits bound parameters per statement; chunks keep a big portfolio safe.
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _entry_rows(s: Session, entry_ids: Collection[str]) -> dict[str, tuple[object, Row[Any]]]:
    from sqlalchemy import select

    from portfolio.storage.models import Entry

    rows: dict[str, tuple[object, Row[Any]]] = {}
    for chunk in _chunks(list(entry_ids)):
        for row in s.execute(
            select(
                Entry.id,
                Entry.ref_no,
                Entry.title,
                Entry.method,
                Entry.event_date,
                Entry.witness_name,
                Entry.witness_job_title,
                Entry.witness_relationship,
                Entry.status,
                _raw_updated(),
                Entry.model,
                Entry.extra,
                *(getattr(Entry, key) for key in SECTION_KEYS),
            ).where(Entry.id.in_(chunk), Entry.deleted_at.is_(None))
        ):
            rows[row[0]] = (row[9], row)
    return rows


def _tags_and_files(
    s: Session, entry_ids: list[str], *, with_tags: bool = True
) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[str]]]:
    from sqlalchemy import select

    from portfolio.storage.models import Attachment, EvidenceLink

    tags: dict[str, list[tuple[str, str]]] = defaultdict(list)
    files: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(entry_ids):
        for entry_id, criterion_id, justification in (
            ()
            if not with_tags
            else s.execute(
                select(
                    EvidenceLink.entry_id, EvidenceLink.criterion_id, EvidenceLink.justification
                ).where(EvidenceLink.entry_id.in_(chunk))
            )
        ):
            tags[entry_id].append((criterion_id, justification))
        for entry_id, sha, name, note in s.execute(
            select(
                Attachment.entry_id, Attachment.blob_sha256, Attachment.filename, Attachment.note
            ).where(Attachment.entry_id.in_(chunk))
        ):
            files[entry_id].append(f"{sha} {name} {note}")
    return tags, files


def facts_of(
    row: Sequence[Any], tags: Iterable[tuple[str, str]], files: Iterable[str]
) -> EntryFacts:
    """An entry's fingerprinted facts from its row (the columns ``_entry_rows`` reads, in that
    order, ``event_date`` as a date), its tags and its attachments ("sha256 filename note")."""
    return _facts(row, tags, files)


def _facts(
    row: Row[Any] | Sequence[Any], tags: Iterable[tuple[str, str]], files: Iterable[str]
) -> EntryFacts:
    return EntryFacts(
        id=row[0],
        ref_no=row[1],
        title=row[2],
        method=row[3],
        event_date=row[4],
        witness=(row[5], row[6], row[7]),
        status=row[8],
        # A STAR entry is fingerprinted as before models existed; another model's entry adds
        # its model and sixth slot, so changing model makes a decision on it stale.
        sections=tuple(row[12:])
        if row[10] == "star" and not row[11]
        else (*row[12:], row[11], f"model:{row[10]}"),
        tags=tuple(sorted(tags)),
        attachments=tuple(sorted(files)),
    )


def roster_in(s: Session) -> Roster | None:
    """The centre roster imported into this file, if any (a damaged one counts as none)."""
    from portfolio.storage.models import Setting

    row = s.get(Setting, ROSTER_KEY)
    return roster_from(None if row is None else row.value)


def roster_from(value: str | None) -> Roster | None:
    """The roster Setting's stored value as a roster (none, empty or damaged: None)."""
    from portfolio.review.roster import parse as parse_roster

    if not value:
        return None
    try:
        return parse_roster(value)
    except InvalidInputError:
        return None


def _signature(kind: str, row: object, centre: Roster | None) -> dict[str, str]:
    """Whether a decision's signature matches it, the signing key's fingerprint, and whether
    the centre roster knows that key for that reviewer."""
    from portfolio.review import signing
    from portfolio.review.roster import NO_ROSTER

    key = getattr(row, "public_key", None)
    fingerprint = signing.key_fingerprint(key) if key else ""
    if not fingerprint:
        signer = ""
    elif centre is None:
        signer = NO_ROSTER
    else:
        signer = centre.signer_state(
            str(getattr(row, "reviewer_name", "")),
            str(getattr(row, "reviewer_role", "")),
            fingerprint,
        )
    return {
        "signature_state": signing.state_of(kind, row),
        "signer_key": fingerprint,
        "signer": signer,
    }


def _judgement_map(text: str | None) -> Mapping[str, tuple[str, str]] | None:
    if text is None:
        return None
    try:
        data = json.loads(text)
        return {str(k): (str(v[0]), str(v[1])) for k, v in data.items()}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


# -- entries as the Entries page, `entry show` and `entry list` show them (issues #17, #18) --

# Runs one SQL statement with ``?`` parameters and gives its rows: ``sqlite3.Connection.execute``
# (services/plain_reads.py) or ``on_session(s)``, so both drivers run the same statement.
Execute = Callable[[str, Sequence[Any]], Iterable[Sequence[Any]]]

# The entry list's row: its tag count and unread reviewer feedback counted in SQL.
_SUMMARY_SQL = (
    "SELECT e.id, e.ref_no, e.title, e.event_date, e.method, e.status, e.hours, e.updated_at,"
    " coalesce(t.n, 0), coalesce(f.n, 0), e.deleted_at"
    " FROM entry AS e"
    " LEFT OUTER JOIN (SELECT entry_id, count(*) AS n FROM evidence_link{tags}"
    " GROUP BY entry_id) AS t ON t.entry_id = e.id"
    " LEFT OUTER JOIN (SELECT entry_id, count(*) AS n FROM feedback"
    " WHERE read_at IS NULL AND author_role != 'learner'{feedback}"
    " GROUP BY entry_id) AS f ON f.entry_id = e.id"
    "{where} ORDER BY {order}e.ref_no"
)


def on_session(s: Session) -> Execute:
    """The session's connection as an ``Execute`` (inside the session's transaction)."""
    connection = s.connection()

    def execute(sql: str, params: Sequence[Any]) -> Iterable[Sequence[Any]]:
        return connection.exec_driver_sql(sql, tuple(params))

    return execute


def entry_summaries(
    execute: Execute,
    *,
    include_deleted: bool = False,
    ids: Collection[str] | None = None,
    binned: bool = False,
) -> list[EntrySummary]:
    """Every entry (or only those in ``ids``), in reference order, with its number of tagged
    criteria and unread reviewer feedback. ``binned`` lists only the entries in the bin."""
    where: list[str] = []
    tags = feedback = ""
    params: list[Any] = []
    if ids is not None:  # count only for these entries (an autosave refreshes one row)
        wanted = list(ids)
        marks = ",".join("?" * len(wanted))
        tags = f" WHERE entry_id IN ({marks})"
        feedback = f" AND entry_id IN ({marks})"
        where.append(f"e.id IN ({marks})")
        params = wanted * 3  # the two counts, then the entries
    # With ids, the unary "+" keeps SQLite from the deleted_at and ref_no indexes: it looked
    # the few ids up by scanning every live entry instead (13 ms for 200 of 20,000; 1.7 ms).
    plus = "+" if ids is not None else ""
    if binned:
        where.append(f"{plus}e.deleted_at IS NOT NULL")
    elif not include_deleted:
        where.append(f"{plus}e.deleted_at IS NULL")
    sql = _SUMMARY_SQL.format(
        tags=tags,
        feedback=feedback,
        where=" WHERE " + " AND ".join(where) if where else "",
        order=plus,
    )
    return [entry_summary(row) for row in execute(sql, params)]


def entry_summary(row: Sequence[Any]) -> EntrySummary:
    """One row of the entry list's query as its record (dates as SQLite stores them)."""
    key, ref_no, title, event_date, method, status, hours, updated, tags, unread, deleted = row
    return EntrySummary(
        id=key,
        ref=f"E{ref_no}",
        title=title,
        event_date=None if event_date is None else date.fromisoformat(event_date),
        method=method,
        status=status,
        hours=hours,
        updated_at=_utc(updated),
        criteria_count=tags,
        unread_feedback=unread,
        deleted_at=None if deleted is None else _utc(deleted),
    )


def _utc(stored: str) -> datetime:
    # As storage.models.base.UTCDateTime reads it back: SQLite keeps UTC without a zone.
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def entry_writings(
    execute: Execute, *, include_deleted: bool = True
) -> dict[str, tuple[str, dict[str, str]]]:
    """Every entry's reflective model and sections (key -> text), by id: the text the entry
    list leaves out, for `entry list --json`."""
    sql = f"SELECT id, model, {', '.join(STORAGE_SLOTS)} FROM entry"
    if not include_deleted:
        sql += " WHERE deleted_at IS NULL"
    return dict(entry_writing(row) for row in execute(sql, ()))


def entry_writing(row: Sequence[Any]) -> tuple[str, tuple[str, dict[str, str]]]:
    """(id, model, *slots) as (id, (model id, sections))."""
    model = stored_model(row[1])
    slots = dict(zip(STORAGE_SLOTS, row[2:], strict=True))
    return row[0], (model.id, sections_from_slots(model, slots))


def slots_of(entry: Entry) -> dict[str, str]:
    """An entry's six slot columns (an empty one as "")."""
    return {slot: getattr(entry, slot) or "" for slot in STORAGE_SLOTS}


def tag_detail(
    criterion_id: str, justification: str, number: str | None, text: str | None, unit: str | None
) -> TagDetail:
    """A tag with its criterion (None when the criterion has left the enrolled frameworks)."""
    return TagDetail(
        criterion_id=criterion_id,
        justification=justification,
        number=number or "?",
        text=text or "(this criterion is no longer in an enrolled framework)",
        unit_id=unit or "",
    )


def entry_detail(s: Session, entry: Entry) -> EntryDetail:
    """One entry in full: its text in its model's sections, witness, and tags (by unit, then
    criterion number)."""
    from sqlalchemy import select

    from portfolio.storage.models import Criterion, EvidenceLink

    rows = s.execute(
        select(
            EvidenceLink.criterion_id,
            EvidenceLink.justification,
            Criterion.number,
            Criterion.text,
            Criterion.unit_id,
        )
        .outerjoin(Criterion, Criterion.id == EvidenceLink.criterion_id)
        .where(EvidenceLink.entry_id == entry.id)
    ).tuples()
    tags = sorted(
        (tag_detail(*row) for row in rows), key=lambda t: (t.unit_id, _number_key(t.number))
    )
    model = stored_model(entry.model)
    return EntryDetail(
        id=entry.id,
        ref=entry.ref,
        title=entry.title,
        event_date=entry.event_date,
        method=entry.method,
        hours=entry.hours,
        status=entry.status,
        model=model.id,
        sections=sections_from_slots(model, slots_of(entry)),
        witness=Witness(entry.witness_name, entry.witness_job_title, entry.witness_relationship),
        tags=tuple(tags),
        created_at=entry.created_at,
        updated_at=entry.updated_at,
        deleted=entry.deleted_at is not None,
    )


def _number_key(number: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in number.split("."))
