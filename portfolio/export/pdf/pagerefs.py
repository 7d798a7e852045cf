"""Page numbers that are known only after the page is laid out, in a single layout pass.

The contents, the mapping grid and the running footer ("page X of Y") refer to pages further
on. Instead of laying the whole document out twice (which doubles the time of an export), every
such number is left in the page's content stream as a placeholder (a PDF comment, inside its own
saved graphics state) and filled in once, after the last page and before the file is written,
when every page is known. A placeholder is one line of the page's stream: a form XObject per
number, the other single-pass way, costs a PDF object each and a tenth of a 500-entry export.
reportlab allows forward link destinations (``canvas.linkRect``), so the links need nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

TOTAL = "total"
_PLACEHOLDER = re.compile(r"^%pageref(\d+)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class NumberLook:
    font: str
    size: float
    color: Color
    align: str = "left"  # "left" or "right"


class PageRegistry:
    """Records the page of each anchor while drawing; fills in the numbers at the end."""

    def __init__(self, digits: int = 3) -> None:
        self.digits = digits  # room left for each page number drawn in running text
        self.pages: dict[str, int] = {}
        self._numbers: dict[tuple[str, NumberLook], int] = {}

    def mark(self, key: str, page: int) -> None:
        self.pages.setdefault(key, page)

    def draw_number(self, canv: Canvas, key: str, x: float, y: float, look: NumberLook) -> None:
        """Draw the page number of ``key`` with its baseline at (x, y).

        For ``align="right"`` x is the right edge of the number, otherwise its left edge.
        """
        n = self._numbers.setdefault((key, look), len(self._numbers))
        canv.addLiteral(f"q 1 0 0 1 {fp_str(x)} {fp_str(y)} cm\n%pageref{n}\nQ")

    def fill_in(self, canv: Canvas, total_pages: int) -> None:
        """Fill in every page number drawn; call once after the last page, before saving."""
        code: dict[str, str] = {}
        # Thousands of references, far fewer distinct numbers: each (number, look) is made once.
        made: dict[tuple[str, NumberLook], str] = {}
        for (key, look), n in self._numbers.items():
            page = total_pages if key == TOTAL else self.pages.get(key)
            text = str(page) if page is not None else "–"
            written = made.get((text, look))
            if written is None:
                x = -stringWidth(text, look.font, look.size) if look.align == "right" else 0
                number = canv.beginText(x, 0)
                number.setFont(look.font, look.size)
                number.setFillColor(look.color)
                number.textOut(text)
                written = made[(text, look)] = number.getCode()
            code[str(n)] = written

        def fill(match: re.Match[str]) -> str:
            return code[match.group(1)]

        for page in canv._doc.Pages.pages:
            stream = page.stream
            if isinstance(stream, str) and "%pageref" in stream:
                page.stream = _PLACEHOLDER.sub(fill, stream)


def digits_for(entries: int) -> int:
    """Digits to reserve for page numbers: a portfolio lays out about one page per entry plus
    front and back matter, so 5,000 entries reach four-digit pages (E1013 p. 1251)."""
    return max(3, len(str(2 * entries + 200)))


def number_width(look: NumberLook, digits: int = 3) -> float:
    """Room to leave for a page number of ``digits`` digits."""
    return stringWidth("0" * digits, look.font, look.size)
