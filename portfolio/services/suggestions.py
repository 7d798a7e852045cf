"""Suggestions that learn: the learner's confirmed tags and rejected suggestions, the centre's
shared weights, and the ranking that blends them with the lexical suggester.

Confirmed tags are the portfolio's evidence links; rejections live in ``suggestion_feedback``;
a centre's anonymous weights file (portfolio.writing.learning) is kept in the portfolio's
settings, so the file stays self-contained. The model is built from the file the first time a
suggestion needs it and kept up to date by this service's own writes; a tag added or removed
elsewhere (TaggingService, another window) is noticed by a cheap fingerprint query.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes, Written
from portfolio.errors import InvalidInputError, NotFoundError, PortfolioError, ReadOnlyError
from portfolio.frameworks.model import Framework
from portfolio.memory import return_freed_memory
from portfolio.services import audit
from portfolio.services.lookup import resolve_criterion, resolve_entry
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import (
    Entry,
    EvidenceLink,
    Setting,
    SuggestionFeedback,
    SuggestionVector,
)
from portfolio.writing.accuracy import entry_text
from portfolio.writing.learning import MAX_ENTRIES, TagModel, parse_weights, term_vector
from portfolio.writing.suggest import CriterionIndex, Suggestion

CENTRE_WEIGHTS_KEY = "suggestions.centre_weights"
MAX_WEIGHTS_BYTES = 20 * 1024 * 1024
_SECTIONS = ("situation", "task", "action", "result", "reflection")


class SuggestionService:
    """Rank criteria for a text with what this portfolio's tagging has taught."""

    def __init__(self, pf: PortfolioFile, actor: Actor) -> None:
        self._pf = pf
        self._actor = actor
        self._model: TagModel | None = None
        self._fingerprint: tuple[Any, ...] | None = None
        # Rejections are written on the UI's writer lane while the editor asks for suggestions
        # on the GUI thread: the in-memory model is read and changed under this lock.
        self._lock = threading.RLock()

    # -- ranking ---------------------------------------------------------------------------

    def suggest(
        self,
        text: str,
        frameworks: Sequence[Framework],
        *,
        top: int = 5,
        exclude: Collection[str] = (),
        learn: bool = True,
    ) -> list[Suggestion]:
        """The criteria of ``frameworks`` the text most likely evidences, best first; with
        ``learn`` the portfolio's own tagging (and any centre weights) move the ranking."""
        index = CriterionIndex.build(frameworks)
        if not learn:
            return index.suggest(text, top=top, exclude=exclude, model=None)
        with self._lock:
            return index.suggest(text, top=top, exclude=exclude, model=self.model())

    def model_built(self) -> bool:
        """Whether the learned model exists already (the app builds the first one off the GUI
        thread; later rebuilds start from the cached term vectors and are quick)."""
        return self._model is not None

    def model(self) -> TagModel:
        """The learned model, rebuilt only when the tags or rejections changed."""
        with self._lock:
            fingerprint = self._current_fingerprint()
            if self._model is None or fingerprint != self._fingerprint:
                self._model = self._build()
                self._fingerprint = fingerprint
                # Building read every tag and up to 1,000 entries' texts: give the working
                # memory back (issue #17; the first build runs on a worker thread).
                return_freed_memory()
            return self._model

    # -- feedback --------------------------------------------------------------------------

    def reject(self, *, entry_id: str, criterion: str) -> Written[bool]:
        """Record that the entry does not evidence this criterion (the learner said "not
        this"); the value is False if it was already rejected. A criterion the entry is tagged
        to cannot be rejected: untag it first."""
        self._require_learner()
        with self._lock:
            return self._reject(entry_id, criterion)

    def _reject(self, entry_id: str, criterion: str) -> Written[bool]:
        # The model can take this one rejection in place only if nothing else changed since it
        # was built (a tag added elsewhere would otherwise never reach it).
        in_step = self._model is not None and self._current_fingerprint() == self._fingerprint
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id)
            found = resolve_criterion(s, criterion)
            if _tagged(s, entry.id, found.id):
                raise InvalidInputError(
                    f"Entry {entry_id} is tagged to {found.number}; remove the tag before "
                    "rejecting it as a suggestion."
                )
            if _rejection(s, entry.id, found.id) is not None:
                return Written(False, Changes())
            s.add(SuggestionFeedback(entry_id=entry.id, criterion_id=found.id))
            audit.record(
                s,
                self._actor,
                "suggestion.reject",
                target_kind="entry",
                target_id=entry.id,
                criterion=found.id,
            )
            text = _text_of(entry)
        if in_step and self._model is not None:
            self._model.reject(found.id, text, source=entry.id)
            self._fingerprint = self._current_fingerprint()
        else:
            self._model = None
        return Written(True, Changes(suggestions=True, entry_ids=(entry.id,)))

    def unreject(self, *, entry_id: str, criterion: str) -> Written[bool]:
        """Forget a rejection; the value is False if there was none."""
        self._require_learner()
        with self._pf.write() as s:
            entry = resolve_entry(s, entry_id)
            row = _rejection(s, entry.id, criterion.strip())
            if row is None:
                return Written(False, Changes())
            s.delete(row)
            audit.record(
                s,
                self._actor,
                "suggestion.unreject",
                target_kind="entry",
                target_id=entry.id,
                criterion=row.criterion_id,
            )
        with self._lock:
            self._model = None
        return Written(True, Changes(suggestions=True, entry_ids=(entry.id,)))

    def excluded_for(self, entry_id: str) -> tuple[str, list[str]]:
        """An entry's id and the criteria not to suggest for it: its tags and its rejections."""
        with self._pf.read() as s:
            entry = resolve_entry(s, entry_id)
            tagged = s.scalars(
                select(EvidenceLink.criterion_id).where(EvidenceLink.entry_id == entry.id)
            )
            turned_down = s.scalars(
                select(SuggestionFeedback.criterion_id).where(
                    SuggestionFeedback.entry_id == entry.id
                )
            )
            return entry.id, sorted({*tagged, *turned_down})

    def rejected(self, entry_id: str) -> list[str]:
        """Criterion ids rejected for an entry (the panel leaves them out)."""
        with self._pf.read() as s:
            entry = resolve_entry(s, entry_id)
            return list(
                s.scalars(
                    select(SuggestionFeedback.criterion_id)
                    .where(SuggestionFeedback.entry_id == entry.id)
                    .order_by(SuggestionFeedback.criterion_id)
                )
            )

    # -- the centre's weights --------------------------------------------------------------

    def export_weights(self, frameworks: Sequence[Framework]) -> dict[str, Any]:
        """This portfolio's learning as an anonymous weights document (no entry text)."""
        return self.model().export_weights({f.id: f.version for f in frameworks})

    def import_weights(self, document: Any) -> Written[int]:
        """Keep a centre's weights in this portfolio so suggestions start from them; the value
        is how many of its criteria the file informs. Raises InvalidInputError and changes
        nothing when the document is not a weights file."""
        self._require_learner()
        try:
            parse_weights(document)
        except ValueError as exc:
            raise InvalidInputError(f"The weights file cannot be used: {exc}.") from None
        known = self._criterion_ids()
        informed = sum(1 for cid in document["criteria"] if cid in known)
        with self._pf.write() as s:
            setting = s.get(Setting, CENTRE_WEIGHTS_KEY) or Setting(key=CENTRE_WEIGHTS_KEY)
            setting.value = json.dumps(document, separators=(",", ":"))
            s.add(setting)
            audit.record(
                s,
                self._actor,
                "suggestion.import_weights",
                target_kind="learner",
                target_id="",
                criteria=informed,
            )
        with self._lock:
            self._model = None
        return Written(informed, Changes(suggestions=True))

    # -- internals -------------------------------------------------------------------------

    def _current_fingerprint(self) -> tuple[Any, ...]:
        with self._pf.read() as s:
            tags = s.execute(
                select(func.count(), func.max(EvidenceLink.updated_at)).select_from(EvidenceLink)
            ).one()
            rejections = s.execute(
                select(func.count(), func.max(SuggestionFeedback.updated_at)).select_from(
                    SuggestionFeedback
                )
            ).one()
            prior = s.scalar(
                select(func.length(Setting.value)).where(Setting.key == CENTRE_WEIGHTS_KEY)
            )
        # Edits to an entry's text do not rebuild the model (it would on every autosave):
        # the model catches up with them at the next change of tags or rejections.
        return (tuple(tags), tuple(rejections), prior)

    def _build(self) -> TagModel:
        model = TagModel()
        with self._pf.read() as s:
            confirmed = _pairs(s, EvidenceLink.entry_id, EvidenceLink.criterion_id)
            rejected = _pairs(s, SuggestionFeedback.entry_id, SuggestionFeedback.criterion_id)
            wanted = list({**dict.fromkeys(confirmed), **dict.fromkeys(rejected)})[-MAX_ENTRIES:]
            texts = {
                row.id: entry_text({key: getattr(row, key) or "" for key in _SECTIONS})
                for row in s.execute(
                    select(Entry.id, *(getattr(Entry, key) for key in _SECTIONS)).where(
                        Entry.id.in_(wanted), Entry.deleted_at.is_(None)
                    )
                )
            }
            cached = {
                row.entry_id: (row.text_hash, row.terms)
                for row in s.scalars(
                    select(SuggestionVector).where(SuggestionVector.entry_id.in_(list(texts)))
                )
            }
            prior_text = s.scalar(select(Setting.value).where(Setting.key == CENTRE_WEIGHTS_KEY))
        fresh: dict[str, tuple[str, dict[str, float]]] = {}
        for entry_id, text in texts.items():
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            stored = cached.get(entry_id)
            if stored is not None and stored[0] == digest:
                vector: dict[str, float] = json.loads(stored[1])
            else:
                vector = term_vector(text)
                fresh[entry_id] = (digest, vector)
            for cid in rejected.get(entry_id, ()):
                model.reject_vector(cid, vector, source=entry_id)
            for cid in confirmed.get(entry_id, ()):
                model.confirm_vector(cid, vector, source=entry_id)
        if fresh:
            self._store_vectors(fresh)
        if prior_text:
            try:
                model.set_prior(json.loads(prior_text), self._criterion_ids())
            except ValueError:
                pass  # checked on import; a damaged copy only loses the head start
        return model

    def _store_vectors(self, fresh: Mapping[str, tuple[str, dict[str, float]]]) -> None:
        """Keep newly analysed entries' vectors, so the next build need not analyse them."""
        if self._pf.read_only:
            return
        try:
            with self._pf.write() as s:
                for entry_id, (digest, vector) in fresh.items():
                    row = s.get(SuggestionVector, entry_id) or SuggestionVector(entry_id=entry_id)
                    row.text_hash = digest
                    row.terms = json.dumps(vector, separators=(",", ":"))
                    s.add(row)
        except PortfolioError:
            pass  # only a cache: the next build analyses those entries again

    def _criterion_ids(self) -> set[str]:
        from portfolio.storage.models import Criterion

        with self._pf.read() as s:
            return set(s.scalars(select(Criterion.id)))

    def _require_learner(self) -> None:
        if self._actor.is_reviewer:
            raise ReadOnlyError("In review mode the learner's suggestions cannot be changed.")


def _pairs(session: Session, entry_column: Any, criterion_column: Any) -> dict[str, list[str]]:
    # Streamed, with one string per criterion id shared by all its rows: every tag of 20,000
    # entries as rows and strings held about 14 MB while the model was built (issue #17).
    pairs: dict[str, list[str]] = {}
    shared: dict[str, str] = {}
    rows = session.execute(
        select(entry_column, criterion_column).order_by(entry_column),
        execution_options={"yield_per": 2000},
    )
    for entry_id, criterion_id in rows:
        pairs.setdefault(entry_id, []).append(shared.setdefault(criterion_id, criterion_id))
    return pairs


def _tagged(session: Session, entry_id: str, criterion_id: str) -> bool:
    return (
        session.scalars(
            select(EvidenceLink.id).where(
                EvidenceLink.entry_id == entry_id, EvidenceLink.criterion_id == criterion_id
            )
        ).first()
        is not None
    )


def _rejection(session: Session, entry_id: str, criterion_id: str) -> SuggestionFeedback | None:
    return session.scalars(
        select(SuggestionFeedback).where(
            SuggestionFeedback.entry_id == entry_id,
            SuggestionFeedback.criterion_id == criterion_id,
        )
    ).first()


def _text_of(entry: Entry) -> str:
    # The same text the model's vectors are made of (and hashed from) in _build.
    return entry_text({key: getattr(entry, key) or "" for key in _SECTIONS})


def read_weights_file(path: Path) -> Any:
    """A weights document from a JSON file, with one-line errors for anything unreadable."""
    if not path.is_file():
        raise NotFoundError(f"There is no file at {path}.")
    if path.stat().st_size > MAX_WEIGHTS_BYTES:
        raise InvalidInputError(f"{path.name} is too large for a weights file.")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path.name} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{path.name} is not valid JSON (line {exc.lineno}).") from None
    try:
        parse_weights(document)
    except ValueError as exc:
        raise InvalidInputError(f"{path.name} cannot be used: {exc}.") from None
    return document


def merged_weights(models: Sequence[TagModel], frameworks: Sequence[Framework]) -> dict[str, Any]:
    """One anonymous weights document from several learners' models (a centre's export)."""
    combined = TagModel()
    for model in models:
        combined.absorb(model)
    return combined.export_weights({f.id: f.version for f in frameworks})


class SuggestionReader:
    """One portfolio opened read-only for ranking, without the rest of the services.

    `portfolio suggest FILE` is timed whole-process; importing every service (attachments,
    export, review...) to rank a paragraph cost a fifth of it. Use as a context manager.
    """

    def __init__(self, path: Path, *, passphrase: str | None = None) -> None:
        from portfolio.services.enrolment import EnrolmentService

        self.storage = PortfolioFile.open(path, read_only=True, passphrase=passphrase)
        reader = Actor("")
        self.enrolment = EnrolmentService(self.storage, reader)
        self.suggestions = SuggestionService(self.storage, reader)

    def close(self) -> None:
        self.storage.close()

    def __enter__(self) -> SuggestionReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
