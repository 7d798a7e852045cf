"""CriteriaTreeModel: the enrolled qualifications as a tree (unit > learning outcome > criterion)
with a check box on each criterion that says whether the current entry is tagged to it.

The model holds plain framework objects and the current entry's tags (criterion id to
justification). It never writes: ticking a box emits ``check_requested`` and the tagging panel
calls the service, then tells the model the new tags with ``set_tags``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QRegion, QResizeEvent
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from portfolio.frameworks.model import Criterion, Framework, Unit

Index = QModelIndex | QPersistentModelIndex

CRITERION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_KIND_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
GUIDANCE_ROLE = Qt.ItemDataRole.UserRole + 4
LABEL_ROLE = Qt.ItemDataRole.UserRole + 5  # "1.2  Describe how ..." without the tag line

FLAG_COLOUR = QColor("#8a3b00")
NO_JUSTIFICATION = "! No justification yet: say how this entry shows it"


@dataclass(eq=False)
class _Node:
    kind: str  # "root" | "framework" | "unit" | "outcome" | "criterion"
    id: str
    label: str
    parent: _Node | None = None
    row: int = 0
    unit: Unit | None = None
    criterion: Criterion | None = None
    search: str = ""
    children: list[_Node] = field(default_factory=list)

    def add(self, child: _Node) -> _Node:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child


class CriteriaTreeModel(QAbstractItemModel):
    check_requested = Signal(str, bool)  # criterion id, tag (True) or untag (False)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = _Node("root", "", "")
        self._criteria: dict[str, _Node] = {}
        self._tags: dict[str, str] = {}
        self._checkable = False

    # -- loading --------------------------------------------------------------------------

    def set_frameworks(self, frameworks: Sequence[Framework]) -> None:
        """Show these frameworks; with more than one, each is a top-level node."""
        self.beginResetModel()
        self._root = _build_tree(frameworks)
        self._criteria = {}
        stack = [self._root]
        while stack:
            node = stack.pop()
            if node.kind == "criterion":
                self._criteria[node.id] = node
            stack.extend(node.children)
        self.endResetModel()

    def set_tags(self, tags: Mapping[str, str], *, checkable: bool = True) -> None:
        """The current entry's tags (criterion id to justification); ``checkable`` is False when
        no entry is shown or the portfolio is read-only."""
        changed = set(self._tags) ^ set(tags)
        changed |= {cid for cid in tags if self._tags.get(cid) != tags[cid]}
        self._tags = dict(tags)
        if checkable != self._checkable:
            self._checkable = checkable
            changed = set(self._criteria)
        for criterion_id in changed:
            node = self._criteria.get(criterion_id)
            while node is not None and node.kind != "root":
                index = self.createIndex(node.row, 0, node)
                self.dataChanged.emit(index, index)
                node = node.parent

    @property
    def tags(self) -> dict[str, str]:
        return dict(self._tags)

    def index_of(self, criterion_id: str) -> QModelIndex:
        node = self._criteria.get(criterion_id)
        return QModelIndex() if node is None else self.createIndex(node.row, 0, node)

    def criterion_ids(self) -> list[str]:
        return list(self._criteria)

    # -- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._node(index).kind == "criterion" and self._checkable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node)
        if role == Qt.ItemDataRole.CheckStateRole and node.kind == "criterion":
            tagged = node.id in self._tags
            return Qt.CheckState.Checked if tagged else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(node)
        if role == Qt.ItemDataRole.ForegroundRole and self._tags.get(node.id) == "":
            return FLAG_COLOUR  # the words say it too: readable without colour
        if role == Qt.ItemDataRole.FontRole and node.kind in ("framework", "unit"):
            font = QFont()
            font.setBold(True)
            return font
        if role == CRITERION_ID_ROLE:
            return node.id if node.kind == "criterion" else None
        if role == NODE_KIND_ROLE:
            return node.kind
        if role == SEARCH_ROLE:
            return node.search
        if role == LABEL_ROLE:
            return node.label
        if role == GUIDANCE_ROLE:
            return guidance_html(node.unit, node.criterion) if node.unit else None
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        node = self._node(index)
        if node.kind != "criterion" or not self._checkable:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked != (node.id in self._tags):
            self.check_requested.emit(node.id, checked)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Criteria" if section == 0 else None
        return None

    # -- helpers --------------------------------------------------------------------------

    def _node(self, index: Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def _display(self, node: _Node) -> str:
        if node.kind == "criterion":
            if node.id not in self._tags:
                return node.label
            justification = self._tags[node.id]
            second = f"“{_elide(justification, 90)}”" if justification else NO_JUSTIFICATION
            return f"{node.label}\n{second}"
        tagged = sum(1 for c in _criteria_under(node) if c.id in self._tags)
        return f"{node.label}  ({tagged} tagged)" if tagged else node.label


class CriteriaItemDelegate(QStyledItemDelegate):
    """Wraps long criterion text onto more lines in a narrow panel.

    QTreeView measures a wrapped item at the full column width, ignoring the indentation and the
    check box, so the last line (the justification under a tagged criterion) was cut off. This
    measures at the width the text really gets. The view must have word wrap on.

    Measuring wrapped text is the slow part of showing another entry's tags (the view measures
    every row whose check state changed, and its parents): sizes are kept by what decides them
    (the text, the width it wraps in, the font), so a row measured once is not laid out again.
    """

    SIZE_CACHE_LIMIT = 20_000

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._sizes: dict[tuple[str, int, str, str, bool], QSize] = {}
        self._view = view
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Row heights depend on the width: measure again when the panel is resized. Only the
        # event is read here: this also runs while Qt tears the view down.
        if (
            watched is self._viewport
            and isinstance(event, QResizeEvent)
            and event.size().width() != event.oldSize().width()
        ):
            QTimer.singleShot(0, self._relayout)
        return super().eventFilter(watched, event)

    def _relayout(self) -> None:
        if shiboken6.isValid(self._view):
            self._view.doItemsLayout()

    def check_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect:
        """Where the tick box is drawn: level with the criterion's first line (its number),
        not in the middle of a wrapped paragraph as Qt places it."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = self._view.style()
        centred = style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, self._view
        )
        first_line = opt.fontMetrics.height()
        top = opt.rect.top() + max(0, (first_line - centred.height()) // 2) + 2
        return QRect(centred.left(), top, centred.width(), centred.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if not opt.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator:
            super().paint(painter, option, index)
            return
        style = self._view.style()
        element = QStyle.ControlElement.CE_ItemViewItem
        # The background and selection under the whole row, then the item without Qt's centred
        # tick box, then the tick box at the first line.
        plain = QStyleOptionViewItem(opt)
        plain.text = ""
        plain.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        style.drawControl(element, plain, painter, self._view)
        centred = style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, self._view
        )
        painter.save()
        painter.setClipRegion(QRegion(opt.rect).subtracted(QRegion(centred)))
        style.drawControl(element, opt, painter, self._view)
        painter.restore()
        box = QStyleOptionViewItem(opt)
        box.rect = self.check_rect(option, index)
        box.state = box.state & ~QStyle.StateFlag.State_HasFocus
        if opt.checkState == Qt.CheckState.Checked:
            box.state |= QStyle.StateFlag.State_On
        else:
            box.state |= QStyle.StateFlag.State_Off
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, box, painter, self._view
        )

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        """A click on the tick box where it is drawn toggles it; keys work as Qt's do."""
        kinds = (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        )
        if event.type() not in kinds or not isinstance(event, QMouseEvent):
            return super().editorEvent(event, model, option, index)
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        inside = self.check_rect(option, index).contains(event.position().toPoint())
        if not inside or event.button() != Qt.MouseButton.LeftButton:
            return False
        if event.type() == QEvent.Type.MouseButtonRelease:
            state = Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole))
            new = (
                Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
            )
            return model.setData(index, new.value, Qt.ItemDataRole.CheckStateRole)
        return True  # press and double-click on the box: no selection change, no expand

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = self._view
        depth, parent = 1 if view.rootIsDecorated() else 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = view.viewport().width() - depth * view.indentation()
        if index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            style = view.style()
            width -= style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, view) + 8
        width = max(width, 60)
        key = (
            str(index.data(Qt.ItemDataRole.DisplayRole)),
            width,
            str(index.data(NODE_KIND_ROLE)),  # units and frameworks are bold
            option.font.key(),
            bool(index.flags() & Qt.ItemFlag.ItemIsUserCheckable),
        )
        size = self._sizes.get(key)
        if size is None:
            measured = QStyleOptionViewItem(option)
            measured.rect = QRect(0, 0, width, 1)  # a valid rect: the style wraps within it
            size = super().sizeHint(measured, index)
            if len(self._sizes) >= self.SIZE_CACHE_LIMIT:
                self._sizes.clear()
            self._sizes[key] = size
        return QSize(size)


def _build_tree(frameworks: Sequence[Framework]) -> _Node:
    root = _Node("root", "", "")
    for framework in frameworks:
        top = root
        if len(frameworks) > 1:
            label = f"{framework.title} (Level {framework.level})"
            top = root.add(_Node("framework", framework.id, label, search=label))
        for unit in framework.units:
            unit_label = f"Unit {unit.ref}: {unit.title}"
            unit_node = top.add(_Node("unit", unit.id, unit_label, unit=unit, search=unit_label))
            for outcome in unit.outcomes:
                outcome_label = f"LO{outcome.number}  {outcome.text}"
                outcome_node = unit_node.add(
                    _Node("outcome", outcome.id, outcome_label, unit=unit, search=outcome_label)
                )
                for criterion in outcome.criteria:
                    label = f"{criterion.number}  {criterion.text}"
                    search = " ".join((label, *criterion.keywords))
                    outcome_node.add(
                        _Node(
                            "criterion",
                            criterion.id,
                            label,
                            unit=unit,
                            criterion=criterion,
                            search=search,
                        )
                    )
    return root


def _criteria_under(node: _Node):
    for child in node.children:
        if child.kind == "criterion":
            yield child
        else:
            yield from _criteria_under(child)


def _tooltip(node: _Node) -> str:
    if node.criterion is None:
        return node.label
    points = "".join(f"<li>{html.escape(p)}</li>" for p in node.criterion.marking_points)
    text = f"<b>{html.escape(node.label)}</b>"
    return text + (f"<p>What the assessor looks for:</p><ul>{points}</ul>" if points else "")


def guidance_html(unit: Unit, criterion: Criterion | None = None) -> str:
    """The unit's guidance and common mistakes (and the criterion's marking points) as HTML."""
    parts: list[str] = []
    if criterion is not None:
        parts.append(f"<p><b>{html.escape(criterion.number)}</b> {html.escape(criterion.text)}</p>")
        if criterion.description:  # kept apart from the statement since issue 22
            parts.append(f"<p>{html.escape(criterion.description).replace(chr(10), '<br>')}</p>")
        parts.append(_bullets("What the assessor looks for", criterion.marking_points))
    parts.append(_bullets(f"Guidance for unit {unit.ref}", unit.guidance))
    parts.append(_bullets("Common mistakes", unit.common_mistakes))
    return "".join(p for p in parts if p)


def _bullets(title: str, items: Sequence[str]) -> str:
    if not items:
        return ""
    rows = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    return f"<h4>{html.escape(title)}</h4><ul>{rows}</ul>"


def _elide(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
