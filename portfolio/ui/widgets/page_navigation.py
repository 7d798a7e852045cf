"""The main window's page list, which folds to a narrow column of icons when the window is
narrow (200% scaling on a laptop leaves a window 683 logical pixels wide) and unfolds when
there is room again, as Zotero's pane, VS Code's activity bar and Qt Creator's mode bar do.

It stays one QListWidget in both modes, so Tab, the arrow keys, the View menu's Ctrl+1..6 and
the current-row highlight work the same; folded, each icon keeps its page's name as its
accessible name and tooltip (the item's text is kept, only not painted).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QWidget,
)

from portfolio.ui.theme import SPACING

ICON = 20  # logical pixels; drawn at the screen's pixel ratio
FOLDED_ROW_MIN = ICON + 10  # a folded row at its tightest: the icon and a focus frame
# The full labels show while they take at most this share of the room beside them: at 100%
# on a 1366 screen they take about an eighth, at 200% (683 px) more than a quarter.
FULL_LABELS_MAX_SHARE = 0.2

Index = QModelIndex | QPersistentModelIndex
Draw = Callable[[QPainter], None]


def _overview(p: QPainter) -> None:  # four tiles: a dashboard
    for x, y in ((3, 3), (11, 3), (3, 11), (11, 11)):
        p.drawRoundedRect(QRectF(x, y, 6, 6), 1, 1)


def _entries(p: QPainter) -> None:  # lines of writing with bullets
    for y in (5, 10, 15):
        p.drawPoint(QPointF(4, y))
        p.drawLine(QPointF(7, y), QPointF(17, y))


def _documents(p: QPainter) -> None:  # a page with its corner folded
    path = QPainterPath(QPointF(5, 2.5))
    for x, y in ((12, 2.5), (16, 6.5), (16, 17.5), (5, 17.5)):
        path.lineTo(x, y)
    path.closeSubpath()
    p.drawPath(path)
    p.drawPolyline([QPointF(12, 2.5), QPointF(12, 6.5), QPointF(16, 6.5)])


def _qualification(p: QPainter) -> None:  # a unit and its criteria: a small tree
    p.drawRect(QRectF(3, 3, 5, 4))
    p.drawPolyline([QPointF(5.5, 7), QPointF(5.5, 15), QPointF(10, 15)])
    p.drawLine(QPointF(5.5, 10), QPointF(10, 10))
    p.drawRect(QRectF(10, 8, 7, 4))
    p.drawRect(QRectF(10, 13, 7, 4))


def _progress(p: QPainter) -> None:  # rising bars
    for x, top in ((4, 12), (9, 8), (14, 4)):
        p.drawRect(QRectF(x, top, 3, 17 - top))
    p.drawLine(QPointF(2, 17.5), QPointF(18, 17.5))


def _off_the_job(p: QPainter) -> None:  # a clock: hours logged
    p.drawEllipse(QPointF(10, 10), 7.5, 7.5)
    p.drawPolyline([QPointF(10, 5), QPointF(10, 10), QPointF(13.5, 12)])


DRAWINGS: dict[str, Draw] = {
    "overview": _overview,
    "entries": _entries,
    "documents": _documents,
    "qualification": _qualification,
    "progress": _progress,
    "otj": _off_the_job,
}


def page_icon(key: str, palette: QPalette, ratio: float = 1.0) -> QIcon:
    """The icon of page ``key`` in the theme's text colour (highlighted text when current)."""
    icon = QIcon()
    for role, mode in (
        (QPalette.ColorRole.Text, QIcon.Mode.Normal),
        (QPalette.ColorRole.HighlightedText, QIcon.Mode.Selected),
    ):
        icon.addPixmap(_drawn(key, palette.color(role), ratio), mode)
    return icon


def _drawn(key: str, color: QColor, ratio: float) -> QPixmap:
    pixmap = QPixmap(round(ICON * ratio), round(ICON * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, 1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    DRAWINGS[key](painter)
    painter.end()
    return pixmap


class _Delegate(QStyledItemDelegate):
    """Paints an item as icon and label, or (folded) as its icon alone, centred."""

    def __init__(self, navigation: PageNavigation) -> None:
        super().__init__(navigation)
        self._navigation = navigation

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if self._navigation.folded:
            option.text = ""
            option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDisplay
            option.decorationAlignment = Qt.AlignmentFlag.AlignCenter
            option.decorationSize = QSize(ICON, ICON)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        has_focus = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if not (self._navigation.folded and has_focus):
            super().paint(painter, option, index)
            return
        # Folded, the style would frame the empty label beside the icon: frame the item.
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, plain, index)
        focus = QStyleOptionFocusRect()
        focus.initFrom(self._navigation)
        focus.rect = option.rect.adjusted(3, 3, -3, -3)
        focus.state = option.state | QStyle.StateFlag.State_Item
        self._navigation.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, self._navigation
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if self._navigation.folded:
            return QSize(ICON + 2 * SPACING, self._navigation.folded_row_height())
        return size


class PageNavigation(QListWidget):
    """The list of pages; ``folded`` while the room beside it is too narrow for its labels.

    It watches ``host`` (the widget it shares with the pages) and decides from its width.
    """

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.folded = False
        self.mode = "auto"  # or "names" (never folded) or "icons" (always folded)
        self._keys: list[str] = []
        self.setItemDelegate(_Delegate(self))
        self.setIconSize(QSize(ICON, ICON))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        host.installEventFilter(self)

    def add_page(self, key: str, name: str, shortcut: str) -> None:
        item = QListWidgetItem(name, self)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, name)
        item.setToolTip(f"{name} ({shortcut})")
        self._keys.append(key)
        self._paint_icons()
        self._fit()

    def full_width(self) -> int:
        """The width with every label showing."""
        folded, self.folded = self.folded, False
        width = self.sizeHintForColumn(0) + 2 * SPACING + 8
        self.folded = folded
        return width

    def folded_width(self) -> int:
        return ICON + 2 * SPACING + 2 * self.frameWidth() + 4

    def folded_row_height(self) -> int:
        """An icon's row: roomy, but tighter (down to ``FOLDED_ROW_MIN``) where every page
        would not fit otherwise, so a short window (a laptop at 200 % under a mode banner)
        shows all its pages without a scroll bar."""
        rows = max(1, self.count())
        room = self.viewport().height() // rows
        return max(FOLDED_ROW_MIN, min(ICON + 2 * SPACING, room))

    def set_folded(self, folded: bool) -> None:
        if folded == self.folded and self.width() in (self.full_width(), self.folded_width()):
            return
        self.folded = folded
        self.setFixedWidth(self.folded_width() if folded else self.full_width())
        self.setAccessibleDescription("Page icons; each has its page's name" if folded else "")
        self.scheduleDelayedItemsLayout()
        self.viewport().update()

    def set_mode(self, mode: str) -> None:
        """ "auto": names while they take at most a fifth of the room; "names"; "icons"."""
        self.mode = mode
        self._fit()

    def _fit(self) -> None:
        if self.mode != "auto":
            self.set_folded(self.mode == "icons")
            return
        host = self.parentWidget()
        room = host.width() if host is not None else 0
        self.set_folded(room > 0 and self.full_width() > FULL_LABELS_MAX_SHARE * room)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.folded and event.size().height() != event.oldSize().height():
            self.scheduleDelayedItemsLayout()  # the rows' height follows the list's

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._paint_icons()
            self._fit()

    def _paint_icons(self) -> None:
        ratio = self.devicePixelRatioF()
        for row, key in enumerate(self._keys):
            item = self.item(row)
            if item is not None:
                item.setIcon(page_icon(key, self.palette(), ratio))
