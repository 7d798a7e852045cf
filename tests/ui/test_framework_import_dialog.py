"""The framework import dialog, driven with qtbot: preview, problems, import, update in place."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt

from portfolio.frameworks import catalog
from portfolio.ui.frameworks.framework_tree_model import FrameworkTreeModel
from portfolio.ui.frameworks.import_dialog import FrameworkImportDialog
from tests.ui.helpers.waiting import wait_for_writes

INTEROP = Path(__file__).resolve().parents[1] / "fixtures" / "interop"


def test_preview_shows_counts_tree_and_warnings(qtbot, controller) -> None:
    dialog = FrameworkImportDialog(controller)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert dialog.load_file(INTEROP / "example.matrix")
    text = dialog.summary_label.text()
    assert "Title of your framework" in text and "1 unit, 4 outcomes, 31 criteria" in text
    assert "Mahara SmartEvidence" in text
    model = dialog.tree_model
    assert model.rowCount() == 1 and model.rowCount(model.index(0, 0)) == 4
    first_outcome = model.index(0, 0, model.index(0, 0))
    assert model.rowCount(first_outcome) == 4  # 1.1 to 1.4; 1.3.1 to 1.3.4 sit under 1.3
    under = model.index(2, 0, first_outcome)
    assert model.data(under) == "AC1.3" and model.rowCount(under) == 4
    assert model.data(model.index(0, 0, under)) == "AC1.3.1"
    assert model.data(model.index(0, 3, under)).startswith("Description of the standard")
    # What was kept, and what has no place here, are both shown.
    kept = dialog.kept_label.text()
    assert dialog.kept_label.isVisibleTo(dialog)
    assert "12 criteria nested under a parent" in kept
    assert "(31 used as the numbers)" not in kept and "(30 used as the numbers)" in kept
    assert "met: 'Meets the standard'" in kept and "institution 'all'" in kept
    lines = [dialog.messages.item(i).text() for i in range(dialog.messages.count())]
    assert sum("duplicate element id '4.4.3'" in line for line in lines) == 1
    assert any(
        line.startswith("No place here: evidence status 'partialcomplete'") for line in lines
    )
    assert dialog.import_button.isEnabled()
    assert dialog.portfolio_check.isEnabled() and dialog.portfolio_check.isChecked()


def test_malformed_file_lists_every_problem_and_cannot_be_imported(
    qtbot, controller, portfolio_file: Path
) -> None:
    before = hashlib.sha256(portfolio_file.read_bytes()).hexdigest()
    dialog = FrameworkImportDialog(controller)
    qtbot.addWidget(dialog)
    assert not dialog.load_file(INTEROP / "bad.csv")
    assert dialog.messages.count() == 4
    assert "4 problems" in dialog.messages_label.text()
    assert "line 3, column unit_title" in dialog.messages.item(0).text()
    assert dialog.tree_model.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert hashlib.sha256(portfolio_file.read_bytes()).hexdigest() == before


def test_import_into_portfolio_and_library(qtbot, controller) -> None:
    dialog = FrameworkImportDialog(controller)
    qtbot.addWidget(dialog)
    dialog.load_file(INTEROP / "customer-service.csv")
    with qtbot.waitSignal(controller.changed) as changed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].frameworks and changed.args[0].initiator is dialog
    wait_for_writes(qtbot)
    assert "customer-service-practitioner-l2" in controller.portfolio.enrolment.framework_ids()
    assert "customer-service-practitioner-l2" in [f.id for f in catalog.all_frameworks()]
    assert "Added to the open portfolio" in dialog.outcome_label.text()
    assert not dialog.import_button.isEnabled()


def test_updating_an_enrolled_framework_lists_vanished_criteria(
    qtbot, controller, tmp_path: Path
) -> None:
    import json

    entry = controller.portfolio.entries.add(title="Listening").value
    controller.portfolio.tagging.tag(entry_id=entry.id, criterion="1.2")
    document = json.loads(json.dumps(catalog.get_bundled("icq-bwrc-l2").raw))
    document["version"] = "2"
    del document["units"][0]["outcomes"][0]["criteria"][1]
    newer = tmp_path / "bwrc-v2.json"
    newer.write_text(json.dumps(document), encoding="utf-8")

    dialog = FrameworkImportDialog(controller)
    qtbot.addWidget(dialog)
    dialog.load_file(newer)
    assert dialog.portfolio_check.text().startswith("Update the copy in")
    dialog.library_check.setChecked(False)  # a bundled id never goes into the library
    assert dialog.import_now()
    wait_for_writes(qtbot)
    assert dialog.result_of_import.action == "updated"
    assert "from version 1 to 2" in dialog.outcome_label.text()
    assert dialog.messages.count() == 1 and "E1" in dialog.messages.item(0).text()


def test_without_an_open_portfolio_only_the_library_is_offered(qtbot) -> None:
    dialog = FrameworkImportDialog(None)
    qtbot.addWidget(dialog)
    dialog.load_file(INTEROP / "nace_usa.matrix")
    assert not dialog.portfolio_check.isEnabled()
    assert dialog.import_now()
    assert "career-readiness" in [f.id for f in catalog.all_frameworks()]


def test_tree_model_passes_qtmodeltester(qtmodeltester) -> None:
    model = FrameworkTreeModel()
    model.set_framework(catalog.get_bundled("icq-bwrc-l2"))
    qtmodeltester.check(model)
    from portfolio.frameworks.importers import import_file

    model.set_framework(import_file(INTEROP / "example.matrix").framework)  # nested criteria
    qtmodeltester.check(model)
    model.set_framework(None)
    qtmodeltester.check(model)
