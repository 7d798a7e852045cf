"""A Word document's paragraph and character styles, as far as the appendix needs them.

A learner's "Script line" style may be bold, a "Customer says" style italic, and a "List Number"
paragraph is numbered by its style, not by anything on the paragraph itself: without
``styles.xml`` such a document would lose its emphasis and its numbers in the PDF. Each style is
resolved through its ``w:basedOn`` chain (a loop or a chain deeper than ``MAX_CHAIN`` stops
there). Only on/off properties and numbering references are read, never the styles' names as
text to show (``styles.xml`` is not a part the anonymiser edits; nothing in it is shown).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_CHAIN = 20
_VAL = f"{{{W}}}val"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def flag(props: etree._Element | None, tag: str) -> bool | None:
    """An on/off property (``w:b``, ``w:i``): True, False, or None when it is not set here."""
    el = props.find(q(tag)) if props is not None else None
    if el is None:
        return None
    return el.get(_VAL, "true").lower() not in ("0", "false", "off", "none")


@dataclass(frozen=True, slots=True)
class Numbered:
    """A numbering reference: which list (``w:numId``) and which level; ``level`` None when
    the reference does not say (a style's numbering: the level linked to the style, else 0)."""

    num_id: str
    level: int | None = None


_NUM_PR, _NUM_ID, _ILVL = q("numPr"), q("numId"), q("ilvl")


def numbering_of(props: etree._Element | None) -> Numbered | None:
    """The ``w:numPr`` of paragraph properties, if any (``numId`` 0 means "not numbered")."""
    num = props.find(_NUM_PR) if props is not None else None
    if num is None:
        return None
    num_el, lvl_el = num.find(_NUM_ID), num.find(_ILVL)
    level_text = lvl_el.get(_VAL, "") if lvl_el is not None else ""
    level = int(level_text) if level_text.isdigit() else None
    return Numbered(num_el.get(_VAL, "") if num_el is not None else "", level)


@dataclass(frozen=True, slots=True)
class StyleLook:
    """What a style (with everything it is based on) gives a paragraph or a run."""

    bold: bool | None = None
    italic: bool | None = None
    numbered: Numbered | None = None
    name: str = ""  # the style's own name (lower case), to recognise built-in headings
    names: tuple[str, ...] = ()  # its name and the names of the styles it is based on


@dataclass(frozen=True, slots=True)
class _Raw:
    based_on: str
    bold: bool | None
    italic: bool | None
    numbered: Numbered | None
    name: str


class WordStyles:
    """The styles of one document, each read and resolved when first asked for (a template
    defines hundreds; a document uses a few)."""

    def __init__(self, root: etree._Element | None) -> None:
        self._elements: dict[str, etree._Element] = {}
        self._raw: dict[str, _Raw | None] = {}
        self._resolved: dict[str, StyleLook] = {}
        self.default_paragraph = ""
        self.base = StyleLook()
        if root is None:
            return
        defaults = root.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}")
        self.base = StyleLook(flag(defaults, "b"), flag(defaults, "i"))
        style_id_attr, type_attr, default_attr = q("styleId"), q("type"), q("default")
        for style in root.iterchildren(q("style")):
            style_id = style.get(style_id_attr, "")
            if style_id:
                self._elements.setdefault(style_id, style)
                if style.get(type_attr) == "paragraph" and style.get(default_attr) in ("1", "true"):
                    self.default_paragraph = style_id

    def _read(self, style_id: str) -> _Raw | None:
        if style_id in self._raw:
            return self._raw[style_id]
        style = self._elements.get(style_id)
        raw = None
        if style is not None:
            based = style.find(q("basedOn"))
            name = style.find(q("name"))
            run_props = style.find(q("rPr"))
            raw = _Raw(
                based.get(_VAL, "") if based is not None else "",
                flag(run_props, "b"),
                flag(run_props, "i"),
                numbering_of(style.find(q("pPr"))),
                " ".join((name.get(_VAL, "") if name is not None else "").lower().split()),
            )
        self._raw[style_id] = raw
        return raw

    def look(self, style_id: str) -> StyleLook:
        """The style's bold, italic and numbering, each from the nearest style that sets it."""
        known = self._resolved.get(style_id)
        if known is not None:
            return known
        bold = italic = None
        numbered: Numbered | None = None
        names: list[str] = []
        seen: set[str] = set()
        current = style_id
        while current and current not in seen and len(seen) < MAX_CHAIN:
            seen.add(current)
            raw = self._read(current)
            if raw is None:
                break
            names.append(raw.name)
            bold = raw.bold if bold is None else bold
            italic = raw.italic if italic is None else italic
            numbered = raw.numbered if numbered is None else numbered
            current = raw.based_on
        look = StyleLook(
            self.base.bold if bold is None else bold,
            self.base.italic if italic is None else italic,
            numbered,
            names[0] if names else "",
            tuple(names),
        )
        self._resolved[style_id] = look
        return look

    def numbering_of_style(self, style_id: str) -> Numbered | None:
        """The numbering a style gives (through its chain): used by ``w:numStyleLink``."""
        return self.look(style_id).numbered if style_id in self._raw else None
