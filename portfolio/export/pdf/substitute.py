"""Standard PDF fonts an attached PDF uses without including them, replaced by embedded ones.

Most PDFs made by simple tools (reportlab's defaults, old office suites, scanners' cover pages)
draw with Helvetica, Times or Courier and leave the font to the viewer. PDF/A forbids that. When
such an attachment is laid into the submission, each of those fonts is turned into an embedded
TrueType font of the same metrics (the bundled "Portfolio Metric" cut of Liberation Sans, Serif
and Mono: Helvetica's, Times' and Courier's widths), so the attachment looks as it did and the
document stays PDF/A. Only simple fonts in the standard Windows encoding are replaced; others
(Symbol, ZapfDingbats, custom encodings, TrueType fonts such as Calibri that need their own
program) are left, and the export report names the attachment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from portfolio.resources import resource_path

_FAMILIES = {
    "Helvetica": "Sans",
    "Arial": "Sans",
    "ArialMT": "Sans",
    "Times": "Serif",
    "TimesNewRoman": "Serif",
    "TimesNewRomanPS": "Serif",
    "Courier": "Mono",
    "CourierNew": "Mono",
    "CourierNewPS": "Mono",
}
_STYLE = re.compile(r"(?i)(bold)?(italic|oblique)?(mt)?$")
FIRST, LAST = 32, 255


@dataclass(frozen=True, slots=True)
class Metrics:
    postscript: str
    data: bytes
    widths: tuple[int, ...]  # for codes FIRST..LAST in Windows-1252
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    italic_angle: float


def stand_in(base_font: str) -> str | None:
    """The bundled file standing in for a standard font name, or None."""
    name = base_font.lstrip("/").split("+")[-1]  # drop a subset tag "ABCDEF+"
    family, _, style = name.replace(",", "-").partition("-")
    if family not in _FAMILIES:
        return None
    if style in ("", "Roman", "Regular", "MT", "PSMT"):
        suffix = "Regular"
    else:
        match = _STYLE.match(style.replace("PS", "").replace("MT", ""))
        if match is None or not (match.group(1) or match.group(2)):
            return None
        suffix = ("Bold" if match.group(1) else "") + ("Italic" if match.group(2) else "")
    return f"PortfolioMetric{_FAMILIES[family]}-{suffix}.ttf"


# Each stand-in's metrics, measured once with fontTools (``measure``) and kept beside the fonts:
# reading them there spares every export with such an attachment fontTools' import and a parse
# of each font (about a tenth of a second). A test checks the file against ``measure``.
MEASUREMENTS = "metric-standins.json"


@cache
def _measured() -> dict[str, dict[str, Any]]:
    path = resource_path("fonts", MEASUREMENTS)
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


@cache
def metrics(filename: str) -> Metrics:
    """The stand-in's metrics: from the measurements file, or measured now if not there."""
    known = _measured().get(filename)
    if known is None:
        return measure(filename)
    return Metrics(
        postscript=str(known["postscript"]),
        data=resource_path("fonts", filename).read_bytes(),
        widths=tuple(int(w) for w in known["widths"]),
        bbox=(
            int(known["bbox"][0]),
            int(known["bbox"][1]),
            int(known["bbox"][2]),
            int(known["bbox"][3]),
        ),
        ascent=int(known["ascent"]),
        descent=int(known["descent"]),
        cap_height=int(known["cap_height"]),
        italic_angle=float(known["italic_angle"]),
    )


def measure(filename: str) -> Metrics:
    """Measure a bundled stand-in with fontTools (its widths in Windows-1252, box, heights)."""
    from fontTools.ttLib import TTFont

    path = resource_path("fonts", filename)
    data = path.read_bytes()
    with TTFont(str(path)) as font:
        scale = 1000 / font["head"].unitsPerEm
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        widths = []
        for code in range(FIRST, LAST + 1):
            text = bytes([code]).decode("cp1252", "ignore")
            glyph = cmap.get(ord(text)) if text else None
            widths.append(round(hmtx[glyph][0] * scale) if glyph else 0)
        head, os2, post = font["head"], font["OS/2"], font["post"]
        return Metrics(
            postscript=str(font["name"].getDebugName(6)),
            data=data,
            widths=tuple(widths),
            bbox=(
                round(head.xMin * scale),
                round(head.yMin * scale),
                round(head.xMax * scale),
                round(head.yMax * scale),
            ),
            ascent=round(os2.sTypoAscender * scale),
            descent=round(os2.sTypoDescender * scale),
            cap_height=round(getattr(os2, "sCapHeight", 700) * scale) or 700,
            italic_angle=float(post.italicAngle),
        )


def measurements(filenames: list[str]) -> dict[str, dict[str, Any]]:
    """What the measurements file holds for ``filenames`` (to write it again after a font
    changes: ``json.dump(measurements(sorted(stand-in files)), ...)``)."""
    out: dict[str, dict[str, Any]] = {}
    for filename in filenames:
        m = measure(filename)
        out[filename] = {
            "postscript": m.postscript,
            "widths": list(m.widths),
            "bbox": list(m.bbox),
            "ascent": m.ascent,
            "descent": m.descent,
            "cap_height": m.cap_height,
            "italic_angle": m.italic_angle,
        }
    return out


class Substituter:
    """Replaces standard fonts in one document, sharing each embedded font program."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self._programs: dict[str, pikepdf.Object] = {}
        self._done: set[tuple[int, int]] = set()

    def fix_resources(self, resources: pikepdf.Object | None) -> None:
        """Replace every replaceable unembedded font in ``resources``, nested ones included."""
        if not isinstance(resources, pikepdf.Dictionary):
            return
        fonts = resources.get("/Font")
        if isinstance(fonts, pikepdf.Dictionary):
            for font in fonts.values():
                self.fix_font(font)
        for key in ("/XObject", "/Pattern"):
            group = resources.get(key)
            if not isinstance(group, pikepdf.Dictionary):
                continue
            for obj in group.values():
                if obj.is_indirect:
                    if obj.objgen in self._done:
                        continue
                    self._done.add(obj.objgen)
                if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
                    self.fix_resources(obj.get("/Resources"))

    def fix_font(self, font: pikepdf.Object) -> bool:
        """Embed a stand-in for ``font`` if it is a replaceable standard font; True if done."""
        if not isinstance(font, pikepdf.Dictionary):
            return False
        if font.get("/Subtype") not in (Name.Type1, Name.TrueType, Name.MMType1):
            return False
        descriptor = font.get("/FontDescriptor")
        if isinstance(descriptor, pikepdf.Dictionary) and any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        ):
            return False  # embedded already
        encoding = font.get("/Encoding")
        if encoding is not None and encoding != Name.WinAnsiEncoding:
            return False
        filename = stand_in(str(font.get("/BaseFont", "")))
        if filename is None:
            return False
        m = metrics(filename)
        program = self._programs.get(filename)
        if program is None:
            program = self._programs[filename] = self.pdf.make_stream(m.data, Length1=len(m.data))
        flags = 32 | (64 if m.italic_angle else 0) | (1 if "Mono" in filename else 0)
        font.Subtype = Name.TrueType
        font.BaseFont = Name("/" + m.postscript)
        font.Encoding = Name.WinAnsiEncoding
        font.FirstChar = FIRST
        font.LastChar = LAST
        font.Widths = Array(m.widths)
        font.FontDescriptor = self.pdf.make_indirect(
            Dictionary(
                Type=Name.FontDescriptor,
                FontName=Name("/" + m.postscript),
                Flags=flags,
                FontBBox=Array(m.bbox),
                ItalicAngle=m.italic_angle,
                Ascent=m.ascent,
                Descent=m.descent,
                CapHeight=m.cap_height,
                StemV=80,
                FontFile2=program,
            )
        )
        return True
