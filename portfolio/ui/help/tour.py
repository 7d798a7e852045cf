"""The first-run tour: a few short steps that point at the parts of the window, skippable at
any step, shown once (remembered in this computer's settings) and reopened from Help.

Each step names the page it is about and the main window shows that page behind the tour, so
the learner sees what the words describe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class TourStep:
    title: str
    text: str
    page: str  # the main window page shown behind the step ("" for none)


STEPS = (
    TourStep(
        "Welcome",
        "This short tour shows where things are. Press Next, or Skip tour at any time; "
        "Help > Take the tour brings it back.",
        "",
    ),
    TourStep(
        "Overview",
        "How much of your qualification your entries cover, and the gaps still to fill. "
        "Open a gap to start an entry for it.",
        "overview",
    ),
    TourStep(
        "Entries",
        "Your evidence. New entry (Ctrl+N) opens the editor: write what happened in the "
        "Situation, Task, Action and Result boxes. It saves as you type.",
        "entries",
    ),
    TourStep(
        "Criteria, coach and documents",
        "Beside the editor: the Coach reads what you wrote and suggests what to add; "
        "Criteria is where you tick what the entry shows; Documents holds your attachments.",
        "entries",
    ),
    TourStep(
        "Qualification",
        "Each unit's criteria, guidance, tips and common mistakes, and your assessor's decisions.",
        "qualification",
    ),
    TourStep(
        "Export and help",
        "File > Export PDF (Ctrl+E) makes the PDF for your assessor. Press F1 for the guide, "
        "and Tools > Settings for the theme, text size and reading comfort.",
        "",
    ),
)


class TourDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        show_page: Callable[[str], object] | None = None,
        steps: tuple[TourStep, ...] = STEPS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tourDialog")
        self.setWindowTitle("Tour of Portfolio")
        self._steps = steps
        self._show_page = show_page
        self.step = 0
        self.counter = QLabel(self)
        self.counter.setObjectName("muted")
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.skip_button = QPushButton("&Skip tour", self)
        self.back_button = QPushButton("&Back", self)
        self.next_button = QPushButton("&Next", self)
        self.next_button.setObjectName("primary")
        self.next_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.skip_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counter)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.skip_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(lambda: self.go(self.step - 1))
        self.next_button.clicked.connect(self._on_next)
        self.resize(460, 240)
        self.go(0)

    def go(self, step: int) -> None:
        self.step = max(0, min(step, len(self._steps) - 1))
        current = self._steps[self.step]
        self.counter.setText(f"Step {self.step + 1} of {len(self._steps)}")
        self.title.setText(current.title)
        self.text.setText(current.text)
        self.back_button.setEnabled(self.step > 0)
        last = self.step == len(self._steps) - 1
        self.next_button.setText("&Finish" if last else "&Next")
        if current.page and self._show_page is not None:
            self._show_page(current.page)
        self.next_button.setFocus()

    def _on_next(self) -> None:
        if self.step == len(self._steps) - 1:
            self.accept()
        else:
            self.go(self.step + 1)
