"""Entries read a page at a time in reference order (the evidence matrix's columns, issue #17)
are exactly the entry list cut into pages."""

from __future__ import annotations

from pathlib import Path

from portfolio.services.portfolio import Portfolio


def test_pages_in_reference_order_are_the_entry_list_cut_into_pages(demo_file: Path) -> None:
    pf = Portfolio.open(demo_file)
    try:
        first = pf.entries.list()[0]
        pf.entries.delete(first.id)  # a binned entry is in neither
        every = pf.entries.list()
        assert len(every) > 7
        pages = [pf.entries.page(offset=o, limit=7, by_ref=True) for o in range(0, len(every), 7)]
        assert [entry for page in pages for entry in page] == every
        assert all(len(page) == 7 for page in pages[:-1])
        assert pf.entries.page(offset=len(every), limit=7, by_ref=True) == []
        # The Entries list's own order (most recent event first) is unchanged.
        by_date = pf.entries.page(offset=0, limit=len(every))
        assert sorted(e.id for e in by_date) == sorted(e.id for e in every)
    finally:
        pf.close()
