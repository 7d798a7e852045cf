"""Turning document bytes into pictures for the screen: images as displayed, PDF pages rendered.

Everything stays in memory: a PDF is read by QtPdf from a QBuffer, never from a temporary file.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, QSizeF
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtPdf import QPdfDocument

PAGE_WIDTH_PX = 900  # rendering width of a PDF page: sharp enough to read, small enough to be quick


def image_from_bytes(data: bytes) -> QImage:
    """The picture as the learner sees it (a sideways photo's EXIF orientation applied)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    image = reader.read()
    buffer.close()
    return image


class PdfPages(QObject):
    """A PDF held in memory: page count, page sizes in points, and pages rendered as images."""

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer = QBuffer(self)  # QPdfDocument reads from it lazily: keep it alive
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document = QPdfDocument(self)
        self._document.load(self._buffer)

    @property
    def ok(self) -> bool:
        return self._document.status() == QPdfDocument.Status.Ready

    @property
    def page_count(self) -> int:
        return self._document.pageCount() if self.ok else 0

    def page_points(self, page: int) -> QSizeF:
        """The page's size in points, as displayed."""
        return self._document.pagePointSize(page)

    def render(self, page: int, width: int = PAGE_WIDTH_PX) -> QImage:
        """Page ``page`` as an image ``width`` pixels wide (null when there is no such page)."""
        if not 0 <= page < self.page_count:
            return QImage()
        points = self.page_points(page)
        height = round(width * points.height() / max(points.width(), 1.0))
        return self._document.render(page, QSize(width, height))

    def points_per_pixel(self, page: int, width: int = PAGE_WIDTH_PX) -> float:
        """How many PDF points one pixel of ``render(page, width)`` covers."""
        return self.page_points(page).width() / width

    def close(self) -> None:
        self._document.close()
        self._buffer.close()
