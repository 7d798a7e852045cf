"""Find faces in a photo, offline, so they can be blacked out before the photo is stored.

The detectors are OpenCV's Haar cascades for frontal faces and for faces in profile (looking
left, and mirrored for looking right), which ship inside the ``opencv-python-headless`` wheel
(``cv2.data``, Intel's open-source licence, BSD-style); they need no network. A frontal face
counts when the default cascade finds it and both "alt" cascades agree, searched only around
it: each cascade alone fires on coins, dials and the "25" of a Challenge 25 sign, but they
rarely agree on one. A profile needs only the stricter profile cascade. Photos are searched at
up to 1,600 pixels on the long side, so a face a fiftieth of the picture's height is still
found. Boxes are grown by a fifth so hair, ears and chin are covered too. Every detector misses
some faces (tilted, far away, half-hidden): the review dialog lets the learner draw more boxes
and undo any face found.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from portfolio.anonymise.ocr import Box

if TYPE_CHECKING:
    from PIL import Image

DETECT_SIDE = 1600
"""Faces are looked for in a copy scaled to this many pixels on its long side."""
MIN_FACE_SHARE = 0.02
"""Smallest face looked for, as a share of the picture's shorter side (at least 20 pixels)."""
_MARGIN = 0.2

_lock = threading.Lock()
_cascades: dict[str, Any] = {}


def _cascade(name: str) -> Any:
    import cv2

    if name not in _cascades:
        classifier = cv2.CascadeClassifier(str(cv2.data.haarcascades) + name)  # type: ignore[attr-defined]
        if classifier.empty():  # pragma: no cover - a broken OpenCV installation
            raise RuntimeError(f"OpenCV's face model {name} is missing.")
        _cascades[name] = classifier
    return _cascades[name]


def _overlap(a: Box, b: Box) -> float:
    """Intersection over the smaller box's area."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height / smaller if smaller else 0.0


def _merge(boxes: list[Box]) -> list[Box]:
    """Join boxes that mostly overlap into their union, largest first."""
    merged: list[Box] = []
    for box in sorted(boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1])):
        for index, kept in enumerate(merged):
            if _overlap(box, kept) > 0.4:
                merged[index] = (
                    min(box[0], kept[0]),
                    min(box[1], kept[1]),
                    max(box[2], kept[2]),
                    max(box[3], kept[3]),
                )
                break
        else:
            merged.append(box)
    return merged


def _detect(gray: Any, name: str, min_side: int, neighbours: int) -> list[Box]:
    found = _cascade(name).detectMultiScale(
        gray, scaleFactor=1.1, minNeighbors=neighbours, minSize=(min_side, min_side)
    )
    return [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h in found]


def _confirmed(gray: Any, face: Box, min_side: int) -> bool:
    """True when both "alt" cascades also find this face (searched only around it: cheap)."""
    left, top, right, bottom = face
    margin = max(right - left, bottom - top) // 2
    x0, y0 = max(0, left - margin), max(0, top - margin)
    around = gray[y0 : bottom + margin, x0 : right + margin]
    return all(
        any(
            _overlap(face, (x + x0, y + y0, r + x0, b + y0)) > 0.5
            for x, y, r, b in _detect(around, name, min_side, 3)
        )
        for name in ("haarcascade_frontalface_alt2.xml", "haarcascade_frontalface_alt.xml")
    )


def find_faces(image: Image.Image) -> list[Box]:
    """Boxes around the faces in ``image`` (as displayed), in pixels, left to right."""
    import numpy as np

    width, height = image.size
    if min(width, height) < 24:
        return []
    scale = min(1.0, DETECT_SIDE / max(width, height))
    small = image.convert("L")
    if scale < 1.0:
        small = small.resize((max(1, round(width * scale)), max(1, round(height * scale))))
    gray = np.ascontiguousarray(np.asarray(small))
    min_side = max(20, int(min(gray.shape) * MIN_FACE_SHARE))
    with _lock:
        frontal = _detect(gray, "haarcascade_frontalface_default.xml", min_side, 4)
        confirmed = [f for f in frontal if _confirmed(gray, f, min_side)]
        profiles = _detect(gray, "haarcascade_profileface.xml", min_side, 6)
        mirrored = _detect(gray[:, ::-1].copy(), "haarcascade_profileface.xml", min_side, 6)
    columns = gray.shape[1]
    profiles += [(columns - r, t, columns - left, b) for left, t, r, b in mirrored]
    faces: list[Box] = []
    for left, top, right, bottom in _merge(confirmed + profiles):
        grow_x, grow_y = (right - left) * _MARGIN, (bottom - top) * _MARGIN
        faces.append(
            (
                max(0, int((left - grow_x) / scale)),
                max(0, int((top - grow_y) / scale)),
                min(width, int((right + grow_x) / scale) + 1),
                min(height, int((bottom + grow_y) / scale) + 1),
            )
        )
    return sorted(faces)
