"""The right-hand form of the framework editor: edits the fields of one unit, outcome or
criterion (a plain dict held by the tree item) and reports each change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

# kind -> (field, label, multi-line?, list separator or None)
FIELDS: dict[str, tuple[tuple[str, str, bool, str | None], ...]] = {
    "unit": (
        ("ref", "Unit reference", False, None),
        ("title", "Unit title", True, None),
        ("overview", "Overview", True, None),
        ("guidance", "Assessment guidance (one point per line)", True, "\n"),
        ("common_mistakes", "Common mistakes (one per line)", True, "\n"),
    ),
    "outcome": (
        ("number", "Outcome number", False, None),
        ("short_name", "Short name (optional)", False, None),
        ("text", "Learning outcome", True, None),
        ("description", "Description (optional)", True, None),
    ),
    "criterion": (
        ("number", "Criterion number", False, None),
        ("short_name", "Short name (optional)", False, None),
        ("text", "Assessment criterion", True, None),
        ("description", "Description (optional)", True, None),
        ("keywords", "Keywords (separated by ;)", False, ";"),
    ),
}
HINTS = {
    "unit": "A unit of the qualification, such as 'CS201 Deliver customer service'.",
    "outcome": "A learning outcome: numbered 1, 2, 3 … within its unit.",
    "criterion": "An assessment criterion: numbered after its outcome, such as 1.1 or 1.2.",
}


class NodeForm(QStackedWidget):
    """One page per kind; ``edited(node)`` after each change to the node's dict."""

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._node: dict[str, Any] | None = None
        self._kind = ""
        self._loading = False
        self._editors: dict[str, dict[str, QLineEdit | QPlainTextEdit]] = {}
        empty = QLabel("Select a unit, outcome or criterion to edit it, or add one.")
        empty.setWordWrap(True)
        self.addWidget(empty)
        self._pages: dict[str, int] = {}
        for kind, fields in FIELDS.items():
            page = QWidget()
            outer = QVBoxLayout(page)
            hint = QLabel(HINTS[kind])
            hint.setWordWrap(True)
            outer.addWidget(hint)
            form = QFormLayout()
            editors: dict[str, QLineEdit | QPlainTextEdit] = {}
            for name, label, multi, _sep in fields:
                editor: QLineEdit | QPlainTextEdit
                if multi:
                    editor = QPlainTextEdit()
                    editor.setTabChangesFocus(True)
                    editor.setMaximumHeight(140 if name in ("text", "title") else 100)
                    editor.textChanged.connect(lambda n=name: self._on_field_changed(n))
                else:
                    editor = QLineEdit()
                    editor.textChanged.connect(lambda _t, n=name: self._on_field_changed(n))
                editor.setObjectName(f"{kind}_{name}")
                editor.setAccessibleName(label)
                form.addRow(label, editor)
                editors[name] = editor
            outer.addLayout(form)
            outer.addStretch(1)
            self._editors[kind] = editors
            self._pages[kind] = self.addWidget(page)

    def show_node(self, kind: str | None, node: dict[str, Any] | None) -> None:
        self._node = node
        if kind is None or node is None:
            self.setCurrentIndex(0)
            return
        self._loading = True
        try:
            for name, _label, _multi, sep in FIELDS[kind]:
                value = node.get(name, "")
                text = (sep if sep != ";" else "; ").join(value) if sep else str(value)
                editor = self._editors[kind][name]
                if isinstance(editor, QPlainTextEdit):
                    editor.setPlainText(text)
                else:
                    editor.setText(text)
        finally:
            self._loading = False
        self._kind = kind
        self.setCurrentIndex(self._pages[kind])

    def editor(self, kind: str, name: str) -> QLineEdit | QPlainTextEdit:
        return self._editors[kind][name]

    def _on_field_changed(self, name: str) -> None:
        if self._loading or self._node is None:
            return
        spec = {f[0]: f for f in FIELDS[self._kind]}[name]
        editor = self._editors[self._kind][name]
        text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        if spec[3]:
            self._node[name] = [part.strip() for part in text.split(spec[3]) if part.strip()]
        else:
            self._node[name] = text.strip()
        self.edited.emit(self._node)
