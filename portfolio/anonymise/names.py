"""People's names: word evidence (name lists, ordinary words) weighed with context.

A candidate is a run of name-shaped words: capitalised ("Okafor", "McDonald", "O'Brien",
"Ní Bhriain", "Łukasz"), ALL CAPS in a heading written in capitals, initials ("J." before a
surname), and lower-case words in informal notes. Each run is judged on:

- its words: first names and surnames from the large lists in ``lexicon`` with how common they
  are, against how common the word is as an ordinary English word ("Rose" the colleague, "rose"
  the verb), with places and brands ("Manchester") needing context;
- its position: a capitalised word in mid-sentence says "proper noun", one that opens a sentence
  or sits in a Title Case heading says nothing;
- its context: titles ("Mrs"), labelled fields ("Served by:"), lead-ins ("spoke to"), signature
  blocks, table column headers ("Staff", "Customer", passed in as hints), and what follows
  ("said", a possessive);
- what it is not: a department after "passed to" or "From:", a place or organisation ("St John
  Ambulance", "Victoria Station": a run followed by an organisation word), a fixed phrase.

``find_names`` returns the spans; ``detect`` then propagates every person found to all their
other forms in the document (first name only, surname only, initial and surname, any case).
"""

from __future__ import annotations

import bisect
import operator
import re
import string
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from portfolio.anonymise.concepts import concept_after
from portfolio.anonymise.dishes import (
    DISH_FOODS,
    DISH_KINDS,
    dish_kind_after,
    ends_with_dish,
    opens_with_food,
)
from portfolio.anonymise.jobs import is_role_phrase
from portfolio.anonymise.labels import label_kind
from portfolio.anonymise.lexicon import COMMON, PARTICLES, Lexicon, fold, lexicon, zipf
from portfolio.anonymise.makes import (
    among_makes,
    ends_in_goods,
    owned_by_a_make,
    product_line_after,
    sold_as_goods,
    versioned_system,
)
from portfolio.anonymise.person_cues import (
    away_from_work,
    named_in_brackets,
    object_of_a_person_act,
    recipient_of_giving,
    role_follows,
)
from portfolio.anonymise.things import (
    PRODUCE_NOUNS,
    PRODUCT_NOUNS,
    eponym_noun_after,
    product_noun_after,
)


def _split(words: str) -> list[str]:
    """The words of a space-separated list (kept as one string so the lists stay compact)."""
    return words.split()


TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev", "revd"}
    | {"lord", "lady", "mister", "nurse", "sister", "father", "pastor", "imam", "rabbi", "cllr"}
    | {"chef"}  # "Chef Doherty wants ...": kitchens name their chefs so
)
CUSTOMER_WORDS = frozenset(
    {"customer", "customers", "client", "guest", "caller", "complainant", "patient", "resident"}
    | {"visitor", "user", "shopper", "member", "tenant", "service user", "passenger"}
)
_WORD = re.compile(r"[^\W\d_]+")
# A word: letters with inner apostrophes or hyphens ("O'Brien", "Mensah-Boateng"). Written
# as runs of letters joined by one mark, which the regex engine scans twice as fast as
# ``[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])|-(?=[^\W\d_]))*`` (the same words).
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_CONTEXT_WINDOW = 48


def _phrases(*groups: str) -> frozenset[str]:
    return frozenset(p.strip() for group in groups for p in group.split("|"))


_BY_VERBS = (
    "served|handled|dealt with|prepared|completed|reported|approved|checked|logged|taken"
    "|recorded|seen|reviewed|authorised|authorized|helped|assisted|covered|supported|trained"
    "|observed|witnessed|signed|written|raised|received|made|booked|issued|agreed|referred"
    "|mentored|assessed|verified|countersigned|updated|entered|counted|opened|closed|cashed up"
    "|collected|delivered|dispensed|administered|given|accompanied|visited|interviewed|led"
    "|fitted|repaired|replaced|fixed|installed|inspected|tested|serviced|packed|picked|loaded"
)
_BY_PHRASES = "|".join(f"{verb} by" for verb in _BY_VERBS.split("|"))
_BY_PHRASES += "|" + "|".join(
    f"{verb} {when} by"
    for verb in _split("checked cleaned completed signed reviewed tested inspected serviced")
    for when in _split("daily weekly monthly nightly annually today yesterday")
)  # "Checked weekly by Oluwaseun Adeyemi-Bakare, Head Chef"
_FIELD_LABELS = _phrases(
    "customer|customer name|client|client name|guest|caller|complainant|patient|resident",
    "visitor|service user|name|full name|print name|printed name|staff|staff member|staff name",
    "colleague|employee|manager|supervisor|team leader|line manager|assessor|witness|from|to|cc",
    "attendee|contact|contact name|author|signed|signature|advisor|adviser|agent|cashier|mentor",
    "surname|forename|forenames|first name|last name|family name|given name|next of kin",
    "key worker|carer|nurse|member of staff|on duty|shift lead|lead|host|attendees|present",
    "apologies|owner|assigned to|passenger|tenant|learner|apprentice|candidate|trainee",
    _BY_PHRASES,
)
_TALK_VERBS = (
    "spoke|speaking|talked|talking|passed|escalated|referred|handed|explained|apologised"
    "|apologized|introduced myself|chatted|met|worked|sat|checked in|caught up"
)
_ROLES = (
    "manager|supervisor|colleague|team leader|line manager|mentor|assessor|customer|client"
    "|guest|caller|coworker|co-worker|boss|friend|patient|resident|tutor|trainer|buddy"
)
_LEAD_INS = _phrases(
    _BY_PHRASES,
    "|".join(f"{v} {p}" for v in _TALK_VERBS.split("|") for p in ("to", "with")),
    "|".join(
        f"{d} {r}" for d in ("my", "our", "the", "a", "his", "her") for r in _ROLES.split("|")
    ),
    "dear|hi|hello|hiya|morning|afternoon|thank you|thanks|cheers|asked|told|thanked|called",
    "rang|phoned|emailed|messaged|texted|contacted|reminded|showed|helped|asked for|named",
    "customer called|customer named|a lady called|a man called|a woman called|someone called",
    # kin before a first name: "wife Folasade on 07700 ...", "son Femi"
    "wife|husband|son|daughter|partner|mum|dad|mother|brother|nan|grandma|grandad|niece"
    "|nephew|cousin|fiancé|fiance|girlfriend|boyfriend|granddaughter|grandson",
    "welcome to|farewell to|congratulations to|well done to|thanks to|goodbye to|shout out to"
    "|star of the month is|employee of the month is",
)
# Lead-ins that also open many non-name phrases: their run needs some name evidence.
_WEAK_LEAD_INS = _phrases(
    "asked|told|thanked|called|rang|phoned|emailed|messaged|texted|contacted|reminded|showed",
    "helped|asked for|named|morning|afternoon|cheers|thanks|thank you",
    "|".join(f"{v} {p}" for v in _TALK_VERBS.split("|") for p in ("to", "with")),
)
_OPENING_VERBS = frozenset(
    _split(
        "asked told thanked called rang phoned emailed messaged texted contacted reminded"
        " showed helped met saw gave supported informed visited assisted advised escorted"
        " reassured encouraged prompted greeted warned paid sent handed invited collected"
        " noticed spotted watched observed took brought walked transferred washed dressed"
        " showered offered served trained praised welcomed introduced updated briefed"
        " supervised interviewed shadowed mentored coached relieved"
    )
)
"""Verbs done to someone that open a note's sentence, capitalised ("Asked Sarah to cover",
"Thanked Sarah", "Met Sarah at the door", "Supported Sarah to shower", "Gave Sarah the
keys"): never part of the name after them, which they introduce (a run "Met Sarah" was judged
as two words and the name left in). A note drops its subject ("I"), so the past tense of
what staff do to a person opens the sentence; none of these words is on a name list ("Heard"
is a surname, so it is not here), and a place or firm after them is still the gazetteer's
("Visited Milton Keynes")."""
_OPENING_WORDS = frozenset(
    _split(
        "except without towards toward against unlike maybe perhaps only despite within unless"
        " although though whereas whether besides beyond including excluding regarding"
        " unfortunately luckily hopefully apparently obviously"
        # the same verbs as ``_OPENING_VERBS`` in "-ing": "Supporting Sarah with lunch"
        " supporting helping meeting visiting asking calling telling ringing phoning thanking"
        " reminding showing assisting escorting collecting greeting informing advising texting"
        " messaging emailing contacting seeing giving sending paying handing walking taking"
        " bringing washing dressing prompting encouraging reassuring shadowing"
        # adverbs of time and of comment: "Later Sarah locked up", "Eventually Sarah ate"
        " later earlier yesterday today tomorrow tonight afterwards afterward eventually"
        " finally meanwhile instead suddenly initially recently previously currently"
        " sometimes usually often again now also additionally however therefore thankfully"
        " sadly fortunately happily clearly honestly basically actually really firstly"
        " secondly lastly"
    )
)
"""Prepositions and adverbs that open a sentence, capitalised, before a person ("Without
Sarah we were short", "Unlike Sarah, he was late", "Maybe Sarah can cover", "Eventually Sarah
calmed down"): never part of the name after them (a run "Without Sarah" or "Eventually Sarah"
was judged as two words and the name left in). None is on a name list ("Even", "Just",
"Still", "Soon" and "Overall" are rare surnames, so they are not here; nor "First", "Next"
and "Once", which open names of firms and works)."""
_GREETINGS = frozenset(_split("morning afternoon evening"))
"""Greetings that open a message before the person greeted ("Morning Sarah!"): no part of the
name after them when they open a sentence. "Morning" is a rare surname (1e-5), so only there:
"Mr Morning" and "Sarah Morning" are still read as names."""
_CLOSINGS = _phrases(
    "kind regards|best regards|warm regards|regards|many thanks|thanks|thank you|best wishes",
    "all the best|best|yours sincerely|yours faithfully|yours truly|sincerely|cheers|speak soon",
    "signed|with thanks|warmest regards|kindest regards|thanks again|regards to all|ta|love",
)
# Words after a run that make it the subject of a sentence about a person.
_PERSON_VERBS = frozenset(
    _split(
        "said says told asked rang phoned called emailed texted messaged explained agreed replied"
        " answered mentioned complained covered helped showed noticed arrived left came went was"
        " is has had wanted needed thought felt seemed did didn't wasn't isn't hasn't can't"
        " couldn't wouldn't won't will would should could shouted smiled laughed cried apologised"
        " apologized confirmed refused offered suggested promised started finished worked works"
        " and &"
    )
)
# Of those, the verbs no ordinary word is followed by ("Will said", "Hope rang").
_ACTION_VERBS = frozenset(
    _split(
        "said says told asked rang phoned called emailed texted messaged explained agreed"
        " replied answered mentioned complained covered helped showed noticed arrived left"
        " shouted smiled laughed cried apologised apologized confirmed refused offered"
        " suggested promised cleaned cooked served signed handed hoisted washed dressed fed"
        " assisted supported reassured escorted chatted waved thanked greeted phoned emailed"
        " wrote booked collected"
    )
)
# Words after a run that make it a place or an organisation, not a person.
_ORG_WORDS = frozenset(
    _split(
        "street st road rd lane ln avenue ave close drive way crescent court place grove gardens"
        " terrace hill park square row walk mews view rise parade green station hospital infirmary"
        " ambulance school college university academy church chapel mosque temple centre center"
        " house hall ward unit trust foundation group ltd limited plc llp inc co company hotel"
        " hospice surgery practice pharmacy library museum theatre stadium airport clinic line"
        " bridge road council services service shopping retail estate store stores shop shops"
        " branch market supermarket club arms inn cafe café restaurant bakery bank building"
        " nursery primary high junior infant medical health care homes home lodge manor wing"
        " suite floor block campus institute society association partnership federation"
        " garden room lounge wing shift"
        " county city town village borough district region ward's"
    )
)
_PLACE_BEFORE = frozenset({"st", "saint", "fort", "port", "lake", "mount", "prince", "princess"})
_PLACE_BEFORE |= {"queen", "king", "royal", "of", "at", "in"}
_ON_PLACE = frozenset(_split("on near off along opposite via towards past onto"))
"""Words before a run ending in a place word ("Square", "Street") that make it the place."""
_PRODUCT_VERBS = frozenset(
    _split("use using used apply applying applied buy bought order ordered spray sprayed restock")
)
"""Verbs after which a lone capitalised word is a product, not a person."""
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "our", "your"})
_OWNERS = frozenset({"his", "her", "their", "my"})
"""Before a capitalised run, a thing someone has ("refused her Dettol again"); a person after
them is written "her son Femi", "my colleague Jo"."""
_MONTHS = frozenset(
    _split(
        "january february march april may june july august september october november december"
        " jan feb mar apr jun jul aug sep sept oct nov dec"
    )
)
_DAYS = frozenset(_split("monday tuesday wednesday thursday friday saturday sunday"))
_DAY_SHORT = frozenset(_split("mon tue tues wed thu thur thurs fri sat sun"))
_DAY_USE = re.compile(r"[ ,/–-]+(?:\d|mon|tue|wed|thu|fri|sat|sun)", re.IGNORECASE)
_MONTH_CONTEXT = frozenset(
    _split(
        "in on of since until till by from during last next this early late mid end start"
        " beginning throughout before after"
    )
)
_SENTENCE_END = '.!?;•*·–—>#|\t\r\n"“(['


class Token(NamedTuple):
    """One word: its span, its text without a possessive, its letter case and lookup key."""

    start: int
    end: int
    text: str
    shape: str  # "cap", "upper", "lower", "initial"
    possessive: bool
    key: str


def tokens(text: str, lex: Lexicon | None = None) -> list[Token]:
    """Every word of ``text``, with possessives ("Patel's") split off their name.

    With ``lex``, lower-case words that are on no name list and are no particle are left out
    (they can be no part of a name, and a document has many of them).
    """
    listed = lex.any_name if lex is not None else None
    known = _WORD_FACTS.get(listed)
    if known is None or len(known) > _MAX_WORDS:
        known = _WORD_FACTS[listed] = {}
    found: list[Token] = []
    append = found.append
    find = text.find
    new = tuple.__new__
    position = 0
    # What a word is depends on the word alone, and a document repeats its words: each
    # distinct word is worked out once (``_word``), each occurrence only placed. The words
    # come as strings (no match object per word, which the garbage collector would count);
    # a word starts at the first letter after the previous one, so ``find`` from there
    # places it (a letter never occurs between two words).
    for word in _TOKEN.findall(text):
        try:
            facts = known[word]
        except KeyError:
            facts = known[word] = _word(word, listed)
        start = find(word, position)
        position = start + len(word)
        if facts is not None:
            length, kept, shape, possessive, key = facts
            append(new(Token, (start, start + length, kept, shape, possessive, key)))
    return found


_MAX_WORDS = 200_000
_WORD_FACTS: dict[frozenset[str] | None, dict[str, tuple[int, str, str, bool, str] | None]] = {}
"""Per word list (``Lexicon.any_name``, or None): word -> what ``_word`` says of it."""


def _word(word: str, listed: frozenset[str] | None) -> tuple[int, str, str, bool, str] | None:
    """``(length, text, shape, possessive, key)`` of one word as ``tokens`` keeps it, or None
    when ``listed`` is given and the word is lower case and on no name list."""
    if listed is not None and word.islower() and word[1:2] != "-":
        key = word if word.isascii() and "'" not in word else fold(word)
        if key not in listed and not (key.endswith(("'s", "’s")) and fold(word[:-2]) in listed):
            return None
    possessive = len(word) > 3 and word[-2] in "'’" and word[-1] in "sS"
    if possessive:
        word = word[:-2]
    key = fold(word)
    if key in PARTICLES and not word.isascii() and word.lower() not in PARTICLES:
        key = word.casefold()  # "Lê" (a Vietnamese family name) is not the particle "le"
    if len(word) == 1:
        shape = "initial" if word.isupper() else "lower"
    elif word.islower():
        shape = "lower"
    elif word.isupper():
        shape = "upper"
    elif word[0].isupper() or (word[1:2] == "-" and word[2:3].isupper()):
        shape = "cap"  # "t-Saoir" in "Mac an t-Saoir"
    else:
        shape = "lower"
    return len(word), word, shape, possessive, key


_ASCII_LETTERS = string.ascii_letters
_LAST_WORDS: dict[frozenset[str], frozenset[str]] = {}
"""Per phrase set: the last word of each phrase (no phrase ends with any other word)."""


def _ends_with_phrase(fragment: str, phrases: frozenset[str]) -> str | None:
    """The phrase (one to four words) that ``fragment`` ends with, or None."""
    tail = fragment[-_CONTEXT_WINDOW:]
    if not tail or not tail[-1].isalpha():
        return None
    if tail.isascii():
        # Most runs follow no lead-in: their last word ends no phrase, found without
        # splitting the window into words (in ASCII a letter is A-Z or a-z).
        last = _LAST_WORDS.get(phrases)
        if last is None:
            last = _LAST_WORDS[phrases] = frozenset(p.rsplit(" ", 1)[-1] for p in phrases)
        if tail[len(tail.rstrip(_ASCII_LETTERS)) :].lower() not in last:
            return None
    words = _WORD.findall(tail.lower())[-4:]
    for i in range(len(words)):
        phrase = " ".join(words[i:])
        if phrase in phrases:
            return phrase
    return None


_OPENERS = "([{\"'“‘"
"""Brackets and quotes that open before a title."""


def strong_context(text: str, start: int) -> str | None:
    """What before ``start`` makes the following run a name: "title", "label", "lead-in",
    "weak" (a lead-in that also opens other phrases), "signature", or None."""
    window = text[max(0, start - _CONTEXT_WINDOW) : start]
    stripped = window.rstrip(" \t")
    if not stripped:
        return None
    last = stripped[-1]
    spaced = len(stripped) < len(window)
    if last == ":" or (last in "-–" and spaced):
        label = stripped[:-1].rstrip()
        line = re.split(r"[\n.!?;|\t]", label)[-1].strip()
        if _names_a_thing(line.lower().split()) and label_kind(line) == "thing":
            return None  # "Venue name:", "Brand:" ask for a thing, though "name" ends one
        if _ends_with_phrase(label, _FIELD_LABELS):
            return "label"
        return "label" if len(line) <= 40 and label_kind(line) == "name" else None
    if last in "\n\r":
        previous = stripped.rstrip("\r\n \t").rsplit("\n", 1)[-1].strip(" \t,.!-").lower()
        return "signature" if previous in _CLOSINGS else None
    if last == ",":
        before = stripped[:-1]
        line = before.rsplit("\n", 1)[-1].strip(" \t").lower()
        if line in _CLOSINGS:
            return "signature"
        phrase = _ends_with_phrase(before, _LEAD_INS)
        return _lead_in_kind(phrase)
    if not spaced:
        return None
    words = stripped.rsplit(None, 2)
    # A title opens a bracket or a quote as often as a sentence: "the resident (Mrs Jones)",
    # "she said 'Mr Jones will help'" (the bracket hid the title and the name was left in).
    word = words[-1].rstrip(".").lstrip(_OPENERS).lower()
    if word in TITLES:
        if words[-1].isupper() and len(words) > 1 and _MAKE_BEFORE.fullmatch(words[-2]):
            return None  # "Logitech MX Keys": a model line in capitals after a make
        return "title"
    if (
        len(word) == 1
        and len(words) > 1
        and words[-2].rstrip(".").lstrip(_OPENERS).lower() in TITLES
    ):
        return "title"  # "Dr A. Okafor"
    return _lead_in_kind(_ends_with_phrase(stripped, _LEAD_INS))


_MAKE_BEFORE = re.compile(r"[A-Z][a-z]+[A-Za-z]*")
"""A capitalised word (not in capitals, no punctuation) just before a title in capitals: the
title is a model line ("Logitech MX Keys"); "call MR SMITH", "Contact: MR J SMITH" keep it."""


def _lead_in_kind(phrase: str | None) -> str | None:
    if phrase is None:
        return None
    return "weak" if phrase in _WEAK_LEAD_INS else "lead-in"


_PROPER_THING_LABELS = frozenset(
    _split(
        "brand make manufacturer retailer distributor wholesaler stockist depot branch"
        " organisation organization bank location venue site place town city county village"
        " ward room unit dish product course qualification"
    )
)
"""Field labels whose value is the proper name of a thing (a firm, a brand, a place, a dish,
a course): of ``labels._THING_LABELS``, those whose value is a name, not a phrase that can
hold a person ("Task: Help Sarah", "Activity: Walk with Tom"). Not "company": most of the
small employers apprentices work for are sole traders, whose company name on an invoice or a
form is their own ("Company name: Dave Wilson"). Not "employer": a personal
assistant in care is employed by the person they support; nor "supplier", "vendor", "shop"
or "store", whose value may be a sole trader's or a stallholder's own name ("Supplier: Dave
Wilson, window cleaner")."""
_LABEL_LINE = re.compile(r"(?:^|\n)[ \t*•-]*([A-Za-z][A-Za-z /&'’-]{0,38}?)[ \t]*:[ \t]*\n?[ \t]*$")


def _after_thing_label(text: str, start: int) -> bool:
    """True when the run starting at ``start`` is the value of a field whose label says it
    holds a thing's name, on the label's line or the line below it ("Brand: Russell Hobbs",
    "Location:\nStanley").

    The same evidence as a table column headed "Supplier" (``labels.label_kind``, read by
    ``detect`` for table cells and form fields): a form's label says what its value is. The
    label opens its line, so a name further along the line ("Location: Room 9, seen by Sarah
    Jones") is judged on its own context. A name label ("Staff:", "Contact:") is read by
    ``strong_context`` and still makes its value a person."""
    if not text[max(0, start - 6) : start].rstrip(" \t\r\n").endswith(":"):
        return False  # most runs: no colon just before (tested before the pattern)
    match = _LABEL_LINE.search(text[max(0, start - 48) : start])
    if match is None:
        return False
    label = match.group(1).strip()
    words = label.lower().split()
    return _names_a_thing(words) and label_kind(label) == "thing"


def _names_a_thing(words: list[str]) -> bool:
    """True for a label's words that ask for a thing's name ("Brand", "Venue name")."""
    return bool(words) and (
        words[-1] in _PROPER_THING_LABELS
        or (len(words) == 2 and words[0] in _PROPER_THING_LABELS and words[1] == "name")
    )


def _acts(text: str, end: int) -> bool:
    """True when what follows a run makes it someone acting: an action verb, "who", or a
    modal and a person's act ("Supplier:\nSarah Jones rang", "... will call")."""
    after = _followed_by(text, end)
    return after in _ACTION_VERBS or _who_follows(text, end) or _will_act(text, end, after)


def is_customer_context(text: str, start: int) -> bool:
    """True when the words just before ``start`` label the name as a customer's."""
    window = text[max(0, start - _CONTEXT_WINDOW) : start]
    words = _WORD.findall(window.lower())[-3:]
    while words and (words[-1] in TITLES or words[-1] == "name"):
        words.pop()
    return bool(words) and words[-1] in CUSTOMER_WORDS


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end == -1 else end


_TWO_LETTERS = re.compile(r"[^\W\d_]{2,}")
_FOUR_LETTERS = re.compile(r"[^\W\d_]{4,}")
_FIRST = operator.itemgetter(0)


_SENTENCE_BREAK = re.compile(r"[^\W\d_]{4}[.!?][ \t]+[A-Z]")
"""A sentence ending and another starting on one line ("Made a plate for Persson. Probe
75C."): two sentences are prose, not a Title Case heading, however many of their words have
capitals. A word of four letters or more before the stop, so "St. John's", "Mrs. Kay" and
initials do not count as a sentence's end."""


class _Lines:
    """Per-line facts, computed once per line: written in capitals, or a Title Case heading."""

    def __init__(self, text: str, words: list[Token]) -> None:
        self.text = text
        self._caps: dict[int, bool] = {}
        self._heading: dict[int, bool] = {}
        self._words = words

    def _stats(self, start: int) -> None:
        end = self.text.find("\n", start)
        line = self.text[start : len(self.text) if end == -1 else end]
        # The words of two letters or more, and of four or more (a maximal run of letters is
        # matched whole or not at all), counted in C.
        letters = _TWO_LETTERS.findall(line)
        upper = sum(map(str.isupper, letters))
        capital = sum(map(str.isupper, map(_FIRST, letters)))
        long_words = _FOUR_LETTERS.findall(line)
        long_capital = sum(map(str.isupper, map(_FIRST, long_words)))
        self._caps[start] = len(letters) >= 2 and upper * 10 >= len(letters) * 6
        heading = (len(long_words) >= 3 and long_capital * 10 >= len(long_words) * 7) or (
            len(letters) >= 2 and capital == len(letters) and len(letters) <= 8
        )
        self._heading[start] = heading and _SENTENCE_BREAK.search(line) is None

    def caps(self, position: int) -> bool:
        start = self.text.rfind("\n", 0, position) + 1
        if start not in self._caps:
            self._stats(start)
        return self._caps[start]

    def heading(self, position: int) -> bool:
        start = self.text.rfind("\n", 0, position) + 1
        if start not in self._heading:
            self._stats(start)
        return self._heading[start] or self._caps[start]


def sentence_start(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence, a line, a bullet or a quotation."""
    # What is before the word, spaces and opening single quotes left out, read in C from a
    # short window (every character the loop below returns at is in ``_SENTENCE_END``).
    low = max(0, start - 32)
    window = text[low:start].rstrip(" '‘")
    if window:
        char = window[-1]
        if char in _SENTENCE_END or char == ":":
            return True
        i = low + len(window) - 1
        return char in ".)" and i > 0 and text[i - 1].isalnum()
    if low == 0:
        return True
    i = start - 1
    while i >= 0 and text[i] in " \t'‘\"“([":
        if text[i] in '\t"“([':
            return True
        i -= 1
    if i < 0:
        return True
    char = text[i]
    if char in _SENTENCE_END or char == ":":
        return True
    # "1." and "a)" list markers
    return char in ".)" and i > 0 and text[i - 1].isalnum()


def _name_shaped(token: Token, caps_line: bool, lex: Lexicon) -> bool:
    if token.shape in ("cap", "initial"):
        return True
    if token.shape != "upper":
        return False
    # In capitals inside an ordinary line ("SIÂN AP RHYS British Gas"): only listed names.
    return caps_line or (
        len(token.text) > 2 and token.key in lex.any_name and token.key not in lex.ordinary
    )


def _runs(text: str, words: list[Token], lines: _Lines, lex: Lexicon) -> Iterator[list[Token]]:
    """Runs of name-shaped words separated by one space (or ". " after an initial)."""
    run: list[Token] = []
    not_names = lex.not_names
    for token in words:
        shape = token.shape
        if shape == "upper":
            caps_line = lines.caps(token.start)
            shaped = _name_shaped(token, caps_line, lex) or bool(run and token.key in PARTICLES)
        elif shape == "lower" and token.key not in PARTICLES:
            # Not name-shaped and no particle: the commonest case ("the", "to" are on the
            # name lists), decided without the checks below, which could only agree.
            if run:
                yield run
            run = []
            continue
        else:
            # A capitalised word or an initial is name-shaped, and so is a particle in lower
            # case (the only lower-case word that gets here).
            shaped, caps_line = True, False
            if shape == "initial" and text[token.start - 1 : token.start].isdigit():
                shaped = False  # "a 13A Crabtree socket", "Flat 3B": a unit or a suffix
        never = (
            shape != "initial"
            and (
                token.key in not_names
                or token.key in _OPENING_VERBS
                or token.key in _OPENING_WORDS
                or (not run and token.key in _GREETINGS and sentence_start(text, token.start))
            )
            and not (run and token.key in PARTICLES)  # "an" in "Mac an t-Saoir"
            # "Thu" in "Lê Thu Hà", "Sun" in "Li Sun": a listed name after a name, not a day
            and not (
                run
                and token.key in _DAY_SHORT
                and (token.key in lex.first or token.key in lex.surnames)
                and text[run[-1].end : token.start] == " "
                and not _DAY_USE.match(text, token.end, token.end + 8)
            )
        )
        if not shaped or never:
            if run:
                yield run
            run = []
            continue
        if run:
            gap = text[run[-1].end : token.start]
            joined = gap == " " or (gap in (". ", ".") and run[-1].shape == "initial")
            # "SIÂN AP RHYS British Gas": capitals then Title Case are two things.
            last_shape = run[-1].shape
            recased = (
                (last_shape == "upper" and shape == "cap")
                or (last_shape == "cap" and shape == "upper")
            ) and not caps_line
            if not joined or recased or run[-1].possessive or len(run) >= 5:
                yield run
                run = []
        run.append(token)
    if run:
        yield run


def _trim_particles(run: list[Token]) -> list[Token]:
    while run and run[-1].key in PARTICLES:
        run = run[:-1]
    while run and run[0].key in PARTICLES and run[0].shape == "lower":
        run = run[1:]
    return run


def _evidence(token: Token, lex: Lexicon) -> tuple[bool, bool, bool]:
    """(first name, surname, ordinary word) for one token."""
    key = token.key
    # An accent makes it the name: "Hà" is not "ha", "Renée" not "renee".
    return key in lex.first, key in lex.surnames, key in lex.ordinary and token.text.isascii()


_FOLLOWING_WORD = re.compile(r"[ \t]*([^\W\d_]+)")


def _followed_by(text: str, end: int) -> str:
    match = _FOLLOWING_WORD.match(text, end, end + 30)
    return match.group(1).lower() if match else ""


_ROLE_WORDS = frozenset(
    _split(
        "manager assistant supervisor leader lead staff worker team officer advisor adviser"
        " nurse director administrator coordinator rep representative colleague member"
    )
)


def _word_after(text: str, end: int, n: int) -> str:
    """The ``n``-th word after ``end`` (lower case), or ""."""
    words = _WORD.findall(text[end : end + 40].lower())
    return words[n - 1] if len(words) >= n else ""


def _preceded_by(text: str, start: int) -> str:
    """The word just before ``start`` (lower case; a full stop after it allowed), or ""."""
    window = text[max(0, start - 30) : start]
    window = window.removesuffix("\n").rstrip(" \t").removesuffix(".")
    if window.isascii():  # a letter is A-Z or a-z: the word found in C
        begin = len(window.rstrip(_ASCII_LETTERS))
    else:
        begin = len(window)
        while begin > 0 and window[begin - 1].isalpha():
            begin -= 1
    if begin and window[begin - 1].isdigit():
        return "#"  # "Room 12A Jane Smith": a unit or a suffix, not the article "a"
    return window[begin:].lower()


def _is_fixed_phrase(text: str, run: list[Token], lex: Lexicon) -> bool:
    """True when the run is part of a fixed phrase ("Jack of all trades", "Marks and Spencer")."""
    phrase_words = lex.phrase_words
    if len(run) == 1:  # most runs are one word, and most words are in no phrase
        if run[0].key not in phrase_words:
            return False
        keys = {run[0].key}
    else:
        keys = {t.key for t in run} & phrase_words
        if not keys:
            return False
    start, end = run[0].start, run[-1].end
    window_start = max(0, start - 40)
    window = text[window_start : end + 50]
    # In ASCII a phrase can match only where each of its words is written (any case): the
    # pattern, which tries every position of the window, runs only when they all are.
    lowered = window.lower() if window.isascii() else ""
    patterns = _phrase_patterns(lex)
    for key in keys:
        for regex in patterns.get(key, ()):
            needed = _PHRASE_NEEDS[regex] if lowered else None
            if needed is not None and not all(word in lowered for word in needed):
                continue
            for match in regex.finditer(window):
                if match.start() + window_start < end and match.end() + window_start > start:
                    return True
    return False


_PHRASE_PATTERNS: dict[str, list[re.Pattern[str]]] = {}
_PHRASE_NEEDS: dict[re.Pattern[str], tuple[str, ...] | None] = {}
"""Per phrase pattern: its words when they are all ASCII (each must be in a window the
pattern can match), else None."""


def _phrase_patterns(lex: Lexicon) -> dict[str, list[re.Pattern[str]]]:
    """For each word of a fixed phrase, the patterns of the phrases it is in (made once)."""
    if not _PHRASE_PATTERNS:
        for phrase in lex.phrases:
            words = [re.escape(w) for w in phrase]
            regex = re.compile(
                r"(?<!\w)" + r"(?:['’]s)?\W{1,3}".join(words) + r"(?!\w)", re.IGNORECASE
            )
            ascii_words = all(w.isascii() for w in phrase)
            _PHRASE_NEEDS[regex] = tuple(w.lower() for w in phrase) if ascii_words else None
            for word in phrase:
                _PHRASE_PATTERNS.setdefault(word, []).append(regex)
    return _PHRASE_PATTERNS


_WHO = re.compile(r",?[ \t]+who(?:'s|’s)?\b")


def _who_follows(text: str, end: int) -> bool:
    """True when a relative "who" follows ("Robin Cook, who joins Reception"): a person."""
    return _WHO.match(text, end) is not None


def _alone(text: str, token: Token) -> bool:
    """True when the word is all there is in its table cell or on its line ("Zofia" in a rota)."""
    before = text[max(0, token.start - 12) : token.start].rstrip(" ")
    after = text[token.end : token.end + 12].lstrip(" .")
    return (not before or before[-1] in "\n\t|") and (not after or after[0] in "\r\n\t|")


def _month_use(text: str, token: Token) -> bool:
    if token.key not in _MONTHS:
        return False
    before = _preceded_by(text, token.start)
    after = text[token.end : token.end + 6].lstrip(" ,")
    return before in _MONTH_CONTEXT or after[:1].isdigit() or before.isdigit()


_NUMBER_WORDS = frozenset(
    _split("two three four five six seven eight nine ten eleven twelve dozen")
)
"""Counts before a run make it a thing ("three Dell Latitude laptops"): people are not counted."""
_MODEL_CODE = re.compile(
    r"[ \t](?:[A-Z]{1,4}-?\d{1,5}[A-Za-z]{0,3}|[A-Z]{2,4} \d{2,5}[A-Za-z]{0,3}|No\.? ?\d{1,3}"
    r"|\d{1,4}(?:mg|ml|mcg|g|kg|l|W|V|mAh|cm|mm))(?![\w/])"
)
"""A model or size code after a run ("Dyson V15", "Bosch GSR 18V", "Olaplex No.3", "500mg")."""
_POSTCODE_TAIL = re.compile(r" ?\d[A-Z]{2}\b")
_AFTER_POSSESSOR = re.compile(r"[^\W\d_]['’]s[ \t]$")
"""A possessive just before a run: "Tobias's Dell Latitude" is something Tobias has."""
_HEAD_THEN = re.compile(r"[ \t]+([a-z]{3,})(?:[ \t]+([a-z][a-z'’]*))?")
_AUXILIARIES = frozenset(
    _split(
        "is are was were has have had needs need will would can could should must may might"
        " isn't aren't wasn't weren't hasn't haven't doesn't don't didn't won't can't keeps"
        " kept goes went broke stays looks sold arrives"
    )
)
"""Verbs that open a predicate: "Henry hoover is in the cupboard" has its head noun before."""
_NOT_HEADS = frozenset(
    _split(
        "and or but nor to of in on at for with from by as so then also just still always never"
        " only even now again too not soon here there today yesterday tomorrow tonight later early"
        " late back off out up down over away please the a an this that his her their our my your"
        " its who which what when where while if because until unless will would can could should"
        " must may might shall did does do has have had is are was were be been being am"
        " already often ever first last once twice almost maybe sometimes alone herself"
        " himself themselves myself yourself instead anyway"
    )
)


_KIN_AND_CARE = frozenset(
    _split(
        "family son daughter wife husband partner mum dad mother father sister brother friend"
        " friends children kids carer carers cleaner porter driver stylist housekeeper technician"
        " keyworker advocate relatives visitors twins household kids grandson granddaughter"
    )
)
"""Nouns after a name that are the person's people or job ("Tom Reed family were told")."""


def _head_noun(text: str, end: int) -> str:
    """The lower-case word right after a run ("hoover" in "Henry hoover"), or ""."""
    match = _HEAD_THEN.match(text, end, end + 40)
    return match.group(1) if match else ""


def _head_noun_follows(text: str, end: int, lex: Lexicon) -> bool:
    """True when a lower-case noun follows the run and then a verb opens the predicate
    ("Nicky Clarke dryer is broken", "Charles Worthington serum restocked by Kofi"): the
    run names the make of the noun, not a person (who would be followed by the verb itself)."""
    match = _HEAD_THEN.match(text, end, end + 40)
    if match is None or match.group(2) is None:
        return False
    head, verb = match.group(1), match.group(2)
    if (
        head in _NOT_HEADS
        or head in _PERSON_VERBS
        or head in _ACTION_VERBS
        or head.endswith(("ed", "ing", "ly"))
        or head in lex.not_names
        or head in _ROLE_WORDS
        or head in _KIN_AND_CARE
        or head in CUSTOMER_WORDS
        or zipf(head) < (2.5 if head in lex.any_name else 2.0)
    ):
        return False  # "Joan Baker nurse visiting": a role after a name is the person's
    return verb in _AUXILIARIES or (len(verb) > 4 and verb.endswith("ed"))


def _has_common_name(run: list[Token], lex: Lexicon) -> bool:
    """True when a word of the run is a common first name or surname (a make is not)."""
    common = _COMMON_KEYS.get(id(lex))
    if common is None or common[0] is not lex or len(common[1]) > _MAX_WORDS:
        common = _COMMON_KEYS[id(lex)] = (lex, {})
    known = common[1]
    for token in run:
        key = token.key
        answer = known.get(key)
        if answer is None:
            answer = known[key] = (
                lex.first.get(key, 0.0) >= 5e-5 or lex.surnames.get(key, 0.0) >= 1e-4
            )
        if answer:
            return True
    return False


_COMMON_KEYS: dict[int, tuple[Lexicon, dict[str, bool]]] = {}
"""Per lexicon: word key -> whether it is a common first name or surname (asked per run, and
a document's runs repeat their words)."""


def _thing_evidence(text: str, run: list[Token], before: str, lex: Lexicon) -> bool:
    """What around a run says it names a thing (a product, a make, a model) and not a person:
    a noun it qualifies before a verb ("Henry hoover is ..."), and, for a run with no common
    first name or surname in it, a count or a possessor before it ("three Dell laptops",
    "Tobias's Dell") or a model code after it ("Dyson V15"). Not "Jane's Mum Ann", "Sanjay
    Patel B2" (a bed), "HCA Amina Yusuf": people come with those too."""
    end = run[-1].end
    if not _has_common_name(run, lex):
        if before in _NUMBER_WORDS:
            return True
        if _AFTER_POSSESSOR.search(text, max(0, run[0].start - 6), run[0].start):
            return True
        if run[-1].shape == "initial" and text[end : end + 1].isdigit():
            return True  # "Dyson V15": the model's letter was read as an initial
        model = _MODEL_CODE.match(text, end)
        if model and not _POSTCODE_TAIL.match(text, model.end()):
            return True
    return _head_noun_follows(text, end, lex)


Things = frozenset[tuple[str, ...]]
_LISTED_BEFORE = re.compile(r"([^\W\d_]+)(?:,| and| &| or) $")
_LISTED_AFTER = re.compile(r"(?:,| and| &| or) ([^\W\d_]+)")
_LIST_HEADS = (", ", " and ", " & ", " or ")
_LIST_TAILS = (*_LIST_HEADS, *(head + "\n" for head in _LIST_HEADS))  # "$" before a last "\n"


def _note_thing(found: set[tuple[str, ...]], text: str, run: list[Token], lex: Lexicon) -> None:
    """Remember a run the document uses as a thing ("the Dyson", "Tena pants are low", a cell
    under "Product"), as a tuple of keys, so that its other mentions ("Dyson's filter", "Tena's
    new range") are the same thing unless a person's cue says otherwise."""
    if run[0].shape not in ("cap", "upper"):
        return
    keys = tuple(t.key for t in run)
    head = _head_noun(text, run[-1].end)
    if head in _KIN_AND_CARE or head in _ROLE_WORDS or head in CUSTOMER_WORDS:
        return  # "the Okafor family", "the Kowalski twins": people
    if head:
        found.add((*keys, "+" + head))  # "Henry hoover" wherever it is written
    share = lex.first.get(keys[0], 0.0)
    if len(keys) == 1 and share >= 1e-4:
        return  # "the Will of the people": too common a first name to follow
    found.add(keys)
    if len(keys) >= 3:
        found.add(keys[:-1])  # the make of "Alexander Dennis Enviro400" alone
    if share < 1e-4:
        found.add(keys[:1])  # "Dyson" after "Dyson V15", not "Paul" after "Paul Mitchell"


def _with_listed(
    text: str, runs: list[list[Token]], found: set[tuple[str, ...]], lex: Lexicon
) -> None:
    """Add the brands listed beside a thing ("Wella, Olaplex, Redken and Kerastase": one
    listed thing makes them all)."""
    singles = {k[0] for k in found if len(k) == 1}
    # (the run's keys, the word before it, the word after it) for runs in a list
    listed: list[tuple[tuple[str, ...], str, str]] = []
    for run in runs:
        start, end = run[0].start, run[-1].end
        # What the two patterns need next to the run, tested first (most runs are in no list).
        before = text.endswith(_LIST_TAILS, max(0, start - 30), start)
        after = text.startswith(_LIST_HEADS, end, end + 30)
        if not (before or after):
            continue
        if len(run) > 3 or any(t.shape != "cap" for t in run):
            continue
        if lex.first.get(run[0].key, 0.0) >= 1e-4 or (len(run) > 1 and _has_common_name(run, lex)):
            continue
        left = _LISTED_BEFORE.search(text[max(0, start - 30) : start]) if before else None
        right = _LISTED_AFTER.match(text, end, end + 30) if after else None
        if left or right:
            listed.append(
                (
                    tuple(t.key for t in run),
                    fold(left.group(1)) if left else "",
                    fold(right.group(1)) if right else "",
                )
            )
    grew = True
    while grew:  # "Repeat for Vileda Pro and Paracetamol 500mg"
        grew = False
        for keys, left_key, right_key in listed:
            if keys not in found and (left_key in singles or right_key in singles):
                found.add(keys)
                if len(keys) == 1:
                    singles.add(keys[0])
                grew = True


def _used_as_thing(text: str, run: list[Token], things: Things) -> bool:
    """True when a run judged a person is one the document uses as a thing and nothing here
    says person: no title, label, lead-in or signature before it, no action or "who" after."""
    if not _is_thing(text, run, things):
        return False
    start, end = run[0].start, run[-1].end
    if strong_context(text, start) in ("title", "signature", "label", "lead-in"):
        return False
    after = _followed_by(text, end)
    return (
        after not in _ACTION_VERBS
        and not _will_act(text, end, after)
        and not _who_follows(text, end)
    )


def _is_thing(text: str, run: list[Token], things: Things) -> bool:
    """True when the document uses this run (or this run before this noun) as a thing."""
    if not things:
        return False
    keys = (run[0].key,) if len(run) == 1 else tuple([t.key for t in run])
    if keys in things:
        return True
    if keys not in _headed(things):
        return False  # no thing of these words comes with a noun: no noun to look for
    head = _head_noun(text, run[-1].end)
    return bool(head) and (*keys, "+" + head) in things


@lru_cache(maxsize=8)
def _headed(things: Things) -> frozenset[tuple[str, ...]]:
    """The runs the document uses as things before a noun ("Henry" of "Henry" + "hoover")."""
    return frozenset(k[:-1] for k in things if k[-1][:1] == "+")


ListedJudge = Callable[[str, list[Token], Lexicon], bool]
"""Says a run is a listed brand, organisation or place with no person's cue
(``gazetteer.keeps``, passed in by ``detect``: it reads this module's context)."""


def _judge(
    text: str,
    run: list[Token],
    lines: _Lines,
    lex: Lexicon,
    things: set[tuple[str, ...]] | None = None,
    listed: ListedJudge | None = None,
) -> tuple[int, int] | None:
    """The part of ``run`` that is a person's name, as a span, or None.

    A run ruled a thing (a product, a make) is added to ``things`` when it is given."""
    run = _trim_particles(run)
    for token in run:
        if token.shape != "initial":
            break
    else:
        return None  # nothing left, or initials only
    if _titled_make(text, run, lex) or _titled_character(text, run, lex):
        return None  # "Dr Martens boots", "Mr Kipling cakes", "Mr Tumble": named like a person
    if (
        ends_in_goods([t.text for t in run], lex) or sold_as_goods(text, run[0].start, run[-1].end)
    ) and strong_context(text, run[0].start) in (None, "title"):
        return None  # "Mr Brambly Apple Pies", "a pack of Mr Brambly", "Martha Grey®": goods
    if listed is not None and listed(text, run, lex):
        return None  # "Sue Ryder", "Marks & Spencer", "drove to Chester": ``gazetteer.keeps``
    if len(run) > 1 and run[0].key in TITLES and run[0].shape == "cap":
        # "Nurse Okoro reset it": a title opening the run, then name words.
        rest = run[1:]
        if (
            all(
                t.shape == "cap"
                and (zipf(t.text) < COMMON or (lex.is_name(t.text) and zipf(t.text) < 4.0))
                and t.key not in lex.ordinary
                for t in rest
            )
            and _followed_by(text, rest[-1].end) not in _ORG_WORDS
            and not _is_fixed_phrase(text, run, lex)
        ):  # not "Lady Grey tea", "Lord Street car park", "Sister Act"
            return rest[0].start, rest[-1].end
    start, end = run[0].start, run[-1].end
    after = _followed_by(text, end)
    if _is_fixed_phrase(text, run, lex) and not _acts_as_person(text, end, after):
        return None  # "Jo Malone is on the shelf"; "Jo Malone will cover the late shift" goes
    before = _preceded_by(text, start)
    context = strong_context(text, start)
    if context is None and _after_thing_label(text, start) and not _acts(text, end):
        return None  # "Brand: Russell Hobbs", "Venue:\nFlorence Hall"
    if (
        len(run) > 1
        and context is None
        and (
            run[-1].key in DISH_KINDS
            or run[0].key in DISH_FOODS
            or (len(run) > 2 and run[1].key in DISH_FOODS)
        )
        and _names_a_dish(run, lex)
    ):
        return None  # "Omelette Arnold Bennett", "Sole Véronique", "Jenny Lind Pudding"
    if len(run) > 1 and run[0].key in _SAINTS and run[0].shape != "lower" and context != "title":
        return None  # "St Aidan's Primary", "ST MARY'S": a church, a school, a place
    if _job_title_run(run, lex):
        return None  # "(Assistant Buyer)", "Deputy Manager": a job, not a person
    if context != "title" and _numbered_place(text, run):
        return None  # "transferred to Ward 12", "Kind regards, Ward 7"
    if context is None and (
        (
            after not in _PERSON_VERBS
            and not _who_follows(text, end)
            and owned_by_a_make(text, start, [t.text for t in run], lex)
        )
        or versioned_system(text, start, end)
        or (
            run[-1].possessive
            and len(run) == 1
            and product_line_after(text, start, run[-1].end, lex, run[-1].text)
        )
    ):
        return None  # "Tollard's Buddy", "into Iris 21", "Tollard's Classic chutney"
    if context != "title" and (
        _firm_of_two(text, run, lex)
        or _storybook(text, run)
        or _possessive_is_its_own_name(text, run, lex)
        or _plural_verb_follows(text, run, before)
        or _locality(text, run)
    ):
        return None  # "Kellogg's planogram", "Matthew Clark are delivering", ", Roundhay, LS8"
    if context is None and (
        _possessive_names_thing(text, run, lines, lex)
        or _plural_follows(text, run, before, lex)
        or _eponym(text, run, lex)
    ):
        if things is not None:
            _note_thing(things, text, run, lex)
        return None  # "Lily's Kitchen tins", "Stanley knives", "Marie Curie nurse visiting"
    organisation = (
        (after in _ORG_WORDS or _team_follows(text, end) or _team_ends(text, run))
        and not run[-1].possessive
        and context != "signature"
        and _word_after(text, end, 2) not in _ROLE_WORDS  # "Jane Smith, Store Manager"
    )
    owned = (
        before in _OWNERS
        and run[-1].shape == "cap"
        and not run[-1].possessive
        and not _has_common_name(run, lex)  # "told her Jane Smith would ring"
    )
    if (
        (before in _PLACE_BEFORE and not _named_after_preposition(text, run, before, lex))
        or before in _DETERMINERS
        or owned
    ) and context != "title":
        # Not remembered as a thing: "the Nowak account" does not make "Nowak's refund" one.
        return None  # "in Devon", "the Milton sterilising fluid", "the Bill of quantities"
    if context != "title" and not run[-1].possessive:
        if before in _PRODUCT_VERBS or (len(run) > 1 and run[0].key in _PRODUCT_VERBS):
            if before in _PRODUCT_VERBS and things is not None and context != "signature":
                _note_thing(things, text, run, lex)
            return None  # "apply Deb Stoko cream", "Spray Sanex Pro on the rails"
        if before in _ON_PLACE and run[-1].key in _ORG_WORDS and len(run) > 1:
            return None  # "rank on Victoria Square", "the site off Hope Street"
    if (
        context not in ("title", "signature")
        and _thing_evidence(text, run, before, lex)
        and not _possessors_person(text, run[0].start, end, after)
    ):
        if things is not None:
            _note_thing(things, text, run, lex)
        return None  # "three Dell laptops", "Dyson V15", "Nicky Clarke dryer is broken"
    if (
        context is None
        and not run[-1].possessive
        and before not in _GIVING
        and eponym_noun_after(text, run[-1].end)
    ):
        return None  # "the 10mm Allen key", "Robert Jones bandage for 48 h": named after
    if (
        context is None
        and not run[-1].possessive
        and before not in _GIVING
        and after in DISH_KINDS
        and dish_kind_after(text, run[-1].end)
        and (after.endswith("s") or not _all_common_names(run, lex))
    ):
        # Not "Doris Evans soup at 12" (common names, one dish: what she had, in a care
        # note written without the apostrophe).
        return None  # "Jenny Lind pudding on the trolley", "Sally Lunn buns": a dish
    if (
        context is None
        and len(run) == 1
        and text[end : end + 1] in "'’"
        and concept_after(text, end, run[0].key, lex)
    ):
        return None  # "Tuckman's stages", "Murphy's law": an idea named after its author
    if context is None and _make_before_goods(text, run, before, lex):
        return None  # "Alan Titchmarsh range on bay 2", "Hartley's jelly pots"
    facts = [_evidence(t, lex) for t in run]
    if run[-1].shape == "initial" and all(
        t.shape == "initial" or t.key in PARTICLES for t in run[:-1]
    ):
        return None
    if context == "title":
        return start, end
    if organisation:
        return None
    if _caps_heading_name(text, run, lines, lex) or _caps_heading_surname(text, run, lex):
        return start, end  # "WEEKLY ROTA – HOLLY BAKER", "HANDOVER FOR PERSSON"
    uninformative = sentence_start(text, start) or lines.heading(start)
    if context in ("label", "lead-in", "signature"):
        # A department ("passed to Facilities", "From: Head Office") is made of common words.
        if (
            _department(run, facts, lex)
            or _ends_in_a_head(run, lex)
            or _ends_in_a_word(text, run, lex)
        ):
            return None  # also "Kind regards, Bassetlaw Hospital", "thanks to Kirklees Council"
        return start, end
    if len(run) == 1:
        return _judge_single(text, run[0], facts[0], uninformative, context, before, after, lex)
    return _judge_multi(text, run, facts, uninformative, context, after, lex)


def _names_a_dish(run: list[Token], lex: Lexicon) -> bool:
    """True when a food word before the last word of the run ("Omelette Arnold Bennett",
    "Serve Sole Véronique") or a kind of dish ending it ("Arnold Bennett Omelette") says the
    run is a dish named after someone (``dishes``). Only where nothing before the run says
    it is a person ("Signed: Thomas Bread")."""
    last = run[-1]
    if last.key in DISH_KINDS and ends_with_dish(last.text, last.key, lex):
        return True
    return any(t.key in DISH_FOODS and opens_with_food(t.text, t.key, lex) for t in run[:-1])


def _make_before_goods(text: str, run: list[Token], before: str, lex: Lexicon) -> bool:
    """True when a goods noun follows the run ("Alan Titchmarsh range", "Morphy Richards
    toaster", "Hartley's jelly"): the run is the make. A possessive counts only on a word
    that is no common first name ("Hartley's jelly"; "Jacob's crackers" stays doubtful, as
    "Jacob's sandwiches" is his, unless a list of makes named like people holds it: see
    ``makes.among_makes``). Not after a verb that gives a person something ("give Jane
    gloves"). Nothing is remembered as a thing, so a person of these words found elsewhere
    in the document is still taken out here by propagation."""
    last = run[-1]
    if last.shape != "cap" or before in _GIVING:
        return False
    noun = product_noun_after(text, last.end, lex)
    if not noun:
        return False
    if last.possessive and (len(run) > 1 or lex.first.get(last.key, 0.0) >= 1e-4):
        # "Tom's crackers" beside another make named like a person in a list of goods
        # ("Mr Brambly Apple Pies and Tom's crackers"); alone, his.
        return (
            len(run) == 1 and noun.endswith("s") and among_makes(text, run[0].start, last.end, lex)
        )
    if noun in PRODUCE_NOUNS and len(run) > 1 and _all_common_names(run, lex):
        return False  # "Jane Smith apples are in her room": a variety has a rarer name
    return last.possessive or noun.endswith("s") or not _all_common_names(run, lex)


_PERSON_PREPOSITIONS = frozenset({"of", "at", "in"})


_AT_A_PERSON = {
    "at": frozenset(
        _split(
            "shouted shouting shouts swore swearing swears yelled yelling screamed screaming"
            " snapped snapping smiled smiling laughed laughing waved waving stared staring"
            " glared glaring lunged lunging spat spitting grinned winked"
        )
    ),
    "in": frozenset(_split("confided confiding confide confides")),
    "of": frozenset(
        _split(
            "mother father son daughter wife husband sister brother friend carer parents"
            " nephew niece grandson granddaughter widow widower proud fond afraid scared"
            " jealous"
        )
    ),
}
"""Words before "at", "in" or "of" whose object is a person, never a place: one shouts at,
swears at, smiles at a person ("at" a place is where one is), confides in a person, is the
mother of or proud of a person."""


def _named_after_preposition(text: str, run: list[Token], before: str, lex: Lexicon) -> bool:
    """True for a listed first name then a listed surname after "of", "at" or "in" ("a photo
    of Sarah Jones", "shouted at Tom Hughes", "confided in Priya Shah"): the prepositions of
    places ("in Devon") are as much a person's, and the places and firms written as a first
    name and a surname ("in Milton Keynes", "at Leighton Buzzard", "at Sue Ryder") are the
    gazetteer's, judged before this. A lone word keeps the old reading ("in Chelsea", "stayed
    at Ashley") unless it is a listed first name after a word whose object is a person
    (``_AT_A_PERSON``: "swore at Lena", "confided in Edward", "the mother of Selina"), and the
    later rules still keep goods ("a jar of Jamie Oliver pesto")."""
    if before not in _PERSON_PREPOSITIONS or not all(t.shape == "cap" for t in run):
        return False
    if len(run) >= 2:
        return run[0].key in lex.first and run[-1].key in lex.surnames
    if run[0].key not in lex.first and not (
        run[0].key in lex.surnames and run[0].key not in lex.ordinary
    ):
        return False
    words = _WORD.findall(text[max(0, run[0].start - 30) : run[0].start].lower())
    return len(words) >= 2 and (
        words[-2] in _AT_A_PERSON[before] or _pictured_or_changed(text, run, before, words[-2])
    )


_PICTURES = frozenset(
    _split(
        "photo photos picture pictures photograph photographs portrait portraits drawing"
        " drawings painting paintings selfie selfies video videos snap snaps"
    )
)
_CHANGES = frozenset(_split("change changes improvement deterioration decline difference"))
_AFTER_PICTURED = frozenset(
    _split("at in on with and is was from taken when during before after by for holding")
)


def aimed_at_a_person(text: str, start: int, before: str) -> bool:
    """True when "at", "in" or "of" (``before``) just before ``start`` follows a word whose
    object is a person (``_AT_A_PERSON``: "shouted at", "confided in", "the mother of"):
    what follows is no place, whatever it is also called ("Shouted at Hinton", read by the
    gazetteer too)."""
    aimed = _AT_A_PERSON.get(before)
    if aimed is None:
        return False
    words = _WORD.findall(text[max(0, start - 30) : start].lower())
    return len(words) >= 2 and words[-1] == before and words[-2] in aimed


def _pictured_or_changed(text: str, run: list[Token], before: str, word: str) -> bool:
    """True for a lone listed first name in "a photo of X" or "a change in X" when no
    lower-case noun follows it ("Took a photo of Selina at the party", "A picture of Selina
    is on the wall", "Saw a change in Selina this week"): the gazetteer has judged the listed
    places before (a photo of a town it lists with a word that says so stays); a first name
    there is a person, as a care or retail note photographs and observes people. "A photo of
    Florence cathedral" (a noun after it) keeps the old reading of a place. Trade: a place
    on no list that is also a first name, photographed with nothing after it ("a photo of
    Chelsea."), is taken out; a person left in is the worse failure."""
    if not ((before == "of" and word in _PICTURES) or (before == "in" and word in _CHANGES)):
        return False
    end = run[-1].end
    following = _FOLLOWING_WORD.match(text, end, end + 30)
    if following is None or text[end : following.start(1)].strip(" \t"):
        return True  # punctuation or the end after the name
    word_after = following.group(1)
    return (
        word_after in _AFTER_PICTURED
        or word_after.endswith("ing")
        or word_after in _DAYS
        or word_after in ("this", "last", "today", "recently", "since", "over")
    )


def _all_common_names(run: list[Token], lex: Lexicon) -> bool:
    """True when every word of the run is a common first name or surname ("Chloe Evans"):
    such a run before a goods noun in the singular is a person with what they have ("Chloe
    Evans juice spilt"); a make has a word no family is called ("Titchmarsh", "Morphy")."""
    return all(
        lex.first.get(t.key, 0.0) >= 5e-5 or lex.surnames.get(t.key, 0.0) >= 1e-4 for t in run
    )


def _titled_make(text: str, run: list[Token], lex: Lexicon) -> bool:
    """True for a title and one word before a goods noun in the plural ("Dr Martens boots",
    "Mr Kipling cakes", "Dr Oetker pizzas"): makes named as a person, where a person with a title is
    followed by a verb or their role. Nothing is remembered as a thing: a "Mr Kipling" met
    elsewhere as a person is still taken out here by propagation."""
    word = run[-1]
    if len(run) > 2 or word.shape != "cap" or word.possessive:
        return False
    if len(run) == 2 and run[0].key not in TITLES:
        return False
    noun = product_noun_after(text, word.end, lex)
    if not (noun.endswith("s") or noun == "range"):
        return False  # "Mr Hartley jelly was refused": what a person with a title has
    if len(run) == 2:
        if run[0].key not in TITLES or run[0].shape != "cap":
            return False
    elif strong_context(text, word.start) != "title":
        return False
    title = text.rfind(" ", 0, word.start - 1) + 1  # the title's start, before the word
    return _preceded_by(text, title) not in _GIVING


_RANKS = frozenset(
    _split("assistant senior junior deputy head trainee chief principal acting lead relief")
)


def _job_title_run(run: list[Token], lex: Lexicon) -> bool:
    """True for a rank and then common English words that are no common first name
    ("Assistant Buyer", "Senior Porter", "Deputy Warden"): a job title, where "Buyer" or
    "Porter" alone would read as a surname. "Assistant Okafor" ends in a rare word."""
    if len(run) < 2 or run[0].key not in _RANKS or run[0].shape != "cap":
        return False
    return all(
        not t.possessive and zipf(t.text) >= COMMON and lex.first.get(t.key, 0.0) < 1e-4
        for t in run[1:]
    )


_AMPERSAND_AFTER = re.compile(r" & ([A-Z][a-z]+)\b(?!['’])")
_AMPERSAND_BEFORE = re.compile(r"\b([A-Z][a-z]+) & $")


def _firm_of_two(text: str, run: list[Token], lex: Lexicon) -> bool:
    """True for a first name and a word that is no first name joined by "&" ("Lea & Perrins",
    "Marks & Spencer"): firms are named so; two people are written as two first names ("Tom &
    Amy") or as two full names, and nobody writes a person as "Jane & Smith"."""
    if len(run) != 1 or run[0].possessive:
        return False
    token = run[0]
    after = _AMPERSAND_AFTER.match(text, token.end, token.end + 24)
    if after is not None:
        first, other = token.text, after.group(1)
    else:
        before = _AMPERSAND_BEFORE.search(text, max(0, token.start - 24), token.start)
        if before is None:
            return False
        first, other = before.group(1), token.text
    return (
        lex.first.get(fold(first), 0.0) > 0.0
        and lex.first.get(fold(other), 0.0) == 0.0
        and fold(other) not in TITLES
    )


_EPITHET_THE = re.compile(r" the [A-Z][a-z]+\b")


def _storybook(text: str, run: list[Token]) -> bool:
    """True for the names of rhymes, stories and characters: a run opened by "Old" or "Little"
    ("Old MacDonald", "Little Bo Peep", "Old King Cole") or followed by "the" and a
    capitalised epithet ("Winnie the Pooh", "Bob the Builder"). Colleagues are not written
    so; "Tom Little" and "Rob Old" end with the word, and "Jane the Manager" is not written."""
    if len(run) > 1 and run[0].text in ("Old", "Little") and not run[0].possessive:
        return True
    last = run[-1]
    return (
        not last.possessive
        and text.startswith(" the ", last.end)
        and _EPITHET_THE.match(text, last.end, last.end + 20) is not None
    )


_OWNS_NOTHING = re.compile(r"['’]s[ \t]*(?:$|[.,;:!?|)\n]|(?:for|to|are|were|have)\b)")


def _possessive_is_its_own_name(text: str, run: list[Token], lex: Lexicon) -> bool:
    """True for a possessive English text writes about as often as the word itself
    ("Kellogg's", "Sainsbury's", "Parkinson's", "Alzheimer's"): a shop, a brand or a disease
    whose name is the possessive. A person's possessive is far rarer than their name ("John's"
    1.6 below "John", "Okafor's" unknown). So is a possessive that owns nothing, of a word on
    no name list."""
    token = run[-1]
    if not token.possessive or token.shape != "cap":
        return False
    if any(lex.is_name(t.text) for t in run[:-1]):
        return False  # "Jane Parkinson's": a person; "Update Kellogg's" opens a sentence
    owned = zipf(token.text + "'s")  # the token's text is the word without its "'s"
    if owned >= 2.0 and owned >= zipf(token.text) - 0.6:
        return True
    # A possessive owning nothing, of a word no name list has: a shop or a maker ("ask
    # Tunnock's for a promo", "Counter-offer to McVitie's |"); "Oluwadamilare's shift" owns.
    return (
        len(run) == 1
        and not lex.is_name(token.text)
        and _OWNS_NOTHING.match(text, token.end, token.end + 12) is not None
    )


_PLURAL_VERB = re.compile(r"[ \t]+(?:are|were|have|supply|deliver|stock)\b")


def _plural_verb_follows(text: str, run: list[Token], before: str) -> bool:
    """True when a plural verb follows a run that is not part of a list of people ("Matthew
    Clark are delivering", "McVitie's are taking"): a firm, spoken of as the people in it.
    One person takes "is"; "Tom and Jane Smith are" has "and" before the run."""
    joined = text[max(0, run[0].start - 2) : run[0].start].strip()
    if before in ("and", "&") or joined in (",", "&"):
        return False
    if run[-1].shape != "cap":
        return False
    return _PLURAL_VERB.match(text, run[-1].end, run[-1].end + 12) is not None


_STREET_BEFORE = re.compile(
    r"\b(?:Street|St|Road|Rd|Lane|Avenue|Close|Drive|Way|Crescent|Court|Place|Grove|Gardens"
    r"|Terrace|Hill|Row|Walk|Mews|View|Rise|Parade|Green|Square)[ \t]*,[ \t]*$"
)


def _locality(text: str, run: list[Token]) -> bool:
    """True for a run written after a street and a comma in an address ("27 Alma Terrace,
    Roundhay, LS8 2EQ", "14 Wheatfield Close, Didsbury, Manchester"): a district or town.
    The address and postcode are taken out as they are; the district names nobody."""
    start = run[0].start
    if not text[max(0, start - 12) : start].rstrip(" \t").endswith(","):
        return False  # most runs: no comma just before, no address
    return _STREET_BEFORE.search(text, max(0, start - 20), start) is not None


_TEAM = re.compile(
    r"[ \t]+(?:Team|Teams|Department|Dept|Desk|Helpdesk|Office|Hub|Section|Division"
    r"|Directorate|Pod|Squad|Crew"
    # trades a firm is named by ("Dick White Referrals", "Hartley Electrical")
    r"|Referrals|Solutions|Consulting|Logistics|Distribution|Supplies|Foods|Systems"
    r"|Electrical|Plumbing|Motors|Garage|Builders|Contractors|Associates|Partners|Vets"
    r"|Veterinary|Dental|Opticians|Solicitors|Accountants|Recruitment|Catering|Haulage"
    r"|Wholesale|Brewery|Engineering|Developments|Holdings|Enterprises|Industries|Roofing"
    r"|Joinery|Scaffolding|Interiors|Landscaping|Removals|Coaches|Taxis|Laboratories"
    r"|Butchers|Florists|Barbers|Pharma)\b"
)


def _team_follows(text: str, end: int) -> bool:
    """True when a capitalised team or trade noun follows the run ("Willow Team", "Iris Team
    for review", "Dick White Referrals", "Hartley Electrical"): units are named after flowers,
    trees and people, firms after their founders, and the run names the team or the firm.
    "Team Leader", "Office Manager" after a name are the person's role, which the caller
    checks with the word after."""
    return _TEAM.match(text, end, end + 16) is not None


def _titled_character(text: str, run: list[Token], lex: Lexicon) -> bool:
    """True for a title and one word that is common in English text (Zipf 3 or more) but on
    no name list ("Mr Tumble", "Mr Men", "Mr Muscle"): a brand or a character. A family name
    on no list is rarer in English text ("Ms Rehman" 2.65, "Mrs Nkemelu"), and a common one
    is on the lists ("Mr Baker", "Mrs Rose"). A label or lead-in before the title
    keeps the person ("Attendee: Mr Kipling")."""
    word = run[-1]
    if len(run) > 2 or word.possessive or word.shape != "cap":
        return False
    named = lex.is_name(word.text)
    if named and not (word.key in lex.ordinary and _character_word(word, lex)):
        return False  # decided before ``zipf``, a search, as most runs here are names
    if zipf(word.text) < COMMON:
        return False
    if len(run) == 2:
        if run[0].key not in TITLES or run[0].shape != "cap":
            return False
        title = run[0].start
    elif strong_context(text, word.start) == "title":
        title = text.rfind(" ", 0, word.start - 1) + 1
    else:
        return False
    if named and _person_follows(text, word):
        return False
    return strong_context(text, title) is None  # "Attendee: Mr Kipling" is a person


_RARE_SURNAME = 3e-5


def _character_word(word: Token, lex: Lexicon) -> bool:
    """True for an ordinary English word that is on the surname list only as a rare family
    name and no first name ("Tickle", "Bump": 1-2 in 100,000 people; "Baker", "Rose",
    "Strong" are common enough to be people): after a title, a character ("Mr Tickle")
    unless ``_person_follows``."""
    key = word.key
    return (
        key in lex.ordinary and key not in lex.first and lex.surnames.get(key, 0.0) < _RARE_SURNAME
    )


def _person_follows(text: str, word: Token) -> bool:
    """True when a person's verb follows ``word`` ("Mr Tickle rang"), or "and" with another
    name ("Mr Tickle and Mrs Okafor"; not "Mr Tickle and the Mr Men books")."""
    after = _followed_by(text, word.end)
    if after in ("and", "&"):
        return _word_after(text, word.end, 2) not in _DETERMINERS
    return after in _PERSON_VERBS or _who_follows(text, word.end)


def _team_ends(text: str, run: list[Token]) -> bool:
    """True when the run's own last word is a team or trade noun after a name ("Dick White
    Referrals", "Fitzpatrick Referrals"): the noun was read as part of the run."""
    return len(run) > 1 and _TEAM.match(text, run[-2].end, run[-1].end + 1) is not None


_SAINTS = frozenset({"st", "saint", "royal"})
"""Words opening the name of a church, school or place ("St Aidan's Primary"), or of an
institution or brand ("Royal Canin", "Royal Mail"): no person's name opens so."""
_CAPITAL_AFTER = re.compile(r"['’][sS][ \t]([A-Z][a-z]{2,})\b")


def _possessive_names_thing(text: str, run: list[Token], lines: _Lines, lex: Lexicon) -> bool:
    """True when a possessive is followed, outside a heading, by a capitalised noun that
    names laws, businesses and places ("Lily's Kitchen tins", "Natasha's Law labels"), where
    a person's possessive is followed by what they have ("Declan's theatre notes", "Tobias's
    Dell") or their people ("Rowan's Brother", "Amy's Team Leader")."""
    last = run[-1]
    if not last.possessive or last.shape != "cap":
        return False
    match = _CAPITAL_AFTER.match(text, last.end, last.end + 30)
    if match is None or lines.heading(run[0].start):
        return False
    named = match.group(1).lower()
    if named in _NAMED_AFTER:
        return True
    # A goods noun capitalised as part of the name ("Henderson's Relish", "Tollard's Pies"):
    # a person's things are written in lower case ("Tom's pies").
    return named in PRODUCT_NOUNS and not _name_list_word(named, lex)


def _name_list_word(word: str, lex: Lexicon) -> bool:
    """True for a word given as a first name or surname at least now and then ("Cherry",
    "Sprout" is not)."""
    return lex.first.get(word, 0.0) >= 3e-5 or lex.surnames.get(word, 0.0) >= 3e-5


_NAMED_AFTER = frozenset(
    _split(
        "law rule kitchen kitchens bakery pantry larder dairy farm cottage diner deli grill"
        " bistro brasserie cafe café restaurant bar pub inn arms hospital hospice school"
        " college church chapel trust fund appeal centre"
    )
)
"""Nouns that make a possessive a name of a law, a business or a place ("Natasha's Law",
"Lily's Kitchen", "Guy's Hospital"); a person's possessive before a brand ("Tobias's Dell",
"Jane's Apple laptop") or their room stays a person's."""


_PLURAL = re.compile(r" ([a-z]{3,}s)\b")
_NOT_PLURAL_THINGS = frozenset(
    _split(
        "days nights lates earlies weekends mornings afternoons evenings hours shifts weeks"
        " months years times thanks regards wishes apologies congratulations cheers its has"
        " was does this his hers yours ours theirs always perhaps sometimes unless besides"
        " towards afterwards upstairs downstairs minutes notes"
    )
)
"""Plurals after a name that are no thing it makes: rota shorthand ("Amy nights"), closings."""
_AFTER_PLURAL = frozenset(
    _split(
        "only and or are were have had need must should will can go in on at for from with"
        " into by to under over"
    )
)
"""Words after "Name nouns" that close the noun phrase ("Stanley knives only", "... to the bay")."""
_GIVING = frozenset(
    _split(
        "give gave given giving hand handed send sent show showed lend lent pass passed offer"
        " offered get got bring brought buy bought order ordered tell told ask asked teach"
        " taught let lets make made"
    )
)
"""Verbs that take a person and then a thing ("Give Jane gloves")."""


def _verb_use(word: str) -> float:
    """How common the verb forms of a plural's stem are ("knifed" 2.4 for "knives",
    "seemed" 4.7 for "seems"): a word whose -ed and -ing forms are rare is a noun."""
    stems = {word[:-1]}
    if word.endswith("es"):
        stems.add(word[:-2])
    if word.endswith("ies"):
        stems.add(word[:-3] + "y")
    if word.endswith("ves"):
        stems.update((word[:-3] + "f", word[:-3] + "fe"))
    forms: set[str] = set()
    for stem in stems:
        forms.update((stem + "ed", stem + "ing", stem + "d", stem + stem[-1:] + "ed"))
        if stem.endswith("e"):
            forms.add(stem[:-1] + "ing")
        if stem.endswith("y"):
            forms.add(stem[:-1] + "ied")
    return max(zipf(form) for form in forms)


def _plural_follows(text: str, run: list[Token], before: str, lex: Lexicon) -> bool:
    """True when a plural noun follows the run and closes its phrase ("Stanley knives only",
    "Russell Hobbs kettles, ...", "David Austin roses by the gate"): the run is the make.
    A person is followed by a verb ("Stanley works in the kitchen"), told apart from a noun
    by how rare its -ed and -ing forms are ("knifed" against "seemed")."""
    last = run[-1]
    if last.shape != "cap" or last.possessive or before in _GIVING:
        return False
    match = _PLURAL.match(text, last.end, last.end + 40)
    if match is None:
        return False
    word = match.group(1)
    if (
        word in _NOT_PLURAL_THINGS
        or word in _NOT_HEADS
        or word in _AUXILIARIES
        or word in _PERSON_VERBS
        or word in _ACTION_VERBS
        or word in _KIN_AND_CARE
        or word[:-1] in _ROLE_WORDS
        or word[:-1] in CUSTOMER_WORDS
        or word in lex.not_names
        or word.endswith(("ss", "ous", "us", "is"))
    ):
        return False
    rest = text[match.end() : match.end() + 20].lstrip(" \t")
    if rest and rest[0].isalpha():
        following = _WORD.match(rest)
        if following is None or following.group().lower() not in _AFTER_PLURAL:
            return False
    elif rest and rest[0] not in ".,;:!?)]\r\n":
        return False
    common = zipf(word)
    if common < 2.0:
        return word.endswith("ers") and word not in lex.any_name  # "Stihl strimmers"
    return common - _verb_use(word) >= 1.0


def _eponym(text: str, run: list[Token], lex: Lexicon) -> bool:
    """True for a first name and a word on no name list that English text knows (Zipf 2.5 to
    3: a famous name, not a family's) before a noun: a charity, a prize or a product named
    after someone ("Marie Curie nurse", "Marie Curie daffodil pins")."""
    if len(run) != 2:
        return False
    first, last = run
    if first.shape != "cap" or last.shape != "cap" or last.possessive:
        return False
    key = last.key
    if first.key not in lex.first or key in lex.first or key in lex.surnames:
        return False
    if key in lex.ordinary or not 2.5 <= zipf(last.text) < COMMON:
        return False
    head = _head_noun(text, last.end)
    return not (
        not head
        or head in _NOT_HEADS
        or head in _PERSON_VERBS
        or head in _ACTION_VERBS
        or head in _AUXILIARIES
        or head.endswith(("ed", "ing", "ly"))
        or zipf(head) < 2.5
    )


_HEADING_SEPARATORS = "–—-:|/"


def _caps_heading_name(text: str, run: list[Token], lines: _Lines, lex: Lexicon) -> bool:
    """True for a first name and a surname in capitals that fill one part of a heading in
    capitals ("WEEKLY ROTA – HOLLY BAKER", "MARGARET PEMBROKE – SUPERVISION"). Words that are
    also ordinary words must both be common as names ("HOLLY BAKER"; not "WILL POWER", "ROSE
    HILL", "HAZEL GROVE DEPOT")."""
    if len(run) != 2 or run[0].shape != "upper" or run[1].shape != "upper":
        return False
    first, last = run
    if last.possessive or not lines.caps(first.start):
        return False
    line_start = text.rfind("\n", 0, first.start) + 1
    before = text[line_start : first.start].rstrip(" \t")
    if before.strip("#* \t") and before[-1] not in _HEADING_SEPARATORS:
        return False
    after = text[last.end : last.end + 4].lstrip(" \t")
    if after and after[0] not in "\r\n" + _HEADING_SEPARATORS:
        return False
    if (
        first.key in _MONTHS
        or first.key in _DAYS
        or last.key in _ORG_WORDS
        or first.key in lex.not_names
        or last.key in lex.not_names
    ):
        return False
    share = lex.first.get(first.key, 0.0)
    if first.key in lex.ordinary or last.key in lex.ordinary:
        return (
            share > 1e-4
            and lex.surnames.get(last.key, 0.0) >= 1e-4
            and lex.first.get(last.key, 0.0) < share
        )
    return share >= 5e-5


_HEADING_FOR = re.compile(
    r"\b(?:HANDOVER|REPORT|SUPERVISION|APPRAISAL|OBSERVATION|STATEMENT|NOTES|ASSESSMENT"
    r"|FEEDBACK|PROFILE|CARE[ \t]+PLAN|ONE[ -]TO[ -]ONE|1:1|INDUCTION)[ \t]*(?:FOR|[–—:-])"
    r"[ \t]+$"
)
_HEADING_ENDS = re.compile(r"[ \t]*(?:$|[\r\n.,;:!?)|]|[A-Z]?[a-z\d])")


def _caps_heading_surname(text: str, run: list[Token], lex: Lexicon) -> bool:
    """True for a surname alone in capitals that ends a heading in capitals after "FOR" or a
    separator, when the heading is a record kept about a person (``_HEADING_FOR``: "HANDOVER
    FOR PERSSON", "SUPERVISION – PERSSON", "INCIDENT REPORT: PERSSON"; not "STOCK CHECK –",
    "ACCOUNT REVIEW –", "ORDER FOR", which name goods and firms): the part after names whom
    the record is about, and capitals hide the case that would tell a name from a word, so
    only a surname English text barely uses otherwise (Zipf under 3, or under 4 for a real
    surname of share 1e-4 or more: HERNANDEZ, LARSSON), no ordinary word, not a known proper
    noun (a town or a brand the gazetteer keeps is judged before), of four letters or more,
    and ending the heading (the line, or text not in capitals, follows). Kept: "STOCK CHECK –
    BISSELL", "ALLERGENS – BOLOGNESE", "HANDOVER FOR WARD 3"."""
    if len(run) != 1:
        return False
    token = run[0]
    key = token.key
    if token.shape != "upper" or len(key) < 4 or token.possessive:
        return False
    if key not in lex.surnames or key in lex.ordinary or key in lex.proper:
        return False
    common = zipf(token.text)
    if key in lex.not_names or common >= 4.0:
        return False
    if common >= 3.0 and lex.surnames[key] < _SURNAME_SHARE:
        return False
    return (
        _HEADING_FOR.search(text, max(0, token.start - 30), token.start) is not None
        and _HEADING_ENDS.match(text, token.end, token.end + 4) is not None
    )


def _department(run: list[Token], facts: list[tuple[bool, bool, bool]], lex: Lexicon) -> bool:
    """True when a run after a trigger ("passed to", "From:") names a department or a team:
    it holds no first name, its listed words are ordinary words that are rare as surnames
    ("Plant Hire", "Temporary Works"; not "Baker"), and every word is common or made from a
    common word by an ending ("Rostering" from "roster", "Portering" from "porter")."""
    for token, (first, surname, ordinary) in zip(run, facts, strict=True):
        if token.shape == "initial" or first:
            return False  # "passed to Will", "From: Rose Green"
        if surname and (not ordinary or lex.surnames[token.key] >= _SURNAME_SHARE):
            return False
        if not (first or surname) and zipf(token.text) < COMMON and not _derived(token.text):
            return False
    return True


def _is_a_head(token: Token, lex: Lexicon) -> bool:
    """True when ``token`` is a word that heads the name of a place or an organisation
    ("Council", "Hospital", "Wing", "Room", "Close") and is no real surname.

    English names a place or a body with its kind last ("Kirklees Council", "Bassetlaw
    Hospital", "Victoria Wing", "Daisy Room"); a person's name ends in a surname. Several head
    words are on the surname lists, but at a share no more than a few people in a million have
    ("Council" 4e-5, "Wing" 5e-5, "Room" 2e-5), while wordfreq has them among the commonest
    English words (Zipf 4.5-5.4): written capitalised after a name, they are the head. The
    ones that are real surnames (share from ``_SURNAME_SHARE``: Hall, Green, Hill, Ward,
    Lane, Park, Way, Street, House, Church) stay a person's possible surname ("Emma Ward",
    "Tom Hall"), as before."""
    key = token.key
    return (
        token.shape in ("cap", "upper")
        and (key in _ORG_WORDS or (key[-1:] == "s" and key[:-1] in _ORG_WORDS))
        and lex.surnames.get(key, 0.0) < _SURNAME_SHARE
        and lex.first.get(key, 0.0) < _SURNAME_SHARE
    )  # a plural head too ("Leeds Teaching Hospitals"), unless a real surname ("Hills")


_PLACE_NUMBER = re.compile(
    r" \d{1,3}[A-Za-z]?(?![\w/:.,-]| (?:[A-Z][a-z]{2}|st|nd|rd|th|times|x|years?|yrs?|days?"
    r"|weeks?|months?|hours?|hrs?|mins?|minutes|am|pm|o'clock)\b)"
)
"""A ward's, room's or unit's number after its head: not a date or a time ("12/3", "12:30",
"12 Mar", "at 3 pm"), a decimal, an ordinal, a count ("3 times", "84 years") or an age in a
list ("84,")."""


def _numbered_place(text: str, run: list[Token]) -> bool:
    """True for the head of a place alone, then its number ("Ward 12", "Hall 3", "WARD 7").

    Hospitals, care homes and offices number their wards, units, rooms and halls; "Ward" and
    "Hall" are also common surnames, but a surname alone is not followed by a bare number
    (a date, a time or an age after it is left to the other rules)."""
    if len(run) != 1 or run[0].key not in _ORG_WORDS or run[0].possessive:
        return False
    end = run[0].end
    return _PLACE_NUMBER.match(text, end, end + 12) is not None


_NAME_CLOSES = re.compile(r"[ \t]*(?:$|[\r\n.,;:!?)]|(?:for|to|at|in|on|with|and|or|from)\b)")


def _ends_in_a_word(text: str, run: list[Token], lex: Lexicon) -> bool:
    """True when a run of two words or more with no first name in it ends in an everyday
    English word on no name list and closes its phrase ("Kind regards, Edmundson
    Electrical", "thanks to Jobcentre Plus for"): no surname ends it, so no person is named,
    as ``_surname_like`` reads a run's last words everywhere but after a signature or a
    label. A first name in the run, or a lower-case word straight after it ("Checked by Sarah
    Night staff ...", "thanks to Oyedele Night staff": a note without its full stop), keeps it
    a person."""
    if len(run) < 2 or _NAME_CLOSES.match(text, run[-1].end, run[-1].end + 8) is None:
        return False
    last = run[-1]
    if last.shape not in ("cap", "upper") or last.key in lex.first or last.key in lex.surnames:
        return False
    if any(t.key in lex.first or t.shape == "initial" for t in run):
        return False
    return zipf(last.text) >= COMMON


def _ends_in_a_head(run: list[Token], lex: Lexicon) -> bool:
    """True when a run of two words or more ends in a head word (``_is_a_head``)."""
    return len(run) > 1 and _is_a_head(run[-1], lex)


_NO_ENGLISH = 1.5
"""Below this Zipf value a word is no English word (names and brands on no list)."""
_RARE_WORD = 2.6
"""Below this Zipf value a capitalised word on no list, with a person's cue, is a name."""
_RARE_POSSESSOR = 2.0
"""Below this Zipf value a capitalised word on no list with a possessive is a person's name
(shops and brands written with one, "Sainsbury's" 2.6, "Tesco's" 3.3, are commoner words)."""
_SURNAME_SHARE = 1e-4
"""A surname share from which an ordinary word is also a real surname ("Baker", "Church")."""
_ENDINGS = ("ings", "ing", "ers", "er", "ment", "ments", "es", "s")


def _derived(word: str) -> bool:
    """True when ``word`` is a common word plus an ending ("Rostering", "Domestics")."""
    lower = word.lower()
    for ending in _ENDINGS:
        stem = lower.removesuffix(ending)
        if stem != lower and len(stem) >= 4 and (zipf(stem) >= 3.5 or zipf(stem + "e") >= 3.5):
            return True
    return False


def _judge_single(
    text: str,
    token: Token,
    facts: tuple[bool, bool, bool],
    uninformative: bool,
    context: str | None,
    before: str,
    after: str,
    lex: Lexicon,
) -> tuple[int, int] | None:
    """One word: ``before`` and ``after`` are the words around it (``_preceded_by``,
    ``_followed_by``)."""
    first, surname, ordinary = facts
    if token.shape == "initial" or len(token.text) < 2:
        return None
    if _month_use(text, token) or token.key in _DAYS:
        return None
    span = token.start, token.end
    if before in _PRODUCT_VERBS and not token.possessive:
        return None  # "Use Milton sterilising fluid", "ordered Henry hoovers"
    alone = _alone(text, token)
    if alone and not token.possessive and label_kind(token.text) is not None:
        return None  # a column header in its own cell ("Kit", "Owner"), not a person
    person_cue = (
        token.possessive
        or after in _PERSON_VERBS
        or context == "weak"
        or alone
        or _who_follows(text, token.end)
        or object_of_a_person_act(text, token.start)
        or role_follows(text, token.end)
        or named_in_brackets(text, token.start)
        or recipient_of_giving(text, token.start, token.end)
        or _signed_after_a_dash(text, token)
        # "Shouted at Hinton", "a photo of Hinton": a person's preposition, read before
        or (before in _PERSON_PREPOSITIONS and _named_after_preposition(text, [token], before, lex))
    )
    if first and not ordinary:
        if not uninformative or person_cue:
            return span
        return span if lex.first[token.key] > 5e-5 or zipf(token.text) < 3.5 else None
    if first and ordinary:
        if after in _ACTION_VERBS or context == "weak" or token.possessive:
            return span  # "Will said", "asked Hope to", "Dawn's rota"
        if person_cue and zipf(token.text) < 5.0:
            return span
        if _said_to_be_person(text, token.start, token.end, after):
            return span  # "Mark will cover the late shift", "Handed the keys to Hope"
        return span if not uninformative and zipf(token.text) < 5.0 else None
    if (
        token.possessive
        and token.shape == "cap"
        and not (first or surname)
        and token.key not in lex.proper
        and zipf(token.text) < _RARE_POSSESSOR
    ):
        return span  # "covered Oluwadamilare's shift": a word on no list that owns something
    if (
        (after in _ACTION_VERBS or _will_act(text, token.end, after))
        and token.shape == "cap"
        and not (first or surname or ordinary)
        and token.key not in lex.proper
        and zipf(token.text) < _RARE_WORD
    ):
        return span  # "Babatunde covered the shift", "Olatunji will cover": acting
    if surname and ordinary and _ordinary_surname_person(text, token, context, after, lex):
        return span  # "Banks rang", "Asked Banks to check", "Handed the keys to Banks"
    if surname and not ordinary and token.key not in lex.proper:
        if person_cue:
            return span
        # Mid-sentence and closing its phrase ("handed it to Okafor."), not naming a product
        # ("Milton sterilising fluid", "Hoover HF500").
        following = text[token.end : token.end + 2].lstrip(" ")
        closes = not following or following[0] in ".,;:!?)\n"
        if not uninformative and closes and zipf(token.text) < 3.6 and len(token.text) > 2:
            return span
        if _bare_surname_person(text, token, uninformative, before, after, lex):
            return span  # "Waiting for Persson to arrive", "Persson locked up last night"
    return None


_DONE_DASH = re.compile(
    r"\b(?:checked|done|signed|completed|cleaned|recorded|verified|witnessed|counted|logged"
    r"|approved|administered|given|taken|served|closed|opened)(?:[ \t]+(?:off|up|out|by))?"
    r"[ \t]*[–—-][ \t]*$",
    re.IGNORECASE,
)
_SIGN_OFF_ENDS = re.compile(r"[ \t]*(?:$|[\r\n.!)]|(?:lol|thx|ta|cheers|thanks|xx?)\b)")


def _signed_after_a_dash(text: str, token: Token) -> bool:
    """True for one capitalised word that signs off a task after a dash ("Fridge temps
    checked – Persson", "Done by the late shift - Persson.", "Meds given – Persson"): a log
    names who did the check, and the name ends the line or the sentence. A make or a tool
    is named before the dash ("checked with Hygiena – ok") or with its goods noun, not alone
    after "checked –". The name must end the line or the sentence, or a chat's sign-off
    follows ("lol", "thx", "cheers"). Kept: "Temps checked – OK" (no name), "Fridge
    checked – Bissell probe" (a noun follows: the make of the probe)."""
    if token.shape != "cap" or token.possessive or token.start < 4:
        return False
    if text[token.start - 2 : token.start].strip(" \t")[-1:] not in ("–", "—", "-"):
        return False
    return (
        _DONE_DASH.search(text, max(0, token.start - 40), token.start) is not None
        and _SIGN_OFF_ENDS.match(text, token.end, token.end + 4) is not None
    )


_NO_HEAD = frozenset(
    _split(
        "to at on in for with about from by and or but if when while because so as after"
        " before until till today tomorrow yesterday tonight again straight now this last"
        " next later earlier too also who please asap yet then all first there here back"
        " over up off out"
    )
)
"""Words after a surname that no product or model name is followed by ("Persson on Monday",
"Persson to arrive", "Persson straight away"): a make is followed by its goods noun ("Milton
sterilising fluid") or a model code ("Hoover HF500")."""
_PERSON_PAST = frozenset(
    _split(
        "locked unlocked brought sat stood felt knew ate drank slept woke walked forgot"
        " remembered learned learnt wanted seemed looked joined struggled managed tried"
        " decided realised realized admitted shadowed mentored trained supervised whispered"
        " waited stayed swapped clocked popped nipped collected counted cashed handed took"
        " gave met saw spoke wrote read taught found"
    )
)
"""Verbs in the past tense that a person, not a firm, a town or a product, is the subject of
in a note ("Persson locked up", "Persson brought the rota in", "Persson clocked in late").
Not what firms and teams do too ("won", "lost", "fixed", "sent", "delivered", "closed")."""


_TOLD_OR_SEEN = frozenset(
    _split(
        "informed told asked thanked reminded reassured greeted warned supported assisted"
        " advised escorted prompted encouraged praised welcomed briefed supervised"
        " interviewed introduced saw met phoned rang emailed messaged texted contacted helped"
        " showed updated shadowed mentored coached relieved"
    )
)
"""Verbs whose object, written straight after them, is a person ("Informed Rojas", "I saw
Jensen leave"): one informs, reminds or shadows a person, not a firm or a town; those a
place or a make is the object of too ("visited", "collected", "called": "a shop called
Hinton") are not here."""


def _bare_surname_person(
    text: str, token: Token, uninformative: bool, before: str, after: str, lex: Lexicon
) -> bool:
    """True for a surname on the lists that is no ordinary word and no known place or brand
    (``_judge_single`` has checked both), written alone, when what follows is no goods noun:
    mid-sentence before a preposition, a conjunction or an adverb ("Covered for Persson on
    Monday", "Waiting for Persson to arrive", "Reported it to Persson straight away"), or
    before a verb in the past tense only a person is the subject of (``_PERSON_PAST``:
    "Persson locked up last night", "Persson brought the rota in"). Workplace notes name
    colleagues by surname alone; a make named as a family is followed by what it makes
    ("Milton sterilising fluid", "Hoover bags") and is the gazetteer's when it is a listed
    firm. A surname English text uses often (Zipf 4 or more) keeps needing a stronger cue.
    An item of a list after a word on no name list ("Ryvita and Bissell on the end bay")
    is left to the list rules: that list holds makes ("between Hinton and Persson at 4" is
    two people). Trade: a town or a make on no list that is a
    surname, written alone before "on", "to" or "at" mid-sentence ("shipped it all to Sanders
    on Monday"), is taken out."""
    if token.shape != "cap" or token.possessive or zipf(token.text) >= 4.0 or len(token.text) < 3:
        return False
    if after in _PERSON_PAST or after in _ACTION_VERBS:
        return True
    if _preceded_by(text, token.start) in _TOLD_OR_SEEN:
        return True  # "Informed Rojas of the incident", "I saw Jensen leave at 5"
    return (
        not uninformative
        and after in _NO_HEAD
        and text[token.end : token.end + 1] == " "
        and not _after_a_thing_in_a_list(text, token.start, lex)
        and not (
            before in ("from", "to")
            and _BOUGHT_OR_SENT.search(text, max(0, token.start - 40), token.start)
        )
    )


_BOUGHT_OR_SENT = re.compile(
    r"\b(?:bought|buy|buys|buying|ordered|order|ordering|purchased|sourced|hired|rented"
    r"|sent|send|sending|posted|shipped|delivered|drove|driven|went|moved|travelled"
    r"|traveled|flew|transferred)\b[^.;!?\n]{0,30}(?:from|to)[ \t]+$",
    re.IGNORECASE,
)
"""A verb of buying, sending or going in the clause before "from" or "to": what follows is a
shop, a supplier or a place ("Bought the bread from Simmons on Monday", "Sent the parcel to
Hinton on Friday"), not the person the surname rule looks for ("Reported it to Sjogren")."""


_ITEM_BEFORE = re.compile(r"([^\W\d_]+)(?:['’]s)?(?:,| and| or| &) $")


def _after_a_thing_in_a_list(text: str, start: int, lex: Lexicon) -> bool:
    """True when the word at ``start`` follows a list item that is on no name list
    ("Ryvita and Bissell", "Ryvita, Bissell")."""
    item = _ITEM_BEFORE.search(text, max(0, start - 30), start)
    return item is not None and not lex.is_name(item.group(1))


def _ordinary_surname_person(
    text: str, token: Token, context: str | None, after: str, lex: Lexicon
) -> bool:
    """True for a capitalised ordinary word that is also a real surname ("Banks", "Cook",
    "Stone": share 1e-4 or more) when the sentence says it is a person: it acts as one
    (``_acts_as_person``: "Banks rang", "Cook will cover the late shift", "Stone is off
    today"), it is the object of a person-to-person act ("Meeting with Banks at 10", "a text
    from Cook", "Handed the keys to Stone": ``person_cues``), or a lead-in that addresses or
    asks a person comes before it mid-sentence ("Asked Banks to check", "Thanks Cook").
    The word lower case ("the banks are shut"), after a determiner ("the Church"), opening a
    sentence with no act ("Banks are shut today") or sent to ("sent it to Banks") stays a
    word: the banks, the church and the town are as likely there."""
    if token.shape != "cap" or lex.surnames.get(token.key, 0.0) < _SURNAME_SHARE:
        return False
    if _said_to_be_person(text, token.start, token.end, after):
        return True
    return context == "weak" and not sentence_start(text, token.start)


_MODALS = frozenset(_split("will can could should must shall would"))
_PERSON_ACTS = frozenset(
    _split(
        "cover call ring phone email text chase swap sign help speak meet train collect visit"
        " ask tell check explain apologise apologize reply answer"
    )
)
"""What a person, not a product, will do ("Olatunji will cover"; "Olaplex will arrive")."""


def _will_act(text: str, end: int, after: str) -> bool:
    """True when a modal and a person's act follow ("will cover", "can ring")."""
    return after in _MODALS and _word_after(text, end, 2) in _PERSON_ACTS


def _acts_as_person(text: str, end: int, after: str) -> bool:
    """True when what follows the word ending at ``end`` is what only a person does: a verb
    no ordinary word or product is followed by ("said", "rang"), a modal then a person's act
    ("will cover"), or being off sick or on leave (``person_cues.away_from_work``)."""
    return after in _ACTION_VERBS or _will_act(text, end, after) or away_from_work(text, end)


def _said_to_be_person(text: str, start: int, end: int, after: str) -> bool:
    """True when the sentence says the words from ``start`` to ``end`` are a person: they
    act as one (``_acts_as_person``), are the object of a person-to-person act ("met with",
    "a text from", "handed the keys to") or have a role in apposition ("(team leader)"):
    ``person_cues``."""
    return (
        _acts_as_person(text, end, after)
        or object_of_a_person_act(text, start)
        or role_follows(text, end)
        or named_in_brackets(text, start)
        or recipient_of_giving(text, start, end)
    )


_ASKED_THROUGH = re.compile(
    r"(?:^|[^\w])(?:ask|asked|tell|told|thank|thanked|ring|rang|call|called|phone|phoned|text"
    r"|texted|message|messaged|email|emailed|remind|reminded|contact|contacted|meet|met)"
    r"[ \t]+[^\W\d_][\w&-]*['’]s[ \t]+$",
    re.IGNORECASE,
)


def _possessors_person(text: str, start: int, end: int, after: str) -> bool:
    """True when the run at ``start`` comes after a possessive ("Jane's Blessing", "Tollard's
    Comfort") and the sentence says it is someone's person: it acts as a person
    (``_acts_as_person``: "Jane's Blessing is off sick today", "the client's Comfort will
    collect her") or a verb of asking or telling has the possessor's run as its object ("Ask
    Tollard's Comfort about the order": one asks a person, and asks *about* a product). A
    possessive before a word on no common-name list is otherwise read as the owner of a
    thing ("Wendell's Bissell is on the desk", ``_thing_evidence``)."""
    if start < 4 or text[start - 2] not in "sS":
        return False  # most runs: no possessive before them
    if _AFTER_POSSESSOR.search(text, max(0, start - 6), start) is None:
        return False
    return (
        _acts_as_person(text, end, after)
        or _ASKED_THROUGH.search(text, max(0, start - 50), start) is not None
    )


def _judge_multi(
    text: str,
    run: list[Token],
    facts: list[tuple[bool, bool, bool]],
    uninformative: bool,
    context: str | None,
    after: str,
    lex: Lexicon,
) -> tuple[int, int] | None:
    """Two or more words: a first name (or initial) then surname-like words."""
    for i, token in enumerate(run[:-1]):
        first, _, ordinary = facts[i]
        if not (first or token.shape == "initial"):
            continue
        tail = run[i + 1 :]
        if not _surname_like(tail, facts[i + 1 :], lex):
            continue
        if token.shape == "initial" and not facts[-1][1]:
            continue
        tail_ordinary = all(
            f[2] or (not (f[0] or f[1]) and zipf(t.text) >= COMMON)
            for t, f in zip(tail, facts[i + 1 :], strict=True)
        )
        cue = _multi_cue(text, run, after, context)
        if ordinary and tail_ordinary and context is None and not cue:
            continue  # "Summer Sale", "Will Power"
        if ordinary and uninformative and i == 0 and tail_ordinary and not cue:
            continue
        begin = i
        while begin > 0 and (
            run[begin - 1].key in PARTICLES
            or facts[begin - 1][0]
            or (facts[begin - 1][1] and not facts[begin - 1][2])
            or (run[begin - 1].shape == "cap" and zipf(run[begin - 1].text) < _NO_ENGLISH)
        ):  # a family name written first ("Lê Thu Hà", "Nguyễn Văn An")
            begin -= 1
        stop = len(run) - 1
        while (
            stop > i + 1
            and not (facts[stop][0] or facts[stop][1])
            and facts[stop - 1][1]
            and run[stop - 1].key not in PARTICLES
        ):
            stop -= 1  # "Elena Popescu Bidfood": a word on no list after a listed surname
        return run[begin].start, run[stop].end
    # No first name: a known surname pair or a surname after an unknown capitalised word.
    last, (_, last_surname, last_ordinary) = run[-1], facts[-1]
    if (
        last_surname
        and not last_ordinary
        and last.key not in lex.proper
        and all(zipf(t.text) < COMMON and t.shape == "cap" for t in run[:-1])
        and (
            not uninformative
            # Opening a line: a word no English text uses, then a surname ("Hira Malik").
            or (len(run) == 2 and zipf(run[0].text) < 2.5 and zipf(last.text) < 4.0)
        )
    ):
        return run[0].start, last.end  # "Xiaoming Chen", "Eluned Parry"
    cued = not uninformative or after in _PERSON_VERBS or _multi_cue(text, run, after, context)
    if (
        cued
        and len(run) <= 3
        and all(
            t.shape == "cap"
            and len(t.text) >= 4
            and t.key not in lex.proper
            and zipf(t.text) < _NO_ENGLISH
            for t in run
        )
    ):  # not opening a line with no cue: a Welsh or foreign phrase ("Tŷ Ddewi") is no person
        return run[0].start, run[-1].end  # "Babatunde Olatunji": names on no list, no English
    rare = all(
        t.shape == "cap"
        and len(t.text) >= 4
        and not (f[0] or f[1] or f[2])
        and t.key not in lex.proper
        and zipf(t.text) < _RARE_WORD
        for t, f in zip(run, facts, strict=True)
    )
    if rare and cued:
        return run[0].start, run[-1].end  # "We saw Struan Farquharson", "Ailsa Fergusson's"
    known = [f for f in facts if (f[0] or f[1]) and not f[2]]
    if len(known) == len(run) and not uninformative:
        return run[0].start, run[-1].end
    if (
        known
        and (context == "weak" or run[-1].possessive or after in _PERSON_VERBS)
        and not (run[-1].key in _ORG_WORDS and not facts[-1][1])
        and not _ends_in_a_head(run, lex)
    ):  # not "Victoria Coach Station is closed": a place word that is no surname ends it
        return run[0].start, run[-1].end
    if _surnames_as_person(text, run, after, lex):
        return run[0].start, run[-1].end  # "Handed the keys to Burgess Hill", "Hale Banks rang"
    return None


def _surnames_as_person(text: str, run: list[Token], after: str, lex: Lexicon) -> bool:
    """True for two or three capitalised words that are each a real surname (share 1e-4 or
    more, ordinary words too: "Burgess Hill", "Bishop Burton") when the sentence says the run
    is a person: it acts as one or has a role after it ("Bishop Burton will cover", "Burgess
    Hill is off today"), or it is the object of a person-to-person act ("Meeting with Bishop
    Burton at 10": ``person_cues``). Such a run is as often a place named after families, so
    without that cue it stays ("drove to Burgess Hill"), and one ending in a place word is
    a street, a green or a park wherever things are handed or sent ("Handed the keys to Church
    Street", "a message from Wood Green"); only an act says a person there."""
    if len(run) > 3 or run[-1].possessive:
        return False
    if not all(t.shape == "cap" and lex.surnames.get(t.key, 0.0) >= _SURNAME_SHARE for t in run):
        return False
    if _acts_as_person(text, run[-1].end, after) or role_follows(text, run[-1].end):
        return True
    return run[-1].key not in _ORG_WORDS and object_of_a_person_act(text, run[0].start)


def _multi_cue(text: str, run: list[Token], after: str, context: str | None) -> bool:
    """What after (or before) a two-word run says it is a person."""
    return bool(
        run[-1].possessive
        or after in _ACTION_VERBS
        or context in ("weak", "lead-in")
        or _who_follows(text, run[-1].end)
    )


def _surname_like(tail: list[Token], facts: list[tuple[bool, bool, bool]], lex: Lexicon) -> bool:
    """True when every word after a first name can be part of a surname."""
    for token, (first, surname, ordinary) in zip(tail, facts, strict=True):
        if token.key in PARTICLES or token.shape == "initial":
            continue
        if token is tail[-1] and _is_a_head(token, lex):
            return False  # "Bradford Council", "Victoria Wing": the place, not a surname
        if surname or first:
            continue
        if ordinary or token.key in lex.proper or zipf(token.text) >= COMMON:
            return False  # "Manual Handling", "Rose Garden Suite"
        if token.key in _ORG_WORDS:
            return False
    return True


_LOWER_TITLE = re.compile(r"(?<![\w.])(?<!\d )(?:mrs|mr|ms|mx)\.?[ ]$")
"""Titles as informal notes type them, in lower case, before a surname ("mrs brennan")."""
_COMMONEST_SURNAME = 5e-4
"""Share from which a surname is among the commonest (Jones, Palmer, Khan: 89 of them are
frequent English words, Zipf 4 or more, though on no ordinary-word list)."""


def _lower_names(text: str, words: list[Token], lex: Lexicon) -> Iterator[tuple[int, int]]:
    """First names written in lower case in informal notes ("asked jake to cover"), and a
    surname after a lower-case title ("mrs brennan rang"). The surname is a rarer word, or one
    of the commonest surnames ("mrs jones rang", "mr palmer cant make it"): those are frequent
    words only because so many people are called so, and no thing is written "mrs jones"; a
    word on the ordinary list stays ("mrs green")."""
    for i in [i for i, token in enumerate(words) if token.shape == "lower"]:
        token = words[i]
        if (
            token.key in lex.surnames
            and token.key not in lex.ordinary
            and _LOWER_TITLE.search(text, max(0, token.start - 6), token.start)
            and (zipf(token.text) < 4.0 or lex.surnames[token.key] >= _COMMONEST_SURNAME)
        ) or _lower_doctor(text, token, lex):
            yield token.start, token.end
            continue
        if _lower_person_acts(text, token, lex):
            yield token.start, token.end
            continue
        if len(token.text) < 3:
            continue
        key = token.key
        if key not in lex.first or key in lex.ordinary or key in _MONTHS or key in _DAYS:
            continue
        common = lex.first[key] >= 1e-4 or (len(key) >= 4 and zipf(token.text) < COMMON)
        if not common or key in lex.not_names:
            continue
        if zipf(token.text) >= 4.5 and not _lower_addressed(text, token, lex):
            continue
        if _lower_dish(text, words, i, lex) or _lower_head_after(text, token.end, lex):
            continue
        end = token.end
        if i + 1 < len(words):
            nxt = words[i + 1]
            if (
                nxt.shape == "lower"
                and text[end : nxt.start] == " "
                and nxt.key in lex.surnames
                and nxt.key not in lex.ordinary
                and zipf(nxt.text) < 4.0
            ):
                end = nxt.end
        yield token.start, end


_LOWER_DR = re.compile(
    r"(?:^|[.!?;:,\n]|\b(?:ask|asked|see|saw|seen|by|with|to|from|for|and|rang|ring|call"
    r"|called|phoned|phone|emailed|email|tell|told|contact|contacted|thank|thanked))"
    r"[ \t]*dr\.?[ ]$"
)
"""Lower-case "dr" as a title: opening a clause or after a word a person follows ("ask dr
linder", "seen by dr okafor", "dr riccio cant make it"). "dr" is also a street's "drive"
(after the street's own name: "elm dr") and a debit ("dr 500", "cr/dr"), so only there."""


def _lower_doctor(text: str, token: Token, lex: Lexicon) -> bool:
    """True for a lower-case surname on the lists that is no ordinary word and rare in
    English text (Zipf under 4) after a lower-case "dr" (``_LOWER_DR``): "ask dr linder if
    she has the keys". "dr" before a common word ("dr green", "elm dr park") stays."""
    if token.start < 3 or text[token.start - 3 : token.start - 1].lower() not in ("dr", "r."):
        return False  # most lower-case words: no "dr" before them
    return (
        token.key in lex.surnames
        and token.key not in lex.ordinary
        and zipf(token.text) < 4.0
        and _LOWER_DR.search(text.lower(), max(0, token.start - 14), token.start) is not None
    )


_LOWER_NEXT = re.compile(r"[ \t]+([a-z]+)\b")
_LOWER_HEADS = frozenset(
    _split(
        "road avenue crescent terrace grove mews council hospital infirmary hospice surgery"
        " university academy trust foundation wing suite lounge station county borough"
    )
)
"""The heads of ``_ORG_WORDS`` that no lower-case note writes after a person's first name
(not "home", "shift", "school", "drive", "close", "care": "took sarah home", "let sarah
drive", "sarah close to tears")."""


def _lower_head_after(text: str, end: int, lex: Lexicon) -> bool:
    """True when a lower-case first name is followed by the head of a place or a body that is
    no real surname ("victoria road", "bradford council", "elizabeth hospital"): the place,
    as ``_is_a_head`` says of the capitalised run ("victoria rang" stays a person, and so does
    "emma ward": Ward is a real surname)."""
    match = _LOWER_NEXT.match(text, end, end + 20)
    if match is None:
        return False
    head = match.group(1)
    return (
        head in _LOWER_HEADS
        and lex.surnames.get(head, 0.0) < _SURNAME_SHARE
        and lex.first.get(head, 0.0) < _SURNAME_SHARE
    )


_LOWER_ASKING = frozenset(
    _split(
        "ask asked tell told thank thanked ring rang call called phone phoned text texted"
        " message messaged remind reminded help helped"
    )
)
_COMMONEST_FIRST = 1e-3
"""Share from which a first name is among the commonest (James, William, David)."""


def _lower_addressed(text: str, token: Token, lex: Lexicon) -> bool:
    """True for one of the commonest first names, written in lower case, after a verb of
    asking or telling someone ("ask william if she has the keys", "told james"): those names
    are frequent words only because so many people are called so (Zipf 4.5 and more), so alone
    in lower case they stay ("a christian service", "virginia creeper"); after "ask" or "tell"
    they are the person asked."""
    return (
        lex.first.get(token.key, 0.0) >= _COMMONEST_FIRST
        and _preceded_by(text, token.start) in _LOWER_ASKING
        and text[token.start - 2 : token.start - 1].isalpha()  # not "ask. william"
    )


_FIRMS_DO_TOO = frozenset(
    _split(
        "said says told asked rang phoned called emailed texted messaged explained agreed"
        " replied answered mentioned complained confirmed refused offered suggested promised"
        " wrote booked collected served signed handed took gave sent"
    )
)
_LOWER_ACTS = (_ACTION_VERBS | _PERSON_PAST) - _FIRMS_DO_TOO
"""What only a person does, read after a lower-case name, where no capital tells a firm
from a person: not the calls, letters and offers a firm makes too ("booker rang again about
the bill", "greggs confirmed the order")."""
_LOWER_GREETING = frozenset(_split("thanks thank thx ty cheers hi hiya hey"))
"""Words a chat addresses a person with, right before the name ("thanks persson", "hiya
persson"). Not "morning" or "night": a time before a clause ("this morning preston was
gridlocked")."""
_LOWER_CANT = re.compile(
    r"[ \t]+(?:cant|can['’]t|cannot|couldnt|couldn['’]t|wont|won['’]t)[ \t]+(?:make|come"
    r"|cover|work|do|get)\b"
)


_LOWER_ITEM_AFTER = re.compile(r"(?:,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+)([a-z]+)\b")
_LOWER_ITEM_BEFORE = re.compile(r"\b([a-z]+)(?:,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+)$")


def _lower_name_word(word: str, lex: Lexicon) -> bool:
    """A lower-case word that can be read as a name in a chat: on a name list, no ordinary
    word, no never-a-name word, not a known proper noun, rare in English (Zipf under 4)."""
    return (
        len(word) >= 3
        and (word in lex.surnames or word in lex.first)
        and word not in lex.ordinary
        and word not in lex.not_names
        and word not in lex.proper
        and zipf(word) < 4.0
    )


def _lower_list_acts(text: str, token: Token, lex: Lexicon) -> bool:
    """True for an item of a lower-case list of names that acts together as only people do
    ("persson and sjogren are on tonight", "hinton, persson and sjogren were off sick"):
    ``_listed_together``'s evidence, in a chat without capitals. Every item must be a
    name word (``_lower_name_word``); the item before the token, when there is one, too.
    Kept: "asda and lidl are open tonight" (no names, no person's act)."""
    following = text[token.end : token.end + 5]
    if not (
        following.startswith((",", " and ", " & "))
        or text.endswith((",", ", ", " and ", " & "), max(0, token.start - 5), token.start)
    ):
        return False  # most words: in no list
    before = _LOWER_ITEM_BEFORE.search(text, max(0, token.start - 30), token.start)
    if before is not None and not _lower_name_word(before.group(1), lex):
        return False
    end, items = token.end, 1 if before is None else 2
    while (item := _LOWER_ITEM_AFTER.match(text, end, end + 30)) is not None:
        if not _lower_name_word(item.group(1), lex):
            return False
        end, items = item.end(), items + 1
    if items < 2:
        return False
    act = _TOGETHER_ACT.match(text, end, end + 40)
    if act is None:
        return False
    verb = act.group(1) or act.group(2)
    return (
        verb is None
        or (act.group(1) is not None and verb in _PERSON_ACTS)
        or (act.group(2) is not None and verb in _LOWER_ACTS)
    )


def _lower_person_acts(text: str, token: Token, lex: Lexicon) -> bool:
    """True for a name written in lower case in a chat ("ask oyugi if she has the keys",
    "oyugi cant make it 2day") that the sentence makes a person: straight after a verb of
    asking or telling (``_LOWER_ASKING``, no stop between: one asks a person, and asks
    *about* a thing), after a chat's greeting or thanks (``_LOWER_GREETING``: "thanks
    persson"), after a person-to-person act (``person_cues``: "covered for persson", "a text
    from persson", "handed the keys to persson"), as an item of a list of names acting
    together (``_lower_list_acts``: "persson and sjogren are on tonight") or before what only
    a person does (``_LOWER_ACTS``: "locked up",
    "smiled"; off sick or on leave; "cant make it", "wont come in"), not what a firm does
    too ("rang", "emailed", "confirmed": "booker rang again about the bill" stays).
    The word must be on a name list, no ordinary word ("ask will", "dawn cant …" stay: the
    word is read as the word), no never-a-name word, not a known proper noun ("ask amazon",
    "wigan cant make it": a firm, a team), at least 3 letters, and rare in English (Zipf
    under 4) unless one of the commonest names (Jones, James: frequent only because so many
    people are called so). Kept: "ask amazon if they have it" (on no name list), "ring
    wigan" (a known place)."""
    key = token.key
    if len(key) < 3 or key in lex.ordinary or key in lex.not_names or key in lex.proper:
        return False
    surname, first = lex.surnames.get(key, 0.0), lex.first.get(key, 0.0)
    if not (surname or first) or key in _MONTHS or key in _DAYS:
        return False
    if zipf(token.text) >= 4.0 and surname < _COMMONEST_SURNAME and first < _COMMONEST_FIRST:
        return False
    before = _preceded_by(text, token.start)
    if before in _LOWER_ASKING or before in _LOWER_GREETING:
        return text[token.start - 2 : token.start - 1].isalpha()  # not "ask. oyugi"
    after = _followed_by(text, token.end)
    return (
        after in _LOWER_ACTS
        or _lower_list_acts(text, token, lex)
        or object_of_a_person_act(text, token.start)
        or away_from_work(text, token.end)
        or _LOWER_CANT.match(text, token.end, token.end + 30) is not None
    )


def _lower_dish(text: str, words: list[Token], i: int, lex: Lexicon) -> bool:
    """True when the lower-case first name ``words[i]`` is part of a dish or a fixed phrase,
    as menus and informal notes write them in lower case too: the food before it ("crepes
    suzette", "apple charlotte"), a kind of dish after it ("victoria sponge with jam"), or a
    phrase of ``fixed_phrases.txt`` ("jack russell"). The dish evidence is ``dishes``' own:
    "asked suzette to cover" has no food word beside the name, and a person's verb after the
    name makes it a person ("cooked the chicken josh said")."""
    token = words[i]
    if _followed_by(text, token.end) in _PERSON_VERBS or _who_follows(text, token.end):
        return False  # "cooked the chicken josh said it was fine": a person acting
    food = _preceded_by(text, token.start)  # lower-case words on no name list are no tokens
    if (
        food in DISH_FOODS
        and text[token.start - len(food) - 1 : token.start].lower() == food + " "  # no "."
        and lex.first.get(food, 0.0) < 3e-5  # "olive", "basil" are people's names
    ):
        return True
    return dish_kind_after(text, token.end) or _is_fixed_phrase(text, [token], lex)


_SPEAKER = re.compile(
    r"^[ \t]*(?:\[?(?:\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+)?\d{1,2}[:.]\d{2}(?::\d{2})?\]?[ \t]*"
    r"(?:[-–][ \t]*)?)?"
    r"([^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*)?)[ \t]*:[ \t]+\S",
    re.MULTILINE,
)
_MIN_SPEAKER_LINES = 3


def _speaker_lines(text: str) -> Iterator[re.Match[str]]:
    """``_SPEAKER`` matched at the start of each line that has a colon (faster than letting
    the pattern try every position of a long text)."""
    # From colon to colon: each line holding one is tried once, from its start.
    length = len(text)
    colon = text.find(":")
    while colon != -1:
        start = text.rfind("\n", 0, colon) + 1
        end = text.find("\n", colon)
        if end == -1:
            end = length
        match = _SPEAKER.match(text, start, end)
        if match:
            yield match
        colon = text.find(":", end + 1)


def speakers(text: str) -> list[tuple[int, int]]:
    """The speakers of a pasted chat ("rose: can anyone cover", "[10:42] Dawn: ok"), as spans.

    A line that opens with one or two words and a colon is a chat message when the document
    has at least three such lines from at least two people, and the words are names or rare
    words, not labels ("Date:", "Action:"). Chats write names as they come, in lower case and
    with ordinary words ("rose", "robin"), so this is the one place a lone lower-case word
    counts as a name.
    """
    if text.count(":") < _MIN_SPEAKER_LINES:
        return []
    lex = lexicon()
    found: list[tuple[int, int, str]] = []
    for match in _speaker_lines(text):
        speaker = match.group(1)
        parts = speaker.split()
        if label_kind(speaker) or speaker.lower() in _FIELD_LABELS:
            continue
        if any(fold(p) in lex.not_names or fold(p) in _DAYS for p in parts):
            continue
        if not all(lex.is_name(p) or zipf(p) < COMMON for p in parts):
            continue
        if len(parts) == 1 and not lex.is_name(speaker) and zipf(speaker) >= 2.5:
            continue  # "Note:", "Outcome:" are not on the lists and are common enough
        found.append((match.start(1), match.end(1), fold(speaker)))
    if len(found) < _MIN_SPEAKER_LINES or len({key for _, _, key in found}) < 2:
        return []
    return [(start, end) for start, end, _ in found]


def find_names(
    text: str,
    words: list[Token] | None = None,
    chat: list[tuple[int, int]] | None = None,
    thing_cells: Iterable[tuple[int, int]] = (),
    thing_runs: list[tuple[int, int]] | None = None,
    listed: ListedJudge | None = None,
) -> Iterator[tuple[int, int, str]]:
    """Spans of people's names in ``text``, as ``(start, end, "name")``.

    ``words`` and ``chat`` (the ``speakers``) are computed here unless the caller has them;
    ``thing_cells`` are the table cells whose header says they hold things ("Product").
    ``thing_runs``, when given, receives the spans of the runs the document uses as things
    ("Stanley knives"), where a person's name found elsewhere must not be propagated.
    ``listed`` keeps the brands, organisations and places it knows ("Sue Ryder").
    """
    lex = lexicon()
    words = tokens(text, lex) if words is None else words
    for start, end in speakers(text) if chat is None else chat:
        yield start, end, "name"
    lines = _Lines(text, words)
    runs = list(_runs(text, words, lines, lex))
    seen: set[tuple[str, ...]] = set()
    cells = sorted(thing_cells)
    cell_starts = [start for start, _ in cells]
    accepted: list[tuple[list[Token], int, int]] = []
    doubtful: list[list[Token]] = []
    rejected: list[list[Token]] = []
    taken: set[int] = set()  # the runs judged people, by index
    lonely: list[int] = []  # the one-word runs left in doubt, by index
    for index, run in enumerate(runs):
        span = _judge(text, run, lines, lex, seen, listed)
        if span:
            taken.add(index)
        elif len(run) == 1:
            lonely.append(index)
        if cells:
            index = bisect.bisect_right(cell_starts, run[0].start) - 1
            if index >= 0 and run[-1].end <= cells[index][1]:
                trimmed = _trim_particles(run)
                if trimmed:
                    _note_thing(seen, text, trimmed, lex)  # a cell under "Product", "Kit"
        if span:
            accepted.append((run, *span))
        else:
            if len(run) == 2:
                doubtful.append(run)
            if thing_runs is not None:
                rejected.append(run)
    if seen and accepted:
        _with_listed(text, runs, seen, lex)
    things = frozenset(seen)
    if things and thing_runs is not None:
        # A run is a thing only when its words are one, or come with a noun that makes one.
        named = things | _headed(things)
        for run in rejected:
            trimmed = _trim_particles(run)
            if not trimmed:
                continue
            keys = (trimmed[0].key,) if len(trimmed) == 1 else tuple([t.key for t in trimmed])
            if keys in named and _is_thing(text, trimmed, things):
                thing_runs.append((trimmed[0].start, trimmed[-1].end))
    found: list[tuple[int, int]] = []
    for run, start, end in accepted:
        if things and _used_as_thing(text, _trim_particles(run), things):
            if thing_runs is not None:
                thing_runs.append((run[0].start, run[-1].end))
            continue  # "Tena's new range" where the document has "Tena pants are low"
        found.append((start, end))
        yield start, _with_initial(text, end), "name"
    if doubtful and found:
        yield from _coordinated(text, doubtful, found, lex, things)
    if lonely:
        yield from _listed_together(text, runs, taken, lonely, lex, things, listed)
    for start, end in _lower_names(text, words, lex):
        yield start, end, "name"
    yield from _surname_first(text, lex)
    yield from _actions(text, words, lex)


_AND_AFTER = re.compile(r"[ \t]*(?:,[ \t]*)?(?:and|&)[ \t]+", re.IGNORECASE)
_AND_BEFORE = re.compile(r"[ \t]+(?:and|&)[ \t]+$", re.IGNORECASE)


def _coordinated(
    text: str,
    runs: list[list[Token]],
    found: list[tuple[int, int]],
    lex: Lexicon,
    things: Things,
) -> Iterator[tuple[int, int, str]]:
    """A first name and a surname that were too ordinary to take alone ("Will Turner") are a
    person when joined by "and" to a person found ("Will Turner and Amy Cole covered")."""
    starts = {start for start, _ in found}
    ends = {end for _, end in found}
    for run in runs:
        first, last = run
        if not (
            first.shape == last.shape == "cap"
            and lex.first.get(first.key, 0.0) >= 1e-4
            and lex.surnames.get(last.key, 0.0) >= 1e-4
            and last.key not in _ORG_WORDS
            and not _is_thing(text, run, things)
        ):
            continue
        after = _AND_AFTER.match(text, last.end, last.end + 8)
        before = _AND_BEFORE.search(text, max(0, first.start - 8), first.start)
        if (after and after.end() in starts) or (before and before.start() in ends):
            yield first.start, last.end, "name"


_LIST_JOIN = re.compile(r"(?:,[ \t]*(?:(?:and|&)[ \t]+)?|[ \t]+(?:and|&)[ \t]+)")
_TOGETHER_ACT = re.compile(
    r"[ \t]+(?:(?:are|were)[ \t]+(?:both[ \t]+|all[ \t]+)?(?:(?:on|in)[ \t]+(?:shift|lates"
    r"|earlies|nights|days|duty|call|leave|charge|the[ \t]+rota|tonight|today|tomorrow)"
    r"|off[ \t]+(?:sick|today|tonight|tomorrow)|working|covering|rostered|rota['’]d)"
    r"|(?:will|can|could|should|must)[ \t]+(?:both[ \t]+|all[ \t]+)?([a-z]+)"
    r"|(?:both[ \t]+|all[ \t]+)?([a-z]+))\b"
)
"""What follows a list of people acting together: a rota's "are on tonight", "were on
lates", "are off sick", "are working"; a modal then a person's act ("will cover"); or a
verb only people do (group 2, checked against ``_ACTION_VERBS`` and ``_PERSON_PAST``).
Not "are open", "are on offer", "are on the shelf", "are late", "are away" (shops, goods,
trains and teams)."""
_PEOPLE_LABEL = re.compile(
    r"(?:^|\n|[.!?][ \t]+)[ \t*•-]*(?:[A-Za-z]+[ \t]+){0,2}(?:staff|carers|colleagues"
    r"|attendees|present|apologies|rota|on[ \t]+shift|on[ \t]+duty|on[ \t]+lates|on[ \t]+earlies"
    r"|on[ \t]+nights"
    r"|on[ \t]+tonight|on[ \t]+today|working[ \t]+today|working[ \t]+tonight|who['’]?s[ \t]+on)"
    r"[ \t]*:[ \t]*$",
    re.IGNORECASE,
)
"""A label whose list can only hold people: "Staff on shift:", "Present:", "Apologies:",
"On duty:", "Rota:" (who works when). Not "Suppliers:", "Brands:", "Stock:" (things), nor
"Team:" (a sports team)."""


def _listed_together(
    text: str,
    runs: list[list[Token]],
    taken: set[int],
    lonely: list[int],
    lex: Lexicon,
    things: Things,
    listed: ListedJudge | None,
) -> Iterator[tuple[int, int, str]]:
    """Single capitalised names left in doubt that are items of one list with people: a list
    ("Hinton, Persson and Sjogren", "Hinton, Persson, Sjogren") is of one kind, so its items
    are people when another item is a person found by full name ("Amy Cole, Persson and
    Sjogren"; a single word found may be a make the rules took, so it is no evidence alone),
    when the list acts together as only people do ("… are on tonight", "… were off sick", "…
    will cover", "… rang": ``_TOGETHER_ACT``) or when a label that only people are listed under
    opens it ("Staff on shift: Hinton, Persson, Sjogren": ``_PEOPLE_LABEL``). Notes name
    colleagues by surname alone in rotas and handovers; one surname alone has little evidence,
    the list's act or label is the evidence for all of them. Every item must be a name: a
    person found, or a word on a name list that is no ordinary word, on no never-a-name list
    and no thing in this document ("Ryvita, Hinton and Bissell" stays). A list whose every
    item is a known place or firm (the proper-noun list or ``listed``: "Bolton and Derby are
    on tonight", teams playing) stays: one item at least must be a name neither
    knows; the known ones beside it are then people too ("Sakai, Tolleson and Persson"). Kept:
    "Asda, Lidl and Greggs are open tonight" (not all on a name list, and "open" is no person's
    act)."""
    done = -1  # the last run of the last list judged
    for index in lonely:
        if index <= done:
            continue  # an item of a list already judged
        first = last = index
        while first > 0 and _joined(text, runs[first - 1], runs[first]):
            first -= 1
        while last + 1 < len(runs) and _joined(text, runs[last], runs[last + 1]):
            last += 1
        done = last
        if last > first:
            items = [(runs[i], i in taken) for i in range(first, last + 1)]
            yield from _list_people(text, items, lex, things, listed)


def _joined(text: str, left: list[Token], right: list[Token]) -> bool:
    """True when two runs are items of one list: ", ", " and ", ", and " between them."""
    end, start = left[-1].end, right[0].start
    return 0 < start - end <= 7 and _LIST_JOIN.fullmatch(text, end, start) is not None


def _list_item_name(run: list[Token], lex: Lexicon, things: Things) -> bool:
    token = run[0]
    return (
        len(run) == 1
        and token.shape == "cap"
        and not token.possessive
        and len(token.text) > 2
        and (token.key in lex.surnames or token.key in lex.first)
        and token.key not in lex.ordinary
        and token.key not in lex.not_names
        and (token.key,) not in things
    )


def _list_people(
    text: str,
    items: list[tuple[list[Token], bool]],
    lex: Lexicon,
    things: Things,
    listed: ListedJudge | None,
) -> Iterator[tuple[int, int, str]]:
    doubtful = [
        run for run, accepted in items if not accepted and _list_item_name(run, lex, things)
    ]
    if not doubtful or len(doubtful) + sum(accepted for _, accepted in items) < len(items):
        return  # nothing in doubt, or an item on no name list ("Ryvita, Hinton and Bissell")
    if not any(accepted and len(run) > 1 for run, accepted in items):
        if all(
            run[0].key in lex.proper or (listed is not None and listed(text, run, lex))
            for run in doubtful
        ):
            return  # every item a known place or firm ("Bolton and Derby")
        start, end = items[0][0][0].start, items[-1][0][-1].end
        act = _TOGETHER_ACT.match(text, end, end + 40)
        verb = act and (act.group(1) or act.group(2))
        together = act is not None and (
            verb is None
            or (act.group(1) is not None and act.group(1) in _PERSON_ACTS)
            or (act.group(2) is not None and (verb in _ACTION_VERBS or verb in _PERSON_PAST))
        )
        if not together and _PEOPLE_LABEL.search(text, max(0, start - 40), start) is None:
            return
    for run in doubtful:
        yield run[0].start, run[0].end, "name"


_SURNAME_FIRST = re.compile(
    # Only from the start of a word: a match from inside one is never at the start of a line
    # or cell, and the pattern would try every letter of every word of the text.
    r"(?<![\w'’-])([^\W\d_][\w'’-]+),[ \t]?([^\W\d_][\w'’-]+)(?=[ \t|(]|$)",
    re.M,
)


# Where a match can start (a word and its comma after it, looked ahead for in C).
_AFTER_BREAK = re.compile(r"[\n|:][ \t]*(?=[^\W\d_][\w'’-]+,)")
_LONG_SPACE = re.compile(r"[ \t]{8,}(?=[^\W\d_][\w'’-]+,)")


def _at_line_starts(text: str) -> Iterator[re.Match[str]]:
    """``_SURNAME_FIRST.finditer(text)`` less the matches ``_surname_first`` drops for what
    is before them: tried only where the eight characters before, spaces and tabs left out,
    end with a line break, "|" or ":" or are nothing at all (the start of a line, a cell or a
    label's value). A match found from anywhere else would start inside no match tried here
    (the only place inside a match that a word can start is after its comma), so the matches
    kept are the same, in the same order, without trying every word of the text.
    """
    places = {match.end() for match in _AFTER_BREAK.finditer(text)}
    if "        " in text or "\t" in text:
        places.update(match.end() for match in _LONG_SPACE.finditer(text))
    places.add(len(text) - len(text.lstrip(" \t")))
    end = -1
    match_at = _SURNAME_FIRST.match
    for place in sorted(places):
        if place < end:
            continue
        match = match_at(text, place)
        if match is not None:
            end = match.end()
            yield match


def _surname_first(text: str, lex: Lexicon) -> Iterator[tuple[int, int, str]]:
    """ "Begum, Nusrat" at the start of a line or cell: a listed surname, a comma, a listed
    first name (registers and sign-in sheets sort by surname)."""
    if "," not in text:
        return
    for match in _at_line_starts(text):
        surname, first = match.group(1, 2)
        start, end = match.start(1), match.end(2)
        if not (surname[0].isupper() and first[0].isupper()):
            continue
        lead = text[max(0, start - 8) : start].rstrip(" \t")
        if lead and lead[-1] not in "\n\t|:":
            continue  # only at the start of a line, a cell or a label's value
        s_key, f_key = fold(surname), fold(first)
        if (
            s_key in lex.surnames
            and f_key in lex.first
            and s_key not in lex.proper
            and s_key not in lex.not_names
            and f_key not in lex.not_names
        ):
            yield start, end, "name"


_ACTION = re.compile(r"^[ \t]*([^\W\d_]+) to ([a-z]+)\b", re.MULTILINE)
_ACTION_AFTER_BREAK = re.compile(r"\n[ \t]*([^\W\d_]+) to ([a-z]+)\b")
"""``_ACTION`` after a line break: it opens with a character, so the regex engine goes from
line break to line break instead of trying every position of the text for a line start."""


def _action_matches(text: str) -> Iterator[re.Match[str]]:
    """``_ACTION.finditer(text)``: a match on the first line, then one per later line (a match
    never crosses a line break, so the groups found are the same, in the same order)."""
    first = _ACTION.match(text)
    if first is not None:
        yield first
    yield from _ACTION_AFTER_BREAK.finditer(text)


_NOT_ACTIONS = frozenset(_split("the a an be dusk do date day"))


def _actions(text: str, words: list[Token], lex: Lexicon) -> Iterator[tuple[int, int, str]]:
    """An action in notes: a lower-case first name opening a line, then "to" and a verb
    ("dawn to chase Facilities about the hoist")."""
    if " to " not in text:
        return
    for match in _action_matches(text):
        word, verb = match.group(1), match.group(2)
        key = fold(word)
        if not word.islower() or key not in lex.first or key in lex.not_names:
            continue
        if verb in _NOT_ACTIONS or key in _MONTHS or key in _DAYS or zipf(word) >= 5.0:
            continue
        yield match.start(1), match.end(1), "name"


_INITIAL = re.compile(r" [A-Z]\.?(?![\w.])")  # a tab is a cell boundary


def _with_initial(text: str, end: int) -> int:
    """Extend a name over a trailing initial: "Jane S." or "Tomasz W"."""
    if (
        text[end : end + 1] == "."
        and end >= 2
        and text[end - 2] in " \t"
        and text[end - 1].isupper()
    ):
        return end + 1  # the run ended on an initial: take its full stop
    match = _INITIAL.match(text, end)
    return match.end() if match else end


def name_words(spans: Iterable[str]) -> set[str]:
    """The words of found names worth looking for elsewhere: no initials, particles or titles."""
    lex = lexicon()
    found: set[str] = set()
    for span in set(spans):  # a document names the same people many times
        for token in tokens(span):
            key = token.key
            if len(key) < 2 or key in PARTICLES or key in TITLES or lex.is_not_name(key):
                continue
            found.add(key)
            found.add(token.text.casefold())  # the spelling used, accents and all
    return found


SHORT_FORM = 3
"""Letters of a chat's clipped first name ("kev" for Kevin, "dom" for Dominika)."""


def short_forms(confident: Iterable[str]) -> set[str]:
    """The clipped forms of the first names of a chat's people ("kev" when Kevin speaks).

    Chats clip names to their first syllable, in lower case. Only a clip that is on no name
    list, no ordinary word and rare in English counts ("war" from Warren, "tom" from Tomasz
    and "mat" from Matthew are not taken), and only from a first name of five letters or more.
    """
    lex = lexicon()
    found: set[str] = set()
    for key in confident:
        if len(key) < 5 or key not in lex.first or not key.isalpha():
            continue
        clip = key[:SHORT_FORM]
        if clip in lex.first or clip in lex.surnames or clip in lex.ordinary:
            continue
        if clip in _MONTHS or clip in lex.not_names or zipf(clip) >= 3.5:
            continue
        found.add(clip)
    return found


def _with_unlisted(text: str, words: list[Token], known: set[str]) -> list[Token]:
    """``words`` plus the lower-case occurrences of found names that are on no name list
    (so were left out of ``words``): "temitope" after "Temitope Balogun" was found."""
    lex = lexicon()
    unlisted = [w for w in known if w not in lex.first and w not in lex.surnames]
    if not unlisted:
        return words
    alternatives = "|".join(re.escape(w) for w in sorted(unlisted, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    starts = {w.start for w in words}
    extra: list[Token] = []
    for match in pattern.finditer(text):
        if match.start() in starts:
            continue
        for token in tokens(match.group())[:1]:
            extra.append(token._replace(start=match.start(), end=match.start() + len(token.text)))
    if not extra:
        return words
    return sorted([*words, *extra], key=lambda t: t.start)


_NOT_BEFORE_NAME = frozenset(
    _split(
        "the a an this that these those its our your their my his her at by from till until"
        " til before after since of in on every each some any no i we you they he she it who"
        " which what there here to be"
    )
)
"""Words before an ordinary word that make it the word ("at dawn", "a rose", "we will")."""


def propagate(
    text: str, words: list[Token], known: set[str], confident: frozenset[str] = frozenset()
) -> Iterator[tuple[int, int, str]]:
    """Every other occurrence of a found person's name words, in any case.

    A lower-case occurrence counts only when the word is not also an ordinary word ("rose"),
    unless the person is ``confident``: named in lower case or as a chat speaker elsewhere in
    the document, so the writer writes names as they come ("if robin swaps"); then only a word
    before it that makes it the ordinary word ("at dawn", "a rose") keeps it. A preceding
    initial ("J. Smith") and particle ("Ní") are taken in, and a surname just after a first
    name ("jun liu").
    """
    if not known:
        return
    lex = lexicon()
    words = _with_unlisted(text, words, known)
    # Most words are none of the people's: only the others are visited.
    for i in [i for i, token in enumerate(words) if token.key in known]:
        token = words[i]
        key = token.key
        after = _followed_by(text, token.end)
        if after in _ORG_WORDS and not token.possessive:
            continue  # "Holly Ward", "Rose Garden Suite"
        before = _preceded_by(text, token.start)
        if before in _DETERMINERS and token.shape != "lower":
            continue  # "the Bill of quantities"
        if key in lex.phrase_words and _is_fixed_phrase(text, [token], lex):
            continue  # "Grace period" in a document about Grace Hughes
        cue = (
            token.possessive
            or after in _PERSON_VERBS
            or _who_follows(text, token.end)
            # "Sue counted the float" in a document about Sue Pritchard: an ordinary word
            # ("sue", "will") is not followed by a verb in the past tense
            or (len(after) > 4 and after.endswith("ed") and token.shape == "cap")
        )
        if key in confident and before not in _NOT_BEFORE_NAME:
            # Not the commonest words in lower case ("ok will do", "i hope so"): those need a
            # cue of their own even in a chat.
            cue = cue or token.shape != "lower" or zipf(token.text) < 5.3
        if (
            token.shape == "lower"
            and after == "to"
            and text[token.start - 1 : token.start] in ("", "\n")
            and _word_after(text, token.end, 2).islower()
        ):
            cue = True  # an action at the start of a line: "dawn to chase Facilities"
        if token.shape == "lower" and (key in lex.ordinary or zipf(token.text) >= 5.0):
            if not (cue or strong_context(text, token.start)):
                continue
        elif (
            key in lex.ordinary
            and not cue
            and sentence_start(text, token.start)
            and not (i + 1 < len(words) and words[i + 1].key in known)
        ):
            continue  # "Will call back", "Dawn shift"
        if token.shape in ("cap", "upper") and _month_use(text, token):
            continue
        start = token.start
        j = i - 1
        while j >= 0 and words[j].end <= start:
            gap = text[words[j].end : start]
            prev = words[j]
            joins = prev.shape == "initial" or (prev.key in PARTICLES and prev.text[0].isupper())
            if gap in (" ", ". ") and joins:
                start = prev.start
                j -= 1
                continue
            break
        end = _with_surname(text, words, i, known, lex)
        if end == token.end and key in confident and token.shape == "lower":
            end = _with_rare_word(text, token.end, lex)
        yield start, end, "name"


_NEXT_LOWER = re.compile(r" ([a-zà-ÿąćęłńóśźżăâîșțőű]{3,})\b")


def _with_rare_word(text: str, end: int, lex: Lexicon) -> int:
    """After a lower-case name the writer uses as a name ("vanesa stan says"), the next
    lower-case word when it is a surname or no English word at all ("aleks szeszko")."""
    match = _NEXT_LOWER.match(text, end)
    if not match:
        return end
    word = match.group(1)
    key = fold(word)
    if key in lex.not_names or key in _MONTHS or key in _DAYS:
        return end
    if key in lex.first and key not in lex.surnames:
        return end
    rare = zipf(word) < 2.5 if key not in lex.surnames else zipf(word) < 4.5
    return match.end(1) if rare and key not in lex.ordinary else end


def _with_surname(text: str, words: list[Token], i: int, known: set[str], lex: Lexicon) -> int:
    """The end of ``words[i]``, or of the listed surname that follows it in the same case."""
    token = words[i]
    if i + 1 >= len(words) or (token.key in lex.surnames and token.key not in lex.first):
        return token.end  # only after a first name (or a found name on no list)
    nxt = words[i + 1]
    if (
        text[token.end : nxt.start] == " "
        and nxt.key not in known
        and nxt.shape == token.shape
        and nxt.shape in ("lower", "cap")
        and nxt.key in lex.surnames
        and nxt.key not in lex.ordinary
        and nxt.key not in lex.not_names
        and zipf(nxt.text) < 4.0
    ):
        return nxt.end
    return token.end


def _before_organisation(words: list[Token], lex: Lexicon) -> list[Token]:
    """The words of a cell before an organisation begins in it: an acronym or an organisation
    word after the name ("Nusrat NHS Community Team", where OCR lost the gap between cells)."""
    mixed = any(w.shape == "cap" for w in words)
    for index, word in enumerate(words[1:], start=1):
        acronym = (
            mixed and word.shape == "upper" and len(word.text) <= 4 and not lex.is_name(word.text)
        )
        if acronym or (word.key in _ORG_WORDS and word.key not in lex.surnames):
            return words[:index]
    return words


def cell_names(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Names in a table cell or field whose header or label says it holds people.

    Each comma, slash, "&" or "and" separated part that is one to five words long and not a
    role or team word is taken whole ("Jane Smith", "tomasz w.", "J. O'Neill").
    """
    lex = lexicon()
    cell = text[start:end]
    for part in re.finditer(r"[^,/&;\n+()]+", cell):
        piece = part.group()
        for sub in re.split(r"\s+and\s+", piece):
            offset = start + part.start() + piece.find(sub)
            words = tokens(sub)
            if not words or len(words) > 5 or any(c.isdigit() for c in sub):
                continue
            if any(w.shape == "cap" for w in words) and any(
                w.shape == "lower" and w.key in lex.not_names and w.key not in PARTICLES
                for w in words
            ):
                continue  # a phrase ("Escalated to Rostering"), not a name written in a cell
            if _job_title_run(words, lex) or is_role_phrase(words, lex):
                continue  # "Assistant Buyer", "Kitchen Porter": a job, not who does it
            content = [w for w in words if w.key not in lex.not_names and w.key not in TITLES]
            content = _before_organisation(content, lex)
            if not content or len(content) < len(words) - 2:
                continue
            if all(zipf(w.text) >= 4.5 and not lex.is_name(w.text) for w in content):
                continue  # "Off", "Holiday", "Training"
            shaped = all(
                w.shape in ("cap", "upper", "initial")
                or w.key in PARTICLES
                or (w.key in lex.first and w.key not in lex.ordinary)
                for w in content
            )
            informal = (
                len(content) <= 3
                and all(w.shape == "lower" for w in content)
                and any(lex.is_name(w.text) for w in content)
                and all(zipf(w.text) < (5.0 if lex.is_name(w.text) else 3.5) for w in content)
            )  # "xiaoming chen", "maria kinlan" typed in lower case in a Name column
            if not (shaped or informal):
                continue  # "Wet floor signs", "mop rota"
            first = content[0].start
            last = content[-1].end
            yield offset + first, _with_initial(text, offset + last), "name"
