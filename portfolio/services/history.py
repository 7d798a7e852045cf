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
            tagged: dict[tuple[str, str], date] = {
                (entry_id, criterion_id): created.date()
                for entry_id, criterion_id, created in s.execute(
                    select(
                        EvidenceLink.entry_id, EvidenceLink.criterion_id, EvidenceLink.created_at
                    )
                )
            }
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
            days = [
                tagged[(e, criterion.id)] for e in criterion.entries if (e, criterion.id) in tagged
            ]
            if days:
                evidenced_on[criterion.unit_id][criterion.id] = min(days)
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
