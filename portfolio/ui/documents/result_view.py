"""The anonymised result as it will be stored: text with placeholders shaded, or its pages.

Shown in the review dialog's "Result" tab and, for a stored attachment, on the Documents page.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QTextEdit, QVBoxLayout, QWidget

from portfolio.ui.documents.page_view import PageView

_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z ]*(?: \d+)?\]")
PICTURE_KINDS = ("png", "jpeg")


class ResultView(QWidget):
    """Notes about the result, then its text (placeholders shaded) or its pages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setObjectName("muted")
        self.text_view = QTextEdit(self)
        self.text_view.setObjectName("resultText")
        self.text_view.setReadOnly(True)
        self.text_view.setAccessibleName("Anonymised text")
        self.pages = PageView(self)
        self.pages.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notes)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(self.pages, 1)

    def show_document(self, kind: str, data: bytes, text: str, *, page: int = 0) -> None:
        """Show stored or prepared bytes: pages for a PDF or picture, else ``text``."""
        picture = kind in (*PICTURE_KINDS, "pdf")
        self.text_view.setVisible(not picture)
        self.pages.setVisible(picture)
        if kind == "pdf":
            self.pages.show_pdf(data, page)
        elif picture:
            self.pages.show_image(data)
        else:
            self.pages.clear()
            self.text_view.setPlainText(text)
            mark_placeholders(self.text_view)

    def clear(self) -> None:
        self.notes.clear()
        self.text_view.clear()
        self.pages.clear()


def mark_placeholders(view: QTextEdit) -> None:
    """Shade every placeholder ([PHONE 1], [CUSTOMER 2]) so the learner sees what changed."""
    text = view.toPlainText()
    cursor = QTextCursor(view.document())
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("#dfe3ea"))
    fmt.setForeground(QColor("#1d2330"))
    fmt.setFontWeight(600)
    for match in _PLACEHOLDER.finditer(text):
        cursor.setPosition(match.start())
        cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    view.moveCursor(QTextCursor.MoveOperation.Start)
