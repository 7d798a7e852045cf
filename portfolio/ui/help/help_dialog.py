"""The built-in guide: short pages shipped in resources/help/, read offline, opened with F1.

Each page is a Markdown file; its first heading is its title in the list of topics. The guide
is a window of its own (not modal), so the learner can read it beside the page it explains.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from portfolio.resources import resource_path


@dataclass(frozen=True, slots=True)
class HelpPage:
    key: str  # the file's stem without its number: "keyboard", "writing-an-entry"
    title: str
    markdown: str


def help_pages(folder: Path | None = None) -> list[HelpPage]:
    """The guide's pages in order (their files are numbered ``01-…md``)."""
    pages = []
    for path in sorted((folder or resource_path("help")).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        first = text.lstrip().splitlines()[0] if text.strip() else path.stem
        title = first.lstrip("#").strip() or path.stem
        key = path.stem.split("-", 1)[1] if path.stem[:2].isdigit() else path.stem
        pages.append(HelpPage(key, title, text))
    return pages


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, topic: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle("Portfolio guide")
        self.setModal(False)
        self.pages = help_pages()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        self.topics = QListWidget(splitter)
        self.topics.setObjectName("helpTopics")
        self.topics.setAccessibleName("Topics")
        self.topics.setWordWrap(True)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view = QTextBrowser(splitter)
        self.view.setObjectName("helpView")
        self.view.setAccessibleName("Guide page")
        self.view.setOpenExternalLinks(False)
        for page in self.pages:
            item = QListWidgetItem(page.title, self.topics)
            item.setData(Qt.ItemDataRole.UserRole, page.key)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([200, 560])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.topics.currentRowChanged.connect(self._show_row)
        self.resize(820, 560)
        self.show_topic(topic)

    def show_topic(self, key: str) -> bool:
        """Show the page ``key`` (the first page if there is no such page)."""
        keys = [page.key for page in self.pages]
        row = keys.index(key) if key in keys else 0
        self.topics.setCurrentRow(row)
        self._show_row(row)
        return key in keys

    def current_title(self) -> str:
        row = self.topics.currentRow()
        return self.pages[row].title if 0 <= row < len(self.pages) else ""

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.view.setMarkdown(self.pages[row].markdown)
