"""Plain-language error messages for the learner, and a hook so a bug never vanishes silently.

PortfolioError messages are written for users and are shown as they are; anything else is a bug,
shown as one calm sentence with the technical detail tucked away under "Show Details".
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from portfolio.errors import PortfolioError

UNEXPECTED = (
    "Something went wrong that Portfolio did not expect. Your work up to the last save is safe."
)


def message_for(exc: BaseException) -> str:
    """The sentence a learner sees for an exception."""
    if isinstance(exc, PortfolioError):
        return str(exc)
    return UNEXPECTED


def show_error(parent: QWidget | None, message: str, *, detail: str = "") -> QMessageBox:
    """A non-blocking warning box (``open()``, not ``exec()``), so nothing waits on it."""
    box = QMessageBox(parent)
    box.setObjectName("errorMessage")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Portfolio")
    box.setText(message)
    if detail:
        box.setDetailedText(detail)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_exception(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    detail = "" if isinstance(exc, PortfolioError) else "".join(traceback.format_exception(exc))
    return show_error(parent, message_for(exc), detail=detail)


def install_excepthook() -> None:
    """Show uncaught exceptions from slots in a dialog instead of only on a console."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        traceback.print_exception(exc_type, exc, tb)
        show_exception(None, exc)

    sys.excepthook = hook
