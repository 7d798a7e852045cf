"""Settings > Appearance: theme, text size and reading comfort, applied as they are chosen.

Each change is applied to the whole app at once (``theme.apply_theme``) and remembered in this
computer's settings (``AppSettings.set_appearance``), so the learner sees the result before
closing the dialog. "Restore defaults" goes back to the system theme at normal size.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from portfolio.ui.settings import AppSettings
from portfolio.ui.theme import TEXT_SIZES, THEMES, Appearance, apply_theme

SAMPLE = (
    "Situation: a customer rang to say her order had not arrived. "
    "Task: find the parcel and keep her informed."
)


class AppearanceDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appearanceDialog")
        self.setWindowTitle("Settings")
        self._settings = settings
        layout = QVBoxLayout(self)
        intro = QLabel("How Portfolio looks and reads on this computer. Changes apply at once.")
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        layout.addWidget(intro)
        form = QFormLayout()
        self.theme = QComboBox(self)
        self.theme.setObjectName("themeChoice")
        for key, label in THEMES.items():
            self.theme.addItem(label, key)
        self.text_size = QComboBox(self)
        self.text_size.setObjectName("textSizeChoice")
        for size in TEXT_SIZES:
            self.text_size.addItem(f"{size}%" + (" (normal)" if size == 100 else ""), size)
        self.dyslexia_font = QCheckBox("Use the &OpenDyslexic font", self)
        self.dyslexia_font.setToolTip("Letters with weighted bottoms, harder to flip or swap")
        self.wide_spacing = QCheckBox("&Wider spacing between letters and words", self)
        self.tinted = QCheckBox("&Cream background instead of white (light theme)", self)
        form.addRow("&Theme", self.theme)
        form.addRow("Te&xt size", self.text_size)
        form.addRow("Reading comfort", self.dyslexia_font)
        form.addRow("", self.wide_spacing)
        form.addRow("", self.tinted)
        layout.addLayout(form)
        self.sample = QLabel(SAMPLE, self)
        self.sample.setObjectName("appearanceSample")
        self.sample.setWordWrap(True)
        layout.addWidget(self.sample)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.defaults_button = buttons.addButton(
            "&Restore defaults", QDialogButtonBox.ButtonRole.ResetRole
        )
        buttons.rejected.connect(self.reject)
        self.defaults_button.clicked.connect(lambda: self.choose(Appearance()))
        layout.addWidget(buttons)
        self.resize(520, 340)

        self._show(settings.appearance())
        self.theme.currentIndexChanged.connect(self._on_changed)
        self.text_size.currentIndexChanged.connect(self._on_changed)
        for box in (self.dyslexia_font, self.wide_spacing, self.tinted):
            box.toggled.connect(self._on_changed)

    def appearance(self) -> Appearance:
        """What the dialog shows now."""
        return Appearance(
            theme=str(self.theme.currentData()),
            text_size=int(self.text_size.currentData()),
            dyslexia_font=self.dyslexia_font.isChecked(),
            wide_spacing=self.wide_spacing.isChecked(),
            tinted=self.tinted.isChecked(),
        )

    def choose(self, appearance: Appearance) -> None:
        """Show, apply and remember ``appearance``."""
        self._show(appearance)
        self._on_changed()

    def _show(self, appearance: Appearance) -> None:
        widgets = (self.theme, self.text_size, self.dyslexia_font, self.wide_spacing, self.tinted)
        for widget in widgets:
            widget.blockSignals(True)
        self.theme.setCurrentIndex(max(0, self.theme.findData(appearance.theme)))
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(appearance.text_size)))
        self.dyslexia_font.setChecked(appearance.dyslexia_font)
        self.wide_spacing.setChecked(appearance.wide_spacing)
        self.tinted.setChecked(appearance.tinted)
        for widget in widgets:
            widget.blockSignals(False)
        self.tinted.setEnabled(appearance.theme in ("light", "system"))

    def _on_changed(self, *_: object) -> None:
        chosen = self.appearance()
        self.tinted.setEnabled(chosen.theme in ("light", "system"))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, chosen)
        self._settings.set_appearance(chosen)
