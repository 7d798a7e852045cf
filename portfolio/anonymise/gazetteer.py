"""Brands, organisations and places named like people, as evidence beside context.

"Sue Ryder", "Marks & Spencer", "Greggs" and "Chester" are written the way people's names
are. ``resources/anonymise/gazetteer.bin`` lists such names from two open sources
(``make_gazetteer.py`` builds it): the OpenStreetMap name-suggestion-index (brands and
operators trading in Great Britain, Ireland, Europe or the world: shops, charities, councils,
academy trusts, transport) and GeoNames (British and Irish towns and villages, world cities,
countries). Only names the anonymiser could take for a person are kept (a word on a name list
or one English text rarely uses), and every British or Irish brand and operator.

A name in the list is evidence, not a verdict (``keeps``): a person written the same way is
still a person when the text says so. A title, a name label, a signature or a lead-in before it
("Dear", "my manager", "served by"), or an action, "who" or "will ring" after it ("Sue Ryder
rang") make it a person; so does the document taking the same words for a person anywhere else
(``detect`` propagates that person to every mention; ``outside_listed`` lets another person's
first name not take a word out of a kept name). Without such a cue:

- a name of two words or more with a word that is no common name is kept ("Leighton Buzzard",
  a brand then its branch's town), and so is a lone word on no name list
  ("Dunelm") or a brand that is a surname few people have ("Greggs");
- a lone place on a name list ("Kendal"), and a name every word of which is a common name
  ("Sue Ryder", "Samuel Smith", "Lincoln", "Harold Wood", as likely a colleague), are kept
  only with context that says what they are:
  a place or shop word before it ("works at", "outside", "drove to", "bought from", also over a
  list: "from Lincoln and Kendal"), a goods noun after a brand, the brand's own possessive
  ("Frankie & Benny's"), a list beside a listed name of its kind that is no common name
  ("Greggs, Boots and Wilko", "Leeds, Lincoln and York"), or, for two words or more, the same
  name written as a thing elsewhere in the document ("the Laura Ashley van").

A run before "NHS Trust", "NHS Foundation Trust" or "CIC" is the body (the trusts are named
after places and founders and are not in the index). Loading costs about 4 ms, once per
process, the first time a run is judged.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from portfolio.anonymise import names
from portfolio.anonymise.lexicon import COMMON, Lexicon, fold, read_index
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


def _bare(key: str) -> str:
    """A key's words without their possessive ("sainsbury's" -> "sainsbury"), as a run's
    token keys are."""
    return " ".join(word.removesuffix("'s") for word in key.split(" "))


def gazetteer_sections(found: dict[str, int]) -> list[bytes]:
    """The sections of ``GAZETTEER``: the keys sorted and joined by newlines, their flags, and
    every run of consecutive words of a key, possessives left out (what a run of capitalised
    words must be for a listed name to be written over it)."""
    keys = sorted(found)
    if any("\n" in key for key in keys):
        raise ValueError("a gazetteer key holds a line break")
    parts: set[str] = set()
    for key in keys:
        words = _bare(key).split(" ")
        for low in range(len(words)):
            for high in range(low + 1, len(words) + 1):
                parts.add(" ".join(words[low:high]))
    return [
        "\n".join(keys).encode("utf-8"),
        bytes(found[key] for key in keys),
        "\n".join(sorted(parts)).encode("utf-8"),
    ]


@dataclass(frozen=True)
class Gazetteer:
    """The names (key -> flags) and the runs of words found in them (``gazetteer_sections``),
    so that a run in no name is passed over with one lookup."""

    names: dict[str, int]
    parts: frozenset[str]


@cache
def gazetteer() -> Gazetteer:
    """``GAZETTEER``, loaded once."""
    _, (keys, flags, parts) = read_index(resource_path("anonymise", GAZETTEER).read_bytes())
    found = dict(zip(keys.decode("utf-8").split("\n"), flags, strict=True))
    return Gazetteer(found, frozenset(parts.decode("utf-8").split("\n")))


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
    low = max(text.rfind("\n", 0, start) + 1, start - _REACH)
    high = text.find("\n", end, end + _REACH)
    high = min(end + _REACH, len(text)) if high == -1 else high
    return [(m.start(), m.end(), _key(m.group())) for m in _KEY_WORD.finditer(text, low, high)]


_REACH = 40
"""Characters looked at on each side of a run for the rest of a listed name."""


def find(text: str, run: list[names.Token]) -> Match | None:
    """The longest listed name written over the whole run ("Marks & Spencer" over "Marks"),
    or None."""
    index = gazetteer()
    keys = [token.key for token in run]
    joined = " ".join(keys)
    if joined not in index.parts:
        if len(run) == 1 or keys[-1] not in index.parts:
            return None  # a branch's town or a name after an opener ends the run
        opener = _opener(run)
        return _branch(run, keys) or (find(text, run[opener:]) if opener else None)
    if not _may_grow(text, run, joined, index):
        # Most runs in a name are the name or nothing (a first name that opens a brand's).
        if run[-1].possessive:
            flags = index.names.get(joined + "'s")
            if flags:
                return Match(flags, (*keys[:-1], keys[-1] + "'s"), run[0].start, run[-1].end + 2)
        flags = index.names.get(joined)
        return Match(flags, tuple(keys), run[0].start, run[-1].end) if flags else None
    words = _window_words(text, run[0].start, run[-1].end)
    first = next((i for i, w in enumerate(words) if w[0] == run[0].start), None)
    last = next((i for i, w in enumerate(words) if w[0] == run[-1].start), None)
    if first is None or last is None:
        return None
    return _over(text, words, first, last)


_NEXT = re.compile(r"(?:['’][sS])?[ \t]?[.+]?[ \t]?(&|[^\W\d_]+(?:['’-][^\W\d_]+)*)")


def _opener(run: list[names.Token]) -> int:
    """How many words open the run before a name can start: an initial or a common English
    word on no name list ("A Marie Curie nurse", "Visit Leighton Buzzard")."""
    lex = names.lexicon()
    count = 0
    while count < len(run) - 1 and (
        run[count].shape == "initial"
        or (not lex.is_name(run[count].text) and names.zipf(run[count].text) >= COMMON)
    ):
        count += 1
    return count


def _may_grow(text: str, run: list[names.Token], joined: str, index: Gazetteer) -> bool:
    """True when the word just before or after the run, with it, is still part of a listed
    name ("Marks" then "&"): only then are the words around it read."""
    after = _NEXT.match(text, run[-1].end, run[-1].end + 30)
    if after is not None and _bare(joined + " " + _key(after.group(1))) in index.parts:
        return True
    before = _word_before(text, run[0].start)
    return bool(before) and _bare(_key(before) + " " + joined) in index.parts


def _word_before(text: str, start: int) -> str:
    """The word (or "&") just before ``start`` across a gap ``_GAP`` allows, or "" (read
    from the end, as a regex searching for it would try every position)."""
    window = text[max(0, start - 30) : start]
    end = len(window.rstrip(" \t"))
    if end and window[end - 1] in ".+":
        end = len(window[: end - 1].rstrip(" \t"))
    if end and window[end - 1] == "&":
        return "&"
    begin = end
    while begin > 0 and (window[begin - 1].isalpha() or window[begin - 1] in "'’-"):
        begin -= 1
    return window[begin:end].strip("'’-")


def _over(text: str, words: list[tuple[int, int, str]], first: int, last: int) -> Match | None:
    """The longest listed name over ``words[first : last + 1]``, extended on either side
    while the words stay a run of some listed name's words."""
    index = gazetteer()
    best: Match | None = None
    for low in range(first, max(-1, first - _MAX_WORDS), -1):
        if low < first and not (
            _joined(text, words[low], words[low + 1])
            and _bare(" ".join(w[2] for w in words[low : last + 1])) in index.parts
        ):
            break
        for high in range(last, min(len(words), low + _MAX_WORDS)):
            keys = tuple(w[2] for w in words[low : high + 1])
            joined = " ".join(keys)
            if high > last and not (
                _joined(text, words[high - 1], words[high]) and _bare(joined) in index.parts
            ):
                break
            flags = index.names.get(joined)
            if flags and (best is None or len(keys) > len(best.words)):
                best = Match(flags, keys, words[low][0], words[high][1])
    return best


def _branch(run: list[names.Token], keys: list[str]) -> Match | None:
    """A listed brand or organisation then the listed place of its branch, as one run
    ("Dunelm Kendal", "Timpson Chester"): the brand's flags over both."""
    listed = gazetteer().names
    for cut in range(1, len(keys)):
        flags = listed.get(" ".join(keys[:cut]), 0)
        if flags & (BRAND | ORGANISATION) and listed.get(" ".join(keys[cut:]), 0) & PLACE:
            return Match(flags & ~PLACE, tuple(keys), run[0].start, run[-1].end)
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
"bought from Dunelm"); "sent to Lewis", "a text from Lewis" are people."""
_TRADE_PAPERS = frozenset(
    _split(
        "invoice invoices estimate estimates receipt receipts refund refunds catalogue"
        " catalogues brochure brochures supplies stock prices pricing"
    )
)
"""Papers and goods a business issues, before "from" ("an invoice from Ernest Jones", "an
estimate from Travis Perkins"): what follows is the listed firm. A person sends a text, a
parcel, samples, a statement or a quote (words they said); a refund goes *to* a customer,
so only "from" counts."""


_NOT_OWNED = names._KIN_AND_CARE | names._ROLE_WORDS | names.CUSTOMER_WORDS
"""Nouns after a possessive that make it a person's: their people or their role."""


def keeps(text: str, run: list[names.Token], lex: Lexicon) -> bool:
    """True when ``run`` is (part of) a listed brand, organisation or place and nothing
    around it says it is a person (see the module's docstring). What is kept is remembered
    for ``outside_listed``."""
    if _public_body_follows(text, run):
        return True
    if run[0].key not in gazetteer().parts:
        return False  # most runs: a word in no listed name
    found = _kept(text, run, lex)
    if found is None:
        return False
    _kept_in(text).add((found.start, found.end, found.words))
    return True


_PUBLIC_BODY = re.compile(
    r"[ \t]+(?:NHS|HSC)[ \t]+(?:Foundation[ \t]+|Hospitals?[ \t]+)?(?:Trust|Board|Group)\b"
    r"|[ \t]+(?:CIC|CIO)\b"
)
"""What follows the place or founder a public body or social enterprise is named after
("Leeds Teaching Hospitals NHS Trust", "Hywel Dda ... NHS Board", "Hartley Care CIC"): no
person is written so. The NHS trusts are not in the name-suggestion-index, and the
anonymiser's organisation words ("Trust") do not look past "NHS"."""


_BODY_STARTS = (" NHS", " HSC", " CIC", " CIO", "\tNHS", "\tHSC", "\tCIC", "\tCIO")


def _public_body_follows(text: str, run: list[names.Token]) -> bool:
    """True when the run is the name of an NHS body or a community interest company and no
    title or signature says it is a person."""
    end = run[-1].end
    if run[-1].possessive or not text.startswith(_BODY_STARTS, end):
        return False  # most runs (tested before the pattern is tried)
    if _PUBLIC_BODY.match(text, end, end + 40) is None:
        return False
    return names.strong_context(text, run[0].start) not in ("title", "signature")


@lru_cache(maxsize=16)
def _kept_in(text: str) -> set[tuple[int, int, tuple[str, ...]]]:
    """The listed names ``keeps`` kept in ``text``, for the last few texts judged (a text is
    judged, then its people propagated, in one call of the detector)."""
    return set()


def _kept(text: str, run: list[names.Token], lex: Lexicon) -> Match | None:
    """The listed name ``keeps`` keeps ``run`` for, or None."""
    found = find(text, run)
    return found if found is not None and _thing_here(text, run, found, lex) else None


def _thing_here(text: str, run: list[names.Token], found: Match, lex: Lexicon) -> bool:
    """True when nothing around the listed name ``found`` says it is a person, and, for a
    name of common names or a lone place that is a name, something says what it is."""
    words = [w for w in found.words if w != "and"]
    all_names = all(_common_name(w.removesuffix("'s"), lex) for w in words)
    bare = words[0].removesuffix("'s")
    # A lone name-list word is kept without context only as a British or Irish brand that is
    # a surname few people have ("Greggs", "Timpson"); a first name ("Ama", "Indra", listed
    # rare as they are) or a foreign brand needs what a place needs.
    local_brand = found.flags & (BRAND | ORGANISATION) and found.flags & LOCAL
    lone_place = len(words) == 1 and lex.is_name(bare) and (not local_brand or bare in lex.first)
    # "Sue Ryder", "Samuel Smith", "Lincoln", "Kendal": as likely a colleague as the shop or
    # the town, so what it is must be written (tried first: most such runs are people).
    if (all_names or lone_place) and not (
        _context_says_thing(text, found, lex)
        or (len(words) > 1 and _a_thing_elsewhere(text, found, lex))
    ):
        return False
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
    # A possessive the name does not have is the person's ("Lincoln's rota"), unless the
    # name is long and what follows is no person ("John Lewis's sale").
    if (
        run[-1].possessive
        and not found.words[-1].endswith("'s")
        and (len(words) < 2 or all_names or names._head_noun(text, found.end) in _NOT_OWNED)
    ):
        return False
    if all_names or lone_place or len(words) >= 2:
        return True  # context read above, or "Leighton Buzzard": a word no common name
    if not lex.is_name(words[0].removesuffix("'s")):
        return context != "weak" or not _rare_unlisted(words)  # "Dunelm"
    return context != "weak"  # a brand that is a surname few people have ("Greggs")


def _common_name(word: str, lex: Lexicon) -> bool:
    return lex.first.get(word, 0.0) >= 5e-5 or lex.surnames.get(word, 0.0) >= 1e-4


def _rare_unlisted(words: list[str]) -> bool:
    """True for a name of words English text hardly knows (a person's name on no list as
    likely as the brand): "rang Xyzzo" stays a person."""
    return all(names.zipf(w.removesuffix("'s")) < 2.0 for w in words)


def _where(text: str, start: int, flags: int) -> bool:
    """True when the words before ``start`` say a place or a shop follows ("works at",
    "outside", "drove to", "bought from", "a quote from"; "near" before a place)."""
    before = names._preceded_by(text, start)
    if (
        before in _PLACE_WORDS
        and (before != "at" or not flags & PLACE)
        and names.aimed_at_a_person(text, start, before)
    ):
        # "confided in Hinton", "shouted at Hinton" (a firm): a person, not where; a town
        # shouted at stays ("the fans swore at Lincoln": its team).
        return False
    if before in _PLACE_WORDS or (before == "near" and flags & PLACE):
        return True
    if before in ("to", "from"):
        preposition = _word_at(text, before, start)
        if preposition <= 0:
            return False
        verb = names._preceded_by(text, preposition)
        if verb in _MOTION or (before == "from" and verb in _TRADE_PAPERS):
            return True
        return before == "to" and _route_from_a_place(text, preposition)
    return False


def _word_at(text: str, word: str, start: int) -> int:
    """Where ``word`` (lower case, as ``names._preceded_by`` gives it) is written in the few
    characters before ``start``, in any case ("TRIP TO KENDAL" is "Trip to Kendal" in a
    heading written in capitals), or -1."""
    low = max(0, start - 12)
    at = text[low:start].lower().rfind(word)
    return -1 if at < 0 else low + at


_FROM_PLACE = re.compile(r"\bfrom ([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}) $")


def _route_from_a_place(text: str, to: int) -> bool:
    """True when "to" at ``to`` ends a route that starts at a listed place kept by what is
    written before it ("a transfer from Kendal to Lincoln", "drove from Kendal to Lincoln"):
    the end of a route is a place too. "Handed from Kendal to Lincoln", with nothing saying
    the first is a place, stays two people."""
    found = _FROM_PLACE.search(text, max(0, to - 50), to)
    if found is None:
        return False
    flags = gazetteer().names.get(" ".join(key_words(found.group(1))), 0)
    return bool(flags & PLACE) and _where(text, found.start(1), flags)


_EARLIER_ITEM = re.compile(r"([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})(?:,| and| or| &) $")


_LIST_JOINS = (", ", " and ", " or ", " & ")


def _list_start(text: str, start: int) -> int:
    """Where a list of listed names that ends at ``start`` begins ("from Lincoln and Kendal":
    the start of "Lincoln"), so the words before the list speak for each of its items."""
    index = gazetteer()
    for _ in range(4):
        if not text.endswith(_LIST_JOINS, max(0, start - 5), start):
            break  # most names: no list before them (tested before the pattern is searched)
        earlier = _EARLIER_ITEM.search(text, max(0, start - 40), start)
        if earlier is None or " ".join(key_words(earlier.group(1))) not in index.names:
            break
        start = earlier.start(1)
    return start


def _a_thing_elsewhere(text: str, found: Match, lex: Lexicon) -> bool:
    """True when the document writes the same listed name of two words or more elsewhere
    as a thing: after a determiner ("the Laura Ashley van"), a place or shop word, or in the
    context ``_context_says_thing`` reads ("Laura Ashley is loaded" is then the firm too)."""
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
        ) not in _NOT_OWNED:
            return True  # "Sainsbury's", "Barnardo's": the brand is the possessive
    return _listed_beside_its_kind(text, found, lex)


_LIST_BEFORE = re.compile(r"([^\W\d_][\w'’&+ -]{0,40}?)(?:,| and| &| or)[ \t]+$")
_LIST_AFTER = re.compile(r"(?:,| and| &| or)[ \t]+([^\W\d_][\w'’&+ -]{0,40})")


def _listed_beside_its_kind(text: str, found: Match, lex: Lexicon) -> bool:
    """True when a neighbour in a list is a listed name of the same kind (a brand or an
    organisation, or a place) that is no common person's name ("Greggs, Boots and Wilko",
    "Leeds, Lincoln and York"): a list of shops or towns, where "Lewis, Chester and Lincoln"
    are three people."""
    index = gazetteer()
    kinds = found.flags & PLACE
    if found.flags & (BRAND | ORGANISATION):
        kinds |= BRAND | ORGANISATION
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
            if flags & kinds and not all(_common_name(w, lex) for w in bare):
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
    inside a listed name that ``keeps`` kept in ``text`` ("Sue" in "donated to Sue Ryder"
    when the document's Sue is Sue Okafor). The same words found as a person anywhere
    (``people``, the names found) still win: the whole name for a name of two words or more,
    any word of a person for a lone word ("drove to Lincoln" beside "Lincoln Reid said")."""
    listed = sorted(_kept_in(text))
    if not listed:
        return spans
    starts = [start for start, _, _ in listed]
    whole: set[tuple[str, ...]] = set()
    person_words: set[str] = set()
    kept = []
    for span in spans:
        at = bisect.bisect_right(starts, span[0]) - 1
        if at >= 0 and span[1] <= listed[at][1]:
            if not whole:  # the people's words, read once when first needed
                for person in people:
                    words = tuple(w.removesuffix("'s") for w in key_words(person) if w != "and")
                    whole.add(words)
                    person_words.update(words)
            words = tuple(w.removesuffix("'s") for w in listed[at][2] if w != "and")
            if len(words) > 1 and words not in whole:
                continue
            if len(words) == 1 and words[0] not in person_words:
                continue
        kept.append(span)
    return kept
