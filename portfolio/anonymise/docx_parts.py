"""The Word parts outside the text that can still name people, found and made safe.

A Word package carries personal data outside its paragraphs, in parts a reader never sees
directly but Word shows or uses:

- ``word/styles.xml``: style names and aliases are shown in Word's style gallery ("Prepared by
  Jane Smith"); a style whose name is anonymised gets a new style id from its new name, and
  every reference to the old id (paragraph, run, table and numbering styles, "based on",
  "next", "linked") is rewritten, so the document keeps its formatting.
- ``word/settings.xml``: document variables (``w:docVar``, text a template or macro stored) and
  the mail-merge data source and query; the attached template and data source are relationship
  targets, usually a path through the author's user folder ("C:\\Users\\jsmith\\...").
- ``customXml/item*.xml``: data bound to content controls (a cover page's author, company,
  address); Word puts it back into the controls when the document opens, so anonymising the
  text alone is not enough.
- ``docProps/app.xml``: the titles of parts (the document's title again).
- ``docProps/thumbnail.*``: a picture of the first page, text and all: removed.

The texts found here go into the document's one plan (the same person, the same placeholder);
what to anonymise is decided by the detector, never here. Headers, footers, notes, comments,
glossary (building block) documents and ``people.xml`` are ordinary parts of ``docx``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import PureWindowsPath

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VAL = f"{{{W}}}val"
_STYLE = f"{{{W}}}style"
_STYLE_ID = f"{{{W}}}styleId"
STYLE_PARTS = re.compile(r"(word/(?:glossary/)?)(?:styles|stylesWithEffects)\.xml$")
SETTINGS_PART = re.compile(r"(word/(?:glossary/)?)settings\.xml$")
CUSTOM_XML = re.compile(r"customXml/item\d+\.xml$", re.IGNORECASE)
THUMBNAIL = re.compile(r"docProps/thumbnail\.[A-Za-z]+$", re.IGNORECASE)
THUMBNAIL_TYPE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
# Elements whose w:val names a style by its id.
STYLE_REFERENCES = frozenset(
    f"{{{W}}}{tag}"
    for tag in (
        "pStyle",
        "rStyle",
        "tblStyle",
        "basedOn",
        "next",
        "link",
        "styleLink",
        "numStyleLink",
    )
)
_SETTINGS_VALUES = frozenset(
    f"{{{W}}}{tag}" for tag in ("docVar", "connectString", "query", "addressFieldName")
)
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
EMPTY_CUSTOM_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b"<!-- portfolio: damaged custom XML replaced -->\n<empty/>"
)
CUSTOM_XML_NOTE = (
    "A part of the document's custom data ({part}) was damaged and could not be checked for "
    "personal data: it was replaced by an empty one."
)


def may_name_people(member: str, raw: bytes) -> bool:
    """Whether a style or settings part holds any text of the author's own: a style someone
    made (``w:customStyle``) or gave another name (``w:aliases``); document variables or a
    mail merge. Word's built-in styles are named by Word ("heading 1", "Light Shading"), and
    a template holds about 160 of them: sending each to the detector cost four times the rest
    of a small document."""
    if STYLE_PARTS.match(member):
        return b"customStyle" in raw or b"aliases" in raw
    return b"docVar" in raw or b"mailMerge" in raw


_CUSTOM_STYLE = re.compile(rb'<w:style\b[^>]*?\bw:customStyle="(?:1|true|on)"[^>]*>')
_STYLE_NAME = re.compile(rb'<w:name\b[^>]*?\bw:val="([^"]*)"')
_ALIASES = re.compile(rb'<w:aliases\b[^>]*?\bw:val="([^"]*)"')
_W_DECLARED = b'xmlns:w="' + W.encode() + b'"'


def quick_style_names(raw: bytes) -> list[str] | None:
    """``style_names``' texts read from the part's bytes without building its tree (a
    template's styles part is several hundred kilobytes: parsing and writing it back cost more
    than the document's text); None when the part is not written the way Word writes it
    (UTF-8, the ``w`` prefix), and must be parsed."""
    if _W_DECLARED not in raw or b"\x00" in raw[:200]:
        return None
    values = []
    for style in _CUSTOM_STYLE.finditer(raw):
        end = raw.find(b"</w:style>", style.end())
        name = _STYLE_NAME.search(raw, style.end(), end if end >= 0 else len(raw))
        if name is not None:
            values.append(name.group(1))
    values += [alias.group(1) for alias in _ALIASES.finditer(raw)]
    return [html.unescape(v.decode("utf-8", "replace")) for v in values if v]


def style_names(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """(element, attribute) of the names of the styles the author made and of every style's
    aliases: the texts of their own that Word shows."""
    found = []
    custom = f"{{{W}}}customStyle"
    for style in root.iter(_STYLE):
        own = style.get(custom) in ("1", "true", "on")
        for child in style:
            if child.get(_VAL) and (
                child.tag == f"{{{W}}}aliases" or (own and child.tag == f"{{{W}}}name")
            ):
                found.append((child, _VAL))
    return found


def renamed_styles(root: etree._Element, before: dict[str, str]) -> dict[str, str]:
    """Give each style whose name changed (``before``: style id -> its name before) an id made
    from its new name, unique in the part; old id -> new id."""
    styles = {s.get(_STYLE_ID, ""): s for s in root.iter(_STYLE)}
    taken = set(styles)
    renamed: dict[str, str] = {}
    for style_id, old_name in before.items():
        style = styles.get(style_id)
        name = style.find(f"{{{W}}}name") if style is not None else None
        if style is None or name is None or name.get(_VAL) == old_name:
            continue
        base = re.sub(r"[^0-9A-Za-z]", "", name.get(_VAL) or "") or "Style"
        new, n = base, 1
        while new in taken:
            n += 1
            new = f"{base}{n}"
        taken.add(new)
        style.set(_STYLE_ID, new)
        renamed[style_id] = new
    return renamed


DAMAGED_PART_NOTE = (
    "The document's {part} was damaged and could not be checked for personal data: it was "
    "replaced by an empty one, so Word uses its own defaults there."
)


def empty_part(member: str) -> bytes:
    """An empty styles or settings part, in place of a damaged one."""
    root = "styles" if STYLE_PARTS.match(member) else "settings"
    return (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b"<w:" + root.encode() + b' xmlns:w="' + W.encode() + b'"/>'
    )


def style_ids_and_names(root: etree._Element) -> dict[str, str]:
    """Style id -> its name, for ``renamed_styles`` to compare after anonymising."""
    out = {}
    for style in root.iter(_STYLE):
        name = style.find(f"{{{W}}}name")
        out[style.get(_STYLE_ID, "")] = name.get(_VAL, "") if name is not None else ""
    return out


def rename_references(roots: Iterable[etree._Element], renamed: dict[str, str]) -> int:
    """Point every style reference in ``roots`` at the style's new id; how many changed."""
    changed = 0
    if not renamed:
        return 0
    for root in roots:
        for element in root.iter(*STYLE_REFERENCES):
            new = renamed.get(element.get(_VAL, ""))
            if new is not None:
                element.set(_VAL, new)
                changed += 1
    return changed


def settings_values(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """(element, attribute) of the document variables' values and the mail merge's
    connection and query: free text a template, macro or merge stored."""
    return [(e, _VAL) for e in root.iter(*_SETTINGS_VALUES) if e.get(_VAL)]


def element_texts(root: etree._Element) -> list[etree._Element]:
    """Elements of custom XML whose own text is not blank (the data itself)."""
    return [
        e
        for e in root.iter()
        if isinstance(e.tag, str) and e.text is not None and e.text.strip() and len(e) == 0
    ]


def app_titles(root: etree._Element) -> list[etree._Element]:
    """The ``vt:lpstr`` texts under ``TitlesOfParts``: the document's title again."""
    titles = root.find(f"{{{_EP}}}TitlesOfParts")
    if titles is None:
        return []
    return [e for e in titles.iter(f"{{{_VT}}}lpstr") if e.text and e.text.strip()]


def own_template(element: etree._Element) -> bool:
    """Whether ``element`` is app.xml's ``Template`` naming a template of the author's own
    ("Jane Smith letters.dotm"), not Word's Normal. It is removed, not sent to the detector: a
    name used as part of a file name reads as a thing, and the detector then keeps the same
    name elsewhere in the document."""
    name = (element.text or "").strip().lower()
    return element.tag == f"{{{_EP}}}Template" and name not in ("", "normal", "normal.dotm")


_LOCAL_PATH = re.compile(r"^(?:file:|[A-Za-z]:[\\/]|\\\\|/)", re.IGNORECASE)


def neutral_file_name(target: str) -> str | None:
    """A linked file's path replaced by a neutral name with the same extension ("file:///C:/
    Users/jsmith/Templates/Jane Smith letters.dotm" -> "linked-file.dotm"): the folders name
    the author's account and the file name may name anyone. Not left to the detector: a name
    inside a file name reads as a thing, and the detector then keeps that name elsewhere in
    the document. The link cannot work on another computer anyway. None if ``target`` is not
    a local or network path (a web address is left to the detector)."""
    if not _LOCAL_PATH.match(target):
        return None
    path = re.sub(r"^file:/*", "", target, flags=re.IGNORECASE)
    suffix = PureWindowsPath(path.replace("/", "\\")).suffix
    return "linked-file" + (suffix if re.fullmatch(r"\.[0-9A-Za-z]{1,8}", suffix) else "")


def is_thumbnail_relationship(rel: etree._Element) -> bool:
    return rel.get("Type") == THUMBNAIL_TYPE
