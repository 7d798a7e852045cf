"""Evidence references as an evidence location sheet gives them: "E3 WT 14/03/26 p. 12".

An assessor checking a criterion wants to know, before turning to it, how each piece of evidence
was gathered (the assessment method, as a code keyed on the grid page) and when. Each reference
is a link to the entry; its page number is filled in after layout (``pagerefs``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from portfolio.domain.enums import EvidenceMethod
from portfolio.export.model import EntryInfo
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import entry_key
from portfolio.export.pdf.pagerefs import NumberLook, PageRegistry, number_width

METHOD_CODES = {
    EvidenceMethod.OBSERVATION.value: "O",
    EvidenceMethod.WITNESS_TESTIMONY.value: "WT",
    EvidenceMethod.PROFESSIONAL_DISCUSSION.value: "PD",
    EvidenceMethod.PRODUCT_EVIDENCE.value: "PE",
    EvidenceMethod.QUESTIONING.value: "Q",
    EvidenceMethod.REFLECTIVE_ACCOUNT.value: "RA",
}


def method_code(method: str) -> str:
    """The short code of an assessment method ("WT"); "OT" for one the app does not know."""
    return METHOD_CODES.get(method, "OT")


def method_key(methods: Sequence[str] = ()) -> str:
    """ "O observation · WT witness testimony · ...": the codes of ``methods`` (all if none)."""
    shown = [m for m in METHOD_CODES if not methods or m in methods]
    unknown = any(m not in METHOD_CODES for m in methods)
    parts = [f"<b>{METHOD_CODES[m]}</b> {EvidenceMethod(m).label.lower()}" for m in shown]
    if unknown:
        parts.append("<b>OT</b> other")
    return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class GridRef:
    ref: str  # "E3"
    detail: str  # "WT 14/03/26"
    key: str  # the entry's anchor


def grid_ref(entry: EntryInfo) -> GridRef:
    when = entry.event_date.strftime("%d/%m/%y") if entry.event_date else "undated"
    return GridRef(entry.ref, f"{method_code(entry.method)} {when}", entry_key(entry))


class GridRefList(Flowable):
    """References wrapped to the cell, each "E3 WT 14/03/26 p. 12" and a link to its entry."""

    SIZE = 7.5

    def __init__(self, registry: PageRegistry, refs: Sequence[GridRef], empty: str = "—") -> None:
        super().__init__()
        self.registry = registry
        self.refs = list(refs)
        self.empty = empty
        self.leading = self.SIZE * 1.5
        self.look = NumberLook(st.FONT, self.SIZE, st.MUTED, "left")
        self._lines: list[list[tuple[float, GridRef]]] = []

    def _widths(self, ref: GridRef) -> tuple[float, float, float]:
        label = stringWidth(ref.ref + " ", st.FONT_BOLD, self.SIZE)
        detail = stringWidth(ref.detail + " p.", st.FONT, self.SIZE)
        return label, detail, 2 + number_width(self.look, self.registry.digits)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        # Each reference in a slot as wide as the widest, so they line up in columns.
        gap = stringWidth("  ", st.FONT, self.SIZE)
        slot = max((sum(self._widths(r)) for r in self.refs), default=aW) + gap
        per_line = max(1, int((aW + gap) // slot))
        lines: list[list[tuple[float, GridRef]]] = [[]]
        for n, ref in enumerate(self.refs):
            if lines[-1] and n % per_line == 0:
                lines.append([])
            lines[-1].append(((n % per_line) * slot, ref))
        self._lines = lines
        self.width, self.height = aW, self.leading * max(1, len(lines))
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        if not self.refs:
            canv.setFont(st.FONT, self.SIZE)
            canv.setFillColor(st.MUTED)
            canv.drawString(0, self.height - self.SIZE, self.empty)
            return
        for row, items in enumerate(self._lines):
            y = self.height - (row + 1) * self.leading + (self.leading - self.SIZE) / 2
            for x, ref in items:
                label_w, detail_w, number_w = self._widths(ref)
                canv.setFont(st.FONT_BOLD, self.SIZE)
                canv.setFillColor(st.ACCENT)
                canv.drawString(x, y, ref.ref)
                canv.setFont(st.FONT, self.SIZE)
                canv.setFillColor(st.MUTED)
                canv.drawString(x + label_w, y, ref.detail + " p.")
                self.registry.draw_number(canv, ref.key, x + label_w + detail_w + 2, y, self.look)
                end = x + label_w + detail_w + number_w
                canv.linkRect("", ref.key, (x, y - 2, end, y + self.SIZE), relative=1)
