"""Word list numbering (``word/numbering.xml``): the words a list level's text holds.

A level's text is what Word prints around the number: "%1." for most lists, but an author can
write anything there ("Step %1 for Mrs Jones:", "Jane's task %1"), and Word prints it before
every item of the list. So those texts go through the same plan as the rest of the document
(``anonymise.docx`` adds them as segments, so a name gets the placeholder it has in the body),
and so does a list definition's name (``w:abstractNum/w:name``), which Word shows in its list
gallery. The number placeholders ("%1" .. "%9") must survive: a replacement that would take one
away leaves the level text with its numbers, punctuation and spaces only.

The part is marked as anonymised (an XML comment, which Word ignores) so the export can tell a
stored copy whose level texts were anonymised from one stored before they were: only then does
it show their words (``export.wordnumbering``). A numbering part that cannot be parsed cannot be
anonymised: it is replaced by an empty list of definitions (the document still opens; its lists
lose their numbers), with a note saying so.

Kept apart from ``anonymise.docx`` and free of its imports: the export reads ``is_anonymised``.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBERING_PART = "word/numbering.xml"
MARK = " portfolio: list level texts anonymised "
EMPTY_NUMBERING = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:numbering xmlns:w="' + W.encode() + b'"><!--' + MARK.encode() + b"--></w:numbering>"
)
DAMAGED_NOTE = (
    "The document's list numbering (word/numbering.xml) was damaged and could not be checked "
    "for personal data: it was replaced, so its lists lose their numbers."
)
_VAL = f"{{{W}}}val"
_LEVEL_TEXT = f"{{{W}}}lvlText"
_NAME = f"{{{W}}}name"
_ABSTRACT = f"{{{W}}}abstractNum"
_NUMBERING = f"{{{W}}}numbering"
PLACEHOLDER = re.compile(r"%[1-9]")


def is_numbering(root: etree._Element) -> bool:
    """Whether ``root`` is a list-numbering part."""
    return root.tag == _NUMBERING


def texts(root: etree._Element) -> list[etree._Element]:
    """The elements whose ``w:val`` may hold words: every level's text (in the definitions and
    in a list's overrides) and every definition's name. Texts with nothing but number
    placeholders, punctuation and symbols ("%1.", "(%2)", a bullet) cannot name anyone and are
    left out (most documents have hundreds of them)."""
    found = []
    for element in root.iter(_LEVEL_TEXT, _NAME):
        parent = element.getparent()
        if element.tag == _NAME and (parent is None or parent.tag != _ABSTRACT):
            continue
        if _has_words(element.get(_VAL) or ""):
            found.append(element)
    return found


def mark(root: etree._Element) -> None:
    """Record in the part that its level texts went through the anonymiser (once)."""
    if not is_anonymised(root):
        comment = etree.Comment(MARK)
        comment.tail = root.text
        root.text = None
        root.insert(0, comment)


def is_anonymised(root: etree._Element | None) -> bool:
    """Whether the numbering part was written by this anonymiser (its level texts scrubbed)."""
    if root is None:
        return False
    return any(
        isinstance(child, etree._Comment) and child.text == MARK
        for child in root.iterchildren(etree.Comment)
    )


def replaced(before: str, after: str) -> str:
    """The new level text, or, when the replacement lost or added a number placeholder, the
    old one with its words and digits taken out (its numbers, punctuation and spaces kept)."""
    if sorted(PLACEHOLDER.findall(before)) == sorted(PLACEHOLDER.findall(after)):
        return after
    return without_words(before)


def without_words(text: str) -> str:
    """``text`` with letters and digits outside the number placeholders taken out."""
    pieces = PLACEHOLDER.split(text)
    numbers = PLACEHOLDER.findall(text)
    out = [_strip(pieces[0])]
    for number, piece in zip(numbers, pieces[1:], strict=True):
        out += [number, _strip(piece)]
    return "".join(out)


def _strip(piece: str) -> str:
    kept = "".join(c for c in piece if not unicodedata.category(c).startswith(("L", "N")))
    return re.sub(r"\s+", " ", kept)


def _has_words(text: str) -> bool:
    rest = PLACEHOLDER.sub("", text)
    return any(unicodedata.category(c).startswith(("L", "N")) for c in rest)
