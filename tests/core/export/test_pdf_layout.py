"""Layout an assessor can follow: "E12 (continued)" on pages that carry an entry over, no one-line
widows or orphans, headings kept with what follows, grid references with method and date (and a
key to the codes), and each claimed criterion linked back to its grid row."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from portfolio.export.pdf import styles as st
from portfolio.export.pdf.sections.gridrefs import method_code, method_key
from tests.core.export.conftest import export, links, outline, text_of


def _page_of(reader: PdfReader, title_part: str) -> int:
    return next(page for _, title, page in outline(reader) if title_part in title)


@pytest.fixture(scope="module")
def demo_pdf(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    folder = tmp_path_factory.mktemp("layout")
    path = folder / "demo.portfolio"
    shutil.copy2(demo_template, path)
    export(path, folder / "demo.pdf")
    return PdfReader(folder / "demo.pdf")


def test_a_page_that_carries_an_entry_over_says_which_entry(demo_pdf):
    reader = demo_pdf
    starts = {
        int(title.split()[0][1:]): page
        for level, title, page in outline(reader)
        if level == 1 and re.match(r"E\d+ ", title)
    }
    continued = 0
    for index in range(len(reader.pages)):
        text = text_of(reader, index)
        match = re.search(r"E(\d+) \(continued\): ", text)
        page = index + 1
        if match is None:
            continue
        continued += 1
        number = int(match.group(1))
        # The entry began on an earlier page, and the next one has not begun above it.
        assert starts[number] < page
        assert starts.get(number + 1, page + 1) >= page
    assert continued >= 3
    for page in starts.values():
        text = text_of(reader, page - 1)
        starting = re.search(r"E(\d+) \(continued\)", text)
        if starting:
            # A page where a new entry starts may still continue the previous one at its top.
            assert int(starting.group(1)) < max(n for n, p in starts.items() if p == page)


def test_pages_that_start_with_a_new_entry_or_the_front_have_no_continuation(demo_pdf):
    reader = demo_pdf
    for section in ("Declarations", "Summary of achievement", "Contents", "Evidence mapping grid"):
        assert "(continued)" not in text_of(reader, _page_of(reader, section) - 1)


def test_grid_references_carry_method_code_and_date_with_a_key(rich_file: Path, tmp_path: Path):
    export(rich_file, tmp_path / "out.pdf")
    reader = PdfReader(tmp_path / "out.pdf")
    grid = text_of(reader, _page_of(reader, "Evidence mapping grid") - 1)
    e1 = _page_of(reader, "E1 ")
    e2 = _page_of(reader, "E2 ")
    assert f"E1 RA 14/03/26 p. {e1}" in grid
    assert f"E2 WT 14/03/26 p. {e2}" in grid
    assert "RA reflective account" in grid and "WT witness testimony" in grid
    assert "O observation" not in grid, "the key lists the methods this portfolio uses"


def test_each_claimed_criterion_links_back_to_its_grid_row(rich_file: Path, tmp_path: Path):
    export(rich_file, tmp_path / "out.pdf")
    reader = PdfReader(tmp_path / "out.pdf")
    grid = _page_of(reader, "Evidence mapping grid")
    e1 = _page_of(reader, "E1 ")
    text = text_of(reader, e1 - 1) + text_of(reader, e1)
    assert "(mapping grid)" in text
    targets = links(reader, e1 - 1) + links(reader, e1)
    assert grid in targets


def test_method_codes_and_key():
    assert method_code("witness_testimony") == "WT"
    assert method_code("something_new") == "OT"
    assert method_key(["observation", "something_new"]) == "<b>O</b> observation · <b>OT</b> other"


def test_no_paragraph_leaves_a_single_line_at_the_foot_or_top_of_a_page():
    style = st.styles().body
    text = " ".join(["A reasonably long sentence about serving a customer well."] * 12)
    paragraph = Paragraph(text, style)
    _, height = paragraph.wrap(st.FRAME_WIDTH, 10_000)
    lines = round(height / style.leading)
    assert lines >= 4
    # Room for one line only: the paragraph moves whole rather than leave an orphan.
    assert Paragraph(text, style).split(st.FRAME_WIDTH, style.leading * 1.5) == []
    # Room for all but one line: two lines go over, never a lone widow.
    _first, rest = Paragraph(text, style).split(st.FRAME_WIDTH, style.leading * (lines - 0.5))
    _, rest_height = rest.wrap(st.FRAME_WIDTH, 10_000)
    assert round(rest_height / style.leading) == 2
    for heading in (st.styles().h1, st.styles().h2, st.styles().h3):
        assert heading.keepWithNext
