"""Builds what an export shows from the read model's records, filtered by the learner's choices.

Plain Python: ``services.exporting`` loads the records (services.records) in one read
transaction and hands them here, so this module never touches the database. Coverage is judged
by the one set of assessment rules (portfolio.coverage over portfolio.domain.assessment), the
same as the app, the CLI and the group overview.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from portfolio.coverage import Decisions, compute_coverage
from portfolio.domain.assessment import has_text, observation_counts
from portfolio.domain.records import (
    CriterionInfo,
    EntryHead,
    EntryInfo,
    FrameworkInfo,
    LearnerDetails,
    TagLink,
)
from portfolio.export.model import Snapshot
from portfolio.export.options import ExportOptions


def criteria_of(frameworks: tuple[FrameworkInfo, ...]) -> dict[str, CriterionInfo]:
    """Every criterion of the exported units, in framework > unit > outcome order."""
    return {c.id: c for f in frameworks for u in f.units for c in u.criteria()}


def entry_head(entry: EntryInfo) -> EntryHead:
    """What coverage reads of an entry (no section text, only whether it has any)."""
    return EntryHead(
        entry.id,
        entry.ref_no,
        entry.title,
        entry.status,
        has_text(t for _, _, t in entry.sections),
        entry.method,
    )


def tag_links(entry: EntryInfo) -> list[TagLink]:
    """The entry's tags as coverage reads them."""
    return [TagLink(entry.id, t.criterion_id, t.justification) for t in entry.tags]


def build_snapshot(
    *,
    learner: LearnerDetails,
    frameworks: tuple[FrameworkInfo, ...],
    entries: tuple[EntryInfo, ...],
    decisions: Decisions,
    options: ExportOptions,
    now: datetime | None = None,
    judged: tuple[Sequence[EntryHead], Sequence[TagLink]] | None = None,
) -> Snapshot:
    """The export's view of the records: only frameworks with exported units, the reviewer
    records on exported criteria and units, and coverage of what is exported.

    ``judged``: the heads and tags of every exported entry, when ``entries`` are not all of
    them (the check before export reads entries a batch at a time and keeps only the heads,
    services.checking); coverage is judged on those instead.
    """
    frameworks = tuple(f for f in frameworks if f.units)
    units = {u.id for f in frameworks for u in f.units}
    criteria = criteria_of(frameworks)
    judgements = tuple(j for j in decisions.judgements if j.criterion_id in criteria)
    signoffs = tuple(o for o in decisions.signoffs if o.unit_id in units)
    sampled = {j.id for j in judgements if options.include_feedback} | {o.id for o in signoffs}
    samples = tuple(x for x in decisions.samples if x.target_id in sampled)
    heads, links = judged or (
        [entry_head(e) for e in entries],
        [link for e in entries for link in tag_links(e)],
    )
    coverage = compute_coverage(
        frameworks=frameworks, entries=heads, links=links, decisions=decisions
    )
    return Snapshot(
        learner=learner,
        frameworks=frameworks,
        entries=entries,
        judgements=judgements if options.include_feedback else (),
        signoffs=signoffs,
        coverage=coverage,
        generated_at=now or datetime.now(UTC),
        show_employer=options.show_employer,
        include_feedback=options.include_feedback,
        samples=samples,
        observations=tuple(
            o
            for o in decisions.observations
            if observation_counts(o) and any(c in criteria for c in o.criteria)
        ),
    )
