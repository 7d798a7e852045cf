"""DateField: a date typed as a learner types it (14/10/2026, 14 Oct 2026, today ...).

A plain line edit, so Tab moves on like in every other field and typing never gets trapped in
a spin box's sections. The date is read when editing finishes (``portfolio.domain.dates``) and
shown again as "14 October 2026"; text that is not a date stays as typed, marked, with the
reason as its tooltip, and changes nothing. Alt+Down (or the calendar button) opens a calendar.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QWidget

from portfolio.domain.dates import EXAMPLE, parse_uk_date


def show_date(value: date | None) -> str:
    return "" if value is None else f"{value.day} {value.strftime('%B %Y')}"


class DateField(QLineEdit):
    date_changed = Signal(object)  # the new date, or None when cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: date | None = None
        self.setPlaceholderText(f"e.g. {EXAMPLE} or 'today'")
        self.setClearButtonEnabled(True)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.calendar_action = QAction(icon, "Choose from a calendar (Alt+Down)", self)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self._calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self._on_editing_finished)

    # -- value --------------------------------------------------------------------------

    def date(self) -> date | None:
        return self._value

    def set_date(self, value: date | None) -> None:
        """Show ``value`` without announcing a change (loading an entry)."""
        self._value = value
        self._set_invalid("")
        self.setText(show_date(value))

    @property
    def invalid(self) -> bool:
        return bool(self.property("invalid"))

    # -- editing ------------------------------------------------------------------------

    def _on_editing_finished(self) -> None:
        if self.isReadOnly():
            return
        try:
            parsed = parse_uk_date(self.text())
        except ValueError as exc:
            self._set_invalid(str(exc))
            return
        self._set_invalid("")
        self.setText(show_date(parsed))
        if parsed != self._value:
            self._value = parsed
            self.date_changed.emit(parsed)

    def _set_invalid(self, message: str) -> None:
        self.setProperty("invalid", bool(message))
        self.setToolTip(message)
        self.setAccessibleDescription(message)
        self.style().unpolish(self)
        self.style().polish(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    # -- calendar -----------------------------------------------------------------------

    def open_calendar(self) -> QCalendarWidget | None:
        if self.isReadOnly():
            return None
        calendar = QCalendarWidget(self)
        calendar.setObjectName("dateFieldCalendar")
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        start = self._value or date.today()
        calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        calendar.clicked.connect(self._on_calendar_chosen)
        calendar.activated.connect(self._on_calendar_chosen)
        calendar.installEventFilter(self)
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()
        self._calendar = calendar
        return calendar

    def _on_calendar_chosen(self, qdate: QDate) -> None:
        self.setText(show_date(qdate.toPython()))
        self._close_calendar()
        self._on_editing_finished()
        self.setFocus()

    def _close_calendar(self) -> None:
        if self._calendar is not None:
            self._calendar.close()
            self._calendar.deleteLater()
            self._calendar = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        escape = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
        if watched is self._calendar and event.type() == QEvent.Type.KeyPress and escape:
            self._close_calendar()
            self.setFocus()
            return True
        return super().eventFilter(watched, event)
