"""The record of a tagged document: structure elements, marked content and links, as drawn.

``TaggedCanvas`` (``tagging``) fills a ``Tagger`` while the layout draws; ``structure`` writes it
out as the structure tree when the canvas saves. Kept apart from both so that each can use it
without the other.

The record is a few flat lists, not an object per element: a 1,000-entry portfolio has ~37,000
elements and ~24,000 pieces of marked content, and as objects (each with its dictionary and its
list of kids) they were a tenth of the export's time, most of it the garbage collector walking
them again and again while the layout ran. Elements are numbered in the order they are made (0
is the document); a kid is recorded as a pair (owner, item) appended to one log, so each
element's kids stay in the order they were added. An item is an element's number, or ``~c`` for
the content ``c`` (a piece of marked content or a link). ``Node`` is a small handle on one
element for the flowables that place themselves in the tree (lists, notes).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

NO_KID = 1 << 62  # in ``Tagger.last``: the element has no kid yet
DOCUMENT = 0  # the document element's number


@dataclass(slots=True)
class Marked:
    """A piece of marked content (as a kid read through ``Node.kids``)."""

    page: int  # 0-based
    mcid: int


@dataclass(slots=True)
class LinkRef:
    """A link annotation (as a kid read through ``Node.kids``)."""

    page: int  # 0-based
    name: str  # reportlab's internal name of the annotation ("Annot.NUMBER12")
    key: int  # its place among the document's tagged links (its /StructParent less the pages)


class Tagger:
    """The record of what was drawn where, in reading (drawing) order."""

    def __init__(self) -> None:
        # Per element, by number.
        self.roles: list[str] = ["Document"]
        self.parents: list[int] = [-1]
        self.pages: list[int] = [0]  # the page it was begun on (0-based)
        self.last: list[int] = [NO_KID]  # its last kid (an item), for lists that continue
        self.alts: dict[int, str] = {}  # figures
        self.scopes: dict[int, str] = {}  # header cells: "Column" or "Row"
        self.with_header: set[int] = set()  # tables with a header cell anywhere below them
        # The kids of every element, in the order they were added: owner, item.
        self.kid_owner: list[int] = []
        self.kid_item: list[int] = []
        # Content ``c``: its page, and its MCID (>= 0) or ``~key`` for the link ``key``.
        self.content_page: list[int] = []
        self.content_value: list[int] = []
        self.link_names: list[str] = []  # reportlab's name of each tagged link's annotation
        self.mcids: list[int] = []  # per page, the next MCID
        self.figures: list[int] = []  # elements added after the layout (``add_figure``)
        self.stack: list[int] = [DOCUMENT]
        self.tables: dict[int, int] = {}  # table origin -> its element
        self.suppressed = 0  # > 0: what is drawn is an artefact (repeated table headers)
        # Set by the canvas when it saves: the page count (links' /StructParent keys follow
        # the pages').
        self.page_count: int | None = None

    @property
    def links(self) -> int:
        """Tagged link annotations so far."""
        return len(self.link_names)

    @property
    def root(self) -> Node:
        return Node(self, DOCUMENT)

    @property
    def current(self) -> Node:
        return Node(self, self.stack[-1])

    # -- recording (the drawing hooks call these) ------------------------------------------------

    def element(self, parent: int, role: str, page: int) -> int:
        """A new element ``role`` as the last kid of ``parent``; its number."""
        number = len(self.roles)
        self.roles.append(role)
        self.parents.append(parent)
        self.pages.append(page)
        self.last.append(NO_KID)
        self.kid_owner.append(parent)
        self.kid_item.append(number)
        self.last[parent] = number
        return number

    def mcid(self, page: int) -> int:
        """The next MCID on ``page`` (not yet given to anything)."""
        counts = self.mcids
        if page >= len(counts):
            counts.extend([0] * (page + 1 - len(counts)))
        n = counts[page]
        counts[page] = n + 1
        return n

    def marked(self, owner: int, page: int) -> int:
        """A new piece of marked content of ``owner`` on ``page``; its MCID."""
        counts = self.mcids
        if page >= len(counts):
            counts.extend([0] * (page + 1 - len(counts)))
        mcid = counts[page]
        counts[page] = mcid + 1
        item = ~len(self.content_page)
        self.content_page.append(page)
        self.content_value.append(mcid)
        self.kid_owner.append(owner)
        self.kid_item.append(item)
        self.last[owner] = item
        return mcid

    def link(self, owner: int, page: int, name: str) -> int:
        """A new Link element under ``owner`` holding the annotation reportlab calls ``name``;
        the link's key (its place among the tagged links)."""
        element = self.element(owner, "Link", page)
        key = len(self.link_names)
        self.link_names.append(name)
        item = ~len(self.content_page)
        self.content_page.append(page)
        self.content_value.append(~key)
        self.kid_owner.append(element)
        self.kid_item.append(item)
        self.last[element] = item
        return key

    def add_figure(self, page: int, alt: str) -> int:
        """A figure drawn on ``page`` after the layout (an attached PDF's page laid into its
        appendix page by ``merge.laid_in``), recorded before the canvas saves; its MCID.

        It goes into reading order after the last top-level element begun on or before that page
        (``structure`` places it when it writes the tree).
        """
        number = len(self.roles)
        self.roles.append("Figure")
        self.parents.append(DOCUMENT)
        self.pages.append(page)
        self.last.append(NO_KID)
        self.alts[number] = alt
        self.figures.append(number)
        return self.marked(number, page)

    # -- reading ----------------------------------------------------------------------------------

    def kid(self, item: int) -> Node | Marked | LinkRef:
        """A kid as an object: a ``Node``, or the marked content or link it is."""
        if item >= 0:
            return Node(self, item)
        content = ~item
        value = self.content_value[content]
        page = self.content_page[content]
        if value >= 0:
            return Marked(page, value)
        return LinkRef(page, self.link_names[~value], ~value)


class Node:
    """A handle on one element of a ``Tagger``'s record (for flowables that place themselves in
    the tree: ``structure_node(parent, page)`` is given one and returns one)."""

    __slots__ = ("index", "tagger")

    def __init__(self, tagger: Tagger, index: int) -> None:
        self.tagger = tagger
        self.index = index

    @property
    def role(self) -> str:
        return self.tagger.roles[self.index]

    @property
    def page(self) -> int:
        return self.tagger.pages[self.index]

    @property
    def kids(self) -> Kids:
        return Kids(self.tagger, self.index)

    def add(self, role: str, page: int) -> Node:
        """A new element ``role`` as this one's last kid."""
        return Node(self.tagger, self.tagger.element(self.index, role, page))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and other.tagger is self.tagger and other.index == self.index

    def __hash__(self) -> int:
        return hash((id(self.tagger), self.index))

    def __repr__(self) -> str:
        return f"Node({self.index}, {self.role!r})"


class Kids(Sequence["Node | Marked | LinkRef"]):
    """An element's kids in order, read from the record. The last one (``kids[-1]``, the one a
    continuing list asks for) is at hand; any other is found by reading the log."""

    __slots__ = ("owner", "tagger")

    def __init__(self, tagger: Tagger, owner: int) -> None:
        self.tagger = tagger
        self.owner = owner

    def _items(self) -> list[int]:
        own = self.owner
        tagger = self.tagger
        items = [i for o, i in zip(tagger.kid_owner, tagger.kid_item, strict=True) if o == own]
        if own == DOCUMENT:
            items += tagger.figures  # placed among the others only when the tree is written
        return items

    def __bool__(self) -> bool:
        return self.tagger.last[self.owner] != NO_KID or (
            self.owner == DOCUMENT and bool(self.tagger.figures)
        )

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[Node | Marked | LinkRef]:
        return (self.tagger.kid(i) for i in self._items())

    @overload
    def __getitem__(self, at: int) -> Node | Marked | LinkRef: ...
    @overload
    def __getitem__(self, at: slice) -> list[Node | Marked | LinkRef]: ...
    def __getitem__(
        self, at: int | slice
    ) -> Node | Marked | LinkRef | list[Node | Marked | LinkRef]:
        if isinstance(at, slice):
            return [self.tagger.kid(i) for i in self._items()[at]]
        last = self.tagger.last[self.owner]
        if at == -1 and last != NO_KID and not (self.owner == DOCUMENT and self.tagger.figures):
            return self.tagger.kid(last)
        return self.tagger.kid(self._items()[at])
