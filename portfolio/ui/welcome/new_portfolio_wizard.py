"""A short wizard for a new portfolio: about you, your workplace, your qualification, where to
save it. Finishing creates the file through the controller and opens it."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from portfolio.domain.dto import LearnerDetails
from portfolio.errors import PortfolioError
from portfolio.frameworks.catalog import bundled_frameworks
from portfolio.frameworks.model import Framework
from portfolio.services.portfolio import SUFFIX
from portfolio.ui.controller import PortfolioController

_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


def framework_html(framework: Framework) -> str:
    """A readable description of a qualification for choosing one."""
    parts = [f"<h3>{html.escape(framework.title)}</h3>"]
    level = framework.level if framework.level != "not stated" else "not stated by the source"
    parts.append(f"<p><b>Level:</b> {html.escape(level)}")
    if framework.awarding_body:
        parts.append(f"<br><b>Awarding body:</b> {html.escape(framework.awarding_body)}")
    parts.append("</p>")
    description = framework.description or (framework.units[0].overview if framework.units else "")
    if description:
        parts.append(f"<p>{html.escape(description)}</p>")
    if framework.qualifications:
        items = "".join(f"<li>{html.escape(q)}</li>" for q in framework.qualifications)
        parts.append(f"<p><b>Part of:</b></p><ul>{items}</ul>")
    units = "".join(
        f"<li>{html.escape(u.ref)}: {html.escape(u.title)} "
        f"({sum(1 for _ in u.criteria())} criteria)</li>"
        for u in framework.units
    )
    parts.append(f"<p><b>Units:</b></p><ul>{units}</ul>")
    return "".join(parts)


def _page(title: str, subtitle: str) -> QWizardPage:
    page = QWizardPage()
    page.setTitle(title)
    page.setSubTitle(subtitle)
    return page


class _ChoicePage(QWizardPage):
    """Complete once something is chosen in its list."""

    choices: QListWidget | None = None

    def isComplete(self) -> bool:
        return self.choices is not None and self.choices.currentItem() is not None


class NewPortfolioWizard(QWizard):
    def __init__(
        self,
        controller: PortfolioController,
        *,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._folder = folder or Path.home()
        self.setObjectName("newPortfolioWizard")
        self.setWindowTitle("New portfolio")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.resize(720, 520)
        self.created_path: Path | None = None

        about = _page("About you", "Your details appear on the cover of your portfolio.")
        form = QFormLayout(about)
        self.name = QLineEdit(about)
        self.name.setObjectName("learnerName")
        self.learner_number = QLineEdit(about)
        self.learner_number.setObjectName("learnerNumber")
        self.learner_number.setPlaceholderText("For example your ULN (optional)")
        self.centre = QLineEdit(about)
        self.centre.setObjectName("centre")
        self.centre.setPlaceholderText("Your college or training provider (optional)")
        for label, widget, accessible in (
            ("Your &name", self.name, "Your name"),
            ("&Learner number", self.learner_number, "Learner number"),
            ("&College or centre", self.centre, "College or centre"),
        ):
            widget.setAccessibleName(accessible)
            widget.setMaxLength(200)
            form.addRow(label, widget)
        about.registerField("name*", self.name)
        self.addPage(about)

        work = _page(
            "Your workplace",
            "Where you gather your evidence. Portfolio will remove this name from documents you "
            "attach, so they are anonymised.",
        )
        work_form = QFormLayout(work)
        self.employer = QLineEdit(work)
        self.employer.setObjectName("employer")
        self.employer.setAccessibleName("Employer")
        self.employer.setPlaceholderText("For example: Fairway Foods Ltd (optional)")
        self.employer.setMaxLength(200)
        work_form.addRow("&Employer", self.employer)
        self.addPage(work)

        qualification = _ChoicePage()
        qualification.setTitle("Your qualification")
        qualification.setSubTitle("Choose the qualification your evidence is for.")
        q_layout = QVBoxLayout(qualification)
        splitter = QSplitter(Qt.Orientation.Horizontal, qualification)
        self.frameworks = QListWidget(splitter)
        self.frameworks.setObjectName("frameworkList")
        self.frameworks.setAccessibleName("Qualifications")
        self.framework_description = QTextBrowser(splitter)
        self.framework_description.setObjectName("frameworkDescription")
        self.framework_description.setAccessibleName("About this qualification")
        for framework in bundled_frameworks():
            level = (
                f"Level {framework.level}" if framework.level[:1].isdigit() else "Level not stated"
            )
            # The level first: two qualifications can share a title (Level 1 and Level 2).
            item = QListWidgetItem(f"{level}: {framework.title}", self.frameworks)
            item.setToolTip(f"{level}: {framework.title}")
            item.setData(Qt.ItemDataRole.UserRole, framework.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, framework_html(framework))
        self.frameworks.setWordWrap(True)
        self.frameworks.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.frameworks.setSpacing(4)
        splitter.setSizes([300, 380])
        splitter.setMinimumHeight(300)
        q_layout.addWidget(splitter, 1)
        self.frameworks.currentItemChanged.connect(self._on_frameworks_current_item_changed)
        qualification.choices = self.frameworks
        self._qualification_page = qualification
        self.addPage(qualification)

        save = _page(
            "Where to save it",
            "Your portfolio is one file. Keep it somewhere you back up, or on a USB stick.",
        )
        save_layout = QVBoxLayout(save)
        row = QHBoxLayout()
        self.path = QLineEdit(save)
        self.path.setObjectName("savePath")
        self.path.setAccessibleName("File to create")
        browse = QPushButton("&Browse…", save)
        browse.setObjectName("browse")
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        file_label = QLabel("&File", save)
        file_label.setBuddy(self.path)
        save_layout.addWidget(file_label)
        save_layout.addLayout(row)
        self.save_problem = QLabel(save)
        self.save_problem.setObjectName("hint")
        self.save_problem.setWordWrap(True)
        save_layout.addWidget(self.save_problem)
        save_layout.addStretch(1)
        save.registerField("path*", self.path)
        browse.clicked.connect(self._on_browse_clicked)
        self.path.textChanged.connect(lambda _: self.save_problem.setText(""))
        self._save_page = save
        self.addPage(save)
        self.currentIdChanged.connect(self._on_current_id_changed)

    # -- results ------------------------------------------------------------------------

    def learner(self) -> LearnerDetails:
        return LearnerDetails(
            name=self.name.text().strip(),
            learner_number=self.learner_number.text().strip(),
            centre=self.centre.text().strip(),
            employer=self.employer.text().strip(),
        )

    def framework_id(self) -> str | None:
        item = self.frameworks.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def target_path(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)

    def accept(self) -> None:
        """Create the portfolio; on a problem, say so and stay on the last page."""
        framework = self.framework_id()
        try:
            self._controller.create(
                self.target_path(),
                learner=self.learner(),
                frameworks=[framework] if framework else [],
            )
        except PortfolioError as exc:
            self.save_problem.setText(f"Could not create the portfolio: {exc}")
            return
        self.created_path = self.target_path()
        super().accept()

    # -- slots --------------------------------------------------------------------------

    def _on_frameworks_current_item_changed(self, current, _previous) -> None:
        self.framework_description.setHtml(
            current.data(Qt.ItemDataRole.UserRole + 1) if current else ""
        )
        self._qualification_page.completeChanged.emit()

    def _on_current_id_changed(self, _page_id: int) -> None:
        if self.currentPage() is self._save_page and not self.path.text():
            name = _UNSAFE.sub("", self.name.text().strip()) or "My"
            self.path.setText(str(self._folder / f"{name} portfolio{SUFFIX}"))

    def _on_browse_clicked(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save portfolio as", self.path.text(), f"Portfolio files (*{SUFFIX})"
        )
        if chosen:
            self.path.setText(chosen)
