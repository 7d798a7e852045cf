"""What the Entries page's list shows, for the Entries page tests (the page is the
``entries_page`` fixture in ``tests/ui/conftest.py``)."""

from __future__ import annotations

from portfolio.ui.entries.entries_page import EntriesPage
from portfolio.ui.entries.entry_table_model import EntryIdRole


def shown(page: EntriesPage) -> list[str]:
    """The entry ids in the list, top to bottom, as the learner sees them."""
    proxy = page.proxy
    return [proxy.index(r, 0).data(EntryIdRole) for r in range(proxy.rowCount())]


def shown_ids(page: EntriesPage) -> set[str]:
    """The entry ids in the list, in any order."""
    return set(shown(page))
