"""Builds what an export shows from the read model's records, filtered by the learner's choices.

Plain Python: ``services.exporting`` loads the records (services.records) in one read
transaction and hands them here, so this module never touches the database. Coverage is judged
by the one set of assessment rules (portfolio.coverage over portfolio.domain.assessment), the
same as the app, the CLI and the group overview.
"""

from __future__ import annotations

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


def build_snapshot(
    *,
    learner: LearnerDetails,
    frameworks: tuple[FrameworkInfo, ...],
    entries: tuple[EntryInfo, ...],
    decisions: Decisions,
    options: ExportOptions,
    now: datetime | None = None,
) -> Snapshot:
    """The export's view of the records: only frameworks with exported units, the reviewer
    records on exported criteria and units, and coverage of what is exported."""
    frameworks = tuple(f for f in frameworks if f.units)
    units = {u.id for f in frameworks for u in f.units}
    criteria = criteria_of(frameworks)
    judgements = tuple(j for j in decisions.judgements if j.criterion_id in criteria)
    signoffs = tuple(o for o in decisions.signoffs if o.unit_id in units)
    sampled = {j.id for j in judgements if options.include_feedback} | {o.id for o in signoffs}
    samples = tuple(x for x in decisions.samples if x.target_id in sampled)
    coverage = compute_coverage(
        frameworks=frameworks,
        entries=[
            EntryHead(
                e.id, e.ref_no, e.title, e.status, has_text(t for _, _, t in e.sections), e.method
            )
            for e in entries
        ],
        links=[TagLink(e.id, t.criterion_id, t.justification) for e in entries for t in e.tags],
        decisions=decisions,
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
