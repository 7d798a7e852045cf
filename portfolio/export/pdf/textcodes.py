"""Text encoded for the embedded fonts without a Python step per character.

reportlab writes every run of text in a TrueType font through ``TTFont.splitString``, which maps
each character to its code in the font subset one at a time, in Python: about a twelfth of a
large portfolio's layout. Once a character has its code it never changes, and almost every run
uses only characters already seen, all in the first subset. For such a run the codes come from
one ``str.translate`` with a table of the codes given so far; any other run (a character not
yet seen, or one beyond the first 256 codes) goes through reportlab as before, which gives the
new codes. The bytes written are the same either way.

``formatted`` goes one step further for the text objects' own writing (``_formatText``, tens of
thousands of runs per portfolio): a run whose characters all have their codes is written as the
operators reportlab would write (the subset's font selection if it changes, then ``(...) Tj``)
without looking the font and its per-document state up again for every run.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from portfolio.export.pdf import pdfnames

_NBSP = "\u00a0"  # reportlab writes a no-break space as a space


class _Codes:
    """The first subset's codes of one font in one document, as a translation table."""

    __slots__ = ("ascii", "known", "seen", "table")

    def __init__(self) -> None:
        self.seen = -1  # how many assignments the table was made from
        self.table: dict[int, str] = {}
        self.known: frozenset[str] = frozenset()
        # Printable ASCII has its own code (reportlab's "ASCII readable" first subset, the
        # default): such text is its own code, with no look-up per character.
        self.ascii = False

    def refresh(self, assignments: dict[int, int]) -> None:
        table = {code: chr(n) for code, n in assignments.items() if n < 256}
        if 32 in table:
            table[ord(_NBSP)] = table[32]
        self.table = table
        self.known = frozenset(map(chr, table))
        self.ascii = all(table.get(n) == chr(n) for n in range(32, 127))
        self.seen = len(assignments)


class _Written:
    """One TrueType font's codes in one document, and its first subset's name there."""

    __slots__ = ("codes", "name", "state")

    def __init__(self, state: Any, name: str) -> None:
        self.state = state
        self.name = name  # "/F3+0"
        codes = getattr(state, "_pf_codes", None)
        if codes is None:
            codes = state._pf_codes = _Codes()
        self.codes: _Codes = codes


def formatted(textobj: Any, text: str) -> str | None:
    """The operators writing ``text`` in ``textobj``'s current font, exactly as reportlab's
    ``PDFTextObject._formatText`` writes them, when every character already has its code in
    the font's first subset; None otherwise (then reportlab writes it, assigning new codes)."""
    if not text or type(text) is not str:  # a shaped string carries its own positions
        return None
    canv = textobj._canvas
    known: dict[str, _Written | None] | None = canv.__dict__.get("_pf_written")
    if known is None:
        known = canv._pf_written = {}
    fontname = textobj._fontname
    if fontname in known:
        written = known[fontname]
    else:
        font = pdfmetrics.getFont(fontname)
        if not isinstance(font, TTFont) or not font._dynamicFont:
            known[fontname] = None
            return None
        state = font.state.get(canv._doc)
        if state is None or state.internalName is None:
            return None  # nothing written in it yet: reportlab sets it up
        written = known[fontname] = _Written(state, font.getSubsetInternalName(0, canv._doc))
    if written is None:
        return None
    codes = written.codes
    if codes.seen != len(written.state.assignments):
        codes.refresh(written.state.assignments)
    if codes.ascii and text.isascii() and text.isprintable():
        data = text.encode("ascii")
    elif codes.known.issuperset(text):
        data = text.translate(codes.table).encode("latin-1")
    else:
        return None
    shown = f"({canv._escape(data)}) Tj"
    if textobj._curSubset == 0:
        return shown
    textobj._curSubset = 0
    return f"{written.name} {fp_str(textobj._fontsize)} Tf {fp_str(textobj._leading)} TL {shown}"


def _fast_split(original: Any) -> Any:
    def splitString(self: TTFont, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
        if not isinstance(text, str) or not text:
            return original(self, text, doc, encoding)
        state = self.state.get(doc)
        if state is None:
            return original(self, text, doc, encoding)
        codes = getattr(state, "_pf_codes", None)
        if codes is None:
            codes = state._pf_codes = _Codes()
        if codes.seen != len(state.assignments):
            codes.refresh(state.assignments)
        if not codes.known.issuperset(text):
            return original(self, text, doc, encoding)
        return [(0, text.translate(codes.table).encode("latin-1"))]

    splitString.__wrapped__ = original  # type: ignore[attr-defined]
    return splitString


@cache
def install() -> None:
    """Install the fast path (once per process); reportlab's own method stays the fallback.
    The PDF names' cache (``pdfnames``), the other per-character step of writing, comes too."""
    TTFont.splitString = _fast_split(TTFont.splitString)
    pdfnames.install()
