"""Loads the rows coverage needs with a handful of queries and hands them to portfolio.coverage.

The framework tree (frameworks, units, outcomes, criteria) changes only at enrolment, so its rows
are cached per service and reloaded when the enrolled frameworks change. The per-entry rows are
read through the Core connection: skipping the ORM's row handling halves their cost, which keeps
a refresh after one tag change well under 20 ms with 1,000 entries (benchmarks/bench_coverage.py).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portfolio.coverage import (
    CriterionRow,
    Decisions,
    EntryRow,
    GroupRow,
    LinkRow,
    compute_coverage,
)
from portfolio.domain.assessment import judgements_in_force, signoffs_in_force, stamped_entries
from portfolio.domain.dto import CoverageReport
from portfolio.services import records
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import (
    Criterion,
    Entry,
    EvidenceLink,
    FrameworkRecord,
    Outcome,
    Unit,
)

# Frameworks, units, outcomes and criteria; tuples, because the cache shares them between reports.
_TreeRows = tuple[
    tuple[GroupRow, ...], tuple[GroupRow, ...], tuple[GroupRow, ...], tuple[CriterionRow, ...]
]


class CoverageService:
    def __init__(self, pf: PortfolioFile) -> None:
        self._pf = pf
        self._tree: tuple[tuple[object, ...], _TreeRows] | None = None
        self._last: tuple[int, CoverageReport] | None = None

    def report(self) -> CoverageReport:
        """Coverage of every enrolled framework, in framework > unit > outcome > criterion order.

        The report is immutable, so while nothing has been written since the last one (see
        PortfolioFile.generation) it is handed out again: after one change, the overview, the
        entries page's filters and the tagging panel all ask, and only the first computes.
        """
        generation = self._pf.generation
        if self._last is not None and self._last[0] == generation and not self._pf.read_only:
            return self._last[1]
        report = self._compute()
        self._last = (generation, report)
        return report

    def _compute(self) -> CoverageReport:
        with self._pf.read() as s:
            return coverage_in(s, self._tree_rows(s))

    def _tree_rows(self, s: Session) -> _TreeRows:
        """The framework tree's rows, from the cache while the enrolled frameworks are unchanged."""
        key = tuple(
            s.connection()
            .execute(
                # The tree rows are written from the document at enrolment and on update, so
                # an unchanged document (compared whole: a few kB) means unchanged rows.
                select(
                    FrameworkRecord.id, FrameworkRecord.position, FrameworkRecord.document
                ).order_by(FrameworkRecord.position)
            )
            .all()
        )
        if self._tree is not None and self._tree[0] == key:
            return self._tree[1]
        rows = _load_tree_rows(s)
        self._tree = (key, rows)
        return rows


def _load_tree_rows(s: Session) -> _TreeRows:
    frameworks = [
        GroupRow(id=fid, label=f"{title} (Level {level})", parent_id=None)
        for fid, title, level in s.execute(
            select(FrameworkRecord.id, FrameworkRecord.title, FrameworkRecord.level).order_by(
                FrameworkRecord.position
            )
        )
    ]
    units = [
        GroupRow(id=uid, label=f"{ref}: {title}", parent_id=fid)
        for uid, ref, title, fid in s.execute(
            select(Unit.id, Unit.ref, Unit.title, Unit.framework_id)
            .join(FrameworkRecord, FrameworkRecord.id == Unit.framework_id)
            .order_by(FrameworkRecord.position, Unit.position)
        )
    ]
    outcomes = [
        GroupRow(id=oid, label=f"LO{number}: {text}", parent_id=uid)
        for oid, number, text, uid in s.execute(
            select(Outcome.id, Outcome.number, Outcome.text, Outcome.unit_id)
            .join(Unit, Unit.id == Outcome.unit_id)
            .join(FrameworkRecord, FrameworkRecord.id == Unit.framework_id)
            .order_by(FrameworkRecord.position, Unit.position, Outcome.position)
        )
    ]
    criteria = [
        CriterionRow(*row)
        for row in s.execute(
            select(
                Criterion.id,
                Criterion.number,
                Criterion.text,
                Criterion.unit_id,
                Criterion.outcome_id,
                Criterion.framework_id,
            )
            .join(Outcome, Outcome.id == Criterion.outcome_id)
            .join(Unit, Unit.id == Criterion.unit_id)
            .join(FrameworkRecord, FrameworkRecord.id == Criterion.framework_id)
            .order_by(
                FrameworkRecord.position,
                Unit.position,
                Outcome.position,
                Criterion.position,
            )
        )
    ]
    return tuple(frameworks), tuple(units), tuple(outcomes), tuple(criteria)


def coverage_in(s: Session, tree: _TreeRows | None = None) -> CoverageReport:
    """Coverage as the open session sees it (a reviewing write checks its rules with this)."""
    frameworks, units, outcomes, criteria = tree or _load_tree_rows(s)
    connection = s.connection()
    # Named tuples straight from the fetched rows (one fetchall each: row-by-row fetching costs
    # a third more).
    entries = list(
        map(
            EntryRow._make,
            connection.execute(
                select(Entry.id, Entry.ref_no, Entry.title, Entry.status, records.HAS_TEXT).where(
                    Entry.deleted_at.is_(None)
                )
            ).all(),
        )
    )
    links = list(
        map(
            LinkRow._make,
            connection.execute(
                select(EvidenceLink.entry_id, EvidenceLink.criterion_id, EvidenceLink.justification)
            ).all(),
        )
    )
    return compute_coverage(
        criteria=criteria,
        outcomes=outcomes,
        units=units,
        frameworks=frameworks,
        entries=entries,
        links=links,
        decisions=decisions_in(s),
    )


def decisions_in(s: Session) -> Decisions:
    """Every judgement, sign-off and IQA sample, with the current fingerprints of the entries the
    decisions in force were stamped with (only those entries' text is read)."""
    judgements = records.judgements(s)
    signoffs = records.signoffs(s)
    stamped = stamped_entries(
        judgements_in_force(judgements).values(), signoffs_in_force(signoffs).values()
    )
    return Decisions(
        judgements=judgements,
        signoffs=signoffs,
        samples=records.samples(s),
        fingerprints=records.fingerprints(s, stamped),
    )
