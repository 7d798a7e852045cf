"""Brands, organisations and places named like people, as evidence beside context.

"John Lewis", "Sue Ryder", "Marks & Spencer", "Age UK" and "Chester" are written the way
people's names are. ``resources/anonymise/gazetteer.bin`` lists such names from two open
sources (``make_gazetteer.py`` builds it): the OpenStreetMap name-suggestion-index (brands and
operators trading in Great Britain, Ireland, Europe or the world: shops, charities, councils,
NHS and academy trusts, transport) and GeoNames (British and Irish towns and villages, world
cities, countries). Only names the anonymiser could take for a person are kept: each has a word
on a name list or one English text rarely uses.

A name in the list is evidence, not a verdict (``keeps``): a person written the same way is
still a person when the text says so. A title, a name label, a signature or a lead-in before it
("Dear", "my manager", "served by"), or an action or "who" after it ("John Lewis rang") make it
a person; so does the document taking the same words for a person anywhere else (``detect``
propagates that person to every mention). Without such a cue:

- a name of two words or more is kept ("Sue Ryder", "Leeds Teaching Hospitals"), unless every
  word of it is a common name: then a lead-in that also opens other phrases ("asked", "rang")
  makes it a person, and a place of that kind ("Harold Wood") needs the context a lone word
  does;
- a lone word on no name list is kept ("Screwfix", "Greggs");
- a lone word that is a name ("Lincoln", "Chester", "Boots") is kept only with context that
  says what it is: a place or employer word before it ("works at", "outside", "drove to",
  "bought from"), a goods noun after a brand ("Boots meal deal" no; "Hartley jelly" yes), the
  brand's own possessive ("Sainsbury's", where the brand is written so), or a list beside
  another listed brand that is no name ("Greggs, Boots and Wilko").

Loading costs a few milliseconds, once per process, the first time a run's words are in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

# ``names`` imports this module to call ``keeps``: only its functions use ``names``, so
# either module may be imported first.
from portfolio.anonymise import names
from portfolio.anonymise.lexicon import Lexicon, fold, read_index
from portfolio.anonymise.things import product_noun_after
from portfolio.resources import resource_path

GAZETTEER = "gazetteer.bin"
BRAND = 1
ORGANISATION = 2
PLACE = 4
LOCAL = 8
"""Flags of a name: a brand, an organisation (an operator: council, trust, charity, network),
a place; ``LOCAL`` when it trades or lies in Great Britain or Ireland."""


def _split(words: str) -> list[str]:
    """The words of a space-separated list (kept as one string so the lists stay compact)."""
    return words.split()


_KEY_WORD = re.compile(r"&|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_MAX_WORDS = 6


def _key(word: str) -> str:
    """A word as keys hold it: folded, a possessive kept as "'s" ("sainsbury's")."""
    if word == "&":
        return "and"
    if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
        return fold(word[:-2]) + "'s"
    return fold(word)


def key_words(name: str) -> tuple[str, ...]:
    """The words of ``name`` as a key ("Marks & Spencer" -> marks, and, spencer)."""
    return tuple(_key(word) for word in _KEY_WORD.findall(name))


def gazetteer_sections(found: dict[str, int]) -> list[bytes]:
    """The sections of ``GAZETTEER``: the keys sorted and joined by newlines, their flags."""
    keys = sorted(found)
    if any("\n" in key for key in keys):
        raise ValueError("a gazetteer key holds a line break")
    return ["\n".join(keys).encode("utf-8"), bytes(found[key] for key in keys)]


@dataclass(frozen=True)
class Gazetteer:
    """The names (key -> flags) and every word of them, so a run none of whose words is in
    any name is passed over at once."""

    names: dict[str, int]
    words: frozenset[str]


@cache
def gazetteer() -> Gazetteer:
    """``GAZETTEER``, loaded once."""
    _, (keys, flags) = read_index(resource_path("anonymise", GAZETTEER).read_bytes())
    listed = keys.decode("utf-8").split("\n")
    found = dict(zip(listed, flags, strict=True))
    words = frozenset(word.removesuffix("'s") for key in listed for word in key.split(" "))
    return Gazetteer(found, words)


@dataclass(frozen=True)
class Match:
    """A listed name found around a run: its flags, its words, and where it is written."""

    flags: int
    words: tuple[str, ...]
    start: int
    end: int


_GAP = re.compile(r"[ \t]?[.+]?[ \t]?")
"""What may stand between two words of a listed name: a space, "Dr. ", "Snow+Rock"."""


def _window_words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words around a run on its line, as (start, end, key)."""
    low = max(text.rfind("\n", 0, start) + 1, start - 60)
    high = text.find("\n", end, end + 60)
    high = min(end + 60, len(text)) if high == -1 else high
    return [(m.start(), m.end(), _key(m.group())) for m in _KEY_WORD.finditer(text, low, high)]


def find(text: str, run: list[names.Token]) -> Match | None:
    """The longest listed name written over the whole run ("Marks & Spencer" over "Marks"),
    or None."""
    index = gazetteer()
    if not all(token.key in index.words for token in run if token.key != "and"):
        return None
    words = _window_words(text, run[0].start, run[-1].end)
    first = next((i for i, w in enumerate(words) if w[0] == run[0].start), None)
    last = next((i for i, w in enumerate(words) if w[0] == run[-1].start), None)
    if first is None or last is None:
        return None
    return _over(text, words, first, last) or _branch(text, words, first, last)


def _over(text: str, words: list[tuple[int, int, str]], first: int, last: int) -> Match | None:
    """The longest listed name over ``words[first : last + 1]``, extended on either side."""
    index = gazetteer()
    best: Match | None = None
    for low in range(first, max(-1, first - _MAX_WORDS), -1):
        if low < first and not _joined(text, words[low], words[low + 1]):
            break
        for high in range(last, min(len(words), low + _MAX_WORDS)):
            if high > last and not _joined(text, words[high - 1], words[high]):
                break
            keys = tuple(w[2] for w in words[low : high + 1])
            flags = index.names.get(" ".join(keys))
            if flags and (best is None or len(keys) > len(best.words)):
                best = Match(flags, keys, words[low][0], words[high][1])
    return best


def _branch(text: str, words: list[tuple[int, int, str]], first: int, last: int) -> Match | None:
    """A listed brand or organisation then the listed place of its branch, as one run
    ("Wickes Kendal", "Timpson Chester"): the brand's flags over both."""
    index = gazetteer()
    for cut in range(first, last):
        keys = tuple(w[2] for w in words[first : cut + 1])
        place = tuple(w[2] for w in words[cut + 1 : last + 1])
        flags = index.names.get(" ".join(keys), 0)
        if flags & (BRAND | ORGANISATION) and index.names.get(" ".join(place), 0) & PLACE:
            return Match(flags & ~PLACE, keys + place, words[first][0], words[last][1])
    return None


def _joined(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    return _GAP.fullmatch(text, left[1], right[0]) is not None


_PLACE_WORDS = frozenset(_split("at in inside outside opposite via"))
"""Words before a listed brand, organisation or place that make it where someone is ("works
at Boots", "outside Greggs"); "near" too before a place ("near Kendal": "near Lewis" is a
person as often)."""
_MOTION = frozenset(
    _split(
        "go goes going went gone drive drives driving drove driven travel travels travelled"
        " traveling traveled commute commutes commuted commuting move moves moved moving"
        " relocated relocating trip journey journeys train bus coach route routes delivery"
        " deliveries delivered shipped bought buy buying ordered order ordering sourced"
        " collected collect collecting popped pop nipped nip headed heading back return"
        " returned returning transfer transferred trips visit visits visited visiting"
    )
)
"""Words before "to" or "from" that make what follows a place or a shop ("drove to Chester",
"bought from Wickes"); "sent to Lewis", "a text from Lewis" are people."""


@cache
def _not_owned() -> frozenset[str]:
    """Nouns after a possessive that make it a person's: their people or their role."""
    return names._KIN_AND_CARE | names._ROLE_WORDS | names.CUSTOMER_WORDS


def keeps(text: str, run: list[names.Token], lex: Lexicon) -> bool:
    """True when ``run`` is (part of) a listed brand, organisation or place and nothing
    around it says it is a person (see the module's docstring)."""
    return _kept(text, run, lex) is not None


def _kept(text: str, run: list[names.Token], lex: Lexicon) -> Match | None:
    """The listed name ``keeps`` keeps ``run`` for, or None."""
    found = find(text, run)
    return found if found is not None and _thing_here(text, run, found, lex) else None


def _thing_here(text: str, run: list[names.Token], found: Match, lex: Lexicon) -> bool:
    context = names.strong_context(text, found.start)
    if context in ("title", "label", "signature", "lead-in"):
        return False
    after = names._followed_by(text, found.end)
    if (
        after in names._ACTION_VERBS
        or names._who_follows(text, found.end)
        or names._will_act(text, found.end, after)
    ):
        return False
    words = [w for w in found.words if w != "and"]
    all_names = all(_common_name(w.removesuffix("'s"), lex) for w in words)
    # A possessive the name does not have is the person's ("Lincoln's rota"), unless the
    # name is long and what follows is no person ("John Lewis's sale").
    if (
        run[-1].possessive
        and not found.words[-1].endswith("'s")
        and (len(words) < 2 or all_names or names._head_noun(text, found.end) in _not_owned())
    ):
        return False
    if all_names:
        # "Sue Ryder", "Samuel Smith", "Lincoln": as likely a colleague as the shop or town.
        return _context_says_thing(text, found, lex) or (
            len(words) > 1 and _a_thing_elsewhere(text, found, lex)
        )
    if len(words) >= 2:
        return True  # "Marie Curie", "Leighton Buzzard": a word no common name
    if not lex.is_name(words[0].removesuffix("'s")):
        return context != "weak" or not _rare_unlisted(words)
    if found.flags & (BRAND | ORGANISATION) and context != "weak":
        return True  # "Greggs", "Timpson": a brand, and a surname few people have
    return _context_says_thing(text, found, lex)


def _common_name(word: str, lex: Lexicon) -> bool:
    return lex.first.get(word, 0.0) >= 5e-5 or lex.surnames.get(word, 0.0) >= 1e-4


def _rare_unlisted(words: list[str]) -> bool:
    """True for a name of words English text hardly knows (a person's name on no list as
    likely as the brand): "rang Xyzzo" stays a person."""
    return all(names.zipf(w.removesuffix("'s")) < 2.0 for w in words)


def _where(text: str, start: int, flags: int) -> bool:
    """True when the words before ``start`` say a place or a shop follows ("works at",
    "outside", "drove to", "bought from"; "near" before a place)."""
    before = names._preceded_by(text, start)
    if before in _PLACE_WORDS or (before == "near" and flags & PLACE):
        return True
    if before in ("to", "from"):
        preposition = text.rfind(before, max(0, start - 12), start)
        return preposition > 0 and names._preceded_by(text, preposition) in _MOTION
    return False


_EARLIER_ITEM = re.compile(r"([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})(?:,| and| or| &) $")


def _list_start(text: str, start: int) -> int:
    """Where a list of listed names that ends at ``start`` begins ("from Lincoln and Kendal":
    the start of "Lincoln"), so the words before the list speak for each of its items."""
    index = gazetteer()
    for _ in range(4):
        earlier = _EARLIER_ITEM.search(text, max(0, start - 40), start)
        if earlier is None or " ".join(key_words(earlier.group(1))) not in index.names:
            break
        start = earlier.start(1)
    return start


def _a_thing_elsewhere(text: str, found: Match, lex: Lexicon) -> bool:
    """True when the document writes the same listed name of two words or more elsewhere
    as a thing: after a determiner ("on the Aston Martin"), a place or shop word, or in the
    context ``_context_says_thing`` reads ("Aston Martin is done" is then the car too)."""
    pattern = r"(?<![\w'’])" + r"\W{1,3}".join(
        re.escape(text[m.start() : m.end()])
        for m in _KEY_WORD.finditer(text, found.start, found.end)
        if m.group() != "&"
    )
    for other in re.finditer(pattern, text):
        if other.start() == found.start:
            continue
        if names._preceded_by(text, other.start()) in names._DETERMINERS:
            return True
        elsewhere = Match(found.flags, found.words, other.start(), other.end())
        if _context_says_thing(text, elsewhere, lex):
            return True
    return False


def _context_says_thing(text: str, found: Match, lex: Lexicon) -> bool:
    """For a name that is also a person's name ("Lincoln", "Boots", "Harold Wood"): what
    around it says it is the place or the shop."""
    if _where(text, _list_start(text, found.start), found.flags):
        return True
    before = names._preceded_by(text, found.start)
    if (
        found.flags & BRAND
        and before not in names._GIVING
        and product_noun_after(text, found.end, lex)
    ):
        return True  # "Timpson keys" no; "Dunelm cushions", "Wilko bleach"
    last = found.words[-1]
    if last.endswith("'s"):
        bare = last.removesuffix("'s")
        if (len(found.words) > 1 or lex.first.get(bare, 0.0) < 1e-4) and names._head_noun(
            text, found.end
        ) not in _not_owned():
            return True  # "Sainsbury's", "Barnardo's": the brand is the possessive
    return found.flags & (BRAND | ORGANISATION) != 0 and _listed_beside_brand(text, found, lex)


_LIST_BEFORE = re.compile(r"([^\W\d_][\w'’&+ -]{0,40}?)(?:,| and| &| or)[ \t]+$")
_LIST_AFTER = re.compile(r"(?:,| and| &| or)[ \t]+([^\W\d_][\w'’&+ -]{0,40})")


def _listed_beside_brand(text: str, found: Match, lex: Lexicon) -> bool:
    """True when a neighbour in a list is a listed brand or organisation that is no person's
    name ("Greggs, Boots and Wilko"): a list of shops, where three names are three people."""
    index = gazetteer()
    before = _LIST_BEFORE.search(text, max(0, found.start - 44), found.start)
    after = _LIST_AFTER.match(text, found.end, found.end + 44)
    for match in (before, after):
        if match is None:
            continue
        phrase = match.group(1)
        candidates = _tails(phrase) if match is before else _heads(phrase)
        for words in candidates:
            flags = index.names.get(" ".join(words), 0)
            bare = [w.removesuffix("'s") for w in words if w != "and"]
            if flags & (BRAND | ORGANISATION) and not all(_common_name(w, lex) for w in bare):
                return True
    return False


def _heads(phrase: str) -> Iterable[tuple[str, ...]]:
    """The first one to four words of a list item written after a comma or "and"."""
    words = key_words(phrase)[:4]
    return (words[:n] for n in range(1, len(words) + 1))


def _tails(phrase: str) -> Iterable[tuple[str, ...]]:
    """The last one to four words of a list item written before a comma or "and"."""
    words = key_words(phrase)[-4:]
    return (words[-n:] for n in range(1, len(words) + 1))


def outside_listed(
    text: str, spans: list[tuple[int, int, str]], people: Iterable[str]
) -> list[tuple[int, int, str]]:
    """``spans`` (a found person's other mentions, from ``names.propagate``) less those
    inside a listed name that ``keeps`` keeps where it is written ("Sue" in "donated to Sue
    Ryder" when the document's Sue is Sue Okafor). The same words found as a person anywhere
    (``people``, the names found) still win: the whole name for a name of two words or more,
    any word of a person for a lone word ("drove to Lincoln" beside "Lincoln Reid said")."""
    index = gazetteer()
    if not any(fold(text[s:e]).removesuffix("'s") in index.words for s, e, _ in spans):
        return spans
    lex = names.lexicon()
    whole: set[tuple[str, ...]] = set()
    person_words: set[str] = set()
    for person in people:
        words = tuple(w.removesuffix("'s") for w in key_words(person) if w != "and")
        whole.add(words)
        person_words.update(words)
    kept = []
    for span in spans:
        run = _run_at(text, span[0])
        found = _kept(text, run, lex) if run else None
        if found is not None:
            words = tuple(w.removesuffix("'s") for w in found.words if w != "and")
            if len(words) > 1 and words not in whole:
                continue
            if len(words) == 1 and words[0] not in person_words:
                continue
        kept.append(span)
    return kept


def _run_at(text: str, start: int) -> list[names.Token]:
    """The capitalised words written one space apart around the word at ``start`` (the run
    ``names`` judged there), or [] when that word is not capitalised."""
    low = max(text.rfind("\n", 0, start) + 1, start - 60)
    high = text.find("\n", start, start + 60)
    high = min(start + 60, len(text)) if high == -1 else high
    words = [
        token._replace(start=token.start + low, end=token.end + low)
        for token in names.tokens(text[low:high])
    ]
    at = next((i for i, token in enumerate(words) if token.start == start), None)
    if at is None or words[at].shape not in ("cap", "upper"):
        return []
    first = last = at
    while first > 0 and _next_in_run(text, words[first - 1], words[first]):
        first -= 1
    while last + 1 < len(words) and _next_in_run(text, words[last], words[last + 1]):
        last += 1
    return words[first : last + 1]


def _next_in_run(text: str, left: names.Token, right: names.Token) -> bool:
    return (
        right.shape in ("cap", "upper")
        and left.shape in ("cap", "upper")
        and not left.possessive
        and text[left.end : right.start] == " "
    )
