"""CoverageProgressPanel: for each qualification and its units, how many criteria have evidence
and how many an assessor has judged met, as bars that also say it in words; after each unit's
name its sign-off as the rules judge it ("signed off" or "sign-off void", never signed when
void), with the reason, draft-only and stale or referred criteria in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from portfolio.domain.dto import CoverageReport, GroupCoverage
from portfolio.domain.enums import CriterionState
from portfolio.ui.widgets.wrapped_label import keep_lines


class _ProgressRow:
    """One qualification or unit: its name and two bars."""

    def __init__(self, grid: QGridLayout, row: int, group: GroupCoverage, *, bold: bool) -> None:
        parent = grid.parentWidget()
        self.label = keep_lines(QLabel(parent))  # a long name at 200% is never cut off
        if not bold:
            self.label.setContentsMargins(18, 0, 0, 0)  # units sit under their qualification
        self.label.setTextFormat(Qt.TextFormat.RichText if bold else Qt.TextFormat.PlainText)
        self.evidenced = _bar(parent, "with evidence")
        self.met = _bar(parent, "judged met")
        # The figures beside each bar, never on it: text drawn across the fill's edge is half
        # on the accent colour and half off it, and hard to read in any theme.
        self.evidenced_figures = _figures(parent, "evidencedFigures")
        self.met_figures = _figures(parent, "metFigures")
        # The unit's decisions in words, on the label's own line (no extra row, so the page
        # still fits 1366x768 at 200% font): a few words after the name, the whole as tooltip.
        self.note = ""
        grid.addWidget(self.label, row, 0)
        grid.addWidget(self.evidenced, row, 1)
        grid.addWidget(self.evidenced_figures, row, 2)
        grid.addWidget(self.met, row, 3)
        grid.addWidget(self.met_figures, row, 4)
        self._bold = bold
        self.update(group)

    def set_note(self, short: str, text: str) -> None:
        self.note = text
        self.label.setText(f"{self._base} — {short}" if short else self._base)
        self.label.setToolTip(text)
        self.label.setAccessibleDescription(text)

    def update(self, group: GroupCoverage) -> None:
        label = group.label
        self._base = f"<b>Qualification: {_escape(label)}</b>" if self._bold else f"Unit {label}"
        self.label.setText(self._base)
        for bar, figures, value, words in (
            (self.evidenced, self.evidenced_figures, group.evidenced, "with evidence"),
            (self.met, self.met_figures, group.met, "judged met"),
        ):
            bar.setMaximum(max(group.total, 1))
            bar.setValue(value)
            text = f"{value} of {group.total} {words}"
            bar.setFormat(text)
            bar.setToolTip(f"{label}: {text}")
            bar.setAccessibleName(f"{label}: {text}")
            figures.setText(f"{value} of {group.total}")
            figures.setToolTip(text)


class CoverageProgressPanel(QWidget):
    """Rebuilt when the set of qualifications or units changes; updated in place otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._boxes: list[QGroupBox] = []
        self._rows: dict[str, _ProgressRow] = {}
        self._shape: list[str] = []

    def set_report(self, report: CoverageReport | None) -> None:
        frameworks = report.frameworks if report else ()
        units = report.units if report else ()
        shape = [g.id for g in frameworks] + [g.id for g in units]
        if shape != self._shape:
            self._rebuild(frameworks, units)
            self._shape = shape
        else:
            for group in (*frameworks, *units):
                self._rows[group.id].update(group)
        for unit in units:
            self._rows[unit.id].set_note(*(unit_note(report, unit.id) if report else ("", "")))

    def note_text(self, unit_id: str) -> str:
        """The words under a unit (its sign-off and draft-only criteria), for tests."""
        return self._rows[unit_id].note

    def progress_text(self, group_id: str) -> tuple[str, str]:
        """The words on a group's two bars (for tests and screen readers)."""
        row = self._rows[group_id]
        return row.evidenced.format(), row.met.format()

    def _rebuild(self, frameworks, units) -> None:
        for box in self._boxes:
            # Hidden and taken out of the layout, but kept a child until deleted: a box given
            # no parent is a window of its own until the event loop deletes it.
            box.hide()
            self._layout.removeWidget(box)
            box.deleteLater()
        self._boxes, self._rows = [], {}
        for framework in frameworks:
            box = QGroupBox(self)
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 2)
            grid.setColumnStretch(3, 2)
            for column, heading in ((1, "Criteria with evidence"), (3, "Criteria judged met")):
                # Wrapped: unwrapped, the two headings alone made the panel wider than the page
                # beside the review queue at 200 %, and "judged met" scrolled out of sight.
                header = keep_lines(QLabel(heading, box))
                header.setObjectName("progressHeading")
                grid.addWidget(header, 0, column, 1, 2)
            self._rows[framework.id] = _ProgressRow(grid, 1, framework, bold=True)
            row = 2
            for unit in units:
                if unit.parent_id == framework.id:
                    self._rows[unit.id] = _ProgressRow(grid, row, unit, bold=False)
                    row += 1
            self._layout.addWidget(box)
            self._boxes.append(box)


def unit_note(report: CoverageReport, unit_id: str) -> tuple[str, str]:
    """A unit's sign-off and its draft-only or reopened criteria: a few words for after its
    name, and the whole of it."""
    bits = []
    view = report.signoff(unit_id)
    short = "" if view is None else ("signed off" if view.valid else "sign-off void")
    if view is not None:
        label = view.label()
        bits.append(f"Sign-off {label}" if not view.valid else label[0].upper() + label[1:])
    mine = [c for c in report.criteria if c.unit_id == unit_id]
    drafts = [c.number for c in mine if c.status is CriterionState.DRAFT]
    if drafts:
        bits.append(f"draft evidence only: {', '.join(drafts)}")
    reopened = [
        c.number
        for c in mine
        if c.judgement is not None and (c.judgement.stale or c.judgement.referral is not None)
    ]
    if reopened:
        bits.append(f"judgement stale or referred: {', '.join(reopened)}")
    if not short and drafts:
        short = "draft evidence only"
    return short, "; ".join(bits)


def _bar(parent: QWidget | None, words: str) -> QProgressBar:
    bar = QProgressBar(parent)
    bar.setMinimum(0)
    bar.setTextVisible(False)  # the figures are in the label beside it
    bar.setObjectName(words.replace(" ", "_"))
    bar.setMinimumWidth(36)  # narrow beside the review queue at 200 %; the figures say it too
    return bar


def _figures(parent: QWidget | None, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
