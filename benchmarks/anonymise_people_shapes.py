"""The person side of the rules that keep things named like people (issue #15).

    PYTHONPATH=. python benchmarks/anonymise_people_shapes.py [--verbose]

Writes people into sentences shaped like the things the detector keeps (a possessive before
capitalised words and goods, a list of goods, a number or a price beside the name, a letter
after digits, a listed firm's name after "from", a route) and into neutral sentences, and counts
the mentions whose name is left in the text. Run it on two checkouts (the branch and its base)
and compare: a rule that keeps a thing must not start leaving people in. Names come from the
detector's own name lists (a fixed seed), the listed firms and places from the gazetteer; no
corpus is read.
"""

from __future__ import annotations

import argparse
import random

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.gazetteer import gazetteer
from portfolio.anonymise.lexicon import lexicon, zipf

SHAPES = {
    "possessive, capital, goods": [
        "{F}'s Christmas cake is in the fridge.",
        "{F}'s Birthday biscuits are on the side.",
        "{F}'s Special sauce went in the bin.",
        "{F}'s Leaving cake is in the staff room.",
        "{F}'s Special sauce went in the fridge.",
        "{S}'s Classic chutney is on the side.",
    ],
    "possessive, capital": ["I saw {F}'s Harley outside.", "{S}'s Golf is in bay 3."],
    "goods in a list": [
        "{F} {S} juice and Heinz soups are on the trolley.",
        "Put {F} {S} soup with the Tesco sauces.",
        "{F} {S} juice and Alan Price biscuits are on the trolley.",
        "{F}'s biscuits and Alan Price biscuits are on the trolley.",
        "{F}'s crackers and Heinz soups are on the trolley.",
    ],
    "into, name, number": ["Bumped into {F} 2 times today.", "Ran into {F} {S} 3 weeks ago."],
    "title, name, plural": ["Mr {S} Cakes are on the menu.", "Mrs {S} Biscuits are in the tin."],
    "letter after digits": ["Room 12A {F} {S} moved in today.", "Fitted by 3B {F} {S} on Monday."],
    "numbers and prices": [
        "Paid {F} {S} £20 for the cover.",
        "Baby {F} {S} 950g at birth.",
        "The case of Mrs {S} was reviewed.",
        "Gave 2 x tablets to {F} {S}.",
        "{F} {S} 84, lives alone.",
        "A photo of {F} {S} was taken.",
        "Ordered 3 packs of gloves for {F} {S}.",
    ],
    "neutral": [
        "{F} {S} is off today.",
        "Handed the keys to {F}.",
        "Got a message from {F} {S}.",
        "Mr {S} rang about the van.",
        "{F}'s shift was swapped with mine.",
    ],
}
"""Sentences per shape; person i gets sentence i modulo the shape's count."""

AFTER_A_POSSESSIVE = [
    "Jane's {W} is off sick today.",
    "Tesco's {W} rang about the order.",
    "Ask Tesco's {W} about the order.",
    "The client's {W} will collect her.",
    "{W} said the order is late.",
]
"""People whose first name is an ordinary English word ("Rob", "Buddy"), after a possessive."""

LISTED = [
    "{X} is off today.",
    "Handed the keys to {X}.",
    "Got a message from {X}.",
    "{X} will cover the late shift.",
    "Spoke with {X} about the rota.",
    "Thanks to {X} for the help.",
    "Meeting with {X} at 10.",
    "Got a text from {X} about the invoice.",
    "A statement from {X} was taken.",
    "Keys handed from {X} to {X}.",
    "Sent the refund to {X}.",
    "Asked {X} to check the stock.",
]
"""People named exactly like a listed firm or place made only of common names."""


def _names(sentence: str) -> str:
    return " ".join(f.text for f in find_personal_data(sentence) if f.category == "name")


def _people(count: int) -> list[tuple[str, str]]:
    lex = lexicon()

    def common(table: dict[str, float]) -> list[str]:
        words = [k for k, v in table.items() if v >= 2e-4 and k.isascii() and k.isalpha()]
        return sorted((k for k in words if len(k) > 2), key=lambda k: -table[k])[:400]

    rng = random.Random(9)
    firsts = rng.sample(common(lex.first), count)
    surnames = rng.sample(common(lex.surnames), count)
    return [(f.capitalize(), s.capitalize()) for f, s in zip(firsts, surnames, strict=True)]


def shapes(verbose: bool) -> tuple[int, int]:
    """Mentions left in, and mentions written, over ``SHAPES``."""
    left = written = 0
    for index, (first, surname) in enumerate(_people(120)):
        for shape, sentences in SHAPES.items():
            template = sentences[index % len(sentences)]
            sentence = template.format(F=first, S=surname)
            found = _names(sentence).split()
            wanted = [w for w, key in ((first, "{F}"), (surname, "{S}")) if key in template]
            written += 1
            if any(w not in found and w + "'s" not in found for w in wanted):
                left += 1
                if verbose:
                    print("left in |", shape, "|", sentence, "|", " ".join(found))
    return left, written


def after_a_possessive(verbose: bool) -> tuple[int, int]:
    """Mentions left in, and mentions written, over ``AFTER_A_POSSESSIVE``."""
    lex = lexicon()
    words = sorted(
        k
        for k, v in lex.first.items()
        if 1e-6 < v < 1e-4
        and k.isascii()
        and k.isalpha()
        and zipf(k) >= 4.0
        and lex.surnames.get(k, 0.0) < 1e-4
        and k not in lex.not_names
    )
    left = written = 0
    for word in words:
        name = word.capitalize()
        for template in AFTER_A_POSSESSIVE:
            sentence = template.format(W=name)
            written += 1
            if name not in _names(sentence).split():
                left += 1
                if verbose:
                    print("left in | after a possessive |", sentence)
    return left, written


def listed(verbose: bool) -> tuple[int, int]:
    """Mentions left in, and mentions written, over ``LISTED``."""
    lex = lexicon()

    def common(word: str) -> bool:
        return lex.first.get(word, 0.0) >= 5e-5 or lex.surnames.get(word, 0.0) >= 1e-4

    keys = sorted(
        k
        for k in gazetteer().names
        if len(k.split()) <= 3 and all(w.isalpha() and common(w) for w in k.split())
    )
    left = written = 0
    for key in keys:
        name = " ".join(w.capitalize() for w in key.split())
        for template in LISTED:
            sentence = template.format(X=name)
            mentions = sentence.count(name)
            found = [f for f in find_personal_data(sentence) if f.category == "name" and f.text]
            removed = sum(1 for f in found if name.split()[-1] in f.text)
            written += mentions
            if removed < mentions:
                left += mentions - removed
                if verbose:
                    print("left in | listed |", sentence)
    return left, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every mention left in")
    verbose = parser.parse_args().verbose
    for title, check in (
        ("people in the shapes of kept things", shapes),
        ("ordinary-word first names after a possessive", after_a_possessive),
        ("people named like listed firms and places", listed),
    ):
        left, written = check(verbose)
        print(f"{title}: {left} of {written} mentions left in")


if __name__ == "__main__":
    main()
