"""The editor's attachments panel: an entry's documents, attach by drop or button, note, remove."""

from __future__ import annotations

import pytest
from attach_helpers import WORKPLACE_NOTE, wait_idle
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from portfolio.domain.actor import Actor
from portfolio.ui.controller import PortfolioController
from portfolio.ui.documents.attachments_panel import NO_NOTE, AttachmentsPanel
from tests.ui.helpers.waiting import wait_for_writes


@pytest.fixture
def entries(controller) -> tuple[str, str]:
    pf = controller.portfolio
    return pf.entries.add(title="Complaint").value.id, pf.entries.add(title="Greeting").value.id


@pytest.fixture
def panel(qtbot, controller) -> AttachmentsPanel:
    panel = AttachmentsPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(420, 360)
    panel.show()
    return panel


def drop(panel: AttachmentsPanel, *paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dropEvent(event)


def test_no_entry_means_a_disabled_panel(panel):
    panel.set_entry(None)
    assert not panel.isEnabled()
    assert panel.attach_files([]) is None


def test_dropped_files_are_reviewed_then_attached(qtbot, panel, controller, entries, tmp_path):
    first, second = tmp_path / "flow.txt", tmp_path / "notes.md"
    first.write_bytes(WORKPLACE_NOTE)
    second.write_text("# Notes\nAsk the Team Leader, Mrs Patel, about refunds.\n")
    panel.set_entry(entries[0])
    drop(panel, first, second)
    dialog = panel.review_dialog
    assert dialog is not None
    wait_idle(qtbot, dialog)
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.review_dialog is not dialog, timeout=20_000)
    second_dialog = panel.review_dialog  # the next dropped file follows
    assert second_dialog is not None
    wait_idle(qtbot, second_dialog)
    qtbot.mouseClick(second_dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.rows()) == 2, timeout=20_000)
    assert [r.filename for r in panel.rows()] == ["flow.txt", "notes.md"]
    assert NO_NOTE in panel.list.item(0).text()
    panel.set_entry(entries[1])
    assert panel.rows() == []


def test_unreadable_file_shows_an_error_and_opens_no_review(qtbot, panel, entries, tmp_path):
    panel.set_entry(entries[0])
    assert panel.attach_files([tmp_path / "missing.pdf"]) is None
    box = panel.findChild(QMessageBox, "errorMessage")
    assert box is not None
    assert "does not exist" in box.text()
    box.close()


def test_note_and_remove_from_the_panel(qtbot, panel, controller, entries):
    result = controller.portfolio.attachments.attach(
        entry_id=entries[0], data=WORKPLACE_NOTE, filename="flow.txt"
    )
    panel.set_entry(entries[0])
    panel.list.setCurrentRow(0)
    dialog = panel.edit_selected_note()
    dialog.editor.setPlainText("Used at step 2.")
    dialog.accept()
    wait_for_writes(qtbot)
    assert controller.portfolio.attachments.get(result.attachment.id).note == "Used at step 2."
    assert "Used at step 2." in panel.list.item(0).text()
    panel.list.setCurrentRow(0)
    box = panel.remove_selected()
    remove = next(b for b in box.buttons() if b.text() == "Remove")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert controller.portfolio.attachments.counts() == (0, 0)
    assert panel.rows() == []


def test_reviewer_cannot_attach(qtbot, portfolio_file, controller, entries, tmp_path):
    controller.close()
    reviewer = PortfolioController()
    reviewer.open(portfolio_file, actor=Actor("Ms Tutor", "tutor"))
    try:
        panel = AttachmentsPanel(reviewer)
        qtbot.addWidget(panel)
        panel.set_entry(entries[0])
        assert not panel.attach_button.isEnabled()
        path = tmp_path / "flow.txt"
        path.write_bytes(WORKPLACE_NOTE)
        assert panel.attach_files([path]) is None
    finally:
        reviewer.close()
