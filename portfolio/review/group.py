"""Group overview: a folder of portfolio files as one summary row per learner (plain Python).

``services.group`` opens each file read-only and summarises it; this module lists the files,
runs the scan (a file that cannot be opened becomes a ScanFailure with the reason, never a
silent gap in the table) and turns a coverage report into the per-unit progress the table
shows, judged by the same assessment rules as everything else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.exc import DatabaseError, OperationalError

from portfolio.domain.dto import CoverageReport
from portfolio.domain.enums import CriterionState
from portfolio.domain.review import GroupOverview, LearnerSummary, ScanFailure, UnitProgress
from portfolio.errors import PortfolioError
from portfolio.progress import CancelToken, ProgressFn, check, report
from portfolio.storage.file import SUFFIX


def portfolio_files(folder: Path) -> list[Path]:
    """The ``*.portfolio`` files directly inside ``folder``, by name."""
    return sorted(
        (p for p in folder.iterdir() if p.suffix.lower() == SUFFIX and not p.is_dir()),
        key=lambda p: p.name.lower(),
    )


def scan_folder(
    folder: Path | str,
    summarise: Callable[[Path], LearnerSummary],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> GroupOverview:
    """Summarise every portfolio in ``folder`` with ``summarise``; raises PortfolioError if it
    is not a folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PortfolioError(f"{folder} is not a folder.")
    files = portfolio_files(folder)
    learners: list[LearnerSummary] = []
    failures: list[ScanFailure] = []
    for done, path in enumerate(files):
        check(cancel)
        report(progress, done, len(files), f"Reading {path.name}")
        try:
            learners.append(summarise(path))
        except Exception as exc:  # one bad file must never stop the scan
            failures.append(ScanFailure(path=path, reason=failure_reason(path, exc)))
    report(progress, len(files), len(files), "Done")
    learners.sort(key=lambda row: (row.name.lower(), row.path.name.lower()))
    units: dict[str, tuple[str, str, str]] = {}
    for row in learners:
        for unit in row.units:
            units.setdefault(unit.unit_id, (unit.unit_id, unit.ref, unit.title))
    return GroupOverview(
        folder=folder,
        learners=tuple(learners),
        failures=tuple(failures),
        units=tuple(units.values()),
    )


def failure_reason(path: Path, exc: BaseException) -> str:
    """One plain sentence saying why a file could not be summarised."""
    if isinstance(exc, PortfolioError):
        return str(exc)
    if isinstance(exc, PermissionError):
        return f"{path.name} cannot be read: permission denied (is it open in another program?)."
    if isinstance(exc, OperationalError | sqlite3.OperationalError) and "locked" in str(exc):
        return f"{path.name} is locked by another program; try again when it is closed."
    if isinstance(exc, DatabaseError | sqlite3.DatabaseError):
        return f"{path.name} could not be read: it looks damaged."
    if isinstance(exc, OSError):
        return f"{path.name} cannot be read: {exc.strerror or exc}."
    return f"{path.name} could not be read ({type(exc).__name__}: {exc})."


def unit_progress(
    coverage: CoverageReport, units: Sequence[tuple[str, str, str]]
) -> tuple[UnitProgress, ...]:
    """Each unit's progress and sign-off state, from a coverage report ((id, ref, title) each)."""
    progress_by_unit = {u.id: u for u in coverage.units}
    result = []
    for unit_id, ref, title in units:
        done = progress_by_unit.get(unit_id)
        view = coverage.signoff(unit_id)
        mine = [c for c in coverage.criteria if c.unit_id == unit_id]
        result.append(
            UnitProgress(
                unit_id=unit_id,
                ref=ref,
                title=title,
                criteria=done.total if done else 0,
                evidenced=done.evidenced if done else 0,
                met=done.met if done else 0,
                drafts=sum(c.status is CriterionState.DRAFT for c in mine),
                insufficient=sum(c.status is CriterionState.INSUFFICIENT for c in mine),
                reopened=sum(
                    c.judgement is not None
                    and (c.judgement.stale or c.judgement.referral is not None)
                    for c in mine
                ),
                signoff_state="none" if view is None else view.state,
                signoff_reason="" if view is None else view.reason,
                signoff_by="" if view is None else view.record.reviewer_name,
                signoff_date=None if view is None else view.record.signed_at,
            )
        )
    return tuple(result)
