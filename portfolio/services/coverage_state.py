"""Coverage kept up to date from what a write changed, instead of re-read and re-judged whole.

Issue #17: after one tag change the report re-read every entry and every tag (468 ms at 20,000
entries), and then re-judged every entry tagged to the criteria the change touched. This keeps
the last report's inputs (entry heads, tags), the per-criterion aggregates of
``portfolio.coverage.Tallies`` and the report cut into per-criterion parts. After a write it
reads only the entries whose ``updated_at`` moved (every service write of an entry or of its
tags sets it; found through ``ix_entry_updated``) with their tags, checks the tables' counts in
SQL, takes those entries out of the tallies as they were and puts them back as they are, and
asks the rules (``portfolio.coverage.criterion_part``) again only for the criteria those entries
were/are tagged to and the criteria whose judgement or observations read differently now. The
report is put together by coverage's own ``assemble``. No rule is written here: this module
only decides which parts to ask for again.

Whenever the counts disagree with the kept state (an entry binned, restored or imported with an
old date) or the frameworks changed, the whole report is computed again, so the result is always
the one a full computation gives (tests/core/test_coverage_incremental.py checks that on random
edits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portfolio.coverage import (
    CriterionPart,
    Decisions,
    Judged,
    Scope,
    Tallies,
    assemble,
    criterion_part,
)
from portfolio.domain.dto import CoverageReport
from portfolio.domain.records import EntryHead, FrameworkInfo, TagLink
from portfolio.services import records
from portfolio.storage.models import Entry, EvidenceLink

# Links of the given entries -> the reviewer records and fingerprints coverage judges by.
Decide = Callable[[Callable[[Collection[str]], list[TagLink]]], Decisions]


class Rebuild(Exception):
    """The kept state cannot be brought up to date from the delta: compute everything."""


@dataclass
class CoverageState:
    """The inputs of the last report, the per-criterion tallies and the report's parts."""

    tree: tuple[FrameworkInfo, ...]
    scope: Scope
    tallies: Tallies
    report: CoverageReport
    heads: dict[str, EntryHead] = field(default_factory=dict)  # live entries
    # entry (live or binned) -> criterion -> its tag
    links: dict[str, dict[str, TagLink]] = field(default_factory=dict)
    link_count: int = 0
    watermark: str = ""  # the largest raw updated_at seen
    parts: dict[str, CriterionPart] = field(default_factory=dict)  # criterion id -> its part

    def links_for(self, entry_ids: Collection[str]) -> list[TagLink]:
        return [link for e in entry_ids for link in self.links.get(e, {}).values()]

    def replace(self, entry_id: str, head: EntryHead | None, now: dict[str, TagLink]) -> set[str]:
        """Put an entry in as it is now (``head`` None: binned); returns the enrolled criteria
        it was or is now tagged to."""
        before = self.links.pop(entry_id, {})
        self.link_count -= len(before)
        if now:
            self.links[entry_id] = now
            self.link_count += len(now)
        touched = set()
        old = self.heads.pop(entry_id, None)
        if old is not None:
            touched |= self.tallies.remove(old, before)
        if head is not None:
            self.heads[entry_id] = head
            touched |= self.tallies.add(head, now.values())
        return touched


def table_counts(s: Session) -> tuple[int, int]:
    """Live entries and tags, counted by SQLite (live: all entries less the binned ones, which
    SQLite counts without walking the live entries' index)."""
    every = s.scalar(select(func.count()).select_from(Entry))
    binned = s.scalar(select(func.count()).select_from(Entry).where(Entry.deleted_at.is_not(None)))
    tags = s.scalar(select(func.count()).select_from(EvidenceLink))
    return int(every or 0) - int(binned or 0), int(tags or 0)


def build(s: Session, tree: tuple[FrameworkInfo, ...], decide: Decide) -> CoverageState:
    """The whole report, computed by the rules, with the state to update it from."""
    heads = {h.id: h for h in records.entry_heads(s)}
    by_entry: dict[str, dict[str, TagLink]] = defaultdict(dict)
    all_links = records.links(s)
    for link in all_links:
        by_entry[link.entry_id][link.criterion_id] = link
    scope = Scope.of(tree)
    tallies = Tallies.of(scope, heads.values(), all_links)
    state = CoverageState(
        tree,
        scope,
        tallies,
        CoverageReport((), (), (), (), ()),
        heads=heads,
        links=dict(by_entry),
        link_count=sum(len(by) for by in by_entry.values()),
        watermark=records.latest_update(s),
    )
    judged = Judged.of(decide(state.links_for))
    parts = [criterion_part(t, judged, scope) for t in tallies.in_order()]
    state.parts = {p.coverage.id: p for p in parts}
    state.report = assemble(scope, parts, tallies, judged)
    return state


def update(s: Session, state: CoverageState, decide: Decide) -> CoverageReport:
    """Bring ``state`` up to date with the file as ``s`` sees it; raises Rebuild if it can't."""
    changed = records.entries_since(s, state.watermark)
    fresh_links = records.links_of(s, {row.id for row in changed})
    affected: set[str] = set()
    for row in changed:
        affected |= state.replace(row.id, row.head, fresh_links.get(row.id, {}))
        state.watermark = max(state.watermark, row.updated)
    if table_counts(s) != (len(state.heads), state.link_count):
        raise Rebuild
    judged = Judged.of(decide(state.links_for))
    tallies = state.tallies.by_criterion
    for criterion_id, part in state.parts.items():
        if criterion_id in affected or not judged.unchanged_for(part):
            state.parts[criterion_id] = criterion_part(tallies[criterion_id], judged, state.scope)
    parts = [state.parts[t.criterion.id] for t in state.tallies.in_order()]
    state.report = assemble(state.scope, parts, state.tallies, judged)
    return state.report
