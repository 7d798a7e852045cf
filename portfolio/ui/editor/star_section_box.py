"""One section of an entry's reflective model in the editor: its name, what to write, a hint, the
text and a word count."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from portfolio.domain.reflective import ModelSection
from portfolio.domain.star import StarSection, word_count
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.growing_text_edit import GrowingTextEdit
from portfolio.writing.guidance import GuidanceItem

_EMPHASIS = re.compile(r"\*(\w+)\*")


def prompt_html(prompt: str) -> str:
    """The prompt with its *emphasis* shown in italics."""
    return _EMPHASIS.sub(r"<i>\1</i>", html.escape(prompt))


class StarSectionBox(QFrame):
    text_edited = Signal(str)  # section key

    def __init__(self, section: StarSection | ModelSection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING // 2)

        title = QLabel(section.label, self)
        title.setObjectName("sectionTitle")
        prompt = QLabel(prompt_html(section.prompt), self)
        prompt.setObjectName("prompt")
        prompt.setTextFormat(Qt.TextFormat.RichText)
        prompt.setWordWrap(True)
        hint = QLabel(section.hint, self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.guidance = QLabel(self)  # the tagged units' guidance for this section
        self.guidance.setObjectName("hint")
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.setWordWrap(True)
        self.guidance.hide()

        self.edit = GrowingTextEdit(self)
        self.edit.setObjectName(f"section_{section.key}")
        self.edit.setAccessibleName(section.label)
        self.edit.setAccessibleDescription(section.prompt.replace("*", ""))
        self.edit.setPlaceholderText(f"Write your {section.label.lower()} here…")
        title.setBuddy(self.edit)

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
        self.guidance_items: tuple[GuidanceItem, ...] = ()
        self._update_count()

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
