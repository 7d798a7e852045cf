"""One section of an entry's reflective model in the editor: its name, what to write, a hint, the
text and a word count."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QFrame, QLabel, QMenu, QVBoxLayout, QWidget

from portfolio.domain.reflective import ModelSection
from portfolio.domain.star import StarSection, word_count
from portfolio.errors import PortfolioError
from portfolio.ui.editor.measured_label import MeasuredLabel
from portfolio.ui.editor.spell_highlighter import SpellHighlighter
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.growing_text_edit import GrowingTextEdit
from portfolio.writing.guidance import GuidanceItem
from portfolio.writing.spelling import Misspelling, SpellChecker, add_personal

_EMPHASIS = re.compile(r"\*(\w+)\*")


def prompt_html(prompt: str) -> str:
    """The prompt with its *emphasis* shown in italics."""
    return _EMPHASIS.sub(r"<i>\1</i>", html.escape(prompt))


class StarSectionBox(QFrame):
    text_edited = Signal(str)  # section key
    word_added = Signal(str)  # the learner added a word to their dictionary

    def __init__(self, section: StarSection | ModelSection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING // 2)

        title = QLabel(section.label, self)
        title.setObjectName("sectionTitle")
        prompt = MeasuredLabel(prompt_html(section.prompt), self)
        prompt.setObjectName("prompt")
        prompt.setTextFormat(Qt.TextFormat.RichText)
        hint = MeasuredLabel(section.hint, self)
        hint.setObjectName("hint")

        self.guidance = MeasuredLabel("", self)  # the tagged units' guidance for this section
        self.guidance.setObjectName("hint")
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.hide()

        self.edit = GrowingTextEdit(self)
        self.edit.setObjectName(f"section_{section.key}")
        self.edit.setAccessibleName(section.label)
        self.edit.setAccessibleDescription(section.prompt.replace("*", ""))
        self.edit.setPlaceholderText(f"Write your {section.label.lower()} here…")
        title.setBuddy(self.edit)
        self._loading = False
        self.spelling = SpellHighlighter(self.edit.document())
        self.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.edit.customContextMenuRequested.connect(self._on_context_menu_requested)

        self.word_count_label = QLabel(self)
        self.word_count_label.setObjectName("wordCount")
        self.word_count_label.setAlignment(Qt.AlignmentFlag.AlignRight)

        for widget in (title, prompt, hint, self.guidance, self.edit, self.word_count_label):
            layout.addWidget(widget)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self._loading = False
        self.guidance_items: tuple[GuidanceItem, ...] = ()
        self._update_count()

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_guidance(self, items: Sequence[GuidanceItem]) -> None:
        """Show what the entry's units say about this section (nothing when untagged)."""
        if tuple(items) == self.guidance_items and self.guidance.isHidden() != bool(items):
            return  # the same guidance: no new rich text to lay out
        self.guidance_items = tuple(items)
        if not items:
            self.guidance.hide()
            self.guidance.setText("")
            return
        lines = "".join(
            f"<li><b>{html.escape(i.label)}</b> ({html.escape(i.unit)}): {html.escape(i.text)}</li>"
            for i in items
        )
        self.guidance.setText(f"From your units:<ul style='margin-left:-20px'>{lines}</ul>")
        self.guidance.show()

    def set_text(self, text: str) -> None:
        """Load text without marking it as an edit (and with a fresh undo history)."""
        self._loading = True
        try:
            self.edit.setPlainText(text)
        finally:
            self._loading = False
        self._update_count()

    def set_spell_checker(self, checker: SpellChecker | None) -> None:
        self._loading = True  # repainting underlines changes no text: never an edit to save
        try:
            self.spelling.set_checker(checker)
        finally:
            self._loading = False

    def rehighlight(self) -> None:
        self.set_spell_checker(self.spelling.checker)

    def misspelling_at(self, position: int) -> Misspelling | None:
        """The underlined word at a character position of the text, if any."""
        checker = self.spelling.checker
        if checker is None:
            return None
        block = self.edit.document().findBlock(position)
        offset = position - block.position()
        for found in checker.misspellings(block.text()):
            if found.start <= offset <= found.end:
                return Misspelling(
                    block.position() + found.start, block.position() + found.end, found.word
                )
        return None

    def context_menu(self, pos: QPoint) -> QMenu:
        """The text box's own menu, with spelling suggestions on top for an underlined word."""
        menu = self.edit.createStandardContextMenu(pos)
        found = self.misspelling_at(self.edit.cursorForPosition(pos).position())
        checker = self.spelling.checker
        if found is None or checker is None or self.edit.isReadOnly():
            return menu
        first = menu.actions()[0] if menu.actions() else None
        suggestions = checker.suggestions(found.word)
        actions: list[QAction] = []
        for word in suggestions:
            action = QAction(word, menu)
            action.triggered.connect(lambda _=False, w=word: self.replace(found, w))
            actions.append(action)
        if not suggestions:
            none = QAction("(no suggestions)", menu)
            none.setEnabled(False)
            actions.append(none)
        add = QAction(f"Add “{found.word}” to my dictionary", menu)
        add.triggered.connect(lambda _=False: self.add_to_dictionary(found.word))
        actions.append(add)
        menu.insertActions(first, actions)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]
        return menu

    def replace(self, found: Misspelling, word: str) -> None:
        """Put a suggestion in place of a misspelt word (an ordinary, undoable edit)."""
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(found.start)
        cursor.setPosition(found.end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() == found.word:
            cursor.insertText(word)

    def add_to_dictionary(self, word: str) -> None:
        checker = self.spelling.checker
        try:
            words = add_personal(word)
        except (PortfolioError, OSError):
            return  # a word the list cannot take stays underlined; nothing else changes
        if checker is not None:
            checker.set_personal(words)
        self.word_added.emit(word)

    def _on_context_menu_requested(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.exec(self.edit.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def words(self) -> int:
        return word_count(self.text())

    def _on_edit_text_changed(self) -> None:
        self._update_count()
        if not self._loading:
            self.text_edited.emit(self.section.key)

    def _update_count(self) -> None:
        words = self.words()
        target = self.section.min_words
        noun = "word" if words == 1 else "words"
        text = f"{words} {noun} · aim for at least {target}"
        if words >= target:
            text = f"{words} {noun} ✓"
        self.word_count_label.setText(text)
        self.word_count_label.setAccessibleName(f"{self.section.label} word count: {text}")
        enough = "true" if words >= target else "false"
        if self.word_count_label.property("enough") != enough:
            self.word_count_label.setProperty("enough", enough)
            self.word_count_label.style().unpolish(self.word_count_label)
            self.word_count_label.style().polish(self.word_count_label)
