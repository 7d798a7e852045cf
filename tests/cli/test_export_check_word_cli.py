"""`portfolio export FILE --check [--json]` names Word attachments whose pictures the PDF cannot
show (the document and the picture) and Word attachments it cannot read; exit 0 either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.export import wordcheck
from tests.core.export.test_word_check import _pictures_document, _portfolio


@pytest.fixture(autouse=True)
def _fresh_cache():
    wordcheck._CACHE.clear()
    yield
    wordcheck._CACHE.clear()


def test_check_json_names_the_document_and_each_picture(cli, portfolio_file: Path) -> None:
    _portfolio(
        portfolio_file,
        {1: [("till.docx", _pictures_document())], 2: [("notes.docx", b"PK broken")]},
    )
    result = cli("export", portfolio_file, "--check", "--json")
    assert result.code == 0, result.err
    problems = result.json()
    pictures = [p for p in problems if p["kind"] == "attachment_picture"]
    assert [p["picture"] for p in pictures] == ["image1.png", "image3.png", "image4.png"]
    assert all(
        "'till.docx' (Appendix 1)" in p["message"] and p["entry_ref"] == "E1" for p in pictures
    )
    assert "picture 3 (image3.png) is a Windows metafile" in pictures[1]["message"]
    [damaged] = [p for p in problems if p["kind"] == "attachment"]
    assert (
        damaged["entry_ref"] == "E2"
        and "'notes.docx' (Appendix 2) cannot be shown" in damaged["message"]
    )


def test_check_text_lists_them_and_exits_zero(cli, portfolio_file: Path) -> None:
    _portfolio(portfolio_file, {1: [("till.docx", _pictures_document())]})
    result = cli("export", portfolio_file, "--check")
    assert result.code == 0, result.err
    lines = [line for line in result.out.splitlines() if "[attachment_picture]" in line]
    assert len(lines) == 3 and all(
        "E1: in the attached 'till.docx' (Appendix 1), " in line for line in lines
    )
