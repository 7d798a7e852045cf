"""The font fallback on its own: which font draws which run, placeholders, right-to-left order."""

from __future__ import annotations

from portfolio.export.pdf import fallback
from portfolio.export.pdf import styles as st


def test_text_the_main_font_has_is_one_run_in_it() -> None:
    st.register_fonts()
    assert fallback.runs("Thŷ Ddewi — Zoë", st.FONT) == [("Thŷ Ddewi — Zoë", st.FONT)]


def test_each_script_goes_to_the_first_font_that_has_it() -> None:
    st.register_fonts()
    found = fallback.runs("a שלום b 你好 ✔ 😀", st.FONT)
    fonts = [font for _, font in found]
    assert fonts == [
        st.FONT,
        "PortfolioHebrew",
        st.FONT,
        "PortfolioCJK",
        st.FONT,
        "PortfolioSymbols",
        st.FONT,
        "PortfolioSymbols",
    ]
    assert "".join(text for text, _ in found) == "a שלום b 你好 ✔ 😀"


def test_a_character_no_font_has_becomes_the_placeholder_and_is_collected() -> None:
    st.register_fonts()
    with fallback.collecting() as missing:
        found = fallback.runs("x\U0001fae8y", st.FONT)
    assert found == [("x\ufffdy", st.FONT)]
    assert missing.sorted() == ("\U0001fae8",)
    assert missing.describe() == ["U+1FAE8 (unnamed)"]


def test_invisible_selectors_are_dropped_not_shown() -> None:
    st.register_fonts()
    with fallback.collecting() as missing:
        found = fallback.runs("ok ✔\ufe0f", st.FONT)
    assert "".join(t for t, _ in found) == "ok ✔"
    assert missing.sorted() == ()


def test_fonts_outside_the_bundled_family_are_left_alone() -> None:
    assert fallback.runs("שלום", "Helvetica") == [("שלום", "Helvetica")]


def test_arabic_is_joined_and_right_to_left_runs_are_reversed_for_drawing() -> None:
    shaped = fallback.shape("مرحبا")
    assert shaped != "مرحبا" and all(0xFE70 <= ord(c) <= 0xFEFF for c in shaped)
    assert fallback.visual("abc שלום def") == "abc םולש def"
    assert fallback.visual("plain") == "plain"


def test_a_paragraph_right_to_left_from_its_first_letter_is_right_aligned_with_rtl_lines() -> None:
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.platypus import Paragraph

    s = st.styles()
    assert fallback.right_to_left("«שלום» עולם") and not fallback.right_to_left("Hi שלום")
    hebrew = Paragraph("שלום עולם.", s.body)
    assert getattr(hebrew, "_rtl", False) and hebrew.style.alignment == TA_RIGHT
    english = Paragraph("Shalom: שלום.", s.body)
    assert not getattr(english, "_rtl", False) and english.style.alignment != TA_RIGHT
    # in a right-to-left line the full stop ends up on the left
    assert fallback.visual("שלום.", "R") == ".םולש"
    assert fallback.visual("שלום.", "L") == "םולש."
