"""FrameworkImportDialog: choose a framework file, preview it, see every problem, import it.

The file is read and validated by the core importers (our JSON, CSV or Mahara .matrix, told
apart by content). Nothing is stored until the tutor presses Import; then the framework goes
into their library and/or the open portfolio (updated in place if it is already enrolled).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from portfolio.errors import FrameworkError, PortfolioError
from portfolio.frameworks.fidelity import kept_lines, not_kept
from portfolio.frameworks.importers import ImportedFramework
from portfolio.frameworks.model import Framework
from portfolio.services.frameworks_admin import (
    PortfolioImportResult,
    read_framework_file,
    save_to_library,
)
from portfolio.ui.controller import PortfolioController
from portfolio.ui.frameworks.framework_tree_model import FrameworkTreeModel
from portfolio.ui.operations import WriteOp

FORMAT_NAMES = {
    "portfolio-json": "Portfolio framework (JSON)",
    "csv": "Spreadsheet (CSV)",
    "mahara-matrix": "Mahara SmartEvidence (.matrix)",
}
FILE_FILTER = "Framework files (*.json *.csv *.matrix *.txt);;All files (*)"


class FrameworkImportDialog(QDialog):
    """Preview and import a framework. ``controller`` may have no portfolio open."""

    def __init__(self, controller: object | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a qualification framework")
        self.setObjectName("frameworkImportDialog")
        self.resize(760, 600)
        self._controller = controller
        self.imported: ImportedFramework | None = None
        self.result_of_import: PortfolioImportResult | None = None

        self.path_edit = QLineEdit(readOnly=True, placeholderText="No file chosen")
        self.path_edit.setAccessibleName("Framework file")
        self.choose_button = QPushButton("Choose file…")
        self.choose_button.clicked.connect(self._on_choose_clicked)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)

        self.summary_label = QLabel(
            "Choose a framework file: the Portfolio JSON format, a CSV made from the template, "
            "or a Mahara SmartEvidence .matrix file."
        )
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("importSummary")
        self.kept_label = QLabel()
        self.kept_label.setWordWrap(True)
        self.kept_label.setObjectName("importKept")
        self.kept_label.setVisible(False)
        self.tree_model = FrameworkTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setAccessibleName("Framework preview")
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setColumnWidth(1, 260)  # the statement is what a tutor checks first
        self.messages_label = QLabel()
        self.messages_label.setWordWrap(True)
        self.messages = QListWidget()
        self.messages.setAccessibleName("Problems and warnings")
        self.messages.setWordWrap(True)

        self.library_check = QCheckBox("Keep it in my frameworks library (for any portfolio)")
        self.library_check.setChecked(True)
        self.portfolio_check = QCheckBox()
        self._set_portfolio_option(None)
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setObjectName("importOutcome")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.kept_label)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.messages_label)
        layout.addWidget(self.messages, 1)
        layout.addWidget(self.library_check)
        layout.addWidget(self.portfolio_check)
        layout.addWidget(self.outcome_label)
        layout.addWidget(self.buttons)
        self._show_messages("", [])

    # -- public ---------------------------------------------------------------------------

    def load_file(self, path: str | Path) -> bool:
        """Read and preview ``path``; returns False (and lists the problems) if it is invalid."""
        self.path_edit.setText(str(path))
        self.outcome_label.clear()
        try:
            imported = read_framework_file(path)
        except FrameworkError as exc:
            self.imported = None
            self.tree_model.set_framework(None)
            self.tree.setVisible(False)
            self.summary_label.setText("This file cannot be imported. Nothing has been changed.")
            self.kept_label.setVisible(False)
            count = len(exc.problems)
            self._show_messages(
                f"{count} problem{'s' if count != 1 else ''} to fix in the file:", exc.problems
            )
            self._set_portfolio_option(None)
            self.import_button.setEnabled(False)
            return False
        self.imported = imported
        framework = imported.framework
        self.tree_model.set_framework(framework)
        self.tree.setVisible(True)
        self.tree.expandToDepth(1)  # units and outcomes open: the criteria are the preview
        self.summary_label.setText(
            f"<b>{_escape(framework.title)}</b> (Level {_escape(framework.level)}, version "
            f"{_escape(framework.version)})<br>"
            f"{_plural(imported.unit_count, 'unit')}, {_plural(imported.outcome_count, 'outcome')}"
            f", {_plural(imported.criterion_count, 'criterion', 'criteria')} · "
            f"{FORMAT_NAMES.get(imported.format, imported.format)} · id "
            f"<code>{_escape(framework.id)}</code>"
        )
        self._show_kept(framework)
        notes = [*imported.warnings, *(f"No place here: {item}" for item in not_kept(framework))]
        self._show_messages(
            f"{_plural(len(notes), 'note')} about how the file was read:" if notes else "",
            notes,
        )
        self._set_portfolio_option(framework.id)
        self.import_button.setEnabled(True)
        return True

    def import_now(self) -> bool:
        """Store the previewed framework as the check boxes say; True when it was started.

        The portfolio's copy is written by a ``WriteOp`` (the helper announces the Changes);
        the library copy is saved once that has succeeded, so a refused update saves nothing.
        """
        if self.imported is None:
            return False
        framework = self.imported.framework
        into_portfolio = self.portfolio_check.isEnabled() and self.portfolio_check.isChecked()
        into_library = self.library_check.isChecked()
        if not (into_portfolio or into_library):
            self.outcome_label.setText("Tick at least one place to import the framework into.")
            return False
        controller = self._controller
        if into_portfolio and isinstance(controller, PortfolioController):
            self.import_button.setEnabled(False)  # until it is stored or refused

            def stored(result: PortfolioImportResult) -> None:
                self._finish(framework, result, into_library)

            WriteOp(
                controller, self, lambda pf: pf.frameworks_admin.import_framework(framework)
            ).success(stored).failure(self._refused, quiet=True).run(initiator=self)
            return True
        return self._finish(framework, None, into_library)

    def _refused(self, message: str) -> None:
        self.outcome_label.setText(f"Not imported: {message}")
        self.import_button.setEnabled(True)

    def _finish(
        self, framework: Framework, result: PortfolioImportResult | None, into_library: bool
    ) -> bool:
        self.result_of_import = result
        done = [_describe(result)] if result is not None else []
        if into_library:
            try:  # the user's library (a folder), not the portfolio: no Changes to announce
                save_to_library(framework)
            except PortfolioError as exc:
                self._refused(str(exc))
                return False
            done.append("Saved in your frameworks library.")
        self.outcome_label.setText("<b>Imported.</b> " + " ".join(done))
        vanished = result.vanished if result else ()
        if vanished:
            self._show_messages(
                "Criteria no longer in the framework (tags kept so you can re-tag):",
                [
                    f"{v.number or v.criterion_id} {v.text[:80]} — used by "
                    f"{', '.join(e.ref for e in v.entries) or 'no entries'}"
                    for v in vanished
                ],
            )
        self.import_button.setEnabled(False)
        self.library_check.setEnabled(False)
        self.portfolio_check.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
        return True

    # -- slots ----------------------------------------------------------------------------

    def _on_choose_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a framework file", "", FILE_FILTER)
        if path:
            self.load_file(path)

    def _on_import_clicked(self) -> None:
        self.import_now()

    # -- helpers --------------------------------------------------------------------------

    def _show_kept(self, framework: Framework) -> None:
        lines = kept_lines(framework)
        self.kept_label.setText(
            "Kept from the file: " + "; ".join(_escape(line) for line in lines) + "."
            if lines
            else ""
        )
        self.kept_label.setVisible(bool(lines))

    def _show_messages(self, heading: str, lines: list[str]) -> None:
        self.messages_label.setText(heading)
        self.messages_label.setVisible(bool(heading))
        self.messages.clear()
        self.messages.addItems(lines)
        self.messages.setVisible(bool(lines))

    def _set_portfolio_option(self, framework_id: str | None) -> None:
        controller = self._controller
        is_open = bool(controller is not None and getattr(controller, "is_open", False))
        if not is_open:
            self.portfolio_check.setText("Add it to the open portfolio (no portfolio is open)")
            self.portfolio_check.setChecked(False)
            self.portfolio_check.setEnabled(False)
            return
        portfolio = controller.portfolio  # type: ignore[union-attr]
        enrolled = framework_id is not None and framework_id in portfolio.enrolment.framework_ids()
        name = portfolio.path.name
        self.portfolio_check.setText(
            f"Update the copy in {name} (tags are kept; removed criteria are listed)"
            if enrolled
            else f"Add it to the open portfolio ({name})"
        )
        self.portfolio_check.setEnabled(not portfolio.read_only)
        self.portfolio_check.setChecked(not portfolio.read_only)


def _describe(result: PortfolioImportResult) -> str:
    if result.action == "enrolled":
        return "Added to the open portfolio."
    return (
        f"Updated the portfolio's copy from version {result.old_version} to "
        f"{result.new_version}: {result.tags_kept} tag(s) kept, {len(result.vanished)} "
        "criteria removed."
    )


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
