"""The tagging record (flat lists) and the tree written from it, without reportlab: each rewrite
the writer makes (layout tables as divisions, lone paragraphs lifted, empty elements dropped,
late figures placed by page) and the parent tree, read back from the bytes it writes."""

from __future__ import annotations

import re

from portfolio.export.pdf import structure
from portfolio.export.pdf.tagrecord import DOCUMENT, LinkRef, Marked, Node, Tagger

FIRST = 100  # the tree's first object number in these tests
PAGES = [10, 11, 12]  # page object numbers


def _written(tagger: Tagger, links: dict[str, int] | None = None) -> dict[int, bytes]:
    """The tree's objects by number, as ``render`` writes them."""
    tagger.page_count = len(PAGES)
    plan = structure.plan(tagger)
    found = links or {}
    objects = structure.render(plan, FIRST, PAGES, found.get)
    assert len(objects) == plan.count
    return {FIRST + i: body for i, body in enumerate(objects)}


def _elements(objects: dict[int, bytes]) -> list[tuple[str, int, bytes]]:
    """(role, parent number, /K) of every element, in the order written."""
    out = []
    for body in objects.values():
        found = re.match(rb"<< /Type /StructElem /S /(\w+) /P (\d+) 0 R.* /K \[(.*)\] >>$", body)
        if found:
            out.append((found[1].decode(), int(found[2]), found[3]))
    return out


def _parent_tree(objects: dict[int, bytes]) -> bytes:
    return list(objects.values())[-1]


def test_a_table_without_header_cells_is_divisions_and_keeps_its_paragraphs() -> None:
    t = Tagger()
    table = t.element(DOCUMENT, "Table", 0)
    row = t.element(table, "TR", 0)
    for _ in range(2):
        cell = t.element(row, "TD", 0)
        t.marked(t.element(cell, "P", 0), 0)
    roles = [role for role, _, _ in _elements(_written(t))]
    assert roles == ["Document", "Div", "Div", "Div", "P", "Div", "P"]


def test_a_headed_table_lifts_lone_paragraphs_into_its_cells() -> None:
    t = Tagger()
    table = t.element(DOCUMENT, "Table", 0)
    row = t.element(table, "TR", 0)
    head = t.element(row, "TH", 0)
    t.scopes[head] = "Column"
    t.with_header.add(table)
    t.marked(t.element(head, "P", 0), 0)
    cell = t.element(row, "TD", 0)
    lone = t.element(cell, "P", 0)
    t.marked(lone, 0)
    objects = _written(t)
    elements = _elements(objects)
    assert [role for role, _, _ in elements] == ["Document", "Table", "TR", "TH", "TD"]
    assert elements[3][2] == b"0" and elements[4][2] == b"1"  # the MCIDs, in the cells
    assert b"/A << /O /Table /Scope /Column >>" in objects[FIRST + 4]
    # the parent tree gives each MCID the cell that now holds it
    assert _parent_tree(objects) == b"<< /Nums [0 [104 0 R 105 0 R] 1 [] 2 []] >>"


def test_a_cell_with_more_than_a_paragraph_keeps_it() -> None:
    t = Tagger()
    table = t.element(DOCUMENT, "Table", 0)
    t.with_header.add(table)
    cell = t.element(t.element(table, "TR", 0), "TD", 0)
    t.marked(t.element(cell, "P", 0), 0)
    t.marked(t.element(cell, "P", 0), 0)
    assert [r for r, _, _ in _elements(_written(t))] == ["Document", "Table", "TR", "TD", "P", "P"]


def test_elements_with_nothing_below_them_are_left_out() -> None:
    t = Tagger()
    empty = t.element(DOCUMENT, "Div", 0)
    t.element(empty, "P", 0)
    kept = t.element(DOCUMENT, "P", 1)
    t.marked(kept, 1)
    objects = _written(t)
    assert [r for r, _, _ in _elements(objects)] == ["Document", "P"]
    assert b"/Pg 11 0 R" in objects[FIRST + 2]


def test_marked_content_on_another_page_is_a_reference_and_links_are_objects() -> None:
    t = Tagger()
    para = t.element(DOCUMENT, "P", 0)
    t.marked(para, 0)
    t.marked(para, 1)
    key = t.link(para, 1, "Annot.NUMBER1")
    t.link(para, 2, "Annot.missing")  # not written by reportlab: its reference left out
    objects = _written(t, {"Annot.NUMBER1": 77})
    body = objects[FIRST + 2]
    assert b"/Pg 10 0 R /K [0 << /Type /MCR /Pg 11 0 R /MCID 0 >> 103 0 R 104 0 R] >>" in body
    assert objects[FIRST + 3].endswith(b"/K [<< /Type /OBJR /Obj 77 0 R /Pg 11 0 R >>] >>")
    assert objects[FIRST + 4].endswith(b"/S /Link /P 102 0 R /K [] >>")
    assert key == 0 and t.links == 2
    assert _parent_tree(objects) == b"<< /Nums [0 [102 0 R] 1 [102 0 R] 2 [] 3 103 0 R] >>"
    assert objects[FIRST].endswith(b"/ParentTreeNextKey 5 >>")  # 3 pages, 2 links


def test_figures_added_after_the_layout_go_after_what_began_on_their_page() -> None:
    t = Tagger()
    for page in (0, 1, 2):
        t.marked(t.element(DOCUMENT, "H1", page), page)
    t.mcid(1)  # an MCID given out on page 1 before the figure's
    assert t.add_figure(1, "Page 1 of a.pdf") == 2
    assert t.add_figure(1, "Page 2 of a.pdf") == 3
    elements = _elements(_written(t))
    assert [r for r, _, _ in elements] == ["Document", "H1", "H1", "Figure", "Figure", "H1"]
    assert list(t.root.kids)[-1] == Node(t, 5)  # read back through the handle, at the end


def test_notes_get_an_id_and_figures_their_alt_text() -> None:
    t = Tagger()
    note = t.element(DOCUMENT, "Note", 0)
    t.marked(note, 0)
    figure = t.element(DOCUMENT, "Figure", 0)
    t.alts[figure] = "Zoë's chart (2026)"
    t.marked(figure, 0)
    objects = _written(t)
    assert b"/ID (note-102)" in objects[FIRST + 2]
    assert b"/Alt <FEFF" in objects[FIRST + 3]


def test_the_node_handle_reads_and_extends_the_record() -> None:
    t = Tagger()
    root = t.root
    assert not root.kids
    lst = root.add("L", 0)
    item = lst.add("LI", 0)
    body = item.add("LBody", 0)
    t.marked(body.index, 0)
    assert root.kids[-1] == lst and lst.kids[-1].role == "LI"
    assert len(item.kids) == 1 and list(body.kids) == [Marked(0, 0)]
    t.link(body.index, 0, "Annot.X")
    assert isinstance(body.kids[-1], Node) and body.kids[-1].role == "Link"
    assert body.kids[-1].kids[0] == LinkRef(0, "Annot.X", 0)
    assert body.kids[0] == Marked(0, 0) and len(body.kids) == 2
    assert t.current == root and repr(lst) == "Node(1, 'L')"
