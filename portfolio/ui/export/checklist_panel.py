"""ChecklistPanel: the problems before export, each with its fix, usable by keyboard alone.

One list (arrow keys move through it) and one row of buttons that act on the chosen problem:

- personal data: **Replace** with the words in the box (the proposal, "the customer"; empty
  removes it) or **Keep it** on purpose; both are writes through ``WriteOp`` to
  ``services.export_check`` and are remembered in the file;
- an undated, empty or draft entry, an unreadable attachment, a Word attachment's picture the
  PDF cannot show: **Go to entry**;
- anything that does not stop an export can be **Acknowledged** for this check (it stays
  listed, marked as seen).

The panel shows what it is given (``set_problems``); the export dialog and the editor's
personal-data tab decide what to check and when, and refresh after ``fixed``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Changes
from portfolio.services.portfolio import Portfolio
from portfolio.ui.controller import PortfolioController
from portfolio.ui.operations import HasChanges, WriteOp
from portfolio.ui.theme import SPACING

if TYPE_CHECKING:  # types only: the module is imported when first used (issue #17)
    from portfolio.export.check import Problem

KIND_WORDS = {
    "personal_data": "Personal data",
    "undated": "No date",
    "empty": "Empty entry",
    "draft": "Draft",
    "stale_judgement": "Judgement out of date",
    "void_signoff": "Sign-off void",
    "attachment": "Attachment left out",
    "attachment_picture": "Picture left out",
}
ProblemRole = Qt.ItemDataRole.UserRole + 1


def problem_identity(problem: Problem) -> tuple[object, ...]:
    """What a problem is, whatever its wording: acknowledgements survive a refresh."""
    return (
        problem.kind,
        problem.entry,
        problem.criterion,
        problem.unit,
        problem.attachment,
        problem.picture,
    )


class _ProblemList(QListWidget):
    """Asks for its minimum height when it has one, not QListWidget's fixed 192 px: the export
    dialog opens at its content's size, and with that list it needed 6 px more than a 1366x768
    laptop has, so it scrolled. The list stretches into whatever room the dialog has."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.minimumHeight() > 0:
            hint.setHeight(self.minimumHeight())
        return hint


class ChecklistPanel(QWidget):
    entry_requested = Signal(str)  # "Go to entry": the entry's id
    fixed = Signal()  # a replacement or keep was written: check again

    def __init__(
        self,
        controller: PortfolioController,
        parent: QWidget | None = None,
        *,
        before_write: Callable[[], object] | None = None,
        show_go_to: bool = True,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._before_write = before_write
        self._show_go_to = show_go_to
        self._problems: tuple[Problem, ...] = ()
        self._acknowledged: set[tuple[object, ...]] = set()
        self._busy = False

        self.summary = QLabel("")
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.list = _ProblemList(self)
        self.list.setObjectName("checkList")
        self.list.setAccessibleName("Problems to fix before export")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)  # tells two-line items apart
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)

        self.replace_label = QLabel("Replace &with")
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replacementText")
        self.replace_edit.setAccessibleName("Replacement words")
        self.replace_edit.setPlaceholderText("(nothing: remove it)")
        self.replace_label.setBuddy(self.replace_edit)
        self.replace_button = QPushButton("&Replace")
        self.replace_button.setObjectName("replaceButton")
        self.replace_button.clicked.connect(self.replace_current)
        self.keep_button = QPushButton("&Keep it")
        self.keep_button.setObjectName("keepButton")
        self.keep_button.setToolTip("Keep these words on purpose; exports will include them")
        self.keep_button.clicked.connect(self.acknowledge_current)
        self.goto_button = QPushButton("&Go to entry")
        self.goto_button.setObjectName("goToEntryButton")
        self.goto_button.clicked.connect(self._on_goto_clicked)
        # Return acts on the list row or the box, and never also presses the dialog's default
        # button (a widget shortcut takes the key before the dialog sees it).
        for widget, slot in (
            (self.list, self._on_list_return),
            (self.replace_edit, self.replace_current),
        ):
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shortcut = QShortcut(QKeySequence(key), widget, slot)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

        for button in (self.replace_button, self.keep_button, self.goto_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        actions = QHBoxLayout()
        actions.addWidget(self.replace_label)
        actions.addWidget(self.replace_edit, 1)
        actions.addWidget(self.replace_button)
        actions.addWidget(self.keep_button)
        actions.addWidget(self.goto_button)
        actions.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        self.set_problems(())

    # -- public API ---------------------------------------------------------------------

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._problems

    def set_problems(self, problems: Sequence[Problem], *, summary: str | None = None) -> None:
        """Show ``problems`` (the selection stays on the same row where it can)."""
        row = max(self.list.currentRow(), 0)
        self._problems = tuple(problems)
        self._busy = False
        self.list.clear()
        for index, problem in enumerate(self._problems):
            item = QListWidgetItem(self._item_text(problem))
            item.setData(ProblemRole, index)
            self.list.addItem(item)
        if self._problems:
            self.list.setCurrentRow(min(row, len(self._problems) - 1))
        self.summary.setText(summary if summary is not None else self._summary_text())
        self._update_actions()

    def current(self) -> Problem | None:
        row = self.list.currentRow()
        return self._problems[row] if 0 <= row < len(self._problems) else None

    def unanswered_personal_data(self) -> list[Problem]:
        return [p for p in self._problems if p.kind == "personal_data"]

    def replace_current(self) -> None:
        """Replace the chosen personal-data item with the words in the box."""
        problem = self.current()
        if problem is None or problem.kind != "personal_data" or not self._can_write():
            return
        words = self.replace_edit.text().strip()
        start, end = problem.span or (0, 0)
        self._write(
            lambda pf: pf.export_check.replace(
                entry_id=problem.entry or "",
                section=problem.section or "",
                start=start,
                end=end,
                text=problem.text,
                replacement=words,
            )
        )

    def acknowledge_current(self) -> None:
        """Keep the chosen personal-data item (stored), or mark another problem as seen."""
        problem = self.current()
        if problem is None:
            return
        if problem.kind != "personal_data":
            self._acknowledged.add(problem_identity(problem))
            self.set_problems(self._problems)
            self.list.setCurrentRow(min(self.list.currentRow() + 1, self.list.count() - 1))
            return
        if not self._can_write():
            return
        self._write(
            lambda pf: pf.export_check.keep(
                entry_id=problem.entry or "", text=problem.text, category=problem.category
            )
        )

    def is_acknowledged(self, problem: Problem) -> bool:
        return problem_identity(problem) in self._acknowledged

    # -- internals ----------------------------------------------------------------------

    def _write(self, op: Callable[[Portfolio], Changes | HasChanges]) -> None:
        if self._before_write is not None:
            self._before_write()  # the editor's pending words are saved first (same lane)
        self._busy = True
        self._update_actions()

        def failed(_message: str) -> None:
            self._busy = False
            self._update_actions()
            self.fixed.emit()  # the entry may have changed under us: check again

        WriteOp(self._controller, self, op).success(lambda _result: self.fixed.emit()).failure(
            failed
        ).run(initiator=self)

    def _can_write(self) -> bool:
        return self._controller.is_open and self._controller.can_edit_learner_text

    def _item_text(self, problem: Problem) -> str:
        label = KIND_WORDS.get(problem.kind, problem.kind)
        text = f"{label}: {problem.message}"
        if problem.kind == "personal_data":
            proposal = problem.replacement
            shown = f"'{proposal}'" if proposal else "remove it"
            remembered = " (your choice last time)" if problem.remembered else ""
            text += f"\n    Suggested: {shown}{remembered}"
        if self.is_acknowledged(problem):
            text = f"✓ Acknowledged · {text}"
        return text

    def _summary_text(self) -> str:
        if not self._problems:
            return "Nothing to fix: the check found no problems."
        blocking = len(self.unanswered_personal_data())
        total = len(self._problems)
        head = f"{total} {'thing' if total == 1 else 'things'} to look at before you export."
        if blocking:
            refs = ", ".join(dict.fromkeys(p.entry_ref for p in self.unanswered_personal_data()))
            head += (
                f" {blocking} piece{'s' if blocking != 1 else ''} of personal data ({refs}) "
                "must be replaced or kept first."
            )
        return head

    def _update_actions(self) -> None:
        problem = self.current()
        personal = problem is not None and problem.kind == "personal_data"
        writable = self._can_write() and not self._busy
        self.replace_label.setVisible(personal)
        self.replace_edit.setVisible(personal)
        self.replace_button.setVisible(personal)
        self.replace_button.setEnabled(writable)
        self.replace_edit.setEnabled(writable)
        self.keep_button.setText("&Keep it" if personal or problem is None else "Ac&knowledge")
        self.keep_button.setEnabled(
            problem is not None and (writable if personal else not self.is_acknowledged(problem))
        )
        self.goto_button.setVisible(self._show_go_to)
        self.goto_button.setEnabled(problem is not None and problem.entry is not None)

    def _on_list_current_row_changed(self, _row: int) -> None:
        problem = self.current()
        if problem is not None and problem.kind == "personal_data":
            self.replace_edit.setText(problem.replacement or "")
        self._update_actions()

    def _on_list_return(self) -> None:
        problem = self.current()
        if problem is None:
            return
        if problem.kind == "personal_data":
            self.replace_edit.setFocus()
            self.replace_edit.selectAll()
        elif problem.entry is not None and self._show_go_to:
            self.entry_requested.emit(problem.entry)

    def _on_goto_clicked(self) -> None:
        problem = self.current()
        if problem is not None and problem.entry is not None:
            self.entry_requested.emit(problem.entry)
