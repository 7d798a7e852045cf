"""FrameworkEditorDialog: tutors create or edit a qualification (units, outcomes, criteria,
guidance), check it, and export it as JSON or CSV for learners, or keep it in their library.

The tree items hold plain dicts; ``portfolio.frameworks.draft`` turns them into a framework
document (keeping existing ids, giving new parts stable ones) and the loader checks it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from portfolio.errors import PortfolioError
from portfolio.frameworks.draft import build_document
from portfolio.frameworks.export import write_framework
from portfolio.frameworks.loader import framework_problems, parse_framework
from portfolio.frameworks.model import Framework
from portfolio.services.frameworks_admin import save_to_library
from portfolio.ui.frameworks.editor_forms import NodeForm

_KIND = Qt.ItemDataRole.UserRole
_NODE = Qt.ItemDataRole.UserRole + 1
_HEADER_FIELDS = (
    ("title", "Qualification title"),
    ("level", "Level"),
    ("version", "Version"),
    ("awarding_body", "Awarding body"),
    ("id", "Id (leave empty for a new one)"),
)


class FrameworkEditorDialog(QDialog):
    """Edit ``framework`` (or start an empty one). Nothing is stored until Export or Save."""

    def __init__(self, parent: QWidget | None = None, framework: Framework | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Framework editor")
        self.setObjectName("frameworkEditorDialog")
        self.resize(980, 660)
        self._extra_header: dict[str, Any] = {}
        self.header_edits: dict[str, QLineEdit] = {}
        header = QFormLayout()
        for name, label in _HEADER_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"framework_{name}")
            edit.setAccessibleName(label)
            header.addRow(label, edit)
            self.header_edits[name] = edit

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Number", "Text"])
        self.tree.setAccessibleName("Units, outcomes and criteria")
        self.tree.setColumnWidth(0, 130)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.form = NodeForm()
        self.form.edited.connect(self._on_form_edited)
        self.add_unit_button = QPushButton("Add unit")
        self.add_outcome_button = QPushButton("Add outcome")
        self.add_criterion_button = QPushButton("Add criterion")
        self.remove_button = QPushButton("Remove")
        self.add_unit_button.clicked.connect(self.add_unit)
        self.add_outcome_button.clicked.connect(self.add_outcome)
        self.add_criterion_button.clicked.connect(self.add_criterion)
        self.remove_button.clicked.connect(self.remove_selected)
        tree_buttons = QHBoxLayout()
        for button in (
            self.add_unit_button,
            self.add_outcome_button,
            self.add_criterion_button,
            self.remove_button,
        ):
            tree_buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree)
        left_layout.addLayout(tree_buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setSizes([560, 420])

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems")
        self.problems.setMaximumHeight(120)
        self.check_button = QPushButton("Check")
        self.json_button = QPushButton("Export JSON…")
        self.csv_button = QPushButton("Export CSV…")
        self.matrix_button = QPushButton("Export Mahara .matrix…")
        self.matrix_button.setToolTip(
            "A SmartEvidence framework file that Mahara can import (Admin > Extensions > "
            "SmartEvidence > Import)"
        )
        self.library_button = QPushButton("Save to my library")
        self.close_button = QPushButton("Close")
        self.check_button.clicked.connect(self.check)
        self.json_button.clicked.connect(lambda: self._on_export_clicked("json"))
        self.csv_button.clicked.connect(lambda: self._on_export_clicked("csv"))
        self.matrix_button.clicked.connect(lambda: self._on_export_clicked("matrix"))
        self.library_button.clicked.connect(self.save_to_library)
        self.close_button.clicked.connect(self.accept)
        actions = QHBoxLayout()
        for button in (
            self.check_button,
            self.json_button,
            self.csv_button,
            self.matrix_button,
            self.library_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.problems)
        layout.addLayout(actions)
        self.problems.setVisible(False)
        if framework is not None:
            self._load(framework)
        else:
            self.header_edits["version"].setText("1")
        self._update_buttons()

    # -- building -------------------------------------------------------------------------

    def add_unit(self) -> QTreeWidgetItem:
        number = self.tree.topLevelItemCount() + 1
        node = {"ref": f"U{number}", "title": "New unit", "outcomes": []}
        return self._add_item(None, "unit", node)

    def add_outcome(self) -> QTreeWidgetItem | None:
        unit = self._ancestor("unit")
        if unit is None:
            return None
        node = {"number": str(unit.childCount() + 1), "text": "New learning outcome"}
        return self._add_item(unit, "outcome", node)

    def add_criterion(self) -> QTreeWidgetItem | None:
        outcome = self._ancestor("outcome")
        if outcome is None:
            return None
        number = f"{outcome.data(0, _NODE)['number']}.{outcome.childCount() + 1}"
        return self._add_item(outcome, "criterion", {"number": number, "text": "New criterion"})

    def remove_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        parent = item.parent()
        if parent is None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
        else:
            parent.removeChild(item)
        self._update_buttons()

    def document(self) -> dict[str, Any]:
        """The framework document the editor currently describes (ids filled in)."""
        header = {name: edit.text() for name, edit in self.header_edits.items()}
        header.update(self._extra_header)
        units = []
        for u in range(self.tree.topLevelItemCount()):
            unit_item = self.tree.topLevelItem(u)
            assert unit_item is not None  # u is below the count
            unit = {k: v for k, v in unit_item.data(0, _NODE).items() if k != "outcomes"}
            unit["outcomes"] = []
            for o in range(unit_item.childCount()):
                outcome_item = unit_item.child(o)
                assert outcome_item is not None
                outcome = {k: v for k, v in outcome_item.data(0, _NODE).items() if k != "criteria"}
                outcome["criteria"] = [
                    dict(_child(outcome_item, c).data(0, _NODE))
                    for c in range(outcome_item.childCount())
                ]
                unit["outcomes"].append(outcome)
            units.append(unit)
        return build_document(header, units)

    def check(self) -> list[str]:
        """Validate; list every problem in the dialog and return them."""
        problems = framework_problems(self.document())
        self.problems.clear()
        self.problems.addItems(problems)
        self.problems.setVisible(bool(problems))
        self.status_label.setText(
            f"{len(problems)} problem(s) to fix before this can be used."
            if problems
            else "No problems: this framework is ready to export."
        )
        return problems

    def framework(self) -> Framework | None:
        """The edited framework, or None (with the problems listed) if it is not valid."""
        if self.check():
            return None
        return parse_framework(self.document(), "editor", trusted=True)

    def export_to(self, path: str | Path, kind: str) -> bool:
        framework = self.framework()
        if framework is None:
            return False
        try:
            written = write_framework(framework, path, kind=kind)
        except OSError as exc:
            self.status_label.setText(f"Could not write {path}: {exc.strerror or exc}")
            return False
        self.status_label.setText(f"Exported to {written}.")
        return True

    def save_to_library(self) -> bool:
        framework = self.framework()
        if framework is None:
            return False
        try:
            save_to_library(framework)
        except PortfolioError as exc:
            self.status_label.setText(str(exc))
            return False
        self.status_label.setText(f"Saved '{framework.title}' in your frameworks library.")
        return True

    # -- slots ----------------------------------------------------------------------------

    def _on_tree_current_item_changed(self, current: QTreeWidgetItem | None, _prev: object) -> None:
        if current is None:
            self.form.show_node(None, None)
        else:
            self.form.show_node(current.data(0, _KIND), current.data(0, _NODE))
        self._update_buttons()

    def _on_form_edited(self, node: dict[str, Any]) -> None:
        item = self.tree.currentItem()
        if item is not None:
            item.setData(0, _NODE, node)
            _label(item)

    def _on_export_clicked(self, kind: str) -> None:
        suffix = {
            "csv": "CSV files (*.csv)",
            "matrix": "Mahara SmartEvidence (*.matrix)",
        }.get(kind, "Framework JSON (*.json)")
        path, _ = QFileDialog.getSaveFileName(self, "Export framework", "", suffix)
        if path:
            self.export_to(path, kind)

    # -- helpers --------------------------------------------------------------------------

    def _load(self, framework: Framework) -> None:
        raw = copy.deepcopy(framework.raw)
        for name, edit in self.header_edits.items():
            edit.setText(str(raw.get(name, "")))
        self._extra_header = {
            k: raw[k]
            for k in (
                "description",
                "qualifications",
                "derived",
                "source",
                "status_labels",
                "mahara",
            )
            if k in raw
        }
        for unit in raw.get("units", []):
            unit_item = self._add_item(None, "unit", unit, select=False)
            for outcome in unit.get("outcomes", []):
                outcome_item = self._add_item(unit_item, "outcome", outcome, select=False)
                for criterion in outcome.get("criteria", []):
                    self._add_item(outcome_item, "criterion", criterion, select=False)
        self.tree.expandToDepth(0)

    def _add_item(
        self,
        parent: QTreeWidgetItem | None,
        kind: str,
        node: dict[str, Any],
        *,
        select: bool = True,
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        # The tree owns the children; the node dict keeps only the item's own fields.
        own = {k: v for k, v in node.items() if k not in ("outcomes", "criteria")}
        item.setData(0, _KIND, kind)
        item.setData(0, _NODE, own)
        _label(item)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
            parent.setExpanded(True)
        if select:
            self.tree.setCurrentItem(item)
        return item

    def _ancestor(self, kind: str) -> QTreeWidgetItem | None:
        item = self.tree.currentItem()
        while item is not None and item.data(0, _KIND) != kind:
            item = item.parent()
        return item

    def _update_buttons(self) -> None:
        self.add_outcome_button.setEnabled(self._ancestor("unit") is not None)
        self.add_criterion_button.setEnabled(self._ancestor("outcome") is not None)
        self.remove_button.setEnabled(self.tree.currentItem() is not None)


def _label(item: QTreeWidgetItem) -> None:
    kind, node = item.data(0, _KIND), item.data(0, _NODE)
    if kind == "unit":
        item.setText(0, f"Unit {node.get('ref', '')}")
        item.setText(1, node.get("title", ""))
    else:
        item.setText(0, f"{'LO' if kind == 'outcome' else 'AC'}{node.get('number', '')}")
        item.setText(1, node.get("text", ""))
    item.setToolTip(1, item.text(1))


def _child(item: QTreeWidgetItem, row: int) -> QTreeWidgetItem:
    """A child that exists (``row`` below ``childCount()``); Qt's stubs say it may be None."""
    child = item.child(row)
    assert child is not None
    return child
