"""Reads what the progress charts need: entry dates, and when each criterion became evidenced
and judged met.

Which criteria count as evidenced or met today is the coverage report's decision (one rule, in
one place); this service only dates them: a criterion became evidenced when the earliest of its
current evidence entries was tagged to it, and met when the judgement in force was made.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import func, select

from portfolio.domain.enums import CriterionState
from portfolio.domain.history import History, build_history
from portfolio.services.coverage import CoverageService
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import CriterionJudgement, Entry, EvidenceLink, Unit


class HistoryService:
    def __init__(self, pf: PortfolioFile, coverage: CoverageService) -> None:
        self._pf = pf
        self._coverage = coverage

    def history(self, *, today: date | None = None, months: int = 12) -> History:
        today = today or date.today()
        report = self._coverage.report()
        current = {c.id: c for c in report.criteria}
        with self._pf.read() as s:
            entry_days = [
                event_date or created.date()
                for event_date, created in s.execute(
                    select(Entry.event_date, Entry.created_at).where(Entry.deleted_at.is_(None))
                )
            ]
            units = s.execute(select(Unit.id, Unit.ref, Unit.title).order_by(Unit.position)).all()
            # The earliest tagging of each criterion by one of its current evidence entries,
            # with the links streamed: a dict of every link held about 26 MB at 20,000 entries
            # while the Progress page filled (issue #17, peak memory).
            current_entries = {
                c.id: frozenset(c.entries)
                for c in report.criteria
                if c.status is not CriterionState.NONE
            }
            first_tagged: dict[str, datetime] = {}
            links = s.execute(
                select(EvidenceLink.entry_id, EvidenceLink.criterion_id, EvidenceLink.created_at),
                execution_options={"yield_per": 2000},
            )
            for entry_id, criterion_id, created in links:
                entries = current_entries.get(criterion_id)
                if entries is None or entry_id not in entries:
                    continue
                earliest = first_tagged.get(criterion_id)
                if earliest is None or created < earliest:
                    first_tagged[criterion_id] = created
            del current_entries
            latest = select(
                CriterionJudgement.criterion_id, func.max(CriterionJudgement.created_at)
            ).group_by(CriterionJudgement.criterion_id)
            judged: dict[str, datetime] = {row[0]: row[1] for row in s.execute(latest)}
        evidenced_on: dict[str, dict[str, date]] = defaultdict(dict)
        met_on: dict[str, dict[str, date]] = defaultdict(dict)
        criteria_per_unit: dict[str, int] = defaultdict(int)
        for criterion in current.values():
            criteria_per_unit[criterion.unit_id] += 1
            if criterion.status is CriterionState.NONE:
                continue
            if criterion.id in first_tagged:
                evidenced_on[criterion.unit_id][criterion.id] = first_tagged[criterion.id].date()
            if criterion.status is CriterionState.MET and criterion.id in judged:
                met_on[criterion.unit_id][criterion.id] = judged[criterion.id].date()
        return build_history(
            today=today,
            entry_days=entry_days,
            units=[
                (unit_id, f"Unit {ref}: {title}", criteria_per_unit.get(unit_id, 0))
                for unit_id, ref, title in units
            ],
            evidenced_on=evidenced_on,
            met_on=met_on,
            months_shown=months,
        )
