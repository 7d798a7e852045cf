"""``portfolio import-leap2a``: a learner's Mahara (or Moodle, or our own) LEAP2A export
becomes a new portfolio, so moving from Mahara keeps their work (issue 22).

The feed is read and planned first (``leap2a_read``, ``leap2a_plan``); a file that cannot be
read is refused before anything is written. The portfolio is then built beside the target
under a temporary name through the ordinary services (entries, tags, and each file anonymised
by the attachment pipeline before it is stored) and renamed into place only when complete, so
a failure or a cancel leaves nothing behind. A file the anonymiser cannot handle is not stored
and is listed in the report; everything else goes on.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from portfolio.domain.entry_input import EntryInput, TagInput
from portfolio.errors import Cancelled, InvalidInputError, PortfolioError
from portfolio.frameworks import catalog
from portfolio.interop.leap2a_otj import PlannedOtj
from portfolio.interop.leap2a_plan import (
    LOOSE_FILES_TITLE,
    ImportPlan,
    PlannedEntry,
    PlannedFile,
    plan_import,
)
from portfolio.interop.leap2a_read import LeapPackage
from portfolio.progress import CancelToken
from portfolio.services import kept_words
from portfolio.services.attachment_content import PreparedDocument
from portfolio.services.portfolio import Portfolio


@dataclass
class LeapImportReport:
    """What the import did, for the CLI and its --json."""

    path: Path
    learner: str
    entries: int = 0
    attachments: int = 0
    criteria_tagged: int = 0
    tags_kept: int = 0
    otj_activities: int = 0
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    not_imported: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "learner": self.learner,
            "entries": self.entries,
            "attachments": self.attachments,
            "criteria_tagged": self.criteria_tagged,
            "tags_kept": self.tags_kept,
            "otj_activities": self.otj_activities,
            "skipped_files": [{"name": n, "reason": r} for n, r in self.skipped_files],
            "not_imported": self.not_imported,
            "notes": self.notes,
        }


def import_leap2a(
    source: str | Path,
    out: str | Path,
    *,
    framework_id: str | None = None,
    terms: tuple[str, ...] = (),
    keep: tuple[str, ...] = (),
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> LeapImportReport:
    """Build the new portfolio ``out`` from the LEAP2A export ``source``.

    ``terms`` start its term list and ``keep`` its kept list (words that are not personal);
    every file is anonymised with both, the term list winning where they meet.

    Raises:
        InvalidInputError: ``source`` is not a readable LEAP2A export, holds no writing, or
            ``out`` already exists, or a ``keep`` cannot be kept (a digit or an "@" in it, or
            a term covering it); NotFoundError for an unknown framework; Cancelled. In every
            case nothing is written.
    """
    keep = tuple(kept_words.checked(k) for k in keep)
    target = Path(out)
    if target.exists():
        raise InvalidInputError(f"{target} already exists; give a new file name.")
    if not target.parent.is_dir():
        raise InvalidInputError(f"The folder {target.parent} does not exist.")
    framework = catalog.get_framework(framework_id) if framework_id else None
    with LeapPackage(Path(source)) as package:
        plan = plan_import(package.feed, framework)
        if not plan.entries and not plan.loose_files:
            raise InvalidInputError(
                f"{Path(source).name} holds no journal posts or files to import."
            )
        temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
        try:
            report = _build(package, plan, temp, framework_id, (terms, keep), progress, cancel)
            os.replace(temp, target)
        finally:
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{temp}{suffix}").unlink(missing_ok=True)
    report.path = target
    return report


def _build(
    package: LeapPackage,
    plan: ImportPlan,
    temp: Path,
    framework_id: str | None,
    lists: tuple[tuple[str, ...], tuple[str, ...]],
    progress: Callable[[int, int], None] | None,
    cancel: CancelToken | None,
) -> LeapImportReport:
    report = LeapImportReport(temp, plan.learner.name, notes=list(plan.notes))
    report.not_imported = dict(sorted(plan.not_imported.items()))
    total = len(plan.entries) + (1 if plan.loose_files else 0)
    with Portfolio.create(
        temp, learner=plan.learner, frameworks=[framework_id] if framework_id else []
    ) as pf:
        terms, keep = lists
        for term in terms:
            pf.learner.add_term(term)
        for text in keep:
            pf.learner.add_kept(text)
        words = _Words(pf.attachments.terms(), pf.attachments.kept())
        new_ids: dict[str, str] = {}  # the post's id in the feed -> the new entry's id
        for done, planned in enumerate(plan.entries, start=1):
            _check(cancel)
            entry_id = pf.entries.add(_entry_input(planned)).value.id
            new_ids[planned.source_id] = entry_id
            report.entries += 1
            report.criteria_tagged += len(planned.criteria)
            report.tags_kept += planned.tags_kept
            _attach_all(pf, package, entry_id, planned.files, words, report, cancel)
            if progress is not None:
                progress(done, total)
        if plan.loose_files:
            prepared = _prepare_all(pf, package, plan.loose_files, words, report, cancel)
            if prepared:
                loose = PlannedEntry(
                    title=LOOSE_FILES_TITLE,
                    sections={
                        "reflection": "Files from the Mahara export that no journal post used."
                    },
                    status="draft",
                )
                entry_id = pf.entries.add(_entry_input(loose)).value.id
                report.entries += 1
                for document, note in prepared:
                    pf.attachments.store(entry_id=entry_id, prepared=document, note=note)
                    report.attachments += 1
            if progress is not None:
                progress(total, total)
        _import_otj(pf, plan.otj, new_ids, report)
    return report


def _import_otj(
    pf: Portfolio, otj: PlannedOtj, new_ids: dict[str, str], report: LeapImportReport
) -> None:
    """The off-the-job log of one of our own exports: the plan, then each activity (with its
    category, added if the new portfolio lacks it); one that the rules refuse is named in the
    report and the rest go on."""
    if otj.plan is not None:
        try:
            pf.otj.set_plan(
                start=otj.plan.start,
                end=otj.plan.end,
                weekly_hours=otj.plan.weekly_hours,
                planned_hours=otj.plan.planned_hours,
            )
        except PortfolioError as exc:
            report.notes.append(f"The training plan was not imported: {exc}")
    known = {c.key for c in pf.otj.categories()} | {c.label.lower() for c in pf.otj.categories()}
    for activity in otj.activities:
        category = activity.category
        if category not in known and activity.category_label.lower() not in known:
            try:
                pf.otj.add_category(activity.category_label)
            except PortfolioError:
                pass  # an unusable name: the add below names the problem
            known |= {c.key for c in pf.otj.categories()}
            known |= {c.label.lower() for c in pf.otj.categories()}
            category = activity.category_label
        try:
            pf.otj.add(
                day=activity.day,
                hours=activity.hours,
                category=category,
                description=activity.description,
                entry=new_ids.get(activity.post_id),
            )
        except PortfolioError as exc:
            report.notes.append(
                f"The off-the-job activity of {activity.day.isoformat()} was not imported: {exc}"
            )
            continue
        report.otj_activities += 1


@dataclass(frozen=True)
class _Words:
    """The new portfolio's term list and the kept words in force (the term list winning)."""

    remove: list[str]
    keep: list[str]


def _entry_input(planned: PlannedEntry) -> EntryInput:
    return EntryInput(
        title=planned.title,
        event_date=planned.event_date,
        method=planned.method,
        hours=planned.hours,
        status=planned.status,
        sections=dict(planned.sections),
        tags=tuple(TagInput(cid, why) for cid, why in planned.criteria),
    )


def _attach_all(
    pf: Portfolio,
    package: LeapPackage,
    entry_id: str,
    files: list[PlannedFile],
    words: _Words,
    report: LeapImportReport,
    cancel: CancelToken | None,
) -> None:
    for document, note in _prepare_all(pf, package, files, words, report, cancel):
        pf.attachments.store(entry_id=entry_id, prepared=document, note=note)
        report.attachments += 1


def _prepare_all(
    pf: Portfolio,
    package: LeapPackage,
    files: list[PlannedFile],
    words: _Words,
    report: LeapImportReport,
    cancel: CancelToken | None,
) -> list[tuple[PreparedDocument, str]]:
    """Each file anonymised in memory; one that cannot be is listed in the report, not stored."""
    prepared: list[tuple[PreparedDocument, str]] = []
    for planned in files:
        _check(cancel)
        try:
            data = package.read_file(planned.href)
            document = pf.attachments.prepare(
                data,
                filename=planned.name,
                terms=words.remove,
                rejected=words.keep,
                cancel=cancel,
            )
        except Cancelled:
            raise
        except PortfolioError as exc:
            report.skipped_files.append((planned.name, str(exc)))
            continue
        prepared.append((document, planned.note or "Imported from Mahara."))
    return prepared


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None:
        cancel.raise_if_cancelled()
