"""Page numbers that are known only after the page is laid out, in a single layout pass.

The contents, the mapping grid and the running footer ("page X of Y") refer to pages further
on. Instead of laying the whole document out twice (which doubles the time of an export), every
such number is drawn as a PDF form XObject that is *used* where the number goes and *defined*
once, after the last page, when every page is known. reportlab allows both forward form
references (``canvas.doForm``) and forward link destinations (``canvas.linkRect``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

TOTAL = "total"
_UNSAFE = re.compile(r"[^A-Za-z0-9]")
# Forms clip to their box, so the box is wider than any page number will ever be.
_FORM_WIDTH = 60.0


@dataclass(frozen=True, slots=True)
class NumberLook:
    font: str
    size: float
    color: Color
    align: str = "left"  # "left" or "right"


class PageRegistry:
    """Records the page of each anchor while drawing; defines the number forms at the end."""

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self._names: dict[tuple[str, NumberLook], str] = {}

    def mark(self, key: str, page: int) -> None:
        self.pages.setdefault(key, page)

    def draw_number(self, canv: Canvas, key: str, x: float, y: float, look: NumberLook) -> None:
        """Draw the page number of ``key`` with its baseline at (x, y).

        For ``align="right"`` x is the right edge of the number, otherwise its left edge.
        """
        name = self._names.get((key, look))
        if name is None:
            name = f"pg{len(self._names)}{_UNSAFE.sub('', key)}"
            self._names[key, look] = name
        canv.saveState()
        left = x - _FORM_WIDTH if look.align == "right" else x
        canv.translate(left, y)
        canv.doForm(name)
        canv.restoreState()

    def define_forms(self, canv: Canvas, total_pages: int) -> None:
        """Define every number form used; call once after the last page, before saving."""
        for (key, look), name in self._names.items():
            page = total_pages if key == TOTAL else self.pages.get(key)
            text = str(page) if page is not None else "–"
            canv.beginForm(name, lowerx=0, lowery=-look.size, upperx=_FORM_WIDTH, uppery=look.size)
            canv.setFont(look.font, look.size)
            canv.setFillColor(look.color)
            if look.align == "right":
                canv.drawRightString(_FORM_WIDTH, 0, text)
            else:
                canv.drawString(0, 0, text)
            canv.endForm()


def number_width(look: NumberLook, digits: int = 3) -> float:
    """Room to leave for a page number of ``digits`` digits."""
    return stringWidth("0" * digits, look.font, look.size)
