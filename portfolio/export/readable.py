"""The stored (anonymised) text, Markdown and Word attachments as blocks an appendix can show.

An assessor must be able to read product evidence such as a greeting script in the PDF itself,
not only find its name. The stored bytes are the anonymised copy (attachments are anonymised
before they are stored), so what is shown here is exactly what the learner chose to keep.

The reading follows the anonymisation path: text is decoded as ``anonymise.text`` decodes it,
and a Word package is opened with the same zip limits and the same XML parser settings as
``anonymise.docx`` (no DTDs, no entities, no network). Only the structure a reader needs is
kept: headings, paragraphs, list items (with their level) and tables. No reportlab here.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

from lxml import etree

from portfolio.anonymise.sniff import check_zip_limits
from portfolio.anonymise.text import decode_text
from portfolio.domain.records import AttachmentInfo
from portfolio.errors import UnsupportedFileError

# A long document is shown up to here; the rest is in the evidence package.
MAX_CHARS = 60_000
TEXT_KINDS = ("text", "markdown", "docx")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of a document: ``kind`` is "heading", "paragraph", "item" or "table".

    ``level`` is the heading level (1-3) or the list nesting (0-based); ``text`` the plain
    text (line breaks kept); ``rows`` the table's cell texts; ``marker`` a list item's bullet
    or number.
    """

    kind: str
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    marker: str = "•"


@dataclass(frozen=True, slots=True)
class Readable:
    blocks: tuple[Block, ...]
    truncated: bool = False


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
        blocks = _docx_blocks(data, name)
    elif kind in ("text", "markdown"):
        text, _ = decode_text(data, name)
        blocks = _markdown_blocks(text) if kind == "markdown" else _text_blocks(text)
    else:
        raise UnsupportedFileError(f"'{name}' has no text to show.")
    return _capped(blocks)


def _capped(blocks: list[Block]) -> Readable:
    kept: list[Block] = []
    used = 0
    for block in blocks:
        size = len(block.text) + sum(len(c) for row in block.rows for c in row)
        if used + size > MAX_CHARS:
            return Readable(tuple(kept), truncated=True)
        used += size
        kept.append(block)
    return Readable(tuple(kept))


# -- plain text and Markdown -----------------------------------------------------------------

_NUMBERED = re.compile(r"^(\s*)(\d{1,3}[.)])\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*+•]\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])")


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


def _plain(markdown: str) -> str:
    """Inline Markdown emphasis and code marks taken off (the words stay)."""
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", markdown)
    return text.replace("`", "")


def _markdown_blocks(text: str) -> list[Block]:
    """Headings, lists, pipe tables and paragraphs of a Markdown file."""
    blocks: list[Block] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", _plain(" ".join(paragraph))))
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        heading = _HEADING.match(line)
        if not line.strip():
            flush()
        elif heading:
            flush()
            blocks.append(Block("heading", _plain(heading.group(2)), min(len(heading.group(1)), 3)))
        elif "|" in line and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
            flush()
            rows = [_cells(line)]
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(_cells(lines[i]))
                i += 1
            blocks.append(Block("table", rows=_square(rows)))
            continue
        elif (item := _list_item(line)) is not None:
            flush()
            blocks.append(Block("item", _plain(item.text), item.level, marker=item.marker))
        else:
            paragraph.append(line.strip())
        i += 1
    flush()
    return blocks


def _cells(line: str) -> tuple[str, ...]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return tuple(_plain(c.strip()) for c in inner.split("|"))


def _square(rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    width = max(len(r) for r in rows)
    return tuple(r + ("",) * (width - len(r)) for r in rows)


# -- Word ------------------------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
_HEADING_STYLE = re.compile(r"^(?:heading|kop|berschrift|titre)\s*(\d)$", re.IGNORECASE)


def _docx_blocks(data: bytes, name: str) -> list[Block]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsupportedFileError(f"'{name}' is damaged: it is not a readable archive.") from exc
    with archive:
        check_zip_limits(archive, name)
        try:
            xml = archive.read("word/document.xml")
        except KeyError as exc:
            raise UnsupportedFileError(f"'{name}' is damaged: it has no document part.") from exc
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
            raise UnsupportedFileError(f"'{name}' is damaged: its text cannot be read.") from exc
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnsupportedFileError(f"'{name}' is damaged: its text cannot be read.") from exc
    body = root.find(_q("body"))
    if body is None:
        return []
    blocks: list[Block] = []
    _walk(body, blocks)
    return blocks


def _walk(parent: etree._Element, blocks: list[Block]) -> None:
    for child in parent:
        if child.tag == _q("p"):
            block = _paragraph_block(child)
            if block is not None:
                blocks.append(block)
        elif child.tag == _q("tbl"):
            rows = [
                tuple(_cell_text(tc) for tc in tr.findall(_q("tc")))
                for tr in child.findall(_q("tr"))
            ]
            rows = [r for r in rows if r]
            if rows:
                blocks.append(Block("table", rows=_square(rows)))
        elif child.tag in (_q("sdt"), _q("sdtContent"), _q("customXml")):
            _walk(child, blocks)


def _runs_text(paragraph: etree._Element) -> str:
    """The paragraph's visible text: deleted text and field codes are not shown."""
    pieces: list[str] = []
    for element in paragraph.iter(_q("t"), _q("tab"), _q("br"), _q("cr")):
        if element.tag == _q("t"):
            pieces.append(element.text or "")
        elif element.tag == _q("tab"):
            pieces.append("\t")
        else:
            pieces.append("\n")
    return "".join(pieces)


def _paragraph_block(p: etree._Element) -> Block | None:
    text = _runs_text(p).strip()
    if not text:
        return None
    style = ""
    props = p.find(_q("pPr"))
    numbered = False
    level = 0
    if props is not None:
        style_el = props.find(_q("pStyle"))
        if style_el is not None:
            style = style_el.get(_q("val"), "")
        num = props.find(_q("numPr"))
        if num is not None:
            numbered = True
            ilvl = num.find(_q("ilvl"))
            if ilvl is not None and (ilvl.get(_q("val")) or "0").isdigit():
                level = min(int(ilvl.get(_q("val")) or "0"), 3)
    heading = _HEADING_STYLE.match(style.replace("-", ""))
    if style.lower() == "title":
        return Block("heading", text, 1)
    if heading:
        return Block("heading", text, min(max(int(heading.group(1)), 1), 3))
    if numbered or style.lower().startswith("list"):
        return Block("item", text, level)
    return Block("paragraph", text)


def _cell_text(cell: etree._Element) -> str:
    return "\n".join(t for p in cell.iter(_q("p")) if (t := _runs_text(p).strip()))
