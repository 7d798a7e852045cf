"""Tagged PDF: marked content while the document is drawn, the structure tree written after.

reportlab has no tagging of its own. This module adds it in two halves:

1. While laying out, ``TaggedCanvas`` wraps what each flowable draws in marked content
   (``/P <</MCID 3>> BDC ... EMC``) and records, in a ``Tagger``, the structure element it belongs
   to: headings (H1-H3) and paragraphs from the Paragraph's style name, so the sections keep
   using styles and need no tagging code; lists (L/LI) for bulleted paragraphs; tables with
   rows and header or data cells (Table/TR/TH/TD), one Table element even when the table breaks
   across pages (the header rows repeated on later pages are artefacts); figures with alt text;
   links (Link with the annotation as an object reference). Everything drawn outside a flowable
   (running header and footer, page numbers, rules, backgrounds) is an artefact: the canvas
   keeps an ``/Artifact`` sequence open whenever no tagged content is.
2. When the canvas saves, the record becomes the /StructTreeRoot, its elements and the
   /ParentTree, written by reportlab's own save with /StructParents on every page and the
   document marked as tagged (``tagged_file``, ``structure``); each link already carries its
   /StructParent and description, written whole as the page was drawn.

The drawing hooks are installed once per process (``install``) on reportlab's Flowable.drawOn and
Table.split (cells are followed through the table's own render callback); they do nothing unless
the canvas is a ``TaggedCanvas``, so other reportlab documents (the group report, the benchmark's
baseline) are drawn exactly as before.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import cache
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from portfolio.export.pdf import tagged_file
from portfolio.export.pdf.tagged_file import Archival
from portfolio.export.pdf.tagrecord import NO_KID
from portfolio.export.pdf.tagrecord import LinkRef as LinkRef
from portfolio.export.pdf.tagrecord import Marked as Marked
from portfolio.export.pdf.tagrecord import Node as Node
from portfolio.export.pdf.tagrecord import Tagger as Tagger

# Paragraph style name -> structure role (anything else is a paragraph).
STYLE_ROLES = {
    "title": "H1",
    "h1": "H1",
    "h2": "H2",
    "h3": "H3",
    "section_label": "H3",
}
# Flowables that draw nothing of their own (their parts are tagged) or nothing at all.
TRANSPARENT = frozenset(
    {"Anchor", "Stack", "Joined", "Spacer", "PageBreak", "CondPageBreak", "_ContainerSpace"}
)
DEFAULT_ALT = "An image attached to the evidence."
PRINT_FLAG = 4  # an annotation's /F bit 3: printed (PDF/A requires it)


_origins = itertools.count(1)


class TaggedCanvas(Canvas):
    """A canvas that writes marked content for the ``Tagger`` and keeps the rest an artefact.

    It also swaps any standard-14 font asked for (``substitutes``) for an embedded one, and
    when it saves writes the structure tree and the PDF/A markers into the file
    (``tagged_file``); ``archival`` then says whether the file declares PDF/A-2b.
    """

    def __init__(
        self,
        *args: Any,
        tagger: Tagger,
        substitutes: dict[str, str] | None = None,
        archival: Archival | None = None,
        **kw: Any,
    ) -> None:
        self.tagger = tagger
        self.substitutes = substitutes or {}
        self.archival = archival if archival is not None else Archival()
        self._in_marked = False
        self._in_artifact = False
        super().__init__(*args, **kw)
        self._open_artifact()

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        """Select a font, never a standard-14 one: those have a bundled substitute."""
        super().setFont(self.substitutes.get(psfontname, psfontname), size, leading)

    # -- page life --------------------------------------------------------------------------

    def _open_artifact(self) -> None:
        self._code.append(_ARTIFACT)
        self._in_artifact = True

    def _close_artifact(self) -> None:
        if self._in_artifact:
            self._code.append("EMC")
            self._in_artifact = False

    def showPage(self) -> None:
        if self._in_marked:
            self._code.append("EMC")
            self._in_marked = False
        self._close_artifact()
        super().showPage()
        self._open_artifact()

    def save(self) -> None:
        if self._code == [_ARTIFACT]:
            self._code.clear()  # the fresh page after the last one: not a page
        if self._code:  # the page being drawn, which reportlab would add as it saves
            self.showPage()
            self._code.clear()  # and the fresh page after it
        # The pages' keys in the parent tree come first, then the links' (_LinkKey).
        self.tagger.page_count = len(self._doc.Pages.pages)
        tagged_file.complete(self._doc, self.tagger, self.archival)
        super().save()

    @property
    def page_index(self) -> int:
        return int(self._pageNumber) - 1

    # -- tagged content ---------------------------------------------------------------------

    def begin_marked(self, node: int) -> bool:
        """Open marked content belonging to the element ``node``; False if it cannot (already
        inside some, or drawing an artefact), in which case nothing is to be closed."""
        if self._in_marked or self.tagger.suppressed or self._formData:
            return False
        tagger = self.tagger
        mcid = tagger.marked(node, self.page_index)
        self._code.append(_opening(tagger.roles[node], mcid, self._in_artifact))
        self._in_artifact = False
        self._in_marked = True
        return True

    def end_marked(self) -> None:
        self._code.append(_CLOSE_TO_ARTIFACT)
        self._in_marked = False
        self._in_artifact = True

    @property
    def in_marked(self) -> bool:
        return self._in_marked

    def inline_ready(self) -> bool:
        """True when a text object may hold its own marked content: an artefact is open (closed
        and reopened around the text object by the caller) and nothing suppresses tagging (not
        inside other marked content, not a repeated table header, not a form XObject)."""
        return (
            self._in_artifact
            and not self._in_marked
            and not self.tagger.suppressed
            and not self._formData
        )

    def inline_marked(self, node: Node) -> str:
        """Record a new MCID of ``node`` on the current page (in the record, in drawing order)
        and return the operator opening it (``/Role <</MCID n>> BDC``); the caller ends it with
        EMC in the same text object."""
        tagger = self.tagger
        mcid = tagger.marked(node.index, self.page_index)
        return _opening(tagger.roles[node.index], mcid, False)

    def _addAnnotation(self, annotation: Any, name: Any = None, addtopage: int = 1) -> None:
        """Add a link to the page, written whole: printable (PDF/A), saying where it goes
        (PDF/UA) and with its place in the parent tree, so nothing is left to set afterwards."""
        count = int(getattr(self, "_annotationCount")) + 1  # noqa: B009 (untyped in reportlab)
        self._annotationCount = count
        if not name:
            name = "NUMBER" + repr(count)
        tagged = bool(addtopage) and not self._formData
        key: _LinkKey | None = None
        if tagged:
            tagger = self.tagger
            internal = self._doc.annotationName(name)
            index = tagger.link(tagger.stack[-1], self.page_index, internal)
            key = _LinkKey(tagger, index)
        if isinstance(annotation, pdfdoc.LinkAnnotation):
            annotation = _Link(annotation, key)
        elif isinstance(annotation, pdfdoc.PDFDictionary):  # canvas.linkURL
            entries = annotation.dict
            entries.setdefault("F", PRINT_FLAG)
            if key is not None:
                entries["StructParent"] = key
            if not _text_of(entries.get("Contents")).strip():
                entries["Contents"] = pdfdoc.PDFString(_url_description(entries.get("A")))
        else:
            extra = getattr(annotation, "otherkw", None)
            if isinstance(extra, dict):
                extra.setdefault("F", PRINT_FLAG)  # PDF/A: every annotation prints
        self._doc.addAnnotation(name, annotation)
        if addtopage:
            self._annotatePage(name)


class _LinkKey(pdfdoc.PDFObject):
    """A link's /StructParent: known only when the page count is, as the file is written."""

    def __init__(self, tagger: Tagger, index: int) -> None:
        self.tagger = tagger
        self.index = index

    def format(self, document: Any) -> bytes:
        pages = self.tagger.page_count
        assert pages is not None, "the canvas sets the page count before it saves"
        return str(pages + self.index).encode()


class _Link(pdfdoc.PDFObject):
    """reportlab's link annotation, formatted in one piece.

    reportlab formats an annotation through a dictionary of PDF objects, each formatted in
    turn; a portfolio has thousands of links, and that was most of the time it took to save.
    The description says which page the link goes to, as the page is known by then.
    """

    def __init__(self, link: Any, key: _LinkKey | None) -> None:
        self.destination = link.Destination
        self.rect = link.Rect
        self.border = link.Border
        self.contents = link.Contents
        self.extra = dict(link.otherkw)
        self.extra.setdefault("F", PRINT_FLAG)
        if key is not None:
            self.extra["StructParent"] = key

    def format(self, document: Any) -> bytes:
        fmt = pdfdoc.format
        if _text_of(self.contents).strip():
            contents = fmt(pdfdoc.PDFString(self.contents), document)
        else:  # plain ASCII words and digits: nothing to escape
            contents = b"(" + self._description().encode() + b")"
        parts = [
            b"<< /Type /Annot /Subtype /Link /Border ",
            _numbers(self.border) or fmt(self.border, document),
            b" /Contents ",
            contents,
            b" /Dest ",
            fmt(self.destination, document),
            b" /Rect ",
            _numbers(self.rect) or fmt(pdfdoc.PDFArray(self.rect), document),
        ]
        for name, value in self.extra.items():
            parts += [b" /", name.encode(), b" "]
            parts.append(str(value).encode() if type(value) is int else fmt(value, document))
        parts.append(b" >>")
        return b"".join(parts)

    def _description(self) -> str:
        """What a screen reader says for the link: the page it goes to (PDF/UA)."""
        page = getattr(self.destination, "page", None)
        name = getattr(page, "name", "")
        if isinstance(name, str) and name.startswith("Page") and name[4:].isdigit():
            return f"Go to page {int(name[4:])}"  # reportlab names pages Page1, Page2, ...
        return "Go to another part of this portfolio"


def _numbers(value: Any) -> bytes | None:
    """A PDF array of plain numbers written directly; None for anything else."""
    if isinstance(value, pdfdoc.PDFArray):
        value = value.sequence
    if isinstance(value, list | tuple) and all(type(v) in (int, float) for v in value):
        return ("[" + " ".join(fp_str(v) for v in value) + "]").encode()
    return None


def _text_of(value: Any) -> str:
    if isinstance(value, pdfdoc.PDFString):
        value = value.s
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else ""


def _url_description(action: Any) -> str:
    uri = action.dict.get("URI") if isinstance(action, pdfdoc.PDFDictionary) else None
    text = _text_of(uri)
    return f"Open {text}" if text else "Go to another part of this portfolio"


# -- the drawing hooks -------------------------------------------------------------------------

_ARTIFACT = "/Artifact BMC"
# Closing marked content and going back to the artefact, as one entry of the page's code
# (reportlab joins the entries with newlines: the page stream is the same as two entries).
_CLOSE_TO_ARTIFACT = "EMC\n" + _ARTIFACT
# role -> per MCID the operator opening it, without and with the artefact closed first.
_OPEN: dict[str, list[str]] = {}
_OPEN_AFTER_ARTIFACT: dict[str, list[str]] = {}


def _opening(role: str, mcid: int, after_artifact: bool) -> str:
    """``/Role <</MCID n>> BDC`` (after ``EMC`` closing the artefact if ``after_artifact``),
    made once per role and MCID for the whole process."""
    made = (_OPEN_AFTER_ARTIFACT if after_artifact else _OPEN).get(role)
    if made is not None and mcid < len(made):
        return made[mcid]
    for table, prefix in ((_OPEN, ""), (_OPEN_AFTER_ARTIFACT, "EMC\n")):
        ops = table.setdefault(role, [])
        ops += [f"{prefix}/{role} <</MCID {n}>> BDC" for n in range(len(ops), mcid + 64)]
    return (_OPEN_AFTER_ARTIFACT if after_artifact else _OPEN)[role][mcid]


# What kind of flowable a class draws, learnt once per class.
_TRANSPARENT, _TABLE, _PARAGRAPH, _LABEL, _IMAGE, _OTHER = range(6)
_KINDS: dict[type, int] = {}


def _kind(cls: type) -> int:
    kind = _KINDS.get(cls)
    if kind is None:
        name = cls.__name__
        if issubclass(cls, Table):
            kind = _TABLE
        elif name in TRANSPARENT:
            kind = _TRANSPARENT
        elif issubclass(cls, Paragraph):
            kind = _PARAGRAPH
        elif name == "Label":
            kind = _LABEL
        elif name == "LazyImage":
            kind = _IMAGE
        else:
            kind = _OTHER
        _KINDS[cls] = kind
    return kind


def _role(flowable: Flowable) -> str | None:
    """The structure role of a flowable's own content; None for transparent ones."""
    kind = _kind(type(flowable))
    if kind == _TRANSPARENT:
        return None
    if kind in (_PARAGRAPH, _LABEL):
        return STYLE_ROLES.get(getattr(flowable.style, "name", ""), "P")
    if kind == _IMAGE or getattr(flowable, "alt", None):
        return "Figure"  # an image, chart or drawing that says what it shows
    return "P"


def _draw_tagged(
    flowable: Flowable,
    canv: TaggedCanvas,
    draw: Callable[..., None],
    *args: Any,
) -> None:
    """Draw ``flowable`` (``draw(*args)``) inside marked content of a new structure element.

    Called for every flowable drawn (tens of thousands): the record is appended to directly and
    the operators are made once per role and MCID (``_opening``).
    """
    tagger = canv.tagger
    if canv._in_marked or tagger.suppressed:
        draw(*args)
        return
    kind = _KINDS.get(flowable.__class__)
    if kind is None:
        kind = _kind(flowable.__class__)
    if kind == _TABLE:
        _draw_table(flowable, canv, lambda: draw(*args))
        return
    # A flowable may place itself in the tree (a document's list item: L > LI > Lbl, LBody);
    # a grouping one (``structure_group``) has no content of its own, only its parts.
    place = getattr(flowable, "structure_node", None)
    parent = tagger.stack[-1]
    page = canv._pageNumber - 1
    if place is not None:
        node = place(Node(tagger, parent), page).index
    elif kind == _TRANSPARENT:
        draw(*args)
        return
    elif kind == _PARAGRAPH:
        role = STYLE_ROLES.get(getattr(flowable.style, "name", ""), "P")
        if role == "P" and flowable.bulletText:
            # Consecutive bulleted paragraphs are the items of one list.
            last = tagger.last[parent]
            if last < 0 or last == NO_KID or tagger.roles[last] != "L":
                last = tagger.element(parent, "L", page)
            node = tagger.element(tagger.element(last, "LI", page), "LBody", page)
        else:
            node = tagger.element(parent, role, page)
    elif kind == _LABEL:
        role = STYLE_ROLES.get(getattr(flowable.style, "name", ""), "P")
        node = tagger.element(parent, role, page)
    elif kind == _IMAGE or getattr(flowable, "alt", None):
        node = tagger.element(parent, "Figure", page)
        tagger.alts[node] = getattr(flowable, "alt", None) or DEFAULT_ALT
    else:
        node = tagger.element(parent, "P", page)
    stack = tagger.stack
    stack.append(node)
    try:
        if getattr(flowable, "structure_group", False) or canv._formData:
            draw(*args)  # nothing of its own to mark (or drawn into a form: not marked)
        else:
            mcid = tagger.marked(node, page)
            canv._code.append(_opening(tagger.roles[node], mcid, canv._in_artifact))
            canv._in_artifact = False
            canv._in_marked = True
            try:
                draw(*args)
            finally:
                canv._code.append(_CLOSE_TO_ARTIFACT)
                canv._in_marked = False
                canv._in_artifact = True
    finally:
        stack.pop()


def _draw_table(table: Table, canv: TaggedCanvas, draw: Callable[[], None]) -> None:
    tagger = canv.tagger
    origin = getattr(table, "_tag_origin", None)
    node = tagger.tables.get(origin) if origin is not None else None
    if node is None or not getattr(table, "_tag_continued", False):
        node = tagger.element(tagger.stack[-1], "Table", canv.page_index)
        if origin is not None:
            tagger.tables[origin] = node
    table._tag_node = node
    table._tag_rows = {}
    if table._renderCB is None:
        table._renderCB = _cell_events
    tagger.stack.append(node)
    try:
        draw()
    finally:
        tagger.stack.pop()


def _is_label(value: Any) -> bool:
    cell = value[0] if isinstance(value, list | tuple) and len(value) == 1 else value
    return isinstance(cell, Paragraph) and getattr(cell.style, "name", "") == "label"


def _header_scope(table: Table, row: int, col: int, value: Any) -> str | None:
    """ "Column" or "Row" if the cell heads its column or row, else None (a data cell).

    Header rows are the repeated ones and a first row of labels only; a label first in a row of
    values (the label/value tables) heads its row.
    """
    if row < (table.repeatRows if isinstance(table.repeatRows, int) else 0):
        return "Column"
    if not _is_label(value):
        return None
    if row == 0 and all(_is_label(v) for v in table._cellvalues[0]):
        return "Column"
    return "Row" if col == 0 else None


def _cell_events(table: Table, event: str, *args: Any) -> None:
    """reportlab's table render callback: each cell becomes a TH or TD of its row's TR."""
    canv = table.canv
    node: int | None = getattr(table, "_tag_node", None)
    if not isinstance(canv, TaggedCanvas) or node is None:
        return
    tagger = canv.tagger
    if event == "startCell":
        row, col, value = args[0], args[1], args[2]
        if getattr(table, "_tag_continued", False) and row < (table.repeatRows or 0):
            # The header row again on a later page: in the tree once, an artefact here.
            tagger.suppressed += 1
            table._tag_open = "suppressed"
            return
        page = canv.page_index
        rows: dict[int, int] = table._tag_rows
        tr = rows.get(row)
        if tr is None:
            tr = rows[row] = tagger.element(node, "TR", page)
        scope = _header_scope(table, row, col, value)
        if scope:
            cell = tagger.element(tr, "TH", page)
            tagger.scopes[cell] = scope
            _has_header(tagger, cell)
        else:
            cell = tagger.element(tr, "TD", page)
        tagger.stack.append(cell)
        marked = isinstance(value, str) and bool(value.strip()) and canv.begin_marked(cell)
        table._tag_open = "marked" if marked else "cell"
    elif event == "endCell":
        state = getattr(table, "_tag_open", None)
        table._tag_open = None
        if state == "suppressed":
            tagger.suppressed -= 1
        elif state is not None:
            if state == "marked":
                canv.end_marked()
            tagger.stack.pop()


def _has_header(tagger: Tagger, cell: int) -> None:
    """Note every table above the header cell ``cell`` as having one (a table with none
    anywhere below it is written as a division: ``structure``)."""
    roles, parents, found = tagger.roles, tagger.parents, tagger.with_header
    at = parents[cell]
    while at >= 0:
        if roles[at] == "Table":
            if at in found:
                return  # and so is every table above it
            found.add(at)
        at = parents[at]


def _patched_split(original: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
    def split(self: Table, availWidth: float, availHeight: float) -> list[Any]:
        parts = original(self, availWidth, availHeight)
        origin = getattr(self, "_tag_origin", None) or next(_origins)
        continued = getattr(self, "_tag_continued", False)
        for i, part in enumerate(parts):
            if isinstance(part, Table):
                part._tag_origin = origin
                part._tag_continued = continued or i > 0
        return parts

    return split


# Flowables whose drawing is empty (these classes exactly: a subclass may draw): on a tagged
# canvas they are not drawn at all, rather than saving, moving and restoring the graphics state
# around nothing and passing the tagging hook (thousands per portfolio).
_DRAWS_NOTHING = frozenset({Spacer, CondPageBreak})


def _patched_draw_on(original: Callable[..., None]) -> Callable[..., None]:
    def drawOn(self: Flowable, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        if not isinstance(canvas, TaggedCanvas):
            original(self, canvas, x, y, _sW)
        elif self.__class__ not in _DRAWS_NOTHING:
            _draw_tagged(self, canvas, original, self, canvas, x, y, _sW)

    return drawOn


def _patched_text_font(original: Callable[..., None]) -> Callable[..., None]:
    def setFont(self: PDFTextObject, psfontname: str, size: float, leading: Any = None) -> None:
        canv = self._canvas
        if isinstance(canv, TaggedCanvas):
            psfontname = canv.substitutes.get(psfontname, psfontname)
        original(self, psfontname, size, leading)

    return setFont


@cache
def install() -> None:
    """Install the drawing hooks (once per process)."""
    # A text object selects fonts itself (a paragraph's bullet in its default Helvetica, say).
    PDFTextObject.setFont = _patched_text_font(PDFTextObject.setFont)
    Flowable.drawOn = _patched_draw_on(Flowable.drawOn)
    Table.split = _patched_split(Table.split)
