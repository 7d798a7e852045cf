"""SuggestionsPanel: the criteria the entry's text most likely evidences, each added with one
click or turned down with "Not this" (both teach the ranking for this portfolio). It only shows
what the tagging panel gives it; the ranking is portfolio.writing.suggest, and the learning is
portfolio.services.suggestions."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:  # types only: the module is imported when first used (issue #17)
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
        self._grid.setColumnStretch(2, 1)
        self._grid.setVerticalSpacing(2)
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
            # One line per suggestion, so they sit above the criteria tree without crowding it;
            # the whole criterion and the words that matched are in the tooltip.
            label = QLabel(_describe(suggestion, with_level=levels), self)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setToolTip(_explain(suggestion))
            label.setMinimumWidth(1)
            self._grid.addWidget(button, row, 0)
            self._grid.addWidget(reject, row, 1)
            self._grid.addWidget(label, row, 2)
            self._buttons.append(button)
            self._reject_buttons.append(reject)
            self._labels.append(label)
        if self._suggestions:
            self.status_label.setText("From the words in this entry, it may show:")
        else:
            self.status_label.setText(NONE_TEXT if asked else EMPTY_TEXT)


def _describe(suggestion: Suggestion, *, with_level: bool = False) -> str:
    level = f"Level {html.escape(suggestion.level)} · " if with_level and suggestion.level else ""
    return (
        f"{level}<b>{html.escape(suggestion.number)}</b> {html.escape(_short(suggestion.text, 48))}"
    )


def _explain(suggestion: Suggestion) -> str:
    """The tooltip: the whole criterion and why it was suggested."""
    why = [f"Matched: {', '.join(suggestion.matched)}"] if suggestion.matched else []
    if suggestion.learned:
        why.append("like entries you tagged before")
    return f"{suggestion.number} {suggestion.text}" + (f"\n{'; '.join(why)}" if why else "")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
