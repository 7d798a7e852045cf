"""FillOnShow: a page fills itself when it is first shown, not while it is hidden.

The main window's pages sit in a QStackedWidget that hides every page but the current one.
Opening a portfolio used to fill all of them (the Entries page loading its first entry, the
Documents and Qualification pages their lists), though only one is on screen; that was a good
part of start-up (benchmarks/run.py). A page hands its fill to a FillOnShow and calls
``fill_when_shown()`` when a portfolio opens: a page on screen (or one that is not in a stack,
such as a page a test builds alone) fills at once, a hidden page when it is next shown (Qt's
ShowToParent, sent even while the window itself is not shown yet). ``pending`` says a fill is
still to come, so refreshes on ``controller.changed`` can skip it (the fill reads current data);
``flush()`` fills now, for commands that need the page's data while it is hidden.

The main window builds its pages when they are first needed (ui/main_window.py), with a
portfolio already open, and only then puts them in its stack: it builds them inside
``FillOnShow.building_hidden()``, so a page fills when the stack shows it, as a page built with
the window did. (Filled in its constructor, the Entries page opened its first entry before the
command that built it could open the one it was asked for: a reviewer's "seen" marks went on
an entry nobody asked to see.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget


class FillOnShow(QObject):
    _hidden_builds = 0  # > 0 while the main window builds a page it has not shown yet

    @classmethod
    @contextmanager
    def building_hidden(cls) -> Iterator[None]:
        """Pages built inside wait to be shown before they fill (the GUI thread only)."""
        cls._hidden_builds += 1
        try:
            yield
        finally:
            cls._hidden_builds -= 1

    def __init__(self, page: QWidget, fill: Callable[[], None]) -> None:
        super().__init__(page)
        self._page = page
        self._fill = fill
        self.pending = False
        page.installEventFilter(self)

    def fill_when_shown(self) -> None:
        """Fill now if the page can be seen, otherwise when it is next shown."""
        page = self._page
        hidden = FillOnShow._hidden_builds > 0 or (
            page.isHidden() and page.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        )
        self.pending = hidden
        if not hidden:
            self._fill()

    def flush(self) -> None:
        """Fill now if a fill is still to come."""
        if self.pending:
            self.pending = False
            self._fill()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.ShowToParent:
            self.flush()
        return False
