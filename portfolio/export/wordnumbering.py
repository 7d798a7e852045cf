"""Word list numbering: the number or bullet each numbered paragraph of a document shows.

A numbered procedure ("1. Greet the customer ... 3. Check the receipt", with "a.", "b." under a
step) is evidence in its order: shown with bullets it loses the step numbers an assessor refers
to. ``numbering.xml`` says, per list and level, the number format (decimal, letters, roman,
bullets), the text around the number ("%1.", "(%2)", "%1.%2"), the start value and when a level
restarts; a paragraph names its list and level (directly or through its style). The counters
run as Word runs them: lists that share a definition continue each other, a list that overrides
a start value ("restart numbering") counts on its own, and a level restarts whenever a level
above it is used (unless ``w:lvlRestart`` says otherwise).

A level's text may hold words ("Step %1 for Mrs Jones:"). The anonymiser scrubs them
(``anonymise.docx_numbering``) and marks the part it wrote; only in a part so marked are the
words shown ("Step 1 for [Person 1]:"). A copy stored before the anonymiser read level texts
shows only the counted numbers, punctuation and bullet symbols of them ("1:").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace

from lxml import etree

from portfolio.anonymise.docx_numbering import is_anonymised
from portfolio.export.wordstyles import Numbered, WordStyles, flag, q

MAX_LEVELS = 9
MAX_LABEL = 40  # a level text may hold an anonymised phrase ("Step 1 for Mrs [PERSON 1]:")
_VAL = q("val")
_PLACEHOLDER = re.compile(r"%([1-9])")
# Bullets Word writes in the Symbol and Wingdings fonts (private-use code points, or the
# character those fonts draw as a bullet), as the characters they look like.
_BULLETS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "§": "▪",
    "\uf0a8": "□",
    "\uf06e": "■",
    "\uf06c": "●",
    "\uf0d8": "➢",
    "\uf076": "❖",
    "\uf0fc": "✓",
    "ü": "✓",
    "\uf0e0": "→",
    "\uf02d": "-",
    "o": "◦",
}
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # None: "%n." for level n
    restart: int | None = None  # w:lvlRestart: 0 never; r: when level r (1-based) or above is used
    legal: bool = False  # w:isLgl: every number in the label as a decimal
    style: str = ""  # the paragraph style linked to this level


def format_number(value: int, fmt: str) -> str:
    """``value`` written in a Word number format (unknown formats as decimals)."""
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        # Word's letters: a .. z, then aa .. zz, then aaa ...
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out, rest = "", value
        for number, numeral in _ROMAN:
            while rest >= number:
                out += numeral
                rest -= number
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero" and 0 <= value < 10:
        return f"0{value}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10)
        return f"{value}{suffix or 'th'}"
    return str(value)


def bullet(text: str) -> str:
    """The bullet a level's text stands for, as a character the bundled fonts draw."""
    text = text.strip()
    if not text:
        return ""
    first = text[0]
    mapped = _BULLETS.get(first)
    if mapped is not None:
        return mapped
    if 0xF000 <= ord(first) <= 0xF0FF or unicodedata.category(first).startswith(("L", "N")):
        return "•"
    return first


@functools.lru_cache(maxsize=256)
def _shown(text: str) -> str:
    """The anonymised text around the numbers as printed: control characters out, spaces
    collapsed."""
    kept = "".join(c for c in text if not unicodedata.category(c).startswith("C"))
    return re.sub(r"\s+", " ", kept)


@functools.lru_cache(maxsize=256)
def _literal(text: str) -> str:
    """The text around the numbers with any words and digits taken out (they were never
    anonymised): punctuation, symbols and spaces are kept."""
    kept = "".join(c for c in text if not unicodedata.category(c).startswith(("L", "N", "C")))
    return re.sub(r"\s+", " ", kept)


def _int(el: etree._Element | None, default: int | None) -> int | None:
    value = el.get(_VAL, "") if el is not None else ""
    try:
        return int(value)
    except ValueError:
        return default


def _level(el: etree._Element) -> Level:
    fmt = el.find(q("numFmt"))
    text = el.find(q("lvlText"))
    style = el.find(q("pStyle"))
    return Level(
        start=max(0, min(_int(el.find(q("start")), 1) or 0, 99_999)),
        fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
        text=text.get(_VAL) if text is not None else None,
        restart=_int(el.find(q("lvlRestart")), None),
        legal=bool(flag(el, "isLgl")),
        style=style.get(_VAL, "") if style is not None else "",
    )


def _levels(parent: etree._Element) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for el in parent.findall(q("lvl")):
        ilvl = el.get(q("ilvl"), "")
        index = int(ilvl) if ilvl.isdigit() else None
        if index is not None and index < MAX_LEVELS:
            out[index] = _level(el)
    return out


_PLAIN = Level()


@dataclass(frozen=True, slots=True)
class _List:
    key: str  # the counters it uses: its own when it overrides a level, else its definition's
    levels: dict[int, Level]


class Numbering:
    """The lists of one document and their running counters."""

    def __init__(self, root: etree._Element | None, styles: WordStyles) -> None:
        self._styles = styles
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # definition -> the style whose numbering it uses
        self._nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self._lists: dict[str, _List | None] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._words = is_anonymised(root)  # level texts' words were anonymised: show them
        if root is None:
            return
        for abstract in root.iter(q("abstractNum")):
            abstract_id = abstract.get(q("abstractNumId"), "")
            self._abstract[abstract_id] = _levels(abstract)
            link = abstract.find(q("numStyleLink"))
            if link is not None and link.get(_VAL):
                self._links[abstract_id] = link.get(_VAL, "")
        for num in root.iter(q("num")):
            ref = num.find(q("abstractNumId"))
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for override in num.findall(q("lvlOverride")):
                ilvl = override.get(q("ilvl"), "")
                if not ilvl.isdigit() or int(ilvl) >= MAX_LEVELS:
                    continue
                lvl = override.find(q("lvl"))
                if lvl is not None:
                    overrides[int(ilvl)] = _level(lvl)
                start = _int(override.find(q("startOverride")), None)
                if start is not None:
                    starts[int(ilvl)] = max(0, min(start, 99_999))
            self._nums[num.get(q("numId"), "")] = (
                ref.get(_VAL, "") if ref is not None else "",
                overrides,
                starts,
            )

    def _list(self, num_id: str) -> _List | None:
        if num_id in self._lists:
            return self._lists[num_id]
        found: _List | None = None
        num = self._nums.get(num_id)
        if num is not None:
            abstract_id, overrides, starts = num
            # A definition that only points at a numbering style takes that style's list.
            for _ in range(4):
                link = self._links.get(abstract_id)
                numbered = self._styles.look(link).numbered if link else None
                target = self._nums.get(numbered.num_id) if numbered else None
                if target is None or target[0] == abstract_id:
                    break
                abstract_id = target[0]
            levels = dict(self._abstract.get(abstract_id, {}))
            levels.update(overrides)
            for index, start in starts.items():
                levels[index] = replace(levels.get(index, Level()), start=start)
            own = bool(overrides or starts)
            found = _List(f"n{num_id}" if own else f"a{abstract_id}", levels)
        self._lists[num_id] = found
        return found

    def label(self, numbered: Numbered, style_id: str = "") -> tuple[str, str, int] | None:
        """The paragraph's label ("3.", "b)", "iv", "•"), its list's key and its level, the
        list's counters moved on; None when it is not numbered (``numId`` 0 or unknown)."""
        if numbered.num_id in ("", "0"):
            return None
        found = self._list(numbered.num_id)
        if found is None:
            return None
        level = numbered.level
        if level is None:  # numbered by its style: the level linked to that style
            level = next((i for i, lv in found.levels.items() if lv.style == style_id), 0)
        level = min(max(level, 0), MAX_LEVELS - 1)
        counters = self._counters.setdefault(found.key, [None] * MAX_LEVELS)
        this = found.levels.get(level, _PLAIN)
        current = counters[level]
        counters[level] = this.start if current is None else current + 1
        for deeper in range(level + 1, MAX_LEVELS):
            restart = found.levels.get(deeper, _PLAIN).restart
            if restart is None or (restart != 0 and level < restart):
                counters[deeper] = None
        label = _compose(found.levels, counters, level, words=self._words)
        return label[:MAX_LABEL], found.key, level


def _compose(
    levels: dict[int, Level], counters: list[int | None], level: int, *, words: bool = False
) -> str:
    this = levels.get(level, _PLAIN)
    text = this.text if this.text is not None else f"%{level + 1}."
    if this.fmt == "bullet":
        return bullet(text)
    out: list[str] = []
    for index, piece in enumerate(_PLACEHOLDER.split(text)):
        if index % 2 == 0:
            out.append(_shown(piece) if words else _literal(piece))
            continue
        other = int(piece) - 1
        defined = levels.get(other, _PLAIN)
        value = counters[other]
        if value is None:
            value = defined.start
        fmt = defined.fmt
        if (this.legal and fmt != "decimalZero") or (fmt == "bullet" and other != level):
            fmt = "decimal"
        out.append(format_number(value, fmt))
    return "".join(out).strip()
