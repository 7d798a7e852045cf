"""Every window and dialog fits the screen it opens on, with its buttons in reach.

On a 1366x768 laptop at 150% or 200% scaling Qt sees a screen of 911x485 or 683x364 logical
pixels. A dialog laid out for a desktop then opens taller than the screen and its OK/Cancel
buttons sit below the edge, out of reach. ``ScreenFitter`` (installed once on the application)
fixes that for every dialog the app makes, without each dialog having to know:

- when one of our dialogs is first polished, everything in it except its button row moves into
  a scroll area (``make_scrollable``), so the dialog can shrink to the screen and the buttons
  stay at the bottom, always visible; a wizard gets the same on each of its pages;
- when any of our windows is shown it is sized and moved into the screen's available area
  (``fit_into``).

Dialogs from Qt itself (message boxes, file dialogs) size themselves and are left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QCoreApplication, QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QMainWindow,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

_DONE = "_portfolioScrollable"
WIDE_ROW = 600  # px: a button row wider than this may not fit 683 px (1366 at 200%)
_FITTED = "_portfolioFitted"
_GROWN = "_portfolioGrown"


def is_ours(widget: QWidget) -> bool:
    return type(widget).__module__.startswith("portfolio.")


def scroll_area(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """A frameless scroll area that lets ``content`` grow to fill it and scrolls when smaller."""
    area = QScrollArea(parent)
    area.setObjectName("fitScrollArea")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Not a Tab stop of its own: focus goes to what is inside, and Qt scrolls it into view.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    content.installEventFilter(_AREA_RELAYOUT)
    return area


class _AreaRelayout(QObject):
    """QScrollArea sizes its widget again only on a layout request of its own, not when the
    widget's minimum grows (a button's text gets longer): pass the request on, or the layout
    squeezes the widget's rows below their minimum."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and isinstance(watched, QWidget):
            viewport = watched.parentWidget()
            area = viewport.parentWidget() if viewport is not None else None
            if isinstance(area, QScrollArea):
                QCoreApplication.postEvent(area, QEvent(QEvent.Type.LayoutRequest))
        return False


_AREA_RELAYOUT = _AreaRelayout()


class ScrollHost(QWidget):
    """Holds one widget inside a scroll area and asks only for that widget's minimum size.

    A scroll area given a page with wrapped text directly takes the page's *preferred* height
    for its width as the least it may have (Qt's height-for-width), so a page with a table
    always scrolls; and a stacked widget asks for the largest of all its pages. The host asks
    for the minimum of what is on show (``shown()``: the stack's current page), so the area
    scrolls only when the window really is smaller than that.
    """

    def __init__(self, child: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child = child
        child.setParent(self)
        if isinstance(child, QStackedWidget):
            child.currentChanged.connect(lambda _index: self.updateGeometry())
        # The scroll area asks heightForWidth at the width it gives: a page of wrapped text
        # needs more height the narrower it is (its least height at this width, not its
        # preferred one; see heightForWidth).
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def shown(self) -> QWidget:
        current = self.child.currentWidget() if isinstance(self.child, QStackedWidget) else None
        return current if current is not None else self.child

    def minimumSizeHint(self) -> QSize:
        return layout_minimum(self.shown())

    def heightForWidth(self, width: int) -> int:
        """The least height at ``width`` in which what is on show squeezes nothing.

        Its layout's minimum alone is taken at the widest its wrapped labels could be, and a
        box layout holds each of its height-for-width rows to its height for the width (Qt's
        QBoxLayout::setGeometry): given less, it squeezed every row below its minimum, and at
        200% a unit's name on the Overview lost its last line below its box."""
        least = self.minimumSizeHint().height()
        layout = self.shown().layout()
        if layout is not None and layout.hasHeightForWidth():
            least = max(least, layout.heightForWidth(width))
        return least

    def sizeHint(self) -> QSize:
        return self.shown().sizeHint().expandedTo(self.minimumSizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.child.setGeometry(self.rect())
        super().resizeEvent(event)

    def relayout(self) -> None:
        """The shown widget's minimum changed: the scroll area sizes this host again (it
        only looks when it gets a layout request of its own)."""
        self.updateGeometry()
        viewport = self.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if isinstance(area, QScrollArea):
            QCoreApplication.postEvent(area, QEvent(QEvent.Type.LayoutRequest))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.relayout()
        return super().event(event)

    def childEvent(self, event: QChildEvent) -> None:
        super().childEvent(event)
        if event.type() == QEvent.Type.ChildPolished:
            self.updateGeometry()


def hosted(child: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``child`` in a scroll area that scrolls only when smaller than ``child``'s minimum."""
    area = scroll_area(ScrollHost(child), parent)
    child.installEventFilter(_RELAYOUT)
    return area


class _Relayout(QObject):
    """Tells a ScrollHost when its child's size constraints change."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and isinstance(watched, QWidget):
            host = watched.parentWidget()
            if isinstance(host, ScrollHost):
                host.relayout()
        return False


_RELAYOUT = _Relayout()


def make_scrollable(widget: QWidget) -> bool:
    """Move ``widget``'s layout (all but its top-level button boxes) into a scroll area.

    Returns False when there is nothing to do (no layout, or done already)."""
    layout = widget.layout()
    if layout is None or widget.property(_DONE):
        return False
    widget.setProperty(_DONE, True)
    buttons: list[QLayoutItem] = []
    for index in reversed(range(layout.count())):
        item = layout.itemAt(index)
        if item is None or not (_is_button_row(item) or (buttons and _is_status(item))):
            break
        taken = layout.takeAt(index)
        if taken is not None:
            buttons.insert(0, taken)
    margins = layout.contentsMargins()
    inner = QWidget()
    inner.setObjectName("fitContent")
    inner.setLayout(layout)  # Qt moves the layout, and the widgets it manages, to ``inner``
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, margins.bottom() if buttons else 0)
    outer.addWidget(scroll_area(inner, widget), 1)
    for item in buttons:
        row = QVBoxLayout()
        row.setContentsMargins(margins.left(), 0, margins.right(), 0)
        child_layout, child_widget = item.layout(), item.widget()
        if child_layout is not None and child_layout.minimumSize().width() > WIDE_ROW:
            row.addWidget(_sideways(child_layout, widget))
        elif child_layout is not None:
            row.addLayout(child_layout)
        elif child_widget is not None:
            row.addWidget(child_widget)
        outer.addLayout(row)
    return True


def _sideways(row: QLayout, parent: QWidget) -> QScrollArea:
    """A row of buttons too wide for a small screen scrolls sideways, still in sight."""
    holder = QWidget()
    holder.setObjectName("buttonRow")
    holder.setLayout(row)
    area = scroll_area(holder, parent)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    bar = area.horizontalScrollBar().sizeHint().height()
    area.setFixedHeight(holder.minimumSizeHint().height() + bar)
    return area


def _is_status(item: QLayoutItem) -> bool:
    """A progress bar or status line just above the buttons stays in sight with them."""
    widget = item.widget()
    if isinstance(widget, QProgressBar):
        return True
    return isinstance(widget, QLabel) and widget.objectName().lower().endswith("status")


def _is_button_row(item: QLayoutItem) -> bool:
    """A dialog's button box, or a row of buttons (and spacing) at the bottom of its layout."""
    widget = item.widget()
    if isinstance(widget, QDialogButtonBox):
        return True
    row = item.layout()
    if row is None or row.count() == 0:
        return False
    widgets = [row.itemAt(i).widget() for i in range(row.count())]  # type: ignore[union-attr]
    shown = [w for w in widgets if w is not None]
    return bool(shown) and all(isinstance(w, QAbstractButton) for w in shown)


def available_geometry(widget: QWidget) -> QRect:
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit_into(window: QWidget, available: QRect) -> None:
    """Shrink ``window`` to ``available`` (never below what its layout allows) and move it
    inside; a window that already fits keeps its size."""
    frame = window.frameGeometry()
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    room = QSize(
        max(1, available.width() - max(0, extra.width())),
        max(1, available.height() - max(0, extra.height())),
    )
    size = window.size().boundedTo(room).expandedTo(window.minimumSize())
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    x = _clamp(frame.x(), available.left(), available.right() - frame.width() + 1)
    y = _clamp(frame.y(), available.top(), available.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def grow_to_content(dialog: QDialog) -> None:
    """Open a dialog made scrollable at the size its content asks for, once.

    Qt sizes a dialog from its scroll area's size hint, which is capped (about 36 by 24 lines
    of text) and taken before the dialog is filled: a dialog whose check boxes are wider than
    that opened too narrow, its wrapped text cut at the right and a sideways scroll bar under
    it on a screen with room to spare. ``fit_into`` then shrinks it to a smaller screen."""
    area = dialog.findChild(QScrollArea, "fitScrollArea", Qt.FindChildOption.FindDirectChildrenOnly)
    content = area.widget() if area is not None else None
    if area is None or content is None or dialog.property(_GROWN):
        return
    dialog.setProperty(_GROWN, True)
    wanted = content.sizeHint().expandedTo(layout_minimum(content))
    bar = area.verticalScrollBar().sizeHint().width()
    around = dialog.sizeHint() - area.sizeHint()  # the button rows and margins outside it
    size = QSize(
        max(dialog.width(), wanted.width() + bar + max(0, around.width())),
        max(dialog.height(), wanted.height() + max(0, around.height())),
    )
    if size != dialog.size():
        dialog.resize(size)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, max(low, high)))


def prepare(widget: QWidget) -> None:
    """Make one of our dialogs (or a wizard's pages) scrollable, once."""
    if isinstance(widget, QWizard):
        for page_id in widget.pageIds():
            page = widget.page(page_id)
            if isinstance(page, QWizardPage):
                make_scrollable(page)
    elif isinstance(widget, QDialog):
        make_scrollable(widget)


class ScreenFitter(QObject):
    """Application-wide event filter: our dialogs scroll, our windows fit their screen."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of the app passes here: the cheap tests first. Asking for the event's
        # type makes a Python enum each time, which for the thousands of events to child
        # widgets while the window is built was about a tenth of start-up (issue #17).
        if not (isinstance(watched, QWidget) and watched.isWindow()):
            return False
        kind = event.type()
        if kind in (QEvent.Type.Polish, QEvent.Type.Show) and is_ours(watched):
            if kind == QEvent.Type.Polish:
                prepare(watched)
            elif isinstance(watched, QDialog | QMainWindow):
                if isinstance(watched, QDialog):
                    grow_to_content(watched)
                fit_into(watched, available_geometry(watched))
        return False


def install(app: QCoreApplication | None) -> None:
    """Install the fitter once per application."""
    if app is None or app.property(_FITTED):
        return
    app.setProperty(_FITTED, True)
    fitter = ScreenFitter(app)
    app.installEventFilter(fitter)


def layout_minimum(widget: QWidget) -> QSize:
    """The smallest size ``widget`` can take (its layout's minimum, or its own)."""
    layout: QLayout | None = widget.layout()
    hint = layout.totalMinimumSize() if layout is not None else widget.minimumSizeHint()
    return hint.expandedTo(widget.minimumSize())
