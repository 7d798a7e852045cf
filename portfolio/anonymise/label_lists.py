"""People listed after a label that introduces people, each item of the list.

A label such as "Present:", "Apologies:", "Key people:" or "Staff on shift:" says what the
whole list after it holds, not only its first item: "Present: Shauna Kerr, Babajide and
Ifeoluwa" names three people, and "Key people: Shauna Kerr (Mon–Wed), Babajide (Thu–Fri)"
two, with their days in brackets. The detector already takes the first item (the label is
right before it); the others stand after a comma or "and", where a name on no list
("Babajide") had no evidence. An item is taken when it is one to three capitalised words
and not a department or team made of common words ("Repairs Team", "Housing Management"),
which minutes list beside people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from portfolio.anonymise.lexicon import PARTICLES, lexicon
from portfolio.anonymise.names import (
    _ORG_WORDS,
    TITLES,
    _department,
    _evidence,
    strong_context,
    tokens,
)

_LABELLED_LINE = re.compile(r"[ \t]*([^\W\d_][^\n:]{0,39}):[ \t]*([^\n]+)$")
_LIST_LABELS = frozenset(
    [
        "present",
        "apologies",
        "attendees",
        "attending",
        "attendance",
        "absent",
        "cc",
        "people",
        "staff",
        "colleagues",
        "members",
        "guests",
        "invited",
    ]
)
"""The last word of a label that introduces a list of people ("Present", "Key people",
"Staff"); not a label of one person ("From", "Witness", "Customer"), after which a comma
often brings that person's firm ("From: Kerry Walsh, Screwfix")."""
_BRACKETED = re.compile(r"\([^()\n]*\)")
_ITEM = re.compile(r"[^,;&]+")
_AND = re.compile(r"[ \t]+and[ \t]+")
_MAX_WORDS = 3


_LIST_ENDINGS = tuple(_LIST_LABELS)
_LONGEST_LABEL = max(len(label) for label in _LIST_LABELS)
_LAST_LETTERS = frozenset(
    {label[-1] for label in _LIST_LABELS}
    | {label[-1].upper() for label in _LIST_LABELS}
    | {" ", "\t"}
)
"""The characters a colon after a list label follows: a label's last letter or a space."""


def listed_people(text: str) -> Iterator[tuple[int, int, str]]:
    """The items of every list after a people label that are written as names."""
    # From colon to colon (a long text has few): the letters before each are looked at
    # first, and only a list label's line is matched whole.
    colon = text.find(":")
    while colon != -1:
        if text[colon - 1 : colon] not in _LAST_LETTERS:
            colon = text.find(":", colon + 1)
            continue  # "10:30", "Name:" (most colons end no list label)
        before = text[max(0, colon - _LONGEST_LABEL - 2) : colon].rstrip(" \t").lower()
        if before.endswith(_LIST_ENDINGS):
            line_start = text.rfind("\n", 0, colon) + 1
            end = text.find("\n", colon)
            line = _LABELLED_LINE.match(text, line_start, len(text) if end == -1 else end)
            if (
                line is not None
                and line.group(1).split()[-1].lower() in _LIST_LABELS
                and strong_context(text, line.start(2)) == "label"
            ):
                yield from _names_in_list(text, line.start(2), line.group(2))
        colon = text.find(":", colon + 1)


def _names_in_list(text: str, start: int, body: str) -> Iterator[tuple[int, int, str]]:
    """The items of the list ``body`` (at ``start``) written as names, up to the first that
    cannot be part of a list of people (a number, a sentence, a word in lower case)."""
    lex = lexicon()
    # Brackets hold what the item is about ("(Mon–Wed)", "(chair)"): blanked, in place.
    body = _BRACKETED.sub(lambda m: " " * len(m.group()), body)
    for part in _ITEM.finditer(body):
        for piece in _AND.split(part.group()):
            item = piece.strip(" \t.")
            if not item:
                continue
            words = tokens(item)
            if any(c.isdigit() for c in item) or not 1 <= len(words) <= _MAX_WORDS:
                return  # "Kerry till 2", a sentence after the list
            if not all(w.shape in ("cap", "upper") or w.key in PARTICLES for w in words):
                return
            if any(w.key in _ORG_WORDS for w in words):
                continue  # "Repairs Team", "Lettings Office"
            if _department(words, [_evidence(w, lex) for w in words], lex):
                continue  # "Housing Management", "Facilities"
            while len(words) > 1 and words[0].key in TITLES:
                words = words[1:]  # "Dr Rhodri Bevan": the title stays, as elsewhere
            lead = start + part.start() + part.group().find(piece) + piece.find(item)
            yield lead + words[0].start, lead + words[-1].end, "name"
