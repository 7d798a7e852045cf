"""Red wavy underlines under words the British English dictionary does not know.

The checking is ``portfolio.writing.spelling``; this only paints what it finds. Until the
dictionary has loaded (a second, off the GUI thread) nothing is underlined.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

from portfolio.writing.spelling import SpellChecker


class SpellHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.checker: SpellChecker | None = None
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(Qt.GlobalColor.red)

    def set_checker(self, checker: SpellChecker | None) -> None:
        self.checker = checker
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if self.checker is None:
            return
        for found in self.checker.misspellings(text):
            self.setFormat(found.start, found.end - found.start, self._format)
