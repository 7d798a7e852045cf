"""Dishes named after people: a food word beside the name says the words are a dish.

Kitchens name dishes after the people they honour, and English writes the food word beside
the name in one of two places:

- after it, the kind of dish: "Sally Lunn bun", "Chelsea buns", "Caesar salad" (a cake,
  pudding, pie, salad, sauce ... named by who or where it comes from), and in a menu's Title
  Case "Arnold Bennett Omelette", "Jenny Lind Pudding";
- before it, the food the dish is made of, in the French order menus keep: "Omelette Arnold
  Bennett", "Sole Véronique", "Tournedos Rossini", "Eggs Benedict", "Crêpes Suzette",
  "Chicken Kiev", "Pizza Margherita", "Oysters Rockefeller".

A person is not written so: a person's name is followed by what they do or have ("Jenny Lind
helped"), and nobody's first name is "Omelette" or "Tournedos". Food words that are also
first names people are given ("Olive", "Basil", "Rosemary", "Ginger", "Cherry") are left out
of the second kind, so "Olive Bennett" stays a person. Neither is a word list of dishes: a
dish nobody wrote down is still known by its food word.
"""

from __future__ import annotations

import re

from portfolio.anonymise.lexicon import Lexicon, fold

_DISH_KINDS = """
pudding tart pie cake sponge bun salad soup sauce mess hotpot trifle crumble scone loaf
sandwich omelette stew curry broth pasty flan roulade torte gateau muffin biscuit bread
pancake fritter kebab steak chop cutlet pâté terrine mousse fool souffle soufflé sundae
casserole risotto dressing gravy stuffing relish chutney crumpet teacake slice bake roll
cotta brûlée brulee
"""
"""The kinds of dish written after the name they carry ("Victoria sponge", "Bath buns")."""

_DISH_FOODS = """
omelette omelet eggs oeufs sole tournedos chicken poulet beef boeuf pork lamb veal duck
canard salmon haddock lobster oysters prawns scallops mussels crêpes crepes pancakes pêches
peach peaches pear pears poire poires pommes apple potatoes pizza pasta spaghetti fettuccine
fettucine penne
steak fillet filet bananas apples soup potage tarte gâteau gateau cake pudding cod plaice
trout turbot halibut mackerel gammon turkey pheasant venison rabbit quail
"""
"""The food a dish is made of, written before the name it carries ("Sole Véronique")."""

_FIRST_NAME_SHARE = 3e-5
"""A food word given as a first name at least this often ("Olive", "Basil") names a person."""


def _forms(words: str) -> frozenset[str]:
    found: set[str] = set()
    for word in words.split():
        found.add(fold(word))
        if not word.endswith("s"):
            found.add(fold(word + ("es" if word.endswith(("ch", "sh")) else "s")))
    return frozenset(found)


DISH_KINDS = _forms(_DISH_KINDS)
DISH_FOODS = frozenset(fold(word) for word in _DISH_FOODS.split())

_KIND_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")
_CLOSES = re.compile(
    r"[ \t]*(?:$|\d|[.,;:!?)(|\n\t/–—-]"
    r"|(?:with|and|or|for|on|in|at|to|from|is|needs|served|before|after|per|each|x)\b)"
)
"""After the dish kind: the end of the phrase or what a menu writes next ("Jenny Lind pudding
with custard", "Victoria sponge, jam"); not a verb the person did ("Jenny Lind pudding
refused" is her pudding)."""


def dish_kind_after(text: str, end: int) -> bool:
    """True when a kind of dish follows ``end`` in lower case and closes the phrase ("Sally
    Lunn bun on the trolley", "Chelsea buns."); "Jenny Lind pudding refused" is not a dish
    (what she had, written without its apostrophe). The caller also wants a word no family
    is commonly called, or the dish in the plural: "Doris Evans soup at 12" is hers."""
    match = _KIND_AFTER.match(text, end, end + 30)
    if match is None:
        return False
    word = match.group(1)
    if not word.islower() or fold(word) not in DISH_KINDS:
        return False
    return _CLOSES.match(text, match.end(), match.end() + 12) is not None


def ends_with_dish(last: str, key: str, lex: Lexicon) -> bool:
    """True when ``last`` (the last word of a run, its key ``key``), capitalised as menus
    write every word, is a kind of dish and no family name of any frequency ("Arnold
    Bennett Omelette", "Jenny Lind Pudding", "Victoria Sponge"; not "Ann Bread")."""
    if not last[:1].isupper() or key not in DISH_KINDS:
        return False
    return lex.surnames.get(key, 0.0) < _FIRST_NAME_SHARE and key not in lex.first


def opens_with_food(first: str, key: str, lex: Lexicon) -> bool:
    """True when ``first`` (the first word of a run, its key ``key``) is the food a dish is
    made of and no first name people are given ("Omelette", "Sole", "Tournedos"; not "Olive")."""
    if not first[:1].isupper() or key not in DISH_FOODS:
        return False
    return lex.first.get(key, 0.0) < _FIRST_NAME_SHARE
