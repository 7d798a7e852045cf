"""`portfolio export`, `export --check` and `pack` read without SQLAlchemy (issue #17 item 4).

Importing SQLAlchemy and declaring the storage models costs about 0.45 s of CPU, as much as a
whole plain reportlab process writing the same 100 entries. So when the file is a plain (not
passphrase-protected) portfolio at this version's schema, the export's snapshot, the reviewer
records coverage is judged by and the learner's personal-data choices are read read-only through
``sqlite3`` (services/plain_reads.py opens and checks the file), in one read transaction, and
turned into records by the SAME mapping functions the session path uses
(``records.framework_tree``, ``entry_infos``, ``judgement_rec`` ...; rows carry the models'
attribute names, dates and times converted as the models' column types convert them). Tests
hold the two snapshots, check reports and PDFs equal.

Anything else returns None and the caller takes the ordinary path (``Portfolio.open`` and the
export service), which migrates, refuses or explains in its own words, as before: a missing,
protected, damaged, locked, older or newer file, and exports with progress charts (drawn from
the history and off-the-job services). An unknown unit raises the ordinary path's own error.
Attachment bytes are read afterwards, one short read transaction each, like the session path.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from portfolio.coverage import Decisions
from portfolio.domain import keep_rules
from portfolio.domain.assessment import (
    combine_fingerprint,
    entry_core_digest,
    judgements_in_force,
    signoffs_in_force,
    stamped_entries,
)
from portfolio.domain.enums import EntryStatus
from portfolio.domain.records import CriterionInfo, EntryInfo, FrameworkInfo, LearnerDetails
from portfolio.domain.star import SECTION_KEYS
from portfolio.export.model import Snapshot
from portfolio.export.options import ExportOptions
from portfolio.export.snapshot import build_snapshot, criteria_of
from portfolio.services import records
from portfolio.services.exporting import BlobReader
from portfolio.services.personal_data import KEPT, Choices, refuse_flagged
from portfolio.services.plain_reads import read_current

if TYPE_CHECKING:
    from portfolio.export.check import CheckReport
    from portfolio.export.pack import PackResult
    from portfolio.export.pdf.document import PdfResult
    from portfolio.services.checking import EntriesChecked

# The columns the models read as datetimes (storage.models.base.UTCDateTime: UTC kept without
# a zone) and as dates (sqlalchemy.Date): converted here as those types convert them.
_DATETIMES = frozenset(
    {"created_at", "updated_at", "deleted_at", "read_at", "signed_at", "seen_at", "enrolled_at"}
)
_DATES = frozenset({"event_date", "observed_on"})
_CHUNK = 500  # bound parameters per statement, as records._chunks


class ExportInputs(NamedTuple):
    """What an export reads from the file: its snapshot and the learner's personal-data
    choices (the term list, kept items, remembered replacements)."""

    snapshot: Snapshot
    choices: Choices


def read_export(
    path: Path, options: ExportOptions, *, now: datetime | None = None
) -> ExportInputs | None:
    """The snapshot ``load_snapshot`` builds for ``options`` and the choices
    ``personal_data.choices`` reads, or None when the ordinary path must open the file.

    Raises:
        NotFoundError: a unit named in ``options.units`` is not in the portfolio.
    """
    if options.include_charts:
        return None

    def read(db: sqlite3.Connection) -> ExportInputs:
        return ExportInputs(_snapshot(db, options, now), _choices(db))

    return read_current(path, read)


def export_pdf(
    path: Path,
    out: Path | str,
    options: ExportOptions,
    *,
    before_layout: Callable[[], object] | None = None,
) -> PdfResult | None:
    """``ExportService.export_pdf`` on a plain current file (same refusal, same PDF), or None
    (nothing written) when the ordinary path must open it. ``before_layout`` is called once the
    file is read, checked and the PDF code imported, just before the layout starts."""
    inputs = read_export(path, options)
    if inputs is None:
        return None
    read = inputs.choices
    # before the PDF code is even imported
    refuse_flagged(inputs.snapshot, read.terms, read.kept, read.everywhere)
    from portfolio.export.pdf.document import write_pdf

    if before_layout is not None:
        before_layout()
    return write_pdf(inputs.snapshot, Path(out), blob_reader(path).read)


def pack(
    path: Path,
    out: Path | str,
    options: ExportOptions,
    *,
    before_layout: Callable[[], object] | None = None,
) -> PackResult | None:
    """``ExportService.pack`` on a plain current file (same refusal, same package), or None
    (nothing written) when the ordinary path must open it. ``before_layout`` as for
    ``export_pdf``."""
    inputs = read_export(path, options)
    if inputs is None:
        return None
    read = inputs.choices
    refuse_flagged(inputs.snapshot, read.terms, read.kept, read.everywhere)
    from portfolio.export.pack import write_pack

    if before_layout is not None:
        before_layout()
    return write_pack(inputs.snapshot, Path(out), blob_reader(path).read)


def check(path: Path, options: ExportOptions) -> CheckReport | None:
    """``ExportCheckService.check`` on a plain current file, or None."""
    checked = read_check(path, options)
    return None if checked is None else checked.finish(blob_reader(path).read)


def read_check(path: Path, options: ExportOptions) -> EntriesChecked | None:
    """The check's entries read and checked in the batches the session path uses
    (services.checking), here with sqlite3, or None when the ordinary path must open the file;
    the attachments are checked after (``EntriesChecked.finish``)."""
    if options.include_charts:
        return None
    from portfolio.services import checking  # the detector: only a check loads it
    from portfolio.services.checking import check_entries

    def read(db: sqlite3.Connection) -> EntriesChecked:
        learner, frameworks = _heading(db, options)
        return check_entries(
            learner=learner,
            frameworks=frameworks,
            decisions=_decisions(db),
            batches=_entry_batches(db, options, criteria_of(frameworks), checking.BATCH),
            options=options,
            choices=_choices(db),
        )

    return read_current(path, read)


def blob_reader(path: Path) -> BlobReader:
    """Attachment bytes from ``path``, each read in its own short read transaction."""

    def fetch(sha256: str) -> bytes | None:
        found = read_current(path, lambda db: _blob(db, sha256))
        if found is not None:
            return found[0]
        # Not readable plainly now (locked past the wait, a damaged page, replaced): the
        # ordinary path reads it, or says what is wrong in its own words.
        from portfolio.services.portfolio import Portfolio

        with Portfolio.open(path, read_only=True) as pf, pf.storage.read() as s:
            return records.blob(s, sha256)

    return BlobReader(fetch)


def _blob(db: sqlite3.Connection, sha256: str) -> tuple[bytes | None]:
    row = db.execute("SELECT data FROM blob WHERE sha256 = ?", (sha256,)).fetchone()
    return (None if row is None or row[0] is None else bytes(row[0]),)


# -- the snapshot ---------------------------------------------------------------------------


def _snapshot(db: sqlite3.Connection, options: ExportOptions, now: datetime | None) -> Snapshot:
    learner, frameworks = _heading(db, options)
    drafts = "" if options.include_drafts else " AND status != ?"
    entries = records.entry_infos(
        _rows(
            db,
            f"SELECT * FROM entry WHERE deleted_at IS NULL{drafts} ORDER BY ref_no",
            () if options.include_drafts else (EntryStatus.DRAFT.value,),
        ),
        dict(db.execute("SELECT id, ref FROM unit").fetchall()),
        db.execute("SELECT entry_id, criterion_id, justification FROM evidence_link").fetchall(),
        _rows(db, "SELECT * FROM feedback ORDER BY created_at") if options.include_feedback else (),
        _attachments(db) if options.include_attachments else (),
        criteria_of(frameworks),
        only_tagged=options.units is not None,  # chosen units: only their evidence
    )
    return build_snapshot(
        learner=learner,
        frameworks=frameworks,
        entries=entries,
        decisions=_decisions(db),
        options=options,
        now=now,
    )


def _heading(
    db: sqlite3.Connection, options: ExportOptions
) -> tuple[LearnerDetails, tuple[FrameworkInfo, ...]]:
    """``exporting.read_heading`` read plainly: the learner and the exported frameworks."""
    learner = records.learner_details(_rows(db, "SELECT * FROM learner")[0])
    frameworks = records.framework_tree(
        _rows(db, "SELECT * FROM framework ORDER BY position"),
        _rows(db, "SELECT * FROM unit ORDER BY position"),
        db.execute("SELECT id, unit_id, number, text FROM outcome ORDER BY position").fetchall(),
        db.execute(
            "SELECT id, outcome_id, number, text, sufficiency FROM criterion ORDER BY position"
        ).fetchall(),
        options.units,
    )
    return learner, frameworks


def _entry_batches(
    db: sqlite3.Connection,
    options: ExportOptions,
    criteria: Mapping[str, CriterionInfo],
    size: int,
) -> Iterator[tuple[EntryInfo, ...]]:
    """``records.entry_batches`` read plainly: the exported entries (without feedback) at most
    ``size`` rows at a time, each batch's tags and attachments read by its ids."""
    drafts = "" if options.include_drafts else " AND status != ?"
    unit_refs = dict(db.execute("SELECT id, ref FROM unit").fetchall())
    cursor = db.execute(
        f"SELECT {', '.join(records.ENTRY_COLUMNS)} FROM entry"
        f" WHERE deleted_at IS NULL{drafts} ORDER BY ref_no",
        () if options.include_drafts else (EntryStatus.DRAFT.value,),
    )
    while raw := cursor.fetchmany(size):
        rows = _made(cursor, raw)
        ids = [row.id for row in rows]
        marks = ",".join("?" * len(ids))
        links = db.execute(
            "SELECT entry_id, criterion_id, justification FROM evidence_link"
            f" WHERE entry_id IN ({marks})",
            ids,
        ).fetchall()
        attachments = (
            _attachments(db, f" WHERE attachment.entry_id IN ({marks})", ids)
            if options.include_attachments
            else ()
        )
        yield records.entry_infos(
            rows, unit_refs, links, (), attachments, criteria, only_tagged=options.units is not None
        )


def _attachments(
    db: sqlite3.Connection, where: str = "", params: Sequence[Any] = ()
) -> list[tuple[Any, int]]:
    rows = _rows(
        db,
        "SELECT attachment.*, blob.size AS blob_size FROM attachment"
        f" JOIN blob ON blob.sha256 = attachment.blob_sha256{where}"
        " ORDER BY attachment.created_at, attachment.filename",
        params,
    )
    return [(row, row.blob_size) for row in rows]


def _decisions(db: sqlite3.Connection) -> Decisions:
    """``services.coverage.decisions_in`` read plainly: every judgement, sign-off, IQA sample
    and observation, and the current fingerprints of the entries those in force stamped."""
    setting = db.execute(
        "SELECT value FROM setting WHERE key = ?", (records.ROSTER_KEY,)
    ).fetchone()
    centre = records.roster_from(None if setting is None else setting[0])
    judgements = [
        records.judgement_rec(row, centre)
        for row in _rows(db, "SELECT * FROM criterion_judgement ORDER BY created_at, id")
    ]
    signoffs = [
        records.signoff_rec(row, centre)
        for row in _rows(db, "SELECT * FROM signoff ORDER BY signed_at, id")
    ]
    stamped = stamped_entries(
        judgements_in_force(judgements).values(), signoffs_in_force(signoffs).values()
    )
    return Decisions(
        judgements=judgements,
        signoffs=signoffs,
        samples=[
            records.sample_rec(row, centre)
            for row in _rows(db, "SELECT * FROM iqa_sample ORDER BY created_at, id")
        ],
        fingerprints=_fingerprints(db, stamped),
        observations=[
            records.observation_rec(row, centre)
            for row in _rows(db, "SELECT * FROM observation ORDER BY created_at, id")
        ],
    )


def _fingerprints(db: sqlite3.Connection, entry_ids: Collection[str]) -> dict[str, str]:
    """Entry id -> its current fingerprint, for the live entries among ``entry_ids``
    (``records.fingerprints`` without a cache: the same facts through ``records._facts``)."""
    columns = ", ".join(
        (
            "id, ref_no, title, method, event_date, witness_name, witness_job_title",
            "witness_relationship, status, updated_at, model, extra",
            *SECTION_KEYS,
        )
    )
    result: dict[str, str] = {}
    for chunk in _chunks(sorted(entry_ids)):
        marks = ",".join("?" * len(chunk))
        tags: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entry_id, criterion_id, justification in db.execute(
            "SELECT entry_id, criterion_id, justification FROM evidence_link"
            f" WHERE entry_id IN ({marks})",
            chunk,
        ):
            tags[entry_id].append((criterion_id, justification))
        files: dict[str, list[str]] = defaultdict(list)
        for entry_id, sha, name, note in db.execute(
            "SELECT entry_id, blob_sha256, filename, note FROM attachment"
            f" WHERE entry_id IN ({marks})",
            chunk,
        ):
            files[entry_id].append(f"{sha} {name} {note}")
        for row in db.execute(
            f"SELECT {columns} FROM entry WHERE id IN ({marks}) AND deleted_at IS NULL", chunk
        ):
            facts: Any = list(row)  # the row records._entry_rows reads, event_date as a date
            facts[4] = None if row[4] is None else date.fromisoformat(row[4])
            core = entry_core_digest(records._facts(facts, (), ()))
            result[row[0]] = combine_fingerprint(
                core, tuple(sorted(tags.get(row[0], ()))), tuple(sorted(files.get(row[0], ())))
            )
    return result


# -- the learner's personal-data choices --------------------------------------------------------


def _choices(db: sqlite3.Connection) -> Choices:
    """``personal_data.choices`` read plainly: the term list, kept items, remembered
    replacements and the kept list in force."""
    terms = tuple(row[0] for row in db.execute("SELECT text FROM anonymisation_term"))
    kept: dict[str, set[str]] = defaultdict(set)
    for owner, key in db.execute(
        "SELECT entry_id, text_key FROM personal_data_choice WHERE choice = ?", (KEPT,)
    ):
        kept[owner].add(key)
    memory = dict(db.execute("SELECT text_key, replacement FROM personal_data_memory").fetchall())
    kept_list = [row[0] for row in db.execute("SELECT text FROM kept_text")]
    return Choices(terms, dict(kept), memory, tuple(keep_rules.in_force(kept_list, terms)))


# -- rows -----------------------------------------------------------------------------------------


def _rows(db: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    """The rows of ``sql`` as named tuples with the column names as attributes (the models'
    attribute names), dates and datetimes converted as the models' column types do."""
    cursor = db.execute(sql, params)
    return _made(cursor, cursor)


def _made(cursor: sqlite3.Cursor, raws: Iterable[Sequence[Any]]) -> list[Any]:
    """``raws`` (rows of ``cursor``) as ``_rows`` makes them."""
    names = tuple(d[0] for d in cursor.description)
    make = _row_type(names)
    convert = _converters(names)
    if not convert:
        return [make(row) for row in raws]
    result = []
    for raw in raws:
        row = list(raw)
        for index, function in convert:
            if row[index] is not None:
                row[index] = function(row[index])
        result.append(make(row))
    return result


@cache
def _row_type(names: tuple[str, ...]) -> Callable[[Iterable[Any]], Any]:
    from collections import namedtuple

    make_type: Callable[..., Any] = namedtuple  # field names known only when the query runs
    row_type = make_type("Row", names)
    return cast("Callable[[Iterable[Any]], Any]", row_type._make)


@cache
def _converters(names: tuple[str, ...]) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    found: list[tuple[int, Callable[[Any], Any]]] = []
    for index, name in enumerate(names):
        if name in _DATETIMES:
            found.append((index, records._utc))
        elif name in _DATES:
            found.append((index, date.fromisoformat))
    return tuple(found)


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[start : start + _CHUNK] for start in range(0, len(ids), _CHUNK)]
