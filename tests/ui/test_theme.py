"""Themes and reading comfort: every palette meets WCAG AA, the choice applies live and is
remembered, the bundled fonts load, and the coach's cards follow the theme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication

from portfolio.ui.settings import AppSettings
from portfolio.ui.theme import (
    DYSLEXIA_FONT,
    PALETTES,
    UI_FONT,
    Appearance,
    Colours,
    apply_theme,
    colours_for,
    current_colours,
    load_fonts,
    palette_for,
)

AA_TEXT = 4.5


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str, b: str) -> float:
    first, second = sorted((luminance(a), luminance(b)), reverse=True)
    return (first + 0.05) / (second + 0.05)


def text_pairs(c: Colours) -> dict[str, tuple[str, str]]:
    """Every foreground the app draws text in, on every background it draws it on."""
    pairs = {}
    for background in ("window", "base", "alternate", "info_bg", "warning_bg"):
        for foreground in ("text", "muted"):
            pairs[f"{foreground} on {background}"] = (
                getattr(c, foreground),
                getattr(c, background),
            )
    for foreground in ("accent", "good", "warning"):  # links, "enough words", errors
        for background in ("window", "base"):
            pairs[f"{foreground} on {background}"] = (
                getattr(c, foreground),
                getattr(c, background),
            )
    pairs["accent_text on accent"] = (c.accent_text, c.accent)  # selection, primary buttons
    return pairs


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_every_palette_meets_wcag_aa_for_text(name):
    failing = {
        pair: round(contrast(fg, bg), 2)
        for pair, (fg, bg) in text_pairs(PALETTES[name]).items()
        if contrast(fg, bg) < AA_TEXT
    }
    assert failing == {}, f"{name}: below {AA_TEXT}:1"


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_the_qt_palette_roles_meet_wcag_aa(name):
    palette = palette_for(PALETTES[name])
    role = QPalette.ColorRole
    for fg, bg in (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.Text, role.AlternateBase),
        (role.ButtonText, role.Button),
        (role.ToolTipText, role.ToolTipBase),
        (role.HighlightedText, role.Highlight),
        (role.PlaceholderText, role.Base),
        (role.Link, role.Base),
    ):
        ratio = contrast(palette.color(fg).name(), palette.color(bg).name())
        assert ratio >= AA_TEXT, (name, fg, bg, ratio)


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_a_disabled_button_looks_disabled(name, qtbot):
    """A disabled button had the live button's white face and border and differed only by
    grey text, so the Documents page's disabled Open/Remove read as buttons to press. Now its
    face sinks toward the window's colour (flat) wherever the live face stands out from the
    window, and its words are fainter than live text while still readable (3:1)."""
    from PySide6.QtWidgets import QPushButton

    colours = PALETTES[name]
    faces = []
    for enabled in (True, False):
        button = QPushButton("Remove")
        qtbot.addWidget(button)
        button.setPalette(palette_for(colours))
        button.setEnabled(enabled)
        button.resize(120, 32)
        image = button.grab().toImage()
        faces.append(image.pixelColor(8, image.height() // 2).name())
    live, disabled = faces
    if colours.base != colours.window:  # high contrast: both black, the words tell them apart
        window = colours.window
        assert contrast(disabled, window) < contrast(live, window), (name, live, disabled)
    palette = palette_for(colours)
    words = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    assert contrast(words, disabled) >= 3.0
    assert contrast(words, disabled) < contrast(colours.text, live) / 2


def test_the_contrast_formula_is_wcags():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # just fails AA


def test_the_choices_pick_palettes():
    assert colours_for(Appearance(theme="dark")) is PALETTES["dark"]
    assert colours_for(Appearance(theme="light", tinted=True)) is PALETTES["tinted"]
    assert colours_for(Appearance(theme="dark", tinted=True)) is PALETTES["dark"]
    assert colours_for(Appearance(theme="system"), dark_system=True) is PALETTES["dark"]
    assert colours_for(Appearance(theme="system"), dark_system=False) is PALETTES["light"]
    assert colours_for(Appearance(theme="no such theme"), dark_system=False) is PALETTES["light"]


def test_the_bundled_fonts_load():
    families = load_fonts()
    assert UI_FONT in families and DYSLEXIA_FONT in families


@pytest.fixture
def restore_theme(qapp):
    yield
    apply_theme(qapp, Appearance(theme="light"))


def test_settings_apply_live_and_are_remembered(make_main_window, demo_file, qtbot, restore_theme):
    window = make_main_window(demo_file)
    dialog = window.show_settings()
    qtbot.waitExposed(dialog)
    app = QApplication.instance()
    normal = app.font().pointSizeF()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert current_colours() is PALETTES["dark"]
    assert app.palette().color(QPalette.ColorRole.Window).name() == PALETTES["dark"].window
    dialog.text_size.setCurrentIndex(dialog.text_size.findData(150))
    assert app.font().pointSizeF() == pytest.approx(normal * 1.5)
    dialog.dyslexia_font.setChecked(True)
    assert QFontInfo(window.navigation.font()).family() == DYSLEXIA_FONT
    dialog.wide_spacing.setChecked(True)
    assert app.font().letterSpacing() > 100
    chosen = AppSettings().appearance()
    assert chosen == Appearance("dark", 150, dyslexia_font=True, wide_spacing=True)
    assert not dialog.tinted.isEnabled(), "a cream background is for the light theme"
    dialog.defaults_button.click()
    assert AppSettings().appearance() == Appearance()
    assert QFontInfo(app.font()).family() == UI_FONT
    dialog.reject()


def test_bad_saved_settings_give_the_defaults(qapp):
    settings = AppSettings()
    settings.set_value("appearance/theme", "purple")
    settings.set_value("appearance/text_size", "huge")
    settings.set_value("appearance/dyslexia_font", "maybe")
    assert settings.appearance() == Appearance()


def test_the_coach_cards_follow_the_theme(make_main_window, demo_file, restore_theme, qapp):
    window = make_main_window(demo_file)
    window.show_page(window.entries)
    coach = window.entries.editor_panel.coach
    assert coach.report is not None and coach.report.findings
    apply_theme(qapp, Appearance(theme="dark"))
    QApplication.processEvents()
    html = coach.browser.toHtml().lower()
    assert PALETTES["dark"].info_bg in html or PALETTES["dark"].warning_bg in html
    assert PALETTES["light"].info_bg not in html and PALETTES["light"].warning_bg not in html


def test_dialog_buttons_carry_no_icons_where_the_desktop_would_add_them(qapp):
    # Linux desktops put a floppy disk and a red cross on Save and Cancel but not on the plain
    # buttons beside them; the style sheet turns the icons off everywhere, for one calm look.
    from PySide6.QtWidgets import QDialogButtonBox, QProxyStyle, QStyle

    from portfolio.ui.theme import style_sheet

    hint = QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons

    class DesktopWithIcons(QProxyStyle):
        def styleHint(self, which, option=None, widget=None, data=None):
            return 1 if which == hint else super().styleHint(which, option, widget, data)

    desktop = DesktopWithIcons("Fusion")  # kept: a widget does not own the style it is given
    sheet = qapp.styleSheet()
    try:
        qapp.setStyleSheet("")
        box = QDialogButtonBox()
        box.setStyle(desktop)
        assert box.style().styleHint(hint, None, box) == 1
        box.setStyleSheet(style_sheet(colours_for(Appearance())))
        assert box.style().styleHint(hint, None, box) == 0
    finally:
        qapp.setStyleSheet(sheet)
