"""Review mode in the main window: opening a portfolio for review, importing a reviewed copy, the
group overview, the banner and title that say how the file is open, and the idle lock.

A reviewer gives their name and role before the file opens; from then on the window says, in the
title and a banner, whose portfolio is being reviewed and by whom, and the learner's own text is
read-only (the editor locks it, the services refuse it). On shared machines, and whenever a
reviewer is at work, an idle lock hides the portfolio after some minutes without use; while it
is locked the window's menu commands and shortcuts are off too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from portfolio import paths
from portfolio.domain.review import MergeReport, role_label
from portfolio.errors import PortfolioError
from portfolio.ui.errors import show_exception
from portfolio.ui.operations import WriteOp
from portfolio.ui.review.idle_lock import IdleLock
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets import screen_fit

if TYPE_CHECKING:  # the group overview (and the reviewing service) load when first shown
    from portfolio.ui.review.group_overview_page import GroupOverviewPage
    from portfolio.ui.review.review_queue_panel import ReviewQueuePanel
    from portfolio.ui.window_host import WindowHost


def possessive(name: str) -> str:
    """ "Jordan Ellis's": the plain-English style guides add 's after a final s too."""
    return f"{name}'s"


def merge_summary(report: MergeReport, file_name: str) -> str:
    """What an imported review brought in, in one or two plain sentences."""
    parts = [
        (report.feedback, "comment or reply", "comments and replies"),
        (report.judgements, "judgement", "judgements"),
        (report.signoffs, "sign-off", "sign-offs"),
        (report.samples, "IQA sample", "IQA samples"),
        (report.observations, "observation record", "observation records"),
    ]
    found = [f"{n} {one if n == 1 else many}" for n, one, many in parts if n]
    if found:
        text = f"Imported from {file_name}: {', '.join(found)}."
    else:
        text = f"Nothing new in {file_name}: its feedback and decisions are already here."
    if report.conflicts:
        text += f"\n\nConflicts ({len(report.conflicts)}): " + " ".join(report.conflicts[:5])
    if report.skipped:
        text += f"\n\nLeft out ({len(report.skipped)}): " + "; ".join(report.skipped[:5])
    return text


class ReviewMode(QObject):
    def __init__(self, window: WindowHost) -> None:
        super().__init__(window.window())
        self._window = window
        self._widget = window.window()  # the same window, as the parent of what is shown
        self._controller = window.controller
        self._reviewer_name = ""
        self.group_page: GroupOverviewPage | None = None
        self._group_holder: QWidget | None = None
        self.import_result: QMessageBox | None = None
        self.idle_minutes = window.settings.idle_lock_minutes()
        self.idle_lock = IdleLock(self._widget, minutes=self.idle_minutes)
        self.idle_lock.locked.connect(self._on_locked)
        self.idle_lock.unlocked.connect(self._on_unlocked)
        self.idle_lock.close_requested.connect(self._on_lock_close_requested)
        self._disabled_actions: list = []
        self.queue_dock: QDockWidget | None = None
        self.queue: ReviewQueuePanel | None = None

    # -- opening for review ---------------------------------------------------------------

    def open_for_review(self, path: Path | str | None = None) -> bool:
        """Ask for a file (unless given) and the reviewer's name and role, then open it."""
        chosen = (
            Path(path)
            if path
            else self._window.files.choose_portfolio("Open a portfolio for review")
        )
        if chosen is None:
            return False
        from portfolio.ui.review.identity_dialog import ReviewerIdentityDialog  # when reviewing

        found = ReviewerIdentityDialog.ask_signed(
            self._widget, file_name=chosen.name, name=self._reviewer_name
        )
        if found is None:
            return False
        actor, passphrase = found
        signer = None
        if passphrase:
            # Signing (and cryptography) loads when a reviewer first unlocks, not at start-up.
            from portfolio.services import identity

            try:
                signer = identity.unlock(actor.name, passphrase)
            except PortfolioError as exc:
                show_exception(self._widget, exc)
                return False
        self._reviewer_name = actor.name
        if not self._window.files.open_path(chosen, actor=actor):
            return False
        # Decisions made in this review are signed with the reviewer's own key (issue 13).
        self._controller.portfolio.reviewing.sign_with(signer)
        return True

    def import_review(self, path: Path | str | None = None) -> bool:
        """Bring a tutor's comments and decisions from a reviewed copy into this portfolio;
        the summary box opens when the merge is stored. False when nothing was started."""
        if not self._controller.can_edit_learner_text:
            return False
        chosen = (
            Path(path)
            if path
            else self._window.files.choose_portfolio("Import the review from a reviewed copy")
        )
        if chosen is None:
            return False
        self._window.flush_editor()
        WriteOp(
            self._controller, self._widget, lambda pf: pf.reviewing.import_review(chosen)
        ).success(lambda report: self._show_merged(report, chosen.name)).run(initiator=self)
        return True

    def _show_merged(self, report: MergeReport, name: str) -> None:
        self.import_report = report
        box = QMessageBox(self._widget)
        box.setObjectName("importReviewResult")
        box.setWindowTitle("Review imported")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(merge_summary(report, name))
        if report.feedback:
            box.setInformativeText("Entries with new feedback have a dot in the entries list.")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.import_result = box

    # -- group overview -------------------------------------------------------------------

    def show_group_overview(self, folder: Path | str | None = None) -> GroupOverviewPage:
        """Show the group overview in place of the welcome page; scan ``folder`` if given."""
        window = self._window
        if self.group_page is None or self._group_holder is None:
            holder = QWidget(window.stack)
            holder.setObjectName("groupOverviewHolder")
            back = QPushButton("← Back", holder)
            back.setObjectName("groupBackButton")
            back.clicked.connect(self.leave_group_overview)
            top = QHBoxLayout()
            top.addWidget(back)
            top.addStretch(1)
            from portfolio.ui.review.group_overview_page import GroupOverviewPage

            self.group_page = GroupOverviewPage(self._controller, holder)
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
            layout.addLayout(top)
            # Scrolls as the workspace's pages do: at 200 % on a laptop it ran past the screen.
            area = screen_fit.hosted(self.group_page, holder)
            area.setObjectName("groupOverviewArea")
            layout.addWidget(area, 1)
            window.stack.addWidget(holder)
            self._group_holder = holder
            self.group_page.open_learner_requested.connect(self.open_for_review)
        window.stack.setCurrentWidget(self._group_holder)
        if folder is not None:
            self.group_page.set_folder(folder)
        return self.group_page

    def leave_group_overview(self) -> None:
        window = self._window
        is_open = self._controller.is_open
        window.stack.setCurrentWidget(window.workspace if is_open else window.welcome)

    # -- how the window says what mode it is in -------------------------------------------

    def update(self) -> None:
        """Title, banner and idle lock for what is open now (call on open and close)."""
        window, controller = self._window, self._controller
        banner = window.mode_banner
        if not controller.is_open:
            banner.clear()
            self.idle_lock.stop()
            self._show_queue(False)
            return
        portfolio = controller.portfolio
        learner = portfolio.learner.get().name or "the learner"
        actor = portfolio.actor
        reason = window.files.read_only_reason if portfolio.read_only else ""
        if actor.is_reviewer:
            window.setWindowTitle(f"Reviewing {possessive(learner)} portfolio – Portfolio")
            text = (
                f"Reviewing {possessive(learner)} portfolio as {actor.name} "
                f"({role_label(actor.role).lower()}) — the learner's text cannot be changed."
            )
            if reason:
                text += f"\n{reason} Your comments cannot be saved either."
            banner.show_message(
                "review",
                text,
                "End review",
                detail="Comment in an entry's Feedback tab; judge criteria and sign off units "
                "on the Qualification page.",
            )
        elif window.files.is_demo(portfolio.path):
            banner.show_message(
                "demo",
                "A demo copy: what you type here is thrown away when it closes.",
                "Save as my own portfolio…",
                detail="Look around and try things, or save it as your own portfolio to keep it.",
            )
        elif portfolio.read_only:
            retry = "Try again" if window.files.locked_by else ""
            banner.show_message(
                "readonly", reason or "Read-only: nothing can be changed here.", retry
            )
        else:
            banner.clear()
        self._show_queue(actor.is_reviewer)
        if actor.is_reviewer or paths.shared_machine_mode():
            self.idle_lock.set_reviewer_name(actor.name)
            self.idle_lock.start()
        else:
            self.idle_lock.stop()

    def focus_queue(self) -> bool:
        """Show the review queue and put the keyboard in its list (View > Review queue)."""
        if not (self._controller.is_open and self._controller.portfolio.actor.is_reviewer):
            return False
        self._show_queue(True)
        dock, queue = self.queue_dock, self.queue
        if dock is None or queue is None:  # made by _show_queue just above
            return False
        dock.raise_()
        queue.entries.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if queue.entries.currentRow() < 0 and queue.entries.count():
            queue.entries.setCurrentRow(0)
        return True

    def _show_queue(self, shown: bool) -> None:
        """The reviewer's day beside the pages (issue 13 item 7): entries new since the
        reviewer's last review, with learner replies, or awaiting review, and observations."""
        if shown and self.queue_dock is None:
            dock = QDockWidget("Review queue", self._widget)
            dock.setObjectName("reviewQueueDock")
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            )
            from portfolio.ui.review.review_queue_panel import ReviewQueuePanel

            self.queue = ReviewQueuePanel(self._controller, dock)
            self.queue.open_entry_requested.connect(self._window.open_entry)
            dock.setWidget(self.queue)
            self._window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.queue_dock = dock
        self._window.menus.review_queue.setEnabled(shown)
        if self.queue_dock is not None:
            self.queue_dock.setVisible(shown)
            if shown and self.queue is not None:
                self.queue.refresh()

    def on_banner_action(self) -> None:
        """End a review; keep the demo as the learner's own; or, for a file another program had
        open, try to open it for writing."""
        path = self._controller.path
        if self._window.files.is_demo(path):
            self._window.files.save_demo_as()
            return
        if self._controller.reviewing or path is None:
            self._controller.close()
        else:
            self._window.files.open_path(path)

    # -- idle lock ------------------------------------------------------------------------

    def _on_locked(self) -> None:
        self._disabled_actions = [a for a in self._widget.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled_actions:
            action.setEnabled(False)
        if not self._controller.reviewing:  # a learner on a shared machine
            minutes = f"{self.idle_minutes:g} minute{'s' if self.idle_minutes != 1 else ''}"
            self.idle_lock.overlay.message.setText(
                f"It was locked after {minutes} without use, so nobody else can read it. "
                "To carry on, type your name as it is on your portfolio."
            )

    def _on_unlocked(self) -> None:
        for action in self._disabled_actions:
            action.setEnabled(True)
        self._disabled_actions = []
        self._window.refresh_actions()

    def _on_lock_close_requested(self) -> None:
        self.idle_lock.stop()
        self._on_unlocked()
        self._controller.close()
