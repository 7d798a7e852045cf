"""A chat's two-letter clip of a speaker's first name, where a message opens by addressing them.

Workplace chats address the person a message is for by name at its very start ("Mo the kit is
missing the pin", "Jo, can you cover"), and clip first names to their first letters (Mo for
Mohammed, Jo for Joanne). A three-letter clip is taken wherever it stands
(``names.short_forms``); two letters are too short for that ("mo" is also "a moment"), so here
a two-letter word counts only as the opening word of a message, written with a capital, when
it is the first two letters of a speaker's first name (four letters or more), and when
it is no common word ("No", "So", "Ok") and no greeting or thanks ("Hi", "Ta").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from portfolio.anonymise.lexicon import fold, lexicon, zipf

_OPENING = re.compile(r"[ \t]*:[ \t]*([A-Z][a-z])(?=[ \t,!]+[^\W\d_])")
_CLIP = 2
_MIN_FIRST_NAME = 4
_MAX_ZIPF = 5.0
_GREETINGS = frozenset({"hi", "ta", "yo", "ha", "ah", "oh", "eh", "uh", "er", "um", "hm"})


def addressed_clips(text: str, chat: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """The two-letter clips of speakers' first names that open a message (``chat`` are the
    speaker spans from ``names.speakers``)."""
    if not chat:
        return
    lex = lexicon()
    firsts = {fold(text[start:end].split()[0]) for start, end in chat}
    clips = {key[:_CLIP]: key for key in firsts if len(key) >= _MIN_FIRST_NAME and key in lex.first}
    if not clips:
        return
    for _, end in chat:
        match = _OPENING.match(text, end)
        if match is None:
            continue
        word = match.group(1)
        key = fold(word)
        if key not in clips or key in _GREETINGS:
            continue
        if key in lex.ordinary or key in lex.not_names or zipf(word) >= _MAX_ZIPF:
            continue
        yield match.start(1), match.end(1), "name"
