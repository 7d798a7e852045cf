"""`portfolio suggest FILE` without SQLAlchemy: the common case read with the standard library.

Ranking a paragraph against a portfolio needs four small reads (the enrolled frameworks, the
learner's tags and rejections, those entries' text or cached term vectors, a centre's weights).
Importing SQLAlchemy and declaring the storage models to make them cost about 0.6 s of CPU, most
of the command's start-up. So, when the file is a plain (not passphrase-protected) SQLite
portfolio already at this version's schema, this module reads it read-only through ``sqlite3``
and builds the same TagModel as ``SuggestionService._build``; a test holds the two rankings
equal. Anything else (an encrypted file, an older schema that must be upgraded first, a file
that is not a portfolio) returns None and the caller takes the ordinary path, which explains
the problem in its own words.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Collection
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfolio.frameworks.loader import parse_framework
from portfolio.frameworks.model import Framework
from portfolio.storage.revisions import head_revision
from portfolio.writing.accuracy import entry_text
from portfolio.writing.learning import MAX_ENTRIES, TagModel, term_vector

CENTRE_WEIGHTS_KEY = "suggestions.centre_weights"  # as services.suggestions
_SLOTS = ("situation", "task", "action", "result", "reflection", "extra")
_SQLITE_HEADER = b"SQLite format 3\x00"
_REF = re.compile(r"^[Ee](\d+)$")


@dataclass(frozen=True, slots=True)
class QuickReading:
    frameworks: list[Framework]
    model: TagModel | None
    exclude: list[str]


def read(path: Path, *, entry: str | None, learn: bool) -> QuickReading | None:
    """What ranking needs from ``path``, or None when the ordinary path must open it."""
    try:
        with path.open("rb") as handle:
            if handle.read(16) != _SQLITE_HEADER:
                return None
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return None
    with closing(connection) as db:
        try:
            (revision,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision != head_revision():
                return None
            frameworks = [
                parse_framework(json.loads(document), f"{path.name}:{fid}", trusted=True)
                for fid, document in db.execute(
                    "SELECT id, document FROM framework ORDER BY position"
                )
            ]
            exclude = _excluded(db, entry) if entry else []
            if exclude is None:
                return None  # no such entry: the ordinary path says so in its words
            model = _model(db) if learn else None
        except (sqlite3.Error, TypeError, ValueError):
            return None  # locked, damaged or odd: the ordinary path says what is wrong
    return QuickReading(frameworks, model, exclude)


def _excluded(db: sqlite3.Connection, entry: str) -> list[str] | None:
    """The entry's tags and rejected criteria (as SuggestionService.excluded_for)."""
    ref = _REF.match(entry.strip())
    row = db.execute(
        "SELECT id FROM entry WHERE (id = ? OR ref_no = ?) AND deleted_at IS NULL",
        (entry.strip(), int(ref.group(1)) if ref else -1),
    ).fetchone()
    if row is None:
        return None
    tagged = db.execute("SELECT criterion_id FROM evidence_link WHERE entry_id = ?", row)
    rejected = db.execute("SELECT criterion_id FROM suggestion_feedback WHERE entry_id = ?", row)
    return sorted({r[0] for r in tagged} | {r[0] for r in rejected})


def _pairs(db: sqlite3.Connection, table: str) -> dict[str, list[str]]:
    pairs: dict[str, list[str]] = {}
    for entry_id, criterion_id in db.execute(
        f"SELECT entry_id, criterion_id FROM {table} ORDER BY entry_id"
    ):
        pairs.setdefault(entry_id, []).append(criterion_id)
    return pairs


def _model(db: sqlite3.Connection) -> TagModel:
    """The TagModel SuggestionService._build makes, from the same rows (nothing is written)."""
    model = TagModel()
    confirmed = _pairs(db, "evidence_link")
    rejected = _pairs(db, "suggestion_feedback")
    wanted = list({**dict.fromkeys(confirmed), **dict.fromkeys(rejected)})[-MAX_ENTRIES:]
    texts: dict[str, str] = {}
    cached: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        for row in db.execute(
            f"SELECT id, {', '.join(_SLOTS)} FROM entry "
            f"WHERE id IN ({marks}) AND deleted_at IS NULL",
            chunk,
        ):
            texts[row[0]] = entry_text(dict(zip(_SLOTS, (t or "" for t in row[1:]), strict=True)))
        for entry_id, digest, terms in db.execute(
            f"SELECT entry_id, text_hash, terms FROM suggestion_vector WHERE entry_id IN ({marks})",
            chunk,
        ):
            cached[entry_id] = (digest, terms)
    # Entries in the order SuggestionService reads them (the database's), so votes tie the same.
    for entry_id, text in texts.items():
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        stored = cached.get(entry_id)
        vector: dict[str, float] = (
            json.loads(stored[1])
            if stored is not None and stored[0] == digest
            else term_vector(text)
        )
        for cid in rejected.get(entry_id, ()):
            model.reject_vector(cid, vector, source=entry_id)
        for cid in confirmed.get(entry_id, ()):
            model.confirm_vector(cid, vector, source=entry_id)
    prior = db.execute("SELECT value FROM setting WHERE key = ?", (CENTRE_WEIGHTS_KEY,)).fetchone()
    if prior and prior[0]:
        try:
            known = {r[0] for r in db.execute("SELECT id FROM criterion")}
            model.set_prior(json.loads(prior[0]), known)
        except ValueError:
            pass  # checked on import; a damaged copy only loses the head start
    return model


def _chunks(ids: Collection[str], size: int = 500) -> list[list[str]]:
    items: list[Any] = list(ids)
    return [items[i : i + size] for i in range(0, len(items), size)]
