"""SuggestionsPanel: the criteria the entry's text most likely evidences, each added with one
click or turned down with "Not this" (both teach the ranking for this portfolio). It only shows
what the tagging panel gives it; the ranking is portfolio.writing.suggest, and the learning is
portfolio.services.suggestions."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from portfolio.writing.suggest import Suggestion

EMPTY_TEXT = "Suggestions appear here as you write."
NONE_TEXT = "No suggestions yet: say more about what you did, and why."


class SuggestionsPanel(QWidget):
    add_requested = Signal(str)  # criterion id
    reject_requested = Signal(str)  # criterion id: "this entry does not show it"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggestions: list[Suggestion] = []
        self._buttons: list[QPushButton] = []
        self._reject_buttons: list[QPushButton] = []
        self._labels: list[QLabel] = []
        title = QLabel("<b>Suggested criteria</b>", self)
        self.status_label = QLabel(EMPTY_TEXT, self)
        self.status_label.setWordWrap(True)
        self._grid = QGridLayout()
        self._grid.setColumnStretch(1, 1)
        self._grid.setVerticalSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.status_label)
        layout.addLayout(self._grid)

    @property
    def suggestions(self) -> list[Suggestion]:
        return list(self._suggestions)

    def button_for(self, criterion_id: str) -> QPushButton:
        for suggestion, button in zip(self._suggestions, self._buttons, strict=True):
            if suggestion.criterion_id == criterion_id:
                return button
        raise KeyError(criterion_id)

    def reject_button_for(self, criterion_id: str) -> QPushButton:
        for suggestion, button in zip(self._suggestions, self._reject_buttons, strict=True):
            if suggestion.criterion_id == criterion_id:
                return button
        raise KeyError(criterion_id)

    def set_suggestions(self, suggestions: Sequence[Suggestion], *, asked: bool = True) -> None:
        """Show these suggestions; ``asked`` is False when there is no text to rank yet."""
        self._suggestions = list(suggestions)
        for widget in (*self._buttons, *self._reject_buttons, *self._labels):
            widget.setParent(None)
            widget.deleteLater()
        self._buttons, self._reject_buttons, self._labels = [], [], []
        levels = len({s.level for s in self._suggestions}) > 1
        for row, suggestion in enumerate(self._suggestions):
            button = QPushButton(f"Add {suggestion.number}", self)
            button.setToolTip(f"Tag this entry to {suggestion.number} {suggestion.text}")
            button.setAccessibleName(f"Add criterion {suggestion.number}")
            button.clicked.connect(
                lambda _checked=False, cid=suggestion.criterion_id: self.add_requested.emit(cid)
            )
            reject = QPushButton("Not this", self)
            reject.setToolTip(
                f"This entry does not show {suggestion.number}: suggest it less for entries "
                "like this one"
            )
            reject.setAccessibleName(f"Not criterion {suggestion.number}")
            reject.clicked.connect(
                lambda _checked=False, cid=suggestion.criterion_id: self.reject_requested.emit(cid)
            )
            label = QLabel(_describe(suggestion, with_level=levels), self)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            self._grid.addWidget(button, row * 2, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(reject, row * 2 + 1, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(label, row * 2, 1, 2, 1)
            self._buttons.append(button)
            self._reject_buttons.append(reject)
            self._labels.append(label)
        if self._suggestions:
            self.status_label.setText("From the words in this entry, it may show:")
        else:
            self.status_label.setText(NONE_TEXT if asked else EMPTY_TEXT)


def _describe(suggestion: Suggestion, *, with_level: bool = False) -> str:
    matched = ", ".join(html.escape(word) for word in suggestion.matched)
    level = f"Level {html.escape(suggestion.level)} · " if with_level and suggestion.level else ""
    text = f"{level}<b>{html.escape(suggestion.number)}</b> {html.escape(_short(suggestion.text))}"
    why = [f"Matched: {matched}"] if matched else []
    if suggestion.learned:
        why.append("like entries you tagged before")
    return text + (f"<br><i>{'; '.join(why)}</i>" if why else "")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
