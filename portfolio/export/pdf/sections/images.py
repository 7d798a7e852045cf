"""Attached images at their own resolution, with alt text.

Placing an image's pixels one per point (72 ppi) blows a small screenshot up until it is soft
and shrinks nothing: here an image is placed at the resolution it was made at (its own ppi when
it records a plausible one, else ``DEFAULT_PPI``), never larger than the space it has, and an
image with far more pixels than its placed size can show is reduced to ``MAX_PPI`` before it is
embedded, so a phone photo does not make the PDF huge. ``alt`` is the text a screen reader reads:
the learner's note on the attachment, or a sentence naming the image and its entry.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image as PILImage
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

DEFAULT_PPI = 150.0
MIN_PPI, MAX_RECORDED_PPI = 96.0, 1200.0
MAX_PPI = 300.0  # pixels per inch kept at the placed size; more are resampled away


def alt_text(note: str, filename: str, where: str) -> str:
    """The learner's note, else "Image greeting.png attached to E3"."""
    note = " ".join(note.split())
    return note if note else f"Image {filename} attached to {where}"


class EvidenceImage(Flowable):
    """An attached image; its bytes are read when measured and drawn, then dropped."""

    def __init__(
        self,
        load: Callable[[], bytes],
        max_width: float,
        max_height: float,
        *,
        alt: str,
        gap: float = 4,
    ) -> None:
        super().__init__()
        self._load = load
        self._max = (max_width, max_height)
        self.alt = alt
        self.gap = gap
        self._pixels: tuple[int, int] | None = None
        self._ppi = DEFAULT_PPI

    def probe(self) -> tuple[int, int]:
        """The image's size in pixels; raises if the bytes are not a readable image."""
        if self._pixels is None:
            with PILImage.open(io.BytesIO(self._load())) as img:
                self._pixels = (img.width, img.height)
                dpi = img.info.get("dpi")
                if (
                    isinstance(dpi, tuple)
                    and dpi
                    and isinstance(dpi[0], int | float)
                    and MIN_PPI <= float(dpi[0]) <= MAX_RECORDED_PPI
                ):
                    self._ppi = float(dpi[0])
        return self._pixels

    def placed_size(self, aW: float) -> tuple[float, float]:
        """Width and height in points: the image's own size at its ppi, fitted to the room."""
        w, h = self.probe()
        natural_w, natural_h = w * 72 / self._ppi, h * 72 / self._ppi
        scale = min(1.0, min(aW, self._max[0]) / natural_w, self._max[1] / natural_h)
        return natural_w * scale, natural_h * scale

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width, self.height = self.placed_size(aW)
        return self.width, self.height + self.gap

    def draw(self) -> None:
        self.canv.setStrokeColorRGB(0.8, 0.82, 0.85)
        self.canv.setLineWidth(0.5)
        self.canv.drawImage(self._reader(), 0, self.gap, self.width, self.height, mask="auto")
        self.canv.rect(0, self.gap, self.width, self.height, stroke=1, fill=0)

    def _reader(self) -> ImageReader:
        data = self._load()
        w, _ = self.probe()
        keep = int(self.width / 72 * MAX_PPI)
        if w <= keep:
            return ImageReader(io.BytesIO(data))
        with PILImage.open(io.BytesIO(data)) as img:
            fmt = img.format
            ratio = keep / img.width
            size = (keep, max(1, round(img.height * ratio)))
            small = img.resize(size, PILImage.Resampling.LANCZOS)
        out = io.BytesIO()
        if fmt == "JPEG":
            small.convert("RGB").save(out, format="JPEG", quality=88)
        else:
            small.save(out, format="PNG", optimize=True)
        return ImageReader(io.BytesIO(out.getvalue()))
