"""A Word note's mark in the text ("order¹", "[AS1]") tagged as a Reference (PDF/UA).

The appendix shows each footnote, endnote and comment after the document's text as one Note
element with a unique /ID (``sections.notetags``, ``structure``). Where the note is cited, its
mark must be a Reference element in the paragraph, so that a screen reader says "reference"
and can tell the mark from the words around it: ``P > [text, Reference > [mark], text]``.

The mark sits inside the one text object reportlab draws per paragraph, and marked content may
not straddle a text object (ISO 32000-1 14.6: BDC/EMC and BT/ET properly nested). So a
paragraph holding marks does not let the tagger wrap it whole: it is a ``structure_group``
(the tagger makes its P and opens nothing) and its text object carries its own sequences:
``EMC BT /P <<MCID a>> BDC ... EMC /Reference <<MCID b>> BDC (1) Tj EMC /P <<MCID c>> BDC ...
EMC ET /Artifact BMC``: the artefact open around the paragraph is closed around the text object
only, so underline and background rules drawn outside it stay artefacts. The marks are found
by two zero-width reportlab ``onDraw`` callbacks around each mark's text (``markup``), which run
as the text object is written, in reading order. Nothing changes on the page.

Each mark also links to its note: ``sections.notetags`` names the place where the note
begins (``note_target``: the appendix's key, the note's kind and its mark), so the note is one
activation away. The link annotation reportlab makes for the mark is recorded in a Link element
inside the mark's Reference (``Reference > [mark, Link > annotation]``), described "Go to page
N".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.textobject import PDFTextObject

from portfolio.export.pdf.parts import Para
from portfolio.export.pdf.tagging import Node, TaggedCanvas

BEGIN = "portfolio_note_mark"
END = "portfolio_note_mark_end"
REFERENCE = "Reference"


def note_target(key: str, kind: str, mark: str) -> str:
    """The name of a note's place in the PDF: the appendix's key, the kind of note and its mark
    ("appendix3-footnotes-1", "appendix3-comments-AS1")."""
    return f"{key}-{kind}-{re.sub(r'[^0-9A-Za-z]', '', mark)}"


def mark_markup(text: str, target: str = "") -> str:
    """Markup of a note's mark (already escaped and styled) with the callbacks around it, and
    a link to ``target`` (its note) when given."""
    if target:
        text = f'<a href="#{target}">{text}</a>'
    return f'<onDraw name="{BEGIN}" label="{target}"/>{text}<onDraw name="{END}"/>'


class NoteRefParagraph(Para):
    """A paragraph that cites notes: each mark in it is a Reference in the structure tree."""

    structure_group = True  # its marked content is written inside its text object

    _node: Node | None = None
    _text: PDFTextObject | None = None
    _links: dict[str, list[Node]] | None = None  # target -> References waiting for their link

    def draw(self) -> None:
        canv = self.canv
        tagged = isinstance(canv, TaggedCanvas) and canv.inline_ready()
        self._node = canv.tagger.current if tagged else None
        self._links = {}
        canv.setNamedCB(BEGIN, self._begin_mark)
        canv.setNamedCB(END, self._end_mark)
        if tagged:
            # reportlab adds a line's links after drawing it: each goes into its Reference.
            canv.linkRect = self._link_in_reference(canv.linkRect)
        try:
            super().draw()
        finally:
            self._node = self._text = self._links = None
            if tagged:
                del canv.linkRect  # the canvas's own method again

    def _link_in_reference(self, link_rect: Callable[..., None]) -> Callable[..., None]:
        def linkRect(contents: str, destinationname: str, *args: Any, **kw: Any) -> None:
            waiting = (self._links or {}).get(destinationname)
            if not waiting:
                link_rect(contents, destinationname, *args, **kw)
                return
            stack = self.canv.tagger.stack
            stack.append(waiting.pop(0).index)  # the Link is made under the Reference
            try:
                link_rect(contents, destinationname, *args, **kw)
            finally:
                stack.pop()

        return linkRect

    def beginText(self, x: float, y: float) -> PDFTextObject:
        tx = super().beginText(x, y)
        node = self._node
        if node is None:
            return tx
        canv = self.canv
        assert isinstance(canv, TaggedCanvas)
        tx._code.append(canv.inline_marked(node))
        self._text = tx
        write = tx.getCode

        def code() -> str:
            tx._code.append("EMC")  # the paragraph's last sequence, inside the text object
            return f"EMC {write()} /Artifact BMC"  # the artefact closed around it only

        tx.getCode = code
        return tx

    def _begin_mark(self, canv: Any, _kind: str, target: str | None) -> None:
        node, tx = self._node, self._text
        if node is None or tx is None:
            return
        page = canv.page_index
        reference = node.add(REFERENCE, page)
        tx._code.append("EMC " + canv.inline_marked(reference))
        if target and self._links is not None:
            self._links.setdefault(target, []).append(reference)

    def _end_mark(self, canv: Any, _kind: str, _label: str | None) -> None:
        node, tx = self._node, self._text
        if node is None or tx is None:
            return
        tx._code.append("EMC " + canv.inline_marked(node))
