"""What the anonymiser found: the document's text with each finding highlighted, and a list.

Colour is never the only signal: every finding in the list starts with its category's name, the
legend pairs each colour with its name, and the text shows the category as a tooltip. A finding
is one distinct piece of text (the same phone number three times is one line, "3 times");
unticking it keeps every occurrence, exactly as the anonymiser treats a rejected finding.

A finding on the learner's kept list (words they said before are not personal) starts unticked
and says so on its line, so a word kept by mistake is seen; ticking it again takes it off the
list when the document is stored. Which unticked findings join the list is
``domain.keep_rules``' decision (names only), shown on each line before the learner stores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from portfolio.anonymise.detect import Finding
from portfolio.domain import keep_rules
from portfolio.domain.attachments import CATEGORY_LABELS, category_label
from portfolio.domain.text_match import normalise

CATEGORY_COLOURS: dict[str, str] = {
    "name": "#ffd6a5",
    "email": "#bde0fe",
    "phone": "#caffbf",
    "postcode": "#e0c3fc",
    "address": "#fdffb6",
    "ni_number": "#ffc6ff",
    "card": "#ffadad",
    "bank": "#9bf6ff",
    "date_of_birth": "#d0d1ff",
    "term": "#e9edc9",
}
HIGHLIGHT_TEXT = "#1d2330"  # dark text on every highlight, in light and dark themes
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# What storing does to the kept list, said on the finding's own line.
ON_KEPT_LIST = "kept: on your list of words that are not personal"
LEAVES_KEPT_LIST = "will be removed and taken off your kept list"
JOINS_KEPT_LIST = "kept here and in your later documents"
PART_OF_A_NAME = "on your kept list, but part of a name here, so removed"
THIS_DOCUMENT_ONLY = "kept in this document only"


@dataclass(frozen=True)
class FindingGroup:
    """Every occurrence of one piece of text in one category."""

    key: str
    category: str
    text: str
    count: int


def group_findings(findings: Sequence[Finding]) -> list[FindingGroup]:
    """One group per distinct text (first category seen), in order of first appearance."""
    groups: dict[str, FindingGroup] = {}
    for finding in findings:
        key = normalise(finding.text)
        found = groups.get(key)
        if found is None:
            groups[key] = FindingGroup(key, finding.category, finding.text, 1)
        else:
            groups[key] = FindingGroup(key, found.category, found.text, found.count + 1)
    return list(groups.values())


def legend(parent: QWidget, categories: Sequence[str]) -> QWidget:
    """A two-column key: a coloured swatch and the category's name, for the categories shown."""
    box = QWidget(parent)
    box.setObjectName("findingsLegend")
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(6)
    grid.setVerticalSpacing(2)
    for index, category in enumerate(categories):
        swatch = QLabel(category_label(category), box)
        swatch.setStyleSheet(
            f"background: {CATEGORY_COLOURS.get(category, '#eeeeee')}; color: {HIGHLIGHT_TEXT};"
            "padding: 1px 6px; border-radius: 3px;"
        )
        grid.addWidget(swatch, index // 2, index % 2)
    return box


class FindingsPanel(QWidget):
    """The highlighted text (``text_view``) and the list of findings (``list``)."""

    rejected_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_view = QTextEdit(self)  # the dialog places it in its own tab
        self.text_view.setObjectName("findingsText")
        self.text_view.setReadOnly(True)
        self.text_view.setAccessibleName("Document text with personal data highlighted")
        self.list = QListWidget(self)
        self.list.setObjectName("findingsList")
        self.list.setAccessibleName("Personal data found: untick anything that is not personal")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._legend_holder = QVBoxLayout()
        self._legend: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Personal data found", self)
        heading.setObjectName("sectionTitle")
        hint = QLabel(
            "Each ticked item will be removed. Untick anything that is not personal "
            "(a job title, a product) to keep it. Names you untick are remembered for your "
            "next documents; see them in File ▸ Word lists.",
            self,
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(self._legend_holder)
        layout.addWidget(self.list, 1)
        self._groups: list[FindingGroup] = []
        self._findings: list[Finding] = []
        self._rejected: set[str] = set()
        self._remembered: set[str] = set()  # keys of the kept words in force
        self._seen: set[str] = set()  # keys shown before: a kept word is unticked only once
        self._shadowed: set[str] = set()  # kept words part of a longer name in this document
        self._auto: set[str] = set()  # unticked by the kept list, not by the learner
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.list.currentItemChanged.connect(self._on_list_current_changed)

    # -- content ----------------------------------------------------------------------------

    def set_remembered(self, kept: Sequence[str]) -> None:
        """The learner's kept words in force (the term list already applied): their findings
        start unticked. A word no longer kept (a term now covers it) that was unticked only
        because it was kept is ticked again."""
        keys = {keep_rules.key(k) for k in kept}
        self._rejected -= self._remembered - keys
        self._remembered = keys

    def set_content(self, text: str, findings: Sequence[Finding]) -> None:
        """Show ``text`` with ``findings``; earlier rejections stay rejected, and a finding on
        the kept list starts unticked the first time it is shown."""
        self._findings = list(findings)
        self._groups = group_findings(findings)
        names = [g.text for g in self._groups if g.category in ("name", "term")]
        self._shadowed = keep_rules.shadowed(
            [g.text for g in self._groups if g.key in self._remembered], names
        )
        self._rejected -= self._shadowed & self._auto  # a name found since (a word added)
        for group in self._groups:
            if group.key not in self._seen and self._applies(group.key):
                self._rejected.add(group.key)
                self._auto.add(group.key)
            self._seen.add(group.key)
        self.text_view.setPlainText(text)
        self._fill_list()
        self._set_legend(sorted({g.category for g in self._groups}, key=_category_order))
        self._highlight()

    def rejected(self) -> list[str]:
        """The texts the learner unticked (to keep), as the anonymiser expects them."""
        return [g.text for g in self._groups if g.key in self._rejected]

    def set_rejected(self, key: str, rejected: bool) -> None:
        """Tick or untick the finding with normalised text ``key`` (as a click would)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KEY_ROLE) == key:
                item.setCheckState(Qt.CheckState.Unchecked if rejected else Qt.CheckState.Checked)

    def groups(self) -> list[FindingGroup]:
        return list(self._groups)

    def remembered_changes(self) -> tuple[list[str], list[str]]:
        """(texts to add to the kept list, texts to take off it) if the document is stored."""
        # A kept word that is part of a name here is left out: ticked here, it stays kept.
        reviewed = [
            (g.category, g.text, g.key in self._rejected)
            for g in self._groups
            if g.key not in self._shadowed
        ]
        return keep_rules.review_changes(reviewed, self._remembered - self._shadowed)

    def is_remembered(self, key: str) -> bool:
        """True when the kept list leaves this finding in this document."""
        return self._applies(key)

    def _applies(self, key: str) -> bool:
        return key in self._remembered and key not in self._shadowed

    def line(self, group: FindingGroup) -> str:
        """The finding's line: its category and text, and what storing does with it."""
        times = f"  ({group.count} times)" if group.count > 1 else ""
        return f"{category_label(group.category)}: {group.text}{times}{self._fate(group)}"

    def _fate(self, group: FindingGroup) -> str:
        unticked = group.key in self._rejected
        if group.key in self._shadowed:
            return f" — {THIS_DOCUMENT_ONLY if unticked else PART_OF_A_NAME}"
        if group.key in self._remembered:
            return f" — {ON_KEPT_LIST if unticked else LEAVES_KEPT_LIST}"
        if not unticked:
            return ""
        if keep_rules.can_remember(group.category, group.text):
            return f" — {JOINS_KEPT_LIST}"
        return f" — {THIS_DOCUMENT_ONLY}"

    # -- internals --------------------------------------------------------------------------

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for group in self._groups:
            item = QListWidgetItem(self.line(group))
            item.setData(KEY_ROLE, group.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            keep = group.key in self._rejected
            item.setCheckState(Qt.CheckState.Unchecked if keep else Qt.CheckState.Checked)
            item.setBackground(QColor(CATEGORY_COLOURS.get(group.category, "#eeeeee")))
            item.setForeground(QColor(HIGHLIGHT_TEXT))
            item.setToolTip("Ticked: removed. Unticked: kept as it is.")
            self._mark(item, group)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _mark(self, item: QListWidgetItem, group: FindingGroup) -> None:
        """A kept word's line is in italics as well as saying so (never colour alone)."""
        remembered = self._applies(group.key)
        font = item.font()
        font.setItalic(remembered)
        item.setFont(font)
        if remembered:
            item.setToolTip(
                "On your kept list (File ▸ Word lists), so left unticked. Tick it to remove it "
                "from this document; it then leaves the list when you attach."
            )

    def _set_legend(self, categories: Sequence[str]) -> None:
        if self._legend is not None:
            self._legend.deleteLater()
            self._legend = None
        if categories:
            self._legend = legend(self, categories)
            self._legend_holder.addWidget(self._legend)

    def _highlight(self) -> None:
        document = self.text_view.document()
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        length = max(0, document.characterCount() - 1)
        for finding in self._findings:
            if finding.end > length:
                continue
            fmt = QTextCharFormat()
            fmt.setToolTip(category_label(finding.category))
            if normalise(finding.text) in self._rejected:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            else:
                fmt.setBackground(QColor(CATEGORY_COLOURS.get(finding.category, "#eeeeee")))
                fmt.setForeground(QColor(HIGHLIGHT_TEXT))
            cursor.setPosition(finding.start)
            cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        key = str(item.data(KEY_ROLE))
        self._auto.discard(key)
        if item.checkState() == Qt.CheckState.Checked:
            self._rejected.discard(key)
        else:
            self._rejected.add(key)
        group = next((g for g in self._groups if g.key == key), None)
        if group is not None:
            self.list.blockSignals(True)
            item.setText(self.line(group))
            self.list.blockSignals(False)
        self._highlight()
        self.rejected_changed.emit()

    def _on_list_current_changed(self, item: QListWidgetItem | None, _: object) -> None:
        if item is None:
            return
        key = item.data(KEY_ROLE)
        for finding in self._findings:
            if normalise(finding.text) == key:
                cursor = self.text_view.textCursor()
                cursor.setPosition(finding.start)
                self.text_view.setTextCursor(cursor)
                self.text_view.ensureCursorVisible()
                return


def _category_order(category: str) -> int:
    order = list(CATEGORY_LABELS)
    return order.index(category) if category in order else len(order)
