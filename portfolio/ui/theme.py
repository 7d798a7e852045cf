"""Spacing, typography, and the palettes the learner chooses under Settings (or the system's).

One place decides how the app looks, so pages stay consistent: they use ``SPACING`` for layout
margins and the object names styled below ("pageTitle", "muted", "prompt" ...) for text roles.
Every palette passes WCAG AA contrast for text (tests/ui/test_theme.py). The app uses its
bundled Noto Sans (or OpenDyslexic, a reading-comfort choice) at the chosen text size.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from portfolio.resources import resource_path

SPACING = 12  # the one layout unit: margins are SPACING, gaps SPACING // 2 or SPACING
MIN_BODY_POINT_SIZE = 10.5


@dataclass(frozen=True, slots=True)
class Colours:
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    accent: str
    accent_text: str
    border: str
    good: str
    warning: str
    info_bg: str
    warning_bg: str


LIGHT = Colours(
    window="#f4f5f7",
    base="#ffffff",
    alternate="#f0f2f5",
    text="#1d2330",
    muted="#525b6b",
    accent="#1f5fbf",
    accent_text="#ffffff",
    border="#c9ced6",
    good="#1b6e3a",
    warning="#8a4b00",
    info_bg="#e8f0fb",
    warning_bg="#fdf1e2",
)
DARK = Colours(
    window="#1e2127",
    base="#262a31",
    alternate="#2c3139",
    text="#e8eaed",
    muted="#aab1bd",
    accent="#7fb0ff",
    accent_text="#10141a",
    border="#434a55",
    good="#7fd69b",
    warning="#ffc178",
    info_bg="#24344d",
    warning_bg="#45351f",
)


HIGH_CONTRAST = Colours(
    window="#000000",
    base="#000000",
    alternate="#141414",
    text="#ffffff",
    muted="#e6e6e6",
    accent="#ffd400",
    accent_text="#000000",
    border="#ffffff",
    good="#7dff8a",
    warning="#ffd400",
    info_bg="#1a1a40",
    warning_bg="#402a00",
)
TINTED = Colours(  # a warm cream page with dark text, for readers who find white glaring
    window="#efe8d4",
    base="#fbf5e3",
    alternate="#f4ecd6",
    text="#1d2330",
    muted="#4f5563",
    accent="#1f5fbf",
    accent_text="#ffffff",
    border="#c8bfa5",
    good="#1b6e3a",
    warning="#7f4400",
    info_bg="#e6ecf2",
    warning_bg="#f8e6c8",
)
PALETTES = {"light": LIGHT, "dark": DARK, "high_contrast": HIGH_CONTRAST, "tinted": TINTED}

THEMES = {
    "system": "As the computer",
    "light": "Light",
    "dark": "Dark",
    "high_contrast": "High contrast",
}
TEXT_SIZES = (100, 115, 130, 150, 175, 200)  # per cent of the body size
UI_FONT = "Noto Sans"  # bundled, so every machine lays the screens out alike
DYSLEXIA_FONT = "OpenDyslexic"


@dataclass(frozen=True, slots=True)
class Appearance:
    """What the learner chose under Settings: how the app looks and reads."""

    theme: str = "system"  # one of THEMES
    text_size: int = 100  # one of TEXT_SIZES
    dyslexia_font: bool = False  # OpenDyslexic instead of Noto Sans
    wide_spacing: bool = False  # wider letter and word spacing
    tinted: bool = False  # a cream background in the light theme


_applied: list[Colours] = []  # the colours of the palette in use (one item once applied)
_chosen: list[Appearance] = []  # the learner's choice in use (one item once applied)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def colours_for(appearance: Appearance, dark_system: bool | None = None) -> Colours:
    """The palette for a choice; "system" follows the computer's light or dark scheme."""
    theme = appearance.theme if appearance.theme in THEMES else "system"
    if theme == "system":
        theme = "dark" if (system_is_dark() if dark_system is None else dark_system) else "light"
    if theme == "light" and appearance.tinted:
        theme = "tinted"
    return PALETTES[theme]


def current_colours() -> Colours:
    """The colours in use now, so painted widgets and HTML match the app's palette."""
    return _applied[0] if _applied else colours_for(Appearance())


def palette_for(colours: Colours) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, colours.window),
        (role.WindowText, colours.text),
        (role.Base, colours.base),
        (role.AlternateBase, colours.alternate),
        (role.Text, colours.text),
        (role.Button, colours.base),
        (role.ButtonText, colours.text),
        (role.ToolTipBase, colours.base),
        (role.ToolTipText, colours.text),
        (role.PlaceholderText, colours.muted),
        (role.Highlight, colours.accent),
        (role.HighlightedText, colours.accent_text),
        (role.Link, colours.accent),
        (role.Mid, colours.border),
    ):
        palette.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.WindowText):
        palette.setColor(disabled, r, QColor(colours.muted))
    # A disabled button (or combo box) is flat, the window's colour instead of the raised
    # face, and its words fainter than any live text: with the muted grey alone it looked
    # live (the Documents page's Open/Remove with nothing to act on).
    palette.setColor(disabled, role.Button, QColor(colours.window))
    palette.setColor(disabled, role.ButtonText, QColor(disabled_text(colours)))
    return palette


DISABLED_FADE = 0.3  # of the way from muted to the window: still 3:1 in every palette


def disabled_text(colours: Colours) -> str:
    """The colour of a disabled control's words: muted, faded toward the window."""
    muted, window = QColor(colours.muted), QColor(colours.window)

    def fade(a: int, b: int) -> int:
        return round(a + (b - a) * DISABLED_FADE)

    return QColor(
        fade(muted.red(), window.red()),
        fade(muted.green(), window.green()),
        fade(muted.blue(), window.blue()),
    ).name()


def style_sheet(colours: Colours, base_pt: float = MIN_BODY_POINT_SIZE) -> str:
    """The app's style sheet; sizes are in points from the body size (QSS has no "%" fonts), so
    headings grow with the learner's font scaling."""
    c = colours
    return f"""
QLabel#pageTitle {{ font-size: {base_pt * 1.5:.1f}pt; font-weight: 600; }}
QLabel#sectionTitle {{ font-size: {base_pt * 1.2:.1f}pt; font-weight: 600; }}
QLabel#prompt {{ font-weight: 600; }}
QLabel#muted, QLabel#hint, QLabel#wordCount, QLabel#emptyState {{ color: {c.muted}; }}
QLabel#saveState {{ color: {c.muted}; padding: 2px 0px; }}
QLabel#saveState[state="error"] {{ color: {c.warning}; font-weight: 600; }}
QLabel#wordCount[enough="true"] {{ color: {c.good}; }}
QFrame#card {{ background: {c.base}; border: 1px solid {c.border}; border-radius: 6px; }}
QFrame#finding {{ background: {c.info_bg}; border-radius: 6px; }}
QFrame#finding[severity="warning"] {{ background: {c.warning_bg}; }}
QFrame#banner {{ background: {c.info_bg}; border-radius: 6px; }}
QFrame#errorBanner {{ background: {c.warning_bg}; border-radius: 6px; }}
QFrame#modeBanner {{ background: {c.info_bg}; border-bottom: 1px solid {c.border}; }}
QFrame#modeBanner[kind="readonly"] {{ background: {c.warning_bg}; }}
QFrame#modeBanner[kind="demo"] {{ background: {c.warning_bg}; }}
QListWidget#navigation {{ background: {c.base}; border: none; border-right: 1px solid {c.border};
    font-size: {base_pt * 1.1:.1f}pt; }}
QListWidget#navigation::item {{ padding: 10px 14px; }}
QListWidget#navigation::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
QPushButton {{ padding: 5px 12px; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QListWidget#reviewQueue::item, QListWidget#observationList::item {{ padding: 4px 0px; }}
QPushButton#primary {{ background: {c.accent}; color: {c.accent_text}; border: none;
    border-radius: 4px; padding: 7px 16px; font-weight: 600; }}
QPushButton#primary:disabled {{ background: {c.border}; color: {c.muted}; }}
QLabel#readOnlyNote {{ background: {c.info_bg}; border-radius: 4px; padding: 4px 6px; }}
QLineEdit[invalid="true"] {{ border: 2px solid {c.warning}; background: {c.warning_bg}; }}
QTextEdit, QPlainTextEdit, QLineEdit {{ selection-background-color: {c.accent};
    selection-color: {c.accent_text}; }}
"""


def load_fonts() -> tuple[str, ...]:
    """Register the bundled fonts once; returns the families Qt now knows from them."""
    families: list[str] = []
    for pattern in ("NotoSans-*.ttf", "opendyslexic/OpenDyslexic-*.otf"):
        for path in sorted(resource_path("fonts").glob(pattern)):
            font_id = QFontDatabase.addApplicationFont(str(path))
            families.extend(QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else [])
    return tuple(dict.fromkeys(families))


def font_for(appearance: Appearance) -> QFont:
    """The body font for a choice: bundled family, size in points, spacing."""
    size = appearance.text_size if appearance.text_size in TEXT_SIZES else 100
    font = QFont(DYSLEXIA_FONT if appearance.dyslexia_font else UI_FONT)
    font.setPointSizeF(MIN_BODY_POINT_SIZE * size / 100)
    if appearance.wide_spacing:
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        font.setWordSpacing(font.pointSizeF() * 0.5)
    return font


def apply_theme(app: QApplication, appearance: Appearance | None = None) -> None:
    """Fusion style, the bundled font at the chosen size, the chosen palette; live, so the
    Settings dialog can call it again. "System" follows the computer when its scheme changes."""
    app.setStyle("Fusion")
    if not app.property("portfolioFontsLoaded"):
        load_fonts()
        app.setProperty("portfolioFontsLoaded", True)
        app.styleHints().colorSchemeChanged.connect(lambda *_: _reapply(app))
    chosen = appearance or Appearance()
    _chosen[:] = [chosen]
    app.setFont(font_for(chosen))
    colours = colours_for(chosen)
    _applied[:] = [colours]
    app.setPalette(palette_for(colours))
    app.setStyleSheet(style_sheet(colours, app.font().pointSizeF() or MIN_BODY_POINT_SIZE))


def _reapply(app: QApplication) -> None:
    if _chosen and _chosen[0].theme == "system":
        apply_theme(app, _chosen[0])


def current_appearance() -> Appearance:
    return _chosen[0] if _chosen else Appearance()
