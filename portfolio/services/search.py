"""Full-text search over entries whose cost does not grow with the portfolio (issue #17).

What a learner types becomes a safe FTS5 query (``fts_query``): every word must appear, as a
prefix ("apolog" finds "apologised"); text in double quotes is a phrase, its words side by side
in that order. FTS5's own syntax (AND, OR, NEAR, column filters, stray quotes) never reaches
SQLite, so no query can fail there; a query with nothing to search for, or too many words, is
refused with one line saying why.

Results come newest entry first (highest reference number first) a page at a time: FTS5 walks
its index in rowid order (rowid = ref_no, see migration 0002) and stops after the page, so a
page costs the same whether 50 or 18,000 entries match. Ranking by relevance (bm25) is not
used: it scores every match before the first can be returned, which was most of the time at
20,000 entries (21 ms for "customer") and the reason search grew with the portfolio. The count
of matches stops at a cap ("200+") for the same reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portfolio.domain.dto import EntrySummary
from portfolio.errors import InvalidInputError
from portfolio.services import records

MAX_TERMS = 20  # words and phrases in one search
PAGE = 200  # entries per page of results (the Entries list's batch)
COUNT_CAP = 200  # counting stops here: "200+"

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|([^"\s]+)')
_WORDS = re.compile(r"\w+", re.UNICODE)
# Newest first, a page at a time: FTS5 is the outer loop and hands rows over in rowid order,
# so the LIMIT stops the walk (EXPLAIN QUERY PLAN shows no temp B-tree for the ORDER BY).
_PAGE_SQL = (
    "SELECT e.id, f.rowid FROM entry_fts AS f JOIN entry AS e ON e.ref_no = f.rowid "
    "WHERE entry_fts MATCH ? AND f.rowid < ? AND e.deleted_at IS NULL "
    "ORDER BY f.rowid DESC LIMIT ?"
)
_COUNT_SQL = (
    "SELECT count(*) FROM (SELECT 1 FROM entry_fts AS f JOIN entry AS e ON e.ref_no = f.rowid "
    "WHERE entry_fts MATCH ? AND e.deleted_at IS NULL ORDER BY f.rowid DESC LIMIT ?)"
)
_NO_CURSOR = 2**63 - 1  # above every rowid: the first page


@dataclass(frozen=True, slots=True)
class MatchCount:
    """How many live entries match, counted no further than ``cap``."""

    count: int
    complete: bool  # False: at least ``count`` match, there may be more

    @property
    def label(self) -> str:
        """ "37" or "200+", as the Entries list shows it."""
        return f"{self.count:,}" if self.complete else f"{self.count:,}+"


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of matches, newest first, and where the next page starts."""

    entries: list[EntrySummary]
    after: int | None  # pass to the next call for the page after this one; None: no more


def fts_query(text: str) -> str:
    """What a learner types as a safe FTS5 query: every word a required prefix, quoted text a
    required phrase. Blank (or only quotes and punctuation) gives ""; see ``parse``. Refuses
    more than ``MAX_TERMS`` terms (InvalidInputError) rather than search for fewer than typed."""
    terms: list[str] = []
    for match in _PHRASE_OR_WORD.finditer(text or ""):
        phrase, bare = match.group(1), match.group(2)
        if phrase is not None:
            words = _WORDS.findall(phrase)
            if words:
                terms.append('"' + " ".join(words) + '"')
        else:
            terms.extend(f'"{word}"*' for word in _WORDS.findall(bare))
    if len(terms) > MAX_TERMS:
        raise InvalidInputError(
            f"Search looks for at most {MAX_TERMS} words or phrases at a time "
            f"(this has {len(terms)}); leave some out."
        )
    return " ".join(terms)


def parse(text: str) -> str:
    """``fts_query``, refusing what cannot be searched with one clear line; "" for blank."""
    match = fts_query(text)
    if not match and (text or "").strip():
        raise InvalidInputError(
            f"Nothing to search for in {text.strip()!r}: type a word or a number."
        )
    return match


def page_ids(
    execute: records.Execute, match: str, *, after: int | None, limit: int
) -> tuple[list[str], int | None]:
    """Ids of live entries matching ``match`` (an ``fts_query``), newest first, from below
    reference number ``after``, at most ``limit``; and the cursor for the page after them."""
    rows = list(execute(_PAGE_SQL, (match, _NO_CURSOR if after is None else after, limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return [row[0] for row in rows], (int(rows[-1][1]) if more else None)


def count(execute: records.Execute, match: str, *, cap: int) -> MatchCount:
    """How many live entries match, counting no further than ``cap``."""
    found = next(iter(execute(_COUNT_SQL, (match, cap + 1))))[0]
    return MatchCount(min(found, cap), found <= cap)


def page(execute: records.Execute, match: str, *, after: int | None, limit: int) -> SearchPage:
    """A page of matches as the Entries list shows them (summaries, newest first)."""
    ids, cursor = page_ids(execute, match, after=after, limit=limit)
    if not ids:
        return SearchPage([], None)
    found = {e.id: e for e in records.entry_summaries(execute, ids=ids)}
    return SearchPage([found[i] for i in ids if i in found], cursor)
