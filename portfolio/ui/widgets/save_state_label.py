"""Shows whether the learner's work is saved: "All changes saved", "Saving…" or a problem."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

TEXTS = {
    "saved": "✓ All changes saved",
    "pending": "Unsaved changes… saving shortly",
    "saving": "Saving…",
    "error": "Not saved",
    "idle": "",
}


class SaveStateLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveState")
        self.setAccessibleName("Save status")
        self.state = "idle"
        self.set_state("idle")

    def set_state(self, state: str, message: str = "") -> None:
        self.state = state
        text = TEXTS[state] if not message else f"{TEXTS[state]}: {message}"
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setProperty("state", state)
        self.style().unpolish(self)
        self.style().polish(self)
