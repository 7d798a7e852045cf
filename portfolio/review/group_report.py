"""The group overview as CSV, JSON and a one-table PDF (reportlab), for tutors' records.

The table has one row per learner and unit (a tidy shape that spreadsheets sort and filter
well); files that could not be read follow, each with its reason. Files are written to a
temporary name and renamed, so a failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from portfolio.domain.review import GroupOverview, LearnerSummary, UnitProgress
from portfolio.domain.wording import plural

CSV_HEADERS = (
    "learner",
    "learner_number",
    "file",
    "unit_id",
    "unit",
    "criteria",
    "evidenced",
    "met",
    "draft_only",
    "reopened",
    "sign_off",
    "entries",
    "awaiting_review",
    "last_activity",
    # Added after the first release of the layout, so existing columns keep their places.
    "insufficient",
    "otj_logged_hours",
    "otj_expected_to_date",
    "otj_on_track",
    "last_new_evidence",
    "needs_attention",
)
FONT_NAME = "NotoSans"
DEFAULT_QUIET_WEEKS = 4
"""A learner with no new evidence for this many weeks is flagged (issue 21)."""
MAX_QUIET_WEEKS = 520


def signoff_label(unit: UnitProgress) -> str:
    """The sign-off as every reader sees it: a void one says "void", its reason and date."""
    when = unit.signoff_date.strftime("%d %b %Y") if unit.signoff_date else ""
    if unit.signoff_void:
        return f"void ({when}): {unit.signoff_reason}"
    if unit.signed_off:
        return f"signed off ({unit.signoff_by}, {when})"
    return "not signed off"


def criteria_note(unit: UnitProgress) -> str:
    """Draft-only and reopened criteria, in words ("" when there are none)."""
    bits = []
    if unit.drafts:
        bits.append(f"{unit.drafts} draft evidence only")
    if unit.insufficient:
        bits.append(f"{unit.insufficient} insufficient evidence")
    if unit.reopened:
        bits.append(f"{unit.reopened} judgement(s) stale or referred")
    return "; ".join(bits)


def _hours(value: float) -> str:
    return f"{value:g} h"


def otj_label(learner: LearnerSummary) -> str:
    """Off-the-job standing in words ("" when the learner keeps no OTJ log)."""
    otj = learner.otj
    if otj is None:
        return ""
    if not otj.has_plan:
        return f"no training plan ({_hours(otj.logged_hours)} logged)"
    standing = "on track" if otj.on_track else f"behind by {_hours(otj.behind_by)}"
    return (
        f"{standing}: {_hours(otj.logged_hours)} logged, {_hours(otj.expected_to_date)} "
        "expected to date"
    )


def evidence_label(learner: LearnerSummary) -> str:
    if learner.last_evidence is None:
        return "no evidence yet"
    return f"last new evidence {learner.last_evidence.astimezone().strftime('%d %b %Y')}"


def attention(
    learner: LearnerSummary, *, weeks: int = DEFAULT_QUIET_WEEKS, now: datetime | None = None
) -> list[str]:
    """Why a tutor should look at this learner now (issue 21): behind on off-the-job hours, or
    no new evidence for ``weeks`` weeks. Empty when neither."""
    reasons = []
    if learner.otj_behind:
        reasons.append(f"behind on off-the-job hours ({otj_label(learner)})")
    if learner.no_new_evidence(now or datetime.now(UTC), weeks):
        reasons.append(f"no new evidence for {plural(weeks, 'week')} ({evidence_label(learner)})")
    return reasons


def activity_label(when: datetime | None) -> str:
    return when.astimezone().strftime("%d %b %Y %H:%M") if when else ""


def table_rows(
    overview: GroupOverview, *, weeks: int = DEFAULT_QUIET_WEEKS, now: datetime | None = None
) -> Iterator[tuple[str, ...]]:
    """One row per learner and unit, in CSV_HEADERS order (a learner with no units gets one)."""
    for learner in overview.learners:
        units: tuple[UnitProgress | None, ...] = learner.units or (None,)
        for unit in units:
            yield _row(learner, unit, attention(learner, weeks=weeks, now=now))


def _row(learner: LearnerSummary, unit: UnitProgress | None, needs: list[str]) -> tuple[str, ...]:
    otj = learner.otj
    return (
        learner.name,
        learner.learner_number,
        learner.path.name,
        unit.unit_id if unit else "",
        unit.label if unit else "(not enrolled on any unit)",
        str(unit.criteria) if unit else "0",
        str(unit.evidenced) if unit else "0",
        str(unit.met) if unit else "0",
        str(unit.drafts) if unit else "0",
        str(unit.reopened) if unit else "0",
        signoff_label(unit) if unit else "",
        str(learner.entries),
        str(learner.awaiting_review),
        learner.last_activity.isoformat(timespec="seconds") if learner.last_activity else "",
        str(unit.insufficient) if unit else "0",
        f"{otj.logged_hours:g}" if otj else "",
        f"{otj.expected_to_date:g}" if otj and otj.has_plan else "",
        ("yes" if otj.on_track else "no") if otj and otj.has_plan else "",
        learner.last_evidence.isoformat(timespec="seconds") if learner.last_evidence else "",
        "; ".join(needs),
    )


def to_json(
    overview: GroupOverview, *, weeks: int = DEFAULT_QUIET_WEEKS, now: datetime | None = None
) -> dict[str, object]:
    return {
        "folder": str(overview.folder),
        "no_new_evidence_weeks": weeks,
        "learners": [
            {
                "file": str(learner.path),
                "learner_id": learner.learner_id,
                "name": learner.name,
                "learner_number": learner.learner_number,
                "entries": learner.entries,
                "awaiting_review": learner.awaiting_review,
                "last_activity": (
                    learner.last_activity.isoformat() if learner.last_activity else None
                ),
                "otj": None if learner.otj is None else learner.otj.to_json(),
                "otj_behind": learner.otj_behind,
                "last_new_evidence": (
                    learner.last_evidence.isoformat() if learner.last_evidence else None
                ),
                "no_new_evidence": learner.no_new_evidence(now or datetime.now(UTC), weeks),
                "needs_attention": attention(learner, weeks=weeks, now=now),
                "units": [
                    {
                        "unit_id": u.unit_id,
                        "ref": u.ref,
                        "title": u.title,
                        "criteria": u.criteria,
                        "evidenced": u.evidenced,
                        "met": u.met,
                        "draft_only": u.drafts,
                        "insufficient": u.insufficient,
                        "reopened": u.reopened,
                        "signoff": {
                            "state": u.signoff_state,
                            "reason": u.signoff_reason or None,
                            "by": u.signoff_by or None,
                            "date": u.signoff_date.isoformat() if u.signoff_date else None,
                        },
                    }
                    for u in learner.units
                ],
            }
            for learner in overview.learners
        ],
        "failures": [{"file": str(f.path), "reason": f.reason} for f in overview.failures],
    }


def write_csv(overview: GroupOverview, path: Path, *, weeks: int = DEFAULT_QUIET_WEEKS) -> Path:
    """The table (and the unreadable files, as rows with only file and reason) as UTF-8 CSV."""

    def write(handle_path: Path) -> None:
        with handle_path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow((*CSV_HEADERS, "problem"))
            for row in table_rows(overview, weeks=weeks):
                writer.writerow((*row, ""))
            for failure in overview.failures:
                blanks = [""] * (len(CSV_HEADERS) - 3)
                writer.writerow(("", "", failure.path.name, *blanks, failure.reason))

    return _atomic(path, write)


def write_pdf(
    overview: GroupOverview,
    path: Path,
    *,
    title: str = "Group overview",
    weeks: int = DEFAULT_QUIET_WEEKS,
) -> Path:
    """A landscape A4 PDF with the table and the list of files that could not be read."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font, bold = _fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11)
    head = ParagraphStyle("head", parent=body, fontName=bold, textColor=colors.white)
    heading = ParagraphStyle("h1", fontName=bold, fontSize=16, leading=20, spaceAfter=4)
    note = ParagraphStyle("note", parent=body, fontSize=9, textColor=colors.HexColor("#444444"))

    headers = (
        "Learner",
        "Unit",
        "Evidenced",
        "Met",
        "Sign-off",
        "Awaiting review",
        "Last activity",
    )
    data = [[Paragraph(h, head) for h in headers]]
    for learner in overview.learners:
        for unit in learner.units or (None,):
            name = _escape(learner.name)
            if learner.learner_number:
                name += f"<br/><font size=7>{_escape(learner.learner_number)}</font>"
            cells = [
                name,
                _escape(unit.label) if unit else "(no units)",
                (
                    f"{unit.evidenced} / {unit.criteria}"
                    + (
                        f"<br/><font size=7>{_escape(criteria_note(unit))}</font>"
                        if criteria_note(unit)
                        else ""
                    )
                )
                if unit
                else "",
                f"{unit.met} / {unit.criteria}" if unit else "",
                signoff_label(unit) if unit else "",
                str(learner.awaiting_review),
                activity_label(learner.last_activity),
            ]
            data.append([Paragraph(c, body) for c in cells])
    widths = [52 * mm, 78 * mm, 22 * mm, 20 * mm, 40 * mm, 25 * mm, 30 * mm]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f4e79")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef3f8")]),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa9b8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [
        Paragraph(_escape(title), heading),
        Paragraph(
            f"{plural(len(overview.learners), 'learner')} in {_escape(str(overview.folder))}; "
            f"made {datetime.now().strftime('%d %b %Y %H:%M')}.",
            note,
        ),
        Spacer(1, 5 * mm),
        table,
    ]
    needing = [(learner, attention(learner, weeks=weeks)) for learner in overview.learners]
    needing = [(learner, why) for learner, why in needing if why]
    if needing:
        story += [Spacer(1, 6 * mm), Paragraph("Needs attention", heading)]
        story += [
            Paragraph(f"<b>{_escape(learner.name)}</b>: {_escape('; '.join(why))}", body)
            for learner, why in needing
        ]
    if overview.failures:
        story += [Spacer(1, 6 * mm), Paragraph("Files that could not be read", heading)]
        story += [
            Paragraph(f"<b>{_escape(f.path.name)}</b>: {_escape(f.reason)}", body)
            for f in overview.failures
        ]

    def write(target: Path) -> None:
        doc = SimpleDocTemplate(
            str(target),
            pagesize=landscape(A4),
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=12 * mm,
            bottomMargin=12 * mm,
            title=title,
        )
        doc.build(story)

    return _atomic(path, write)


def _fonts() -> tuple[str, str]:
    """The bundled Noto Sans (any learner's name prints), or Helvetica if it is missing."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from portfolio.resources import resource_path

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME, f"{FONT_NAME}-Bold"
    try:
        pdfmetrics.registerFont(
            TTFont(FONT_NAME, str(resource_path("fonts", "NotoSans-Regular.ttf")))
        )
        pdfmetrics.registerFont(
            TTFont(f"{FONT_NAME}-Bold", str(resource_path("fonts", "NotoSans-Bold.ttf")))
        )
    except Exception:  # a missing font must not stop the export
        return "Helvetica", "Helvetica-Bold"
    return FONT_NAME, f"{FONT_NAME}-Bold"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
