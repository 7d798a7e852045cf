"""The Documents page: list with entries and notes, preview, open, save, annotate, remove."""

from __future__ import annotations

import pytest
from attach_helpers import WORKPLACE_NOTE, corpus
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from portfolio.domain.actor import Actor
from portfolio.ui.controller import PortfolioController
from portfolio.ui.documents.attachment_table_model import ATTACHMENT_ID_ROLE
from portfolio.ui.documents.documents_page import DocumentsPage
from tests.ui.helpers.waiting import wait_for_writes


@pytest.fixture
def attached(controller) -> dict[str, str]:
    """A text document shared by E1 and E2, and a PDF on E1."""
    pf = controller.portfolio
    e1 = pf.entries.add(title="Handling a complaint").value.id
    e2 = pf.entries.add(title="Escalating to the duty manager").value.id
    a = pf.attachments.attach(entry_id=e1, data=WORKPLACE_NOTE, filename="flow.txt", note="Step 2")
    b = pf.attachments.attach(entry_id=e2, data=WORKPLACE_NOTE, filename="flow.txt")
    c = pf.attachments.attach(
        entry_id=e1, data=corpus.as_pdf(corpus.DOCUMENTS[0]), filename="greeting.pdf"
    )
    return {"text_e1": a.attachment.id, "text_e2": b.attachment.id, "pdf": c.attachment.id}


@pytest.fixture
def page(qtbot, controller) -> DocumentsPage:
    page = DocumentsPage(controller)
    qtbot.addWidget(page)
    page.resize(1000, 640)
    page.show()
    return page


def cell(page: DocumentsPage, row: int, column: int) -> str:
    return page.model.data(page.model.index(row, column))


def test_lists_every_attachment_with_its_entry_and_note(qtmodeltester, attached, page):
    assert page.model.rowCount() == 3
    assert cell(page, 0, 0) == "flow.txt"
    assert cell(page, 0, 1) == "E1 Handling a complaint (also E2)"
    assert cell(page, 0, 2) == "Step 2"
    assert cell(page, 1, 2) == "No note yet"
    assert page.model.data(page.model.index(2, 0), ATTACHMENT_ID_ROLE) == attached["pdf"]
    assert page.splitter.isVisible()
    assert not page.empty_state.isVisible()
    qtmodeltester.check(page.model)


def test_empty_portfolio_shows_the_empty_state(page, controller):
    assert page.model.rowCount() == 0
    assert page.empty_state.isVisible()
    assert not page.open_button.isEnabled()


def next_tab_stop(widget):
    """Where Tab goes from ``widget``: the next shown widget in the chain that takes Tab."""
    found = widget.nextInFocusChain()
    while not (
        found.isVisible() and found.focusPolicy() & Qt.FocusPolicy.TabFocus and found.isEnabled()
    ):
        found = found.nextInFocusChain()
    return found


def test_the_row_actions_hide_while_there_is_no_document(qtbot, page, controller):
    """With no document, disabled Open/Save a copy/Edit note/Remove read as live buttons (only
    their grey text differed): hidden instead, and Tab does not stop on them. Once there is a
    document they show, and Tab goes from the list to them in their order."""
    assert not page.action_row.isVisible() and not page.open_button.isVisible()
    assert "Select a document" not in page.intro.text()  # there is none to select
    pf = controller.portfolio
    entry = pf.entries.add(title="Handling a complaint").value.id
    pf.attachments.attach(entry_id=entry, data=WORKPLACE_NOTE, filename="flow.txt")
    page.reload()
    assert page.action_row.isVisible() and page.open_button.isEnabled()
    assert page.intro.text().endswith("Select a document to see it.")
    stops = [next_tab_stop(page.table)]
    for _ in range(3):
        stops.append(next_tab_stop(stops[-1]))
    assert stops == [page.open_button, page.save_button, page.note_button, page.remove_button]


def test_preview_shows_the_anonymised_copy(attached, page):
    page.select(attached["text_e1"])
    text = page.preview.text_view.toPlainText()
    assert "[PHONE 1]" in text
    assert "07700" not in text
    assert "Used in E1" in page.note_label.text()
    page.select(attached["pdf"])
    assert page.preview.pages.isVisible()
    assert page.preview.pages.page_count == 1


def test_reannotate_through_the_note_dialog(qtbot, attached, page, controller):
    page.select(attached["text_e2"])
    dialog = page.edit_selected_note()
    assert dialog is not None
    dialog.editor.setPlainText("I used it when the customer asked for a manager.")
    with qtbot.waitSignal(controller.changed):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    assert controller.portfolio.attachments.get(attached["text_e2"]).note.startswith("I used it")
    assert "asked for a manager" in cell(page, page.model.row_of(attached["text_e2"]), 2)


def confirm(qtbot, box: QMessageBox) -> None:
    remove = next(b for b in box.buttons() if b.text() == "Remove")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)


def test_remove_keeps_a_shared_document_until_its_last_use(qtbot, attached, page, controller):
    page.select(attached["text_e1"])
    box = page.remove_selected()
    assert "E2 still uses it" in box.informativeText()
    confirm(qtbot, box)
    wait_for_writes(qtbot)
    assert controller.portfolio.attachments.counts() == (2, 2)
    assert page.model.rowCount() == 2
    page.select(attached["text_e2"])
    box = page.remove_selected()
    assert "deleted from your portfolio" in box.informativeText()
    confirm(qtbot, box)
    wait_for_writes(qtbot)
    assert controller.portfolio.attachments.counts() == (1, 1)


def test_cancelled_removal_changes_nothing(qtbot, attached, page, controller):
    page.select(attached["pdf"])
    box = page.remove_selected()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert controller.portfolio.attachments.counts() == (3, 2)


def test_open_uses_a_temporary_copy_removed_when_the_portfolio_closes(attached, page, controller):
    opened = []
    page.temp_documents._opener = lambda url: opened.append(url.toLocalFile()) or True
    page.select(attached["pdf"])
    page.open_selected()
    assert len(opened) == 1
    from pathlib import Path

    path = Path(opened[0])
    assert path.read_bytes() == controller.portfolio.attachments.read(attached["pdf"])
    folder = page.temp_documents.folder
    assert folder is not None
    assert (folder.stat().st_mode & 0o777) == 0o700
    controller.close()
    assert not path.exists()
    assert not folder.exists()
    assert page.model.rowCount() == 0


def test_save_a_copy(attached, page, controller, tmp_path):
    page.select(attached["text_e1"])
    page.save_copy(str(tmp_path / "copy.txt"))
    assert (tmp_path / "copy.txt").read_bytes() == controller.portfolio.attachments.read(
        attached["text_e1"]
    )


def test_reviewer_can_preview_but_not_change(qtbot, portfolio_file, attached, controller):
    controller.close()
    reviewer = PortfolioController()
    reviewer.open(portfolio_file, actor=Actor("Ms Tutor", "tutor"))
    try:
        page = DocumentsPage(reviewer)
        qtbot.addWidget(page)
        page.select(attached["pdf"])
        assert page.open_button.isEnabled()
        assert not page.remove_button.isEnabled()
        assert not page.note_button.isEnabled()
        assert page.remove_selected() is None
    finally:
        reviewer.close()


def test_a_document_used_by_hundreds_of_entries_names_only_a_few() -> None:
    from portfolio.ui.documents.refs import short_refs

    refs = [f"E{n}" for n in range(1, 901)]
    assert short_refs(refs) == "E1, E2, E3, E4, E5 and 895 more"
    assert short_refs(["E2", "E7"]) == "E2, E7"


def _summaries(count: int):
    from datetime import UTC, datetime

    from portfolio.domain.attachments import AttachmentSummary

    users = tuple(f"E{n}" for n in range(1, count + 1))
    return [
        AttachmentSummary(
            id=f"a{n}",
            entry_id=f"e{n}",
            entry_ref=f"E{n}",
            entry_title=f"Entry {n}",
            filename="flow.txt",
            media_type="text/plain",
            note="",
            sha256="0" * 64,
            size=10,
            created_at=datetime(2026, 1, 1, tzinfo=UTC),
            document_users=users,
        )
        for n in range(1, count + 1)
    ]


def test_the_table_reads_only_the_rows_it_shows(qtbot, qtmodeltester) -> None:
    from PySide6.QtWidgets import QTableView

    from portfolio.ui.documents.attachment_table_model import (
        BLOCK,
        KEPT_BLOCKS,
        AttachmentTableModel,
        RowSource,
    )

    rows = _summaries(20 * BLOCK)
    reads: list[int] = []
    located: list[str] = []

    def read(offset: int, limit: int):
        reads.append(offset)
        return rows[offset : offset + limit]

    def locate(attachment_id: str) -> int:
        located.append(attachment_id)
        return next((i for i, r in enumerate(rows) if r.id == attachment_id), -1)

    model = AttachmentTableModel()
    model.set_source(RowSource(len(rows), read, locate))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # painted: the visible rows asked for
    assert model.rowCount() == len(rows)
    assert 0 < len(set(reads)) <= 2  # the first screen, not 2,000 rows
    assert model.data(model.index(0, 1)).startswith("E1 Entry 1 (also E2, ")
    view.scrollToBottom()
    view.grab()
    assert (len(rows) - 1) // BLOCK * BLOCK in reads
    assert model.summary(len(rows) - 1) == rows[-1] and model.summary(len(rows)) is None
    assert model.row_of(rows[7 * BLOCK + 3].id) == 7 * BLOCK + 3 and located  # asked, not read
    assert model.row_of("missing") == -1
    assert len(model._blocks) <= KEPT_BLOCKS
    model.set_rows(rows[:5])
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and model.row_of("a5") == 4
