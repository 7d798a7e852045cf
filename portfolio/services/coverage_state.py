"""Coverage kept up to date from what a write changed, instead of re-read and re-judged whole.

Issue #17: after one tag change the report re-read every entry and every tag (468 ms at 20,000
entries). This keeps the last report's inputs (entry heads, tags) and the report cut into its
parts per criterion. After a write it reads only the entries whose ``updated_at`` moved (every
service write of an entry or of its tags sets it) with their tags, checks the tables' counts in
SQL, and asks the rules (``portfolio.coverage.compute_coverage``) again only for the criteria
those entries are tagged to (before and after) and the criteria whose judgement reads
differently now. The rules are never copied here: each part of the report is what
``compute_coverage`` returned for it, and the groups are totalled by coverage's own function.

Whenever the counts disagree with the kept state (an entry binned, restored or imported with an
old date), the frameworks changed, or the rules return a gap kind this module does not know how
to place, the whole report is computed again, so the result is always the one a full
computation gives (tests/core/test_coverage_incremental.py checks that on random edits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portfolio.coverage import Decisions, _Group, _groups, compute_coverage
from portfolio.domain.assessment import judgement_view, judgements_in_force, latest_samples
from portfolio.domain.dto import CoverageReport, CriterionCoverage, Gap, GroupCoverage
from portfolio.domain.records import EntryHead, FrameworkInfo, TagLink
from portfolio.services import records
from portfolio.storage.models import Entry, EvidenceLink

# The report's gaps come in this order of kinds, each kind in criterion order, then the void
# sign-offs, the missing justifications (criterion order) and the untagged entries (reference
# order), as compute_coverage lists them.
FIRST_GAPS: tuple[tuple[str, ...], ...] = (
    ("no_evidence",),
    ("drafts_only",),
    ("insufficient",),
    ("referred_judgement", "stale_judgement"),
)
VOID = "void_signoff"
JUSTIFICATION = "missing_justification"
UNTAGGED = "untagged_entry"
KNOWN_GAPS = {k for kinds in FIRST_GAPS for k in kinds} | {VOID, JUSTIFICATION, UNTAGGED}

# Links of the given entries -> the reviewer records and fingerprints coverage judges by.
Decide = Callable[[Callable[[Collection[str]], list[TagLink]]], Decisions]


class Rebuild(Exception):
    """The kept state cannot be brought up to date from the delta: compute everything."""


@dataclass
class CoverageState:
    """The inputs of the last report and the report cut into its parts."""

    tree: tuple[FrameworkInfo, ...]
    report: CoverageReport
    heads: dict[str, EntryHead] = field(default_factory=dict)  # live entries
    links: dict[str, dict[str, TagLink]] = field(default_factory=dict)  # entry -> criterion ->
    tagged: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # crit -> ids
    link_count: int = 0
    watermark: str = ""  # the largest raw updated_at seen
    gaps_by_criterion: dict[str, list[Gap]] = field(default_factory=dict)
    untagged: dict[str, Gap] = field(default_factory=dict)  # entry id -> its gap

    def links_for(self, entry_ids: Collection[str]) -> list[TagLink]:
        return [link for e in entry_ids for link in self.links.get(e, {}).values()]

    def _set_links(self, entry_id: str, now: dict[str, TagLink]) -> set[str]:
        """Replace an entry's tags; returns the criteria it was or is now tagged to."""
        before = self.links.pop(entry_id, {})
        for criterion_id in before:
            self.tagged[criterion_id].discard(entry_id)
        self.link_count -= len(before)
        if now:
            self.links[entry_id] = now
            for criterion_id in now:
                self.tagged[criterion_id].add(entry_id)
            self.link_count += len(now)
        return set(before) | set(now)


def table_counts(s: Session) -> tuple[int, int]:
    """Live entries and tags, counted by SQLite."""
    live = s.scalar(select(func.count()).select_from(Entry).where(Entry.deleted_at.is_(None)))
    tags = s.scalar(select(func.count()).select_from(EvidenceLink))
    return int(live or 0), int(tags or 0)


def build(s: Session, tree: tuple[FrameworkInfo, ...], decide: Decide) -> CoverageState:
    """The whole report, computed by the rules, with the state to update it from."""
    heads = {h.id: h for h in records.entry_heads(s)}
    by_entry: dict[str, dict[str, TagLink]] = defaultdict(dict)
    for link in records.links(s):
        by_entry[link.entry_id][link.criterion_id] = link
    state = CoverageState(tree, CoverageReport((), (), (), (), ()), heads=heads)
    for entry_id, now in by_entry.items():
        state._set_links(entry_id, now)
    state.watermark = records.latest_update(s)
    state.report = compute_coverage(
        frameworks=tree,
        entries=heads.values(),
        links=(link for by in state.links.values() for link in by.values()),
        decisions=decide(state.links_for),
    )
    for item in state.report.criteria:
        state.gaps_by_criterion[item.id] = []
    for gap in state.report.gaps:
        if gap.kind == UNTAGGED and gap.entry_id is not None:
            state.untagged[gap.entry_id] = gap
        elif gap.kind != VOID and gap.criterion_id in state.gaps_by_criterion:
            state.gaps_by_criterion[gap.criterion_id].append(gap)
    if any(g.kind not in KNOWN_GAPS for g in state.report.gaps):
        raise Rebuild  # a rule this module cannot place: the caller computes whole each time
    return state


def update(s: Session, state: CoverageState, decide: Decide) -> CoverageReport:
    """Bring ``state`` up to date with the file as ``s`` sees it; raises Rebuild if it can't."""
    changed = records.entries_since(s, state.watermark)
    touched = {row.id for row in changed}
    fresh_links = records.links_of(s, touched)
    affected: set[str] = set()
    for row in changed:
        affected |= state._set_links(row.id, fresh_links.get(row.id, {}))
        if row.head is None:
            state.heads.pop(row.id, None)
        else:
            state.heads[row.id] = row.head
        state.watermark = max(state.watermark, row.updated)
    if table_counts(s) != (len(state.heads), state.link_count):
        raise Rebuild
    decisions = decide(state.links_for)
    affected |= _judged_differently(state.report, decisions)
    criteria_ids = {c.id for c in state.report.criteria}
    affected &= criteria_ids
    entries = {e for c in affected for e in state.tagged.get(c, ())}
    partial = compute_coverage(
        frameworks=state.tree,
        entries=[state.heads[e] for e in entries if e in state.heads],
        links=[state.links[e][c] for c in affected for e in state.tagged.get(c, ())],
        decisions=decisions,
    )
    if any(g.kind not in KNOWN_GAPS for g in partial.gaps):
        raise Rebuild
    for criterion_id in affected:
        state.gaps_by_criterion[criterion_id] = [
            g for g in partial.gaps if g.criterion_id == criterion_id and g.kind != UNTAGGED
        ]
    _untagged_again(state, touched, criteria_ids)
    fresh = {c.id: c for c in partial.criteria if c.id in affected}
    criteria = tuple(fresh.get(c.id, c) for c in state.report.criteria)
    state.report = CoverageReport(  # new, so its criterion() index starts empty
        criteria=criteria,
        frameworks=_totals(partial.frameworks, criteria, lambda c: c.framework_id),
        units=_totals(partial.units, criteria, lambda c: c.unit_id),
        outcomes=_totals(partial.outcomes, criteria, lambda c: c.outcome_id),
        gaps=_gaps(state, criteria, partial),
        signoffs=partial.signoffs,
    )
    return state.report


def _judged_differently(report: CoverageReport, decisions: Decisions) -> set[str]:
    """Criteria whose judgement in force reads differently from the kept report's."""
    samples = latest_samples(decisions.samples)
    in_force = judgements_in_force(decisions.judgements)
    differ = set()
    for item in report.criteria:
        judgement = in_force.get(item.id)
        view = (
            None
            if judgement is None
            else judgement_view(judgement, decisions.fingerprints, samples)
        )
        if view != item.judgement:
            differ.add(item.id)
    return differ


def _untagged_again(state: CoverageState, entries: set[str], criteria: set[str]) -> None:
    """The untagged-entry gaps of the written entries, worded by the rules."""
    for entry_id in entries:
        state.untagged.pop(entry_id, None)
    lone = [
        state.heads[e]
        for e in entries
        if e in state.heads and criteria.isdisjoint(state.links.get(e, ()))
    ]
    if lone:
        for gap in compute_coverage(frameworks=(), entries=lone, links=()).gaps:
            if gap.kind == UNTAGGED and gap.entry_id is not None:
                state.untagged[gap.entry_id] = gap


def _gaps(
    state: CoverageState, criteria: tuple[CriterionCoverage, ...], partial: CoverageReport
) -> tuple[Gap, ...]:
    gaps: list[Gap] = []
    for kinds in FIRST_GAPS:
        for item in criteria:
            gaps.extend(g for g in state.gaps_by_criterion.get(item.id, ()) if g.kind in kinds)
    gaps.extend(g for g in partial.gaps if g.kind == VOID)
    for item in criteria:
        gaps.extend(g for g in state.gaps_by_criterion.get(item.id, ()) if g.kind == JUSTIFICATION)
    gaps.extend(sorted(state.untagged.values(), key=lambda g: state.heads[g.entry_id or ""].ref_no))
    return tuple(gaps)


def _totals(
    groups: Iterable[GroupCoverage],
    criteria: tuple[CriterionCoverage, ...],
    key: Callable[[CriterionCoverage], str],
) -> tuple[GroupCoverage, ...]:
    """Groups totalled again by coverage's own function, over the merged criteria."""
    return _groups([_Group(g.id, g.label, g.parent_id) for g in groups], list(criteria), key)
