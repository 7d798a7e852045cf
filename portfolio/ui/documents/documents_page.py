"""The Documents page: the workplace documents attached to entries.

Attaching (with anonymisation) is built by the anonymisation work; until the portfolio offers an
attachments service, this page says plainly that nothing is attached rather than faking it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from portfolio.domain.changes import Changes
from portfolio.ui.controller import PortfolioController
from portfolio.ui.theme import SPACING

EMPTY_TEXT = (
    "No documents attached yet.\n\nWorkplace documents such as greeting scripts or complaint "
    "flowcharts, anonymised and annotated with how you used them, make strong evidence."
)


class DocumentsPage(QWidget):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        title = QLabel("Documents", self)
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.list = QListWidget(self)
        self.list.setObjectName("documentsList")
        self.list.setAccessibleName("Attached documents")
        self.empty_state = QLabel(EMPTY_TEXT, self)
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setWordWrap(True)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_state, 1)
        controller.opened.connect(lambda _: self.reload())
        controller.closed.connect(self.reload)
        controller.changed.connect(self._on_controller_changed)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        service = (
            getattr(self._controller.portfolio, "attachments", None)
            if self._controller.is_open
            else None
        )
        items = list(service.list()) if service is not None and hasattr(service, "list") else []
        for attachment in items:
            name = getattr(attachment, "name", None) or str(attachment)
            note = getattr(attachment, "note", "") or ""
            self.list.addItem(f"{name}  —  {note}" if note else name)
        self.list.setVisible(bool(items))
        self.empty_state.setVisible(not items)

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.attachments:
            self.reload()
