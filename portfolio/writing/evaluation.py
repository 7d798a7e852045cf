"""Measures the suggester and the coach against the #23 evaluation sets, honestly.

The sets (tests/fixtures/writing/eval/) were written apart from the code and from the older
labelled set, and each has a ``heldout`` part never looked at while tuning. A suggester *case*
is one entry judged as a learner enrolled on some frameworks would see it: the candidates are
those frameworks' criteria; a hit at k is a labelled criterion among the first k suggestions.
Entries for seed 000 are judged three ways: enrolled on Level 1, on Level 2, and on both.

Beside the app's ranking, every case is ranked by a plain TF-IDF baseline over the *same*
candidates (each criterion's text plus its marking points; scikit-learn's TfidfVectorizer
defaults: lower case, words of two or more letters, smooth idf, unit-length vectors, cosine;
plus the app's own stop-word list, so the baseline is not beaten on "the" and "and"), computed
in the same run. The learning curve replays confirmed tags from the older labelled set
(another writer's entries, standing in for the learner's own history) into a TagModel and
measures top 3 again after 0, 5, 10 and 20 of them.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfolio.frameworks.model import Framework
from portfolio.writing.accuracy import entry_text
from portfolio.writing.learning import TagModel, term_vector
from portfolio.writing.suggest import CriterionIndex
from portfolio.writing.terms import stop_words

KS = (1, 3, 5)
CURVE_POINTS = (0, 5, 10, 20)


@dataclass(frozen=True, slots=True)
class EvalEntry:
    """One entry of an evaluation set."""

    id: str
    split: str
    seed: str
    sections: Mapping[str, str]
    text: str
    labels: Mapping[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Case:
    """One entry ranked against the criteria of ``frameworks`` (a learner's enrolment)."""

    entry: EvalEntry
    unit: str  # "icq-bwrc-l1", or "icq-bwrc-l1+icq-bwrc-l2" for two levels at once
    level: str
    frameworks: tuple[str, ...]
    wanted: frozenset[str]


def load_set(path: Path) -> list[EvalEntry]:
    """Read suggest_set.json (or any file of the same shape)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return [
        EvalEntry(
            id=item["id"],
            split=item["split"],
            seed=item.get("seed", ""),
            sections=item["sections"],
            text=entry_text(item["sections"]),
            labels={fw: frozenset(ids) for fw, ids in item["labels"].items()},
        )
        for item in data["entries"]
    ]


def make_cases(entries: Iterable[EvalEntry], frameworks: Mapping[str, Framework]) -> list[Case]:
    """Every (entry, enrolment) case: one per labelled framework, plus both levels together."""
    cases: list[Case] = []
    for entry in entries:
        labelled = [fid for fid, ids in entry.labels.items() if fid in frameworks]
        for fid in labelled:
            if entry.labels[fid]:
                level = frameworks[fid].level
                cases.append(Case(entry, fid, level, (fid,), entry.labels[fid]))
        if len(labelled) > 1:
            wanted = frozenset().union(*(entry.labels[fid] for fid in labelled))
            if wanted:
                levels = "+".join(frameworks[fid].level for fid in labelled)
                cases.append(Case(entry, "+".join(labelled), levels, tuple(labelled), wanted))
    return cases


# -- the TF-IDF baseline ---------------------------------------------------------------------

_TFIDF_TOKEN = re.compile(r"(?u)\b\w\w+\b")


class TfidfRanker:
    """Plain TF-IDF over criterion text plus marking points (TfidfVectorizer's defaults)."""

    def __init__(self, frameworks: Sequence[Framework]) -> None:
        self._ids: list[str] = []
        self._stops = stop_words()
        docs: list[Counter[str]] = []
        for framework in frameworks:
            for criterion in framework.criteria():
                self._ids.append(criterion.id)
                text = " ".join((criterion.text, *criterion.marking_points))
                docs.append(self._counts(text))
        n = len(docs)
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(doc.keys())
        self._idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
        self._vectors = [self._normalise(doc) for doc in docs]

    def _counts(self, text: str) -> Counter[str]:
        return Counter(w for w in _TFIDF_TOKEN.findall(text.lower()) if w not in self._stops)

    def _normalise(self, counts: Mapping[str, int]) -> dict[str, float]:
        vector = {t: c * self._idf[t] for t, c in counts.items() if t in self._idf}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {t: w / norm for t, w in vector.items()}

    def rank(self, text: str) -> list[str]:
        """Every candidate criterion id, best first (ties in framework order)."""
        query = self._normalise(self._counts(text))
        scores = [sum(w * vec.get(t, 0.0) for t, w in query.items()) for vec in self._vectors]
        order = sorted(range(len(self._ids)), key=lambda i: (-scores[i], i))
        return [self._ids[i] for i in order]


# -- measuring --------------------------------------------------------------------------------

Ranker = Callable[[Case], list[str]]


@dataclass(frozen=True, slots=True)
class Scores:
    """Top-k hit rates over ``cases`` cases."""

    cases: int
    top: Mapping[int, float]

    def as_dict(self) -> dict[str, float]:
        return {"cases": self.cases, **{f"top{k}": round(v, 3) for k, v in self.top.items()}}


def hit_rates(cases: Sequence[Case], ranker: Ranker) -> Scores:
    """Top-1/3/5 of a ranker over cases."""
    hits = dict.fromkeys(KS, 0)
    for case in cases:
        ranked = ranker(case)
        for k in KS:
            hits[k] += bool(case.wanted.intersection(ranked[:k]))
    n = len(cases)
    return Scores(n, {k: (hits[k] / n if n else 0.0) for k in KS})


def app_ranker(frameworks: Mapping[str, Framework], model: TagModel | None = None) -> Ranker:
    """The app's suggester, as the editor asks it (top 5 of the enrolled frameworks)."""

    def rank(case: Case) -> list[str]:
        index = CriterionIndex.build([frameworks[fid] for fid in case.frameworks])
        return [s.criterion_id for s in index.suggest(case.entry.text, top=5, model=model)]

    return rank


def tfidf_ranker(frameworks: Mapping[str, Framework]) -> Ranker:
    """The TF-IDF baseline over the same candidates."""
    rankers: dict[tuple[str, ...], TfidfRanker] = {}

    def rank(case: Case) -> list[str]:
        ranker = rankers.get(case.frameworks)
        if ranker is None:
            ranker = rankers[case.frameworks] = TfidfRanker(
                [frameworks[fid] for fid in case.frameworks]
            )
        return ranker.rank(case.entry.text)

    return rank


def grouped(cases: Sequence[Case], ranker: Ranker, key: Callable[[Case], str]) -> dict[str, Scores]:
    """Hit rates per group (unit, level...)."""
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(key(case), []).append(case)
    return {name: hit_rates(group, ranker) for name, group in sorted(groups.items())}


# -- the learning curve -----------------------------------------------------------------------


def learning_curve(
    cases: Sequence[Case],
    frameworks: Mapping[str, Framework],
    history: Sequence[EvalEntry],
    points: Sequence[int] = CURVE_POINTS,
    *,
    rejections: bool = True,
) -> dict[int, Scores]:
    """Top-k after N confirmed tags replayed from ``history`` (the case's own entry never).

    The replay is a learner using the editor: for each history entry in order, the app
    suggests five criteria for the enrolment; the learner confirms the entry's labelled
    criteria (each counts towards N) and, with ``rejections``, rejects the suggestions in the
    top three that are not labelled. The model then ranks the case.
    """
    results: dict[int, Scores] = {}
    cache: dict[tuple[tuple[str, ...], str, int], TagModel] = {}
    for n in points:
        hits = dict.fromkeys(KS, 0)
        for case in cases:
            key = (case.frameworks, case.entry.id, n)
            model = cache.get(key) or cache.setdefault(
                key, _replay(case, frameworks, history, n, rejections)
            )
            ranked = app_ranker(frameworks, model)(case)
            for k in KS:
                hits[k] += bool(case.wanted.intersection(ranked[:k]))
        total = len(cases)
        results[n] = Scores(total, {k: (hits[k] / total if total else 0.0) for k in KS})
    return results


def _replay(
    case: Case,
    frameworks: Mapping[str, Framework],
    history: Sequence[EvalEntry],
    n: int,
    rejections: bool,
) -> TagModel:
    index = CriterionIndex.build([frameworks[fid] for fid in case.frameworks])
    candidates = set(index.criterion_ids)
    model = TagModel()
    confirmed = 0
    for entry in history:
        if confirmed >= n:
            break
        if entry.id == case.entry.id:
            continue
        wanted = sorted(cid for ids in entry.labels.values() for cid in ids if cid in candidates)
        if not wanted:
            continue
        vector = term_vector(entry.text)
        if rejections:
            shown = index.suggest(entry.text, top=3, model=model)
            for suggestion in shown:
                if suggestion.criterion_id not in wanted:
                    model.reject_vector(suggestion.criterion_id, vector, source=entry.id)
        for cid in wanted[: n - confirmed]:
            model.confirm_vector(cid, vector, source=entry.id)
            confirmed += 1
    return model
