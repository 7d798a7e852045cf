"""One run of the personal-data detector per text, shared by everything in the process that asks.

The editor's Coach tab (``writing.coach``) and its personal-data list (``export.check``
through ``services.export_check.flags``) both ask about the same entry texts on every switch,
and the export check asks again about every entry before an export. Each used to run the
detector itself (about 3 ms for an entry of 1,800 characters): twice per text on a switch.
Here the findings of one text with one term list are found once and remembered for the
process, so the second asker reads them.

The detector's answer depends only on the text and the *set* of terms, each as its words
(``detect._term_regex`` splits every term into words joined by any run of spaces, drops blank
ones and tries them longest first; two terms of one length cannot match differently at one
place), so the key holds that set, sorted: the coach's list (read ordered) and the check's
(read in table order) share entries. Nothing is stored anywhere but in this process's memory,
as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from portfolio.anonymise.detect import Finding, find_personal_data

# About 5,000 entries' titles, sections and justifications: the export dialog checks again
# after every fix and the export checks once more; only the fixed entry's text changed.
_SIZE = 32768


def personal_data(text: str, terms: Iterable[str] = ()) -> tuple[Finding, ...]:
    """``find_personal_data(text, terms)`` as a tuple, found once per (text, set of terms)."""
    return _found(text, tuple(sorted({" ".join(t.split()) for t in terms} - {""})))


@lru_cache(maxsize=_SIZE)
def _found(text: str, terms: tuple[str, ...]) -> tuple[Finding, ...]:
    return tuple(find_personal_data(text, terms))


def forget() -> None:
    """Drop every remembered answer (tests; a detector whose rules changed in this process)."""
    _found.cache_clear()
