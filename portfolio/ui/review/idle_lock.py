"""IdleLock: hide a window's contents after some minutes without use, until the reviewer
confirms their name again.

On a shared college machine a reviewer may walk away with a learner's portfolio open. After
``minutes`` with no key press, click, wheel or touch anywhere in the app, every child widget of
the window is hidden (not merely covered, so nothing can be read, grabbed or reached by Tab) and
the title loses the file name; a small form asks for the reviewer's name. "Close the portfolio"
emits ``close_requested`` for whoever is at the machine and is not that reviewer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.ui.theme import SPACING, current_colours

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
LOCKED_TITLE = "Portfolio (locked)"


def same_name(a: str, b: str) -> bool:
    """Names match ignoring case and extra spaces ("priya  shah" is "Priya Shah")."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold() != ""


class LockOverlay(QFrame):
    """The form shown over a locked window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleLockOverlay")
        self.setAutoFillBackground(True)
        self.message = QLabel()
        self.message.setObjectName("idleLockMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("This portfolio is locked")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("idleLockName")
        self.name_edit.setPlaceholderText("Your name")
        self.name_edit.setAccessibleName("Your name, to unlock")
        self.error = QLabel()
        self.error.setObjectName("idleLockError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {current_colours().warning}; font-weight: bold;")
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setObjectName("idleUnlockButton")
        self.unlock_button.setDefault(True)
        self.close_button = QPushButton("Close the portfolio")
        self.close_button.setObjectName("idleCloseButton")

        card = QFrame()
        card.setObjectName("idleLockCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(420)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setSpacing(SPACING)
        inner.setContentsMargins(SPACING * 2, SPACING * 2, SPACING * 2, SPACING * 2)
        inner.addWidget(title)
        inner.addWidget(self.message)
        inner.addWidget(self.name_edit)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 2)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)


class IdleLock(QObject):
    locked = Signal()
    unlocked = Signal()
    close_requested = Signal()

    def __init__(
        self,
        window: QWidget,
        *,
        minutes: float = 10.0,
        reviewer_name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or window)
        self._window = window
        self._name = reviewer_name
        self._minutes = minutes
        self._hidden: list[QWidget] = []
        self._locked = False
        self._title = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock)
        self.overlay = LockOverlay(window)
        self.overlay.hide()
        self.overlay.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.overlay.name_edit.returnPressed.connect(self._on_unlock_clicked)
        self.overlay.close_button.clicked.connect(self.close_requested)
        window.installEventFilter(self)
        self._set_interval()

    # -- public -------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._locked

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Start watching for activity (call once the reviewer has given their name)."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    def stop(self) -> None:
        """Stop watching (review ended); unlocks without asking if locked."""
        if self.is_locked:
            self._restore()
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def set_reviewer_name(self, name: str) -> None:
        self._name = name

    def set_minutes(self, minutes: float) -> None:
        self._minutes = minutes
        self._set_interval()

    def lock(self) -> None:
        if self.is_locked:
            return
        self._timer.stop()
        self._locked = True
        self._title = self._window.windowTitle()
        self._hidden = [
            child
            for child in self._window.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if child is not self.overlay and child.isVisible() and not child.isWindow()
        ]
        for child in self._hidden:
            child.hide()
        self._window.setWindowTitle(LOCKED_TITLE)
        minutes = f"{self._minutes:g} minute{'s' if self._minutes != 1 else ''}"
        self.overlay.message.setText(
            f"It was locked after {minutes} without use, so nobody else can read it. "
            "To carry on, type the name you started this review with."
        )
        self.overlay.error.clear()
        self.overlay.name_edit.clear()
        self.overlay.setGeometry(self._window.rect())
        self.overlay.show()
        self.overlay.raise_()
        self.overlay.name_edit.setFocus()
        self.locked.emit()

    def try_unlock(self, name: str) -> bool:
        """Unlock if ``name`` is the reviewer's; otherwise say why and stay locked."""
        if not same_name(name, self._name):
            self.overlay.error.setText("That is not the name this review was started with.")
            self.overlay.name_edit.selectAll()
            return False
        self._restore()
        self.unlocked.emit()
        return True

    # -- internals ----------------------------------------------------------------------

    def _restore(self) -> None:
        self._locked = False
        self.overlay.hide()
        for child in self._hidden:
            child.show()
        self._hidden = []
        if self._title:
            self._window.setWindowTitle(self._title)
        self._timer.start()

    def _set_interval(self) -> None:
        self._timer.setInterval(max(1, int(self._minutes * 60_000)))

    def _on_unlock_clicked(self) -> None:
        self.try_unlock(self.overlay.name_edit.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.overlay.setGeometry(self._window.rect())
        elif event.type() in _ACTIVITY and not self.is_locked and self._timer.isActive():
            self._timer.start()  # restart the countdown
        return False
