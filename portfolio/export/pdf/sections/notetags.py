"""A Word document's footnote, endnote or comment tagged as one Note in the structure tree.

A note in the appendix is laid out as ordinary flowables (its mark and first paragraph, then
any further paragraphs, lists, tables or pictures it holds). Tagged as paragraphs, a screen
reader cannot tell a note from the document's own text; PDF/UA wants footnotes and endnotes
as Note elements (each with an ID, which ``tagging`` writes). ``in_note`` wraps each of the
note's flowables so they all land in one Note: the first paragraph (the one led by the mark,
"¹" or "[A1]") as the Note's own content, so the mark and its text are read as the note, and
anything after it as the Note's children (P, L, Table, Figure). A note that breaks across a
page stays one Note (the wrapped parts share it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

if TYPE_CHECKING:
    from portfolio.export.pdf.tagging import Node

NOTE = "Note"


@dataclass
class _Shared:
    """The Note element of one note, made when its first part is drawn."""

    node: Node | None = None


def in_note(flowables: list[Flowable], target: str = "") -> list[Flowable]:
    """The flowables of one note, each wrapped to draw inside the note's Note element; the
    first one (the mark and the note's first paragraph) as the Note's own content, and where
    it begins the place ``target`` the marks in the text link to."""
    shared = _Shared()
    parts = [NotePart(f, shared, lead=i == 0) for i, f in enumerate(flowables)]
    if parts:
        parts[0].target = target
    return parts


class NotePart(Flowable):
    """One flowable of a note, drawn inside the note's Note element (``tagging`` asks
    ``structure_node``; ``structure_group``: the wrapper draws nothing of its own)."""

    structure_group = True
    target = ""  # the link target named where the note begins (its first part only)

    def __init__(self, content: Flowable, shared: _Shared, *, lead: bool) -> None:
        super().__init__()
        self.content = content
        self.shared = shared
        self.lead = lead
        self.keepWithNext = getattr(content, "keepWithNext", False)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.content.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Any] = self.content.split(availWidth, availHeight)
        out = [NotePart(part, self.shared, lead=self.lead) for part in parts]
        if out:
            out[0].target = self.target  # where the note begins
        return out

    def getSpaceBefore(self) -> float:
        return float(self.content.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.content.getSpaceAfter())

    def structure_node(self, parent: Node, page: int) -> Node:
        if self.shared.node is None:
            self.shared.node = parent.add(NOTE, page)
        return self.shared.node

    def draw(self) -> None:
        if self.target:
            self.canv.bookmarkHorizontal(self.target, 0, self.height)
        if self.lead:
            # The note's mark and first paragraph are the Note's own content (the wrapper has
            # just made the Note the current element: the paragraph stays in it).
            self.content.structure_node = _same
        self.content.drawOn(self.canv, 0, 0)


def _same(parent: Node, _page: int) -> Node:
    return parent
