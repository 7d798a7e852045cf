"""The welcome page: start a new portfolio, open one, reopen a recent one, or try the demo; and,
for tutors and assessors, open a learner's portfolio for review or a group overview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.ui.theme import SPACING
from portfolio.ui.widgets import screen_fit


class WelcomePage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(object)  # Path
    review_requested = Signal()
    group_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        content = QWidget()  # scrolls when the screen is smaller than the page (200% scaling)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(screen_fit.hosted(content, self))
        outer = QHBoxLayout(content)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(SPACING)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        column.addStretch(1)

        title = QLabel("Welcome to Portfolio", self)
        title.setObjectName("pageTitle")
        intro = QLabel(
            "Write your evidence in the STAR structure, link it to your qualification's "
            "criteria, and see what is left to do. Everything stays on this computer.",
            self,
        )
        intro.setWordWrap(True)
        column.addWidget(title)
        column.addWidget(intro)

        self.error_banner = QFrame(self)
        self.error_banner.setObjectName("errorBanner")
        banner_layout = QVBoxLayout(self.error_banner)
        self.error_label = QLabel(self.error_banner)
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        banner_layout.addWidget(self.error_label)
        self.error_banner.hide()
        column.addWidget(self.error_banner)

        buttons = QHBoxLayout()
        self.new_button = QPushButton("Start a &new portfolio…", self)
        self.new_button.setObjectName("primary")
        self.open_button = QPushButton("&Open a portfolio file…", self)
        self.demo_button = QPushButton("Try the &demo", self)
        self.demo_button.setToolTip("A sample portfolio to explore; your own files are untouched")
        for button in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        reviewers = QHBoxLayout()
        reviewers_label = QLabel("Tutors and assessors:", self)
        reviewers_label.setObjectName("muted")
        self.review_button = QPushButton("Open a portfolio for &review…", self)
        self.review_button.setObjectName("reviewButton")
        self.review_button.setToolTip(
            "Comment, judge criteria and sign off units; the learner's text stays as it is"
        )
        self.group_button = QPushButton("&Group overview…", self)
        self.group_button.setObjectName("groupButton")
        self.group_button.setToolTip("A folder of learners' portfolios at a glance")
        reviewers.addWidget(reviewers_label)
        reviewers.addWidget(self.review_button)
        reviewers.addWidget(self.group_button)
        reviewers.addStretch(1)
        column.addLayout(reviewers)

        recent_title = QLabel("&Recent portfolios", self)
        recent_title.setObjectName("sectionTitle")
        self.recent = QListWidget(self)
        self.recent.setObjectName("recentFiles")
        self.recent.setAccessibleName("Recent portfolios")
        recent_title.setBuddy(self.recent)
        self.no_recent = QLabel("Portfolios you open will be listed here.", self)
        self.no_recent.setObjectName("emptyState")
        column.addWidget(recent_title)
        column.addWidget(self.recent, 2)
        column.addWidget(self.no_recent)
        column.addStretch(1)

        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.review_button.clicked.connect(self.review_requested)
        self.group_button.clicked.connect(self.group_requested)
        self.recent.itemActivated.connect(self._on_recent_item_activated)

    def set_recent_files(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.stem}    —    {path.parent}", self.recent)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
        self.recent.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)

    def set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_banner.setVisible(bool(message))

    def _on_recent_item_activated(self, item: QListWidgetItem) -> None:
        self.recent_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
