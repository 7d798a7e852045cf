"""The Entries page: search over all text, filters, new / duplicate / delete with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from portfolio.ui.entries.entry_table_model import EntryIdRole
from tests.ui.helpers.entries import shown_ids
from tests.ui.helpers.waiting import wait_for_writes


def test_search_finds_words_anywhere_in_the_entry_text(qtbot, entries_page, demo_controller):
    target = demo_controller.portfolio.entries.list()[4]
    action = demo_controller.portfolio.entries.get(target.id).sections["reflection"]
    word = max(action.split(), key=len).strip(".,;:'\"()")
    qtbot.keyClicks(entries_page.filters.search, word)
    qtbot.waitUntil(lambda: entries_page.proxy.is_filtered, timeout=2000)
    assert target.id in shown_ids(entries_page)
    assert len(shown_ids(entries_page)) < demo_controller.portfolio.entries.count()
    entries_page.filters.search.clear()
    qtbot.waitUntil(
        lambda: entries_page.proxy.rowCount() == entries_page.model.rowCount(), timeout=2000
    )


def test_a_search_with_no_match_says_so(qtbot, entries_page):
    qtbot.keyClicks(entries_page.filters.search, "zebracrossingxyz")
    qtbot.waitUntil(lambda: entries_page.proxy.rowCount() == 0, timeout=2000)
    assert entries_page.list_panel.empty_label.isVisible()
    assert "No entries match" in entries_page.list_panel.empty_label.text()


def test_filters_by_status_method_unit_criterion_and_untagged(entries_page, demo_controller):
    entries = demo_controller.portfolio.entries.list()
    filters = entries_page.filters
    filters.show_filters()
    filters.status.setCurrentIndex(filters.status.findData("draft"))
    assert shown_ids(entries_page) == {e.id for e in entries if e.status == "draft"}
    filters.clear()
    filters.method.setCurrentIndex(filters.method.findData("observation"))
    assert shown_ids(entries_page) == {e.id for e in entries if e.method == "observation"}
    filters.clear()
    filters.untagged.setChecked(True)
    assert shown_ids(entries_page) == {e.id for e in entries if e.criteria_count == 0} != set()
    filters.clear()
    report = demo_controller.portfolio.coverage.report()
    criterion = next(c for c in report.criteria if c.entries)
    filters.criterion.setCurrentIndex(filters.criterion.findData(criterion.id))
    assert shown_ids(entries_page) == set(criterion.entries)
    filters.clear()
    unit = report.units[0]
    filters.unit.setCurrentIndex(filters.unit.findData(unit.id))
    expected = {e for c in report.criteria if c.unit_id == unit.id for e in c.entries}
    assert shown_ids(entries_page) == expected
    assert filters.toggle.text() == "&Filters (1)"
    filters.clear()
    assert shown_ids(entries_page) == {e.id for e in entries}


def test_new_entry_opens_in_the_editor_ready_to_type(qtbot, entries_page, demo_controller):
    before = demo_controller.portfolio.entries.count()
    qtbot.mouseClick(entries_page.list_panel.new_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert demo_controller.portfolio.entries.count() == before + 1
    assert entries_page.editor.entry is not None
    assert entries_page.list_panel.current_entry_id() == entries_page.editor.entry_id
    assert entries_page.editor.details.title.hasFocus()


def test_duplicate_copies_the_open_entry_as_a_draft(qtbot, entries_page, demo_controller):
    original = entries_page.editor.entry
    assert entries_page.duplicate_entry()
    wait_for_writes(qtbot)
    new_id = entries_page.editor.entry_id
    assert new_id != original.id
    copy = demo_controller.portfolio.entries.get(new_id)
    assert copy.title == f"Copy of {original.title}"
    assert copy.status == "draft"
    assert copy.sections == original.sections
    assert entries_page.editor.entry_id == new_id


def test_delete_asks_first_and_can_be_undone(qtbot, entries_page, demo_controller, monkeypatch):
    entry = entries_page.editor.entry
    count = demo_controller.portfolio.entries.count()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not entries_page.delete_entry()
    assert demo_controller.portfolio.entries.count() == count
    asked = []

    def yes(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    assert entries_page.delete_entry()
    wait_for_writes(qtbot)
    assert entry.title in asked[0]
    assert demo_controller.portfolio.entries.count() == count - 1
    assert entries_page.model.row_of(entry.id) == -1
    assert entries_page.list_panel.undo_banner.isVisible()
    assert entries_page.undo_delete() == entry.id
    wait_for_writes(qtbot)
    assert demo_controller.portfolio.entries.count() == count
    assert entries_page.editor.entry_id == entry.id
    assert not entries_page.list_panel.undo_banner.isVisible()


def test_deleted_entries_stay_in_the_bin_when_the_portfolio_closes(
    entries_page, demo_controller, monkeypatch
):
    """Closing the app never empties the bin: a deleted entry can be restored next time."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    entry_id = entries_page.editor.entry_id
    entries_page.delete_entry()
    path = demo_controller.path
    demo_controller.close()
    from portfolio.services.portfolio import Portfolio

    with Portfolio.open(path) as pf:
        assert [e.id for e in pf.entries.list(binned=True)] == [entry_id]
        pf.entries.restore(entry_id)
        assert pf.entries.get(entry_id).id == entry_id


def test_selecting_a_row_opens_that_entry(entries_page):
    proxy = entries_page.proxy
    index = proxy.index(3, 1)
    entries_page.list_panel.table.setCurrentIndex(index)
    assert entries_page.editor.entry_id == index.data(EntryIdRole)


def test_open_entry_clears_filters_that_hide_it(entries_page, demo_controller):
    entries = demo_controller.portfolio.entries.list()
    draft = next(e for e in entries if e.status == "draft")
    entries_page.filters.status.setCurrentIndex(entries_page.filters.status.findData("ready"))
    assert draft.id not in shown_ids(entries_page)
    entries_page.open_entry(draft.id)
    assert entries_page.editor.entry_id == draft.id
    assert draft.id in shown_ids(entries_page)


def test_ref_title_and_date_stay_in_view_beside_the_editor(make_main_window, demo_file, qtbot):
    """At 1366 wide with an entry open beside it, the list's Date column sat behind a sideways
    scroll bar. The title stretches; Method, Criteria and Status give way, in that order, and
    come back when the list is given room."""
    from PySide6.QtWidgets import QApplication

    from portfolio.ui.entries.entry_table_model import DATE, METHOD, REF, STATUS, TITLE

    window = make_main_window(demo_file, size=(1366, 728))
    window.show_page(window.entries)
    page = window.entries
    page.open_entry(page.model.summary(0).id)
    QApplication.processEvents()
    assert not page.is_narrow and page.editor_panel.isVisible()
    table = page.list_panel.table
    room = table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    for column in (REF, TITLE, DATE):
        assert not table.isColumnHidden(column)
        assert table.columnViewportPosition(column) + table.columnWidth(column) <= room
    assert table.columnWidth(TITLE) >= table.fontMetrics().horizontalAdvance("M" * 10)
    assert table.isColumnHidden(METHOD)

    sizes = page.splitter.sizes()
    page.splitter.setSizes([sizes[0] + 500, sizes[1] - 500])
    QApplication.processEvents()
    assert not any(table.isColumnHidden(column) for column in (STATUS, METHOD))
    assert table.horizontalScrollBar().maximum() == 0
