"""What to put in place of personal data typed into an entry, and how to put it there.

The detector (``portfolio.anonymise.detect``, the same one the coach runs) says *where* personal
data is; this module proposes a replacement a learner would write themselves ("Mrs Okafor" ->
"the customer", "my colleague Priya" -> "my colleague", a phone number -> removed) and applies
it so the sentence still reads: a removal takes the space and a dangling "on"/"at"/"via" with
it, and a replacement that starts a sentence gets its capital letter. Plain Python, no database:
the services decide when, and record the learner's choice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam")
_TITLE_BEFORE = re.compile(r"(?i)\b(?:" + "|".join(TITLES) + r")\.?\s+$")
_TITLE_WORD = re.compile(r"(?i)^(?:" + "|".join(TITLES) + r")\.?\s+")
TITLED = _TITLE_WORD  # "Mrs Okafor": a name written with its title
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# Role words: a name right after one of these is already described ("my colleague Priya"), so
# the name itself can go; nearby, they say who a bare name most likely is.
_COLLEAGUE_WORDS = (
    "colleague",
    "co-worker",
    "coworker",
    "team member",
    "teammate",
    "team leader",
    "supervisor",
    "manager",
    "staff",
    "mentor",
    "assessor",
    "trainer",
)
_CUSTOMER_WORDS = (
    "customer",
    "client",
    "caller",
    "guest",
    "patient",
    "resident",
    "shopper",
    "visitor",
    "service user",
)
_ROLE_BEFORE = re.compile(
    r"(?i)\b(?:"
    + "|".join(re.escape(w) for w in (*_COLLEAGUE_WORDS, *_CUSTOMER_WORDS))
    + r"),?\s+$"
)
_DANGLING = re.compile(r"(?i)\s+(?:on|at|via|to|from)$")
_SENTENCE_END = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")

# What each category becomes when the learner accepts the proposal ("" means removed).
REMOVED_CATEGORIES = frozenset(
    {"email", "phone", "card", "nhs_number", "ni_number", "bank", "date_of_birth", "postcode"}
)
CUSTOMER, COLLEAGUE, PERSON = "the customer", "a colleague", "the person"
ADDRESS = "the address"
TERM = "[removed]"


@dataclass(frozen=True, slots=True)
class Proposal:
    """Replace ``text[start:end]`` with ``replacement`` ("" removes it)."""

    start: int
    end: int
    replacement: str
    remembered: bool = False  # the learner chose this replacement before (per portfolio)


def text_key(text: str) -> str:
    """The normalised form an item is remembered by: case, titles, possessive and spacing
    ignored ("Mrs  Okafor's" -> "okafor")."""
    key = " ".join(text.split()).casefold().strip(" .,;:!?\"'()[]")
    key = _POSSESSIVE.sub("", key)
    while True:
        shorter = _TITLE_WORD.sub("", key)
        if shorter == key:
            return key[:200]
        key = shorter


def widen(text: str, start: int, end: int, category: str) -> tuple[int, int]:
    """The span to replace: a name takes its title with it ("Mrs Okafor", not "Okafor")."""
    if category == "name":
        match = _TITLE_BEFORE.search(text, 0, start)
        if match is not None:
            return match.start(), end
    return start, end


def propose(
    text: str, start: int, end: int, category: str, memory: Mapping[str, str] = {}
) -> Proposal:
    """A replacement for ``text[start:end]`` of ``category``: what the learner chose for the
    same item before (``memory``: text key -> replacement) or a sensible default."""
    start, end = widen(text, start, end, category)
    remembered = memory.get(text_key(text[start:end]))
    if remembered is not None:
        return Proposal(start, end, remembered, remembered=True)
    if category in REMOVED_CATEGORIES:
        return Proposal(start, end, "")
    if category == "address":
        return Proposal(start, end, ADDRESS)
    if category == "name":
        return Proposal(start, end, _who(text, start, end))
    return Proposal(start, end, TERM)


def _who(text: str, start: int, end: int) -> str:
    if _ROLE_BEFORE.search(text, 0, start):
        return ""  # "my colleague Priya" -> "my colleague"
    if _TITLE_WORD.match(text[start:end]):
        return CUSTOMER  # people at work are rarely "Mrs"; customers usually are
    # The nearest role word before the name in its sentence says who it is ("the customer,
    # John"); after it, only an apposition counts ("Priya, my colleague"), not the other party
    # of the sentence ("John asked the customer").
    sentence_start = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    before = text[sentence_start:start].casefold()
    after = text[end : end + 25].casefold()
    best: tuple[int, str] | None = None
    for words, who in ((_COLLEAGUE_WORDS, COLLEAGUE), (_CUSTOMER_WORDS, CUSTOMER)):
        for word in words:
            at = before.rfind(word)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, who)
    if best is not None:
        return best[1]
    for words, who in ((_COLLEAGUE_WORDS, COLLEAGUE), (_CUSTOMER_WORDS, CUSTOMER)):
        if any(re.match(rf",\s+(?:my|our|a|the)\s+{re.escape(w)}", after) for w in words):
            return who
    return PERSON


def apply(text: str, start: int, end: int, replacement: str) -> str:
    """``text`` with ``text[start:end]`` replaced so the sentence still reads."""
    before, after = text[:start], text[end:]
    if replacement:
        if _SENTENCE_END.search(before) and replacement[:1].islower():
            replacement = replacement[0].upper() + replacement[1:]
        return before + replacement + after
    # Removed: no double space, no space before punctuation, no dangling "rang on".
    before, after = before.rstrip(" \t"), after.lstrip(" \t")
    dangling = _DANGLING.search(before)
    if dangling is not None:
        before = before[: dangling.start()]
    if before.endswith(",") and after.startswith(","):  # "the customer, Kwame Mensah, asked"
        before, after = before[:-1], after[1:].lstrip(" \t")
    if not before or before.endswith(("\n", "(", "[")) or after[:1] in tuple(".,;:!?)]\n"):
        return before + after
    return before + " " + after if after else before
