"""The optional progress charts section (issue 21): only when asked, vector, from the app's data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from portfolio.cli import main
from portfolio.domain.history import MonthlySeries
from portfolio.export.pdf.sections.charts import Series, _nice_top, chart
from portfolio.services.portfolio import Portfolio
from tests.core.export.conftest import export, outline, text_of


def _titles(reader: PdfReader) -> list[str]:
    return [title for _, title, _ in outline(reader)]


@pytest.fixture
def otj_file(rich_file: Path) -> Path:
    with Portfolio.open(rich_file) as pf:
        pf.otj.set_plan(
            start=date(2026, 1, 5), end=date(2026, 12, 28), weekly_hours=30, planned_hours=250
        )
        pf.otj.add(day=date(2026, 2, 2), hours=7.5, category="self_study", description="CHART-OTJ")
    return rich_file


def test_no_charts_unless_asked(rich_file: Path, tmp_path: Path):
    export(rich_file, tmp_path / "plain.pdf")
    reader = PdfReader(tmp_path / "plain.pdf")
    assert "Progress charts" not in _titles(reader)
    contents = text_of(reader, next(p for _, t, p in outline(reader) if t == "Contents") - 1)
    assert "Progress charts" not in contents


def test_charts_section_when_asked_with_each_chart_and_its_summary(otj_file, tmp_path):
    result = export(otj_file, tmp_path / "charts.pdf", include_charts=True)
    assert result.pdfa == "PDF/A-2b", "the charts' text is in the bundled font"
    reader = PdfReader(tmp_path / "charts.pdf")
    assert "Progress charts" in _titles(reader)
    start = next(p for _, t, p in outline(reader) if t == "Progress charts")
    text = text_of(reader, start - 1) + text_of(reader, start)
    assert "Unit BWRC: Building Working Relationships with Customers" in text
    assert "of 11 criteria have evidence and 1 are judged met" in text
    assert "Entries per month" in text and "dated in these months" in text
    assert "Off-the-job hours against the plan" in text
    assert "7.5 of 250 planned hours logged" in text
    contents = text_of(reader, next(p for _, t, p in outline(reader) if t == "Contents") - 1)
    assert "Progress charts" in contents


def test_the_charts_are_vector_drawings_not_pictures(otj_file, tmp_path):
    import pymupdf

    export(otj_file, tmp_path / "charts.pdf", include_charts=True)
    reader = PdfReader(tmp_path / "charts.pdf")
    start = next(p for _, t, p in outline(reader) if t == "Progress charts")
    with pymupdf.open(tmp_path / "charts.pdf") as doc:
        page = doc[start - 1]
        assert page.get_images() == []
        assert len(page.get_drawings()) > 20


def test_without_an_otj_log_the_otj_chart_is_left_out(rich_file, tmp_path):
    export(rich_file, tmp_path / "charts.pdf", include_charts=True)
    reader = PdfReader(tmp_path / "charts.pdf")
    start = next(p for _, t, p in outline(reader) if t == "Progress charts")
    text = text_of(reader, start - 1) + text_of(reader, start)
    assert "Entries per month" in text and "Off-the-job" not in text


def test_cli_charts_flag(otj_file, tmp_path, capsys):
    out = tmp_path / "cli.pdf"
    assert main(["export", str(otj_file), "-o", str(out), "--charts"]) == 0
    assert "Progress charts" in _titles(PdfReader(out))


def test_chart_scales_and_single_points():
    assert _nice_top(11) == 12
    assert _nice_top(0) == 1
    assert _nice_top(278) == 300
    series = MonthlySeries("x", ((date(2026, 1, 1), 3.0),))
    drawing = chart(
        [Series("One", ((0.0, series.last),), st_colour())],
        first=date(2026, 1, 1),
        last=date(2026, 1, 1),
        y_label="Things",
    )
    assert drawing.width > 0 and drawing.contents


def st_colour():
    from portfolio.export.pdf import styles as st

    return st.ACCENT
