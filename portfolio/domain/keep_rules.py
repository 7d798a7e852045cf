"""The rules of the learner's kept list: words they said are not personal, left in every document.

The rules, kept here so the services, the CLI and the review dialog all apply the same ones:

- **Only words are remembered.** A finding the detector guessed from words (category "name":
  the guesses that take a product, a supplier or a place for a person) may be remembered. A
  pattern finding (e-mail, phone, postcode, NHS or NI number, card, bank, date, street address)
  is matched by its form, so it is personal far more often than not, and one kept by mistake
  would then pass in every later document unseen: those are kept one document at a time. A text
  with a digit or an "@" is never remembered for the same reason, whatever it was found as.
- **Exact text only.** A keep covers a finding whose text is the same after the anonymiser's own
  ``rejected`` normalisation (``text_match.normalise``: case and spacing), never a longer or
  shorter one: keeping "Dettol" leaves "Dettol Smith" to be removed.
- **Not where it is part of a name.** A kept word that, in the document at hand, is also part
  of a longer name found there ("Hobart" beside "Hobart Smith") is not applied in that
  document: there the word most likely names that person (the detector carries a person's
  name to each of its parts), so it is removed, and the review dialog says why.
- **The term list wins.** A kept text that is on the term list, or holds a term as a whole word
  ("Hobart Smith" when "Smith" is a term), is not applied: the word is removed. The learner's
  lists screen says so beside the kept word.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from portfolio.domain.text_match import normalise

REMEMBERED_CATEGORIES = frozenset({"name"})
MIN_CHARS = 2
MAX_CHARS = 200
_NOT_A_WORD = re.compile(r"[0-9@]")


def key(text: str) -> str:
    """The form a kept text is stored and compared in (as the anonymiser compares findings)."""
    return normalise(text)


def refusal(text: str) -> str | None:
    """Why ``text`` cannot go on the kept list, or None when it can."""
    cleaned = " ".join(text.split())
    if len(cleaned) < MIN_CHARS:
        return "A word to keep must be at least two characters long."
    if len(cleaned) > MAX_CHARS:
        return f"A word to keep is at most {MAX_CHARS} characters long."
    if _NOT_A_WORD.search(cleaned):
        return (
            f"“{cleaned}” has a digit or an @ in it: numbers, e-mail addresses and dates are "
            "kept one document at a time, never for every document."
        )
    return None


def can_remember(category: str, text: str) -> bool:
    """True when a finding the learner unticked may join the kept list."""
    return category in REMEMBERED_CATEGORIES and refusal(text) is None


def overriding_term(text: str, terms: Iterable[str]) -> str | None:
    """The term-list word that wins over keeping ``text`` (the same text, or a term that is a
    whole word or phrase within it), or None."""
    kept = f" {key(_words(text))} "
    for term in terms:
        wanted = key(_words(term))
        if wanted and f" {wanted} " in kept:
            return term
    return None


def shadowed(kept: Iterable[str], names: Iterable[str]) -> set[str]:
    """The keys of the kept texts that are a whole word or phrase of a longer name in
    ``names`` (the texts of one document's name and term findings): not applied there."""
    found = {f" {key(_words(n))} " for n in names}
    out: set[str] = set()
    for text in kept:
        words = key(_words(text))
        if words and any(f" {words} " in name and name.strip() != words for name in found):
            out.add(key(text))
    return out


def in_force(kept: Sequence[str], terms: Sequence[str]) -> list[str]:
    """The kept texts the anonymiser should leave: ``kept`` less those a term overrides."""
    return [text for text in kept if overriding_term(text, terms) is None]


def _words(text: str) -> str:
    # Punctuation is a word boundary here ("Smith's", "Hobart-Smith" hold "Smith"), so a term
    # inside a kept text is found however it is written next to it.
    return re.sub(r"[^\w]+", " ", text)


def review_changes(
    reviewed: Iterable[tuple[str, str, bool]], remembered: Collection[str]
) -> tuple[list[str], list[str]]:
    """What storing a reviewed document does to the kept list: ``reviewed`` is each finding's
    (category, text, left unticked) and ``remembered`` the keys of the kept words in force.
    Returns (texts to remember, texts to forget): a word the learner unticked everywhere in the
    document joins the list when it may be remembered; a remembered word they ticked again
    anywhere leaves it (removing wins when the document says both)."""
    texts: dict[str, str] = {}
    rememberable: dict[str, bool] = {}
    unticked_everywhere: dict[str, bool] = {}
    for category, text, unticked in reviewed:
        text_key = key(text)
        texts.setdefault(text_key, text)
        rememberable[text_key] = rememberable.get(text_key, True) and can_remember(category, text)
        unticked_everywhere[text_key] = unticked_everywhere.get(text_key, True) and unticked
    keep = [
        texts[k]
        for k, unticked in unticked_everywhere.items()
        if unticked and k not in remembered and rememberable[k]
    ]
    forget = [
        texts[k] for k, unticked in unticked_everywhere.items() if not unticked and k in remembered
    ]
    return keep, forget
