"""The writing area: the STAR editor with side tabs for the coach, the criteria (tagging), the
entry's documents and its feedback.

The tabs follow the open entry, reusing what the editor read (no second read of the entry). The
Criteria and Documents tabs load when they are shown, so a switch pays only for what is on
screen: the editor, the Coach tab (or whichever tab is open) and the Feedback tab's count of
new comments. The Feedback tab's name says how many comments are new, and an
entry with new comments opens on that tab; in review mode it is the tab shown first, because
commenting is what a reviewer does there.

When the panel is too narrow for the form beside the tabs (at 200% scaling the form's fields
were cut at the right, "Professional di", beside the Coach tab), the editor becomes the first
tab, "Entry", and each tab gets the whole width; it moves back beside them when there is room.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from portfolio.domain.dto import EntryDetail
from portfolio.ui.controller import PortfolioController
from portfolio.ui.documents.attachments_panel import AttachmentsPanel
from portfolio.ui.editor.coach_panel import CoachPanel
from portfolio.ui.editor.personal_data_panel import PersonalDataPanel
from portfolio.ui.editor.star_editor import StarEditor
from portfolio.ui.editor.tagging_panel import TaggingPanel
from portfolio.ui.review.feedback_panel import FeedbackPanel
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.screen_fit import layout_minimum

EDITOR_TAB = "Entr&y"  # the editor's tab when the panel is too narrow for it beside the tabs


class EntryEditorPanel(QWidget):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._unread_seen: tuple[str | None, int] = (None, 0)  # entry, unread count shown
        self._editor_in_tabs = False  # narrow: the editor is the first side tab
        self._side_tab: QWidget | None = None  # the side tab last shown (the editor aside)
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
        # The same margin inside every side tab: Documents and Feedback had none, so their
        # text touched the tab's edge beside the Coach's and Criteria's inset pages.
        for page in (self.tagging, self.attachments, self.feedback):
            page_layout = page.layout()
            if page_layout is not None:
                page_layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
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

        # The form's least width can change with no resize of this panel (an entry's text
        # laid out, a field shown): fit again then too, or a pane one pixel short keeps a
        # sideways scroll bar.
        self._fit_pending = False
        self._watched = (self.editor.scroll_area, self.editor.scroll_area.widget())
        for watched in self._watched:
            if watched is not None:
                watched.installEventFilter(self)

        self.editor.entry_loaded.connect(self._on_editor_entry_loaded)
        self.editor.tags_changed.connect(self._on_editor_tags_changed)
        self.editor.text_paused.connect(self._on_editor_text_paused)
        self.coach.finding_activated.connect(self._on_coach_finding_activated)
        self.attachments.review_opened.connect(lambda _: self.show_tab(self.attachments))
        self.feedback.model.modelReset.connect(self._update_feedback_tab)
        controller.opened.connect(self._on_controller_opened)
        if controller.is_open:  # built after the file opened (the main window builds it late)
            self._on_controller_opened(controller.portfolio)

    def set_entry(self, entry_id: str | None) -> None:
        opening = entry_id != self.editor.entry_id
        if self._editor_in_tabs and opening:
            self.show_tab(self.editor)  # an entry opens on its words (or on new comments)
        self.editor.set_entry(entry_id)

    # -- the editor beside the tabs, or one of them ----------------------------------------

    @property
    def editor_in_tabs(self) -> bool:
        return self._editor_in_tabs

    def form_width(self) -> int:
        """The least width the form, its scroll bar and frame take without scrolling sideways."""
        area = self.editor.scroll_area
        body = area.widget()
        form = layout_minimum(body).width() if body is not None else 0
        return form + area.verticalScrollBar().sizeHint().width() + 2 * area.frameWidth()

    def width_for_both(self) -> int:
        """The width the form needs beside the tabs."""
        side = max(self.side_tabs.minimumWidth(), self.side_tabs.minimumSizeHint().width())
        return self.form_width() + side + self.splitter.handleWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_to_width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize)
            and watched in self._watched
            and not self._fit_pending
        ):
            # After the event, once: fitting here would resize what is being laid out.
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_later)
        return super().eventFilter(watched, event)

    def _fit_later(self) -> None:
        self._fit_pending = False
        self._fit_to_width()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_to_width()  # sized while hidden, it had no say then

    def _fit_to_width(self) -> None:
        if not self.isVisible() or self.width() <= 0:
            return  # a hidden pane (the narrow Entries page shows the list) keeps its layout
        narrow = self.width() < self.width_for_both()
        if narrow != self._editor_in_tabs:
            self._put_editor_in_tabs(narrow)
        if not narrow:
            self._favour_the_form()

    def _favour_the_form(self) -> None:
        """Side by side, the form gets at least its least width; the tabs give way."""
        sizes = self.splitter.sizes()
        form = self.form_width()
        if len(sizes) == 2 and 0 < sizes[0] < form:
            self.splitter.setSizes([form, sum(sizes) - form])

    def _put_editor_in_tabs(self, in_tabs: bool) -> None:
        self._editor_in_tabs = in_tabs
        current = self.side_tabs.currentWidget()
        if current is self.editor:
            current = self._side_tab or self.coach
        if in_tabs:
            self.side_tabs.insertTab(0, self.editor, EDITOR_TAB)
            self.side_tabs.setCurrentWidget(self.editor)  # the words stay in view
        else:
            self.side_tabs.removeTab(self.side_tabs.indexOf(self.editor))
            self.splitter.insertWidget(0, self.editor)
            self.editor.show()
            self.splitter.setSizes([500, 420])
            self.side_tabs.setCurrentWidget(current)

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

    def _on_coach_finding_activated(self, key: str, span: tuple[int, int] | None) -> None:
        if self._editor_in_tabs:
            self.show_tab(self.editor)  # the section the finding points at, in view
        self.editor.focus_section(key, span)

    def _on_side_tab_changed(self, _index: int) -> None:
        # A tab's page is shown (and catches up) when the window is; this covers a window not
        # shown yet, so a panel never answers for an entry it has not loaded.
        current = self.side_tabs.currentWidget()
        if current is not self.editor:
            self._side_tab = current
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
