"""The Qualification page: browse the enrolled units, outcomes and criteria, and read the unit's
guidance, common mistakes and key terms beside them. Under the guidance, the assessment
decisions for the chosen unit (sign-off) or criterion (judgement); in review mode the reviewer
makes those decisions there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.assessment import JudgementView
from portfolio.domain.changes import Changes
from portfolio.domain.enums import CriterionState
from portfolio.frameworks.model import Framework
from portfolio.ui.controller import PortfolioController
from portfolio.ui.qualification import qualification_html as render
from portfolio.ui.review.decisions_panel import CRITERION, UNIT, DecisionsPanel
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.fill_on_show import FillOnShow
from portfolio.ui.widgets.wrapped_tree import WrappedTreeWidget

_HtmlRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole
_TextRole = Qt.ItemDataRole.UserRole + 2  # the item's text without a judgement mark
# The criterion's state as the rules judge it, in a mark and (in the tooltip) in words.
JUDGEMENT_MARKS = {"met": "✔ ", "not_yet": "✗ ", "stale": "⚠ ", "referred": "⚑ "}
MARK_WORDS = {
    "met": "judged met",
    "not_yet": "judged not yet met",
    "stale": "judgement stale: evidence changed since",
    "referred": "referred by the IQA",
}


LEARNER_INTRO = (
    "The units, learning outcomes and assessment criteria you are working towards, with the "
    "guidance for each unit."
)
REVIEWER_INTRO = (
    "The units, learning outcomes and assessment criteria the learner is working towards, with "
    "the guidance for each unit. Choose one to see the decisions recorded on it."
)
READABLE_CHARS = 28
"""Characters a side needs, side by side, to read a criterion a few words a line."""
STACKED_LINES = 10
"""Lines the tree and the details each keep when stacked."""


class QualificationPage(QWidget):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        title = QLabel("Qualification", self)
        title.setObjectName("pageTitle")
        self.intro = intro = QLabel(LEARNER_INTRO, self)
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        # A criterion reads in full, on as many lines as it needs, its arrow by the first.
        self.tree = WrappedTreeWidget(splitter)
        self.tree.setObjectName("qualificationTree")
        self.tree.setAccessibleName("Units, outcomes and criteria")
        self.tree.setHeaderHidden(True)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.details = QTextBrowser(right)
        self.details.setObjectName("qualificationDetails")
        self.details.setAccessibleName("Guidance")
        self.details.document().setDocumentMargin(SPACING)
        self.decisions = DecisionsPanel(controller, right)
        right_layout.addWidget(self.details, 1)
        right_layout.addWidget(self.decisions)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        # Half each: at 200% a tree two fifths wide wrapped a criterion to a few words a line.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self._stack_if_narrow()
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self._fill = FillOnShow(self, self.reload)  # a hidden page fills when first shown
        controller.opened.connect(lambda _: self._fill.fill_when_shown())
        controller.closed.connect(self.reload)
        controller.changed.connect(self._on_controller_changed)
        self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._stack_if_narrow()

    def _stack_if_narrow(self) -> None:
        """Tree above details where half the page is too narrow to read (beside the review
        queue at 200 % a unit's name wrapped one word a line, its guidance in a box 140 pixels
        tall); each then keeps some lines of its own, and the page scrolls."""
        metrics = self.fontMetrics()
        stacked = self.width() < 2 * READABLE_CHARS * metrics.averageCharWidth()
        orientation = Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
        lines = metrics.lineSpacing() * STACKED_LINES if stacked else 0
        self.tree.setMinimumHeight(lines)
        self.details.setMinimumHeight(lines)

    def reload(self) -> None:
        reviewing = self._controller.is_open and self._controller.portfolio.actor.is_reviewer
        self.intro.setText(REVIEWER_INTRO if reviewing else LEARNER_INTRO)
        self.tree.clear()
        self.details.clear()
        frameworks = (
            self._controller.portfolio.enrolment.frameworks() if self._controller.is_open else []
        )
        for framework in frameworks:
            self._add_framework(framework)
        self._mark_judgements()
        if self.tree.topLevelItemCount():
            self.tree.expandAll()  # a qualification has tens of criteria: show them all
            top = self.tree.topLevelItem(0)
            assert top is not None  # the count above says there is one
            first = top.child(0) if top.childCount() else top
            self.tree.setCurrentItem(first or top)

    def select(self, item_id: str) -> bool:
        """Show a unit, outcome or criterion by id."""
        self._fill.flush()
        found = self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        for item in found:
            if item.data(0, IdRole) == item_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _add_framework(self, framework: Framework) -> None:
        top = self._item(None, framework.title, framework.id, render.framework_html(framework))
        for unit in framework.units:
            unit_item = self._item(
                top, f"{unit.ref}: {unit.title}", unit.id, render.unit_html(unit)
            )
            for outcome in unit.outcomes:
                outcome_item = self._item(
                    unit_item,
                    f"LO{outcome.number}  {outcome.text}",
                    outcome.id,
                    render.outcome_html(outcome, unit),
                )
                for criterion in outcome.criteria:
                    self._item(
                        outcome_item,
                        f"{criterion.number}  {criterion.text}",
                        criterion.id,
                        render.criterion_html(criterion, outcome, unit),
                    )

    def _item(
        self, parent: QTreeWidgetItem | None, text: str, item_id: str, html: str
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent or self.tree, [text])
        item.setData(0, _TextRole, text)
        item.setToolTip(0, text)
        item.setData(0, IdRole, item_id)
        item.setData(0, _HtmlRole, html)
        return item

    def _on_tree_current_item_changed(self, current, _previous) -> None:
        self.details.setHtml(current.data(0, _HtmlRole) if current else "")
        depth, parent = 0, current.parent() if current else None
        while parent is not None:
            depth, parent = depth + 1, parent.parent()
        kind = {1: UNIT, 3: CRITERION}.get(depth) if current else None
        self.decisions.set_item(kind, current.data(0, IdRole) if kind else None)

    def _mark_judgements(self) -> None:
        """✔ met on current evidence, ✗ not yet met, ⚠ stale, ⚑ referred by the IQA."""
        if not self._controller.is_open:
            return
        judged = {
            c.id: _mark(c.status, c.judgement)
            for c in self._controller.portfolio.coverage.report().criteria
        }
        found = self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        for item in found:
            judgement = judged.get(item.data(0, IdRole))
            if judgement is None and item.data(0, IdRole) not in judged:
                continue
            text = item.data(0, _TextRole)
            item.setText(0, JUDGEMENT_MARKS.get(judgement or "", "") + text)
            label = MARK_WORDS.get(judgement or "")
            item.setToolTip(0, f"{text}\n({label})" if label else text)

    def _on_controller_changed(self, changes: Changes) -> None:
        if self._fill.pending:
            return  # the fill when the page is shown reads what changed
        if changes.frameworks:
            self.reload()
        elif changes.review:
            self._mark_judgements()


def _mark(status: CriterionState, judgement: JudgementView | None) -> str:
    """Which mark a criterion gets: from the status and judgement the rules worked out."""
    if judgement is None:
        return ""
    if judgement.referral is not None:
        return "referred"
    if judgement.stale:
        return "stale"
    if status is CriterionState.MET:
        return "met"
    return "not_yet" if judgement.state == "not-yet" else ""
