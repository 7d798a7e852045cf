"""FrameworkTreeModel: a read-only Qt tree over a frozen ``Framework`` (units > outcomes >
criteria, a criterion under its parent when it has one), for previews. It holds the
dataclasses' text, never database rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from portfolio.frameworks.model import Framework

_Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    label: str
    detail: str
    kind: str  # "unit", "outcome" or "criterion"
    short_name: str = ""
    description: str = ""
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    row: int = 0


class FrameworkTreeModel(QAbstractItemModel):
    HEADERS = ("Number", "Text", "Short name", "Description")

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._roots: list[_Node] = []

    def set_framework(self, framework: Framework | None) -> None:
        self.beginResetModel()
        self._roots = _build(framework) if framework is not None else []
        self.endResetModel()

    # -- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        siblings = self._children(parent)
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        values = (node.label, node.detail, node.short_name, node.description)
        if role == Qt.ItemDataRole.DisplayRole:
            value = values[index.column()]
            # A description is previewed on one line; the tooltip holds all of it.
            return value.replace("\n", " ")[:200] if index.column() == 3 else value
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (1, 3):
            return values[index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def _children(self, parent: _Index) -> list[_Node]:
        if not parent.isValid():
            return self._roots
        node: _Node = parent.internalPointer()
        return node.children


def _build(framework: Framework) -> list[_Node]:
    roots: list[_Node] = []
    for u_row, unit in enumerate(framework.units):
        unit_node = _Node(f"Unit {unit.ref}", unit.title, "unit", row=u_row)
        for o_row, outcome in enumerate(unit.outcomes):
            outcome_node = _Node(
                f"LO{outcome.number}",
                outcome.text,
                "outcome",
                outcome.short_name,
                outcome.description,
                unit_node,
                row=o_row,
            )
            placed: dict[str, _Node] = {}
            for c in outcome.criteria:
                parent = placed.get(c.parent, outcome_node)
                node = _Node(
                    f"AC{c.number}",
                    c.text,
                    "criterion",
                    c.short_name,
                    c.description,
                    parent,
                    row=len(parent.children),
                )
                parent.children.append(node)
                placed[c.id] = node
            unit_node.children.append(outcome_node)
        roots.append(unit_node)
    return roots
