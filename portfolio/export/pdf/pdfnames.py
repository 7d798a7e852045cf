"""PDF names written once per name, not once per use.

reportlab writes every dictionary key and name value through ``pdfdoc.PDFName``, which escapes
the name one character at a time in Python. A document uses a few dozen distinct names (/Type,
/Annot, /Rect, /Subtype, /Link, /Font...) but formats them tens of thousands of times: every
page, link annotation, outline entry and font dictionary. The escaped form of a name never
changes, so it is computed once and looked up after that. The bytes written are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from reportlab.pdfbase import pdfdoc

_LO, _HI = chr(0x21), chr(0x7E)  # reportlab's defaults


def _cached(original: Callable[..., str]) -> Callable[..., str]:
    known: dict[str, str] = {}

    def PDFName(data: str, lo: str = _LO, hi: str = _HI) -> str:
        if lo != _LO or hi != _HI or not isinstance(data, str):
            return original(data, lo, hi)
        name = known.get(data)
        if name is None:
            name = known[data] = original(data)
        return name

    PDFName.__wrapped__ = original  # type: ignore[attr-defined]
    return PDFName


@cache
def install() -> None:
    """Install the cache (once per process) where reportlab's formatting looks the name up."""
    pdfdoc.PDFName = _cached(pdfdoc.PDFName)
