"""Fonts, colours, spacing and paragraph styles of the submission PDF.

One calm family (the bundled Noto Sans, with fallback fonts for the scripts it lacks: see
``fallback``), one accent colour,
generous margins, and status shown in words as well as colour (readable when printed in grey).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from portfolio.export.pdf import fallback
from portfolio.resources import resource_path

FONT = "PortfolioSans"
FONT_BOLD = "PortfolioSans-Bold"
FONT_ITALIC = "PortfolioSans-Italic"
FONT_BOLD_ITALIC = "PortfolioSans-BoldItalic"
_FONT_FILES = {
    FONT: "NotoSans-Regular.ttf",
    FONT_BOLD: "NotoSans-Bold.ttf",
    FONT_ITALIC: "NotoSans-Italic.ttf",
    FONT_BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}

# reportlab's standard-14 fonts are never embedded (PDF/A forbids that); whatever asks for one
# while the submission PDF is drawn (a table's default cell font, say) gets the bundled family.
STANDARD_SUBSTITUTES = {
    **dict.fromkeys(("Helvetica", "Times-Roman", "Courier", "Symbol"), FONT),
    **dict.fromkeys(("Helvetica-Bold", "Times-Bold", "Courier-Bold"), FONT_BOLD),
    **dict.fromkeys(("Helvetica-Oblique", "Times-Italic", "Courier-Oblique"), FONT_ITALIC),
    **dict.fromkeys(
        ("Helvetica-BoldOblique", "Times-BoldItalic", "Courier-BoldOblique"), FONT_BOLD_ITALIC
    ),
}

PAGE_SIZE = A4
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 22 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 24 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
FAINT = colors.HexColor("#9AA5B1")
ACCENT = colors.HexColor("#1D4E5F")
RULE = colors.HexColor("#CBD2D9")
FILL = colors.HexColor("#F2F5F7")
WHITE = colors.white


@dataclass(frozen=True, slots=True)
class StatusLook:
    label: str
    text: colors.Color
    fill: colors.Color


STATUS = {
    "met": StatusLook("Met", colors.HexColor("#1E6B3A"), colors.HexColor("#E4F3E9")),
    "claimed": StatusLook(
        "Evidence claimed", colors.HexColor("#7A4F00"), colors.HexColor("#FDF3DC")
    ),
    "draft": StatusLook(
        "Draft evidence only", colors.HexColor("#52606D"), colors.HexColor("#EEF1F4")
    ),
    "insufficient": StatusLook(
        "Insufficient evidence", colors.HexColor("#9B1C1C"), colors.HexColor("#FBEAEA")
    ),
    "none": StatusLook("No evidence", colors.HexColor("#9B1C1C"), colors.HexColor("#FBEAEA")),
    "not_yet": StatusLook("Not yet met", colors.HexColor("#9B1C1C"), colors.HexColor("#FBEAEA")),
}


@cache
def register_fonts() -> str:
    """Register the bundled family once per process; returns the regular font's name."""
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    fallback.install()
    return FONT


@dataclass(frozen=True)
class Styles:
    """The paragraph styles; build with ``styles()``."""

    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_muted: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    section_label: ParagraphStyle
    quote: ParagraphStyle
    claim: ParagraphStyle
    claim_body: ParagraphStyle
    claim_missing: ParagraphStyle
    centre: ParagraphStyle
    # An evidence item's compact heading (entries, observations): the "EVIDENCE E3" line and
    # the title. Named "label" and "h1", so they are tagged as a paragraph and an H1 as before.
    entry_label: ParagraphStyle
    entry_title: ParagraphStyle


@cache
def styles() -> Styles:
    """Paragraph styles of the whole document (cached: they are immutable in use)."""
    register_fonts()
    # No paragraph leaves one line alone at the foot (orphan, reportlab's default) or the top
    # (widow) of a page; every style below inherits it.
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=9.5,
        leading=14,
        textColor=INK,
        spaceAfter=5,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)

    return Styles(
        body=body,
        small=derive("small", fontSize=8, leading=11, spaceAfter=2),
        muted=derive("muted", fontSize=8.5, leading=12, textColor=MUTED, spaceAfter=3),
        label=derive("label", fontName=FONT_BOLD, fontSize=7.5, leading=10, textColor=MUTED),
        cell=derive("cell", fontSize=8.5, leading=11.5, spaceAfter=0),
        cell_bold=derive("cell_bold", fontName=FONT_BOLD, fontSize=8.5, leading=11.5, spaceAfter=0),
        cell_muted=derive("cell_muted", fontSize=8, leading=11, textColor=MUTED, spaceAfter=0),
        title=derive(
            "title", fontName=FONT_BOLD, fontSize=24, leading=30, textColor=ACCENT, spaceAfter=6
        ),
        subtitle=derive("subtitle", fontSize=12, leading=17, textColor=MUTED, spaceAfter=4),
        h1=derive(
            "h1",
            fontName=FONT_BOLD,
            fontSize=16,
            leading=21,
            textColor=ACCENT,
            spaceBefore=0,
            spaceAfter=8,
            keepWithNext=1,
        ),
        h2=derive(
            "h2",
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        h3=derive(
            "h3",
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=13,
            textColor=ACCENT,
            spaceBefore=7,
            spaceAfter=2,
            keepWithNext=1,
        ),
        section_label=derive(
            "section_label",
            fontName=FONT_BOLD,
            fontSize=8,
            leading=11,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=1,
        ),
        quote=derive("quote", leftIndent=8, textColor=INK, spaceAfter=4),
        claim=derive(
            "claim",
            fontSize=8,
            leading=11,
            textColor=MUTED,
            leftIndent=14 * mm,
            bulletIndent=0,
            bulletFontName=FONT_BOLD,
            bulletFontSize=8.5,
            spaceBefore=5,
            spaceAfter=1,
        ),
        claim_body=derive("claim_body", fontSize=8.5, leading=12, leftIndent=14 * mm, spaceAfter=3),
        claim_missing=derive(
            "claim_missing",
            fontSize=8.5,
            leading=12,
            leftIndent=14 * mm,
            textColor=MUTED,
            spaceAfter=3,
        ),
        centre=derive("centre", alignment=TA_CENTER),
        entry_label=derive(
            "label", fontName=FONT_BOLD, fontSize=7.5, leading=10, textColor=MUTED, spaceAfter=2
        ),
        entry_title=derive(
            "h1",
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            textColor=ACCENT,
            spaceBefore=0,
            spaceAfter=3,
            keepWithNext=1,
        ),
    )
