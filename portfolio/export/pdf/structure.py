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

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from portfolio.export.pdf.tagrecord import DOCUMENT, Tagger

# Cells and list bodies that hold a lone paragraph's text directly.
_LIFTING = frozenset({"TD", "TH", "LBody"})


@dataclass(frozen=True, slots=True)
class KidRuns:
    """Every element's kids as written: the record's kid log sorted by owner, and where each
    element's run of it starts and ends (a lifted paragraph's run, for a cell that holds its
    text directly); the document's kids apart, with the figures placed among them."""

    log: list[int]
    low: list[int]
    high: list[int]
    top: list[int]

    def of(self, element: int) -> list[int]:
        if element == DOCUMENT:
            return self.top
        return self.log[self.low[element] : self.high[element]]


@dataclass(frozen=True, slots=True)
class Plan:
    """The elements to write, in reading order (the document element first), and how many
    objects the tree takes: the root, every element and the parent tree."""

    elements: list[int]  # element numbers, in the order they are written
    parents: list[int]  # each written element's parent's place in ``elements``; -1: the root
    roles: list[str]  # every element's role as written (by element number)
    kids: KidRuns  # every element's kids as written
    written: bytearray  # by element number: 1 if it is written
    tagger: Tagger

    @property
    def count(self) -> int:
        return len(self.elements) + 2


def plan(tagger: Tagger) -> Plan:
    """Settle the tree the way it will be written, from the record in one pass over its log and
    one over its elements.

    Tables without a header cell become divisions, a cell or list body holding one paragraph
    holds its text directly, and elements with nothing below them (no marked content, no link)
    are left out. Figures added after the layout go among the document's kids after the last
    one begun on or before their page.
    """
    count = len(tagger.roles)
    roles = list(tagger.roles)
    parents = tagger.parents
    owners, items = tagger.kid_owner, tagger.kid_item
    # Every element's kids together, in the order they were added (a stable sort of the log by
    # owner): kids of ``e`` are ``log[low[e]:high[e]]``. Flat lists of numbers, not a list per
    # element: tens of thousands of new lists kept until the file is written make the garbage
    # collector walk the whole document again and again.
    log = list(map(items.__getitem__, sorted(range(len(owners)), key=owners.__getitem__)))
    low = [0] * (count + 1)
    for owner in owners:
        low[owner + 1] += 1
    low = list(itertools.accumulate(low))
    high = low[1:]
    written = bytearray(count)
    for owner, item in zip(owners, items, strict=True):
        if item < 0:  # marked content or a link: its owner has content
            written[owner] = 1
    pages = tagger.pages
    top = log[low[DOCUMENT] : high[DOCUMENT]]  # the document's kids, figures placed among them
    for figure in tagger.figures:
        page = pages[figure]
        at = len(top)
        while at > 0 and top[at - 1] >= 0 and pages[top[at - 1]] > page:
            at -= 1
        top.insert(at, figure)
    recorded = tagger.roles
    headed = tagger.with_header
    # Parents are made before their kids: in order, a kid's parent is already settled.
    for element in range(1, count):
        role = roles[element]
        if role == "Table":
            if element not in headed:
                roles[element] = "Div"
        elif role == "TR" or role == "TD":  # the rows and cells of a layout table: Div too
            parent = parents[element]
            if roles[parent] == "Div" and recorded[parent] == ("Table" if role == "TR" else "TR"):
                roles[element] = "Div"
        if roles[element] in _LIFTING and high[element] - low[element] == 1:
            only = log[low[element]]
            if only >= 0 and roles[only] == "P":  # the paragraph's content, without it
                low[element], high[element] = low[only], high[only]
    # Kids are made after their parents: backwards, every kid is settled before its parent.
    for element in range(count - 1, 0, -1):
        if written[element]:
            written[parents[element]] = 1
    written[DOCUMENT] = 1
    kids = KidRuns(log, low, high, top)
    elements: list[int] = []
    places: list[int] = []
    todo = [DOCUMENT]
    todo_parents = [-1]
    while todo:  # depth first, in reading order (a stack, so the kids go on reversed)
        element = todo.pop()
        at = len(elements)
        elements.append(element)
        places.append(todo_parents.pop())
        for item in reversed(kids.of(element)):
            if item >= 0 and written[item]:
                todo.append(item)
                todo_parents.append(at)
    return Plan(elements, places, roles, kids, written, tagger)


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
    tagger = plan.tagger
    elements, roles, kids, written = plan.elements, plan.roles, plan.kids, plan.written
    refs: list[bytes] = [b""] * len(roles)  # each written element's reference, by number
    for at, element in enumerate(elements):
        refs[element] = b"%d 0 R" % (first + 1 + at)
    parent_tree = first + 1 + len(elements)
    page_count = len(pages)
    page_refs = [b"%d 0 R" % n for n in pages]
    mcr_pages = [b"<< /Type /MCR /Pg " + ref + b" /MCID " for ref in page_refs]
    by_page: list[list[bytes | None]] = [[] for _ in pages]  # per page, per MCID its element
    link_elements: dict[int, bytes] = {}
    role_names: dict[str, bytes] = {}
    alts, scopes = tagger.alts, tagger.scopes
    content_page, content_value, link_names = (
        tagger.content_page,
        tagger.content_value,
        tagger.link_names,
    )
    root_ref = b"%d 0 R" % first
    out = [
        b"<< /Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d >>"
        % (first + 1, parent_tree, page_count + tagger.links)
    ]
    for element, parent in zip(elements, plan.parents, strict=True):
        own = refs[element]
        role = roles[element]
        name = role_names.get(role)
        if name is None:
            name = role_names[role] = role.encode()
        head = [
            b"<< /Type /StructElem /S /",
            name,
            b" /P ",
            refs[elements[parent]] if parent >= 0 else root_ref,
        ]
        alt = alts.get(element)
        if alt is not None:
            head += [b" /Alt ", text_string(alt)]
        scope = scopes.get(element)
        if scope is not None:
            head.append(b" /A << /O /Table /Scope /" + scope.encode() + b" >>")
        if role == "Note":  # PDF/UA 7.9: each note has an ID, unique in the document
            head.append(b" /ID (note-" + own[:-4] + b")")
        out_kids: list[bytes] = []
        page = -1
        for item in kids.of(element):
            if item >= 0:
                if written[item]:
                    out_kids.append(refs[item])
                continue
            content = ~item
            on = content_page[content]
            if on >= page_count:
                continue
            value = content_value[content]
            if value >= 0:  # marked content
                if page < 0:
                    page = on
                    head += [b" /Pg ", page_refs[on]]
                if on == page:  # on the element's own page: the MCID alone will do
                    out_kids.append(b"%d" % value)
                else:
                    out_kids.append(mcr_pages[on] + b"%d >>" % value)
                slots = by_page[on]
                if value >= len(slots):
                    slots += [None] * (value + 1 - len(slots))
                slots[value] = own
            else:  # a link
                key = ~value
                annot = annotations(link_names[key])
                if annot is None:
                    continue
                out_kids.append(b"<< /Type /OBJR /Obj %d 0 R /Pg " % annot + page_refs[on] + b" >>")
                link_elements[key] = own
        out.append(b"".join(head) + b" /K [" + b" ".join(out_kids) + b"] >>")
    out.append(_parent_tree(page_count, by_page, link_elements))
    return out


def _parent_tree(pages: int, by_page: list[list[bytes | None]], links: dict[int, bytes]) -> bytes:
    """One number tree node: per page (key = page index) the element of each MCID, then per
    link (key = pages + its place among the links) its Link element."""
    nums: list[bytes] = []
    for index, slots in enumerate(by_page):
        refs = b" ".join(b"null" if ref is None else ref for ref in slots)
        nums.append(b"%d [" % index + refs + b"]")
    nums += [b"%d " % (pages + key) + links[key] for key in sorted(links)]
    return b"<< /Nums [" + b" ".join(nums) + b"] >>"


def text_string(value: str) -> bytes:
    """``value`` as a PDF text string: literal when plain printable ASCII, else UTF-16BE."""
    if value.isascii() and value.isprintable():
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"
