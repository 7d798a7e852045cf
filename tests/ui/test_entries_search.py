"""Searching the Entries page (issue #17): only the matches are read, newest first, a page at a
time with the rest on scroll; the count says "200+" rather than counting every match; a query
that cannot be searched says why; the sort from before the search comes back after it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.ui.entries.entries_page import EntriesPage
from portfolio.ui.entries.entry_table_model import BATCH, DATE, REF, TITLE, EntryIdRole


@pytest.fixture
def page(qtbot, demo_controller):
    page = EntriesPage(demo_controller)
    qtbot.addWidget(page)
    page.resize(1300, 740)
    page.show()
    return page


def shown(page) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, 0).data(EntryIdRole) for r in range(proxy.rowCount())]


def search(qtbot, page, text: str) -> None:
    page.filters.search.setText(text)
    qtbot.waitUntil(lambda: page.model.searching == bool(text.strip()), timeout=3000)


def add_many(controller, count: int, word: str) -> list[str]:
    items = [
        entry_input_from_json({"title": f"{word.title()} {i}", "action": f"I did the {word}"})
        for i in range(count)
    ]
    return controller.portfolio.entries.add_batch(items).value


def sort_of(page) -> tuple[int, Qt.SortOrder]:
    header = page.list_panel.table.horizontalHeader()
    return header.sortIndicatorSection(), header.sortIndicatorOrder()


def test_a_search_shows_only_its_matches_newest_first_then_gives_the_list_back(
    qtbot, page, demo_controller
):
    every = demo_controller.portfolio.entries.count()
    ids = add_many(demo_controller, 3, "stocktake")
    search(qtbot, page, "stocktake")
    assert shown(page) == ids[::-1]
    assert sort_of(page) == (REF, Qt.SortOrder.DescendingOrder)
    assert page.list_panel.count_label.text() == "3 matches"
    search(qtbot, page, "")
    assert sort_of(page) == (DATE, Qt.SortOrder.DescendingOrder)
    assert page.list_panel.count_label.text() == f"{every + 3} entries"


def test_more_matches_come_as_the_list_is_scrolled(qtbot, page, demo_controller):
    ids = add_many(demo_controller, BATCH * 2 + 5, "pallet")
    search(qtbot, page, "pallet")
    assert page.model.rowCount() == BATCH  # the first page only
    assert page.list_panel.count_label.text() == f"{BATCH}+ matches"
    assert shown(page) == ids[::-1][:BATCH]
    page.list_panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > BATCH, timeout=3000)
    while page.proxy.canFetchMore(QModelIndex()):
        page.proxy.fetchMore(QModelIndex())
    assert shown(page) == ids[::-1]  # every match once, in order
    assert page.model.complete


def test_sorting_or_filtering_a_search_reads_every_match(qtbot, page, demo_controller):
    ids = add_many(demo_controller, BATCH + 10, "forklift")
    search(qtbot, page, "forklift")
    page.list_panel.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    assert sorted(shown(page)) == sorted(ids)
    assert page.model.complete
    search(qtbot, page, "")
    assert sort_of(page) == (DATE, Qt.SortOrder.DescendingOrder)  # the sort from before
    search(qtbot, page, "forklift")
    filters = page.filters
    filters.show_filters()
    filters.status.setCurrentIndex(filters.status.findData("draft"))
    assert sorted(shown(page)) == sorted(ids)  # add_batch writes drafts
    assert page.list_panel.count_label.text() == f"{len(ids)} shown of {BATCH}+ matches"
    filters.status.setCurrentIndex(filters.status.findData("ready"))
    assert shown(page) == []


def test_a_query_that_cannot_be_searched_says_why(qtbot, page):
    search(qtbot, page, "!!!")
    assert page.proxy.rowCount() == 0
    assert page.list_panel.empty_label.isVisible()
    assert "Nothing to search for" in page.list_panel.empty_label.text()
    search(qtbot, page, "")
    assert page.proxy.rowCount() > 0 and not page.list_panel.empty_label.isVisible()


def test_an_open_entry_outside_the_first_page_stays_open(qtbot, page, demo_controller):
    ids = add_many(demo_controller, BATCH + 5, "trolley")
    page.open_entry(ids[0])  # the oldest match: not on the first page of results
    search(qtbot, page, "trolley")
    assert page.model.rowCount() == BATCH  # not every match read to find it
    assert page.editor.entry_id == ids[0]
    page.open_entry(ids[0])  # opening it from elsewhere clears the search that hides it
    assert not page.model.searching
    assert page.list_panel.current_entry_id() == ids[0]
