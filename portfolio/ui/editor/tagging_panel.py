"""TaggingPanel: which criteria the open entry evidences, how it shows each, and suggestions.

The enrolled qualifications appear as a filterable tree with a check box per criterion. Ticking
one tags the entry straight away (nothing ticked is lost) and asks, just below the tree, "How does
this entry show it?"; until that is answered the tag is flagged in the tree and counts as a gap.
The unit's guidance is one click away. Suggested criteria come from portfolio.writing.suggest,
ranked on a short timer after the host passes the entry's text, so typing never waits for them.
Every write is a ``WriteOp`` (ui/operations.py) calling ``portfolio.tagging``; the service's
Changes go out stamped with this panel as initiator. A refused tag is explained in place.

A host that shows the panel in a tab sets ``load_when_shown``: while the tab is hidden, a new
entry or a change only marks the tree out of date (no read, no relayout of the wrapped tree, no
suggestions ranked), and it catches up when shown. Switching entries pays only for what is seen.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Changes, Written
from portfolio.errors import NotFoundError
from portfolio.services.portfolio import Portfolio
from portfolio.ui.editor.criteria_tree_model import (
    CRITERION_ID_ROLE,
    GUIDANCE_ROLE,
    LABEL_ROLE,
    SEARCH_ROLE,
    CriteriaItemDelegate,
    CriteriaTreeModel,
)
from portfolio.ui.editor.suggestions_panel import SuggestionsPanel
from portfolio.ui.operations import WriteOp

SUGGEST_DELAY_MS = 300
JUSTIFICATION_SAVE_DELAY_MS = 1500
PROMPT = "How does this entry show it?"
PLACEHOLDER = "A sentence or two in your own words: what you did that meets it."


class TaggingPanel(QWidget):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._entry_id: str | None = None
        self._text = ""
        self._rejected: set[str] | None = None  # criteria turned down for the open entry
        self._building_model = False  # the learned model's first build runs on the writer lane
        self._frameworks: list = []
        self._shown_criterion: str | None = None  # the criterion the justification box edits
        self._box_dirty = False
        self.load_when_shown = False  # set by a host that hides the panel in a tab
        self._behind = False  # hidden while its entry or tags changed: reload when shown
        self._known_tags: dict[str, str] | None = None  # the host's tags for that reload
        self._suggest_due = False  # text arrived while hidden: rank it when shown
        self.setObjectName("taggingPanel")

        heading = QLabel("<b>Criteria this entry evidences</b>", self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter criteria by number or words")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter criteria")
        self.tree_model = CriteriaTreeModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.tree_model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)  # a matching unit keeps all its criteria
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tree = QTreeView(self)
        self.tree.setObjectName("criteriaTree")
        self.tree.setAccessibleName("Criteria: tick the ones this entry evidences")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        # Criteria wrap onto more lines: the panel is narrow and learners must read them whole.
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(CriteriaItemDelegate(self.tree))
        self.tree.setIndentation(14)  # narrow panel: every pixel of indent costs a wrapped line
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.prompt_label = QLabel(self)
        self.prompt_label.setWordWrap(True)
        self.justification_edit = QPlainTextEdit(self)
        self.justification_edit.setObjectName("justificationEdit")
        self.justification_edit.setAccessibleName(PROMPT)
        self.justification_edit.setPlaceholderText(PLACEHOLDER)
        self.justification_edit.setTabChangesFocus(True)
        self.justification_edit.setFixedHeight(4 * self.fontMetrics().lineSpacing() + 12)
        self.save_button = QPushButton("Save justification", self)
        self.guidance_button = QPushButton("Unit guidance", self)
        self.guidance_button.setCheckable(True)
        self.guidance_button.setToolTip("Show the unit's guidance and common mistakes")
        self.saved_label = QLabel(self)
        self.guidance_view = QTextBrowser(self)
        self.guidance_view.setObjectName("guidanceView")
        self.guidance_view.setAccessibleName("Unit guidance and common mistakes")
        self.guidance_view.setVisible(False)
        self.guidance_view.setMinimumHeight(12 * self.fontMetrics().lineSpacing())
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.suggestions_panel = SuggestionsPanel(self)

        self._suggest_timer = _single_shot(self, SUGGEST_DELAY_MS, self._update_suggestions)
        self._save_timer = _single_shot(self, JUSTIFICATION_SAVE_DELAY_MS, self._save_justification)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.guidance_button)
        buttons.addWidget(self.saved_label, 1)
        # Suggestions and the tree above, the justification and guidance below in a scroll area:
        # whatever height the host gives the panel, nothing is cut off, and the learner can
        # drag the divider to give the tree more room.
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(heading)
        # Suggestions first, beside the tree they tick into: one view, not a second scroll area.
        top_layout.addWidget(self.suggestions_panel)
        top_layout.addWidget(self.filter_edit)
        top_layout.addWidget(self.tree, 1)
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 4, 0)
        below_layout.addWidget(self.prompt_label)
        below_layout.addWidget(self.justification_edit)
        below_layout.addLayout(buttons)
        below_layout.addWidget(self.guidance_view)
        below_layout.addWidget(self.message_label)
        below_layout.addStretch(1)
        self._scroll = scroll = QScrollArea(self)
        scroll.setWidget(below)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(scroll)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.tree_model.check_requested.connect(self._on_tree_model_check_requested)
        self.tree.selectionModel().selectionChanged.connect(self._on_tree_selection_changed)
        self.justification_edit.textChanged.connect(self._on_justification_edit_text_changed)
        self.save_button.clicked.connect(self._save_justification)
        self.guidance_button.toggled.connect(self.guidance_view.setVisible)
        self.suggestions_panel.add_requested.connect(self._on_suggestions_add_requested)
        self.suggestions_panel.reject_requested.connect(self._on_suggestions_reject_requested)
        controller.opened.connect(self._on_controller_opened)
        controller.closing.connect(self._save_justification)
        controller.closed.connect(self._on_controller_closed)
        controller.changed.connect(self._on_controller_changed)
        self._load_frameworks()

    # -- the host's interface -------------------------------------------------------------

    @property
    def entry_id(self) -> str | None:
        return self._entry_id

    def set_entry(self, entry_id: str | None, tags: Mapping[str, str] | None = None) -> None:
        """Show the tags of this entry (None: no entry, nothing can be ticked). ``tags``
        (criterion id to justification) when the host has just read them: no second read."""
        self._save_justification()
        self._entry_id = entry_id
        self._rejected = None
        self._text = ""
        self._suggest_timer.stop()
        self._suggest_due = False
        self.suggestions_panel.set_suggestions([], asked=False)
        if self._deferring():
            self._behind = True
            self._known_tags = dict(tags) if tags is not None else None
            return
        self._reload_tags(tags)

    def set_suggestion_text(self, text: str) -> None:
        """The entry's current text; suggestions follow after a short pause (once shown)."""
        self._text = text
        if self._deferring():
            self._suggest_due = True
        else:
            self._suggest_timer.start()

    def flush(self) -> None:
        """Save a justification being typed now (before the host moves on)."""
        self._save_justification()

    def catch_up(self) -> None:
        """Load what changed while the panel was hidden, and rank suggestions for the text."""
        if self._behind:
            self._behind = False
            tags, self._known_tags = self._known_tags, None
            self._reload_tags(tags)
        if self._suggest_due:
            self._suggest_due = False
            self._suggest_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.catch_up()

    def _deferring(self) -> bool:
        return self.load_when_shown and self.isHidden()

    def select_criterion(self, criterion_id: str) -> None:
        """Select a criterion in the tree (clearing a filter that hides it) and show it."""
        source = self.tree_model.index_of(criterion_id)
        if not source.isValid():
            return
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(source)
        self.tree.scrollTo(index)
        self.tree.setCurrentIndex(index)

    # -- loading --------------------------------------------------------------------------

    def _can_edit(self) -> bool:
        if self._entry_id is None or not self._controller.is_open:
            return False
        portfolio = self._controller.portfolio
        return not (portfolio.read_only or portfolio.actor.is_reviewer)

    def _load_frameworks(self) -> None:
        opened = self._controller.is_open
        self._frameworks = self._controller.portfolio.enrolment.frameworks() if opened else []
        self.tree_model.set_frameworks(self._frameworks)
        self.tree.expandAll()

    def _reload_tags(self, known: Mapping[str, str] | None = None) -> None:
        tags: dict[str, str] = {}
        if known is not None and self._entry_id is not None:
            tags = dict(known)
        elif self._entry_id is not None and self._controller.is_open:
            try:
                detail = self._controller.portfolio.entries.get(self._entry_id)
            except NotFoundError:
                self._entry_id = None
            else:
                tags = {tag.criterion_id: tag.justification for tag in detail.tags}
        self.tree_model.set_tags(tags, checkable=self._can_edit())
        self._show_selected()

    def _selected_index(self) -> QModelIndex:
        return self.proxy.mapToSource(self.tree.currentIndex())

    def _show_selected(self) -> None:
        """Fill the justification box and the guidance for the selected tree item."""
        index = self._selected_index()
        criterion_id = index.data(CRITERION_ID_ROLE) if index.isValid() else None
        tags = self.tree_model.tags
        tagged = criterion_id in tags and self._can_edit()
        keep_typing = self._box_dirty and criterion_id == self._shown_criterion and tagged
        if not keep_typing:
            self._box_dirty = False
            self.justification_edit.blockSignals(True)
            self.justification_edit.setPlainText(tags.get(criterion_id or "", "") if tagged else "")
            self.justification_edit.blockSignals(False)
        self._shown_criterion = criterion_id if tagged else None
        self.justification_edit.setEnabled(tagged)
        self.save_button.setEnabled(tagged)
        label = html.escape(index.data(LABEL_ROLE)) if criterion_id else ""
        number = label.split()[0] if label else ""
        if self._entry_id is None:
            self.prompt_label.setText("Open an entry to tag it to criteria.")
        elif criterion_id is None:
            self.prompt_label.setText("Tick each criterion this entry shows.")
        elif tagged:
            self.prompt_label.setText(f"<b>How does this entry show {number}?</b><br>{label}")
        else:
            self.prompt_label.setText(f"Tick {number} if this entry shows it.<br>{label}")
        guidance = index.data(GUIDANCE_ROLE) if index.isValid() else None
        self.guidance_view.setHtml(guidance or "<p>Choose a criterion to see its guidance.</p>")

    # -- writing --------------------------------------------------------------------------

    def _tag(
        self,
        criterion_id: str,
        justification: str = "",
        then: Callable[[], None] | None = None,
    ) -> None:
        """Tag the entry (or change the justification), then ``then()`` once it is stored."""
        entry_id = self._entry_id
        if entry_id is None:
            return

        def done(_result: object) -> None:
            self._after_write()
            if then is not None and self._entry_id == entry_id:
                then()

        self._write(
            lambda pf: pf.tagging.tag(
                entry_id=entry_id, criterion=criterion_id, justification=justification
            ),
            done,
        )

    def _write(self, op: Callable[[Portfolio], Written[Any]], done: Callable[[Any], None]) -> None:
        WriteOp(self._controller, self, op).success(done).failure(
            self._show_message, quiet=True
        ).run(initiator=self)

    def _after_write(self) -> None:
        self._show_message("")
        self._reload_tags()
        self._update_suggestions()  # already-tagged criteria drop out of the suggestions

    def _save_justification(self) -> None:
        self._save_timer.stop()
        text = self.justification_edit.toPlainText().strip()
        criterion_id = self._shown_criterion
        if not self._box_dirty or criterion_id is None or not text or self._entry_id is None:
            return
        self._box_dirty = False
        self._tag(criterion_id, text, then=lambda: self.saved_label.setText("Saved"))

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # -- suggestions ----------------------------------------------------------------------

    def _update_suggestions(self) -> None:
        # Suggestions are the learner's: a reviewer (or a read-only copy) cannot add a tag, and
        # "Not this" would write to the learner's ranking.
        editable = self._can_edit()
        self.suggestions_panel.setVisible(editable)
        if not editable:
            self.suggestions_panel.set_suggestions([], asked=False)
            return
        if self._entry_id is None or not self._text.strip() or not self._frameworks:
            self.suggestions_panel.set_suggestions([], asked=bool(self._text.strip()))
            return
        suggestions = self._controller.portfolio.suggestions
        if self._rejected is None:
            try:
                self._rejected = set(suggestions.rejected(self._entry_id))
            except NotFoundError:
                self._rejected = set()
        # The learned ranking: this portfolio's tags and "Not this" clicks move it. Its first
        # build analyses every tagged entry (seconds on a large portfolio), so it runs off the
        # GUI thread; until it is ready the suggestions are by the words alone.
        learned = suggestions.model_built()
        if not learned:
            self._build_model_in_background()
        found = suggestions.suggest(
            self._text,
            self._frameworks,
            top=5,
            exclude=set(self.tree_model.tags) | self._rejected,
            learn=learned,
        )
        self.suggestions_panel.set_suggestions(found)

    def _build_model_in_background(self) -> None:
        if self._building_model:
            return
        self._building_model = True
        service = self._controller.portfolio.suggestions
        panel = self

        def finished(_result: object) -> None:
            if not shiboken6.isValid(panel):
                return
            panel._building_model = False
            if panel._controller.is_open and panel._controller.portfolio.suggestions is service:
                panel._update_suggestions()

        def failed(_message: str) -> None:
            if shiboken6.isValid(panel):
                panel._building_model = False  # ranking by the words alone goes on

        # The writer lane: the build also stores the term vectors it computed.
        self._controller.tasks.start(
            service.model, on_done=finished, on_error=failed, writes=True, pass_progress=False
        )

    # -- slots ----------------------------------------------------------------------------

    def _on_filter_edit_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def _on_tree_model_check_requested(self, criterion_id: str, checked: bool) -> None:
        self._save_justification()
        entry_id = self._entry_id
        if entry_id is None:
            return
        if not checked:
            self._write(
                lambda pf: pf.tagging.untag(entry_id=entry_id, criterion=criterion_id),
                lambda _result: self._after_write(),
            )
            return
        self._tag(criterion_id, then=lambda: self._ask_justification(criterion_id))

    def _on_suggestions_add_requested(self, criterion_id: str) -> None:
        matched = next(
            (
                s.matched
                for s in self.suggestions_panel.suggestions
                if s.criterion_id == criterion_id
            ),
            (),
        )
        self._save_justification()
        self._tag(criterion_id, then=lambda: self._ask_justification(criterion_id, matched))

    def _on_suggestions_reject_requested(self, criterion_id: str) -> None:
        if not self._can_edit() or self._entry_id is None:
            return
        entry_id = self._entry_id

        def rejected(_result: object) -> None:
            if self._entry_id != entry_id:
                return  # the learner moved on to another entry meanwhile
            if self._rejected is not None:
                self._rejected.add(criterion_id)
            self._show_message("")
            self._update_suggestions()

        self._write(
            lambda pf: pf.suggestions.reject(entry_id=entry_id, criterion=criterion_id), rejected
        )

    def _ask_justification(self, criterion_id: str, matched: tuple[str, ...] = ()) -> None:
        self.select_criterion(criterion_id)
        hint = f" You wrote about: {', '.join(matched)}." if matched else ""
        self.justification_edit.setPlaceholderText(f"{PLACEHOLDER}{hint}")
        self.justification_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        # Clicking "Add" scrolled the suggestions into view; bring the question back.
        self._scroll.ensureWidgetVisible(self.prompt_label)
        self._scroll.ensureWidgetVisible(self.justification_edit)

    def _on_tree_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self._save_justification()
        self.justification_edit.setPlaceholderText(PLACEHOLDER)
        self.saved_label.clear()
        self._show_selected()

    def _on_justification_edit_text_changed(self) -> None:
        self._box_dirty = True
        self.saved_label.setText("Not saved yet")
        self._save_timer.start()

    def _on_controller_opened(self, _portfolio: object) -> None:
        self._entry_id = None
        self._load_frameworks()
        self.set_entry(None)

    def _on_controller_closed(self) -> None:
        self._entry_id = None
        self._box_dirty = False
        self._load_frameworks()
        self.set_entry(None)

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.initiator is self:
            return
        if changes.frameworks:
            self._load_frameworks()
        # An entry's own save (autosave: its text) names it and leaves its tags alone; a tag,
        # a deletion or a restore changes the evidence.
        tags_may_differ = changes.entries and not changes.entry_ids
        if changes.evidence or tags_may_differ or changes.frameworks:
            if self._deferring():
                self._behind, self._known_tags = True, None
            else:
                self._reload_tags()


def _single_shot(parent: QWidget, msecs: int, slot) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msecs)
    timer.timeout.connect(slot)
    return timer
