"""FeedbackPanel: the threaded feedback on one entry, with unread marking and a reply box.

Learners reply to a selected comment; reviewers may also start a new comment. Each write is a
``WriteOp``: the reviewing service's Changes (review, with the entry's id) reach the entries
list, which updates its unread counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Changes, Written
from portfolio.domain.review import FeedbackItem
from portfolio.errors import PortfolioError
from portfolio.services.portfolio import Portfolio
from portfolio.ui.controller import PortfolioController
from portfolio.ui.errors import show_exception
from portfolio.ui.operations import WriteOp
from portfolio.ui.review.entry_review_box import EntryReviewBox
from portfolio.ui.review.feedback_thread_model import FeedbackThreadModel
from portfolio.ui.theme import SPACING

T = TypeVar("T")
PADDING = 6


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: Qt's default size hint assumes one line per
    paragraph, so long comments would be cut off with an ellipsis."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        text = str(index.data() or "")
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self._view.viewport().width() - self._view.indentation() * (depth + 1) - 12
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        flags = int(Qt.TextFlag.TextWordWrap)
        rect = QFontMetrics(font).boundingRect(QRect(0, 0, max(width, 80), 10_000), flags, text)
        return QSize(max(width, 80), rect.height() + 2 * PADDING)


class FeedbackPanel(QWidget):
    feedback_added = Signal(str)  # the new comment's id
    read_state_changed = Signal(str)  # the entry id

    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackPanel")
        self._controller = controller
        self._entry_id: str | None = None
        self._ref: str | None = None  # the entry's reference, when the host already read it

        self.title = QLabel("Feedback")
        self.title.setObjectName("feedbackTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.unread_label = QLabel()
        self.unread_label.setObjectName("feedbackUnread")
        self.mark_read_button = QPushButton("Mark all as read")
        self.mark_read_button.setObjectName("markReadButton")

        self.model = FeedbackThreadModel(self)
        self.view = QTreeView()
        self.view.setObjectName("feedbackThread")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName("Comments and replies")
        self.view.setItemDelegate(WrappingDelegate(self.view))
        self.view.viewport().installEventFilter(self)

        self.empty_label = QLabel("No feedback on this entry yet.")
        self.empty_label.setObjectName("feedbackEmpty")
        self.empty_label.setWordWrap(True)

        self.reply_edit = QPlainTextEdit()
        self.reply_edit.setObjectName("replyEdit")
        self.reply_edit.setAccessibleName("Your reply")
        self.reply_edit.setFixedHeight(80)
        self.reply_button = QPushButton("Reply")
        self.reply_button.setObjectName("replyButton")
        self.comment_button = QPushButton("Add comment")
        self.comment_button.setObjectName("commentButton")
        # The reviewer's side of the entry: flags, judging several criteria, observations.
        self.review_box = EntryReviewBox(controller, self)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.unread_label)
        top.addWidget(self.mark_read_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.comment_button)
        buttons.addWidget(self.reply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.reply_edit)
        layout.addLayout(buttons)
        layout.addWidget(self.review_box)

        self.mark_read_button.clicked.connect(self.mark_all_read)
        self.reply_button.clicked.connect(self.send_reply)
        self.comment_button.clicked.connect(self.send_comment)
        self.reply_edit.textChanged.connect(self._update_buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        controller.changed.connect(self._on_controller_changed)
        controller.closed.connect(lambda: self.set_entry(None))
        self.set_entry(None)

    # -- public -------------------------------------------------------------------------

    @property
    def entry_id(self) -> str | None:
        return self._entry_id

    def set_entry(self, entry_id: str | None, ref: str | None = None) -> None:
        """Show the feedback of one entry (None: nothing); ``ref`` ("E3") when the host has
        the entry already, so it is not read again."""
        self._entry_id = entry_id
        self._ref = ref if entry_id is not None else None
        self.reply_edit.clear()
        self.refresh()
        self.review_box.set_entry(entry_id)

    def refresh(self) -> None:
        items = []
        if self._entry_id is not None and self._controller.is_open:
            try:
                items = self._controller.portfolio.reviewing.thread(self._entry_id)
                ref = self._ref or self._controller.portfolio.entries.get(self._entry_id).ref
                self.title.setText(f"Feedback on {ref}")
            except PortfolioError as exc:
                show_exception(self, exc)
        else:
            self.title.setText("Feedback")
        self.model.set_items(items)
        self.view.expandAll()
        self.empty_label.setVisible(self._entry_id is not None and not items)
        self._update_buttons()

    def select(self, feedback_id: str) -> None:
        index = self.model.index_of(feedback_id)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def mark_all_read(self) -> None:
        if self._entry_id is None:
            return
        entry_id = self._entry_id
        self._write(
            lambda pf: pf.reviewing.mark_read(entry_id=entry_id),
            lambda _result: self.read_state_changed.emit(entry_id),
        )

    def send_reply(self) -> None:
        parent = self.model.item(self.view.currentIndex())
        text = self.reply_edit.toPlainText()
        if parent is None or not text.strip():
            return
        self._write(lambda pf: pf.reviewing.reply(feedback_id=parent.id, text=text), self._added)

    def send_comment(self) -> None:
        text = self.reply_edit.toPlainText()
        if self._entry_id is None or not text.strip():
            return
        entry_id = self._entry_id
        self._write(lambda pf: pf.reviewing.comment(entry_id=entry_id, text=text), self._added)

    # -- internals ----------------------------------------------------------------------

    def _write(
        self, op: Callable[[Portfolio], Written[T]], then: Callable[[Written[T]], None]
    ) -> None:
        """One reviewing write through the helper; when stored, refresh, then ``then``."""

        def done(result: Written[T]) -> None:
            self.refresh()
            then(result)

        WriteOp(self._controller, self, op).success(done).run(initiator=self)

    def _added(self, result: Written[FeedbackItem]) -> None:
        self.reply_edit.clear()
        self.feedback_added.emit(result.value.id)
        self.select(result.value.id)

    def _is_reviewer(self) -> bool:
        return self._controller.is_open and self._controller.portfolio.actor.is_reviewer

    def _update_buttons(self) -> None:
        has_entry = self._entry_id is not None and self._controller.is_open
        has_text = bool(self.reply_edit.toPlainText().strip())
        selected = self.model.item(self.view.currentIndex()) is not None
        unread = self.model.unread_count
        reviewer = self._is_reviewer()
        self.comment_button.setVisible(reviewer)
        self.comment_button.setEnabled(has_entry and has_text)
        self.reply_button.setEnabled(has_entry and has_text and selected)
        self.reply_edit.setEnabled(has_entry)
        if not has_entry:
            hint = "Choose an entry to see its feedback."
        elif reviewer:
            hint = "Write a comment, or select one and reply to it."
        elif self.model.rowCount():
            hint = "Select a comment, then write your reply here."
        else:
            hint = "When your tutor or assessor comments, you can reply here."
        self.reply_edit.setPlaceholderText(hint)
        self.unread_label.setText(f"{unread} new" if unread else "")
        self.mark_read_button.setEnabled(unread > 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.view.doItemsLayout()  # re-wrap the comments to the new width
        return super().eventFilter(watched, event)

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.initiator is self or not changes.review or self._entry_id is None:
            return
        if not changes.entry_ids or self._entry_id in changes.entry_ids:
            self.refresh()
