"""Coverage kept up to date from what a write changed, instead of re-read and re-judged whole.

Issue #17: after one tag change the report re-read every entry and every tag (468 ms at 20,000
entries), and once an assessor had judged criteria it also re-read and re-fingerprinted every
entry the judgements were made on (392 ms). This keeps the per-criterion aggregates of
``portfolio.coverage.Tallies``, the report cut into per-criterion parts, the reviewer records,
and per decision in force which of its stamped entries differ now (services/coverage_stamps.py).
After a write it reads only what was written since the last report (coverage_reads: entries
and attachments by ``updated_at``, the tables' counts, a key that moves with every reviewer
record), takes the written entries out of the tallies as they were and puts them back as they
are, fingerprints again only the written entries a decision was made on, and asks the rules
(``portfolio.coverage.criterion_part``) again only for the criteria those entries were/are
tagged to and the criteria whose judgement or observations read differently now. No rule is
written here: this module only decides which parts to ask for again.

Per entry it keeps three small things (reference number, method, the criteria it is tagged to),
never the rows themselves: at 20,000 entries the rows and their tags cost 44 MB kept.

Whenever the counts disagree with the kept state (an entry binned, restored or imported with an
old date, a tag written without a service) or the frameworks changed, the whole report is
computed again, so the result is always the one a full computation gives
(tests/core/test_coverage_incremental.py checks that on random edits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

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
from portfolio.domain.assessment import judgements_in_force, signoffs_in_force
from portfolio.domain.dto import CoverageReport
from portfolio.domain.records import (
    EntryHead,
    FrameworkInfo,
    JudgementRec,
    ObservationRec,
    SampleRec,
    SignOffRec,
    TagLink,
)
from portfolio.services import coverage_reads as reads
from portfolio.services import records
from portfolio.services.coverage_stamps import Fingerprint, StampWatches


class Rebuild(Exception):
    """The kept state cannot be brought up to date from the delta: compute everything."""


@dataclass
class Reviewed:
    """The reviewer records as last read, and the key they were read at."""

    key: tuple[object, ...]
    judgements: list[JudgementRec]
    signoffs: list[SignOffRec]
    samples: list[SampleRec]
    observations: list[ObservationRec]

    @classmethod
    def read(cls, s: Session, key: tuple[object, ...]) -> Reviewed:
        centre = records.roster_in(s)
        return cls(
            key,
            records.judgements(s, centre),
            records.signoffs(s, centre),
            records.samples(s, centre),
            records.observations(s, centre),
        )


@dataclass
class Attachments:
    """Enough about the attachment table to tell which entries' attachments a write changed:
    the latest ``updated_at`` seen, and how many attachments each entry has (a removal moves
    no ``updated_at``, only a count)."""

    watermark: str
    per_entry: dict[str, int]
    total: int = 0
    # The rows read at exactly the watermark ((entry, updated_at)): read again next time (a row
    # written in the same microsecond is not missed), but not taken for a change again.
    at_mark: set[tuple[str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.total = sum(self.per_entry.values())

    def set(self, entry_id: str, count: int) -> None:
        self.total += count - self.per_entry.pop(entry_id, 0)
        if count:
            self.per_entry[entry_id] = count


# A live entry as the tallies counted it: reference number, method, every criterion it is
# tagged to (enrolled or not; the strings shared through Tallies.words).
Kept = tuple[int, str, tuple[str, ...]]


@dataclass
class CoverageState:
    """The tallies and parts of the last report, and what tells what a write changed."""

    tree: tuple[FrameworkInfo, ...]
    scope: Scope
    tallies: Tallies
    reviewed: Reviewed
    attachments: Attachments
    watermark: str  # the largest raw entry updated_at seen
    # The entries read at exactly the watermark ((id, updated_at)): read again next time (an
    # entry written in the same microsecond is not missed), but not taken for a change again.
    at_mark: set[tuple[str, str]] = field(default_factory=set)
    report: CoverageReport = field(default_factory=lambda: CoverageReport((), (), (), (), ()))
    kept: dict[str, Kept] = field(default_factory=dict)  # live entries
    binned_tags: dict[str, int] = field(default_factory=dict)  # binned entry -> its tag count
    tag_count: int = 0
    parts: dict[str, CriterionPart] = field(default_factory=dict)  # criterion id -> its part
    watches: StampWatches = field(default_factory=StampWatches)
    # One tuple per combination of criteria, however many entries are tagged to it.
    combos: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    def put(self, head: EntryHead | None, entry_id: str, links: Iterable[TagLink]) -> set[str]:
        """Put an entry in as it is now (``head`` None: binned); returns the enrolled criteria
        it was or is now tagged to."""
        links = list(links)
        touched = set()
        old = self.kept.pop(entry_id, None)
        if old is not None:
            ref_no, method, criteria = old
            self.tag_count -= len(criteria)
            touched |= self.tallies.remove(entry_id, ref_no, method, criteria)
        self.tag_count -= self.binned_tags.pop(entry_id, 0)
        self.tag_count += len(links)
        if head is None:
            if links:
                self.binned_tags[entry_id] = len(links)
            return touched
        word = self.tallies.words.setdefault
        criteria = tuple([word(link.criterion_id, link.criterion_id) for link in links])
        self.kept[head.id] = (
            head.ref_no,
            word(head.method, head.method),
            self.combos.setdefault(criteria, criteria),
        )
        return touched | self.tallies.add(head, links)


def build(s: Session, tree: tuple[FrameworkInfo, ...]) -> CoverageState:
    """The whole report, computed by the rules, with the state to update it from."""
    scope = Scope.of(tree)
    by_entry: dict[str, list[TagLink]] = defaultdict(list)
    for link in records.links(s):
        by_entry[link.entry_id].append(link)
    state = CoverageState(
        tree,
        scope,
        Tallies(scope),
        Reviewed.read(s, reads.reviewer_key(s)),
        _attachments(s),
        reads.latest_update(s),
    )
    state.at_mark = {(row.id, row.updated) for row in reads.entries_since(s, state.watermark)}
    heads = sorted(records.entry_heads(s), key=lambda h: h.ref_no)
    live = {h.id for h in heads}
    for head in heads:  # in reference order, so each criterion's lists are appended to
        state.put(head, head.id, by_entry.get(head.id, ()))
    for entry_id, links in by_entry.items():
        if entry_id not in live:  # a binned entry's tags (or a tag without its entry)
            state.put(None, entry_id, links)
    same = {key: key for key in state.kept}  # one id string per entry, wherever it is kept
    counted = state.attachments.per_entry
    state.attachments.per_entry = {same.get(key, key): n for key, n in counted.items()}

    def fingerprint(entry_ids: Collection[str]) -> Mapping[str, str]:
        wanted = [link for e in entry_ids for link in by_entry.get(e, ())]
        return records.fingerprints(s, entry_ids, None, wanted)

    judged = _judged(state, fingerprint)
    parts = [criterion_part(t, judged, scope) for t in state.tallies.in_order()]
    state.parts = {p.coverage.id: p for p in parts}
    state.report = assemble(scope, parts, state.tallies, judged)
    return state


def update(s: Session, state: CoverageState) -> CoverageReport:
    """Bring ``state`` up to date with the file as ``s`` sees it; raises Rebuild if it can't."""
    changed = [
        row
        for row in reads.entries_since(s, state.watermark)
        if (row.id, row.updated) not in state.at_mark
    ]
    written = {row.id for row in changed}
    fresh_links = reads.links_of(s, written)
    affected: set[str] = set()
    for row in changed:
        affected |= state.put(row.head, row.id, fresh_links.get(row.id, {}).values())
    if changed:
        mark = max(row.updated for row in changed)
        if mark != state.watermark:
            state.watermark, state.at_mark = mark, set()
        state.at_mark |= {(row.id, row.updated) for row in changed if row.updated == mark}
    counts = reads.counts(s)
    if (counts.live_entries, counts.tags) != (len(state.kept), state.tag_count):
        raise Rebuild
    written |= _attachments_written(s, state.attachments, counts.attachments)
    key = reads.reviewer_key(s)
    if key != state.reviewed.key:
        state.reviewed = Reviewed.read(s, key)
    stamped = state.watches.stamped(written)
    if stamped:
        state.watches.seen(reads.fingerprints_of(s, stamped), stamped)
    judged = _judged(state, lambda entry_ids: reads.fingerprints_of(s, entry_ids))
    tallies = state.tallies.by_criterion
    for criterion_id, part in state.parts.items():
        if criterion_id in affected or not judged.unchanged_for(part):
            state.parts[criterion_id] = criterion_part(tallies[criterion_id], judged, state.scope)
    parts = [state.parts[t.criterion.id] for t in state.tallies.in_order()]
    state.report = assemble(state.scope, parts, state.tallies, judged)
    return state.report


def _judged(state: CoverageState, fingerprint: Fingerprint) -> Judged:
    """The reviewer records digested, with each decision in force's changed evidence kept."""
    reviewed = state.reviewed
    state.watches.follow(
        judgements_in_force(reviewed.judgements).values(),
        signoffs_in_force(reviewed.signoffs).values(),
        fingerprint,
    )
    return Judged.of(
        Decisions(
            judgements=reviewed.judgements,
            signoffs=reviewed.signoffs,
            samples=reviewed.samples,
            observations=reviewed.observations,
            changed=state.watches.changed(),
        )
    )


def _attachments_written(s: Session, kept: Attachments, total: int) -> set[str]:
    """Entries whose attachments were added, re-noted or removed since the last report."""
    rows = [row for row in reads.attachments_since(s, kept.watermark) if row not in kept.at_mark]
    entries = {entry_id for entry_id, _ in rows}
    if rows:
        mark = max(updated for _, updated in rows)
        if mark != kept.watermark:
            kept.watermark, kept.at_mark = mark, set()
        kept.at_mark |= {row for row in rows if row[1] == mark}
    if entries:
        now = reads.attachment_counts(s, entries)
        for entry_id in entries:
            kept.set(entry_id, now.get(entry_id, 0))
    if kept.total != total:  # a removal (it leaves no updated_at): compare every entry's count
        now = reads.attachment_counts(s)
        for entry_id in set(now) | set(kept.per_entry):
            if now.get(entry_id, 0) != kept.per_entry.get(entry_id, 0):
                entries.add(entry_id)
                kept.set(entry_id, now.get(entry_id, 0))
    return entries


def _attachments(s: Session) -> Attachments:
    mark = reads.latest_attachment(s)
    at_mark = set(reads.attachments_since(s, mark)) if mark else set()
    return Attachments(mark, reads.attachment_counts(s), at_mark=at_mark)
