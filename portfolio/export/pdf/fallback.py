"""No character lost: text the document font cannot draw is drawn in a bundled fallback font.

Noto Sans covers Latin (Welsh and every European language), Greek and Cyrillic. Anything else
(Hebrew, Arabic, Devanagari, Chinese, Japanese, Korean, arrows, ticks, emoji) is split off into
runs of the first bundled font that has the glyph. Two places see text:

- a Paragraph's fragments, as soon as they are parsed (``Paragraph._setup``): a fragment is cut
  into fragments of one font each, so line breaking measures every run in the font it is drawn
  in. Arabic is shaped here (contextual letter forms, with ``arabic-reshaper``).
- every string a text object writes (``PDFTextObject._formatText``), which is also where the
  running header, the labels and the details bars draw: runs get their font switched there, and
  right-to-left text is put in visual order (``python-bidi``, the Unicode bidi algorithm) line by
  line, after line breaking, so a wrapped Hebrew sentence still reads right to left.

A character no bundled font has is drawn as U+FFFD (a visible "�") and recorded in the
``MissingCharacters`` collector of the export, which the export report lists. Fallback fonts are
registered the first time a document needs them, so a portfolio in English loads none.

Both hooks are installed once (``install``) and act only on the bundled TrueType family; any other
font (reportlab's standard fonts in other reports) passes through untouched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.paraparser import ParaFrag

from portfolio.export.pdf import textcodes
from portfolio.resources import resource_path

PLACEHOLDER = "\ufffd"

# (registered name, file): tried in this order for a character the main font lacks.
FALLBACKS: tuple[tuple[str, str], ...] = (
    ("PortfolioHebrew", "NotoSansHebrew-Regular.ttf"),
    ("PortfolioArabic", "NotoSansArabic-Regular.ttf"),
    ("PortfolioDevanagari", "NotoSansDevanagari-Regular.ttf"),
    ("PortfolioCJK", "PortfolioCJK-Regular.ttf"),
    ("PortfolioHangul", "PortfolioHangul-Regular.ttf"),
    ("PortfolioSymbols", "PortfolioSymbols-Regular.ttf"),
)
_FALLBACK_NAMES = frozenset(name for name, _ in FALLBACKS)

# Characters with no glyph of their own: variation selectors (the emoji presentation selector
# U+FE0F follows most emoji), joiners and directional marks. Dropped rather than shown as "�".
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


@dataclass
class MissingCharacters:
    """The characters of one export that no bundled font could draw."""

    found: set[str] = field(default_factory=set)

    def sorted(self) -> tuple[str, ...]:
        return tuple(sorted(self.found))

    def describe(self) -> list[str]:
        """One line per character: "U+1F9FF (NAZAR AMULET)"."""
        return [f"U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')})" for c in self.sorted()]


_collector: ContextVar[MissingCharacters | None] = ContextVar("missing_characters", default=None)


@contextmanager
def collecting() -> Iterator[MissingCharacters]:
    """Collect the characters replaced by the placeholder while the block runs."""
    missing = MissingCharacters()
    token = _collector.set(missing)
    try:
        yield missing
    finally:
        _collector.reset(token)


@cache
def _coverage(font_name: str) -> frozenset[int] | None:
    """Code points a registered TrueType font has glyphs for; None for any other font."""
    try:
        font = pdfmetrics.getFont(font_name)
    except KeyError:
        return None
    if not isinstance(font, TTFont):
        return None
    return frozenset(font.face.charToGlyph)


@cache
def _fallback_coverage(filename: str) -> frozenset[int]:
    """The fallback file's characters, read from its cmap alone (the font is not parsed)."""
    from fontTools.ttLib import TTFont as FontToolsFont  # only when a document needs a fallback

    with FontToolsFont(str(resource_path("fonts", filename)), lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def _registered(name: str, filename: str) -> str:
    pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    return name


def font_for(cp: int) -> str | None:
    """The first fallback font with a glyph for ``cp`` (registered on first use), or None."""
    for name, filename in FALLBACKS:
        if cp in _fallback_coverage(filename):
            return _registered(name, filename)
    return None


def _managed(font_name: str) -> frozenset[int] | None:
    """The coverage of ``font_name`` if fallback applies to it (the bundled family)."""
    if not font_name.startswith("Portfolio"):
        return None
    return _coverage(font_name)


def runs(text: str, font_name: str) -> list[tuple[str, str]]:
    """``text`` cut into (text, font) runs: ``font_name`` wherever it has the glyph, else the
    first fallback that has it, else the placeholder in ``font_name`` (recorded as missing).
    Spaces and punctuation stay with the font around them."""
    covered = _managed(font_name)
    if covered is None or text.isascii() or covered.issuperset(map(ord, text)):
        return [(text, font_name)]  # the common case, decided without a Python loop
    text = _INVISIBLE.sub("", text)
    out: list[tuple[str, str]] = []
    current = font_name
    piece: list[str] = []
    for ch in text:
        cp = ord(ch)
        if current != font_name and _neutral(ch) and cp in _own_coverage(current):
            want = current  # spaces and punctuation inside a fallback run stay in it
        elif cp in covered:
            want = font_name
        else:
            found = font_for(cp)
            if found is None:
                missing = _collector.get()
                if missing is not None:
                    missing.found.add(ch)
                ch, want = PLACEHOLDER, font_name
            else:
                want = found
        if want != current and piece:
            out.append(("".join(piece), current))
            piece = []
        current = want
        piece.append(ch)
    if piece:
        out.append(("".join(piece), current))
    return out


def _neutral(ch: str) -> bool:
    return ch == " " or unicodedata.category(ch)[0] in "PZ"


def _own_coverage(font_name: str) -> frozenset[int]:
    for name, filename in FALLBACKS:
        if name == font_name:
            return _fallback_coverage(filename)
    return frozenset()


def shape(text: str) -> str:
    """Arabic letters in their joined (contextual) forms; other text unchanged."""
    if text.isascii() or not _ARABIC.search(text):
        return text
    import arabic_reshaper  # loads fontTools: only for documents with Arabic

    return str(arabic_reshaper.reshape(text))


def visual(text: str, base: str = "L") -> str:
    """A line of text in the order it is drawn (right-to-left runs reversed); logical order in.

    ``base`` is the paragraph's direction: "L" inside English text, "R" in a paragraph that is
    right-to-left from its first letter (its line-end punctuation then sits on the left)."""
    if text.isascii() or not _RTL.search(text):
        return text
    from bidi import get_display  # only for documents with right-to-left text

    return str(get_display(text, base_dir=base))


def right_to_left(text: str) -> bool:
    """Whether ``text``'s first letter with a direction is Hebrew or Arabic."""
    if text.isascii():
        return False
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


@cache
def _right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}", parent=style, alignment=TA_RIGHT)


# -- the two hooks ------------------------------------------------------------------------


def _split_frags(frags: list[Any]) -> list[Any]:
    out: list[Any] = []
    for frag in frags:
        text = getattr(frag, "text", None)
        if not isinstance(frag, ParaFrag) or not text or text.isascii():
            out.append(frag)
            continue
        covered = _managed(frag.fontName)
        if covered is None or covered.issuperset(map(ord, text)):
            out.append(frag)  # nothing to fall back for (and so no Arabic to join)
            continue
        pieces = runs(shape(text), frag.fontName)
        if len(pieces) == 1 and pieces[0][1] == frag.fontName:
            if pieces[0][0] != text:
                frag = frag.clone(text=pieces[0][0])
            out.append(frag)
            continue
        out += [frag.clone(text=t, fontName=f) for t, f in pieces]
    return out


def _patched_setup(original: Callable[..., None]) -> Callable[..., None]:
    def _setup(self: Paragraph, *args: Any, **kw: Any) -> None:
        original(self, *args, **kw)
        frags = self.frags
        if frags and isinstance(frags[0], ParaFrag):
            self.frags = _split_frags(frags)
            text = "".join(getattr(f, "text", "") for f in frags)
            if right_to_left(text):
                self._rtl = True
                self.style = _right_aligned(self.style)

    _setup.__wrapped__ = original  # type: ignore[attr-defined]
    return _setup


def _patched_format(original: Callable[[PDFTextObject, str], str]) -> Callable[..., str]:
    def _formatText(self: PDFTextObject, text: str) -> str:
        if not isinstance(text, str):
            return original(self, text)
        base = self._fontname
        ascii_only = text.isascii()
        # Every character already written in this font, which is not a fallback font (whose
        # runs may be right to left): what reportlab would write, without its per-run steps.
        if ascii_only or base not in _FALLBACK_NAMES:
            known = textcodes.formatted(self, text)
            if known is not None:
                return known
        if ascii_only:
            return original(self, text)
        covered = _managed(base)
        # Not the bundled family, or a run it covers whole: no fallback, and nothing right to
        # left (Noto Sans has no Hebrew or Arabic), unless the run is in a fallback font.
        if (covered is None or covered.issuperset(map(ord, text))) and (
            base not in _FALLBACK_NAMES
        ):
            return original(self, text)
        direction = "R" if getattr(self._canvas, "_rtl_paragraph", False) else "L"
        pieces = runs(visual(shape(text), direction), base)
        if len(pieces) == 1 and pieces[0][1] == base:
            return original(self, pieces[0][0])
        code: list[str] = []
        try:
            for piece, font in pieces:
                self._fontname = font
                self._curSubset = -1  # a new font: its Tf must be written
                code.append(original(self, piece))
        finally:
            self._fontname = base
            self._curSubset = -1
        return " ".join(code)

    _formatText.__wrapped__ = original  # type: ignore[attr-defined]
    return _formatText


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF (emoji, rare CJK) written as
    UTF-16 surrogate pairs: reportlab writes "<1F600>", which text extraction rejects."""

    def utf16(cp: int) -> str:
        return chr(cp).encode("utf-16-be").hex().upper()

    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _draw_on(self: Paragraph, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
    """A right-to-left paragraph tells the text objects drawing it (see ``_formatText``)."""
    if not getattr(self, "_rtl", False):
        Flowable.drawOn(self, canvas, x, y, _sW)  # looked up now: other hooks wrap it too
        return
    previous = getattr(canvas, "_rtl_paragraph", False)
    canvas._rtl_paragraph = True
    try:
        Flowable.drawOn(self, canvas, x, y, _sW)
    finally:
        canvas._rtl_paragraph = previous


@cache
def install() -> None:
    """Install the hooks (once per process)."""
    Paragraph.drawOn = _draw_on
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    Paragraph._setup = _patched_setup(Paragraph._setup)
    PDFTextObject._formatText = _patched_format(PDFTextObject._formatText)
