"""The PDF names' cache writes exactly what reportlab writes, and only once per name."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfdoc

from portfolio.export.pdf import pdfnames

NAMES = ["Type", "Annot", "F1+0", "A B", "a#b", "(x)", "é", "Lang", "/", ""]


@pytest.mark.parametrize("name", NAMES)
def test_a_cached_name_is_the_name_reportlab_writes(name: str) -> None:
    original = getattr(pdfdoc.PDFName, "__wrapped__", pdfdoc.PDFName)
    cached = pdfnames._cached(original)
    assert cached(name) == original(name)
    assert cached(name) == original(name)  # and again, from the cache


def test_each_name_is_escaped_once_however_often_it_is_written() -> None:
    calls: list[str] = []

    def counting(data: str, lo: str = "!", hi: str = "~") -> str:
        calls.append(data)
        return "/" + data

    cached = pdfnames._cached(counting)
    for _ in range(5):
        cached("Type")
        cached("Rect")
    assert calls == ["Type", "Rect"]
    cached("Type", "A", "z")  # other bounds than reportlab's: not from the cache
    assert calls == ["Type", "Rect", "Type"]


def test_install_puts_the_cache_where_reportlab_formats_dictionaries() -> None:
    pdfnames.install()
    assert hasattr(pdfdoc.PDFName, "__wrapped__")
    annot = pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Annot"), "A B": 1})
    assert annot.format(None) == b"<<\n/A#20B 1 /Type /Annot\n>>"
