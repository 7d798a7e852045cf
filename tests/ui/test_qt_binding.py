"""Guards against a Qt binding that corrupts Python's reference counts (PySide6 6.12.0)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_qt_calls_returning_none_do_not_leak_references_to_none(qapp) -> None:
    # PySide6 6.12.0 dropped a reference to None on each such call; a real session then
    # aborted with "Fatal Python error: none_dealloc" after a few thousand calls.
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(500):
        widget.setObjectName("probe")
    assert abs(sys.getrefcount(None) - before) < 50
