"""What a learner's own tagging teaches the suggester: a light model blended with the ranking.

Every tag the learner confirms is a positive example (the entry's text evidences that criterion)
and every suggestion they reject is a negative one. The model keeps, for each criterion, the
mean term vector of its positive examples and of its negative ones (Rocchio's classic relevance
feedback): the vectors are the entry's terms (stems and domain concepts, as the suggester sees
them) with sub-linear counts, unit length. A new text is scored against each criterion by the
dot product of its idf-weighted vector with those means, each trusted in proportion to how many
examples back it, so the model starts from nothing and grows with use.

The means are term weights and nothing else: no entry text, no order of words. A centre can
export them (``export_weights``) so a new learner starts from what the centre's learners taught;
only terms seen in at least ``MIN_ENTRIES_FOR_EXPORT`` different entries leave the file, so a
name or a rare detail typed by one learner never does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from portfolio.writing.terms import CONCEPT_PREFIX, analyse

WEIGHTS_FORMAT = "portfolio-suggestion-weights"
WEIGHTS_VERSION = 1
# A term must come from this many different entries before it may leave the portfolio.
MIN_ENTRIES_FOR_EXPORT = 3
# How many examples make a criterion's mean half-trusted: conf = n / (n + TRUST_HALF).
TRUST_HALF = 2.0
# A rejection counts against a criterion this much, relative to a confirmation for it.
REJECT_WEIGHT = 0.6
# A centre's examples count as this fraction of the learner's own (they are someone else's).
PRIOR_DISCOUNT = 0.5
# Terms kept per criterion mean (the strongest), which bounds memory and the exported file.
MAX_TERMS = 400


def term_vector(text: str) -> dict[str, float]:
    """The unit-length, sub-linear term vector of a text (the model's view of an entry)."""
    counts = analyse(text).counts
    vector = {term: 1.0 + math.log(count) for term, count in counts.items() if count > 0}
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {term: w / norm for term, w in vector.items()}


@dataclass(slots=True)
class _Mean:
    """A running mean of unit vectors, with which entries contributed each term."""

    total: dict[str, float] = field(default_factory=dict)
    count: float = 0.0
    sources: dict[str, set[str]] = field(default_factory=dict)

    def add(self, vector: Mapping[str, float], source: str, weight: float = 1.0) -> None:
        for term, w in vector.items():
            self.total[term] = self.total.get(term, 0.0) + weight * w
            self.sources.setdefault(term, set()).add(source)
        self.count += weight

    def weights(self) -> dict[str, float]:
        if self.count <= 0:
            return {}
        return {term: w / self.count for term, w in self.total.items()}


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A criterion's learned evidence ready for scoring: mean vectors and how far to trust them."""

    positive: dict[str, float]
    positive_trust: float
    negative: dict[str, float]
    negative_trust: float


class TagModel:
    """Per-criterion means of confirmed and rejected entries, plus an optional centre prior.

    Build one per portfolio: ``confirm``/``reject`` as the learner tags, ``score`` while they
    write. Nothing is learned for a criterion until it has an example, so an empty model scores
    every text 0 and the blended ranking is exactly the lexical one.
    """

    __slots__ = ("_compiled", "_negative", "_positive", "_prior")

    def __init__(self) -> None:
        self._positive: dict[str, _Mean] = {}
        self._negative: dict[str, _Mean] = {}
        self._prior: dict[str, tuple[dict[str, float], float, dict[str, float], float]] = {}
        self._compiled: dict[str, _Compiled] | None = None

    # -- learning --------------------------------------------------------------------------

    def confirm(self, criterion_id: str, text: str, *, source: str) -> None:
        """The entry ``source`` with this text evidences the criterion (a tag was kept)."""
        self.confirm_vector(criterion_id, term_vector(text), source=source)

    def reject(self, criterion_id: str, text: str, *, source: str) -> None:
        """The learner said this entry does not evidence the criterion."""
        self.reject_vector(criterion_id, term_vector(text), source=source)

    def confirm_vector(
        self, criterion_id: str, vector: Mapping[str, float], *, source: str
    ) -> None:
        """``confirm`` for an entry whose vector is already known (one vector, many tags)."""
        if vector:
            self._positive.setdefault(criterion_id, _Mean()).add(vector, source)
            self._compiled = None

    def reject_vector(self, criterion_id: str, vector: Mapping[str, float], *, source: str) -> None:
        """``reject`` for an entry whose vector is already known."""
        if vector:
            self._negative.setdefault(criterion_id, _Mean()).add(vector, source)
            self._compiled = None

    @property
    def examples(self) -> int:
        """How many confirmations and rejections the model has learned from (not the prior)."""
        return int(
            sum(m.count for m in self._positive.values())
            + sum(m.count for m in self._negative.values())
        )

    @property
    def empty(self) -> bool:
        """True when scoring would give 0 for every text."""
        return not (self._positive or self._negative or self._prior)

    # -- scoring ---------------------------------------------------------------------------

    def score(
        self,
        text_or_vector: str | Mapping[str, float],
        idf: Mapping[str, float],
        default_idf: float,
    ) -> dict[str, float]:
        """Learned evidence for each criterion the model knows about, roughly -1..1.

        ``idf`` weights the text's terms as the lexical index does (so words that match every
        criterion count for little here too); terms the index has never seen get
        ``default_idf``, since a word the learner keeps using for one criterion is informative
        exactly because the criteria do not use it.
        """
        if self.empty:
            return {}
        vector = term_vector(text_or_vector) if isinstance(text_or_vector, str) else text_or_vector
        query = {term: w * idf.get(term, default_idf) for term, w in vector.items()}
        norm = math.sqrt(sum(w * w for w in query.values())) or 1.0
        scores: dict[str, float] = {}
        for criterion_id, learned in self._compile().items():
            plus = sum(w * learned.positive.get(t, 0.0) for t, w in query.items()) / norm
            minus = sum(w * learned.negative.get(t, 0.0) for t, w in query.items()) / norm
            value = learned.positive_trust * plus - REJECT_WEIGHT * learned.negative_trust * minus
            if value:
                scores[criterion_id] = value
        return scores

    def _compile(self) -> dict[str, _Compiled]:
        if self._compiled is not None:
            return self._compiled
        compiled: dict[str, _Compiled] = {}
        for criterion_id in {*self._positive, *self._negative, *self._prior}:
            pos_mean = self._positive.get(criterion_id, _Mean())
            neg_mean = self._negative.get(criterion_id, _Mean())
            prior = self._prior.get(criterion_id, ({}, 0.0, {}, 0.0))
            positive, n_pos = _blend(pos_mean.weights(), pos_mean.count, prior[0], prior[1])
            negative, n_neg = _blend(neg_mean.weights(), neg_mean.count, prior[2], prior[3])
            compiled[criterion_id] = _Compiled(
                positive=positive,
                positive_trust=n_pos / (n_pos + TRUST_HALF),
                negative=negative,
                negative_trust=n_neg / (n_neg + TRUST_HALF),
            )
        self._compiled = compiled
        return compiled

    # -- sharing ---------------------------------------------------------------------------

    def export_weights(self, frameworks: Mapping[str, str]) -> dict[str, Any]:
        """The learned means as an anonymous JSON-ready document (no entry text).

        ``frameworks`` maps framework id to version, recorded so an importer can tell what the
        criterion ids refer to. Terms backed by fewer than MIN_ENTRIES_FOR_EXPORT entries are
        left out (concept terms, which come from the bundled phrase lists, always stay).
        """
        criteria: dict[str, dict[str, Any]] = {}
        for criterion_id in sorted({*self._positive, *self._negative}):
            record: dict[str, Any] = {}
            for key, means in (("confirmed", self._positive), ("rejected", self._negative)):
                mean = means.get(criterion_id)
                if mean is None or mean.count <= 0:
                    continue
                weights = {
                    term: round(w, 4)
                    for term, w in mean.weights().items()
                    if term.startswith(CONCEPT_PREFIX)
                    or len(mean.sources.get(term, ())) >= MIN_ENTRIES_FOR_EXPORT
                }
                strongest = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
                if strongest:
                    record[key] = {"examples": mean.count, "weights": dict(sorted(strongest))}
            if record:
                criteria[criterion_id] = record
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
        prior: dict[str, tuple[dict[str, float], float, dict[str, float], float]] = {}
        for criterion_id, (pos, n_pos, neg, n_neg) in criteria.items():
            if criterion_id in known:
                prior[criterion_id] = (
                    pos,
                    n_pos * PRIOR_DISCOUNT,
                    neg,
                    n_neg * PRIOR_DISCOUNT,
                )
        self._prior = prior
        self._compiled = None
        return len(prior)


def parse_weights(
    document: Mapping[str, Any],
) -> dict[str, tuple[dict[str, float], float, dict[str, float], float]]:
    """Check and read a weights document: criterion id -> (confirmed means, n, rejected, n).

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
    for criterion_id, record in criteria.items():
        if not isinstance(record, Mapping):
            raise ValueError(f"criterion {criterion_id!r} is not an object")
        parts: list[tuple[dict[str, float], float]] = []
        for key in ("confirmed", "rejected"):
            part = record.get(key)
            if part is None:
                parts.append(({}, 0.0))
                continue
            weights, examples = _part(criterion_id, key, part)
            parts.append((weights, examples))
        result[str(criterion_id)] = (parts[0][0], parts[0][1], parts[1][0], parts[1][1])
    return result


def _part(criterion_id: str, key: str, part: Any) -> tuple[dict[str, float], float]:
    where = f"criterion {criterion_id!r} '{key}'"
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


def _blend(
    own: Mapping[str, float], n_own: float, prior: Mapping[str, float], n_prior: float
) -> tuple[dict[str, float], float]:
    """The mean of the learner's own examples and the centre's, weighted by their counts."""
    total = n_own + n_prior
    if total <= 0:
        return {}, 0.0
    merged: dict[str, float] = {}
    for term, w in own.items():
        merged[term] = w * n_own / total
    for term, w in prior.items():
        merged[term] = merged.get(term, 0.0) + w * n_prior / total
    if len(merged) > MAX_TERMS:
        merged = dict(sorted(merged.items(), key=lambda kv: -kv[1])[:MAX_TERMS])
    return merged, total
