"""The submission PDF, opened with pypdf: pages, bookmarks, the grid, entries, appendices, links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.core.export.conftest import (
    GREEK_CYRILLIC,
    NAME,
    WITNESS,
    export,
    links,
    outline,
    text_of,
)


@pytest.fixture
def pdf(rich_file: Path, tmp_path: Path) -> tuple[PdfReader, object]:
    result = export(rich_file, tmp_path / "out.pdf")
    return PdfReader(tmp_path / "out.pdf"), result


def _page_of(reader: PdfReader, title_part: str) -> int:
    return next(page for _, title, page in outline(reader) if title_part in title)


def test_every_page_says_page_x_of_y_and_the_count_matches(pdf):
    reader, result = pdf
    total = len(reader.pages)
    assert result.pages == total
    for index in (1, total // 2, total - 1):
        assert f"Page {index + 1} of {total}" in text_of(reader, index)


def test_bookmarks_cover_every_section_unit_entry_and_appendix(pdf):
    reader, _ = pdf
    marks = outline(reader)
    titles = [title for _, title, _ in marks]
    for section in (
        "Cover sheet",
        "Declarations",
        "Summary of achievement",
        "Contents",
        "Witness list",
        "Evidence",
        "Appendices",
        "Evidence mapping grid",
    ):
        assert section in titles
    assert any(t.startswith("Unit BWRC") for t in titles)
    for ref in ("E1", "E2", "E3"):
        assert any(t.startswith(f"{ref} ") for t in titles)
    assert any(t.startswith("Appendix 1: greeting-script.pdf") for t in titles)
    pages = [page for _, _, page in marks]
    assert pages == sorted(pages), "bookmarks follow the document order"


def test_cover_names_learner_in_any_script_centre_units_and_fingerprint(pdf):
    reader, result = pdf
    cover = text_of(reader, 0)
    assert NAME in cover
    assert "L123" in cover and "Riverside College" in cover
    assert "Brightmart" not in cover, "the employer is shown only when the learner chooses"
    assert "Unit BWRC" in cover
    assert re.fullmatch(r"[0-9a-f]{12}", result.fingerprint)
    assert result.fingerprint in cover


def test_grid_lists_every_claimed_criterion_with_refs_pages_and_live_links(pdf):
    reader, _ = pdf
    grid = _page_of(reader, "Evidence mapping grid")
    e1, e2, e3 = (_page_of(reader, f"{ref} ") for ref in ("E1", "E2", "E3"))
    evidence = next(page for _, title, page in outline(reader) if title == "Evidence")
    pages = range(grid - 1, evidence - 1)  # the grid, however many pages it takes
    text = " ".join(text_of(reader, i) for i in pages)
    for number in ("1.1", "1.2", "1.3", "2.1", "3.1"):
        assert number in text
    assert f"E1 RA 14/03/26 p. {e1}" in text and f"E2 WT 14/03/26 p. {e2}" in text
    assert f"E3 RA 14/03/26 p. {e3}" in text
    # 1.1 ← E1, E2; 1.2 ← E3; 2.1 ← E1; 3.1 ← E2: one link per reference, in grid order.
    assert [t for i in pages for t in links(reader, i)] == [e1, e2, e3, e1, e2]
    assert "Met" in text and "Not yet met" in text and "No evidence" in text


def test_each_entry_shows_details_star_text_claims_feedback_and_decisions(pdf):
    reader, _ = pdf
    page = _page_of(reader, "E1 ")
    text = text_of(reader, page - 1) + text_of(reader, page)
    for expected in (
        "EVIDENCE E1",
        "Calming a late-delivery customer",
        "14 March 2026",
        "Reflective account",
        "1.5",
        "MARKER-E1",
        "REFLECTION",
        GREEK_CYRILLIC,
        "JUSTIFY-E1-1.1",
        "JUSTIFY-E1-2.1",
        "FEEDBACK-MARKER",
        "Sam Patel",
        "REASON-MET",
        "REASON-NOT-YET",
        "desk-photo.png",
        "Appendix 1",
    ):
        assert expected in text, expected
    assert reader.pages[page - 1]["/Resources"]["/XObject"], "the image is placed in the entry"


def test_pdf_attachment_is_appended_with_a_band_naming_its_entry_and_referenced(pdf):
    reader, result = pdf
    assert result.appendices == 2, "the PDF and the text file"
    first = _page_of(reader, "Appendix 1")
    assert first == _page_of(reader, "Appendix 2") - 2
    for offset in (0, 1):
        text = text_of(reader, first - 1 + offset)
        assert f"APPENDIX-MARKER-PAGE-{offset + 1}" in text
        assert "Appendix 1: greeting-script.pdf" in text and "Cited by E1" in text
        assert f"page {offset + 1} of 2" in text
    entry = _page_of(reader, "E1 ")
    body = text_of(reader, entry - 1) + text_of(reader, entry)
    assert f"Appendix 1 p. {first}" in body
    assert first in links(reader, entry - 1) + links(reader, entry)
    assert links(reader, first - 1) == [entry], "the band links back to the entry"


def test_witness_list_names_witness_job_and_relationship(pdf):
    reader, _ = pdf
    text = text_of(reader, _page_of(reader, "Witness list") - 1)
    assert WITNESS in text and "Shift supervisor" in text and "Line manager" in text
    assert f"E2 p. {_page_of(reader, 'E2 ')}" in text


def test_a_void_signoff_is_printed_as_void_and_the_declaration_is_not_claimed(pdf):
    reader, _ = pdf
    decl = text_of(reader, _page_of(reader, "Declarations") - 1)
    assert "declaration of authenticity" in decl and NAME in decl
    assert "Sam Patel" in decl and "2 April 2026" in decl
    assert "VOID" in decl and "Signed electronically" not in decl
    unit = text_of(reader, _page_of(reader, "Unit BWRC") - 1)
    assert "Sam Patel" in unit and "Internal quality assurer" in unit
    assert "VOID: signed off on 2 April 2026 by an older version" in unit
    assert "no valid sign-off in Portfolio: 1 of 11 criteria are judged met" in unit
    assert "Signed electronically" not in unit


def test_every_link_in_the_document_resolves_and_contents_links_hit_their_entries(pdf):
    reader, _ = pdf
    total = len(reader.pages)
    for index in range(total):
        assert all(1 <= target <= total for target in links(reader, index))
    contents = _page_of(reader, "Contents")
    targets = links(reader, contents - 1)
    for ref in ("E1", "E2", "E3"):
        assert _page_of(reader, f"{ref} ") in targets
    text = text_of(reader, contents - 1)
    assert f"E2 Witness statement from my supervisor {_page_of(reader, 'E2 ')}" in text
