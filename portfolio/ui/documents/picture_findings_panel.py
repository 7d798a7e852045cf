"""What OCR and the face detector found in a picture or on scanned pages, one line per region.

Every face and every piece of personal data read in the picture is listed ("Face 1", "Phone
number: 07700 900123"), ticked: ticked regions are blacked out. Unticking one keeps exactly
that region (its key goes into the anonymiser's ``rejected``); the picture shows each region as
a box, solid when it will be blacked out and dashed when it is kept. Text on the learner's kept
list starts unticked and says so, as in the text findings (faces are never on it).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from portfolio.anonymise.pictures import FACE, PictureFinding
from portfolio.domain import keep_rules
from portfolio.domain.attachments import category_label
from portfolio.ui.documents.findings_panel import LEAVES_KEPT_LIST, ON_KEPT_LIST

KEY_ROLE = Qt.ItemDataRole.UserRole + 2


def finding_label(finding: PictureFinding, faces_before: int, *, with_page: bool = True) -> str:
    """The list's line for a finding: "Face 2", or "Name: Anita Patel (page 3)"."""
    if finding.category == FACE:
        label = f"Face {faces_before + 1}"
    else:
        label = f"{category_label(finding.category)}: {finding.text}"
    return label + (f" (page {finding.page + 1})" if finding.page and with_page else "")


class PictureFindingsPanel(QWidget):
    """A ticked list of the regions found; ``rejected()`` gives the keys the learner unticked."""

    rejected_changed = Signal()
    finding_selected = Signal(object)  # PictureFinding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pictureFindings")
        self.heading = QLabel("Found in the picture", self)
        self.heading.setObjectName("sectionTitle")
        self.summary = QLabel(self)
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("pictureFindingsList")
        self.list.setAccessibleName(
            "Faces and personal data found in the picture: untick one to keep it"
        )
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self._findings: list[PictureFinding] = []
        self._rejected: set[str] = set()
        self._remembered: set[str] = set()  # normalised texts of the kept words in force
        self._seen: set[str] = set()  # region keys shown before
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.list.currentItemChanged.connect(self._on_list_current_changed)

    def set_remembered(self, kept: Sequence[str]) -> None:
        """The learner's kept words in force: regions reading one of them start unticked."""
        self._remembered = {keep_rules.key(k) for k in kept}

    def set_findings(self, findings: Sequence[PictureFinding]) -> None:
        """Show ``findings``; regions the learner kept earlier stay kept, and text on the kept
        list starts unticked the first time it is shown."""
        self._findings = list(findings)
        keys = {f.key for f in self._findings}
        self._rejected &= keys
        for finding in self._findings:
            if finding.key not in self._seen and self._is_remembered(finding):
                self._rejected.add(finding.key)
            self._seen.add(finding.key)
        self.list.blockSignals(True)
        self.list.clear()
        faces = 0
        for finding in self._findings:
            item = QListWidgetItem(self._line(finding, faces))
            faces += finding.category == FACE
            item.setData(KEY_ROLE, finding.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            kept = finding.key in self._rejected
            item.setCheckState(Qt.CheckState.Unchecked if kept else Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._update_summary()

    def findings(self) -> list[PictureFinding]:
        return list(self._findings)

    def rejected(self) -> list[str]:
        """Keys of the regions the learner chose to keep."""
        return [f.key for f in self._findings if f.key in self._rejected]

    def is_kept(self, finding: PictureFinding) -> bool:
        return finding.key in self._rejected

    def remembered_changes(self) -> tuple[list[str], list[str]]:
        """(texts to add to the kept list, texts to take off it) if the document is stored."""
        reviewed = [
            (f.category, f.text, f.key in self._rejected)
            for f in self._findings
            if f.category != FACE
        ]
        return keep_rules.review_changes(reviewed, self._remembered)

    def _is_remembered(self, finding: PictureFinding) -> bool:
        return finding.category != FACE and keep_rules.key(finding.text) in self._remembered

    def _line(self, finding: PictureFinding, faces_before: int) -> str:
        label = finding_label(finding, faces_before)
        if not self._is_remembered(finding):
            return label
        return f"{label} — {ON_KEPT_LIST if finding.key in self._rejected else LEAVES_KEPT_LIST}"

    def marks(self) -> list[tuple[int, tuple[float, float, float, float], str, bool]]:
        """Every region's boxes for the picture: ``(page, box, label, blacked out)``."""
        marks: list[tuple[int, tuple[float, float, float, float], str, bool]] = []
        faces = 0
        for finding in self._findings:
            label = finding_label(finding, faces, with_page=False)
            faces += finding.category == FACE
            active = finding.key not in self._rejected
            marks.extend((finding.page, box, label, active) for box in finding.boxes)
        return marks

    def _update_summary(self) -> None:
        if not self._findings:
            self.summary.setText(
                "No faces or personal data were found. Check the picture yourself and drag a "
                "box over anything personal."
            )
            return
        kept = len(self._rejected)
        self.summary.setText(
            "Each ticked item is blacked out. Untick one to keep it (a face on a poster, a "
            "shop's own phone number)." + (f" Keeping {kept}." if kept else "")
        )

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        key = str(item.data(KEY_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self._rejected.discard(key)
        else:
            self._rejected.add(key)
        finding = next((f for f in self._findings if f.key == key), None)
        if finding is not None and self._is_remembered(finding):
            faces = sum(f.category == FACE for f in self._findings[: self._findings.index(finding)])
            self.list.blockSignals(True)
            item.setText(self._line(finding, faces))
            self.list.blockSignals(False)
        self._update_summary()
        self.rejected_changed.emit()

    def _on_list_current_changed(self, current: QListWidgetItem | None, _: object) -> None:
        if current is None:
            return
        key = str(current.data(KEY_ROLE))
        finding = next((f for f in self._findings if f.key == key), None)
        if finding is not None:
            self.finding_selected.emit(finding)
