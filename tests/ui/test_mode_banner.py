"""The mode banner stays a strip, not a third of the screen, on a narrow or zoomed window.

A 1366x768 laptop at 200 % is 683 points wide: the demo's and the reviewer's full messages
wrapped the banner to seven lines there. The headline always shows; the detail shows while the
whole message fits in two lines and otherwise moves to the tooltip and accessible description.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from portfolio.ui.widgets.mode_banner import ModeBanner

HEADLINE = "Reviewing Jordan Ellis's portfolio as Pat Lee (assessor) — the text is locked."
DETAIL = "Comment in an entry's Feedback tab; judge criteria and sign off units on the page."


def _banner(qtbot, width: int) -> ModeBanner:
    banner = ModeBanner()
    qtbot.addWidget(banner)
    banner.resize(width, 200)
    banner.show()
    banner.show_message("review", HEADLINE, "End review", detail=DETAIL)
    banner.resize(width, banner.sizeHint().height())
    QApplication.processEvents()
    return banner


def _lines(banner: ModeBanner) -> float:
    label = banner.label
    return label.heightForWidth(label.width()) / label.fontMetrics().lineSpacing()


def test_a_wide_window_shows_headline_and_detail(qtbot):
    banner = _banner(qtbot, 1600)
    assert banner.detail_shown()
    assert DETAIL in banner.label.text()
    assert banner.toolTip() == ""
    assert _lines(banner) <= 2.5


def test_a_narrow_window_keeps_the_headline_and_moves_the_detail_to_the_tooltip(qtbot):
    banner = _banner(qtbot, 520)
    assert not banner.detail_shown()
    assert "Reviewing Jordan Ellis" in banner.label.text()
    assert DETAIL not in banner.label.text()
    assert banner.toolTip() == DETAIL
    assert banner.accessibleDescription() == DETAIL
    # What the window says stays whole for everything that reads it.
    assert banner.text() == f"{HEADLINE} {DETAIL}"


def test_widening_brings_the_detail_back(qtbot):
    banner = _banner(qtbot, 520)
    banner.resize(1600, banner.height())
    QApplication.processEvents()
    assert banner.detail_shown()
    assert banner.toolTip() == ""


def test_names_are_shown_as_typed_not_as_markup(qtbot):
    banner = _banner(qtbot, 1600)
    banner.show_message("readonly", "Read-only: <b>Sam</b> & co have it open.")
    assert "&lt;b&gt;Sam&lt;/b&gt; &amp; co" in banner.label.text()
    assert banner.text() == "Read-only: <b>Sam</b> & co have it open."
