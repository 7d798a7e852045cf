"""The writing area: the STAR editor with the coach and the criteria (tagging) panel beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from portfolio.domain.dto import EntryDetail
from portfolio.ui.controller import PortfolioController
from portfolio.ui.editor.coach_panel import CoachPanel
from portfolio.ui.editor.star_editor import StarEditor
from portfolio.ui.editor.tagging_panel import TaggingPanel


class EntryEditorPanel(QWidget):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("editorSplitter")
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter)

        self.editor = StarEditor(controller, self.splitter)
        self.side_tabs = QTabWidget(self.splitter)
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.setDocumentMode(True)
        self.coach = CoachPanel(controller, self.side_tabs)
        self.coach.setObjectName("coachPanel")
        self.side_tabs.addTab(self.coach, "&Coach")
        self.tagging = TaggingPanel(controller, self.side_tabs)
        self.tagging.setObjectName("taggingPanel")
        self.side_tabs.addTab(self.tagging, "C&riteria")
        self.side_tabs.setMinimumWidth(260)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([560, 340])

        self.editor.entry_loaded.connect(self._on_editor_entry_loaded)
        self.editor.tags_changed.connect(self._on_editor_tags_changed)
        self.editor.text_paused.connect(self._on_editor_text_paused)
        self.coach.finding_activated.connect(self.editor.focus_section)

    def set_entry(self, entry_id: str | None) -> None:
        self.editor.set_entry(entry_id)

    def _on_editor_entry_loaded(self, entry: EntryDetail | None) -> None:
        self.coach.set_entry(entry)
        self.tagging.set_entry(entry.id if entry else None)
        if entry is not None:
            self.tagging.set_suggestion_text(self.editor.full_text())

    def _on_editor_tags_changed(self, entry: EntryDetail) -> None:
        self.coach.set_entry(entry, self.editor.section_texts())

    def _on_editor_text_paused(self) -> None:
        if self.editor.entry is None:
            return
        self.coach.review(self.editor.section_texts())
        self.tagging.set_suggestion_text(self.editor.full_text())
