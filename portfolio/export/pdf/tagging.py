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
2. After the build, ``write_structure`` turns the record into /StructTreeRoot, the /ParentTree,
   /StructParents on every page and /StructParent on every link, and marks the document
   (/MarkInfo /Marked true, /Lang, /ViewerPreferences /DisplayDocTitle true) with pikepdf.

The drawing hooks are installed once per process (``install``) on reportlab's Flowable.drawOn and
Table.split (cells are followed through the table's own render callback); they do nothing unless
the canvas is a ``TaggedCanvas``, so other reportlab documents (the group report, the benchmark's
baseline) are drawn exactly as before.
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph, Table

LANGUAGE = "en-GB"

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


@dataclass(eq=False)
class Node:
    """A structure element: its role, children (elements, marked content, links) and extras."""

    role: str
    parent: Node | None = None
    kids: list[Node | Marked | LinkRef] = field(default_factory=list)
    alt: str | None = None
    scope: str | None = None  # "Column" or "Row" for a TH
    page: int = 0  # the page it was opened on (0-based)

    def add(self, role: str, page: int, **kw: Any) -> Node:
        node = Node(role, self, page=page, **kw)
        self.kids.append(node)
        return node


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to make (tens of thousands)
class Marked:
    page: int  # 0-based
    mcid: int


@dataclass(slots=True)
class LinkRef:
    page: int  # 0-based
    index: int  # the n-th link annotation added to that page
    name: str  # reportlab's internal name of the annotation ("Annot.NUMBER12")
    key: int  # its place among the document's tagged links (its /StructParent less the pages)


class Tagger:
    """The record of what was drawn where, in reading (drawing) order."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.stack: list[Node] = [self.root]
        self.next_mcid: dict[int, int] = {}
        self.links_on_page: dict[int, int] = {}
        self.tables: dict[int, Node] = {}  # table origin -> its element
        self.suppressed = 0  # > 0: what is drawn is an artefact (repeated table headers)
        self.links = 0  # tagged link annotations so far
        # Set by the canvas when it saves: the page count (links' /StructParent keys follow
        # the pages') and the object number reportlab gave each annotation.
        self.page_count: int | None = None
        self.annotation_numbers: dict[str, int] = {}

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def mcid(self, page: int) -> int:
        n = self.next_mcid.get(page, 0)
        self.next_mcid[page] = n + 1
        return n

    def add_figure(self, page: int, alt: str) -> int:
        """A figure drawn on ``page`` after the build (an appendix page); returns its MCID.

        It goes into reading order after the last top-level element begun on or before that page.
        """
        node = Node("Figure", self.root, alt=alt, page=page)
        mcid = self.mcid(page)
        node.kids.append(Marked(page, mcid))
        kids = self.root.kids
        at = len(kids)
        while at > 0 and isinstance(kids[at - 1], Node) and kids[at - 1].page > page:
            at -= 1
        kids.insert(at, node)
        return mcid


_origins = itertools.count(1)


class TaggedCanvas(Canvas):
    """A canvas that writes marked content for the ``Tagger`` and keeps the rest an artefact.

    It also swaps any standard-14 font asked for (``substitutes``) for an embedded one.
    """

    def __init__(
        self, *args: Any, tagger: Tagger, substitutes: dict[str, str] | None = None, **kw: Any
    ) -> None:
        self.tagger = tagger
        self.substitutes = substitutes or {}
        self._in_marked = False
        self._in_artifact = False
        self._tagged_annotations: list[str] = []
        super().__init__(*args, **kw)
        self._open_artifact()

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        """Select a font, never a standard-14 one: those have a bundled substitute."""
        super().setFont(self.substitutes.get(psfontname, psfontname), size, leading)

    # -- page life --------------------------------------------------------------------------

    def _open_artifact(self) -> None:
        self._code.append("/Artifact BMC")
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
        code: list[str] = self._code
        if code == ["/Artifact BMC"]:
            code.clear()  # the fresh page after the last one: not a page
        doc = self._doc
        # The pages' keys in the parent tree come first, then the links' (_LinkKey).
        self.tagger.page_count = len(doc.Pages.pages) + (1 if code else 0)
        super().save()
        numbers = doc.idToObjectNumberAndVersion
        self.tagger.annotation_numbers = {
            name: numbers[name][0] for name in self._tagged_annotations if name in numbers
        }

    @property
    def page_index(self) -> int:
        return int(self._pageNumber) - 1

    # -- tagged content ---------------------------------------------------------------------

    def begin_marked(self, node: Node) -> bool:
        """Open marked content belonging to ``node``; False if it cannot (already inside some,
        or drawing an artefact), in which case nothing is to be closed."""
        if self._in_marked or self.tagger.suppressed or self._formData:
            return False
        page = self.page_index
        mcid = self.tagger.mcid(page)
        node.kids.append(Marked(page, mcid))
        self._close_artifact()
        self._code.append(f"/{node.role} <</MCID {mcid}>> BDC")
        self._in_marked = True
        return True

    def end_marked(self) -> None:
        self._code.append("EMC")
        self._in_marked = False
        self._open_artifact()

    @property
    def in_marked(self) -> bool:
        return self._in_marked

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
            page = self.page_index
            index = tagger.links_on_page.get(page, 0)
            tagger.links_on_page[page] = index + 1
            internal = self._doc.annotationName(name)
            node = tagger.current.add("Link", page)
            node.kids.append(LinkRef(page, index, internal, tagger.links))
            key = _LinkKey(tagger, tagger.links)
            tagger.links += 1
            self._tagged_annotations.append(internal)
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


# Classes whose role does not depend on the instance (None: transparent), learnt as drawn.
_CLASS_ROLES: dict[type, str | None] = {}


def _role(flowable: Flowable) -> str | None:
    """The structure role of a flowable's own content; None for transparent ones."""
    cls = type(flowable)
    if cls in _CLASS_ROLES:
        return _CLASS_ROLES[cls]
    kind = cls.__name__
    if kind in TRANSPARENT:
        _CLASS_ROLES[cls] = None
        return None
    if isinstance(flowable, Paragraph) or kind == "Label":
        return STYLE_ROLES.get(getattr(flowable.style, "name", ""), "P")
    if kind == "LazyImage" or getattr(flowable, "alt", None):
        return "Figure"  # an image, chart or drawing that says what it shows
    return "P"


def _draw_tagged(
    flowable: Flowable,
    canv: TaggedCanvas,
    draw: Callable[..., None],
    *args: Any,
) -> None:
    """Draw ``flowable`` (``draw(*args)``) inside marked content of a new structure element."""
    tagger = canv.tagger
    if canv._in_marked or tagger.suppressed:
        draw(*args)
        return
    if isinstance(flowable, Table):
        _draw_table(flowable, canv, lambda: draw(*args))
        return
    role = _role(flowable)
    # A flowable may place itself in the tree (a document's list item: L > LI > Lbl, LBody);
    # a grouping one (``structure_group``) has no content of its own, only its parts.
    place = getattr(flowable, "structure_node", None)
    if role is None and place is None:
        draw(*args)
        return
    parent = tagger.stack[-1]
    page = canv._pageNumber - 1
    if place is not None:
        node = place(parent, page)
    elif role == "P" and isinstance(flowable, Paragraph) and flowable.bulletText:
        # Consecutive bulleted paragraphs are the items of one list.
        last = parent.kids[-1] if parent.kids else None
        if not (isinstance(last, Node) and last.role == "L"):
            last = parent.add("L", page)
        node = last.add("LI", page).add("LBody", page)
    elif role == "Figure":
        node = parent.add("Figure", page, alt=getattr(flowable, "alt", None) or DEFAULT_ALT)
    else:
        node = parent.add(role or "P", page)
    tagger.stack.append(node)
    try:
        opened = not getattr(flowable, "structure_group", False) and canv.begin_marked(node)
        try:
            draw(*args)
        finally:
            if opened:
                canv.end_marked()
    finally:
        tagger.stack.pop()


def _draw_table(table: Table, canv: TaggedCanvas, draw: Callable[[], None]) -> None:
    tagger = canv.tagger
    origin = getattr(table, "_tag_origin", None)
    node = tagger.tables.get(origin) if origin is not None else None
    if node is None or not getattr(table, "_tag_continued", False):
        node = tagger.current.add("Table", canv.page_index)
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
    node: Node | None = getattr(table, "_tag_node", None)
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
        rows: dict[int, Node] = table._tag_rows
        tr = rows.get(row)
        if tr is None:
            tr = rows[row] = node.add("TR", page)
        scope = _header_scope(table, row, col, value)
        cell = tr.add("TH" if scope else "TD", page, scope=scope)
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


def _patched_draw_on(original: Callable[..., None]) -> Callable[..., None]:
    def drawOn(self: Flowable, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        if not isinstance(canvas, TaggedCanvas):
            original(self, canvas, x, y, _sW)
            return
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


# -- the structure tree ------------------------------------------------------------------------


def write_structure(pdf: pikepdf.Pdf, tagger: Tagger, *, title: str) -> None:
    """Write the structure tree recorded by ``tagger`` into ``pdf`` and mark it as tagged.

    The elements (tens of thousands in a large portfolio) are handed to pikepdf as one qpdf
    JSON update rather than made one pikepdf call at a time: each call crosses into C++, and
    the tree was then the larger part of the finishing pass (about half as fast).
    """
    pages = list(pdf.pages)
    page_refs = [_ref(p.obj) for p in pages]
    # The canvas wrote each link whole (description, /StructParent) and kept the object
    # numbers reportlab gave them, which qpdf keeps; should they not match, the links are
    # found on the pages and completed here instead.
    numbers = tagger.annotation_numbers if _links_written(pdf, tagger, len(pages)) else None
    link_annots = [_link_annotations(p) for p in pages] if numbers is None else []
    by_page: dict[int, dict[int, str]] = {}
    annots_parent: list[tuple[pikepdf.Object, int]] = []
    link_elements: dict[int, str] = {}  # link key -> its Link element
    root_elem = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    next_id = root_elem.objgen[0] + 1  # qpdf numbers new objects above every existing one
    objects: dict[str, dict[str, Any]] = {}

    def new_ref() -> str:
        nonlocal next_id
        ref = f"{next_id} 0 R"
        next_id += 1
        return ref

    def build(node: Node, parent: str) -> str:
        ref = new_ref()
        elem: dict[str, Any] = {"/Type": "/StructElem", "/S": "/" + node.role, "/P": parent}
        if node.alt is not None:
            elem["/Alt"] = "u:" + node.alt
        if node.scope is not None:
            elem["/A"] = {"/O": "/Table", "/Scope": "/" + node.scope}
        if node.role == "Note":  # PDF/UA 7.9: each note has an ID, unique in the document
            elem["/ID"] = "u:note-" + ref.split()[0]
        objects[f"obj:{ref}"] = {"value": elem}
        kids: list[Any] = []
        page: int | None = None
        for kid in node.kids:
            if isinstance(kid, Node):
                if content[id(kid)]:
                    kids.append(build(kid, ref))
            elif isinstance(kid, Marked):
                if kid.page >= len(page_refs):
                    continue
                if page is None:
                    page = kid.page
                    elem["/Pg"] = page_refs[page]
                if kid.page == page:  # on the element's own page: the MCID alone will do
                    kids.append(kid.mcid)
                else:
                    kids.append({"/Type": "/MCR", "/Pg": page_refs[kid.page], "/MCID": kid.mcid})
                by_page.setdefault(kid.page, {})[kid.mcid] = ref
            elif kid.page < len(page_refs):
                if numbers is not None:
                    if kid.name not in numbers:
                        continue
                    annot_ref = f"{numbers[kid.name]} 0 R"
                else:
                    annots = link_annots[kid.page]
                    if kid.index >= len(annots):
                        continue
                    annot_ref = _ref(annots[kid.index])
                    annots_parent.append((annots[kid.index], kid.key))
                kids.append({"/Type": "/OBJR", "/Obj": annot_ref, "/Pg": page_refs[kid.page]})
                link_elements[kid.key] = ref
        elem["/K"] = kids
        return ref

    _layout_tables_as_divisions(tagger.root)
    _lift_lone_paragraphs(tagger.root)
    content = _with_content(tagger.root)
    document = build(tagger.root, _ref(root_elem))
    nums: list[Any] = []
    for index, page in enumerate(pages):
        page.obj.StructParents = index
        page.obj.Tabs = Name.S
        marked = by_page.get(index, {})
        nums += [index, [marked.get(i) for i in range(max(marked, default=-1) + 1)]]
    base = len(pages)  # the links' keys follow the pages'
    if annots_parent:
        page_numbers = {p.obj.objgen: number for number, p in enumerate(pages, start=1)}
        for annot, link_key in annots_parent:
            if not str(annot.get("/Contents", "")).strip():  # PDF/UA: every link says where
                annot.Contents = pikepdf.String(_link_description(annot, page_numbers))
            annot.StructParent = base + link_key
    for link_key in sorted(link_elements):
        nums += [base + link_key, link_elements[link_key]]
    key = base + tagger.links
    parent_tree = new_ref()
    objects[f"obj:{parent_tree}"] = {"value": {"/Nums": nums}}
    header = {
        "jsonversion": 2,
        "pushedinheritedpageresources": False,
        "calledgetallpages": False,
        "maxobjectid": next_id - 1,
    }
    pdf.update_from_qpdf_json(io.BytesIO(json.dumps({"qpdf": [header, objects]}).encode()))
    root_elem.K = pdf.get_object(_objgen(document))
    root_elem.ParentTree = pdf.get_object(_objgen(parent_tree))
    root_elem.ParentTreeNextKey = key
    pdf.Root.StructTreeRoot = root_elem
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String(LANGUAGE)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.docinfo.Title = pikepdf.String(title)


def _links_written(pdf: pikepdf.Pdf, tagger: Tagger, pages: int) -> bool:
    """Whether the links the canvas wrote can be used as written: their keys follow this many
    pages, and reportlab's object numbers still name them (checked on the first and last)."""
    if tagger.page_count != pages or len(tagger.annotation_numbers) != tagger.links:
        return False
    if not tagger.links:
        return True
    listed = list(tagger.annotation_numbers.values())
    for at, number in ((0, listed[0]), (tagger.links - 1, listed[-1])):
        try:
            annot = pdf.get_object((number, 0))
        except (pikepdf.PdfError, ValueError):
            return False
        if not isinstance(annot, Dictionary) or annot.get("/Subtype") != Name.Link:
            return False
        if int(annot.get("/StructParent", -1)) != pages + at:
            return False
    return True


def _ref(obj: pikepdf.Object) -> str:
    """An indirect object as qpdf JSON writes a reference to it."""
    number, generation = obj.objgen
    return f"{number} {generation} R"


def _objgen(ref: str) -> tuple[int, int]:
    number, generation, _ = ref.split()
    return int(number), int(generation)


def _layout_tables_as_divisions(node: Node) -> None:
    """A table without a single header cell only lays things side by side (an appendix line
    with its page reference): its rows and cells become plain divisions, not a data table."""
    for kid in node.kids:
        if not isinstance(kid, Node):
            continue
        if kid.role == "Table" and not any(n.role == "TH" for n in walk(kid)):
            kid.role = "Div"
            for part in walk(kid):
                if part.role in ("TR", "TD"):
                    part.role = "Div"
        _layout_tables_as_divisions(kid)


def _lift_lone_paragraphs(node: Node) -> None:
    """A cell or list body holding one paragraph holds its text directly (TD, not TD > P): the
    same reading, a third fewer elements to write."""
    for kid in node.kids:
        if isinstance(kid, Node):
            _lift_lone_paragraphs(kid)
    if node.role in ("TD", "TH", "LBody") and len(node.kids) == 1:
        only = node.kids[0]
        if isinstance(only, Node) and only.role == "P":
            node.kids = only.kids
            for kid in node.kids:
                if isinstance(kid, Node):
                    kid.parent = node


def _with_content(root: Node) -> dict[int, bool]:
    """Whether each element (by id) has marked content or a link somewhere below it, found in
    one walk (asking each element's whole subtree, level by level, is quadratic in depth)."""
    found: dict[int, bool] = {}

    def visit(node: Node) -> bool:
        has = False
        for kid in node.kids:
            below = visit(kid) if isinstance(kid, Node) else True  # every element is visited
            has = has or below
        found[id(node)] = has
        return has

    visit(root)
    return found


def _link_description(annot: pikepdf.Object, page_numbers: dict[tuple[int, int], int]) -> str:
    """What a screen reader says for a link: the page it goes to, or the address it opens."""
    action = annot.get("/A")
    if isinstance(action, Dictionary) and "/URI" in action:
        return f"Open {action.URI}"
    target = annot.get("/Dest")
    if target is None and isinstance(action, Dictionary):
        target = action.get("/D")
    if isinstance(target, Array) and len(target) and target[0].is_indirect:
        number = page_numbers.get(target[0].objgen)
        if number is not None:
            return f"Go to page {number}"
    return "Go to another part of this portfolio"


def _link_annotations(page: pikepdf.Page) -> list[pikepdf.Object]:
    return [a for a in page.obj.get("/Annots", Array()) if a.get("/Subtype") == Name.Link]


def walk(node: Node) -> Iterator[Node]:
    """Every element below ``node``, depth first, in reading order."""
    for kid in node.kids:
        if isinstance(kid, Node):
            yield kid
            yield from walk(kid)
