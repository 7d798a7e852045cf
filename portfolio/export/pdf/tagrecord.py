"""The record of a tagged document: structure elements, marked content and links, as drawn.

``TaggedCanvas`` (``tagging``) fills a ``Tagger`` while the layout draws; ``structure`` writes it
out as the structure tree when the canvas saves. Kept apart from both so that each can use it
without the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
        # the pages').
        self.page_count: int | None = None

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def mcid(self, page: int) -> int:
        n = self.next_mcid.get(page, 0)
        self.next_mcid[page] = n + 1
        return n

    def add_figure(self, page: int, alt: str) -> int:
        """A figure drawn on ``page`` after the layout (an attached PDF's page laid into its
        appendix page by the finishing pass), recorded before the canvas saves; its MCID.

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
