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

What is remembered is bounded by its size, not by a count of texts: a text's cost is mostly
its own characters (the findings of most texts are none), and a count of texts left a
portfolio of long texts unbounded. Measured in the app (``benchmarks/bench_check_memory.py``,
demo texts made unique, about 790 bytes held per text): a portfolio of 1,000 entries asks
about 8,126 texts, 6.1 MiB remembered, and the export dialog's second check takes 0.21 s
against 3.1 s when they do not all fit. At 20,000 entries (about 160,000 texts) no bound up to
131,072 texts made the second check any faster (the check reads every text in order, so the
least recently used is always the next one asked) while 32,768 texts held 26 MiB until exit.
``BUDGET`` keeps the whole check of a portfolio of about 1,300 entries and no more: 10,598
demo texts, 8.2 MiB measured, at 20,000 entries; 8,126 texts and a second check of 0.22 s at
1,000 (``benchmarks/results/check_memory_*.json``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

from portfolio.anonymise.detect import Finding, find_personal_data

BUDGET = 8 * 2**20
"""Bytes remembered at most: each text counts its characters plus ``OVERHEAD``."""
OVERHEAD = 500
"""Bytes a remembered text holds beside its characters: its str header, key tuple, dict slot
and link, answer tuple and findings (``benchmarks/_common.detection_cache_bytes`` measured 774
bytes a text for demo texts of 282 characters on average)."""

_Key = tuple[str, tuple[str, ...]]

_lock = threading.Lock()  # the check runs on a pool thread while the coach asks on the GUI's
_answers: OrderedDict[_Key, tuple[Finding, ...]] = OrderedDict()  # least recently asked first
_held = 0


def personal_data(text: str, terms: Iterable[str] = ()) -> tuple[Finding, ...]:
    """``find_personal_data(text, terms)`` as a tuple, found once per (text, set of terms)."""
    key = (text, tuple(sorted({" ".join(t.split()) for t in terms} - {""})))
    with _lock:
        found = _answers.get(key)
        if found is not None:
            _answers.move_to_end(key)
            return found
    found = tuple(find_personal_data(text, key[1]))
    _remember(key, found)
    return found


def cost(text: str) -> int:
    """What remembering ``text`` counts against ``BUDGET``."""
    return len(text) + OVERHEAD


def _remember(key: _Key, found: tuple[Finding, ...]) -> None:
    global _held
    size = cost(key[0])
    if size > BUDGET:  # a text larger than everything: asked again, never held
        return
    with _lock:
        if key in _answers:  # another thread found it meanwhile
            return
        _answers[key] = found
        _held += size
        while _held > BUDGET:
            (text, _), _ = _answers.popitem(last=False)
            _held -= cost(text)


def held() -> tuple[int, int]:
    """(texts remembered, bytes they count against ``BUDGET``)."""
    with _lock:
        return len(_answers), _held


def forget() -> None:
    """Drop every remembered answer (tests; a detector whose rules changed in this process)."""
    global _held
    with _lock:
        _answers.clear()
        _held = 0
