"""Loads the records coverage needs (services.records) and hands them to portfolio.coverage.

The framework tree (frameworks, units, outcomes, criteria) changes only at enrolment, so it is
cached per service and reloaded when the enrolled frameworks change. The per-entry rows are read
through the Core connection from the covering index (no text), and only the entries that the
decisions in force were stamped with are read in full, to compare their fingerprints
(benchmarks/bench_coverage.py).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portfolio.coverage import Decisions, compute_coverage
from portfolio.domain.assessment import judgements_in_force, signoffs_in_force, stamped_entries
from portfolio.domain.dto import CoverageReport
from portfolio.domain.records import FrameworkInfo, TagLink
from portfolio.services import records
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import FrameworkRecord


class CoverageService:
    def __init__(self, pf: PortfolioFile) -> None:
        self._pf = pf
        self._tree: tuple[tuple[object, ...], tuple[FrameworkInfo, ...]] | None = None
        self._last: tuple[int, CoverageReport] | None = None
        # Digests of stamped entries' rows, so a report reads only the text that changed.
        self._cores: records.CoreCache = {}
        self._texts: records.TextCache = {}

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
            return coverage_in(s, self._tree_rows(s), self._cores, self._texts)

    def _tree_rows(self, s: Session) -> tuple[FrameworkInfo, ...]:
        """The framework tree, from the cache while the enrolled frameworks are unchanged."""
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
        rows = records.frameworks(s)
        self._tree = (key, rows)
        return rows


def coverage_in(
    s: Session,
    tree: tuple[FrameworkInfo, ...] | None = None,
    cores: records.CoreCache | None = None,
    texts: records.TextCache | None = None,
) -> CoverageReport:
    """Coverage as the open session sees it (a reviewing write checks its rules with this)."""
    links = records.links(s)
    return compute_coverage(
        frameworks=records.frameworks(s) if tree is None else tree,
        entries=records.entry_heads(s, texts),
        links=links,
        decisions=decisions_in(s, cores, links),
    )


def decisions_in(
    s: Session,
    cores: records.CoreCache | None = None,
    links: list[TagLink] | None = None,
) -> Decisions:
    """Every judgement, sign-off, IQA sample and observation record, with the current
    fingerprints of the entries the decisions in force were stamped with (only those entries'
    text is read)."""
    centre = records.roster_in(s)
    judgements = records.judgements(s, centre)
    signoffs = records.signoffs(s, centre)
    stamped = stamped_entries(
        judgements_in_force(judgements).values(), signoffs_in_force(signoffs).values()
    )
    return Decisions(
        judgements=judgements,
        signoffs=signoffs,
        samples=records.samples(s, centre),
        fingerprints=records.fingerprints(s, stamped, cores, links),
        observations=records.observations(s, centre),
    )
