"""Which criteria does this entry most likely evidence? A lexical ranking that runs offline.

Each criterion becomes one weighted document (BM25F-style): its own text counts most, then the
keywords the framework gives it, its examiner marking points, its learning outcome, and its unit's
title and key terms. Words are stemmed, stop words dropped, and domain phrases become shared
concept terms (resources/writing/synonyms.json). An entry's text is scored against every
criterion with Okapi BM25; the score shown is squashed to 0..1. No network and no model: the
index is built from the framework objects in a few milliseconds and reused.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from portfolio.frameworks.model import Criterion, Framework
from portfolio.writing.kinds import kind_of, strengths
from portfolio.writing.learning import TagModel
from portfolio.writing.phrases import load_writing_data
from portfolio.writing.terms import CONCEPT_PREFIX, TermBag, analyse, analyse_all, generic_stems

# Field weights: how many times a term in each field counts towards a criterion's document.
WEIGHT_TEXT = 3.0
WEIGHT_KEYWORDS = 1.0
WEIGHT_MARKING_POINTS = 0.5
WEIGHT_OUTCOME = 0.5
WEIGHT_UNIT = 0.3
# Okapi BM25 parameters (Robertson & Zaragoza's usual defaults); K3 damps words the learner
# repeats, so a long entry that says "customer" forty times does not drown the rest.
K1 = 1.2
B = 0.75
K3 = 1.0
# A domain concept ("non-verbal communication") is stronger evidence than one shared word.
CONCEPT_BOOST = 1.0
# score = raw / (raw + SCORE_HALF): a raw BM25 score of SCORE_HALF shows as 0.5.
SCORE_HALF = 8.0
MAX_MATCHED = 8
# Words that match most criteria say little about which one an entry evidences: role and place
# nouns (resources/writing/generic_words.json) and any term in GENERIC_SHARE or more of the
# candidate criteria count GENERIC_FACTOR of their weight.
GENERIC_SHARE = 0.6
GENERIC_FACTOR = 0.25
# A criterion about reflection or impact gains up to this much when the entry reads like that
# kind of writing (portfolio.writing.kinds), on top of its 0..1 lexical score.
KIND_WEIGHT = 0.1
# How much the learner's own tagging (portfolio.writing.learning) counts beside the words.
LEARN_WEIGHT = 0.6


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A criterion the text probably evidences, with the learner's words that matched."""

    criterion_id: str
    number: str
    text: str
    unit_id: str
    framework_id: str
    score: float
    matched: tuple[str, ...]
    level: str = ""  # the framework's level, so two enrolled levels can be told apart
    learned: bool = False  # the learner's own tagging moved this criterion up


@dataclass(frozen=True, slots=True)
class _Doc:
    criterion: Criterion
    unit_id: str
    framework_id: str
    level: str
    kind: str | None
    counts: dict[str, float]
    length: float


# Analysed criteria per framework (id, version): rebuilding an index for another selection of
# frameworks, or after enrolment, never re-stems a framework it has seen.
_DOCS: dict[tuple[str, str], tuple[_Doc, ...]] = {}
_INDEXES: dict[tuple[tuple[str, str], ...], CriterionIndex] = {}
_CACHE_LIMIT = 32


def _evidence_wording(criterion_id: str) -> tuple[str, ...]:
    """Seed wording added to one criterion (resources/writing/criterion_evidence.json)."""
    entry = load_writing_data("criterion_evidence")["criteria"].get(criterion_id)
    return tuple(entry["seed_says"]) if entry else ()


def _framework_docs(framework: Framework) -> tuple[_Doc, ...]:
    key = (framework.id, framework.version)
    cached = _DOCS.get(key)
    if cached is not None:
        return cached
    docs: list[_Doc] = []
    for unit in framework.units:
        unit_bag = TermBag()
        analyse(unit.title, unit_bag)
        analyse_all((term.term for term in unit.key_terms), 1.0, unit_bag)
        for outcome in unit.outcomes:
            for criterion in outcome.criteria:
                bag = TermBag()
                analyse(criterion.text, bag, WEIGHT_TEXT)
                analyse_all(criterion.keywords, WEIGHT_KEYWORDS, bag)
                analyse_all(criterion.marking_points, WEIGHT_MARKING_POINTS, bag)
                analyse_all(_evidence_wording(criterion.id), WEIGHT_KEYWORDS, bag)
                analyse(outcome.text, bag, WEIGHT_OUTCOME)
                for term, count in unit_bag.counts.items():
                    bag.counts[term] = bag.counts.get(term, 0.0) + WEIGHT_UNIT * count
                length = sum(bag.counts.values())
                docs.append(
                    _Doc(
                        criterion,
                        unit.id,
                        framework.id,
                        framework.level,
                        kind_of(criterion.text),
                        bag.counts,
                        length,
                    )
                )
    if len(_DOCS) >= _CACHE_LIMIT:
        _DOCS.clear()
    _DOCS[key] = result = tuple(docs)
    return result


class CriterionIndex:
    """A search index over the criteria of one or more frameworks. Build once, query often."""

    __slots__ = ("_avg_length", "_default_idf", "_docs", "_idf", "_postings", "_weight")

    def __init__(self, docs: Sequence[_Doc]) -> None:
        self._docs = tuple(docs)
        self._avg_length = (sum(d.length for d in self._docs) / len(self._docs)) or 1.0
        postings: dict[str, list[tuple[int, float]]] = {}
        for i, doc in enumerate(self._docs):
            for term, count in doc.counts.items():
                postings.setdefault(term, []).append((i, count))
        n = len(self._docs)
        self._postings = postings
        self._idf = {
            term: math.log(1.0 + (n - len(hits) + 0.5) / (len(hits) + 0.5))
            for term, hits in postings.items()
        }
        # A term no criterion uses: as telling as the rarest criterion term.
        self._default_idf = max(self._idf.values(), default=1.0)
        generic = generic_stems()
        self._weight = {
            term: idf * GENERIC_FACTOR
            if term in generic or (n >= 4 and len(postings[term]) >= GENERIC_SHARE * n)
            else idf
            for term, idf in self._idf.items()
        }

    @classmethod
    def build(cls, frameworks: Iterable[Framework]) -> CriterionIndex:
        """The index over these frameworks' criteria (cached per framework id and version)."""
        chosen = list(frameworks)
        key = tuple((f.id, f.version) for f in chosen)
        cached = _INDEXES.get(key)
        if cached is not None:
            return cached
        docs = [doc for framework in chosen for doc in _framework_docs(framework)]
        if len(_INDEXES) >= _CACHE_LIMIT:
            _INDEXES.clear()
        _INDEXES[key] = index = cls(docs)
        return index

    def __len__(self) -> int:
        return len(self._docs)

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        """Every criterion in the index, in framework order."""
        return tuple(doc.criterion.id for doc in self._docs)

    def suggest(
        self,
        text: str,
        *,
        top: int = 5,
        exclude: Collection[str] = (),
        model: TagModel | None = None,
    ) -> list[Suggestion]:
        """The ``top`` criteria the text most likely evidences, best first.

        Criteria whose ids are in ``exclude`` (for example those already tagged) are skipped.
        Only criteria that share at least one term with the text (or that the learner's own
        tagging, ``model``, links to it) are returned, so a short or off-topic text may get
        fewer than ``top`` (or none).
        """
        if top <= 0 or not text or not text.strip():
            return []
        query = analyse(text)
        raw, contributions = self._lexical(query)
        scores = {i: raw[i] / (raw[i] + SCORE_HALF) for i in raw}
        wanted_kinds = {self._docs[i].kind for i in raw} - {None}
        if wanted_kinds:
            shown = strengths(text, (k for k in wanted_kinds if k))
            for i in raw:
                kind = self._docs[i].kind
                if kind:
                    scores[i] += KIND_WEIGHT * shown.get(kind, 0.0)
        learned: set[int] = set()
        if model is not None and not model.empty:
            learned_scores = model.score(text, self._idf, self._default_idf)
            for i, doc in enumerate(self._docs):
                gain = learned_scores.get(doc.criterion.id, 0.0)
                if gain:
                    scores[i] = max(0.0, scores.get(i, 0.0) + LEARN_WEIGHT * gain)
                    if gain > 0:
                        learned.add(i)
        excluded = set(exclude)
        ranked = sorted(
            (i for i in scores if scores[i] > 0 and self._docs[i].criterion.id not in excluded),
            key=lambda i: (-scores[i], self._docs[i].framework_id, self._docs[i].criterion.id),
        )
        return [
            self._suggestion(i, scores[i], contributions.get(i, {}), query, i in learned)
            for i in ranked[:top]
        ]

    def _lexical(self, query: TermBag) -> tuple[dict[int, float], dict[int, dict[str, float]]]:
        """Okapi BM25 of the query against every criterion sharing a term with it."""
        scores: dict[int, float] = {}
        contributions: dict[int, dict[str, float]] = {}
        for term, qtf in query.counts.items():
            hits = self._postings.get(term)
            if not hits:
                continue
            weight = self._weight[term] * (K3 + 1) * qtf / (K3 + qtf)
            if term.startswith(CONCEPT_PREFIX):
                weight *= CONCEPT_BOOST
            for i, tf in hits:
                doc = self._docs[i]
                norm = K1 * (1 - B + B * doc.length / self._avg_length)
                gain = weight * tf * (K1 + 1) / (tf + norm)
                scores[i] = scores.get(i, 0.0) + gain
                contributions.setdefault(i, {})[term] = gain
        return scores, contributions

    def _suggestion(
        self,
        i: int,
        score: float,
        contribution: dict[str, float],
        query: TermBag,
        learned: bool,
    ) -> Suggestion:
        doc = self._docs[i]
        return Suggestion(
            criterion_id=doc.criterion.id,
            number=doc.criterion.number,
            text=doc.criterion.text,
            unit_id=doc.unit_id,
            framework_id=doc.framework_id,
            score=round(min(score, 1.0), 4),
            matched=_matched_phrases(contribution, query),
            level=doc.level,
            learned=learned,
        )


def _matched_phrases(contribution: Mapping[str, float], query: TermBag) -> tuple[str, ...]:
    """The learner's words behind the strongest matching terms, most telling first.

    Words next to each other in the text are shown as one phrase ("eye contact", not "eye" and
    "contact"), and a word inside a phrase already shown is not repeated.
    """
    strongest = sorted(contribution, key=lambda t: -contribution[t])[: MAX_MATCHED * 2]
    pieces = sorted(
        (span, contribution[term] / len(query.spans[term]))
        for term in strongest
        for span in query.spans[term]
    )
    merged: list[tuple[int, int, float]] = []
    for (start, end), gain in pieces:
        if merged:
            last_start, last_end, last_gain = merged[-1]
            between = query.text[last_end:start]
            if start < last_end or (not between.strip(" -") and "\n" not in between):
                merged[-1] = (last_start, max(end, last_end), last_gain + gain)
                continue
        merged.append((start, end, gain))
    merged.sort(key=lambda piece: -piece[2])
    phrases: list[str] = []
    for start, end, _gain in merged:
        phrase = query.text[start:end].lower()
        if phrase not in phrases:
            phrases.append(phrase)
    return tuple(phrases[:MAX_MATCHED])
