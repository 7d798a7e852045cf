"""The structure tree as PDF objects, written by reportlab's own save (no second pass over it).

The ``Tagger`` records, while the document is drawn, which structure element each piece of
marked content and each link belongs to. When the canvas saves, this module turns that record
into the objects of a tagged PDF: one /StructElem per element (role, parent, page, kids as MCIDs,
marked-content references or link object references, /Alt for figures, /Scope for header
cells, a unique /ID for notes), the /ParentTree (per page the element of each MCID, then each
link's element) and the /StructTreeRoot. They are formatted straight to bytes here and packed
into compressed object streams by ``filewriter``: tens of thousands of elements in a large
portfolio, which a second pass (a PDF library reading the file back and writing it again) took
about a second to add.

It happens in two steps because of object numbers. Before reportlab numbers its objects,
``plan`` settles which elements are written and in what order, so their numbers can be
reserved. After reportlab has written its objects, ``render`` writes the elements, by then able
to name every page and link annotation by its number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from portfolio.export.pdf.tagrecord import LinkRef, Marked, Node, Tagger


@dataclass(frozen=True, slots=True)
class Plan:
    """The elements to write, in reading order (the document element first), and how many
    objects the tree takes: the root, every element and the parent tree."""

    elements: tuple[Node, ...]
    parents: tuple[int, ...]  # each element's parent's index in ``elements``; -1: the root
    tagger: Tagger

    @property
    def count(self) -> int:
        return len(self.elements) + 2


def plan(tagger: Tagger) -> Plan:
    """Settle the tree the way it will be written.

    Tables without a header cell become divisions, a cell or list body holding one paragraph
    holds its text directly, and elements with nothing below them (no marked content, no link)
    are left out.
    """
    root = tagger.root
    _layout_tables_as_divisions(root)
    _lift_lone_paragraphs(root)
    content = _with_content(root)
    elements: list[Node] = []
    parents: list[int] = []
    todo: list[tuple[Node, int]] = [(root, -1)]
    while todo:  # depth first, in reading order (a stack, so the kids go on reversed)
        node, parent = todo.pop()
        at = len(elements)
        elements.append(node)
        parents.append(parent)
        kids = [k for k in node.kids if isinstance(k, Node) and content[id(k)]]
        todo += [(kid, at) for kid in reversed(kids)]
    return Plan(tuple(elements), tuple(parents), tagger)


def render(
    plan: Plan,
    first: int,
    pages: list[int],
    annotations: Callable[[str], int | None],
) -> list[bytes]:
    """The tree's objects, numbered from ``first`` in this order: the /StructTreeRoot, the
    elements (the document first), the parent tree.

    ``pages`` are the page objects' numbers, in page order; ``annotations`` gives the object
    number of a link annotation by reportlab's name for it (None: not written).
    """
    number = {id(node): first + 1 + i for i, node in enumerate(plan.elements)}
    parent_tree = first + 1 + len(plan.elements)
    page_refs = [b"%d 0 R" % n for n in pages]
    by_page: dict[int, dict[int, int]] = {}
    link_elements: dict[int, int] = {}
    out = [
        b"<< /Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d >>"
        % (first + 1, parent_tree, len(pages) + plan.tagger.links)
    ]
    for node, parent in zip(plan.elements, plan.parents, strict=True):
        own = number[id(node)]
        head = [
            b"<< /Type /StructElem /S /",
            node.role.encode(),
            b" /P %d 0 R" % (number[id(plan.elements[parent])] if parent >= 0 else first),
        ]
        if node.alt is not None:
            head += [b" /Alt ", text_string(node.alt)]
        if node.scope is not None:
            head.append(b" /A << /O /Table /Scope /" + node.scope.encode() + b" >>")
        if node.role == "Note":  # PDF/UA 7.9: each note has an ID, unique in the document
            head.append(b" /ID (note-%d)" % own)
        kids: list[bytes] = []
        page: int | None = None
        for kid in node.kids:
            if isinstance(kid, Node):
                ref = number.get(id(kid))
                if ref is not None:
                    kids.append(b"%d 0 R" % ref)
            elif isinstance(kid, Marked):
                if kid.page >= len(pages):
                    continue
                if page is None:
                    page = kid.page
                    head += [b" /Pg ", page_refs[page]]
                if kid.page == page:  # on the element's own page: the MCID alone will do
                    kids.append(b"%d" % kid.mcid)
                else:
                    kids.append(
                        b"<< /Type /MCR /Pg " + page_refs[kid.page] + b" /MCID %d >>" % kid.mcid
                    )
                by_page.setdefault(kid.page, {})[kid.mcid] = own
            elif isinstance(kid, LinkRef) and kid.page < len(pages):
                annot = annotations(kid.name)
                if annot is None:
                    continue
                kids.append(
                    b"<< /Type /OBJR /Obj %d 0 R /Pg " % annot + page_refs[kid.page] + b" >>"
                )
                link_elements[kid.key] = own
        out.append(b"".join(head) + b" /K [" + b" ".join(kids) + b"] >>")
    out.append(_parent_tree(len(pages), by_page, link_elements))
    return out


def _parent_tree(
    pages: int, by_page: dict[int, dict[int, int]], link_elements: dict[int, int]
) -> bytes:
    """One number tree node: per page (key = page index) the element of each MCID, then per
    link (key = pages + its place among the links) its Link element."""
    nums: list[bytes] = []
    for index in range(pages):
        marked = by_page.get(index, {})
        refs = (
            b"%d 0 R" % marked[i] if i in marked else b"null"
            for i in range(max(marked, default=-1) + 1)
        )
        nums.append(b"%d [" % index + b" ".join(refs) + b"]")
    nums += [b"%d %d 0 R" % (pages + key, link_elements[key]) for key in sorted(link_elements)]
    return b"<< /Nums [" + b" ".join(nums) + b"] >>"


def text_string(value: str) -> bytes:
    """``value`` as a PDF text string: literal when plain printable ASCII, else UTF-16BE."""
    if value.isascii() and value.isprintable():
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


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


def walk(node: Node) -> Iterator[Node]:
    """Every element below ``node``, depth first, in reading order."""
    for kid in node.kids:
        if isinstance(kid, Node):
            yield kid
            yield from walk(kid)
