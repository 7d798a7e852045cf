"""EntryTableModel: the entries as rows of EntrySummary DTOs (never ORM objects).

It refreshes from the entries service when ``controller.changed`` says entries or evidence
changed; an autosave names its entry, so only that row is fetched again and updated in place.

Rows are fetched as they are shown (Qt's canFetchMore/fetchMore, issue #17): a batch at a time
in the list's first order (most recent event first), so a 20,000-entry portfolio shows its first
rows without reading the others. Anything that needs every row (another sort order, a filter,
selecting an entry not fetched yet) calls ``fetch_all`` first; ``total`` is the count from SQL.
With a search (``set_search``) the rows are only the matching entries, newest first, a page at a
time from the search index (services/search.py), so a search costs the same at any size; the
number of matches is counted up to a cap ("200+").
Entries with unread feedback (for the learner, new comments; for a reviewer, new replies) show a
badge and a bold title, and say so to screen readers and in the tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from portfolio.domain.changes import Changes
from portfolio.domain.dto import EntrySummary
from portfolio.domain.enums import EntryStatus, EvidenceMethod
from portfolio.errors import InvalidInputError
from portfolio.ui.controller import PortfolioController

if TYPE_CHECKING:
    from portfolio.services.search import MatchCount

# Method last: in a narrow list the columns a learner scans most stay in view.
COLUMNS = ("Ref", "Title", "Date", "Status", "Criteria", "Method")
REF, TITLE, DATE, STATUS, CRITERIA, METHOD = range(len(COLUMNS))
SortRole = Qt.ItemDataRole.UserRole + 1  # a value that sorts correctly (dates, numbers)
EntryIdRole = Qt.ItemDataRole.UserRole + 2

BATCH = 200  # rows per fetch: a few screens
_ALIGN_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_Index = QModelIndex | QPersistentModelIndex
UnreadRole = Qt.ItemDataRole.UserRole + 3  # number of unread feedback items


def unread_text(count: int) -> str:
    return f"{count} new comment{'s' if count != 1 else ''}" if count else ""


def _badge_icon() -> QIcon:
    """A dot in the highlight colour with a light ring (it shows on a selected row too): the
    "new feedback" badge."""
    from portfolio.ui.theme import current_colours

    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colours = current_colours()
    painter.setBrush(QColor(colours.accent))
    painter.setPen(QPen(QColor(colours.base), 1.5))
    painter.drawEllipse(QRectF(1.5, 1.5, 11, 11))
    painter.end()
    return QIcon(pixmap)


def method_label(value: str) -> str:
    try:
        return EvidenceMethod(value).label
    except ValueError:
        return value


def status_label(value: str) -> str:
    try:
        return EntryStatus(value).label
    except ValueError:
        return value


def in_fetch_order(rows: list[EntrySummary]) -> list[EntrySummary]:
    """``rows`` (in reference order) as entries.page returns them: most recent event first,
    undated last, by reference among equals (the sorts are stable)."""
    return sorted(rows, key=lambda e: e.event_date.toordinal() if e.event_date else 0, reverse=True)


class EntryTableModel(QAbstractTableModel):
    def __init__(self, controller: PortfolioController, parent=None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._rows: list[EntrySummary] = []
        self._row_of: dict[str, int] = {}
        self._total = 0  # live entries in the file; len(self._rows) until all are fetched
        self._inserting = False  # a view may ask for more while rows are being inserted
        self._reviewer_unread: dict[str, int] | None = None  # reviewers: learner replies
        self._badge: QIcon | None = None
        self.reload_on_open = True  # the Entries page loads it when first shown instead
        self.stale = False  # a portfolio opened and the rows are not loaded yet
        self._query = ""  # the search the rows match ("" none)
        self._after: int | None = None  # where the next page of matches starts (None: no more)
        self._matches: MatchCount | None = None
        self._search_error = ""  # why the search could not run, in one line
        controller.opened.connect(lambda _: self._on_controller_opened())
        controller.closed.connect(self.reload)
        controller.changed.connect(self._on_controller_changed)
        self.reload()

    # -- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return self._after is not None if self._query else len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._controller.is_open or self._inserting:
            return
        if self._query:
            self._fetch_matches(everything=False)
            return
        batch = self._controller.portfolio.entries.page(offset=len(self._rows), limit=BATCH)
        self._append([e for e in batch if e.id not in self._row_of], final=len(batch) < BATCH)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == TITLE:
                return "A dot and a bold title mean new feedback on that entry"
            if role == Qt.ItemDataRole.ToolTipRole and section == CRITERIA:
                return "How many assessment criteria this entry is tagged to"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        unread = self.unread(entry)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(entry, column)
            return f"{text}, {unread_text(unread)}" if unread and column == TITLE else text
        if role == SortRole:
            return self._sort_value(entry, column)
        if role == EntryIdRole:
            return entry.id
        if role == UnreadRole:
            return unread
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS:
            return status_label(entry.status)
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            title = entry.title or "Untitled entry"
            return f"{title}\n{unread_text(unread)}" if unread else title
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE and unread:
            if self._badge is None:
                self._badge = _badge_icon()
            return self._badge
        if role == Qt.ItemDataRole.FontRole and column == TITLE and unread:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (REF, CRITERIA):
            return _ALIGN_CENTER
        return None

    # -- our API ------------------------------------------------------------------------

    def summary(self, row: int) -> EntrySummary:
        return self._rows[row]

    @property
    def total(self) -> int:
        """How many entries the portfolio has, fetched or not."""
        return self._total

    @property
    def complete(self) -> bool:
        return self._after is None if self._query else len(self._rows) >= self._total

    @property
    def searching(self) -> bool:
        return bool(self._query)

    @property
    def matches(self) -> MatchCount | None:
        """How many entries match the search (counted up to a cap); None without a search."""
        return self._matches if self._query else None

    @property
    def search_error(self) -> str:
        """Why the search could not run ("" when it did), in one line for the list to show."""
        return self._search_error

    @property
    def fetch_order(self) -> tuple[int, Qt.SortOrder]:
        """The (column, order) rows come in: newest reference first while searching."""
        return (REF if self._query else DATE), Qt.SortOrder.DescendingOrder

    @property
    def query(self) -> str:
        return self._query

    def set_search(self, query: str, *, reload: bool = True) -> None:
        """Show only the entries matching ``query`` ("" every entry), from the first page
        (``reload=False``: once the caller reloads, after setting the view's sort first)."""
        query = query.strip()
        if query == self._query:
            return
        self._query = query
        if reload:
            self.reload(recount=False)

    def fetch_all(self) -> None:
        """Fetch every row not fetched yet (in the same order the batches come in)."""
        if self.complete or not self._controller.is_open:
            return
        if self._query:
            self._fetch_matches(everything=True)
            return
        every = self._controller.portfolio.entries.list()
        self._append([e for e in in_fetch_order(every) if e.id not in self._row_of], final=True)

    def ensure_fetched(self, entry_id: str) -> int:
        """The row of an entry, fetching every row first if it is not fetched yet (-1: none).
        While searching, only among the matches fetched so far: fetching every match to find
        one would cost what the pages save (the page clears the search to show one that is not
        there, as for any filter)."""
        if entry_id not in self._row_of and not self._query:
            self.fetch_all()
        return self.row_of(entry_id)

    def row_of(self, entry_id: str) -> int:
        return self._row_of.get(entry_id, -1)

    def unread(self, entry: EntrySummary) -> int:
        """Unread feedback on ``entry`` from the other side (reviewer or learner)."""
        if self._reviewer_unread is not None:
            return self._reviewer_unread.get(entry.id, 0)
        return entry.unread_feedback

    def reload(self, *, everything: bool = False, recount: bool = True) -> None:
        """Start again from the file: the first batch (every row with ``everything``).
        ``recount=False`` keeps the number of entries (only the search changed)."""
        self.stale = False
        rows: list[EntrySummary] = []
        total = self._total if not recount else 0
        self._after, self._matches, self._search_error = None, None, ""
        if self._controller.is_open:
            entries = self._controller.portfolio.entries
            if recount:
                total = entries.count()
            if self._query:
                rows = self._first_matches()
                if everything:
                    rows += self._more_matches(everything=True)
            else:
                rows = in_fetch_order(entries.list()) if everything else entries.page(limit=BATCH)
        self._load_reviewer_unread()
        self.beginResetModel()
        self._rows = rows
        self._row_of = {e.id: i for i, e in enumerate(rows)}
        self._total = max(total, len(rows))
        self.endResetModel()

    def _first_matches(self) -> list[EntrySummary]:
        entries = self._controller.portfolio.entries
        try:
            page = entries.search_page(self._query, limit=BATCH)
            self._matches = entries.search_count(self._query, cap=BATCH)
        except InvalidInputError as error:
            self._search_error = str(error)
            return []
        self._after = page.after
        return page.entries

    def _more_matches(self, *, everything: bool) -> list[EntrySummary]:
        """The next page of matches (every page left with ``everything``)."""
        entries = self._controller.portfolio.entries
        rows: list[EntrySummary] = []
        while self._after is not None:
            page = entries.search_page(self._query, after=self._after, limit=BATCH)
            self._after = page.after
            rows += page.entries  # pages never overlap: each starts below the last
            if not everything:
                break
        return rows

    def _fetch_matches(self, *, everything: bool) -> None:
        more = self._more_matches(everything=everything)
        self._append([e for e in more if e.id not in self._row_of], final=False)

    def _append(self, rows: list[EntrySummary], *, final: bool) -> None:
        if rows:
            first = len(self._rows)
            self._inserting = True
            try:
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                for i, entry in enumerate(rows, start=first):
                    self._row_of[entry.id] = i
                self._rows.extend(rows)
                self.endInsertRows()
            finally:
                self._inserting = False
        if final or len(self._rows) > self._total:
            self._total = len(self._rows)  # the file had fewer (or more) than counted

    def refresh_rows(self, entry_ids: tuple[str, ...]) -> None:
        """Fetch these entries again and update their rows in place."""
        fresh = self._controller.portfolio.entries.list(ids=entry_ids)
        before = dict(self._reviewer_unread or {})
        self._load_reviewer_unread()
        if len(fresh) != len(entry_ids) or any(e.id not in self._row_of for e in fresh):
            self.reload(everything=self.complete)  # one was added or removed
            return
        for entry in fresh:
            row = self._row_of[entry.id]
            reviewer_changed = before.get(entry.id) != (self._reviewer_unread or {}).get(entry.id)
            if self._rows[row] != entry or reviewer_changed:
                self._rows[row] = entry
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- internals ----------------------------------------------------------------------

    def _load_reviewer_unread(self) -> None:
        self._reviewer_unread = None
        if self._controller.is_open and self._controller.reviewing:
            self._reviewer_unread = self._controller.portfolio.reviewing.unread_counts()

    def _on_controller_opened(self) -> None:
        if self.reload_on_open:
            self.reload()
        else:
            self.stale = True

    def _on_controller_changed(self, changes: Changes) -> None:
        if not self._controller.is_open or self.stale:
            return
        if not (changes.entries or changes.evidence or changes.review):
            return
        if changes.entry_ids:
            self.refresh_rows(changes.entry_ids)
        else:
            self.reload(everything=self.complete)

    @staticmethod
    def _display(entry: EntrySummary, column: int) -> str:
        if column == REF:
            return entry.ref
        if column == TITLE:
            return entry.title or "Untitled entry"
        if column == DATE:
            return entry.event_date.strftime("%d %b %Y") if entry.event_date else "—"
        if column == METHOD:
            return method_label(entry.method)
        if column == STATUS:
            # Short in the narrow list ("Ready"); the tooltip gives the full label.
            return "Draft" if entry.status == "draft" else "Ready"
        if column == CRITERIA:
            return str(entry.criteria_count)
        return ""

    @staticmethod
    def _sort_value(entry: EntrySummary, column: int) -> object:
        if column == REF:
            return int(entry.ref.lstrip("E") or 0)
        if column == TITLE:
            return (entry.title or "").casefold()
        if column == DATE:
            return entry.event_date.isoformat() if entry.event_date else ""
        if column == METHOD:
            return method_label(entry.method)
        if column == STATUS:
            return status_label(entry.status)
        if column == CRITERIA:
            return entry.criteria_count
        return None
