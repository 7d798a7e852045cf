"""Pages of a document as pictures (an image, or each PDF page), with boxes to black out.

Used twice: in the review dialog (``editable``: the learner drags boxes over anything the
anonymiser cannot read, such as a face, a signature or a scanned page) and on the Documents
page (read-only preview). Boxes are kept per page and handed to the service as ``Region``s in
the units it expects: image pixels, or PDF points.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.attachments import Region
from portfolio.ui.documents.pictures import PdfPages, image_from_bytes
from portfolio.ui.documents.region_canvas import RegionCanvas


class PageView(QWidget):
    """A picture per page, page buttons for a PDF, and (when editable) box drawing."""

    regions_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, editable: bool = False) -> None:
        super().__init__(parent)
        self.editable = editable
        self.canvas = RegionCanvas(self)
        self.canvas.drawing = editable
        self.page_label = QLabel(self)
        self.page_label.setObjectName("muted")
        self.previous_button = QPushButton("◀ Previous page", self)
        self.next_button = QPushButton("Next page ▶", self)
        self.undo_button = QPushButton("Undo last box", self)
        self.clear_button = QPushButton("Clear boxes", self)
        self.hint = QLabel(
            "Drag across anything that must not be seen (a face, a signature, a name the "
            "app could not read) to black it out.",
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("muted")
        pager = QHBoxLayout()
        pager.addWidget(self.previous_button)
        pager.addWidget(self.page_label, 1)
        pager.addWidget(self.next_button)
        tools = QHBoxLayout()
        tools.addWidget(self.undo_button)
        tools.addWidget(self.clear_button)
        tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(tools)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.canvas)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(pager)
        for widget in (self.hint, self.undo_button, self.clear_button):
            widget.setVisible(editable)
        self._pdf: PdfPages | None = None
        self._page = 0
        self._boxes: dict[int, list[QRectF]] = {}
        self._marks: list[tuple[int, tuple[float, float, float, float], str, bool]] = []
        self.previous_button.clicked.connect(lambda: self.show_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self._page + 1))
        self.undo_button.clicked.connect(self.canvas.undo_box)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.canvas.boxes_changed.connect(self._on_canvas_boxes_changed)

    # -- content ----------------------------------------------------------------------------

    def show_image(self, data: bytes) -> None:
        self._release_pdf()
        self._boxes = {}
        self._page = 0
        self.canvas.fit_width = False
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.canvas.set_image(image_from_bytes(data))
        self._show_marks()
        self._update_pager()

    def show_pdf(self, data: bytes, page: int = 0) -> None:
        self._release_pdf()
        self._pdf = PdfPages(data, self)
        self._boxes = {}
        self.canvas.fit_width = True
        # Always on: a scroll bar appearing would narrow the page and change its height again.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.show_page(page)

    def clear(self) -> None:
        self._release_pdf()
        self._boxes = {}
        self.canvas.set_image(QImage())
        self._update_pager()

    def show_page(self, page: int) -> None:
        if self._pdf is None:
            return
        page = max(0, min(page, self._pdf.page_count - 1))
        self._page = page
        self.canvas.set_image(self._pdf.render(page), self._boxes.get(page, []))
        self._show_marks()
        self.scroll_area.verticalScrollBar().setValue(0)
        self._update_pager()

    def set_marks(
        self, marks: list[tuple[int, tuple[float, float, float, float], str, bool]]
    ) -> None:
        """Regions the app found: ``(page, (left, top, right, bottom), label, active)``, in the
        units of ``Region`` (image pixels or PDF points)."""
        self._marks = list(marks)
        self._show_marks()

    def _show_marks(self) -> None:
        scale = self._pdf.points_per_pixel(self._page) if self._pdf is not None else 1.0
        self.canvas.set_marks(
            [
                (
                    QRectF(
                        box[0] / scale,
                        box[1] / scale,
                        (box[2] - box[0]) / scale,
                        (box[3] - box[1]) / scale,
                    ),
                    label,
                    active,
                )
                for page, box, label, active in self._marks
                if page == self._page
            ]
        )

    @property
    def page(self) -> int:
        return self._page

    @property
    def page_count(self) -> int:
        if self._pdf is not None:
            return self._pdf.page_count
        return 0 if self.canvas.image().isNull() else 1

    def regions(self) -> list[Region]:
        """Every box, in image pixels or PDF points."""
        regions: list[Region] = []
        for page, boxes in sorted(self._boxes.items()):
            scale = self._pdf.points_per_pixel(page) if self._pdf is not None else 1.0
            for box in boxes:
                regions.append(
                    Region(
                        page,
                        box.left() * scale,
                        box.top() * scale,
                        box.right() * scale,
                        box.bottom() * scale,
                    )
                )
        return regions

    # -- internals --------------------------------------------------------------------------

    def _update_pager(self) -> None:
        count = self.page_count
        boxes = sum(len(b) for b in self._boxes.values())
        text = f"Page {self._page + 1} of {count}" if count > 1 else ""
        if self.editable:
            text += ("  ·  " if text else "") + (
                f"{boxes} box{'es' if boxes != 1 else ''} to black out"
            )
        self.page_label.setText(text)
        multi = count > 1
        self.previous_button.setVisible(multi)
        self.next_button.setVisible(multi)
        self.previous_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < count - 1)
        self.undo_button.setEnabled(bool(self._boxes.get(self._page)))
        self.clear_button.setEnabled(boxes > 0)

    def _on_canvas_boxes_changed(self) -> None:
        self._boxes[self._page] = self.canvas.boxes()
        self._update_pager()
        self.regions_changed.emit()

    def _on_clear_clicked(self) -> None:
        self._boxes = {}
        self.canvas.clear_boxes()
        self._update_pager()
        self.regions_changed.emit()

    def _release_pdf(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf.deleteLater()
            self._pdf = None
