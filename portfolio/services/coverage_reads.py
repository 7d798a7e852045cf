"""The reads that bring kept coverage up to date after a write: what changed since the last report.

Issue #17: a report after one change must cost the same at 20,000 entries as at 1,000, so these
reads touch only the rows written since the last report (found through ``ix_entry_updated`` and
``ix_attachment_updated``), the tables' counts, and a key that moves whenever a reviewer record is
added. They are plain SQL on the session's connection (``exec_driver_sql``): a dozen small
statements a report, where SQLAlchemy's statement building cost more than SQLite's work. The rows
are mapped to the same records as ``services.records`` maps them (``EntryHead``, ``TagLink``);
``updated_at`` is compared as SQLite stores it (a string), never parsed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from portfolio.domain.assessment import TEXT_WHITESPACE, entry_fingerprint
from portfolio.domain.records import EntryHead, TagLink
from portfolio.domain.reflective import STORAGE_SLOTS
from portfolio.domain.star import SECTION_KEYS
from portfolio.services.records import ROSTER_KEY, facts_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class EntryDelta(NamedTuple):
    """An entry written since a report: its head (None once binned) and raw ``updated_at``."""

    id: str
    head: EntryHead | None
    updated: str


class Counts(NamedTuple):
    """Rows the kept state must agree with: a write that bypassed ``updated_at`` shows here."""

    live_entries: int
    tags: int
    attachments: int


def _rows(s: Session, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    return list(s.connection().exec_driver_sql(sql, tuple(params)).fetchall())


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    # SQLite limits bound parameters per statement; chunks keep a big write safe.
    return [ids[start : start + size] for start in range(0, len(ids), size)]


# records.has_text as SQLite text: whether any section slot holds more than whitespace (the
# same expression, written out so the kept path needs no statement compiled).
_HAS_TEXT = " + ".join(f"length(trim({slot}, ?))" for slot in STORAGE_SLOTS) + " > 0"
_HAS_TEXT_PARAMS = (TEXT_WHITESPACE,) * len(STORAGE_SLOTS)


def entries_since(s: Session, watermark: str) -> list[EntryDelta]:
    """Entries (live or binned) whose ``updated_at`` is at or after ``watermark`` (raw, as
    SQLite stores it), found through ``ix_entry_updated``."""
    rows = _rows(
        s,
        f"SELECT id, ref_no, title, status, updated_at, {_HAS_TEXT}, deleted_at IS NULL, method "
        "FROM entry WHERE updated_at >= ?",
        (*_HAS_TEXT_PARAMS, watermark),
    )
    return [
        EntryDelta(key, EntryHead(key, ref, title, status, bool(text), way) if live else None, at)
        for key, ref, title, status, at, text, live, way in rows
    ]


def latest_update(s: Session) -> str:
    """The largest raw ``updated_at`` of any entry ("" for none)."""
    return str(_rows(s, "SELECT max(updated_at) FROM entry")[0][0] or "")


def links_of(s: Session, entry_ids: Collection[str]) -> dict[str, dict[str, TagLink]]:
    """Entry id -> criterion id -> its tag, for the given entries."""
    found: dict[str, dict[str, TagLink]] = defaultdict(dict)
    for chunk in _chunks(list(entry_ids)):
        marks = ", ".join("?" * len(chunk))
        for row in _rows(
            s,
            "SELECT entry_id, criterion_id, justification FROM evidence_link "
            f"WHERE entry_id IN ({marks})",
            chunk,
        ):
            found[row[0]][row[1]] = TagLink(row[0], row[1], row[2])
    return found


# The fingerprinted columns, in the order records.facts_of reads them (records._entry_rows).
_FACT_COLUMNS = (
    "id, ref_no, title, method, event_date, witness_name, witness_job_title, "
    "witness_relationship, status, updated_at, model, extra, " + ", ".join(SECTION_KEYS)
)


def fingerprints_of(s: Session, entry_ids: Collection[str]) -> dict[str, str]:
    """Entry id -> the current fingerprint of each live entry among ``entry_ids`` (a few: the
    entries a write touched), as ``records.fingerprints`` works it out."""
    found: dict[str, str] = {}
    for chunk in _chunks(list(entry_ids)):
        marks = ", ".join("?" * len(chunk))
        rows = _rows(
            s,
            f"SELECT {_FACT_COLUMNS} FROM entry WHERE id IN ({marks}) AND deleted_at IS NULL",
            chunk,
        )
        tags: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entry_id, criterion_id, justification in _rows(
            s,
            "SELECT entry_id, criterion_id, justification FROM evidence_link "
            f"WHERE entry_id IN ({marks})",
            chunk,
        ):
            tags[entry_id].append((criterion_id, justification))
        files: dict[str, list[str]] = defaultdict(list)
        for entry_id, sha, name, note in _rows(
            s,
            "SELECT entry_id, blob_sha256, filename, note FROM attachment "
            f"WHERE entry_id IN ({marks})",
            chunk,
        ):
            files[entry_id].append(f"{sha} {name} {note}")
        for row in rows:
            values = list(row)
            values[4] = date.fromisoformat(values[4]) if values[4] else None  # as the ORM reads it
            facts = facts_of(values, tags.get(row[0], ()), files.get(row[0], ()))
            found[row[0]] = entry_fingerprint(facts)
    return found


def counts(s: Session) -> Counts:
    """Live entries (all less the binned: SQLite counts those without walking the live ones),
    tags and attachments, in one statement."""
    every, binned, tags, attachments = _rows(
        s,
        "SELECT (SELECT count(*) FROM entry),"
        " (SELECT count(*) FROM entry WHERE deleted_at IS NOT NULL),"
        " (SELECT count(*) FROM evidence_link),"
        " (SELECT count(*) FROM attachment)",
    )[0]
    return Counts(int(every) - int(binned), int(tags), int(attachments))


def attachments_since(s: Session, watermark: str) -> list[tuple[str, str]]:
    """(entry id, raw ``updated_at``) of each attachment added or re-noted at or after
    ``watermark``, found through ``ix_attachment_updated``."""
    return [
        (entry_id, updated)
        for entry_id, updated in _rows(
            s, "SELECT entry_id, updated_at FROM attachment WHERE updated_at >= ?", (watermark,)
        )
    ]


def latest_attachment(s: Session) -> str:
    """The largest raw ``updated_at`` of any attachment ("" for none)."""
    return str(_rows(s, "SELECT max(updated_at) FROM attachment")[0][0] or "")


def attachment_counts(s: Session, entry_ids: Collection[str] | None = None) -> dict[str, int]:
    """Entry id -> how many attachments it has (entries with none are left out); of every
    entry when ``entry_ids`` is None (a walk of ``ix_attachment_entry_id``)."""
    if entry_ids is None:
        rows = _rows(s, "SELECT entry_id, count(*) FROM attachment GROUP BY entry_id")
        return {entry_id: int(n) for entry_id, n in rows}
    found: dict[str, int] = {}
    for chunk in _chunks(list(entry_ids)):
        marks = ", ".join("?" * len(chunk))
        for entry_id, n in _rows(
            s,
            "SELECT entry_id, count(*) FROM attachment "
            f"WHERE entry_id IN ({marks}) GROUP BY entry_id",
            chunk,
        ):
            found[entry_id] = int(n)
    return found


# Reviewer records are only ever added (a judgement, sign-off, sample or observation is never
# edited; a merge adds rows), so their count and largest rowid move with every one; the
# imported roster decides whether each signer is known. A record edited behind the app's back
# is caught, as the issue asks, when the file is next opened (the first report reads it all).
_REVIEWER_TABLES = ("criterion_judgement", "signoff", "iqa_sample", "observation")


def reviewer_key(s: Session) -> tuple[object, ...]:
    """What moves whenever a reviewer record is added or the centre roster changes."""
    parts = ", ".join(
        f"(SELECT count(*) FROM {table}), (SELECT max(rowid) FROM {table})"
        for table in _REVIEWER_TABLES
    )
    row = _rows(s, f"SELECT {parts}, (SELECT value FROM setting WHERE key = ?)", (ROSTER_KEY,))
    return tuple(row[0])
