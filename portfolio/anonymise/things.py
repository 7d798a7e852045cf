"""Nouns that say the capitalised words before them name a make, not a person.

A make is written before the kind of thing it makes ("Alan Titchmarsh range", "Dr Martens
boots", "Hartley's jelly", "Morphy Richards toaster"); a person is followed by a verb, a
role or their people ("Alan Reid covered", "Jane Smith nurse", "Tom Reed family"). The nouns
here are categories of goods a workplace buys, stocks or uses (food, cleaning and care
consumables, tools, appliances, clothing sold by brand, garden stock), written once in the
singular with their plural made by rule. They are category words, not brands: no list of makes
is kept, so a make nobody wrote down is still known by the noun it stands before.

Left out on purpose: what a person has or is given in care and school notes (tablets,
medication, glasses, slippers, chair, bed, room, notes, file, lunch, tea, dinner, bag, coat,
phone, keys, uniform), because "Mrs Okafor tablets" written without its apostrophe is still
Mrs Okafor's.
"""

from __future__ import annotations

import re

from portfolio.anonymise.lexicon import Lexicon

_GOODS = """
jelly jam marmalade crisp cracker biscuit cake pie pizza rice pasta noodle soup sauce ketchup
mayonnaise gravy cereal oats porridge yoghurt yogurt custard pudding trifle roastie turkey
sausage burger nugget chocolate squash juice cordial lemonade gin vodka whisky whiskey
rum wine lager beer cider teabag couscous flour stuffing coleslaw sweets mustard pesto
vinegar crumpet muffin macaroon digestives salt slice chutney relish
shampoo conditioner serum hairspray polish bleach detergent fluid wipe lotion gel soap
handwash sanitiser sanitizer toothpaste deodorant moisturiser ointment plaster nappy pouch
hoover vacuum kettle toaster mixer blender dryer straightener tong microwave dishwasher drill
saws blade knife hoist sling trolley ladder mower strimmer trimmer printer laptop headset
range boot clog trainers welly glove overall
roses compost seeds bulb shrub primer varnish sealant adhesive anchor fixings
"""

_PRODUCE = """
apple pear plum potato tomato strawberry raspberry cherry grape peach apricot gooseberry
onion leek carrot parsnip sprout cabbage lettuce peas beans
"""
"""Produce whose varieties are named like people ("Victoria plums", "Maris Piper
potatoes", "Cox apples")."""

_IRREGULAR = {"knife": "knives", "potato": "potatoes", "tomato": "tomatoes"}


def _words(words: str) -> list[str]:
    """The words of a space-separated list (kept as one string so the lists stay compact)."""
    return words.split()


def _forms(words: str) -> frozenset[str]:
    """Each word and its plural (a word written in the plural is kept as it is)."""
    forms: set[str] = set()
    for word in _words(words):
        forms.add(word)
        if word.endswith("s"):
            continue  # written plural only: its singular is a verb ("saw", "rose", "trainer")
        if word in _IRREGULAR:
            forms.add(_IRREGULAR[word])
        elif word.endswith(("sh", "ch", "x", "s")):
            forms.add(word + "es")
        elif word.endswith("y") and word[-2:-1] not in "aeiou":
            forms.add(word[:-1] + "ies")
        else:
            forms.add(word + "s")
    return frozenset(forms)


PRODUCE_NOUNS = _forms(_PRODUCE)
"""Produce, singular and plural: a variety's name stands before it."""
PRODUCT_NOUNS = _forms(_GOODS) | PRODUCE_NOUNS
"""Goods a make stands before, singular and plural ("range", "boots", "jelly", "toasters"),
and produce, whose varieties are named like people ("Victoria plums")."""

_NEXT_WORD = re.compile(r"(?:['’]s)?[ \t]+([a-z]+)\b")


_VERB_OBJECTS = frozenset(
    _words(
        "the a an his her their its our my your this that these those all every each some it"
        " them him down up out off round over said says told asked"
    )
)
"""Words after a goods noun that make it a verb ("wipes the", "hoovers round", "boots up")."""


_PRODUCT_LINE = re.compile(r"[ \t]+(range|ranges)\b")
"""A product line after one word of its kind ("baking range", "garden range")."""


def product_noun_after(text: str, end: int, lex: Lexicon) -> str:
    """The goods noun written right after ``end`` ("range" in "Alan Titchmarsh range on bay
    2"), or "" when none follows or the word after it makes the run a speaker ("Toast said")."""
    match = _NEXT_WORD.match(text, end, end + 30)
    if match is None:
        return ""
    noun = match.group(1)
    if noun not in PRODUCT_NOUNS:
        line = _PRODUCT_LINE.match(text, match.end(), match.end() + 12)
        if line is None:
            return ""
        noun = line.group(1)  # "Dr. Oetker baking range": a kind, then the product line
    if noun in lex.not_names:
        return ""
    following = _NEXT_WORD.match(text, match.end(), match.end() + 20)
    if following is not None and following.group(1) in _VERB_OBJECTS:
        return ""  # "Jane Smith wipes the tables", "Tom hoovers round": a person acting
    return noun


EPONYM_NOUNS = _forms(
    "key bandage manoeuvre maneuver collar splint technique stitch knot valve clamp forceps"
    " grips wrench spanner burner lamp syndrome protocol"
    " programme program award scholarship prize medal fellowship bursary"
)
"""Equipment and procedures named after the person who made them ("Allen key", "Robert Jones
bandage", "Heimlich manoeuvre", "Mole grips"), and programmes and awards named after the
person they honour ("Mary Seacole programme", "Elizabeth Garrett Anderson programme"): the
noun alone closes the phrase. Not "test", "score", "sign" or "position", which follow a
person's name in forms ("Jane Smith sign here"), nor "certificate" or "diploma", which a
training record writes after the holder's name ("Jane Smith certificate due")."""

_CLOSES = re.compile(r"[ \t]*(?:$|[.,;:!?)\n]|(?:for|on|in|at|to|with|and|or|is|was)\b)")


def eponym_noun_after(text: str, end: int) -> bool:
    """True when an eponym noun follows ``end`` and closes the phrase ("the 10mm Allen key
    and", "Robert Jones bandage for 48 h")."""
    match = _NEXT_WORD.match(text, end, end + 30)
    if match is None or match.group(1) not in EPONYM_NOUNS:
        return False
    return _CLOSES.match(text, match.end(), match.end() + 8) is not None
