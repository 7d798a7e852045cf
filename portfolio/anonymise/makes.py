"""Evidence that capitalised words named like a person are a product, its make or a system.

``things.product_noun_after`` knows a make by the goods noun right after it ("Hartley's
jelly"). Product names carry other marks that people's names do not, and these hold in any
shop, kitchen, office or trade text, not in one document:

- a product name ends in the kind of goods it is, capitalised with it ("Apple Pies",
  "Tollard Sausages"); no one's surname is a plural goods noun;
- a maker's possessive is followed by the product's own name, an ordinary English word
  capitalised ("Tollard's Buddy", "Cadbury's Flake", "Tom's Classic chutney"), where a person's
  possessive is followed by what they have in lower case ("Tom's rice") or their people;
- software and models carry a version or model number and are what data is moved into or
  done with ("into Iris 21", "using Office 365"); a person is not moved into;
- a product line's name is ordinary English capitalised after its maker's possessive ("Tollard's
  Classic chutney"); where the maker is a first name, a second make named like a person in the
  same sentence says the sentence lists makes ("Dr. Brambly baking range and Tom's Classic
  chutney"), where "Jane's Special sauce" alone may be hers.

Each test is one or two slices of the text around the run; nothing is remembered, so the same
words met elsewhere as a person are still removed there (by their own cue or propagation).
"""

from __future__ import annotations

import re

from portfolio.anonymise.lexicon import Lexicon, fold, zipf
from portfolio.anonymise.things import PRODUCT_NOUNS, product_noun_after


def _words(words: str) -> frozenset[str]:
    """The words of a space-separated list (kept as one string so the lists stay compact)."""
    return frozenset(words.split())


_COMMON_FIRST = 1e-4
"""A first-name share at or above which a word is a common first name ("Tom", "Jane")."""

_ENGLISH = 4.0
"""Zipf frequency of a word in ordinary English use ("original" 5.2, "rocky" 4.2)."""


def _product_word(word: str, lex: Lexicon) -> bool:
    """True for an ordinary English word that is no common first name or surname ("Classic",
    "Buddy", "Flake"): capitalised mid-sentence it is a product's name."""
    key = fold(word)
    return (
        zipf(word) >= _ENGLISH
        and lex.first.get(key, 0.0) < _COMMON_FIRST
        and lex.surnames.get(key, 0.0) < _COMMON_FIRST
        and key not in lex.not_names
    )


def _common_name(word: str, lex: Lexicon) -> bool:
    key = fold(word)
    return lex.first.get(key, 0.0) >= _COMMON_FIRST or lex.surnames.get(key, 0.0) >= _COMMON_FIRST


def ends_in_goods(words: list[str], lex: Lexicon) -> bool:
    """True for two or more capitalised words whose last is a goods noun in the plural, after
    a word on no name list or an ordinary English word ("Mr Brambly Apple Pies", "Tollard
    Sausages"): the run names a product. A family name is not a plural goods noun (a singular
    one can be: "Mr Rice"), and after a name the noun is a verb in a title-case line ("Mr
    Hughes Slices Bread")."""
    if len(words) < 2:
        return False
    last = fold(words[-1])
    if not (last.endswith("s") and last in PRODUCT_NOUNS and words[-1][:1].isupper()):
        return False
    return not lex.is_name(words[-2]) or _product_word(words[-2], lex)  # "Apple Pies"


_VERB_BEFORE_POSSESSIVE = re.compile(r"([^\W\d_]+)[ \t]+[^\W\d_]{2,}(?:['’]s|s['’])[ \t]$")
_STOCK_VERBS = frozenset(
    _words(
        "stock stocked restock list listed delist delisted sell sold trial trialled promote"
        " range ranged discontinue discontinued reorder order ordered buy bought use used apply"
    )
)
"""Verbs whose object is goods, never a person ("Delist Tollard's Buddy", "Stock Cadbury's
Flake")."""


def owned_by_a_make(text: str, start: int, words: list[str], lex: Lexicon) -> bool:
    """True when the run comes straight after a possessive and each of its words is an
    ordinary English word that is no common name ("Cadbury's Flake", "Tollard's Classic"):
    the maker's product. A word that some people are named ("Buddy", "Rob") needs a verb
    whose object is goods before the possessive ("Delist Tollard's Buddy"), as "Ask
    Tollard's Rob" is their colleague. A person after a possessive is otherwise someone's people
    ("Tollard's Gemma", a common name) or written with a kin word ("Aoife's sister Ciara")."""
    # Straight after "'s " or "s' " (tested on the characters: most runs follow no possessive).
    if start < 4 or text[start - 1] not in " \t" or text[start - 2] not in "s'’":
        return False
    mark = text[start - 3 : start - 1]
    if mark not in ("'s", "’s") and mark[1:] not in ("'", "’"):
        return False
    if not all(_product_word(word, lex) for word in words):
        return False
    if not any(lex.is_first(word) for word in words):
        return True
    verb = _VERB_BEFORE_POSSESSIVE.search(text, max(0, start - 50), start)
    return verb is not None and verb.group(1).lower() in _STOCK_VERBS


_CAPITALS_AFTER = re.compile(r"['’]s((?:[ \t]+[A-Z][a-z]{2,}){1,2})\b")

_OCCASIONS = frozenset(
    _words(
        "christmas easter birthday wedding leaving retirement anniversary halloween diwali eid"
        " hanukkah valentine valentines mother mothers father fathers new year"
    )
)
"""Words written capitalised after a person's possessive for what is theirs ("Jane's
Christmas cake", "Tom's Birthday biscuits"): an occasion, not a product line."""


def product_line_after(text: str, start: int, end: int, lex: Lexicon, possessor: str) -> bool:
    """True when the possessive ending at ``end`` (its name) is followed by ordinary English
    words, capitalised, and then a goods noun ("Tollard's Classic chutney", "Tollard's Finest
    biscuits"): the possessor makes the product line. "Tobias's Dell laptop" is his (a make's
    name, no ordinary word), "Jane's Christmas cake" hers (an occasion). A possessor on a
    name list needs a second make named like a person in the sentence ("Dr Brambly baking
    range and Tom's Classic chutney"), as "Jane's Special sauce" may be hers."""
    match = _CAPITALS_AFTER.match(text, end, end + 40)
    if match is None:
        return False
    words = match.group(1).split()
    if any(fold(word) in _OCCASIONS or not _product_word(word, lex) for word in words):
        return False
    if not product_noun_after(text, match.end(), lex):
        return False
    return not lex.is_name(possessor) or among_makes(text, start, match.end(), lex)


_VERSION_BEFORE = re.compile(r"(?:^|[ \t(])(?:into|onto|using|via|in|on)[ \t]+$", re.IGNORECASE)
_VERSION_AFTER = re.compile(r"[ \t]\d{1,4}(?:\.\d{1,2})?(?=[ \t]*(?:[;,.:)\n]|$|and\b|for\b))")


def versioned_system(text: str, start: int, end: int) -> bool:
    """True for a word with a version or model number after "into", "onto", "using", "via",
    "in" or "on" ("moved the figures into Iris 21;", "using Office 365."): software or a
    model, which data goes into and work is done with. A person is not moved into or used,
    and a number after a person's name is an age or a count ("Iris, 21", "Iris 21 minutes")."""
    if not text[end + 1 : end + 2].isdigit():  # most runs: no number after them
        return False
    if _VERSION_AFTER.match(text, end, end + 12) is None:
        return False
    return _VERSION_BEFORE.search(text, max(0, start - 12), start) is not None


_SENTENCE_STOP = re.compile(r"(?:(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)\.|[!?;\n])(?=\s|$)")
"""The end of a sentence (not the full stop of "Dr." or "Mrs.")."""
_TWO_CAPITALS = re.compile(r"(?=\b([A-Z][a-z]+)\.?[ \t]+([A-Z][\w’'-]+?)(?:['’]s)?[ \t])")
"""Two capitalised words, each pair tried (the first may be a title with its full stop: "Dr.
Brambly")."""


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) around ``text[start:end]``."""
    low = max(0, start - 200)
    head = low
    for match in _SENTENCE_STOP.finditer(text, low, start):
        head = match.end()
    tail = _SENTENCE_STOP.search(text, end, end + 200)
    return head, (tail.start() if tail else min(len(text), end + 200))


def among_makes(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """True when the sentence around ``text[start:end]`` holds another make named like a
    person: two capitalised words, not both common names and the second no common first
    name, before goods in the plural or a range ("Dr. Brambly baking range and Tom's Classic
    chutney"), or ending in goods ("Mr Brambly Apple Pies and Tom's crackers"). A buying
    or stock note lists makes named after people side by side; a person's things beside a
    one-word brand or a second person's goods stay theirs ("Tom's crackers and Heinz soups",
    "Tom's biscuits and Alan Price biscuits")."""
    head, tail = _sentence(text, start, end)
    for match in _TWO_CAPITALS.finditer(text, head, tail):
        if start <= match.start(2) < end or start <= match.start(1) < end:
            continue  # the run itself
        if ends_in_goods([match.group(1), match.group(2)], lex):
            return True  # "Mr Brambly Apple Pies and Tom's crackers"
        if lex.first.get(fold(match.group(2)), 0.0) >= _COMMON_FIRST or all(
            _common_name(word, lex) for word in match.group(1, 2)
        ):
            continue  # "Tom Jones", "Alan Price biscuits": a second person, maybe
        noun = product_noun_after(text, match.end(2), lex)
        if noun.endswith("s") or noun == "range":
            return True
    return False


_MARK_AFTER = re.compile(r"(?:['’]s)?[ \t]?[®™]")
_CONTAINER_BEFORE = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|ten|twelve|some|more|the)[ \t]+"
    r"(?:packs?|packets?|tins?|jars?|bottles?|cans?|box(?:es)?|bags?|tubs?|cartons?|sachets?"
    r"|tubes?|rolls?|crates?|punnets?|pouch(?:es)?|multipacks?|slabs?|bars?|loa(?:f|ves))"
    r"[ \t]+of[ \t]+$",
    re.IGNORECASE,
)
_TIMES_BEFORE = re.compile(r"\b\d{1,4}[ \t]?[x×][ \t]?$")
_SIZE_BEFORE = re.compile(
    r"\b\d{1,4}(?:\.\d{1,2})?[ \t]?(?:g|kg|ml|cl|l|ltr|litre|pk|pack)[ \t]+$", re.IGNORECASE
)
_SIZE_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+\(?\d{1,4}(?:\.\d{1,2})?[ \t]?(?:ml|cl|l|ltr|litre|pk|pack)\b", re.IGNORECASE
)
"""A volume or pack count after the name ("Martha Grey 500ml"); not a weight, which a
birth or ward note writes after a baby's name ("Baby Martha Grey 950g")."""
_UNIT_PRICE_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?:@[ \t]?)?£\d{1,3}(?:\.\d{2})?[ \t]*(?:each|ea\b|per\b|a[ \t]+(?:pack|tin"
    r"|jar|bottle|box|bag|kg)\b|/)",
    re.IGNORECASE,
)


_UNIT_ENDS = frozenset("gGlLkKeErR")
"""The last letters of the sizes ``_SIZE_BEFORE`` reads (g, kg, ml, l, litre, ltr, pk, pack)."""
_DIGIT_OR_POUND = re.compile(r"[\d£]")
_TITLE_ENDS = frozenset("rsSteEy.")
"""The last characters of the titles ``_TITLE_BEFORE`` reads (Mr, Mrs, Ms, Miss, Dr, Aunt,
Auntie, Uncle, and a full stop)."""
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Aunt|Auntie|Uncle)\.?[ \t]$")


def sold_as_goods(text: str, start: int, end: int) -> bool:
    """True when the words around the run sell it as goods: a trade mark sign after it
    ("Martha Grey® is back"), a container or a count before it ("a pack of Mr Brambly", "six
    jars of Uncle Tollard", "2 x Martha Grey"), a pack size beside it ("500g Martha Grey",
    "Martha Grey 500ml"), a unit price after it ("Martha Grey £1.50 each"). People are not
    sold by the jar or the gram: "a photo of Martha Grey", "the case of Mrs Grey", "paid Martha
    Grey £20" and a baby's weight after the name ("Baby Martha Grey 950g") stay people."""
    mark = text[end : end + 4]
    if ("®" in mark or "™" in mark) and _MARK_AFTER.match(text, end, end + 4) is not None:
        return True
    if text[start - 2 : start - 1] in _TITLE_ENDS:
        title = _TITLE_BEFORE.search(text, max(0, start - 8), start)
        if title is not None:
            start = title.start()  # "a pack of Mr Brambly": the run is read after its title
    # Each pattern is searched only where the characters it needs are there: most runs have
    # no "of", "x", digit or "£" beside them.
    if start > 2 and text[start - 1] in " \t":
        before = text[max(0, start - 14) : start - 1]
        if before.endswith("of") and _CONTAINER_BEFORE.search(text, max(0, start - 40), start):
            return True
        if before[-1:] in "x×" and _TIMES_BEFORE.search(text, max(0, start - 8), start):
            return True
        if before[-1:] in _UNIT_ENDS and _SIZE_BEFORE.search(text, max(0, start - 14), start):
            return True
    if text[end : end + 1] not in (" ", "\t", "'", "’"):
        return False
    if _DIGIT_OR_POUND.search(text, end, end + 8) is None:
        return False
    return (
        _SIZE_AFTER.match(text, end, end + 16) is not None
        or _UNIT_PRICE_AFTER.match(text, end, end + 30) is not None
    )
