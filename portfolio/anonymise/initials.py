"""People's initials where a document uses them in place of a name found in it.

Minutes, rotas, job sheets and clinical notes shorten the people they have already named to
their initials: the owner of an action ("BP: chase the supplier by Friday"), a table cell
under "Owner" or "Initials" ("AR"), a note signed off after a comma or dash ("thanks, CÓF"),
a bracket after a task ("(RMS)"), or after "by", "signed", "initialled". The initials are those
of a person found in the same document: every word's first letter ("RMS" for Ruaidhrí Mac
Suibhne, the particle counted, as Irish and Scottish writers do) or the first and last
word's ("LW" for Lowri Haf Williams). A token counts only when the document never uses it
any other way (an acronym is written mid-sentence too: "BP 128/82", "passed to HR"), and only
when it is not a common word in capitals ("IT", "OK", "AM").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from portfolio.anonymise.lexicon import lexicon, zipf
from portfolio.anonymise.names import TITLES, tokens

# Where initials stand in for a person: an action's owner at the start of a line (after a
# bullet or number) before ":" or a dash; a line or table cell of the initials alone; after a
# comma or dash at the end of a line (a sign-off); in brackets; after a word that says who did
# something.
_LINE_START = re.compile(r"(?:^|[\n|\t])[ \t]*(?:[-*•·]|\d{1,2}[.)])?[ \t]*$")
_OWNER_END = re.compile(r"[ \t]*(?:[:)–—]|-[ \t]|$|[\n|\t])")
_SIGN_OFF_BEFORE = re.compile(r"(?:,|[ \t][-–—])[ \t]*$")
_LINE_END = re.compile(r"[ \t.!]*(?:$|[\n|\t])")
_BRACKETED = re.compile(r"\([ \t]*$")
_BRACKET_CLOSE = re.compile(r"[ \t]*\)")
_WHO_BEFORE = re.compile(
    r"\b(?:by|signed|initialled|initialed|initials|per|from|cc|owner|with)[:]?[ \t]+$",
    re.IGNORECASE,
)
_JOINERS = "_'’.&/-"
_JOINERS_AFTER = "_'’&/-"  # a full stop after initials ends the sentence ("thanks, CÓF.")
_MIN_ZIPF_WORD = 4.5
"""Capitals at least this common in English text are a word or a well-known acronym ("OK",
"HR" is 4.2 and stays a person's initials only where the document never writes it as a word)."""


def initials_of(name: str) -> set[str]:
    """The initials a person called ``name`` is written as: every word's first letter, and the
    first and last word's ("Ruaidhrí Mac Suibhne" -> RMS, RS; "Tamar Ben-Ami" -> TB, TBA)."""
    words = [t.text for t in tokens(name) if t.key not in TITLES]
    if len(words) < 2:
        return set()
    letters = [w[0].upper() for w in words]
    found = {"".join(letters), letters[0] + letters[-1]}
    parts = [p for p in re.split(r"[-‐]", words[-1]) if p]
    if len(parts) > 1:
        found.add("".join(letters[:-1]) + "".join(p[0].upper() for p in parts))
    return {f for f in found if 2 <= len(f) <= 4}


@lru_cache(maxsize=64)
def _capitals(wanted: frozenset[str]) -> re.Pattern[str]:
    """The initials ``wanted`` as one alternation, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True)))


def _inside_word(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is part of a longer word ("ABP", "BPs", "pre-BP")."""
    if start and (text[start - 1].isalnum() or text[start - 1] in _JOINERS):
        return True
    return end < len(text) and (text[end].isalnum() or text[end] in _JOINERS_AFTER)


def _in_initials_place(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 24) : start]
    if _LINE_START.search(before) and _OWNER_END.match(text, end):
        return True  # "BP: chase ...", "- TB – confirmation", a cell "AR"
    if _SIGN_OFF_BEFORE.search(before) and _LINE_END.match(text, end):
        return True  # "pls send the leaflet too, thanks, CÓF"
    if _BRACKETED.search(before) and _BRACKET_CLOSE.match(text, end):
        return True  # "call-volume report (RMS)"
    return _WHO_BEFORE.search(before) is not None  # "checked by BP", "Signed: AR"


def initials_spans(text: str, names: Iterable[str]) -> Iterator[tuple[int, int, str]]:
    """The spans of ``text`` that are the initials of one of the people ``names`` (the names
    found in it), written where a document puts a person's initials and nowhere else."""
    wanted: set[str] = set()
    for name in set(names):
        wanted |= initials_of(name)
    if not wanted:
        return
    lex = lexicon()
    places: dict[str, list[tuple[int, int]]] = {}
    used_otherwise: set[str] = set()
    # One search of the text for all of them, the letters first so that the engine skips to
    # their first letters (1 MB of text: 3 ms, where ``str.find`` per initials took 8).
    for match in _capitals(frozenset(wanted)).finditer(text):
        start, end = match.span()
        if _inside_word(text, start, end):
            continue  # "ABP", "BPs", "pre-BP"
        word = match.group()
        if _in_initials_place(text, start, end):
            places.setdefault(word, []).append((start, end))
        else:
            used_otherwise.add(word)
    for word, spans in places.items():
        key = word.casefold()
        if word in used_otherwise or key in lex.ordinary or key in lex.not_names:
            continue
        if zipf(word) >= _MIN_ZIPF_WORD:
            continue
        for start, end in spans:
            yield start, end, "name"
