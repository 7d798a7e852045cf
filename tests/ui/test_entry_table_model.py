"""EntryTableModel and EntryFilterProxy: valid Qt models over EntrySummary rows."""

from __future__ import annotations

from PySide6.QtCore import Qt

from portfolio.domain.changes import Changes
from portfolio.domain.dto import EntrySummary
from portfolio.ui.entries.entry_filter_proxy import EntryFilterProxy
from portfolio.ui.entries.entry_table_model import (
    COLUMNS,
    CRITERIA,
    DATE,
    TITLE,
    EntryIdRole,
    EntryTableModel,
    SortRole,
)


def test_entry_table_model_passes_the_qt_model_tester(qtmodeltester, demo_controller):
    model = EntryTableModel(demo_controller)
    assert model.rowCount() == demo_controller.portfolio.entries.count() > 0
    assert model.columnCount() == len(COLUMNS)
    qtmodeltester.check(model)


def test_filter_proxy_passes_the_qt_model_tester_while_filtering(qtmodeltester, demo_controller):
    model = EntryTableModel(demo_controller)
    proxy = EntryFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_status("ready")
    proxy.set_untagged_only(False)
    proxy.sort(DATE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < model.rowCount()


def test_rows_hold_summary_dtos_never_orm_objects(demo_controller):
    model = EntryTableModel(demo_controller)
    assert all(isinstance(model.summary(r), EntrySummary) for r in range(model.rowCount()))


def test_an_autosave_updates_only_its_row_in_place(qtbot, demo_controller):
    model = EntryTableModel(demo_controller)
    entry_id = model.summary(3).id
    demo_controller.portfolio.entries.update(entry_id=entry_id, title="Renamed entry")
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.waitSignal(model.dataChanged) as changed,
    ):
        demo_controller.notify(Changes(entries=True, entry_ids=(entry_id,)))
    assert changed.args[0].row() == 3
    assert model.index(3, TITLE).data() == "Renamed entry"


def test_a_new_entry_resets_the_rows(qtbot, controller):
    model = EntryTableModel(controller)
    assert model.rowCount() == 0
    added = controller.portfolio.entries.add(title="First").value
    with qtbot.waitSignal(model.modelReset):
        controller.notify(Changes(entries=True))
    assert model.rowCount() == 1
    assert model.index(0, 0).data(EntryIdRole) == added.id
    assert model.index(0, CRITERIA).data() == "0"


def test_sorting_by_date_uses_real_dates_not_text(demo_controller):
    model = EntryTableModel(demo_controller)
    proxy = EntryFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(DATE, Qt.SortOrder.AscendingOrder)
    dates = [proxy.index(r, DATE).data(SortRole) for r in range(proxy.rowCount())]
    assert dates == sorted(dates)


def test_closing_the_portfolio_empties_the_model(controller):
    controller.portfolio.entries.add(title="One")
    model = EntryTableModel(controller)
    assert model.rowCount() == 1
    controller.close()
    assert model.rowCount() == 0


def test_the_sorted_list_follows_edits_new_entries_and_reloads(demo_controller):
    # The proxy keeps each column's sort values between sorts; every kind of change must
    # reach them, or a renamed entry would stay where its old title sorted.
    model = EntryTableModel(demo_controller)
    proxy = EntryFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(TITLE, Qt.SortOrder.AscendingOrder)

    def titles() -> list[str]:
        return [proxy.index(r, TITLE).data(SortRole) for r in range(proxy.rowCount())]

    assert titles() == sorted(titles())
    pf = demo_controller.portfolio
    last_id = proxy.index(proxy.rowCount() - 1, 0).data(EntryIdRole)
    pf.entries.update(entry_id=last_id, title="AAA first now")
    demo_controller.notify(Changes(entries=True, entry_ids=(last_id,)))  # in place
    assert proxy.index(0, 0).data(EntryIdRole) == last_id
    assert titles() == sorted(titles())
    added = pf.entries.add(title="zzz last").value
    demo_controller.notify(Changes(entries=True))  # a reset
    assert proxy.index(proxy.rowCount() - 1, 0).data(EntryIdRole) == added.id
    assert titles() == sorted(titles())
