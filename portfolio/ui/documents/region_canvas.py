"""A picture (an image, or a rendered PDF page) on which the learner can draw boxes to black out.

The canvas scales the picture to fit and keeps boxes in the picture's own units (``unit_scale``
converts pixels of the picture into the units the service wants: image pixels, or PDF points).
Boxes are drawn by dragging with the mouse; the last one can be undone, all can be cleared.
Regions the app found itself (faces, text read in the picture) are drawn as marks: solid when
they will be blacked out, dashed when the learner chose to keep them.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

MIN_BOX = 3.0  # picture pixels: smaller drags are treated as clicks


class RegionCanvas(QWidget):
    """Shows one picture; when ``drawing`` is on, dragging adds a box (in picture pixels)."""

    boxes_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("regionCanvas")
        self.setAccessibleName("Document picture")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self._image = QImage()
        self._boxes: list[QRectF] = []
        self._marks: list[tuple[QRectF, str, bool]] = []
        self._drag_start: QPointF | None = None
        self._drag_rect: QRectF | None = None
        self.drawing = False
        self.fit_width = False  # PDF pages: as wide as the view, scrolled vertically

    # -- content ----------------------------------------------------------------------------

    def set_image(self, image: QImage, boxes: list[QRectF] | None = None) -> None:
        self._image = image
        self._boxes = list(boxes or [])
        self._drag_rect = None
        self._fit_height()
        self.update()

    def image(self) -> QImage:
        return self._image

    def set_marks(self, marks: list[tuple[QRectF, str, bool]]) -> None:
        """Regions the app found (picture pixels, label, whether they will be blacked out)."""
        self._marks = list(marks)
        self.update()

    def marks(self) -> list[tuple[QRectF, str, bool]]:
        return list(self._marks)

    def boxes(self) -> list[QRectF]:
        """Boxes in picture pixels."""
        return list(self._boxes)

    def add_box(self, rect: QRectF) -> None:
        box = rect.normalized().intersected(QRectF(0, 0, self._image.width(), self._image.height()))
        if box.width() >= MIN_BOX and box.height() >= MIN_BOX:
            self._boxes.append(box)
            self.boxes_changed.emit()
            self.update()

    def undo_box(self) -> None:
        if self._boxes:
            self._boxes.pop()
            self.boxes_changed.emit()
            self.update()

    def clear_boxes(self) -> None:
        if self._boxes:
            self._boxes.clear()
            self.boxes_changed.emit()
            self.update()

    # -- geometry ---------------------------------------------------------------------------

    def _target(self) -> tuple[QRectF, float]:
        """Where the picture is drawn in the widget, and widget pixels per picture pixel."""
        if self._image.isNull():
            return QRectF(), 1.0
        scale = min(self.width() / self._image.width(), self.height() / self._image.height(), 4.0)
        w, h = self._image.width() * scale, self._image.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), scale

    def to_picture(self, point: QPointF) -> QPointF:
        target, scale = self._target()
        return QPointF((point.x() - target.x()) / scale, (point.y() - target.y()) / scale)

    def to_widget(self, rect: QRectF) -> QRectF:
        target, scale = self._target()
        return QRectF(
            target.x() + rect.x() * scale,
            target.y() + rect.y() * scale,
            rect.width() * scale,
            rect.height() * scale,
        )

    def sizeHint(self) -> QSize:
        return QSize(480, 560)

    def _fit_height(self) -> None:
        if self.fit_width and not self._image.isNull():
            scale = min(self.width() / self._image.width(), 4.0)
            self.setMinimumHeight(max(200, round(self._image.height() * scale)))
        else:
            self.setMinimumHeight(200)

    # -- events -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.drawing and event.button() == Qt.MouseButton.LeftButton:
            self._drag_start = self.to_picture(event.position())
            self._drag_rect = QRectF(self._drag_start, self._drag_start)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_start is not None:
            self._drag_rect = QRectF(self._drag_start, self.to_picture(event.position()))
            self.update()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_start is not None:
            rect = QRectF(self._drag_start, self.to_picture(event.position()))
            self._drag_start = None
            self._drag_rect = None
            self.add_box(rect)
            self.update()
            return
        super().mouseReleaseEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self._image.isNull():
            painter.end()
            return
        target, _ = self._target()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._image)
        painter.setPen(QPen(QColor("#c9ced6"), 1))
        painter.drawRect(target)
        for rect, label, active in self._marks:
            # Found by the app: solid when it will be blacked out, dashed when kept; the label
            # says which line of the list it is, so colour is never the only signal.
            area = self.to_widget(rect)
            if active:
                painter.fillRect(area, QColor(0, 0, 0, 190))
            painter.setPen(
                QPen(
                    QColor("#f47738" if active else "#00703c"),
                    2,
                    Qt.PenStyle.SolidLine if active else Qt.PenStyle.DashLine,
                )
            )
            painter.drawRect(area)
            painter.drawText(
                area.bottomLeft() + QPointF(2, 12), label if active else f"{label} (kept)"
            )
        for box in self._boxes:
            painter.fillRect(self.to_widget(box), QColor(0, 0, 0))
        if self._drag_rect is not None:
            painter.setPen(QPen(QColor("#d4351c"), 2, Qt.PenStyle.DashLine))
            painter.fillRect(self.to_widget(self._drag_rect.normalized()), QColor(0, 0, 0, 120))
            painter.drawRect(self.to_widget(self._drag_rect.normalized()))
        painter.end()
