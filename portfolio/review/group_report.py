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
from datetime import datetime
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
)
FONT_NAME = "NotoSans"


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
    if unit.reopened:
        bits.append(f"{unit.reopened} judgement(s) stale or referred")
    return "; ".join(bits)


def activity_label(when: datetime | None) -> str:
    return when.astimezone().strftime("%d %b %Y %H:%M") if when else ""


def table_rows(overview: GroupOverview) -> Iterator[tuple[str, ...]]:
    """One row per learner and unit, in CSV_HEADERS order (a learner with no units gets one)."""
    for learner in overview.learners:
        units: tuple[UnitProgress | None, ...] = learner.units or (None,)
        for unit in units:
            yield _row(learner, unit)


def _row(learner: LearnerSummary, unit: UnitProgress | None) -> tuple[str, ...]:
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
    )


def to_json(overview: GroupOverview) -> dict[str, object]:
    return {
        "folder": str(overview.folder),
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
                "units": [
                    {
                        "unit_id": u.unit_id,
                        "ref": u.ref,
                        "title": u.title,
                        "criteria": u.criteria,
                        "evidenced": u.evidenced,
                        "met": u.met,
                        "draft_only": u.drafts,
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


def write_csv(overview: GroupOverview, path: Path) -> Path:
    """The table (and the unreadable files, as rows with only file and reason) as UTF-8 CSV."""

    def write(handle_path: Path) -> None:
        with handle_path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow((*CSV_HEADERS, "problem"))
            for row in table_rows(overview):
                writer.writerow((*row, ""))
            for failure in overview.failures:
                blanks = [""] * (len(CSV_HEADERS) - 3)
                writer.writerow(("", "", failure.path.name, *blanks, failure.reason))

    return _atomic(path, write)


def write_pdf(overview: GroupOverview, path: Path, *, title: str = "Group overview") -> Path:
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
