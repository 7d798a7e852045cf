"""Evidence that capitalised words named like a person are a product, its make or a system.

``things.product_noun_after`` knows a make by the goods noun right after it ("Hartley's
jelly"). Product names carry other marks that people's names do not, and these hold in any
shop, kitchen, office or trade text, not in one document:

- a product name ends in the kind of goods it is, capitalised with it ("Bakewell Slices",
  "Sensations Crisps"); no one's surname is a plural goods noun;
- a maker's possessive is followed by the product's own name, an ordinary English word
  capitalised ("Fox's Rocky", "Cadbury's Flake", "Ben's Original rice"), where a person's
  possessive is followed by what they have in lower case ("Ben's rice") or their people;
- software and models carry a version or model number and are what data is moved into or
  done with ("into Sage 50", "using Office 365"); a person is not moved into;
- a list of goods by their makes ("X sauces and Y pesto", "X slices and Y's crackers"): one
  item that is plainly a make says the others before a goods noun are makes too, where a
  person's name before a goods noun alone is doubtful ("Chloe Evans juice spilt").

Each test is one or two slices of the text around the run; nothing is remembered, so the same
words met elsewhere as a person are still removed there (by their own cue or propagation).
"""

from __future__ import annotations

import re

from portfolio.anonymise.lexicon import Lexicon, fold, zipf
from portfolio.anonymise.things import PRODUCT_NOUNS, product_noun_after

_COMMON_FIRST = 1e-4
"""A first-name share at or above which a word is a common first name ("Ben", "Jacob")."""

_ENGLISH = 4.0
"""Zipf frequency of a word in ordinary English use ("original" 5.2, "rocky" 4.2)."""


def _product_word(word: str, lex: Lexicon) -> bool:
    """True for an ordinary English word that is no common first name or surname ("Original",
    "Rocky", "Flake"): capitalised mid-sentence it is a product's name."""
    key = fold(word)
    return (
        zipf(word) >= _ENGLISH
        and lex.first.get(key, 0.0) < _COMMON_FIRST
        and lex.surnames.get(key, 0.0) < _COMMON_FIRST
        and key not in lex.not_names
    )


def ends_in_goods(words: list[str], lex: Lexicon) -> bool:
    """True for two or more capitalised words whose last is a goods noun in the plural, after
    a word on no name list or an ordinary English word ("Mr Kipling Bakewell Slices", "Apple
    Pies"): the
    run names a product. A family name is not a plural goods noun (a singular one can be:
    "Mr Rice"), and after a name the noun is a verb in a title-case line ("Mr Okafor Slices
    Bread")."""
    if len(words) < 2:
        return False
    last = fold(words[-1])
    if not (last.endswith("s") and last in PRODUCT_NOUNS and words[-1][:1].isupper()):
        return False
    return not lex.is_name(words[-2]) or _product_word(words[-2], lex)  # "Apple Pies"


_AFTER_POSSESSIVE = re.compile(r"[^\W\d_]{2,}['’]s?[ \t]$|[^\W\d_]{2,}s['’][ \t]$")


def owned_by_a_make(text: str, start: int, words: list[str], lex: Lexicon) -> bool:
    """True when the run comes straight after a possessive and each of its words is an
    ordinary English word that is no common name ("Delist Fox's Rocky", "Cadbury's Flake"):
    the maker's product. A person after a possessive is someone's people ("Tesco's Harriet",
    a name word) or is written with a kin word between ("Dervla's sister Róisín")."""
    if _AFTER_POSSESSIVE.search(text, max(0, start - 40), start) is None:
        return False
    return all(_product_word(word, lex) for word in words)


_CAPITALS_AFTER = re.compile(r"['’]s((?:[ \t]+[A-Z][a-z]{2,}){1,2})\b")


def product_line_after(text: str, end: int, lex: Lexicon) -> bool:
    """True when the possessive ending at ``end`` (its name) is followed by ordinary English
    words, capitalised, and then a goods noun ("Ben's Original rice", "Baxter's Favourites
    soup"): the possessor makes the product line. "Tobias's Dell laptop" is his (a make's
    name, no ordinary word); "Ben's rice" is doubtful and left to the other rules."""
    match = _CAPITALS_AFTER.match(text, end, end + 40)
    if match is None:
        return False
    if not all(_product_word(word, lex) for word in match.group(1).split()):
        return False
    return bool(product_noun_after(text, match.end(), lex))


_VERSION_BEFORE = re.compile(r"(?:^|[ \t(])(?:into|onto|using|via|in|on)[ \t]+$", re.IGNORECASE)
_VERSION_AFTER = re.compile(r"[ \t]+\d{1,4}(?:\.\d{1,2})?(?=[ \t]*(?:[;,.:)\n]|$|and\b|for\b))")


def versioned_system(text: str, start: int, end: int) -> bool:
    """True for a word with a version or model number after "into", "onto", "using", "via",
    "in" or "on" ("moved the figures into Sage 50;", "using Office 365."): software or a
    model, which data goes into and work is done with. A person is not moved into or used,
    and a number after a person's name is an age or a count ("Sage, 50", "Sage 50 minutes")."""
    if _VERSION_BEFORE.search(text, max(0, start - 12), start) is None:
        return False
    return _VERSION_AFTER.match(text, end, end + 12) is not None


_SENTENCE_STOP = re.compile(r"[.!?;\n]")
_MADE_GOODS = re.compile(r"\b([A-Z][\w'’-]+?)(?:['’]s)?[ \t]+(?=([A-Za-z]{3,})\b)")
"""A capitalised word, its possessive, and the word after it (not consumed, so that every
word is tried as the make: "Mr Kipling Bakewell Slices")."""


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) around ``text[start:end]``."""
    low = max(0, start - 200)
    head = low
    for match in _SENTENCE_STOP.finditer(text, low, start):
        head = match.end()
    tail = _SENTENCE_STOP.search(text, end, end + 200)
    return head, (tail.start() if tail else min(len(text), end + 200))


def among_makes(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """True when the run, followed by a goods noun, shares its sentence with another make: a
    capitalised word, no common first name, before a goods noun ("Mary Berry sauces and Jamie
    Oliver pesto", "Bakewell Slices and Jacob's crackers"). A list of goods by make is a
    buying or stock note; "Chloe Evans juice spilt" alone stays hers."""
    if not product_noun_after(text, end, lex):
        return False
    head, tail = _sentence(text, start, end)
    for match in _MADE_GOODS.finditer(text, head, tail):
        if start <= match.start() < end + 1:
            continue  # the run itself (or its own last word)
        word, noun = match.group(1), fold(match.group(2))
        if noun not in PRODUCT_NOUNS or match.start() == head:
            continue  # a sentence's first word is capitalised whatever it is
        key = fold(word)
        if lex.first.get(key, 0.0) >= _COMMON_FIRST:
            continue  # "Tom's juice and Jacob's crackers": two people's, maybe
        if not noun.endswith("s") and lex.surnames.get(key, 0.0) >= _COMMON_FIRST:
            continue  # "Chloe Evans juice and Jacob's crackers": hers, in a care note
        return True
    return False
