"""The Entries list fills as it is scrolled (issue #17): a batch of rows at a time in the list's
first order; sorting, filtering and selecting behave exactly as with every row loaded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from portfolio.domain.changes import Changes
from portfolio.ui.entries import entry_table_model
from portfolio.ui.entries.entry_filter_proxy import EntryFilterProxy
from portfolio.ui.entries.entry_table_model import (
    DATE,
    STATUS,
    TITLE,
    EntryIdRole,
    EntryTableModel,
    SortRole,
    in_fetch_order,
)

BATCH = 4


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entry_table_model, "BATCH", BATCH)


def _ids(model) -> list[str]:
    return [model.index(r, 0).data(EntryIdRole) for r in range(model.rowCount())]


def _sorted_proxy(model: EntryTableModel) -> EntryFilterProxy:
    proxy = EntryFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(DATE, Qt.SortOrder.DescendingOrder)  # as the Entries page opens
    return proxy


def test_the_first_batch_only_then_more_as_asked(qtmodeltester, demo_controller) -> None:
    total = demo_controller.portfolio.entries.count()
    assert total > 2 * BATCH
    model = EntryTableModel(demo_controller)
    assert model.rowCount() == BATCH
    assert model.total == total
    assert model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    assert not model.canFetchMore()
    every = in_fetch_order(demo_controller.portfolio.entries.list())
    assert _ids(model) == [e.id for e in every]


def test_batches_sort_as_the_whole_list_does(demo_controller) -> None:
    whole = EntryTableModel(demo_controller)
    whole.fetch_all()
    expected = _ids(_sorted_proxy(whole))
    model = EntryTableModel(demo_controller)
    proxy = _sorted_proxy(model)
    assert _ids(proxy) == expected[:BATCH]
    while proxy.canFetchMore(QModelIndex()):
        proxy.fetchMore(QModelIndex())
        assert _ids(proxy) == expected[: model.rowCount()]
    assert _ids(proxy) == expected


def test_another_sort_order_sees_every_entry(demo_controller) -> None:
    model = EntryTableModel(demo_controller)
    proxy = _sorted_proxy(model)
    proxy.sort(TITLE, Qt.SortOrder.AscendingOrder)
    assert proxy.rowCount() == model.total
    titles = [proxy.index(r, TITLE).data(SortRole) for r in range(proxy.rowCount())]
    assert titles == sorted(titles)


def test_a_filter_sees_every_entry(demo_controller) -> None:
    model = EntryTableModel(demo_controller)
    proxy = _sorted_proxy(model)
    proxy.set_status("draft")
    drafts = {e.id for e in demo_controller.portfolio.entries.list() if e.status == "draft"}
    assert drafts
    assert set(_ids(proxy)) == drafts
    assert {proxy.index(r, STATUS).data() for r in range(proxy.rowCount())} == {"Draft"}


def test_an_edit_to_a_row_not_fetched_yet_reloads_the_first_batch(demo_controller) -> None:
    model = EntryTableModel(demo_controller)
    unseen = in_fetch_order(demo_controller.portfolio.entries.list())[-1].id
    assert model.row_of(unseen) == -1
    demo_controller.portfolio.entries.update(entry_id=unseen, title="Renamed")
    demo_controller.notify(Changes(entries=True, entry_ids=(unseen,)))
    assert model.rowCount() == BATCH
    row = model.ensure_fetched(unseen)
    assert model.index(row, TITLE).data() == "Renamed"


def test_selecting_an_entry_not_fetched_yet_fetches_and_keeps_it_selected(
    qtbot, demo_controller
) -> None:
    from portfolio.ui.entries.entry_list_panel import EntryListPanel

    panel = EntryListPanel(demo_controller)
    qtbot.addWidget(panel)
    panel.model.reload()
    every = in_fetch_order(demo_controller.portfolio.entries.list())
    target = every[-1].id
    assert panel.model.row_of(target) == -1
    assert panel.select_entry(target)
    assert panel.current_entry_id() == target
    assert panel.model.complete
    assert panel.count_label.text() == f"{len(every)} entries"


def test_selection_stays_on_its_entry_as_rows_are_fetched(qtbot, demo_controller) -> None:
    from portfolio.ui.entries.entry_list_panel import EntryListPanel

    panel = EntryListPanel(demo_controller)
    qtbot.addWidget(panel)
    panel.model.reload()
    first = panel.proxy.index(1, 0).data(EntryIdRole)
    assert panel.select_entry(first)
    while panel.proxy.canFetchMore(QModelIndex()):
        panel.proxy.fetchMore(QModelIndex())
        assert panel.current_entry_id() == first
    assert panel.count_label.text() == f"{panel.model.total} entries"


def test_the_view_fetches_when_scrolled_to_the_end(qtbot, demo_controller) -> None:
    from portfolio.ui.entries.entry_list_panel import EntryListPanel

    panel = EntryListPanel(demo_controller)
    qtbot.addWidget(panel)
    panel.resize(400, 200)
    panel.show()
    panel.model.reload()
    before = panel.model.rowCount()
    bar = panel.table.verticalScrollBar()
    qtbot.waitUntil(lambda: panel.model.rowCount() > before or bar.maximum() > 0)
    for _ in range(50):
        if not panel.model.canFetchMore():
            break
        bar.setValue(bar.maximum())
        qtbot.wait(5)
    assert panel.model.rowCount() == panel.model.total
