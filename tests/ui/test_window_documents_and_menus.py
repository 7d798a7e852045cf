"""In the real main window: attaching a document from the editor's Documents tab, dropping a file
on an entry's row, and the menu commands that open the export and framework dialogs."""

from __future__ import annotations

import shiboken6
from attach_helpers import WORKPLACE_NOTE, wait_idle
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from portfolio.domain.actor import Actor
from portfolio.ui.entries.entry_table_model import TITLE


def window_with_entries(make_main_window, portfolio_file, *titles):
    from portfolio.services.portfolio import Portfolio

    with Portfolio.open(portfolio_file) as pf:
        ids = [pf.entries.add(title=t).value.id for t in titles]
    window = make_main_window(portfolio_file)
    window.show_page(window.entries)
    return window, ids


def test_attach_from_the_editor_documents_tab(qtbot, make_main_window, portfolio_file, tmp_path):
    window, (first, second) = window_with_entries(
        make_main_window, portfolio_file, "Complaint", "Greeting"
    )
    window.open_entry(first)
    panel = window.entries.editor_panel
    attachments = panel.attachments
    assert attachments.entry_id == first
    panel.show_tab(attachments)
    assert attachments.attach_button.isEnabled()
    document = tmp_path / "flowchart.txt"
    document.write_bytes(WORKPLACE_NOTE)
    dialog = attachments.attach_files([document])
    assert dialog is not None
    wait_idle(qtbot, dialog)
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(attachments.rows()) == 1, timeout=20_000)
    assert attachments.rows()[0].filename == "flowchart.txt"
    stored = window.controller.portfolio.attachments.list(entry_id=first)
    assert len(stored) == 1
    # The documents page knows too, and the panel follows the open entry.
    assert window.documents.isEnabled()
    window.open_entry(second)
    assert attachments.entry_id == second and attachments.rows() == []


def drop_on_row(table, row: int, paths) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    rect = table.visualRect(table.model().index(row, TITLE))
    point = QPointF(rect.center())
    enter = QDragEnterEvent(
        point.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(table.viewport(), enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(table.viewport(), drop)
    return drop.isAccepted()


def test_dropping_a_file_on_an_entry_row_attaches_it_to_that_entry(
    qtbot, make_main_window, portfolio_file, tmp_path
):
    window, ids = window_with_entries(make_main_window, portfolio_file, "Complaint", "Greeting")
    panel = window.entries.list_panel
    table = panel.table
    target_row = next(
        r
        for r in range(table.model().rowCount())
        if table.model().index(r, TITLE).data() == "Greeting"
    )
    document = tmp_path / "script.txt"
    document.write_bytes(WORKPLACE_NOTE)
    assert drop_on_row(table, target_row, [document])
    greeting = ids[1]
    assert window.entries.editor.entry_id == greeting
    editor_panel = window.entries.editor_panel
    assert editor_panel.side_tabs.currentWidget() is editor_panel.attachments
    dialog = editor_panel.attachments.review_dialog
    assert dialog is not None
    wait_idle(qtbot, dialog)
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    pf = window.controller.portfolio
    qtbot.waitUntil(lambda: len(pf.attachments.list(entry_id=greeting)) == 1, timeout=20_000)
    # The row is written before the dialog hears so and closes (and may be deleted by then):
    # wait for that too.
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=20_000)
    assert pf.attachments.list(entry_id=ids[0]) == []


def test_dropping_on_an_entry_is_refused_in_review_mode(make_main_window, portfolio_file, tmp_path):
    from portfolio.services.portfolio import Portfolio

    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(title="Complaint")
    window = make_main_window()
    assert window.files.open_path(portfolio_file, actor=Actor("Pat Lee", "assessor"))
    window.show_page(window.entries)
    document = tmp_path / "script.txt"
    document.write_bytes(WORKPLACE_NOTE)
    assert not drop_on_row(window.entries.list_panel.table, 0, [document])
    assert window.entries.editor_panel.attachments.review_dialog is None
    assert not window.entries.editor_panel.attachments.attach_button.isEnabled()


def test_a_reviewer_reads_the_documents_tab_without_the_learners_instructions(
    make_main_window, demo_file
):
    from portfolio.ui.documents.attachments_panel import LEARNER_HINT, READER_HINT

    window = make_main_window()
    assert window.files.open_path(demo_file, actor=Actor("Pat Lee", "assessor"))
    entry = window.controller.portfolio.entries.list()[0]
    window.open_entry(entry.id)
    panel = window.entries.editor_panel
    panel.side_tabs.setCurrentWidget(panel.attachments)
    QApplication.processEvents()
    attachments = panel.attachments
    assert attachments.hint.text() == READER_HINT
    for button in (attachments.attach_button, attachments.note_button, attachments.remove_button):
        assert not button.isVisibleTo(attachments) and not button.isEnabled()
    # The learner, back in their own copy, is told how to attach.
    assert window.files.open_path(demo_file)
    window.open_entry(entry.id)
    QApplication.processEvents()
    assert attachments.hint.text() == LEARNER_HINT
    assert attachments.attach_button.isVisibleTo(attachments)


def test_menu_commands_open_the_export_and_framework_dialogs(make_main_window, demo_file):
    from portfolio.ui.export.export_dialog import ExportDialog
    from portfolio.ui.frameworks.editor_dialog import FrameworkEditorDialog
    from portfolio.ui.frameworks.import_dialog import FrameworkImportDialog

    window = make_main_window()
    assert not window.menus.export_pdf.isEnabled()  # nothing to export yet
    assert window.menus.import_framework.isEnabled() and window.menus.framework_editor.isEnabled()
    window.files.open_path(demo_file)
    for action, kind in (
        (window.menus.export_pdf, ExportDialog),
        (window.menus.import_framework, FrameworkImportDialog),
        (window.menus.framework_editor, FrameworkEditorDialog),
    ):
        assert action.isEnabled()
        action.trigger()
        dialog = window.dialog
        assert isinstance(dialog, kind) and dialog.isVisible()
        dialog.reject()
        assert window.dialog is None
    names = [a.text() for a in window.menuBar().actions()]
    assert names == ["&File", "&Edit", "&View", "&Tools", "&Help"]
    file_actions = [
        a.objectName() for a in window.menus.open.parent().findChildren(type(window.menus.open))
    ]
    for name in ("openForReview", "importReview", "groupOverview", "exportPdf", "protect"):
        assert name in file_actions


def _rows(menu) -> list:
    return [a for a in menu.actions() if not a.isSeparator()]


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return None if i < 0 else text.replace("&&", "")[i + 1].lower()


def test_the_file_menu_fits_one_column_on_a_laptop_at_200_percent(make_main_window):
    # 18 rows split the menu into two columns on a 1366x768 screen at 200 % (about 27 logical
    # pixels a row): the tutor's and the passphrase's actions sit in submenus instead.
    window = make_main_window()
    file_menu = window.menuBar().actions()[0].menu()
    rows = _rows(file_menu)
    assert len(rows) <= 12
    submenus = {a.menu().objectName(): a.menu() for a in rows if a.menu() is not None}
    review, passphrase = submenus["reviewMenu"], submenus["passphraseMenu"]
    assert [a.objectName() for a in _rows(review)] == [
        "openForReview",
        "importReview",
        "groupOverview",
    ]
    assert [a.objectName() for a in _rows(passphrase)] == [
        "protect",
        "changePassphrase",
        "removePassphrase",
    ]
    help_menu = window.menuBar().actions()[-1].menu()
    assert window.menus.open_demo in help_menu.actions()


def test_every_menu_gives_each_row_its_own_access_key(make_main_window):
    window = make_main_window()
    menus = [a.menu() for a in window.menuBar().actions()]
    seen = list(menus)
    while seen:
        menu = seen.pop()
        keys = [_mnemonic(a.text()) for a in _rows(menu)]
        assert None not in keys, menu.title()
        assert len(keys) == len(set(keys)), (menu.title(), keys)
        seen.extend(a.menu() for a in _rows(menu) if a.menu() is not None)
