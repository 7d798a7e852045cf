"""The stored (anonymised) text, Markdown and Word attachments as blocks an appendix can show.

An assessor must be able to read product evidence such as a greeting script in the PDF itself,
not only find its name. The stored bytes are the anonymised copy (attachments are anonymised
before they are stored), so what is shown here is exactly what the learner chose to keep.

The reading follows the anonymisation path: text is decoded as ``anonymise.text`` decodes it,
and a Word package is opened with the same zip limits and the same XML parser settings as
``anonymise.docx`` (no DTDs, no entities, no network). Only the structure a reader needs is
kept: headings, paragraphs, list items (with their level) and tables, with the emphasis of
the words (Markdown's **bold**, *italic* and `code`; Word's run formatting, headers, footers and
pictures, read in ``wordread``). No reportlab here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath

from portfolio.anonymise.text import decode_text
from portfolio.domain.records import AttachmentInfo
from portfolio.errors import UnsupportedFileError
from portfolio.export.blocks import Block, Note, Readable, Span, spans_text, styled

# A long document is shown up to here; the rest is in the evidence package.
MAX_CHARS = 60_000
# A picture counts as this many characters towards it (so a document repeating one picture
# thousands of times is cut too); a header's or footer's text is shown up to MAX_MARGIN_CHARS.
PICTURE_WEIGHT = 100
MAX_MARGIN_CHARS = 3_000
# Footnotes, endnotes and comments are shown up to this many characters in all.
MAX_NOTE_CHARS = 20_000
TEXT_KINDS = ("text", "markdown", "docx")

_DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_kind(att: AttachmentInfo) -> str:
    """ "image", "pdf", "text", "markdown", "docx" or "other" (shown only by name)."""
    kind = att.kind
    if kind != "other":
        return kind
    media = att.media_type.lower()
    suffix = PurePath(att.filename.lower()).suffix
    if media == _DOCX_MEDIA or suffix == ".docx":
        return "docx"
    if media == "text/markdown" or suffix in (".md", ".markdown"):
        return "markdown"
    if media == "text/plain" or suffix == ".txt":
        return "text"
    return "other"


def read_document(data: bytes, kind: str, name: str) -> Readable:
    """The blocks of a text, Markdown or Word document.

    Raises:
        UnsupportedFileError: a damaged Word package, or a kind that has no text.
    """
    if kind == "docx":
        from portfolio.export.wordread import read_word  # lxml only when a Word file is shown

        word = read_word(data, name)
        capped = _capped(list(word.blocks))
        header = _capped(list(word.header), MAX_MARGIN_CHARS).blocks
        footer = _capped(list(word.footer), MAX_MARGIN_CHARS).blocks
        notes = _capped_notes((word.footnotes, word.endnotes, word.comments), MAX_NOTE_CHARS)
        footnotes, endnotes, comments = notes[0]
        return Readable(
            capped.blocks,
            capped.truncated or notes[1],
            header,
            footer,
            footnotes=footnotes,
            endnotes=endnotes,
            comments=comments,
        )
    if kind in ("text", "markdown"):
        text, _ = decode_text(data, name)
        blocks = _markdown_blocks(text) if kind == "markdown" else _text_blocks(text)
    else:
        raise UnsupportedFileError(f"'{name}' has no text to show.")
    return _capped(blocks)


def _capped(blocks: list[Block], limit: int = MAX_CHARS) -> Readable:
    kept: list[Block] = []
    used = 0
    for block in blocks:
        size = len(block.text) + sum(len(c) for row in block.rows for c in row)
        if block.kind == "picture":
            size += PICTURE_WEIGHT
        if used + size > limit:
            return Readable(tuple(kept), truncated=True)
        used += size
        kept.append(block)
    return Readable(tuple(kept))


def _capped_notes(
    kinds: tuple[tuple[Note, ...], ...], limit: int
) -> tuple[tuple[tuple[Note, ...], ...], bool]:
    """The notes of each kind, in order, while their text stays within ``limit`` in all; and
    whether any were left out."""
    left = limit
    out: list[tuple[Note, ...]] = []
    cut = False
    for notes in kinds:
        kept: list[Note] = []
        for note in notes:
            capped = _capped(list(note.blocks), left)
            if capped.truncated:
                cut = True
                break
            left -= sum(len(b.text) + sum(len(c) for r in b.rows for c in r) for b in note.blocks)
            kept.append(note)
        out.append(tuple(kept))
    return tuple(out), cut


# -- plain text and Markdown -----------------------------------------------------------------

_NUMBERED = re.compile(r"^(\s*)(\d{1,3}[.)])\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*+•]\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Inline Markdown, tried left to right: code, bold and italic together, bold, struck, italic.
# Underscores inside a word (snake_case) are not emphasis; stars may be.
_INLINE = re.compile(
    r"(?P<tick>`+)(?P<code>.+?)(?P=tick)"
    r"|(?P<m3>\*\*\*|___)(?P<both>(?!\s).+?(?<!\s))(?P=m3)(?![*_])"
    r"|(?P<m2>\*\*|__)(?P<bold>(?!\s).+?(?<!\s))(?P=m2)(?![*_])"
    r"|~~(?P<strike>(?!\s).+?(?<!\s))~~"
    r"|(?<!\*)\*(?P<star>(?![\s*]).*?[^\s*\\]|[^\s*])\*(?!\*)"
    r"|(?<![\w_])_(?P<under>(?![\s_]).*?[^\s_]|[^\s_])_(?![\w_])"
)
# A backslash-escaped mark is the character itself: hidden from _INLINE as a private-use
# character while the emphasis is found, then put back.
_ESCAPABLE = "\\`*_~#|[]()>+-.!{}"
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
_PUA = 0xE000


def _text_blocks(text: str) -> list[Block]:
    """Plain text: paragraphs at blank lines, line breaks kept; numbered and bulleted lines as
    list items, so a numbered script reads as the list it is."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        loose: list[str] = []
        for line in lines:
            item = _list_item(line)
            if item is None:
                loose.append(line.strip())
                continue
            if loose:
                blocks.append(Block("paragraph", "\n".join(loose)))
                loose = []
            blocks.append(item)
        if loose:
            blocks.append(Block("paragraph", "\n".join(loose)))
    return blocks


def _list_item(line: str) -> Block | None:
    numbered = _NUMBERED.match(line)
    if numbered:
        indent, marker, rest = numbered.groups()
        return Block("item", rest, level=min(len(indent) // 2, 3), marker=marker)
    bullet = _BULLET.match(line)
    if bullet:
        indent, rest = bullet.groups()
        return Block("item", rest, level=min(len(indent) // 2, 3))
    return None


def _inline(markdown: str) -> tuple[str, tuple[Span, ...]]:
    """Markdown text as its words (marks taken off) and as spans keeping the emphasis the
    marks asked for: **bold**, *italic*, ***both***, ~~struck~~ and `code`."""
    hidden = _ESCAPE.sub(lambda m: chr(_PUA + _ESCAPABLE.index(m.group(1))), markdown)
    spans = [replace(span, text=_unhide(span.text)) for span in _emphasis(hidden, Span(""))]
    return spans_text(spans), styled(spans)


def _unhide(text: str) -> str:
    if not any(_PUA <= ord(c) < _PUA + len(_ESCAPABLE) for c in text):
        return text
    return "".join(
        _ESCAPABLE[ord(c) - _PUA] if _PUA <= ord(c) < _PUA + len(_ESCAPABLE) else c for c in text
    )


def _emphasis(text: str, style: Span) -> list[Span]:
    out: list[Span] = []
    at = 0
    for match in _INLINE.finditer(text):
        if match.start() > at:
            out.append(replace(style, text=text[at : match.start()]))
        at = match.end()
        if match.group("code") is not None:
            out.append(replace(style, text=match.group("code").strip(), code=True))
        elif match.group("both") is not None:
            out += _emphasis(match.group("both"), replace(style, bold=True, italic=True))
        elif match.group("bold") is not None:
            out += _emphasis(match.group("bold"), replace(style, bold=True))
        elif match.group("strike") is not None:
            out += _emphasis(match.group("strike"), replace(style, strike=True))
        else:
            inner = match.group("star") or match.group("under") or ""
            out += _emphasis(inner, replace(style, italic=True))
    if at < len(text):
        out.append(replace(style, text=text[at:]))
    return out


def _md_block(kind: str, markdown: str, level: int = 0, marker: str = "•") -> Block:
    text, spans = _inline(markdown)
    return Block(kind, text, level, marker=marker, spans=spans)


def _markdown_blocks(text: str) -> list[Block]:
    """Headings, lists, pipe tables and paragraphs of a Markdown file."""
    blocks: list[Block] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(_md_block("paragraph", " ".join(paragraph)))
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        heading = _HEADING.match(line)
        if not line.strip():
            flush()
        elif heading:
            flush()
            blocks.append(_md_block("heading", heading.group(2), min(len(heading.group(1)), 3)))
        elif "|" in line and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
            flush()
            rows = [_cells(line)]
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(_cells(lines[i]))
                i += 1
            blocks.append(_md_table(rows))
            continue
        elif (item := _list_item(line)) is not None:
            flush()
            blocks.append(_md_block("item", item.text, item.level, item.marker))
        else:
            paragraph.append(line.strip())
        i += 1
    flush()
    return blocks


def _cells(line: str) -> tuple[str, ...]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return tuple(c.strip() for c in inner.split("|"))


def _md_table(rows: list[tuple[str, ...]]) -> Block:
    """A pipe table: its cells' words, and the cells as paragraphs when any has emphasis."""
    cells = [[_md_block("paragraph", cell) for cell in row] for row in _square(rows)]
    texts = tuple(tuple(cell.text for cell in row) for row in cells)
    if not any(cell.spans for row in cells for cell in row):
        return Block("table", rows=texts)
    return Block("table", rows=texts, cells=tuple(tuple((c,) for c in row) for row in cells))


def _square(rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    width = max(len(r) for r in rows)
    return tuple(r + ("",) * (width - len(r)) for r in rows)
