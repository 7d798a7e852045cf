"""Read the text in a picture, offline, with the word boxes needed to black out just one word.

RapidOCR runs PaddleOCR's PP-OCR detection and recognition models on ONNX Runtime. The models
ship inside the ``rapidocr`` wheel (Apache-2.0, see its MODEL_LICENSES.md); they are passed to
it by path, so it never reaches for its model download, and nothing leaves the machine. The
engine is built once per process, on first use (about a second), and shared behind a lock:
OCR is CPU-bound and ONNX Runtime already uses every core for one image.

``read_lines`` gives each line of text found, in reading order (top to bottom, then left to
right), with the position of every word in the line's text and the word's box in pixels.
``span_boxes`` turns a run of characters of a line back into boxes, one per word touched, so a
phone number is covered and the words around it stay readable.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.errors import PortfolioError

if TYPE_CHECKING:
    from PIL import Image

Box = tuple[int, int, int, int]
"""``(left, top, right, bottom)`` in pixels, right and bottom exclusive."""

_MODELS = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",  # given so none is fetched
}
MIN_SCORE = 0.5
"""Lines recognised with less confidence than this are dropped (RapidOCR's own default)."""

_lock = threading.Lock()
_engine: Any = None


class OcrUnavailableError(PortfolioError):
    """The OCR engine or its bundled models are missing from this installation."""


@dataclass(frozen=True)
class OcrWord:
    """One word of a line: ``line.text[start:end]``, drawn inside ``box``."""

    start: int
    end: int
    box: Box


@dataclass(frozen=True)
class OcrLine:
    """One line of text found in the picture, its box and its words."""

    text: str
    box: Box
    words: tuple[OcrWord, ...]
    score: float


def _model_paths() -> dict[str, str]:
    try:
        import rapidocr
    except ImportError as exc:  # pragma: no cover - a broken installation
        raise OcrUnavailableError(
            "Text in pictures cannot be read: the OCR package (rapidocr) is not installed."
        ) from exc
    folder = Path(rapidocr.__file__).parent / "models"
    paths = {key: _bundled(folder, name) for key, name in _MODELS.items()}
    missing = [path.name for path in paths.values() if not path.is_file()]
    if missing:
        # Never let RapidOCR fetch them: the app works offline, always.
        raise OcrUnavailableError(
            "Text in pictures cannot be read: the OCR models are missing from this "
            f"installation ({', '.join(missing)})."
        )
    return {key: str(path) for key, path in paths.items()}


def _bundled(folder: Path, name: str) -> Path:
    """The model ``name`` in the wheel, or the one of its kind a later release ships instead."""
    path = folder / name
    if path.is_file():
        return path
    kind = "_det_" if "_det_" in name else "_rec_" if "_rec_" in name else "_cls_"
    others = sorted(folder.glob(f"*{kind}*.onnx")) if folder.is_dir() else []
    return others[-1] if others else path


def _get_engine() -> Any:
    global _engine
    if _engine is None:
        params: dict[str, Any] = dict(_model_paths())
        params["Global.log_level"] = "error"
        params["Global.text_score"] = MIN_SCORE
        from rapidocr import RapidOCR

        _engine = RapidOCR(params=params)
        # RapidOCR logs every model it loads at INFO level to stderr; the CLI must stay quiet.
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return _engine


def _box(points: Any) -> Box:
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    return (int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1)


def _place_words(text: str, words: Any, line_box: Box) -> tuple[OcrWord, ...]:
    """Find each recognised word in the line's text, in order; unplaced words are skipped."""
    placed: list[OcrWord] = []
    cursor = 0
    for item in words or ():
        word, box = str(item[0]), item[2]
        if not word.strip() or box is None:
            continue
        at = text.find(word, cursor)
        if at < 0:
            continue
        placed.append(OcrWord(at, at + len(word), _box(box)))
        cursor = at + len(word)
    if not placed and text.strip():
        placed.append(OcrWord(0, len(text), line_box))
    return tuple(placed)


def read_lines(image: Image.Image) -> list[OcrLine]:
    """Every line of text in ``image`` (as displayed), in reading order.

    Raises OcrUnavailableError when the OCR engine or its models are not installed.
    """
    import numpy as np

    rgb = image if image.mode == "RGB" else image.convert("RGB")
    pixels = np.asarray(rgb)
    with _lock:
        engine = _get_engine()
        # No angle classifier: it turns upside-down lines round before reading them, but the
        # word boxes RapidOCR then gives are mirrored, so a blackout would land on the wrong
        # words. Upright text (EXIF orientation is applied before this) reads the same.
        result = engine(pixels, return_word_box=True, use_cls=False)
    texts = getattr(result, "txts", None) or ()
    boxes = getattr(result, "boxes", None)
    scores = getattr(result, "scores", None) or ()
    word_results = getattr(result, "word_results", None) or ()
    lines: list[OcrLine] = []
    for index, text in enumerate(texts):
        if boxes is None or not str(text).strip():
            continue
        line_box = _box(boxes[index])
        words = word_results[index] if index < len(word_results) else ()
        score = float(scores[index]) if index < len(scores) else 1.0
        lines.append(OcrLine(str(text), line_box, _place_words(str(text), words, line_box), score))
    return lines


def span_boxes(line: OcrLine, start: int, end: int) -> list[Box]:
    """Boxes covering ``line.text[start:end]``: whole words where the span covers them, and a
    share of a word's box (widened by one character each side) where it covers part of one."""
    boxes: list[Box] = []
    for word in line.words:
        if word.end <= start or word.start >= end:
            continue
        left, top, right, bottom = word.box
        length = word.end - word.start
        if (start <= word.start and end >= word.end) or length <= 1:
            boxes.append(word.box)
            continue
        per_char = (right - left) / length
        first = max(start, word.start) - word.start
        last = min(end, word.end) - word.start
        boxes.append(
            (
                max(left, int(left + (first - 1) * per_char)),
                top,
                min(right, int(left + (last + 1) * per_char) + 1),
                bottom,
            )
        )
    return boxes
