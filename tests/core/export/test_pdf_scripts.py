"""No character is lost: every script survives into the PDF, or is shown as "�" and reported."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services.portfolio import Portfolio
from tests.core.export.conftest import _entry, export

MIXED = "Thŷ Ddewi 😀 — שלום / مرحبا 你好 こんにちは 안녕 नमस्ते ✔ ≥ →"
# What text extraction must find: one sample per script (letters, so the order the extractor
# puts right-to-left text in does not matter).
SCRIPTS = {
    "Welsh": "ŷ",
    "emoji": "😀",
    "Hebrew": "שלום",
    "Arabic": "مرحبا",
    "Chinese": "你好",
    "Japanese": "こんにちは",
    "Korean": "안녕",
    "Devanagari": "नमस",
    "symbols": "✔≥→",
}
UNDRAWABLE = "\U0001fae8"  # a Unicode 15 emoji no bundled font has


@pytest.fixture
def mixed_file(portfolio_file: Path) -> Path:
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(
            entry_input_from_json(
                _entry(
                    MIXED,
                    f"Feedback ✔ and {MIXED}",
                    result=f"Odd one out: {UNDRAWABLE}.",
                    tags=[{"number": "1.1", "justification": f"{MIXED} again"}],
                )
            )
        )
    return portfolio_file


def _normalised(text: str) -> str:
    # Arabic is drawn in its joined (presentation) forms; NFKC maps them back to letters.
    return unicodedata.normalize("NFKC", text)


def test_each_script_survives_into_the_pdf(mixed_file: Path, tmp_path: Path) -> None:
    export(mixed_file, tmp_path / "out.pdf")
    text = _normalised(" ".join(p.extract_text() for p in PdfReader(tmp_path / "out.pdf").pages))
    for script, sample in SCRIPTS.items():
        letters = set(_normalised(sample))
        assert letters <= set(text), f"{script} lost: {sorted(letters - set(text))}"


def test_an_undrawable_character_is_a_visible_placeholder_and_reported(
    mixed_file: Path, tmp_path: Path
) -> None:
    result = export(mixed_file, tmp_path / "out.pdf")
    assert result.missing_characters == (UNDRAWABLE,)
    assert any("U+1FAE8" in line for line in result.report_lines())
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "out.pdf").pages)
    assert "Odd one out: \ufffd." in text


def test_a_latin_only_portfolio_reports_nothing_missing(rich_file: Path, tmp_path: Path) -> None:
    result = export(rich_file, tmp_path / "out.pdf")
    assert result.missing_characters == ()
    assert result.report_lines() == [] or all("U+" not in line for line in result.report_lines())
