"""QDate to Python's date: PySide6 types ``QDate.toPython()`` as ``object``, so the UI converts
through this one typed function."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def python_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
