"""File ▸ Word lists: the learner's two lists for the documents they attach, side by side.

"Always remove" is the term list (colleagues, the workplace: removed from every document);
"Never remove" is the kept list (words the app took for a person that are not personal: a
product, a supplier, a place). A word on both is removed, and the kept word's line says so.
Each list: type a word and press Enter (or Add); select one and press Delete (or Remove). The
writes go through ``LearnerService`` on the writer lane; a refusal (a number on the kept list,
a kept word a term covers) is shown in the dialog in one line and nothing changes. A
reviewer's copy, or a file open read-only, shows both lists without letting them change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Written
from portfolio.services.kept_words import WordLists
from portfolio.services.portfolio import Portfolio
from portfolio.ui.controller import PortfolioController
from portfolio.ui.operations import WriteOp
from portfolio.ui.theme import SPACING
from portfolio.ui.widgets.stacking_row import StackingRow

TEXT_ROLE = Qt.ItemDataRole.UserRole + 3


class WordList(QListWidget):
    """A list that says when Delete (or Backspace) is pressed on it."""

    delete_pressed = Signal()

    def sizeHint(self) -> QSize:
        """Four lines: the list stretches where there is room, and on a short screen (a
        laptop at 200 %) its button to take a word off stays in view below it."""
        lines = self.fontMetrics().lineSpacing() * 4 + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), lines)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentItem():
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class WordListColumn(QWidget):
    """One list with its field to add a word and its button to remove the selected one."""

    def __init__(
        self,
        name: str,
        title: str,
        hint: str,
        placeholder: str,
        *,
        editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        caption = QLabel(title, self)
        caption.setObjectName("sectionTitle")
        explain = QLabel(hint, self)
        explain.setObjectName("muted")
        explain.setWordWrap(True)
        self.list = WordList(self)
        self.list.setObjectName(f"{name}List")
        self.list.setAccessibleName(title.replace("&", ""))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumHeight(60)
        caption.setBuddy(self.list)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"{name}Edit")
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(f"Add to: {title.replace('&', '')}")
        self.edit.setMaxLength(200)
        self.add_button = QPushButton("Add", self)
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton("Take off the list", self)
        self.remove_button.setAutoDefault(False)
        add_row = QHBoxLayout()
        add_row.addWidget(self.edit, 1)
        add_row.addWidget(self.add_button)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(explain)
        # The field to add a word above its list: on a short screen it stays in view.
        layout.addLayout(add_row)
        layout.addWidget(self.list, 1)
        layout.addLayout(remove_row)
        # Tab follows what the eye reads: the field, Add, the list, then its button.
        QWidget.setTabOrder(self.edit, self.add_button)
        QWidget.setTabOrder(self.add_button, self.list)
        QWidget.setTabOrder(self.list, self.remove_button)
        self.editable = editable
        for widget in (self.edit, self.add_button, self.remove_button):
            widget.setEnabled(editable)

    def fill(self, rows: list[tuple[str, str]]) -> None:
        """Show ``rows`` ((text, line shown)); the selection stays on the same text."""
        current = self.selected()
        self.list.clear()
        for text, line in rows:
            item = QListWidgetItem(line)
            item.setData(TEXT_ROLE, text)
            self.list.addItem(item)
            if text == current:
                self.list.setCurrentItem(item)

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(TEXT_ROLE))

    def texts(self) -> list[str]:
        return [str(self.list.item(i).data(TEXT_ROLE)) for i in range(self.list.count())]


class WordListsDialog(QDialog):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setObjectName("wordListsDialog")
        self.setWindowTitle("Word lists")
        editable = controller.can_edit_learner_text
        self.intro = intro = QLabel(
            "These lists apply to every document you attach. A word on both lists is removed: "
            "the list of words to remove always wins."
            + ("" if editable else " In review mode the lists can be read, not changed."),
            self,
        )
        intro.setWordWrap(True)
        self.remove = WordListColumn(
            "removeWords",
            "&Always remove",
            "Names and words the app should take out: colleagues, customers, your workplace.",
            "A name or word to remove",
            editable=editable,
            parent=self,
        )
        self.keep = WordListColumn(
            "keepWords",
            "&Never remove (not personal)",
            "Words the app took for a person that are not personal: a product, a supplier, "
            "a place. Names you untick when you attach a document are added here.",
            "A word that is not personal",
            editable=editable,
            parent=self,
        )
        self.error = QLabel("", self)
        self.error.setObjectName("wordListsError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Enter in a word's field adds the word: it never closes
        # Side by side while both fit at their preferred width; one above the other on a
        # narrow screen (a 1366x768 laptop at 200 %), which scrolled sideways before.
        self.columns = columns = StackingRow(self._side_by_side_width, self)
        columns.box.setSpacing(SPACING * 2)
        columns.add(self.remove, 1)
        columns.add(self.keep, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addWidget(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self._connect(self.remove, _add_term, _remove_term)
        self._connect(self.keep, _add_kept, _remove_kept)
        self.resize(760, 460)
        self.refresh()

    def _side_by_side_width(self) -> int:
        return self.remove.sizeHint().width() + self.keep.sizeHint().width() + SPACING * 2

    def refresh(self) -> None:
        self._show(self._controller.portfolio.learner.word_lists())

    def _show(self, lists: WordLists) -> None:
        self.remove.fill([(text, text) for text in lists.remove])
        self.keep.fill(
            [
                (
                    word.text,
                    word.text
                    if word.overridden_by is None
                    else f"{word.text} — removed all the same: “{word.overridden_by}” is on "
                    "the list to remove",
                )
                for word in lists.keep
            ]
        )

    def _connect(
        self,
        column: WordListColumn,
        add: Callable[[Portfolio, str], Written[bool]],
        remove: Callable[[Portfolio, str], Written[bool]],
    ) -> None:
        def on_add() -> None:
            text = column.edit.text()
            if text.strip():
                self._write(lambda pf: add(pf, text), then=column.edit.clear)

        def on_remove() -> None:
            text = column.selected()
            if text is not None and column.editable:
                self._write(lambda pf: remove(pf, text), then=column.list.setFocus)

        column.add_button.clicked.connect(on_add)
        column.edit.returnPressed.connect(on_add)
        column.remove_button.clicked.connect(on_remove)
        column.list.delete_pressed.connect(on_remove)

    def _write(self, op: Callable[[Portfolio], Written[bool]], *, then: Callable[[], None]) -> None:
        def done(_: Written[bool]) -> None:
            self.error.setVisible(False)
            self.refresh()
            then()

        def failed(message: str) -> None:
            self.error.setText(message)
            self.error.setVisible(True)

        WriteOp(self._controller, self, op).success(done).failure(failed, quiet=True).run(
            initiator=self
        )


def _add_term(pf: Portfolio, text: str) -> Written[bool]:
    return pf.learner.add_term(text)


def _remove_term(pf: Portfolio, text: str) -> Written[bool]:
    return pf.learner.remove_term(text)


def _add_kept(pf: Portfolio, text: str) -> Written[bool]:
    return pf.learner.add_kept(text)


def _remove_kept(pf: Portfolio, text: str) -> Written[bool]:
    return pf.learner.remove_kept(text)
