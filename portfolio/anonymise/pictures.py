"""Personal data inside pictures: words read by OCR that the text detector flags, and faces.

A photo or a scanned page is read with offline OCR (``ocr``); its lines go through the same
detector and placeholder plan as every other document (``placeholders.plan_redactions``), so a
name on a photographed rota is found exactly as it would be in a Word file. Each finding is
mapped back to the boxes of the words it covers, and faces (``faces``) are added. The result is
a list of ``PictureFinding``s, each naming itself by a ``key``: the review dialog shows them as
regions, and a learner who unticks one passes its key (or, for text, the text itself) in
``rejected`` so it is left as it is.

Reading a picture is the slow part (seconds), so the last few readings are kept in memory by
the hash of their pixels: the dialog's preview and the stored copy read each picture once.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import threading
from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from portfolio.anonymise.ocr import Box, OcrLine, OcrWord, read_lines, span_boxes
from portfolio.anonymise.placeholders import SegmentHint, normalise, plan_redactions
from portfolio.anonymise.report import Redaction
from portfolio.progress import CancelToken, ProgressFn, check, report

if TYPE_CHECKING:
    from PIL import Image

FACE = "face"
"""The category of a face found in a photo."""
FloatBox = tuple[float, float, float, float]
_PAD_X, _PAD_Y = 0.3, 0.15  # of a line's height: OCR boxes hug the glyphs too tightly
_CACHE_SIZE = 6


@dataclass(frozen=True)
class PictureFinding:
    """Personal data seen in a picture: where (boxes), what (category, text) and its name.

    ``boxes`` are ``(left, top, right, bottom)`` in the units of ``Region``: pixels of an image
    as displayed (``page`` 0), or points of a PDF page as displayed.
    """

    page: int
    category: str
    text: str
    boxes: tuple[FloatBox, ...]
    placeholder: str

    @property
    def bounds(self) -> FloatBox:
        """One box around all of ``boxes``."""
        return (
            min(b[0] for b in self.boxes),
            min(b[1] for b in self.boxes),
            max(b[2] for b in self.boxes),
            max(b[3] for b in self.boxes),
        )

    @property
    def key(self) -> str:
        """A stable name for this finding; put it in ``rejected`` to leave it as it is."""
        left, top, right, bottom = (round(v) for v in self.bounds)
        return f"{self.category}@{self.page}:{left},{top},{right},{bottom}"


@dataclass(frozen=True)
class PictureReading:
    """What OCR and the face detector saw in one picture, in its own pixels."""

    lines: tuple[OcrLine, ...]
    faces: tuple[Box, ...]


_cache: OrderedDict[tuple[str, bool], PictureReading] = OrderedDict()
_cache_lock = threading.Lock()


def read_picture(image: Image.Image, *, faces: bool = True) -> PictureReading:
    """OCR ``image`` (and look for faces when ``faces``); recent readings come from memory."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    digest = hashlib.sha256(rgb.tobytes()).hexdigest() + f"{rgb.size}"
    key = (digest, faces)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    lines = tuple(read_lines(rgb))
    found: tuple[Box, ...] = ()
    if faces:
        from portfolio.anonymise.faces import find_faces

        found = tuple(find_faces(rgb))
    reading = PictureReading(lines, found)
    with _cache_lock:
        _cache[key] = reading
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return reading


def _covering(
    boxes: list[Box], scale: float, limit: tuple[int, int], between: tuple[float, float]
) -> tuple[FloatBox, ...]:
    """One box over the words of a finding on one line, padded (glyphs such as "A" or "J"
    reach past the box OCR gives) but not past the middle of the gap to a neighbouring word
    (``between``: the leftmost and rightmost x allowed), clipped to the picture and scaled to
    output units."""
    if not boxes:
        return ()
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    height = bottom - top
    pad_x, pad_y = max(3.0, height * _PAD_X), max(2.0, height * _PAD_Y)
    return (
        (
            max(0.0, min(left, max(between[0], left - pad_x))) / scale,
            max(0.0, top - pad_y) / scale,
            min(float(limit[0]), max(right, min(between[1], right + pad_x))) / scale,
            min(float(limit[1]), bottom + pad_y) / scale,
        ),
    )


def _between(line: OcrLine, start: int, end: int) -> tuple[float, float]:
    """How far a box over ``line.text[start:end]`` may reach: the middle of the gaps to the
    words before and after it on the line (unlimited where there is none)."""
    low, high = float("-inf"), float("inf")
    words = sorted(line.words, key=lambda w: w.start)
    covered = [w for w in words if w.end > start and w.start < end]
    if not covered:
        return low, high
    first, last = covered[0], covered[-1]
    before = [w for w in words if w.end <= first.start]
    after = [w for w in words if w.start >= last.end]
    if before:
        low = (before[-1].box[2] + first.box[0]) / 2
    if after:
        high = (last.box[2] + after[0].box[0]) / 2
    return low, high


def findings_in(
    reading: PictureReading,
    *,
    size: tuple[int, int],
    page: int = 0,
    scale: float = 1.0,
    terms: Sequence[str] = (),
    cancel: CancelToken | None = None,
) -> list[PictureFinding]:
    """Every piece of personal data in a reading, text first (reading order), then faces.

    ``size`` is the picture's size in pixels; ``scale`` its pixels per output unit (1 for an
    image; the rendering zoom for a PDF page, so boxes come out in points).
    """
    segments = with_cell_gaps(reading.lines)
    plans, _ = plan_redactions(
        segments, terms=terms, hints=_cell_hints(reading.lines, segments), cancel=cancel
    )
    found: list[PictureFinding] = []
    for line, plan in zip(reading.lines, plans, strict=True):
        for finding, placeholder in plan.replacements:
            boxes = _covering(
                span_boxes(line, finding.start, finding.end),
                scale,
                size,
                _between(line, finding.start, finding.end),
            )
            if not boxes:
                continue
            if not placeholder and found and found[-1].category == finding.category:
                # The rest of a finding that runs on from the previous line.
                last = found[-1]
                found[-1] = PictureFinding(
                    page,
                    last.category,
                    f"{last.text} {finding.text}",
                    last.boxes + boxes,
                    last.placeholder,
                )
                continue
            found.append(PictureFinding(page, finding.category, finding.text, boxes, placeholder))
    for number, face in enumerate(reading.faces, start=1):
        box = (face[0] / scale, face[1] / scale, face[2] / scale, face[3] / scale)
        found.append(PictureFinding(page, FACE, "", (box,), f"[FACE {number}]"))
    return found


CELL_GAP = 2.2
"""A gap between two words this many times the picture's usual word gap separates cells..."""
CELL_GAP_HEIGHT = 0.4
USUAL_GAP_RANK = 30
"""The percentile of the picture's word gaps taken as its usual gap between words."""
"""...provided it is also this many line heights wide."""


def _gaps(line: OcrLine) -> list[tuple[int, int]]:
    """``(position of the space, width in pixels)`` of each single space between two words."""
    words = sorted(line.words, key=lambda w: w.start)
    return [
        (left.end, right.box[0] - left.box[2])
        for left, right in itertools.pairwise(words)
        if line.text[left.end : right.start] == " "
    ]


def with_cell_gaps(lines: Sequence[OcrLine]) -> list[str]:
    """Each line's text with a tab where a wide gap separates two words.

    OCR reads a table row ("Holly Baker   Catering   07427 515522") as one line with single
    spaces, which loses the columns; a tab in their place (same length, so spans still map to
    the words) lets the detector read the row as a table under its header row ("Name  Area").
    A gap is wide when it is well over the picture's usual gap between words.
    """
    widths = sorted(width for line in lines for _, width in _gaps(line))
    if not widths:
        return [line.text for line in lines]
    # The usual gap between words, from the narrower gaps: in a picture that is mostly a
    # table, half its gaps or more are between cells, and a median would be one of those.
    usual = max(1, widths[len(widths) * USUAL_GAP_RANK // 100])
    wide: list[list[int]] = []
    for line in lines:
        height = max(1, line.box[3] - line.box[1])
        limit = max(CELL_GAP * usual, CELL_GAP_HEIGHT * height)
        wide.append([position for position, width in _gaps(line) if width >= limit])
    texts = []
    for index, line in enumerate(lines):
        # A table has rows: a lone line with a wide gap is more likely OCR's guess at a box.
        neighbours = wide[index - 1 : index] + wide[index + 1 : index + 2]
        if not wide[index] or not any(neighbours):
            texts.append(line.text)
            continue
        chars = list(line.text)
        for position in wide[index]:
            chars[position] = "\t"
        texts.append("".join(chars))
    return texts


def _cell_hints(lines: Sequence[OcrLine], segments: list[str]) -> list[SegmentHint]:
    """Column headers over the lines OCR read as separate cells (a table drawn with wide
    columns comes back one cell per line, "Name" above "Kasim Gulshan")."""
    from portfolio.anonymise.fields import column_hints

    if len(lines) < 2:
        return []
    heights = sorted(line.box[3] - line.box[1] for line in lines)
    unit = max(1.0, heights[len(heights) // 2] / 12.0)  # a line of text is about 12 points
    edges = _column_edges(lines, segments)
    starts: list[int] = []
    cells: list[tuple[int, int, FloatBox]] = []
    offset = 0
    for line, segment in zip(lines, segments, strict=True):
        starts.append(offset)
        cells.extend(
            (offset + start, offset + end, box)
            for start, end, box in _split_at_columns(line, len(segment), edges, unit)
        )
        offset += len(segment) + 1
    text = "\n".join(segments)
    hints: list[SegmentHint] = []
    for start, end, label in column_hints(text, cells, unit):
        index = bisect.bisect_right(starts, start) - 1
        hints.append((index, start - starts[index], end - starts[index], label))
    return hints


CELL_SPLIT_GAP = 1.5
"""Two cells OCR read as one line are further apart than its words (cell padding): the gap
before a column's first word is at least this many times the line's middle gap."""


def _column_edges(lines: Sequence[OcrLine], segments: list[str]) -> list[tuple[float, float]]:
    """``(left, bottom)`` of every cell on a table's header row: a row of lines one of which
    names a kind of personal data ("Patient", "DOB"), as ``fields.column_hints`` reads them."""
    from portfolio.anonymise.fields import header_cell

    edges: set[tuple[float, float]] = set()
    for line, segment in zip(lines, segments, strict=True):
        if not header_cell(segment):
            continue
        top, bottom = line.box[1], line.box[3]
        for other in lines:
            if other.box[1] < bottom and other.box[3] > top:
                edges.add((float(other.box[0]), float(bottom)))
    return sorted(edges)


def _split_at_columns(
    line: OcrLine, length: int, edges: list[tuple[float, float]], unit: float
) -> list[tuple[int, int, FloatBox]]:
    """The cells of ``line``: the whole line, or, when OCR read two cells of a table row as one
    line ("Master Rory Whelan 9/3/16" across the Patient and DOB columns), one cell per column.

    A line below a header row is split before each word that starts where a column header
    starts (within half a line height), after a gap wider than the line's usual gap between
    words (cell padding), when the word before it started in an earlier column, and only when
    every part then ends before the next column starts: a sentence running across the
    columns stays whole.
    """
    whole = [
        (
            0,
            length,
            (float(line.box[0]), float(line.box[1]), float(line.box[2]), float(line.box[3])),
        )
    ]
    lefts = sorted({left for left, bottom in edges if bottom - unit <= line.box[1]})
    words = sorted(line.words, key=lambda w: w.start)
    if len(lefts) < 2 or len(words) < 2:
        return whole
    # OCR's word boxes sit up to a third of a line height inside the line's.
    slack = max(4 * unit, 0.5 * (line.box[3] - line.box[1]))
    gaps = sorted(right.box[0] - left.box[2] for left, right in itertools.pairwise(words))
    usual = gaps[(len(gaps) - 1) // 2]  # the line's middle gap between words
    parts: list[list[OcrWord]] = [[words[0]]]
    for before, word in itertools.pairwise(words):
        previous = parts[-1][0].box[0]
        wider = word.box[0] - before.box[2] >= CELL_SPLIT_GAP * max(1, usual)
        if wider and any(
            abs(word.box[0] - left) <= slack and previous < left - slack for left in lefts
        ):
            parts.append([word])
        else:
            parts[-1].append(word)
    if len(parts) < 2:
        return whole
    cells: list[tuple[int, int, FloatBox]] = []
    for part in parts:
        left = float(part[0].box[0])
        right = float(max(w.box[2] for w in part))
        following = [edge for edge in lefts if edge > left + slack]
        if following and right > following[0] + slack / 2:
            return whole  # a part spills into the next column: not a table row
        top = float(min(w.box[1] for w in part))
        bottom = float(max(w.box[3] for w in part))
        cells.append((part[0].start, part[-1].end, (left, top, right, bottom)))
    return cells


def is_rejected(finding: PictureFinding, rejected: Collection[str]) -> bool:
    """True when the learner chose to keep this finding (by its key, or by its text)."""
    if finding.key in rejected:
        return True
    if finding.category == FACE:
        return False
    refused = {normalise(r) for r in rejected}
    return normalise(finding.text) in refused


def picture_findings(
    data: bytes, *, name: str, terms: Sequence[str] = (), cancel: CancelToken | None = None
) -> list[PictureFinding]:
    """Every finding in a PNG or JPEG (for the review dialog). Raises UnsupportedFileError."""
    from portfolio.anonymise.image import open_upright

    image = open_upright(data, name)
    reading = read_picture(image)
    return findings_in(reading, size=image.size, terms=terms, cancel=cancel)


def anonymise_picture_bytes(
    data: bytes,
    *,
    name: str,
    terms: Sequence[str] = (),
    rejected: Collection[str] = (),
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> tuple[bytes, list[Redaction], list[str]]:
    """Strip a PNG or JPEG's metadata, then black out the personal data and faces in it.

    Returns the new image, a redaction per finding blacked out, and notes for the learner.
    Raises UnsupportedFileError for a damaged, oversized or foreign image (nothing is made).
    """
    from portfolio.anonymise.image import open_upright, redact_image_regions, strip_image_metadata

    stripped = strip_image_metadata(data, name=name)
    image = open_upright(data, name)
    report(progress, 0, 3, "Reading the text in the picture")
    reading = read_picture(image)
    check(cancel)
    report(progress, 1, 3, "Looking for personal data and faces")
    found = findings_in(reading, size=image.size, terms=terms, cancel=cancel)
    kept = [f for f in found if not is_rejected(f, rejected)]
    output = stripped
    if kept:
        report(progress, 2, 3, "Blacking out")
        boxes = [_whole(box) for finding in kept for box in finding.boxes]
        output = redact_image_regions(stripped, boxes)
    check(cancel)
    report(progress, 3, 3, "Done")
    redactions = [Redaction(f.category, f.text, f.placeholder) for f in kept]
    return output, redactions, _notes(reading, kept, len(found) - len(kept))


def _whole(box: FloatBox) -> Box:
    return (int(box[0]), int(box[1]), int(box[2] + 0.999), int(box[3] + 0.999))


def _notes(reading: PictureReading, kept: list[PictureFinding], left: int) -> list[str]:
    notes = ["Removed the image metadata (EXIF, GPS, XMP, IPTC, text chunks)."]
    faces = sum(1 for f in kept if f.category == FACE)
    text = len(kept) - faces
    if reading.lines:
        lines = len(reading.lines)
        notes.append(
            f"Read {lines} line{'s' if lines != 1 else ''} of text in the picture; "
            f"blacked out {text} piece{'s' if text != 1 else ''} of personal data."
        )
    else:
        notes.append("No text was found in the picture.")
    if faces:
        notes.append(f"Blacked out {faces} face{'s' if faces != 1 else ''}.")
    if left:
        notes.append(f"Left {left} finding{'s' if left != 1 else ''} as you chose.")
    notes.append(
        "Check the picture yourself: badges, signatures, hand-writing and faces turned away "
        "can be missed."
    )
    return notes
