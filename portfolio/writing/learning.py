"""What a learner's own tagging teaches the suggester: a light model blended with the ranking.

Every tag the learner confirms is a positive example (this entry evidences that criterion) and
every suggestion they reject is a negative one. The model is *nearest entries*: a new text is
compared with each entry the learner has tagged or rejected on (cosine of idf-weighted term
vectors, the terms being stems and domain concepts as the suggester sees them), and only
entries that are really alike (cosine above ``NEAR``) vote: for the criteria confirmed on them,
against the ones rejected. Entries in one workplace share a lot of everyday words, so a loose
vote would push whatever the learner tags most onto every entry; a near-only vote moves a
criterion when the learner has written something like this before, and leaves the lexical
ranking alone otherwise. The model starts from nothing and grows with use.

A centre can share what its learners' tagging taught without sharing any text: per criterion,
the mean term vector of the entries confirmed for it and of those rejected
(``export_weights``). Only terms seen in at least ``MIN_ENTRIES_FOR_EXPORT`` different entries
are written, so a name or a rare detail typed by one learner never leaves the file. A new
learner's model starts from such a file (``set_prior``): each criterion's mean is compared with
the text, and how much closer the text is to one criterion's mean than to the average of the
others counts, with less weight than the learner's own examples.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from portfolio.writing.terms import CONCEPT_PREFIX, term_counts

WEIGHTS_FORMAT = "portfolio-suggestion-weights"
WEIGHTS_VERSION = 1
# A term must come from this many different entries before it may leave the portfolio.
MIN_ENTRIES_FOR_EXPORT = 3
# Entries less alike than this (cosine of idf-weighted vectors) do not vote.
NEAR = 0.35
# A rejection counts against a criterion this much, relative to a confirmation for it.
REJECT_WEIGHT = 1.0
# The centre's means count this much beside the learner's own nearest entries.
PRIOR_WEIGHT = 0.5
# With fewer than three criterion means to average, a text must be at least this alike to one.
PRIOR_FLOOR = 0.2
# A centre mean is trusted n / (n + PRIOR_TRUST_HALF) for n entries behind it.
PRIOR_TRUST_HALF = 5.0
# Terms kept per exported mean (the strongest), which bounds the file.
MAX_TERMS = 400
# Only the most recent entries vote, which bounds the time a suggestion takes.
MAX_ENTRIES = 1000


def term_vector(text: str) -> dict[str, float]:
    """The unit-length, sub-linear term vector of a text (the model's view of an entry)."""
    counts = term_counts(text)
    vector = {term: 1.0 + math.log(count) for term, count in counts.items() if count > 0}
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {term: w / norm for term, w in vector.items()}


@dataclass(slots=True)
class _Example:
    """One entry the learner has tagged or rejected a suggestion on."""

    vector: dict[str, float]
    confirmed: set[str] = field(default_factory=set)
    rejected: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _PriorMean:
    weights: dict[str, float]
    trust: float


class TagModel:
    """The learner's tagged entries (nearest-entry votes) plus an optional centre prior.

    Build one per portfolio: ``confirm``/``reject`` as the learner tags, ``score`` while they
    write. An empty model scores every text 0, so the blended ranking is then exactly the
    lexical one.
    """

    __slots__ = ("_examples", "_norms", "_postings", "_prior_negative", "_prior_positive")

    def __init__(self) -> None:
        self._examples: dict[str, _Example] = {}
        self._postings: dict[str, dict[str, float]] | None = None
        # Each example's idf-weighted length, for the idf table it was worked out with.
        self._norms: tuple[Mapping[str, float], float, dict[str, float]] | None = None
        self._prior_positive: dict[str, _PriorMean] = {}
        self._prior_negative: dict[str, _PriorMean] = {}

    # -- learning --------------------------------------------------------------------------

    def confirm(self, criterion_id: str, text: str, *, source: str) -> None:
        """The entry ``source`` (an id) with this text evidences the criterion."""
        self.confirm_vector(criterion_id, term_vector(text), source=source)

    def reject(self, criterion_id: str, text: str, *, source: str) -> None:
        """The learner said the entry ``source`` does not evidence the criterion."""
        self.reject_vector(criterion_id, term_vector(text), source=source)

    def confirm_vector(
        self, criterion_id: str, vector: Mapping[str, float], *, source: str
    ) -> None:
        """``confirm`` for an entry whose vector is already known (one vector, many tags)."""
        example = self._example(source, vector)
        if example is not None:
            example.confirmed.add(criterion_id)
            example.rejected.discard(criterion_id)

    def reject_vector(self, criterion_id: str, vector: Mapping[str, float], *, source: str) -> None:
        """``reject`` for an entry whose vector is already known."""
        example = self._example(source, vector)
        if example is not None and criterion_id not in example.confirmed:
            example.rejected.add(criterion_id)

    def _example(self, source: str, vector: Mapping[str, float]) -> _Example | None:
        if not vector:
            return None
        example = self._examples.get(source)
        if example is None:
            if len(self._examples) >= MAX_ENTRIES:
                self._examples.pop(next(iter(self._examples)))
            example = self._examples[source] = _Example(dict(vector))
            self._postings = None
            self._norms = None
        return example

    def absorb(self, other: TagModel) -> None:
        """Add another model's examples to this one (a centre pooling its learners' files;
        entry ids are UUIDs, so two files never share a source)."""
        for source, example in other._examples.items():
            mine = self._example(source, example.vector)
            if mine is not None:
                mine.confirmed |= example.confirmed
                mine.rejected |= example.rejected - mine.confirmed

    @property
    def examples(self) -> int:
        """How many confirmations and rejections the model holds (not counting the prior)."""
        return sum(len(e.confirmed) + len(e.rejected) for e in self._examples.values())

    @property
    def empty(self) -> bool:
        """True when scoring would give 0 for every text."""
        return not (self._examples or self._prior_positive or self._prior_negative)

    # -- scoring ---------------------------------------------------------------------------

    def score(
        self,
        text_or_vector: str | Mapping[str, float],
        idf: Mapping[str, float],
        default_idf: float,
    ) -> dict[str, float]:
        """Learned evidence for each criterion the model can say something about (about -1..1).

        ``idf`` weights terms as the lexical index does (so words that match every criterion
        count for little here too); a term the index has never seen gets ``default_idf``: a
        word the learner keeps using is telling exactly because the criteria do not use it.
        """
        if self.empty:
            return {}
        vector = term_vector(text_or_vector) if isinstance(text_or_vector, str) else text_or_vector
        query = {t: w * idf.get(t, default_idf) for t, w in vector.items()}
        norm = math.sqrt(sum(w * w for w in query.values())) or 1.0
        scores: dict[str, float] = {}
        if self._examples:
            self._vote(query, norm, idf, default_idf, scores)
        if self._prior_positive or self._prior_negative:
            self._prior_vote(query, norm, idf, default_idf, scores)
        return {cid: max(-1.0, min(1.0, s)) for cid, s in scores.items() if s}

    def _vote(
        self,
        query: Mapping[str, float],
        norm: float,
        idf: Mapping[str, float],
        default_idf: float,
        scores: dict[str, float],
    ) -> None:
        postings = self._index()
        dots: dict[str, float] = {}
        for term, w in query.items():
            for source, x in postings.get(term, {}).items():
                dots[source] = dots.get(source, 0.0) + w * x * idf.get(term, default_idf)
        norms = self._example_norms(idf, default_idf)
        for source, dot in dots.items():
            example = self._examples[source]
            similarity = dot / (norm * (norms[source] or 1.0))
            if similarity <= NEAR:
                continue
            strength = (similarity - NEAR) / (1.0 - NEAR)
            for cid in example.confirmed:
                scores[cid] = scores.get(cid, 0.0) + strength
            for cid in example.rejected:
                scores[cid] = scores.get(cid, 0.0) - REJECT_WEIGHT * strength

    def _example_norms(self, idf: Mapping[str, float], default_idf: float) -> dict[str, float]:
        cached = self._norms
        if cached is not None and cached[0] is idf and cached[1] == default_idf:
            return cached[2]
        norms = {
            source: math.sqrt(
                sum((x * idf.get(t, default_idf)) ** 2 for t, x in example.vector.items())
            )
            for source, example in self._examples.items()
        }
        self._norms = (idf, default_idf, norms)
        return norms

    def _index(self) -> dict[str, dict[str, float]]:
        if self._postings is None:
            postings: dict[str, dict[str, float]] = {}
            for source, example in self._examples.items():
                for term, x in example.vector.items():
                    postings.setdefault(term, {})[source] = x
            self._postings = postings
        return self._postings

    def _prior_vote(
        self,
        query: Mapping[str, float],
        norm: float,
        idf: Mapping[str, float],
        default_idf: float,
        scores: dict[str, float],
    ) -> None:
        positive = {
            cid: _cosine(query, norm, mean.weights, idf, default_idf)
            for cid, mean in self._prior_positive.items()
        }
        # Only how much closer the text is to one criterion's mean than to the others' counts
        # (every mean shares the everyday words of customer service); with too few means to
        # average, a fixed floor stands in for the average.
        baseline = sum(positive.values()) / len(positive) if len(positive) >= 3 else PRIOR_FLOOR
        for cid, similarity in positive.items():
            if similarity > baseline:
                trust = self._prior_positive[cid].trust
                strength = (similarity - baseline) / (1.0 - baseline)
                scores[cid] = scores.get(cid, 0.0) + PRIOR_WEIGHT * trust * strength
        for cid, mean in self._prior_negative.items():
            similarity = _cosine(query, norm, mean.weights, idf, default_idf)
            if similarity > NEAR:
                strength = (similarity - NEAR) / (1.0 - NEAR)
                scores[cid] = scores.get(cid, 0.0) - PRIOR_WEIGHT * mean.trust * strength

    # -- sharing ---------------------------------------------------------------------------

    def export_weights(self, frameworks: Mapping[str, str]) -> dict[str, Any]:
        """The learned means as an anonymous JSON-ready document (no entry text).

        ``frameworks`` maps framework id to version, recorded so an importer can tell what the
        criterion ids refer to. Terms backed by fewer than MIN_ENTRIES_FOR_EXPORT entries are
        left out (concept terms, which come from the bundled phrase lists, always stay).
        """
        means: dict[tuple[str, str], _Mean] = {}
        for source, example in self._examples.items():
            for key, ids in (("confirmed", example.confirmed), ("rejected", example.rejected)):
                for cid in ids:
                    means.setdefault((cid, key), _Mean()).add(example.vector, source)
        criteria: dict[str, dict[str, Any]] = {}
        for (cid, key), mean in sorted(means.items()):
            weights = {
                term: round(w, 4)
                for term, w in mean.weights().items()
                if term.startswith(CONCEPT_PREFIX)
                or len(mean.sources.get(term, ())) >= MIN_ENTRIES_FOR_EXPORT
            }
            strongest = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
            if strongest:
                criteria.setdefault(cid, {})[key] = {
                    "examples": mean.count,
                    "weights": dict(sorted(strongest)),
                }
        return {
            "format": WEIGHTS_FORMAT,
            "version": WEIGHTS_VERSION,
            "frameworks": dict(sorted(frameworks.items())),
            "criteria": criteria,
        }

    def set_prior(self, document: Mapping[str, Any], known_criteria: Iterable[str]) -> int:
        """Start from a centre's exported weights; returns how many criteria it informs.

        Criteria this portfolio does not have are ignored. Raises ValueError (with a one-line
        reason) when the document is not a weights file this version can read.
        """
        criteria = parse_weights(document)
        known = set(known_criteria)
        self._prior_positive, self._prior_negative = {}, {}
        for cid, (pos, n_pos, neg, n_neg) in criteria.items():
            if cid not in known:
                continue
            if pos and n_pos > 0:
                self._prior_positive[cid] = _PriorMean(pos, n_pos / (n_pos + PRIOR_TRUST_HALF))
            if neg and n_neg > 0:
                self._prior_negative[cid] = _PriorMean(neg, n_neg / (n_neg + PRIOR_TRUST_HALF))
        return len(set(self._prior_positive) | set(self._prior_negative))


@dataclass(slots=True)
class _Mean:
    """A running mean of unit vectors, with which entries contributed each term."""

    total: dict[str, float] = field(default_factory=dict)
    count: int = 0
    sources: dict[str, set[str]] = field(default_factory=dict)

    def add(self, vector: Mapping[str, float], source: str) -> None:
        for term, w in vector.items():
            self.total[term] = self.total.get(term, 0.0) + w
            self.sources.setdefault(term, set()).add(source)
        self.count += 1

    def weights(self) -> dict[str, float]:
        return {term: w / self.count for term, w in self.total.items()} if self.count else {}


def _cosine(
    query: Mapping[str, float],
    query_norm: float,
    mean: Mapping[str, float],
    idf: Mapping[str, float],
    default_idf: float,
) -> float:
    """Cosine of an idf-weighted query with an idf-weighted mean vector."""
    if not mean:
        return 0.0
    dot = sum(w * mean.get(t, 0.0) * idf.get(t, default_idf) for t, w in query.items())
    if not dot:
        return 0.0
    norm = math.sqrt(sum((w * idf.get(t, default_idf)) ** 2 for t, w in mean.items())) or 1.0
    return dot / (query_norm * norm)


def parse_weights(
    document: Mapping[str, Any],
) -> dict[str, tuple[dict[str, float], float, dict[str, float], float]]:
    """Check and read a weights document: criterion id -> (confirmed mean, n, rejected, n).

    Raises ValueError with a one-line reason for anything malformed.
    """
    if not isinstance(document, Mapping) or document.get("format") != WEIGHTS_FORMAT:
        raise ValueError("it is not a suggestion weights file (no 'format' of the right kind)")
    if document.get("version") != WEIGHTS_VERSION:
        raise ValueError(f"it is version {document.get('version')!r}; this app reads version 1")
    criteria = document.get("criteria")
    if not isinstance(criteria, Mapping):
        raise ValueError("its 'criteria' is not an object")
    result: dict[str, tuple[dict[str, float], float, dict[str, float], float]] = {}
    for cid, record in criteria.items():
        if not isinstance(record, Mapping):
            raise ValueError(f"criterion {cid!r} is not an object")
        pos, n_pos = _part(cid, "confirmed", record.get("confirmed"))
        neg, n_neg = _part(cid, "rejected", record.get("rejected"))
        result[str(cid)] = (pos, n_pos, neg, n_neg)
    return result


def _part(cid: str, key: str, part: Any) -> tuple[dict[str, float], float]:
    if part is None:
        return {}, 0.0
    where = f"criterion {cid!r} '{key}'"
    if not isinstance(part, Mapping):
        raise ValueError(f"{where} is not an object")
    examples = part.get("examples")
    weights = part.get("weights")
    if isinstance(examples, bool) or not isinstance(examples, (int, float)) or examples < 0:
        raise ValueError(f"{where} has no valid 'examples' count")
    if not isinstance(weights, Mapping):
        raise ValueError(f"{where} has no 'weights' object")
    clean: dict[str, float] = {}
    for term, w in weights.items():
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w):
            raise ValueError(f"{where} has a weight that is not a number ({term!r})")
        clean[str(term)] = float(w)
    return clean, float(examples)
