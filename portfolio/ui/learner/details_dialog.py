"""The learner's details: what the submission PDF's cover sheet prints.

Name, learner number (ULN), registration number, the qualification the learner is registered
on, centre and centre number, assessor, internal quality assurer and employer. Saved through
``LearnerService.update`` on the writer lane; bad input (a field too long, an empty name) is
shown in the form in one line and nothing is changed. A reviewer's read-only copy shows the
details without letting them be changed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from portfolio.domain.changes import Written
from portfolio.domain.dto import LearnerDetails
from portfolio.services.portfolio import Portfolio
from portfolio.ui.controller import PortfolioController
from portfolio.ui.operations import WriteOp
from portfolio.ui.theme import SPACING

# (field, label with its mnemonic, placeholder) in the cover sheet's order.
FIELDS = (
    ("name", "&Name", "The learner's full name"),
    ("learner_number", "&Learner number (ULN)", "For example 4821 0093 17"),
    ("registration_number", "&Registration number", "From the awarding body"),
    ("qualification", "&Qualification", "For example iCQ Level 2 Certificate in WorkSkills"),
    ("centre", "&Centre", "College or training centre"),
    ("centre_number", "Centre n&umber", "The centre's number with the awarding body"),
    ("assessor", "&Assessor", "Your assessor's name"),
    ("iqa", "&Internal quality assurer", "Your IQA's name, if you know it"),
    ("employer", "&Employer", "Also removed from the documents you attach"),
)


class LearnerDetailsDialog(QDialog):
    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setObjectName("learnerDetailsDialog")
        self.setWindowTitle("Learner details")
        self.setMinimumWidth(520)
        editable = controller.can_edit_learner_text
        intro = QLabel(
            "These details go on the cover sheet of your submission PDF. Leave a field empty "
            "if you do not know it yet: the cover will say it is not recorded.",
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        form = QFormLayout()
        details = controller.portfolio.learner.get()
        self.fields: dict[str, QLineEdit] = {}
        for field, label, hint in FIELDS:
            edit = QLineEdit(str(getattr(details, field)), self)
            edit.setObjectName(f"learner_{field}")
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(label.replace("&", ""))
            edit.setReadOnly(not editable)
            caption = QLabel(label, self)
            caption.setBuddy(edit)
            form.addRow(caption, edit)
            self.fields[field] = edit
        self.error = QLabel("", self)
        self.error.setObjectName("learnerDetailsError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            if editable
            else QDialogButtonBox.StandardButton.Close,
            self,
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {field: edit.text() for field, edit in self.fields.items()}

    def save(self) -> None:
        """Store the changed fields; the dialog closes once they are in the file."""
        before = self._controller.portfolio.learner.get()
        changed = {k: v for k, v in self.values().items() if v.strip() != getattr(before, k)}
        if not changed:
            self.accept()
            return

        def op(pf: Portfolio) -> Written[LearnerDetails]:
            return pf.learner.update(**changed)

        def done(_: Written[LearnerDetails]) -> None:
            self.accept()

        def failed(message: str) -> None:
            self.error.setText(message)
            self.error.setVisible(True)

        WriteOp(self._controller, self, op).success(done).failure(failed, quiet=True).run(
            initiator=self
        )
