"""Searching the Entries page (issue #17): only the matches are read, newest first, a page at a
time with the rest on scroll; the count says "200+" rather than counting every match; a query
that cannot be searched says why; the sort from before the search comes back after it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.ui.entries.entry_table_model import BATCH, DATE, REF, TITLE
from tests.ui.helpers.entries import shown


def search(qtbot, entries_page, text: str) -> None:
    entries_page.filters.search.setText(text)
    qtbot.waitUntil(lambda: entries_page.model.searching == bool(text.strip()), timeout=3000)


def add_many(controller, count: int, word: str) -> list[str]:
    items = [
        entry_input_from_json({"title": f"{word.title()} {i}", "action": f"I did the {word}"})
        for i in range(count)
    ]
    return controller.portfolio.entries.add_batch(items).value


def sort_of(entries_page) -> tuple[int, Qt.SortOrder]:
    header = entries_page.list_panel.table.horizontalHeader()
    return header.sortIndicatorSection(), header.sortIndicatorOrder()


def test_a_search_shows_only_its_matches_newest_first_then_gives_the_list_back(
    qtbot, entries_page, demo_controller
):
    every = demo_controller.portfolio.entries.count()
    ids = add_many(demo_controller, 3, "stocktake")
    search(qtbot, entries_page, "stocktake")
    assert shown(entries_page) == ids[::-1]
    assert sort_of(entries_page) == (REF, Qt.SortOrder.DescendingOrder)
    assert entries_page.list_panel.count_label.text() == "3 matches"
    search(qtbot, entries_page, "")
    assert sort_of(entries_page) == (DATE, Qt.SortOrder.DescendingOrder)
    assert entries_page.list_panel.count_label.text() == f"{every + 3} entries"


def test_more_matches_come_as_the_list_is_scrolled(qtbot, entries_page, demo_controller):
    ids = add_many(demo_controller, BATCH * 2 + 5, "pallet")
    search(qtbot, entries_page, "pallet")
    assert entries_page.model.rowCount() == BATCH  # the first entries_page only
    assert entries_page.list_panel.count_label.text() == f"{BATCH}+ matches"
    assert shown(entries_page) == ids[::-1][:BATCH]
    entries_page.list_panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: entries_page.model.rowCount() > BATCH, timeout=3000)
    while entries_page.proxy.canFetchMore(QModelIndex()):
        entries_page.proxy.fetchMore(QModelIndex())
    assert shown(entries_page) == ids[::-1]  # every match once, in order
    assert entries_page.model.complete


def test_sorting_or_filtering_a_search_reads_every_match(qtbot, entries_page, demo_controller):
    ids = add_many(demo_controller, BATCH + 10, "forklift")
    search(qtbot, entries_page, "forklift")
    entries_page.list_panel.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    assert sorted(shown(entries_page)) == sorted(ids)
    assert entries_page.model.complete
    search(qtbot, entries_page, "")
    assert sort_of(entries_page) == (DATE, Qt.SortOrder.DescendingOrder)  # the sort from before
    search(qtbot, entries_page, "forklift")
    filters = entries_page.filters
    filters.show_filters()
    filters.status.setCurrentIndex(filters.status.findData("draft"))
    assert sorted(shown(entries_page)) == sorted(ids)  # add_batch writes drafts
    assert entries_page.list_panel.count_label.text() == f"{len(ids)} shown of {BATCH}+ matches"
    filters.status.setCurrentIndex(filters.status.findData("ready"))
    assert shown(entries_page) == []


def test_a_query_that_cannot_be_searched_says_why(qtbot, entries_page):
    search(qtbot, entries_page, "!!!")
    assert entries_page.proxy.rowCount() == 0
    assert entries_page.list_panel.empty_label.isVisible()
    assert "Nothing to search for" in entries_page.list_panel.empty_label.text()
    search(qtbot, entries_page, "")
    assert entries_page.proxy.rowCount() > 0 and not entries_page.list_panel.empty_label.isVisible()


def test_an_open_entry_outside_the_first_page_stays_open(qtbot, entries_page, demo_controller):
    ids = add_many(demo_controller, BATCH + 5, "trolley")
    entries_page.open_entry(ids[0])  # the oldest match: not on the first entries_page of results
    search(qtbot, entries_page, "trolley")
    assert entries_page.model.rowCount() == BATCH  # not every match read to find it
    assert entries_page.editor.entry_id == ids[0]
    entries_page.open_entry(ids[0])  # opening it from elsewhere clears the search that hides it
    assert not entries_page.model.searching
    assert entries_page.list_panel.current_entry_id() == ids[0]


def test_the_ref_arrow_during_a_search_is_the_one_a_newest_first_ref_sort_draws(
    qtbot, entries_page, demo_controller
):
    """The matches come newest first (the index's rowid is the reference number), and the
    header draws exactly the arrow the learner gets by sorting Ref newest first themselves (Qt
    draws descending as an up arrow on every column, as on Date in the default list), never
    the ascending one."""
    table = entries_page.list_panel.table
    header = table.horizontalHeader()

    def ref_arrow():  # the right-hand end of the Ref header, where the arrow is drawn
        right = header.sectionViewportPosition(REF) + header.sectionSize(REF)
        return header.grab(QRect(right - 16, 0, 16, header.height())).toImage()

    table.sortByColumn(REF, Qt.SortOrder.DescendingOrder)
    newest_first = ref_arrow()
    table.sortByColumn(REF, Qt.SortOrder.AscendingOrder)
    oldest_first = ref_arrow()
    table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
    no_arrow = ref_arrow()
    assert newest_first != oldest_first and no_arrow not in (newest_first, oldest_first)
    add_many(demo_controller, 3, "stocktake")
    search(qtbot, entries_page, "stocktake")
    assert ref_arrow() == newest_first
    refs = [
        int(entries_page.proxy.index(r, REF).data().lstrip("E"))
        for r in range(entries_page.proxy.rowCount())
    ]
    assert len(refs) == 3 and refs == sorted(refs, reverse=True)
