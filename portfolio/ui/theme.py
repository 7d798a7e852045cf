"""Spacing, typography and light/dark palettes that follow the system's colour scheme.

One place decides how the app looks, so pages stay consistent: they use ``SPACING`` for layout
margins and the object names styled below ("pageTitle", "muted", "prompt" ...) for text roles.
Colours pass WCAG AA contrast for body text in both palettes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

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


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def current_colours() -> Colours:
    return DARK if system_is_dark() else LIGHT


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
    for r in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(disabled, r, QColor(colours.muted))
    return palette


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
QLabel#modeBannerText {{ font-weight: 600; }}
QListWidget#navigation {{ background: {c.base}; border: none; border-right: 1px solid {c.border};
    font-size: {base_pt * 1.1:.1f}pt; }}
QListWidget#navigation::item {{ padding: 10px 14px; }}
QListWidget#navigation::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
QPushButton {{ padding: 5px 12px; }}
QPushButton#primary {{ background: {c.accent}; color: {c.accent_text}; border: none;
    border-radius: 4px; padding: 7px 16px; font-weight: 600; }}
QPushButton#primary:disabled {{ background: {c.border}; color: {c.muted}; }}
QLabel#readOnlyNote {{ background: {c.info_bg}; border-radius: 4px; padding: 4px 6px; }}
QLineEdit[invalid="true"] {{ border: 2px solid {c.warning}; background: {c.warning_bg}; }}
QTextEdit, QPlainTextEdit, QLineEdit {{ selection-background-color: {c.accent};
    selection-color: {c.accent_text}; }}
"""


def apply_theme(app: QApplication) -> None:
    """Fusion style, our palette for the system's light or dark scheme, readable font size."""
    app.setStyle("Fusion")
    font = QFont(app.font())
    if 0 < font.pointSizeF() < MIN_BODY_POINT_SIZE:
        font.setPointSizeF(MIN_BODY_POINT_SIZE)
        app.setFont(font)
    _apply_colours(app)
    app.styleHints().colorSchemeChanged.connect(lambda *_: _apply_colours(app))


def _apply_colours(app: QApplication) -> None:
    colours = current_colours()
    app.setPalette(palette_for(colours))
    app.setStyleSheet(style_sheet(colours, app.font().pointSizeF() or MIN_BODY_POINT_SIZE))
