"""PNG and JPEG: remove every metadata block without touching the pixels; black out boxes.

Metadata is removed by rewriting the file's own structure, never by re-encoding, so a JPEG loses
no quality: PNG text chunks (tEXt, zTXt, iTXt), eXIf and tIME and unknown ancillary chunks go;
JPEG APP1 (EXIF with GPS, XMP), APP13 (IPTC), COM, MPF thumbnails and other APPn segments go.
The ICC colour profile, JFIF/Adobe colour headers and PNG rendering chunks stay. A photo taken
sideways keeps a minimal EXIF block holding only its orientation, so it still displays upright.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from portfolio.errors import InvalidInputError, UnsupportedFileError

MAX_IMAGE_PIXELS = 80_000_000
"""Largest image accepted (80 megapixels); bigger ones are refused as possible pixel bombs."""

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEPT = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
    b"pHYs", b"bKGD", b"hIST", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCv", b"cLLi",
}  # fmt: skip
_ORIENTATION = 0x0112


def _corrupt(name: str) -> UnsupportedFileError:
    return UnsupportedFileError(f"'{name}' is damaged: the image cannot be read.")


def _strip_png(data: bytes, name: str) -> bytes:
    out = [_PNG_SIGNATURE]
    pos = len(_PNG_SIGNATURE)
    while True:
        if pos + 12 > len(data):
            raise _corrupt(name)
        length = int.from_bytes(data[pos : pos + 4], "big")
        chunk_type = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise _corrupt(name)
        if chunk_type in _PNG_KEPT:
            out.append(data[pos:end])
        pos = end
        if chunk_type == b"IEND":
            return b"".join(out)


def _jpeg_segment_kept(marker: int, payload: bytes) -> bool:
    if marker == 0xE0:  # APP0: JFIF / JFXX headers carry no personal data
        return payload.startswith((b"JFIF\x00", b"JFXX\x00"))
    if marker == 0xE2:  # APP2: keep the ICC profile, drop MPF (embedded previews)
        return payload.startswith(b"ICC_PROFILE\x00")
    if marker == 0xEE:  # APP14 Adobe: colour transform flag, needed to decode correctly
        return payload.startswith(b"Adobe")
    return not (0xE1 <= marker <= 0xEF or marker == 0xFE)  # other APPn and COM go


def _strip_jpeg(data: bytes, name: str, orientation: int) -> bytes:
    out = [b"\xff\xd8"]
    if orientation not in (0, 1):
        exif = Image.Exif()
        exif[_ORIENTATION] = orientation
        payload = exif.tobytes()
        out.append(b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload)
    pos = 2
    in_scan = False
    while pos < len(data):
        if in_scan:
            # Entropy-coded data: FF is followed by 00 (stuffing) or a restart marker.
            next_ff = data.find(b"\xff", pos)
            if next_ff == -1 or next_ff + 1 >= len(data):
                raise _corrupt(name)
            follower = data[next_ff + 1]
            if follower == 0x00 or 0xD0 <= follower <= 0xD7 or follower == 0xFF:
                out.append(data[pos : next_ff + (1 if follower == 0xFF else 2)])
                pos = next_ff + (1 if follower == 0xFF else 2)
                continue
            out.append(data[pos:next_ff])
            pos = next_ff
            in_scan = False
        if data[pos] != 0xFF:
            raise _corrupt(name)
        while pos + 1 < len(data) and data[pos + 1] == 0xFF:  # fill bytes
            pos += 1
        if pos + 1 >= len(data):
            raise _corrupt(name)
        marker = data[pos + 1]
        if marker == 0xD9:  # EOI: anything after it (trailers, second images) is dropped
            out.append(b"\xff\xd9")
            return b"".join(out)
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:
            pos += 2
            continue
        if pos + 4 > len(data):
            raise _corrupt(name)
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise _corrupt(name)
        if _jpeg_segment_kept(marker, data[pos + 4 : end]):
            out.append(data[pos:end])
        pos = end
        in_scan = marker == 0xDA
    raise _corrupt(name)


def _open_checked(data: bytes, name: str) -> Image.Image:
    """Open and fully decode the image, refusing pixel bombs and damaged files."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise UnsupportedFileError(
                    f"'{name}' is too large an image ({width} x {height} pixels): "
                    f"the limit is {MAX_IMAGE_PIXELS // 1_000_000} megapixels."
                )
            image.load()
    except UnsupportedFileError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnsupportedFileError(f"'{name}' is too large an image to open safely.") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise _corrupt(name) from exc
    return image


def open_upright(data: bytes, name: str = "the image") -> Image.Image:
    """The decoded PNG or JPEG as it is displayed (EXIF orientation applied), in RGB.

    Raises UnsupportedFileError for a damaged, oversized or foreign image.
    """
    image = _open_checked(data, name)
    if image.format not in ("PNG", "JPEG"):
        raise UnsupportedFileError(f"'{name}' is not a PNG or JPEG image.")
    upright = ImageOps.exif_transpose(image)
    if upright.mode == "RGB":
        return upright
    if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
        # Transparent areas are shown on white, as a viewer would; text on them stays legible.
        rgba = upright.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, "white")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return upright.convert("RGB")


def strip_image_metadata(data: bytes, *, name: str = "the image", strict: bool = True) -> bytes:
    """The PNG or JPEG ``data`` with every metadata block removed and the pixels unchanged.

    With ``strict`` (the default) a damaged or oversized image raises UnsupportedFileError;
    without it (images embedded in a Word document), such an image is returned as it was.
    """
    try:
        if data.startswith(_PNG_SIGNATURE):
            _open_checked(data, name)
            return _strip_png(data, name)
        if data.startswith(b"\xff\xd8\xff"):
            image = _open_checked(data, name)
            orientation = int(image.getexif().get(_ORIENTATION, 1) or 1)
            return _strip_jpeg(data, name, orientation)
        raise UnsupportedFileError(f"'{name}' is not a PNG or JPEG image.")
    except UnsupportedFileError:
        if strict:
            raise
        return data


def redact_image_regions(data: bytes, boxes: Sequence[tuple[int, int, int, int]]) -> bytes:
    """Black out rectangles in a PNG or JPEG and return the new image, metadata removed.

    Each box is ``(left, top, right, bottom)`` in pixels of the image as it is displayed (a
    sideways photo's EXIF orientation is applied first, and the result is stored upright).
    Boxes are clipped to the image. A PNG stays lossless; a JPEG is re-encoded once with its
    own quantisation tables where possible, so it loses as little as it can.
    """
    image = _open_checked(data, "the image")
    fmt = image.format
    if fmt not in ("PNG", "JPEG"):
        raise UnsupportedFileError("Only PNG and JPEG images can have areas blacked out.")
    icc = image.info.get("icc_profile")
    orientation = int(image.getexif().get(_ORIENTATION, 1) or 1)
    transposed = orientation != 1
    upright = ImageOps.exif_transpose(image) if transposed else image
    if upright.mode in ("P", "1", "I;16"):
        has_alpha = "transparency" in upright.info
        upright = upright.convert("RGBA" if has_alpha else "RGB")
    bands = len(upright.getbands())
    fill = (0,) * bands if upright.mode not in ("RGBA", "LA") else (0,) * (bands - 1) + (255,)
    draw = ImageDraw.Draw(upright)
    width, height = upright.size
    for box in boxes:
        if len(box) != 4 or not all(isinstance(v, int) for v in box):
            raise InvalidInputError(
                "Each box must be four whole numbers: left, top, right, bottom."
            )
        left, top = max(0, min(box[0], box[2])), max(0, min(box[1], box[3]))
        right, bottom = min(width, max(box[0], box[2])), min(height, max(box[1], box[3]))
        if right > left and bottom > top:
            draw.rectangle((left, top, right - 1, bottom - 1), fill=fill if bands > 1 else 0)
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if fmt == "PNG":
        upright.save(out, "PNG", **extra)
    elif upright is not image or upright.mode not in ("RGB", "L", "CMYK"):
        jpeg_ready = upright if upright.mode in ("RGB", "L", "CMYK") else upright.convert("RGB")
        jpeg_ready.save(out, "JPEG", quality=95, **extra)
    else:
        upright.save(out, "JPEG", quality="keep", subsampling="keep", **extra)
    return strip_image_metadata(out.getvalue())
