"""The right-hand form of the framework editor: edits the fields of one unit, outcome or
criterion (a plain dict held by the tree item) and reports each change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.sufficiency import METHOD_KEYS, RuleValueError, check_method, method_label

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


RULE_KINDS = ("outcome", "criterion")
WITNESS_CHOICES = (("", None), ("accepted", True), ("not accepted", False))
RULE_HINTS = {
    "outcome": "Evidence needed for each criterion of this outcome (a criterion's own rule "
    "overrides it). Leave blank when the awarding body says nothing.",
    "criterion": "Evidence needed for this criterion, over its outcome's rule. Leave blank "
    "when the awarding body says nothing.",
}


class RuleBox(QGroupBox):
    """The sufficiency rule of an outcome or criterion (domain.sufficiency): minimum pieces,
    methods that must be among the evidence, witness testimony, where the rule comes from.
    What is typed is kept as typed, so the editor's problem list names a bad value."""

    changed = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__("Evidence needed (sufficiency rule)", parent)
        self.setObjectName(f"{kind}_rule")
        form = QFormLayout(self)
        hint = QLabel(RULE_HINTS[kind])
        hint.setWordWrap(True)
        form.addRow(hint)
        self.pieces = QLineEdit()
        self.pieces.setObjectName(f"{kind}_min_pieces")
        self.pieces.setPlaceholderText("e.g. 2 (blank: one piece is enough)")
        self.methods = QLineEdit()
        self.methods.setObjectName(f"{kind}_methods")
        self.methods.setPlaceholderText("e.g. observation (separate several with ;)")
        self.methods.setToolTip("One of: " + ", ".join(method_label(m) for m in METHOD_KEYS))
        self.witness = QComboBox()
        self.witness.setObjectName(f"{kind}_witness")
        for label, _value in WITNESS_CHOICES:
            self.witness.addItem(label or "not stated")
        self.basis = QLineEdit()
        self.basis.setObjectName(f"{kind}_basis")
        self.basis.setPlaceholderText("e.g. the awarding body's assessment strategy, section 3")
        for label, widget in (
            ("Minimum pieces of evidence", self.pieces),
            ("Methods that must be included", self.methods),
            ("Witness testimony", self.witness),
            ("Where the rule comes from", self.basis),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        for line in (self.pieces, self.methods, self.basis):
            line.textChanged.connect(lambda _t: self.changed.emit())
        self.witness.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def show_rule(self, rule: object) -> None:
        data = rule if isinstance(rule, dict) else {}
        pieces = data.get("min_pieces")
        self.pieces.setText("" if pieces is None else str(pieces))
        methods = data.get("methods") or []
        self.methods.setText(
            "; ".join(str(m) for m in methods) if isinstance(methods, list) else ""
        )
        witness = data.get("witness_testimony")
        self.witness.setCurrentIndex(
            next((i for i, (_l, v) in enumerate(WITNESS_CHOICES) if v is witness), 0)
        )
        self.basis.setText(str(data.get("basis", "")))

    def rule(self) -> dict[str, Any]:
        """The rule as the framework document holds it ({} when nothing is given)."""
        data: dict[str, Any] = {}
        pieces = self.pieces.text().strip()
        if pieces:
            data["min_pieces"] = int(pieces) if pieces.isdigit() else pieces
        methods = [m.strip() for m in self.methods.text().split(";") if m.strip()]
        if methods:
            data["methods"] = [_method_key(m) for m in methods]
        witness = WITNESS_CHOICES[max(self.witness.currentIndex(), 0)][1]
        if witness is not None:
            data["witness_testimony"] = witness
        if self.basis.text().strip():
            data["basis"] = self.basis.text().strip()
        return data


def _method_key(text: str) -> str:
    """A method's key when the text names one ("Observation" -> "observation"), else as typed."""
    try:
        return check_method(text, "methods")
    except RuleValueError:
        return text


class NodeForm(QStackedWidget):
    """One page per kind; ``edited(node)`` after each change to the node's dict."""

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._node: dict[str, Any] | None = None
        self._kind = ""
        self._loading = False
        self._editors: dict[str, dict[str, QLineEdit | QPlainTextEdit]] = {}
        self.rules: dict[str, RuleBox] = {}
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
            if kind in RULE_KINDS:
                box = RuleBox(kind, page)
                box.changed.connect(self._on_rule_changed)
                outer.addWidget(box)
                self.rules[kind] = box
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
            if kind in self.rules:
                self.rules[kind].show_rule(node.get("sufficiency"))
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

    def _on_rule_changed(self) -> None:
        if self._loading or self._node is None or self._kind not in self.rules:
            return
        rule = self.rules[self._kind].rule()
        if rule:
            self._node["sufficiency"] = rule
        else:
            self._node.pop("sufficiency", None)
        self.edited.emit(self._node)
