"""A stored (anonymised) Word document as blocks: text with its emphasis, numbered and
bulleted lists with their numbers, tables, pictures, the header and footer text, and the
footnotes, endnotes and comments the text refers to.

The appendix must read like the document the learner attached: bold, italic, underlined and
struck words keep their look (a greeting script's emphasis is part of the evidence), the header
and footer say whose form it is, and a photo or screenshot in the document is shown where it
stands in the text, with the description Word keeps for it (``wp:docPr`` ``descr``/``title``)
as its alt text.

Lists are numbered as Word numbers them (``wordnumbering``, with ``wordstyles`` for paragraphs
numbered or emphasised by their style). A footnote or endnote reference becomes its number,
raised, where it stands; a comment its mark ("[A1]": the initials the anonymised copy keeps and
a number); the notes themselves follow the body in the order their marks appear.

Everything comes from the stored copy, which was anonymised when it was attached (so were the
pictures' metadata and descriptions, the footnotes, endnotes and comments, and the comments'
authors and initials, and the words of list level texts: ``anonymise.docx`` edits every
``word/*.xml`` part except styles, settings, fonts and themes, and nothing from those is shown
as text here; level texts' words only when the anonymiser marked the numbering part as done,
``wordnumbering``): nothing is read from anywhere else. The package is opened
as ``anonymise.docx`` opens it: the same zip limits (``check_zip_limits``: no zip bombs, no
encrypted parts), and lxml without DTDs, entities or network. Pictures have their own limits:
``MAX_PICTURE_BYTES`` each, ``MAX_PICTURES_BYTES`` in all, ``MAX_PICTURES`` placed per
document, and ``anonymise.image.MAX_IMAGE_PIXELS`` (decoded in full here, so a damaged picture
is found now and named in one line, never in the middle of the layout). PIL is imported only
when a document has pictures.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from typing import ClassVar

from lxml import etree

from portfolio.anonymise.sniff import check_zip_limits
from portfolio.errors import UnsupportedFileError
from portfolio.export.blocks import Block, Note, Picture, Readable, Span, spans_text, styled
from portfolio.export.wordnumbering import Numbering, format_number
from portfolio.export.wordstyles import WordStyles, flag, numbering_of

MAX_PICTURE_BYTES = 25 * 1024 * 1024
MAX_PICTURES_BYTES = 100 * 1024 * 1024
MAX_PICTURES = 200
# Tables inside table cells are laid out as tables down to this depth; deeper ones as their text
# (each level narrows the columns, and a deep nest would leave no room to lay anything out).
MAX_TABLE_DEPTH = 3
MIN_PPI, MAX_RECORDED_PPI = 96.0, 1200.0
EMU_PER_POINT = 12_700

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str, ns: str = _W) -> str:
    return f"{{{ns}}}{tag}"


_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
_HEADING_STYLE = re.compile(r"^(?:heading|kop|berschrift|titre)\s*(\d)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list(?: bullet| number| continue)? ([2-9])$")
_VAL = _q("val")
_P, _TBL, _TR, _TC, _R_, _T = (_q(t) for t in ("p", "tbl", "tr", "tc", "r", "t"))
_CONTAINERS = frozenset(_q(t) for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo"))
# Not shown: properties, deleted or moved-away text, field codes, and the older copy of a
# drawing Word keeps for other programs (mc:Fallback; the mc:Choice is read).
_SKIPPED = frozenset(
    [
        *(_q(t) for t in ("rPr", "pPr", "del", "moveFrom", "instrText", "delText", "sectPr")),
        # A note's own mark inside the note: the appendix labels each note with its mark.
        *(_q(t) for t in ("footnoteRef", "endnoteRef", "annotationRef")),
        _q("Fallback", _MC),
    ]
)
_BREAKS = frozenset(_q(t) for t in ("br", "cr"))
_NOTE_REFERENCES = {
    _q("footnoteReference"): "footnotes",
    _q("endnoteReference"): "endnotes",
    _q("commentReference"): "comments",
}
# Word's own numbering of notes when the document does not choose one.
_NOTE_FORMATS = {"footnotes": "decimal", "endnotes": "lowerRoman"}
MAX_NOTES = 500
_SHOWN_FORMATS = frozenset({"PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP"})
_VML_LENGTH = re.compile(r"(width|height)\s*:\s*([\d.]+)\s*(pt|in|cm|mm|px)?", re.IGNORECASE)
_POINTS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "": 0.75}


def read_word(data: bytes, name: str) -> Readable:
    """The body, header and footer of a Word package as blocks.

    Raises:
        UnsupportedFileError: the package is damaged, unsafe, or has no document part.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsupportedFileError(f"'{name}' is damaged: it is not a readable archive.") from exc
    with archive:
        check_zip_limits(archive, name)
        package = _Package(archive, name)
        root = package.xml("word/document.xml")
        if root is None:
            raise UnsupportedFileError(f"'{name}' is damaged: it has no document part.")
        body = root.find(_q("body"))
        if body is None:
            return Readable(())
        main = _Part(package, "word/document.xml")
        package.setup(main.types, root)
        blocks = main.walk(body)
        header, footer = _headers_and_footers(package, main, body)
        notes = package.notes.collected()
    return Readable(
        tuple(blocks),
        header=header,
        footer=footer,
        footnotes=notes["footnotes"],
        endnotes=notes["endnotes"],
        comments=notes["comments"],
    )


@dataclass
class _Package:
    """The open package: its parts read with the safe parser, pictures counted and cached."""

    archive: zipfile.ZipFile
    name: str
    pictures: int = 0
    picture_bytes: int = 0
    loaded: dict[str, Picture] = field(default_factory=dict)
    styles: WordStyles = field(default_factory=lambda: WordStyles(None))
    numbering: Numbering = field(default_factory=lambda: Numbering(None, WordStyles(None)))
    notes: _Notes = field(default_factory=lambda: _Notes(None, {}, {}))

    def setup(self, types: dict[str, str], document: etree._Element) -> None:
        """Styles, numbering and notes, from the parts the document's relationships name."""
        self.styles = WordStyles(self._optional(types.get("styles")))
        self.numbering = Numbering(self._optional(types.get("numbering")), self.styles)
        formats = _note_formats(self._optional(types.get("settings")), document)
        self.notes = _Notes(self, types, formats)

    def _optional(self, part: str | None) -> etree._Element | None:
        """A part the document can do without: a damaged one is read as missing."""
        if part is None:
            return None
        try:
            return self.xml(part)
        except UnsupportedFileError:
            return None

    def raw(self, part: str) -> bytes | None:
        try:
            return self.archive.read(part)
        except KeyError:
            return None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
            raise UnsupportedFileError(f"'{self.name}' is damaged: {part} cannot be read.") from exc

    def xml(self, part: str) -> etree._Element | None:
        data = self.raw(part)
        if data is None:
            return None
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise UnsupportedFileError(f"'{self.name}' is damaged: {part} cannot be read.") from exc

    def relationships(self, part: str) -> tuple[dict[str, str], dict[str, str]]:
        """rId -> the part it names, for the parts inside the package (links out are left);
        and the same parts by the last word of their relationship type ("styles", "footnotes")."""
        folder, base = posixpath.split(part)
        out: dict[str, str] = {}
        types: dict[str, str] = {}
        try:
            root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        except UnsupportedFileError:
            return out, types
        if root is None:
            return out, types
        for rel in root.iter(_q("Relationship", _PKG)):
            rid, target = rel.get("Id"), rel.get("Target")
            if not rid or not target or rel.get("TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            path = posixpath.normpath(path)
            if not path.startswith(".."):
                out[rid] = path
                types.setdefault((rel.get("Type") or "").rsplit("/", 1)[-1], path)
        return out, types

    def picture(self, part: str | None, alt: str, width: float, height: float) -> Picture:
        """The picture stored at ``part``, checked, at the size the document gives it."""
        label = posixpath.basename(part) if part else "linked"
        self.pictures += 1
        if self.pictures > MAX_PICTURES:
            return Picture(label, alt, problem=f"not shown: more than {MAX_PICTURES} pictures")
        if part is None:
            return Picture(label, alt, problem="is linked to a file outside the document")
        known = self.loaded.get(part)
        if known is None:
            known = self.loaded[part] = self._load(part, label)
        return replace(known, alt=alt, width=width, height=height)

    def _load(self, part: str, label: str) -> Picture:
        try:
            size = self.archive.getinfo(part).file_size
        except KeyError:
            return Picture(label, "", problem="is missing from the document")
        if size > MAX_PICTURE_BYTES:
            return Picture(
                label,
                "",
                problem=f"is too large to show ({size / 1048576:.0f} MB; "
                f"the limit is {MAX_PICTURE_BYTES // 1048576} MB)",
            )
        if self.picture_bytes + size > MAX_PICTURES_BYTES:
            return Picture(
                label,
                "",
                problem=f"not shown: the document's pictures pass "
                f"{MAX_PICTURES_BYTES // 1048576} MB in all",
            )
        try:
            data = self.raw(part)
        except UnsupportedFileError:
            data = None
        if data is None:
            return Picture(label, "", problem="is damaged")
        self.picture_bytes += len(data)
        return _checked(label, data)


def _checked(label: str, data: bytes) -> Picture:
    """The picture decoded once in full: its pixels and recorded ppi, or why it cannot be shown."""
    from PIL import Image  # only when a Word document has pictures

    from portfolio.anonymise.image import MAX_IMAGE_PIXELS

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                fmt = img.format or ""
                width, height = img.size
                if fmt in ("WMF", "EMF"):
                    return Picture(label, "", problem=f"is a Windows metafile ({fmt}), not shown")
                if fmt not in _SHOWN_FORMATS:
                    return Picture(label, "", problem=f"is in a format not shown ({fmt})")
                if width * height > MAX_IMAGE_PIXELS:
                    return Picture(
                        label,
                        "",
                        problem=f"is too large to show ({width} x {height} pixels; the limit "
                        f"is {MAX_IMAGE_PIXELS // 1_000_000} megapixels)",
                    )
                img.load()
                dpi = img.info.get("dpi")
    except (
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return Picture(label, "", problem="is damaged or not a picture")
    ppi = 0.0
    recorded = dpi[0] if isinstance(dpi, tuple) and dpi else None
    if isinstance(recorded, int | float) and MIN_PPI <= float(recorded) <= MAX_RECORDED_PPI:
        ppi = float(recorded)
    return Picture(label, "", data=data, pixels=(width, height), ppi=ppi)


class _Part:
    """One XML part of the package (the body, a header, a footer) with its relationships."""

    def __init__(self, package: _Package, part: str, *, marks: bool = True) -> None:
        self.package = package
        self.rels, self.types = package.relationships(part)
        self.depth = 0  # tables we are inside
        self.marks = marks  # False inside a note: its references to other notes are not shown
        self.base = Span("")  # the emphasis the current paragraph's style gives its runs

    # -- blocks -------------------------------------------------------------------------------

    def walk(self, parent: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        for child in parent:
            if child.tag == _P:
                blocks += self.paragraph(child)
            elif child.tag == _TBL:
                table = self.table(child)
                if table is not None:
                    blocks.append(table)
            elif child.tag in _CONTAINERS:
                blocks += self.walk(child)
        return blocks

    def table(self, tbl: etree._Element) -> Block | None:
        if self.depth >= MAX_TABLE_DEPTH:
            pieces: list[Span | Picture] = []
            for p in tbl.iter(_P):
                if pieces:
                    pieces.append(Span("\n"))
                self.inline(p, Span(""), pieces)
            return _text_block("paragraph", 0, [x for x in pieces if isinstance(x, Span)])
        grid: list[tuple[tuple[Block, ...], ...]] = []
        self.depth += 1
        try:
            for tr in tbl.iter(_TR):
                if _nearest(tr, _TBL) is not tbl:
                    continue  # a row of a table nested in a cell: part of that cell
                cells = tuple(tuple(self.walk(tc)) for tc in tr if tc.tag == _TC)
                if cells:
                    grid.append(cells)
        finally:
            self.depth -= 1
        if not grid:
            return None
        width = max(len(r) for r in grid)
        square = tuple(r + ((),) * (width - len(r)) for r in grid)
        rows = tuple(tuple(_cell_text(c) for c in row) for row in square)
        plain = all(b.kind == "paragraph" and not b.spans for r in square for c in r for b in c)
        return Block("table", rows=rows, cells=() if plain else square)

    def paragraph(self, p: etree._Element) -> list[Block]:
        """The paragraph as text blocks of its kind, split around the pictures in it: a list
        item with its number or bullet, a numbered heading with its number before the text."""
        props = p.find(_q("pPr"))
        style_el = props.find(_q("pStyle")) if props is not None else None
        style_id = style_el.get(_VAL, "") if style_el is not None else ""
        look = self.package.styles.look(style_id or self.package.styles.default_paragraph)
        kind, level = _paragraph_kind(style_id, look.names)
        numbered = numbering_of(props) or look.numbered
        label = self.package.numbering.label(numbered, style_id) if numbered else None
        marker, group = "•", ""
        if label is not None:
            marker, group, level = label
            if kind == "paragraph":
                kind = "item"
            if numbered is not None and numbered.level is None:
                level = max(level, _list_style_level(look.name))
        elif numbered is not None and numbered.num_id not in ("", "0") and kind == "paragraph":
            kind, level = "item", min(numbered.level or 0, 8)  # a list Word cannot resolve
        elif kind == "item" and numbered is not None:
            kind = "paragraph"  # a list style whose numbering the paragraph switched off
        saved, self.base = self.base, Span("", bold=bool(look.bold), italic=bool(look.italic))
        pieces: list[Span | Picture] = []
        try:
            if kind == "heading" and label is not None and label[0]:
                pieces.append(Span(label[0] + " "))
            self.inline(p, self.base, pieces)
        finally:
            self.base = saved
        blocks: list[Block] = []
        run: list[Span] = []
        for piece in [*pieces, None]:
            if isinstance(piece, Span):
                run.append(piece)
                continue
            text_block = _text_block(kind, level, run)
            if text_block is not None:
                if kind == "item":
                    text_block = replace(text_block, marker=marker, group=group)
                    marker = ""  # the rest of a paragraph split by a picture: no second number
                blocks.append(text_block)
            run = []
            if piece is not None:
                blocks.append(Block("picture", piece.alt, picture=piece))
        return blocks

    # -- inside a paragraph -------------------------------------------------------------------

    def inline(self, element: etree._Element, style: Span, out: list[Span | Picture]) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _R_:
                self.inline(child, _run_style(child, self.base, self.package.styles), out)
            elif tag in _NOTE_REFERENCES:
                kind = _NOTE_REFERENCES[tag]
                mark = self.package.notes.mark(kind, child) if self.marks else ""
                if mark:
                    out.append(replace(style, text=mark, script="super", note=kind))
            elif tag == _T:
                out.append(replace(style, text=child.text or ""))
            elif tag == _q("tab"):
                out.append(replace(style, text="\t"))
            elif tag in _BREAKS:
                out.append(replace(style, text="\n"))
            elif tag == _q("noBreakHyphen"):
                out.append(replace(style, text="\u2011"))
            elif tag == _q("drawing"):
                self.drawing(child, style, out)
            elif tag in (_q("pict"), _q("object")):
                self.vml(child, style, out)
            else:
                self.inline(child, style, out)

    def drawing(self, drawing: etree._Element, style: Span, out: list[Span | Picture]) -> None:
        """The pictures of a DrawingML drawing, and the text of its text boxes."""
        frame = next(iter(drawing), None)  # wp:inline or wp:anchor
        doc_pr = frame.find(_q("docPr", _WP)) if frame is not None else None
        extent = frame.find(_q("extent", _WP)) if frame is not None else None
        width = _emu(extent, "cx")
        height = _emu(extent, "cy")
        for blip in drawing.iter(_q("blip", _A)):
            alt = _description(doc_pr) or _description(_picture_props(blip))
            embed = blip.get(_q("embed", _R))
            part = self.rels.get(embed) if embed else None
            out.append(self.package.picture(part, alt, width, height))
        for box in drawing.iter(_q("txbxContent")):
            for p in box.iter(_P):
                out.append(replace(style, text="\n"))
                self.inline(p, style, out)

    def vml(self, pict: etree._Element, style: Span, out: list[Span | Picture]) -> None:
        """A legacy (VML) picture: v:imagedata in a v:shape, sized by the shape's style."""
        for data in pict.iter(_q("imagedata", _V)):
            shape = data.getparent()
            alt = " ".join(
                (
                    (shape.get("alt") if shape is not None else None)
                    or data.get(_q("title", _O))
                    or ""
                ).split()
            )
            rid = data.get(_q("id", _R)) or data.get(_q("relid", _O))
            part = self.rels.get(rid) if rid else None
            width, height = _vml_size(shape.get("style", "") if shape is not None else "")
            out.append(self.package.picture(part, alt, width, height))
        for box in pict.iter(_q("txbxContent")):
            for p in box.iter(_P):
                out.append(replace(style, text="\n"))
                self.inline(p, style, out)


class _Notes:
    """The footnotes, endnotes and comments the text refers to, each marked in reading order
    (footnotes 1, 2, 3 ...; endnotes i, ii ...; comments [A1], [A2] ... with the initials the
    anonymised copy keeps), and read once every reference has been seen."""

    _TAGS: ClassVar[dict[str, str]] = {
        "footnotes": "footnote",
        "endnotes": "endnote",
        "comments": "comment",
    }
    _NOT_NOTES = ("separator", "continuationSeparator", "continuationNotice")

    def __init__(
        self,
        package: _Package | None,
        types: dict[str, str],
        formats: dict[str, tuple[str, int]],
    ) -> None:
        self.package = package
        self.parts = {kind: types.get(kind) for kind in self._TAGS}
        self.formats = formats
        self._elements: dict[str, dict[str, etree._Element]] = {}
        self._marks: dict[tuple[str, str], str] = {}
        self._counted = dict.fromkeys(self._TAGS, 0)
        self.order: dict[str, list[tuple[etree._Element, str, str]]] = {k: [] for k in self._TAGS}

    def _notes_of(self, kind: str) -> dict[str, etree._Element]:
        known = self._elements.get(kind)
        if known is None:
            known = self._elements[kind] = {}
            part = self.parts.get(kind)
            root = self.package._optional(part) if self.package and part else None
            for el in root.iter(_q(self._TAGS[kind])) if root is not None else ():
                if el.get(_q("type")) not in self._NOT_NOTES:
                    known.setdefault(el.get(_q("id"), ""), el)
        return known

    def mark(self, kind: str, reference: etree._Element) -> str:
        """The mark to show where ``reference`` stands ("" when it names no note)."""
        note_id = reference.get(_q("id"), "")
        key = (kind, note_id)
        if key in self._marks:
            return self._marks[key]
        element = self._notes_of(kind).get(note_id)
        if element is None or len(self.order[kind]) >= MAX_NOTES:
            return ""
        initials = ""
        if kind == "comments":
            initials = "".join(c for c in element.get(_q("initials"), "") if c.isalnum())[:8]
            self._counted[kind] += 1
            mark = label = f"[{initials}{self._counted[kind]}]"
        elif flag(reference, "customMarkFollows"):
            mark, label = "", "*"  # the author's own mark is the text that follows
        else:
            fmt, start = self.formats.get(kind, ("decimal", 1))
            mark = label = format_number(start + self._counted[kind], fmt)
            self._counted[kind] += 1
        self._marks[key] = mark
        self.order[kind].append((element, label, initials))
        return mark

    def collected(self) -> dict[str, tuple[Note, ...]]:
        """Every note referred to, with its blocks (references inside notes are not followed)."""
        out: dict[str, tuple[Note, ...]] = {}
        for kind, found in self.order.items():
            part = self.parts.get(kind)
            if not found or self.package is None or part is None:
                out[kind] = ()
                continue
            reader = _Part(self.package, part, marks=False)
            out[kind] = tuple(
                Note(label, tuple(reader.walk(element)), initials)
                for element, label, initials in found
            )
        return out


def _note_formats(
    settings: etree._Element | None, document: etree._Element
) -> dict[str, tuple[str, int]]:
    """The number format and start of footnotes and endnotes: Word's defaults, the document's
    settings, then its last section's own choice."""
    formats = {kind: (fmt, 1) for kind, fmt in _NOTE_FORMATS.items()}
    sources = [settings] if settings is not None else []
    body = document.find(_q("body"))
    last = body.find(_q("sectPr")) if body is not None else None
    if last is not None:
        sources.append(last)
    for source in sources:
        for kind, tag in (("footnotes", "footnotePr"), ("endnotes", "endnotePr")):
            props = source.find(_q(tag))
            if props is None:
                continue
            fmt_el, start_el = props.find(_q("numFmt")), props.find(_q("numStart"))
            fmt, start = formats[kind]
            if fmt_el is not None and fmt_el.get(_VAL):
                fmt = fmt_el.get(_VAL, fmt)
            value = start_el.get(_VAL, "") if start_el is not None else ""
            if value.isdigit():
                start = min(int(value), 99_999)
            formats[kind] = (fmt, start)
    return formats


def _headers_and_footers(
    package: _Package, main: _Part, body: etree._Element
) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """Every header's and every footer's blocks, each text once (a first-page header that says
    what the default one says is not repeated)."""
    found: dict[str, list[Block]] = {"header": [], "footer": []}
    seen_parts: set[str] = set()
    seen_text: dict[str, set[tuple[str, tuple[Span, ...]]]] = {"header": set(), "footer": set()}
    for sect in body.iter(_q("sectPr")):
        for ref in sect:
            kind = {_q("headerReference"): "header", _q("footerReference"): "footer"}.get(ref.tag)
            rid = ref.get(_q("id", _R))
            part = main.rels.get(rid) if kind and rid else None
            if kind is None or part is None or part in seen_parts:
                continue
            seen_parts.add(part)
            try:
                root = package.xml(part)
            except UnsupportedFileError:
                found[kind].append(Block("paragraph", f"The {kind} cannot be read."))
                continue
            if root is None:
                continue
            for block in _Part(package, part).walk(root):
                key = (block.text + repr(block.rows), block.spans)
                if block.kind != "picture" and key in seen_text[kind]:
                    continue
                seen_text[kind].add(key)
                found[kind].append(block)
    return tuple(found["header"]), tuple(found["footer"])


def _nearest(element: etree._Element, tag: str) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _run_style(run: etree._Element, base: Span, styles: WordStyles) -> Span:
    """The emphasis of a run: its own properties, else its character style's (through the
    style's chain; the built-in Strong and Emphasis by name too), else its paragraph's."""
    props = run.find(_q("rPr"))
    if props is None:
        return base
    style_el = props.find(_q("rStyle"))
    style_id = style_el.get(_VAL, "") if style_el is not None else ""
    char = styles.look(style_id) if style_id else None
    named = style_id.lower()
    bold = flag(props, "b")
    if bold is None:
        bold = True if named in ("strong", "bold") else char.bold if char else None
    italic = flag(props, "i")
    if italic is None:
        italic = True if named in ("emphasis", "italic") else char.italic if char else None
    align = props.find(_q("vertAlign"))
    script = {"superscript": "super", "subscript": "sub"}.get(
        align.get(_VAL, "") if align is not None else "", ""
    )
    return Span(
        "",
        bold=base.bold if bold is None else bold,
        italic=base.italic if italic is None else italic,
        underline=bool(flag(props, "u")),
        strike=bool(flag(props, "strike")) or bool(flag(props, "dstrike")),
        script=script,
    )


def _paragraph_kind(style_id: str, names: tuple[str, ...]) -> tuple[str, int]:
    """A heading (by its style or a style it is based on), a list item by a list style's name,
    else a paragraph; with the heading level."""
    for name in (style_id, *names):
        plain = name.replace("-", "").replace(" ", "")
        if plain.lower() == "title":
            return "heading", 1
        heading = _HEADING_STYLE.match(plain) or _HEADING_STYLE.match(name)
        if heading:
            return "heading", min(max(int(heading.group(1)), 1), 3)
    if style_id.lower().startswith("list") and not style_id.lower().startswith("listparagraph"):
        return "item", 0
    return "paragraph", 0


def _list_style_level(name: str) -> int:
    """The nesting Word's "List Number 2" / "List Bullet 3" styles give by their indent."""
    found = _LIST_STYLE.match(name)
    return min(int(found.group(1)) - 1, 8) if found else 0


def _text_block(kind: str, level: int, run: list[Span]) -> Block | None:
    """A text block of the paragraph's kind from its spans, surrounding blanks trimmed."""
    spans = list(run)
    while spans and not spans[0].text.strip():
        spans.pop(0)
    while spans and not spans[-1].text.strip():
        spans.pop()
    if not spans:
        return None
    spans[0] = replace(spans[0], text=spans[0].text.lstrip())
    spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return Block(kind, spans_text(spans), level, spans=styled(spans))


def _cell_text(cell: tuple[Block, ...]) -> str:
    return "\n".join(b.text for b in cell if b.text and b.kind != "picture")


def _emu(extent: etree._Element | None, attr: str) -> float:
    value = extent.get(attr, "") if extent is not None else ""
    return int(value) / EMU_PER_POINT if value.isdigit() else 0.0


def _description(props: etree._Element | None) -> str:
    if props is None:
        return ""
    return " ".join((props.get("descr") or props.get("title") or "").split())


def _picture_props(blip: etree._Element) -> etree._Element | None:
    pic = _nearest(blip, _q("pic", _PIC))
    return pic.find(f"{_q('nvPicPr', _PIC)}/{_q('cNvPr', _PIC)}") if pic is not None else None


def _vml_size(style: str) -> tuple[float, float]:
    size = {"width": 0.0, "height": 0.0}
    for name, number, unit in _VML_LENGTH.findall(style):
        try:
            size[name.lower()] = float(number) * _POINTS[(unit or "").lower()]
        except ValueError:
            continue
    return size["width"], size["height"]
