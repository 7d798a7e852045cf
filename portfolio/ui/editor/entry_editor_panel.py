"""The writing area: the STAR editor with side tabs for the coach, the criteria (tagging), the
entry's documents and its feedback.

The tabs follow the open entry, reusing what the editor read (no second read of the entry). The
Criteria and Documents tabs load when they are shown, so a switch pays only for what is on
screen: the editor, the Coach tab (or whichever tab is open) and the Feedback tab's count of
new comments. The Feedback tab's name says how many comments are new, and an
entry with new comments opens on that tab; in review mode it is the tab shown first, because
commenting is what a reviewer does there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from portfolio.domain.dto import EntryDetail
from portfolio.ui.controller import PortfolioController
from portfolio.ui.documents.attachments_panel import AttachmentsPanel
from portfolio.ui.editor.coach_panel import CoachPanel
from portfolio.ui.editor.personal_data_panel import PersonalDataPanel
from portfolio.ui.editor.star_editor import StarEditor
from portfolio.ui.editor.tagging_panel import TaggingPanel
from portfolio.ui.review.feedback_panel import FeedbackPanel


class EntryEditorPanel(QWidget):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._unread_seen: tuple[str | None, int] = (None, 0)  # entry, unread count shown
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
        self.attachments = AttachmentsPanel(controller, self.side_tabs)
        self.side_tabs.addTab(self.attachments, "&Documents")
        self.feedback = FeedbackPanel(controller, self.side_tabs)
        self.side_tabs.addTab(self.feedback, "&Feedback")
        self.tagging.load_when_shown = True
        self.attachments.load_when_shown = True
        self.side_tabs.currentChanged.connect(self._on_side_tab_changed)
        # Personal data typed into the entry, with its one-click fixes, sits at the top of the
        # Coach tab (the coach flags it too); it is hidden while there is none.
        self.personal_data = PersonalDataPanel(controller, self.editor, self.coach)
        coach_layout = self.coach.layout()
        assert isinstance(coach_layout, QVBoxLayout)
        coach_layout.insertWidget(0, self.personal_data)
        self.side_tabs.setMinimumWidth(260)
        self.side_tabs.tabBar().setUsesScrollButtons(True)  # four tabs fit a narrow side panel
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([500, 420])  # room for all four side tabs at 1366 wide

        self.editor.entry_loaded.connect(self._on_editor_entry_loaded)
        self.editor.tags_changed.connect(self._on_editor_tags_changed)
        self.editor.text_paused.connect(self._on_editor_text_paused)
        self.coach.finding_activated.connect(self.editor.focus_section)
        self.attachments.review_opened.connect(lambda _: self.show_tab(self.attachments))
        self.feedback.model.modelReset.connect(self._update_feedback_tab)
        controller.opened.connect(self._on_controller_opened)
        if controller.is_open:  # built after the file opened (the main window builds it late)
            self._on_controller_opened(controller.portfolio)

    def set_entry(self, entry_id: str | None) -> None:
        self.editor.set_entry(entry_id)

    def show_tab(self, panel: QWidget) -> None:
        self.side_tabs.setCurrentWidget(panel)

    def _update_feedback_tab(self) -> None:
        unread = self.feedback.model.unread_count
        seen = self._unread_seen
        self._unread_seen = (self.feedback.entry_id, unread)
        if unread and (seen[0] != self.feedback.entry_id or unread > seen[1]):
            self.show_tab(self.feedback)  # a new comment is the first thing to see
        index = self.side_tabs.indexOf(self.feedback)
        self.side_tabs.setTabText(index, f"&Feedback ({unread} new)" if unread else "&Feedback")
        self.side_tabs.setTabToolTip(
            index, f"{unread} new comment{'s' if unread != 1 else ''}" if unread else ""
        )

    def _on_controller_opened(self, _portfolio: object) -> None:
        if self._controller.reviewing:
            self.show_tab(self.feedback)
        elif self.side_tabs.currentWidget() is self.feedback:
            self.show_tab(self.coach)

    def _on_side_tab_changed(self, _index: int) -> None:
        # A tab's page is shown (and catches up) when the window is; this covers a window not
        # shown yet, so a panel never answers for an entry it has not loaded.
        current = self.side_tabs.currentWidget()
        if current is self.tagging or current is self.attachments:
            current.catch_up()

    def _on_editor_entry_loaded(self, entry: EntryDetail | None) -> None:
        entry_id = entry.id if entry else None
        self.coach.set_entry(entry)
        tags = {tag.criterion_id: tag.justification for tag in entry.tags} if entry else None
        self.tagging.set_entry(entry_id, tags)
        self.attachments.set_entry(entry_id)
        self.feedback.set_entry(entry_id, entry.ref if entry else None)
        if entry is not None:
            self.tagging.set_suggestion_text(self.editor.full_text())

    def _on_editor_tags_changed(self, entry: EntryDetail) -> None:
        self.coach.set_entry(entry, self.editor.section_texts())

    def _on_editor_text_paused(self) -> None:
        if self.editor.entry is None:
            return
        self.coach.review(self.editor.section_texts())
        self.tagging.set_suggestion_text(self.editor.full_text())
