"""What a laid-out document is made of: blocks of styled text, tables and pictures.

The readers (``readable`` for text and Markdown, ``wordread`` for Word) produce these; the
appendix layout (``pdf.sections.doclayout``) draws them. Plain data, no reportlab and no PIL, so
the readers can be tested on their own and the layout never sees a file format.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text in one style: the emphasis a Word run or a Markdown mark gave it."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    code: bool = False
    script: str = ""  # "super" or "sub" for a raised or lowered run, else ""
    note: str = ""  # a note's mark where it is cited: "footnotes", "endnotes" or "comments"

    @property
    def plain(self) -> bool:
        return not (
            self.bold or self.italic or self.underline or self.strike or self.code or self.script
        )


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture inside a document, checked and ready to place, or the reason it cannot be.

    ``data`` is the picture's bytes (None when ``problem`` says why it is not shown); ``width``
    and ``height`` the size the document gives it, in points (0: use the picture's own size);
    ``alt`` what a screen reader reads; ``name`` the picture's part name in its package.
    """

    name: str
    alt: str
    data: bytes | None = None
    width: float = 0.0
    height: float = 0.0
    pixels: tuple[int, int] = (0, 0)
    ppi: float = 0.0  # the resolution the picture records, when plausible; else 0
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of a document: ``kind`` is "heading", "paragraph", "item", "table" or
    "picture".

    ``level`` is the heading level (1-3) or the list nesting (0-based); ``text`` the plain
    text (line breaks kept); ``spans`` the same text with its emphasis (empty: all plain);
    ``rows`` the table's cell texts and ``cells`` the same cells as blocks (empty: plain text);
    ``marker`` a list item's bullet or number ("" for a numbered level that shows no number);
    ``group`` which list an item belongs to (items of one Word list share it, so a list that
    another list interrupts is not merged with it); ``picture`` a picture block's picture.
    """

    kind: str
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    marker: str = "•"
    spans: tuple[Span, ...] = ()
    cells: tuple[tuple[tuple[Block, ...], ...], ...] = ()
    picture: Picture | None = None
    group: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote, endnote or comment: the mark it has in the text ("3", "ii", "[A1]") and what
    it says; a comment's author initials (as the anonymised copy keeps them)."""

    mark: str
    blocks: tuple[Block, ...]
    initials: str = ""


@dataclass(frozen=True, slots=True)
class Readable:
    """A document's blocks; a Word document's header and footer text (shown once each) and its
    footnotes, endnotes and comments (in the order their marks stand in the text)."""

    blocks: tuple[Block, ...]
    truncated: bool = False
    header: tuple[Block, ...] = ()
    footer: tuple[Block, ...] = ()
    footnotes: tuple[Note, ...] = ()
    endnotes: tuple[Note, ...] = ()
    comments: tuple[Note, ...] = ()


def spans_text(spans: tuple[Span, ...] | list[Span]) -> str:
    return "".join(s.text for s in spans)


def styled(spans: list[Span]) -> tuple[Span, ...]:
    """Neighbouring spans in the same style joined; () when nothing is emphasised, so plain
    text keeps the plain (fast) path through the layout."""
    if all(s.plain for s in spans):
        return ()
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and _same_style(out[-1], span):
            out[-1] = replace(out[-1], text=out[-1].text + span.text)
        else:
            out.append(span)
    return tuple(out)


def _same_style(a: Span, b: Span) -> bool:
    return replace(a, text="") == replace(b, text="")
