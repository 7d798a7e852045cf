"""Loads the records coverage needs (services.records) and hands them to portfolio.coverage.

The framework tree (frameworks, units, outcomes, criteria) changes only at enrolment, so it is
cached per service and reloaded when the enrolled frameworks change. While the file is open for
writing, the report is kept and brought up to date from what each write touched
(services/coverage_state.py, issue #17); read-only opens compute it whole each time. The
per-entry rows are read through the Core connection from the covering index (no text), and only
the entries that the decisions in force were stamped with are read in full, to compare their
fingerprints (benchmarks/bench_coverage.py).
"""

from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from portfolio.coverage import Decisions, compute_coverage
from portfolio.domain.assessment import judgements_in_force, signoffs_in_force, stamped_entries
from portfolio.domain.dto import CoverageReport
from portfolio.domain.records import FrameworkInfo, TagLink
from portfolio.services import coverage_state, records
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
        self._state: coverage_state.CoverageState | None = None
        # The kept state is updated in place: one report at a time (the GUI thread and the
        # writer lane may both ask).
        self._lock = threading.Lock()

    def report(self) -> CoverageReport:
        """Coverage of every enrolled framework, in framework > unit > outcome > criterion order.

        The report is immutable, so while nothing has been written since the last one (see
        PortfolioFile.generation) it is handed out again: after one change, the overview, the
        entries page's filters and the tagging panel all ask, and only the first computes.
        """
        with self._lock:
            generation = self._pf.generation
            if self._last is not None and self._last[0] == generation and not self._pf.read_only:
                return self._last[1]
            report = self._compute()
            self._last = (generation, report)
            return report

    def _compute(self) -> CoverageReport:
        with self._pf.read() as s:
            tree = self._tree_rows(s)
            if self._pf.read_only:
                return coverage_in(s, tree, self._cores, self._texts)
            state, self._state = self._state, None  # kept again only once brought up to date
            if state is not None and state.tree is tree:
                try:
                    report = coverage_state.update(s, state)
                    self._state = state
                    return report
                except coverage_state.Rebuild:
                    pass
            del state  # what it held is freed before the new one is built
            self._state = coverage_state.build(s, tree)
            return self._state.report

    def full_report(self) -> CoverageReport:
        """The report computed whole from the file, ignoring what is kept (tests compare)."""
        with self._pf.read() as s:
            return coverage_in(s)

    def _tree_rows(self, s: Session) -> tuple[FrameworkInfo, ...]:
        """The framework tree, from the cache while the enrolled frameworks are unchanged."""
        # The tree rows are written from the document at enrolment and on update, so an
        # unchanged document (compared whole: a few kB) means unchanged rows. Plain SQL: asked
        # on every report, where building the statement cost more than running it.
        key = tuple(
            tuple(row)
            for row in s.connection().exec_driver_sql(
                f"SELECT id, position, document FROM {FrameworkRecord.__tablename__} "
                "ORDER BY position"
            )
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
    text is read). The stamped entries' tags come from ``links`` (all of them) when given."""
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
