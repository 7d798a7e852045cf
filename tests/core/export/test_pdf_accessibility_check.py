"""The submission PDF judged by a checker written apart from our tagging code: pdfua (the
machine-checkable subset of PDF/UA-1 and WCAG 2.1, built on pikepdf). Our own tests of the
structure tree know how we built it; this one does not."""

from __future__ import annotations

from pathlib import Path

import pdfua
import pytest

from tests.core.export.conftest import export
from tests.helpers.pdfua_check import assert_report_clean


@pytest.fixture
def report(rich_file: Path, tmp_path: Path) -> pdfua.Report:
    out = tmp_path / "out.pdf"
    export(rich_file, out)
    return pdfua.validate(str(out))


def test_no_accessibility_finding_but_the_unmade_claim(report: pdfua.Report) -> None:
    assert_report_clean(report)


def test_every_link_says_where_it_goes(report: pdfua.Report) -> None:
    assert len(report.outcomes) > len(report.skipped), "the checker ran no rule"
    assert not [f for f in report.findings if f.rule_id == "UA-18-005"]


def test_a_link_description_names_the_address_or_says_it_stays_in_the_portfolio() -> None:
    """Links to a page are described with its number as the canvas writes them
    (test_layout_cost); a web link names its address."""
    from reportlab.pdfbase import pdfdoc

    from portfolio.export.pdf.tagging import _url_description

    web = pdfdoc.PDFDictionary(
        {"S": pdfdoc.PDFName("URI"), "URI": pdfdoc.PDFString("https://example.org/")}
    )
    assert _url_description(web) == "Open https://example.org/"
    assert _url_description(pdfdoc.PDFDictionary({})) == "Go to another part of this portfolio"
    assert _url_description(None) == "Go to another part of this portfolio"
